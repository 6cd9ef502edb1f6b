"""ProperDocs, the drop-in fork of MkDocs 1.6: the same build, in a child process.

ProperDocs redirects every `mkdocs.*` import to `properdocs.*` once it is loaded, so Material and
papershelf's plugin run on it unchanged; a child process keeps that redirection away from MkDocs
itself when both are installed (as in the tests, which build with each)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.errors import PapershelfError
from generator.project import Project


def build(project: Project, site_dir: Path, strict: bool) -> list[str]:
    command = [sys.executable, "-m", "generator.engine.properdocs", str(project.root), str(site_dir), "strict" if strict else ""]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise PapershelfError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"properdocs build failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _child(root: str, site_dir: str, strict: str) -> int:
    try:
        import properdocs.replacement  # noqa: F401  (mkdocs.* imports now load properdocs.*)
    except ImportError:
        print("properdocs is not installed: pip install 'properdocs==1.6.7'", file=sys.stderr)
        return 1
    from generator.engine import mkdocs

    try:
        warnings = mkdocs.build(Project(Path(root)), Path(site_dir), bool(strict), package="properdocs")
    except PapershelfError as err:
        print(str(err).replace("\n", "; "), file=sys.stderr)
        return 1
    print(json.dumps(warnings))
    return 0


if __name__ == "__main__":
    sys.exit(_child(*sys.argv[1:4]))
