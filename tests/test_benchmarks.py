"""The quality benchmark's scoring: span overlap, consistency matching, recall, agreement and injection."""

from __future__ import annotations

import random

from benchmarks import inject
from benchmarks.scoring import (
    AnnotatedDoc,
    AnnotatedSegment,
    Error,
    agreed,
    code_claims,
    finding_hits,
    precision,
    recall,
    spans_overlap,
)
from checks.model import Finding, Severity
from checks.registry import RuleMeta

SPELL = RuleMeta("NM203", "garbled", "t", "Fluency/Spelling", Severity.MAJOR)
PUNCT = RuleMeta("PU301", "fullwidth", "t", "Fluency/Punctuation", Severity.MAJOR)
VARIANT = RuleMeta("TE102", "variant", "t", "Terminology/Inconsistent use of terminology", Severity.MAJOR)
RULES = {m.code: m for m in (SPELL, PUNCT, VARIANT)}


def err(rater: str, category: str, start: int, end: int, target: str, side: str | None = "target") -> Error:
    return Error(rater, category, "Minor", side, start, end, target[start:end])


def finding(meta: RuleMeta, seg: str, start: int, end: int, target: str) -> Finding:
    return Finding(meta.code, meta.rule, meta.category, meta.severity, seg, start, end, target[start:end], "m")


T1 = "Blinken met Wang Yi in Beijing."
T2 = "The Global Security Initiative and the Global Safety Initiative."


def doc(errors1: list[Error], errors2: list[Error]) -> AnnotatedDoc:
    return AnnotatedDoc("sys", "d1", [
        AnnotatedSegment("1", "布林肯在北京会见王毅。", T1, ("r1", "r2", "r3"), errors1),
        AnnotatedSegment("2", "全球安全倡议", T2, ("r1", "r2", "r3"), errors2),
    ])


def test_span_overlap_rules():
    assert spans_overlap(0, 7, 5, 10)
    assert not spans_overlap(0, 5, 5, 10)  # adjacent spans do not overlap
    assert spans_overlap(5, 5, 5, 10)  # a zero-length finding touching the error
    assert not spans_overlap(11, 11, 5, 10)
    assert spans_overlap(3, 8, 6, 6)  # an empty error span inside the finding


def test_segment_finding_hits_only_an_overlapping_target_error_in_its_segment():
    d = doc([err("r1", "Fluency/Spelling", 0, 7, T1)], [])
    assert finding_hits(finding(SPELL, "1", 0, 7, T1), d, consistency=False)
    assert not finding_hits(finding(SPELL, "1", 12, 19, T1), d, consistency=False)
    assert not finding_hits(finding(SPELL, "2", 0, 7, T2), d, consistency=False)
    source_side = doc([err("r1", "Accuracy/Omission (Translation)", 0, 7, T1, side="source")], [])
    assert not finding_hits(finding(SPELL, "1", 0, 7, T1), source_side, consistency=False)


def test_consistency_finding_matches_anywhere_in_the_document():
    # The rater marked the inconsistency in segment 1; the check flags the term in segment 2.
    d = doc([err("r1", "Fluency/Inconsistency", 0, 7, T1)], [])
    f = finding(VARIANT, "2", 39, 63, T2)
    assert finding_hits(f, d, consistency=True)
    assert not finding_hits(f, d, consistency=False)
    # Same form marked elsewhere under another category also counts for consistency findings.
    other = AnnotatedDoc("sys", "d1", [AnnotatedSegment("1", "", "Global Safety Initiative is new", (), [
        err("r2", "Accuracy/Mistranslation", 0, 24, "Global Safety Initiative is new")]),
        AnnotatedSegment("2", "", T2, (), [])])
    assert finding_hits(f, other, consistency=True)
    assert not finding_hits(f, doc([], []), consistency=True)


def test_precision_overall_and_per_code():
    d = doc([err("r1", "Fluency/Spelling", 0, 7, T1)], [err("r2", "Fluency/Punctuation", 62, 63, T2)])
    findings = {d.key: [finding(SPELL, "1", 0, 7, T1), finding(SPELL, "1", 12, 19, T1), finding(PUNCT, "2", 62, 63, T2)]}
    overall, per_code = precision([d], findings, RULES)
    assert (overall.hits, overall.total) == (2, 3)
    assert per_code["NM203"].rate == 0.5
    assert per_code["PU301"].rate == 1.0


def test_recall_per_category_agreed_and_claiming_code():
    errors = [
        err("r1", "Fluency/Spelling", 0, 7, T1),
        err("r2", "Fluency/Spelling", 0, 4, T1),  # overlaps r1: both are agreed
        err("r3", "Fluency/Punctuation", 30, 31, T1),  # nobody else marked it
        err("r1", "Accuracy/Omission (Translation)", 0, 3, T1, side="source"),
    ]
    d = doc(errors, [])
    seg = d.segments[0]
    assert agreed(errors[0], seg) and agreed(errors[1], seg) and not agreed(errors[2], seg)
    found = {d.key: [finding(PUNCT, "1", 2, 3, T1)]}  # a punctuation finding on the name
    rec = recall([d], found, None, agreed_only=False)
    assert rec["Fluency/Spelling"].hits == 2 and rec["Fluency/Spelling"].total == 2
    assert rec["Fluency/Punctuation"].hits == 0
    assert rec["Accuracy/Omission"].hits == 0  # a punctuation code claims no omission
    claimed = recall([d], found, code_claims(RULES), agreed_only=False)
    assert claimed["Fluency/Spelling"].hits == 0  # PU301 does not claim spelling
    agreed_only = recall([d], found, None, agreed_only=True)
    assert "Fluency/Punctuation" not in agreed_only and agreed_only["Fluency/Spelling"].total == 2


def test_name_spelling_subcategory():
    e = err("r1", "Fluency/Spelling", 0, 7, T1)
    assert e.categories(T1) == ("Fluency/Spelling",)  # the capital opens the segment
    e2 = err("r1", "Fluency/Spelling", 12, 19, T1)
    assert "Fluency/Spelling (names)" in e2.categories(T1)


def test_injections_change_only_clean_segments_and_are_found_where_reported():
    d = doc([err("r1", "Fluency/Spelling", 0, 7, T1)], [])
    modified, injections = inject.inject_fullwidth(d, random.Random(1))
    assert [i.seg for i in injections] == ["2"]  # segment 1 has an annotation
    inj = injections[0]
    target = modified.segments[1].target
    assert target[inj.start:inj.end] == inj.injected and inj.injected in "，。"
    assert modified.segments[0].target == T1
    modified, injections = inject.inject_chinese(doc([], []), random.Random(2))
    for inj in injections:
        seg = next(s for s in modified.segments if s.seg == inj.seg)
        assert seg.target[inj.start:inj.end] == inj.injected and inj.injected in seg.source


def test_injected_number_and_term_and_name():
    d = AnnotatedDoc("s", "d", [
        AnnotatedSegment("1", "2023年增长5.2%", "Growth was 5.2% in 2023 under the Global Security Initiative.", (), []),
        AnnotatedSegment("2", "", "Blinken said the Global Security Initiative helps. Blinken left.", (), []),
    ])
    modified, injections = inject.inject_number(d, random.Random(3))
    assert injections and all(i.original != i.injected and i.original in d.segments[0].source for i in injections)
    modified, injections = inject.inject_term(d, random.Random(3), [["security", "safety"], ["initiative", "proposal"]])
    assert len(injections) == 1
    i = injections[0]
    assert i.original.lower() in {"security", "initiative"} and i.injected.lower() in {"safety", "proposal"}
    modified, injections = inject.inject_name(d, random.Random(3), frozenset({"global", "security", "initiative"}))
    assert [(i.original, i.injected) for i in injections] == [("Blinken", "Brinken")]
    assert sum(s.target.count("Brinken") for s in modified.segments) == 1


def test_caught_by_ignores_findings_that_were_there_before():
    inj = inject.Injection("fullwidth-punctuation", "1", 5, 6, ",", "，")
    old = finding(SPELL, "1", 0, 7, T1)
    new = finding(PUNCT, "1", 5, 6, T1)
    assert inject.caught_by(inj, [old, new], baseline=[old]) == ["PU301"]
    assert inject.caught_by(inj, [old], baseline=[old]) == []


def test_generated_block_is_replaced_and_notes_kept(tmp_path):
    from benchmarks.report import END, START, write_generated

    out = tmp_path / "quality.md"
    write_generated(out, "numbers 1")
    out.write_text("# Notes above\n" + out.read_text(encoding="utf-8") + "\nNotes below\n", encoding="utf-8")
    write_generated(out, "numbers 2")
    text = out.read_text(encoding="utf-8")
    assert text == f"# Notes above\n{START}\nnumbers 2\n{END}\n\nNotes below\n"


def test_zero_length_finding_counts_on_an_annotated_segment_only_when_lenient():
    d = doc([err("r1", "Accuracy/Omission (Translation)", 0, 3, T1, side="source")], [])
    end = finding(SPELL, "1", len(T1), len(T1), T1)
    assert not finding_hits(end, d, consistency=False)
    assert finding_hits(end, d, consistency=False, lenient=True)
    assert not finding_hits(finding(SPELL, "2", 0, 0, T2), d, consistency=False, lenient=True)
