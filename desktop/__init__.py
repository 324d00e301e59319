"""Lintra's PySide6 desktop window: open a translation, review findings, apply fixes, save."""
