"""One large file checked in several processes gives the very same report as a serial run."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import build_registry, parallel
from checks.context import Context
from checks.engine import run
from checks.model import Document, Finding, Segment, Severity
from checks.registry import RuleMeta

PAIRS = [
    ("会议讨论了海上安全合作计划，3万人参加。", "The meeting discussed the Maritime Security Cooperation Plan; 3,000 attended."),
    ("海上安全合作计划得到支持。", "The Maritime Safety Cooperation Plan has support ，and and more."),
    ("马克龙会见了朔尔茨。", "Macron met Scholz on the 4th."),
    ("他没有同意。", "He agreed."),
]
PID = RuleMeta("ZZ901", "which-process", "pid", "Fluency/Grammar", Severity.MINOR)


class WhichProcess:
    """Reports the process that checked each segment (to prove the work was spread)."""

    rules = (PID,)

    def check_segment(self, segment: Segment, ctx: Context) -> Iterator[Finding]:
        yield PID.finding(segment, 0, 0, str(os.getpid()))


def _document(n: int, distinct: bool = True) -> Document:
    """*n* units cycling through PAIRS; *distinct* makes each target unique (else they repeat)."""
    segments = tuple(
        Segment(id=f"u{i}", source=PAIRS[i % 4][0], target=PAIRS[i % 4][1] + (" " + "x" * (i + 1) if distinct else ""))
        for i in range(n)
    )
    return Document(path="big.po", segments=segments, source_lang="zh")


@pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")
def test_parallel_run_equals_serial_run_and_uses_other_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_SEGMENTS", 20)
    monkeypatch.setattr(parallel, "WARM_UP", 5)
    doc = _document(120)
    registry = build_registry()
    registry.add(WhichProcess())
    serial = run(doc, registry, Context.create())
    spread = parallel.run_parallel(doc, registry, Context.create(), jobs=2)
    strip = [f for f in spread if f.code != "ZZ901"]
    assert strip == [f for f in serial if f.code != "ZZ901"]
    # segment checks (numbers, dates, punctuation) and a document check (term variants)
    assert {"AC901", "DT702", "PU301", "TE102"} <= {f.code for f in strip}
    pids = {f.message for f in spread if f.code == "ZZ901"}
    assert str(os.getpid()) in pids and len(pids) > 1  # warm-up here, the rest in workers


@pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked")
def test_repeated_units_are_checked_once_and_reported_at_each_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_SEGMENTS", 20)
    monkeypatch.setattr(parallel, "WARM_UP", 2)
    doc = _document(120, distinct=False)  # four distinct units, each 30 times
    registry = build_registry()
    registry.add(WhichProcess())
    spread = parallel.run_parallel(doc, registry, Context.create(), jobs=2)
    assert [f for f in spread if f.code != "ZZ901"] == [f for f in run(doc, registry, Context.create()) if f.code != "ZZ901"]
    assert {"AC901", "AC921", "DT702", "PU301", "TE102"} <= {f.code for f in spread}
    pids = [f.message for f in spread if f.code == "ZZ901"]
    assert len(pids) == 120  # a finding at every unit, though only four were checked
    assert set(pids[:2]) == {str(os.getpid())} and len(set(pids)) == 2  # two here, two in one worker


def test_small_documents_and_one_job_stay_in_this_process() -> None:
    registry = build_registry()
    registry.add(WhichProcess())
    for doc, jobs in ((_document(10), 2), (_document(500), 1)):
        found = parallel.run_parallel(doc, registry, Context.create(), jobs=jobs)
        assert {f.message for f in found if f.code == "ZZ901"} == {str(os.getpid())}


def test_document_checks_that_share_tables_run_in_one_task() -> None:
    registry = build_registry()
    doc_checks = [c for c in registry if hasattr(c, "check_document")]
    tasks = parallel.document_tasks(doc_checks)
    assert sorted(i for task in tasks for i in task) == list(range(len(doc_checks)))
    name_tasks = [task for task in tasks if any(getattr(doc_checks[i], "shares", None) for i in task)]
    assert len(name_tasks) == 1 and len(name_tasks[0]) >= 3  # the name checks build one scan, in one worker
    assert all(len(task) == 1 for task in tasks if task not in name_tasks)


def _po(tmp_path, units: int):  # type: ignore[no-untyped-def]
    path = tmp_path / "big.po"
    body = "".join(f'#. note {i}\nmsgid "{PAIRS[i % 4][0]}"\nmsgstr "{PAIRS[i % 4][1]} {i}"\n\n' for i in range(units))
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body, encoding="utf-8")
    return path


def test_a_document_read_beside_is_the_one_read_here(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checks.readers import read_document

    path = _po(tmp_path, 300)
    pids: list[int] = []

    def read() -> Document:
        pids.append(os.getpid())  # in the child: the parent's list stays empty
        return read_document(path)

    # The test process has loaded Qt (pytest-qt), which forbids a fork on its own; the child only reads.
    monkeypatch.setattr(parallel, "safe_to_fork", lambda: True)
    doc, prepared = parallel.read_beside(read, lambda: os.getpid())
    assert pids == [] and prepared == os.getpid()
    assert doc == read_document(path)
    assert doc.meta["locations"]["3"] == read_document(path).meta["locations"]["3"]  # writing fixes still works
    assert doc.segment("3").note == "note 2"


def test_read_beside_reports_the_readers_error_first(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checks.errors import InputError
    from checks.readers import read_document

    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b"\nthis is not po\n', encoding="utf-8")
    monkeypatch.setattr(parallel, "safe_to_fork", lambda: True)

    def broken_packs() -> None:
        raise InputError("pack.yaml", "invalid YAML")

    with pytest.raises(InputError) as info:
        parallel.read_beside(lambda: read_document(bad), broken_packs)
    assert info.value.path == str(bad) and info.value.line == 3  # as a serial run would say
    with pytest.raises(InputError, match="invalid YAML"):
        parallel.read_beside(lambda: read_document(_po(tmp_path, 5)), broken_packs)


def test_read_beside_reads_here_when_the_child_dies(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checks.readers import read_document

    path = _po(tmp_path, 20)
    monkeypatch.setattr(parallel, "safe_to_fork", lambda: True)
    parent = os.getpid()
    # The child dies before answering; this process then reads with the same function.
    doc, _ = parallel.read_beside(lambda: os._exit(3) if os.getpid() != parent else read_document(path), lambda: None)
    assert doc == read_document(path)


def test_forking_is_refused_where_it_is_unsafe() -> None:
    import sys
    import threading

    from checks.forksafe import safe_to_fork

    assert "PySide6.QtCore" in sys.modules  # loaded by the Qt tests' plugin: Qt's threads forbid a fork
    assert not safe_to_fork()
    seen: list[bool] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.delitem(sys.modules, "PySide6.QtCore")
        assert safe_to_fork()
        worker = threading.Thread(target=lambda: seen.append(safe_to_fork()))
        worker.start()
        worker.join()
    assert seen == [False]  # never from a thread other than the main one


def test_cli_report_of_a_big_file_is_the_same_with_one_job_or_two(tmp_path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from checks import cli

    path = _po(tmp_path, 600)
    monkeypatch.setattr(parallel, "safe_to_fork", lambda: True)
    monkeypatch.setattr(cli, "READ_BESIDE_BYTES", 1)
    reports = []
    for jobs in ("1", "2"):
        cli.main(["check", str(path), "--format", "json", "--no-config", "--jobs", jobs])
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1]
    assert '"code": "AC921"' in reports[0] and '"code": "TE102"' in reports[0]  # segment and document checks ran


def test_checks_load_their_resources_ahead_when_asked() -> None:
    from checks import gazetteer
    from checks.packs import PackRule

    registry, ctx = build_registry(), Context.create()
    parallel.prepare(registry, ctx)
    # Loaded now, in this process: workers forked after this share them instead of building their own.
    assert "gazetteer.reversed-names" in ctx.resources._cache and "termbase-deprecated" in ctx.resources._cache
    gaz = gazetteer.load(ctx)
    assert gaz._english is not None and gaz._chinese is not None
    rules = [check for check in registry if isinstance(check, PackRule)]
    assert rules and all(rule._prefilters is not None for rule in rules)


def test_segments_and_findings_cross_processes_whole() -> None:
    import dataclasses
    import pickle

    seg = Segment(id="7[1]", target="t", source="s", line=3, column=4, offset=5, origin="line 3", note="fuzzy")
    found = PID.finding(seg, 0, 1, "m", ("x",), safe=True, severity=Severity.MAJOR)
    for obj in (seg, found):
        copy = pickle.loads(pickle.dumps(obj))
        assert copy == obj and dataclasses.astuple(copy) == dataclasses.astuple(obj)
        # A field added to the class must be added to its __reduce__ too, or copies would lose it.
        assert len(obj.__reduce__()[1]) == len(dataclasses.fields(obj))
        assert all(getattr(obj, f.name) != f.default for f in dataclasses.fields(obj))


_SEGMENTS = st.builds(
    Segment, id=st.text(max_size=4), target=st.text(max_size=12), source=st.none() | st.text(max_size=6),
    line=st.none() | st.integers(0, 10**9), column=st.none() | st.integers(0, 300), offset=st.none() | st.integers(0, 10**9),
    origin=st.text(max_size=8), note=st.sampled_from(["", "fuzzy", "note; fuzzy"]) | st.text(max_size=5),
)


def _through_pipe(doc: Document) -> Document:
    """*doc* pickled as a forked child sends it back (forksafe.Forked) and unpickled."""
    import io
    import pickle

    from checks.forksafe import _Pickler

    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(doc)
    return pickle.loads(buffer.getvalue())


def _every_field(doc: Document) -> tuple[object, ...]:
    import dataclasses

    segments = [(type(seg), dataclasses.astuple(seg)) for seg in doc.segments]
    rest = [(f.name, getattr(doc, f.name)) for f in dataclasses.fields(doc) if f.compare and f.name != "segments"]
    return type(doc.segments), segments, rest


@settings(max_examples=200, deadline=None)
@given(segments=st.lists(_SEGMENTS, max_size=40), fmt=st.sampled_from(["po", "text"]),
       langs=st.sampled_from([(None, "en"), ("zh-CN", "en-GB")]))
def test_documents_cross_processes_whole(segments: list[Segment], fmt: str, langs: tuple[str | None, str]) -> None:
    """A Document pickles its segments by field (rebuilt without a constructor call each): same fields back."""
    from types import MappingProxyType

    # Strings shared between segments and meta, as a reader makes them.
    meta = MappingProxyType({"locations": MappingProxyType({seg.id: (0, 1, "msgstr") for seg in segments}), "n": 3})
    doc = Document(path=f"f.{fmt}", segments=tuple(segments), format=fmt, source_lang=langs[0], target_lang=langs[1],
                   meta=meta)
    copy = _through_pipe(doc)
    assert type(copy) is Document and copy == doc
    assert _every_field(copy) == _every_field(doc)
    assert all(copy.segment(seg.id) == doc.segment(seg.id) for seg in segments)  # caches built anew


def test_documents_without_a_tuple_of_segments_cross_processes_whole() -> None:
    plain = Segment(id="1", target="t", source="s", line=3, column=4, offset=5, origin="line 3", note="n")
    for segments in ((), [plain, plain], (plain,)):
        doc = Document(path="f.txt", segments=segments)  # type: ignore[arg-type]
        assert _every_field(_through_pipe(doc)) == _every_field(doc)


@pytest.mark.parametrize("after", [0.0, 0.02, 0.1, 0.3])
def test_ctrl_c_while_reading_beside_stops_quietly_and_leaves_no_process(tmp_path, after: float) -> None:
    import signal
    import subprocess
    import sys
    import time

    path = _po(tmp_path, 5000)  # above the CLI's size for reading beside; a few seconds to check
    assert path.stat().st_size > 500_000
    run = subprocess.Popen([sys.executable, "-m", "checks", "check", str(path), "--no-config", "--jobs", "2"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)

    def group() -> list[str]:
        return subprocess.run(["pgrep", "-g", str(run.pid)], capture_output=True, text=True).stdout.split()

    # Once the run has children (reading beside, the toolkit's parse): Ctrl-C during interpreter
    # start-up and imports is Python's own business.
    deadline = time.monotonic() + 20
    while len(group()) < 2 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(after)
    os.killpg(run.pid, signal.SIGINT)  # as a terminal does: to the whole process group
    _, err = run.communicate(timeout=30)
    # 130 from our handler, or killed by the signal itself (what Python does when the interrupt
    # lands outside it, as between a fork and the try around it): a shell shows 130 for both.
    assert run.returncode in (130, -signal.SIGINT) and err == b""
    deadline = time.monotonic() + 5  # a child stopped mid-write may take a moment to see its broken pipe
    while group() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group() == []


def test_only_formats_slow_to_parse_are_read_beside(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checks import cli
    from checks.config import RunConfig

    calls: list[str] = []
    original = parallel.read_beside

    def spy(read, prepare):  # type: ignore[no-untyped-def]
        calls.append("beside")
        return original(read, prepare)

    monkeypatch.setattr(parallel, "read_beside", spy)
    monkeypatch.setattr(cli, "READ_BESIDE_BYTES", 1)
    article = tmp_path / "article.txt"
    article.write_text("\n\n".join(PAIRS[i % 4][1] for i in range(500)), encoding="utf-8")
    cli._check_one(article, None, RunConfig(), jobs=2)  # plain text parses in no time: nothing to overlap
    assert calls == []
    cli._check_one(_po(tmp_path, 50), None, RunConfig(), jobs=2)
    assert calls == ["beside"]
    cli._check_one(_po(tmp_path, 50), None, RunConfig(), jobs=1)  # one job: no second core to use
    assert calls == ["beside"]


def test_an_interrupt_python_cannot_raise_is_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    import gc
    import sys

    from checks import cli

    class Raising:
        def __init__(self, error: type[BaseException]) -> None:
            self.error = error

        def __del__(self) -> None:  # an exception here is "unraisable", as in an after-fork hook
            raise self.error

    hook, sys.unraisablehook = sys.unraisablehook, cli._quiet_interrupt
    try:
        Raising(KeyboardInterrupt)
        gc.collect()
        assert capsys.readouterr().err == ""  # Ctrl-C: the run stops anyway, quietly
        Raising(ValueError)
        gc.collect()
        assert "Exception ignored" in capsys.readouterr().err  # anything else is still reported
    finally:
        sys.unraisablehook = hook


def test_the_cli_can_fork_its_reader_before_the_engine_loads() -> None:
    """What ``_check_one`` imports before ``read_beside`` leaves the engine, the packs and the readers unloaded.

    The reader child is forked as soon as possible, so that the toolkit's parse of a big PO file
    starts while this process loads the checks (about 0.1 s of imports) instead of after.
    """
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from checks import build_registry, cli\n"
        "from checks.context import Context\n"
        "from checks.parallel import prepare, read_beside, run_parallel\n"
        "from checks.readers import format_of\n"
        "from checks.registry import Registry\n"
        "print(sorted(m for m in ('checks.engine', 'checks.packs', 'checks.builtin', 'checks.readers.po', 'yaml',"
        " 'lxml', 'concurrent.futures') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
