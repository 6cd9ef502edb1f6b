"""The text of a Hugging Face trending/daily papers page: page chrome, then title and abstract paragraphs.

Titles and abstracts are told apart by their shape (length, sentences), never by counting lines, so a
lost abstract, a wrapped abstract or an extra blank line does not shift the pairing of later entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import Origin, Paper
from generator.problems import Problem, quote
from generator.sources import ReadResult

# Lines of page chrome that the Hugging Face pages print around the papers.
CHROME = frozenset(
    {
        "new",
        "get trending papers in your email inbox!",
        "subscribe",
        "byak and the research community",
        "daily papers",
        "trending papers",
        "submitted by",
        "upvote",
        "·",
    }
)
DATE = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?$")
COUNT = re.compile(r"^[\d.,]+[kKmM]?$")
SENTENCE_END = re.compile(r"[.!?](?:\s+|$)(?=[A-Z0-9(\"']|$)")
MAX_TITLE = 400  # characters: longer paragraphs are abstracts, whatever their shape


MAX_PARAGRAPH = 2**20  # characters; a longer "paragraph" is not a paper and is not kept


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str
    oversized: bool = False


def paragraphs(lines: Iterator[tuple[int, str]]) -> Iterator[Paragraph]:
    """Group lines into paragraphs (blank lines between); a wrapped paragraph becomes one line."""
    start, parts, size = 0, [], 0
    for number, line in lines:
        stripped = line.strip()
        if stripped:
            if not parts:
                start, size = number, 0
            size += len(stripped)
            parts = parts if size <= MAX_PARAGRAPH else [""]  # keep counting, stop keeping
            parts.append(stripped if size <= MAX_PARAGRAPH else "")
        elif parts:
            yield Paragraph(start, " ".join(parts), size > MAX_PARAGRAPH)
            parts = []
    if parts:
        yield Paragraph(start, " ".join(parts), size > MAX_PARAGRAPH)


def is_chrome(text: str) -> bool:
    return text.casefold() in CHROME or bool(DATE.match(text)) or bool(COUNT.match(text))


def is_abstract(text: str) -> bool:
    """An abstract is long or has sentences; a title is short and at most one sentence without a full stop."""
    if len(text) > MAX_TITLE:
        return True
    sentences = len(SENTENCE_END.findall(text))
    return sentences >= 2 or (text.endswith(".") and len(text.split()) >= 12)


def read(path: str, lines: Iterator[tuple[int, str]]) -> ReadResult:
    """Pair each title paragraph with the abstract paragraph after it, in listing order."""
    result = ReadResult()
    title: Paragraph | None = None
    for para in paragraphs(lines):
        if para.oversized:
            result.problems.append(Problem(path, para.line, f"paragraph is longer than {MAX_PARAGRAPH // 2**20} MiB of text, not a title or abstract; skipped"))
            title = None
            continue
        if is_chrome(para.text):
            continue
        if not is_abstract(para.text):
            if title is not None:
                result.problems.append(_no_abstract(path, title))
            title = para
            continue
        if title is None:
            result.problems.append(
                Problem(path, para.line, f"paragraph {quote(para.text)} has no title before it; skipped")
            )
            continue
        rank = len(result.papers) + 1
        result.papers.append(
            Paper(title=title.text, abstract=para.text, origin=Origin(path, title.line, "the Hugging Face papers page"), rank=rank, sources=(path,))
        )
        title = None
    if title is not None:
        result.problems.append(_no_abstract(path, title))
    return result


def _no_abstract(path: str, title: Paragraph) -> Problem:
    return Problem(path, title.line, f"entry {quote(title.text)} has no abstract; kept the rest of the listing")
