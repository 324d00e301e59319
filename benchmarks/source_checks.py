"""Measure the source-aware checks on the WMT MQM sets: findings per 1,000 words and span precision.

Usage: python -m benchmarks.source_checks [--set wmt23|ted] [--data ../shared/eval] [-v]
The TED set is restricted to the human references ("ref", "refB"): every finding there is a
likely false alarm. A finding is a hit when its span overlaps an annotated target span of the
same system, document and segment; a zero-width finding (omission at the segment end) when an
annotation covers its position. With --lenient, consistency findings count anywhere in the
document and omissions count against any omission annotation of the segment (README of the data).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from checks.builtin import parity, source_names, source_numbers, source_terms, source_text
from checks.context import Context
from checks.engine import run
from checks.model import Document, Finding, Segment
from checks.registry import Registry

FILES = {"wmt23": "wmt23_zhen_news_mqm.jsonl", "ted": "wmt21_ted_zhen_mqm.jsonl"}
CONSISTENCY = {"TE120", "TE123", "TE124"}
OMISSIONS = {"AC902", "AC921", "AC930", "NM221", "PA954", "PA955", "PA956"}


def _hit(finding: Finding, row: dict, doc_rows: list[dict], lenient: bool) -> bool:
    if lenient and finding.code in CONSISTENCY:
        return any(r["errors"] for r in doc_rows)
    if lenient and finding.start == finding.end and finding.code in OMISSIONS:
        return any("Omission" in e["category"] for e in row["errors"])
    spans = [e for e in row["errors"] if e.get("side") != "source"]
    if finding.start == finding.end:
        return any(e["start"] <= finding.start <= e["end"] for e in spans)
    return any(e["start"] < finding.end and finding.start < e["end"] for e in spans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(FILES), default="wmt23")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--lenient", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    registry = Registry()
    for module in (source_numbers, source_text, source_names, source_terms, parity):
        registry.extend(module.checks())
    ctx = Context.create()
    with (args.data / FILES[args.set]).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    if args.set == "ted":
        rows = [r for r in rows if r["system"] in ("ref", "refB")]
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["system"], row["doc"])].append(row)

    words, counts, hits = 0, Counter[str](), Counter[str]()
    started = time.perf_counter()
    for (_system, doc_id), doc_rows in groups.items():
        doc_rows.sort(key=lambda r: r["seg"])
        segments = tuple(Segment(id=str(r["seg"]), target=r["target"], source=r["source"]) for r in doc_rows)
        doc = Document(path=doc_id, segments=segments, source_lang="zh")
        words += doc.word_count()
        by_id = {str(r["seg"]): r for r in doc_rows}
        for finding in run(doc, registry, ctx):
            hit = _hit(finding, by_id[finding.segment], doc_rows, args.lenient)
            counts[finding.code] += 1
            hits[finding.code] += hit
            if args.verbose:
                print(f"{finding.code} {'HIT' if hit else '---'} [{finding.text}] {finding.message}")
    total = sum(counts.values())
    print(
        f"{args.set}: {len(groups)} documents, {words} words, {total} findings, "
        f"{1000 * total / max(words, 1):.3f} per 1,000 words, precision {sum(hits.values()) / max(total, 1):.2f}, "
        f"{time.perf_counter() - started:.1f}s"
    )
    for code in sorted(counts):
        print(f"  {code}: {counts[code]} findings, {hits[code]} on annotated spans")


if __name__ == "__main__":
    main()
