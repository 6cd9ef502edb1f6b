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


def test_page_window_shows_first_last_and_two_either_side():
    from generator.render import page_window

    assert page_window(1, 1) == [1]
    assert page_window(1, 7) == [1, 2, 3, None, 7]
    assert page_window(4, 7) == [1, 2, 3, 4, 5, 6, 7]  # a gap of one page shows the page, not "…"
    assert page_window(50, 226) == [1, None, 48, 49, 50, 51, 52, None, 226]
    assert page_window(226, 226) == [1, None, 224, 225, 226]
