"""A MkDocs plugin, added by site.py at build time (mkdocs.yml stays free of engine-specific plugins)."""

from __future__ import annotations

import zlib

from mkdocs.plugins import BasePlugin

from generator.indexer import Shards


class Lean(BasePlugin):
    """Keeps MkDocs' memory flat and feeds the search index as pages are written.

    MkDocs reads and converts every page before it writes any, holding all Markdown and HTML at once:
    ~49 KB a page, 4.9 GB at 100k papers. Here the Markdown is dropped once converted and the HTML is
    held zlib-packed until its page is written (~18 KB a page in all, measured at 10k). Pages that
    carry data-pagefind-body go to Pagefind as they are written, so it indexes on the other core.
    """

    def __init__(self, index: Shards | None) -> None:
        self.index = index
        self.packed: dict[str, bytes] = {}

    def on_page_content(self, html, page, config, files):  # noqa: ANN001, ANN201 (MkDocs' event signature)
        page.markdown = None
        self.packed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def on_page_context(self, context, page, config, nav):  # noqa: ANN001, ANN201
        page.content = zlib.decompress(self.packed.pop(page.file.src_uri)).decode("utf-8")
        return context

    def on_post_page(self, output, page, config):  # noqa: ANN001, ANN201
        page.content = None
        if self.index is not None and "data-pagefind-body" in output:
            self.index.add("/" + page.url, output)
        return output
