"""One seed project, three engines (#18): MkDocs, ProperDocs and Zensical build the same pages, each
indexed by Pagefind, with the search box and Material's scripted parts working in Chromium."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from generator.build import build
from generator.engine import THEME
from generator.project import Project
from helpers import REPO, make_project, search_titles, serve

ENGINES = ["properdocs", "zensical"]
# Zensical writes no gzipped copy of the sitemap; everything else is the same set of files.
NOT_WRITTEN = {"zensical": {"sitemap.xml.gz"}, "properdocs": set()}


@pytest.fixture(scope="module", params=ENGINES)
def engine_project(request, tmp_path_factory) -> tuple[str, Project]:
    folder = make_project(tmp_path_factory.mktemp(request.param) / "project", seed_files=sorted((REPO / "seeds").glob("*.txt")))
    project = Project(folder)
    build(project, strict=True, engine=request.param)
    return request.param, project


def _outputs(site) -> set[str]:
    """Every page and export of a site, less the theme's own assets and Pagefind's hashed files."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.relative_to(site).as_posix().startswith(("assets/", "pagefind"))}


def _article_text(path) -> str:
    article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
    return "".join(article.get_text().split())  # code highlighting differs by engine, the text does not


def test_every_engine_builds_the_same_pages_and_exports(engine_project, seed_project):
    engine, project = engine_project
    ours, reference = _outputs(project.site), _outputs(seed_project.site)
    assert ours == reference - NOT_WRITTEN[engine]
    assert sum(1 for name in ours if name.startswith("papers/") and name.endswith("/index.html")) == 55
    for name in sorted(ours):
        if name.endswith(".html"):
            assert _article_text(project.site / name) == _article_text(seed_project.site / name), name
        elif name != "sitemap.xml":  # Zensical's sitemap has no <lastmod>
            assert (project.site / name).read_bytes() == (seed_project.site / name).read_bytes(), name
    # The theme's assets are the package's, rendered static template included.
    assert (project.site / "assets" / "search.js").read_bytes() == (THEME / "assets" / "search.js").read_bytes()
    assert (project.site / "assets" / "material-parts.js").read_bytes() == (seed_project.site / "assets" / "material-parts.js").read_bytes()
    bundles = json.loads((project.site / "pagefind" / "bundles.json").read_text())
    assert bundles == ["pagefind/"] and (project.site / "pagefind" / "pagefind-entry.json").stat().st_size > 0
    page = (project.site / "papers" / "titans-learning-to-memorize-at-test-time" / "index.html").read_text(encoding="utf-8")
    assert "data-ps-index" not in page  # the index-only block is stripped, as under MkDocs
    parsed = BeautifulSoup(page, "html.parser")
    assert [link["href"] for link in parsed.select("link[href*='papershelf.css']")] == ["../../assets/papershelf.css"]
    assert [script["src"] for script in parsed.select("script[src*='search.js']")] == ["../../assets/search.js"]
    assert "\n\n" not in page.split("<pre")[0]  # and the page squeezed


@pytest.mark.browser
def test_search_and_dark_mode_work_with_every_engine(engine_project, browser):
    engine, project = engine_project
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve(project.site) as base:
        page.goto(base + "papers/titans-learning-to-memorize-at-test-time/")
        page.keyboard.press("/")
        titles = search_titles(page, "memorize at test time")
        page.keyboard.press("Escape")
        before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    context.close()
    assert titles[:1] == ["Titans: Learning to Memorize at Test Time"], (engine, titles)
    assert before != after and {before, after} == {"default", "slate"}
    assert errors == []
