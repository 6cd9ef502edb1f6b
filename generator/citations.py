"""BibTeX for each paper and for collections of them, written by bibtexparser."""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry as BibEntry
from bibtexparser.model import Field
from nameparser import HumanName
from slugify import slugify

from generator.model import Entry

# Characters BibTeX or LaTeX read as syntax; escaped so a title cannot unbalance a brace or start a comment.
SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_text(value: str) -> str:
    return "".join(SPECIAL.get(c, c) for c in " ".join(value.split()))


def bib_rich(paper_text: str, rich: str | None) -> str:
    """BibTeX text that keeps a title's math as math ($R^2$ stays $R^2$) and escapes the rest."""
    if not rich:
        return bib_text(paper_text)
    from generator.latex import math_parts

    return "".join(
        (f"$${piece}$$" if kind == "block" else f"${piece}$") if kind else "".join(SPECIAL.get(c, c) for c in piece)
        for kind, piece in math_parts(" ".join(rich.split()))
    )


def bib_name(name: str) -> str:
    """A name as BibTeX reads it: 'von Last, Jr, First' ('van Harmelen, Frank', 'Daumé, III, Hal',
    'Del Maestro, Adrian'), split by nameparser; a single name (a mononym, an organisation) is braced
    whole so BibTeX takes it as a last name, not a first one."""
    human = HumanName(" ".join(name.split()))
    first = " ".join(part for part in (human.title, human.first, human.middle) if part)
    if not human.last or not first:
        return "{" + bib_text(name) + "}"
    return ", ".join([bib_text(human.last)] + ([bib_text(human.suffix)] if human.suffix else []) + [bib_text(first)])


def bib_parts(first: str, von: str, last: str, jr: str) -> str:
    """A name a bibliography gave, written back as 'von Last, Jr, First'; a last name alone (an
    organisation, a mononym, "others") as it came, braced when it has several words."""
    if last == "others" and not (first or von or jr):
        return "others"
    surname = " ".join(filter(None, (von, last)))
    if not first and not jr:
        return "{" + bib_text(surname) + "}" if " " in surname else bib_text(surname)
    return ", ".join([bib_text(surname)] + ([bib_text(jr)] if jr else []) + [bib_text(first)])


def bib_authors(paper) -> str:  # noqa: ANN001 (a Paper)
    if paper.name_parts:
        return " and ".join(bib_parts(*parts) for parts in paper.name_parts)
    return " and ".join(bib_name(a) for a in paper.authors)


def _surname(paper) -> str:  # noqa: ANN001 (a Paper)
    if paper.name_parts:
        return paper.name_parts[0][2]
    return HumanName(paper.authors[0]).last or paper.authors[0]


# arXiv identifiers carry their month: 2501.00663 (since 2007) and astro-ph/0601001 (1991 to 2007).
NEW_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}(v\d+)?$")
OLD_ID = re.compile(r"^[a-z-]+(\.[A-Za-z-]+)?/(\d{2})(\d{2})\d{3}(v\d+)?$")


def arxiv_year(arxiv_id: str | None) -> str | None:
    """The year an arXiv identifier was given out, or None for anything else."""
    if match := NEW_ID.match(arxiv_id or ""):
        return f"20{match.group(1)}"
    if match := OLD_ID.match(arxiv_id or ""):
        return f"{19 if int(match.group(2)) >= 91 else 20}{match.group(2)}"
    return None


def _year(entry: Entry) -> str | None:
    """The paper's own year: its publication date, else its arXiv identifier; never the day a build saw it."""
    published = entry.paper.published or ""
    return published[:4] if re.match(r"\d{4}", published) else arxiv_year(entry.paper.arxiv_id)


def _key(entry: Entry) -> str:
    author = slugify(_surname(entry.paper), separator="") if entry.paper.authors else ""
    word = next((w for w in slugify(entry.paper.title).split("-") if len(w) > 3), "paper")
    return f"{author or 'anon'}{_year(entry) or ''}{word}"


# A paper a bibliography places in a journal is an @article, in proceedings an @inproceedings.
VENUE_TYPES = {"journal": "article", "booktitle": "inproceedings"}


def bib_entry(entry: Entry, url: str, key: str | None = None) -> BibEntry:
    paper = entry.paper
    fields = [Field("title", "{" + bib_rich(paper.title, paper.title_rich) + "}")]
    if paper.authors:
        fields.append(Field("author", bib_authors(paper)))
    if _year(entry):
        fields.append(Field("year", _year(entry)))
    if paper.arxiv_id:
        fields += [Field("eprint", paper.arxiv_id), Field("archivePrefix", "arXiv")]
        if paper.categories:
            fields.append(Field("primaryClass", bib_text(paper.categories[0])))
    if paper.venue and paper.venue_field in VENUE_TYPES:
        fields.append(Field(paper.venue_field, "{" + bib_text(paper.venue) + "}"))
    if paper.doi:
        fields.append(Field("doi", bib_text(paper.doi)))
    fields.append(Field("url", f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else url))
    return BibEntry(VENUE_TYPES.get(paper.venue_field, "misc"), key or _key(entry), fields)


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
