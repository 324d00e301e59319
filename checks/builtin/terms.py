"""Terminology without a source: termbase variants and discovery of competing renderings."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import compress, count, pairwise

from checks.context import Context, resource_path
from checks.model import Document, Finding, Segment, Severity
from checks.packs import load_yaml
from checks.phrases import PhraseMatcher
from checks.registry import Check, Example, RuleMeta
from checks.termbase import Termbase, TermEntry
from checks.termbase import load as load_termbase
from checks.text import lower_letter_words, match_case, singular

TERMBASE_VARIANT = RuleMeta(
    code="TE101", rule="terms.termbase-variant", title="Deprecated term (termbase)",
    category="Terminology/Inconsistent use of terminology", severity=Severity.MAJOR,
    description="A form that a termbase lists as deprecated for a concept; the fix is the preferred term.",
    examples_fail=(Example('Leaders of the "volunteer alliance" met in Paris.'),),
    examples_pass=(Example("Leaders of the coalition of the willing met in Paris. Poland expressed willingness to help."),),
)
DISCOVERED_VARIANT = RuleMeta(
    code="TE102", rule="terms.discovered-variant", title="One concept rendered in competing ways",
    category="Terminology/Inconsistent use of terminology", severity=Severity.MAJOR,
    description="Terms that look like renderings of one source term (same structure, head and modifiers that "
    "are known MT alternations or share a stem, or quoted terms with one head) used side by side. The fix "
    "is the majority form.",
    examples_fail=(
        Example("Both sides signed the Maritime Security Cooperation Plan.\n\nThe Maritime Safety Collaboration Plan "
                "was praised.\n\nThe Maritime Security Cooperation Plan starts in May."),
        Example('The "harmony corridor" opened.\n\nThe "concord corridor" carries gas.\n\nThe "concord corridor" is long.'),
    ),
    examples_pass=(
        Example("The European Union and the African Union met.\n\nThe European Union spoke first."),
        Example('Not a "hard landing" but a "soft landing" is expected.\n\nA "soft landing" is likely.'),
        Example("Poland expressed willingness to help.\n\nThe alliance was ready."),
    ),
)

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
QUOTE_RE = re.compile(r'"([^"\n]{2,80})"|“([^”\n]{2,80})”')
# Title-case multiword expressions, allowing lower-case function words inside. The word boundary before
# the first capital is tested after it (no word character before it): a pattern that opens with a
# character set lets the regex engine skip to the next capital in C.
TITLE_RE = re.compile(r"[A-Z](?<!\w.)[a-z]+(?:[ -](?:(?:of|and|for|on|the|in)[ -])?[A-Z][a-z]+){1,5}\b")
SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")
TITLE_STOP = frozenset({"The", "A", "An", "In", "On", "At", "For", "But", "And", "As", "It", "He", "She", "They", "We",
                        "This", "That", "These", "Those", "According", "After", "Before", "When", "While", "If"})


@dataclass(frozen=True)
class SynonymSets:
    """Word -> ids of the sets of English words that render one Chinese word in MT."""

    sets: dict[str, frozenset[int]]

    def related(self, a: str, b: str) -> bool:
        """True when *a* and *b* are the same, MT alternations of one word, or share a stem."""
        if a == b:
            return True
        if self.sets.get(a, frozenset()) & self.sets.get(b, frozenset()):
            return True
        return _stem_related(a, b)

    def key(self, word: str) -> str:
        """Bucket key of *word*: its smallest synonym-set id, else its five-letter stem."""
        ids = self.sets.get(word)
        return f"#{min(ids)}" if ids else word[:5]


def _stem_related(a: str, b: str) -> bool:
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return (common >= 5 and min(len(a), len(b)) >= 5) or (common >= 4 and (a.startswith(b) or b.startswith(a)))


def _load_synonyms(_cfg: object) -> SynonymSets:
    path = resource_path("variants", "synonyms.yaml")
    table: dict[str, set[int]] = defaultdict(set)
    if path.is_file():
        data = load_yaml(path) or {}
        for i, entry in enumerate(data.get("sets", [])):
            for word in entry.get("words", []):
                table[str(word).lower()].add(i)
    return SynonymSets({w: frozenset(ids) for w, ids in table.items()})


def load_synonyms(ctx: Context) -> SynonymSets:
    """The shipped synonym sets (cached per run)."""
    return ctx.resources.get("synonyms", _load_synonyms)


def _deprecated_matcher(termbase: Termbase) -> PhraseMatcher[TermEntry]:
    matcher: PhraseMatcher[TermEntry] = PhraseMatcher()
    for form, entry in termbase.by_deprecated().items():
        matcher.add(form, entry)
    return matcher


def _termbase_matcher(ctx: Context) -> PhraseMatcher[TermEntry]:
    """The run's matcher of the termbase's deprecated forms, built once (in ``prepare`` before workers fork)."""
    return ctx.resources.get("termbase-deprecated", lambda _c: _deprecated_matcher(load_termbase(ctx)))


class TermbaseVariantCheck:
    """Deprecated termbase forms, with the preferred term as a safe fix."""

    rules = (TERMBASE_VARIANT,)

    def prepare(self, ctx: Context) -> None:
        """Load the termbase and build the matcher of its deprecated forms ahead (``registry.Prepared``).

        Done before the workers fork (while the file is read beside), instead of by each worker
        on its first segment: about 20 ms of CPU a worker on the shipped termbase.
        """
        _termbase_matcher(ctx)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield every deprecated form in *segment*."""
        matcher = _termbase_matcher(ctx)
        text = segment.target
        for m in matcher.finditer(text):
            entry, matched = m.payload, text[m.start : m.end]
            right = match_case(matched, entry.preferred)
            why = f" ({entry.note})" if entry.note else ""
            yield TERMBASE_VARIANT.finding(
                segment, m.start, m.end, f"'{matched}' is a deprecated rendering: use '{right}'{why}", (right,), safe=True
            )


_Hit = tuple[tuple[str, ...], int, int, int]  # a term in a target: (words, sentence number, start, end)


class _Occurrences:
    """Which distinct targets hold each candidate; its sentences and spans are worked out when asked for.

    Only the candidates of variant pairs are asked about (151 of 665 on a 10,000-unit news file): the
    targets that hold none are never placed (word spans and sentences), only searched for terms.
    """

    def __init__(
        self, segments: tuple[Segment, ...], candidates: Collection[tuple[str, ...]], prefixes: set[tuple[str, ...]],
    ) -> None:
        self.segments = segments
        self.candidates = candidates
        self.prefixes = prefixes
        self.targets: dict[tuple[str, ...], list[str]] = defaultdict(list)  # distinct targets that hold a term
        self.segments_of: dict[str, list[int]] = {}  # distinct target -> its segments' numbers, in order
        self.placed: dict[str, list[_Hit]] = {}  # distinct target -> its terms, placed
        self.sentences_of: dict[tuple[str, ...], set[tuple[int, int]]] = {}

    def hits(self, target: str) -> list[_Hit]:
        """``_terms_in(target)``, worked out once."""
        found = self.placed.get(target)
        if found is None:
            found = self.placed[target] = VariantDiscoveryCheck._terms_in(target, self.candidates, self.prefixes)
        return found

    def sentences(self, words: tuple[str, ...]) -> set[tuple[int, int]]:
        """The sentences *words* occurs in, as (segment number, sentence number in it)."""
        found = self.sentences_of.get(words)
        if found is None:
            found = self.sentences_of[words] = set()
            for target in self.targets.get(words, ()):
                numbers = [sentence for term, sentence, _, _ in self.hits(target) if term == words]
                for index in self.segments_of[target]:
                    found.update((index, sentence) for sentence in numbers)
        return found

    def spans(self, words: tuple[str, ...]) -> list[tuple[Segment, int, int]]:
        """Where *words* occurs, in document order."""
        rows: list[tuple[int, int, int]] = []
        for target in self.targets.get(words, ()):
            here = [(start, end) for term, _, start, end in self.hits(target) if term == words]
            for index in self.segments_of[target]:
                rows.extend((index, start, end) for start, end in here)
        rows.sort()  # the segments of several targets interleave
        return [(self.segments[index], start, end) for index, start, end in rows]


@dataclass
class _Candidate:
    words: tuple[str, ...]
    quoted: bool = False
    title: bool = False
    first: tuple[int, int] = (0, 0)


_NOT_IN_TERM = re.compile(r"[,.;:!?()\d]")


def _words(text: str) -> tuple[str, ...] | None:
    if _NOT_IN_TERM.search(text):
        return None
    words = tuple(w.lower() for w in WORD_RE.findall(text))
    if not 2 <= len(words) <= 5 or len(" ".join(words)) < len(text.strip()) - 2:
        return None
    return words


def _terms_of(text: str, candidates: Collection[tuple[str, ...]], prefixes: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The candidates that may be terms of *text*: those of ``_terms_in(text)``, and maybe others.

    Runs of words are looked up whatever stands between the words (a term's words are separated by
    whitespace alone): a few more candidates, but no gaps to list. ``_terms_in`` places the terms of
    the few targets whose candidates are asked about, and drops those that are none.
    """
    words = lower_letter_words(text)  # the matches of WORD_RE, lower-cased
    found: dict[tuple[str, ...], None] = {}
    for i in compress(count(), map(prefixes.__contains__, pairwise(words))):
        for n in range(2, 6):
            if i + n > len(words) or (gram := tuple(words[i : i + n])) not in prefixes:
                break
            if gram in candidates:
                found[gram] = None
    return list(found)


class VariantDiscoveryCheck:
    """Discovers competing renderings of one concept in a document, without a source."""

    rules = (DISCOVERED_VARIANT,)

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Group candidate terms into variant sets and flag the minority forms."""
        synonyms = load_synonyms(ctx)
        termbase = load_termbase(ctx)
        deprecated = termbase.by_deprecated()
        preferred = termbase.by_preferred()
        candidates = self._candidates(doc)
        buckets = self._buckets(candidates, synonyms)
        # Only terms that share a bucket with another term can be variants: only they are searched.
        needed = {words for members in buckets.values() if len(members) > 1 for words in members}
        found = self._scan(doc, needed)
        for group in self._group(candidates, synonyms, found, buckets):
            yield from self._flag(group, found, deprecated, preferred)

    def _candidates(self, doc: Document) -> dict[tuple[str, ...], _Candidate]:
        found: dict[tuple[str, ...], _Candidate] = {}
        # A repeated target adds nothing: its terms were met, with the same marks, the first time.
        seen: set[str] = set()
        # Title-case phrases recur across targets ("European Union"): each is split into words once.
        title_words: dict[str, tuple[str, ...] | None] = {}
        for index, seg in enumerate(doc.segments):
            if seg.target in seen:
                continue
            seen.add(seg.target)
            for m in QUOTE_RE.finditer(seg.target) if '"' in seg.target or "“" in seg.target else ():
                inner = m.group(1) or m.group(2) or ""
                words = _words(inner)
                if words:
                    cand = found.get(words)
                    if cand is None:  # the first occurrence is kept (no candidate built for each repeat)
                        cand = found[words] = _Candidate(words, first=(index, m.start()))
                    cand.quoted = True
            for m in TITLE_RE.finditer(seg.target):
                text = m.group()
                first_word = text.split()[0]
                if first_word in TITLE_STOP:
                    text = text[len(first_word) + 1 :]
                if text in title_words:
                    words = title_words[text]
                else:
                    words = title_words[text] = _words(text)
                if words:
                    cand = found.get(words)
                    if cand is None:
                        cand = found[words] = _Candidate(words, first=(index, m.start()))
                    cand.title = True
        return found

    @staticmethod
    def _buckets(
        candidates: dict[tuple[str, ...], _Candidate], synonyms: SynonymSets,
    ) -> dict[tuple[int, str], list[tuple[str, ...]]]:
        """Candidate terms by length and head class (variants are only looked for within one bucket)."""
        buckets: dict[tuple[int, str], list[tuple[str, ...]]] = defaultdict(list)
        for words in candidates:
            buckets[(len(words), synonyms.key(singular(words[-1])))].append(words)
        return buckets

    def _group(
        self, candidates: dict[tuple[str, ...], _Candidate], synonyms: SynonymSets, found: _Occurrences,
        buckets: dict[tuple[int, str], list[tuple[str, ...]]],
    ) -> list[list[tuple[str, ...]]]:
        parent: dict[tuple[str, ...], tuple[str, ...]] = {}

        def find(x: tuple[str, ...]) -> tuple[str, ...]:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for members in buckets.values():
            # Buckets hold terms of one length and one head class: small, so pairs are cheap here.
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    # Variants first (few pairs are): only their terms' sentences are worked out.
                    if self._variants(candidates[a], candidates[b], synonyms) and not (
                        found.sentences(a) & found.sentences(b)
                    ):
                        parent[find(a)] = find(b)
        groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for words in parent:
            groups[find(words)].append(words)
        for root in list(groups):
            if root not in groups[root]:
                groups[root].append(root)
        return [sorted(g, key=lambda w: candidates[w].first) for g in groups.values() if len(g) > 1]

    @staticmethod
    def _variants(a: _Candidate, b: _Candidate, synonyms: SynonymSets) -> bool:
        wa, wb = a.words, b.words
        if [singular(w) for w in wa] == [singular(w) for w in wb]:
            return False
        diffs = [(x, y) for x, y in zip(wa, wb, strict=True) if singular(x) != singular(y)]
        if all(synonyms.related(singular(x), singular(y)) for x, y in diffs):
            return True
        # Two quoted terms with one head and different modifiers: typical of one source term
        # translated twice ("willingness alliance" / "volunteer alliance").
        return a.quoted and b.quoted and singular(wa[-1]) == singular(wb[-1]) and len(diffs) == 1

    @staticmethod
    def _scan(doc: Document, candidates: Collection[tuple[str, ...]]) -> _Occurrences:
        """Which distinct targets hold each candidate (quoted or not): one n-gram pass, linear in the text.

        Terms used in one sentence are contrasted, not variants ("not a hard but a soft landing").
        """
        # Every start of two words or more of a term: a word sequence that is none cannot grow into one.
        prefixes = {words[:n] for words in candidates for n in range(2, len(words) + 1)}
        found = _Occurrences(doc.segments, candidates, prefixes)
        if not candidates:
            return found
        # Targets repeat: each distinct one is searched once.
        segments_of = found.segments_of
        for index, seg in enumerate(doc.segments):
            text = seg.target
            numbers = segments_of.get(text)
            if numbers is not None:
                numbers.append(index)
                continue
            segments_of[text] = [index]
            for words in _terms_of(text, candidates, prefixes):
                found.targets[words].append(text)
        return found

    @staticmethod
    def _terms_in(
        text: str, candidates: Collection[tuple[str, ...]], prefixes: set[tuple[str, ...]]
    ) -> list[tuple[tuple[str, ...], int, int, int]]:
        lows = lower_letter_words(text)  # the matches of WORD_RE, lower-cased
        if prefixes.isdisjoint(pairwise(lows)):
            return []  # no two words in a row begin a term (most targets): decided in C, with no list
        starts = list(compress(count(), map(prefixes.__contains__, pairwise(lows))))
        tokens = list(WORD_RE.finditer(text))
        hits: list[tuple[tuple[str, ...], int, int, int]] = []
        sentences: list[int] | None = None
        for i in starts:
            for n in range(2, 6):
                if i + n > len(tokens):
                    break
                gram = tuple(lows[i : i + n])
                if gram not in prefixes:
                    break
                # Only words separated by whitespace form a term; a newline also ends the sentence
                # (the other sentence ends, .!?, are not whitespace).
                gap = text[tokens[i + n - 2].end() : tokens[i + n - 1].start()]
                if not gap.isspace() or "\n" in gap:
                    break
                if gram in candidates:
                    if sentences is None:
                        sentences = [m.start() for m in SENTENCE_RE.finditer(text)]
                    start = tokens[i].start()
                    hits.append((gram, bisect_right(sentences, start), start, tokens[i + n - 1].end()))
        return hits

    def _flag(
        self,
        group: list[tuple[str, ...]],
        found: _Occurrences,
        deprecated: dict[str, TermEntry],
        preferred: dict[str, TermEntry],
    ) -> Iterator[Finding]:
        forms = [" ".join(words) for words in group]
        occurrences = {" ".join(words): found.spans(words) for words in group}
        forms = [form for form in forms if occurrences[form]]
        if len(forms) < 2:
            return
        counts = Counter({form: len(occurrences[form]) for form in forms})
        entry = next((deprecated[f] for f in forms if f in deprecated), None) or next(
            (preferred[f] for f in forms if f in preferred), None
        )
        if entry is not None:
            choice = entry.preferred
            reason = "the termbase's preferred term"
        else:
            # Majority; ties go to the form used first.
            majority = max(forms, key=lambda f: (counts[f], -forms.index(f)))
            seg0, start0, end0 = occurrences[majority][0]
            choice = seg0.target[start0:end0]  # as written, keeping its capitals
            reason = f"the majority form ({counts[majority]} of {sum(counts.values())} uses)"
        for form in forms:
            if form == " ".join(choice.lower().split()) or form in deprecated:
                continue  # deprecated forms are reported by TE101 with the same fix
            rivals = ", ".join(f"'{f}'" for f in forms if f != form)
            for seg, start, end in occurrences[form]:
                matched = seg.target[start:end]
                right = match_case(matched, choice)
                yield DISCOVERED_VARIANT.finding(
                    seg, start, end,
                    f"'{matched}' competes with {rivals} for one concept; use {reason}: '{right}'",
                    (right,), safe=False,
                )


def checks() -> list[Check]:
    """The checks of this family."""
    return [TermbaseVariantCheck(), VariantDiscoveryCheck()]
