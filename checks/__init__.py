"""Lintra's engine: read a translated document, run rule checks, report findings, apply fixes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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


def build_registry(config: RunConfig | None = None, extra_packs: Sequence[Path] = ()) -> Registry:
    """A registry with the built-in checks, the shipped packs and the user's packs."""
    from checks.builtin import builtin_checks
    from checks.packs import load_packs, shipped_pack_paths

    cfg = config or RunConfig()
    registry = Registry()
    registry.extend(builtin_checks())
    for pack in load_packs([*shipped_pack_paths(), *cfg.packs, *extra_packs]):
        registry.extend(pack.rules)
    return registry
