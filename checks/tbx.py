"""TBX termbases (TBX-Basic, TBX v2 and v3 / ISO 30042) read into TermEntry records, parsed safely."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from checks.errors import InputError
from checks.readers.textio import read_bytes
from checks.termbase import TermEntry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Element names compared without namespace: TBX v3 puts everything in urn:iso:std:iso:30042:ed-2.
_PREFERRED = {"preferredterm-admn-sts", "preferred", "preferredterm"}
_DEPRECATED = {"deprecatedterm-admn-sts", "deprecated", "deprecatedterm", "supersededterm-admn-sts"}
_ADMITTED = {"admittedterm-admn-sts", "admitted", "admittedterm"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _status(term_section: etree._Element) -> str:
    for el in term_section.iter():
        if _local(el.tag) in ("termNote", "descrip") and el.get("type") == "administrativeStatus":
            value = (el.text or "").strip().lower()
            if value in _PREFERRED:
                return "preferred"
            if value in _DEPRECATED:
                return "deprecated"
            if value in _ADMITTED:
                return "admitted"
    return ""


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def _parse(path: Path) -> etree._Element:
    data = read_bytes(path)
    # lxml with entity resolution, DTD loading and network access off: nothing outside the file
    # is read. Any internal DTD subset is refused outright (billion laughs, external entities);
    # checking the parsed DTD rather than the raw text also covers UTF-16 files. An external
    # DTD name is harmless since it is never fetched.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise InputError(path, f"not well-formed XML: {exc.msg}", line or None, column or None) from None
    dtd = root.getroottree().docinfo.internalDTD
    # A bare <!DOCTYPE martif SYSTEM "..."> gives an empty DTD object; declarations mean a subset.
    if dtd is not None and (any(True for _ in dtd.iterentities()) or any(True for _ in dtd.iterelements())):
        raise InputError(path, "TBX with an internal DTD or entity declarations is refused (unsafe XML)")
    return root


def read_tbx(path: Path) -> list[TermEntry]:
    """Read a TBX file: zh* language sections give source terms, en* ones the target terms.

    Per concept: the English term marked preferred (else the first that is not deprecated) is
    the preferred term; English terms marked deprecated are the forms to avoid. Concepts with
    no usable English term are skipped.
    """
    root = _parse(path)
    entries: list[TermEntry] = []
    for concept in root.iter():
        if _local(concept.tag) not in ("termEntry", "conceptEntry"):
            continue
        sources: list[str] = []
        english: list[tuple[str, str]] = []
        note = ""
        for child in concept:
            if _local(child.tag) in ("descrip", "note", "descripGrp") and not note:
                note = _text(child)
        for lang_set in concept:
            if _local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").lower()
            for section in lang_set.iter():
                if _local(section.tag) not in ("tig", "ntig", "termSec"):
                    continue
                term_el = next((el for el in section.iter() if _local(el.tag) == "term"), None)
                term = _text(term_el) if term_el is not None else ""
                if not term:
                    continue
                if lang.startswith("zh"):
                    sources.append(term)
                elif lang.startswith("en"):
                    english.append((term, _status(section)))
        preferred = next((t for t, s in english if s == "preferred"), None) or next(
            (t for t, s in english if s != "deprecated"), None
        )
        if not preferred:
            continue
        deprecated = tuple(t for t, s in english if s == "deprecated" and t.lower() != preferred.lower())
        line = concept.get("id", "")
        entries.append(TermEntry(tuple(sources), preferred, deprecated, note, f"{path.name}:{line}" if line else path.name))
    return entries
