"""Papers by date, as Hugging Face Papers offers them: a listing per day, ISO week and month.

A paper's day is the one its source gives: the day it entered Hugging Face's Daily Papers, else its
arXiv publication day. A paper no source dates (a pasted listing, a BibTeX entry with a year only) is
in no archive listing: the build's own day is never a paper's date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from generator.model import Entry
from generator.sources.common import iso_date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def day_of(entry: Entry) -> str | None:
    """The day a source gives; a year or a month alone (BibTeX's year = 2023) is no day."""
    for value in (entry.paper.listed, entry.paper.published):
        if value and iso_date(value) == value:
            return value
    return None


@dataclass(frozen=True)
class Period:
    kind: str  # "days", "weeks" or "months"
    key: str  # 2026-03-11, 2026-W11, 2026-03
    title: str

    @property
    def base(self) -> str:
        return f"archive/{self.kind}/{self.key}/"


def periods(day: str) -> tuple[Period, Period, Period]:
    date = dt.date.fromisoformat(day)
    year, week, _ = date.isocalendar()
    return (
        Period("days", day, f"{date.day} {MONTHS[date.month - 1]} {date.year}"),
        Period("weeks", f"{year}-W{week:02d}", f"Week {week} of {year}"),
        Period("months", day[:7], f"{MONTHS[date.month - 1]} {date.year}"),
    )


def group(entries: list[Entry]) -> dict[Period, list[Entry]]:
    """Each period's entries, in listing order; periods newest first within each kind."""
    grouped: dict[Period, list[Entry]] = defaultdict(list)
    for entry in entries:
        day = day_of(entry)
        if day:
            for period in periods(day):
                grouped[period].append(entry)
    return dict(sorted(grouped.items(), key=lambda item: item[0].key, reverse=True))


def by_month(grouped: dict[Period, list[Entry]]) -> list[tuple[Period, int, list[tuple[Period, int]], list[tuple[Period, int]]]]:
    """For the overview: each month with its count, its weeks and its days (newest first)."""
    months = [(p, len(e)) for p, e in grouped.items() if p.kind == "months"]
    result = []
    for month, count in months:
        days = [(p, len(e)) for p, e in grouped.items() if p.kind == "days" and p.key.startswith(month.key)]
        weeks = sorted({periods(p.key)[1] for p, _ in days}, key=lambda p: p.key, reverse=True)
        result.append((month, count, [(w, len(grouped[w])) for w in weeks], days))
    return result
