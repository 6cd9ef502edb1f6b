"""What readers' tools take away, as a registry of exports (generator/exports/: feeds, BibTeX, the
JSON read API). Each export is one module with `files(site) -> {path under docs/: text}`; papershelf
finds those of generator/exports/ and any installed package's `papershelf.outputs` entry point, so a
new export is one module and nothing here changes.

Everything is derived from the entries and the site URL alone, so it is as deterministic as the
pages: item dates come from the listing history (first seen), never from the clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.enrich.taxonomy import Taxonomy
from generator.model import Entry


@dataclass(frozen=True)
class Site:
    """What every export is made from."""

    entries: list[Entry]
    taxonomy: Taxonomy
    url: str
    name: str
    bibs: dict[str, str]  # each paper's BibTeX entry, by slug
    names: dict[str, str]  # each source's name for readers, by seed path


def first_seen(entry: Entry) -> str | None:
    dates = [first for _, first, _ in entry.history] or ([entry.paper.published] if entry.paper.published and len(entry.paper.published) == 10 else [])
    return min(dates) if dates else None


def page_url(site_url: str, entry: Entry) -> str:
    return f"{site_url.rstrip('/')}/papers/{entry.slug}/"


def as_json(data: object) -> str:
    # Compact: indentation made the read API a tenth bigger, and every reader of it parses JSON anyway.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def exports() -> list:
    """Every export module, in name order (the package's own first), then those of installed packages."""
    import importlib
    import pkgutil
    from importlib.metadata import entry_points

    from generator import exports as package

    found = [importlib.import_module(f"{package.__name__}.{info.name}") for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name)]
    return found + [point.load() for point in entry_points(group="papershelf.outputs")]


def render_outputs(entries: list[Entry], taxonomy: Taxonomy, site_url: str, site_name: str, bibs: dict[str, str], names: dict[str, str]) -> dict[str, str]:
    """Every export's files, keyed by path under docs/; two exports may not write one path."""
    from generator.errors import ConfigError
    from generator.writer import owned

    site = Site(entries, taxonomy, site_url, site_name, bibs, names)
    files: dict[str, str] = {}
    for module in exports():
        made = module.files(site)
        clash = sorted(set(made) & set(files))
        if clash:
            raise ConfigError(f"export {module.__name__}: writes {clash[0]}, which another export writes")
        outside = sorted(path for path in made if not owned(path))
        if outside:  # docs/ outside papershelf's folders is the curator's (writer.py)
            raise ConfigError(f"export {module.__name__}: writes {outside[0]}, outside the folders papershelf generates in docs/ (api/, bib/, feeds/, ...)")
        files.update(made)
    return files
