"""Run the desktop app with ``python -m desktop``."""

from desktop.app import main

raise SystemExit(main())
