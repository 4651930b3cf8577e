"""The basic validators, the Validator base and the project-file round trip."""

import time

import pytest

from skipole.validators import (
    ValidationFailed, Validator, ValidatorContext, validator_class, validator_from_json,
    validator_modules, validator_to_json, validators_in_module,
)
from skipole.validators import basic
from skipole.validators.base import ConfigError

BASIC_NAMES = [
    "AllowedValuesOnly", "AllowedValuesOrEmpty", "NoOperation", "MinLength", "MaxLength",
    "NotEmpty", "IntMinMax", "StrictIntMinMax", "AlphaNumUnder", "AlphaNumDotUnder", "Search",
]


class TextBlocks(ValidatorContext):
    """A context that knows a few TextBlocks."""

    def __init__(self, texts):
        self.texts = texts

    def textblock(self, ref):
        return self.texts.get(ref)


def make(name, **kw):
    return validator_from_json({"class": f"basic.{name}", **kw})


def fails(v, value, ctx=None):
    with pytest.raises(ValidationFailed) as info:
        v.validate(value, ctx)
    return info.value


# --------------------------------------------------------------------------- registry

def test_modules_and_classes():
    assert validator_modules() == ("basic", "paths")
    assert [c.__name__ for c in validators_in_module("basic")] == BASIC_NAMES
    assert validators_in_module("nosuch") == ()
    assert all(issubclass(c, Validator) for c in validators_in_module("basic"))


def test_class_lookup_and_unknown_classes():
    assert validator_class("basic.Search") is basic.Search
    with pytest.raises(KeyError, match="unknown validator class 'basic.Nope'"):
        validator_from_json({"class": "basic.Nope"})
    with pytest.raises(KeyError, match="unknown validator module 'nosuch'"):
        validator_from_json({"class": "nosuch.NotEmpty"})
    with pytest.raises(KeyError, match="no 'class'"):
        validator_from_json({"message": "x"})
    with pytest.raises(KeyError, match="unknown validator class"):
        validator_from_json({"class": "basic._IntRange"})
    with pytest.raises(KeyError):
        validator_from_json({"class": "basic.ConfigError"})


@pytest.mark.parametrize("name", BASIC_NAMES)
def test_docstrings_document_each_argument(name):
    cls = validator_class(f"basic.{name}")
    help_text = cls.description()
    assert len(help_text) > 30
    for arg in cls.VAL_ARGS:
        assert f"``{arg}``" in help_text
    assert cls.class_path() == f"basic.{name}"


# --------------------------------------------------------------------------- round trip

@pytest.mark.parametrize("name", BASIC_NAMES)
def test_round_trip_keeps_every_key(name):
    d = {"class": f"basic.{name}", "message": "Bad value", "message_ref": "ref1",
         "displaywidget": "err_para", "allowed_values": ["x", "y"],
         "val_args": {"anything": "kept"}, "editor_note": {"a": [1, 2]}}
    v = validator_from_json(d)
    assert validator_to_json(v) == d
    assert list(validator_to_json(v)) == list(d)


def test_round_trip_of_minimal_dict_adds_nothing():
    d = {"class": "basic.NotEmpty"}
    assert validator_to_json(validator_from_json(d)) == d


def test_round_trip_keeps_empty_keys_and_their_order():
    d = {"val_args": {}, "class": "basic.MaxLength", "message": "", "allowed_values": []}
    out = validator_to_json(validator_from_json(d))
    assert out == d and list(out) == list(d)


def test_round_trip_keeps_nulls_and_bare_strings_until_changed():
    d = {"class": "basic.NotEmpty", "message": None, "allowed_values": "n/a", "val_args": None}
    v = validator_from_json(d)
    assert v.message == "" and v.allowed_values == ["n/a"] and v.val_args == {}
    assert validator_to_json(v) == d
    v.allowed_values.append("none")
    assert validator_to_json(v)["allowed_values"] == ["n/a", "none"]


def test_to_json_adds_values_set_after_loading_and_does_not_share_state():
    d = {"class": "basic.MinLength", "val_args": {"minlength": "3"}, "extra": [1]}
    v = validator_from_json(d)
    v.message = "Too short"
    v.allowed_values.append("n/a")
    out = validator_to_json(v)
    assert out == {"class": "basic.MinLength", "val_args": {"minlength": "3"}, "extra": [1],
                   "message": "Too short", "allowed_values": ["n/a"]}
    out["val_args"]["minlength"] = "9"
    out["extra"].append(2)
    assert v.val_args == {"minlength": "3"} and v.extra == {"extra": [1]}
    assert d["val_args"] == {"minlength": "3"}


def test_directly_built_validator_to_json():
    v = basic.MaxLength(message="m", val_args={"maxlength": 4})
    assert validator_to_json(v) == {"class": "basic.MaxLength", "message": "m",
                                    "val_args": {"maxlength": 4}}


def test_legacy_project_file_entry():
    # As written by skipole 5.x (errormessagesErrorPara fixture): val_args hold strings.
    d = {"class": "basic.MaxLength", "message": "Only three characters or less allowed.",
         "val_args": {"maxlength": "3"}}
    v = validator_from_json(d)
    assert v.validate("abc") == "abc"
    assert fails(v, "abcd").message == "Only three characters or less allowed."
    assert validator_to_json(v) == d


# --------------------------------------------------------------------------- messages

def test_default_message_names_the_argument():
    e = fails(make("MinLength", val_args={"minlength": "4"}, displaywidget="w1"), "abc")
    assert e.message == "Please enter at least 4 characters."
    assert e.displaywidget == "w1"
    assert e.validator == "basic.MinLength"
    assert e.keys == ()
    assert str(e) == e.message


def test_project_message_replaces_default_but_detail_keeps_it():
    e = fails(make("NotEmpty", message="Name needed"), "")
    assert e.message == "Name needed"
    assert e.detail == "Please fill in this field."


def test_message_ref_through_context():
    v = make("NotEmpty", message="fallback", message_ref="need_name")
    ctx = TextBlocks({"need_name": "Bitte Namen eingeben"})
    assert fails(v, "", ctx).message == "Bitte Namen eingeben"
    # a ref the context does not know falls back to the message, then to the default
    assert fails(v, "", TextBlocks({})).message == "fallback"
    assert fails(v, "").message == "fallback"
    v.message = ""
    assert fails(v, "", TextBlocks({})).message == "Please fill in this field."


def test_context_without_textblock_method_is_accepted():
    v = make("NotEmpty", message="fallback", message_ref="r")
    assert fails(v, "", object()).message == "fallback"


# --------------------------------------------------------------------------- lists, dicts, allowed

def test_list_items_each_checked_and_failures_listed():
    v = make("MaxLength", val_args={"maxlength": "2"})
    assert v.validate(["a", "bb"]) == ["a", "bb"]
    assert v.validate(("a",)) == ["a"]
    assert v.validate([]) == []
    e = fails(v, ["ok", "long", "x", "longer"])
    assert e.keys == (1, 3)


def test_dict_values_each_checked_and_failing_keys_named():
    v = make("IntMinMax", val_args={"minval": "1", "maxval": "10"})
    assert v.validate({"a": "5", "b": "99"}) == {"a": "5", "b": "10"}
    assert v.validate({}) == {}
    e = fails(v, {"a": "5", "b": "x", "c": "y"})
    assert e.keys == ("b", "c")


def test_allowed_values_pass_unchanged_in_single_list_and_dict():
    v = make("IntMinMax", allowed_values=["none", "999"], val_args={"maxval": "10"})
    assert v.validate("none") == "none"
    assert v.validate("999") == "999"          # not clamped: allowed values are untouched
    assert v.validate("50") == "10"
    assert v.validate(["none", "3"]) == ["none", "3"]
    assert v.validate({"k": "none", "j": "11"}) == {"k": "none", "j": "10"}
    assert fails(v, ["none", "bad"]).keys == (1,)


def test_allowed_values_given_as_single_string_or_none():
    assert basic.NotEmpty(allowed_values="x").allowed_values == ["x"]
    assert basic.NotEmpty(allowed_values=None).allowed_values == []


def test_unhashable_items_are_never_allowed_values_but_do_not_crash():
    v = make("AllowedValuesOnly", allowed_values=["a"])
    assert fails(v, [["a"]]).keys == (0,)


# --------------------------------------------------------------------------- each validator

def test_allowed_values_only_compares_literally():
    v = make("AllowedValuesOnly", allowed_values=["a.c", "x|y", "Red"])
    assert v.validate("a.c") == "a.c"
    assert v.validate("x|y") == "x|y"
    assert v.validate(["Red", "a.c"]) == ["Red", "a.c"]
    for bad in ("abc", "x", "y", "red", "Red ", "", "a.c|Red"):
        fails(v, bad)
    assert fails(make("AllowedValuesOnly"), "anything").message == \
        "Please choose one of the offered values."


def test_allowed_values_or_empty():
    v = make("AllowedValuesOrEmpty", allowed_values=["on", "o.f"])
    assert v.validate("on") == "on"
    assert v.validate("") == ""
    assert v.validate(None) is None
    assert v.validate(["", "on"]) == ["", "on"]
    for bad in ("off", "oxf", "ON"):
        fails(v, bad)


def test_no_operation_accepts_everything():
    v = make("NoOperation")
    for value in ("", "anything", ["a", ""], {"k": None}, None, 12):
        assert v.validate(value) == value


def test_min_length():
    v = make("MinLength", val_args={"minlength": "3"})
    assert v.validate("abc") == "abc"
    assert v.validate(b"abcd") == b"abcd"
    fails(v, "ab")
    fails(v, None)
    assert make("MinLength").validate("a") == "a"          # default minlength 1
    fails(make("MinLength"), "")
    assert make("MinLength", val_args={"minlength": 0}).validate("") == ""


def test_max_length():
    v = make("MaxLength", val_args={"maxlength": 3})
    assert v.validate("abc") == "abc"
    assert v.validate("") == ""
    fails(v, "abcd")
    assert make("MaxLength").validate("x" * 50) == "x" * 50   # default maxlength 50
    assert fails(make("MaxLength"), "x" * 51).message == "Please enter no more than 50 characters."


def test_not_empty():
    v = make("NotEmpty")
    for good in ("a", " a ", False, 0, ["x"], {"k": "v"}):
        assert v.validate(good) == good
    for bad in ("", "   ", None, b"", [], {}):
        fails(v, bad)
    assert fails(v, ["a", ""]).keys == (1,)
    assert fails(v, {"a": "x", "b": " "}).keys == ("b",)


def test_int_min_max_clamps():
    v = make("IntMinMax", val_args={"minval": "-5", "maxval": "20"})
    assert v.validate("7") == "7"
    assert v.validate(" 007 ") == "7"
    assert v.validate("+3") == "3"
    assert v.validate("-100") == "-5"
    assert v.validate("100") == "20"
    assert v.validate(15) == "15"
    for bad in ("", "abc", "2.5", "1e3", "1_000", "0x10", "٣", True, None, "9" * 40):
        fails(v, bad)
    assert make("IntMinMax").validate("300") == "255"      # defaults 0..255
    assert make("IntMinMax").validate("-1") == "0"


def test_strict_int_min_max_rejects_out_of_range():
    v = make("StrictIntMinMax", val_args={"minval": "1", "maxval": "10"})
    assert v.validate("1") == "1"
    assert v.validate("10") == "10"
    assert v.validate(" 05") == "5"
    for bad in ("0", "11", "-3", "x", "", "5.0"):
        fails(v, bad)
    assert fails(v, "11").message == "Please enter a whole number from 1 to 10."
    assert make("StrictIntMinMax", val_args={"minval": 4, "maxval": 4}).validate("4") == "4"


def test_alpha_num_under():
    v = make("AlphaNumUnder")
    for good in ("abc_123", "ABC", "_", "", "Straße"):
        assert v.validate(good) == good
    for bad in ("a.b", "a b", "a-b", "a/b", "x\n", "é!"):
        fails(v, bad)


def test_alpha_num_dot_under():
    v = make("AlphaNumDotUnder")
    for good in ("file_1.txt", "a.b.c", ".", ""):
        assert v.validate(good) == good
    for bad in ("a b", "a-b", "a/b", "a,b", "x\n"):
        fails(v, bad)


def test_search():
    v = make("Search", val_args={"pattern": r"^\d{3}-\d{4}$"})
    assert v.validate("555-1234") == "555-1234"
    for bad in ("5551234", "555-12345", "x555-1234"):
        fails(v, bad)
    anywhere = make("Search", val_args={"pattern": "cat"})
    assert anywhere.validate("concatenate") == "concatenate"
    fails(anywhere, "dog")
    default = make("Search")                 # default pattern: any character
    assert default.validate("x") == "x"
    fails(default, "")


def test_search_bad_pattern_fails_with_clear_message_instead_of_raising():
    v = make("Search", val_args={"pattern": "(unclosed"})
    e = fails(v, "anything")
    assert "not a valid regular expression" in e.message
    assert "(unclosed" in e.message
    assert v.problems() and "not a valid regular expression" in v.problems()[0]
    with_message = make("Search", message="Bad input", val_args={"pattern": "["})
    e = fails(with_message, "x")
    assert e.message == "Bad input" and "not a valid regular expression" in e.detail
    fails(make("Search", val_args={"pattern": ["not", "text"]}), "x")


def test_search_bounds_pattern_and_value_length():
    too_long = make("Search", val_args={"pattern": "a" * (basic.SEARCH_PATTERN_LIMIT + 1)})
    assert "longer than" in fails(too_long, "a").message
    v = make("Search", val_args={"pattern": "b"})
    assert v.validate("a" * (basic.SEARCH_VALUE_LIMIT - 1) + "b")
    e = fails(v, "a" * basic.SEARCH_VALUE_LIMIT + "b")
    assert "too long to check" in e.message


def test_search_long_hostile_value_is_refused_quickly():
    v = make("Search", val_args={"pattern": r"^(a|aa)+$"})
    start = time.perf_counter()
    fails(v, "a" * 200_000 + "!")
    assert time.perf_counter() - start < 1.0


# --------------------------------------------------------------------------- configuration

@pytest.mark.parametrize("d, words", [
    ({"class": "basic.MinLength", "val_args": {"minlength": "abc"}}, "'minlength' must be a whole number"),
    ({"class": "basic.MinLength", "val_args": {"minlength": "-1"}}, "'minlength' must be 0 or more"),
    ({"class": "basic.MaxLength", "val_args": {"maxlength": "2.5"}}, "'maxlength' must be a whole number"),
    ({"class": "basic.MaxLength", "val_args": {"maxlength": -2}}, "'maxlength' must be 0 or more"),
    ({"class": "basic.IntMinMax", "val_args": {"minval": "9", "maxval": "3"}}, "must not be greater"),
    ({"class": "basic.StrictIntMinMax", "val_args": {"maxval": True}}, "'maxval' must be a whole number"),
])
def test_misconfigured_validators_fail_every_value_and_report_why(d, words):
    v = validator_from_json(d)
    assert words in fails(v, "1").message
    assert any(words in p for p in v.problems())
    with pytest.raises(ConfigError):
        v.args()


def test_problems_lists_unknown_arguments_and_empty_when_fine():
    assert make("MinLength", val_args={"minlength": "2"}).problems() == []
    assert make("NotEmpty", val_args={"colour": "red"}).problems() == \
        ["unknown argument 'colour' (ignored)"]
    assert make("NotEmpty", val_args={"colour": "red"}).validate("x") == "x"


def test_empty_argument_means_default():
    v = make("MinLength", val_args={"minlength": ""})
    assert v.args() == {"minlength": 1}
    fails(v, "")
