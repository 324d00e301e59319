"""Check one big document in several processes: segment chunks and document checks run side by side.

Workers only compute raw findings; the engine's filter (enable/disable, severities, de-duplication)
then runs once in this process, in the serial order, so the report is the same as ``engine.run``'s.
Workers are forked, so they share the document and the resources already loaded here without
pickling them; where fork is not available (Windows, macOS defaults) the run is serial.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from checks.errors import InputError
from checks.forksafe import Forked, safe_to_fork
from checks.model import Document, Finding, Segment
from checks.registry import DocumentCheck, Prepared, Registry

if TYPE_CHECKING:
    from concurrent.futures import Future

    from checks.context import Context
    from checks.engine import Plan

T = TypeVar("T")

# Below this many segments a pool costs more (fork, result pickling) than it saves.
MIN_SEGMENTS = 400
# Segments checked here before forking: loads the resources the segment checks need once, in
# the parent, so that each worker does not load (and hold) its own copy.
WARM_UP = 50

_JOB: tuple[Document, Plan, Context, Sequence[int]] | None = None


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total, where known)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can inherit the parent's memory."""
    return "fork" in multiprocessing.get_all_start_methods()


def _segments(doc: Document, checks: Plan, ctx: Context, indices: Sequence[int]) -> list[list[Finding]]:
    from checks.engine import SegmentMemo

    memo = SegmentMemo(checks, ctx)
    segments = doc.segments
    return [memo(segments[i]) for i in indices]


def _segment_chunk(lo: int, hi: int) -> list[list[Finding]]:
    assert _JOB is not None, "worker started without a job"
    doc, checks, ctx, distinct = _JOB
    return _segments(doc, checks, ctx, distinct[lo:hi])


def _document_checks(indices: Sequence[int]) -> list[list[Finding]]:
    assert _JOB is not None, "worker started without a job"
    doc, checks, ctx, _ = _JOB
    return [list(checks.doc_checks[index].check_document(doc, ctx)) for index in indices]


def document_tasks(checks: Sequence[DocumentCheck]) -> list[list[int]]:
    """Document checks (by index) grouped into worker tasks.

    Checks that declare the same ``shares`` (the ``Document.derived`` tables they build, such as
    the name checks' scan of capitalised words) run in one task, so that one worker builds those
    tables once instead of every worker that runs one of them.
    """
    tasks: list[list[int]] = []
    by_share: dict[str, list[int]] = {}
    for index, check in enumerate(checks):
        share = getattr(check, "shares", None)
        if share is None:
            tasks.append([index])
        elif share in by_share:
            by_share[share].append(index)
        else:
            by_share[share] = [index]
            tasks.append(by_share[share])
    return tasks


class Gathered:
    """A producer that hands the engine findings already computed by the workers."""

    def __init__(self, segments: Sequence[list[Finding]], documents: Sequence[list[Finding]]) -> None:
        self._segments, self._documents = segments, documents

    def segment(self, index: int, seg: Segment) -> Iterable[Finding]:
        """Raw findings of segment number *index*."""
        return self._segments[index]

    def document(self, index: int, check: DocumentCheck) -> Iterable[Finding]:
        """Raw findings of document check number *index*."""
        return self._documents[index]


def run_parallel(doc: Document, registry: Registry, ctx: Context, jobs: int) -> list[Finding]:
    """Same result as ``engine.run(doc, registry, ctx)``, computed by up to *jobs* processes."""
    # Imported here, not at the top: the CLI imports this module for read_beside, before the reader
    # child is forked, and the engine (with the packs and YAML) need not load before that fork.
    from concurrent.futures import ProcessPoolExecutor

    from checks.engine import plan, run

    global _JOB
    n = len(doc.segments)
    if jobs <= 1 or n < MIN_SEGMENTS or not can_fork():
        return run(doc, registry, ctx)
    checks = plan(doc, registry, ctx)
    # Only the first of identical segments is sent to a worker: a serial run checks each distinct
    # segment once (SegmentMemo), and chunks checked apart would not see each other's repeats.
    first: dict[tuple[str, str | None, str], int] = {}
    of = [first.setdefault((seg.target, seg.source, seg.note), i) for i, seg in enumerate(doc.segments)]
    distinct = list(first.values())
    m = len(distinct)
    warm = _segments(doc, checks, ctx, distinct[:WARM_UP])
    # Several chunks per worker, so that a worker done with a long document check picks up the rest.
    size = max(100, (m - WARM_UP) // (jobs * 4) + 1)
    _JOB = (doc, checks, ctx, distinct)
    # Objects inherited from this process are shared with the workers until written to; a garbage
    # collection in a worker writes to every one it visits, so they are frozen out of collection.
    gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            # Document checks first: they are the longest tasks, so they must not start last.
            tasks = document_tasks(checks.doc_checks)
            doc_futures = [pool.submit(_document_checks, task) for task in tasks]
            seg_futures: list[Future[list[list[Finding]]]] = [
                pool.submit(_segment_chunk, lo, min(lo + size, m)) for lo in range(WARM_UP, m, size)
            ]
            checked = dict(zip(distinct, warm + [found for fut in seg_futures for found in fut.result()], strict=True))
            documents: list[list[Finding]] = [[] for _ in checks.doc_checks]
            for task, fut in zip(tasks, doc_futures, strict=True):
                for index, found in zip(task, fut.result(), strict=True):
                    documents[index] = found
    finally:
        _JOB = None
        gc.unfreeze()
    segments = [
        checked[i] if i == j else [f if f.segment == seg.id else replace(f, segment=seg.id) for f in checked[j]]
        for i, (seg, j) in enumerate(zip(doc.segments, of, strict=True))
    ]
    return run(doc, registry, ctx, producer=Gathered(segments, documents))


# Read and load side by side ------------------------------------------------------------------


def read_beside(read: Callable[[], Document], prepare: Callable[[], T]) -> tuple[Document, T]:
    """``(read(), prepare())``, with *read* run in a forked child process while *prepare* runs here.

    Reading a big file and building the registry (regexes, prefilters, gazetteer indexes) take
    about as long as each other and need nothing of each other, so on two cores they overlap; the
    document comes back pickled. Errors are those of the serial order: the reader's first.
    Without a safe fork (other threads, no fork on this system) both run here, one after the other.
    """
    if not safe_to_fork():
        return read(), prepare()
    # Not a daemon: the reader may start a child of its own (the PO reader's toolkit parse).
    child = Forked(_read_or_error, read, daemon=False)
    try:
        try:
            prepared: T | None = prepare()
            failure: BaseException | None = None
        except Exception as exc:  # the reader's error, if any, comes first (as in a serial run)
            prepared, failure = None, exc
        doc = child.result(lambda: _read_or_error(read))
    finally:
        child.close()
    if isinstance(doc, InputError):
        raise doc
    if failure is not None:
        raise failure
    return doc, prepared  # type: ignore[return-value]


def _read_or_error(read: Callable[[], Document]) -> Document | InputError:
    try:
        return read()
    except InputError as exc:  # the user's error travels back as a value, to be raised in the parent
        return exc


def prepare(registry: Registry, ctx: Context) -> None:
    """Let every check that can load its resources ahead do so (``registry.Prepared``).

    A run loads them on first use anyway; done before the workers fork, they are built once and
    shared, and while a file is read beside (``read_beside``) they cost no time at all.
    """
    for check in registry:
        if isinstance(check, Prepared):
            check.prepare(ctx)
