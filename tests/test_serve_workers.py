"""The query workers on their own (no HTTP): the guard runs in the worker, the format follows the
query form and the Accept header, a result over the limit is an error (never cut), and the second
layer — a worker that cannot open sockets — holds even when the guard is bypassed."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from ogpgraph.server import sandbox
from ogpgraph.server.workers import (
    TOO_LARGE,
    Job,
    WorkerPool,
    WorkerSettings,
    answer,
    evaluate,
    start_worker,
)

G = "https://w3id.org/ogpgraph/graph/t"

needs_seccomp = pytest.mark.skipif(
    sandbox.unavailable() is not None, reason=str(sandbox.unavailable())
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> str:
    """A small on-disk store: 200 triples in one named graph."""
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("worker-store") / "data"
    store = ox.Store(str(path))
    graph = ox.NamedNode(G)
    for i in range(200):
        store.add(
            ox.Quad(
                ox.NamedNode(f"https://e.org/s{i}"),
                ox.NamedNode("https://e.org/p"),
                ox.Literal(f"value number {i}"),
                graph,
            )
        )
    store.flush()
    del store
    return str(path)


@pytest.fixture(scope="module")
def store(store_path):
    import pyoxigraph as ox

    return ox.Store.read_only(store_path)


SETTINGS = WorkerSettings(graphs=(G,), max_result_bytes=4096)


# ------------------------------------------------------------------ answer: guard, form, limits
def test_the_worker_refuses_what_the_guard_refuses(store, loopback_spy):
    outcome = answer(
        store, Job(f"SELECT * WHERE {{ SERVICE <{loopback_spy.url}> {{ ?s ?p ?o }} }}"), SETTINGS
    )
    assert outcome.status == 400 and "SERVICE is refused" in outcome.message
    outcome = answer(store, Job("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"), SETTINGS)
    assert outcome.status == 400 and "refused" in outcome.message
    assert loopback_spy.connections == 0


@pytest.mark.parametrize(
    ("query", "accept", "status", "content_type"),
    [
        ("ASK { ?s ?p ?o }", None, 200, "application/sparql-results+json"),
        ("ASK { ?s ?p ?o }", "text/csv", 200, "text/csv; charset=utf-8"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", None, 200, "text/turtle; charset=utf-8"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2", "application/sparql-results+json", 406, ""),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/turtle", 406, ""),
        ("SELECT * WHERE { ?s ?p ", None, 400, ""),
    ],
)
def test_the_worker_picks_the_format_from_the_form(store, query, accept, status, content_type):
    outcome = answer(store, Job(query, accept=accept), SETTINGS)
    assert outcome.status == status, outcome.message
    assert outcome.content_type == content_type
    if status == 406:
        assert "available:" in outcome.message


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o }",  # streamed JSON, stopped as the buffer fills
        "CONSTRUCT WHERE { ?s ?p ?o }",  # serialised, then measured
    ],
)
def test_a_result_over_the_limit_is_an_error_not_a_cut(store, query):
    outcome = answer(store, Job(query), SETTINGS)
    assert outcome.status == TOO_LARGE
    assert outcome.body == b""
    assert "over the server's limit of 4 KiB" in outcome.message
    # the same query under the limit is whole
    small = answer(store, Job(query + " LIMIT 3"), SETTINGS)
    assert small.status == 200 and len(small.body) < 4096


def test_a_result_at_the_limit_is_given_whole(store):
    full = answer(store, Job("SELECT * WHERE { ?s ?p ?o }", accept="text/csv"), WorkerSettings())
    assert full.status == 200 and full.body.count(b"\n") == 201
    exact = WorkerSettings(max_result_bytes=len(full.body))
    again = answer(store, Job("SELECT * WHERE { ?s ?p ?o }", accept="text/csv"), exact)
    assert again.status == 200 and again.body == full.body
    under = WorkerSettings(max_result_bytes=len(full.body) - 1)
    assert answer(store, Job("SELECT * WHERE { ?s ?p ?o }", accept="text/csv"), under).status == (
        TOO_LARGE
    )


# ------------------------------------------------------------------ the pool's lanes
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CHEAP_DEADLINE = 60.0


#: a deadline the first two runaways never reach while the test runs: they are cancelled
RUNAWAY_DEADLINE = 600.0


async def _until(condition: Callable[[], bool], cap: float = CHEAP_DEADLINE) -> None:
    """Wait for ``condition`` (an event of the pool), checking every 50 ms, at most ``cap``
    seconds: a loaded machine is slow, not wrong."""
    loop = asyncio.get_running_loop()
    end = loop.time() + cap
    while not condition() and loop.time() < end:
        await asyncio.sleep(0.05)


def test_a_cheap_query_is_answered_while_the_general_worker_is_busy(store_path):
    """One general worker, busy with a runaway: a cheap query goes through the fast lane; the
    runaway, tried in the fast lane once, is sent back and then never takes it again.

    The cheap queries get a generous deadline (a loaded machine may take seconds to answer even
    them); that they went through the fast lane, not after the runaway, is shown by the runaway
    still running when the first of them is answered."""
    pool = WorkerPool(store_path, size=1, settings=SETTINGS, fast_budget=0.5)

    async def scenario() -> dict[str, object]:
        # the runaways' deadline is out of reach on the slowest machine; the third one's is not
        first = asyncio.ensure_future(pool.run(Job(CROSS), RUNAWAY_DEADLINE))
        await asyncio.sleep(0.3)
        cheap = await pool.run(Job("ASK { ?s ?p ?o }"), CHEAP_DEADLINE)
        first_running = not first.done()
        # a fresh fast-lane worker is warm: its first query is not sent away as heavy
        cold_evictions = pool.fast_evictions
        # tries the fast lane: evicted (waited for as an event of the pool, not for a set time)
        second = asyncio.ensure_future(pool.run(Job(CROSS), RUNAWAY_DEADLINE))
        await _until(lambda: pool.fast_evictions >= 1)
        evicted = pool.fast_evictions
        cheap_again = await pool.run(Job("ASK { ?s ?p ?o }"), CHEAP_DEADLINE)
        third = asyncio.ensure_future(pool.run(Job(CROSS), 4.0))  # remembered: waits
        await asyncio.sleep(0.8)
        cheap_third = await pool.run(Job("ASK { ?s ?p ?o }"), CHEAP_DEADLINE)
        third_outcome = await third
        running = not first.done() and not second.done()
        for runaway in (first, second):  # cancelled: their workers are killed and replaced
            runaway.cancel()
        await asyncio.gather(first, second, return_exceptions=True)
        results = [third_outcome]
        return {
            "cheap": cheap,
            "first_running": first_running,
            "evicted": evicted,
            "cheap_again": cheap_again,
            "cheap_third": cheap_third,
            "evictions_after": pool.fast_evictions,
            "heavy": results,
            "running": running,
            "cold_evictions": cold_evictions,
        }

    try:
        seen = asyncio.run(scenario())
    finally:
        pool.close()
    assert seen["cheap"].status == 200 and b"true" in seen["cheap"].body
    assert seen["first_running"], "the runaway finished too soon to test anything"
    assert seen["cold_evictions"] == 0, "the fast lane's first (cold) query was sent away"
    assert seen["evicted"] == 1
    assert seen["cheap_again"].status == 200
    assert seen["cheap_third"].status == 200
    assert seen["evictions_after"] == 1, "a remembered heavy query took the fast lane again"
    # the third, remembered as heavy, waited for the one general worker (never the fast lane)
    assert [o.status for o in seen["heavy"]] == [503]
    assert all("time limit" in o.message or "busy" in o.message for o in seen["heavy"])
    assert seen["running"], "the first two runaways ran all along"


def test_a_cancelled_job_kills_its_worker_and_the_pool_recovers(store_path):
    pool = WorkerPool(store_path, size=1, settings=SETTINGS, fast_lane=False)

    async def scenario():
        job = asyncio.ensure_future(pool.run(Job(CROSS), 30.0))
        await asyncio.sleep(0.5)
        job.cancel()  # what the app does when the client leaves
        await asyncio.gather(job, return_exceptions=True)
        return await pool.run(Job("ASK { ?s ?p ?o }"), 30.0)

    try:
        after = asyncio.run(scenario())
        assert pool.killed == 1
    finally:
        pool.close()
    assert after.status == 200


# ------------------------------------------------------------------ the second layer
def _connect_child(port: int, sandboxed: bool, out) -> None:
    status = start_worker(WorkerSettings(sandbox=sandboxed))
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            out.send((status, "connected"))
    except OSError as error:
        out.send((status, f"{type(error).__name__}: {error}"))


def _service_child(store_path: str, url: str, sandboxed: bool, out) -> None:
    import pyoxigraph as ox

    status = start_worker(WorkerSettings(sandbox=sandboxed))
    store = ox.Store.read_only(store_path)
    query = f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"
    outcome = evaluate(store, query, "json")  # the guard bypassed on purpose
    out.send((status, outcome.status, outcome.message))


def _in_child(target, *args):
    ctx = multiprocessing.get_context("spawn")
    here, there = ctx.Pipe()
    process = ctx.Process(target=target, args=(*args, there))
    process.start()
    there.close()
    assert here.poll(60), "the child did not answer"
    result = here.recv()
    process.join(10)
    return result


@needs_seccomp
def test_a_sandboxed_worker_cannot_connect(loopback_spy):
    status, result = _in_child(_connect_child, loopback_spy.port, True)
    assert status == sandbox.ACTIVE
    assert result.startswith("PermissionError"), result
    assert loopback_spy.connections == 0
    # the same child without the filter does connect: the test can fail
    status, result = _in_child(_connect_child, loopback_spy.port, False)
    assert status.startswith("off") and result == "connected"


@needs_seccomp
def test_service_bypassing_the_guard_fails_in_a_sandboxed_worker(store_path, loopback_spy):
    status, code, message = _in_child(_service_child, store_path, loopback_spy.url, True)
    assert status == sandbox.ACTIVE
    assert code == 500 and "query failed" in message
    assert loopback_spy.connections == 0
    # control: without the filter, Oxigraph does call out (so the filter is what stopped it)
    _in_child(_service_child, store_path, loopback_spy.url, False)
    assert loopback_spy.connections >= 1


@needs_seccomp
def test_pool_workers_report_the_second_layer(store_path):
    pool = WorkerPool(store_path, size=1, settings=SETTINGS)
    try:
        assert pool.sandbox_status == sandbox.ACTIVE
        for pid in pool.pids():
            status = Path(f"/proc/{pid}/status").read_text()
            assert "Seccomp:\t2" in status and "NoNewPrivs:\t1" in status
    finally:
        pool.close()


def test_the_filter_program_is_what_it_says():
    """Ten instructions on x86-64 (with the x32 check), eight on AArch64, and a single return
    that allows."""
    for name, count in (("x86_64", 10), ("aarch64", 8)):
        code = sandbox.program(sandbox.SUPPORTED_ARCHES[name])
        assert len(code) == 8 * count
        returns = [code[i : i + 8] for i in range(0, len(code), 8) if code[i] == 0x06]
        allowed = [r for r in returns if int.from_bytes(r[4:], "little") == 0x7FFF0000]
        assert len(allowed) == 1


def test_a_json_result_is_valid_json(store):
    outcome = answer(store, Job("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"), SETTINGS)
    assert len(json.loads(outcome.body)["results"]["bindings"]) == 5


@pytest.mark.parametrize(
    "name",
    [
        "ogpgraph.server.sandbox",
        "ogpgraph.server.workers",
        "ogpgraph.server.protocol",
        "ogpgraph.server.app",
        "ogpgraph.cli.serve_cmd",
    ],
)
def test_the_servers_docstring_examples_run(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
