"""Citations say only what the sources say: years from real dates or arXiv ids, names as BibTeX reads them (#15)."""

from __future__ import annotations

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

from generator.citations import arxiv_year, citations
from generator.model import Entry, Origin, Paper

# Real authors of real papers (arXiv author lists), each a case BibTeX splits differently:
# particles (Del, van, von, de la), suffixes (III, Jr.), a single name (an organisation).
NAMES = {
    "Adrian Del Maestro": ("Adrian", "", "Del Maestro", ""),
    "Hal Daumé III": ("Hal", "", "Daumé", "III"),
    "Frank van Harmelen": ("Frank", "van", "Harmelen", ""),
    "Carl Friedrich von Weizsäcker": ("Carl Friedrich", "von", "Weizsäcker", ""),
    "Richard M. Karr, Jr.": ("Richard M.", "", "Karr", "Jr."),
    "Jean-Baptiste de la Salle": ("Jean-Baptiste", "de la", "Salle", ""),
    "Li Fei-Fei": ("Li", "", "Fei-Fei", ""),
    "DeepSeek-AI": ("", "", "{DeepSeek-AI}", ""),
}


def entry(title: str, authors=(), arxiv_id=None, published=None, history=()) -> Entry:
    paper = Paper(title=title, abstract="An abstract.", origin=Origin("listing.txt", 1), authors=tuple(authors), arxiv_id=arxiv_id, published=published)
    return Entry(paper=paper, slug=title.lower().replace(" ", "-"), history=tuple(history))


def parsed(bib: str) -> dict:
    library = bibtexparser.parse_string(bib, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    return library.entries[0]


def test_names_with_particles_suffixes_and_single_names_round_trip_through_a_bibtex_parser():
    paper = entry("Names Of Every Shape", authors=list(NAMES))
    bib = citations([paper], {paper.slug: "https://example.org/p/"})[paper.slug]
    got = [(" ".join(n.first), " ".join(n.von), " ".join(n.last), " ".join(n.jr)) for n in parsed(bib)["author"]]
    assert got == list(NAMES.values())


@pytest.mark.parametrize(
    ("arxiv_id", "year"),
    [("2501.00663", "2025"), ("1706.03762v7", "2017"), ("astro-ph/0601001", "2006"), ("hep-th/9901001v2", "1999"), ("math.GT/0309136", "2003"), ("not-an-id", None)],
)
def test_an_arxiv_identifier_gives_the_year_it_was_issued(arxiv_id, year):
    assert arxiv_year(arxiv_id) == year


def test_a_year_comes_from_the_paper_never_from_the_day_a_build_saw_it():
    seen_today = [("listing.txt", "2026-12-02", "2026-12-02")]
    titans = entry("Titans Learning to Memorize", authors=["Ali Behrouz"], arxiv_id="2501.00663", history=seen_today)
    dated = entry("Attention Is All You Need", authors=["Ashish Vaswani"], published="2017-06-12", history=seen_today)
    bare = entry("A Paper Nobody Dated", history=seen_today)
    bibs = citations([titans, dated, bare], {e.slug: f"https://example.org/{e.slug}/" for e in (titans, dated, bare)})
    assert parsed(bibs[titans.slug])["year"] == "2025" and parsed(bibs[titans.slug]).key == "behrouz2025titans"
    assert parsed(bibs[dated.slug])["year"] == "2017" and parsed(bibs[dated.slug]).key == "vaswani2017attention"
    assert "year" not in parsed(bibs[bare.slug]).fields_dict and "2026" not in bibs[bare.slug]
