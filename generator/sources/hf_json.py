"""Hugging Face papers JSON: the daily-papers API answer and the objects embedded in its HTML pages.

Shapes accepted: a list of daily items ({"paper": {...}, "title", "summary", "publishedAt", ...});
{"dailyPapers": [items]}; {"searchResults": [items]}; and the older search answer, a list of
{"id", "title", "thumbnailUrl"} (titles without abstracts, merged with other sources by arXiv id).
"""

from __future__ import annotations

from generator.model import Origin, Paper
from generator.problems import Problem, quote
from generator.sources import ReadResult
from generator.sources.common import arxiv_id, as_int, flat, iso_date


def items(data: object) -> list | None:
    """The list of paper items in a Hugging Face JSON document, or None if it is not one."""
    if isinstance(data, dict):
        for key in ("dailyPapers", "searchResults"):
            if isinstance(data.get(key), list):
                return data[key]
        return None
    if isinstance(data, list) and data and all(isinstance(i, dict) and ("paper" in i or "thumbnailUrl" in i) for i in data):
        return data
    return None


def read(path: str, data: object) -> ReadResult:
    result = ReadResult()
    for index, item in enumerate(items(data) or []):
        paper = _paper(path, index, item, result.problems)
        if paper is not None:
            result.papers.append(paper)
    return result


def _paper(path: str, index: int, item: object, problems: list[Problem]) -> Paper | None:
    where = f"item {index + 1}"
    if not isinstance(item, dict):
        problems.append(Problem(path, 0, f"{where} is not an object; skipped"))
        return None
    inner = item.get("paper") if isinstance(item.get("paper"), dict) else {}
    title = flat(item.get("title") or inner.get("title"))
    if not title:
        problems.append(Problem(path, 0, f"{where} has no title; skipped"))
        return None
    if inner.get("withdrawnAt"):
        problems.append(Problem(path, 0, f"{where} {quote(title)} was withdrawn on {iso_date(inner['withdrawnAt'])}; skipped", "note"))
        return None
    authors = tuple(
        flat(a.get("name")) for a in inner.get("authors") or [] if isinstance(a, dict) and flat(a.get("name")) and not a.get("hidden")
    )
    return Paper(
        title=title,
        abstract=flat(item.get("summary") or inner.get("summary")),
        origin=Origin(path, 0, "Hugging Face papers"),
        rank=index + 1,
        arxiv_id=arxiv_id(inner.get("id") or item.get("id")),
        authors=authors,
        published=iso_date(inner.get("publishedAt")),
        upvotes=as_int(inner.get("upvotes")),
        upvotes_read=iso_date(item.get("publishedAt")),
        repository=inner.get("githubRepo") or None,
        stars=as_int(inner.get("githubStars")),
        project_page=inner.get("projectPage") or None,
        seen=((path, iso_date(item.get("publishedAt"))),) if iso_date(item.get("publishedAt")) else (),
        sources=(path,),
    )
