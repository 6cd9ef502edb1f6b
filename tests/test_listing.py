"""The Hugging Face listing reader: one small fixture per edge case."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.sources import read_seeds
from helpers import FIXTURES

LISTINGS = FIXTURES / "listings"
TITLES = ["Attention Study: A Simple Question", "MemoryNet: Long Context Memory"]


def read(tmp_path: Path, name: str):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_bytes((LISTINGS / name).read_bytes())
    return read_seeds(seeds, tmp_path)


@pytest.mark.parametrize("name", ["basic.txt", "crlf_bom.txt", "extra_blank_lines.txt", "wrapped_abstract.txt"])
def test_layouts_read_the_same(tmp_path, name):
    result = read(tmp_path, name)
    assert [p.title for p in result.papers] == TITLES
    assert result.papers[0].abstract.startswith("We study a simple question about attention layers. Our experiments")
    assert result.papers[0].abstract.endswith("and we release all code and data.")
    assert [p.rank for p in result.papers] == [1, 2]
    assert result.problems == []


def test_chrome_is_skipped_and_lines_are_counted(tmp_path):
    result = read(tmp_path, "basic.txt")
    assert [str(p.origin) for p in result.papers] == ["seeds/basic.txt:11", "seeds/basic.txt:15"]


def test_bom_and_crlf_leave_no_trace(tmp_path):
    paper = read(tmp_path, "crlf_bom.txt").papers[0]
    assert paper.title == TITLES[0]
    assert "\r" not in paper.abstract and "\ufeff" not in paper.title


def test_lost_abstract_is_reported_and_later_entries_pair_right(tmp_path):
    result = read(tmp_path, "lost_abstract.txt")
    assert [p.title for p in result.papers] == ["Lost Paper Without Abstract", "MemoryNet: Long Context Memory"]
    assert result.papers[0].abstract.startswith("We study a simple question")
    assert [str(p) for p in result.problems] == [
        'seeds/lost_abstract.txt:1: entry "Attention Study: A Simple Question" has no abstract; kept the rest of the listing'
    ]


def test_title_at_the_end_without_abstract(tmp_path):
    result = read(tmp_path, "trailing_title.txt")
    assert [p.title for p in result.papers] == ["MemoryNet: Long Context Memory"]
    assert [str(p) for p in result.problems] == [
        'seeds/trailing_title.txt:5: entry "Attention Study: A Simple Question" has no abstract; kept the rest of the listing'
    ]


def test_abstract_without_title_is_reported(tmp_path):
    result = read(tmp_path, "abstract_without_title.txt")
    assert [p.title for p in result.papers] == ["MemoryNet: Long Context Memory"]
    assert [str(p) for p in result.problems] == [
        'seeds/abstract_without_title.txt:1: paragraph "Speech synthesis from text is hard for unseen speakers...." has no title before it; skipped',
        'seeds/abstract_without_title.txt:3: paragraph "We study a simple question about attention layers. Our..." has no title before it; skipped',
    ]


def test_long_title_is_a_title(tmp_path):
    result = read(tmp_path, "long_title.txt")
    assert len(result.papers) == 1 and len(result.papers[0].title) == 302


def test_chrome_only_and_empty_files_give_no_papers(tmp_path):
    for name in ("chrome_only.txt", "empty.txt"):
        folder = tmp_path / name
        folder.mkdir()
        assert read(folder, name).papers == []


def test_invalid_utf8_names_line_and_byte(tmp_path):
    result = read(tmp_path, "invalid_utf8.txt")
    assert [p.title for p in result.papers] == ["Attention Study: A Simple Question"]
    assert [(str(p), p.level) for p in result.problems] == [
        ("seeds/invalid_utf8.txt:5: is not valid UTF-8 (byte b'\\xff' at column 8); stopped reading", "error")
    ]


def test_binary_file_is_an_error(tmp_path):
    result = read(tmp_path, "binary.txt")
    assert result.papers == []
    assert [str(p) for p in result.problems] == ["seeds/binary.txt:1: contains a NUL byte: a binary file, not text; stopped reading"]


def test_empty_seeds_folder(tmp_path):
    (tmp_path / "seeds").mkdir()
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert [str(p) for p in result.problems] == ["seeds: no seed files found; the site lists no papers"]


def test_symlink_out_of_seeds_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Secret Title\n\nA secret abstract that is long enough. It has two sentences here.\n")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "link.txt").symlink_to(outside)
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert result.papers == []
    assert [str(p) for p in result.problems] == [f"seeds/link.txt: is a symbolic link to {outside}, outside seeds/; skipped"]


def test_unknown_format_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "notes.docx").write_bytes(b"PK\x03\x04")
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert [str(p) for p in result.problems] == ["seeds/notes.docx: not a known seed format (.docx); skipped"]


def test_the_seed_listing(tmp_path):
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    result = read_seeds(seeds, seeds.parent)
    assert len(result.papers) == 55
    assert result.problems == []
    assert result.papers[0].title.startswith("GPSFormer")
    assert result.papers[-1].title == "The mechanistic basis of data dependence and abrupt learning in an in-context classification task"
    assert all(len(p.abstract) > 400 for p in result.papers)
