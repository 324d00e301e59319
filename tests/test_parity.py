"""Parity of source and target: end punctuation, brackets, quotes, URLs, placeholders, tags, empty targets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.builtin import parity
from checks.builtin.parity import Parity
from checks.context import Context
from checks.model import Segment

CTX = Context.create()


def _found(source: str, target: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.code, f.text, f.suggestions) for f in Parity().check_segment(Segment("1", target, source), CTX)]


def test_chinese_question_and_full_stop() -> None:
    assert _found("联盟会派兵吗？", "Will the coalition send troops.") == [("PA951", ".", ("?",))]
    assert _found("峰会于周五结束。", "The summit ended on Friday") == [("PA951", "", (".",))]
    assert _found("峰会于周五结束。", "The summit ended on “Friday.”") == []
    assert _found("峰会结束", "Summit ends") == []  # a headline keeps no full stop


def test_brackets_and_quotes_balance() -> None:
    assert [c[0] for c in _found("北约（北大西洋联盟）开会。", "NATO (the alliance met.")] == ["PA952"]
    assert _found("北约（北大西洋联盟）开会。", "NATO (the alliance) met.") == []
    assert [c[0] for c in _found("他称之为“历史性的一步”。", "He called it a “historic step.")] == ["PA953"]
    assert _found("他称之为“历史性的一步”。", "He called it a \"historic step\".") == []


def test_urls_and_emails() -> None:
    assert _found("详情见www.example.org。", "See www.exampel.org.") == [
        ("PA954", "www.exampel.org", ("www.example.org",))
    ]
    assert [c[0] for c in _found("请写信至info@example.org。", "Write to us.")] == ["PA954"]
    assert _found("详情见https://example.org/a。", "See https://example.org/a.") == []


def test_placeholders_and_tags() -> None:
    source = "已从%s删除{0}个文件，用时{1}秒。"
    assert [c[0] for c in _found(source, "{0} files deleted from %s.")] == ["PA955"]
    assert _found(source, "{0} files deleted from %s in {1} seconds.") == []
    assert [c for c in _found("<b>峰会</b>结束。", "The <b>summit</b> <i>ended.")] == [("PA956", "<i>", ("",))]


def test_empty_target() -> None:
    assert [c[0] for c in _found("峰会于周五结束。", "  ")] == ["PA957"]


def _plain_core_end(text: str) -> tuple[str, int]:
    """parity._core_end as first written: a loop back over the closers."""
    i = len(text) - 1
    while i >= 0 and text[i] in parity._CLOSERS:
        i -= 1
    return (text[i], i) if i >= 0 else ("", -1)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*parity._CLOSERS, "a", ".", "?", "。", "！", "9", "(", "“"]), max_size=10))
def test_the_core_end_is_found_as_by_the_loop(text: str) -> None:
    # _core_end strips the closers with rstrip(); the plain logic steps back over them one by one.
    assert parity._core_end(text) == _plain_core_end(text)


def test_no_marks_are_balanced() -> None:
    # Parity skips pairing up the marks of a target that has none: they are balanced.
    assert parity._balanced_marks([], parity._BRACKETS) and parity._balanced_marks([], parity._TARGET_QUOTES)


_URL_PIECES = ["http://", "HTTPS://", "hTtp://", "httpſ://", "www.", "WWW.", "wWw.", "example.com", "Ａ", "ａ", "Ｚ", "ｚ", "ǅ",
               "中", "。", "（", "）", "(", " ", "\u3000", "\uff0c", "“", "<", "K", "\u212a", "ſ", "İ", "ı", "/path", "x"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=10).map("".join))
def test_urls_are_found_as_with_the_pattern_compiled_case_insensitively(text: str) -> None:
    # Only the URL pattern's scheme is case-insensitive now; the plain logic is the whole pattern under re.I.
    plain = re.compile(parity._URL.pattern.replace("(?i:", "(?:", 1), re.I)
    assert [m.span() for m in parity._URL.finditer(text)] == [m.span() for m in plain.finditer(text)]
