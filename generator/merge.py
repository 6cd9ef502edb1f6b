"""Merge the papers of all sources: the same paper listed twice becomes one."""

from __future__ import annotations

from generator.model import Paper
from generator.problems import Problem, quote


def merge(papers: list[Paper]) -> tuple[list[Paper], list[Problem]]:
    """Drop repeats of a paper (same title and abstract), keeping the first place it was listed.

    Two different papers that share a title are both kept: they get different slugs later.
    """
    kept: dict[tuple[str, str], Paper] = {}
    problems = []
    for paper in papers:
        first = kept.get(paper.identity)
        if first is None:
            kept[paper.identity] = paper
            continue
        problems.append(
            Problem(
                paper.origin.path,
                paper.origin.line,
                f"entry {quote(paper.title)} repeats the paper at {first.origin}; listed once",
                "note",
            )
        )
    return list(kept.values()), problems
