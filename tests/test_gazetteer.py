"""Gazetteer: lookups by English, Chinese and pinyin, scanning Chinese text, the build command."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from checks import gazetteer
from checks.context import Context, resource_path
from checks.gazetteer import Gazetteer, load, load_path


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load(Context.create())


def test_load_is_cached_per_context_and_quick():
    ctx = Context.create()
    start = time.perf_counter()
    first = load(ctx)
    first.by_english("Paris")  # builds the English index too
    elapsed = time.perf_counter() - start
    assert load(ctx) is first
    assert len(first) > 40_000
    # Generous bound for a shared CI machine; measured ~0.1 s to load plus ~0.15 s for the index.
    assert elapsed < 2.0


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
