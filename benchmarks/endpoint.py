#!/usr/bin/env python3
"""Stored-query latency through the SPARQL endpoint against the same query run in process.

For each dataset (the bundled graph, and a synthetic graph written by ``benchmarks/synth.py``),
this script starts ``ogpgraph serve --port 0 --store DIR`` (a subprocess on 127.0.0.1) and opens
the very same on-disk store read-only in this process. Then, for every stored query without
parameters, after one warm-up each, it alternates N rounds of:

    in process  ``ogpgraph.server.workers.evaluate`` on the store: evaluation + JSON serialisation
    endpoint    HTTP POST on loopback (keep-alive) -> worker process -> same evaluation -> JSON

and prints, per query, the median and 95th percentile of each, the endpoint's overhead
(median difference, ms) and the ratio of the medians (1.00 = the endpoint adds nothing), then a
summary (median of the per-query ratios and of the overheads). Each query's loop is bounded by
``--rounds`` and by ``--budget`` seconds, and a query the endpoint stops at ``--timeout`` is
skipped (it is sent to the endpoint first, since an in-process query cannot be stopped), so a
slow query on a big graph cannot run away.

Run::

    python benchmarks/endpoint.py                       # bundled graph + 1,000,000-triple synthetic
    python benchmarks/endpoint.py --synth-triples 0     # bundled graph only
    python benchmarks/endpoint.py --rounds 50 --json

Nothing reaches the network: all traffic is on 127.0.0.1. Temporary folders are removed.
"""

from __future__ import annotations

import argparse
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


def time_local(evaluate, store, job) -> tuple[float, int]:
    """Seconds for one in-process evaluation + JSON serialisation, and its status."""
    start = time.perf_counter()
    outcome = evaluate(store, job)
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

    from ogpgraph.queries import stored_queries
    from ogpgraph.server.workers import Job, evaluate

    work = Path(tempfile.mkdtemp(prefix="ogpgraph-bench-endpoint-"))
    started = time.perf_counter()
    server = Server(root, work / "store", timeout)
    ready = time.perf_counter() - started
    rows = []
    store = None
    try:
        store = ox.Store.read_only(str(work / "store" / "data"))
        triples = len(store)
        queries = {n: q for n, q in stored_queries().items() if not q.params}
        with httpx.Client(trust_env=False, timeout=timeout + 30) as http:
            for name, q in queries.items():
                print(f"  {label}: {name}", file=sys.stderr, flush=True)
                local = partial(time_local, evaluate, store, Job(q.text, "json"))
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
    args = parser.parse_args()

    results = [bench_dataset("bundled graph", REPO, args.rounds, args.budget, args.timeout)]
    if args.synth_triples and (HERE / "synth.py").exists():
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
        print(json.dumps(results, indent=2))
        return
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; loopback HTTP, keep-alive, "
        f"JSON results; in process = the same on-disk store opened read-only here"
    )
    for result in results:
        print_report(result)


if __name__ == "__main__":
    main()
