"""Literal prefilters and grouped pack rules skip only segments the rules cannot match."""

from __future__ import annotations

import json
import re
import re._constants as _c
import re._parser as _parser
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import checks.prefilter as prefilter_module
from checks.context import Context, resource_path
from checks.model import Segment
from checks.packs import PackGroup, load_pack, shipped_pack_paths
from checks.prefilter import STORED, derive, folded_specials, prefilter, stored_key
from checks.text import trie_pattern

CTX = Context.create()
RULES = [rule for path in shipped_pack_paths() for rule in load_pack(path).rules]
PATTERNS = [pattern for rule in RULES for pattern in rule.patterns]
GATED = [(pattern, gate) for pattern in PATTERNS if (gate := prefilter(pattern)) is not None]
EXAMPLES = sorted({ex.target for rule in RULES for ex in (*rule.meta.examples_fail, *rule.meta.examples_pass)})


def test_a_word_the_regex_spells_out_is_required() -> None:
    gate = prefilter(re.compile(r"\bEagle\s+Strike-(?P<n>\d+[A-Z]?)\b"))
    assert gate is not None
    assert gate.may_match("The Eagle Strike-3 drill", "the eagle strike-3 drill")
    assert not gate.may_match("An eagle flew over the strike", "an eagle flew over the strike")


def test_case_insensitive_parts_are_looked_for_lower_cased() -> None:
    gate = prefilter(re.compile(r"(?i:all\s+rights\s+reserved)|Copyright"))
    assert gate is not None
    assert gate.may_match("ALL RIGHTS RESERVED.", "all rights reserved.")
    assert not gate.may_match("copyright law", "copyright law")  # "Copyright" is case-sensitive


def test_regexes_that_can_match_anything_get_no_prefilter() -> None:
    for source in (r"\w+", r"(?:abc)?x*", r"[a-z]{3}", r"(a)\1|b?"):
        assert prefilter(re.compile(source)) is None, source


def test_optional_and_alternative_parts_are_not_required() -> None:
    gate = prefilter(re.compile(r"(?:Mr|Ms)\.?\s+(?:Li\s+)?Wang"))
    assert gate is not None
    for text in ("Ms Wang", "Mr. Li Wang", "Mr Wang"):
        assert gate.may_match(text, text.lower()), text


def test_a_character_that_folds_specially_is_always_scanned() -> None:
    # re.IGNORECASE matches the long s and the Kelvin sign against "s" and "k"; lower() does not.
    pattern = re.compile(r"steel\s+hedgehogs?", re.IGNORECASE)
    gate = prefilter(pattern)
    assert gate is not None
    for text in ("ſteel hedgehog", "STEEL HEDGEHOG", "steel hedgehog"):
        assert pattern.search(text)
        assert gate.may_match(text, text.lower()), text
    istanbul = prefilter(re.compile(r"\bistanbul\b", re.IGNORECASE))
    assert istanbul is not None and re.search(r"\bistanbul\b", "İstanbul", re.IGNORECASE)
    assert istanbul.may_match("İstanbul", "İstanbul".lower())  # lower() gives "i" + a combining dot


def test_most_shipped_patterns_get_a_prefilter() -> None:
    assert len(GATED) >= 0.9 * len(PATTERNS)


def test_every_shipped_pattern_passes_its_gate_where_it_matches() -> None:
    for text in EXAMPLES:
        for pattern, gate in GATED:
            if pattern.search(text):
                assert gate.may_match(text, text.lower()), (pattern.pattern, text)


_PIECES = sorted({lit for _, gate in GATED for lit, _ in gate.literals})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, " ", ". ", "(", ")", "【", "】", "：", "\n", "A", "7", "-"]),
                max_size=12))
def test_random_texts_never_lose_a_match(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern, gate in GATED:
        if pattern.search(text):
            assert gate.may_match(text, text.lower()), (pattern.pattern, text)


def _one_by_one(text: str) -> list[object]:
    segment = Segment(id="1", target=text)
    return [f for rule in RULES for f in rule.check_segment(segment, CTX)]


CALQUE_TEXTS = [f"Officials said that {wrong} was discussed." for rule in RULES for entry in rule.entries
                for wrong in entry.wrong]


def test_a_group_finds_what_its_rules_find_one_by_one() -> None:
    group = PackGroup(RULES)
    flagged = 0
    for text in [*EXAMPLES, *CALQUE_TEXTS]:
        found = group.check_segment(Segment(id="1", target=text), CTX)
        assert found == _one_by_one(text), text
        flagged += bool(found)
    assert flagged > len(CALQUE_TEXTS)  # the texts do exercise the rules


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\na,.;:!?)'", max_size=20))
@example("a ,")  # a space before each mark, and nothing else for the gate to see
@example("a .")
@example("a ;")
@example("a :")
@example("a !")
@example("a ?")
def test_the_whitespace_gate_hides_no_spacing_problem(text: str) -> None:
    from checks.builtin.whitespace import DOUBLE_SPACE_RE, SPACE_PUNCT_RE, TRAILING_RE, WhitespaceCheck

    found = list(WhitespaceCheck().check_segment(Segment(id="1", target=text), CTX))
    expected = (
        len(DOUBLE_SPACE_RE.findall(text))
        + sum(1 for m in SPACE_PUNCT_RE.finditer(text) if not text[m.end():].startswith("..."))
        + len(TRAILING_RE.findall(text))
    )
    assert len(found) == expected


@settings(max_examples=400, deadline=None)
@example(["İstanbul", " ", "istanbul"])  # İ matches i case-insensitively but lower() makes it i + a dot
@given(st.lists(st.sampled_from(["the", "The", "ſee", "see", "İstanbul", "istanbul", " ", "\n", ".", "theory"]), max_size=8))
def test_the_repeated_word_gate_hides_no_repetition(parts: list[str]) -> None:
    from checks.builtin import whitespace

    text = "".join(parts)
    segment = Segment(id="1", target=text)
    gated = list(whitespace.RepeatedWordCheck().check_segment(segment, CTX))
    with mock.patch.object(whitespace, "_may_repeat", lambda _text: True):  # no gate
        ungated = list(whitespace.RepeatedWordCheck().check_segment(segment, CTX))
    assert gated == ungated
    assert bool(gated) == bool(whitespace.REPEAT_RE.search(text)) or not gated


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=40), st.text(max_size=20)))
def test_lower_words_are_the_findall_words_lower_cased(text: str) -> None:
    # Pack rules, the pack group and the phrase matcher take ASCII words by translate and split.
    from checks.text import lower_word_set, lower_words

    expected = [word.lower() for word in re.findall(r"\w+", text)]
    assert lower_words(text) == expected
    assert lower_word_set(text) == frozenset(expected)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["(", "（", ")", "）", "Camille Grand", "Grand", "Wang", "Wang Yi", " ", "x", "[", "【"]),
                max_size=8).map("".join))
@example("Camille Grand（Grand）")
def test_the_doubled_name_gate_hides_no_doubled_name(text: str) -> None:
    # DoubledNameCheck returns at once when the text has neither opening bracket: its pattern needs one.
    from checks.builtin import names

    segment = Segment(id="1", target=text)
    gated = list(names.DoubledNameCheck().check_segment(segment, CTX))
    with mock.patch.object(names, "_has_opening_bracket", lambda _text: True):  # no gate
        assert gated == list(names.DoubledNameCheck().check_segment(segment, CTX))
    assert names._has_opening_bracket(text) or names._PAREN.search(text) is None


_RUN_PIECES = ["the", "The", "THE", "them", "he", "a", "A", " ", "  ", "\t", "\n", ".", "-", "'", "_", "3", "é", "ſ", "\u212a",
               "the3", "3the"]


@settings(max_examples=1000, deadline=None)
@example("the The")
@example("the_the")
@given(st.one_of(
    st.lists(st.sampled_from(_RUN_PIECES), max_size=10).map("".join),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40),
))
def test_repeat_gate_is_two_equal_words_in_a_row(text: str) -> None:
    # The plain logic: the lower-cased text's words (\w runs) in ASCII text, its letter runs in
    # other text, each against the next (no gate at all where case-insensitive matching folds a
    # character onto an ASCII letter). Either way the gate is open wherever the regex matches.
    from checks.builtin.whitespace import _LETTER_RUN, REPEAT_RE, _may_repeat

    runs = [word.lower() for word in re.findall(r"\w+", text)] if text.isascii() else _LETTER_RUN.findall(text.lower())
    assert _may_repeat(text) == (folded_specials(text) or any(a == b for a, b in pairwise(runs)))
    assert _may_repeat(text) or REPEAT_RE.search(text) is None


def test_a_long_document_gets_the_same_report_grouped_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.engine as engine
    from checks import build_registry, run
    from checks.model import Document

    texts = [*EXAMPLES, *CALQUE_TEXTS]
    doc = Document(path="long.txt", segments=tuple(Segment(id=str(i), target=t) for i, t in enumerate(texts)))
    assert len(doc.segments) >= engine.GROUP_MIN_SEGMENTS
    registry = build_registry()
    grouped = run(doc, registry, CTX)
    assert any(hasattr(c, "members") for c in engine.plan(doc, registry, CTX).seg_checks)
    monkeypatch.setattr(engine, "GROUP_MIN_SEGMENTS", 10**9)
    assert not any(hasattr(c, "members") for c in engine.plan(doc, registry, CTX).seg_checks)
    assert run(doc, registry, CTX) == grouped
    assert len(grouped) > len(CALQUE_TEXTS)


def _swapped_names(count: int) -> list[str]:
    from checks import gazetteer
    from checks.builtin.names import _PAIR_WORD, _reversed_index

    index, _ = _reversed_index(gazetteer.load(CTX))
    names = []
    for entry in index.values():
        parts = entry.english.split()
        # Names the check can see: two capitalised words ("JD Vance" is not one).
        if len(parts) == 2 and all(_PAIR_WORD.fullmatch(p) for p in parts) and f"{parts[1]} {parts[0]}" not in names:
            names.append(f"{parts[1]} {parts[0]}")
    return names[:count]


_SWAPPED = _swapped_names(6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_SWAPPED, *(n.split()[0] for n in _SWAPPED), *(n.upper() for n in _SWAPPED),
                                 "Émile", "Zoë", "The", " ", "  ", ", ", "-", "'", "said", "\n", "Mc", "_", "7", "x", "(", "."]),
                max_size=10))
def test_the_reversed_name_gate_hides_no_swapped_name(parts: list[str]) -> None:
    from checks import gazetteer
    from checks.builtin.names import _PAIR, ReversedNameCheck, _reversed_index

    index, _ = _reversed_index(gazetteer.load(CTX))
    text = "".join(parts)
    found = [(f.start, f.end) for f in ReversedNameCheck().check_segment(Segment(id="1", target=text), CTX)]
    # Every pair the check's regex finds whose folded form is a known swapped name, gate or no gate.
    expected = [(m.start(1), m.end(2)) for m in _PAIR.finditer(text)
                if gazetteer.fold(text[m.start(1):m.end(2)]) in index]
    assert found == expected


def test_swapped_names_are_found_behind_the_gate() -> None:
    from checks.builtin.names import ReversedNameCheck

    assert len(_SWAPPED) == 6
    for name in _SWAPPED:
        text = f"On Monday {name} said the talks would go on."
        assert [f.text for f in ReversedNameCheck().check_segment(Segment(id="1", target=text), CTX)] == [name]


_GROUP = PackGroup(RULES)
_GROUP._WORDS_LIMIT = 60  # its caches of words are cleared again and again below
_LITERALS = sorted({*_GROUP._by_low, *_GROUP._by_exact})


def _fired_plainly(group: PackGroup, text: str) -> set[int]:
    """The members a group calls on *text*, by testing each literal and phrase on its own."""
    lowered = text.lower()
    fire = set(group._always)
    if folded_specials(text):
        fire |= group._gated
    else:
        fire.update(i for literal, named in group._by_low.items() if literal in lowered for i in named)
        fire.update(i for literal, named in group._by_exact.items() if literal in text for i in named)
    words = {word.lower() for word in re.findall(r"\w+", text)}
    fire.update(i for named in group._by_word.values() for i, tokens in named if tokens <= words)
    return fire


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(_LITERALS).flatmap(lambda lit: st.sampled_from(
        [lit, lit.upper(), lit.lower(), lit.capitalize(), lit[:3], lit[1:], lit[1:-1]])),
    st.sampled_from([" ", "  ", "x", "s", "_", "7", "-", "(", ")", ".", "\n", "é", "】", "（", "İ", "ſ", "Σ"]),
), max_size=14))
@example(["source"])
@example(["Source", "x"])
@example(["xby", " ", "By"])
def test_a_group_calls_the_rules_a_plain_literal_test_names(parts: list[str]) -> None:
    # Literals glued to other characters or split across words, in any case: the word-keyed
    # test of ASCII segments must name exactly the members that testing each literal names.
    text = "".join(parts)
    assert _GROUP._fired(text) == _fired_plainly(_GROUP, text), text


_GATE_LITERALS = sorted({text for _, gate in GATED for text, _ in gate.literals})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(_GATE_LITERALS).flatmap(lambda lit: st.sampled_from([lit, lit.upper(), lit.lower(), lit.capitalize()])),
    st.sampled_from([" ", "x", "-", "é", "İ"]),
), max_size=12))
@example(["Copyright", " ", "All"])
@example(["copyright", " ", "reserved"])
def test_a_gate_answers_as_its_literals_tested_one_at_a_time(parts: list[str]) -> None:
    # may_match tests each set's folded and exact literals apart, by map() in C: the answer must be
    # that of testing every literal of every set in the lower-cased or the plain text.
    text = "".join(parts)
    lowered = text.lower()
    for pattern, gate in GATED:
        plain = folded_specials(text) or all(
            any(lit in (lowered if folded else text) for lit, folded in group) for group in gate.sets
        )
        assert gate.may_match(text, lowered) == plain, (pattern.pattern, text)


# The derivation as first written (plain and slow), kept here as the reference the fast one in
# checks/prefilter.py (literal runs, short-cuts, memos) must agree with exactly.

_Lit = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class _RefInfo:
    exact: frozenset[_Lit] | None
    conjuncts: tuple[frozenset[_Lit], ...] = ()


_R_ANY = _RefInfo(None)
_R_EMPTY = _RefInfo(frozenset({("", False)}))


def _r_lit(text: str, icase: bool) -> _Lit:
    return (text.lower(), True) if icase else (text, False)


def _r_useful(lits: frozenset[_Lit] | None) -> frozenset[_Lit] | None:
    if lits is None or not lits or len(lits) > 48 or any(not text for text, _ in lits):
        return None
    return lits


def _r_score(lits: frozenset[_Lit]) -> tuple[bool, int, int]:
    return (all(not text.isascii() for text, _ in lits), min(len(text) for text, _ in lits), -len(lits))


def _r_top(*sets: frozenset[_Lit] | None) -> tuple[frozenset[_Lit], ...]:
    found = {s for s in map(_r_useful, sets) if s is not None}
    kept = [s for s in found if not any(o < s for o in found)]
    return tuple(sorted(kept, key=lambda s: (_r_score(s), sorted(s)), reverse=True)[:3])


def _r_needs(info: _RefInfo) -> tuple[frozenset[_Lit], ...]:
    return _r_top(*info.conjuncts, info.exact)


def _r_concat(a: frozenset[_Lit], b: frozenset[_Lit]) -> frozenset[_Lit] | None:
    if len(a) * len(b) > 48:
        return None
    return frozenset(_r_lit(x + y, True) if (ix or iy) else (x + y, False) for x, ix in a for y, iy in b)


def _r_sequence(items: list[tuple[Any, Any]], icase: bool) -> _RefInfo:
    exact: frozenset[_Lit] | None = frozenset({("", False)})
    whole = True
    candidates: list[frozenset[_Lit] | None] = []
    for op, av in items:
        info = _r_node(op, av, icase)
        candidates.extend(info.conjuncts)
        if exact is not None and info.exact is not None:
            joined = _r_concat(exact, info.exact)
            if joined is not None:
                exact = joined
                continue
        candidates.append(exact)
        exact, whole = info.exact, False
    candidates.append(exact)
    return _RefInfo(exact if whole else None, _r_top(*candidates))


def _r_branch(infos: list[_RefInfo]) -> _RefInfo:
    exact: frozenset[_Lit] | None = None
    if all(i.exact is not None for i in infos):
        union = frozenset().union(*(i.exact for i in infos if i.exact is not None))
        exact = union if len(union) <= 48 else None
    needs = [_r_needs(i) for i in infos]
    if not all(needs):
        return _RefInfo(exact)
    combos: list[tuple[frozenset[_Lit], ...]] = [()]
    for options in needs:
        if len(combos) * len(options) > 81:
            options = options[:1]
        combos = [(*c, o) for c in combos for o in options]
    return _RefInfo(exact, _r_top(*(frozenset().union(*c) for c in combos)))


def _r_node(op: Any, av: Any, icase: bool) -> _RefInfo:
    c = _c
    if op is c.LITERAL:
        return _RefInfo(frozenset({_r_lit(chr(av), icase)}))
    if op is c.IN:
        if len(av) > 6 or any(o is not c.LITERAL for o, _ in av):
            return _R_ANY
        return _RefInfo(frozenset(_r_lit(chr(code), icase) for _, code in av))
    if op is c.AT or op is c.ASSERT_NOT:
        return _R_EMPTY
    if op is c.ASSERT:
        return _RefInfo(_R_EMPTY.exact, _r_needs(_r_sequence(list(av[1]), icase)))
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        inner = (icase or bool(add_flags & c.SRE_FLAG_IGNORECASE)) and not del_flags & c.SRE_FLAG_IGNORECASE
        return _r_sequence(list(sub), inner)
    if op is c.BRANCH:
        return _r_branch([_r_sequence(list(alt), icase) for alt in av[1]])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        inner = _r_sequence(list(sub), icase)
        if low == 0:
            return _R_ANY
        if low == high == 1:
            return inner
        return _RefInfo(None, _r_needs(inner))
    if op is c.ATOMIC_GROUP:
        return _r_sequence(list(av), icase)
    return _R_ANY


def _reference(pattern: re.Pattern[str]) -> tuple[tuple[_Lit, ...], ...] | None:
    """The sets the reference derivation gives *pattern* (as Prefilter.sets), or None."""
    info = _r_sequence(list(_parser.parse(pattern.pattern, pattern.flags)), bool(pattern.flags & re.IGNORECASE))
    sets = _r_needs(info)
    if not sets:
        return None
    return tuple(tuple(sorted(group, key=lambda lit: (-len(lit[0]), lit))) for group in sets)


def _derived(pattern: re.Pattern[str]) -> tuple[tuple[_Lit, ...], ...] | None:
    gate = derive(pattern)
    return None if gate is None else gate.sets


def test_the_derivation_agrees_with_the_reference_on_every_shipped_pattern() -> None:
    assert len(PATTERNS) >= 25
    for pattern in PATTERNS:
        assert _derived(pattern) == _reference(pattern), pattern.pattern


_WORDS = ["by", "text", "Source", "editor", "the", "of", "AB", "x", "Strike-", "7", "【", "：", "（",
          "ΑΣ'α", "ΟΔΟΣ", "Σ.", "İstanbul", "ſun", "\u212aelvin", "straße", "ÉTÉ", "a b"]
_CLASSES = ["[Ss]", "[abc]", "[（(]", "[^x]", r"\w", r"\s", r"\d", ".", "[a-z]", r"[ab\s]", "[aSσΣ]", "[İi]",
            "[0-9A-F]", "[xyzXYZ1]"]
_ANCHORS = ["^", "$", r"\b", r"\B", r"\A", r"\Z"]
_REPEATS = ["?", "*", "+", "{1}", "{2}", "{0,3}", "{1,3}", "{2,}", "{1,1}", "??", "*?", "+?", "{1,2}?",
            "*+", "++", "?+", "{2}+"]


def _atoms() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_WORDS).map(re.escape),
        st.sampled_from(_CLASSES),
        st.sampled_from(_ANCHORS),
        st.text(alphabet="abcSsXyz019-.ΣσİK", min_size=1, max_size=3).map(re.escape),
        # Big alternations of words: unions over the size limit of a set.
        st.lists(st.text(alphabet="abcdefgSsΣ", min_size=1, max_size=4), min_size=3, max_size=60)
        .map(lambda words: "(?:" + "|".join(map(re.escape, words)) + ")"),
    )


def _compound(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(inner, min_size=2, max_size=5).map("".join),
        # Parts apart from each other: a sequence that needs several sets at once.
        st.lists(inner, min_size=2, max_size=4).map(r"\w+".join),
        # Alternatives that each need several sets: more combinations than are tried.
        st.lists(st.lists(inner, min_size=2, max_size=4).map(r"\s*".join), min_size=4, max_size=8)
        .map(lambda alts: "(?:" + "|".join(alts) + ")"),
        st.lists(inner, min_size=2, max_size=9).map(lambda alts: "(?:" + "|".join(alts) + ")"),
        st.lists(inner, min_size=2, max_size=4).map(lambda alts: "(" + "|".join(alts) + ")"),
        st.tuples(inner, st.sampled_from(_REPEATS)).map(lambda t: f"(?:{t[0]}){t[1]}"),
        st.tuples(st.sampled_from(["(?i:", "(?-i:", "(?=", "(?!", "(?>", "(?:"]), inner).map(lambda t: f"{t[0]}{t[1]})"),
        st.tuples(st.sampled_from(["(?<=", "(?<!"]), st.sampled_from(_WORDS)).map(lambda t: f"{t[0]}{re.escape(t[1])})"),
    )


# Unions of exactly the most literals a set may have (_MAX_SET, 48): one word per alternative,
# and two alternatives that each need one of two sets of 24 words.
_WORDS_48 = [f"{a}{b}" for a in "abcdefgh" for b in "stuvwx"]
_ALL_48 = "(?:" + "|".join(rf"{word}\d" for word in _WORDS_48) + ")"
_PAIRS_48 = "(?:" + "|".join(
    "(?:" + "|".join(half) + ")" + r"\d(?:" + "|".join(half).upper() + ")"
    for half in (_WORDS_48[:24], _WORDS_48[24:])
) + ")"

_REGEXES = st.tuples(
    st.recursive(_atoms(), _compound, max_leaves=40),
    st.sampled_from([0, re.IGNORECASE]),
    st.sampled_from(["{}", "(?i){}", r"({})\1", "{}|{}", r"(?:{})\s+(?:{})"]),
)


@settings(max_examples=400, deadline=None)
@given(_REGEXES)
@example((r"(?:[Ss]tatement|Disclaimer)\s*[:：](?i:source\w+of|editor\s+in)", 0, "{}|{}"))
@example(("ΑΣ'α(?i:b)", 0, "{}"))  # a capital sigma lowered beside what follows it
@example(("(?i:a)ΑΣ'α", 0, "{}"))
@example(("(?-i:ΑΣ)'α", re.IGNORECASE, "{}"))
@example((_ALL_48, 0, "{}"))
@example((_PAIRS_48, 0, "{}"))
def test_the_derivation_agrees_with_the_reference_on_random_regexes(case: tuple[str, int, str]) -> None:
    body, flags, shape = case
    source = shape.replace("{}", body)
    try:
        pattern = re.compile(source, flags)
    except (re.error, OverflowError, RecursionError):
        assume(False)
        return
    assert _derived(pattern) == _reference(pattern), source


def _stored_for_this_python() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path(*STORED).read_text(encoding="utf-8"))
    python = stored_key().split(", ")[-1]
    if not data["key"].endswith(python):
        pytest.skip(f"prefilters stored with {data['key']}: not used on {python}")
    return data


def test_the_stored_prefilters_are_those_derived_now() -> None:
    # After editing a shipped pattern or the derivation: python -m checks.prefiltercache
    from checks.prefiltercache import render, shipped_patterns

    data = _stored_for_this_python()
    stored = {(entry["pattern"], entry["flags"]): entry["sets"] for entry in data["prefilters"]}
    for pattern in PATTERNS:
        gate = derive(pattern)
        expected = None if gate is None else [[list(lit) for lit in group] for group in gate.sets]
        assert stored.get((pattern.pattern, pattern.flags), "missing") == expected, pattern.pattern
    assert data["key"] == stored_key()
    assert resource_path(*STORED).read_text(encoding="utf-8") == render(shipped_patterns())


def _counting_derive(monkeypatch: pytest.MonkeyPatch) -> list[re.Pattern[str]]:
    derived: list[re.Pattern[str]] = []
    real = prefilter_module.derive

    def counted(pattern: re.Pattern[str]) -> object:
        derived.append(pattern)
        return real(pattern)

    monkeypatch.setattr(prefilter_module, "derive", counted)
    monkeypatch.setattr(prefilter_module, "_stored", None)  # read the file again
    return derived


def test_the_shipped_patterns_prefilters_are_read_not_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    _stored_for_this_python()
    derived = _counting_derive(monkeypatch)
    assert [prefilter(pattern) for pattern in PATTERNS] == [derive(pattern) for pattern in PATTERNS]
    assert derived == []


def test_a_pattern_not_stored_is_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    derived = _counting_derive(monkeypatch)
    novel = re.compile(r"\bnovel\s+(?:word|term)s?\b")
    flagged = re.compile(PATTERNS[0].pattern, PATTERNS[0].flags | re.MULTILINE)
    assert prefilter(novel) is not None and derived == [novel]
    assert prefilter(flagged) == derive(flagged) and flagged in derived


def test_prefilters_stored_by_another_derivation_or_damaged_are_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    derived = _counting_derive(monkeypatch)
    monkeypatch.setattr(prefilter_module, "DERIVATION", prefilter_module.DERIVATION + 1)
    assert [prefilter(pattern) for pattern in PATTERNS] == [derive(pattern) for pattern in PATTERNS]
    assert derived == PATTERNS
    monkeypatch.undo()
    damaged = tmp_path / "prefilters.json"
    monkeypatch.setattr(prefilter_module, "resource_path", lambda *parts: damaged)
    for text in ("{", '{"key": 1}', "[]", json.dumps({"key": stored_key(), "prefilters": [{"pattern": "x"}]})):
        damaged.write_text(text, encoding="utf-8")
        derived = _counting_derive(monkeypatch)
        assert prefilter(PATTERNS[0]) == derive(PATTERNS[0]) and derived == PATTERNS[:1], text
_PHRASES = sorted({tuple(sorted(tokens)) for named in _GROUP._by_word.values() for _, tokens in named})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    # The words of a phrase (one may be left out, in any case), and other phrases' words.
    st.sampled_from(_PHRASES).flatmap(lambda words: st.permutations(words)).flatmap(
        lambda words: st.sampled_from([" ".join(words), " ".join(words[1:]), "-".join(words).upper()])),
    st.sampled_from(_PHRASES).map(lambda words: words[-1]),
    st.sampled_from([" ", "-", "x", "."]),
), max_size=8))
@example(["in", " ", "hague"])
def test_a_group_calls_the_phrase_rules_whose_words_a_segment_has(parts: list[str]) -> None:
    # Phrases are filed under one of their words (the likely rarest): a segment with all the words
    # of a phrase calls its rule, whichever word it was filed under.
    text = "".join(parts)
    assert len(_PHRASES) > 100
    assert _GROUP._fired(text) == _fired_plainly(_GROUP, text), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abc.-", min_size=1, max_size=4), min_size=1, max_size=8, unique=True),
       st.text(alphabet="abcd.-", max_size=12))
def test_a_trie_alternation_finds_what_the_longest_first_alternation_finds(words: list[str], text: str) -> None:
    # trie_pattern (the group's test of whether a word holds a key, zhnum's word lists) must match
    # where and what the plain alternation of the words, longest first, matches.
    plain = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(trie_pattern(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert (trie.search(text) is None) == (not any(w in text for w in words))


def test_a_trie_of_no_words_is_empty() -> None:
    assert trie_pattern([]) == ""


_CORED = [(rule, pattern, core) for rule in RULES if rule.cores
          for pattern, core in zip(rule.patterns, rule.cores, strict=True) if core is not None]
_CORED_PIECES = sorted({
    piece for rule, _, _ in _CORED for ex in (*rule.meta.examples_fail, *rule.meta.examples_pass)
    for piece in re.split(r"(?<=[.!?。])\s+", ex.target)
} | {word for rule, _, _ in _CORED for word in rule.requires[0] or ()} | {
    # A phrase for each keyword alternative of the shipped cores (the examples miss some).
    "QR code below", "Scan the QR code above to follow", "Follow us on WeChat", "Please subscribe to us",
    "Give us a like", "Give this post a thumbs-up", "Click the blue words", "Tap “Read the original”",
    "via the buttons below", "follow our official account", "Unauthorized reproduction", "Reprinting is prohibited",
    "not be reposted without", "please indicate the source", "For reprints, please contact", "contact us to delete",
    "This article is reprinted from", "this piece is from the WeChat", "does not represent the position of this site",
    "reflects the personal views of the author", "does not constitute investment advice", "infringement, please contact",
    # And one for each first letter of the alternatives (the cores' lookaheads at first letters).
    "long-press the QR code below", "press and hold the QR code below", "identify the QR code to follow",
    "recognize the QR code below", "welcome to follow us", "remember to subscribe to us",
    "pay attention to our official account", "using the buttons below", "with the buttons below",
    "through the 【like】 buttons below", "by clicking the buttons below", "without permission, do not reprint",
    "reproduced without permission", "source must be cited when reposting", "when reprinting, please",
    "expresses the views of the author", "is the opinion of the author", "represents only the author's views",
    "doesn't necessarily represent the position of this platform", "do not reflect the views of our website",
})


# A shipped core opens with a lookahead at the first letters of its alternatives (a speed-up).
_FIRST_LETTERS = re.compile(r"\(\?=\(\?i:\[[a-z]+\]\)\)")


def _alternation(core: re.Pattern[str]) -> re.Pattern[str]:
    """*core* without its opening lookahead at first letters: the keyword alternation of its pattern."""
    lookahead = _FIRST_LETTERS.match(core.pattern)
    assert lookahead is not None, core.pattern[:40]
    return re.compile(core.pattern[lookahead.end() :], core.flags)


def test_shipped_cores_are_spelled_out_in_their_patterns() -> None:
    # A core is the keyword alternation its pattern needs in each branch, copied: it must not drift.
    assert {rule.meta.code for rule, _, _ in _CORED} >= {"BP507", "BP512", "BP514"}
    for _, pattern, core in _CORED:
        assert pattern.pattern.count(_alternation(core).pattern) == 2 and core.flags == pattern.flags


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_CORED_PIECES), st.sampled_from([" ", ". ", "\n", "Xinhua: ", "“", "”", "ſ"])),
                max_size=8).map("".join))
def test_a_pattern_with_a_core_matches_only_where_its_core_does(text: str) -> None:
    # PackRule skips a pattern where its core finds nothing: the pattern must find nothing there either.
    # The core's lookahead at first letters must let every match of its alternation through.
    for _, pattern, core in _CORED:
        if pattern.search(text) is not None:
            assert core.search(text) is not None, (pattern.pattern[:40], text)
        found, plain = core.search(text), _alternation(core).search(text)
        assert (found and found.span()) == (plain and plain.span()), (core.pattern[:40], text)
