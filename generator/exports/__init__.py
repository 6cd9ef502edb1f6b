"""Exports: one module each, with files(site) -> {path under docs/: text} (see generator/outputs.py)."""
