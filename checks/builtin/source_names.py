"""Names of the source (gazetteer transliterations, Latin names) and listed entities in the target."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from checks.builtin.source_common import HAN, gazetteer
from checks.context import Context
from checks.gazetteer import fold as _fold
from checks.model import Finding, Segment, Severity
from checks.registry import Check, Example, RuleMeta

MISSPELLED = RuleMeta(
    code="NM220",
    rule="source-name-misspelled",
    title="Name of the source misspelled in the target",
    category="Fluency/Spelling",
    severity=Severity.MAJOR,
    description=(
        "A name of the source (a Chinese transliteration known to the gazetteer, or a Latin name written in "
        "the source) appears in the target with a different spelling."
    ),
    examples_fail=(
        Example(target="Camile Grand spoke in Paris.", source="格朗（Camille Grand）在巴黎发言。"),
        Example(target="President Macrom arrived.", source="马克龙总统抵达。"),
    ),
    examples_pass=(
        Example(target="Camille Grand spoke in Paris.", source="格朗（Camille Grand）在巴黎发言。"),
        Example(target="President Macron arrived.", source="马克龙总统抵达。"),
    ),
    needs_source=True,
)
NAME_MISSING = RuleMeta(
    code="NM221",
    rule="source-name-missing",
    title="Name of the source missing in the target",
    category="Accuracy/Omission",
    severity=Severity.NEUTRAL,
    description="A person named in the source (gazetteer or Latin script) is not found in the target.",
    examples_fail=(
        Example(target="The French president arrived in Berlin.", source="法国总统马克龙抵达柏林。"),
    ),
    examples_pass=(
        Example(target="French President Emmanuel Macron arrived in Berlin.", source="法国总统马克龙抵达柏林。"),
    ),
    needs_source=True,
)
SUBSTITUTED = RuleMeta(
    code="NM222",
    rule="source-name-substituted",
    title="Another name where the source names a known person",
    category="Accuracy/Mistranslation",
    severity=Severity.MAJOR,
    description=(
        "The source names a known person with a title (总理范明政) and the target has the same title followed "
        "by a different name (Prime Minister Van Minh Tri): the name was mistranslated or replaced."
    ),
    examples_fail=(
        Example(target="Prime Minister Van Minh Tri visited Brunei.", source="范明政总理访问文莱。"),
    ),
    examples_pass=(
        Example(target="Prime Minister Pham Minh Chinh visited Brunei.", source="范明政总理访问文莱。"),
        Example(target="The prime minister visited Brunei.", source="范明政总理访问文莱。"),
    ),
    needs_source=True,
)
ENTITY_MISSING = RuleMeta(
    code="AC930",
    rule="listed-entity-missing",
    title="Country or organisation of the source missing in the target",
    category="Accuracy/Omission",
    severity=Severity.NEUTRAL,
    # Off by default: 0 of 8 findings matched an annotation on WMT23 (docs/tuning.md).
    enabled=False,
    description=(
        "A country or organisation named in the source (gazetteer kind place/org) is not mentioned in the "
        "target, neither by name nor by adjective (法国 -> France/French)."
    ),
    examples_fail=(
        Example(
            target="Britain and Germany will send troops.",
            source="英国、法国和德国将派兵。",
        ),
    ),
    examples_pass=(
        Example(target="Britain, France and Germany will send troops.", source="英国、法国和德国将派兵。"),
        Example(target="The French and German governments agreed.", source="法国和德国政府达成一致。"),
    ),
    needs_source=True,
)

# A Latin-script name in the source: capitalised words, acronyms, CamelCase (Camille Grand, NATO, iPhone).
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9.@/_-])(?:[A-Z][A-Za-z'’.-]*[A-Za-z]|[a-z]+[A-Z][A-Za-z]*)(?:\s+[A-Z][A-Za-z'’.-]*[A-Za-z])*"
    r"(?![A-Za-z0-9_@/-])"
)
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,6}")


class _Target:
    """The target text with its case- and accent-folded form, for repeated lookups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        """The folded text (computed on first use: most segments look nothing up)."""
        if self._folded is None:
            folded = _fold(self.text)
            # Folding changed lengths (ß -> ss): fall back to lower-case for offsets.
            self._folded = folded if len(folded) == len(self.text) else self.text.lower()
        return self._folded

    def has(self, form: str) -> bool:
        """Whether *form* occurs as a whole word (acronyms case-sensitively)."""
        key = _fold(form)
        if not key:
            return False
        # Most forms looked up are absent: a substring test in C settles those before the regex.
        if len(form) <= 3 or form.isupper():
            # "US", "EU", "UN": only as written, else "us" or "un-" would count.
            return form in self.text and _acronym_regex(form).search(self.text) is not None
        folded = self.folded
        return key in folded and _word_regex(key).search(folded) is not None

    def has_prefix(self, form: str) -> bool:
        """Whether a capitalised target word starts with *form* (达尔 "Dar" inside "Darwin")."""
        return len(form) >= 3 and form in self.text and _prefix_regex(form).search(self.text) is not None

    def has_stem(self, form: str) -> bool:
        """Whether a word derived from *form* occurs ("European" for Europe, "Chinese" for China)."""
        if len(form) < 5 or " " in form or form.isupper():
            return False
        return _stem_regex(form[: max(4, len(form) - 2)]).search(self.text) is not None

    def closest(self, forms: list[str], threshold: float) -> tuple[int, int, str, str] | None:
        """The capitalised target phrase most similar to one of *forms*: (start, end, phrase, form)."""
        best: tuple[float, int, int, str, str] | None = None
        # Each form and phrase is folded once, not once per pair compared.
        keyed = [(form, len(form), _fold(form)) for form in forms if len(form) >= 4]
        if not keyed:
            return None
        for m in _CAPITALISED.finditer(self.text):
            words = list(re.finditer(r"\S+", m.group()))
            for i in range(len(words)):
                for j in range(i, len(words)):
                    start, end = m.start() + words[i].start(), m.start() + words[j].end()
                    phrase = self.text[start:end]
                    size = len(phrase)
                    folded = ""
                    for form, form_size, form_key in keyed:
                        if abs(size - form_size) > 3:
                            continue
                        if not folded:
                            folded = _fold(phrase)
                        if folded.rstrip("s") == form_key.rstrip("s"):
                            continue  # a plural or possessive of the same name
                        score = fuzz.ratio(folded, form_key)
                        # Several words that mostly agree ("Pham Minh Thanh" for "Pham Minh Chinh")
                        # are the same name misspelled more surely than one short word is.
                        if " " in form and " " in phrase and len(form) >= 10:
                            score += 10
                        if score >= threshold and (best is None or score > best[0]):
                            best = (score, start, end, phrase, form)
        return None if best is None else best[1:]


# The regexes of the lookups above, compiled once per form (the re module's own cache is smaller
# than the forms of a long run, and building the pattern text cost more than the search).
@lru_cache(maxsize=4096)
def _acronym_regex(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


@lru_cache(maxsize=4096)
def _word_regex(key: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])")


@lru_cache(maxsize=4096)
def _prefix_regex(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(form)}[a-z]")


@lru_cache(maxsize=4096)
def _stem_regex(stem: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(stem)}", re.I)


# Titles next to a name in Chinese news (总理范明政, 范明政总理) and their English counterparts.
_ZH_TITLE = re.compile(r"总理|总统|主席|部长|首相|总书记|秘书长|国务卿|发言人|委员长|议长|大使|先生|女士")
_EN_TITLED_NAME = re.compile(
    r"\b(?P<title>Prime Minister|President|Premier|Vice Premier|Chairman|Chairwoman|Chancellor"
    r"|Secretary(?: of State)?|Secretary-General|General Secretary|Minister|Ambassador|Speaker|spokesperson"
    r"|Mr\.?|Ms\.?|Mrs\.?)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
_LIST_GAP = re.compile(r"[、和与及跟同,，/\s]{1,2}")


def _in_list(source: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether the entity at *span* is one item of an enumeration of entities (英国、法国和德国)."""
    for other in spans:
        if other == span:
            continue
        gap = source[other[1] : span[0]] if other[1] <= span[0] else source[span[1] : other[0]]
        if (other[1] <= span[0] or span[1] <= other[0]) and _LIST_GAP.fullmatch(gap):
            return True
    return False


def _pinyin_key(zh: str, people: Sequence[Any]) -> str:
    """Toneless pinyin of *zh*, letters only.

    The gazetteer has it for its forms; pypinyin costs half a second to load, so it is asked
    only for a form the gazetteer lacks.
    """
    for entry in people:
        for form, key in zip(entry.zh, entry.pinyin, strict=False):
            if form == zh and key:
                return key
    from pypinyin import lazy_pinyin

    return re.sub(r"[^a-z]", "", "".join(lazy_pinyin(zh)).lower())


def _forms(entries: Sequence[Any]) -> list[str]:
    forms: list[str] = []
    for entry in entries:
        for spelling in (entry.english, *entry.variants):
            if spelling and spelling not in forms:
                forms.append(spelling)
            # A person is often named by surname alone ("Macron" for Emmanuel Macron).
            last = spelling.split()[-1] if spelling and entry.kind == "person" else ""
            if len(last) >= 3 and last not in forms:
                forms.append(last)
    return forms


@lru_cache(maxsize=4096)
def _latin_names(source: str) -> tuple[str, ...]:
    """The Latin-script names written in *source* (read once per distinct source: sources repeat)."""
    names: list[str] = []
    for m in _LATIN_NAME.finditer(source):
        name = m.group().strip(".-’'")
        # Single letters and codes with digits (600884.SH) are not names to spell-check.
        if len(name) < 3 or re.search(r"\d", name):
            continue
        names.append(name)
    return tuple(names)


# A known name of the source, with what the check needs of it: (its Chinese text, its curated people,
# its curated places and organisations, the people's spellings, the spellings of the source's other
# names when a title stands next to it (else None), whether it is one item of a list of entities (of
# places or organisations only), and the words that name that entity). Shared by every segment with
# this source, so immutable.
_Known = tuple[str, tuple[Any, ...], tuple[Any, ...], tuple[str, ...], frozenset[str] | None, bool, frozenset[str]]


def _plan(source: str, gaz: Any) -> Iterator[_Known]:
    """The gazetteer names of Chinese *source*, in order, with everything that depends on the source alone."""
    spans: dict[tuple[int, int], list[Any]] = {}
    for start, stop, entry in gaz.find_in_chinese(source):
        spans.setdefault((start, stop), []).append(entry)
    entities = {
        span: [e for e in entries if e.kind in ("place", "org") and e.curated]
        for span, entries in spans.items()
    }
    entity_spans = sorted(span for span, listed in entities.items() if listed)
    for (start, stop), entries in spans.items():
        people = [e for e in entries if e.kind == "person" and e.curated]
        listed = entities[(start, stop)]
        forms: list[str] = []
        others: frozenset[str] | None = None
        in_list = False
        words: set[str] = set()
        if people and not listed:
            forms = _forms(people)
            if _ZH_TITLE.search(source[max(0, start - 4) : start]) or _ZH_TITLE.match(source, stop):
                others = frozenset(f for span, es in spans.items() if span != (start, stop) for f in _forms(es))
        elif listed and not people and _in_list(source, (start, stop), entity_spans):
            in_list = True
            words = set(_forms(listed))
            for entry in listed:
                words.update(gaz.country_words(entry.country if entry.role == "country" else entry.english))
        yield source[start:stop], tuple(people), tuple(listed), tuple(forms), others, in_list, frozenset(words)


def _no_plans(_cfg: object) -> dict[str, tuple[_Known, ...]]:
    return {}


class SourceNames:
    """Names of the source checked against the target: spelled right, present, entities kept."""

    rules = (MISSPELLED, NAME_MISSING, SUBSTITUTED, ENTITY_MISSING)

    def prepare(self, ctx: Context) -> None:
        """Build the gazetteer's indexes ahead (``registry.Prepared``)."""
        gaz = gazetteer(ctx)
        if gaz is not None:
            gaz.prepare(chinese=True)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield misspelled or missing names and missing listed entities of *segment*."""
        source, text = segment.source or "", segment.target
        if not source or not text.strip():
            return
        latin, known = _latin_names(source), self._known_names(source, ctx)
        if not latin and not known:
            return  # most segments: the source names nothing to look for
        target = _Target(text)
        end = len(text.rstrip())
        reported: set[str] = set()
        for name in latin:
            variants = (name, name[:-1] if name.endswith("s") else name + "s")
            if any(target.has(v) for v in variants) or name in reported:
                continue
            reported.add(name)
            close = target.closest([name], 80)
            if close:
                start, stop, phrase, form = close
                yield MISSPELLED.finding(
                    segment, start, stop, f"'{phrase}' is spelled '{form}' in the source", (form,), safe=False
                )
            elif " " in name or name.isupper() or re.search(rf"[（(]\s*{re.escape(name)}", source):
                # A single ordinary word may be transliterated differently (Kekertsuatsiak /
                # Qeqertarsuaq); names glossed in brackets, acronyms and full names must stay.
                yield NAME_MISSING.finding(segment, end, end, f"'{name}' of the source is not found in the target")
        for zh, people, listed, forms, others, in_list, words in known:
            if zh in reported:
                continue
            reported.add(zh)
            if people and not listed:
                if any(f in reported for f in forms):
                    continue  # already checked in its Latin form (格朗（Camille Grand）)
                yield from self._person(segment, target, zh, people, end, others)
            elif in_list and not any(target.has(w) or target.has_stem(w) for w in words):
                yield ENTITY_MISSING.finding(
                    segment, end, end, f"'{zh}' ({listed[0].english}) of the source is not mentioned in the target"
                )

    # Sources repeat (one source, several translations): what depends on the source alone is
    # worked out once per distinct source and gazetteer. A bound for endless input.
    _PLANS_LIMIT = 4096

    def _known_names(self, source: str, ctx: Context) -> tuple[_Known, ...]:
        """The gazetteer entries of *source* to look for in the target, in source order (cached per source)."""
        plans: dict[str, tuple[_Known, ...]] = ctx.resources.get("source_names.plans", _no_plans)
        plan = plans.get(source)
        if plan is not None:
            return plan  # made under this context, so with its gazetteer
        gaz = gazetteer(ctx) if HAN.search(source) else None
        if gaz is None:
            return ()
        if len(plans) >= self._PLANS_LIMIT:
            plans.clear()
        plan = plans[source] = tuple(_plan(source, gaz))
        return plan

    def _person(
        self, segment: Segment, target: _Target, zh: str, people: Sequence[Any], end: int, others: frozenset[str] | None
    ) -> Iterator[Finding]:
        forms = _forms(people)
        if zh in target.text or any(target.has(f) or target.has_prefix(f) for f in forms):
            return  # present, or left in Chinese (reported as a source-language fragment)
        close = target.closest(forms, 80)
        if close:
            start, stop, phrase, form = close
            yield MISSPELLED.finding(
                segment, start, stop, f"'{phrase}' should be spelled '{form}' ({zh} in the source)", (form,)
            )
            return
        romanised = _pinyin_key(zh, people)
        for m in _CAPITALISED.finditer(target.text):
            words = list(re.finditer(r"\S+", m.group()))
            for i in range(len(words)):
                for j in range(i, min(i + 3, len(words))):
                    start, stop = m.start() + words[i].start(), m.start() + words[j].end()
                    if re.sub(r"[^a-z]", "", _fold(target.text[start:stop])) == romanised:
                        yield MISSPELLED.finding(
                            segment, start, stop,
                            f"'{target.text[start:stop]}' is the pinyin of {zh}; the usual spelling is "
                            f"'{forms[0]}'",
                            (forms[0],),
                        )
                        return
        if others is not None:
            # The source gives a title with the name: the target's name after a title is its rendering.
            roles = " ".join(e.role for e in people).lower()
            for m in _EN_TITLED_NAME.finditer(target.text):
                name = m.group("name")
                if any(_fold(name) == _fold(o) or _fold(o) in _fold(name) for o in others):
                    continue
                if roles and m.group("title").lower().rstrip(".") not in roles:
                    continue  # "Mr. Ho" is someone else when the person is known as Prime Minister
                yield SUBSTITUTED.finding(
                    segment, m.start("name"), m.end("name"),
                    f"'{name}' stands where the source names {zh} ({forms[0]})", (forms[0],),
                )
                return
        yield NAME_MISSING.finding(
            segment, end, end, f"'{zh}' ({people[0].english}) of the source is not found in the target"
        )



def checks() -> list[Check]:
    """Return the source-name and listed-entity checks."""
    return [SourceNames()]
