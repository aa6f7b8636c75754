"""``python -m game``: the desktop game, or a command (simulate, validate, calibrate, ...)."""

import sys

from game.cli.main import main

sys.exit(main())
