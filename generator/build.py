"""The build, as the list of its stages: read -> merge -> enrich -> render -> plan -> write docs -> site
(the engine builds the HTML while Pagefind indexes it).

All data is gathered and every page rendered before anything is written, so each page sees the same
data and a bad input stops the build before it has touched docs/. `check`, `digest` and the
benchmarks run these same stages (the benchmarks time each through `lap`), never a copy of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from generator import cache, curation, history, latex, resolved, site, sources
from generator.engine import DEFAULT as DEFAULT_ENGINE
from generator.engine import problems as engine_problems
from generator.enrich import enrich, taxonomy
from generator.errors import ConfigError, PapershelfError, not_utf8
from generator.merge import merge
from generator.problems import Problem
from generator.project import Project
from generator.render import render_site
from generator.writer import OWNED_FOLDERS, Docs, Plan, atomic_write


@dataclass
class Report:
    papers: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: int = 0
    removed: int = 0
    mkdocs_warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    site_parts: dict[str, int] = field(default_factory=dict)  # bytes under each top-level entry of site/

    @property
    def site_bytes(self) -> int:
        return sum(self.site_parts.values())

    def count(self, level: str) -> int:
        return sum(1 for p in self.problems if p.level == level)


class InputError(PapershelfError):
    """The seeds have errors (or warnings, under --strict): the build stops before writing, naming each."""

    def __init__(self, report: Report, message: str):
        self.report = report
        super().__init__(message)


@dataclass
class Generated:
    report: Report
    plan: Plan
    docs: Docs
    history: dict
    entries: list
    memo: dict  # the enrichment cache, saved once the build has written docs/


def _no_lap(stage: str) -> None:
    pass


def generate(project: Project, force: bool = False, progress: Callable[[Iterable], Iterable] = iter, finish: bool = True, lap: Callable[[str], None] = _no_lap) -> Generated:
    """Everything up to the write: the report of problems, and the plan of what docs/ would change.

    finish=False (papershelf check, which writes nothing) leaves a killed build's commit for the next
    build: its journal is checked and reported, not applied. `lap(stage)` is called as each stage ends."""
    report = Report()
    read = sources.read_seeds(project.seeds, project.root)
    lap("read")
    memo = cache.load(project.state)
    papers, notes = merge(resolved.apply(latex.decode_all(read.papers, memo["latex"]), project.seeds))
    lap("merge")
    report.problems = sorted(read.problems + notes + sources.nothing_to_publish(read, project.seeds, project.root) + engine_problems(project))
    _stop_on_problems(report, strict=False)  # an unreadable seed file: stop before any more work
    tax = taxonomy.load(project.seeds)
    seen = history.update(history.load(project.seeds), papers, history.today())
    curated, waiting = curation.apply(enrich(papers, tax, memo["enrich"]), project.seeds, tax)
    named, unnamed = curation.listing_names(project.seeds, [project.shown(p) for p in sources.seed_files(project.seeds)])
    report.problems = sorted(report.problems + waiting + unnamed)
    entries = history.attach(curated, seen)
    report.papers = len(entries)
    lap("enrich")
    pages = render_site(entries, tax, site.info(project), progress, memo["pages"], read.names | named)
    lap("render")
    docs = Docs(project.docs, project.state)
    if not finish and docs.unfinished():
        docs.read_journal()  # a tampered journal is an error here too
        report.problems.append(Problem(project.shown(docs.txn / "journal.json"), 0, "a killed build left a commit half done; the next papershelf build finishes it (docs/ is not checked for hand edits until then)", "note"))
        return Generated(report, Plan(), docs, seen, entries, memo)
    docs.recover()
    plan = docs.plan(pages, force=force)
    report.problems = sorted(report.problems + docs.problems)  # the manifest's ignored entries (#21)
    lap("plan")
    return Generated(report, plan, docs, seen, entries, memo)


def check(project: Project, strict: bool = False) -> Report:
    """Validate the seeds and docs/ (hand edits included) without writing anything."""
    _hand_written_pages_readable(project)
    report = generate(project, finish=False).report
    _stop_on_problems(report, strict)
    return report


def _hand_written_pages_readable(project: Project) -> None:
    """Every hand-written page of docs/ is UTF-8, or MkDocs would stop with a traceback after docs/
    was written; checked first, so nothing is."""
    if not project.docs.is_dir():
        return
    pending = [p for p in project.docs.iterdir() if not (p.is_dir() and p.name in OWNED_FOLDERS)]
    while pending:
        path = pending.pop()
        if path.is_dir() and not path.is_symlink():
            pending.extend(path.iterdir())
        elif path.suffix == ".md" and path.is_file():
            try:
                path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as err:
                raise ConfigError(not_utf8(project.shown(path), err, "MkDocs cannot read it; fix the file (nothing was written)")) from None


def build(project: Project, strict: bool = False, force: bool = False, progress: Callable[[Iterable], Iterable] = iter, site_too: bool = True, engine: str = DEFAULT_ENGINE, lap: Callable[[str], None] = _no_lap) -> Report:
    """Generate docs/ from seeds/, then (unless site_too is False) build site/ and index it for search."""
    started = time.perf_counter()
    if site_too and not project.mkdocs_yml.is_file():
        raise ConfigError(f"{project.mkdocs_yml}: not found; the site is built with MkDocs from it (nothing was written)")
    project.docs.mkdir(exist_ok=True)  # a project of seeds/ and mkdocs.yml alone: docs/ is the build's to make
    _hand_written_pages_readable(project)
    generated = generate(project, force, progress, lap=lap)
    report, plan = generated.report, generated.plan
    _stop_on_problems(report, strict)
    generated.docs.commit(plan)
    _save_history(project, generated.history)
    cache.save(project.state, generated.memo)
    report.written = len(plan.writes)
    report.removed = len(plan.removes)
    lap("write")
    # Let go of the pages, entries and memo before MkDocs starts: at 100k papers they are gigabytes.
    del generated, plan
    if site_too:
        report.mkdocs_warnings = site.build_site(project, strict, engine)
        lap("site")
        report.site_parts = site.parts_bytes(project.site)
    report.seconds = time.perf_counter() - started
    return report


def _save_history(project: Project, state: dict) -> None:
    path = project.seeds / history.FILE
    data = history.serialise(state)
    if state and (not path.exists() or path.read_bytes() != data):
        atomic_write(path, data)


def _stop_on_problems(report: Report, strict: bool) -> None:
    if report.count("error"):
        raise InputError(report, f"{report.count('error')} error(s) in the seeds; nothing was written")
    if strict and report.count("warning"):
        raise InputError(report, f"{report.count('warning')} warning(s) and --strict was given; nothing was written")
