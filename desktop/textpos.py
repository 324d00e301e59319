"""Code-point <-> UTF-16 offset conversion: engine spans are code points, Qt cursors are UTF-16."""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Converts offsets of one text between code points and UTF-16 code units.

    Characters outside the Basic Multilingual Plane (emoji, rare CJK) take two UTF-16 units,
    so every offset after one shifts by one. Texts without them (the usual case) convert for free.
    """

    __slots__ = ("_astral", "_astral_u16")

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character (its high surrogate).
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral)]

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset *cp*."""
        return cp + bisect.bisect_left(self._astral, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset *u16* (a position inside a surrogate pair rounds down)."""
        # Astral characters starting before u16; one that starts at u16 - 1 is split by it,
        # and subtracting it too snaps to that character's start.
        return u16 - bisect.bisect_left(self._astral_u16, u16)


def utf16_len(text: str) -> int:
    """Length of *text* in UTF-16 code units (what Qt counts)."""
    return len(text) + len(_ASTRAL.findall(text))


class SpanTracker:
    """Keeps spans (UTF-16 start/end) valid while the text they point into is edited.

    Fed with every change of the document (position, chars removed, chars added), as Qt
    reports it in ``QTextDocument.contentsChange``. Unlike a QTextCursor selection, a span
    does not swallow text typed right after its end, and an empty span (an insertion point)
    moves with text inserted at its position.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def __len__(self) -> int:
        return len(self._starts)

    def add(self, start: int, end: int) -> int:
        """Track a new span; returns its index."""
        self._starts.append(start)
        self._ends.append(end)
        return len(self._starts) - 1

    def span(self, index: int) -> tuple[int, int]:
        """Current (start, end) of span *index*."""
        return self._starts[index], self._ends[index]

    def set(self, index: int, start: int, end: int) -> None:
        """Move span *index* (after the caller replaced its text itself)."""
        self._starts[index] = start
        self._ends[index] = end

    def clear(self) -> None:
        """Forget every span."""
        self._starts.clear()
        self._ends.clear()

    def change(self, pos: int, removed: int, added: int) -> None:
        """Shift all spans for *removed* units replaced by *added* units at *pos*."""
        delta = added - removed
        stop = pos + removed
        starts, ends = self._starts, self._ends
        for i in range(len(starts)):
            s, e = starts[i], ends[i]
            empty = s == e
            if s >= stop:
                s += delta
            elif s > pos:
                s = pos
            if empty:
                e = s
            elif e <= pos:
                pass
            elif e >= stop:
                e += delta
            else:
                e = pos + added
            starts[i], ends[i] = s, max(s, e)

    def snapshot(self) -> tuple[list[int], list[int]]:
        """A copy of all spans (restored when undo/redo returns to this document state)."""
        return list(self._starts), list(self._ends)

    def restore(self, snap: tuple[list[int], list[int]]) -> None:
        """Put back a snapshot; spans added since keep their current place."""
        starts, ends = snap
        n = len(starts)
        self._starts[:n] = starts
        self._ends[:n] = ends

    def apply_edits(self, edits: list[tuple[int, int, int]]) -> None:
        """Shift all spans for several non-overlapping edits (start, end, added) of the same text.

        Equivalent to calling :meth:`change` for each edit from right to left, in
        O((spans + edits) log edits) instead of O(spans * edits).
        """
        if not edits:
            return
        edits = sorted(edits)
        starts_of = [s for s, _, _ in edits]
        # Shift before edit i = sum of (added - removed) of edits 0..i-1.
        shift = [0]
        for s, e, added in edits:
            shift.append(shift[-1] + added - (e - s))

        def move(x: int, is_end: bool, empty: bool) -> int:
            # Index of the last edit starting at or before x (for an end: strictly before,
            # so text inserted right after a span stays outside it).
            i = (bisect.bisect_left if is_end and not empty else bisect.bisect_right)(starts_of, x) - 1
            if i < 0:
                return x
            s, e, added = edits[i]
            if x >= e and not (x == s and is_end and not empty):
                return x + shift[i + 1]
            # Inside the replaced text: a start goes to the edit's start, an end to its end.
            return s + shift[i] + (added if is_end else 0)

        for k in range(len(self._starts)):
            s, e = self._starts[k], self._ends[k]
            empty = s == e
            ns = move(s, False, empty)
            ne = ns if empty else move(e, True, False)
            self._starts[k], self._ends[k] = ns, max(ns, ne)
