"""Merge the papers of all sources: the same paper from several sources becomes one.

Papers are matched by arXiv id, then by normalised title. Two entries with the same title but
different abstracts and no id to tie them are different papers (a listing can hold both). Richer
fields win: each field takes the first non-empty value in source order; a real disagreement (two
different arXiv ids for one title, say) is reported.
"""

from __future__ import annotations

import dataclasses
import re

from generator.model import Paper
from generator.problems import Problem, quote

MERGED = ("arxiv_id", "published", "upvotes", "upvotes_read", "listed", "comments", "hf_summary", "organization", "repository", "stars", "project_page", "doi", "venue", "venue_field", "url", "rank", "ranked_by")
CONFLICTS = ("arxiv_id", "doi")


def title_key(title: str) -> str:
    """A title reduced to its letters and digits, case-folded: punctuation and spacing do not split papers."""
    return re.sub(r"[\W_]+", "", title.casefold())


def merge(papers: list[Paper]) -> tuple[list[Paper], list[Problem]]:
    """One paper per paper, in the order each was first listed; problems say what was merged or dropped."""
    groups, problems = group(papers)
    merged = []
    for members in groups:
        # A paper without an abstract (most entries of a reference manager's bibliography) keeps its page:
        # title, authors, venue, year and links, and "No abstract in the source" (#15).
        paper, conflicts = combine(members)
        problems.extend(conflicts)
        merged.append(paper)
    return merged, problems


def group(papers: list[Paper]) -> tuple[list[list[Paper]], list[Problem]]:
    """The entries of each paper, in the order each paper was first listed; notes on entries listed twice."""
    groups: list[list[Paper]] = []
    by_id: dict[str, int] = {}
    by_title: dict[str, list[int]] = {}
    problems: list[Problem] = []
    for paper in papers:
        index = _match(paper, groups, by_id, by_title)
        if index is None:
            groups.append([paper])
            index = len(groups) - 1
        else:
            first = groups[index][0]
            if first.sources == paper.sources and first.identity == paper.identity:
                problems.append(Problem(paper.origin.path, paper.origin.line, f"entry {quote(paper.title)} repeats the paper at {first.origin}; listed once", "note"))
            groups[index].append(paper)
        if paper.arxiv_id:
            by_id.setdefault(paper.arxiv_id, index)
        by_title.setdefault(title_key(paper.title), []).append(index)
    return groups, problems


def _match(paper: Paper, groups, by_id, by_title) -> int | None:
    if paper.arxiv_id and paper.arxiv_id in by_id:
        return by_id[paper.arxiv_id]
    for index in by_title.get(title_key(paper.title), []):
        other = groups[index][0]
        ids_differ = paper.arxiv_id and any(p.arxiv_id and p.arxiv_id != paper.arxiv_id for p in groups[index])
        if ids_differ:
            continue
        same_source = any(p.sources == paper.sources for p in groups[index])
        # Within one source, a same-title entry is the same paper only if its abstract is the same too.
        if same_source and not any(p.identity == paper.identity for p in groups[index]):
            continue
        if paper.abstract and other.abstract and not same_source and different_text(paper.abstract, other.abstract):
            continue
        return index
    return None


def different_text(a: str, b: str) -> bool:
    """Abstracts of one paper from two sources differ in wrapping and small edits, not in content."""
    words_a, words_b = set(a.casefold().split()), set(b.casefold().split())
    return len(words_a & words_b) < 0.5 * min(len(words_a), len(words_b))


def combine(group: list[Paper]) -> tuple[Paper, list[Problem]]:
    """The entries of one paper as one: each field from the first entry that has it; disagreements named."""
    first = group[0]
    changes: dict = {}
    problems = []
    for name in MERGED:
        values = [getattr(p, name) for p in group if getattr(p, name) not in (None, "", ())]
        if values:
            changes[name] = values[0]
        if name in CONFLICTS and len(set(values)) > 1:
            problems.append(Problem(first.origin.path, first.origin.line, f"entry {quote(first.title)}: sources disagree on {name} ({', '.join(sorted(set(map(str, values))))}); kept {values[0]}"))
    longest = max(group, key=lambda p: len(p.abstract))
    changes["abstract"], changes["abstract_rich"] = longest.abstract, longest.abstract_rich
    named = next((p for p in group if p.authors), None)
    changes["authors"], changes["name_parts"] = (named.authors, named.name_parts) if named else ((), ())
    changes["categories"] = next((p.categories for p in group if p.categories), ())
    changes["hf_keywords"] = next((p.hf_keywords for p in group if p.hf_keywords), ())
    changes["on_hub"] = next((p.on_hub for p in group if p.on_hub), ())
    changes["sources"] = tuple(dict.fromkeys(s for p in group for s in p.sources))
    changes["seen"] = tuple(dict.fromkeys(pair for p in group for pair in p.seen))
    return dataclasses.replace(first, **changes), problems
