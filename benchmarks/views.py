#!/usr/bin/env python3
"""HTML views: export time against the plain NetworkX build, and time to a stable layout in
Chromium.

For each size (view nodes: 1,000, 5,000 and 10,000 by default) this script writes a synthetic
OGP-shaped project with ``benchmarks/synth.py`` (about 50 triples per view node) into a temporary
folder, loads it, and measures in the same process:

- **NX build** — ``build_view(kg)``: the plain NetworkX projection the views are drawn from (the
  baseline; cache cleared before each run);
- **to_vis** — the whole view to vis-network node and edge lists with no cap (linear: one pass
  over nodes and edges, one sort each);
- **pages** — the four graph pages ``ogpgraph build`` writes (coverage, recommendations,
  agencies, whole graph: selection, lists, capped at 2,000 nodes, HTML with vis-network inline),
  from the view already built;
- **pyvis from_nx** — pyvis's ``Network.from_nx`` on the same whole view (attributes reduced to
  label, group and title, which from_nx accepts), only up to ``--pyvis-max`` nodes (default:
  the 1k case) because it is O(nodes × edges);
- **Chromium** — the whole-graph page opened from disk in headless Chromium
  (``/usr/bin/chromium`` through playwright, every non-``file:`` request blocked): seconds from
  navigation start until the page's script starts (vis-network and the data parsed:
  ``window.ogpStartAt``) and until vis-network's stabilisation is done and the page has switched
  the physics off (``window.ogpStableAt``), for the sizes in ``--browser-sizes``
  (default 1k and 5k; the 5k page is capped at 2,000 drawn nodes, as the notice on it says).

Python timings are the minimum of ``--repeat`` runs (default 3). Ratios are against the NX build
of the same size in the same run, and pyvis against ``to_vis``; absolute numbers depend on the
machine, ratios compare. Without ``benchmarks/synth.py`` (or with ``--networkx``), a NetworkX
graph with the view's node and edge attributes is generated directly, and "NX build" is then the
time to build that graph.

Run::

    python benchmarks/views.py                       # 1k, 5k, 10k; Chromium for 1k and 5k
    python benchmarks/views.py --sizes 1000 --browser-sizes 1000 --json
    python benchmarks/views.py --no-browser

Writes only to a temporary folder (removed unless ``--keep``); reaches no network.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SYNTH = REPO / "benchmarks" / "synth.py"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TRIPLES_PER_NODE = 50


def best(fn: Any, repeat: int) -> tuple[float, Any]:
    """Minimum wall-clock seconds of ``repeat`` calls, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


# ---------------------------------------------------------------- data
def synth_project(nodes: int, folder: Path) -> Path:
    out = folder / f"synth-{nodes}"
    subprocess.run(
        [sys.executable, str(SYNTH), "--triples", str(nodes * TRIPLES_PER_NODE), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def networkx_view(nodes: int, seed: int = 42) -> Any:
    """A MultiDiGraph shaped like the view (same attributes), ~4.5 edges per node."""
    import networkx as nx

    rng = random.Random(seed)
    kinds = (
        ["commitment"] * 3
        + ["result"] * 2
        + ["organisation"] * 3
        + ["case-study", "recommendation", "initiative", "focus-area"]
    )
    g = nx.MultiDiGraph()
    concepts = [f"https://w3id.org/ogpgraph/vocab/value/v{i}" for i in range(9)]
    for i, c in enumerate(concepts):
        g.add_node(
            c,
            iri=c,
            kind="principle" if i < 4 else "challenge",
            label=f"Concept {i}",
            id="",
            order=i,
            description="",
            graphs=["ontology"],
            sources=[],
        )
    ids = []
    for i in range(nodes - len(concepts)):
        kind = kinds[i % len(kinds)]
        iri = f"https://w3id.org/ogpgraph/x/{kind}/{i}"
        ids.append(iri)
        g.add_node(
            iri,
            iri=iri,
            kind=kind,
            label=f"{kind.title()} {i}: a synthetic label",
            id=f"{kind}-{i}",
            order=0,
            description="A synthetic description. " * 4,
            graphs=["synthetic"],
            sources=[f"Section {i % 40} (p. {i % 90 + 1})"],
        )
    for i, u in enumerate(ids):
        if i:
            g.add_edge(
                u,
                ids[rng.randrange(i)],
                key=f"part-of|{i}",
                relation="part-of",
                graph="g",
                source="synthetic",
            )
        for c in rng.sample(concepts, 3):
            g.add_edge(
                u,
                c,
                key=f"claims|{i}|{c}",
                relation="claims",
                relevant=True,
                in_table=True,
                claim=f"{u}/claim",
                source_section="Action Plan table",
                source_iri="",
                quote="",
                graph="g",
                source="synthetic",
            )
        if i % 3 == 0 and i:
            g.add_edge(
                ids[rng.randrange(len(ids))],
                u,
                key=f"leads|{i}",
                relation="leads",
                graph="g",
                source="synthetic",
            )
    return g


# ---------------------------------------------------------------- measurements
def measure_python(
    size: int, folder: Path, repeat: int, pyvis_max: int, use_nx: bool, pages_dir: Path
) -> dict[str, Any]:
    from ogpgraph.pages.artifacts import GRAPH_PAGES, NAV, draw
    from ogpgraph.pages.html import graph_page
    from ogpgraph.pages.selections import Selection, named_view
    from ogpgraph.pages.visdata import to_vis

    row: dict[str, Any] = {"size": size}
    if use_nx:
        nx_time, g = best(lambda: networkx_view(size), repeat)
        kg = None
    else:
        from ogpgraph.analysis.projection import build_view
        from ogpgraph.dataset.store import KnowledgeGraph

        project = synth_project(size, folder)
        kg = KnowledgeGraph.load(project)
        row["triples"] = len(kg)

        def fresh_view() -> Any:
            kg._view = None  # type: ignore[attr-defined]
            return build_view(kg)

        nx_time, g = best(fresh_view, repeat)
    row.update(nodes=g.number_of_nodes(), edges=g.number_of_edges(), nx_build=nx_time)
    row["to_vis"], _ = best(lambda: to_vis(g, max_nodes=10**9), repeat)

    def pages() -> dict[str, str]:
        out = {}
        for file, (view, _short) in GRAPH_PAGES.items():
            if kg is None:
                if view != "graph":
                    continue
                selection = Selection("graph", "The whole graph", "Synthetic.", g)
            else:
                selection = named_view(kg, view)
            vis = draw(selection)
            out[file] = graph_page(
                vis,
                title=selection.title,
                intro=selection.intro,
                note=selection.note,
                nav=NAV,
                current=file,
            )
        return out

    row["pages"], written = best(pages, repeat)
    for file, text in written.items():
        (pages_dir / f"{size}-{file}").write_text(text, encoding="utf-8")
    row["page_bytes"] = len(written["graph.html"].encode("utf-8"))
    row["drawn"] = len(draw(Selection("graph", "", "", g)).nodes)
    if size <= pyvis_max:
        row["pyvis_from_nx"] = pyvis_from_nx(g)
    return row


def pyvis_from_nx(g: Any) -> float:
    """Seconds for pyvis's Network.from_nx on a copy of the view with pyvis-friendly attributes."""
    import networkx as nx
    from pyvis.network import Network

    simple = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        simple.add_node(n, label=d["label"], group=d["kind"], title=d["label"])
    for u, v, d in g.edges(data=True):
        simple.add_edge(u, v, title=d["relation"])
    net = Network(directed=True)
    gc.collect()
    start = time.perf_counter()
    net.from_nx(simple)
    return time.perf_counter() - start


def measure_browser(pages_dir: Path, sizes: list[int], timeout: float) -> dict[int, dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    found: dict[int, dict[str, Any]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for size in sizes:
            path = pages_dir / f"{size}-graph.html"
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            blocked: list[str] = []
            context.route(
                "**/*",
                lambda route, blocked=blocked: (
                    (blocked.append(route.request.url), route.abort())
                    if not route.request.url.startswith("file:")
                    else route.continue_()
                ),
            )
            page = context.new_page()
            errors: list[str] = []
            page.on(
                "console",
                lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None,
            )
            page.goto(path.as_uri())
            page.wait_for_selector(
                "body[data-state=stable]", state="attached", timeout=timeout * 1000
            )
            start_ms, stable_ms, drawn, drawn_edges = page.evaluate(
                "[window.ogpStartAt, window.ogpStableAt, network.body.data.nodes.length, "
                "network.body.data.edges.length]"
            )
            found[size] = {
                "script_ms": start_ms,
                "stable_ms": stable_ms,
                "browser_nodes": drawn,
                "browser_edges": drawn_edges,
                "errors": errors,
                "blocked": blocked,
            }
            context.close()
        browser.close()
    return found


# ---------------------------------------------------------------- report
def table(rows: list[dict[str, Any]]) -> str:
    head = [
        "view nodes",
        "edges",
        "NX build s",
        "to_vis s",
        "to_vis/NX",
        "4 pages s",
        "pages/NX",
        "pyvis from_nx s",
        "from_nx/to_vis",
        "drawn",
        "Chromium parsed s",
        "Chromium stable s",
    ]
    lines = []
    for r in rows:
        pyvis = r.get("pyvis_from_nx")
        stable = r.get("stable_ms")
        lines.append(
            [
                f"{r['nodes']:,}",
                f"{r['edges']:,}",
                f"{r['nx_build']:.3f}",
                f"{r['to_vis']:.3f}",
                f"{r['to_vis'] / r['nx_build']:.2f}",
                f"{r['pages']:.3f}",
                f"{r['pages'] / r['nx_build']:.2f}",
                f"{pyvis:.3f}" if pyvis is not None else "—",
                f"{pyvis / r['to_vis']:.1f}" if pyvis is not None else "—",
                f"{r['drawn']:,}",
                f"{r['script_ms'] / 1000:.2f}" if r.get("script_ms") is not None else "—",
                f"{stable / 1000:.2f}" if stable is not None else "—",
            ]
        )
    widths = [max(len(h), *(len(x[i]) for x in lines)) for i, h in enumerate(head)]
    out = ["  ".join(h.rjust(w) for h, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.rjust(w) for c, w in zip(line, widths)) for line in lines]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,5000,10000",
        help="view sizes in nodes, comma-separated (default 1000,5000,10000)",
    )
    parser.add_argument(
        "--browser-sizes", default="1000,5000", help="sizes to open in Chromium (default 1000,5000)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium part")
    parser.add_argument("--repeat", type=int, default=3, help="runs per Python timing (min)")
    parser.add_argument(
        "--pyvis-max",
        type=int,
        default=1000,
        help="run pyvis's from_nx up to this size (default 1000)",
    )
    parser.add_argument(
        "--networkx",
        action="store_true",
        help="generate the NetworkX view directly instead of with synth.py",
    )
    parser.add_argument("--timeout", type=float, default=300, help="Chromium timeout, seconds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    browser_sizes = (
        []
        if args.no_browser
        else [int(x) for x in args.browser_sizes.split(",") if x and int(x) in sizes]
    )
    use_nx = args.networkx or not SYNTH.is_file()
    folder = Path(tempfile.mkdtemp(prefix="ogpgraph-views-bench-"))
    pages_dir = folder / "pages"
    pages_dir.mkdir()
    try:
        rows = []
        for size in sizes:
            print(f"size {size:,}: building…", file=sys.stderr)
            rows.append(
                measure_python(size, folder, args.repeat, args.pyvis_max, use_nx, pages_dir)
            )
        if browser_sizes:
            if not CHROMIUM.exists():
                print("no /usr/bin/chromium: skipping the browser part", file=sys.stderr)
            else:
                print("Chromium…", file=sys.stderr)
                measured = measure_browser(pages_dir, browser_sizes, args.timeout)
                for row in rows:
                    row.update(measured.get(row["size"], {}))
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            source = "NetworkX graph generated directly" if use_nx else "synth.py projects"
            print(f"HTML views ({source}; Python: min of {args.repeat} runs)")
            print(table(rows))
            print(
                "to_vis/NX and pages/NX: export time over the NetworkX build of the same "
                "graph; from_nx/to_vis: pyvis's from_nx over our lists. 'drawn': nodes on "
                "the whole-graph page (capped at 2,000). Chromium: navigation start to the "
                "page's script running, and to a stable layout with physics off."
            )
            for row in rows:
                if row.get("errors") or row.get("blocked"):
                    print(
                        f"size {row['size']}: console errors {row.get('errors')}, blocked "
                        f"requests {row.get('blocked')}"
                    )
        return 0
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
