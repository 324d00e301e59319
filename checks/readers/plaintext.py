"""Plain-text and Markdown articles: one segment per paragraph, written back by splicing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from checks.model import Document, Segment
from checks.readers.textio import DecodedText, read_text, write_like_input

# Lines at most this long, in a file that separates blocks by blank lines, are taken to be
# hard-wrapped prose: such a block is one paragraph. Otherwise every line is a paragraph, which
# is how articles copied from news portals (one long line per paragraph) arrive.
WRAP_WIDTH = 100


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without newline) of every line."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def paragraphs(text: str) -> list[tuple[int, int, int]]:
    """(first line number, start offset, end offset) of each paragraph of *text*."""
    lines = _lines(text)
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, (_, line) in enumerate(lines):
        if line.strip():
            current.append(i)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    wrapped = len(blocks) > 1 and all(len(line) <= WRAP_WIDTH for _, line in lines)
    groups = blocks if wrapped else [[i] for block in blocks for i in block]
    result: list[tuple[int, int, int]] = []
    for group in groups:
        first, last = group[0], group[-1]
        start = lines[first][0]
        end = lines[last][0] + len(lines[last][1])
        result.append((first + 1, start, end))
    return result


def document_from_text(path: str, decoded: DecodedText, fmt: str = "text") -> Document:
    """Build the Document of an already decoded text."""
    text = decoded.text
    segments = tuple(
        Segment(id=str(line), target=text[start:end], line=line, column=1, offset=start, origin=f"line {line}")
        for line, start, end in paragraphs(text)
    )
    meta = MappingProxyType({"decoded": decoded})
    return Document(path=path, segments=segments, format=fmt, meta=meta)


def read(path: Path) -> Document:
    """Read a plain-text or Markdown file."""
    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    return document_from_text(str(path), read_text(path), fmt)


def corrected_text(doc: Document, targets: Mapping[str, str]) -> str:
    """The file text with new targets spliced in; a paragraph emptied by a fix loses its line."""
    decoded = doc.meta["decoded"]
    assert isinstance(decoded, DecodedText)
    text = decoded.text
    pieces: list[str] = []
    pos = 0
    for seg in doc.segments:
        if seg.id not in targets or seg.offset is None:
            continue
        start, end = seg.offset, seg.offset + len(seg.target)
        new = targets[seg.id]
        if not new.strip():
            # Remove the whole line with one adjacent newline, so no blank line is left behind.
            if end < len(text) and text[end] == "\n":
                end += 1
            elif start > pos and text[start - 1] == "\n":
                start -= 1
            new = ""
        pieces.append(text[pos:start])
        pieces.append(new)
        pos = end
    pieces.append(text[pos:])
    result = "".join(pieces)
    # Deleting the last paragraphs must not leave a final newline the file did not have.
    if not text.endswith("\n") and result.endswith("\n"):
        result = result.rstrip("\n")
    return result


def write(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write the corrected text to *out* in the input's encoding and line endings."""
    write_like_input(doc, corrected_text(doc, targets), out)
