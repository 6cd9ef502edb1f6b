"""Golden files: the Markdown a small listing renders to. Regenerate: python tests/golden/regenerate.py"""

from __future__ import annotations

import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))

from regenerate import golden_pages  # noqa: E402


def test_generated_markdown_matches_golden_files():
    pages = golden_pages()
    on_disk = {p.relative_to(GOLDEN / "docs").as_posix() for p in (GOLDEN / "docs").rglob("*") if p.is_file()}
    assert set(pages) == on_disk, "pages added or removed: run python tests/golden/regenerate.py and review the diff"
    for relative, text in pages.items():
        expected = (GOLDEN / "docs" / relative).read_text(encoding="utf-8")
        assert text == expected, f"{relative} differs: run python tests/golden/regenerate.py and review the diff"
