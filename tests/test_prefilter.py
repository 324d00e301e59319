"""Literal prefilters and grouped pack rules skip only segments the rules cannot match."""

from __future__ import annotations

import re
from itertools import pairwise
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks.context import Context
from checks.model import Segment
from checks.packs import PackGroup, load_pack, shipped_pack_paths
from checks.prefilter import folded_specials, prefilter
from checks.text import trie_pattern

CTX = Context.create()
RULES = [rule for path in shipped_pack_paths() for rule in load_pack(path).rules]
PATTERNS = [pattern for rule in RULES for pattern in rule.patterns]
GATED = [(pattern, gate) for pattern in PATTERNS if (gate := prefilter(pattern)) is not None]
EXAMPLES = sorted({ex.target for rule in RULES for ex in (*rule.meta.examples_fail, *rule.meta.examples_pass)})


def test_a_word_the_regex_spells_out_is_required() -> None:
    gate = prefilter(re.compile(r"\bEagle\s+Strike-(?P<n>\d+[A-Z]?)\b"))
    assert gate is not None
    assert gate.may_match("The Eagle Strike-3 drill", "the eagle strike-3 drill")
    assert not gate.may_match("An eagle flew over the strike", "an eagle flew over the strike")


def test_case_insensitive_parts_are_looked_for_lower_cased() -> None:
    gate = prefilter(re.compile(r"(?i:all\s+rights\s+reserved)|Copyright"))
    assert gate is not None
    assert gate.may_match("ALL RIGHTS RESERVED.", "all rights reserved.")
    assert not gate.may_match("copyright law", "copyright law")  # "Copyright" is case-sensitive


def test_regexes_that_can_match_anything_get_no_prefilter() -> None:
    for source in (r"\w+", r"(?:abc)?x*", r"[a-z]{3}", r"(a)\1|b?"):
        assert prefilter(re.compile(source)) is None, source


def test_optional_and_alternative_parts_are_not_required() -> None:
    gate = prefilter(re.compile(r"(?:Mr|Ms)\.?\s+(?:Li\s+)?Wang"))
    assert gate is not None
    for text in ("Ms Wang", "Mr. Li Wang", "Mr Wang"):
        assert gate.may_match(text, text.lower()), text


def test_a_character_that_folds_specially_is_always_scanned() -> None:
    # re.IGNORECASE matches the long s and the Kelvin sign against "s" and "k"; lower() does not.
    pattern = re.compile(r"steel\s+hedgehogs?", re.IGNORECASE)
    gate = prefilter(pattern)
    assert gate is not None
    for text in ("ſteel hedgehog", "STEEL HEDGEHOG", "steel hedgehog"):
        assert pattern.search(text)
        assert gate.may_match(text, text.lower()), text
    istanbul = prefilter(re.compile(r"\bistanbul\b", re.IGNORECASE))
    assert istanbul is not None and re.search(r"\bistanbul\b", "İstanbul", re.IGNORECASE)
    assert istanbul.may_match("İstanbul", "İstanbul".lower())  # lower() gives "i" + a combining dot


def test_most_shipped_patterns_get_a_prefilter() -> None:
    assert len(GATED) >= 0.9 * len(PATTERNS)


def test_every_shipped_pattern_passes_its_gate_where_it_matches() -> None:
    for text in EXAMPLES:
        for pattern, gate in GATED:
            if pattern.search(text):
                assert gate.may_match(text, text.lower()), (pattern.pattern, text)


_PIECES = sorted({lit for _, gate in GATED for lit, _ in gate.literals})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, " ", ". ", "(", ")", "【", "】", "：", "\n", "A", "7", "-"]),
                max_size=12))
def test_random_texts_never_lose_a_match(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern, gate in GATED:
        if pattern.search(text):
            assert gate.may_match(text, text.lower()), (pattern.pattern, text)


def _one_by_one(text: str) -> list[object]:
    segment = Segment(id="1", target=text)
    return [f for rule in RULES for f in rule.check_segment(segment, CTX)]


CALQUE_TEXTS = [f"Officials said that {wrong} was discussed." for rule in RULES for entry in rule.entries
                for wrong in entry.wrong]


def test_a_group_finds_what_its_rules_find_one_by_one() -> None:
    group = PackGroup(RULES)
    flagged = 0
    for text in [*EXAMPLES, *CALQUE_TEXTS]:
        found = group.check_segment(Segment(id="1", target=text), CTX)
        assert found == _one_by_one(text), text
        flagged += bool(found)
    assert flagged > len(CALQUE_TEXTS)  # the texts do exercise the rules


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\na,.;!?)'", max_size=20))
def test_the_whitespace_gate_hides_no_spacing_problem(text: str) -> None:
    from checks.builtin.whitespace import DOUBLE_SPACE_RE, SPACE_PUNCT_RE, TRAILING_RE, WhitespaceCheck

    found = list(WhitespaceCheck().check_segment(Segment(id="1", target=text), CTX))
    expected = (
        len(DOUBLE_SPACE_RE.findall(text))
        + sum(1 for m in SPACE_PUNCT_RE.finditer(text) if not text[m.end():].startswith("..."))
        + len(TRAILING_RE.findall(text))
    )
    assert len(found) == expected


@settings(max_examples=400, deadline=None)
@example(["İstanbul", " ", "istanbul"])  # İ matches i case-insensitively but lower() makes it i + a dot
@given(st.lists(st.sampled_from(["the", "The", "ſee", "see", "İstanbul", "istanbul", " ", "\n", ".", "theory"]), max_size=8))
def test_the_repeated_word_gate_hides_no_repetition(parts: list[str]) -> None:
    from checks.builtin import whitespace

    text = "".join(parts)
    segment = Segment(id="1", target=text)
    gated = list(whitespace.RepeatedWordCheck().check_segment(segment, CTX))
    with mock.patch.object(whitespace, "_may_repeat", lambda _text: True):  # no gate
        ungated = list(whitespace.RepeatedWordCheck().check_segment(segment, CTX))
    assert gated == ungated
    assert bool(gated) == bool(whitespace.REPEAT_RE.search(text)) or not gated


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=40), st.text(max_size=20)))
def test_lower_words_are_the_findall_words_lower_cased(text: str) -> None:
    # Pack rules, the pack group and the phrase matcher take ASCII words by translate and split.
    from checks.text import lower_word_set, lower_words

    expected = [word.lower() for word in re.findall(r"\w+", text)]
    assert lower_words(text) == expected
    assert lower_word_set(text) == frozenset(expected)


_RUN_PIECES = ["the", "The", "THE", "them", "he", "a", "A", " ", "  ", "\t", "\n", ".", "-", "'", "_", "3", "é", "ſ", "\u212a"]


@settings(max_examples=1000, deadline=None)
@example("the The")
@example("the_the")
@given(st.one_of(
    st.lists(st.sampled_from(_RUN_PIECES), max_size=10).map("".join),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40),
))
def test_repeat_gate_is_two_equal_letter_runs_in_a_row(text: str) -> None:
    # The plain logic: the lower-cased text's letter runs, each against the next (no gate at all where
    # case-insensitive matching folds a character onto an ASCII letter).
    from checks.builtin.whitespace import _LETTER_RUN, _may_repeat

    runs = _LETTER_RUN.findall(text.lower())
    assert _may_repeat(text) == (folded_specials(text) or any(a == b for a, b in pairwise(runs)))


def test_a_long_document_gets_the_same_report_grouped_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.engine as engine
    from checks import build_registry, run
    from checks.model import Document

    texts = [*EXAMPLES, *CALQUE_TEXTS]
    doc = Document(path="long.txt", segments=tuple(Segment(id=str(i), target=t) for i, t in enumerate(texts)))
    assert len(doc.segments) >= engine.GROUP_MIN_SEGMENTS
    registry = build_registry()
    grouped = run(doc, registry, CTX)
    assert any(hasattr(c, "members") for c in engine.plan(doc, registry, CTX).seg_checks)
    monkeypatch.setattr(engine, "GROUP_MIN_SEGMENTS", 10**9)
    assert not any(hasattr(c, "members") for c in engine.plan(doc, registry, CTX).seg_checks)
    assert run(doc, registry, CTX) == grouped
    assert len(grouped) > len(CALQUE_TEXTS)


def _swapped_names(count: int) -> list[str]:
    from checks import gazetteer
    from checks.builtin.names import _PAIR_WORD, _reversed_index

    index, _ = _reversed_index(gazetteer.load(CTX))
    names = []
    for entry in index.values():
        parts = entry.english.split()
        # Names the check can see: two capitalised words ("JD Vance" is not one).
        if len(parts) == 2 and all(_PAIR_WORD.fullmatch(p) for p in parts) and f"{parts[1]} {parts[0]}" not in names:
            names.append(f"{parts[1]} {parts[0]}")
    return names[:count]


_SWAPPED = _swapped_names(6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_SWAPPED, *(n.split()[0] for n in _SWAPPED), *(n.upper() for n in _SWAPPED),
                                 "Émile", "Zoë", "The", " ", "  ", ", ", "-", "'", "said", "\n"]), max_size=10))
def test_the_reversed_name_gate_hides_no_swapped_name(parts: list[str]) -> None:
    from checks import gazetteer
    from checks.builtin.names import _PAIR, ReversedNameCheck, _reversed_index

    index, _ = _reversed_index(gazetteer.load(CTX))
    text = "".join(parts)
    found = [(f.start, f.end) for f in ReversedNameCheck().check_segment(Segment(id="1", target=text), CTX)]
    # Every pair the check's regex finds whose folded form is a known swapped name, gate or no gate.
    expected = [(m.start(1), m.end(2)) for m in _PAIR.finditer(text)
                if gazetteer.fold(text[m.start(1):m.end(2)]) in index]
    assert found == expected


def test_swapped_names_are_found_behind_the_gate() -> None:
    from checks.builtin.names import ReversedNameCheck

    assert len(_SWAPPED) == 6
    for name in _SWAPPED:
        text = f"On Monday {name} said the talks would go on."
        assert [f.text for f in ReversedNameCheck().check_segment(Segment(id="1", target=text), CTX)] == [name]


_GROUP = PackGroup(RULES)
_GROUP._WORDS_LIMIT = 60  # its caches of words are cleared again and again below
_LITERALS = sorted({*_GROUP._by_low, *_GROUP._by_exact})


def _fired_plainly(group: PackGroup, text: str) -> set[int]:
    """The members a group calls on *text*, by testing each literal and phrase on its own."""
    lowered = text.lower()
    fire = set(group._always)
    if folded_specials(text):
        fire |= group._gated
    else:
        fire.update(i for literal, named in group._by_low.items() if literal in lowered for i in named)
        fire.update(i for literal, named in group._by_exact.items() if literal in text for i in named)
    words = {word.lower() for word in re.findall(r"\w+", text)}
    fire.update(i for named in group._by_word.values() for i, tokens in named if tokens <= words)
    return fire


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(_LITERALS).flatmap(lambda lit: st.sampled_from(
        [lit, lit.upper(), lit.lower(), lit.capitalize(), lit[:3], lit[1:], lit[1:-1]])),
    st.sampled_from([" ", "  ", "x", "s", "_", "7", "-", "(", ")", ".", "\n", "é", "】", "（", "İ", "ſ", "Σ"]),
), max_size=14))
@example(["source"])
@example(["Source", "x"])
@example(["xby", " ", "By"])
def test_a_group_calls_the_rules_a_plain_literal_test_names(parts: list[str]) -> None:
    # Literals glued to other characters or split across words, in any case: the word-keyed
    # test of ASCII segments must name exactly the members that testing each literal names.
    text = "".join(parts)
    assert _GROUP._fired(text) == _fired_plainly(_GROUP, text), text


_PHRASES = sorted({tuple(sorted(tokens)) for named in _GROUP._by_word.values() for _, tokens in named})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    # The words of a phrase (one may be left out, in any case), and other phrases' words.
    st.sampled_from(_PHRASES).flatmap(lambda words: st.permutations(words)).flatmap(
        lambda words: st.sampled_from([" ".join(words), " ".join(words[1:]), "-".join(words).upper()])),
    st.sampled_from(_PHRASES).map(lambda words: words[-1]),
    st.sampled_from([" ", "-", "x", "."]),
), max_size=8))
@example(["in", " ", "hague"])
def test_a_group_calls_the_phrase_rules_whose_words_a_segment_has(parts: list[str]) -> None:
    # Phrases are filed under one of their words (the likely rarest): a segment with all the words
    # of a phrase calls its rule, whichever word it was filed under.
    text = "".join(parts)
    assert len(_PHRASES) > 100
    assert _GROUP._fired(text) == _fired_plainly(_GROUP, text), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abc.-", min_size=1, max_size=4), min_size=1, max_size=8, unique=True),
       st.text(alphabet="abcd.-", max_size=12))
def test_a_trie_alternation_finds_what_the_longest_first_alternation_finds(words: list[str], text: str) -> None:
    # trie_pattern (the group's test of whether a word holds a key, zhnum's word lists) must match
    # where and what the plain alternation of the words, longest first, matches.
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(trie_pattern(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert (trie.search(text) is None) == (not any(w in text for w in words))


def test_a_trie_of_no_words_is_empty() -> None:
    assert trie_pattern([]) == ""


_CORED = [(rule, pattern, core) for rule in RULES if rule.cores
          for pattern, core in zip(rule.patterns, rule.cores, strict=True) if core is not None]
_CORED_PIECES = sorted({
    piece for rule, _, _ in _CORED for ex in (*rule.meta.examples_fail, *rule.meta.examples_pass)
    for piece in re.split(r"(?<=[.!?。])\s+", ex.target)
} | {word for rule, _, _ in _CORED for word in rule.requires[0] or ()} | {
    # A phrase for each keyword alternative of the shipped cores (the examples miss some).
    "QR code below", "Scan the QR code above to follow", "Follow us on WeChat", "Please subscribe to us",
    "Give us a like", "Give this post a thumbs-up", "Click the blue words", "Tap “Read the original”",
    "via the buttons below", "follow our official account", "Unauthorized reproduction", "Reprinting is prohibited",
    "not be reposted without", "please indicate the source", "For reprints, please contact", "contact us to delete",
    "This article is reprinted from", "this piece is from the WeChat", "does not represent the position of this site",
    "reflects the personal views of the author", "does not constitute investment advice", "infringement, please contact",
})


def test_shipped_cores_are_spelled_out_in_their_patterns() -> None:
    # A core is the keyword alternation its pattern needs in each branch, copied: it must not drift.
    assert {rule.meta.code for rule, _, _ in _CORED} >= {"BP507", "BP512", "BP514"}
    for _, pattern, core in _CORED:
        assert pattern.pattern.count(core.pattern) == 2 and core.flags == pattern.flags


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_CORED_PIECES), st.sampled_from([" ", ". ", "\n", "Xinhua: ", "“", "”", "ſ"])),
                max_size=8).map("".join))
def test_a_pattern_with_a_core_matches_only_where_its_core_does(text: str) -> None:
    # PackRule skips a pattern where its core finds nothing: the pattern must find nothing there either.
    for _, pattern, core in _CORED:
        if pattern.search(text) is not None:
            assert core.search(text) is not None, (pattern.pattern[:40], text)
