"""The generator engine: runs registered checks over a document and filters their findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Protocol

from checks.context import Context
from checks.model import Document, Finding, Segment, Severity
from checks.packs import GROUP_MIN_SEGMENTS, group_rules
from checks.registry import DocumentCheck, Registry, SegmentCheck


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a run is: *done* of *total* steps (segments, then document checks)."""

    done: int
    total: int


class Cancelled(Exception):
    """Raised inside the engine when the caller's ``should_stop`` answers True."""


def _never() -> bool:
    return False


class Producer(Protocol):
    """Where raw (unfiltered) findings come from: run in this process, or gathered from workers."""

    def segment(self, index: int, seg: Segment) -> Iterable[Finding]:
        """Raw findings of every segment check on segment number *index*."""
        ...

    def document(self, index: int, check: DocumentCheck) -> Iterable[Finding]:
        """Raw findings of document check number *index*."""
        ...


@dataclass(frozen=True)
class Plan:
    """The checks a run needs: those with at least one enabled rule whose inputs the document has."""

    seg_checks: tuple[SegmentCheck, ...]
    doc_checks: tuple[DocumentCheck, ...]


def plan(doc: Document, registry: Registry, ctx: Context) -> Plan:
    """Which segment and document checks run on *doc* under *ctx*'s configuration."""
    cfg = ctx.config
    enabled = {code for code, meta in registry.rules.items() if cfg.is_enabled(code, meta.enabled)}
    has_source = doc.has_source

    def wanted(check: SegmentCheck | DocumentCheck) -> bool:
        return any(
            meta.code in enabled and (has_source or not meta.needs_source) for meta in check.rules
        )

    seg_checks = [c for c in registry if isinstance(c, SegmentCheck) and wanted(c)]
    return Plan(
        # Pack rules of a long document run as groups: one call per segment for all of them.
        group_rules(seg_checks) if len(doc.segments) >= GROUP_MIN_SEGMENTS else tuple(seg_checks),
        tuple(c for c in registry if isinstance(c, DocumentCheck) and wanted(c)),
    )


class SegmentMemo:
    """Runs the segment checks of a plan, once per distinct segment text.

    Segment checks are pure functions of the segment's texts, so a repeated unit (translation
    memories and catalogues repeat many: 23% of the units of the benchmark's PO files) gets
    the findings of its first occurrence, moved to its own segment id.
    """

    def __init__(self, checks: Plan, ctx: Context) -> None:
        self._checks, self._ctx = checks.seg_checks, ctx
        self._seen: dict[tuple[str, str | None, str], list[Finding]] = {}

    def __call__(self, seg: Segment) -> list[Finding]:
        """Raw findings of every segment check on *seg*."""
        key = (seg.target, seg.source, seg.note)
        found = self._seen.get(key)
        if found is None:
            ctx = self._ctx
            found = self._seen[key] = [f for check in self._checks for f in check.check_segment(seg, ctx)]
            return found
        return [f if f.segment == seg.id else replace(f, segment=seg.id) for f in found]


class InProcess:
    """The default producer: runs each check here, when asked (findings stream as they are found)."""

    def __init__(self, doc: Document, checks: Plan, ctx: Context) -> None:
        self._doc, self._ctx = doc, ctx
        self._memo = SegmentMemo(checks, ctx)

    def segment(self, index: int, seg: Segment) -> Iterable[Finding]:
        """Run every segment check on *seg* now (or reuse the findings of an identical segment)."""
        return self._memo(seg)

    def document(self, index: int, check: DocumentCheck) -> Iterable[Finding]:
        """Run *check* lazily: its findings stream out as the check yields them."""
        return check.check_document(self._doc, self._ctx)


def iter_events(
    doc: Document,
    registry: Registry,
    ctx: Context,
    should_stop: Callable[[], bool] = _never,
    producer: Producer | None = None,
) -> Iterator[Progress | Finding]:
    """Yield findings as they are found, with a ``Progress`` after each step.

    The engine, not the checks, applies enable/disable, severity overrides, the minimum
    severity and de-duplication, so every check stays a pure function of its input. The
    *producer* only computes raw findings (``checks.parallel`` computes them in worker
    processes); filtering always happens here, in one order, so the result is the same.
    """
    total, steps = _steps(doc, registry, ctx, should_stop, producer)
    for done, kept in enumerate(steps, 1):
        yield from kept
        yield Progress(done, total)


def _steps(
    doc: Document,
    registry: Registry,
    ctx: Context,
    should_stop: Callable[[], bool],
    producer: Producer | None,
) -> tuple[int, Iterator[Iterable[Finding]]]:
    """The number of steps, and the kept findings of each step (a document check's as it finds them)."""
    cfg = ctx.config
    rules = registry.rules
    # A subset of the registry's codes: a kept finding always has its rule's metadata.
    enabled = {code for code, meta in rules.items() if cfg.is_enabled(code, meta.enabled)}
    checks = plan(doc, registry, ctx)
    source = producer if producer is not None else InProcess(doc, checks, ctx)
    min_severity = cfg.min_severity
    # severity_for is a function of the code and the check's severity: asked once per pair, not per finding.
    severities: dict[tuple[str, Severity], Severity] = {}
    seen: set[tuple[str | int, ...]] = set()

    def admit(finding: Finding) -> Finding | None:
        code = finding.code
        if code not in enabled:
            return None
        try:
            severity = severities[code, finding.severity]
        except KeyError:
            severity = severities[code, finding.severity] = cfg.severity_for(code, finding.severity)
        if severity < min_severity:
            return None
        segment, start, end, suggestions = finding.segment, finding.start, finding.end, finding.suggestions
        key = (code, segment, start, end)
        if key in seen:
            return None
        # Two rules proposing the same fix for the same span (a calque that is also a termbase
        # entry) are one problem for the user: the first registered rule reports it.
        if suggestions:
            same_fix = ("", segment, start, end, *suggestions[:1])
            if same_fix in seen:
                return None
            seen.add(same_fix)
        seen.add(key)
        return finding if severity == finding.severity else replace(finding, severity=severity)

    def steps() -> Iterator[Iterable[Finding]]:
        for index, seg in enumerate(doc.segments):
            if should_stop():
                raise Cancelled
            batch = [kept for f in source.segment(index, seg) if (kept := admit(f)) is not None]
            if len(batch) > 1:
                # A finding without a fix adds nothing when another one on the very same span proposes
                # a fix (e.g. CJK text flagged by the script check and, with a translation, by the source check).
                fixed_spans = {(f.start, f.end) for f in batch if f.suggestions}
                if fixed_spans:
                    batch = [f for f in batch if f.suggestions or (f.start, f.end) not in fixed_spans]
            yield batch
        for index, dcheck in enumerate(checks.doc_checks):
            if should_stop():
                raise Cancelled
            yield (kept for finding in source.document(index, dcheck) if (kept := admit(finding)) is not None)

    return len(doc.segments) + len(checks.doc_checks), steps()


def run(doc: Document, registry: Registry, ctx: Context, producer: Producer | None = None) -> list[Finding]:
    """All findings of *doc*, in document order (segment order, then position, then code)."""
    findings: list[Finding] = []
    for kept in _steps(doc, registry, ctx, _never, producer)[1]:
        findings += kept
    order = {seg.id: i for i, seg in enumerate(doc.segments)}
    last = len(order)
    # Sorting (key, index) pairs gives the stable order of sorting by key, without a key call per finding.
    keyed = [(order.get(f.segment, last), f.start, f.end, f.code, i) for i, f in enumerate(findings)]
    keyed.sort()
    return [findings[k[-1]] for k in keyed]
