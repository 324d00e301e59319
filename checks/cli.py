"""The ``lintra`` command: check files, print reports, write corrected copies."""

from __future__ import annotations

import argparse
import contextlib
import gc
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from checks.config import RunConfig, find_config, load_config
from checks.errors import InputError
from checks.model import Document, Finding, Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def _parser() -> argparse.ArgumentParser:
    from checks import __version__
    from checks.reporters import FORMATS

    parser = argparse.ArgumentParser(
        prog="lintra",
        description="Check a translated text for terminology, names, punctuation, boilerplate, calques and dates.",
        epilog="Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"lintra {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check one or more files")
    check.add_argument("files", nargs="+", type=Path, help="translated files (.txt .md .xlf .po .tmx .ts .csv .tsv .docx)")
    check.add_argument("--source", type=Path, help="the source-language original of a monolingual target file")
    check.add_argument("--reference", type=Path, help="a reference translation: report BLEU, chrF and TER")
    check.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    check.add_argument("-o", "--output", type=Path, help="write the report to this file instead of stdout")
    check.add_argument("--fix-to", type=Path, metavar="OUT", help="write the corrected document here (never over the input)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix-to, apply unsafe suggestions too")
    check.add_argument("--force", action="store_true", help="overwrite an existing --fix-to/--output file (a .bak is kept)")
    check.add_argument("--fail-on", default="minor", help="lowest severity that makes the exit code 1 (default: minor)")
    check.add_argument("--min-severity", help="hide findings below this severity")
    check.add_argument("--select", type=_codes, default=None, help="comma-separated codes or prefixes to run (e.g. TE,NM201)")
    check.add_argument("--ignore", type=_codes, default=None, help="comma-separated codes or prefixes to skip")
    check.add_argument("--termbase", type=Path, action="append", default=[], help="extra termbase (.csv, .tsv, .tbx)")
    check.add_argument("--pack", type=Path, action="append", default=[], help="extra rule pack (.yaml)")
    check.add_argument("--config", type=Path, help="configuration file (default: nearest lintra.toml)")
    check.add_argument("--no-config", action="store_true", help="ignore lintra.toml files")
    check.add_argument(
        "-j", "--jobs", type=_jobs, default=0,
        help="worker processes for several files, or for the parts of one large file (default 0: one per core)",
    )
    check.add_argument("--export-alignment", type=Path, metavar="OUT",
                       help="with --source, write the sentence alignment (.tsv or .xlf)")

    rules = sub.add_parser("rules", help="list the rules with their codes, severities and categories")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--pack", type=Path, action="append", default=[], help="extra rule pack to include")
    return parser


def _config(args: argparse.Namespace) -> RunConfig:
    config = RunConfig()
    if args.config is not None:
        config = load_config(args.config)
    elif not args.no_config:
        found = find_config(args.files[0])
        if found is not None:
            config = load_config(found)
    changes: dict[str, object] = {}
    if args.select is not None:
        changes["select"] = tuple(args.select)
    if args.ignore is not None:
        changes["ignore"] = (*config.ignore, *args.ignore)
    if args.min_severity:
        changes["min_severity"] = Severity.parse(args.min_severity)
    if args.termbase:
        changes["termbases"] = (*config.termbases, *args.termbase)
    if args.pack:
        changes["packs"] = (*config.packs, *args.pack)
    if args.unsafe_fixes:
        changes["unsafe_fixes"] = True
    return config.merged(**changes) if changes else config


def _guard_output(out: Path, inputs: Sequence[Path], force: bool) -> None:
    """Refuse to write over an input, or over an existing file without --force (then keep a backup)."""
    resolved = out.resolve()
    for path in inputs:
        # samefile also catches a hard link or a second name of the input.
        if path.exists() and (resolved == path.resolve() or (out.exists() and out.samefile(path))):
            raise InputError(out, f"refusing to write over the input file {path}; choose another output path")
    if out.is_dir():
        raise InputError(out, "is a directory; give a file name")
    if out.exists():
        if not force:
            raise InputError(out, "already exists; use --force to overwrite it (a .bak copy is kept)")
        shutil.copy2(out, out.with_name(out.name + ".bak"))


def _jobs(text: str) -> int:
    """Parse --jobs: a whole number, 0 meaning one per core."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (one per core) or a positive number, not {text!r}")
    return value


def _read(path: Path, source: Path | None) -> Document:
    from checks.readers import read_document, read_pair

    return read_pair(path, source) if source is not None else read_document(path)


# From this size on, a run with several jobs reads a file in a child process while it loads the checks,
# if the file's format is one whose parser costs about as much as loading the checks (measured: 0.5 s
# for 10,000 PO units, 0.25 s for 3,000 XLIFF units, but 0.05 s for a 1 MB plain-text article).
READ_BESIDE_BYTES = 500_000
READ_BESIDE_FORMATS = frozenset({"po", "xliff", "tmx", "ts", "docx"})


def _check_one(path: Path, source: Path | None, config: RunConfig, jobs: int = 1) -> tuple[Document, list[Finding]]:
    """Read and check one file (a large one in *jobs* processes)."""
    from checks import build_registry
    from checks.context import Context
    from checks.parallel import prepare, read_beside, run_parallel
    from checks.readers import format_of
    from checks.registry import Registry

    def load() -> tuple[Registry, Context]:
        registry, ctx = build_registry(config), Context.create(config)
        prepare(registry, ctx)
        return registry, ctx

    if jobs > 1 and source is None and format_of(path) in READ_BESIDE_FORMATS and _size(path) >= READ_BESIDE_BYTES:
        doc, (registry, ctx) = read_beside(lambda: _read(path, source), load)
    else:
        doc, registry, ctx = _read(path, source), build_registry(config), Context.create(config)
    return doc, run_parallel(doc, registry, ctx, jobs)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reader reports the problem


def _findings_only(path: Path, config: RunConfig) -> list[Finding]:
    """Worker-process job for --jobs: findings travel back; documents (with parser state) do not pickle."""
    return _check_one(path, None, config)[1]


def _reference_scores(doc: object, reference: Path, corrected: dict[str, str]) -> dict[str, object]:
    from checks.metrics import score
    from checks.model import Document
    from checks.readers import read_document

    assert isinstance(doc, Document)
    ref_doc = read_document(reference)
    refs = [seg.target for seg in ref_doc.segments]
    hyps = [seg.target for seg in doc.segments]
    if len(refs) != len(hyps):
        raise InputError(reference, f"has {len(refs)} segments but the checked file has {len(hyps)}")
    fixed = [corrected.get(seg.id, seg.target) for seg in doc.segments]
    before, after = score(hyps, refs), score(fixed, refs)
    return {"reference (original)": before.get("document", before), "reference (corrected)": after.get("document", after)}


def _cmd_check(args: argparse.Namespace) -> int:
    from checks.readers import write_document
    from checks.readers.textio import atomic_write
    from checks.reporters import DocumentResult, render

    config = _config(args)
    fail_on = Severity.parse(args.fail_on)
    if args.source is not None and len(args.files) != 1:
        raise InputError(args.source, "--source pairs with exactly one target file")
    if args.fix_to is not None and len(args.files) != 1:
        raise InputError(args.fix_to, "--fix-to takes one input file at a time")
    from checks.parallel import cpu_count

    jobs = min(args.jobs or cpu_count(), cpu_count())
    if jobs > 1 and len(args.files) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            found = list(pool.map(_findings_only, args.files, [config] * len(args.files)))
        outcomes = [(_read(path, None), findings) for path, findings in zip(args.files, found, strict=True)]
    else:
        outcomes = [_check_one(path, args.source, config, jobs) for path in args.files]
    results: list[DocumentResult] = []
    for doc, findings in outcomes:
        if not doc.segments:
            # An empty file is checked (an empty report, exit 0), but the user should know why.
            print(f"lintra: warning: {doc.path}: no text to check (empty, or no translatable units)", file=sys.stderr)
        result = DocumentResult(doc, findings, unsafe=config.unsafe_fixes)
        if args.reference is not None:
            result = DocumentResult(doc, findings, unsafe=config.unsafe_fixes,
                                    scores=_reference_scores(doc, args.reference, result.corrected()))
        results.append(result)
    # Every file the run reads is protected from every file it writes.
    inputs = [*args.files, *(p for p in (args.source, args.reference, args.config) if p is not None),
              *config.packs, *config.termbases]
    if args.fix_to is not None:
        _guard_output(args.fix_to, inputs, args.force)
        write_document(results[0].doc, results[0].corrected(), args.fix_to)
    if args.export_alignment is not None:
        if args.source is None:
            raise InputError(args.export_alignment, "--export-alignment needs --source")
        from checks.align import export_alignment

        _guard_output(args.export_alignment, inputs, args.force)
        fmt = "xliff" if args.export_alignment.suffix.lower() in {".xlf", ".xliff"} else "tsv"
        atomic_write(args.export_alignment, export_alignment(results[0].doc, fmt).encode("utf-8"))
    report = render(args.format, results)
    if args.output is not None:
        _guard_output(args.output, inputs, args.force)
        atomic_write(args.output, report.encode("utf-8"))
    else:
        sys.stdout.write(report)
    worst = [f for r in results for f in r.findings if f.severity >= fail_on]
    return EXIT_FINDINGS if worst else EXIT_CLEAN


def _cmd_rules(args: argparse.Namespace) -> int:
    import json

    from checks import build_registry

    registry = build_registry(RunConfig(packs=tuple(args.pack)))
    rules = sorted(registry.rules.values(), key=lambda m: m.code)
    if args.format == "json":
        rows = [{"code": m.code, "rule": m.rule, "title": m.title, "category": m.category,
                 "severity": m.severity.label, "enabled": m.enabled, "needs_source": m.needs_source} for m in rules]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for m in rules:
            flag = "" if m.enabled else " (off by default)"
            sys.stdout.write(f"{m.code}  {m.severity.label:<8} {m.title} [{m.category}]{flag}\n")
    return EXIT_CLEAN


def _quiet_interrupt(unraisable: Any) -> None:
    # A Ctrl-C that lands in code Python cannot raise from (an after-fork hook of a reading child or
    # of a check worker being forked) is printed as "Exception ignored" with a traceback. The run is
    # stopping anyway (every process of it got the signal): say nothing. Anything else as usual.
    if not issubclass(unraisable.exc_type, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


# CPython collects its oldest generation after 10 collections of the middle one (and once a quarter
# of it is new). A check run's heap only grows (the document, indexes, caches, findings): in a
# 10,000-unit run those full collections traversed it five times, cost 0.23 s (5% of the run) and
# freed nothing. Young generations are still collected as usual, which is where cycles die.
FULL_COLLECTION_AFTER = 100


@contextlib.contextmanager
def _batch_gc() -> Iterator[None]:
    """Rarer full garbage collections for one run (restored after: tests call ``main`` in process)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, FULL_COLLECTION_AFTER))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lintra`` console script; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    # Inherited by the children the run forks (reading beside, translate-toolkit's parse, workers).
    hook, sys.unraisablehook = sys.unraisablehook, _quiet_interrupt
    try:
        if args.command == "check":
            with _batch_gc():
                return _cmd_check(args)
        return _cmd_rules(args)
    except InputError as exc:
        print(f"lintra: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except ValueError as exc:
        print(f"lintra: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        # Writing an output into a missing folder, a read-only place or a full disk.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"lintra: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    finally:
        sys.unraisablehook = hook


if __name__ == "__main__":
    sys.exit(main())
