"""MQM error categories that Lintra rules may use, and the automatic MQM-style score."""

from __future__ import annotations

from collections.abc import Iterable

from checks.model import Finding, Severity

# Paths follow the MQM Core typology (themqm.org) with the names used in the WMT MQM
# annotations, so that findings can be compared with human annotations directly.
CATEGORIES: frozenset[str] = frozenset(
    {
        "Terminology/Inconsistent use of terminology",
        "Terminology/Wrong term",
        "Accuracy/Mistranslation",
        "Accuracy/Omission",
        "Accuracy/Addition",
        "Accuracy/Untranslated text",
        "Accuracy/Source language fragment",
        "Accuracy/Number",
        "Fluency/Punctuation",
        "Fluency/Spelling",
        "Fluency/Grammar",
        "Fluency/Inconsistency",
        "Fluency/Character encoding",
        "Style/Unnatural or awkward",
        "Style/Unidiomatic",
        "Locale convention/Name format",
        "Locale convention/Date format",
        "Locale convention/Number format",
        "Design and markup/Whitespace",
        "Design and markup/Markup",
        "Design and markup/Extraneous content",
    }
)

# Penalty weights per severity, as in the MQM scoring model (minor 1, major 5, critical 25;
# neutral 0). The score is labelled "automatic" everywhere: findings are issues, not errors.
WEIGHTS: dict[Severity, int] = {
    Severity.NEUTRAL: 0,
    Severity.MINOR: 1,
    Severity.MAJOR: 5,
    Severity.CRITICAL: 25,
}


def validate_category(category: str) -> str:
    """Return *category* if it is known, else raise ValueError naming the valid ones."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown MQM category {category!r}; known: {', '.join(sorted(CATEGORIES))}")
    return category


def penalty_per_1000_words(findings: Iterable[Finding], words: int) -> float:
    """Automatic MQM-style penalty points per 1,000 words of target text."""
    points = sum(WEIGHTS[f.severity] for f in findings)
    return 1000.0 * points / max(words, 1)
