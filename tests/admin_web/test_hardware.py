"""The Hardware screens (skipole/admin/web/hardware.py and bindings.py): device settings with
their version check, a Pi widget bound to a device added in one step, and binding any widget
field to a device."""

from tests.admin_web.conftest import find_form, press, send
from tests.core.projects import Client


def test_devices_are_listed_with_their_value_and_settings(admin_client):
    text = admin_client.screen("/skiadmin/hardware").text
    for words in ("relay1", "Pump", "led", "Lamp", "cpu", "The pins are simulated", "Put it on a page"):
        assert words in text


def test_device_settings_are_saved_with_the_version_check(admin_client, admin_site):
    hardware = admin_site.app.hardware
    press(admin_client, "/skiadmin/hardware", "Save", {"description": "Garden pump", "power_on": "restore",
                                                       "default": "on"}, name="relay1")
    info = hardware.devices["relay1"]
    assert (info["description"], info["power_on"], info["default"]) == ("Garden pump", "restore", True)
    assert admin_site.store.version == 0          # device settings are not part of the draft


def test_a_stale_device_form_shows_whose_settings_won(admin_client, admin_site):
    hardware = admin_site.app.hardware
    screen = admin_client.screen("/skiadmin/hardware").text
    form = find_form(screen, "Save", name="relay1")
    hardware.update_device("relay1", description="Set on the setup page", by="user:alice")
    result = send(admin_client, form, {"description": "Mine"})
    assert result.code == 409 and "Someone else changed this device" in result.text
    assert "Set on the setup page" in result.text and "Mine" in result.text
    assert hardware.devices["relay1"]["description"] == "Set on the setup page"
    done = send(admin_client, find_form(result.text, "Save mine over theirs"))
    assert done.code == 303 and hardware.devices["relay1"]["description"] == "Mine"


def test_a_bad_device_value_is_refused(admin_client, admin_site):
    result = press(admin_client, "/skiadmin/hardware", "Save", {"default": "2.5"}, name="led", follow=False)
    assert result.code == 400


def test_a_pi_widget_bound_to_a_device_is_added_in_one_step(admin_client, admin_site, ):
    choose = admin_client.screen("/skiadmin/hardware/add", device="relay1").text
    assert "1. Page" in choose or "Which page" in choose
    screen = admin_client.screen("/skiadmin/hardware/add", device="relay1", page="1").text
    assert "Switch: a switch" in screen and "end of &lt;body&gt;" in screen
    form = find_form(screen, "Add to the page")
    done = send(admin_client, form, {"s__location": "body-5", "e__fields___label": "Pump"})
    assert done.code == 303
    element = admin_site.store.query("element_info", page=1, location="body-5")["result"]["element"]
    assert element[1]["class"] == "pi.Switch" and element[1]["fields"]["device"] == "relay1"
    assert element[1]["fields"]["label"] == "Pump" and element[1]["name"] == "relay11"
    press(admin_client, "/skiadmin/publish", "Publish now")
    page = Client(admin_site.app).get("/index").text
    assert "sk-pi-switch" in page and "Pump" in page


def test_the_widget_form_offers_the_devices_for_a_device_field(admin_client):
    text = admin_client.screen("/skiadmin/insert/widget?page=1&at=body-5&module=pi&class=pi.Value").text
    assert '<option value="cpu">cpu — CPU temperature (cpu_temperature)</option>' in text


def test_a_widget_field_is_bound_to_a_device_and_unbound(admin_client, admin_site):
    here = "/skiadmin/element?page=1&loc=body-1"
    assert "Bind to a device" in admin_client.screen(here).text
    done = press(admin_client, "/skiadmin/bind?page=1&loc=body-1&field=para_text", "Bind",
                 {"s__device": "relay1", "s__on": "Running", "s__off": "Stopped"})
    assert "bound to relay1" in done.text and "Field bound to the device" in done.text
    element = admin_site.store.query("element_info", page=1, location="body-1")["result"]["element"]
    assert element[1]["bindings"] == {"para_text": {"device": "relay1", "on": "Running", "off": "Stopped"}}
    press(admin_client, "/skiadmin/publish", "Publish now")
    assert "Stopped" in Client(admin_site.app).get("/index").text
    press(admin_client, "/skiadmin/bind?page=1&loc=body-1&field=para_text", "Remove the binding")
    element = admin_site.store.query("element_info", page=1, location="body-1")["result"]["element"]
    assert "bindings" not in element[1]


def test_a_binding_takes_the_format_keys(admin_client, admin_site):
    press(admin_client, "/skiadmin/bind?page=1&loc=body-1&field=para_text", "Bind",
          {"s__device": "led", "b__percent": True, "b__unit": True, "s__decimals": "1", "t__prefix": "Lamp "})
    spec = admin_site.store.query("element_info", page=1, location="body-1")["result"]["element"][1]["bindings"]
    assert spec["para_text"] == {"device": "led", "decimals": 1, "percent": True, "unit": True, "prefix": "Lamp "}
    result = press(admin_client, "/skiadmin/bind?page=1&loc=body-1&field=para_text", "Bind",
                   {"s__device": "led", "s__decimals": "12"}, follow=False)
    assert result.code == 400 and "decimals" in result.text
