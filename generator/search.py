"""The vocabulary the search box corrects typos against (written by generator/exports/search_aids.py)."""

from __future__ import annotations

import re
from collections import Counter

from generator.model import Entry

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-+][A-Za-z0-9]+)*\+*")
MAX_WORDS = 40_000  # ~400 KB before compression at most; loaded only when a query finds nothing


def vocabulary(entries: list[Entry]) -> list[str]:
    """Words a reader may mistype: all of titles, names and tags, and abstract words in two papers or more."""
    strong: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    for entry in entries:
        names = [entry.paper.title, entry.short_name or "", *(m.tag.name for m in entry.tags)]
        names += [part for pair in entry.acronyms for part in pair]
        strong.update({w.lower() for text in names for w in WORD.findall(text) if len(w) >= 3})
        weak.update({w.lower() for w in WORD.findall(entry.paper.abstract) if len(w) >= 4})
    words = set(strong) | {w for w, n in weak.items() if n >= 2}
    ranked = sorted(words, key=lambda w: (-(strong[w] * 3 + weak[w]), w))
    return sorted(ranked[:MAX_WORDS])

