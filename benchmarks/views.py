#!/usr/bin/env python3
"""HTML views: export time against the plain NetworkX build, the Python layout, and time to the
first draw and to a stable page in Chromium.

For each size (view nodes: 1,000, 5,000 and 10,000 by default) this script writes a synthetic
OGP-shaped project with ``benchmarks/synth.py`` (about 50 triples per view node) into a temporary
folder, loads it, and measures in the same process:

- **NX build** — ``build_view(kg)``: the plain NetworkX projection the views are drawn from (the
  baseline; cache cleared before each run);
- **to_vis** — the whole view to vis-network node and edge lists with no cap (one pass over
  nodes and edges, one sort each, and the layout below);
- **layout** — :func:`ogpgraph.pages.layout.layered` alone on those lists (the default layers by
  kind: barycentre ordering, label boxes, the column height with the largest fit, the overview's
  labels), against **grid** — the least any layout does on the same lists: the edges into a
  networkx graph and one column per layer at a fixed pitch (no ordering, no label sizes), the
  same-run baseline (networkx's ``multipartite_layout`` needs numpy, not installed here);
- **laid out + written** — ``to_vis`` with its layout, the HTML page and the file written, for
  the whole view uncapped (the goal: 10,000 nodes in under 2 s);
- **pages** — the four graph pages ``ogpgraph build`` writes (coverage, recommendations,
  agencies, whole graph: selection, lists, capped at 2,000 nodes, HTML with vis-network inline),
  from the view already built;
- **pyvis from_nx** — pyvis's ``Network.from_nx`` on the same whole view (attributes reduced to
  label, group and title, which from_nx accepts), only up to ``--pyvis-max`` nodes (default:
  the 1k case) because it is O(nodes × edges);
- **Chromium** — the whole-graph page opened from disk in headless Chromium
  (``/usr/bin/chromium`` through playwright, every non-``file:`` request blocked): seconds from
  navigation start until the page's script starts (vis-network and the data parsed:
  ``window.ogpStartAt``), until vis-network's first draw (its ``afterDrawing`` event, hooked by
  an init script when the page assigns ``window.network``) and until the page is stable
  (``window.ogpStableAt``), for the sizes in ``--browser-sizes`` (default 1k and 5k; the 5k page
  is capped at 2,000 drawn nodes, as the notice on it says); ``--repeat`` loads each.

Python timings are the minimum of ``--repeat`` runs (default 3); ``--json`` and the
``--spread`` table add the median and maximum of the layout and first-draw timings. Ratios are against the NX build
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
import statistics
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


def timed(fn: Any, repeat: int) -> tuple[list[float], Any]:
    """Wall-clock seconds of ``repeat`` calls (sorted), and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return sorted(times), result


def best(fn: Any, repeat: int) -> tuple[float, Any]:
    """Minimum wall-clock seconds of ``repeat`` calls, and the last result."""
    times, result = timed(fn, repeat)
    return times[0], result


def spread(times: list[float]) -> dict[str, float]:
    """min / median / max of some timings."""
    ordered = sorted(times)
    return {"min": ordered[0], "median": statistics.median(ordered), "max": ordered[-1]}


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
    row["to_vis"], whole = best(lambda: to_vis(g, max_nodes=10**9), repeat)
    row.update(measure_layout(g, whole, repeat, pages_dir / f"{size}-whole.html"))

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


def measure_layout(g: Any, whole: Any, repeat: int, out: Path) -> dict[str, Any]:
    """The layout alone on the whole view's lists, the grid baseline on the same layers, and
    the whole view laid out and written (uncapped)."""
    import networkx as nx

    from ogpgraph.pages import layout
    from ogpgraph.pages.html import graph_page
    from ogpgraph.pages.visdata import to_vis

    kinds = {n: d.get("kind", "other") for n, d in g.nodes(data=True)}
    layers = layout.layers_by_kind(
        [(node["id"], kinds.get(node["id"], "other")) for node in whole.nodes]
    )
    lay_times, placed = timed(lambda: layout.layered(whole.nodes, whole.edges, layers), repeat)

    def grid() -> dict[str, tuple[float, float]]:
        # the least a layout does: a column per layer, a fixed row pitch, no ordering, no label
        # sizes (networkx's multipartite_layout would be the natural baseline, but it needs
        # numpy, which the project does not install)
        h = nx.Graph()
        h.add_edges_from((e["from"], e["to"]) for e in whole.edges)
        positions = {}
        for i, layer in enumerate(layers):
            for j, n in enumerate(layer):
                positions[n] = (300.0 * i, 60.0 * j)
        return positions

    base_times, _ = timed(grid, repeat)

    def written() -> int:
        vis = to_vis(g, max_nodes=10**9)
        text = graph_page(vis, title="The whole graph", intro="Synthetic.")
        out.write_text(text, encoding="utf-8")
        return len(vis.nodes)

    write_times, _ = timed(written, repeat)
    return {
        "layout": lay_times[0],
        "layout_spread": spread(lay_times),
        "grid": base_times[0],
        "grid_spread": spread(base_times),
        "written": write_times[0],
        "written_spread": spread(write_times),
        "overview": placed.overview,
        "labelled_at_fit": len(placed.hubs) if placed.overview else len(whole.nodes),
    }


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


#: records vis-network's first draw: the page assigns window.network as soon as it is made
FIRST_DRAW = """
(() => {
  let made;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return made; },
    set(value) {
      made = value;
      value.once('afterDrawing', () => { window.ogpFirstDrawAt = performance.now(); });
    },
  });
})();
"""


def measure_browser(
    pages_dir: Path, sizes: list[int], timeout: float, repeat: int = 3
) -> dict[int, dict[str, Any]]:
    loads: dict[int, list[dict[str, Any]]] = {}
    for _ in range(repeat):
        for size, found in _load_pages(pages_dir, sizes, timeout).items():
            loads.setdefault(size, []).append(found)
    merged: dict[int, dict[str, Any]] = {}
    for size, runs in loads.items():
        row = dict(runs[0])
        for key in ("script_ms", "first_draw_ms", "stable_ms"):
            values = [r[key] for r in runs if r.get(key) is not None]
            if values:
                row[key] = min(values)
                row[key.replace("_ms", "_spread")] = spread(values)
        row["errors"] = [e for r in runs for e in r["errors"]]
        row["blocked"] = [b for r in runs for b in r["blocked"]]
        merged[size] = row
    return merged


def _load_pages(pages_dir: Path, sizes: list[int], timeout: float) -> dict[int, dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    found: dict[int, dict[str, Any]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for size in sizes:
            path = pages_dir / f"{size}-graph.html"
            context = browser.new_context(viewport={"width": 1366, "height": 768})
            context.add_init_script(FIRST_DRAW)
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
            page.wait_for_timeout(100)  # the first frame after the stable state
            start_ms, first_ms, stable_ms, drawn, drawn_edges = page.evaluate(
                "[window.ogpStartAt, window.ogpFirstDrawAt, window.ogpStableAt, "
                "network.body.data.nodes.length, network.body.data.edges.length]"
            )
            found[size] = {
                "script_ms": start_ms,
                "first_draw_ms": first_ms,
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
        "layout s",
        "grid s",
        "layout/grid",
        "laid out+written s",
        "4 pages s",
        "pages/NX",
        "pyvis from_nx s",
        "from_nx/to_vis",
        "drawn",
        "Chromium parsed s",
        "Chromium first draw s",
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
                f"{r['layout']:.3f}",
                f"{r['grid']:.3f}",
                f"{r['layout'] / r['grid']:.1f}",
                f"{r['written']:.3f}",
                f"{r['pages']:.3f}",
                f"{r['pages'] / r['nx_build']:.2f}",
                f"{pyvis:.3f}" if pyvis is not None else "—",
                f"{pyvis / r['to_vis']:.1f}" if pyvis is not None else "—",
                f"{r['drawn']:,}",
                f"{r['script_ms'] / 1000:.2f}" if r.get("script_ms") is not None else "—",
                f"{r['first_draw_ms'] / 1000:.2f}" if r.get("first_draw_ms") is not None else "—",
                f"{stable / 1000:.2f}" if stable is not None else "—",
            ]
        )
    widths = [max(len(h), *(len(x[i]) for x in lines)) for i, h in enumerate(head)]
    out = ["  ".join(h.rjust(w) for h, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.rjust(w) for c, w in zip(line, widths)) for line in lines]
    return "\n".join(out)


def spread_table(rows: list[dict[str, Any]]) -> str:
    """min / median / max of the layout and browser timings, one line per size and measure."""
    lines = ["min / median / max (s):"]
    for r in rows:
        for key, name in (
            ("layout_spread", "layout"),
            ("grid_spread", "grid (baseline)"),
            ("written_spread", "laid out + written"),
            ("first_draw_spread", "Chromium first draw"),
            ("stable_spread", "Chromium stable"),
        ):
            found = r.get(key)
            if found:
                scale = 1000 if key.startswith(("first", "stable")) else 1
                lines.append(
                    f"  {r['nodes']:>7,} nodes  {name:<22} "
                    + " / ".join(f"{found[k] / scale:.3f}" for k in ("min", "median", "max"))
                )
    return "\n".join(lines)


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
                measured = measure_browser(pages_dir, browser_sizes, args.timeout, args.repeat)
                for row in rows:
                    row.update(measured.get(row["size"], {}))
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            source = "NetworkX graph generated directly" if use_nx else "synth.py projects"
            print(f"HTML views ({source}; Python: min of {args.repeat} runs)")
            print(table(rows))
            print(spread_table(rows))
            print(
                "to_vis/NX and pages/NX: export time over the NetworkX build of the same "
                "graph; layout/grid: the layout over the least a layout does (same lists); "
                "laid out+written: the whole view uncapped, lists, layout, page and file; "
                "from_nx/to_vis: pyvis's from_nx over our lists. 'drawn': nodes on the "
                "whole-graph page (capped at 2,000). Chromium: navigation start to the page's "
                "script running, to vis-network's first draw, and to the stable state."
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
