"""What the query guard costs: parse, check and canonical text, against evaluation on the bundled graph.

For each stored query, taken as untrusted text (a plain ``str``): the guard's time (cache cleared
each repeat) against the time the engine takes to evaluate it on the bundled graph, in the same
run. Also the one-off import of the parser, and an ad-hoc `ogpgraph query` against a stored one in
fresh processes.

    python benchmarks/guard.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    import rdflib.plugins.sparql.parser  # noqa: F401

    parser_import = time.perf_counter() - t0

    from ogpgraph.core import namespaces as ns
    from ogpgraph.core.guard import _check, check
    from ogpgraph.core.queries import stored_queries
    from ogpgraph.dataset.store import KnowledgeGraph

    kg = KnowledgeGraph.load()
    prefixes = dict(ns.PREFIXES)
    rows = []
    for name, stored in stored_queries().items():
        text = str(stored.text)
        guard_times, eval_times = [], []
        for _ in range(args.repeat):
            _check.cache_clear()
            t = time.perf_counter()
            checked = check(text, allowed_graphs=kg.graph_names())
            guard_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            result = kg.store.query(
                checked.text, use_default_graph_as_union=True, prefixes=prefixes
            )
            for _ in result:
                pass
            eval_times.append(time.perf_counter() - t)
        rows.append((name, statistics.median(guard_times), statistics.median(eval_times)))

    print(f"parser import (once per process): {parser_import * 1000:.0f} ms")
    print(f"{'query':40} {'guard ms':>9} {'eval ms':>9} {'ratio':>7}")
    for name, g, e in rows:
        print(f"{name:40} {g * 1000:9.1f} {e * 1000:9.1f} {g / e:7.2f}")
    gs, es = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"{'sum':40} {gs * 1000:9.1f} {es * 1000:9.1f} {gs / es:7.2f}")

    def run(argv: list[str]) -> float:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    exe = [sys.executable, "-c", "from ogpgraph.cli.main import main; main()", "query"]
    stored = run([*exe, "--name", "commitments", "--format", "csv"])
    adhoc = run([*exe, str(stored_queries()["commitments"].text), "--format", "csv"])
    print(
        f"fresh process: ad-hoc text {adhoc * 1000:.0f} ms vs the same stored query "
        f"{stored * 1000:.0f} ms ({adhoc / stored:.2f}x)"
    )


if __name__ == "__main__":
    main()
