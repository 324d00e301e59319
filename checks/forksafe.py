"""Whether this process may fork a child that runs Python code (used to overlap reading with other work)."""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from typing import Any


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


def start(process: Any) -> None:
    """Start a forked *process* with Ctrl-C held back until both sides can handle it.

    A SIGINT that lands while the child runs the interpreter's after-fork hooks makes it print
    "Exception ignored" (a traceback) to the user's terminal. It is blocked across the fork and
    released here in the parent, and by ``started()`` in the child: then it raises an ordinary
    KeyboardInterrupt on each side.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def started() -> None:
    """First call in a child started by ``start``: Ctrl-C may interrupt it from here on."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
