"""How fast ``notes-lint server`` answers an editor (issue 17); figures, no assertion.

Starts the server as an editor does (``python -m notes_lint server`` on stdio) in
a temporary team repository and measures, with a plain JSON-RPC client:

1. a 5 KB note: the time from each ``didChange`` (a keystroke's whole text) to the
   ``publishDiagnostics`` of that version (target: 50 ms on the project's machine);
2. a 1 MB note: the time from its ``didChange`` to its diagnostics, and meanwhile
   the time to answer a ``completion`` in another note (the server must stay
   responsive while the large note is linted in its thread).

    python benchmarks/lsp.py [--edits 30]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFIG = """\
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:
  Guillaume: glemaitre
  Julien: jjerphan
"""
BLOCK = """\
### Discussion

- Merged https://github.com/acme/tools/pull/{n} after review by Julien
- The docs build is slow, see [the CI run](https://ci.example.org/builds/{n})
- [#{n}](https://github.com/acme/tools/pull/{n}) needs a second review

### TODO / Next

- Review the array API pull requests (Guillaume)
- Release {n}.5 (Guilaume)
- Julien: book a room for the sprint number {n}

"""

Message = dict[str, Any]


class Client:
    """JSON-RPC over the server's stdin/stdout; a thread reads its messages."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "notes_lint", "server"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[tuple[float, Message]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put((time.perf_counter(), json.loads(stream.read(length))))

    def send(self, message: Message) -> float:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()
        return sent

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(
        self, wanted: Callable[[Message], bool], timeout: float = 120
    ) -> tuple[float, Message]:
        end = time.perf_counter() + timeout
        while True:
            at, message = self.inbox.get(timeout=max(end - time.perf_counter(), 0.01))
            if "method" in message and "id" in message:  # a request of the server
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return at, message


def published(uri: str, version: int) -> Callable[[Message], bool]:
    def check(message: Message) -> bool:
        params = message.get("params") or {}
        return bool(
            message.get("method") == "textDocument/publishDiagnostics"
            and params.get("uri") == uri
            and params.get("version") == version
        )

    return check


def answer_to(ident: int) -> Callable[[Message], bool]:
    return lambda message: message.get("id") == ident and "method" not in message


def note_text(size: int) -> str:
    parts = ["## March 19th, 2024\n\n"]
    n = 0
    while sum(map(len, parts)) < size:
        n += 1
        parts.append(BLOCK.format(n=n))
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=30, help="edits of the 5 KB note")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        (root / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
        (root / "notes").mkdir()
        client = Client(root)
        started = time.perf_counter()
        first = client.request(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}
        )
        client.wait(lambda m: m.get("id") == first)
        client.send({"method": "initialized", "params": {}})
        print(f"initialize answered in {(time.perf_counter() - started) * 1000:.0f} ms")

        small = note_text(5 * 1024)
        uri = (root / "notes" / "2024-03-19.md").as_uri()
        item = {"uri": uri, "languageId": "markdown", "version": 1, "text": small}
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        client.wait(published(uri, 1))
        times = []
        for version in range(2, args.edits + 2):
            text = small.replace("sprint number 1\n", f"sprint number 1{'x' * version}\n")
            sent = client.send(
                {
                    "method": "textDocument/didChange",
                    "params": {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": text}],
                    },
                }
            )
            at, _ = client.wait(published(uri, version))
            times.append((at - sent) * 1000)
        times.sort()
        print(
            f"5 KB note ({len(small.encode())} bytes), didChange -> publishDiagnostics over "
            f"{len(times)} edits: median {statistics.median(times):.1f} ms, "
            f"p90 {times[int(len(times) * 0.9) - 1]:.1f} ms, max {times[-1]:.1f} ms"
        )

        big = note_text(1024 * 1024)
        big_uri = (root / "notes" / "2024-03-26.md").as_uri()
        item = {"uri": big_uri, "languageId": "markdown", "version": 1, "text": big}
        sent = client.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
        at, message = client.wait(published(big_uri, 1))
        found = len(message["params"]["diagnostics"])
        print(
            f"1 MB note ({len(big.encode())} bytes): opened -> {found} diagnostics in "
            f"{(at - sent) * 1000:.0f} ms"
        )
        sent = client.send(
            {
                "method": "textDocument/didChange",
                "params": {
                    "textDocument": {"uri": big_uri, "version": 2},
                    "contentChanges": [{"text": big + "- one more line\n"}],
                },
            }
        )
        time.sleep(0.5)  # past the debounce: the lint of the large note is under way
        answers = []
        for _ in range(5):
            asked = time.perf_counter()
            ident = client.request(
                "textDocument/completion",
                {"textDocument": {"uri": uri}, "position": {"line": 4, "character": 3}},
            )
            answered, _ = client.wait(answer_to(ident))
            answers.append((answered - asked) * 1000)
        at, _ = client.wait(published(big_uri, 2))
        print(
            f"1 MB note changed: diagnostics {(at - sent) * 1000:.0f} ms later (debounce "
            f"included); completions asked meanwhile answered in "
            f"{', '.join(f'{a:.0f}' for a in answers)} ms"
        )
        ident = client.request("shutdown", None)
        client.wait(lambda m: m.get("id") == ident)
        client.send({"method": "exit"})
        print(f"shutdown + exit: status {client.process.wait(timeout=30)}")


if __name__ == "__main__":
    main()
