"""The main window: open a document, check it in the background, review findings, save."""

from __future__ import annotations

import bisect
import contextlib
import gc
import html
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace as dc_replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from checks.fixes import Edit
from checks.model import Document, Finding, Segment, Severity
from desktop import autosave
from desktop.autosave import Autosave, FindingState
from desktop.highlight import SpanHighlighter, span_format
from desktop.models import SEVERITY_COLOURS, FindingsFilter, FindingsModel, SegmentGridModel
from desktop.session import Decisions, Status, append_term
from desktop.settings import AppSettings
from desktop.textpos import SpanTracker, Utf16Index, utf16_len
from desktop.views import CellSpan, SpanDelegate, SummaryView
from desktop.worker import CheckRun, CheckWorker, RegistryFactory, read_input

PARAGRAPH_SEPARATOR = "\u2029"
RIGHT_LOOKBACK = 2000
# Findings added to the list per event-loop turn (about 50 ms of work on this machine's class).
FINDINGS_PER_TURN = 80
# From this size on the check runs in a child process (about 0.5 s to start; see checks/childrun.py).
OUT_OF_PROCESS_SEGMENTS = 2000


def settle_heap(*, collect: bool) -> None:
    """Move what is alive now out of the garbage collector's sight (``gc.freeze``).

    A full collection walks every object (document, resources, findings, Qt wrappers); on a
    10,000-segment file one took 250 ms, the window's longest freeze during a check. Frozen
    objects are still freed by reference counting; only cycles among them wait for the next
    *collect*, done when a file is opened (the user waits for that anyway).
    """
    if collect:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
# Quiet time after the last keystroke before the review state is autosaved.
AUTOSAVE_DELAY_MS = 3000


def _tint(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def raw_text(doc: QTextDocument) -> str:
    """The document's text as the user sees it; unlike toPlainText it keeps no-break spaces."""
    return doc.toRawText().replace(PARAGRAPH_SEPARATOR, "\n").replace("\u2028", "\n")


class GridEdit(QUndoCommand):
    """Undoable change of corrected targets and finding statuses in the bilingual grid."""

    def __init__(
        self, window: MainWindow, seg_id: str, old: str, new: str, statuses: dict[int, tuple[Status, Status]], text: str
    ) -> None:
        super().__init__(text)
        self.window = window
        self.seg_id = seg_id
        self.old = old
        self.new = new
        self.statuses = statuses

    def redo(self) -> None:
        """Apply the new text and statuses."""
        self.window.grid_model.set_corrected(self.seg_id, self.new)
        for row, (_, after) in self.statuses.items():
            self.window.model.set_status(row, after)
        self.window.refresh_after_edit()

    def undo(self) -> None:
        """Restore the old text and statuses."""
        self.window.grid_model.set_corrected(self.seg_id, self.old)
        for row, (before, _) in self.statuses.items():
            self.window.model.set_status(row, before)
        self.window.refresh_after_edit()


class MainWindow(QMainWindow):
    """Lintra's review window."""

    check_finished = Signal(str)  # "finished", "failed" or "cancelled"

    def __init__(self, settings: AppSettings | None = None, registry_factory: RegistryFactory | None = None) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self._registry_factory = registry_factory
        self.doc: Document | None = None
        self.doc_path: Path | None = None
        self.source_path: Path | None = None
        self.reference_path: Path | None = None
        self.extra_termbases: list[Path] = []
        self.decisions = Decisions()
        self.run: CheckRun | None = None
        self.running = False
        self.last_error = ""
        self.is_article = False
        self._index = Utf16Index("")
        self._left_spans: list[tuple[int, int]] = []
        self.tracker = SpanTracker()
        self._snapshots: dict[int, tuple[tuple[list[int], list[int]], frozenset[int]]] = {}
        # Source row -> the edit the user accepted (original offsets), for reports.
        self._edits: dict[int, Edit] = {}
        self._last_state = 0
        self._sync_pending = False
        self._own_edit = False
        self._counts_pending = False
        self._revision = -1
        self._painted_current: int | None = None
        self._right_index: tuple[list[int], list[int]] | None = None
        self._left_by_block: dict[int, list[int]] = {}
        self._segments: dict[str, Segment] = {}
        self._rows_by_segment: dict[str, list[int]] = {}
        self._workdir: tempfile.TemporaryDirectory[str] | None = None
        self._rebase_count = 0
        self._pending: deque[Finding] = deque()
        self._dirty_left: set[int] = set()
        self._dirty_right: set[int] = set()
        self._draining = False
        self._finish: Callable[[], None] | None = None
        self._saved_key = 0
        # Tests and the screenshot mode switch the "save first?" question off.
        self.ask_before_discard = True
        self.undo_stack = QUndoStack(self)
        # Autosave: the answer to "restore?" (None: ask), and whether recovery files are used at all
        # (the screenshot mode switches them off so it never touches a user's autosave).
        self.restore_answer: bool | None = None
        self.stale_answer: bool | None = None  # True: discard an autosave of a changed file
        self.autosave_enabled = True
        data_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        self.autosave_dir: Path | None = Path(data_dir) / "autosave" if data_dir else None
        self.autosave_delay_ms = AUTOSAVE_DELAY_MS
        self.autosave_file: Path | None = None
        self._autosave_ready = False  # off while a check runs and until a restore is done
        self._pending_restore: Autosave | None = None
        self._autosaved_content: object = None
        self._doc_hash = ""
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.timeout.connect(self.autosave_now)

        self.setWindowTitle("Lintra")
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._build_widgets()
        self._build_actions()
        self._update_actions()

    @property
    def registry_factory(self) -> RegistryFactory:
        """How runs build their registry (tests pass their own checks)."""
        from desktop import worker

        return self._registry_factory or worker.default_registry

    # ------------------------------------------------------------------ construction
    def _build_widgets(self) -> None:
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.grid_model = SegmentGridModel(self)
        self.grid_model.edit_requested = self._grid_edit

        self.original = QPlainTextEdit()
        self.original.setReadOnly(True)
        self.original.setObjectName("original")
        self.corrected = QPlainTextEdit()
        self.corrected.setObjectName("corrected")
        for pane in (self.original, self.corrected):
            pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            pane.document().setDocumentMargin(10)
        self.corrected.document().contentsChange.connect(self._on_contents_change)
        self.corrected.document().contentsChanged.connect(self._schedule_sync)
        for pane in (self.original, self.corrected):
            pane.verticalScrollBar().valueChanged.connect(lambda _=0: self._flush_visible())
        # Created after the span tracker is connected, so spans have moved before repainting.
        self._left_hl = SpanHighlighter(self.original.document(), self._left_spans_in)
        self._right_hl = SpanHighlighter(self.corrected.document(), self._right_spans_in)

        article = QSplitter(Qt.Orientation.Horizontal)
        article.addWidget(self._titled(self.tr("Original"), self.original))
        article.addWidget(self._titled(self.tr("Corrected (editable)"), self.corrected))
        article.setStretchFactor(0, 1)
        article.setStretchFactor(1, 1)
        self.article_splitter = article

        self.grid = QTableView()
        self.grid.setModel(self.grid_model)
        self.grid.setWordWrap(True)
        self.grid.setAlternatingRowColors(True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.verticalHeader().setVisible(False)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SegmentGridModel.ID, QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setItemDelegate(SpanDelegate(self._grid_spans, self.grid))
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)

        self.panes = QStackedWidget()
        self.panes.addWidget(article)
        self.panes.addWidget(self.grid)

        # Findings list with its filter bar
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search findings…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.set_filter(text=t))
        self.severity_filter = QComboBox()
        for sev in sorted(Severity, reverse=True):
            self.severity_filter.addItem(self.tr("≥ %1").replace("%1", self.model_label(sev.label)), sev)
        self.severity_filter.setCurrentIndex(len(Severity) - 1)
        self.severity_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_filter(min_severity=Severity(self.severity_filter.currentData()))
        )
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("All categories"), "")
        self.category_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_filter(category=str(self.category_filter.currentData() or ""))
        )
        self.code_filter = QComboBox()
        self.code_filter.addItem(self.tr("All checks"), "")
        self.code_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_filter(code=str(self.code_filter.currentData() or ""))
        )
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.severity_filter)
        bar.addWidget(self.category_filter, 1)
        bar.addWidget(self.code_filter)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FindingsModel.WHERE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        th = self.table.horizontalHeader()
        th.setStretchLastSection(False)
        for col, width in ((0, 86), (1, 62), (2, 170), (3, 62), (4, 130), (5, 320), (6, 130), (7, 80)):
            self.table.setColumnWidth(col, width)
        th.setSectionResizeMode(FindingsModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.dataChanged.connect(self._on_model_changed)
        self.table.doubleClicked.connect(lambda _: self.accept_current())
        # Any change of statuses or corrected text is autosaved after a quiet moment.
        self.model.dataChanged.connect(lambda *_: self.schedule_autosave())
        self.grid_model.dataChanged.connect(lambda *_: self.schedule_autosave())
        self.corrected.document().contentsChanged.connect(self.schedule_autosave)

        findings_box = QWidget()
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(6, 6, 6, 0)
        fl.addLayout(bar)
        fl.addWidget(self.table)

        # Detail panel: the selected finding and what to do with it
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.RichText)
        self.detail_message = QLabel()
        self.detail_message.setWordWrap(True)
        self.detail_message.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_source = QLabel()
        self.detail_source.setWordWrap(True)
        self.detail_source.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_source.setStyleSheet("color: #57606a;")
        self.detail_source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion = QComboBox()
        self.suggestion.setEditable(True)
        self.suggestion.setToolTip(self.tr("Pick a suggestion or type your own, then Accept"))
        self.accept_button = QPushButton(self.tr("&Accept"))
        self.accept_button.clicked.connect(lambda: self.accept_current())
        self.reject_button = QPushButton(self.tr("&Reject"))
        self.reject_button.clicked.connect(self.reject_current)
        self.kind_button = QPushButton(self.tr("Accept all of this &kind"))
        self.kind_button.clicked.connect(self.accept_all_of_kind)
        self.not_error_button = QPushButton(self.tr("&Not an error"))
        self.not_error_button.clicked.connect(self.mark_not_error)
        self.ignore_button = QPushButton(self.tr("&Ignore this rule here"))
        self.ignore_button.clicked.connect(self.ignore_rule_here)
        self.term_button = QPushButton(self.tr("Add to &termbase"))
        self.term_button.clicked.connect(self.add_to_termbase)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(10, 8, 10, 8)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.detail_message)
        dl.addWidget(self.detail_source)
        dl.addWidget(self.suggestion)
        row1 = QHBoxLayout()
        row1.addWidget(self.accept_button)
        row1.addWidget(self.reject_button)
        dl.addLayout(row1)
        dl.addWidget(self.kind_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.not_error_button)
        row2.addWidget(self.ignore_button)
        dl.addLayout(row2)
        dl.addWidget(self.term_button)
        dl.addStretch(1)
        detail.setMinimumWidth(300)
        self.detail_panel = detail

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(findings_box)
        bottom.addWidget(detail)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([900, 340])

        review = QSplitter(Qt.Orientation.Vertical)
        review.addWidget(self.panes)
        review.addWidget(bottom)
        review.setStretchFactor(0, 3)
        review.setStretchFactor(1, 2)
        review.setSizes([460, 330])
        self.review_splitter = review

        self.summary = SummaryView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(review, self.tr("Review"))
        self.tabs.addTab(self.summary, self.tr("Summary"))
        self.tabs.currentChanged.connect(lambda _: self._refresh_summary())
        self.setCentralWidget(self.tabs)

        # Status bar: counts, progress, cancel
        self.counts_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_check)
        self.cancel_button.hide()
        sb = self.statusBar()
        # Permanent, so that transient messages on the left never hide the counts.
        sb.addPermanentWidget(self.counts_label)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self._show_detail(None)

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 0)
        label = QLabel(title)
        label.setStyleSheet("color: #57606a; font-weight: 600;")
        layout.addWidget(label)
        layout.addWidget(widget)
        return box

    def _build_actions(self) -> None:
        style_icon = self.style().standardIcon
        from PySide6.QtWidgets import QStyle

        sp = QStyle.StandardPixmap

        def action(text: str, slot: object, shortcut: QKeySequence | str | None = None, icon: QIcon | None = None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if icon is not None:
                act.setIcon(icon)
            act.triggered.connect(slot)  # type: ignore[arg-type]
            return act

        self.open_action = action(
            self.tr("&Open…"), self.choose_file, QKeySequence.StandardKey.Open, style_icon(sp.SP_DialogOpenButton)
        )
        self.source_action = action(self.tr("Choose &source file…"), self.choose_source)
        self.reference_action = action(self.tr("Choose r&eference translation…"), self.choose_reference)
        self.termbase_action = action(self.tr("Add &termbase for this document…"), self.choose_termbase)
        self.save_as_action = action(
            self.tr("Save corrected &as…"),
            lambda: self.save_as(),
            QKeySequence.StandardKey.SaveAs,
            style_icon(sp.SP_DialogSaveButton),
        )
        self.save_over_action = action(self.tr("Save &over original…"), lambda: self.save_over_original())
        self.export_actions = [
            action(self.tr("Export report as %1…").replace("%1", fmt.upper()), lambda _=False, f=fmt: self.export_report(f))
            for fmt in ("html", "json", "csv")
        ]
        self.settings_action = action(self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences)
        self.quit_action = action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.check_action = action(self.tr("&Check again"), self.start_check, "F5", style_icon(sp.SP_BrowserReload))
        self.cancel_action = action(self.tr("Cancel check"), self.cancel_check, "Esc", style_icon(sp.SP_BrowserStop))
        self.next_action = action(self.tr("&Next finding"), self.next_finding, "F8", style_icon(sp.SP_ArrowDown))
        self.prev_action = action(self.tr("&Previous finding"), self.previous_finding, "Shift+F8", style_icon(sp.SP_ArrowUp))
        self.accept_action = action(
            self.tr("&Accept fix"), lambda: self.accept_current(), "Ctrl+Return", style_icon(sp.SP_DialogApplyButton)
        )
        self.reject_action = action(
            self.tr("&Reject finding"), self.reject_current, "Ctrl+Backspace", style_icon(sp.SP_DialogDiscardButton)
        )
        self.safe_action = action(self.tr("Accept all &safe fixes"), self.accept_all_safe, "Ctrl+Shift+Return")
        self.undo_action = action(self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo, style_icon(sp.SP_ArrowBack))
        self.redo_action = action(self.tr("&Redo"), self.redo, QKeySequence.StandardKey.Redo, style_icon(sp.SP_ArrowForward))
        self.summary_action = action(self.tr("S&ummary"), lambda: self.tabs.setCurrentIndex(1), "Ctrl+2")
        self.review_action = action(self.tr("Re&view"), lambda: self.tabs.setCurrentIndex(0), "Ctrl+1")
        self.show_dismissed_action = QAction(self.tr("Show dismissed findings"), self)
        self.show_dismissed_action.setCheckable(True)
        self.show_dismissed_action.toggled.connect(lambda on: self.proxy.set_filter(show_dismissed=on))
        self.hide_done_action = QAction(self.tr("Hide accepted and rejected"), self)
        self.hide_done_action.setCheckable(True)
        self.hide_done_action.toggled.connect(lambda on: self.proxy.set_filter(hide_done=on))
        # Undo/redo of the text panes keep their own shortcuts while they have focus.
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for widget in (self.table, self.grid, self.original, self.detail_panel):
                widget.addAction(act)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(self.source_action)
        file_menu.addAction(self.reference_action)
        file_menu.addAction(self.termbase_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.save_over_action)
        file_menu.addSeparator()
        for act in self.export_actions:
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(self.tr("&Edit"))
        for act in (self.undo_action, self.redo_action):
            edit_menu.addAction(act)
        edit_menu.addSeparator()
        for act in (self.accept_action, self.reject_action, self.safe_action):
            edit_menu.addAction(act)
        review_menu = menu.addMenu(self.tr("&Review"))
        for act in (self.check_action, self.cancel_action, self.next_action, self.prev_action):
            review_menu.addAction(act)
        review_menu.addSeparator()
        review_menu.addAction(self.show_dismissed_action)
        review_menu.addAction(self.hide_done_action)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.review_action)
        view_menu.addAction(self.summary_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        self.about_action = action(self.tr("&About Lintra"), self.show_about)
        help_menu.addAction(self.about_action)

        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for act in (
            self.open_action,
            self.save_as_action,
            None,
            self.check_action,
            None,
            self.prev_action,
            self.next_action,
            None,
            self.accept_action,
            self.reject_action,
            self.safe_action,
            None,
            self.undo_action,
            self.redo_action,
        ):
            if act is None:
                tb.addSeparator()
            else:
                tb.addAction(act)

    def model_label(self, text: str) -> str:
        """A severity/status word translated in the findings model's context."""
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("FindingsModel", text)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _=False, p=path: self.open_file(Path(p)))
        if not self.settings.recent_files:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def _update_actions(self) -> None:
        has_doc = self.doc is not None
        current = self.current_row() is not None
        for act in (
            self.save_as_action,
            self.save_over_action,
            self.check_action,
            self.source_action,
            self.reference_action,
            self.termbase_action,
            *self.export_actions,
        ):
            act.setEnabled(has_doc and not self.running)
        self.cancel_action.setEnabled(self.running)
        editable = has_doc and not self.running
        for act in (self.accept_action, self.reject_action):
            act.setEnabled(editable and current)
        self.safe_action.setEnabled(editable)
        for button in (
            self.accept_button,
            self.reject_button,
            self.kind_button,
            self.not_error_button,
            self.ignore_button,
            self.term_button,
        ):
            button.setEnabled(editable and current)

    # ------------------------------------------------------------------ opening
    def choose_file(self) -> None:
        """Ask for a file and open it."""
        from checks.readers import FORMATS

        patterns = " ".join(f"*{ext}" for ext in sorted(FORMATS))
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open translation"), "", self.tr("Translations (%1);;All files (*)").replace("%1", patterns)
        )
        if path:
            self.open_file(Path(path))

    def choose_source(self) -> None:
        """Pick the source-language file of the open article and check again."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose source file"))
        if path and self.doc_path is not None:
            self.open_file(self.doc_path, source=Path(path), termbases=self.extra_termbases)

    def choose_termbase(self) -> None:
        """Add a termbase for this document and check again."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add termbase"), "", self.tr("Termbases (*.csv *.tsv *.tbx);;All files (*)")
        )
        if path and self.doc_path is not None:
            self.open_file(self.doc_path, source=self.source_path, termbases=[*self.extra_termbases, Path(path)])

    def _state_key(self) -> int:
        """Identity of the corrected side, to know whether it changed since the last save."""
        if self.is_article:
            return hash(self.corrected_text())
        return hash(tuple(sorted(self.grid_model.corrected().items())))

    def has_unsaved_changes(self) -> bool:
        """Whether the corrected side holds changes that were not saved."""
        return self.doc is not None and self.has_edits() and self._state_key() != self._saved_key

    def confirm_discard(self) -> bool:
        """Ask before unsaved corrections are thrown away; True to go on."""
        if not self.has_unsaved_changes():
            # Nothing unsaved in the text: leaving is deliberate, the recovery file has done its job.
            # Not while a check runs or a restore waits for it: the file still holds the review.
            if self._autosave_ready:
                self.discard_autosave()
            return True
        if not self.ask_before_discard:
            return True  # nobody was asked: the autosave stays for the next open
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved corrections"),
            self.tr("The corrected text has changes that were not saved. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_as() is not None
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_autosave()
            return True
        return False

    def open_file(self, path: Path, source: Path | None = None, termbases: list[Path] | None = None) -> bool:
        """Read *path* (and its *source*), show it and start checking; False (with a dialog) on error."""
        same = self.doc_path is not None and path == self.doc_path
        if not same and not self.confirm_discard():
            return False
        if self.running and self.run is not None:
            # Stop the old run and forget it: its queued signals no longer match self.run.
            self.run.wait()
            self.run = None
            self.running = False
            self.progress.hide()
            self.cancel_button.hide()
        try:
            doc, warnings = read_input(path, source)
            doc_hash = autosave.file_hash(path)
        except Exception as exc:
            self.show_error(self.tr("Cannot open %1").replace("%1", str(path)), str(exc))
            return False
        self._autosave_timer.stop()
        self._autosave_ready = False
        self._pending_restore = None
        self._doc_hash = doc_hash
        self.autosave_file = None
        self._autosaved_content = None
        try:
            self.decisions = Decisions.load(path)
        except (OSError, ValueError, KeyError) as exc:
            self.decisions = Decisions()
            warnings.append(self.tr("Project file ignored: %1").replace("%1", str(exc)))
        self.doc = doc
        self.doc_path = path
        self.source_path = source
        self.extra_termbases = list(termbases or [])
        self.settings.add_recent(str(path))
        self.setWindowTitle(f"{path.name} — Lintra")
        self._load_panes(doc)
        settle_heap(collect=True)
        for warning in warnings:
            self.statusBar().showMessage(warning, 8000)
        if self.autosave_enabled:
            self._offer_restore(path)
        self.start_check()
        return True

    def _load_panes(self, doc: Document) -> None:
        self.model.set_document(doc)
        self._reset_filters()
        self.tracker.clear()
        self._snapshots.clear()
        self._edits.clear()
        self._left_spans = []
        self._left_by_block = {}
        self._painted_current = None
        self._right_index = None
        self._segments = {seg.id: seg for seg in doc.segments}
        self._rows_by_segment = {}
        self._pending.clear()
        self._finish = None
        self._dirty_left.clear()
        self._dirty_right.clear()
        self.undo_stack.clear()
        decoded = doc.meta.get("decoded")
        text = getattr(decoded, "text", None)
        self.is_article = isinstance(text, str) and all(seg.offset is not None for seg in doc.segments)
        if self.is_article:
            assert isinstance(text, str)
            self._index = Utf16Index(text)
            self._left_hl.active = self._right_hl.active = False
            try:
                self.original.setPlainText(text)
                self.corrected.setPlainText(text)
            finally:
                self._left_hl.active = self._right_hl.active = True
            self.corrected.document().clearUndoRedoStacks()
            self._last_state = hash(text)
            self.panes.setCurrentIndex(0)
            self.grid_model.set_document(None)
        else:
            self.grid_model.set_document(doc)
            self.panes.setCurrentIndex(1)
            if len(doc.segments) <= 2000:
                self.grid.resizeRowsToContents()

    def showEvent(self, event: object) -> None:
        """Split the text panes evenly the first time the window appears."""
        super().showEvent(event)  # type: ignore[arg-type]
        if not getattr(self, "_split_done", False):
            self._split_done = True
            half = max(self.article_splitter.width() // 2, 100)
            self.article_splitter.setSizes([half, half])

    def _reset_filters(self) -> None:
        for combo in (self.category_filter, self.code_filter):
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.proxy.set_filter(category="", code="")

    # ------------------------------------------------------------------ checking
    def start_check(self) -> None:
        """(Re)check the open document in a worker thread."""
        if self.doc is None or self.running:
            return
        if self.has_edits():
            if not self.rebase_on_corrected():
                return
        elif self.model.rowCount():
            self._load_panes(self.doc)
        config = self.settings.run_config(self.extra_termbases)
        # Findings and statuses are incomplete until the run ends: what is on disk stays as it is.
        self._autosave_timer.stop()
        self._autosave_ready = False
        worker = CheckWorker(self.doc, config, self.registry_factory)
        worker.paced = True
        worker.out_of_process = len(self.doc.segments) >= OUT_OF_PROCESS_SEGMENTS
        worker.progress.connect(self._on_progress)
        worker.findings.connect(self._on_findings)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        self.run = CheckRun(worker, self)
        settle_heap(collect=False)
        self.running = True
        self.corrected.setReadOnly(True)  # spans are mapped from the unedited text while findings arrive
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._update_actions()
        self.run.start()

    def has_edits(self) -> bool:
        """Whether the corrected side differs from the checked text."""
        if self.doc is None:
            return False
        if self.is_article:
            decoded = self.doc.meta.get("decoded")
            return raw_text(self.corrected.document()) != getattr(decoded, "text", None)
        return bool(self.grid_model.corrected())

    def rebase_on_corrected(self) -> bool:
        """Make the corrected text the text to check (for "check again" after edits).

        The corrected document is written to a private work file in its own format and read
        back, so every reader/writer keeps working on it; saving still goes to the user's paths.
        """
        assert self.doc is not None and self.doc_path is not None
        if self._workdir is None:
            self._workdir = tempfile.TemporaryDirectory(prefix="lintra-")
        self._rebase_count += 1
        work = Path(self._workdir.name) / f"v{self._rebase_count}" / self.doc_path.name
        work.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.write_corrected(work)
            doc, _ = read_input(work, self.source_path)
        except Exception as exc:
            self.show_error(self.tr("Cannot check the corrected text"), str(exc))
            return False
        self.doc = doc
        self._load_panes(doc)
        self.statusBar().showMessage(self.tr("Checking the corrected text; the left pane now shows it"), 6000)
        return True

    def cancel_check(self) -> None:
        """Ask the running check to stop."""
        if self.run is not None and self.running:
            self.run.cancel()

    def _from_current_run(self) -> bool:
        # Signals of a run that was replaced (a new file opened meanwhile) are still queued.
        return self.run is not None and self.sender() is self.run.worker

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self._from_current_run():
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(list)
    def _on_findings(self, batch: list[Finding]) -> None:
        if not self._from_current_run():
            return
        self._pending.extend(batch)
        if not self._draining:
            self._draining = True
            QTimer.singleShot(0, self._drain)

    def _drain(self) -> None:
        """Show queued findings a slice at a time, so a big batch never freezes the window."""
        chunk = [self._pending.popleft() for _ in range(min(FINDINGS_PER_TURN, len(self._pending)))]
        if chunk:
            self._add_batch(chunk)
        if self._pending:
            QTimer.singleShot(0, self._drain)
            return
        self._draining = False
        if self.run is not None:
            self.run.worker.ack()  # everything delivered is on screen: let the worker go on
        if self._finish is not None:
            finish, self._finish = self._finish, None
            finish()

    def _after_drain(self, finish: Callable[[], None]) -> None:
        if self._draining:
            self._finish = finish
        else:
            finish()

    def _add_batch(self, batch: list[Finding]) -> None:
        if self.doc is None:
            return
        statuses = [self.decisions.status_of(f) or Status.OPEN for f in batch]
        first_row = self.model.rowCount()
        if self.is_article:
            odoc = self.original.document()
            for row, f in enumerate(batch, start=first_row):
                base = self._segments[f.segment].offset or 0
                start = self._index.to_utf16(base + f.start)
                end = self._index.to_utf16(base + f.end)
                self._left_spans.append((start, end))
                self.tracker.add(start, end)
                first_block = odoc.findBlock(start).blockNumber()
                last_block = odoc.findBlock(end).blockNumber() if end > start else first_block
                for block in range(first_block, last_block + 1):
                    self._left_by_block.setdefault(block, []).append(row)
        else:
            self.grid_model.add_flags(batch)
            for row, f in enumerate(batch, start=first_row):
                self._rows_by_segment.setdefault(f.segment, []).append(row)
        self.model.add_findings(batch, statuses)
        if self.is_article:
            self._repaint_rows(range(first_row, self.model.rowCount()), right=False)
        for combo, values in (
            (self.category_filter, {f.category for f in batch}),
            (self.code_filter, {f.code for f in batch}),
        ):
            known = {combo.itemData(i) for i in range(combo.count())}
            for value in sorted(values - known):
                combo.addItem(value, value)
        self._schedule_counts()
        if self.current_row() is None:
            self.select_proxy_row(0)

    def _end_run(self, outcome: str) -> None:
        settle_heap(collect=False)  # the findings are long-lived now too
        self.running = False
        self.progress.hide()
        self.cancel_button.hide()
        self.corrected.setReadOnly(False)
        if self._pending_restore is not None:
            # Also after a failed or cancelled check: the corrected text comes back in any case.
            data, self._pending_restore = self._pending_restore, None
            self.restore_review(data)
        self._autosave_ready = self.autosave_enabled
        self.schedule_autosave()
        self._update_actions()
        self._update_counts()
        self._refresh_summary()
        self.check_finished.emit(outcome)

    @Slot(int)
    def _on_finished(self, count: int) -> None:
        if not self._from_current_run():
            return

        def finish() -> None:
            self.statusBar().showMessage(self.tr("Check finished: %1 findings").replace("%1", str(count)), 5000)
            self._end_run("finished")

        self._after_drain(finish)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if not self._from_current_run():
            return

        def finish() -> None:
            self.last_error = message
            self._end_run("failed")
            self.show_error(self.tr("The check failed"), message)

        self._after_drain(finish)

    @Slot()
    def _on_cancelled(self) -> None:
        if not self._from_current_run():
            return

        def finish() -> None:
            self.statusBar().showMessage(self.tr("Check cancelled; findings so far are kept"), 5000)
            self._end_run("cancelled")

        self._after_drain(finish)

    def show_error(self, title: str, detail: str) -> None:
        """Tell the user about an error without leaving the window unusable."""
        self.last_error = detail
        first, _, rest = detail.partition("\n")
        box = QMessageBox(QMessageBox.Icon.Warning, title, first, QMessageBox.StandardButton.Ok, self)
        if rest.strip():
            box.setDetailedText(rest.strip())
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()  # not exec(): tests and the screenshot mode keep running

    # ------------------------------------------------------------------ counts and summary
    def _update_counts(self) -> None:
        total = self.model.rowCount()
        if not total:
            self.counts_label.setText(
                self.tr("No findings")
                if self.doc is not None
                else self.tr("Open a translation to check it (File ▸ Open, or drop a file here)")
            )
            return
        by_cat, open_count = self.model.counts()
        parts = [f"{cat} {n}" for cat, n in by_cat.most_common()]
        text = self.tr("%1 findings, %2 open").replace("%1", str(sum(by_cat.values()))).replace("%2", str(open_count))
        self.counts_label.setText(f"{text}   ·   " + "  ·  ".join(parts))

    def _refresh_summary(self) -> None:
        if self.doc is None or self.tabs.currentWidget() is not self.summary:
            return
        kept = [
            self.model.finding(r)
            for r in range(self.model.rowCount())
            if not self.model.status(r).dismissed and self.model.status(r) is not Status.REJECTED
        ]
        self.summary.set_findings(kept, self.doc.word_count(), self.doc_path.name if self.doc_path else "")
        self.summary.set_reference_scores(*self.reference_scores())

    def corrected_segments(self) -> dict[str, str]:
        """Segment id -> corrected target for every segment (articles: by paragraph when possible)."""
        assert self.doc is not None
        if not self.is_article:
            corrected = self.grid_model.corrected()
            return {seg.id: corrected.get(seg.id, seg.target) for seg in self.doc.segments}
        from checks.fixes import corrected_targets
        from checks.readers.plaintext import paragraphs

        text = self.corrected_text()
        spans = paragraphs(text)
        if len(spans) == len(self.doc.segments) and not self.doc.meta.get("aligned"):
            return {seg.id: text[a:b] for seg, (_, a, b) in zip(self.doc.segments, spans, strict=True)}
        # Paragraphs were merged or split by hand: fall back to the accepted fixes.
        accepted = [self._edits[r] for r in self.model.rows_with(Status.ACCEPTED) if r in self._edits]
        fixed = corrected_targets(self.doc, accepted)
        return {seg.id: fixed.get(seg.id, seg.target) for seg in self.doc.segments}

    def reference_scores(self) -> tuple[dict[str, object] | None, dict[str, object] | None, str]:
        """Scores (sacrebleu) of the original and corrected targets against the reference, or an error."""
        if self.doc is None or self.reference_path is None:
            return None, None, ""
        from checks.metrics import score
        from checks.readers import read_document

        try:
            refs = [seg.target for seg in read_document(self.reference_path).segments]
            if len(refs) != len(self.doc.segments):
                raise ValueError(
                    self.tr("the reference has %1 segments, the document %2")
                    .replace("%1", str(len(refs)))
                    .replace("%2", str(len(self.doc.segments)))
                )
            corrected = self.corrected_segments()
            before = score([seg.target for seg in self.doc.segments], refs)
            after = score([corrected[seg.id] for seg in self.doc.segments], refs)
        except Exception as exc:
            return None, None, str(exc)
        return before, after, ""

    def choose_reference(self) -> None:
        """Pick a reference translation for the summary's sacrebleu scores."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose reference translation"))
        if path:
            self.reference_path = Path(path)
            self.tabs.setCurrentWidget(self.summary)
            self._refresh_summary()

    # ------------------------------------------------------------------ selection and highlights
    def current_row(self) -> int | None:
        """Source-model row of the selected finding."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.mapToSource(index).row()

    def current_finding(self) -> Finding | None:
        """The selected finding."""
        row = self.current_row()
        return None if row is None else self.model.finding(row)

    def select_proxy_row(self, row: int) -> None:
        """Select visible row *row* of the findings list."""
        if not 0 <= row < self.proxy.rowCount():
            return
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def next_finding(self) -> None:
        """Select the next visible finding."""
        index = self.table.currentIndex()
        self.select_proxy_row(index.row() + 1 if index.isValid() else 0)

    def previous_finding(self) -> None:
        """Select the previous visible finding."""
        index = self.table.currentIndex()
        self.select_proxy_row(max(index.row() - 1, 0) if index.isValid() else 0)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.mapToSource(current).row() if current.isValid() else None
        if row is None and self._painted_current is not None:
            previous, self._painted_current = self._painted_current, None
            self._repaint_rows([previous])
        self._show_detail(row)
        self._update_actions()
        if row is None or self.doc is None:
            return
        if self.is_article:
            previous = self._painted_current
            self._painted_current = row
            self._repaint_rows([r for r in (previous, row) if r is not None])
            start, end = self._left_spans[row]
            self._reveal(self.original, start, end)
            rstart, rend = self.tracker.span(row)
            self._reveal(self.corrected, rstart, rend)
        else:
            self.grid.viewport().update()
            grid_row = self.grid_model.row_of(self.model.finding(row).segment)
            self.grid.selectRow(grid_row)
            self.grid.scrollTo(self.grid_model.index(grid_row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _grid_spans(self, index: QModelIndex) -> list[CellSpan]:
        """Flagged spans in the Target cell, applied fixes in the Corrected cell of a grid row."""
        if self.doc is None or index.column() not in (SegmentGridModel.TARGET, SegmentGridModel.CORRECTED):
            return []
        seg = self.doc.segments[index.row()]
        rows = self._rows_by_segment.get(seg.id, ())
        current = self.current_row()
        spans: list[CellSpan] = []
        if index.column() == SegmentGridModel.TARGET:
            for row in rows:
                status = self.model.status(row)
                if status.dismissed or status is Status.REJECTED:
                    continue
                f = self.model.finding(row)
                spans.append((f.start, f.end, SEVERITY_COLOURS[f.severity], 150 if row == current else 60))
            return spans
        edits = sorted(
            (self._edits[r] for r in rows if r in self._edits and self.model.status(r) is Status.ACCEPTED),
            key=lambda e: e.start,
        )
        from checks.fixes import apply_to_text

        if not edits or apply_to_text(seg.target, edits) != self.grid_model.corrected_text(seg.id):
            return []  # edited by hand: the fixes can no longer be located
        offset = 0
        for e in edits:
            start = e.start + offset
            spans.append((start, start + len(e.replacement), "#2da44e", 80))
            offset += len(e.replacement) - (e.end - e.start)
        return spans

    def _on_model_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        row = self.current_row()
        if row is not None and top_left.row() <= row <= bottom_right.row():
            self._show_detail(row)
        if not self.is_article:
            self.grid.viewport().update()

    def _reveal(self, pane: QPlainTextEdit, start: int, end: int) -> None:
        cursor = QTextCursor(pane.document())
        cursor.setPosition(min(start, pane.document().characterCount() - 1))
        pane.setTextCursor(cursor)
        pane.centerCursor()

    def _show_detail(self, row: int | None) -> None:
        self.suggestion.clear()
        if row is None:
            self.detail_title.setText(f"<span style='color:#57606a'>{self.tr('No finding selected')}</span>")
            self.detail_message.setText("")
            self.detail_source.setText("")
            return
        f = self.model.finding(row)
        status = self.model.status(row)
        colour = SEVERITY_COLOURS[f.severity]
        facts = " · ".join((f.category, self.model_label(f.severity.label), self.model_label(status.value)))
        self.detail_title.setText(
            f"<span style='color:{colour}'>●</span> <b>{f.code}</b> {html.escape(f.rule)} "
            f"<span style='color:#57606a'>· {html.escape(facts)}</span>"
        )
        source = self._segments[f.segment].source if f.segment in self._segments else None
        self.detail_source.setText(self.tr("Source: %1").replace("%1", source) if source else "")
        self.detail_source.setVisible(bool(source))
        shown = f.text if f.text else self.tr("(insertion point)")
        self.detail_message.setText(f"{f.message}\n«{shown}»")
        for s in f.suggestions:
            self.suggestion.addItem(s if s else "", s)
        if f.suggestions and not f.suggestions[0]:
            self.suggestion.setToolTip(self.tr("Empty suggestion: the flagged text is deleted"))
        if not f.suggestions:
            self.suggestion.setEditText(f.text)

    def _schedule_counts(self) -> None:
        # Findings stream in fast; recount at most every 150 ms.
        if not self._counts_pending:
            self._counts_pending = True
            QTimer.singleShot(150, self._flush_counts)

    def _flush_counts(self) -> None:
        self._counts_pending = False
        self._update_counts()

    def _left_spans_in(self, start: int, _end: int) -> list[tuple[int, int, QTextCharFormat]]:
        """Flagged spans of the original paragraph at *start* (all but dismissed and rejected)."""
        block = self.original.document().findBlock(start).blockNumber()
        current = self._painted_current
        out = []
        for row in self._left_by_block.get(block, ()):
            status = self.model.status(row)
            if status.dismissed or status is Status.REJECTED:
                continue
            colour = SEVERITY_COLOURS[self.model.finding(row).severity]
            s, e = self._left_spans[row]
            out.append((s, e, span_format(colour, 150 if row == current else 55, row == current)))
        # The selected finding is painted last, so a wider span around it cannot hide it.
        out.sort(key=lambda span: span[2].fontUnderline())
        return out

    def _right_spans_in(self, start: int, end: int) -> list[tuple[int, int, QTextCharFormat]]:
        """Applied fixes (green) and the selected finding in the corrected paragraph at *start*."""
        current = self._painted_current
        if self._right_index is None:
            rows = [r for r in self.model.rows_with(Status.ACCEPTED) if r < len(self.tracker)]
            if current is not None and current < len(self.tracker) and current not in rows:
                rows.append(current)
            rows.sort(key=self.tracker.span)
            self._right_index = ([self.tracker.span(r)[0] for r in rows], rows)
        starts, rows = self._right_index
        out = []
        # Spans are short, so those touching this paragraph start at most a little before it.
        for k in range(bisect.bisect_left(starts, start - RIGHT_LOOKBACK), bisect.bisect_right(starts, end)):
            row = rows[k]
            s, e = self.tracker.span(row)
            if e < start or (e == start and s != e):
                continue
            if self.model.status(row) is Status.ACCEPTED:
                out.append((s, e, span_format("#2da44e", 70, row == current)))
            elif row == current:
                out.append((s, e, span_format(SEVERITY_COLOURS[self.model.finding(row).severity], 110, True)))
        return out

    def _repaint_rows(self, rows: Iterable[int], left: bool = True, right: bool = True) -> None:
        """Mark the paragraphs that show findings at *rows* for repainting.

        Only paragraphs on screen are re-highlighted now (each costs a relayout that grows with
        the document); the others are done when scrolled into view.
        """
        if not self.is_article:
            return
        self._right_index = None
        odoc, cdoc = self.original.document(), self.corrected.document()
        for row in rows:
            if row >= len(self._left_spans):
                continue
            if left:
                start, end = self._left_spans[row]
                first, last = odoc.findBlock(start).blockNumber(), odoc.findBlock(end).blockNumber()
                self._dirty_left.update(range(first, max(first, last) + 1))
            if right:
                start, end = self.tracker.span(row)
                first, last = cdoc.findBlock(start).blockNumber(), cdoc.findBlock(end).blockNumber()
                self._dirty_right.update(range(first, max(first, last) + 1))
        self._flush_visible()

    def _visible_blocks(self, pane: QPlainTextEdit) -> range:
        viewport = pane.viewport()
        top = pane.cursorForPosition(viewport.rect().topLeft()).blockNumber()
        bottom = pane.cursorForPosition(viewport.rect().bottomRight()).blockNumber()
        return range(max(0, top - 2), bottom + 3)

    def _flush_visible(self) -> None:
        """Re-highlight the marked paragraphs that are on screen."""
        for pane, dirty, highlighter in (
            (self.original, self._dirty_left, self._left_hl),
            (self.corrected, self._dirty_right, self._right_hl),
        ):
            if not dirty:
                continue
            doc = pane.document()
            for number in self._visible_blocks(pane):
                if number in dirty:
                    dirty.discard(number)
                    block = doc.findBlockByNumber(number)
                    if block.isValid():
                        highlighter.rehighlightBlock(block)

    def _update_highlights(self) -> None:
        """Repaint all highlights (after bulk changes): the visible ones now, the rest on scrolling."""
        self._right_index = None
        if self.is_article:
            self._dirty_left.update(range(self.original.document().blockCount()))
            self._dirty_right.update(range(self.corrected.document().blockCount()))
            self._flush_visible()

    # ------------------------------------------------------------------ article undo bookkeeping
    def _on_contents_change(self, pos: int, removed: int, added: int) -> None:
        # During an accept the window moves the spans itself: Qt reports an edit block as one
        # merged change, which would lose the exact place of each fix.
        self._right_index = None
        revision = self.corrected.document().revision()
        if revision == self._revision:
            return  # a format-only change (highlighting): no text moved
        self._revision = revision
        if self.is_article and len(self.tracker) and not self._own_edit:
            self.tracker.change(pos, removed, added)

    def _schedule_sync(self) -> None:
        if not self._sync_pending:
            self._sync_pending = True
            QTimer.singleShot(0, self._sync_undo_state)

    def _sync_undo_state(self) -> None:
        """After any change of the corrected text, let statuses and spans follow undo/redo.

        States are recognised by their text: when undo, redo or typing returns the corrected
        text to a state seen at an accept, the spans and accepted fixes of that state come back.
        Qt's undo counters cannot be used for this because they count commands, not edit blocks.
        """
        self._sync_pending = False
        if not self.is_article:
            return
        key = hash(raw_text(self.corrected.document()))
        if key != self._last_state and key in self._snapshots:
            spans, accepted = self._snapshots[key]
            self.tracker.restore(spans)
            now_accepted = set(self.model.rows_with(Status.ACCEPTED))
            self.model.set_statuses(sorted(now_accepted - accepted), Status.OPEN)
            self.model.set_statuses(sorted(accepted - now_accepted), Status.ACCEPTED)
            self._update_highlights()
            self._update_counts()
            row = self.current_row()
            if row is not None:
                self._show_detail(row)
        self._last_state = key

    # ------------------------------------------------------------------ decisions
    def accept_current(self, replacement: str | None = None) -> bool:
        """Accept the selected finding with *replacement* (default: the suggestion box's text)."""
        row = self.current_row()
        if row is None or self.running:
            return False
        f = self.model.finding(row)
        if replacement is None:
            replacement = self.suggestion.currentText() if self.suggestion.count() or self.suggestion.currentText() else None
            if replacement is None and f.suggestions:
                replacement = f.suggestions[0]
        if replacement is None or (replacement == f.text and not f.suggestions):
            self.statusBar().showMessage(self.tr("This finding has no suggestion: type a replacement first"), 5000)
            return False
        ok = self.accept_rows([(row, replacement)], self.tr("Accept %1").replace("%1", f.code))
        if ok:
            self.next_finding()
        return ok

    def show_about(self) -> None:
        """Show the About box (version and licences)."""
        from desktop.about import AboutDialog

        AboutDialog(self).exec()

    def accept_all_of_kind(self) -> int:
        """Accept every open finding with the selected finding's code, text and first suggestion."""
        f = self.current_finding()
        if f is None or not f.suggestions:
            return 0
        rows = [
            (r, f.suggestions[0])
            for r in self.model.rows_with(Status.OPEN)
            if (g := self.model.finding(r)).code == f.code and g.text == f.text and g.suggestions[:1] == f.suggestions[:1]
        ]
        return self._accept_many(rows, self.tr("Accept all %1 «%2»").replace("%1", f.code).replace("%2", f.text))

    def accept_all_safe(self) -> int:
        """Accept the first suggestion of every open finding marked safe."""
        rows = [
            (r, self.model.finding(r).suggestions[0])
            for r in self.model.rows_with(Status.OPEN)
            if self.model.finding(r).safe and self.model.finding(r).suggestions
        ]
        return self._accept_many(rows, self.tr("Accept all safe fixes"))

    def _accept_many(self, rows: list[tuple[int, str]], label: str) -> int:
        if not rows:
            self.statusBar().showMessage(self.tr("Nothing to accept"), 4000)
            return 0
        before = sum(1 for r, _ in rows if self.model.status(r) is Status.ACCEPTED)
        self.accept_rows(rows, label)
        return sum(1 for r, _ in rows if self.model.status(r) is Status.ACCEPTED) - before

    def accept_rows(self, rows: list[tuple[int, str]], label: str) -> bool:
        """Apply replacements for findings at source *rows* as one undo step; False if any was stale."""
        ok = self._accept_article(rows) if self.is_article else self._accept_grid(rows, label)
        self.autosave_now()
        return ok

    def _accept_article(self, rows: list[tuple[int, str]]) -> bool:
        doc = self.corrected.document()
        text = raw_text(doc)
        index = Utf16Index(text)
        before = (self.tracker.snapshot(), frozenset(self.model.rows_with(Status.ACCEPTED)))
        chosen: list[tuple[int, int, int, str]] = []
        skipped = 0
        last_end = -1
        # Left to right, longer span first at one start, like checks.fixes.select_edits: a deletion
        # of a whole byline wins over a punctuation fix inside it. Applied right to left below, so
        # one edit never moves the text of the others.
        for row, replacement in sorted(rows, key=lambda rr: (self.tracker.span(rr[0])[0], -self.tracker.span(rr[0])[1])):
            f = self.model.finding(row)
            start, end = self.tracker.span(row)
            current = text[index.to_codepoint(start) : index.to_codepoint(end)]
            if (
                current != f.text
                or self.model.status(row) is Status.ACCEPTED
                or start < last_end
                or (chosen and start == end == chosen[-1][1] == chosen[-1][2])
            ):
                skipped += 1
                continue
            chosen.append((row, start, end, replacement))
            last_end = end
        chosen.reverse()
        if chosen:
            self._own_edit = True
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            try:
                for _, start, end, replacement in chosen:
                    cursor.setPosition(start)
                    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                    cursor.insertText(replacement)
            finally:
                cursor.endEditBlock()
                self._own_edit = False
                self._revision = doc.revision()
            self.tracker.apply_edits([(start, end, utf16_len(rep)) for _, start, end, rep in chosen])
            offset = 0
            for row, start, end, replacement in reversed(chosen):  # left to right
                f = self.model.finding(row)
                added = utf16_len(replacement)
                self.tracker.set(row, start + offset, start + offset + added)
                offset += added - (end - start)
                self._edits[row] = Edit(f.segment, f.start, f.end, replacement, f.code)
            self.model.set_statuses([row for row, *_ in chosen], Status.ACCEPTED)
            self._snapshots[hash(text)] = before
            after_key = hash(raw_text(doc))
            self._snapshots[after_key] = (self.tracker.snapshot(), frozenset(self.model.rows_with(Status.ACCEPTED)))
            self._last_state = after_key
            self._repaint_rows([row for row, *_ in chosen])
        if skipped:
            self.statusBar().showMessage(
                self.tr("%1 finding(s) skipped: they overlap a fix already made or text edited by hand").replace(
                    "%1", str(skipped)
                ),
                6000,
            )
        self._update_counts()
        return bool(chosen) and not skipped

    def _accept_grid(self, rows: list[tuple[int, str]], label: str) -> bool:
        from checks.fixes import Edit, apply_to_text, select_edits

        assert self.doc is not None
        by_segment: dict[str, list[tuple[int, str]]] = {}
        for row, replacement in rows:
            by_segment.setdefault(self.model.finding(row).segment, []).append((row, replacement))
        commands: list[GridEdit] = []
        all_ok = True
        for seg_id, items in by_segment.items():
            seg = self.doc.segment(seg_id)
            old = self.grid_model.corrected_text(seg_id)
            prior = [
                self._edits[r]
                for r in self.model.rows_with(Status.ACCEPTED)
                if r in self._edits and self._edits[r].segment == seg_id
            ]
            if apply_to_text(seg.target, prior) != old:
                all_ok = False  # edited by hand: the finding offsets no longer line up
                continue
            new_rows: dict[int, Edit] = {}
            for row, replacement in items:
                f = self.model.finding(row)
                if self.model.status(row) is not Status.ACCEPTED:
                    new_rows[row] = Edit(seg_id, f.start, f.end, replacement, f.code)
            chosen_ids = {id(e) for e in select_edits([*prior, *new_rows.values()])}
            if any(id(e) not in chosen_ids for e in prior):
                all_ok = False  # a new edit would displace an accepted one: keep the accepted
                chosen_ids = {id(e) for e in select_edits(prior)} | {id(e) for e in new_rows.values() if id(e) in chosen_ids}
            kept = {row: e for row, e in new_rows.items() if id(e) in chosen_ids}
            all_ok = all_ok and len(kept) == len(items)
            if not kept:
                continue
            new_text = apply_to_text(seg.target, [*prior, *kept.values()])
            statuses = {row: (self.model.status(row), Status.ACCEPTED) for row in kept}
            self._edits.update(kept)
            commands.append(GridEdit(self, seg_id, old, new_text, statuses, label))
        # One undo step for the whole action; nothing on the stack when nothing changed.
        if len(commands) > 1:
            self.undo_stack.beginMacro(label)
        for command in commands:
            self.undo_stack.push(command)
        if len(commands) > 1:
            self.undo_stack.endMacro()
        if not all_ok:
            self.statusBar().showMessage(self.tr("Some fixes were skipped: they overlap another fix or a hand edit"), 6000)
        return all_ok

    def _grid_edit(self, seg_id: str, text: str) -> None:
        old = self.grid_model.corrected_text(seg_id)
        self.undo_stack.push(GridEdit(self, seg_id, old, text, {}, self.tr("Edit segment %1").replace("%1", seg_id)))
        self.autosave_now()

    def refresh_after_edit(self) -> None:
        """Redraw what depends on corrected text and statuses."""
        self._update_counts()
        row = self.current_row()
        if row is not None:
            self._show_detail(row)

    def reject_current(self) -> None:
        """Reject the selected finding (or reopen it when already rejected)."""
        row = self.current_row()
        if row is None:
            return
        status = self.model.status(row)
        if status is Status.ACCEPTED:
            self.statusBar().showMessage(self.tr("Already accepted: use Undo to take the fix back"), 5000)
            return
        self.model.set_status(row, Status.OPEN if status is Status.REJECTED else Status.REJECTED)
        self.autosave_now()
        self._update_highlights()
        self._update_counts()
        if status is not Status.REJECTED:
            self.next_finding()

    def _remember(self, status: Status) -> None:
        row = self.current_row()
        if row is None or self.doc_path is None:
            return
        f = self.model.finding(row)
        if status is Status.NOT_ERROR:
            self.decisions.mark_not_error(f)
            rows = [row]
        else:
            self.decisions.ignore_rule(f.code)
            rows = [
                r
                for r in range(self.model.rowCount())
                if self.model.finding(r).code == f.code and self.model.status(r) is Status.OPEN
            ]
        try:
            saved = self.decisions.save(self.doc_path)
        except OSError as exc:
            self.show_error(self.tr("Cannot save the project file"), str(exc))
            return
        proxy_row = self.table.currentIndex().row()
        for r in rows:
            self.model.set_status(r, status)
        self.autosave_now()
        self.statusBar().showMessage(self.tr("Remembered in %1").replace("%1", saved.name), 5000)
        self._update_highlights()
        self._update_counts()
        self.select_proxy_row(min(proxy_row, self.proxy.rowCount() - 1))

    def mark_not_error(self) -> None:
        """Remember that the selected finding is not an error (in the project file)."""
        self._remember(Status.NOT_ERROR)

    def ignore_rule_here(self) -> None:
        """Remember to ignore the selected finding's rule in this document."""
        self._remember(Status.IGNORED)

    def add_to_termbase(self) -> Path | None:
        """Append "flagged text -> chosen term" to the user termbase."""
        f = self.current_finding()
        if f is None or self.doc is None:
            return None
        preferred = self.suggestion.currentText().strip()
        if not preferred or preferred == f.text:
            self.statusBar().showMessage(self.tr("Choose or type the preferred term first"), 5000)
            return None
        path = Path(self.settings.user_termbase)
        try:
            # The source column stays empty: which source words the term renders cannot be told
            # reliably from a sentence pair, and a wrong source term would mislead later checks.
            append_term(
                path,
                "",
                preferred,
                f.text,
                self.tr("added from %1").replace("%1", self.doc_path.name if self.doc_path else ""),
            )
        except OSError as exc:
            self.show_error(self.tr("Cannot write the termbase"), str(exc))
            return None
        self.statusBar().showMessage(self.tr("Added «%1» to %2").replace("%1", preferred).replace("%2", str(path)), 6000)
        return path

    # ------------------------------------------------------------------ undo
    def undo(self) -> None:
        """Undo the last change of the corrected text."""
        if self.is_article:
            self.corrected.undo()
        else:
            self.undo_stack.undo()
        self.schedule_autosave(0)

    def redo(self) -> None:
        """Redo the last undone change."""
        if self.is_article:
            self.corrected.redo()
        else:
            self.undo_stack.redo()
        self.schedule_autosave(0)

    # ------------------------------------------------------------------ saving and export
    def corrected_targets(self) -> dict[str, str]:
        """Segment id -> corrected target for bilingual documents."""
        return self.grid_model.corrected()

    def corrected_text(self) -> str:
        """The whole corrected article text."""
        return raw_text(self.corrected.document())

    def write_corrected(self, out: Path) -> None:
        """Write the corrected document to *out* in the input's own format."""
        from checks.readers import write_document

        assert self.doc is not None
        if self.is_article:
            # Free editing can cross paragraph borders, so the article is spliced as one piece.
            decoded = self.doc.meta["decoded"]
            whole = Segment(id="whole", target=decoded.text, offset=0)  # type: ignore[attr-defined]
            write_document(dc_replace(self.doc, segments=(whole,)), {"whole": self.corrected_text()}, out)
        else:
            write_document(self.doc, self.corrected_targets(), out)

    def default_save_path(self) -> Path:
        """``name.corrected.ext`` beside the original."""
        assert self.doc_path is not None
        return self.doc_path.with_name(f"{self.doc_path.stem}.corrected{self.doc_path.suffix}")

    def save_as(self, path: Path | None = None) -> Path | None:
        """Save the corrected document to a new file (asks for the name unless given)."""
        if self.doc is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save corrected document"), str(self.default_save_path()))
            if not chosen:
                return None
            path = Path(chosen)
        if self.doc_path is not None and path.resolve() == self.doc_path.resolve():
            return self.save_over_original(confirm=True)
        try:
            self.write_corrected(path)
        except Exception as exc:
            self.show_error(self.tr("Cannot save %1").replace("%1", str(path)), str(exc))
            return None
        self._saved_key = self._state_key()
        self.discard_autosave()
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 5000)
        return path

    def save_over_original(self, confirm: bool = True) -> Path | None:
        """Overwrite the original after confirmation, keeping a ``.bak`` copy of it."""
        if self.doc is None or self.doc_path is None:
            return None
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Overwrite the original?"),
                self.tr("Replace %1 with the corrected text? The original is kept as %2.")
                .replace("%1", self.doc_path.name)
                .replace("%2", self.doc_path.name + ".bak"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        backup = self.doc_path.with_name(self.doc_path.name + ".bak")
        try:
            shutil.copy2(self.doc_path, backup)
            self.write_corrected(self.doc_path)
        except Exception as exc:
            self.show_error(self.tr("Cannot save %1").replace("%1", str(self.doc_path)), str(exc))
            return None
        self._saved_key = self._state_key()
        self.discard_autosave()
        # Later autosaves describe edits of the file as it is now.
        with contextlib.suppress(OSError):
            self._doc_hash = autosave.file_hash(self.doc_path)
        self.statusBar().showMessage(self.tr("Saved; original kept as %1").replace("%1", backup.name), 6000)
        return self.doc_path

    def export_report(self, fmt: str, path: Path | None = None) -> Path | None:
        """Write the report of the current findings as *fmt* (html, json, csv)."""
        if self.doc is None:
            return None
        from checks.readers.textio import atomic_write

        try:
            from checks.reporters import DocumentResult, render
        except ImportError:
            self.show_error(self.tr("Export is not available"), self.tr("This build has no report writers (checks.reporters)."))
            return None
        if path is None:
            suggested = str(Path(self.doc_path or self.doc.path).with_suffix(f".lintra.{fmt}"))
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), suggested)
            if not chosen:
                return None
            path = Path(chosen)
        kept = [
            self.model.finding(r)
            for r in range(self.model.rowCount())
            if not self.model.status(r).dismissed and self.model.status(r) is not Status.REJECTED
        ]
        accepted = [self._edits[r] for r in self.model.rows_with(Status.ACCEPTED) if r in self._edits]
        try:
            shown = dc_replace(self.doc, path=str(self.doc_path or self.doc.path))
            text = render(fmt, [DocumentResult(shown, kept, edits=accepted)])
            atomic_write(path, text.encode("utf-8"))
        except Exception as exc:
            self.show_error(self.tr("Cannot export the report"), str(exc))
            return None
        self.statusBar().showMessage(self.tr("Report written to %1").replace("%1", str(path)), 5000)
        return path

    # ------------------------------------------------------------------ autosave and recovery
    def schedule_autosave(self, delay_ms: int | None = None) -> None:
        """Autosave after a quiet moment (each new change restarts the wait)."""
        if self._autosave_ready and self.doc is not None:
            self._autosave_timer.start(self.autosave_delay_ms if delay_ms is None else delay_ms)

    def review_state(self) -> Autosave | None:
        """The review as a recovery record; None when there is nothing a crash could lose."""
        if self.doc is None or self.doc_path is None:
            return None
        states: list[FindingState] = []
        decided = False
        for row in range(self.model.rowCount()):
            status = self.model.status(row)
            if status is Status.OPEN:
                continue
            decided = decided or not status.dismissed  # dismissals are in the project file already
            f = self.model.finding(row)
            edit = self._edits.get(row) if status is Status.ACCEPTED else None
            states.append(
                FindingState(f.code, f.segment, f.start, f.end, f.text, status.value, edit.replacement if edit else None)
            )
        if not decided and not self.has_edits():
            return None
        data = Autosave(
            document=str(self.doc_path.resolve()),
            sha256=self._doc_hash,
            article=self.is_article,
            findings=states,
            source=str(self.source_path) if self.source_path else None,
        )
        if self.is_article:
            data.corrected_text = self.corrected_text()
        else:
            # Every segment, not only the changed ones: "changed" depends on which text was checked last.
            corrected = self.grid_model.corrected()
            data.corrected_segments = {seg.id: corrected.get(seg.id, seg.target) for seg in self.doc.segments}
        return data

    def autosave_now(self) -> Path | None:
        """Write the recovery file now (or remove it when there is nothing to recover)."""
        self._autosave_timer.stop()
        if not self._autosave_ready or self.doc_path is None:
            return None
        data = self.review_state()
        if data is None:
            self.discard_autosave()
            return None
        # Repainting also reports "contents changed": an unchanged review is not written again.
        content = (data.corrected_text, data.corrected_segments, data.findings, data.sha256)
        if content == self._autosaved_content and self.autosave_file is not None and self.autosave_file.is_file():
            return self.autosave_file
        try:
            self.autosave_file = autosave.write(data, self.doc_path, self.autosave_dir)
            self._autosaved_content = content
        except Exception as exc:
            # Never interrupt the review for this; the status bar says the safety net is missing.
            self.statusBar().showMessage(self.tr("Autosave failed: %1").replace("%1", str(exc)), 8000)
            return None
        return self.autosave_file

    def discard_autosave(self) -> None:
        """Remove the recovery file of the open document (after a clean save or a deliberate discard)."""
        self._autosave_timer.stop()
        if self.doc_path is not None:
            autosave.remove(self.doc_path, self.autosave_dir)
        self.autosave_file = None
        self._autosaved_content = None

    def restore_question(self, data: Autosave) -> QMessageBox:
        """The "restore unsaved review?" box (built separately so it can be shown in a screenshot)."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(data.saved_at))
        accepted = sum(1 for s in data.findings if s.status == Status.ACCEPTED.value)
        rejected = sum(1 for s in data.findings if s.status == Status.REJECTED.value)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore unsaved review?"),
            self.tr("Restore unsaved review from %1?").replace("%1", when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(
            self.tr("Lintra was closed before the corrections of %1 were saved (%2 fixes accepted, %3 rejected). "
                    "Choose No to discard the autosaved review.")
            .replace("%1", Path(data.document).name)
            .replace("%2", str(accepted))
            .replace("%3", str(rejected))
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return box

    def _offer_restore(self, path: Path) -> None:
        """Ask whether to restore an autosave of *path*; the restore itself waits for the check."""
        found = autosave.find(path, self.autosave_dir)
        if found is None:
            return
        try:
            data = Autosave.load(found)
        except (OSError, ValueError) as exc:
            aside = self._keep_aside(found)
            self.statusBar().showMessage(
                self.tr("Unreadable autosave kept as %1: %2").replace("%1", aside).replace("%2", str(exc)), 10000
            )
            return
        if data.sha256 != self._doc_hash:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(data.saved_at))
            discard = self.stale_answer
            if discard is None and self.restore_answer is None:
                answer = QMessageBox.question(
                    self,
                    self.tr("Autosave of a changed file"),
                    self.tr(
                        "%1 has changed since its unsaved review was autosaved (%2), so it cannot be restored. "
                        "Discard the autosave? No keeps it as a separate file."
                    )
                    .replace("%1", path.name)
                    .replace("%2", when),
                )
                discard = answer == QMessageBox.StandardButton.Yes
            if discard:
                found.unlink(missing_ok=True)
                self.statusBar().showMessage(self.tr("Discarded the autosave of a changed file"), 8000)
            else:
                aside = self._keep_aside(found)
                message = self.tr("The file changed; its old autosave is kept as %1").replace("%1", aside)
                self.statusBar().showMessage(message, 10000)
            return
        answer = self.restore_answer
        if answer is None:
            answer = self.restore_question(data).exec() == QMessageBox.StandardButton.Yes
        if answer:
            self._pending_restore = data
        else:
            found.unlink(missing_ok=True)

    def _keep_aside(self, path: Path) -> str:
        try:
            return autosave.keep_aside(path).name
        except OSError:
            return path.name

    def restore_review(self, data: Autosave) -> None:
        """Bring back an autosaved review on the freshly checked document.

        Accepted fixes are replayed (so they keep their spans, highlights and undo step), rejected
        findings are rejected again, then the corrected text is brought to the autosaved text by
        the smallest edits, which covers hand edits and fixes whose finding no longer appears.
        """
        if self.doc is None:
            return
        rows: dict[tuple[str, str, int, int, str], int] = {}
        for row in range(self.model.rowCount()):
            f = self.model.finding(row)
            rows[(f.code, f.segment, f.start, f.end, f.text)] = row
        accepted = [
            (rows[s.key], s.replacement)
            for s in data.findings
            if s.status == Status.ACCEPTED.value and s.replacement is not None and s.key in rows
        ]
        if accepted:
            if self.is_article:
                self._accept_article(accepted)
            else:
                self._accept_grid(accepted, self.tr("Restore accepted fixes"))
        for s in data.findings:
            row = rows.get(s.key)
            if s.status == Status.REJECTED.value and row is not None and self.model.status(row) is Status.OPEN:
                self.model.set_status(row, Status.REJECTED)
        if self.is_article:
            if data.corrected_text is not None:
                self._edit_corrected_to(data.corrected_text)
        else:
            corrected = self.grid_model.corrected()
            changes = [
                (seg.id, corrected.get(seg.id, seg.target), want)
                for seg in self.doc.segments
                if (want := data.corrected_segments.get(seg.id)) is not None and want != corrected.get(seg.id, seg.target)
            ]
            label = self.tr("Restore")
            if len(changes) > 1:
                self.undo_stack.beginMacro(label)
            for seg_id, old, new in changes:
                self.undo_stack.push(GridEdit(self, seg_id, old, new, {}, label))
            if len(changes) > 1:
                self.undo_stack.endMacro()
        self._update_highlights()
        self._update_counts()
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(data.saved_at))
        self.statusBar().showMessage(self.tr("Restored the review autosaved at %1").replace("%1", when), 8000)

    def _edit_corrected_to(self, target: str) -> None:
        """Change the corrected pane to *target* through small edits the span tracker can follow."""
        current = self.corrected_text()
        if current == target:
            return
        index = Utf16Index(current)
        cursor = QTextCursor(self.corrected.document())
        # Right to left, each as its own change, so every edit is reported exactly to the tracker.
        for start, end, replacement in reversed(autosave.text_hunks(current, target)):
            cursor.setPosition(index.to_utf16(start))
            cursor.setPosition(index.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)

    # ------------------------------------------------------------------ settings, drag and drop, close
    def open_settings(self) -> None:
        """Show the settings dialog; a changed configuration re-checks the document."""
        from desktop.settings import SettingsDialog

        try:
            rules = self.registry_factory(self.settings.run_config(self.extra_termbases)).rules
        except Exception as exc:
            rules = {}
            self.statusBar().showMessage(self.tr("Rules could not be loaded: %1").replace("%1", str(exc)), 8000)
        dialog = SettingsDialog(self.settings, rules, self)
        if dialog.exec() and self.doc is not None:
            self.start_check()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept dropped files."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the first dropped local file."""
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_file(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    def closeEvent(self, event: QCloseEvent) -> None:
        """Offer to save corrections, and stop a running check before the window goes."""
        if not self.confirm_discard():
            event.ignore()
            return
        if self.run is not None:
            # Even after the worker's last signal its thread may still be winding down.
            self.run.wait(3000)
        super().closeEvent(event)
