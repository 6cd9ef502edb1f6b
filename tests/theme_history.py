"""Regenerate generator/data/theme-history.json: the sha256 of every version of the theme files that
projects once held as copies (overrides/, docs/assets/), from this repository's git history.

`papershelf upgrade` moves a project's copy aside only when it is one of these versions (the curator
never edited it). Run after committing a change to a theme file: python tests/theme_history.py
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OLD_HOMES = ("overrides", "docs/assets")  # where the theme lived before it moved into the package
NEW_HOME = "generator/theme"


def versions(path: str) -> set[str]:
    commits = subprocess.run(["git", "log", "--format=%H", "--", path], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    found = set()
    for commit in commits:
        blob = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=REPO, capture_output=True)
        if blob.returncode == 0:
            found.add(hashlib.sha256(blob.stdout).hexdigest())
    return found


def main() -> None:
    listed = subprocess.run(["git", "log", "--format=", "--name-only", "--", *OLD_HOMES], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    history: dict[str, list[str]] = {}
    for old in sorted(set(listed) - {"docs/assets/screenshots/home.png"}):
        if not old.startswith(OLD_HOMES):
            continue
        inside = old.removeprefix("overrides/").removeprefix("docs/")
        found = versions(old) | versions(f"{NEW_HOME}/{inside}")
        history[old] = sorted(found)
    (REPO / "generator/data/theme-history.json").write_text(json.dumps(history, indent=1) + "\n", encoding="utf-8")
    print(f"{len(history)} files, {sum(map(len, history.values()))} versions")


if __name__ == "__main__":
    main()
