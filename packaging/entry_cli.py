"""Frozen entry point of ``lintra`` (the command line); PyInstaller builds the executable from this script."""

import multiprocessing
import sys

if __name__ == "__main__":
    # `lintra check --jobs N` starts worker processes: in a frozen app they re-run this executable.
    multiprocessing.freeze_support()
    from checks.cli import main

    sys.exit(main())
