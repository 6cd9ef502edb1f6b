"""Rerunnable evaluation of the tagger on real arXiv papers (issue #17): python benchmarks/taxonomy/evaluate.py

For each arXiv category of issue #17, the share of held-out papers carrying it that get a matching
field tag (fields.yml says which tags match), and the share of all held-out papers with no tag.
Papers are tagged from title and abstract only (as a pasted listing or a Hugging Face answer gives
them): arXiv's own categories are withheld, or the measure would be circular.
Data: data/papers.jsonl.gz, split by data/split.json (PROVENANCE.md there). Tune on "tune" only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
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
    args = options.parse_args()
    split = set(json.loads((HERE / "data" / "split.json").read_text())[args.split])
    rows = [json.loads(line) for line in gzip.open(HERE / "data" / "papers.jsonl.gz", "rt", encoding="utf-8")]
    rows = [r for r in rows if r["id"] in split]
    tax = taxonomy.parse(args.taxonomy.read_text(encoding="utf-8"), str(args.taxonomy)) if args.taxonomy else taxonomy.load(HERE / "no-seeds")
    fields = {k: set(v) for k, v in yaml.safe_load((HERE / "fields.yml").read_text()).items()}
    papers = latex.decode_all([Paper(r["title"], r["abstract"], Origin("corpus", 0)) for r in rows], {})
    tags = [set(m.tag.slug for m in taxonomy.assign(p, tax)) for p in papers]
    print(f"{args.split}: {len(rows):,} real arXiv papers; taxonomy: {tax.source} ({len(tax.tags)} tags)")
    print(f"{'category':<16}{'papers':>8}{'field tag':>11}")
    for category in CATEGORIES:
        names = set(category.split("|"))
        carrying = [t for r, t in zip(rows, tags) if names & set(r["categories"])]
        wanted = fields.get(category, set()) & {t.slug for t in tax.tags}
        hit = sum(1 for t in carrying if t & wanted)
        share = f"{hit / len(carrying):.0%}" if carrying else "-"
        print(f"{category:<16}{len(carrying):>8}{share:>11}" + ("" if wanted else "   (no field tag in this taxonomy)"))
    untagged = sum(1 for t in tags if not t)
    print(f"no tag at all: {untagged:,} of {len(rows):,} ({untagged / len(rows):.1%})")


if __name__ == "__main__":
    main()
