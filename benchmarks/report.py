"""Write a generated report into a Markdown file, keeping the hand-written notes around it."""

from __future__ import annotations

from pathlib import Path

START = "<!-- generated: start (rewritten by the benchmark script; edit outside these markers) -->"
END = "<!-- generated: end -->"


def write_generated(path: Path, body: str) -> None:
    """Replace the generated block of *path* with *body*; text before and after the markers stays.

    A new file (or one without markers) gets just the block.
    """
    before, after = "", ""
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if START in old and END in old:
            before = old[: old.index(START)]
            after = old[old.index(END) + len(END):]
    path.write_text(f"{before}{START}\n{body.rstrip()}\n{END}{after or chr(10)}", encoding="utf-8")
