"""Gettext PO files: units validated by translate-toolkit, msgstr blocks located and spliced byte-exactly."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

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

    def unit(self) -> Unit:
        """What the segments of this entry are built from (it must have a msgid)."""
        fields = self.fields
        plural = fields.get("msgid_plural")
        strs: dict[str, Form] = {}
        for keyword, fld in fields.items():
            if keyword.startswith("msgstr"):
                parts = fld.parts
                line, column, _ = parts[1] if parts[0][2] == "" and len(parts) > 1 else parts[0]
                strs[keyword] = (fld.value, line, column, fld.start, fld.end)
        return fields["msgid"].value, None if plural is None else plural.value, strs

    def facts(self) -> Facts:
        """Notes, fuzzy flag and plural-ness as translate-toolkit reads them, for the usual layouts."""
        plural = self.fields.get("msgid_plural")
        return guess_facts(self.comments, None if plural is None else plural.value)


# (notes, fuzzy, has a plural) of one unit.
Facts = tuple[str, bool, bool]
# A msgstr field: its value, the line and column where its text starts (the second line of a
# wrapped field, whose first line is ""), and its span in the text.
Form = tuple[str, int, int, int, int]
# One unit as its segments are built: msgid, msgid_plural (None without one), and the msgstr
# fields by keyword ("msgstr", "msgstr[n]") in the order of the file.
Unit = tuple[str, str | None, dict[str, Form]]
# Comment kinds that are not notes: source references, flags, previous msgids, obsolete entries.
_NOT_NOTES = frozenset({".", ":", ",", "=", "|", "~"})


def guess_facts(comments: list[str], plural: str | None) -> Facts:
    """The facts of an entry with these (stripped) comment lines and msgid_plural value."""
    if not comments:  # most entries of big files
        return ("", False, plural is not None and plural != "")
    other = [c[1:].removeprefix(" ") for c in comments if c[1:2] not in _NOT_NOTES]
    auto = [c[3:] for c in comments if c[1:2] == "."]
    fuzzy = any("fuzzy" in (f.strip() for f in c[2:].split(",")) for c in comments if c[1:2] in {",", "="})
    return "\n".join(other + auto), fuzzy, plural is not None and plural != ""


# A string's first line and continuation lines, as _KEYWORD and _CONT read them line by line.
_STRING = r'[ \t]+"(.*)"[ \t]*$((?:\n[ \t]*".*"[ \t]*$)*+)'
_FORM = r'msgstr\[\d+\][ \t]+".*"[ \t]*$(?:\n[ \t]*".*"[ \t]*$)*+'
# Blank and comment lines, then an entry of the usual layout: (msgctxt) msgid (msgid_plural), then
# msgstr or msgstr[n]... Groups: 1 the lines before, 2 msgctxt, 3-4 the msgid's first line's
# content and its continuation lines, 5-6 msgid_plural's, 7 msgstr, 8-9 its strings, 10 the forms.
_BLOCK = re.compile(
    r"((?:[ \t]*(?:#.*)?\n)*+)"
    rf"(?:(msgctxt)[ \t]+\".*\"[ \t]*$(?:\n[ \t]*\".*\"[ \t]*$)*+\n)?msgid{_STRING}\n(?:msgid_plural{_STRING}\n)?"
    rf"(?:(msgstr){_STRING}|({_FORM}(?:\n{_FORM})*+))(?:\n|\Z)",
    re.M,
)
_PLURAL_FORM = re.compile(rf"^(msgstr\[\d+\]){_STRING}", re.M)
_CONT_LINE = re.compile(r'\n([ \t]*)"(.*)"[ \t]*$', re.M)
# Blank and comment lines to the end of the text.
_TAIL = re.compile(r"(?:[ \t]*(?:#.*)?\n)*+[ \t]*(?:#.*)?")


def scan(text: str) -> tuple[list[Unit], list[Facts]] | None:
    """The units of *text* and the facts of their comments, as ``lex`` finds them; the fast path.

    Only for texts made of entries of the usual layout and blank and comment lines between them:
    each is one regular expression match, where ``lex`` would take every line apart. None for any
    other text, which is for ``lex`` to read (and to report where it is malformed).
    """
    units: list[Unit] = []
    guessed: list[Facts] = []
    pos = 0  # where the next block must start
    line = 1  # the number of the line at offset *counted*
    counted = 0
    count = text.count
    for m in _BLOCK.finditer(text):
        if m.start() != pos:
            return None
        pos = m.end()
        before, context, msgid, msgid_more, plural, plural_more, single, raw, more, _ = m.groups()
        if msgid_more:
            msgid += "".join(c for _, c in _CONT_LINE.findall(msgid_more))
        msgid = unescape(msgid)
        if msgid == "" and context is None:
            continue  # the header is not a unit
        if plural is not None:
            if plural_more:
                plural += "".join(c for _, c in _CONT_LINE.findall(plural_more))
            plural = unescape(plural)
        strs: dict[str, Form]
        if single is not None:
            start = m.start(7)
            line += count("\n", counted, start)
            counted = start
            if more:
                continued = _CONT_LINE.findall(more)
                value = unescape(raw + "".join(c for _, c in continued))
                if raw == "":  # the text starts on the second line
                    strs = {"msgstr": (value, line + 1, len(continued[0][0]) + 2, start, m.end(9))}
                else:
                    strs = {"msgstr": (value, line, m.start(8) - start + 1, start, m.end(9))}
            else:
                strs = {"msgstr": (unescape(raw), line, m.start(8) - start + 1, start, m.end(9))}
        else:
            strs = {}
            for form in _PLURAL_FORM.finditer(text, m.start(10), m.end(10)):
                keyword, raw, more = form.groups()
                start = form.start()
                line += count("\n", counted, start)
                counted = start
                if more:
                    continued = _CONT_LINE.findall(more)
                    value = unescape(raw + "".join(c for _, c in continued))
                    if raw == "":
                        strs[keyword] = (value, line + 1, len(continued[0][0]) + 2, start, form.end())
                        continue
                else:
                    value = unescape(raw)
                strs[keyword] = (value, line, form.start(2) - start + 1, start, form.end())
        units.append((msgid, plural, strs))
        guessed.append(guess_facts(_comments(before) if "#" in before else [], plural))
    if not _TAIL.fullmatch(text, pos):
        return None
    return units, guessed


def _comments(lines: str) -> list[str]:
    """The comment lines that the entry after *lines* gets, stripped, as ``lex`` collects them."""
    comments: list[str] = []
    for line in lines.split("\n"):
        stripped = line.strip()
        if stripped[:2] == "#~":
            comments = []  # they belonged to an obsolete entry
        elif stripped:
            comments.append(stripped)
    return comments


def lex(text: str, path: Path) -> list[Entry]:
    """Locate every non-obsolete entry and the exact span of each of its fields, line by line (any layout)."""
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
    return Parsed(toolkit_facts(store.units), dict(store.parseheader()), store.gettargetlanguage())


def toolkit_facts(units: list[Any]) -> list[Facts]:
    """The facts of translate-toolkit's units (header and obsolete units left out)."""
    # A unit without comment lines (most units of big files) has no notes and no fuzzy flag:
    # asking getnotes and isfuzzy anyway was a tenth of the toolkit's reading of a 10,000-unit file.
    return [
        (u.getnotes(), u.isfuzzy(), u.hasplural()) if any(u.allcomments) else ("", False, u.hasplural())
        for u in units if not u.isheader() and not u.isobsolete()
    ]


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
        scanned = scan(text)
        if scanned is None:
            units, guessed = _lexed_units(text, path)
        else:
            units, guessed = scanned
        # Built from the lexer's own reading of comments and flags while the toolkit parses; its
        # reading is the reference, and the units where the two differ are rebuilt from it below.
        segments: list[Segment] = []
        locations: list[tuple[int, int, str]] = []
        starts: list[int] = []  # where each unit's segments start in *segments*
        for index, (unit, facts) in enumerate(zip(units, guessed, strict=True), start=1):
            starts.append(len(segments))
            _segments(index, unit, facts, segments, locations)
        parsed = forked.result(lambda: parse_with_toolkit(text)) if forked else parse_with_toolkit(text)
    finally:
        if forked:
            forked.close()
    if isinstance(parsed, str):
        raise InputError(path, f"malformed PO file: {parsed}")
    if len(parsed.units) != len(units):
        raise InputError(path, f"found {len(units)} entries but translate-toolkit parsed {len(parsed.units)}")
    if parsed.units != guessed:
        starts.append(len(segments))
        done = list(zip(segments, locations, strict=True))
        segments, locations = [], []
        for index, (unit, facts, guess) in enumerate(zip(units, parsed.units, guessed, strict=True), start=1):
            if facts != guess:
                _segments(index, unit, facts, segments, locations)
            else:
                for seg, location in done[starts[index - 1] : starts[index]]:
                    segments.append(seg)
                    locations.append(location)
    by_id = dict(zip([seg.id for seg in segments], locations, strict=True))
    meta = MappingProxyType({"decoded": decoded, "locations": MappingProxyType(by_id)})
    lang = parsed.target_lang or "en"
    # translate-toolkit reports "en" when no source language is declared: only trust the header.
    src = parsed.header.get("X-Source-Language") or None
    return Document(path=str(path), segments=tuple(segments), format="po",
                    source_lang=src.replace("_", "-") if src else None, target_lang=lang.replace("_", "-"), meta=meta)


def _lexed_units(text: str, path: Path) -> tuple[list[Unit], list[Facts]]:
    """The units of *text* and the facts of their comments, read line by line (any layout)."""
    entries = lex(text, path)
    for entry in entries:
        if "msgid" in entry.fields and not any(k.startswith("msgstr") for k in entry.fields):
            raise InputError(path, "entry has a msgid but no msgstr", entry.fields["msgid"].parts[0][0], 1)
    # The header (an empty msgid without context) is not a unit.
    entries = [e for e in entries if "msgid" in e.fields and (e.fields["msgid"].value != "" or "msgctxt" in e.fields)]
    return [entry.unit() for entry in entries], [entry.facts() for entry in entries]


def _segments(index: int, unit: Unit, facts: Facts, segments: list[Segment], locations: list[tuple[int, int, str]]) -> None:
    """Append the segments of unit number *index* (one per msgstr form) and their fields' locations."""
    msgid, plural_value, strs = unit
    notes_text, fuzzy, plural = facts
    if plural:
        keys = sorted((k for k in strs if k.startswith("msgstr[")), key=lambda k: int(k[7:-1]))
        other = msgid if plural_value is None else plural_value
        forms = [(f"{index}[{k[7:-1]}]", k, msgid if k == "msgstr[0]" else other) for k in keys]
    elif "msgstr" in strs:
        forms = [(str(index), "msgstr", msgid)]
    else:
        return
    note = f"{notes_text}; fuzzy" if notes_text and fuzzy else "fuzzy" if fuzzy else notes_text
    origin = f" (msgid {msgid[:30]!r})"
    for seg_id, keyword, source in forms:
        value, line, column, start, end = strs[keyword]
        # Positional arguments: keywords cost a third more, for each of thousands of segments.
        segments.append(Segment(seg_id, value, source, line, column, None, f"line {line}{origin}", note))
        locations.append((start, end, keyword))


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
