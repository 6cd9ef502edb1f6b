"""Helpers shared by the readers: whole-file text, arXiv ids, whitespace, dates."""

from __future__ import annotations

import re
from collections.abc import Iterator

ARXIV_ID = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*)?(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?$", re.I)


def whole_text(lines: Iterator[tuple[int, str]]) -> str:
    """The decoded file as one string (for formats that parse a whole document)."""
    return "\n".join(line for _, line in lines)


def flat(value: object) -> str:
    """Text with its whitespace collapsed: arXiv and BibTeX hard-wrap titles and abstracts."""
    return " ".join(str(value or "").split())


def arxiv_id(value: object) -> str | None:
    """The bare arXiv id (no version, no URL) of an id, URL or eprint, or None."""
    match = ARXIV_ID.search(flat(value))
    return match.group("id") if match else None


def iso_date(value: object) -> str | None:
    """The YYYY-MM-DD part of an ISO timestamp, or None."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", flat(value))
    return match.group(0) if match else None


def as_int(value: object) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None
