#!/usr/bin/env python3
"""Load and query: ogpgraph's KnowledgeGraph against plain pyoxigraph, on the same files.

At each size, this script generates a synthetic OGP-shaped project with ``synth.py`` into a
temporary folder (or uses ``--data DIR``), then measures, each in a fresh subprocess:

(a) loading — ``KnowledgeGraph.load(root)`` against pyoxigraph's own ``Store().load(path=…)``
    and ``Store().bulk_load(path=…)`` of the same files (ontology/*.ttl into the ontology graph,
    graph/**/*.trig|nq as they declare): wall-clock time of the call (median of ``--repeat-load``
    runs) and the process's peak resident memory (VmHWM) after it;
(b) every stored query (``ogpgraph query --list``) — through ``kg.query(text)`` against the same
    text through ``Store.query(text, use_default_graph_as_union=True)`` on a plain store loaded
    with the same files; each result consumed fully (every value of every row); median of up to
    ``--repeat-query`` runs, fewer when a query is slow (``--query-budget`` seconds per query and
    side), and a query still running after ``--timeout`` seconds is stopped and reported.

Queries with parameters are bound to sample resources of the synthetic data (``synth.json``):
``fact`` to a commitment (``asserter_in``, where a query has it, to the ``tinz`` links graph).

The ratio column is ogpgraph / pyoxigraph: 1.00 means the KnowledgeGraph layer adds nothing;
above 1 it costs that much more. Both sides run one after the other on the same machine in the
same run, so the ratios compare; absolute numbers depend on the machine.

Run::

    python benchmarks/load_query.py                              # 10k and 100k (< 2 min)
    python benchmarks/load_query.py --sizes 10000,100000,1000000 # adds 1M (several minutes)
    python benchmarks/load_query.py --data /tmp/ogp-100k --json  # an existing synth.py folder

Writes only to a temporary folder (removed afterwards unless ``--keep``); reaches no network.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_GRAPH = "https://w3id.org/ogpgraph/graph/ontology"
LOAD_SIDES = ("ogpgraph", "oxigraph-load", "oxigraph-bulk")


# --------------------------------------------------------------------------- worker side
def peak_rss_mb() -> float:
    """Peak resident set size of this process (VmHWM), in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def rdf_files(root: Path) -> list[tuple[str, str, str | None]]:
    """(path, format, target graph) of the files a plain store loads, in ogpgraph's order."""
    files: list[tuple[str, str, str | None]] = []
    for path in sorted((root / "ontology").glob("*.ttl")):
        files.append((str(path), "turtle", ONTOLOGY_GRAPH))
    for path in sorted((root / "graph").rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            if path.suffix == ".trig":
                files.append((str(path), "trig", None))
            elif path.suffix == ".nq":
                files.append((str(path), "nquads", None))
            elif path.suffix in (".ttl", ".nt"):
                rel = path.parent.relative_to(root / "graph")
                name = "/".join(rel.parts) or path.stem
                files.append(
                    (
                        str(path),
                        "turtle" if path.suffix == ".ttl" else "ntriples",
                        "https://w3id.org/ogpgraph/graph/" + name,
                    )
                )
    return files


def plain_store(root: Path, bulk: bool = False):  # noqa: ANN201 - pyoxigraph.Store
    import pyoxigraph as ox

    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
    }
    store = ox.Store()
    for path, fmt, graph in rdf_files(root):
        kwargs = {"path": path, "format": formats[fmt]}
        if graph:
            kwargs["to_graph"] = ox.NamedNode(graph)
        (store.bulk_load if bulk else store.load)(**kwargs)
    return store


def worker_load(side: str, root: Path) -> dict:
    import pyoxigraph  # noqa: F401 - imported before timing on both sides

    if side == "ogpgraph":
        from ogpgraph.dataset.store import KnowledgeGraph
    before = current_rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    if side == "ogpgraph":
        kg = KnowledgeGraph.load(root)
        quads = len(kg)
    else:
        store = plain_store(root, bulk=side == "oxigraph-bulk")
        quads = len(store)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "side": side,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "quads": quads,
        "rss_before_mb": before,
        "peak_rss_mb": peak_rss_mb(),
    }


def sample_bindings(root: Path, store) -> dict[str, str]:  # noqa: ANN001
    """Values for query parameters: from synth.json, else the first commitment in the data."""
    manifest = root / "synth.json"
    sample: dict[str, str] = {}
    if manifest.is_file():
        sample = json.loads(manifest.read_text(encoding="utf-8")).get("sample", {})
    fact = sample.get("commitment")
    if fact is None:
        rows = list(
            store.query(
                "SELECT ?c WHERE { ?c a <https://w3id.org/ogpgraph/ontology#Commitment> } "
                "ORDER BY ?c LIMIT 1",
                use_default_graph_as_union=True,
            )
        )
        fact = rows[0][0].value if rows else None
    bindings = {
        "fact": fact,
        "asserter_in": sample.get("links_graph_tinz", "https://w3id.org/ogpgraph/graph/links/tinz"),
    }
    return {k: v for k, v in bindings.items() if v}


def worker_queries(root: Path, names: list[str], repeat: int, budget: float) -> None:
    """Load both stores once, then run each query alternately on each; one JSON line per event.

    Alternating ogpgraph and plain runs of the same query in the same process makes both sides
    see the same machine load (other processes, frequency scaling), so the ratio stays fair.
    """
    import pyoxigraph as ox

    from ogpgraph.core.queries import stored_queries
    from ogpgraph.dataset.store import KnowledgeGraph

    queries = stored_queries()
    kg = KnowledgeGraph.load(root)
    store = plain_store(root)
    values = sample_bindings(root, store)
    emit({"event": "loaded", "quads": [len(kg), len(store)]})
    for name in names:
        query = queries[name]
        bound = {k: v for k, v in values.items() if k in query.params}
        subs = {ox.Variable(k): ox.NamedNode(v) for k, v in bound.items()} or None
        emit({"event": "start", "name": name})
        runs: dict[str, dict[str, list[float]]] = {
            side: {"wall": [], "cpu": []} for side in ("ogpgraph", "oxigraph")
        }
        rows: dict[str, int] = {}
        spent = 0.0
        while len(runs["ogpgraph"]["wall"]) < repeat:
            for side in ("ogpgraph", "oxigraph"):
                wall, cpu = time.perf_counter(), time.process_time()
                if side == "ogpgraph":
                    result = kg.query(query.text, bindings=bound or None)
                else:
                    result = store.query(
                        query.text, use_default_graph_as_union=True, substitutions=subs
                    )
                count = sum(1 for row in result for _values in [tuple(row)])
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                runs[side]["wall"].append(wall)
                runs[side]["cpu"].append(cpu)
                rows[side] = count
                spent += wall
            if spent > 2 * budget:
                break
        emit({"event": "done", "name": name, "runs": runs, "rows": rows, "bindings": sorted(bound)})


def emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- parent side
def run_worker(args: list[str]) -> dict:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", *args],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"worker {' '.join(args)} failed:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_load(root: Path, repeat: int) -> dict[str, dict]:
    """Per side: median seconds, median peak RSS, quads; runs interleaved across sides."""
    runs: dict[str, list[dict]] = {side: [] for side in LOAD_SIDES}
    for _ in range(repeat):
        for side in LOAD_SIDES:
            runs[side].append(run_worker(["load", side, str(root)]))
    out = {}
    for side, results in runs.items():
        out[side] = {
            "seconds": statistics.median(r["seconds"] for r in results),
            "seconds_min": min(r["seconds"] for r in results),
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in results),
            "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in results),
            "rss_before_mb": statistics.median(r["rss_before_mb"] for r in results),
            "quads": results[0]["quads"],
            "runs": [round(r["seconds"], 5) for r in results],
        }
    return out


def measure_queries(
    root: Path, names: list[str], repeat: int, budget: float, timeout: float
) -> dict[str, dict]:
    """Run the queries in a worker; a query still running after ``timeout`` seconds (both
    sides together) is stopped, reported, and the worker restarted for the rest."""
    results: dict[str, dict] = {}
    pending = list(names)
    while pending:
        proc = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--worker",
                "queries",
                str(root),
                ",".join(pending),
                str(repeat),
                str(budget),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        fd = proc.stdout.fileno()
        buffer = b""
        current: str | None = None
        deadline = None
        try:
            while True:
                # Unbuffered reads of the pipe, so that select() sees every line as it comes.
                while b"\n" not in buffer:
                    wait = None if deadline is None else max(0.0, deadline - time.monotonic())
                    ready, _, _ = select.select([fd], [], [], wait)
                    if not ready:
                        break
                    chunk = os.read(fd, 65536)
                    if not chunk:
                        break
                    buffer += chunk
                if b"\n" not in buffer:
                    if deadline is not None and time.monotonic() >= deadline:  # ran out of time
                        proc.kill()
                        proc.wait()
                        results[current] = {"timeout": timeout}
                        pending.remove(current)
                        break
                    proc.wait()  # end of output
                    if proc.returncode != 0:
                        raise RuntimeError(f"query worker failed:\n{proc.stderr.read().decode()}")
                    if pending:
                        raise RuntimeError(f"query worker stopped before {pending}")
                    break
                line, buffer = buffer.split(b"\n", 1)
                record = json.loads(line)
                if record["event"] == "start":
                    current, deadline = record["name"], time.monotonic() + timeout
                elif record["event"] == "done":
                    entry = {"rows": record["rows"], "bindings": record["bindings"]}
                    for side, runs in record["runs"].items():
                        entry[side] = {
                            "seconds": statistics.median(runs["wall"]),
                            "seconds_min": min(runs["wall"]),
                            "cpu_seconds": statistics.median(runs["cpu"]),
                            "runs": len(runs["wall"]),
                        }
                    results[record["name"]] = entry
                    pending.remove(record["name"])
                    current, deadline = None, None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return {name: results[name] for name in names}


def run(sizes: list[int], data: Path | None, args: argparse.Namespace) -> dict:
    sys.path.insert(0, str(HERE))
    import synth  # noqa: E402 - the generator next to this script

    from ogpgraph.core.queries import stored_queries

    names = [n for n in stored_queries() if not args.queries or n in args.queries]
    report = {
        "benchmark": "load_query",
        "date": time.strftime("%Y-%m-%d"),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "seed": args.seed,
        "format": args.format,
        "repeat_load": args.repeat_load,
        "repeat_query": args.repeat_query,
        "query_budget_s": args.query_budget,
        "timeout_s": args.timeout,
        "sizes": [],
    }
    tmp = None if data else Path(tempfile.mkdtemp(prefix="ogpgraph-bench-"))
    try:
        targets: list[tuple[int | None, Path]] = (
            [(None, data)] if data else [(size, tmp / f"synth-{size}") for size in sizes]
        )
        for size, root in targets:
            entry: dict = {"requested": size, "root": str(root)}
            if size is not None:
                started = time.perf_counter()
                manifest = synth.generate(size, root, seed=args.seed, fmt=args.format)
                entry["generate_s"] = time.perf_counter() - started
                entry["data_triples"] = manifest["triples"]
            log(f"size {size or root}: loading ({args.repeat_load} runs per side)…")
            entry["load"] = measure_load(root, args.repeat_load)
            entry["quads"] = entry["load"]["ogpgraph"]["quads"]
            log(
                f"size {size or root}: {len(names)} stored queries, ogpgraph and plain "
                f"pyoxigraph alternately…"
            )
            entry["queries"] = measure_queries(
                root, names, args.repeat_query, args.query_budget, args.timeout
            )
            report["sizes"].append(entry)
    finally:
        if tmp is not None:
            if args.keep:
                log(f"kept {tmp}")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
    return report


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.2f}x"


def print_table(report: dict) -> None:
    print(
        f"ogpgraph KnowledgeGraph vs plain pyoxigraph, Python {report['python']}, "
        f"{report['cpus']} CPUs, {report['date']}; seed {report['seed']}, {report['format']} files"
    )
    print(
        f"ratio = ogpgraph / pyoxigraph, of wall-clock medians (1.00x: no overhead); cpu ratio = "
        f"the same of CPU-time medians,\nwhich other processes on the machine disturb less. Load: "
        f"{report['repeat_load']} fresh processes per side. Queries: up to "
        f"{report['repeat_query']} runs, alternating sides in one process, "
        "results consumed fully.\n"
    )
    rows: list[tuple[str, ...]] = []
    for entry in report["sizes"]:
        size = f"{entry['quads']:,}"
        load = entry["load"]
        og = load["ogpgraph"]
        bases = (("oxigraph-load", "Store.load"), ("oxigraph-bulk", "Store.bulk_load"))
        for base, label in bases:
            b = load[base]
            rows.append(
                (
                    size,
                    f"load time s (vs {label})",
                    f"{og['seconds']:.3f}",
                    f"{b['seconds']:.3f}",
                    ratio(og["seconds"], b["seconds"]),
                    ratio(og["cpu_seconds"], b["cpu_seconds"]),
                )
            )
        for base, label in bases:
            b = load[base]
            rows.append(
                (
                    size,
                    f"load peak RSS MB (vs {label})",
                    f"{og['peak_rss_mb']:.1f}",
                    f"{b['peak_rss_mb']:.1f}",
                    ratio(og["peak_rss_mb"], b["peak_rss_mb"]),
                    "",
                )
            )
        b = load["oxigraph-load"]
        grow_og = og["peak_rss_mb"] - og["rss_before_mb"]
        grow_ox = b["peak_rss_mb"] - b["rss_before_mb"]
        rows.append(
            (
                size,
                "load RSS growth MB (peak - after imports)",
                f"{grow_og:.1f}",
                f"{grow_ox:.1f}",
                ratio(grow_og, grow_ox),
                "",
            )
        )
        total = {"ogpgraph": [0.0, 0.0], "oxigraph": [0.0, 0.0]}
        complete = True
        for name, q in entry["queries"].items():
            if "timeout" in q:
                complete = False
                rows.append(
                    (
                        size,
                        f"query {name}: stopped after {q['timeout']:.0f} s",
                        "-",
                        "-",
                        "n/a",
                        "n/a",
                    )
                )
                continue
            a, b = q["ogpgraph"], q["oxigraph"]
            for side in total:
                total[side][0] += q[side]["seconds"]
                total[side][1] += q[side]["cpu_seconds"]
            n_og, n_ox = q["rows"]["ogpgraph"], q["rows"]["oxigraph"]
            warn = "" if n_og == n_ox else f" (rows differ: {n_og} vs {n_ox})"
            rows.append(
                (
                    size,
                    f"query {name} ms, {n_og:,} rows",
                    f"{a['seconds'] * 1000:.2f}",
                    f"{b['seconds'] * 1000:.2f}",
                    ratio(a["seconds"], b["seconds"]),
                    ratio(a["cpu_seconds"], b["cpu_seconds"]) + warn,
                )
            )
        label = "all queries ms, sum of medians" + ("" if complete else " (stopped ones left out)")
        rows.append(
            (
                size,
                label,
                f"{total['ogpgraph'][0] * 1000:.1f}",
                f"{total['oxigraph'][0] * 1000:.1f}",
                ratio(total["ogpgraph"][0], total["oxigraph"][0]),
                ratio(total["ogpgraph"][1], total["oxigraph"][1]),
            )
        )
        rows.append(())
    width = max(len(r[1]) for r in rows if r)
    head = (
        f"{'quads':>10}  {'measure':<{width}} {'ogpgraph':>10} {'pyoxigraph':>10} "
        f"{'ratio':>7}  cpu ratio"
    )
    print(head)
    print("-" * len(head))
    for row in rows[:-1]:
        if not row:
            print()
            continue
        size, measure, a, b, r, c = row
        print(f"{size:>10}  {measure:<{width}} {a:>10} {b:>10} {r:>7}  {c}".rstrip())
    print_scaling(report)


def print_scaling(report: dict) -> None:
    """How each query's time grows from one size to the next, as an exponent of the data growth
    (1 = linear, 2 = quadratic), on the ogpgraph side. Queries under 1 ms at the smaller size are
    left out (their time is mostly fixed cost); a query stopped at the larger size gets a lower
    bound (">")."""
    sizes = report["sizes"]
    for small, big in zip(sizes, sizes[1:], strict=False):
        growth = big["quads"] / small["quads"]
        if growth <= 1.5:
            continue
        found = []
        for name, q in big["queries"].items():
            a = small["queries"].get(name, {})
            if "timeout" in a or a.get("ogpgraph", {}).get("seconds", 0) < 0.001:
                continue
            t1 = a["ogpgraph"]["seconds"]
            t2 = q["timeout"] if "timeout" in q else q["ogpgraph"]["seconds"]
            k = math.log(t2 / t1) / math.log(growth)
            found.append((k, name, (">" if "timeout" in q else "") + f"{k:.2f}"))
        if not found:
            continue
        print(
            f"\nTime growth from {small['quads']:,} to {big['quads']:,} quads "
            f"({growth:.1f}x data), "
            f"as an exponent: 1 = linear, 2 = quadratic"
        )
        width = max(len(name) for _k, name, _t in found)
        for k, name, text in sorted(found, reverse=True):
            flag = "  superlinear" if k > 1.4 else ""
            print(f"  {name:<{width}} {text:>6}{flag}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--worker":
        kind, rest = argv[1], argv[2:]
        if kind == "load":
            emit(worker_load(rest[0], Path(rest[1])))
        else:
            root, names, repeat, budget = rest
            worker_queries(Path(root), names.split(","), int(repeat), float(budget))
        return 0
    parser = argparse.ArgumentParser(
        description="Load and stored-query times of ogpgraph's KnowledgeGraph against plain "
        "pyoxigraph on synthetic OGP-shaped data."
    )
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="comma-separated triple counts to generate (default 10000,100000)",
    )
    parser.add_argument(
        "--data", type=Path, help="measure this project folder instead of generating"
    )
    parser.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
    parser.add_argument(
        "--format",
        choices=("trig", "nq"),
        default="trig",
        help="file format to generate (default trig)",
    )
    parser.add_argument("--repeat-load", type=int, default=3, help="load runs per side (default 3)")
    parser.add_argument("--repeat-query", type=int, default=5, help="runs per query (default 5)")
    parser.add_argument(
        "--query-budget",
        type=float,
        default=2.0,
        help="stop repeating a query after this many seconds (default 2)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="stop a query run after this many seconds (default 60)",
    )
    parser.add_argument(
        "--queries",
        type=lambda s: [x for x in s.split(",") if x],
        help="only these stored queries (comma-separated names)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--render",
        type=Path,
        metavar="FILE",
        help="print the table of a saved --json output, measuring nothing",
    )
    args = parser.parse_args(argv)
    if args.render is not None:
        print_table(json.loads(args.render.read_text(encoding="utf-8")))
        return 0
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error("--sizes takes comma-separated integers, e.g. 10000,100000")
    if args.data is not None and not (args.data / "graph").is_dir():
        parser.error(f"--data {args.data}: no graph/ folder there")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up the temporary folder
    report = run(sizes, args.data.resolve() if args.data else None, args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
