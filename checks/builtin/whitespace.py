"""Whitespace and repetition: doubled spaces, space before punctuation, trailing space, "the the"."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator

from checks.context import Context
from checks.model import Finding, Segment, Severity
from checks.prefilter import folded_specials
from checks.registry import Check, Example, RuleMeta
from checks.text import lower_word_list

DOUBLE_SPACE = RuleMeta(
    code="WS401", rule="whitespace.double-space", title="Doubled space",
    category="Design and markup/Whitespace", severity=Severity.MINOR,
    description="Two or more spaces between words (Xbench's 'Double Blank').",
    examples_fail=(Example("The talks  ended."),),
    examples_pass=(Example("The talks ended.\n    Indented code keeps its spaces."),),
)
SPACE_BEFORE_PUNCT = RuleMeta(
    code="WS402", rule="whitespace.space-before-punctuation", title="Space before punctuation",
    category="Fluency/Punctuation", severity=Severity.MINOR,
    description="English puts no space before , . ; : ! ? (a habit carried over from some MT output).",
    examples_fail=(Example("The talks ended , and the leaders left ."),),
    examples_pass=(Example("The talks ended, and the leaders left. It cost .5 billion... or so ?!"),),
)
TRAILING_SPACE = RuleMeta(
    code="WS403", rule="whitespace.trailing", title="Trailing whitespace",
    category="Design and markup/Whitespace", severity=Severity.NEUTRAL,
    description="Spaces or tabs at the end of a line.",
    examples_fail=(Example("The talks ended. "),),
    examples_pass=(Example("The talks ended."),),
)
REPEATED_WORD = RuleMeta(
    code="FL411", rule="whitespace.repeated-word", title="Repeated word",
    category="Fluency/Grammar", severity=Severity.MAJOR,
    description="The same word twice in a row ('the the'); legitimate doubles such as 'had had' are allowed.",
    examples_fail=(Example("He said that the the plan failed."),),
    examples_pass=(Example("He had had enough. She said that that was fine. Bora Bora is far."),),
)

# Doubles that are grammatical or idiomatic in English.
ALLOWED_DOUBLES = frozenset(
    {"had", "that", "is", "bye", "so", "no", "very", "ha", "yes", "now", "well", "knock", "tut", "pooh", "chop",
     "bora", "walla", "tsk", "go", "hush", "ho", "hip", "boo", "la", "cha", "din", "rah", "wah", "yada", "blah",
     "never", "more", "far", "ylang", "round", "again", "over", "on", "out", "through", "and", "really", "too"}
)
DOUBLE_SPACE_RE = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
SPACE_PUNCT_RE = re.compile(r"(?<=[A-Za-z\)\]\"'])[ \t]+(?=[,.;:!?](?:\s|$)(?<!\.\.))")
TRAILING_RE = re.compile(r"[ \t]+$", re.MULTILINE)
_SPACE_PUNCT_PAIRS = tuple(" " + p for p in ",.;:!?")
_LETTER_RUN = re.compile(r"[a-z]+")
REPEAT_RE = re.compile(r"\b([A-Za-z]+)(\s+)(\1)\b", re.IGNORECASE)


class WhitespaceCheck:
    """Spacing problems with a safe fix each."""

    rules = (DOUBLE_SPACE, SPACE_BEFORE_PUNCT, TRAILING_SPACE)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield doubled spaces, spaces before punctuation and trailing spaces."""
        text = segment.target
        # Most segments are clean: a few substring tests rule out all three scans (each regex
        # needs a tab or the very pairs tested here to match).
        if "\t" not in text and "  " not in text and not text.endswith(" ") and " \n" not in text and not any(
            map(text.__contains__, _SPACE_PUNCT_PAIRS)
        ):
            return
        for m in DOUBLE_SPACE_RE.finditer(text):
            yield DOUBLE_SPACE.finding(segment, m.start(), m.end(), "Doubled space", (" ",), safe=True)
        for m in SPACE_PUNCT_RE.finditer(text):
            after = text[m.end() : m.end() + 3]
            if after.startswith("..."):
                continue
            yield SPACE_BEFORE_PUNCT.finding(
                segment, m.start(), m.end(), f"Space before '{after[:1]}'", ("",), safe=True
            )
        for m in TRAILING_RE.finditer(text):
            yield TRAILING_SPACE.finding(segment, m.start(), m.end(), "Trailing whitespace", ("",), safe=True)


def _may_repeat(text: str) -> bool:
    """False only when ``REPEAT_RE`` cannot match in *text*: no two equal words in a row.

    Testing that is cheaper than the back-reference scan. (Characters that case-insensitive
    matching folds onto ASCII letters, such as the long s, are not letters of [a-z] after lower():
    no gate then.)
    """
    if text.isascii():  # then no such characters, and lower() only changes A-Z
        # A match's two runs are whole \w runs (a word boundary, or the whitespace between them,
        # on each side) and equal once lower-cased: two equal neighbours among the segment's
        # lower-cased words, which checks.text keeps for the segment's other checks.
        words = lower_word_list(text)
        return any(map(operator.eq, words, words[1:]))
    if folded_specials(text):
        return True
    runs = _LETTER_RUN.findall(text.lower())
    # Each run against the next, compared in C: a generator over pairs took longer than the scan.
    return any(map(operator.eq, runs, runs[1:]))


class RepeatedWordCheck:
    """The same word twice in a row."""

    rules = (REPEATED_WORD,)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield 'the the' style repetitions; the fix deletes the second word."""
        text = segment.target
        if not _may_repeat(text):
            return
        for m in REPEAT_RE.finditer(text):
            first, second = m.group(1), m.group(3)
            if first.lower() in ALLOWED_DOUBLES or "\n" in m.group(2):
                continue
            # "Sirhan Sirhan", "Duran Duran": capitalised doubles mid-sentence are names.
            if first[:1].isupper() and second[:1].isupper() and m.start() > 0 and text[m.start() - 2 : m.start()] != ". ":
                continue
            yield REPEATED_WORD.finding(
                segment, m.start(1), m.end(3), f"Repeated word '{second}'", (first,), safe=True
            )


def checks() -> list[Check]:
    """The checks of this family."""
    return [WhitespaceCheck(), RepeatedWordCheck()]
