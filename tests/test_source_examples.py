"""The fail/pass examples of every source-aware rule hold when only the source-aware checks run."""

from __future__ import annotations

import pytest

from checks.builtin import parity, source_names, source_numbers, source_terms, source_text
from checks.config import RunConfig
from checks.context import Context
from checks.engine import run
from checks.model import Document, Finding, Segment
from checks.registry import Registry, RuleMeta

MODULES = (source_numbers, source_text, source_names, source_terms, parity)


def _registry() -> Registry:
    registry = Registry()
    for module in MODULES:
        registry.extend(module.checks())
    return registry


REGISTRY = _registry()
# Select every source-aware code so that rules off by default (AC930) are exercised too.
CONTEXT = Context.create(RunConfig(select=("TE12", "TE13", "NM22", "NM23", "AC", "PA")))
RULES: list[RuleMeta] = sorted(REGISTRY.rules.values(), key=lambda m: m.code)


def _findings(target: str, source: str | None) -> list[Finding]:
    targets = target.split("\n\n")
    sources = source.split("\n\n") if source is not None else [None] * len(targets)
    segments = tuple(Segment(id=str(i), target=t, source=s) for i, (t, s) in enumerate(zip(targets, sources, strict=True)))
    return run(Document(path="t", segments=segments, source_lang="zh"), REGISTRY, CONTEXT)


def test_all_codes_are_in_the_source_aware_ranges() -> None:
    for meta in RULES:
        number = int(meta.code[2:])
        assert meta.needs_source
        assert (meta.code[:2], 120 <= number <= 139) == ("TE", True) or (
            meta.code[:2] == "NM" and 220 <= number <= 239
        ) or (meta.code[:2] == "AC" and 901 <= number <= 949) or (meta.code[:2] == "PA" and 951 <= number <= 979)


@pytest.mark.parametrize("meta", RULES, ids=lambda m: m.code)
def test_rule_examples(meta: RuleMeta) -> None:
    assert meta.examples_fail and meta.examples_pass
    for example in meta.examples_fail:
        assert example.source, f"{meta.code}: source-aware examples need a source"
        codes = {f.code for f in _findings(example.target, example.source)}
        assert meta.code in codes, f"{meta.code} missed {example.target!r}; got {sorted(codes)}"
    for example in meta.examples_pass:
        hits = [f for f in _findings(example.target, example.source) if f.code == meta.code]
        assert not hits, f"{meta.code} fired on its passing example {example.target!r}: {hits}"


def test_no_source_no_findings() -> None:
    assert _findings("The EU will provide $40 billion in aid.", None) == []
