"""Small English text helpers shared by several checks."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Per byte of ASCII text: a word character (of \w) kept, a capital lowered, any other a space.
_WORD_BYTES = bytes(ord(chr(c).lower()) if _WORD.fullmatch(chr(c)) else 32 for c in range(128)) + b" " * 128


def lower_words(text: str) -> list[str]:
    """The words (``\\w+`` runs) of *text*, each lower-cased, in order."""
    if text.isascii():
        # A table lookup per byte in C and a split: several times faster than findall, and the
        # same words (in ASCII, lower-casing keeps word characters as such and in place).
        return text.encode("ascii").translate(_WORD_BYTES).decode("ascii").split()
    return [word.lower() for word in _WORD.findall(text)]


_LAST_WORDS: tuple[str, frozenset[str]] = ("", frozenset())


def lower_word_set(text: str) -> frozenset[str]:
    """The set of ``lower_words(text)``, kept for the last *text*: several checks look up one segment's words."""
    global _LAST_WORDS
    last = _LAST_WORDS
    if last[0] is text:
        return last[1]
    words = frozenset(lower_words(text))
    _LAST_WORDS = (text, words)
    return words


def singular(word: str) -> str:
    """A rough singular of a lower-case English noun ("coalitions" -> "coalition", "parties" -> "party")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def match_case(model: str, word: str) -> str:
    """*word* with a capital first letter when *model* (the text it replaces) starts with one."""
    if model[:1].isupper() and word[:1].islower():
        return word[:1].upper() + word[1:]
    return word
