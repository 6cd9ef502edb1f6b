"""Code repositories and project pages mentioned in an abstract, cleaned of the prose around them."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

from generator.model import Link

CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "bitbucket.org", "codeberg.org")
# A URL with a scheme, or a bare code-host address such as github.com/owner/repo.
URL = re.compile(
    r"(?:https?://|(?<![\w./@-])(?:www\.)?(?:" + "|".join(re.escape(h) for h in CODE_HOSTS) + r")/)[^\s<>\"'`]+",
    re.IGNORECASE,
)
TRAILING = ".,;:!?'\"*`"
PAIRS = {")": "(", "]": "[", "}": "{"}


def clean_url(raw: str) -> str:
    """Strip sentence punctuation and unbalanced closing brackets: '.../Fusion.)' -> '.../Fusion'."""
    url = raw
    while url:
        last = url[-1]
        if last in TRAILING:
            url = url[:-1]
        elif last in PAIRS and url.count(last) > url.count(PAIRS[last]):
            url = url[:-1]
        else:
            break
    if not url.lower().startswith(("http://", "https://")):
        url = "https://" + url
    return url


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address with a host, else None: nothing else reaches a page."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(ch in url for ch in "<>\"' `") or any(unicodedata.category(ch) == "Cc" for ch in url):
        return None
    return visible(url.strip())


def visible(text: str) -> str:
    """The text with invisible formatting characters (bidi overrides and isolates, zero-width spaces
    and joiners, byte-order marks: Unicode's Cf) percent-encoded, so '.../\u202egnp.exe' cannot show
    as '...exe.png' in a label or an address a reader sees."""
    return "".join(quote(ch) if unicodedata.category(ch) == "Cf" else ch for ch in text)


def classify(url: str) -> Link:
    """A link's kind and a short label: code for repositories, project for everything else."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = [p for p in parts.path.split("/") if p]
    if host in CODE_HOSTS and len(path) >= 2:
        owner_repo = path[:3] if host == "huggingface.co" and path[0] in ("spaces", "datasets") else path[:2]
        if host == "huggingface.co" and path[0] == "spaces":
            return Link("demo", url, f"{host}/{'/'.join(owner_repo)}")
        repo = "/".join(owner_repo)
        if host in ("github.com", "gitlab.com") and repo.endswith(".git"):
            repo = repo[:-4]
        return Link("code", f"https://{host}/{repo}" if host != "huggingface.co" else url, f"{host}/{repo}")
    if host == "arxiv.org":
        return Link("arxiv", url, "arXiv")
    return Link("project", url, host + parts.path.rstrip("/"))


def find_links(text: str) -> tuple[Link, ...]:
    """Every distinct http(s) link in the text, in order of first mention."""
    seen: dict[str, Link] = {}
    for match in URL.finditer(text):
        url = safe_url(clean_url(match.group(0)))
        if url is None:
            continue
        link = classify(url)
        seen.setdefault(link.url.lower(), link)
    return tuple(seen.values())
