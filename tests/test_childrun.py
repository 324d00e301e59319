"""The engine in a child process (used by the desktop window for large files) reports what a run here reports."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from checks import build_registry
from checks.childrun import ChildRun, picklable
from checks.config import RunConfig
from checks.context import Context
from checks.engine import run
from checks.model import Document, Finding, Segment, Severity
from checks.registry import Registry, RuleMeta

PID = RuleMeta("ZZ911", "which-process", "pid", "Fluency/Grammar", Severity.MINOR)
SLOW = RuleMeta("ZZ912", "slow", "slow", "Fluency/Grammar", Severity.MINOR)
BROKEN = RuleMeta("ZZ913", "broken", "broken", "Fluency/Grammar", Severity.MINOR)


class WhichProcess:
    """Reports the process that checked the segment."""

    rules = (PID,)

    def check_segment(self, segment: Segment, ctx: object) -> Iterator[Finding]:
        yield PID.finding(segment, 0, 0, str(os.getpid()))


class Slow:
    """Takes 10 ms per segment."""

    rules = (SLOW,)

    def check_segment(self, segment: Segment, ctx: object) -> Iterator[Finding]:
        time.sleep(0.01)
        return iter(())


class Broken:
    """Always fails."""

    rules = (BROKEN,)

    def check_segment(self, segment: Segment, ctx: object) -> Iterator[Finding]:
        raise RuntimeError("check exploded")


def pid_registry(config: RunConfig) -> Registry:
    """The default checks plus one that names its process."""
    registry = build_registry(config)
    registry.add(WhichProcess())
    return registry


def slow_registry(config: RunConfig) -> Registry:
    """One slow check."""
    registry = Registry()
    registry.add(Slow())
    return registry


def broken_registry(config: RunConfig) -> Registry:
    """One check that raises."""
    registry = Registry()
    registry.add(Broken())
    return registry


def _doc(n: int) -> Document:
    pairs = [("会议有3万人参加。", "The meeting had 3,000 participants ，and and more."),
             ("马克龙会见了朔尔茨。", "Macron met Scholz on the 4th.")]
    # Each segment distinct (the engine checks a repeated one once); meta that would not pickle.
    segments = tuple(Segment(f"u{i}", f"{pairs[i % 2][1]} ({i})", pairs[i % 2][0]) for i in range(n))
    return Document("big.po", segments, format="po", source_lang="zh", meta={"decoded": object()})


def test_child_process_reports_the_same_findings_as_a_run_here() -> None:
    doc = _doc(40)
    messages = list(ChildRun(doc, RunConfig(), pid_registry).messages())
    assert messages[-1].kind == "done"
    found = [f for m in messages if m.kind == "findings" for f in m.findings]
    assert messages[-1].done == len(found)
    here = run(doc, pid_registry(RunConfig()), Context.create())
    order = {seg.id: i for i, seg in enumerate(doc.segments)}
    found.sort(key=lambda f: (order[f.segment], f.start, f.end, f.code))
    assert [f for f in found if f.code != "ZZ911"] == [f for f in here if f.code != "ZZ911"]
    assert {"PU301", "DT702", "TE123"} <= {f.code for f in found}  # segment and document checks
    assert {f.message for f in found if f.code == "ZZ911"} != {str(os.getpid())}  # checked elsewhere
    progress = [m for m in messages if m.kind == "progress"]
    assert progress[-1].done == progress[-1].total


def test_child_process_can_be_cancelled_and_reports_a_broken_check() -> None:
    child = ChildRun(_doc(2000), RunConfig(), slow_registry)  # 20 s of work
    for message in child.messages():
        if message.kind == "progress":
            child.stop()
        last = message
    assert last.kind == "cancelled"
    failed = list(ChildRun(_doc(3), RunConfig(), broken_registry).messages())
    assert failed[-1].kind == "failed" and "check exploded" in failed[-1].text


def test_only_importable_registry_factories_go_to_a_child() -> None:
    assert picklable(slow_registry)
    assert not picklable(lambda config: Registry())
