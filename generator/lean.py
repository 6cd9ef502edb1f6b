"""A MkDocs plugin, added by site.py at build time (mkdocs.yml stays free of engine-specific plugins)."""

from __future__ import annotations

import re
import zlib

from mkdocs.plugins import BasePlugin

from generator.indexer import Shards


# Elements whose whitespace is content (or code): left exactly as they are.
VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
LINE_BREAK = re.compile(r"[ \t]*\n\s*")
# The index-only block of a paper page (paper.md.j2): its values are escaped, so it holds no "</div>".
INDEX_ONLY = re.compile(r"<div data-pagefind-body data-ps-index>.*?</div>\n?", re.DOTALL)


def squeeze(html: str) -> str:
    """Every run of whitespace that holds a line break becomes one line break.

    Material's templates indent and leave blank lines: ~2.3 KB of a 19 KB paper page, 230 MB at 100k
    papers. Outside verbatim elements HTML renders any such run as one space, so the page looks and
    reads the same; nothing is decoded or re-serialised (a minifier that did turned `&lt;script&gt;`
    in <title> back into `<script>`).
    """
    parts = VERBATIM.split(html)
    # split() yields text, whole verbatim element, its tag name, text, ...: squeeze only the text.
    return "".join(LINE_BREAK.sub("\n", part) if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2)


class Lean(BasePlugin):
    """Keeps MkDocs' memory flat, squeezes each page's whitespace, feeds the search index as pages are written
    and strips what only the index is for.

    MkDocs reads and converts every page before it writes any, holding all Markdown and HTML at once:
    ~49 KB a page, 4.9 GB at 100k papers. Here the Markdown is dropped once converted and the HTML is
    held zlib-packed until its page is written (~18 KB a page in all, measured at 10k), from
    PACK_FROM pages on: below that the memory is small and packing costs ~0.2 ms a page (2 s at 10k).
    Pages that carry data-pagefind-body go to Pagefind as they are written, so it indexes on the
    other core.
    """

    PACK_FROM = 20_000  # pages; unpacked, 20k pages of HTML hold ~1 GB until written

    def __init__(self, index: Shards | None) -> None:
        self.index = index
        self.pack = False
        self.packed: dict[str, bytes] = {}

    def on_files(self, files, config):  # noqa: ANN001, ANN201 (MkDocs' event signature)
        self.pack = len(files.documentation_pages()) >= self.PACK_FROM
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
        output = squeeze(output)
        if self.index is not None and "data-pagefind-body" in output:
            self.index.add("/" + page.url, output)
        # Served without the index-only block: search gets the names and spellings, readers and
        # web crawlers see no text they cannot read.
        return INDEX_ONLY.sub("", output)
