"""BibTeX from a reference manager, parsed by bibtexparser 2. Authors keep their order."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser

from generator.model import Origin, Paper
from generator.problems import Problem
from generator.sources import ReadResult
from generator.sources.common import arxiv_id, flat, whole_text

BRACES = re.compile(r"[{}]")
# bibtexparser logs each broken block itself; we report it once, with file and line, as a Problem.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


def _clean(value: str) -> str:
    """BibTeX protects case with braces ({GPU}); readers should not see them."""
    return flat(BRACES.sub("", value))


def authors(field: str) -> tuple[str, ...]:
    """'Last, First and Other, Name' -> ('First Last', 'Name Other'), in the order given."""
    names = []
    for name in re.split(r"\s+and\s+", _clean(field)):
        if "," in name:
            last, _, first = name.partition(",")
            name = f"{first.strip()} {last.strip()}".strip()
        if name and name.lower() != "others":
            names.append(name)
    return tuple(names)


def read(path: str, lines: Iterator[tuple[int, str]]) -> ReadResult:
    result = ReadResult()
    library = bibtexparser.parse_string(whole_text(lines))
    for block in library.failed_blocks:
        result.problems.append(Problem(path, block.start_line + 1, f"is not a valid BibTeX entry: {flat(block.raw)[:60]!r}; skipped"))
    for rank, entry in enumerate(library.entries, start=1):
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
        title = _clean(fields.get("title", ""))
        if not title:
            result.problems.append(Problem(path, entry.start_line + 1, f"entry {entry.key!r} has no title; skipped"))
            continue
        # arXiv ids hide in eprint (with archivePrefix), in the url, or in "journal = {arXiv preprint arXiv:...}".
        candidates = [fields.get("eprint", "")] if fields.get("archiveprefix", "arxiv").lower() == "arxiv" else []
        candidates += [fields.get("url", ""), fields.get("journal", "")]
        found_id = next((arxiv_id(c) for c in candidates if arxiv_id(c)), None)
        result.papers.append(
            Paper(
                title=title,
                abstract=_clean(fields.get("abstract", "")),
                origin=Origin(path, entry.start_line + 1),
                rank=rank,
                arxiv_id=found_id,
                authors=authors(fields.get("author", "")),
                published=fields["year"] if re.fullmatch(r"\d{4}", fields.get("year", "")) else None,  # ISO 8601 year
                doi=_clean(fields.get("doi", "")) or None,
                categories=(fields["primaryclass"],) if fields.get("primaryclass") else (),
                sources=(path,),
            )
        )
    return result
