"""A real HTTP server on 127.0.0.1 that stands in for Hugging Face's and arXiv's APIs with recorded
real answers (tests/fixtures/net/, PROVENANCE.md there says where each came from).

- GET /hf/daily_papers?date|week|month=...&p=&limit=: the recorded items of that period, paged.
- GET /hf/papers/ID: the recorded /api/papers/ID answer (hf/paper-ID.json), or 404.
- GET /arxiv/query?id_list=...: the recorded entries with those ids, in a feed as arXiv sends them.
- GET /arxiv/query?search_query=ti:"...": the recorded entries whose title holds those words.
- GET /arxiv/query?search_query=Q&start=S&max_results=M: the recorded answer to that exact request.

A test scripts failures per path (`fail("/hf/daily_papers", 503, 503)`; `"slow"` answers after the
client has given up), gives an arXiv request another request's recorded answer (`answer(params,
"search-testing-start0-max10.xml")`: an answer listing other papers), and reads `requests` (time,
path, query) to check what the client did.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

NET = Path(__file__).parent / "fixtures" / "net"
ENTRY = re.compile(r"<entry\b.*?</entry>", re.S)
ID = re.compile(r"<id>\s*https?://arxiv\.org/abs/([^<\s]+?)(?:v\d+)?\s*</id>")
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)
FEED_HEAD = re.compile(r"^.*?(?=<entry\b|</feed>)", re.S)


class Recorded:
    """What the stand-in knows: HF items by period, arXiv answers by request, arXiv entries by id."""

    def __init__(self, folder: Path = NET):
        self.hf: dict[tuple[str, str], list] = {}
        for path in sorted((folder / "hf").glob("daily_papers-*.json")):
            day = path.stem.removeprefix("daily_papers-")
            self.hf[("date", day)] = json.loads(path.read_text(encoding="utf-8"))
        # /api/papers/ID answers, sent as recorded
        self.papers = {p.stem.removeprefix("paper-"): p.read_text(encoding="utf-8") for p in sorted((folder / "hf").glob("paper-*.json"))}
        index = json.loads((folder / "arxiv" / "index.json").read_text(encoding="utf-8"))
        self.answers: dict[str, tuple[int, str]] = {}
        self.entries: dict[str, str] = {}
        self.head = ""
        for name, info in index.items():
            body = (folder / "arxiv" / name).read_text(encoding="utf-8")
            query = urlsplit(info["url"]).query
            self.answers[_canonical(query)] = (int(info["status"]), body)
            self.head = self.head or FEED_HEAD.match(body).group(0)
            self._add_entries(body)
        for path in sorted((folder / "resolve").glob("*.xml")):
            self._add_entries(path.read_text(encoding="utf-8"))

    def _add_entries(self, body: str) -> None:
        for entry in ENTRY.findall(body):
            found = ID.search(entry)
            if found and "<title>Error</title>" not in entry:
                self.entries.setdefault(found.group(1), entry)

    def feed(self, entries: list[str]) -> str:
        head = re.sub(r"<opensearch:totalResults([^>]*)>\d+<", rf"<opensearch:totalResults\g<1>>{len(entries)}<", self.head)
        return head + "".join(f"{e}\n  " for e in entries) + "</feed>\n"

    def by_title(self, phrase: str) -> list[str]:
        words = re.findall(r"\w+", phrase.casefold())
        found = []
        for entry in self.entries.values():
            title = re.findall(r"\w+", TITLE.search(entry).group(1).casefold())
            if _contains(title, words):
                found.append(entry)
        return found


def _contains(text: list[str], words: list[str]) -> bool:
    return any(text[i : i + len(words)] == words for i in range(len(text) - len(words) + 1))


def _canonical(query: str) -> str:
    return "&".join(sorted(f"{k}={v[0]}" for k, v in parse_qs(query).items()))


class Stand(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, recorded: Recorded):
        super().__init__(("127.0.0.1", 0), Handler)
        self.recorded = recorded
        self.requests: list[tuple[float, str, dict]] = []
        self.script: dict[str, list] = {}
        self.slow_seconds = 3.0
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def answer(self, params: dict, name: str) -> None:
        """Answer the arXiv request with these parameters with the recorded answer arxiv/NAME, another request's."""
        body = (NET / "arxiv" / name).read_text(encoding="utf-8")
        self.recorded.answers[_canonical(urlencode(params))] = (200, body)

    def fail(self, path: str, *answers) -> None:
        """The next answers to path: a status (429, 503 ...) or "slow"; then the recorded answers again."""
        self.script.setdefault(path, []).extend(answers)


class Handler(BaseHTTPRequestHandler):
    server: Stand

    def log_message(self, *args) -> None:  # quiet: pytest shows what a test prints
        pass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        with self.server.lock:
            self.server.requests.append((time.monotonic(), url.path, query))
            scripted = self.server.script.get(url.path)
            step = scripted.pop(0) if scripted else None
        if step == "slow":
            time.sleep(self.server.slow_seconds)
        elif step is not None:
            # Hugging Face and arXiv answer throttling and outages with short bodies like these.
            self._send(step, "Rate exceeded." if step == 429 else "Service Unavailable", "text/plain", {"Retry-After": "0"})
            return
        if url.path == "/hf/daily_papers":
            self._daily(query)
        elif url.path.startswith("/hf/papers/"):
            self._paper(url.path.removeprefix("/hf/papers/"))
        elif url.path == "/arxiv/query":
            self._arxiv(url.query, query)
        else:
            self._send(404, "Not Found", "text/plain")

    def _daily(self, query: dict) -> None:
        period = next(((k, query[k]) for k in ("date", "week", "month") if k in query), None)
        items = self.server.recorded.hf.get(period, [])
        page, limit = int(query.get("p", 0)), int(query.get("limit", 50))
        self._send(200, json.dumps(items[page * limit : (page + 1) * limit]), "application/json")

    def _paper(self, paper_id: str) -> None:
        answer = self.server.recorded.papers.get(paper_id)
        if answer is None:  # not recorded: the stand-in cannot say what Hugging Face would
            self._send(404, "Not Found", "text/plain")
        else:
            self._send(200, answer, "application/json")

    def _arxiv(self, raw: str, query: dict) -> None:
        recorded = self.server.recorded
        answer = recorded.answers.get(_canonical(raw))
        if answer:
            self._send(answer[0], answer[1], "application/atom+xml")
        elif "id_list" in query:
            ids = [i.strip() for i in query["id_list"].split(",")]
            self._send(200, recorded.feed([recorded.entries[i] for i in ids if i in recorded.entries]), "application/atom+xml")
        elif query.get("search_query", "").startswith("ti:"):
            found = recorded.by_title(query["search_query"][3:].strip('"'))
            self._send(200, recorded.feed(found[: int(query.get("max_results", 10))]), "application/atom+xml")
        else:
            self._send(200, recorded.feed([]), "application/atom+xml")

    def _send(self, status: int, body: str, kind: str, headers: dict | None = None) -> None:
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)


def start(recorded: Recorded | None = None) -> Stand:
    server = Stand(recorded or Recorded())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
