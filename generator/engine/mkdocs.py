"""MkDocs (and ProperDocs, its fork with the same modules): build in this process with papershelf's plugin."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from generator.errors import ConfigError, PapershelfError
from generator.project import Project


class _Collect(logging.Handler):
    """Gathers the engine's warnings so the CLI can report them with its own and count them for --strict."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def settings(project: Project, package: str = "mkdocs") -> dict:
    config = importlib.import_module(f"{package}.config").load_config(str(project.mkdocs_yml))
    return {key: config.get(key) for key in ("site_url", "site_name", "repo_url")}


def build(project: Project, site_dir: Path, strict: bool, package: str = "mkdocs") -> list[str]:
    """Build the HTML into site_dir; the papershelf plugin indexes it and splits the sitemap. Returns
    the engine's warnings. A mkdocs.yml that does not list the plugin gets it here (and a warning from
    generator.engine.problems), so an older project still builds."""
    build = importlib.import_module(f"{package}.commands.build").build
    load_config = importlib.import_module(f"{package}.config").load_config
    failure = importlib.import_module(f"{package}.exceptions").MkDocsException
    from generator import site
    from generator.engine.plugin import Papershelf

    handler = _Collect()
    loggers = [logging.getLogger(name) for name in {"mkdocs", package}]  # Material logs as "mkdocs.*"
    for logger in loggers:
        logger.addHandler(handler)
    try:
        config = load_config(str(project.mkdocs_yml), site_dir=str(site_dir), strict=strict)
        site.check_addresses(project, config)
        if not any(isinstance(plugin, Papershelf) for plugin in config.plugins.values()):
            config.plugins["papershelf"] = Papershelf()
        build(config)
    except failure as err:
        details = "\n".join(handler.messages)
        raise PapershelfError(f"{package} build failed: {err}" + (f"\n{details}" if details else "")) from None
    except FileNotFoundError as err:
        raise ConfigError(f"{project.shown(project.mkdocs_yml)}: {err}") from None
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    return handler.messages


def live_server(project: Project, port: int, rebuild):
    from mkdocs.livereload import LiveReloadServer

    return LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(project.site))


def custom_dir(project: Project) -> Path | None:
    """The project's own template folder (theme.custom_dir), if it names one."""
    from mkdocs.config import load_config

    folder = load_config(str(project.mkdocs_yml)).theme.custom_dir
    return Path(folder) if folder else None


def render_static(project: Project, name: str) -> str:
    """A static template of the theme (Material's scripted parts), rendered by MkDocs' Jinja2 exactly
    as a MkDocs build renders it: for an engine that does not render static templates itself."""
    from mkdocs.commands.build import get_context
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.engine.plugin import Papershelf

    config = load_config(str(project.mkdocs_yml))
    Papershelf().on_config(config)
    return config.theme.get_env().get_template(name).render(get_context(None, Files([]), config))


def listed(project: Project) -> dict[str, list[str]]:
    """The CSS, scripts and Markdown extensions mkdocs.yml itself lists, by name."""
    from mkdocs.config import load_config

    config = load_config(str(project.mkdocs_yml))
    return {
        "extra_css": list(config.extra_css),
        "extra_javascript": [str(script) for script in config.extra_javascript],
        "markdown_extensions": list(config.markdown_extensions),
    }
