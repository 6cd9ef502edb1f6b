"""Where a papershelf project keeps things; every path is derived from the project folder here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def state(self) -> Path:
        """Scratch space of the build (transactions, caches); safe to delete between builds."""
        return self.root / ".papershelf"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when inside it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
