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

import json

import yaml

from generator.model import Origin, Paper
from generator.problems import Problem
from generator.sources import ReadResult
from generator.sources.common import arxiv_id, describe, flat, iso_date

FIELDS = frozenset({"title", "abstract", "arxiv", "authors", "published", "code", "project", "doi"})


def records(data: object) -> list | None:
    """The list of records in a document ({"papers": [...]} or a bare list of titled mappings), or None."""
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        return data["papers"]
    if isinstance(data, list) and all(isinstance(r, dict) and "title" in r and "paper" not in r for r in data):
        return data
    return None


def record_lines(path: str, text: str, found: list) -> list[int]:
    """The line each record starts on, so messages and pages point at it (0 where it cannot be told).

    YAML: the parser's own marks (composed again: records are hand-written, small). JSON keeps no
    positions: each record's title, written as JSON writes it, is found in the text after the last."""
    if not path.endswith(".json"):
        try:
            root = yaml.compose(text)
        except (yaml.YAMLError, RecursionError):
            return [0] * len(found)
        if isinstance(root, yaml.MappingNode):
            root = next((v for k, v in root.value if getattr(k, "value", None) == "papers"), None)
        items = root.value if isinstance(root, yaml.SequenceNode) else []
        return [node.start_mark.line + 1 for node in items] if len(items) == len(found) else [0] * len(found)
    lines, position = [], 0
    for record in found:
        title = record.get("title") if isinstance(record, dict) else None
        at = text.find(json.dumps(title, ensure_ascii=False), position) if isinstance(title, str) else -1
        if at < 0:
            at = text.find(json.dumps(title), position) if isinstance(title, str) else -1
        lines.append(text.count("\n", 0, at) + 1 if at >= 0 else 0)
        position = at + 1 if at >= 0 else position
    return lines


def read(path: str, data: object, text: str = "") -> ReadResult:
    result = ReadResult()
    found = records(data)
    if found is None:
        result.problems.append(Problem(path, 0, 'is neither a Hugging Face papers answer nor papershelf records (a "papers:" list); skipped'))
        return result
    starts = record_lines(path, text, found) if text else [0] * len(found)
    for index, (record, line) in enumerate(zip(found, starts), start=1):
        where = f"record {index}"
        if not isinstance(record, dict) or not flat(record.get("title")):
            result.problems.append(Problem(path, line, f"{where} has no title; skipped"))
            continue
        said: list[str] = []  # what is wrong with a field, said once the record is read
        title = _text(record, "title", said)
        if not title:
            result.problems.append(Problem(path, line, f"{where}: {said[0]}; skipped"))
            continue
        unknown = sorted(set(map(str, record)) - FIELDS)
        if unknown:
            result.problems.append(Problem(path, line, f"{where} has unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(FIELDS))}); they were ignored"))
        paper = Paper(
            title=title,
            abstract=_text(record, "abstract", said),
            origin=Origin(path, line, "the curator's records"),
            arxiv_id=arxiv_id(_text(record, "arxiv", said)),
            authors=_names(record, said),
            published=_date(record, said),
            repository=_text(record, "code", said) or None,
            project_page=_text(record, "project", said) or None,
            doi=_text(record, "doi", said) or None,
            sources=(path,),
        )
        result.problems.extend(Problem(path, line, f"{where}: {problem}; ignored") for problem in said)
        result.papers.append(paper)
    return result


def _text(record: dict, key: str, said: list[str]) -> str:
    """A field that holds text; a whole number is text too (a title "1984"); anything else is said."""
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return flat(value)
    said.append(f"{key} is {describe(value)}, not text")
    return ""


def _names(record: dict, said: list[str]) -> tuple[str, ...]:
    value = record.get("authors")
    if value is None:
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        said.append(f"authors is {describe(value)}, not a list of names")
        return ()
    return tuple(flat(n) for n in names if flat(n))


def _date(record: dict, said: list[str]) -> str | None:
    value = record.get("published")
    date = iso_date(value)
    if value is not None and date is None:
        said.append(f"published is {describe(value if not hasattr(value, 'isoformat') else str(value))}, not a date (YYYY-MM-DD)")
    return date
