"""The files the search box reads besides Pagefind's index (generator/exports/search_aids.py), made
from the real seed listing and checked against the built site's own HTML."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

from generator.build import generate
from generator.exports import search_aids

FILTER_CHIP = re.compile(r'<a class="ps-tag" data-pagefind-filter="tag" href="[^"]*">([^<]*)</a>')


def _words(entry) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", f"{entry.paper.title} {entry.paper.abstract}".lower()))


def test_a_common_word_is_in_more_than_three_papers_in_four(seed_project):
    entries = generate(seed_project, finish=False).entries
    listed = search_aids.common_words(entries)
    assert "the" in listed and "attention" not in listed
    for word in listed:
        assert sum(word in _words(e) for e in entries) > 0.75 * len(entries), word
    # At the edge, with real papers: "attention" in 6 of 8 (75 %) is not common, in 7 of 9 it is.
    having = [e for e in entries if "attention" in _words(e)]
    lacking = [e for e in entries if "attention" not in _words(e)]
    assert len(having) >= 7 and len(lacking) >= 2
    assert "attention" not in search_aids.common_words(having[:6] + lacking[:2])
    assert "attention" in search_aids.common_words(having[:7] + lacking[:2])


def test_the_tag_menu_and_each_tags_papers_are_what_the_site_shows(seed_project):
    site = seed_project.site
    menu = json.loads((site / "search" / "tags.json").read_text())["tags"]
    # Pagefind counts a tag on each page that carries it as a filter: the paper pages' chips.
    chips: Counter[str] = Counter()
    for page in (site / "papers").glob("*/index.html"):
        chips.update(set(html.unescape(name) for name in FILTER_CHIP.findall(page.read_text())))
    assert {t["name"]: t["count"] for t in menu} == dict(chips)
    for tag in menu:
        data = json.loads((site / "search" / "tags" / f"{tag['slug']}.json").read_text())
        listing = (site / "tags" / tag["slug"] / "index.html").read_text()
        # The tag page's first papers, in its order: the links of its numbered list.
        shown = re.findall(r'<li>\s*<p><strong><a href="\.\./\.\./papers/([^/"]+)/">', listing)
        assert data["count"] == tag["count"] and data["url"] == f"tags/{tag['slug']}/"
        assert [p["u"] for p in data["papers"]] == [f"papers/{slug}/" for slug in shown[:10]], tag["name"]
        assert all(p["t"] and p["s"] and tag["name"] in p["g"] for p in data["papers"])
