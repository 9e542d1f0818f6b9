"""The HTML files ``ogpgraph build`` writes, and the drawing of any selection for
``ogpgraph export html``.

:func:`artifacts` registers ``index.html`` (the dashboard), ``coverage.html``,
``recommendations.html``, ``agencies.html`` and ``graph.html`` with the build; each is made from
the loaded dataset alone, so the same data always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ogpgraph.analysis.state import analysis_of
from ogpgraph.pages.html import graph_page
from ogpgraph.pages.selections import Selection, named_view
from ogpgraph.pages.visdata import MAX_NODES, VisGraph, to_vis

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.artifacts import Artifact, BuildContext

#: file -> (view name, short name for the navigation)
GRAPH_PAGES: dict[str, tuple[str, str]] = {
    "coverage.html": ("coverage", "Coverage"),
    "recommendations.html": ("recommendations", "Recommendations"),
    "agencies.html": ("agencies", "Agencies"),
    "graph.html": ("graph", "Whole graph"),
}
NAV = [("index.html", "Dashboard")] + [(f, short) for f, (_v, short) in GRAPH_PAGES.items()]


def draw(selection: Selection, *, max_nodes: int = MAX_NODES) -> VisGraph:
    """The vis-network data of a selection."""
    return to_vis(selection.graph, max_nodes=max_nodes, focus=selection.focus)


def render(
    selection: Selection,
    *,
    max_nodes: int = MAX_NODES,
    nav: bool = False,
    current: str | None = None,
) -> str:
    """A self-contained HTML page for a selection (``nav``: link the build's other pages)."""
    vis = draw(selection, max_nodes=max_nodes)
    return graph_page(
        vis,
        title=selection.title,
        intro=selection.intro,
        note=selection.note,
        nav=NAV if nav else None,
        current=current,
    )


def _drawn(ctx: BuildContext, name: str) -> tuple[Selection, VisGraph]:
    key = f"views:{name}"
    if key not in ctx.cache:
        selection = named_view(analysis_of(ctx), name)
        ctx.cache[key] = (selection, draw(selection))
    return ctx.cache[key]


def _graph_page(file: str) -> Callable[[BuildContext], bytes]:
    view, _short = GRAPH_PAGES[file]

    def make(ctx: BuildContext) -> bytes:
        selection, vis = _drawn(ctx, view)
        return graph_page(
            vis,
            title=selection.title,
            intro=selection.intro,
            note=selection.note,
            nav=NAV,
            current=file,
        ).encode("utf-8")

    return make


def _index(ctx: BuildContext) -> bytes:
    from ogpgraph.pages.dashboard import dashboard

    views = []
    for file, (view, short) in GRAPH_PAGES.items():
        selection, vis = _drawn(ctx, view)
        views.append(
            {
                "href": file,
                "short": short,
                "title": selection.title,
                "intro": selection.intro.split(". ")[0].rstrip(".") + ".",
                "nodes": len(vis.nodes),
                "edges": len(vis.edges),
            }
        )
    from ogpgraph.dumps.rdf import release_date

    root = ctx.kg.project.root if ctx.kg.project else None
    return dashboard(
        analysis_of(ctx), views, version=ctx.version, released=release_date(root, ctx.version)
    ).encode("utf-8")


def artifacts() -> list[Artifact]:
    """The HTML views ``ogpgraph build`` writes."""
    from ogpgraph.core.artifacts import Artifact

    found = [
        Artifact(
            "index.html",
            _index,
            "the dashboard: coverage heat map, gaps, recommendations, links to the graph views",
        )
    ]
    for file, (view, _short) in GRAPH_PAGES.items():
        found.append(Artifact(file, _graph_page(file), f"interactive graph view: {view}"))
    return found
