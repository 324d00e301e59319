"""Literal prefilters for regexes: strings of which every match needs one, found from the parse tree.

A pack's pattern rule is a regex tried at every position of every segment; most segments
cannot match because they lack a word the regex spells out ("Eagle Strike-", "All rights
reserved"). This module reads the regex's parse tree (the approach of RE2's and Google Code
Search's prefilters) and derives a set of literals such that any text the regex can match
somewhere in contains at least one of them; a segment without any is skipped with a few
``str in str`` tests instead of a regex scan. The derivation is conservative: where it cannot
tell (classes, optional parts, back-references, an unknown node) it requires nothing, and a
regex it cannot read gets no prefilter at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:  # the parser behind `re` (public as sre_parse before 3.11); without it, no prefilter
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - depends on the interpreter
    _parser = None
    _c = None

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


@dataclass(frozen=True, slots=True)
class _Info:
    """What a part of a regex matches: its exact strings when few, and sets it needs one of each.

    ``conjuncts`` are literal sets that all hold at once for any match (at most ``_MAX_SETS``,
    the most selective first).
    """

    exact: frozenset[Lit] | None
    conjuncts: tuple[frozenset[Lit], ...] = ()


_ANY = _Info(None)
_EMPTY = _Info(frozenset({("", False)}))
# More sets than this rarely reject what the first ones let through.
_MAX_SETS = 3


def _lit(text: str, icase: bool) -> Lit:
    return (text.lower(), True) if icase else (text, False)


def _useful(lits: frozenset[Lit] | None) -> frozenset[Lit] | None:
    """*lits* as a requirement, or None when one of them is empty (then it requires nothing)."""
    if lits is None or not lits or len(lits) > _MAX_SET or any(not text for text, _ in lits):
        return None
    return lits


def _score(lits: frozenset[Lit]) -> tuple[bool, int, int]:
    # Checked texts are English: a set whose every string holds a non-ASCII character (【, ：)
    # rarely matches, however short. Otherwise the shortest string bounds how rare the set is:
    # longer is rarer; then fewer is better.
    return (all(not text.isascii() for text, _ in lits), min(len(text) for text, _ in lits), -len(lits))


def _top(*sets: frozenset[Lit] | None) -> tuple[frozenset[Lit], ...]:
    found = {s for s in map(_useful, sets) if s is not None}
    # A set holding all of another's literals is implied by it: it would only repeat a test.
    kept = [s for s in found if not any(o < s for o in found)]
    return tuple(sorted(kept, key=lambda s: (_score(s), sorted(s)), reverse=True)[:_MAX_SETS])


def _needs(info: _Info) -> tuple[frozenset[Lit], ...]:
    """Every set *info* requires, its exact strings included."""
    return _top(*info.conjuncts, info.exact)


def _concat(a: frozenset[Lit], b: frozenset[Lit]) -> frozenset[Lit] | None:
    if len(a) * len(b) > _MAX_SET:
        return None
    return frozenset(_lit(x + y, True) if (ix or iy) else (x + y, False) for x, ix in a for y, iy in b)


def _sequence(items: list[tuple[Any, Any]], icase: bool) -> _Info:
    exact: frozenset[Lit] | None = frozenset({("", False)})
    whole = True  # every node so far spelled exact strings, so *exact* is the whole sequence's
    candidates: list[frozenset[Lit] | None] = []
    for op, av in items:
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
    return _Info(exact if whole else None, _top(*candidates))


def _class(av: list[tuple[Any, Any]], icase: bool) -> _Info:
    if len(av) > _MAX_CLASS or any(op is not _c.LITERAL for op, _ in av):
        return _ANY
    return _Info(frozenset(_lit(chr(code), icase) for _, code in av))


def _branch(infos: list[_Info]) -> _Info:
    exact: frozenset[Lit] | None = None
    if all(i.exact is not None for i in infos):
        union = frozenset().union(*(i.exact for i in infos if i.exact is not None))
        exact = union if len(union) <= _MAX_SET else None
    needs = [_needs(i) for i in infos]
    if not all(needs):
        return _Info(exact)
    # (A1 and A2) or (B1 and B2) implies (A1 or B1) and (A1 or B2) and (A2 or B1) and (A2 or B2).
    combos: list[tuple[frozenset[Lit], ...]] = [()]
    for options in needs:
        if len(combos) * len(options) > 81:
            options = options[:1]
        combos = [(*c, o) for c in combos for o in options]
    return _Info(exact, _top(*(frozenset().union(*c) for c in combos)))


def _node(op: Any, av: Any, icase: bool) -> _Info:
    c = _c
    if op is c.LITERAL:
        return _Info(frozenset({_lit(chr(av), icase)}))
    if op is c.IN:
        return _class(av, icase)
    if op is c.AT or op is c.ASSERT_NOT:
        return _EMPTY
    if op is c.ASSERT:
        # A lookaround's text is in the segment too, though not in the match.
        return _Info(_EMPTY.exact, _needs(_sequence(list(av[1]), icase)))
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        inner = (icase or bool(add_flags & c.SRE_FLAG_IGNORECASE)) and not del_flags & c.SRE_FLAG_IGNORECASE
        return _sequence(list(sub), inner)
    if op is c.BRANCH:
        return _branch([_sequence(list(alt), icase) for alt in av[1]])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        inner = _sequence(list(sub), icase)
        if low == 0:
            return _ANY
        if low == high == 1:
            return inner
        return _Info(None, _needs(inner))
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av), icase)
    return _ANY


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Sets of literals: a text the regex matches in contains one literal of every set.

    A literal is ``(text, folded)``; a folded one is looked for in the lower-cased segment.
    """

    sets: tuple[tuple[Lit, ...], ...]

    @property
    def literals(self) -> tuple[Lit, ...]:
        """Every literal of every set."""
        return tuple(lit for group in self.sets for lit in group)

    def may_match(self, text: str, lowered: str) -> bool:
        """False only when the regex cannot match anywhere in *text* (*lowered* is ``text.lower()``)."""
        if folded_specials(text):
            return True
        return all(any(lit in (lowered if folded else text) for lit, folded in group) for group in self.sets)


def folded_specials(text: str) -> bool:
    """Whether *text* has a character that case-insensitive matching equates with another letter."""
    return not text.isascii() and not _SPECIAL_FOLDS.isdisjoint(text)


# A case-insensitive regex takes these for ASCII letters, which lower() does not make them.
_TO_ASCII = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def regex_lower(word: str) -> str:
    """*word* lower-cased as a case-insensitive regex compares it ("thİrd" -> "third")."""
    return word.translate(_TO_ASCII).lower()


def prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    """The prefilter of *pattern*, or None when any text might match (nothing to test cheaply)."""
    if _parser is None or _c is None:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, RecursionError):  # pragma: no cover - compiled already
        return None
    icase = bool(pattern.flags & re.IGNORECASE)
    try:
        info = _sequence(list(tree), icase)
    except (AttributeError, TypeError, ValueError):  # a node shape this version of the parser has changed
        return None
    sets = _needs(info)
    if not sets:
        return None
    # Longest first: a long literal that is present answers after one test.
    return Prefilter(tuple(tuple(sorted(group, key=lambda lit: (-len(lit[0]), lit))) for group in sets))
