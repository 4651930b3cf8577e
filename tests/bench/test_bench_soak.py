"""The soak of ``bench/soak.py``, short (20 s): correctness only, no timings.

8 live clients, 2 clients toggling outputs (one with an API token, one logged in with a session
and the CSRF header) and a page fetcher run against ``skipole serve`` in a subprocess.  Every
answer must be right, every live client must end holding exactly the values the server reports,
the server must stop cleanly on SIGINT and ``outputs.json`` must hold the last values set.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import soak  # noqa: E402


def test_short_soak_has_no_errors(tmp_path):
    result = soak.run(20, tmp_path, sample_every=2.0)
    assert result["errors"] == []
    assert result["sets"] > 20                      # both togglers worked all along
    assert result["live_requests"] > 8              # every live client got answers
    assert len(result["pages"]) > 10                # the pages answered (no timing asserted)
    assert len(result["samples"]) >= 8              # RSS was sampled through the run
    assert result["events"] > 0
