"""``esc``, used for every text and attribute value of a page, escapes as ``html.escape``."""

import html

import pytest

from skipole.render.html import esc


@pytest.mark.parametrize("value", ["", "plain text", "a<b>&\"c'd", "&amp; already", "<<>>&&''\"\"", "ünï©ode <b>",
                                   "x" * 500 + "<", 42, 3.5, True])
def test_esc_matches_the_standard_library(value):
    assert esc(value) == html.escape(str(value), quote=True)


def test_none_is_empty():
    assert esc(None) == ""
