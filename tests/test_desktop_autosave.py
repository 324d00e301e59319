"""No lost work in the desktop app: autosave of review decisions and edits, recovery after a crash or kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import autosave
from desktop.autosave import Autosave, FindingState, text_hunks
from desktop.session import Status
from tests.test_desktop import ARTICLE, isolated_settings, open_and_wait, small_registry  # noqa: F401 (fixture)
from tests.test_desktop import settings as settings  # the fixture make_window uses

ROOT = Path(__file__).resolve().parent.parent


def apply_hunks(text: str, hunks: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in reversed(hunks):
        text = text[:start] + replacement + text[end:]
    return text


# ------------------------------------------------------------------ Qt-free parts


def test_text_hunks_turn_one_text_into_the_other_and_touch_only_the_changes():
    old = "Peking  is busy.\n\nIn Peking 😀 they said  hi.\nLast line\n"
    new = "Beijing is busy.\n\nIn Peking 😀 they said hi!\nLast line\n"
    hunks = text_hunks(old, new)
    assert apply_hunks(old, hunks) == new
    # Only the changed characters are replaced: "Peking" in the second paragraph is outside every hunk.
    second = old.index("Peking", 5)
    assert all(end <= second or start >= second + len("Peking") for start, end, _ in hunks)
    for a, b in [("", "x\ny"), ("x\ny\n", ""), ("a\r\nb", "a\nb"), ("same", "same")]:
        assert apply_hunks(a, text_hunks(a, b)) == b


def test_autosave_round_trips_and_rejects_a_damaged_file(tmp_path):
    data = Autosave(
        document=str(tmp_path / "a.txt"),
        sha256="0" * 64,
        article=True,
        corrected_text="Beijing 😀\n",
        findings=[FindingState("ZZ902", "p1", 0, 6, "Peking", "accepted", "Beijing")],
    )
    again = Autosave.from_json(data.to_json())
    assert again == data
    with pytest.raises(ValueError):
        Autosave.from_json('{"version": 1, "document": "x"}')
    with pytest.raises(ValueError):
        Autosave.from_json("[]")


def test_autosave_goes_to_the_data_folder_when_the_document_folder_refuses(tmp_path, monkeypatch):
    doc = tmp_path / "ro" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("x", encoding="utf-8")
    fallback = tmp_path / "appdata"
    data = Autosave(document=str(doc), sha256=autosave.file_hash(doc), article=True, corrected_text="y")
    # Root ignores file modes, so the refusal is simulated where the decision is made.
    real_access = os.access
    monkeypatch.setattr(autosave.os, "access", lambda p, m: False if Path(p) == doc.parent else real_access(p, m))
    written = autosave.write(data, doc, fallback)
    assert written.parent == fallback and not (doc.parent / ("a.txt" + autosave.AUTOSAVE_SUFFIX)).exists()
    assert autosave.find(doc, fallback) == written
    assert Autosave.load(written).corrected_text == "y"
    autosave.remove(doc, fallback)
    assert autosave.find(doc, fallback) is None


def test_project_file_save_is_atomic(tmp_path, monkeypatch):
    from checks.readers import textio
    from desktop.session import Decisions, project_path

    doc = tmp_path / "a.txt"
    first = Decisions(ignored_rules={"ZZ901"})
    first.save(doc)
    before = project_path(doc).read_text(encoding="utf-8")
    monkeypatch.setattr(textio.os, "fdopen", FailingHandle)
    with pytest.raises(OSError):
        Decisions(ignored_rules={"ZZ901", "ZZ902"}).save(doc)
    # The old project file is untouched and no temporary file is left behind.
    assert project_path(doc).read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt.lintra.json"]


class FailingHandle:
    """Stands in for os.fdopen: the disk fills up on the first write."""

    def __init__(self, fd: int, mode: str) -> None:
        self.fd = fd

    def __enter__(self) -> FailingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        raise OSError(28, "No space left on device")


# ------------------------------------------------------------------ the window


@pytest.fixture
def make_window(qtbot, settings, tmp_path):
    from desktop.mainwindow import MainWindow

    def make() -> MainWindow:
        win = MainWindow(settings, small_registry)
        win.ask_before_discard = False
        win.autosave_dir = tmp_path / "appdata"
        win.autosave_delay_ms = 50
        qtbot.addWidget(win)
        win.show()
        return win

    return make


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def autosave_of(path: Path) -> Path:
    return path.with_name(path.name + autosave.AUTOSAVE_SUFFIX)


def crash(win) -> None:
    """Leave the window as a crash would: its autosave stays, nothing is saved or discarded later."""
    win._autosave_ready = False
    win.doc_path = None


def statuses(win) -> dict[tuple[str, str, int, int, str], Status]:
    out = {}
    for row in range(win.model.rowCount()):
        f = win.model.finding(row)
        out[(f.code, f.segment, f.start, f.end, f.text)] = win.model.status(row)
    return out


def review_article(qtbot, win, article: Path) -> None:
    """Accept both double spaces, reject the first old name, type into the corrected pane."""
    from PySide6.QtGui import QTextCursor

    open_and_wait(qtbot, win, article)
    assert win.accept_all_safe() == 2
    win.proxy.set_filter(code="ZZ902")
    win.select_proxy_row(0)
    win.reject_current()
    cursor = QTextCursor(win.corrected.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("Typed by hand.\n")


@pytest.mark.gui
def test_autosave_appears_after_an_accept_and_follows_typing(qtbot, make_window, article):
    win = make_window()
    open_and_wait(qtbot, win, article)
    assert not autosave_of(article).exists()  # nothing to lose yet
    assert win.accept_all_safe() == 2
    saved = Autosave.load(autosave_of(article))
    assert saved.sha256 == autosave.file_hash(article)
    assert saved.corrected_text == "Peking is busy.\n\nIn Peking 😀 they said hi.\n"
    assert {(s.code, s.status, s.replacement) for s in saved.findings} == {("ZZ901", "accepted", " ")}
    # Typing is saved after a quiet moment, without an explicit action.
    win.corrected.appendPlainText("More.")
    qtbot.waitUntil(lambda: "More." in (Autosave.load(autosave_of(article)).corrected_text or ""), timeout=3000)
    # No temporary files are left beside the document.
    assert sorted(p.name for p in article.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.gui
def test_restore_brings_back_corrected_text_and_statuses(qtbot, make_window, article):
    first = make_window()
    review_article(qtbot, first, article)
    first.autosave_now()
    expected_text = first.corrected_text()
    expected = statuses(first)
    assert "Typed by hand." in expected_text and Status.REJECTED in expected.values()
    crash(first)

    second = make_window()
    second.restore_answer = True
    open_and_wait(qtbot, second, article)
    assert second.corrected_text() == expected_text
    assert statuses(second) == expected
    assert second.has_unsaved_changes()
    # The restored fixes are real accepts: undoing the hand edit and then them reopens the findings.
    second.undo()
    second.undo()
    qtbot.waitUntil(lambda: second.corrected_text() == ARTICLE, timeout=2000)
    qtbot.waitUntil(lambda: Status.ACCEPTED not in statuses(second).values(), timeout=2000)
    crash(second)
    # Declining discards the autosave.
    third = make_window()
    third.restore_answer = False
    open_and_wait(qtbot, third, article)
    assert third.corrected_text() == ARTICLE
    assert not autosave_of(article).exists()


@pytest.mark.gui
def test_restore_question_is_asked_with_the_time(qtbot, make_window, article, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    first = make_window()
    review_article(qtbot, first, article)
    first.autosave_now()
    crash(first)
    asked: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    second = make_window()
    open_and_wait(qtbot, second, article)
    assert len(asked) == 1 and asked[0].startswith("Restore unsaved review from ")
    assert time.strftime("%Y-%m-%d") in asked[0]
    assert "Typed by hand." in second.corrected_text()


@pytest.mark.gui
def test_stale_autosave_is_detected(qtbot, make_window, article):
    first = make_window()
    review_article(qtbot, first, article)
    first.autosave_now()
    crash(first)
    article.write_text(ARTICLE.replace("busy", "quiet"), encoding="utf-8")  # changed outside Lintra

    keep = make_window()
    keep.stale_answer = False
    keep.restore_answer = True
    open_and_wait(qtbot, keep, article)
    # Nothing is restored onto a different text, and the old review is kept aside, not lost.
    assert keep.corrected_text() == ARTICLE.replace("busy", "quiet")
    assert not autosave_of(article).exists()
    aside = [p for p in article.parent.iterdir() if ".lintra-autosave-" in p.name]
    assert len(aside) == 1 and "Typed by hand." in (Autosave.load(aside[0]).corrected_text or "")

    # Discarding a stale autosave removes it.
    autosave.write(Autosave.load(aside[0]), article, None)
    discard = make_window()
    discard.stale_answer = True
    open_and_wait(qtbot, discard, article)
    assert not autosave_of(article).exists()


@pytest.mark.gui
def test_clean_save_and_deliberate_discard_remove_the_autosave(qtbot, make_window, article, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    win = make_window()
    review_article(qtbot, win, article)
    assert autosave_of(article).exists()
    assert win.save_as(tmp_path / "out.txt") is not None
    assert not autosave_of(article).exists()
    # A new change after the save is autosaved again; discarding it on close removes it.
    win.corrected.appendPlainText("After the save.")
    assert win.autosave_now() is not None
    win.ask_before_discard = True
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    win.close()
    assert not autosave_of(article).exists()


@pytest.mark.gui
def test_closing_before_the_restore_keeps_the_autosave(qtbot, make_window, article):
    first = make_window()
    review_article(qtbot, first, article)
    first.autosave_now()
    crash(first)
    before = autosave_of(article).read_bytes()
    second = make_window()
    second.restore_answer = True
    assert second.open_file(article)
    second.close()  # while the check runs, before anything was restored
    assert autosave_of(article).read_bytes() == before


@pytest.mark.gui
def test_report_export_is_atomic(qtbot, make_window, article, tmp_path, monkeypatch):
    from checks.readers import textio

    win = make_window()
    open_and_wait(qtbot, win, article)
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    assert win.export_report("json", report) == report
    before = report.read_bytes()
    win.accept_all_safe()
    monkeypatch.setattr(textio.os, "fdopen", FailingHandle)
    assert win.export_report("json", report) is None
    assert "No space left" in win.last_error
    # The previous report is whole and no temporary file is left beside it.
    assert report.read_bytes() == before and [p.name for p in report.parent.iterdir()] == ["report.json"]


@pytest.mark.gui
def test_bilingual_edits_are_restored(qtbot, make_window, tmp_path):
    xliff = tmp_path / "t.tsv"
    xliff.write_text("source\ttarget\n北京今天\tPeking  today\n好。\tFine.\n", encoding="utf-8")
    first = make_window()
    open_and_wait(qtbot, first, xliff)
    assert first.panes.currentWidget() is first.grid
    assert first.accept_all_safe() == 1
    seg_ids = [seg.id for seg in first.doc.segments]
    first._grid_edit(seg_ids[1], "Fine, thanks.")
    expected = first.corrected_targets()
    assert len(expected) == 2
    crash(first)

    second = make_window()
    second.restore_answer = True
    open_and_wait(qtbot, second, xliff)
    assert second.corrected_targets() == expected
    assert statuses(second) == statuses(first)


@pytest.mark.gui
def test_screenshot_shows_the_question_and_leaves_the_autosave(qtbot, make_window, article, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage

    from desktop import app, worker

    first = make_window()
    review_article(qtbot, first, article)
    first.autosave_now()
    crash(first)
    before = autosave_of(article).read_bytes()
    monkeypatch.setattr(worker, "default_registry", small_registry)
    monkeypatch.setattr(app, "tune_gil", lambda: None)
    out = tmp_path / "restore.png"
    assert app.main(["--tab", "restore", "--screenshot", str(out), str(article)]) == 0
    assert not QImage(str(out)).isNull()
    # Without --restore the screenshot mode neither restores, rewrites nor deletes the autosave.
    assert autosave_of(article).read_bytes() == before


# ------------------------------------------------------------------ kill -9 and restart


@pytest.mark.gui
def test_killed_app_offers_its_review_back(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The minister said  that the plan was good .\n\nHe left on Monday.\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        # Keep the app's settings and data folder out of the user's home.
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    saved = autosave_of(doc)
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--accept-safe", str(doc)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while not saved.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert saved.exists(), proc.stderr.read().decode() if proc.poll() is not None else "no autosave in 15 s"
        assert proc.poll() is None  # still running when killed
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(5)
    assert proc.returncode == -signal.SIGKILL

    state = tmp_path / "state.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--screenshot",
            str(tmp_path / "restored.png"),
            "--restore",
            "yes",
            "--dump-state",
            str(state),
            str(doc),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 0, done.stderr
    restored = json.loads(state.read_text(encoding="utf-8"))
    assert restored["corrected_text"] == "The minister said that the plan was good.\n\nHe left on Monday.\n"
    assert sorted((f["code"], f["status"]) for f in restored["findings"]) == [
        ("WS401", "accepted"),
        ("WS402", "accepted"),
    ]
    # The input itself was never touched.
    assert doc.read_text(encoding="utf-8").startswith("The minister said  that")
