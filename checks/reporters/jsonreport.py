"""JSON report with a versioned schema (documented in docs/json-schema.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from checks.mqm import penalty_per_1000_words
from checks.reporters import JSON_SCHEMA_VERSION, DocumentResult, positions


class OneLine(dict):  # type: ignore[type-arg]
    """A JSON object the report writes on one line (a finding: flat, and one per line diffs well)."""


def document_dict(result: DocumentResult) -> dict[str, Any]:
    """The JSON object of one document."""
    doc = result.doc
    findings = []
    for f in result.findings:
        line, column, end_line, end_column = positions(doc, f)
        findings.append(
            OneLine({
                "code": f.code, "rule": f.rule, "category": f.category, "severity": f.severity.label,
                "segment": f.segment, "start": f.start, "end": f.end, "text": f.text,
                "line": line, "column": column, "end_line": end_line, "end_column": end_column,
                "message": f.message, "suggestions": list(f.suggestions), "safe": f.safe,
            })
        )
    words = doc.word_count()
    return {
        "path": doc.path,
        "format": doc.format,
        "segments": len(doc.segments),
        "words": words,
        "findings": findings,
        "score": {"automatic_mqm_penalty_per_1000_words": round(penalty_per_1000_words(result.findings, words), 2)},
        "metrics": dict(result.scores),
    }


def render(results: Sequence[DocumentResult]) -> str:
    """The whole report as pretty-printed JSON."""
    from checks import __version__

    payload = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "lintra", "version": __version__},
        "documents": [document_dict(r) for r in results],
    }
    return _pretty(payload, "") + "\n"


# json.dumps with options builds a new encoder on every call; the report makes one call per value.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _pretty(value: Any, indent: str) -> str:
    """JSON indented by two spaces, except that each ``OneLine`` object (a finding) stays on one line.

    ``json.dumps(indent=2)`` runs the pure-Python encoder; this keeps the C encoder for the leaves,
    which makes a 10,000-finding report several times faster, and one finding per line diffs well.
    """
    inner = indent + "  "
    if isinstance(value, OneLine):
        return _encode(value)
    if isinstance(value, dict) and value:
        items = (f"{inner}{_encode(k)}: {_pretty(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _pretty(v, inner) for v in value) + "\n" + indent + "]"
    return _encode(value)
