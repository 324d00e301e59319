"""CSV report: one row per finding, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from checks.reporters import DocumentResult, positions_of

# Cells starting with these are formulas in spreadsheets (CSV injection); a leading apostrophe keeps them text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


COLUMNS = ["path", "segment", "line", "column", "severity", "code", "category", "text", "message", "suggestion", "safe"]


def render(results: Sequence[DocumentResult]) -> str:
    """All findings as CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for result in results:
        for f, (line, column, _, _) in zip(result.findings, positions_of(result.doc, result.findings), strict=True):
            writer.writerow([_cell(v) for v in (
                result.doc.path, f.segment, line or "", column or "", f.severity.label, f.code, f.category, f.text,
                f.message, f.suggestions[0] if f.suggestions else "", "yes" if f.safe else "no",
            )])
    return out.getvalue()
