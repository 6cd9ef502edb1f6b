"""Papers written by hand, as YAML or JSON records. The schema is in docs/about/sources.md.

    papers:
      - title: A Paper            # required
        abstract: What it does.   # required unless another source has it
        arxiv: 2401.01234         # id or abs/pdf URL
        authors: [Ada Lovelace, Alan Turing]
        published: 2024-01-02
        code: https://github.com/owner/repo
        project: https://example.org/paper
        doi: 10.1000/xyz
"""

from __future__ import annotations

from generator.model import Origin, Paper
from generator.problems import Problem
from generator.sources import ReadResult
from generator.sources.common import arxiv_id, flat, iso_date

FIELDS = frozenset({"title", "abstract", "arxiv", "authors", "published", "code", "project", "doi"})


def records(data: object) -> list | None:
    """The list of records in a document ({"papers": [...]} or a bare list of titled mappings), or None."""
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        return data["papers"]
    if isinstance(data, list) and all(isinstance(r, dict) and "title" in r and "paper" not in r for r in data):
        return data
    return None


def read(path: str, data: object) -> ReadResult:
    result = ReadResult()
    found = records(data)
    if found is None:
        result.problems.append(Problem(path, 0, 'is neither a Hugging Face papers answer nor papershelf records (a "papers:" list); skipped'))
        return result
    for index, record in enumerate(found, start=1):
        where = f"record {index}"
        if not isinstance(record, dict) or not flat(record.get("title")):
            result.problems.append(Problem(path, 0, f"{where} has no title; skipped"))
            continue
        unknown = sorted(set(map(str, record)) - FIELDS)
        if unknown:
            result.problems.append(Problem(path, 0, f"{where} has unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(FIELDS))}); they were ignored"))
        authors = record.get("authors") or []
        result.papers.append(
            Paper(
                title=flat(record["title"]),
                abstract=flat(record.get("abstract")),
                origin=Origin(path, 0, "the curator's records"),
                arxiv_id=arxiv_id(record.get("arxiv")),
                authors=tuple(flat(a) for a in (authors if isinstance(authors, list) else [authors]) if flat(a)),
                published=iso_date(record.get("published")),
                repository=flat(record.get("code")) or None,
                project_page=flat(record.get("project")) or None,
                doi=flat(record.get("doi")) or None,
                sources=(path,),
            )
        )
    return result
