"""Scoring of Lintra findings against human MQM error annotations (precision, recall, agreement)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checks.model import Document, Finding, Segment
from checks.registry import RuleMeta

# Annotation categories whose errors are about the document as a whole: a consistency finding
# anywhere in the document may be the one that points at them.
CONSISTENCY_ERROR_CATEGORIES = frozenset({
    "Fluency/Inconsistency",
    "Terminology/Inconsistent",
    "Terminology/Inconsistent use of terminology",
})
# Lintra categories that make a check a document-level consistency check, plus codes whose
# category is something else but whose finding is "this document uses two forms".
CONSISTENCY_RULE_CATEGORIES = frozenset({"Fluency/Inconsistency", "Terminology/Inconsistent use of terminology"})
CONSISTENCY_CODES = frozenset({"NM201", "TE121"})

# Lintra's MQM category -> the category names the WMT raters used for the same kind of error.
LINTRA_TO_WMT: dict[str, tuple[str, ...]] = {
    "Terminology/Inconsistent use of terminology": ("Terminology/Inconsistent",),
    "Terminology/Wrong term": ("Terminology/Inappropriate for context",),
    "Accuracy/Mistranslation": ("Accuracy/Mistranslation",),
    "Accuracy/Omission": ("Accuracy/Omission",),
    "Accuracy/Addition": ("Accuracy/Addition",),
    "Accuracy/Untranslated text": ("Non-translation!", "Accuracy/Source language fragment"),
    "Accuracy/Source language fragment": ("Accuracy/Source language fragment", "Non-translation!"),
    "Accuracy/Number": ("Accuracy/Mistranslation",),
    "Fluency/Punctuation": ("Fluency/Punctuation",),
    "Fluency/Spelling": ("Fluency/Spelling", "Fluency/Spelling (names)"),
    "Fluency/Grammar": ("Fluency/Grammar",),
    "Fluency/Inconsistency": ("Fluency/Inconsistency",),
    "Fluency/Character encoding": ("Fluency/Character encoding",),
    "Style/Unnatural or awkward": ("Style/Unnatural or awkward",),
    "Style/Unidiomatic": ("Style/Unnatural or awkward",),
    "Locale convention/Name format": ("Locale convention/Name format",),
    "Locale convention/Date format": ("Locale convention/Date format",),
    "Locale convention/Number format": ("Locale convention/Currency format",),
}

# Categories the issue asks about explicitly, reported even where no check claims them.
REQUIRED_RECALL = (
    "Terminology/Inconsistent",
    "Fluency/Inconsistency",
    "Fluency/Spelling (names)",
    "Accuracy/Source language fragment",
    "Fluency/Punctuation",
    "Locale convention/Date format",
    "Locale convention/Name format",
    "Non-translation!",
)


def normalize_category(category: str) -> str:
    """One name per category across WMT23 and WMT21 TED (side-by-side suffixes and synonyms folded)."""
    if category.startswith("Accuracy/Omission"):
        return "Accuracy/Omission"
    if category == "Terminology/Inconsistent use of terminology":
        return "Terminology/Inconsistent"
    if category == "Style/Awkward":
        return "Style/Unnatural or awkward"
    if category == "Accuracy/Untranslated text":
        return "Non-translation!"
    return category


@dataclass(frozen=True, slots=True)
class Error:
    """One rater's annotation of one error."""

    rater: str
    category: str
    severity: str
    side: str | None
    start: int
    end: int
    text: str

    @property
    def on_target(self) -> bool:
        """True when the span is in the target text (side "target" or not given)."""
        return self.side in (None, "target")

    def is_name_spelling(self, target: str) -> bool:
        """Spelling error of a name: the span holds a capitalised word that does not open the segment."""
        if self.category != "Fluency/Spelling" or not self.on_target:
            return False
        offset = self.start
        for word in self.text.split():
            pos = target.find(word, offset)
            offset = pos + len(word) if pos >= 0 else offset
            if word[:1].isupper() and pos > 0:
                return True
        return False

    def categories(self, target: str) -> tuple[str, ...]:
        """The normalized category plus the derived "names" subcategory where it applies."""
        base = normalize_category(self.category)
        return (base, "Fluency/Spelling (names)") if self.is_name_spelling(target) else (base,)


@dataclass
class AnnotatedSegment:
    """A target segment with its annotations."""

    seg: str
    source: str
    target: str
    raters: tuple[str, ...]
    errors: list[Error] = field(default_factory=list)


@dataclass
class AnnotatedDoc:
    """All segments of one (system, document), in order."""

    system: str
    doc: str
    segments: list[AnnotatedSegment]

    @property
    def key(self) -> tuple[str, str]:
        """(system, doc)."""
        return (self.system, self.doc)

    def document(self) -> Document:
        """The Lintra document: Chinese source, English target, segment ids = segment numbers."""
        segs = tuple(Segment(id=s.seg, source=s.source, target=s.target) for s in self.segments)
        return Document(path=f"{self.system}/{self.doc}", segments=segs, format="jsonl", source_lang="zh")

    def words(self) -> int:
        """Whitespace-separated target words."""
        return sum(len(s.target.split()) for s in self.segments)


def load_jsonl(path: Path) -> list[AnnotatedDoc]:
    """Group the rows of an MQM jsonl file into documents (segments in seg order)."""
    groups: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                groups[(str(row["system"]), str(row["doc"]))].append(row)
    docs: list[AnnotatedDoc] = []
    for (system, doc), rows in groups.items():
        rows.sort(key=lambda r: int(r["seg"]))  # type: ignore[call-overload]
        segments = []
        for row in rows:
            errors = [
                Error(str(e["rater"]), str(e["category"]), str(e["severity"]), e.get("side"),  # type: ignore[arg-type]
                      int(e["start"]), int(e["end"]), str(e.get("text", "")))
                for e in row.get("errors", [])  # type: ignore[attr-defined]
            ]
            segments.append(AnnotatedSegment(str(row["seg"]), str(row["source"]), str(row["target"]),
                                             tuple(row.get("raters", [])), errors))  # type: ignore[arg-type]
        docs.append(AnnotatedDoc(system, doc, segments))
    docs.sort(key=lambda d: (d.doc, d.system))
    return docs


def spans_overlap(f_start: int, f_end: int, e_start: int, e_end: int) -> bool:
    """Whether a finding span touches an error span; zero-length spans count when they touch."""
    if f_start == f_end or e_start == e_end:
        return e_start <= f_end and f_start <= e_end
    return f_start < e_end and e_start < f_end


def is_consistency(meta: RuleMeta | None, code: str) -> bool:
    """Whether findings of *code* are document-level consistency findings."""
    if code in CONSISTENCY_CODES or code.startswith("SP8"):
        return True
    return meta is not None and meta.category in CONSISTENCY_RULE_CATEGORIES


def finding_hits(finding: Finding, doc: AnnotatedDoc, consistency: bool, lenient: bool = False) -> bool:
    """Whether *finding* points at an annotated target-side error of *doc*.

    Segment findings need an overlapping error span in their segment. Consistency findings
    also count when the document has an inconsistency error anywhere, or when a rater marked
    the same form (an error span containing the finding's text) in another segment. With
    *lenient*, a zero-length finding (an omission reported at the end of the segment, where
    no rater marks anything) counts when its segment has any annotation, on either side.
    """
    by_id = {s.seg: s for s in doc.segments}
    seg = by_id.get(finding.segment)
    if seg is not None:
        if lenient and finding.start == finding.end and seg.errors:
            return True
        for err in seg.errors:
            if err.on_target and spans_overlap(finding.start, finding.end, err.start, err.end):
                return True
    if not consistency:
        return False
    form = finding.text.strip().lower()
    for other in doc.segments:
        for err in other.errors:
            if normalize_category(err.category) in CONSISTENCY_ERROR_CATEGORIES or err.category in CONSISTENCY_ERROR_CATEGORIES:
                return True
            if form and err.on_target and form in err.text.lower():
                return True
    return False


def agreed(err: Error, seg: AnnotatedSegment) -> bool:
    """An error is agreed when another rater marked an overlapping span on the same side."""
    for other in seg.errors:
        if other.rater != err.rater and (other.side == "source") == (err.side == "source") and spans_overlap(
            err.start, err.end, other.start, other.end
        ):
            return True
    return False


def error_caught(err: Error, seg: AnnotatedSegment, findings: Sequence[Finding],
                 claims: Mapping[str, frozenset[str]] | None = None) -> bool:
    """Whether some finding of the segment covers *err*.

    Target-side errors need an overlapping span. Source-side errors (omissions) have no
    target span: a finding in the segment counts when its code claims the error's category.
    With *claims* (code -> WMT categories) only findings of codes claiming the category count.
    """
    cats = set(err.categories(seg.target))
    for f in findings:
        if f.segment != seg.seg:
            continue
        f_claims = claims.get(f.code, frozenset()) if claims is not None else _claims_of(f)
        if err.on_target:
            if (claims is None or f_claims & cats) and spans_overlap(f.start, f.end, err.start, err.end):
                return True
        elif f_claims & cats:
            return True
    return False


def _claims_of(finding: Finding) -> frozenset[str]:
    return frozenset(LINTRA_TO_WMT.get(finding.category, ()))


def code_claims(rules: Mapping[str, RuleMeta]) -> dict[str, frozenset[str]]:
    """WMT categories each code claims, from its RuleMeta.category (consistency codes claim both inconsistency kinds)."""
    claims: dict[str, frozenset[str]] = {}
    for code, meta in rules.items():
        cats = set(LINTRA_TO_WMT.get(meta.category, ()))
        if is_consistency(meta, code):
            cats |= {"Terminology/Inconsistent", "Fluency/Inconsistency"}
        claims[code] = frozenset(cats)
    return claims


@dataclass
class Counts:
    """A hit/total pair."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        """Count one item."""
        self.total += 1
        self.hits += int(hit)

    @property
    def rate(self) -> float | None:
        """Hits / total, or None when there is nothing to count."""
        return self.hits / self.total if self.total else None


def precision(docs: Iterable[AnnotatedDoc], findings: Mapping[tuple[str, str], Sequence[Finding]],
              rules: Mapping[str, RuleMeta], lenient: bool = False) -> tuple[Counts, dict[str, Counts]]:
    """Overall and per-code precision of *findings* against the annotations of *docs*."""
    overall = Counts()
    per_code: dict[str, Counts] = defaultdict(Counts)
    for doc in docs:
        for f in findings.get(doc.key, ()):
            hit = finding_hits(f, doc, is_consistency(rules.get(f.code), f.code), lenient)
            overall.add(hit)
            per_code[f.code].add(hit)
    return overall, dict(per_code)


def recall(docs: Iterable[AnnotatedDoc], findings: Mapping[tuple[str, str], Sequence[Finding]],
           claims: Mapping[str, frozenset[str]] | None, agreed_only: bool) -> dict[str, Counts]:
    """Recall per (normalized) annotation category: share of annotations some finding covers."""
    per_cat: dict[str, Counts] = defaultdict(Counts)
    for doc in docs:
        doc_findings = findings.get(doc.key, ())
        by_seg: dict[str, list[Finding]] = defaultdict(list)
        for f in doc_findings:
            by_seg[f.segment].append(f)
        # An inconsistency is one error of the document: the finding may sit on the other form.
        doc_consistency = any(
            f.category in CONSISTENCY_RULE_CATEGORIES or is_consistency(None, f.code) for f in doc_findings
        )
        for seg in doc.segments:
            for err in seg.errors:
                if agreed_only and not agreed(err, seg):
                    continue
                hit = error_caught(err, seg, by_seg.get(seg.seg, ()), claims) or (
                    doc_consistency and normalize_category(err.category) in CONSISTENCY_ERROR_CATEGORIES
                )
                for cat in err.categories(seg.target):
                    per_cat[cat].add(hit)
    return dict(per_cat)
