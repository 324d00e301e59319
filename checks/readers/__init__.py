"""Readers and writers: turn a file into a Document and write corrected targets back."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path

from checks.errors import InputError
from checks.model import Document
from checks.readers.textio import check_memory, check_readable

Reader = Callable[[Path], Document]
Writer = Callable[[Document, Mapping[str, str], Path], None]


def _reader(module: str) -> Reader:
    """The ``read`` of ``checks.readers.<module>``, imported when first called.

    Each reader module loads what its format needs (lxml, python-docx, regexes compiled at import);
    a run reads one or two formats, and the CLI forks its reader child before loading the rest.
    """

    def read(path: Path) -> Document:
        return importlib.import_module(f"checks.readers.{module}").read(path)  # type: ignore[no-any-return]

    read.__qualname__ = read.__name__ = f"{module}.read"
    return read


def _writer(module: str) -> Writer:
    """The ``write`` of ``checks.readers.<module>``, imported when first called."""

    def write(doc: Document, targets: Mapping[str, str], out: Path) -> None:
        importlib.import_module(f"checks.readers.{module}").write(doc, targets, out)

    write.__qualname__ = write.__name__ = f"{module}.write"
    return write


def _io(fmt: str, module: str) -> tuple[str, Reader, Writer]:
    return fmt, _reader(module), _writer(module)


# Extension -> (format name, reader, writer). Bilingual formats register here too.
FORMATS: dict[str, tuple[str, Reader, Writer]] = {
    ".txt": _io("text", "plaintext"),
    ".text": _io("text", "plaintext"),
    ".md": _io("markdown", "plaintext"),
    ".markdown": _io("markdown", "plaintext"),
    ".xlf": _io("xliff", "xmlformats"),
    ".xliff": _io("xliff", "xmlformats"),
    ".sdlxliff": _io("xliff", "xmlformats"),
    ".mqxliff": _io("xliff", "xmlformats"),
    ".tmx": _io("tmx", "xmlformats"),
    ".ts": _io("ts", "xmlformats"),
    ".po": _io("po", "po"),
    ".pot": _io("po", "po"),
    ".csv": _io("csv", "tabular"),
    ".tsv": _io("tsv", "tabular"),
    ".tab": _io("tsv", "tabular"),
    ".docx": _io("docx", "word"),
}
_PLAIN = _io("text", "plaintext")


def _lookup(path: Path) -> tuple[str, Reader, Writer]:
    # Unknown extensions are read as plain text: articles arrive as .txt, .text, no suffix, ...
    return FORMATS.get(path.suffix.lower(), _PLAIN)


def format_of(path: Path) -> str:
    """The format *path* is read as ("po", "xliff", "text", ...), from its extension."""
    return _lookup(path)[0]


# Peak memory per byte of input while reading (measured on 18-20 MB files, rounded up).
MEMORY_FACTOR = {"xliff": 25, "tmx": 25, "ts": 25}
DEFAULT_MEMORY_FACTOR = 12


def read_document(path: Path) -> Document:
    """Read *path* into a Document, raising InputError with a clear message on bad input."""
    size = check_readable(path)
    fmt, reader, _ = _lookup(path)
    check_memory(path, size, MEMORY_FACTOR.get(fmt, DEFAULT_MEMORY_FACTOR))
    return reader(path)


def read_pair(target_path: Path, source_path: Path) -> Document:
    """Align a monolingual target file (text, Markdown or DOCX) with its source file, sentence by sentence.

    The segments carry source and target; their target offsets point into the target file, so
    write_document writes fixes back into it.
    """
    from checks.align import read_pair as align_pair  # lazy: align imports this package

    for path, side in ((target_path, "target"), (source_path, "source")):
        size = check_readable(path)
        fmt = _lookup(path)[0]
        check_memory(path, size, MEMORY_FACTOR.get(fmt, DEFAULT_MEMORY_FACTOR))
        if fmt not in MONOLINGUAL:
            raise InputError(path, f"a {fmt} file cannot be the {side} of --source: it is bilingual already "
                             "(check it without --source); pair text, Markdown or DOCX files")
    doc = align_pair(target_path, source_path)
    _check_correspondence(doc, target_path, source_path)
    return doc


MONOLINGUAL = frozenset({"text", "markdown", "docx"})
# English characters per source character in a translation: about 3 for Chinese, 1 for
# alphabetic languages. A pair far outside these bounds is not a document and its translation.
RATIO_BOUNDS = {"zh": (0.3, 20.0), "other": (0.125, 8.0)}
MIN_CHARS = 200  # below this, short texts vary too much for a length test


def _check_correspondence(doc: Document, target_path: Path, source_path: Path) -> None:
    """Refuse a --source with no text, or one whose length cannot be that of the target's original."""
    source = sum(len("".join((seg.source or "").split())) for seg in doc.segments)
    target = sum(len("".join(seg.target.split())) for seg in doc.segments)
    if source == 0:
        raise InputError(source_path, "the source file has no text to align with the target")
    if target == 0:
        raise InputError(target_path, "the target file has no text to align with the source")
    low, high = RATIO_BOUNDS["zh" if doc.source_lang == "zh" else "other"]
    ratio = target / source
    if max(source, target) >= MIN_CHARS and not low <= ratio <= high:
        raise InputError(
            source_path, f"has {source:,} characters for {target:,} in {target_path.name}: "
            "this does not look like the original of that target (wrong --source file?)",
        )


def write_document(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write *doc* to *out* in its own format with *targets* (segment id -> new target) applied."""
    if doc.meta.get("aligned"):
        from checks.align import write as write_aligned

        write_aligned(doc, targets, out)
        return
    _lookup(Path(doc.path))[2](doc, targets, out)
