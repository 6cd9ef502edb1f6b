"""Run the engines: MkDocs builds the HTML, Pagefind indexes it. The site is swapped in whole at the end."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator import sitemap
from generator.enrich.links import safe_url
from generator.errors import ConfigError, PapershelfError
from generator.indexer import Shards
from generator.project import Project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs 1.x prints a banner about 2.0 otherwise


class _Collect(logging.Handler):
    """Gathers MkDocs' warnings so the CLI can report them with its own and count them for --strict."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class SiteInfo:
    url: str
    name: str


PAGES_LIMIT = 10**9  # GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
DEFAULT_URL = "http://127.0.0.1:8000/"  # where `papershelf serve` shows a site that names no site_url


def info(project: Project) -> SiteInfo:
    """The site's URL and name from mkdocs.yml (with its !ENV tags resolved), for feeds and citations."""
    if not project.mkdocs_yml.is_file():
        return SiteInfo(DEFAULT_URL, "papershelf")
    from mkdocs.config import load_config

    config = load_config(str(project.mkdocs_yml))
    check_addresses(project, config)
    return SiteInfo(config.site_url or DEFAULT_URL, config.site_name)


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


# Pagefind's options; permalink anchors ("¶") would otherwise end every indexed title.
PAGEFIND_CONFIG = {"exclude_selectors": [".headerlink"]}
MATERIAL_PARTS = "assets/material-parts.js"
SHARD_SIZE = 5_000  # pages per Pagefind bundle: ~0.75 GB while writing one (1.45 GB at 10k, see indexer.Shards)


def mkdocs_build(project: Project, site_dir: Path, strict: bool, index: Shards | None = None) -> list[str]:
    """Build the HTML into site_dir with MkDocs (a sitemap index past 50,000 URLs), handing indexable
    pages to `index`; returns MkDocs' warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.lean import Lean

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(project.mkdocs_yml), site_dir=str(site_dir), strict=strict)
        check_addresses(project, config)
        config.plugins["papershelf-lean"] = Lean(index)
        # Listings are numbered lists split into pages: without sane_lists, Python-Markdown numbers
        # page 2 from 1 again. mkdocs.yml lists it; a project made from an older one gets it here.
        if "sane_lists" not in config.markdown_extensions:
            config.markdown_extensions.append("sane_lists")
        # Material's parts that need JavaScript come from one cached script rendered from mkdocs.yml
        # (overrides/assets/material-parts.js); mkdocs.yml lists it, a project made from an older one
        # gets it here, as papershelf's header loads it on every page.
        config.theme.static_templates.add(MATERIAL_PARTS)
        build(config)
        sitemap.split(site_dir, config.site_url or DEFAULT_URL)
    except MkDocsException as err:
        details = "\n".join(handler.messages)
        raise PapershelfError(f"mkdocs build failed: {err}" + (f"\n{details}" if details else "")) from None
    except FileNotFoundError as err:
        raise ConfigError(f"{project.shown(project.mkdocs_yml)}: {err}") from None
    finally:
        logger.removeHandler(handler)
    return handler.messages


def build_and_index(project: Project, site_dir: Path, strict: bool) -> list[str]:
    """MkDocs writes the pages while Pagefind indexes them; the bundle list goes to pagefind/bundles.json."""
    index = Shards(site_dir, PAGEFIND_CONFIG, SHARD_SIZE)
    try:
        warnings = mkdocs_build(project, site_dir, strict, index)
        bundles = index.close()
    except BaseException:
        index.abort()
        raise
    # The search box reads this to merge the other bundles into the first (see docs/assets/search.js).
    (site_dir / "pagefind" / "bundles.json").write_text(json.dumps(bundles), encoding="utf-8")
    return warnings


def build_site(project: Project, strict: bool) -> list[str]:
    """Build into a fresh folder, index it, then put it in place of site/: a reader never sees half a site."""
    fresh = project.state / "site-new"
    shutil.rmtree(fresh, ignore_errors=True)
    warnings = build_and_index(project, fresh, strict)
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
