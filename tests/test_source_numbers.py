"""Numbers of the source against the target: wrong, missing and added numbers, with suggestions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.builtin import source_numbers
from checks.builtin.source_numbers import SourceNumbers
from checks.context import Context
from checks.model import Segment
from checks.zhnum import Number, same_value

CTX = Context.create()


def _check(source: str, target: str) -> list:
    return list(SourceNumbers().check_segment(Segment(id="1", source=source, target=target), CTX))


def test_correct_chinese_units_give_no_finding() -> None:
    target = "The EU will provide $4 billion in aid; about 30,000 people benefit."
    assert _check("欧盟将提供40亿美元援助，约3万人受益。", target) == []
    assert _check("2025年9月4日，1万至3万元。", "On September 4, 2025, 10,000 to 30,000 yuan.") == []
    assert _check("百分之五的人口和三分之一的预算。", "Five percent of the population and a third of the budget.") == []
    assert _check("两千名士兵，1.5万亿元。", "Two thousand soldiers, 1.5 trillion yuan.") == []


def test_wrong_magnitude_is_flagged_with_the_corrected_number() -> None:
    target = "The EU will provide $40 billion in aid."
    (finding,) = _check("欧盟将提供40亿美元援助。", target)
    assert finding.code == "AC901"
    assert target[finding.start : finding.end] == "40 billion"
    assert finding.suggestions == ("4 billion",)


def test_wan_misread_as_thousands() -> None:
    (finding,) = _check("约3万人参加。", "About 3,000 people took part.")
    assert finding.code == "AC901" and finding.suggestions == ("30,000",)


def test_missing_number_is_zero_width_at_the_end() -> None:
    target = "The talks ended on September 4."
    findings = _check("会谈于2025年9月4日结束。", target)
    assert [f.code for f in findings] == ["AC902"]
    assert findings[0].start == findings[0].end == len(target)
    assert "2025" in findings[0].message


def test_added_number_is_minor() -> None:
    (finding,) = _check("各国部长在巴黎会晤。", "The 27 ministers met in Paris.")
    assert finding.code == "AC903" and finding.text == "27" and finding.severity.label == "minor"


def test_a_not_a_question_words_and_idioms_are_not_numbers() -> None:
    assert _check("我们一直在努力，统一思想。", "We have always worked hard to unify our thinking.") == []


_VALUES = st.sampled_from([0.0, -0.0, 1.0, 3.0, 1 / 3, 0.3333333, 0.34, 100.0, 100.00001, 1e6, 1e6 + 1, 1e9, 2025.0])


@settings(max_examples=500, deadline=None)
@given(st.lists(_VALUES, min_size=1, max_size=3), st.sampled_from([1e-6, 0.02]),
       st.lists(st.tuples(st.lists(_VALUES, min_size=1, max_size=3), st.sampled_from([1e-6, 0.02])), max_size=4))
def test_a_number_is_matched_as_by_the_pairwise_test(values: list[float], tolerance: float,
                                                     others: list[tuple[list[float], float]]) -> None:
    # _has_same settles equal values with a set test first (against the others' values, gathered
    # once per segment); the plain logic is same_value on every pair.
    number = Number(0, 1, "x", tuple(values), tolerance=tolerance)
    pool = [Number(0, 1, "y", tuple(v), tolerance=t) for v, t in others]
    expected = any(same_value(number, other) for other in pool)
    assert source_numbers._has_same(number, pool) == expected
    assert source_numbers._has_same(number, pool, source_numbers._values(pool)) == expected
