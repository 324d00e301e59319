"""Applying suggested fixes: choose non-overlapping edits deterministically and splice them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from checks.model import Document, Finding


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``target[start:end]`` of one segment by *replacement*."""

    segment: str
    start: int
    end: int
    replacement: str
    code: str = ""


def edit_for(finding: Finding, choice: int = 0) -> Edit | None:
    """The edit of *finding*'s suggestion number *choice*, or None when it has none."""
    if choice >= len(finding.suggestions):
        return None
    return Edit(finding.segment, finding.start, finding.end, finding.suggestions[choice], finding.code)


def select_edits(edits: Iterable[Edit]) -> list[Edit]:
    """Drop edits that overlap an earlier one.

    Order: by start, then the longer span first (so a deletion of a whole paragraph wins over
    a punctuation fix inside it), then code. Two insertions at one point keep the first only.
    """
    chosen: list[Edit] = []
    by_segment: dict[str, list[Edit]] = defaultdict(list)
    for edit in edits:
        by_segment[edit.segment].append(edit)
    for seg_id in sorted(by_segment):
        last_end = -1
        previous: Edit | None = None
        for edit in sorted(by_segment[seg_id], key=lambda e: (e.start, -e.end, e.code, e.replacement)):
            if edit.start < last_end:
                continue
            if previous is not None and edit.start == edit.end == previous.start == previous.end:
                continue
            chosen.append(edit)
            last_end = edit.end
            previous = edit
    return chosen


def apply_to_text(text: str, edits: Iterable[Edit]) -> str:
    """Splice non-overlapping *edits* (all of one segment) into *text*."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            raise ValueError(f"overlapping edit at {edit.start} ({edit.code})")
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def fixable(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Finding]:
    """Findings whose first suggestion may be applied (safe ones, or all with *unsafe*)."""
    return [f for f in findings if f.suggestions and (f.safe or unsafe)]


def corrected_targets(doc: Document, edits: Iterable[Edit]) -> dict[str, str]:
    """New target text of every segment touched by *edits* (after overlap resolution)."""
    grouped: dict[str, list[Edit]] = defaultdict(list)
    for edit in select_edits(edits):
        grouped[edit.segment].append(edit)
    result: dict[str, str] = {}
    for seg in doc.segments:
        if seg.id in grouped:
            result[seg.id] = apply_to_text(seg.target, grouped[seg.id])
    return result


def apply_findings(doc: Document, findings: Iterable[Finding], *, unsafe: bool = False) -> Mapping[str, str]:
    """Corrected targets from the first suggestion of each applicable finding."""
    edits = [e for f in fixable(findings, unsafe=unsafe) if (e := edit_for(f)) is not None]
    return corrected_targets(doc, edits)
