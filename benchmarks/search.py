"""Search on a cold page: time from the last keystroke to the first results, and bytes per visit.

    python benchmarks/search.py SITE_DIR [--queries 12] [--latency 40]

Serves SITE_DIR on 127.0.0.1, opens the home page in a fresh headless Chromium context (empty cache)
for every query, types it, and measures until the results of that exact query are shown. Bytes are
what the browser received for the page, its assets and the search (index chunks, fragments).
--latency adds that many milliseconds to every request (Chromium's network emulation): a local
server answers at once, which hides requests made one after another. Reports medians, with the
machine. Not part of the test gate.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from helpers import launch, serve  # noqa: E402

SEARCH_FILES = re.compile(r"/(pagefind(-\d+)?|search)/")
QUERIES = ["sparse attention", "speech synthesis", "quantization", "federated learning", "diffusion models", "point cloud",
           "MetaNet", "episodic memory", "knowledge editing", "GSM8K", "graph neural networks", "scene text recognition"]


def measure(site: Path, count: int, latency: int = 0) -> dict:
    from playwright.sync_api import sync_playwright

    latencies, page_bytes, search_bytes = [], [], []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        for query in QUERIES[:count]:
            context = browser.new_context()
            page = context.new_page()
            if latency:
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency, "downloadThroughput": -1, "uploadThroughput": -1})
            received = {"page": 0, "search": 0}
            phase = {"now": "page"}

            seen: set[str] = set()

            def on_response(response, received=received, phase=phase, seen=seen):
                if response.url in seen:  # asked for again and found in the cache: nothing crossed the network
                    return
                seen.add(response.url)
                try:
                    size = len(response.body())
                except Exception:  # redirects and aborted requests have no body
                    size = 0
                is_search = SEARCH_FILES.search(response.url) is not None  # pagefind/, pagefind-N/, search/
                received["search" if is_search else phase["now"]] += size

            page.on("response", on_response)
            page.goto(url, wait_until="networkidle")
            page.keyboard.press("/")
            phase["now"] = "search"
            page.keyboard.type(query[:-1])
            started = page.evaluate("() => performance.now()")
            page.keyboard.type(query[-1])
            page.wait_for_function("q => document.querySelector('.ps-search__results').dataset.query === q", arg=query, timeout=30_000)
            shown = page.evaluate("() => performance.now()")
            page.wait_for_load_state("networkidle")
            latencies.append(shown - started)
            page_bytes.append(received["page"])
            search_bytes.append(received["search"])
            context.close()
        browser.close()
    return {
        "queries": count,
        "latency_ms": latency,
        "first_results_ms_median": round(statistics.median(latencies)),
        "first_results_ms_max": round(max(latencies)),
        "page_kb_median": round(statistics.median(page_bytes) / 1e3),
        "search_kb_median": round(statistics.median(search_bytes) / 1e3),
        "visit_kb_median": round(statistics.median(p + s for p, s in zip(page_bytes, search_bytes)) / 1e3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", type=int, default=12)
    parser.add_argument("--latency", type=int, default=0, help="milliseconds added to every request")
    args = parser.parse_args()
    print(json.dumps(measure(args.site, args.queries, args.latency), indent=1))


if __name__ == "__main__":
    main()
