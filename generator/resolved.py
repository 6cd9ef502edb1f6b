"""seeds/resolved.yml: the arXiv paper found for each listed title that had no id (papershelf resolve).

    # Written by papershelf resolve. ...
    papers:
    - title: "GPSFormer: A Global Perception and Local Structure Fitting-based Transformer for ..."
      arxiv: "2407.13519"      # yours to correct; null says "not on arXiv"
      matched: title and abstract
      on: 2026-12-02

The curator's file: resolve only appends entries for titles it does not hold, and never rewrites one.
The build gives each listed paper without an id the id written here (so it merges with the arXiv entry
stored in seeds/resolved-arxiv.xml), and leaves out of that feed every entry no title here accepts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import ConfigError
from generator.merge import title_key
from generator.model import Paper
from generator.sources import refuse_link_out
from generator.sources.common import ARXIV_ID, describe

FILE = "resolved.yml"
FEED = "resolved-arxiv.xml"
HEADER = """\
# Written by `papershelf resolve`: the arXiv paper found for each listed title that had no arXiv id,
# matched only when the titles agree (and the abstracts, where both have one). This file is yours:
# correct an id, or write `arxiv: null` for a paper that is not on arXiv. resolve never changes an
# entry that is here; it only appends entries for new titles. The arXiv entries themselves are kept
# in resolved-arxiv.xml, as arXiv sent them.
papers:
"""


@dataclass(frozen=True)
class Decision:
    title: str
    arxiv: str | None  # None: the curator (or resolve) says this title is not on arXiv
    line: int


def load(seeds: Path) -> dict[str, Decision]:
    """The decisions by normalised title; every mistake in the file is named with its line at once."""
    path = seeds / FILE
    refuse_link_out(path, seeds)
    if not path.is_file():
        return {}
    shown = f"seeds/{FILE}"
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as err:
        raise ConfigError(f"{shown}: not valid YAML: {err}") from None
    except RecursionError:
        raise ConfigError(f"{shown}: nested too deep to be a resolve file") from None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if root is not None else None
    papers = data.get("papers") if isinstance(data, dict) else None
    if root is None or papers is None:
        return {}
    if not isinstance(papers, list):
        raise ConfigError(f'{shown}: expected "papers:" followed by a list of entries with title and arxiv')
    items = next(value for key, value in root.value if key.value == "papers").value
    errors, decisions = [], {}
    for node, item in zip(items, papers):
        line = node.start_mark.line + 1
        if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not item["title"].strip():
            errors.append(f"{shown}:{line}: an entry needs a title (text) and arxiv (an id, or null)")
            continue
        raw = item.get("arxiv")
        if raw is not None and not (isinstance(raw, (str, float, int)) and ARXIV_ID.fullmatch(str(raw).strip())):
            errors.append(f"{shown}:{line}: {item['title']!r}: arxiv is {describe(raw)}, not an arXiv id (like \"2501.00663\") or null")
            continue
        key = title_key(item["title"])
        if key in decisions:
            errors.append(f"{shown}:{line}: {item['title']!r} is already resolved at line {decisions[key].line}; keep one")
            continue
        decisions[key] = Decision(item["title"], None if raw is None else str(raw).strip(), line)
    if errors:
        raise ConfigError("\n".join(errors))
    return decisions


def apply(papers: list[Paper], seeds: Path) -> list[Paper]:
    """Listed papers get their resolved ids; the resolved feed keeps only the entries a seed asks for."""
    decisions = load(seeds)
    # An entry is kept when a title was resolved to it, or when a paper of the seeds carries its id
    # (papershelf resolve added it by id): an entry no seed asks for any more is not a paper of the site.
    accepted = {d.arxiv for d in decisions.values() if d.arxiv}
    accepted |= {p.arxiv_id for p in papers if p.arxiv_id and p.origin.path.rsplit("/", 1)[-1] != FEED}
    kept = []
    for paper in papers:
        if paper.origin.path.rsplit("/", 1)[-1] == FEED:
            if paper.arxiv_id in accepted:
                kept.append(paper)
            continue
        decision = decisions.get(title_key(paper.title)) if not paper.arxiv_id else None
        kept.append(dataclasses.replace(paper, arxiv_id=decision.arxiv) if decision and decision.arxiv else paper)
    return kept


def append(seeds: Path, entries: list[dict]) -> None:
    """Add entries at the end of the file, leaving every byte of what is there (comments too) alone."""
    from generator.writer import atomic_write

    path = seeds / FILE
    old = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    if not old.endswith("\n"):
        old += "\n"
    text = "".join(yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=1000) for entry in entries)
    atomic_write(path, (old + text).encode("utf-8"))
