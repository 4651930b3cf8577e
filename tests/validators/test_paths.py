"""The paths validators the admin editor uses: path normalising, ident and name look-ups."""

import pytest

from skipole.validators import (
    ValidationFailed, ValidatorContext, validator_class, validator_from_json, validator_to_json,
    validators_in_module,
)

PATHS_NAMES = ["PathLeadingTrailingSlashes", "IdentExists", "NameNotInFolder"]


class Project(ValidatorContext):
    """A context standing for a small project: two idents and two folders."""

    idents = {"myproj_0", "myproj_12", "home"}
    folders = {None: {"index", "images"}, "myproj_7": {"about"}}

    def __init__(self):
        self.asked = []

    def textblock(self, ref):
        return {"name_taken": "Dieser Name ist vergeben"}.get(ref)

    def ident_exists(self, value):
        self.asked.append(value)
        return value in self.idents

    def name_in_folder(self, folder, name):
        self.asked.append((folder, name))
        return name in self.folders.get(folder, set())


def make(name, **kw):
    return validator_from_json({"class": f"paths.{name}", **kw})


def fails(v, value, ctx=None):
    with pytest.raises(ValidationFailed) as info:
        v.validate(value, ctx)
    return info.value


def test_module_lists_three_documented_classes():
    classes = validators_in_module("paths")
    assert [c.__name__ for c in classes] == PATHS_NAMES
    for cls in classes:
        assert cls.class_path().startswith("paths.")
        for arg in cls.VAL_ARGS:
            assert f"``{arg}``" in cls.description()


@pytest.mark.parametrize("name", PATHS_NAMES)
def test_round_trip(name):
    d = {"class": f"paths.{name}", "message": "m", "message_ref": "r", "displaywidget": "w",
         "allowed_values": ["/"], "val_args": {"folder": "myproj_7"}, "x-note": "kept"}
    assert validator_to_json(validator_from_json(d)) == d
    assert validator_class(f"paths.{name}").__name__ == name


# --------------------------------------------------------------------------- PathLeadingTrailingSlashes

@pytest.mark.parametrize("value, expected", [
    ("a", "/a"),
    ("/a", "/a"),
    ("a/", "/a"),
    ("/a/b/", "/a/b"),
    ("folder/page.html", "/folder/page.html"),
    ("/", "/"),
    ("", "/"),
    ("/a.b/..c/c..", "/a.b/..c/c.."),
])
def test_path_is_normalised(value, expected):
    assert make("PathLeadingTrailingSlashes").validate(value) == expected


@pytest.mark.parametrize("value", [
    "/a//b", "//host", "//", "///", "a//", "/a/b//", "/../etc", "a/..", "/a/./b", ".", "/a b",
    "a\\b", "/a?x=1", "/a#top", "/a\tb", "/a\x00", "/a\x7f",
])
def test_bad_paths_are_refused(value):
    e = fails(make("PathLeadingTrailingSlashes", displaywidget="url_error"), value)
    assert e.displaywidget == "url_error"
    assert "without empty" in e.message


def test_path_list_and_allowed_values():
    v = make("PathLeadingTrailingSlashes", allowed_values=["keep/as/is/"])
    assert v.validate(["a/", "keep/as/is/"]) == ["/a", "keep/as/is/"]
    assert fails(v, ["a", "b//c", "d/.."]).keys == (1, 2)
    assert v.validate({"home": "x/y/"}) == {"home": "/x/y"}


# --------------------------------------------------------------------------- IdentExists

def test_ident_exists_asks_the_context():
    ctx = Project()
    v = make("IdentExists")
    assert v.validate("myproj_12", ctx) == "myproj_12"
    assert v.validate(["home", "myproj_0"], ctx) == ["home", "myproj_0"]
    assert fails(v, "myproj_99", ctx).message == "No page or folder with that ident exists."
    assert fails(v, ["home", "nothere"], ctx).keys == (1,)
    assert ctx.asked[0] == "myproj_12"


def test_ident_exists_refuses_empty_without_asking():
    ctx = Project()
    fails(make("IdentExists"), "", ctx)
    fails(make("IdentExists"), None, ctx)
    assert ctx.asked == []


def test_ident_exists_without_context_knows_nothing():
    v = make("IdentExists")
    fails(v, "myproj_12")
    fails(v, "myproj_12", ValidatorContext())
    assert make("IdentExists", allowed_values=["myproj_12"]).validate("myproj_12") == "myproj_12"


# --------------------------------------------------------------------------- NameNotInFolder

def test_name_not_in_current_folder():
    ctx = Project()
    v = make("NameNotInFolder")
    assert v.validate("newpage", ctx) == "newpage"
    assert ctx.asked == [(None, "newpage")]
    assert fails(v, "index", ctx).message == "That name is already used in this folder."


def test_name_not_in_folder_given_by_val_args():
    ctx = Project()
    v = make("NameNotInFolder", val_args={"folder": "myproj_7"})
    assert v.validate("index", ctx) == "index"
    e = fails(v, "about", ctx)
    assert e.validator == "paths.NameNotInFolder"
    assert ("myproj_7", "about") in ctx.asked


def test_name_not_in_folder_message_ref_and_dict_values():
    ctx = Project()
    v = make("NameNotInFolder", message_ref="name_taken")
    assert v.validate({"a": "new1", "b": "new2"}, ctx) == {"a": "new1", "b": "new2"}
    e = fails(v, {"a": "new1", "b": "images"}, ctx)
    assert e.message == "Dieser Name ist vergeben"
    assert e.keys == ("b",)


def test_name_not_in_folder_without_context_passes():
    assert make("NameNotInFolder").validate("index") == "index"
