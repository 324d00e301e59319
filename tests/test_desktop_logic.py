"""Qt-free parts of the desktop app: offset conversion, span tracking, decisions, termbase rows."""

from __future__ import annotations

import csv
from pathlib import Path

from checks.model import Finding, Severity
from checks.termbase import read_delimited
from desktop.session import Decisions, Status, append_term, project_path
from desktop.textpos import SpanTracker, Utf16Index, utf16_len


def test_utf16_offsets_shift_after_non_bmp_characters():
    text = "a😀b𠀀c"  # an emoji and a CJK Extension B ideograph: two UTF-16 units each
    index = Utf16Index(text)
    # Every code point maps to where Qt (UTF-16) sees it.
    for cp in range(len(text) + 1):
        assert index.to_utf16(cp) == len(text[:cp].encode("utf-16-le")) // 2
        assert index.to_codepoint(index.to_utf16(cp)) == cp
    assert utf16_len(text) == 7
    # A UTF-16 position inside a surrogate pair snaps to the character's start.
    assert index.to_codepoint(2) == 1


def test_utf16_index_is_identity_without_astral_characters():
    index = Utf16Index("Beijing 北京, «quoted»")
    assert [index.to_utf16(i) for i in range(5)] == [0, 1, 2, 3, 4]


def test_span_tracker_follows_edits_without_swallowing_neighbours():
    tracker = SpanTracker()
    word = tracker.add(4, 9)  # "quick" in "The quick fox"
    point = tracker.add(13, 13)  # insertion point at the end
    tracker.change(0, 0, 2)  # typed two characters at the start
    assert tracker.span(word) == (6, 11)
    assert tracker.span(point) == (15, 15)
    tracker.change(11, 0, 3)  # typed right after the word: not part of it
    assert tracker.span(word) == (6, 11)
    tracker.change(6, 0, 1)  # typed right before the word: shifts it
    assert tracker.span(word) == (7, 12)
    tracker.change(8, 2, 0)  # deleted inside the word: it shrinks
    assert tracker.span(word) == (7, 10)
    snap = tracker.snapshot()
    tracker.change(0, 30, 0)
    assert tracker.span(word) == (0, 0)
    tracker.restore(snap)
    assert tracker.span(word) == (7, 10)


def _finding(code: str = "ZZ901", segment: str = "1", text: str = "Peking") -> Finding:
    return Finding(code, "rule", "Terminology/Wrong term", Severity.MAJOR, segment, 0, len(text), text, "m", ("Beijing",))


def test_decisions_round_trip_through_the_project_file(tmp_path: Path):
    doc_path = tmp_path / "article.txt"
    doc_path.write_text("x", encoding="utf-8")
    decisions = Decisions()
    decisions.mark_not_error(_finding(text="Peking"))
    decisions.ignore_rule("ZZ902")
    saved = decisions.save(doc_path)
    assert saved == project_path(doc_path) == tmp_path / "article.txt.lintra.json"
    loaded = Decisions.load(doc_path)
    assert loaded.status_of(_finding(text="Peking")) is Status.NOT_ERROR
    # The same text in another paragraph was not judged.
    assert loaded.status_of(_finding(segment="3")) is None
    assert loaded.status_of(_finding(code="ZZ902", segment="9", text="anything")) is Status.IGNORED
    loaded.forget(_finding(text="Peking"))
    loaded.ignored_rules.clear()
    loaded.save(doc_path)
    assert not project_path(doc_path).exists()


def test_append_term_writes_a_termbase_the_engine_reads(tmp_path: Path):
    path = tmp_path / "sub" / "mine.csv"
    append_term(path, "北京", "Beijing", "Peking", "capital")
    append_term(path, "", "Xi Jinping", "Xi Jin Ping", 'note with "quotes", commas')
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == ["source", "preferred", "deprecated", "note"]
    assert len(rows) == 3
    entries = read_delimited(path)
    assert [e.preferred for e in entries] == ["Beijing", "Xi Jinping"]
    assert entries[0].deprecated == ("Peking",) and entries[0].source == ("北京",)


def test_batch_span_update_equals_one_edit_at_a_time():
    import random

    rng = random.Random(7)
    for _ in range(2000):
        spans = [(a, min(30, a + rng.randint(0, 5))) for a in (rng.randint(0, 30) for _ in range(8))]
        edits: list[tuple[int, int, int]] = []
        pos = 0
        while True:
            start = pos + rng.randint(0, 6)
            if start > 30:
                break
            end = min(30, start + rng.randint(0, 3))
            # Two edits starting at one point have no defined order; the window never applies both.
            if rng.random() < 0.5 and not (edits and edits[-1][0] == start):
                edits.append((start, end, rng.randint(0, 3)))
            pos = end + rng.randint(0, 1)
        one, batch = SpanTracker(), SpanTracker()
        for a, b in spans:
            one.add(a, b)
            batch.add(a, b)
        for start, end, added in sorted(edits, reverse=True):
            one.change(start, end - start, added)
        batch.apply_edits(edits)
        assert [one.span(i) for i in range(8)] == [batch.span(i) for i in range(8)], (spans, edits)
