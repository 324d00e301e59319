"""Fast matching of many literal phrases at once, by word lookup instead of one huge regex.

A regex alternation of hundreds of phrases is tried at every position of the text; for a termbase
that costs milliseconds per segment. Here the text is split into words once and each word is looked
up in a dict of phrase first words, so the cost grows with the text, not with the number of phrases.
Semantics match ``checks.packs.phrase_regex``: whitespace between words is flexible, other separators
(hyphens, dots, apostrophes) must be as written, and a match may not touch a letter, digit or hyphen.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Generic, TypeVar

from checks.text import lower_word_list, lower_word_set

T = TypeVar("T")
WORD_RE = re.compile(r"\w+")
# Per byte of ASCII text: a word character (of \w) kept, any other a space; and the reverse (any word
# character a space, any other an "x"): the words and the gaps between them, each in one split in C.
_WORD_KEPT = bytes(c if c < 128 and WORD_RE.fullmatch(chr(c)) else 32 for c in range(256))
_GAPS_KEPT = bytes(32 if c < 128 and WORD_RE.fullmatch(chr(c)) else 120 for c in range(256))
# Words too common to tell whether a phrase may occur: never chosen as a phrase's anchor if it has another.
_COMMON = frozenset({"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "de", "la", "s"})


@dataclass(frozen=True, slots=True)
class _Phrase(Generic[T]):
    words: tuple[str, ...]  # case-folded unless case-sensitive
    seps: tuple[str, ...]  # len(words) + 1: before, between, after
    case_sensitive: bool
    payload: T
    anchor: str  # a text without this word of the phrase cannot contain the phrase
    folded: tuple[str, ...]  # the words case-folded: a match's words are these once case-folded too


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """One occurrence of a phrase: code-point span in the text and the phrase's payload."""

    start: int
    end: int
    payload: T


def _split(phrase: str) -> tuple[list[str], list[str]]:
    parts = re.split(r"(\w+)", phrase.strip())
    return parts[1::2], parts[0::2]


class PhraseMatcher(Generic[T]):
    """Finds every phrase of a fixed set in a text, longest match first at each position."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[_Phrase[T]]] = defaultdict(list)
        self._anchors: set[str] = set()  # case-folded, of the case-insensitive phrases
        self._exact_anchors: set[str] = set()  # as written, of the case-sensitive phrases
        # Anchor -> the case-folded word sets of its phrases: a text has every word of a phrase it matches.
        self._needs: dict[str, list[frozenset[str]]] = {}

    def add(self, phrase: str, payload: T, *, case_sensitive: bool = False) -> None:
        """Add *phrase* (at least one word) with the value to report when it matches."""
        words, seps = _split(phrase)
        if not words:
            raise ValueError(f"phrase {phrase!r} has no word")
        keyed = tuple(words) if case_sensitive else tuple(w.casefold() for w in words)
        # The longest uncommon word is likely the rarest: "UK" for "the UK".
        anchor = max(keyed, key=lambda w: (w.casefold() not in _COMMON, len(w)))
        entry = _Phrase(keyed, tuple(seps), case_sensitive, payload, anchor, tuple(w.casefold() for w in words))
        (self._exact_anchors if case_sensitive else self._anchors).add(anchor)
        self._needs.setdefault(anchor, []).append(frozenset(entry.folded))
        bucket = self._by_first[keyed[0].casefold()]
        bucket.append(entry)
        # Longest phrases first, so "the Kremlin Palace" wins over "Kremlin Palace".
        bucket.sort(key=lambda p: -sum(map(len, p.words)) - sum(map(len, p.seps)))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def finditer(self, text: str) -> Iterator[PhraseMatch[T]]:
        """Non-overlapping matches, scanning left to right."""
        # A phrase needs every one of its words, so one rare-looking word of each decides, in C,
        # whether to look further: first words such as "the" are in almost every text.
        if text.isascii():
            # ASCII words fold by lower(): the set of lower-cased words, which other checks of the
            # segment look up too (checks.text keeps the last), answers before the words are listed.
            present = self._anchors.intersection(lower_word_set(text))
            if self._exact_anchors:
                present.update(self._exact_anchors.intersection(_ascii_words(text)))
            if not present:
                return
            have = lower_word_set(text)
            folded = lower_word_list(text)
        else:
            words = WORD_RE.findall(text)
            folded = [w.casefold() for w in words]
            present = self._anchors.intersection(folded)
            if self._exact_anchors:
                present.update(self._exact_anchors.intersection(words))
            if not present:
                return
            have = frozenset(folded)
        # Of those anchors, the ones with a phrase whose words the text all has (a few texts in ten
        # have an anchor, far fewer all the words of one of its phrases): the others' phrases
        # cannot match, and most texts need no walk over their words.
        needs, has_all = self._needs, have.issuperset
        present = {anchor for anchor in present if any(map(has_all, needs[anchor]))}
        if not present:
            return
        by_first = self._by_first
        spans: tuple[list[int], list[int]] | None = None  # where each word starts and ends
        resume = 0
        for i, word in enumerate(folded):
            if i < resume or word not in by_first:
                continue
            found = None
            for phrase in by_first[word]:
                if phrase.anchor not in present:
                    continue
                # The folded words first (a match's words, folded, are the phrase's folded words):
                # most tries fail here, and the text's word spans are then never needed.
                if tuple(folded[i : i + len(phrase.folded)]) != phrase.folded:
                    continue
                if spans is None:
                    spans = _word_spans(text, folded)
                found = self._match(text, spans, folded, i, phrase)
                if found is not None:
                    break
            if found is None:
                continue
            start, end, last = found
            yield PhraseMatch(start, end, phrase.payload)
            resume = last + 1

    @staticmethod
    def _sep_ok(actual: str, wanted: str) -> bool:
        if wanted == actual:
            return True
        # Any run of whitespace stands for any run of whitespace.
        return bool(wanted) and wanted.isspace() and bool(actual) and actual.isspace()

    def _match(
        self, text: str, spans: tuple[list[int], list[int]], folded: list[str], i: int, phrase: _Phrase[T]
    ) -> tuple[int, int, int] | None:
        words, seps = phrase.words, phrase.seps
        starts, ends = spans
        last = i + len(words) - 1
        if last >= len(starts):
            return None
        for k, word in enumerate(words):
            token = text[starts[i + k] : ends[i + k]] if phrase.case_sensitive else folded[i + k]
            if token != word:
                return None
            if k and not self._sep_ok(text[ends[i + k - 1] : starts[i + k]], seps[k]):
                return None
        first = starts[i]
        after_last = ends[last]
        start = first - len(seps[0])
        end = after_last + len(seps[-1])
        if start < 0 or text[start:first] != seps[0] or text[after_last:end] != seps[-1]:
            return None
        before = text[start - 1 : start] if start else ""
        after = text[end : end + 1]
        if not seps[0] and before and (before.isalnum() or before in "-_"):
            return None
        if not seps[-1] and after and (after.isalnum() or after in "-_"):
            return None
        return start, end, last


def _ascii_words(text: str) -> list[str]:
    """``WORD_RE.findall(text)`` for ASCII *text*, by a byte table and a split (a regex scan costs more)."""
    return text.encode("ascii").translate(_WORD_KEPT).decode("ascii").split()


def _word_spans(text: str, folded: list[str]) -> tuple[list[int], list[int]]:
    """Where each ``WORD_RE`` match of *text* starts and ends; *folded* holds the matches, case-folded.

    For ASCII text, lower() keeps lengths, so the words' lengths are those of *folded*; the gaps
    between them (never empty) come from one split, and the positions are the running sums of gap
    and word lengths (in C). A finditer made a match object per word, several times slower.
    """
    if not text.isascii() or not folded:
        found = list(WORD_RE.finditer(text))
        return [m.start() for m in found], [m.end() for m in found]
    data = text.encode("ascii")
    gaps = data.translate(_GAPS_KEPT).split()  # the non-empty gaps: before the first word only if it has one
    if _GAPS_KEPT[data[0]] != 32:  # the text opens with a gap
        lead, gaps = len(gaps[0]), gaps[1:]
    else:
        lead = 0
    lengths = chain.from_iterable(zip(map(len, gaps[: len(folded) - 1]), map(len, folded[1:]), strict=True))
    bounds = list(accumulate(chain((lead, len(folded[0])), lengths)))
    return bounds[0::2], bounds[1::2]
