"""Document checks that read each distinct target once agree with a plain pass over every segment."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks.builtin import names, punctuation, source_terms, spelling, terms
from checks.model import Document, Segment
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
    assert list(words.surfaces.items()) == list(plain.items())  # counts and first-seen order (ties)
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


def test_entity_gate_finds_every_form_as_a_whole_word() -> None:
    groups, matcher, gate = CTX.resources.get("entity-forms", spelling._load_groups)
    forms = [form for group in groups for form in group.forms]
    forms += ["The " + form[4:] for form in forms if form.startswith("the ")]
    for form in forms:
        text = f"Before {form}, after."
        assert list(matcher.finditer(text)), form
        assert gate.search(text), form
    # A form glued to a word character is no whole word: the gate may rule such a text out.
    assert not gate.search("Kyiv2 and UKraine")


# names.scan: the capitalized words of a document, sentence-initial or not, and its lower-case words.
_OLD_CAP_WORD = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿĀ-ſ]*[a-zà-öø-ÿĀ-ſ](?![\w-])")


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
    assert data.lower == lower


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


# SourceTerms: the first pass keeps only the phrases that can have a rival rendering.
_OLD_NAME_PHRASE = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:(?: [A-Z]|-[A-Za-z])[a-z]+){0,2}(?![\w-])")
_PHRASE_PIECES = [
    "security", "Security", "safety", "SAFETY", "securities", "safeties", "initiative", "Initiatives", "proposal",
    "advocacies", "talks", "union", "the", "The", "of", "a", "food", "Global", "Fang Fang", "Fangfang", "Yong-gang",
    "Kim Jong-un", "x", "-", "'", " ", "  ", ", ", ". ", "\n", "2", "é", "_", "—", "(", "\u212a", "İ",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_PIECES), max_size=18).map("".join))
@example("The Global Security, Initiative of food safety and Fang Fang-Security 2safety")
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


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*_PHRASE_PIECES, "Ab", "Cd", "-Ab", "_Ab", "2Ab"]), max_size=16).map("".join))
@example("2Fang Fang -Yong-gang _Cai Qi é Kim Jong-un")
def test_name_phrase_regex_with_the_capital_first_matches_as_before(text: str) -> None:
    new = source_terms._NAME_PHRASE
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in _OLD_NAME_PHRASE.finditer(text)]
