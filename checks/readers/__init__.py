"""Readers and writers: turn a file into a Document and write corrected targets back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from checks.errors import InputError
from checks.model import Document
from checks.readers import plaintext

Reader = Callable[[Path], Document]
Writer = Callable[[Document, Mapping[str, str], Path], None]

# Extension -> (format name, reader, writer). Bilingual formats register here too.
FORMATS: dict[str, tuple[str, Reader, Writer]] = {
    ".txt": ("text", plaintext.read, plaintext.write),
    ".text": ("text", plaintext.read, plaintext.write),
    ".md": ("markdown", plaintext.read, plaintext.write),
    ".markdown": ("markdown", plaintext.read, plaintext.write),
}


def _lookup(path: Path) -> tuple[str, Reader, Writer]:
    # Unknown extensions are read as plain text: articles arrive as .txt, .text, no suffix, ...
    return FORMATS.get(path.suffix.lower(), ("text", plaintext.read, plaintext.write))


def read_document(path: Path) -> Document:
    """Read *path* into a Document, raising InputError with a clear message on bad input."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    return _lookup(path)[1](path)


def write_document(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write *doc* to *out* in its own format with *targets* (segment id -> new target) applied."""
    _lookup(Path(doc.path))[2](doc, targets, out)
