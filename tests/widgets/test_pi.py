"""pi: the Raspberry Pi widgets render device values, no-JavaScript forms to the device API,
accessible controls and clear warnings, with every text escaped."""

import re
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK
from skipole.widgets import pi
from skipole.widgets.base import (
    RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class, widget_modules,
    widgets_in_module,
)

PAYLOAD = "<script>alert(1)</script>"
CLASSES = ["Switch", "Slider", "Indicator", "Value", "Gauge", "DeviceTable", "SimulatedNotice"]


def device(name, kind, value, unit="", description="", writable=None, simulated=False, **more):
    if writable is None:
        writable = kind in ("output", "pwm")
    return dict({"name": name, "kind": kind, "value": value, "unit": unit, "description": description,
                 "version": 7, "writable": writable, "simulated": simulated}, **more)


DEVICES = [
    device("relay", "output", True, description="Pump"),
    device("fan", "pwm", 0.57, description="Fan"),
    device("door", "input", False, description="Front door"),
    device("cpu", "cpu_temperature", 48.25, unit="°C", description="CPU temperature", min=0.0, max=100.0),
    device("load", "system", 0.42, description="Load"),
    device("clock", "system", "2024-05-01T12:00:00Z", description="Server time"),
]


class PiContext(RenderContext):
    """A render context with devices, as the request's context gives them."""

    api_url = "/api"
    request_path = "/control"

    def __init__(self, devices=DEVICES):
        self._devices = {d["name"]: dict(d) for d in devices}

    def device(self, name):
        found = self._devices.get(name)
        return dict(found) if found else None

    def devices(self):
        return [dict(d) for d in self._devices.values()]


class BrokenContext(PiContext):
    def device(self, name):
        raise RuntimeError("the backend went away")

    def devices(self):
        raise RuntimeError("the backend went away")


# ---- a small HTML tree to look into the output ----------------------------------------------

class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.parts = tag, dict(attrs), parent, []

    @property
    def children(self):
        return [p for p in self.parts if isinstance(p, Node)]

    def text(self):
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def iter(self):
        for c in self.children:
            yield c
            yield from c.iter()

    def find_all(self, tag=None, **want):
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in want.items())]

    def find(self, tag=None, **want):
        found = self.find_all(tag, **want)
        assert found, f"no <{tag} {want}>"
        return found[0]

    def by_class(self, cls):
        found = [n for n in self.iter() if cls in (n.attrs.get("class") or "").split()]
        assert found, f"no .{cls}"
        return found[0]


class Tree(HTMLParser):
    VOID = {"input", "br", "img", "hr", "meta", "link", "path", "line", "circle"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})
        self.feed(html)
        self.close()
        assert self.cur is self.root, "unclosed tags"

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.parts.append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.parts.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.parts.append(data)


def top(html):
    kids = Tree(html).root.children
    assert len(kids) == 1, html
    return kids[0]


def render(cls_name, fields=None, ctx=None, name="w"):
    return render_standalone(f"pi.{cls_name}", name, fields, ctx=PiContext() if ctx is None else ctx)


def render_js(cls_name, fields=None, ctx=None, name="w"):
    inst = WidgetInstance(widget_class(f"pi.{cls_name}"), name, fields)
    view = WidgetView(inst, name, inst.fields, ctx or PiContext())
    return inst.impl.render(view), view.js_data


def hidden_inputs(form):
    return {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input", type="hidden")}


# what each class needs to render its full body
NEEDS = {"Switch": {"device": "relay"}, "Slider": {"device": "fan"}, "Indicator": {"device": "door"},
         "Value": {"device": "cpu"}, "Gauge": {"device": "cpu"}, "DeviceTable": {},
         "SimulatedNotice": {}}
SIMULATED = PiContext([dict(d, simulated=True) for d in DEVICES])


# ---- the module ---------------------------------------------------------------------------------

def test_module_is_registered_with_its_seven_classes():
    assert "pi" in widget_modules()
    assert [c.__name__ for c in widgets_in_module("pi")] == CLASSES
    assert widget_class("pi.Switch") is pi.Switch


@pytest.mark.parametrize("cls_name", CLASSES)
def test_every_class_is_dynamic_and_documented(cls_name):
    cls = getattr(pi, cls_name)
    assert cls.dynamic, "device values change between requests: never cached"
    assert cls.description().split("\n\n")[0].endswith(".")
    for name, field in cls.field_table.items():
        assert field.help, f"{cls_name}.{name} has no help"


@pytest.mark.parametrize("cls_name", ["Switch", "Slider", "Indicator", "Value", "Gauge", "SimulatedNotice"])
def test_device_bound_classes_have_a_device_field(cls_name):
    field = getattr(pi, cls_name).field_table["device"]
    assert field.ftype == "text" and field.shape == "arg"


def test_labels_and_state_texts_are_settable_by_json():
    for cls_name in ("Switch", "Indicator"):
        table = getattr(pi, cls_name).field_table
        assert table["label"].jsonset and table["on_text"].jsonset and table["off_text"].jsonset
    assert pi.SimulatedNotice.field_table["notice_text"].jsonset


# ---- generic safety -----------------------------------------------------------------------------

@pytest.mark.parametrize("cls_name", CLASSES)
def test_every_text_field_is_escaped(cls_name):
    cls = getattr(pi, cls_name)
    for fname, field in cls.field_table.items():
        if field.ftype != "text":
            continue
        value = [PAYLOAD] if field.shape == "list" else PAYLOAD
        fields = dict(NEEDS[cls_name], **{fname: value})
        html = render(cls_name, fields, ctx=SIMULATED)
        assert "<script" not in html, (fname, html)
        if not (cls_name == "SimulatedNotice" and fname == "device"):     # no such device: no notice
            assert html, (fname, "rendered nothing")
    if cls.error_display:
        html = render(cls_name, dict(NEEDS[cls_name], show_error=PAYLOAD))
        assert "<script" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_device_texts_are_escaped(cls_name):
    """Names, descriptions, units and values come from hardware.toml and the pins: escaped too."""
    evil = [dict(d, description=PAYLOAD, unit=PAYLOAD, simulated=True) for d in DEVICES]
    evil.append(device(PAYLOAD, "system", PAYLOAD, unit=PAYLOAD, description=PAYLOAD, simulated=True))
    ctx = PiContext(evil)
    for fields in (NEEDS[cls_name], dict(NEEDS[cls_name], device=PAYLOAD)):
        html = render(cls_name, fields, ctx=ctx)
        assert "<script" not in html, html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_no_inline_event_handlers_or_scripts(cls_name):
    html = render(cls_name, NEEDS[cls_name], ctx=SIMULATED)
    assert not re.search(r"\son\w+\s*=", html)
    assert "<script" not in html and "javascript:" not in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_show_false_renders_nothing(cls_name):
    assert render(cls_name, dict(NEEDS[cls_name], show=False), ctx=SIMULATED) == ""


@pytest.mark.parametrize("cls_name", CLASSES)
def test_widget_class_and_style_join_the_pi_classes(cls_name):
    html = render(cls_name, dict(NEEDS[cls_name], widget_class="wc", widget_style="color:red"), ctx=SIMULATED)
    outer = top(html)
    assert outer.attrs["id"] == "w"
    assert outer.attrs["class"].split() == ["sk-pi", "sk-pi-" + _base(cls_name), "wc"]
    assert outer.attrs["style"] == "color:red"


def _base(cls_name):
    return {"DeviceTable": "devices", "SimulatedNotice": "simulated"}.get(cls_name, cls_name.lower())


# ---- no device, wrong device ----------------------------------------------------------------------

@pytest.mark.parametrize("cls_name", ["Switch", "Slider", "Indicator", "Value", "Gauge"])
def test_no_device_set_gives_a_warning(cls_name):
    node = top(render(cls_name, {}))
    assert node.attrs["data-status"] == "error"
    assert node.text() == f"Warning: no device set for this {cls_name}"


@pytest.mark.parametrize("cls_name", ["Switch", "Slider", "Indicator", "Value", "Gauge"])
def test_unknown_device_gives_a_warning(cls_name):
    node = top(render(cls_name, {"device": "nosuch"}))
    assert node.tag == "span" and node.attrs["data-status"] == "error"
    assert node.text() == 'Warning: no device named "nosuch"'


@pytest.mark.parametrize("cls_name", CLASSES)
def test_standalone_context_without_devices_never_crashes(cls_name):
    """skiadmin previews widgets with the plain context: it has no device() at all."""
    html = render_standalone(f"pi.{cls_name}", "w", NEEDS[cls_name])
    if cls_name == "SimulatedNotice":
        assert html == ""
    else:
        assert top(html).text().startswith("Warning: ")


@pytest.mark.parametrize("cls_name", CLASSES)
def test_a_failing_device_lookup_gives_a_warning(cls_name, caplog):
    html = render(cls_name, NEEDS[cls_name], ctx=BrokenContext())
    if cls_name == "SimulatedNotice":
        assert html == ""
    else:
        assert top(html).text().startswith("Warning: ")
    assert "the backend went away" in caplog.text


@pytest.mark.parametrize("cls_name,name,kind", [
    ("Switch", "door", "input"), ("Switch", "fan", "pwm"), ("Slider", "relay", "output"),
    ("Indicator", "cpu", "cpu_temperature"),
])
def test_a_device_of_the_wrong_kind_gives_a_warning(cls_name, name, kind):
    text = top(render(cls_name, {"device": name})).text()
    assert text.startswith(f'Warning: device "{name}" is a')
    assert kind in text and cls_name in text


# ---- Switch -------------------------------------------------------------------------------------

def test_switch_without_javascript_posts_the_opposite_state_to_the_device_api():
    node = top(render("Switch", {"device": "relay"}))
    form = node.find("form")
    assert form.attrs["method"] == "post" and form.attrs["action"] == "/api/devices/relay"
    assert hidden_inputs(form) == {"value": "off", "csrf_token": CSRF_MARK, "next": "/control"}
    assert form.find("button").attrs["type"] == "submit"

    ctx = PiContext([device("relay", "output", False)])
    form = top(render("Switch", {"device": "relay"}, ctx=ctx)).find("form")
    assert hidden_inputs(form)["value"] == "on"


def test_switch_is_an_accessible_switch_with_state_in_colour_and_words():
    node = top(render("Switch", {"device": "relay", "on_text": "Running", "off_text": "Stopped"}))
    button = node.find("button")
    assert button.attrs["role"] == "switch" and button.attrs["aria-checked"] == "true"
    assert node.attrs["data-state"] == "on"
    assert button.by_class("sk-pi-state").text() == "Running"
    label = node.find("label")
    assert label.attrs["for"] == button.attrs["id"]
    assert button.attrs["aria-labelledby"] == label.attrs["id"]
    assert label.text() == "Pump"              # the device's description by default
    assert button.by_class("sk-pi-track").attrs["aria-hidden"] == "true"

    off = top(render("Switch", {"device": "relay", "off_text": "Stopped"},
                     ctx=PiContext([device("relay", "output", False)])))
    assert off.find("button").attrs["aria-checked"] == "false" and off.attrs["data-state"] == "off"
    assert off.by_class("sk-pi-state").text() == "Stopped"


def test_switch_label_field_and_screen_reader_only_label():
    node = top(render("Switch", {"device": "relay", "label": "Garden pump", "show_label": False}))
    label = node.find("label")
    assert label.text() == "Garden pump" and "sk-pi-sr" in label.attrs["class"]
    nameless = top(render("Switch", {"device": "relay"}, ctx=PiContext([device("relay", "output", True)])))
    assert nameless.find("label").text() == "relay"


def test_switch_for_a_device_the_user_may_not_set_is_disabled():
    ctx = PiContext([device("relay", "output", True, writable=False)])
    node = top(render("Switch", {"device": "relay"}, ctx=ctx))
    assert "disabled" in node.find("button").attrs
    assert node.attrs["data-readonly"] == "true"
    assert "data-readonly" not in top(render("Switch", {"device": "relay"})).attrs


def test_switch_device_url_is_quoted_and_follows_the_api_url():
    ctx = PiContext([device("my relay/1?x", "output", True)])
    ctx.api_url = "/sub/api/"
    form = top(render("Switch", {"device": "my relay/1?x"}, ctx=ctx)).find("form")
    assert form.attrs["action"] == "/sub/api/devices/my%20relay%2F1%3Fx"


def test_switch_next_is_the_local_page_path_only():
    ctx = PiContext()
    ctx.request_path = "//evil.example/x"
    assert "next" not in hidden_inputs(top(render("Switch", {"device": "relay"}, ctx=ctx)).find("form"))
    ctx.request_path = "/\\evil.example"
    assert "next" not in hidden_inputs(top(render("Switch", {"device": "relay"}, ctx=ctx)).find("form"))
    ctx.request_path = ""
    assert "next" not in hidden_inputs(top(render("Switch", {"device": "relay"}, ctx=ctx)).find("form"))


def test_switch_shows_an_error_and_hides_the_empty_error_box():
    node = top(render("Switch", {"device": "relay"}))
    box = node.by_class("sk-pi-error")
    assert box.attrs["role"] == "alert" and box.attrs["style"] == "display:none;" and box.text() == ""
    node = top(render("Switch", {"device": "relay", "show_error": "Refused"}))
    assert node.attrs["data-status"] == "error"
    box = node.by_class("sk-pi-error")
    assert box.text() == "Refused" and "style" not in box.attrs


def test_switch_settings_for_the_browser():
    _html, js = render_js("Switch", {"device": "relay", "on_text": "Up", "off_text": "Down"})
    assert js == {"device": "relay", "on_text": "Up", "off_text": "Down"}


# ---- Slider -------------------------------------------------------------------------------------

def test_slider_is_a_range_form_with_a_set_button():
    node = top(render("Slider", {"device": "fan", "button_text": "Apply"}))
    form = node.find("form")
    assert form.attrs["method"] == "post" and form.attrs["action"] == "/api/devices/fan"
    assert hidden_inputs(form) == {"csrf_token": CSRF_MARK, "next": "/control"}
    rng = form.find("input", type="range")
    assert rng.attrs["name"] == "value"      # the API takes 0.0-1.0 as it is
    assert (rng.attrs["min"], rng.attrs["max"], rng.attrs["step"], rng.attrs["value"]) == ("0", "1", "0.01", "0.57")
    assert rng.attrs["aria-valuetext"] == "57%"
    assert form.find("output").text() == "57%" and form.find("output").attrs["for"] == rng.attrs["id"]
    label = form.find("label")
    assert label.attrs["for"] == rng.attrs["id"] and rng.attrs["aria-labelledby"] == label.attrs["id"]
    assert label.text() == "Fan"
    button = form.find("button")
    assert button.attrs["type"] == "submit" and button.text() == "Apply"
    assert node.attrs["data-state"] == "on"


def test_slider_step_clamps_and_send_every_goes_to_the_browser():
    html, js = render_js("Slider", {"device": "fan", "step": 5, "send_every": 50})
    assert top(html).find("input", type="range").attrs["step"] == "0.05"
    assert js == {"device": "fan", "send_every": 50}
    html, js = render_js("Slider", {"device": "fan", "step": 1000, "send_every": 10**6})
    assert top(html).find("input", type="range").attrs["step"] == "1"
    assert js["send_every"] == 5000


def test_slider_clamps_values_and_reads_only_when_not_writable():
    ctx = PiContext([device("fan", "pwm", 1.7, writable=False)])
    node = top(render("Slider", {"device": "fan"}, ctx=ctx))
    rng = node.find("input", type="range")
    assert rng.attrs["value"] == "1" and "disabled" in rng.attrs
    assert "disabled" in node.find("button").attrs and node.attrs["data-readonly"] == "true"
    ctx = PiContext([device("fan", "pwm", 0.0)])
    node = top(render("Slider", {"device": "fan"}, ctx=ctx))
    assert node.find("output").text() == "0%" and node.attrs["data-state"] == "off"


# ---- Indicator ------------------------------------------------------------------------------------

def test_indicator_shows_state_by_colour_class_and_text():
    node = top(render("Indicator", {"device": "door", "on_text": "Open", "off_text": "Shut"}))
    assert node.attrs["data-state"] == "off"
    assert node.by_class("sk-pi-state").text() == "Shut"
    assert node.by_class("sk-pi-lamp").attrs["aria-hidden"] == "true"
    assert node.by_class("sk-pi-label").text() == "Front door"
    assert "aria-live" not in node.by_class("sk-pi-state").attrs
    ctx = PiContext([device("door", "input", True)])
    node = top(render("Indicator", {"device": "door", "on_text": "Open", "announce": True}, ctx=ctx))
    assert node.attrs["data-state"] == "on" and node.by_class("sk-pi-state").text() == "Open"
    assert node.by_class("sk-pi-state").attrs["aria-live"] == "polite"


def test_indicator_shows_an_output_too():
    node = top(render("Indicator", {"device": "relay"}))
    assert node.attrs["data-state"] == "on" and node.by_class("sk-pi-state").text() == "On"


# ---- Value ----------------------------------------------------------------------------------------

def test_value_shows_the_reading_with_unit_and_decimals():
    html, js = render_js("Value", {"device": "cpu", "decimals": "1"})
    node = top(html)
    assert node.by_class("sk-pi-reading").text() == "48.3 °C"      # 48.25 rounds half up, as in JS
    assert node.by_class("sk-pi-label").text() == "CPU temperature"
    assert node.attrs["data-state"] == "ok"
    assert js == {"device": "cpu", "format": {"unit": True, "on": "On", "off": "Off", "decimals": 1}}
    node = top(render("Value", {"device": "cpu", "show_unit": False}))
    assert node.by_class("sk-pi-reading").text() == "48.25"


def test_value_of_a_sensor_that_cannot_be_read_is_a_dash():
    ctx = PiContext([device("cpu", "cpu_temperature", None, unit="°C")])
    node = top(render("Value", {"device": "cpu"}, ctx=ctx))
    assert node.by_class("sk-pi-reading").text() == "\u2014" and node.attrs["data-state"] == "unavailable"


def test_value_shows_text_and_on_off_values():
    assert top(render("Value", {"device": "clock"})).by_class("sk-pi-reading").text() == "2024-05-01T12:00:00Z"
    node = top(render("Value", {"device": "relay", "on_text": "running"}))
    assert node.by_class("sk-pi-reading").text() == "running"


# ---- Gauge ----------------------------------------------------------------------------------------

def _needle_angle(node):
    m = re.fullmatch(r"rotate\((-?[\d.]+) 100 100\)", node.by_class("sk-pi-needle").attrs["transform"])
    return float(m.group(1))


def test_gauge_draws_the_value_on_a_dial():
    html, js = render_js("Gauge", {"device": "cpu", "label": "CPU"})
    node = top(html)
    svg = node.find("svg")
    assert svg.attrs["role"] == "img" and svg.attrs["aria-label"] == "CPU: 48.3 °C"
    assert node.by_class("sk-pi-reading").text() == "48.3 °C"
    assert _needle_angle(node) == pytest.approx(-120 + 240 * 0.4825, abs=0.01)
    assert node.by_class("sk-pi-arc").attrs["stroke-dasharray"] == "48.25 100"
    assert [t.text() for t in node.find_all("text", class_="sk-pi-end")] == ["0", "100"]
    assert js["minimum"] == 0.0 and js["maximum"] == 100.0 and js["device"] == "cpu"
    assert js["format"] == {"unit": True, "percent": False, "decimals": 1}


def test_gauge_scale_from_fields_then_device_then_default():
    node = top(render("Gauge", {"device": "cpu", "minimum": "40", "maximum": "60"}))
    assert _needle_angle(node) == pytest.approx(-120 + 240 * (8.25 / 20), abs=0.01)
    node = top(render("Gauge", {"device": "load"}))                     # no min/max on the device
    assert [t.text() for t in node.find_all("text", class_="sk-pi-end")] == ["0", "100"]
    node = top(render("Gauge", {"device": "cpu", "minimum": "9", "maximum": "3"}))   # unusable: default
    assert [t.text() for t in node.find_all("text", class_="sk-pi-end")] == ["0", "100"]


def test_gauge_clamps_off_scale_values_and_shows_unreadable_as_dash():
    ctx = PiContext([device("cpu", "cpu_temperature", 150.0, unit="°C", max=100.0),
                     device("cold", "ds18b20", -80.0, unit="°C", min=-55.0, max=125.0),
                     device("gone", "ds18b20", None, unit="°C")])
    assert _needle_angle(top(render("Gauge", {"device": "cpu"}, ctx=ctx))) == 120
    assert _needle_angle(top(render("Gauge", {"device": "cold"}, ctx=ctx))) == -120
    node = top(render("Gauge", {"device": "gone"}, ctx=ctx))
    assert node.by_class("sk-pi-reading").text() == "\u2014" and node.attrs["data-state"] == "unavailable"


def test_gauge_of_a_pwm_output_reads_in_percent():
    node = top(render("Gauge", {"device": "fan", "decimals": "0"}))
    assert node.by_class("sk-pi-reading").text() == "57%"
    assert [t.text() for t in node.find_all("text", class_="sk-pi-end")] == ["0", "100"]


# ---- DeviceTable --------------------------------------------------------------------------------

def _rows(node):
    return {tr.attrs["data-device"]: tr for tr in node.find_all("tr") if "data-device" in tr.attrs}


def test_device_table_lists_every_device_with_controls_for_writable_ones():
    html, js = render_js("DeviceTable", {"caption": "My Pi"})
    node = top(html)
    assert node.find("caption").text() == "My Pi"
    assert [th.text() for th in node.find("thead").find_all("th")] == ["Device", "Description", "Value", "Control"]
    rows = _rows(node)
    assert list(rows) == ["relay", "fan", "door", "cpu", "load", "clock"]
    assert js["devices"] == list(rows)
    relay = rows["relay"]
    assert relay.find("th").attrs["scope"] == "row" and relay.find("th").text() == "relay"
    assert relay.by_class("sk-pi-reading").text() == "On" and relay.attrs["data-state"] == "on"
    form = relay.find("form")
    assert form.attrs["action"] == "/api/devices/relay" and hidden_inputs(form)["value"] == "off"
    button = form.find("button")
    assert button.attrs["role"] == "switch" and button.attrs["aria-labelledby"] == relay.find("th").attrs["id"]
    fan = rows["fan"]
    assert fan.by_class("sk-pi-reading").text() == "57%"
    assert fan.find("input", type="range").attrs["aria-labelledby"] == fan.find("th").attrs["id"]
    for name in ("door", "cpu", "load", "clock"):
        assert not rows[name].find_all("form"), name
    assert rows["cpu"].by_class("sk-pi-reading").text() == "48.25 °C"
    assert rows["door"].by_class("sk-pi-reading").text() == "Off"
    ids = [n.attrs["id"] for n in node.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "ids are unique in the table"


def test_device_table_chosen_devices_in_order_and_a_warning_row_for_unknown_ones():
    node = top(render("DeviceTable", {"devices": ["cpu", "nosuch", "relay"], "show_description": False}))
    rows = _rows(node)
    assert list(rows) == ["cpu", "nosuch", "relay"]
    assert rows["nosuch"].attrs["data-status"] == "error"
    assert 'no device named "nosuch"' in rows["nosuch"].text()
    assert len(node.find("thead").find_all("th")) == 3


def test_device_table_of_a_read_only_output_has_no_control():
    ctx = PiContext([device("relay", "output", True, writable=False)])
    assert not top(render("DeviceTable", {}, ctx=ctx)).find_all("form")


def test_device_table_without_devices():
    node = top(render("DeviceTable", {}, ctx=PiContext([])))
    assert node.by_class("sk-pi-empty").text() == "No devices"
    warning = top(render_standalone("pi.DeviceTable", "w", {}))
    assert warning.attrs["data-status"] == "error" and warning.text().startswith("Warning: no devices")


# ---- SimulatedNotice ------------------------------------------------------------------------------

def test_simulated_notice_only_while_pins_are_simulated():
    assert render("SimulatedNotice") == ""
    node = top(render("SimulatedNotice", ctx=SIMULATED))
    assert node.text() == "Simulated pins: nothing is really switched"
    assert node.attrs["role"] == "note" and "sk-pi-simulated" in node.attrs["class"]
    node = top(render("SimulatedNotice", {"notice_text": "Demo mode"}, ctx=SIMULATED))
    assert node.text() == "Demo mode"


def test_simulated_notice_for_one_device():
    ctx = PiContext([device("relay", "output", True, simulated=True), device("cpu", "cpu_temperature", 40.0)])
    assert top(render("SimulatedNotice", {"device": "relay"}, ctx=ctx)).text().startswith("Simulated")
    assert render("SimulatedNotice", {"device": "cpu"}, ctx=ctx) == ""
    assert render("SimulatedNotice", {"device": "nosuch"}, ctx=ctx) == ""


# ---- formatting (shared with the browser: see tests/static/test_live_js.py) ------------------------

@pytest.mark.parametrize("dev,fmt,text", [
    ({"value": True}, None, "On"),
    ({"value": False}, {"on": "open", "off": "shut"}, "shut"),
    ({"value": True}, {"on": ""}, ""),
    ({"value": 21.456, "unit": "°C"}, {"decimals": 1, "unit": True}, "21.5 °C"),
    ({"value": 2.5}, {"decimals": 0}, "3"),
    ({"value": -2.5}, {"decimals": "0"}, "-3"),
    ({"value": 1.005}, {"decimals": 2}, "1.00"),
    ({"value": 1.0}, {}, "1"),
    ({"value": 0.25}, {}, "0.25"),
    ({"value": 7}, {"unit": True}, "7"),
    ({"value": 0.57}, {"percent": True, "unit": True}, "57%"),
    ({"value": 0.5}, {"percent": True, "decimals": 1}, "50.0"),
    ({"value": None, "unit": "°C"}, {"unit": True}, "\u2014"),
    ({"value": "12:00"}, {"prefix": "at ", "suffix": "!"}, "at 12:00!"),
    ({"value": "12:00", "unit": "h"}, {"unit": True}, "12:00"),
    ({"value": 3, "unit": "s"}, {"unit": "false"}, "3"),
    ({"value": 3}, {"decimals": "x"}, "3"),
    ({"value": 3}, {"decimals": 11}, "3"),
    ({"value": -0.04}, {"decimals": 1}, "0.0"),
    ({"value": -0.0}, {}, "0"),
    (None, None, "\u2014"),
])
def test_format_value(dev, fmt, text):
    assert pi.format_value(dev, fmt) == text
