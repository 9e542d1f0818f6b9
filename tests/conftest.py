"""Shared fixtures: the real bundled graph, tiny fixture projects, a CLI runner, a loopback spy."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def kg():
    """The bundled graph, loaded once."""
    from ogpgraph.dataset.store import KnowledgeGraph

    return KnowledgeGraph.load(ROOT)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A project in tmp_path with the real ontology and the given graph files.

    Usage: ``make_project({"x/a.trig": "...", "links/tinz.csv": "..."})``.
    """

    def make(files: dict[str, str], *, with_shapes: bool = True, name: str = "proj") -> Path:
        proj = tmp_path / name
        (proj / "graph").mkdir(parents=True)
        shutil.copytree(ROOT / "ontology", proj / "ontology")
        if not with_shapes:
            (proj / "ontology" / "shapes.ttl").unlink(missing_ok=True)
        for rel, text in files.items():
            path = proj / "graph" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return proj

    return make


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the CLI in-process: ``cli("query", "--list", root=path)``."""
    from ogpgraph.cli.main import cli as group

    def run(*args: str, root: Path | None = None, input: str | None = None) -> Result:
        argv = list(args)
        if root is not None:
            argv = [*argv, "--root", str(root)]
        return CliRunner().invoke(group, argv, input=input, catch_exceptions=False)

    return run


class LoopbackSpy:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            try:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            finally:
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def loopback_spy() -> Iterator[LoopbackSpy]:
    spy = LoopbackSpy()
    yield spy
    spy.close()
