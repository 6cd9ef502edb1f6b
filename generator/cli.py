"""The papershelf command: a thin layer over generator.build. Exit codes: 0 done, 1 failed, 2 usage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from generator import __version__
from generator.engine import DEFAULT as DEFAULT_ENGINE
from generator.engine import ENGINES
from generator.errors import PapershelfError
from generator.project import Project

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="papershelf", description="Publish a collection of research papers as a searchable static site.")
    top.add_argument("--version", action="version", version=f"papershelf {__version__}")
    top.add_argument("-C", "--project", type=Path, default=Path("."), help="the project folder (default: the current one)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="write docs/ from seeds/ and build the site into site/")
    serve = commands.add_parser("serve", help="build, then serve on 127.0.0.1 and rebuild when seeds/ or docs/ change")
    check = commands.add_parser("check", help="report every problem in seeds/ and docs/ without writing anything")
    for command in (build, serve, check):
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    for command in (build, serve):
        command.add_argument("--force", action="store_true", help="overwrite generated pages that were edited by hand")
    build.add_argument("--docs-only", action="store_true", help="write docs/ only; skip the site engine and the search index")
    for command in (build, serve):
        command.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help=f"the site engine (default: {DEFAULT_ENGINE})")
    serve.add_argument("--port", type=int, default=8000)
    add = commands.add_parser("add", help="check a file of papers (any supported format, - for standard input) and add it to seeds/")
    digest = commands.add_parser("digest", help="write an HTML and text digest of the papers first seen since a date; --send mails it")
    digest.add_argument("--since", required=True, help="YYYY-MM-DD")
    digest.add_argument("--out", type=Path, default=Path("digests"), help="folder for the digest files (default: digests/)")
    digest.add_argument("--send", action="store_true", help="send it over SMTP (settings from PAPERSHELF_SMTP_* variables)")
    add.add_argument("file", help="a listing, Hugging Face JSON, arXiv Atom, BibTeX or records file; - reads standard input")
    fetch = commands.add_parser("fetch", help="fetch papers from Hugging Face or arXiv into seeds/ (one file per period or query)")
    where = fetch.add_subparsers(dest="source", required=True, metavar="SOURCE")
    hf = where.add_parser("hf", help="Hugging Face daily papers of a day (default: today), an ISO week or a month")
    when = hf.add_mutually_exclusive_group()
    when.add_argument("--date", help="YYYY-MM-DD")
    when.add_argument("--week", help="YYYY-Www, for example 2026-W11")
    when.add_argument("--month", help="YYYY-MM")
    when.add_argument("--paper", nargs="+", metavar="ID", help="papers' own Hugging Face pages (linked models, datasets, Spaces), like 2608.09888")
    arxiv = where.add_parser("arxiv", help="arXiv API entries by id or by query")
    what = arxiv.add_mutually_exclusive_group(required=True)
    what.add_argument("--id", nargs="+", metavar="ID", help="arXiv ids, like 2501.00663")
    what.add_argument("--query", help="an arXiv API search_query, like 'cat:cs.RO AND ti:grasping'")
    arxiv.add_argument("--max", type=int, default=100, help="at most this many entries (default 100)")
    new = commands.add_parser("new", help="make a new project in DIR: mkdocs.yml, seeds/ with an example, an About page")
    new.add_argument("dir", type=Path, help="the folder to make (new, or empty)")
    new.add_argument("--name", help="the site's name (default: the folder's name)")
    commands.add_parser("upgrade", help="move a project that holds copies of papershelf's theme onto the installed package's")
    resolve = commands.add_parser("resolve", help="find on arXiv the listed papers that have no arXiv id; writes seeds/resolved.yml")
    for command in (hf, arxiv, resolve):
        command.add_argument("--offline", action="store_true", help="never touch the network")
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit:  # argparse exits 2 on usage errors and 0 for --help
        return int(exit.code or 0)
    project = Project(args.project.resolve())
    try:
        return COMMANDS[args.command](project, args)
    except PapershelfError as err:
        report = getattr(err, "report", None)
        if report is not None:
            _print_problems(report.problems)
        print(f"papershelf: error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("papershelf: interrupted", file=sys.stderr)
        return EXIT_FAILED


def _progress(items: Iterable) -> Iterable:
    from tqdm import tqdm

    # disable=None: a bar on a terminal only, never in logs or CI output
    return tqdm(items, desc="pages", unit="page", disable=None, leave=False, file=sys.stderr)


def _print_problems(problems) -> None:
    for problem in problems:
        print(f"{problem.level}: {problem}", file=sys.stderr)


def _build(project: Project, args: argparse.Namespace) -> int:
    from generator.build import build
    from generator.site import PAGES_LIMIT

    site_too = not getattr(args, "docs_only", False)
    report = build(project, strict=args.strict, force=args.force, progress=_progress, site_too=site_too, engine=args.engine)
    _print_problems(report.problems)
    for message in report.mkdocs_warnings:
        print(f"warning: {args.engine}: {message}", file=sys.stderr)
    if report.site_bytes > PAGES_LIMIT:
        # The largest parts say where to cut: at 100k papers the paper pages alone are about 1 GB.
        largest = ", ".join(f"{name} {size / 1e6:,.0f} MB" for name, size in list(report.site_parts.items())[:3])
        print(
            f"warning: site/ is {report.site_bytes / 1e6:,.0f} MB; GitHub Pages publishes sites of at most "
            f"{PAGES_LIMIT / 1e6:,.0f} MB. Largest parts: {largest} "
            "(docs/about/benchmarks.md shows where a paper's bytes go)",
            file=sys.stderr,
        )
    print(
        f"papershelf: {report.papers} papers, {report.count('warning')} warning(s); "
        f"docs/: {report.written} written, {report.removed} removed"
        + (f"; site/ ({report.site_bytes / 1e6:,.1f} MB) built in {report.seconds:.1f} s" if site_too else f" in {report.seconds:.1f} s")
    )
    return EXIT_OK


def _check(project: Project, args: argparse.Namespace) -> int:
    from generator.build import check

    report = check(project, strict=args.strict)
    _print_problems(report.problems)
    print(f"papershelf: {report.papers} papers, {report.count('warning')} warning(s), no errors")
    return EXIT_OK


def _serve(project: Project, args: argparse.Namespace) -> int:
    from generator.serve import check_port, serve

    check_port(args.port)
    _build(project, args)
    serve(project, port=args.port, rebuild=lambda: _rebuild(project, args))
    return EXIT_OK


def _rebuild(project: Project, args: argparse.Namespace) -> None:
    """A rebuild while serving reports its problems and keeps serving the last good site."""
    try:
        _build(project, args)
    except PapershelfError as err:
        _print_problems(getattr(getattr(err, "report", None), "problems", []))
        print(f"papershelf: error: {err}; still serving the last good site", file=sys.stderr)


def _add(project: Project, args: argparse.Namespace) -> int:
    from generator.add import add

    if args.file == "-":
        data, name = sys.stdin.buffer.read(), None
    else:
        path = Path(args.file)
        if not path.is_file():
            print(f"papershelf: error: {args.file}: no such file", file=sys.stderr)
            return EXIT_FAILED
        data, name = path.read_bytes(), path.name
    target, result = add(project, data, name)
    _print_problems(result.problems)
    print(f"papershelf: added {len(result.papers)} papers as {project.shown(target)}; run papershelf build to publish them")
    return EXIT_OK


def _digest(project: Project, args: argparse.Namespace) -> int:
    from generator import digest, site
    from generator.build import generate
    from generator.writer import atomic_write

    since = digest.parse_date(args.since)
    smtp = digest.smtp_settings() if args.send else None  # wrong settings stop the run before any work
    info = site.info(project)
    made = digest.make(generate(project).entries, since, info.url, info.name)
    out = args.out if args.out.is_absolute() else project.root / args.out
    for suffix, text in (("html", made.html), ("txt", made.text)):
        atomic_write(out / f"digest-{since}.{suffix}", text.encode("utf-8"))
    print(f"papershelf: {made.count} new papers since {since}; wrote {project.shown(out)}/digest-{since}.html and .txt")
    if args.send:
        recipients = digest.send(made, smtp)
        print(f"papershelf: sent to {', '.join(recipients)}")
    return EXIT_OK


def _fetch(project: Project, args: argparse.Namespace) -> int:
    from generator import history
    from generator.fetch import arxiv, hf
    from generator.net import Settings

    settings = Settings.from_env(offline=args.offline)
    if args.source == "hf" and args.paper:
        for paper_id in args.paper:  # one file a paper, each kept as soon as it is fetched
            _report_stored(project, hf.fetch_paper(project.seeds, history.today(), paper_id, settings))
        return EXIT_OK
    if args.source == "hf":
        stored = hf.fetch(project.seeds, history.today(), args.date, args.week, args.month, settings)
    else:
        stored = arxiv.fetch(project.seeds, ids=args.id, query=args.query, most=args.max, settings=settings)
    _report_stored(project, stored)
    return EXIT_OK


def _report_stored(project: Project, stored) -> None:
    _print_problems(stored.problems)
    shown = project.shown(stored.path)
    if not stored.papers:
        print(f"papershelf: the answer lists no papers; nothing was written ({shown} not made)")
    elif stored.changed:
        print(f"papershelf: {stored.papers} papers; wrote {shown}")
    else:
        print(f"papershelf: {stored.papers} papers; {shown} already holds this answer, unchanged")


def _resolve(project: Project, args: argparse.Namespace) -> int:
    from generator import history
    from generator.net import Settings
    from generator.resolve import resolve

    outcome = resolve(project.seeds, project.root, history.today(), Settings.from_env(offline=args.offline))
    for title, arxiv_id, path in outcome.known:
        print(f"papershelf: \"{title}\" is arXiv {arxiv_id} in {path}; not asked of arXiv")
    for title, ids in outcome.ambiguous:
        print(f"warning: resolve: \"{title}\": several arXiv papers have this title ({', '.join(ids)}); write the right one in seeds/resolved.yml", file=sys.stderr)
    for title, other in outcome.different:
        print(f"warning: resolve: \"{title}\": arXiv {other} has this title but another abstract; not matched", file=sys.stderr)
    for title in outcome.missing:
        print(f"warning: resolve: \"{title}\": not found on arXiv", file=sys.stderr)
    for title, listed in outcome.others:
        print(f"warning: resolve: \"{title}\": arXiv's answer lists {listed} other paper(s), none with this title; not matched", file=sys.stderr)
    for title, arxiv_id in outcome.unknown:
        print(f"warning: resolve: \"{title}\": arXiv has no paper {arxiv_id}; its page keeps what its other sources say", file=sys.stderr)
    left = len(outcome.missing) + len(outcome.ambiguous) + len(outcome.different) + len(outcome.others)
    already = f", {len(outcome.known)} already in seeds/ with an arXiv id" if outcome.known else ""
    wrote = (["seeds/resolved.yml"] if outcome.found else []) + (["seeds/resolved-arxiv.xml"] if outcome.found or outcome.completed else [])
    print(
        f"papershelf: resolved {len(outcome.found)} paper(s), {left} not{already}; arXiv's entry added for {len(outcome.completed)} paper(s) known by id; "
        + (f"wrote {' and '.join(wrote)}" if wrote else "nothing was written")
    )
    return EXIT_OK


def _new(project: Project, args: argparse.Namespace) -> int:
    from generator.create import new

    folder = args.dir if args.dir.is_absolute() else project.root / args.dir
    written = new(folder, args.name)
    print(f"papershelf: made {folder} ({len(written)} files); next: cd {args.dir} && papershelf serve")
    return EXIT_OK


def _upgrade(project: Project, args: argparse.Namespace) -> int:
    from generator.upgrade import upgrade

    done = upgrade(project)
    for path in done.kept:
        print(f"note: {path}: edited by you, kept; it overrides papershelf's own (compare with the package's generator/theme/)", file=sys.stderr)
    changes = [f"moved {len(done.moved)} copied theme file(s) to .papershelf/old-theme/"] if done.moved else []
    changes += ["added the papershelf plugin to mkdocs.yml"] if done.plugin_added else []
    changes += ["dropped custom_dir: overrides (the folder is empty now)"] if done.custom_dir_dropped else []
    print("papershelf: " + ("; ".join(changes) if changes else "nothing to upgrade") + "; the theme comes from the installed package")
    return EXIT_OK


COMMANDS = {"build": _build, "check": _check, "serve": _serve, "add": _add, "digest": _digest, "fetch": _fetch, "resolve": _resolve, "new": _new, "upgrade": _upgrade}
