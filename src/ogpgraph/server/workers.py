"""Evaluate SPARQL in worker processes that can be killed: the endpoint's timeout is real.

pyoxigraph cannot cancel a query that is running in a thread: ``Store.query`` holds the CPU
until it finishes, and a cross product of a few thousand triples runs for hours. So queries run
in a small pool of *worker processes*, each holding the dataset through
``pyoxigraph.Store.read_only`` on the on-disk store that the server built (RocksDB allows any
number of read-only openers; opening takes milliseconds, so a replacement worker is ready almost
at once and no worker holds a copy of the data in memory).

One request takes one idle worker, sends it the query over a pipe and waits, at most until the
request's deadline, for the serialised answer (evaluation and serialisation both happen in the
worker: pyoxigraph evaluates lazily, while results are iterated). A worker that has not answered
by the deadline is killed with SIGKILL — that is what truly gives the CPU back — and a fresh one is
started in the background; the request is answered with an error status, never with a truncated
body. The other workers keep answering meanwhile. A request that finds every worker busy waits for
one within the same deadline, then gets "busy" (503).

>>> job = Job("ASK { ?s ?p ?o }", "json")
>>> job.query
'ASK { ?s ?p ?o }'
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("ogpgraph.server")

#: How long a new worker may take to open the store before it is given up.
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Job:
    """One query to evaluate.

    Attributes:
        query: the SPARQL text (the canonical text of :func:`ogpgraph.guard.check`).
        fmt: the output format: json, xml, csv, tsv (SELECT/ASK) or ttl, nt, jsonld, rdfxml.
        default_graphs: the protocol's ``default-graph-uri`` values (empty: union of all graphs).
        named_graphs: the protocol's ``named-graph-uri`` values (empty: every named graph).
        bindings: variable name -> IRI, substituted (never formatted into the text).
    """

    query: str
    fmt: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Outcome:
    """What a worker (or the pool) answered: an HTTP status, and a body or a message."""

    status: int
    body: bytes = b""
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


# ---------------------------------------------------------------------------- in the worker
def evaluate(store: Any, job: Job) -> Outcome:
    """Run one job on a store and serialise its result (this is what a worker does)."""
    import pyoxigraph as ox

    from .. import namespaces as ns
    from ..sparql import result_kind, serialize_result, syntax_error

    kwargs: dict[str, Any] = {"prefixes": dict(ns.PREFIXES)}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    if job.bindings:
        kwargs["substitutions"] = {ox.Variable(k): ox.NamedNode(v) for k, v in job.bindings}
    try:
        result = store.query(job.query, **kwargs)
        if job.fmt == "rdfxml" and result_kind(result) == "graph":
            triples = sorted(
                result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))
            )
            body = ox.serialize(triples, format=ox.RdfFormat.RDF_XML)
        else:
            body = serialize_result(result, job.fmt).encode("utf-8")
    except SyntaxError as error:
        return Outcome(400, message=syntax_error(job.query, error).message)
    except Exception as error:  # an evaluation error must not take the worker down
        return Outcome(500, message=f"query failed: {error}")
    return Outcome(200, body)


def _worker_main(store_path: str, conn: Connection) -> None:
    """Entry point of a worker process: open the store read-only, answer jobs until EOF."""
    # Ctrl-C in the terminal reaches the whole process group: the server stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path)
    except OSError as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server has gone
        if job is None:
            return
        conn.send(evaluate(store, job))


# ---------------------------------------------------------------------------- in the server
class Worker:
    """A worker process and the server's end of its pipe."""

    def __init__(self, store_path: str) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(store_path, child), name="ogpgraph-query", daemon=True
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Block until the worker has opened the store.

        Raises:
            RuntimeError: when it failed or did not start in time.
        """
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError("a query worker did not start in time")
        message = self.conn.recv()
        if message[0] != "ready":
            self.kill()
            raise RuntimeError(f"a query worker could not open the store: {message[1]}")

    def kill(self) -> None:
        """Stop the process at once (SIGKILL: a running query cannot hold it)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        """Ask the process to exit, kill it if it does not."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=1)
        self.kill()


class WorkerPool:
    """A fixed number of query workers over one on-disk store, with a per-query deadline."""

    def __init__(self, store_path: str, size: int = 2) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.store_path = store_path
        self.size = size
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._all: set[Worker] = set()
        self.killed = 0  # how many workers were killed for running past their deadline
        workers = [self._spawn() for _ in range(size)]
        for worker in workers:
            worker.wait_ready()
            self._idle.put(worker)

    def _spawn(self) -> Worker:
        worker = Worker(self.store_path)
        with self._lock:
            self._all.add(worker)
        return worker

    def _forget(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)

    def _replace(self) -> None:
        """Start a worker in place of a killed one (in a background thread)."""

        def start() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                worker = self._spawn()
                try:
                    worker.wait_ready()
                except RuntimeError as error:
                    self._forget(worker)
                    log.error("%s (attempt %d)", error, attempt + 1)
                    time.sleep(0.5)
                    continue
                if self._closed:
                    worker.stop()
                    return
                self._idle.put(worker)
                return

        threading.Thread(target=start, name="ogpgraph-replace-worker", daemon=True).start()

    def run(self, job: Job, timeout: float) -> Outcome:
        """Evaluate ``job`` in a worker; blocking, so call it from a thread.

        The ``timeout`` covers waiting for a free worker and the evaluation. Past it, the worker
        is killed and replaced, and the outcome is a 503 with a message.
        """
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return Outcome(
                503,
                message=f"the server is busy: no query worker became free within {timeout:g} s; "
                "try again later",
            )
        try:
            worker.conn.send(job)
            remaining = max(deadline - time.monotonic(), 0.0)
            if worker.conn.poll(remaining):
                outcome = worker.conn.recv()
                self._idle.put(worker)
                return outcome
        except (EOFError, OSError) as error:
            self._retire(worker)
            return Outcome(500, message=f"the query worker failed ({error}); it was replaced")
        self._retire(worker)
        self.killed += 1
        return Outcome(
            503,
            message=f"query stopped: it ran past the server's time limit of {timeout:g} s "
            "(ogpgraph serve --timeout); narrow it, or add a LIMIT",
        )

    def _retire(self, worker: Worker) -> None:
        worker.kill()
        self._forget(worker)
        self._replace()

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and diagnostics)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid and w.process.is_alive()]

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
