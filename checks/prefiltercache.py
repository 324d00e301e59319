"""Store the shipped packs' regex prefilters ahead: ``python -m checks.prefiltercache [--check]``.

Writes resources/rules/prefilters.json, which ``checks.prefilter.prefilter`` reads instead of
deriving a prefilter for each shipped pattern at every start (about 0.06 s). Run it after
editing a shipped pack's pattern or the derivation (then bump ``checks.prefilter.DERIVATION``);
tests/test_prefilter.py fails while the stored prefilters differ from freshly derived ones.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from checks.context import resource_path
from checks.packs import load_pack, shipped_pack_paths
from checks.prefilter import STORED, derive, stored_key


def shipped_patterns() -> list[re.Pattern[str]]:
    """Every stdlib regex of the shipped packs, once each, in pack and rule order."""
    seen: dict[tuple[str, int], re.Pattern[str]] = {}
    for path in shipped_pack_paths():
        for rule in load_pack(path).rules:
            for pattern in rule.patterns:
                if isinstance(pattern, re.Pattern):
                    seen.setdefault((pattern.pattern, pattern.flags), pattern)
    return list(seen.values())


def render(patterns: Sequence[re.Pattern[str]]) -> str:
    """The stored-prefilters file for *patterns*, each derived now."""
    entries = []
    for pattern in patterns:
        gate = derive(pattern)
        sets = None if gate is None else [[list(lit) for lit in group] for group in gate.sets]
        entries.append({"pattern": pattern.pattern, "flags": pattern.flags, "sets": sets})
    about = "Prefilters of the shipped packs' regexes (checks/prefilter.py), written by `python -m checks.prefiltercache`"
    # One line a pattern: a changed pattern or prefilter shows as one changed line.
    lines = ",\n  ".join(json.dumps(entry, ensure_ascii=False) for entry in entries)
    return (
        f'{{\n "about": {json.dumps(about)},\n "key": {json.dumps(stored_key())},\n'
        f' "prefilters": [\n  {lines}\n ]\n}}\n'
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write the stored prefilters; with --check, only report whether they are current."""
    parser = argparse.ArgumentParser(prog="python -m checks.prefiltercache", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the stored prefilters are not current")
    parser.add_argument("--out", type=Path, default=None, help="file to write (default: the shipped one)")
    args = parser.parse_args(argv)
    out = args.out or resource_path(*STORED)
    patterns = shipped_patterns()
    text = render(patterns)
    if args.check:
        current = out.is_file() and out.read_text(encoding="utf-8") == text
        print(f"{out}: {'current' if current else 'out of date: run python -m checks.prefiltercache'}")
        return 0 if current else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(patterns)} patterns ({stored_key()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
