"""Reading seeds/: one module per input format behind one interface.

A reader takes the file's display path and an iterator over its decoded lines and returns the papers
it found plus the problems it met. It never raises for a bad entry: it reports and goes on, so one bad
entry never takes the good ones down with it.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Paper
from generator.problems import Problem

MAX_LINE = 2**20  # bytes: a longer line is no title or abstract, and is never held in memory whole
# Files in seeds/ that configure the build rather than list papers.
CONFIG_FILES = frozenset({"taxonomy.yml", "curation.yml", "history.json", "resolved.yml", "README.md"})


@dataclass
class ReadResult:
    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Each file's name as its source gives it ("Hugging Face Daily Papers, Mar 11"), by display path:
    # what a reader is told a listing is, never its file name (#15).
    names: dict[str, str] = field(default_factory=dict)


Reader = Callable[[str, Iterator[tuple[int, str]]], ReadResult]


def _readers() -> dict[str, Reader]:
    """Every reader, by the file suffixes it declares: a module of this package with SUFFIXES and a
    read(path, lines) function is one, and so is an installed package's `papershelf.readers` entry
    point (a module with the same two names). A new format is one module; nothing here changes."""
    import importlib
    import pkgutil
    from importlib.metadata import entry_points

    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    modules += [point.load() for point in entry_points(group="papershelf.readers")]
    readers: dict[str, Reader] = {}
    for module in modules:
        for suffix in getattr(module, "SUFFIXES", ()):
            readers.setdefault(suffix, module.read)
    return readers


def seed_files(seeds_dir: Path) -> list[Path]:
    """The files of seeds/ in a stable order (sorted by name), config files excluded."""
    if not seeds_dir.is_dir():
        return []
    return sorted(p for p in seeds_dir.iterdir() if p.name not in CONFIG_FILES and not p.name.startswith("."))


def read_seeds(seeds_dir: Path, root: Path) -> ReadResult:
    """Read every seed file; problems of all files are gathered, never raised one by one."""
    result = ReadResult()
    readers = _readers()
    files = seed_files(seeds_dir)
    for path in files:
        shown = _display(path, root)
        problem = _refuse(path, seeds_dir)
        reader = readers.get(path.suffix.lower())
        if problem is None and reader is None:
            problem = f"not a known seed format ({path.suffix or 'no extension'}); skipped"
        if problem is not None:
            result.problems.append(Problem(shown, 0, problem))
            continue
        # The line limit is for pasted listings; a JSON answer is often one long line (#21).
        limit = MAX_LINE if path.suffix.lower() == ".txt" else None
        one = reader(shown, decoded_lines(path, shown, result.problems, limit))
        result.papers.extend(one.papers)
        result.problems.extend(one.problems)
        result.names.update(one.names)
    return result


def nothing_to_publish(result: ReadResult, seeds_dir: Path, root: Path) -> list[Problem]:
    """An error when the seeds give no paper and no other error says why: a site of no papers is a
    mistake (a wrong folder, a format not read, a bibliography the reader skipped), not a site (#15)."""
    if result.papers or any(p.level == "error" for p in result.problems):
        return []
    files = seed_files(seeds_dir)
    said = "no seed files found" if not files else f"no paper in any of its {len(files)} seed file(s)"
    return [Problem(_display(seeds_dir, root) + "/", 0, f"{said}; there is nothing to publish", "error")]


def _refuse(path: Path, seeds_dir: Path) -> str | None:
    """Why a seed path is not read, or None: links out of seeds/ and non-files are refused."""
    if path.is_symlink() and not _inside(path.resolve(), seeds_dir.resolve()):
        return f"is a symbolic link to {os.readlink(path)}, outside seeds/; skipped"
    if not path.is_file():
        return "is not a regular file; skipped"
    return None


def refuse_link_out(path: Path, seeds_dir: Path) -> None:
    """Stop on a settings file of seeds/ (taxonomy, curation, history) that links out of seeds/: what it
    points at would be published, and skipping it would silently publish hidden papers or lose history."""
    if path.is_symlink() and not _inside(path.resolve(), seeds_dir.resolve()):
        from generator.errors import ConfigError

        raise ConfigError(f"seeds/{path.name}: is a symbolic link to {os.readlink(path)}, outside seeds/; not followed (copy the file into seeds/)")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def decoded_lines(path: Path, shown: str, problems: list[Problem], max_line: int | None = MAX_LINE) -> Iterator[tuple[int, str]]:
    """Stream a file's (line number, text) pairs: UTF-8 (a BOM is dropped), CRLF and CR read as LF.

    Streaming keeps memory bounded by the papers kept, not the file size. Invalid UTF-8 or a NUL byte
    stops the file at that line with an error naming it; the lines before it are kept.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    with path.open("rb") as handle:
        for number, raw in enumerate(iter(lambda: handle.readline(max_line or -1), b""), start=1):
            if max_line and len(raw) == max_line and not raw.endswith(b"\n"):
                while (rest := handle.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                    pass  # drain the rest of the line without keeping it
                problems.append(Problem(shown, number, f"is a line longer than {MAX_LINE // 2**20} MiB, not a listing line; skipped it"))
                continue
            if b"\0" in raw:
                problems.append(Problem(shown, number, "contains a NUL byte: a binary file, not text; stopped reading", "error"))
                return
            try:
                text = decoder.decode(raw)
            except UnicodeDecodeError as err:
                problems.append(Problem(shown, number, f"is not valid UTF-8 (byte {raw[err.start:err.start + 1]!r} at column {err.start + 1}); stopped reading", "error"))
                return
            for line in text.splitlines():
                yield number, line
