"""Source/target alignment of monolingual files: paragraphs, then sentences, Gale-Church DP with anchors."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from checks.errors import InputError
from checks.model import Document, Segment
from checks.readers import plaintext, tabular, word
from checks.readers.textio import DecodedText, atomic_write, encode_text, read_text
from checks.segmenter import is_chinese, split

# Bead types (source items, target items) with Gale and Church's prior probabilities.
BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.89, (1, 2): 0.0445, (2, 1): 0.0445, (1, 0): 0.005, (0, 1): 0.005, (2, 2): 0.011,
}
VARIANCE = 6.8  # Gale and Church's per-character variance of the length difference
ANCHOR_BONUS = 2.0  # cost removed per number/name shared by both sides of a bead
ANCHOR_MISS = 0.5  # cost added per anchor present on one side of a bead only
BAND = 30  # smallest half-width of the DP search band around the diagonal

_NUMBER = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_SCALE = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "百": 100, "million": 1_000_000, "billion": 1_000_000_000,
          "thousand": 1_000, "trillion": 1_000_000_000_000, "万亿": 1_000_000_000_000}
_SCALED = re.compile(r"(\d+(?:[,，]\d{3})*(?:\.\d+)?)\s*(万亿|万|亿|千|百|million|billion|thousand|trillion)")
_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1_000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
# A Chinese numeral: starts with a digit (or 十) and holds at least one unit, e.g. 两千, 三百万, 十五.
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]+")
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]+|\b[A-Z]{2,}\b")


def zh_numeral_value(numeral: str) -> int | None:
    """Value of a Chinese numeral written with digits and units (两千 -> 2000), None if it has no unit."""
    if not any(ch in _ZH_SMALL or ch in _ZH_BIG for ch in numeral):
        return None
    total = section = digit = 0
    for ch in numeral:
        if ch in _ZH_DIGIT:
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_SMALL:
            section += (digit or 1) * _ZH_SMALL[ch]
            digit = 0
        elif ch == "亿":
            total = (total + section + digit) * _ZH_BIG[ch]
            section = digit = 0
        else:  # 万 scales only the part after the last 亿: 一亿五千万 = 100,000,000 + 50,000,000
            total += (section + digit) * _ZH_BIG[ch]
            section = digit = 0
    return total + section + digit


def anchors(text: str) -> frozenset[str]:
    """Numbers (with Chinese and English scale words resolved) and Latin-script names in *text*."""
    out: set[str] = set()
    for m in _NUMBER.finditer(text):
        out.add(m.group(0).replace(",", "").replace("，", ""))
    for m in _SCALED.finditer(text):
        value = float(m.group(1).replace(",", "").replace("，", "")) * _SCALE[m.group(2)]
        out.add(f"{value:.0f}" if value == int(value) else f"{value:g}")
    for m in _ZH_NUMERAL.finditer(text):
        value = zh_numeral_value(m.group(0))
        if value is not None:
            out.add(str(value))
    for m in _LATIN_NAME.finditer(text):
        out.add(m.group(0).lower())
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Item:
    """A paragraph or sentence: its span in its own text, length and anchors."""

    start: int
    end: int
    length: int
    anchors: frozenset[str]


def make_items(text: str, spans: Sequence[tuple[int, int]]) -> list[Item]:
    """Items for *spans* of *text*; length counts non-space characters."""
    return [Item(s, e, len(re.sub(r"\s", "", text[s:e])), anchors(text[s:e])) for s, e in spans]


def _norm_sf(z: float) -> float:
    """Two-sided tail probability of the standard normal distribution."""
    return math.erfc(abs(z) / math.sqrt(2))


def _bead_cost(src: Sequence[Item], tgt: Sequence[Item], ratio: float, prior: float, names: frozenset[str]) -> float:
    ls = sum(i.length for i in src)
    lt = sum(i.length for i in tgt)
    expected = ls * ratio
    z = (lt - expected) / math.sqrt(VARIANCE * max((expected + lt) / 2, 1.0))
    cost = -math.log(max(_norm_sf(z), 1e-12)) - math.log(prior)
    sa = frozenset().union(*(i.anchors for i in src)) if src else frozenset()
    ta = frozenset().union(*(i.anchors for i in tgt)) if tgt else frozenset()
    # Latin words on the target side only count when the source writes them too (names, acronyms).
    ta = frozenset(a for a in ta if not a.isalpha() or a in names)
    shared = len(sa & ta)
    return cost - ANCHOR_BONUS * shared + ANCHOR_MISS * len(sa ^ ta) * (1 if src and tgt else 0)


def align_items(src: Sequence[Item], tgt: Sequence[Item], ratio: float) -> list[tuple[range, range]]:
    """Minimum-cost sequence of beads covering both lists (dynamic programming)."""
    names = frozenset(a for i in src for a in i.anchors if a.isalpha())
    n, m = len(src), len(tgt)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    # Only cells near the diagonal are explored: keeps long documents near-linear in time.
    band = max(BAND, (n + m) // 10) if n and m else n + m
    for i in range(n + 1):
        centre = round(i * m / n) if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (di, dj), prior in BEADS.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = here + _bead_cost(src[i:ni], tgt[j:nj], ratio, prior, names)
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)
    beads: list[tuple[range, range]] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append((range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


@dataclass(frozen=True, slots=True)
class Bead:
    """One aligned pair: source text and the target span [start, end) in the target text."""

    source: str
    start: int
    end: int
    kind: str


def align_texts(
    src_text: str, src_paras: Sequence[tuple[int, int]], tgt_text: str, tgt_paras: Sequence[tuple[int, int]],
    src_lang: str, tgt_lang: str = "en",
) -> list[Bead]:
    """Align paragraphs, then the sentences inside each paragraph bead."""
    sp, tp = make_items(src_text, src_paras), make_items(tgt_text, tgt_paras)
    total_s, total_t = sum(i.length for i in sp), sum(i.length for i in tp)
    ratio = total_t / total_s if total_s and total_t else 1.0
    joiner = "" if src_lang.startswith("zh") else " "
    beads: list[Bead] = []
    last_end = tp[0].start if tp else 0
    for prange, trange in align_items(sp, tp, ratio):
        s_sent = [(s + a, s + b) for k in prange for s, e in [src_paras[k]] for a, b in split(src_text[s:e], src_lang)]
        t_sent = [(s + a, s + b) for k in trange for s, e in [tgt_paras[k]] for a, b in split(tgt_text[s:e], tgt_lang)]
        if trange:
            last_end = tgt_paras[trange[0]][0]
        for srange, grange in align_items(make_items(src_text, s_sent), make_items(tgt_text, t_sent), ratio):
            source = joiner.join(src_text[s_sent[k][0] : s_sent[k][1]] for k in srange)
            if grange:
                start, end = t_sent[grange[0]][0], t_sent[grange[-1]][1]
                last_end = end
            else:
                start = end = last_end
            beads.append(Bead(source, start, end, f"{len(srange)}-{len(grange)}"))
    return beads


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _read_side(path: Path) -> tuple[str, list[tuple[int, int]], DecodedText | None, list[str]]:
    """Text, paragraph spans, decoded file (text files) and paragraph ids (DOCX) of one side."""
    if path.suffix.lower() == ".docx":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
        paras = [(pid, t) for pid, t, _ in word.paragraph_texts(data, path) if t.strip()]
        spans: list[tuple[int, int]] = []
        pos = 0
        for _, t in paras:
            spans.append((pos, pos + len(t)))
            pos += len(t) + 2
        return "\n\n".join(t for _, t in paras), spans, None, [pid for pid, _ in paras]
    decoded = read_text(path)
    return decoded.text, [(s, e) for _, s, e in plaintext.paragraphs(decoded.text)], decoded, []


def read_pair(target_path: Path, source_path: Path) -> Document:
    """Align a target file with its source file into a bilingual Document (see checks.readers.read_pair)."""
    src_text, src_paras, _, _ = _read_side(source_path)
    tgt_text, tgt_paras, decoded, para_ids = _read_side(target_path)
    src_lang = "zh" if is_chinese(src_text) else "en"
    beads = align_texts(src_text, src_paras, tgt_text, tgt_paras, src_lang)
    segments: list[Segment] = []
    for n, bead in enumerate(beads, start=1):
        line, col = _line_col(tgt_text, bead.start)
        para = next((k for k, (s, e) in enumerate(tgt_paras) if s <= bead.start <= e), 0)
        note = "" if bead.kind == "1-1" else f"alignment {bead.kind}"
        is_docx = decoded is None
        segments.append(Segment(
            id=str(n), target=tgt_text[bead.start : bead.end], source=bead.source,
            line=None if is_docx else line, column=None if is_docx else col, offset=bead.start,
            origin=f"paragraph {para_ids[para]}" if is_docx and para_ids else f"line {line}", note=note,
        ))
    fmt = "docx" if decoded is None else ("markdown" if target_path.suffix.lower() in {".md", ".markdown"} else "text")
    meta: dict[str, object] = {"aligned": True, "source_path": str(source_path), "text": tgt_text}
    if decoded is not None:
        meta["decoded"] = decoded
    else:
        meta["data"] = target_path.read_bytes()
        meta["paragraph_ids"] = tuple(para_ids)
    return Document(str(target_path), tuple(segments), fmt, source_lang=src_lang, target_lang="en",
                    meta=MappingProxyType(meta))


def corrected_text(doc: Document, targets: Mapping[str, str]) -> str:
    """The target text with changed sentence targets spliced in at their offsets."""
    text = doc.meta["text"]
    assert isinstance(text, str)
    pieces: list[str] = []
    pos = 0
    for seg in sorted(doc.segments, key=lambda s: (s.offset or 0, len(s.target))):
        new = targets.get(seg.id)
        if new is None or new == seg.target or seg.offset is None:
            continue
        start, end = seg.offset, seg.offset + len(seg.target)
        if not new.strip() and end < len(text) and text[end] == " ":
            end += 1  # a deleted sentence takes one separating space with it
        elif not new.strip() and start > pos and text[start - 1] == " ":
            start -= 1  # ... the one before it when it ends its paragraph
        elif seg.target == "" and new and start > 0 and not text[start - 1].isspace():
            new = " " + new  # an inserted missing sentence is separated from the one before
        pieces.append(text[pos:start])
        pieces.append(new)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def write(doc: Document, targets: Mapping[str, str], out: Path) -> None:
    """Write the aligned target file back (text: encoding and newlines kept; DOCX: runs kept)."""
    new_text = corrected_text(doc, targets)
    decoded = doc.meta.get("decoded")
    if isinstance(decoded, DecodedText):
        atomic_write(out, encode_text(decoded, new_text))
        return
    data, ids, old_text = doc.meta["data"], doc.meta["paragraph_ids"], doc.meta["text"]
    assert isinstance(data, bytes) and isinstance(ids, tuple) and isinstance(old_text, str)
    old_paras, new_paras = old_text.split("\n\n"), new_text.split("\n\n")
    if len(old_paras) != len(new_paras):
        raise InputError(doc.path, "a fix would add or remove a paragraph; not supported for DOCX targets")
    changes = {pid: new for pid, old, new in zip(ids, old_paras, new_paras, strict=True) if old != new}
    atomic_write(out, word.corrected_bytes(data, Path(doc.path), changes))


def export_alignment(doc: Document, fmt: str) -> str:
    """The aligned segments as TSV (id, source, target) or as an XLIFF 1.2 document."""
    if fmt == "tsv":
        rows = ["id\tsource\ttarget"]
        for seg in doc.segments:
            cells = (seg.id, seg.source or "", seg.target)
            rows.append("\t".join(tabular.quote(c, "\t", False) if any(ch in c for ch in '\t\n"') else c for c in cells))
        return "\n".join(rows) + "\n"
    if fmt == "xliff":
        return _xliff(doc)
    raise ValueError(f"unknown alignment export format {fmt!r} (expected tsv or xliff)")


def _xliff(doc: Document) -> str:
    ns = "urn:oasis:names:tc:xliff:document:1.2"
    q: Callable[[str], str] = lambda name: f"{{{ns}}}{name}"  # noqa: E731
    root = etree.Element(q("xliff"), nsmap={None: ns}, version="1.2")
    file = etree.SubElement(root, q("file"), original=Path(doc.path).name, datatype="plaintext")
    file.set("source-language", doc.source_lang or "zh")
    file.set("target-language", doc.target_lang)
    body = etree.SubElement(file, q("body"))
    for seg in doc.segments:
        unit = etree.SubElement(body, q("trans-unit"), id=seg.id)
        etree.SubElement(unit, q("source")).text = seg.source or ""
        etree.SubElement(unit, q("target")).text = seg.target
        if seg.note:
            etree.SubElement(unit, q("note")).text = seg.note
    etree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="unicode") + "\n"
