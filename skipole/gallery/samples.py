"""Sample data for the widget gallery: what each widget shows, and what a JSON update sets.

``sample_fields(cls)`` gives the fields a widget is rendered with in the gallery: generic
values chosen by field name and type (links lead to the gallery's own pages, hidden fields
and get fields carry short values, CSS classes name the default stylesheet's classes), then
the per-class values of ``SAMPLES``.  ``update_value(cls, field)`` is the value the gallery's
JSON responder sends for a JSON-settable field: always different from the sample, so that the
page visibly changes; ``restore_value`` is the sample value, sent to put the page back.

``DATA_FIELDS`` names the fields whose effect is on data the page carries rather than on
what it shows (hidden inputs, link parameters, storage keys, drag-and-drop values).
"""

import re

from ..widgets.base import ListField, TableField

# ---- labels of the gallery project (see ``skipole.gallery.project``) ----------------------------
LINK = "gallery_followed"        # a responder that shows what a link sent
ACTION = "gallery_posted"        # a responder that shows what a form sent
IMAGE = "gallery_image"          # a small SVG picture
IMAGE2 = "gallery_image2"        # the same picture in another colour
AUDIO = "gallery_audio"          # a short WAV sound


def json_label(module):
    """The label of the JSON responder of ``module``'s page."""
    return f"gallery_json_{module}"


#: CSS classes of skipole.css (and the gallery's stylesheet) the samples use.
CLASS_SAMPLES = {
    "error_class": "sk-error",
    "input_accepted_class": "sk-accepted",
    "input_errored_class": "sk-errored",
    "highlight_class": "sk-highlight",
    "hide_class": "sk-hidden",
    "even_class": "sk-even",
    "odd_class": "sk-odd",
    "onclick_addclass": "sk-active",
    "bar_class": "sk-bar",
}

#: A JSON update of widget_class sets this class; the gallery's stylesheet outlines it.
CHANGED_CLASS = "gallery-changed"
CHANGED_STYLE = "opacity: 0.6; outline: 3px dashed #c0392b; outline-offset: 2px;"
ERROR_TEXT = "An error shown by a JSON update"

_DATA = re.compile(r"^(hidden_field\d?|get_field\d?(_\d)?|(up|down)_getfield\d|session_storage|"
                   r"local_storage|session_key|local_key|drag|drop|dragrows|droprows|towidget)$")


#: Widgets that are hidden inputs: nothing of them is shown, every field is data.
HIDDEN_WIDGETS = frozenset(("inputforms.HiddenField", "inputforms.HiddenLocalStorage",
                            "inputforms.HiddenSessionStorage"))
#: Fields that are data for one class only.
DATA_OF_CLASS = frozenset((("inputtables.InputTable4", "inputdict"),))


def is_data_field(field, class_path=""):
    """True for a field whose update changes data the page carries, not what it shows
    (``class_path``: the widget's ``module.Class``, for the fields that are data in some
    widgets only)."""
    return bool(_DATA.match(field)) or class_path in HIDDEN_WIDGETS or (class_path, field) in DATA_OF_CLASS


DATA_FIELDS = ("hidden_field*, get_field*, up/down_getfield*, *_storage, *_key, drag, drop, dragrows, droprows, "
               "towidget, the fields of hidden inputs and InputTable4's inputdict (hidden inputs)")

_CIRCLE = "M 10 60 C 10 20, 90 20, 90 60 S 170 100, 170 60"

#: Per-class sample values (class path → fields), on top of the generic ones.
SAMPLES = {
    # ---- checkbox
    "checkbox.CheckBox1": {"checkbox": "agree", "left_label": "Agree:", "right_label": "(tick me)"},
    "checkbox.CheckBox2": {"checkbox": "news", "left_label": "Send news", "right_label": ""},
    "checkbox.CheckBoxTable1": {
        "title1": "Item", "title2": "Price", "title3": "Buy", "col1": ["Apples", "Pears", "Plums"],
        "col2": ["1.20", "0.80", "2.10"], "checkbox_dict": {"a": "apples", "p": "pears", "u": "plums"},
        "checked": ["a"], "row_classes": ["", "", ""]},
    "checkbox.CheckInputs": {"checkbox": "more", "label_text": "Add a note", "checked": True},
    "checkbox.CheckedText": {"checkbox": "other", "label_text": "Other:", "input_text": "my choice",
                             "checked": True},
    "checkbox.SubmitCheckBox1": {"label": "Lamp on", "checkbox": "on", "button_text": "Set"},
    # ---- confirm
    "confirm.AlertClear1": {"para_text": "An alert: press × to close it.", "hide": False},
    "confirm.AlertClear2": {"para_text": "An alert that calls a JSON page when closed.", "hide": False},
    "confirm.ConfirmBox1": {"para_text": "Delete the sample file?"},
    "confirm.ConfirmBox2": {"para_text": "Restart the sample service?"},
    # ---- debug_tools
    "debug_tools.ShowCallData": {"toptext": "call_data of this request"},
    "debug_tools.ShowEnviron": {"toptext": "The WSGI environ of this request"},
    "debug_tools.ShowResponders": {"toptext": "Responders this call passed"},
    # ---- dropdown
    "dropdown.DropDown1": {"option_list": ["Red", "Green", "Blue"], "selectvalue": "Green"},
    "dropdown.HiddenContainer": {"hide": False},
    "dropdown.SubmitDropDown1": {"option_list": ["Low", "Medium", "High"], "selectvalue": "Medium",
                                 "label": "Speed:"},
    # ---- error_messages
    "error_messages.ErrorClear1": {"para_text": "A message with a clear button.", "hide": False,
                                   "button_text": "Clear"},
    "error_messages.ErrorClear2": {"hide": False},
    "error_messages.ErrorCode": {"para_text": "The message of a server error.", "code": 500},
    "error_messages.ErrorDiv": {"hide": False},
    "error_messages.ErrorPara": {"hide": False},
    # ---- footers
    "footers.SimpleFooter": {"footer_text": "A footer: © the gallery"},
    # ---- headers
    "headers.DropDownButton1": {"button_text": "Menu", "nav_links": [
        ["gallery_index", "Gallery index", False, ""], ["gallery_form", "Form page", False, ""]]},
    "headers.HeadText": {"large_text": "A heading", "tag": "h3"},
    "headers.HeaderErrorPara": {"hide": False},
    "headers.NavButtons1": {"nav_links": [["gallery_index", "Index", False, ""], [LINK, "Follow", True, "n1"]]},
    "headers.NavButtons2": {"nav_links": [["gallery_index", "Index", False, ""], [LINK, "Follow", True, "n2"]]},
    "headers.NavButtons3": {"button_text": ["One", "Two", "Three"], "get_field1": ["1", "2", "3"],
                            "get_field2": ["a", "b", "c"], "button_classes": ["", "", ""]},
    "headers.TabButtons1": {"tabs": [["First tab", "gallery-tab-1"], ["Second tab", "gallery-tab-2"]],
                            "active_button": 0},
    # ---- info
    "info.PageDescription": {"page_ident": "gallery_index"},
    "info.PageIdent": {"page_label": "gallery_index"},
    "info.PageName": {"page_ident": "gallery_index"},
    "info.ProgressBar1": {"value": "30", "text": "30%"},
    "info.ProgressBar2": {"value": 30},
    "info.Redirector": {"url": ""},
    "info.ServerTimeStamp": {"utc": True},
    # ---- inputforms
    "inputforms.HiddenField": {"hidden_field": "hidden value"},
    "inputforms.HiddenLocalStorage": {"local_key": "gallery_local"},
    "inputforms.HiddenSessionStorage": {"session_key": "gallery_session"},
    "inputforms.SubmitButton1": {"button_text": "Send"},
    "inputforms.SubmitButton2": {"button_text": "Send too"},
    "inputforms.SubmitForm1": {"button_text": "Submit", "left_label": "Please submit:"},
    "inputforms.SubmitForm2": {"button_text": "Submit", "session_storage": "gallery_session",
                               "local_storage": "gallery_local"},
    "inputforms.SubmitFromScript": {"button_text": "Send script values"},
    # ---- inputtables
    "inputtables.InputTable1": {
        "title1": "Name", "title2": "Unit", "title3": "Value", "col1": ["Width", "Height"],
        "col2": ["cm", "cm"], "inputdict": {"w": "20", "h": "30"}, "row_classes": ["", ""],
        "cell_style": []},
    "inputtables.InputTable3": {
        "title1": "Name", "title2": "Unit", "title3": "Value", "title4": "Move",
        "col1": ["First", "Second"], "col2": ["a", "b"], "inputdict": {"f": "1", "s": "2"},
        "row_classes": ["", ""], "up_hide": [False, False], "down_hide": [False, False],
        "up_getfield1": ["u1", "u2"], "up_getfield2": ["x", "y"], "down_getfield1": ["d1", "d2"],
        "down_getfield2": ["x", "y"], "getfield3": ["f", "s"], "cell_style": []},
    "inputtables.InputTable4": {
        "title1": "Name", "title2": "Unit", "title3": "Note", "title4": "Value",
        "col1": ["First", "Second"], "col2": ["a", "b"], "col3": ["n1", "n2"],
        "inputdict": {"f": "1", "s": "2"}, "row_classes": ["", ""], "up_hide": [False, False],
        "down_hide": [False, False], "up_getfield1": ["u1", "u2"], "up_getfield2": ["x", "y"],
        "down_getfield1": ["d1", "d2"], "down_getfield2": ["x", "y"], "cell_style": []},
    "inputtables.InputTable5": {
        "col_label": ["Minimum", "Maximum"], "col_input": ["5", "50"], "hidden_field1": ["min", "max"],
        "button_text1": "Set", "button_text2": "Reset", "set_input_accepted": {}, "set_input_errored": {}},
    # ---- inputtext
    "inputtext.Password1": {"input_text": "secret"},
    "inputtext.Password2": {"input_text": "secret", "label": "Password:"},
    "inputtext.SubmitDict1": {"input_dict": {"one": "1", "two": "2"}, "button_text": "Send"},
    "inputtext.SubmitTextInput1": {"input_text": "some text", "label": "Text:"},
    "inputtext.SubmitTextInput2": {"input_text": "some text", "label": "Text:",
                                   "session_storage": "gallery_session", "local_storage": "gallery_local"},
    "inputtext.SubmitTextInput3": {"input_text": "some text", "label": "Text:",
                                   "para_text": "A paragraph above the input.", "show_para1": True,
                                   "show_para2": True},
    "inputtext.SubmitTextInput4": {"input_text": "some text"},
    "inputtext.TextInput1": {"input_text": "plain input"},
    "inputtext.TextInput2": {"input_text": "labelled input", "label": "Name:"},
    "inputtext.TextInput3": {"input_text": "input", "left_label": "Left:", "right_label": ":Right"},
    "inputtext.TextInput4": {"input_text": "input", "label": "Label:"},
    "inputtext.TwoInputsSubmit1": {"input_text1": "first", "input_text2": "second", "label": "Two inputs:"},
    # ---- links
    "links.Audio1": {"wav_ident": AUDIO, "controls": True},
    "links.Audio2": {"src_wav": "", "controls": True},
    "links.ButtonLink1": {"button_text": "Button link"},
    "links.ButtonLink2": {"button_text": "JSON button", "link_ident": LINK},
    "links.CloseButton": {"target_section": "", "target_widget": "item-OpenButton2-target"},
    "links.ContainerLink1": {},
    "links.ContainerLink2": {"link_ident": LINK},
    "links.GeneralButtonTable1": {
        "cols": [[LINK, "", "k1"], [LINK, "", "k2"]],
        "contents": [["Row one", "", False, ""], ["Open", "", True, "r1"],
                     ["Row two", "", False, ""], ["Open", "", True, "r2"]],
        "dragrows": [[True, "d1"], [True, "d2"]], "droprows": [[True, "p1"], [True, "p2"]]},
    "links.GeneralButtonTable2": {
        "cols": [[LINK, ""], [LINK, ""]],
        "contents": [["Row one", "", False, ""], ["Open", "", True, "r1"],
                     ["Row two", "", False, ""], ["Open", "", True, "r2"]],
        "dragrows": [[True, "d1"], [True, "d2"]], "droprows": [[True, "p1"], [True, "p2"]]},
    "links.IconLink": {"svg_viewBox": "0 0 100 100", "svg_width": "48", "svg_height": "48"},
    "links.Image1": {"img_url": "/static/picture.svg", "width": "96", "height": "96", "alt": "A sample picture"},
    "links.ImageLink1": {"img_ident": IMAGE, "hover_img_ident": IMAGE2, "width": "96", "height": "96"},
    "links.ImageOrTextLink": {"img_link": IMAGE, "width": "96", "height": "96", "link_text": "Picture link"},
    "links.JSONButtonLink": {"button_text": "JSON button link", "link_ident": LINK},
    "links.Link": {"content": "A plain link"},
    "links.LinkTextBlockTable1": {
        "col1_link_title": "Link", "col2_text_title": "About",
        "link_table": [["gallery_index", "Index", "i1", "gallery.missing", "The gallery's index page", "x"]]},
    "links.LinkTextBlockTable2": {
        "col_link_title": "Link", "col_text_title": "Text", "col_textblock_title": "More",
        "link_table": [["gallery_index", "Index", "i1", "The index", "gallery.missing", "More text", "x"]]},
    "links.LinkToWidget": {"content": "Jump to the Link widget", "towidget": "Link"},
    "links.ListLinks": {"links": [["Index", "gallery_index", ""], ["Form page", "gallery_form", ""]]},
    "links.MessageButton": {"para_text": "A message box, opened by the button.", "button_text": "Message",
                            "hide": False, "target": ""},
    "links.OpenButton": {"target_widget": "item-OpenButton2-target"},
    "links.OpenButton2": {"content": "Open", "target_widget": "item-OpenButton2-target"},
    "links.ProjectiFrame": {"project": "gallery", "width": "300", "height": "160"},
    "links.Table1_Button": {"title1": "Item", "button_text": "Pick",
                            "contents": [["First item", "i1"], ["Second item", "i2"]]},
    "links.Table1_Buttons4": {"button_text1": "A", "button_text2": "B", "link_ident1": LINK, "link_ident2": LINK,
                              "contents": [["Item one", "a1", "b1", "", "", True, True, False, False]]},
    "links.Table1_Links": {"title1": "Name", "title2": "Link", "col1": ["First", "Second"],
                           "col2": ["Follow", "Follow"], "col2_links": [LINK, LINK],
                           "col2_getfields": ["f1", "f2"]},
    "links.Table2_Button": {"title1": "Name", "title2": "Value", "button_text": "Pick",
                            "contents": [["First", "1", "p1"], ["Second", "2", "p2"]]},
    "links.Table2_Links": {"title1": "Name", "title2": "Link", "col1": ["First", "Second"],
                           "col2": ["Follow", "Follow"], "col2_link_idents": [LINK, LINK],
                           "col2_json_idents": ["", ""], "col2_getfields": ["f1", "f2"]},
    "links.Table3_Buttons2": {
        "title1": "Name", "title2": "Value", "title3": "Actions", "button_text1": "Edit", "button_text2": "Drop",
        "link_ident1": LINK, "link_ident2": LINK,
        "contents": [["First", "1", "e1", "", "d1", "", "", True, True]]},
    # ---- lists
    "lists.FileList": {"file_links": [[IMAGE, "picture.svg", False], [AUDIO, "sound.wav", False]]},
    "lists.TableList": {"contents": [["First row", "r1", "", ""], ["Second row", "r2", "", ""]],
                        "set_highlight": False},
    "lists.UList1": {"contents": ["Apples", "Pears", "Plums"]},
    "lists.UList2": {"set_html": ["<b>Bold</b> item", "<i>Italic</i> item"]},
    # ---- logins
    "logins.NamePasswd1": {"input_text1": "admin", "input_text2": "", "button_text": "Log in"},
    "logins.Pin4": {"pin1": True, "pin2": True, "pin3": True, "pin4": True, "button_text": "Enter",
                    "left_label": "PIN:"},
    # ---- paras
    "paras.DivHTML": {"set_html": "<p>Some <b>raw</b> HTML.</p>", "drag": "dragged", "drop": "dropped"},
    "paras.DivPara": {"para_text": "A paragraph inside a div."},
    "paras.DivStyleDiv": {"set_html": "<b>Styled</b> inner div", "style": "padding: 0.5rem; background: #eef"},
    "paras.JSONDivLink": {"div_content": "Content of the div.", "button_show_text": "Show",
                          "button_hide_text": "Hide", "get_field": "d1"},
    "paras.JSONTextLink": {"para_text": "Text of the paragraph.", "button_show_text": "Show",
                           "button_hide_text": "Hide", "get_field": "t1"},
    "paras.ParaText": {"para_text": "A paragraph of text."},
    "paras.PreText": {"pre_text": "Preformatted\n  text"},
    "paras.ShowPara1": {"para_text": "A paragraph that can be shown or hidden.", "show_para": True},
    "paras.ShowPara2": {"para_text": "A paragraph with a close button."},
    "paras.SpanText": {"span_text": "A span of text"},
    "paras.TagBlock": {"tag": "div", "drag": "block", "drop": "block"},
    "paras.TagText": {"tag": "p", "tag_text": "Text in a tag"},
    "paras.TagUnEscaped": {"tag": "div", "content": "<em>Unescaped</em> content"},
    "paras.TextBlockDiv": {"textblock_ref": "gallery.sample", "content_refnotfound": "TextBlock not found"},
    "paras.TextBlockPara": {"textblock_ref": "gallery.sample", "text_refnotfound": "TextBlock not found"},
    # ---- radio
    "radio.BooleanRadio": {"radio_checked": True},
    "radio.RadioButton1": {"radio_values": ["s", "m", "l"], "radio_text": ["Small", "Medium", "Large"],
                           "radio_checked": "m"},
    "radio.RadioTable": {"title1": "Size", "title2": "Note", "radio_checked": "m",
                         "contents": [["s", "Small", "", "the small one"], ["m", "Medium", "", "the middle one"]]},
    "radio.RadioTable2": {"title1": "Name", "title2": "Size", "title3": "Pick", "col1": ["Small", "Large"],
                          "col2": ["1", "3"], "radiocol": ["s", "l"], "radio_checked": "s",
                          "row_classes": ["", ""]},
    "radio.TwoRadioOptions": {"label1": "Yes", "value1": "yes", "label2": "No", "value2": "no",
                              "radio_checked": "yes"},
    # ---- svgbasics (each inside an SVGContainer of 200 x 120)
    "svgbasics.Circle": {"cx": "60", "cy": "60", "r": "40", "fill": "#8fd3f4"},
    "svgbasics.Ellipse": {"cx": "100", "cy": "60", "rx": "80", "ry": "40", "fill": "#f4d58f"},
    "svgbasics.Group": {"transform": "translate(10,10)"},
    "svgbasics.Line": {"x1": "10", "y1": "10", "x2": "190", "y2": "110", "stroke_width": "3"},
    "svgbasics.Path": {"d": _CIRCLE, "stroke_width": "3"},
    "svgbasics.Polygon": {"points": [["20", "100"], ["100", "10"], ["180", "100"]], "fill": "#b5e7a0"},
    "svgbasics.Polyline": {"points": [["10", "100"], ["60", "20"], ["110", "100"], ["160", "20"]],
                           "stroke_width": "3"},
    "svgbasics.Rect": {"x": "20", "y": "20", "width": "160", "height": "80", "rx": "8", "ry": "8",
                       "fill": "#f7b2b7"},
    "svgbasics.SVGContainer": {"width": "200", "height": "120", "viewBox": "0 0 200 120"},
    "svgbasics.SimpleText": {"x": "10", "y": "60", "text": "SVG text", "font_size": "24", "fill": "black",
                             "font_family": "sans-serif"},
    "svgbasics.TextBlockGroup": {"textblock_ref": "gallery.svg",
                                 "content_refnotfound": "TextBlock not found", "transform": ""},
    "svgbasics.TextGroup": {"text": '<text x="10" y="40" font-size="20">Raw SVG text</text>', "transform": ""},
    "svgbasics.TextList": {"lines": [[10, 30, "First line"], [10, 60, "Second line"]], "font_size": "18",
                           "fill": "black"},
    # ---- svggraphs
    "svggraphs.Axis1": {"transform": "scale(0.5)"},
    "svggraphs.Axis2": {"transform": "scale(0.5)", "xinterval": "10", "yinterval": "10"},
    "svggraphs.Axis3": {"transform": "scale(0.5)", "xlabels": ["Mon", "Tue", "Wed", "Thu", "Fri"],
                        "ylabels": ["0", "50", "100"], "minxvalue": "0", "maxxvalue": "4", "xoffset": True},
    "svggraphs.Points": {"values": [["10", "20"], ["30", "60"], ["50", "40"], ["70", "80"]],
                         "pointcol": "blue"},
    "svggraphs.Lines": {"values": [["10", "20"], ["30", "60"], ["50", "40"], ["70", "80"]],
                        "linecol": "red", "linewidth": "3", "pointradius": "4"},
    "svggraphs.XBars": {"values": [["0", "30"], ["1", "70"], ["2", "50"], ["3", "60"]], "bar_width": "0.5"},
    "svggraphs.YBars": {"values": [["30", "0"], ["70", "2"], ["50", "4"]], "bar_width": "0.5",
                        "fill": "orange"},
    "svggraphs.Chart1": {"values": [0, 20, 40, 10, -30, -50, 0, 30, 60, 80], "stroke": "blue",
                         "stroke_width": 2, "zerolegend": "0", "plus50legend": "+50", "minus50legend": "-50"},
    "svggraphs.Graph48Hr": {"transform": "scale(0.5)", "values": [["10", "2024-05-01T06:00"], ["40", "2024-05-01T18:00"],
                                       ["70", "2024-05-02T09:00"]], "last_day": "2024-05-02",
                            "minvalue": "0", "maxvalue": "100"},
    "svggraphs.StarChart": {"transform": "scale(0.5)", "stars": [["10", "0", "80"], ["6", "30", "70"], ["8", "200", "75"]],
                            "lines": [["0", "80", "30", "70"]], "ra": "0", "dec": "90", "view": "90",
                            "cross": True, "fill": "#0b1d3a", "stroke": "white"},
    "svggraphs.StarChartXY": {"transform": "scale(0.5)", "stars": [["10", "0", "100"], ["6", "-80", "40"], ["8", "120", "-60"]],
                              "lines": [["0", "100", "-80", "40"]], "cross": True, "fill": "#0b1d3a",
                              "stroke": "white"},
    # ---- svgmeters
    "svgmeters.Angle": {"transform": "scale(0.5)", "measurement": "90", "scale_units": "360"},
    "svgmeters.Arrow1": {"transform": "translate(5,5)", "fill": "green", "stroke": "black"},
    "svgmeters.Arrow2": {"transform": "translate(5,5)", "fill": "blue", "stroke": "black"},
    "svgmeters.Traditional1": {"transform": "scale(0.5)", "measurement": "30", "minimum": "0", "maximum": "100", "smallintervals": "2",
                               "largeintervals": "10"},
    "svgmeters.Vertical1": {"transform": "scale(0.5)", "measurement": "30", "minimum": "0", "maximum": "100", "smallintervals": "2",
                            "largeintervals": "10", "arrow_fill": "blue"},
    # ---- tables
    "tables.ButtonTextBlockTable1": {"col1_button_title": "Button", "col2_text_title": "Meaning",
                                     "buttons": [["Start", "gallery.start"], ["Stop", "gallery.stop"]]},
    "tables.ColorTable1": {"titles": ["Name", "Colour"],
                           "contents": [["Sky", "blue", "#8fd3f4"], ["Grass", "green", "#b5e7a0"]]},
    "tables.TextBlockTable2": {"title1": "Name", "title2": "Text",
                               "contents": [["Sample", "gallery.sample"], ["Start", "gallery.start"]]},
    "tables.ThreeColTable1": {"title1": "One", "title2": "Two", "title3": "Three",
                              "col1": ["a", "b"], "col2": ["c", "d"], "col3": ["e", "f"]},
    "tables.TwoColTable1": {"title1": "Name", "title2": "Value", "col1": ["Width", "Height"],
                            "col2": ["20", "30"]},
    # ---- textarea
    "textarea.SubmitTextArea": {"input_text": "Several\nlines", "button_text": "Send", "rows": "3"},
    "textarea.TextArea1": {"input_text": "A text area", "rows": "3"},
    "textarea.TextArea2": {"input_text": "A labelled text area", "label": "Notes:", "rows": "3"},
    # ---- upload
    "upload.SubmitUploadFile1": {"submitbutton_text": "Upload"},
    "upload.SubmitUploadFile2": {"submitbutton": "Upload"},
    "upload.UploadFile1": {"label": "File:", "inputname": "file"},
}

#: TextBlocks of the gallery project.
TEXTBLOCKS = {
    "gallery.sample": "A TextBlock: text kept in the project's language files.",
    "gallery.start": "Starts the sample.",
    "gallery.stop": "Stops the sample.",
    "gallery.svg": '<circle cx="30" cy="30" r="20" fill="purple" /><text x="60" y="35">TextBlock SVG</text>',
}


def _generic(cls, f, module):
    """The generic sample of field ``f`` of ``cls`` (None: keep the default)."""
    name = f.name
    if f.ftype == "url":
        if "json" in name or name == "dropident":
            return json_label(module)
        if name == "action":
            return ACTION
        if name.startswith(("link_ident", "up_link", "down_link", "remove_link")):
            return LINK
        return None
    if name in CLASS_SAMPLES and f.ftype in ("cssclass", "cssstyle"):
        return CLASS_SAMPLES[name]
    if isinstance(f, (ListField, TableField)) or f.shape == "dict":
        return None
    m = re.match(r"^hidden_field(\d)$", name)
    if m and f.ftype == "text" and cls.class_path() != "inputforms.SubmitFromScript":
        return f"h{m.group(1)}"
    m = re.match(r"^get_field(\d(?:_\d)?)?$", name)
    if m and f.ftype == "text":
        return f"g{m.group(1) or ''}"
    if name == "hide" and f.ftype == "boolean":
        return False
    return None


def sample_fields(cls, module=None):
    """The fields ``cls`` (a widget class) is shown with in the gallery."""
    module = module or cls.module_name()
    out = {}
    for f in cls.field_table.values():
        value = _generic(cls, f, module)
        if value is not None:
            out[f.name] = value
    out.update(SAMPLES.get(cls.class_path(), {}))
    return out


def sample_value(cls, field):
    """The gallery's value of ``field`` (its sample, else the widget's default)."""
    fields = sample_fields(cls)
    if field in fields:
        return fields[field]
    return cls.defaults.get(field)


# ---- JSON updates -----------------------------------------------------------------------------

#: Update values by class path and field, where the generic rule does not fit.
UPDATES = {
    ("checkbox.CheckBoxTable1", "checked"): ["p", "u"],
    ("checkbox.CheckBoxTable1", "row_classes"): ["sk-highlight", "", "sk-highlight"],
    ("checkbox.CheckInputs", "checked"): False,
    ("checkbox.CheckedText", "checked"): False,
    ("headers.HeadText", "tag"): "h2",
    ("headers.NavButtons3", "button_classes"): ["sk-active", "", "sk-active"],
    ("headers.TabButtons1", "active_button"): 1,
    ("info.ProgressBar1", "value"): "80",
    ("info.ProgressBar1", "text"): "80%",
    ("info.ProgressBar2", "value"): 80,
    ("info.ServerTimeStamp", "timestamp"): "Mon Jan  1 12:00:00 2024",
    ("inputtables.InputTable1", "cell_style"): [[1, 1, "background-color: #ffe08a"], [2, 2, "font-weight: bold"]],
    ("inputtables.InputTable1", "inputdict"): {"w": "25", "h": "35"},
    ("inputtables.InputTable3", "cell_style"): [[1, 1, "background-color: #ffe08a"]],
    ("inputtables.InputTable3", "inputdict"): {"f": "10", "s": "20"},
    ("inputtables.InputTable3", "up_hide"): [True, False],
    ("inputtables.InputTable3", "down_hide"): [False, True],
    ("inputtables.InputTable4", "cell_style"): [[1, 1, "background-color: #ffe08a"]],
    ("inputtables.InputTable4", "inputdict"): {"f": "10", "s": "20"},
    ("inputtables.InputTable4", "up_hide"): [True, False],
    ("inputtables.InputTable4", "down_hide"): [False, True],
    ("inputtables.InputTable5", "set_input_accepted"): {"0": True},
    ("inputtables.InputTable5", "set_input_errored"): {"1": True},
    ("links.Audio2", "src_mp3"): "/static/sound.wav",
    ("links.Audio2", "src_wav"): "/static/sound.wav",
    ("links.Audio2", "src_ogg"): "/static/sound.wav",
    ("links.GeneralButtonTable1", "contents"): [["Row one changed", "color: #c0392b", False, ""],
                                                ["Open", "", True, "r1"], ["Row two", "", False, ""],
                                                ["Changed", "", True, "r2"]],
    ("links.GeneralButtonTable2", "contents"): [["Row one changed", "color: #c0392b", False, ""],
                                                ["Open", "", True, "r1"], ["Row two", "", False, ""],
                                                ["Changed", "", True, "r2"]],
    ("links.GeneralButtonTable1", "dragrows"): [[False, ""], [True, "d2x"]],
    ("links.GeneralButtonTable1", "droprows"): [[True, "p1x"], [False, ""]],
    ("links.GeneralButtonTable2", "dragrows"): [[False, ""], [True, "d2x"]],
    ("links.GeneralButtonTable2", "droprows"): [[True, "p1x"], [False, ""]],
    ("links.Image1", "img_url"): "/static/picture2.svg",
    ("links.LinkToWidget", "towidget"): "ButtonLink1",
    ("lists.TableList", "contents"): [["Changed row", "r1", "", ""], ["Second row", "r2", "", ""],
                                      ["Third row", "r3", "", ""]],
    ("lists.UList2", "set_html"): ["<b>Changed</b> item", "New <u>item</u>", "Third"],
    ("paras.DivHTML", "set_html"): "<p>Changed <i>raw</i> HTML.</p>",
    ("paras.DivStyleDiv", "set_html"): "<i>Changed</i> inner div",
    ("paras.TagUnEscaped", "content"): "<strong>Changed</strong> content",
    ("paras.TextBlockDiv", "content_replaceblock"): "<p>Replaced <b>TextBlock</b> HTML</p>",
    ("radio.RadioButton1", "radio_checked"): "l",
    ("radio.RadioTable2", "radio_checked"): "l",
    ("radio.RadioTable2", "row_classes"): ["sk-highlight", ""],
    ("svgbasics.Path", "d"): "M 10 10 L 190 110 L 10 110 Z",
    ("svgbasics.Polygon", "points"): [["10", "10"], ["190", "10"], ["100", "110"]],
    ("svgbasics.Polyline", "points"): [["10", "20"], ["60", "100"], ["110", "20"], ["160", "100"]],
    ("svgbasics.SVGContainer", "viewBox"): "0 0 400 240",
    ("svgbasics.SVGContainer", "preserveAspectRatio"): "none",
    ("svgbasics.SVGContainer", "width"): "300",
    ("svgbasics.SVGContainer", "height"): "90",
    ("svgbasics.TextGroup", "text"): '<text x="10" y="60" font-size="28" fill="red">Changed SVG</text>',
    ("svgbasics.TextBlockGroup", "content_replaceblock"):
        '<rect x="10" y="10" width="60" height="40" fill="orange" /><text x="80" y="40">Replaced</text>',
    ("svggraphs.Points", "values"): [["20", "80"], ["40", "20"], ["60", "60"]],
    ("svggraphs.Lines", "values"): [["10", "80"], ["40", "10"], ["90", "50"]],
    ("svggraphs.XBars", "values"): [["0", "80"], ["2", "20"], ["4", "90"]],
    ("svggraphs.YBars", "values"): [["80", "0"], ["20", "2"], ["90", "4"]],
    ("svggraphs.Chart1", "values"): [0, -20, -40, -60, -80, -90, 50, 90],
    ("svggraphs.StarChartXY", "stars"): [["14", "50", "50"], ["10", "-100", "-100"]],
    ("svggraphs.StarChartXY", "lines"): [["50", "50", "-100", "-100"], ["0", "0", "120", "0"]],
    ("svgmeters.Angle", "measurement"): "225",
    ("svgmeters.Traditional1", "measurement"): "85",
    ("svgmeters.Vertical1", "measurement"): "85",
}

_COLOUR = "#c0392b"
_BY_NAME = {
    "widget_class": CHANGED_CLASS,
    "widget_style": CHANGED_STYLE,
    "show_error": ERROR_TEXT,
    "clear_error": True,
    "fill": _COLOUR, "stroke": _COLOUR, "arrow_fill": _COLOUR, "arrow_stroke": _COLOUR,
    "stroke_width": "6",
    "row_classes": ["sk-highlight", "sk-highlight", "sk-highlight"],
    "transform": "translate(20,10) rotate(10)",
    "font_family": "monospace", "font_size": "30",
    "towidget": "ButtonLink1",
    "active_button": 1,
    "session_storage": "gallery_changed_session",
    "local_storage": "gallery_changed_local",
    "session_key": "gallery_changed_session",
    "local_key": "gallery_changed_local",
    "drag": "dragged-changed",
    "drop": "dropped-changed",
}


def update_value(cls, field):
    """The value the gallery's JSON responder sends for ``field`` of widget class ``cls``."""
    key = (cls.class_path(), field)
    if key in UPDATES:
        return UPDATES[key]
    if field in _BY_NAME:
        return _BY_NAME[field]
    f = cls.field_table[field]
    current = sample_value(cls, field)
    if f.ftype == "boolean" and f.shape == "arg":
        return not current
    if f.shape == "list":
        n = max(len(current or ()), 2)
        if f.ftype == "boolean":
            return [not bool(v) for v in (current or [False] * n)]
        return [f"Changed {i + 1}" for i in range(n)]
    if f.shape == "dict":
        return {k: f"{v}-changed" for k, v in (current or {}).items()}
    if f.shape == "table":
        raise KeyError(f"no update value for the table field {cls.class_path()}.{field}")
    if isinstance(current, str) and re.fullmatch(r"-?\d+(\.\d+)?", current or ""):
        return str(int(float(current)) + 25)
    if is_data_field(field):
        return f"{current or field}-changed"
    return f"Changed {field.replace('_', ' ')}"


def restore_value(cls, field):
    """The value that puts ``field`` back as the gallery shows it."""
    if field == "show_error":
        return ""
    if field == "clear_error":
        return False
    if field == "widget_class":
        return sample_value(cls, field) or ""
    value = sample_value(cls, field)
    return "" if value is None else value


def json_fields(cls):
    """The JSON-settable fields of ``cls`` in the order the browser tests try them."""
    return [name for name, f in cls.field_table.items() if f.jsonset]


__all__ = ["sample_fields", "sample_value", "update_value", "restore_value", "json_fields", "is_data_field",
           "SAMPLES", "UPDATES", "TEXTBLOCKS", "json_label"]
