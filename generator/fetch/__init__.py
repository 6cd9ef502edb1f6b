"""Fetching papers from the network into seeds/: one module per source (hf, arxiv), one storage rule.

The rule: an answer is checked by the same reader the build uses before anything is written; it is
stored in seeds/ whole (a temporary file, then a rename), one file per period or query, and only when
it differs from what is there, so fetching the same thing twice changes nothing. A source that stays
down or answers with something unreadable leaves seeds/ byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import PapershelfError
from generator.problems import Problem
from generator.writer import atomic_write


class BadRequest(PapershelfError):
    """The command asked for something that cannot be fetched (a week that does not exist, a bad id)."""


@dataclass(frozen=True)
class Stored:
    path: Path
    papers: int
    changed: bool
    problems: tuple[Problem, ...] = ()


def store(path: Path, data: bytes, papers: int, problems: list[Problem]) -> Stored:
    """Write data to path unless the file already holds exactly that."""
    changed = not (path.is_file() and path.read_bytes() == data)
    if changed:
        atomic_write(path, data)
    return Stored(path, papers, changed, tuple(problems))


def period(date: str | None, week: str | None, month: str | None, today: str) -> tuple[str, str]:
    """The Hugging Face period parameter (date, week or month) and its value, checked."""
    if week:
        match = re.fullmatch(r"(\d{4})-W(\d{2})", week)
        if not match or not _week_exists(int(match[1]), int(match[2])):
            raise BadRequest(f"--week {week!r}: not an ISO week; write it as YYYY-Www, for example 2026-W11")
        return "week", week
    if month:
        match = re.fullmatch(r"(\d{4})-(\d{2})", month)
        if not match or not 1 <= int(match[2]) <= 12:
            raise BadRequest(f"--month {month!r}: not a month; write it as YYYY-MM, for example 2026-03")
        return "month", month
    day = date or today
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise ValueError
        dt.date.fromisoformat(day)
    except ValueError:
        raise BadRequest(f"--date {day!r}: not a calendar day; write it as YYYY-MM-DD, for example 2026-03-11") from None
    return "date", day


def _week_exists(year: int, week: int) -> bool:
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return False
    return True
