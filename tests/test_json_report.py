"""The JSON and SARIF reports: the same data as json.dumps, one finding per line; fast paths against the plain logic."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks.model import Document, Finding, Segment, Severity
from checks.reporters import DocumentResult, positions, positions_of, render
from checks.reporters.jsonreport import OneLine, finding_lines, pretty


def test_pretty_json_round_trips_and_keeps_a_finding_on_one_line() -> None:
    finding = OneLine({"code": "TE101", "text": "“引号” \\ \n", "line": None, "suggestions": ["a", "b"], "safe": True})
    payload = {
        "version": "1.0",
        "tool": {"name": "lintra", "version": "0"},
        "documents": [
            {"path": "a.po", "findings": [finding, OneLine(finding, code="NM201")], "metrics": {}, "empty": []},
            {"path": "b.txt", "findings": [], "score": {"x": 1.5}},
        ],
    }
    text = pretty(payload, "")
    assert json.loads(text) == payload
    lines = text.splitlines()
    assert sum('"code": "TE101"' in line for line in lines) == 1
    assert any(line.strip().startswith('{"code": "NM201"') for line in lines)
    assert "“引号”" in text  # not \\u-escaped: readable in any editor


# The plain logic the report's fast paths must match: one json.dumps per value, positions counted per finding.


def _plain_finding(doc: Document, f: Finding) -> dict[str, Any]:
    line, column, end_line, end_column = positions(doc, f)
    return {
        "code": f.code, "rule": f.rule, "category": f.category, "severity": f.severity.label,
        "segment": f.segment, "start": f.start, "end": f.end, "text": f.text,
        "line": line, "column": column, "end_line": end_line, "end_column": end_column,
        "message": f.message, "suggestions": list(f.suggestions), "safe": f.safe,
    }


def _plain_pretty(value: Any, indent: str, findings: bool = False) -> str:
    inner = indent + "  "
    if findings:
        items = [inner + json.dumps(v, ensure_ascii=False) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]" if items else "[]"
    if isinstance(value, dict) and value:
        parts = [f"{inner}{json.dumps(k)}: {_plain_pretty(v, inner, k == 'findings')}" for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + indent + "}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _plain_pretty(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def _outcome(make: Callable[[], object]) -> object:
    """What *make* returns, or the type of the error it raises (a float offset cannot slice a target)."""
    try:
        return make()
    except TypeError as exc:
        return type(exc)


def _plain_render(results: list[DocumentResult]) -> str:
    from checks import __version__
    from checks.mqm import penalty_per_1000_words

    documents = []
    for r in results:
        words = r.doc.word_count()
        documents.append({
            "path": r.doc.path, "format": r.doc.format, "segments": len(r.doc.segments), "words": words,
            "findings": [_plain_finding(r.doc, f) for f in r.findings],
            "score": {"automatic_mqm_penalty_per_1000_words": round(penalty_per_1000_words(r.findings, words), 2)},
            "metrics": dict(r.scores),
        })
    payload = {"version": "1.0", "tool": {"name": "lintra", "version": __version__}, "documents": documents}
    return _plain_pretty(payload, "") + "\n"


# Non-ASCII, astral characters, JSON escapes, control characters, a lone surrogate, CR and LF (so CRLF too).
TRICKY = 'aZ é中“😀𝄞"\\/\t\x00\x1f\x7f\u2028\ud800\r\n\n'
tricky = st.text(alphabet=TRICKY, max_size=8)


class Level(enum.IntEnum):
    ONE = 1


class Code(str):
    """A string of another type: the report must write it as the json module does."""


@st.composite
def documents(draw: st.DrawFn) -> tuple[Document, list[Finding]]:
    n = draw(st.integers(1, 4))
    lines_known = draw(st.booleans())
    segments = tuple(
        Segment(
            id=str(i), target=draw(tricky),
            line=draw(st.integers(1, 50)) if lines_known or draw(st.booleans()) else None,
            column=draw(st.sampled_from([1, 3, None])) if lines_known else 1,
        )
        for i in range(n)
    )
    doc = Document("a.txt", segments)
    findings = []
    for _ in range(draw(st.integers(0, 12))):
        seg_id = draw(st.sampled_from([s.id for s in segments] + ["missing"]))
        length = len(doc.segment(seg_id).target) if seg_id != "missing" else 3
        start = draw(st.integers(-2, length + 2))
        end = draw(st.integers(start, length + 3)) if draw(st.integers(0, 5)) else draw(st.integers(-2, length))
        findings.append(Finding(
            code=draw(st.sampled_from(["TE101", "NM201"])), rule=draw(st.sampled_from(["te.x", "nm.y"])),
            category=draw(st.sampled_from(["Fluency/Spelling", "Accuracy/Number"])),
            severity=draw(st.sampled_from(list(Severity))), segment=seg_id, start=start, end=end,
            text=draw(tricky), message=draw(st.sampled_from(["m", "“quoted”\n 😀", ""]) | tricky),
            suggestions=tuple(draw(st.lists(st.sampled_from(["", "x", "中"]) | tricky, max_size=3))),
            safe=draw(st.booleans()),
        ))
    if draw(st.booleans()):  # findings come in document order, or not (the desktop app's accepted ones)
        findings.sort(key=lambda f: f.segment)
    return doc, findings


@settings(max_examples=150, deadline=None)
@given(documents())
def test_positions_of_is_positions_of_each_finding(case: tuple[Document, list[Finding]]) -> None:
    doc, findings = case
    assert list(positions_of(doc, findings)) == [positions(doc, f) for f in findings]


def test_positions_of_counts_lines_from_line_feeds() -> None:
    doc = Document("a.txt", (Segment("1", "ab\r\ncd\n\nef😀g", line=4, column=7),))
    found = [Finding("TE101", "x", "c", Severity.MINOR, "1", s, e, "", "") for s, e in [(1, 2), (4, 5), (8, 11), (3, 9)]]
    assert list(positions_of(doc, found)) == [(4, 8, 4, 9), (5, 1, 5, 2), (7, 1, 7, 4), (4, 10, 7, 2)]


def _odd(f: Finding, choice: int) -> Finding:
    """*f* with one field of another type than the model's (as a careless check or plugin might make)."""
    from dataclasses import replace

    odd: list[dict[str, object]] = [
        {"start": True}, {"end": 2.5}, {"start": Level.ONE}, {"safe": 1}, {"suggestions": list(f.suggestions)},
        {"code": Code(f.code)}, {"message": Code(f.message)}, {"text": Code(f.text)}, {"segment": Code(f.segment)},
        {"suggestions": (*f.suggestions, Code("c"))}, {"safe": None},
    ]
    return replace(f, **odd[choice % len(odd)])  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(documents(), st.lists(st.integers(0, 30), max_size=4))
@example(
    (Document("a.txt", (Segment("1", "x\r\n😀\n", line=True, column=1),)), []), [],  # type: ignore[arg-type]
)
def test_finding_lines_are_the_json_module_text(case: tuple[Document, list[Finding]], odd: list[int]) -> None:
    doc, findings = case
    for i, choice in enumerate(odd):
        if findings:
            findings[i % len(findings)] = _odd(findings[i % len(findings)], choice)
    plain = _outcome(lambda: [json.dumps(_plain_finding(doc, f), ensure_ascii=False) for f in findings])
    assert _outcome(lambda: finding_lines(doc, findings)) == plain


@settings(max_examples=50, deadline=None)
@given(st.lists(documents(), min_size=1, max_size=3), st.lists(st.integers(0, 30), max_size=3))
def test_report_is_the_json_module_text_of_the_same_structure(
    cases: list[tuple[Document, list[Finding]]], odd: list[int]
) -> None:
    results = []
    for k, (doc, findings) in enumerate(cases):
        if findings:
            for i, choice in enumerate(odd):
                findings[i % len(findings)] = _odd(findings[i % len(findings)], choice)
        scores = {} if k else {"bleu": {"original": 12.5, "corrected": 13.0}, "per": [1, {"x": None}], "e": {}, "l": []}
        results.append(DocumentResult(Document(f"d{k}.txt", doc.segments), findings, scores=scores))
    text = _outcome(lambda: render("json", results))
    assert text == _outcome(lambda: _plain_render(results))
    assert text is TypeError or json.loads(text)["documents"][0]["segments"] == len(cases[0][0].segments)


def test_report_of_tricky_findings_is_the_json_module_text() -> None:
    target = "Line one “中文”\r\nsecond 😀 line\n\nthird \\ \"q\"\t\u2028end"
    doc = Document("t.txt", (Segment("1", target, line=3, column=5), Segment("2", "plain", line=9, column=1)))
    spans = [(0, 4), (11, 20), (21, 30), (12, 31), (len(target) - 3, len(target)), (0, 0)]
    findings = [
        Finding("TE101", "te.x", "Fluency/Spelling", Severity.MAJOR, "1", s, e, target[s:e],
                f"message {i} “{target[s:e]}”", ("", "😀𝄞") if i % 2 else (), safe=bool(i % 3))
        for i, (s, e) in enumerate(spans)
    ]
    findings.append(Finding("NM201", "nm.y", "Accuracy/Number", Severity.NEUTRAL, "2", 0, 5, "plain", "m", ("",)))
    results = [DocumentResult(doc, findings), DocumentResult(Document("empty.xlf", (), "xliff"), [])]
    text = render("json", results)
    assert text == _plain_render(results)
    assert "😀𝄞" in text and "\\r\\n" in text  # astral characters as they are; line ends escaped
    lines = json.loads(text)["documents"][0]["findings"]
    # "Line" starts at column 5 of line 3; "second" at column 1 of line 4; the blank line is line 5.
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in lines[:3]] == [
        (3, 5, 3, 9), (3, 16, 4, 6), (4, 7, 6, 1),
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(documents(), min_size=1, max_size=3))
def test_sarif_report_is_its_log_with_one_result_per_line(cases: list[tuple[Document, list[Finding]]]) -> None:
    from checks.reporters import sarif

    results = [DocumentResult(Document(f"d{k}.txt", doc.segments), findings) for k, (doc, findings) in enumerate(cases)]
    text = render("sarif", results)
    log = sarif.log(results)
    # The value json.dumps(indent=2) wrote before (an indented text of the same log).
    assert json.loads(text) == json.loads(json.dumps(log, ensure_ascii=False, indent=2))
    found = log["runs"][0]["results"]
    lines = [line.strip().rstrip(",") for line in text.split("\n") if line.strip().startswith('{"ruleId"')]
    assert [json.loads(line) for line in lines] == found
    assert len(found) == sum(len(findings) for _, findings in cases)
