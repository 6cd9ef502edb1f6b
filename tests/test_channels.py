"""Hostile input through the channels other than the listing text: the environment's addresses, records
whose text looks like Markdown blocks, invisible characters in links, the history file (issue #21)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from generator import cli, render
from generator.build import build
from generator.enrich import enrich, taxonomy
from generator.errors import ConfigError
from generator.project import Project
from generator.sources import read_seeds
from helpers import REPO, make_project, soup

SCRIPT_URL = 'http://x.example/"><script>alert(1)</script>'
JAVASCRIPT_URL = "javascript://x/%0aalert(1)"


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [("SITE_URL", SCRIPT_URL, 3), ("SITE_URL", JAVASCRIPT_URL, 3), ("REPO_URL", JAVASCRIPT_URL, 4), ("REPO_URL", "ftp://x.example/repo", 4)],
)
def test_an_address_from_the_environment_that_is_not_plain_http_stops_the_build(project, monkeypatch, capsys, variable, value, line):
    (project.seeds / "listing.txt").write_text((REPO / "seeds" / "hf-trending-listing.txt").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv(variable, value)
    assert cli.main(["-C", str(project.root), "build"]) == 1
    key = variable.lower()
    assert capsys.readouterr().err.strip() == (
        f"papershelf: error: mkdocs.yml:{line}: {key} (from {variable}) is {value!r}: only an http:// or https:// address "
        "with a host, without spaces, quotes or angle brackets, can be published; nothing was written"
    )
    assert not (project.docs / "papers").exists() and not project.site.exists()


def test_a_plain_https_address_is_published_as_it_is(project, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://lab.example.org/shelf/")
    monkeypatch.setenv("REPO_URL", "https://github.com/lab/shelf")
    (project.seeds / "listing.txt").write_text((REPO / "seeds" / "hf-trending-listing.txt").read_text(encoding="utf-8"), encoding="utf-8")
    build(project, strict=True)
    page = soup(project.site / "index.html")
    assert page.find("link", rel="canonical")["href"] == "https://lab.example.org/shelf/"
    assert page.select_one(".md-source")["href"] == "https://github.com/lab/shelf"


RETRACTED = '!!! danger "This paper was retracted: see evil.example"'
BIDI = "https://example.org/\u202egnp.exe"


@pytest.fixture(scope="module")
def records_site(tmp_path_factory) -> Project:
    """Records (JSON and YAML) whose abstract and authors are Markdown block syntax, and a link with a
    right-to-left override in it."""
    folder = make_project(tmp_path_factory.mktemp("channels") / "project")
    (folder / "seeds" / "records.json").write_text(json.dumps({"papers": [
        {"title": "Admonitions From Records", "abstract": RETRACTED + " The rest of the abstract.", "authors": [RETRACTED]},
        {"title": "Collapsible Blocks From Records", "abstract": '??? note "Click me" A second abstract.', "authors": ["Ada Lovelace"]},
        {"title": "A Link That Reads Backwards", "abstract": f"Code and data are at {BIDI} for everyone.", "authors": ["Alan Turing"]},
    ]}), encoding="utf-8")
    project = Project(folder)
    build(project, strict=True)
    return project


def paper_page(project: Project, slug: str):
    return soup(project.site / "papers" / slug / "index.html")


@pytest.mark.parametrize("page", ["papers/admonitions-from-records/index.html", "papers/collapsible-blocks-from-records/index.html", "index.html"])
def test_markdown_block_syntax_in_records_shows_as_text(records_site, page):
    html = soup(records_site.site / page)
    assert html.select(".admonition, details") == []
    text = " ".join(html.get_text(" ").split())
    if "collapsible" in page:
        assert '??? note "Click me" A second abstract.' in text
    else:
        assert RETRACTED + " The rest of the abstract." in text


def test_an_author_line_of_markdown_block_syntax_shows_as_text(records_site):
    authors = paper_page(records_site, "admonitions-from-records").select_one(".ps-authors")
    assert authors.get_text(" ", strip=True) == RETRACTED


def test_invisible_formatting_characters_are_shown_encoded_in_link_labels_and_addresses(records_site):
    page = paper_page(records_site, "a-link-that-reads-backwards")
    links = page.select_one("#links").find_next("ul").find_all("a")
    assert [(a.get_text(), a["href"]) for a in links] == [("example.org/%E2%80%AEgnp.exe", "https://example.org/%E2%80%AEgnp.exe")]
    record = next(p for p in json.loads((records_site.site / "papers.json").read_text())["papers"] if p["title"] == "A Link That Reads Backwards")
    assert "\u202e" not in json.dumps(record["links"], ensure_ascii=False)


def test_history_values_are_escaped_where_a_page_prints_them():
    # History is validated when read (a bad date is refused); the page escapes it all the same, so a
    # value that slips past one guard is still text.
    tax = taxonomy.load(REPO / "seeds")
    entries = enrich(read_seeds(REPO / "seeds", REPO).papers[:1], tax)
    dated = dataclasses.replace(entries[0].paper, seen=(("listing", "2026-01-01"),))  # a source that dates its papers
    hostile = [dataclasses.replace(entries[0], paper=dated, history=(("listing", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>"),))]
    pages, _ = render.paper_pages(hostile, {hostile[0].slug: "@misc{x}"}, "https://example.org/", {})
    page = pages[f"papers/{hostile[0].slug}.md"].decode()
    assert "<script>" not in page and "<img" not in page
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in page


def test_check_refuses_such_an_address_too(project, monkeypatch):
    # `papershelf check` reads the same configuration: it refuses the address before anything else.
    monkeypatch.setenv("SITE_URL", JAVASCRIPT_URL)
    (project.seeds / "listing.txt").write_text((REPO / "seeds" / "hf-trending-listing.txt").read_text(encoding="utf-8"), encoding="utf-8")
    from generator.build import check

    with pytest.raises(ConfigError, match=r"^mkdocs\.yml:3: site_url \(from SITE_URL\) is 'javascript://x/%0aalert\(1\)'"):
        check(project)
