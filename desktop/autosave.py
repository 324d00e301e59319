"""Qt-free recovery files: the review state of an open document, written atomically while it changes."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from checks.readers.textio import atomic_write

AUTOSAVE_SUFFIX = ".lintra-autosave.json"
AUTOSAVE_VERSION = 1

# (code, segment id, start, end, flagged text): stable across runs of the same file, unlike row numbers.
StateKey = tuple[str, str, int, int, str]


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes (read in chunks: documents may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class FindingState:
    """The reviewer's decision about one finding, and the replacement accepted for it."""

    code: str
    segment: str
    start: int
    end: int
    text: str
    status: str
    replacement: str | None = None

    @property
    def key(self) -> StateKey:
        """Identity of the finding in a fresh check of the same file."""
        return (self.code, self.segment, self.start, self.end, self.text)


@dataclass
class Autosave:
    """Everything needed to bring an interrupted review back."""

    document: str
    sha256: str
    article: bool
    corrected_text: str | None = None
    corrected_segments: dict[str, str] = field(default_factory=dict)
    findings: list[FindingState] = field(default_factory=list)
    source: str | None = None
    saved_at: float = field(default_factory=time.time)

    def to_json(self) -> str:
        """The recovery file's text."""
        data = {
            "version": AUTOSAVE_VERSION,
            "document": self.document,
            "sha256": self.sha256,
            "source": self.source,
            "saved_at": self.saved_at,
            "article": self.article,
            "corrected_text": self.corrected_text,
            "corrected_segments": self.corrected_segments,
            "findings": [
                {
                    "code": s.code,
                    "segment": s.segment,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "status": s.status,
                    "replacement": s.replacement,
                }
                for s in self.findings
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Autosave:
        """Parse a recovery file; raises ValueError when it is not one (or is damaged)."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("version") != AUTOSAVE_VERSION:
                raise ValueError("not a Lintra autosave file (version 1)")
            corrected = data.get("corrected_text")
            return cls(
                document=str(data["document"]),
                sha256=str(data["sha256"]),
                article=bool(data["article"]),
                corrected_text=None if corrected is None else str(corrected),
                corrected_segments={str(k): str(v) for k, v in dict(data.get("corrected_segments") or {}).items()},
                findings=[
                    FindingState(
                        str(item["code"]),
                        str(item["segment"]),
                        int(item["start"]),
                        int(item["end"]),
                        str(item["text"]),
                        str(item["status"]),
                        None if item.get("replacement") is None else str(item["replacement"]),
                    )
                    for item in data.get("findings", [])
                ],
                source=None if data.get("source") is None else str(data["source"]),
                saved_at=float(data.get("saved_at", 0.0)),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"damaged autosave file: {exc}") from None

    @classmethod
    def load(cls, path: Path) -> Autosave:
        """Read a recovery file (OSError or ValueError when it cannot be used)."""
        return cls.from_json(path.read_text(encoding="utf-8"))

    def matches(self, doc_path: Path) -> bool:
        """Whether *doc_path* still has the content this autosave was made from."""
        try:
            return file_hash(doc_path) == self.sha256
        except OSError:
            return False


def _fallback_path(doc_path: Path, fallback_dir: Path) -> Path:
    # One folder for every unwritable location: the hash of the full path keeps names apart.
    tag = hashlib.sha1(str(doc_path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return fallback_dir / f"{tag}-{doc_path.name}{AUTOSAVE_SUFFIX}"


def candidates(doc_path: Path, fallback_dir: Path | None) -> list[Path]:
    """Where an autosave of *doc_path* may be: beside it, then in the app's data folder."""
    paths = [doc_path.with_name(doc_path.name + AUTOSAVE_SUFFIX)]
    if fallback_dir is not None:
        paths.append(_fallback_path(doc_path, fallback_dir))
    return paths


def autosave_path(doc_path: Path, fallback_dir: Path | None) -> Path:
    """Where to write: beside the document when its folder is writable, else the app's data folder."""
    beside, *rest = candidates(doc_path, fallback_dir)
    if os.access(beside.parent, os.W_OK | os.X_OK) or not rest:
        return beside
    return rest[0]


def find(doc_path: Path, fallback_dir: Path | None) -> Path | None:
    """The autosave of *doc_path*, if one exists."""
    for path in candidates(doc_path, fallback_dir):
        if path.is_file():
            return path
    return None


def write(data: Autosave, doc_path: Path, fallback_dir: Path | None) -> Path:
    """Write *data* atomically; falls back to the data folder when the document's folder refuses."""
    payload = data.to_json().encode("utf-8")
    beside = candidates(doc_path, None)[0]
    target = autosave_path(doc_path, fallback_dir)
    try:
        if target != beside:
            target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, payload)
    except Exception:
        if fallback_dir is None or target != beside:
            raise
        target = _fallback_path(doc_path, fallback_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, payload)
    return target


def remove(doc_path: Path, fallback_dir: Path | None) -> None:
    """Delete every autosave of *doc_path* (after a clean save or a deliberate discard)."""
    for path in candidates(doc_path, fallback_dir):
        # An autosave that cannot be deleted is offered again, which loses nothing.
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def keep_aside(path: Path) -> Path:
    """Rename a stale autosave so a new one cannot overwrite it; returns the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(path.name.removesuffix(AUTOSAVE_SUFFIX) + f".lintra-autosave-{stamp}.json")
    path.replace(aside)
    return aside


def text_hunks(old: str, new: str) -> list[tuple[int, int, str]]:
    """Replacements (start, end, text) in code points of *old*, left to right, that turn it into *new*.

    Lines are compared first (fast on long documents), then each changed run of lines is trimmed
    to the characters that differ, so spans of findings outside the changes are left alone.
    """
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    hunks: list[tuple[int, int, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start, end = starts[i1], starts[i2]
        before, after = old[start:end], "".join(b[j1:j2])
        prefix = 0
        limit = min(len(before), len(after))
        while prefix < limit and before[prefix] == after[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
            suffix += 1
        hunks.append((start + prefix, end - suffix, after[prefix : len(after) - suffix]))
    return hunks
