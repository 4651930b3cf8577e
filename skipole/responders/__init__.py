"""The 25 responders of skipole 5.x: RespondPage behaviours that check, submit and navigate.

A RespondPage names its responder by class (``"AllowStore"``); ``responder_class`` finds it.
Checkers accept and validate form data, submitters call ``submit_data`` and build output,
navigators route without user code.
"""

from .accounts import LogIn, LogOut
from .base import Responder
from .devices import SetDevices
from .checkers import (Accept, AllowedAccept, AllowedFields, AllowStore, AllowStoreKeyed, PageData,
                       PrettyFormData, StoreData, StoreDataKeyed)
from .navigators import (AddCallDataItem, CaseSwitch, DelCallDataItem, EmptyCallDataGoto, EmptyGoto,
                         NoOperation)
from .submitters import (ColourSubstitute, FieldStoreSubmit, GetDictionaryDefaults, MediaQuery, SetCookies,
                         SubmitCSS, SubmitData, SubmitIterator, SubmitJSON, SubmitPlainText)

RESPONDERS = {cls.__name__: cls for cls in (
    AllowedFields, StoreData, StoreDataKeyed, AllowStore, AllowStoreKeyed, PrettyFormData, Accept,
    AllowedAccept, PageData,
    SubmitData, ColourSubstitute, SetCookies, GetDictionaryDefaults, FieldStoreSubmit, SubmitJSON,
    SubmitPlainText, SubmitCSS, MediaQuery, SubmitIterator,
    CaseSwitch, EmptyGoto, EmptyCallDataGoto, DelCallDataItem, AddCallDataItem, NoOperation,
    LogIn, LogOut, SetDevices,
)}
#: the 25 responders of skipole 5.x (the others are our additions)
LEGACY_RESPONDERS = tuple(name for name in RESPONDERS if name not in ("LogIn", "LogOut", "SetDevices"))


def responder_class(name):
    """The responder class called ``name``; KeyError naming it when unknown."""
    try:
        return RESPONDERS[name]
    except KeyError:
        raise KeyError(f"unknown responder {name!r}") from None


__all__ = ["Responder", "RESPONDERS", "LEGACY_RESPONDERS", "responder_class"] + list(RESPONDERS)
