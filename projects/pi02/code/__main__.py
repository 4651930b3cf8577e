"""Serve the pi02 appliance for development: python3 projects/pi02/code [--port 8000] [--host 127.0.0.1]

Development mode: skiadmin on, debug pages for loopback clients, a one-time admin password
printed on first start, and simulated pins unless SKIPOLE_HARDWARE says otherwise (off a
Raspberry Pi they are simulated anyway).  In production use `skipole serve` or the Debian
package.
"""

import os
import sys

from skipole.cli import main

PROJECTDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

if __name__ == "__main__":
    sys.exit(main(["serve", PROJECTDIR, "--dev"] + sys.argv[1:]))
