"""Rule metadata, the two check interfaces and the explicit (non-singleton) registry."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from checks.model import Document, Finding, Segment, Severity
from checks.mqm import validate_category

if TYPE_CHECKING:
    from checks.context import Context

CODE_RE = re.compile(r"^[A-Z]{2}[0-9]{3}$")


@dataclass(frozen=True, slots=True)
class Example:
    """A rule example: the texts of one document (target paragraphs, optional source)."""

    target: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Static description of one finding code: what it means and how bad it is by default."""

    code: str
    rule: str
    title: str
    category: str
    severity: Severity
    description: str = ""
    examples_fail: tuple[Example, ...] = ()
    examples_pass: tuple[Example, ...] = ()
    enabled: bool = True
    origin: str = "builtin"
    needs_source: bool = False

    def __post_init__(self) -> None:
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be two capitals and three digits")
        validate_category(self.category)

    def finding(
        self,
        segment: Segment,
        start: int,
        end: int,
        message: str,
        suggestions: Iterable[str] = (),
        *,
        safe: bool = False,
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule on ``segment.target[start:end]``."""
        if not 0 <= start <= end <= len(segment.target):
            raise ValueError(f"{self.code}: span {start}:{end} outside segment {segment.id}")
        # Positional: the fields in Finding's order (a keyword call costs more, for thousands of findings).
        return Finding(
            self.code, self.rule, self.category, self.severity if severity is None else severity, segment.id,
            start, end, segment.target[start:end], message, tuple(suggestions), safe,
        )


@runtime_checkable
class SegmentCheck(Protocol):
    """A check that looks at one segment at a time; must keep no per-run state."""

    rules: tuple[RuleMeta, ...]

    def check_segment(self, segment: Segment, ctx: Context) -> Iterable[Finding]:
        """Yield the findings of *segment*."""
        ...


@runtime_checkable
class DocumentCheck(Protocol):
    """A check that needs the whole document (consistency, dates, names)."""

    rules: tuple[RuleMeta, ...]

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """Yield the findings of *doc*."""
        ...


@runtime_checkable
class Prepared(Protocol):
    """A check that can load its resources ahead of its first segment (optional)."""

    def prepare(self, ctx: Context) -> None:
        """Load now what the check would otherwise load on first use (indexes, derived tables)."""
        ...


Check = SegmentCheck | DocumentCheck


@dataclass
class Registry:
    """The checks of one run. Build one per configuration; tests build their own."""

    checks: list[Check] = field(default_factory=list)
    _rules: dict[str, RuleMeta] = field(default_factory=dict)

    def add(self, check: Check) -> None:
        """Register *check*; its codes must not clash with registered ones."""
        if not isinstance(check, SegmentCheck | DocumentCheck):
            raise TypeError(f"{check!r} implements neither check_segment nor check_document")
        for meta in check.rules:
            if meta.code in self._rules and self._rules[meta.code].rule != meta.rule:
                other = self._rules[meta.code]
                raise ValueError(
                    f"code {meta.code} of {meta.rule} ({meta.origin}) is already used by "
                    f"{other.rule} ({other.origin})"
                )
            self._rules[meta.code] = meta
        self.checks.append(check)

    def extend(self, checks: Iterable[Check]) -> None:
        """Register several checks."""
        for check in checks:
            self.add(check)

    @property
    def rules(self) -> dict[str, RuleMeta]:
        """All rule metadata by code."""
        return dict(self._rules)

    def rule(self, code: str) -> RuleMeta:
        """Metadata of *code* (KeyError if unknown)."""
        return self._rules[code]

    def __iter__(self) -> Iterator[Check]:
        return iter(self.checks)
