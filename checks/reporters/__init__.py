"""Report formats: text (compiler style), JSON (versioned schema), HTML side by side, SARIF, CSV."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from checks.fixes import Edit, edit_for, fixable, select_edits
from checks.model import Document, Finding

JSON_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class DocumentResult:
    """One checked document with its findings and the edits applied to make the corrected text.

    ``edits`` defaults to the first suggestion of every applicable finding (safe ones, or all when
    ``unsafe`` is set); the desktop app passes the edits the user accepted instead.
    """

    doc: Document
    findings: Sequence[Finding]
    unsafe: bool = False
    edits: Sequence[Edit] | None = None
    scores: Mapping[str, object] = field(default_factory=dict)

    def applied_edits(self) -> list[Edit]:
        """The non-overlapping edits that make the corrected text."""
        if self.edits is not None:
            return select_edits(self.edits)
        chosen = [e for f in fixable(self.findings, unsafe=self.unsafe) if (e := edit_for(f)) is not None]
        return select_edits(chosen)

    def corrected(self) -> dict[str, str]:
        """Segment id -> corrected target, for segments that change."""
        from checks.fixes import corrected_targets

        return corrected_targets(self.doc, self.applied_edits())


def render(fmt: str, results: Sequence[DocumentResult]) -> str:
    """Render *results* in *fmt* (text, json, html, sarif, csv)."""
    from checks.reporters import csvreport, htmlreport, jsonreport, sarif, text

    renderers: dict[str, Callable[[Sequence[DocumentResult]], str]] = {
        "text": text.render,
        "json": jsonreport.render,
        "html": htmlreport.render,
        "sarif": sarif.render,
        "csv": csvreport.render,
    }
    try:
        renderer = renderers[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(renderers)}") from None
    return renderer(results)


FORMATS = ("text", "json", "html", "sarif", "csv")


def positions(doc: Document, finding: Finding) -> tuple[int | None, int | None, int | None, int | None]:
    """File (line, column, end_line, end_column) of a finding; 1-based, end column exclusive."""
    try:
        seg = doc.segment(finding.segment)
    except KeyError:
        return None, None, None, None
    line, column = seg.position(finding.start)
    end_line, end_column = seg.position(finding.end)
    return line, column, end_line, end_column


Where = tuple[int | None, int | None, int | None, int | None]
_NOWHERE: Where = (None, None, None, None)


def positions_of(doc: Document, findings: Iterable[Finding]) -> Iterator[Where]:
    """``positions(doc, f)`` of each finding in turn, in less time.

    ``Segment.position`` slices and counts the target up to the offset, twice per finding. Here
    the newlines of a multi-line target are listed once and an offset's line is a bisection, and
    consecutive findings of one segment look it up once. Offsets other than non-negative ints
    (which slicing treats differently) go through ``positions``.
    """
    breaks_of: dict[str, list[int]] = {}
    key: str | None = None
    line: int | None = None
    column = 0
    breaks: list[int] | None = None
    for f in findings:
        if f.segment != key:  # findings come segment by segment: most need no lookup
            key = f.segment
            try:
                seg = doc.segment(key)
            except KeyError:
                line = None
            else:
                line, column, target = seg.line, seg.column, seg.target
                if column is None:
                    line = None
                elif "\n" not in target:
                    breaks = None
                else:
                    breaks = breaks_of.get(key)
                    if breaks is None:
                        breaks = breaks_of[key] = [i for i, char in enumerate(target) if char == "\n"]
        start, end = f.start, f.end
        if line is None:
            yield _NOWHERE
        elif type(start) is not int or type(end) is not int or start < 0 or end < 0:
            yield positions(doc, f)
        elif breaks is None:
            yield line, column + start, line, column + end
        else:
            # The breaks before an offset are the newlines of target[:offset]; the last one ends the line before.
            k = bisect_left(breaks, start)
            j = bisect_left(breaks, end)
            yield (line + k if k else line, start - breaks[k - 1] if k else column + start,
                   line + j if j else line, end - breaks[j - 1] if j else column + end)
