"""What sorted listings (#19) cost at scale: N synthetic papers as Hugging Face daily-papers answers
(one Daily Papers day per 50 papers, upvotes on every paper, GitHub stars on 5 in 9, the day the
counts were read, as papershelf fetch hf stores them), generated twice: with the sorted export and
without it (the other exports alike). The site step is not run: MkDocs copies api/sorted/ as it is,
so its cost there is the copy, timed here on the files themselves.

    python benchmarks/sortable.py 10000

Prints one JSON object: stage times of both generations, the time spent choosing orders and writing
the sorted pages, and the sorted pages' files, bytes, gzip bytes (as GitHub Pages serves each file)
and deflated tar bytes (as actions/upload-pages-artifact's tar is uploaded).

    python benchmarks/sortable.py 10000 --site

also runs the site step (MkDocs and Pagefind) in both builds, and gives each whole site's bytes and
its artifact's size: the whole build's time with and without, on a noisy machine.

    python benchmarks/sortable.py 10000 --site --authors

gives every paper an author list (synthetic.authors, as benchmarks/authors.py does), so the site has
author pages and their feeds too: a Hugging Face shelf with everything #19 adds, against #5's bars.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from archive import daily_answer  # noqa: E402
from synthetic import authors  # noqa: E402
from run import ENV  # noqa: E402

from generator.site import folder_bytes  # noqa: E402

STARRED = 5  # of every 9 papers: the real 2026 answers give githubStars on about half of theirs
READ_ON = "2025-09-01"


def answer(count: int, named: bool = False) -> dict:
    items = daily_answer(count)
    for index, item in enumerate(items):
        if named:
            item["paper"]["authors"] = [{"name": name} for name in authors(index, count)]
        if index % 9 < STARRED:
            item["paper"]["githubStars"] = (index * 37) % 2000
    return {"fetched": READ_ON, "source": "https://huggingface.co/api/daily_papers", "dailyPapers": items}


def project(folder: Path, count: int, named: bool = False) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "about", folder / "docs" / "about")
    (folder / "seeds").mkdir()
    (folder / "seeds" / "hf-daily-synthetic.json").write_text(json.dumps(answer(count, named)), encoding="utf-8")
    return folder


def generate(root: str, sorted_too: bool, with_site: bool) -> dict:
    """In a fresh process: papershelf build's stages (the site step only with_site), with or without the sorted export."""
    from generator import outputs, sorting
    from generator.build import build
    from generator.exports import sorted as sorted_export
    from generator.project import Project

    spent = {"export": 0.0, "orders_in_listings": 0.0}
    exporting = False

    def export(site):
        nonlocal exporting
        started, exporting = time.perf_counter(), True
        try:
            return files(site)
        finally:
            spent["export"] += time.perf_counter() - started
            exporting = False

    def orders(entries):
        started = time.perf_counter()
        try:
            return offered(entries)
        finally:
            if not exporting:  # the listings' own choice of orders (their Sort by select), in render
                spent["orders_in_listings"] += time.perf_counter() - started

    everything, files, offered = outputs.exports, sorted_export.files, sorting.offered
    outputs.exports = lambda: [module for module in everything() if sorted_too or module is not sorted_export]
    sorted_export.files, sorting.offered = export, orders
    stages: dict = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[stage] = round(now - clock, 2)
        clock = now

    started = time.perf_counter()
    build(Project(Path(root)), site_too=with_site, lap=lap)
    return {"stages": stages, "build_seconds": round(time.perf_counter() - started, 1), **{f"{name}_seconds": round(value, 2) for name, value in spent.items()}}


def sizes(folder: Path) -> dict:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        tar.add(folder, arcname="api/sorted")
    listings = {p.parent.parent for p in files}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as copy:
        shutil.copytree(folder, Path(copy) / "sorted")
    return {
        "listings": len(listings), "files": len(files), "bytes": raw, "gzip_bytes": gz,
        "tar_bytes": len(buffer.getvalue()), "tar_deflated_bytes": len(zlib.compress(buffer.getvalue(), 6)),
        "largest_file": max(p.stat().st_size for p in files), "copy_seconds": round(time.perf_counter() - started, 2),
    }


def artifact(site: Path) -> int:
    """The site's tar, deflated at level 6: what actions/deploy-pages compares with 1 GB."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        tar.add(site, arcname=".")
    return len(zlib.compress(buffer.getvalue(), 6))


def main() -> None:
    if sys.argv[1] == "--generate":
        print(json.dumps(generate(sys.argv[2], sys.argv[3] == "with", "--site" in sys.argv)))
        return
    count = int(sys.argv[1])
    site = "--site" in sys.argv
    result: dict = {"papers": count, "per_day": 50, "starred": f"{STARRED} in 9", "authors": "--authors" in sys.argv}
    with tempfile.TemporaryDirectory(prefix="papershelf-sortable-") as tmp:
        for kind in ("without", "with"):
            root = project(Path(tmp) / kind, count, "--authors" in sys.argv)
            done = subprocess.run([sys.executable, __file__, "--generate", str(root), kind] + (["--site"] if site else []), env=ENV, capture_output=True, text=True, check=True)
            result[kind] = json.loads(done.stdout.strip().splitlines()[-1])
            docs = root / "docs"
            result[kind]["docs_files"] = sum(1 for p in docs.rglob("*") if p.is_file())
            if site:
                result[kind]["site_bytes"] = folder_bytes(root / "site")
                result[kind]["artifact_bytes"] = artifact(root / "site")
            if kind == "with":
                result["sorted"] = sizes(docs / "api" / "sorted")
                listing_pages = [p for p in docs.rglob("*.md") if "ps-sort" in p.read_text(encoding="utf-8")]
                result["listing_pages_with_select"] = len(listing_pages)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
