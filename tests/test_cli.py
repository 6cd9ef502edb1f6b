"""The papershelf command: exact messages and exit codes."""

from __future__ import annotations

import pytest

from generator.cli import main
import shutil

from helpers import FIXTURES, REPO

LOST = (FIXTURES / "listings" / "lost_abstract.txt").read_text()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_reports_warnings_and_passes(project, capsys):
    (project.seeds / "listing.txt").write_text(LOST)
    code, out, err = run(capsys, "-C", str(project.root), "check")
    assert code == 0
    assert err == 'warning: seeds/listing.txt:3: entry "Lost Paper Without Abstract" has no abstract; kept the rest of the listing\n'
    assert out == "papershelf: 2 papers, 1 warning(s), no errors\n"
    assert not (project.docs / "index.md").exists(), "check must not write"


def test_strict_makes_warnings_fatal_and_writes_nothing(project, capsys):
    (project.seeds / "listing.txt").write_text(LOST)
    code, out, err = run(capsys, "-C", str(project.root), "build", "--strict")
    assert code == 1
    assert err.splitlines() == [
        'warning: seeds/listing.txt:3: entry "Lost Paper Without Abstract" has no abstract; kept the rest of the listing',
        "papershelf: error: 1 warning(s) and --strict was given; nothing was written",
    ]
    assert not (project.docs / "index.md").exists()


def test_errors_stop_the_build_before_writing(project, capsys):
    (project.seeds / "good.txt").write_text((FIXTURES / "listings" / "basic.txt").read_text())
    (project.seeds / "broken.txt").write_bytes((FIXTURES / "listings" / "binary.txt").read_bytes())
    code, out, err = run(capsys, "-C", str(project.root), "build", "--docs-only")
    assert code == 1
    assert err.splitlines() == [
        "error: seeds/broken.txt:1: contains a NUL byte: a binary file, not text; stopped reading",
        "papershelf: error: 1 error(s) in the seeds; nothing was written",
    ]
    assert not (project.docs / "papers").exists()


def test_build_docs_only_summary(project, capsys):
    (project.seeds / "listing.txt").write_text((FIXTURES / "listings" / "basic.txt").read_text())
    code, out, err = run(capsys, "-C", str(project.root), "build", "--docs-only")
    assert (code, err) == (0, "")
    assert out.startswith("papershelf: 2 papers, 0 warning(s); docs/: ")
    code, out, err = run(capsys, "-C", str(project.root), "build", "--docs-only")
    assert out.startswith("papershelf: 2 papers, 0 warning(s); docs/: 0 written, 0 removed in ")


def test_usage_error_exits_2(capsys):
    code, out, err = run(capsys, "publish")
    assert code == 2
    assert "invalid choice: 'publish'" in err


def test_missing_mkdocs_yml_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "listing.txt").write_text((FIXTURES / "listings" / "basic.txt").read_text())
    code, out, err = run(capsys, "-C", str(tmp_path), "build")
    assert code == 1
    assert err == f"papershelf: error: {tmp_path / 'mkdocs.yml'}: not found; the site is built with MkDocs from it (nothing was written)\n"
    assert not (tmp_path / "docs").exists()


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["--version"]])
def test_help_exits_0(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 0 and out


def test_a_site_over_the_pages_limit_gets_a_warning_with_its_size(project, capsys, monkeypatch):
    from generator.site import folder_bytes, parts_bytes

    monkeypatch.setattr("generator.site.PAGES_LIMIT", 2_000_000)  # the real limit is 1 GB: ~55k papers at ~18 KB each
    (project.seeds / "listing.txt").write_text((FIXTURES / "listings" / "basic.txt").read_text())
    code, out, err = run(capsys, "-C", str(project.root), "build")
    size = folder_bytes(project.site)
    parts = list(parts_bytes(project.site).items())
    assert code == 0 and size > 2_000_000 and sum(dict(parts).values()) == size
    assert parts[0][0] == "assets/"  # theme, Pagefind UI and fonts outweigh two papers
    assert err == (
        f"warning: site/ is {size / 1e6:,.0f} MB; GitHub Pages publishes sites of at most 2 MB. Largest parts: "
        + ", ".join(f"{name} {part / 1e6:,.0f} MB" for name, part in parts[:3])
        + " (docs/about/benchmarks.md shows where a paper's bytes go)\n"
    )
    assert out.startswith("papershelf: 2 papers, 0 warning(s); docs/: ") and f"; site/ ({size / 1e6:,.1f} MB) built in " in out


def test_serve_on_a_taken_port_is_a_clear_error(project, capsys):
    import socket

    (project.seeds / "listing.txt").write_text((FIXTURES / "listings" / "basic.txt").read_text())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(capsys, "-C", str(project.root), "serve", "--port", str(port))
    assert code == 1
    assert err == f"papershelf: error: cannot serve on 127.0.0.1:{port}: Address already in use; stop what uses it or pick another with --port\n"
    assert not project.site.exists()  # stopped before building, not after


def test_serve_answers_a_missing_page_with_the_sites_404_page(project):
    """`papershelf serve` as a user runs it: the site, and for a page that is not there the site's
    own 404 page (as GitHub Pages does), not a bare "404 Not Found"."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    (project.seeds / "listing.txt").write_text((FIXTURES / "listings" / "basic.txt").read_text())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(project.root), "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(120):
            try:
                home = urllib.request.urlopen(base, timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.25)
        assert "<title>Papers - papershelf</title>" in home
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "papers/a-paper-that-left/", timeout=5)
        assert missing.value.code == 404 and "<h1>Page not found</h1>" in missing.value.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_site_parts_count_numbered_shards_as_one_part(tmp_path):
    from generator.site import parts_bytes

    for path, size in {"papers/a/index.html": 500, "papers/b/index.html": 300, "pagefind/x.pf": 200,
                       "pagefind-1/x.pf": 250, "sitemap.xml": 10, "sitemap-1.xml": 40, "sitemap-2.xml": 40,
                       "papers.json": 90}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    assert parts_bytes(tmp_path) == {"papers/": 800, "pagefind/": 450, "sitemap.xml": 90, "papers.json": 90}
    assert list(parts_bytes(tmp_path))[2:] == ["papers.json", "sitemap.xml"]  # equal sizes: by name


def test_a_project_of_seeds_and_mkdocs_yml_alone_builds(tmp_path):
    """docs/ is the build's to make: a curator who starts with mkdocs.yml and seeds/ needs no empty folder."""

    (tmp_path / "seeds").mkdir()
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", tmp_path / "seeds")
    assert main(["-C", str(tmp_path), "build"]) == 0  # (its nav names an About page it lacks: a warning)
    assert (tmp_path / "site" / "papers" / "titans-learning-to-memorize-at-test-time" / "index.html").is_file()
