"""The curator's taxonomy: tags, the phrases that are evidence for them, and how a paper earns a tag."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import regex
import yaml
from slugify import slugify

from generator.enrich import fields
from generator.enrich.phrases import Phrase, PhraseIndex, words
from generator.errors import ConfigError, not_utf8
from generator.model import Paper, Tag, TagMatch
from generator.sources import refuse_link_out
from generator.sources.common import describe, text_list

KEYS = frozenset({"name", "description", "parent", "phrases", "patterns", "field", "categories"})
TITLE_WEIGHT = 3.0  # a phrase in the title says more about the topic than one in the abstract
MAX_HITS = 3  # abstract mentions counted per tag: a word repeated ten times is not ten times the evidence
THRESHOLD = 3.0  # a title mention, or three abstract mentions: one passing mention is not a topic
DISTINCT_BONUS = 1.0
MAX_TAGS = 6  # topics; fields come on top of them
MAX_FIELDS = 3
# A curator's pattern may backtrack without end ((a+)+$ on a long run of a's): the `regex` module
# bounds each search, and a pattern that takes this long on one text stops the build, named. The bound
# is wall time: a busy machine once paused a 100k build for more than PATTERN_SECONDS inside a
# pattern that takes microseconds, so a search that runs out is tried once more with the long bound.
PATTERN_SECONDS, PATTERN_RETRY_SECONDS = 1.0, 10.0


@dataclass(frozen=True)
class Rule:
    tag: Tag
    phrases: tuple[str, ...]
    patterns: tuple[str, ...]
    regex: regex.Pattern[str] | None  # the patterns, for what phrases cannot say
    categories: tuple[str, ...] = ()  # a field's arXiv categories ("q-bio." for the group)


@dataclass(frozen=True)
class Taxonomy:
    source: str
    rules: tuple[Rule, ...]

    @property
    def tags(self) -> tuple[Tag, ...]:
        return tuple(rule.tag for rule in self.rules)

    def by_slug(self) -> dict[str, Tag]:
        return {rule.tag.slug: rule.tag for rule in self.rules}

    @cached_property
    def index(self) -> PhraseIndex:
        """Every phrase of every rule, looked up by first word (built once per taxonomy)."""
        return PhraseIndex(
            [Phrase(words(p) if _is_acronym(p) else tuple(w.lower() for w in words(p)), _is_acronym(p), key)
             for key, rule in enumerate(self.rules) for p in rule.phrases]
        )


def load(seeds_dir: Path) -> Taxonomy:
    """The curator's seeds/taxonomy.yml if there is one, else the default shipped with papershelf."""
    own = seeds_dir / "taxonomy.yml"
    refuse_link_out(own, seeds_dir)
    if own.is_file():
        shown = f"seeds/{own.name}"  # never the builder's absolute path: messages and the rules page show it
        try:
            text = own.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise ConfigError(not_utf8(shown, err, "fix the file")) from None
        return parse(text, shown)
    text = resources.files("generator").joinpath("data/taxonomy.yml").read_text(encoding="utf-8")
    return parse(text, "default taxonomy")


def parse(text: str, source: str) -> Taxonomy:
    """Validate every rule and report all mistakes at once."""
    try:
        data = yaml.safe_load(text) or {}
    except (yaml.YAMLError, ValueError) as err:
        raise ConfigError(f"{source}: not valid YAML: {err}") from None
    except RecursionError:
        raise ConfigError(f"{source}: nested too deep to be a taxonomy") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping of tag slug to rules")
    errors, rules = [], []
    for slug, spec in data.items():
        rule, problems = _rule(str(slug), spec)
        errors.extend(f"{source}: tag {slug!r}: {p}" for p in problems)
        if rule:
            rules.append(rule)
    slugs = {rule.tag.slug for rule in rules}
    parents = {rule.tag.slug: rule.tag.parent for rule in rules}
    for rule in rules:
        if rule.tag.parent and rule.tag.parent not in slugs:
            errors.append(f"{source}: tag {rule.tag.slug!r}: parent {rule.tag.parent!r} is not a tag")
        elif rule.tag.parent:
            chain, up = [rule.tag.slug], rule.tag.parent
            while up and up not in chain:
                chain.append(up)
                up = parents.get(up)
            if up == rule.tag.slug:  # a tag under itself would imply itself, and folding could drop it
                errors.append(f"{source}: tag {rule.tag.slug!r}: its parents lead back to it ({' -> '.join([*chain, up])})")
    if errors:
        raise ConfigError("\n".join(errors))
    return Taxonomy(source, tuple(rules))


def _rule(slug: str, spec: object) -> tuple[Rule | None, list[str]]:
    if not isinstance(spec, dict):
        return None, ["expected a mapping with name and phrases"]
    problems = [f"unknown key {key!r} (known: {', '.join(sorted(KEYS))})" for key in spec if key not in KEYS]
    if not slugify(slug):  # tags/{slug}/index.md would be tags/index.md, the Tags overview (#21)
        problems.append("has no letters or digits to make a slug of; its page would replace the Tags overview (tags/index.md)")
    elif slugify(slug) != slug:
        problems.append(f"is not a slug; write it as {slugify(slug)!r}")
    phrases, patterns, categories = (text_list(spec, key, problems, "text") for key in ("phrases", "patterns", "categories"))
    parent = spec.get("parent")
    if parent is not None and not isinstance(parent, str):
        problems.append(f"parent is {describe(parent)}, not a tag slug")
    field = spec.get("field", False)
    if not isinstance(field, bool):
        problems.append(f"field is {describe(field)}, not true or false")
    learned = field is True and slug in {f.slug for f in fields.model()}
    if not phrases and not patterns and not categories and not learned:
        problems.append("has no phrases, patterns or categories, so no paper could earn it")
    for pattern in patterns:
        try:
            regex.compile(pattern)
        except regex.error as err:
            problems.append(f"pattern {pattern!r} is not a regular expression: {err}")
    if problems:
        return None, problems
    tag = Tag(slug, str(spec.get("name") or slug), parent, str(spec.get("description") or ""), field is True)
    compiled = regex.compile("|".join(patterns), regex.IGNORECASE) if patterns else None
    return Rule(tag, phrases, patterns, compiled, tuple(categories)), []


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) >= 1 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def _hits(taxonomy: Taxonomy, text: str, paper: Paper) -> list[list[str]]:
    """For each rule, the text of every phrase or pattern match in the text."""
    found: list[list[str]] = [[] for _ in taxonomy.rules]
    for key, matched in taxonomy.index.find(text):
        found[key].append(matched)
    for key, rule in enumerate(taxonomy.rules):
        if rule.regex:
            try:
                try:
                    matches = [m.group(0) for m in rule.regex.finditer(text, timeout=PATTERN_SECONDS)]
                except TimeoutError:
                    matches = [m.group(0) for m in rule.regex.finditer(text, timeout=PATTERN_RETRY_SECONDS)]
                found[key] += matches
            except TimeoutError:
                raise ConfigError(
                    f"{taxonomy.source}: tag {rule.tag.slug!r}: its patterns ({', '.join(rule.patterns)}) took more than "
                    f"{PATTERN_RETRY_SECONDS:g} s on the text of {paper.origin.path}:{paper.origin.line}; a pattern that can "
                    "backtrack without end, such as (a+)+$, would hang the build: rewrite it (nothing was written)"
                ) from None
    return found


def _phrase(hit: str) -> str:
    """A matched text as the phrase it spells: "State-space models" and "state space model" are one."""
    return " ".join(word.removesuffix("s") for word in regex.split(r"[\s\-]+", hit.lower()) if word)


def assign(paper: Paper, taxonomy: Taxonomy) -> tuple[TagMatch, ...]:
    """Up to six well-supported topics, each with the phrase that earned it, strongest first; then up to
    three fields (a topic's field, the paper's arXiv category, or the learned words)."""
    scored = []
    title_hits, abstract_hits = _hits(taxonomy, paper.title, paper), _hits(taxonomy, paper.abstract, paper)
    keyword_hits = _hits(taxonomy, " · ".join(paper.hf_keywords), paper) if paper.hf_keywords else None
    for order, rule in enumerate(taxonomy.rules):
        in_title, in_abstract = title_hits[order], abstract_hits[order]
        in_keywords = keyword_hits[order] if keyword_hits else []
        distinct = len({_phrase(hit) for hit in in_abstract})
        # Two different phrases for one topic are better evidence than one phrase said twice; a
        # Hugging Face keyword counts as one more mention.
        score = TITLE_WEIGHT * bool(in_title) + min(len(in_abstract) + bool(in_keywords), MAX_HITS) + DISTINCT_BONUS * (distinct >= 2)
        if score and not rule.tag.field:
            evidence = " ".join((in_title or in_abstract or [f"Hugging Face keyword {in_keywords[0]}"])[0].split())
            scored.append((score, -order, TagMatch(rule.tag, evidence, score)))
    scored.sort(reverse=True)
    strong = [m for score, _, m in scored if score >= THRESHOLD]
    topics = _with_parents(tuple(strong[:MAX_TAGS]), taxonomy)
    found = topics + _fields(paper, taxonomy, topics, title_hits, abstract_hits)
    if not found and scored:
        # Nothing else to file the paper under: its best single mention, rather than no tag at all.
        # Never beside stronger tags: one passing mention was a wrong topic one time in two (the audits).
        topics = _with_parents((scored[0][2],), taxonomy)
        found = topics + _fields(paper, taxonomy, topics, title_hits, abstract_hits)
    return found


def _fields(paper: Paper, taxonomy: Taxonomy, topics: tuple[TagMatch, ...], title_hits, abstract_hits) -> tuple[TagMatch, ...]:  # noqa: ANN001
    """A paper's fields, strongest evidence first: its arXiv category, a phrase in its title, the
    learned words, phrases in the abstract; a topic's field comes with the topic's phrase. Words and
    abstract phrases are guesses, made only for a paper none of whose arXiv categories names a field:
    where the authors chose such categories, a guess beside them was the wrong field more often than not."""
    guess = not any(_names(rule, c) for rule in taxonomy.rules if rule.tag.field for c in paper.categories)
    learned = fields.learned(paper.title, paper.abstract) if guess else {}
    candidates = []
    for order, rule in enumerate(taxonomy.rules):
        if not rule.tag.field or any(m.tag.slug == rule.tag.slug for m in topics):
            continue
        category = next((c for c in paper.categories if _names(rule, c)), None)
        words = learned.get(rule.tag.slug)
        in_title, in_abstract = title_hits[order], abstract_hits[order]
        if category:  # the primary category (arXiv lists it first) before cross-lists
            candidates.append((4, -paper.categories.index(category), -order, f"arXiv category {category}"))
        elif in_title:
            candidates.append((3, 0, -order, " ".join(in_title[0].split())))
        elif words:
            candidates.append((2, 0, -order, words))
        elif guess and len(in_abstract) >= 2:
            candidates.append((1, 0, -order, " ".join(in_abstract[0].split())))
    candidates.sort(reverse=True)
    by_slug = taxonomy.by_slug()
    slugs = [rule.tag.slug for rule in taxonomy.rules]
    # Every field the paper's own arXiv categories name is kept (the source says so); evidence of other
    # kinds fills the rest of MAX_FIELDS, topics' fields counted.
    room = max(0, MAX_FIELDS - sum(1 for m in topics if m.tag.field))
    kept = [c for c in candidates if c[0] == 4]
    kept += [c for c in candidates if c[0] != 4][: max(0, room - len(kept))]
    return tuple(TagMatch(by_slug[slugs[-order]], evidence, float(strength)) for strength, _, order, evidence in kept)


def _names(rule: Rule, category: str) -> bool:
    """Whether an arXiv category is one of a field's ("q-bio." names every q-bio category)."""
    return any(category == k or (k.endswith(".") and category.startswith(k)) for k in rule.categories)


def fold_lone_topics(tag_lists: list[tuple[TagMatch, ...]], taxonomy: Taxonomy) -> list[tuple[TagMatch, ...]]:
    """A topic that only one paper of the site has, under a broader tag that paper has too, is left to
    the broader tag: a tag page of one paper serves a reader less than its field's page (#17). The
    broader tag keeps its own evidence (the topic's phrase, when the topic brought it); the topic's page
    comes with a second paper."""
    counts = Counter(m.tag.slug for tags in tag_lists for m in tags)
    lone = {rule.tag.slug for rule in taxonomy.rules if rule.tag.parent and counts[rule.tag.slug] == 1}
    folded = []
    for tags in tag_lists:
        carried = {m.tag.slug for m in tags}
        folded.append(tuple(m for m in tags if not (m.tag.slug in lone and m.tag.parent in carried)))
    return folded


def _with_parents(matches: tuple[TagMatch, ...], taxonomy: Taxonomy) -> tuple[TagMatch, ...]:
    """A nested tag implies its parent: a paper on quantization is also on efficient inference."""
    by_slug = taxonomy.by_slug()
    result = list(matches)
    for match in matches:
        parent = match.tag.parent
        if parent and parent not in {m.tag.slug for m in result} and (len(result) < MAX_TAGS or by_slug[parent].field):
            result.append(TagMatch(by_slug[parent], match.evidence, 0.0))
    return tuple(result)
