"""Small English text helpers shared by several checks."""

from __future__ import annotations


def singular(word: str) -> str:
    """A rough singular of a lower-case English noun ("coalitions" -> "coalition", "parties" -> "party")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
