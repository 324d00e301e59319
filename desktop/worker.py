"""Background check run: a QObject living in a QThread that streams findings in batches."""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from checks.childrun import ChildRun, picklable
from checks.config import RunConfig
from checks.errors import InputError
from checks.model import Document, Finding
from checks.registry import Registry

# Findings are handed to the GUI at most this often, so a run with thousands of findings
# does not flood the event loop with one queued signal per finding.
BATCH_INTERVAL = 0.05
# Longest wait for the window to show a delivery before the worker goes on anyway.
PACE_TIMEOUT = 0.5

RegistryFactory = Callable[[RunConfig], Registry]


def default_registry(config: RunConfig) -> Registry:
    """The registry of a normal run: built-in checks plus shipped and user packs."""
    from checks import build_registry

    return build_registry(config)


class CheckWorker(QObject):
    """Runs ``checks.engine.iter_events`` over one document; cancel with :meth:`stop`."""

    progress = Signal(int, int)
    findings = Signal(list)
    finished = Signal(int)  # number of findings
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        doc: Document,
        config: RunConfig,
        registry_factory: RegistryFactory = default_registry,
    ) -> None:
        super().__init__()
        self._doc = doc
        self._config = config
        self._registry_factory = registry_factory
        # A threading.Event, not a Qt signal: the engine polls it from the worker thread
        # while that thread's event loop is busy running the engine.
        self._stop = threading.Event()
        # Pacing: when set, the worker waits after each delivery until the window has shown it
        # (ack) or PACE_TIMEOUT passes. While the window inserts rows, Qt calls back into Python
        # thousands of times; with the worker running Python at the same time each callback
        # waits for the GIL, which froze the window for up to a second on big files.
        self.paced = False
        self._ack = threading.Event()
        # Large documents are checked in a child process (checks/childrun.py says why).
        self.out_of_process = False
        self._child: ChildRun | None = None

    def stop(self) -> None:
        """Ask the run to stop at the next segment (thread-safe)."""
        self._stop.set()
        self._ack.set()
        child = self._child
        if child is not None:
            child.stop()

    def ack(self) -> None:
        """The window has shown everything delivered so far (thread-safe)."""
        self._ack.set()

    def _pace(self) -> None:
        if self.paced and not self._stop.is_set():
            self._ack.wait(PACE_TIMEOUT)  # blocks in C without the GIL
            self._ack.clear()

    def _child_factory(self) -> tuple[bool, RegistryFactory | None]:
        """Whether to check in a child process, and the registry factory to send it (None: default)."""
        if not self.out_of_process:
            return False, None
        if self._registry_factory is default_registry:
            return True, None  # the child builds the default registry itself (no Qt import there)
        return (True, self._registry_factory) if picklable(self._registry_factory) else (False, None)

    def _relay_child(self, child: ChildRun) -> None:
        if self._stop.is_set():
            child.stop()
        for message in child.messages():
            if message.kind == "findings":
                self.findings.emit(list(message.findings))
                self._pace()
            elif message.kind == "progress":
                self.progress.emit(message.done, message.total)
            elif message.kind == "done":
                self.finished.emit(message.done)
            elif message.kind == "cancelled":
                self.cancelled.emit()
            else:
                self.failed.emit(message.text)

    @Slot()
    def run(self) -> None:
        """Run the checks; emits exactly one of finished, failed or cancelled."""
        out_of_process, factory = self._child_factory()
        if out_of_process:
            try:
                self._child = ChildRun(self._doc, self._config, factory)
            except Exception:  # no process (sandbox, limits, unpicklable input): check here instead
                self._child = None
            else:
                self._relay_child(self._child)
                return
        from checks.context import Context
        from checks.engine import Cancelled, Progress, iter_events

        batch: list[Finding] = []
        count = 0
        last = time.monotonic()
        try:
            registry = self._registry_factory(self._config)
            ctx = Context.create(self._config)
            for event in iter_events(self._doc, registry, ctx, self._stop.is_set):
                if isinstance(event, Progress):
                    now = time.monotonic()
                    if now - last >= BATCH_INTERVAL or event.done == event.total:
                        delivered = bool(batch)
                        if batch:
                            self.findings.emit(batch)
                            batch = []
                        self.progress.emit(event.done, event.total)
                        if delivered:
                            self._pace()
                        last = time.monotonic()
                else:
                    batch.append(event)
                    count += 1
            if batch:
                self.findings.emit(batch)
        except Cancelled:
            self.cancelled.emit()
            return
        except InputError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a broken check must not take the window down
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self.failed.emit(f"{detail}\n\n{traceback.format_exc(limit=6)}")
            return
        self.finished.emit(count)


class CheckRun(QObject):
    """Owns one worker and its thread; cleans both up when the run ends."""

    done = Signal()

    def __init__(self, worker: CheckWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName("lintra-check")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        for signal in (worker.finished, worker.failed, worker.cancelled):
            signal.connect(self.thread.quit)
        self.thread.finished.connect(self.done)

    def start(self) -> None:
        """Start the worker thread."""
        self.thread.start()

    def cancel(self) -> None:
        """Ask the worker to stop."""
        self.worker.stop()

    def wait(self, ms: int = 5000) -> bool:
        """Stop and wait for the thread (used on close)."""
        self.worker.stop()
        self.thread.quit()
        return self.thread.wait(ms)


def read_input(path: Path, source: Path | None) -> tuple[Document, list[str]]:
    """Read the document for the window, aligned with its *source* file when one is given."""
    from checks.readers import read_document, read_pair

    if source is None:
        return read_document(path), []
    return read_pair(path, source), []
