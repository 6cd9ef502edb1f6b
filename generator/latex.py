"""LaTeX in titles, abstracts and names (arXiv, BibTeX and Hugging Face carry it): text-mode commands
and accents become the characters they stand for (pylatexenc); math stays math.

A paper keeps two forms of a text: `plain` (Unicode, math written out as its characters: slugs, search,
feeds, JSON, <title>) and, only where it has math, `rich` (Unicode with the math kept between `$`), which
the page renders as MathML (latex2mathml, built into the page: no script, no CDN) and BibTeX keeps as math.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import ftfy
from pylatexenc import latexwalker, macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from generator.model import Paper
from generator.slugs import digest

# The math arXiv abstracts use: $$...$$, \[...\] and display environments (shown as blocks), $...$ and
# \(...\) (inline). Abstracts are not compiled, so a $ may be a price ("from $3M to $300M"): a $...$
# that starts with a digit is math only if its closing $ has no space before it and no digit after it
# (on the 11,333 papers of benchmarks/taxonomy, TeX's own pairing and this one differ on four spans, all
# prices such as "$0.0011-$0.12"; formulas such as $2.82\%$ and $\sim$100 stay math).
ENVIRONMENTS = "equation|align|eqnarray|gather|multline|displaymath"
MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$"
    r"|\\\[(?P<bracket>.+?)\\\]"
    rf"|\\begin\{{(?P<env>{ENVIRONMENTS})(?P<star>\*?)\}}(?P<body>.+?)\\end\{{(?P=env)(?P=star)\}}"
    r"|(?<!\\)\$(?P<inline>(?!\d)(?:[^$\\]|\\.)+?)\$"
    r"|(?<!\\)\$(?P<numeric>\d(?:[^$\\]|\\.)*?)(?<![\s\\])\$(?!\d)"
    r"|\\\((?P<paren>.+?)\\\)",
    re.S,
)
LONE_DOLLAR = re.compile(r"(?<!\\)\$")
# Only a text with one of these can hold LaTeX; the rest (most listing text) skips the parser.
MARKERS = re.compile(r"[\\$~{}]|``|''")
CITATION = re.compile(r"[~\s]*\\(?:cite[a-z]*|ref|eqref|label)\*?(?:\[[^\]]*\])*\{[^}]*\}")
BARE_PERCENT = re.compile(r"(?<!\\)%")  # abstracts are not compiled: a bare % is a per cent, not a comment


def _link_text(node, l2tobj) -> str:  # noqa: ANN001 (pylatexenc's callback)
    """\\href{url}{text} as its text; an \\href given only its address (written so in real abstracts) as the address."""
    arguments = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    return l2tobj.nodelist_to_text([arguments[-1]]) if arguments else ""


@lru_cache(maxsize=2)
def _converter(math_mode: str) -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category(
        "papershelf", prepend=True,
        # pylatexenc drops \texttt's argument and shows \url as <...>: a reader wants the text itself.
        macros=[MacroTextSpec("url", simplify_repl="%s"), MacroTextSpec("href", simplify_repl=_link_text)]
        + [MacroTextSpec(name, simplify_repl="%s") for name in ("texttt", "textsc", "textsf", "textrm", "textup", "textnormal", "mbox")],
    )
    return LatexNodes2Text(math_mode=math_mode, latex_context=context, strict_latex_spaces=True)


@lru_cache(maxsize=1)
def _parser_context() -> macrospec.LatexContextDb:
    """The parser's macros: \\href takes two arguments (pylatexenc's parser knows only one, and the
    text spec above then fails on the whole abstract: 27 of 1,195 real ones)."""
    context = latexwalker.get_default_latex_context_db()
    context.add_context_category("papershelf", prepend=True, macros=[macrospec.MacroSpec("href", "{{")])
    return context


def _text(latex: str, math_mode: str) -> str:
    prepared = _dollars(BARE_PERCENT.sub(r"\\%", CITATION.sub("", latex)))
    try:
        nodes = latexwalker.LatexWalker(prepared, latex_context=_parser_context(), tolerant_parsing=True).get_latex_nodes()[0]
        text = _converter(math_mode).nodelist_to_text(nodes)
    except Exception:  # noqa: BLE001 - pylatexenc raises several types on malformed input; keep the source text
        return latex
    return " ".join(text.replace("\xa0", " ").split())


def _dollars(text: str) -> str:
    """A $ that opens no formula (a price) as the escaped dollar sign pylatexenc reads as text."""
    pieces, last = [], 0
    for match in MATH.finditer(text):
        pieces += [LONE_DOLLAR.sub(r"\\$", text[last:match.start()]), match.group(0)]
        last = match.end()
    return "".join([*pieces, LONE_DOLLAR.sub(r"\\$", text[last:])])


def plain(text: str) -> str:
    """Unicode text for places that show no markup: math written out ('$O(n^2)$' -> 'O(n^2)')."""
    return _text(text, "text") if MARKERS.search(text) else text


def rich(text: str) -> str | None:
    """Unicode text with its math kept between $...$ (inline) or $$...$$ (display), or None when the
    text has no math.

    Each formula stands in the text as a private-use placeholder while pylatexenc decodes the rest in
    one pass, so spacing and groups around it (\\emph{$O(n)$ memory}) come out as written."""
    formulas = [_formula(match) for match in MATH.finditer(text)]
    if not formulas:
        return None
    counter = iter(range(len(formulas)))
    marked = MATH.sub(lambda _: f"\ue000{next(counter)}\ue001", text)
    # A dollar sign of the text stays escaped, so the rich form pairs only its own formulas when read again.
    decoded = _text(marked, "verbatim").replace("$", r"\$")

    def put_back(match: re.Match) -> str:
        display, tex = formulas[int(match.group(1))]
        return f"$${tex}$$" if display else f"${tex}$"

    return re.sub("\ue000(\\d+)\ue001", put_back, decoded)


def _formula(match: re.Match) -> tuple[bool, str]:
    """(shown as a block, its TeX) of a MATH match; an align or eqnarray becomes an aligned block."""
    if match.group("env"):
        body = match.group("body").strip()
        return True, body if match.group("env") in ("equation", "displaymath") else rf"\begin{{aligned}}{body}\end{{aligned}}"
    display = next(name for name in ("display", "bracket", "inline", "numeric", "paren") if match.group(name) is not None)
    return display in ("display", "bracket"), match.group(display).strip()


def math_parts(text: str) -> list[tuple[str | None, str]]:
    """A rich text as (kind, piece) parts, in order: kind is "block" or "inline" for a formula, None for text."""
    parts, last = [], 0
    for match in MATH.finditer(text):
        if match.start() > last:
            parts.append((None, _unescaped(text[last:match.start()])))
        display, tex = _formula(match)
        parts.append(("block" if display else "inline", tex))
        last = match.end()
    if last < len(text):
        parts.append((None, _unescaped(text[last:])))
    return parts


def _unescaped(text: str) -> str:
    return text.replace(r"\$", "$")


def decode_all(papers: list[Paper], memo: dict | None = None) -> list[Paper]:
    """Every paper of a LaTeX-carrying source decoded; a pasted listing is text already, left as it is.

    memo (generator/cache.py) maps a paper, and the code of this module, to its decoded form: pylatexenc
    takes ~4 ms for an abstract with LaTeX, so a rebuild reuses what an earlier build decoded."""
    previous = dict(memo or {})
    memo = {} if memo is None else memo
    memo.clear()
    version = _code_digest()
    result = []
    for paper in papers:
        if paper.origin.path.endswith(".txt"):
            result.append(paper)
            continue
        key = digest(version, repr(paper), length=40)
        memo[key] = previous.get(key) or decoded(paper)
        result.append(memo[key])
    return result


@lru_cache(maxsize=1)
def _code_digest() -> str:
    return digest(Path(__file__).read_text(encoding="utf-8"), length=40)


def repaired(text: str) -> str:
    """Text with double-encoded UTF-8 undone ('LÃ¤mmerzahl' -> 'Lämmerzahl', as some arXiv answers
    carry it); ftfy changes nothing else, and pure ASCII skips it."""
    return text if text.isascii() else ftfy.fix_encoding(text)


def decoded(paper: Paper) -> Paper:
    """The paper with LaTeX decoded in its title, abstract and author names (see the module docstring)."""
    title, abstract = _both(repaired(paper.title)), _both(repaired(paper.abstract))
    return replace(
        paper, title=title[0], abstract=abstract[0], title_rich=title[1], abstract_rich=abstract[1],
        authors=tuple(plain(repaired(a)) for a in paper.authors),
        name_parts=tuple(tuple(plain(repaired(part)) for part in parts) for parts in paper.name_parts),
        venue=plain(repaired(paper.venue)) if paper.venue else None,
    )


def _both(text: str) -> tuple[str, str | None]:
    """(plain, rich) with one parse of the whole text: the plain form is the rich one with each formula
    written out on its own (pylatexenc takes ~3 ms for an abstract, a formula far less)."""
    formatted = rich(text)
    if formatted is None:
        return plain(text), None
    shown = "".join(_text(f"${piece}$", "text") if kind else piece for kind, piece in math_parts(formatted))
    return " ".join(shown.split()), formatted


# What a MathML formula may hold once latex2mathml has made it: \text{<script>} comes out as a <script>
# element inside <mtext>, so the result is parsed and written again with only these names.
MATHML_TAGS = frozenset(
    "math mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot mover munder munderover "
    "mtable mtr mtd mstyle mpadded mphantom menclose merror".split()
)
MATHML_ATTRIBUTES = frozenset(
    "display stretchy mathvariant fence separator lspace rspace width height depth columnalign rowspacing "
    "columnspacing accent accentunder movablelimits minsize maxsize symmetric linethickness notation form "
    "largeop mathsize displaystyle scriptlevel rowalign columnlines rowlines frame".split()
)
NS = "{http://www.w3.org/1998/Math/MathML}"


def mathml(tex: str, display: str = "inline") -> str | None:
    """MathML for a formula ("inline" or "block"), or None when it cannot be converted to safe MathML."""
    import xml.etree.ElementTree as ElementTree

    import latex2mathml.converter

    try:
        tree = ElementTree.fromstring(latex2mathml.converter.convert(tex, display=display))
    except Exception:  # noqa: BLE001 - a formula latex2mathml or the XML parser refuses: shown as its source
        return None
    if any(element.tag.removeprefix(NS) not in MATHML_TAGS for element in tree.iter()):
        return None
    return _write(tree)


def _write(element) -> str:
    """MathML with every text character that HTML or Markdown could read as syntax a character reference."""
    from generator.markdown import as_references

    name = element.tag.removeprefix(NS)
    attributes = "".join(
        f' {key}="{as_references(value)}"' for key, value in sorted(element.attrib.items()) if key in MATHML_ATTRIBUTES
    )
    children = "".join(_write(child) + as_references(child.tail or "") for child in element)
    return f"<{name}{attributes}>{as_references(element.text or '')}{children}</{name}>"
