"""Atom, RSS 2.0 and JSON Feed 1.1 for the whole site and for each tag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from feedgen.feed import FeedGenerator

from generator.model import Entry, by_tag
from generator.outputs import Site, as_json, first_seen, page_url

FEED_ITEMS = 100  # the newest papers a feed carries: enough for a reader, and 41 tags x 3 formats stay small
XML_INVALID = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))  # not allowed in XML 1.0


def files(site: Site) -> dict[str, str]:
    made = feeds(site.entries, site.url, "all", f"{site.name}: all papers")
    made["feeds/sitemap.xml"] = made["feeds/tags/sitemap.xml"] = EMPTY_SITEMAP
    grouped = by_tag(site.entries)
    for tag in site.taxonomy.tags:
        made.update(feeds(grouped.get(tag.slug, []), site.url, f"tags/{tag.slug}", f"{site.name}: {tag.name}"))
    return made


def _clean(text: str) -> str:
    return text.translate(XML_INVALID)


def _newest(entries: Iterable[Entry]) -> list[Entry]:
    """Newest first seen first; equal dates keep listing order (sort is stable), undated ones last."""
    return sorted(entries, key=lambda e: first_seen(e) or "", reverse=True)[:FEED_ITEMS]


def _items(entries: list[Entry]) -> list[Entry]:
    # A feed orders papers by the day they appeared; one no source dates has no place in it (and
    # must not be shown as new on 1970-01-01). Every built paper has a first-seen day in the history.
    return [e for e in _newest(entries) if first_seen(e)]


def _stamp(entry: Entry) -> str:
    return f"{first_seen(entry)}T00:00:00+00:00"


def _when(entry: Entry) -> dt.datetime:  # feedgen parses strings with dateutil: 0.1 ms each
    return dt.datetime.fromisoformat(_stamp(entry))


def _generator(items: list[Entry], site_url: str, name: str, title: str, home: str | None = None, brief: bool = False) -> FeedGenerator:
    """The Atom and RSS feed of these items; `home` is the page the feed follows (the site's, unless
    given). A brief feed gives each paper its one-line summary, not its abstract, authors and tags."""
    generator = FeedGenerator()
    # Ids are the site's own addresses: a fixed tag: URI would make every papershelf site's feeds one feed.
    generator.id(f"{site_url.rstrip('/')}/feeds/{name}.atom.xml")
    generator.title(_clean(title))
    generator.link(href=home or site_url, rel="alternate")
    generator.link(href=f"{site_url.rstrip('/')}/feeds/{name}.atom.xml", rel="self")
    generator.description(_clean(title))
    generator.language("en")
    updated = _when(items[0]) if items else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    generator.updated(updated)
    generator.lastBuildDate(updated)
    for entry in reversed(items):  # feedgen prepends: add oldest first
        item = generator.add_entry()
        item.id(page_url(site_url, entry))
        item.guid(page_url(site_url, entry), permalink=True)
        item.title(_clean(entry.paper.title))
        item.link(href=page_url(site_url, entry))
        if not brief:
            item.summary(_clean(entry.paper.abstract))
        elif entry.summary:  # a paper without an abstract has no summary: no empty <summary/>
            item.summary(_clean(entry.summary))
        item.published(_when(entry))
        item.updated(_when(entry))
        if not brief:
            for author in entry.paper.authors:
                item.author({"name": _clean(author)})
            for match in entry.tags:
                item.category(term=match.tag.slug, label=match.tag.name)
    return generator


def atom(entries: list[Entry], site_url: str, name: str, title: str, home: str | None = None, brief: bool = False) -> str:
    """The Atom document alone (feeds/NAME.atom.xml), for feeds too many to carry three formats each."""
    return _generator(_items(entries), site_url, name, title, home, brief).atom_str(pretty=True).decode("utf-8")


def feeds(entries: list[Entry], site_url: str, name: str, title: str) -> dict[str, str]:
    """Atom, RSS 2.0 and JSON Feed 1.1 documents for the entries, keyed by file name."""
    items = _items(entries)
    generator = _generator(items, site_url, name, title)
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
                "date_published": _stamp(e),
                "authors": [{"name": a} for a in e.paper.authors],
                "tags": [m.tag.name for m in e.tags],
            }
            for e in items
        ],
    }
    return {
        f"feeds/{name}.atom.xml": generator.atom_str(pretty=True).decode("utf-8"),
        f"feeds/{name}.rss.xml": generator.rss_str(pretty=True).decode("utf-8"),
        f"feeds/{name}.json": as_json(json_feed),
    }


# Material for MkDocs fetches a sitemap.xml from the folder of every <link rel="alternate"> in a page
# (it maps language versions), so each page view asked for feeds/sitemap.xml and got a 404. Feed
# autodiscovery needs those links: an empty sitemap answers Material instead, once, cached.
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
