"""Author pages (#19): authors/?a=SLUG lists an author's papers from api/authors/K.json, 25 a page,
with a feed from two papers. Built from real bibliographies and a recorded Hugging Face answer
(tests/fixtures/bib/PROVENANCE.md, tests/fixtures/net/PROVENANCE.md), plus hand records for what
real data lacks here: an author with 27 papers and hostile names."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from generator import slugs
from generator.build import build
from generator.errors import ConfigError
from generator.exports import authors as authors_export
from generator.exports.shelf import fnv1a
from generator.project import Project
from helpers import FIXTURES, make_project, serve, soup

REAL = [FIXTURES / "bib" / "real-1.bib", FIXTURES / "bib" / "real-2.bib", FIXTURES / "net" / "hf" / "daily_papers-2024-10-25.json"]
PROLIFIC = "Ada Prolífica"
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_2 = '"><script>alert(2)</script>'
TWO_PAPERS = "Juan Rodríguez-Hortalá"  # real-1.bib spells it Juan Rodr{\'{\i}}guez{-}Hortal{\'{a}}, twice
ONE_PAPER = "Michèle Giry"  # real-1.bib
ATOM = "{http://www.w3.org/2005/Atom}"
CONSORTIUM = [f"Member {n} of the Consortium" for n in range(1, 81)]

NO_AUTHOR = "No author given. Open an author from the names on a paper's page."
UNKNOWN = "This site has no author at this address. The sources may spell the name differently now: search for one of their papers to find them."
NOT_LOADED = "The author's papers did not load (the server answered 404). Reload the page to try again."
TIMED_OUT = "The author's papers did not load within 10 seconds. Reload the page to try again."
ONE_FEED = "Feeds are kept for authors with 2 papers or more on this site. To see new papers, follow the feed of all papers."

WORDS = ["memory", "graphs", "speech", "proofs", "types", "robots", "vision", "caches", "compilers", "fonts", "clocks", "ledgers", "maps",
         "queues", "tensors", "lenses", "codecs", "sensors", "agents", "shaders", "kernels", "streams", "solvers", "parsers", "sketches", "trees", "locks"]


def records() -> str:
    papers = [
        {"title": f"Notes on {word.title()}, Part {n + 1}", "abstract": f"We study {word} from first principles and report what {word} teaches about systems, number {n + 1}.",
         "authors": [PROLIFIC, "Bo Helper"], "published": f"2025-01-{n + 1:02d}"}
        for n, word in enumerate(WORDS)
    ]
    papers.append({"title": "A Consortium's Report", "abstract": "Eighty authors sign it, as large collaborations do.", "authors": CONSORTIUM, "published": "2025-03-01"})
    papers.append({"title": "A Paper With Hostile Author Names", "abstract": "Names are text: nothing in them runs.", "authors": [HOSTILE, HOSTILE_2], "published": "2025-02-01"})
    return yaml.safe_dump({"papers": papers}, allow_unicode=True)


@pytest.fixture(scope="module")
def author_site(tmp_path_factory) -> Project:
    folder = make_project(tmp_path_factory.mktemp("authors") / "project", seeds={"records.yml": records()}, seed_files=REAL)
    project = Project(folder)
    build(project, strict=True)
    return project


def papers_json(project) -> list[dict]:
    return json.loads((project.site / "papers.json").read_text(encoding="utf-8"))["papers"]


def shards(project) -> dict[str, dict]:
    return {slug: author for path in (project.site / "api" / "authors").glob("*.json") for slug, author in json.loads(path.read_text(encoding="utf-8")).items()}


def expected(project, name) -> list[str]:
    """The titles of the papers the sources give this exact name, from the read API's author lists."""
    return [p["title"] for p in papers_json(project) if name in p["authors"]]


@pytest.fixture
def context(browser):
    made = browser.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    made.on("weberror", lambda error: errors.append(str(error.error)))
    made.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield made
    made.close()
    assert errors == []


def listed(page) -> list[str]:
    return page.locator(".ps-author__list > li > p > strong > a").all_text_contents()


def message(page) -> str:
    page.wait_for_selector("#ps-author .ps-author__message[role=status]")
    return page.locator("#ps-author .ps-author__message").text_content()


def test_slugs_fold_to_ascii_and_only_identical_spellings_share_one():
    assert slugs.author_slug("Jörg Müller") == "jorg-muller-a32983ef"
    assert slugs.author_slug("Jorg Muller").startswith("jorg-muller-") and slugs.author_slug("Jorg Muller") != "jorg-muller-a32983ef"
    assert re.fullmatch(r"author-[0-9a-f]{8}", slugs.author_slug("🙂"))
    assert slugs.author_slug(HOSTILE) == "img-src-x-onerror-alert-1-1a57adf5"


def test_a_slug_collision_stops_the_build_named_before_writing(project, monkeypatch):
    papers = [{"title": f"Paper {n}", "abstract": f"About {word}.", "authors": [name]} for n, (word, name) in enumerate([("one", "Jörg Müller"), ("two", "Jorg Muller")])]
    (project.seeds / "records.yml").write_text(yaml.safe_dump({"papers": papers}, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(authors_export, "author_slug", lambda name: "same-00000000")  # as an 8-hex collision would
    with pytest.raises(ConfigError) as raised:
        build(project, site_too=False)
    assert str(raised.value) == "authors 'Jörg Müller' and 'Jorg Muller' have one address, authors/?a=same-00000000; spell one differently in its source"
    assert not (project.docs / "papers").exists()


def test_every_author_has_exactly_their_papers_in_one_shard(author_site):
    papers = papers_json(author_site)
    data = shards(author_site)
    names = {name for p in papers for name in p["authors"]}
    assert sorted(a["n"] for a in data.values()) == sorted(names)
    count = len(list((author_site.site / "api" / "authors").glob("*.json")))
    assert count == authors_export.shard_count(len(names))
    by_url = {f"papers/{p['slug']}/": p for p in papers}
    for slug, author in data.items():
        assert slug == slugs.author_slug(author["n"])
        shard = json.loads((author_site.site / "api" / "authors" / f"{fnv1a(slug) % count}.json").read_text(encoding="utf-8"))
        assert slug in shard  # where the browser looks for it
        assert sorted(p["t"] for p in author["p"]) == sorted(expected(author_site, author["n"]))
        for paper in author["p"]:
            assert paper["t"] == by_url[paper["u"]]["title"]
        dates = [p.get("d", "") for p in author["p"]]
        assert dates == sorted(dates, reverse=True)  # newest first, undated last


def test_feeds_exist_for_authors_with_two_papers_or_more_and_are_atom(author_site):
    data = shards(author_site)
    feeds = {path.name.removesuffix(".atom.xml") for path in (author_site.site / "feeds" / "authors").glob("*")}
    assert feeds == {slug for slug, a in data.items() if len(a["p"]) >= 2}
    assert {slug for slug, a in data.items() if a.get("f") == 1} == feeds
    assert slugs.author_slug(TWO_PAPERS) in feeds and slugs.author_slug(ONE_PAPER) not in feeds
    for slug in feeds:
        root = ET.parse(author_site.site / "feeds" / "authors" / f"{slug}.atom.xml").getroot()
        assert root.tag == f"{ATOM}feed"
        assert root.findtext(f"{ATOM}title") == f"papershelf: {data[slug]['n']}"
        assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == f"http://127.0.0.1:8000/authors/?a={slug}"
        entries = root.findall(f"{ATOM}entry")
        assert sorted(e.findtext(f"{ATOM}title") for e in entries) == sorted(p["t"] for p in data[slug]["p"])
        for entry in entries:  # brief: a paper's address, day and one-line summary, no abstract
            assert entry.findtext(f"{ATOM}id").startswith("http://127.0.0.1:8000/papers/") and entry.findtext(f"{ATOM}updated")
            assert not entry.findall(f"{ATOM}author") and not entry.findall(f"{ATOM}category")
            summary = entry.find(f"{ATOM}summary")
            assert summary is None or summary.text


def test_paper_pages_link_each_name_and_grow_little(author_site):
    data = shards(author_site)
    for paper in papers_json(author_site):
        page = (author_site.site / "papers" / paper["slug"] / "index.html").read_text(encoding="utf-8")
        shown = soup(page).select_one(".ps-authors")
        links = shown.select("a")
        assert shown.get_text() == ", ".join(paper["authors"]) + (" and others" if shown.get_text().endswith(" and others") else "")
        assert [a.get_text() for a in links] == paper["authors"][: len(links)]  # the first names, in order
        assert [a["href"] for a in links] == [f"../../authors/?a={slugs.author_slug(name)}" for name in paper["authors"][: len(links)]]
        if paper["authors"] != CONSORTIUM:
            assert len(links) == len(paper["authors"])
        assert all(href.split("=")[1] in data for href in (a["href"] for a in links))
        # What the links add to the page: their markup around the names, which were there before.
        added = sum(len(f'<a href="{a["href"]}"></a>') for a in links)
        assert added <= 2048, (paper["slug"], added)
        if paper["authors"] == CONSORTIUM:  # links while they fit in 2 KB, the other names as text
            assert 30 <= len(links) < 80 and added + len(f'<a href="../../authors/?a={slugs.author_slug(CONSORTIUM[len(links)])}"></a>') > 2048
    author_page = (author_site.site / "authors" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in author_page  # not in the search index
    home = soup(author_site.site / "index.html")
    assert not [a for a in home.select(".md-tabs__link") if "authors" in a.get("href", "")]  # not in the nav


@pytest.mark.browser
def test_a_name_on_a_paper_page_leads_to_exactly_its_papers(context, author_site):
    two = expected(author_site, TWO_PAPERS)
    assert len(two) == 2
    with serve(author_site.site) as base:
        page = context.new_page()
        slug = next(p["slug"] for p in papers_json(author_site) if TWO_PAPERS in p["authors"])
        page.goto(base + f"papers/{slug}/")
        page.locator(".ps-authors a", has_text=TWO_PAPERS).click()
        page.wait_for_selector(".ps-author__list li")
        assert page.url == base + f"authors/?a={slugs.author_slug(TWO_PAPERS)}"
        assert page.locator("article h1").text_content() == TWO_PAPERS
        assert page.title() == f"{TWO_PAPERS} - papershelf"
        assert sorted(listed(page)) == sorted(two)
        assert page.locator(".ps-author__intro").text_content() == "2 papers on this site, newest first."
        feed = page.locator(".ps-follow a")
        assert feed.text_content() == "Atom feed of this author's papers"
        assert feed.get_attribute("href") == base + f"feeds/authors/{slugs.author_slug(TWO_PAPERS)}.atom.xml"
        assert page.locator(".ps-pager").count() == 0
        # Each entry leads to its paper.
        page.locator(".ps-author__list a").first.click()
        assert page.locator("article h1#paper").text_content().strip().rstrip("¶").strip() in two

        page.goto(base + f"authors/?a={slugs.author_slug(ONE_PAPER)}")
        page.wait_for_selector(".ps-author__list li")
        assert listed(page) == expected(author_site, ONE_PAPER)
        assert page.locator(".ps-author__intro").text_content() == "1 paper on this site."
        assert page.locator(".ps-follow").text_content() == ONE_FEED
        assert page.locator(".ps-follow a").get_attribute("href") == base + "feeds/all.atom.xml"


@pytest.mark.browser
def test_27_papers_make_two_pages_of_25_and_2(context, author_site):
    slug = slugs.author_slug(PROLIFIC)
    titles = [f"Notes on {word.title()}, Part {n + 1}" for n, word in reversed(list(enumerate(WORDS)))]  # newest first
    with serve(author_site.site) as base:
        page = context.new_page()
        page.goto(base + f"authors/?a={slug}")
        page.wait_for_selector(".ps-author__list li")
        assert listed(page) == titles[:25]
        assert page.locator(".ps-author__list").get_attribute("start") == "1"
        assert page.locator(".ps-author__intro").text_content() == "27 papers on this site, newest first. Page 1 of 2."
        assert page.locator(".ps-pager").text_content() == "Page 1 of 2: 1 2 Next →"
        assert page.locator(".ps-pager strong[aria-current=page]").text_content() == "1"
        assert page.locator(".ps-author__list li .ps-meta").first.text_content() == "2025-01-27"
        # By keyboard: the pager's links are links.
        page.locator(".ps-pager a", has_text="Next →").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(base + f"authors/?a={slug}&p=2")
        page.wait_for_selector(".ps-author__list li")
        assert listed(page) == titles[25:]
        assert page.locator(".ps-author__list").get_attribute("start") == "26"
        assert page.locator(".ps-pager").text_content() == "Page 2 of 2: ← Previous 1 2 "
        page.goto(base + f"authors/?a={slug}&p=99")  # past the end: the last page
        page.wait_for_selector(".ps-author__list li")
        assert listed(page) == titles[25:]


@pytest.mark.browser
def test_hostile_names_are_text_and_run_nothing(context, author_site):
    paper = next(p for p in papers_json(author_site) if HOSTILE in p["authors"])
    with serve(author_site.site) as base:
        page = context.new_page()
        page.goto(base + f"papers/{paper['slug']}/")
        assert page.locator(".ps-authors a").all_text_contents() == [HOSTILE, HOSTILE_2]
        assert page.locator("article img, article script").count() == 0
        for name in (HOSTILE, HOSTILE_2):
            page.goto(base + f"papers/{paper['slug']}/")
            page.locator(".ps-authors a", has_text=name).click()
            page.wait_for_selector(".ps-author__list li")
            assert page.locator("article h1").text_content() == name
            assert page.title() == f"{name} - papershelf"
            assert listed(page) == ["A Paper With Hostile Author Names"]
            assert page.locator("article img, article script, head img").count() == 0


@pytest.mark.browser
def test_messages_for_no_author_unknown_author_missing_shard_and_timeout(context, author_site, tmp_path):
    # The site under a subpath (as on GitHub Pages), one shard missing: that server answers 404.
    site = tmp_path / "root" / "shelf-site"
    shutil.copytree(author_site.site, site)
    slug = slugs.author_slug(TWO_PAPERS)
    count = len(list(site.glob("api/authors/*.json")))
    (site / "api" / "authors" / f"{fnv1a(slug) % count}.json").unlink()
    with serve(tmp_path / "root") as root:
        base = root + "shelf-site/"
        page = context.new_page()
        page.goto(base + "authors/")
        assert message(page) == NO_AUTHOR
        page.goto(base + "authors/?a=nobody-00000000")
        assert message(page) == UNKNOWN
        page.goto(base + "authors/?a=%3Cimg%20src%3Dx%3E")
        assert message(page) == UNKNOWN
        page.goto(base + f"authors/?a={slug}")
        assert message(page) == NOT_LOADED
        assert page.locator("article h1").text_content().startswith("Author")
        # Under the subpath, the other authors still load.
        page.goto(base + f"authors/?a={slugs.author_slug(PROLIFIC)}")
        page.wait_for_selector(".ps-author__list li")
        assert page.locator(".ps-author__list a").first.get_attribute("href").startswith(base + "papers/")
        # A shard that never answers: the page says so after 10 s.
        page.route("**/api/authors/*.json", lambda route: None)
        page.goto(base + f"authors/?a={slugs.author_slug(ONE_PAPER)}")
        page.wait_for_selector("#ps-author .ps-author__message[role=status]", timeout=15_000)
        assert page.locator("#ps-author .ps-author__message").text_content() == TIMED_OUT


@pytest.mark.browser
def test_save_and_read_work_on_an_authors_papers(context, author_site):
    with serve(author_site.site) as base:
        page = context.new_page()
        page.goto(base + f"authors/?a={slugs.author_slug(PROLIFIC)}")
        page.wait_for_selector(".ps-author__list li .ps-shelf-button--saved")
        first = page.locator(".ps-author__list > li").first
        save = first.locator("button.ps-shelf-button--saved")
        assert save.get_attribute("aria-label") == "☆ Save: Notes on Locks, Part 27"
        save.click()
        assert save.get_attribute("aria-pressed") == "true"
        first.locator("button.ps-shelf-button--read").click()
        assert "ps-read" in first.get_attribute("class")
        page.goto(base + "shelf/")
        page.wait_for_selector(".ps-shelf__list .ps-shelf__title")
        assert page.locator(".ps-shelf__list .ps-shelf__title").all_text_contents() == ["Notes on Locks, Part 27"]


@pytest.mark.browser
def test_the_author_page_is_accessible_in_light_and_dark_and_on_a_phone(browser, author_site):
    from axe_playwright_python.sync_playwright import Axe

    found = []
    with serve(author_site.site) as base:
        for scheme, viewport in (("light", {"width": 1280, "height": 800}), ("dark", {"width": 1280, "height": 800}), ("light", {"width": 390, "height": 844}), ("dark", {"width": 390, "height": 844})):
            made = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport["width"] < 500, has_touch=viewport["width"] < 500)
            page = made.new_page()
            for address in (f"authors/?a={slugs.author_slug(PROLIFIC)}", f"authors/?a={slugs.author_slug(ONE_PAPER)}", "authors/?a=nobody-00000000"):
                page.goto(base + address)
                page.wait_for_selector("#ps-author .ps-author__list, #ps-author .ps-author__message[role=status]")
                found += [(scheme, viewport["width"], address, v["id"]) for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (scheme, address)
            made.close()
    assert found == []


@pytest.mark.browser
def test_zensical_builds_the_same_links_and_author_page(context, author_site, tmp_path):
    folder = make_project(tmp_path / "project", seeds={"records.yml": records()}, seed_files=REAL)
    project = Project(folder)
    build(project, strict=True, engine="zensical")  # --strict: the query links pass its checks
    for paper in papers_json(author_site)[:20]:
        ours, theirs = (soup(site / "papers" / paper["slug"] / "index.html").select_one(".ps-authors") for site in (project.site, author_site.site))
        assert [(a["href"], a.get_text()) for a in ours.select("a")] == [(a["href"], a.get_text()) for a in theirs.select("a")]
    assert sorted(p.name for p in (project.site / "api" / "authors").iterdir()) == sorted(p.name for p in (author_site.site / "api" / "authors").iterdir())
    with serve(project.site) as base:
        page = context.new_page()
        page.goto(base + f"authors/?a={slugs.author_slug(PROLIFIC)}&p=2")
        page.wait_for_selector(".ps-author__list li")
        assert page.locator("article h1").text_content() == PROLIFIC
        assert listed(page) == ["Notes on Graphs, Part 2", "Notes on Memory, Part 1"]
