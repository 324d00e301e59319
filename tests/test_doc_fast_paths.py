"""Document checks that read each distinct target once agree with a plain pass over every segment."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks.builtin import dates, names, punctuation, source_terms, spelling, terms
from checks.model import Document, Segment
from checks.termbase import TermEntry
from checks.termbase import load as load_termbase
from checks.text import lower_letter_words
from tests.helpers import shared_context

CTX = shared_context()


def _doc(targets: list[str]) -> Document:
    segments = tuple(Segment(id=str(i), target=t, source=None, line=None, column=None) for i, t in enumerate(targets))
    return Document(path="t.txt", segments=segments)


# Words and separators that exercise every spelling table: US/UK pairs, accent and hyphen variants, entity
# forms (also glued to digits, hyphens and underscores, where they are no whole word), and repeats.
_SPELLING_PIECES = [
    "defense", "defence", "Defense", "color", "colour", "center", "centre", "Elysée", "Elysee", "Élysée",
    "ceasefire", "cease-fire", "Cease-fire", "well-known", "Kyiv", "Kiev", "Kiev2", "Kyiv_", "UK", "the UK",
    "The UK", "UK-based", "the U.K.", "Britain", "US", "U.S.", "E.U.", "EU", "Nato", "NATO", "Czech Republic",
    "Côte d'Ivoire", "Ivory Coast", "the Netherlands", "Holland", "plan", "-", "--", " ", " ", ". ", ", ", "\n",
    "7", "_",
]
_TEXTS = st.lists(st.sampled_from(_SPELLING_PIECES), max_size=10).map("".join)


def _plain_surfaces(doc: Document) -> Counter[str]:
    surfaces: Counter[str] = Counter()
    for seg in doc.segments:
        surfaces.update(spelling.WORD_RE.findall(seg.target))
    return surfaces


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=6), st.lists(st.integers(0, 5), max_size=12))
def test_spelling_reads_distinct_targets_like_every_segment(texts: list[str], picks: list[int]) -> None:
    # Targets drawn with repeats, in any order: the repeat-free reading must see the same document.
    doc = _doc(texts + [texts[i % len(texts)] for i in picks])
    _, matcher, gate = CTX.resources.get("entity-forms", spelling._load_groups)
    words = spelling._Words.read(doc, matcher, gate)
    plain = _plain_surfaces(doc)
    assert list(words.order) == list(plain)  # first-seen order (it breaks ties)
    assert list(words.counts(set(plain)).items()) == list(plain.items())
    some = set(list(plain)[::2])
    assert list(words.counts(some).items()) == [(w, n) for w, n in plain.items() if w in some]
    for seg in doc.segments:
        assert list(words.of_target[seg.target]) == spelling.WORD_RE.findall(seg.target)
        expected = [(m.start, m.end, m.payload) for m in matcher.finditer(seg.target)]
        assert [(m.start, m.end, m.payload) for m in words.entities.get(seg.target, ())] == expected
    # Every table word is found at each of its occurrences, in document order.
    tables = ({w: "x" for w in plain if w.islower()}, {w: "y" for w in plain if "-" in w}, {})
    hits = spelling.SpellingConsistencyCheck._matches(doc, words, tables)
    for table, found in zip(tables, hits, strict=True):
        expected_hits = [
            (seg.id, m.span(), m.group(), table[m.group()])
            for seg in doc.segments for m in spelling.WORD_RE.finditer(seg.target) if m.group() in table
        ]
        assert [(seg.id, m.span(), m.group(), value) for seg, m, value in found] == expected_hits


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["ab", "Cd", "-", "--", "a-b", "x_", "_", "7", "'", " ", "\n", ".", "é", "ab-7"]),
                max_size=16).map("".join))
@example("well-known -ab cd- a--b x_y 7ab ab7 Ab-Cd-Ef")
def test_written_words_by_table_are_the_word_regex_matches(text: str) -> None:
    assert spelling._written_words(text) == spelling.WORD_RE.findall(text)


def test_entity_gate_finds_every_form_as_a_whole_word() -> None:
    groups, matcher, gate = CTX.resources.get("entity-forms", spelling._load_groups)
    forms = [form for group in groups for form in group.forms]
    forms += ["The " + form[4:] for form in forms if form.startswith("the ")]
    for form in forms:
        text = f"Before {form}, after."
        assert list(matcher.finditer(text)), form
        assert gate.regex.search(text), form
        assert gate.admits(text), form
    # A form glued to a word character is no whole word: the gate may rule such a text out.
    assert not gate.regex.search("Kyiv2 and UKraine")
    assert not gate.admits("Kyiv2 and UKraine")


_GATE_PIECES = ["Kyiv", "Kiev", "UK", "the", "Britain", "EU", "E", "U", ".", "-", "_", "2", " ", "é", "Ivoire", "d'"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_GATE_PIECES), max_size=12).map("".join))
@example("UK-based Kyiv_ 2EU E.U. Côte d'Ivoire")
def test_entity_gate_by_word_set_is_the_gate_regex(text: str) -> None:
    _, _, gate = CTX.resources.get("entity-forms", spelling._load_groups)
    assert gate.admits(text) == (gate.regex.search(text) is not None)


# names.scan: the capitalized words of a document, sentence-initial or not, and its lower-case words.
_OLD_CAP_WORD = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿĀ-ſ]*[a-zà-öø-ÿĀ-ſ](?![\w-])")


_OLD_BOUNDARY = re.compile(r"[.!?。！？]['\"”’)]*\s+|\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=6), st.lists(st.integers(0, 5), max_size=12))
@example(["cease-fire ceasefire Ceasefire", "Élysée Elysée elysee", "defense defence color"], [0, 1, 2, 2])
def test_spelling_tables_from_the_counted_words_are_those_of_every_word(texts: list[str], picks: list[int]) -> None:
    doc = _doc(texts + [texts[i % len(texts)] for i in picks])
    _, matcher, gate = CTX.resources.get("entity-forms", spelling._load_groups)
    us_uk = CTX.resources.get("us-uk", spelling._load_us_uk)
    words = spelling._Words.read(doc, matcher, gate)
    check = spelling.SpellingConsistencyCheck
    counted = words.counts(check._counted(words.order, us_uk))
    plain = _plain_surfaces(doc)  # every word counted
    assert check._us_uk_minority(counted, us_uk) == check._us_uk_minority(plain, us_uk)
    for key, hyphens in ((spelling._fold, False), (spelling._dehyphen, True)):
        assert check._variant_fixes(counted, key, hyphens=hyphens) == check._variant_fixes(plain, key, hyphens=hyphens)


def test_the_plain_spelling_tables_are_not_empty() -> None:
    # The comparison above is not an empty one: every table has words on such a text.
    doc = _doc(["cease-fire ceasefire Ceasefire", "Élysée Elysée elysee", "defense defence color"] * 2 + ["defense"])
    plain = _plain_surfaces(doc)
    check = spelling.SpellingConsistencyCheck
    assert check._us_uk_minority(plain, CTX.resources.get("us-uk", spelling._load_us_uk))[0] == {"defence": "UK"}
    assert check._variant_fixes(plain, spelling._fold, hyphens=False)
    assert check._variant_fixes(plain, spelling._dehyphen, hyphens=True)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([".", "!", "?", "。", "\n", "\r", " ", "\t", "'", '"', "”", "’", ")", "a", "Mr"]),
                max_size=16).map("".join))
@example("Hi.\n\nYes!' \n(Mr. A.)\t\r\nno。”  x")
def test_sentence_boundary_with_the_class_first_matches_as_before(text: str) -> None:
    assert [m.span() for m in names._BOUNDARY.finditer(text)] == [m.span() for m in _OLD_BOUNDARY.finditer(text)]


def _plain_scan(doc: Document) -> tuple[list[tuple[str, list[tuple[str, int, int, bool, int]]]], set[str]]:
    """The scan as a pass over every segment and every word, with a regex per sentence-initial test."""
    forms: dict[str, list[tuple[str, int, int, bool, int]]] = {}
    lower: set[str] = set()
    for seg in doc.segments:
        text = seg.target
        lower.update(names.fold(w) for w in re.findall(r"[^\W\d_]+", text) if w[0].islower())
        starts = names._sentence_starts(text)
        for m in _OLD_CAP_WORD.finditer(text):
            sentence = max(s for s in starts if s <= m.start())
            initial = names._ONLY_OPENERS.fullmatch(text, sentence, m.start()) is not None
            forms.setdefault(m.group(), []).append((seg.id, m.start(), m.end(), initial, sentence))
    return list(forms.items()), lower


_NAME_PIECES = [
    "Blinken", "Brinken", "Élysée", "Øresund", "O'Brien", "Jean-Luc", "McCain", "Anne", "anne", "élan", "Élan",
    "NATO", "Mr.", "Dr", "U.S.", "St.", "x2", "Ab", "said", "3rd", "snake_case", "ſ", "²", "一", " ", "  ", ". ",
    "! ", "?\" ", ".\n", "\n", ", ", "(", "“", "—", "-", "'", "’", "*", "\t",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_NAME_PIECES), max_size=14).map("".join), min_size=1, max_size=5),
       st.lists(st.integers(0, 4), max_size=8))
def test_name_scan_reads_distinct_targets_like_every_segment(texts: list[str], picks: list[int]) -> None:
    doc = _doc(texts + [texts[i % len(texts)] for i in picks])
    data = names.scan(doc)
    forms, lower = _plain_scan(doc)
    assert data.order == [word for word, _ in forms]
    for word, occurrences in forms:
        found = [(o.segment.id, o.start, o.end, o.initial, o.sentence[1]) for o in data.forms[word].occurrences]
        assert found == occurrences
        assert all(o.sentence[0] == o.segment.id for o in data.forms[word].occurrences)
        assert data.forms[word].mid_sentence == any(not initial for *_, initial, _ in occurrences)
    assert data.lower == lower
    assert data.chunks == {chunk for seg in doc.segments for chunk in seg.target.split()}


# Regexes that open with their first character set (so the engine skips to it) before the look-behind.
_OLD_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,8}(?![\w-])")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_NAME_PIECES, "Fan", "Mingzheng", "Wang Yi", "Ab-Cd"]), max_size=16).map("".join))
@example("O'Brien Wang Yi, ’Fan Mingzheng and -Ab Cd met 2Fan Yi.")
def test_name_regexes_with_the_capital_first_match_as_before(text: str) -> None:
    for old, new in ((_OLD_CAP_WORD, names._CAP_WORD), (_OLD_NAME_RUN, names._NAME_RUN)):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        assert bool(new.fullmatch(text)) == bool(old.fullmatch(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*_NAME_PIECES, "U.S.", "a.m", "x.", "Ébloui"]), max_size=12).map("".join),
                min_size=1, max_size=5))
def test_dotted_words_come_from_the_distinct_chunks(texts: list[str]) -> None:
    doc = _doc(texts + texts[:1])
    expected = {w for seg in doc.segments for w in names._DOTTED_WORD.findall(seg.target)}
    assert names._words_of(doc) == expected


def test_a_split_pinyin_name_is_flagged_in_every_repeat_of_its_target() -> None:
    text = "Vietnamese Prime Minister Fan Mingzheng met the delegation in Hanoi."
    doc = _doc([text, "Talks went on.", text])
    found = [(f.segment, f.code, f.suggestions) for f in names.PinyinNameCheck().check_document(doc, CTX)]
    assert found == [("0", "NM204", ("Pham Minh Chinh",)), ("2", "NM204", ("Pham Minh Chinh",))]


def _plain_split_pinyin_in(text: str) -> list[tuple[int, int, str, object]]:
    """Split pinyin names as found before runs were remembered: every window of every run of the text."""
    gaz = names.load(CTX)
    found = []
    for run in names._NAME_RUN.finditer(text):
        tokens = list(names._RUN_WORD.finditer(run.group()))
        pinyin = [names.looks_like_pinyin(t.group()) for t in tokens]
        match = None
        for size in (3, 2):
            for i in range(len(tokens) - size + 1):
                if not all(pinyin[i : i + size]):
                    continue
                start, end = run.start() + tokens[i].start(), run.start() + tokens[i + size - 1].end()
                phrase = text[start:end]
                entries = [
                    e for e in gaz.by_pinyin(phrase)
                    if e.curated and e.kind == "person" and not names._looks_chinese_origin(e)
                    and names.fold(phrase) not in {names.fold(sp) for sp in e.spellings}
                ]
                if entries:
                    match = (start, end, phrase, entries[0])
                    break
            if match:
                break
        if match is not None:
            found.append(match)
    return found


_PINYIN_PIECES = ["Fan Mingzheng", "Fan", "Mingzheng", "Zhu", "Wang Yi", "Pham Minh Chinh", "Prime", "Ab", "met",
                  " ", " ", "-", ", ", ". ", "\n", "'", "2"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PINYIN_PIECES), max_size=12).map("".join), min_size=1, max_size=6))
@example(["Prime Minister Fan Mingzheng met Zhu Fan Mingzheng.", "Ab Fan Mingzheng"])
def test_split_pinyin_names_from_remembered_runs_are_those_of_each_target(texts: list[str]) -> None:
    gaz = names.load(CTX)
    memo: dict = {}  # one per document, as PinyinNameCheck keeps it: runs recur in other targets and places
    for text in texts + texts[::-1]:
        assert names._split_pinyin_in(text, gaz, memo) == _plain_split_pinyin_in(text)


def test_the_plain_split_pinyin_pass_finds_names() -> None:
    found = _plain_split_pinyin_in("Prime Minister Fan Mingzheng met Zhu Fan Mingzheng.")
    assert [(start, end, phrase) for start, end, phrase, _ in found] == [(15, 28, "Fan Mingzheng"), (37, 50, "Fan Mingzheng")]


_OLD_TITLE_RE = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:(?:of|and|for|on|the|in)[ -])?[A-Z][a-z]+){1,5}\b")
_TITLE_PIECES = ["Maritime", "Security", "Plan", "of", "the", "and", "in", "The", "X", "a", "x", "7", "_", "é", "É",
                 " ", "-", "'", "’", ". ", "\n", "“"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=16).map("".join))
@example("7Maritime Plan, _Sea Plan, éSea Plan, 'Sea Plan and -Sea Plan")
def test_title_regex_with_the_capital_first_matches_as_before(text: str) -> None:
    assert [m.span() for m in terms.TITLE_RE.finditer(text)] == [m.span() for m in _OLD_TITLE_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["(", ")", "[", "]", "{", "}", "1)", '"', "“", "”", "a", " ", "\n"]),
                         max_size=8).map("".join), min_size=1, max_size=5))
def test_balance_check_skips_only_paragraphs_without_brackets_or_quotes(texts: list[str]) -> None:
    doc = _doc(texts)
    check = punctuation.BalanceCheck()
    expected = []
    for i, seg in enumerate(doc.segments):
        expected += check._brackets(seg)
        expected += check._quotes(seg, texts[i + 1].lstrip() if i + 1 < len(texts) else "")
    assert list(check.check_document(doc, CTX)) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(['"', "“", "”", "中", "a", " ", "“中", "”x"]), max_size=8).map("".join),
                min_size=1, max_size=5))
def test_quote_style_skips_only_segments_without_curly_quotes(texts: list[str]) -> None:
    doc = _doc(texts)
    straight = sum(t.count('"') for t in texts)
    curly = sum(t.count("“") + t.count("”") for t in texts)
    expected = [
        (seg.id, m.start(), m.end())
        for seg in doc.segments for m in re.finditer("[“”]", seg.target)
        if straight > curly or punctuation.CJK_RE.search(seg.target[max(0, m.start() - 1) : m.end() + 1])
    ]
    found = [(f.segment, f.start, f.end) for f in punctuation.QuoteStyleCheck().check_document(doc, CTX)]
    assert found == expected


# SourceTerms: the first pass keeps only the phrases that can have a rival rendering.
_OLD_NAME_PHRASE = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:(?: [A-Z]|-[A-Za-z])[a-z]+){0,2}(?![\w-])")
_PHRASE_PIECES = [
    "security", "Security", "safety", "SAFETY", "securities", "safeties", "initiative", "Initiatives", "proposal",
    "advocacies", "talks", "union", "the", "The", "of", "a", "food", "Global", "Fang Fang", "Fangfang", "Yong-gang",
    "Kim Jong-un", "x", "-", "'", " ", "  ", ", ", ". ", "\n", "2", "é", "_", "—", "(", "\u212a", "İ",
]


@settings(max_examples=800, deadline=None)
@given(st.one_of(
    st.lists(st.sampled_from(_PHRASE_PIECES), max_size=18).map("".join),
    # ASCII only (the byte-table path), with more kinds of gap: punctuation, a pipe, other whitespace.
    st.lists(st.sampled_from([p for p in _PHRASE_PIECES if p.isascii()] + [";", "|", '"', "\x1c", "\t", "'-", "-'"]),
             max_size=18).map("".join),
))
@example("The Global Security, Initiative of food safety and Fang Fang-Security 2safety")
@example("food 'safety; the|safety x -safety \x1cinitiative national\tsecurity '-talks")
def test_rival_keys_are_the_phrases_that_can_have_a_rival(text: str) -> None:
    synonyms = terms.load_synonyms(CTX)
    triggers = source_terms._triggers(synonyms)
    keys = source_terms.SourceTerms._rival_keys(text, triggers, source_terms._Singulars())
    full = source_terms.SourceTerms._phrases(text, synonyms, triggers)
    expected = [k for k in full if k[0] == "=" or k[-1] in synonyms.sets]
    assert len(keys) == len(set(keys)) and set(keys) == set(expected)
    # Synonym phrases first, then the names in text order.
    assert keys == sorted(keys, key=lambda k: k[0] == "=")
    assert [k for k in keys if k[0] == "="] == [k for k in expected if k[0] == "="]
    # A phrase left out keeps its last word in its signature: it has no rival with another last word.
    for words in full.keys() - set(keys):
        assert source_terms.SourceTerms._signature(words, synonyms)[-1] == words[-1]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_PHRASE_PIECES, "'-Ab", "Don't", "x--y", "a'", "--'", "Ab2cd", "!", "\t"]),
                max_size=16).map("".join))
@example("-'tis Bob's x--y 3ab_c -- ' Hello-World")
def test_lower_letter_words_by_table_are_the_word_regex_matches(text: str) -> None:
    expected = [w.lower() for w in source_terms._WORD.findall(text)]
    assert lower_letter_words(text) == expected
    assert terms.WORD_RE.pattern == source_terms._WORD.pattern  # both checks read their words with it


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_PHRASE_PIECES, "Ab", "Cd", "-Ab", "_Ab", "2Ab"]), max_size=16).map("".join))
@example("2Fang Fang -Yong-gang _Cai Qi é Kim Jong-un")
def test_name_phrase_regex_with_the_capital_first_matches_as_before(text: str) -> None:
    new = source_terms._NAME_PHRASE
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in _OLD_NAME_PHRASE.finditer(text)]


def _plain_renderings(segments: list[Segment]) -> list[tuple[str, int, int, str]]:
    """Rival renderings as before the fast paths: every phrase of every segment, one n-gram table of all."""
    synonyms = terms.load_synonyms(CTX)
    triggers = source_terms._triggers(synonyms)
    check = source_terms.SourceTerms
    phrases = [check._phrases(seg.target, synonyms, triggers) for seg in segments]
    endings: dict[tuple[str, ...], set[str]] = {}
    for found in phrases:
        for words in found:
            endings.setdefault(check._signature(words, synonyms), set()).add(words[-1].lower())
    signed = [
        [(sig, words) for words in found if len(endings[sig := check._signature(words, synonyms)]) >= 2]
        for found in phrases
    ]
    units: dict[str, list[int]] = {}
    for i, seg in enumerate(segments):
        for g in source_terms._han_ngrams(seg.source or ""):
            units.setdefault(g, []).append(i)
    units = {g: idx for g, idx in units.items() if len(idx) >= 2 and all(signed[i] for i in idx)}
    same_segments = Counter(tuple(idx) for idx in units.values())
    out: list[tuple[str, int, int, str]] = []
    reported: set[tuple[int, int, int]] = set()
    for unit in sorted(units, key=lambda u: (-len(u), units[u][0], u)):
        idx = units[unit]
        shared = set.intersection(*({sig for sig, _ in signed[i]} for i in idx))
        by_signature: dict[tuple[str, ...], dict[tuple[str, ...], list[int]]] = {}
        for i in idx:
            for sig, words in signed[i]:
                if sig in shared:
                    by_signature.setdefault(sig, {}).setdefault(words, []).append(i)
        for rivals in by_signature.values():
            if len({w[-1].lower() for w in rivals}) < 2:
                continue
            covered = [i for segs in rivals.values() for i in set(segs)]
            if len(covered) != len(set(covered)) or len(set(covered)) < len(idx):
                continue
            ranked = sorted(rivals.items(), key=lambda kv: (-len(set(kv[1])), kv[1][0]))
            if len(set(ranked[0][1])) == len(set(ranked[1][1])):
                continue
            right = phrases[ranked[0][1][0]][ranked[0][0]][0][2]
            term = unit if same_segments[tuple(idx)] == 1 else "the same source term"
            for words, segs in ranked[1:]:
                for i in set(segs):
                    for start, end, _ in phrases[i][words]:
                        if (i, start, end) not in reported:
                            reported.add((i, start, end))
                            out.append((segments[i].id, start, end, f"{term} is rendered '{right}' elsewhere"))
    return out


_SOURCE_PIECES = ["全球安全倡议", "全球发展倡议", "食品安全", "国家安全", "芳芳", "会议", "。", "，", "a", " "]
_TARGET_PIECES = [
    "Global Security Initiative", "Global Safety Initiative", "global security proposals", "food safety",
    "national security", "Fang Fang", "Fangfang", "The", "the", "of", " ", " ", ", ", ". ", "—",
]
_ALIGNED = [
    ("全球安全倡议", "Global Security Initiative"), ("全球安全倡议", "Global Safety Initiative"),
    ("全球安全倡议", "global security proposals"), ("食品安全", "food safety"), ("国家安全", "national security"),
    ("安全倡议", "Security Initiative"), ("芳芳", "Fang Fang"), ("芳芳", "Fangfang"), ("会议", "the meeting"),
]
# Segments made of aligned pieces (so that rivals are common), or of random pieces.
_PAIRS = st.one_of(
    st.lists(st.sampled_from(_ALIGNED), min_size=1, max_size=3).map(
        lambda parts: ("，".join(s for s, _ in parts), ", ".join(t for _, t in parts))
    ),
    st.tuples(st.lists(st.sampled_from(_SOURCE_PIECES), min_size=1, max_size=4).map("".join),
              st.lists(st.sampled_from(_TARGET_PIECES), min_size=1, max_size=8).map("".join)),
)
_RIVALS = [
    ("全球安全倡议。", "The Global Security Initiative."), ("全球安全倡议", "Global Safety Initiative"),
    ("全球安全倡议，芳芳", "Global Security Initiative, Fangfang"), ("芳芳", "Fang Fang"), ("芳芳", "Fang Fang."),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(_PAIRS, min_size=1, max_size=8), st.lists(st.integers(0, 7), max_size=10))
@example(_RIVALS, [0, 1, 3])
@example([*_ALIGNED[:2], ("安全倡议", "Security Initiative")], [])  # a tie for 全球安全倡议, not for 安全倡议
def test_rival_renderings_are_found_as_by_a_plain_pass(pairs: list[tuple[str, str]], picks: list[int]) -> None:
    pairs = pairs + [pairs[i % len(pairs)] for i in picks]  # repeated sources and targets
    segments = [Segment(id=str(i), source=s, target=t) for i, (s, t) in enumerate(pairs)]
    synonyms = terms.load_synonyms(CTX)
    found = [(f.segment, f.start, f.end, f.message) for f in source_terms.SourceTerms()._renderings(segments, synonyms)]
    expected = _plain_renderings(segments)
    assert sorted(found) == sorted((seg, a, b, message + " in the document") for seg, a, b, message in expected)


_HAN_TEXTS = st.lists(st.sampled_from(["全", "球", "安", "全球", "安全", "倡议", "。", "\n", "a", " "]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(_HAN_TEXTS, max_size=5), st.lists(_HAN_TEXTS, max_size=8))
@example(["全球安全倡议", "安全", "全"], ["全球", "球安全倡", "安全倡议", "全倡议", "倡议倡议"])
def test_grams_found_in_joined_texts_are_those_of_each_text(texts: list[str], drawn: list[str]) -> None:
    # Units are Han 2-4-grams of the sources, some in the texts and some not.
    grams = {g for text in drawn for g in source_terms._han_ngrams(text)}
    expected = {g for text in texts for g in grams.intersection(source_terms._ngrams(text))}
    assert source_terms._found_in(grams, texts) == expected


def test_the_plain_pass_finds_rival_renderings() -> None:
    # The comparison above is not an empty one: the plain pass reports the minority renderings (the
    # n-grams of 全球安全倡议 share their segments, so none of them is named).
    segments = [Segment(id=str(i), source=s, target=t) for i, (s, t) in enumerate(_RIVALS + _RIVALS[:1])]
    assert [(seg, message.split(" is ")[0]) for seg, _, _, message in _plain_renderings(segments)] == [
        ("1", "the same source term"), ("2", "芳芳"),
    ]


def _plain_shared_renderings(segments: list[Segment]) -> list[tuple[str, int, int, str]]:
    """TE121 as before: every termbase entry tried against every segment that lacks a term."""
    entries = [e for e in load_termbase(CTX).entries if e.source]
    by_first: dict[str, list[TermEntry]] = {}
    for entry in entries:
        for term in entry.source:
            by_first.setdefault(term[:1], []).append(entry)
    out = []
    for seg in segments:
        source = seg.source or ""
        present = source_terms.SourceTerms._entries_in(source, by_first)
        lacking = [e for e in present if not source_terms._has_form(seg.target, e.preferred)]
        own = {e.preferred.lower() for e in present}
        for other in entries:
            near = [e for e in lacking if source_terms._siblings(e.preferred, other.preferred)]
            if not near or other.preferred.lower() in own or len(other.preferred.split()) < 2:
                continue
            m = source_terms._has_form(seg.target, other.preferred)
            if m and not any(t in source for t in other.source):
                out.append((seg.id, m.start(), m.end(), near[0].preferred))
    return out


# Termbase entries with a sibling concept (Global Security / Development Initiative), and a few others.
_TB_ENTRIES = [e for e in load_termbase(CTX).entries if e.source]
_TB_SIBLINGS = [
    e for e in _TB_ENTRIES
    if any(o is not e and source_terms._siblings(e.preferred, o.preferred) for o in _TB_ENTRIES)
][:14] + _TB_ENTRIES[:3]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_TB_SIBLINGS), min_size=1, max_size=3),
                          st.lists(st.sampled_from(_TB_SIBLINGS), min_size=1, max_size=3)), min_size=1, max_size=5))
def test_shared_renderings_are_found_as_by_a_plain_pass(drawn: list[tuple[list[TermEntry], list[TermEntry]]]) -> None:
    segments = [
        Segment(id=str(i), source="，".join(e.source[0] for e in src), target=". ".join(e.preferred for e in tgt))
        for i, (src, tgt) in enumerate(drawn)
    ]
    found = [
        (f.segment, f.start, f.end, f.suggestions[0])
        for f in source_terms.SourceTerms()._termbase(segments, CTX) if f.code == "TE121"
    ]
    assert found == _plain_shared_renderings(segments)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_TB_SIBLINGS), min_size=1, max_size=3),
                          st.lists(st.sampled_from(_TB_SIBLINGS), max_size=3)), min_size=1, max_size=4),
       st.lists(st.integers(0, 3), max_size=6))
def test_termbase_findings_of_repeated_segments_are_those_of_each_alone(
    drawn: list[tuple[list[TermEntry], list[TermEntry]]], picks: list[int],
) -> None:
    pairs = [("，".join(e.source[0] for e in src), ". ".join(e.preferred for e in tgt) or "Nothing.") for src, tgt in drawn]
    pairs += [pairs[i % len(pairs)] for i in picks]  # the same source and target again, interleaved
    segments = [Segment(id=str(i), source=source, target=target) for i, (source, target) in enumerate(pairs)]
    check = source_terms.SourceTerms()
    expected = [f for seg in segments for f in check._termbase([seg], CTX)]  # no pair seen before
    assert list(check._termbase(segments, CTX)) == expected


# Month names and abbreviations in several cases, digits (ASCII and others), hyphens and ISO parts.
_DATE_PIECES = [
    "September", "Sept.", "sep", "SEP", "May", "March", "mar", "Dec", "dec", "June", "Jul", "July", "Aug.", "4", "9",
    "21st", "31", "2025", "03", "12", "٣", "４", "-", "2025-09-04", "2024-13-01", "of", "the", "on the ", "4th",
    " ", ", ", "\n", "x",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join), min_size=1, max_size=5))
@example(["On Dec 4, 2025.", "On 2025-09-04.", "On 9 Dec.", "He spoke on the 4th."])
def test_date_gates_skip_only_texts_without_a_date(texts: list[str]) -> None:
    doc = _doc(texts)
    check = dates.RelativeDateCheck()
    # Reference: every target through all three date scans (the digit gate and the month and hyphen gates off).
    with mock.patch.multiple(dates, _HAS_DIGIT=re.compile(""), _date_gates=lambda text: (True, True)):
        expected = [dates._dates_in(t) for t in texts], dates.find_anchor(doc), list(check.check_document(doc, CTX))
    gated = [dates._dates_in(t) if dates._HAS_DIGIT.search(t) else [] for t in texts]
    assert (gated, dates.find_anchor(doc), list(check.check_document(doc, CTX))) == expected


def _plain_whole_segments(segments: list[Segment]) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    """TE123/TE124 as before the fast path: every segment keyed, stripped and measured on its own."""
    def key(text: str) -> str:
        return re.sub(r"\s+", " ", text.strip()).lower()

    by_source: dict[str, list[Segment]] = {}
    by_target: dict[str, list[Segment]] = {}
    for seg in segments:
        by_source.setdefault(key(seg.source or ""), []).append(seg)
        by_target.setdefault(key(seg.target), []).append(seg)
    out = []
    for group in by_source.values():
        targets = Counter(seg.target.strip() for seg in group)
        if len(targets) < 2:
            continue
        majority, count = targets.most_common(1)[0]
        for seg in group:
            if seg.target.strip() != majority or count == 1:
                start = len(seg.target) - len(seg.target.lstrip())
                out.append(("TE123", seg.id, start, len(seg.target.rstrip()), (majority,) if count > 1 else ()))
    for group in by_target.values():
        if len({key(seg.source or "") for seg in group}) < 2 or len(group[0].target.split()) < 3:
            continue
        for seg in group:
            out.append(("TE124", seg.id, len(seg.target) - len(seg.target.lstrip()), len(seg.target.rstrip()), ()))
    return out


_WHOLE_PIECES = ["会谈继续", "会谈", "结束", "。", " ", "\u3000"]
_WHOLE_TARGETS = ["The", "the", "talks", "Talks", "continue", "ended", ".", " ", "  ", "\n", "\t", "\u3000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_WHOLE_PIECES), min_size=1, max_size=3).map("".join),
                          st.lists(st.sampled_from(_WHOLE_TARGETS), min_size=1, max_size=8).map("".join)),
                min_size=1, max_size=8),
       st.lists(st.integers(0, 7), max_size=10))
def test_whole_segment_findings_are_those_of_a_plain_pass(pairs: list[tuple[str, str]], picks: list[int]) -> None:
    pairs = pairs + [pairs[i % len(pairs)] for i in picks]  # repeated sources and targets
    segments = [Segment(id=str(i), source=s, target=t) for i, (s, t) in enumerate(pairs) if s.strip() and t.strip()]
    found = [(f.code, f.segment, f.start, f.end, f.suggestions)
             for f in source_terms.SourceTerms()._whole_segments(segments)]
    assert found == _plain_whole_segments(segments)


def _plain_terms_in(text: str, candidates: set[tuple[str, ...]]) -> list[tuple[tuple[str, ...], int, int, int]]:
    """Every run of 2-5 words (whitespace between them, no line break) that is a candidate, by a plain loop."""
    tokens = list(terms.WORD_RE.finditer(text))
    lows = [t.group().lower() for t in tokens]
    sentences = [m.start() for m in terms.SENTENCE_RE.finditer(text)]
    hits = []
    for i in range(len(tokens)):
        for n in range(2, 6):
            if i + n > len(tokens):
                break
            gap = text[tokens[i + n - 2].end() : tokens[i + n - 1].start()]
            if not gap.isspace() or "\n" in gap:
                break
            gram = tuple(lows[i : i + n])
            if gram in candidates:
                start = tokens[i].start()
                hits.append((gram, bisect_right(sentences, start), start, tokens[i + n - 1].end()))
    return hits


_TERM_CANDIDATES = {("global", "security"), ("security", "initiative"), ("global", "security", "initiative"),
                    ("food", "safety"), ("don't", "stop"), ("well-known", "food", "safety")}
_TERM_PIECES = ["Global", "global", "Security", "security", "Initiative", "food", "Safety", "don't", "Don't", "stop",
                "well-known", "-", "'", " ", "  ", "\n", ". ", ",", "2", "é", "_"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TERM_PIECES), max_size=20).map("".join))
@example("The Global Security Initiative. Global  security\ninitiative; well-known food safety 'food safety")
def test_variant_terms_in_a_target_are_those_of_a_plain_loop(text: str) -> None:
    prefixes = {words[:n] for words in _TERM_CANDIDATES for n in range(2, len(words) + 1)}
    found = terms.VariantDiscoveryCheck._terms_in(text, _TERM_CANDIDATES, prefixes)
    assert found == _plain_terms_in(text, _TERM_CANDIDATES)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from([*_TERM_PIECES, "\t", "\x1c", "\r", "'-", "-'", "1", "|", ";", "Well-known"]),
                max_size=20).map("".join))
@example("global  security\tinitiative \x1cfood safety 'food safety -global security food\nsafety")
def test_variant_terms_found_without_placing_them_include_those_placed(text: str) -> None:
    prefixes = {words[:n] for words in _TERM_CANDIDATES for n in range(2, len(words) + 1)}
    placed = terms.VariantDiscoveryCheck._terms_in(text, _TERM_CANDIDATES, prefixes)
    found = terms._terms_of(text, _TERM_CANDIDATES, prefixes)
    assert len(found) == len(set(found)) and {term for term, *_ in placed} <= set(found) <= _TERM_CANDIDATES


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TERM_PIECES), max_size=14).map("".join), min_size=1, max_size=5),
       st.lists(st.integers(0, 4), max_size=8))
@example(["Global Security. global security", "food safety", "é food safety"], [1, 0, 2, 1])
def test_variant_scan_of_distinct_targets_places_terms_like_every_segment(texts: list[str], picks: list[int]) -> None:
    doc = _doc(texts + [texts[i % len(texts)] for i in picks])
    found = terms.VariantDiscoveryCheck._scan(doc, _TERM_CANDIDATES)
    for words in _TERM_CANDIDATES:
        spans, sentences = [], set()
        for index, seg in enumerate(doc.segments):
            for term, sentence, start, end in _plain_terms_in(seg.target, _TERM_CANDIDATES):
                if term == words:
                    spans.append((seg.id, start, end))
                    sentences.add((index, sentence))
        assert [(seg.id, start, end) for seg, start, end in found.spans(words)] == spans
        assert found.sentences(words) == sentences


def _plain_variant_fixes(surfaces: Counter[str], key: Callable[[str], str], *, hyphens: bool) -> dict[str, str]:
    """Spelling variants as before the fast path: every word of the document bucketed by its key."""
    buckets: dict[str, Counter[str]] = {}
    order: dict[str, list[str]] = {}
    for word, count in surfaces.items():
        if len(word) >= 4:
            bucket = buckets.setdefault(key(word), Counter())
            if word.lower() not in bucket:
                order.setdefault(key(word), []).append(word.lower())
            bucket[word.lower()] += count
    chosen = {
        k: spelling._majority(counts, order[k]) for k, counts in buckets.items()
        if len(counts) > 1 and (not hyphens or any("-" in f for f in counts))
    }
    fixes: dict[str, str] = {}
    for word in surfaces:
        choice = chosen.get(key(word)) if len(word) >= 4 else None
        if choice is not None and word.lower() != choice:
            fixes[word] = spelling.match_case(word, choice)
    return fixes


_VARIANT_WORDS = ["ceasefire", "cease-fire", "Cease-Fire", "CEASEFIRE", "ceaseFire", "Elysee", "Elysée", "élysée",
                  "ELYSÉE", "well-known", "wellknown", "Wellknown", "co-op", "coop", "Coop", "ab-c", "abc", "Ab-c",
                  "straße", "STRASSE", "strasse", "naïve", "naive", "Naive", "ﬁne", "fine"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VARIANT_WORDS), max_size=24))
@example(["ceasefire", "cease-fire", "Cease-fire", "Elysee", "Elysée", "Elysée", "abc", "ab-c"])
def test_variant_fixes_are_those_of_every_word_bucketed(written: list[str]) -> None:
    surfaces = Counter(written)
    for key, hyphens in ((spelling._fold, False), (spelling._dehyphen, True)):
        expected = _plain_variant_fixes(surfaces, key, hyphens=hyphens)
        assert spelling.SpellingConsistencyCheck._variant_fixes(surfaces, key, hyphens=hyphens) == expected


_FORM_PIECES = ["Security", "security", "SECURITIES", "Global", "initiative", "Initiatives", "coalition", "of", "the",
                "willing", "ſecurity", "ınitiative", "İnitiative", "\u212aremlin", "kremlin", "Straße", "é", " ", "-",
                "  ", "\n", ".", "x"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_FORM_PIECES), max_size=12).map("".join),
       st.sampled_from(["Global Security Initiative", "coalitions of the willing", "Kremlin", "security", "Straße",
                        "Global Initiative", "the willing", "Élysée"]))
@example("the ſecurity", "security")
@example("\u212aremlin", "Kremlin")
@example("Global İnitiative", "Global Initiative")
def test_a_form_is_found_as_by_its_regex(text: str, form: str) -> None:
    # _has_form first looks for the form's words in the lower-cased text; the plain logic is the regex.
    regex = source_terms._form_regex(form)
    assert regex is not None
    expected = regex.search(text)
    found = source_terms._has_form(text, form)
    assert (found and found.span()) == (expected and expected.span())
