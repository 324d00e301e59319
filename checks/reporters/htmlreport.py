"""Self-contained HTML report: original | corrected side by side, every change highlighted."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from html import escape

from checks.fixes import Edit
from checks.model import Finding, Segment
from checks.mqm import penalty_per_1000_words
from checks.reporters import DocumentResult, positions_of

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;margin:2rem;color:#222}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}td,th{vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid #e4e4e4}
th{text-align:left;background:#f6f6f6;position:sticky;top:0}
td.id{color:#888;white-space:nowrap;font-size:.85em}
.pair td.text{width:46%;white-space:pre-wrap}
mark{border-radius:2px;padding:0 1px}
mark.critical{background:#f8b4b4}mark.major{background:#fcd6a4}mark.minor{background:#fff1a8}mark.neutral{background:#e2e8f0}
ins{background:#c6f6d5;text-decoration:none;border-radius:2px}
del{background:#fed7d7;color:#9b2c2c}
.sev{font-size:.8em;padding:1px 6px;border-radius:8px;color:#fff}
.sev.critical{background:#c53030}.sev.major{background:#dd6b20}.sev.minor{background:#b7791f}.sev.neutral{background:#718096}
.summary{color:#555}
"""


def _marked(text: str, findings: Sequence[Finding]) -> str:
    """*text* with each flagged span in a <mark> (pieces split at every span boundary)."""
    bounds = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        covering = [f for f in findings if f.start <= a and b <= f.end and f.start != f.end]
        piece = escape(text[a:b])
        if covering:
            worst = max(covering, key=lambda f: f.severity)
            title = escape("\n".join(f"{f.code}: {f.message}" for f in covering), quote=True)
            out.append(f'<mark class="{worst.severity.label}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _corrected(text: str, edits: Sequence[Edit]) -> str:
    """Corrected *text* with insertions in <ins> and deletions in <del>."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        out.append(escape(text[pos : edit.start]))
        old = text[edit.start : edit.end]
        if edit.replacement:
            out.append(f'<ins title="{escape(edit.code + ": was " + repr(old), quote=True)}">{escape(edit.replacement)}</ins>')
        else:
            out.append(f'<del title="{escape(edit.code, quote=True)}">{escape(old)}</del>')
        pos = edit.end
    out.append(escape(text[pos:]))
    return "".join(out)


def _segment_rows(result: DocumentResult) -> str:
    by_segment: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_segment[f.segment].append(f)
    edits: dict[str, list[Edit]] = defaultdict(list)
    for edit in result.applied_edits():
        edits[edit.segment].append(edit)
    rows: list[str] = []
    bilingual = result.doc.has_source
    for seg in result.doc.segments:
        rows.append(_row(seg, by_segment.get(seg.id, []), edits.get(seg.id, []), bilingual))
    return "\n".join(rows)


def _row(seg: Segment, findings: Sequence[Finding], edits: Sequence[Edit], bilingual: bool) -> str:
    source = f'<td class="text" lang="zh">{escape(seg.source or "")}</td>' if bilingual else ""
    return (
        f'<tr class="pair"><td class="id">{escape(seg.id)}</td>{source}'
        f'<td class="text">{_marked(seg.target, findings)}</td>'
        f'<td class="text">{_corrected(seg.target, edits)}</td></tr>'
    )


def _findings_table(result: DocumentResult) -> str:
    rows = []
    for f, (line, column, _, _) in zip(result.findings, positions_of(result.doc, result.findings), strict=True):
        where = f"{line}:{column}" if line is not None else f"[{f.segment}]"
        fix = ", ".join("(delete)" if s == "" else s for s in f.suggestions) or "—"
        rows.append(
            f'<tr><td class="id">{escape(where)}</td><td><span class="sev {f.severity.label}">{f.severity.label}</span></td>'
            f"<td>{escape(f.code)}</td><td>{escape(f.category)}</td><td>{escape(f.text)}</td>"
            f"<td>{escape(f.message)}</td><td>{escape(fix)}</td></tr>"
        )
    head = "<tr><th>Where</th><th>Severity</th><th>Code</th><th>Category</th><th>Text</th><th>Message</th><th>Fix</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def render(results: Sequence[DocumentResult]) -> str:
    """The whole report as one HTML page with inline CSS and no scripts or external resources."""
    from checks import __version__

    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>Lintra report</title><style>{STYLE}</style></head><body>",
        f"<h1>Lintra {escape(__version__)} report</h1>",
    ]
    for result in results:
        words = result.doc.word_count()
        score = penalty_per_1000_words(result.findings, words)
        bilingual = result.doc.has_source
        parts.append(f"<h2>{escape(result.doc.path)}</h2>")
        parts.append(
            f"<p class='summary'>{len(result.findings)} findings in {len(result.doc.segments)} segments, {words} words; "
            f"automatic MQM-style penalty {score:.1f} per 1,000 words (unconfirmed issues, not a human score).</p>"
        )
        source_head = "<th>Source</th>" if bilingual else ""
        parts.append(f"<table><tr><th>#</th>{source_head}<th>Original</th><th>Corrected</th></tr>{_segment_rows(result)}</table>")
        parts.append("<h2>Findings</h2>" + _findings_table(result))
    parts.append("</body></html>\n")
    return "\n".join(parts)
