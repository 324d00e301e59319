"""Chinese and English numbers are read as values, so that 3万 and "30,000" compare equal."""

from __future__ import annotations

import dataclasses
import re
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checks import zhnum
from checks.prefilter import folded_specials
from checks.zhnum import format_number, parse_zh_integer, same_value, source_numbers, target_numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两千", 2000), ("一百二十三", 123), ("十五", 15), ("一百零五", 105), ("三千五百万", 35_000_000),
        ("一亿两千万", 120_000_000), ("一万亿", 10**12), ("二〇二五", 2025), ("十万", 100_000),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_zh_integer(text) == value


def _values(numbers: list) -> list[float]:
    return [n.values[0] for n in numbers]


@pytest.mark.parametrize(
    ("source", "value", "kind"),
    [
        ("提供40亿美元", 4e9, "plain"), ("约3万人", 3e4, "plain"), ("1.5万亿元", 1.5e12, "plain"),
        ("百分之五的人", 5, "percent"), ("增长5%", 5, "percent"), ("三分之一", 1 / 3, "fraction"),
        ("2025年", 2025, "year"), ("第3名", 3, "ordinal"), ("两千名士兵", 2000, "plain"),
    ],
)
def test_source_numbers(source: str, value: float, kind: str) -> None:
    (num,) = source_numbers(source)
    assert num.values[0] == pytest.approx(value)
    assert num.kind == kind
    assert num.strict


def test_dates_and_ranges_in_source() -> None:
    assert _values(source_numbers("9月4日")) == [9, 4]
    assert _values(source_numbers("1万至3万元")) == [1e4, 3e4]


@pytest.mark.parametrize("source", ["我们一直在统一思想", "星期三开会", "七国集团", "COVID-19疫情", "万一出事"])
def test_words_with_numeral_characters_are_not_numbers(source: str) -> None:
    assert not [n for n in source_numbers(source) if n.strict]


@pytest.mark.parametrize(
    ("target", "value"),
    [
        ("$4 billion", 4e9), ("30,000 people", 3e4), ("1.5 trillion yuan", 1.5e12), ("5%", 5), ("5 per cent", 5),
        ("two thousand soldiers", 2000), ("two hundred and fifty", 250), ("a quarter of a million", 250_000),
        ("three and a half", 3.5), ("twenty-five", 25), ("4bn", 4e9),
    ],
)
def test_target_numbers(target: str, value: float) -> None:
    assert target_numbers(target)[0].values[0] == pytest.approx(value)


def test_english_words_match_chinese_values() -> None:
    src = {s.text: s for s in source_numbers("三分之一和百分之五，第3，9月")}
    tgt = target_numbers("one third and five percent, the third, September")
    for key in ("三分之一", "百分之五", "3", "9"):
        assert any(same_value(src[key], t) for t in tgt), key


def test_identifiers_are_not_numbers_in_target() -> None:
    assert target_numbers("G7 leaders discussed COVID-19 and F-16 jets") == []


def test_vague_and_pronoun_words_are_soft() -> None:
    assert all(not n.strict for n in target_numbers("thousands of people; one of them; two"))


def test_format_number_follows_the_style_of_the_target() -> None:
    assert format_number(4e9, "40 billion") == "4 billion"
    assert format_number(30_000, "3,000") == "30,000"
    assert format_number(5, "50%") == "5%"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["thİrd", "thırds", "mİllion", "bİLLION", "hALF", "quarter", "a", "of", "two",
                                 "5", "3.5", " ", "-", "fİve", "twenty", "ſeven", "\u212aILO", "per cent", "%"]),
                max_size=8))
def test_target_numbers_never_crash_on_letters_the_regex_folds_oddly(parts: list[str]) -> None:
    # A case-insensitive regex takes "İ", "ı", "ſ" and the Kelvin sign for i, i, s, k; lower() does not.
    target_numbers(" ".join(parts))


def test_number_words_with_a_dotted_capital_i_are_read() -> None:
    assert [n.values[0] for n in target_numbers("five mİllion people")] == [5_000_000.0]
    assert [n.values[0] for n in target_numbers("a quarter of a bİllion")] == [250_000_000.0]


_GATE_PARTS = [
    "one", "Two", "THREE", "twenty", "hundred", "Million", "bn", "a", "an", "and", "per cent", "percent", "%",
    "first", "Third", "thirds", "half", "quarter", "twice", "twofold", "ten-fold", "dozens", "several", "May",
    "mar", "Dec", "September", "money", "network", "often", "market", "decided", "someone", "firsthand",
    "5", "12", "3.5", "1,000", "90s", "2nd", "G7", "x", "thİrd", "ſeven", "\u212aILO", "ı", "é", "数",
    "halves", "Halfway", "thirdly", "quarterly", "HALF", "of a", "billion", "and a half", "one-third", "fold",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
# The Kelvin sign lowers to an ASCII k: "first" ends a word in the text but not in the lowered text.
@example([("first", ""), ("\u212aILO", "")])
@given(st.lists(st.tuples(st.sampled_from(_GATE_PARTS), st.sampled_from(["", " ", "-", ", ", ".", "_", "\n"])),
                max_size=10))
def test_word_gates_skip_only_texts_the_scans_cannot_match(parts: list[tuple[str, str]]) -> None:
    # Reference: every text through the full digit-or-word alternation and the candidate scan.
    text = "".join(word + sep for word, sep in parts)
    with mock.patch.multiple(
        zhnum, _gates=lambda text: (True, True, True, True),
        _EN_DIGITS_NUMBER=zhnum._EN_NUMBER, _EN_WORDS_NUMBER=zhnum._EN_NUMBER,
    ):
        expected = target_numbers(text)
    assert target_numbers(text) == expected


@settings(max_examples=1500, deadline=None)
@example([("first", "5"), ("one", "")])
@given(st.lists(st.tuples(st.sampled_from(_GATE_PARTS), st.sampled_from(["", " ", "-", ", ", ".", "_", "\n", "7"])),
                max_size=10))
def test_ascii_gates_are_the_whole_word_scan(parts: list[tuple[str, str]]) -> None:
    # ASCII texts take the runs from a byte table and split(); the plain logic is a regex of whole
    # lower-case words (the fraction parts among them), "fold" anywhere, and a search for \d.
    text = "".join(word + sep for word, sep in parts)
    if folded_specials(text):
        return  # the word gates open, whatever the words
    lowered = text.lower()
    words = set(re.findall(r"(?<![a-z])[a-z]+(?![a-z])", lowered))
    expected = (
        re.search(r"\d", text) is not None,
        not words.isdisjoint(zhnum._EN_FRACTIONS),
        not words.isdisjoint(zhnum._GATE_WORDS),
        "fold" in lowered or not words.isdisjoint(zhnum._EN_WORD_KINDS),
    )
    if text.isascii():
        assert zhnum._gates(text) == expected
    else:  # the non-ASCII path (its fraction hint is a test for substrings)
        assert zhnum._word_gates(text, lowered) == expected[2:]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣４a /:"), max_size=8))
def test_the_digit_test_of_ascii_text_is_backslash_d(text: str) -> None:
    # ASCII text keeps its digits by a byte table: the gate finds digits exactly where \d does.
    assert zhnum._gates(text)[0] == (re.search(r"\d", text) is not None)


def _plain_share_scales(text: str, found: list[zhnum.Number]) -> list[zhnum.Number]:
    # _share_scales without its short cuts (no early return, every pair searched for a scale).
    out = list(found)
    for i in range(len(found) - 1, 0, -1):
        left, right = out[i - 1], out[i]
        scale = zhnum._TRAILING_SCALE.search(right.text)
        if (scale and left.kind == "plain" and not zhnum._LATIN_LETTER.search(left.text)
                and zhnum._RANGE_JOINER.fullmatch(text[left.end : right.start])):
            factor = zhnum._EN_SCALES[scale.group(1).lower()]
            out[i - 1] = zhnum.Number(left.start, left.end, left.text, (*left.values, left.values[0] * factor),
                                      left.kind, left.strict)
    return out


@settings(max_examples=500, deadline=None)
@example(["12", " to ", "14 million", " and ", "3", "-", "5bn"])
@example(["12", " to ", "14 million"])
@example(["5%", " to ", "14 million"])
@given(st.lists(st.sampled_from(["12", "3.5", "14 million", "5bn", "2m", "two", "first", "1990s", "5%", "G7",
                                 " to ", " and ", " or ", "-", " ", ", ", " $", "twenty million"]), max_size=8))
def test_shared_scales_as_the_plain_pairwise_pass(parts: list[str]) -> None:
    text = "".join(parts)
    with mock.patch.object(zhnum, "_share_scales", lambda _text, found: found):
        raw = target_numbers(text)
    assert zhnum._share_scales(text, list(raw)) == _plain_share_scales(text, raw)


# The digit branch as first written, with the lookbehind before the first digit (the rest as now).
_LOOKBEHIND_FIRST = (
    r"(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+|\d+)" + zhnum._EN_DIGITS_PART[zhnum._EN_DIGITS_PART.index("(?P<dec>") :]
)


@settings(max_examples=1500, deadline=None)
@example("1,000 and 12,3456, a5 .5 ,7 _8 x-9 5th 1990s 3 million 4bn 50%")
@given(st.lists(st.sampled_from(["1", "12", "1,000", "9,99", "٣", "４", ".", ",", "5", "a", "G", "_", "-", " ", "th",
                                 "s", "%", " per cent", " million", "bn", "\n", "one", "é"]), max_size=12).map("".join))
def test_digit_branch_matches_as_with_the_lookbehind_first(text: str) -> None:
    for fast, plain in (
        (zhnum._EN_DIGITS_NUMBER, re.compile(_LOOKBEHIND_FIRST, re.I)),
        (zhnum._EN_NUMBER, re.compile(f"{_LOOKBEHIND_FIRST}|{zhnum._EN_WORDS_PART}", re.I)),
    ):
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)
        ]


_WORD_PARTS = [
    "two", "Two", "thirds", "third", "Third", "half", "halves", "quarter", "tenfold", "Twofold", "fold", "FOLD",
    "folded", "manifold", "first", "second", "twice", "dozens", "several", "mid", "March", "MAY", "may", "mar",
    "Dec", "x", "market", "one", "a", "-", "-", "--", " ", "  ", ",", ".", "'", "3", "_", "\n",
]  # fmt: skip


def _plain_candidates(text: str) -> list[tuple[int, int]]:
    # The candidate regex's words that hold a kind word or a run ending in "fold" (the others are no number).
    return [
        m.span() for m in zhnum._EN_WORD_CANDIDATE.finditer(text)
        if any(run in zhnum._EN_WORD_KINDS or run.endswith("fold") for run in m.group().lower().split("-"))
    ]


@settings(max_examples=1500, deadline=None)
@example(["two", "-", "thirds", " ", "mid", "-", "March", "-", "x"])
@example(["x", "--", "two", "-", "thirds", "-", "tenfold"])
@example(["manifold", "-", "may", " ", "fold"])
@given(st.lists(st.sampled_from(_WORD_PARTS), max_size=12))
def test_ascii_word_candidates_are_the_regex_words_that_may_be_numbers(parts: list[str]) -> None:
    text = "".join(parts)
    assert zhnum._ascii_candidates(text) == _plain_candidates(text)
    # And every number read through them is read as through every match of the regex.
    with mock.patch.object(
        zhnum, "_ascii_candidates", lambda text: [m.span() for m in zhnum._EN_WORD_CANDIDATE.finditer(text)]
    ):
        expected = target_numbers(text)
    assert target_numbers(text) == expected


# target_numbers as it stood before its loops were made cheaper (each group read once, the taken
# spans tested only when there are any, the list-marker test before the prefix copy, Number's own
# __init__): the reference the current one must agree with on every text.
def _plain_target_numbers(text: str) -> list[zhnum.Number]:
    """zhnum.target_numbers as it was before its digit loop read the groups at once (a reference)."""
    digits, hint, number_words, kind_words = zhnum._gates(text)
    if not (digits or hint or number_words or kind_words):
        return []  # most targets
    found: list[zhnum.Number] = []
    taken: list[tuple[int, int]] = []
    for m in zhnum._EN_FRACTION_PHRASE.finditer(text) if hint else ():
        count = zhnum.regex_lower(m.group("count") or "")
        if count in ("a", "an") and zhnum._NUMBER_AND_END.search(text[: m.start()]):
            continue  # the "a half" of "three and a half", read with the number before it
        if not count and zhnum.regex_lower(m.group("part")).startswith("third"):
            continue  # a bare "third" is mostly an ordinal, handled below
        times = zhnum._EN_UNITS.get(count, 1)
        frac = zhnum._EN_FRACTIONS[zhnum.regex_lower(m.group("part"))] * times
        if m.group("of"):
            value = frac * zhnum._EN_SCALES[zhnum.regex_lower(m.group("of"))]
            found.append(zhnum.Number(m.start(), m.end(), m.group(), (value,), "words"))
            taken.append(m.span())
            continue
        extra = (3.0,) if count in ("a", "an") and zhnum.regex_lower(m.group("part")) == "third" else ()
        found.append(zhnum.Number(m.start(), m.end(), m.group(), (frac, frac * 100, *extra), "fraction", False, 0.02))
        taken.append(m.span())
    if digits:
        scan: re.Pattern[str] | None = zhnum._EN_NUMBER if number_words else zhnum._EN_DIGITS_NUMBER
    else:
        scan = zhnum._EN_WORDS_NUMBER if number_words else None
    with_digits = scan is not None and "digits" in scan.groupindex  # the words-only pattern has no such group
    for m in scan.finditer(text) if scan else ():
        if zhnum._in_any(taken, *m.span()):
            continue
        start, end = m.span()
        if with_digits and m.group("digits"):
            before = zhnum._word_before(text, start)
            if not text[:start].strip() and zhnum._LIST_MARK_END.match(text, end):
                continue  # a list marker ("4. Install ...")
            # Digits in identifiers and codes (G7, COVID-19, F-16) are not quantities; "post-90s" is.
            if before and (len(before) <= 2 or not before.islower()):
                continue
            value = float(m.group("digits").replace(",", "") + (m.group("dec") or ""))
            scale = zhnum.regex_lower(m.group("scale") or "")
            if scale:
                value *= zhnum._EN_SCALES[scale]
                values: tuple[float, ...] = (value,)
                if scale == "m":
                    values = (value, value / 10**6)  # "5m" may be metres
            else:
                values = (value,)
            if m.group("pct"):
                values = (value, value / 100)
                found.append(zhnum.Number(start, end, m.group(), values, "percent"))
            elif zhnum.regex_lower(m.group("suffix") or "") == "s" and value >= 10 and value % 10 == 0:
                # "the 1980s", "in their 20s": a decade.
                found.append(zhnum.Number(start, end, m.group(), (value, value % 100), "decade"))
            else:
                found.append(zhnum.Number(start, end, m.group(), values, "ordinal" if m.group("suffix") else "plain"))
            taken.append((start, end))
            continue
        words = m.group("words")
        if not words or zhnum._ONLY_ARTICLES.fullmatch(words):
            continue
        # Trim leading "a"/"and" that only belong to the phrase when a scale follows.
        lead = zhnum._LEADING_ANDS.match(words)
        wstart = start + (lead.end() if lead else 0)
        words = words[lead.end() :] if lead else words
        if zhnum._ARTICLE.fullmatch(words.split()[0]) and not zhnum._SCALE_WORD.search(words):
            continue
        value = zhnum._parse_en_words(words)
        if value is None:
            continue
        wend = wstart + len(words) + len(m.group("wpct") or "")
        half = zhnum._AND_A_HALF.match(text, wend)
        if half and not m.group("wpct"):
            value += 0.5
            wend = half.end()
        lone = zhnum.regex_lower(words)
        if m.group("wpct"):
            found.append(zhnum.Number(wstart, wend, text[wstart:wend], (value, value / 100), "percent"))
        elif lone in ("hundred", "thousand", "million", "billion", "trillion"):
            # A bare scale word ("per million") stands for the scale itself, never an addition.
            found.append(zhnum.Number(wstart, wend, text[wstart:wend], (value,), "words", strict=False))
        else:
            # "one" is mostly a pronoun ("one of them"); small number words are often idioms.
            strict = not (value <= 1 and " " not in words.strip())
            found.append(zhnum.Number(wstart, wend, text[wstart:wend], (value,), "words", strict=strict and value > 10))
        taken.append((wstart, wend))
    if not kind_words:
        spans: list[tuple[int, int]] = []
    elif text.isascii():
        spans = zhnum._ascii_candidates(text)
    else:
        spans = [m.span() for m in zhnum._EN_WORD_CANDIDATE.finditer(text)]
    for start, end in spans:
        word = text[start:end]
        low = zhnum.regex_lower(word)
        # The candidate pattern may let through other words: one set lookup rules them out.
        if low not in zhnum._EN_WORD_KINDS and not low.endswith("fold") and "-" not in low:
            continue
        if zhnum._in_any(taken, start, end):
            continue
        parts = low.split("-")
        if low in zhnum._EN_ORDINALS:
            found.append(zhnum.Number(start, end, word, (float(zhnum._EN_ORDINALS[low]),), "ordinal", strict=False))
        elif low in zhnum._EN_FRACTIONS or (len(parts) == 2 and parts[1] in zhnum._EN_FRACTIONS and parts[0] in zhnum._EN_UNITS):
            frac = zhnum._EN_FRACTIONS[parts[-1]] * (zhnum._EN_UNITS[parts[0]] if len(parts) == 2 else 1)
            extra = (float(zhnum._EN_ORDINALS["third"]),) if parts[-1] == "third" else ()
            found.append(zhnum.Number(start, end, word, (frac, frac * 100, *extra), "fraction", False, 0.02))
        elif low in zhnum._EN_TIMES or zhnum._FOLD.fullmatch(low):
            base = low[:-4] if low.endswith("fold") else ""
            times = zhnum._EN_TIMES.get(low) or zhnum._EN_UNITS.get(base) or zhnum._EN_TENS.get(base)
            if times:
                found.append(zhnum.Number(start, end, word, (float(times),), "times", strict=False))
        elif low in zhnum._EN_VAGUE:
            found.append(zhnum.Number(start, end, word, (float(zhnum._EN_VAGUE[low]),), "vague", strict=False))
        elif low in zhnum._MONTHS and (low != "may" or word[0] == "M") and (len(low) > 3 or word[0].isupper()):
            if low in ("mar", "may", "jun", "dec") and not word[0].isupper():
                continue
            found.append(zhnum.Number(start, end, word, (float(zhnum._MONTHS[low]),), "month", strict=False))
    if len(found) > 1:
        found.sort(key=lambda n: n.start)
    return zhnum._share_scales(text, found)


_NUMBER_PARTS = [*_GATE_PARTS, "4.", "4. ", "1)", "12.5%", "3 per cent", "5m", "2 bn", "1980s", "20s", "12 to 14 million",
                 "two and a half", "a third of a million", "three-quarters", "tenfold", "Mar", "may", "F-16", "post-90s",
                 "COVID-19", "1,000,000", "0.5", "one hundred and five", "a hundred", "and", "\n"]


@settings(max_examples=1500, deadline=None)
@example(["4. ", "Install", " ", "12", " ", "people"])
@example(["two and a half", " ", "million", " ", "1980s"])
@given(st.lists(st.sampled_from([*_NUMBER_PARTS, " ", " ", ", ", "-", "."]), max_size=14))
def test_target_numbers_as_before_its_loops_were_made_cheaper(parts: list[str]) -> None:
    text = "".join(parts)
    assert target_numbers(text) == _plain_target_numbers(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.text(max_size=4),
       st.lists(st.floats(allow_nan=False), max_size=3).map(tuple), st.sampled_from(["plain", "words"]),
       st.booleans(), st.sampled_from([1e-6, 0.02]), st.integers(4, 7))
def test_numbers_are_built_as_by_the_dataclass_init(start: int, end: int, text: str, values: tuple[float, ...],
                                                    kind: str, strict: bool, tolerance: float, count: int) -> None:
    # Number has an __init__ of its own (it sets the slots directly): it must take the fields in
    # order, with their defaults, and leave the instance as the generated frozen __init__ would.
    fields = dataclasses.fields(zhnum.Number)
    plain = dataclasses.make_dataclass(
        "PlainNumber", [(f.name, f.type, f.default) if f.default is not dataclasses.MISSING else (f.name, f.type)
                        for f in fields], frozen=True, slots=True)
    args = [start, end, text, values, kind, strict, tolerance][:count]
    named = dict(zip([f.name for f in fields], args, strict=False))
    for found, expected in ((zhnum.Number(*args), plain(*args)), (zhnum.Number(**named), plain(**named))):
        assert dataclasses.astuple(found) == dataclasses.astuple(expected)
        assert found == dataclasses.replace(found) and hash(found) == hash(dataclasses.replace(found))
        with pytest.raises(dataclasses.FrozenInstanceError):
            found.start = 5  # type: ignore[misc]


@settings(max_examples=1500, deadline=None)
@example(["a", " ", "million"])
@example(["5", "-", "and", " ", "one"])
@example(["x", " ", "and", " ", "one"])  # a match may start with "and"
@example(["a", " ", "a", " ", "million"])  # first words next to each other share a space
@given(st.lists(st.sampled_from([*_NUMBER_PARTS, " ", " ", ", ", "-", ".", "_", "x", "A", "AND", "An", "5five", "one1"]),
                max_size=14))
def test_ascii_number_matches_are_those_of_finditer(parts: list[str]) -> None:
    # In ASCII text the number patterns are matched only where a first word or a digit starts;
    # the plain logic is finditer trying every position.
    text = "".join(parts)
    if not text.isascii():
        return
    digits = re.search(r"\d", text) is not None
    for scan in (zhnum._EN_NUMBER, zhnum._EN_WORDS_NUMBER, zhnum._EN_DIGITS_NUMBER):
        expected = [m.span() for m in scan.finditer(text)]
        assert [m.span() for m in zhnum._ascii_number_matches(scan, text, digits)] == expected, scan.pattern[:30]
