"""Listings sorted by date, upvotes and GitHub stars without a rebuild (#19), in headless Chromium.

The site is built from real sources: a Hugging Face day fetched from the stand-in (tests/netserver.py,
so its counts carry the day they were read), three recorded Hugging Face answers as seeds, a real
bibliography (no counts, years and months) and one curator's record with a hostile title. Every
expected order is computed here from those files, never written down.
"""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest

from generator import cli, render, sorting
from generator.engine.plugin import LISTING_SCRIPTS
from generator.latex import plain
from generator.project import Project
import netserver
from helpers import FIXTURES, REPO, make_project, serve, soup

pytestmark = pytest.mark.browser

HF = FIXTURES / "net" / "hf"
FETCHED_DAY, READ_ON = "2026-06-12", "2026-06-13"
RAW = sorted(HF.glob("latest-*.json"))
BIB = FIXTURES / "bib" / "real-1.bib"
HOSTILE = '<img src=x onerror="window.pwned=1"> Sorted, "shown" <script>window.pwned=2</script></a></li><li>as text'
RECORDS = f"""papers:
  - title: {json.dumps(HOSTILE)}
    abstract: "We propose a title that holds markup. A listing sorted in the browser must show it as the text it is."
    published: 2026-08-04
"""
PAGE = 20  # entries a page, so the 149 papers make pagers
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Project:
    server = netserver.start()
    folder = make_project(tmp_path_factory.mktemp("sortable") / "project", seeds={"records.yml": RECORDS}, seed_files=[*RAW, BIB])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAPERSHELF_HF_API", f"{server.base}/hf")
        patch.setenv("SOURCE_DATE_EPOCH", "1781308800")  # 2026-06-13: the day the fetch reads the counts
        patch.delenv("PAPERSHELF_OFFLINE", raising=False)
        patch.setattr(render, "PAGE_SIZE", PAGE)
        assert cli.main(["-C", str(folder), "fetch", "hf", "--date", FETCHED_DAY]) == 0
        assert cli.main(["-C", str(folder), "build"]) == 0
    server.shutdown()
    server.server_close()
    return Project(folder)


# ---- what the sources say, read here from the source files themselves ---------------------------

def hf_items() -> list[tuple[dict, str | None]]:
    """Every Hugging Face item of the site's seeds, with the day its counts were read (a fetch's) or None."""
    fetched = [(item, READ_ON) for item in json.loads((HF / f"daily_papers-{FETCHED_DAY}.json").read_text(encoding="utf-8"))]
    return fetched + [(item, None) for path in RAW for item in json.loads(path.read_text(encoding="utf-8"))]


def title_key(title: str) -> str:
    return " ".join(plain(title).replace("{", "").replace("}", "").split()).casefold()


def bib_dates() -> dict[str, str]:
    """Each BibTeX entry's year, with its month where it gives one, by title."""
    dates = {}
    for entry in bibtexparser.parse_string(BIB.read_text(encoding="utf-8")).entries:
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
        year, month = str(fields.get("year", "")).strip(), str(fields.get("month", "")).strip("{} ").lower()
        number = MONTHS.get(month[:3]) or (int(month) if month.isdigit() else None)
        if re.fullmatch(r"\d{4}", year) and "title" in fields:
            dates[title_key(fields["title"])] = f"{year}-{number:02d}" if number else year
    return dates


def source_values(site: Project) -> dict[str, dict]:
    """Each paper of the site (by slug, from the read API) with what its source gives: date, upvotes,
    stars, the day counts were read."""
    by_arxiv = {item["paper"]["id"]: (item, read) for item, read in hf_items()}
    dates = bib_dates()
    values = {}
    for paper in json.loads((site.site / "papers.json").read_text(encoding="utf-8"))["papers"]:
        if paper["ids"].get("arxiv") in by_arxiv:
            item, read = by_arxiv[paper["ids"]["arxiv"]]
            inner = item["paper"]
            day = (inner.get("submittedOnDailyAt") or item["publishedAt"])[:10]
            values[paper["slug"]] = {"date": day, "upvotes": inner.get("upvotes"), "stars": inner.get("githubStars"), "read": read, "listed": True}
        elif paper["title"] == HOSTILE:
            values[paper["slug"]] = {"date": "2026-08-04", "upvotes": None, "stars": None, "read": None, "listed": False}
        else:
            values[paper["slug"]] = {"date": dates[title_key(paper["title"])], "upvotes": None, "stars": None, "read": None, "listed": False}
    return values


def expected(site: Project, key: str, tag: str | None = None) -> list[str]:
    """Titles in the order a reader asks for: largest or newest first, missing values last, ties in listing order."""
    papers = json.loads((site.site / "papers.json").read_text(encoding="utf-8"))["papers"]
    values = source_values(site)
    shown = [p for p in papers if tag is None or tag in p["tags"]]
    with_value = [p for p in shown if values[p["slug"]][key] is not None]
    ranked = {p["slug"]: i for i, p in enumerate(shown)}
    with_value.sort(key=lambda p: (_descending(values[p["slug"]][key]), ranked[p["slug"]]))
    return [p["title"] for p in with_value] + [p["title"] for p in shown if values[p["slug"]][key] is None]


def _descending(value):
    return -value if isinstance(value, int) else tuple(-ord(c) for c in value) + (1,)


def tag_with_most_stars(site: Project) -> str:
    papers = json.loads((site.site / "papers.json").read_text(encoding="utf-8"))["papers"]
    values = source_values(site)
    counts: dict[str, int] = {}
    for paper in papers:
        for tag in paper["tags"]:
            counts[tag] = counts.get(tag, 0) + (values[paper["slug"]]["stars"] is not None)
    return max(sorted(counts), key=lambda tag: counts[tag])


# ---- in the browser ------------------------------------------------------------------------------

@pytest.fixture
def context(browser):
    made = browser.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    made.on("weberror", lambda error: errors.append(str(error.error)))
    yield made
    made.close()
    assert errors == []


def sorted_titles(page) -> list[str]:
    page.wait_for_selector("ol.ps-sorted > li")
    return page.locator("ol.ps-sorted > li > p:first-child > strong > a").all_text_contents()


def status(page) -> str:
    return page.locator(".ps-sort__status").text_content()


def every_page(page) -> list[str]:
    """The titles of every page of the sorted listing, following its pager's Next link."""
    titles = sorted_titles(page)
    while page.locator("nav.ps-pager:visible a", has_text="Next →").count():
        before = status(page)
        page.locator("nav.ps-pager:visible a", has_text="Next →").click()
        # The next page drawn, not just asked for ("Loading the papers by ..." differs from `before` too).
        page.wait_for_function("before => { const now = document.querySelector('.ps-sort__status').textContent; return now !== before && now.startsWith('Sorted'); }", arg=before)
        titles += sorted_titles(page)
    return titles


def test_the_home_listing_in_each_order_is_the_sources_order(context, site):
    with serve(site.site) as base:
        page = context.new_page()
        page.goto(base)
        assert page.get_by_label("Sort by").locator("option").all_text_contents() == ["Listing order", "Date", "Upvotes", "GitHub stars"]
        own = page.locator("article ol:not(.ps-sorted) > li > p > strong > a").all_text_contents()
        for key, label in (("upvotes", "Upvotes"), ("stars", "GitHub stars"), ("date", "Date")):
            page.get_by_label("Sort by").select_option(label=label)
            page.wait_for_function("k => location.search === '?sort=' + k && document.querySelector('.ps-sort__status').textContent.startsWith('Sorted')", arg=key)
            assert page.locator("article ol:not(.ps-sorted)").is_hidden()  # the listing's own list gives way
            assert every_page(page) == expected(site, key), key
            page.goto(base)
        # Listing order is the HTML as built, nothing fetched.
        page.goto(base + "?sort=upvotes")
        sorted_titles(page)
        page.get_by_label("Sort by").select_option("rank")
        assert page.url == base and page.locator("ol.ps-sorted").count() == 0
        assert page.locator("article ol > li > p > strong > a").all_text_contents() == own
        assert page.locator("nav.ps-pager").count() == 1 and page.locator("nav.ps-pager").is_visible()


def test_values_are_the_sources_with_the_day_counts_were_read(context, site):
    values = source_values(site)
    slug_of = {p["title"]: p["slug"] for p in json.loads((site.site / "papers.json").read_text(encoding="utf-8"))["papers"]}
    with serve(site.site) as base:
        page = context.new_page()
        for key in ("upvotes", "stars", "date"):
            page.goto(base + f"?sort={key}")
            sorted_titles(page)
            items = page.locator("ol.ps-sorted > li")
            for index in range(items.count()):
                item = items.nth(index)
                value = values[slug_of[item.locator("strong > a").text_content()]]
                said = item.locator(".ps-sort__value").text_content()
                assert said == _words(key, value), said
    # Fetched counts carry their day; counts from a recorded answer without one do not.
    upvotes = json.loads((site.site / "api" / "sorted" / "home" / "upvotes" / "1.json").read_text(encoding="utf-8"))
    read = {p["u"]: p.get("a") for p in upvotes["papers"]}
    assert {day for day in read.values()} == {READ_ON, None}
    for paper in upvotes["papers"]:
        assert paper.get("a") == values[paper["u"].split("/")[1]]["read"]


def _words(key: str, value: dict) -> str:
    given = value[key]
    as_of = f", as of {value['read']}" if value["read"] else ""
    if key == "date":
        return f"On Hugging Face Daily Papers {given}" if value["listed"] else f"Published {given}"
    if given is None:
        return "No upvote count in its source" if key == "upvotes" else "No GitHub star count in its source"
    if key == "upvotes":
        return f"{given} {'upvote' if given == 1 else 'upvotes'} on Hugging Face{as_of}"
    return f"{given} {'star' if given == 1 else 'stars'} on its repository{as_of}"


def test_a_tag_by_stars_pages_and_keeps_its_place_in_the_url(context, site):
    tag = tag_with_most_stars(site)
    want = expected(site, "stars", tag)
    pages = -(-len(want) // PAGE)
    assert pages >= 2, "the tag must need a pager"
    with serve(site.site) as base:
        page = context.new_page()
        page.goto(base + f"tags/{tag}/")
        page.get_by_label("Sort by").select_option("stars")
        assert sorted_titles(page) == want[:PAGE]
        assert status(page) == f"Sorted by GitHub stars: papers 1 to {PAGE} of {len(want)}, page 1 of {pages}."
        page.locator("nav.ps-pager:visible").get_by_role("link", name="2", exact=True).click()
        page.wait_for_function("location.search === '?sort=stars&p=2'")
        page.wait_for_function("document.querySelector('.ps-sort__status').textContent.includes('page 2 of')")
        assert sorted_titles(page) == want[PAGE : 2 * PAGE]
        assert page.locator("ol.ps-sorted").get_attribute("start") == str(PAGE + 1)
        assert page.locator("nav.ps-pager:visible strong[aria-current=page]").text_content() == "2"
        page.reload()  # the URL keeps the order and the page
        assert sorted_titles(page) == want[PAGE : 2 * PAGE] and page.get_by_label("Sort by").input_value() == "stars"
        page.go_back()
        page.wait_for_function("location.search === '?sort=stars'")
        page.wait_for_function("document.querySelector('.ps-sort__status').textContent.includes('page 1 of')")
        assert sorted_titles(page) == want[:PAGE]
        # A shared link to the last page; its papers without stars come last, said as such.
        fresh = context.new_page()
        fresh.goto(base + f"tags/{tag}/?sort=stars&p={pages}")
        assert sorted_titles(fresh) == want[(pages - 1) * PAGE :]
        assert fresh.locator("ol.ps-sorted .ps-sort__value").last.text_content() == "No GitHub star count in its source"


def test_save_works_on_a_sorted_entry(context, site):
    first = expected(site, "upvotes")[0]
    with serve(site.site) as base:
        page = context.new_page()
        page.goto(base + "?sort=upvotes")
        assert sorted_titles(page)[0] == first
        save = page.locator("ol.ps-sorted > li").first.locator("button.ps-shelf-button--saved")
        assert save.get_attribute("aria-label") == f"☆ Save: {first}"
        save.click()
        assert save.get_attribute("aria-pressed") == "true" and save.text_content() == "★ Saved"
        # Another order and back: the entry is drawn anew, and says it is saved; so does My shelf.
        page.get_by_label("Sort by").select_option("stars")
        page.wait_for_function("document.querySelector('.ps-sort__status').textContent.startsWith('Sorted by GitHub stars')")
        page.get_by_label("Sort by").select_option("upvotes")
        page.wait_for_function("document.querySelector('.ps-sort__status').textContent.startsWith('Sorted by upvotes')")
        again = page.locator("ol.ps-sorted > li").first.locator("button.ps-shelf-button--saved")
        assert again.get_attribute("aria-pressed") == "true" and again.get_attribute("aria-label") == f"★ Saved: {first}"
        again.click()  # and unsaved, then saved again: the buttons of replaced entries are gone, not doubled
        again.click()
        assert again.get_attribute("aria-pressed") == "true"
        page.goto(base + "shelf/")
        assert page.locator(".ps-shelf__list .ps-shelf__title").all_text_contents() == [first]


@pytest.mark.parametrize(("answer", "body", "reason"), [
    (404, "no", "the server answered 404"),
    (500, "no", "the server answered 500"),
    (200, "<!doctype html><title>Sign in</title>", "its file is not JSON"),  # a portal's page instead of the file
    (200, '{"sort": "stars", "page": 1, "papers": []}', "its file is not a page of this listing"),
])
def test_a_page_that_does_not_load_says_so_and_keeps_the_listing(context, site, answer, body, reason):
    with serve(site.site) as base:
        page = context.new_page()
        page.route("**/api/sorted/home/upvotes/*.json", lambda route: route.fulfill(status=answer, body=body))
        page.goto(base)
        own = page.locator("article ol > li > p > strong > a").all_text_contents()
        page.get_by_label("Sort by").select_option("upvotes")
        page.wait_for_function("document.querySelector('.ps-sort__status').textContent.startsWith('The papers')")
        assert status(page) == f"The papers by upvotes could not be loaded ({reason}); the listing is shown in its own order."
        assert page.get_by_label("Sort by").input_value() == "rank" and page.url == base
        assert page.locator("ol.ps-sorted").count() == 0
        assert page.locator("article ol > li > p > strong > a").all_text_contents() == own
        assert page.locator("article ol").is_visible()
        # The same from a shared link.
        page.goto(base + "?sort=upvotes&p=2")
        page.wait_for_function("document.querySelector('.ps-sort__status').textContent.startsWith('The papers')")
        assert status(page) == f"The papers by upvotes could not be loaded ({reason}); the listing is shown in its own order."


def test_a_hostile_title_is_shown_as_text(context, site):
    with serve(site.site) as base:
        page = context.new_page()
        page.goto(base + "?sort=date")
        assert sorted_titles(page)[0] == HOSTILE  # the newest date of all
        first = page.locator("ol.ps-sorted > li").first
        assert first.locator("img, script").count() == 0
        assert page.evaluate("window.pwned") is None


def test_it_works_under_a_subpath(context, site, tmp_path):
    (tmp_path / "shelf").symlink_to(site.site, target_is_directory=True)
    requests: list[str] = []
    with serve(tmp_path, requests) as base:
        page = context.new_page()
        page.goto(base + "shelf/tags/" + tag_with_most_stars(site) + "/?sort=upvotes")
        sorted_titles(page)
        assert page.locator("ol.ps-sorted > li a").first.get_attribute("href").startswith(base + "shelf/papers/")
        assert any(path.startswith("/shelf/api/sorted/tags/") for path in requests)
        assert not any(path.startswith("/api/") for path in requests)


def test_sorted_listings_are_accessible_in_light_and_dark_and_on_a_phone(browser, site):
    from axe_playwright_python.sync_playwright import Axe

    found = []
    with serve(site.site) as base:
        for scheme, viewport in (("light", {"width": 1280, "height": 800}), ("dark", {"width": 1280, "height": 800}), ("light", {"width": 390, "height": 844}), ("dark", {"width": 390, "height": 844})):
            phone = viewport["width"] < 500
            made = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=phone, has_touch=phone)
            page = made.new_page()
            for path in ("", "?sort=upvotes&p=2", f"tags/{tag_with_most_stars(site)}/?sort=stars"):
                page.goto(base + path)
                if "sort" in path:
                    sorted_titles(page)
                found += [(scheme, viewport["width"], path, v["id"]) for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (scheme, path)
            made.close()
    assert found == []


def test_the_select_works_from_the_keyboard(context, site):
    with serve(site.site) as base:
        page = context.new_page()
        page.goto(base)
        page.get_by_label("Sort by").focus()
        page.keyboard.press("ArrowDown")  # a closed native select changes on arrow keys
        page.wait_for_function("location.search === '?sort=date'")
        assert sorted_titles(page) == expected(site, "date")[:PAGE]


def test_a_listing_with_only_its_own_order_has_no_select(seed_project):
    """The seed listing is a pasted trending page: no dates, upvotes or stars from its source."""
    home = soup(seed_project.site / "index.html")
    assert home.select(".ps-sort") == [] and "sort.js" not in str(home)
    assert not (seed_project.site / "api" / "sorted").exists()


def test_paper_pages_carry_nothing_of_it(site):
    """Paper pages load neither the script nor the select: their weight does not change."""
    for path in (site.site / "papers").glob("*/index.html"):
        text = path.read_text(encoding="utf-8")
        assert "sort.js" not in text and "ps-sort" not in text
    home = (site.site / "index.html").read_text(encoding="utf-8")
    assert home.count("assets/sort.js") == 1 and all(name in home for name in LISTING_SCRIPTS)
    assert all(name in (REPO / "generator" / "theme" / "main.html").read_text(encoding="utf-8") for name in LISTING_SCRIPTS)


def test_only_offered_orders_are_written(site):
    """A day of the archive sorted by date would be the listing itself: no date files there."""
    sorted_root = site.site / "api" / "sorted"
    day = soup(site.site / "archive" / "days" / FETCHED_DAY / "index.html")
    assert [o["value"] for o in day.select(".ps-sort option")] == ["rank", "upvotes", "stars"]
    assert sorted(p.name for p in (sorted_root / "archive" / "days" / FETCHED_DAY).iterdir()) == ["stars", "upvotes"]
    page = json.loads((sorted_root / "home" / "date" / "1.json").read_text(encoding="utf-8"))
    assert (page["sort"], page["page"], page["total"], page["size"]) == ("date", 1, 149, PAGE)
    assert page["pages"] == -(-149 // PAGE) == sum(1 for _ in (sorted_root / "home" / "date").iterdir())
    assert set(page["tags"]) == {slug for paper in page["papers"] for slug in paper.get("g", [])}
    tag_page = json.loads((sorted_root / "tags" / tag_with_most_stars(site) / "stars" / "1.json").read_text(encoding="utf-8"))
    assert tag_page["tags"] == {} and all("g" not in paper for paper in tag_page["papers"])  # tag listings show no chips


def test_offered_orders_follow_the_papers():
    from generator.model import Entry, Origin, Paper

    def entry(slug, **given):
        return Entry(Paper(title=slug, abstract="", origin=Origin("seeds/x.json", 1), **given), slug)

    same_day = [entry("a", listed="2026-06-12", upvotes=3), entry("b", listed="2026-06-12", upvotes=5)]
    assert [order.name for order, _ in sorting.offered(same_day)] == ["upvotes"]
    assert [e.slug for e in sorting.offered(same_day)[0][1]] == ["b", "a"]
    in_order = [entry("a", stars=9), entry("b", stars=2), entry("c")]
    assert sorting.offered(in_order) == []  # sorting changes nothing
    ties = [entry("a"), entry("b", upvotes=1), entry("c", upvotes=1), entry("d", upvotes=0)]
    assert [e.slug for e in sorting.ordered(ties, sorting.ORDERS[1])] == ["b", "c", "d", "a"]
    assert sorting.folder("tags/llm/") == "api/sorted/tags/llm/" and sorting.folder("") == "api/sorted/home/"
