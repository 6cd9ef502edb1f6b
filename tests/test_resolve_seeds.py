"""#16's last criterion: the seed listing (seeds/hf-trending-listing.txt, 55 papers pasted from Hugging Face's
trending page, no ids) resolved through the stand-in for both APIs (tests/netserver.py). The stand-in knows
three of its papers, each from a real recorded Daily Papers answer (tests/fixtures/net/PROVENANCE.md): each
gets its arXiv id and one page. It knows no other, and an answer that lists other papers matches nothing."""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest

from generator import cli, sources
from generator.merge import title_key
import netserver
from helpers import FIXTURES, REPO, make_project, soup

# The recorded lists of the days the stand-in answers for (hf/daily_papers-DAY.json)
DAYS = ("2024-10-22", "2024-11-05", "2025-01-08")
# A seed title whose query the stand-in answers with a real recorded answer of another query (ten papers
# on "testing"): arXiv's phrase search lists papers whose titles hold the words, and none need be this one.
ANSWERED_WITH_OTHERS = "Pointer Networks"


def run(project, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["-C", str(project), *args])
    return code, out.getvalue(), err.getvalue()


def recorded_items(day: str) -> list[dict]:
    return json.loads((FIXTURES / "net" / "hf" / f"daily_papers-{day}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shelf(tmp_path_factory):
    """A fresh project with the real seed listing: fetch hf for each recorded day, resolve, build (on 2025-12-02)."""
    server = netserver.start()
    project = make_project(tmp_path_factory.mktemp("seeds") / "p", seed_files=[REPO / "seeds" / "hf-trending-listing.txt"])
    listed = sources.read_seeds(project / "seeds", project).papers
    assert len(listed) == 55
    server.answer({"search_query": f'ti:"{ANSWERED_WITH_OTHERS}"', "start": 0, "max_results": 10}, "search-testing-start0-max10.xml")
    runs = {}
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PAPERSHELF_HF_API", f"{server.base}/hf")
        env.setenv("PAPERSHELF_ARXIV_API", f"{server.base}/arxiv/query")
        env.setenv("PAPERSHELF_ARXIV_DELAY", "0")
        env.setenv("PAPERSHELF_HTTP_RETRIES", "0")
        env.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02
        env.delenv("PAPERSHELF_OFFLINE", raising=False)
        for day in DAYS:
            runs[day] = run(project, "fetch", "hf", "--date", day)
        runs["resolve"] = run(project, "resolve")
        runs["build"] = run(project, "build")
    server.shutdown()
    server.server_close()
    return project, listed, runs


def known(listed) -> list[tuple[object, str, dict]]:
    """(listed paper, day, recorded item) of each seed paper a recorded day lists, by title as pasted."""
    keys = {title_key(p.title): p for p in listed}
    return [(keys[title_key(item["title"])], day, item) for day in DAYS for item in recorded_items(day) if title_key(item["title"]) in keys]


def test_the_stand_in_knows_three_seed_papers(shelf):
    project, listed, runs = shelf
    assert [(p.title, item["paper"]["id"]) for p, _, item in known(listed)] == [
        ("Selecting Influential Samples for Long Context Alignment via Homologous Models' Guidance and Contextual Awareness Measurement", "2410.15633"),
        ("Sparsing Law: Towards Large Language Models with Greater Activation Sparsity", "2411.02335"),
        ("Graph-Aware Isomorphic Attention for Adaptive Dynamics in Transformers", "2501.02393"),
    ]
    assert all(runs[day] == (0, f"papershelf: 4 papers; wrote seeds/hf-daily-{day}.json\n", "") for day in DAYS)


def test_every_seed_paper_the_stand_in_knows_has_its_arxiv_id_on_one_page(shelf):
    project, listed, runs = shelf
    assert runs["build"][0] == 0
    papers = json.loads((project / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]
    # 55 pasted, 12 fetched, 3 of them the same papers
    assert len(papers) == 55 + sum(len(recorded_items(day)) for day in DAYS) - 3
    for paper, day, item in known(listed):
        arxiv_id = item["paper"]["id"]
        (page,) = [p for p in papers if title_key(p["title"]) == title_key(paper.title)]  # one page, not two
        assert page["ids"] == {"arxiv": arxiv_id}
        assert page["rank"] == paper.rank  # the pasted listing's place, on the fetched paper's page
        assert page["sources"] == [f"Hugging Face Daily Papers, {day}", "the Hugging Face papers page, Mar 11"]
        built = soup(project / "site" / "papers" / page["slug"] / "index.html")
        links = {a.get_text(strip=True): a["href"] for a in built.select("article a[href]")}
        assert links[f"arXiv:{arxiv_id}"] == f"https://arxiv.org/abs/{arxiv_id}"
        assert links["PDF"] == f"https://arxiv.org/pdf/{arxiv_id}"
        text = " ".join(built.select_one("article").get_text(" ").split())
        assert f"#{paper.rank} on the Hugging Face papers page, Mar 11" in text
        assert f"on Hugging Face Daily Papers {day} · {item['paper']['upvotes']} upvote" in text


def test_resolve_names_what_it_found_in_seeds_and_what_not(shelf):
    project, listed, runs = shelf
    code, out, err = runs["resolve"]
    assert code == 0
    found = known(listed)
    assert out == "".join(f'papershelf: "{p.title}" is arXiv {item["paper"]["id"]} in seeds/hf-daily-{day}.json; not asked of arXiv\n' for p, day, item in found) + (
        "papershelf: resolved 0 paper(s), 52 not, 3 already in seeds/ with an arXiv id; arXiv's entry added for 0 paper(s) known by id; nothing was written\n"
    )
    lines = err.splitlines()
    assert len(lines) == 51 + 1 + 12
    asked = [p.title for p in listed if p.title not in {f[0].title for f in found}]
    missing = [f'warning: resolve: "{title}": not found on arXiv' for title in asked if title != ANSWERED_WITH_OTHERS]
    assert lines[:51] == missing
    assert lines[:2] == [
        'warning: resolve: "GPSFormer: A Global Perception and Local Structure Fitting-based Transformer for Point Cloud Understanding": not found on arXiv',
        'warning: resolve: "LoCoNet: Long-Short Context Network for Active Speaker Detection": not found on arXiv',
    ]
    # The fetched papers have ids but no arXiv entry the stand-in knows (it holds none of these ids).
    ids = sorted((item["paper"]["id"], " ".join(item["title"].split())) for day in DAYS for item in recorded_items(day))
    assert lines[52:] == [f'warning: resolve: "{title}": arXiv has no paper {i}; its page keeps what its other sources say' for i, title in ids]
    assert not (project / "seeds" / "resolved.yml").exists() and not (project / "seeds" / "resolved-arxiv.xml").exists()


def test_a_title_answered_with_other_papers_is_not_matched(shelf):
    project, listed, runs = shelf
    others = [line for line in runs["resolve"][2].splitlines() if ANSWERED_WITH_OTHERS in line]
    assert others == [f'warning: resolve: "{ANSWERED_WITH_OTHERS}": arXiv\'s answer lists 10 other paper(s), none with this title; not matched']
    papers = json.loads((project / "site" / "papers.json").read_text(encoding="utf-8"))["papers"]
    (page,) = [p for p in papers if p["title"] == ANSWERED_WITH_OTHERS]
    assert page["ids"] == {} and not [link for link in page["links"] if link["kind"] in ("arxiv", "pdf")]
    answer = (FIXTURES / "net" / "arxiv" / "search-testing-start0-max10.xml").read_text(encoding="utf-8")
    assert answer.count("<entry>") == 10
    assert not [p for p in papers if p["ids"].get("arxiv") and p["ids"]["arxiv"] in answer]  # none of them became a page


def test_a_pasted_title_with_another_papers_abstract_is_not_the_fetched_paper(tmp_path, monkeypatch):
    """The fetched 2024-11-05 list has "Sparsing Law: ..."; a listing with that title over WebRL's abstract
    (2411.02337, of the same list) is another paper: it is asked of arXiv, and keeps a page of its own."""
    day = "2024-11-05"
    items = {item["paper"]["id"]: item for item in recorded_items(day)}
    title, abstract = items["2411.02335"]["title"], " ".join(items["2411.02337"]["paper"]["summary"].split())
    project = make_project(tmp_path / "p", seeds={"listing.txt": f"{title}\n\n{abstract}\n"})
    server = netserver.start()
    monkeypatch.setenv("PAPERSHELF_HF_API", f"{server.base}/hf")
    monkeypatch.setenv("PAPERSHELF_ARXIV_API", f"{server.base}/arxiv/query")
    monkeypatch.setenv("PAPERSHELF_ARXIV_DELAY", "0")
    monkeypatch.setenv("PAPERSHELF_HTTP_RETRIES", "0")
    monkeypatch.delenv("PAPERSHELF_OFFLINE", raising=False)
    try:
        assert run(project, "fetch", "hf", "--date", day)[0] == 0
        code, out, err = run(project, "resolve")
        asked = [q.get("search_query") for _, path, q in server.requests if path == "/arxiv/query"]
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0
    assert out == "papershelf: resolved 0 paper(s), 1 not; arXiv's entry added for 0 paper(s) known by id; nothing was written\n"
    assert err.splitlines()[0] == f'warning: resolve: "{title}": not found on arXiv'
    words = re.findall(r"\w+", title)  # arXiv's title phrase search, on the title's words
    assert f'ti:"{" ".join(words)}"' in asked
