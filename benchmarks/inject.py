"""Deterministic error injection into segments no rater faulted (recall where real data has few errors)."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from benchmarks.scoring import AnnotatedDoc, AnnotatedSegment, spans_overlap
from checks.model import Finding

CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,4}")
WORD = re.compile(r"(?<![\w-])[A-Za-z]{3,}(?![\w-])")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
CAP_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{3,}(?![\w-])")
# Function words that cannot open or close a term ("the security" is no term; "security council" is).
STOP = frozenset({
    "a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "by", "at", "from", "as", "is", "are",
    "was", "were", "be", "its", "their", "his", "her", "this", "that", "these", "those", "it", "he", "she", "they",
    "we", "our", "your", "has", "have", "had", "will", "would", "said",
})
SWAPS = {"l": "r", "r": "l", "b": "p", "p": "b"}
FULLWIDTH = {",": "，", ".": "。"}
KINDS = ("chinese-fragment", "fullwidth-punctuation", "changed-number", "name-respelled", "term-varied")


@dataclass(frozen=True, slots=True)
class Injection:
    """One injected error: where it is in the modified target and what it replaced."""

    kind: str
    seg: str
    start: int
    end: int
    original: str
    injected: str


def _clean(seg: AnnotatedSegment) -> bool:
    return not seg.errors


def _untouched(seg: AnnotatedSegment, start: int, end: int) -> bool:
    """No rater's target-side span touches target[start:end] (the injected error stays the only one there).

    Only 292 of the 3,770 WMT23 segments have no annotation at all, and a repeated name or term
    rarely falls into one of them, so the document-level injections use untouched spans instead.
    """
    return not any(e.on_target and spans_overlap(start, end, e.start, e.end) for e in seg.errors)


def _splice(doc: AnnotatedDoc, seg_id: str, start: int, end: int, new: str) -> AnnotatedDoc:
    segments = [replace(s, target=s.target[:start] + new + s.target[end:]) if s.seg == seg_id else s
                for s in doc.segments]
    return replace(doc, segments=segments)


def inject_chinese(doc: AnnotatedDoc, rng: random.Random) -> tuple[AnnotatedDoc, list[Injection]]:
    """In every clean segment, replace one English word by a run of Chinese characters from its source."""
    out: list[Injection] = []
    for seg in doc.segments:
        runs = CJK_RUN.findall(seg.source)
        words = list(WORD.finditer(seg.target))
        if not _clean(seg) or not runs or not words:
            continue
        run, word = rng.choice(runs), rng.choice(words)
        doc = _splice(doc, seg.seg, word.start(), word.end(), run)
        out.append(Injection("chinese-fragment", seg.seg, word.start(), word.start() + len(run), word.group(), run))
    return doc, out


def inject_fullwidth(doc: AnnotatedDoc, rng: random.Random) -> tuple[AnnotatedDoc, list[Injection]]:
    """In every clean segment, turn one comma or full stop into its full-width form."""
    out: list[Injection] = []
    for seg in doc.segments:
        marks = [m for m in re.finditer(r"[,.]", seg.target)
                 if not (m.start() > 0 and seg.target[m.start() - 1].isdigit()
                         and m.end() < len(seg.target) and seg.target[m.end()].isdigit())]
        if not _clean(seg) or not marks:
            continue
        m = rng.choice(marks)
        doc = _splice(doc, seg.seg, m.start(), m.end(), FULLWIDTH[m.group()])
        out.append(Injection("fullwidth-punctuation", seg.seg, m.start(), m.end(), m.group(), FULLWIDTH[m.group()]))
    return doc, out


def inject_number(doc: AnnotatedDoc, rng: random.Random) -> tuple[AnnotatedDoc, list[Injection]]:
    """In every clean segment with a number the source also writes in digits, change one digit of it."""
    out: list[Injection] = []
    for seg in doc.segments:
        source_numbers = set(NUMBER.findall(seg.source))
        numbers = [m for m in NUMBER.finditer(seg.target) if m.group() in source_numbers]
        if not _clean(seg) or not numbers:
            continue
        m = rng.choice(numbers)
        digits = [i for i, ch in enumerate(m.group()) if ch.isdigit()]
        i = digits[-1]
        new_digit = str((int(m.group()[i]) + rng.randint(1, 8)) % 10)
        if i == 0 and new_digit == "0" and len(m.group()) > 1:
            new_digit = "1"
        new = m.group()[:i] + new_digit + m.group()[i + 1:]
        doc = _splice(doc, seg.seg, m.start(), m.end(), new)
        out.append(Injection("changed-number", seg.seg, m.start(), m.end(), m.group(), new))
    return doc, out


def _respell(word: str) -> str | None:
    for i, ch in enumerate(word):
        if i > 0 and ch in SWAPS:
            return word[:i] + SWAPS[ch] + word[i + 1:]
    return None


def inject_name(doc: AnnotatedDoc, rng: random.Random, common_words: frozenset[str] = frozenset()
                ) -> tuple[AnnotatedDoc, list[Injection]]:
    """Respell one occurrence (no rater's span on it) of a name used 2+ times: l<->r or b<->p."""
    counts = Counter(m.group() for s in doc.segments for m in CAP_WORD.finditer(s.target))
    names = sorted(w for w, n in counts.items() if n >= 2 and w.lower() not in common_words and _respell(w))
    if not names:
        return doc, []
    spots_by_name = {name: [(s.seg, m.start(), m.end()) for s in doc.segments for m in CAP_WORD.finditer(s.target)
                            if m.group() == name and _untouched(s, m.start(), m.end())] for name in names}
    names = [n for n in names if spots_by_name[n]]
    if not names:
        return doc, []
    name = rng.choice(names)
    spots = spots_by_name[name]
    seg_id, start, end = rng.choice(spots)
    new = _respell(name)
    assert new is not None
    return _splice(doc, seg_id, start, end, new), [Injection("name-respelled", seg_id, start, end, name, new)]


def load_synonym_sets(path: Path) -> list[list[str]]:
    """The word sets of resources/variants/synonyms.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [[str(w).lower() for w in entry.get("words", [])] for entry in data.get("sets", [])]


def inject_term(doc: AnnotatedDoc, rng: random.Random, sets: Sequence[Sequence[str]]
                ) -> tuple[AnnotatedDoc, list[Injection]]:
    """Where a 2- or 3-word term with a word of a synonym set repeats, swap that word in one occurrence."""
    word_set = {w: i for i, words in enumerate(sets) for w in words}
    grams: Counter[tuple[str, ...]] = Counter()
    for seg in doc.segments:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", seg.target)]
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                gram = tuple(words[i:i + n])
                if any(w in word_set for w in gram) and gram[0] not in STOP and gram[-1] not in STOP:
                    grams[gram] += 1
    terms = sorted(g for g, n in grams.items() if n >= 2)
    if not terms:
        return doc, []
    spots_by_term = {}
    for term in terms:
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in term) + r"(?![\w-])", re.IGNORECASE)
        spots_by_term[term] = [(s.seg, m) for s in doc.segments for m in pattern.finditer(s.target)
                               if _untouched(s, m.start(), m.end())]
    terms = [t for t in terms if spots_by_term[t]]
    if not terms:
        return doc, []
    spots = spots_by_term[rng.choice(terms)]
    seg_id, m = rng.choice(spots)
    words = list(re.finditer(r"[A-Za-z]+", m.group()))
    target_word = next(w for w in words if w.group().lower() in word_set)
    choices = [w for w in sets[word_set[target_word.group().lower()]] if w != target_word.group().lower()]
    new_word = rng.choice(choices)
    if target_word.group()[:1].isupper():
        new_word = new_word[:1].upper() + new_word[1:]
    start, end = m.start() + target_word.start(), m.start() + target_word.end()
    return (_splice(doc, seg_id, start, end, new_word),
            [Injection("term-varied", seg_id, start, start + len(new_word), target_word.group(), new_word)])


def caught_by(inj: Injection, findings: Sequence[Finding], baseline: Sequence[Finding]) -> list[str]:
    """Codes of new findings (not in the uninjected run) that point at *inj*.

    A finding points at it when it overlaps the injected span in its segment, or when it is a
    new finding anywhere in the document whose text is the injected or the replaced form (the
    consistency checks may flag the other occurrence).
    """
    before = {(f.code, f.segment, f.start, f.end, f.text) for f in baseline}
    codes: list[str] = []
    forms = {inj.injected.lower(), inj.original.lower()}
    for f in findings:
        if (f.code, f.segment, f.start, f.end, f.text) in before:
            continue
        in_span = f.segment == inj.seg and spans_overlap(f.start, f.end, inj.start, inj.end)
        other_form = inj.kind in ("name-respelled", "term-varied") and any(form in f.text.lower() for form in forms)
        if in_span or other_form:
            codes.append(f.code)
    return sorted(set(codes))


Injector = Callable[[AnnotatedDoc, random.Random], tuple[AnnotatedDoc, list[Injection]]]
