"""The notebook API: ``ogpgraph.load()`` and what a researcher does with it in Python or Jupyter.

    >>> import ogpgraph
    >>> og = ogpgraph.load()
    >>> rows = og.query("SELECT ?id WHERE { ?c a ogp:Commitment ; dcterms:identifier ?id ; "
    ...                 "ogp:inActionPlan/ogp:actionPlanNumber 1 }")
    >>> sorted(row["id"] for row in rows)
    ['commitment-1', 'commitment-2', 'commitment-3', 'commitment-4']
    >>> og.stored("commitments").columns[:3]
    ['id', 'item', 'label']
    >>> og.coverage().rows[0]
    'https://w3id.org/ogpgraph/nz/commitment/1'
    >>> sorted({gap["kind"] for gap in og.gaps("recommendation-not-met")})
    ['recommendation-not-met']
    >>> og.view.number_of_nodes() > 100
    True

Everything reads one Oxigraph store (:class:`~ogpgraph.dataset.store.KnowledgeGraph`, ``og.kg``):
SPARQL with the usual prefixes predeclared, the stored queries by name, coverage and gaps as
the CLI computes them, the NetworkX projection (``og.view``), an rdflib ``Dataset`` over the
same store (:meth:`Graph.rdflib`, through oxrdflib when it is installed, with the union of the
named graphs as its default graph), and pyvis networks of any selection (:meth:`Graph.to_pyvis`).
``Rows.to_dataframe()`` needs pandas (``pip install 'ogpgraph[notebook]'``).

May import: :mod:`ogpgraph.core`, :mod:`ogpgraph.model`, :mod:`ogpgraph.dataset`,
:mod:`ogpgraph.analysis`, :mod:`ogpgraph.pages`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas
    import pyvis.network
    import rdflib

    from ogpgraph.analysis.coverage import Coverage
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph


class Rows(list[dict[str, Any]]):
    """Rows of a query: a list of dicts (variable -> Python value), with the variables in order
    (:attr:`columns`) and :meth:`to_dataframe`."""

    def __init__(self, rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> None:
        super().__init__(dict(row) for row in rows)
        self.columns: list[str] = list(columns)

    def to_dataframe(self) -> pandas.DataFrame:
        """The rows as a pandas ``DataFrame`` (columns in the query's order). A column whose
        values are all numbers (``xsd:decimal`` arrives as :class:`~decimal.Decimal`) is
        numeric: ``float64``, or ``Int64`` when every value is an integer (blanks as ``<NA>``).

        Raises:
            ImportError: pandas is not installed (``pip install 'ogpgraph[notebook]'``).
        """
        try:
            import pandas
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError(
                "to_dataframe() needs pandas: pip install 'ogpgraph[notebook]'"
            ) from None
        from decimal import Decimal

        frame = pandas.DataFrame(list(self), columns=self.columns)
        for column in frame.columns:
            values = [v for v in frame[column] if v is not None and v == v]  # not None or NaN
            if not values or not all(
                isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in values
            ):
                continue
            if all(
                isinstance(v, int) or (isinstance(v, Decimal) and v == v.to_integral_value())
                for v in values
            ) and all(not isinstance(v, float) for v in values):
                frame[column] = pandas.array(
                    [None if v is None or v != v else int(v) for v in frame[column]], dtype="Int64"
                )
            else:
                frame[column] = pandas.to_numeric(
                    [None if v is None else float(v) for v in frame[column]], errors="coerce"
                )
        return frame

    def _repr_html_(self) -> str:
        """A table in Jupyter (escaped; the first 50 rows)."""
        from html import escape

        head = "".join(f"<th>{escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{escape(str(row.get(c, '') or ''))}</td>" for c in self.columns)
            + "</tr>"
            for row in self[:50]
        )
        more = f"<p>{len(self) - 50:,} more rows</p>" if len(self) > 50 else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def load(root: str | Path | None = None, **options: Any) -> Graph:
    """Load a project's graph (default: the project found from the current folder, as the CLI
    finds it). ``options`` go to :meth:`KnowledgeGraph.load` (e.g. ``store_dir``)."""
    from ogpgraph.dataset.store import KnowledgeGraph

    return Graph(KnowledgeGraph.load(root, **options))


class Graph:
    """One loaded graph and what can be asked of it (see the module's example)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        from ogpgraph.analysis.state import Analysis

        self.kg = kg
        self._analysis: Analysis = Analysis.of(kg)

    def __repr__(self) -> str:
        return f"<ogpgraph.Graph: {len(self.kg):,} triples in {len(self.kg.graph_names())} named graphs>"

    # ------------------------------------------------------------------------------ SPARQL
    def query(self, sparql: str, **bindings: Any) -> Rows:
        """Rows of a SELECT (the predeclared prefixes ogp:, nz:, dcterms:, skos:… may be used;
        ``bindings`` bind variables to values, never pasted into the text).

        >>> load().query("SELECT ?n WHERE { ?c ogp:commitmentNumber ?n } ORDER BY ?n LIMIT 1")
        [{'n': 1}]
        """
        from ogpgraph.core.namespaces import PREFIXES
        from ogpgraph.core.values import python_value

        result = self.kg.query(sparql, bindings=bindings or None, prefixes=PREFIXES)
        names = [v.value for v in result.variables]
        return Rows(
            (dict(zip(names, map(python_value, row))) for row in result),
            names,
        )

    def stored(self, name: str, **params: Any) -> Rows:
        """Rows of a stored query (``ogpgraph query --list``) by name, with its parameters, as
        ``ogpgraph query --name NAME --param …`` gives them: a text value is read as the CLI
        reads it (an IRI, ``prefix:name``, a short identifier such as ``commitment-3``, a
        number, or text), a required parameter must be given, and an unknown one is refused.

        >>> len(load().stored("sources-of-fact", fact="commitment-3")) > 0
        True

        Raises:
            QueryError: a required parameter missing, or an unknown one.
            OgpgraphError: an identifier that is not in the graph (with suggestions).
        """
        from ogpgraph.core.errors import QueryError
        from ogpgraph.core.namespaces import PREFIXES
        from ogpgraph.core.queries import get_stored
        from ogpgraph.dataset.resolve import resolve_term

        stored = get_stored(name)
        given = {key.lstrip("?$"): value for key, value in params.items()}
        unknown = sorted(set(given) - set(stored.params))
        if unknown:
            takes = ", ".join(stored.params) or "no parameters"
            raise QueryError(f"the stored query {name!r} takes {takes}, not {', '.join(unknown)}")
        missing = stored.missing(given)
        if missing:
            example = ", ".join(f"{m}=…" for m in missing)
            raise QueryError(
                f"{stored.missing_message(missing)}: give {example}; it would otherwise run "
                "over every resource"
            )
        bindings = {
            key: resolve_term(self.kg, value, PREFIXES) if isinstance(value, str) else value
            for key, value in given.items()
        }
        return self.query(stored.text, **bindings)

    # ---------------------------------------------------------------------------- analysis
    @property
    def view(self) -> nx.MultiDiGraph:
        """The NetworkX projection (nodes: IRIs with ``kind``, ``label``…; edges: ``relation``)."""
        return self._analysis.view

    def coverage(self, level: str = "commitment", plan: int | str | None = None) -> Coverage:
        """The coverage matrix (``commitment``, ``result`` or ``all``), as ``ogpgraph coverage``;
        ``plan``: one action plan's number, or ``"all"``, as ``--plan``."""
        from ogpgraph.analysis.coverage import coverage

        return coverage(self._analysis, level, plan=plan)

    def gaps(self, *kinds: str, plan: int | str | None = None) -> Rows:
        """The gap findings (of ``kinds``, default every kind), as ``ogpgraph gaps``; ``plan``
        as ``--plan``."""
        from ogpgraph.analysis.gaps import GAP_FIELDS, find_gaps

        found = find_gaps(self._analysis, list(kinds) or None, plan=plan)
        columns = [field.split("=")[0] for field in GAP_FIELDS]
        return Rows((gap.as_dict(GAP_FIELDS) for gap in found), columns)

    # ------------------------------------------------------------------------------ rdflib
    def rdflib(self) -> rdflib.Dataset:
        """An rdflib ``Dataset`` with the named graphs, whose default graph is their union (so
        ``ds.query("SELECT * WHERE { ?s ?p ?o }")`` sees everything). Backed by this Oxigraph
        store through oxrdflib when it is installed (no copy), else a copy."""
        import rdflib

        try:
            from oxrdflib import OxigraphStore
        except ImportError:
            copy = self.kg.to_rdflib(union=False)
            assert isinstance(copy, rdflib.Dataset)
            copy.default_union = True
            return copy
        return rdflib.Dataset(store=OxigraphStore(store=self.kg.store), default_union=True)

    # ------------------------------------------------------------------------------- pyvis
    def to_pyvis(
        self,
        selection: str = "recommendations",
        *,
        around: str | None = None,
        depth: int = 1,
        height: str = "640px",
    ) -> pyvis.network.Network:
        """A pyvis ``Network`` of a selection, for Jupyter (``net.show("x.html")`` or
        ``net.generate_html()``): one of the pages' views (``coverage``, ``recommendations``,
        ``agencies``, ``whole``) or the neighbourhood ``around`` a node (an identifier such as
        ``commitment-3``, or an IRI) to ``depth``. Nodes and edges keep the pages' colours,
        labels and tooltips; the vis-network script is inlined, so it works offline. (The
        exported pages keep their own, faster drawing: :mod:`ogpgraph.pages`.)"""
        from pyvis.network import Network

        from ogpgraph.dataset.resolve import resolve_id
        from ogpgraph.pages.selections import around as around_view
        from ogpgraph.pages.selections import named_view
        from ogpgraph.pages.style import EDGE_STYLES, kind_style
        from ogpgraph.pages.visdata import to_vis

        if around is not None:
            chosen = around_view(self._analysis, resolve_id(self.kg, around), depth)
        else:
            chosen = named_view(self._analysis, selection)
        vis = to_vis(chosen.graph, focus=chosen.focus, layers=chosen.layers)
        net = Network(
            height=height,
            width="100%",
            directed=True,
            notebook=True,
            cdn_resources="in_line",
            heading="",
        )
        for node in vis.nodes:
            look = kind_style(node.get("group", "other"))
            attrs: dict[str, Any] = {
                "label": node["label"],
                "title": node.get("title", ""),
                "color": node.get("color") or look.color,
                "shape": look.shape,
                "font": {"size": FONT_SIZE},
            }
            if node.get("x") is not None and node.get("y") is not None:
                # the pages' layered placement, spread out: pyvis draws labels below the
                # shapes at vis-network's default sizes, which need more room than the pages'
                attrs.update(x=node["x"] * SPREAD[0], y=node["y"] * SPREAD[1], physics=False)
            net.add_node(node["id"], **attrs)
        for edge in vis.edges:
            line = EDGE_STYLES.get(edge.get("s", ""))
            net.add_edge(
                edge["from"],
                edge["to"],
                title=edge.get("title", ""),
                label=edge.get("label", ""),
                **(line.vis() if line is not None else {}),
            )
        net.toggle_physics(False)
        _offline(net)
        return net


#: how much further apart :meth:`Graph.to_pyvis` places nodes than the pages do (x, y)
SPREAD = (1.2, 1.9)

#: the label size of :meth:`Graph.to_pyvis` nodes, in the drawing's units (legible at its fit)
FONT_SIZE = 20

#: the page template of :meth:`Graph.to_pyvis`: pyvis's own with the scripts always inlined and
#: no Bootstrap or other CDN link (pyvis's includes them whatever ``cdn_resources`` says)
TEMPLATE = "pyvis-offline.html"


def _offline(net: Any) -> None:
    """Make a pyvis network render :data:`TEMPLATE` (beside this module; pyvis's own templates
    directory still serves the scripts it inlines)."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader

    net.templateEnv = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(Path(__file__).parent)), FileSystemLoader(net.template_dir)]
        )
    )
    net.path = TEMPLATE
    net.template = net.templateEnv.get_template(TEMPLATE)
