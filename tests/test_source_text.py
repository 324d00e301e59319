"""Untranslated text and negation: copies of the source, CJK fragments, flipped 'does not rule out'."""

from __future__ import annotations

from checks.builtin.source_text import Negation, Untranslated
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
