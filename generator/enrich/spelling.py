"""British and American spellings: each paper is also indexed under the other spelling of its words.

Pagefind stems words but does not know that "quantisation" and "quantization" are one word, so a
reader who searches in one spelling would miss papers written in the other.
"""

from __future__ import annotations

import functools
import re

WORD = re.compile(r"[A-Za-z]{4,}")
# -ise/-ize family (quantise, quantisation, normalised, tokenizer); the stem must be long enough that
# "rise", "wise", "noise" are left alone.
IZE = re.compile(r"^([a-z]{3,}[^aeiouw])([iy])([sz])(e|es|ed|ing|er|ers|ation|ations|ational)$")
OUR = {"colour": "color", "behaviour": "behavior", "favour": "favor", "labour": "labor", "neighbour": "neighbor",
       "honour": "honor", "humour": "humor", "flavour": "flavor", "rumour": "rumor", "vapour": "vapor"}
TRE = {"centre": "center", "metre": "meter", "fibre": "fiber", "theatre": "theater", "litre": "liter"}
NOT_IZE = frozenset({"promise", "promised", "premise", "premises", "exercise", "exercised", "expertise", "precise",
                     "concise", "otherwise", "advertise", "surprise", "surprised", "compromise", "enterprise",
                     "franchise", "merchandise", "supervise", "supervised", "supervision", "revise", "revised",
                     "devise", "devised", "comprise", "comprises", "comprised", "improvise", "televise", "disguise",
                     "analyse", "analysed", "analyses", "paralyse", "catalyse"})
LL_WORDS = ("model", "label", "signal", "travel", "cancel", "level", "tunnel", "fuel", "channel", "funnel")
LL_ENDINGS = frozenset({"ling", "led", "ler", "lers"})
SWAPS = {**OUR, **TRE, **{v: k for k, v in {**OUR, **TRE}.items()}}


@functools.lru_cache(maxsize=1 << 16)  # words repeat across abstracts: ~1.7M lookups, ~50k words at 10k papers
def variant(word: str) -> str | None:
    """The other spelling of one lower-case word, or None when it has no other."""
    if word in SWAPS:
        return SWAPS[word]
    if word.startswith("analy") and word[5:6] in ("s", "z") and not word.startswith("analysis"):
        return word[:5] + ("z" if word[5] == "s" else "s") + word[6:]
    for base in LL_WORDS:  # modelling <-> modeling, labelled <-> labeled
        rest = word[len(base):] if word.startswith(base) else None
        if rest in LL_ENDINGS:
            return base + rest[1:]
        if rest and "l" + rest in LL_ENDINGS:
            return base + "l" + rest
    match = IZE.match(word)
    if match and word not in NOT_IZE and match.group(2) == "i":
        return match.group(1) + "i" + ("z" if match.group(3) == "s" else "s") + match.group(4)
    return None


def variants(*texts: str) -> tuple[str, ...]:
    """The other spelling of every word in the texts that has one, each once, in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in WORD.findall(text):
            other = variant(word.lower())
            if other and other not in seen:
                seen[other] = None
    return tuple(seen)
