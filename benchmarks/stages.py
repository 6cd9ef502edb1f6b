"""One measured build of a project, stage by stage: wall time and peak memory after each stage.

Run by benchmarks/run.py in a fresh process per build, so peak memory is this build's alone.
Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import build  # noqa: E402
from generator.project import Project  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants now (Pagefind runs beside MkDocs)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        own = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")), 0)
        children = [int(c) for t in Path(f"/proc/{pid}/task").iterdir() for c in (t / "children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return own + sum(tree_rss_kb(child) for child in children)


class TreePeak:
    """Samples the whole process tree's memory every 0.1 s: the build's true peak, children included."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak_kb = max(self.peak_kb, tree_rss_kb(os.getpid()))

    def take(self) -> float:
        """The peak since the last take, in MB."""
        peak, self.peak_kb = self.peak_kb, 0
        return round(peak / 1024, 1)


def main(root: str, with_site: bool) -> dict:
    project = Project(Path(root).resolve())
    result: dict = {"stages": {}}
    clock = time.perf_counter()
    tree = TreePeak()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result["stages"][name] = {"seconds": round(now - clock, 3), "peak_mb": round(peak_mb(), 1), "tree_peak_mb": tree.take()}
        clock = now

    # papershelf build's own stages, timed as each ends (generator/build.py).
    report = build(project, site_too=with_site, lap=lap)
    result["written"] = report.written
    result["papers"] = report.papers
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], "--docs-only" not in sys.argv)))
