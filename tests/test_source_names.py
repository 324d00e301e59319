"""Names of the source in the target: misspelled, pinyin instead of the usual spelling, missing; listed entities."""

from __future__ import annotations

import sys

import pytest

from checks.builtin.source_names import SourceNames
from checks.context import Context
from checks.model import Segment

CTX = Context.create()


def _found(source: str, target: str) -> list[tuple[str, str, tuple[str, ...]]]:
    seg = Segment(id="1", source=source, target=target)
    return [(f.code, f.text, f.suggestions) for f in SourceNames().check_segment(seg, CTX)]


def test_latin_name_in_the_source() -> None:
    assert _found("格朗（Camille Grand）在巴黎发言。", "Camile Grand spoke in Paris.") == [
        ("NM220", "Camile Grand", ("Camille Grand",))
    ]
    assert _found("格朗（Camille Grand）在巴黎发言。", "Camille Grand spoke in Paris.") == []
    assert [c[0] for c in _found("格朗（Camille Grand）在巴黎发言。", "The expert spoke in Paris.")] == ["NM221"]


def test_transliterated_name_via_the_gazetteer() -> None:
    assert _found("马克龙总统抵达。", "President Macrom arrived.") == [("NM220", "Macrom", ("Macron",))]
    assert _found("马克龙总统抵达。", "President Macron arrived.") == []
    assert _found("马克龙总统抵达。", "French President Emmanuel Macron arrived.") == []


def test_multiword_name_with_one_wrong_syllable() -> None:
    found = _found("范明政总理访问文莱。", "Prime Minister Pham Minh Thanh visited Brunei.")
    assert found == [("NM220", "Pham Minh Thanh", ("Pham Minh Chinh",))]


def test_pinyin_instead_of_the_usual_spelling() -> None:
    found = _found("范明政总理访问文莱。", "Prime Minister Fan Mingzheng visited Brunei.")
    assert found == [("NM220", "Fan Mingzheng", ("Pham Minh Chinh",))]


def test_plural_of_a_latin_name_is_not_a_misspelling() -> None:
    assert [c for c in _found("我在Proton Studios的朋友", "my friend at Proton Studio") if c[0] == "NM220"] == []


def test_listed_entities() -> None:
    assert [c[0] for c in _found("英国、法国和德国将派兵。", "Britain and Germany will send troops.")] == ["AC930"]
    assert _found("英国、法国和德国将派兵。", "The British, French and German governments will send troops.") == []
    # A single country not in a list is left alone: translators may rephrase it away.
    assert _found("首先日本税前工资差距比较小。", "It starts off with smaller differences in earnings.") == []


def test_other_name_after_the_title_of_a_known_person() -> None:
    found = _found("范明政总理访问文莱。", "Prime Minister Van Minh Tri visited Brunei.")
    assert found == [("NM222", "Van Minh Tri", ("Pham Minh Chinh",))]
    # Another title than the person's role: no guess, only the missing name.
    assert [c[0] for c in _found("范明政总理访问文莱。", "Mr. Ho visited Brunei.")] == ["NM221"]
    # A second person of the source is not mistaken for a substitute.
    assert _found("范明政总理会见了马克龙总统。", "Prime Minister Pham Minh Chinh met President Macron.") == []


def test_gazetteer_helper_keeps_the_module_and_answers_as_the_module_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # source_common.gazetteer keeps the imported module instead of importing it per segment.
    from checks import gazetteer as gaz_module
    from checks.builtin import source_common

    ctx = Context.create()
    monkeypatch.setattr(source_common, "_gazetteer_module", None)
    monkeypatch.setitem(sys.modules, "checks.gazetteer", None)  # the module cannot be imported
    monkeypatch.delattr("checks.gazetteer", raising=False)
    assert source_common.gazetteer(ctx) is None
    assert source_common._gazetteer_module is None  # a failed import is not remembered
    monkeypatch.setitem(sys.modules, "checks.gazetteer", gaz_module)
    monkeypatch.setattr("checks.gazetteer", gaz_module, raising=False)
    first = source_common.gazetteer(ctx)
    assert first is not None and first is gaz_module.load(ctx)
    assert source_common._gazetteer_module is gaz_module
    assert source_common.gazetteer(ctx) is first and source_common.gazetteer(Context.create()) is not first

    def unreadable(_ctx: Context) -> None:
        raise OSError("data missing")

    monkeypatch.setattr(gaz_module, "load", unreadable)
    assert source_common.gazetteer(ctx) is None  # the data, not the module, is unavailable
