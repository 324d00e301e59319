"""Run the lintra command with ``python -m checks``."""

import sys

from checks.cli import main

sys.exit(main())
