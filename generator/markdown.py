"""Escaping listing text for Markdown, so that every character reaches the reader as text.

Text from a listing is untrusted: it may hold HTML, Markdown, attribute lists or entities. Each character
that Markdown or HTML could read as syntax becomes a numeric character reference, which Python-Markdown
passes through and the browser shows as the character itself.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Inline syntax of Python-Markdown and the extensions mkdocs.yml enables (attr_list, tables), plus HTML's
# own metacharacters. Parentheses, colons and quotes need no escape: links start with "[", which is escaped.
INLINE = frozenset("\\`*_{}[]<>#|&")
# "!!!" and "???" open admonitions and collapsible blocks: a record's abstract must not become a warning box.
BLOCK_START = frozenset("-+*#>=|:~!? \t")
ORDERED = re.compile(r"^\d+[.)]")


def _ref(char: str) -> str:
    return f"&#{ord(char)};"



REFERENCES = str.maketrans({c: _ref(c) for c in INLINE})


def md_text(value: object) -> str:
    """One line of literal text for a Markdown paragraph, heading, list item or table cell."""
    text = " ".join(str(value).split())
    if not text:
        return ""
    # A line starting "1." or "-" would open a list, "#" a heading: its first character is escaped too.
    if text[0] in BLOCK_START or ORDERED.match(text):
        return _ref(text[0]) + text[1:].translate(REFERENCES)
    return text.translate(REFERENCES)


def as_references(text: str) -> str:
    """Text with every Markdown or HTML syntax character (and the quotes of attributes) a character reference."""
    return text.translate(REFERENCES).replace('"', "&#34;")


def md_rich(text: str) -> str:
    """One line of literal text with its $...$ math as MathML (generator/latex.py)."""
    from generator import latex

    pieces = []
    for kind, piece in latex.math_parts(" ".join(text.split())):
        formula = latex.mathml(piece, kind) if kind else None
        # A formula latex2mathml refuses is shown as pylatexenc writes it out, not as its TeX source.
        pieces.append(formula or md_text_inline(latex.plain(f"${piece}$") if kind else piece))
    line = "".join(pieces)
    if line.startswith("<math"):  # Python-Markdown takes a line opening with <math> for an HTML block
        return f"<span>{line}</span>"
    if line[:1] in BLOCK_START or ORDERED.match(line):
        return _ref(line[0]) + line[1:]
    return line


def md_text_inline(text: str) -> str:
    """Literal text inside a line: syntax characters escaped, outer spaces kept."""
    return text.translate(REFERENCES)


def md_url(url: str) -> str:
    """A link target for [label](target): characters that would end or break it are percent-encoded."""
    return quote(url, safe="/:?&=#%@+,;~!$*-._")


def fence(text: str) -> str:
    """A backtick fence longer than any run of backticks inside the text, so it cannot be closed early."""
    longest, run = 0, 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)
