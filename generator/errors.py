"""The few exceptions papershelf raises; the CLI catches PapershelfError once and prints it."""


class PapershelfError(Exception):
    """Base of every error shown to a user without a traceback."""


class SourceError(PapershelfError):
    """A seed file cannot be read at all (not one bad entry: those are Problems)."""


class ConfigError(PapershelfError):
    """The project's configuration (mkdocs.yml, taxonomy, curation file) is invalid."""


class HandEditError(PapershelfError):
    """A generated page was edited by hand, or a hand-written page sits where one would be generated."""


def not_utf8(shown: str, err: UnicodeDecodeError, consequence: str) -> str:
    """The message for a file that is not UTF-8: its line, column and the byte, then what follows."""
    line = err.object.count(b"\n", 0, err.start) + 1
    column = err.start - (err.object.rfind(b"\n", 0, err.start) + 1) + 1
    return f"{shown}:{line}: is not valid UTF-8 (byte {err.object[err.start:err.start + 1]!r} at column {column}); {consequence}"
