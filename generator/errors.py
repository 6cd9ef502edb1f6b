"""The few exceptions papershelf raises; the CLI catches PapershelfError once and prints it."""


class PapershelfError(Exception):
    """Base of every error shown to a user without a traceback."""


class SourceError(PapershelfError):
    """A seed file cannot be read at all (not one bad entry: those are Problems)."""


class ConfigError(PapershelfError):
    """The project's configuration (mkdocs.yml, taxonomy, curation file) is invalid."""


class HandEditError(PapershelfError):
    """A generated page was edited by hand, or a hand-written page sits where one would be generated."""
