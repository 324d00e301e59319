"""Termbases: preferred terms with their deprecated variants, from CSV/TSV (and TBX) files."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from checks.context import Context, resource_path
from checks.errors import InputError
from checks.readers.textio import read_text

SPLIT_RE = re.compile(r"\s*[|;]\s*")
HEADER_ALIASES = {
    "source": "source", "zh": "source", "src": "source",
    "preferred": "preferred", "target": "preferred", "term": "preferred", "en": "preferred",
    "deprecated": "deprecated", "forbidden": "deprecated", "variants": "deprecated", "avoid": "deprecated",
    "note": "note", "notes": "note", "comment": "note",
}


@dataclass(frozen=True, slots=True)
class TermEntry:
    """One concept: its source term(s), the preferred target term and forms to avoid."""

    source: tuple[str, ...]
    preferred: str
    deprecated: tuple[str, ...]
    note: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Termbase:
    """All termbase entries of a run, with lookups by target form."""

    entries: tuple[TermEntry, ...]

    def by_deprecated(self) -> dict[str, TermEntry]:
        """Lower-cased deprecated form -> its entry (later files override earlier ones)."""
        table: dict[str, TermEntry] = {}
        for entry in self.entries:
            for form in entry.deprecated:
                table[form.lower()] = entry
        return table

    def by_preferred(self) -> dict[str, TermEntry]:
        """Lower-cased preferred form -> its entry."""
        return {entry.preferred.lower(): entry for entry in self.entries}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in SPLIT_RE.split(cell.strip()) if part)


def read_delimited(path: Path) -> list[TermEntry]:
    """Read a CSV or TSV termbase with a header row (see docs/termbases.md)."""
    text = read_text(path).text
    delimiter = "\t" if path.suffix.lower() == ".tsv" or ("\t" in text.split("\n", 1)[0]) else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, "empty termbase (expected a header row such as source,preferred,deprecated,note)") from None
    columns = [HEADER_ALIASES.get(h.strip().lower()) for h in header]
    if "preferred" not in columns:
        raise InputError(path, f"header {header!r} has no 'preferred' (or 'target'/'term') column", 1)
    entries: list[TermEntry] = []
    for row in reader:
        line = reader.line_num
        if not row or not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) > len(columns):
            raise InputError(path, f"{len(row)} cells but the header has {len(columns)}", line)
        values = {col: cell for col, cell in zip(columns, row, strict=False) if col}
        preferred = values.get("preferred", "").strip()
        if not preferred:
            raise InputError(path, "row has no preferred term", line)
        deprecated = _split(values.get("deprecated", ""))
        clash = [d for d in deprecated if d.lower() == preferred.lower()]
        if clash:
            raise InputError(path, f"'{preferred}' is both preferred and deprecated", line)
        entries.append(
            TermEntry(
                source=_split(values.get("source", "")),
                preferred=preferred,
                deprecated=deprecated,
                note=values.get("note", "").strip(),
                origin=f"{path.name}:{line}",
            )
        )
    return entries


def read_termbase_file(path: Path) -> list[TermEntry]:
    """Read a termbase in any supported format (by extension: .csv, .tsv, .tbx)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(path, "termbase not found" if not path.exists() else "termbase is not a file")
    if suffix in {".csv", ".tsv", ".txt"}:
        return read_delimited(path)
    if suffix in {".tbx", ".xml"}:
        from checks.tbx import read_tbx

        return read_tbx(path)
    raise InputError(path, f"unknown termbase format {suffix or '(no extension)'}; use .csv, .tsv or .tbx")


def shipped_termbases() -> list[Path]:
    """Termbases shipped in resources/termbases."""
    folder = resource_path("termbases")
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in {".csv", ".tsv", ".tbx"}) if folder.is_dir() else []


def build_termbase(paths: Iterable[Path]) -> Termbase:
    """A termbase from several files, in order (later entries win on conflicts)."""
    entries: list[TermEntry] = []
    for path in paths:
        entries.extend(read_termbase_file(path))
    return Termbase(tuple(entries))


def load(ctx: Context) -> Termbase:
    """The run's termbase: shipped files plus the user's (cached per run)."""
    return ctx.resources.get("termbase", lambda cfg: build_termbase([*shipped_termbases(), *cfg.termbases]))


def iter_forms(termbase: Termbase) -> Iterator[tuple[str, TermEntry, bool]]:
    """(form, entry, is_preferred) for every target form in *termbase*."""
    for entry in termbase.entries:
        yield entry.preferred, entry, True
        for form in entry.deprecated:
            yield form, entry, False
