"""Bad, hostile and awkward input: one clear error (file, place, cause) and exit code 2, never a traceback or a hang.

The corpus is tests/data/bad/ (regenerate with tests/data/bad/make_corpus.py). Special files, huge
files and paths that must be absolute are made here.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from checks.cli import main
from checks.errors import InputError
from checks.readers import read_document, read_pair, write_document
from checks.readers.textio import atomic_write

BAD = Path(__file__).parent / "data" / "bad"
FORMATS = Path(__file__).parent / "data" / "formats"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args, "--no-config"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# (corpus file, expected message, expected "line" or "line:column" after the file name, or None)
CASES = [
    ("empty.xlf", "malformed XML: Document is empty", "1:1"),
    ("empty.docx", "not a readable DOCX file", None),
    ("binary.txt", "binary file (NUL bytes), not text", None),
    ("png-renamed.txt", "binary file", None),
    ("text-named.xlf", "malformed XML: Start tag expected", "1:1"),
    ("text-named.docx", "not a readable DOCX file (not a zip archive", None),
    ("zip-not-docx.docx", "not a readable DOCX file", None),
    ("garbage.po", "malformed PO line: 'this is not a PO file'", "1:1"),
    ("html-named.xlf", "unsupported XML document: root element <html>", "1"),
    ("truncated.xlf", "Premature end of data in tag target", "5:69"),
    ("truncated.tmx", "Premature end of data in tag seg", "1:91"),
    ("truncated.ts", "Premature end of data in tag source", "6:9"),
    ("mismatched-tags.xlf", "Opening and ending tag mismatch", "5:52"),
    ("truncated.po", "malformed PO line", "2:1"),
    ("msgid-without-msgstr.po", "entry has a msgid but no msgstr", "4:1"),
    ("bad-plural-index.po", "malformed PO line: 'msgstr[x]", "4:1"),
    ("unterminated-quote.csv", "unterminated quoted field", "2:17"),
    ("junk-after-quote.csv", "text after a closing quote", "2:18"),
    ("xliff-without-file.xlf", "XLIFF without a <file> element", "2"),
    ("ts-context-without-name.ts", "not a valid ts file (unexpected structure", None),
    ("undefined-entity.xlf", "Entity 'nbsp' not defined", "5:34"),
    ("unknown-encoding.xlf", "Unsupported encoding: klingon", "1:39"),
    ("utf8-bom-then-invalid.txt", "not valid utf-8 despite its byte-order mark", None),
    ("po-unknown-charset.po", "does not decode as its declared charset klingon", None),
    ("po-wrong-charset.po", "does not decode as its declared charset ascii", None),
    ("xxe-file.xlf", "declares XML entities (<!ENTITY ...>); refused for safety", None),
    ("billion-laughs.tmx", "declares XML entities (<!ENTITY ...>); refused for safety", None),
    ("parameter-entity.ts", "declares XML entities", None),
    ("zip-bomb.docx", "would expand 1028 times to 40 MB (zip bomb); refused", None),
    ("path-traversal.docx", "'../../../tmp/lintra-evil.txt' points outside the archive (path traversal)", None),
    ("absolute-path.docx", "'/etc/lintra-evil.txt' points outside the archive", None),
]


@pytest.mark.parametrize(("name", "message", "where"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gets_one_clear_error_and_exit_2(
    name: str, message: str, where: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BAD / name
    code, out, err = run_cli(capsys, str(path))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err  # one line, no traceback
    prefix = f"lintra: error: {path}:" + (f"{where}:" if where else "")
    assert lines[0].startswith(prefix), lines[0]
    assert message in lines[0]


@pytest.mark.parametrize("name", ["truncated.xlf", "zip-bomb.docx", "billion-laughs.tmx", "garbage.po"])
def test_console_script_prints_no_traceback(name: str) -> None:
    # A real process: the error handling of the entry point, not only of main().
    proc = subprocess.run(
        [sys.executable, "-m", "checks", "check", str(BAD / name), "--no-config"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"lintra: error: {BAD / name}")


@pytest.mark.parametrize("name", ["empty.txt", "empty.po", "empty.csv"])
def test_empty_text_files_give_an_empty_report_and_a_warning(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, str(BAD / name))
    assert code == 0
    assert "0 finding(s)" in out
    assert "no text to check" in err


# ---------------------------------------------------------------- encodings


EN = "The talks ended on Monday without an agreement."
ZH = "会谈于周一结束，未能达成协议。"
DECODED = [
    ("enc-utf8.txt", f"{EN} {ZH}", "utf-8"),
    ("enc-utf8-bom.txt", f"{EN} {ZH}", "utf-8"),
    ("enc-utf16le-bom.txt", f"{EN} {ZH}", "utf-16-le"),
    ("enc-utf16be-bom.txt", f"{EN} {ZH}", "utf-16-be"),
    ("enc-utf16le-nobom.txt", f"{EN} {ZH}", "utf-16-le"),
    ("enc-gb18030.txt", f"{ZH}中华人民共和国政府今天宣布了新的经济政策。", "gb18030"),
    ("enc-big5.txt", "會談於週一結束，未能達成協議。中華民國政府今天宣布新的經濟政策。", "big5"),
    ("enc-latin1.txt", "The café served crème brûlée to the naïve critic.", "cp1252"),
]


@pytest.mark.parametrize(("name", "text", "encoding"), DECODED, ids=[d[0] for d in DECODED])
def test_encodings_are_decoded_correctly(name: str, text: str, encoding: str) -> None:
    doc = read_document(BAD / name)
    assert [seg.target for seg in doc.segments] == [text]
    assert doc.meta["decoded"].encoding == encoding


@pytest.mark.parametrize(("name", "text", "encoding"), DECODED, ids=[d[0] for d in DECODED])
def test_fixed_copy_keeps_encoding_bom_and_newlines(name: str, text: str, encoding: str, tmp_path: Path) -> None:
    doc = read_document(BAD / name)
    out = tmp_path / name
    write_document(doc, {doc.segments[0].id: text.replace("Monday", "Tuesday").replace("周一", "周二")}, out)
    original, written = (BAD / name).read_bytes(), out.read_bytes()
    decoded = doc.meta["decoded"]
    assert written.startswith(decoded.bom)
    assert written[len(decoded.bom) :].decode(encoding).endswith(decoded.newline)
    if text == text.replace("Monday", "Tuesday").replace("周一", "周二"):
        assert written == original  # nothing to change: byte-identical
    else:
        assert read_document(out).segments[0].target == text.replace("Monday", "Tuesday").replace("周一", "周二")


def test_mixed_line_endings_leave_no_carriage_return_in_segments(tmp_path: Path) -> None:
    doc = read_document(BAD / "enc-mixed-newlines.txt")
    assert [seg.target for seg in doc.segments] == ["First line.", "Second line.", "Third line.", "Fourth line."]
    out = tmp_path / "fixed.txt"
    write_document(doc, {doc.segments[1].id: "Second line!"}, out)
    # Written with the dominant ending (LF here) throughout: documented in docs/robustness.md.
    assert out.read_bytes() == b"First line.\nSecond line!\nThird line.\nFourth line.\n"


def test_random_bytes_are_not_guessed_into_an_exotic_encoding(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(b"\x05@@@@@\x8c\xbc\xe2q")  # charset-normalizer calls this EBCDIC Greek (cp875)
    with pytest.raises(InputError, match="cannot determine the text encoding"):
        read_document(path)


# ---------------------------------------------------------------- paths that are not regular files


def test_missing_path_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, str(tmp_path / "nope.xlf"))
    assert code == 2 and f"{tmp_path / 'nope.xlf'}: no such file" in err
    code, _, err = run_cli(capsys, str(tmp_path))
    assert code == 2 and "is a directory, not a file" in err


def test_fifo_is_refused_instead_of_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    code, _, err = run_cli(capsys, str(fifo))
    assert code == 2 and "not a regular file" in err
    assert time.monotonic() - started < 5  # reading it would have blocked forever


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "/dev/zero")
    assert code == 2 and "not a regular file" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; see the mocked test below")
def test_unreadable_file_real_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    code, _, err = run_cli(capsys, str(path))
    assert code == 2 and "permission denied" in err


def test_unreadable_file_mocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.xlf"
    shutil.copyfile(FORMATS / "inline.xlf", path)
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    code, _, err = run_cli(capsys, str(path))
    assert code == 2 and f"{path}: permission denied" in err


# ---------------------------------------------------------------- size limits


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A sparse 201 MB file: refused from its size alone, so this takes no memory and no time.
    path = tmp_path / "huge.tmx"
    with path.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)
    started = time.monotonic()
    code, _, err = run_cli(capsys, str(path))
    assert code == 2
    assert "is 201 MB, over the 200 MB input limit (set LINTRA_MAX_INPUT_MB to raise it)" in err
    assert time.monotonic() - started < 5


def test_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The talks ended on Monday.\n" * 100, encoding="utf-8")  # 2.7 kB
    monkeypatch.setenv("LINTRA_MAX_INPUT_MB", "0.001")
    code, _, err = run_cli(capsys, str(path))
    assert code == 2 and "over the 0.00 MB input limit" in err
    monkeypatch.setenv("LINTRA_MAX_INPUT_MB", "1")
    assert run_cli(capsys, str(path))[0] in (0, 1)
    monkeypatch.setenv("LINTRA_MAX_INPUT_MB", "lots")
    code, _, err = run_cli(capsys, str(path))
    assert code == 2 and "LINTRA_MAX_INPUT_MB='lots' is not a number" in err


def test_docx_declared_size_counts_against_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The zip directory's declared sizes are checked before python-docx inflates anything.
    path = tmp_path / "small.docx"
    shutil.copyfile(BAD / "zip-not-docx.docx", path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:p/>" * 40_000)  # 240 kB of XML, about 1 kB packed
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
    limit = (path.stat().st_size + unpacked) / 2 / (1024 * 1024)
    monkeypatch.setenv("LINTRA_MAX_INPUT_MB", str(limit))
    with pytest.raises(InputError, match=r"archive unpacks to 0.23 MB, over the 0.1\d MB input limit"):
        read_document(path)


def test_zip_bomb_is_refused_without_inflating() -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="zip bomb"):
        read_document(BAD / "zip-bomb.docx")
    assert time.monotonic() - started < 2


# ---------------------------------------------------------------- XML attacks: nothing read, nothing expanded


def test_external_dtd_and_its_entities_are_never_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret}"><!ENTITY word "EXPANDED">', encoding="utf-8")
    bodies = {
        "a.xlf": '<xliff version="1.2"><file source-language="zh" target-language="en"><body><trans-unit id="1">'
                 "<source>源</source><target>x &leak; &word; y</target></trans-unit></body></file></xliff>",
        "a.tmx": '<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>源</seg></tuv>'
                 '<tuv xml:lang="en"><seg>x &leak; &word; y</seg></tuv></tu></body></tmx>',
        "a.ts": '<TS version="2.1" language="en"><context><name>c</name><message><source>源</source>'
                "<translation>x &leak; &word; y</translation></message></context></TS>",
    }
    for name, body in bodies.items():
        path = tmp_path / name
        root = body[1 : body.index(" ")]
        path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE {root} SYSTEM "file://{dtd}">\n{body}', encoding="utf-8")
        doc = read_document(path)
        text = " ".join(seg.target for seg in doc.segments)
        assert "TOP-SECRET" not in text and "EXPANDED" not in text
        out = tmp_path / f"out-{name}"
        write_document(doc, {doc.segments[0].id: doc.segments[0].target + "!"}, out)
        assert b"TOP-SECRET" not in out.read_bytes() and b"EXPANDED" not in out.read_bytes()


def test_utf16_tbx_with_entities_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The former raw-text check read UTF-16 as UTF-8 and missed the declaration; the entity was expanded.
    text = tmp_path / "a.txt"
    text.write_text("The talks ended.", encoding="utf-8")
    code, _, err = run_cli(capsys, str(text), "--termbase", str(BAD / "xxe-utf16.tbx"))
    assert code == 2 and "xxe-utf16.tbx: TBX with an internal DTD or entity declarations is refused (unsafe XML)" in err


# ---------------------------------------------------------------- user packs, termbases, configuration


@pytest.mark.parametrize(
    ("option", "name", "expected"),
    [
        ("--pack", "pack-invalid-yaml.yaml", "pack-invalid-yaml.yaml:5:1: invalid YAML"),
        ("--pack", "pack-bad-regex.yaml", "pack-bad-regex.yaml:3: bad regex '(unclosed'"),
        ("--pack", "pack-nested-quantifier.yaml", r"pack-nested-quantifier.yaml:11: pattern '(\\w+\\s?)+$' repeats a group"),
        ("--pack", "pack-latin1.yaml", "pack-latin1.yaml:2: not UTF-8 text"),
        ("--termbase", "termbase-extra-cell.csv", "termbase-extra-cell.csv:3: 4 cells but the header has 3"),
        ("--termbase", "termbase-no-preferred.csv", "termbase-no-preferred.csv:1: header"),
        ("--termbase", "termbase-malformed.tbx", "termbase-malformed.tbx:3:8: not well-formed XML"),
        ("--config", "config-invalid.toml", "config-invalid.toml: invalid TOML"),
    ],
)
def test_invalid_packs_termbases_and_configs_name_file_and_line(
    option: str, name: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The talks ended on Monday.", encoding="utf-8")
    code = main(["check", str(text), option, str(BAD / name)] + ([] if option == "--config" else ["--no-config"]))
    err = capsys.readouterr().err
    assert code == 2
    assert f"lintra: error: {BAD / expected}" in err, err
    assert "Traceback" not in err


def test_catastrophic_regex_in_a_user_pack_is_stopped_by_the_time_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LINTRA_REGEX_TIMEOUT", "0.2")
    text = tmp_path / "a.txt"
    text.write_text("a" * 3000 + "!", encoding="utf-8")
    started = time.monotonic()
    code, _, err = run_cli(capsys, str(text), "--pack", str(BAD / "pack-slow-regex.yaml"))
    assert time.monotonic() - started < 20  # unbounded, this backtracks for ages
    assert code == 2
    assert f"{BAD / 'pack-slow-regex.yaml'}:3: pattern '(a|aa)+$' took over 0.2 s" in err


def test_a_timed_user_pattern_still_finds_what_it_should(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: house\nrules:\n  - code: US001\n    id: colour\n    kind: pattern\n    title: t\n"
        "    category: Style/Unnatural or awkward\n    severity: minor\n    message: 'Use US spelling'\n"
        "    patterns: ['\\bcolou(?P<span>u)?r']\n    flags: ignorecase\n    replacement: 'color'\n",
        encoding="utf-8",
    )
    text = tmp_path / "a.txt"
    text.write_text("The Colour of the flag.", encoding="utf-8")
    code, out, _ = run_cli(capsys, str(text), "--pack", str(pack), "--select", "US")
    assert code == 1
    assert "a.txt:1:5: minor US001 Use US spelling" in out


# ---------------------------------------------------------------- mismatched --source


def test_source_that_is_not_the_original_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = FORMATS / "article.en.txt"
    unrelated = tmp_path / "other.txt"
    unrelated.write_text("一句无关的话。", encoding="utf-8")
    code, _, err = run_cli(capsys, str(target), "--source", str(unrelated))
    assert code == 2 and "does not look like the original of that target (wrong --source file?)" in err
    code, _, err = run_cli(capsys, str(target), "--source", str(BAD / "empty.txt"))
    assert code == 2 and "the source file has no text" in err
    code, _, err = run_cli(capsys, str(target), "--source", str(BAD / "binary.txt"))
    assert code == 2 and "binary file" in err
    code, _, err = run_cli(capsys, str(target), "--source", str(FORMATS / "memory.tmx"))
    assert code == 2 and "a tmx file cannot be the source of --source" in err


def test_the_right_source_still_aligns() -> None:
    doc = read_pair(FORMATS / "article.en.txt", FORMATS / "article.zh.txt")
    assert doc.segments and all(seg.source for seg in doc.segments)


# ---------------------------------------------------------------- HTML report escaping


def test_html_report_escapes_hostile_text_file_names_and_messages(tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    folder = tmp_path / hostile.replace("/", "_")
    folder.mkdir()
    text = folder / "a<script>alert('name').txt"
    text.write_text("The  talks \"><script>alert(1)</script> ended on Monday.\n", encoding="utf-8")
    pack = tmp_path / "house.yaml"
    pack.write_text(
        "pack: house\nrules:\n  - code: US001\n    id: x\n    kind: pattern\n    title: t\n"
        "    category: Style/Unnatural or awkward\n    severity: minor\n"
        "    message: '<script>alert(\"message\")</script> {match}'\n    patterns: ['talks']\n"
        "    replacement: '<b onmouseover=alert(2)>talks</b>'\n    safe: true\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    assert main(["check", str(text), "--no-config", "--pack", str(pack), "--format", "html", "-o", str(report)]) == 1
    html = report.read_text(encoding="utf-8")
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b onmouseover" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the document text, shown, inert
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the folder name
    assert "&lt;script&gt;alert(&quot;message&quot;)&lt;/script&gt;" in html  # the rule message
    assert "&lt;b onmouseover=alert(2)&gt;" in html  # the suggestion


# ---------------------------------------------------------------- no lost work


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    for name in ["inline.xlf", "messages.po", "pairs.tsv"]:
        path = tmp_path / name
        shutil.copyfile(FORMATS / name, path)
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        main(["check", str(path), "--no-config", "--fix-to", str(tmp_path / f"fixed-{name}"), "--unsafe-fixes",
              "--format", "json", "-o", str(tmp_path / f"{name}.json")])
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("option", ["--fix-to", "-o", "--export-alignment"])
def test_no_output_may_overwrite_an_input_even_with_force(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, source = tmp_path / "a.en.txt", tmp_path / "a.zh.txt"
    target.write_text("The talks  ended on Monday.\n", encoding="utf-8")
    source.write_text("会谈于周一结束。\n", encoding="utf-8")
    link = tmp_path / "hard-link.txt"
    os.link(source, link)
    for victim in (target, source, link):
        before = victim.read_bytes()
        code, _, err = run_cli(capsys, str(target), "--source", str(source), option, str(victim), "--force")
        assert code == 2 and "refusing to write over the input file" in err
        assert victim.read_bytes() == before


def test_force_keeps_a_backup_of_the_overwritten_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The talks  ended.", encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("my notes", encoding="utf-8")
    code, _, err = run_cli(capsys, str(text), "--format", "json", "-o", str(report))
    assert code == 2 and "already exists; use --force" in err and report.read_text(encoding="utf-8") == "my notes"
    run_cli(capsys, str(text), "--format", "json", "-o", str(report), "--force")
    assert (tmp_path / "report.json.bak").read_text(encoding="utf-8") == "my notes"
    assert report.read_text(encoding="utf-8").startswith("{")


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.txt"
    out.write_bytes(b"old content")

    class Exploding(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: (os.close(fd), Exploding())[1])
    with pytest.raises(OSError, match="No space left"):
        atomic_write(out, b"new content")
    assert out.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temporary file left behind


def test_output_into_a_missing_folder_is_an_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "a.txt"
    text.write_text("The talks ended.", encoding="utf-8")
    code, _, err = run_cli(capsys, str(text), "-o", str(tmp_path / "no" / "such" / "report.txt"))
    assert code == 2 and "cannot write: folder" in err and "does not exist" in err


def test_file_that_would_not_fit_in_free_memory_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import checks.readers.textio as textio

    path = tmp_path / "memory.tmx"
    shutil.copyfile(FORMATS / "memory.tmx", path)
    size = path.stat().st_size
    # An XML tree takes about 20 times its file size: with 10 times the size free, reading must stop.
    monkeypatch.setattr(textio, "available_memory", lambda: size * 10)
    code, _, err = run_cli(capsys, str(path))
    assert code == 2 and "needs about" in err and "close other programs or split the file" in err
    monkeypatch.setattr(textio, "available_memory", lambda: size * 100)
    assert run_cli(capsys, str(path))[0] in (0, 1)


@pytest.mark.parametrize("suffix", [".csv", ".po", ".txt"])
def test_large_files_are_read_in_linear_time(suffix: str, tmp_path: Path) -> None:
    # 10,000-50,000 rows (1-5 MB): a per-row scan from the top of the file (once in the CSV reader)
    # makes this take a minute instead of a second or two.
    sentence = "Global temperatures hit a record high in 2024, the agency said on Thursday"
    count = 50_000 if suffix == ".csv" else 10_000
    rows = {
        ".csv": "source,target\n" + "".join(f"源{i},{sentence} {i}\n" for i in range(count)),
        ".po": "".join(f'msgid "源{i}"\nmsgstr "{sentence} {i}"\n\n' for i in range(count)),
        ".txt": "".join(f"{sentence} {i}.\n" for i in range(count)),
    }
    path = tmp_path / f"big{suffix}"
    path.write_text(rows[suffix], encoding="utf-8")
    started = time.monotonic()
    doc = read_document(path)
    assert len(doc.segments) == count and doc.segments[-1].line is not None
    assert time.monotonic() - started < 10


def test_csv_header_without_a_free_target_column(tmp_path: Path) -> None:
    # Found by fuzzing: "id,source" as header crashed the column mapping (StopIteration).
    path = tmp_path / "ids.csv"
    path.write_text("id,source\n7,会谈\n", encoding="utf-8")
    doc = read_document(path)
    assert [(seg.id, seg.source, seg.target) for seg in doc.segments] == [("7", "会谈", "")]
    out = tmp_path / "out.csv"
    write_document(doc, {"7": "talks"}, out)
    assert out.read_text(encoding="utf-8") == "id,source\n7,会谈,talks\n"


def test_bad_file_among_parallel_jobs_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # InputError raised in a worker process must survive pickling (it broke the process pool).
    import pickle

    error = pickle.loads(pickle.dumps(InputError("f.xlf", "malformed XML: x", 5, 69)))
    assert (error.path, error.message, error.line, error.column) == ("f.xlf", "malformed XML: x", 5, 69)
    good = tmp_path / "a.txt"
    good.write_text("The talks ended on Monday.", encoding="utf-8")
    code, _, err = run_cli(capsys, str(good), str(BAD / "truncated.xlf"), "-j", "2")
    assert code == 2
    assert err.strip().startswith(f"lintra: error: {BAD / 'truncated.xlf'}:5:69: malformed XML: Premature end of data")
    assert len(err.strip().splitlines()) == 1


def test_pack_with_a_non_string_key_is_an_error_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Found by fuzzing: "&anchor: value" makes a null key, and sorting None among strings crashed.
    pack = tmp_path / "house.yaml"
    pack.write_text("pack: house\nrules:\n  - code: US001\n    &category: x\n    1: 2\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Text.", encoding="utf-8")
    code, _, err = run_cli(capsys, str(text), "--pack", str(pack))
    assert code == 2 and f"{pack}:3: unknown key(s) 1, None; allowed:" in err


def test_legacy_charset_po_with_mixed_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.po"
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=gb18030\\n"\n\n'
    path.write_bytes((header + 'msgid "会谈"\r\nmsgstr "talks"\rmsgid "会议"\nmsgstr "meeting"\n').encode("gb18030"))
    doc = read_document(path)
    assert [(seg.source, seg.target) for seg in doc.segments] == [("会谈", "talks"), ("会议", "meeting")]
