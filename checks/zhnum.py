"""Numbers in Chinese source text and English target text, as comparable values with spans."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from checks.model import slot_setters
from checks.prefilter import folded_specials, regex_lower
from checks.text import ASCII_LETTERS_ONLY, lower_word_set, trie_pattern

ZH_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
    "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
ZH_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
ZH_UNITS = {**ZH_SMALL_UNITS, **ZH_BIG_UNITS}
_ZH_NUM_CHARS = "".join(ZH_DIGITS) + "".join(ZH_UNITS)
# Every source pattern below needs a digit or a numeral character (full-width digits are \d too):
# half of all sources have neither and are settled by this one search.
_MAY_HAVE_NUMBER = re.compile(rf"[\d{_ZH_NUM_CHARS}]")

# Full-width digits and separators map one-to-one, so offsets stay valid after translation.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
# str.translate looks every character up in the table: slow, and most Chinese texts have no
# full-width form but the comma, which str.replace handles in C.
_FULLWIDTH_BUT_COMMA = re.compile("[０-９．％]")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

# Classifiers after which a single Chinese digit is almost certainly a count ("三名", "两架").
_CLASSIFIERS = set("个名位次家架艘枚起项条座辆人国只件头批轮场届期所支部份篇本张年月日天周岁号倍")


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a text.

    ``values`` holds every value the expression may stand for (a percentage is also its
    fraction, an hour "15时" is also "3 p.m."). ``strict`` numbers must be rendered in the
    other text; soft ones (single Chinese digits, vague amounts) only absorb matches.
    """

    start: int
    end: int
    text: str
    values: tuple[float, ...]
    kind: str = "plain"
    strict: bool = True
    tolerance: float = 1e-6

    def __init__(
        self, start: int, end: int, text: str, values: tuple[float, ...], kind: str = "plain", strict: bool = True,
        tolerance: float = 1e-6,
    ) -> None:
        # The fields, in order, through the slots' own setters (as checks.model.Finding): the generated
        # __init__ of a frozen dataclass sets each through object.__setattr__, twice as slow, and a
        # run makes thousands of numbers.
        _set_start(self, start)
        _set_end(self, end)
        _set_text(self, text)
        _set_values(self, values)
        _set_kind(self, kind)
        _set_strict(self, strict)
        _set_tolerance(self, tolerance)


# The slot setters of Number.__init__, in the order of its fields (checks.model.slot_setters).
_set_start, _set_end, _set_text, _set_values, _set_kind, _set_strict, _set_tolerance = slot_setters(Number)


def parse_zh_integer(text: str) -> int | None:
    """Value of a Chinese numeral such as 两千, 一百二十三, 三千五百万, 二〇二五 (None if not one)."""
    if not text or any(ch not in _ZH_NUM_CHARS for ch in text):
        return None
    if all(ch in ZH_DIGITS for ch in text):
        if len(text) < 3:
            # 一两, 三四 mean "one or two", "three or four": callers treat them as vague.
            return ZH_DIGITS[text[-1]] if len(text) == 2 else ZH_DIGITS[text]
        # Digit-by-digit form (years, codes): 二〇二五 = 2025.
        return int("".join(str(ZH_DIGITS[ch]) for ch in text))
    total = 0  # value of the completed 亿/万 groups
    section = 0  # value below the current big unit
    digit = 0
    for ch in text:
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        elif ch in ZH_SMALL_UNITS:
            section += (digit or 1) * ZH_SMALL_UNITS[ch]
            digit = 0
        elif ZH_BIG_UNITS[ch] == 10**4 and total >= 10**8:
            # 一亿两千万: 万 scales only the part after 亿.
            total += (section + digit) * 10**4
            section = digit = 0
        else:
            total = (total + section + digit) * ZH_BIG_UNITS[ch]
            section = digit = 0
    return total + section + digit


def _multiplier(units: str) -> int:
    value = 1
    for ch in units:
        value *= ZH_UNITS[ch]
    return value


# An Arabic number, optionally with Chinese magnitude characters: 3万, 40亿, 1.5万亿, 5,000.
_ARABIC_ZH = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:[多余](?=[十百千万亿萬億]))?([十百千万亿萬億]*)")
_ZH_NUMERAL = re.compile(rf"[{_ZH_NUM_CHARS}]+")
_ZH_NUMERAL_CHAR = re.compile(rf"[{_ZH_NUM_CHARS}]")
_DIGIT = re.compile(r"\d")
# Every byte but the ASCII digits: in ASCII text, the digits are found by dropping the other bytes.
_NOT_DIGIT_BYTES = bytes(c for c in range(256) if not 48 <= c <= 57)
_ZH_PERCENT = re.compile(rf"百分之([{_ZH_NUM_CHARS}]+|\d+(?:\.\d+)?)(?:点([{''.join(ZH_DIGITS)}]+))?")
_ZH_FRACTION = re.compile(rf"([{_ZH_NUM_CHARS}]+|\d+)分之([{_ZH_NUM_CHARS}]+|\d+)")
# Chinese words containing numeral characters that are not numbers (or not countable ones).
_ZH_NON_NUMBERS = re.compile(
    "一些|一起|一直|一样|一般|一定|一致|一切|一旦|一方面|一再|一度|一同|一向|一边|一面|一律|一系列|一体|一带一路"
    "|一道|一番|一时|一味|一口气|一举|之一|统一|唯一|万一|千万|十分|百姓|一流|一下|不一|专一|同一|第一时间"
    "|三思|七嘴八舌|乱七八糟|一国两制|两岸|两会|两党|两院|两国关系|一手|一把手|一线|一行|一概|一贯|一并"
    "|星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六日天]|初[一二三四五六七八九十]"
)
# Names that contain a number (二十大 = the 20th Party Congress, 七国集团 = G7, 十四五 = the 14th Five-Year
# Plan): soft numbers, so the English "20th" or "G7" is no addition.
_ZH_NAMED_NUMBERS = re.compile(rf"([{_ZH_NUM_CHARS}]+)(?:大|中全会|国集团|战|届)|(十[一二三四五六七八九])五")
_ZH_VAGUE = re.compile(rf"[数几上近逾][{_ZH_NUM_CHARS}]+|[{_ZH_NUM_CHARS}]+[几多余]")


_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_VAGUE_AFFIX = re.compile(r"^[数几上近逾]|[几多余]$")
_METRIC_UNIT = re.compile(r"(?:km|kg|cm|mm|am|pm)\b", re.I)
_DIGIT_PAIR = re.compile(rf"([{''.join(ZH_DIGITS)}])([{''.join(ZH_DIGITS)}])(?=[{''.join(ZH_UNITS)}])")


_START = attrgetter("start")


def _in_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _zh_value(text: str) -> float | None:
    if _DECIMAL.fullmatch(text):
        return float(text)
    value = parse_zh_integer(text)
    return None if value is None else float(value)


def source_numbers(text: str) -> list[Number]:
    """Numbers of a Chinese (or any) source text, with Chinese numerals and units resolved."""
    if not _MAY_HAVE_NUMBER.search(text):
        return []
    norm = text.translate(_FULLWIDTH) if _FULLWIDTH_BUT_COMMA.search(text) else text.replace("，", ",")
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    for m in _ZH_PERCENT.finditer(norm):
        whole = _zh_value(m.group(1))
        if whole is None:
            continue
        if m.group(2):
            whole += float("0." + "".join(str(ZH_DIGITS[c]) for c in m.group(2)))
        found.append(Number(m.start(), m.end(), m.group(), (whole, whole / 100), "percent"))
        taken.append(m.span())
    # Each pattern below needs a numeral character (or, for Arabic numbers, a digit) except the
    # fractions; idiom spans matter only to patterns that may then overlap them.
    has_numeral = _ZH_NUMERAL_CHAR.search(norm)
    for m in _ZH_FRACTION.finditer(norm) if "分之" in norm else ():
        if _in_any(taken, *m.span()):
            continue
        den, num = _zh_value(m.group(1)), _zh_value(m.group(2))
        if not den or num is None:
            continue
        frac = num / den
        found.append(Number(m.start(), m.end(), m.group(), (frac, frac * 100), "fraction", tolerance=0.02))
        taken.append(m.span())
    # Idioms are masked after percentages and fractions, which contain "之一" themselves.
    if has_numeral:
        taken.extend(m.span() for m in _ZH_NON_NUMBERS.finditer(norm))
    for m in _ZH_NAMED_NUMBERS.finditer(norm) if has_numeral else ():
        value = parse_zh_integer(m.group(1) or m.group(2))
        if value is None or _in_any(taken, *m.span()):
            continue
        found.append(Number(m.start(), m.end(), m.group(), (float(value),), "name", strict=False))
        taken.append(m.span())
    for m in _ZH_VAGUE.finditer(norm) if has_numeral else ():
        if _in_any(taken, *m.span()):
            continue
        digits = _VAGUE_AFFIX.sub("", m.group())
        value = parse_zh_integer(digits)
        values = (float(value),) if value else ()
        found.append(Number(m.start(), m.end(), m.group(), values, "vague", strict=False))
        taken.append(m.span())

    for m in _ARABIC_ZH.finditer(norm) if _DIGIT.search(norm) else ():
        if _in_any(taken, *m.span()):
            continue
        start, end = m.span()
        after = norm[end : end + 1]
        before = norm[start - 1 : start] if start else ""
        # Digits inside identifiers (G7, COVID-19, F-16, MH370) are names, not quantities.
        if before in _ASCII_LETTERS or (before == "-" and norm[start - 2 : start - 1] in _ASCII_LETTERS):
            continue
        if after in _ASCII_LETTERS and not _METRIC_UNIT.match(norm, end):
            continue  # 10G, 5G, 3D: product names
        # List markers ("1、", "(2)") at the start of a segment or clause are not content.
        if after == "、" or (start == 0 and after == "." and not m.group(2)):
            continue
        digits = m.group(1).replace(",", "")
        value = float(digits + (m.group(2) or "")) * _multiplier(m.group(3))
        found.append(_with_context(norm, start, end, text[start:end], value))
        taken.append((start, end))

    for m in _ZH_NUMERAL.finditer(norm) if has_numeral else ():
        start, end = m.span()
        if _in_any(taken, start, end):
            # Keep the parts of a numeral run that lie outside idioms (e.g. "统一" inside a run).
            continue
        chunk = m.group()
        pair = _DIGIT_PAIR.search(chunk)
        if pair and ZH_DIGITS[pair.group(2)] == ZH_DIGITS[pair.group(1)] + 1:
            # 一万六七千 = "16,000 to 17,000": an approximate range, either end will do.
            low = parse_zh_integer(chunk[: pair.start(2)] + chunk[pair.end(2) :])
            high = parse_zh_integer(chunk[: pair.start(1)] + chunk[pair.end(1) :])
            if low is not None and high is not None:
                found.append(Number(start, end, chunk, (float(low), float(high)), "range"))
                taken.append((start, end))
                continue
        value = parse_zh_integer(chunk)
        if value is None:
            continue
        first = chunk[0]
        if len(chunk) == 1 and first in "百千万" and norm[end : end + 1] in _CLASSIFIERS:
            # 百人 = "a hundred people", loosely.
            found.append(Number(start, end, chunk, (float(ZH_UNITS[first]),), "plain", strict=False))
            continue
        if first in ZH_BIG_UNITS or (first in "百千" and len(chunk) == 1):
            continue
        if first in "百千":
            # 千亿 "hundreds of billions", 百万 "millions": magnitudes rather than exact counts.
            found.append(Number(start, end, chunk, (float(value),), "vague", strict=False))
            taken.append((start, end))
            continue
        before = norm[start - 1 : start] if start else ""
        after = norm[end : end + 1]
        ordinal = before == "第"
        if len(chunk) == 2 and all(ch in ZH_DIGITS for ch in chunk):
            # 三四 = "three or four"; 九二 (共识) = '92, the year 1992.
            two = 10 * ZH_DIGITS[chunk[0]] + ZH_DIGITS[chunk[1]]
            pair = (float(ZH_DIGITS[chunk[0]]), float(value), float(1900 + two), float(two))
            found.append(Number(start, end, chunk, pair, "vague", strict=False))
            taken.append((start, end))
            continue
        single = len(chunk) == 1
        strict = not single and value >= 10 and first not in "十拾"
        if single and not ordinal and after not in _CLASSIFIERS:
            # A lone numeral char outside a count is part of a word (一点, 三角).
            strict = False
            if value == 1:
                continue
        num = _with_context(norm, start - (1 if ordinal else 0), end, text[start - (1 if ordinal else 0) : end], value)
        found.append(Number(num.start, num.end, num.text, num.values, num.kind, strict and num.strict))
        taken.append((start, end))
    found.sort(key=lambda n: n.start)
    return found


def _with_context(norm: str, start: int, end: int, text: str, value: float) -> Number:
    after = norm[end : end + 2]
    before = norm[max(0, start - 1) : start]
    values: tuple[float, ...] = (value,)
    kind = "plain"
    if after[:1] in ("%", "％"):
        return Number(start, end + 1, text + after[:1], (value, value / 100), "percent")
    if after[:1] in "时点" and 12 < value <= 24:
        values = (value, value - 12)
        kind = "hour"
    elif after[:1] == "年" and 1000 <= value <= 2200:
        kind = "year"
    elif after[:1] == "月" and value <= 12:
        kind = "month"
    elif after[:1] in "日号" and value <= 31:
        kind = "day"
    elif before == "第" or text.startswith("第"):
        kind = "ordinal"
    elif after[:1] == "倍":
        values = (value, value + 1)
        kind = "times"
    elif after[:2] == "年代" and value < 100:
        # 80年代 = the 1980s.
        values = (value, 1900 + value, 2000 + value)
        kind = "decade"
    return Number(start, end, text, values, kind)


# ---------------------------------------------------------------- English side

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_EN_SCALES = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12, "trn": 10**12,
}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "hundredth": 100,
}
_EN_FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
_EN_VAGUE = {
    "dozens": 12, "dozen": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9,
    "tens": 10, "scores": 20, "several": 0, "couple": 2,
}
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WORD_NUM = "|".join(sorted([*_EN_UNITS, *_EN_TENS], key=len, reverse=True))
_SCALE_WORDS = r"hundred|thousand|million|billion|trillion"


# Number and scale words: whole number phrases start with one of these or with "a", "and".
_NUMBER_WORDS = trie_pattern([*_EN_UNITS, *_EN_TENS, *_SCALE_WORDS.split("|")])
_EN_DIGITS_PART = (
    # "(?<![\w.,])\d" written as "\d(?<![\w.,]\d)" (each alternative's first digit, then a look at the
    # character before it): a pattern that starts with a digit lets the regex engine skip ahead to
    # the next digit in C instead of testing the lookbehind at every position (half the scan time).
    rf"(?P<digits>\d(?<![\w.,]\d)\d{{0,2}}(?:,\d{{3}})+|\d(?<![\w.,]\d)\d*)(?P<dec>\.\d+)?"
    rf"(?P<suffix>st|nd|rd|th|s)?"
    rf"(?:(?P<pct>\s*%|\s+per\s*cent\b|\s+percent\b)"
    rf"|\s*-?\s*(?P<scale>(?:{_SCALE_WORDS})\b|(?:k|m|mn|mln|bn|tn|trn)\b)|(?![\w]))"
)
_EN_WORDS_PART = (
    # The first-letter lookahead rejects most word starts before the word alternation is tried.
    rf"(?<![\w-])(?=[zotfsenhmba])(?P<words>(?:(?:{_NUMBER_WORDS}|and|an?(?=[\s-]+(?:{_SCALE_WORDS})))[\s-]+)*"
    rf"(?:{_NUMBER_WORDS}))(?![\w-])(?P<wpct>\s+per\s*cent|\s+percent)?"
)
_EN_NUMBER = re.compile(f"{_EN_DIGITS_PART}|{_EN_WORDS_PART}", re.I)
# Each branch alone, for texts where the other cannot match: a digit match needs a digit, a word
# match a number word (see _word_gates). Where one branch never matches, the alternation finds
# exactly the other branch's matches, and one branch alone costs a third to a half of both.
_EN_DIGITS_NUMBER = re.compile(_EN_DIGITS_PART, re.I)
_EN_WORDS_NUMBER = re.compile(_EN_WORDS_PART, re.I)
_EN_FRACTION_PHRASE = re.compile(
    rf"(?<![\w-])(?:(?P<count>an?|one|{_WORD_NUM})[\s-]+)?"
    rf"(?P<part>halves|half|thirds|third|quarters|quarter)\b(?:\s+of\s+an?\s+(?P<of>{_SCALE_WORDS})\b)?",
    re.I,
)
_FRACTION_HINT = re.compile(r"half|halv|third|quarter", re.I)
_EN_TIMES = {"twice": 2, "double": 2, "doubled": 2, "thrice": 3, "triple": 3, "tripled": 3, "quadrupled": 4}
_EN_WORD_KINDS = frozenset((*_EN_ORDINALS, *_EN_FRACTIONS, *_EN_TIMES, *_EN_VAGUE, *_MONTHS))
# Of the words (letters joined by single hyphens, as many as possible), those that may be one of
# the kinds above: hyphenated, ending in "fold", or a kind word in any case. A word starts at a
# letter after no letter and no letter-hyphen. The target loop visits these instead of every word.
_EN_WORD_CANDIDATE = re.compile(
    r"(?<![A-Za-z])(?<![A-Za-z]-)(?:[A-Za-z]++(?:(?:-[A-Za-z]++)+|(?<=[Ff][Oo][Ll][Dd]))"
    rf"|(?=(?i:{trie_pattern(sorted(_EN_WORD_KINDS))})(?![A-Za-z]|-[A-Za-z]))[A-Za-z]++)"
)


# One cheap scan that lets most targets skip the phrase scans: the number and kind words that
# stand as whole runs of ASCII letters in the lower-cased text. Whole runs, not substrings: "one"
# in "money" or "mar" in "market" used to send a third of all targets through the slow scans.
_GATE_WORDS = frozenset((*_EN_UNITS, *_EN_TENS, *_SCALE_WORDS.split("|")))
_WHOLE_GATE_WORD = re.compile(rf"(?<![a-z]){trie_pattern(sorted(_GATE_WORDS | _EN_WORD_KINDS))}(?![a-z])")
# ASCII text takes its letter runs from a byte table (checks.text.ASCII_LETTERS_ONLY) instead of the
# findall above; only texts with other characters (about 2%) still use the regex.
_GATE_WORDS_BYTES = frozenset(word.encode() for word in _GATE_WORDS)
_KIND_WORDS_BYTES = frozenset(word.encode() for word in _EN_WORD_KINDS)
_FRACTION_BYTES = frozenset(word.encode() for word in _EN_FRACTIONS)  # the parts of fraction phrases
_NUMBERISH_BYTES = _GATE_WORDS_BYTES | _KIND_WORDS_BYTES
_FRACTION_WORDS = frozenset(_EN_FRACTIONS)
_NUMBERISH = _GATE_WORDS | _EN_WORD_KINDS


_NO_SCAN = (False, False, False, False)
_KIND_SCAN_ONLY = (False, False, False, True)


def _gates(text: str) -> tuple[bool, bool, bool, bool]:
    """Which scans of ``target_numbers`` may find something in *text*.

    (digits, fraction phrases, number-word phrases, words of the kinds): each is False only when
    its scan cannot yield a number, and most targets (two in three) have none of them: they are
    settled here. In ASCII text, the part of a fraction phrase ("half", "thirds") stands between a
    non-letter and a word boundary, so it is a whole run of ASCII letters, as are the words of the
    other two (see ``_word_gates``); the fraction part and the last word of a number-word phrase
    are even whole ``\\w`` runs.
    """
    if text.isascii():
        # The digits kept, every other byte dropped, in C: half the time of a search for [0-9].
        digits = bool(text.encode().translate(None, _NOT_DIGIT_BYTES))
        if not digits and "_" not in text:
            # Then its letter runs are its \w runs: the lower-cased words that other checks of the
            # segment look up too (checks.text keeps the last text's), most often found made.
            found = _NUMBERISH.intersection(lower_word_set(text))
            if not found:
                return _NO_SCAN if "fold" not in text.lower() else _KIND_SCAN_ONLY  # most targets
            return (
                False,
                not _FRACTION_WORDS.isdisjoint(found),
                not _GATE_WORDS.isdisjoint(found),
                "fold" in text.lower() or not _EN_WORD_KINDS.isdisjoint(found),
            )
        letters = text.encode().translate(ASCII_LETTERS_ONLY)  # lower-cased letters, other bytes spaces
        words = _NUMBERISH_BYTES.intersection(letters.split())
        return (
            digits,
            not _FRACTION_BYTES.isdisjoint(words),
            not _GATE_WORDS_BYTES.isdisjoint(words),
            b"fold" in letters or not _KIND_WORDS_BYTES.isdisjoint(words),
        )
    lowered = text.lower()
    # Every fraction phrase has one of these words; the phrase regex is slow to fail everywhere else.
    hint = "half" in lowered or "halv" in lowered or "third" in lowered or "quarter" in lowered
    if not hint and folded_specials(text):
        hint = bool(_FRACTION_HINT.search(text))  # İ and ı match "i" case-insensitively, lower() aside
    return (_DIGIT.search(text) is not None, hint, *_word_gates(text, lowered))


def _word_gates(text: str, lowered: str) -> tuple[bool, bool]:
    """Whether non-ASCII *text* may hold a number-word phrase, and a word of the kinds (*lowered* is ``text.lower()``).

    Each answer is False only when its scan cannot yield a number. The last number word of a phrase
    matched by ``_EN_NUMBER`` lies between non-word characters; a kind word found by
    ``_EN_WORD_CANDIDATE`` (or the fraction after a hyphen, "two-thirds") between non-letters,
    or it ends in "fold". Without the letters that IGNORECASE folds oddly (İ, ı, ſ, Kelvin sign),
    lower() keeps every ASCII letter in place and makes no other one, so these runs are whole
    ASCII-letter runs of *lowered* (in ASCII text, ``_gates`` takes them from a byte table); with
    such letters, both scans run.
    """
    if folded_specials(text):
        return True, True
    hits = _WHOLE_GATE_WORD.findall(lowered)
    if not hits:
        return False, "fold" in lowered
    return not _GATE_WORDS.isdisjoint(hits), "fold" in lowered or not _EN_WORD_KINDS.isdisjoint(hits)


_WORD_SEPARATORS = re.compile(r"[\s-]+")
_NUMBER_AND_END = re.compile(rf"(?:\d|\b(?:{_WORD_NUM}))\s+and\s+$", re.I)
_ONLY_ARTICLES = re.compile(r"(?:a|an|and)(?:[\s-]+(?:a|an|and))*", re.I)
_LEADING_ANDS = re.compile(r"(?:(?:and)[\s-]+)+", re.I)
_ARTICLE = re.compile(r"(?:a|an)", re.I)
_SCALE_WORD = re.compile(_SCALE_WORDS, re.I)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.I)
_FOLD = re.compile(r"(\w+)fold")
_TRAILING_SCALE = re.compile(rf"\b({_SCALE_WORDS}|bn|mn|m|k)\s*$", re.I)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_RANGE_JOINER = re.compile(r"\s*(?:to|-|–|—|and|or)\s*(?:[A-Z]{0,3}[$€£¥])?", re.I)


def _parse_en_words(words: str) -> float | None:
    total = 0
    current = 0
    seen = False
    for token in _WORD_SEPARATORS.split(regex_lower(words)):
        if token in ("and", ""):
            continue
        if token in ("a", "an"):
            current = 1
        elif token in _EN_UNITS:
            current += _EN_UNITS[token]
        elif token in _EN_TENS:
            current += _EN_TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


_LIST_MARK_END = re.compile(r"[.)、]\s")


def _word_before(text: str, start: int) -> str:
    """The letters that end ``text[:start]``, before one optional hyphen (and a final newline).

    Same as ``re.search(r"([A-Za-z]*)-?$", text[:start]).group(1)``, which tried every position
    of the prefix for each number.
    """
    end = start
    if end and text[end - 1] == "\n":
        end -= 1  # $ also matches before a final newline
    if end and text[end - 1] == "-":
        end -= 1
    i = end
    while i and text[i - 1] in _ASCII_LETTERS:
        i -= 1
    return text[i:end]


def target_numbers(text: str) -> list[Number]:
    """Numbers of an English text: digits, number words, scales, percentages, fractions, months.

    Soft (``strict=False``) target numbers are never reported as additions: number words
    like "one" or "second" and vague amounts ("thousands") are too often not quantities.
    """
    digits, hint, number_words, kind_words = _gates(text)
    if not (digits or hint or number_words or kind_words):
        return []  # most targets
    found: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in _EN_FRACTION_PHRASE.finditer(text) if hint else ():
        count = regex_lower(m.group("count") or "")
        if count in ("a", "an") and _NUMBER_AND_END.search(text[: m.start()]):
            continue  # the "a half" of "three and a half", read with the number before it
        if not count and regex_lower(m.group("part")).startswith("third"):
            continue  # a bare "third" is mostly an ordinal, handled below
        times = _EN_UNITS.get(count, 1)
        frac = _EN_FRACTIONS[regex_lower(m.group("part"))] * times
        if m.group("of"):
            value = frac * _EN_SCALES[regex_lower(m.group("of"))]
            found.append(Number(m.start(), m.end(), m.group(), (value,), "words"))
            taken.append(m.span())
            continue
        extra = (3.0,) if count in ("a", "an") and regex_lower(m.group("part")) == "third" else ()
        found.append(Number(m.start(), m.end(), m.group(), (frac, frac * 100, *extra), "fraction", False, 0.02))
        taken.append(m.span())
    if digits:
        scan: re.Pattern[str] | None = _EN_NUMBER if number_words else _EN_DIGITS_NUMBER
    else:
        scan = _EN_WORDS_NUMBER if number_words else None
    with_digits = scan is not None and "digits" in scan.groupindex  # the words-only pattern has no such group
    if scan is None:
        matches: Iterable[re.Match[str]] = ()
    elif number_words and text.isascii():
        matches = _ascii_number_matches(scan, text, digits)
    else:
        matches = scan.finditer(text)
    for m in matches:
        start, end = m.span()
        if taken and _in_any(taken, start, end):
            continue
        number = m.group("digits") if with_digits else None
        if number:
            before = _word_before(text, start)
            if _LIST_MARK_END.match(text, end) and not text[:start].strip():
                continue  # a list marker ("4. Install ...")
            # Digits in identifiers and codes (G7, COVID-19, F-16) are not quantities; "post-90s" is.
            if before and (len(before) <= 2 or not before.islower()):
                continue
            decimals, suffix, scale_word, percent = m.group("dec", "suffix", "scale", "pct")
            value = float(number.replace(",", "") + (decimals or ""))
            scale = regex_lower(scale_word) if scale_word else ""
            if scale:
                value *= _EN_SCALES[scale]
                values: tuple[float, ...] = (value,)
                if scale == "m":
                    values = (value, value / 10**6)  # "5m" may be metres
            else:
                values = (value,)
            if percent:
                values = (value, value / 100)
                found.append(Number(start, end, m.group(), values, "percent"))
            elif suffix and regex_lower(suffix) == "s" and value >= 10 and value % 10 == 0:
                # "the 1980s", "in their 20s": a decade.
                found.append(Number(start, end, m.group(), (value, value % 100), "decade"))
            else:
                found.append(Number(start, end, m.group(), values, "ordinal" if suffix else "plain"))
            taken.append((start, end))
            continue
        words = m.group("words")
        if not words or _ONLY_ARTICLES.fullmatch(words):
            continue
        # Trim leading "a"/"and" that only belong to the phrase when a scale follows.
        lead = _LEADING_ANDS.match(words)
        wstart = start + (lead.end() if lead else 0)
        words = words[lead.end() :] if lead else words
        if _ARTICLE.fullmatch(words.split()[0]) and not _SCALE_WORD.search(words):
            continue
        value = _parse_en_words(words)
        if value is None:
            continue
        wend = wstart + len(words) + len(m.group("wpct") or "")
        half = _AND_A_HALF.match(text, wend)
        if half and not m.group("wpct"):
            value += 0.5
            wend = half.end()
        lone = regex_lower(words)
        if m.group("wpct"):
            found.append(Number(wstart, wend, text[wstart:wend], (value, value / 100), "percent"))
        elif lone in ("hundred", "thousand", "million", "billion", "trillion"):
            # A bare scale word ("per million") stands for the scale itself, never an addition.
            found.append(Number(wstart, wend, text[wstart:wend], (value,), "words", strict=False))
        else:
            # "one" is mostly a pronoun ("one of them"); small number words are often idioms.
            strict = not (value <= 1 and " " not in words.strip())
            found.append(Number(wstart, wend, text[wstart:wend], (value,), "words", strict=strict and value > 10))
        taken.append((wstart, wend))
    if not kind_words:
        spans: list[tuple[int, int]] = []
    elif text.isascii():
        spans = _ascii_candidates(text)
    else:
        spans = [m.span() for m in _EN_WORD_CANDIDATE.finditer(text)]
    for start, end in spans:
        word = text[start:end]
        low = regex_lower(word)
        # The candidate pattern may let through other words: one set lookup rules them out.
        if low not in _EN_WORD_KINDS and not low.endswith("fold") and "-" not in low:
            continue
        if taken and _in_any(taken, start, end):
            continue
        parts = low.split("-")
        if low in _EN_ORDINALS:
            found.append(Number(start, end, word, (float(_EN_ORDINALS[low]),), "ordinal", strict=False))
        elif low in _EN_FRACTIONS or (len(parts) == 2 and parts[1] in _EN_FRACTIONS and parts[0] in _EN_UNITS):
            frac = _EN_FRACTIONS[parts[-1]] * (_EN_UNITS[parts[0]] if len(parts) == 2 else 1)
            extra = (float(_EN_ORDINALS["third"]),) if parts[-1] == "third" else ()
            found.append(Number(start, end, word, (frac, frac * 100, *extra), "fraction", False, 0.02))
        elif low in _EN_TIMES or _FOLD.fullmatch(low):
            base = low[:-4] if low.endswith("fold") else ""
            times = _EN_TIMES.get(low) or _EN_UNITS.get(base) or _EN_TENS.get(base)
            if times:
                found.append(Number(start, end, word, (float(times),), "times", strict=False))
        elif low in _EN_VAGUE:
            found.append(Number(start, end, word, (float(_EN_VAGUE[low]),), "vague", strict=False))
        elif low in _MONTHS and (low != "may" or word[0] == "M") and (len(low) > 3 or word[0].isupper()):
            if low in ("mar", "may", "jun", "dec") and not word[0].isupper():
                continue
            found.append(Number(start, end, word, (float(_MONTHS[low]),), "month", strict=False))
    if len(found) > 1:
        found.sort(key=_START)
    return _share_scales(text, found)


# The words a match of the number-word branch starts with (a number word, or "and", "a", "an"
# before one), and where a match of the digit branch may start.
_FIRST_WORDS = frozenset((*_EN_UNITS, *_EN_TENS, *_SCALE_WORDS.split("|"), "and", "a", "an"))
_DIGIT_START = re.compile(r"\d(?<![\w.,]\d)")


def _ascii_number_matches(scan: re.Pattern[str], text: str, digits: bool) -> list[re.Match[str]]:
    """The matches of ``scan.finditer(text)`` in ASCII *text* (*digits*: whether it has any), for less.

    The number-word branch starts each match at a whole word (no word character or hyphen before
    it, a space or hyphen or no word character after it) that is one of _FIRST_WORDS; the digit
    branch at a digit after no word character, dot or comma. The scan tried every position of the
    text (the word branch opens with a look-behind, so the regex engine cannot skip ahead in C);
    here the pattern is only matched where those words (found among the lower-cased letter runs)
    and digits start, left to right, each after the previous match as finditer goes on.
    """
    letters = b" " + text.encode().translate(ASCII_LETTERS_ONLY) + b" "  # lower-cased letters, others spaces
    starts: list[int] = []
    for word in _FIRST_WORDS.intersection(lower_word_set(text)):
        needle = b" " + word.encode() + b" "
        at = letters.find(needle)
        while at >= 0:
            starts.append(at)  # the word starts at at + 1 in *letters*, at at in the text
            at = letters.find(needle, at + len(needle) - 1)
    if digits:
        starts.extend(m.start() for m in _DIGIT_START.finditer(text))
    starts.sort()
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start >= end and (m := scan.match(text, start)) is not None:
            found.append(m)
            end = m.end()
    return found


def _ascii_candidates(text: str) -> list[tuple[int, int]]:
    """The spans of the matches of ``_EN_WORD_CANDIDATE`` in ASCII *text* that may be numbers, in order.

    The pattern matches whole words: runs of ASCII letters joined by single hyphens ("two-thirds"),
    starting at a letter after no letter and no letter-hyphen. It takes a word that is one run
    ending in "fold" or equal to a kind word (any case), and every hyphenated word; of those, only
    a word that holds a kind word (a fraction after a number) can be a number. So the words that
    hold a kind word or a run ending in "fold" are the ones that matter: found here from where those
    runs stand in the lower-cased letters, instead of a regex trying every word start of the text
    (the scan was a tenth of the time of ``target_numbers``).
    """
    letters = text.encode().translate(ASCII_LETTERS_ONLY)  # lower-cased letters, other bytes spaces
    size = len(letters)
    runs: set[tuple[int, int]] = set()
    for word in _KIND_WORDS_BYTES.intersection(letters.split()):
        at = letters.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or letters[at - 1] == 32) and (end == size or letters[end] == 32):
                runs.add((at, end))
            at = letters.find(word, at + 1)
    at = letters.find(b"fold")
    while at >= 0:
        end = at + 4
        if end == size or letters[end] == 32:
            runs.add((letters.rfind(b" ", 0, at) + 1, end))
        at = letters.find(b"fold", at + 1)
    spans: set[tuple[int, int]] = set()
    for start, end in runs:
        # Out to the ends of the hyphenated word: a hyphen between two letters joins their runs.
        while start >= 2 and text[start - 1] == "-" and letters[start - 2] != 32:
            start = letters.rfind(b" ", 0, start - 1) + 1
        while end + 1 < size and text[end] == "-" and letters[end + 1] != 32:
            end = letters.find(b" ", end + 1)
            if end < 0:
                end = size
        spans.add((start, end))
    return sorted(spans)


def _share_scales(text: str, found: list[Number]) -> list[Number]:
    """In "12 to 14 million" the first number is 12 million too."""
    if len(found) < 2:
        return found  # most targets: no pair, and no copy needed
    out = list(found)
    for i in range(len(found) - 1, 0, -1):
        left, right = out[i - 1], out[i]
        if left.kind != "plain":
            continue  # a cheaper test than the regex search; these tests have no side effects, so order is free
        scale = _TRAILING_SCALE.search(right.text)
        if (
            scale
            and not _LATIN_LETTER.search(left.text)
            and _RANGE_JOINER.fullmatch(text[left.end : right.start])
        ):
            factor = _EN_SCALES[regex_lower(scale.group(1))]
            out[i - 1] = Number(
                left.start, left.end, left.text, (*left.values, left.values[0] * factor), left.kind, left.strict
            )
    return out


def same_value(a: Number, b: Number) -> bool:
    """Whether two numbers may stand for the same quantity."""
    tol = max(a.tolerance, b.tolerance)
    for x in a.values:
        for y in b.values:
            if math.isclose(x, y, rel_tol=tol, abs_tol=1e-9):
                return True
    return False


def format_number(value: float, like: str = "") -> str:
    """English rendering of *value*, following the style of *like* ("4 billion", "30,000", "5%")."""
    scale_word = re.search(r"\b(thousand|million|billion|trillion)\b", like, re.I)
    if scale_word:
        scale = _EN_SCALES[regex_lower(scale_word.group(1))]
        if value >= scale:
            rest = like[scale_word.start() :]
            return f"{_plain(value / scale)} {rest}"
    text = _plain(value)
    if "%" in like:
        return text + "%"
    if re.search(r"per\s*cent", like, re.I):
        return text + like[re.search(r"\s+per\s*cent", like, re.I).start() :]  # type: ignore[union-attr]
    return text


def _plain(value: float) -> str:
    if float(value).is_integer():
        whole = int(value)
        return f"{whole:,}" if whole >= 10000 else str(whole)
    return f"{value:,.6f}".rstrip("0").rstrip(".")
