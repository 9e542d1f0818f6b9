"""Coverage and gaps at scale: the NetworkX projection against its own SPARQL, and the commands
end to end.

For each size, on a synthetic graph from ``benchmarks/synth.py`` (and on the bundled graph):

- **baseline**: the projection's SPARQL queries (nodes, edges, claims, links) run directly through
  ``pyoxigraph.Store.query`` on a plain store loaded with the same files, results consumed;
- **projection**: ``ogpgraph.analysis.projection.build_view`` (the same queries + the NetworkX graph), ratio to
  the baseline (the target is 1.5× or less), with the collector thresholds a command sets for its
  process (``ogpgraph.cli.main.GC_THRESHOLDS``; the library itself never touches the collector),
  and again with Python's default thresholds (a notebook's process: ``default gc``);
- **coverage** / **gaps** / **agencies**: the CLI commands end to end in a fresh process
  (load included), wall-clock seconds (the target is under 5 s at one million triples);
- the same with ``--store DIR`` once the store and its cached view exist (a repeated command).

Medians over ``--repeat`` runs; every step is bounded. Usage::

    python benchmarks/analysis.py                       # bundled graph, 100k
    python benchmarks/analysis.py --sizes 100000,1000000 --json
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _plain_store(root: Path):
    import pyoxigraph as ox

    from ogpgraph.dataset.store import KnowledgeGraph

    kg = KnowledgeGraph.load(root)  # the same files, the same store contents (links compiled)
    store = ox.Store()
    store.extend(kg.quads())
    return kg, store


def measure_projection(root: Path, repeat: int) -> dict[str, float]:
    from ogpgraph.analysis import projection as view
    from ogpgraph.analysis.projection import build_view
    from ogpgraph.core import namespaces as ns

    kg, store = _plain_store(root)
    queries = view.projection_queries()
    import networkx  # noqa: F401  (import cost is not part of either measure)

    from ogpgraph.cli.main import GC_THRESHOLDS

    default_thresholds = gc.get_threshold()
    base, proj, proj_default = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        for q in queries:
            for row in store.query(q, use_default_graph_as_union=True, prefixes=dict(ns.PREFIXES)):
                for _term in row:
                    pass
        base.append(time.perf_counter() - start)
        for thresholds, times in ((default_thresholds, proj_default), (GC_THRESHOLDS, proj)):
            gc.set_threshold(*thresholds)
            start = time.perf_counter()
            g = build_view(kg)  # a new view on each call
            times.append(time.perf_counter() - start)
            gc.set_threshold(*default_thresholds)
            if thresholds is default_thresholds:
                del g
                gc.collect()
        size = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        # a command builds one view per process: free this one before the next repeat, as its
        # process exit would
        del g
        gc.collect()
    return {
        "baseline_s": statistics.median(base),
        "projection_s": statistics.median(proj),
        "ratio": statistics.median(proj) / statistics.median(base),
        "projection_default_gc_s": statistics.median(proj_default),
        "ratio_default_gc": statistics.median(proj_default) / statistics.median(base),
        **size,
        "triples": len(kg),
    }


def time_command(args: list[str], root: Path, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ogpgraph.cli.main", *args, "--root", str(root)],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=600,
        )
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def run(sizes: list[int], repeat: int) -> list[dict[str, object]]:
    results = []
    targets: list[tuple[str, Path]] = [("bundled", ROOT)]
    tmp = Path(tempfile.mkdtemp(prefix="ogpgraph-bench-"))
    for size in sizes:
        out = tmp / f"synth-{size}"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "synth.py"),
                "--triples",
                str(size),
                "--out",
                str(out),
                "--format",
                "nq",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        targets.append((f"synthetic {size:,}", out))
    for name, root in targets:
        # the commands first, while this process holds no graph (a large parent slows them)
        row: dict[str, object] = {"graph": name}
        store = Path(tempfile.mkdtemp(prefix="ogpgraph-bench-store-")) / "store"
        for command in (
            ["coverage", "--level", "all", "--format", "csv"],
            ["gaps", "--format", "csv"],
            ["agencies", "--format", "csv"],
        ):
            row[f"{command[0]}_s"] = time_command(command, root, max(1, repeat // 2))
            stored = [*command, "--store", str(store)]
            time_command(stored, root, 1)  # builds the store and caches the view
            row[f"{command[0]}_store_s"] = time_command(stored, root, max(1, repeat // 2))
        row.update(measure_projection(root, repeat))
        results.append(row)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000", help="comma-separated triple counts")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results = run(sizes, args.repeat)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"{'graph':<22}{'triples':>10}{'nodes':>8}{'SPARQL s':>10}{'view s':>9}{'ratio':>7}"
        f"{'default gc':>12}{'coverage s':>12}{'gaps s':>8}{'agencies s':>12}   with --store: coverage, gaps, agencies s"
    )
    for r in results:
        print(
            f"{r['graph']:<22}{r['triples']:>10,}{r['nodes']:>8,}{r['baseline_s']:>10.3f}"
            f"{r['projection_s']:>9.3f}{r['ratio']:>7.2f}{r['ratio_default_gc']:>12.2f}"
            f"{r['coverage_s']:>12.2f}{r['gaps_s']:>8.2f}"
            f"{r['agencies_s']:>12.2f}   {r['coverage_store_s']:>8.2f}{r['gaps_store_s']:>8.2f}"
            f"{r['agencies_store_s']:>8.2f}"
        )
    print(
        "view s / SPARQL s = ratio: the projection against its own queries run directly on a plain "
        "pyoxigraph store, with a command's collector thresholds; default gc: the same ratio with "
        "Python's default thresholds (a notebook). Commands: a fresh process each, load included; with --store: repeated "
        "commands on a persistent store with the view cached beside it."
    )


if __name__ == "__main__":
    main()
