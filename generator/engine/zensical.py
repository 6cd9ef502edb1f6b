"""Zensical (the Material team's successor to MkDocs + Material): it reads mkdocs.yml but has no plugin
API and ignores plugins it does not know, so papershelf does the plugin's work around it.

Measured on Zensical 0.0.73 (the release installable here): it honours `custom_dir` (one folder),
`template:` front matter, nav, extra CSS and scripts and the Markdown extensions; it ignores
`static_templates`, the papershelf plugin and MkDocs' validation keys silently, turns its own search
on unless told not to, and accepts a site_dir only inside the folder of its config file. So:
- a config beside mkdocs.yml INHERITs it and sets the site folder, the classic look (0.0.x defaults
  to a "modern" variant), its search off and, as custom_dir, one folder of papershelf's theme with
  the project's own overrides copied over it (so the project's still win);
- Material's scripted parts (assets/material-parts.js, a static template) are rendered with MkDocs'
  Jinja2, as the plugin would have them rendered;
- every page written is then passed through lean.page (squeezed, indexed, index-only text stripped),
  as the plugin does while MkDocs writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator import lean
from generator.engine import DEFAULT_URL, THEME
from generator.errors import PapershelfError
from generator.indexer import Shards
from generator.project import Project

CONFIG = ".papershelf-zensical.yml"  # must sit beside mkdocs.yml: Zensical's project root is its config's folder
TIMEOUT = 3600


def build(project: Project, site_dir: Path, strict: bool) -> list[str]:
    from generator.engine import mkdocs as engine_mkdocs
    from generator.engine.plugin import CSS, EXTENSIONS, SCRIPTS, SHARD_SIZE, STATIC_TEMPLATES

    theme = _theme_folder(project)
    listed = engine_mkdocs.listed(project)
    config = project.root / CONFIG
    settings = {
        "INHERIT": project.mkdocs_yml.name,
        "site_dir": os.path.relpath(site_dir, project.root),
        "theme": {"custom_dir": str(theme), "variant": "classic"},
        "plugins": [{"search": {"enabled": False}}],  # Pagefind is the search; no second index
        # What the plugin adds under MkDocs (INHERIT appends lists): papershelf's CSS and search box.
        "extra_css": [name for name in CSS if name not in listed.get("extra_css", [])],
        "extra_javascript": [name for name in SCRIPTS if name not in listed.get("extra_javascript", [])],
        "markdown_extensions": [name for name in EXTENSIONS if name not in listed.get("markdown_extensions", [])],
    }
    config.write_text(json.dumps(settings, indent=1), encoding="utf-8")  # JSON is YAML
    try:
        command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)] + (["--strict"] if strict else [])
        try:
            done = subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise PapershelfError(f"zensical build: no answer after {TIMEOUT} s") from None
    finally:
        config.unlink(missing_ok=True)
    output = (done.stdout + done.stderr).strip()
    if done.returncode:
        if "No module named zensical" in output:
            raise PapershelfError("zensical is not installed: pip install 'zensical==0.0.73'")
        raise PapershelfError(f"zensical build failed (exit {done.returncode}): " + "; ".join(output.splitlines()[-5:]))
    warnings = [line.split(":", 1)[1].strip() for line in output.splitlines() if line.lower().startswith("warning:")]
    (site_dir / "search.json").unlink(missing_ok=True)  # its own index, empty with search off
    settings = engine_mkdocs.settings(project)
    for name in STATIC_TEMPLATES:
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(engine_mkdocs.render_static(project, name), encoding="utf-8")
    _lean_pages(site_dir, settings["site_url"] or DEFAULT_URL, SHARD_SIZE)
    return warnings


def _theme_folder(project: Project) -> Path:
    """papershelf's theme with the project's custom_dir copied over it: Zensical takes one folder."""
    from generator.engine import mkdocs as engine_mkdocs

    folder = project.state / "zensical-theme"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(THEME, folder)
    own = engine_mkdocs.custom_dir(project)
    if own is not None:
        shutil.copytree(own, folder, dirs_exist_ok=True)
    return folder


def _lean_pages(site_dir: Path, site_url: str, shard_size: int) -> None:
    from generator.engine.plugin import finish

    index = Shards(site_dir, lean.PAGEFIND_CONFIG, shard_size)
    try:
        for path in sorted(site_dir.rglob("*.html")):
            relative = path.relative_to(site_dir).as_posix()
            url = "/" + re.sub(r"(^|/)index\.html$", r"\1", relative)
            path.write_text(lean.page(path.read_text(encoding="utf-8"), url, index), encoding="utf-8")
        finish(site_dir, index.close(), site_url)
    except BaseException:
        index.abort()
        raise
