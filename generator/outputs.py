"""What readers' tools take away: Atom, RSS and JSON feeds, BibTeX, and a small read API in JSON.

Everything here is derived from the entries and the site URL alone, so it is as deterministic as the
pages: item dates come from the listing history (first seen), never from the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from feedgen.feed import FeedGenerator

from generator import citations
from generator.enrich.taxonomy import Taxonomy
from generator.model import Entry, by_tag

FEED_ITEMS = 100  # the newest papers a feed carries: enough for a reader, and 41 tags x 3 formats stay small
XML_INVALID = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))  # not allowed in XML 1.0


def first_seen(entry: Entry) -> str | None:
    dates = [first for _, first, _ in entry.history] or ([entry.paper.published] if entry.paper.published and len(entry.paper.published) == 10 else [])
    return min(dates) if dates else None


def page_url(site_url: str, entry: Entry) -> str:
    return f"{site_url.rstrip('/')}/papers/{entry.slug}/"


def _clean(text: str) -> str:
    return text.translate(XML_INVALID)


def _newest(entries: Iterable[Entry]) -> list[Entry]:
    """Newest first seen first; equal dates keep listing order (sort is stable), undated ones last."""
    return sorted(entries, key=lambda e: first_seen(e) or "", reverse=True)[:FEED_ITEMS]


def feeds(entries: list[Entry], site_url: str, name: str, title: str) -> dict[str, str]:
    """Atom, RSS 2.0 and JSON Feed 1.1 documents for the entries, keyed by file name."""
    # A feed orders papers by the day they appeared; one no source dates has no place in it (and
    # must not be shown as new on 1970-01-01). Every built paper has a first-seen day in the history.
    items = [e for e in _newest(entries) if first_seen(e)]

    def stamp(entry: Entry) -> str:
        return f"{first_seen(entry)}T00:00:00+00:00"

    def when(entry: Entry) -> dt.datetime:  # feedgen parses strings with dateutil: 0.1 ms each
        return dt.datetime.fromisoformat(stamp(entry))

    generator = FeedGenerator()
    # Ids are the site's own addresses: a fixed tag: URI would make every papershelf site's feeds one feed.
    generator.id(f"{site_url.rstrip('/')}/feeds/{name}.atom.xml")
    generator.title(_clean(title))
    generator.link(href=site_url, rel="alternate")
    generator.link(href=f"{site_url.rstrip('/')}/feeds/{name}.atom.xml", rel="self")
    generator.description(_clean(title))
    generator.language("en")
    updated = when(items[0]) if items else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    generator.updated(updated)
    generator.lastBuildDate(updated)
    for entry in reversed(items):  # feedgen prepends: add oldest first
        item = generator.add_entry()
        item.id(page_url(site_url, entry))
        item.guid(page_url(site_url, entry), permalink=True)
        item.title(_clean(entry.paper.title))
        item.link(href=page_url(site_url, entry))
        item.summary(_clean(entry.paper.abstract))
        item.published(when(entry))
        item.updated(when(entry))
        for author in entry.paper.authors:
            item.author({"name": _clean(author)})
        for match in entry.tags:
            item.category(term=match.tag.slug, label=match.tag.name)
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": site_url,
        "feed_url": f"{site_url.rstrip('/')}/feeds/{name}.json",
        "language": "en",
        "items": [
            {
                "id": page_url(site_url, e),
                "url": page_url(site_url, e),
                "title": e.paper.title,
                "content_text": e.paper.abstract,
                "summary": e.summary,
                "date_published": stamp(e),
                "authors": [{"name": a} for a in e.paper.authors],
                "tags": [m.tag.name for m in e.tags],
            }
            for e in items
        ],
    }
    return {
        f"feeds/{name}.atom.xml": generator.atom_str(pretty=True).decode("utf-8"),
        f"feeds/{name}.rss.xml": generator.rss_str(pretty=True).decode("utf-8"),
        f"feeds/{name}.json": _json(json_feed),
    }


def record(entry: Entry, site_url: str, names: dict[str, str]) -> dict:
    """One paper in the read API. Its sources by the names readers know them, never file names (#15);
    a rank only where the source ranks papers (a pasted trending page)."""
    paper = entry.paper
    return {
        "slug": entry.slug,
        "title": paper.title,
        "url": page_url(site_url, entry),
        "summary": entry.summary,
        "tags": [m.tag.slug for m in entry.tags],
        "authors": list(paper.authors),
        "ids": {k: v for k, v in {"arxiv": paper.arxiv_id, "doi": paper.doi}.items() if v},
        "links": [{"kind": link.kind, "url": link.url} for link in entry.links],
        "rank": paper.rank,
        "first_seen": first_seen(entry),
        "sources": list(dict.fromkeys(names.get(s, "a listing") for s in paper.sources)),
    }


def _json(data: object) -> str:
    # Compact: indentation made the read API a tenth bigger, and every reader of it parses JSON anyway.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# Material for MkDocs fetches a sitemap.xml from the folder of every <link rel="alternate"> in a page
# (it maps language versions), so each page view asked for feeds/sitemap.xml and got a 404. Feed
# autodiscovery needs those links: an empty sitemap answers Material instead, once, cached.
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'


def render_outputs(entries: list[Entry], taxonomy: Taxonomy, site_url: str, site_name: str, bibs: dict[str, str], names: dict[str, str]) -> dict[str, str]:
    """Feeds, BibTeX and JSON for the whole site and for each tag, keyed by path under docs/."""
    files = feeds(entries, site_url, "all", f"{site_name}: all papers")
    files["feeds/sitemap.xml"] = files["feeds/tags/sitemap.xml"] = EMPTY_SITEMAP
    files["papers.bib"] = citations.bulk(entries, bibs)
    files["papers.json"] = _json({"papers": [record(e, site_url, names) for e in entries]})
    grouped = by_tag(entries)
    for tag in taxonomy.tags:
        tagged = grouped.get(tag.slug, [])
        files.update(feeds(tagged, site_url, f"tags/{tag.slug}", f"{site_name}: {tag.name}"))
        files[f"bib/tags/{tag.slug}.bib"] = citations.bulk(tagged, bibs)
        # A tag's list names its papers; their records are in papers.json once, not once per tag.
        files[f"api/tags/{tag.slug}.json"] = _json(
            {"tag": tag.slug, "name": tag.name, "papers": [{"slug": e.slug, "title": e.paper.title, "url": page_url(site_url, e)} for e in tagged]}
        )
    return files
