"""arXiv API answers (Atom). Ids are versioned URLs, titles and abstracts hard-wrapped.

Two answers are errors, not papers: a query arXiv could not run comes back as HTTP 200 with a single
entry titled "Error", and throttling answers the plain text "Rate exceeded.".
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree

from generator.model import Origin, Paper
from generator.problems import Problem, quote
from generator.sources import ReadResult
from generator.sources.common import arxiv_id, flat, iso_date, whole_text

NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


SUFFIXES = (".xml", ".atom")  # the files this reader takes (generator/sources/__init__.py finds it by them)


def read(path: str, lines: Iterator[tuple[int, str]]) -> ReadResult:
    result = ReadResult()
    text = whole_text(lines)
    if text.strip().startswith("Rate exceeded"):
        result.problems.append(Problem(path, 1, 'is arXiv\'s throttling answer "Rate exceeded.", not a feed; fetch it again later', "error"))
        return result
    try:
        root = ElementTree.fromstring(text)
    except (ParseError, ValueError) as err:
        line = getattr(err, "position", (0, 0))[0]
        result.problems.append(Problem(path, line, f"is not a readable Atom feed ({err})", "error"))
        return result
    for number, entry in enumerate(root.findall("atom:entry", NS), start=1):
        paper = _paper(path, number, entry, result.problems)
        if paper is not None:
            result.papers.append(paper)
    return result


def _text(entry, tag: str) -> str:
    node = entry.find(tag, NS)
    return flat(node.text if node is not None else "")


def _paper(path: str, number: int, entry, problems: list[Problem]) -> Paper | None:
    title = _text(entry, "atom:title")
    summary = _text(entry, "atom:summary")
    if title == "Error":
        problems.append(Problem(path, 0, f"entry {number} is arXiv's error answer: {quote(summary, 120)}", "error"))
        return None
    if not title:
        problems.append(Problem(path, 0, f"entry {number} has no title; skipped"))
        return None
    primary = entry.find("arxiv:primary_category", NS)
    categories = [c.get("term") for c in entry.findall("atom:category", NS) if c.get("term")]
    if primary is not None and primary.get("term") in categories:
        categories.remove(primary.get("term"))
    categories = ([primary.get("term")] if primary is not None and primary.get("term") else []) + categories
    return Paper(
        title=title,
        abstract=summary,
        origin=Origin(path, 0, "arXiv"),
        arxiv_id=arxiv_id(_text(entry, "atom:id")),
        authors=tuple(flat(a.text) for a in entry.findall("atom:author/atom:name", NS) if flat(a.text)),
        published=iso_date(_text(entry, "atom:published")),
        doi=_text(entry, "arxiv:doi") or None,
        categories=tuple(categories),
        sources=(path,),
    )
