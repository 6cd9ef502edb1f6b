"""What readers' tools consume: feeds, BibTeX, the JSON read API, the digest, the deploy workflow."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import pytest

from generator.cli import main
from helpers import REPO, soup

ATOM = "{http://www.w3.org/2005/Atom}"


def test_site_feeds_carry_every_paper(seed_project):
    site = seed_project.site
    atom = ElementTree.parse(site / "feeds" / "all.atom.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    assert len(entries) == 55
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 55 and all(i.startswith("http://127.0.0.1:8000/papers/") for i in ids)
    assert {e.find(f"{ATOM}published").text for e in entries} == {"2026-03-11T00:00:00+00:00"}  # first seen (SOURCE_DATE_EPOCH)
    rss = ElementTree.parse(site / "feeds" / "all.rss.xml").getroot()
    assert len(rss.findall("channel/item")) == 55
    feed = json.loads((site / "feeds" / "all.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and len(feed["items"]) == 55
    assert feed["items"][0]["title"].startswith("GPSFormer")  # same day: listing order


def test_tag_feeds_and_autodiscovery(seed_project):
    site = seed_project.site
    memory = ElementTree.parse(site / "feeds" / "tags" / "memory.atom.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in memory.findall(f"{ATOM}entry")]
    assert titles and all(t for t in titles)
    feeds = {(link["type"], link["title"], link["href"]) for link in soup(site / "tags" / "memory" / "index.html").select('head link[rel="alternate"]')}
    assert ("application/atom+xml", "Memory (Atom)", "../../feeds/tags/memory.atom.xml") in feeds
    assert ("application/feed+json", "papershelf: all papers (JSON Feed)", "../../feeds/all.json") in feeds


def test_bulk_bibtex_parses_with_every_paper(seed_project):
    library = bibtexparser.parse_string((seed_project.site / "papers.bib").read_text())
    assert library.failed_blocks == []
    assert len(library.entries) == 55
    assert len({e.key for e in library.entries}) == 55
    tagged = bibtexparser.parse_string((seed_project.site / "bib" / "tags" / "memory.bib").read_text())
    assert 0 < len(tagged.entries) < 55


def test_read_api(seed_project):
    papers = json.loads((seed_project.site / "papers.json").read_text())["papers"]
    assert len(papers) == 55
    first = papers[0]
    assert set(first) >= {"title", "url", "tags", "authors", "ids", "links", "summary"}
    assert first["links"] == [{"kind": "code", "url": "https://github.com/changshuowang/GPSFormer"}]
    memory = json.loads((seed_project.site / "api" / "tags" / "memory.json").read_text())
    tagged = {p["slug"]: p for p in papers if "memory" in p["tags"]}
    assert memory["tag"] == "memory" and [p["slug"] for p in memory["papers"]] == list(tagged)
    assert all(p["title"] == tagged[p["slug"]]["title"] and p["url"] == tagged[p["slug"]]["url"] for p in memory["papers"])


def test_paper_page_cites_and_shares(seed_project):
    page = soup(seed_project.site / "papers" / "titans-learning-to-memorize-at-test-time" / "index.html")
    assert page.select_one("pre code.language-bibtex").get_text().startswith("@misc{")
    assert page.select_one('meta[property="og:title"]')["content"] == "Titans: Learning to Memorize at Test Time"
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary"
    assert (seed_project.site / "404.html").exists() and (seed_project.site / "sitemap.xml").exists()


def test_citation_of_a_merged_paper_keeps_author_order(project):
    shutil.copy(REPO / "tests" / "fixtures" / "sources" / "papers.bib", project.seeds)
    shutil.copy(REPO / "seeds" / "hf-trending-listing.txt", project.seeds)
    from generator.build import build

    build(project, site_too=False)
    library = bibtexparser.parse_string((project.docs / "papers.bib").read_text())
    svm = next(e for e in library.entries if "Support Vector" in e.fields_dict["title"].value)
    assert svm.fields_dict["author"].value == "Tarzanagh, Davoud Ataee and Li, Yingcong and Thrampoulidis, Christos and Oymak, Samet"
    assert svm.fields_dict["eprint"].value == "2308.16898" and svm.fields_dict["year"].value == "2023"


def test_hostile_titles_stay_valid_xml_and_bibtex(hostile_project):
    project, _ = hostile_project
    ElementTree.parse(project.site / "feeds" / "all.atom.xml")
    library = bibtexparser.parse_string((project.site / "papers.bib").read_text())
    assert library.failed_blocks == [] and len(library.entries) == 11


def test_workflow_validates_against_githubs_schema():
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(REPO / ".github" / "workflows" / "deploy.yml")],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    workflow = (REPO / ".github" / "workflows" / "deploy.yml").read_text()
    assert "actions/upload-pages-artifact" in workflow and "actions/deploy-pages" in workflow


def test_the_daily_workflow_fetches_tests_commits_history_then_deploys():
    """#16: the order of the build job's steps is the promise: nothing is deployed that failed a test,
    and history is committed back so tomorrow's run remembers today's."""
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text())
    assert workflow["permissions"] == {}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "write"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "build"
    runs = [step.get("run", step.get("uses", "")) for step in build["steps"]]
    order = [
        next(i for i, r in enumerate(runs) if needle in r)
        for needle in ("papershelf fetch hf", "papershelf resolve", "papershelf check --strict", "pytest", "papershelf build --strict", "git push", "upload-pages-artifact")
    ]
    assert order == sorted(order)
    assert "git add seeds" in runs[order[5]]


def test_digest_arrives_at_a_local_smtp_server(project, monkeypatch, capsys):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    shutil.copy(REPO / "tests" / "fixtures" / "sources" / "daily_papers.json", project.seeds)
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("PAPERSHELF_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("PAPERSHELF_SMTP_PORT", str(port))
        monkeypatch.setenv("PAPERSHELF_SMTP_TO", "reader@example.org, group@example.org")
        code = main(["-C", str(project.root), "digest", "--since", "2024-03-01", "--send"])
        out, err = capsys.readouterr()
        deadline = time.time() + 5
        while not received and time.time() < deadline:
            time.sleep(0.05)
    finally:
        controller.stop()
    assert code == 0, err
    assert out.splitlines() == [
        "papershelf: 2 new papers since 2024-03-01; wrote digests/digest-2024-03-01.html and .txt",
        "papershelf: sent to reader@example.org, group@example.org",
    ]
    (message,) = received
    assert message["Subject"] == "papershelf: 2 new papers since 2024-03-01"
    parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk() if not part.is_multipart()}
    assert "Titans: Learning to Memorize at Test Time" in parts["text/plain"]
    assert "Sparse Mixture of Memories" in parts["text/html"] and "InfLLM" not in parts["text/html"]  # first seen 2024-02-08
    assert (project.root / "digests" / "digest-2024-03-01.html").exists()


def test_digest_needs_smtp_settings(project, capsys, monkeypatch):
    monkeypatch.delenv("PAPERSHELF_SMTP_HOST", raising=False)
    monkeypatch.delenv("PAPERSHELF_SMTP_TO", raising=False)
    code = main(["-C", str(project.root), "digest", "--since", "2024-03-01", "--send"])
    assert code == 1
    assert capsys.readouterr().err == "papershelf: error: --send needs PAPERSHELF_SMTP_HOST and PAPERSHELF_SMTP_TO in the environment\n"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PAPERSHELF_SMTP_PORT", "twenty-five", "PAPERSHELF_SMTP_PORT 'twenty-five': not a port number (1 to 65535); nothing was sent"),
        ("PAPERSHELF_SMTP_PORT", "70000", "PAPERSHELF_SMTP_PORT '70000': not a port number (1 to 65535); nothing was sent"),
        ("PAPERSHELF_SMTP_TO", "reader@example.org\r\nBcc: all@example.org", "PAPERSHELF_SMTP_TO 'reader@example.org\\r\\nBcc: all@example.org': holds a line break or NUL, which would add lines to the message; nothing was sent"),
        ("PAPERSHELF_SMTP_FROM", "me@example.org\nX-Spam: no", "PAPERSHELF_SMTP_FROM 'me@example.org\\nX-Spam: no': holds a line break or NUL, which would add lines to the message; nothing was sent"),
    ],
)
def test_bad_smtp_settings_are_named_before_any_work(project, capsys, monkeypatch, name, value, message):
    monkeypatch.setenv("PAPERSHELF_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PAPERSHELF_SMTP_TO", "reader@example.org")
    monkeypatch.setenv(name, value)
    before = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    assert main(["-C", str(project.root), "digest", "--since", "2024-03-01", "--send"]) == 1
    assert capsys.readouterr().err == f"papershelf: error: {message}\n"
    assert sorted(p.relative_to(project.root) for p in project.root.rglob("*")) == before  # no digest written either


def test_digest_rejects_a_bad_date(project, capsys):
    assert main(["-C", str(project.root), "digest", "--since", "March"]) == 1
    assert capsys.readouterr().err == "papershelf: error: --since 'March': expected a date as YYYY-MM-DD\n"


def test_a_new_export_is_one_module_and_may_not_overwrite_another(tmp_path, monkeypatch):
    """An export from an installed package (a `papershelf.outputs` entry point) adds its files to docs/."""
    import importlib.metadata
    import types

    import pytest

    from generator.build import build
    from generator.errors import ConfigError
    from generator.project import Project
    from helpers import REPO, make_project

    def files(site):
        return {"api/titles.txt": "".join(f"{e.paper.title}\n" for e in site.entries)}

    points = [types.SimpleNamespace(load=lambda: types.SimpleNamespace(__name__="mine.titles", files=files))]
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: points if kw.get("group") == "papershelf.outputs" else real(**kw))
    project = Project(make_project(tmp_path / "project", seed_files=[REPO / "seeds" / "hf-trending-listing.txt"]))
    build(project, site_too=False)
    titles = (project.docs / "api" / "titles.txt").read_text(encoding="utf-8").splitlines()
    assert len(titles) == 55 and titles[0].startswith("GPSFormer")
    points.append(types.SimpleNamespace(load=lambda: types.SimpleNamespace(__name__="mine.clash", files=lambda site: {"papers.json": "{}"})))
    with pytest.raises(ConfigError) as caught:
        build(project, site_too=False)
    assert str(caught.value) == "export mine.clash: writes papers.json, which another export writes"
    points[1] = types.SimpleNamespace(load=lambda: types.SimpleNamespace(__name__="mine.out", files=lambda site: {"about/mine.md": "x"}))
    with pytest.raises(ConfigError) as caught:
        build(project, site_too=False)
    assert str(caught.value) == "export mine.out: writes about/mine.md, outside the folders papershelf generates in docs/ (api/, bib/, feeds/, ...)"
    assert "mine.md" not in {p.name for p in (project.docs / "about").iterdir()}
