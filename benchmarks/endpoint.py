#!/usr/bin/env python3
"""Stored-query latency through the SPARQL endpoint against the same query run in process.

For each dataset (the bundled graph, and a synthetic graph written by ``benchmarks/synth.py``),
this script starts ``ogpgraph serve --port 0 --store DIR`` (a subprocess on 127.0.0.1) and opens
the very same on-disk store read-only in this process. Then, for every stored query without
parameters, after one warm-up each, it alternates N rounds of:

    in process  ``ogpgraph.server.workers.answer`` on the store: guard, evaluation, JSON
    endpoint    HTTP POST on loopback (keep-alive) -> worker process -> the same -> JSON

and prints, per query, the median and 95th percentile of each, the endpoint's overhead
(median difference, ms) and the ratio of the medians (1.00 = the endpoint adds nothing), then a
summary (median of the per-query ratios and of the overheads). Each query's loop is bounded by
``--rounds`` and by ``--budget`` seconds, and a query the endpoint stops at ``--timeout`` is
skipped (it is sent to the endpoint first, since an in-process query cannot be stopped), so a
slow query on a big graph cannot run away.

Then, under load, on the bundled graph (``--part load`` runs only this; ``--part queries`` only
the above):

    cheap alone        p50/p95 of a cheap SELECT (LIMIT 10), one client, keep-alive
    cheap + 4 heavy    the same while 4 clients loop on a heavy query (a cross product the server
                       stops at ``--load-timeout``); once with one heavy text (repeated, as a
                       dashboard would), once with a new text each time (the fast lane's worst case)
    200 clients        requests/s of the cheap query from 200 concurrent keep-alive connections,
                       against ``oxigraph serve --location`` on the very same store (the anchor),
                       measured in the same run one after the other, and their ratio

Run::

    python benchmarks/endpoint.py                       # bundled graph + 1,000,000-triple synthetic
    python benchmarks/endpoint.py --synth-triples 0     # bundled graph only
    python benchmarks/endpoint.py --part load           # the load figures only
    python benchmarks/endpoint.py --rounds 50 --json

Nothing reaches the network: all traffic is on 127.0.0.1. Temporary folders are removed.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Server:
    """``ogpgraph serve`` on a free loopback port, over a persistent store."""

    def __init__(self, root: Path, store: Path, timeout: float) -> None:
        args = [
            sys.executable,
            "-m",
            "ogpgraph.cli.main",
            "serve",
            "--port",
            "0",
            "--root",
            str(root),
            "--store",
            str(store),
            "--timeout",
            str(timeout),
        ]
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            match = re.search(r"SPARQL endpoint: (http://\S+)", line)
            if match:
                self.url = match.group(1)
                return
        raise SystemExit(
            "ogpgraph serve did not start:\n"
            + (self.proc.stderr.read() if self.proc.stderr else "")
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def time_local(answer, store, job, settings) -> tuple[float, int]:
    """Seconds for one in-process guard + evaluation + JSON serialisation, and its status."""
    start = time.perf_counter()
    outcome = answer(store, job, settings)
    return time.perf_counter() - start, outcome.status


def time_remote(http, url: str, text: str) -> tuple[float, int]:
    """Seconds for one POST to the endpoint (answer read in full), and its status."""
    start = time.perf_counter()
    response = http.post(
        url, data={"query": text}, headers={"Accept": "application/sparql-results+json"}
    )
    response.read()
    return time.perf_counter() - start, response.status_code


def bench_dataset(label: str, root: Path, rounds: int, budget: float, timeout: float) -> dict:
    import httpx
    import pyoxigraph as ox

    from ogpgraph.core.queries import stored_queries
    from ogpgraph.server.workers import Job, WorkerSettings, answer

    work = Path(tempfile.mkdtemp(prefix="ogpgraph-bench-endpoint-"))
    started = time.perf_counter()
    server = Server(root, work / "store", timeout)
    ready = time.perf_counter() - started
    rows = []
    store = None
    try:
        store = ox.Store.read_only(str(work / "store" / "data"))
        triples = len(store)
        graphs = tuple(str(g.value) for g in store.named_graphs())
        settings = WorkerSettings(graphs=graphs)
        queries = {n: q for n, q in stored_queries().items() if not q.params}
        with httpx.Client(trust_env=False, timeout=timeout + 30) as http:
            for name, q in queries.items():
                print(f"  {label}: {name}", file=sys.stderr, flush=True)
                local = partial(time_local, answer, store, Job(q.text, fmt="json"), settings)
                remote = partial(time_remote, http, server.url, q.text)
                # The endpoint first: it stops a query past its --timeout, the in-process run
                # cannot be stopped, so it only runs queries the endpoint finished.
                took, status = remote()
                if status != 200:
                    rows.append(
                        {
                            "query": name,
                            "error": f"endpoint status {status} "
                            f"after {took:.1f} s (past --timeout?): skipped",
                        }
                    )
                    continue
                local()
                here: list[float] = []
                there: list[float] = []
                deadline = time.perf_counter() + budget
                for _ in range(rounds):
                    here.append(local()[0])
                    there.append(remote()[0])
                    if time.perf_counter() > deadline:
                        break
                med_here, med_there = statistics.median(here), statistics.median(there)
                rows.append(
                    {
                        "query": name,
                        "n": len(here),
                        "local_median_ms": med_here * 1000,
                        "local_p95_ms": percentile(here, 95) * 1000,
                        "endpoint_median_ms": med_there * 1000,
                        "endpoint_p95_ms": percentile(there, 95) * 1000,
                        "overhead_ms": (med_there - med_here) * 1000,
                        "ratio": med_there / med_here if med_here > 0 else float("inf"),
                    }
                )
    finally:
        store = None  # close it before its folder goes
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    good = [r for r in rows if "ratio" in r]
    return {
        "dataset": label,
        "triples": triples,
        "server_start_s": ready,
        "queries": rows,
        "median_ratio": statistics.median(r["ratio"] for r in good) if good else None,
        "median_overhead_ms": statistics.median(r["overhead_ms"] for r in good) if good else None,
    }


def print_report(result: dict) -> None:
    print(
        f"\n== {result['dataset']}: {result['triples']:,} triples "
        f"(server up in {result['server_start_s']:.1f} s, store built and workers started)"
    )
    header = (
        f"{'query':<33} {'n':>3}  {'in-process ms':>18}  {'endpoint ms':>18}  "
        f"{'overhead':>9}  {'ratio':>6}"
    )
    print(header)
    print(
        f"{'':<33} {'':>3}  {'median':>8} {'p95':>9}  {'median':>8} {'p95':>9}  {'ms':>9}  {'':>6}"
    )
    for r in result["queries"]:
        if "error" in r:
            print(f"{r['query']:<33} {r['error']}")
            continue
        print(
            f"{r['query']:<33} {r['n']:>3}  "
            f"{r['local_median_ms']:>8.2f} {r['local_p95_ms']:>9.2f}  "
            f"{r['endpoint_median_ms']:>8.2f} {r['endpoint_p95_ms']:>9.2f}  "
            f"{r['overhead_ms']:>9.2f}  {r['ratio']:>6.2f}"
        )
    if result["median_ratio"] is not None:
        print(
            f"median ratio endpoint/in-process: {result['median_ratio']:.2f}; "
            f"median overhead: {result['median_overhead_ms']:.2f} ms per request"
        )


# ---------------------------------------------------------------------------- under load
CHEAP = (
    "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
    "SELECT ?c WHERE { ?c a ogp:Commitment } LIMIT 10"
)
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def _request(host: str, port: int, query: str) -> bytes:
    from urllib.parse import quote

    body = ("query=" + quote(query)).encode()
    return (
        f"POST /sparql HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Accept: application/sparql-results+json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response (Content-Length or chunked); its status and whether it closes."""
    status_line = await reader.readuntil(b"\r\n")
    status = int(status_line.split()[1])
    length, chunked, close = None, False, False
    while True:
        line = await reader.readuntil(b"\r\n")
        if line == b"\r\n":
            break
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            close = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, close


async def _loop_client(
    host: str, port: int, make_request, stop_at: float, sink: list, statuses: collections.Counter
) -> None:
    loop = asyncio.get_running_loop()
    reader = writer = None
    n = 0
    while loop.time() < stop_at:
        if writer is None:
            reader, writer = await asyncio.open_connection(host, port)
        started = time.perf_counter()
        writer.write(make_request(n))
        n += 1
        try:
            status, close = await asyncio.wait_for(
                _read_response(reader), max(stop_at - loop.time(), 0.01) + 60
            )
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError):
            statuses["error"] += 1
            writer.close()
            writer = None
            continue
        sink.append(time.perf_counter() - started)
        statuses[status] += 1
        if close:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


def cheap_latency(host: str, port: int, seconds: float, heavy: str | None, count: int) -> dict:
    """p50/p95 of the cheap query from one client, with ``count`` heavy clients looping."""

    async def run() -> dict:
        loop = asyncio.get_running_loop()
        cheap: list[float] = []
        heavy_times: list[float] = []
        statuses: collections.Counter = collections.Counter()
        heavy_statuses: collections.Counter = collections.Counter()
        stop_at = loop.time() + seconds
        tasks = []
        if heavy is not None:
            for i in range(count):

                def make(n: int, i: int = i) -> bytes:
                    text = HEAVY if heavy == "same" else f"{HEAVY} # client {i} round {n}"
                    return _request(host, port, text)

                tasks.append(_loop_client(host, port, make, stop_at, heavy_times, heavy_statuses))
            await asyncio.sleep(0)
        request = _request(host, port, CHEAP)
        warm = heavy is not None

        async def cheap_client() -> None:
            if warm:
                await asyncio.sleep(1.5)  # let the heavy ones fill the workers
            await _loop_client(host, port, lambda n: request, stop_at, cheap, statuses)

        await asyncio.gather(cheap_client(), *tasks)
        return {
            "n": len(cheap),
            "p50_ms": percentile(cheap, 50) * 1000,
            "p95_ms": percentile(cheap, 95) * 1000,
            "max_ms": max(cheap, default=float("nan")) * 1000,
            "statuses": dict(statuses),
            "heavy_statuses": dict(heavy_statuses),
        }

    return asyncio.run(run())


def throughput(host: str, port: int, clients: int, seconds: float) -> dict:
    """Requests/s of the cheap query from ``clients`` concurrent keep-alive connections."""

    async def run() -> dict:
        loop = asyncio.get_running_loop()
        request = _request(host, port, CHEAP)
        # warm-up: every connection opened and one request each
        times: list[float] = []
        statuses: collections.Counter = collections.Counter()
        stop_at = loop.time() + seconds + 1.0
        started = time.perf_counter()
        await asyncio.gather(
            *(
                _loop_client(host, port, lambda n: request, stop_at, times, statuses)
                for _ in range(clients)
            )
        )
        elapsed = time.perf_counter() - started
        ok = statuses.get(200, 0)
        return {
            "clients": clients,
            "seconds": elapsed,
            "requests_per_s": ok / elapsed,
            "p50_ms": percentile(times, 50) * 1000,
            "p95_ms": percentile(times, 95) * 1000,
            "statuses": dict(statuses),
        }

    return asyncio.run(run())


def bench_load(seconds: float, timeout: float, clients: int) -> dict:
    """The load figures on the bundled graph; ogpgraph serve, then oxigraph serve (the anchor)."""
    sys.path.insert(0, str(REPO / "tests"))
    from serve_fixtures import OxigraphServer  # noqa: E402  (the tests' loopback runner)

    work = Path(tempfile.mkdtemp(prefix="ogpgraph-bench-load-"))
    result: dict = {"cpus": os.cpu_count(), "seconds": seconds, "timeout": timeout}
    try:
        server = Server(REPO, work / "store", timeout)
        try:
            host, port = server.url.removeprefix("http://").split("/")[0].rsplit(":", 1)
            port_n = int(port)
            print("  load: cheap alone", file=sys.stderr, flush=True)
            result["cheap_alone"] = cheap_latency(host, port_n, seconds, None, 0)
            print("  load: cheap + 4 heavy (one text)", file=sys.stderr, flush=True)
            result["cheap_with_heavy_same"] = cheap_latency(host, port_n, seconds, "same", 4)
            time.sleep(timeout + 1)  # the last heavy ones end
            print("  load: cheap + 4 heavy (new texts)", file=sys.stderr, flush=True)
            result["cheap_with_heavy_new"] = cheap_latency(host, port_n, seconds, "new", 4)
            time.sleep(timeout + 1)
            print(f"  load: {clients} clients, ogpgraph serve", file=sys.stderr, flush=True)
            result["ogpgraph"] = throughput(host, port_n, clients, seconds)
        finally:
            server.stop()
        try:
            # the same data, and the same union default graph as ogpgraph serve
            anchor = OxigraphServer(work / "store" / "data", "--union-default-graph")
        except RuntimeError as error:
            result["oxigraph"] = {"error": str(error)}
            return result
        try:
            print(f"  load: {clients} clients, oxigraph serve", file=sys.stderr, flush=True)
            result["oxigraph"] = throughput("127.0.0.1", anchor.port, clients, seconds)
        finally:
            anchor.stop()
        result["ratio"] = result["ogpgraph"]["requests_per_s"] / max(
            result["oxigraph"]["requests_per_s"], 1e-9
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def print_load(result: dict) -> None:
    print(
        f"\n== under load: bundled graph, {result['cpus']} CPUs, {result['seconds']:g} s per "
        f"phase, heavy queries stopped at {result['timeout']:g} s"
    )
    for key, label in (
        ("cheap_alone", "cheap query alone"),
        ("cheap_with_heavy_same", "cheap, 4 heavy (one text)"),
        ("cheap_with_heavy_new", "cheap, 4 heavy (new texts)"),
    ):
        r = result[key]
        heavy = f"  heavy answers: {r['heavy_statuses']}" if r["heavy_statuses"] else ""
        print(
            f"{label:<28} n={r['n']:>5}  p50 {r['p50_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f} ms  "
            f"max {r['max_ms']:8.1f} ms  statuses {r['statuses']}{heavy}"
        )
    for key in ("ogpgraph", "oxigraph"):
        r = result.get(key, {})
        if "error" in r:
            print(f"{key} serve: {r['error']}")
            continue
        print(
            f"{key + ' serve':<28} {r['clients']} clients: {r['requests_per_s']:8.1f} req/s  "
            f"p50 {r['p50_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f} ms  statuses {r['statuses']}"
        )
    if "ratio" in result:
        print(f"requests/s ogpgraph serve / oxigraph serve: {result['ratio']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="requests per query (default 20)")
    parser.add_argument(
        "--budget",
        type=float,
        default=15.0,
        help="seconds at most per query and dataset (default 15)",
    )
    parser.add_argument(
        "--synth-triples",
        type=int,
        default=1_000_000,
        help="size of the synthetic graph (0: skip it; default 1,000,000)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="server --timeout: slower queries are skipped (default 30)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--part",
        choices=["all", "queries", "load"],
        default="all",
        help="per-query latency, the load figures, or both (default)",
    )
    parser.add_argument(
        "--load-seconds", type=float, default=8.0, help="seconds per load phase (default 8)"
    )
    parser.add_argument(
        "--load-timeout",
        type=float,
        default=4.0,
        help="server --timeout in the load phases: heavy queries stop there (default 4)",
    )
    parser.add_argument(
        "--clients", type=int, default=200, help="concurrent clients for requests/s (200)"
    )
    args = parser.parse_args()

    load = None
    if args.part in ("all", "load"):
        load = bench_load(args.load_seconds, args.load_timeout, args.clients)
    results = []
    if args.part in ("all", "queries"):
        results.append(bench_dataset("bundled graph", REPO, args.rounds, args.budget, args.timeout))
    if args.part in ("all", "queries") and args.synth_triples and (HERE / "synth.py").exists():
        synth_dir = Path(tempfile.mkdtemp(prefix="ogpgraph-bench-synth-"))
        try:
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "synth.py"),
                    "--triples",
                    str(args.synth_triples),
                    "--out",
                    str(synth_dir / "proj"),
                    "--format",
                    "nq",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            results.append(
                bench_dataset(
                    f"synthetic ({args.synth_triples:,})",
                    synth_dir / "proj",
                    args.rounds,
                    args.budget,
                    args.timeout,
                )
            )
        finally:
            shutil.rmtree(synth_dir, ignore_errors=True)
    if args.json:
        print(json.dumps({"queries": results, "load": load}, indent=2))
        return
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; loopback HTTP, keep-alive, "
        f"JSON results; in process = the same on-disk store opened read-only here"
    )
    for result in results:
        print_report(result)
    if load is not None:
        print_load(load)


if __name__ == "__main__":
    main()
