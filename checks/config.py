"""Run configuration: which rules run, severity overrides, user packs and termbases."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from checks.errors import InputError
from checks.model import Severity
from checks.readers.textio import read_bytes

CONFIG_NAMES = ("lintra.toml", ".lintra.toml")
_KNOWN_KEYS = {"select", "ignore", "min-severity", "termbases", "packs", "severity", "unsafe-fixes"}


def _longest_prefix(code: str, prefixes: Mapping[str, object]) -> str | None:
    best: str | None = None
    for prefix in prefixes:
        if (prefix == "ALL" or code.startswith(prefix)) and (
            best is None or best == "ALL" or len(prefix) > len(best)
        ):
            best = prefix
    return best


@dataclass(frozen=True)
class RunConfig:
    """Everything a run needs besides the document; immutable and shareable across threads."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # A plain dict (not a MappingProxy) so that configs pickle for --jobs worker processes.
    severities: Mapping[str, Severity] = field(default_factory=dict)
    min_severity: Severity = Severity.NEUTRAL
    termbases: tuple[Path, ...] = ()
    packs: tuple[Path, ...] = ()
    unsafe_fixes: bool = False

    def is_enabled(self, code: str, default: bool = True) -> bool:
        """Whether *code* runs: the longest matching prefix of select/ignore decides (flake8)."""
        table: dict[str, bool] = {p: True for p in self.select}
        table.update({p: False for p in self.ignore})
        best = _longest_prefix(code, table)
        if best is None:
            # Explicit selection of other codes turns unselected defaults off.
            return default and not self.select
        return table[best]

    def severity_for(self, code: str, default: Severity) -> Severity:
        """Severity of *code* after the user's overrides (longest prefix wins)."""
        best = _longest_prefix(code, self.severities)
        return default if best is None else self.severities[best]

    def merged(self, **changes: object) -> RunConfig:
        """A copy with *changes* applied (command-line options over the config file)."""
        return replace(self, **changes)  # type: ignore[arg-type]


def _as_list(value: object, key: str, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InputError(path, f"'{key}' must be a string or a list of strings")


def load_config(path: Path) -> RunConfig:
    """Read a ``lintra.toml`` (table ``[lintra]`` or top level); paths are relative to it."""
    raw = read_bytes(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(path, "config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"invalid TOML: {exc}") from None
    table = data.get("lintra", data)
    if not isinstance(table, dict):
        raise InputError(path, "[lintra] must be a table")
    unknown = set(table) - _KNOWN_KEYS
    if unknown:
        raise InputError(path, f"unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KNOWN_KEYS))}")
    base = path.parent
    severities: dict[str, Severity] = {}
    for code, level in dict(table.get("severity", {})).items():
        try:
            severities[code] = Severity.parse(str(level))
        except ValueError as exc:
            raise InputError(path, f"[severity] {code}: {exc}") from None
    try:
        min_sev = Severity.parse(str(table.get("min-severity", "neutral")))
    except ValueError as exc:
        raise InputError(path, f"min-severity: {exc}") from None
    return RunConfig(
        select=_as_list(table.get("select", []), "select", path),
        ignore=_as_list(table.get("ignore", []), "ignore", path),
        severities=severities,
        min_severity=min_sev,
        termbases=tuple(base / p for p in _as_list(table.get("termbases", []), "termbases", path)),
        packs=tuple(base / p for p in _as_list(table.get("packs", []), "packs", path)),
        unsafe_fixes=bool(table.get("unsafe-fixes", False)),
    )


def find_config(start: Path) -> Path | None:
    """The nearest ``lintra.toml`` in *start*'s folder or its parents, if any."""
    folder = start if start.is_dir() else start.parent
    for candidate_dir in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
    return None
