"""Untranslated text (source copies, source-language fragments) and flipped negations, zh->en."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from checks.builtin.source_common import CJK_RUN, HAN, entry_forms, gazetteer_hits
from checks.context import Context
from checks.model import Finding, Segment, Severity
from checks.registry import Check, Example, RuleMeta
from checks.termbase import load as load_termbase

IDENTICAL = RuleMeta(
    code="AC910",
    rule="target-same-as-source",
    title="Target identical to the source",
    category="Accuracy/Untranslated text",
    severity=Severity.MAJOR,
    description="The segment was copied from the source instead of being translated.",
    examples_fail=(Example(target="北约峰会在海牙举行。", source="北约峰会在海牙举行。"),),
    examples_pass=(
        Example(target="The NATO summit was held in The Hague.", source="北约峰会在海牙举行。"),
        Example(target="NATO", source="NATO"),
    ),
    needs_source=True,
)
FRAGMENT = RuleMeta(
    code="AC911",
    rule="source-language-fragment",
    title="Source-language fragment left in the target",
    category="Accuracy/Source language fragment",
    severity=Severity.MAJOR,
    description=(
        "Source-language (CJK) text copied from the source into the target: a known name or term (the "
        "gazetteer or termbase translation is the suggestion), or a segment mostly left in the source "
        "language. Other CJK runs are left to the target-only script check (PU302), so that one span is "
        "not reported twice without a fix."
    ),
    examples_fail=(
        Example(target="马克龙 expressed support for the plan.", source="马克龙表示支持该计划。"),
        Example(target="Report: 该报告由经济观察网发表。", source="该报告由经济观察网发表。"),
    ),
    examples_pass=(
        Example(target="Macron expressed support for the plan.", source="马克龙表示支持该计划。"),
        Example(
            target="The report was published by the Economic Observer on Monday.",
            source="该报告由经济观察网于周一发表。",
        ),
    ),
    needs_source=True,
)
LATIN_LEFTOVER = RuleMeta(
    code="AC912",
    rule="source-language-sentence",
    title="Segment still in the (Latin-script) source language",
    category="Accuracy/Untranslated text",
    severity=Severity.MAJOR,
    description=(
        "For Latin-script source languages, where a script test cannot tell: the target is detected "
        "(langdetect, deterministic) as the source language rather than English."
    ),
    examples_fail=(
        Example(
            target="Der Gipfel fand gestern in Paris statt und dauerte nach Angaben der Minister sehr lange.",
            source="Der Gipfel der Koalition fand gestern in Paris statt und dauerte sehr lange.",
        ),
    ),
    examples_pass=(
        Example(
            target="The coalition summit took place in Paris yesterday and lasted a long time.",
            source="Der Gipfel der Koalition fand gestern in Paris statt und dauerte sehr lange.",
        ),
    ),
    needs_source=True,
)
NOT_RULED_OUT = RuleMeta(
    code="AC920",
    rule="not-ruled-out-flipped",
    title="'Does not rule out' rendered as 'ruled out'",
    category="Accuracy/Mistranslation",
    severity=Severity.MAJOR,
    description="Source 不排除/不能排除 (does not rule out) but the target says excluded/ruled out without a negation.",
    examples_fail=(
        Example(target="The minister ruled out sending troops.", source="部长不排除派兵的可能。"),
    ),
    examples_pass=(
        Example(target="The minister did not rule out sending troops.", source="部长不排除派兵的可能。"),
        Example(target="The minister ruled out sending troops.", source="部长排除了派兵的可能。"),
    ),
    needs_source=True,
)
NEGATION_LOST = RuleMeta(
    code="AC921",
    rule="negation-missing",
    title="Negation of the source not found in the target",
    category="Accuracy/Mistranslation",
    severity=Severity.NEUTRAL,
    description=(
        "The source negates (并非, 从未, 尚未, 没有, 不是...) but the target has no negative word at all "
        "(not, no, never, without, un-...). Uncertain, hence minor."
    ),
    examples_fail=(Example(target="The two sides have reached an agreement.", source="双方尚未达成协议。"),),
    examples_pass=(
        Example(target="The two sides have not yet reached an agreement.", source="双方尚未达成协议。"),
        Example(target="Prices kept rising and many people moved.", source="物价不断上涨，不少人搬走了。"),
    ),
    needs_source=True,
)

# Source negations strong enough to expect a negative word in the English: phrasal forms
# only. Bare 不/无 are too often inside words (不断, 不少, 无论) or rendered as antonyms.
_ZH_NEGATION = re.compile(
    r"并非|并不|并没有?|从未|从来没有?|从没|尚未|未能|未曾|仍未|还未|还没有?|绝不|决不|毫不|不是|不会|不能|无法|不再|没有"
    r"|(?<![前尚从仍还])未(?!来|知|婚|成年|免|必|曾|能|经许可)"
)
# Every source negation above contains one of these characters.
_ZH_NEGATION_CHARS = re.compile("[不没未非无]")
_A_NOT_A = re.compile(r"(\w)[不没]\1有?")
_NOT_RULED_OUT = re.compile(r"(?:不|未|并不|不能|无法|难以)排除")
_EN_NEGATION = re.compile(
    r"n't\b|\b(?:not|no|never|none|nobody|nothing|nowhere|neither|nor|without|cannot|lack\w*|fail\w*|absen\w*"
    r"|refus\w*|den(?:y|ies|ied)|unable|impossible|instead|rather|free|avoid\w*|prevent\w*|hardly|barely"
    r"|rarely|seldom|little|few|only|miss\w*|non\w*|yet|neglect\w*|ignor\w*|declin\w*|reject\w*|insufficient"
    r"|inability|incapable|invalid|irrelevant|dis\w+|stop\w*|ceas\w*|far from|beyond|exclud\w*|zero|unless"
    r"|un(?!der|til|it|ion|iqu|iform|iver|if)[a-z]{3,}|\w+less)\b",
    re.I,
)
_RULED_OUT = re.compile(r"\b(?:rul(?:ed|es|ing)?\s+out|exclud(?:e|ed|es|ing))\b", re.I)
_NEGATED_BEFORE = re.compile(
    r"(?:n't|\bnot|\bnever|\bno|\bcannot|\bwithout|\bnor|\bunable to|\brefus\w* to|\bfail\w* to)\W+(?:\w+\W+){0,3}$",
    re.I,
)


# NFKC and lower() map no character below U+2E80 to an ideograph, and a Han character stays one:
# a target without such characters cannot be a normalised copy of a source with Han in it. A text
# has one when its greatest character is one (max() in C; the regex class of the range took
# 8 ms to compile, for each run, before the workers start).
def _wide(text: str) -> bool:
    """Whether non-empty *text* has a character from U+2E80 up."""
    return max(text) >= "\u2e80"


_SPACE = re.compile(r"\s")


def _norm(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=1)
def _detector() -> object:
    from langdetect import DetectorFactory

    # Fixed seed: the same text is always given the same language.
    DetectorFactory.seed = 0
    return DetectorFactory


def _detect(text: str) -> list[tuple[str, float]]:
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    _detector()
    try:
        return [(g.lang, g.prob) for g in detect_langs(text)]
    except LangDetectException:
        return []


def _term_translations(ctx: Context) -> dict[str, str]:
    # Loaded before entering the cache: Resources.get holds a non-reentrant lock.
    termbase = load_termbase(ctx)

    def build(_cfg: object) -> dict[str, str]:
        table: dict[str, str] = {}
        for entry in termbase.entries:
            for src in entry.source:
                table.setdefault(src, entry.preferred)
        return table

    return ctx.resources.get("source_text.term_translations", build)


class Untranslated:
    """Whole-segment copies, copied CJK runs and Latin-script source-language sentences."""

    rules = (IDENTICAL, FRAGMENT, LATIN_LEFTOVER)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield untranslated text of *segment*."""
        source, target = segment.source or "", segment.target
        if not source.strip() or not target.strip():
            return
        has_han = HAN.search(source)
        # isascii() is a flag test, and most targets are ASCII: no scan, and no call, for them.
        wide = not target.isascii() and _wide(target)
        if (
            (not has_han or wide)
            and _norm(source) == _norm(target)
            and re.search(r"[^\W\d_]{2}", source)
            and (has_han or len(source.split()) >= 3)
        ):
            start = len(target) - len(target.lstrip())
            yield IDENTICAL.finding(segment, start, len(target.rstrip()), "the target is a copy of the source")
            return
        if has_han and not wide:
            # The common case, settled here: every CJK run lies above U+2E80, so the target has
            # none to copy (no fragments), and a source with Han needs no language detection.
            return
        yield from self._fragments(segment, ctx)
        yield from self._latin(segment, ctx)

    def _fragments(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        source, target = segment.source or "", segment.target
        known: dict[str, str] | None = None
        copied = 0
        for m in CJK_RUN.finditer(target):
            run = m.group()
            if len(run) < 2 or run not in source:
                continue
            copied += len(run)
            if known is None:
                known = dict(_term_translations(ctx))
                for s, e, entry in gazetteer_hits(ctx, source):
                    known.setdefault(source[s:e], entry_forms(entry)[0])
            suggestion = known.get(run)
            if suggestion:
                # The run itself is also a CJK run for PU302; this finding adds the translation.
                yield FRAGMENT.finding(
                    segment, m.start(), m.end(), f"'{run}' is copied from the source (known as '{suggestion}')",
                    (suggestion,),
                )
        # Unknown runs are left to the target-only script check (PU302), unless most of the
        # segment is source text: then one finding says the segment is largely untranslated.
        if known is None:
            return
        letters = len(_SPACE.sub("", target))
        if copied * 2 >= letters and letters:
            start = len(target) - len(target.lstrip())
            yield FRAGMENT.finding(
                segment, start, len(target.rstrip()), "most of the segment is still in the source language"
            )

    def _latin(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        source, target = segment.source or "", segment.target
        # Script tests settle CJK sources; only a Latin-script source needs language detection.
        if CJK_RUN.search(source) or CJK_RUN.search(target):
            return
        words = re.findall(r"[^\W\d_]+", target)
        if len(words) < 6:
            return
        target_guess = _detect(target)
        if not target_guess or target_guess[0][0] == "en" or target_guess[0][1] < 0.9:
            return
        source_guess = _detect(source)
        if source_guess and source_guess[0][0] == target_guess[0][0] and source_guess[0][0] != "en":
            start = len(target) - len(target.lstrip())
            yield LATIN_LEFTOVER.finding(
                segment, start, len(target.rstrip()),
                f"the target reads as '{target_guess[0][0]}' (the source language), not English",
            )


@lru_cache(maxsize=4096)
def _source_negation(source: str) -> tuple[bool, bool, str | None]:
    """Whether *source* has Han, says 'does not rule out' (不排除), and the negation it has if any.

    Found once per distinct source text: files repeat sources (several systems translating
    one), and the answer is three small values.
    """
    if not HAN.search(source):
        return False, False, None
    ruled_out = "排除" in source and _NOT_RULED_OUT.search(source) is not None
    # Most sources negate nothing: one character search settles them (A-not-A removal below
    # only deletes characters, so it cannot create a negation).
    if not _ZH_NEGATION_CHARS.search(source):
        return True, ruled_out, None
    # A-not-A questions (会不会, 有没有, 是不是) ask; they do not negate.
    neg = _ZH_NEGATION.search(_A_NOT_A.sub("", source))
    return True, ruled_out, neg.group() if neg else None


# Negations common enough in targets to settle most of them with substring tests in C. Each one,
# found in the lower-cased text, is a match of _EN_NEGATION: lower() makes these letters and the
# space only from the same letters in either case and the space.
_COMMON_EN_NEGATIONS = (" not ", "n't ", " no ", " never ", " without ")


def _has_en_negation(target: str) -> bool:
    lowered = target.lower()
    return any(word in lowered for word in _COMMON_EN_NEGATIONS) or _EN_NEGATION.search(target) is not None


class Negation:
    """Negations of the source that the target drops or flips."""

    rules = (NOT_RULED_OUT, NEGATION_LOST)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield lost or flipped negations of *segment*."""
        source, target = segment.source or "", segment.target
        if not source or not target.strip():
            return
        han, ruled_out, negation = _source_negation(source)
        if not han:
            return
        if ruled_out:
            flipped = False
            for m in _RULED_OUT.finditer(target):
                if not _NEGATED_BEFORE.search(target[: m.start()]):
                    flipped = True
                    yield NOT_RULED_OUT.finding(
                        segment, m.start(), m.end(),
                        "the source says 'does not rule out' (不排除) but the target has no negation here",
                        ("not " + m.group(),),
                    )
            if flipped:
                return
        if negation is not None and not _has_en_negation(target):
            end = len(target.rstrip())
            yield NEGATION_LOST.finding(
                segment, end, end, f"the source negates ('{negation}') but the target has no negative word"
            )


def checks() -> list[Check]:
    """Return the untranslated-text and negation checks."""
    return [Untranslated(), Negation()]
