"""Running servers for the endpoint tests: `ogpgraph serve` and `oxigraph serve` as subprocesses
on free loopback ports, stopped at the end. All traffic stays on 127.0.0.1."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def cpu_ticks(pid: int) -> int:
    """User + system CPU clock ticks used so far by a process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


class ServeProcess:
    """``ogpgraph serve --port 0`` in a subprocess; ``url`` is the printed endpoint URL."""

    def __init__(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
        self.args = [sys.executable, "-m", "ogpgraph.cli.main", "serve", "--port", "0", *args]
        self.proc = subprocess.Popen(
            self.args,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        threading.Thread(
            target=self._pump, args=(self.proc.stdout, self.stdout), daemon=True
        ).start()
        threading.Thread(
            target=self._pump, args=(self.proc.stderr, self.stderr), daemon=True
        ).start()
        self.url = self._wait_for_url()
        self.base = self.url.rsplit("/", 1)[0]

    def _pump(self, stream, sink: list[str]) -> None:
        for line in stream:
            sink.append(line)
            if stream is self.proc.stdout:
                self.lines.put(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            match = re.search(r"SPARQL endpoint: (http://\S+/sparql)", line)
            if match:
                return match.group(1)
        self.proc.kill()
        self.proc.wait()
        time.sleep(0.2)
        raise RuntimeError(
            f"ogpgraph serve did not print its URL; exit {self.proc.returncode}\n"
            + "".join(self.stdout)
            + "".join(self.stderr)
        )

    def stop(self) -> int:
        """Ctrl-C (SIGINT), as a user would; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture(scope="module")
def served(root: Path):
    """`ogpgraph serve` on the bundled graph (module-wide)."""
    server = ServeProcess("--root", str(root))
    yield server
    server.stop()


def oxigraph_executable() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


class OxigraphServer:
    """``oxigraph serve`` (the PyPI ``oxigraph`` package) on a free loopback port."""

    def __init__(self, location: Path, *extra: str) -> None:
        exe = oxigraph_executable()
        if exe is None:
            raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                exe,
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{self.port}",
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("oxigraph serve exited: " + self.proc.stderr.read().decode())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph serve did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def oxigraph_server(tmp_path: Path):
    server = OxigraphServer(tmp_path / "oxigraph-data")
    yield server
    server.stop()


# ------------------------------------------------------------------ a small Graph Store stand-in
class MiniStore:
    """A tiny SPARQL + Graph Store server on 127.0.0.1 backed by pyoxigraph, for what the real
    servers here cannot show: HTTP Basic authentication, and a Virtuoso-like silent row cap
    (results cut at ``cap`` rows, announced only in an ``X-SPARQL-MaxRows`` header).

    ``requests`` records (method, path, Authorization header) of every request.
    """

    def __init__(
        self,
        *,
        user: str | None = None,
        password: str | None = None,
        cap: int | None = None,
        status: int | None = None,
    ) -> None:
        import base64
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs, urlsplit

        import pyoxigraph as ox

        self.store = ox.Store()
        self.requests: list[tuple[str, str, str | None]] = []
        token = base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def _reply(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None):
                self.send_response(code)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                auth = self.headers.get("Authorization")
                outer.requests.append((self.command, self.path, auth))
                if status is not None:
                    headers = {"WWW-Authenticate": 'Basic realm="test"'} if status == 401 else {}
                    return self._reply(status, b"no", headers)
                if token and auth != f"Basic {token}":
                    return self._reply(401, b"", {"WWW-Authenticate": 'Basic realm="test"'})
                parts = urlsplit(self.path)
                params = parse_qs(parts.query)
                if parts.path == "/store" and self.command == "PUT":
                    graph = ox.NamedNode(params["graph"][0])
                    outer.store.remove_graph(graph) if outer.store.contains_named_graph(
                        graph
                    ) else None
                    outer.store.load(body, format=ox.RdfFormat.TURTLE, to_graph=graph)
                    return self._reply(201)
                if parts.path == "/query" and self.command == "POST":
                    query = parse_qs(body.decode())["query"][0]
                    result = outer.store.query(query)
                    rows = list(result)
                    headers = {"Content-Type": "application/sparql-results+json"}
                    if cap is not None and len(rows) > cap:
                        rows = rows[:cap]
                        headers["X-SPARQL-MaxRows"] = str(cap)
                    data = _solutions_json(result.variables, rows)
                    return self._reply(200, data, headers)
                return self._reply(404, b"not here")

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _solutions_json(variables, rows) -> bytes:
    import json

    import pyoxigraph as ox

    names = [v.value for v in variables]
    bindings = []
    for row in rows:
        cells = {}
        for name in names:
            term = row[name]
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                cells[name] = {"type": "uri", "value": term.value}
            elif isinstance(term, ox.BlankNode):
                cells[name] = {"type": "bnode", "value": term.value}
            else:
                cells[name] = {
                    "type": "literal",
                    "value": term.value,
                    "datatype": term.datatype.value,
                }
        bindings.append(cells)
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()


@pytest.fixture
def mini_store():
    """``mini_store(user=…, password=…, cap=…, status=…)`` starts one; all are closed after."""
    made: list[MiniStore] = []

    def make(**kwargs) -> MiniStore:
        server = MiniStore(**kwargs)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()
