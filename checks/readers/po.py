"""Gettext PO files: units validated by translate-toolkit, msgstr blocks located and spliced byte-exactly."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from checks.errors import InputError
from checks.forksafe import Forked, safe_to_fork
from checks.model import Document, Segment
from checks.readers.textio import DecodedText, decode_bytes, read_bytes, write_like_input

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+"(.*)"[ \t]*$')
_CONT = re.compile(r'^[ \t]*"(.*)"[ \t]*$')
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
WRAP = 79


def unescape(raw: str) -> str:
    """The value of a PO string literal's content."""
    if "\\" not in raw:
        return raw  # most lines have no escape: skip the regex
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw)


def escape(text: str) -> str:
    """*text* as the content of a PO string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


@dataclass(slots=True)
class Field:
    """One keyword and its string lines: span in the text and the 1-based line/column of its value."""

    keyword: str
    start: int
    end: int
    parts: list[tuple[int, int, str]] = field(default_factory=list)  # (line number, column, raw content)

    @property
    def value(self) -> str:
        """The unescaped string value of the field."""
        return unescape("".join(raw for _, _, raw in self.parts))


@dataclass(slots=True)
class Entry:
    """The fields of one PO entry (obsolete entries are not collected) and the comment lines before it."""

    fields: dict[str, Field] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)

    def facts(self) -> Facts:
        """Notes, fuzzy flag and plural-ness as translate-toolkit reads them, for the usual layouts."""
        other = [c[1:].removeprefix(" ") for c in self.comments if c[1:2] not in _NOT_NOTES]
        auto = [c[3:] for c in self.comments if c[1:2] == "."]
        fuzzy = any("fuzzy" in (f.strip() for f in c[2:].split(",")) for c in self.comments if c[1:2] in {",", "="})
        plural = self.fields.get("msgid_plural")
        return "\n".join(other + auto), fuzzy, plural is not None and plural.value != ""


# (notes, fuzzy, has a plural) of one unit.
Facts = tuple[str, bool, bool]
# Comment kinds that are not notes: source references, flags, previous msgids, obsolete entries.
_NOT_NOTES = frozenset({".", ":", ",", "=", "|", "~"})


def lex(text: str, path: Path) -> list[Entry]:
    """Locate every non-obsolete entry and the exact span of each of its fields."""
    entries: list[Entry] = []
    current: Entry | None = None
    last: Field | None = None
    comments: list[str] = []  # comment lines waiting for the entry they precede
    translated = False  # whether the current entry has a msgstr yet (a msgid after it starts the next)
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            last = None
            if stripped[:2] == "#~":
                comments = []  # they belonged to an obsolete entry
            elif stripped:
                comments.append(stripped)
            continue
        m = _KEYWORD.match(line)
        if m:
            keyword = m.group(1)
            if current is None or (translated and keyword in {"msgctxt", "msgid"}):
                current = Entry(comments=comments)
                comments = []
                translated = False
                entries.append(current)
            if keyword[3] == "s":  # msgstr, msgstr[n]
                translated = True
            last = Field(keyword, line_start, line_start + len(line))
            last.parts.append((number, m.start(3) + 1, m.group(3)))
            current.fields[keyword] = last
            continue
        c = _CONT.match(line)
        if c and last is not None:
            last.parts.append((number, c.start(1) + 1, c.group(1)))
            last.end = line_start + len(line)
            continue
        raise InputError(path, f"malformed PO line: {stripped[:40]!r}", number, 1)
    return entries


def format_field(keyword: str, value: str, multiline: bool) -> str:
    """A msgstr field in gettext's layout: one line, or an empty first line plus wrapped lines."""
    if not multiline and "\n" not in value[:-1]:
        return f'{keyword} "{escape(value)}"'
    lines = [f'{keyword} ""']
    for chunk in re.findall(r"[^\n]*\n|[^\n]+", value):
        lines.extend(f'"{piece}"' for piece in _wrap(escape(chunk), WRAP - 2))
    return "\n".join(lines)


def _wrap(escaped: str, width: int) -> list[str]:
    out: list[str] = []
    while len(escaped) > width:
        cut = escaped.rfind(" ", 0, width)
        if cut <= 0:
            break
        out.append(escaped[: cut + 1])
        escaped = escaped[cut + 1 :]
    out.append(escaped)
    return out


def _decode(data: bytes, path: Path) -> DecodedText:
    m = _CHARSET.search(data[:4096])
    charset = m.group(1).decode("ascii").lower() if m else "utf-8"
    if charset in {"utf-8", "utf8", "charset"} or data[:3] == b"\xef\xbb\xbf" or data[:2] in {b"\xff\xfe", b"\xfe\xff"}:
        return decode_bytes(data, path)
    try:
        text = data.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputError(path, f"does not decode as its declared charset {charset}: {exc}") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    # Lone CRs too (mixed line endings), as for UTF-8 files: none may stay inside a message.
    return DecodedText(text.replace("\r\n", "\n").replace("\r", "\n"), charset, b"", newline)


@dataclass(frozen=True)
class Parsed:
    """What translate-toolkit makes of a PO file: facts per unit (header and obsolete units left out)."""

    units: list[Facts]
    header: dict[str, str]
    target_lang: str | None


def parse_with_toolkit(text: str) -> Parsed | str:
    """translate-toolkit's reading of *text*, or its complaint about the syntax."""
    from translate.storage import pypo

    store = pypo.pofile()
    try:
        store.parse(text.encode("utf-8"))
    except Exception as exc:  # translate-toolkit raises ValueError and others on bad PO syntax
        return str(exc)
    units = [(u.getnotes(), u.isfuzzy(), u.hasplural()) for u in store.units if not u.isheader() and not u.isobsolete()]
    return Parsed(units, dict(store.parseheader()), store.gettargetlanguage())


# From this many characters on (about 1,000 units) the toolkit parses in a child process while this
# one lexes: the parse is the larger half of reading a PO file, and it needs no result of the lexer.
CONCURRENT_CHARS = 200_000


def read(path: Path) -> Document:
    """Read a PO file: one segment per msgstr (plural forms get ids like ``7[1]``)."""
    data = read_bytes(path)
    decoded = _decode(data, path)
    text = decoded.text
    forked = Forked(parse_with_toolkit, text) if len(text) >= CONCURRENT_CHARS and safe_to_fork() else None
    try:
        entries = lex(text, path)
        for entry in entries:
            if "msgid" in entry.fields and not any(k.startswith("msgstr") for k in entry.fields):
                raise InputError(path, "entry has a msgid but no msgstr", entry.fields["msgid"].parts[0][0], 1)
        # The header (an empty msgid without context) is not a unit.
        entries = [e for e in entries if "msgid" in e.fields and (e.fields["msgid"].value != "" or "msgctxt" in e.fields)]
        # Built from the lexer's own reading of comments and flags while the toolkit parses; its
        # reading is the reference, and the units where the two differ are rebuilt from it below.
        guessed = [entry.facts() for entry in entries]
        segments = [_segments(i, entries[i - 1], facts) for i, facts in enumerate(guessed, start=1)]
        parsed = forked.result(lambda: parse_with_toolkit(text)) if forked else parse_with_toolkit(text)
    finally:
        if forked:
            forked.close()
    if isinstance(parsed, str):
        raise InputError(path, f"malformed PO file: {parsed}")
    if len(parsed.units) != len(entries):
        raise InputError(path, f"found {len(entries)} entries but translate-toolkit parsed {len(parsed.units)}")
    if parsed.units != guessed:
        for index, (entry, facts, guess) in enumerate(zip(entries, parsed.units, guessed, strict=True), start=1):
            if facts != guess:
                segments[index - 1] = _segments(index, entry, facts)
    locations: dict[str, tuple[int, int, str]] = {}
    flat: list[Segment] = []
    for forms in segments:
        for seg, location in forms:
            flat.append(seg)
            locations[seg.id] = location
    meta = MappingProxyType({"decoded": decoded, "locations": MappingProxyType(locations)})
    lang = parsed.target_lang or "en"
    # translate-toolkit reports "en" when no source language is declared: only trust the header.
    src = parsed.header.get("X-Source-Language") or None
    return Document(path=str(path), segments=tuple(flat), format="po",
                    source_lang=src.replace("_", "-") if src else None, target_lang=lang.replace("_", "-"), meta=meta)


def _segments(index: int, entry: Entry, facts: Facts) -> list[tuple[Segment, tuple[int, int, str]]]:
    """The segments of entry number *index* (one per msgstr form), each with its field's location."""
    notes_text, fuzzy, plural = facts
    msgid = entry.fields["msgid"].value
    if plural:
        plural_field = entry.fields.get("msgid_plural")
        strs = sorted((k for k in entry.fields if k.startswith("msgstr[")), key=lambda k: int(k[7:-1]))
        forms = [(f"{index}[{k[7:-1]}]", entry.fields[k],
                  msgid if k == "msgstr[0]" else plural_field.value if plural_field else msgid) for k in strs]
    else:
        forms = [(str(index), entry.fields["msgstr"], msgid)] if "msgstr" in entry.fields else []
    note = "; ".join(n for n in (notes_text, "fuzzy" if fuzzy else "") if n)
    out: list[tuple[Segment, tuple[int, int, str]]] = []
    for seg_id, fld, source in forms:
        first = fld.parts[1] if fld.parts[0][2] == "" and len(fld.parts) > 1 else fld.parts[0]
        seg = Segment(id=seg_id, target=fld.value, source=source, line=first[0], column=first[1],
                      origin=f"line {first[0]} (msgid {msgid[:30]!r})", note=note)
        out.append((seg, (fld.start, fld.end, fld.keyword)))
    return out


def corrected_text(doc: Document, targets: Mapping[str, str]) -> str:
    """The PO text with changed msgstr fields re-formatted and everything else untouched."""
    decoded = doc.meta["decoded"]
    locations = doc.meta["locations"]
    assert isinstance(decoded, DecodedText) and isinstance(locations, Mapping)
    text = decoded.text
    current = {seg.id: seg.target for seg in doc.segments}
    edits = sorted(
        (locations[k] + (v,) for k, v in targets.items() if k in current and current[k] != v), key=lambda e: e[0]
    )
    out: list[str] = []
    pos = 0
    for start, end, keyword, value in edits:
        block = text[start:end]
        out.append(text[pos:start])
        out.append(format_field(keyword, value, "\n" in block))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def write(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write the PO file in its original encoding and line endings."""
    write_like_input(doc, corrected_text(doc, targets), out)
