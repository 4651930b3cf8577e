"""pi02's sensor history: 48 hours of a simulated CPU temperature, fast-forwarded, in the
history store and on the sensors page's chart, and still there after a restart."""

import re
import time

import pytest
from appliance_helpers import ADMIN, attribute, text_of

HOUR = 3600
# the chart's plot area (projects/build.py chart_section)
TOP, BOTTOM, LEFT, RIGHT = 8.0, 138.0, 44.0, 312.0


def _feed_two_days(app, end):
    """One sample a minute for 48 hours before ``end``: 40 °C the first day, 60 °C the second;
    button1 pressed from hour 30 to hour 33."""
    start = end - 48 * HOUR
    app.set_cpu(40.0)
    for minute in range(1, 48 * 60 + 1):
        at = start + 60 * minute
        if minute == 24 * 60 + 1:
            app.set_cpu(60.0)
        elif minute == 30 * 60:
            app.rig.activate("button1")
        elif minute == 33 * 60:
            app.rig.deactivate("button1")
        app.hardware.sample_now(at=at, names=["cpu", "button1"])
    app.hardware.flush()


def _points(path):
    """The (x, y) points of a chart path of M/L commands."""
    return [(float(x), float(y)) for x, y in re.findall(r"[ML] ([\d.]+) ([\d.]+)", path)]


@pytest.fixture
def fed(appliance):
    app = appliance("pi02")
    end = time.time()
    _feed_two_days(app, end)
    return app


def test_the_history_store_keeps_48_hours_of_samples(fed):
    samples = fed.hardware.history("cpu")
    assert len(samples) == 48 * 60
    assert samples[0][1] == 40.0 and samples[-1][1] == 60.0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", samples[0][0])
    segments = sorted((fed.state_dir / "history" / "cpu").glob("*.json"))
    assert segments, "the history is written to the state directory"
    pressed = [v for _t, v in fed.hardware.history("button1") if v]
    assert len(pressed) == 3 * 60


def test_the_sensors_page_charts_the_samples(fed):
    page = fed.login(ADMIN).get("/sensors").text
    summary = text_of(page, "cpu-summary")
    assert "40.0 to 60.0 °C (2880 samples)" in summary
    assert (text_of(page, "cpu-ytop"), text_of(page, "cpu-ybottom")) == ("60", "40")
    points = _points(attribute(page, "cpu-line", "d"))
    assert 280 <= len(points) <= 288                    # 10-minute means over 48 hours
    assert all(LEFT <= x <= RIGHT for x, _ in points)
    first_day = [y for x, y in points if x < (LEFT + RIGHT) / 2 - 2]
    second_day = [y for x, y in points if x > (LEFT + RIGHT) / 2 + 2]
    assert first_day and all(y == BOTTOM for y in first_day)        # 40 °C: the bottom
    assert second_day and all(y == TOP for y in second_day)         # 60 °C: the top
    assert "Active in 6 %" in text_of(page, "button1-summary")      # 3 hours of 48
    steps = attribute(page, "button1-line", "d")
    assert f"V {TOP:g}" in steps and f"V {BOTTOM:g}" in steps


def test_restarting_keeps_the_history(fed):
    before = fed.hardware.history("cpu")
    fed.restart()
    assert fed.hardware.history("cpu") == before
    page = fed.login(ADMIN).get("/sensors").text
    assert "(2880 samples)" in text_of(page, "cpu-summary")


def test_a_device_without_samples_says_so(appliance):
    app = appliance("pi02")
    page = app.login(ADMIN).get("/sensors").text
    assert "No samples yet: one is taken every minute." in text_of(page, "probe-summary")
    assert attribute(page, "probe-line", "d") in ("", None)
