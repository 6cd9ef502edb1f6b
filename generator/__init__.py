"""papershelf: turn a collection of research papers into a searchable static site."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("papershelf")  # one version number: pyproject.toml's
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
