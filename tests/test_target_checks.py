"""Behaviour of the target-only checks a translator relies on: terms, dates, punctuation, spelling."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks.builtin import punctuation
from checks.context import Context
from checks.engine import run
from checks.fixes import apply_findings
from checks.termbase import Termbase
from tests.helpers import default_registry, doc_from, findings


def _by_code(target: str, code: str) -> list:
    return [f for f in findings(target) if f.code == code]


def test_discovered_variants_suggest_the_majority_and_flag_every_minority_use() -> None:
    text = (
        'The "friendship corridor" opened.\n\nThe "amity corridor" carries gas.\n\n'
        'The "friendship corridor" is long.\n\nA second "amity corridor" is planned.\n\n'
        'The "friendship corridor" was praised.'
    )
    hits = _by_code(text, "TE102")
    assert [(f.segment, f.text) for f in hits] == [("2", "amity corridor"), ("4", "amity corridor")]
    assert {f.suggestions for f in hits} == {("friendship corridor",)}
    assert not any(f.safe for f in hits)


def test_discovery_without_termbase_uses_majority_for_the_seed_alliance_terms() -> None:
    text = (
        'the "willingness alliance" plan.\n\nthe "volunteer alliance" met.\n\nthe "volunteer alliance" agreed.\n\n'
        "Washington expressed willingness to provide support."
    )
    ctx = Context.create()
    ctx.resources.get("termbase", lambda _c: Termbase(()))  # as if no termbase were shipped
    hits = [f for f in run(doc_from(text), default_registry(), ctx) if f.code.startswith("TE")]
    assert [(f.code, f.text, f.suggestions[0]) for f in hits] == [("TE102", "willingness alliance", "volunteer alliance")]


def test_termbase_preferred_term_wins_and_ordinary_words_are_left_alone() -> None:
    text = 'The "volunteer alliance" met.\n\nPoland expressed willingness to join an alliance.'
    hits = [f for f in findings(text) if f.code.startswith("TE")]
    assert [(f.text, f.suggestions[0], f.safe) for f in hits] == [("volunteer alliance", "coalition of the willing", True)]


def test_contrasted_terms_in_one_sentence_are_not_variants() -> None:
    text = 'Not a "hard landing" but a "soft landing".\n\nA "soft landing" is likely.\n\nA "hard landing" is not.'
    assert _by_code(text, "TE102") == []


def test_bare_days_follow_the_documents_date_style() -> None:
    uk = _by_code("On 4 September 2025 leaders met.\n\nThey spoke again on the 5th of this month.", "DT701")
    assert [(f.text, f.suggestions[0]) for f in uk] == [("the 5th of this month", "5 September")]
    assert _by_code("He finished on the 4th floor and the 21st century began.", "DT702") == []


def test_fullwidth_punctuation_fix_restores_english_spacing() -> None:
    doc = doc_from("Paris，France：the talks（first round）ended。Then")
    fixed = apply_findings(doc, run(doc, default_registry(), Context.create()))
    assert fixed["1"] == "Paris, France: the talks (first round) ended. Then"


def test_us_uk_mix_follows_the_majority_and_spares_proper_names() -> None:
    text = (
        "The organization's defense plan and its defence budget.\n\nThe organization's defense chief met the Ministry of Defence."
    )
    hits = _by_code(text, "SP801")
    assert [(f.text, f.suggestions[0]) for f in hits] == [("defence", "defense")]


def test_hyphen_and_accent_variants() -> None:
    hyphen = _by_code("A ceasefire began.\n\nThe cease-fire held.\n\nThe ceasefire ended.", "SP804")
    assert [(f.text, f.suggestions[0]) for f in hyphen] == [("cease-fire", "ceasefire")]
    # A known name is reported by the name check (NM201); the same fix is not repeated by SP803.
    accents = [f for f in findings("The Elysée said.\n\nThe Elysee said.\n\nThe Elysée added.") if f.code in {"SP803", "NM201"}]
    assert [(f.text, f.suggestions[0]) for f in accents] == [("Elysee", "Elysée")]
    plain = _by_code("The café opened.\n\nThe cafe closed.\n\nThe café reopened.", "SP803")
    assert [(f.text, f.suggestions[0]) for f in plain] == [("cafe", "café")]


_CJK_CLASS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f]"
_CJK_CLASS_OR_SPACE = _CJK_CLASS[:-1] + r"\s]"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(["中", "文", "ア", "한", "\U00020001", "\U0003134f", " ", "\n", "\u3000", "a", "。",
                                         "\u2fff", "é"]), max_size=12))
@example("中 文 a")
@example("中  \n")
def test_cjk_runs_are_those_of_the_pattern_with_the_class_three_times(text: str) -> None:
    # CJK_RE writes its class twice; the plain pattern, C(?:[C\s]*C)?, finds the same runs.
    plain = re.compile(rf"{_CJK_CLASS}(?:{_CJK_CLASS_OR_SPACE}*{_CJK_CLASS})?")
    assert [m.span() for m in punctuation.CJK_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]
