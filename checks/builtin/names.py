"""Person and entity name checks on the target only (NM201–NM219): variants, doubled, garbled and pinyin names."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress, filterfalse

from rapidfuzz.distance import DamerauLevenshtein

from checks.context import Context
from checks.gazetteer import Entry, Gazetteer, fold, load, pinyin_key
from checks.model import Document, Finding, Segment, Severity
from checks.registry import Check, Example, RuleMeta
from checks.text import lower_word_set

# A capitalized word with at least one lower-case letter (acronyms are not names we can compare). The
# capital comes before the look-behind at the character before it: a pattern that opens with a character
# set lets the regex engine skip in C to the next capital, where a leading look-behind is tried everywhere.
_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’-].)[a-zà-öø-ÿĀ-ſ]*[a-zà-öø-ÿĀ-ſ](?![\w-])")
_WORD = re.compile(r"[^\W\d_]+")
# A sentence boundary: end punctuation (maybe closing quote) then space, or a line break. Abbreviations
# are checked apart. Written to start with one character class (a line break then ends the match at
# once): re then skips ahead to the characters of the class instead of trying the pattern everywhere.
_BOUNDARY = re.compile(r"[.!?。！？\n](?:(?<=\n)|['\"”’)]*\s+)")
_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b[A-Z]\.[A-Z]|\bMr|\bMrs|\bMs|\bDr|\bSt|\bGen|\bLt|\bCol|\bNo|\bvs|\bJr|\bSr)\.$")
_OPENERS = set(" \t\"'“‘(【[«—–-*")

MIN_LEN = 4

# Endings that turn one proper noun into another of the same family (Sweden/Swedes, Jordan/Jordanian,
# Iraq/Iraqi, Ministry/Minister): a pair that differs only by these is morphology, not a misspelling.
_SUFFIXES = frozenset({
    "", "s", "es", "n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "i", "is", "ic", "ics", "er", "ers",
    "ern", "ry", "ries", "y", "ies", "al", "ism", "ist", "ists", "ed", "ing", "ity", "e", "a", "en", "ite",
    "ites", "ia", "o", "ean", "eans", "ine", "it",
})
_VOWELS = frozenset("aeiouy")

# Capitalized words that are never names but are frequent mid-sentence (titles, calendar words).
_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december", "mister",
})

# Pinyin of common Chinese surnames: a token next to one is part of a Chinese name, not a transliteration.
_SURNAME_TEXT = (
    "zhao qian sun li zhou wu zheng wang feng chen chu wei jiang shen han yang zhu qin you xu he lu shi zhang "
    "kong cao yan hua jin tao qi xie zou yu bai shui dou su pan ge fan peng lang mao lei ni tang teng yin luo "
    "bi hao an chang le fu pi bian kang bu gu meng ping huang mu xiao yao shao wang qi mao di mi bei ming zang "
    "ji cheng dai tan song pang xiong liang du ruan lan min xi ma gao xia cai tian hu ling huo yuan liu long "
    "ye guo duan lai mo qiu qu ou jia deng gong geng nie zeng ren xiang yue rong weng ning kou zhong hou "
    "hong situ ouyang shangguan zhuge sima"
)
_CHINESE_SURNAMES = frozenset(_SURNAME_TEXT.split())
# Surnames that come first in Chinese, Korean and Vietnamese names as written in English.
_SURNAME_FIRST_SURNAMES = _CHINESE_SURNAMES | frozenset(
    ["kim", "lee", "park", "choi", "choe", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "shin", "oh",
     "nguyen", "tran", "le", "pham", "hoang", "vu", "vo", "dang", "bui", "do", "ngo", "duong", "hun"]
)


_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)"
)
_PINYIN_WORD = re.compile(rf"(?:{_PINYIN_SYLLABLE})+")


@functools.lru_cache(maxsize=65536)
def looks_like_pinyin(word: str) -> bool:
    """True when *word* splits into pinyin syllables ("Yonggang"), as Chinese names written in English do."""
    return _PINYIN_WORD.fullmatch(fold(word)) is not None


def _consonant_class(ch: str) -> str:
    # Chinese MT confuses voiced/voiceless stops, l/r, sibilants and v/w: fold each group to one letter.
    return {
        "b": "p", "p": "p", "d": "t", "t": "t", "g": "k", "k": "k", "q": "k", "c": "k", "l": "l", "r": "l",
        "s": "s", "z": "s", "x": "s", "j": "j", "v": "v", "w": "v", "f": "f", "m": "m", "n": "n",
    }.get(ch, "")


@functools.lru_cache(maxsize=65536)  # a document repeats its names; the key is a pure function
def phonetic_key(word: str) -> str:
    """A key tolerant of the spelling confusions of Chinese MT ("Brinken" and "Blinken" -> "plnkn")."""
    w = re.sub(r"[^a-z]", "", fold(word))
    if not w:
        return ""
    w = w.replace("ph", "f").replace("ck", "k").replace("sch", "s")
    w = re.sub(r"c(?=[eiy])", "s", w)
    out: list[str] = ["a" if w[0] in _VOWELS else _consonant_class(w[0]) or w[0]]
    for ch in w[1:]:
        if ch in _VOWELS or ch == "h":
            continue
        cls = _consonant_class(ch)
        if cls and cls != out[-1]:
            out.append(cls)
    return "".join(out)


def _deletions(key: str) -> set[str]:
    """The key and every key with one letter deleted (the deletion neighbourhood of SymSpell)."""
    keys = {key}
    if len(key) >= 3:
        keys.update(key[:i] + key[i + 1 :] for i in range(len(key)))
    return keys


def _morphological(a: str, b: str) -> bool:
    """True when *a* and *b* are one stem with different derivational/inflectional endings."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    ra, rb = a[n:], b[n:]
    if n < 4 or ra not in _SUFFIXES or rb not in _SUFFIXES:
        return False
    # Two different lone vowels (Zelenski/Zelensky) are a spelling variant, not an ending.
    return not (len(ra) == len(rb) == 1 and ra in _VOWELS and rb in _VOWELS)


def _max_distance(a: str, b: str) -> int:
    shortest = min(len(a), len(b))
    return 1 if shortest < 6 else 2


@dataclass(slots=True)
class _Occurrence:
    segment: Segment
    start: int
    end: int
    initial: bool
    sentence_start: int = 0  # where the occurrence's sentence starts in the target

    @property
    def sentence(self) -> tuple[str, int]:
        """(segment id, sentence start): where the occurrence stands.

        Made when asked (few are), not stored: a document has tens of thousands of occurrences.
        """
        return (self.segment.id, self.sentence_start)


_Word = tuple[str, int, int, bool, int]  # a capitalized word of a target: (word, start, end, initial, sentence)


@dataclass(slots=True)
class _Places:
    """Where a document's capitalized words stand: per distinct target, its segments, and its words.

    A target's words are placed (positions, sentences) only when some form in it is asked about.
    """

    segments: tuple[Segment, ...]
    segments_of: dict[str, list[int]]  # distinct target -> the numbers of its segments, in document order
    placed: dict[str, list[_Word]] = field(default_factory=dict)  # distinct target -> _cap_words(target)

    def words(self, target: str) -> list[_Word]:
        """``_cap_words(target)``, worked out once."""
        found = self.placed.get(target)
        if found is None:
            found = self.placed[target] = _cap_words(target)
        return found

    def mid_sentence(self, word: str, targets: list[str]) -> bool:
        """Whether *word*, which stands in *targets*, stands somewhere not at the start of a sentence."""
        return any(w[0] == word and not w[3] for target in targets for w in self.words(target))

    def occurrences(self, word: str, targets: list[str]) -> list[_Occurrence]:
        """The occurrences of *word*, which stands in *targets*, in document order."""
        found: list[tuple[int, int, _Occurrence]] = []
        segments = self.segments
        for target in targets:
            here = [w for w in self.words(target) if w[0] == word]
            for i in self.segments_of[target]:
                seg = segments[i]
                found.extend((i, start, _Occurrence(seg, start, end, initial, sentence))
                             for _, start, end, initial, sentence in here)
        if len(targets) > 1:  # the segments of two targets interleave
            found.sort(key=lambda f: (f[0], f[1]))
        return [occurrence for *_, occurrence in found]


@dataclass(slots=True)
class _Form:
    """A capitalized word form of a document; its occurrences are listed when first asked for.

    Most forms are never asked for theirs (a document has tens of thousands of occurrences), so
    the scan records only the distinct targets a form stands in.
    """

    text: str
    places: _Places
    targets: list[str] = field(default_factory=list)  # the distinct targets it stands in, first-seen order
    listed: list[_Occurrence] | None = None
    mid: bool | None = None

    @property
    def occurrences(self) -> list[_Occurrence]:
        """Every occurrence of the form, in document order."""
        if self.listed is None:
            self.listed = self.places.occurrences(self.text, self.targets)
        return self.listed

    @property
    def mid_sentence(self) -> bool:
        """Whether some occurrence is not sentence-initial."""
        if self.mid is None:
            self.mid = self.places.mid_sentence(self.text, self.targets)
        return self.mid


@dataclass
class _Scan:
    """Capitalized forms of a document, the lower-case words it uses, and its distinct chunks of text."""

    forms: dict[str, _Form]
    lower: set[str]
    order: list[str]
    chunks: set[str]  # the distinct whitespace-separated chunks of the targets


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        # Only the last few characters can hold an abbreviation; searching the whole prefix was quadratic.
        if m.group().startswith(".") and _ABBREV_END.search(text[max(0, m.start() - 8) : m.start() + 1]):
            continue
        starts.append(m.end())
    return starts


_ONLY_OPENERS = re.compile("[" + re.escape("".join(sorted(_OPENERS))) + "]*")


def _cap_words(text: str) -> list[tuple[str, int, int, bool, int]]:
    """The capitalized words of *text* as (word, start, end, sentence-initial, start of the sentence)."""
    starts = _sentence_starts(text)
    # A word is sentence-initial when only openers (quotes, brackets, dashes, spaces) stand between its
    # sentence start and it. A word is no opener, so that is where the openers after a sentence start end;
    # and openers after an earlier start that reach the word cover the later ones too. One set lookup per
    # word then replaces a regex match per word.
    openings = {_ONLY_OPENERS.match(text, start).end() for start in starts}
    found: list[tuple[str, int, int, bool, int]] = []
    si, last = 0, len(starts) - 1
    for m in _CAP_WORD.finditer(text):
        start = m.start()
        while si < last and starts[si + 1] <= start:
            si += 1
        found.append((m.group(), start, m.end(), start in openings, starts[si]))
    return found


# Per byte of ASCII text: a letter kept, any other byte a space.
_ASCII_LETTERS = bytes(b if chr(b).isalpha() else 32 for b in range(128)) + b" " * 128


def scan(doc: Document) -> _Scan:
    """Collect capitalized word forms with their occurrences (linear in document size)."""
    forms: dict[str, _Form] = {}
    order: list[str] = []
    # Targets repeat (headlines, boilerplate): each distinct one is read once, and its repeats are only
    # noted. Distinct targets are met in the order of their first segments, so forms are still met in
    # document order, which *order* records.
    segments_of: dict[str, list[int]] = {}
    places = _Places(doc.segments, segments_of)
    for i, seg in enumerate(doc.segments):
        text = seg.target
        numbers = segments_of.get(text)
        if numbers is not None:
            numbers.append(i)
            continue
        segments_of[text] = [i]
        # The words alone (a findall, no match object): where they stand is worked out when asked.
        for word in _CAP_WORD.findall(text):
            form = forms.get(word)
            if form is None:
                form = forms[word] = _Form(word, places)
                order.append(word)
            if not form.targets or form.targets[-1] is not text:
                form.targets.append(text)
    # A word never spans whitespace: the distinct whitespace-separated chunks of all distinct targets
    # (one split in C of the targets joined by spaces) are far fewer than the words, and a chunk of
    # letters only is one word as it stands.
    chunks = set(" ".join(segments_of).split())
    # The words of ASCII chunks are their letter runs, and fold() lower-cases them: one byte-table
    # split of those chunks joined, in C; a Python pass only over the distinct words.
    ascii_words = " ".join(filter(str.isascii, chunks)).encode("ascii").translate(_ASCII_LETTERS).decode("ascii")
    lower = {word.lower() for word in set(ascii_words.split()) if word[0].islower()}
    for chunk in filterfalse(str.isascii, chunks):
        for word in (chunk,) if chunk.isalpha() else _WORD.findall(chunk):
            if word[0].islower():
                lower.add(fold(word))
    return _Scan(forms, lower, order, chunks)


def _sentence_of(text: str, start: int, end: int) -> str:
    starts = _sentence_starts(text)
    begin = max(s for s in starts if s <= start)
    after = [s for s in starts if s >= end]
    return text[begin : after[0] if after else len(text)]


def _is_candidate(form: _Form, data: _Scan, gaz_known: bool) -> bool:
    """A form that is plausibly a name and could be a misspelling."""
    folded = fold(form.text)
    return (
        len(form.text) >= MIN_LEN
        and folded not in data.lower
        and folded not in _NOT_NAMES
        and (form.mid_sentence or gaz_known)
    )


def _short_spelling(entry: Entry, like: str) -> str:
    """The spelling of *entry* that best replaces the one-word form *like* (the surname for people)."""
    singles = [s for s in entry.spellings if " " not in s]
    pool = singles or list(entry.spellings)
    key = phonetic_key(like)
    return min(pool, key=lambda s: (phonetic_key(s) != key, DamerauLevenshtein.distance(fold(s), fold(like))))


# NM201 -------------------------------------------------------------------------------------------

NM201 = RuleMeta(
    code="NM201",
    rule="name-spelled-two-ways",
    title="One name spelled differently in the same document",
    category="Fluency/Spelling",
    severity=Severity.MAJOR,
    description=(
        "Capitalized names are grouped by a phonetic key tolerant of Chinese-MT confusions (l/r, b/p, d/t, g/k, "
        "s/z/x, vowels) and by edit distance; a group with more than one spelling is flagged at every occurrence "
        "of the spellings not chosen (the gazetteer spelling if one is known, else the most frequent). Distinct "
        "known names (Austria/Australia) and derived forms (Sweden/Swedes) are not grouped."
    ),
    examples_fail=(
        Example(target="U.S. Secretary of State Blinken arrived in Beijing. Later, Brinken met Wang Yi."),
        Example(target="Zelenskyy spoke in Kyiv. Officials said Zelensky would travel to Paris."),
        Example(target="The envoy Harkonnen met reporters. Later, Harkonen said talks would resume."),
    ),
    examples_pass=(
        Example(target="Austria and Australia signed the deal. Iran and Iraq also attended."),
        Example(target="Sweden joined NATO. The Swedes welcomed it, as did Jordan and the Jordanian king."),
        Example(target="Blinken met Wang Yi. Blinken then flew to Seoul."),
    ),
)


def _surname_map(gaz: Gazetteer) -> dict[str, list[Entry]]:
    """Curated people by the last word of each of their spellings ("Leyen" -> Ursula von der Leyen)."""
    index: dict[str, list[Entry]] = {}
    for entry in gaz.curated_people():
        for spelling in entry.spellings:
            parts = spelling.split()
            if len(parts) > 1 and _CAP_WORD.fullmatch(parts[-1]):
                bucket = index.setdefault(fold(parts[-1]), [])
                if entry not in bucket:
                    bucket.append(entry)
    return index


def _same_sentence(data: _Scan, a: str, b: str) -> bool:
    """Two spellings in one sentence name two people ("Ms. Carter met Ms. Cartier"), not one."""
    where = {o.sentence for o in data.forms[a].occurrences}
    return any(o.sentence in where for o in data.forms[b].occurrences)


class _Group:
    def __init__(self, form: str, known: frozenset[int]) -> None:
        self.forms = [form]
        self.known = set(known)


class NameVariantCheck:
    """NM201: the same name spelled in several ways within one document."""

    rules = (NM201,)
    shares = "names.scan"  # run beside the other name checks (checks/parallel.py)

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """Yield a finding at each occurrence of a non-preferred spelling of a name."""
        gaz = load(ctx)
        data = doc.derived("names.scan", scan)
        surnames = ctx.resources.get("gazetteer.surnames", lambda _cfg: _surname_map(gaz))
        known: dict[str, frozenset[int]] = {}
        curated: set[str] = set()
        candidates: list[str] = []
        for text in data.order:
            entries = [*gaz.by_english(text), *surnames.get(fold(text), ())]
            ids = frozenset(id(e) for e in entries)
            if any(e.curated for e in entries):
                curated.add(text)
            if gaz.is_demonym(text):
                # A demonym names a people, not the country: known, and distinct from every entry.
                ids = frozenset({hash(("demonym", fold(text)))})
            elif gaz.is_word(text) and not any(e.curated for e in entries):
                continue  # "Black", "Grand": ordinary words capitalized for a reason we cannot judge
            if _is_candidate(data.forms[text], data, bool(ids)):
                known[text] = ids
                candidates.append(text)
        buckets: dict[str, list[str]] = {}
        for text in candidates:
            for key in _deletions(phonetic_key(text)):
                buckets.setdefault(key, []).append(text)
        groups: dict[str, _Group] = {t: _Group(t, known[t]) for t in candidates}
        seen_pairs: set[tuple[str, str]] = set()
        for members in buckets.values():
            if len(members) < 2 or len(members) > 25:
                continue  # a huge bucket is a key collision of unrelated words, not one name
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair = (a, b) if a < b else (b, a)
                    if a == b or pair in seen_pairs:
                        continue
                    seen_pairs.add(pair)
                    # Two spellings in one sentence are two people, unless both are forms of one known entry.
                    pinyin_ok = a in curated or b in curated
                    if self._same_name(a, b, known[a], known[b], pinyin_ok) and (
                        known[a] & known[b] or not _same_sentence(data, a, b)
                    ):
                        self._merge(groups, a, b)
        done: set[int] = set()
        for group in groups.values():
            if id(group) in done or len(group.forms) < 2:
                continue
            done.add(id(group))
            yield from self._report(group, data, gaz, known)

    @staticmethod
    def _same_name(a: str, b: str, ka: frozenset[int], kb: frozenset[int], pinyin_ok: bool) -> bool:
        fa, fb = fold(a), fold(b)
        if fa == fb:
            return a != b  # differ only by accents or case: "Erdogan"/"Erdoğan"
        if phonetic_key(a)[:1] != phonetic_key(b)[:1]:
            return False  # MT garbles the middle of a name, rarely its first sound (Hong/Kong, Wang/Fang)
        if ka and kb:
            # Both known: only spellings of one and the same entry are variants of each other, and a
            # plural is no variant (Houthi/Houthis).
            plural = fa in (fb + "s", fb + "es") or fb in (fa + "s", fa + "es")
            return bool(ka & kb) and not plural
        if _morphological(fa, fb):
            return False
        if looks_like_pinyin(a) and looks_like_pinyin(b) and not pinyin_ok:
            # Chinese names in pinyin legitimately differ by one letter (Yonggang, Yungang, Minggang); only a
            # public figure's name (Lifeng for He Lifeng) is trusted to be the one meant.
            return False
        distance = DamerauLevenshtein.distance(fa, fb)
        if ka or kb:
            return distance <= _max_distance(fa, fb)
        # Two unknown spellings: ask for more (same initial, one edit) since both may be real names.
        return distance == 1 and fa[0] == fb[0] and min(len(fa), len(fb)) >= 5

    @staticmethod
    def _merge(groups: dict[str, _Group], a: str, b: str) -> None:
        ga, gb = groups[a], groups[b]
        if ga is gb:
            return
        if ga.known and gb.known and not ga.known & gb.known:
            return  # would join two different known names through a misspelling of both
        ga.forms.extend(gb.forms)
        ga.known |= gb.known
        for form in gb.forms:
            groups[form] = ga

    @staticmethod
    def _report(group: _Group, data: _Scan, gaz: Gazetteer, known: dict[str, frozenset[int]]) -> Iterator[Finding]:
        def rank(form: str) -> tuple[int, int]:
            # A spelling the gazetteer knows beats an unknown one; among known (or unknown) ones, the majority.
            return (-int(bool(known[form])), -len(data.forms[form].occurrences))

        ordered = sorted(group.forms, key=lambda f: (*rank(f), data.order.index(f)))
        best = ordered[0]
        count = len(data.forms[best].occurrences)
        why = "the gazetteer spelling" if known[best] else f"used {count} time{'s' if count > 1 else ''}"
        for form in ordered[1:]:
            for occ in data.forms[form].occurrences:
                yield NM201.finding(
                    occ.segment, occ.start, occ.end,
                    f"'{form}' and '{best}' look like one name spelled two ways; use '{best}' ({why})",
                    [best],
                )


# NM202 -------------------------------------------------------------------------------------------

NM202 = RuleMeta(
    code="NM202",
    rule="doubled-name",
    title="Name given twice: short form followed by the full name in brackets",
    category="Locale convention/Name format",
    severity=Severity.MAJOR,
    description=(
        "Chinese sources give a transliterated surname followed by the original full name in brackets; "
        "translated literally this becomes 'Grand (Camille Grand)'. English gives the full name once."
    ),
    examples_fail=(
        Example(target="Former NATO official Grand (Camille Grand) pointed out the risks."),
        Example(target="Foreign Minister Lavrov (Sergey Lavrov) said talks would continue."),
        Example(target="The analyst Camille Grand (Grand) pointed out the risks."),
    ),
    examples_pass=(
        Example(target="Former NATO official Camille Grand (France) pointed out the risks."),
        Example(target="The World Health Organization (WHO) said so. Grand (a former official) agreed."),
    ),
)

_PARTICLES = frozenset({"von", "van", "der", "den", "de", "la", "le", "du", "da", "dos", "bin", "al", "el", "ibn"})
_PAREN = re.compile(r"[(（]\s*([^()（）]{2,80}?)\s*[)）]")
_BEFORE = re.compile(r"((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*[ \u00a0]+){0,3}[A-ZÀ-ÖØ-Þ][\w'’.-]*)[ \u00a0]*$")


def _name_tokens(text: str) -> list[str] | None:
    """The tokens of *text* if it is a personal name (capitalized words and particles), else None."""
    tokens = text.replace("·", " ").split()
    if not 1 <= len(tokens) <= 5:
        return None
    for tok in tokens:
        if tok.lower() in _PARTICLES:
            continue
        if not (tok[0].isupper() and any(c.islower() for c in tok)):
            return None
    return tokens


def _has_opening_bracket(text: str) -> bool:
    """Whether *text* has an opening bracket: every match of ``_PAREN`` starts with one."""
    return "(" in text or "（" in text


class DoubledNameCheck:
    """NM202: "Surname (Given Surname)" and "Given Surname (Surname)" become "Given Surname"."""

    rules = (NM202,)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterable[Finding]:
        """Yield a safe fix for each doubled name in *segment*."""
        text = segment.target
        if not _has_opening_bracket(text):
            return  # most segments: substring tests in C cost less than starting the scan
        for m in _PAREN.finditer(text):
            inner = _name_tokens(m.group(1))
            if inner is None:
                continue
            # Look back a bounded window only, so that many brackets in one paragraph stay linear.
            base = max(0, m.start() - 160)
            before = _BEFORE.search(text, base, m.start())
            if before is None:
                continue
            outer = before.group(1).split()
            fix = self._fix(outer, inner)
            if fix is None:
                continue
            kept, replacement = fix
            # Span: from the first outer token that is part of the doubled name to the closing bracket.
            start = self._align(text, before.start(1), outer, len(outer) - kept)
            yield NM202.finding(
                segment, start, m.end(),
                f"name given twice; write it once as '{replacement}'",
                [replacement],
                safe=True,
            )

    @staticmethod
    def _align(text: str, base: int, outer: list[str], skip: int) -> int:
        pos = base
        for tok in outer[:skip]:
            pos = text.index(tok, pos) + len(tok)
        return text.index(outer[skip], pos) if skip < len(outer) else pos

    @staticmethod
    def _fix(outer: list[str], inner: list[str]) -> tuple[int, str] | None:
        """(number of outer tokens covered, replacement) or None when it is not a doubled name."""
        lo = [fold(t) for t in outer]
        li = [fold(t) for t in inner]
        name_len = _leading_name(outer)
        # "Camille Grand (Grand)", "Grand (Grand)": the bracket repeats the end of the name before it.
        if len(li) <= name_len and lo[-len(li) :] == li:
            return name_len, " ".join(outer[-name_len:])
        # "Grand (Camille Grand)": the surname before the bracket ends the full name inside it. When the
        # text before already has a given name of its own ("Sergei Lavrov (Sergey Lavrov)") it is no doubling.
        for k in range(min(name_len, len(li) - 1), 0, -1):
            if lo[-k:] == li[-k:]:
                return (k, " ".join(inner)) if k == name_len else None
        # "Wang (Wang Yi)", "Kim (Kim Jong Un)": East Asian names put the surname first.
        if name_len == 1 and len(li) >= 2 and lo[-1] == li[0] and pinyin_key(li[0]) in _SURNAME_FIRST_SURNAMES:
            return 1, " ".join(inner)
        return None


def _leading_name(outer: list[str]) -> int:
    """How many trailing tokens of *outer* form the name (stop at a title word such as 'official')."""
    count = 0
    for tok in reversed(outer):
        if tok.lower() in _TITLES or not any(c.islower() for c in tok):
            break
        count += 1
    return max(count, 1)


_TITLES = frozenset({
    "president", "minister", "secretary", "chancellor", "premier", "general", "admiral", "official", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "director", "chairman", "chair", "senator",
    "governor", "mayor", "king", "queen", "prince", "pope", "mr", "mrs", "ms", "dr", "professor", "chief",
    "commander", "leader", "analyst", "expert", "the", "former", "foreign", "defence", "defense", "prime",
})


# NM203 -------------------------------------------------------------------------------------------

NM203 = RuleMeta(
    code="NM203",
    rule="garbled-known-name",
    title="Garbled spelling of a well-known person's name",
    category="Fluency/Spelling",
    severity=Severity.MAJOR,
    description=(
        "A capitalized word that is no known name or word, close in spelling and sound to the surname of a "
        "public figure in the curated gazetteer, in a sentence that also names that person's country or role."
    ),
    examples_fail=(
        Example(target="The Chief of the French Armed Forces, Buchard, said troops may be deployed."),
        Example(target="U.S. Secretary of State Brinken arrived in Beijing on Monday."),
    ),
    examples_pass=(
        Example(target="The Chief of the French Armed Forces, Burkhard, said troops may be deployed."),
        Example(target="Local baker Bouchardon said the bread was ready."),
        Example(target="The manager, Brinkner, said sales in Ohio were up."),
    ),
)

_ROLE_STOP = frozenset({
    "of", "the", "and", "for", "to", "in", "on", "a", "an", "former", "until", "from", "head", "deputy", "vice",
    "co", "s", "special", "senior", "general", "affairs", "national", "state", "chief",
})
_ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "defence": ("defense", "military", "armed", "army"),
    "defense": ("defence", "military", "armed", "army"),
    "armed": ("military", "army", "defence", "defense"),
    "forces": ("military", "army", "troops"),
    "staff": ("military", "army", "armed"),
    "foreign": ("diplomat", "diplomacy"),
    "president": ("presidential",),
    "minister": ("ministry",),
}


# Role words shared by hundreds of people: they confirm nothing about which person is meant.
_GENERIC_ROLES = frozenset({
    "president", "presidential", "minister", "ministry", "prime", "foreign", "diplomat", "diplomacy", "leader",
    "secretary", "chairman", "chairwoman", "chair", "official", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "director", "governor", "mayor", "party", "opposition", "king", "queen", "emperor",
})


def _role_words(entry: Entry) -> frozenset[str]:
    words = {w for w in re.findall(r"[a-z]+", entry.role.lower()) if w not in _ROLE_STOP and len(w) > 2}
    for w in list(words):
        words.update(_ROLE_SYNONYMS.get(w, ()))
    return frozenset(words)


@dataclass
class _PersonIndex:
    by_key: dict[str, list[tuple[str, Entry]]]


def _person_index(gaz: Gazetteer) -> _PersonIndex:
    by_key: dict[str, list[tuple[str, Entry]]] = {}
    for entry in gaz.curated_people():
        surnames = {s.split()[-1] for s in entry.spellings}
        for surname in surnames:
            # Surnames under five letters (Tusk, Back) are too close to too many words to guess from.
            if len(surname) < 5 or not _CAP_WORD.fullmatch(surname):
                continue
            for key in _deletions(phonetic_key(surname)):
                by_key.setdefault(key, []).append((surname, entry))
    return _PersonIndex(by_key)


def _in_known_compound(occ: _Occurrence, gaz: Gazetteer) -> bool:
    """True when the word and a capitalized neighbour form a known name ("Black Sea", "Le Pen")."""
    text = occ.segment.target
    before = re.search(r"([A-Z][\w'’.-]*) $", text[: occ.start])
    after = re.match(r" ([A-Z][\w'’.-]*)", text[occ.end :])
    word = text[occ.start : occ.end]
    return bool(
        (before and gaz.is_known(f"{before.group(1)} {word}")) or (after and gaz.is_known(f"{word} {after.group(1)}"))
    )


def _part_of_other_name(occ: _Occurrence, gaz: Gazetteer) -> bool:
    """True when a capitalized neighbour that is no title or word makes the token part of another full name."""
    text = occ.segment.target
    before = re.search(r"([A-Z][\w'’-]*) $", text[: occ.start])
    after = re.match(r" ([A-Z][\w'’-]*)", text[occ.end :])
    for m in (before, after):
        if m is None:
            continue
        word = m.group(1)
        if word.lower() in _TITLES or gaz.is_word(word) or gaz.is_demonym(word) or gaz.is_known(word):
            continue
        if not any(c.islower() for c in word):
            continue  # an acronym (NATO, U.S.) is context, not a given name
        return True
    return False


def _context_agrees(sentence: str, entry: Entry, gaz: Gazetteer) -> bool:
    """The sentence names the person's country, or at least two of the words of their role."""
    words = set(re.findall(r"[A-Za-z.]+", sentence))
    country = gaz.country_words(entry.country)
    if any(w in words or w.rstrip(".") in words for w in country):
        return True
    if entry.country == "United States" and re.search(r"\bU\.S\.|\bUS\b|\bAmerican\b|\bWashington\b", sentence):
        return True
    lower = {w.lower().strip(".") for w in words}
    return len(lower & (_role_words(entry) - _GENERIC_ROLES)) >= 2


class GarbledNameCheck:
    """NM203: a near-miss spelling of a curated public figure, confirmed by the sentence's context."""

    rules = (NM203,)
    shares = "names.scan"  # run beside the other name checks (checks/parallel.py)

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """Yield a finding for each garbled occurrence of a known person's surname."""
        gaz = load(ctx)
        index = ctx.resources.get("gazetteer.person-index", lambda _cfg: _person_index(gaz))
        data = doc.derived("names.scan", scan)
        for text in data.order:
            form = data.forms[text]
            folded = fold(text)
            if (
                len(text) < 5
                or folded in data.lower
                or folded in _NOT_NAMES
                or gaz.is_known(text)
                or gaz.is_word(text)
                or gaz.is_demonym(text)
            ):
                continue
            matches: dict[str, tuple[str, Entry]] = {}
            for key in _deletions(phonetic_key(text)):
                for surname, entry in index.by_key.get(key, ()):
                    fs = fold(surname)
                    if fs[0] != folded[0] or fs == folded:
                        continue
                    if DamerauLevenshtein.distance(fs, folded) <= _max_distance(fs, folded):
                        matches.setdefault(entry.english, (surname, entry))
            if not matches:
                continue
            for occ in form.occurrences:
                if occ.initial or _in_known_compound(occ, gaz) or _part_of_other_name(occ, gaz):
                    continue  # a sentence-initial capital says nothing; "Black Sea" is a name of its own
                sentence = _sentence_of(occ.segment.target, occ.start, occ.end)
                agreeing = [(s, e) for s, e in matches.values() if _context_agrees(sentence, e, gaz)]
                if len(agreeing) != 1:
                    continue  # none, or ambiguous between several people
                surname, entry = agreeing[0]
                yield NM203.finding(
                    occ.segment, occ.start, occ.end,
                    f"'{text}' looks like a garbled spelling of {entry.english} ({entry.role}, {entry.country})",
                    [surname],
                )


# NM204 -------------------------------------------------------------------------------------------

NM204 = RuleMeta(
    code="NM204",
    rule="pinyin-name",
    title="Foreign name left in pinyin of its Chinese transliteration",
    category="Fluency/Spelling",
    severity=Severity.MAJOR,
    description=(
        "A capitalized word equal to the toneless pinyin of a Chinese transliteration of a foreign name "
        "(\"Pujing\" for 普京) instead of the name itself (\"Putin\")."
    ),
    examples_fail=(
        Example(target="Russian President Pujing met the delegation in Moscow."),
        Example(target="French President Makelong spoke after the meeting."),
    ),
    examples_pass=(
        Example(target="Russian President Putin met the delegation in Moscow."),
        Example(target="The reporter Zhang Jingjuan and Wang Lili visited Beijing and Anhui."),
    ),
)


def _looks_chinese_origin(entry: Entry) -> bool:
    """True for entries whose English is itself pinyin (Chinese people and places)."""
    if entry.country == "China":
        return True
    eng = pinyin_key(entry.english)
    return any(
        p and (p == eng or eng in p or p in eng or DamerauLevenshtein.normalized_similarity(p, eng) >= 0.75)
        for p in entry.pinyin
    )


class PinyinNameCheck:
    """NM204: "Pujing" -> "Putin", "Makelong" -> "Macron"."""

    rules = (NM204,)
    shares = "names.scan"  # run beside the other name checks (checks/parallel.py)

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """Yield a finding for each word that is the pinyin of a foreign name's transliteration."""
        gaz = load(ctx)
        data = doc.derived("names.scan", scan)
        doc_words: set[str] | None = None
        for text in data.order:
            folded = fold(text)
            if (
                len(text) < MIN_LEN
                or folded in data.lower
                or gaz.is_known(text)
                or gaz.is_word(text)
                or not text.isascii()
            ):
                continue
            entries = [e for e in gaz.by_pinyin(text) if not _looks_chinese_origin(e)]
            if not entries:
                continue
            curated = [e for e in entries if e.curated]
            # Without a curated entry, trust the match only for transliterations of three or more syllables.
            if not curated and len(_syllables(entries[0], folded)) < 3:
                continue
            best = curated or entries
            first = re.match(_PINYIN_SYLLABLE, folded)
            if first and first.group() in _CHINESE_SURNAMES:
                # "Liangqiang" may be a Chinese name as well as 梁强 for Luong Cuong: ask for the country.
                if doc_words is None:
                    doc_words = _words_of(doc)
                best = [e for e in best if gaz.country_words(e.country) & doc_words]
                if not best:
                    continue
            suggestions = list(dict.fromkeys(_short_spelling(e, text) for e in best))[:3]
            for occ in data.forms[text].occurrences:
                if _next_to_chinese_surname(occ):
                    continue
                yield NM204.finding(
                    occ.segment, occ.start, occ.end,
                    f"'{text}' is the pinyin of the Chinese transliteration of {best[0].english}",
                    suggestions,
                )
        yield from self._split_pinyin_names(doc, gaz)

    @staticmethod
    def _split_pinyin_names(doc: Document, gaz: Gazetteer) -> Iterator[Finding]:
        """Names rendered as separate pinyin syllable groups ("Fan Mingzheng" for 范明政, Pham Minh Chinh).

        Such a run is also how a Chinese person's name is written, so a match needs the person's country to
        be named somewhere in the document.
        """
        doc_words: set[str] | None = None
        # What a target holds depends on its text alone: a repeated target is searched once.
        found_in: dict[str, list[tuple[int, int, str, Entry]]] = {}
        in_run: dict[str, tuple[int, int, Entry] | None] = {}
        for seg in doc.segments:
            found = found_in.get(seg.target)
            if found is None:
                found = found_in[seg.target] = _split_pinyin_in(seg.target, gaz, in_run)
            for start, end, phrase, entry in found:
                if doc_words is None:
                    doc_words = _words_of(doc)
                if not gaz.country_words(entry.country) & doc_words:
                    continue
                yield NM204.finding(
                    seg, start, end,
                    f"'{phrase}' is the pinyin of the Chinese transliteration of {entry.english} "
                    f"({entry.role}, {entry.country})",
                    [entry.english],
                )


def _split_pinyin_in(
    text: str, gaz: Gazetteer, memo: dict[str, tuple[int, int, Entry] | None] | None = None,
) -> list[tuple[int, int, str, Entry]]:
    """Per run of capitalized words in *text*, the first pinyin name of a foreign public figure in it.

    Windows of three words are tried before windows of two; each hit is (start, end, phrase, entry).
    What a run holds depends on its words alone, and runs recur across targets (the same names):
    *memo*, kept by the caller for a document, holds the hit of each run text met so far.
    """
    found: list[tuple[int, int, str, Entry]] = []
    if memo is None:
        memo = {}
    hits = [memo[words] if words in memo else memo.setdefault(words, _pinyin_name_in_run(words, gaz))
            for words in _NAME_RUN.findall(text)]
    if not any(hits):
        return found  # most targets: their runs were read by a findall, with no match object
    for run, hit in zip(_NAME_RUN.finditer(text), hits, strict=True):
        if hit is not None:
            start, end = run.start() + hit[0], run.start() + hit[1]
            found.append((start, end, text[start:end], hit[2]))
    return found


def _pinyin_name_in_run(run: str, gaz: Gazetteer) -> tuple[int, int, Entry] | None:
    """The first pinyin name of a foreign public figure in one *run* of _NAME_RUN: (start, end, entry) in it."""
    tokens = list(_RUN_WORD.finditer(run))
    # Each token is tested once, not once per window it is in.
    pinyin = [looks_like_pinyin(t.group()) for t in tokens]
    for size in (3, 2):
        for i in range(len(tokens) - size + 1):
            if not all(pinyin[i : i + size]):
                continue
            start, end = tokens[i].start(), tokens[i + size - 1].end()
            phrase = run[start:end]
            entries = [
                e for e in gaz.by_pinyin(phrase)
                if e.curated and e.kind == "person" and not _looks_chinese_origin(e)
                and fold(phrase) not in {fold(sp) for sp in e.spellings}
            ]
            if entries:
                return start, end, entries[0]
    return None


_DOTTED_WORD = re.compile(r"[A-Za-z][\w.]*[\w]|[A-Za-z]")


def _words_of(doc: Document) -> set[str]:
    """Every word of the document (with inner dots, so that "U.S." is one word); computed once per document."""
    return doc.derived("names.words", _dotted_words)


def _dotted_words(doc: Document) -> set[str]:
    # A word never spans whitespace, so the words of the document are those of its distinct
    # whitespace-separated chunks, which the name scan has collected: far fewer than its words.
    chunks = list(doc.derived("names.scan", scan).chunks)
    # ASCII letters only: one word as it stands. The words of the other chunks come from one findall
    # of them joined by spaces (a word holds no space).
    words = set(compress(chunks, map(operator.and_, map(str.isascii, chunks), map(str.isalpha, chunks))))
    words.update(_DOTTED_WORD.findall(" ".join(chunk for chunk in chunks if chunk not in words)))
    return words


# Two to nine capitalized words in a row. As in _CAP_WORD, the first capital comes before the look-behind
# so that the regex engine skips to capitals in C.
_NAME_RUN = re.compile(r"[A-Z](?<![\w'’-].)[a-z]+(?:[ -][A-Z][a-z]+){1,8}(?![\w-])")
_RUN_WORD = re.compile(r"[A-Z][a-z]+")


def _syllables(entry: Entry, key: str) -> str:
    for zh, py in zip(entry.zh, entry.pinyin, strict=False):
        if py == key:
            return zh
    return ""


def _next_to_chinese_surname(occ: _Occurrence) -> bool:
    text = occ.segment.target
    before = re.search(r"([A-Z][a-z]+)[ -]$", text[: occ.start])
    after = re.match(r"[ -]([A-Z][a-z]+)", text[occ.end :])
    return any(m and pinyin_key(m.group(1)) in _CHINESE_SURNAMES for m in (before, after))


# NM205 -------------------------------------------------------------------------------------------

NM205 = RuleMeta(
    code="NM205",
    rule="name-order-reversed",
    title="Known person's name with given name and surname swapped",
    category="Locale convention/Name format",
    severity=Severity.MINOR,
    description=(
        "A curated public figure written in the reverse of the usual English order ('Kishida Fumio' for "
        "'Fumio Kishida', 'Jinping Xi' for 'Xi Jinping'). Minor: some outlets follow Japan's own surname-first "
        "order on purpose; make it consistent with the house style."
    ),
    examples_fail=(Example(target="Prime Minister Kishida Fumio said on Monday that talks would continue."),),
    examples_pass=(Example(target="Prime Minister Fumio Kishida said on Monday that talks would continue."),),
)

_PAIR = re.compile(r"(?<![\w'’-])(?=([A-ZÀ-Þ][a-zà-ÿ]+) ([A-ZÀ-Þ][a-zà-ÿ]+)(?![\w-]))")
# The words a pair of _PAIR is made of.
_PAIR_WORD = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]+")


def _reversed_index(gaz: Gazetteer) -> tuple[dict[str, Entry], frozenset[str]]:
    """Folded swapped names -> their entry, and the folded first words of those names."""
    index: dict[str, Entry] = {}
    for entry in gaz.curated_people():
        for spelling in entry.spellings:
            parts = spelling.split()
            if len(parts) == 2 and all(p.isalpha() for p in parts):
                swapped = f"{parts[1]} {parts[0]}"
                if not gaz.is_known(swapped):
                    index[fold(swapped)] = entry
    return index, frozenset(key.split(" ", 1)[0] for key in index)


class ReversedNameCheck:
    """NM205: "Kishida Fumio" -> "Fumio Kishida"."""

    rules = (NM205,)

    def prepare(self, ctx: Context) -> None:
        """Build the index of swapped names ahead (``registry.Prepared``)."""
        self._index(ctx)

    @staticmethod
    def _index(ctx: Context) -> tuple[dict[str, Entry], frozenset[str]]:
        # The gazetteer is looked up only when the index is built, not once per segment.
        return ctx.resources.get("gazetteer.reversed-names", lambda _cfg: _reversed_index(load(ctx)))

    def check_segment(self, segment: Segment, ctx: Context) -> Iterable[Finding]:
        """Yield a finding for each known two-part name written in swapped order."""
        index, firsts = self._index(ctx)
        text = segment.target
        # In ASCII text a pair's first word lies between a non-word character and a space, so it
        # is a whole \w run and its fold (lower()) one of the segment's lower-cased words: a set
        # that the segment's other checks have most often made (checks.text keeps the last one's).
        if text.isascii() and firsts.isdisjoint(lower_word_set(text)):
            return
        # fold() works letter by letter, so a pair's key starts with its first word's key: a
        # segment none of whose capitalised words starts a swapped name needs no pair scan.
        if firsts.isdisjoint(map(fold, _PAIR_WORD.findall(text))):
            return
        for m in _PAIR.finditer(text):
            start, end = m.start(1), m.end(2)
            entry = index.get(fold(text[start:end]))
            if entry is None:
                continue
            given, surname = m.group(2), m.group(1)
            proper = next(s for s in entry.spellings if fold(s) == fold(f"{given} {surname}"))
            yield NM205.finding(
                segment, start, end,
                f"'{text[start:end]}' has the name parts swapped; {entry.english} ({entry.role}) is written '{proper}'",
                [proper],
            )


# NM206 -------------------------------------------------------------------------------------------

NM206 = RuleMeta(
    code="NM206",
    rule="surname-only-first-mention",
    title="Public figure first mentioned by surname only",
    category="Locale convention/Name format",
    severity=Severity.NEUTRAL,
    description=(
        "English news gives a person's full name at the first mention and the surname after it; Chinese "
        "sources often give only the transliterated surname. Flags the first mention of a curated public "
        "figure (not a head of state or government, whom readers know) by surname alone, when the sentence "
        "names the person's country or role."
    ),
    examples_fail=(
        Example(target="Russian Foreign Ministry spokeswoman Zakharova said on Thursday that talks were over."),
    ),
    examples_pass=(
        Example(
            target="Russian Foreign Ministry spokeswoman Maria Zakharova said on Thursday that talks were over. "
            "Zakharova added that Moscow would respond."
        ),
        Example(target="French President Macron said on Thursday that talks were over."),
    ),
)

# Roles whose holders are named by surname alone in any English newsroom ("President Macron").
_HEAD_ROLES = re.compile(
    r"\b(?:President|Prime Minister|Chancellor|King|Queen|Emperor|Pope|Premier|Supreme Leader|Emir|Sultan|"
    r"Crown Prince|Taoiseach|leader)\b"
)
# Countries whose names are written surname first in English: the last word is no surname there.
_SURNAME_FIRST = frozenset({"China", "North Korea", "South Korea", "Vietnam", "Cambodia", "Myanmar"})


def _is_head(entry: Entry) -> bool:
    """Heads of state or government, present or past (Biden, Kishida): known by surname alone."""
    return any(
        _HEAD_ROLES.search(role) and not re.search(r"\b(?:Vice|Deputy|deputy|vice)\b", role)
        for role in re.split(r"[;,]", entry.role)
    )


class FirstMentionCheck:
    """NM206: "spokeswoman Zakharova" at the first mention -> "Maria Zakharova"."""

    rules = (NM206,)
    shares = "names.scan"  # run beside the other name checks (checks/parallel.py)

    def check_document(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """Yield one finding per person whose first mention is the bare surname."""
        gaz = load(ctx)
        surnames = ctx.resources.get("gazetteer.surnames", lambda _cfg: _surname_map(gaz))
        data = doc.derived("names.scan", scan)
        order = {seg.id: i for i, seg in enumerate(doc.segments)}
        first_seen: dict[int, tuple[int, int]] = {}
        candidates: list[tuple[tuple[int, int], _Occurrence, Entry]] = []
        for text in data.order:
            entries = surnames.get(fold(text), ())
            if len(entries) != 1 or gaz.is_word(text):
                continue  # unknown, or a surname shared by several public figures: cannot tell who
            entry = entries[0]
            if entry.country in _SURNAME_FIRST or _is_head(entry) or looks_like_pinyin(entry.english):
                continue
            for occ in data.forms[text].occurrences:
                candidates.append(((order[occ.segment.id], occ.start), occ, entry))
        for entry_id, where in _full_name_positions(doc, gaz, {id(e) for _, _, e in candidates}, order).items():
            first_seen[entry_id] = where
        reported: set[int] = set()
        for where, occ, entry in sorted(candidates, key=lambda c: c[0]):
            if id(entry) in reported:
                continue
            reported.add(id(entry))
            full = first_seen.get(id(entry))
            if full is not None and full <= where:
                continue  # the full name came first: the surname alone is right
            if _preceded_by_given_name(occ, entry):
                continue
            sentence = _sentence_of(occ.segment.target, occ.start, occ.end)
            if not _context_agrees(sentence, entry, gaz):
                continue
            name = next((s for s in entry.spellings if " " in s), entry.english)
            yield NM206.finding(
                occ.segment, occ.start, occ.end,
                f"first mention of {entry.english} ({entry.role}) by surname only; give the full name",
                [name],
            )


def _full_name_positions(
    doc: Document, gaz: Gazetteer, wanted: set[int], order: dict[str, int]
) -> dict[int, tuple[int, int]]:
    """Where each wanted person's full name first appears, as (segment index, offset)."""
    found: dict[int, tuple[int, int]] = {}
    spellings: dict[str, int] = {}
    for entry in gaz.curated_people():
        if id(entry) in wanted:
            for s in entry.spellings:
                if " " in s:
                    spellings[s] = id(entry)
    if not spellings:
        return found
    pattern = re.compile("|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True)))
    for seg in doc.segments:
        for m in pattern.finditer(seg.target):
            found.setdefault(spellings[m.group()], (order[seg.id], m.start()))
    return found


def _preceded_by_given_name(occ: _Occurrence, entry: Entry) -> bool:
    """True when the word before is one of the person's given names ("Maria Zakharova")."""
    before = re.search(r"([A-Z][\w.'’-]*)\s+$", occ.segment.target[: occ.start])
    if before is None:
        return False
    given = {fold(part) for s in entry.spellings for part in s.split()[:-1]}
    return fold(before.group(1)) in given


def checks() -> list[Check]:
    """The name checks of this module."""
    return [
        NameVariantCheck(), DoubledNameCheck(), GarbledNameCheck(), PinyinNameCheck(), ReversedNameCheck(),
        FirstMentionCheck(),
    ]

