"""radio widgets: BooleanRadio, RadioButton1, RadioTable, RadioTable2, TwoRadioOptions."""

from html.parser import HTMLParser

import pytest

from skipole.widgets.base import RenderContext, render_standalone

PAYLOAD = "<script>alert(1)</script>"


class _Ctx(RenderContext):
    """Knows one TextBlock: 'tb.known'."""

    def textblock(self, ref, project=None):
        return {"tb.known": "Known <text>"}.get(ref)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def parse(html):
    p = _Tags()
    p.feed(html)
    p.close()
    return p.tags


def find(html, tag, **want):
    want = {k.rstrip("_"): v for k, v in want.items()}
    return [a for t, a in parse(html) if t == tag and all(a.get(k) == v for k, v in want.items())]


def render(path, fields=None):
    return render_standalone(f"radio.{path}", "wname", fields, ctx=_Ctx())


def radios(html):
    found = find(html, "input")
    assert all(r["type"] == "radio" and r["name"] == "wname:radio_checked" for r in found)
    return found


def checked_values(html):
    return [r["value"] for r in radios(html) if "checked" in r]


# ---- BooleanRadio ------------------------------------------------------------------------

def test_booleanradio_defaults():
    html = render("BooleanRadio")
    assert parse(html)[0] == ("div", {"id": "wname"})
    r = radios(html)
    assert [x["value"] for x in r] == ["True", "False"]
    assert checked_values(html) == ["True"]
    labels = find(html, "label")
    assert [lb["for"] for lb in labels] == [r[0]["id"], r[1]["id"]]
    assert ">True</label>" in html and ">False</label>" in html


def test_booleanradio_false_and_all_labels():
    html = render("BooleanRadio", {
        "div_class1": "d1", "left_label1": "L1", "left_class1": "lc1", "left_style1": "ls1",
        "right_label1": "R1", "right_class1": "rc1", "right_style1": "rs1", "div_class2": "d2",
        "left_label2": "L2", "left_class2": "lc2", "left_style2": "ls2", "right_label2": "R2",
        "right_class2": "rc2", "right_style2": "rs2", "radio_checked": False})
    assert checked_values(html) == ["False"]
    r = radios(html)
    assert find(html, "label", class_="lc1", style="ls1", **{"for": r[0]["id"]})
    assert find(html, "label", class_="rc2", style="rs2", **{"for": r[1]["id"]})
    assert find(html, "div", class_="d1") and find(html, "div", class_="d2")
    assert html.index("L1") < html.index('value="True"') < html.index("R1") < html.index("L2")


def test_booleanradio_escapes_and_hidden():
    html = render("BooleanRadio", {f"{side}_label{n}": PAYLOAD for side in ("left", "right") for n in (1, 2)})
    assert "<script" not in html and html.count("&lt;script&gt;") == 4
    assert render("BooleanRadio", {"show": False}) == ""


# ---- RadioButton1 ------------------------------------------------------------------------

def test_radiobutton1_defaults():
    html = render("RadioButton1")
    assert parse(html)[0] == ("div", {"id": "wname"})
    assert not find(html, "input")
    assert find(html, "div", style="display:none;")


def test_radiobutton1_buttons():
    html = render("RadioButton1", {"radio_values": ["a", "b", "c"], "radio_text": ["A", "B"],
                                   "radio_checked": "b", "inputdiv_class": "idc", "label_class": "lc",
                                   "div_class": "dc"})
    r = radios(html)
    assert [x["value"] for x in r] == ["a", "b", "c"]
    assert checked_values(html) == ["b"]
    labels = find(html, "label", class_="lc")
    assert [lb["for"] for lb in labels] == [x["id"] for x in r]
    assert len({x["id"] for x in r}) == 3
    assert ">A</label>" in html and ">B</label>" in html
    assert len(find(html, "div", class_="idc")) == 3
    (holder,) = find(html, "div", class_="dc")
    assert holder["id"] not in {x["id"] for x in r}
    # each button comes before its label
    assert html.index('value="a"') < html.index(">A</label>")


def test_radiobutton1_error_and_escapes():
    html = render("RadioButton1", {"radio_values": [PAYLOAD], "radio_text": [PAYLOAD],
                                   "radio_checked": PAYLOAD, "show_error": PAYLOAD, "error_class": "ec"})
    assert 'data-status="error"' in html
    assert "<script" not in html
    assert checked_values(html) == [PAYLOAD]
    assert find(html, "div", class_="ec") == [{"class": "ec"}]


# ---- RadioTable --------------------------------------------------------------------------

def test_radiotable_rows():
    html = render("RadioTable", {
        "table_class": "tc", "header_class": "hc", "even_class": "ev", "odd_class": "od",
        "title1": "T1", "title2": "T2", "radio_checked": "b",
        "contents": [["a", "A", "", "text a"], ["b", "B", "tb.known", ""], ["c", "C", "tb.known", "own"]]})
    assert parse(html)[0] == ("div", {"id": "wname"})
    assert find(html, "table", class_="tc")
    assert [a.get("class") for a in find(html, "tr")] == ["hc", "ev", "od", "ev"]
    assert checked_values(html) == ["b"]
    assert "<td>text a</td>" in html
    assert "<td>Known &lt;text&gt;</td>" in html       # the TextBlock, escaped
    assert "<td>own</td>" in html                      # the text wins over the TextBlock
    assert '<label><input type="radio" name="wname:radio_checked" value="a" />A</label>' in html


def test_radiotable_no_heading_without_titles():
    html = render("RadioTable", {"contents": [["a", "A", "", ""]]})
    assert "<th>" not in html
    assert render("RadioTable", {"title2": "x"}).count("<th>") == 2


def test_radiotable_error_and_escapes():
    html = render("RadioTable", {"title1": PAYLOAD, "title2": PAYLOAD, "radio_checked": "a",
                                 "contents": [[PAYLOAD, PAYLOAD, "", PAYLOAD]], "show_error": PAYLOAD})
    assert "<script" not in html and 'data-status="error"' in html


# ---- RadioTable2 -------------------------------------------------------------------------

def test_radiotable2_rows():
    html = render("RadioTable2", {"header_class": "hc", "title1": "T1", "title2": "T2", "title3": "T3",
                                  "row_classes": ["r1"], "col1": ["a", "b"], "col2": ["c", "d", "e"],
                                  "radiocol": ["v1", "v2"], "radio_checked": "v2"})
    assert parse(html)[0] == ("table", {"id": "wname"})
    trs = find(html, "tr")
    assert len(trs) == 4 and trs[0] == {"class": "hc"} and trs[1] == {"class": "r1"} and trs[2] == {}
    assert [r["value"] for r in radios(html)] == ["v1", "v2"]
    assert checked_values(html) == ["v2"]
    assert "<tr><td></td><td>e</td><td></td></tr>" in html


def test_radiotable2_escapes():
    html = render("RadioTable2", {"title1": PAYLOAD, "title2": PAYLOAD, "title3": PAYLOAD,
                                  "col1": [PAYLOAD], "col2": [PAYLOAD], "radiocol": [PAYLOAD]})
    assert "<script" not in html
    assert render("RadioTable2") == '<table id="wname"></table>'


# ---- TwoRadioOptions ---------------------------------------------------------------------

def test_tworadiooptions():
    html = render("TwoRadioOptions", {"label1": "L1", "div_class1": "d1", "value1": "v1",
                                      "label2": "L2", "div_class2": "d2", "value2": "v2",
                                      "radio_checked": "v2", "widget_class": "wc"})
    assert parse(html)[0] == ("div", {"id": "wname", "class": "wc"})
    assert [r["value"] for r in radios(html)] == ["v1", "v2"]
    assert checked_values(html) == ["v2"]
    assert '<div class="d1"><label><input type="radio" name="wname:radio_checked" value="v1" />L1</label></div>' in html


@pytest.mark.parametrize("checked", ["", "other"])
def test_tworadiooptions_nothing_selected(checked):
    html = render("TwoRadioOptions", {"radio_checked": checked})
    assert checked_values(html) == []
    assert [r["value"] for r in radios(html)] == ["", ""]


def test_tworadiooptions_escapes():
    html = render("TwoRadioOptions", {"label1": PAYLOAD, "label2": PAYLOAD, "value1": PAYLOAD,
                                      "value2": PAYLOAD})
    assert "<script" not in html


def test_set_names_change_the_group_name():
    html = render_standalone("radio.TwoRadioOptions", "wname", {}, set_names={"radio_checked": "choice"})
    assert len(find(html, "input", name="wname:choice")) == 2
