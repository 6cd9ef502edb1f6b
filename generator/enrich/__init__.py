"""The enrich stage: from merged papers to entries with slugs, tags, links, names, summaries, related papers."""

from __future__ import annotations

from generator import slugs as slugging
from generator.enrich import links, names, related, spelling, summary, taxonomy
from generator.model import Entry, Link, Paper


def enrich(papers: list[Paper], tax: taxonomy.Taxonomy) -> list[Entry]:
    """Derive everything a page shows; pure: the same papers and taxonomy give the same entries."""
    slugs = slugging.assign([(p.title, p.abstract) for p in papers])
    similar = related.related(papers, slugs)
    return [
        Entry(
            paper=paper,
            slug=slug,
            tags=taxonomy.assign(paper, tax),
            links=_links(paper),
            short_name=names.short_name(paper.title),
            acronyms=names.acronyms(paper.abstract),
            summary=summary.summarize(paper.abstract),
            related=near,
            variants=spelling.variants(paper.title, paper.abstract),
        )
        for paper, slug, near in zip(papers, slugs, similar)
    ]


def _links(paper: Paper) -> tuple[Link, ...]:
    """Links from the abstract, then those the sources name; only http(s) ones, each once."""
    found = list(links.find_links(paper.abstract))
    if paper.arxiv_id:
        found.append(Link("arxiv", f"https://arxiv.org/abs/{paper.arxiv_id}", f"arXiv:{paper.arxiv_id}"))
        found.append(Link("pdf", f"https://arxiv.org/pdf/{paper.arxiv_id}", "PDF"))
    extra = [paper.repository, paper.project_page, f"https://doi.org/{paper.doi}" if paper.doi else None]
    for url in extra:
        safe = links.safe_url(url)
        if safe and all(link.url.rstrip("/").lower() != safe.rstrip("/").lower() for link in found):
            found.append(links.classify(safe) if "doi.org" not in safe else Link("doi", safe, f"doi:{paper.doi}"))
    return tuple(found)
