"""Bilingual file formats: reading, writing back fixes, encodings, malformed and hostile files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from checks.errors import InputError
from checks.model import Document, Segment
from checks.readers import read_document, write_document

DATA = Path(__file__).parent / "data" / "formats"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
XLIFF1 = "{urn:oasis:names:tc:xliff:document:1.2}"
PH = "\ufffc"  # how standalone placeholders (<x/>, <ph>) appear in segment text

ALL_FILES = [
    DATA / "inline.xlf", DATA / "units.xliff2.xlf", DATA / "memory.tmx", DATA / "app.ts", DATA / "messages.po",
    DATA / "glossary.csv", DATA / "pairs.tsv", SEEDS / "coalition-sample.zh-en.xlf",
    SEEDS / "coalition-sample.zh-en.po", SEEDS / "coalition-sample.zh-en.tsv",
]


def copy(tmp_path: Path, name: str) -> Path:
    dest = tmp_path / name
    shutil.copyfile(DATA / name, dest)
    return dest


def c14n(path: Path) -> bytes:
    return etree.tostring(etree.parse(str(path)), method="c14n")


def fix(path: Path, seg_id: str, new: str, out: Path) -> Document:
    """Read *path*, write it with one segment changed to *out*, return the re-read document."""
    doc = read_document(path)
    write_document(doc, {seg_id: new}, out)
    return read_document(out)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_unchanged_write_is_byte_identical(path: Path, tmp_path: Path) -> None:
    doc = read_document(path)
    assert doc.segments
    out = tmp_path / path.name
    write_document(doc, {seg.id: seg.target for seg in doc.segments}, out)
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "name", ["inline.xlf", "units.xliff2.xlf", "memory.tmx", "app.ts"], ids=lambda n: n.split(".")[-1] + ":" + n
)
def test_xml_fix_changes_only_that_target(name: str, tmp_path: Path) -> None:
    path = DATA / name
    doc = read_document(path)
    seg = next(s for s in doc.segments if s.target)
    out = tmp_path / name
    again = fix(path, seg.id, seg.target + " (fixed)", out)
    assert again.segment(seg.id).target == seg.target + " (fixed)"
    for other in doc.segments:
        if other.id != seg.id:
            assert again.segment(other.id) == other
    # Writing the old text back gives the same XML infoset as the original file.
    back = tmp_path / ("back." + name)
    write_document(again, {seg.id: seg.target}, back)
    assert c14n(back) == c14n(path)


def test_xliff12_segments_languages_and_tags() -> None:
    doc = read_document(DATA / "inline.xlf")
    assert doc.format == "xliff"
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en-US")
    assert [s.id for s in doc.segments] == ["t1", "t2", "t3", "t4"]
    t1 = doc.segment("t1")
    # Paired tags take no room (their content is text); standalone placeholders are one U+FFFC.
    assert t1.target == f"Foreign Minister Wang Yi arrived in {PH}Berlin on Monday."
    assert t1.source == f"外长王毅周一抵达{PH}柏林。"
    assert doc.segment("t2").target == "Click here to read the the full text."
    assert t1.note == "bold name, line break before the city"
    assert doc.segment("t3").target == f"A total of {PH} people took part."
    assert doc.segment("t4").target == ""
    tags = doc.meta["inline"]["t1"]["target"]
    assert [label for _, label in tags] == ["<g>", "</g>", "<x id=2/>"]
    assert tags[2][0] == t1.target.index(PH)


def test_xliff12_inline_tags_survive_fixes(tmp_path: Path) -> None:
    out = tmp_path / "inline.xlf"
    doc = read_document(DATA / "inline.xlf")
    targets = {
        "t1": f"Foreign Minister Wang Yi arrived in {PH}Berlin on Tuesday.",
        "t2": "Click here to read the full text.",
        "t4": "The meeting was held in March.",
    }
    write_document(doc, targets, out)
    again = read_document(out)
    for seg_id, text in targets.items():
        assert again.segment(seg_id).target == text
    root = etree.parse(str(out)).getroot()
    units = {u.get("id"): u for u in root.iter(f"{XLIFF1}trans-unit")}
    t1 = units["t1"].find(f"{XLIFF1}target")
    assert [etree.QName(c).localname for c in t1] == ["g", "x"]
    assert t1[0].text == "Wang Yi" and t1[1].tail == "Berlin on Tuesday."
    t2 = units["t2"].find(f"{XLIFF1}target")
    assert [etree.QName(c).localname for c in t2] == ["bpt", "ept"]
    assert t2[0].text == '<a href="x">' and t2[0].tail == "here"
    # A unit that had no target gets one, right after its source.
    t4 = [etree.QName(c).localname for c in units["t4"]]
    assert t4 == ["source", "target"]


def test_xliff2_segment_ids_and_inline_codes(tmp_path: Path) -> None:
    doc = read_document(DATA / "units.xliff2.xlf")
    assert doc.format == "xliff"
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en")
    assert [s.id for s in doc.segments] == ["u1/s1", "u1/s2", "u2"]
    assert doc.segment("u1/s1").target == "Chinese Foreign Ministry spokeswoman Mao Ning said"
    out = tmp_path / "units.xlf"
    again = fix(DATA / "units.xliff2.xlf", "u1/s2", f"the two sides agreed to meet again in {PH}2027.", out)
    assert again.segment("u1/s2").target == f"the two sides agreed to meet again in {PH}2027."
    assert b'<ph id="2"/>2027.' in out.read_bytes()


def test_tmx_units_and_missing_target(tmp_path: Path) -> None:
    doc = read_document(DATA / "memory.tmx")
    assert doc.format == "tmx"
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en-US")
    assert [s.id for s in doc.segments] == ["101", "102", "103"]
    assert doc.segment("102").target == "The report was published by the World Meteorological Organization."
    assert doc.segment("103").target == "" and doc.segment("103").source == "海平面上升了约10厘米。"
    again = fix(DATA / "memory.tmx", "103", "Sea levels have risen by about 10 cm.", tmp_path / "m.tmx")
    assert again.segment("103").target == "Sea levels have risen by about 10 cm."
    assert again.segment("103").source == "海平面上升了约10厘米。"


def test_ts_plural_forms_unfinished_and_obsolete(tmp_path: Path) -> None:
    doc = read_document(DATA / "app.ts")
    assert doc.format == "ts"
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en-US")
    assert [s.target for s in doc.segments] == ["Open article", "%n issue found", "%n issues founds", ""]
    assert all(s.target != "Old menu" for s in doc.segments)  # obsolete messages are not checked
    plural = doc.segments[2]
    again = fix(DATA / "app.ts", plural.id, "%n issues found", tmp_path / "app.ts")
    assert again.segments[2].target == "%n issues found"
    assert (tmp_path / "app.ts").read_bytes().startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')


def test_po_segments_positions_and_notes() -> None:
    path = DATA / "messages.po"
    doc = read_document(path)
    assert doc.format == "po"
    assert (doc.source_lang, doc.target_lang) == ("zh-CN", "en")
    assert [s.id for s in doc.segments] == ["1", "2", "3", "4[0]", "4[1]", "5"]
    lines = path.read_text(encoding="utf-8").split("\n")
    for seg in doc.segments:
        if seg.target:
            # line/column point at the first character of the translation in the file.
            assert lines[seg.line - 1][seg.column - 1 :].startswith(seg.target[:10].replace('"', '\\"'))
    assert doc.segment("2").target.startswith("The Premier delivered") and doc.segment("2").line == 21
    assert "fuzzy" in doc.segment("2").note
    assert doc.segment("3").target == 'He said: "The growth target is around 5 %."'
    assert doc.segment("4[1]").source == "%d 个省份"
    assert doc.segment("5").target == ""


def test_po_fix_keeps_layout(tmp_path: Path) -> None:
    out = tmp_path / "messages.po"
    doc = read_document(DATA / "messages.po")
    long_text = doc.segment("2").target.replace("14th", "fourteenth")
    write_document(doc, {"3": 'He said: "The growth target is around 5%."', "2": long_text, "5": "Not yet translated"}, out)
    again = read_document(out)
    assert again.segment("3").target == 'He said: "The growth target is around 5%."'
    assert again.segment("2").target == long_text
    assert again.segment("5").target == "Not yet translated"
    text = out.read_text(encoding="utf-8")
    assert 'msgstr "He said: \\"The growth target is around 5%.\\""' in text
    # The wrapped msgstr stays wrapped, and lines outside the changed entries are untouched.
    assert 'msgstr ""\n"The Premier delivered' in text
    assert all(len(line) <= 79 for line in text.split("\n") if line.startswith('"'))
    assert '#~ msgid "旧条目"' in text


def _big_po(tmp_path: Path, monkeypatch, extra: str = "") -> Path:
    """messages.po's entries repeated past the size at which translate-toolkit parses in a child process."""
    from checks.readers import po

    # The test process has loaded Qt, so the reader would not fork on its own; the child only parses.
    monkeypatch.setattr(po, "safe_to_fork", lambda: True)
    text = (DATA / "messages.po").read_text(encoding="utf-8")
    header, body = text.split("\n\n", 1)
    body = body.split("#~", 1)[0]
    path = tmp_path / "big.po"
    path.write_text(f"{header}\n\n{body * (po.CONCURRENT_CHARS // len(body) + 2)}{extra}", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert len(text) >= po.CONCURRENT_CHARS and po.safe_to_fork()  # the reader will fork the parse
    return path


def test_big_po_reads_the_same_with_the_toolkit_in_a_child_process(tmp_path: Path, monkeypatch) -> None:
    from checks.readers import po

    # Comment layouts the lexer's own reading gets wrong on purpose ("#.x" loses its first letter
    # in translate-toolkit, trailing spaces stay): the toolkit's notes must win.
    quirks = '#.quirk\n# trailing  \n#, fuzzy, c-format\nmsgid "尾"\nmsgstr "tail"\n'
    path = _big_po(tmp_path, monkeypatch, "\n" + quirks)
    concurrent = read_document(path)
    monkeypatch.setattr(po, "CONCURRENT_CHARS", 10**12)
    serial = read_document(path)
    assert concurrent == serial
    assert len(serial.segments) > 1000
    tail = serial.segments[-1]
    assert tail.target == "tail" and tail.note == "trailing  \nuirk; fuzzy"
    assert "fuzzy" in serial.segment("2").note and serial.segment("4[1]").target == "%d provinces"


def test_big_po_the_toolkit_rejects_is_an_input_error(tmp_path: Path, monkeypatch) -> None:
    # "#|" must hold a previous msgid; the lexer takes it for a comment, translate-toolkit refuses it.
    path = _big_po(tmp_path, monkeypatch, '\n#| nonsense\nmsgid "x"\nmsgstr "y"\n')
    with pytest.raises(InputError, match="malformed PO file"):
        read_document(path)


def test_big_po_is_read_when_the_parsing_child_dies(tmp_path: Path, monkeypatch) -> None:
    import os

    from checks.readers import po

    path = _big_po(tmp_path, monkeypatch)
    expected = read_document(path)
    parent, parse = os.getpid(), po.parse_with_toolkit
    # The child dies before answering; this process then parses with the same function.
    monkeypatch.setattr(po, "parse_with_toolkit", lambda text: os._exit(3) if os.getpid() != parent else parse(text))
    assert read_document(path) == expected


def test_csv_header_quotes_and_positions(tmp_path: Path) -> None:
    path = DATA / "glossary.csv"
    doc = read_document(path)
    assert doc.format == "csv"
    assert [s.id for s in doc.segments] == ["a1", "a2", "a3"]
    a2 = doc.segment("a2")
    assert a2.source == "降准0.5个百分点" and a2.note == "quoted because of the comma"
    assert a2.target == "cut the reserve requirement ratio by 0.5 percentage point, effective immediately"
    line = path.read_text(encoding="utf-8").split("\n")[a2.line - 1]
    assert line[a2.column - 1 :].startswith("cut the reserve")
    assert doc.segment("a3").target == 'a "press" conference'
    again = fix(path, "a3", 'a "news" conference, in Beijing', tmp_path / "g.csv")
    assert again.segment("a3").target == 'a "news" conference, in Beijing'
    assert again.segment("a2") == a2


def test_csv_crlf_kept(tmp_path: Path) -> None:
    path = tmp_path / "crlf.csv"
    path.write_bytes((DATA / "glossary.csv").read_bytes().replace(b"\n", b"\r\n"))
    doc = read_document(path)
    write_document(doc, {}, tmp_path / "same.csv")
    assert (tmp_path / "same.csv").read_bytes() == path.read_bytes()
    write_document(doc, {"a1": "the People's Bank of China"}, tmp_path / "fixed.csv")
    data = (tmp_path / "fixed.csv").read_bytes()
    assert data.count(b"\r\n") == 4 and b"\n" not in data.replace(b"\r\n", b"")
    assert b'"the People\'s Bank of China"' in data


def test_tsv_without_header(tmp_path: Path) -> None:
    doc = read_document(DATA / "pairs.tsv")
    assert doc.format == "tsv"
    assert [(s.id, s.source, s.target) for s in doc.segments][1] == ("2", "国内生产总值", "gross domestic product")
    again = fix(DATA / "pairs.tsv", "3", "Belt and Road initiative", tmp_path / "p.tsv")
    assert again.segment("3").target == "Belt and Road initiative"
    assert (tmp_path / "p.tsv").read_text(encoding="utf-8").endswith("一带一路\tBelt and Road initiative\n")


def test_utf16_bom_tsv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "pairs16.tsv"
    path.write_bytes((DATA / "pairs.tsv").read_text(encoding="utf-8").encode("utf-16"))
    doc = read_document(path)
    assert doc.segment("1").source == "全国人大"
    write_document(doc, {}, tmp_path / "same.tsv")
    assert (tmp_path / "same.tsv").read_bytes() == path.read_bytes()
    again = fix(path, "2", "GDP", tmp_path / "fixed.tsv")
    assert again.segment("2").target == "GDP"
    assert (tmp_path / "fixed.tsv").read_bytes()[:2] in {b"\xff\xfe", b"\xfe\xff"}


def test_utf16_xliff_round_trip(tmp_path: Path) -> None:
    text = (DATA / "inline.xlf").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "u16.xlf"
    path.write_bytes(text.encode("utf-16"))
    again = fix(path, "t1", f"Foreign Minister Wang Yi arrived in {PH}Berlin.", tmp_path / "out.xlf")
    assert again.segment("t1").target == f"Foreign Minister Wang Yi arrived in {PH}Berlin."
    assert again.segment("t2").source == read_document(path).segment("t2").source
    assert (tmp_path / "out.xlf").read_bytes()[:2] == path.read_bytes()[:2]


def test_gb18030_tsv_round_trip(tmp_path: Path) -> None:
    rows = [
        ("国务院总理李强在北京人民大会堂作政府工作报告", "Premier Li Qiang delivered the government work report"),
        ("今年国内生产总值增长预期目标为百分之五左右", "This year's GDP growth target is around 5 percent"),
        ("城镇新增就业一千二百万人以上", "more than 12 million new urban jobs"),
    ]
    path = tmp_path / "gb.tsv"
    path.write_bytes("".join(f"{s}\t{t}\n" for s, t in rows).encode("gb18030"))
    doc = read_document(path)
    assert [(s.source, s.target) for s in doc.segments] == rows
    write_document(doc, {}, tmp_path / "same.tsv")
    assert (tmp_path / "same.tsv").read_bytes() == path.read_bytes()
    fix(path, "3", "over 12 million new urban jobs", tmp_path / "fixed.tsv")
    assert (tmp_path / "fixed.tsv").read_bytes().decode("gb18030").split("\n")[0] == f"{rows[0][0]}\t{rows[0][1]}"


def test_truncated_xliff_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlf"
    data = (DATA / "inline.xlf").read_bytes()
    path.write_bytes(data[: data.index(b"<trans-unit id=\"t2\">") + 30])
    with pytest.raises(InputError) as info:
        read_document(path)
    err = info.value
    assert err.path == str(path) and err.line is not None and err.column is not None
    assert err.line >= 12
    assert "malformed XML" in str(err)


def test_malformed_po_and_csv(tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    po.write_text('msgid "a"\nmsgstr "b"\nthis is not po\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(po)
    assert info.value.line == 3
    csv = tmp_path / "bad.csv"
    csv.write_text('source,target\n"unterminated,value\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(csv)
    assert info.value.line == 2


def test_xxe_is_refused_and_never_expanded(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh" '
        'target-language="en" original="x" datatype="plaintext"><body><trans-unit id="1"><source>a</source>'
        "<target>&xxe;</target></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_document(path)
    assert "entities" in str(info.value)
    assert "root:" not in str(info.value)


def _make_docx(path: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading("Leaders agree to raise spending", level=1)
    para = document.add_paragraph("NATO leaders ")
    bold = para.add_run("agreed on Tuesay")
    bold.bold = True
    para.add_run(" to raise defence spending to 5% of GDP.").font.size = Pt(13)
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Source: Xinhua"
    document.add_paragraph("The summit ended on Wednesday.", style="Quote")
    document.save(str(path))


def test_docx_round_trip_keeps_runs_and_styles(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "article.docx"
    _make_docx(path)
    doc = read_document(path)
    assert doc.format == "docx"
    assert [s.target for s in doc.segments] == [
        "Leaders agree to raise spending",
        "NATO leaders agreed on Tuesay to raise defence spending to 5% of GDP.",
        "Source: Xinhua",
        "The summit ended on Wednesday.",
    ]
    assert doc.segments[2].origin.startswith("table cell")
    write_document(doc, {}, tmp_path / "same.docx")
    assert (tmp_path / "same.docx").read_bytes() == path.read_bytes()
    seg = doc.segments[1]
    write_document(doc, {seg.id: seg.target.replace("Tuesay", "Tuesday")}, tmp_path / "fixed.docx")
    again = read_document(tmp_path / "fixed.docx")
    assert again.segment(seg.id).target == "NATO leaders agreed on Tuesday to raise defence spending to 5% of GDP."
    paragraphs = docx.Document(str(tmp_path / "fixed.docx")).paragraphs
    runs = paragraphs[1].runs
    assert [r.text for r in runs] == ["NATO leaders ", "agreed on Tuesday", " to raise defence spending to 5% of GDP."]
    assert runs[1].bold and runs[2].font.size == docx.shared.Pt(13)
    assert paragraphs[0].style.name == "Heading 1" and paragraphs[-1].style.name == "Quote"


def test_document_built_from_eval_rows(tmp_path: Path) -> None:
    """Rows of the WMT23 file (doc, system, seg, source, target) make a usable Document directly."""
    from checks.align import export_alignment

    eval_file = Path("/work/shared/eval/wmt23_zhen_news_mqm.jsonl")
    if not eval_file.exists():
        pytest.skip("shared WMT23 evaluation file not available")
    rows = []
    with eval_file.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if rows and (row["doc"], row["system"]) != (rows[0]["doc"], rows[0]["system"]):
                break
            rows.append(row)
    segs = tuple(Segment(id=str(r["seg"]), source=r["source"], target=r["target"]) for r in rows)
    doc = Document(path=f"{rows[0]['doc']}.{rows[0]['system']}", segments=segs, source_lang="zh")
    assert doc.has_source and doc.word_count() > 0
    out = tmp_path / "eval.tsv"
    out.write_text(export_alignment(doc, "tsv"), encoding="utf-8")
    back = read_document(out)
    assert [(s.id, s.source, s.target) for s in back.segments] == [(s.id, s.source, s.target) for s in segs]


def test_not_a_docx_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("plain text saved with the wrong extension", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert "not a readable DOCX" in str(info.value)


def test_crlf_xliff_keeps_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.xlf"
    path.write_bytes((DATA / "inline.xlf").read_bytes().replace(b"\n", b"\r\n"))
    fix(path, "t1", "Foreign Minister Wang Yi arrived in Berlin.", tmp_path / "out.xlf")
    data = (tmp_path / "out.xlf").read_bytes()
    assert data.count(b"\r\n") == path.read_bytes().count(b"\r\n")
    assert c14n(tmp_path / "out.xlf") != c14n(path)


def test_xliff_without_namespace(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlf"
    path.write_text((DATA / "inline.xlf").read_text(encoding="utf-8").replace(
        ' xmlns="urn:oasis:names:tc:xliff:document:1.2"', ""), encoding="utf-8")
    doc = read_document(path)
    assert doc.source_lang == "zh-CN" and doc.segment("t1").source == f"外长王毅周一抵达{PH}柏林。"
    again = fix(path, "t4", "The meeting was held in March.", tmp_path / "out.xlf")
    assert again.segment("t4").target == "The meeting was held in March."


def test_gb18030_po_with_crlf(tmp_path: Path) -> None:
    text = (DATA / "messages.po").read_text(encoding="utf-8").replace("charset=UTF-8", "charset=GB18030")
    path = tmp_path / "gb.po"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    doc = read_document(path)
    assert doc.segment("1").source == "新华社北京3月5日电"
    write_document(doc, {}, tmp_path / "same.po")
    assert (tmp_path / "same.po").read_bytes() == path.read_bytes()
    again = fix(path, "1", "Xinhua, Beijing, 5 March", tmp_path / "out.po")
    assert again.segment("1").target == "Xinhua, Beijing, 5 March"
    data = (tmp_path / "out.po").read_bytes()
    assert data.decode("gb18030").count("\r\n") == text.count("\n")


def test_headerless_csv_with_id_column(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("n-1,外交部,Foreign Ministry\nn-2,发言人,spokesperson\n", encoding="utf-8")
    doc = read_document(path)
    assert [(s.id, s.source, s.target) for s in doc.segments] == [
        ("n-1", "外交部", "Foreign Ministry"), ("n-2", "发言人", "spokesperson"),
    ]
    assert doc.segment("n-2").column == 9


def test_placeholders_are_never_duplicated_or_lost(tmp_path: Path) -> None:
    doc = read_document(DATA / "inline.xlf")
    out = tmp_path / "ph.xlf"
    # A rewrite around the placeholder, and a fix that (wrongly) drops one: both keep exactly one <ph>/<x>.
    write_document(doc, {"t3": f"In all, {PH} people took part", "t1": "Foreign Minister Wang Yi reached Berlin."}, out)
    again = read_document(out)
    assert again.segment("t3").target == f"In all, {PH} people took part"
    assert again.segment("t1").target.count(PH) == 1
    assert PH not in out.read_text(encoding="utf-8")  # never written as a literal character
    units = {u.get("id"): u for u in etree.parse(str(out)).getroot().iter(f"{XLIFF1}trans-unit")}
    assert [etree.QName(c).localname for c in units["t3"].find(f"{XLIFF1}target")] == ["ph"]
    assert [etree.QName(c).localname for c in units["t1"].find(f"{XLIFF1}target")] == ["g", "x"]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.tuples(st.text(alphabet="ab c.", max_size=6), st.booleans()), min_size=1, max_size=6),
    edits=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), st.text(alphabet="xyz ", max_size=4)), max_size=3),
)
# Found by Hypothesis: the character diff matched the space and "moved" the placeholder (inserted
# before, deleted after), which put a copy of it into a text slot.
@example(parts=[("aaaa a", True), ("", False), ("", True)], edits=[(2, 0, " "), (24, 2, "")])
def test_piece_edits_keep_fixed_pieces_and_reach_the_new_text(parts, edits) -> None:
    from checks.readers.pieces import Piece, apply_text, joined

    # Fixed pieces are one placeholder character; edits only touch editable text between them.
    pieces = [Piece(text) if editable else Piece(PH, False, "ph") for text, editable in parts]
    pieces.append(Piece("tail"))
    chunks = [p.text for p in pieces]
    for pos, length, repl in edits:
        k = pos % len(chunks)
        if pieces[k].editable:
            at = pos % (len(chunks[k]) + 1)
            chunks[k] = chunks[k][:at] + repl + chunks[k][at + length :]
    new = "".join(chunks)
    fixed_before = [p.text for p in pieces if not p.editable]
    assert apply_text(pieces, new)
    assert joined(pieces) == new
    assert [p.text for p in pieces if not p.editable] == fixed_before


def test_unknown_xml_vocabulary_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "page.xlf"
    path.write_text('<?xml version="1.0"?>\n<html><body><p>Hello</p></body></html>\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert "<html>" in str(info.value) and info.value.line == 2
