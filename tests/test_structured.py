"""Structured seeds with values of the wrong type: a message naming the item and the value, never a traceback (#21)."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.sources import hf_json
from generator.sources.common import as_int, iso_date
from helpers import FIXTURES

# A real answer (tests/fixtures/net/PROVENANCE.md); its first item is 2606.00467, which has every field but a repository.
ANSWER = json.loads((FIXTURES / "net" / "hf" / "daily_papers-2026-06-12.json").read_text(encoding="utf-8"))
TITLE = "On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance"
FIRST = '"On the Limits of LLM Adaptability: Impact of..."'  # messages shorten a long title


def read_with(**paper_fields):
    answer = copy.deepcopy(ANSWER)
    answer[0]["paper"].update(paper_fields)
    return hf_json.read("seeds/daily.json", answer)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"authors": 5}, "authors is 5, not a list of names"),
        ({"githubRepo": ["https://github.com/a/b"]}, "githubRepo is a list, not text"),
        ({"githubRepo": 7}, "githubRepo is 7, not text"),
        ({"projectPage": {"url": "https://x.example"}}, "projectPage is an object, not text"),
        ({"upvotes": float("inf")}, "upvotes is Infinity, not a count"),
        ({"githubStars": json.loads("1e400")}, "githubStars is Infinity, not a count"),
        ({"upvotes": -3}, "upvotes is -3, not a count"),
        ({"upvotes": 2.5}, "upvotes is 2.5, not a count"),
    ],
)
def test_a_field_of_the_wrong_type_is_reported_and_the_paper_kept(fields, message):
    result = read_with(**fields)
    assert [str(p) for p in result.problems if p.level != "note"] == [f"seeds/daily.json: item 1 {FIRST}: {message}; kept the rest"]
    first = result.papers[0]
    assert first.title == TITLE and first.abstract.startswith("Large Language Models (LLMs) are increasingly used")
    assert len(result.papers) == 30


@pytest.mark.parametrize(
    ("organization", "message"),
    [
        ({"name": "caltech", "fullname": 5}, "organization is 5, not an organisation"),
        (["caltech"], "organization is a list, not an organisation"),
    ],
)
def test_an_organisation_of_the_wrong_type_is_reported(organization, message):
    answer = copy.deepcopy(ANSWER)
    answer[0]["organization"] = answer[0]["paper"]["organization"] = organization
    result = hf_json.read("seeds/daily.json", answer)
    assert [str(p) for p in result.problems] == [f"seeds/daily.json: item 1 {FIRST}: {message}; kept the rest"]
    assert result.papers[0].organization is None


def test_a_listing_day_that_is_not_a_day_is_left_out_not_guessed():
    """The 2026 item publishedAt is not the listing day: a broken submittedOnDailyAt gives no day at all."""
    answer = copy.deepcopy(ANSWER)
    answer[0]["paper"]["submittedOnDailyAt"] = "soon"
    first = hf_json.read("seeds/daily.json", answer).papers[0]
    assert (first.listed, first.seen, first.published) == (None, (), "2026-05-30")


def test_calendar_dates_only():
    assert iso_date("2024-12-31T18:32:05.000Z") == "2024-12-31"
    assert [iso_date(v) for v in ("2024-13-45", "20", 20240101, None, ["2024-01-01"])] == [None] * 5


def test_counts_are_whole_finite_and_not_negative():
    assert [as_int(v) for v in (87, "87", 87.0, 0)] == [87, 87, 87, 0]
    assert [as_int(v) for v in (float("inf"), float("nan"), -1, 1.5, True, "x", [1], None)] == [None] * 8


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)
FIELDS = st.sampled_from([
    "id", "authors", "publishedAt", "submittedOnDailyAt", "title", "summary", "upvotes", "githubRepo", "githubStars", "projectPage",
    "withdrawnAt", "ai_summary", "ai_keywords", "organization",
])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(FIELDS, JSON, max_size=6), st.dictionaries(st.sampled_from(["title", "summary", "publishedAt", "numComments", "organization", "paper"]), JSON, max_size=3))
def test_any_values_in_a_hugging_face_answer_give_papers_or_messages(paper_fields, item_fields):
    answer = copy.deepcopy(ANSWER)
    answer[0]["paper"].update(paper_fields)
    answer[0].update(item_fields)
    result = hf_json.read("seeds/daily.json", answer)  # any exception fails: bad values are problems
    for paper in result.papers:
        assert isinstance(paper.title, str) and paper.title
        assert paper.upvotes is None or (isinstance(paper.upvotes, int) and paper.upvotes >= 0)
        assert paper.repository is None or isinstance(paper.repository, str)
        assert paper.published is None or iso_date(paper.published) == paper.published


@pytest.mark.parametrize(
    ("first", "message"),
    [
        ("<script>alert(1)</script>", 'first seen is "<script>alert(1)</script>", not a day (YYYY-MM-DD)'),
        ("2024-13-45", 'first seen is "2024-13-45", not a day (YYYY-MM-DD)'),
        ("20", 'first seen is "20", not a day (YYYY-MM-DD)'),
        (20240101, "first seen is 20240101, not a day (YYYY-MM-DD)"),
        ("2026-03-15", "first seen 2026-03-15 is after last seen 2026-03-14"),
    ],
)
def test_history_holds_days_only(tmp_path, first, message):
    from generator import history
    from generator.errors import ConfigError

    (tmp_path / "history.json").write_text(json.dumps({"papers": {"arXiv:2501.00663": {"seeds/listing.txt": [first, "2026-03-14"]}}}))
    with pytest.raises(ConfigError) as raised:
        history.load(tmp_path)
    assert str(raised.value) == (
        f"seeds/history.json: paper 'arXiv:2501.00663', listing 'seeds/listing.txt': {message}\n"
        "fix these dates or remove the entries; nothing was written"
    )


def test_history_nested_too_deep_is_a_message(tmp_path):
    from generator import history
    from generator.errors import ConfigError

    (tmp_path / "history.json").write_text('{"papers": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ConfigError, match=r"^seeds/history\.json: nested too deep to be a papershelf history file"):
        history.load(tmp_path)


@pytest.mark.parametrize("name", ["deep.json", "deep.yml"])
def test_seeds_nested_too_deep_are_an_error_not_a_traceback(tmp_path, name):
    from generator.sources import read_seeds

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / name).write_text("[" * 100_000 + "]" * 100_000)
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert [(str(p), p.level) for p in result.problems] == [
        (f"seeds/{name}: is nested too deep to read (lists or objects inside each other past Python's limit); stopped reading", "error")
    ]


def test_a_minified_answer_over_a_mebibyte_on_one_line_is_read_whole(tmp_path):
    from generator.sources import MAX_LINE, read_seeds

    answer = copy.deepcopy(ANSWER)
    answer[0]["paper"]["summary"] = answer[0]["summary"] = "Over more than a decade " + "memory " * (MAX_LINE // 7)
    text = json.dumps(answer, separators=(",", ":"))
    assert "\n" not in text and len(text) > MAX_LINE
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "daily.json").write_text(text)
    result = read_seeds(tmp_path / "seeds", tmp_path)
    assert [p for p in result.problems if p.level != "note"] == []
    assert len(result.papers[0].abstract) > MAX_LINE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"robots:\n  name: Robots\n  phrases: [robot\xff]\n", "seeds/taxonomy.yml:3: is not valid UTF-8 (byte b'\\xff' at column 18); fix the file"),
        (b"robots:\n  name: Robots\n  phrases: [robot]\n  parent: [x]\n", "seeds/taxonomy.yml: tag 'robots': parent is a list, not a tag slug"),
        (b"robots:\n  name: Robots\n  phrases: 5\n", "seeds/taxonomy.yml: tag 'robots': phrases is 5, not a list of text\nseeds/taxonomy.yml: tag 'robots': has no phrases, patterns or categories, so no paper could earn it"),
        (b"robots:\n  name: Robots\n  phrases: [{a: 1}]\n", "seeds/taxonomy.yml: tag 'robots': phrases is a list, not a list of text\nseeds/taxonomy.yml: tag 'robots': has no phrases, patterns or categories, so no paper could earn it"),
    ],
)
def test_a_taxonomy_of_the_wrong_shape_is_named_not_a_traceback(tmp_path, text, expected):
    from generator.enrich import taxonomy
    from generator.errors import ConfigError

    (tmp_path / "taxonomy.yml").write_bytes(text)
    with pytest.raises(ConfigError) as raised:
        taxonomy.load(tmp_path)
    assert str(raised.value) == expected


def test_one_phrase_written_alone_is_one_phrase(tmp_path):
    from generator.enrich import taxonomy

    (tmp_path / "taxonomy.yml").write_text("robots:\n  name: Robots\n  phrases: robot arm\n")
    assert taxonomy.load(tmp_path).rules[0].phrases == ("robot arm",)


RECORD_FIELDS = st.sampled_from(["title", "abstract", "arxiv", "authors", "published", "code", "project", "doi", "venue"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(RECORD_FIELDS, JSON, max_size=6), max_size=3), st.sampled_from(["records.yml", "records.json"]))
def test_any_values_in_hand_written_records_give_papers_or_messages(records_list, name):
    import tempfile
    from pathlib import Path

    import yaml

    from generator.sources import read_seeds

    text = json.dumps({"papers": records_list}) if name.endswith(".json") else yaml.safe_dump({"papers": records_list})
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        seeds.mkdir()
        (seeds / name).write_text(text, encoding="utf-8")
        result = read_seeds(seeds, Path(folder))  # any exception fails: bad values are problems
    for paper in result.papers:
        assert isinstance(paper.title, str) and paper.title and isinstance(paper.abstract, str)
        assert all(isinstance(a, str) and a for a in paper.authors)
        assert paper.published is None or iso_date(paper.published) == paper.published
        assert paper.origin.line >= 0


TAXONOMY_KEYS = st.sampled_from(["name", "description", "parent", "phrases", "patterns", "field", "categories", "colour"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.dictionaries(TAXONOMY_KEYS, JSON, max_size=5) | JSON, max_size=4))
@example(document={"": {"field": "\x85"}})  # U+0085 ends a line: a message that printed it raw became two
def test_any_values_in_a_taxonomy_give_tags_or_one_message(document):
    from generator.enrich import taxonomy
    from generator.errors import ConfigError

    try:
        parsed = taxonomy.parse(json.dumps(document), "seeds/taxonomy.yml")  # JSON is YAML: every value reaches the checks
    except ConfigError as err:
        assert all(line.startswith("seeds/taxonomy.yml: ") for line in str(err).splitlines())
    else:  # no message: then every entry became a tag, none dropped silently
        assert len(parsed.rules) == len(document)
        assert all(isinstance(rule.tag.name, str) and rule.tag.slug for rule in parsed.rules)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_any_history_file_is_read_or_refused_with_a_message(data):
    import tempfile
    from pathlib import Path

    from generator import history
    from generator.errors import ConfigError

    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder)
        (seeds / "history.json").write_text(json.dumps(data), encoding="utf-8")
        try:
            state = history.load(seeds)
        except ConfigError as err:
            assert str(err).startswith("seeds/history.json")
        else:
            assert isinstance(state, history.History)


CURATION_KEYS = st.sampled_from(["add_tags", "remove_tags", "note", "pin", "hide", "colour"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["a-paper", "2501.00663", "gone"]) | st.text(max_size=6), st.dictionaries(CURATION_KEYS, JSON, max_size=4) | JSON, max_size=3), JSON)
def test_any_values_in_a_curation_file_give_edits_or_one_message(papers, listings):
    import tempfile
    from pathlib import Path

    import yaml

    from generator import curation
    from generator.enrich import enrich, taxonomy
    from generator.errors import ConfigError
    from generator.model import Origin, Paper

    tax = taxonomy.load(Path("/nonexistent"))
    entries = enrich([Paper("A Paper", "We study language models and their reasoning.", Origin("seeds/x.txt", 3), arxiv_id="2501.00663")], tax)
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder)
        (seeds / "curation.yml").write_text(yaml.safe_dump({"papers": papers, "listings": listings}), encoding="utf-8")
        try:
            curated, warnings = curation.apply(entries, seeds, tax)
            names, problems = curation.listing_names(seeds, ["seeds/x.txt"])
        except ConfigError as err:
            assert all(line.startswith("seeds/curation.yml") for line in str(err).splitlines()), str(err)
        else:
            assert len(curated) <= 1 and all(str(w).startswith("seeds/curation.yml") for w in warnings + problems)
            assert all(isinstance(name, str) for name in names.values())


@pytest.mark.parametrize(
    ("linked", "message"),
    [
        (5, "linkedDatasets is 5, not a list"),
        ([{"id": "../../etc"}], 'linkedDatasets item 1 has id "../../etc", not a Hub id (owner/name)'),
        (["WhySoCodius/in-context-grid-reasoning"], "linkedDatasets item 1 has id null, not a Hub id (owner/name)"),
    ],
)
def test_hub_links_of_the_wrong_shape_are_reported_and_left_out(linked, message):
    """The real /api/papers/2608.09888 answer (tests/fixtures/net/PROVENANCE.md) with its linkedDatasets spoiled."""
    answer = json.loads((FIXTURES / "net" / "hf" / "paper-2608.09888.json").read_text(encoding="utf-8"))
    answer["linkedDatasets"] = linked
    result = hf_json.read("seeds/hf-paper-2608.09888.json", {"fetched": "2026-09-20", "source": "https://huggingface.co/api/papers/2608.09888", "paper": answer})
    title = '"BDH-CQ: In-Context Learning with Recurrent Latent Reasoning"'
    assert [str(p) for p in result.problems] == [f"seeds/hf-paper-2608.09888.json: item 1 {title}: {message}; kept the rest"]
    assert result.papers[0].on_hub == ()
