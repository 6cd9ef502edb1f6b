"""Tag quality against hand labels, the vocabulary's sanity, and the taxonomy's validation messages."""

from __future__ import annotations

import re
from collections import Counter
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
    # Measured 0.861 / 0.705 when this bar was set; recall is the known weak spot (see the issue note).
    assert precision >= 0.80 and recall >= 0.65


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


def test_taxonomy_mistakes_are_all_reported_at_once():
    text = "Bad Slug:\n  name: X\n  phrases: [x]\nok:\n  name: Ok\n  parent: nowhere\n  phrases: [y]\nempty:\n  name: E\n  colour: red\n"
    with pytest.raises(ConfigError) as caught:
        taxonomy.parse(text, "seeds/taxonomy.yml")
    assert str(caught.value).splitlines() == [
        "seeds/taxonomy.yml: tag 'Bad Slug': is not a slug; write it as 'bad-slug'",
        "seeds/taxonomy.yml: tag 'empty': unknown key 'colour' (known: categories, description, field, name, parent, patterns, phrases)",
        "seeds/taxonomy.yml: tag 'empty': has no phrases, patterns or categories, so no paper could earn it",
        "seeds/taxonomy.yml: tag 'ok': parent 'nowhere' is not a tag",
    ]
