"""`papershelf add`: bring a file (or standard input) of papers into seeds/, checked first."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator import sources
from generator.errors import SourceError
from generator.project import Project
from generator.writer import atomic_write


def sniff(data: bytes) -> str:
    """The file extension a document's content asks for (standard input has no name)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if head.startswith((b"{", b"[")):
        return ".json"
    if head.startswith(b"<") or head.startswith(b"Rate exceeded"):
        return ".xml"
    if head.startswith(b"@"):
        return ".bib"
    if head.startswith(b"papers:"):
        return ".yml"
    return ".txt"


def add(project: Project, data: bytes, name: str | None) -> tuple[Path, sources.ReadResult]:
    """Check the papers in data, then store it as a new seed file; refuse it if it has errors."""
    suffix = Path(name).suffix.lower() if name and Path(name).suffix else sniff(data)
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem = Path(name).stem if name else "stdin"
    target = project.seeds / f"{stem}-{digest}{suffix}"
    scratch = project.state / "add"
    scratch.mkdir(parents=True, exist_ok=True)
    trial = scratch / target.name
    trial.write_bytes(data)
    try:
        result = sources.read_seeds(scratch, scratch)
    finally:
        trial.unlink()
    errors = [p for p in result.problems if p.level == "error"]
    if errors:
        raise SourceError("\n".join(f"{name or 'stdin'}: {p.message}" for p in errors) + "\nnothing was added")
    if not result.papers:
        raise SourceError(f"{name or 'stdin'}: no papers found; nothing was added")
    if not target.exists():
        atomic_write(target, data)
    return target, result
