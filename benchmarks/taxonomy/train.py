"""Train the field model (generator/data/fields-model.json) on the TUNE split only (issue #17).

    python benchmarks/taxonomy/train.py   # scikit-learn is a dependency already; the build reads the JSON directly

Labels are the papers' own arXiv categories (FIELDS below says which categories are which field).
Each field is an L1-regularised logistic regression over binary word and word-pair features
(generator/enrich/fields.py); its threshold is the lowest one at which, in 5-fold cross-validation
on the tune split, at least PRECISION of the papers above it carry the field's categories. arXiv's
categories miss many cross-lists (a backdoor attack on a diffusion model filed under cs.LG only), so
the true precision is higher: the hand-labelled audit (audit.yml) measures it. The held-out split is
never read here.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import cross_val_predict  # noqa: E402

from generator import latex  # noqa: E402
from generator.enrich.fields import features  # noqa: E402
from generator.model import Origin, Paper  # noqa: E402

# field slug -> the arXiv categories that are it ("q-bio." is every q-bio category).
FIELDS = {
    "computer-vision": ["cs.CV", "eess.IV"],
    "language": ["cs.CL"],
    "robotics": ["cs.RO"],
    "security-privacy": ["cs.CR"],
    "information-retrieval": ["cs.IR"],
    "human-computer-interaction": ["cs.HC"],
    "software-engineering": ["cs.SE", "cs.PL"],
    "speech-audio": ["cs.SD", "eess.AS"],
    "graphics": ["cs.GR"],
    "multi-agent": ["cs.MA"],
    "evolutionary-computing": ["cs.NE"],
    "signal-processing": ["eess.SP"],
    "biology-medicine": ["q-bio."],
    "game-theory": ["cs.GT", "econ."],
    "information-theory": ["cs.IT", "math.IT"],
    "distributed-computing": ["cs.DC"],
    "databases": ["cs.DB"],
}
PRECISION = 0.75
C = 0.5  # inverse L1 strength: ~200-600 words a field
MIN_COUNT = 3  # a feature seen in fewer tune papers is noise


def has(categories: list[str], wanted: list[str]) -> bool:
    return any(c == w or (w.endswith(".") and c.startswith(w)) for c in categories for w in wanted)


def main() -> None:
    split = set(json.loads((HERE / "data" / "split.json").read_text())["tune"])
    rows = [json.loads(line) for line in gzip.open(HERE / "data" / "papers.jsonl.gz", "rt", encoding="utf-8")]
    rows = [r for r in rows if r["id"] in split]
    papers = latex.decode_all([Paper(r["title"], r["abstract"], Origin("corpus", 0)) for r in rows], {})
    stop = frozenset(ENGLISH_STOP_WORDS)
    found = [features(p.title, p.abstract, stop) for p in papers]
    counts: dict[str, int] = {}
    for f in found:
        for w in f:
            counts[w] = counts.get(w, 0) + 1
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform([{w: 1 for w in f if counts[w] >= MIN_COUNT} for f in found])
    X = X.tocsr()
    X.indices, X.indptr = X.indices.astype(np.int32), X.indptr.astype(np.int32)  # liblinear takes 32-bit indices only
    names = vectorizer.get_feature_names_out()
    out = {}
    for slug, categories in FIELDS.items():
        y = np.array([has(r["categories"], categories) for r in rows])
        classifier = LogisticRegression(l1_ratio=1.0, solver="liblinear", C=C, class_weight="balanced", max_iter=2000)
        scores = cross_val_predict(classifier, X, y, cv=5, method="decision_function")
        order = np.argsort(-scores)
        precision_at = np.cumsum(y[order]) / np.arange(1, len(y) + 1)
        last = max(i for i in range(len(y)) if precision_at[i] >= PRECISION)
        threshold = float(scores[order][last])
        recall = float(np.mean(scores[y] >= threshold))
        classifier.fit(X, y)
        weights = {names[i]: round(float(w), 4) for i, w in enumerate(classifier.coef_[0]) if abs(w) >= 1e-4}
        precision = float(np.mean(y[scores >= threshold]))
        print(f"{slug:<28}{int(y.sum()):>6} papers  {len(weights):>5} words  cv recall {recall:.0%}  cv precision {precision:.0%}")
        out[slug] = {"categories": categories, "bias": round(float(classifier.intercept_[0]), 4), "threshold": round(threshold, 4), "weights": dict(sorted(weights.items()))}
    target = HERE.parent.parent / "generator" / "data" / "fields-model.json"
    document = {"trained_on": "benchmarks/taxonomy tune split (4,211 real arXiv papers); see train.py", "stop_words": sorted(stop), "fields": out}
    target.write_text(json.dumps(document, indent=0, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(HERE.parent.parent)} ({target.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
