"""Whether this process may fork a child that runs Python code (used to overlap reading with other work)."""

from __future__ import annotations

import multiprocessing
import sys
import threading


def safe_to_fork() -> bool:
    """True when a forked child cannot inherit a lock held by another thread, and may be started at all.

    Forking copies only the calling thread: with other threads running, a lock one of them holds
    could stay locked in the child. Qt starts threads Python does not see, so a process that has
    loaded Qt (the desktop app) never forks. Daemonic processes (the --jobs workers) may not have
    children, and some systems have no fork at all.
    """
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.current_thread() is threading.main_thread()
        and threading.active_count() == 1
        and "PySide6.QtCore" not in sys.modules
        and not multiprocessing.current_process().daemon
    )
