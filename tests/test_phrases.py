"""The phrase matcher finds what the equivalent regex finds, only faster."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks import phrases
from checks.packs import phrase_regex
from checks.phrases import PhraseMatcher
from checks.text import lower_word_list, lower_word_set, lower_words

PHRASES = ["willingness alliance", "the Kremlin Palace", "Kremlin Palace", "U.S.", "cease-fire", "Capitol Mountain", "a"]


def _matcher() -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for phrase in PHRASES:
        matcher.add(phrase, phrase)
    return matcher


def test_longest_phrase_wins_and_whitespace_is_flexible() -> None:
    text = "In the Kremlin  Palace and the willingness alliance, a U.S. cease-fire."
    found = [(text[m.start : m.end], m.payload) for m in _matcher().finditer(text)]
    assert found == [
        ("the Kremlin  Palace", "the Kremlin Palace"),
        ("willingness alliance", "willingness alliance"),
        ("a", "a"),
        ("U.S.", "U.S."),
        ("cease-fire", "cease-fire"),
    ]


def test_boundaries_are_respected() -> None:
    assert list(_matcher().finditer("pre-cease-fire and ceasefire and Kremlin Palaces")) == []


TEXT = st.lists(st.sampled_from(["the", "Kremlin", "Palace", "U.S.", "US", "cease", "-", "fire", " ", "  ", ",", "a",
                                 "willingness", "alliance", "Capitol", "Mountain", "x"]), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXT)
@example("Kremlin Palace")  # one phrase of the anchor has all its words here, the other ("the ...") not
def test_same_matches_as_the_regex_alternation(text: str) -> None:
    regex = re.compile("|".join(phrase_regex(p, False) for p in sorted(PHRASES, key=len, reverse=True)))
    expected = [(m.start(), m.end()) for m in regex.finditer(text)]
    assert [(m.start, m.end) for m in _matcher().finditer(text)] == expected


# Case-sensitive phrases beside case-insensitive ones: a try of a phrase is settled on the text's
# folded words before its word spans are worked out, and must find what the regexes find.
SENSITIVE = ["US", "EU Commission", "the EU", "Kremlin Palace"]
INSENSITIVE = ["willingness alliance", "the eu summit", "us forces", "a"]


def _mixed() -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for phrase in SENSITIVE:
        matcher.add(phrase, phrase, case_sensitive=True)
    for phrase in INSENSITIVE:
        matcher.add(phrase, phrase)
    return matcher


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "EU", "eu", "Eu", "US", "us", "Us", "Commission", "commission", "summit",
                                 "Summit", "forces", "Kremlin", "kremlin", "Palace", "willingness", "Alliance", "a",
                                 "A", " ", "  ", "\n", ",", "-", "x", "é", "the EU", "The EU", "the eu ", "EU Commission",
                                 "us forces", "Kremlin Palace", "kremlin palace"]), max_size=24).map("".join))
@example("the EU x")
@example("The EU Commission and US forces")
def test_case_sensitive_phrases_match_as_their_regexes(text: str) -> None:
    phrases = [(p, True) for p in SENSITIVE] + [(p, False) for p in INSENSITIVE]
    regex = re.compile("|".join(phrase_regex(p, cs) for p, cs in sorted(phrases, key=lambda pc: len(pc[0]), reverse=True)))
    expected = [(m.start(), m.end()) for m in regex.finditer(text)]
    assert [(m.start, m.end) for m in _mixed().finditer(text)] == expected


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["the", "US", "a", "x2", "_", "__a", "é", "İ", " ", "  ", "\n", ",", "-", ".", "'",
                                 "Kremlin", "42"]), max_size=16).map("".join))
def test_word_spans_are_those_of_the_word_regex(text: str) -> None:
    # The matcher's word spans and words of ASCII text come from byte tables and splits; the plain
    # logic is the \w+ regex (and lower_word_list is lower_words, kept for the last text).
    matches = list(phrases.WORD_RE.finditer(text))
    folded = lower_word_list(text)
    assert folded == lower_words(text)
    if text.isascii():
        assert phrases._ascii_words(text) == [m.group() for m in matches]
        assert lower_word_set(text) == frozenset(folded) and lower_word_list(text) is folded
    else:
        folded = [m.group().casefold() for m in matches]
    assert phrases._word_spans(text, folded) == ([m.start() for m in matches], [m.end() for m in matches])
