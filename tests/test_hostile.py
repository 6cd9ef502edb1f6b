"""Hostile input: arbitrary bytes and text through the readers, huge files in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from generator.engine import page_meta as get_data

from generator.enrich import enrich, taxonomy
from generator.render import render_site
from generator.site import SiteInfo
from generator.sources import listing, read_seeds
from helpers import REPO

TAX = taxonomy.load(Path("/no/such/folder"))
SENTENCE = " We study this problem carefully and report results on three benchmarks."


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".json", ".yml", ".xml", ".bib"]))
def test_any_bytes_give_papers_or_problems_never_a_crash(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        (seeds / f"input{suffix}").write_bytes(data)
        result = read_seeds(seeds, Path(folder))
        for problem in result.problems:
            assert str(problem).startswith(f"seeds/input{suffix}")


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_any_title_and_abstract_round_trip_through_the_generated_page(title, abstract):
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        clean_title = " ".join(title.split())
        clean_abstract = " ".join((abstract + SENTENCE + SENTENCE).split())
        (seeds / "listing.txt").write_text(f"{clean_title}\n\n{clean_abstract}\n", encoding="utf-8")
        # A title shaped like an abstract or chrome is reported, not kept (tested in test_listing); a leading
        # U+FEFF at the start of a file is a byte-order mark by definition.
        assume(not listing.is_abstract(clean_title) and not listing.is_chrome(clean_title))
        assume(not clean_title.startswith("\ufeff"))
        papers = read_seeds(seeds, Path(folder)).papers
        assert [(p.title, p.abstract) for p in papers] == [(clean_title, clean_abstract)]
        pages = render_site(enrich(papers, TAX), TAX, SiteInfo("https://example.org/", "shelf"))
        page = next(data.decode("utf-8") for path, data in pages.items() if path.startswith("papers/"))
        _, meta = get_data(page)
        assert meta["title"] == clean_title
        assert [record["title"] for record in json.loads(pages["papers.json"])["papers"]] == [clean_title]


def test_a_100_mb_listing_reads_in_bounded_memory(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with (seeds / "huge.txt").open("wb") as handle:
        handle.write(b"Attention Study: A Simple Question\n\nWe study a simple question. It has two sentences.\n\n")
        chunk = b"x" * (2**20)
        for _ in range(100):  # one 100 MiB line
            handle.write(chunk)
        handle.write(b"\n\nMemoryNet: Long Context Memory\n\nWe propose a memory. It keeps long contexts.\n")
    script = (
        "import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]);"
        "from generator.sources import read_seeds;"
        "r = read_seeds(Path(sys.argv[1]) / 'seeds', Path(sys.argv[1]));"
        "print(json.dumps({'titles': [p.title for p in r.papers], 'problems': [str(p) for p in r.problems],"
        # VmHWM, not ru_maxrss: the latter keeps the parent's (pytest's) peak across fork and exec.
        "'peak_mb': int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024}))"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(REPO)], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["titles"] == ["Attention Study: A Simple Question", "MemoryNet: Long Context Memory"]
    assert result["problems"] == ["seeds/huge.txt:5: is a line longer than 1 MiB, not a listing line; skipped it"]
    assert result["peak_mb"] < 60, result["peak_mb"]  # measured ~20 MB: the 100 MiB line is never held


def test_a_hand_written_page_that_is_not_utf8_is_named_before_anything_is_written(tmp_path):
    """MkDocs stopped with a UnicodeDecodeError traceback after docs/ was written (#21)."""
    from generator.build import build, check
    from generator.errors import ConfigError
    from generator.project import Project
    from helpers import make_project

    project = Project(make_project(tmp_path / "project", seed_files=[REPO / "seeds" / "hf-trending-listing.txt"]))
    (project.docs / "about" / "notes.md").write_bytes(b"# Notes\nline two \xff\xfe here\n")
    for run in (lambda: build(project), lambda: check(project)):
        with pytest.raises(ConfigError) as caught:
            run()
        assert str(caught.value) == "docs/about/notes.md:2: is not valid UTF-8 (byte b'\\xff' at column 10); MkDocs cannot read it; fix the file (nothing was written)"
    assert not (project.docs / "papers").exists() and not project.site.exists()


def test_a_pattern_that_backtracks_without_end_stops_the_build_with_its_tag_named(tmp_path):
    """(a+)+$ hung the build for good (#21): each search is bounded, and the tag and paper are named."""
    from generator.build import build
    from generator.errors import ConfigError
    from generator.project import Project
    from helpers import make_project

    seed = (REPO / "seeds" / "hf-trending-listing.txt").read_text(encoding="utf-8")
    hostile = "\n\nA Paper With a Long Scream\n\nWe report what happens when a reader types " + "a" * 5000 + "! into a search box.\n"
    project = Project(make_project(tmp_path / "project", seeds={"listing.txt": seed + hostile}))
    line = (seed + hostile).splitlines().index("A Paper With a Long Scream") + 1
    (project.seeds / "taxonomy.yml").write_text("slow:\n  name: Slow\n  patterns: ['(a+)+$']\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        build(project, site_too=False)
    assert str(caught.value) == (
        f"seeds/taxonomy.yml: tag 'slow': its patterns ((a+)+$) took more than 10 s on the text of seeds/listing.txt:{line}; "
        "a pattern that can backtrack without end, such as (a+)+$, would hang the build: rewrite it (nothing was written)"
    )
    assert not (project.docs / "papers").exists()
