"""Gazetteer: lookups by English, Chinese and pinyin, scanning Chinese text, the build command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks import gazetteer
from checks.context import Context, resource_path
from checks.gazetteer import Gazetteer, load, load_path


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load(Context.create())


def test_load_is_cached_per_context():
    ctx = Context.create()
    first = load(ctx)
    assert load(ctx) is first
    assert len(first) > 40_000
    assert load(Context.create()) is not first


def _plain(index: dict) -> dict[str, list[int]]:
    return {key: [int(i) for i in rows.split(",")] if isinstance(rows, str) else rows for key, rows in index.items()}


def test_shipped_index_is_current_and_equals_the_indexes_built_from_the_rows():
    # A stale index file is ignored (correct but slow): this catches gazetteer.tsv edited without
    # `python -m checks.gazetteer index`.
    shipped = load_path(resource_path("gazetteer"))
    assert shipped._index_source is not None
    assert set(gazetteer._read_index(*shipped._index_source)) == {"english", "chinese", "pinyin", "starts"}
    fresh = Gazetteer(shipped._rows)
    assert _plain(shipped._english_index()) == fresh._build_english()
    assert _plain(shipped._chinese_index()) == fresh._build_chinese()
    assert _plain(shipped._pinyin_index()) == fresh._build_pinyin()
    assert isinstance(next(iter(shipped._english.values())), str)  # really read from the file
    assert shipped._zh_starts == gazetteer._starts(fresh._build_chinese())


def _small_gazetteer(directory: Path, rows: list[str]) -> None:
    header = "# english\tvariants\tzh\tpinyin\tkind\trole\tcountry\tcurated"
    (directory / gazetteer.DATA_FILE).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_index_of_other_rows_or_damaged_is_ignored(tmp_path: Path):
    _small_gazetteer(tmp_path, ["Vladimir Putin\t\t普京\tpujing\tperson\t\tRussia\t1"])
    assert gazetteer.main(["index", "--out", str(tmp_path)]) == 0
    assert load_path(tmp_path).by_chinese("普京")[0].english == "Vladimir Putin"
    assert isinstance(load_path(tmp_path)._english_index()["vladimir putin"], str)
    # The rows change after the index was written: lookups must follow the rows, not the index.
    _small_gazetteer(tmp_path, ["Emmanuel Macron\t\t马克龙\tmakelong\tperson\t\tFrance\t1"])
    changed = load_path(tmp_path)
    assert changed.by_chinese("普京") == []
    assert changed.by_english("Macron") == [] and changed.by_english("Emmanuel Macron")[0].zh == ("马克龙",)
    assert [e.english for _, _, e in changed.find_in_chinese("法国总统马克龙")] == ["Emmanuel Macron"]
    assert changed.by_pinyin("Makelong")[0].english == "Emmanuel Macron"
    # A truncated index (a section missing) is ignored too.
    gazetteer.write_index(tmp_path)
    index = tmp_path / gazetteer.INDEX_FILE
    index.write_text(index.read_text(encoding="utf-8").split("[pinyin]")[0], encoding="utf-8")
    damaged = load_path(tmp_path)
    assert damaged.by_pinyin("Makelong")[0].english == "Emmanuel Macron"
    assert [e.english for _, _, e in damaged.find_in_chinese("马克龙说")] == ["Emmanuel Macron"]


def test_by_english_finds_curated_person_by_surname_with_role_and_country(gaz):
    entries = gaz.by_english("Burkhard")
    assert entries[0].curated
    assert entries[0].english == "Thierry Burkhard"
    assert entries[0].country == "France"
    assert entries[0].kind == "person"
    assert "布尔卡尔" in entries[0].zh


def test_by_english_ignores_case_and_accents(gaz):
    assert any(e.english == "Recep Tayyip Erdoğan" for e in gaz.by_english("erdogan"))
    assert any(e.english == "Recep Tayyip Erdoğan" for e in gaz.by_english("ERDOĞAN"))
    assert gaz.by_english("Nonexistentname Xyz") == []


def test_by_chinese_and_by_pinyin(gaz):
    assert gaz.by_chinese("普京")[0].english == "Vladimir Putin"
    assert gaz.by_pinyin("Pujing")[0].english == "Vladimir Putin"
    assert gaz.by_pinyin("makelong")[0].english == "Emmanuel Macron"
    assert gaz.by_pinyin("Mǎkèlóng")[0].english == "Emmanuel Macron"


def test_find_in_chinese_returns_longest_matches_with_offsets(gaz):
    text = "法国总统马克龙与北大西洋公约组织秘书长吕特会晤"
    found = {(s, e): entry.english for s, e, entry in gaz.find_in_chinese(text) if entry.curated}
    assert found[(4, 7)] == "Emmanuel Macron"
    # The whole organisation name wins over the ocean inside it (大西洋).
    assert found[(8, 16)] == "NATO"
    assert not any(s == 10 for s, _ in found)
    assert found[(19, 21)] == "Mark Rutte"


def test_cedpane_entries_are_cleaned(gaz):
    aarhus = gaz.by_english("Aarhus")
    assert aarhus and all("(" not in e.english for e in aarhus)
    # "Aadi; Addie; Addy; Adi" is one entry reachable by each variant.
    addie = {e.english for e in gaz.by_english("Addie")}
    assert addie & {e.english for e in gaz.by_english("Addy")}
    assert all("(" not in e.english and ")" not in e.english for e in gaz)


def test_country_words_include_demonyms(gaz):
    assert {"France", "French"} <= gaz.country_words("France")
    assert gaz.is_demonym("Swedes")
    assert gaz.is_word("black")
    assert not gaz.is_word("Blinken")


def test_build_writes_reproducible_files(tmp_path: Path):
    source = resource_path("gazetteer")
    for name in (gazetteer.CURATED_PEOPLE, gazetteer.CURATED_PLACES):
        shutil.copy(source / name, tmp_path / name)
    cedpane = tmp_path / "cedpane.tsv"
    cedpane.write_text(
        "english\tsimplified\ttraditional\tpinyin\tcapitalized\n"
        "aaargh (screaming)\t怄火\t慪火\tòuhuǒ\t0\n"
        "Aalto; Alto (name)\t阿尔托\t阿爾托\tĀ'ěrtuō\t1\n"
        "Aaron (modern)\t阿伦\t阿倫\tĀlún\t1\n"
        "Aaron (modern)\t阿龙\t阿龍\tĀlóng\t1\n"
        "Aba (county, in Sichuan)\t阿坝县\t阿壩縣\tĀbà Xiàn\t1\n",
        encoding="utf-8",
    )
    assert gazetteer.main(["build", str(cedpane), "--out", str(tmp_path)]) == 0
    first = (tmp_path / gazetteer.DATA_FILE).read_bytes()
    gazetteer.build(cedpane, tmp_path)
    assert (tmp_path / gazetteer.DATA_FILE).read_bytes() == first
    assert (tmp_path / gazetteer.INDEX_FILE).exists()  # written with the rows, so it is current
    built = load_path(tmp_path)
    aalto = built.by_english("Alto")
    assert [e.english for e in aalto] == ["Aalto"] and aalto[0].pinyin == ("aertuo",)
    aaron = built.by_english("Aaron")[0]
    assert aaron.zh == ("阿伦", "阿龙") and aaron.kind == "person"
    aba = built.by_english("Aba")[0]
    assert aba.kind == "place" and aba.country == "China"
    assert built.by_english("aaargh") == []  # lower-case glosses are words, not names
    assert built.is_word("aaargh")
    assert built.by_pinyin("Pujing")[0].english == "Vladimir Putin"  # curated rows are kept
