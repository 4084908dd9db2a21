"""`python -m alliance_site …`: the translators' command line (see cli.py)."""

import sys

from alliance_site.cli import main

sys.exit(main())
