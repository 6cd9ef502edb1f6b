"""Addresses for papers: stable run to run, unique, never empty, short enough for any file system."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from slugify import slugify

MAX_SLUG = 80  # characters of ASCII: far below the 255-byte limit of a path part, and readable in a URL
# Slugs a page must not take as they are (#21). "index": papers/index.md is served at /papers/, not at
# /papers/index/ where the feeds, JSON and BibTeX point. The rest are Windows device names: a Windows
# checkout cannot hold papers/con.md (any case; slugs have no dots, so ".md" is the only extension).
RESERVED = frozenset({"index", "con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))})


def digest(*parts: str, length: int = 8) -> str:
    """A short, stable hex digest of some text (sha1: identity, not security)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


def base_slug(title: str) -> str:
    """The slug a title asks for; a title with nothing to transliterate (emoji only) gets one from its hash."""
    slug = slugify(title, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    if slug in RESERVED:  # a suffix from the title, so the address stays as other papers come and go
        return f"{slug}-{digest(title)}"
    return slug or f"paper-{digest(title)}"


def assign(keys: list[tuple[str, str]]) -> list[str]:
    """One unique slug per (title, abstract), in order: the first keeps the bare slug.

    A later paper with the same title gets a suffix from its abstract's hash, so it keeps its address
    when other papers come and go.
    """
    taken: set[str] = set()
    slugs = []
    for title, abstract in keys:
        slug = base_slug(title)
        if slug in taken:
            slug = f"{slug}-{digest(title, abstract, length=6)}"
        counter = 2
        while slug in taken:  # only when two same-title entries also share a hash prefix
            slug = f"{base_slug(title)}-{counter}"
            counter += 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


AUTHOR_SLUG = 60  # characters of the folded name; the hash after it keeps spellings apart


@lru_cache(maxsize=1 << 16)  # a paper page asks for each of its names; prolific authors come back often
def author_slug(name: str) -> str:
    """An author's address: the name folded to ASCII, then a hash of its exact spelling.

    Only identical spellings share a slug: "Jörg Müller" (jorg-muller-a32983ef) and "Jorg Muller" fold
    alike but are two authors, since nothing in a source says they are one person."""
    folded = slugify(name, max_length=AUTHOR_SLUG, word_boundary=True, save_order=True) or "author"
    return f"{folded}-{digest(name)}"
