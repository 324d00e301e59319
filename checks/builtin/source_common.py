"""Helpers shared by the source-aware checks: scripts, the optional gazetteer, word spans."""

from __future__ import annotations

import re
from typing import Any

from checks.context import Context

# Han (incl. extension A and compatibility), kana and hangul: text in a CJK source language.
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


_gazetteer_module: Any = None  # checks.gazetteer once imported: called per segment, an import statement costs more


def gazetteer(ctx: Context) -> Any | None:
    """Return the run's gazetteer, or None while the gazetteer module or its data is unavailable."""
    global _gazetteer_module
    gaz_module = _gazetteer_module
    if gaz_module is None:
        try:
            from checks import gazetteer as gaz_module
        except ImportError:
            return None
        _gazetteer_module = gaz_module
    try:
        return gaz_module.load(ctx)
    except (OSError, ValueError):
        return None


def gazetteer_hits(ctx: Context, text: str) -> list[tuple[int, int, Any]]:
    """Gazetteer entries found in Chinese *text* as (start, end, entry); empty without a gazetteer."""
    gaz = gazetteer(ctx)
    if gaz is None or not text:
        return []
    return list(gaz.find_in_chinese(text))


def entry_forms(entry: Any) -> list[str]:
    """English forms of a gazetteer entry: the main one first, then its variants."""
    forms = [str(entry.english)]
    forms.extend(str(v) for v in getattr(entry, "variants", ()) if v and str(v) not in forms)
    return forms


def find_form(target: str, form: str) -> re.Match[str] | None:
    """First whole-word, case-insensitive occurrence of *form* in *target*."""
    return re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", target, re.I)
