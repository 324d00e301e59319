"""Minimal edits of text split into pieces (XML text nodes, DOCX runs) that keep tags and runs in place."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(slots=True)
class Piece:
    """One stretch of a segment's text: an editable text slot or a fixed code (inline tag, tab)."""

    text: str
    editable: bool = True
    label: str = ""


def joined(pieces: list[Piece]) -> str:
    """The text a checker sees: the concatenation of all pieces."""
    return "".join(p.text for p in pieces)


def _opcodes(old: str, new: str) -> list[tuple[int, int, str]]:
    """Non-overlapping replacements (start, end, replacement) in *old* that turn it into *new*."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    a, b = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    # Several fixes in one segment stay separate edits, so the text between them (and its runs
    # or tags) is not rewritten; a single changed stretch needs no matcher at all.
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        (prefix + i1, prefix + i2, b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def apply_text(pieces: list[Piece], new: str) -> bool:
    """Change the editable pieces in place so that they join to *new*; False if impossible.

    Fixed pieces are never touched: text replaced around or across a tag goes into the
    neighbouring editable slots, so tags survive every edit. An insertion at a boundary
    extends the preceding slot (how a word processor extends the run before the cursor).
    """
    old = joined(pieces)
    if old == new:
        return True
    starts: list[int] = []
    pos = 0
    for piece in pieces:
        starts.append(pos)
        pos += len(piece.text)
    originals = [p.text for p in pieces]
    if not any(p.editable for p in pieces):
        return False
    if _apply_diff(pieces, starts, originals, old, new):
        return True
    # The character diff may move a fixed piece's text ("a <x/> b" -> "a b <x/>" matched as the tag
    # inserted earlier and deleted later), which fixed pieces cannot follow. Anchor on them instead:
    # where *new* holds every fixed text in order, each run of slots between two fixed pieces gets
    # the text between them.
    for piece, text in zip(pieces, originals, strict=True):
        piece.text = text
    if _apply_anchored(pieces, new):
        return True
    for piece, text in zip(pieces, originals, strict=True):
        piece.text = text
    # Not reachable with the fixed pieces in place (a fix deleted one): the closest the diff gets.
    _apply_diff(pieces, starts, originals, old, new)
    return False


def _apply_anchored(pieces: list[Piece], new: str) -> bool:
    runs: list[list[Piece]] = [[]]
    fixed: list[str] = []
    for piece in pieces:
        if piece.editable:
            runs[-1].append(piece)
        else:
            fixed.append(piece.text)
            runs.append([])
    gaps: list[str] = []
    cursor = 0
    for text in fixed:
        at = new.find(text, cursor)
        if at < 0:
            return False
        gaps.append(new[cursor:at])
        cursor = at + len(text)
    gaps.append(new[cursor:])
    for run, gap in zip(runs, gaps, strict=True):
        if not run:
            if gap:
                return False
            continue
        # A run holds only editable slots, so the diff can always reach its text.
        if not apply_text(run, gap):
            return False
    return joined(pieces) == new


def _apply_diff(pieces: list[Piece], starts: list[int], originals: list[str], old: str, new: str) -> bool:
    edits = [sub for i1, i2, repl in _opcodes(old, new) for sub in _around_fixed(pieces, starts, i1, i2, repl)]
    for i1, i2, repl in reversed(edits):
        if i1 == i2 and not repl:
            continue
        host = _host(pieces, starts, originals, i1, i2)
        if host is None:
            return False
        # Delete the old characters from every editable piece they overlap.
        for k, piece in enumerate(pieces):
            if not piece.editable:
                continue
            s, e = starts[k], starts[k] + len(originals[k])
            lo, hi = max(s, i1), min(e, i2)
            if lo < hi:
                piece.text = piece.text[: lo - s] + piece.text[hi - s :]
        s = starts[host]
        at = min(max(i1 - s, 0), len(originals[host]))
        pieces[host].text = pieces[host].text[:at] + repl + pieces[host].text[at:]
    return joined(pieces) == new


def _around_fixed(pieces: list[Piece], starts: list[int], i1: int, i2: int, repl: str) -> list[tuple[int, int, str]]:
    """Split edit [i1, i2) -> *repl* at the fixed pieces it covers whose text *repl* still contains.

    Without this, a replacement spanning a placeholder would put a second copy of the
    placeholder character into a text slot next to the untouched placeholder itself.
    """
    out: list[tuple[int, int, str]] = []
    start, rest = i1, repl
    for k, piece in enumerate(pieces):
        if piece.editable or not piece.text:
            continue
        s, e = starts[k], starts[k] + len(piece.text)
        if s >= i1 and e <= i2:
            at = rest.find(piece.text)
            if at < 0:
                continue  # the fix drops it; fixed pieces stay anyway
            out.append((start, s, rest[:at]))
            rest = rest[at + len(piece.text) :]
            start = e
    out.append((start, i2, rest))
    return out


def _host(pieces: list[Piece], starts: list[int], originals: list[str], i1: int, i2: int) -> int | None:
    """Index of the editable piece that receives the replacement text of edit [i1, i2)."""
    candidates = [k for k, p in enumerate(pieces) if p.editable]
    # The piece holding the first replaced character, or for an insertion the piece ending there.
    for k in candidates:
        s, e = starts[k], starts[k] + len(originals[k])
        if (s <= i1 < e and i1 < i2) or (i1 == i2 and s < i1 <= e):
            return k
    for k in candidates:
        s, e = starts[k], starts[k] + len(originals[k])
        if s <= i1 <= e:
            return k
    # The edit starts on a fixed piece: use the nearest editable slot before it, else after it.
    before = [k for k in candidates if starts[k] + len(originals[k]) <= i1]
    if before:
        return before[-1]
    after = [k for k in candidates if starts[k] >= i1]
    return after[0] if after else None
