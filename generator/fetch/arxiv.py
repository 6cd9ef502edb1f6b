"""papershelf fetch arxiv: the arXiv API (Atom), by id or by query, one file per request.

arXiv's terms: one request every 3 seconds, on one connection (generator/net.py keeps both, retries
included). A query is paged with start/max_results; the pages' entries are spliced into the first
page's feed as arXiv sent them, so the file reads like one answer. Two answers are errors although
they come with HTTP 200: a feed whose one entry is titled "Error", and the text "Rate exceeded.".
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from slugify import slugify

from generator.fetch import BadRequest, Stored, store
from generator.net import Client, Settings, SourceDown
from generator.slugs import digest
from generator.sources import arxiv as reader
from generator.sources.common import ARXIV_ID

DEFAULT_API = "https://export.arxiv.org/api/query"
DELAY = 3.0  # seconds between requests, as arXiv asks
PAGE = 100
MAX_RESULTS = 2000
ORDER = {"sortBy": "relevance", "sortOrder": "descending"}  # arXiv's default, written out: pages stay in one order
ENTRY = re.compile(r"<entry\b.*?</entry>\s*", re.S)
TOTAL = re.compile(r"<opensearch:totalResults[^>]*>(\d+)<")


def api() -> str:
    return os.environ.get("PAPERSHELF_ARXIV_API", DEFAULT_API)


def client(settings: Settings | None = None) -> Client:
    settings = settings or Settings.from_env()
    delay = os.environ.get("PAPERSHELF_ARXIV_DELAY")
    try:
        interval = DELAY if delay in (None, "") else float(delay)
    except ValueError:
        raise BadRequest(f"PAPERSHELF_ARXIV_DELAY is {delay!r}, not a number of seconds") from None
    return Client(settings, interval=max(0.0, interval))


def check_ids(ids: list[str]) -> list[str]:
    bad = [i for i in ids if not ARXIV_ID.fullmatch(i.strip())]
    if bad:
        raise BadRequest(f"--id {bad[0]!r}: not an arXiv identifier (like 2501.00663 or astro-ph/0601001)")
    return [i.strip() for i in ids]


def fetch(seeds: Path, ids: list[str] | None = None, query: str | None = None, most: int = PAGE,
          settings: Settings | None = None) -> Stored:
    if not ids and not query:
        raise BadRequest("give --id ID... or --query QUERY")
    if not 1 <= most <= MAX_RESULTS:
        raise BadRequest(f"--max {most}: give a number from 1 to {MAX_RESULTS}")
    http = client(settings)
    if ids:
        ids = check_ids(ids)
        name = "arxiv-id-" + (slugify(" ".join(ids)) if len(ids) <= 3 else digest(" ".join(sorted(ids)), length=12))
        bodies = [_get(http, {"id_list": ",".join(ids[i : i + PAGE]), **ORDER, "start": 0, "max_results": PAGE}) for i in range(0, len(ids), PAGE)]
    else:
        name = "arxiv-query-" + (slugify(query, max_length=60, word_boundary=True) or digest(query, length=12))
        bodies = _pages(http, query, most)
    path = seeds / f"{name}.xml"
    text = _splice(bodies)
    result = reader.read(path.name, enumerate(text.splitlines(), start=1))
    errors = [p for p in result.problems if p.level == "error"]
    if errors:
        raise SourceDown(f"{api()}: {errors[0].message}; nothing was written")
    if not result.papers:
        return Stored(path, 0, changed=False)
    return store(path, text.encode("utf-8"), len(result.papers), result.problems)


def _get(http: Client, params: dict) -> str:
    body = http.get(api(), params).decode("utf-8", errors="replace")
    if body.strip().startswith("Rate exceeded"):
        raise SourceDown(f"{api()}: answered \"Rate exceeded.\" (arXiv's throttling); try again later; nothing was written")
    return body


def _pages(http: Client, query: str, most: int) -> list[str]:
    bodies, start = [], 0
    while start < most:
        size = min(PAGE, most - start)
        body = _get(http, {"search_query": query, **ORDER, "start": start, "max_results": size})
        bodies.append(body)
        found = len(ENTRY.findall(body))
        total = TOTAL.search(body)
        start += size
        if found < size or (total and start >= int(total.group(1))):
            break
    return bodies


def _splice(bodies: list[str]) -> str:
    """One feed: the first page, with every later page's entries added before its </feed>."""
    first = bodies[0]
    extra = "".join(entry for body in bodies[1:] for entry in ENTRY.findall(body))
    if not extra:
        return first
    end = first.rfind("</feed>")
    return first[:end] + extra + first[end:] if end >= 0 else first
