"""Code checks that need real logic, one module per family, registered explicitly here."""

from __future__ import annotations

from checks.registry import Check


def builtin_checks() -> list[Check]:
    """Fresh instances of every built-in check, in a fixed order."""
    # Imported here so that importing checks.builtin stays cheap.
    from checks.builtin import (
        dates,
        names,
        parity,
        punctuation,
        source_names,
        source_numbers,
        source_terms,
        source_text,
        spelling,
        terms,
        whitespace,
    )

    checks: list[Check] = []
    for module in (punctuation, whitespace, terms, names, dates, spelling, source_numbers, source_text, source_names,
                   source_terms, parity):
        checks.extend(module.checks())
    return checks
