"""Lintra test suite."""
