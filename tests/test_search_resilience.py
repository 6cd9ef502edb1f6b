"""Search that always answers (#20): a bundle of the index that fails (HTTP 500) or never arrives
leaves the results of the others and a notice, and is tried again by the next search; a first
bundle that fails gives a message instead of nothing; 50 queries in a row each get an answer."""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from helpers import _Quiet, serve

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((Path(__file__).resolve().parent / "search" / "queries.yml").read_text())
# The words of generator/theme/assets/search.js, asserted exactly.
NOTICE = "Part of the search index could not be loaded, so some papers may be missing from these results."
UNAVAILABLE = "Search is unavailable: its index could not be loaded. Type again to retry."
TOO_SLOW = "Search took too long to answer. Type again to retry."
TIMEOUT = 5.0  # search.js's TIMEOUT, in seconds
STALL = 60.0  # longer than any wait of a test: a stalled request is one that never ends


class Faults:
    """Which paths fail, and how: {path prefix: "500" | "stall" | "corrupt"}. Changed while the server runs."""

    def __init__(self) -> None:
        self.rules: dict[str, str] = {}
        self.healed = threading.Event()
        self.hits: list[str] = []

    def set(self, rules: dict[str, str]) -> None:
        self.rules = dict(rules)
        self.healed.clear()

    def heal(self) -> None:
        self.rules = {}
        self.healed.set()

    def fault(self, path: str) -> str | None:
        return next((kind for prefix, kind in self.rules.items() if path.startswith(prefix)), None)


@contextmanager
def faulty_server(site: Path, faults: Faults):
    """The site on 127.0.0.1 as tests/helpers.py serves it, but a path under a faulted prefix gets an
    HTTP 500, or no answer until STALL seconds have passed or the server is healed, or bytes that
    are not the file."""

    class Handler(_Quiet):
        def do_GET(self) -> None:
            kind = faults.fault(self.path)
            if kind:
                faults.hits.append(self.path)
            if kind == "stall":
                faults.healed.wait(STALL)
                kind = faults.fault(self.path)
            if kind == "corrupt":  # an answer, but not a Pagefind file: the merge itself fails
                body = b"this is not a Pagefind file"
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                super(_Quiet, self).end_headers()
                self.wfile.write(body)
                return
            if kind == "500":
                body = b"server error"
                self.send_response(500)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                super(_Quiet, self).end_headers()
                self.wfile.write(body)
                return
            try:
                super().do_GET()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser gave up on a request that had stalled

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        faults.heal()
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def answer(page, query: str, bound: float = TIMEOUT + 5) -> dict:
    """Type a query and wait (at most `bound` seconds) for the box to answer it: what it shows."""
    started = time.monotonic()
    page.fill(".ps-search__input", query)
    page.wait_for_function("q => document.querySelector('.ps-search__results').dataset.query === q", arg=query.strip(), timeout=bound * 1000)
    shown = page.evaluate("""() => ({
        status: document.querySelector('.ps-search__status').textContent,
        notice: document.querySelector('.ps-search__notice').hidden ? '' : document.querySelector('.ps-search__notice').textContent,
        titles: [...document.querySelectorAll('.ps-result__title')].map(t => t.textContent),
    })""")
    shown["seconds"] = time.monotonic() - started
    found = re.match(r"(?:Showing results for .*?\. )?([\d,]+) papers? found", shown["status"])
    shown["count"] = int(found.group(1).replace(",", "")) if found else 0
    return shown


def open_search(page, url: str) -> None:
    page.goto(url)
    page.keyboard.press("/")


@pytest.fixture(scope="module")
def full(browser, sharded_project):
    """What the healthy sharded site answers to the queries used here."""
    faults = Faults()
    context = browser.new_context()
    page = context.new_page()
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        answers = {query: answer(page, query) for query in ("attention", "memory", "speaker")}
    context.close()
    for shown in answers.values():
        assert shown["notice"] == "" and shown["count"] > 0, shown
    return answers


@pytest.mark.parametrize("kind", ["500", "stall", "corrupt"])
def test_a_failed_bundle_leaves_the_others_results_and_is_tried_again(page, sharded_project, full, kind):
    """HTTP 500 or no answer for every file of a bundle, or a metadata file that arrives but is not
    one (Pagefind's merge then fails, and the engine is built again without the bundle)."""
    faults = Faults()
    meta = next((sharded_project.site / "pagefind-1").glob("*.pf_meta")).name
    faults.set({"/pagefind-1/" + (meta if kind == "corrupt" else ""): kind})
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        shown = answer(page, "attention")
        assert shown["notice"] == NOTICE
        assert 0 < shown["count"] < full["attention"]["count"], (shown, full["attention"])
        assert shown["titles"] and shown["status"] == f"{shown['count']} papers found"
        assert any(hit.startswith("/pagefind-1/") for hit in faults.hits)
        # Still failing: the next search tries again, and still answers with the rest.
        shown = answer(page, "attention heads")
        assert shown["notice"] == NOTICE and shown["count"] > 0
        # Back: the very next keystroke gets every bundle's results, and no notice.
        faults.heal()
        for query in ("memory", "attention", "speaker"):
            shown = answer(page, query)
            assert shown["notice"] == "", (query, shown)
            assert (shown["count"], shown["titles"]) == (full[query]["count"], full[query]["titles"]), query
        assert page.locator(".ps-search__notice").is_hidden()


def test_an_unread_list_of_bundles_leaves_the_first_bundles_results_and_is_read_again(page, sharded_project, full):
    faults = Faults()
    faults.set({"/pagefind/bundles.json": "500"})
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        shown = answer(page, "attention")
        assert shown["notice"] == NOTICE and 0 < shown["count"] < full["attention"]["count"], shown
        faults.heal()
        shown = answer(page, "memory")
        assert (shown["count"], shown["titles"], shown["notice"]) == (full["memory"]["count"], full["memory"]["titles"], "")


def test_a_chunk_that_never_arrives_gives_a_message_then_results(page, sharded_project, full):
    """A bundle merges, then its index chunk never answers: Pagefind's search waits for it forever.
    The box says so after its timeout, and the next search (with a new engine) answers."""
    faults = Faults()
    faults.set({"/pagefind-1/index/": "stall"})
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        shown = answer(page, "memory")
        assert any(hit.startswith("/pagefind-1/index/") for hit in faults.hits)
        assert shown["status"] == TOO_SLOW and shown["titles"] == [] and TIMEOUT <= shown["seconds"] < TIMEOUT + 3, shown
        faults.heal()
        shown = answer(page, "attention")
        assert (shown["count"], shown["titles"], shown["notice"]) == (full["attention"]["count"], full["attention"]["titles"], "")


def test_a_chunk_that_fails_after_its_bundle_loaded_is_said_and_asked_for_again(page, sharded_project, full):
    """A bundle merges, then its index chunk answers HTTP 500: Pagefind takes the chunk as loaded and
    would miss its results from then on without a word. The watch in its worker tells the page: the
    other bundles' results come with the notice, and once the server is back every result is there."""
    faults = Faults()
    faults.set({"/pagefind-1/index/": "500"})
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        shown = answer(page, "attention")
        assert any(hit.startswith("/pagefind-1/index/") for hit in faults.hits)
        assert shown["notice"] == NOTICE and 0 < shown["count"] < full["attention"]["count"], (shown, full["attention"])
        faults.heal()
        for query in ("memory", "attention"):  # another query first: the box still shows this one's answer
            shown = answer(page, query)
            assert (shown["count"], shown["titles"], shown["notice"]) == (full[query]["count"], full[query]["titles"], ""), query


def test_results_whose_text_never_arrives_are_left_out(page, sharded_project, full):
    """The text of a result (its fragment) never answers: the other results are shown, with the
    notice; once the server answers, the next search shows them all."""
    faults = Faults()
    faults.set({"/pagefind-1/fragment/": "stall", "/pagefind-2/fragment/": "stall"})
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        shown = answer(page, "memory")
        assert any("/fragment/" in hit for hit in faults.hits)
        assert shown["notice"] == NOTICE and shown["count"] == full["memory"]["count"], shown
        assert 0 < len(shown["titles"]) < len(full["memory"]["titles"]) and set(shown["titles"]) < set(full["memory"]["titles"]), shown
        faults.heal()
        shown = answer(page, "attention")
        assert (shown["count"], shown["titles"], shown["notice"]) == (full["attention"]["count"], full["attention"]["titles"], "")


def test_a_first_bundle_that_fails_gives_a_message_then_results(page, sharded_project, full):
    faults = Faults()
    faults.set({"/pagefind/pagefind-entry.json": "500"})
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        shown = answer(page, "attention")
        assert shown["status"] == UNAVAILABLE and shown["titles"] == [] and shown["notice"] == ""
        faults.heal()
        shown = answer(page, "memory")
        assert (shown["count"], shown["titles"], shown["notice"]) == (full["memory"]["count"], full["memory"]["titles"], "")


def test_a_missing_pagefind_script_gives_a_message_then_results(page, sharded_project, full):
    faults = Faults()
    faults.set({"/pagefind/pagefind.js": "500"})
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        shown = answer(page, "attention")
        assert shown["status"] == UNAVAILABLE and shown["titles"] == []
        faults.heal()
        shown = answer(page, "speaker")
        assert (shown["count"], shown["titles"], shown["notice"]) == (full["speaker"]["count"], full["speaker"]["titles"], "")


def fifty_queries() -> list[str]:
    """50 different queries: the relevance suite's, then variations of them (a prefix, a typo,
    words that no paper has)."""
    suite = [query for query, _ in QUERIES["tune"] + QUERIES["held-out"]]
    variations = [suite[0][:5], suite[1].split()[-1] + " " + suite[2].split()[0], "attnetion", "qzxv wplk", "memory tokens"]
    queries = list(dict.fromkeys(suite[:45] + variations))
    assert len(queries) == 50
    return queries


@pytest.mark.parametrize("health", ["healthy", "one bundle stalls"])
def test_fifty_queries_in_a_row_each_get_an_answer(page, sharded_project, health):
    faults = Faults()
    if health != "healthy":
        faults.set({"/pagefind-2/": "stall"})
    # The first answer may wait for a stalled bundle's timeout; every later one is quick.
    first_bound, bound = TIMEOUT + 5, 3.0
    with faulty_server(sharded_project.site, faults) as url:
        open_search(page, url)
        times, answered = [], 0
        for i, query in enumerate(fifty_queries()):
            shown = answer(page, query, first_bound if i == 0 else bound)
            assert shown["titles"] or shown["status"] == "No papers found", (query, shown)
            assert shown["notice"] == ("" if health == "healthy" else NOTICE), (query, shown)
            times.append(shown["seconds"])
            answered += 1
    print(f"{health}: {answered} answers, slowest {max(times):.2f} s, slowest after the first {max(times[1:]):.2f} s")
    assert answered == 50 and max(times[1:]) < bound


# --- what the search box reads besides Pagefind (generator/exports/search_aids.py) ----------------
INDEX_PARTS = re.compile(r"^/pagefind(-\d+)?/(index|filter|fragment)/")


def _pick_tag(page, label: str) -> None:
    page.focus(".ps-search__filter")
    page.wait_for_function("l => [...document.querySelectorAll('.ps-search__filter option')].some(o => o.textContent === l)", arg=label)
    page.select_option(".ps-search__filter", label=label)


@pytest.mark.parametrize("tag_file", ["served", "failing"])
def test_a_tag_with_no_words_lists_its_listings_first_papers(page, sharded_project, tag_file):
    """Served, the tag's own file answers, and not one part of Pagefind's index is fetched (its
    filter-only search reads every chunk: 6.1 MB at 10k papers). Failing, Pagefind answers instead."""
    faults = Faults()
    if tag_file == "failing":
        faults.set({"/search/tags": "500"})  # the menu's file and the tags' files
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url.split("/", 3)[3]))
    with faulty_server(sharded_project.site, faults) as url:
        page.goto(url + "tags/attention/")
        listed = page.locator("article ol li > p:first-child a").all_text_contents()
        assert len(listed) >= 5
        summaries = [" ".join(p.split()) for p in page.locator("article ol li > p:nth-child(2)").all_text_contents()]
        assert len(summaries) == len(listed) and all(summaries)
        page.keyboard.press("/")
        _pick_tag(page, f"Attention mechanisms ({len(listed)})")
        page.wait_for_function(f"document.querySelector('.ps-search__status').textContent === '{len(listed)} papers tagged Attention mechanisms'")
        titles = page.locator(".ps-result__title").all_text_contents()
        excerpts = page.locator(".ps-result__excerpt").all_text_contents()
    parts = [path for path in asked if INDEX_PARTS.match("/" + path)]
    if tag_file == "served":
        assert titles == listed and parts == [], parts  # the listing's order, from the listing's own data
        assert [" ".join(e.split()) for e in excerpts] == summaries  # each paper's summary, as its listing shows it
    else:
        assert any(hit.startswith("/search/tags") for hit in faults.hits)
        assert sorted(titles) == sorted(listed) and parts, parts


def test_common_words_are_left_out_of_a_query_that_has_others(page, seed_project):
    """"the", "of", "models" are in most seed papers (search/common.json): a query with other words
    answers as those words alone do; a query of common words only is still searched."""
    common = set(json.loads((seed_project.site / "search" / "common.json").read_text())["words"])
    assert {"the", "of"} <= common and "combiner" not in common and "attention" not in common
    with serve(seed_project.site) as url:
        open_search(page, url)
        alone = answer(page, "sparse attention")
        mixed = answer(page, "the sparse attention of models")
        assert (mixed["count"], mixed["titles"]) == (alone["count"], alone["titles"]) and alone["count"] > 0
        only = answer(page, "the of")
        papers = sum(1 for _ in (seed_project.site / "papers").glob("*/index.html"))
        assert only["count"] > 0.75 * papers  # at least every paper with "the"


def test_a_misspelt_word_among_others_is_corrected_when_all_the_words_find_little(page, seed_project):
    """"speeker detection": "detection" alone finds papers, but none with both words; the vocabulary's
    "speaker" does, and the box says it searched that."""
    with serve(seed_project.site) as url:
        open_search(page, url)
        right = answer(page, "speaker detection")
        wrong = answer(page, "speeker detection")
    assert right["count"] > 0 and not right["status"].startswith("Showing")
    assert wrong["status"] == f"Showing results for “speaker detection”. {right['count']} paper{'s' if right['count'] > 1 else ''} found"
    assert wrong["titles"] == right["titles"]
