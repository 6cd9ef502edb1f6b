"""Preview: serve site/ on 127.0.0.1 with live reload, rebuilding when the inputs change."""

from __future__ import annotations

import socket
from collections.abc import Callable

from generator.errors import PapershelfError
from generator.project import Project


def check_port(port: int) -> None:
    """Stop before building if 127.0.0.1:port cannot be served (MkDocs would raise a bare OSError
    only after the build). Bound as the live server binds it, reuse allowed, then released."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as err:
            raise PapershelfError(f"cannot serve on 127.0.0.1:{port}: {err.strerror}; stop what uses it or pick another with --port") from None


def serve(project: Project, port: int, rebuild: Callable[[], None]) -> None:
    """Serve the built site (search index included) and rebuild on changes to seeds/, docs/, mkdocs.yml."""
    from generator import engine

    server = engine.live_server(project, port, rebuild)
    # A missing page gets the site's 404 page, as on GitHub Pages (and as `mkdocs serve` does).
    server.error_handler = lambda code: _page(project.site / "404.html") if code == 404 else None
    for path in (project.seeds, project.docs, project.mkdocs_yml, project.root / "overrides"):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _page(path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None
