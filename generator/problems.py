"""Problems found in the input: reported all together, each naming file, line and value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    level: str = "warning"  # "warning" keeps the build going; "error" makes `check` fail

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def quote(value: str, limit: int = 60) -> str:
    """A value shortened and quoted for a message, so one line stays one line."""
    flat = " ".join(value.split())
    if len(flat) > limit:
        cut = flat[: limit - 3]
        flat = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip() + "..."  # at a word boundary
    return '"' + flat.replace('"', '\\"') + '"'
