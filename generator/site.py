"""The site step: an engine (generator.engine) builds the HTML, Pagefind indexes it, and the site is
swapped in whole at the end."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator import engine

from generator.enrich.links import safe_url
from generator.errors import ConfigError
from generator.project import Project


@dataclass(frozen=True)
class SiteInfo:
    url: str
    name: str


PAGES_LIMIT = 10**9  # GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."


def info(project: Project) -> SiteInfo:
    """The site's URL and name from mkdocs.yml (with its !ENV tags resolved), for feeds and citations."""
    if not project.mkdocs_yml.is_file():
        return SiteInfo(engine.DEFAULT_URL, "papershelf")
    config = engine.settings(project)
    check_addresses(project, config)
    return SiteInfo(config["site_url"] or engine.DEFAULT_URL, config["site_name"])


def check_addresses(project: Project, config) -> None:
    """Refuse a site_url or repo_url that is not a plain http(s) address with a host.

    Both are printed into every page (canonical link, header) and every feed, and usually come from the
    SITE_URL and REPO_URL environment variables: `"><script>` or `javascript://x/%0a...` must stop the
    build, not reach a reader."""
    for key in ("site_url", "repo_url"):
        value = config.get(key)
        if value and safe_url(value) != value:
            line, variable = _setting(project.mkdocs_yml, key)
            given = os.environ.get(variable, value) if variable else value
            source = f" (from {variable})" if variable else ""
            raise ConfigError(
                f"{project.shown(project.mkdocs_yml)}:{line}: {key}{source} is {given!r}: only an http:// or https:// "
                "address with a host, without spaces, quotes or angle brackets, can be published; nothing was written"
            )


def _setting(path: Path, key: str) -> tuple[int, str | None]:
    """The line of mkdocs.yml that sets a top-level key (1 when it is not spelled out there), and the
    environment variable it reads through !ENV, if any."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            variable = re.search(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)", line)
            return number, variable.group(1) if variable else None
    return 1, None


def build_site(project: Project, strict: bool, name: str = engine.DEFAULT) -> list[str]:
    """Build and index into a fresh folder, then put it in place of site/: a reader never sees half a site."""
    fresh = project.state / "site-new"
    shutil.rmtree(fresh, ignore_errors=True)
    warnings = engine.build(project, fresh, strict, name)
    swap(fresh, project.site, project.state / "site-old")
    return warnings


def folder_bytes(folder: Path) -> int:
    """The bytes of every file under folder (os.scandir: ~1 s for the 200k files of a 100k-paper site)."""
    total = 0
    for entry in os.scandir(folder):
        total += folder_bytes(Path(entry.path)) if entry.is_dir(follow_symlinks=False) else entry.stat(follow_symlinks=False).st_size
    return total


def parts_bytes(folder: Path) -> dict[str, int]:
    """The bytes under each top-level entry of a built site, largest first. Numbered shards count as
    one part ("pagefind-2" is "pagefind", "sitemap-2.xml" is "sitemap.xml"), folders end in "/"."""
    parts: dict[str, int] = {}
    for entry in os.scandir(folder):
        directory = entry.is_dir(follow_symlinks=False)
        name = re.sub(r"-\d+(?=\.|$)", "", entry.name) + ("/" if directory else "")
        size = folder_bytes(Path(entry.path)) if directory else entry.stat(follow_symlinks=False).st_size
        parts[name] = parts.get(name, 0) + size
    return dict(sorted(parts.items(), key=lambda item: (-item[1], item[0])))


def swap(fresh: Path, live: Path, old: Path) -> None:
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        os.replace(live, old)
    os.replace(fresh, live)
    shutil.rmtree(old, ignore_errors=True)
