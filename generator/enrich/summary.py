"""A one-line summary of an abstract: its sentence that states the contribution, shortened."""

from __future__ import annotations

import re

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
CONTRIBUTION = re.compile(r"\b(?:we|this paper|this work|in this paper)\s+(?:propose|present|introduce|develop|show|study|find)", re.I)
MAX_SUMMARY = 200


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(" ".join(text.split())) if s.strip()]


def summarize(abstract: str) -> str:
    """The first sentence that states a contribution, else the first sentence, cut at a word boundary."""
    parts = sentences(abstract)
    if not parts:
        return ""
    chosen = next((s for s in parts if CONTRIBUTION.search(s)), parts[0])
    if len(chosen) <= MAX_SUMMARY:
        return chosen
    cut = chosen[: MAX_SUMMARY - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
