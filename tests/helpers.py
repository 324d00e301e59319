"""Test helpers: build documents from short texts and run the engine on them."""

from __future__ import annotations

from checks import build_registry
from checks.config import RunConfig
from checks.context import Context
from checks.engine import run
from checks.model import Document, Finding, Segment
from checks.registry import Registry

_REGISTRY: Registry | None = None
_CONTEXT: Context | None = None


def doc_from(target: str, source: str | None = None, path: str = "example.txt") -> Document:
    """A document with one segment per blank-line separated paragraph (source aligned likewise)."""
    targets = target.split("\n\n")
    sources = source.split("\n\n") if source is not None else [None] * len(targets)
    if len(sources) != len(targets):
        raise ValueError("source and target need the same number of paragraphs")
    segments = tuple(
        Segment(id=str(i + 1), target=t, source=s, line=None, column=None)
        for i, (t, s) in enumerate(zip(targets, sources, strict=True))
    )
    return Document(path=path, segments=segments, source_lang="zh" if source is not None else None)


def default_registry() -> Registry:
    """The full default registry, built once per test session (it is immutable in use)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = build_registry()
    return _REGISTRY


def shared_context() -> Context:
    """A default context whose loaded resources (gazetteer, termbase) are reused across tests."""
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = Context.create()
    return _CONTEXT


def findings(
    target: str, source: str | None = None, registry: Registry | None = None, select: tuple[str, ...] = ()
) -> list[Finding]:
    """All findings of the default registry on a small document (*select* also runs rules off by default)."""
    ctx = shared_context()
    if select:
        ctx = Context(RunConfig(select=select), ctx.resources)
    return run(doc_from(target, source), registry or default_registry(), ctx)
