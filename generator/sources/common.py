"""Helpers shared by the readers: whole-file text, arXiv ids, whitespace, dates."""

from __future__ import annotations

import datetime as dt
import json
import math
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
    """The YYYY-MM-DD part of an ISO timestamp when it is a real day (not 2024-13-45), or None."""
    if isinstance(value, dt.date):  # YAML reads an unquoted 2024-12-12 as a date
        return value.isoformat()[:10]
    match = re.match(r"\d{4}-\d{2}-\d{2}", value if isinstance(value, str) else "")
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(0)).isoformat()
    except ValueError:
        return None


def as_int(value: object) -> int | None:
    """A count: a whole, finite, non-negative number (JSON's 1e400 and Infinity are no count), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)) or value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0 or number != int(number):
        return None
    return int(number)


def text_list(spec: dict, key: str, problems: list[str], what: str) -> tuple[str, ...]:
    """A setting that lists text (tags, phrases): one written alone is a list of one, not its letters;
    anything else is a problem naming the key and the value."""
    value = spec.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        problems.append(f"{key} is {describe(value)}, not a list of {what}")
        return ()
    return tuple(str(v) for v in value)


LINE_ENDS = {c: f"\\u{c:04x}" for c in (0x85, 0x2028, 0x2029)}


def describe(value: object) -> str:
    """A value as a message shows it, JSON-spelled and short; a container is named, never printed."""
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    if isinstance(value, float) and not math.isfinite(value):
        return "Infinity" if value > 0 else "-Infinity" if value < 0 else "NaN"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (str, int, float, bool)) or value is None else repr(value)
    # JSON leaves U+0085, U+2028 and U+2029 as they are, yet each ends a line: a message stays one line.
    text = text.translate(LINE_ENDS)
    return text if len(text) <= 60 else text[:57] + "..."
