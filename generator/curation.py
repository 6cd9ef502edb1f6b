"""The curator's edits (seeds/curation.yml): extra or removed tags, notes, hidden and pinned papers.

    papers:
      titans-learning-to-memorize-at-test-time:   # a paper's slug, or its arXiv id
        add_tags: [memory]
        remove_tags: [sequence-models]
        note: Discussed in the reading group on 2025-01-10.
        pin: true        # listed first on the home page
        hide: false      # true: no page, in no listing
    listings:
      hf-trending-listing.txt: Hugging Face trending papers, 11 March 2026   # what readers are told it is

The file survives every rebuild: papershelf reads it and never writes it. Every mistake in it (an
unknown key, paper or tag) is reported at once, and the build stops before writing anything.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from generator.enrich.taxonomy import Taxonomy
from generator.errors import ConfigError
from generator.model import Entry, TagMatch
from generator.problems import Problem
from generator.sources import refuse_link_out
from generator.sources.common import describe, text_list

KEYS = frozenset({"add_tags", "remove_tags", "note", "pin", "hide"})


@dataclass(frozen=True)
class Edit:
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    note: str = ""
    pin: bool = False
    hide: bool = False


SECTIONS = ("papers", "listings")
MAX_NAME = 120  # characters of a listing's name: a line of a page, not a paragraph


def load(seeds_dir: Path) -> tuple[str, dict[str, dict]]:
    shown, data = _document(seeds_dir)
    return shown, data.get("papers") or {}


def _document(seeds_dir: Path) -> tuple[str, dict]:
    path = seeds_dir / "curation.yml"
    refuse_link_out(path, seeds_dir)
    if not path.is_file():
        return path.as_posix(), {}
    shown = f"seeds/{path.name}"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as err:
        raise ConfigError(f"{shown}: not valid YAML: {err}") from None
    except RecursionError:
        raise ConfigError(f"{shown}: nested too deep to be a curation file") from None
    if not isinstance(data, dict) or set(data) - set(SECTIONS) or any(not isinstance(data.get(k) or {}, dict) for k in SECTIONS):
        raise ConfigError(f'{shown}: expected a mapping with the keys "papers" (each paper to its edits) and "listings" (each listing file to its name)')
    return shown, data


def _key_lines(seeds_dir: Path, section: str = "papers") -> dict[str, int]:
    """The line of each key of a section of curation.yml, for messages."""
    try:
        root = yaml.compose((seeds_dir / "curation.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        papers = next(value for key, value in root.value if key.value == section)
        return {key.value: key.start_mark.line + 1 for key, _ in papers.value}
    except Exception:  # load() has already reported what is wrong with the file
        return {}


def listing_names(seeds_dir: Path, files: list[str]) -> tuple[dict[str, str], list[Problem]]:
    """The curator's names for listings ({display path: name}), and warnings for names of files that
    are not seeds. A name that is not one line of text is an error naming its line."""
    shown, data = _document(seeds_dir)
    raw = data.get("listings") or {}
    lines = _key_lines(seeds_dir, "listings")
    by_name = {PurePosixPath(f).name: f for f in files}
    names, warnings, errors = {}, [], []
    for key, value in raw.items():
        line = lines.get(str(key), 0)
        name = " ".join(value.split()) if isinstance(value, str) else ""
        if not name or len(name) > MAX_NAME:
            errors.append(f"{shown}:{line}: listing {str(key)!r}: its name is {describe(value)}; expected one line of text (at most {MAX_NAME} characters)")
        elif str(key) not in by_name:
            warnings.append(Problem(shown, line, f"listing {str(key)!r}: no such seed file in seeds/; its name is not used"))
        else:
            names[by_name[str(key)]] = name
    if errors:
        raise ConfigError("\n".join(errors))
    return names, warnings


def apply(entries: list[Entry], seeds_dir: Path, taxonomy: Taxonomy) -> tuple[list[Entry], list[Problem]]:
    """Entries with the curator's edits applied (hidden ones dropped, pinned ones first), and warnings.

    An edit for a paper no source lists any more is a warning, not a stop: trending listings drop
    papers every day, and the edit applies again when the paper comes back (#16)."""
    shown, raw = load(seeds_dir)
    if not raw:
        return entries, []
    keys = {e.slug: e for e in entries} | {e.paper.arxiv_id: e for e in entries if e.paper.arxiv_id}
    tags = taxonomy.by_slug()
    errors, edits, warnings = [], {}, []
    lines = _key_lines(seeds_dir)
    for key, spec in raw.items():
        if str(key) not in keys:
            warnings.append(Problem(shown, lines.get(str(key), 0), f"paper {str(key)!r}: no paper in the seeds has this slug or arXiv id (see a paper's page for its slug); its edits wait until a source lists it"))
            continue
        edit, problems = _edit(str(key), spec, keys, tags)
        errors += [f"{shown}: paper {str(key)!r}: {p}" for p in problems]
        if edit:
            edits[keys[str(key)].slug] = edit
    if errors:
        raise ConfigError("\n".join(errors))
    curated = [_apply(e, edits[e.slug], tags) if e.slug in edits else e for e in entries]
    visible = [e for e in curated if not (e.slug in edits and edits[e.slug].hide)]
    return sorted(visible, key=lambda e: not e.pinned), warnings  # stable: pinned first, then listing order


def _edit(key: str, spec: object, keys: dict, tags: dict) -> tuple[Edit | None, list[str]]:
    if not isinstance(spec, dict):
        return None, [f"expected a mapping of {', '.join(sorted(KEYS))}"]
    problems = [f"unknown key {k!r} (known: {', '.join(sorted(KEYS))})" for k in spec if k not in KEYS]
    add, remove = (text_list(spec, key, problems, "tag slugs") for key in ("add_tags", "remove_tags"))
    problems += [f"tag {t!r} is not in the taxonomy" for t in add + remove if t not in tags]
    for flag in ("pin", "hide"):
        if flag in spec and not isinstance(spec[flag], bool):
            problems.append(f"{flag} must be true or false, not {spec[flag]!r}")
    if problems:
        return None, problems
    return Edit(add, remove, " ".join(str(spec.get("note") or "").split()), bool(spec.get("pin")), bool(spec.get("hide"))), []


def _apply(entry: Entry, edit: Edit, tags: dict) -> Entry:
    kept = [m for m in entry.tags if m.tag.slug not in edit.remove_tags]
    have = {m.tag.slug for m in kept}
    kept += [TagMatch(tags[slug], "added by the curator", 0.0) for slug in edit.add_tags if slug not in have]
    return dataclasses.replace(entry, tags=tuple(kept), note=edit.note, pinned=edit.pin)
