"""The PO reader's fast scan gives exactly the Document of the line-by-line reading, on fuzzed PO files.

``checks.readers.po.scan`` reads files of the usual layout with one regular expression match per
entry; anything else falls back to ``lex``. The reference here is the reader as it was before the
scan existed (copied below, toolkit parse included): every field of the Document, the order of
its locations, and every error must come out the same.
"""

from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass, field, fields
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.errors import InputError
from checks.model import Document, Segment
from checks.readers import po

# The reader before the fast scan (lexer, facts, segments and assembly), as the reference ------------

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+"(.*)"[ \t]*$')
_CONT = re.compile(r'^[ \t]*"(.*)"[ \t]*$')
_NOT_NOTES = frozenset({".", ":", ",", "=", "|", "~"})


@dataclass(slots=True)
class _Field:
    keyword: str
    start: int
    end: int
    parts: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def value(self) -> str:
        return po.unescape("".join(raw for _, _, raw in self.parts))


@dataclass(slots=True)
class _Entry:
    fields: dict[str, _Field] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)

    def facts(self) -> tuple[str, bool, bool]:
        other = [c[1:].removeprefix(" ") for c in self.comments if c[1:2] not in _NOT_NOTES]
        auto = [c[3:] for c in self.comments if c[1:2] == "."]
        fuzzy = any("fuzzy" in (f.strip() for f in c[2:].split(",")) for c in self.comments if c[1:2] in {",", "="})
        plural = self.fields.get("msgid_plural")
        return "\n".join(other + auto), fuzzy, plural is not None and plural.value != ""


def _plain_lex(text: str, path: Path) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    last: _Field | None = None
    comments: list[str] = []
    translated = False
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line_start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            last = None
            if stripped[:2] == "#~":
                comments = []
            elif stripped:
                comments.append(stripped)
            continue
        m = _KEYWORD.match(line)
        if m:
            keyword = m.group(1)
            if current is None or (translated and keyword in {"msgctxt", "msgid"}):
                current = _Entry(comments=comments)
                comments = []
                translated = False
                entries.append(current)
            if keyword[3] == "s":
                translated = True
            last = _Field(keyword, line_start, line_start + len(line))
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


def _plain_segments(index: int, entry: _Entry, facts: tuple[str, bool, bool]) -> list[tuple[Segment, tuple[int, int, str]]]:
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


def _plain_read(path: Path) -> Document:
    decoded = po._decode(path.read_bytes(), path)
    text = decoded.text
    entries = _plain_lex(text, path)
    for entry in entries:
        if "msgid" in entry.fields and not any(k.startswith("msgstr") for k in entry.fields):
            raise InputError(path, "entry has a msgid but no msgstr", entry.fields["msgid"].parts[0][0], 1)
    entries = [e for e in entries if "msgid" in e.fields and (e.fields["msgid"].value != "" or "msgctxt" in e.fields)]
    guessed = [entry.facts() for entry in entries]
    segments = [_plain_segments(i, entries[i - 1], facts) for i, facts in enumerate(guessed, start=1)]
    parsed = po.parse_with_toolkit(text)
    if isinstance(parsed, str):
        raise InputError(path, f"malformed PO file: {parsed}")
    if len(parsed.units) != len(entries):
        raise InputError(path, f"found {len(entries)} entries but translate-toolkit parsed {len(parsed.units)}")
    if parsed.units != guessed:
        for index, (entry, facts, guess) in enumerate(zip(entries, parsed.units, guessed, strict=True), start=1):
            if facts != guess:
                segments[index - 1] = _plain_segments(index, entry, facts)
    locations: dict[str, tuple[int, int, str]] = {}
    flat: list[Segment] = []
    for forms in segments:
        for seg, location in forms:
            flat.append(seg)
            locations[seg.id] = location
    meta = MappingProxyType({"decoded": decoded, "locations": MappingProxyType(locations)})
    lang = parsed.target_lang or "en"
    src = parsed.header.get("X-Source-Language") or None
    return Document(path=str(path), segments=tuple(flat), format="po",
                    source_lang=src.replace("_", "-") if src else None, target_lang=lang.replace("_", "-"), meta=meta)


# Fuzzed PO files ----------------------------------------------------------------------------------

# String contents as they stand between the quotes: escapes (also unknown ones), quotes, non-ASCII, odd
# whitespace, text that looks like PO syntax; and, rarely, contents translate-toolkit refuses or reads
# otherwise (an escaped closing quote, a lone quote).
_RAW = [
    "", "", "a", "Hello, world", "中文的句子", "Grüße", "🙂 ok", "%d files", "tab\\there", "new\\nline\\n",
    'say \\"hi\\"', "back\\\\slash", "odd \\q escape", "  spaced  ", "\\r\\n", "\u2028", "\x0c", "\u3000",
    "#not a comment", 'msgid \\"x\\"', "\\tlead",
]
_HOSTILE_RAW = ["ends with \\", "\\", 'in " middle', '"', "x\\"]
_COMMENTS = [
    "#", "# note", "#  two spaces", "# trailing  ", "#. extracted", "#.tight", "#: src/a.c:12", "#, fuzzy",
    "#, c-format, fuzzy", "#,fuzzy", "#, no-fuzzy", "#= fuzzy", "#| msgid \"old\"", "#| msgctxt \"ctx\"",
    "#~ msgid \"gone\"", "#~ msgstr \"weg\"", "#~| msgid \"older\"", "  # indented", "\t#. tabbed", "#\x0c",
    "# 注释", "#, fuzzy\t",
]
# Lines a PO file should not have, or has only rarely: each sends the file to the line-by-line reader.
_ODD = [
    "garbage", ' msgid "lead"', "\x0c", "\u3000", '"orphan"', 'msgid "unterminated', "msgstr[x] \"y\"",
    'msgstr "alone"', 'msgid_plural "late"', 'msgstr[1] "late form"', "  ", "\t", 'msgctxt "c"', 'msgid "m"',
    '\u3000"lead"', 'msgid"nospace"', "msgfoo \"x\"",
]
_SPACES = [" ", " ", "\t", "  "]
_TRAILS = ["", "", "", " ", "\t "]
_INDENTS = ["", "", " ", "\t"]
_SEPARATORS = ["\n", "\n", "\n", "", "\n\n", " \n", "\t\n", "\n  \n"]


def _raw(rnd: random.Random) -> str:
    return rnd.choice(_HOSTILE_RAW) if rnd.random() < 0.01 else rnd.choice(_RAW)


def _string(rnd: random.Random, keyword: str) -> str:
    """A keyword line and its continuation lines."""
    lines = [keyword + rnd.choice(_SPACES) + f'"{_raw(rnd)}"' + rnd.choice(_TRAILS)]
    for _ in range(rnd.choice([0, 0, 0, 1, 2, 3])):
        lines.append(rnd.choice(_INDENTS) + f'"{_raw(rnd)}"' + rnd.choice(_TRAILS))
    return "\n".join(lines)


def _entry(rnd: random.Random) -> str:
    lines = [rnd.choice(_COMMENTS) for _ in range(rnd.choice([0, 0, 0, 1, 2, 3]))]
    if rnd.random() < 0.5:
        lines.append(_string(rnd, "msgctxt"))
    lines.append(_string(rnd, "msgid"))
    plural = rnd.random() < 0.25
    # Rarely a msgid_plural without forms or forms without one (translate-toolkit refuses both).
    if plural or rnd.random() < 0.02:
        lines.append(_string(rnd, "msgid_plural"))
    if plural or rnd.random() < 0.02:
        numbers = rnd.choice([[0, 1], [0, 1], [0, 1, 2], [1, 0], [0, 0], [0], [2, 10], [0, 1, 1]])
        lines.extend(_string(rnd, f"msgstr[{n}]") for n in numbers)
    else:
        lines.append(_string(rnd, "msgstr"))
    if rnd.random() < 0.04:  # a line out of place anywhere in the entry
        lines.insert(rnd.randint(0, len(lines)), rnd.choice(_ODD + _COMMENTS))
    return "\n".join(lines)


_HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: fuzz\\n"\n"Language: {lang}\\n"\n{source}'
    '"Content-Type: text/plain; charset={charset}\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
)


def po_file(seed: int) -> bytes:
    """Bytes of a PO file: mostly entries of the usual layout, some odd ones, the header, file-level quirks."""
    rnd = random.Random(seed)
    charset = rnd.choice(["UTF-8", "UTF-8", "UTF-8", "ISO-8859-1", "GB18030"])
    blocks = [_entry(rnd) for _ in range(rnd.randint(0, 8))]
    if rnd.random() < 0.75:
        source = rnd.choice(["", '"X-Source-Language: zh_CN\\n"\n'])
        header = _HEADER.format(lang=rnd.choice(["en", "en_GB", "de"]), source=source, charset=charset)
        comments = "".join(f"{rnd.choice(_COMMENTS)}\n" for _ in range(rnd.randint(0, 2)))
        blocks.insert(rnd.choice([0, 0, 0, len(blocks)]), comments + header)
    if rnd.random() < 0.3:
        blocks.append('#~ msgid "obsolete"\n#~ msgstr "veraltet"')
    text = "".join(block + "\n" + rnd.choice(_SEPARATORS) for block in blocks)
    text = text[: len(text) - rnd.choice([0, 0, 1])]  # with or without the last newline
    if rnd.random() < 0.25:
        text = text.replace("\n", "\r\n")
    encoding = {"UTF-8": "utf-8", "ISO-8859-1": "latin-1", "GB18030": "gb18030"}[charset]
    data = text.encode(encoding, errors="replace")
    if charset == "UTF-8" and rnd.random() < 0.25:
        data = b"\xef\xbb\xbf" + data
    return data


SEEDS = st.integers(0, 2**32 - 1)


def _outcome(read: object, path: Path) -> tuple[object, ...]:
    """Every field of the Document *read* makes of *path* (locations in order), or its error."""
    try:
        doc = read(path)  # type: ignore[operator]
    except InputError as exc:
        return ("error", exc.path, exc.message, exc.line, exc.column)
    assert type(doc) is Document and all(type(seg) is Segment for seg in doc.segments)
    segments = [tuple((f.name, getattr(seg, f.name)) for f in fields(Segment)) for seg in doc.segments]
    document = [(f.name, getattr(doc, f.name)) for f in fields(Document) if f.name not in {"segments", "meta"}]
    meta = dict(doc.meta)
    locations = list(meta.pop("locations").items())  # type: ignore[attr-defined]
    return ("document", document, segments, locations, sorted(meta.items()))


FUZZ = settings(
    max_examples=400,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@FUZZ
@given(seed=SEEDS)
def test_reader_gives_the_documents_of_the_line_by_line_reading(seed: int) -> None:
    data = po_file(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.po"
        path.write_bytes(data)
        assert _outcome(po.read, path) == _outcome(_plain_read, path)


@settings(FUZZ, max_examples=1500, deadline=timedelta(seconds=2))
@given(seed=SEEDS)
def test_scan_takes_what_lex_reads_and_only_that(seed: int) -> None:
    """Where the scan reads a text, it finds the units and facts that the line-by-line reading finds."""
    data = po_file(seed)
    path = Path("fuzz.po")
    try:
        text = po._decode(data, path).text
    except InputError:
        return
    scanned = po.scan(text)
    try:
        lexed = po._lexed_units(text, path)
    except InputError:
        assert scanned is None  # a text lex refuses is never the scan's
        return
    assert scanned is None or scanned == lexed


def test_the_fuzzed_files_mostly_take_the_fast_scan() -> None:
    """The comparisons above are about the scan: most generated files must be read by it."""
    texts = []
    for seed in range(300):
        try:
            texts.append(po._decode(po_file(seed), Path("fuzz.po")).text)
        except InputError:
            continue
    assert sum(po.scan(text) is not None for text in texts) > len(texts) // 2


@pytest.mark.parametrize("path", [Path(__file__).parent / "data" / "formats" / "messages.po",
                                  Path(__file__).resolve().parent.parent / "seeds" / "coalition-sample.zh-en.po"])
def test_real_files_take_the_fast_scan_and_read_the_same(path: Path) -> None:
    assert po.scan(po._decode(path.read_bytes(), path).text) is not None
    assert _outcome(po.read, path) == _outcome(_plain_read, path)


def test_quirks_of_the_line_by_line_reading_are_kept() -> None:
    """Layouts where one regular expression could easily differ from reading line by line."""
    texts = [
        'msgid "a"\nmsgstr ""\n"wrapped"\n',  # the segment starts on the second line
        'msgid "a"\nmsgstr ""\n',  # an empty msgstr, nothing after it
        'msgid "a"\nmsgstr "b" junk\n',  # text after the closing quote: malformed
        'msgid "a"\nmsgstr "b"\n\nmsgstr[1] "c"\n',  # a form after a blank line belongs to the entry before
        'msgid "a"\n# c\nmsgstr "b"\n\nmsgid "d"\nmsgstr "e"',  # a comment between fields goes to the next entry
        'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b1"\nmsgstr[0] "b0"\nmsgstr[1] "b1 again"\n',
        'msgid "a"\nmsgstr "x\\\n"n"\n',  # an escape cut by the end of a line
        '#~ msgid "old"\n# kept?\n#~ msgstr "no"\nmsgid "a"\nmsgstr "b"',
        'msgid "a"\nmsgstr "b"\n "c"\n\t"d"  \n',
        'msgctxt ""\nmsgid ""\nmsgstr "not the header"\n',
    ]
    for text in texts:
        try:
            expected = po._lexed_units(text, Path("q.po"))
        except InputError:
            assert po.scan(text) is None, text
            continue
        scanned = po.scan(text)
        assert scanned is None or scanned == expected, text


@settings(FUZZ, max_examples=600)
@given(seed=SEEDS)
def test_toolkit_facts_are_those_translate_toolkit_gives(seed: int) -> None:
    """The shortcut for units without comments gives what getnotes/isfuzzy/hasplural give for every unit."""
    from translate.storage import pypo

    store = pypo.pofile()
    try:
        store.parse(po_file(seed))
    except Exception:  # files the toolkit refuses have no facts to compare
        return
    units = [u for u in store.units if not u.isheader() and not u.isobsolete()]
    assert po.toolkit_facts(store.units) == [(u.getnotes(), u.isfuzzy(), u.hasplural()) for u in units]
