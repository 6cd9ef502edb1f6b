"""Preview: serve site/ on 127.0.0.1 with live reload, rebuilding when the inputs change."""

from __future__ import annotations

from collections.abc import Callable

from generator.project import Project


def serve(project: Project, port: int, rebuild: Callable[[], None]) -> None:
    """Serve the built site (search index included) and rebuild on changes to seeds/, docs/, mkdocs.yml."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(project.site))
    for path in (project.seeds, project.docs, project.mkdocs_yml, project.root / "overrides"):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
