"""LaTeX in real arXiv answers: text commands and accents decoded, math shown as MathML, BibTeX keeps math (#15).

The fixture is a real recorded arXiv answer (tests/fixtures/latex/PROVENANCE.md)."""

from __future__ import annotations

import json
import re

from xml.etree import ElementTree

import bibtexparser
import pytest

from generator.build import build
from generator.latex import MATH, plain, rich
from generator.markdown import md_rich
from generator.project import Project
from helpers import FIXTURES, make_project, serve, soup

ARXIV = FIXTURES / "latex" / "arxiv-testing-latex.xml"
ATOM = "{http://www.w3.org/2005/Atom}"
RAW_LATEX = re.compile(r"\\[A-Za-z]+|\$|\{|\}")


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"the \emph{oracle problem}", "the oracle problem"),
        (r"T{\"u}lu and Fr\'echet and G\"odel", "Tülu and Fréchet and Gödel"),
        (r"``quoted'' words", "“quoted” words"),
        (r"as shown~\cite{smith2020,doe2021}. Next", "as shown. Next"),
        (r"gains of 5% and $25\%$", "gains of 5% and 25%"),
        (r"Di$\mathtt{[M]}$O", "Di[𝙼]O"),
        (r"\textbf{Diff-ES} and \texttt{Davos} and A~knowledge", "Diff-ES and Davos and A knowledge"),
        ("LÃ¤mmerzahl", "LÃ¤mmerzahl"),  # plain() decodes LaTeX only; mojibake is undone when a paper is read
        ("No LaTeX at all: 50% of {braces} kept? ", "No LaTeX at all: 50% of braces kept?"),
    ],
)
def test_text_commands_and_accents_become_characters(source, text):
    assert plain(source) == text


def test_math_stays_math_in_the_rich_form_and_text_commands_do_not():
    assert rich(r"We use \emph{$O(n^2)$ memory}, i.e. $73\%$ less.") == r"We use $O(n^2)$ memory, i.e. $73\%$ less."
    assert rich("no math here") is None


def test_a_formula_that_would_make_markup_shows_as_escaped_text():
    line = md_rich(r"$\text{<script>alert(1)</script>}$ and $x<y$")
    assert "<script>" not in line and "&#60;script&#62;" in line
    assert "<math><mrow><mi>x</mi><mo>&#60;</mo><mi>y</mi></mrow></math>" in line.replace(' display="inline"', "")


@pytest.fixture(scope="module")
def arxiv_site(tmp_path_factory) -> Project:
    folder = make_project(tmp_path_factory.mktemp("latex") / "project", seed_files=[ARXIV])
    project = Project(folder)
    build(project, strict=True)
    return project


def paper_pages(project: Project):
    return sorted((project.site / "papers").glob("*/index.html"))


def visible_text_without_math_and_citation(page) -> str:
    content = soup(page).select_one(".md-content")
    for hidden in content.select("math, pre"):
        hidden.decompose()
    return content.get_text(" ")


def test_no_raw_latex_in_any_page_and_math_is_mathml(arxiv_site):
    pages = paper_pages(arxiv_site)
    assert len(pages) == 15
    leaks = {p.parent.name: RAW_LATEX.findall(visible_text_without_math_and_citation(p)) for p in pages}
    assert {name: found for name, found in leaks.items() if found} == {}
    # Every paper whose source has a formula shows MathML; the fixture says which (\emph{} alone is no math).
    atom = ElementTree.parse(ARXIV).getroot()
    expected = sum(bool(MATH.search(e.findtext(f"{ATOM}title") + e.findtext(f"{ATOM}summary"))) for e in atom.iter(f"{ATOM}entry"))
    assert expected >= 10
    assert len([p for p in pages if soup(p).select(".md-content math")]) == expected


def test_double_encoded_utf8_of_the_recording_is_repaired(arxiv_site):
    page = soup(arxiv_site.site / "papers" / "otest-webview-oriented-testing-for-android-applications" / "index.html")
    assert page.select_one("h1 math mi").get_text() == "ω"
    titles = [p["title"] for p in json.loads((arxiv_site.site / "papers.json").read_text())["papers"]]
    assert "ωTest: WebView-Oriented Testing for Android Applications" in titles
    assert not [t for t in titles if "Ã" in t or "Î" in t or "$" in t or "\\" in t]


def test_bibtex_keeps_math_as_math(arxiv_site):
    library = bibtexparser.parse_string((arxiv_site.site / "papers.bib").read_text(encoding="utf-8"))
    titles = {e["title"] for e in library.entries}
    assert "{$ω$Test: WebView-Oriented Testing for Android Applications}" in titles
    assert not [t for t in titles if r"\$" in t or "textasciicircum" in t]


def test_titles_and_slugs_are_plain_text(arxiv_site):
    head_titles = [soup(p).title.get_text() for p in paper_pages(arxiv_site)]
    assert not [t for t in head_titles if RAW_LATEX.search(t)]
    assert not [p.parent.name for p in paper_pages(arxiv_site) if re.search(r"math|mathbf|emph|tilde", p.parent.name)]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_math_renders_in_chromium_in_light_and_dark(arxiv_site, browser, scheme):
    with serve(arxiv_site.site) as base:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base + "papers/the-sample-complexity-of-simple-binary-hypothesis-testing/")
        shown = page.evaluate(
            """() => [...document.querySelectorAll('.md-content p math')].map(m => {
                const box = m.getBoundingClientRect(), p = m.closest('p');
                return {display: getComputedStyle(m).display, width: box.width, height: box.height,
                        color: getComputedStyle(m.querySelector('mi, mn, mo')).color, text: getComputedStyle(p).color};
            })"""
        )
        context.close()
    assert len(shown) >= 4
    for formula in shown:
        assert formula["display"] in ("inline math", "math") and formula["width"] > 3 and formula["height"] > 5
        assert formula["color"] == formula["text"]  # dark mode: math takes the text colour, not black


def test_a_rebuild_reuses_decoded_papers_and_new_code_does_not(monkeypatch, tmp_path):
    from generator import latex
    from generator.sources import read_seeds

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / ARXIV.name).write_bytes(ARXIV.read_bytes())
    papers = read_seeds(tmp_path / "seeds", tmp_path).papers
    memo: dict = {}
    first = latex.decode_all(papers, memo)
    assert len(memo) == len(papers) == 15

    def decode_again(paper):
        raise AssertionError("decoded again")

    monkeypatch.setattr(latex, "decoded", decode_again)
    assert latex.decode_all(papers, memo) == first  # every paper from the memo
    monkeypatch.setattr(latex, "_code_digest", lambda: "other code")
    with pytest.raises(AssertionError, match="decoded again"):
        latex.decode_all(papers, memo)
