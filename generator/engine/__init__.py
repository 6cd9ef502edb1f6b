"""The site engine, behind this one package: nothing else in papershelf imports MkDocs.

An engine turns docs/ and mkdocs.yml into HTML; papershelf's theme (templates, CSS, the search box)
and its MkDocs plugin (lean pages, the Pagefind index) come with the package, not the project.
MkDocs is the default. ProperDocs, a drop-in fork of MkDocs 1.6, runs the same plugin; Zensical has
no plugin API, so papershelf gives it the theme as a folder and does the plugin's work on the site it
writes (see zensical.py). Material for MkDocs reaches end of life on 2027-05-05; a project that
outlives it switches with `papershelf build --engine NAME` and no other change.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from generator.errors import ConfigError
from generator.project import Project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs 1.x prints a banner about 2.0 otherwise

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT = "mkdocs"
THEME = Path(__file__).resolve().parent.parent / "theme"  # templates, CSS, search script, icons
PLUGIN = "papershelf"  # its name under mkdocs.yml's `plugins:` (the mkdocs.plugins entry point)
DEFAULT_URL = "http://127.0.0.1:8000/"  # where `papershelf serve` shows a site that names no site_url


def _module(engine: str):
    if engine not in ENGINES:
        raise ConfigError(f"--engine {engine!r}: papershelf builds with {', '.join(ENGINES)}")
    return importlib.import_module(f"generator.engine.{engine}")


def build(project: Project, site_dir: Path, strict: bool, engine: str = DEFAULT) -> list[str]:
    """Build the site into site_dir, pages indexed by Pagefind; returns the engine's warnings."""
    return _module(engine).build(project, site_dir, strict)


def settings(project: Project) -> dict:
    """mkdocs.yml's settings with its !ENV tags resolved, as every engine reads them."""
    from generator.engine import mkdocs

    return mkdocs.settings(project)


def live_server(project: Project, port: int, rebuild):
    """A server of site/ on 127.0.0.1 that reloads open pages after `rebuild` (MkDocs' own)."""
    from generator.engine import mkdocs

    return mkdocs.live_server(project, port, rebuild)


def listed_plugins(path: Path) -> list[str] | None:
    """The plugin names mkdocs.yml lists (None when it cannot be read as YAML: the engine will say why).
    Tags such as !ENV are read as nothing: only the plugin list matters here."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 (a SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    plugins = data.get("plugins", []) if isinstance(data, dict) else []
    if isinstance(plugins, dict):
        return list(plugins)
    return [next(iter(p)) if isinstance(p, dict) and p else p for p in plugins or [] if isinstance(p, (str, dict))]


def problems(project: Project) -> list:
    """mkdocs.yml without papershelf's plugin still builds with `papershelf build` (the engine adds it),
    but a plain `mkdocs build` would make another site: say so, and what to run."""
    from generator.problems import Problem

    if not project.mkdocs_yml.is_file():
        return []
    listed = listed_plugins(project.mkdocs_yml)
    if listed is None or PLUGIN in listed:
        return []
    lines = project.mkdocs_yml.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, start=1) if text.startswith("plugins:")), 0)
    return [Problem(project.shown(project.mkdocs_yml), line, f"plugins does not list {PLUGIN}: papershelf build adds it, but a plain `mkdocs build` would make a site without papershelf's theme and search index; run `papershelf upgrade` (or add `- {PLUGIN}` under plugins)", "warning")]


def page_meta(text: str) -> tuple[str, dict]:
    """A Markdown page's body and front matter, read as the engines read them (MkDocs' own reader)."""
    from mkdocs.utils.meta import get_data

    return get_data(text)
