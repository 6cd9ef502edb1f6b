"""When each paper was first and last seen in each listing: seeds/history.json, kept in the repository.

Dates are days. "Today" is SOURCE_DATE_EPOCH when set (reproducible builds), else the local date; a
Hugging Face answer's own date for a paper wins over either. A rebuild on the same day changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path

from generator.errors import ConfigError
from generator.sources.common import describe, iso_date
from generator.merge import title_key
from generator.model import Entry, Paper
from generator.sources import refuse_link_out

FILE = "history.json"


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def key(paper: Paper) -> str:
    return f"arXiv:{paper.arxiv_id}" if paper.arxiv_id else title_key(paper.title)


def load(seeds_dir: Path) -> dict[str, dict[str, list[str]]]:
    path = seeds_dir / FILE
    refuse_link_out(path, seeds_dir)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = {str(k): {str(s): [d[0], d[1]] for s, d in v.items()} for k, v in data["papers"].items()}
    except RecursionError:
        raise ConfigError(f"seeds/{FILE}: nested too deep to be a papershelf history file; fix it or remove it to start afresh") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as err:
        raise ConfigError(f"seeds/{FILE}: not a papershelf history file ({err}); fix it or remove it to start afresh") from None
    _check_days(state)
    return state


def _check_days(state: dict) -> None:
    """History is data printed on pages and compared as text: only real days (YYYY-MM-DD), first not
    after last. Every bad value is named at once; a '<script>' date would otherwise win max() for good."""
    bad = []
    for paper, listings in sorted(state.items()):
        for source, (first, last) in sorted(listings.items()):
            for name, value in (("first seen", first), ("last seen", last)):
                if not isinstance(value, str) or iso_date(value) != value:
                    bad.append(f"seeds/{FILE}: paper {paper!r}, listing {source!r}: {name} is {describe(value)}, not a day (YYYY-MM-DD)")
            if not bad and first > last:
                bad.append(f"seeds/{FILE}: paper {paper!r}, listing {source!r}: first seen {first} is after last seen {last}")
    if bad:
        raise ConfigError("\n".join(bad) + "\nfix these dates or remove the entries; nothing was written")


def update(state: dict, papers: list[Paper], day: str) -> dict:
    """The history with today's sightings: first seen never moves later, last seen never earlier."""
    new = {k: {s: list(d) for s, d in v.items()} for k, v in state.items()}
    for paper in papers:
        dated = dict(paper.seen)
        for source in paper.sources:
            seen = dated.get(source, day)
            first, last = new.setdefault(key(paper), {}).get(source, [seen, seen])
            new[key(paper)][source] = [min(first, seen), max(last, seen)]
    return new


def attach(entries: list[Entry], state: dict) -> list[Entry]:
    return [
        dataclasses.replace(e, history=tuple((s, d[0], d[1]) for s, d in sorted(state.get(key(e.paper), {}).items())))
        for e in entries
    ]


def serialise(state: dict) -> bytes:
    return (json.dumps({"papers": state}, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
