"""Relative dates copied from Chinese news ("on the 4th"), resolved against a full date in the text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from checks.context import Context
from checks.model import Document, Finding, Severity
from checks.registry import Check, Example, RuleMeta

RESOLVED = RuleMeta(
    code="DT701",
    rule="dates.relative-day",
    title="Bare day of month ('on the 4th')",
    category="Locale convention/Date format",
    severity=Severity.MINOR,
    description="Chinese news writes 4日 ('the 4th') for a day of the current month; English news names the "
    "month. The month comes from a full date elsewhere in the document.",
    examples_fail=(Example("On September 4, 2025, leaders met.\n\nThe minister spoke on the 4th."),),
    examples_pass=(Example("On September 4, 2025, leaders met.\n\nThe 4th Infantry Division and the 21st century."),),
)
UNRESOLVED = RuleMeta(
    code="DT702",
    rule="dates.relative-day-unresolved",
    title="Bare day of month without a month in the text",
    category="Locale convention/Date format",
    severity=Severity.MINOR,
    description="'On the 4th' with no full date in the document to take the month from: name the month.",
    examples_fail=(Example("The minister spoke on the 4th."),),
    examples_pass=(Example("The minister spoke on Thursday."),),
)

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_ALT = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
US_DATE_RE = re.compile(rf"\b(?P<month>{_MONTH_ALT})\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?")
UK_DATE_RE = re.compile(
    rf"\b(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})\b(?:,?\s+(?P<year>\d{{4}}))?"
)
ISO_DATE_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")
RELATIVE_RE = re.compile(
    r"\b(?:[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Bb]efore|[Aa]fter|[Aa]s of|[Ss]tarting|[Tt]hrough|[Tt]o)"
    r"\s+(?P<span>the\s+(?P<day>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)"
    r"(?:\s+of\s+(?:this|last|the same|that)\s+month)?)(?![\w-])(?P<next>\s+[A-Za-z]+)?"
)
# What every match of the patterns above contains: a cheap search that rules most texts out.
# (Each date's day or month starts with an ASCII digit; [0-9] is found faster than \d, which also
# looks for the digits of other scripts.)
_HAS_DIGIT = re.compile(r"[0-9]")
_THE_DAY = re.compile(r"the\s+[1-9]")
# Every US or UK date spells the first three letters of a month, case-sensitive as _MONTH_ALT is.
_MONTH_START = re.compile("Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec")
# Words after "the 4th" that show it is not a date ("the 4th century", "the 21st largest").
NOT_DATE_NEXT = frozenset(
    {
        "century",
        "centuries",
        "anniversary",
        "time",
        "times",
        "floor",
        "round",
        "place",
        "day",
        "year",
        "session",
        "plenary",
        "congress",
        "meeting",
        "edition",
        "generation",
        "grade",
        "amendment",
        "division",
        "army",
        "fleet",
        "corps",
        "brigade",
        "regiment",
        "battalion",
        "term",
        "wave",
        "batch",
        "group",
        "stage",
        "phase",
        "attempt",
        "consecutive",
        "straight",
        "most",
        "minute",
        "hole",
        "inning",
        "lap",
        "seed",
        "overall",
        "person",
        "party",
        "largest",
        "biggest",
        "highest",
        "lowest",
        "best",
        "worst",
        "least",
        "in",
        "month",
    }
)


@dataclass(frozen=True)
class Anchor:
    """The month (and year) that bare days refer to, and how the document writes dates."""

    month: int
    year: str | None
    day_first: bool

    def render(self, day: int) -> str:
        """'September 4' or '4 September', as the document writes full dates."""
        name = MONTHS[self.month - 1]
        return f"{day} {name}" if self.day_first else f"{name} {day}"


def _month_number(token: str) -> int:
    token = token.rstrip(".").lower()
    for i, name in enumerate(MONTHS):
        if name.lower().startswith(token[:3]):
            return i + 1
    raise ValueError(token)


def _date_gates(text: str) -> tuple[bool, bool]:
    """Whether *text* may hold a US or UK date, and an ISO date: False only where the scans cannot match.

    A month's first letters and a hyphen: most texts with digits have neither and skip all three scans.
    """
    return _MONTH_START.search(text) is not None, "-" in text


def _dates_in(text: str) -> list[tuple[int, str | None, bool]]:
    found: list[tuple[int, str | None, bool]] = []
    named, iso = _date_gates(text)
    for rx, day_first in ((US_DATE_RE, False), (UK_DATE_RE, True)) if named else ():
        for m in rx.finditer(text):
            # "May" and "March" are also words: accept them only with a year or capital context.
            if m.group("month") in {"May", "March"} and not m.group("year"):
                continue
            found.append((_month_number(m.group("month")), m.group("year"), day_first))
    for m in ISO_DATE_RE.finditer(text) if iso else ():
        found.append((int(m.group("month")), m.group("year"), False))
    return found


def find_anchor(doc: Document) -> Anchor | None:
    """The most frequent (month, year) among the document's full dates; ties go to the first."""
    found: list[tuple[int, str | None, bool]] = []
    dates_of: dict[str, list[tuple[int, str | None, bool]]] = {}  # targets repeat
    for seg in doc.segments:
        dates = dates_of.get(seg.target)
        if dates is None:
            dates = dates_of[seg.target] = _dates_in(seg.target) if _HAS_DIGIT.search(seg.target) else []
        found.extend(dates)
    if not found:
        return None
    counts = Counter((month, year) for month, year, _ in found)
    best = max(counts, key=lambda key: (counts[key], key[1] is not None, -next(i for i, f in enumerate(found) if f[:2] == key)))
    day_first = sum(1 for f in found if f[2]) > len(found) / 2
    return Anchor(best[0], best[1], day_first)


class RelativeDateCheck:
    """Bare days of the month, with the month taken from the document when it has a full date."""

    rules = (RESOLVED, UNRESOLVED)

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Yield one finding per 'on the Nth'."""
        anchor: Anchor | None = None
        anchor_known = False
        for seg in doc.segments:
            if not _THE_DAY.search(seg.target):
                continue
            for m in RELATIVE_RE.finditer(seg.target):
                following = (m.group("next") or "").strip().lower()
                if following in NOT_DATE_NEXT or (m.group("next") or " x")[1:2].isupper():
                    continue
                if not anchor_known:
                    anchor, anchor_known = find_anchor(doc), True
                start, end = m.span("span")
                day = int(m.group("day"))
                if anchor is None:
                    yield UNRESOLVED.finding(
                        seg, start, end, f"'{m.group('span')}' names no month: write the full date (e.g. 'May {day}')"
                    )
                    continue
                fix = anchor.render(day)
                yield RESOLVED.finding(
                    seg, start, end, f"'{m.group('span')}' is a Chinese-style bare day: write '{fix}'", (fix,), safe=False
                )


def checks() -> list[Check]:
    """The checks of this family."""
    return [RelativeDateCheck()]
