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


# Per byte of ASCII text: a letter (lowered), an apostrophe or a hyphen kept, any other a space.
_LETTER_WORD_BYTES = bytes(c | 32 if chr(c).isalpha() else c if chr(c) in "'-" else 32 for c in range(128)) + b" " * 128
_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Apostrophes and hyphens at the start of a run (after a space): no word starts with them.
LEADING_MARKS = re.compile(r" ['-]+")


def lower_letter_words(text: str) -> list[str]:
    """The matches of ``[A-Za-z][A-Za-z'-]*`` in *text* (ASCII words with inner apostrophes and hyphens), lower-cased."""
    if not text.isascii():
        return [word.lower() for word in _LETTER_WORD.findall(text)]
    # A table lookup per byte in C and a split: several times faster than the regex. A run is a
    # match once any leading apostrophes and hyphens are dropped (a match starts at a letter and
    # takes all that follow of letters, apostrophes and hyphens); rare, so tested for first.
    spaced = " " + text.encode("ascii").translate(_LETTER_WORD_BYTES).decode("ascii")
    if " '" not in spaced and " -" not in spaced:
        return spaced.split()
    return LEADING_MARKS.sub(" ", spaced).split()


# For ASCII text as bytes: letters lower-cased, every other byte a space. ``text.encode().translate``
# with it and a split() yield the ASCII-letter runs of the lower-cased text, in C (a tenth of the time
# of str.translate with a dict, half that of a findall).
ASCII_LETTERS_ONLY = bytes(b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 else 32 for b in range(256))


_LAST_WORDS: tuple[str, frozenset[str], list[str]] = ("", frozenset(), [])


def _remember_words(text: str) -> tuple[str, frozenset[str], list[str]]:
    global _LAST_WORDS
    last = _LAST_WORDS
    if last[0] is not text:
        words = lower_words(text)
        last = _LAST_WORDS = (text, frozenset(words), words)
    return last


def lower_word_set(text: str) -> frozenset[str]:
    """The set of ``lower_words(text)``, kept for the last *text*: several checks look up one segment's words."""
    return _remember_words(text)[1]


def lower_word_list(text: str) -> list[str]:
    """``lower_words(text)``, kept with ``lower_word_set`` for the last *text* (the caller must not change it)."""
    return _remember_words(text)[2]


def trie_pattern(words: list[str]) -> str:
    """Regex alternation of *words* factored by shared prefixes, longer words tried first ("" if none).

    The words that can match at one position are prefixes of each other, and greedy optional
    groups try them longest first, as the length-sorted alternation did: same matches, but the
    engine compares one first letter instead of trying every word at each word start.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        parts = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        if not parts:
            return ""
        body = "(?:" + "|".join(parts) + ")" if len(parts) > 1 or "" in node else parts[0]
        return body + "?" if "" in node else body

    return emit(tree)


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
