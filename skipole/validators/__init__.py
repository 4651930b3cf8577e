"""The validators: checks attached to widget fields, run on submitted values by responders.

A project file lists, per widget field, validator dicts such as
``{"class": "basic.MinLength", "message": "...", "val_args": {"minlength": "3"}}``.
``validator_from_json`` turns one into a Validator and ``validator_to_json`` gives the dict
back; ``validator_modules()`` and ``validators_in_module(name)`` list what the admin offers.
``Validator.validate(value, ctx)`` returns the checked value or raises ``ValidationFailed``.
"""

from . import basic, paths
from .base import Validator, ValidationFailed, ValidatorContext

__all__ = [
    "Validator", "ValidationFailed", "ValidatorContext", "validator_modules",
    "validators_in_module", "validator_class", "validator_from_json", "validator_to_json",
]

_MODULES = {"basic": basic, "paths": paths}


def validator_modules():
    """The names of the validator modules, as skipole 5.x lists them."""
    return tuple(_MODULES)


def validators_in_module(module_name):
    """The validator classes of ``module_name``, in definition order (empty when unknown)."""
    mod = _MODULES.get(module_name)
    if mod is None:
        return ()
    return tuple(cls for cls in vars(mod).values()
                 if isinstance(cls, type) and issubclass(cls, Validator)
                 and cls.__module__ == mod.__name__ and not cls.__name__.startswith("_"))


def validator_class(class_path):
    """The class for ``"module.Class"``; raises KeyError naming it when unknown."""
    if not isinstance(class_path, str):
        raise KeyError(f"validator class must be a 'module.Class' string, not {class_path!r}")
    module_name, _, name = class_path.partition(".")
    if module_name not in _MODULES:
        raise KeyError(f"unknown validator module {module_name!r} in {class_path!r} "
                       f"(known: {', '.join(_MODULES)})")
    for cls in validators_in_module(module_name):
        if cls.__name__ == name:
            return cls
    raise KeyError(f"unknown validator class {class_path!r}")


def validator_from_json(d):
    """A Validator from its project-file dict; KeyError when ``class`` is missing or unknown."""
    if "class" not in d:
        raise KeyError(f"validator has no 'class' key: {d!r}")
    return validator_class(d["class"]).from_json(d)


def validator_to_json(validator):
    """The project-file dict of ``validator``: the keys it was read with, plus any set since."""
    return validator.to_json()
