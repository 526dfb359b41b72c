"""``python -m kz_labour_rights``: the command-line interface."""

import sys

from ._cli import main

sys.exit(main())
