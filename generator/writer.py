"""The only module that writes docs/: atomic, idempotent, and owning only what it generated.

A commit stages every changed file under .papershelf/txn/, then writes a journal (the commit point) with
one os.replace, then moves the staged files into docs/ and records the new manifest. A build killed before
the journal exists leaves docs/ as before; one killed after it is rolled forward by the next command. The
manifest (docs/.papershelf-manifest.json, hidden from MkDocs) holds the hash of every generated file, which
is how hand edits are told from generated content.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from generator.errors import HandEditError, PapershelfError
from generator.problems import Problem

MANIFEST = ".papershelf-manifest.json"
# What papershelf generates in docs/ (README, "What docs/ holds"). A build writes and removes files
# there and nowhere else, whatever its manifest says: a manifest is a file anyone can edit (#21).
OWNED_FILES = frozenset({"index.md", "taxonomy.md", "papers.bib", "papers.json", MANIFEST})
OWNED_FOLDERS = frozenset({"page", "papers", "tags", "code", "search", "feeds", "bib", "api", "archive", "shelf", "authors"})


def owned(relative: str) -> bool:
    """Whether a path relative to docs/ is one papershelf generates, so may write or remove."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        return False
    return pure.parts[0] in OWNED_FOLDERS if len(pure.parts) > 1 else pure.parts[0] in OWNED_FILES


_OWNED_NAMES = ", ".join(sorted(OWNED_FILES - {MANIFEST}) + [f"{name}/" for name in sorted(OWNED_FOLDERS)])


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes | Callable[[BinaryIO], object], sync: bool = True) -> None:
    """Write a file whole or not at all: a temporary file beside it, fsync, then os.replace.

    data is the bytes, or a function that writes them to the open file (so a large pickle streams
    instead of being held twice in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with temporary.open("wb") as handle:
        if callable(data):
            data(handle)
        else:
            handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(temporary, path)


@dataclass
class Plan:
    """What a commit changes: files to write (path -> bytes), files to remove, and the new manifest."""

    writes: dict[str, bytes] = field(default_factory=dict)
    removes: list[str] = field(default_factory=list)
    manifest: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.writes and not self.removes


class Docs:
    """docs/ as papershelf sees it: the generated files it owns, and the rest it never touches."""

    def __init__(self, docs_dir: Path, state_dir: Path):
        self.docs_dir = docs_dir
        self.txn = state_dir / "txn"
        self._inside: set[Path] = set()  # folders already found to resolve inside docs/ (a few dozen)
        self.problems: list[Problem] = []  # warnings about the manifest, for the build's report

    def load_manifest(self) -> dict[str, str]:
        path = self.docs_dir / MANIFEST
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            files = {str(k): str(v) for k, v in data["files"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise PapershelfError(f"{path}: the manifest of generated files is unreadable ({err}); remove it and the generated pages to start afresh") from None
        for relative in sorted(k for k in files if not owned(k)):
            self.problems.append(Problem(str(path), 0, f"lists {relative!r}, which is not among the files papershelf generates ({_OWNED_NAMES}); ignored it and left that file alone"))
            del files[relative]
        return files

    def target(self, relative: str) -> Path:
        """The docs/ path of a generated file; refuses any path that would leave docs/."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise PapershelfError(f"refused to write {relative!r}: outside docs/")
        path = self.docs_dir.joinpath(*pure.parts)
        if path.parent not in self._inside:
            root, folder = self.docs_dir.resolve(), path.parent.resolve()
            if root not in folder.parents and folder != root:
                raise PapershelfError(f"refused to write {path}: a symbolic link leads it outside docs/")
            self._inside.add(path.parent)
        return path

    def plan(self, pages: dict[str, bytes], force: bool = False) -> Plan:
        """Compare wanted pages with docs/; stop on hand edits and on hand-written files in the way."""
        old = self.load_manifest()
        plan = Plan(manifest={})
        conflicts = []
        for relative, data in sorted(pages.items()):
            plan.manifest[relative] = sha256(data)
            path = self.target(relative)
            current = _read(path)
            if current == data:
                if relative not in old:  # adopting it would make it papershelf's to delete later
                    conflicts.append(_unowned(path))
                continue
            if current is not None and relative not in old:
                conflicts.append(f"{path}: a hand-written file is where papershelf generates a page; rename or move it")
            elif current is not None and sha256(current) != old[relative] and not force:
                conflicts.append(_edited(path))
            plan.writes[relative] = data
        for relative in sorted(set(old) - set(pages)):
            if self.target(relative).is_dir():
                self.problems.append(Problem(str(self.docs_dir / MANIFEST), 0, f"lists {relative!r}, which is a folder, not a file papershelf generated; ignored it and left the folder alone"))
                continue
            current = _read(self.target(relative))
            if current is None:
                continue
            if sha256(current) != old[relative] and not force:
                conflicts.append(_edited(self.target(relative)))
            plan.removes.append(relative)
        if conflicts:
            raise HandEditError("\n".join(conflicts))
        if old != plan.manifest or self.problems:  # rewritten without the entries it ignored
            plan.writes[MANIFEST] = (json.dumps({"files": plan.manifest}, indent=1, sort_keys=True) + "\n").encode()
        return plan

    def commit(self, plan: Plan) -> None:
        """Apply a plan all or nothing (see the module docstring)."""
        self.recover()
        if plan.empty:
            return
        staged = self.txn / "files"
        staged.mkdir(parents=True, exist_ok=True)
        moves = []
        for number, (relative, data) in enumerate(sorted(plan.writes.items())):
            # Plain writes: a staged file counts only once the journal names it, and a build killed
            # before the journal leaves a staging folder that recover() discards, so a temporary
            # file and a rename per staged file buy nothing.
            (staged / str(number)).write_bytes(data)
            moves.append([str(number), relative])
        os.sync()  # one flush for all staged files (an fsync each costs ~1 ms a file) before the commit point
        journal = {"moves": moves, "removes": plan.removes}
        atomic_write(self.txn / "journal.json", json.dumps(journal).encode())  # the commit point
        self._apply(journal)

    def recover(self) -> None:
        """Finish a commit that a killed build left after its commit point; discard one left before it."""
        journal = self.txn / "journal.json"
        if journal.exists():
            self._apply(self.read_journal())
        elif self.txn.exists():
            shutil.rmtree(self.txn)

    def unfinished(self) -> bool:
        """Whether a killed build left a commit for the next build to finish (`check` only reports it)."""
        return (self.txn / "journal.json").exists()

    def read_journal(self) -> dict:
        """The journal, checked whole before any of it is applied: it names staged files by number only
        and targets papershelf owns, so a tampered journal can neither bring a file in from elsewhere
        nor remove a hand-written one."""
        path = self.txn / "journal.json"
        try:
            journal = json.loads(path.read_text(encoding="utf-8"))
            moves, removes = journal["moves"], journal["removes"]
            pairs = [(str(name), str(relative)) for name, relative in moves]
            removes = [str(relative) for relative in removes]
        except (ValueError, KeyError, TypeError, RecursionError) as err:
            raise PapershelfError(f"{path}: not a papershelf journal ({type(err).__name__}); remove {self.txn} and build again") from None
        staged = self.txn / "files"
        for name, relative in pairs:
            source = staged / name
            if not name.isdigit() or (source.is_symlink() or (source.exists() and not source.is_file())):
                raise PapershelfError(f"{path}: refused: it moves {name!r}, which is not a file papershelf staged; remove {self.txn} and build again")
        for relative in [r for _, r in pairs] + removes:
            if not owned(relative):
                raise PapershelfError(f"{path}: refused: it names {relative!r}, which is not a file papershelf generates; remove {self.txn} and build again")
        return {"moves": pairs, "removes": removes}

    def _apply(self, journal: dict) -> None:
        staged = self.txn / "files"
        for name, relative in journal["moves"]:
            source = staged / name
            if source.exists():  # else moved already by the run that was killed
                target = self.target(relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        for relative in journal["removes"]:
            target = self.target(relative)
            target.unlink(missing_ok=True)
            _prune(target.parent, self.docs_dir)
        shutil.rmtree(self.txn)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _unowned(path: Path) -> str:
    return (
        f"{path}: a hand-written file is where papershelf generates a page (the same text, but {MANIFEST} "
        "does not list it as generated); delete it to let papershelf generate the page, or rename or move it"
    )


def _edited(path: Path) -> str:
    return (
        f"{path}: edited by hand since papershelf generated it; put the change in seeds/curation.yml "
        "(tags, notes, hide, pin) or run again with --force to overwrite it"
    )


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty by removed pages, up to docs/ itself."""
    while folder != root and root in folder.parents and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
