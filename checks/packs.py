"""Rule packs: declarative YAML rules (pattern and phrase kinds), validated with file:line errors.

The schema is documented in ``docs/rule-packs.md``. A pack is one YAML file::

    pack: boilerplate            # pack name; rule ids are "<pack>.<id>"
    version: 1.0.0
    description: ...
    rules:
      - code: BP401              # stable code, two capitals and three digits
        id: byline
        kind: pattern            # pattern | phrase
        ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checks.context import Context, resource_path
from checks.errors import InputError
from checks.model import Finding, Segment, Severity
from checks.mqm import CATEGORIES
from checks.prefilter import Prefilter, folded_specials, prefilter
from checks.readers.textio import read_bytes
from checks.regexguard import guard
from checks.registry import Example, RuleMeta
from checks.text import lower_word_set, match_case, trie_pattern

PACK_KEYS = {"pack", "version", "description", "language", "source-language", "license", "rules"}
RULE_KEYS = {
    "code", "id", "kind", "title", "category", "severity", "message", "description",
    "patterns", "flags", "replacement", "safe", "examples", "entries", "enabled", "exceptions",
}
PATTERN_KEYS = {"regex", "requires", "core"}
ENTRY_KEYS = {"wrong", "right", "note", "case", "exceptions", "safe"}
KINDS = {"pattern", "phrase"}
FLAGS = {"ignorecase": re.IGNORECASE, "multiline": re.MULTILINE, "dotall": re.DOTALL}


# libyaml's parser is about ten times faster than the pure-Python one; both construct safely.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe YAML loader whose mappings remember the line they start on."""


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows its 1-based start line."""

    line: int = 0


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse YAML safely (no object construction), mapping errors to InputError with a line."""
    try:
        text = read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"not UTF-8 text (byte {exc.start})", line) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # _LineLoader is a SafeLoader: no object construction
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(path, f"invalid YAML: {exc.problem}", line, column) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {exc}") from None


def _line(node: object) -> int | None:
    return node.line if isinstance(node, LineDict) else None


@dataclass(frozen=True)
class PhraseEntry:
    """One wrong -> right phrase of a phrase rule, with why."""

    wrong: tuple[str, ...]
    right: str
    note: str
    exceptions: tuple[str, ...] = ()
    case_sensitive: bool = False
    safe: bool | None = None


def phrase_regex(phrase: str, case_sensitive: bool) -> str:
    """Regex source of a literal phrase: flexible whitespace, word boundaries where words end."""
    parts = [re.escape(word) for word in phrase.split()]
    body = r"\s+".join(parts)
    start = r"(?<![\w-])" if re.match(r"\w", phrase) else ""
    end = r"(?![\w-])" if re.search(r"\w$", phrase) else ""
    body = f"{start}{body}{end}"
    return body if case_sensitive else f"(?i:{body})"


@dataclass(frozen=True)
class PackRule:
    """A rule defined in a pack; implements the SegmentCheck protocol."""

    meta: RuleMeta
    kind: str
    message: str
    patterns: tuple[re.Pattern[str], ...] = ()
    replacement: str | None = None
    safe: bool = False
    entries: tuple[PhraseEntry, ...] = ()
    exceptions: tuple[str, ...] = ()
    # Per pattern, keywords of which every match contains one (lower case), or None: a segment
    # without any of them is not scanned with that (costly, sentence-wide) pattern.
    requires: tuple[tuple[str, ...] | None, ...] = ()
    # Per pattern, a regex that matches in every segment the pattern matches in (typically the
    # pattern's keyword alternation alone), or None: searched before the pattern, it settles most
    # segments for a fraction of a sentence-wide pattern's cost.
    cores: tuple[re.Pattern[str] | None, ...] = ()
    _combined: _PhraseIndex | None = field(default=None, compare=False)
    _prefilters: tuple[Prefilter | None, ...] | None = field(default=None, compare=False)

    @property
    def prefilters(self) -> tuple[Prefilter | None, ...]:
        """Per pattern, the literals of which every match needs one (checks/prefilter.py), or None.

        The same kind of gate as *requires*, derived instead of declared. Computed on first use:
        reading the parse trees costs more than a short document's whole scan. User patterns
        (run by the ``regex`` module under a time budget, whose case folding differs) get none.
        """
        if self._prefilters is None:
            gates = tuple(prefilter(p) if isinstance(p, re.Pattern) else None for p in self.patterns)
            object.__setattr__(self, "_prefilters", gates)
        assert self._prefilters is not None
        return self._prefilters

    @property
    def rules(self) -> tuple[RuleMeta, ...]:
        """The one code this rule emits."""
        return (self.meta,)

    def prepare(self, ctx: Context) -> None:
        """Read the prefilters off the patterns now (a long document's pack group needs them)."""
        self.prefilters  # noqa: B018 - computed and cached on first access

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        """Yield the matches of this rule in *segment*."""
        text = segment.target
        if self.kind == "pattern":
            yield from self._patterns(segment, text)
        else:
            yield from self._phrases(segment, text)

    def _excepted(self, text: str, start: int, end: int, exceptions: Iterable[str]) -> bool:
        for phrase in exceptions:
            for m in re.finditer(phrase_regex(phrase, False), text):
                if m.start() <= start and end <= m.end():
                    return True
        return False

    def _patterns(self, segment: Segment, text: str) -> Iterator[Finding]:
        requires = self.requires or (None,) * len(self.patterns)
        # The derived gates only once computed (by a PackGroup): a short document is scanned
        # sooner than they are read off the patterns.
        gates = self._prefilters or (None,) * len(self.patterns)
        cores = self.cores or (None,) * len(self.patterns)
        lowered = _lowered(text)
        for pattern, needed, gate, core in zip(self.patterns, requires, gates, cores, strict=True):
            if needed is not None and not any(map(lowered.__contains__, needed)):
                continue
            if gate is not None and not gate.may_match(text, lowered):
                continue
            if core is not None and core.search(text) is None:
                continue
            for m in pattern.finditer(text):
                if "span" in pattern.groupindex and m.group("span") is not None:
                    start, end = m.span("span")
                else:
                    start, end = m.span()
                if start == end or self._excepted(text, start, end, self.exceptions):
                    continue
                suggestions: tuple[str, ...] = ()
                if self.replacement is not None:
                    suggestions = (m.expand(self.replacement),)
                message = self.message.format(match=text[start:end], suggestion=suggestions[0] if suggestions else "")
                yield self.meta.finding(segment, start, end, message, suggestions, safe=self.safe)

    def _phrases(self, segment: Segment, text: str) -> Iterator[Finding]:
        index = self._compiled_phrases()
        regex = index.regex_for(text)
        if regex is None:
            return
        for m in regex.finditer(text):
            group = m.lastgroup
            if group is None:
                continue
            entry = index.by_group[group]
            start, end = m.span()
            if self._excepted(text, start, end, (*self.exceptions, *entry.exceptions)):
                continue
            right = match_case(m.group(), entry.right)
            message = self.message.format(match=m.group(), right=right, note=entry.note, suggestion=right)
            safe = self.safe if entry.safe is None else entry.safe
            yield self.meta.finding(segment, start, end, message, (right,), safe=safe)

    def _compiled_phrases(self) -> _PhraseIndex:
        if self._combined is None:
            object.__setattr__(self, "_combined", _PhraseIndex(self.entries))
        assert self._combined is not None
        return self._combined


_WORD = re.compile(r"\w+")


class _PhraseIndex:
    """The phrases of one rule as alternations, indexed by their first word.

    One alternation of every phrase (hundreds of alternatives with look-arounds) costs the
    regex engine a try of each alternative at each position of each segment: that was the
    hottest spot of a run. A phrase that starts with a word character can only match where
    that word is a token of the text, so each segment compiles (once, then cached) and scans
    only the alternatives whose first word it contains. The order of the alternatives (longest
    first) is kept, so the matches are the same as with the full alternation.
    """

    _CACHE_LIMIT = 4096

    def __init__(self, entries: Sequence[PhraseEntry]) -> None:
        alternatives: list[tuple[int, str, str, str]] = []
        self.by_group: dict[str, PhraseEntry] = {}
        for i, entry in enumerate(entries):
            for j, wrong in enumerate(entry.wrong):
                name = f"e{i}_{j}"
                self.by_group[name] = entry
                alternatives.append((len(wrong), name, phrase_regex(wrong, entry.case_sensitive), wrong))
        alternatives.sort(key=lambda a: -a[0])
        self._sources = [f"(?P<{name}>{rx})" for _, name, rx, _ in alternatives]
        self._first: dict[str, list[int]] = {}
        self._always: list[int] = []
        # The words of each phrase: it can only match a text that has them all as words.
        self._tokens: list[frozenset[str]] = [
            frozenset(w.lower() for w in _WORD.findall(wrong)) for _, _, _, wrong in alternatives
        ]
        for k, (_, _, _, wrong) in enumerate(alternatives):
            lead = _WORD.match(wrong)
            if lead is None:
                self._always.append(k)
            else:
                self._first.setdefault(lead.group().lower(), []).append(k)
        self._cache: dict[tuple[int, ...], re.Pattern[str]] = {}

    def regex_for(self, text: str) -> re.Pattern[str] | None:
        """The alternation of the phrases that may match *text*, or None when none can."""
        chosen = set(self._always)
        # Every phrase rule (and the group) looks up the same segment's words in a row: split once.
        words = lower_word_set(text)
        tokens = self._tokens
        for word in words & self._first.keys():
            chosen.update(k for k in self._first[word] if tokens[k] <= words)
        if not chosen:
            return None
        key = tuple(sorted(chosen))
        regex = self._cache.get(key)
        if regex is None:
            if len(self._cache) >= self._CACHE_LIMIT:
                self._cache.clear()
            regex = re.compile("|".join(self._sources[k] for k in key))
            self._cache[key] = regex
        return regex


class PackGroup:
    """Consecutive pack rules of a run as one segment check, in their order.

    A run has dozens of pack rules and most segments match none; calling each one per segment
    cost more than its cheap gate. The group tests each segment once for the literals that open
    the rules' gates, then calls only the rules one of them names; those apply their own gates
    in full, so the findings (and their order) are those of the rules called one by one.
    """

    def __init__(self, members: Sequence[PackRule]) -> None:
        self.members = tuple(members)
        self.rules = tuple(rule.meta for rule in self.members)
        self._always: set[int] = set()  # members called on every segment
        self._gated: set[int] = set()  # pattern members called only when a literal names them
        # Literal -> the pattern members one of whose patterns needs it (or one of its set); the
        # folded ones are looked for in the lower-cased segment, the exact ones in the segment.
        self._by_low: dict[str, set[int]] = {}
        self._by_exact: dict[str, set[int]] = {}
        # Phrase members: a word of a phrase -> (member, the words of the phrase). A phrase is filed
        # under its likely rarest word, not its first: it needs them all, and first words such as
        # "to" or "in" (in the Hague) made the group test phrases in most segments.
        self._by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for i, rule in enumerate(self.members):
            if rule.kind == "phrase":
                index = rule._compiled_phrases()
                if index._always:
                    self._always.add(i)
                for tokens in sorted({index._tokens[k] for ks in index._first.values() for k in ks}, key=sorted):
                    self._by_word.setdefault(_rarest(tokens), []).append((i, tokens))
                continue
            requires = rule.requires or (None,) * len(rule.patterns)
            # Per pattern, the literals of one set it needs: its keywords (lower case), else its
            # prefilter's first set (the rarest, by checks/prefilter.py's estimate).
            firsts = [
                tuple((word, True) for word in needed) if needed else gate.sets[0] if gate is not None else None
                for needed, gate in zip(requires, rule.prefilters, strict=True)
            ]
            if any(first is None for first in firsts):
                self._always.add(i)  # a pattern without any gate is tried on every segment
                continue
            self._gated.add(i)
            for first in firsts:
                for text, folded in first or ():
                    (self._by_low if folded else self._by_exact).setdefault(text, set()).add(i)
        self._low_index = tuple(sorted(self._by_low))
        self._exact_index = tuple(sorted(self._by_exact))
        # An ASCII segment (most of them) is tested by words instead (see _ascii_literals): each
        # ASCII literal filed under its longest word part lower-cased, its key. A non-ASCII
        # literal cannot occur in an ASCII segment.
        self._keyed: dict[str, list[tuple[str, bool, frozenset[int]]]] = {}
        self._unkeyed: list[tuple[str, bool, frozenset[int]]] = []  # ASCII literals without a word character
        for table, folded in ((self._by_low, True), (self._by_exact, False)):
            for literal in sorted(table):
                if not literal.isascii():
                    continue
                test = (literal, folded, frozenset(table[literal]))
                parts = _WORD.findall(literal)
                if parts:
                    self._keyed.setdefault(max(parts, key=len).lower(), []).append(test)
                else:
                    self._unkeyed.append(test)
        self._keys = tuple(sorted(self._keyed))
        # Whether a word holds any key at all, in one C search (most words hold none): testing
        # each key with ``in`` was most of the cost of the words met for the first time.
        self._any_key = re.compile(trie_pattern(list(self._keys))) if self._keys else None
        # Lower-cased words met so far: those holding no key, and the keys the others hold.
        self._keyless: set[str] = set()
        self._keys_in: dict[str, tuple[str, ...]] = {}

    def check_segment(self, segment: Segment, ctx: Context) -> list[Finding]:
        """The findings of every member rule on *segment*."""
        text = segment.target
        fire = self._fired(text)
        if not fire:
            return []  # most segments
        found: list[Finding] = []
        members = self.members
        for i in sorted(fire):
            found.extend(members[i].check_segment(segment, ctx))
        return found

    def _fired(self, text: str) -> set[int]:
        """The members to call on *text*: always called, named by a literal, or by a phrase's words."""
        lowered = _lowered(text)
        # Every phrase rule (and the group) looks up the same segment's words in a row: split once.
        words = lower_word_set(text)
        fire = set(self._always)
        if text.isascii():
            fire.update(self._ascii_literals(text, lowered, words))
        elif folded_specials(text):
            # lower() does not fold every character the way a case-insensitive regex does.
            fire.update(self._gated)
        else:
            for low in self._low_index:
                if low in lowered:
                    fire.update(self._by_low[low])
            for exact in self._exact_index:
                if exact in text:
                    fire.update(self._by_exact[exact])
        for word in words & self._by_word.keys():
            fire.update(i for i, tokens in self._by_word[word] if tokens <= words)
        return fire

    # Words remembered per group before forgetting them all (a bound for endless input).
    _WORDS_LIMIT = 200_000

    def _ascii_literals(self, text: str, lowered: str, words: frozenset[str]) -> set[int]:
        """The members named by the literals in *text*, an ASCII segment whose lower-cased words are *words*.

        Testing each of a hundred-odd literals with ``in`` was most of the group's cost. In ASCII
        text, a literal occurs only where its key (its longest run of word characters, lower-cased)
        is part of one lower-cased word: a word holds a run of word characters whole, and ASCII
        lower-casing keeps what is a word character and where. Which keys a word holds is worked
        out once per distinct word, and most words hold none: those drop out in one C set
        difference. Only the literals of the keys found are then tested in full.
        """
        keys_in = self._keys_in
        present: set[str] = set()
        for word in words.difference(self._keyless):
            keys = keys_in.get(word)
            if keys is None:
                if len(keys_in) + len(self._keyless) >= self._WORDS_LIMIT:
                    keys_in.clear()
                    self._keyless.clear()
                if self._any_key is None or self._any_key.search(word) is None:
                    self._keyless.add(word)
                    continue
                keys = keys_in[word] = tuple(key for key in self._keys if key in word)
            present.update(keys)
        fire: set[int] = set()
        for key in present:
            for literal, folded, named in self._keyed[key]:
                if literal in (lowered if folded else text):
                    fire.update(named)
        for literal, folded, named in self._unkeyed:
            if literal in (lowered if folded else text):
                fire.update(named)
        return fire


# Words too common to file a phrase under when it has another (see PackGroup).
_COMMON_WORDS = frozenset({"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "s", "us", "new"})


def _rarest(words: frozenset[str]) -> str:
    """The word of *words* likely rarest in a text: the longest uncommon one (ties: the first in order)."""
    return max(sorted(words), key=lambda word: (word not in _COMMON_WORDS, len(word)))


# Below this many segments, reading the prefilters off the patterns costs more than it saves.
GROUP_MIN_SEGMENTS = 300


def group_rules(checks: Sequence[Any]) -> tuple[Any, ...]:
    """*checks* with every run of consecutive pack rules replaced by one ``PackGroup``."""
    out: list[Any] = []
    run: list[PackRule] = []
    for check in (*checks, None):
        if isinstance(check, PackRule):
            run.append(check)
            continue
        if run:
            out.append(PackGroup(run) if len(run) > 1 else run[0])
            run = []
        if check is not None:
            out.append(check)
    return tuple(out)


def _names(keys: Iterable[object]) -> str:
    """Keys for a message; YAML keys need not be strings (``1:``, or an anchor on an empty key gives None)."""
    return ", ".join(sorted(map(str, keys)))


def _require(cond: bool, path: Path, line: int | None, message: str) -> None:
    if not cond:
        raise InputError(path, message, line)


# Fields a rule message may use, per kind; checked at load time so that a typo in a pack is a
# file:line error instead of a KeyError in the middle of a run.
MESSAGE_FIELDS = {"pattern": ("match", "suggestion"), "phrase": ("match", "right", "note", "suggestion")}


def _check_message(message: str, kind: str, path: Path, line: int | None) -> None:
    fields = MESSAGE_FIELDS[kind]
    try:
        message.format(**{name: "" for name in fields})
    except (KeyError, IndexError, ValueError) as exc:
        allowed = ", ".join("{" + name + "}" for name in fields)
        raise InputError(
            path, f"message: bad placeholder {exc} (a {kind} rule may use {allowed}; write {{{{ }}}} for a brace)", line
        ) from None


def _examples(raw: object, path: Path, line: int | None) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if raw is None:
        return (), ()
    _require(isinstance(raw, dict), path, line, "'examples' must be a mapping with 'fail' and 'pass' lists")
    assert isinstance(raw, dict)
    unknown = set(raw) - {"fail", "pass"}
    _require(not unknown, path, _line(raw) or line, f"unknown key(s) in examples: {_names(unknown)}")
    result: list[tuple[Example, ...]] = []
    for key in ("fail", "pass"):
        items = raw.get(key, []) or []
        _require(isinstance(items, list), path, _line(raw) or line, f"examples.{key} must be a list")
        examples: list[Example] = []
        for item in items:
            if isinstance(item, str):
                examples.append(Example(target=item))
            elif isinstance(item, dict) and "target" in item and set(item) <= {"target", "source"}:
                examples.append(Example(target=str(item["target"]), source=item.get("source")))
            else:
                raise InputError(path, f"examples.{key}: each example is a string or {{target, source}}", _line(item) or line)
        result.append(tuple(examples))
    return result[0], result[1]


def _strings(value: object, path: Path, line: int | None, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
        return tuple(value)
    raise InputError(path, f"{what} must be a non-empty string or list of strings", line)


_PatternItem = tuple[str, tuple[str, ...] | None, str | None, int | None]


def _pattern_items(raw: object, path: Path, line: int | None) -> list[_PatternItem]:
    """The (regex, requires keywords, core regex, line) of each item of a rule's 'patterns' list.

    An item is a regex string, or a mapping {regex, requires, core}: 'requires' lists keywords of
    which every match of the regex contains at least one (any case), 'core' is a regex that
    matches in every segment the regex matches in; both are cheap prefilters, either may be left out.
    """
    items = raw if isinstance(raw, list) else [raw]
    out: list[_PatternItem] = []
    for item in items:
        if isinstance(item, dict):
            iline = _line(item) or line
            unknown = set(item) - PATTERN_KEYS
            _require(not unknown, path, iline,
                     f"unknown key(s) in pattern: {_names(unknown)}; allowed: regex, requires, core")
            _require(isinstance(item.get("regex"), str) and bool(item["regex"]), path, iline,
                     "a pattern mapping needs a non-empty 'regex' string")
            words: tuple[str, ...] | None = None
            if "requires" in item or "core" not in item:
                words = _strings(item.get("requires"), path, iline, "pattern 'requires'")
                _require(all(w.strip() for w in words), path, iline, "pattern 'requires' keywords must not be blank")
                words = tuple(w.lower() for w in words)
            core = item.get("core")
            _require(core is None or (isinstance(core, str) and bool(core)), path, iline,
                     "pattern 'core' must be a non-empty regex string")
            out.append((item["regex"], words, core, iline))
        else:
            out.append((_strings(item, path, line, "patterns")[0], None, None, line))
    _require(bool(out), path, line, "patterns must be a non-empty string or list")
    return out


def _check_core(pattern: re.Pattern[str], core: re.Pattern[str], fail: Sequence[Example], path: Path,
                line: int | None) -> None:
    """Every failing example of the rule that *pattern* matches in must have a match of *core*."""
    for example in fail:
        if pattern.search(example.target) is not None and core.search(example.target) is None:
            raise InputError(
                path, f"core {core.pattern!r} does not match {example.target!r}, where the pattern matches (a "
                "failing example of the rule): the prefilter would hide it", line,
            )


def _check_requires(pattern: re.Pattern[str], words: tuple[str, ...], fail: Sequence[Example], path: Path,
                    line: int | None) -> None:
    """Every match of *pattern* in the rule's failing examples must contain one of *words*."""
    for example in fail:
        for m in pattern.finditer(example.target):
            if m.start() < m.end() and not any(w in m.group().lower() for w in words):
                raise InputError(
                    path, f"requires {list(words)} matches no keyword in {m.group()!r}, a match of the rule's own "
                    "example: the prefilter would hide it", line,
                )


_LAST_LOWERED: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    # Several pattern rules test the same segment in a row: lower it once.
    global _LAST_LOWERED
    last = _LAST_LOWERED
    if last[0] is text:
        return last[1]
    low = text.lower()
    _LAST_LOWERED = (text, low)
    return low


def _parse_rule(raw: object, pack: str, path: Path, guarded: bool = False) -> PackRule:
    line = _line(raw)
    _require(isinstance(raw, dict), path, line, "each rule must be a mapping")
    assert isinstance(raw, dict)
    unknown = set(raw) - RULE_KEYS
    _require(not unknown, path, line, f"unknown key(s) {_names(unknown)}; allowed: {', '.join(sorted(RULE_KEYS))}")
    for key in ("code", "id", "kind", "title", "category", "severity", "message"):
        _require(isinstance(raw.get(key), str) and raw[key], path, line, f"rule needs a non-empty string '{key}'")
    kind = raw["kind"]
    _require(kind in KINDS, path, line, f"unknown kind {kind!r}; allowed: {', '.join(sorted(KINDS))}")
    _require(raw["category"] in CATEGORIES, path, line, f"unknown MQM category {raw['category']!r}")
    _check_message(raw["message"], kind, path, line)
    try:
        severity = Severity.parse(raw["severity"])
    except ValueError as exc:
        raise InputError(path, str(exc), line) from None
    fail, passing = _examples(raw.get("examples"), path, line)
    try:
        meta = RuleMeta(
            code=raw["code"], rule=f"{pack}.{raw['id']}", title=raw["title"], category=raw["category"],
            severity=severity, description=str(raw.get("description", "")),
            examples_fail=fail, examples_pass=passing, enabled=bool(raw.get("enabled", True)), origin=str(path),
        )
    except ValueError as exc:
        raise InputError(path, str(exc), line) from None
    exceptions = _strings(raw["exceptions"], path, line, "exceptions") if "exceptions" in raw else ()
    safe = bool(raw.get("safe", False))
    if kind == "pattern":
        _require("entries" not in raw, path, line, "a pattern rule has 'patterns', not 'entries'")
        flags = 0
        for flag in _strings(raw["flags"], path, line, "flags") if raw.get("flags") else ():
            _require(flag in FLAGS, path, line, f"unknown flag {flag!r}; allowed: {', '.join(sorted(FLAGS))}")
            flags |= FLAGS[flag]
        compiled: list[re.Pattern[str]] = []
        requires: list[tuple[str, ...] | None] = []
        cores: list[re.Pattern[str] | None] = []
        for source, words, core_source, pline in _pattern_items(raw.get("patterns"), path, line):
            core: re.Pattern[str] | None = None
            try:
                compiled.append(re.compile(source, flags))
                if core_source is not None:
                    core = re.compile(core_source, flags)  # with the rule's flags, as the pattern
            except re.error as exc:
                raise InputError(path, f"bad regex {exc.pattern!r}: {exc}", pline) from None
            if words is not None:
                _check_requires(compiled[-1], words, fail, path, pline)
            if core is not None:
                _check_core(compiled[-1], core, fail, path, pline)
            requires.append(words)
            cores.append(core)
        replacement = raw.get("replacement")
        _require(replacement is None or isinstance(replacement, str), path, line, "replacement must be a string")
        for pattern in compiled if replacement else ():
            try:
                # sub() on empty text compiles the template, so a bad group reference fails here.
                pattern.sub(replacement, "")
            except (re.error, IndexError) as exc:
                raise InputError(path, f"bad replacement {replacement!r} for {pattern.pattern!r}: {exc}", line) from None
        if guarded:
            # User packs: nested quantifiers are refused here and matching runs under a time budget
            # (checks/regexguard.py); a TimedPattern has the re.Pattern methods used by PackRule.
            compiled = [guard(pattern, path, line) for pattern in compiled]  # type: ignore[misc]
            cores = [None if core is None else guard(core, path, line) for core in cores]  # type: ignore[misc]
        return PackRule(meta, kind, raw["message"], tuple(compiled), replacement, safe, exceptions=exceptions,
                        requires=tuple(requires) if any(w is not None for w in requires) else (),
                        cores=tuple(cores) if any(c is not None for c in cores) else ())
    _require("patterns" not in raw, path, line, "a phrase rule has 'entries', not 'patterns'")
    raw_entries = raw.get("entries")
    _require(isinstance(raw_entries, list) and bool(raw_entries), path, line, "a phrase rule needs a non-empty 'entries' list")
    assert isinstance(raw_entries, list)
    entries: list[PhraseEntry] = []
    for item in raw_entries:
        eline = _line(item) or line
        _require(isinstance(item, dict), path, eline, "each entry is a mapping with wrong, right, note")
        unknown = set(item) - ENTRY_KEYS
        _require(not unknown, path, eline, f"unknown key(s) in entry: {_names(unknown)}")
        _require(isinstance(item.get("right"), str), path, eline, "entry needs a string 'right'")
        _require(isinstance(item.get("note"), str) and item["note"], path, eline, "entry needs a non-empty 'note' saying why")
        wrong = _strings(item.get("wrong"), path, eline, "entry 'wrong'")
        case = item.get("case", "auto")
        _require(case in {"auto", "exact", "ignore"}, path, eline, "entry 'case' is auto, exact or ignore")
        sensitive = case == "exact" or (case == "auto" and any(c.isupper() for w in wrong for c in w))
        entries.append(
            PhraseEntry(
                wrong=wrong, right=item["right"], note=item["note"],
                exceptions=_strings(item["exceptions"], path, eline, "exceptions") if "exceptions" in item else (),
                case_sensitive=sensitive, safe=item.get("safe"),
            )
        )
    return PackRule(meta, kind, raw["message"], safe=safe, entries=tuple(entries), exceptions=exceptions)


@dataclass(frozen=True)
class Pack:
    """A loaded rule pack."""

    name: str
    version: str
    description: str
    path: Path
    rules: tuple[PackRule, ...]


def load_pack(path: Path) -> Pack:
    """Load and validate one pack file."""
    data = load_yaml(path)
    _require(isinstance(data, dict), path, None, "a pack file is a mapping with 'pack' and 'rules'")
    unknown = set(data) - PACK_KEYS
    _require(not unknown, path, _line(data), f"unknown key(s) {_names(unknown)}; allowed: {', '.join(sorted(PACK_KEYS))}")
    name = data.get("pack")
    _require(isinstance(name, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", name or "") is not None, path, _line(data),
             "'pack' must be a lower-case name")
    rules_raw = data.get("rules")
    _require(isinstance(rules_raw, list) and bool(rules_raw), path, _line(data), "'rules' must be a non-empty list")
    rules: list[PackRule] = []
    seen: dict[str, int | None] = {}
    guarded = not _is_shipped(path)
    for raw in rules_raw:
        rule = _parse_rule(raw, name, path, guarded)
        _require(rule.meta.code not in seen, path, _line(raw), f"code {rule.meta.code} used twice in this pack")
        seen[rule.meta.code] = _line(raw)
        rules.append(rule)
    return Pack(name, str(data.get("version", "0")), str(data.get("description", "")), path, tuple(rules))


def _is_shipped(path: Path) -> bool:
    """Whether *path* is one of the packs in resources/rules (trusted: plain re, no time budget)."""
    try:
        return path.resolve().parent == resource_path("rules").resolve()
    except OSError:
        return False


def shipped_pack_paths() -> list[Path]:
    """The packs in ``resources/rules`` (always loaded unless their codes are ignored)."""
    folder = resource_path("rules")
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_packs(paths: Sequence[Path]) -> list[Pack]:
    """Load several packs, refusing two packs with one name."""
    packs: list[Pack] = []
    names: dict[str, Path] = {}
    for path in paths:
        pack = load_pack(path)
        if pack.name in names:
            raise InputError(path, f"pack name {pack.name!r} is already used by {names[pack.name]}")
        names[pack.name] = path
        packs.append(pack)
    return packs
