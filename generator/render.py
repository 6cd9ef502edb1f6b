"""Render every Markdown page of the site from templates: a pure function from entries to {path: text}."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath

import jinja2
import yaml

from generator import archive, citations, latex, outputs, slugs, sorting
from generator import markdown as markdown_module
from generator.enrich import taxonomy as tagging
from generator.enrich.fields import model as learned_fields
from generator.markdown import fence, md_rich, md_text, md_url
from generator.model import Entry, Tag, by_tag
from generator.site import SiteInfo
from generator.slugs import digest
from generator.workers import one_worker

# libyaml's emitter when PyYAML was built with it: ~20x faster than the pure-Python one, same output rules.
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PAGE_SIZE = 100  # entries per listing page: a listing of 10k papers on one page weighs ~2 MB
# Bytes the author links may add to a paper page (#19's bar): each is `<a href="../../authors/?a=SLUG">`
# and `</a>` around a name the page showed anyway, ~60 bytes; a paper of 300 authors (a consortium's
# report) links the first ~35 names and lists the rest as text, whose pages their other papers link.
AUTHOR_LINK_BYTES = 2048
AUTHOR_LINK_MARKUP = len('<a href="../../authors/?a="></a>')
LINK_KINDS = {"code": "Code", "project": "Project page", "demo": "Demo", "arxiv": "arXiv", "pdf": "PDF", "doi": "DOI", "web": "Web page"}


def front_matter(data: dict) -> str:
    """YAML front matter text: safe_dump quotes whatever a title holds (': ', '#', '---', '<script>')."""
    return yaml.dump(data, Dumper=SafeDumper, sort_keys=False, allow_unicode=True, width=100_000)


def _rel(target: str, here: str) -> str:
    """A link from the page at `here` to the docs file `target`, both relative to docs/.

    posixpath.relpath gives the same answer but cost 7 s of 35 at 10k papers (it resolves absolute paths).
    """
    folders, parts = here.split("/")[:-1], target.split("/")
    common = 0
    while common < len(folders) and common < len(parts) - 1 and folders[common] == parts[common]:
        common += 1
    return "../" * (len(folders) - common) + "/".join(parts[common:])


@lru_cache(maxsize=1)
def _templates_digest() -> str:
    """A hash of every template and of this module: cached pages are stale once any of them changes."""
    folder = resources.files("generator") / "templates"
    texts = [folder.joinpath(name).read_text(encoding="utf-8") for name in sorted(p.name for p in folder.iterdir())]
    code = [Path(module.__file__).read_text(encoding="utf-8") for module in (markdown_module, latex, archive, slugs)]
    return digest(Path(__file__).read_text(encoding="utf-8"), *code, *texts, length=40)


def author_links(names: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """Each name with its author slug, while the links fit in AUTHOR_LINK_BYTES; None after that."""
    linked, spent = [], 0
    for name in names:
        slug = slugs.author_slug(name)
        spent += AUTHOR_LINK_MARKUP + len(slug)
        linked.append((name, slug if spent <= AUTHOR_LINK_BYTES else None))
    return linked


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: every value goes through md or mdurl explicitly
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_text, mdrich=md_rich, mdurl=md_url, rel=_rel, fence=fence, named=lambda path, names: names.get(path, "a listing"),
        author_links=author_links,
    )
    return env


@dataclass(frozen=True)
class Listing:
    """A paginated list of entries: page 1 at {base}index.md, page n at {base}page/{n}.md."""

    base: str
    title: str
    intro: str
    entries: tuple[Entry, ...]
    feed: str | None = None  # the feed of this listing, relative to the site root
    # Each entry's tag chips. A tag's own listing leaves them out: a paper sits in ~4 tag listings,
    # so its chips there cost ~1.1 KB a paper (110 MB at 100k) to repeat what its page shows.
    chips: bool = True

    def path(self, number: int) -> str:
        return f"{self.base}index.md" if number == 1 else f"{self.base}page/{number}.md"

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.entries) // PAGE_SIZE))


# What a reader is told a seed file is when no paper of it says (generator/model.py: Origin.kind).
KINDS_BY_SUFFIX = {".txt": "the Hugging Face papers page", ".xml": "arXiv", ".bib": "a bibliography", ".yml": "the curator's records", ".yaml": "the curator's records"}


def source_names(entries: list[Entry], given: dict[str, str] | None = None) -> dict[str, str]:
    """Each seed file as a reader knows it: the name its source or the curator gave it ('Hugging Face
    Daily Papers, Mar 11'), else what it is ('arXiv', 'a bibliography'); never its file name (#15)."""
    names = {e.paper.origin.path: e.paper.origin.kind for e in entries if e.paper.origin.kind} | dict(given or {})
    for path in {s for e in entries for s in e.paper.sources} - set(names):
        names[path] = KINDS_BY_SUFFIX.get(PurePosixPath(path).suffix.lower(), "a listing")
    return names


def paper_front_matter(entry: Entry) -> dict:
    paper = entry.paper
    data = {
        "template": "paper.html",  # the theme's paper.html: without a table of contents
        "title": paper.title,
        "description": entry.summary,
        "tags": [match.tag.name for match in entry.tags],
        "rank": paper.rank,
        "short_name": entry.short_name,
        "authors": list(paper.authors),
        "arxiv": paper.arxiv_id,
        "published": paper.published,
        "links": [{"kind": link.kind, "url": link.url} for link in entry.links],
        "source": str(paper.origin),
        "sources": list(paper.sources) if len(paper.sources) > 1 else None,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def render_site(
    entries: list[Entry], taxonomy: tagging.Taxonomy, info: SiteInfo,
    progress: Callable[[Iterable], Iterable] = iter, memo: dict | None = None, names: dict[str, str] | None = None,
) -> dict[str, bytes]:
    """Every generated file of docs/ (pages, feeds, BibTeX, JSON) as UTF-8, keyed by its path relative to docs/.

    Bytes, not str: one non-Latin-1 character makes Python hold a whole page at 2 or 4 bytes a
    character, and at 100k papers the pages are most of the generator's memory.

    memo maps a paper page's inputs (its entry, citation, the templates, the site URL) to its Markdown
    from an earlier run; afterwards it holds this run's pages, ready to save (see generator/cache.py).
    """
    global _INHERITED
    env = environment()
    bibs = citations.citations(entries, {e.slug: outputs.page_url(info.url, e) for e in entries})
    previous = dict(memo or {})
    memo = {} if memo is None else memo
    memo.clear()
    try:
        with one_worker(len(entries), PARALLEL_FROM, PARALLEL_UNTIL, fork=True) as pool:
            if pool:  # paper pages in the worker, the rest here, at the same time
                _INHERITED = (entries, bibs, info.url, previous, iter, names)
                job = pool.submit(_inherited_paper_pages)
            texts: dict[str, str] = {}
            for listing in listings(entries, taxonomy):
                texts.update(render_listing(env, listing))
            texts.update(render_tags(env, entries, taxonomy))
            texts.update(outputs.render_outputs(entries, taxonomy, info.url, info.name, bibs, source_names(entries, names)))
            pages, fresh = job.result() if pool else paper_pages(entries, bibs, info.url, previous, progress, names)
    finally:
        _INHERITED = None
    memo.update(fresh)
    pages.update((path, text.encode("utf-8")) for path, text in texts.items())
    return pages


def paper_pages(
    entries: list[Entry], bibs: dict[str, str], url: str, previous: dict[str, bytes],
    progress: Callable[[Iterable], Iterable] = iter, given_names: dict[str, str] | None = None,
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Each paper's page, and the page cache's new contents (reusing previous pages whose inputs match)."""
    template = environment().get_template("paper.md.j2")
    names = source_names(entries, given_names)
    version = digest(_templates_digest(), url, length=40)
    pages: dict[str, bytes] = {}
    memo: dict[str, bytes] = {}
    for entry in progress(entries):
        here = f"papers/{entry.slug}.md"
        bib = bibs[entry.slug]
        key = digest(version, repr(entry), bib, repr([names.get(s) for s in entry.paper.sources]), length=40)
        pages[here] = previous.get(key) or template.render(
            front_matter=front_matter(paper_front_matter(entry)), entry=entry, paper=entry.paper, here=here,
            link_kinds=LINK_KINDS, bibtex=bib.strip(), bib_fence=fence(bib), names=names, periods=archive.periods, archive_day=archive.day_of,
        ).encode("utf-8")
        memo[key] = pages[here]
    return pages, memo


# Paper pages render in a forked worker while this process renders listings, feeds, BibTeX and JSON:
# render 7.1 s -> ~4 s at 10k papers, on two cores. Forked, so the worker reads the entries it
# inherits instead of unpickling a copy (26 MB, 1.1 s at 10k); only its pages travel back. Not past
# PARALLEL_UNTIL: touching the inherited entries copies them page by page, and at 100k papers (where
# the build must stay within 4 GB) that copy would cost more memory than the seconds are worth.
PARALLEL_FROM, PARALLEL_UNTIL = 2_000, 30_000
_INHERITED: tuple | None = None  # paper_pages' arguments, for the forked worker


def _inherited_paper_pages() -> tuple[dict[str, bytes], dict[str, bytes]]:
    return paper_pages(*_INHERITED)


def listings(entries: list[Entry], taxonomy: tagging.Taxonomy) -> list[Listing]:
    """The home listing, one per tag, and the papers with code."""
    result = [Listing("", "Papers", f"{_papers(len(entries))}, in the order of their listing.", tuple(entries))]
    grouped = by_tag(entries)
    for tag in taxonomy.tags:
        tagged = tuple(grouped.get(tag.slug, ()))
        # Its size first: a reader about to page through a tag wants to know how far it goes.
        intro = f"{_papers(len(tagged))} tagged {tag.name}." + (f" {tag.description}" if tag.description else "")
        result.append(Listing(f"tags/{tag.slug}/", tag.name, intro, tagged, f"feeds/tags/{tag.slug}.atom.xml", chips=False))
    with_code = tuple(e for e in entries if any(link.kind == "code" for link in e.links))
    result.append(Listing("code/", "Papers with code", f"{_papers(len(with_code))} link to their code.", with_code))
    for period, dated in archive.group(entries).items():
        intro = f"{_papers(len(dated))} of {period.title}, by the date their source gives."
        result.append(Listing(period.base, period.title, intro, tuple(dated), chips=False))
    return result


def _papers(count: int) -> str:
    return "1 paper" if count == 1 else f"{count:,} papers"


def page_window(number: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and `around` either side of this one,
    None for each run of numbers left out (a run of one is shown instead: 1 2 3, not 1 … 3)."""
    window: list[int | None] = []
    previous = 0
    for shown in sorted({1, pages, *range(max(1, number - around), min(pages, number + around) + 1)}):
        if shown - previous == 2:
            window.append(previous + 1)
        elif shown - previous > 2:
            window.append(None)
        window.append(shown)
        previous = shown
    return window


def render_listing(env: jinja2.Environment, listing: Listing) -> dict[str, str]:
    template = env.get_template("listing.md.j2")
    # The other orders its papers offer: a "Sort by" choice on every page, and the script that does it.
    sorts = [order for order, _ in sorting.offered(listing.entries)]
    ranked = any(entry.paper.rank for entry in listing.entries)
    pages = {}
    for number in range(1, listing.pages + 1):
        here = listing.path(number)
        start = (number - 1) * PAGE_SIZE
        title = listing.title if number == 1 else f"{listing.title} (page {number})"
        meta = {"title": title, "description": listing.intro}
        if listing.feed:
            meta["feed"] = listing.feed  # the theme's main.html links it for feed autodiscovery
        if number > 1 or listing.base.startswith(("tags/", "archive/")):
            meta["search"] = {"exclude": True}  # listings must not crowd papers out of search results
        if sorts:
            meta["sort"] = True  # the theme's main.html loads assets/sort.js on this page only
        pages[here] = template.render(
            front_matter=front_matter(meta),
            title=title,
            intro=listing.intro if number == 1 else "",
            entries=listing.entries[start : start + PAGE_SIZE],
            first_number=start + 1,
            number=number,
            pages=listing.pages,
            page_path=listing.path,
            window=page_window(number, listing.pages),
            here=here,
            feed=listing.feed,
            base=listing.base,
            chips=listing.chips,
            sorts=sorts,
            ranked=ranked,
            sorted_folder=sorting.folder(listing.base),
        )
    return pages


def render_tags(env: jinja2.Environment, entries: list[Entry], taxonomy: tagging.Taxonomy) -> dict[str, str]:
    """The tags overview with counts, and the published tagging rules."""
    counts = Counter(slug for entry in entries for slug in entry.tag_slugs)
    by_slug = taxonomy.by_slug()
    ordered: list[tuple[Tag, int]] = sorted(((t, counts[t.slug]) for t in taxonomy.tags), key=lambda tc: tc[0].name.casefold())
    tags_page = env.get_template("tags.md.j2").render(
        front_matter=front_matter({"title": "Tags", "description": "Every tag and how many papers carry it."}),
        counts=ordered,
        tagged=sum(1 for e in entries if e.tags),
        used=sum(1 for _, c in ordered if c),
        max_fields=tagging.MAX_FIELDS,
        tags_by_slug=by_slug,
        here="tags/index.md",
    )
    rules_page = env.get_template("taxonomy.md.j2").render(
        front_matter=front_matter({"title": "Tagging rules", "description": "How papers earn their tags."}),
        taxonomy=taxonomy,
        tags_by_slug=by_slug,
        title_weight=tagging.TITLE_WEIGHT,
        max_hits=tagging.MAX_HITS,
        distinct_bonus=tagging.DISTINCT_BONUS,
        threshold=tagging.THRESHOLD,
        max_tags=tagging.MAX_TAGS,
        max_fields=tagging.MAX_FIELDS,
        learned={f.slug for f in learned_fields()},
        here="taxonomy.md",
    )
    grouped = archive.group(entries)
    archive_page = env.get_template("archive.md.j2").render(
        front_matter=front_matter({"title": "Archive", "description": "Papers by day, week and month.", "search": {"exclude": True}}),
        months=archive.by_month(grouped),
        dated=f"{sum(1 for e in entries if archive.day_of(e)):,}",
        total=f"{len(entries):,}",
        here="archive/index.md",
    )
    return {"tags/index.md": tags_page, "taxonomy.md": rules_page, "archive/index.md": archive_page}
