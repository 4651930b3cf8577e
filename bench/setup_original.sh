#!/usr/bin/env bash
# Create bench/venv-orig holding the ORIGINAL skipole 5.6.3 from PyPI, to benchmark against.
# Idempotent: does nothing when the venv already has that version. The venv is ignored by git
# (.gitignore: bench/venv*/). Usage: bash bench/setup_original.sh
set -euo pipefail

VERSION="5.6.3"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/venv-orig"
PY="$VENV/bin/python"

have_version() {
    [ -x "$PY" ] && "$PY" - "$VERSION" <<'PYEOF' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if version("skipole") == sys.argv[1] else 1)
PYEOF
}

if have_version && "$PY" -c "import waitress" 2>/dev/null; then
    echo "setup_original: $VENV already has skipole $VERSION"
    exit 0
fi

if [ ! -x "$PY" ]; then
    echo "setup_original: creating $VENV"
    python3 -m venv "$VENV"
fi
"$PY" -m pip install --quiet --disable-pip-version-check "skipole==$VERSION" waitress
have_version || { echo "setup_original: skipole $VERSION did not install" >&2; exit 1; }
echo "setup_original: installed skipole $VERSION into $VENV"
