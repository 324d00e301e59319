"""Immutable data model of the engine: segments, documents, findings and severities."""

from __future__ import annotations

import enum
import operator
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from itertools import repeat
from types import MappingProxyType
from typing import TypeVar

T = TypeVar("T")


class Severity(enum.IntEnum):
    """MQM severity levels, ordered so that comparisons mean "at least as severe"."""

    NEUTRAL = 0
    MINOR = 1
    MAJOR = 2
    CRITICAL = 3

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Return the severity named by *value* (case-insensitive)."""
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None

    @property
    def label(self) -> str:
        """Lower-case name as used in reports and configuration."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Segment:
    """One translation unit: a paragraph of an article or a unit of a bilingual file.

    ``line``/``column`` give the 1-based position of the first character of ``target`` in the
    input file, or ``None`` where the input has no meaningful lines (XML formats). ``offset`` is
    the code-point offset of ``target`` in the decoded file text for formats that are written
    back by splicing (plain text), else ``None``.
    """

    id: str
    target: str
    source: str | None = None
    line: int | None = None
    column: int | None = None
    offset: int | None = None
    origin: str = ""
    note: str = ""

    def __reduce__(self) -> tuple[type[Segment], tuple[object, ...]]:
        # A constructor call: the default for slots dataclasses (state get and set in Python) costs
        # three times more, and segments cross processes by the thousand (checks/parallel.py).
        return (Segment, (self.id, self.target, self.source, self.line, self.column, self.offset, self.origin, self.note))

    def position(self, index: int) -> tuple[int | None, int | None]:
        """Return the file (line, column) of code point *index* of the target (both 1-based)."""
        if self.line is None or self.column is None:
            return None, None
        before = self.target[:index]
        newlines = before.count("\n")
        if newlines == 0:
            return self.line, self.column + index
        return self.line + newlines, index - before.rfind("\n")


@dataclass(frozen=True, slots=True)
class Document:
    """A checked document: its segments plus what is needed to write it back."""

    path: str
    segments: tuple[Segment, ...]
    format: str = "text"
    source_lang: str | None = None
    target_lang: str = "en"
    meta: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    # Built on first lookup: reports look up one segment per finding, a scan each time was quadratic.
    _by_id: dict[str, Segment] | None = field(default=None, init=False, repr=False, compare=False)
    # Tables derived from the whole document that several checks read (see ``derived``).
    _derived: dict[str, object] | None = field(default=None, init=False, repr=False, compare=False)

    def __reduce__(self) -> tuple[Callable[..., Document], tuple[object, ...]]:
        # Documents cross processes whole (a file read beside, checks/parallel.py): the segments go
        # as one list per field and are rebuilt together, half the time of a constructor call per
        # segment on each side. Cached tables (_by_id, _derived) are not sent; they are rebuilt on demand.
        segments = self.segments
        if type(segments) is not tuple or not all(type(seg) is Segment for seg in segments):
            return (Document, (self.path, segments, self.format, self.source_lang, self.target_lang, self.meta))
        columns = tuple(list(map(get, segments)) for get in _SEGMENT_GETTERS)
        return (_document, (self.path, self.format, self.source_lang, self.target_lang, self.meta, len(segments), columns))

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def segment(self, segment_id: str) -> Segment:
        """Return the segment with *segment_id* (KeyError if absent; the first one if ids repeat)."""
        if self._by_id is None:
            index: dict[str, Segment] = {}
            for seg in self.segments:
                index.setdefault(seg.id, seg)
            object.__setattr__(self, "_by_id", index)
        assert self._by_id is not None
        return self._by_id[segment_id]

    def derived(self, key: str, build: Callable[[Document], T]) -> T:
        """``build(self)``, computed once per document and shared by every check that asks for *key*.

        Such tables must be treated as read-only; they live as long as the document.
        """
        if self._derived is None:
            object.__setattr__(self, "_derived", {})
        assert self._derived is not None
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]  # type: ignore[return-value]

    @property
    def has_source(self) -> bool:
        """True when at least one segment carries source text."""
        return any(seg.source for seg in self.segments)

    def word_count(self) -> int:
        """Whitespace-separated words in all targets (the basis of per-1,000-word rates)."""
        return sum(len(seg.target.split()) for seg in self.segments)


def slot_setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    """The slot setters of the fields of the slotted dataclass *cls*, in the order of its fields.

    For hand-written ``__init__``s of frozen dataclasses made by the thousand (Finding, zhnum.Number):
    the generated one sets each field through ``object.__setattr__``, twice as slow. Unpacked into
    one name per field, a field added without its setter fails at import.
    """
    return tuple(getattr(cls, f.name).__set__ for f in fields(cls))


# The fields of a Segment, read and set through its slots (pickling of Documents, above).
_SEGMENT_GETTERS = tuple(operator.attrgetter(f.name) for f in fields(Segment))
_SEGMENT_SETTERS = slot_setters(Segment)


def _document(path: str, fmt: str, source_lang: str | None, target_lang: str, meta: Mapping[str, object],
              count: int, columns: tuple[list[object], ...]) -> Document:
    """A pickled Document rebuilt: *columns* holds the values of each Segment field in turn."""
    # Each field is set as unpickling sets an object's state (no __init__: the values come from a
    # Segment already), and by C loops, with no Python call per segment.
    segments = list(map(object.__new__, repeat(Segment, count)))
    for set_field, values in zip(_SEGMENT_SETTERS, columns, strict=True):
        deque(map(set_field, segments, values), maxlen=0)
    return Document(path, tuple(segments), fmt, source_lang, target_lang, meta)


@dataclass(frozen=True, slots=True)
class Finding:
    """One issue found in a segment's target text.

    ``start``/``end`` are code-point offsets into ``Segment.target`` (end exclusive) and
    ``text == target[start:end]``. Each suggestion replaces that span; ``""`` deletes it.
    """

    code: str
    rule: str
    category: str
    severity: Severity
    segment: str
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    safe: bool = False

    def __init__(
        self, code: str, rule: str, category: str, severity: Severity, segment: str, start: int, end: int,
        text: str, message: str, suggestions: tuple[str, ...] = (), safe: bool = False,
    ) -> None:
        # The fields, in order (``dataclass`` keeps an __init__ of the class's own). Its generated one
        # sets each field through object.__setattr__, which looks the name up first: 3.4 us for a
        # finding, and checks make them by the thousand. The slots' own setters take half of that.
        _set_code(self, code)
        _set_rule(self, rule)
        _set_category(self, category)
        _set_severity(self, severity)
        _set_segment(self, segment)
        _set_start(self, start)
        _set_end(self, end)
        _set_text(self, text)
        _set_message(self, message)
        _set_suggestions(self, suggestions)
        _set_safe(self, safe)

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # As Segment.__reduce__: findings come back from worker processes by the thousand.
        return (Finding, (self.code, self.rule, self.category, self.severity, self.segment, self.start, self.end,
                          self.text, self.message, self.suggestions, self.safe))

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Order within a segment: by position, then code."""
        return (self.segment, self.start, self.end, self.code)


# The slot setters of Finding.__init__ (slots are made with the class, so they are looked up after it).
(_set_code, _set_rule, _set_category, _set_severity, _set_segment, _set_start, _set_end, _set_text, _set_message,
 _set_suggestions, _set_safe) = slot_setters(Finding)
