"""Benchmarks: papershelf's build against the engines it drives, at 1k, 10k (and 100k) papers.

    python benchmarks/run.py 1000 10000 [--repeat 3] [--out benchmarks/results]

For each size: a deterministic synthetic listing (benchmarks/synthetic.py); a full papershelf build
measured stage by stage (wall time, peak memory); in the same run, bare `mkdocs build` and bare Pagefind
indexing of the same pages; site bytes, the largest page and bytes per paper; an unchanged rebuild and
a rebuild after adding 10 papers. Machines here are shared and noisy: each number is the median of
--repeat runs, and ratios are taken within one run. Not part of the test gate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
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

from synthetic import listing  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1773187200"}


def project(folder: Path, count: int) -> Path:
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    for part in ("about", "assets"):
        shutil.copytree(REPO / "docs" / part, folder / "docs" / part)
    (folder / "seeds").mkdir()
    (folder / "seeds" / "listing.txt").write_text(listing(count), encoding="utf-8")
    return folder


def bare_config(folder: Path) -> Path:
    """mkdocs.yml without the papershelf plugin, its theme given as a plain custom_dir: MkDocs and
    Material alone, on the same pages and templates."""
    from generator.engine import THEME
    from generator.engine.plugin import CSS, SCRIPTS, STATIC_TEMPLATES

    text = (folder / "mkdocs.yml").read_text(encoding="utf-8").replace("plugins:\n  - papershelf", "plugins: []")
    theme = f"  custom_dir: {THEME}\n  static_templates: [{', '.join(STATIC_TEMPLATES)}]\n"
    text = text.replace("  name: material\n", "  name: material\n" + theme, 1)
    text += f"\nextra_css: [{', '.join(CSS)}]\nextra_javascript: [{', '.join(SCRIPTS)}]\n"
    path = folder / "mkdocs-bare.yml"
    path.write_text(text, encoding="utf-8")
    return path


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(command)} failed: {child.stderr.read().decode()[-2000:]}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def stages(folder: Path, *flags: str) -> dict:
    done = subprocess.run([sys.executable, str(HERE / "stages.py"), str(folder), *flags], env=ENV, capture_output=True, text=True)
    if done.returncode:  # the build's own message, not just its exit status
        raise SystemExit(f"stages.py {folder} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def site_sizes(site: Path, papers: int) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    largest = max(html, key=lambda p: p.stat().st_size)
    total = sum(p.stat().st_size for p in files)
    # What actions/upload-pages-artifact uploads is a tar of site/ (Pages' 1 GB limit is on it): a
    # 512-byte header per file and folder, each file padded to 512 bytes.
    folders = sum(1 for p in site.rglob("*") if p.is_dir())
    tar = sum(512 + -(-p.stat().st_size // 512) * 512 for p in files) + 512 * folders
    return {
        "site_mb": round(total / 1e6, 1),
        "tar_mb": round(tar / 1e6, 1),
        "artifact_mb": round(artifact_bytes(site) / 1e6, 1),
        "kb_per_paper": round(total / papers / 1e3, 1),
        "largest_page_kb": round(largest.stat().st_size / 1e3, 1),
        "largest_page": largest.relative_to(site).as_posix(),
        "search_index_mb": round(sum(p.stat().st_size for b in site.glob("pagefind*") for p in b.rglob("*") if p.is_file()) / 1e6, 1),
    }


class Deflated:
    """A write-only file that counts what zlib makes of what is written to it."""

    def __init__(self) -> None:
        self.packer, self.size = zlib.compressobj(6, zlib.DEFLATED, -15), 0

    def write(self, data: bytes) -> int:
        self.size += len(self.packer.compress(data))
        return len(data)

    def close(self) -> int:
        self.size += len(self.packer.flush())
        return self.size


def artifact_bytes(site: Path) -> int:
    """The size of the Pages artifact as uploaded: upload-artifact zips the tar (deflate, level 6).
    deploy-pages compares this number with 1 GB ("Uploaded artifact size of ... exceeds")."""
    sink = Deflated()
    with tarfile.open(fileobj=sink, mode="w|", format=tarfile.GNU_FORMAT) as archive:
        archive.add(site, arcname=".")
    return sink.close()


def one_run(count: int, keep: Path | None = None, bare: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"papershelf-bench-{count}-", dir=keep.parent if keep else None) as tmp:
        folder = project(Path(tmp), count)
        full = stages(folder)
        full["total"] = round(sum(s["seconds"] for s in full["stages"].values()), 2)
        full["generator"] = round(sum(full["stages"][s]["seconds"] for s in ("read", "merge", "enrich", "render", "plan", "write")), 2)
        full["engines"] = full["stages"]["site"]["seconds"]
        full["peak_mb"] = max(s["tree_peak_mb"] for s in full["stages"].values())
        full.update(site_sizes(folder / "site", count))
        if not bare:  # sizes, stage times and memory only (a 100k run's bare engines take ~20 minutes more)
            return kept(full, folder, keep)
        # The engines alone, on the same pages, in the same run.
        bare_mkdocs, bare_mkdocs_mb = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare_config(folder)), "-d", str(folder / "bare")], folder)
        bare_search, bare_search_mb = timed([sys.executable, "-m", "pagefind", "--site", str(folder / "bare"), "--silent"], folder)
        full["bare"] = {"mkdocs": round(bare_mkdocs, 2), "search": round(bare_search, 2), "mkdocs_mb": round(bare_mkdocs_mb), "search_mb": round(bare_search_mb)}
        full["ratio"] = round(full["total"] / (bare_mkdocs + bare_search), 2)
        # Rebuilds: nothing changed, then 10 papers added.
        unchanged = stages(folder, "--docs-only")
        full["unchanged_generator"] = round(sum(s["seconds"] for s in unchanged["stages"].values()), 2)
        full["unchanged_written"] = unchanged["written"]
        with (folder / "seeds" / "listing.txt").open("a", encoding="utf-8") as handle:
            handle.write(listing(count + 10).split(listing(count).rstrip("\n").split("\n\n")[-1], 1)[1])
        added = stages(folder, "--docs-only")
        full["added10_written"] = added["written"]
        return kept(full, folder, keep)


def kept(result: dict, folder: Path, keep: Path | None) -> dict:
    if keep:  # the built site, for benchmarks/search.py
        shutil.rmtree(keep, ignore_errors=True)
        shutil.move(folder / "site", keep)
    return result


def median_run(runs: list[dict]) -> dict:
    best = sorted(runs, key=lambda r: r["total"])[len(runs) // 2]
    best["total_runs"] = [r["total"] for r in runs]
    if all("ratio" in r for r in runs):
        best["ratio_runs"] = [r["ratio"] for r in runs]
        best["ratio"] = statistics.median(best["ratio_runs"])
    return best


def machine() -> dict:
    from importlib.metadata import version

    return {
        "python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
        "system": platform.platform(), "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--keep", type=Path, help="keep the last built site of the largest size here (for search.py)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare engines and the rebuilds: sizes, stages, memory")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "sizes": {}}
    for count in args.sizes:
        keep = args.keep if count == max(args.sizes) else None
        runs = [one_run(count, keep, bare=not args.no_bare) for _ in range(args.repeat)]
        report["sizes"][count] = median_run(runs)
        print(json.dumps({count: report["sizes"][count]}, indent=1), flush=True)
    (args.out / f"build-{'-'.join(map(str, args.sizes))}.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
