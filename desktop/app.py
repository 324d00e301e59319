"""Entry point of ``lintra-desktop``: parse the command line, start Qt, show the main window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

SCREENSHOT_TIMEOUT_MS = 120_000
# The checks run in a Python thread: a short GIL switch interval lets the GUI thread (which
# re-enters Python for every slot and painted paragraph) in often, keeping the window responsive.
GIL_SWITCH_INTERVAL = 0.001


def tune_gil() -> None:
    """Make the GUI thread win the GIL quickly while a check runs."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The desktop command line."""
    parser = argparse.ArgumentParser(prog="lintra-desktop", description="Review a translation in Lintra's window.")
    parser.add_argument("file", nargs="?", type=Path, help="translation to open")
    parser.add_argument("--source", type=Path, help="source-language file of the translation")
    parser.add_argument("--reference", type=Path, help="reference translation for sacrebleu scores in the summary")
    parser.add_argument("--termbase", type=Path, action="append", default=[], help="extra termbase (repeatable)")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="check FILE, select the first finding, save the window as an image and exit",
    )
    parser.add_argument(
        "--tab",
        choices=("review", "summary", "settings", "restore"),
        default="review",
        help="tab shown in the screenshot (restore: the question asked when FILE has an autosave)",
    )
    parser.add_argument("--accept-safe", action="store_true", help="accept all safe fixes once the check has finished")
    parser.add_argument(
        "--restore",
        choices=("ask", "yes", "no"),
        default="ask",
        help="restore an autosaved review of FILE without asking (yes) or discard it (no); "
        "with --screenshot, autosave is off unless this is given",
    )
    # Test hook: after the screenshot, write the window's review state (corrected text, statuses) as JSON.
    parser.add_argument("--dump-state", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--lang", help="UI language for this run (en, zh_CN)")
    parser.add_argument("--size", default="1280x820", help="window size for the screenshot, WxH")
    return parser.parse_args(argv)


def app_icon() -> object:
    """Lintra's window icon."""
    from PySide6.QtGui import QIcon

    from checks.context import resource_path

    icon = QIcon()
    for name in ("lintra.svg", "lintra-256.png"):
        path = resource_path("icons", name)
        if path.is_file():
            icon.addFile(str(path))
    return icon


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the process exit code."""
    import multiprocessing

    # In the frozen bundle, a spawned check process starts this executable again: let it run
    # its check instead of a second window (a no-op when not frozen).
    multiprocessing.freeze_support()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot is not None:
        if args.file is None:
            print("lintra-desktop: --screenshot needs a FILE", file=sys.stderr)
            return 2
        # No display is needed to render a screenshot.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    tune_gil()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Lintra")
    app.setOrganizationName("Lintra")
    app.setWindowIcon(app_icon())  # type: ignore[arg-type]

    from desktop.i18n import install_translators, language_for
    from desktop.mainwindow import MainWindow
    from desktop.settings import AppSettings

    settings = AppSettings()
    translators = install_translators(app, language_for(args.lang or settings.language))
    window = MainWindow(settings)
    window._translators = translators  # type: ignore[attr-defined]  # keep them alive with the window
    window.restore_answer = {"ask": None, "yes": True, "no": False}[args.restore]
    if args.screenshot is not None:
        return take_screenshot(app, window, args)
    window.show()
    window.reference_path = args.reference
    if args.accept_safe:
        accept_safe_once(window)
    if args.file is not None:
        window.open_file(args.file, source=args.source, termbases=list(args.termbase))
    return app.exec()


def accept_safe_once(window: object) -> None:
    """Accept all safe fixes when the first check of the window has finished."""
    from desktop.mainwindow import MainWindow

    assert isinstance(window, MainWindow)
    done: list[bool] = []

    def accept(outcome: str) -> None:
        if outcome == "finished" and not done:
            done.append(True)
            window.accept_all_safe()

    window.check_finished.connect(accept)


def take_screenshot(app: object, window: object, args: argparse.Namespace) -> int:
    """Open the file, wait for the check, select the first finding, render the window to a PNG."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.mainwindow import MainWindow

    assert isinstance(window, MainWindow) and isinstance(app, QApplication)
    width, _, height = str(args.size).partition("x")
    window.resize(int(width), int(height))
    window.reference_path = args.reference
    window.ask_before_discard = False
    # A screenshot never touches a user's autosave, unless asked to restore or discard it.
    window.autosave_enabled = args.restore != "ask"
    window.show()
    loop = QEventLoop()
    outcome: list[str] = []
    window.check_finished.connect(lambda result: (outcome.append(result), loop.quit()))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
    if not window.open_file(args.file, source=args.source, termbases=list(args.termbase)):
        print(f"lintra-desktop: {window.last_error}", file=sys.stderr)
        return 1
    if window.running:
        loop.exec()
    if outcome != ["finished"]:
        print(f"lintra-desktop: check did not finish ({outcome or 'timeout'}): {window.last_error}", file=sys.stderr)
        return 1
    if args.accept_safe:
        window.accept_all_safe()
    window.select_proxy_row(0)
    if args.tab == "summary":
        window.tabs.setCurrentIndex(1)
    for _ in range(3):
        app.processEvents()
    args.screenshot.parent.mkdir(parents=True, exist_ok=True)
    target: QWidget = window
    if args.tab == "settings":
        from desktop.settings import SettingsDialog

        rules = window.registry_factory(window.settings.run_config()).rules
        target = SettingsDialog(window.settings, rules, window)
        target.show()
        app.processEvents()
    image = target.grab()
    if args.tab == "restore":
        image = with_restore_question(app, window, args.file, image)
    if not image.save(str(args.screenshot)):
        print(f"lintra-desktop: cannot write {args.screenshot}", file=sys.stderr)
        return 1
    if args.dump_state is not None:
        state = window.review_state()
        args.dump_state.write_text(state.to_json() if state is not None else "null\n", encoding="utf-8")
    window.close()
    return 0


def with_restore_question(app: object, window: object, path: Path, image: object) -> object:
    """Paint the "restore unsaved review?" question for *path*'s autosave over the window image."""
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from desktop import autosave
    from desktop.mainwindow import MainWindow

    assert isinstance(window, MainWindow) and isinstance(app, QApplication) and isinstance(image, QPixmap)
    found = autosave.find(path, window.autosave_dir)
    if found is None:
        print(f"lintra-desktop: {path} has no autosave", file=sys.stderr)
        return image
    box = window.restore_question(autosave.Autosave.load(found))
    box.show()
    app.processEvents()
    question = box.grab()
    box.close()
    painter = QPainter(image)
    painter.drawPixmap((image.width() - question.width()) // 2, (image.height() - question.height()) // 3, question)
    painter.end()
    return image
