"""Translators' tool: `python scripts/l10n.py status|diff|check|new-language|publish`.

The rules live in the alliance_site package (alliance_site/cli.py); this file
keeps the documented command working.
"""

import sys

from alliance_site.cli import main

if __name__ == "__main__":
    sys.exit(main())
