"""Check and evaluate SPARQL in worker processes that can be killed: the endpoint's limits are real.

Everything a query costs happens in a worker, never in the server's event loop: the query guard
(:func:`ogpgraph.core.guard.check`, a full parse), the choice of result format from the query form and
the Accept header, the evaluation, and the serialisation. The server only sends the raw text
and gets back a status, a content type and a body (or a message).

Why processes: pyoxigraph cannot cancel a query running in a thread (``Store.query`` holds the
CPU until it finishes), so a query runs in a *worker process* holding the dataset through
``pyoxigraph.Store.read_only`` on the on-disk store the server built (RocksDB allows any number of
read-only openers; opening takes milliseconds, and no worker holds a copy of the data). A worker
that has not answered by its deadline is killed with SIGKILL — that is what gives the CPU back —
and a fresh one is started in the background; the request gets an error status, never a cut body.

Each worker, before it takes a job, installs the second layer (:mod:`.sandbox`): on Linux it can
no longer open any socket, so even a query the guard wrongly let through cannot reach the network.

Lanes. There are ``size`` *general* workers and one *fast-lane* worker. A job takes a free
general worker; if none is free it may take the fast-lane worker, but there it has a short
budget (:data:`FAST_BUDGET`): a job still running at the end of it is stopped (the fast worker is
killed and replaced) and waits for a general worker within its own deadline, and that query text
is remembered so that it does not take the fast lane again. So while every general worker is busy
with heavy queries, a cheap query is still answered at once, and a heavy one costs the fast lane
at most one budget.

Limits. A result over ``max_result_bytes`` is answered with :data:`TOO_LARGE` and a message, never
cut: SELECT/ASK results are serialised into a buffer that stops the evaluation as soon as it is
full; graph results (CONSTRUCT, DESCRIBE) are measured once serialised.

>>> job = Job("ASK { ?s ?p ?o }", accept="text/csv")
>>> job.query, job.accept
('ASK { ?s ?p ?o }', 'text/csv')
"""

from __future__ import annotations

import asyncio
import collections
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("ogpgraph.server")

#: How long a new worker may take to open the store before it is given up.
START_TIMEOUT = 60.0
#: Seconds a job may run in the fast lane before it is sent to wait for a general worker.
FAST_BUDGET = 1.0
#: The status of a result over the size limit: the query is valid, the server will not send it.
TOO_LARGE = 422
#: Query forms and the result kind they give (for content negotiation).
FORM_KINDS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


@dataclass(frozen=True)
class Job:
    """One query to check and evaluate, as the client sent it.

    Attributes:
        query: the SPARQL text, unchecked: the worker runs the guard on it.
        accept: the request's Accept header; the worker picks the format from it and the
            query form (406 when none fits).
        fmt: a fixed output format instead (json, xml, csv, tsv; ttl, nt, jsonld, rdfxml).
        default_graphs: the protocol's ``default-graph-uri`` values (empty: union of all graphs).
        named_graphs: the protocol's ``named-graph-uri`` values (empty: every named graph).
        bindings: variable name -> an IRI (str) or a pyoxigraph term (NamedNode, Literal),
            substituted by the engine (never formatted into the text).
    """

    query: str
    accept: str | None = None
    fmt: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: tuple[tuple[str, Any], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DescribeJob:
    """One IRI to dereference (``serve``'s linked data): no query text, triple-pattern reads.

    Attributes:
        iri: the resource.
        fmt: ``html``, ``ttl``, ``jsonld`` or ``nt``.
        whole: ``ontology`` (the ontology's triples), ``graph`` (a named graph's triples) for
            the RDF forms of those IRIs, or empty: the resource's bounded description
            (:func:`ogpgraph.dataset.describe.describe`).
    """

    iri: str
    fmt: str
    whole: str = ""

    @property
    def query(self) -> str:
        """The key the pool remembers heavy jobs by."""
        return f"describe {self.whole} <{self.iri}> {self.fmt}"


@dataclass(frozen=True)
class Outcome:
    """What a worker (or the pool) answered: an HTTP status, and a body or a message."""

    status: int
    body: bytes = b""
    message: str = ""
    content_type: str = ""

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker is started with.

    Attributes:
        graphs: the dataset's named graphs (the only ones FROM may name).
        max_result_bytes: the largest result body a worker gives (None: no limit).
        sandbox: install the second layer (:mod:`.sandbox`) before taking jobs.
    """

    graphs: tuple[str, ...] = ()
    max_result_bytes: int | None = None
    sandbox: bool = True


# ---------------------------------------------------------------------------- in the worker
class ResultTooLarge(Exception):
    """Raised by :class:`LimitedBuffer` once the limit is passed (stops the serialiser)."""


class LimitedBuffer:
    """A binary sink that refuses to hold more than ``limit`` bytes.

    >>> sink = LimitedBuffer(4)
    >>> sink.write(b"abc")
    3
    >>> sink.write(b"de")
    Traceback (most recent call last):
    ...
    ogpgraph.server.workers.ResultTooLarge: over 4 bytes
    """

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        self.over = False

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            self.over = True
            raise ResultTooLarge(f"over {self.limit} bytes")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _too_large(limit: int) -> Outcome:
    from ogpgraph.server.protocol import size_text

    return Outcome(
        TOO_LARGE,
        message=f"query stopped: its result is over the server's limit of {size_text(limit)} "
        "(ogpgraph serve --max-result-bytes); nothing was sent. Narrow it, or add a LIMIT",
    )


def evaluate(
    store: Any,
    query: str,
    fmt: str,
    *,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
    bindings: tuple[tuple[str, Any], ...] = (),
    max_bytes: int | None = None,
) -> Outcome:
    """Evaluate ``query`` on ``store`` as it is, and serialise the result in ``fmt``.

    No check here: this is what runs *after* the guard (:func:`answer`), and it is where the
    second layer alone has to hold (a test calls it with SERVICE inside a sandboxed worker).
    """
    import pyoxigraph as ox

    from ogpgraph.core import formats
    from ogpgraph.core import namespaces as ns
    from ogpgraph.core.guard import syntax_error
    from ogpgraph.core.results import (
        RESULTS_FORMATS,
        result_kind,
        serialize_result,
        serialize_results_bytes,
    )
    from ogpgraph.server.protocol import CONTENT_TYPES

    kwargs: dict[str, Any] = {"prefixes": dict(ns.PREFIXES)}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if bindings:
        kwargs["substitutions"] = {
            ox.Variable(k): ox.NamedNode(v) if isinstance(v, str) else v for k, v in bindings
        }
    sink = LimitedBuffer(max_bytes)
    try:
        result = store.query(query, **kwargs)
        kind = result_kind(result)
        if kind != "graph" and fmt in RESULTS_FORMATS:
            # Streamed into a bounded buffer: a huge result stops as soon as it is too big;
            # then made safe for its reader as the command line's results are (formula-like
            # CSV cells, control characters): the one rule of serialize_result
            syntax = formats.get(fmt, "results").pyoxigraph_format()
            result.serialize(output=sink, format=syntax)
            body = serialize_results_bytes(sink.getvalue(), fmt).encode("utf-8")
        else:
            body = serialize_result(result, fmt).encode("utf-8")
    except SyntaxError as error:
        return Outcome(400, message=syntax_error(query, error).message)
    except Exception as error:  # an evaluation error must not take the worker down
        if sink.over or isinstance(error, ResultTooLarge):
            return _too_large(max_bytes or 0)
        return Outcome(500, message=f"query failed: {error}")
    if max_bytes is not None and len(body) > max_bytes:
        return _too_large(max_bytes)
    return Outcome(200, body, content_type=CONTENT_TYPES[fmt])


def dereference(store: Any, job: DescribeJob, max_bytes: int | None = None) -> Outcome:
    """The linked-data answer for one IRI: its page or its description (404 when unknown)."""
    import pyoxigraph as ox

    from ogpgraph.core.results import serialize_triples
    from ogpgraph.dataset import describe as d
    from ogpgraph.server.protocol import CONTENT_TYPES

    try:
        ox.NamedNode(job.iri)
    except ValueError:
        return Outcome(404, message=f"not an IRI of this dataset: {job.iri!r}")
    if job.fmt != "html" and job.whole == "ontology":
        triples = d.ontology_triples(store)
    elif job.fmt != "html" and job.whole == "graph":
        triples = d.graph_triples(store, job.iri)
    else:
        desc = d.describe(store, job.iri)
        if desc is None and job.whole:
            desc = d.Description(job.iri)  # a graph IRI with no statements about it
        if desc is None:
            return Outcome(404, message=f"nothing is known about <{job.iri}> in this dataset")
        if job.fmt == "html":
            from ogpgraph.pages.resource import Site, render_resource

            body = render_resource(desc, Site.served()).encode("utf-8")
            return Outcome(200, body, content_type=CONTENT_TYPES["html"])
        triples = desc.triples()
    body = serialize_triples(triples, job.fmt)
    if max_bytes is not None and len(body) > max_bytes:
        return _too_large(max_bytes)
    return Outcome(200, body, content_type=CONTENT_TYPES[job.fmt])


def answer(store: Any, job: Job | DescribeJob, settings: WorkerSettings) -> Outcome:
    """Everything a worker does for one job: guard, negotiate, evaluate, serialise (or
    dereference an IRI: :func:`dereference`)."""
    from ogpgraph.core.errors import QueryError
    from ogpgraph.core.guard import check
    from ogpgraph.server.protocol import FORMAT_NAMES, negotiate, offered

    if isinstance(job, DescribeJob):
        try:
            return dereference(store, job, settings.max_result_bytes)
        except Exception as error:  # a failure must not take the worker down
            return Outcome(500, message=f"describing <{job.iri}> failed: {error}")

    try:
        # str(): text marked Trusted is parsed too; whatever a route sends, the guard decides
        checked = check(str(job.query), allowed_graphs=settings.graphs)
    except QueryError as error:  # UnsafeQueryError included: refused, with the reason
        return Outcome(400, message=str(error))
    kind = FORM_KINDS.get(checked.form)
    if kind is None:  # the guard refuses updates; this is a second net
        return Outcome(400, message=f"{checked.form} is refused: the dataset is read-only")
    if job.fmt is not None and job.fmt not in FORMAT_NAMES[kind]:
        return Outcome(
            406,
            message=f"format={job.fmt} does not fit a {checked.form} result; "
            f"use one of {', '.join(FORMAT_NAMES[kind])}",
        )
    fmt = job.fmt or negotiate(kind, job.accept)
    if fmt is None:
        return Outcome(
            406,
            message=f"cannot give a {checked.form} result as {job.accept!r}; "
            f"available: {offered(kind)}",
        )
    return evaluate(
        store,
        checked.text,
        fmt,
        default_graphs=job.default_graphs,
        named_graphs=job.named_graphs,
        bindings=job.bindings,
        max_bytes=settings.max_result_bytes,
    )


def start_worker(settings: WorkerSettings) -> str:
    """What a worker does before it opens the store: the second layer; its status line."""
    from ogpgraph.server import sandbox

    if not settings.sandbox:
        return "off: disabled"
    return sandbox.install()


def _worker_main(store_path: str, settings: WorkerSettings, conn: Connection) -> None:
    """Entry point of a worker process: sandbox, open the store read-only, answer until EOF."""
    # Ctrl-C in the terminal reaches the whole process group: the server stops its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    status = start_worker(settings)
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path)
    except OSError as error:
        conn.send(("failed", str(error)))
        return
    # warm up before saying ready: the first query would otherwise pay for importing and
    # building the guard's SPARQL grammar (about a second on a loaded machine), and in the fast
    # lane that cold start alone would exceed the budget and send a cheap query away as heavy
    from ogpgraph.core.queries import get_internal

    answer(store, Job(get_internal("server-warm-up").text), settings)
    conn.send(("ready", os.getpid(), status))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server has gone
        if job is None:
            return
        conn.send(answer(store, job, settings))


# ---------------------------------------------------------------------------- in the server
class Worker:
    """A worker process and the server's end of its pipe."""

    def __init__(self, store_path: str, settings: WorkerSettings, lane: str = "general") -> None:
        ctx = multiprocessing.get_context("spawn")
        self.lane = lane
        self.status = ""
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main,
            args=(store_path, settings, child),
            name=f"ogpgraph-query-{lane}",
            daemon=True,
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Block until the worker has opened the store.

        Raises:
            RuntimeError: when it failed or did not start in time.
        """
        if not self.conn.poll(timeout):
            self.reap()
            raise RuntimeError("a query worker did not start in time")
        message = self.conn.recv()
        if message[0] != "ready":
            self.reap()
            raise RuntimeError(f"a query worker could not open the store: {message[1]}")
        self.status = message[2]

    def roundtrip(self, job: Job | DescribeJob) -> Outcome:
        """Send a job and wait for its outcome (blocking: runs in a thread)."""
        self.conn.send(job)
        outcome: Outcome = self.conn.recv()
        return outcome

    def signal_kill(self) -> None:
        """SIGKILL now, without waiting (a running query cannot hold it)."""
        try:
            if self.process.pid is not None:
                os.kill(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def reap(self) -> None:
        """Kill, wait for the process and close the pipe (blocking)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        """Ask the process to exit, kill it if it does not (blocking)."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=1)
        self.reap()


class WorkerPool:
    """``size`` general workers and one fast-lane worker over one on-disk store.

    Start it before the event loop (it blocks until the workers are up); :meth:`run` is a
    coroutine for the server's event loop; :meth:`close` after the loop has stopped.
    """

    def __init__(
        self,
        store_path: str,
        size: int = 2,
        *,
        settings: WorkerSettings | None = None,
        fast_lane: bool = True,
        fast_budget: float = FAST_BUDGET,
    ) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.store_path = store_path
        self.settings = settings or WorkerSettings()
        self.size = size
        self.fast_budget = fast_budget
        self._fast_lane = fast_lane
        self.killed = 0  # workers killed at a deadline, a budget's end, or a client leaving
        self.fast_evictions = 0  # jobs sent from the fast lane to wait for a general worker
        self._closed = False
        self._all: set[Worker] = set()
        self._idle: dict[str, list[Worker]] = {"general": [], "fast": []}
        self._waiting: dict[str, collections.deque[asyncio.Future[Any]]] = {
            "general": collections.deque(),
            "fast": collections.deque(),
        }
        self._evicted: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._tasks: set[asyncio.Task[Any]] = set()
        lanes = ["general"] * size + (["fast"] if fast_lane else [])
        # one thread per worker for the blocking pipe I/O, and two for starting replacements
        self._io = ThreadPoolExecutor(len(lanes) + 2, thread_name_prefix="ogpgraph-pipe")
        workers = [Worker(store_path, self.settings, lane) for lane in lanes]
        self._all.update(workers)
        try:
            for worker in workers:
                worker.wait_ready()
        except RuntimeError:
            self.close()
            raise
        for worker in workers:
            self._idle[worker.lane].append(worker)
        #: the second layer's status, as the first worker reported it
        self.sandbox_status = workers[0].status

    # -- handing workers out and back (event loop only: no locks) --
    def _take(self, may_fast: bool) -> Worker | None:
        if self._idle["general"]:
            return self._idle["general"].pop()
        if may_fast and self._idle["fast"]:
            return self._idle["fast"].pop()
        return None

    def _release(self, worker: Worker) -> None:
        waiting = self._waiting[worker.lane]
        while waiting:
            future = waiting.popleft()
            if not future.done():
                future.set_result(worker)
                return
        self._idle[worker.lane].append(worker)

    async def _wait_for_worker(self, may_fast: bool, deadline: float) -> Worker | None:
        loop = asyncio.get_running_loop()
        worker = self._take(may_fast)
        if worker is not None:
            return worker
        future: asyncio.Future[Any] = loop.create_future()
        self._waiting["general"].append(future)
        if may_fast:
            self._waiting["fast"].append(future)

        def expire() -> None:
            if not future.done():
                future.set_result(None)

        timer = loop.call_later(max(deadline - loop.time(), 0.0), expire)
        try:
            found: Worker | None = await future
            return found
        except asyncio.CancelledError:
            if future.done() and not future.cancelled() and future.result() is not None:
                self._release(future.result())  # handed over just as the client left
            raise
        finally:
            timer.cancel()

    def _remember_heavy(self, query: str) -> None:
        self._evicted[query] = None
        self._evicted.move_to_end(query)
        while len(self._evicted) > 256:
            self._evicted.popitem(last=False)

    async def run(self, job: Job | DescribeJob, timeout: float) -> Outcome:
        """Evaluate ``job`` within ``timeout`` seconds (waiting for a worker included).

        Past it, the worker is killed and replaced, and the outcome is a 503 with a message.
        Cancelled (the client left): the worker running it is killed and replaced.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        may_fast = self._fast_lane and job.query not in self._evicted
        while True:
            worker = await self._wait_for_worker(may_fast, deadline)
            if worker is None:
                return Outcome(
                    503,
                    message="the server is busy: no query worker became free within "
                    f"{timeout:g} s; try again later",
                )
            remaining = deadline - loop.time()
            budget = min(remaining, self.fast_budget) if worker.lane == "fast" else remaining
            outcome = await self._execute(worker, job, max(budget, 0.0))
            if outcome is not None:
                return outcome
            if worker.lane == "fast" and deadline - loop.time() > 0:
                self.fast_evictions += 1
                self._remember_heavy(job.query)
                may_fast = False
                continue
            return Outcome(
                503,
                message=f"query stopped: it ran past the server's time limit of {timeout:g} s "
                "(ogpgraph serve --timeout); narrow it, or add a LIMIT",
            )

    async def _execute(
        self, worker: Worker, job: Job | DescribeJob, budget: float
    ) -> Outcome | None:
        """The worker's outcome, or None when the budget ran out (the worker is then killed)."""
        loop = asyncio.get_running_loop()
        pending = loop.run_in_executor(self._io, worker.roundtrip, job)
        try:
            outcome = await asyncio.wait_for(asyncio.shield(pending), budget)
        except asyncio.TimeoutError:
            self._retire(worker, pending)
            return None
        except asyncio.CancelledError:
            self._retire(worker, pending)
            raise
        except (EOFError, OSError) as error:
            self._retire(worker, pending)
            return Outcome(500, message=f"the query worker failed ({error}); it was replaced")
        self._release(worker)
        return outcome

    def _retire(self, worker: Worker, pending: asyncio.Future[Any]) -> None:
        """Kill a worker now and start another in its place (in the background)."""
        self.killed += 1
        worker.signal_kill()
        self._all.discard(worker)
        task = asyncio.get_running_loop().create_task(self._replace(worker, pending))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _replace(self, old: Worker, pending: asyncio.Future[Any]) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.wait([pending])  # the pipe thread sees EOF once the process is gone
        if not pending.cancelled():
            pending.exception()  # retrieved: it is the EOF we caused
        await loop.run_in_executor(self._io, old.reap)
        for attempt in range(3):
            if self._closed:
                return
            try:
                new = await loop.run_in_executor(self._io, self._start, old.lane)
            except RuntimeError as error:
                log.error("%s (attempt %d)", error, attempt + 1)
                await asyncio.sleep(0.5)
                continue
            if self._closed:
                await loop.run_in_executor(self._io, new.stop)
                return
            self._all.add(new)
            self._release(new)
            return
        log.error("a %s query worker could not be replaced: one fewer is running", old.lane)

    def _start(self, lane: str) -> Worker:
        worker = Worker(self.store_path, self.settings, lane)
        worker.wait_ready()
        return worker

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and diagnostics)."""
        return [w.process.pid for w in list(self._all) if w.process.pid and w.process.is_alive()]

    def close(self) -> None:
        """Stop every worker (after the event loop has stopped)."""
        self._closed = True
        workers = list(self._all)
        self._all.clear()
        for worker in workers:
            worker.stop()
        self._io.shutdown(wait=False, cancel_futures=True)
