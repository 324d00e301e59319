"""Engine behaviour: configuration, progress, cancellation, de-duplication and fix application."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.config import RunConfig
from checks.context import Context, Resources
from checks.engine import Cancelled, Progress, iter_events, run
from checks.fixes import Edit, apply_to_text, select_edits
from checks.model import Finding, Segment, Severity
from tests.helpers import default_registry, doc_from

TEXT = "The talks  ended，and the the leaders left.\n\nThey met on the 4th."


def _codes(config: RunConfig) -> list[str]:
    return [f.code for f in run(doc_from(TEXT), default_registry(), Context.create(config))]


def test_default_run_finds_several_families() -> None:
    codes = _codes(RunConfig())
    assert {"WS401", "PU301", "FL411", "DT702"} <= set(codes)


def test_select_by_prefix_and_longest_prefix_wins() -> None:
    assert set(_codes(RunConfig(select=("PU",)))) == {"PU301"}
    assert "WS401" not in _codes(RunConfig(ignore=("WS",)))
    assert "WS401" in _codes(RunConfig(ignore=("WS",), select=("WS401",)))


def test_severity_override_and_minimum() -> None:
    config = RunConfig(severities={"DT": Severity.CRITICAL}, min_severity=Severity.MAJOR)
    findings = run(doc_from(TEXT), default_registry(), Context.create(config))
    assert {f.code for f in findings if f.severity == Severity.CRITICAL} == {"DT702"}
    assert all(f.severity >= Severity.MAJOR for f in findings)
    assert "WS401" not in {f.code for f in findings}


def test_progress_reaches_total_and_findings_stream() -> None:
    events = list(iter_events(doc_from(TEXT), default_registry(), Context.create()))
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress[-1].done == progress[-1].total
    assert any(isinstance(e, Finding) for e in events[: events.index(progress[0])])


def test_cancel_stops_the_run() -> None:
    calls = {"n": 0}

    def stop() -> bool:
        calls["n"] += 1
        return calls["n"] > 1

    with pytest.raises(Cancelled):
        list(iter_events(doc_from(TEXT), default_registry(), Context.create(), should_stop=stop))


def test_findings_are_in_document_order_and_spans_match() -> None:
    doc = doc_from(TEXT)
    findings = run(doc, default_registry(), Context.create())
    order = [(int(f.segment), f.start) for f in findings]
    assert order == sorted(order)
    for f in findings:
        assert doc.segment(f.segment).target[f.start : f.end] == f.text


def test_overlapping_edits_resolve_deterministically() -> None:
    edits = [Edit("1", 4, 9, "X", "B"), Edit("1", 0, 20, "", "A"), Edit("1", 25, 27, "Y", "C"), Edit("1", 26, 28, "Z", "D")]
    chosen = select_edits(edits)
    assert [e.code for e in chosen] == ["A", "C"]
    assert select_edits(list(reversed(edits))) == chosen


def test_text_outside_fixed_spans_is_unchanged() -> None:
    text = "alpha beta gamma"
    assert apply_to_text(text, [Edit("1", 6, 10, "BETA")]) == "alpha BETA gamma"
    assert apply_to_text(text, [Edit("1", 0, 6, ""), Edit("1", 16, 16, "!")]) == "beta gamma!"


def test_a_repeated_segment_is_checked_once_and_reported_at_each_place() -> None:
    from checks.model import Document, Segment
    from checks.registry import Registry, RuleMeta

    meta = RuleMeta("ZZ903", "counted", "counted", "Fluency/Grammar", Severity.MINOR)
    calls: list[str] = []

    class Counted:
        rules = (meta,)

        def check_segment(self, segment: Segment, ctx: Context) -> list[Finding]:
            calls.append(segment.id)
            return [meta.finding(segment, 0, 3, "first word")]

    registry = Registry()
    registry.add(Counted())
    doc = Document(path="t.po", segments=(
        Segment(id="1", target="The same text.", source="同样"),
        Segment(id="2", target="The same text.", source="同样"),
        Segment(id="3", target="The same text.", source="不同"),  # another source: checked again
    ))
    found = run(doc, registry, Context.create())
    assert [(f.segment, f.text) for f in found] == [("1", "The"), ("2", "The"), ("3", "The")]
    assert calls == ["1", "3"]


def test_document_tables_are_built_once_and_not_carried_to_a_corrected_copy() -> None:
    from dataclasses import replace

    from checks.model import Document, Segment

    doc = Document(path="t.txt", segments=(Segment(id="1", target="Beijing and Bejing."),))
    builds: list[int] = []

    def build(d: Document) -> int:
        builds.append(1)
        return len(d.segments)

    assert doc.derived("n", build) == 1 and doc.derived("n", build) == 1
    assert len(builds) == 1
    fixed = replace(doc, segments=(*doc.segments, Segment(id="2", target="More.")))
    assert fixed.derived("n", build) == 2 and len(builds) == 2


def test_resources_load_once_and_every_reader_gets_the_value() -> None:
    # Resources.get reads stored values without its lock: readers racing the first load must
    # still wait for it, and the loader must run once.
    res = Resources()
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []
    results: list[object] = []

    def loader(_cfg: RunConfig) -> list[str]:
        calls.append(1)
        started.set()
        release.wait(10)
        return ["value"]

    first = threading.Thread(target=lambda: results.append(res.get("k", loader)))
    first.start()
    assert started.wait(10)
    others = [threading.Thread(target=lambda: results.append(res.get("k", loader))) for _ in range(8)]
    for thread in others:
        thread.start()
    release.set()
    for thread in (first, *others):
        thread.join(10)
    assert calls == [1]
    assert len(results) == 9 and all(r == ["value"] and r is results[0] for r in results)
    assert res.get("k", loader) is results[0] and calls == [1]
    # Falsy values are cached like any other.
    empty: list[int] = []
    assert res.get("none", lambda _c: empty.append(1)) is None
    assert res.get("none", lambda _c: empty.append(1)) is None
    assert res.get("zero", lambda _c: 0) == 0 and res.get("zero", lambda _c: 1) == 0
    assert empty == [1]


_FIELD_VALUES = {
    "code": st.sampled_from(["WS401", "TE123"]), "rule": st.text(max_size=5), "category": st.text(max_size=5),
    "severity": st.sampled_from(list(Severity)), "segment": st.text(max_size=3), "start": st.integers(0, 9),
    "end": st.integers(0, 9), "text": st.text(max_size=5), "message": st.text(max_size=5),
    "suggestions": st.lists(st.text(max_size=3), max_size=2).map(tuple), "safe": st.booleans(),
}


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries(_FIELD_VALUES), st.integers(9, 11))
def test_findings_are_built_as_by_the_dataclass_init(drawn: dict[str, object], given_count: int) -> None:
    # Finding has an __init__ of its own (it sets the slots directly): it must take the fields in
    # order, with their defaults, and leave the instance as the generated frozen __init__ would.
    fields = dataclasses.fields(Finding)
    assert set(drawn) == {f.name for f in fields}
    values = {f.name: drawn[f.name] for f in fields}
    plain = dataclasses.make_dataclass(
        "PlainFinding", [(f.name, f.type, f.default) if f.default is not dataclasses.MISSING else (f.name, f.type)
                         for f in fields], frozen=True, slots=True)
    args = list(values.values())[:given_count]
    for found, expected in ((Finding(*args), plain(*args)), (Finding(**values), plain(**values))):
        assert dataclasses.astuple(found) == dataclasses.astuple(expected)
        assert found == dataclasses.replace(found) and hash(found) == hash(dataclasses.replace(found))
        with pytest.raises(dataclasses.FrozenInstanceError):
            found.code = "XX999"  # type: ignore[misc]


def test_a_rule_builds_its_finding_field_by_field() -> None:
    # RuleMeta.finding passes the fields by position (faster than by keyword): in Finding's order.
    from checks.builtin.source_terms import SEGMENT_TARGETS

    seg = Segment(id="7", target="The talks ended.", source="会谈结束。")
    found = SEGMENT_TARGETS.finding(seg, 4, 9, "message", iter(["x", "y"]), safe=True, severity=Severity.MAJOR)
    assert found == Finding(
        code="TE123", rule=SEGMENT_TARGETS.rule, category=SEGMENT_TARGETS.category, severity=Severity.MAJOR,
        segment="7", start=4, end=9, text="talks", message="message", suggestions=("x", "y"), safe=True,
    )
    assert SEGMENT_TARGETS.finding(seg, 0, 0, "m").severity == SEGMENT_TARGETS.severity
