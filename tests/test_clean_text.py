"""A well-edited English news text gets no critical or major finding."""

from __future__ import annotations

from pathlib import Path

from checks import build_registry, run
from checks.context import Context
from checks.model import Severity
from checks.readers import read_document

CLEAN = Path(__file__).parent / "data" / "clean_news.en.txt"


def test_clean_news_has_no_serious_findings() -> None:
    doc = read_document(CLEAN)
    serious = [f for f in run(doc, build_registry(), Context.create()) if f.severity >= Severity.MAJOR]
    assert serious == []
