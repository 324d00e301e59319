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
from typing import Generic, TypeVar

T = TypeVar("T")
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Phrase(Generic[T]):
    words: tuple[str, ...]  # case-folded unless case-sensitive
    seps: tuple[str, ...]  # len(words) + 1: before, between, after
    case_sensitive: bool
    payload: T


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

    def add(self, phrase: str, payload: T, *, case_sensitive: bool = False) -> None:
        """Add *phrase* (at least one word) with the value to report when it matches."""
        words, seps = _split(phrase)
        if not words:
            raise ValueError(f"phrase {phrase!r} has no word")
        keyed = tuple(words) if case_sensitive else tuple(w.casefold() for w in words)
        entry = _Phrase(keyed, tuple(seps), case_sensitive, payload)
        bucket = self._by_first[keyed[0].casefold()]
        bucket.append(entry)
        # Longest phrases first, so "the Kremlin Palace" wins over "Kremlin Palace".
        bucket.sort(key=lambda p: -sum(map(len, p.words)) - sum(map(len, p.seps)))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def finditer(self, text: str) -> Iterator[PhraseMatch[T]]:
        """Non-overlapping matches, scanning left to right."""
        # Most texts contain no phrase's first word: decide that in C before building tokens.
        if self._by_first.keys().isdisjoint(map(str.casefold, WORD_RE.findall(text))):
            return
        tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
        folded = [t[2].casefold() for t in tokens]
        i = 0
        n = len(tokens)
        while i < n:
            found = None
            for phrase in self._by_first.get(folded[i], ()):
                found = self._match(text, tokens, folded, i, phrase)
                if found is not None:
                    break
            if found is None:
                i += 1
                continue
            start, end, last = found
            yield PhraseMatch(start, end, phrase.payload)
            i = last + 1

    @staticmethod
    def _sep_ok(actual: str, wanted: str) -> bool:
        if wanted == actual:
            return True
        # Any run of whitespace stands for any run of whitespace.
        return bool(wanted) and wanted.isspace() and bool(actual) and actual.isspace()

    def _match(
        self, text: str, tokens: list[tuple[int, int, str]], folded: list[str], i: int, phrase: _Phrase[T]
    ) -> tuple[int, int, int] | None:
        words, seps = phrase.words, phrase.seps
        last = i + len(words) - 1
        if last >= len(tokens):
            return None
        for k, word in enumerate(words):
            token = tokens[i + k][2] if phrase.case_sensitive else folded[i + k]
            if token != word:
                return None
            if k and not self._sep_ok(text[tokens[i + k - 1][1] : tokens[i + k][0]], seps[k]):
                return None
        start = tokens[i][0] - len(seps[0])
        end = tokens[last][1] + len(seps[-1])
        if start < 0 or text[start : tokens[i][0]] != seps[0] or text[tokens[last][1] : end] != seps[-1]:
            return None
        before = text[start - 1 : start] if start else ""
        after = text[end : end + 1]
        if not seps[0] and before and (before.isalnum() or before in "-_"):
            return None
        if not seps[-1] and after and (after.isalnum() or after in "-_"):
            return None
        return start, end, last
