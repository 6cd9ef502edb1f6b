"""Short names from titles (GPSFormer, Mega-TTS) and acronyms defined in abstracts ("... (ASD)")."""

from __future__ import annotations

import re

# "Name: rest" or "Name -- rest"; a name is one to three words, one of them looking like a coined name.
TITLE_NAME = re.compile(r"^(?P<name>[^:]{2,40}?)\s*(?::|\s--\s|\s—\s)\s*\S")
COINED_PART = re.compile(r"[A-Z].*[A-Z]|\d|\+")  # GPSFormer, TTS, GPT4, C++; not Long-Range
# "(ABBR)" with at least one capital after the first letter; the words before it are looked at separately
# (a regex with the words in it backtracks badly on long abstracts).
DEFINED = re.compile(r"\((?P<short>[A-Za-z][A-Za-z0-9+-]*[A-Z][A-Za-z0-9+-]*)s?\)")
WORD = re.compile(r"[\w'’-]+")
MAX_WORDS = 8
STOP = frozenset("a an the of for and in on to with via by from at as is are we our its".split())


def short_name(title: str) -> str | None:
    """The method name a title leads with, if it coins one ("LoCoNet: ..." -> "LoCoNet")."""
    match = TITLE_NAME.match(title)
    if not match:
        return None
    name = match.group("name").strip()
    words = name.split()
    # One word before the colon is a name (Titans, Chimera); longer heads must coin one.
    if len(words) > 3 or (len(words) > 1 and not any(_coined(word) for word in words)):
        return None
    return name


def _coined(word: str) -> bool:
    return any(COINED_PART.search(part) for part in word.split("-"))


def _initials_fit(short: str, words: list[str]) -> bool:
    """The expansion starts with the acronym's first letter and holds its capitals in order."""
    first = words[0]
    if first.lower() in STOP or first[0].lower() != short[0].lower():
        return False
    letters = [c.lower() for c in short if c.isupper()]
    text = "".join(words).lower()
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def acronyms(abstract: str) -> tuple[tuple[str, str], ...]:
    """Acronyms defined as "Long Form (LF)", each once, with the shortest expansion that fits."""
    found: dict[str, str] = {}
    for match in DEFINED.finditer(abstract):
        short = match.group("short")
        before = abstract[max(0, match.start() - 200) : match.start()]
        if before and not before[-1].isspace():
            continue
        words = WORD.findall(before.split(".")[-1].split(",")[-1].split(";")[-1])[-MAX_WORDS:]
        if not words:
            continue
        for start in reversed(range(len(words))):  # shortest expansion first
            candidate = words[start:]
            if _initials_fit(short, candidate):
                found.setdefault(short, " ".join(candidate))
                break
    return tuple(found.items())
