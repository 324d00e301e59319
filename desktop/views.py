"""Passive views: the summary chart painted with QPainter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from checks.model import Finding, Severity
from desktop.models import SEVERITY_COLOURS
from desktop.textpos import Utf16Index

SEVERITY_ORDER = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR, Severity.NEUTRAL)


class SummaryView(QWidget):
    """Findings by MQM category as horizontal bars stacked by severity, with the automatic score."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._by_category: dict[str, Counter[Severity]] = {}
        self._words = 0
        self._score: float | None = None
        self._title = ""
        self._reference: tuple[dict[str, object], dict[str, object]] | None = None
        self._reference_error = ""
        self.setMinimumSize(480, 320)
        self.setAutoFillBackground(True)

    def set_findings(self, findings: Sequence[Finding], words: int, title: str = "") -> None:
        """Show *findings* (already without dismissed/rejected ones) of a text of *words* words."""
        from checks.mqm import penalty_per_1000_words

        grouped: dict[str, Counter[Severity]] = {}
        for f in findings:
            grouped.setdefault(f.category, Counter())[f.severity] += 1
        self._by_category = dict(sorted(grouped.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))
        self._words = words
        self._score = penalty_per_1000_words(findings, words) if words else None
        self._title = title
        self.update()

    def set_reference_scores(self, before: dict[str, object] | None, after: dict[str, object] | None, error: str = "") -> None:
        """Show sacrebleu scores of the original and corrected text against a reference."""
        self._reference = (before, after) if before is not None and after is not None else None
        self._reference_error = error
        self.update()

    def reference_line(self) -> str:
        """The text of the reference-score line ("" without a reference)."""
        if self._reference_error:
            return self.tr("Reference not used: %1").replace("%1", self._reference_error)
        if self._reference is None:
            return ""
        before, after = self._reference
        parts = [
            f"{name} {float(before[key]):.1f} → {float(after[key]):.1f}"  # type: ignore[arg-type]
            for key, name in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER"))
        ]
        return self.tr("Against the reference (original → corrected, sacrebleu): %1").replace("%1", " · ".join(parts))

    @property
    def score(self) -> float | None:
        """The automatic MQM-style penalty per 1,000 words shown (None before a run)."""
        return self._score

    def sizeHint(self) -> QSize:
        """Room for a dozen categories."""
        return QSize(760, 460)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the score line, the legend and one bar per category."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#fbfbfa"))
        margin = 24.0
        width = self.width() - 2 * margin
        y = margin
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.35)
        big.setBold(True)
        p.setFont(big)
        p.setPen(QColor("#1f2328"))
        total = sum(sum(c.values()) for c in self._by_category.values())
        if self._score is None:
            headline = self.tr("No check has run yet.")
        else:
            headline = self.tr("Automatic MQM-style score: %1 penalty points per 1,000 words").replace("%1", f"{self._score:.1f}")
        line_h = p.fontMetrics().height()
        p.drawText(QRectF(margin, y, width, line_h), Qt.AlignmentFlag.AlignLeft, headline)
        y += line_h + 4
        p.setFont(self.font())
        p.setPen(QColor("#57606a"))
        small_h = p.fontMetrics().height()
        sub = self.tr("%1 findings in %2 words. Computed from the findings, not a human judgement.")
        sub = sub.replace("%1", str(total)).replace("%2", str(self._words))
        if self._title:
            sub = f"{self._title} — {sub}"
        p.drawText(QRectF(margin, y, width, small_h), Qt.AlignmentFlag.AlignLeft, sub)
        y += small_h + 4
        reference = self.reference_line()
        if reference:
            p.setPen(QColor("#1f2328"))
            p.drawText(QRectF(margin, y, width, small_h), Qt.AlignmentFlag.AlignLeft, reference)
            p.setPen(QColor("#57606a"))
            y += small_h + 4
        y += 8
        # Legend
        x = margin
        per_severity: Counter[Severity] = Counter()
        for counts in self._by_category.values():
            per_severity.update(counts)
        for sev in SEVERITY_ORDER:
            p.setBrush(QColor(SEVERITY_COLOURS[sev]))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(QRectF(x, y + small_h / 2 - 5, 10, 10), 2, 2)
            p.setPen(QColor("#57606a"))
            label = f"{self._severity_label(sev)} {per_severity.get(sev, 0)}"
            p.drawText(QRectF(x + 14, y, 120, small_h), Qt.AlignmentFlag.AlignLeft, label)
            x += 14 + p.fontMetrics().horizontalAdvance(label) + 18
        y += small_h + 14
        if not self._by_category:
            return
        label_w = min(width * 0.42, max(p.fontMetrics().horizontalAdvance(c) for c in self._by_category) + 12)
        bar_x = margin + label_w
        bar_w = min(width - label_w - 48, 640.0)
        most = max(sum(c.values()) for c in self._by_category.values())
        row_h = max(small_h + 8, 22.0)
        for category, counts in self._by_category.items():
            if y + row_h > self.height() - margin:
                break
            p.setPen(QColor("#1f2328"))
            elided = p.fontMetrics().elidedText(category, Qt.TextElideMode.ElideMiddle, int(label_w - 12))
            p.drawText(
                QRectF(margin, y, label_w - 12, row_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided
            )
            x = bar_x
            for sev in SEVERITY_ORDER:
                n = counts.get(sev, 0)
                if not n:
                    continue
                w = bar_w * n / most
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(SEVERITY_COLOURS[sev]))
                p.drawRect(QRectF(x, y + 4, w, row_h - 8))
                x += w
            p.setPen(QColor("#57606a"))
            p.drawText(QRectF(x + 6, y, 60, row_h), Qt.AlignmentFlag.AlignVCenter, str(sum(counts.values())))
            y += row_h

    def _severity_label(self, sev: Severity) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("FindingsModel", sev.label)


# (start, end, colour, alpha) in code points of the cell's text.
CellSpan = tuple[int, int, str, int]


class SpanDelegate(QStyledItemDelegate):
    """Draws a grid cell's text with coloured spans (flagged text, applied fixes)."""

    def __init__(self, spans: Callable[[QModelIndex], list[CellSpan]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._spans = spans

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, spans: list[CellSpan]) -> QTextDocument:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setPlainText(text)
        doc.setTextWidth(max(option.rect.width(), 10))
        positions = Utf16Index(text)
        for start, end, colour, alpha in spans:
            if start == end:
                start = max(0, start - 1)
                end = min(len(text), start + 1)
            cursor = QTextCursor(doc)
            cursor.setPosition(positions.to_utf16(start))
            cursor.setPosition(positions.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            tint = QColor(colour)
            tint.setAlpha(alpha)
            fmt.setBackground(tint)
            cursor.mergeCharFormat(fmt)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        """Paint the cell background as usual, then the text with its spans."""
        spans = self._spans(index)
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index, spans)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        # Centred vertically like the cells Qt paints itself.
        top = max(0.0, (opt.rect.height() - doc.size().height()) / 2)
        painter.translate(opt.rect.left(), opt.rect.top() + top)
        painter.setClipRect(QRectF(0, -top, opt.rect.width(), opt.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        doc.documentLayout().draw(painter, context)
        painter.restore()
