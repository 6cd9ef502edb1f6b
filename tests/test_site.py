"""End to end: real sites built by MkDocs (strict) from real listings, read as HTML."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from generator.sources import read_seeds
from helpers import FIXTURES, REPO

TAG = re.compile(r"<[^>]+>")


def text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def paper_pages(site: Path) -> list[Path]:
    return sorted((site / "papers").glob("*/index.html"))


def h1(page: str) -> str:
    return text(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).removesuffix(" ¶")


def seed_papers():
    return read_seeds(REPO / "seeds", REPO).papers


def test_every_seed_paper_has_a_page_with_its_abstract_and_tags(seed_project):
    pages = {h1(p.read_text()): p.read_text() for p in paper_pages(seed_project.site)}
    papers = seed_papers()
    assert len(pages) == len(papers) == 55
    for paper in papers:
        page = pages[paper.title]
        assert " ".join(paper.abstract.split()) in text(page)
        tags = re.findall(r'class="ps-tag" data-pagefind-filter="tag"', page)
        assert 2 <= len(tags) <= 8, paper.title


def test_home_lists_papers_in_listing_order(seed_project):
    home = (seed_project.site / "index.html").read_text()
    listed = [text(m) for m in re.findall(r"<li>\s*<p><strong><a [^>]*>(.*?)</a>", home, re.S)]
    assert listed == [p.title for p in seed_papers()]


def test_pages_stay_small_without_the_site_tree(seed_project):
    sizes = [p.stat().st_size for p in paper_pages(seed_project.site)]
    assert max(sizes) < 40_000, max(sizes)
    page = paper_pages(seed_project.site)[0].read_text()
    assert page.count('href="../') < 60  # no nav entry per paper


def test_search_index_and_built_in_search_absent(seed_project):
    assert (seed_project.site / "pagefind" / "pagefind.js").exists()
    assert not (seed_project.site / "search" / "search_index.json").exists()


def test_tag_pages_and_counts(seed_project):
    tags = (seed_project.site / "tags" / "index.html").read_text()
    rows = re.findall(r'<td><a href="([^"]+)">(.*?)</a></td>\s*<td style="text-align: right;">(\d+)</td>', tags)
    assert len(rows) >= 20
    for href, name, count in rows:
        page = (seed_project.site / "tags" / href).resolve() / "index.html"
        assert page.exists(), href
        assert len(re.findall(r"<li>\s*<p><strong>", page.read_text())) == min(int(count), 100)


def test_hostile_listing_builds_with_warnings_naming_file_and_line(hostile_project):
    problems = [str(p) for p in hostile_project[1].problems]
    assert problems == [
        'seeds/hostile.txt:33: entry "Lost Abstract Entry" has no abstract; kept the rest of the listing',
        'seeds/hostile.txt:39: entry "Duplicate Entry: Listed Twice" repeats the paper at seeds/hostile.txt:35; listed once',
    ]
    assert len(paper_pages(hostile_project[0].site)) == 11


def test_every_hostile_title_shows_literally_everywhere(hostile_project):
    from generator.sources import listing, decoded_lines

    papers = listing.read("hostile.txt", decoded_lines(FIXTURES / "hostile.txt", "hostile.txt", [])).papers
    pages = [p.read_text() for p in paper_pages(hostile_project[0].site)]
    for paper in papers:
        abstract = " ".join(paper.abstract.split())
        page = next(p for p in pages if h1(p) == paper.title and abstract in text(p))  # exact title and abstract
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert html.unescape(title) == f"{paper.title} - papershelf"
        topic = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">(.*?)</span>', page, re.S).group(1)
        assert html.unescape(topic.strip()) == paper.title
        description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
        assert "<" not in description


def test_no_listing_text_becomes_markup(hostile_project):
    for path in [*paper_pages(hostile_project[0].site), hostile_project[0].site / "index.html"]:
        page = path.read_text()
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
        assert all("alert" not in body for body in scripts), path
        assert not re.search(r"<img\b", page), path
        assert not any(h.startswith("javascript:") for h in re.findall(r'href="([^"]*)"', page))
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=", page), path  # no event handler attribute on any tag


def test_same_title_papers_get_two_pages_and_emoji_title_an_address(hostile_project):
    names = sorted(p.parent.name for p in paper_pages(hostile_project[0].site))
    assert "same-title-different-papers" in names
    assert any(n.startswith("same-title-different-papers-") for n in names)
    assert any(n.startswith("paper-") for n in names)  # the emoji-only title
    assert "da-xing-yu-yan-mo-xing-de-tui-li-neng-li-yan-jiu" in names
    assert all(len(n.encode()) <= 255 for n in names)


def sitemap_urls(path: Path) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", path.read_text())


def test_big_site_gets_a_sitemap_index_and_search_bundles(seed_project, sharded_project):
    import gzip

    site = sharded_project.site
    parts = sitemap_urls(site / "sitemap.xml")
    assert parts == [f"http://127.0.0.1:8000/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert "<sitemapindex" in (site / "sitemap.xml").read_text()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    urls = [url for n in range(1, len(parts) + 1) for url in sitemap_urls(site / f"sitemap-{n}.xml")]
    assert all(len(sitemap_urls(site / f"sitemap-{n}.xml")) <= 20 for n in range(1, len(parts) + 1))
    assert sorted(urls) == sorted(sitemap_urls(seed_project.site / "sitemap.xml"))  # every page, once
    # 55 papers in bundles of 20: three Pagefind bundles, the first one primary.
    assert json.loads((site / "pagefind" / "bundles.json").read_text()) == ["pagefind/", "pagefind-1/", "pagefind-2/"]
    assert all((site / bundle / "pagefind-entry.json").exists() for bundle in ("pagefind", "pagefind-1", "pagefind-2"))
    assert json.loads((seed_project.site / "pagefind" / "bundles.json").read_text()) == ["pagefind/"]
