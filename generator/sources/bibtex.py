"""BibTeX from a reference manager, parsed by bibtexparser 2. Authors keep their order."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, String

from generator.model import Origin, Paper
from generator.problems import Problem
from generator.sources import ReadResult
from generator.sources.common import arxiv_id, flat, whole_text

BRACES = re.compile(r"[{}]")
# bibtexparser logs each broken block itself; we report it once, with file and line, as a Problem.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


def _clean(value: str) -> str:
    """BibTeX protects case with braces ({GPU}); readers should not see them. Only for fields that are
    no LaTeX (a DOI): titles, abstracts and names keep their braces for the LaTeX decoding stage
    (generator/latex.py), which reads `\\texttt{Davos}` and `{\\"u}` whole. TeX's escaped characters
    are the characters (real bibliographies write the DOI 10.1007/3-540-49059-0_9 as `...0\\_9`)."""
    return flat(re.sub(r"\\([_%&#$])", r"\1", BRACES.sub("", value)))


def _names(field: str) -> list[str]:
    """The ' and '-separated names of a field, outside braces: {Barnes and Noble} is one name."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", field):
        token = match.group(0)
        if token in "{}":
            depth += 1 if token == "{" else -1
        elif depth == 0:
            names.append(field[start:match.start()])
            start = match.end()
    return names + [field[start:]]


def authors(field: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, str, str], ...]]:
    """'von Last, Jr, First and ...' -> the names to show, ('First von Last Jr', ...), and their BibTeX
    parts, in the order given, split as BibTeX does (bibtexparser's name parser): 'Daumé, III, Hal' is
    Hal Daumé III; "and others" is no name to show but stays among the parts."""
    names, parts = [], []
    for name in _names(flat(field)):
        name = name.strip()
        if not name:
            continue
        if name.lower() == "others":
            parts.append(("", "", "others", ""))
            continue
        try:
            split = parse_single_name_into_parts(name)
        except InvalidNameError:
            names.append(name)  # an unbalanced name: kept as written, the LaTeX stage decodes what it can
            parts.append(("", "", name, ""))
            continue
        names.append(" ".join(split.first + split.von + split.last + split.jr))
        parts.append(tuple(" ".join(words) for words in (split.first, split.von, split.last, split.jr)))
    return tuple(names), tuple(parts)


MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
VENUES = ("journal", "booktitle")


def _published(fields: dict[str, str]) -> str | None:
    """The entry's year, with its month when the entry gives one (month = jan, {January} or 1): ISO 8601."""
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return None
    month = BRACES.sub("", fields.get("month", "")).strip().lower()
    number = MONTHS.get(month[:3]) if month[:3] in MONTHS else int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
    return f"{year}-{number:02d}" if number else year


def _same_string(block) -> bool:
    """A repeated @string that says what the first one said (real bibliographies repeat a few)."""
    again = (block.ignore_error_block.value if block.ignore_error_block else "").strip()
    if again[:1] + again[-1:] in ('""', "{}"):
        again = again[1:-1]
    return isinstance(block.previous_block, String) and flat(again) == flat(block.previous_block.value)


def _failed(path: str, block) -> Problem | None:
    """A block bibtexparser could not take, said as what it is; None for a harmless repeat."""
    line = block.start_line + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = block.previous_block.start_line + 1
        if _same_string(block):
            return None
        if isinstance(block.previous_block, String):
            return Problem(path, line, f"@string {block.key!r} is defined again, first at line {first}; the first definition is used")
        return Problem(path, line, f"duplicate key {block.key!r}, first at line {first}; this entry was skipped")
    if isinstance(block, DuplicateFieldKeyBlock):
        fields = ", ".join(sorted(block.duplicate_keys))
        return Problem(path, line, f"entry {block.ignore_error_block.key!r} gives the field(s) {fields} twice; skipped")
    return Problem(path, line, f"is not a valid BibTeX entry: {flat(block.raw)[:60]!r}; skipped")


SUFFIXES = (".bib",)  # the files this reader takes (generator/sources/__init__.py finds it by them)


def read(path: str, lines: Iterator[tuple[int, str]]) -> ReadResult:
    """Every entry with a title. A bibliography has no order of rank, so its papers have none."""
    result = ReadResult()
    library = bibtexparser.parse_string(whole_text(lines))
    result.problems.extend(filter(None, (_failed(path, block) for block in library.failed_blocks)))
    for entry in library.entries:
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items() if isinstance(field.value, str)}
        title = flat(fields.get("title", ""))
        if not title:
            result.problems.append(Problem(path, entry.start_line + 1, f"entry {entry.key!r} has no title; skipped"))
            continue
        # arXiv ids hide in eprint (with archivePrefix), in the url, or in "journal = {arXiv preprint arXiv:...}".
        candidates = [fields.get("eprint", "")] if fields.get("archiveprefix", "arxiv").lower() == "arxiv" else []
        candidates += [fields.get("url", ""), fields.get("journal", "")]
        found_id = next((arxiv_id(c) for c in candidates if arxiv_id(c)), None)
        venue_field = next((name for name in VENUES if flat(fields.get(name, ""))), None)
        shown_names, name_parts = authors(fields.get("author", ""))
        result.papers.append(
            Paper(
                title=title,
                abstract=flat(fields.get("abstract", "")),
                origin=Origin(path, entry.start_line + 1, "a bibliography"),
                arxiv_id=found_id,
                authors=shown_names,
                name_parts=name_parts,
                published=_published(fields),
                doi=_clean(fields.get("doi", "")) or None,
                venue=flat(fields[venue_field]) if venue_field else None,
                venue_field=venue_field,
                url=_clean(fields.get("url", "")) or None,
                categories=(fields["primaryclass"],) if fields.get("primaryclass") else (),
                sources=(path,),
            )
        )
    return result
