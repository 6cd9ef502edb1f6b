"""End to end: real sites built by MkDocs (strict) from real listings, read as HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.enrich import taxonomy
from generator.sources import read_seeds
from helpers import FIXTURES, REPO, soup

def text(node) -> str:
    """The visible text of a parsed node (or of an HTML string), whitespace collapsed."""
    node = soup(node) if isinstance(node, str) else node
    return " ".join(node.get_text(" ").split())


def paper_pages(site: Path) -> list[Path]:
    return sorted((site / "papers").glob("*/index.html"))


def h1(page) -> str:
    heading = page.find("h1")
    return text(heading).removesuffix(" ¶")


def seed_papers():
    return read_seeds(REPO / "seeds", REPO).papers


def test_every_seed_paper_has_a_page_with_its_abstract_and_tags(seed_project):
    pages = {h1(page): page for page in map(soup, paper_pages(seed_project.site))}
    papers = seed_papers()
    assert len(pages) == len(papers) == 55
    for paper in papers:
        page = pages[paper.title]
        assert " ".join(paper.abstract.split()) in text(page)
        tags = page.select('a.ps-tag[data-pagefind-filter="tag"]')
        # At least one tag (LISTER's hand label is Computer vision alone); at most 6 topics and 3 fields.
        assert 1 <= len(tags) <= 9, paper.title


def test_home_lists_papers_in_listing_order(seed_project):
    home = soup(seed_project.site / "index.html")
    listed = [text(a) for a in home.select("article ol > li > p:first-child > strong > a")]
    assert listed == [p.title for p in seed_papers()]


def test_pages_stay_small_without_the_site_tree(seed_project):
    sizes = [p.stat().st_size for p in paper_pages(seed_project.site)]
    assert max(sizes) < 12_000, max(sizes)  # 19-21 KB before the slim template; every KB is 100 MB at 100k
    page = soup(paper_pages(seed_project.site)[0])
    assert len(page.select('a[href^="../"]')) < 60  # no nav entry per paper
    assert not page.select(".md-sidebar")  # the slim paper template: no sidebars
    assert [text(a) for a in page.select(".md-tabs__link")] == ["Papers", "Tags", "With code", "Archive", "My shelf", "Tagging rules", "About"]
    assert not page.select("svg") and page.select(".md-header .ps-icon")  # icons come from cached files
    assert page.select_one(".md-skip")["href"] == "#paper" and page.select_one("h1")["id"] == "paper"


def test_whitespace_squeezed_but_code_and_escapes_kept(seed_project, hostile_project):
    raw = (seed_project.site / "papers" / "titans-learning-to-memorize-at-test-time" / "index.html").read_text()
    assert "\n\n" not in raw and "\n " not in raw.split("<pre>")[0]  # no blank lines, no indentation
    assert "\n    title = {{Titans: Learning to Memorize at Test Time}},\n" in raw  # BibTeX keeps its indentation
    project, _ = hostile_project
    pages = [p.read_text() for p in paper_pages(project.site)]
    assert any("<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Scripted Title" in p for p in pages)


def test_search_index_and_built_in_search_absent(seed_project):
    assert (seed_project.site / "pagefind" / "pagefind.js").exists()
    assert not (seed_project.site / "search" / "search_index.json").exists()


def test_the_tagging_rules_page_states_the_scoring_the_tagger_uses(seed_project):
    words = " ".join(soup(seed_project.site / "taxonomy" / "index.html").select_one("article").get_text().split())
    assert (
        "A paper earns a topic when a phrase below appears in its title (worth 3) or its abstract (worth 1 a mention, at most 3, "
        "and 1 more when two different phrases of the topic are there; a Hugging Face keyword counts as one more mention), "
        "and the total reaches 3: one passing mention is not a topic."
    ) in words


def test_tag_pages_and_counts(seed_project):
    tables = soup(seed_project.site / "tags" / "index.html").select("article table")
    assert [h.get_text().rstrip("¶") for h in soup(seed_project.site / "tags" / "index.html").select("article h2")] == ["Fields", "Topics"]
    fields, topics = ([row.find_all("td") for row in table.select("tbody tr")] for table in tables)
    default_fields = [tag for tag in taxonomy.load(REPO / "no-such-folder").tags if tag.field]
    assert len(fields) == len(default_fields) == 18 and len(topics) >= 20  # every field is listed, even with no paper
    for name, count, *_parent in fields + topics:
        href = name.find("a")["href"]
        page = (seed_project.site / "tags" / href).resolve() / "index.html"
        assert page.exists(), href
        listed = soup(page)
        assert len(listed.select("article ol > li > p:first-child > strong")) == min(int(text(count)), 100)
        # The tag's own page says how many papers it holds, as the overview does.
        papers = "1 paper" if text(count) == "1" else f"{text(count)} papers"
        assert text(listed.select_one("article h1 + p")).startswith(f"{papers} tagged {text(name)}.")


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
    pages = [soup(p) for p in paper_pages(hostile_project[0].site)]
    for paper in papers:
        abstract = " ".join(paper.abstract.split())
        page = next(p for p in pages if h1(p) == paper.title and abstract in text(p))  # exact title and abstract
        assert page.title.string == f"{paper.title} - papershelf"
        assert text(page.select_one('[data-md-component="header-topic"] .md-ellipsis')) == " ".join(paper.title.split())
        assert page.select_one('meta[property="og:title"]')["content"] == paper.title
        assert page.select_one('meta[name="description"]')["content"].removesuffix("…") in abstract  # its summary, literal


def test_no_listing_text_becomes_markup(hostile_project):
    for path in [*paper_pages(hostile_project[0].site), hostile_project[0].site / "index.html"]:
        page = soup(path)
        assert all("alert" not in (script.string or "") for script in page.find_all("script")), path
        assert not page.find_all("img"), path
        assert not [a for a in page.find_all(href=True) if a["href"].strip().lower().startswith("javascript:")], path
        handlers = [(tag.name, name) for tag in page.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
        assert handlers == [], path  # no event handler attribute on any tag


def test_same_title_papers_get_two_pages_and_emoji_title_an_address(hostile_project):
    names = sorted(p.parent.name for p in paper_pages(hostile_project[0].site))
    assert "same-title-different-papers" in names
    assert any(n.startswith("same-title-different-papers-") for n in names)
    assert any(n.startswith("paper-") for n in names)  # the emoji-only title
    assert "da-xing-yu-yan-mo-xing-de-tui-li-neng-li-yan-jiu" in names
    assert all(len(n.encode()) <= 255 for n in names)


def sitemap_urls(path: Path) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", path.read_text())  # XML written by MkDocs or sitemap.py


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
    # Pages held zlib-packed while MkDocs builds (as from 20k pages) come out byte for byte the same.
    assert [p.read_bytes() for p in paper_pages(site)] == [p.read_bytes() for p in paper_pages(seed_project.site)]


def pager(page) -> tuple[str, list[tuple[str, str]], str]:
    nav = page.select_one('nav.ps-pager[aria-label="Pages"]')
    links = [(text(a), a["href"]) for a in nav.find_all("a")]
    return text(nav), links, text(nav.select_one('[aria-current="page"]'))


def test_listing_pages_have_a_pager_that_reaches_every_page(paged_project):
    site = paged_project.site
    first = soup(site / "index.html")
    words, links, current = pager(first)
    assert words == "Page 1 of 11: 1 2 3 … 11 Next →" and current == "1"
    assert links == [("2", "page/2/"), ("3", "page/3/"), ("11", "page/11/"), ("Next →", "page/2/")]
    middle = soup(site / "page" / "6" / "index.html")
    words, links, current = pager(middle)
    assert words == "Page 6 of 11: ← Previous 1 … 4 5 6 7 8 … 11 Next →" and current == "6"
    assert [href for _, href in links] == ["../5/", "../../", "../4/", "../5/", "../7/", "../8/", "../11/", "../7/"]
    assert middle.select("article ol")[0].get("start") == "26"  # numbering runs on across pages
    last = soup(site / "page" / "11" / "index.html")
    assert pager(last)[0] == "Page 11 of 11: ← Previous 1 … 9 10 11"
    # Every pager link of every listing page leads to a page that exists.
    for page in site.rglob("index.html"):
        nav = soup(page).select_one("nav.ps-pager")
        for a in nav.find_all("a") if nav else []:
            assert (page.parent / a["href"] / "index.html").resolve().is_file(), (page, a["href"])
