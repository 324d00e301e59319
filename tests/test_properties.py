"""Property tests: arbitrary text never crashes the engine, spans stay in their segment, fixes are local."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.engine import run
from checks.fixes import Edit, apply_to_text, select_edits
from tests.helpers import default_registry, doc_from, shared_context

# Text mixing English words, CJK, full-width punctuation, quotes, brackets and whitespace.
ALPHABET = st.sampled_from(list("abcdeTHE the 4th on  ,.;:!?\"'()[]【】，。“”（）、\u3000ＡＢ１２自愿联盟\n-é"))
WORDS = st.sampled_from(
    ["the", "the the", "on the 4th", "volunteer alliance", '"willingness alliance"', "Buchard", "Grand (Camille Grand)",
     "steel hedgehog", "IC photo", "September 4, 2025", "Britain", "the UK", "defense", "defence", "cease-fire",
     "ceasefire", "Elysée", "Élysée", "，", "【", "】", "  ", "\n\n", "Pujing", "Brinken", "Blinken"]
)
TEXTS = st.lists(st.one_of(ALPHABET, WORDS), max_size=60).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_engine_never_crashes_and_spans_hold(text: str) -> None:
    doc = doc_from(text)
    for f in run(doc, default_registry(), shared_context()):
        target = doc.segment(f.segment).target
        assert 0 <= f.start <= f.end <= len(target)
        assert target[f.start : f.end] == f.text
        assert all(isinstance(s, str) for s in f.suggestions)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_applying_any_subset_of_fixes_leaves_the_rest_unchanged(data: st.DataObject) -> None:
    text = data.draw(TEXTS)
    doc = doc_from(text)
    findings = [f for f in run(doc, default_registry(), shared_context()) if f.suggestions]
    subset = data.draw(st.lists(st.sampled_from(findings), unique=True) if findings else st.just([]))
    for seg in doc.segments:
        edits = select_edits([Edit(f.segment, f.start, f.end, f.suggestions[0], f.code) for f in subset if f.segment == seg.id])
        fixed = apply_to_text(seg.target, edits)
        # Walk the untouched stretches: each must appear unchanged, in order, in the fixed text.
        pos_old, pos_new = 0, 0
        for e in sorted(edits, key=lambda e: e.start):
            keep = seg.target[pos_old : e.start]
            assert fixed[pos_new : pos_new + len(keep)] == keep
            pos_new += len(keep) + len(e.replacement)
            pos_old = e.end
        assert fixed[pos_new:] == seg.target[pos_old:]
