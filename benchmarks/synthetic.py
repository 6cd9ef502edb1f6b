"""A deterministic synthetic Hugging Face listing of N papers, with realistic sentences.

    python benchmarks/synthetic.py 10000 > /tmp/listing.txt

The same N always gives the same bytes (a seeded random generator); topics, methods and datasets are
drawn from a machine-learning vocabulary so tags, related papers and search see realistic text. Each
abstract is then filled to a length drawn from the seed abstracts' (median ~1,530 characters) with
sentences from a word-level Markov chain over the seed abstracts, so sizes, vocabulary (a long tail of
rare words) and index costs are those of real abstracts rather than of a few hundred template words.
"""

from __future__ import annotations

import functools
import random
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "hf-trending-listing.txt"

TOPICS = [
    "large language models", "state space models", "sparse attention", "long-context reasoning", "speech synthesis",
    "point cloud understanding", "federated learning", "in-context learning", "mechanistic interpretability",
    "post-training quantization", "diffusion models", "graph neural networks", "time series forecasting",
    "vision-language models", "chain-of-thought reasoning", "knowledge editing", "data augmentation",
    "speculative decoding", "mixture of experts", "reinforcement learning from human feedback", "scene text recognition",
    "emotion recognition in conversation", "episodic memory", "sparse coding", "retrieval-augmented generation",
    "code generation", "video understanding", "object detection", "machine translation", "protein structure prediction",
]
METHODS = ["Former", "Net", "LM", "Mamba", "Fusion", "Prompt", "Graph", "Mixer", "Diff", "Quant", "Memo", "Align"]
ADJECTIVES = ["Efficient", "Scalable", "Robust", "Unified", "Adaptive", "Sparse", "Hierarchical", "Training-Free", "Lossless", "Provable"]
TASKS = ["question answering", "text classification", "image segmentation", "speech recognition", "mathematical reasoning",
         "long document summarization", "code completion", "molecule property prediction", "shape classification", "dialogue"]
DATASETS = ["GSM8K", "ImageNet", "CIFAR-10", "LibriSpeech", "ScanObjectNN", "MMLU", "LongBench", "COCO", "WMT14", "HumanEval"]
SENTENCES = [
    "Recent progress in {topic} has been driven by ever larger models and datasets.",
    "However, existing approaches to {topic} struggle with {task} when inputs grow long or noisy.",
    "We propose {name}, a {adj_l} method for {topic} that combines {topic2} with a lightweight {part}.",
    "The key idea of {name} is to treat {task} as {topic2}, which removes the quadratic cost of previous work.",
    "We evaluate {name} on {dataset} and {dataset2}, where it improves accuracy by {gain}% over strong baselines.",
    "Ablation studies show that the {part} accounts for most of the gain, while {topic2} improves robustness.",
    "Our analysis also sheds light on why {topic} fails on {task}, and suggests simple fixes.",
    "Code and models are available at https://github.com/{owner}/{name_lower}.",
]
PARTS = ["router", "memory module", "adapter", "attention head", "decoder", "tokenizer", "retriever", "quantizer"]


@functools.cache
def chain() -> tuple[list[tuple[str, str]], dict[tuple[str, str], list[str]]]:
    """Second-order word chain over the seed abstracts: sentence starts, and (w1, w2) -> next words."""
    abstracts = [line.strip() for line in SEEDS.read_text(encoding="utf-8").splitlines() if len(line) > 300]
    starts: list[tuple[str, str]] = []
    follows: dict[tuple[str, str], list[str]] = {}
    for abstract in abstracts:
        for sentence in abstract.replace("\n", " ").split(". "):
            words = sentence.rstrip(".").split()
            if len(words) < 6:
                continue
            starts.append((words[0], words[1]))
            for a, b, c in zip(words, words[1:], words[2:] + ["."]):
                follows.setdefault((a, b), []).append(c)
    return starts, follows


def sentence(rng: random.Random) -> str:
    starts, follows = chain()
    words = list(rng.choice(starts))
    while len(words) < 60:
        nxt = rng.choice(follows.get((words[-2], words[-1]), ["."]))
        if nxt == ".":
            break
        words.append(nxt)
    return " ".join(words).rstrip(",;:") + "."


def paper(index: int) -> tuple[str, str]:
    rng = random.Random(index)
    topic, topic2 = rng.sample(TOPICS, 2)
    name = rng.choice(["", "Meta", "Hyper", "Omni", "Flash", "Deep", "Long", "Micro"]) + rng.choice(METHODS) + (str(rng.randint(2, 9)) if rng.random() < 0.3 else "")
    name = f"{name}-{index}" if rng.random() < 0.5 else name
    adj = rng.choice(ADJECTIVES)
    task = rng.choice(TASKS)
    title = f"{name}: {adj} {topic.title() if rng.random() < 0.5 else topic} for {task.title()}"
    values = {
        "topic": topic, "topic2": topic2, "task": task, "name": name, "name_lower": name.lower(), "adj_l": adj.lower(),
        "part": rng.choice(PARTS), "dataset": rng.choice(DATASETS), "dataset2": rng.choice(DATASETS),
        "gain": f"{rng.uniform(0.5, 12):.1f}", "owner": f"lab{rng.randint(1, 500)}",
    }
    chosen = [s.format(**values) for s in SENTENCES[:3] + rng.sample(SENTENCES[3:7], rng.randint(2, 4))]
    target = min(2600, max(700, int(rng.gauss(1400, 380))))
    while sum(len(s) + 1 for s in chosen) < target:
        chosen.append(sentence(rng))
    if rng.random() < 0.4:
        chosen.append(SENTENCES[7].format(**values))
    return title, " ".join(chosen)


FIRST_NAMES = [
    "Wei", "Jing", "Yu", "Hao", "Min", "Xin", "Lei", "Yan", "Jun", "Ming", "Anna", "Maria", "David", "Michael", "Sarah", "Laura",
    "Thomas", "Daniel", "Jörg", "Sören", "Zoë", "José", "Inês", "Łukasz", "Ævar", "Priya", "Arjun", "Ananya", "Rahul", "Sanjay",
    "Hiroshi", "Yuki", "Takeshi", "Ji-woo", "Seo-yeon", "Minjun", "Olga", "Dmitri", "Ivan", "Fatima", "Omar", "Amir", "Leila",
    "Chiara", "Luca", "Giulia", "Pierre", "Élodie", "François", "Nils", "Ingrid", "Kwame", "Amara", "Tomás", "Lucía", "Diego",
]
LAST_NAMES = [
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "Lin",
    "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
    "Rossi", "Russo", "Ferrari", "Martin", "Bernard", "Dubois", "Kumar", "Singh", "Sharma", "Patel", "Gupta", "Kim", "Lee",
    "Park", "Choi", "Tanaka", "Suzuki", "Sato", "Ivanov", "Petrov", "Nowak", "Kowalski", "Silva", "Santos", "Oliveira",
    "Nguyen", "Tran", "Hansen", "Johansson", "Andersson", "O'Brien", "van der Berg", "de Vries", "Østergaard", "Ağaoğlu",
]


SYLLABLES = ["ka", "no", "ri", "ve", "lo", "mar", "tan", "ber", "sch", "ov", "ić", "zu", "hai", "den", "ström", "ez", "ra",
             "pel", "gu", "chi", "son", "mo", "lin", "ko", "vá", "ne", "da", "ush", "ter", "ya"]


def author_name(number: int) -> str:
    """The name of synthetic author `number`: the same number, the same spelling. Common surnames
    recur (two authors may well share "Wei Wang", as in real lists); the rest are built from syllables."""
    rng = random.Random(f"author-{number}")
    middle = f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.2 else ""
    last = rng.choice(LAST_NAMES) if rng.random() < 0.4 else "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{rng.choice(FIRST_NAMES)}{middle} {last}"


def authors(index: int, count: int) -> list[str]:
    """Paper `index`'s author list in a collection of `count` papers: 1 to 12 names (median 5), as
    Daily Papers lists run. A third come from a pool of count // 2 recurring authors, skewed so a
    few sign a hundred papers (a lab's head) and many two or three; the rest sign this paper alone."""
    rng = random.Random(f"authors-{index}")
    pool = max(1, count // 2)
    size = min(12, max(1, round(rng.lognormvariate(1.55, 0.5))))
    chosen = []
    for place in range(size):
        if rng.random() < 0.35:
            number = int(pool * rng.random() ** 1.5)  # low numbers recur most
        else:
            number = pool + index * 12 + place
        chosen.append(author_name(number))
    return list(dict.fromkeys(chosen))


def listing(count: int) -> str:
    parts = ["new", "Get trending papers in your email inbox!", "Subscribe", "byAK and the research community", "Mar 11"]
    for index in range(count):
        parts += paper(index)
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    sys.stdout.write(listing(int(sys.argv[1])))
