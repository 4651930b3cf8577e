"""``python3 -m skipole``: the command line (see ``skipole.cli``)."""

import sys

from .cli import main

sys.exit(main())
