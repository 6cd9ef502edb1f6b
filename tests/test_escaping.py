"""Any text from a listing reaches the reader literally: property tests over front matter and Markdown."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from generator.engine import page_meta as get_data

from generator.markdown import fence, md_text, md_url
from generator.render import front_matter

# What mkdocs.yml enables; the escaping must hold under each of them.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]
# Text a listing can carry: any printable character, spaces included (control characters are
# normalised away by whitespace folding or rejected earlier as binary).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200)
TAG = re.compile(r"<[^>]+>")


def visible(html_text: str) -> str:
    return " ".join(html.unescape(TAG.sub("", html_text)).split())


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_front_matter_round_trips_through_mkdocs(text):
    document = "---\n" + front_matter({"title": text, "description": text, "tags": [text]}) + "---\n\nbody\n"
    body, meta = get_data(document)
    assert meta == {"title": text, "description": text, "tags": [text]}
    assert body.strip() == "body"


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_markdown_text_shows_literally(text):
    expected = " ".join(text.split())
    assume(expected)  # whitespace alone renders as nothing, which is right but leaves nothing to compare
    for template in ("{}", "# {}", "1. {}", "| a | b |\n| --- | --- |\n| {} | x |"):
        rendered = markdown.markdown(template.format(md_text(text)), extensions=EXTENSIONS)
        shown = visible(rendered)
        if template.startswith("|"):
            shown = shown.removesuffix(" x").removeprefix("a b ")
        assert shown == expected, (template, rendered)


@given(TEXT)
def test_no_markup_survives_escaping(text):
    outside_references = re.sub(r"&#\d+;", "", md_text(text))
    assert not set(outside_references) & set("<>`*_[]{}|\\#&")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.seen.append((tag, attrs))


def elements(html_text: str) -> list[tuple[str, list]]:
    parser = _Elements()
    parser.feed(html_text)
    return parser.seen


def test_hostile_examples_render_as_text():
    for text in ["<script>alert(1)</script>", "[x](javascript:alert(1))", "{: onclick=alert(1) }", "**b** _i_ `c`",
                 "1. not a list", "# not a heading", "&amp; &lt;", "C# and F#", "{{ config }} {% raw %}"]:
        rendered = markdown.markdown(md_text(text), extensions=EXTENSIONS)
        assert visible(rendered) == text
        assert elements(rendered) == [("p", [])], rendered


def test_urls_cannot_break_out_of_a_link():
    assert md_url("https://example.org/a (b)<c>\"d'") == "https://example.org/a%20%28b%29%3Cc%3E%22d%27"


def test_fence_outgrows_backticks():
    assert fence("no ticks") == "```"
    assert fence("a ```` b") == "`````"
