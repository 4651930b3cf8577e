"""Fixtures for the example appliances: ``appliance(name)`` makes a copy that runs on
simulated pins in tmp_path, closed after the test."""

import pytest
from appliance_helpers import Appliance


@pytest.fixture
def appliance(tmp_path):
    made = []

    def make(name, **kw):
        app = Appliance(name, tmp_path / f"{name}-{len(made)}", **kw)
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()
