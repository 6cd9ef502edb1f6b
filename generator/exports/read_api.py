"""The JSON read API: papers.json, and each tag's list of papers."""

from __future__ import annotations

from generator.model import Entry, by_tag
from generator.outputs import Site, as_json, first_seen, page_url


def files(site: Site) -> dict[str, str]:
    made = {"papers.json": as_json({"papers": [record(e, site.url, site.names) for e in site.entries]})}
    grouped = by_tag(site.entries)
    for tag in site.taxonomy.tags:
        tagged = grouped.get(tag.slug, [])
        # A tag's list names its papers; their records are in papers.json once, not once per tag.
        made[f"api/tags/{tag.slug}.json"] = as_json(
            {"tag": tag.slug, "name": tag.name, "papers": [{"slug": e.slug, "title": e.paper.title, "url": page_url(site.url, e)} for e in tagged]}
        )
    return made


def record(entry: Entry, site_url: str, names: dict[str, str]) -> dict:
    """One paper in the read API. Its sources by the names readers know them, never file names (#15);
    a rank only where the source ranks papers (a pasted trending page)."""
    paper = entry.paper
    return {
        "slug": entry.slug,
        "title": paper.title,
        "url": page_url(site_url, entry),
        "summary": entry.summary,
        "tags": [m.tag.slug for m in entry.tags],
        "authors": list(paper.authors),
        "ids": {k: v for k, v in {"arxiv": paper.arxiv_id, "doi": paper.doi}.items() if v},
        "links": [{"kind": link.kind, "url": link.url} for link in entry.links],
        "rank": paper.rank,
        "first_seen": first_seen(entry),
        "sources": list(dict.fromkeys(names.get(s, "a listing") for s in paper.sources)),
    }
