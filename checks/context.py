"""Read-only run context handed to every check: configuration plus lazily loaded resources."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, TypeVar

from checks.config import RunConfig

T = TypeVar("T")
_MISSING = object()


def resource_path(*parts: str) -> Path:
    """Path of a file shipped in the ``resources`` package (works from a checkout, wheel or bundle)."""
    return Path(str(importlib_resources.files("resources").joinpath(*parts)))


@dataclass
class Resources:
    """Cache of big shared data (gazetteer, termbases), each loaded once on first use.

    Loading is lazy so that a run which needs no gazetteer never pays for it, and guarded by
    a lock because the desktop app runs checks in a worker thread.
    """

    config: RunConfig = field(default_factory=RunConfig)
    _cache: dict[str, Any] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def get(self, key: str, loader: Callable[[RunConfig], T]) -> T:
        """Return the value cached under *key*, computing it with ``loader(config)`` once."""
        # Checks ask for their resources on every segment (tens of thousands of calls a run): a
        # value once stored is never replaced or removed, so reading it needs no lock. A dict read
        # is atomic, and a key is only stored after its value has been computed.
        value = self._cache.get(key, _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
        with self._lock:
            if key not in self._cache:
                self._cache[key] = loader(self.config)
            return self._cache[key]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Context:
    """What a check may read besides its segment or document."""

    config: RunConfig
    resources: Resources

    @classmethod
    def create(cls, config: RunConfig | None = None) -> Context:
        """A fresh context (and resource cache) for *config*."""
        cfg = config or RunConfig()
        return cls(cfg, Resources(cfg))
