"""papershelf's MkDocs plugin (entry point `papershelf` in mkdocs.plugins): mkdocs.yml lists it, so
a plain `mkdocs build` makes the same site as `papershelf build`'s site step.

It puts the package's theme under the project's own overrides, adds papershelf's CSS and search
script, keeps MkDocs' memory flat, squeezes each page and feeds the Pagefind index as pages are
written (on the other core), then writes the bundle list and splits an oversized sitemap.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from mkdocs.plugins import BasePlugin

from generator import lean, sitemap
from generator.engine import DEFAULT_URL, THEME
from generator.indexer import Shards

CSS = ["assets/papershelf.css"]
SCRIPTS = ["assets/search.js", "assets/shelf.js"]
# Scripts of listings that offer other orders only (#19), loaded by the theme's main.html where the page's
# front matter says `sort`, after SCRIPTS (sort.js tells shelf.js of the entries it renders): a paper
# page does not carry them. They are theme files, so every engine copies them with the theme.
LISTING_SCRIPTS = ["assets/sort.js"]
# Material's parts that need JavaScript come from one cached script rendered once from mkdocs.yml.
STATIC_TEMPLATES = ["assets/material-parts.js"]
# Listings are numbered lists split into pages: without sane_lists Python-Markdown numbers page 2 from 1.
EXTENSIONS = ["sane_lists"]
SHARD_SIZE = 5_000  # pages per Pagefind bundle: ~0.75 GB while writing one (see indexer.Shards)


class Papershelf(BasePlugin):
    """MkDocs reads and converts every page before it writes any, holding all Markdown and HTML at
    once: ~49 KB a page, 4.9 GB at 100k papers. Here the Markdown is dropped once converted and the
    HTML is held zlib-packed until its page is written (~18 KB a page in all, measured at 10k), from
    PACK_FROM pages on: below that the memory is small and packing costs ~0.2 ms a page (2 s at 10k).
    """

    PACK_FROM = 20_000  # pages; unpacked, 20k pages of HTML hold ~1 GB until written
    SHARD_SIZE = SHARD_SIZE

    def __init__(self) -> None:
        self.index: Shards | None = None
        self.pack = False
        self.packed: dict[str, bytes] = {}

    def on_config(self, config):  # noqa: ANN001, ANN201 (MkDocs' event signature)
        theme = config.theme
        if str(THEME) not in theme.dirs:
            # After the project's custom_dir (so its templates win), before Material's.
            theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME))
        for name in STATIC_TEMPLATES:
            theme.static_templates.add(name)
        config.markdown_extensions.extend(name for name in EXTENSIONS if name not in config.markdown_extensions)
        config.extra_css[:0] = [name for name in CSS if name not in config.extra_css]
        config.extra_javascript[:0] = [name for name in SCRIPTS if name not in map(str, config.extra_javascript)]
        self.index = Shards(Path(config.site_dir), lean.PAGEFIND_CONFIG, self.SHARD_SIZE)
        return config

    def on_files(self, files, config):  # noqa: ANN001, ANN201
        self.pack = len(files.documentation_pages()) >= self.PACK_FROM
        # A nav written before "My shelf" existed does not list it; its page is reached from the header
        # (shelf.js), so it is not a page missing from the nav (MkDocs would warn, and --strict stop).
        # The author page is reached from the names on paper pages, never from the nav.
        from mkdocs.structure.files import InclusionLevel

        listed = {str(item) for item in _nav_pages(config.nav or [])}
        for file in files.documentation_pages():
            if file.src_uri.startswith(OUT_OF_NAV) and file.src_uri not in listed and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_page_content(self, html, page, config, files):  # noqa: ANN001, ANN201
        page.markdown = None
        if not self.pack:
            return html
        self.packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def on_page_context(self, context, page, config, nav):  # noqa: ANN001, ANN201
        if page.file.src_uri in self.packed:
            page.content = zlib.decompress(self.packed.pop(page.file.src_uri)).decode("utf-8")
        return context

    def on_post_page(self, output, page, config):  # noqa: ANN001, ANN201
        page.content = None
        return lean.page(output, "/" + page.url, self.index)

    def on_post_build(self, config):  # noqa: ANN001, ANN201
        site_dir = Path(config.site_dir)
        finish(site_dir, self.index.close(), config.site_url or DEFAULT_URL)
        self.index = None

    def on_build_error(self, error):  # noqa: ANN001, ANN201
        if self.index is not None:
            self.index.abort()
            self.index = None


OUT_OF_NAV = ("shelf/", "authors/")


def _nav_pages(nav) -> list[str]:  # noqa: ANN001 (mkdocs.yml's nav: strings, lists and one-key dicts)
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    return []


def finish(site_dir: Path, bundles: list[str], site_url: str) -> None:
    """The search box reads the bundle list to merge the other bundles into the first (see the
    theme's assets/search.js); a sitemap past 50,000 URLs becomes an index."""
    (site_dir / "pagefind" / "bundles.json").write_text(json.dumps(bundles), encoding="utf-8")
    sitemap.split(site_dir, site_url)
