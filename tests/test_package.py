"""papershelf as a package (#18): the wheel installed alone makes and builds a project; the theme comes
from the package; a plain `mkdocs build` makes the same site; `papershelf upgrade` moves an old project."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from generator import __version__
from generator.engine import THEME
from helpers import REPO, serve, soup, search_titles

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1773187200"}
THEME_NAMES = {p.name for p in THEME.rglob("*") if p.is_file()}


def run(command: list, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)
    if ok:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    """A fresh virtual environment with only the wheel installed into it.

    The wheel is built with the standard tools (`python -m build`) from the files git tracks. No test
    reaches the network, so the wheel's dependencies are not downloaded: a .pth file lets the fresh
    environment see the test environment's site-packages, where papershelf itself is an editable
    install that a .pth-added folder does not activate; the test checks papershelf is imported from
    the wheel."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in run(["git", "ls-files"], REPO).stdout.splitlines():
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", work / "dist", source], work)
    (wheel,) = (work / "dist").glob("papershelf-*.whl")
    assert wheel.name.startswith(f"papershelf-{__version__}-")
    venv = work / "venv"
    run([sys.executable, "-m", "venv", venv], work)
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel], work)
    packages = Path(run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], work).stdout.strip())
    (packages / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = run([venv / "bin" / "python", "-c", "import generator; print(generator.__file__)"], work).stdout.strip()
    assert where.startswith(str(packages)), where
    return venv


def test_wheel_alone_makes_and_builds_a_project_with_working_search(wheel_venv, tmp_path, browser):
    papershelf = wheel_venv / "bin" / "papershelf"
    made = run([papershelf, "new", "shelf", "--name", "Our reading group"], tmp_path)
    assert made.stdout == f"papershelf: made {tmp_path / 'shelf'} (5 files); next: cd shelf && papershelf serve\n"
    shelf = tmp_path / "shelf"
    held = sorted(p.relative_to(shelf).as_posix() for p in shelf.rglob("*") if p.is_file())
    assert held == [".gitignore", "README.md", "docs/about/index.md", "mkdocs.yml", "seeds/hf-daily-2024-10-25.json"]
    built = run([papershelf, "build", "--strict"], shelf)
    assert "papershelf: 4 papers, 0 warning(s)" in built.stdout
    # The project holds no copy of the theme: templates, CSS, search script and icons come from the package.
    copies = [p for p in shelf.rglob("*") if p.is_file() and p.name in THEME_NAMES and not p.is_relative_to(shelf / "site")]
    assert copies == []
    site = shelf / "site"
    assert (site / "assets" / "search.js").read_bytes() == (THEME / "assets" / "search.js").read_bytes()
    pages = sorted(site.glob("papers/*/index.html"))
    assert len(pages) == 4
    page_html = soup(pages[0])
    assert page_html.select_one("title").text.endswith("Our reading group")
    assert page_html.select_one(".ps-authors") is not None  # the example's authors, from the HF answer
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base)
        page.keyboard.press("/")
        titles = search_titles(page, "knowledge editing")
        context.close()
    assert titles[:1] == ["Can Knowledge Editing Really Correct Hallucinations?"], titles

    # A template in the project's overrides wins over the package's.
    (shelf / "overrides").mkdir()
    template = (THEME / "paper.html").read_text(encoding="utf-8")
    (shelf / "overrides" / "paper.html").write_text(ours := template.replace("{% block site_nav %}{% endblock %}", '{% block site_nav %}<p id="curator-own">ours</p>{% endblock %}', 1))
    assert "curator-own" in ours
    yml = shelf / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1))
    run([papershelf, "build", "--strict"], shelf)
    assert soup(pages[0]).select_one("#curator-own").text == "ours"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _hashed(name: str) -> str:
    """Pagefind names its filter and metadata files by a hash of content whose order varies run to
    run (two plain builds differ there too); everything else it writes is the same each time."""
    stem, _, suffix = name.rpartition(".")
    return stem.rsplit("_", 1)[0] + "." + suffix if suffix in ("pf_filter", "pf_meta") else name


def test_plain_mkdocs_build_makes_the_same_site(seed_project, tmp_path):
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", tmp_path / "plain"], seed_project.root)
    ours, plain = _tree(seed_project.site), _tree(tmp_path / "plain")
    assert sorted(map(_hashed, ours)) == sorted(map(_hashed, plain))
    same = [name for name in ours if name in plain and not name.endswith(("pf_filter", "pf_meta", "pagefind-entry.json"))]
    assert len(same) == len(ours) - 2 * len(list(seed_project.site.glob("pagefind*/"))) - len(list(seed_project.site.glob("pagefind*/filter/*")))
    assert [name for name in same if ours[name] != plain[name]] == []
    assert any(name.startswith("pagefind/fragment/") for name in same)  # the indexed text itself is identical


OLD = "50789c3378cea65865ccec523fa6da63bc631b33"  # the last commit with the theme copied into the project


def _old_project(folder: Path) -> Path:
    """This repository's own layout before the theme moved into the package, read from git."""
    listed = run(["git", "ls-tree", "-r", "--name-only", OLD, "--", "mkdocs.yml", "overrides", "docs/assets", "docs/about"], REPO).stdout.split()
    for name in listed:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(subprocess.run(["git", "show", f"{OLD}:{name}"], cwd=REPO, capture_output=True, check=True).stdout)
    shutil.copytree(REPO / "seeds", folder / "seeds")
    return folder


def test_upgrade_moves_an_old_project_onto_the_package_keeping_what_the_curator_edited(tmp_path):
    folder = _old_project(tmp_path / "old")
    edited = folder / "overrides" / "paper.html"
    edited.write_text(edited.read_text().replace("{% block site_nav %}{% endblock %}", '{% block site_nav %}<p id="curator-own">ours</p>{% endblock %}'))
    assert "curator-own" in edited.read_text()
    cli = [sys.executable, "-m", "generator"]
    before = run(cli + ["build", "--docs-only"], folder)
    assert "warning: mkdocs.yml:37: plugins does not list papershelf: papershelf build adds it, but a plain `mkdocs build` would make a site without papershelf's theme and search index; run `papershelf upgrade` (or add `- papershelf` under plugins)" in before.stderr

    done = run(cli + ["upgrade"], folder)
    assert done.stderr == "note: overrides/paper.html: edited by you, kept; it overrides papershelf's own (compare with the package's generator/theme/)\n"
    assert done.stdout == "papershelf: moved 16 copied theme file(s) to .papershelf/old-theme/; added the papershelf plugin to mkdocs.yml; the theme comes from the installed package\n"
    assert sorted(p.relative_to(folder).as_posix() for p in (folder / "overrides").rglob("*") if p.is_file()) == ["overrides/paper.html"]
    assert [p.relative_to(folder).as_posix() for p in (folder / "docs" / "assets").rglob("*") if p.is_file()] == ["docs/assets/screenshots/home.png"]  # the curator's own
    assert (folder / ".papershelf" / "old-theme" / "docs" / "assets" / "search.js").is_file()  # moved aside, not deleted
    assert "plugins: [papershelf]" in (folder / "mkdocs.yml").read_text()
    again = run(cli + ["upgrade"], folder)
    assert again.stdout == "papershelf: nothing to upgrade; the theme comes from the installed package\n" and again.stderr.startswith("note: overrides/paper.html")

    built = run(cli + ["build", "--strict"], folder)
    assert "warning" not in built.stderr
    site = folder / "site"
    assert (site / "assets" / "search.js").read_bytes() == (THEME / "assets" / "search.js").read_bytes()  # the package's, not the old copy
    page = soup(next(site.glob("papers/*/index.html")))
    assert page.select_one("#curator-own").text == "ours"


def test_an_old_project_without_its_overrides_loses_custom_dir(tmp_path):
    folder = _old_project(tmp_path / "old")
    done = run([sys.executable, "-m", "generator", "upgrade"], folder)
    assert done.stdout == "papershelf: moved 17 copied theme file(s) to .papershelf/old-theme/; added the papershelf plugin to mkdocs.yml; dropped custom_dir: overrides (the folder is empty now); the theme comes from the installed package\n"
    assert not (folder / "overrides").exists() and "custom_dir" not in (folder / "mkdocs.yml").read_text()
    run([sys.executable, "-m", "generator", "build", "--strict"], folder)
    assert hashlib.sha256((folder / "site" / "assets" / "papershelf.css").read_bytes()).digest() == hashlib.sha256((THEME / "assets" / "papershelf.css").read_bytes()).digest()


def test_new_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "shelf").mkdir()
    (tmp_path / "shelf" / "notes.txt").write_text("mine")
    done = run([sys.executable, "-m", "generator", "new", "shelf"], tmp_path, ok=False)
    assert done.returncode == 1
    assert done.stderr == f"papershelf: error: {tmp_path / 'shelf'}: already exists and is not an empty folder; papershelf new makes a new project (nothing was written)\n"
    assert [p.name for p in (tmp_path / "shelf").iterdir()] == ["notes.txt"]


def test_only_the_engine_package_imports_mkdocs():
    """The engine behind one package: any other module that imports MkDocs (or ProperDocs, Zensical)
    would tie papershelf to it again."""
    import ast

    engines = {"mkdocs", "properdocs", "zensical", "material"}
    found = []
    for path in sorted([*(REPO / "generator").rglob("*.py"), *(REPO / "tests").rglob("*.py"), *(REPO / "benchmarks").rglob("*.py")]):
        if path.is_relative_to(REPO / "generator" / "engine"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(REPO)}:{node.lineno}: {name}" for name in names if name.split(".")[0] in engines]
    assert found == []
