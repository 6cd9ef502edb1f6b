"""The text of a Hugging Face trending/daily papers page: page chrome, then title and abstract paragraphs.

Titles and abstracts are told apart by their shape (length, sentences), never by counting lines, so a
lost abstract, a wrapped abstract or an extra blank line does not shift the pairing of later entries.
Paragraphs are split line by line too, because some browsers copy the page without blank lines (issue #21):
a title line is short, without a final full stop, after a finished sentence, and title-cased or followed
by a line as long as a whole abstract; a hard-wrapped abstract's lines are none of these.
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
# The heading a Hugging Face page prints above its papers, as a reader is told the listing's name.
HEADINGS = {"daily papers": "Hugging Face Daily Papers", "trending papers": "Hugging Face Trending Papers"}
DATE = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?$")
COUNT = re.compile(r"^[\d.,]+[kKmM]?$")
SENTENCE_END = re.compile(r"[.!?](?:\s+|$)(?=[A-Z0-9(\"']|$)")
MAX_TITLE = 400  # characters: longer paragraphs are abstracts, whatever their shape


MAX_PARAGRAPH = 2**20  # characters; a longer "paragraph" is not a paper and is not kept
LONG_LINE = 160  # characters: longer than any hard wrap, so a line this long is text copied as shown
SENTENCE_DONE = re.compile(r"[.!?][)\]\"']*$")
OPEN_END = re.compile(r"[.,;:(\[\-\u2013\u2014]$")  # a line ending so goes on: not a whole title
WORD = re.compile(r"[^\W\d_][\w'-]*")
# Words that carry no topic and that title case leaves in lower case.
SMALL_WORDS = frozenset("a an and are as at be but by for from in into is it its nor of on or our the to via vs we with".split())


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str
    oversized: bool = False
    lines: tuple[tuple[int, str], ...] = ()  # its stripped lines, to split a listing copied without blank lines


def paragraphs(lines: Iterator[tuple[int, str]]) -> Iterator[Paragraph]:
    """Group lines into paragraphs (blank lines between); a wrapped paragraph becomes one line."""
    start, parts, size = 0, [], 0
    for number, line in lines:
        stripped = line.strip()
        if stripped:
            if not parts:
                start, size = number, 0
            size += len(stripped)
            parts = parts if size <= MAX_PARAGRAPH else [(number, "")]  # keep counting, stop keeping
            parts.append((number, stripped if size <= MAX_PARAGRAPH else ""))
        elif parts:
            yield _paragraph(start, parts, size)
            parts = []
    if parts:
        yield _paragraph(start, parts, size)


def _paragraph(start: int, parts: list[tuple[int, str]], size: int) -> Paragraph:
    if size > MAX_PARAGRAPH:
        return Paragraph(start, "", True)
    return Paragraph(start, " ".join(text for _, text in parts), False, tuple(parts))


def entries(para: Paragraph) -> Iterator[Paragraph]:
    """A paragraph split where a line is chrome, a title, or the first line after a title."""
    if para.oversized or len(para.lines) < 2:
        yield para
        return
    texts = [text for _, text in para.lines]
    titles = _title_lines(texts)
    start = 0
    for i in range(1, len(texts)):
        if titles[i] or titles[i - 1] or is_chrome(texts[i]) or is_chrome(texts[i - 1]):
            yield _joined(para.lines[start:i])
            start = i
    yield _joined(para.lines[start:])


def _joined(lines: tuple[tuple[int, str], ...]) -> Paragraph:
    return Paragraph(lines[0][0], " ".join(text for _, text in lines), False, lines)


def _title_lines(texts: list[str]) -> list[bool]:
    """Which lines of a paragraph are whole titles; each depends on the line before being one."""
    marks: list[bool] = []
    for i, text in enumerate(texts):
        before = texts[i - 1] if i else None
        after = texts[i + 1] if i + 1 < len(texts) else None
        ended = before is None or marks[-1] or is_chrome(before) or _finished(before)
        marks.append(ended and _title_shaped(text) and _title_evidence(text, before, after))
    return marks


def _finished(line: str) -> bool:
    """The line ends a sentence, or is a whole abstract (one may end in a bare address)."""
    return bool(SENTENCE_DONE.search(line)) or (len(line) > LONG_LINE and is_abstract(line))


def _title_shaped(text: str) -> bool:
    """Short, at most one sentence, not ending as a wrapped sentence does, not starting in lower case."""
    first = text.split()[0]
    return not is_abstract(text) and not OPEN_END.search(text) and first != first.lower()


def _title_evidence(text: str, before: str | None, after: str | None) -> bool:
    """A title-cased line before a new sentence, or any title shape beside a whole abstract on one line."""
    whole = lambda line: line is not None and len(line) > LONG_LINE and is_abstract(line)  # noqa: E731
    if whole(after) or (after is None and whole(before)):
        return True
    return _title_cased(text) and (after is None or after[0].isupper() or after[0].isdigit())


def _title_cased(text: str) -> bool:
    """Every word but the small ones starts in upper case (or has a capital, as "xLSTM" has)."""
    words = [w for w in WORD.findall(text) if w.casefold() not in SMALL_WORDS]
    return len(words) >= 2 and all(w != w.lower() for w in words)


def is_chrome(text: str) -> bool:
    return text.casefold() in CHROME or bool(DATE.match(text)) or bool(COUNT.match(text))


def is_abstract(text: str) -> bool:
    """An abstract is long or has sentences; a title is short and at most one sentence without a full stop."""
    if len(text) > MAX_TITLE:
        return True
    sentences = len(SENTENCE_END.findall(text))
    return sentences >= 2 or (text.endswith(".") and len(text.split()) >= 12)


SUFFIXES = (".txt",)  # the files this reader takes (generator/sources/__init__.py finds it by them)


def read(path: str, lines: Iterator[tuple[int, str]]) -> ReadResult:
    """Pair each abstract with the title before it that it belongs to, in listing order."""
    result = ReadResult()
    titles: list[Paragraph] = []  # titles since the last abstract: more than one means an abstract was lost
    seen = False
    heading, day = None, None
    for para in (entry for para in paragraphs(lines) for entry in entries(para)):
        seen = True
        if not result.papers and is_chrome(para.text):  # the page's own heading and day, above its papers
            heading = heading or HEADINGS.get(para.text.casefold())
            day = day or (para.text if DATE.match(para.text) else None)
        if para.oversized:
            result.problems.append(Problem(path, para.line, f"paragraph is longer than {MAX_PARAGRAPH // 2**20} MiB of text, not a title or abstract; skipped"))
            result.problems.extend(_no_abstract(path, title) for title in titles)
            titles = []
        elif is_chrome(para.text):
            continue
        elif not is_abstract(para.text):
            titles.append(para)
        elif not titles:
            result.problems.append(Problem(path, para.line, f"paragraph {quote(para.text)} has no title before it; skipped"))
        else:
            owner = titles.pop(_owner(titles, para.text))
            result.problems.extend(_no_abstract(path, title) for title in titles)
            titles = []
            result.papers.append(_paper(path, owner, para, len(result.papers) + 1))
    result.problems.extend(_no_abstract(path, title) for title in titles)
    result.names[path] = ", ".join(part for part in (heading or "the Hugging Face papers page", day) if part)
    if seen and not result.papers:  # a listing is read to list papers: none is a failure, not a quiet empty site
        result.problems.append(Problem(path, 0, "no paper found (no title followed by its abstract); the site lists nothing from this file", "error"))
    return result


def _paper(path: str, title: Paragraph, abstract: Paragraph, rank: int) -> Paper:
    origin = Origin(path, title.line, "the Hugging Face papers page")
    return Paper(title=title.text, abstract=abstract.text, origin=origin, rank=rank, ranked_by=path, sources=(path,))


def _owner(titles: list[Paragraph], abstract: str) -> int:
    """Which of the titles before an abstract it belongs to: the nearest, unless an earlier one clearly names it.

    The nearest is right when the lost abstract is an earlier paper's; but a title shares its topic's words with
    its own abstract, so an earlier title sharing two words more than the nearest means the nearest lost its own.
    """
    words = _topic_words(abstract)
    shared = [len(_topic_words(title.text) & words) for title in titles]
    best = max(range(len(titles)), key=lambda i: (shared[i], i))  # ties go to the nearest
    return best if shared[best] >= shared[-1] + 2 else len(titles) - 1


def _topic_words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold()) if word not in SMALL_WORDS}


def _no_abstract(path: str, title: Paragraph) -> Problem:
    return Problem(path, title.line, f"entry {quote(title.text)} has no abstract; kept the rest of the listing")
