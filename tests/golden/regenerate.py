"""Regenerate the golden Markdown from tests/golden/listing.txt: python tests/golden/regenerate.py

Review the diff (git diff tests/golden) before committing it: it is the change readers will see.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from generator import history  # noqa: E402
from generator.enrich import enrich, taxonomy  # noqa: E402
from generator.merge import merge  # noqa: E402
from generator.render import render_site  # noqa: E402
from generator.site import SiteInfo  # noqa: E402
from generator.sources import listing  # noqa: E402
from generator.sources import decoded_lines  # noqa: E402


def golden_pages() -> dict[str, str]:
    """The pages the golden listing renders to, with the default taxonomy."""
    problems: list = []
    read = listing.read("seeds/listing.txt", decoded_lines(HERE / "listing.txt", "seeds/listing.txt", problems))
    papers, _ = merge(read.papers)
    tax = taxonomy.load(HERE / "no-seeds")  # the default taxonomy
    # Seen on one day, as a first build sees a listing: feeds date papers by it.
    entries = history.attach(enrich(papers, tax), history.update(history.History(), papers, "2026-03-11"))
    pages = render_site(entries, tax, SiteInfo("https://example.org/shelf/", "papershelf"))
    return {path: data.decode("utf-8") for path, data in pages.items()}


def main() -> None:
    out = HERE / "docs"
    shutil.rmtree(out, ignore_errors=True)
    for relative, text in golden_pages().items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
