"""The JSON report: the same data as json.dumps, one finding per line."""

from __future__ import annotations

import json

from checks.reporters.jsonreport import OneLine, _pretty


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
    text = _pretty(payload, "")
    assert json.loads(text) == payload
    lines = text.splitlines()
    assert sum('"code": "TE101"' in line for line in lines) == 1
    assert any(line.strip().startswith('{"code": "NM201"') for line in lines)
    assert "“引号”" in text  # not \\u-escaped: readable in any editor
