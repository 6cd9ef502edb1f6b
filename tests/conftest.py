"""Fixtures: real projects built with the real pipeline (MkDocs and Pagefind included)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator import render, sitemap
from generator.engine.plugin import Papershelf
from generator.build import build
from generator.project import Project
from helpers import FIXTURES, REPO, launch, make_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1773187200")  # 2026-03-11: history dates do not depend on the day tests run


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory) -> Project:
    """The repository's own seeds, built once with --strict."""
    folder = make_project(tmp_path_factory.mktemp("seed") / "project", seed_files=sorted((REPO / "seeds").glob("*.txt")))
    project = Project(folder)
    build(project, strict=True)
    return project


@pytest.fixture(scope="session")
def hostile_project(tmp_path_factory):
    """A listing full of HTML, Markdown, Jinja and YAML syntax, CJK, emoji, CRLF and a BOM: (project, report)."""
    folder = make_project(tmp_path_factory.mktemp("hostile") / "project", seed_files=[FIXTURES / "hostile.txt"])
    project = Project(folder)
    return project, build(project)


@pytest.fixture(scope="session")
def sharded_project(tmp_path_factory) -> Project:
    """The seeds built as a big site is: search in bundles of 20 papers, sitemaps of 20 URLs, pages
    held packed while MkDocs builds."""
    folder = make_project(tmp_path_factory.mktemp("sharded") / "project", seed_files=sorted((REPO / "seeds").glob("*.txt")))
    project = Project(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Papershelf, "SHARD_SIZE", 20)
        patch.setattr(sitemap, "LIMIT", 20)
        patch.setattr(Papershelf, "PACK_FROM", 1)
        build(project, strict=True)
    return project


@pytest.fixture(scope="session")
def paged_project(tmp_path_factory) -> Project:
    """The seeds with listings of 5 papers a page: 11 pages of papers, pagers to follow. Its
    mkdocs.yml lacks sane_lists (the plugin must add it)."""
    folder = make_project(tmp_path_factory.mktemp("paged") / "project", seed_files=sorted((REPO / "seeds").glob("*.txt")))
    yml = folder / "mkdocs.yml"
    older = "".join(line for line in yml.read_text().splitlines(True) if "sane_lists" not in line)
    assert older != yml.read_text()
    yml.write_text(older)
    project = Project(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "PAGE_SIZE", 5)
        build(project, strict=True)
    return project


@pytest.fixture
def project(tmp_path) -> Project:
    """An empty project to fill per test."""
    return Project(make_project(tmp_path / "project"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
