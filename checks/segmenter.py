"""Sentence segmentation of Chinese and English paragraphs into (start, end) spans."""

from __future__ import annotations

import re

# Chinese sentence ends, with any closing quotes/brackets that follow them.
_ZH_END = re.compile(r"(?:……|…|[。！？；!?;])[”’」』》）)\"']*")
_EN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")
# Words that end in a full stop without ending the sentence (lower-cased, without the stop).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "sen", "rep", "gov", "pres", "rev", "hon", "amb", "fr", "messrs", "mme", "mlle",
    "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "est", "approx", "fig", "no", "nos", "vol", "vols",
    "pp", "p", "ch", "art", "sec", "para", "ed", "eds", "vs", "v", "cf", "al", "e.g", "i.e", "viz", "ca",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "d.c", "n.y", "l.a",
})


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + len(piece.rstrip())))
        start = cut
    return out


def split_zh(text: str) -> list[tuple[int, int]]:
    """Sentences of a Chinese paragraph: after 。！？；… and the closing quotes that follow."""
    return _spans(text, [m.end() for m in _ZH_END.finditer(text) if m.end() < len(text)])


def split_en(text: str) -> list[tuple[int, int]]:
    """Sentences of an English paragraph: after . ! ? unless the full stop ends an abbreviation."""
    cuts: list[int] = []
    for m in _EN_END.finditer(text):
        end = m.end()
        if end >= len(text.rstrip()):
            continue
        if text[m.start()] == ".":
            word = re.search(r"([A-Za-z.]+)$", text[: m.start()])
            token = word.group(1).lower() if word else ""
            if token in ABBREVIATIONS or len(token) == 1:
                continue  # "Mr. Smith", "U.S. forces", "J. Smith"
        rest = text[end:].lstrip()
        # A sentence starts with a capital, a digit, a quote or an opening bracket.
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘([" or not rest[0].isascii()):
            continue
        cuts.append(end)
    return _spans(text, cuts)


def is_chinese(text: str) -> bool:
    """True when Han characters make up a good part of the letters of *text*."""
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    letters = sum(1 for ch in text if ch.isalpha())
    return han > 0 and han * 2 >= letters * 0.5


def split(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Sentences of *text* in *lang* ("zh..." or anything else for English); guessed if None."""
    zh = lang.lower().startswith("zh") if lang else is_chinese(text)
    return split_zh(text) if zh else split_en(text)
