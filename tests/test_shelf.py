"""The reader's shelf (#19), in headless Chromium: saved papers, read marks and notes kept in the
browser, "My shelf" with its filters, BibTeX and JSON export, import, clear, and "For you"."""

from __future__ import annotations

import gzip
import json

import bibtexparser
import pytest

from generator.build import build
from generator.project import Project
from helpers import REPO, make_project, serve

pytestmark = pytest.mark.browser

TITANS = "titans-learning-to-memorize-at-test-time"
TITANS_TITLE = "Titans: Learning to Memorize at Test Time"
LOCONET = "loconet-long-short-context-network-for-active-speaker-detection"
LOCONET_TITLE = "LoCoNet: Long-Short Context Network for Active Speaker Detection"


@pytest.fixture(scope="module")
def shelf_project(tmp_path_factory) -> Project:
    """The seed listing, built in a folder of its own: one test rebuilds it reordered."""
    folder = make_project(tmp_path_factory.mktemp("shelf") / "project", seed_files=sorted((REPO / "seeds").glob("*.txt")))
    project = Project(folder)
    build(project, strict=True)
    return project


@pytest.fixture
def context(browser):
    made = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    errors: list[str] = []
    made.on("weberror", lambda error: errors.append(str(error.error)))
    yield made
    made.close()
    assert errors == []


def shelf_titles(page) -> list[str]:
    return page.locator(".ps-shelf__list .ps-shelf__title").all_text_contents()


def for_you(page) -> list[tuple[str, str]]:
    page.wait_for_function("document.querySelector('.ps-shelf__for-you li') || /No related|appear here/.test(document.querySelector('.ps-shelf__hint').textContent)")
    items = page.locator(".ps-shelf__for-you li")
    return [(items.nth(i).locator("a").text_content(), items.nth(i).locator(".ps-shelf__why").text_content()) for i in range(items.count())]


def test_save_note_read_export_import_and_for_you(context, browser, shelf_project, tmp_path):
    site = shelf_project.site
    with serve(site) as base:
        page = context.new_page()
        page.goto(base + "shelf/")
        assert page.locator(".ps-shelf__empty").text_content().startswith("Your shelf is empty. Press ☆ Save on a paper's page")
        # On a paper's page: save it, write a note.
        page.goto(base + f"papers/{TITANS}/")
        save = page.locator(".ps-shelf-bar button.ps-shelf-button--saved")
        assert save.text_content() == "☆ Save" and save.get_attribute("aria-pressed") == "false"
        save.click()
        assert save.text_content() == "★ Saved" and save.get_attribute("aria-pressed") == "true"
        page.locator(".ps-note summary").click()
        page.locator(".ps-note textarea").fill("Read section 3 on <b>memory</b> first")
        page.wait_for_timeout(400)  # the note is kept 250 ms after the last keystroke
        # In a listing (the home page): save another paper next to its title.
        page.goto(base)
        item = page.locator("article ol > li").filter(has_text="LoCoNet: Long-Short Context Network").first
        item.locator("button.ps-shelf-button--saved").click()
        assert item.locator("button.ps-shelf-button--saved").get_attribute("aria-label") == "★ Saved: LoCoNet: Long-Short Context Network for Active Speaker Detection"

        page.reload()
        page.goto(base + "shelf/")
        assert shelf_titles(page) == ["LoCoNet: Long-Short Context Network for Active Speaker Detection", TITANS_TITLE]  # newest first
        assert page.locator(".ps-shelf__note").all_text_contents() == ["Read section 3 on <b>memory</b> first"]  # text, not HTML
        assert page.locator(".ps-shelf__note b").count() == 0

        # "For you": related papers of the saved ones, with the reason, never a saved one.
        picks = for_you(page)
        assert picks, "no recommendation"
        saved = {TITANS_TITLE, LOCONET_TITLE}
        assert not saved & {title for title, _ in picks}
        assert all(why.startswith(" — related to “") and why.endswith("” you saved") for _, why in picks)
        # Exactly the papers the two saved ones list as related (the build's graph), ten at most.
        graph = _graph(site)
        related = {slug: [other for other, _ in graph[slug]["r"]] for slug in (TITANS, LOCONET)}
        expected = {graph[s]["t"] for s in set(related[TITANS]) | set(related[LOCONET])} - saved
        assert {title for title, _ in picks} == expected if len(expected) <= 10 else len(picks) == 10
        both = [graph[s]["t"] for s in set(related[TITANS]) & set(related[LOCONET])]
        for title, why in picks:
            if title in both:
                assert why in (f" — related to “{TITANS_TITLE}” and “{LOCONET_TITLE}” you saved", f" — related to “{LOCONET_TITLE}” and “{TITANS_TITLE}” you saved")

        # A recommended paper read (not saved) is recommended no more.
        page.get_by_role("link", name=picks[0][0], exact=True).first.click()
        page.locator(".ps-shelf-bar button.ps-shelf-button--read").click()
        page.goto(base + "shelf/")
        assert picks[0][0] not in {title for title, _ in for_you(page)}
        assert shelf_titles(page) == [LOCONET_TITLE, TITANS_TITLE]  # read, not saved: not on the list

        # Mark one read: it leaves "unread", shows under "read", and a read paper is never recommended.
        page.goto(base + "shelf/")
        page.get_by_role("button", name=f"Mark read: {TITANS_TITLE}").click()
        page.get_by_label("Show read or unread papers").select_option("unread")
        assert shelf_titles(page) == ["LoCoNet: Long-Short Context Network for Active Speaker Detection"]
        page.get_by_label("Show read or unread papers").select_option("read")
        assert shelf_titles(page) == [TITANS_TITLE]
        page.get_by_label("Show read or unread papers").select_option("all")
        page.get_by_label("Show papers with this tag").select_option("Speech and audio")
        assert shelf_titles(page) == ["LoCoNet: Long-Short Context Network for Active Speaker Detection"]
        page.get_by_label("Show papers with this tag").select_option("")

        # BibTeX export parses, one entry per saved paper.
        with page.expect_download() as done:
            page.get_by_role("button", name="Export BibTeX").click()
        bib = bibtexparser.parse_string(done.value.path().read_text(encoding="utf-8"))
        assert sorted(entry.key for entry in bib.entries) == sorted(_bib_key(site, slug) for slug in (TITANS, LOCONET))
        assert bib.failed_blocks == []
        assert page.locator(".ps-shelf__status").text_content() == "Exported 2 BibTeX entries."
        with page.expect_download() as done:
            page.get_by_role("button", name="Export JSON").click()
        exported = tmp_path / "shelf.json"
        done.value.save_as(exported)
        data = json.loads(exported.read_text())
        read_only = _slug_of(site, picks[0][0])
        assert sorted(data["papers"]) == sorted([LOCONET, TITANS, read_only])  # the read mark is part of the shelf
        assert data["papers"][read_only]["saved"] is None and data["papers"][read_only]["read"]

        # Import into a fresh browser: the same shelf, notes and read marks included.
        fresh = browser.new_context(viewport={"width": 1280, "height": 800})
        other = fresh.new_page()
        other.goto(base + "shelf/")
        other.set_input_files("#ps-shelf-import", str(exported))
        other.wait_for_function("document.querySelectorAll('.ps-shelf__list .ps-shelf__title').length === 2")
        assert shelf_titles(other) == ["LoCoNet: Long-Short Context Network for Active Speaker Detection", TITANS_TITLE]
        assert other.locator(".ps-shelf__status").text_content() == "Imported 3 papers from shelf.json (3 new)."
        assert other.locator(".ps-shelf__note").all_text_contents() == ["Read section 3 on <b>memory</b> first"]
        assert other.locator(".ps-shelf__list li.ps-read .ps-shelf__title").all_text_contents() == [TITANS_TITLE]
        other.set_input_files("#ps-shelf-import", files=[{"name": "broken.json", "mimeType": "application/json", "buffer": b"<script>alert(1)</script>"}])
        other.wait_for_function("document.querySelector('.ps-shelf__status').textContent.startsWith('broken.json')")
        assert other.locator(".ps-shelf__status").text_content() == "broken.json: not a shelf exported by papershelf (it is not JSON); nothing was changed."
        # Clear all asks twice.
        clear = other.locator(".ps-shelf__clear")
        clear.click()
        assert clear.text_content() == "Press again to remove all 3 papers"
        clear.click()
        assert shelf_titles(other) == [] and other.locator(".ps-shelf__empty").is_visible()
        fresh.close()
        assert shelf_titles(page) == ["LoCoNet: Long-Short Context Network for Active Speaker Detection", TITANS_TITLE]  # another browser's clear is its own


def _graph(site) -> dict:
    return {slug: record for path in (site / "api" / "shelf").glob("*.json") for slug, record in json.loads(path.read_text()).items()}


def _slug_of(site, title) -> str:
    return next(slug for slug, record in _graph(site).items() if record["t"] == title)


def _bib_key(site, slug) -> str:
    (entry,) = bibtexparser.parse_string(_graph(site)[slug]["b"]).entries
    return entry.key


def test_a_rebuild_with_the_listing_reordered_keeps_the_shelf(context, tmp_path):
    folder = make_project(tmp_path / "project", seed_files=sorted((REPO / "seeds").glob("*.txt")))
    project = Project(folder)
    build(project, strict=True)
    with serve(project.site) as base:
        page = context.new_page()
        page.goto(base + f"papers/{TITANS}/")
        page.locator(".ps-shelf-button--saved").click()
        page.goto(base + "papers/loconet-long-short-context-network-for-active-speaker-detection/")
        page.locator(".ps-shelf-button--read").click()
        before = json.loads((project.site / "papers.json").read_text())["papers"]
        # The first paper of the listing goes last: every rank changes.
        listing = project.seeds / "hf-trending-listing.txt"
        blocks = listing.read_text(encoding="utf-8").split("\n\n")
        first = next(i for i, block in enumerate(blocks) if block.startswith("GPSFormer"))
        listing.write_text("\n\n".join(blocks[:first] + blocks[first + 2 :] + blocks[first : first + 2]).rstrip("\n") + "\n", encoding="utf-8")
        build(project, strict=True)
        after = json.loads((project.site / "papers.json").read_text())["papers"]
        assert [p["slug"] for p in after] != [p["slug"] for p in before] and sorted(p["slug"] for p in after) == sorted(p["slug"] for p in before)
        page.goto(base + "shelf/")
        assert shelf_titles(page) == [TITANS_TITLE]
        page.goto(base + f"papers/{TITANS}/")
        assert page.locator(".ps-shelf-button--saved").get_attribute("aria-pressed") == "true"
        page.goto(base)
        item = page.locator("article ol > li").filter(has_text="LoCoNet: Long-Short Context Network").first
        assert "ps-read" in item.get_attribute("class")


def test_my_shelf_is_accessible_in_light_and_dark_and_on_a_phone(browser, shelf_project):
    from axe_playwright_python.sync_playwright import Axe

    found = []
    with serve(shelf_project.site) as base:
        for scheme, viewport in (("light", {"width": 1280, "height": 800}), ("dark", {"width": 1280, "height": 800}), ("light", {"width": 390, "height": 844})):
            made = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=viewport["width"] < 500, has_touch=viewport["width"] < 500)
            page = made.new_page()
            page.goto(base + f"papers/{TITANS}/")
            page.locator(".ps-shelf-button--saved").click()
            page.locator(".ps-note summary").click()
            page.locator(".ps-note textarea").fill("a note")
            found += [(scheme, "paper", v["id"]) for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            page.goto(base + "shelf/")
            for_you(page)
            found += [(scheme, viewport["width"], v["id"]) for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            page.goto(base)
            found += [(scheme, "listing", v["id"]) for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            made.close()
    assert found == []


def test_what_my_shelf_fetches_is_small_and_pages_grow_little(shelf_project):
    """The graph a visit of My shelf reads is a few shard files; a paper page carries one script tag more."""
    shards = sorted((shelf_project.site / "api" / "shelf").glob("*.json"))
    assert len(shards) == 2  # 55 papers, 32 a shard
    records = {slug: record for path in shards for slug, record in json.loads(path.read_text()).items()}
    assert len(records) == 55
    titans = records[TITANS]
    assert titans["t"] == TITANS_TITLE and len(titans["r"]) == 5 and titans["b"].startswith("@")
    assert max(len(gzip.compress(path.read_bytes())) for path in shards) < 40_000
    page = (shelf_project.site / "papers" / TITANS / "index.html").read_text()
    assert page.count("assets/shelf.js") == 1
