"""The enrichment memo kept between builds in .papershelf/cache/ (safe to delete: it is only a cache)."""

from __future__ import annotations

import pickle
from pathlib import Path

from generator.writer import atomic_write

FILE = "enrich.pickle"


PARTS = ("latex", "enrich", "pages")  # decoded papers; what enrich derived per paper; each paper page's Markdown


def load(state_dir: Path) -> dict[str, dict]:
    path = state_dir / "cache" / FILE
    try:
        with path.open("rb") as handle:
            memo = pickle.load(handle)  # written by papershelf itself into the project's own state folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        memo = None  # missing, stale or damaged: start afresh
    if not isinstance(memo, dict) or not all(isinstance(memo.get(part), dict) for part in PARTS):
        return {part: {} for part in PARTS}
    return memo


def save(state_dir: Path, memo: dict) -> None:
    """Store this build's results (enrich keeps only what it used, so papers long gone drop out)."""
    atomic_write(state_dir / "cache" / FILE, lambda handle: pickle.dump(memo, handle, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
