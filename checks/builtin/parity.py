"""Source/target parity: end punctuation, brackets, quotes, URLs, placeholders, tags, empty targets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from checks.context import Context
from checks.model import Finding, Segment, Severity
from checks.registry import Check, Example, RuleMeta

END_PUNCT = RuleMeta(
    code="PA951",
    rule="end-punctuation-parity",
    title="End punctuation differs from the source",
    category="Fluency/Punctuation",
    severity=Severity.MINOR,
    description=(
        "A question in the source (？/?) ends without '?' in the target, or a sentence of the source "
        "ends in 。/！/. while the target has no end punctuation (Chinese full-width forms understood)."
    ),
    examples_fail=(
        Example(target="Will the coalition send troops.", source="联盟会派兵吗？"),
        Example(target="The summit ended on Friday", source="峰会于周五结束。"),
    ),
    examples_pass=(
        Example(target="Will the coalition send troops?", source="联盟会派兵吗？"),
        Example(target="The summit ended on Friday.", source="峰会于周五结束。"),
        Example(target="Summit ends", source="峰会结束"),
    ),
    needs_source=True,
)
BRACKETS = RuleMeta(
    code="PA952",
    rule="bracket-parity",
    title="Parentheses of the source lost or unbalanced in the target",
    category="Fluency/Punctuation",
    severity=Severity.NEUTRAL,
    description="The source's parentheses are balanced but the target's are not (（）and 【】 count as brackets).",
    examples_fail=(
        Example(target="NATO (the North Atlantic alliance met.", source="北约（北大西洋联盟）开会。"),
    ),
    examples_pass=(Example(target="NATO (the North Atlantic alliance) met.", source="北约（北大西洋联盟）开会。"),),
    needs_source=True,
)
QUOTES = RuleMeta(
    code="PA953",
    rule="quote-parity",
    title="Quotation marks of the source unbalanced in the target",
    category="Fluency/Punctuation",
    severity=Severity.MINOR,
    description="The source's quotes (“”「」『』) are balanced but the target leaves a quotation open.",
    examples_fail=(Example(target="He called it a “historic step.", source="他称之为“历史性的一步”。"),),
    examples_pass=(Example(target="He called it a “historic step”.", source="他称之为“历史性的一步”。"),),
    needs_source=True,
)
URLS = RuleMeta(
    code="PA954",
    rule="url-email-parity",
    title="URL or e-mail address of the source missing or altered",
    category="Accuracy/Mistranslation",
    severity=Severity.MAJOR,
    description="Every URL and e-mail address of the source must appear unchanged in the target.",
    examples_fail=(
        Example(target="See www.exampel.org for details.", source="详情见www.example.org。"),
        Example(target="Write to us.", source="请写信至info@example.org。"),
    ),
    examples_pass=(Example(target="See www.example.org for details.", source="详情见www.example.org。"),),
    needs_source=True,
)
PLACEHOLDERS = RuleMeta(
    code="PA955",
    rule="placeholder-parity",
    title="Placeholders differ from the source",
    category="Design and markup/Markup",
    severity=Severity.MAJOR,
    description="Placeholders ({0}, {name}, %s, %1$s, %d) of the source must all be kept in the target.",
    examples_fail=(Example(target="{0} files deleted from %s.", source="已从%s删除{0}个文件，用时{1}秒。"),),
    examples_pass=(
        Example(target="{0} files deleted from %s in {1} seconds.", source="已从%s删除{0}个文件，用时{1}秒。"),
    ),
    needs_source=True,
)
TAGS = RuleMeta(
    code="PA956",
    rule="tag-parity",
    title="Inline tags differ from the source",
    category="Design and markup/Markup",
    severity=Severity.MAJOR,
    description="Inline tags (<b>, </b>, <x id=\"1\"/>) of the source must all be kept in the target.",
    examples_fail=(Example(target="The <b>summit ended.", source="<b>峰会</b>结束。"),),
    examples_pass=(Example(target="The <b>summit</b> ended.", source="<b>峰会</b>结束。"),),
    needs_source=True,
)
EMPTY = RuleMeta(
    code="PA957",
    rule="empty-target",
    title="Target empty while the source is not",
    category="Accuracy/Omission",
    severity=Severity.MAJOR,
    description="The segment has a source but no translation.",
    examples_fail=(Example(target=" ", source="峰会于周五结束。"),),
    examples_pass=(Example(target="The summit ended on Friday.", source="峰会于周五结束。"),),
    needs_source=True,
)

_CLOSERS = "\"'”’」』）)]】》>*_ \t\r\n"
_SRC_SENTENCE_END = "。！!．."
_SRC_QUESTION = "？?"
_TGT_END = ".!?…。！？:;"
# Only the scheme and "www." are case-insensitive: the class has no letter whose other case lies
# outside it (its full-width letters come with their other case), and compiled case-insensitively
# it cost twice as long (each of its 21,000 code points case-folded), in every run before the fork.
_URL = re.compile(r"(?i:https?://|www\.)[^\s<>\"“”‘’（）()\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+")
_WWW = re.compile(r"[Ww][Ww][Ww]\.")
_EMAIL = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PLACEHOLDER = re.compile(r"\{\{?\s*[\w.]*\s*\}?\}|%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]|\$\{\w+\}")
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")
_BRACKET_PAIRS = {"(": ")", "（": "）", "[": "]", "【": "】"}
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’"}


class _Pairs:
    """Opening/closing characters and a pattern finding them, built once per kind of pair."""

    __slots__ = ("closers", "finder", "openers")

    def __init__(self, pairs: dict[str, str]) -> None:
        self.openers = pairs
        self.closers = {v: k for k, v in pairs.items()}
        # Only the pair characters matter: find them in C rather than walking every character.
        self.finder = re.compile("[" + re.escape("".join(pairs) + "".join(self.closers)) + "]")


_BRACKETS = _Pairs(_BRACKET_PAIRS)
_QUOTES = _Pairs(_QUOTE_PAIRS)
# In the target ’ is mostly an apostrophe, so only the double and corner quotes must pair up.
_TARGET_QUOTES = _Pairs({"“": "”", "「": "」", "『": "』"})


# The target's brackets and quotes, found in one scan (most targets have none of either).
_TARGET_MARKS = re.compile(_BRACKETS.finder.pattern + "|" + _TARGET_QUOTES.finder.pattern)


def _balanced(text: str, pairs: _Pairs) -> bool:
    return _balanced_marks(pairs.finder.findall(text), pairs)


def _balanced_marks(found: list[str], pairs: _Pairs) -> bool:
    """Whether the characters of *pairs* among *found* (any others are skipped) pair up."""
    if not found:
        return True
    stack: list[str] = []
    openers, closers = pairs.openers, pairs.closers
    for ch in found:
        if ch in openers:
            stack.append(ch)
        elif ch in closers and (not stack or stack.pop() != closers[ch]):
            return False
    return not stack


def _no_space(text: str) -> str:
    return _SPACES.sub("", text)


def _one_space(text: str) -> str:
    return _SPACES.sub(" ", text)


_SPACES = re.compile(r"\s+")
# Each code pattern starts with one of its marks: a source without them has none of its codes.
_CODE_KINDS = (
    (PLACEHOLDERS, _PLACEHOLDER, re.compile("[{%$]"), _no_space),
    (TAGS, _TAG, re.compile("<"), _one_space),
)


def _straight_quotes_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0


def _core_end(text: str) -> tuple[str, int]:
    """Last character that is not a closing quote/bracket/space, and its index."""
    # rstrip() drops exactly the trailing characters of the set, in C.
    i = len(text.rstrip(_CLOSERS)) - 1
    return (text[i], i) if i >= 0 else ("", -1)


# (rule, pattern, normaliser, counts) of each code kind a source has; the counts are only read.
_Codes = tuple[tuple[RuleMeta, re.Pattern[str], Callable[[str], str], Counter[str]], ...]


class _SourceFacts(NamedTuple):
    """What the checks need of one source text: it does not depend on the target."""

    question: bool  # the source ends with ？/? (or with nothing but closers)
    sentence: bool  # the source ends with 。/！/. (or with nothing but closers)
    brackets: bool  # the source's brackets are balanced
    quotes: bool  # the source's quotes are balanced
    urls: tuple[str, ...]  # its URLs and e-mail addresses, first occurrences in order
    codes: _Codes


@lru_cache(maxsize=4096)
def _source_facts(source: str) -> _SourceFacts:
    """The facts of *source*, found once per distinct text.

    Files often repeat a source (several systems translating it); its facts are a few small
    tuples, so a few thousand of them stay far below a few megabytes.
    """
    src_end, _ = _core_end(source)
    # A URL needs "://" or "www.", an address "@": most sources have neither, and the
    # address pattern is slow to fail at every word.
    urls = _URL.finditer(source) if "://" in source or _WWW.search(source) else ()
    emails = _EMAIL.finditer(source) if "@" in source else ()
    found = [m.group().rstrip(".,;:") for m in (*urls, *emails)]
    wanted = tuple(dict.fromkeys(found)) if found else ()
    codes: list[tuple[RuleMeta, re.Pattern[str], Callable[[str], str], Counter[str]]] = []
    for meta, pattern, marks, norm in _CODE_KINDS:
        if marks.search(source):
            counts = Counter(norm(m.group()) for m in pattern.finditer(source))
            if counts:
                codes.append((meta, pattern, norm, counts))
    return _SourceFacts(
        # "" (a source of closers only) is "in" both strings, as it always was.
        src_end in _SRC_QUESTION,
        src_end in _SRC_SENTENCE_END,
        _balanced(source, _BRACKETS),
        _balanced(source, _QUOTES) and _straight_quotes_balanced(source),
        wanted,
        tuple(codes),
    )


class Parity:
    """Formal parity of source and target, aware of Chinese punctuation on the source side."""

    rules = (END_PUNCT, BRACKETS, QUOTES, URLS, PLACEHOLDERS, TAGS, EMPTY)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield parity differences of *segment*."""
        source, target = segment.source or "", segment.target
        if not source.strip():
            return
        if not target.strip():
            yield EMPTY.finding(segment, 0, len(target), "the target is empty but the source is not")
            return
        facts = _source_facts(source)
        # End punctuation and balance are inline: most segments have nothing else to check, and
        # a sub-generator per part cost more than the checks themselves.
        if facts.question or facts.sentence:
            tgt_end, idx = _core_end(target)
            if idx < 0:
                pass
            elif facts.question and tgt_end != "?" and "?" not in target:
                # A question anywhere in the target counts: translators may reorder clauses.
                start, end = (idx, idx + 1) if tgt_end in _TGT_END else (idx + 1, idx + 1)
                yield END_PUNCT.finding(
                    segment, start, end, "the source is a question but the target does not end with '?'", ("?",)
                )
            elif facts.sentence and tgt_end and tgt_end not in _TGT_END and not tgt_end.isdigit():
                yield END_PUNCT.finding(
                    segment, idx + 1, idx + 1, "the source ends a sentence but the target has no end punctuation",
                    (".",),
                )
        marks = _TARGET_MARKS.findall(target) if facts.brackets or facts.quotes else []
        # No marks (most targets) are balanced: no call to pair them up.
        if facts.brackets and marks and not _balanced_marks(marks, _BRACKETS):
            pos = max(target.rfind(c) for c in "()[]")
            if pos >= 0:
                yield BRACKETS.finding(segment, pos, pos + 1, "the source's brackets are balanced, the target's are not")
            else:
                end = len(target.rstrip())
                yield BRACKETS.finding(segment, end, end, "unbalanced brackets")
        if facts.quotes and not ((not marks or _balanced_marks(marks, _TARGET_QUOTES)) and _straight_quotes_balanced(target)):
            pos = max(target.rfind(c) for c in "\"“”")
            if pos >= 0:
                yield QUOTES.finding(segment, pos, pos + 1, "the source's quotes are balanced, the target's are not")
        if facts.urls:
            yield from self._urls(segment, facts.urls, target)
        if facts.codes:
            yield from self._codes(segment, facts.codes, target)

    def _urls(self, segment: Segment, wanted: tuple[str, ...], target: str) -> Iterator[Finding]:
        end = len(target.rstrip())
        have = [(m.start(), m.group().rstrip(".,;:")) for m in (*_URL.finditer(target), *_EMAIL.finditer(target))]
        have_low = {h.lower() for _, h in have}
        for item in wanted:
            if item.lower() in have_low or item.lower() in target.lower():
                continue
            close = max(have, key=lambda h: fuzz.ratio(h[1].lower(), item.lower()), default=None)
            if close and fuzz.ratio(close[1].lower(), item.lower()) >= 70:
                yield URLS.finding(
                    segment, close[0], close[0] + len(close[1]), f"'{close[1]}' differs from '{item}' of the source",
                    (item,), safe=True,
                )
            else:
                yield URLS.finding(segment, end, end, f"'{item}' of the source is missing in the target")

    def _codes(self, segment: Segment, codes: _Codes, target: str) -> Iterator[Finding]:
        end = len(target.rstrip())
        for meta, pattern, norm, src in codes:
            tgt_matches = list(pattern.finditer(target))
            tgt = Counter(norm(m.group()) for m in tgt_matches)
            for item, count in (src - tgt).items():
                yield meta.finding(
                    segment, end, end, f"'{item}' of the source is missing in the target"
                    + (f" ({count} times)" if count > 1 else "")
                )
            extra = tgt - src
            for m in tgt_matches:
                key = norm(m.group())
                if extra[key] > 0:
                    extra[key] -= 1
                    yield meta.finding(segment, m.start(), m.end(), f"'{m.group()}' is not in the source", ("",))


def checks() -> list[Check]:
    """Return the parity checks."""
    return [Parity()]
