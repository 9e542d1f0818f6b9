"""A SPARQL result as a graph to draw: a CONSTRUCT's triples, or a SELECT's node and edge columns.

- CONSTRUCT (or DESCRIBE): every triple between two resources is an edge named after its
  predicate; ``rdfs:label``, ``skos:prefLabel`` or ``dcterms:title`` literals label their subject,
  ``dcterms:description`` or ``skos:definition`` describe it; other literals are left out.
- SELECT: a ``?source`` column (or ``?s``, ``?from``, ``?subject``, ``?node``), optionally a
  ``?target`` column (``?o``, ``?to``, ``?object``) and a ``?relation`` column (``?p``,
  ``?predicate``). Each row is a node, or an edge when it has a target.

Resources that are nodes of the NetworkX view keep its kind, label, description and sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.projection import RELATIONS
from ogpgraph.analysis.state import Analysis
from ogpgraph.core.errors import QueryError
from ogpgraph.pages.selections import Selection

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ogpgraph.dataset.store import KnowledgeGraph

LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
)
DESCRIPTIONS = (
    "http://purl.org/dc/terms/description",
    "http://www.w3.org/2004/02/skos/core#definition",
)
SOURCE_COLUMNS = ("source", "s", "from", "subject", "node")
TARGET_COLUMNS = ("target", "o", "to", "object")
RELATION_COLUMNS = ("relation", "p", "predicate")


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            iri = iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri


def _relation(predicate: str) -> str:
    return RELATIONS[predicate][0].value if predicate in RELATIONS else _local(predicate)


def _resource(term: Any) -> str | None:
    """An IRI or blank-node id for a node term; None for a literal or an unbound cell."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return None


def _ensure(h: nx.MultiDiGraph, view: nx.MultiDiGraph, node: str) -> None:
    if node in h:
        return
    if node in view:
        h.add_node(node, **view.nodes[node])
    else:
        h.add_node(
            node,
            iri=node,
            kind="other",
            label=_local(node) or node,
            id="",
            description="",
            sources=[],
            graphs=[],
        )


def from_query(source: KnowledgeGraph | Analysis, text: str, *, name: str = "query") -> Selection:
    """Run a CONSTRUCT or SELECT and turn its result into a :class:`Selection`.

    Raises:
        QueryError: an ASK query, or a SELECT without a node column.
    """
    import networkx as nx
    import pyoxigraph as ox

    analysis = Analysis.of(source)
    kg = analysis.kg
    view = analysis.view
    result = kg.query(text)
    h = nx.MultiDiGraph()
    skipped = 0
    if isinstance(result, ox.QueryBoolean):
        raise QueryError("an ASK query has no graph to draw: use CONSTRUCT or SELECT")
    if isinstance(result, ox.QueryTriples):
        labels: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for triple in result:
            s = _resource(triple.subject)
            o = _resource(triple.object)
            p = triple.predicate.value
            if s is None:
                continue
            if o is None:
                if p in LABELS:
                    labels.setdefault(s, triple.object.value)
                elif p in DESCRIPTIONS:
                    descriptions.setdefault(s, triple.object.value)
                continue
            _ensure(h, view, s)
            _ensure(h, view, o)
            relation = _relation(p)
            h.add_edge(s, o, key=p, relation=relation, source="query")
        for node, label in labels.items():
            _ensure(h, view, node)
            if h.nodes[node]["kind"] == "other":
                h.nodes[node]["label"] = label
        for node, description in descriptions.items():
            if node in h and not h.nodes[node].get("description"):
                h.nodes[node]["description"] = description
    else:
        names = [v.value for v in result.variables]
        source_col = next((c for c in SOURCE_COLUMNS if c in names), None)
        target_col = next((c for c in TARGET_COLUMNS if c in names), None)
        relation_col = next((c for c in RELATION_COLUMNS if c in names), None)
        if source_col is None:
            raise QueryError(
                "a SELECT to draw needs a node column: ?source (or ?s, ?from, ?subject, ?node), "
                "optionally with ?target (?o, ?to, ?object) and ?relation (?p, ?predicate); "
                f"this one has: {', '.join('?' + n for n in names) or 'no columns'}"
            )
        for row in result:
            s = _resource(row[source_col])
            o = _resource(row[target_col]) if target_col else None
            if s is None or (target_col and row[target_col] is not None and o is None):
                skipped += 1
                continue
            _ensure(h, view, s)
            if o is None:
                continue
            _ensure(h, view, o)
            rel_term = row[relation_col] if relation_col else None
            rel = (
                _relation(rel_term.value)
                if isinstance(rel_term, ox.NamedNode)
                else str(rel_term.value)
                if rel_term is not None
                else "related"
            )
            h.add_edge(s, o, key=rel, relation=rel, source="query")
    note = f"{skipped} row(s) whose node columns held literals were left out." if skipped else ""
    return Selection(
        name,
        "Query result",
        f"The result of a SPARQL query: {h.number_of_nodes()} resources and "
        f"{h.number_of_edges()} relations.",
        h,
        note=note,
    )
