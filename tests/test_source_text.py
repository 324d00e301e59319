"""Untranslated text and negation: copies of the source, CJK fragments, flipped 'does not rule out'."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.builtin.source_text import _EN_NEGATION, Negation, Untranslated, _has_en_negation, _wide
from checks.context import Context
from checks.model import Segment

CTX = Context.create()


def _codes(source: str, target: str) -> list[tuple[str, str, tuple[str, ...]]]:
    seg = Segment(id="1", source=source, target=target)
    found = [*Untranslated().check_segment(seg, CTX), *Negation().check_segment(seg, CTX)]
    return [(f.code, f.text, f.suggestions) for f in found]


def test_copy_of_the_source() -> None:
    assert _codes("北约峰会在海牙举行。", " 北约峰会在海牙举行。") == [("AC910", "北约峰会在海牙举行。", ())]


def test_unknown_fragments_are_left_to_the_script_check_unless_most_is_untranslated() -> None:
    source = "杉杉创始人郑永刚过世- 经济观察网－ 专业财经新闻网站"
    target = "Shanshan founder Zheng Yonggang dies - 经济观察网 - 专业财经新闻网站"
    assert _codes(source, target) == []  # PU302 reports these runs; no second finding on them
    found = _codes("该报告由经济观察网发表。", "Report: 该报告由经济观察网发表。")
    assert found == [("AC911", "Report: 该报告由经济观察网发表。", ())]


def test_known_fragment_gets_the_gazetteer_translation() -> None:
    found = _codes("马克龙表示支持。", "马克龙 expressed support.")
    assert found == [("AC911", "马克龙", ("Emmanuel Macron",))]


def test_not_ruled_out_flipped() -> None:
    assert _codes("部长不排除派兵的可能。", "The minister ruled out sending troops.") == [
        ("AC920", "ruled out", ("not ruled out",))
    ]
    assert _codes("部长不排除派兵的可能。", "The minister did not rule out sending troops.") == []
    assert _codes("部长排除了派兵的可能。", "The minister ruled out sending troops.") == []


def test_negation_lost_but_words_with_bu_and_questions_are_fine() -> None:
    assert [c[0] for c in _codes("双方尚未达成协议。", "The two sides have reached an agreement.")] == ["AC921"]
    assert _codes("双方尚未达成协议。", "The two sides have yet to reach an agreement.") == []
    assert [c[0] for c in _codes("该计划未获批准。", "The plan was approved.")] == ["AC921"]
    assert _codes("未来几年经济将增长。", "The economy will grow in the coming years.") == []
    assert _codes("物价不断上涨，不少人搬走了。", "Prices kept rising and many people moved away.") == []
    assert _codes("将来会不会再次发生呢？", "Will it happen again?") == []


def test_latin_source_language_detected_deterministically() -> None:
    source = "Der Gipfel der Koalition fand gestern in Paris statt und dauerte sehr lange."
    target = "Der Gipfel fand gestern in Paris statt und dauerte nach Angaben der Minister sehr lange."
    runs = {tuple(_codes(source, target)) for _ in range(3)}
    assert runs == {(("AC912", target, ()),)}
    assert _codes(source, "The coalition summit took place in Paris yesterday and lasted very long.") == []


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["not", "NOT", "Not", "no", "No", "n't", "N'T", "never", "without", "nothing", "note",
                                 "knot", "nor", "x", "İ", "\u212a", "é", "1", " ", "  ", "-", "'", ".", "\n", "_"]),
                max_size=10))
def test_the_common_negation_short_cut_agrees_with_the_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    assert _has_en_negation(text) == bool(_EN_NEGATION.search(text))


def test_cjk_runs_lie_above_u2e80_and_han_is_part_of_them() -> None:
    # Untranslated stops early on a Han source with a target that has no character from U+2E80 on.
    from checks.builtin.source_common import CJK_RUN, HAN

    every = "".join(map(chr, range(0x110000)))  # each character at the index of its code point
    cjk = {i for m in CJK_RUN.finditer(every) for i in range(*m.span())}
    assert cjk and min(cjk) >= 0x2E80
    assert {m.start() for m in HAN.finditer(every)} <= cjk



@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", " ", "é", "\u2e7f", "\u2e80", "\u2e81", "中", "\uffff", "\U00020000",
                                         "\U0010ffff"]), max_size=6))
def test_a_wide_character_is_found_as_by_the_range_regex(text: str) -> None:
    # Untranslated tells a target with a character from U+2E80 up by its greatest character.
    assert (not text.isascii() and _wide(text)) == (re.search("[\u2e80-\U0010ffff]", text) is not None)
