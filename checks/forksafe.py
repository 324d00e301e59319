"""Forked children that compute a value beside this process (to overlap reading with other work), and when that is safe."""

from __future__ import annotations

import contextlib
import copyreg
import io
import multiprocessing
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Generic, TypeVar

T = TypeVar("T")


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


class Forked(Generic[T]):
    """``fn(*args)`` computed in a forked child process while this one goes on (see ``safe_to_fork``).

    The value comes back pickled (read-only mapping views, as in ``Document.meta``, included). A
    child that gives no answer (it died, was interrupted, or *fn* raised) leaves the work to the
    caller's fallback: *fn* should return its expected errors rather than raise them.
    """

    def __init__(self, fn: Callable[..., T], *args: Any, daemon: bool = True) -> None:
        mp = multiprocessing.get_context("fork")
        self._receive, send = mp.Pipe(duplex=False)
        # A daemon may not start children of its own; a reader that does needs daemon=False.
        self._child: Any = mp.Process(target=_answer, args=(fn, args, self._receive, send), daemon=daemon)
        start(self._child)
        send.close()

    def result(self, fallback: Callable[[], T]) -> T:
        """The child's value (waiting for it), or ``fallback()`` computed here if it gives none."""
        try:
            data = self._receive.recv_bytes()
        except (EOFError, OSError):  # no answer (killed, out of memory, an error): compute it here
            data = b""
        finally:
            self.close()
        return pickle.loads(data) if data else fallback()

    def close(self) -> None:
        """Stop the child if it still runs (done with it, or interrupted here: it must not linger)."""
        if self._child is not None:
            self._receive.close()
            self._child.kill()
            self._child.join()
            self._child = None


def _answer(fn: Callable[..., object], args: tuple[Any, ...], receive: Any, send: Any) -> None:
    # Only the parent reads: with this copy of the reading end closed, a child whose parent is gone
    # (interrupted) gets a broken pipe instead of blocking forever on a full one.
    receive.close()
    # On Ctrl-C the parent stops too, a broken pipe means it is gone, and an error is the fallback's
    # to raise: the child prints no traceback of its own.
    with contextlib.suppress(BaseException):
        started()
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(fn(*args))
        send.send_bytes(buffer.getbuffer())
    with contextlib.suppress(BaseException):
        send.close()


def _proxy(mapping: dict[str, object]) -> Mapping[str, object]:
    return MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    """Pickles read-only mapping views (``Document.meta``) as copies, which plain pickle refuses."""

    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = lambda view: (_proxy, (dict(view),))
