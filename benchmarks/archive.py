"""What the archive listings (#16) cost at scale: the same N synthetic papers built twice, once as a
pasted listing (no dates: no archive) and once as Hugging Face daily-papers answers with one Daily
Papers day per 50 papers (as the real daily lists run), so every paper is in a day, a week and a month.

    python benchmarks/archive.py 10000

Prints one JSON object: stage times of both builds, the archive's pages and bytes in docs/ and site/.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from run import ENV  # noqa: E402

from generator.site import folder_bytes  # noqa: E402
from synthetic import listing, paper  # noqa: E402

PER_DAY = 50
FIRST_DAY = dt.date(2025, 1, 6)


def daily_answer(count: int) -> list[dict]:
    items = []
    for index in range(count):
        title, abstract = paper(index)
        day = FIRST_DAY + dt.timedelta(days=index // PER_DAY)
        stamp = f"{day.isoformat()}T08:00:00.000Z"
        arxiv = f"{day:%y%m}.{index % 100000:05d}"
        items.append({
            "publishedAt": stamp, "title": title, "summary": abstract, "numComments": 0,
            "paper": {"id": arxiv, "title": title, "summary": abstract, "publishedAt": stamp, "upvotes": index % 97, "authors": []},
        })
    return items


def project(folder: Path, count: int, dated: bool) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "about", folder / "docs" / "about")
    (folder / "seeds").mkdir()
    if dated:
        (folder / "seeds" / "hf-daily-synthetic.json").write_text(json.dumps(daily_answer(count)), encoding="utf-8")
    else:
        (folder / "seeds" / "listing.txt").write_text(listing(count), encoding="utf-8")
    return folder


def measure(folder: Path) -> dict:
    done = subprocess.run([sys.executable, str(HERE / "stages.py"), str(folder)], env=ENV, capture_output=True, text=True, check=True)
    stages = json.loads(done.stdout.strip().splitlines()[-1])["stages"]
    archive_docs, archive_site = folder / "docs" / "archive", folder / "site" / "archive"
    return {
        "seconds": {name: stage["seconds"] for name, stage in stages.items()},
        "total_seconds": round(sum(stage["seconds"] for stage in stages.values()), 2),
        "site_mb": round(folder_bytes(folder / "site") / 1e6, 1),
        "archive_pages": sum(1 for _ in archive_site.rglob("index.html")) if archive_site.exists() else 0,
        "archive_docs_mb": round(folder_bytes(archive_docs) / 1e6, 2) if archive_docs.exists() else 0,
        "archive_site_mb": round(folder_bytes(archive_site) / 1e6, 2) if archive_site.exists() else 0,
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="papershelf-archive-") as tmp:
        result = {"papers": count, "per_day": PER_DAY}
        for dated in (False, True):
            result["dated" if dated else "undated"] = measure(project(Path(tmp) / ("dated" if dated else "undated"), count, dated))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
