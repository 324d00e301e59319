"""The lintra command: exit codes, errors without tracebacks, output formats, safe writing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checks.cli import main


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "a.txt", "The talks ended on Monday.")
    assert main(["check", str(path), "--no-config"]) == 0
    assert "0 finding(s)" in capsys.readouterr().out


def test_a_run_leaves_the_callers_garbage_collector_settings_as_they_were(tmp_path: Path) -> None:
    # The check command makes full collections rarer for its own run; a program (or test session)
    # that calls main() in process must get its own settings back, also after an error.
    import gc

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    gc.callbacks.append(lambda phase, info: seen.append(gc.get_threshold()))
    try:
        path = _write(tmp_path / "a.txt", "The talks  ended on Monday. " * 2000)
        assert main(["check", str(path), "--no-config", "--jobs", "1"]) == 1
        assert main(["check", str(tmp_path / "missing.txt"), "--no-config"]) == 2
    finally:
        gc.callbacks.pop()
    assert gc.get_threshold() == before
    assert any(t[2] >= 100 for t in seen)  # collections during the run saw the raised setting


def test_fail_on_threshold(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "The talks  ended on Monday.")  # one minor finding (doubled space)
    assert main(["check", str(path), "--no-config"]) == 1
    assert main(["check", str(path), "--no-config", "--fail-on", "major"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "{tmp}/missing.txt"], "missing.txt: no such file"),
        (["check", "{tmp}"], "is a directory"),
        (["check", "{tmp}/a.txt", "--fail-on", "huge"], "unknown severity 'huge'"),
        (["check", "{tmp}/a.txt", "--termbase", "{tmp}/nope.csv"], "nope.csv: termbase not found"),
        (["check", "{tmp}/a.txt", "--pack", "{tmp}/bad.yaml"], "invalid YAML"),
    ],
)
def test_input_errors_exit_two_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    _write(tmp_path / "a.txt", "Text.")
    _write(tmp_path / "bad.yaml", "pack: mine\nrules:\n  - code: [unclosed\n")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args] + ["--no-config"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_invalid_pack_rule_reports_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "a.txt", "Text.")
    pack = _write(
        tmp_path / "house.yaml",
        "pack: house\nrules:\n  - code: US001\n    id: x\n    kind: pattern\n    title: t\n"
        "    category: Style/Unnatural or awkward\n    severity: minor\n    message: m\n    patterns: ['(unclosed']\n",
    )
    assert main(["check", str(text), "--pack", str(pack), "--no-config"]) == 2
    assert f"{pack}:3: bad regex" in capsys.readouterr().err


def test_user_pack_and_termbase_are_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "a.txt", "We use the widget tool and utilize it.")
    pack = _write(
        tmp_path / "house.yaml",
        "pack: house\nrules:\n  - code: US001\n    id: utilize\n    kind: phrase\n    title: Plain words\n"
        "    category: Style/Unnatural or awkward\n    severity: minor\n    message: \"use '{right}'\"\n"
        "    entries:\n      - {wrong: utilize, right: use, note: plain English}\n"
        "    examples: {fail: [utilize it], pass: [use it]}\n",
    )
    termbase = _write(tmp_path / "terms.csv", "source,preferred,deprecated,note\n小部件,gadget,widget tool,client term\n")
    assert main(["check", str(text), "--pack", str(pack), "--termbase", str(termbase), "--no-config", "--format", "json"]) == 1
    found = {f["code"]: f["suggestions"] for f in json.loads(capsys.readouterr().out)["documents"][0]["findings"]}
    assert found["US001"] == ["use"]
    assert found["TE101"] == ["gadget"]


def test_config_file_selects_and_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "a.txt", "The talks  ended，today.")
    _write(tmp_path / "lintra.toml", '[lintra]\nignore = ["WS"]\n[lintra.severity]\nPU301 = "critical"\n')
    assert main(["check", str(text), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    assert {f["code"] for f in findings} == {"PU301"}
    assert findings[0]["severity"] == "critical"


def test_fix_to_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "a.txt", "The talks  ended.")
    out = _write(tmp_path / "out.txt", "precious")
    assert main(["check", str(text), "--fix-to", str(out), "--no-config"]) == 2
    assert out.read_text(encoding="utf-8") == "precious"
    assert "--force" in capsys.readouterr().err
    assert main(["check", str(text), "--fix-to", str(out), "--force", "--no-config"]) == 1
    assert out.read_text(encoding="utf-8") == "The talks ended."
    assert (tmp_path / "out.txt.bak").read_text(encoding="utf-8") == "precious"
    assert text.read_text(encoding="utf-8") == "The talks  ended."


def test_crlf_and_bom_survive_fixing(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_bytes("\ufeffFirst  line.\r\nSecond line，here.\r\n".encode())
    out = tmp_path / "b.txt"
    main(["check", str(text), "--fix-to", str(out), "--no-config"])
    assert out.read_bytes() == "\ufeffFirst line.\r\nSecond line, here.\r\n".encode()


def test_html_report_is_self_contained_and_escapes_text(tmp_path: Path) -> None:
    text = _write(tmp_path / "a.txt", "<script>alert(1)</script> said the the minister，today.")
    out = tmp_path / "r.html"
    main(["check", str(text), "--format", "html", "-o", str(out), "--no-config"])
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<ins" in html and "<mark" in html
    assert "http" not in html.replace("https://json", "").split("<body>")[0].replace("http-equiv", "")


def test_sarif_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "a.txt", "Ends here，now.")
    main(["check", str(text), "--format", "sarif", "--no-config"])
    sarif = json.loads(capsys.readouterr().out)
    result = sarif["runs"][0]["results"][0]
    assert sarif["version"] == "2.1.0"
    assert result["ruleId"] == "PU301"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 10,
        "endLine": 1,
        "endColumn": 11,
    }
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == ", "


def test_csv_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "a.txt", "Ends here，now.")
    main(["check", str(text), "--format", "csv", "--no-config"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("path,segment,line,column,severity,code")
    assert ",PU301," in lines[1]


def test_jobs_checks_many_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(_write(tmp_path / f"{i}.txt", f"File {i}，text.")) for i in range(3)]
    assert main(["check", *files, "--jobs", "2", "--no-config", "--format", "json"]) == 1
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert [Path(d["path"]).name for d in docs] == ["0.txt", "1.txt", "2.txt"]


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert {"TE101", "NM202", "PU301", "DT701", "BP501", "CQ601"} <= {r["code"] for r in rules}


def test_console_entry_point_runs_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "checks", "check", str(tmp_path / "none.txt")], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("lintra: error:") and "Traceback" not in proc.stderr


def test_reference_scores_before_and_after_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _write(tmp_path / "a.txt", "The talks  ended，today.\nLeaders met on Monday.")
    ref = _write(tmp_path / "ref.txt", "The talks ended, today.\nLeaders met on Monday.")
    main(["check", str(text), "--reference", str(ref), "--no-config"])
    out = capsys.readouterr().out
    assert "reference (original): BLEU" in out
    main(["check", str(text), "--reference", str(ref), "--no-config", "--format", "json"])
    metrics = json.loads(capsys.readouterr().out)["documents"][0]["metrics"]
    assert metrics["reference (corrected)"]["chrf"] == pytest.approx(100.0)
    assert metrics["reference (original)"]["chrf"] < 100.0


def test_csv_report_neutralises_spreadsheet_formulas() -> None:
    from checks.model import Document, Finding, Segment, Severity
    from checks.reporters import DocumentResult, render

    seg = Segment(id="1", target='=HYPERLINK("http://x") ok')
    finding = Finding("US001", "house.x", "Fluency/Spelling", Severity.MINOR, "1", 0, 10, "=HYPERLINK", "-bad", ("@SUM(A1)",))
    rows = render("csv", [DocumentResult(Document("a.txt", (seg,)), [finding])]).splitlines()
    assert "'=HYPERLINK" in rows[1] and "'-bad" in rows[1] and "'@SUM(A1)" in rows[1]


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    import os
    import stat

    text = _write(tmp_path / "a.txt", "The talks  ended.")
    out = tmp_path / "fixed.txt"
    main(["check", str(text), "--fix-to", str(out), "--no-config"])
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    main(["check", str(text), "--fix-to", str(out), "--force", "--no-config"])
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
