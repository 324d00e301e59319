"""Names of the source in the target: misspelled, pinyin instead of the usual spelling, missing; listed entities."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks.builtin import source_names
from checks.builtin.source_common import gazetteer
from checks.builtin.source_names import SourceNames
from checks.context import Context
from checks.model import Finding, Segment

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


def _plain_findings(segment: Segment, ctx: Context) -> list[Finding]:
    """SourceNames.check_segment as first written: everything worked out per segment, nothing cached."""
    check = SourceNames()
    source, text = segment.source or "", segment.target
    if not source or not text.strip():
        return []
    out: list[Finding] = []
    target = source_names._Target(text)
    end = len(text.rstrip())
    reported: set[str] = set()
    for m in source_names._LATIN_NAME.finditer(source):
        name = m.group().strip(".-’'")
        if len(name) < 3 or re.search(r"\d", name):
            continue
        variants = (name, name[:-1] if name.endswith("s") else name + "s")
        if any(target.has(v) for v in variants) or name in reported:
            continue
        reported.add(name)
        close = target.closest([name], 80)
        if close:
            start, stop, phrase, form = close
            out.append(source_names.MISSPELLED.finding(
                segment, start, stop, f"'{phrase}' is spelled '{form}' in the source", (form,), safe=False))
        elif " " in name or name.isupper() or re.search(rf"[（(]\s*{re.escape(name)}", source):
            out.append(source_names.NAME_MISSING.finding(
                segment, end, end, f"'{name}' of the source is not found in the target"))
    gaz = gazetteer(ctx) if source_names.HAN.search(source) else None
    if gaz is None:
        return out
    spans: dict[tuple[int, int], list[Any]] = {}
    for start, stop, entry in gaz.find_in_chinese(source):
        spans.setdefault((start, stop), []).append(entry)
    entities = {span: [e for e in entries if e.kind in ("place", "org") and e.curated] for span, entries in spans.items()}
    entity_spans = sorted(span for span, listed in entities.items() if listed)
    for (start, stop), entries in spans.items():
        zh = source[start:stop]
        if zh in reported:
            continue
        reported.add(zh)
        people = [e for e in entries if e.kind == "person" and e.curated]
        listed = entities[(start, stop)]
        if people and not listed:
            if any(f in reported for f in source_names._forms(people)):
                continue
            others = {f for span, es in spans.items() if span != (start, stop) for f in source_names._forms(es)}
            titled = bool(source_names._ZH_TITLE.search(source[max(0, start - 4) : start])
                          or source_names._ZH_TITLE.match(source, stop))
            out.extend(check._person(segment, target, zh, people, end, frozenset(others) if titled else None))
        elif listed and not people and source_names._in_list(source, (start, stop), entity_spans):
            words = set(source_names._forms(listed))
            for entry in listed:
                words.update(gaz.country_words(entry.country if entry.role == "country" else entry.english))
            if not any(target.has(w) or target.has_stem(w) for w in words):
                out.append(source_names.ENTITY_MISSING.finding(
                    segment, end, end, f"'{zh}' ({listed[0].english}) of the source is not mentioned in the target"))
    return out


_ZH_PARTS = ["马克龙", "范明政", "格朗", "英国", "法国", "德国", "日本", "文莱", "总统", "总理", "会见了", "、", "和", "访问",
             "（Camille Grand）", "NATO", "在巴黎发言。", "。", " "]
_EN_PARTS = ["Macron", "Macrom", "Pham Minh Chinh", "Pham Minh Thanh", "Fan Mingzheng", "Van Minh Tri", "President",
             "Prime Minister", "Mr.", "Camille Grand", "Camile Grand", "Britain", "British", "France", "French",
             "Germany", "Japan", "Brunei", "NATO", "met", "visited", "and", " ", ", ", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_ZH_PARTS), min_size=1, max_size=8).map("".join),
                          st.lists(st.sampled_from(_EN_PARTS), min_size=1, max_size=10).map(" ".join)),
                min_size=1, max_size=4),
       st.lists(st.integers(0, 3), min_size=1, max_size=12))
@example([("范明政总理访问文莱。", "Prime Minister Van Minh Tri visited Brunei."),
          ("范明政总理会见了马克龙总统。", "Mr. Ho met President Macrom.")], [0, 1, 2, 3])
@example([("英国、法国和德国将派兵。", "Britain and Germany will send troops."),
          ("格朗（Camille Grand）在巴黎发言。", "Camile Grand spoke.")], [0, 1, 1, 0])
def test_names_of_repeated_sources_are_checked_as_per_segment(pairs: list[tuple[str, str]], picks: list[int]) -> None:
    # What depends on the source alone is worked out once per source (and kept per run context):
    # a source met again with another target must give the findings of a plain per-segment pass.
    ctx = Context.create()
    sources = [source for source, _ in pairs]
    targets = [target for _, target in pairs]
    for n, pick in enumerate(picks):
        seg = Segment(id=str(n), source=sources[pick % len(sources)], target=targets[(pick + n) % len(targets)])
        assert list(SourceNames().check_segment(seg, ctx)) == _plain_findings(seg, ctx)


class _PlainTarget:
    """source_names._Target's lookups as first written: a regex built per lookup, forms folded per pair."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded = source_names._fold(text)
        self.folded = folded if len(folded) == len(text) else text.lower()

    def has(self, form: str) -> bool:
        key = source_names._fold(form)
        if not key:
            return False
        if len(form) <= 3 or form.isupper():
            return re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", self.text) is not None
        return re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", self.folded) is not None

    def has_prefix(self, form: str) -> bool:
        return len(form) >= 3 and re.search(rf"(?<![\w]){re.escape(form)}[a-z]", self.text) is not None

    def has_stem(self, form: str) -> bool:
        if len(form) < 5 or " " in form or form.isupper():
            return False
        stem = form[: max(4, len(form) - 2)]
        return re.search(rf"(?<![\w]){re.escape(stem)}", self.text, re.I) is not None

    def closest(self, forms: list[str], threshold: float) -> tuple[int, int, str, str] | None:
        fold = source_names._fold
        best: tuple[float, int, int, str, str] | None = None
        for m in source_names._CAPITALISED.finditer(self.text):
            words = list(re.finditer(r"\S+", m.group()))
            for i in range(len(words)):
                for j in range(i, len(words)):
                    start, end = m.start() + words[i].start(), m.start() + words[j].end()
                    phrase = self.text[start:end]
                    for form in forms:
                        if abs(len(phrase) - len(form)) > 3 or len(form) < 4:
                            continue
                        if fold(phrase).rstrip("s") == fold(form).rstrip("s"):
                            continue
                        score = source_names.fuzz.ratio(fold(phrase), fold(form))
                        if " " in form and " " in phrase and len(form) >= 10:
                            score += 10
                        if score >= threshold and (best is None or score > best[0]):
                            best = (score, start, end, phrase, form)
        return None if best is None else best[1:]


_LOOKUP_FORMS = ["US", "EU", "NATO", "Dar", "Macron", "Macrons", "Grand", "Camille Grand", "Pham Minh Chinh", "Erdoğan",
                 "Europe", "China", "Straße", "İzmir", "Lee", "O'Neill", "Al-Sisi", "Europa"]
_LOOKUP_PARTS = [*_LOOKUP_FORMS, "Macrom", "Camile Grand", "Pham Minh Thanh", "Erdogan", "ERDOĞAN", "European", "Chinese",
                 "Darwin", "Strasse", "izmir", "us", "Eu", "O'Neil", "Al-Sisis", "europeans", "s", "'s", "-", "x", "7",
                 "The", " ", "  ", ", ", ".", "\n", "(", "ß", "ſ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LOOKUP_PARTS), max_size=12).map("".join),
       st.lists(st.sampled_from(_LOOKUP_FORMS), min_size=1, max_size=4, unique=True),
       st.sampled_from([60, 80]))
@example("President Macrom and Camile Grand", ["Macron", "Camille Grand"], 80)
@example("Erdogan and ERDOĞAN met Macrons", ["Erdoğan", "Macron", "US"], 60)
def test_target_lookups_agree_with_the_plain_ones(text: str, forms: list[str], threshold: int) -> None:
    # The lookups short-cut absent forms by a substring test, keep their regexes compiled and fold
    # each form and phrase once: the answers must be those of the lookups as first written.
    fast, plain = source_names._Target(text), _PlainTarget(text)
    for form in forms:
        assert fast.has(form) == plain.has(form), form
        assert fast.has_prefix(form) == plain.has_prefix(form), form
        assert fast.has_stem(form) == plain.has_stem(form), form
    assert fast.closest(forms, threshold) == plain.closest(forms, threshold)
