"""The orders a listing offers besides its own (#19): by date, upvotes and GitHub stars.

A listing's HTML keeps its own order (the rank of a ranked listing, else the order of its sources);
the other orders are JSON pages a reader's browser fetches (generator/exports/sorted.py, the theme's
assets/sort.js), so choosing one needs no rebuild. An order is offered only where the listing's
papers give its value from their source, and only where it changes the list: a day of the archive
sorted by date would be the listing as it stands, and its files would be bytes for nothing.

Every order is largest or newest first; papers whose source gives no value follow, and ties keep the
listing's own order. Nothing is estimated: a paper without a count is not given one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.model import Entry


@dataclass(frozen=True)
class Order:
    """An order a reader may choose: its name is the URL's ?sort= value and its folder in api/sorted/."""

    name: str
    label: str
    value: Callable[[Entry], int | str | None]


def _date(entry: Entry) -> str | None:
    # The day it entered Hugging Face's Daily Papers, else its publication date as the source gives it
    # (a bibliography's 2023-05 or 2023 too: ISO prefixes sort among days, a month after its days).
    return entry.paper.listed or entry.paper.published


ORDERS = (
    Order("date", "Date", _date),
    Order("upvotes", "Upvotes", lambda entry: entry.paper.upvotes),
    Order("stars", "GitHub stars", lambda entry: entry.paper.stars),
)
RANK = "rank"  # the listing's own order: its HTML, no file


def folder(base: str) -> str:
    """Where a listing's sorted pages live, relative to docs/: api/sorted/tags/llm/ for tags/llm/."""
    return f"api/sorted/{base or 'home/'}"


def ordered(entries: Sequence[Entry], order: Order) -> list[Entry]:
    """The entries in this order: valued ones largest first (a stable sort keeps ties in listing order), then the rest."""
    valued = [entry for entry in entries if order.value(entry) is not None]
    valued.sort(key=order.value, reverse=True)  # reverse keeps the sort stable: ties stay in listing order
    return valued + [entry for entry in entries if order.value(entry) is None]


def offered(entries: Sequence[Entry]) -> list[tuple[Order, list[Entry]]]:
    """The orders this listing offers, each with its entries in that order."""
    found = []
    for order in ORDERS:
        if any(order.value(entry) is not None for entry in entries):
            sorted_entries = ordered(entries, order)
            if any(a is not b for a, b in zip(sorted_entries, entries)):
                found.append((order, sorted_entries))
    return found
