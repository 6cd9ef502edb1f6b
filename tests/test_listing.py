"""The Hugging Face listing reader: one small fixture per edge case."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.sources import nothing_to_publish, read_seeds
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
    # The abstract is about "a simple question about attention": the title before it is the one that lost its own.
    assert [p.title for p in result.papers] == ["Attention Study: A Simple Question", "MemoryNet: Long Context Memory"]
    assert result.papers[0].abstract.startswith("We study a simple question")
    assert [str(p) for p in result.problems] == [
        'seeds/lost_abstract.txt:3: entry "Lost Paper Without Abstract" has no abstract; kept the rest of the listing'
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


def test_empty_seeds_folder_is_an_error(tmp_path):
    (tmp_path / "seeds").mkdir()
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert (result.papers, result.problems) == ([], [])
    found = nothing_to_publish(result, tmp_path / "seeds", tmp_path)
    assert [(str(p), p.level) for p in found] == [("seeds/: no seed files found; there is nothing to publish", "error")]


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


SEED = Path(__file__).resolve().parent.parent / "seeds" / "hf-trending-listing.txt"


def pairs(tmp_path: Path, lines: list[str]):
    """The (title, abstract) pairs and problems of a listing made of these lines."""
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "listing.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_seeds(seeds, tmp_path)
    return [(p.title, p.abstract) for p in result.papers], [str(p) for p in result.problems]


def test_the_seed_listing_copied_without_blank_lines_reads_the_same(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    expected = pairs(tmp_path, lines)
    assert len(expected[0]) == 55 and expected[1] == []
    assert pairs(tmp_path, [line for line in lines if line.strip()]) == expected


def test_any_one_blank_line_missing_from_the_seed_listing_reads_the_same(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    expected = pairs(tmp_path, lines)
    blanks = [i for i, line in enumerate(lines) if not line.strip()]
    assert len(blanks) > 100
    differ = [i + 1 for i in blanks if pairs(tmp_path, lines[:i] + lines[i + 1 :]) != expected]
    assert differ == []  # line numbers of the removed blank lines whose listing read differently


def test_a_paper_appended_without_a_blank_line_is_its_own_paper(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    title = "A Brand New Paper About Live Reloading"
    abstract = "We present a live reloading server for static sites. It rebuilds only the pages that changed."
    papers, problems = pairs(tmp_path, lines + [title, abstract])
    assert papers[-1] == (title, abstract) and len(papers) == 56
    assert papers[-2][1].endswith("sequentially learned during training.")
    assert problems == []


def test_what_cannot_be_paired_is_reported_with_its_line(tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    compact = [line for line in lines if line.strip()] + ["A Brand New Paper Without Its Abstract"]
    papers, problems = pairs(tmp_path, compact)
    assert len(papers) == 55
    assert problems == [f'seeds/listing.txt:{len(compact)}: entry "A Brand New Paper Without Its Abstract" has no abstract; kept the rest of the listing']


def test_a_listing_with_no_paper_is_an_error_naming_the_file(tmp_path):
    result = read(tmp_path, "chrome_only.txt")
    assert result.papers == []
    assert [(str(p), p.level) for p in result.problems] == [
        ("seeds/chrome_only.txt: no paper found (no title followed by its abstract); the site lists nothing from this file", "error")
    ]
