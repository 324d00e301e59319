"""Every rule carries pass and fail examples, and they hold against the full default registry."""

from __future__ import annotations

import pytest

from checks.registry import Registry, RuleMeta
from tests.helpers import default_registry, findings

RULES: list[RuleMeta] = sorted(default_registry().rules.values(), key=lambda m: m.code)


def test_there_are_many_rules_and_codes_are_unique() -> None:
    codes = [m.code for m in RULES]
    assert len(codes) == len(set(codes))
    assert len(codes) >= 40


@pytest.mark.parametrize("meta", RULES, ids=lambda m: m.code)
def test_rule_has_pass_and_fail_examples(meta: RuleMeta) -> None:
    assert meta.examples_fail, f"{meta.code} ({meta.rule}) has no failing example"
    assert meta.examples_pass, f"{meta.code} ({meta.rule}) has no passing example"


def _own_registry(code: str) -> Registry:
    """A registry with only the check that emits *code*, so another rule's identical fix cannot mask it."""
    registry = Registry()
    registry.extend(c for c in default_registry() if any(m.code == code for m in c.rules))
    return registry


@pytest.mark.parametrize("meta", RULES, ids=lambda m: m.code)
def test_failing_examples_produce_the_rule_code(meta: RuleMeta) -> None:
    for example in meta.examples_fail:
        codes = {f.code for f in findings(example.target, example.source, _own_registry(meta.code), select=(meta.code,))}
        assert meta.code in codes, f"{meta.code} missed its example {example.target!r}; got {sorted(codes)}"


@pytest.mark.parametrize("meta", RULES, ids=lambda m: m.code)
def test_passing_examples_do_not_produce_the_rule_code(meta: RuleMeta) -> None:
    for example in meta.examples_pass:
        hits = [
            f
            for f in findings(example.target, example.source, _own_registry(meta.code), select=(meta.code,))
            if f.code == meta.code
        ]
        assert not hits, f"{meta.code} fired on its passing example {example.target!r}: {hits}"
