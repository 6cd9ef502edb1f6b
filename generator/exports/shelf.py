"""The reader's shelf (#19): the data "My shelf" needs, and its page. The shelf itself lives in the
reader's browser (theme/assets/shelf.js); the site only says, per paper, what the build knows.

api/shelf/K.json holds, for the papers whose slug hashes to K, their title, tags, date, BibTeX and
related papers (slug and title, as the paper page lists them). A reader's browser fetches only the
shards of papers on its shelf: SHARD_PAPERS papers a shard, so a visit of "My shelf" costs a few
kilobytes per saved paper whatever the size of the site (10k or 100k papers alike). The hash is
FNV-1a of the slug, which shelf.js computes the same way.
"""

from __future__ import annotations

import math

from generator.outputs import Site, as_json, first_seen

SHARD_PAPERS = 32


def fnv1a(text: str) -> int:
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_count(papers: int) -> int:
    return max(1, math.ceil(papers / SHARD_PAPERS))


PAGE = """---
title: My shelf
description: The papers you saved in this browser, your notes, and papers related to them.
---

# My shelf

<div id="ps-shelf" class="ps-shelf" data-shards="{shards}" markdown="0">
<p class="ps-shelf__empty">Your shelf needs JavaScript: the papers you save are kept in this browser only, never sent anywhere.</p>
</div>
"""


def files(site: Site) -> dict[str, str]:
    count = shard_count(len(site.entries))
    shards: list[dict] = [{} for _ in range(count)]
    for entry in site.entries:
        record = {
            "t": entry.paper.title,
            "g": [match.tag.name for match in entry.tags],
            "r": [[other.slug, other.title] for other in entry.related],
            "b": site.bibs.get(entry.slug, "").strip(),
        }
        day = first_seen(entry)
        if day:
            record["d"] = day
        shards[fnv1a(entry.slug) % count][entry.slug] = record
    made = {f"api/shelf/{number}.json": as_json(shard) for number, shard in enumerate(shards)}
    made["shelf/index.md"] = PAGE.format(shards=count)
    return made
