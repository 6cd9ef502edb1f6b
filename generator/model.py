"""The value types every stage passes along: small, frozen, with explicit identity."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where an entry was read: the file (relative to the project) and its 1-based line."""

    path: str
    line: int
    kind: str = ""  # what the file is, as a reader is told it: "arXiv", "the Hugging Face papers page"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Link:
    """An http(s) link shown on a paper page; kind is code, project, arxiv or pdf."""

    kind: str
    url: str
    label: str


@dataclass(frozen=True)
class Paper:
    """One paper as a source gives it; later stages never change it, they wrap it."""

    title: str
    abstract: str
    origin: Origin
    rank: int | None = None  # position in a listing that ranks papers (a trending page), 1-based
    ranked_by: str | None = None  # that listing; an API answer's or a bibliography's order is no rank
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    # A bibliography's names as BibTeX split them, (first, von, last, jr) each, in the order of authors;
    # ("", "", "others", "") for "and others". Exported as they came: a name parser would re-split
    # "Peyton Jones, Simon" or "{The Racket Team}" wrongly. Empty for sources that give whole names.
    name_parts: tuple[tuple[str, str, str, str], ...] = ()
    published: str | None = None  # ISO date
    upvotes: int | None = None
    upvotes_read: str | None = None  # ISO date the upvote and star counts were read (the fetch's day)
    listed: str | None = None  # ISO date it entered Hugging Face's Daily Papers (its publishedAt there)
    comments: int | None = None  # comments on its Hugging Face page
    hf_summary: str | None = None  # Hugging Face's AI summary (ai_summary): shown as theirs, never ours
    hf_keywords: tuple[str, ...] = ()  # Hugging Face's ai_keywords
    organization: str | None = None  # the organisation that submitted it to Daily Papers
    repository: str | None = None
    stars: int | None = None
    project_page: str | None = None
    # The models, datasets and Spaces Hugging Face links to the paper (its /api/papers/ID answer, papershelf
    # fetch hf --paper): Links of kind model, dataset or space, labelled with their Hub id.
    on_hub: tuple[Link, ...] = ()
    doi: str | None = None
    venue: str | None = None  # the journal or proceedings a bibliography names
    venue_field: str | None = None  # which BibTeX field named it: "journal" or "booktitle"
    url: str | None = None  # the paper's own address as a bibliography gives it
    categories: tuple[str, ...] = ()
    seen: tuple[tuple[str, str], ...] = ()  # (source, ISO date) where a source dates its listing
    sources: tuple[str, ...] = ()
    # The title and abstract with their math kept as $...$ (generator/latex.py), only when they have math.
    title_rich: str | None = None
    abstract_rich: str | None = None

    @property
    def more_authors(self) -> bool:
        """The bibliography ends its author list with "and others" (et al.)."""
        return self.name_parts[-1:] == (("", "", "others", ""),)

    @property
    def identity(self) -> tuple[str, str]:
        """Two entries with the same title and abstract are the same paper."""
        return (" ".join(self.title.split()).casefold(), " ".join(self.abstract.split()).casefold())


@dataclass(frozen=True)
class Tag:
    """A field or topic from the taxonomy. Its identity is its slug: "LLM" and "llm" are one tag page."""

    slug: str
    name: str
    parent: str | None = None
    description: str = ""
    field: bool = False  # a broad field (the first level), not a topic

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tag) and other.slug == self.slug

    def __hash__(self) -> int:
        return hash(self.slug)


@dataclass(frozen=True)
class TagMatch:
    """A tag given to a paper, with the phrase that earned it (shown on the page as the reason)."""

    tag: Tag
    evidence: str
    score: float


@dataclass(frozen=True)
class Related:
    """A similar paper and the few shared terms that explain the match."""

    slug: str
    title: str
    score: float
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A paper with everything the enrich stage derived: what a page is rendered from."""

    paper: Paper
    slug: str
    tags: tuple[TagMatch, ...] = ()
    links: tuple[Link, ...] = ()
    short_name: str | None = None
    acronyms: tuple[tuple[str, str], ...] = ()  # (acronym, expansion)
    summary: str = ""
    related: tuple[Related, ...] = field(default=())
    variants: tuple[str, ...] = ()  # other spellings of its words, indexed for search
    note: str = ""  # the curator's note (seeds/curation.yml)
    pinned: bool = False
    history: tuple[tuple[str, str, str], ...] = ()  # (source, first seen, last seen)

    @property
    def code(self) -> Link | None:
        """The first code repository, for the "code" badge."""
        return next((link for link in self.links if link.kind == "code"), None)

    @property
    def tag_slugs(self) -> tuple[str, ...]:
        return tuple(match.tag.slug for match in self.tags)


def by_tag(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Each tag's entries, in their order: one pass (asking every entry about every tag was 41 x n)."""
    tagged: dict[str, list[Entry]] = {}
    for entry in entries:
        for slug in entry.tag_slugs:
            tagged.setdefault(slug, []).append(entry)
    return tagged
