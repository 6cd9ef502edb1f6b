"""docs/ is written deterministically, idempotently, atomically, and only where papershelf owns it."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import build
from generator.errors import HandEditError, PapershelfError
from generator.writer import MANIFEST, Docs
from helpers import FIXTURES, REPO

LISTING = (FIXTURES / "listings" / "basic.txt").read_text()


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def seed(project, text: str = LISTING, name: str = "listing.txt") -> None:
    (project.seeds / name).write_text(text, encoding="utf-8")


def test_deterministic_across_projects(tmp_path, project):
    seed(project)
    build(project, site_too=False)
    from helpers import make_project
    from generator.project import Project

    other = Project(make_project(tmp_path / "other"))
    seed(other)
    build(other, site_too=False)
    assert snapshot(project.docs) == snapshot(other.docs)


def test_unchanged_rebuild_rewrites_nothing(project):
    seed(project)
    build(project, site_too=False)
    before = mtimes(project.docs)
    time.sleep(0.01)
    report = build(project, site_too=False)
    assert (report.written, report.removed) == (0, 0)
    assert mtimes(project.docs) == before


def test_pages_of_papers_that_left_are_removed(project):
    seed(project)
    build(project, site_too=False)
    assert (project.docs / "papers" / "memorynet-long-context-memory.md").exists()
    seed(project, LISTING.split("MemoryNet")[0])
    report = build(project, site_too=False)
    assert not (project.docs / "papers" / "memorynet-long-context-memory.md").exists()
    assert report.removed >= 1


def test_hand_written_pages_are_never_touched(project):
    seed(project)
    build(project, site_too=False)
    about = project.docs / "about" / "index.md"
    before = about.read_bytes(), about.stat().st_mtime_ns
    seed(project, LISTING.replace("Attention Study", "Attention Survey"))
    build(project, site_too=False)
    assert (about.read_bytes(), about.stat().st_mtime_ns) == before


def test_hand_edit_stops_the_build_and_names_the_file(project):
    seed(project)
    build(project, site_too=False)
    page = project.docs / "papers" / "memorynet-long-context-memory.md"
    page.write_text(page.read_text() + "\nMy note.\n")
    seed(project, LISTING.replace("needs no training", "needs no training at all"))
    with pytest.raises(HandEditError) as caught:
        build(project, site_too=False)
    assert str(caught.value) == (
        f"{page}: edited by hand since papershelf generated it; put the change in seeds/curation.yml "
        "(tags, notes, hide, pin) or run again with --force to overwrite it"
    )
    assert "My note." in page.read_text()
    build(project, site_too=False, force=True)
    assert "My note." not in page.read_text()


def test_hand_written_file_in_the_way_is_not_overwritten(project):
    (project.docs / "papers").mkdir(parents=True)
    mine = project.docs / "papers" / "memorynet-long-context-memory.md"
    mine.write_text("mine")
    seed(project)
    with pytest.raises(HandEditError) as caught:
        build(project, site_too=False, force=True)
    assert str(caught.value) == f"{mine}: a hand-written file is where papershelf generates a page; rename or move it"
    assert mine.read_text() == "mine"


def test_paths_outside_docs_are_refused(tmp_path):
    docs = Docs(tmp_path / "docs", tmp_path / ".papershelf")
    (tmp_path / "docs").mkdir()
    for bad in ("../x.md", "/etc/passwd", "a/../../x.md"):
        with pytest.raises(PapershelfError, match="outside docs/"):
            docs.target(bad)


def test_symlinked_folder_out_of_docs_is_refused(tmp_path, project):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    project.docs.mkdir(exist_ok=True)
    (project.docs / "papers").symlink_to(outside)
    seed(project)
    with pytest.raises(PapershelfError, match="a symbolic link leads it outside docs/"):
        build(project, site_too=False)
    assert list(outside.iterdir()) == []


def test_manifest_is_hidden_from_mkdocs(project):
    seed(project)
    build(project, site_too=False)
    assert (project.docs / MANIFEST).exists()
    assert MANIFEST.startswith(".")  # MkDocs' default exclude_docs skips dotfiles


def _big_listing(count: int) -> str:
    parts = ["new"]
    for i in range(count):
        parts += [f"Paper Number {i}: A Study of Topic {i % 17}", f"We study topic {i % 17} in depth with method {i}. Results on benchmarks {i} and {i + 1} improve over baselines, and code is released."]
    return "\n\n".join(parts) + "\n"


def test_killed_builds_leave_docs_whole(project):
    """kill -9 at random moments: docs/ is the old state or the new one (after the next command recovers)."""
    seed(project, _big_listing(400))
    build(project, site_too=False)
    old = snapshot(project.docs)
    seed(project, _big_listing(400).replace("in depth", "in great depth"))
    rng = random.Random(7)
    command = [sys.executable, "-m", "generator", "-C", str(project.root), "build", "--docs-only"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    subprocess.run(command + ["--force"], env=env, check=True, capture_output=True, cwd=project.root.parent)
    whole = time.perf_counter() - started  # one uninterrupted run; kills land in its second half
    seed(project, _big_listing(400))
    build(project, site_too=False, force=True)
    seed(project, _big_listing(400).replace("in depth", "in great depth"))
    outcomes, reached = set(), set()
    for step in range(12):  # from well before the commit to after the end, with some jitter
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole * (0.5 + step * 0.08) + rng.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        journal = project.state / "txn" / "journal.json"
        now = snapshot(project.docs)
        if journal.exists():
            outcomes.add("mid-commit")  # the next command rolls it forward
        else:
            assert now == old or now == new_state(project), "docs/ was left mixed"
            outcomes.add("old" if now == old else "new")
        Docs(project.docs, project.state).recover()
        recovered = snapshot(project.docs)
        assert recovered in (old, new_state(project))
        if now != recovered:  # the next command finished a commit it found past its journal
            assert recovered == new_state(project), "a commit past its journal was not rolled forward"
        reached.add("old" if recovered == old else "new")
        if recovered != old:  # start the next round from the old state again
            seed(project, _big_listing(400))
            build(project, site_too=False)
            seed(project, _big_listing(400).replace("in depth", "in great depth"))
    print("kill outcomes:", sorted(outcomes))
    # Kills landed both before the commit point (docs/ as it was) and after it (the new docs/, at
    # once or once recovered): without both, the dozen kills showed nothing about the commit.
    assert old != new_state(project)
    assert reached == {"old", "new"}, f"every kill left docs/ {sorted(reached)}"


_NEW: dict[str, dict] = {}


def new_state(project) -> dict[str, str]:
    """The docs/ that a complete build of the changed listing gives (computed once, in a copy)."""
    key = str(project.root)
    if key not in _NEW:
        import shutil

        copy = project.root.parent / "expected"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns(".papershelf"))
        from generator.project import Project

        shutil.rmtree(copy / "docs")
        shutil.copytree(project.root / "docs", copy / "docs")
        Docs(copy / "docs", copy / ".papershelf").recover()
        build(Project(copy), site_too=False, force=True)
        _NEW[key] = snapshot(copy / "docs")
    return _NEW[key]


def test_commit_interrupted_after_its_commit_point_is_rolled_forward(project, monkeypatch):
    """A crash between the journal and the last move: the next command finishes the commit."""
    seed(project)
    build(project, site_too=False)
    old = snapshot(project.docs)
    seed(project, LISTING.replace("needs no training", "needs no training at all"))
    real_replace = os.replace
    calls = {"moves": 0}

    def crash_after_one_move(source, target):
        if "/txn/files/" in str(source) and "/txn/" not in str(target):  # a move into docs/, not staging
            calls["moves"] += 1
            if calls["moves"] > 1:
                raise KeyboardInterrupt("simulated kill")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", crash_after_one_move)
    with pytest.raises(KeyboardInterrupt):
        build(project, site_too=False)
    monkeypatch.setattr(os, "replace", real_replace)
    assert (project.state / "txn" / "journal.json").exists()
    assert snapshot(project.docs) != old  # one file moved: mixed until recovery
    report = build(project, site_too=False)  # any command recovers first
    assert not (project.state / "txn").exists()
    assert report.written == 0  # the recovered commit was already the wanted state
    assert "needs no training at all" in (project.docs / "papers" / "memorynet-long-context-memory.md").read_text()


def test_commit_interrupted_before_its_commit_point_is_discarded(project, monkeypatch):
    seed(project)
    build(project, site_too=False)
    old = snapshot(project.docs)
    seed(project, LISTING.replace("needs no training", "needs no training at all"))
    from generator import writer

    real_write = writer.atomic_write

    def crash_on_journal(path, data, sync=True):
        if path.name == "journal.json":
            raise KeyboardInterrupt("simulated kill")
        return real_write(path, data, sync)

    monkeypatch.setattr(writer, "atomic_write", crash_on_journal)
    with pytest.raises(KeyboardInterrupt):
        build(project, site_too=False)
    monkeypatch.setattr(writer, "atomic_write", real_write)
    assert snapshot(project.docs) == old
    Docs(project.docs, project.state).recover()
    assert not (project.state / "txn").exists() and snapshot(project.docs) == old


def test_unchanged_rebuild_reuses_the_enrichment_cache(project, monkeypatch):
    seed(project)
    build(project, site_too=False)
    before = snapshot(project.docs)
    import generator.enrich as enrich_stage

    def refuse(*args):
        raise AssertionError("recomputed although nothing changed")

    monkeypatch.setattr(enrich_stage.related, "related", refuse)
    monkeypatch.setattr(enrich_stage, "_derive", refuse)
    build(project, site_too=False)
    assert snapshot(project.docs) == before


def test_changed_paper_alone_is_analysed_again(project, monkeypatch):
    seed(project)
    build(project, site_too=False)
    import generator.enrich as enrich_stage

    analysed = []
    real = enrich_stage._derive
    monkeypatch.setattr(enrich_stage, "_derive", lambda paper, tax: analysed.append(paper.title) or real(paper, tax))
    seed(project, LISTING.replace("needs no training", "needs no training at all"))
    build(project, site_too=False)
    assert analysed == ["MemoryNet: Long Context Memory"]


def test_damaged_cache_is_ignored(project):
    seed(project)
    build(project, site_too=False)
    before = snapshot(project.docs)
    (project.state / "cache" / "enrich.pickle").write_bytes(b"not a pickle")
    build(project, site_too=False)
    assert snapshot(project.docs) == before
