"""`papershelf new DIR`: a project that holds only what a curator edits.

Its mkdocs.yml names the papershelf plugin, which brings the theme, CSS and search script from the
installed package; seeds/ holds one small real example. Everything comes from generator/starter/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.errors import ConfigError

STARTER = Path(__file__).resolve().parent / "starter"
RENAMED = {"gitignore": ".gitignore"}  # package-data globs skip dotfiles, so the starter keeps it without the dot


def new(folder: Path, name: str | None = None) -> list[Path]:
    """Make the project in `folder` (new or empty); returns the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ConfigError(f"{folder}: already exists and is not an empty folder; papershelf new makes a new project (nothing was written)")
    title = name or folder.resolve().name
    written = []
    staging = folder.with_name(f".{folder.name}.papershelf-new")
    shutil.rmtree(staging, ignore_errors=True)
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        relative = source.relative_to(STARTER)
        target = staging / relative.with_name(RENAMED.get(relative.name, relative.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        data = source.read_bytes()
        if source.name in ("mkdocs.yml", "README.md"):
            # site_name is written as a JSON string, which YAML reads as the same string, whatever it holds.
            shown = json.dumps(title, ensure_ascii=False) if source.name == "mkdocs.yml" else title
            data = data.replace(b"SITE_NAME", shown.encode("utf-8"))
        target.write_bytes(data)
        written.append(folder / target.relative_to(staging))
    # Made aside and moved in whole: an interrupted `new` leaves no half project behind.
    if folder.exists():
        folder.rmdir()
    staging.rename(folder)
    return written
