"""The NetworkX view: a projection of the dataset onto the things users reason about.

Nodes are commitments, focus areas, results, case studies, organisations, OGP values, grand
challenges, NIS recommendations, pillars, initiatives and documents, each with ``kind``,
``label``, ``iri``, ``description`` and ``sources``. Edges carry a ``relation`` (claims,
demonstrates, illustrates, leads, contributes, part-of, focuses-on, responds-to, addresses, …)
and the named ``graph`` (source) they came from. It is built from a few SPARQL queries — never
from every triple — and coverage, gaps, centrality and the HTML views all use it.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import namespaces as ns

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from .store import KnowledgeGraph

#: class IRI (local name in ogp:) -> node kind
KINDS: dict[str, str] = {
    ns.OGP + "Commitment": "commitment",
    ns.OGP + "FocusArea": "focus-area",
    ns.OGP + "Result": "result",
    ns.OGP + "ResultArea": "result-area",
    ns.OGP + "CaseStudy": "case-study",
    ns.OGP + "GovernmentAgency": "organisation",
    ns.OGP + "CivilSocietyOrganisation": "organisation",
    ns.OGP + "BusinessOrganisation": "organisation",
    ns.OGP + "ResearchOrganisation": "organisation",
    ns.OGP + "InternationalOrganisation": "organisation",
    ns.OGP + "Group": "organisation",
    ns.ORG + "Organization": "organisation",
    ns.ORG + "OrganizationalUnit": "organisation",
    ns.OGP + "Recommendation": "recommendation",
    ns.OGP + "RecommendationPart": "recommendation",
    ns.OGP + "Pillar": "pillar",
    ns.OGP + "Initiative": "initiative",
    ns.OGP + "IntegrityAssessment": "document",
    ns.OGP + "Document": "document",
    ns.OGP + "Event": "event",
    ns.OGP + "Consultation": "event",
    ns.OGP + "ActionPlan": "action-plan",
}

#: the kinds of node, in the order legends list them
NODE_KINDS = (
    "commitment", "focus-area", "result", "result-area", "case-study", "principle", "challenge",
    "recommendation", "pillar", "initiative", "organisation", "document", "event", "action-plan",
)

_NODES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
SELECT ?node ?class ?label ?id ?order ?description ?source ?sourceTitle ?pageStart ?pageEnd ?graph ?scheme WHERE {
  {
    GRAPH ?graph { ?node a ?class }
    VALUES ?class { %CLASSES% }
  } UNION {
    ?node skos:inScheme ?scheme .
    VALUES ?scheme { <https://w3id.org/ogpgraph/vocab/value> <https://w3id.org/ogpgraph/vocab/challenge> }
    GRAPH ?graph { ?node a skos:Concept }
  }
  OPTIONAL { ?node rdfs:label|skos:prefLabel ?label }
  OPTIONAL { ?node dcterms:identifier ?id }
  OPTIONAL { ?node ogp:listOrder ?order }
  OPTIONAL { ?node dcterms:description|skos:definition ?description }
  OPTIONAL { ?node dcterms:source ?source .
             OPTIONAL { ?source rdfs:label ?sourceTitle }
             OPTIONAL { ?source ogp:pageStart ?pageStart } OPTIONAL { ?source ogp:pageEnd ?pageEnd } }
}
"""

_EDGES = """
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?p ?o ?graph WHERE {
  GRAPH ?graph { ?s ?p ?o }
  VALUES ?p { ogp:leadAgency ogp:contributingAgency ogp:participant ogp:champion
              ogp:supportingOrganisation ogp:illustrates ogp:demonstrates ogp:focusOf
              ogp:focusesOn ogp:partOfProgramme ogp:resultArea ogp:respondsTo ogp:touchesPillar
              ogp:recommendedBy ogp:inActionPlan ogp:relatedTo skos:broader org:subOrganizationOf
              ogp:about ogp:assessedPillar }
}
"""

_CLAIMS = """
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?claim ?claimant ?concept ?relevant ?table ?source ?sourceTitle ?quote ?graph WHERE {
  GRAPH ?graph { ?claim a ogp:RelevanceClaim ; ogp:claimant ?claimant ; ogp:concept ?concept ;
                         ogp:isRelevant ?relevant . }
  OPTIONAL { ?claim ogp:inTable ?table }
  OPTIONAL { ?claim ogp:quote ?quote }
  OPTIONAL { ?claim dcterms:source ?source . OPTIONAL { ?source rdfs:label ?sourceTitle } }
}
"""

_LINKS = """
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?link ?rec ?target ?relation ?status ?rationale ?asserter ?at ?graph ?evidence WHERE {
  GRAPH ?graph { ?link a ogp:RecommendationLink ; ogp:recommendation ?rec ; ogp:linkedTo ?target ;
                        ogp:linkRelation ?rel . }
  ?rel skos:notation ?relation .
  OPTIONAL { ?link ogp:assessedStatus/skos:notation ?status }
  OPTIONAL { ?link ogp:rationale ?rationale }
  OPTIONAL { ?link prov:wasAttributedTo ?asserter }
  OPTIONAL { ?link dcterms:date ?at }
  OPTIONAL { ?link ogp:evidenceSource ?evidence }
}
"""

#: predicate -> (relation name, reverse the direction?) ; organisations point at what they do
RELATIONS: dict[str, tuple[str, bool]] = {
    ns.OGP + "leadAgency": ("leads", True),
    ns.OGP + "contributingAgency": ("contributes", True),
    ns.OGP + "participant": ("contributes", True),
    ns.OGP + "champion": ("champions", True),
    ns.OGP + "supportingOrganisation": ("supports", True),
    ns.OGP + "illustrates": ("illustrates", False),
    ns.OGP + "demonstrates": ("demonstrates", False),
    ns.OGP + "focusOf": ("part-of", False),
    ns.OGP + "focusesOn": ("focuses-on", False),
    ns.OGP + "partOfProgramme": ("part-of", False),
    ns.OGP + "resultArea": ("in-area", False),
    ns.OGP + "respondsTo": ("responds-to", False),
    ns.OGP + "touchesPillar": ("touches", False),
    ns.OGP + "recommendedBy": ("recommended-by", False),
    ns.OGP + "inActionPlan": ("part-of", False),
    ns.OGP + "relatedTo": ("related-to", False),
    ns.OGP + "about": ("about", False),
    ns.OGP + "assessedPillar": ("assesses", False),
    ns.SKOS + "broader": ("part-of", False),
    ns.ORG + "subOrganizationOf": ("unit-of", False),
}

GRAPH_SHORT = {
    ns.SEED_GRAPH: "report",
    ns.EXTERNAL_GRAPH: "external",
    ns.ONTOLOGY_GRAPH: "ontology",
}


def graph_short(graph: str) -> str:
    """``report``, ``external``, ``links/tinz``… for a named graph IRI."""
    if graph in GRAPH_SHORT:
        return GRAPH_SHORT[graph]
    return graph[len(ns.GRAPH):] if graph.startswith(ns.GRAPH) else graph


#: per-relation adjacency of each built view, outside the graph so that the graph has no cycle
#: back to itself (it is freed as soon as it is dropped) and a subgraph view, a different
#: object, never uses the index of its parent
_INDEX: weakref.WeakKeyDictionary[Any, tuple[dict[str, Any], dict[str, Any]]] = (
    weakref.WeakKeyDictionary())


def _index(g: nx.MultiDiGraph, triples: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
    """Record the per-relation adjacency of a view from its (u, v, attrs) edges."""
    out: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
    into: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
    for u, v, attrs in triples:
        relation = attrs["relation"]
        out.setdefault(relation, {}).setdefault(u, []).append((v, attrs))
        into.setdefault(relation, {}).setdefault(v, []).append((u, attrs))
    _INDEX[g] = (out, into)


class _ShortNames(dict):  # type: ignore[type-arg]
    """A memo of :func:`graph_short`."""

    def __call__(self, graph: str) -> str:
        found = self.get(graph)
        if found is None:
            found = self[graph] = graph_short(graph)
        return found


_MEMBER = re.compile(r"^" + re.escape(ns.BASE) + r"([a-z]{2,3})/")


def member_of(iri: str) -> str:
    """The OGP member an instance belongs to, from the IRI policy (``…/nz/commitment/3`` → ``nz``);
    empty for shared things (values, challenges, pillars, sources)."""
    match = _MEMBER.match(iri)
    return match.group(1) if match else ""


def check_member(g: nx.MultiDiGraph, member: str | None) -> str | None:
    """The member code in lower case, or an error naming the known ones.

    Raises:
        OgpgraphError: when no node of the view belongs to ``member``.
    """
    if not member:
        return None
    from .errors import OgpgraphError

    known = sorted({m for _n, m in g.nodes(data="member") if m})
    if member.lower() not in known:
        raise OgpgraphError(f"unknown member {member!r}",
                            hint="Known members (country codes): " + (", ".join(known) or "none"))
    return member.lower()


def _pages(start: Any, end: Any) -> str:
    if start is None:
        return ""
    if end is None or end == start:
        return f"p. {start}"
    return f"pp. {start}–{end}"


def build_view(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Project the dataset into a NetworkX ``MultiDiGraph`` (cached on ``kg``).

    Node keys are IRIs. Edge attributes: ``relation``, ``graph`` (named graph IRI), ``source``
    (short graph name), and for claims ``relevant``, ``in_table``, ``source_section``; for links
    ``asserted_by``, ``status``, ``rationale``. Claims with ``relevant`` False (blank table
    cells) are kept as edges with ``relation='not-claimed'`` so conflicts stay visible.

    Side effect: the view is built with the cyclic garbage collector paused and then frozen
    (``gc.freeze()``), since it lives as long as the command; a long-running process that builds
    many views can call ``gc.unfreeze()`` afterwards.
    """
    cached = getattr(kg, "_view", None)
    if cached is not None:
        return cached
    import networkx as nx

    cache = _cache_path(kg)
    if cache is not None and cache.is_file():
        import pickle

        try:
            with open(cache, "rb") as handle:
                kg._view = pickle.load(handle)  # type: ignore[attr-defined]
            _index(kg._view, kg._view.edges(data=True))  # type: ignore[attr-defined]
            import gc

            gc.freeze()  # as below
            return kg._view  # type: ignore[attr-defined]
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a damaged cache is rebuilt below

    import gc

    # Building ~10^5 small dicts triggers the cyclic collector again and again, each pass walking
    # everything allocated so far; none of it is garbage, so pause it while building.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        g = _build(kg, nx)
    finally:
        if was_enabled:
            gc.enable()
    # The view lives as long as the command: keep the collector from walking it again and again
    # while coverage and gaps allocate their findings (at a million triples this saves a second;
    # what is alive now is moved to the permanent generation, see gc.freeze).
    gc.freeze()
    kg._view = g  # type: ignore[attr-defined]
    if cache is not None:
        import pickle

        from .output import write_atomic

        write_atomic(cache, pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL))
    return g


def _cache_path(kg: KnowledgeGraph) -> Path | None:
    """With a persistent store (``--store DIR``) the view is cached beside it, keyed by the
    input files' fingerprint and this module's code, so a repeated command skips building it.
    The store folder is a cache the user owns: only ogpgraph writes it."""
    if kg.cache_dir is None or not kg.cache_key:
        return None
    import hashlib

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return kg.cache_dir / f"view-{kg.cache_key[:16]}-{code}.pickle"


def _build(kg: KnowledgeGraph, nx: Any) -> nx.MultiDiGraph:
    """The projection itself (see :func:`build_view`): rows are unpacked by position."""
    classes = " ".join(f"<{c}>" for c in KINDS)
    short = _ShortNames()
    nodes: dict[str, dict[str, Any]] = {}
    for (node, cls, label, ident, order, description, source, source_title, page_start,
         page_end, graph, scheme) in kg.select_tuples(_NODES.replace("%CLASSES%", classes)):
        attrs = nodes.get(node)
        if attrs is None:
            if scheme:
                kind = "principle" if scheme.endswith("/value") else "challenge"
            else:
                kind = KINDS[cls]
            attrs = nodes[node] = {
                "iri": node, "kind": kind, "label": label or node, "id": ident or "",
                "member": member_of(node), "order": int(order) if order is not None else 0,
                "description": description or "", "graphs": set(), "sources": set(),
                "source_iris": set()}
        else:
            if label and attrs["label"] == node:
                attrs["label"] = label
            if description and not attrs["description"]:
                attrs["description"] = description
            if ident and not attrs["id"]:
                attrs["id"] = ident
        attrs["graphs"].add(short(graph))
        if source:
            attrs["source_iris"].add(source)
        if source_title:
            pages = _pages(page_start, page_end)
            attrs["sources"].add(source_title + (f" ({pages})" if pages else ""))
    for attrs in nodes.values():
        attrs["graphs"] = sorted(attrs["graphs"])
        attrs["sources"] = sorted(attrs["sources"])
        attrs["source_iris"] = sorted(attrs["source_iris"])
    edge_list: list[tuple[str, str, str, dict[str, Any]]] = []

    def add(u: str, v: str, key: str, attrs: dict[str, Any]) -> None:
        edge_list.append((u, v, key, attrs))

    for subject, predicate, obj, graph in kg.select_tuples(_EDGES):
        relation, reverse = RELATIONS[predicate]
        u, v = (obj, subject) if reverse else (subject, obj)
        if u in nodes and v in nodes:
            source = short(graph)
            add(u, v, f"{relation}|{source}", {"relation": relation, "graph": graph, "source": source})
    for (claim, claimant, concept, relevant_text, table, source_iri, source_title, quote,
         graph) in kg.select_tuples(_CLAIMS):
        if claimant not in nodes or concept not in nodes:
            continue
        relevant = relevant_text in ("true", "1")
        relation = "claims" if relevant else "not-claimed"
        add(claimant, concept, f"{relation}|{claim}", {
            "relation": relation, "relevant": relevant, "in_table": table is not None,
            "claim": claim, "source_section": source_title or source_iri or "",
            "source_iri": source_iri or "", "quote": quote or "", "graph": graph,
            "source": short(graph)})
    for (link, rec, target, relation, status, rationale, _asserter, at, graph,
         evidence) in kg.select_tuples(_LINKS):
        if target not in nodes or rec not in nodes:
            continue
        source = short(graph)
        add(target, rec, f"{relation}|{link}", {
            "relation": relation, "link": link, "asserted_by": source.replace("links/", ""),
            "status": status or "", "rationale": rationale or "", "evidence": evidence or "",
            "at": at or "", "graph": graph, "source": source})
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes.items())
    _add_edges(g, edge_list)
    _index(g, ((u, v, attrs) for u, v, _key, attrs in edge_list))
    return g


def _add_edges(g: nx.MultiDiGraph, edge_list: list[tuple[str, str, str, dict[str, Any]]]) -> None:
    """``g.add_edges_from(edge_list)`` without its per-edge overhead (a third of the projection
    at a million triples): fill the adjacency the way ``MultiDiGraph.add_edge`` does, one shared
    key dict per (u, v) in both ``_succ`` and ``_pred``. Falls back to ``add_edges_from`` if a
    future networkx lays its graph out differently; tests check both give the same graph."""
    succ, pred = getattr(g, "_succ", None), getattr(g, "_pred", None)
    if not (isinstance(succ, dict) and isinstance(pred, dict) and g.number_of_edges() == 0
            and g.edge_key_dict_factory is dict and g.edge_attr_dict_factory is dict):
        g.add_edges_from(edge_list)
        return
    for u, v, key, attrs in edge_list:
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}
        if key in keydict:
            keydict[key].update(attrs)
        else:
            keydict[key] = attrs
    if hasattr(nx_cache := getattr(g, "__networkx_cache__", None), "clear"):
        nx_cache.clear()


def nodes_of_kind(g: nx.MultiDiGraph, *kinds: str) -> list[str]:
    """Node keys of the given kinds, sorted by label."""
    return sorted((n for n, k in g.nodes(data="kind") if k in kinds), key=lambda n: sort_key(g, n))


def sort_key(g: nx.MultiDiGraph, node: str) -> tuple[Any, ...]:
    """Natural order: by kind, then member (New Zealand first), then number, then label."""
    attrs = g.nodes[node]
    order = NODE_KINDS.index(attrs["kind"]) if attrs["kind"] in NODE_KINDS else 99
    ident = attrs.get("id") or ""
    number = re.search(r"(\d+)", ident)
    member = attrs.get("member", "")
    return (order, member != "nz", member, int(number.group(1)) if number else 0, ident,
            attrs["label"])


def edges(g: nx.MultiDiGraph, relation: str, source: str | None = None, target: str | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """Edges with a relation, optionally from ``source`` or to ``target``."""
    index = _INDEX.get(g)
    if index is not None:
        out, into = index
        if source is not None:
            return [(source, v, d) for v, d in out.get(relation, {}).get(source, ())]
        if target is not None:
            return [(u, target, d) for u, d in into.get(relation, {}).get(target, ())]
    if source is not None:
        found = [(source, v, d) for _, v, d in g.out_edges(source, data=True)]
    elif target is not None:
        found = [(u, target, d) for u, _, d in g.in_edges(target, data=True)]
    else:
        found = list(g.edges(data=True))
    return [(u, v, d) for u, v, d in found if d["relation"] == relation]


def edges_with(g: nx.MultiDiGraph, *relations: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every edge with one of the relations (through the index when the graph has one)."""
    index = _INDEX.get(g)
    if index is not None:
        out = index[0]
        return [(u, v, d) for relation in relations
                for u, targets in out.get(relation, {}).items() for v, d in targets]
    wanted = set(relations)
    return [(u, v, d) for u, v, d in g.edges(data=True) if d["relation"] in wanted]


def simple_view(g: nx.MultiDiGraph) -> nx.Graph:
    """An undirected simple graph of who works with what, for centrality.

    OGP values and grand challenges are left out: every commitment and case study touches them,
    so they would make everything look connected through them rather than through the agencies,
    initiatives and recommendations that really link parts of the plan.
    """
    import networkx as nx

    skip = {"principle", "challenge"}
    simple = nx.Graph()
    simple.add_nodes_from((n, d) for n, d in g.nodes(data=True) if d["kind"] not in skip)
    simple.add_edges_from((u, v) for u, v in g.edges() if u in simple and v in simple)
    return simple
