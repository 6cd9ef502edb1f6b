"""Asking a source over HTTP as a careful client does: a timeout on every request, retries with backoff
on 429, 5xx and dropped connections (urllib3's Retry, honouring Retry-After), one request at a time per
host with a minimum interval where the host asks for one (arXiv: one every 3 seconds), and one clear
error naming the URL and the status when a source stays down.

Settings come from the environment, so a mirror or a test server can stand in and a test need not wait:
PAPERSHELF_HTTP_TIMEOUT (seconds, default 30), PAPERSHELF_HTTP_RETRIES (default 4),
PAPERSHELF_HTTP_BACKOFF (seconds, default 2: waits of 2, 4, 8 ...), PAPERSHELF_ARXIV_DELAY (default 3),
PAPERSHELF_OFFLINE=1 (no request is made at all).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from generator import __version__
from generator.errors import PapershelfError

RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_WAIT = 60.0  # seconds: a Retry-After of an hour is not worth waiting for in a daily job
USER_AGENT = f"papershelf/{__version__} (+https://github.com/; static paper sites)"


class SourceDown(PapershelfError):
    """A source did not answer, or answered with an error, after every retry. Nothing was written."""


@dataclass(frozen=True)
class Settings:
    timeout: float
    retries: int
    backoff: float
    offline: bool

    @classmethod
    def from_env(cls, offline: bool = False) -> "Settings":
        return cls(
            timeout=_number("PAPERSHELF_HTTP_TIMEOUT", 30.0),
            retries=int(_number("PAPERSHELF_HTTP_RETRIES", 4)),
            backoff=_number("PAPERSHELF_HTTP_BACKOFF", 2.0),
            offline=offline or os.environ.get("PAPERSHELF_OFFLINE", "") not in ("", "0"),
        )


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise PapershelfError(f"{name} is {raw!r}, not a number of seconds") from None
    if value < 0 or value != value or value == float("inf"):
        raise PapershelfError(f"{name} is {raw!r}; give a number of 0 or more")
    return value


class _Retry(Retry):
    """urllib3's retry with a floor and a ceiling on each wait: the host's interval at least (arXiv asks
    for 3 s between requests, retries included), MAX_WAIT at most (Retry-After included)."""

    floor = 0.0

    def get_backoff_time(self) -> float:
        return min(MAX_WAIT, max(self.floor, super().get_backoff_time()))

    def get_retry_after(self, response) -> float | None:
        after = super().get_retry_after(response)
        return None if after is None else min(MAX_WAIT, max(self.floor, after))

    def new(self, **kw):
        retry = super().new(**kw)
        retry.floor = self.floor
        return retry


class Client:
    """One session per source; `interval` is the least time between two requests to it."""

    def __init__(self, settings: Settings, interval: float = 0.0):
        self.settings = settings
        self.interval = interval
        self._last = float("-inf")
        self._lock = threading.Lock()  # one request at a time: arXiv allows one connection
        retry = _Retry(
            total=settings.retries, connect=settings.retries, read=settings.retries, status=settings.retries,
            backoff_factor=settings.backoff, status_forcelist=RETRY_STATUSES, allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True, raise_on_status=False,
        )
        retry.floor = interval
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=1)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def get(self, url: str, params: dict | None = None) -> bytes:
        """The body of a 200 answer, or SourceDown naming the URL and what went wrong."""
        shown = f"{url}?{urlencode(params)}" if params else url
        if self.settings.offline:
            raise SourceDown(f"{shown}: not fetched: offline (--offline or PAPERSHELF_OFFLINE); nothing was written")
        if urlsplit(url).scheme not in ("http", "https"):
            raise SourceDown(f"{shown}: not an http:// or https:// address; nothing was written")
        tries = self.settings.retries + 1
        with self._lock:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                response = self.session.get(url, params=params, timeout=self.settings.timeout)
            except requests.exceptions.RetryError as err:
                raise SourceDown(f"{shown}: {_status_of(err)} after {tries} tries; nothing was written") from None
            except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as err:
                raise SourceDown(f"{shown}: {_failure(err, self.settings.timeout)} after {tries} tries; nothing was written") from None
            except requests.exceptions.RequestException as err:
                raise SourceDown(f"{shown}: {err}; nothing was written") from None
            finally:
                self._last = time.monotonic()
        if response.status_code != 200:
            reason = f" {response.reason}" if response.reason else ""
            retried = f" after {tries} tries" if response.status_code in RETRY_STATUSES else ""
            raise SourceDown(f"{shown}: HTTP {response.status_code}{reason}{retried}; nothing was written")
        return response.content


def _status_of(err: Exception) -> str:
    reason = getattr(err.args[0], "reason", None) if err.args else None
    text = str(reason or err)
    for status in RETRY_STATUSES:
        if f"{status} error" in text:
            return f"HTTP {status}"
    return text


def _failure(err: Exception, timeout: float) -> str:
    text = str(err)
    if isinstance(err, requests.exceptions.Timeout) or "timed out" in text.lower():
        return f"no answer within {timeout:g} s"
    if "refused" in text.lower():
        return "connection refused"
    return "connection failed"
