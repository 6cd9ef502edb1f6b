"""Shared test helpers: make a project folder, build it, serve it on 127.0.0.1, drive Chromium."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Debian's chromium; a GitHub runner has Google Chrome instead (PAPERSHELF_CHROMIUM in the workflow).
CHROMIUM = os.environ.get("PAPERSHELF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def make_project(folder: Path, seeds: dict[str, str | bytes] | None = None, seed_files: list[Path] = ()) -> Path:
    """A papershelf project like this repository's (mkdocs.yml, hand-written docs; the theme comes from the
    package) with given seeds."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    for part in ("about", "assets"):
        shutil.copytree(REPO / "docs" / part, folder / "docs" / part)
    (folder / "seeds").mkdir()
    for path in seed_files:
        shutil.copy(path, folder / "seeds" / path.name)
    for name, content in (seeds or {}).items():
        target = folder / "seeds" / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


class _Quiet(SimpleHTTPRequestHandler):
    """A static server that answers as GitHub Pages does: a missing page with the site's 404.html,
    every file cacheable for 10 minutes (the search box counts on the cache, the theme's assets/search.js)."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site: Path, requests: list[str] | None = None):
    """Serve a built site on 127.0.0.1 at a free port; yields its base URL. Each request's path (query
    included) is appended to `requests` when given, in the order they arrive."""

    class Counting(_Quiet):
        def parse_request(self) -> bool:
            # Noted as soon as the request line is read, before any work on it: on a busy machine a
            # thread that noted it at its answer could be overtaken by a later request's thread.
            parsed = super().parse_request()
            if parsed and requests is not None:
                requests.append(self.path)
            return parsed

    handler = functools.partial(Counting, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def soup(page: Path | str) -> BeautifulSoup:
    """A built page, parsed: tests read structure and attributes, not the theme's whitespace."""
    return BeautifulSoup(page.read_text(encoding="utf-8") if isinstance(page, Path) else page, "html.parser")


def search_titles(page, query: str) -> list[str]:
    """Type a query into the search box of an open page (opened with "/") and return the result titles
    once the results shown are this query's."""
    page.fill(".ps-search__input", query)
    page.wait_for_function("q => document.querySelector('.ps-search__results').dataset.query === q", arg=query, timeout=10_000)
    return page.locator(".ps-result__title").all_text_contents()
