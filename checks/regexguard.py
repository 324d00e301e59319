"""Bounded regular expressions for user rule packs: nested quantifiers refused, matching under a time budget."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checks.errors import InputError

# The stdlib re cannot be interrupted, so user-pack patterns are compiled with the `regex`
# module, whose matching methods take a timeout. Shipped packs are reviewed and tested and
# keep the stdlib engine.
TIMEOUT_ENV = "LINTRA_REGEX_TIMEOUT"
DEFAULT_TIMEOUT = 1.0  # seconds per pattern and segment


def timeout() -> float:
    """Seconds a user-pack pattern may spend on one segment (LINTRA_REGEX_TIMEOUT, default 1)."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, "") or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def nested_quantifier(source: str, flags: int = 0) -> bool:
    """Whether *source* repeats a group made only of repeated or optional parts: ``(a+)+``, ``(\\w+\\s?)*``.

    Such a group can split a run of text between its parts in exponentially many ways, and a
    match that finally fails tries them all (catastrophic backtracking). This is a static check
    of the classic shape only; the time budget catches the rest, such as ``(a|aa)+``.
    """
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # private modules of the stdlib: without them only the time budget applies
        return False
    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT)

    def parts(pattern: Any) -> list[tuple[Any, Any]]:
        # The content of a group seen through plain (capturing or non-capturing) groups.
        out: list[tuple[Any, Any]] = []
        for op, av in pattern:
            if op == sre.SUBPATTERN:
                out.extend(parts(av[-1]))
            else:
                out.append((op, av))
        return out

    def children(op: Any, av: Any) -> list[Any]:
        if op in repeats:
            return [av[2]]
        if op == sre.SUBPATTERN:
            return [av[-1]]
        if op == sre.BRANCH:
            return list(av[1])
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            return [av[1]]
        return []

    def risky(pattern: Any) -> bool:
        for op, av in pattern:
            if op in repeats and av[1] == sre.MAXREPEAT:
                inside = parts(av[2])
                if inside and all(o in repeats for o, _ in inside) and any(a[1] == sre.MAXREPEAT for _, a in inside):
                    return True
            if any(risky(child) for child in children(op, av)):
                return True
        return False

    try:
        return risky(sre_parse.parse(source, flags))
    except (re.error, RecursionError):
        return False


class TimedPattern:
    """A compiled pattern with the ``re.Pattern`` methods rule packs use, each call under a time budget."""

    def __init__(self, pattern: re.Pattern[str], path: Path, line: int | None) -> None:
        import regex

        flags = 0
        for ours, theirs in ((re.IGNORECASE, regex.IGNORECASE), (re.MULTILINE, regex.MULTILINE), (re.DOTALL, regex.DOTALL)):
            if pattern.flags & ours:
                flags |= theirs
        try:
            self._compiled = regex.compile(pattern.pattern, flags)
        except regex.error as exc:  # re accepted it; `regex` is stricter on a few constructs
            raise InputError(path, f"bad regex {pattern.pattern!r}: {exc}", line) from None
        self.pattern = pattern.pattern
        self.flags = pattern.flags
        self.groupindex = dict(self._compiled.groupindex)
        self._path = path
        self._line = line

    def _too_slow(self, text: str, limit: float) -> InputError:
        preview = text[:40] + ("…" if len(text) > 40 else "")
        return InputError(
            self._path,
            f"pattern {self.pattern!r} took over {limit:g} s on the text {preview!r} (catastrophic backtracking); "
            f"rewrite it, or raise {TIMEOUT_ENV}",
            self._line,
        )

    def finditer(self, text: str) -> Iterator[Any]:
        """All matches in *text*; InputError if matching takes longer than the budget."""
        limit = timeout()
        try:
            # Materialised inside the try: the timeout fires while iterating.
            matches = list(self._compiled.finditer(text, timeout=limit))
        except TimeoutError:
            raise self._too_slow(text, limit) from None
        return iter(matches)

    def search(self, text: str) -> Any:
        """The first match in *text*, or None; InputError if matching takes longer than the budget."""
        limit = timeout()
        try:
            return self._compiled.search(text, timeout=limit)
        except TimeoutError:
            raise self._too_slow(text, limit) from None

    def sub(self, replacement: str, text: str) -> str:
        """``re.sub`` under the budget (used to validate replacement templates)."""
        limit = timeout()
        try:
            return str(self._compiled.sub(replacement, text, timeout=limit))
        except TimeoutError:
            raise self._too_slow(text, limit) from None


def guard(pattern: re.Pattern[str], path: Path, line: int | None) -> TimedPattern:
    """*pattern* from a user pack: refused at load time if it nests quantifiers, else timed."""
    if nested_quantifier(pattern.pattern, pattern.flags):
        raise InputError(
            path,
            f"pattern {pattern.pattern!r} repeats a group made only of repeated parts (like (a+)+): it can take "
            "exponential time on text that almost matches; make the parts exclusive",
            line,
        )
    return TimedPattern(pattern, path, line)
