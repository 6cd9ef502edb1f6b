"""Tag quality against hand labels, the vocabulary's sanity, and the taxonomy's validation messages."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator.enrich import taxonomy
from generator.errors import ConfigError
from generator.model import Origin, Paper
from generator.sources import read_seeds
from helpers import REPO

HERE = Path(__file__).resolve().parent / "tags"
DEFAULT = taxonomy.load(HERE / "no-such-folder")
GENERIC = {"model", "models", "method", "methods", "learning", "deep-learning", "neural-networks", "ai", "machine-learning"}


LABELLED_FIELDS = {"computer-vision", "speech-audio"}


def score(papers: list[Paper], labels: dict[str, list[str]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for paper in papers:
        wanted = set(next(tags for key, tags in labels.items() if paper.title.startswith(key)))
        # The labels are of topics and of the two fields that were topics when they were written (Computer
        # vision, Speech and audio); the other fields are measured on real arXiv papers (benchmarks/taxonomy).
        got = {m.tag.slug for m in taxonomy.assign(paper, DEFAULT) if not m.tag.field or m.tag.slug in LABELLED_FIELDS}
        tp, fp, fn = tp + len(wanted & got), fp + len(got - wanted), fn + len(wanted - got)
    return tp / (tp + fp), tp / (tp + fn)


def seed_papers() -> list[Paper]:
    return read_seeds(REPO / "seeds", REPO).papers


def test_labels_use_only_known_tags():
    known = {tag.slug for tag in DEFAULT.tags}
    seed_labels = yaml.safe_load((HERE / "seed_labels.yml").read_text())
    held = yaml.safe_load((HERE / "heldout.yml").read_text())
    used = {t for tags in seed_labels.values() for t in tags} | {t for h in held for t in h["tags"]}
    assert used <= known, used - known


def test_precision_and_recall_on_the_seed_papers():
    precision, recall = score(seed_papers(), yaml.safe_load((HERE / "seed_labels.yml").read_text()))
    print(f"seed: precision {precision:.3f} recall {recall:.3f}")
    assert precision >= 0.80 and recall >= 0.80


def test_precision_and_recall_on_papers_not_tuned_on():
    held = yaml.safe_load((HERE / "heldout.yml").read_text())
    papers = [Paper(h["title"], h["abstract"], Origin("heldout.yml", i)) for i, h in enumerate(held)]
    precision, recall = score(papers, {h["title"]: h["tags"] for h in held})
    print(f"held-out: precision {precision:.3f} recall {recall:.3f}")
    # Measured 0.861 / 0.705 when the first bar was set, 0.842 / 0.727 with a topic from one passing
    # mention whenever a paper had fewer than two; 0.871 / 0.614 since such topics are gone (#17): on
    # real abstracts they were right 38 times in 83 (benchmarks/taxonomy audits), and these short
    # paraphrases, with one mention of most topics, are where they helped. Recall is the weak spot.
    assert precision >= 0.80 and recall >= 0.60


def test_vocabulary_is_sane_on_the_seeds():
    papers = seed_papers()
    counts = Counter(m.tag.slug for p in papers for m in taxonomy.assign(p, DEFAULT) if not m.tag.field)
    assert not set(counts) & GENERIC
    # No tag on more than 40 % of the papers, unless the hand labels put it on that many (23 of the
    # 55 seed papers are labelled Language models).
    labelled = Counter(t for tags in yaml.safe_load((HERE / "seed_labels.yml").read_text()).values() for t in tags)
    assert all(count <= max(0.40 * len(papers), labelled[slug]) for slug, count in counts.items()), counts.most_common(3)
    for paper in papers:
        tags = taxonomy.assign(paper, DEFAULT)
        # At least one tag; a second only where the text supports one (no padding with a passing mention).
        assert 1 <= len(tags) and len([m for m in tags if not m.tag.field]) <= 6 and len([m for m in tags if m.tag.field]) <= 3, paper.title


def test_every_tag_comes_with_its_evidence():
    for paper in seed_papers():
        for match in taxonomy.assign(paper, DEFAULT):
            text = (paper.title + " " + paper.abstract).lower()
            if match.evidence.startswith("words: "):  # a field's learned words: each is a word of the paper
                assert all(re.search(rf"\b{re.escape(w)}\b", text) for w in match.evidence.removeprefix("words: ").split(", ")), match
            else:
                assert match.evidence.lower() in text or match.score == 0.0, match


def test_parent_tags_are_implied():
    paper = Paper("Quantization for Everyone", "We study post-training quantization of weights. Quantization to low-bit weights is hard.", Origin("x", 1))
    slugs = [m.tag.slug for m in taxonomy.assign(paper, DEFAULT)]
    assert slugs[:2] == ["quantization", "efficient-inference"] or {"quantization", "efficient-inference"} <= set(slugs)


def test_curator_taxonomy_replaces_the_default(tmp_path):
    (tmp_path / "taxonomy.yml").write_text("robots:\n  name: Robots\n  phrases: [robot]\n")
    own = taxonomy.load(tmp_path)
    assert [t.slug for t in own.tags] == ["robots"]


def refusal(text: str) -> list[str]:
    """The lines of the error a taxonomy file gets."""
    with pytest.raises(ConfigError) as caught:
        taxonomy.parse(text, "seeds/taxonomy.yml")
    return str(caught.value).splitlines()


def test_taxonomy_mistakes_are_all_reported_at_once():
    text = "Bad Slug:\n  name: X\n  phrases: [x]\nok:\n  name: Ok\n  parent: nowhere\n  phrases: [y]\nempty:\n  name: E\n  colour: red\n"
    assert refusal(text) == [
        "seeds/taxonomy.yml: tag 'Bad Slug': is not a slug; write it as 'bad-slug'",
        "seeds/taxonomy.yml: tag 'empty': unknown key 'colour' (known: categories, description, field, name, parent, patterns, phrases)",
        "seeds/taxonomy.yml: tag 'empty': has no phrases, patterns or categories, so no paper could earn it",
        "seeds/taxonomy.yml: tag 'ok': parent 'nowhere' is not a tag",
    ]


def recorded_arxiv_papers() -> list[Paper]:
    """Real arXiv API answers (tests/fixtures/net/arxiv, provenance there), decoded as the build does."""
    from generator import latex
    from generator.sources import arxiv as reader

    papers = []
    for path in sorted((REPO / "tests" / "fixtures" / "net" / "arxiv").glob("*.xml")):
        papers += reader.read(path.name, enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)).papers
    return latex.decode_all(papers, {})


def test_a_paper_with_arxiv_categories_gets_the_fields_they_name_and_no_guessed_field():
    def field_of(category: str) -> str | None:  # "econ." names a group: econ.EM is Game theory and economics
        return next((r.tag.slug for r in DEFAULT.rules if r.tag.field and any(category == k or (k.endswith(".") and category.startswith(k)) for k in r.categories)), None)

    # Papers with a category that names a field (one in cs.AR alone is guessed from its words, as without categories).
    papers = [p for p in recorded_arxiv_papers() if any(field_of(c) for c in p.categories)]
    assert len(papers) >= 10

    ordered = 0
    for paper in papers:
        tags = taxonomy.assign(paper, DEFAULT)
        named = {field_of(c) for c in paper.categories} - {None}
        fields = {m.tag.slug: m.evidence for m in tags if m.tag.field}
        assert named <= set(fields), (paper.title, paper.categories, fields)  # every one, beyond three if need be
        # The rest come from a topic or the title, never from the learned words or two abstract mentions.
        assert not any(e.startswith("words: ") for e in fields.values()), (paper.title, fields)
        for slug in set(fields) - named:
            evidence = fields[slug].lower()
            assert evidence in paper.title.lower() or any(m.tag.parent == slug for m in tags), (paper.title, slug, evidence)
        # The primary category (listed first) comes first among those its categories gave (a topic of
        # the field, as Reinforcement learning for Machine learning, gives it with the topic's phrase).
        firsts = [m.tag.slug for m in tags if m.tag.field and m.evidence.startswith("arXiv category")]
        if field_of(paper.categories[0]) in firsts:
            assert firsts[0] == field_of(paper.categories[0]), (paper.categories, firsts)
            ordered += 1
    assert ordered >= 5, ordered


def test_the_same_papers_without_categories_get_fields_from_their_words():
    guessed = 0
    for paper in recorded_arxiv_papers():
        bare = taxonomy.assign(replace(paper, categories=()), DEFAULT)
        guessed += any(m.tag.field and m.evidence.startswith("words: ") for m in bare)
        # Categories that name no field (cs.AI, math.NA, quant-ph) say nothing against the words' guess.
        assert taxonomy.assign(replace(paper, categories=("cs.AI", "math.NA")), DEFAULT) == bare, paper.title
    assert guessed >= 3, guessed


def test_spellings_of_one_phrase_are_not_two_phrases():
    robot = "Robot grasping in clutter"  # the title gives Robotics: no fallback to a single mention
    for abstract in ("A state-space model, then the state space model again.", "A state space model, then state space models again."):
        assert "state-space-models" not in {m.tag.slug for m in taxonomy.assign(Paper(robot, abstract, Origin("x", 1)), DEFAULT)}, abstract
    assert "state-space-models" in {m.tag.slug for m in taxonomy.assign(Paper(robot, "A state space model, and Mamba.", Origin("x", 1)), DEFAULT)}


def test_a_tag_under_itself_is_refused():
    text = "a:\n  name: A\n  parent: b\n  phrases: [x]\nb:\n  name: B\n  parent: a\n  phrases: [y]\nc:\n  name: C\n  parent: c\n  phrases: [z]\n"
    assert refusal(text) == [
        "seeds/taxonomy.yml: tag 'a': its parents lead back to it (a -> b -> a)",
        "seeds/taxonomy.yml: tag 'b': its parents lead back to it (b -> a -> b)",
        "seeds/taxonomy.yml: tag 'c': its parents lead back to it (c -> c)",
    ]


def test_no_seed_topic_has_a_page_of_one_paper_that_its_broader_tag_would_serve():
    from generator.enrich import enrich

    entries = enrich(seed_papers(), DEFAULT)
    counts = Counter(m.tag.slug for e in entries for m in e.tags)
    by_slug = DEFAULT.by_slug()
    lone = [s for s, n in counts.items() if n == 1 and by_slug[s].parent]
    assert not lone, lone
    # Such a topic was there before the site-wide pass, and its phrase stays as the broader tag's evidence.
    alone = [(p, m) for p in seed_papers() for m in taxonomy.assign(p, DEFAULT) if m.tag.slug == "point-clouds"]
    assert len(alone) == 1 and counts["point-clouds"] == 0
    paper, match = alone[0]
    kept = {m.tag.slug: m.evidence for e in entries if e.paper.title == paper.title for m in e.tags}
    assert kept["computer-vision"] == match.evidence


def test_a_topic_two_papers_share_keeps_its_page():
    one = Paper("Point Cloud Completion with Transformers", "We complete partial point clouds of 3D scans.", Origin("x", 1))
    two = Paper("Registering Point Clouds at Scale", "Point cloud registration aligns 3D scans of a scene.", Origin("x", 2))
    single = taxonomy.fold_lone_topics([taxonomy.assign(one, DEFAULT)], DEFAULT)
    shared = taxonomy.fold_lone_topics([taxonomy.assign(one, DEFAULT), taxonomy.assign(two, DEFAULT)], DEFAULT)
    assert "point-clouds" not in {m.tag.slug for m in single[0]} and "computer-vision" in {m.tag.slug for m in single[0]}
    assert all("point-clouds" in {m.tag.slug for m in tags} for tags in shared)


@pytest.mark.parametrize(
    ("abstract", "earned"),
    [
        ("We control it with a state space model.", False),  # one passing mention
        ("A state space model, then the state space model again.", False),  # one phrase twice: 2
        ("A state space model, and Mamba.", True),  # two different phrases: 2 + 1
        ("A state space model; the state space model; a state space model.", True),  # three mentions
    ],
)
def test_a_topic_from_the_abstract_is_earned_as_the_rules_page_says(abstract, earned):
    paper = Paper("Robot grasping in clutter", abstract, Origin("x", 1))  # the title gives Robotics: no fallback
    assert ("state-space-models" in {m.tag.slug for m in taxonomy.assign(paper, DEFAULT)}) is earned


CORPUS = REPO / "benchmarks" / "taxonomy" / "data" / "papers.jsonl.gz"  # real arXiv papers; PROVENANCE.md beside it


@pytest.fixture(scope="module")
def corpus() -> dict[str, dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as rows:
        return {row["id"]: row for row in map(json.loads, rows)}


@pytest.mark.parametrize(
    ("arxiv_id", "tag", "earned"),
    [
        # Words that name a topic in one context and something else in another (tune split, whose labels
        # showed them wrong); each comes with a paper where the same word still earns the topic.
        ("2605.04518", "cognitive-science", False),  # "Brain Tumor Segmentation from Multi-Modal MRI": medical imaging
        ("2605.04518", "medical-imaging", True),
        ("2505.22563", "cognitive-science", True),  # "Do Large Language Models Think Like the Brain?"
        ("2604.20702", "interpretability", False),  # "Sparse Superposition Codes": channel coding
        ("2505.03510", "interpretability", False),  # "From Neurons to Computation: Biological Reservoir Computing"
        ("2601.05663", "interpretability", True),  # "Pre-trained Transformers: From Biased Neurons"
        ("2601.06913", "decoding-sampling", False),  # "Multinomial Logit Contextual Bandits": a choice model
        ("2604.19909", "theory", False),  # "Polar, PAC, and Invertible-Extractor Secrecy Codes"
        ("2606.03566", "efficient-transformers", False),  # "Efficient Transformer-Based ... Sampling": the sampling is efficient
        ("2504.00891", "alignment", False),  # "Process Reward Models via Generative Reasoning"
    ],
)
def test_an_ambiguous_word_earns_its_topic_only_in_context(corpus, arxiv_id, tag, earned):
    row = corpus[arxiv_id]
    paper = Paper(row["title"], row["abstract"], Origin("corpus", 1))
    assert (tag in {m.tag.slug for m in taxonomy.assign(paper, DEFAULT)}) is earned, row["title"]
