"""What papershelf does to every built page, whichever engine wrote it: squeeze its whitespace, hand it
to the search index, strip what only the index is for."""

from __future__ import annotations

import re

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


# Pagefind's options; permalink anchors ("¶") would otherwise end every indexed title.
PAGEFIND_CONFIG = {"exclude_selectors": [".headerlink"]}


def page(html: str, url: str, index: Shards | None) -> str:
    """A built page as served: squeezed, given to the index when it carries data-pagefind-body, and
    without the index-only block (search gets the names and spellings, readers and web crawlers see
    no text they cannot read)."""
    html = squeeze(html)
    if index is not None and "data-pagefind-body" in html:
        index.add(url, html)
    return INDEX_ONLY.sub("", html)
