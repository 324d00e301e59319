"""Speed and memory of `lintra check` against pofilter on inputs built from the eval texts; writes docs/performance.md.

Usage: python benchmarks/speed.py [--eval-dir ../shared/eval] [--out docs/performance.md] [--full] [--no-profile]
(--full adds the 100k-unit files.)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.pofilter_run import po_quote, pofilter_bin  # noqa: E402
from benchmarks.report import write_generated  # noqa: E402

BIN = Path(sys.executable).parent
SEED = ROOT / "seeds" / "observer-2025-09-coalition.en.txt"
SIZES = (1_000, 10_000)
PAIRS = 3  # alternating Lintra/pofilter runs per PO file of up to 10k units (one at 100k: 90 s each)


@dataclass(frozen=True)
class Measure:
    """One timed subprocess."""

    seconds: float
    cpu: float
    peak_mib: float
    crash: str = ""
    total_mib: float = 0.0  # the largest sampled PSS sum over the child and its worker processes


def _tree_rss_mib(root: int) -> float:
    """Proportional set size (MiB) of *root* and all its descendants now (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        parents[int(entry.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [c for c, p in parents.items() if p == pid and c not in tree]
        tree.update(kids)
        frontier += kids
    for pid in tree:
        # PSS: a page shared by n processes (forked workers share the parent's) counts 1/n in each.
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            rss[pid] = next(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return sum(rss.values()) / 1024


def measure(cmd: Sequence[str], sample: bool = False) -> Measure:
    """Wall time, CPU time and peak resident memory of *cmd*.

    CPU time is that of the child and its worker processes, and the peak the largest single process
    (both from wait4); with *sample*, the memory of the whole process tree is also sampled every
    50 ms as a sum of proportional set sizes (a page shared by forked workers counts once).
    A crash (a traceback, or an exit code other than 0 = clean and 1 = findings)
    is returned with the last line of its error output instead of raising, so that the table still
    gets written.
    """
    start = time.perf_counter()
    total = 0.0
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample else 0)
            if pid:
                break
            total = max(total, _tree_rss_mib(proc.pid))
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode(errors="replace")
    crash = ""
    if proc.returncode not in (0, 1) or "Traceback" in text:
        lines = [line for line in text.splitlines() if line.strip()]
        crash = " / ".join(lines[-3:])[-400:] or f"exit code {proc.returncode}"
    return Measure(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, crash, total)


def load_pairs(eval_dir: Path) -> list[tuple[str, str]]:
    """(Chinese source, English target) of every system-segment of both annotated sets."""
    pairs = []
    for name in ("wmt23_zhen_news_mqm.jsonl", "wmt21_ted_zhen_mqm.jsonl"):
        with (eval_dir / name).open(encoding="utf-8") as handle:
            pairs += [(row["source"], row["target"]) for row in map(json.loads, handle) if row["target"].strip()]
    return pairs


def write_po(pairs: Sequence[tuple[str, str]], n: int, path: Path) -> None:
    """*n* units cycling through *pairs* (unique msgctxt per unit, as in a real catalogue)."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: en\\n"', ""]
    for i in range(n):
        src, tgt = pairs[i % len(pairs)]
        lines += [f'msgctxt "u{i}"', f"msgid {po_quote(src)}", f"msgstr {po_quote(tgt)}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_xliff(pairs: Sequence[tuple[str, str]], n: int, path: Path) -> None:
    """XLIFF 1.2 with *n* trans-units."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
             '<file original="bench" source-language="zh" target-language="en" datatype="plaintext"><body>']
    for i in range(n):
        src, tgt = pairs[i % len(pairs)]
        parts.append(f'<trans-unit id="u{i}"><source>{escape(src)}</source><target>{escape(tgt)}</target></trans-unit>')
    parts.append("</body></file></xliff>")
    path.write_text("\n".join(parts), encoding="utf-8")


def write_article(pairs: Sequence[tuple[str, str]], size: int, path: Path) -> int:
    """Plain-text English article of about *size* bytes (paragraphs = targets); returns its word count."""
    paras: list[str] = []
    total = 0
    i = 0
    while total < size:
        para = pairs[i % len(pairs)][1].strip()
        paras.append(para)
        total += len(para.encode("utf-8")) + 2
        i += 1
    text = "\n\n".join(paras) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.split())


def lintra_cmd(*args: str) -> list[str]:
    return [str(BIN / "lintra"), "check", "--format", "json", "--no-config", *args]


def profile(args: Sequence[str], top: int = 12) -> list[tuple[float, str]]:
    """Self time per function of an in-process `lintra check` run (pyinstrument), top first."""
    from pyinstrument import Profiler
    from pyinstrument.frame import Frame

    from checks.cli import main

    gc.collect()  # so that garbage of an earlier run is not collected (and charged) inside this one
    profiler = Profiler(interval=0.002)
    devnull = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - restored right after the run
    saved, sys.stdout = sys.stdout, devnull
    try:
        profiler.start()
        main(["check", "--format", "json", "--no-config", *args])
    finally:
        if profiler.is_running:
            profiler.stop()
        sys.stdout = saved
        devnull.close()
    totals: dict[str, float] = {}
    root = profiler.last_session.root_frame() if profiler.last_session else None

    def walk(frame: Frame, parent: str) -> None:
        if frame.is_synthetic_leaf:  # pyinstrument's "[self]" node: the parent's own time
            totals[parent] = totals.get(parent, 0.0) + frame.time
            return
        name = f"{frame.function} ({Path(frame.file_path or '?').name}:{frame.line_no})"
        kids = frame.children
        totals[name] = totals.get(name, 0.0) + max(frame.time - sum(k.time for k in kids), 0.0)
        for kid in kids:
            walk(kid, name)

    if root is not None:
        walk(root, "?")
    return sorted(((t, n) for n, t in totals.items()), reverse=True)[:top]


def per_check_scaling(pairs: Sequence[tuple[str, str]], sizes: Sequence[int], tmp: Path
                      ) -> tuple[list[str], dict[int, dict[str, float | str]]]:
    """CPU seconds of each check (pack rules together) on PO files of *sizes* units, in process.

    The checks are those the engine plans for each file, so pack rules run grouped as in a real run.
    """
    from checks import build_registry
    from checks.context import Context
    from checks.engine import plan
    from checks.readers import read_document
    from checks.registry import SegmentCheck

    registry = build_registry()
    ctx = Context.create()
    table: dict[int, dict[str, float | str]] = {}
    names: list[str] = []
    for n in sizes:
        path = tmp / f"scale{n}.po"
        write_po(pairs, n, path)
        doc = read_document(path)
        row: dict[str, float | str] = {}
        planned = plan(doc, registry, ctx)
        for check in (*planned.seg_checks, *planned.doc_checks):
            name = "pack rules" if hasattr(check, "meta") or hasattr(check, "members") else type(check).__name__
            if name not in names:
                names.append(name)
            start = time.process_time()
            try:
                if isinstance(check, SegmentCheck):
                    for seg in doc.segments:
                        list(check.check_segment(seg, ctx))
                else:
                    list(check.check_document(doc, ctx))
            except Exception as exc:  # a crash is a result here: report it, measure the rest
                row[name] = f"crash: {type(exc).__name__}"
                continue
            if not isinstance(row.get(name), str):
                row[name] = float(row.get(name, 0.0)) + time.process_time() - start
        table[n] = row
        print(f"scaling {n}: " + ", ".join(f"{k} {v if isinstance(v, str) else round(v, 2)}" for k, v in row.items()),
              flush=True)
    return names, table


def median(runs: Sequence[Measure]) -> Measure:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda m: m.seconds)[(len(runs) - 1) // 2]


def fmt_cell(m: Measure, n: int, unit: str = "units") -> tuple[str, str, str, str]:
    """Wall s, CPU s, throughput (per CPU second) and peak MiB of one single-process measure."""
    return (f"{m.seconds:.1f}", f"{m.cpu:.1f}", f"{n / m.cpu:,.0f} {unit}/s", f"{m.peak_mib:.0f}")


def fmt_parallel(m: Measure, n: int, unit: str = "units") -> tuple[str, str, str, str]:
    """Wall s, CPU s, throughput (per wall second) and memory (largest process / sampled sum) of a default run."""
    return (f"{m.seconds:.1f}", f"{m.cpu:.1f}", f"{n / m.seconds:,.0f} {unit}/s",
            f"{m.peak_mib:.0f} / {m.total_mib:.0f}")


@dataclass
class Report:
    """What has been measured so far; rendered to Markdown after every step so a long run keeps its results."""

    out: Path
    command: str
    rows: list[tuple[object, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    scaling: dict[int, dict[str, float | str]] = field(default_factory=dict)
    check_names: list[str] = field(default_factory=list)
    hot: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    started: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    loads: list[float] = field(default_factory=list)

    @property
    def load(self) -> str:
        """The 1-minute load average seen at each measurement (min-max)."""
        if not self.loads:
            return "not sampled"
        return f"{min(self.loads):.1f}-{max(self.loads):.1f} during the runs"

    def write(self) -> None:
        """Render and write the Markdown block."""
        lines = ["## Results of the last run", "",
                 f"Generated by `{self.command}` on {self.started}. Inputs are built from the WMT23/WMT21 eval texts "
                 "(Chinese source, English MT and reference targets, cycled to size). Each tool runs as a subprocess "
                 "on the same file, one after the other: Lintra (`lintra check --format json --no-config`, report to "
                 "/dev/null) once in one process (`--jobs 1`; a PO file's translate-toolkit parse still runs in a child "
                 "beside the reader, counted in its CPU) and once with its default of one worker process per "
                 "core; `pofilter` with all its default tests (it has no parallel mode). For PO files of up to 10k units "
                 f"the default run and pofilter alternate {PAIRS} times and the table gives the median run of each. "
                 "CPU is user+system time of "
                 "the process and its workers, peak memory the largest process's maximum resident set (both from "
                 "wait4); for the default run also the whole process tree's memory, sampled every 50 ms as a sum of "
                 "proportional set sizes (pages shared by forked workers count once) in a run of its own, whose "
                 "time is not used (the sampling costs CPU). "
                 f"The machine has {os.cpu_count()} cores; load average {self.load}. "
                 "Single-process throughput is per CPU second (stable on a shared machine); the default run's is "
                 "per wall second (what a user waits), so compare it only on a quiet machine.", ""]
        lines += ["| input | Lintra 1 process: wall s | CPU s | throughput (per CPU s) | peak MiB "
                  "| Lintra default: wall s | CPU s | throughput (per wall s) | peak MiB (largest / all processes) "
                  "| pofilter wall s | pofilter CPU s | pofilter throughput | pofilter peak MiB "
                  "| Lintra ÷ pofilter, 1 process (CPU) | Lintra ÷ pofilter, default (wall) |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in self.rows]
        lines += ["", *[f"- {n}" for n in self.notes], ""]
        if self.crashes:
            lines += ["Crashes (from then on the runs ignore the crashing code; those rows are marked):", ""]
            lines += [f"- {c}" for c in self.crashes] + [""]
        lines += ["Targets from issue 5: at least 3x pofilter's throughput on the same PO file, under 1 GB at 100k "
                  "units, seed under 1 s, `--jobs N` uses several cores.", ""]
        if self.scaling:
            lines += ["## How the cost grows: CPU seconds per check (in process, same PO texts)", "",
                      "Ratio = time at the largest size ÷ time at the smallest (4x the units): about 4 is linear, "
                      "16 would be quadratic. Times under 0.05 s are noise.", ""]
            sizes = sorted(self.scaling)
            lines += ["| check | " + " | ".join(f"{n:,} units" for n in sizes) + " | ratio |",
                      "|---|" + "---|" * (len(sizes) + 1)]

            def cell(v: float | str | None) -> str:
                return "–" if v is None else v if isinstance(v, str) else f"{v:.2f}"

            def weight(name: str) -> float:
                v = self.scaling[sizes[-1]].get(name, 0.0)
                return v if isinstance(v, float) else 1e9

            for name in sorted(self.check_names, key=lambda k: -weight(k)):
                vals = [self.scaling[n].get(name) for n in sizes]
                first, last = vals[0], vals[-1]
                ok = isinstance(first, float) and isinstance(last, float) and first >= 0.05
                ratio = f"{last / first:.1f}" if ok else "–"  # type: ignore[operator]
                lines.append(f"| {name} | " + " | ".join(cell(v) for v in vals) + f" | {ratio} |")
            lines += [""]
        if self.hot:
            lines += ["## Hot spots (pyinstrument, self time, in-process run)", ""]
            for name, entries in self.hot.items():
                lines += [f"{name}:", ""]
                lines += [f"- {t:.2f} s {fn}" for t, fn in entries]
                lines += [""]
        write_generated(self.out, "\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--full", action="store_true", help="also the 100k-unit PO file, last (XLIFF stays at 10k)")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--sizes", help="comma-separated unit counts instead of the standard ones (a quick look)")
    parser.add_argument("--fallback-ignore", default="TE102",
                        help="codes to --ignore once a default run has crashed (the crash is reported; default TE102)")
    args = parser.parse_args(argv)
    pairs = load_pairs(args.eval_dir)
    sizes = tuple(int(x) for x in args.sizes.split(",")) if args.sizes else SIZES
    report = Report(args.out, "python benchmarks/speed.py" + (" --full" if args.full else ""))
    ignore: list[str] = []  # becomes ["--ignore", codes] after the first crash: a crash wastes a whole run

    def lintra(*paths: Path, jobs: int | None = None, sample: bool = False) -> tuple[Measure, str]:
        """Run lintra on *paths*: in *jobs* processes, or with its default (one per core) when None."""
        extra = ["--jobs", str(jobs)] if jobs is not None else []
        report.loads.append(os.getloadavg()[0])
        m = measure(lintra_cmd(*ignore, *extra, *map(str, paths)), sample=sample)
        if m.crash and not ignore:
            report.crashes.append(f"`lintra check {paths[0].name}` crashed: {m.crash}")
            print(report.crashes[-1], flush=True)
            ignore.extend(["--ignore", args.fallback_ignore])
            m = measure(lintra_cmd(*ignore, *extra, *map(str, paths)), sample=sample)
        return m, f" (--ignore {args.fallback_ignore})" if ignore else ""

    def row(label: str, path: Path, n: int, unit: str = "units", pofilter: bool = False) -> None:
        one, mark = lintra(path, jobs=1)
        # The tree's memory is sampled in a run of its own: reading every process's smaps_rollup each
        # 50 ms costs CPU on a 2-core machine and makes the wait for the end up to 50 ms late.
        tree, _ = lintra(path, sample=True)
        cells: tuple[str, ...] = ("",) * 6
        # The default run and pofilter alternate (the machine's speed drifts); the medians are reported.
        rounds = (PAIRS if n <= 10_000 else 1) if pofilter else 1
        timed: list[Measure] = []
        pofs: list[Measure] = []
        for _ in range(rounds):
            timed.append(lintra(path)[0])
            if pofilter:
                pofs.append(measure([pofilter_bin(), "--progress=none", "-i", str(path),
                                     "-o", str(path.with_suffix(".out"))]))
        default = replace(median(timed), total_mib=tree.total_mib)
        if pofilter:
            pof = median(pofs)
            cells = (*fmt_cell(pof, n, unit), f"{pof.cpu / one.cpu:.2f}x", f"{pof.seconds / default.seconds:.2f}x")
            if rounds > 1:
                report.notes.append(
                    f"{label}, {rounds} alternating runs (medians in the table): Lintra default "
                    + ", ".join(f"{m.seconds:.2f}" for m in timed) + " s; pofilter "
                    + ", ".join(f"{m.seconds:.2f}" for m in pofs) + " s; ratios "
                    + ", ".join(f"{p.seconds / m.seconds:.2f}x" for m, p in zip(timed, pofs, strict=True)) + "."
                )
        report.rows.append((f"{label}{mark}", *fmt_cell(one, n, unit), *fmt_parallel(default, n, unit), *cells))
        print(report.rows[-1], flush=True)
        report.write()

    def po_row(n: int, tmp: Path) -> None:
        po = tmp / f"bench{n}.po"
        write_po(pairs, n, po)
        row(f"PO {n:,} units", po, n, pofilter=True)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in sizes:
            po_row(n, tmp)
            xlf = tmp / f"bench{n}.xlf"
            write_xliff(pairs, n, xlf)
            row(f"XLIFF {n:,} units", xlf, n)
        article = tmp / "article.txt"
        words = write_article(pairs, 1_000_000, article)
        row(f"article 1 MB, {words:,} words", article, words, "words")
        seed_runs = [measure(lintra_cmd(str(SEED))) for _ in range(5)]
        best = min(seed_runs, key=lambda m: m.seconds)
        report.notes.append(
            f"`lintra check` on the seed article ({len(SEED.read_text(encoding='utf-8').split())} words), end to end "
            f"with interpreter start, best of 5: **{best.seconds:.2f} s** wall, {best.cpu:.2f} s CPU (all runs: "
            f"{', '.join(f'{m.seconds:.2f}' for m in seed_runs)} s; peak {best.peak_mib:.0f} MiB). Target: under 1 s.")
        print(report.notes[-1], flush=True)
        many = []
        for i in range(8):
            path = tmp / f"many{i:02d}.po"
            write_po(pairs[i * 250:], 250, path)
            many.append(path)
        one, mark = lintra(*many, jobs=1)
        two, _ = lintra(*many, jobs=2)
        report.notes.append(
            f"8 PO files of 250 units{mark}: `--jobs 1` {one.seconds:.1f} s wall ({one.cpu:.1f} s CPU in the main "
            f"process), `--jobs 2` {two.seconds:.1f} s wall (speed-up {one.seconds / two.seconds:.2f}x on "
            f"{os.cpu_count()} cores shared with other work).")
        print(report.notes[-1], flush=True)
        report.write()
        report.check_names, report.scaling = per_check_scaling(pairs, (500, 1000, 2000), tmp)
        report.write()
        if not args.no_profile:
            po10 = tmp / f"bench{sizes[-1]}.po"
            report.hot["seed article"] = profile([str(SEED)])
            try:
                report.hot[f"{sizes[-1]:,}-unit PO{mark}"] = profile([*ignore, str(po10)])
            except Exception as exc:  # the crash was not seen in the subprocess runs: report, then ignore the code
                report.crashes.append(f"in-process run of {po10.name} crashed: {type(exc).__name__}: {exc}")
                ignore[:] = ["--ignore", args.fallback_ignore]
                report.hot[f"{sizes[-1]:,}-unit PO (--ignore {args.fallback_ignore})"] = profile([*ignore, str(po10)])
            report.write()
        if args.full:
            po_row(100_000, tmp)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
