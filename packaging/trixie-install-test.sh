#!/usr/bin/env bash
# The install test of packaging/ci-package-test.sh in a Debian trixie chroot (Python 3.13,
# trixie's own python3-waitress, python3-werkzeug and python3-gpiozero): the package built
# on bookworm must install, serve, upgrade, reset and purge cleanly there too.
#
#   packaging/trixie-install-test.sh [--deb FILE] [--keep]
#
# Without --deb it builds the package first (as ci-package-test.sh does). lintian is not run
# again: it is the same package.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/ci-package-test.sh" --suite trixie --no-lintian "$@"
