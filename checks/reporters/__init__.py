"""Report formats: text (compiler style), JSON (versioned schema), HTML side by side, SARIF, CSV."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
