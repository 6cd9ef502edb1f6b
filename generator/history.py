"""When each paper was first and last seen in each listing: seeds/history.json, kept in the repository.

Dates are days. A source's own date for a paper (a Hugging Face answer's publishedAt) wins. A listing
without dates is dated by when its content last changed: history.json keeps a digest of each listing's
papers, so rebuilding an unchanged listing on later days moves neither "new" nor "last seen" (#16).
"Today" is SOURCE_DATE_EPOCH when set (reproducible builds), else the local date.

History is state, not input: the daily workflow commits it back (.github/workflows/deploy.yml).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ConfigError
from generator.sources.common import describe, iso_date
from generator.merge import title_key
from generator.model import Entry, Paper
from generator.sources import refuse_link_out

FILE = "history.json"


@dataclass
class History:
    papers: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # paper key -> listing -> [first, last]
    listings: dict[str, dict[str, str]] = field(default_factory=dict)  # listing -> {"digest", "since"}

    def __bool__(self) -> bool:
        return bool(self.papers)


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def key(paper: Paper) -> str:
    return f"arXiv:{paper.arxiv_id}" if paper.arxiv_id else title_key(paper.title)


def load(seeds_dir: Path) -> History:
    path = seeds_dir / FILE
    refuse_link_out(path, seeds_dir)
    if not path.is_file():
        return History()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = {str(k): {str(s): [d[0], d[1]] for s, d in v.items()} for k, v in data["papers"].items()}
        listings = {str(s): {"digest": str(v["digest"]), "since": v["since"]} for s, v in data.get("listings", {}).items()}
    except RecursionError:
        raise ConfigError(f"seeds/{FILE}: nested too deep to be a papershelf history file; fix it or remove it to start afresh") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as err:
        raise ConfigError(f"seeds/{FILE}: not a papershelf history file ({err}); fix it or remove it to start afresh") from None
    _check_days(state)
    bad = [s for s, v in sorted(listings.items()) if not isinstance(v["since"], str) or iso_date(v["since"]) != v["since"]]
    if bad:
        raise ConfigError(f"seeds/{FILE}: listing {bad[0]!r}: since is {describe(listings[bad[0]]['since'])}, not a day (YYYY-MM-DD); fix it or remove the entry")
    return History(state, listings)


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


def update(state: History, papers: list[Paper], day: str) -> History:
    """The history with today's sightings: first seen never moves later, last seen never earlier."""
    new = {k: {s: list(d) for s, d in v.items()} for k, v in state.papers.items()}
    listings = {s: dict(v) for s, v in state.listings.items()}
    days = {}
    for source, digest in _digests(papers).items():
        if listings.get(source, {}).get("digest") != digest:
            listings[source] = {"digest": digest, "since": day}
        days[source] = listings[source]["since"]
    for paper in papers:
        dated = dict(paper.seen)
        for source in paper.sources:
            seen = dated.get(source, days.get(source, day))
            first, last = new.setdefault(key(paper), {}).get(source, [seen, seen])
            new[key(paper)][source] = [min(first, seen), max(last, seen)]
    return History(new, listings)


def _digests(papers: list[Paper]) -> dict[str, str]:
    """Each listing's content as the build read it (its papers' titles and abstracts, in order)."""
    hashes: dict[str, "hashlib._Hash"] = {}
    for paper in papers:
        for source in paper.sources:
            hashes.setdefault(source, hashlib.sha256()).update("\x1f".join((*paper.identity, "\x1e")).encode("utf-8"))
    return {source: h.hexdigest()[:16] for source, h in hashes.items()}


def attach(entries: list[Entry], state: History) -> list[Entry]:
    return [
        dataclasses.replace(e, history=tuple((s, d[0], d[1]) for s, d in sorted(state.papers.get(key(e.paper), {}).items())))
        for e in entries
    ]


def serialise(state: History) -> bytes:
    data = {"papers": state.papers, "listings": state.listings}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
