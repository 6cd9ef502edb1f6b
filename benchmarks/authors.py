"""What author pages (#19) cost at scale: N synthetic papers as Hugging Face daily-papers answers whose
author lists come from synthetic.authors (some authors on many papers, most on one), built whole.

    python benchmarks/authors.py 10000
    python benchmarks/authors.py 100000 --export-only   # the export alone, on entries made here

Prints one JSON object: authors, the shards of api/authors/ (files, bytes raw and gzipped, the
largest), the author feeds, the bytes the name links add to paper pages, the site's growth, and the
export's own time (generator/exports/authors.py, timed inside the build: wall and CPU seconds).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from archive import daily_answer, project  # noqa: E402
from run import ENV  # noqa: E402
from synthetic import authors  # noqa: E402

LINK = re.compile(rb'<a href="[./]*authors/\?a=[a-z0-9-]+">')


def answer(count: int) -> list[dict]:
    items = daily_answer(count)
    for index, item in enumerate(items):
        item["paper"]["authors"] = [{"name": name} for name in authors(index, count)]
    return items


def folder_stats(folder: Path) -> tuple[int, int, int, int]:
    """Files, bytes, gzipped bytes (each file alone, as a server sends it) and the largest file's bytes."""
    sizes = [(len(data), len(gzip.compress(data, 6))) for data in (p.read_bytes() for p in folder.rglob("*") if p.is_file())]
    return len(sizes), sum(s for s, _ in sizes), sum(g for _, g in sizes), max((s for s, _ in sizes), default=0)


def link_bytes(papers: Path) -> tuple[int, int]:
    """Bytes the name links add to paper pages (their <a href> and </a>), in all and on the page with most."""
    added = [len(LINK.findall(data)) * 4 + sum(len(m) for m in LINK.findall(data)) for data in (p.read_bytes() for p in papers.glob("*/index.html"))]
    return sum(added), max(added, default=0)


def export_only(count: int) -> dict:
    """The export alone at any size: entries straight from the synthetic titles and author lists
    (no tags: the shards lack the tag names a build gives them), one Daily Papers day per 50 papers."""
    import datetime as dt
    import resource

    from archive import FIRST_DAY, PER_DAY
    from generator.exports import authors as export
    from generator.model import Entry, Origin, Paper
    from generator.outputs import Site
    from generator.slugs import assign
    from synthetic import paper

    made = [paper(index) for index in range(count)]
    slugs = assign(made)
    entries = []
    for index, ((title, abstract), slug) in enumerate(zip(made, slugs)):
        day = (FIRST_DAY + dt.timedelta(days=index // PER_DAY)).isoformat()
        item = Paper(title=title, abstract=abstract, origin=Origin("seeds/hf.json", index + 1), authors=tuple(authors(index, count)), listed=day)
        entries.append(Entry(item, slug, summary=abstract.split(". ")[0] + ".", history=(("seeds/hf.json", day, day),)))
    del made
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    files = export.files(Site(entries, None, "https://example.github.io/shelf/", "papershelf", {}, {}))
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    shards = [text for path, text in files.items() if path.startswith("api/authors/")]
    feeds = [text for path, text in files.items() if path.startswith("feeds/authors/")]
    return {
        "papers": count, "authors": sum(len(json.loads(text)) for text in shards),
        "shards": len(shards), "shards_mb": round(sum(len(t.encode()) for t in shards) / 1e6, 1), "shard_max_kb": round(max(len(t.encode()) for t in shards) / 1e3, 1),
        "feeds": len(feeds), "feeds_mb": round(sum(len(t.encode()) for t in feeds) / 1e6, 1),
        "export_seconds": round(seconds, 2), "export_cpu_seconds": round(cpu_seconds, 2),
        "peak_growth_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024, 1),
    }


def main() -> None:
    import os

    os.environ.update(ENV)
    from generator.build import build
    from generator.exports import authors as export
    from generator.exports.feeds import atom
    from generator.project import Project
    from generator.site import folder_bytes

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    if "--export-only" in sys.argv:
        print(json.dumps(export_only(count), indent=1))
        return
    spent: list[tuple[float, float]] = []
    single: list[int] = []
    files = export.files

    def timed(site):  # noqa: ANN001, ANN202
        # Wall and CPU seconds: the machine is shared, and the CPU time is the export's own work.
        started, cpu = time.perf_counter(), time.process_time()
        made = files(site)
        spent.append((time.perf_counter() - started, time.process_time() - cpu))
        # What feeds for every author would add: those of the authors of one paper, not written.
        single.append(sum(len(atom(e, site.url, "authors/x", name, site.url, brief=True).encode()) for name, e in export.by_author(site.entries).items() if len(e) < export.FEED_FROM))
        return made

    export.files = timed
    with tempfile.TemporaryDirectory(prefix="papershelf-authors-") as tmp:
        folder = project(Path(tmp) / "project", count, dated=True)
        (folder / "seeds" / "hf-daily-synthetic.json").write_text(json.dumps(answer(count)), encoding="utf-8")
        stages: dict[str, float] = {}
        clock = [time.perf_counter()]

        def lap(name: str) -> None:
            now = time.perf_counter()
            stages[name] = round(now - clock[0], 2)
            clock[0] = now

        build(Project(folder), lap=lap)
        site = folder / "site"
        names = {name for path in (site / "api" / "authors").glob("*.json") for name in json.loads(path.read_text(encoding="utf-8"))}
        shards, shard_bytes, shard_gz, shard_max = folder_stats(site / "api" / "authors")
        feeds, feed_bytes, feed_gz, _ = folder_stats(site / "feeds" / "authors")
        links, links_max = link_bytes(site / "papers")
        page = folder_bytes(site / "authors")
        total = folder_bytes(site)
        added = shard_bytes + feed_bytes + links + page
        result = {
            "papers": count, "authors": len(names),
            "shards": shards, "shards_mb": round(shard_bytes / 1e6, 2), "shards_gz_mb": round(shard_gz / 1e6, 2), "shard_max_kb": round(shard_max / 1e3, 1),
            "shard_median_gz_kb": round(sorted(len(gzip.compress(p.read_bytes(), 6)) for p in (site / "api" / "authors").glob("*.json"))[shards // 2] / 1e3, 1),
            "feeds": feeds, "feeds_mb": round(feed_bytes / 1e6, 2), "feeds_gz_mb": round(feed_gz / 1e6, 2),
            "paper_links_mb": round(links / 1e6, 2), "paper_links_max_bytes": links_max, "paper_links_mean_bytes": round(links / count),
            "author_page_kb": round(page / 1e3, 1), "site_mb": round(total / 1e6, 1),
            "site_growth_percent": round(100 * added / (total - added), 1),
            "feeds_percent_of_site": round(100 * feed_bytes / total, 1),
            "feeds_for_all_authors_percent_of_site": round(100 * (feed_bytes + sum(single)) / (total + sum(single)), 1),
            "export_seconds": round(sum(w for w, _ in spent), 2), "export_cpu_seconds": round(sum(c for _, c in spent), 2), "stages_seconds": stages,
        }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
