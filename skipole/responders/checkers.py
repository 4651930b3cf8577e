"""Checkers: responders that accept, validate and store submitted form data."""

import pprint

from .base import Responder, widgfield_key

__all__ = ["AllowedFields", "StoreData", "StoreDataKeyed", "AllowStore", "AllowStoreKeyed",
           "PrettyFormData", "Accept", "AllowedAccept", "PageData"]


class AllowedFields(Responder):
    """Accepts only the widget fields listed in its fields; missing ones become ''.

    Any other submitted widget field refuses the call (validate error).  A call without a
    caller page goes to ``alternate_ident``; the caller must be in ``allowed_callers`` when
    that is set.  Optionally validates (``validate_option``) and calls ``submit_data``
    (``submit_option``) with ``submit_dict['received_data']``; then goes to ``target_ident``.
    """

    reads_fields = True

    def respond(self, call):
        if not self.has_caller(call):
            return self.alternate
        self.check_allowed(call)
        failed = self.validate(call)
        if failed is not None:
            return failed
        if self.submit_option:
            received = {}
            for wf in self.field_keys():
                value = call.received.get(wf, "")
                received[wf] = value.copy() if isinstance(value, (list, dict)) else value
            self.submit(call, received_data=received)
        return self.target


class StoreData(Responder):
    """Stores the listed submitted fields in ``call_data`` keyed by (widget, field).

    Optionally validates them (``validate_option``) and calls ``submit_data``
    (``submit_option``); a FailPage raised there goes to ``fail_ident``.
    """

    reads_fields = True
    keyed = False

    def respond(self, call):
        failed = self.validate(call)
        if failed is not None:
            return failed
        self.store(call, keyed=self.keyed)
        if self.submit_option:
            self.submit(call)
        return self.target


class StoreDataKeyed(StoreData):
    """As StoreData, but each field is stored in ``call_data`` under the key given in its fields."""

    keyed = True


class AllowStore(Responder):
    """The usual form responder: AllowedFields, then validation, StoreData and an optional submit.

    Checks the caller against ``allowed_callers`` (no caller → ``alternate_ident``), refuses
    unlisted fields, validates (``validate_option`` → ``validate_fail_ident``), stores the
    fields in ``call_data`` by (widget, field), calls ``submit_data`` when ``submit_option``
    is set, then goes to ``target_ident``.
    """

    reads_fields = True
    keyed = False
    calls_submit = True

    def respond(self, call):
        if not self.has_caller(call):
            return self.alternate
        self.check_allowed(call)
        failed = self.validate(call)
        if failed is not None:
            return failed
        self.store(call, keyed=self.keyed)
        if self.submit_option:
            self.submit(call)
        return self.target


class AllowStoreKeyed(AllowStore):
    """As AllowStore, but fields are stored in ``call_data`` under the keys given in its fields."""

    keyed = True


class PrettyFormData(Responder):
    """Diagnostics: puts the submitted data, pretty-printed, in ``submit_dict`` and calls submit_data.

    ``submit_dict['pretty']`` holds the text, ``submit_dict['received']`` the fields.
    """

    reads_fields = True
    calls_submit = True

    def respond(self, call):
        received = {("-".join(k[:-1]) + ":" + k[-1]) if isinstance(k, tuple) else k: v
                    for k, v in call.received.items()}
        self.submit(call, pretty=pprint.pformat(received), received=received,
                    raw=[(n, v if isinstance(v, str) else repr(v)) for n, v in call.raw_form])
        return self.target


class Accept(Responder):
    """For posts from outside (scripts, other sites' forms): no caller ident needed.

    Every submitted field except ``ident`` and ``csrf_token`` is put, by its plain name, in
    ``submit_dict['received_data']`` (a repeated name gives a list of its values); then ``submit_data`` is called and the call goes to
    ``target_ident``.
    """

    calls_submit = True

    def respond(self, call):
        data = {}
        for name, value in call.raw_form:
            if name in ("ident", "csrf_token"):
                continue
            if name in data:
                prev = data[name]
                data[name] = (prev if isinstance(prev, list) else [prev]) + [value]
            else:
                data[name] = value
        self.submit(call, received_data=data)
        return self.target


class AllowedAccept(Responder):
    """Like Accept, but the call must come from a known page (in ``allowed_callers`` when set);
    a call without a caller page goes to ``alternate_ident``.

    ``submit_dict['received_data']`` holds the submitted widget fields keyed by (widget, field).
    """

    reads_fields = True
    calls_submit = True

    def respond(self, call):
        if not self.has_caller(call):
            return self.alternate
        self.submit(call, received_data=dict(call.received))
        return self.target


class PageData(Responder):
    """Sets fixed values on the target page: its fields map ``widget:field`` (or a page
    variable such as ``show_error``) to the value.  No user code is called."""

    def respond(self, call):
        from ..pagedata import PAGE_VARIABLES, PageData as PD
        pd = PD()
        for key, value in self.fields.items():
            if key in PAGE_VARIABLES:
                setattr(pd, key, value)
                continue
            wf = widgfield_key(key)
            if isinstance(wf, tuple) and len(wf) == 2:
                pd[wf] = value
            elif isinstance(wf, tuple):
                from ..pagedata import SectionData
                sd = call.skicall.page_data.get_section(wf[0]) or SectionData(wf[0])
                sd[wf[1], wf[2]] = value
                pd.update(sd)
        call.skicall.update(pd)
        return self.target
