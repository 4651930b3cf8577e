"""Small helpers shared by the hardware tests."""

import json
import time


def wait_until(predicate, timeout=10.0):
    """Poll ``predicate`` until it is true or ``timeout`` passes (generous: no timing claims)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def no_transient(history, level):
    """True when a pin, after its level before the claim, only ever had ``level``."""
    return bool(history) and history[-1] == level and all(h == level for h in history[1:])
