"""`papershelf upgrade`: move a project made before the theme lived in the package onto the package's.

Such a project holds copies of papershelf's templates (overrides/) and assets (docs/assets/); the
copies would win over the package's, so upgrading papershelf would change nothing. A copy that is
byte for byte a version papershelf once shipped (generator/data/theme-history.json, from git) is
moved aside into .papershelf/old-theme/; a copy the curator changed is kept and named, as it still
overrides the package's file. mkdocs.yml gets the papershelf plugin. Running it again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import engine
from generator.errors import ConfigError
from generator.project import Project
from generator.writer import atomic_write

HISTORY = Path(__file__).resolve().parent / "data" / "theme-history.json"


@dataclass
class Upgraded:
    moved: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited copies: they still override the package's
    plugin_added: bool = False
    custom_dir_dropped: bool = False


def upgrade(project: Project) -> Upgraded:
    if not project.mkdocs_yml.is_file():
        raise ConfigError(f"{project.shown(project.mkdocs_yml)}: not found; papershelf upgrade works on a papershelf project (nothing was changed)")
    done = Upgraded()
    history = json.loads(HISTORY.read_text(encoding="utf-8"))
    aside = project.state / "old-theme"
    for old, versions in history.items():
        path = project.root / old
        if not path.is_file():
            continue
        shipped = set(versions)
        current = engine.THEME / old.removeprefix("overrides/").removeprefix("docs/")
        if current.is_file():
            shipped.add(hashlib.sha256(current.read_bytes()).hexdigest())
        if hashlib.sha256(path.read_bytes()).hexdigest() in shipped:
            (aside / old).parent.mkdir(parents=True, exist_ok=True)
            path.replace(aside / old)
            done.moved.append(old)
        else:
            done.kept.append(old)
    for folder in ("overrides", "docs/assets"):
        _remove_empty(project.root / folder)
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    changed = text
    if not (project.root / "overrides").exists():
        changed = re.sub(r"(?m)^[ \t]+custom_dir:[ \t]*['\"]?overrides/?['\"]?[ \t]*(#.*)?\n", "", changed)
        done.custom_dir_dropped = changed != text
    if engine.PLUGIN not in (engine.listed_plugins(project.mkdocs_yml) or []):
        changed = _add_plugin(changed)
        done.plugin_added = True
    if changed != text:
        atomic_write(project.mkdocs_yml, changed.encode("utf-8"))
    return done


def _add_plugin(text: str) -> str:
    """mkdocs.yml with papershelf first among its plugins, edited as text so its comments and tags stay."""
    flow = re.search(r"(?m)^plugins:[ \t]*\[(.*?)\][ \t]*(#.*)?$", text)
    if flow:
        inner = flow.group(1).strip()
        items = f"[{engine.PLUGIN}" + (f", {inner}]" if inner else "]")
        return text[: flow.start()] + f"plugins: {items}" + (f"  {flow.group(2)}" if flow.group(2) else "") + text[flow.end() :]
    block = re.search(r"(?m)^plugins:[ \t]*(#.*)?\n", text)
    if block:
        following = re.match(r"([ \t]+)-", text[block.end() :])
        indent = following.group(1) if following else "  "
        return text[: block.end()] + f"{indent}- {engine.PLUGIN}\n" + text[block.end() :]
    return text + ("" if text.endswith("\n") else "\n") + f"\nplugins:\n  - {engine.PLUGIN}\n"


def _remove_empty(folder: Path) -> None:
    if not folder.is_dir() or folder.is_symlink():
        return
    for child in folder.iterdir():
        _remove_empty(child)
    if not any(folder.iterdir()):
        folder.rmdir()
