"""``python -m notes_lint``."""

import sys

from notes_lint.cli import main

sys.exit(main())
