"""Two-column CSV/TSV bilingual files (source, target; optional id/note header), spliced back byte-exactly."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from checks.errors import InputError
from checks.model import Document, Segment
from checks.readers.textio import DecodedText, read_text, write_like_input

HEADER = {
    "source": "source", "src": "source", "original": "source", "zh": "source", "zh-cn": "source", "chinese": "source",
    "target": "target", "tgt": "target", "translation": "target", "en": "target", "english": "target", "mt": "target",
    "id": "id", "key": "id", "segment": "id", "seg": "id", "no": "id", "#": "id",
    "note": "note", "notes": "note", "comment": "note", "comments": "note",
}
LANG_COLUMNS = {"zh": "zh", "zh-cn": "zh-CN", "chinese": "zh", "en": "en", "english": "en"}


@dataclass(frozen=True, slots=True)
class Cell:
    """One field: its value and where its raw text (quotes included) sits in the file text."""

    value: str
    start: int
    end: int
    quoted: bool


def split_rows(text: str, delimiter: str, path: Path) -> list[list[Cell]]:
    """RFC 4180 rows of *text* with the exact span of every field."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    i, n = 0, len(text)
    while i < n or row:
        start = i
        if i < n and text[i] == '"':
            j = i + 1
            chars: list[str] = []
            while True:
                k = text.find('"', j)
                if k < 0:
                    line = text.count("\n", 0, start) + 1
                    raise InputError(path, "unterminated quoted field", line, start - text.rfind("\n", 0, start))
                chars.append(text[j:k])
                if k + 1 < n and text[k + 1] == '"':
                    chars.append('"')
                    j = k + 2
                    continue
                i = k + 1
                break
            row.append(Cell("".join(chars), start, i, True))
        else:
            while i < n and text[i] not in (delimiter, "\n"):
                i += 1
            row.append(Cell(text[start:i], start, i, False))
        if i < n and text[i] == delimiter:
            i += 1
            continue
        if i < n and text[i] != "\n":
            line = text.count("\n", 0, i) + 1
            raise InputError(path, "text after a closing quote", line, i - text.rfind("\n", 0, i))
        rows.append(row)
        row = []
        i += 1
        if i >= n:
            break
    return [r for r in rows if any(c.value.strip() for c in r)]


def quote(value: str, delimiter: str, always: bool) -> str:
    """*value* as a field: quoted when it must be (or when the original field was)."""
    if always or any(ch in value for ch in (delimiter, '"', "\n", "\r")) or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


def _columns(first: list[Cell]) -> tuple[dict[str, int], bool, str | None, str | None]:
    names = [c.value.strip().lower() for c in first]
    mapped = {HEADER[n]: i for i, n in reversed(list(enumerate(names))) if n in HEADER}
    if "target" in mapped or ("source" in mapped and len(mapped) >= 2):
        if "target" not in mapped:
            # The first unnamed column; with none left (a header of "id,source"), rows have no
            # target column yet and get an empty target at their end.
            mapped["target"] = next((i for i in range(len(names)) if i not in mapped.values()), len(names))
        src = LANG_COLUMNS.get(names[mapped["source"]]) if "source" in mapped else None
        tgt = LANG_COLUMNS.get(names[mapped["target"]]) if mapped["target"] < len(names) else None
        return mapped, True, src, tgt
    return {"source": 0, "target": 1}, False, None, None


_ID = re.compile(r"[A-Za-z0-9_.:#/-]{1,40}")


def _headerless(rows: list[list[Cell]]) -> dict[str, int]:
    """Columns of a file without header: (id,) source, target; an id column looks like an id in every row."""
    firsts = [r[0].value.strip() for r in rows]
    ids = all(len(r) >= 3 for r in rows) and all(_ID.fullmatch(v) for v in firsts) and len(set(firsts)) == len(firsts)
    if ids and not all(_ID.fullmatch(r[1].value.strip()) for r in rows):
        return {"id": 0, "source": 1, "target": 2}
    return {"source": 0, "target": 1}


def read(path: Path) -> Document:
    """Read a CSV (comma or semicolon) or TSV file with source and target columns."""
    decoded = read_text(path)
    text = decoded.text
    is_tsv = path.suffix.lower() in {".tsv", ".tab"}
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if is_tsv else (";" if first_line.count(";") > first_line.count(",") else ",")
    rows = split_rows(text, delimiter, path)
    if not rows:
        # An empty file is an empty document; it must still carry what write() needs.
        meta = MappingProxyType({"decoded": decoded, "cells": MappingProxyType({}), "delimiter": delimiter})
        return Document(str(path), (), "tsv" if is_tsv else "csv", meta=meta)
    columns, has_header, src_lang, tgt_lang = _columns(rows[0])
    body = rows[1:] if has_header else rows
    if not has_header:
        columns = _headerless(rows)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    segments: list[Segment] = []
    cells: dict[str, Cell] = {}
    seen: set[str] = set()
    for index, row in enumerate(body, start=1):
        def get(name: str, row: list[Cell] = row) -> Cell | None:
            col = columns.get(name)
            return row[col] if col is not None and col < len(row) else None

        target, source, id_cell, note = get("target"), get("source"), get("id"), get("note")
        seg_id = id_cell.value.strip() if id_cell is not None and id_cell.value.strip() else str(index)
        if seg_id in seen:
            seg_id = f"{seg_id}#{index}"
        seen.add(seg_id)
        if target is None:
            # A row without a target column: an empty target at the end of the row.
            end = row[-1].end
            target = Cell("", end, end, False)
        content = target.start + (1 if target.quoted else 0)
        # Bisecting precomputed line starts: counting newlines from the top for every row made
        # reading quadratic (a 20 MB CSV took over ten minutes).
        line = bisect_right(line_starts, content)
        column = content - line_starts[line - 1] + 1
        segments.append(Segment(
            id=seg_id, target=target.value, source=source.value if source is not None else None, line=line,
            column=column, origin=f"line {line}", note=note.value if note is not None else "",
        ))
        cells[seg_id] = target
    meta = MappingProxyType({
        "decoded": decoded, "cells": MappingProxyType(cells), "delimiter": delimiter,
    })
    return Document(str(path), tuple(segments), "tsv" if is_tsv else "csv", source_lang=src_lang,
                    target_lang=tgt_lang or "en", meta=meta)


def corrected_text(doc: Document, targets: Mapping[str, str]) -> str:
    """The file text with changed target fields replaced and all other bytes untouched."""
    decoded = doc.meta["decoded"]
    cells = doc.meta["cells"]
    delimiter = doc.meta["delimiter"]
    assert isinstance(decoded, DecodedText) and isinstance(cells, Mapping) and isinstance(delimiter, str)
    text = decoded.text
    current = {seg.id: seg.target for seg in doc.segments}
    edits: list[tuple[int, int, str]] = []
    for seg_id, value in targets.items():
        if seg_id not in current or current[seg_id] == value:
            continue
        cell = cells[seg_id]
        if delimiter == "\t" and not cell.quoted and not any(ch in value for ch in '\t\n"'):
            new = value  # TSV files are rarely quoted: keep a bare field bare.
        else:
            new = quote(value, delimiter, cell.quoted)
        if cell.start == cell.end and cell.start > 0 and text[cell.start - 1] != delimiter and not cell.quoted:
            new = delimiter + new  # the row had no target column yet
        edits.append((cell.start, cell.end, new))
    out: list[str] = []
    pos = 0
    for start, end, new in sorted(edits):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def write(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write the CSV/TSV file in its original encoding and line endings."""
    write_like_input(doc, corrected_text(doc, targets), out)
