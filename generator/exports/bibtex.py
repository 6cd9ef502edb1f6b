"""BibTeX for the whole site (papers.bib) and for each tag."""

from __future__ import annotations

from generator import citations
from generator.model import by_tag
from generator.outputs import Site


def files(site: Site) -> dict[str, str]:
    made = {"papers.bib": citations.bulk(site.entries, site.bibs)}
    grouped = by_tag(site.entries)
    for tag in site.taxonomy.tags:
        made[f"bib/tags/{tag.slug}.bib"] = citations.bulk(grouped.get(tag.slug, []), site.bibs)
    return made
