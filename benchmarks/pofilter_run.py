"""Run translate-toolkit's pofilter on PO files built from the annotated data and read back its flags."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from benchmarks.scoring import AnnotatedDoc

# pofilter tests that cannot be right for Chinese source and English target (sentence and
# punctuation conventions, spaces and capitals differ by design), or that need data we do not
# give it (spell checker, accelerators, credits). What is left: blank, unchanged, untranslated,
# numbers, doublewords, URLs, e-mails, XML tags, printf/brace variables, newlines, tabs.
ZH_EXCLUDES = (
    "accelerators", "acronyms", "brackets", "credits", "doublequoting", "doublespacing", "endpunc",
    "endwhitespace", "escapes", "filepaths", "functions", "long", "options", "puncspacing", "sentencecount",
    "short", "simplecaps", "simpleplurals", "singlequoting", "spellcheck", "startcaps", "startpunc",
    "startwhitespace", "validchars", "variables", "hassuggestion", "isfuzzy", "isreview",
)
VARIANTS: dict[str, tuple[str, ...]] = {
    "default": (),
    "tuned for zh": ("--language=en", *(f"--excludefilter={name}" for name in ZH_EXCLUDES)),
}


def po_quote(text: str) -> str:
    """A PO string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return f'"{escaped}"'


def write_po(docs: Iterable[AnnotatedDoc], path: Path) -> int:
    """Write one unit per segment (msgctxt system|doc|seg, Chinese msgid, English msgstr); return the unit count."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: en\\n"', ""]
    count = 0
    for doc in docs:
        for seg in doc.segments:
            lines += [f"msgctxt {po_quote(f'{doc.system}|{doc.doc}|{seg.seg}')}", f"msgid {po_quote(seg.source)}",
                      f"msgstr {po_quote(seg.target)}", ""]
            count += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return count


def pofilter_bin() -> str:
    """The pofilter next to this interpreter (the venv's), else the one on PATH."""
    candidate = Path(sys.executable).with_name("pofilter")
    return str(candidate) if candidate.exists() else "pofilter"


def run_pofilter(po: Path, out: Path, options: Sequence[str]) -> dict[tuple[str, str, str], list[str]]:
    """Run pofilter; return the failed test names per (system, doc, seg)."""
    subprocess.run([pofilter_bin(), "--progress=none", "--errorlevel=none", *options, "-i", str(po), "-o", str(out)],
                   check=True, capture_output=True)
    from translate.storage import po as postore

    flags: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    store = postore.pofile.parsefile(str(out))
    for unit in store.units:
        if unit.isheader():
            continue
        system, doc, seg = unit.getcontext().split("|")
        for line in unit.getnotes("translator").splitlines():
            if line.startswith("(pofilter) "):
                flags[(system, doc, seg)].append(line[len("(pofilter) "):].split(":", 1)[0])
    return dict(flags)


def test_counts(flags: dict[tuple[str, str, str], list[str]]) -> Counter[str]:
    """Failures per pofilter test."""
    return Counter(t for tests in flags.values() for t in tests)
