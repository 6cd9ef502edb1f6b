"""Issue #21: a curator's file is never lost, whatever the manifest says or wherever it sits."""

from __future__ import annotations

import hashlib
import json

import pytest

from generator.build import build
from generator.errors import HandEditError
from generator.writer import MANIFEST
from helpers import FIXTURES

LISTING = (FIXTURES / "listings" / "basic.txt").read_text()
PAGE = "papers/memorynet-long-context-memory.md"


def seed(project, text: str = LISTING) -> None:
    (project.seeds / "listing.txt").write_text(text, encoding="utf-8")


def add_to_manifest(project, relative: str, digest: str) -> None:
    path = project.docs / MANIFEST
    data = json.loads(path.read_text())
    data["files"][relative] = digest
    path.write_text(json.dumps(data))


def test_manifest_naming_a_hand_written_file_does_not_delete_it(project):
    seed(project)
    build(project, site_too=False)
    mine = project.docs / "about" / "guarantees.md"
    add_to_manifest(project, "about/guarantees.md", hashlib.sha256(mine.read_bytes()).hexdigest())
    report = build(project, site_too=False)
    assert mine.exists()
    assert [str(p) for p in report.problems] == [
        f"{project.docs / MANIFEST}: lists 'about/guarantees.md', which is not among the files papershelf generates "
        "(index.md, papers.bib, papers.json, taxonomy.md, api/, archive/, authors/, bib/, code/, feeds/, page/, papers/, search/, shelf/, tags/); "
        "ignored it and left that file alone"
    ]
    assert "about/guarantees.md" not in json.loads((project.docs / MANIFEST).read_text())["files"]


def test_manifest_naming_a_folder_gives_a_message_not_a_traceback(project):
    seed(project)
    build(project, site_too=False)
    (project.docs / "tags" / "mine").mkdir()
    (project.docs / "tags" / "mine" / "notes.md").write_text("mine")
    add_to_manifest(project, "tags/mine", "0" * 64)
    report = build(project, site_too=False)
    assert (project.docs / "tags" / "mine" / "notes.md").read_text() == "mine"
    assert [str(p) for p in report.problems] == [
        f"{project.docs / MANIFEST}: lists 'tags/mine', which is a folder, not a file papershelf generated; "
        "ignored it and left the folder alone"
    ]


def test_hand_written_copy_of_a_page_is_not_adopted_then_deleted(project, tmp_path):
    seed(project)
    build(project, site_too=False)
    page = (project.docs / PAGE).read_bytes()
    from helpers import make_project
    from generator.project import Project

    other = Project(make_project(tmp_path / "other"))
    (other.docs / "papers").mkdir()
    mine = other.docs / PAGE
    mine.write_bytes(page)  # byte-identical, written by hand: not papershelf's
    seed(other)
    with pytest.raises(HandEditError) as caught:
        build(other, site_too=False)
    assert str(caught.value) == (
        f"{mine}: a hand-written file is where papershelf generates a page (the same text, but {MANIFEST} "
        "does not list it as generated); delete it to let papershelf generate the page, or rename or move it"
    )
    seed(other, LISTING.split("MemoryNet")[0])  # the paper leaves the listing
    build(other, site_too=False)
    assert mine.read_bytes() == page


@pytest.mark.parametrize("title", ["Index", "CON", "aux", "Nul", "COM1", "lpt1", "PRN"])
def test_reserved_titles_get_a_stable_suffixed_slug(title):
    from generator.slugs import assign, digest

    slug = title.lower()
    assert assign([(title, "an abstract")]) == [f"{slug}-{digest(title)}"]
    assert assign([("Another Paper", "x"), (title, "other abstract")])[1] == f"{slug}-{digest(title)}"


def test_paper_titled_index_is_served_where_its_links_point(project):
    seed(project, LISTING.replace("MemoryNet: Long Context Memory", "Index"))
    build(project, site_too=False)
    assert not (project.docs / "papers" / "index.md").exists()
    record = next(p for p in json.loads((project.docs / "papers.json").read_text())["papers"] if p["title"] == "Index")
    assert (project.docs / "papers" / f"{record['slug']}.md").exists()
    assert record["url"].endswith(f"/papers/{record['slug']}/")


@pytest.mark.parametrize("name", ["taxonomy.yml", "curation.yml", "history.json"])
def test_settings_linked_out_of_seeds_are_not_followed(project, tmp_path, name):
    from generator.errors import ConfigError

    outside = tmp_path / "secret.yml"
    outside.write_text("secret:\n  name: Secret\n  phrases: [memory]\n")
    seed(project)
    (project.seeds / name).symlink_to(outside)
    with pytest.raises(ConfigError) as caught:
        build(project, site_too=False)
    assert str(caught.value) == f"seeds/{name}: is a symbolic link to {outside}, outside seeds/; not followed (copy the file into seeds/)"
    assert not (project.docs / MANIFEST).exists()


def test_rules_page_names_the_taxonomy_without_a_path(tmp_path):
    from helpers import make_project
    from generator.project import Project

    pages = []
    for folder in ("one", "two"):
        own = Project(make_project(tmp_path / folder))
        seed(own)
        (own.seeds / "taxonomy.yml").write_text("memory:\n  name: Memory\n  phrases: [memory]\nattention:\n  name: Attention\n  phrases: [attention]\n")
        build(own, site_too=False)
        pages.append((own.docs / "taxonomy.md").read_text())
    assert pages[0] == pages[1]
    assert "Tags come from this site's own taxonomy." in pages[0]
    assert str(tmp_path) not in pages[0]


@pytest.mark.parametrize("slug", ["''", "'!!!'"])
def test_tag_without_a_slug_is_an_error_naming_the_file_and_tag(project, slug):
    from generator.errors import ConfigError

    seed(project)
    (project.seeds / "taxonomy.yml").write_text(f"{slug}:\n  name: Empty\n  phrases: [memory]\n")
    with pytest.raises(ConfigError) as caught:
        build(project, site_too=False)
    assert str(caught.value) == (
        f"seeds/taxonomy.yml: tag {slug}: has no letters or digits to make a slug of; its page would replace the Tags overview (tags/index.md)"
    )
    assert not (project.docs / "tags").exists()


def tree(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def journal(project, moves, removes=(), staged: dict | None = None) -> None:
    txn = project.state / "txn"
    (txn / "files").mkdir(parents=True, exist_ok=True)
    for name, make in (staged or {}).items():
        make(txn / "files" / name)
    (txn / "journal.json").write_text(json.dumps({"moves": moves, "removes": list(removes)}))


@pytest.mark.parametrize("command", [["check"], ["build", "--docs-only"]])
@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("name with a path", "refused: it moves '../../../outside.txt', which is not a file papershelf staged"),
        ("staged link", "refused: it moves '0', which is not a file papershelf staged"),
        ("target not owned", "refused: it names 'about/index.md', which is not a file papershelf generates"),
        ("removal not owned", "refused: it names 'about/guarantees.md', which is not a file papershelf generates"),
        ("not a journal", "not a papershelf journal (KeyError)"),
    ],
)
def test_a_tampered_journal_moves_and_removes_nothing(project, tmp_path, capsys, command, case, expected):
    from generator.cli import main

    seed(project)
    build(project, site_too=False)
    outside = tmp_path / "outside.txt"
    outside.write_text("a file of someone else's")
    if case == "name with a path":
        journal(project, [["../../../outside.txt", "papers/stolen.md"]])
    elif case == "staged link":
        journal(project, [["0", "papers/stolen.md"]], staged={"0": lambda p: p.symlink_to(outside)})
    elif case == "target not owned":
        journal(project, [["0", "about/index.md"]], staged={"0": lambda p: p.write_text("replaced")})
    elif case == "removal not owned":
        journal(project, [], removes=["about/guarantees.md"])
    else:
        (project.state / "txn").mkdir(parents=True, exist_ok=True)
        (project.state / "txn" / "journal.json").write_text('{"moves": []}')
    before, txn_before = tree(project.docs), tree(project.state / "txn")
    assert main(["-C", str(project.root), *command]) == 1
    journal_path = project.state / "txn" / "journal.json"
    assert capsys.readouterr().err.strip() == f"papershelf: error: {journal_path}: {expected}; remove {project.state / 'txn'} and build again"
    assert tree(project.docs) == before and outside.read_text() == "a file of someone else's"
    assert tree(project.state / "txn") == txn_before


def test_check_reports_an_unfinished_commit_and_leaves_it(project, capsys):
    from generator.cli import main

    seed(project)
    build(project, site_too=False)
    page = project.docs / PAGE
    journal(project, [["0", PAGE]], staged={"0": lambda p: p.write_bytes(page.read_bytes() + b"\nnew text\n")})
    before, txn_before = tree(project.docs), tree(project.state / "txn")
    assert main(["-C", str(project.root), "check"]) == 0
    assert "note: .papershelf/txn/journal.json: a killed build left a commit half done; the next papershelf build finishes it" in capsys.readouterr().err
    assert tree(project.docs) == before and tree(project.state / "txn") == txn_before
