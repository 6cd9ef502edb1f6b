"""Two real bibliographies built into a site (#15): names, years, macros, entries without abstracts.

real-1.bib and real-2.bib are verbatim excerpts of two research groups' bibliographies (a
programming-languages one with 160 @string macros, a JabRef export); tests/fixtures/bib/PROVENANCE.md
says where each comes from, NOTES.md gives the hand-checked BibTeX parts of every unusual name."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

from generator.build import build
from generator.latex import plain
from generator.project import Project
from helpers import FIXTURES, make_project, soup

BIBS = [FIXTURES / "bib" / "real-1.bib", FIXTURES / "bib" / "real-2.bib"]
RAW_LATEX = re.compile(r"\\[A-Za-z]+|\\[^A-Za-z\s]|[{}]|\$")


def parsed(text: str):
    return bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])


def source_entries() -> list:
    return [entry for path in BIBS for entry in parsed(path.read_text(encoding="utf-8")).entries]


def title_key(title: str) -> str:
    return " ".join(plain(title).replace("{", "").replace("}", "").split()).lower()


def parts(names) -> list[tuple[str, ...]]:
    """Each name's (first, von, last, jr), LaTeX decoded: `G{\\"u}n` and `Gün` are one name."""
    return [tuple(" ".join(plain(" ".join(getattr(n, part))).split()) for part in ("first", "von", "last", "jr")) for n in names]


@pytest.fixture(scope="module")
def bib_site(tmp_path_factory) -> Project:
    project = Project(make_project(tmp_path_factory.mktemp("bibliography") / "project", seed_files=BIBS))
    build(project, strict=True)  # strict: a warning would fail the build
    return project


@pytest.fixture(scope="module")
def exported_raw(bib_site) -> dict:
    library = bibtexparser.parse_string((bib_site.site / "papers.bib").read_text(encoding="utf-8"))
    return {title_key(entry["title"]): entry for entry in library.entries}


@pytest.fixture(scope="module")
def exported(bib_site) -> dict:
    library = parsed((bib_site.site / "papers.bib").read_text(encoding="utf-8"))
    return {title_key(entry["title"]): entry for entry in library.entries}


def page_of(bib_site, title: str):
    papers = json.loads((bib_site.site / "papers.json").read_text(encoding="utf-8"))["papers"]
    slug = next(p["slug"] for p in papers if title_key(p["title"]) == title_key(title))
    return soup(bib_site.site / "papers" / slug / "index.html")


def test_every_entry_is_a_page_and_those_without_an_abstract_say_so(bib_site):
    entries = source_entries()
    assert len(entries) == 106
    pages = sorted((bib_site.site / "papers").glob("*/index.html"))
    assert len(pages) == len(entries)
    without = [e for e in entries if "abstract" not in e.fields_dict]
    said = [p for p in pages if soup(p).select_one(".ps-none") is not None]
    assert len(without) == 98 and len(said) == len(without)
    assert soup(pages[0]).select_one(".ps-none") is None or soup(pages[0]).select_one(".ps-none").get_text() == "No abstract in the source."


def test_every_name_round_trips_through_a_bibtex_parser(bib_site, exported):
    checked = 0
    for entry in source_entries():
        ours = exported[title_key(entry["title"])]
        if "author" not in entry.fields_dict:
            assert "author" not in ours.fields_dict, entry.key
            continue
        assert parts(ours["author"]) == parts(entry["author"]), entry.key
        checked += len(entry["author"])
    assert checked >= 300


@pytest.mark.parametrize(
    ("title", "shown", "bibtex"),
    [
        ("Imperative Functional Programming", "Simon Peyton Jones, Philip Wadler", "Peyton Jones, Simon and Wadler, Philip"),
        ("Racket Documentation: Concurrency and Synchronization", "The Racket Team", "{The Racket Team}"),
        ("Lambda: The Ultimate Imperative", "Guy Lewis Steele Jr., Gerald Jay Sussman", "Steele Jr., Guy Lewis and Sussman, Gerald Jay"),
    ],
)
def test_names_read_as_the_bibliography_wrote_them(bib_site, exported_raw, title, shown, bibtex):
    assert page_of(bib_site, title).select_one(".ps-authors").get_text() == shown
    assert exported_raw[title_key(title)]["author"] == bibtex


def test_and_others_is_kept(bib_site, exported_raw):
    entry = next(e for e in source_entries() if e.key == "Abadi2016")
    assert page_of(bib_site, entry["title"]).select_one(".ps-authors").get_text() == "Martín Abadi and others"
    assert exported_raw[title_key(entry["title"])]["author"] == "Abadi, Martín and others"


def test_tex_escapes_in_a_doi_are_undone(bib_site):
    links = page_of(bib_site, "Specifications and Proofs for Ensemble Layers").select(".md-content a[href*='doi.org']")
    assert [a["href"] for a in links] == ["https://doi.org/10.1007/3-540-49059-0_9"]


def test_years_are_the_bibliographys_and_macros_are_expanded(bib_site, exported):
    dated = 0
    for entry in source_entries():
        ours = exported[title_key(entry["title"])]
        if "year" in entry.fields_dict:
            assert ours["year"] == entry["year"].strip("{}"), entry.key
            dated += 1
        elif "eprint" in ours.fields_dict:  # no year in the entry: the arXiv identifier's, never the build's
            assert ours["year"] == f"20{ours['eprint'][:2]}", entry.key
        else:
            assert "year" not in ours.fields_dict, entry.key
    assert dated >= 100
    meta = page_of(bib_site, "Imperative Functional Programming").select(".ps-meta")[-1].get_text()
    assert meta == "in Principles of Programming Languages (POPL) · published 1993"  # booktitle = POPL, an @string


def test_no_raw_latex_and_no_project_path_on_any_page(bib_site):
    leaks = {}
    for page in (bib_site.site / "papers").glob("*/index.html"):
        content = soup(page).select_one(".md-content")
        for part in content.select("math, pre"):
            part.decompose()
        found = RAW_LATEX.findall(content.get_text(" "))
        if found:
            leaks[page.parent.name] = found
        assert "seeds/" not in page.read_text(encoding="utf-8") and str(bib_site.root) not in page.read_text(encoding="utf-8")
    assert leaks == {}
