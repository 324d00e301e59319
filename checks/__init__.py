"""Lintra's engine: read a translated document, run rule checks, report findings, apply fixes."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checks.config import RunConfig
    from checks.context import Context
    from checks.engine import Progress, iter_events, run
    from checks.model import Document, Finding, Segment, Severity
    from checks.registry import Registry

__version__ = "0.1.0"

__all__ = [
    "Context", "Document", "Finding", "Progress", "Registry", "RunConfig", "Segment", "Severity",
    "__version__", "build_registry", "iter_events", "run",
]

# The package's names, imported on first use: importing any ``checks.x`` module runs this file
# first, and the CLI forks its reader child before the engine, the packs and the checks are loaded
# (``checks.cli._check_one``), so that they load beside the reading instead of before it.
_LAZY = {
    "RunConfig": "checks.config", "Context": "checks.context", "Progress": "checks.engine",
    "iter_events": "checks.engine", "run": "checks.engine", "Document": "checks.model", "Finding": "checks.model",
    "Segment": "checks.model", "Severity": "checks.model", "Registry": "checks.registry",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'checks' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def build_registry(config: RunConfig | None = None, extra_packs: Sequence[Path] = ()) -> Registry:
    """A registry with the built-in checks, the shipped packs and the user's packs."""
    from checks.builtin import builtin_checks
    from checks.config import RunConfig
    from checks.packs import load_packs, shipped_pack_paths
    from checks.registry import Registry

    cfg = config or RunConfig()
    registry = Registry()
    registry.extend(builtin_checks())
    for pack in load_packs([*shipped_pack_paths(), *cfg.packs, *extra_packs]):
        registry.extend(pack.rules)
    return registry
