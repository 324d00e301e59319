"""The desktop window: findings model, worker thread, review journey, screenshot option."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks.config import RunConfig
from checks.model import Document, Finding, Segment, Severity
from checks.registry import Registry, RuleMeta

pytestmark = pytest.mark.gui

DOUBLE = RuleMeta("ZZ901", "double-space", "Double space", "Design and markup/Whitespace", Severity.MINOR)
TERM = RuleMeta("ZZ902", "old-name", "Old place name", "Terminology/Wrong term", Severity.MAJOR)
SLOW = RuleMeta("ZZ903", "slow", "Slow check", "Fluency/Grammar", Severity.MINOR)
BROKEN = RuleMeta("ZZ904", "broken", "Broken check", "Fluency/Grammar", Severity.MINOR)


class DoubleSpace:
    rules = (DOUBLE,)

    def check_segment(self, seg: Segment, ctx: object) -> Iterator[Finding]:
        for m in re.finditer(r"  +", seg.target):
            yield DOUBLE.finding(seg, m.start(), m.end(), "Double space", [" "], safe=True)


class OldName:
    rules = (TERM,)

    def check_segment(self, seg: Segment, ctx: object) -> Iterator[Finding]:
        for m in re.finditer(r"\bPeking\b", seg.target):
            yield TERM.finding(seg, m.start(), m.end(), "Use the current name", ["Beijing"])


class Slow:
    rules = (SLOW,)

    def __init__(self, started: threading.Event) -> None:
        self.started = started

    def check_segment(self, seg: Segment, ctx: object) -> Iterator[Finding]:
        self.started.set()
        time.sleep(0.01)
        return iter(())


class Broken:
    rules = (BROKEN,)

    def check_segment(self, seg: Segment, ctx: object) -> Iterator[Finding]:
        raise RuntimeError("check exploded")


def small_registry(config: RunConfig) -> Registry:
    registry = Registry()
    registry.extend([DoubleSpace(), OldName()])
    return registry


ARTICLE = "Peking  is busy.\n\nIn Peking 😀 they said  hi.\n"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    from desktop.settings import AppSettings

    s = AppSettings(QSettings(str(tmp_path / "lintra.ini"), QSettings.Format.IniFormat))
    s.user_termbase = str(tmp_path / "user-termbase.csv")
    return s


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, settings):
    from desktop.mainwindow import MainWindow

    win = MainWindow(settings, small_registry)
    win.ask_before_discard = False  # no modal question when the test closes the window
    qtbot.addWidget(win)
    win.show()
    return win


def open_and_wait(qtbot, win, path: Path) -> None:
    with qtbot.waitSignal(win.check_finished, timeout=10_000) as blocker:
        assert win.open_file(path)
    assert blocker.args == ["finished"]


def test_findings_model_passes_qt_model_tester(qtmodeltester):
    from desktop.models import FindingsFilter, FindingsModel
    from desktop.session import Status

    doc = Document("t.txt", (Segment("1", "Peking  is busy.", line=1, column=1), Segment("3", "Peking.", line=3, column=1)))
    model = FindingsModel()
    model.set_document(doc)
    findings = [f for seg in doc for check in (DoubleSpace(), OldName()) for f in check.check_segment(seg, None)]
    model.add_findings(findings)
    model.set_status(0, Status.REJECTED)
    qtmodeltester.check(model)
    proxy = FindingsFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(min_severity=Severity.MAJOR)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 2
    proxy.set_filter(min_severity=Severity.NEUTRAL, text="double")
    assert proxy.rowCount() == 1


def test_grid_model_passes_qt_model_tester(qtmodeltester):
    from desktop.models import SegmentGridModel

    model = SegmentGridModel()
    model.set_document(Document("t.xlf", (Segment("a", "Hello", source="你好"), Segment("b", "Bye", source="再见"))))
    model.set_corrected("a", "Hello!")
    qtmodeltester.check(model)
    assert model.corrected() == {"a": "Hello!"}


def test_worker_streams_progress_and_findings(qtbot, article):
    from checks.readers import read_document
    from desktop.worker import CheckRun, CheckWorker

    doc = read_document(article)
    worker = CheckWorker(doc, RunConfig(), small_registry)
    got: list[Finding] = []
    progress: list[tuple[int, int]] = []
    worker.findings.connect(got.extend)
    worker.progress.connect(lambda d, t: progress.append((d, t)))
    run = CheckRun(worker)
    with qtbot.waitSignal(worker.finished, timeout=10_000) as blocker:
        run.start()
    assert run.wait()
    assert blocker.args == [len(got)] and len(got) == 4
    assert {f.code for f in got} == {"ZZ901", "ZZ902"}
    assert progress[-1] == (2, 2)


def test_worker_checks_a_large_file_in_a_child_process(qtbot):
    import os

    from desktop.worker import CheckRun, CheckWorker
    from tests.test_childrun import pid_registry

    doc = Document("big.txt", tuple(Segment(str(i), f"Talks  ended on the 4th ({i}).") for i in range(30)))
    worker = CheckWorker(doc, RunConfig(), pid_registry)
    worker.paced = True
    worker.out_of_process = True
    got: list[Finding] = []
    progress: list[tuple[int, int]] = []
    worker.findings.connect(lambda batch: (got.extend(batch), worker.ack()))
    worker.progress.connect(lambda d, t: progress.append((d, t)))
    run = CheckRun(worker)
    with qtbot.waitSignal(worker.finished, timeout=30_000) as blocker:
        run.start()
    assert run.wait()
    assert blocker.args == [len(got)]
    assert {"WS401", "DT702", "ZZ911"} <= {f.code for f in got}
    # The window's process only relays: the checks ran in another one (no lock shared with the GUI).
    pids = {f.message for f in got if f.code == "ZZ911"}
    assert pids and str(os.getpid()) not in pids
    assert progress[-1][0] == progress[-1][1]


def test_worker_cancel_stops_a_long_run(qtbot):
    from desktop.worker import CheckRun, CheckWorker

    started = threading.Event()

    def slow_registry(config: RunConfig) -> Registry:
        registry = Registry()
        registry.add(Slow(started))
        return registry

    doc = Document("big.txt", tuple(Segment(str(i), f"Sentence {i}.") for i in range(2000)))
    worker = CheckWorker(doc, RunConfig(), slow_registry)
    progress: list[int] = []
    worker.progress.connect(lambda d, t: progress.append(d))
    finished: list[int] = []
    worker.finished.connect(finished.append)
    run = CheckRun(worker)
    with qtbot.waitSignal(worker.cancelled, timeout=10_000):
        run.start()
        assert started.wait(5)
        run.cancel()
    assert run.wait()
    assert not finished
    # Stopped long before the 2,000 segments (20 s of work) were done.
    assert not progress or progress[-1] < 2000


def test_worker_reports_a_broken_check_as_an_error(qtbot):
    from desktop.worker import CheckRun, CheckWorker

    def broken_registry(config: RunConfig) -> Registry:
        registry = Registry()
        registry.add(Broken())
        return registry

    worker = CheckWorker(Document("t.txt", (Segment("1", "text"),)), RunConfig(), broken_registry)
    run = CheckRun(worker)
    with qtbot.waitSignal(worker.failed, timeout=10_000) as blocker:
        run.start()
    run.wait()
    assert "check exploded" in blocker.args[0]


def test_window_stays_usable_after_a_failed_check(qtbot, settings, article):
    from desktop.mainwindow import MainWindow

    def broken_registry(config: RunConfig) -> Registry:
        registry = Registry()
        registry.add(Broken())
        return registry

    win = MainWindow(settings, broken_registry)
    win.ask_before_discard = False
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.check_finished, timeout=10_000) as blocker:
        win.open_file(article)
    assert blocker.args == ["failed"]
    assert "check exploded" in win.last_error
    assert not win.running and win.open_action.isEnabled() and win.check_action.isEnabled()
    # An unreadable file is reported and the window keeps the previous document.
    assert not win.open_file(article.parent / "missing.txt")
    assert win.doc_path == article


def test_journey_open_check_accept_save(qtbot, window, article, tmp_path):
    from desktop.session import Status

    open_and_wait(qtbot, window, article)
    assert window.model.rowCount() == 4
    assert window.original.toPlainText() == ARTICLE
    # The first finding in document order is selected and shown in both panes.
    first = window.current_finding()
    assert first is not None and (first.segment, first.start) == ("1", 0)
    # Accept "Peking" -> "Beijing" everywhere, then the safe double-space fixes.
    assert window.accept_all_of_kind() == 2
    assert window.accept_all_safe() == 2
    expected = "Beijing is busy.\n\nIn Beijing 😀 they said hi.\n"
    assert window.corrected_text() == expected
    assert all(window.model.status(r) is Status.ACCEPTED for r in range(4))
    out = window.save_as(tmp_path / "out.txt")
    assert out is not None and out.read_text(encoding="utf-8") == expected
    assert article.read_text(encoding="utf-8") == ARTICLE  # the original is untouched


def test_undo_redo_follow_accepted_fixes(qtbot, window, article):
    from desktop.session import Status

    open_and_wait(qtbot, window, article)
    row = window.current_row()
    assert window.accept_current("Beijing")
    assert window.corrected_text().startswith("Beijing  is")
    assert window.model.status(row) is Status.ACCEPTED
    window.undo()
    qtbot.waitUntil(lambda: window.model.status(row) is Status.OPEN)
    assert window.corrected_text() == ARTICLE
    window.redo()
    qtbot.waitUntil(lambda: window.model.status(row) is Status.ACCEPTED)
    # A fix after the emoji lands in the right place (UTF-16 positions).
    window.proxy.set_filter(code="ZZ901")
    window.select_proxy_row(1)
    assert window.current_finding().segment == "3"
    assert window.accept_current()
    assert window.corrected_text() == "Beijing  is busy.\n\nIn Peking 😀 they said hi.\n"


def test_free_edit_then_accept_keeps_positions(qtbot, window, article):
    from PySide6.QtGui import QTextCursor

    open_and_wait(qtbot, window, article)
    cursor = QTextCursor(window.corrected.document())
    cursor.insertText("NEWS: ")  # typed at the very start before accepting anything
    window.proxy.set_filter(code="ZZ902")
    window.select_proxy_row(1)
    assert window.accept_current("Beijing")
    assert window.corrected_text() == "NEWS: Peking  is busy.\n\nIn Beijing 😀 they said  hi.\n"


def test_overwrite_keeps_a_backup(qtbot, window, article):
    open_and_wait(qtbot, window, article)
    window.accept_all_safe()
    assert window.save_over_original(confirm=False) == article
    assert (article.parent / "article.txt.bak").read_text(encoding="utf-8") == ARTICLE
    assert article.read_text(encoding="utf-8") == "Peking is busy.\n\nIn Peking 😀 they said hi.\n"


def test_decisions_persist_and_termbase_grows(qtbot, window, article, settings):
    from desktop.mainwindow import MainWindow
    from desktop.session import Status

    open_and_wait(qtbot, window, article)
    window.proxy.set_filter(code="ZZ902")
    window.select_proxy_row(0)
    window.suggestion.setEditText("Beijing")
    termbase = window.add_to_termbase()
    assert termbase is not None
    assert termbase.read_text(encoding="utf-8").splitlines()[1].startswith(",Beijing,Peking,")
    window.mark_not_error()
    window.proxy.set_filter(code="ZZ901")
    window.select_proxy_row(0)
    window.ignore_rule_here()
    assert (article.parent / "article.txt.lintra.json").is_file()
    # A new window on the same file remembers both decisions.
    again = MainWindow(settings, small_registry)
    again.ask_before_discard = False
    qtbot.addWidget(again)
    open_and_wait(qtbot, again, article)
    statuses = sorted(again.model.status(r).value for r in range(again.model.rowCount()))
    assert statuses == sorted([Status.NOT_ERROR.value, Status.OPEN.value, Status.IGNORED.value, Status.IGNORED.value])
    assert again.proxy.rowCount() == 1  # dismissed findings are hidden by default


def test_bilingual_grid_accept_and_undo(qtbot, window):
    from checks.model import Document

    doc = Document(
        "t.xlf", (Segment("a", "Peking  today", source="北京今天"), Segment("b", "Fine.", source="好。")), format="xliff"
    )
    window.doc = doc
    window.doc_path = None
    window._load_panes(doc)
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        window.start_check()
    assert window.panes.currentWidget() is window.grid
    assert window.accept_all_safe() == 1
    window.proxy.set_filter(code="ZZ902")
    window.select_proxy_row(0)
    assert window.accept_current("Beijing")
    assert window.corrected_targets() == {"a": "Beijing today"}
    # The grid marks what was flagged in the target and what was fixed in the corrected text.
    target_cell = window.grid_model.index(0, window.grid_model.TARGET)
    assert sorted(s[:2] for s in window._grid_spans(target_cell)) == [(0, 6), (6, 8)]
    corrected_cell = window.grid_model.index(0, window.grid_model.CORRECTED)
    assert sorted(s[:2] for s in window._grid_spans(corrected_cell)) == [(0, 7), (7, 8)]
    window.undo()
    assert window.corrected_targets() == {"a": "Peking today"}
    window.undo()
    assert window.corrected_targets() == {}


def test_screenshot_option_writes_an_image(tmp_path, article, monkeypatch, qapp):
    from PySide6.QtGui import QImage

    from desktop import app, worker

    monkeypatch.setattr(worker, "default_registry", small_registry)
    monkeypatch.setattr(app, "tune_gil", lambda: None)  # keep the test process's GIL setting
    out = tmp_path / "shot.png"
    assert app.main(["--screenshot", str(out), str(article)]) == 0
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    # Not a blank canvas: the rendered window has many distinct colours.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)}
    assert len(colours) > 5


def test_export_reports_keep_decisions(qtbot, window, article, tmp_path):
    import json

    open_and_wait(qtbot, window, article)
    window.proxy.set_filter(code="ZZ902")
    window.select_proxy_row(0)
    assert window.accept_current("Beijing")
    window.proxy.set_filter(code="ZZ901")
    window.select_proxy_row(0)
    window.reject_current()
    out = window.export_report("json", tmp_path / "report.json")
    assert out is not None
    data = json.loads(out.read_text(encoding="utf-8"))
    codes = sorted(f["code"] for f in data["documents"][0]["findings"])
    assert codes == ["ZZ901", "ZZ902", "ZZ902"]  # the rejected finding is left out
    html = window.export_report("html", tmp_path / "report.html")
    assert html is not None and "Beijing" in html.read_text(encoding="utf-8")
    csv_out = window.export_report("csv", tmp_path / "report.csv")
    assert csv_out is not None and len(csv_out.read_text(encoding="utf-8").splitlines()) >= 4


def test_grid_refuses_a_fix_after_a_hand_edit(qtbot, window):
    doc = Document("t.xlf", (Segment("a", "Peking  today", source="北京今天"),), format="xliff")
    window.doc = doc
    window._load_panes(doc)
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        window.start_check()
    index = window.grid_model.index(0, window.grid_model.CORRECTED)
    assert window.grid_model.setData(index, "Peking is busy today")
    assert window.accept_all_safe() == 0
    assert window.corrected_targets() == {"a": "Peking is busy today"}
    window.undo()
    assert window.corrected_targets() == {}


def test_settings_become_the_run_config(settings, tmp_path):
    extra = tmp_path / "doc-terms.csv"
    settings.disabled_codes = ["ZZ901"]
    settings.min_severity = Severity.MAJOR
    settings.termbases = [str(tmp_path / "team.csv")]
    settings.packs = [str(tmp_path / "house-style.yaml")]
    settings.user_termbase = str(tmp_path / "mine.csv")
    (tmp_path / "mine.csv").write_text("source,preferred,deprecated,note\n", encoding="utf-8")
    config = settings.run_config([extra])
    assert config.ignore == ("ZZ901",)
    assert not config.is_enabled("ZZ901") and config.is_enabled("ZZ902")
    assert config.min_severity is Severity.MAJOR
    assert config.termbases == (tmp_path / "team.csv", tmp_path / "mine.csv", extra)
    assert config.packs == (tmp_path / "house-style.yaml",)


def test_settings_dialog_lists_rules_and_stores_choices(qtbot, settings):
    from PySide6.QtCore import Qt

    from desktop.settings import SettingsDialog

    dialog = SettingsDialog(settings, small_registry(RunConfig()).rules)
    qtbot.addWidget(dialog)
    assert dialog.rules.count() == 2
    dialog.rules.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.severity.setCurrentIndex(int(Severity.MINOR))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.apply()
    assert settings.disabled_codes == ["ZZ902"]
    assert settings.min_severity is Severity.MINOR
    assert settings.language == "zh_CN"


def test_simplified_chinese_translation_loads(qapp):
    from PySide6.QtCore import QCoreApplication

    from desktop.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        assert translators, "resources/i18n/lintra_zh_CN.qm is missing"
        assert QCoreApplication.translate("FindingsModel", "Severity") == "严重程度"
        assert QCoreApplication.translate("MainWindow", "&Open…") == "打开(&O)…"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert QCoreApplication.translate("FindingsModel", "Severity") == "Severity"


def test_source_file_is_aligned_and_shown(qtbot, window, tmp_path):
    data = Path(__file__).parent / "data" / "formats"
    target = tmp_path / "article.en.txt"
    # One double space gives the test registry a finding to select.
    target.write_text((data / "article.en.txt").read_text(encoding="utf-8").replace(" ", "  ", 1), encoding="utf-8")
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        assert window.open_file(target, source=data / "article.zh.txt")
    assert window.is_article and window.doc is not None and window.doc.has_source
    assert window.original.toPlainText() == target.read_text(encoding="utf-8")
    assert window.model.rowCount() == 1
    window.select_proxy_row(0)
    assert window.detail_source.text().startswith("Source: ")
    assert window.accept_current()
    out = window.save_as(tmp_path / "fixed.txt")
    assert out is not None
    assert out.read_text(encoding="utf-8") == (data / "article.en.txt").read_text(encoding="utf-8")


def test_check_again_after_edits_checks_the_corrected_text(qtbot, window, article, tmp_path):
    from PySide6.QtGui import QTextCursor

    open_and_wait(qtbot, window, article)
    window.proxy.set_filter(code="ZZ902")
    window.select_proxy_row(0)
    assert window.accept_current("Beijing")
    cursor = QTextCursor(window.corrected.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("Peking again.\n")
    assert window.has_edits()
    with qtbot.waitSignal(window.check_finished, timeout=10_000):
        window.start_check()
    edited = "Beijing  is busy.\n\nIn Peking 😀 they said  hi.\nPeking again.\n"
    assert window.original.toPlainText() == edited
    assert sorted(window.model.finding(r).code for r in range(window.model.rowCount())) == [
        "ZZ901",
        "ZZ901",
        "ZZ902",
        "ZZ902",
    ]
    assert window.accept_all_safe() == 2
    out = window.save_as(tmp_path / "out.txt")
    assert out is not None
    assert out.read_text(encoding="utf-8") == edited.replace("  ", " ")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_summary_scores_against_a_reference(qtbot, window, article, tmp_path):
    reference = tmp_path / "reference.txt"
    reference.write_text("Beijing is busy.\n\nIn Beijing 😀 they said hi.\n", encoding="utf-8")
    window.reference_path = reference
    open_and_wait(qtbot, window, article)
    before, after, error = window.reference_scores()
    assert error == "" and before is not None and after is not None
    window.accept_all_safe()
    window.accept_all_of_kind()
    _, fixed, _ = window.reference_scores()
    assert fixed is not None and fixed["chrf"] == 100.0 and float(before["chrf"]) < 100.0
    window.tabs.setCurrentWidget(window.summary)
    assert "BLEU" in window.summary.reference_line() and window.summary.score is not None
    reference.write_text("Only one paragraph.\n", encoding="utf-8")
    assert "segments" in window.reference_scores()[2]


def test_unsaved_corrections_are_noticed(qtbot, window, article, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    open_and_wait(qtbot, window, article)
    assert not window.has_unsaved_changes()
    window.accept_all_safe()
    assert window.has_unsaved_changes()
    window.ask_before_discard = True
    asked: list[str] = []

    def cancel(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    other = tmp_path / "other.txt"
    other.write_text("Other text.\n", encoding="utf-8")
    assert not window.open_file(other)  # cancelled: the corrections stay
    assert asked and window.doc_path == article
    window.save_as(tmp_path / "saved.txt")
    assert not window.has_unsaved_changes()
    assert window.open_file(other)
    window.ask_before_discard = False


def test_opening_another_file_during_a_check_replaces_it(qtbot, settings, tmp_path):
    from desktop.mainwindow import MainWindow

    started = threading.Event()

    def slow_registry(config: RunConfig) -> Registry:
        registry = small_registry(config)
        registry.add(Slow(started))
        return registry

    win = MainWindow(settings, slow_registry)
    win.ask_before_discard = False
    qtbot.addWidget(win)
    big = tmp_path / "big.txt"
    big.write_text("".join(f"Line  {i}.\n" for i in range(1500)), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Peking today.\n", encoding="utf-8")
    outcomes: list[str] = []
    win.check_finished.connect(outcomes.append)
    assert win.open_file(big)
    assert started.wait(5)
    with qtbot.waitSignal(win.check_finished, timeout=10_000):
        assert win.open_file(small)
    qtbot.wait(100)  # let any queued signal of the replaced run arrive
    assert outcomes == ["finished"]
    assert [win.model.finding(r).code for r in range(win.model.rowCount())] == ["ZZ902"]
    assert win.original.toPlainText() == "Peking today.\n"


def test_accept_all_safe_prefers_the_enclosing_deletion(qtbot, settings, tmp_path):
    """A byline deletion wins over the bracket fixes inside it, as in the CLI's --fix-to."""
    from checks import build_registry
    from desktop.mainwindow import MainWindow

    path = tmp_path / "byline.txt"
    path.write_text("【By Li Wei, Observer】The talks ended，today.\n", encoding="utf-8")
    win = MainWindow(settings, build_registry)
    win.ask_before_discard = False
    qtbot.addWidget(win)
    win.show()
    open_and_wait(qtbot, win, path)
    win.accept_all_safe()
    assert win.corrected_text() == "The talks ended, today.\n"


def test_about_box_shows_version_and_licences(qtbot, tmp_path):
    from checks import __version__
    from desktop.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.licences.toPlainText()
    assert "translate-toolkit" in text and "CedPane" in text and "GPL-3.0-or-later" in text
    from PySide6.QtWidgets import QLabel

    assert any(f"Lintra {__version__}" in label.text() for label in dialog.findChildren(QLabel))
    shot = tmp_path / "about.png"
    dialog.grab().save(str(shot))
    assert shot.stat().st_size > 0


def test_paced_worker_waits_for_the_window_and_still_finishes(qtbot, article):
    """With pacing, each delivery is acknowledged by the receiver; every finding still arrives."""
    from checks.readers import read_document
    from desktop.worker import CheckRun, CheckWorker

    doc = read_document(article)
    worker = CheckWorker(doc, RunConfig(), small_registry)
    worker.paced = True
    got: list[Finding] = []

    def receive(batch: list[Finding]) -> None:
        got.extend(batch)
        worker.ack()

    worker.findings.connect(receive)
    run = CheckRun(worker)
    with qtbot.waitSignal(worker.finished, timeout=10_000) as blocker:
        run.start()
    assert run.wait()
    assert blocker.args == [len(got)] and len(got) == 4
