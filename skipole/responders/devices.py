"""``SetDevices``: a responder that sets devices from submitted widget fields (our addition).

It makes a form or JSON call of any widget a control, without code: its fields map a widget
field to a device name (``{"output01:radio_checked": "relay1"}``).  Values are checked by
the device's kind and range; POST only.
"""

from ..exceptions import ValidateError
from .base import Responder, widgfield_key

__all__ = ["SetDevices"]


class SetDevices(Responder):
    """Sets devices from submitted fields, then goes to ``target_ident``.

    Fields: ``{"widget:field": "device name"}``.  A value a device refuses (wrong kind, out of
    range, read-only) shows its message on ``fail_ident``.  The caller must be in
    ``allowed_callers`` when that is set.  Only POST is accepted.
    """

    reads_fields = True

    def respond(self, call):
        from ..hardware import HardwareError
        if call.request.method != "POST":
            raise ValidateError("Devices are set with a form post.", status="405 Method Not Allowed")
        self.require_caller(call)
        hardware = call.root.hardware
        if hardware is None:
            raise ValidateError("This project has no devices.")
        user = call.skicall.user
        by = user if (user or "").startswith("token:") else (f"user:{user}" if user else "anonymous")
        for raw_key, device in self.fields.items():
            wf = widgfield_key(raw_key)
            if wf not in call.received:
                continue
            try:
                hardware.set(device, call.received[wf], by=by)
            except HardwareError as exc:
                widget = "-".join(wf[:-1]) if isinstance(wf, tuple) else ""
                call.add_error(str(exc), widget=widget)
                if self.fail in (None, ""):
                    raise ValidateError(str(exc)) from None
                return self.fail
        return self.target
