"""Run the engine in a child process and stream its events back over a pipe (for the desktop window).

A check in a thread of the window's own process competes with the window for Python's interpreter
lock: each of the hundreds of callbacks Qt makes to draw a frame waits for the checking thread to
let go, and on a 10,000-segment file the window froze for up to half a second at a time. A child
process has its own interpreter, so the window only ever waits for itself. The child is started with
"spawn" (a fork of a multi-threaded Qt process is unsafe) and receives a plain copy of the document.
"""

from __future__ import annotations

import multiprocessing
import pickle
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from checks.config import RunConfig
from checks.model import Document, Finding
from checks.registry import Registry

# Events are sent at most this often (findings in batches), as the in-thread worker does.
BATCH_INTERVAL = 0.05


@dataclass(frozen=True)
class Message:
    """One event from the child: kind is progress, findings, done, cancelled or failed."""

    kind: str
    done: int = 0
    total: int = 0
    findings: tuple[Finding, ...] = ()
    text: str = ""


def plain_copy(doc: Document) -> Document:
    """The document without reader state (``meta`` holds unpicklable parser objects)."""
    return Document(path=doc.path, segments=doc.segments, format=doc.format,
                    source_lang=doc.source_lang, target_lang=doc.target_lang, meta={})


def picklable(obj: object) -> bool:
    """Whether *obj* can be sent to a spawned process (a registry factory must be importable)."""
    try:
        pickle.dumps(obj)
    except Exception:  # pickle raises several types (PicklingError, AttributeError, TypeError)
        return False
    return True


def _child(doc: Document, config: RunConfig, factory: Callable[[RunConfig], Registry] | None,
           conn: Connection, stop: Any) -> None:
    """The child process: run every check, send Messages, end with done, cancelled or failed."""
    from checks import build_registry
    from checks.context import Context
    from checks.engine import Cancelled, Progress, iter_events
    from checks.errors import InputError

    batch: list[Finding] = []
    count = 0
    last = time.monotonic()
    try:
        registry = (factory or build_registry)(config)
        for event in iter_events(doc, registry, Context.create(config), stop.is_set):
            if isinstance(event, Progress):
                now = time.monotonic()
                if now - last >= BATCH_INTERVAL or event.done == event.total:
                    if batch:
                        conn.send(Message("findings", findings=tuple(batch)))
                        batch = []
                    conn.send(Message("progress", event.done, event.total))
                    last = now
            else:
                batch.append(event)
                count += 1
        if batch:
            conn.send(Message("findings", findings=tuple(batch)))
        conn.send(Message("done", count))
    except Cancelled:
        conn.send(Message("cancelled"))
    except InputError as exc:
        conn.send(Message("failed", text=str(exc)))
    except Exception as exc:  # a broken check is reported to the window, not a dead process
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        conn.send(Message("failed", text=f"{detail}\n\n{traceback.format_exc(limit=6)}"))
    finally:
        conn.close()


class ChildRun:
    """A check of one document in a spawned process; iterate :meth:`messages` to follow it."""

    def __init__(self, doc: Document, config: RunConfig,
                 factory: Callable[[RunConfig], Registry] | None = None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._stop = ctx.Event()
        receive, send = ctx.Pipe(duplex=False)
        self._conn = receive
        self._process = ctx.Process(
            target=_child, args=(plain_copy(doc), config, factory, send, self._stop),
            name="lintra-check", daemon=True,
        )
        self._process.start()
        send.close()  # only the child writes; our copy would keep the pipe open after it exits

    def stop(self) -> None:
        """Ask the child to stop at the next segment (it then sends ``cancelled``)."""
        self._stop.set()

    def messages(self, poll: float = 0.1) -> Iterator[Message]:
        """Messages as they arrive, until the final one; a child that dies sends ``failed``."""
        try:
            while True:
                if not self._conn.poll(poll):
                    if not self._process.is_alive() and not self._conn.poll(0):
                        yield self._died()
                        return
                    continue
                try:
                    message: Message = self._conn.recv()
                except EOFError:
                    yield self._died()
                    return
                yield message
                if message.kind in ("done", "cancelled", "failed"):
                    return
        finally:
            self.close()

    def _died(self) -> Message:
        self._process.join(2)
        return Message("failed", text=f"the check process ended unexpectedly (exit code {self._process.exitcode})")

    def close(self) -> None:
        """Release the pipe and make sure the child is gone."""
        self._conn.close()
        self._process.join(2)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(2)
