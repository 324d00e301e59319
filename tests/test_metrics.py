"""sacrebleu scores for --reference: document and per-segment BLEU, chrF and TER."""

from __future__ import annotations

import pytest

from checks.metrics import score


def test_identical_text_scores_perfectly() -> None:
    refs = ["The summit ended on Friday.", "NATO leaders met in The Hague."]
    result = score(refs, refs)
    assert result["bleu"] == pytest.approx(100.0)
    assert result["chrf"] == pytest.approx(100.0)
    assert result["ter"] == pytest.approx(0.0)
    assert [s["ter"] for s in result["segments"]] == [0.0, 0.0]  # type: ignore[index]


def test_worse_segment_scores_worse() -> None:
    refs = ["The summit ended on Friday.", "NATO leaders met in The Hague."]
    hyps = ["The summit ended on Friday.", "Leaders of the alliance gathered in a Dutch city."]
    result = score(hyps, refs)
    good, bad = result["segments"]  # type: ignore[misc]
    assert good["bleu"] > bad["bleu"] and good["chrf"] > bad["chrf"] and good["ter"] < bad["ter"]
    assert 0 < result["bleu"] < 100  # type: ignore[operator]
    assert "tok:13a" in result["signature"]["bleu"]  # type: ignore[index]


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="2 hypotheses but 1 references"):
        score(["a", "b"], ["a"])
