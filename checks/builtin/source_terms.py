"""Terminology through the source: one source term rendered two ways, termbase adherence, segment consistency."""

from __future__ import annotations

import functools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain, compress, count, repeat
from typing import Any

from checks.builtin.source_common import HAN, gazetteer
from checks.builtin.terms import SynonymSets, load_synonyms
from checks.context import Context
from checks.model import Document, Finding, Segment, Severity
from checks.prefilter import folded_specials
from checks.registry import Check, Example, RuleMeta
from checks.termbase import TermEntry
from checks.termbase import load as load_termbase
from checks.text import LEADING_MARKS, lower_letter_words, singular

INCONSISTENT = RuleMeta(
    code="TE120",
    rule="source-term-rendered-differently",
    title="One source term rendered in different ways",
    category="Terminology/Inconsistent use of terminology",
    severity=Severity.MINOR,
    description=(
        "A Chinese term that repeats in the document (an n-gram of 2-4 characters) is rendered by target "
        "phrases that differ only in known MT alternations (security/safety, initiative/proposal) or in "
        "spelling. The majority rendering is suggested."
    ),
    examples_fail=(
        Example(
            target="The Global Security Initiative was discussed.\n\nThe Global Safety Initiative has support."
            "\n\nChina promotes the Global Security Initiative.",
            source="会议讨论了全球安全倡议。\n\n全球安全倡议得到支持。\n\n中国推动全球安全倡议。",
        ),
    ),
    examples_pass=(
        Example(
            target="The Global Security Initiative was discussed.\n\nThe Global Security Initiative has support.",
            source="会议讨论了全球安全倡议。\n\n全球安全倡议得到支持。",
        ),
        Example(
            target="Food safety is improving.\n\nNational security comes first.",
            source="食品安全正在改善。\n\n国家安全第一。",
        ),
    ),
    needs_source=True,
)
SHARED_RENDERING = RuleMeta(
    code="TE121",
    rule="one-rendering-for-two-terms",
    title="Termbase rendering used for another source term",
    category="Terminology/Wrong term",
    severity=Severity.MINOR,
    description=(
        "The preferred rendering of one termbase concept appears where the source has another concept's "
        "term instead (and not its own): one target term for two different source terms."
    ),
    examples_fail=(
        Example(
            target="The Global Security Initiative promotes growth.",
            source="全球发展倡议促进增长。",
        ),
    ),
    examples_pass=(
        Example(target="The Global Development Initiative promotes growth.", source="全球发展倡议促进增长。"),
    ),
    needs_source=True,
)
TERMBASE_MISSING = RuleMeta(
    code="TE122",
    rule="termbase-term-not-used",
    title="Required termbase rendering not used",
    category="Terminology/Wrong term",
    severity=Severity.MINOR,
    description=(
        "The source contains a termbase term but the target does not use its preferred rendering. "
        "(Deprecated renderings themselves are flagged by TE101 on their span.)"
    ),
    examples_fail=(
        Example(target="Xi called for shared wealth.", source="习近平呼吁共同富裕。"),
        Example(target="He spoke of the alliance of those who are willing.", source="他谈到了自愿联盟。"),
    ),
    examples_pass=(
        Example(target="Xi called for common prosperity.", source="习近平呼吁共同富裕。"),
        Example(target="The coalitions of the willing met.", source="自愿联盟开会。"),
    ),
    needs_source=True,
)
SEGMENT_TARGETS = RuleMeta(
    code="TE123",
    rule="same-source-different-target",
    title="Inconsistency in target (same source, different translations)",
    category="Fluency/Inconsistency",
    severity=Severity.MINOR,
    description="Xbench-style: identical source segments are translated differently; the majority is suggested.",
    examples_fail=(
        Example(
            target="Summit ends\n\nThe summit ended.\n\nSummit ends",
            source="峰会结束\n\n峰会结束\n\n峰会结束",
        ),
    ),
    examples_pass=(Example(target="Summit ends\n\nSummit ends", source="峰会结束\n\n峰会结束"),),
    needs_source=True,
)
SEGMENT_SOURCES = RuleMeta(
    code="TE124",
    rule="same-target-different-source",
    title="Inconsistency in source (different sources, same translation)",
    category="Fluency/Inconsistency",
    severity=Severity.MINOR,
    description="Xbench-style: different source segments got the same translation; one of them is likely wrong.",
    examples_fail=(
        Example(target="The talks continue.\n\nThe talks continue.", source="会谈继续。\n\n会谈结束。"),
    ),
    examples_pass=(
        Example(target="The talks continue.\n\nThe talks ended.", source="会谈继续。\n\n会谈结束。"),
    ),
    needs_source=True,
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PUNCT = re.compile(r"[^\w\s'-]")
# Capitalised words joined by spaces or hyphens. The capital comes first and the word boundary is
# tested behind it (same matches): re then skips to capitals instead of testing every position.
_NAME_PHRASE = re.compile(r"[A-Z](?<![\w-].)[a-z]+(?:(?: [A-Z]|-[A-Za-z])[a-z]+){0,2}(?![\w-])")
_NOT_LOWER = re.compile(r"[^a-z]")
_STOP = frozenset({
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is", "are",
    "was", "were", "be", "been", "that", "this", "these", "those", "it", "its", "he", "she", "they", "we", "his",
    "her", "their", "our", "which", "who", "has", "have", "had", "will", "would", "not", "no", "but", "said",
})
_STOP_TITLE = frozenset(w.capitalize() for w in _STOP)
_Words = tuple[str, ...]  # a phrase (its words' singulars, or "=" and a name), or a phrase's signature
_Signed = list[tuple[_Words, _Words]]  # the (signature, phrase) pairs of a target
_Span = tuple[RuleMeta, int, int, str, tuple[str, ...]]  # a finding without its segment


@functools.lru_cache(maxsize=4096)
def _form_regex(form: str) -> re.Pattern[str] | None:
    # Whole words, any case, and optional plural endings ("coalitions of the willing").
    pattern = r"[\s-]+".join(re.escape(w) + r"(?:s|es)?" for w in form.split())
    return re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.I) if pattern else None


def _clean_gap(gap: str) -> bool:
    return _PUNCT.search(gap) is None


# Per byte of ASCII text: a letter lowered, an apostrophe or hyphen kept, a character of _PUNCT a "|",
# any other (digits, underscores, whitespace) a space.
_CLAUSE_BYTES = bytes(
    c | 32 if chr(c).isalpha() else c if chr(c) in "'-" else 124 if _PUNCT.match(chr(c)) else 32 for c in range(128)
) + b" " * 128


def _clause_tokens(text: str) -> list[str]:
    """The lower_letter_words of ASCII *text*, with a "|" between two words where the gap holds punctuation.

    A byte table and a split, in C. A run with leading apostrophes or hyphens is the word after them (a
    word starts at a letter), and they belong to the gap before it, where they are no punctuation.
    """
    spaced = " " + text.encode("ascii").translate(_CLAUSE_BYTES).decode("ascii").replace("|", " | ")
    if " '" not in spaced and " -" not in spaced:
        return spaced.split()
    return LEADING_MARKS.sub(" ", spaced).split()


@functools.lru_cache(maxsize=4096)
def _ascii_form_words(form: str) -> tuple[str, ...] | None:
    """The lower-cased words of an ASCII *form* (None for another form)."""
    return tuple(form.lower().split()) if form.isascii() else None


def _has_form(text: str, form: str) -> re.Match[str] | None:
    regex = _form_regex(form)
    if regex is None:
        return None
    # Each word of the form is in every match, whatever its case: most searches (three in four on
    # a news file) are settled by looking for the words in the lower-cased text. Without the letters
    # that a case-insensitive regex takes for others (the long s, the Kelvin sign, dotted and dotless
    # i), an ASCII word matches only where its lower-cased letters stand in the lower-cased text.
    words = _ascii_form_words(form)
    if words is not None and not folded_specials(text):
        lowered = text.lower()
        if not all(word in lowered for word in words):
            return None
    return regex.search(text)


@functools.lru_cache(maxsize=4096)
def _content_words(term: str) -> frozenset[str]:
    # Cached: _siblings compares each lacking termbase term with every entry.
    return frozenset(w.lower() for w in _WORD.findall(term) if len(w) >= 4 and w.lower() not in _STOP)


def _siblings(a: str, b: str) -> bool:
    """Terms of the same shape that share most words: one is easily used for the other."""
    wa, wb = _content_words(a), _content_words(b)
    return len(a.split()) == len(b.split()) and len(wa & wb) >= max(1, min(len(wa), len(wb)) - 1)


def _short_form_used(target: str, preferred: str, gaz: Any | None = None) -> bool:
    """Whether the target uses an accepted short form of *preferred*.

    News style shortens names: the acronym ("WHO"), the head before an "of" phrase ("General
    Secretary"), the site name without its domain ("Chinanews"), a proper first word ("Xinhua"
    for Xinhua News Agency), or the same capitalised words in another order ("European
    Commission President").
    """
    words = preferred.split()
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) >= 2:
        acronym = "".join(w[0] for w in capitals)
        if re.search(rf"(?<![\w-]){acronym}(?![\w-])", target):
            return True
        if len(words) >= 3 and all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", target) for w in capitals):
            return True
    bare = re.sub(r"\.(?:com|cn|org|net)$", "", preferred)
    if bare != preferred and _has_form(target, bare):
        return True
    first = words[0]
    proper_first = gaz is not None and len(capitals) == len(words) > 1 and len(first) >= 4 and not gaz.is_word(first)
    if proper_first and _has_form(target, first):
        return True
    head = re.split(r"\s+(?:of|for|on)\s+", preferred, maxsplit=1)[0]
    return head != preferred and len(head.split()) >= 2 and _has_form(target, head) is not None


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _ngrams(text: str) -> Iterable[str]:
    """Every substring of 2-4 characters (with repeats), built by C-level maps, not a Python loop."""
    two = list(map(operator.add, text, text[1:]))
    three = list(map(operator.add, two, text[2:]))
    return chain(two, three, map(operator.add, three, text[3:]))


def _han_ngrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _HAN_RUN.findall(text):
        grams.update(_ngrams(run))
    return grams


def _found_in(grams: set[str], texts: Iterable[str]) -> set[str]:
    """The *grams* (Han 2-4-grams) that occur in one of *texts*.

    The texts are joined by line breaks (no Han n-gram spans one) and padded, and only the places whose
    two characters start one of the grams are read further: two-character strings for the whole text
    and longer ones at those places, all built by C-level maps. Same as intersecting the grams with
    every text's _ngrams, for a third of the strings.
    """
    text = "\n".join(texts) + "\n\n\n"
    heads = {g[:2] for g in grams}
    two = list(map(operator.add, text, text[1:]))
    at = list(compress(count(), map(heads.__contains__, two)))
    two = list(map(two.__getitem__, at))
    three = list(map(operator.add, two, map(text.__getitem__, map(operator.add, at, repeat(2)))))
    four = map(operator.add, three, map(text.__getitem__, map(operator.add, at, repeat(3))))
    return grams.intersection(chain(two, three, four))


def _triggers(synonyms: SynonymSets) -> frozenset[str]:
    """Every word whose singular is in a synonym set: a target with none of them has no synonym phrase."""
    return frozenset(w for k in synonyms.sets for w in (k, k + "s", k[:-1] + "ies") if singular(w) in synonyms.sets)


def _rival_names(names: Iterable[str]) -> set[str]:
    """The names (matches of _NAME_PHRASE) that may have a rival rendering among *names*.

    A name's signature is its letters in lower case and its ending the whole name in lower case
    (_signature): only a name whose letters another name spells otherwise ("Fang Fang", "Fangfang")
    can have a rival. The names that start with a stop word are no keys (see _rival_keys).
    """
    letters = {name: _NOT_LOWER.sub("", name.lower()) for name in set(names) if name.partition(" ")[0] not in _STOP_TITLE}
    spellings: dict[str, set[str]] = defaultdict(set)
    for name, key in letters.items():
        spellings[key].add(name.lower())
    return {name for name, key in letters.items() if len(spellings[key]) >= 2}


class _Singulars(dict[str, str]):
    """singular() of each word, computed once: a document repeats its words."""

    def __missing__(self, word: str) -> str:
        value = self[word] = singular(word)
        return value


class SourceTerms:
    """Document-level terminology checks that look at the source."""

    rules = (INCONSISTENT, SHARED_RENDERING, TERMBASE_MISSING, SEGMENT_TARGETS, SEGMENT_SOURCES)

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Yield the terminology findings of *doc*."""
        segments = [s for s in doc.segments if s.source and s.source.strip() and s.target.strip()]
        if not segments:
            return
        yield from self._termbase(segments, ctx)
        yield from self._whole_segments(segments)
        yield from self._renderings(segments, load_synonyms(ctx))

    # Termbase adherence ------------------------------------------------------------------------

    def _termbase(self, segments: list[Segment], ctx: Context) -> Iterator[Finding]:
        entries = [e for e in load_termbase(ctx).entries if e.source]
        if not entries:
            return
        gaz = gazetteer(ctx)
        siblings_of: dict[str, frozenset[str]] = {}

        def sibling_forms(preferred: str) -> frozenset[str]:
            # Preferred forms of the entries that are siblings of *preferred*, once per run.
            found = siblings_of.get(preferred)
            if found is None:
                found = siblings_of[preferred] = frozenset(
                    e.preferred for e in entries if _siblings(preferred, e.preferred)
                )
            return found

        # The entries (their places in *entries*) of each preferred form: a segment only searches
        # the siblings of the terms its target lacks, in the order of *entries*.
        places: dict[str, list[int]] = defaultdict(list)
        for n, entry in enumerate(entries):
            places[entry.preferred].append(n)
        by_first: dict[str, list[TermEntry]] = defaultdict(list)
        for entry in entries:
            for term in entry.source:
                by_first[term[:1]].append(entry)
        present_in: dict[str, list[TermEntry]] = {}  # sources repeat (headings, boilerplate)

        def spans(source: str, target: str, present: list[TermEntry]) -> list[_Span]:
            """The findings of a segment with *source* and *target*, without the segment."""
            out: list[_Span] = []
            end = len(target.rstrip())
            missing = []
            # Whether the target has each present term's preferred form (asked twice below).
            has = [_has_form(target, entry.preferred) is not None for entry in present]
            for entry, used in zip(present, has, strict=True):
                if used or _short_form_used(target, entry.preferred, gaz):
                    continue
                if any(_has_form(target, d) for d in entry.deprecated):
                    continue  # TE101 reports the deprecated form on its own span
                missing.append(f"'{'/'.join(t for t in entry.source if t in source)}': use '{entry.preferred}'")
            if missing:
                # One finding per segment (all share the end-of-segment point), listing every missing term.
                out.append((TERMBASE_MISSING, end, end, "the source has " + "; ".join(missing), ()))
            # Only a sibling concept of a term the target lacks is a likely confusion (Global Security /
            # Development Initiative): other entries need no search in this segment.
            lacking = [entry for entry, used in zip(present, has, strict=True) if not used]
            if not lacking:
                return out
            near = set().union(*(sibling_forms(e.preferred) for e in lacking))
            own = {e.preferred.lower() for e in present}
            for other in [entries[n] for n in sorted(chain.from_iterable(places[p] for p in near))]:
                if (
                    other.preferred.lower() in own
                    or len(other.preferred.split()) < 2
                    or any(t in source for t in other.source)
                ):
                    continue
                m = _has_form(target, other.preferred)
                if m:
                    wanted = next((e for e in lacking if _siblings(e.preferred, other.preferred)), None)
                    if wanted is not None:
                        out.append((
                            SHARED_RENDERING, m.start(), m.end(),
                            f"'{m.group()}' renders {other.source[0]}, but the source has "
                            f"{wanted.source[0]} ('{wanted.preferred}')",
                            (wanted.preferred,),
                        ))
            return out

        # What a segment gets depends on its source and target alone, and pairs repeat (one text
        # through several MT systems): each distinct pair is worked out once.
        spans_of: dict[tuple[str, str], list[_Span]] = {}
        for seg in segments:
            source = seg.source or ""
            present = present_in.get(source)
            if present is None:
                present = present_in[source] = self._entries_in(source, by_first)
            if not present:
                continue
            found = spans_of.get((source, seg.target))
            if found is None:
                found = spans_of[(source, seg.target)] = spans(source, seg.target, present)
            for meta, start, end, message, suggestions in found:
                yield meta.finding(seg, start, end, message, suggestions)

    @staticmethod
    def _entries_in(source: str, by_first: dict[str, list[TermEntry]]) -> list[TermEntry]:
        found: list[TermEntry] = []
        # In source order (not set order): the report must not depend on string hashing.
        for ch in sorted(by_first.keys() & set(source), key=source.index):
            for entry in by_first[ch]:
                if entry not in found and any(t in source for t in entry.source):
                    found.append(entry)
        # A longer term that contains a shorter one (中国特色社会主义 in 习近平新时代...) wins.
        return [
            e for e in found
            if not any(o is not e and any(t in s and t != s for t in e.source for s in o.source) for o in found)
        ]

    # Xbench: whole segments -------------------------------------------------------------------

    def _whole_segments(self, segments: list[Segment]) -> Iterator[Finding]:
        # Sources and targets repeat (headlines, boilerplate, one text through several MT systems):
        # each distinct text is keyed, stripped and measured once.
        source_keys = {source: _key(source) for source in {seg.source or "" for seg in segments}}
        spans: dict[str, tuple[str, int, int]] = {}  # target -> (stripped, start, end of the stripped span)
        target_keys: dict[str, str] = {}
        for target in {seg.target for seg in segments}:
            stripped = target.strip()
            start = len(target) - len(target.lstrip())
            spans[target] = (stripped, start, start + len(stripped))
            target_keys[target] = _key(target)
        by_source: dict[str, list[Segment]] = defaultdict(list)
        by_target: dict[str, list[Segment]] = defaultdict(list)
        for seg in segments:  # in document order: ties and the order of findings depend on it
            by_source[source_keys[seg.source or ""]].append(seg)
            by_target[target_keys[seg.target]].append(seg)
        for group in by_source.values():
            targets = Counter(spans[seg.target][0] for seg in group)
            if len(targets) < 2:
                continue
            majority, count = targets.most_common(1)[0]
            for seg in group:
                stripped, start, end = spans[seg.target]
                if stripped != majority or count == 1:
                    yield SEGMENT_TARGETS.finding(
                        seg, start, end,
                        "the same source is translated differently elsewhere in the document",
                        (majority,) if count > 1 else (),
                    )
        for group in by_target.values():
            if len(group) < 2 or len({source_keys[seg.source or ""] for seg in group}) < 2:
                continue
            if len(group[0].target.split()) < 3:
                continue
            for seg in group:
                _stripped, start, end = spans[seg.target]
                yield SEGMENT_SOURCES.finding(
                    seg, start, end,
                    "the same translation is used for different sources elsewhere in the document",
                )

    # One source term, two renderings -----------------------------------------------------------

    def _renderings(self, segments: list[Segment], synonyms: SynonymSets) -> Iterator[Finding]:
        # Target phrases that contain a word of a synonym set, keyed by their "signature" (each
        # such word replaced by its set): two phrases with one signature and different last words
        # are rival renderings. Every other word is its own signature, so rivals end in a synonym
        # word (or are names): the first pass only looks for such phrases (see _rival_keys), and
        # where a phrase occurs is only worked out for the few segments that are reported.
        endings: dict[_Words, set[str]] = defaultdict(set)
        triggers = _triggers(synonyms)
        signatures: dict[_Words, _Words] = {}  # phrases repeat across segments
        singulars = _Singulars()
        # Targets repeat too (headlines, boilerplate): keys are found once per distinct target.
        names_of = {target: _NAME_PHRASE.findall(target) for target in dict.fromkeys(seg.target for seg in segments)}
        rival_names = _rival_names(chain.from_iterable(names_of.values()))
        keys_of: dict[str, list[_Words]] = {}
        for target, names in names_of.items():
            keys = keys_of[target] = self._rival_keys(target, triggers, singulars, [n for n in names if n in rival_names])
            for words in keys:
                if words not in signatures:
                    signature = signatures[words] = self._signature(words, synonyms)
                    endings[signature].add(words[-1].lower())
        # Only a signature seen with two different last words anywhere can have rivals; and a
        # source unit can only be rendered two ways if every segment that has it has such a
        # signature in common. This keeps time and memory linear and small.
        rival_signatures = {sig for sig, ends in endings.items() if len(ends) >= 2}
        rival_keys = {words for words, sig in signatures.items() if sig in rival_signatures}
        signed: list[_Signed] = []  # the phrases of each segment that have a rival signature
        sig_sets: list[frozenset[_Words]] = []  # and those signatures
        no_rivals: tuple[_Signed, frozenset[_Words]] = ([], frozenset())
        rivals_of: dict[str, tuple[_Signed, frozenset[_Words]]] = {}
        for seg in segments:
            known = rivals_of.get(seg.target)
            if known is None:
                keys = keys_of[seg.target]
                if rival_keys.isdisjoint(keys):
                    known = rivals_of[seg.target] = no_rivals
                else:
                    rivals = [(signatures[words], words) for words in keys if words in rival_keys]
                    known = rivals_of[seg.target] = (rivals, frozenset(sig for sig, _ in rivals))
            signed.append(known[0])
            sig_sets.append(known[1])
        del keys_of, rivals_of
        # Where each phrase occurs, for the targets of reported segments only.
        occurrences: dict[str, dict[_Words, list[tuple[int, int, str]]]] = {}

        def phrases(i: int) -> dict[_Words, list[tuple[int, int, str]]]:
            target = segments[i].target
            found = occurrences.get(target)
            if found is None:
                found = occurrences[target] = self._phrases(target, synonyms, triggers, singulars)
            return found

        units = self._units(segments, signed)
        # Units found in exactly the same segments cannot be told apart by co-occurrence alone
        # (金正恩 and 主席台 may share all their segments): then the message names none of them.
        same_segments = Counter(tuple(idx) for idx in units.values())
        # The signatures that every segment of a unit has: only they can be its rival renderings.
        # They depend on the segments only, and units share their segments (every n-gram of a
        # repeated term): one intersection per distinct list of segments, in C.
        common = {idx: sig_sets[idx[0]].intersection(*map(sig_sets.__getitem__, idx[1:])) for idx in same_segments}
        reported: set[tuple[int, int, int]] = set()
        done: set[tuple[int, ...]] = set()
        # Longest units first, so that 全球安全倡议 explains the finding before 安全 does; then in
        # document order (not set order: the report must not depend on string hashing).
        for unit in sorted(units, key=lambda u: (-len(u), units[u][0], u)):
            idx = units[unit]
            key = tuple(idx)
            shared = common[key]
            if not shared or not HAN.search(unit):
                continue
            if key in done:
                # What follows depends on the segments only, not on the unit: a unit with the
                # segments of one already done would find the same spans, all reported by now.
                continue
            done.add(key)
            by_signature: dict[_Words, dict[_Words, list[int]]] = defaultdict(lambda: defaultdict(list))
            for i in idx:
                for signature, words in signed[i]:
                    if signature in shared:
                        by_signature[signature][words].append(i)
            for rivals in by_signature.values():
                if len({words[-1].lower() for words in rivals}) < 2:
                    continue  # one rendering, or names that differ only in case
                # Rival renderings of one term never share a segment and together cover the unit.
                covered = [i for segs in rivals.values() for i in set(segs)]
                if len(covered) != len(set(covered)) or len(set(covered)) < len(idx):
                    continue
                ranked = sorted(rivals.items(), key=lambda kv: (-len(set(kv[1])), kv[1][0]))
                majority_words, majority_segs = ranked[0]
                if len(set(majority_segs)) == len(set(ranked[1][1])):
                    continue  # a tie: no majority to suggest
                for words, segs in ranked[1:]:
                    for i in set(segs):
                        for start, end, _text in phrases(i)[words]:
                            if (i, start, end) in reported:
                                continue
                            reported.add((i, start, end))
                            right = phrases(majority_segs[0])[majority_words][0][2]
                            term = unit if same_segments[key] == 1 else "the same source term"
                            yield INCONSISTENT.finding(
                                segments[i], start, end,
                                f"{term} is rendered '{right}' elsewhere in the document", (right,),
                            )

    @staticmethod
    def _units(segments: list[Segment], signed: list[_Signed]) -> dict[str, list[int]]:
        """Source units (Han 2-4-grams) in two segments or more, all with a rival signature: the segments of each."""
        # Segments without a rival signature (about 9 in 10) need no n-gram table at all: they only
        # rule out the units they contain. Sources repeat (MT systems translating one text), so the
        # table holds the segments of each distinct source, and n-grams are taken once per source.
        # A source with such a segment rules out all its own n-grams: only the sources whose segments
        # all have a rival signature (51 of 899 on a 10,000-unit news file) can hold a unit.
        unsigned = dict.fromkeys(seg.source or "" for i, seg in enumerate(segments) if not signed[i])
        by_source: dict[str, list[int]] = defaultdict(list)
        for i, seg in enumerate(segments):
            if signed[i] and (seg.source or "") not in unsigned:
                by_source[seg.source or ""].append(i)
        # The segments of the first source of each n-gram, and of its other sources (few n-grams have
        # any): no list per n-gram, of which a document has tens of thousands.
        first: dict[str, list[int]] = {}
        more: dict[str, list[list[int]]] = defaultdict(list)
        for source, idx in by_source.items():
            for g in _han_ngrams(source):
                if first.setdefault(g, idx) is not idx:
                    more[g].append(idx)
        # Only units in two segments or more are kept, so only they need ruling out.
        wanted = {g for g, idx in first.items() if len(idx) >= 2 or g in more}
        ruled_out = _found_in(wanted, unsigned) if wanted else set()
        # The segments of a unit in document order (the sources' segments are disjoint).
        return {
            g: idx if g not in more else sorted(chain(idx, *more[g]))
            for g, idx in first.items() if g in wanted and g not in ruled_out
        }

    @staticmethod
    def _phrases(
        target: str, synonyms: SynonymSets, triggers: frozenset[str], singulars: dict[str, str] | None = None,
    ) -> dict[_Words, list[tuple[int, int, str]]]:
        out: dict[_Words, list[tuple[int, int, str]]] = defaultdict(list)
        found = _WORD.findall(target)
        # The words are ASCII and hold no space: lower-casing them joined is one C call.
        lows = " ".join(found).lower().split(" ") if found else []
        if triggers.isdisjoint(lows):
            lows = []  # no synonym word (most targets): only names below
        words = list(_WORD.finditer(target)) if lows else []
        keys = list(map((singulars if singulars is not None else _Singulars()).__getitem__, lows))
        for i in [i for i, w in enumerate(lows) if w in triggers]:
            # The phrase of up to three content words around a synonym word.
            # Single words are left out: 安全 is "safety" for food and "security" for states.
            for a in range(max(0, i - 2), i + 1):
                if lows[a] in _STOP:
                    continue
                for b in range(max(i, a + 1), min(len(words), a + 3)):
                    if lows[b] in _STOP:
                        continue
                    start, end = words[a].start(), words[b].end()
                    gap = target[start:end]
                    if _PUNCT.search(gap):
                        continue  # phrases do not cross punctuation
                    out[tuple(keys[a : b + 1])].append((start, end, gap))
        # Names written two ways ("Fang Fang" / "Fangfang", "Yong-gang" / "Yonggang").
        for m in _NAME_PHRASE.finditer(target):
            first = m.group().split()[0]
            if first.lower() in _STOP:
                continue  # sentence-initial "The ..."
            out[("=", m.group())].append((m.start(), m.end(), m.group()))
        return out

    @staticmethod
    def _rival_keys(
        target: str, triggers: frozenset[str], singulars: dict[str, str], names: list[str] | None = None,
    ) -> list[_Words]:
        """The keys of _phrases(target) that may have a rival: phrases that end in a synonym word, and names.

        Synonym phrases come before names, as in _phrases: a name and a synonym phrase can share a
        span, and the first one reported there wins. (Two synonym phrases never share a span, nor do
        two names, so their order among themselves does not matter.) *names*, when given, are the
        target's names (matches of _NAME_PHRASE, in order) that are keyed: those that may have a rival.
        """
        keys: dict[_Words, None] = {}
        if target.isascii():
            # The words with a "|" where a gap holds punctuation: a phrase is a run of words with no "|"
            # between them (most targets have no synonym word: then nothing but the test is done).
            tokens = _clause_tokens(target)
            if not triggers.isdisjoint(tokens):
                for b in compress(range(len(tokens)), map(triggers.__contains__, tokens)):
                    # A phrase of two or three words that ends in the synonym word (the last one is what
                    # differs between rivals); its first and last words are no stop words, and it does
                    # not cross punctuation.
                    last = tokens[b]
                    if last in _STOP or b == 0 or (before := tokens[b - 1]) == "|":
                        continue
                    if before not in _STOP:
                        keys[(singulars[before], singulars[last])] = None
                    if b >= 2 and (first := tokens[b - 2]) != "|" and first not in _STOP:
                        keys[(singulars[first], singulars[before], singulars[last])] = None
        elif not triggers.isdisjoint(lows := lower_letter_words(target)):
            # Other text (few targets): the gaps around the text's words; the gap before word k is
            # gaps[k]. A split without a group: the words are not copied again.
            gaps = _WORD.split(target)
            for b in compress(range(len(lows)), map(triggers.__contains__, lows)):
                # A phrase of two or three words that ends in the synonym word (the last one is what
                # differs between rivals); its first and last words are no stop words, and it does
                # not cross punctuation (most gaps are one space).
                last = lows[b]
                if last in _STOP or b == 0 or not (gaps[b] == " " or _clean_gap(gaps[b])):
                    continue
                if lows[b - 1] not in _STOP:
                    keys[(singulars[lows[b - 1]], singulars[last])] = None
                if b >= 2 and lows[b - 2] not in _STOP and (gaps[b - 1] == " " or _clean_gap(gaps[b - 1])):
                    keys[(singulars[lows[b - 2]], singulars[lows[b - 1]], singulars[last])] = None
        # Names, as in _phrases: not those that start with a stop word (sentence-initial "The ..."). A
        # name's first word is a capital and lower-case letters, or holds a hyphen: it is a stop
        # word in lower case exactly when it is one capitalised.
        for name in _NAME_PHRASE.findall(target) if names is None else names:
            if name.partition(" ")[0] not in _STOP_TITLE:
                keys[("=", name)] = None
        return list(keys)

    @staticmethod
    def _signature(words: _Words, synonyms: SynonymSets) -> _Words:
        if words[0] == "=":
            return ("#name", _NOT_LOWER.sub("", words[1].lower()))
        return tuple(synonyms.key(w) if w in synonyms.sets else w for w in words)


def _key(text: str) -> str:
    # str.split() and re's \s agree on what whitespace is: same as re.sub(r"\s+", " ", text.strip()).
    return " ".join(text.split()).lower()


def checks() -> list[Check]:
    """Return the source-aware terminology checks."""
    return [SourceTerms()]
