"""Frozen entry point of ``lintra-desktop`` (the Qt window); PyInstaller builds the executable from this script."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop.app import main

    sys.exit(main())
