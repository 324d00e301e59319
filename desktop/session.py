"""Qt-free review state: finding status, decisions remembered in a project file, termbase entries."""

from __future__ import annotations

import csv
import enum
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from checks.model import Finding
from checks.readers.textio import atomic_write

PROJECT_SUFFIX = ".lintra.json"
PROJECT_VERSION = 1
TERMBASE_HEADER = ("source", "preferred", "deprecated", "note")


class Status(enum.Enum):
    """What the reviewer did with a finding."""

    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NOT_ERROR = "not an error"
    IGNORED = "rule ignored here"

    @property
    def dismissed(self) -> bool:
        """Decisions remembered across sessions hide a finding by default."""
        return self in (Status.NOT_ERROR, Status.IGNORED)


FindingKey = tuple[str, str, int, int]


def finding_key(finding: Finding) -> FindingKey:
    """Identity of a finding within one run (the engine de-duplicates on the same key)."""
    return (finding.code, finding.segment, finding.start, finding.end)


def project_path(doc_path: Path) -> Path:
    """The project file that sits beside *doc_path* (``article.txt`` -> ``article.txt.lintra.json``)."""
    return doc_path.with_name(doc_path.name + PROJECT_SUFFIX)


@dataclass
class Decisions:
    """Per-document decisions: findings marked "not an error" and rules ignored in this document.

    A "not an error" is keyed by code, segment id and flagged text rather than offsets, so the
    decision survives edits elsewhere in the paragraph.
    """

    not_errors: set[tuple[str, str, str]] = field(default_factory=set)
    ignored_rules: set[str] = field(default_factory=set)

    def status_of(self, finding: Finding) -> Status | None:
        """The remembered status of *finding*, if any."""
        if finding.code in self.ignored_rules:
            return Status.IGNORED
        if (finding.code, finding.segment, finding.text) in self.not_errors:
            return Status.NOT_ERROR
        return None

    def mark_not_error(self, finding: Finding) -> None:
        """Remember that *finding* is not an error."""
        self.not_errors.add((finding.code, finding.segment, finding.text))

    def ignore_rule(self, code: str) -> None:
        """Remember to ignore rule *code* in this document."""
        self.ignored_rules.add(code)

    def forget(self, finding: Finding) -> None:
        """Drop any remembered decision about *finding* (and its rule)."""
        self.not_errors.discard((finding.code, finding.segment, finding.text))
        self.ignored_rules.discard(finding.code)

    def __bool__(self) -> bool:
        return bool(self.not_errors or self.ignored_rules)

    def to_json(self) -> str:
        """Stable, diff-friendly JSON text."""
        data = {
            "version": PROJECT_VERSION,
            "not_an_error": [{"code": c, "segment": s, "text": t} for c, s, t in sorted(self.not_errors)],
            "ignored_rules": sorted(self.ignored_rules),
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Decisions:
        """Parse a project file; raises ValueError on a malformed one."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != PROJECT_VERSION:
            raise ValueError("not a Lintra project file (version 1)")
        decisions = cls()
        for item in data.get("not_an_error", []):
            decisions.not_errors.add((str(item["code"]), str(item["segment"]), str(item["text"])))
        decisions.ignored_rules.update(str(code) for code in data.get("ignored_rules", []))
        return decisions

    @classmethod
    def load(cls, doc_path: Path) -> Decisions:
        """Decisions stored beside *doc_path* (empty when there is no project file)."""
        path = project_path(doc_path)
        if not path.is_file():
            return cls()
        return cls.from_json(path.read_text(encoding="utf-8"))

    def save(self, doc_path: Path) -> Path:
        """Write the project file beside *doc_path*; an empty decision set removes it."""
        path = project_path(doc_path)
        if self:
            atomic_write(path, self.to_json().encode("utf-8"))
        else:
            path.unlink(missing_ok=True)
        return path


def append_term(path: Path, source: str, preferred: str, deprecated: str, note: str = "") -> None:
    """Append one entry to a user CSV termbase, creating it with its header when missing."""
    new = not path.exists() or path.stat().st_size == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if new:
        writer.writerow(TERMBASE_HEADER)
    writer.writerow((source, preferred, deprecated, note))
    prefix = ""
    if not new:
        existing = path.read_bytes()
        if existing and not existing.endswith(b"\n"):
            prefix = "\n"
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(prefix + buffer.getvalue())
