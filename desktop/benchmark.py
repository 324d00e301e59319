"""Event-loop stall benchmark: open and check a large article while timing the GUI's responsiveness.

Run ``python -m desktop.benchmark [SEGMENTS]``; prints the longest gap between timer ticks.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

TICK_MS = 5


EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "wmt23_zhen_news_mqm.jsonl"


def make_article(path: Path, segments: int, seed: Path) -> str:
    """Write an article of *segments* paragraphs; return where its text comes from.

    Real MT output (the WMT23 targets, when ../shared/eval is there) gives distinct paragraphs; the
    seed article's paragraphs are few, and the engine checks a repeated paragraph only once, so
    cycling them would measure a much easier file.
    """
    if EVAL.is_file():
        import json

        with EVAL.open(encoding="utf-8") as handle:
            paragraphs = list(dict.fromkeys(
                " ".join(row["target"].split()) for row in map(json.loads, handle) if row["target"].strip()
            ))
        origin = f"distinct WMT23 MT paragraphs ({EVAL.name})"
    else:
        paragraphs = [p for p in seed.read_text(encoding="utf-8").split("\n") if p.strip()]
        origin = f"the seed article's {len(paragraphs)} paragraphs, cycled"
    lines = [paragraphs[i % len(paragraphs)] for i in range(segments)]
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return origin


def main(argv: list[str] | None = None) -> int:
    """Open a generated article, wait for its check and report the stalls."""
    args = sys.argv[1:] if argv is None else argv
    numbers = [a for a in args if a.isdigit()]
    segments = int(numbers[0]) if numbers else 10_000
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from checks.context import resource_path
    from desktop.app import tune_gil
    from desktop.mainwindow import MainWindow
    from desktop.settings import AppSettings

    if "--default-gil" not in args:
        tune_gil()
    app = QApplication.instance() or QApplication([])
    seed = resource_path().parent / "seeds" / "observer-2025-09-coalition.en.txt"
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "big.txt"
        origin = make_article(article, segments, seed)
        window = MainWindow(AppSettings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)))
        window.ask_before_discard = False
        window.show()
        gaps: list[float] = []
        last = [time.perf_counter()]

        where: list[str] = []

        cpu = [time.thread_time()]

        def tick() -> None:
            now = time.perf_counter()
            busy = time.thread_time()
            gaps.append(now - last[0])
            # The GUI thread's own CPU time in the gap: near the gap, the window was busy itself;
            # near zero, it waited (for the interpreter lock, held by the check's thread).
            where.append(f"progress {window.progress.value()}/{window.progress.maximum()}, "
                         f"GUI thread busy {(busy - cpu[0]) * 1000:.0f} ms")
            last[0], cpu[0] = now, busy

        import gc

        pauses: list[tuple[float, int]] = []
        gc_start = [0.0]

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                gc_start[0] = time.perf_counter()
            else:
                pauses.append((time.perf_counter() - gc_start[0], info["generation"]))

        gc.callbacks.append(on_gc)
        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(TICK_MS)
        loop = QEventLoop()
        window.check_finished.connect(lambda _: loop.quit())
        started = time.perf_counter()
        window.open_file(article)
        opened = time.perf_counter() - started
        last[0] = time.perf_counter()
        loop.exec()
        total = time.perf_counter() - started
        timer.stop()
        print(f"segments: {segments} ({origin}), findings: {window.model.rowCount()}")
        print(f"open (read + show text, blocking): {opened * 1000:.0f} ms")
        print(f"check while responsive: {total:.1f} s total")
        print(
            f"longest event-loop stall during the check: {max(gaps, default=0) * 1000:.0f} ms "
            f"(ticks every {TICK_MS} ms, {len(gaps)} ticks)"
        )
        gc.callbacks.remove(on_gc)
        longest = sorted(pauses, reverse=True)[:3]
        print("longest garbage collections:", ", ".join(f"{t * 1000:.0f} ms (gen {g})" for t, g in longest) or "none")
        worst = sorted(range(len(gaps)), key=gaps.__getitem__)[-5:]
        print("worst stalls:", ", ".join(f"{gaps[i] * 1000:.0f} ms at {where[i]}" for i in reversed(worst)))
        t = time.perf_counter()
        window.select_proxy_row(window.proxy.rowCount() // 2)
        print(f"select a finding (highlights + scroll): {(time.perf_counter() - t) * 1000:.0f} ms")
        t = time.perf_counter()
        window.accept_all_safe()
        print(f"accept all safe fixes: {(time.perf_counter() - t) * 1000:.0f} ms")
        window.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
