"""Engine behaviour: configuration, progress, cancellation, de-duplication and fix application."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from hypothesis import example, given, settings
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


# The engine's filter against the plain logic it replaced (a copy of iter_events and run before they were sped up).


def _plain_iter_events(doc, registry, ctx, producer):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from checks.engine import plan

    cfg = ctx.config
    rules = registry.rules
    enabled = {code for code, meta in rules.items() if cfg.is_enabled(code, meta.enabled)}
    checks = plan(doc, registry, ctx)
    source = producer
    total = len(doc.segments) + len(checks.doc_checks)
    seen: set[tuple[str | int, ...]] = set()

    def admit(finding: Finding) -> Finding | None:
        meta = rules.get(finding.code)
        if finding.code not in enabled or meta is None:
            return None
        severity = cfg.severity_for(finding.code, finding.severity)
        if severity < cfg.min_severity:
            return None
        key = (finding.code, finding.segment, finding.start, finding.end)
        same_fix = ("", finding.segment, finding.start, finding.end, *finding.suggestions[:1])
        if key in seen or (finding.suggestions and same_fix in seen):
            return None
        seen.add(key)
        if finding.suggestions:
            seen.add(same_fix)
        return finding if severity == finding.severity else replace(finding, severity=severity)

    done = 0
    for index, seg in enumerate(doc.segments):
        batch = [kept for f in source.segment(index, seg) if (kept := admit(f)) is not None]
        fixed_spans = {(f.start, f.end) for f in batch if f.suggestions}
        yield from (f for f in batch if f.suggestions or (f.start, f.end) not in fixed_spans)
        done += 1
        yield Progress(done, total)
    for index, dcheck in enumerate(checks.doc_checks):
        for finding in source.document(index, dcheck):
            kept = admit(finding)
            if kept is not None:
                yield kept
        done += 1
        yield Progress(done, total)


def _plain_run(doc, registry, ctx, producer):  # type: ignore[no-untyped-def]
    order = {seg.id: i for i, seg in enumerate(doc.segments)}
    findings = [e for e in _plain_iter_events(doc, registry, ctx, producer) if isinstance(e, Finding)]
    findings.sort(key=lambda f: (order.get(f.segment, len(order)), f.start, f.end, f.code))
    return findings


def _filter_registry():  # type: ignore[no-untyped-def]
    from checks.registry import Registry, RuleMeta

    def meta(code: str, **kw: object) -> RuleMeta:
        return RuleMeta(code, f"r.{code}", code, "Fluency/Grammar", Severity.MINOR, **kw)  # type: ignore[arg-type]

    class Seg:
        def __init__(self, *rules: RuleMeta) -> None:
            self.rules = rules

        def check_segment(self, segment, ctx):  # type: ignore[no-untyped-def]
            raise AssertionError("the producer gives the findings")

    class Whole:
        def __init__(self, *rules: RuleMeta) -> None:
            self.rules = rules

        def check_document(self, doc, ctx):  # type: ignore[no-untyped-def]
            raise AssertionError("the producer gives the findings")

    registry = Registry()
    registry.extend([
        Seg(meta("AB101"), meta("AB102")), Seg(meta("CD201", needs_source=True)), Seg(meta("EF301", enabled=False)),
        Whole(meta("GH401")), Whole(meta("GH402"), meta("CD202", needs_source=True)),
    ])
    return registry


_CODES = ["AB101", "AB102", "CD201", "CD202", "EF301", "GH401", "GH402", "ZZ999"]
_PREFIXES = ["AB", "AB1", "AB102", "CD", "CD201", "EF", "GH4", "ALL", "ZZ"]


@st.composite
def _filter_cases(draw):  # type: ignore[no-untyped-def]
    from checks.model import Document, Segment

    n = draw(st.integers(0, 5))
    with_source = draw(st.booleans())
    doc = Document("f.po", tuple(Segment(str(i), "abcdef", "源" if with_source else None) for i in range(n)))
    ids = [str(i) for i in range(n)] + ["gone"]

    def finding(segment: str | None = None) -> Finding:
        suggestions = draw(st.sampled_from([(), ("x",), ("", "y"), ("x", "z"), ("y",)]))
        return Finding(
            draw(st.sampled_from(_CODES)), "r", "Fluency/Grammar", draw(st.sampled_from(list(Severity))),
            segment if segment is not None and draw(st.integers(0, 6)) else draw(st.sampled_from(ids)),
            start := draw(st.integers(0, 2)), draw(st.integers(start, 2)), "t", "m", suggestions, draw(st.booleans()),
        )

    # Few spans and many findings per segment, so that they often share a span (de-duplication, same fix).
    segments = [[finding(str(i)) for _ in range(draw(st.integers(0, 8)))] for i in range(n)]
    documents = [[finding() for _ in range(draw(st.integers(0, 6)))] for _ in range(2)]
    config = RunConfig(
        select=tuple(draw(st.lists(st.sampled_from(_PREFIXES), max_size=2))) if draw(st.booleans()) else (),
        ignore=tuple(draw(st.lists(st.sampled_from(_PREFIXES), max_size=2))),
        severities=draw(st.dictionaries(st.sampled_from(_PREFIXES), st.sampled_from(list(Severity)), max_size=2)),
        min_severity=draw(st.sampled_from([Severity.NEUTRAL] * 3 + list(Severity))),
    )
    return doc, segments, documents, config


def _one_segment_case(*raw: tuple[str, tuple[str, ...]]):  # type: ignore[no-untyped-def]
    from checks.model import Document, Segment

    doc = Document("f.po", (Segment("0", "abcdef"),))
    found = [Finding(code, "r", "Fluency/Grammar", Severity.MINOR, "0", 0, 1, "a", "m", fix) for code, fix in raw]
    return doc, [found], [[], []], RunConfig()


@settings(max_examples=300, deadline=None)
@given(_filter_cases())
# A finding without a fix on the span of one with a fix is dropped.
@example(_one_segment_case(("AB101", ()), ("AB102", ("x",))))
# A second rule's same fix for the span is dropped, and does not hide that rule's other fix for the span.
@example(_one_segment_case(("AB101", ("x",)), ("AB102", ("x",)), ("AB102", ("y",))))
def test_filter_and_order_are_those_of_the_plain_logic(case) -> None:  # type: ignore[no-untyped-def]
    from checks.parallel import Gathered

    doc, segments, documents, config = case
    registry, ctx = _filter_registry(), Context.create(config)
    assert run(doc, registry, ctx, Gathered(segments, documents)) == _plain_run(
        doc, registry, ctx, Gathered(segments, documents)
    )
    assert list(iter_events(doc, registry, ctx, producer=Gathered(segments, documents))) == list(
        _plain_iter_events(doc, registry, ctx, Gathered(segments, documents))
    )
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
