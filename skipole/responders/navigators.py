"""Navigators: responders that route a call without user code."""

from ..exceptions import ValidateError
from .base import Responder, widgfield_key

__all__ = ["CaseSwitch", "EmptyGoto", "EmptyCallDataGoto", "DelCallDataItem", "AddCallDataItem", "NoOperation"]


def _call_data_key(text):
    key = widgfield_key(text) if isinstance(text, str) else text
    return key


class CaseSwitch(Responder):
    """Goes to the page its fields map the submitted value of ``widgfield`` to.

    Fields: ``{value: target}``; a value not listed (or no value) goes to ``alternate_ident``.
    """

    reads_fields = True

    def respond(self, call):
        value = call.received.get(widgfield_key(self.widgfield or ""))
        if value is not None and str(value) in self.fields:
            return self.fields[str(value)]
        return self.alternate


class EmptyGoto(Responder):
    """Goes to ``target_ident`` when the submitted ``widgfield`` is empty or missing, else to
    ``alternate_ident``.  The call must come from a known page (in ``allowed_callers`` when
    set), otherwise it is refused."""

    reads_fields = True

    def respond(self, call):
        if call.caller_page is None:
            raise ValidateError("This request must be sent from a page of this site.")
        self.check_caller(call)
        value = call.received.get(widgfield_key(self.widgfield or ""))
        return self.target if value in (None, "", [], {}) else self.alternate


class EmptyCallDataGoto(Responder):
    """Goes to ``target_ident`` when ``call_data[key]`` is empty or missing, else to
    ``alternate_ident``.  The key is the responder's ``widgfield`` setting (or its single field)."""

    def respond(self, call):
        key = self.widgfield or next(iter(self.fields), "")
        value = call.skicall.call_data.get(_call_data_key(key), call.skicall.call_data.get(key))
        return self.target if value in (None, "", [], {}) else self.alternate


class DelCallDataItem(Responder):
    """Removes ``call_data[key]`` (key: the ``widgfield`` setting) and goes to ``target_ident``."""

    def respond(self, call):
        key = self.widgfield or next(iter(self.fields), "")
        call.skicall.call_data.pop(_call_data_key(key), None)
        call.skicall.call_data.pop(key, None)
        return self.target


class AddCallDataItem(Responder):
    """Adds each ``{key: value}`` of its fields to ``call_data`` and goes to ``target_ident``."""

    def respond(self, call):
        for key, value in self.fields.items():
            call.skicall.call_data[_call_data_key(key)] = value
        return self.target


class NoOperation(Responder):
    """Goes straight to ``target_ident``: gives a URL to a page kept in a restricted folder."""

    def respond(self, call):
        return self.target
