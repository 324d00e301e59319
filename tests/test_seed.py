"""The seed article: every known problem is flagged with the right fix, in text and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from tests.conftest import SEED

    out = tmp_path_factory.mktemp("seed") / "report.json"
    assert main(["check", str(SEED), "--format", "json", "--output", str(out), "--no-config"]) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == "1.0"
    return data["documents"][0]


def _with(findings: list[dict], text: str) -> list[dict]:
    return [f for f in findings if f["text"] == text]


def test_every_alliance_variant_gets_coalition_of_the_willing(report: dict) -> None:
    hits = [f for f in report["findings"] if f["text"].lower() in {"willingness alliance", "volunteer alliance"}]
    assert len(hits) == 4
    assert all(f["suggestions"][:1] == ["coalition of the willing"] for f in hits)
    assert all(f["category"].startswith("Terminology/") for f in hits)


def test_expressed_willingness_is_left_alone(report: dict, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "expressed willingness" in row)
    assert not [f for f in report["findings"] if f["line"] == line and "willingness" in f["text"]]


def test_garbled_general_name(report: dict) -> None:
    (hit,) = _with(report["findings"], "Buchard")
    assert hit["suggestions"][0] == "Burkhard"


def test_doubled_chinese_style_name(report: dict) -> None:
    (hit,) = [f for f in report["findings"] if "(Camille Grand)" in f["text"]]
    assert hit["suggestions"] == ["Camille Grand"]
    assert hit["safe"] is True


def test_both_pairs_of_lenticular_brackets(report: dict) -> None:
    opening = _with(report["findings"], "【")
    closing = _with(report["findings"], "】")
    assert len(opening) == 2 and len(closing) == 2
    assert {f["suggestions"][0] for f in opening} == {"["}


def test_photo_credit_and_three_footer_paragraphs_are_deleted(report: dict) -> None:
    deletions = [f for f in report["findings"] if f["suggestions"] == [""]]
    texts = [f["text"] for f in deletions]
    assert " IC photo" in texts
    assert any(t.startswith("This article is exclusive to Observer") for t in texts)
    assert any(t.startswith("Original: https://") for t in texts)
    assert any(t.startswith("Statement: ") for t in texts)
    assert any(t.startswith("【By Zhang Jingjuan") for t in texts)


def test_all_five_bare_days_resolve_to_september_4(report: dict) -> None:
    days = _with(report["findings"], "the 4th")
    assert len(days) == 5
    assert all(f["suggestions"] == ["September 4"] for f in days)


def test_steel_hedgehog_calque(report: dict) -> None:
    (hit,) = _with(report["findings"], "steel hedgehog")
    assert hit["suggestions"][0] == "steel porcupine"


def test_positions_point_into_the_file(report: dict, seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    for f in report["findings"]:
        if f["line"] == f["end_line"]:
            assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]


def test_text_output_is_compiler_style(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(seed_path), "--no-config"]) == 1
    out = capsys.readouterr().out
    assert f"{seed_path}:10:54: major NM203 " in out
    assert "-> 'Burkhard'" in out


def test_fix_to_writes_the_corrected_article(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.txt"
    assert main(["check", str(seed_path), "--fix-to", str(out), "--unsafe-fixes", "--no-config", "--fail-on", "critical"]) == 0
    fixed = out.read_text(encoding="utf-8")
    assert "coalition of the willing" in fixed and "alliance\"" not in fixed
    assert "on September 4" in fixed and "the 4th" not in fixed
    assert "Burkhard" in fixed and "Camille Grand pointed" in fixed
    assert "【" not in fixed and "IC photo" not in fixed and "Original:" not in fixed
    assert "expressed willingness to provide" in fixed
    assert fixed.endswith("unacceptable.\"") or fixed.rstrip().endswith("territorial issues.\"")


def test_safe_fixes_only_by_default(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.txt"
    main(["check", str(seed_path), "--fix-to", str(out), "--no-config"])
    fixed = out.read_text(encoding="utf-8")
    assert "Camille Grand pointed" in fixed  # safe
    assert "Buchard" in fixed  # a guess from the gazetteer: only with --unsafe-fixes
