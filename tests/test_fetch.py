"""papershelf fetch and resolve against a real HTTP server on 127.0.0.1 answering with recorded real
answers of Hugging Face's and arXiv's APIs (tests/netserver.py; provenance in tests/fixtures/net/)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import cli
from generator.fetch import BadRequest
from generator.fetch import arxiv as arxiv_fetch
from generator.fetch import hf as hf_fetch
from generator.net import SourceDown
import netserver
from helpers import FIXTURES, make_project, soup

HF_DAY = "2024-10-25"  # the recorded daily list (deep-diver/paper-reviewer, daily_papers.json)
# A real 2026 daily list (lucas-m-lopes/sotawhat): ai_summary, githubStars, organization, submittedOnDailyAt.
HF_2026 = "2026-06-12"


@pytest.fixture
def stand(monkeypatch):
    server = netserver.start()
    monkeypatch.setenv("PAPERSHELF_HF_API", f"{server.base}/hf")
    monkeypatch.setenv("PAPERSHELF_ARXIV_API", f"{server.base}/arxiv/query")
    monkeypatch.setenv("PAPERSHELF_ARXIV_DELAY", "0")
    monkeypatch.setenv("PAPERSHELF_HTTP_BACKOFF", "0")
    monkeypatch.setenv("PAPERSHELF_HTTP_RETRIES", "2")
    monkeypatch.setenv("PAPERSHELF_HTTP_TIMEOUT", "5")
    monkeypatch.delenv("PAPERSHELF_OFFLINE", raising=False)
    yield server
    server.shutdown()
    server.server_close()


def run(project: Path, *args: str) -> int:
    return cli.main(["-C", str(project), *args])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_fetch_hf_stores_the_day_and_a_second_fetch_changes_nothing(tmp_path, stand, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02: the day the answer is read
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", "--date", HF_DAY) == 0
    path = project / "seeds" / f"hf-daily-{HF_DAY}.json"
    stored = json.loads(path.read_text(encoding="utf-8"))
    recorded = json.loads((FIXTURES / "net" / "hf" / f"daily_papers-{HF_DAY}.json").read_text(encoding="utf-8"))
    assert stored["dailyPapers"] == recorded  # every item as Hugging Face sent it
    assert stored["fetched"] == "2025-12-02"
    assert capsys.readouterr().out == f"papershelf: 4 papers; wrote seeds/hf-daily-{HF_DAY}.json\n"
    before = snapshot(project / "seeds")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764720000")  # a day later, the same answer
    assert run(project, "fetch", "hf", "--date", HF_DAY) == 0
    assert snapshot(project / "seeds") == before
    assert capsys.readouterr().out == f"papershelf: 4 papers; seeds/hf-daily-{HF_DAY}.json already holds this answer, unchanged\n"


@pytest.fixture(scope="module")
def site_2026(tmp_path_factory):
    """papershelf fetch hf --date 2026-06-12 from the stand-in, read on 2026-06-13, then papershelf build."""
    server = netserver.start()
    project = make_project(tmp_path_factory.mktemp("hf2026") / "p")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PAPERSHELF_HF_API", f"{server.base}/hf")
        env.setenv("SOURCE_DATE_EPOCH", "1781308800")  # 2026-06-13
        env.delenv("PAPERSHELF_OFFLINE", raising=False)
        assert run(project, "fetch", "hf", "--date", HF_2026) == 0
        assert run(project, "build") == 0
    server.shutdown()
    server.server_close()
    return project


def paper_page(project: Path, arxiv_id: str):
    """The built page of the paper with this arXiv id, found through the read API as a reader's script would."""
    papers = json.loads((project / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]
    (slug,) = [p["slug"] for p in papers if p["ids"].get("arxiv") == arxiv_id]
    return soup(project / "site" / "papers" / slug / "index.html")


def authors(page) -> str:
    return " ".join(page.select_one("article .ps-authors").get_text().split())


def facts(page) -> str:
    """The page's line of dated facts ("published ... · counts as of ..."), whitespace collapsed."""
    lines = [" ".join(m.get_text(" ").split()) for m in page.select("article .ps-meta")]
    (line,) = [text for text in lines if text.startswith("published ")]
    return line


def test_fetch_hf_stores_a_2026_answer_as_sent(site_2026):
    stored = json.loads((site_2026 / "seeds" / f"hf-daily-{HF_2026}.json").read_text(encoding="utf-8"))
    recorded = json.loads((FIXTURES / "net" / "hf" / f"daily_papers-{HF_2026}.json").read_text(encoding="utf-8"))
    assert stored == {"fetched": "2026-06-13", "source": stored["source"], "dailyPapers": recorded}
    assert stored["source"].endswith(f"/hf/daily_papers?date={HF_2026}")


def test_a_2026_page_shows_what_hugging_face_says(site_2026):
    """Every value is the recorded answer's, for 2606.13392 (MiniMax Sparse Attention)."""
    page = paper_page(site_2026, "2606.13392")
    assert authors(page) == "Xunhao Lai, Weiqi Xu, Yufeng Yang, Qiaorui Chen, Yang Xu, Lunbin Zeng, Xiaolong Li, Haohai Sun, Haichao Zhu, Vito Zhang, Pengyu Zhao"
    # paper.publishedAt is arXiv's day, submittedOnDailyAt the listing day; organization.fullname; paper.upvotes,
    # item numComments, paper.githubStars; the day papershelf fetch read them.
    assert facts(page) == (
        "published 2026-06-11 · on Hugging Face Daily Papers 2026-06-12 · submitted by MiniMax · 103 upvotes on Hugging Face"
        " · 4 comments · 251 stars on its repository · counts as of 2026-06-13"
    )
    summary = page.select_one("article .admonition.quote")
    assert summary.select_one(".admonition-title").get_text(strip=True) == "Hugging Face's AI summary"  # theirs, never ours
    assert " ".join(summary.select("p")[1].get_text(" ").split()) == (
        "MiniMax Sparse Attention enables efficient processing of ultra-long contexts in large language models through"
        " blockwise sparsity and optimized GPU execution, achieving significant speedups while maintaining performance."
    )
    links = {a["href"] for a in page.select("article a[href]")}
    assert {"https://arxiv.org/abs/2606.13392", "https://arxiv.org/pdf/2606.13392", "https://github.com/MiniMax-AI/MSA"} <= links


def test_a_2026_page_without_a_repository_shows_its_project_page_and_no_stars(site_2026):
    page = paper_page(site_2026, "2606.13594")  # no githubRepo; projectPage; organization University of Michigan
    assert facts(page) == "published 2026-06-11 · on Hugging Face Daily Papers 2026-06-12 · submitted by University of Michigan · 3 upvotes on Hugging Face · 2 comments · counts as of 2026-06-13"
    assert page.select_one('article a[href="https://chicychen.github.io/dense-hetero-latent-mas/"]') is not None


def test_a_2026_page_says_one_star_one_upvote_and_keeps_accents(site_2026):
    page = paper_page(site_2026, "2606.09446")  # upvotes 1, githubStars 12
    assert authors(page) == "Malamatenia Vlachou Efstathiou, Raphaël Baena, Dominique Stutzmann, Mathieu Aubry"
    assert "· 1 upvote on Hugging Face · 2 comments · 12 stars on its repository ·" in facts(page)
    assert "· 5 upvotes on Hugging Face · 3 comments · 1 star on its repository ·" in facts(paper_page(site_2026, "2606.12730"))


def test_an_author_hidden_from_their_profile_is_still_an_author(site_2026):
    """2606.12575's fourth author is claimed_verified with "hidden": true, the "Show on profile" box of
    Hugging Face's paper settings: a profile setting, not a name to leave out of the paper's authors."""
    page = paper_page(site_2026, "2606.12575")
    assert authors(page).split(", ")[2:5] == ["David Liu", "Dengyang Jiang", "Liangchen Li"]


def test_a_2026_day_is_archived_on_its_listing_day(site_2026):
    """The 2026 item publishedAt is four hours before arXiv's date (2026-05-29T20:00Z for a paper listed on
    2026-06-12): the listing day is submittedOnDailyAt, so the whole answer is one archive day."""
    day = soup(site_2026 / "site" / "archive" / "days" / HF_2026 / "index.html")
    assert len(day.select("article ol > li")) == 30
    assert sorted(p.name for p in (site_2026 / "site" / "archive" / "days").iterdir()) == [HF_2026]


def test_an_answer_asked_for_one_day_is_archived_on_that_day(tmp_path, stand):
    """The answer for 2025-01-08 has no submittedOnDailyAt, and some of its papers are stamped the
    evening before (UTC): asked for that day, they were listed that day."""
    from generator.build import build
    from generator.project import Project

    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", "--date", "2025-01-08") == 0
    stored = json.loads((project / "seeds" / "hf-daily-2025-01-08.json").read_text(encoding="utf-8"))
    stamps = {item["publishedAt"][:10] for item in stored["dailyPapers"]}
    assert stamps == {"2025-01-07", "2025-01-08"} and not any("submittedOnDailyAt" in i["paper"] for i in stored["dailyPapers"])
    build(Project(project), site_too=False)
    assert sorted(p.name for p in (project / "docs" / "archive" / "days").iterdir()) == ["2025-01-08"]
    listed = (project / "docs" / "archive" / "days" / "2025-01-08" / "index.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\d+\. \*\*\[", listed, re.MULTILINE)) == len(stored["dailyPapers"])


def test_fetch_hf_pages_until_a_short_page(tmp_path, stand, monkeypatch):
    monkeypatch.setattr(hf_fetch, "LIMIT", 3)
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", "--date", HF_DAY) == 0
    pages = [query for _, path, query in stand.requests if path == "/hf/daily_papers"]
    assert [(q["date"], q["p"], q["limit"]) for q in pages] == [(HF_DAY, "0", "3"), (HF_DAY, "1", "3")]
    stored = json.loads((project / "seeds" / f"hf-daily-{HF_DAY}.json").read_text(encoding="utf-8"))
    assert [item["paper"]["id"] for item in stored["dailyPapers"]] == ["2410.17243", "2410.16251", "2410.18533", "2410.18693"]


def test_fetch_hf_week_and_month_ask_for_their_period(tmp_path, stand, capsys):
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", "--week", "2024-W43") == 0
    assert run(project, "fetch", "hf", "--month", "2024-10") == 0
    asked = [q for _, path, q in stand.requests if path == "/hf/daily_papers"]
    assert [q.get("week") or q.get("month") for q in asked] == ["2024-W43", "2024-10"]
    # The stand-in knows no week or month: an empty answer writes nothing.
    assert capsys.readouterr().out.count("the answer lists no papers; nothing was written") == 2
    assert not list((project / "seeds").iterdir())


@pytest.mark.parametrize("args, message", [
    (["--week", "2026-W54"], "papershelf: error: --week '2026-W54': not an ISO week; write it as YYYY-Www, for example 2026-W11\n"),
    (["--month", "2026-13"], "papershelf: error: --month '2026-13': not a month; write it as YYYY-MM, for example 2026-03\n"),
    (["--date", "2026-02-30"], "papershelf: error: --date '2026-02-30': not a calendar day; write it as YYYY-MM-DD, for example 2026-03-11\n"),
])
def test_fetch_hf_refuses_a_period_that_does_not_exist(tmp_path, stand, capsys, args, message):
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", *args) == 1
    assert capsys.readouterr().err == message
    assert stand.requests == []


def test_a_503_that_stays_leaves_seeds_whole_and_names_the_url(tmp_path, stand, capsys):
    project = make_project(tmp_path / "p", seed_files=[FIXTURES / "listings" / "basic.txt"])
    (project / "seeds" / f"hf-daily-{HF_DAY}.json").write_text('{"dailyPapers": []}\n', encoding="utf-8")
    before = snapshot(project / "seeds")
    stand.fail("/hf/daily_papers", 503, 503, 503)
    assert run(project, "fetch", "hf", "--date", HF_DAY) == 1
    assert capsys.readouterr().err == (
        f"papershelf: error: {stand.base}/hf/daily_papers?date={HF_DAY}&p=0&limit=100: "
        "HTTP 503 Service Unavailable after 3 tries; nothing was written\n"
    )
    assert len(stand.requests) == 3  # PAPERSHELF_HTTP_RETRIES=2: the first try and two retries
    assert snapshot(project / "seeds") == before


def test_a_429_then_an_answer_is_retried_and_stored(tmp_path, stand):
    project = make_project(tmp_path / "p")
    stand.fail("/hf/daily_papers", 429)
    assert run(project, "fetch", "hf", "--date", HF_DAY) == 0
    assert [path for _, path, _ in stand.requests] == ["/hf/daily_papers", "/hf/daily_papers"]
    assert (project / "seeds" / f"hf-daily-{HF_DAY}.json").is_file()


def test_a_timeout_leaves_seeds_whole(tmp_path, stand, capsys, monkeypatch):
    monkeypatch.setenv("PAPERSHELF_HTTP_TIMEOUT", "0.3")
    monkeypatch.setenv("PAPERSHELF_HTTP_RETRIES", "1")
    stand.slow_seconds = 1.0
    stand.fail("/arxiv/query", "slow", "slow")
    project = make_project(tmp_path / "p", seed_files=[FIXTURES / "listings" / "basic.txt"])
    before = snapshot(project / "seeds")
    assert run(project, "fetch", "arxiv", "--id", "1605.08386") == 1
    assert capsys.readouterr().err == (
        f"papershelf: error: {stand.base}/arxiv/query?id_list=1605.08386&sortBy=relevance&sortOrder=descending&start=0&max_results=100: "
        "no answer within 0.3 s after 2 tries; nothing was written\n"
    )
    assert snapshot(project / "seeds") == before


def test_a_source_that_is_down_names_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PAPERSHELF_HF_API", "http://127.0.0.1:9/api")  # the discard port: nothing listens
    monkeypatch.setenv("PAPERSHELF_HTTP_RETRIES", "0")
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", "--date", HF_DAY) == 1
    assert capsys.readouterr().err == (
        f"papershelf: error: http://127.0.0.1:9/api/daily_papers?date={HF_DAY}&p=0&limit=100: connection refused after 1 tries; nothing was written\n"
    )


def test_offline_never_touches_the_network(tmp_path, stand, capsys, monkeypatch):
    project = make_project(tmp_path / "p", seed_files=[FIXTURES / "listings" / "basic.txt"])
    assert run(project, "fetch", "arxiv", "--id", "1605.08386", "--offline") == 1
    assert "not fetched: offline (--offline or PAPERSHELF_OFFLINE); nothing was written" in capsys.readouterr().err
    monkeypatch.setenv("PAPERSHELF_OFFLINE", "1")
    assert run(project, "fetch", "hf") == 1
    assert run(project, "resolve") == 1
    assert stand.requests == []


def test_fetch_arxiv_by_id_and_the_built_page(tmp_path, stand, capsys):
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "arxiv", "--id", "1605.08386") == 0
    assert capsys.readouterr().out == "papershelf: 1 papers; wrote seeds/arxiv-id-1605-08386.xml\n"
    recorded = (FIXTURES / "net" / "arxiv" / "id_list-1605.08386.xml").read_text(encoding="utf-8")
    assert (project / "seeds" / "arxiv-id-1605-08386.xml").read_text(encoding="utf-8") == recorded
    assert run(project, "build") == 0
    page = next((project / "site" / "papers").glob("*/index.html"))
    text = soup(page.read_text(encoding="utf-8")).get_text(" ")
    assert "published 2016-05-26" in text
    links = {a.get_text(strip=True): a["href"] for a in soup(page.read_text(encoding="utf-8")).select("article a[href]")}
    assert links["arXiv:1605.08386"] == "https://arxiv.org/abs/1605.08386"
    assert links["PDF"] == "https://arxiv.org/pdf/1605.08386"


def test_fetch_arxiv_query_pages_and_keeps_the_interval(tmp_path, stand, monkeypatch):
    monkeypatch.setattr(arxiv_fetch, "PAGE", 10)
    monkeypatch.setenv("PAPERSHELF_ARXIV_DELAY", "0.4")
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "arxiv", "--query", "testing", "--max", "20") == 0
    asked = [(t, q) for t, path, q in stand.requests if path == "/arxiv/query"]
    assert [(q["start"], q["max_results"]) for _, q in asked] == [("0", "10"), ("10", "10")]
    assert asked[1][0] - asked[0][0] >= 0.4  # arXiv's terms: one request every 3 s (here 0.4)
    text = (project / "seeds" / "arxiv-query-testing.xml").read_text(encoding="utf-8")
    assert text.count("<entry>") == 20


def test_an_empty_arxiv_answer_writes_nothing(tmp_path, stand, capsys):
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "arxiv", "--id", "0000.0000") == 0
    assert capsys.readouterr().out == "papershelf: the answer lists no papers; nothing was written (seeds/arxiv-id-0000-0000.xml not made)\n"
    assert not list((project / "seeds").iterdir())


def test_a_bad_arxiv_id_is_refused_before_asking(tmp_path, stand, capsys):
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "arxiv", "--id", "abc") == 1
    assert capsys.readouterr().err == "papershelf: error: --id 'abc': not an arXiv identifier (like 2501.00663 or astro-ph/0601001)\n"
    assert stand.requests == []


def recorded_papers(name: str):
    from generator import latex
    from generator.sources import arxiv as reader

    text = (FIXTURES / "net" / "arxiv" / name).read_text(encoding="utf-8")
    # decoded as the build decodes them (this 2026 answer double-encodes "Ramírez" as "RamÃ\xadrez")
    return latex.decode_all(reader.read(name, enumerate(text.splitlines(), start=1)).papers, {})


def front_matter(page: Path) -> dict:
    import yaml

    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])


def listing(pairs) -> str:
    """A Hugging Face page's text as a curator pastes it: chrome, then each title and its abstract."""
    return "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n" + "".join(f"{t}\n\n{a}\n\n" for t, a in pairs)


def test_resolve_finds_listed_papers_and_refuses_a_namesake(tmp_path, stand, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02
    real = recorded_papers("search-testing-start0-max10.xml")[:4]
    unknown = ("A Title No Recorded Answer Has", "We study a question that no recorded answer holds. Our method is described in enough words to read as an abstract, over several sentences. Experiments show that it works, and we release the code.")
    namesake = (real[3].title, real[0].abstract.replace(real[0].title, ""))  # arXiv's paper of this name says something else
    pairs = [(p.title, p.abstract) for p in real[:3]] + [namesake, unknown]
    project = make_project(tmp_path / "p", seeds={"listing.txt": listing(pairs)})
    assert run(project, "resolve") == 0
    captured = capsys.readouterr()
    assert captured.out == "papershelf: resolved 3 paper(s), 2 not; arXiv's entry added for 0 paper(s) known by id; wrote seeds/resolved.yml and seeds/resolved-arxiv.xml\n"
    assert captured.err == (
        f'warning: resolve: "{real[3].title}": arXiv {real[3].arxiv_id} has this title but another abstract; not matched\n'
        f'warning: resolve: "{unknown[0]}": not found on arXiv\n'
    )
    import yaml

    decided = yaml.safe_load((project / "seeds" / "resolved.yml").read_text(encoding="utf-8"))["papers"]
    assert [(d["title"], d["arxiv"], d["matched"], str(d["on"])) for d in decided] == [
        (p.title, p.arxiv_id, "title and abstract", "2025-12-02") for p in real[:3]
    ]
    assert run(project, "build") == 0
    page = soup((project / "site" / "papers").joinpath(next(p.name for p in (project / "site" / "papers").iterdir() if p.name.startswith(real[0].title.split()[0].lower()[:5])), "index.html").read_text(encoding="utf-8"))
    text = page.get_text(" ")
    assert ", ".join(real[0].authors) == page.select_one(".ps-authors").get_text()  # each name a link to its author page
    assert f"published {real[0].published}" in text
    assert page.select_one(f'a[href="https://arxiv.org/pdf/{real[0].arxiv_id}"]') is not None
    bib = page.select_one("code").get_text() if page.select_one("code") else ""
    assert f"year = {{{real[0].published[:4]}}}" in page.get_text()


def test_resolve_never_rewrites_the_curators_entries(tmp_path, stand, capsys):
    real = recorded_papers("search-testing-start0-max10.xml")[:2]
    project = make_project(tmp_path / "p", seeds={"listing.txt": listing([(p.title, p.abstract) for p in real])})
    mine = (
        "# my corrections\npapers:\n"
        f'- title: "{real[0].title}"\n  arxiv: null   # not this one: we read the journal version\n'
    )
    (project / "seeds" / "resolved.yml").write_text(mine, encoding="utf-8")
    assert run(project, "resolve") == 0
    after = (project / "seeds" / "resolved.yml").read_text(encoding="utf-8")
    assert after.startswith(mine)
    assert real[1].arxiv_id in after[len(mine):] and real[0].arxiv_id not in after
    asked = [q["search_query"] for _, path, q in stand.requests if path == "/arxiv/query"]
    assert len(asked) == 1  # the title the curator decided is not asked again
    assert run(project, "build") == 0
    # The curator's null keeps the first paper without an id: its page has no arXiv link.
    pages = {front_matter(p)["title"]: front_matter(p) for p in (project / "docs" / "papers").glob("*.md")}
    assert "arxiv" not in pages[real[0].title]
    assert pages[real[1].title]["arxiv"] == real[1].arxiv_id
    assert pages[real[1].title]["authors"] == list(real[1].authors)
    capsys.readouterr()
    assert run(project, "resolve") == 0  # nothing left to resolve: nothing is asked or written
    assert capsys.readouterr().out == "papershelf: resolved 0 paper(s), 0 not; arXiv's entry added for 0 paper(s) known by id; nothing was written\n"


def test_resolve_adds_arxivs_entry_to_papers_known_only_by_id(tmp_path, stand, capsys):
    """A paper that came with an arXiv id but not arXiv's entry (Hugging Face answers, a reading list)
    gets that entry by id, all ids in one request: its categories give its field, its authors come too."""
    real = {p.arxiv_id: p for p in recorded_papers("search-testing-start0-max10.xml")}
    rest, chatgpt = real["2204.08348"], real["2302.03287"]
    records = (
        "papers:\n"
        f'  - title: "{rest.title}"\n    arxiv: "2204.08348"\n'
        f'  - title: "{chatgpt.title}"\n    arxiv: "2302.03287"\n'
        '  - title: "A Paper arXiv Has Never Heard Of"\n    arxiv: "2501.99999"\n'
    )
    project = make_project(tmp_path / "p", seeds={"reading-list.yml": records})
    assert run(project, "resolve") == 0
    captured = capsys.readouterr()
    assert captured.out == "papershelf: resolved 0 paper(s), 0 not; arXiv's entry added for 2 paper(s) known by id; wrote seeds/resolved-arxiv.xml\n"
    assert captured.err == 'warning: resolve: "A Paper arXiv Has Never Heard Of": arXiv has no paper 2501.99999; its page keeps what its other sources say\n'
    asked = [q for _, path, q in stand.requests if path == "/arxiv/query"]
    assert [q["id_list"] for q in asked] == ["2204.08348,2302.03287,2501.99999"]  # one request for all
    assert run(project, "build") == 0
    pages = {front_matter(p)["title"]: p for p in (project / "docs" / "papers").glob("*.md")}
    assert front_matter(pages[rest.title])["authors"] == list(rest.authors)
    built = soup((project / "site" / "papers" / pages[chatgpt.title].stem / "index.html").read_text(encoding="utf-8"))
    why = " ".join(built.find("h2", id="why").find_next_sibling("p").get_text(" ").split())
    assert "Software engineering and code: arXiv category cs.SE" in why and "Human-computer interaction: arXiv category cs.HC" in why, why
    capsys.readouterr()
    assert run(project, "resolve") == 0  # asked again: only the id arXiv does not know
    assert [q["id_list"] for _, path, q in stand.requests if path == "/arxiv/query"][1:] == ["2501.99999"]


@pytest.mark.browser
def test_a_fresh_project_fetches_and_browses_by_date(tmp_path, stand, browser, monkeypatch):
    """#16's first criterion with the stand-in for both APIs, then the archive in Chromium."""
    from helpers import serve

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02, the day of the fetch
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", "--date", HF_DAY) == 0
    assert run(project, "fetch", "arxiv", "--id", "1605.08386") == 0
    assert run(project, "resolve") == 0
    assert run(project, "build", "--strict") == 0
    recorded = json.loads((FIXTURES / "net" / "hf" / f"daily_papers-{HF_DAY}.json").read_text(encoding="utf-8"))[0]
    slug = next(p.stem for p in (project / "docs" / "papers").glob("*.md") if front_matter(p).get("arxiv") == recorded["paper"]["id"])
    page = soup(project / "site" / "papers" / slug / "index.html")
    text = " ".join(page.get_text(" ").split())
    names = [a["name"] for a in recorded["paper"]["authors"] if not a.get("hidden")]
    assert ", ".join(names) == page.select_one(".ps-authors").get_text()  # each name a link to its author page
    assert f"on Hugging Face Daily Papers {HF_DAY}" in text
    assert f"{recorded['paper']['upvotes']} upvotes on Hugging Face" in text and "counts as of 2025-12-02" in text
    assert page.select_one(f'a[href="https://arxiv.org/pdf/{recorded["paper"]["id"]}"]') is not None
    with serve(project / "site") as base:
        tab = browser.new_page()
        tab.goto(f"{base}papers/{slug}/")
        tab.get_by_role("link", name=HF_DAY, exact=True).click()
        tab.wait_for_url(f"{base}archive/days/{HF_DAY}/")
        assert tab.locator("h1").inner_text().rstrip("¶") == "25 October 2024"
        listed = tab.locator("article ol > li").all_inner_texts()
        assert len(listed) == 4 and any(" ".join(recorded["title"].split()) in " ".join(item.split()) for item in listed)
        tab.get_by_role("link", name="The whole archive").click()
        tab.wait_for_url(f"{base}archive/")
        tab.get_by_role("link", name="2024-W43").click()
        assert tab.locator("h1").inner_text().rstrip("¶") == "Week 43 of 2024"
        assert tab.locator("article ol > li").count() == 4
        tab.goto(base)
        tab.get_by_role("link", name="Archive", exact=True).first.click()
        tab.wait_for_url(f"{base}archive/")
        months = [m.rstrip("¶") for m in tab.locator("article h2").all_inner_texts()]
        assert months[:2] == ["October 2024 (4)", "May 2016 (1)"]
        tab.close()


def test_fetch_hf_paper_stores_its_hub_links_and_the_page_shows_them(tmp_path, stand, monkeypatch, capsys):
    """/api/papers/2608.09888 (zhangyee/fastpaper-cli, recorded 2026-09): one linked dataset, no models or Spaces."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1789862400")  # 2026-09-20
    project = make_project(tmp_path / "p")
    capsys.readouterr()
    assert run(project, "fetch", "hf", "--paper", "2608.09888") == 0
    assert capsys.readouterr().out == "papershelf: 1 papers; wrote seeds/hf-paper-2608.09888.json\n"
    assert run(project, "fetch", "hf", "--paper", "2608.09888") == 0
    assert capsys.readouterr().out == "papershelf: 1 papers; seeds/hf-paper-2608.09888.json already holds this answer, unchanged\n"
    stored_path = project / "seeds" / "hf-paper-2608.09888.json"
    document = json.loads(stored_path.read_text(encoding="utf-8"))
    recorded = json.loads((FIXTURES / "net" / "hf" / "paper-2608.09888.json").read_text(encoding="utf-8"))
    assert document == {"fetched": "2026-09-20", "source": f"{stand.base}/hf/papers/2608.09888", "paper": recorded}
    assert run(project, "build") == 0
    page = paper_page(project, "2608.09888")
    assert facts(page) == (
        "published 2026-08-10 · on Hugging Face Daily Papers 2026-08-11 · submitted by Pathway · 782 upvotes on Hugging Face"
        " · 11184 stars on its repository · counts as of 2026-09-20"
    )
    hub = [" ".join(li.get_text(" ").split()) for li in page.find("h2", id="links").find_next_sibling("ul").find_all("li")]
    assert hub[-1] == "Dataset on the Hugging Face Hub: WhySoCodius/in-context-grid-reasoning"
    assert page.select_one('a[href="https://huggingface.co/datasets/WhySoCodius/in-context-grid-reasoning"]') is not None
    assert page.find("h2", id="listings") is None  # a paper's own page is no listing it was seen in


def test_fetch_hf_paper_that_is_not_there_writes_nothing(tmp_path, stand, capsys):
    project = make_project(tmp_path / "p")
    assert run(project, "fetch", "hf", "--paper", "2608.00001") == 1
    assert capsys.readouterr().err == f"papershelf: error: {stand.base}/hf/papers/2608.00001: HTTP 404 Not Found; nothing was written\n"
    with pytest.raises(SourceDown) as raised:
        hf_fetch.fetch_paper(project / "seeds", "2026-09-20", "2608.00001")
    assert str(raised.value) == f"{stand.base}/hf/papers/2608.00001: HTTP 404 Not Found; nothing was written"
    with pytest.raises(BadRequest) as raised:
        hf_fetch.fetch_paper(project / "seeds", "2026-09-20", "hep-th/9901001")
    assert str(raised.value) == "--paper 'hep-th/9901001': not an arXiv identifier like 2608.09888 (Hugging Face has paper pages for these)"
    assert not list((project / "seeds").iterdir())
