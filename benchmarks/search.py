"""Search on a cold page: time from the last keystroke to the first results, and bytes per visit.

    python benchmarks/search.py SITE_DIR [--latency 0 40] [--runs 1] [--out FILE.json]

Serves SITE_DIR on 127.0.0.1 and, for every query of a fixed list (below: common and rare words,
multi-word, tag-filtered and misspelt queries), opens the home page in a fresh headless Chromium
context (empty cache), opens the search box, picks the tag if the query has one, types the query and
measures from the last keystroke until the results of that exact query are on screen. Each query is a
new reader: nothing is warmed by an earlier one. Reports p50, p95 and max over all queries (and each
query's time), per --latency: that many milliseconds added to every request with Chromium's network
emulation (a local server answers at once, which hides requests made one after another). A query
with no answer within 30 s is reported as unanswered, not dropped. Bytes are what the browser
received for the page, its assets and the search (index chunks, fragments), as served uncompressed.
Not part of the test gate.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from helpers import launch, serve  # noqa: E402

SEARCH_FILES = re.compile(r"/(pagefind(-\d+)?|search)/")
# (kind, query, tag): the tag is the name shown in the search box's tag menu, picked before typing.
QUERIES = [
    ("word", "quantization", None), ("word", "diffusion", None), ("word", "tokenizer", None),
    ("word", "benchmark", None), ("word", "attention", None), ("word", "memory", None),
    ("words", "sparse attention", None), ("words", "speech synthesis", None), ("words", "federated learning", None),
    ("words", "diffusion models", None), ("words", "point cloud", None), ("words", "graph neural networks", None),
    ("words", "scene text recognition", None), ("words", "knowledge editing", None),
    ("words", "retrieval-augmented generation", None), ("words", "mixture of experts", None),
    ("words", "long document summarization", None), ("words", "vision-language models for video understanding", None),
    ("rare", "MetaNet", None), ("rare", "GSM8K", None), ("rare", "episodic memory", None), ("rare", "asymmetry", None),
    ("rare", "adjacency", None), ("rare", "assimilation", None), ("rare", "assemblies", None),
    ("typo", "quantizaton", None), ("typo", "difusion models", None), ("typo", "federeated learning", None),
    ("typo", "transfromer", None), ("typo", "reinforcment learning", None),
    ("tag", "attention", "Computer vision"), ("tag", "memory", "Natural language processing"),
    ("tag", "decoding", "Efficient inference"), ("tag", "graph", "Graph learning"),
]
RESULTS = ".ps-search__results"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: a value that was measured, never one between two."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def one_query(browser, url: str, query: str, tag: str | None, latency: int) -> dict:
    context = browser.new_context()
    page = context.new_page()
    if latency:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency, "downloadThroughput": -1, "uploadThroughput": -1})
    received = {"page": 0, "search": 0}
    phase = {"now": "page"}
    seen: set[str] = set()

    def on_response(response):
        if response.url in seen:  # asked for again and found in the cache: nothing crossed the network
            return
        seen.add(response.url)
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            size = 0
        received["search" if SEARCH_FILES.search(response.url) else phase["now"]] += size

    page.on("response", on_response)
    try:
        page.goto(url, wait_until="networkidle")
        page.keyboard.press("/")
        phase["now"] = "search"
        if tag:  # a reader who narrows to a tag first: the menu fills when it is focused
            page.focus(".ps-search__filter")
            page.wait_for_function("t => [...document.querySelectorAll('.ps-search__filter option')].some(o => o.value === t)", arg=tag, timeout=30_000)
            page.select_option(".ps-search__filter", value=tag)
            page.wait_for_function("t => document.querySelector('.ps-search__results').dataset.query === ''", timeout=30_000)
            page.focus(".ps-search__input")
        page.keyboard.type(query[:-1])
        started = page.evaluate("() => performance.now()")
        page.keyboard.type(query[-1])
        try:
            page.wait_for_function("q => document.querySelector('.ps-search__results').dataset.query === q", arg=query, timeout=30_000)
        except Exception:
            return {"query": query, "tag": tag, "ms": None, "results": 0, "page_kb": 0, "search_kb": 0}
        shown = page.evaluate("() => performance.now()")
        results = page.locator(".ps-result__title").count()
        page.wait_for_load_state("networkidle")
        return {"query": query, "tag": tag, "ms": round(shown - started), "results": results,
                "page_kb": round(received["page"] / 1e3), "search_kb": round(received["search"] / 1e3)}
    finally:
        context.close()


def measure(site: Path, latency: int = 0, runs: int = 1) -> dict:
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for _ in range(runs):
            for kind, query, tag in QUERIES:
                rows.append({"kind": kind, **one_query(browser, url, query, tag, latency)})
        browser.close()
    answered = [row["ms"] for row in rows if row["ms"] is not None]
    visits = [row["page_kb"] + row["search_kb"] for row in rows if row["ms"] is not None]
    by_kind = {kind: round(statistics.median([r["ms"] for r in rows if r["kind"] == kind and r["ms"] is not None] or [0]))
               for kind in dict.fromkeys(k for k, _, _ in QUERIES)}
    return {
        "latency_ms": latency,
        "queries": len(rows),
        "unanswered": [row["query"] for row in rows if row["ms"] is None],
        "p50_ms": round(percentile(answered, 50)) if answered else None,
        "p95_ms": round(percentile(answered, 95)) if answered else None,
        "max_ms": max(answered) if answered else None,
        "median_by_kind_ms": by_kind,
        "visit_kb_median": round(statistics.median(visits)) if visits else None,
        "visit_kb_max": max(visits) if visits else None,
        "per_query": rows,
    }


def machine() -> dict:
    return {"cpus": os.cpu_count(), "processor": platform.processor() or platform.machine(), "python": platform.python_version(), "system": platform.platform()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--latency", type=int, nargs="+", default=[0], help="milliseconds added to every request, one run per value")
    parser.add_argument("--runs", type=int, default=1, help="times the whole query list is asked, per latency")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args()
    report = {"site": str(args.site), "pages": sum(1 for _ in (args.site / "papers").glob("*/index.html")), "machine": machine(),
              "runs": [measure(args.site, latency, args.runs) for latency in args.latency]}
    text = json.dumps(report, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
