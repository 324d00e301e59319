"""Qt item models: the findings table, its sort/filter proxy and the bilingual segment grid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from checks.model import Document, Finding, Severity
from desktop.session import FindingKey, Status, finding_key

AnyIndex = QModelIndex | QPersistentModelIndex

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.CRITICAL: "#b3261e",
    Severity.MAJOR: "#d97706",
    Severity.MINOR: "#ca9a04",
    Severity.NEUTRAL: "#8a8f98",
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2

_chips: dict[Severity, QIcon] = {}


def severity_chip(severity: Severity) -> QIcon:
    """A small round colour chip for *severity* (cached; needs a QGuiApplication)."""
    if severity not in _chips:
        pix = QPixmap(12, 12)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SEVERITY_COLOURS[severity]))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _chips[severity] = QIcon(pix)
    return _chips[severity]


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsModel", text)


# Strings translated through a variable: marked here so that pyside6-lupdate collects them.
_MARKED = (
    QT_TRANSLATE_NOOP("FindingsModel", "critical"),
    QT_TRANSLATE_NOOP("FindingsModel", "major"),
    QT_TRANSLATE_NOOP("FindingsModel", "minor"),
    QT_TRANSLATE_NOOP("FindingsModel", "neutral"),
    QT_TRANSLATE_NOOP("FindingsModel", "open"),
    QT_TRANSLATE_NOOP("FindingsModel", "accepted"),
    QT_TRANSLATE_NOOP("FindingsModel", "rejected"),
    QT_TRANSLATE_NOOP("FindingsModel", "not an error"),
    QT_TRANSLATE_NOOP("FindingsModel", "rule ignored here"),
)


class FindingsModel(QAbstractTableModel):
    """All findings of the current run with the reviewer's status of each."""

    SEVERITY, CODE, CATEGORY, WHERE, TEXT, MESSAGE, SUGGESTION, STATUS = range(8)
    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("FindingsModel", "Severity"),
        QT_TRANSLATE_NOOP("FindingsModel", "Code"),
        QT_TRANSLATE_NOOP("FindingsModel", "Category"),
        QT_TRANSLATE_NOOP("FindingsModel", "Where"),
        QT_TRANSLATE_NOOP("FindingsModel", "Text"),
        QT_TRANSLATE_NOOP("FindingsModel", "Message"),
        QT_TRANSLATE_NOOP("FindingsModel", "Suggestion"),
        QT_TRANSLATE_NOOP("FindingsModel", "Status"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._status: list[Status] = []
        self._rows: dict[FindingKey, int] = {}
        self._order: dict[str, int] = {}
        self._where: Callable[[Finding], str] = lambda f: f.segment

    def set_document(self, doc: Document | None) -> None:
        """Forget all findings and index the segments of *doc* for sorting and locations."""
        self.beginResetModel()
        self._findings, self._status, self._rows = [], [], {}
        self._order = {seg.id: i for i, seg in enumerate(doc.segments)} if doc else {}
        if doc is not None:
            segments = {seg.id: seg for seg in doc.segments}

            def where(f: Finding) -> str:
                seg = segments.get(f.segment)
                if seg is None:
                    return f.segment
                line, column = seg.position(f.start)
                return f"{line}:{column}" if line is not None else seg.origin or seg.id

            self._where = where
        self.endResetModel()

    def add_findings(self, findings: Sequence[Finding], statuses: Iterable[Status] | None = None) -> None:
        """Append a batch of findings (as streamed by the worker)."""
        if not findings:
            return
        first = len(self._findings)
        self.beginInsertRows(QModelIndex(), first, first + len(findings) - 1)
        self._findings.extend(findings)
        self._status.extend(statuses if statuses is not None else [Status.OPEN] * len(findings))
        for row in range(first, len(self._findings)):
            self._rows[finding_key(self._findings[row])] = row
        self.endInsertRows()

    # -- access -------------------------------------------------------------------------------
    def finding(self, row: int) -> Finding:
        """The finding at source *row*."""
        return self._findings[row]

    def status(self, row: int) -> Status:
        """The status of the finding at source *row*."""
        return self._status[row]

    def row_of(self, finding: Finding) -> int:
        """Source row of *finding* (KeyError when absent)."""
        return self._rows[finding_key(finding)]

    def set_status(self, row: int, status: Status) -> None:
        """Change the status of one finding and tell the views."""
        if self._status[row] is status:
            return
        self._status[row] = status
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_statuses(self, rows: list[int], status: Status) -> None:
        """Change the status of many findings with one change notification."""
        if not rows:
            return
        for row in rows:
            self._status[row] = status
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1))

    def counts(self) -> tuple[Counter[str], int]:
        """Findings per top-level MQM category (dismissed ones left out) and how many are open."""
        by_category: Counter[str] = Counter(
            f.category.split("/", 1)[0] for f, s in zip(self._findings, self._status, strict=True) if not s.dismissed
        )
        return by_category, self._status.count(Status.OPEN)

    def all_findings(self) -> list[Finding]:
        """Every finding, in arrival order."""
        return list(self._findings)

    def rows_with(self, status: Status) -> list[int]:
        """Source rows whose status is *status*."""
        return [row for row, s in enumerate(self._status) if s is status]

    def segment_order(self, segment: str) -> int:
        """Position of *segment* in the document (for document-order sorting)."""
        return self._order.get(segment, len(self._order))

    # -- QAbstractTableModel ------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of findings (a table has no children)."""
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles (translated)."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell contents for display, sorting, colouring and tooltips."""
        if not index.isValid() or index.row() >= len(self._findings):
            return None
        f = self._findings[index.row()]
        status = self._status[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(f, status, col)
        if role == SORT_ROLE:
            if col == self.SEVERITY:
                return -int(f.severity) * 1_000_000 + self.segment_order(f.segment)
            if col == self.WHERE:
                return self.segment_order(f.segment) * 100_000 + f.start
            return self._display(f, status, col)
        if role == FINDING_ROLE:
            return f
        if role == Qt.ItemDataRole.DecorationRole and col == self.SEVERITY:
            return severity_chip(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.code} {f.rule}\n{f.category}\n{f.message}"
        if role == Qt.ItemDataRole.ForegroundRole and status is not Status.OPEN:
            return QBrush(QColor("#8a8f98"))
        return None

    def _display(self, f: Finding, status: Status, col: int) -> str:
        if col == self.SEVERITY:
            return _tr(f.severity.label)
        if col == self.CODE:
            return f.code
        if col == self.CATEGORY:
            return f.category
        if col == self.WHERE:
            return self._where(f)
        if col == self.TEXT:
            return f.text.replace("\n", " ⏎ ") if f.text else "∅"
        if col == self.MESSAGE:
            return f.message
        if col == self.SUGGESTION:
            if not f.suggestions:
                return ""
            first = f.suggestions[0] or _tr("(delete)")
            return first if len(f.suggestions) == 1 else f"{first} (+{len(f.suggestions) - 1})"
        return _tr(status.value)


class FindingsFilter(QSortFilterProxyModel):
    """Filters findings by severity threshold, category, code, status and free text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.min_severity = Severity.NEUTRAL
        self.category = ""
        self.code = ""
        self.text = ""
        self.show_dismissed = False
        self.hide_done = False

    def set_filter(self, **changes: object) -> None:
        """Change filter attributes (min_severity, category, code, text, show_dismissed, hide_done)."""
        for name, value in changes.items():
            if not hasattr(self, name):
                raise AttributeError(name)
            setattr(self, name, value)
        # Qt 6.10 replaced invalidateFilter by a begin/end pair.
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        """Whether a finding passes every active filter."""
        model = self.sourceModel()
        if not isinstance(model, FindingsModel):
            return True
        f = model.finding(source_row)
        status = model.status(source_row)
        if f.severity < self.min_severity:
            return False
        if self.category and f.category != self.category:
            return False
        if self.code and f.code != self.code:
            return False
        if status.dismissed and not self.show_dismissed:
            return False
        if self.hide_done and status in (Status.ACCEPTED, Status.REJECTED):
            return False
        if self.text:
            needle = self.text.casefold()
            hay = " ".join((f.code, f.rule, f.category, f.text, f.message, *f.suggestions)).casefold()
            if needle not in hay:
                return False
        return True


class SegmentGridModel(QAbstractTableModel):
    """Bilingual documents: one row per segment with source, target and the corrected target."""

    ID, SOURCE, TARGET, CORRECTED = range(4)
    HEADERS: ClassVar[tuple[str, ...]] = (
        "#",
        QT_TRANSLATE_NOOP("SegmentGridModel", "Source"),
        QT_TRANSLATE_NOOP("SegmentGridModel", "Target"),
        QT_TRANSLATE_NOOP("SegmentGridModel", "Corrected"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc: Document | None = None
        self._corrected: dict[str, str] = {}
        self._flagged: dict[str, int] = {}
        self.edit_requested: Callable[[str, str], None] | None = None

    def set_document(self, doc: Document | None) -> None:
        """Show *doc* with no corrections."""
        self.beginResetModel()
        self._doc = doc
        self._corrected = {}
        self._flagged = {}
        self.endResetModel()

    @property
    def document(self) -> Document | None:
        """The document shown."""
        return self._doc

    def corrected(self) -> dict[str, str]:
        """Segment id -> corrected target, for changed segments only."""
        return dict(self._corrected)

    def corrected_text(self, seg_id: str) -> str:
        """Current corrected target of one segment."""
        assert self._doc is not None
        return self._corrected.get(seg_id, self._doc.segment(seg_id).target)

    def row_of(self, seg_id: str) -> int:
        """Row of segment *seg_id*."""
        assert self._doc is not None
        for row, seg in enumerate(self._doc.segments):
            if seg.id == seg_id:
                return row
        raise KeyError(seg_id)

    def set_corrected(self, seg_id: str, text: str) -> None:
        """Set the corrected target of a segment (equal to the target = uncorrected)."""
        assert self._doc is not None
        if text == self._doc.segment(seg_id).target:
            self._corrected.pop(seg_id, None)
        else:
            self._corrected[seg_id] = text
        row = self.row_of(seg_id)
        self.dataChanged.emit(self.index(row, self.CORRECTED), self.index(row, self.CORRECTED))

    def add_flags(self, findings: Iterable[Finding]) -> None:
        """Count findings per segment (shown as a mark in the # column)."""
        for f in findings:
            self._flagged[f.segment] = self._flagged.get(f.segment, 0) + 1
        if self._doc is not None and self._doc.segments:
            self.dataChanged.emit(self.index(0, self.ID), self.index(len(self._doc.segments) - 1, self.ID))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of segments."""
        return 0 if parent.isValid() or self._doc is None else len(self._doc.segments)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Four columns."""
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("SegmentGridModel", self.HEADERS[section])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """The corrected column is editable."""
        base = super().flags(index)
        if index.isValid() and index.column() == self.CORRECTED:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Segment texts; changed corrections are tinted."""
        if not index.isValid() or self._doc is None or index.row() >= len(self._doc.segments):
            return None
        seg = self._doc.segments[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.ID:
                n = self._flagged.get(seg.id, 0)
                return f"{seg.id}  ●{n}" if n and role == Qt.ItemDataRole.DisplayRole else seg.id
            if col == self.SOURCE:
                return seg.source or ""
            if col == self.TARGET:
                return seg.target
            return self._corrected.get(seg.id, seg.target)
        if role == Qt.ItemDataRole.BackgroundRole and col == self.CORRECTED and seg.id in self._corrected:
            return QBrush(QColor("#e6f4ea"))
        return None

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Editing a corrected cell goes through the window's undo stack when one is attached."""
        if not index.isValid() or index.column() != self.CORRECTED or role != Qt.ItemDataRole.EditRole or self._doc is None:
            return False
        seg = self._doc.segments[index.row()]
        text = str(value)
        if text == self.corrected_text(seg.id):
            return False
        if self.edit_requested is not None:
            self.edit_requested(seg.id, text)
        else:
            self.set_corrected(seg.id, text)
        return True
