"""Listings in the orders their papers offer (#19): api/sorted/<listing>/<order>/<page>.json.

The theme's assets/sort.js fetches one page when a reader chooses "Sort by": the listing's own order
stays the HTML, every other order offered (generator/sorting.py) is pages of PAGE_SIZE papers, as a
listing page holds. A page holds what a listing page shows of each paper: its title, its page, the
short summary, its tags where the listing shows tags (tag and archive listings leave them out, as their
HTML does), and the value it is sorted by exactly as its source gave it, with the day the counts were
read when papershelf fetch recorded it. Keys are one letter: a paper is written once per order of
every listing it is in (27 times at 10k Hugging Face papers, docs/about/benchmarks.md), so every byte
of an entry counts.
"""

from __future__ import annotations

from generator import render, sorting
from generator.model import Entry
from generator.outputs import Site, as_json


def files(site: Site) -> dict[str, str]:
    made: dict[str, str] = {}
    for listing in render.listings(site.entries, site.taxonomy):
        for order, entries in sorting.offered(listing.entries):
            made.update(pages(listing, order, entries))
    return made


def pages(listing: render.Listing, order: sorting.Order, entries: list[Entry]) -> dict[str, str]:
    size = render.PAGE_SIZE
    count = max(1, -(-len(entries) // size))
    made = {}
    for number in range(1, count + 1):
        shown = entries[(number - 1) * size : number * size]
        tags = {match.tag.slug: match.tag.name for entry in shown for match in entry.tags} if listing.chips else {}
        made[f"{sorting.folder(listing.base)}{order.name}/{number}.json"] = as_json({
            "sort": order.name, "page": number, "pages": count, "total": len(entries), "size": size,
            "tags": tags, "papers": [record(entry, order, listing.chips) for entry in shown],
        })
    return made


def record(entry: Entry, order: sorting.Order, chips: bool) -> dict:
    """One paper: t title, u its page (relative to the site's root), s summary, g tag slugs (named in
    the page's tags), v the value, a the day counts were read, h 1 when a date is its Daily Papers day."""
    paper = entry.paper
    made: dict = {"t": paper.title, "u": f"papers/{entry.slug}/"}
    if entry.summary:
        made["s"] = entry.summary
    if chips and entry.tags:
        made["g"] = [match.tag.slug for match in entry.tags]
    value = order.value(entry)
    if value is not None:
        made["v"] = value
        if order.name != "date" and paper.upvotes_read:
            made["a"] = paper.upvotes_read
        if order.name == "date" and paper.listed:
            made["h"] = 1
    return made
