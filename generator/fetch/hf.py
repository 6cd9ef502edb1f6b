"""papershelf fetch hf: Hugging Face's daily-papers API, one file per day, week or month.

GET {PAPERSHELF_HF_API}/daily_papers?date=2026-03-11&p=0&limit=100, then p=1, 2 ... until a page
comes back short or brings nothing new. The items are stored as Hugging Face sent them, inside
{"fetched": day, "source": url, "dailyPapers": [...]}: the day they were read is what the upvote
and star counts are as of. The file is rewritten only when the items changed.

fetch_paper: GET {PAPERSHELF_HF_API}/papers/2608.09888, one paper with the models, datasets and Spaces
the Hub links to it, stored as seeds/hf-paper-2608.09888.json.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from generator.fetch import BadRequest, Stored, period, store
from generator.net import Client, Settings, SourceDown
from generator.sources import hf_json

DEFAULT_API = "https://huggingface.co/api"
LIMIT = 100  # items a page: the API's largest page
MAX_PAGES = 100  # a month is ~1,000 papers; past this the API is not paging as documented


def api() -> str:
    return os.environ.get("PAPERSHELF_HF_API", DEFAULT_API).rstrip("/")


def file_name(kind: str, value: str) -> str:
    return {"date": "hf-daily-{}.json", "week": "hf-weekly-{}.json", "month": "hf-monthly-{}.json"}[kind].format(value)


def fetch(seeds: Path, today: str, date: str | None = None, week: str | None = None, month: str | None = None,
          settings: Settings | None = None) -> Stored:
    kind, value = period(date, week, month, today)
    url = f"{api()}/daily_papers"
    client = Client(settings or Settings.from_env())
    items: list = []
    seen: set[str] = set()
    for page in range(MAX_PAGES):
        params = {kind: value, "p": page, "limit": LIMIT}
        body = client.get(url, params)
        try:
            answer = json.loads(body)
        except ValueError as err:
            raise SourceDown(f"{url}?{kind}={value}&p={page}: answered with something that is not JSON ({err}); nothing was written") from None
        if not isinstance(answer, list):
            raise SourceDown(f"{url}?{kind}={value}&p={page}: answered with {type(answer).__name__}, not the list of daily papers; nothing was written")
        fresh = [item for item in answer if _key(item) not in seen]
        seen.update(_key(item) for item in fresh)
        items += fresh
        if len(answer) < LIMIT or not fresh:
            break
    path = seeds / file_name(kind, value)
    if not items:  # nothing listed (yet) for the period: an empty file would only hide that
        return Stored(path, 0, changed=False)
    if path.is_file() and _items(path) == items:
        return Stored(path, len(items), changed=False)
    document = {"fetched": today, "source": f"{url}?{kind}={value}", "dailyPapers": items}
    result = hf_json.read(path.name, document)  # the build's own reader: an unreadable answer is not stored
    data = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    return store(path, data, len(result.papers), result.problems)


def paper_file_name(paper_id: str) -> str:
    return f"hf-paper-{paper_id}.json"


def fetch_paper(seeds: Path, today: str, paper_id: str, settings: Settings | None = None) -> Stored:
    """GET {PAPERSHELF_HF_API}/papers/ID: one paper's page as data, with the models, datasets and Spaces
    the Hub links to it. Stored as seeds/hf-paper-ID.json, {"fetched", "source", "paper": answer}; the
    build adds its Hub links (and its newer counts, when no daily answer has them) to that paper."""
    if not re.fullmatch(r"\d{4}\.\d{4,5}", paper_id):
        raise BadRequest(f"--paper {paper_id!r}: not an arXiv identifier like 2608.09888 (Hugging Face has paper pages for these)")
    url = f"{api()}/papers/{paper_id}"
    body = Client(settings or Settings.from_env()).get(url)
    try:
        answer = json.loads(body)
    except ValueError as err:
        raise SourceDown(f"{url}: answered with something that is not JSON ({err}); nothing was written") from None
    if not isinstance(answer, dict) or answer.get("id") != paper_id:
        raise SourceDown(f"{url}: answered with something that is not the paper {paper_id}; nothing was written")
    path = seeds / paper_file_name(paper_id)
    document = {"fetched": today, "source": url, "paper": answer}
    result = hf_json.read(path.name, document)  # the build's own reader: an unreadable answer is not stored
    data = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    return store(path, data, len(result.papers), result.problems)


def _key(item: object) -> str:
    paper = item.get("paper") if isinstance(item, dict) else None
    return str(paper.get("id")) if isinstance(paper, dict) and paper.get("id") else json.dumps(item, sort_keys=True)


def _items(path: Path) -> list | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("dailyPapers") if isinstance(data, dict) else None
