"""papershelf resolve: find on arXiv the papers that came without an id (every paper of a pasted listing).

A listed paper that is one paper with an entry of another seed file that has an id (a pasted Hugging
Face listing and the daily list papershelf fetch hf stored: the same title, abstracts that agree, as the
build merges them) is not asked: it is reported with that id and file.

Each other such title is asked of the arXiv API as a title phrase (ti:"..."). A candidate is accepted only
when its normalised title is the listed one and, where both have an abstract, the abstracts share
most of their words: a different paper of the same name is not this one. Two different papers that
both fit are ambiguous and left for the curator. What is found goes to seeds/resolved.yml (decisions)
and seeds/resolved-arxiv.xml (arXiv's entries), so a rebuild needs no network.

Papers that came with an arXiv id but without arXiv's own entry (every Hugging Face paper) get that
entry too, asked for by id, 100 at a time: its categories are what gives most papers their field
tag (a field follows its arXiv category; from text alone the smaller fields are found for a third to
a half of their papers, docs/about/benchmarks.md), and it brings arXiv's authors and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree

from generator import latex, resolved, sources
from generator.fetch import arxiv as arxiv_api
from generator.merge import combine, different_text, group, title_key
from generator.model import Paper
from generator.net import Settings
from generator.writer import atomic_write

FEED_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n  <title>papershelf resolve: arXiv entries matched to listed titles</title>\n'


@dataclass
class Outcome:
    found: list[tuple[str, str]] = field(default_factory=list)  # (title, arXiv id)
    missing: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    different: list[tuple[str, str]] = field(default_factory=list)  # same title, another abstract
    completed: list[tuple[str, str]] = field(default_factory=list)  # (title, arXiv id): entry added by id
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (title, arXiv id) arXiv did not return
    known: list[tuple[str, str, str]] = field(default_factory=list)  # (title, arXiv id, seed file that has it)
    others: list[tuple[str, int]] = field(default_factory=list)  # (title, n): arXiv listed n papers, none of this title


def _groups(seeds: Path, root: Path) -> list[list[Paper]]:
    """The entries of each paper of seeds/, as the build merges them, with the ids resolved.yml gives."""
    read = sources.read_seeds(seeds, root)
    return group(latex.decode_all(resolved.apply(read.papers, seeds), {}))[0]


def unresolved(papers: list[Paper], decided: dict) -> list[Paper]:
    """The papers that still have no arXiv id, and no decision in resolved.yml."""
    return [p for p in papers if not p.arxiv_id and title_key(p.title) not in decided]


def without_entry(papers: list[Paper]) -> list[Paper]:
    """The papers with an arXiv id but none of arXiv's own data (an entry always has its categories)."""
    return [p for p in papers if p.arxiv_id and not p.categories]


def known(groups: list[list[Paper]], decided: dict) -> list[tuple[str, str, str]]:
    """Entries without an id that the build makes one paper with an entry that has one (a pasted Hugging Face
    listing and the daily list fetched): (title, arXiv id, the file of that entry)."""
    found: dict[tuple[str, str], str] = {}
    for members in groups:
        with_id = next((p for p in members if p.arxiv_id), None)
        for paper in members if with_id else ():
            if not paper.arxiv_id and title_key(paper.title) not in decided:
                found.setdefault((paper.title, with_id.arxiv_id), with_id.origin.path)
    return [(title, arxiv_id, path) for (title, arxiv_id), path in found.items()]


def query(title: str) -> str:
    """arXiv's title phrase search, on the title's words (its punctuation confuses the query parser)."""
    words = re.findall(r"\w+", title)
    return f'ti:"{" ".join(words)}"'


def resolve(seeds: Path, root: Path, today: str, settings: Settings | None = None) -> Outcome:
    groups, decided = _groups(seeds, root), resolved.load(seeds)
    papers = [combine(members)[0] for members in groups]
    outcome = Outcome(known=known(groups, decided))
    todo, by_id = unresolved(papers, decided), without_entry(papers)
    if not todo and not by_id:
        return outcome
    http = arxiv_api.client(settings)
    entries: dict[str, str] = _by_id(http, by_id, outcome)
    decisions = []
    for paper in todo:
        body = arxiv_api._get(http, {"search_query": query(paper.title), "start": 0, "max_results": 10})
        matched, same_title, listed = _candidates(body, paper)
        ids = tuple(dict.fromkeys(i for i, _ in matched))
        if len(ids) == 1:
            entries[ids[0]] = matched[0][1]
            how = "title and abstract" if paper.abstract else "title"
            decisions.append({"title": paper.title, "arxiv": ids[0], "matched": how, "on": today})
            outcome.found.append((paper.title, ids[0]))
        elif len(ids) > 1:
            outcome.ambiguous.append((paper.title, ids))
        elif same_title:
            outcome.different.append((paper.title, same_title[0]))
        elif listed:  # arXiv's phrase search lists papers whose titles hold these words: none is this one
            outcome.others.append((paper.title, listed))
        else:
            outcome.missing.append(paper.title)
    if entries:  # the feed first: a decision without its entry would show a bare id until the next run
        _save_feed(seeds, entries)
    if decisions:
        resolved.append(seeds, decisions)
    return outcome


def _by_id(http, papers: list[Paper], outcome: Outcome) -> dict[str, str]:  # noqa: ANN001 (net.Client)
    """arXiv's entries of papers known by id, asked for 100 ids a request (arXiv's interval applies)."""
    wanted = {p.arxiv_id: p.title for p in papers}
    ids = sorted(wanted)
    entries: dict[str, str] = {}
    for start in range(0, len(ids), arxiv_api.PAGE):
        batch = ids[start : start + arxiv_api.PAGE]
        body = arxiv_api._get(http, {"id_list": ",".join(batch), "start": 0, "max_results": len(batch)})
        for text in arxiv_api.ENTRY.findall(body):
            found = arxiv_api.reader.read("answer", enumerate(_wrap(text).splitlines(), start=1)).papers
            if found and found[0].arxiv_id in wanted:
                entries[found[0].arxiv_id] = text.strip()
    outcome.completed = [(wanted[i], i) for i in ids if i in entries]
    outcome.unknown = [(wanted[i], i) for i in ids if i not in entries]
    return entries


def _candidates(body: str, paper: Paper) -> tuple[list[tuple[str, str]], list[str], int]:
    """(id, entry XML) of each entry that is this paper; ids with the same title but other abstracts; how many
    papers the answer lists."""
    matched, same_title, listed = [], [], 0
    for text in arxiv_api.ENTRY.findall(body):
        found = arxiv_api.reader.read("answer", enumerate(_wrap(text).splitlines(), start=1)).papers
        if not found or not found[0].arxiv_id:
            continue
        listed += 1
        candidate = latex.decode_all(found, {})[0]
        if title_key(candidate.title) != title_key(paper.title):
            continue
        if paper.abstract and candidate.abstract and different_text(paper.abstract, candidate.abstract):
            same_title.append(candidate.arxiv_id)
            continue
        matched.append((candidate.arxiv_id, text.strip()))
    return matched, same_title, listed


def _wrap(entry: str) -> str:
    return FEED_HEAD + entry + "\n</feed>\n"


def _save_feed(seeds: Path, new: dict[str, str]) -> None:
    """seeds/resolved-arxiv.xml with the entries it had plus the new ones, each as arXiv sent it."""
    path = seeds / resolved.FEED
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept = {}
    for text in arxiv_api.ENTRY.findall(old):
        found = arxiv_api.reader.read("old", enumerate(_wrap(text).splitlines(), start=1)).papers
        if found and found[0].arxiv_id:
            kept[found[0].arxiv_id] = text.strip()
    kept.update(new)
    body = FEED_HEAD + "".join(f"  {text}\n" for _, text in sorted(kept.items())) + "</feed>\n"
    ElementTree.fromstring(body)  # what is written must read back
    atomic_write(path, body.encode("utf-8"))
