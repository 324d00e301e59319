"""UI translations: pick the language and install the Qt translator from resources/i18n."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from checks.context import resource_path


def language_for(setting: str) -> str:
    """The UI language to use: the user's choice, else Chinese on a Chinese system, else English."""
    if setting:
        return setting
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Lintra's and Qt's own translations for *language*; returns them (keep them alive)."""
    if language in ("", "en"):
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", f"lintra_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
