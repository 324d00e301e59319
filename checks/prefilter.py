"""Literal prefilters for regexes: strings of which every match needs one, found from the parse tree.

A pack's pattern rule is a regex tried at every position of every segment; most segments
cannot match because they lack a word the regex spells out ("Eagle Strike-", "All rights
reserved"). This module reads the regex's parse tree (the approach of RE2's and Google Code
Search's prefilters) and derives a set of literals such that any text the regex can match
somewhere in contains at least one of them; a segment without any is skipped with a few
``str in str`` tests instead of a regex scan. The derivation is conservative: where it cannot
tell (classes, optional parts, back-references, an unknown node) it requires nothing, and a
regex it cannot read gets no prefilter at all.

Reading a parse tree costs more than a short document's whole check, so the shipped packs'
prefilters are derived ahead and stored (``python -m checks.prefiltercache`` writes
resources/rules/prefilters.json); a regex not stored there, or stored by another derivation or
Python, is derived when asked for.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from checks.context import resource_path

try:  # the parser behind `re` (public as sre_parse before 3.11); without it, no prefilter
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - depends on the interpreter
    _parser = None
    _c = None
_SubPattern: Any = getattr(_parser, "SubPattern", ())
_LITERAL: Any = getattr(_c, "LITERAL", None)
_POSSESSIVE_REPEAT: Any = getattr(_c, "POSSESSIVE_REPEAT", None)  # Python 3.11 on
_ATOMIC_GROUP: Any = getattr(_c, "ATOMIC_GROUP", None)

# Characters that a case-insensitive regex matches against an ASCII letter but whose lower()
# is not that letter (the long s matches "s", ...): a text containing one is always scanned, so
# that lower-casing the text cannot hide a match.
try:
    from re._casefix import _EXTRA_CASES as _EXTRA
except ImportError:  # pragma: no cover
    _EXTRA = {}
# The regex engine lowers one character at a time (simple case mapping); str.lower() does not
# for two: "İ" becomes "i" plus a combining dot, and "Σ" becomes "ς" at the end of a word. The
# Kelvin sign lowers to an ASCII "k" (both ways): the lowered text then has a letter where the text
# had none, which gates that look for whole ASCII words in the lowered text must know.
_SPECIAL_FOLDS = frozenset(chr(c) for key, alts in _EXTRA.items() for c in (key, *alts) if c > 0x7F) | {
    "\u0130", "\u03a3", "\u212a"
}

# Cross products of alternatives above this size stop being useful as a prefilter.
_MAX_SET = 48
# A class of at most this many literal characters ([Ss], [（(]) still spells a literal.
_MAX_CLASS = 6

# One required string: its text, and whether it is compared with the lower-cased segment.
Lit = tuple[str, bool]


class _Info(NamedTuple):
    """What a part of a regex matches: its exact strings when few, and sets it needs one of each.

    ``conjuncts`` are literal sets that all hold at once for any match (at most ``_MAX_SETS``,
    the most selective first): always a result of ``_top``.
    """

    exact: frozenset[Lit] | None
    conjuncts: tuple[frozenset[Lit], ...] = ()


_NO_SET: frozenset[Lit] = frozenset()
_EMPTY_SET: frozenset[Lit] = frozenset({("", False)})
_ANY = _Info(None)
_EMPTY = _Info(_EMPTY_SET)
# More sets than this rarely reject what the first ones let through.
_MAX_SETS = 3
# The most combinations of one required set per alternative that an alternation tries.
_MAX_COMBOS = 81
_by_score = itemgetter(0)
_SIGMA = "\u03a3"  # the one character str.lower() maps by its context (final sigma)


def _lit(text: str, icase: bool) -> Lit:
    return (text.lower(), True) if icase else (text, False)


def _useful(lits: frozenset[Lit] | None) -> frozenset[Lit] | None:
    """*lits* as a requirement, or None when one of them is empty (then it requires nothing)."""
    if lits is None or not lits or len(lits) > _MAX_SET or ("", False) in lits or ("", True) in lits:
        return None
    return lits


# Results of _top, _branch and _score by their arguments, for all derivations: pack regexes repeat whole
# alternations (one rule spells its sentence twice, at the start of a segment and after a full
# stop) and shared parts (the same editor titles in three rules). Cleared when full.
_MEMO_SIZE = 4096
_top_memo: dict[frozenset[frozenset[Lit]], tuple[frozenset[Lit], ...]] = {}
_branch_memo: dict[tuple[_Info, ...], _Info] = {}
_score_memo: dict[frozenset[Lit], tuple[bool, int, int]] = {}
T = TypeVar("T")


def _remember(memo: dict[Any, T], key: Any, value: T) -> T:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value


def _score(lits: frozenset[Lit]) -> tuple[bool, int, int]:
    # Checked texts are English: a set whose every string holds a non-ASCII character (【, ：)
    # rarely matches, however short. Otherwise the shortest string bounds how rare the set is:
    # longer is rarer; then fewer is better.
    score = _score_memo.get(lits)
    if score is None:
        texts = [text for text, _ in lits]
        score = _remember(_score_memo, lits, (not any(map(str.isascii, texts)), min(map(len, texts)), -len(lits)))
    return score


def _top(sets: Iterable[frozenset[Lit] | None]) -> tuple[frozenset[Lit], ...]:
    """The (at most ``_MAX_SETS``) most selective of the useful *sets*, none implied by another.

    Ranked by ``_score``, then (never two sets alike) by their sorted literals, compared only
    between sets that score alike.
    """
    found = {s for s in sets if s and len(s) <= _MAX_SET and ("", False) not in s and ("", True) not in s}
    if len(found) < 2:
        return tuple(found)
    key = frozenset(found)
    known = _top_memo.get(key)
    if known is not None:
        return known
    scored = sorted([(_score(s), s) for s in found], key=_by_score, reverse=True)
    top: list[frozenset[Lit]] = []
    i, count = 0, len(scored)
    while i < count and len(top) < _MAX_SETS:
        score = scored[i][0]
        j = i + 1
        while j < count and scored[j][0] == score:
            j += 1
        # A set holding all of another's literals is implied by it: it would only repeat a test.
        alike = [s for _, s in scored[i:j] if not any(map(s.__gt__, found))]
        if len(alike) > 1:
            alike.sort(key=sorted, reverse=True)
        top.extend(alike)
        i = j
    return _remember(_top_memo, key, tuple(top[:_MAX_SETS]))


def _needs(info: _Info) -> tuple[frozenset[Lit], ...]:
    """Every set *info* requires, its exact strings included."""
    exact, conjuncts = info
    # The conjuncts are a _top result already, which _top keeps as it is.
    if exact is None or exact in conjuncts:
        return conjuncts
    if not conjuncts:
        return () if _useful(exact) is None else (exact,)
    return _top((*conjuncts, exact))


def _concat(a: frozenset[Lit], b: frozenset[Lit]) -> frozenset[Lit] | None:
    if len(a) * len(b) > _MAX_SET:
        return None
    return frozenset(_lit(x + y, True) if (ix or iy) else (x + y, False) for x, ix in a for y, iy in b)


def _append(exact: frozenset[Lit] | None, text: str, icase: bool) -> frozenset[Lit]:
    """*exact* followed by the literal characters *text*: what ``_concat`` with each in turn gives.

    Always joins (a set of one string never makes too many). ``str.lower()`` maps one character
    at a time and leaves lower-cased text as it is, except for a capital sigma, which it lowers
    by what surrounds it: so the joined strings are lowered at once, except where a capital sigma
    meets a lowering (at the first added character, or inside a case-sensitive *text*).
    """
    if icase:
        low = text.lower() if _SIGMA not in text else "".join(ch.lower() for ch in text)
        if exact is None:
            return frozenset({(low, True)})
        first = text[0].lower()
        rest = low[len(first):]
        # A lowered string (folded) has no capital sigma; one spelled case-sensitively may.
        return frozenset({(x + low, True) if ix else ((x + first).lower() + rest, True) for x, ix in exact})
    if exact is None:
        return frozenset({(text, False)})
    if _SIGMA not in text:
        low = text.lower()
        return frozenset({(x + low, True) if ix else (x + text, False) for x, ix in exact})
    for ch in text:
        exact = _concat(exact, frozenset({(ch, False)}))
        assert exact is not None
    return exact


def _items(sub: Any) -> list[tuple[Any, Any]]:
    return sub.data if isinstance(sub, _SubPattern) else list(sub)


def _sequence(items: list[tuple[Any, Any]], icase: bool) -> _Info:
    exact: frozenset[Lit] | None = _EMPTY_SET
    whole = True  # every node so far spelled exact strings, so *exact* is the whole sequence's
    candidates: list[frozenset[Lit] | None] = []
    literal = _LITERAL
    count = len(items)
    i = 0
    while i < count:
        op, av = items[i]
        i += 1
        if op is literal:
            # A run of literal characters joins the exact strings, or starts them anew after a
            # node without exact strings.
            chars = [chr(av)]
            while i < count and items[i][0] is literal:
                chars.append(chr(items[i][1]))
                i += 1
            if exact is None:
                whole = False
            exact = _append(exact, "".join(chars), icase)
            if i == count and not candidates:  # nothing but literal characters (no node before them)
                return _Info(exact, (exact,))
            continue
        info = _node(op, av, icase)
        candidates.extend(info.conjuncts)
        if exact is not None and info.exact is not None:
            joined = _concat(exact, info.exact)
            if joined is not None:
                exact = joined
                continue
        # The run of exact strings ends here: what it spelled is required on its own.
        candidates.append(exact)
        exact, whole = info.exact, False
    candidates.append(exact)
    return _Info(exact if whole else None, _top(candidates))


def _class(av: list[tuple[Any, Any]], icase: bool) -> _Info:
    if len(av) > _MAX_CLASS or any(op is not _LITERAL for op, _ in av):
        return _ANY
    return _Info(frozenset(_lit(chr(code), icase) for _, code in av))


def _branch(infos: list[_Info]) -> _Info:
    key = tuple(infos)
    known = _branch_memo.get(key)
    if known is None:
        known = _remember(_branch_memo, key, _alternatives(infos))
    return known


def _alternatives(infos: list[_Info]) -> _Info:
    exact: frozenset[Lit] | None = None
    if all(i.exact is not None for i in infos):
        union = _NO_SET.union(*(i.exact for i in infos if i.exact is not None))
        exact = union if len(union) <= _MAX_SET else None
    needs = [_needs(i) for i in infos]
    if not all(needs):
        return _Info(exact)
    # (A1 and A2) or (B1 and B2) implies (A1 or B1) and (A1 or B2) and (A2 or B1) and (A2 or B2):
    # one set per alternative, up to _MAX_COMBOS combinations (past it, an alternative's first).
    combos = 1
    chosen = []
    for options in needs:
        if combos * len(options) > _MAX_COMBOS:
            options = options[:1]
        combos *= len(options)
        chosen.append(options)
    # Every combination holds the sets of the alternatives with one option; a union grows as
    # sets join it, so one over _MAX_SET literals is dropped with all the combinations it
    # starts, and equal partial unions end alike, so they are kept once.
    fixed = _NO_SET.union(*(options[0] for options in chosen if len(options) == 1))
    if len(fixed) > _MAX_SET:
        return _Info(exact)
    partial = {fixed}
    for options in chosen:
        if len(options) > 1:
            partial = {u for acc in partial for o in options if len(u := acc | o) <= _MAX_SET}
            if not partial:
                return _Info(exact)
    return _Info(exact, _top(partial))


def _node(op: Any, av: Any, icase: bool) -> _Info:
    c = _c
    if op is c.IN:
        return _class(av, icase)
    if op is c.AT or op is c.ASSERT_NOT:
        return _EMPTY
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        inner = (icase or bool(add_flags & c.SRE_FLAG_IGNORECASE)) and not del_flags & c.SRE_FLAG_IGNORECASE
        return _sequence(_items(sub), inner)
    if op is c.BRANCH:
        return _branch([_sequence(_items(alt), icase) for alt in av[1]])
    if op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is _POSSESSIVE_REPEAT:
        low, high, sub = av
        if low == 0:
            return _ANY
        inner = _sequence(_items(sub), icase)
        if low == high == 1:
            return inner
        return _Info(None, _needs(inner))
    if op is c.ASSERT:
        # A lookaround's text is in the segment too, though not in the match.
        return _Info(_EMPTY_SET, _needs(_sequence(_items(av[1]), icase)))
    if op is _ATOMIC_GROUP:
        return _sequence(_items(av), icase)
    return _ANY


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Sets of literals: a text the regex matches in contains one literal of every set.

    A literal is ``(text, folded)``; a folded one is looked for in the lower-cased segment.
    """

    sets: tuple[tuple[Lit, ...], ...]
    # Per set, its folded literals and its exact ones, each tested by map() over the text's
    # __contains__ in C (a generator per set cost more than the tests themselves).
    _split: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        split = tuple(
            (tuple(lit for lit, folded in group if folded), tuple(lit for lit, folded in group if not folded))
            for group in self.sets
        )
        object.__setattr__(self, "_split", split)

    @property
    def literals(self) -> tuple[Lit, ...]:
        """Every literal of every set."""
        return tuple(lit for group in self.sets for lit in group)

    def may_match(self, text: str, lowered: str) -> bool:
        """False only when the regex cannot match anywhere in *text* (*lowered* is ``text.lower()``)."""
        if folded_specials(text):
            return True
        in_lowered, in_text = lowered.__contains__, text.__contains__
        # A loop, not all() over a generator: this runs for every pattern a segment's literals name.
        for folded, exact in self._split:  # noqa: SIM110
            if not (any(map(in_lowered, folded)) or any(map(in_text, exact))):
                return False
        return True


def folded_specials(text: str) -> bool:
    """Whether *text* has a character that case-insensitive matching equates with another letter."""
    return not text.isascii() and not _SPECIAL_FOLDS.isdisjoint(text)


# A case-insensitive regex takes these for ASCII letters, which lower() does not make them.
_TO_ASCII = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def regex_lower(word: str) -> str:
    """*word* lower-cased as a case-insensitive regex compares it ("thİrd" -> "third")."""
    return word.translate(_TO_ASCII).lower()


# Bump on any change to the derivation that can change a prefilter: stored prefilters are used
# only under the number they were derived with.
DERIVATION = 1
# The file of stored prefilters, under resources/.
STORED = ("rules", "prefilters.json")


def stored_key() -> str:
    """What stored prefilters hold for: this derivation, on this Python's parser and Unicode tables."""
    return f"derivation {DERIVATION}, Python {sys.version_info[0]}.{sys.version_info[1]}"


# Stored prefilters by (pattern, flags), read on first use; a pattern's sets, or None for none.
_stored: dict[tuple[str, int], tuple[tuple[Lit, ...], ...] | None] | None = None


def _read_stored() -> dict[tuple[str, int], tuple[tuple[Lit, ...], ...] | None]:
    try:
        data = json.loads(resource_path(*STORED).read_text(encoding="utf-8"))
        if data["key"] != stored_key():
            return {}
        return {
            (entry["pattern"], entry["flags"]): None if entry["sets"] is None
            else tuple(tuple((text, folded) for text, folded in group) for group in entry["sets"])
            for entry in data["prefilters"]
        }
    except (OSError, ValueError, KeyError, TypeError):  # missing or damaged: every prefilter is derived
        return {}


def prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    """The prefilter of *pattern*, or None when any text might match (nothing to test cheaply).

    Stored when *pattern* is one of the shipped packs' (same text, same flags), else derived.
    """
    global _stored
    stored = _stored
    if stored is None:
        stored = _stored = _read_stored()
    key = (pattern.pattern, pattern.flags)
    if key in stored:
        sets = stored[key]
        return None if sets is None else Prefilter(sets)
    return derive(pattern)


def derive(pattern: re.Pattern[str]) -> Prefilter | None:
    """The prefilter of *pattern* read off its parse tree."""
    if _parser is None or _c is None:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, RecursionError):  # pragma: no cover - compiled already
        return None
    icase = bool(pattern.flags & re.IGNORECASE)
    try:
        info = _sequence(_items(tree), icase)
        sets = _needs(info)
    except (AttributeError, TypeError, ValueError):  # a node shape this version of the parser has changed
        return None
    if not sets:
        return None
    # Longest first: a long literal that is present answers after one test.
    return Prefilter(tuple(tuple(sorted(group, key=lambda lit: (-len(lit[0]), lit))) for group in sets))
