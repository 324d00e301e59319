"""JSON report with a versioned schema (documented in docs/json-schema.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import Any

from checks.model import Document, Finding, Severity
from checks.mqm import penalty_per_1000_words
from checks.reporters import JSON_SCHEMA_VERSION, DocumentResult, Where, positions_of


class OneLine(dict):  # type: ignore[type-arg]
    """A JSON object the report writes on one line (a finding: flat, and one per line diffs well)."""


class EncodedArray(list):  # type: ignore[type-arg]
    """A JSON array whose items are JSON text already (``finding_lines``), written one per line."""


def finding_object(f: Finding, where: Where) -> OneLine:
    """The JSON object of a finding at file position *where* (see ``reporters.positions``)."""
    line, column, end_line, end_column = where
    return OneLine({
        "code": f.code, "rule": f.rule, "category": f.category, "severity": f.severity.label,
        "segment": f.segment, "start": f.start, "end": f.end, "text": f.text,
        "line": line, "column": column, "end_line": end_line, "end_column": end_column,
        "message": f.message, "suggestions": list(f.suggestions), "safe": f.safe,
    })


_SEVERITY = {s: encode_basestring(s.label) for s in Severity}
_NULL_WHERE = '"line": null, "column": null, "end_line": null, "end_column": null'


def finding_lines(doc: Document, findings: Sequence[Finding]) -> list[str]:
    """``_encode(finding_object(f, positions(doc, f)))`` of each finding: the json module's text, faster.

    The json module builds an encoder for each call and the report a dict for each finding, which
    was a third of the time of a 10,000-finding report (a reused C encoder still needs the dicts and
    was slower than this). Here the fields are formatted directly, strings by the json module's own
    string encoder, and the parts that findings share (code, rule, category and severity; message)
    are encoded once. A finding with a field of another type than the model's (a bool offset, a
    list of suggestions...) takes the json module's way, so the text is the same for any input.
    """
    esc = encode_basestring
    heads: dict[tuple[str, str, str, Severity], str] = {}
    messages: dict[str, str] = {}
    lines: list[str] = []
    for f, where in zip(findings, positions_of(doc, findings), strict=True):
        code, rule, category, severity, message = f.code, f.rule, f.category, f.severity, f.message
        start, end, safe, suggestions, segment, text = f.start, f.end, f.safe, f.suggestions, f.segment, f.text
        line, column, end_line, end_column = where
        if type(line) is int and type(column) is int and type(end_line) is int and type(end_column) is int:
            position = f'"line": {line}, "column": {column}, "end_line": {end_line}, "end_column": {end_column}'
        elif line is None and column is None and end_line is None and end_column is None:
            position = _NULL_WHERE
        else:
            position = ""
        if (
            position and type(code) is str and type(rule) is str and type(category) is str
            and type(severity) is Severity and type(message) is str and type(segment) is str and type(text) is str
            and type(start) is int and type(end) is int and (safe is True or safe is False)
            and type(suggestions) is tuple
        ):
            # Exact types only: an equal value of another type could hit a cache entry yet encode otherwise.
            head = heads.get((code, rule, category, severity))
            if head is None:
                head = heads[code, rule, category, severity] = (
                    f'{{"code": {esc(code)}, "rule": {esc(rule)}, "category": {esc(category)}, '
                    f'"severity": {_SEVERITY[severity]}, "segment": '
                )
            tail = messages.get(message)
            if tail is None:
                tail = messages[message] = f'"message": {esc(message)}, "suggestions": ['
            try:
                fixes = (esc(suggestions[0]) if len(suggestions) == 1 else ", ".join(map(esc, suggestions))) if (
                    suggestions) else ""
            except TypeError:  # a suggestion that is no string
                pass
            else:
                lines.append(
                    f'{head}{esc(segment)}, "start": {start}, "end": {end}, "text": {esc(text)}, {position}, '
                    f'{tail}{fixes}], "safe": {"true" if safe else "false"}}}'
                )
                continue
        lines.append(_encode(finding_object(f, where)))
    return lines


def document_dict(result: DocumentResult) -> dict[str, Any]:
    """The JSON object of one document; its findings are JSON text already (``finding_lines``)."""
    doc = result.doc
    words = doc.word_count()
    return {
        "path": doc.path,
        "format": doc.format,
        "segments": len(doc.segments),
        "words": words,
        "findings": EncodedArray(finding_lines(doc, result.findings)),
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
    return pretty(payload, "") + "\n"


# json.dumps with options builds a new encoder on every call; the report makes one call per value.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def pretty(value: Any, indent: str) -> str:
    """JSON indented by two spaces, except that each ``OneLine`` object (a finding) stays on one line.

    ``json.dumps(indent=2)`` runs the pure-Python encoder; this keeps the C encoder for the leaves,
    which makes a 10,000-finding report several times faster, and one finding per line diffs well.
    """
    out: list[str] = []
    _write(value, indent, out)
    return "".join(out)


def _write(value: Any, indent: str, out: list[str]) -> None:
    # Parts are collected and joined once: joining at each level copied the megabytes of findings
    # once per level of nesting.
    inner = indent + "  "
    if isinstance(value, OneLine):
        out.append(_encode(value))
    elif isinstance(value, EncodedArray) and value:
        out.append("[\n" + inner)
        out.append((",\n" + inner).join(value))
        out.append("\n" + indent + "]")
    elif isinstance(value, dict) and value:
        out.append("{")
        for i, (k, v) in enumerate(value.items()):
            out.append(f"{',' if i else ''}\n{inner}{_encode(k)}: ")
            _write(v, inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, list) and value:
        out.append("[")
        for i, v in enumerate(value):
            out.append(f"{',' if i else ''}\n{inner}")
            _write(v, inner, out)
        out.append("\n" + indent + "]")
    else:
        out.append(_encode(value))
