"""CSV report: one row per finding, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from checks.reporters import DocumentResult, positions

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
        for f in result.findings:
            line, column, _, _ = positions(result.doc, f)
            writer.writerow([_cell(v) for v in (
                result.doc.path, f.segment, line or "", column or "", f.severity.label, f.code, f.category, f.text,
                f.message, f.suggestions[0] if f.suggestions else "", "yes" if f.safe else "no",
            )])
    return out.getvalue()
