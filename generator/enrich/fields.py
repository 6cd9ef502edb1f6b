"""Broad fields (the taxonomy's first level), learned from real arXiv papers and read from arXiv categories.

Phrases name topics well (Quantization, Mamba) but not fields: no list of words says "robotics" for
every robotics paper. So a field has two kinds of evidence:

- the paper's arXiv categories, when its source gives them (cs.RO is Robotics), shown as such;
- a small linear model over the words of title and abstract, trained by benchmarks/taxonomy/train.py
  on 116,453 real arXiv papers (their categories as labels; none of the held-out evaluation split)
  and shipped as data/fields-model.json. L1 regularisation keeps 60-3,600 words per field; a paper
  earns the field when its words' weights pass the field's threshold, and the page shows the
  strongest words. The model is asked only about papers none of whose arXiv categories names a field.

Inference is a sum over the words a paper has, all fields in one pass: no library, 0.16 ms a paper
(most of it splitting the text into words), best of three over 3,000 real abstracts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = re.compile(r"\b(?:https?://|www\.)\S+")  # "github.com/..." is no word of the topic
SHOWN_WORDS = 3


def features(title: str, abstract: str, stop: frozenset[str] | None = None) -> set[str]:
    """The words and word pairs of a paper, lower-cased, without stop words ("however", "these": no
    evidence of a field); a title word also counts as "t:word"."""
    stop = stop_words() if stop is None else stop
    found: set[str] = set()
    for prefix, text in (("t:", title), ("", title + " " + abstract)):
        tokens = TOKEN.findall(URL.sub(" ", text.lower()))
        kept = [t for t in tokens if t not in stop and not t.isdigit()]
        found.update(prefix + t for t in kept)
        if not prefix:  # pairs of adjacent words, neither a stop word ("neural rendering", not "paper introduce")
            found.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a not in stop and b not in stop and not (a.isdigit() or b.isdigit()))
    return found


@dataclass(frozen=True)
class Field:
    slug: str
    categories: tuple[str, ...]  # arXiv categories that are this field (a prefix ending in "." for a group)
    bias: float
    threshold: float
    weights: dict[str, float]


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(resources.files("generator").joinpath("data/fields-model.json").read_text(encoding="utf-8"))


def stop_words() -> frozenset[str]:
    return _stop()


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(_data()["stop_words"])


@lru_cache(maxsize=1)
def model() -> tuple[Field, ...]:
    data = _data()
    return tuple(
        Field(slug, tuple(spec["categories"]), spec["bias"], spec["threshold"], spec["weights"])
        for slug, spec in data["fields"].items()
    )


@lru_cache(maxsize=1)
def _by_word() -> dict[str, tuple[tuple[int, float], ...]]:
    """word -> (field index, weight) for every field that weighs it: one pass over a paper's words
    scores all fields in one pass over the words, instead of one pass a field."""
    inverted: dict[str, list[tuple[int, float]]] = {}
    for index, field in enumerate(model()):
        for word, weight in field.weights.items():
            inverted.setdefault(word, []).append((index, weight))
    return {word: tuple(pairs) for word, pairs in inverted.items()}


def learned(title: str, abstract: str) -> dict[str, str]:
    """The fields a paper's words put it in, each with its strongest words ("words: robot, grasping")."""
    found = features(title, abstract)
    by_word, fields = _by_word(), model()
    scores = [field.bias for field in fields]
    present: list[list[tuple[str, float]]] = [[] for _ in fields]
    for word in found:
        for index, weight in by_word.get(word, ()):
            scores[index] += weight
            if weight > 0:
                present[index].append((word.removeprefix("t:"), weight))
    result = {}
    for index, field in enumerate(fields):
        if scores[index] >= field.threshold:
            strongest: dict[str, float] = {}
            for word, weight in present[index]:
                strongest[word] = max(weight, strongest.get(word, 0.0))
            shown = sorted(strongest, key=lambda w: (-strongest[w], w))[:SHOWN_WORDS]
            result[field.slug] = "words: " + ", ".join(shown)
    return result
