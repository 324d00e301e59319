"""Gazetteer of names, places and organisations with their Chinese forms (CedPane + a curated list)."""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from checks.config import RunConfig
from checks.context import Context, resource_path

# Derived file written by ``python -m checks.gazetteer build`` and read at run time.
DATA_FILE = "gazetteer.tsv"
# The lookup indexes of DATA_FILE, written beside it by the build (``index`` rebuilds only them):
# building them from the 40,000 rows costs about 0.3 s of every run, reading them a tenth of that.
INDEX_FILE = "gazetteer_index.tsv"
INDEX_VERSION = "1"
DEMONYM_FILE = "demonyms.tsv"
WORDS_FILE = "english_words.txt"
CURATED_PEOPLE = "curated_people.tsv"
CURATED_PLACES = "curated_places.tsv"
MIN_ZH_LEN = 2

KINDS = ("person", "place", "org", "other")


@dataclass(frozen=True)
class Entry:
    """One named entity: its English spelling(s), Chinese form(s) and what it is."""

    english: str
    variants: tuple[str, ...]
    zh: tuple[str, ...]
    pinyin: tuple[str, ...]
    kind: str  # "person" | "place" | "org" | "other"
    role: str
    country: str
    curated: bool

    @property
    def spellings(self) -> tuple[str, ...]:
        """The main spelling followed by the variants."""
        return (self.english, *self.variants)


def fold(text: str) -> str:
    """Case- and accent-insensitive key of an English spelling ("Erdoğan" -> "erdogan")."""
    if text.isascii():
        return text.lower()  # the common case, and ten times cheaper than normalising
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # ı (dotless i), ø and ł have no decomposition; map them by hand so the fold is useful.
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_EXTRA_FOLD)


_EXTRA_FOLD = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss"})


def pinyin_key(pinyin: str) -> str:
    """Toneless, lower-case pinyin with syllables joined ("Pǔjīng" -> "pujing")."""
    return re.sub(r"[^a-z]", "", fold(pinyin))


# Row numbers under one index key: a list when built here, "3,17" when read from INDEX_FILE.
Rows = list[int] | str


class Gazetteer:
    """Lookups over the entries; each index is built on first use so loading stays cheap."""

    def __init__(
        self,
        rows: Sequence[str],
        demonyms: dict[str, tuple[str, ...]] | None = None,
        words_path: Path | None = None,
        index: tuple[Path, str] | None = None,
    ) -> None:
        self._rows = rows
        # (path, digest of the rows' file): the prebuilt indexes, used only if built from these rows.
        self._index_source = index
        self._index_sections: dict[str, str] | None = None
        self._words_path = words_path
        self._words: frozenset[str] | None = None
        self._all_demonyms: frozenset[str] | None = None
        self._people: list[Entry] | None = None
        self._entries: list[Entry | None] = [None] * len(rows)
        # Key -> row numbers; a prebuilt index keeps them as the text "3,17" until looked up.
        self._english: dict[str, Rows] | None = None
        self._chinese: dict[str, Rows] | None = None
        self._pinyin: dict[str, Rows] | None = None
        # First two characters of a Chinese form -> the lengths of the forms that start with it, longest first.
        self._zh_starts: dict[str, tuple[int, ...]] = {}
        self._demonyms = demonyms or {}
        self._country_words: dict[str, frozenset[str]] = {}
        # Chinese texts already searched: bilingual files repeat a source under several targets
        # (revisions, MT systems compared), and the search is a Python loop over every character.
        self._found: dict[str, tuple[tuple[int, int, Entry], ...]] = {}
        # Indexes are built lazily; the desktop app may check in a worker thread while the UI looks names up.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, index: int) -> Entry:
        """The entry at *index* (parsed on first access)."""
        cached = self._entries[index]
        if cached is None:
            cached = _parse_row(self._rows[index])
            self._entries[index] = cached
        return cached

    def __iter__(self) -> Iterator[Entry]:
        return (self.entry(i) for i in range(len(self._rows)))

    # Indexes ---------------------------------------------------------------------------------

    def _english_index(self) -> dict[str, Rows]:
        if self._english is None:
            with self._lock:
                if self._english is None:
                    self._english = self._prebuilt("english") or self._build_english()
        return self._english

    def _build_english(self) -> dict[str, Rows]:
        index: dict[str, Rows] = {}
        for i, row in enumerate(self._rows):
            english, variants, _ = row.split("\t", 2)
            key = fold(english)
            index.setdefault(key, []).append(i)  # type: ignore[union-attr]
            if variants:  # few rows have variants: keep the common path free of sets
                for other in {fold(v) for v in variants.split(";")} - {key}:
                    index.setdefault(other, []).append(i)  # type: ignore[union-attr]
        return index

    def _chinese_index(self) -> dict[str, Rows]:
        if self._chinese is None:
            with self._lock:
                if self._chinese is None:
                    starts = self._prebuilt("starts")
                    index = self._prebuilt("chinese") if starts is not None else None
                    if index is None or starts is None:
                        index = self._build_chinese()
                        self._zh_starts = _starts(index)
                    else:
                        # A hundred-odd distinct length lists among 25,000 starts: convert each once.
                        lengths = {text: tuple(map(int, text.split(","))) for text in set(starts.values())}
                        self._zh_starts = {key: lengths[text] for key, text in starts.items()}
                    self._chinese = index
        return self._chinese

    def _build_chinese(self) -> dict[str, Rows]:
        index: dict[str, Rows] = {}
        for i, row in enumerate(self._rows):
            zh = row.split("\t", 3)[2]
            for form in zh.split(";") if zh else ():
                index.setdefault(form, []).append(i)  # type: ignore[union-attr]
        return index

    def _pinyin_index(self) -> dict[str, Rows]:
        if self._pinyin is None:
            with self._lock:
                if self._pinyin is None:
                    self._pinyin = self._prebuilt("pinyin") or self._build_pinyin()
        return self._pinyin

    def _build_pinyin(self) -> dict[str, Rows]:
        index: dict[str, Rows] = {}
        for i, row in enumerate(self._rows):
            _, _, zh, pinyin, _ = row.split("\t", 4)
            # One-character forms are too ambiguous to identify a name by its pinyin.
            if ";" not in zh:
                if pinyin and len(zh) >= MIN_ZH_LEN:
                    index.setdefault(pinyin, []).append(i)  # type: ignore[union-attr]
                continue
            for form, key in zip(zh.split(";"), pinyin.split(";"), strict=False):
                if key and len(form) >= MIN_ZH_LEN:
                    index.setdefault(key, []).append(i)  # type: ignore[union-attr]
        return index

    def _prebuilt(self, name: str) -> dict[str, str] | None:
        """Section *name* of the prebuilt index file, or None when there is none for these rows."""
        if self._index_sections is None:
            self._index_sections = _read_index(*self._index_source) if self._index_source else {}
        # Each section is read once (its index is then kept): the text need not outlive it.
        section = self._index_sections.pop(name, None)
        if not section:
            return None
        parts = section.replace("\n", "\t").split("\t")
        return dict(zip(parts[::2], parts[1::2], strict=True))

    def index_text(self) -> str:
        """The indexes of these rows as the text of INDEX_FILE (without its header)."""
        chinese = self._build_chinese()
        sections = {
            "english": self._build_english(),
            "chinese": chinese,
            "pinyin": self._build_pinyin(),
            "starts": {key: list(lengths) for key, lengths in _starts(chinese).items()},
        }
        return "".join(
            f"[{name}]\n" + "".join(f"{key}\t{','.join(map(str, rows))}\n" for key, rows in sorted(index.items()))
            for name, index in sections.items()
        )

    def prepare(self, *, chinese: bool = False) -> None:
        """Build the English index (and the Chinese one) now instead of on first lookup."""
        self._english_index()
        if chinese:
            self._chinese_index()

    def _collect(self, indices: Rows | tuple[()]) -> list[Entry]:
        rows = map(int, indices.split(",")) if isinstance(indices, str) else indices
        entries = [self.entry(i) for i in rows]
        # Curated entries first: they carry role and country, and are the preferred spelling.
        entries.sort(key=lambda e: not e.curated)
        return entries

    # Public lookups ----------------------------------------------------------------------------

    def by_english(self, name: str) -> list[Entry]:
        """Entries whose spelling or a variant equals *name* (case- and accent-insensitive)."""
        return self._collect(self._english_index().get(fold(name.strip()), ()))

    def is_known(self, name: str) -> bool:
        """True when *name* is a known English spelling of some entry."""
        return fold(name.strip()) in self._english_index()

    def by_chinese(self, zh: str) -> list[Entry]:
        """Entries with the Chinese form *zh* (simplified)."""
        return self._collect(self._chinese_index().get(zh.strip(), ()))

    def by_pinyin(self, token: str) -> list[Entry]:
        """Entries with a Chinese form whose toneless pinyin is *token* ("Pujing" -> Putin)."""
        return self._collect(self._pinyin_index().get(pinyin_key(token), ()))

    _FOUND_LIMIT = 50_000  # texts remembered; about 10 MB of keys for news sentences

    def find_in_chinese(self, text: str) -> list[tuple[int, int, Entry]]:
        """Longest known transliterations in *text*, left to right, as (start, end, entry)."""
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= self._FOUND_LIMIT:
                self._found.clear()
            found = self._found[text] = tuple(self._search_chinese(text))
        return list(found)

    def _search_chinese(self, text: str) -> list[tuple[int, int, Entry]]:
        index = self._chinese_index()
        starts = self._zh_starts
        found: list[tuple[int, int, Entry]] = []
        i, n = 0, len(text)
        while i < n:
            # Only the lengths of forms that start with these two characters can match here
            # (one position in twenty starts any): one lookup per character, not one per length.
            for length in starts.get(text[i : i + MIN_ZH_LEN], ()):
                if i + length <= n and (hits := index.get(text[i : i + length])):
                    for entry in self._collect(hits):
                        found.append((i, i + length, entry))
                    i += length
                    break
            else:
                i += 1
        return found

    def country_words(self, country: str) -> frozenset[str]:
        """Words that name *country* in English: its spellings and demonyms ("France", "French")."""
        if not country:
            return frozenset()
        if country not in self._country_words:
            words = {country, *self._demonyms.get(country, ())}
            for entry in self.by_english(country):
                if entry.curated and entry.kind == "place":
                    words.update(entry.spellings)
            self._country_words[country] = frozenset(words)
        return self._country_words[country]

    def is_word(self, word: str) -> bool:
        """True when *word* is a common English word (CedPane's English glosses), whatever its case."""
        if self._words is None:
            path = self._words_path
            self._words = frozenset(_read_lines(path)) if path is not None and path.exists() else frozenset()
        return fold(word) in self._words

    def is_demonym(self, word: str) -> bool:
        """True when *word* is a country adjective or demonym ("French", "Swedes")."""
        if self._all_demonyms is None:
            self._all_demonyms = frozenset(fold(w) for words in self._demonyms.values() for w in words)
        return fold(word) in self._all_demonyms

    def curated_people(self) -> list[Entry]:
        """All curated person entries (computed once)."""
        if self._people is None:
            # Test the raw row first: parsing all 40,000 CedPane rows to find a few hundred is slow.
            rows = self._rows
            self._people = [
                entry
                for i in range(len(rows))
                if rows[i].endswith("\t1") and (entry := self.entry(i)).kind == "person"
            ]
        return list(self._people)


def _split(field: str) -> tuple[str, ...]:
    return tuple(part for part in field.split(";") if part) if field else ()


def _parse_row(row: str) -> Entry:
    english, variants, zh, pinyin, kind, role, country, curated = row.split("\t")
    return Entry(english, _split(variants), _split(zh), _split(pinyin), kind, role, country, curated == "1")


def _read_lines(path: Path) -> list[str]:
    return _lines(path.read_text(encoding="utf-8"))


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line and not line.startswith("#")]


def _starts(chinese: dict[str, Rows]) -> dict[str, tuple[int, ...]]:
    """First two characters of the Chinese forms -> the lengths of the forms starting so, longest first."""
    starts: dict[str, set[int]] = {}
    for key in chinese:
        if len(key) >= MIN_ZH_LEN:
            starts.setdefault(key[:MIN_ZH_LEN], set()).add(len(key))
    return {ch: tuple(sorted(lengths, reverse=True)) for ch, lengths in starts.items()}


_INDEX_SECTIONS = ("english", "chinese", "pinyin", "starts")


def _index_header(digest: str) -> str:
    return (
        "# lookup indexes of gazetteer.tsv -- generated by `python -m checks.gazetteer index`, do not edit\n"
        f"# version {INDEX_VERSION} sha256 {digest}\n"
    )


def _read_index(path: Path, digest: str) -> dict[str, str]:
    """The sections of the index file at *path*, or {} unless it was built from rows with *digest*."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    header = _index_header(digest)
    if not text.startswith(header):
        return {}  # missing, from an older build or for other rows: the indexes are built instead
    # Data lines always hold a tab, so a line "[name]" can only be a section heading.
    marks = [text.find(f"\n[{name}]\n", len(header) - 1) for name in _INDEX_SECTIONS]
    if -1 in marks or marks != sorted(marks):
        return {}
    ends = [*marks[1:], len(text) - 1]
    return {
        name: text[mark + len(name) + 4 : end]
        for name, mark, end in zip(_INDEX_SECTIONS, marks, ends, strict=True)
    }


def write_index(directory: Path) -> Path:
    """Write INDEX_FILE for the DATA_FILE in *directory*; return its path."""
    data = (directory / DATA_FILE).read_bytes()
    text = _index_header(hashlib.sha256(data).hexdigest()) + Gazetteer(_lines(data.decode("utf-8"))).index_text()
    path = directory / INDEX_FILE
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def load_path(directory: Path) -> Gazetteer:
    """Read the built gazetteer from *directory* (rows are parsed lazily)."""
    data = (directory / DATA_FILE).read_bytes()
    rows = _lines(data.decode("utf-8"))
    demonyms: dict[str, tuple[str, ...]] = {}
    demonym_path = directory / DEMONYM_FILE
    if demonym_path.exists():
        for line in _read_lines(demonym_path):
            country, _, words = line.partition("\t")
            demonyms[country] = _split(words)
    index = (directory / INDEX_FILE, hashlib.sha256(data).hexdigest())
    return Gazetteer(rows, demonyms, directory / WORDS_FILE, index)


def _loader(_config: RunConfig) -> Gazetteer:
    return load_path(resource_path("gazetteer"))


def load(ctx: Context) -> Gazetteer:
    """The shipped gazetteer, loaded once per run context."""
    return ctx.resources.get("gazetteer", _loader)


# Build -----------------------------------------------------------------------------------------

_NOTE_RE = re.compile(r"\s*\(([^)]*)\)")
_PERSON_NOTES = ("surname", "name", "person", "bible", "modern", "given", "female", "male", "politician",
                 "writer", "poet", "painter", "composer", "emperor", "king", "queen", "saint", "philosopher",
                 "physicist", "scientist", "actor", "actress", "singer", "player", "general", "president")
_PLACE_NOTES = ("town", "county", "city", "in ", "district", "river", "island", "province", "mountain", "lake",
                "place", "township", "banner", "village", "prefecture", "state", "country", "capital", "region",
                "sea", "bay", "strait", "peninsula", "desert", "valley", "port", "canal", "ocean")
_ORG_NOTES = ("company", "university", "party", "organization", "organisation", "agency", "school", "bank",
              "newspaper", "band", "brand", "corporation", "institute", "college", "airline", "magazine")
# Notes that mark a place inside the Chinese-speaking world (its English is itself pinyin).
_CHINA_NOTES = ("town", "county", "township", "banner", "taiwan", "district", "kaohsiung", "tainan", "taipei",
                "hong kong", "province", "in anhui", "in beijing", "in chongqing", "in fujian", "in gansu",
                "in guangdong", "in guangxi", "in guizhou", "in hainan", "in hebei", "in heilongjiang", "in henan",
                "in hubei", "in hunan", "in inner mongolia", "in jiangsu", "in jiangxi", "in jilin", "in liaoning",
                "in ningxia", "in qinghai", "in shaanxi", "in shandong", "in shanghai", "in shanxi", "in sichuan",
                "in tianjin", "in tibet", "in xinjiang", "in yunnan", "in zhejiang")


def _classify(notes: str) -> tuple[str, str]:
    low = notes.lower()
    country = "China" if any(n in low for n in _CHINA_NOTES) else ""
    if not low:
        return "other", country
    if any(n in low for n in _ORG_NOTES):
        return "org", country
    if any(n in low for n in _PLACE_NOTES):
        return "place", country
    if any(n in low for n in _PERSON_NOTES):
        return "person", country
    return "other", country


def _clean_english(field: str) -> tuple[list[str], str]:
    """Split a CedPane english field into spellings and the text of its notes."""
    notes = " ".join(_NOTE_RE.findall(field))
    spellings: list[str] = []
    for part in field.split(";"):
        name = " ".join(_NOTE_RE.sub(" ", part).split()).strip(" ,")
        if name and name[0].isupper() and name not in spellings and "(" not in name and ")" not in name:
            spellings.append(name)
    return spellings, notes


def _pinyin_of(zh: str) -> str:
    from pypinyin import Style, lazy_pinyin  # build-time only

    return pinyin_key("".join(lazy_pinyin(zh, style=Style.NORMAL, errors="ignore")))


def _row(english: str, variants: Iterable[str], zh: Iterable[str], pinyin: Iterable[str], kind: str, role: str,
         country: str, curated: bool) -> str:
    fields = [english, ";".join(variants), ";".join(zh), ";".join(pinyin), kind, role, country,
              "1" if curated else "0"]
    return "\t".join(f.replace("\t", " ") for f in fields)


def _curated_rows(directory: Path) -> tuple[list[str], list[str]]:
    rows: list[str] = []
    demonyms: list[str] = []
    for line in _read_lines(directory / CURATED_PEOPLE):
        english, variants, role, country, zh = (line.split("\t") + [""] * 5)[:5]
        forms = _split(zh)
        rows.append(_row(english, _split(variants), forms, [_pinyin_of(f) for f in forms], "person", role,
                         country, True))
    for line in _read_lines(directory / CURATED_PLACES):
        english, variants, kind, role, country, zh, adjectives = (line.split("\t") + [""] * 7)[:7]
        forms = _split(zh)
        rows.append(_row(english, _split(variants), forms, [_pinyin_of(f) for f in forms], kind, role,
                         country, True))
        if role == "country" and adjectives:
            demonyms.append(f"{english}\t{adjectives}")
    return rows, demonyms


def _cedpane_rows(cedpane: Path) -> list[str]:
    merged: dict[tuple[str, ...], tuple[str, str, list[str], list[str]]] = {}
    with cedpane.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < len(header) or fields[col["capitalized"]] != "1":
                continue
            spellings, notes = _clean_english(fields[col["english"]])
            zh = fields[col["simplified"]].strip()
            if not spellings or not zh:
                continue
            kind, country = _classify(notes)
            key = (*spellings, kind, country)
            if key not in merged:
                merged[key] = (kind, country, [], [])
            zh_list, py_list = merged[key][2], merged[key][3]
            if zh not in zh_list:
                zh_list.append(zh)
                py_list.append(pinyin_key(fields[col["pinyin"]]))
    rows = []
    for key, (kind, country, zh_list, py_list) in merged.items():
        spellings = key[:-2]
        rows.append(_row(spellings[0], spellings[1:], zh_list, py_list, kind, "", country, False))
    return rows


def _english_words(cedpane: Path) -> list[str]:
    """Lower-case single words of CedPane's non-name glosses: a small list of common English words."""
    words: set[str] = set()
    with cedpane.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < len(header) or fields[col["capitalized"]] != "0":
                continue
            gloss = _NOTE_RE.sub(" ", fields[col["english"]])
            words.update(w for w in re.split(r"[;,/\s]+", gloss) if re.fullmatch(r"[a-z]{3,}", w))
    return sorted(words)


def build(cedpane: Path, directory: Path) -> tuple[int, int]:
    """Write the derived gazetteer files into *directory*; return (curated, cedpane) row counts."""
    curated, demonyms = _curated_rows(directory)
    derived = _cedpane_rows(cedpane)
    header = ("# english\tvariants\tzh\tpinyin\tkind\trole\tcountry\tcurated -- generated by "
              "`python -m checks.gazetteer build`, do not edit; see README.md")
    (directory / DATA_FILE).write_text("\n".join([header, *curated, *sorted(derived)]) + "\n", encoding="utf-8")
    write_index(directory)
    (directory / DEMONYM_FILE).write_text(
        "\n".join(["# country\tadjectives and demonyms (generated from curated_places.tsv)", *demonyms]) + "\n",
        encoding="utf-8",
    )
    (directory / WORDS_FILE).write_text(
        "\n".join(["# common English words from CedPane glosses (public domain), generated", *_english_words(cedpane)])
        + "\n",
        encoding="utf-8",
    )
    return len(curated), len(derived)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m checks.gazetteer build <cedpane.tsv> [--out DIR]`` or ``... index [--out DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m checks.gazetteer", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="derive resources/gazetteer/gazetteer.tsv from CedPane")
    build_cmd.add_argument("cedpane", type=Path, help="cedpane_names_zh_en.tsv")
    build_cmd.add_argument("--out", type=Path, default=None, help="directory with the curated lists")
    index_cmd = sub.add_parser("index", help=f"rebuild only {INDEX_FILE} from {DATA_FILE}")
    index_cmd.add_argument("--out", type=Path, default=None, help=f"directory with {DATA_FILE}")
    args = parser.parse_args(argv)
    out = args.out or resource_path("gazetteer")
    if args.command == "index":
        print(f"wrote {write_index(out)}")
        return 0
    curated, derived = build(args.cedpane, out)
    print(f"wrote {out / DATA_FILE}: {curated} curated + {derived} CedPane entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
