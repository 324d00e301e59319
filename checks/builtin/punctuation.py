"""Script and punctuation: CJK text, full-width forms, unbalanced brackets and quotes in English."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import repeat

from checks.context import Context
from checks.model import Document, Finding, Segment, Severity
from checks.registry import Check, Example, RuleMeta

FULLWIDTH_PUNCT = RuleMeta(
    code="PU301",
    rule="punctuation.fullwidth",
    title="Chinese (full-width) punctuation in English text",
    category="Fluency/Punctuation",
    severity=Severity.MAJOR,
    description="Full-width and Chinese punctuation (【】，。：；（）！？、《》) left in an English target; "
    "the fix is the English equivalent with English spacing.",
    examples_fail=(Example("【By Li Wei】 The talks began，and ended today。"),),
    examples_pass=(Example("[By Li Wei] The talks began, and ended today."),),
)
CJK_TEXT = RuleMeta(
    code="PU302",
    rule="punctuation.cjk-text",
    title="Chinese, Japanese or Korean text left in English",
    category="Accuracy/Source language fragment",
    severity=Severity.MAJOR,
    description="Han, kana or hangul characters in an English target are usually untranslated source text.",
    examples_fail=(Example("The 自愿联盟 met in Paris."),),
    examples_pass=(Example("The coalition of the willing met in Paris."),),
)
FULLWIDTH_ALNUM = RuleMeta(
    code="PU303",
    rule="punctuation.fullwidth-alnum",
    title="Full-width letters or digits",
    category="Fluency/Character encoding",
    severity=Severity.MINOR,
    description="Full-width Latin letters and digits (ＡＢＣ１２３) come from Chinese input methods.",
    examples_fail=(Example("It costs ３０ dollars."),),
    examples_pass=(Example("It costs 30 dollars."),),
)
IDEOGRAPHIC_SPACE = RuleMeta(
    code="PU304",
    rule="punctuation.ideographic-space",
    title="Ideographic (full-width) space",
    category="Design and markup/Whitespace",
    severity=Severity.MINOR,
    description="U+3000 IDEOGRAPHIC SPACE is twice as wide as a space and breaks search and wrapping.",
    examples_fail=(Example("Paris\u3000France"),),
    examples_pass=(Example("Paris France"),),
)
UNBALANCED_BRACKET = RuleMeta(
    code="PU305",
    rule="punctuation.unbalanced-bracket",
    title="Unbalanced bracket",
    category="Fluency/Punctuation",
    severity=Severity.MINOR,
    description="An opening bracket without its closing partner, or the reverse, within a paragraph.",
    examples_fail=(Example("The plan (approved on Monday will start soon."),),
    examples_pass=(
        Example("The plan (approved on Monday) will start soon. Items 1) and 2) follow. On Friday (February 10) it ended."),
    ),
)
UNBALANCED_QUOTE = RuleMeta(
    code="PU306",
    rule="punctuation.unbalanced-quote",
    title="Unbalanced quotation marks",
    category="Fluency/Punctuation",
    severity=Severity.MINOR,
    description="An odd number of straight double quotes, or a curly opening quote without its closing one, "
    "in a paragraph that the next paragraph does not continue as a quotation.",
    examples_fail=(Example('He said "we are ready.'),),
    examples_pass=(Example('He said "we are ready."'), Example('"We are ready,\n\n"said the minister."')),
)
CURLY_QUOTES_MIXED = RuleMeta(
    code="PU307",
    rule="punctuation.quote-style",
    title="Chinese-style curly quotes among straight quotes",
    category="Fluency/Punctuation",
    severity=Severity.NEUTRAL,
    description="Curly quotes “ ” in a text that otherwise uses straight quotes (or next to CJK text) are "
    "usually left over from the Chinese original.",
    examples_fail=(Example('He said "yes" and "maybe". She said “no”.'),),
    examples_pass=(Example("He said “yes”. She said “no”."),),
)

# Full-width/Chinese punctuation -> English equivalent. Spacing is added by _replacement().
PUNCT_MAP: dict[str, str] = {
    "，": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "、": ",",
    "（": "(",
    "）": ")",
    "【": "[",
    "】": "]",
    "〔": "[",
    "〕": "]",
    "［": "[",
    "］": "]",
    "《": '"',
    "》": '"',
    "〈": '"',
    "〉": '"',
    "「": '"',
    "」": '"',
    "『": '"',
    "』": '"',
    "｛": "{",
    "｝": "}",
    "～": "~",
    "－": "-",
    "％": "%",
    "＋": "+",
    "＝": "=",
    "＆": "&",
    "＃": "#",
    "＠": "@",
    "／": "/",
    "＼": "\\",
    "｜": "|",
    "＊": "*",
    "＂": '"',
    "＇": "'",
    "．": ".",
    "·": "-",
    "﹐": ",",
    "﹑": ",",
    "﹒": ".",
    "﹔": ";",
    "﹕": ":",
    "﹖": "?",
    "﹗": "!",
    "——": "—",
    "……": "...",
    "｀": "`",
    "＄": "$",
    "＜": "<",
    "＞": ">",
    "＾": "^",
    "＿": "_",
}
_TRAILING_SPACE = set(",.:;!?")
_OPENING = set("([{")
_PUNCT_RE = re.compile("|".join(re.escape(k) for k in sorted(PUNCT_MAP, key=len, reverse=True)))
# Han (incl. extensions), kana, hangul; CJK punctuation is handled separately. A run of them with
# spaces inside, from its first CJK character to its last. The class is written twice, not three
# times as in C(?:[C\s]*C)? (the same matches): compiling a class loops over its code points, and
# this pattern is compiled in every run before the workers start.
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f]"
CJK_RE = re.compile(rf"{_CJK}+(?:\s+{_CJK}+)*")
ALNUM_RE = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
BRACKETS = {"(": ")", "[": "]", "{": "}"}
CLOSERS = {v: k for k, v in BRACKETS.items()}
# "1)" and "a)" list markers are not unbalanced brackets (when no bracket is open).
LIST_MARKER_RE = re.compile(r"(?:^|\s)(?:\d{1,2}|[a-z])\)")
# The characters the balance checks look at, found in C instead of a loop over every character.
_BRACKET_CHAR_RE = re.compile(r"[()\[\]{}]")
_CURLY_DOUBLE_RE = re.compile("[“”]")


def _replacement(text: str, start: int, end: int, ascii_form: str) -> str:
    """English form of a full-width mark, with the spacing English needs around it."""
    after = text[end : end + 1]
    before = text[start - 1 : start] if start else ""
    out = ascii_form
    if (
        ascii_form in _TRAILING_SPACE
        and after
        and not after.isspace()
        and after not in ")]}\"'"
        and not (ascii_form in ".," and after.isdigit())
    ):
        out = out + " "
    if ascii_form in _OPENING and before and before.isalnum():
        out = " " + out
    if ascii_form in ")]}" and after.isalnum():
        out = out + " "
    if ascii_form == "-" and text[start] == "·":
        out = "-"
    return out


class ScriptCheck:
    """Flags CJK characters and full-width forms, each with its English replacement."""

    rules = (FULLWIDTH_PUNCT, CJK_TEXT, FULLWIDTH_ALNUM, IDEOGRAPHIC_SPACE)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield one finding per full-width mark, CJK run, full-width alnum run or ideographic space."""
        text = segment.target
        if text.isascii():
            return
        for m in _PUNCT_RE.finditer(text):
            ascii_form = PUNCT_MAP[m.group()]
            fix = _replacement(text, m.start(), m.end(), ascii_form)
            yield FULLWIDTH_PUNCT.finding(
                segment,
                m.start(),
                m.end(),
                f"Chinese punctuation '{m.group()}': use '{fix.strip() or fix}'",
                (fix,),
                safe=True,
            )
        for m in CJK_RE.finditer(text):
            yield CJK_TEXT.finding(segment, m.start(), m.end(), f"Untranslated text '{m.group()}' in English target")
        for m in ALNUM_RE.finditer(text):
            fix = unicodedata.normalize("NFKC", m.group())
            yield FULLWIDTH_ALNUM.finding(segment, m.start(), m.end(), f"Full-width characters: use '{fix}'", (fix,), safe=True)
        for m in re.finditer("\u3000+", text):
            yield IDEOGRAPHIC_SPACE.finding(
                segment, m.start(), m.end(), "Ideographic space: use a normal space", (" ",), safe=True
            )


class BalanceCheck:
    """Unbalanced brackets and quotes within a paragraph."""

    rules = (UNBALANCED_BRACKET, UNBALANCED_QUOTE)

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Quotes need the next paragraph (a quotation may continue), so this runs per document."""
        segments = doc.segments
        for i, seg in enumerate(segments):
            text = seg.target
            # Most paragraphs hold no bracket or no quote: a substring test in C skips the generator.
            if "(" in text or ")" in text or "[" in text or "]" in text or "{" in text or "}" in text:
                yield from self._brackets(seg)
            if '"' in text or "“" in text or "”" in text:
                following = segments[i + 1].target.lstrip() if i + 1 < len(segments) else ""
                yield from self._quotes(seg, following)

    def _brackets(self, segment: Segment) -> Iterator[Finding]:
        text = segment.target
        found = [(m.start(), m.group()) for m in _BRACKET_CHAR_RE.finditer(text)]
        if not found:
            return
        markers = {m.end() - 1 for m in LIST_MARKER_RE.finditer(text)}
        stack: list[tuple[str, int]] = []
        for i, ch in found:
            if ch in BRACKETS:
                stack.append((ch, i))
            elif ch in CLOSERS:
                if stack and stack[-1][0] == CLOSERS[ch]:
                    stack.pop()
                elif i not in markers:
                    yield UNBALANCED_BRACKET.finding(segment, i, i + 1, f"Closing '{ch}' without an opening '{CLOSERS[ch]}'")
        for ch, i in stack:
            yield UNBALANCED_BRACKET.finding(segment, i, i + 1, f"Opening '{ch}' is never closed")

    def _quotes(self, segment: Segment, following: str) -> Iterator[Finding]:
        text = segment.target
        straight = [m.start() for m in re.finditer('"', text)] if '"' in text else []
        continues = following[:1] in {'"', "“"}
        if len(straight) % 2 == 1 and not continues:
            i = straight[-1]
            yield UNBALANCED_QUOTE.finding(segment, i, i + 1, "Odd number of quotation marks in this paragraph")
        depth = 0
        last_open = -1
        for m in _CURLY_DOUBLE_RE.finditer(text):
            i, ch = m.start(), m.group()
            if ch == "“":
                depth += 1
                last_open = i
            elif ch == "”":
                if depth == 0:
                    yield UNBALANCED_QUOTE.finding(segment, i, i + 1, "Closing quote without an opening quote")
                else:
                    depth -= 1
        if depth > 0 and not continues:
            yield UNBALANCED_QUOTE.finding(segment, last_open, last_open + 1, "Opening quote is never closed")


_CURLY = re.compile("[“”]")


class QuoteStyleCheck:
    """Curly quotes in a document that uses straight quotes elsewhere, or touching CJK text."""

    rules = (CURLY_QUOTES_MIXED,)

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Flag the minority style only when straight quotes clearly dominate."""
        texts = [seg.target for seg in doc.segments]
        straight = sum(map(str.count, texts, repeat('"')))
        curly = sum(map(str.count, texts, repeat("“"))) + sum(map(str.count, texts, repeat("”")))
        for seg in doc.segments:
            text = seg.target
            if "“" not in text and "”" not in text:
                continue  # most segments: two substring tests in C instead of a regex scan
            for m in _CURLY.finditer(text):
                near_cjk = bool(CJK_RE.search(text[max(0, m.start() - 1) : m.end() + 1]))
                if straight > curly or near_cjk:
                    yield CURLY_QUOTES_MIXED.finding(
                        seg, m.start(), m.end(), "Curly quote in a text that uses straight quotes", ('"',), safe=True
                    )


def checks() -> list[Check]:
    """The checks of this family."""
    return [ScriptCheck(), BalanceCheck(), QuoteStyleCheck()]
