"""The enrich stage: from merged papers to entries with slugs, tags, links, names, summaries, related papers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator import slugs as slugging
from generator.slugs import digest
from generator.enrich import links, names, related, spelling, summary, taxonomy
from generator.model import Entry, Link, Paper
from generator.workers import one_worker


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of the code that derives entries (this package, the slugs and the model): cached results
    made by other code are never reused, with no version number to remember to bump."""
    here = Path(__file__).parent
    # The learned field model is code too: a retrained one must tag every paper again.
    files = sorted(here.glob("*.py")) + [Path(slugging.__file__), here.parent / "model.py", here.parent / "data" / "fields-model.json"]
    return digest(*(f.read_text(encoding="utf-8") for f in files), length=40)


def enrich(papers: list[Paper], tax: taxonomy.Taxonomy, memo: dict | None = None) -> list[Entry]:
    """Derive everything a page shows; pure: the same papers and taxonomy give the same entries.

    memo, if given, maps content hashes to results of earlier runs (see generator/cache.py): a paper
    whose text and taxonomy are unchanged is not analysed again, and related papers are recomputed
    only when some paper changed. Afterwards memo holds exactly this run's results, ready to save.
    """
    previous = dict(memo or {})
    memo = {} if memo is None else memo
    memo.clear()
    slugs = slugging.assign([(p.title, p.abstract) for p in papers])
    rules = digest(code_digest(), repr([(r.tag, r.tag.field, r.phrases, r.patterns, r.categories) for r in tax.rules]), length=40)
    everything = digest(code_digest(), *(f"{s}\x1e{p.title}\x1e{p.abstract}" for s, p in zip(slugs, papers)), length=40)
    similar = previous.get(everything)
    with one_worker(len(papers) if similar is None else 0, PARALLEL_FROM) as pool:
        # Related papers (global, numpy) and each paper's own analysis (Python) are independent: on
        # two cores the first runs in a worker process while this one does the second.
        pending = pool.submit(related.related, papers, slugs) if pool and similar is None else None
        derived = []
        for paper in papers:
            key = digest(rules, repr(paper), length=40)
            memo[key] = previous.get(key) or _derive(paper, tax)
            derived.append(memo[key])
        if similar is None:
            similar = pending.result() if pending else related.related(papers, slugs)
    memo[everything] = similar
    tags = taxonomy.fold_lone_topics([own[0] for own in derived], tax)  # a site-wide pass, after every paper
    return [
        Entry(paper, slug, own_tags, *own[1:5], related=near, variants=own[5])
        for paper, slug, own, own_tags, near in zip(papers, slugs, derived, tags, similar)
    ]


PARALLEL_FROM = 2000  # papers; below this a worker process costs more than it saves


def _derive(paper: Paper, tax: taxonomy.Taxonomy) -> tuple:
    """What one paper's own text gives: tags, links, short name, acronyms, summary, spellings."""
    return (
        taxonomy.assign(paper, tax),
        _links(paper),
        names.short_name(paper.title),
        names.acronyms(paper.abstract),
        summary.summarize(paper.abstract),
        spelling.variants(paper.title, paper.abstract),
    )


def _links(paper: Paper) -> tuple[Link, ...]:
    """Links from the abstract, then those the sources name; only http(s) ones, each once."""
    found = list(links.find_links(paper.abstract))
    if paper.arxiv_id:
        found.append(Link("arxiv", f"https://arxiv.org/abs/{paper.arxiv_id}", f"arXiv:{paper.arxiv_id}"))
        found.append(Link("pdf", f"https://arxiv.org/pdf/{paper.arxiv_id}", "PDF"))
    extra = [(paper.repository, None), (paper.project_page, None), (f"https://doi.org/{paper.doi}" if paper.doi else None, "doi"), (paper.url, "web")]
    for url, kind in extra:
        safe = links.safe_url(url)
        if safe and all(link.url.rstrip("/").lower() != safe.rstrip("/").lower() for link in found):
            link = links.classify(safe)
            if kind == "doi":
                link = Link("doi", safe, f"doi:{paper.doi}")
            elif kind == "web" and link.kind == "project":  # a bibliography's url is the paper's own page
                link = Link("web", safe, link.label)
            found.append(link)
    return tuple(found)
