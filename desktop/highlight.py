"""Span highlighting done lazily per visible paragraph (QSyntaxHighlighter), so 10,000 findings stay cheap."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# (start, end, format) in document (UTF-16) positions.
Span = tuple[int, int, QTextCharFormat]
SpanSource = Callable[[int, int], Iterable[Span]]

_formats: dict[tuple[str, int, bool], QTextCharFormat] = {}


def span_format(colour: str, alpha: int, underline: bool = False) -> QTextCharFormat:
    """A (cached) background tint, optionally underlined, for a highlighted span."""
    key = (colour, alpha, underline)
    if key not in _formats:
        fmt = QTextCharFormat()
        tint = QColor(colour)
        tint.setAlpha(alpha)
        fmt.setBackground(tint)
        if underline:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(colour))
        _formats[key] = fmt
    return _formats[key]


class SpanHighlighter(QSyntaxHighlighter):
    """Colours the spans that *source* returns for each paragraph as Qt paints it."""

    def __init__(self, document: QTextDocument, source: SpanSource) -> None:
        super().__init__(document)
        self._source = source
        # Off while a new text is loaded: there is nothing to colour yet, and skipping the
        # per-paragraph Python call keeps opening a 10,000-paragraph file fast.
        self.active = True

    def highlightBlock(self, text: str) -> None:
        """Apply the formats of the spans that touch this paragraph."""
        if not self.active:
            return
        block = self.currentBlock()
        start = block.position()
        end = start + len(text)
        for s, e, fmt in self._source(start, end + 1):
            if s == e:
                # An insertion point: mark the character before it so that it can be seen.
                s = max(start, s - 1)
                e = s + 1
            a, b = max(s, start) - start, min(e, end) - start
            if b > a:
                self.setFormat(a, b - a, fmt)

    def rehighlight_range(self, start: int, end: int) -> None:
        """Repaint the paragraphs between two positions (inclusive)."""
        doc = self.document()
        block = doc.findBlock(max(0, start))
        last = doc.findBlock(max(start, end)).blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            self.rehighlightBlock(block)
            block = block.next()
