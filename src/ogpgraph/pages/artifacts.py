"""The HTML files ``ogpgraph build`` writes, and the drawing of any selection for
``ogpgraph export html``.

:func:`artifacts` registers ``index.html`` (the dashboard), ``coverage.html``,
``recommendations.html``, ``agencies.html``, ``graph.html``, the side-by-side report
``recommendations-report.html`` (:mod:`ogpgraph.pages.report`), ``timeline.html`` (the plans
and NIS assessments over time, :mod:`ogpgraph.pages.timeline`) and ``ontology.html`` (the
vocabulary, :mod:`ogpgraph.pages.ontology`) with the build; each is made from
the loaded dataset alone, so the same data always gives the same bytes. Every page carries the
navigation bar (:data:`ogpgraph.pages.html.NAV`), those of ``export html`` too, and the other
names of its nodes (:func:`other_names`) for search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from ogpgraph.analysis.state import Analysis, analysis_of
from ogpgraph.core.queries import internal_query
from ogpgraph.pages.html import NAV, REPORT_PAGE, graph_page
from ogpgraph.pages.selections import Selection, named_view
from ogpgraph.pages.visdata import MAX_NODES, VisGraph, to_vis

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.artifacts import Artifact, ArtifactFolder, BuildContext
    from ogpgraph.dataset.store import KnowledgeGraph

_NAV_TEXT = dict(NAV)
#: file -> (view name, short name for the navigation)
GRAPH_PAGES: dict[str, tuple[str, str]] = {
    file: (view, _NAV_TEXT[file])
    for file, view in (
        ("coverage.html", "coverage"),
        ("recommendations.html", "recommendations"),
        ("agencies.html", "agencies"),
        ("graph.html", "graph"),
    )
}


def other_names(source: KnowledgeGraph | Analysis) -> dict[str, list[str]]:
    """IRI -> its ``skos:altLabel``s (acronyms such as DIA or SSC among them), sorted; what the
    pages' search finds a node by besides its label and identifier (memoised on the
    :class:`~ogpgraph.analysis.state.Analysis`)."""
    analysis = Analysis.of(source)

    def compute() -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for row in analysis.kg.select(internal_query("pages-alt-labels")):
            if row["alt"] not in found[row["node"]]:
                found[row["node"]].append(str(row["alt"]))
        return dict(found)

    return analysis.derived("pages.other-names", compute)


def draw(selection: Selection, *, max_nodes: int = MAX_NODES) -> VisGraph:
    """The vis-network data of a selection."""
    return to_vis(
        selection.graph,
        max_nodes=max_nodes,
        focus=selection.focus,
        layers=selection.layers,
        labels_first=selection.labels_first,
        marks=selection.marks,
    )


def render(
    selection: Selection,
    *,
    max_nodes: int = MAX_NODES,
    current: str | None = None,
    source: KnowledgeGraph | Analysis | None = None,
) -> str:
    """A self-contained HTML page for a selection, with the navigation bar to the build's pages
    (``current``: the one this is); ``source``, the graph the selection was drawn from, gives
    search the nodes' other names."""
    names = other_names(source) if source is not None else None
    return _page(selection, draw(selection, max_nodes=max_nodes), current, names)


def _page(
    selection: Selection, vis: VisGraph, current: str | None, names: dict[str, list[str]] | None
) -> str:
    """The HTML of a drawn selection (its title, intro and note) with the navigation bar."""
    return graph_page(
        vis,
        title=selection.title,
        intro=selection.intro,
        note=selection.note,
        current=current,
        names=names,
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
        return _page(selection, vis, file, other_names(analysis_of(ctx))).encode("utf-8")

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


def artifacts() -> list[Artifact | ArtifactFolder]:
    """The HTML views ``ogpgraph build`` writes, and the resource pages (:mod:`.site`)."""
    from ogpgraph.core.artifacts import Artifact
    from ogpgraph.pages.site import site_artifact

    found = [
        Artifact(
            "index.html",
            _index,
            "the dashboard: coverage heat map, gaps, recommendations, links to the graph views",
        )
    ]
    for file, (view, _short) in GRAPH_PAGES.items():
        found.append(Artifact(file, _graph_page(file), f"interactive graph view: {view}"))
    found.append(
        Artifact(
            REPORT_PAGE,
            _report_page,
            "the NIS recommendations: each assessor's status and links side by side",
        )
    )
    found.append(
        Artifact(
            "timeline.html",
            _timeline_page,
            "the action plans and NIS assessments over time, with every fact's sources",
        )
    )
    found.append(
        Artifact(
            "ontology.html",
            _ontology,
            "the vocabulary: every class and property, with an example query each",
        )
    )
    return [*found, site_artifact()]


def _report_page(ctx: BuildContext) -> bytes:
    from ogpgraph.pages.report import report_page

    return report_page(analysis_of(ctx)).encode("utf-8")


def _timeline_page(ctx: BuildContext) -> bytes:
    from ogpgraph.pages.timeline import timeline_page

    return timeline_page(analysis_of(ctx)).encode("utf-8")


def _ontology(ctx: BuildContext) -> bytes:
    from ogpgraph.pages.ontology import ontology_page

    return ontology_page(ctx.kg).encode("utf-8")
