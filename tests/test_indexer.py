"""The Pagefind service client: pages in, bundles out, errors surfaced (the real Pagefind binary)."""

from __future__ import annotations

import json

import pytest

from generator.errors import PapershelfError
from generator.indexer import Indexer, Shards, UNUSED


def page(word: str) -> str:
    return f'<html lang="en"><body><main data-pagefind-body><h1>{word}</h1><p>{word} paper</p></main></body></html>'


def pages_in(bundle) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def test_shards_write_one_bundle_per_size_pages(tmp_path):
    shards = Shards(tmp_path, {}, size=2)
    for word in ["alpha", "beta", "gamma", "delta", "epsilon"]:
        shards.add(f"/papers/{word}/", page(word))
    assert shards.close() == ["pagefind/", "pagefind-1/", "pagefind-2/"]
    assert [pages_in(tmp_path / b) for b in ("pagefind", "pagefind-1", "pagefind-2")] == [2, 2, 1]


def test_a_site_without_papers_still_gets_a_search_bundle(tmp_path):
    assert Shards(tmp_path, {}, size=10).close() == ["pagefind/"]
    assert (tmp_path / "pagefind" / "pagefind.js").exists()


def test_pagefind_failure_is_reported_not_hidden(tmp_path):
    (tmp_path / "file").write_text("in the way")
    indexer = Indexer({})
    indexer.add("/a/", page("alpha"))
    indexer.finish(tmp_path / "file" / "bundle")
    expected = rf"^pagefind could not write the search index to {tmp_path / 'file' / 'bundle'}: Not a directory: {tmp_path / 'file' / 'bundle'}/"
    with pytest.raises(PapershelfError, match=expected):
        indexer.wait()


def test_bundles_keep_the_engine_and_lose_pagefinds_own_interfaces(tmp_path):
    shards = Shards(tmp_path, {}, size=1)
    for word in ["alpha", "beta"]:
        shards.add(f"/papers/{word}/", page(word))
    for bundle in shards.close():
        names = {path.name for path in (tmp_path / bundle).iterdir()}
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind", "index", "fragment"} <= names
        assert not names & set(UNUSED)
