"""Start the endpoint: build (or reuse) the on-disk store, start the workers, serve with uvicorn.

The store is always on disk, because the query workers open it read-only: with ``--store DIR`` it
is kept there and reused while ontology/ and graph/ are unchanged (a restart does not reload);
without it, it is built in a temporary folder that is removed when the server stops.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogpgraph.core.queries import internal_query
from ogpgraph.server.app import EndpointConfig

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import BrokenTables, SkippedTable

log = logging.getLogger("ogpgraph.server")


def default_workers() -> int:
    """Two query workers at least (one long query never blocks the rest), four at most."""
    return max(2, min(4, os.cpu_count() or 2))


@dataclass
class PreparedStore:
    """An on-disk store ready for read-only workers, and what the app shows about it.

    ``skipped_tables``: the broken tables a lenient load left out (see
    :meth:`~ogpgraph.dataset.store.KnowledgeGraph.load`), for the server to warn about.
    """

    path: Path
    config: EndpointConfig
    temporary: Path | None = None
    skipped_tables: list[SkippedTable] = field(default_factory=list)

    def cleanup(self) -> None:
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)


def prepare_store(
    root: Path | str | None,
    store_dir: Path | None,
    *,
    timeout: float = 30.0,
    progress: Callable[[Any], None] | None = None,
    broken_tables: BrokenTables = "fail",
) -> PreparedStore:
    """Load the project into an on-disk store (or reuse ``store_dir`` when it is current);
    ``broken_tables="skip"`` leaves a broken table out and lists it in
    :attr:`PreparedStore.skipped_tables`.

    Raises:
        DataError: bad input files (file, line, column), or (``fail``) a broken table.
    """
    from ogpgraph.dataset.store import KnowledgeGraph

    temporary = None
    if store_dir is None:
        temporary = Path(tempfile.mkdtemp(prefix="ogpgraph-serve-"))
        store_dir = temporary
    try:
        kg = KnowledgeGraph.load(
            root, store_dir=store_dir, progress=progress, broken_tables=broken_tables
        )
        skipped = list(kg.skipped_tables)
        sizes = {
            str(row["graph"]): int(row["triples"])
            for row in kg.select(internal_query("dataset-graph-sizes"))
        }
        from ogpgraph.dataset.resolve import identifiers

        config = EndpointConfig(
            graphs=kg.graph_names(),
            triples=len(kg),
            timeout=timeout,
            graph_sizes=sizes,
            identifiers=dict(identifiers(kg)),
        )
        del kg  # closes the read-write handle: the workers open the store read-only
    except BaseException:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        raise
    return PreparedStore(Path(store_dir) / "data", config, temporary, skipped)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free port).

    Raises:
        OgpgraphError: when the address is taken or cannot be bound.
    """
    from ogpgraph.core.errors import OgpgraphError

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
def running_pool(store: PreparedStore, workers: int, settings: Any = None) -> Iterator[Any]:
    """A worker pool over the store, stopped on exit."""
    from ogpgraph.server.workers import WorkerPool

    pool = WorkerPool(str(store.path), size=workers, settings=settings)
    try:
        yield pool
    finally:
        pool.close()


#: Default most open connections; past it a new connection is closed at once.
MAX_CONNECTIONS = 512
#: The most bytes of a refused request body discarded before the connection is closed.
DRAIN_BYTES = 64 << 20


def protocol_class(read_timeout: float, max_connections: int) -> Any:
    """uvicorn's h11 protocol, with the read limits uvicorn does not have.

    uvicorn's ``timeout_keep_alive`` runs only *between* requests and any byte received stops
    it, so a client that sends half a header (slowloris) or nothing at all holds its connection
    for ever. Here:

    * a connection must deliver its request line and headers within ``read_timeout`` seconds
      of its first byte (or of opening), however slowly the bytes trickle in; else it is closed;
    * after the answer to a request whose body the app refused (413, 408, a refusal before
      reading), the rest of the body is discarded for at most ``read_timeout`` seconds and
      :data:`DRAIN_BYTES`, then the connection is closed (draining lets the client read the
      answer, instead of a reset);
    * past ``max_connections`` open connections, a new one is closed at once.
    """
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class LimitedH11(H11Protocol):
        refused = 0
        last_report = 0.0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._header_timer: Any = None
            self._drain_timer: Any = None
            self._drained = 0

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            if len(self.connections) > max_connections:
                self._refuse_connection()
                return
            self._arm_header_timer()

        def _refuse_connection(self) -> None:
            cls = type(self)
            cls.refused += 1
            now = self.loop.time()
            if now - cls.last_report >= 10:
                cls.last_report = now
                log.warning(
                    "%d connections refused so far: over %d open (ogpgraph serve "
                    "--max-connections)",
                    cls.refused,
                    max_connections,
                )
            self.transport.abort()

        def _arm_header_timer(self) -> None:
            self._header_timer = self.loop.call_later(read_timeout, self._close_slow)

        def _close_slow(self) -> None:
            self._header_timer = self._drain_timer = None
            if not self.transport.is_closing():
                self.transport.close()

        def _cancel(self) -> None:
            for timer in (self._header_timer, self._drain_timer):
                if timer is not None:
                    timer.cancel()
            self._header_timer = self._drain_timer = None

        def _draining(self) -> bool:
            return (
                self.cycle is not None
                and self.cycle.response_complete
                and self.conn.their_state is h11.SEND_BODY
            )

        def data_received(self, data: bytes) -> None:
            if self._draining():
                self._drained += len(data)
                if self._drained > DRAIN_BYTES:
                    self._close_slow()
                    return
            elif self._header_timer is None and self.conn.their_state is h11.IDLE:
                self._arm_header_timer()  # a new request on a kept-alive connection
            super().data_received(data)

        def handle_events(self) -> None:
            super().handle_events()
            if self._header_timer is not None and self.conn.their_state is not h11.IDLE:
                self._header_timer.cancel()  # the headers are in
                self._header_timer = None

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self._draining() and self._drain_timer is None:
                self._drained = 0
                self._drain_timer = self.loop.call_later(read_timeout, self._close_slow)

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel()
            super().connection_lost(exc)

    return LimitedH11


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


def _setup_logging(verbose: bool) -> None:
    """The server's own lines (disconnects, refusals, workers) on standard error, one each."""
    import logging
    import sys

    logger = logging.getLogger("ogpgraph.server")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def serve(
    store: PreparedStore,
    sock: socket.socket,
    *,
    workers: int,
    on_ready: Callable[[str, str], None],
    access_log: bool = False,
    allow_hosts: tuple[str, ...] = (),
    allow_origins: tuple[str, ...] = (),
    max_result_bytes: int | None = None,
    max_connections: int = MAX_CONNECTIONS,
    sandbox: bool = True,
) -> None:
    """Serve until Ctrl-C (or SIGTERM), then stop the workers.

    ``on_ready`` is called with the base URL and the second layer's status (:mod:`.sandbox`)
    once the workers are up and the socket listens.
    """
    import uvicorn

    from ogpgraph.server.app import AccessPolicy, HostRules, _origin, create_app
    from ogpgraph.server.workers import WorkerSettings

    _setup_logging(access_log)
    settings = WorkerSettings(
        graphs=tuple(store.config.graphs), max_result_bytes=max_result_bytes, sandbox=sandbox
    )
    host, port = sock.getsockname()[:2]
    policy = AccessPolicy(
        HostRules.for_server(host, port, allow_hosts),
        frozenset(_origin(o) for o in allow_origins),
    )
    with running_pool(store, workers, settings) as pool:
        status = pool.sandbox_status
        if not status.startswith("on"):
            log.warning("second layer %s", status)
        app = create_app(pool, store.config, policy)
        config = uvicorn.Config(
            app,
            http=protocol_class(store.config.read_timeout, max_connections),
            log_level="info" if access_log else "warning",
            access_log=access_log,
            timeout_graceful_shutdown=2,
            limit_concurrency=max_connections + 1,
            # request line and headers: room for a GET query at the size limit
            h11_max_incomplete_event_size=store.config.max_query_bytes + (64 << 10),
            lifespan="off",
        )
        server = _server_class(lambda: on_ready(base_url(sock), status))(config)
        server.run(sockets=[sock])
