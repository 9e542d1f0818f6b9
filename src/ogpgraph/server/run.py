"""Start the endpoint: build (or reuse) the on-disk store, start the workers, serve with uvicorn.

The store is always on disk, because the query workers open it read-only: with ``--store DIR`` it
is kept there and reused while ontology/ and graph/ are unchanged (a restart does not reload);
without it, it is built in a temporary folder that is removed when the server stops.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..guard import Trusted
from .app import EndpointConfig


def default_workers() -> int:
    """Two query workers at least (one long query never blocks the rest), four at most."""
    return max(2, min(4, os.cpu_count() or 2))


@dataclass
class PreparedStore:
    """An on-disk store ready for read-only workers, and what the app shows about it."""

    path: Path
    config: EndpointConfig
    temporary: Path | None = None

    def cleanup(self) -> None:
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)


def prepare_store(
    root: Path | str | None,
    store_dir: Path | None,
    *,
    timeout: float = 30.0,
    progress: Callable[[Any], None] | None = None,
) -> PreparedStore:
    """Load the project into an on-disk store (or reuse ``store_dir`` when it is current).

    Raises:
        DataError: bad input files (file, line, column).
    """
    from ..store import KnowledgeGraph

    temporary = None
    if store_dir is None:
        temporary = Path(tempfile.mkdtemp(prefix="ogpgraph-serve-"))
        store_dir = temporary
    try:
        kg = KnowledgeGraph.load(root, store_dir=store_dir, progress=progress)
        sizes = {
            str(row["g"]): int(row["n"])
            for row in kg.select(
                Trusted("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
            )
        }
        config = EndpointConfig(
            graphs=kg.graph_names(), triples=len(kg), timeout=timeout, graph_sizes=sizes
        )
        del kg  # closes the read-write handle: the workers open the store read-only
    except BaseException:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        raise
    return PreparedStore(Path(store_dir) / "data", config, temporary)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free port).

    Raises:
        OgpgraphError: when the address is taken or cannot be bound.
    """
    from ..errors import OgpgraphError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted sockets only when the
    # protocol says TCP, and without it every keep-alive response waits ~40 ms (Nagle's algorithm
    # against the client's delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        hint = "Pick another with --port, or --port 0 for a free one." if port else None
        raise OgpgraphError(
            f"cannot listen on {host}:{port}: {error.strerror}", hint=hint
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def base_url(sock: socket.socket) -> str:
    """``http://host:port`` of a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


@contextmanager
def running_pool(store: PreparedStore, workers: int) -> Iterator[Any]:
    """A worker pool over the store, stopped (and a temporary store removed) on exit."""
    from .workers import WorkerPool

    pool = WorkerPool(str(store.path), size=workers)
    try:
        yield pool
    finally:
        pool.close()


def _server_class(on_started: Callable[[], None]) -> Any:
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, stopping on SIGINT/SIGTERM without raising the signal again
        afterwards (uvicorn does, which would skip our clean-up: workers, temporary store), and
        announcing itself only once its signal handlers are in place."""

        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:
                on_started()

        def handle_exit(self, sig: int, frame: Any) -> None:
            super().handle_exit(sig, frame)
            captured = getattr(self, "_captured_signals", None)
            if isinstance(captured, list):
                captured.clear()

    return Server


def serve(
    store: PreparedStore,
    sock: socket.socket,
    *,
    workers: int,
    on_ready: Callable[[str], None],
    access_log: bool = False,
) -> None:
    """Serve until Ctrl-C (or SIGTERM), then stop the workers.

    ``on_ready`` is called with the base URL once the workers are up and the socket listens.
    """
    import uvicorn

    from .app import create_app

    with running_pool(store, workers) as pool:
        app = create_app(pool, store.config)
        config = uvicorn.Config(
            app,
            log_level="info" if access_log else "warning",
            access_log=access_log,
            timeout_graceful_shutdown=2,
            lifespan="off",
        )
        server = _server_class(lambda: on_ready(base_url(sock)))(config)
        server.run(sockets=[sock])
