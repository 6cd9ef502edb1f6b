"""Every seed format, merging across sources, the curation file, history and `papershelf add`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator import latex
from generator.build import InputError, build
from generator.cli import main
from generator.errors import ConfigError
from generator.merge import merge
from generator.sources import read_seeds
from helpers import FIXTURES, REPO, soup

SOURCES = FIXTURES / "sources"
NET_HF = FIXTURES / "net" / "hf"


def read_one(tmp_path: Path, name: str):
    (tmp_path / "seeds").mkdir(exist_ok=True)
    shutil.copy(SOURCES / name, tmp_path / "seeds" / name)
    return read_seeds(tmp_path / "seeds", tmp_path)


def read_answer(tmp_path: Path, name: str):
    """A real Hugging Face answer (tests/fixtures/net/hf/, PROVENANCE.md there) saved by hand as seeds/daily.json."""
    (tmp_path / "seeds").mkdir(exist_ok=True)
    shutil.copy(NET_HF / name, tmp_path / "seeds" / "daily.json")
    result = read_seeds(tmp_path / "seeds", tmp_path)
    return {p.arxiv_id: p for p in result.papers}, result.problems


def test_daily_papers_json(tmp_path):
    papers, problems = read_answer(tmp_path, "daily_papers-2026-06-12.json")
    assert len(papers) == 30 and problems == []
    minimax = papers["2606.13392"]
    assert (minimax.upvotes, minimax.stars, minimax.comments, minimax.organization) == (103, 251, 4, "MiniMax")
    assert minimax.repository == "https://github.com/MiniMax-AI/MSA" and minimax.project_page is None
    assert minimax.authors[:2] == ("Xunhao Lai", "Weiqi Xu") and len(minimax.authors) == 11
    # arXiv's day, then the listing day (submittedOnDailyAt); the day its upvotes were read is unknown here
    # (a list saved by hand; papershelf fetch hf records it), so no page may say "as of" a day (#16).
    assert (minimax.published, minimax.listed, minimax.seen, minimax.upvotes_read) == ("2026-06-11", "2026-06-12", (("seeds/daily.json", "2026-06-12"),), None)
    assert minimax.hf_summary.startswith("MiniMax Sparse Attention enables efficient processing of ultra-long contexts")
    assert minimax.hf_keywords[:3] == ("sparse attention", "Grouped Query Attention", "Top-k selection")
    michigan = papers["2606.13594"]
    assert (michigan.project_page, michigan.repository, michigan.stars, michigan.organization) == (
        "https://chicychen.github.io/dense-hetero-latent-mas/", None, None, "University of Michigan")
    assert papers["2606.00467"].upvotes == 0  # a count of 0 is a count, not a missing one
    assert {p.listed for p in papers.values()} == {"2026-06-12"}


def test_answers_without_ai_summary_and_with_a_star_count_of_0(tmp_path):
    papers, problems = read_answer(tmp_path, "latest-limit30-2026-07-31.json")
    assert len(papers) == 30 and problems == []
    assert {(p.hf_summary, p.hf_keywords) for p in papers.values()} == {(None, ())}
    assert (papers["2607.18806"].stars, papers["2607.18806"].repository) == (0, "https://github.com/ntt-dkiku/ai-tour-meeting")
    assert papers["2607.28582"].organization == "Furong Huang's Lab at UMD"  # organization.fullname, not its name furonghuang-lab
    # Abstracts keep arXiv's TeX (85.78\\%, 58--75\\%, 8\\,GB): the LaTeX stage decodes them like any source's.
    assert "reach 85.78%, 100.00%, 97.67%, and 97.89% success" in latex.decoded(papers["2607.26056"]).abstract


def test_a_today_answer_spans_its_listing_days(tmp_path):
    """/api/daily_papers?limit=25 on Monday 2026-07-13 also held Friday's papers; summaries come later."""
    papers, problems = read_answer(tmp_path, "latest-limit25-2026-07-13.json")
    days = [p.listed for p in papers.values()]
    assert (days.count("2026-07-13"), days.count("2026-07-10")) == (14, 11) and problems == []
    assert sum(p.hf_summary is not None for p in papers.values()) == 10
    assert latex.decoded(papers["2607.08393"]).abstract.count("Knowing–Using Gap") == 1  # \\textbf{Knowing--Using Gap}


def test_a_page_from_an_answer_without_ai_summary_shows_no_summary(project):
    """Nothing stands in for a missing ai_summary; a repository with 0 stars says 0; no fetch day, no "as of"."""
    shutil.copy(NET_HF / "latest-limit30-2026-07-31.json", project.seeds / "daily.json")
    build(project)
    parsed = soup(project.site / "papers" / "ai-tour-meeting-group-travel-planning-by-llm-agents" / "index.html")
    assert parsed.select(".md-content .admonition") == [] and "AI summary" not in parsed.get_text()
    meta = [" ".join(m.get_text(" ").split()) for m in parsed.select(".md-content .ps-meta")]
    assert "published 2026-07-21 · on Hugging Face Daily Papers 2026-07-31 · 3 upvotes on Hugging Face · 2 comments · 0 stars on its repository" in meta
    links = {a["href"] for a in parsed.select(".md-content a[href]")}
    assert {"https://github.com/ntt-dkiku/ai-tour-meeting", "https://ntt-dkiku.github.io/ai-tour-meeting/"} <= links


def test_a_withdrawn_paper_is_skipped(tmp_path):
    # Hand-made (tests/fixtures/sources/daily_papers.json): no recorded answer holds a withdrawnAt.
    result = read_one(tmp_path, "daily_papers.json")
    assert [p.arxiv_id for p in result.papers] == ["2501.00663", "2402.04617", "2403.01234"]
    assert [str(p) for p in result.problems] == ['seeds/daily_papers.json: item 3 "A Withdrawn Paper" was withdrawn on 2024-01-20; skipped']


def test_search_results_wrapper(tmp_path):
    (paper,) = read_one(tmp_path, "search_results.json").papers
    assert (paper.title, paper.arxiv_id) == ("Pointer Networks", "1506.03134")


def test_arxiv_atom(tmp_path):
    result = read_one(tmp_path, "arxiv.xml")
    pointer, retrieval = result.papers
    assert pointer.title == "Pointer Networks"  # hard-wrapped title collapsed
    assert pointer.abstract.startswith("We introduce a new neural architecture to learn the conditional probability of an output")
    assert pointer.arxiv_id == "1506.03134"  # version dropped
    assert pointer.categories == ("stat.ML", "cs.CG") and pointer.published == "2015-06-09"
    assert retrieval.doi == "10.0000/example.retrieval"
    assert result.problems == []


@pytest.mark.parametrize(
    "name, message",
    [
        ("arxiv_error.xml", 'seeds/arxiv_error.xml: entry 1 is arXiv\'s error answer: "incorrect id format for bad"'),
        ("rate_exceeded.xml", 'seeds/rate_exceeded.xml:1: is arXiv\'s throttling answer "Rate exceeded.", not a feed; fetch it again later'),
        ("malformed.json", "seeds/malformed.json:1: is not valid JSON: Expecting property name enclosed in double quotes: line 1 column 27 (char 26)"),
    ],
)
def test_answers_that_are_errors_not_papers(tmp_path, name, message):
    result = read_one(tmp_path, name)
    assert result.papers == []
    assert [(str(p), p.level) for p in result.problems] == [(message, "error")]


def test_bibtex_keeps_author_order_and_finds_arxiv_ids(tmp_path):
    result = read_one(tmp_path, "papers.bib")
    svm, consciousness, handbook = result.papers
    assert svm.authors == ("Davoud Ataee Tarzanagh", "Yingcong Li", "Christos Thrampoulidis", "Samet Oymak")
    assert (svm.arxiv_id, svm.published, svm.categories) == ("2308.16898", "2023", ("cs.LG",))
    # Braces reach the LaTeX stage, which reads {\\"u} and \\texttt{Davos} whole (generator/latex.py).
    assert (consciousness.title, consciousness.arxiv_id) == ("The {Consciousness} Prior", "1709.08568")
    assert latex.decoded(consciousness).title == "The Consciousness Prior"
    assert handbook.abstract == ""
    assert [str(p) for p in result.problems] == ["seeds/papers.bib:18: is not a valid BibTeX entry: '@article{broken, title = {A Broken Entry'; skipped"]


def test_bibtex_latex_and_names_are_decoded(tmp_path):
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "names.bib").write_text(
        "@inproceedings{daume2007frustratingly,\n"
        "  title = {Frustratingly Easy Domain Adaptation with \\texttt{Davos} and G\\\"odel},\n"
        "  author = {Daum{\\'e}, III, Hal and van Harmelen, Frank and {Del Maestro}, Adrian and Karr, Jr., Richard M. and {DeepSeek-AI}},\n"
        "  abstract = {A~knowledge of $O(n^2)$ methods, see~\\cite{x}.},\n"
        "  year = {2007}\n}\n",
        encoding="utf-8",
    )
    (paper,) = [latex.decoded(p) for p in read_seeds(tmp_path / "seeds", tmp_path).papers]
    assert paper.title == "Frustratingly Easy Domain Adaptation with Davos and Gödel"
    assert paper.authors == ("Hal Daumé III", "Frank van Harmelen", "Adrian Del Maestro", "Richard M. Karr Jr.", "DeepSeek-AI")
    assert (paper.abstract, paper.abstract_rich) == ("A knowledge of O(n^2) methods, see.", "A knowledge of $O(n^2)$ methods, see.")


def test_hand_written_records(tmp_path):
    result = read_one(tmp_path, "records.yml")
    (paper,) = result.papers
    assert (paper.arxiv_id, paper.repository, paper.published) == ("2412.09764", "https://github.com/facebookresearch/memory", "2024-12-12")
    assert [str(p) for p in result.problems] == [
        "seeds/records.yml:2: record 1 has unknown field(s) venue (known: abstract, arxiv, authors, code, doi, project, published, title); they were ignored"
    ]


def test_records_in_json_are_named_by_their_line(tmp_path):
    (tmp_path / "seeds").mkdir()
    text = (
        '{"papers": [\n  {"title": "First", "abstract": "One."},\n'
        '  {"abstract": "No title here."},\n'
        '  {"title": "Th\\u00e9orie \\"quoted\\"",\n   "abstract": "Three.", "venue": "X"}\n]}\n'
    )
    (tmp_path / "seeds" / "records.json").write_text(text, encoding="utf-8")
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert [p.origin.line for p in result.papers] == [2, 4]
    assert [str(p) for p in result.problems] == [
        "seeds/records.json: record 2 has no title; skipped",
        "seeds/records.json:4: record 3 has unknown field(s) venue (known: abstract, arxiv, authors, code, doi, project, published, title); they were ignored",
    ]


def mixed_seeds(folder: Path) -> None:
    # daily_papers.json is hand-made: merging needs papers that are also in seeds/hf-trending-listing.txt
    # (Titans, InfLLM), and no recorded Hugging Face answer lists one of them.
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", folder / "hf-trending-listing.txt")
    for name in ("daily_papers.json", "arxiv.xml", "papers.bib", "records.yml", "search_results.json"):
        shutil.copy(SOURCES / name, folder / name)


def test_overlapping_sources_merge_into_one_paper_each(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    mixed_seeds(seeds)
    read = read_seeds(seeds, tmp_path)
    papers, problems = merge(read.papers)
    titles = [p.title for p in papers]
    assert len(titles) == len(set(titles)) == 55 + 3  # the video paper, the curator's record and the handbook are new
    titans = next(p for p in papers if p.title.startswith("Titans"))
    assert titans.abstract.startswith("Over more than a decade") and len(titans.abstract) > 1000  # the fuller abstract wins
    assert titans.authors[0] == "Ali Behrouz" and titans.arxiv_id == "2501.00663"
    assert titans.sources == ("seeds/daily_papers.json", "seeds/hf-trending-listing.txt")
    pointer = next(p for p in papers if p.title == "Pointer Networks")
    assert set(pointer.sources) == {"seeds/arxiv.xml", "seeds/hf-trending-listing.txt", "seeds/search_results.json"}
    assert pointer.authors == ("Oriol Vinyals", "Meire Fortunato", "Navdeep Jaitly")
    handbook = next(p for p in papers if p.title == "A Handbook Without Abstract")  # kept: a page with what it has (#15)
    assert (handbook.abstract, handbook.authors) == ("", ("Some Nobody",))
    assert not [p for p in problems if "Handbook" in p.message]


def test_mixed_seed_site_shows_authors_and_links(project):
    mixed_seeds(project.seeds)
    build(project, strict=False)
    parsed = soup(project.site / "papers" / "titans-learning-to-memorize-at-test-time" / "index.html")
    page = parsed.get_text(" ")
    links = {a["href"] for a in parsed.find_all("a", href=True)}
    assert parsed.select_one(".ps-authors").get_text().startswith("Ali Behrouz, Peilin Zhong, Vahab Mirrokni")  # names are links
    assert {"https://arxiv.org/abs/2501.00663", "https://arxiv.org/pdf/2501.00663", "https://github.com/lucidrains/titans-pytorch"} <= links
    assert "on Hugging Face Daily Papers 2025-01-01" in page and "87 upvotes on Hugging Face" in page and "1234 stars on its repository" in page
    assert "counts as of" not in page
    assert "Hugging Face papers: 2025-01-01" in page  # first seen in the daily listing, named as a reader knows it
    assert "seeds/" not in page and "daily_papers.json" not in page  # never the project's file names (#15)
    assert len(list((project.site / "papers").glob("*/index.html"))) == 58
    handbook = soup(project.site / "papers" / "a-handbook-without-abstract" / "index.html").select_one(".md-content")
    assert handbook.select_one(".ps-none").get_text(strip=True) == "No abstract in the source."
    assert "Some Nobody" in handbook.select_one(".ps-authors").get_text()


def write_curation(project, text: str) -> None:
    (project.seeds / "curation.yml").write_text(text)


def test_curation_edits_survive_rebuilds(project):
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", project.seeds)
    shutil.copy(SOURCES / "daily_papers.json", project.seeds)
    write_curation(project, """papers:
  "2501.00663":
    add_tags: [cognitive-science]
    remove_tags: [sequence-models]
    note: "Read in the group on <b>Friday</b>."
    pin: true
  combiner-full-attention-transformer-with-sparse-computation-cost:
    hide: false
  pointer-networks:
    hide: true
""")
    for _ in range(2):
        build(project, site_too=False)
        titans = (project.docs / "papers" / "titans-learning-to-memorize-at-test-time.md").read_text()
        assert "[Cognitive science]" in titans and "[Sequence models]" not in titans
        assert "Read in the group on &#60;b&#62;Friday&#60;/b&#62;." in titans
        assert not (project.docs / "papers" / "pointer-networks.md").exists()
        home = (project.docs / "index.md").read_text()
        assert re.search(r"^1\. \*\*\[Titans", home, re.M)


def test_curation_mistakes_are_all_reported(project):
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", project.seeds)
    write_curation(project, """papers:
  ../../etc/passwd:
    hide: true
  titans-learning-to-memorize-at-test-time:
    colour: blue
    add_tags: [robots]
    pin: "yes"
""")
    with pytest.raises(ConfigError) as caught:
        build(project, site_too=False)
    assert str(caught.value).splitlines() == [
        "seeds/curation.yml: paper 'titans-learning-to-memorize-at-test-time': unknown key 'colour' (known: add_tags, hide, note, pin, remove_tags)",
        "seeds/curation.yml: paper 'titans-learning-to-memorize-at-test-time': tag 'robots' is not in the taxonomy",
        "seeds/curation.yml: paper 'titans-learning-to-memorize-at-test-time': pin must be true or false, not 'yes'",
    ]
    assert not (project.docs / "papers").exists()


def test_a_curation_entry_for_a_paper_no_source_lists_is_a_warning(project):
    """Trending listings drop papers every day: the curator's edit waits, the build goes on (#16)."""
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", project.seeds)
    write_curation(project, """papers:
  titans-learning-to-memorize-at-test-time:
    pin: true
  a-paper-that-left-the-listing:
    note: read on Friday
""")
    report = build(project, site_too=False)
    assert [f"{p.level}: {p}" for p in report.problems if "curation" in p.path] == [
        "warning: seeds/curation.yml:4: paper 'a-paper-that-left-the-listing': no paper in the seeds has this slug or arXiv id (see a paper's page for its slug); its edits wait until a source lists it",
    ]
    home = (project.docs / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^1\. \*\*\[Titans", home, re.M)  # the other edit still applies
    with pytest.raises(InputError):
        build(project, strict=True, site_too=False)  # under --strict a warning stops the build


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", "seeds/curation.yml: paper 'titans-learning-to-memorize-at-test-time': add_tags is 5, not a list of tag slugs"),
        ("{a: 1}", "seeds/curation.yml: paper 'titans-learning-to-memorize-at-test-time': add_tags is an object, not a list of tag slugs"),
        ("llm", "seeds/curation.yml: paper 'titans-learning-to-memorize-at-test-time': tag 'llm' is not in the taxonomy"),
    ],
)
def test_curation_tags_of_the_wrong_type_are_named(project, value, expected):
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", project.seeds)
    write_curation(project, f"papers:\n  titans-learning-to-memorize-at-test-time:\n    add_tags: {value}\n")
    with pytest.raises(ConfigError) as caught:
        build(project, site_too=False)
    assert str(caught.value).splitlines() == [expected]


def test_history_records_first_and_last_seen(project, monkeypatch):
    shutil.copy(SOURCES / "daily_papers.json", project.seeds)
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", project.seeds)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773187200")  # 2026-03-11
    build(project, site_too=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773446400")  # 2026-03-14: the same listing, built again
    build(project, site_too=False)
    state = json.loads((project.seeds / "history.json").read_text())["papers"]
    # An unchanged listing is no new sighting: neither "new" nor "last seen" moves with the build's day (#16).
    assert state["arXiv:2501.00663"] == {
        "seeds/daily_papers.json": ["2025-01-01", "2025-01-01"],
        "seeds/hf-trending-listing.txt": ["2026-03-11", "2026-03-11"],
    }
    # The listing changes on 2026-03-15 (a paper leaves it): the papers still in it are seen that day.
    listing = project.seeds / "hf-trending-listing.txt"
    text = listing.read_text(encoding="utf-8")
    gone = "Pointer Networks"
    start = text.index(gone)
    listing.write_text(text[:start] + text[text.index("\n\n", text.index("\n\n", start) + 2) + 2:], encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773532800")  # 2026-03-15
    build(project, site_too=False)
    state = json.loads((project.seeds / "history.json").read_text())["papers"]
    assert state["arXiv:2501.00663"]["seeds/hf-trending-listing.txt"] == ["2026-03-11", "2026-03-15"]
    assert state["pointernetworks"]["seeds/hf-trending-listing.txt"] == ["2026-03-11", "2026-03-11"]
    page = (project.docs / "papers" / "titans-learning-to-memorize-at-test-time.md").read_text()
    # The page names the pasted listing, without the builder's days; the dated answer keeps its own day.
    assert "- the Hugging Face papers page, Mar 11\n" in page and "2026-03-1" not in page
    assert "- Hugging Face papers: 2025-01-01\n" in page
    before = (project.seeds / "history.json").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773619200")  # 2026-03-16, nothing changed: nothing moves
    build(project, site_too=False)
    assert (project.seeds / "history.json").read_bytes() == before


def test_add_checks_then_stores(project, capsys, monkeypatch):
    code = main(["-C", str(project.root), "add", str(SOURCES / "arxiv.xml")])
    out, err = capsys.readouterr()
    assert code == 0
    assert re.fullmatch(r"papershelf: added 2 papers as seeds/arxiv-[0-9a-f]{10}\.xml; run papershelf build to publish them\n", out)
    code = main(["-C", str(project.root), "add", str(SOURCES / "rate_exceeded.xml")])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == 'papershelf: error: rate_exceeded.xml: is arXiv\'s throttling answer "Rate exceeded.", not a feed; fetch it again later\nnothing was added\n'
    assert len(list(project.seeds.iterdir())) == 1


def test_record_fields_of_the_wrong_type_are_said_and_not_shown(tmp_path):
    """authors: 5 became the author "5", and 1e400 the author "inf" (#21): nothing a source did not say."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "r.yml").write_text(
        "papers:\n  - title: A Paper\n    abstract: What it does.\n    authors: 5\n    published: 99999999999999999999\n"
        "  - title: [not, text]\n    abstract: x\n",
        encoding="utf-8",
    )
    (tmp_path / "seeds" / "r2.json").write_text('{"papers": [{"title": "T", "abstract": "A.", "published": 1e400, "authors": [1e400, "Ada"]}]}', encoding="utf-8")
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert [(p.title, p.authors, p.published) for p in result.papers] == [("A Paper", (), None), ("T", (), None)]
    assert [str(p) for p in result.problems] == [
        "seeds/r.yml:2: record 1: authors is 5, not a list of names; ignored",
        "seeds/r.yml:2: record 1: published is 99999999999999999999, not a date (YYYY-MM-DD); ignored",
        "seeds/r.yml:6: record 2: title is a list, not text; skipped",
        "seeds/r2.json:1: record 1: authors is a list, not a list of names; ignored",
        "seeds/r2.json:1: record 1: published is Infinity, not a date (YYYY-MM-DD); ignored",
    ]


def test_a_new_format_is_one_module_found_by_its_suffixes(tmp_path, monkeypatch):
    """A reader from another installed package (a `papershelf.readers` entry point) reads its files."""
    import importlib.metadata
    import types

    from generator.model import Origin, Paper
    from generator.sources import ReadResult

    def read(path, lines):
        rows = [line.split(";") for _, line in lines if line.strip()]
        return ReadResult(papers=[Paper(title, abstract, Origin(path, 1), sources=(path,)) for title, abstract in rows])

    module = types.SimpleNamespace(SUFFIXES=(".csv",), read=read)
    point = types.SimpleNamespace(load=lambda: module)
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: [point] if kw.get("group") == "papershelf.readers" else real(**kw))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "mine.csv").write_text("A Title;Its abstract.\n", encoding="utf-8")
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert [(p.title, p.abstract) for p in result.papers] == [("A Title", "Its abstract.")] and result.problems == []
    (tmp_path / "seeds" / "mine.csv").unlink()
    (tmp_path / "seeds" / "other.tsv").write_text("x", encoding="utf-8")
    assert [str(p) for p in read_seeds(tmp_path / "seeds", tmp_path).problems] == ["seeds/other.tsv: not a known seed format (.tsv); skipped"]
