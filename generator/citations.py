"""BibTeX for each paper and for collections of them, written by bibtexparser."""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry as BibEntry
from bibtexparser.model import Field
from slugify import slugify

from generator.model import Entry

# Characters BibTeX or LaTeX read as syntax; escaped so a title cannot unbalance a brace or start a comment.
SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_text(value: str) -> str:
    return "".join(SPECIAL.get(c, c) for c in " ".join(value.split()))


def bib_name(name: str) -> str:
    """'Jane Q. Doe' -> 'Doe, Jane Q.': the form that keeps multi-word first names apart from last names."""
    parts = name.split()
    return bib_text(name if len(parts) < 2 else f"{parts[-1]}, {' '.join(parts[:-1])}")


def _year(entry: Entry) -> str | None:
    dates = [entry.paper.published or ""] + [first for _, first, _ in entry.history]
    return next((d[:4] for d in dates if re.match(r"\d{4}", d)), None)


def _key(entry: Entry) -> str:
    author = slugify(entry.paper.authors[0].split()[-1], separator="") if entry.paper.authors else ""
    word = next((w for w in slugify(entry.paper.title).split("-") if len(w) > 3), "paper")
    return f"{author or 'anon'}{_year(entry) or ''}{word}"


def bib_entry(entry: Entry, url: str, key: str | None = None) -> BibEntry:
    paper = entry.paper
    fields = [Field("title", "{" + bib_text(paper.title) + "}")]
    if paper.authors:
        fields.append(Field("author", " and ".join(bib_name(a) for a in paper.authors)))
    if _year(entry):
        fields.append(Field("year", _year(entry)))
    if paper.arxiv_id:
        fields += [Field("eprint", paper.arxiv_id), Field("archivePrefix", "arXiv")]
        if paper.categories:
            fields.append(Field("primaryClass", bib_text(paper.categories[0])))
    if paper.doi:
        fields.append(Field("doi", bib_text(paper.doi)))
    fields.append(Field("url", f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else url))
    return BibEntry("misc", key or _key(entry), fields)


def keys(entries: list[Entry]) -> dict[str, str]:
    """A unique citation key per paper slug: doe2024titans, then doe2024titansb, ..."""
    result, used = {}, set()
    for entry in entries:
        base = _key(entry)
        key, suffix = base, ord("b")
        while key in used:
            key, suffix = f"{base}{chr(suffix)}", suffix + 1
        used.add(key)
        result[entry.slug] = key
    return result


def citations(entries: list[Entry], urls: dict[str, str]) -> dict[str, str]:
    """Each paper's BibTeX entry as text, by slug: written once, reused by its page and every bulk file."""
    cite_keys = keys(entries)
    result = {}
    for entry in entries:
        library = Library()
        library.add(bib_entry(entry, urls[entry.slug], cite_keys[entry.slug]))
        result[entry.slug] = bibtexparser.write_string(library).strip() + "\n"
    return result


def bulk(entries: list[Entry], texts: dict[str, str]) -> str:
    """A .bib file of many papers, in their order."""
    return "\n".join(texts[entry.slug] for entry in entries)
