"""Word DOCX files (python-docx): one segment per paragraph, fixes written into the existing runs."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from checks.errors import InputError
from checks.model import Document, Segment
from checks.readers.pieces import Piece, apply_text, joined
from checks.readers.textio import MAX_INPUT_ENV, atomic_write, max_input_bytes, megabytes, read_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_T, _R, _P = f"{{{W}}}t", f"{{{W}}}r", f"{{{W}}}p"
# Runs inside these are not part of the visible text (deleted revisions) or are duplicates
# (text boxes appear twice, in mc:Choice and mc:Fallback).
_SKIP = {f"{{{W}}}del", f"{{{W}}}moveFrom", f"{{{W}}}txbxContent", f"{{{W}}}instrText"}
_FIXED = {f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n", f"{{{W}}}noBreakHyphen": "-"}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


# A real DOCX part compresses about 5-20 times; a part over 1 MB that compresses more than
# MAX_RATIO times is a zip bomb. The declared sizes also bound what zipfile will inflate.
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024
MAX_ENTRIES = 10_000


def check_archive(data: bytes, path: Path) -> None:
    """Refuse zip bombs and hostile entry names from the zip directory, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise InputError(path, f"not a readable DOCX file (not a zip archive: {exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(path, f"archive has {len(infos)} entries; refused (a DOCX has a few dozen)")
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise InputError(path, f"archive entry {name!r} points outside the archive (path traversal); refused")
        total += info.file_size
        if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                path, f"archive entry {name!r} would expand {info.file_size // max(info.compress_size, 1)} times "
                f"to {info.file_size // (1024 * 1024)} MB (zip bomb); refused",
            )
    limit = max_input_bytes()
    if total > limit:
        raise InputError(
            path, f"archive unpacks to {megabytes(total)} MB, over the {megabytes(limit)} MB input limit "
            f"(set {MAX_INPUT_ENV} to raise it)",
        )


def _open(data: bytes, path: Path) -> object:
    import docx  # python-docx; imported lazily because most runs never see a DOCX file
    from docx.opc.exceptions import OpcError

    check_archive(data, path)
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, etree.XMLSyntaxError) as exc:
        raise InputError(path, f"not a readable DOCX file: {exc}") from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as exc:
        # A damaged deflate stream, an unsupported compression method or an encrypted entry.
        raise InputError(path, f"damaged or unsupported DOCX archive: {exc}") from None


def _paragraphs(document: object) -> Iterator[tuple[etree._Element, bool]]:
    """Every paragraph of the body in reading order, with whether it sits in a table."""
    body = document.element.body  # type: ignore[attr-defined]
    for p in body.iter(_P):
        ancestors = {a.tag for a in p.iterancestors()}
        if ancestors & _SKIP:
            continue
        yield p, f"{{{W}}}tc" in ancestors


def _pieces(paragraph: etree._Element) -> tuple[list[Piece], list[etree._Element | None]]:
    pieces: list[Piece] = []
    slots: list[etree._Element | None] = []
    for run in paragraph.iter(_R):
        if any(a.tag in _SKIP for a in run.iterancestors()):
            continue
        for child in run:
            if child.tag == _T:
                pieces.append(Piece(child.text or ""))
                slots.append(child)
            elif child.tag in _FIXED:
                pieces.append(Piece(_FIXED[child.tag], False, etree.QName(child).localname))
                slots.append(None)
    return pieces, slots


def paragraph_texts(data: bytes, path: Path) -> list[tuple[str, str, str]]:
    """(id, text, origin) of every paragraph, empty ones included so that ids stay stable."""
    out: list[tuple[str, str, str]] = []
    for index, (p, in_table) in enumerate(_paragraphs(_open(data, path)), start=1):
        text = joined(_pieces(p)[0])
        out.append((str(index), text, f"{'table cell ' if in_table else ''}paragraph {index}"))
    return out


def read(path: Path) -> Document:
    """Read a DOCX file: targets only (a source comes from a second file, see read_pair)."""
    data = read_bytes(path)
    segments = tuple(
        Segment(id=pid, target=text, origin=origin) for pid, text, origin in paragraph_texts(data, path) if text.strip()
    )
    return Document(str(path), segments, "docx", meta=MappingProxyType({"data": data}))


def corrected_bytes(data: bytes, path: Path, paragraphs: Mapping[str, str]) -> bytes:
    """The DOCX with paragraph id -> new text applied by minimal changes to the runs' text."""
    if not paragraphs:
        return data
    document = _open(data, path)
    for index, (p, _) in enumerate(_paragraphs(document), start=1):
        new = paragraphs.get(str(index))
        if new is None:
            continue
        pieces, slots = _pieces(p)
        if not any(s is not None for s in slots):
            run = etree.SubElement(p, _R)
            slots.append(etree.SubElement(run, _T))
            pieces.append(Piece(""))
        # A fix that would delete a tab or line break leaves it in place: the text still changes.
        apply_text(pieces, new)
        for piece, slot in zip(pieces, slots, strict=True):
            if slot is None or (slot.text or "") == piece.text:
                continue
            slot.text = piece.text
            if piece.text != piece.text.strip():
                slot.set(XML_SPACE, "preserve")
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def write(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write the corrected DOCX; styles and run formatting are kept, unchanged files copied as is."""
    data = doc.meta["data"]
    assert isinstance(data, bytes)
    current = {seg.id: seg.target for seg in doc.segments}
    changes = {k: v for k, v in targets.items() if k in current and current[k] != v}
    atomic_write(out, corrected_bytes(data, Path(doc.path), changes))
