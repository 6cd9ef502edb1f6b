"""What a page says about where a paper came from: the listing's name and day as its source gives them,
or as the curator names it; dates only where the source dates its papers; no file name (#15)."""

from __future__ import annotations

import json
import re

import pytest

from generator.build import build
from generator.errors import ConfigError
from generator.cli import main
from generator.project import Project
from helpers import FIXTURES, REPO, make_project, soup

LISTING = REPO / "seeds" / "hf-trending-listing.txt"
DAILY = FIXTURES / "net" / "hf" / "daily_papers-2024-10-25.json"  # a real answer (tests/fixtures/net/PROVENANCE.md)


def section(page, heading_id: str) -> str:
    """The text between a page's <h2 id=...> and the next heading."""
    parts, node = [], page.find("h2", id=heading_id).find_next_sibling()
    while node is not None and node.name not in ("h2", "h1"):
        parts.append(node.get_text(" ", strip=True))
        node = node.find_next_sibling()
    return " ".join(parts)


@pytest.fixture(scope="module")
def named_site(tmp_path_factory) -> Project:
    """The seed listing, a fetched Daily Papers answer (stored as papershelf fetch stores it), no curation."""
    folder = make_project(tmp_path_factory.mktemp("named") / "project", seed_files=[LISTING])
    document = {"fetched": "2024-10-26", "source": "https://huggingface.co/api/daily_papers?date=2024-10-25", "dailyPapers": json.loads(DAILY.read_text())}
    (folder / "seeds" / "hf-daily-2024-10-25.json").write_text(json.dumps(document), encoding="utf-8")
    project = Project(folder)
    build(project)
    return project


def test_a_pasted_listing_is_named_with_the_day_its_page_prints(named_site):
    page = soup(named_site.site / "papers" / "model-editing-with-canonical-examples" / "index.html")
    meta = page.select_one(".md-content .ps-meta").get_text(" ", strip=True)
    assert meta == "#33 on the Hugging Face papers page, Mar 11"
    # The builder's days (SOURCE_DATE_EPOCH is 2026-03-11 in the tests) are not the listing's: no date at all.
    assert section(page, "listings") == "the Hugging Face papers page, Mar 11"


def test_a_fetched_answer_is_named_by_the_day_it_asked_for_and_dated_by_its_source(named_site):
    title = json.loads(DAILY.read_text())[0]["title"]
    slug = next(p["slug"] for p in json.loads((named_site.site / "papers.json").read_text())["papers"] if p["title"] == title)
    page = soup(named_site.site / "papers" / slug / "index.html")
    assert section(page, "listings") == "Hugging Face Daily Papers, 2024-10-25: 2024-10-25"
    assert "on Hugging Face Daily Papers 2024-10-25" in " ".join(m.get_text(" ") for m in page.select(".ps-meta"))
    assert "#1 on" not in page.get_text(" ")  # an API answer's order is no rank


def test_no_seed_file_name_or_absolute_path_on_any_generated_page(named_site):
    leaks = {}
    # about/ is the hand-written manual of papershelf itself, which names seeds/ to tell curators where files go.
    for html in (p for p in named_site.site.rglob("*.html") if not p.relative_to(named_site.site).as_posix().startswith("about/")):
        text = html.read_text(encoding="utf-8")
        found = re.findall(r"seeds/|hf-trending-listing|hf-daily-2024|\.txt\b|" + re.escape(str(named_site.root)), text)
        if found:
            leaks[html.relative_to(named_site.site).as_posix()] = sorted(set(found))
    assert leaks == {}


def curated(tmp_path, listings: str) -> Project:
    folder = make_project(tmp_path / "project", seed_files=[LISTING])
    (folder / "seeds" / "curation.yml").write_text(f"listings:\n{listings}", encoding="utf-8")
    return Project(folder)


def test_the_curator_names_a_listing(tmp_path, capsys):
    project = curated(tmp_path, "  hf-trending-listing.txt: Reading group picks, 11 March\n  gone.txt: An old listing\n")
    assert main(["-C", str(project.root), "build"]) == 0
    assert "warning: seeds/curation.yml:3: listing 'gone.txt': no such seed file in seeds/; its name is not used\n" in capsys.readouterr().err
    page = soup(project.site / "papers" / "model-editing-with-canonical-examples" / "index.html")
    assert page.select_one(".md-content .ps-meta").get_text(" ", strip=True) == "#33 on Reading group picks, 11 March"
    assert section(page, "listings") == "Reading group picks, 11 March"
    # Renaming it later reaches every page, although the pages are cached (the name is part of the key).
    (project.seeds / "curation.yml").write_text("listings:\n  hf-trending-listing.txt: Picks of the week\n", encoding="utf-8")
    build(project)
    page = soup(project.site / "papers" / "model-editing-with-canonical-examples" / "index.html")
    assert section(page, "listings") == "Picks of the week"


@pytest.mark.parametrize(
    ("value", "shown"),
    [("[a, b]", "a list"), ('""', '""'), ("'" + "x" * 121 + "'", '"' + "x" * 56 + "...")],
)
def test_a_listing_name_that_is_not_one_line_of_text_is_an_error(tmp_path, value, shown):
    project = curated(tmp_path, f"  hf-trending-listing.txt: {value}\n")
    with pytest.raises(ConfigError) as caught:
        build(project)
    assert str(caught.value) == (
        f"seeds/curation.yml:2: listing 'hf-trending-listing.txt': its name is {shown}; expected one line of text (at most 120 characters)"
    )
    assert not (project.docs / "papers").exists()
