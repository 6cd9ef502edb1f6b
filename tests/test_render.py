"""The render stage: paper pages rendered in a forked worker are the pages rendered in this process."""

from __future__ import annotations

import os

from generator import render
from generator.enrich import enrich, taxonomy
from generator.site import SiteInfo
from generator.sources import read_seeds
from helpers import REPO


def test_paper_pages_from_a_forked_worker_are_the_same_pages(monkeypatch):
    tax = taxonomy.load(REPO / "seeds")
    entries = enrich(read_seeds(REPO / "seeds", REPO).papers, tax)
    info = SiteInfo("https://example.org/", "shelf")
    alone_memo: dict = {}
    alone = render.render_site(entries, tax, info, memo=alone_memo)

    rendered_by = []
    original = render.paper_pages

    def spy(*args, **kwargs):
        pages, memo = original(*args, **kwargs)
        return {**pages, "pid": str(os.getpid()).encode()}, memo

    monkeypatch.setattr(render, "paper_pages", spy)
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)  # the seeds' 55 papers are below the real threshold
    forked_memo: dict = {}
    forked = render.render_site(entries, tax, info, memo=forked_memo)
    rendered_by.append(int(forked.pop("pid")))
    assert rendered_by != [os.getpid()]  # the worker rendered them
    assert forked == alone and forked_memo == alone_memo and len(forked_memo) == len(entries)
    assert render._INHERITED is None  # nothing left behind for the next build
