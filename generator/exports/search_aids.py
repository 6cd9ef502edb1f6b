"""What the search box needs besides Pagefind's index (theme/assets/search.js), each small and fetched
only when it is used:

- search/vocabulary.json: the words a typo is corrected against (fetched when a query finds nothing);
- search/common.json: the words too common to rank by (fetched with the engine): a word in most
  papers weighs almost nothing in a score, yet Pagefind reads and sorts every one of its pages
  (~250 ms each for "the", "for", "models" at 10k papers, measured), so a query of several words
  leaves them out unless it has no other;
- search/tags.json: the tag menu (name and count), which from Pagefind would cost its filter index;
- search/tags/SLUG.json: a tag's first papers, shown when a tag is picked and no word typed.
  Pagefind's answer to a filter with no words reads every chunk of the index (6.1 MB at 10k
  papers, measured); this is the tag listing's own first page, in its order.
"""

from __future__ import annotations

import re
from collections import Counter

from generator import search
from generator.model import Entry, by_tag
from generator.outputs import Site, as_json

COMMON_SHARE = 0.75  # a word in more than this share of papers is common
FIRST_PAPERS = 10  # what the search box shows of a tag (search.js: MAX_RESULTS)
WORD = re.compile(r"[a-z0-9]+")  # as a query word reaches the list: lowercased, split at anything else


def common_words(entries: list[Entry]) -> list[str]:
    """Words (exactly as spelt, lowercased) in the title or abstract of more than COMMON_SHARE of the papers.

    Exact spellings, not Pagefind's stems: a stem is in at least as many papers as any of its
    spellings, so every word listed is common to Pagefind too.
    """
    seen: Counter[str] = Counter()
    for entry in entries:
        seen.update(set(WORD.findall(f"{entry.paper.title} {entry.paper.abstract}".lower())))
    return sorted(word for word, count in seen.items() if count > COMMON_SHARE * len(entries))


def _paper(entry: Entry) -> dict:
    return {"t": entry.paper.title, "u": f"papers/{entry.slug}/", "g": [m.tag.name for m in entry.tags], "s": entry.summary}


def files(site: Site) -> dict[str, str]:
    grouped = by_tag(site.entries)
    tags = [tag for tag in site.taxonomy.tags if grouped.get(tag.slug)]
    made = {
        "search/vocabulary.json": as_json({"words": search.vocabulary(site.entries)}),
        "search/common.json": as_json({"words": common_words(site.entries)}),
        "search/tags.json": as_json({"tags": [{"name": t.name, "slug": t.slug, "count": len(grouped[t.slug])} for t in tags]}),
    }
    for tag in tags:
        tagged = grouped[tag.slug]
        made[f"search/tags/{tag.slug}.json"] = as_json({"count": len(tagged), "url": f"tags/{tag.slug}/", "papers": [_paper(e) for e in tagged[:FIRST_PAPERS]]})
    return made
