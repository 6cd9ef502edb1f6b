"""Hugging Face papers JSON: the daily-papers API answer and the objects embedded in its HTML pages.

Shapes accepted: a list of daily items ({"paper": {...}, "title", "summary", "publishedAt", ...});
{"dailyPapers": [items]}; {"searchResults": [items]}; and the older search answer, a list of
{"id", "title", "thumbnailUrl"} (titles without abstracts, merged with other sources by arXiv id);
and papershelf fetch hf --paper's {"fetched", "source": .../papers/ID, "paper": {...}}, one paper with
the models, datasets and Spaces the Hub links to it (linkedModels, linkedDatasets, linkedSpaces).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from generator.model import Link, Origin, Paper
from generator.problems import Problem, quote
from generator.sources import ReadResult
from generator.sources.common import arxiv_id, as_int, describe, flat, iso_date


def items(data: object) -> list | None:
    """The list of paper items in a Hugging Face JSON document, or None if it is not one."""
    if isinstance(data, dict):
        for key in ("dailyPapers", "searchResults"):
            if isinstance(data.get(key), list):
                return data[key]
        if _is_paper_page(data):
            return [data]  # {"paper": {...}} is a daily item's shape too: the paper is read as one
        return None
    if isinstance(data, list) and data and all(isinstance(i, dict) and ("paper" in i or "thumbnailUrl" in i) for i in data):
        return data
    return None


def read(path: str, data: object) -> ReadResult:
    result = ReadResult()
    # papershelf fetch hf records the day it read the answer: the day its upvotes and stars are as of.
    fetched = iso_date(data.get("fetched")) if isinstance(data, dict) else None
    day = _asked_day(data.get("source")) if isinstance(data, dict) else None
    for index, item in enumerate(items(data) or []):
        paper = _paper(path, index, item, result.problems, fetched, day)
        if paper is not None:
            result.papers.append(paper)
    if isinstance(data, dict) and "dailyPapers" in data:
        result.names[path] = _name(data.get("source"))
    return result


def _is_paper_page(data: dict) -> bool:
    """papershelf fetch hf --paper's file: {"fetched", "source": .../papers/ID, "paper": the answer}."""
    source = data.get("source")
    return isinstance(data.get("paper"), dict) and isinstance(source, str) and "/papers/" in source


def _name(source: object) -> str:
    """'Hugging Face Daily Papers, 2024-10-25' (or 'week 2024-W43', '2024-10'): the period the fetch asked for."""
    try:
        asked = parse_qs(urlsplit(source).query) if isinstance(source, str) else {}
    except ValueError:
        asked = {}
    for key, shown in (("date", "{}"), ("week", "week {}"), ("month", "{}")):
        value = (asked.get(key) or [""])[0]
        if value and iso_period(value, key):
            return "Hugging Face Daily Papers, " + shown.format(value)
    return "Hugging Face Daily Papers"


def iso_period(value: str, kind: str) -> bool:
    shapes = {"date": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-W\d{2}", "month": r"\d{4}-\d{2}"}
    return bool(re.fullmatch(shapes[kind], value)) and (kind != "date" or iso_date(value) == value)


def _asked_day(source: object) -> str | None:
    """The day an answer was asked for (papershelf fetch hf records .../daily_papers?date=D), if one day."""
    if not isinstance(source, str):
        return None
    asked = parse_qs(urlsplit(source).query).get("date") or [None]
    return iso_date(asked[0])


def _paper(path: str, index: int, item: object, problems: list[Problem], fetched: str | None = None, day: str | None = None) -> Paper | None:
    where = f"item {index + 1}"
    if not isinstance(item, dict):
        problems.append(Problem(path, 0, f"{where} is not an object; skipped"))
        return None
    inner = item.get("paper") if isinstance(item.get("paper"), dict) else {}
    raw_title = item.get("title") or inner.get("title")
    title = flat(raw_title) if isinstance(raw_title, str) else ""
    if not title:
        problems.append(Problem(path, 0, f"{where} has no title; skipped"))
        return None
    if inner.get("withdrawnAt"):
        problems.append(Problem(path, 0, f"{where} {quote(title)} was withdrawn on {iso_date(inner['withdrawnAt'])}; skipped", "note"))
        return None
    def problem(text: str) -> None:
        problems.append(Problem(path, 0, f"{where} {quote(title)}: {text}; kept the rest"))

    raw_authors = inner.get("authors") or []
    if not isinstance(raw_authors, list):
        problem(f"authors is {describe(raw_authors)}, not a list of names")
        raw_authors = []
    # "hidden" is not a hidden name: in real answers it is set on a claimed, verified author who chose not
    # to show the paper on their own Hugging Face profile ("Show on profile"). They are still an author.
    authors = tuple(flat(a.get("name")) for a in raw_authors if isinstance(a, dict) and isinstance(a.get("name"), str) and flat(a.get("name")))
    listed = _listed(item, inner, day)
    # A paper's own page is no listing: it adds facts (its links on the Hub) to the paper, not a sighting;
    # the build counts every source of a paper as a listing it was seen in (generator/history.py).
    page = item is not inner and _is_paper_page(item)
    return Paper(
        title=title,
        abstract=_text(item.get("summary") or inner.get("summary"), "summary", problem),
        origin=Origin(path, 0, "Hugging Face papers"),
        arxiv_id=arxiv_id(inner.get("id") or item.get("id")),
        authors=authors,
        published=iso_date(inner.get("publishedAt")),
        upvotes=_count(inner.get("upvotes"), "upvotes", problem),
        upvotes_read=fetched,
        listed=listed,
        comments=_count(item.get("numComments"), "numComments", problem),
        hf_summary=_text(inner.get("ai_summary"), "ai_summary", problem) or None,
        hf_keywords=_keywords(inner.get("ai_keywords"), problem),
        organization=_organization(item.get("organization") or inner.get("organization"), problem),
        repository=_text(inner.get("githubRepo"), "githubRepo", problem) or None,
        stars=_count(inner.get("githubStars"), "githubStars", problem),
        project_page=_text(inner.get("projectPage"), "projectPage", problem) or None,
        on_hub=_on_hub(inner, problem),
        seen=((path, listed),) if listed and not page else (),
        sources=() if page else (path,),
    )


def _listed(item: dict, inner: dict, day: str | None) -> str | None:
    """The day the paper entered Daily Papers. The 2026 answers say it as paper.submittedOnDailyAt; their item
    publishedAt is four hours before paper.publishedAt (2026-05-29T20:00Z for a paper listed on 2026-06-12).
    The 2024 and early 2025 answers have no submittedOnDailyAt, and their item publishedAt is the listing
    time, in UTC: 4 of the 13 papers of the answer for 2025-01-08 are stamped the evening before. So an
    answer asked for one day lists its papers on that day; otherwise (a week, a month) the stamp decides."""
    if "submittedOnDailyAt" in inner:
        return iso_date(inner["submittedOnDailyAt"])
    return day or iso_date(item.get("publishedAt"))


HUB_ID = re.compile(r"(?:[A-Za-z0-9][\w.-]*/)?[A-Za-z0-9][\w.-]*")
HUB = (("linkedModels", "model", "https://huggingface.co/{}"), ("linkedDatasets", "dataset", "https://huggingface.co/datasets/{}"),
       ("linkedSpaces", "space", "https://huggingface.co/spaces/{}"))


def _on_hub(inner: dict, problem) -> tuple[Link, ...]:
    """The /api/papers/ID answer's linked models, datasets and Spaces, by their Hub ids (owner/name)."""
    found = []
    for key, kind, address in HUB:
        value = inner.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            problem(f"{key} is {describe(value)}, not a list")
            continue
        for number, linked in enumerate(value, start=1):
            hub_id = linked.get("id") if isinstance(linked, dict) else None
            if not isinstance(hub_id, str) or not HUB_ID.fullmatch(hub_id):
                problem(f"{key} item {number} has id {describe(hub_id)}, not a Hub id (owner/name)")
                continue
            found.append(Link(kind, address.format(hub_id), hub_id))
    return tuple(dict.fromkeys(found))


def _keywords(value: object, problem) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        problem(f"ai_keywords is {describe(value)}, not a list of keywords")
        return ()
    return tuple(dict.fromkeys(flat(k) for k in value if flat(k)))


def _organization(value: object, problem) -> str | None:
    """The submitting organisation: an object with fullname and name (or, in older answers, a name)."""
    if value is None:
        return None
    if isinstance(value, str):
        return flat(value) or None
    if isinstance(value, dict):
        name = value.get("fullname") or value.get("name")
        if name is None or isinstance(name, str):
            return flat(name) or None
        value = name
    problem(f"organization is {describe(value)}, not an organisation")
    return None


def _text(value: object, name: str, problem) -> str:
    """A text field, or "" with a problem when the answer holds a list, a number or an object there."""
    if value is None or isinstance(value, str):
        return flat(value)
    problem(f"{name} is {describe(value)}, not text")
    return ""


def _count(value: object, name: str, problem) -> int | None:
    if value is None:
        return None
    count = as_int(value)
    if count is None:
        problem(f"{name} is {describe(value)}, not a count")
    return count
