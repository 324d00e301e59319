"""XLIFF 1.2/2.x, TMX and Qt TS: units enumerated by translate-toolkit, targets rewritten in the lxml tree."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from checks.errors import InputError
from checks.model import Document, Segment
from checks.readers.pieces import Piece, apply_text, joined
from checks.readers.textio import atomic_write, read_bytes

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Inline elements whose content is translatable text (paired tags); every other inline element
# is a code (placeholder, bpt/ept, x, ph, sc/ec, ...) whose content is not shown to the checks.
CONTAINERS = frozenset({"g", "mrk", "pc", "hi"})
# Standalone placeholders stand for something in the running text (a variable, an image, a
# character): they appear as OBJECT REPLACEMENT CHARACTER, so that "of <ph/> people" does not
# read as "of  people" (a double space a checker would "fix"). Paired-tag codes (bpt/ept, bx/ex,
# sc/ec, it) and markers only mark formatting boundaries and take no room in the text.
PLACEHOLDER = "\ufffc"
STANDALONE = frozenset({"x", "ph", "cp", "ut"})

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a piece of text lives: ``element.text`` or ``element.tail``."""

    element: etree._Element
    attr: str


def flatten(element: etree._Element) -> tuple[list[Piece], list[Slot | None]]:
    """Pieces of *element*'s content: text slots are editable, inline codes fixed and empty."""
    pieces: list[Piece] = [Piece(element.text or "")]
    slots: list[Slot | None] = [Slot(element, "text")]
    for child in element:
        name = _local(child.tag)
        if name in CONTAINERS:
            inner, inner_slots = flatten(child)
            pieces.append(Piece("", False, f"<{name}>"))
            slots.append(None)
            pieces.extend(inner)
            slots.extend(inner_slots)
            pieces.append(Piece("", False, f"</{name}>"))
            slots.append(None)
        else:
            # Comments, processing instructions and codes: kept, never shown as text.
            label = f"<{name}/>" if name else "<!--->"
            if name and child.get("id") is not None:
                label = f"<{name} id={child.get('id')}/>"
            pieces.append(Piece(PLACEHOLDER if name in STANDALONE else "", False, label))
            slots.append(None)
        pieces.append(Piece(child.tail or ""))
        slots.append(Slot(child, "tail"))
    return pieces, slots


def tag_positions(pieces: list[Piece]) -> tuple[tuple[int, str], ...]:
    """(offset in the flattened text, tag label) of every inline tag."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in pieces:
        if not piece.editable:
            out.append((pos, piece.label))
        pos += len(piece.text)
    return tuple(out)


def set_text(element: etree._Element, new: str) -> None:
    """Replace the text of *element* by *new*, keeping its inline tags where they are.

    A fix that drops a placeholder character still keeps the placeholder element: tags are
    never deleted by a text fix.
    """
    pieces, slots = flatten(element)
    apply_text(pieces, new)
    for piece, slot in zip(pieces, slots, strict=True):
        if slot is not None and (getattr(slot.element, slot.attr) or "") != piece.text:
            setattr(slot.element, slot.attr, piece.text or None)


@dataclass(slots=True)
class UnitRef:
    """One segment of an XML file: its ids, source text and where its target lives."""

    id: str
    origin: str
    source: str | None
    target: etree._Element | None
    create: Callable[[], etree._Element]
    note: str = ""
    line: int | None = None
    source_tags: tuple[tuple[int, str], ...] = ()


# ---------------------------------------------------------------- parsing and serialisation


def _safe_parser() -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network: a hostile file cannot read local files.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, strip_cdata=False, huge_tree=False)


def _declares_entities(data: bytes) -> bool:
    head = data[:65536]
    return b"<!ENTITY" in head or "<!ENTITY".encode("utf-16-le") in head or "<!ENTITY".encode("utf-16-be") in head


def parse_bytes(data: bytes, path: Path) -> etree._ElementTree:
    """Parse *data* safely; malformed XML and entity declarations raise InputError."""
    try:
        root = etree.fromstring(data, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        if _declares_entities(data):
            # libxml2 stops entity bombs itself ("amplification factor exceeded"); say why we refuse.
            raise InputError(path, "the file declares XML entities (<!ENTITY ...>); refused for safety (XXE)") from None
        line, column = exc.position if exc.position else (None, None)
        raise InputError(path, f"malformed XML: {exc.msg}", line or None, column or None) from None
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(path, "the file declares XML entities (<!ENTITY ...>); refused for safety (XXE)")
    return tree


def _decode(data: bytes, encoding: str | None) -> tuple[str, bytes, str]:
    for mark, name in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(name), mark, name
    codec = (encoding or "utf-8").lower()
    return data.decode(codec), b"", codec


_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.S)


def _root_span(text: str, root: etree._Element) -> tuple[int, int]:
    """Start and end offsets of the root element in the document text."""
    pos = 0
    while True:
        m = _PROLOG_ITEM.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    qname = f"{root.prefix}:{etree.QName(root).localname}" if root.prefix else etree.QName(root).localname
    ends = list(re.finditer(rf"</{re.escape(qname)}\s*>", text))
    end = ends[-1].end() if ends else len(text.rstrip())
    return pos, end


def serialize(tree: etree._ElementTree, original: bytes) -> bytes:
    """The modified tree as bytes, with the original prolog, epilog, encoding, BOM and newlines."""
    root = tree.getroot()
    text, bom, codec = _decode(original, tree.docinfo.encoding)
    start, end = _root_span(text, root)
    body = etree.tostring(root, encoding="unicode", with_tail=False)
    newline = "\r\n" if "\r\n" in text[:end] else "\n"
    if newline != "\n":
        body = body.replace("\n", newline)
    out = text[:start] + body + text[end:]
    return bom + out.encode(codec, errors="xmlcharrefreplace")


# ---------------------------------------------------------------- per-format unit enumeration


def _text_of(element: etree._Element | None) -> tuple[str | None, tuple[tuple[int, str], ...]]:
    if element is None:
        return None, ()
    pieces, _ = flatten(element)
    return joined(pieces), tag_positions(pieces)


def _insert_after(anchor: etree._Element, tag: str) -> etree._Element:
    new = etree.Element(tag)
    new.tail = anchor.tail
    anchor.addnext(new)
    return new


def _notes(element: etree._Element, name: str) -> str:
    return " | ".join(" ".join(n.itertext()).strip() for n in element.iter() if _local(n.tag) == name)


def _unique(ids: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out: list[str] = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        out.append(i if seen[i] == 1 else f"{i}#{seen[i]}")
    return out


def _ns(root: etree._Element) -> str:
    # XLIFF 1.0/1.1 and namespace-less files use the 1.2 vocabulary under another (or no) namespace.
    namespace = etree.QName(root).namespace
    return f"{{{namespace}}}" if namespace else ""


def _xliff1_units(store: object, root: etree._Element) -> Iterator[UnitRef]:
    ns = _ns(root)
    for index, unit in enumerate(store.units, start=1):  # type: ignore[attr-defined]
        el = unit.xmlelement
        uid = el.get("id") or str(index)
        source = el.find(f"{ns}source")
        target = el.find(f"{ns}target")
        src_text, src_tags = _text_of(source)
        anchor = el.find(f"{ns}seg-source")
        anchor = anchor if anchor is not None else source

        def create(anchor: etree._Element | None = anchor, el: etree._Element = el) -> etree._Element:
            if anchor is None:
                new = etree.SubElement(el, f"{ns}target")
                return new
            return _insert_after(anchor, f"{ns}target")

        yield UnitRef(
            uid, f"trans-unit {uid} (line {el.sourceline})", src_text, target, create,
            _notes(el, "note"), el.sourceline, src_tags,
        )


def _xliff2_units(store: object, root: etree._Element) -> Iterator[UnitRef]:
    ns = f"{{{XLIFF2_NS}}}"
    for index, unit in enumerate(store.units, start=1):  # type: ignore[attr-defined]
        el = unit.xmlelement  # a <segment>
        parent = el.getparent()
        unit_id = parent.get("id") if parent is not None and parent.get("id") else str(index)
        siblings = [s for s in parent.iterchildren(f"{ns}segment")] if parent is not None else [el]
        uid = unit_id
        if len(siblings) > 1:
            uid = f"{unit_id}/{el.get('id') or siblings.index(el) + 1}"
        source = el.find(f"{ns}source")
        target = el.find(f"{ns}target")
        src_text, src_tags = _text_of(source)

        def create(source: etree._Element | None = source, el: etree._Element = el) -> etree._Element:
            if source is None:
                return etree.SubElement(el, f"{ns}target")
            return _insert_after(source, f"{ns}target")

        note = _notes(parent, "note") if parent is not None else ""
        yield UnitRef(uid, f"unit {uid} (line {el.sourceline})", src_text, target, create, note, el.sourceline, src_tags)


def _lang_match(lang: str | None, wanted: str | None) -> bool:
    if not lang or not wanted:
        return False
    a, b = lang.lower().replace("_", "-"), wanted.lower().replace("_", "-")
    return a == b or a.split("-")[0] == b.split("-")[0]


def _tmx_langs(root: etree._Element) -> tuple[str | None, str | None]:
    header = root.find("header")
    src = header.get("srclang") if header is not None else None
    if src == "*all*":
        src = None
    target = None
    for tuv in root.iter("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang")
        if src is None:
            src = lang
        elif not _lang_match(lang, src):
            target = lang
            break
    return src, target


def _tmx_units(store: object, root: etree._Element) -> Iterator[UnitRef]:
    src_lang, tgt_lang = _tmx_langs(root)
    for index, unit in enumerate(store.units, start=1):  # type: ignore[attr-defined]
        el = unit.xmlelement  # a <tu>
        uid = el.get("tuid") or str(index)
        source = target = None
        last_tuv = None
        for tuv in el.iter("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            last_tuv = tuv
            if _lang_match(lang, src_lang) and source is None:
                source = seg
            elif target is None and (tgt_lang is None or _lang_match(lang, tgt_lang)):
                target = seg
        src_text, src_tags = _text_of(source)

        def create(el: etree._Element = el, last: etree._Element | None = last_tuv) -> etree._Element:
            tuv = etree.Element("tuv")
            tuv.set(XML_LANG, tgt_lang or "en")
            if last is not None:
                tuv.tail = last.tail
                last.addnext(tuv)
            else:
                el.append(tuv)
            return etree.SubElement(tuv, "seg")

        yield UnitRef(
            uid, f"tu {uid} (line {el.sourceline})", src_text, target, create, _notes(el, "note"), el.sourceline, src_tags
        )


def _ts_units(store: object, root: etree._Element) -> Iterator[UnitRef]:
    for index, unit in enumerate(store.units, start=1):  # type: ignore[attr-defined]
        el = unit.xmlelement  # a <message>
        translation = el.find("translation")
        if translation is not None and translation.get("type") in {"obsolete", "vanished"}:
            continue
        uid = el.get("id") or str(index)
        context = el.getparent().findtext("name") if el.getparent() is not None else ""
        origin = f"message {uid} in context {context or '?'} (line {el.sourceline})"
        src_text, src_tags = _text_of(el.find("source"))
        note = " | ".join(t for t in (el.findtext("comment"), el.findtext("extracomment")) if t)
        forms = translation.findall("numerusform") if translation is not None else []
        if el.get("numerus") == "yes" and forms:
            for i, form in enumerate(forms):
                yield UnitRef(
                    f"{uid}[{i}]", f"{origin}, plural form {i}", src_text, form, lambda: etree.Element("numerusform"),
                    note, el.sourceline, src_tags,
                )
            continue

        def create(el: etree._Element = el) -> etree._Element:
            source = el.find("source")
            return _insert_after(source, "translation") if source is not None else etree.SubElement(el, "translation")

        yield UnitRef(uid, origin, src_text, translation, create, note, el.sourceline, src_tags)


@dataclass(frozen=True, slots=True)
class Kind:
    """How to find units and languages in one XML format."""

    name: str
    store: Callable[[], object]
    units: Callable[[object, etree._Element], Iterator[UnitRef]]
    langs: Callable[[etree._Element], tuple[str | None, str | None]]


def _xliff1_langs(root: etree._Element) -> tuple[str | None, str | None]:
    file = root.find(f"{_ns(root)}file")
    if file is None:
        return None, None
    return file.get("source-language"), file.get("target-language")


def _xliff2_langs(root: etree._Element) -> tuple[str | None, str | None]:
    return root.get("srcLang"), root.get("trgLang")


def _ts_langs(root: etree._Element) -> tuple[str | None, str | None]:
    def norm(lang: str | None) -> str | None:
        return lang.replace("_", "-") if lang else None

    return norm(root.get("sourcelanguage")), norm(root.get("language"))


def _kinds() -> dict[str, Kind]:
    from translate.storage import tmx, ts2, xliff, xliff2

    return {
        "xliff": Kind("xliff", xliff.xlifffile, _xliff1_units, _xliff1_langs),
        "xliff2": Kind("xliff2", xliff2.Xliff2File, _xliff2_units, _xliff2_langs),
        "tmx": Kind("tmx", tmx.tmxfile, _tmx_units, _tmx_langs),
        "ts": Kind("ts", ts2.tsfile, _ts_units, _ts_langs),
    }


def _kind_of(tree: etree._ElementTree, path: Path) -> str:
    root = tree.getroot()
    name, ns = etree.QName(root).localname, etree.QName(root).namespace
    if name == "xliff":
        return "xliff2" if (ns or "").endswith(":2.0") or str(root.get("version", "")).startswith("2") else "xliff"
    if name == "tmx":
        return "tmx"
    if name == "TS":
        return "ts"
    raise InputError(path, f"unsupported XML document: root element <{name}> (expected xliff, tmx or TS)", root.sourceline)


def _load(data: bytes, path: Path) -> tuple[str, object, list[UnitRef]]:
    tree = parse_bytes(data, path)
    kind_name = _kind_of(tree, path)
    root = tree.getroot()
    if kind_name == "xliff" and root.find(f"{_ns(root)}file") is None:
        raise InputError(path, "XLIFF without a <file> element", root.sourceline)
    kind = _kinds()[kind_name]
    store = kind.store()
    store.filename = str(path)  # type: ignore[attr-defined]
    try:
        store.parse(data)  # type: ignore[attr-defined]
    except Exception as exc:
        # translate-toolkit assumes a valid structure: an <xliff> without <file> raises
        # StopIteration, a TS <context> without <name> AttributeError, and so on. The XML itself
        # is well-formed at this point, so any failure here is a structural problem of the file.
        detail = str(exc) or type(exc).__name__
        raise InputError(path, f"not a valid {kind_name} file (unexpected structure: {detail})") from None
    root = store.document.getroot()  # type: ignore[attr-defined]
    units = list(kind.units(store, root))
    ids = _unique([u.id for u in units])
    for unit, uid in zip(units, ids, strict=True):
        unit.id = uid
    return kind_name, store, units


def read(path: Path) -> Document:
    """Read an XLIFF (1.2 or 2.x), TMX or Qt TS file."""
    data = read_bytes(path)
    kind_name, store, units = _load(data, path)
    root = store.document.getroot()  # type: ignore[attr-defined]
    src_lang, tgt_lang = _kinds()[kind_name].langs(root)
    segments: list[Segment] = []
    inline: dict[str, Mapping[str, tuple[tuple[int, str], ...]]] = {}
    for unit in units:
        text, tags = _text_of(unit.target)
        segments.append(
            Segment(id=unit.id, target=text or "", source=unit.source, origin=unit.origin, note=unit.note)
        )
        if tags or unit.source_tags:
            inline[unit.id] = MappingProxyType({"source": unit.source_tags, "target": tags})
    meta = MappingProxyType({"data": data, "inline": MappingProxyType(inline), "kind": kind_name})
    fmt = "xliff" if kind_name == "xliff2" else kind_name
    return Document(
        path=str(path), segments=tuple(segments), format=fmt, source_lang=src_lang, target_lang=tgt_lang or "en", meta=meta
    )


def corrected_bytes(doc: Document, targets: Mapping[str, str]) -> bytes:
    """The file with *targets* applied; the original bytes when nothing changes."""
    data = doc.meta["data"]
    assert isinstance(data, bytes)
    current = {seg.id: seg.target for seg in doc.segments}
    changes = {k: v for k, v in targets.items() if k in current and current[k] != v}
    if not changes:
        return data
    path = Path(doc.path)
    # Re-parse so the Document (and its store) stays untouched and can be written again.
    _, store, units = _load(data, path)
    for unit in units:
        if unit.id not in changes:
            continue
        element = unit.target if unit.target is not None else unit.create()
        set_text(element, changes[unit.id])
    return serialize(store.document, data)  # type: ignore[attr-defined]


def write(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write the XML file with new targets; untouched files are copied byte for byte."""
    atomic_write(out, corrected_bytes(doc, targets))
