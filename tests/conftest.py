"""Shared test setup: headless Qt before any QApplication exists, common fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Must be set before PySide6 creates a QApplication (pytest-qt creates it lazily).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "observer-2025-09-coalition.en.txt"


@pytest.fixture
def seed_path() -> Path:
    """The seed article shipped in seeds/."""
    return SEED
