"""Measure Lintra's detection quality on the WMT23/WMT21 MQM annotations; write docs/quality.md.

Usage: python benchmarks/quality.py [--eval-dir ../shared/eval] [--out docs/quality.md] [--pofilter]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import inject  # noqa: E402
from benchmarks.report import write_generated  # noqa: E402
from benchmarks.scoring import (  # noqa: E402
    REQUIRED_RECALL,
    AnnotatedDoc,
    Counts,
    code_claims,
    finding_hits,
    is_consistency,
    load_jsonl,
    normalize_category,
    precision,
    recall,
)
from checks import build_registry, run  # noqa: E402
from checks.config import RunConfig  # noqa: E402
from checks.context import Context, Resources, resource_path  # noqa: E402
from checks.model import Finding  # noqa: E402
from checks.registry import Registry, RuleMeta  # noqa: E402

WMT23 = "wmt23_zhen_news_mqm.jsonl"
TED = "wmt21_ted_zhen_mqm.jsonl"
REFS = ("ref", "refB")
SEED = 20231
Key = tuple[str, str]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def run_all(docs: Iterable[AnnotatedDoc], registry: Registry, ctx: Context,
            crashes: list[str]) -> dict[Key, list[Finding]]:
    """Findings per (system, doc); a crash is recorded (with the check's traceback) and the document skipped."""
    out: dict[Key, list[Finding]] = {}
    for doc in docs:
        try:
            out[doc.key] = run(doc.document(), registry, ctx)
        except Exception:  # a benchmark must report every crash, then go on
            crashes.append(f"{doc.system}/{doc.doc}: {traceback.format_exc(limit=-3)}")
            out[doc.key] = []
    return out


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def precision_section(title: str, strict: tuple[Counts, dict[str, Counts]], lenient: tuple[Counts, dict[str, Counts]],
                      rules: Mapping[str, RuleMeta]) -> tuple[list[str], list[str]]:
    """Markdown of a precision table (sorted, worst first) and the codes under 50%."""
    (overall, per_code), (overall_l, per_code_l) = strict, lenient
    rows, low = [], []
    for code, c in sorted(per_code.items(), key=lambda kv: (kv[1].rate or 0.0, -kv[1].total, kv[0])):
        meta = rules.get(code)
        flag = "**< 50%**" if (c.rate or 0.0) < 0.5 else ""
        if flag:
            low.append(code)
        kind = "document" if is_consistency(meta, code) else "span"
        zero = "" if per_code_l[code].hits == c.hits else pct(per_code_l[code].rate)
        rows.append((code, meta.rule if meta else "?", kind, c.total, c.hits, pct(c.rate), flag, zero))
    lines = [f"### {title}", "", f"Overall: **{pct(overall.rate)}** ({overall.hits} of {overall.total} findings); "
             f"{pct(overall_l.rate)} when zero-length findings count on any annotated segment.", ""]
    lines += table(("code", "rule", "matched", "findings", "hits", "precision", "", "zero-length lenient"), rows)
    return lines, low


def recall_rows(categories: Sequence[str], *columns: Mapping[str, Counts]) -> list[tuple[object, ...]]:
    rows = []
    for cat in categories:
        cells: list[object] = [cat]
        for col in columns:
            c = col.get(cat, Counts())
            cells.append(f"{pct(c.rate)} ({c.hits}/{c.total})")
        rows.append(tuple(cells))
    return rows


def false_alarms(docs: Sequence[AnnotatedDoc], findings: Mapping[Key, Sequence[Finding]]
                 ) -> tuple[int, Counter[str], Counter[str]]:
    """Words, findings per code, and findings per code that match no annotated error (on human references)."""
    words = sum(d.words() for d in docs)
    per_code: Counter[str] = Counter()
    unconfirmed: Counter[str] = Counter()
    for doc in docs:
        by_id = {s.seg: s for s in doc.segments}
        for f in findings.get(doc.key, ()):
            per_code[f.code] += 1
            seg = by_id[f.segment]
            if not any(e.on_target and e.start < f.end and f.start < e.end for e in seg.errors):
                unconfirmed[f.code] += 1
    return words, per_code, unconfirmed


def injection_recall(docs: Sequence[AnnotatedDoc], baseline: Mapping[Key, list[Finding]], registry: Registry,
                     ctx: Context, crashes: list[str]) -> tuple[dict[str, Counts], dict[str, Counter[str]]]:
    """Inject each error kind into a seeded choice of documents, rerun and count what is caught."""
    rng = random.Random(SEED)
    sets = inject.load_synonym_sets(resource_path("variants", "synonyms.yaml"))
    common_path = resource_path("gazetteer", "english_words.txt")
    common = frozenset(w.strip().lower() for w in common_path.read_text(encoding="utf-8").splitlines()
                       if w.strip() and not w.startswith("#"))
    by_doc: dict[str, list[AnnotatedDoc]] = defaultdict(list)
    for d in docs:
        by_doc[d.doc].append(d)
    injectors: list[tuple[str, int, inject.Injector]] = [
        # (kind, systems per source document, injector). Only 292 of 3,770 segments have no
        # annotation, so every kind uses every system's document.
        ("chinese-fragment", 10, inject.inject_chinese),
        ("fullwidth-punctuation", 10, inject.inject_fullwidth),
        ("changed-number", 10, inject.inject_number),
        ("name-respelled", 10, lambda d, r: inject.inject_name(d, r, common)),
        ("term-varied", 10, lambda d, r: inject.inject_term(d, r, sets)),
    ]
    result: dict[str, Counts] = {}
    codes: dict[str, Counter[str]] = {}
    for kind, per_doc, injector in injectors:
        counts, caught = Counts(), Counter[str]()
        for doc_id in sorted(by_doc):
            for doc in rng.sample(by_doc[doc_id], min(per_doc, len(by_doc[doc_id]))):
                modified, injections = injector(doc, rng)
                if not injections:
                    continue
                try:
                    found = run(modified.document(), registry, ctx)
                except Exception:
                    crashes.append(f"injected {kind} {doc.system}/{doc.doc}: {traceback.format_exc(limit=-3)}")
                    continue
                for inj in injections:
                    hit_codes = inject.caught_by(inj, found, baseline.get(doc.key, []))
                    counts.add(bool(hit_codes))
                    caught.update(hit_codes)
        result[kind], codes[kind] = counts, caught
    return result, codes


def unit_precision(docs: Sequence[AnnotatedDoc], flagged: set[tuple[str, str, str]]) -> Counts:
    """Share of flagged units (segments) that have a target-side annotated error."""
    c = Counts()
    for doc in docs:
        for seg in doc.segments:
            if (doc.system, doc.doc, seg.seg) in flagged:
                c.add(any(e.on_target for e in seg.errors))
    return c


def pofilter_section(wmt: Sequence[AnnotatedDoc], ted_mt: Sequence[AnnotatedDoc], refs: Sequence[AnnotatedDoc],
                     lintra: Mapping[Key, Sequence[Finding]]) -> tuple[list[str], list[str]]:
    from benchmarks import pofilter_run as pf

    lines = ["## Side by side with pofilter", ""]
    summary = []
    sets = {"WMT23 MT": wmt, "TED MT": ted_mt, "TED human refs": refs}
    lintra_units = {(k[0], k[1], f.segment) for k, fs in lintra.items() for f in fs}
    rows: list[tuple[object, ...]] = []
    per_test: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for variant, options in [("Lintra (default checks)", None), *pf.VARIANTS.items()]:
            cells: list[object] = [variant if options is None else f"pofilter {variant}"]
            for name, docs in sets.items():
                units = sum(len(d.segments) for d in docs)
                if options is None:
                    flagged = {u for u in lintra_units if (u[0], u[1]) in {d.key for d in docs}}
                    failures = sum(len(lintra.get(d.key, ())) for d in docs)
                else:
                    po = Path(tmp) / f"{name.replace(' ', '_')}.po"
                    pf.write_po(docs, po)
                    flags = pf.run_pofilter(po, Path(tmp) / f"out-{variant}-{name}.po".replace(" ", "_"), options)
                    flagged, failures = set(flags), sum(len(t) for t in flags.values())
                    per_test.setdefault(variant, Counter()).update(pf.test_counts(flags))
                cells.append(f"{pct(len(flagged) / units)}")
                if name == "TED human refs":
                    words = sum(d.words() for d in docs)
                    cells.append(f"{1000 * len(flagged) / words:.2f}")
                    cells.append(f"{1000 * failures / words:.2f}")
                if name == "WMT23 MT":
                    cells.append(pct(unit_precision(docs, flagged).rate))
            rows.append(tuple(cells))
            summary.append(" | ".join(str(c) for c in cells))
    lines += table(("tool", "WMT23 MT units flagged", "unit precision (WMT23)", "TED MT units flagged",
                    "TED refs units flagged", "flagged units / 1k words on refs", "issues / 1k words on refs"), rows)
    lines += ["Unit precision: share of flagged units that have at least one target-side annotated error "
              "(pofilter has no spans, so this is the comparable measure). Most MT segments have some "
              "error, so unit precision is an easy bar; the reference columns are the telling ones. 'Issues' counts "
              "every failed pofilter test (a unit can fail several) and every Lintra finding.", "",
              "pofilter failures per test (all three sets):", ""]
    for variant, counts in per_test.items():
        lines.append(f"- {variant}: " + ", ".join(f"{t} {n}" for t, n in counts.most_common()))
    tuned = "--language=en " + " ".join(f"--excludefilter={n}" for n in pf.ZH_EXCLUDES)
    lines += ["", f"Tuned for Chinese sources: `pofilter {tuned}`. None of pofilter's tests looks for "
              "inconsistent terms or names, or for Chinese fragments in the English (its `untranslated` and "
              "`unchanged` tests only catch a whole unit left untranslated).", ""]
    return lines, summary


def write_misses(path: Path, docs: Sequence[AnnotatedDoc], findings: Mapping[Key, Sequence[Finding]],
                 rules: Mapping[str, RuleMeta]) -> None:
    """Findings that match no annotated error, one per line with 60 characters of context each side."""
    rows = ["code\tsystem\tdoc\tseg\ttext\tcontext\tmessage"]
    for doc in docs:
        by_id = {s.seg: s for s in doc.segments}
        for f in findings.get(doc.key, ()):
            if finding_hits(f, doc, is_consistency(rules.get(f.code), f.code)):
                continue
            target = by_id[f.segment].target
            context = f"{target[max(0, f.start - 60):f.start]}[[{f.text}]]{target[f.end:f.end + 60]}"
            rows.append("\t".join(x.replace("\t", " ").replace("\n", " ") for x in
                                  (f.code, doc.system, doc.doc, f.segment, f.text, context, f.message)))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "quality.md")
    parser.add_argument("--pofilter", action="store_true", help="also run pofilter for the side-by-side table")
    parser.add_argument("--misses", type=Path, metavar="TSV",
                        help="write every finding that matches no annotation (with context) to this TSV, for tuning; "
                             "keep it out of the repo (it quotes the eval data)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N WMT23 system-documents (quick look)")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    wmt = load_jsonl(args.eval_dir / WMT23)
    ted = load_jsonl(args.eval_dir / TED)
    if args.limit:
        wmt = wmt[: args.limit]
    refs = [d for d in ted if d.system in REFS]
    ted_mt = [d for d in ted if d.system not in REFS]
    cfg = RunConfig()
    registry = build_registry(cfg)
    rules = registry.rules
    ctx = Context(cfg, Resources(cfg))  # one resource cache for all documents (same data for each)
    crashes: list[str] = []
    findings = run_all(wmt, registry, ctx, crashes)
    findings.update(run_all(ted, registry, ctx, crashes))
    t_run = time.perf_counter() - t0

    claims = code_claims(rules)
    claimed_cats = sorted({c for cats in claims.values() for c in cats})
    overall, per_code = precision(wmt, findings, rules)
    wmt_lenient = precision(wmt, findings, rules, lenient=True)
    ted_overall, ted_per_code = precision(ted_mt, findings, rules)
    ted_lenient = precision(ted_mt, findings, rules, lenient=True)
    rec_all = recall(wmt, findings, None, agreed_only=False)
    rec_agreed = recall(wmt, findings, None, agreed_only=True)
    rec_claim = recall(wmt, findings, claims, agreed_only=False)
    rec_claim_agreed = recall(wmt, findings, claims, agreed_only=True)
    rec_ted = recall(ted_mt, findings, None, agreed_only=False)
    words, fa, unconfirmed = false_alarms(refs, findings)
    inj, inj_codes = injection_recall(wmt, findings, registry, ctx, crashes)

    lines = ["## Results of the last run", "",
             "Generated by `python benchmarks/quality.py" + (" --pofilter" if args.pofilter else "") + "`. "
             "Data: WMT23 zh→en news MQM (380 system-documents, 3 raters) and WMT21 TED "
             "zh→en MQM (1 rater; human references `ref`, `refB`), see `/work/shared/eval/README.md`. "
             "Default registry and configuration, Chinese source given to every document.", ""]
    lines += ["## How it is counted", "",
              "- **Precision**: a finding is a hit when its span overlaps a target-side error span (side `target` or "
              "none) in the same system, document and segment (zero-length spans count when they touch). "
              "Consistency findings (codes `SP8xx`, `NM201`, `TE121` and every code whose category is "
              "Terminology/Inconsistent use of terminology or Fluency/Inconsistency) also count as a hit when "
              "the same system's document has an inconsistency error anywhere, or a rater marked a span "
              "containing the finding's text in any segment. 'matched' in the tables says which rule applied. "
              "Omission-type checks report a zero-length span at the end of the segment, where no rater marks "
              "anything (omissions are marked on the source side); the 'zero-length lenient' column counts such a "
              "finding as a hit when its segment has any annotation (an upper bound, shown where it differs).",
              "- **Recall**: share of annotations (one per rater) covered by an overlapping finding in their "
              "segment. Source-side annotations (omissions) count as covered by a finding in the segment whose "
              "category claims them. Inconsistency annotations count as covered when the document has any "
              "consistency finding. 'by any code' takes every finding; 'by a claiming code' only findings of "
              "codes whose MQM category maps to the annotation's category. **Agreed**: another rater marked an "
              "overlapping span on the same side. `Fluency/Spelling (names)`: spelling annotations whose span "
              "holds a capitalised word that does not open the segment.",
              "- **False alarms**: every finding on the TED human references counts (the issue's measure); "
              "'unconfirmed' leaves out findings that overlap an error the TED rater marked in the reference.",
              ""]
    lines += ["## Precision", ""]
    sec, low = precision_section("WMT23 news (380 MT system-documents)", (overall, per_code), wmt_lenient, rules)
    lines += sec
    sec, _ = precision_section("WMT21 TED (13 MT systems, one rater)", (ted_overall, ted_per_code), ted_lenient, rules)
    lines += sec
    lines += ["### Checks under 50% precision on WMT23 (input for tuning)", ""]
    lines += [f"- `{c}` {rules[c].rule} ({rules[c].category}, {rules[c].severity.label}): "
              f"{pct(per_code[c].rate)} of {per_code[c].total}" for c in low] or ["- none"]
    lines += [""]

    lines += ["## Recall per annotation category (WMT23)", ""]
    cats = [*dict.fromkeys([*REQUIRED_RECALL, *claimed_cats])]
    lines += table(("category", "any code, all raters", "any code, 2 of 3 agree", "claiming code, all raters",
                    "claiming code, 2 of 3 agree", "TED MT, any code"),
                   recall_rows(cats, rec_all, rec_agreed, rec_claim, rec_claim_agreed, rec_ted))
    lines += ["Codes claiming each category:", ""]
    for cat in cats:
        owners = sorted(c for c, cl in claims.items() if cat in cl)
        lines.append(f"- {cat}: {', '.join(owners) if owners else 'none'}")
    lines += [""]
    others = sorted({normalize_category(c) for c in rec_all} - set(cats))
    lines += ["Categories no check claims (for scale):", ""]
    lines += table(("category", "any code, all raters"), recall_rows(others, rec_all))

    lines += ["## False alarms on human references (TED `ref`, `refB`)", "",
              f"{words} words in {sum(len(d.segments) for d in refs)} segments. "
              f"**{1000 * sum(fa.values()) / words:.2f} findings per 1,000 words** "
              f"({sum(fa.values())} findings; {1000 * sum(unconfirmed.values()) / words:.2f} per 1,000 words "
              "that match no error the rater marked in the reference). Target: at most 0.5.", ""]
    lines += table(("code", "findings", "per 1k words", "unconfirmed"),
                   [(c, n, f"{1000 * n / words:.2f}", unconfirmed[c]) for c, n in fa.most_common()])

    lines += ["## Recall on injected errors (WMT23, where no rater marked an error)", "",
              f"Seeded (`random.Random({SEED})`). Chinese fragment, full-width punctuation and changed number: "
              "one error in every clean segment of every system (a Chinese run of 2–4 "
              "characters from the source replaces an English word; a comma or full stop becomes ，/。; one digit "
              "of a number the source also writes in digits changes). Name respelled (l↔r or b↔p in one "
              "occurrence of a capitalised non-dictionary word used 2+ times) and term varied (a repeated "
              "2–3-word term with a word of `resources/variants/synonyms.yaml` gets another word of the set in "
              "one occurrence that no rater's span touches, since few repeated names fall into an unannotated "
              "segment): one error per system-document. Caught = a new "
              "finding overlapping the injected span, or (names, terms) a new finding on either form anywhere.",
              ""]
    lines += table(("injected error", "injected", "caught", "recall", "caught by"),
                   [(k, c.total, c.hits, pct(c.rate), ", ".join(f"{code} {n}" for code, n in inj_codes[k].most_common()))
                    for k, c in inj.items()])

    if args.misses is not None:
        write_misses(args.misses, [*wmt, *ted], findings, rules)
    po_summary: list[str] = []
    if args.pofilter:
        sec, po_summary = pofilter_section(wmt, ted_mt, refs, findings)
        lines += sec
    lines += ["## Crashes", ""]
    lines += [f"- {c.strip().splitlines()[0]} … {c.strip().splitlines()[-1]}" for c in crashes] or ["- none"]
    lines += ["", f"Run time: {time.perf_counter() - t0:.0f} s (Lintra over all documents {t_run:.0f} s).", ""]
    write_generated(args.out, "\n".join(lines))

    print(f"precision WMT23: {pct(overall.rate)} ({overall.hits}/{overall.total}), zero-length lenient "
          f"{pct(wmt_lenient[0].rate)}; TED MT: {pct(ted_overall.rate)}")
    print("per code: " + ", ".join(f"{c} {pct(v.rate)}/{v.total}" for c, v in sorted(per_code.items())))
    print("under 50%: " + ", ".join(low))
    print("recall (any code, all / agreed): " + "; ".join(
        f"{c} {pct(rec_all.get(c, Counts()).rate)} / {pct(rec_agreed.get(c, Counts()).rate)}" for c in REQUIRED_RECALL))
    print(f"false alarms on refs: {1000 * sum(fa.values()) / words:.2f} per 1k words ({dict(fa.most_common())})")
    print("injection: " + "; ".join(f"{k} {pct(c.rate)} ({c.hits}/{c.total})" for k, c in inj.items()))
    for row in po_summary:
        print("side by side: " + row)
    for c in crashes:
        print("CRASH " + c, file=sys.stderr)
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
