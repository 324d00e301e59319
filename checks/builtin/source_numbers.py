"""Numbers of the source that are missing, wrong or added in the target (Chinese units understood)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

from checks.context import Context
from checks.model import Finding, Segment, Severity
from checks.registry import Check, Example, RuleMeta
from checks.zhnum import Number, format_number, same_value, source_numbers, target_numbers

WRONG = RuleMeta(
    code="AC901",
    rule="number-differs-from-source",
    title="Number differs from the source",
    category="Accuracy/Number",
    severity=Severity.MAJOR,
    description="A number of the source is rendered with another value (Chinese 万/亿 units resolved).",
    examples_fail=(
        Example(target="The EU will provide $40 billion in aid.", source="欧盟将提供40亿美元援助。"),
        Example(target="About 3,000 people took part.", source="约3万人参加。"),
    ),
    examples_pass=(
        Example(target="The EU will provide $4 billion in aid.", source="欧盟将提供40亿美元援助。"),
        Example(target="About 30,000 people took part.", source="约3万人参加。"),
        Example(target="Between 10,000 and 30,000 yuan.", source="1万至3万元。"),
    ),
    needs_source=True,
)
MISSING = RuleMeta(
    code="AC902",
    rule="number-missing",
    title="Number of the source missing in the target",
    category="Accuracy/Omission",
    severity=Severity.NEUTRAL,
    description="A number of the source has no counterpart in the target.",
    examples_fail=(Example(target="The talks ended on September 4.", source="会谈于2025年9月4日结束。"),),
    examples_pass=(
        Example(target="The talks ended on September 4, 2025.", source="会谈于2025年9月4日结束。"),
        Example(
            target="Five percent of the trade and one third of the budget.",
            source="百分之五的贸易和三分之一的预算。",
        ),
    ),
    needs_source=True,
)
EXTRA = RuleMeta(
    code="AC903",
    rule="number-added",
    title="Number not in the source",
    category="Accuracy/Addition",
    severity=Severity.MINOR,
    description="The target has a number that the source does not have.",
    examples_fail=(Example(target="The 27 ministers met in Paris.", source="各国部长在巴黎会晤。"),),
    examples_pass=(
        Example(target="Thousands of people and two thousand soldiers.", source="数千人和两千名士兵。"),
        Example(target="Output rose 1.5 trillion yuan, up 5%.", source="产值增加1.5万亿元，增长5%。"),
    ),
    needs_source=True,
)


@lru_cache(maxsize=4096)
def _source_numbers(source: str) -> tuple[Number, ...]:
    """``source_numbers(source)``, read once per distinct source text.

    A file often holds the same source many times (several systems translating it, a source
    repeated with another target), and Number is immutable, so sharing the result is safe.
    A few thousand sources of a handful of numbers each stay well under a few megabytes.
    """
    return tuple(source_numbers(source))


def _values(numbers: Sequence[Number]) -> frozenset[float]:
    """Every value of *numbers*."""
    return frozenset([v for number in numbers for v in number.values])


def _has_same(number: Number, others: Sequence[Number], values: frozenset[float] | None = None) -> bool:
    """Whether one of *others* may stand for *number*'s quantity (``same_value``); *values* are theirs."""
    if not others:
        return False
    # Most numbers are matched by an equal value, and equal values are close: one set test in C
    # (against the values of the others, gathered once per segment) settles them before the
    # pairwise tolerance test.
    if not (_values(others) if values is None else values).isdisjoint(number.values):
        return True
    return any(same_value(number, other) for other in others)


def _unique(numbers: list[Number]) -> list[Number]:
    out: list[Number] = []
    for num in numbers:
        if not any(same_value(num, kept) for kept in out):
            out.append(num)
    return out


class SourceNumbers:
    """Compares the numbers of source and target of each segment by value."""

    rules = (WRONG, MISSING, EXTRA)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield wrong, missing and added numbers of *segment*."""
        if not segment.source or not segment.target.strip():
            return
        src = _source_numbers(segment.source)
        tgt = target_numbers(segment.target)
        if not src and not tgt:
            return
        tgt_values = _values(tgt)
        missing = _unique([s for s in src if s.strict and not _has_same(s, tgt, tgt_values)])
        src_values = _values(src)
        extra = [t for t in tgt if t.strict and not _has_same(t, src, src_values)]
        if len(missing) == 1 and len(_unique(extra)) == 1:
            want = missing[0]
            for t in extra:
                yield WRONG.finding(
                    segment, t.start, t.end,
                    f"'{t.text}' does not match '{want.text}' of the source",
                    (format_number(want.values[0], t.text),),
                )
            return
        end = len(segment.target)
        for s in missing:
            yield MISSING.finding(segment, end, end, f"number '{s.text}' of the source is missing in the target")
        for t in extra:
            yield EXTRA.finding(segment, t.start, t.end, f"'{t.text}' has no counterpart in the source")


def checks() -> list[Check]:
    """Return the source-number checks."""
    return [SourceNumbers()]
