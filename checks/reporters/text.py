"""Compiler-style text report: ``file:line:col: severity CODE message [-> fix]``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from checks.reporters import DocumentResult, positions_of


def _fix_label(suggestion: str) -> str:
    return "delete" if suggestion == "" else repr(suggestion)


def render(results: Sequence[DocumentResult]) -> str:
    """One line per finding, then a summary line per document."""
    lines: list[str] = []
    for result in results:
        doc = result.doc
        for f, (line, column, _, _) in zip(result.findings, positions_of(doc, result.findings), strict=True):
            where = f"{doc.path}:{line}:{column}" if line is not None else f"{doc.path}:[{f.segment}]:{f.start + 1}"
            fix = ""
            if f.suggestions:
                fix = " -> " + " | ".join(_fix_label(s) for s in f.suggestions[:3])
                if f.safe:
                    fix += " (safe)"
            lines.append(f"{where}: {f.severity.label} {f.code} {f.message}{fix}")
        counts = Counter(f.severity.label for f in result.findings)
        summary = ", ".join(f"{counts[s]} {s}" for s in ("critical", "major", "minor", "neutral") if counts[s])
        lines.append(f"{doc.path}: {len(result.findings)} finding(s)" + (f" ({summary})" if summary else ""))
        for name, value in result.scores.items():
            if isinstance(value, dict):
                # Document-level metrics only; per-segment scores are in the JSON report.
                value = ", ".join(f"{k.upper() if k != 'chrf' else 'chrF'} {v:.1f}" for k, v in value.items()
                                  if isinstance(v, int | float))
            lines.append(f"{doc.path}: {name}: {value}")
    return "\n".join(lines) + "\n"
