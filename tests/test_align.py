"""Sentence segmentation and source/target alignment of a zh article with its English translation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from checks.align import anchors, export_alignment
from checks.errors import InputError
from checks.readers import read_document, read_pair, write_document
from checks.segmenter import split_en, split_zh

DATA = Path(__file__).parent / "data" / "formats"
ZH, EN = DATA / "article.zh.txt", DATA / "article.en.txt"


def sentences(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_zh_sentences_end_at_stops_and_closing_quotes() -> None:
    text = "他说：“我们不会让步。”随后离开了会场！会议持续了三小时；各方仍有分歧……下一轮谈判何时举行？"
    assert sentences(text, split_zh(text)) == [
        "他说：“我们不会让步。”", "随后离开了会场！", "会议持续了三小时；", "各方仍有分歧……", "下一轮谈判何时举行？",
    ]


def test_en_sentences_respect_abbreviations() -> None:
    text = (
        "U.S. President Donald Trump met Mr. Rutte at 9 a.m. on Tuesday. The talks, held in Washington, D.C., "
        'lasted 2.5 hours. "We agreed," he said! Was it enough? J. Smith of Reuters doubted it.'
    )
    assert sentences(text, split_en(text)) == [
        "U.S. President Donald Trump met Mr. Rutte at 9 a.m. on Tuesday.",
        "The talks, held in Washington, D.C., lasted 2.5 hours.",
        '"We agreed," he said!',
        "Was it enough?",
        "J. Smith of Reuters doubted it.",
    ]


def test_anchors_resolve_chinese_and_english_scales() -> None:
    assert "30000" in anchors("增加3万名士兵") and "30000" in anchors("30,000 troops")
    assert "4000000000" in anchors("40亿美元") and "4000000000" in anchors("$4 billion")
    assert "camille" in anchors("格朗（Camille Grand）")
    assert "2000" in anchors("约两千名抗议者") and "2000" in anchors("About 2,000 protesters")
    assert "150000000" in anchors("一亿五千万人") and "105" in anchors("一百零五")
    assert not anchors("一带一路") and not anchors("万一")


@pytest.fixture
def pair():
    return read_pair(EN, ZH)


def test_alignment_pairs_sentences_across_paragraph_splits_and_merges(pair) -> None:
    doc = pair
    assert doc.has_source and doc.source_lang == "zh" and doc.target_lang == "en"
    by_source = {seg.source: seg for seg in doc.segments}
    assert len(doc.segments) == 16
    # 1-1 sentences from a zh paragraph translated as two English paragraphs.
    first_half = by_source["根据协议，其中3.5%将用于核心国防需求。"]
    assert first_half.target == "Under the agreement, 3.5% will go to core defence needs."
    assert by_source["他说，马德里将把开支维持在2.1%左右。"].target == "He said Madrid would keep spending at around 2.1%."
    # Two zh sentences merged into one English sentence (2-1).
    merged = by_source["分析人士指出，许多欧洲国家面临预算压力。法国今年的赤字预计将达到国内生产总值的5.4%。"]
    assert merged.target.startswith("Analysts noted") and merged.target.endswith("5.4% of GDP this year.")
    assert merged.note == "alignment 2-1"
    # One zh sentence rendered as two English sentences (1-2).
    split = next(seg for seg in doc.segments if seg.source.startswith("乌克兰总统泽连斯基"))
    assert split.target.endswith("talks with Trump that lasted about 50 minutes.") and split.note == "alignment 1-2"
    assert split.target.startswith("Ukrainian President Volodymyr Zelensky attended")
    # The "U.S." abbreviation does not break the sentence.
    assert by_source["美国总统特朗普对西班牙的立场提出批评，并威胁在贸易谈判中施加压力。"].target.startswith("U.S. President")


def test_alignment_positions_point_into_the_target_file(pair) -> None:
    text = EN.read_text(encoding="utf-8")
    lines = text.split("\n")
    for seg in pair.segments:
        assert text[seg.offset : seg.offset + len(seg.target)] == seg.target
        assert lines[seg.line - 1][seg.column - 1 :].startswith(seg.target.split("\n")[0])
    targets = "".join(seg.target for seg in pair.segments)
    assert targets.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_fix_is_written_back_into_the_target_text(pair, tmp_path: Path) -> None:
    out = tmp_path / "article.en.txt"
    write_document(pair, {}, out)
    assert out.read_bytes() == EN.read_bytes()
    seg = next(s for s in pair.segments if "cyber security" in s.target)
    gone = next(s for s in pair.segments if s.target.startswith("He urged"))
    write_document(pair, {seg.id: seg.target.replace("cyber security", "cybersecurity"), gone.id: ""}, out)
    expected = EN.read_text(encoding="utf-8").replace("cyber security", "cybersecurity")
    expected = expected.replace(" He urged countries to draw up concrete plans quickly.", "")
    assert out.read_text(encoding="utf-8") == expected


def test_crlf_target_keeps_line_endings(tmp_path: Path) -> None:
    target = tmp_path / "en.txt"
    target.write_bytes(EN.read_bytes().replace(b"\n", b"\r\n"))
    doc = read_pair(target, ZH)
    seg = next(s for s in doc.segments if s.target.startswith("The next summit"))
    write_document(doc, {seg.id: "The next summit will be held in Ankara in 2026."}, tmp_path / "out.txt")
    data = (tmp_path / "out.txt").read_bytes()
    assert b"The next summit will be held in Ankara in 2026.\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_export_tsv_and_xliff(pair, tmp_path: Path) -> None:
    tsv = tmp_path / "aligned.tsv"
    tsv.write_text(export_alignment(pair, "tsv"), encoding="utf-8")
    back = read_document(tsv)
    assert [(s.source, s.target) for s in back.segments] == [(s.source, s.target) for s in pair.segments]
    xlf = tmp_path / "aligned.xlf"
    xlf.write_text(export_alignment(pair, "xliff"), encoding="utf-8")
    doc = read_document(xlf)
    assert doc.source_lang == "zh" and [s.target for s in doc.segments] == [s.target for s in pair.segments]
    assert etree.parse(str(xlf)).getroot().get("version") == "1.2"
    with pytest.raises(ValueError):
        export_alignment(pair, "html")


def test_docx_target_with_text_source(tmp_path: Path) -> None:
    import docx

    target = tmp_path / "article.docx"
    document = docx.Document()
    for para in EN.read_text(encoding="utf-8").split("\n\n"):
        p = document.add_paragraph()
        words = para.strip().split(" ")
        p.add_run(" ".join(words[:3]) + " ").bold = True
        p.add_run(" ".join(words[3:]))
    document.save(str(target))
    doc = read_pair(target, ZH)
    assert doc.format == "docx" and len(doc.segments) == 16
    seg = next(s for s in doc.segments if "cyber security" in s.target)
    write_document(doc, {seg.id: seg.target.replace("cyber security", "cybersecurity")}, tmp_path / "out.docx")
    fixed = docx.Document(str(tmp_path / "out.docx")).paragraphs
    changed = [p for p in fixed if "cybersecurity" in p.text]
    assert len(changed) == 1 and changed[0].runs[0].bold
    assert len(fixed) == len(document.paragraphs)


def test_missing_source_file_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "en.txt"
    shutil.copyfile(EN, target)
    with pytest.raises(InputError):
        read_pair(target, tmp_path / "missing.zh.txt")
