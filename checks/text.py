"""Small English text helpers shared by several checks."""

from __future__ import annotations


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
