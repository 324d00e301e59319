"""The About box: version, licences of Lintra and of every bundled component and data set."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from checks import __version__
from checks.context import resource_path


def third_party_text() -> str:
    """The generated third-party table (resources/licenses/THIRD_PARTY.md), or a note if it is missing."""
    path = resource_path("licenses", "THIRD_PARTY.md")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return "The list of third-party components is missing from this installation."


class AboutDialog(QDialog):
    """Version, licence summary and the full third-party list (shown as Markdown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Lintra"))
        self.resize(720, 560)
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        icon = QLabel()
        pixmap = QPixmap(str(resource_path("icons", "lintra-256.png")))
        if not pixmap.isNull():
            icon.setPixmap(pixmap.scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        heading = QLabel(
            f"<h2>Lintra {html.escape(__version__)}</h2>"
            + self.tr("<p>Translation-quality checker for English translated from Chinese.</p>")
            + f"<p>Qt {html.escape(qVersion())} · PySide6 {html.escape(pyside_version)}</p>"
            + self.tr(
                "<p>Lintra's own code is MIT-licensed. Bundled components keep their own licences, listed below; "
                "translate-toolkit is GPL-3.0-or-later, so installers that bundle it are distributed under the GPL's "
                "terms. The gazetteer includes public-domain names from CedPane.</p>"
            )
        )
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(heading, 1)
        self.licences = QTextBrowser()
        self.licences.setOpenExternalLinks(False)
        self.licences.setMarkdown(third_party_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
