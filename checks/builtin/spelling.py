"""Spelling consistency (minor): US/UK spelling mixed, one entity named two ways, accent and hyphen variants."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, filterfalse, repeat

from checks.context import Context, resource_path
from checks.model import Document, Finding, Segment, Severity
from checks.packs import load_yaml
from checks.phrases import PhraseMatch, PhraseMatcher
from checks.registry import Check, Example, RuleMeta
from checks.text import match_case

US_UK = RuleMeta(
    code="SP801", rule="spelling.us-uk-mix", title="US and UK spelling mixed",
    category="Fluency/Inconsistency", severity=Severity.MINOR,
    description="A text that uses both US and UK spellings ('defense' and 'defence'); the fix follows the "
    "text's majority. Capitalised words are left alone: proper names keep their own spelling.",
    examples_fail=(Example("The defense budget grew. The organization said the defence plan and the organization's "
                           "defense of the program were sound."),),
    examples_pass=(Example("The Ministry of Defence and the Department of Defense met. The defense budget grew."),),
)
ENTITY_FORMS = RuleMeta(
    code="SP802", rule="spelling.entity-forms", title="One entity named in two ways",
    category="Fluency/Inconsistency", severity=Severity.MINOR,
    description="Forms such as Britain/the UK, U.S./US or Kyiv/Kiev mixed in one text (list in "
    "resources/variants/entity_forms.yaml).",
    examples_fail=(Example("France and Britain lead.\n\nFrance and the UK will send troops. Britain agreed."),),
    examples_pass=(Example("France and Britain lead.\n\nBritain will send troops."),),
)
ACCENTS = RuleMeta(
    code="SP803", rule="spelling.accent-variants", title="One word spelled with and without accents",
    category="Fluency/Inconsistency", severity=Severity.MINOR,
    description="'Elysée' and 'Élysée' or 'Elysee' in one text: pick one spelling.",
    examples_fail=(Example("At the Elysée Palace.\n\nThe Élysée said. The Elysée added."),),
    examples_pass=(Example("At the Elysée Palace.\n\nThe Elysée said."),),
)
HYPHENS = RuleMeta(
    code="SP804", rule="spelling.hyphen-variants", title="One word written hyphenated and closed",
    category="Fluency/Inconsistency", severity=Severity.MINOR,
    description="'ceasefire' and 'cease-fire' in one text: pick one form.",
    examples_fail=(Example("A ceasefire began.\n\nThe cease-fire held. The ceasefire ended."),),
    examples_pass=(Example("A ceasefire began.\n\nThe ceasefire held. A long-term plan and a well-known fact."),),
)

WORD_RE = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")
# Per byte of ASCII text: a letter, digit, underscore or hyphen kept, any other a space (see _written_words).
_RUN_BYTES = bytes(c if chr(c).isalnum() or chr(c) in "_-" else 32 for c in range(128)) + b" " * 128


def _runs(text: str) -> list[str]:
    """The runs of letters, digits, underscores and hyphens of ASCII *text* (a byte table and a split, in C)."""
    return text.encode("ascii").translate(_RUN_BYTES).decode("ascii").split()


def _written_words(text: str, runs: list[str] | None = None) -> list[str]:
    """``WORD_RE.findall(text)``, faster for ASCII text (most MT output), whose ``_runs`` *runs* may be given."""
    if not text.isascii():
        return WORD_RE.findall(text)
    # WORD_RE may touch no word character or hyphen on either side, so each match is a whole run of
    # them: exactly the runs made of letters joined by single hyphens. A byte table and a split find
    # the runs in C, several times faster than the regex; a text without hyphens needs only isalpha.
    if runs is None:
        runs = _runs(text)
    if "-" not in text:
        return list(filter(str.isalpha, runs))
    return [
        run for run in runs
        if run.isalpha() or (run[0] != "-" != run[-1] and "--" not in run and run.replace("-", "").isalpha())
    ]


@dataclass(frozen=True)
class _Gate:
    """Whether a text may hold an entity form: it has one of *words* as a whole ``\\w+`` word."""

    words: frozenset[str]
    regex: re.Pattern[str]  # the same test as one search

    def admits(self, text: str, runs: list[str] | None = None) -> bool:
        """True when *text* has one of the words (as ``regex.search(text)`` finds); *runs* as for _written_words."""
        if not text.isascii():
            return self.regex.search(text) is not None
        # The regex tries its alternatives at every position; the text's words looked up in a set
        # are several times faster. In ASCII text they are the runs of ``_runs`` cut at hyphens (a
        # word of the gate has none): the runs that hold a hyphen are cut here, the others are words.
        if runs is None:
            runs = _runs(text)
        words = self.words
        if not words.isdisjoint(runs):
            return True
        return "-" in text and any(not words.isdisjoint(run.split("-")) for run in runs if "-" in run)


def _load_us_uk(_cfg: object) -> tuple[dict[str, str], dict[str, str]]:
    us_to_uk: dict[str, str] = {}
    for line in resource_path("variants", "us_uk.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == "us\tuk":
            continue
        us, uk = line.split("\t")
        us_to_uk[us] = uk
    return us_to_uk, {uk: us for us, uk in us_to_uk.items()}


@dataclass(frozen=True)
class _Group:
    forms: tuple[str, ...]
    note: str


def _load_groups(_cfg: object) -> tuple[list[_Group], PhraseMatcher[int], _Gate]:
    """The entity groups, one matcher for all their forms (a segment is scanned once), and a gate.

    The gate finds, as a whole word, one word of some form ("Kyiv" of "Kyiv", "UK" of "the UK"): a text
    without any cannot hold a form. One search in C rules out most texts, where the matcher would
    split every text into words first.
    """
    data = load_yaml(resource_path("variants", "entity_forms.yaml")) or {}
    groups: list[_Group] = []
    matcher: PhraseMatcher[int] = PhraseMatcher()
    gate_words: set[str] = set()
    for raw in data.get("groups", []):
        forms = tuple(str(f) for f in raw["forms"])
        for form in forms:
            matcher.add(form, len(groups), case_sensitive=True)
            if form.startswith("the "):
                # A leading "the" may be capitalised at the start of a sentence; the name itself may not.
                matcher.add("The " + form[4:], len(groups), case_sensitive=True)
            # The matcher compares whole \w+ words, case-sensitively, so any word of the form must stand
            # in the text as a whole word; the longest other than "the" (which "The" may replace) is rarest.
            gate_words.add(max(re.findall(r"\w+", form), key=lambda w: (w != "the", len(w))))
        groups.append(_Group(forms, str(raw.get("note", ""))))
    alternatives = "|".join(re.escape(w) for w in sorted(gate_words, key=len, reverse=True))
    gate = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return groups, matcher, _Gate(frozenset(gate_words), gate)


@dataclass
class _Words:
    """The words of a document, read once per distinct target (targets repeat: headlines, boilerplate)."""

    order: dict[str, str]  # each distinct written word (to itself), in order of first occurrence
    repeats: Counter[str]  # distinct target -> how many segments have it
    of_target: dict[str, tuple[str, ...]]  # distinct target -> its words
    entities: dict[str, list[PhraseMatch[int]]]  # distinct target -> its entity forms, when it has some

    @classmethod
    def read(cls, doc: Document, matcher: PhraseMatcher[int], gate: _Gate) -> _Words:
        """Split each distinct target into words once; the second pass over the words reuses them."""
        repeats = Counter(seg.target for seg in doc.segments)
        # One string object per distinct word: the word tuples hold only references to it, 8 bytes a
        # word (a list of every word as its own string took hundreds of MB on a 100,000-unit file).
        # Distinct targets in order of first occurrence: each word is then first met in the same order as
        # in a pass over every segment, so *canonical* keeps the document's first-seen order (it breaks ties).
        canonical: dict[str, str] = {}
        of_target: dict[str, tuple[str, ...]] = {}
        entities: dict[str, list[PhraseMatch[int]]] = {}
        for text in repeats:
            runs = _runs(text) if text.isascii() else None  # one split for the words and the gate
            written = _written_words(text, runs)
            of_target[text] = tuple(map(canonical.setdefault, written, written))
            if gate.admits(text, runs):
                found = list(matcher.finditer(text))
                if found:
                    entities[text] = found
        return cls(canonical, repeats, of_target, entities)

    def counts(self, words: set[str]) -> Counter[str]:
        """How often each of *words* is written in the document, in order of first occurrence.

        Only the targets that have one are read again (the checks count a few kinds of word, not all).
        """
        found: Counter[str] = Counter()
        if words:
            for text, text_words in self.of_target.items():
                if not words.isdisjoint(text_words):
                    these = list(filter(words.__contains__, text_words))
                    for _ in range(self.repeats[text]):
                        found.update(these)
        return Counter({word: found[word] for word in self.order if word in found})


def _fold(word: str) -> str:
    if word.isascii():
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def _article_lower(form: str) -> str:
    return "the" + form[3:] if form.startswith("The ") else form


def _majority(counts: Counter[str], order: list[str]) -> str:
    return max(counts, key=lambda f: (counts[f], -order.index(f)))


class SpellingConsistencyCheck:
    """Mixed spellings within one document; the minority form is flagged with the majority as fix."""

    rules = (US_UK, ENTITY_FORMS, ACCENTS, HYPHENS)

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Run the four consistency checks over the document's words."""
        us_uk = ctx.resources.get("us-uk", _load_us_uk)
        groups, matcher, gate = ctx.resources.get("entity-forms", _load_groups)
        words = _Words.read(doc, matcher, gate)
        # The three tables read the counts of a few kinds of word only: those are counted.
        surfaces = words.counts(self._counted(words.order, us_uk))
        minority, majority = self._us_uk_minority(surfaces, us_uk)
        accents = self._variant_fixes(surfaces, _fold, hyphens=False)
        hyphens = self._variant_fixes(surfaces, _dehyphen, hyphens=True)
        # The three word tables are decided by the counts alone, so one pass finds all their words.
        us_uk_hits, accent_hits, hyphen_hits = self._matches(doc, words, (minority, accents, hyphens))
        us_to_uk, uk_to_us = us_uk
        for seg, m, style in us_uk_hits:
            other = us_to_uk[m.group()] if style == "US" else uk_to_us[m.group()]
            yield US_UK.finding(
                seg, m.start(), m.end(),
                f"{style} spelling '{m.group()}' in a text that mostly uses {majority} spelling: '{other}'",
                (other,), safe=False,
            )
        yield from self._entities(doc, words, groups)
        for meta, hits in ((ACCENTS, accent_hits), (HYPHENS, hyphen_hits)):
            for seg, m, fix in hits:
                yield meta.finding(
                    seg, m.start(), m.end(), f"'{m.group()}' is also written '{fix}' in this text; use one form",
                    (fix,), safe=False,
                )

    @staticmethod
    def _counted(written: Iterable[str], us_uk: tuple[dict[str, str], dict[str, str]]) -> set[str]:
        """The written words whose counts the tables read (a superset: each is counted exactly).

        US and UK spellings; words with a hyphen or not ASCII, the only ones whose key in _variant_fixes
        can differ from their lower case; and the words whose lower case is such a key.
        """
        us_to_uk, uk_to_us = us_uk
        written = list(written)
        hyphenated = list(compress(written, map(str.__contains__, written, repeat("-"))))
        other = list(filterfalse(str.isascii, written))
        keys = {_dehyphen(word) for word in hyphenated} | {_fold(word) for word in other}
        counted = {*hyphenated, *other}
        counted.update(filter(us_to_uk.__contains__, written), filter(uk_to_us.__contains__, written))
        counted.update(compress(written, map(keys.__contains__, map(str.lower, written))))
        return counted

    @staticmethod
    def _matches(
        doc: Document, words: _Words, tables: tuple[dict[str, str], ...]
    ) -> list[list[tuple[Segment, re.Match[str], str]]]:
        """Per table: occurrences of its words in document order, with what the table maps them to."""
        hits: list[list[tuple[Segment, re.Match[str], str]]] = [[] for _ in tables]
        wanted: set[str] = set().union(*tables)
        if not wanted:
            return hits
        # Each distinct target is searched once; a repeat reuses its matches (spans are the same).
        found_in: dict[str, list[tuple[int, re.Match[str], str]]] = {}
        for text, text_words in words.of_target.items():
            if wanted.isdisjoint(text_words):
                continue
            found: list[tuple[int, re.Match[str], str]] = []
            for m in WORD_RE.finditer(text):
                word = m.group()
                if word in wanted:
                    for i, table in enumerate(tables):
                        value = table.get(word)
                        if value is not None:
                            found.append((i, m, value))
            found_in[text] = found
        if not found_in:
            return hits
        for seg in doc.segments:
            for i, m, value in found_in.get(seg.target, ()):
                hits[i].append((seg, m, value))
        return hits

    @staticmethod
    def _us_uk_minority(
        surfaces: Counter[str], us_uk: tuple[dict[str, str], dict[str, str]]
    ) -> tuple[dict[str, str], str]:
        """The words of the minority style (US or UK) -> that style, and the majority style."""
        us_to_uk, uk_to_us = us_uk
        styles: Counter[str] = Counter()
        wanted: dict[str, str] = {}
        for word, count in surfaces.items():
            if not word[:1].islower():
                continue
            if word in us_to_uk:
                styles["US"] += count
                wanted[word] = "US"
            elif word in uk_to_us:
                styles["UK"] += count
                wanted[word] = "UK"
        if len(styles) < 2:
            return {}, ""
        majority = "US" if styles["US"] >= styles["UK"] else "UK"
        return {word: style for word, style in wanted.items() if style != majority}, majority

    @staticmethod
    def _entities(doc: Document, words: _Words, groups: list[_Group]) -> Iterator[Finding]:
        hits: dict[int, list[tuple[Segment, int, int, str]]] = defaultdict(list)
        if words.entities:
            for seg in doc.segments:
                for m in words.entities.get(seg.target, ()):
                    hits[m.payload].append((seg, m.start, m.end, seg.target[m.start : m.end]))
        for index, found in sorted(hits.items()):
            counts = Counter(_article_lower(text) for *_, text in found)
            if len(counts) < 2:
                continue
            order = [_article_lower(text) for *_, text in found]
            choice = _majority(counts, order)
            for seg, start, end, text in found:
                if _article_lower(text) != choice:
                    fix = match_case(text, choice)
                    yield ENTITY_FORMS.finding(
                        seg, start, end,
                        f"'{text}' and '{choice}' name one entity in this text ({groups[index].note}); use '{fix}'",
                        (fix,), safe=False,
                    )

    @staticmethod
    def _variant_fixes(surfaces: Counter[str], key: Callable[[str], str], *, hyphens: bool) -> dict[str, str]:
        """Each written word that has a more frequent variant (accents, or hyphens) -> that variant.

        Words are bucketed by a folded key, so the cost is linear in the text. The first-seen
        order of the forms (it breaks ties) is that of the document.
        """
        # A bucket holds two forms (lower-case words) only if a word in it has a key other than its
        # form: else every form is the key itself. Only hyphenated words (for hyphens) or non-ASCII
        # ones (for accents) can have such a key, and they are few: the words of their buckets are
        # picked out by C-level filters, and only they are counted below (same buckets and order).
        if hyphens:
            special = list(compress(surfaces, map(str.__contains__, surfaces, repeat("-"))))
        else:
            special = list(filterfalse(str.isascii, surfaces))
        rival_keys = {k for word in special if len(word) >= 4 and (k := key(word)) != word.lower()}
        if not rival_keys:
            return {}
        relevant = set(compress(surfaces, map(rival_keys.__contains__, map(str.lower, surfaces))))
        relevant.update(word for word in special if key(word) in rival_keys)
        words = list(compress(surfaces, map(relevant.__contains__, surfaces)))
        buckets: dict[str, Counter[str]] = defaultdict(Counter)
        order: dict[str, list[str]] = defaultdict(list)
        # *surfaces* counts each written word in order of first occurrence, so the forms get the
        # same counts and first-seen order as in a pass over every word of the document.
        for word in words:
            count = surfaces[word]
            if len(word) >= 4:
                form = word.lower()
                k = key(word)
                bucket = buckets[k]
                if form not in bucket:
                    order[k].append(form)
                bucket[form] += count
        chosen: dict[str, str] = {}
        for k, counts in buckets.items():
            if len(counts) > 1 and (not hyphens or any("-" in f for f in counts)):
                chosen[k] = _majority(counts, order[k])
        if not chosen:
            return {}
        fixes: dict[str, str] = {}
        for word in words:
            choice = chosen.get(key(word)) if len(word) >= 4 else None
            if choice is not None and word.lower() != choice:
                fixes[word] = match_case(word, choice)
        return fixes


def _dehyphen(word: str) -> str:
    return word.replace("-", "").lower()


def checks() -> list[Check]:
    """The checks of this family."""
    return [SpellingConsistencyCheck()]
