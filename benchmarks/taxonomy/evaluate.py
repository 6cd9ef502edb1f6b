"""Rerunnable evaluation of the tagger on real arXiv papers (issue #17): python benchmarks/taxonomy/evaluate.py

For each arXiv category of issue #17, the share of held-out papers carrying it that get a matching
field tag (fields.yml says which tags match), and the share of all held-out papers with no tag.
Papers are tagged twice: from title and abstract only (as a pasted listing or a Hugging Face answer
gives them; arXiv's categories withheld, the honest measure of the tagger), and with the categories
the arXiv API gives (as for a fetched or resolved paper; a field then follows its category, so that
column shows what readers of such a site see, not the tagger's skill). --sample N writes N
(paper, tag) pairs of a run (--sample-run text|categories) to audit-sample-SPLIT-RUN.yml for labelling;
audit*.yml hold the labels, and precision is reported for both runs on every labelled pair they give.
Data: data/papers.jsonl.gz, split by data/split.json (PROVENANCE.md there). Tune on "tune" only.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import yaml  # noqa: E402

from generator import latex  # noqa: E402
from generator.enrich import taxonomy  # noqa: E402
from generator.model import Origin, Paper  # noqa: E402

CATEGORIES = ["cs.CV", "cs.CL", "cs.LG", "cs.RO", "cs.CR", "cs.IR", "cs.HC", "cs.SE", "cs.SD|eess.AS", "cs.GR", "cs.MA", "cs.NE"]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--split", choices=("tune", "heldout"), default="heldout")
    options.add_argument("--taxonomy", type=Path, help="a taxonomy file (default: papershelf's own)")
    options.add_argument("--sample", type=int, default=0, help="write this many (paper, tag) pairs to audit-sample-SPLIT-RUN.yml")
    options.add_argument("--sample-run", choices=("text", "categories"), default="text", help="the run to sample from")
    options.add_argument("--salt", default="audit", help="hash salt of the sample: a new salt draws a fresh sample")
    args = options.parse_args()
    split = set(json.loads((HERE / "data" / "split.json").read_text())[args.split])
    rows = [json.loads(line) for line in gzip.open(HERE / "data" / "papers.jsonl.gz", "rt", encoding="utf-8")]
    rows = [r for r in rows if r["id"] in split]
    tax = taxonomy.parse(args.taxonomy.read_text(encoding="utf-8"), str(args.taxonomy)) if args.taxonomy else taxonomy.load(HERE / "no-seeds")
    fields = {k: set(v) for k, v in yaml.safe_load((HERE / "fields.yml").read_text()).items()}
    bare = latex.decode_all([Paper(r["title"], r["abstract"], Origin("corpus", 0)) for r in rows], {})
    runs = {
        # As a site of these papers would tag them: each paper, then the site-wide folding of lone topics.
        "text only": taxonomy.fold_lone_topics([taxonomy.assign(p, tax) for p in bare], tax),
        "with arXiv categories": taxonomy.fold_lone_topics([taxonomy.assign(replace(p, categories=tuple(r["categories"])), tax) for p, r in zip(bare, rows)], tax),
    }
    print(f"{args.split}: {len(rows):,} real arXiv papers; taxonomy: {tax.source} ({len(tax.tags)} tags, {sum(t.field for t in tax.tags)} fields)")
    print(f"{'category':<16}{'papers':>8}" + "".join(f"{name:>24}" for name in runs))
    for category in CATEGORIES:
        names = set(category.split("|"))
        carrying = [i for i, r in enumerate(rows) if names & set(r["categories"])]
        wanted = fields.get(category, set()) & {t.slug for t in tax.tags}
        shares = []
        for tags in runs.values():
            hit = sum(1 for i in carrying if {m.tag.slug for m in tags[i]} & wanted)
            shares.append(f"{hit / len(carrying):.0%}" if carrying and wanted else "-")
        print(f"{category:<16}{len(carrying):>8}" + "".join(f"{share:>24}" for share in shares))
    for name, tags in runs.items():
        untagged = sum(1 for t in tags if not t)
        print(f"no tag at all ({name}): {untagged:,} of {len(rows):,} ({untagged / len(rows):.1%})")
    for name, tags in runs.items():
        audit(rows, tags, args.split, name)
    if args.sample:
        run = "text only" if args.sample_run == "text" else "with arXiv categories"
        write_sample(rows, bare, runs[run], args.sample, f"{args.split}-{args.sample_run}", args.salt)


def write_sample(rows, papers, tags, size: int, name: str, salt: str) -> None:  # noqa: ANN001
    """Half fields, half topics, picked by a hash of (id, tag): rerunnable, and not chosen by eye."""
    pairs = [(hashlib.sha256(f"{salt}:{r['id']}:{m.tag.slug}".encode()).hexdigest(), r, p, m) for r, p, ts in zip(rows, papers, tags) for m in ts]
    pairs.sort(key=lambda x: x[0])
    chosen = [x for x in pairs if x[3].tag.field][: size // 2] + [x for x in pairs if not x[3].tag.field][: size - size // 2]
    out = [{"id": r["id"], "title": p.title, "abstract": p.abstract, "tag": m.tag.slug, "name": m.tag.name,
            "level": "field" if m.tag.field else "topic", "description": m.tag.description, "evidence": m.evidence} for _, r, p, m in chosen]
    (HERE / f"audit-sample-{name}.yml").write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"wrote audit-sample-{name}.yml ({len(out)} pairs)")


def audit(rows, tags, split: str, run: str) -> None:  # noqa: ANN001
    """Precision on the labelled pairs that a run of the current tagger gives. Held-out labels
    (audit.yml, audit-heldout-*.yml) were never tuned on; the tune split's (audit-tune*.yml) may be."""
    pattern = "audit-heldout-*.yml" if split == "heldout" else "audit-tune*.yml"
    paths = ([HERE / "audit.yml"] if split == "heldout" else []) + sorted(HERE.glob(pattern))
    labels: dict = {}
    for path in (p for p in paths if p.is_file()):
        for a in yaml.safe_load(path.read_text(encoding="utf-8")):
            if "fits" in a:
                labels.setdefault((a["id"], a["tag"]), a["fits"])  # a pair judged twice keeps its first judgment
    if not labels:
        return
    given = {(r["id"], m.tag.slug): m.tag.field for r, ts in zip(rows, tags) for m in ts}
    total = len(given)
    for level, is_field in (("fields", True), ("topics", False), ("all", None)):
        judged = [fits for key, fits in labels.items() if key in given and (is_field is None or given[key] == is_field)]
        if judged:
            print(f"precision, {run}, on labelled pairs ({level}): {sum(judged)}/{len(judged)} = {sum(judged) / len(judged):.0%}")
    print(f"pairs given ({run}): {total:,}; labelled: {sum(1 for key in labels if key in given)}")


if __name__ == "__main__":
    main()
