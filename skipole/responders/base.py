"""The responder base: reading a RespondPage's settings and the steps responders share.

A responder's ``respond(call)`` returns where the call goes next (an ident, label or URL) or
a finished ``Response``.  ``call`` is the lifecycle's ``CallState``: it holds the skicall, the
submitted fields mapped to widgfields, and the operations below rely on it.
"""

from ..exceptions import ValidateError

__all__ = ["Responder", "widgfield_key"]


def widgfield_key(text):
    """``"alias-widget:field"`` → ``("alias", "widget", "field")``; ``"widget:field"`` → pair.

    Anything without a colon is returned unchanged (a plain key).
    """
    if isinstance(text, (tuple, list)):
        return tuple(text)
    text = str(text)
    if ":" not in text:
        return text
    name, _, field = text.partition(":")
    alias, dash, widget = name.partition("-")
    if dash and alias and widget:
        return (alias, widget, field)
    return (name, field)


class Responder:
    """Base class of every responder.

    Settings come from the RespondPage's ``original_args`` (target_ident, fail_ident,
    alternate_ident, allowed_callers, submit_list, submit_option, validate_option,
    validate_fail_ident, widgfield, ...) and ``original_fields`` (meaning per responder).
    """

    #: Does this responder call ``submit_data`` (shown in the admin)?
    calls_submit = False
    #: Does it read submitted widget fields (these requests need a CSRF token)?
    reads_fields = False

    def __init__(self, page):
        self.page = page
        settings = page.settings
        self.args = settings.get("original_args") or {}
        self.fields = settings.get("original_fields") or {}
        a = self.args
        self.target = a.get("target_ident")
        self.fail = a.get("fail_ident")
        self.alternate = a.get("alternate_ident")
        self.allowed_callers = a.get("allowed_callers") or []
        self.submit_list = list(a.get("submit_list") or [])
        self.submit_option = bool(a.get("submit_option", False))
        self.validate_option = bool(a.get("validate_option", False))
        self.validate_fail = a.get("validate_fail_ident")
        self.widgfield = a.get("widgfield")

    @property
    def name(self):
        return type(self).__name__

    def respond(self, call):  # pragma: no cover - overridden
        raise NotImplementedError

    # ---- shared steps -----------------------------------------------------------------------
    def check_caller(self, call):
        """Refuse a call whose caller is not in ``allowed_callers`` (when that is set).

        The caller is the previous responder when this one was reached from another responder,
        otherwise the page that sent the form (as in skipole 5.x).
        """
        if not self.allowed_callers:
            return
        allowed = {call.resolve_ident(c) for c in self.allowed_callers}
        ident_list = call.skicall.ident_list
        caller = ident_list[-2] if len(ident_list) > 1 else call.caller
        if caller is None or caller not in allowed:
            raise ValidateError("This form was not sent from a page allowed to send it.")

    def has_caller(self, call):
        """For responders that need a caller page: True to go on, False to go to ``alternate_ident``.

        A call without a known caller page goes to the alternate page (a validate error when
        none is set); a caller not allowed is refused.
        """
        if call.caller_page is None:
            if self.alternate in (None, ""):
                raise ValidateError("This request must be sent from a page of this site.")
            return False
        self.check_caller(call)
        return True

    def require_caller(self, call):
        """With ``allowed_callers`` set, a call without an allowed caller is refused."""
        self.check_caller(call)

    def field_keys(self):
        """The configured widgfields (keys of ``original_fields``) as tuples."""
        return [widgfield_key(k) for k in self.fields]

    def store(self, call, keyed=False):
        """Copy the configured fields into ``call_data`` (by widgfield or by key); a listed
        field that was not submitted is stored as ''."""
        for raw_key, key_name in self.fields.items():
            wf = widgfield_key(raw_key)
            value = call.received.get(wf, "")
            if isinstance(value, (list, dict)):
                value = value.copy()
            call.skicall.call_data[key_name if (keyed and key_name) else wf] = value

    def check_allowed(self, call):
        """Refuse submitted widget fields not listed in ``original_fields``; fill missing ones with ''."""
        allowed = set(self.field_keys())
        extra = [wf for wf in call.received if wf not in allowed]
        if extra:
            raise ValidateError("Unexpected fields were submitted.")
        for wf in allowed:
            call.received.setdefault(wf, "")

    def validate(self, call):
        """Run the caller page's validators on this responder's fields (if ``validate_option``).

        A listed field that was not submitted is validated as ''; without a caller page
        nothing can be validated, which counts as a failure.  Returns the target to go to on
        failure, or None when everything passed.
        """
        if not self.validate_option:
            return None
        if call.caller_page is None:
            failed = {None: "The submitted data cannot be validated: the sending page is not known."}
            call.add_error(failed[None])
        else:
            failed = call.validate_received(self.field_keys())
        if not failed:
            return None
        call.skicall.call_data["failed_validation"] = True
        if self.validate_fail not in (None, ""):
            return self.validate_fail
        raise ValidateError(next(iter(failed.values())))

    def submit(self, call, **extra):
        """Call ``submit_data`` with this responder's ``submit_list`` and a submit_dict."""
        return call.submit(self, extra)
