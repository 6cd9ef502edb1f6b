"""Author pages (#19): one page, authors/?a=SLUG, that lists an author's papers, and a feed for each
author with FEED_FROM papers or more (brief: each paper's title, address, day and one-line summary).

A page per author would be ~37k pages at 10k papers (most authors have one paper), each a whole
Material page; instead the site has one page, theme/authors.html with assets/authors.js, which reads
the author's record from api/authors/K.json. K is FNV-1a of the author's slug modulo the number of
shards (SHARD_AUTHORS authors a shard, as shelf.js computes for api/shelf/), so a visit fetches one
file of ~15-40 KB whatever the size of the site.

An author is a spelling: names merge only when the sources spell them identically (generator/slugs.py
says why). Feeds for every author would be 15 % of the site at 10k papers; from FEED_FROM papers, 7.6 %
(docs/about/benchmarks.md).
"""

from __future__ import annotations

import math

from generator.archive import day_of
from generator.errors import ConfigError
from generator.exports.feeds import atom
from generator.exports.shelf import fnv1a
from generator.model import Entry
from generator.outputs import Site, as_json
from generator.slugs import author_slug

SHARD_AUTHORS = 64
FEED_FROM = 2  # papers; an author with one paper has nothing to follow yet

PAGE = """---
title: Author
description: An author's papers on this site.
template: authors.html
search:
  exclude: true
---

# Author

<div id="ps-author" class="ps-author" data-shards="{shards}" markdown="0">
<p class="ps-author__message">This page needs JavaScript: it reads the author's papers from this site's list of authors.</p>
</div>
"""


def shard_count(authors: int) -> int:
    return max(1, math.ceil(authors / SHARD_AUTHORS))


def by_author(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Each author's papers, by the exact spelling of the name, in listing order; one pass."""
    papers: dict[str, list[Entry]] = {}
    for entry in entries:
        for name in dict.fromkeys(entry.paper.authors):  # a name twice in one author list is one paper
            papers.setdefault(name, []).append(entry)
    return papers


def slugs(names: list[str]) -> dict[str, str]:
    """Each name's slug; two names on one slug (an 8-hex hash collision) stop the build, named."""
    taken: dict[str, str] = {}
    for name in names:
        slug = author_slug(name)
        if taken.setdefault(slug, name) != name:
            raise ConfigError(f"authors {taken[slug]!r} and {name!r} have one address, authors/?a={slug}; spell one differently in its source")
    return {name: slug for slug, name in taken.items()}


def date(entry: Entry) -> str | None:
    """The day the source gives, else its year or month (a bibliography's): never the build's day."""
    return day_of(entry) or entry.paper.published


def paper_record(entry: Entry) -> dict:
    """A paper as its authors' lists show it: made once, shared by every author of the paper."""
    record = {"t": entry.paper.title, "u": f"papers/{entry.slug}/", "g": [m.tag.name for m in entry.tags]}
    day = date(entry)
    if day:
        record["d"] = day
    return record


def author_record(name: str, papers: list[dict], feed: bool) -> dict:
    # Newest first (sort is stable: equal dates keep listing order), undated last.
    listed = sorted(papers, key=lambda p: p.get("d", ""), reverse=True)
    return {"n": name, "f": 1, "p": listed} if feed else {"n": name, "p": listed}


def files(site: Site) -> dict[str, str]:
    papers = by_author(site.entries)
    slug_of = slugs(list(papers))
    count = shard_count(len(papers))
    shards: list[dict] = [{} for _ in range(count)]
    made: dict[str, str] = {}
    root = site.url.rstrip("/")
    records = {entry.slug: paper_record(entry) for entry in site.entries}
    for name, entries in papers.items():
        slug = slug_of[name]
        feed = len(entries) >= FEED_FROM
        shards[fnv1a(slug) % count][slug] = author_record(name, [records[e.slug] for e in entries], feed)
        if feed:
            made[f"feeds/authors/{slug}.atom.xml"] = atom(entries, site.url, f"authors/{slug}", f"{site.name}: {name}", f"{root}/authors/?a={slug}", brief=True)
    made.update((f"api/authors/{number}.json", as_json(shard)) for number, shard in enumerate(shards))
    made["authors/index.md"] = PAGE.format(shards=count)
    return made
