"""One worker process beside this one, for a stage whose work splits in two (enrich, render)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


@contextmanager
def one_worker(count: int, start: int, stop: int | None = None, fork: bool = False) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of one process when start <= count (<= stop) and there is a second core; else None,
    and the caller does all the work itself.

    fork: the worker inherits this process's memory (module globals set before the first submit)
    instead of receiving its arguments pickled; None where the platform cannot fork.
    """
    wanted = start <= count and (stop is None or count <= stop) and (os.cpu_count() or 1) >= 2
    if not wanted or (fork and "fork" not in multiprocessing.get_all_start_methods()):
        yield None
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork") if fork else None) as pool:
        yield pool
