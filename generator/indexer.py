"""Pagefind's indexing service, driven synchronously while MkDocs writes the pages.

Pagefind's binary (shipped in the pagefind[extended] wheel) has a `--service` mode: requests and answers
are base64 JSON messages ended by commas on stdin/stdout. Its Python wrapper waits 0.1 s between reading
answers (about 10 pages a second: 100k pages would take three hours), so this module speaks the same
protocol directly. Pages go in as MkDocs writes them (see generator/lean.py), so the binary indexes
on the second core while MkDocs renders on the first.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from pathlib import Path, PurePosixPath

from generator.errors import PapershelfError


def executable() -> Path:
    from pagefind_bin_extended import get_executable

    found = get_executable()
    if found is None:
        raise PapershelfError("pagefind: its binary is missing; reinstall with `pip install -e .`")
    return found


class Indexer:
    """One in-memory Pagefind index: add pages, `finish`, then `wait` for the bundle. Errors are raised by `wait`."""

    def __init__(self, config: dict) -> None:
        self._process = subprocess.Popen(
            [str(executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        self._next_id = 0
        self._write_id = 0
        self._output: Path | None = None
        self._errors: list[str] = []
        self._answers: dict[int, dict] = {}
        self._arrived = threading.Condition()
        # A thread reads answers as they come, so neither side ever blocks on a full pipe.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self._index_id = self._ask({"type": "NewIndex", "config": config})["index_id"]
        except PapershelfError as err:
            raise PapershelfError(f"pagefind could not start: {err}") from None

    def add(self, url: str, html: str) -> None:
        """Queue one page; the answer is not awaited (errors are collected and raised by `wait`)."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_path": None, "file_contents": html})

    def finish(self, output: Path) -> None:
        """Ask for the bundle without waiting (MkDocs goes on meanwhile); `wait` writes it to `output`.

        GetFiles, not WriteFiles: Pagefind 1.5's service answers WriteFiles before its files are all on
        disk, and a binary told to stop then can leave pagefind-entry.json empty (1 bundle in 90 on a
        busy machine, measured): a bundle the search box cannot load. Files handed over are written here."""
        self._output = output
        self._write_id = self._send({"type": "GetFiles", "index_id": self._index_id})
        self._process.stdin.flush()

    def wait(self) -> None:
        """Wait for the bundle asked for by `finish` and write it; raise what went wrong."""
        try:
            answer = self._wait_for(self._write_id)
            self.close()
            if self._errors:
                raise PapershelfError("; ".join(self._errors[:5]))
            if answer.get("type") != "GetFiles":
                raise PapershelfError(f"unexpected answer {str(answer)[:200]}")
            self._write(answer["files"])
        except PapershelfError as err:
            raise PapershelfError(f"pagefind could not write the search index to {self._output}: {err}") from None

    def _write(self, files: list[dict]) -> None:
        for file in files:
            relative = PurePosixPath(file["path"])
            if relative.is_absolute() or ".." in relative.parts:
                raise PapershelfError(f"refused a file outside the bundle: {file['path']!r}")
            target = self._output.joinpath(*relative.parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(base64.b64decode(file["content"]))
            except OSError as err:
                raise PapershelfError(f"{err.strerror}: {target}") from None

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            self._process.wait(timeout=60)

    def kill(self) -> None:
        """Stop the binary at once, writing nothing (a build that failed)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def _send(self, payload: dict) -> int:
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        except BrokenPipeError:
            raise PapershelfError(f"pagefind stopped: {'; '.join(self._errors) or 'no message'}") from None
        return self._next_id

    def _ask(self, payload: dict) -> dict:
        wanted = self._send(payload)
        self._process.stdin.flush()
        return self._wait_for(wanted)

    def _wait_for(self, wanted: int) -> dict:
        with self._arrived:
            self._arrived.wait_for(lambda: wanted in self._answers or not self._reader.is_alive())
            if wanted not in self._answers:
                raise PapershelfError(f"it stopped ({'; '.join(self._errors) or 'no answer'})")
            return self._answers.pop(wanted)

    def _read(self) -> None:
        # A bundle's files come as one message of megabytes: the pieces of an unfinished message are
        # kept in a list and joined once, not searched again with every chunk.
        pending: list[bytes] = []
        stream = self._process.stdout
        while chunk := stream.read1(1 << 16):
            *complete, rest = chunk.split(b",")
            if complete:
                self._take(b"".join(pending) + complete[0])
                for raw in complete[1:]:
                    self._take(raw)
                pending = []
            pending.append(rest)
        with self._arrived:
            self._arrived.notify_all()

    def _take(self, raw: bytes) -> None:
        try:
            message = json.loads(base64.b64decode(raw))
        except ValueError:  # not a message: the binary printed a line of its own
            self._errors.append(raw.decode("utf-8", "replace").strip())
            return
        payload = message.get("payload") or {}
        if payload.get("type") == "Error":
            self._errors.append(payload.get("message", "unknown error"))
        if payload.get("type") in ("NewIndex", "GetFiles", "Error") and message.get("message_id") is not None:
            with self._arrived:
                self._answers[message["message_id"]] = payload
                self._arrived.notify_all()


# Pagefind writes its own search interfaces into every bundle; papershelf's search box
# (assets/search.js) drives the engine alone. 0.42 MB a bundle: 8 MB at 100k papers.
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
)


def prune(bundle: Path) -> None:
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)


WATCH = Path(__file__).with_name("data") / "pagefind-watch.js"


def watch(bundle: Path) -> None:
    """Put papershelf's watch on failed chunk requests in front of the bundle's Pagefind worker."""
    worker = bundle / "pagefind-worker.js"
    if worker.is_file():
        worker.write_bytes(WATCH.read_bytes() + worker.read_bytes())


class Shards:
    """Pages in, one Pagefind bundle per `size` pages out: pagefind/, pagefind-1/, pagefind-2/ ...

    Pagefind holds a whole index in memory and needs ~145 KB a page while writing it (1.45 GB at 10k
    pages, measured), so a big site is indexed as several bundles that the search box merges in the
    browser (Pagefind's mergeIndex). At most two binaries live at once: one writing, one filling.
    """

    def __init__(self, site_dir: Path, config: dict, size: int) -> None:
        self.site_dir, self.config, self.size = site_dir, config, size
        self.bundles: list[str] = []
        self._filling: Indexer | None = None
        self._count = 0
        self._writing: Indexer | None = None

    def add(self, url: str, html: str) -> None:
        if self._filling is None:
            self._filling = Indexer(self.config)
        self._filling.add(url, html)
        self._count += 1
        if self._count == self.size:
            self._rotate()

    def close(self) -> list[str]:
        """Write what is left and wait for every bundle; returns the bundle folders, first one primary."""
        if self._filling is None and not self.bundles:
            self._filling = Indexer(self.config)  # a site with no papers still gets a (empty) search bundle
        self._rotate()
        if self._writing is not None:
            self._writing.wait()
            self._writing = None
        for bundle in self.bundles:
            prune(self.site_dir / bundle)
            watch(self.site_dir / bundle)
        return self.bundles

    def abort(self) -> None:
        for indexer in (self._filling, self._writing):
            if indexer is not None:
                indexer.kill()

    def _rotate(self) -> None:
        if self._filling is None:
            return
        if self._writing is not None:
            self._writing.wait()
        name = "pagefind" if not self.bundles else f"pagefind-{len(self.bundles)}"
        self.bundles.append(name + "/")
        self._filling.finish(self.site_dir / name)
        self._writing, self._filling, self._count = self._filling, None, 0
