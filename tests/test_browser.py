"""Behaviour in a real browser: headless Chromium (Debian's) driven by Playwright, sites served on 127.0.0.1."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from helpers import serve, soup

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
QUERIES = yaml.safe_load((Path(__file__).resolve().parent / "search" / "queries.yml").read_text())


@pytest.fixture(scope="module")
def seed_url(seed_project):
    with serve(seed_project.site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}") or dialog.dismiss())
    yield page
    context.close()
    assert errors == []


def settled(page, query: str) -> None:
    """Wait until the results shown are those of this query (not of a keystroke before it)."""
    page.wait_for_function("q => document.querySelector('.ps-search__results').dataset.query === q", arg=query, timeout=10_000)


def search(page, query: str) -> list[str]:
    page.fill(".ps-search__input", query)
    settled(page, query)
    return page.locator(".ps-result__title").all_text_contents()


@pytest.mark.parametrize("suite", ["tune", "held-out"])
def test_relevance(page, seed_url, suite):
    page.goto(seed_url)
    page.keyboard.press("/")
    reciprocal, first = [], 0
    misses = []
    for query, expected in QUERIES[suite]:
        titles = search(page, query)
        rank = next((i + 1 for i, title in enumerate(titles) if title.startswith(expected)), None)
        reciprocal.append(1 / rank if rank else 0.0)
        first += rank == 1
        if rank != 1:
            misses.append((query, rank, titles[:1]))
    mrr, hit1 = sum(reciprocal) / len(reciprocal), first / len(reciprocal)
    print(f"{suite}: {len(reciprocal)} queries, MRR {mrr:.3f}, hit@1 {hit1:.3f}, misses {misses}")
    assert len(QUERIES[suite]) >= 20
    assert mrr >= 0.97 and hit1 >= 0.95, misses


INDEX_ONLY = re.compile(r'<div data-pagefind-body data-ps-index>(.*?)</div>')
WORD = re.compile(r"\w+")


def index_only_terms(project) -> dict[str, str]:
    """Each paper's index-only text (short name, tags, spellings), read from the Markdown the build wrote."""
    terms = {}
    for page in (project.docs / "papers").glob("*.md"):
        found = INDEX_ONLY.search(page.read_text(encoding="utf-8"))
        if found:
            terms[page.stem] = html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).replace("·", " ").split()
    return terms


def test_index_only_terms_are_found_but_never_shown(page, seed_url, seed_project):
    """Names, tags and spellings weigh in the search, yet no served page holds them hidden and no
    result excerpt shows them: every word of every excerpt is a word the result's page shows."""
    terms = index_only_terms(seed_project)
    shown_anywhere = set().union(*(page_words(seed_project, slug) for slug in terms))
    # Words no page shows (a spelling variant, say) and few pages have: each query's own paper must be among its results.
    holders: dict[str, set[str]] = {}
    for slug, words in terms.items():
        for word in words:
            if word.lower() not in shown_anywhere:
                holders.setdefault(word.lower(), set()).add(slug)
    spellings = {word: slugs for word, slugs in holders.items() if len(slugs) <= 5}
    assert len(terms) >= 20 and len(spellings) >= 5, holders  # the seed listing has papers with index-only spellings
    for served in (seed_project.site / "papers").glob("*/index.html"):
        text = served.read_text(encoding="utf-8")
        assert "data-ps-index" not in text and "ps-terms" not in text, served
    page.goto(seed_url)
    page.keyboard.press("/")
    checked = found = 0
    for query, slugs in sorted(spellings.items()):
        page.fill(".ps-search__input", query)
        settled(page, query)
        results = page.locator(".ps-result")
        hrefs = [results.nth(i).get_attribute("data-href") for i in range(results.count())]
        if len(hrefs) < 10:  # all of the query's pages shown: its own papers must be among them
            assert {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs} >= slugs, query  # found by a word it never shows
            found += 1
        for i, href in enumerate(hrefs):
            shown = results.nth(i).locator(".ps-result__excerpt").text_content()
            target = href.rstrip("/").rsplit("/", 1)[-1]
            extra = {w.lower() for w in WORD.findall(shown)} - page_words(seed_project, target)
            assert not extra, (query, target, shown)
            checked += 1
    assert checked >= 20 and found >= 5, (checked, found)


def page_words(project, slug: str) -> set[str]:
    """The words a reader sees on a paper's page (its article, as served)."""
    content = soup(project.site / "papers" / slug / "index.html").select_one(".md-content")
    return {w.lower() for w in WORD.findall(content.get_text(" "))}


def test_search_merges_every_bundle(page, sharded_project):
    """A big site's index comes in bundles: every paper is found, and ranked as well, across them."""
    with serve(sharded_project.site) as url:
        page.goto(url)
        page.keyboard.press("/")
        ranks = []
        for query, expected in QUERIES["tune"] + QUERIES["held-out"]:
            titles = search(page, query)
            ranks.append(next((i + 1 for i, title in enumerate(titles) if title.startswith(expected)), None))
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    print(f"sharded: {len(ranks)} queries, MRR {mrr:.3f}, misses {[(q, r) for (q, _), r in zip(QUERIES['tune'] + QUERIES['held-out'], ranks) if r != 1]}")
    assert all(ranks) and mrr >= 0.95


def test_every_bundles_entry_is_asked_for_at_once_and_only_once(page, sharded_project):
    """The search box asks for every bundle's entry and metadata at once; Pagefind's merges, one
    after another, then find them in the browser's cache instead of waiting a round trip each: the
    last bundle's entry is on its way before the first merged bundle's metadata is asked for."""
    requests: list[str] = []
    with serve(sharded_project.site, requests) as url:
        page.goto(url)
        page.keyboard.press("/")
        assert search(page, "speaker")
    wanted = [path.split("?")[0] for path in requests if "pagefind-entry.json" in path or path.endswith(".pf_meta")]
    assert len(wanted) == len(set(wanted)) == 6, requests  # three bundles, each file once: the rest came from the cache
    first_meta = next(i for i, path in enumerate(wanted) if path.startswith("/pagefind-1/") and path.endswith(".pf_meta"))
    assert wanted.index("/pagefind-2/pagefind-entry.json") < first_meta, wanted


def test_pointing_at_search_starts_loading_the_engine(page, seed_url):
    loaded: list[str] = []
    page.on("request", lambda r: "/pagefind/" in r.url and loaded.append(r.url.rsplit("/", 1)[-1].split("?")[0]))
    page.goto(seed_url, wait_until="networkidle")
    assert loaded == []  # a visit that never searches loads nothing of the engine
    page.hover(".ps-search-button")
    page.wait_for_load_state("networkidle")
    assert {"pagefind.js", "bundles.json"} <= set(loaded)  # the engine and the list of its bundles
    assert not page.locator("dialog.ps-search").evaluate("d => d.open")  # hovering does not open it


def test_keyboard_alone(page, seed_url):
    page.goto(seed_url)
    page.keyboard.press("Control+k")
    assert page.locator("dialog.ps-search").is_visible()
    page.keyboard.type("hard-margin SVM")
    settled(page, "hard-margin SVM")
    assert page.locator(".ps-search__input").get_attribute("aria-activedescendant") == "ps-result-0"
    page.keyboard.press("Escape")
    assert not page.locator("dialog.ps-search").is_visible()
    # Right after an Esc, Chromium may still have focus on the closed dialog's input: "/" must open
    # search anyway (it failed about one time in four before search.js allowed for it).
    for _ in range(5):
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.classList.contains('ps-search__input')")
        page.keyboard.press("Escape")
    page.keyboard.press("/")
    page.keyboard.press("Control+a")
    page.keyboard.type("attention")
    settled(page, "attention")
    page.keyboard.press("ArrowDown")
    selected = page.locator(".ps-result[aria-selected=true] .ps-result__title").text_content()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").first.text_content().strip().removesuffix("¶") == selected


def test_tag_filter_inside_search(page, seed_url):
    page.goto(seed_url)
    page.keyboard.press("/")
    everything = search(page, "speaker")
    assert page.locator(".ps-search__filter option").count() == 1  # tag counts load when the menu is reached
    page.focus(".ps-search__filter")
    page.wait_for_function("document.querySelectorAll('.ps-search__filter option').length > 10")
    label = page.locator(".ps-search__filter option", has_text="Computer vision").text_content()
    page.select_option(".ps-search__filter", label=label)
    page.wait_for_function(f"document.querySelectorAll('.ps-result').length < {len(everything)}")
    results = page.locator(".ps-result").all()
    assert results
    for item in results:
        assert "Computer vision" in item.locator(".ps-result__tag").all_text_contents()


@pytest.mark.parametrize("bundles", ["one bundle", "three bundles"])
def test_a_tag_without_words_lists_the_tags_papers(page, seed_project, sharded_project, bundles):
    with serve((seed_project if bundles == "one bundle" else sharded_project).site) as url:
        _tag_without_words(page, url)


def _tag_without_words(page, seed_url):
    page.goto(seed_url + "tags/attention/")
    listed = page.locator("article ol li > p:first-child a").all_text_contents()
    assert len(listed) >= 5  # the named tag's listing, read from its own page
    page.keyboard.press("/")
    page.focus(".ps-search__filter")
    page.wait_for_function("document.querySelectorAll('.ps-search__filter option').length > 10")
    page.select_option(".ps-search__filter", label=f"Attention mechanisms ({len(listed)})")
    page.wait_for_function(f"document.querySelector('.ps-search__status').textContent === '{len(listed)} papers tagged Attention mechanisms'")
    assert sorted(page.locator(".ps-result__title").all_text_contents()) == sorted(listed)
    for result in page.locator(".ps-result").all():  # the excerpt does not repeat the title above it
        title, words = result.locator(".ps-result__title").text_content(), result.locator(".ps-result__excerpt").text_content()
        assert words and not words.startswith(title[:20]), (title, words)
    page.select_option(".ps-search__filter", value="")  # back to all tags, no words: nothing listed
    page.wait_for_function("document.querySelectorAll('.ps-result').length === 0")
    assert page.locator(".ps-search__status").text_content() == ""


def test_phone_width(browser, seed_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(seed_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".ps-search-button").tap()
    titles = search(page, "point cloud")
    assert titles[0].startswith("GPSFormer")
    box = page.locator("dialog.ps-search").bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
    # Phone layout: input and a "Close" button on one row, the tag filter alone on the next.
    field, close, tags = (page.locator(s).bounding_box() for s in (".ps-search__input", ".ps-search__close", ".ps-search__filter"))
    assert page.locator(".ps-search__close").inner_text() == "Close"
    assert abs(close["y"] - field["y"]) < 4 and close["x"] > field["x"] and close["height"] >= 32
    assert tags["y"] > field["y"] + field["height"] - 1 and tags["width"] > 300
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-phone.png"))
    page.locator(".ps-search__close").tap()
    assert not page.locator("dialog.ps-search").evaluate("d => d.open")
    # No menu drawer: the tabs are the navigation on a phone too.
    page.goto(seed_url + "papers/titans-learning-to-memorize-at-test-time/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The citation wraps: nothing on the page scrolls sideways.
    assert page.evaluate("(c => c.scrollWidth <= c.clientWidth)(document.querySelector('code.language-bibtex'))")
    page.locator(".md-tabs__link", has_text="Tags").tap()
    page.wait_for_url(seed_url + "tags/")
    context.close()


def test_dark_mode_toggle(page, seed_url):
    icons: list[int] = []
    page.on("response", lambda r: "/assets/icons/" in r.url and icons.append(r.status))
    page.goto(seed_url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    toggle = page.locator("label[for=__palette_1] .ps-icon")
    assert toggle.bounding_box()["width"] >= 20 and "weather-night.svg" in toggle.evaluate("e => getComputedStyle(e).maskImage")
    page.locator("label[for=__palette_1]").click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    chip = page.locator(".ps-tag").first
    colour, background = chip.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert colour != background
    assert page.locator("label[for=__palette_0] .ps-icon").is_visible()
    assert icons and set(icons) == {200}  # the icon files load


def test_materials_scripted_parts_work(browser, seed_url):
    """Made by assets/material-parts.js instead of sent in every page: the dark-mode choice carries
    to the next page, back-to-top appears when scrolling up and goes up, and the citation's copy
    button copies the BibTeX and says so (Material's configuration gives the words)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(seed_url)
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    top = page.locator(".md-main > .md-top")
    top.wait_for(state="visible")
    assert top.text_content() == "Back to top"
    top.click()
    page.wait_for_function("scrollY === 0")
    page.locator("label[for=__palette_1]").click()
    page.goto(seed_url + PAGES["paper"])
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.locator(".md-code__button[data-md-type=copy]").click()
    assert page.locator(".md-dialog__inner").text_content() == "Copied to clipboard"
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{")
    context.close()
    assert errors == []


def test_nothing_from_a_hostile_listing_runs(browser, hostile_project):
    project, _ = hostile_project
    with serve(project.site) as url:
        context = browser.new_context()
        page = context.new_page()
        fired: list[str] = []
        page.on("dialog", lambda dialog: fired.append(dialog.message) or dialog.dismiss())
        page.on("pageerror", lambda error: fired.append(str(error)))
        page.goto(url)
        for link in page.locator("ol li strong a").all():
            page.goto(link.get_attribute("href") if link.get_attribute("href").startswith("http") else url + link.get_attribute("href"))
            page.goto(url)
        page.keyboard.press("/")
        titles = search(page, "alert")
        assert "<script>alert('title')</script> Scripted Title" in titles
        assert page.locator(".ps-search__results img, .ps-search__results script, .ps-search__results a").count() == 0
        for query in ("Jinja", "Bold", "YAML", "emoji"):
            search(page, query)
        assert fired == []
        context.close()


PAGES = {"home": "", "tag": "tags/memory/", "paper": "papers/loconet-long-short-context-network-for-active-speaker-detection/",
         "not-found": "papers/a-paper-that-left-the-listings/", "shelf": "shelf/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility_and_screenshots(browser, seed_url, scheme):
    """axe-core finds no serious or critical violation; screenshots for people to look at."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    ARTIFACTS.mkdir(exist_ok=True)
    found = []
    for device, viewport in (("desktop", {"width": 1280, "height": 800}), ("phone", {"width": 390, "height": 844})):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(seed_url + path)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{scheme}-{device}.png"))
            if device == "desktop":
                found += [(name, v["id"], v["impact"]) for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        page.keyboard.press("/")
        search(page, "speaker")
        page.screenshot(path=str(ARTIFACTS / f"search-{scheme}-{device}.png"))
        if device == "desktop":
            found += [("search", v["id"], v["impact"]) for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        context.close()
    assert found == []


def test_on_a_touch_phone_every_kind_of_page_is_accessible(browser, seed_url):
    """axe-core with a touch screen at 390 px: a wide table scrolls sideways there, and the box it
    scrolls in must take keyboard focus (Material's does not: the theme's search.js gives it)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    found = []
    for path in [*PAGES.values(), "tags/", "code/", "taxonomy/", "about/", "about/benchmarks/"]:
        page.goto(seed_url + path)
        found += [(path, v["id"], v["impact"]) for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    wide = page.locator(".md-typeset__scrollwrap[tabindex='0']")
    assert wide.count() > 0  # about/benchmarks/ has tables wider than a phone
    context.close()
    assert found == []


def test_print_stylesheet_keeps_only_the_reading_list(page, seed_url):
    page.goto(seed_url)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".ps-search-button").is_visible()
    assert page.locator("ol li").first.is_visible()


def test_a_paged_listing_is_accessible(page, paged_project):
    """The pager is a labelled nav whose current page is marked; axe-core finds nothing serious."""
    from axe_playwright_python.sync_playwright import Axe

    with serve(paged_project.site) as url:
        page.goto(url + "page/6/")
        pager = page.get_by_role("navigation", name="Pages")
        assert pager.locator("[aria-current=page]").text_content() == "6"
        violations = [(v["id"], v["impact"]) for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        pager.get_by_role("link", name="11").click()
        page.wait_for_url(url + "page/11/")
        assert page.locator("article ol").get_attribute("start") == "51"
        page.locator("label[for=__palette_1]").click()  # the build added Material's scripted parts
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert violations == []


def test_an_old_paper_link_offers_a_search_for_its_words(page, seed_project):
    """A paper that left the listings leaves a 404 behind: it explains, and searches the address's words."""
    with serve(seed_project.site) as url:
        response = page.goto(url + "papers/titans-learning-to-memorize-at-test-time-v2/")
        assert response.status == 404 and page.locator("h1").text_content() == "Page not found"
        offer = page.locator(".ps-notfound__search")
        assert offer.text_content() == "Search for “titans learning memorize test time”"
        offer.click()
        settled(page, "titans learning memorize test time")
        assert page.locator(".ps-result__title").first.text_content().startswith("Titans: Learning to Memorize")
        page.goto(url + "papers/%3Cimg%20src=x%20onerror=alert(1)%3E/")  # an address is text, never markup
        assert page.locator(".ps-notfound__search").text_content() == "Search for “<img src=x onerror=alert(1)>”"
        assert page.locator("article img").count() == 0
        page.goto(url + "papers/%E0%A4%A/")  # a malformed address: the page, and no offer
        assert page.locator("h1").text_content() == "Page not found" and page.locator(".ps-notfound__search").count() == 0


def test_a_page_view_asks_for_nothing_that_is_missing(page, seed_url):
    """Every request a reader's browser makes while reading is answered: Material looks for a
    sitemap.xml next to each feed a page links for autodiscovery, and got a 404 on every page view."""
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    for path in ["", "tags/", "tags/memory/", "papers/titans-learning-to-memorize-at-test-time/", "code/", "about/"]:
        page.goto(seed_url + path)
        page.wait_for_load_state("networkidle")
    assert failed == []
