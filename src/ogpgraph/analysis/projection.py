"""The NetworkX view: a projection of the dataset onto the things users reason about.

Nodes are commitments, focus areas, results, case studies, organisations, OGP values, grand
challenges, NIS recommendations, pillars, initiatives and documents, each with ``kind``,
``label``, ``iri``, ``description`` and ``sources``. Edges carry a ``relation`` (claims,
demonstrates, illustrates, leads, contributes, part-of, focuses-on, responds-to, addresses, …)
and the named ``graph`` (source) they came from. It is built from a few SPARQL queries — never
from every triple — and coverage, gaps, centrality and the HTML views all use it.

The kinds, the classes they come from, the relations and their predicates are those of
:mod:`ogpgraph.model`; the view's attributes hold their plain string values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ogpgraph.core import namespaces as ns
from ogpgraph.core.guard import Trusted
from ogpgraph.model import CLASSES, PREDICATES, SCHEMES, Kind, Relation, as_relation
from ogpgraph.model.names import Name

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ogpgraph.dataset.store import KnowledgeGraph

#: class IRI -> node kind (from the model: :data:`ogpgraph.model.CLASSES`)
KINDS: dict[str, Kind] = dict(CLASSES)

#: the kinds of node, in the order legends list them
NODE_KINDS: tuple[Kind, ...] = tuple(Kind)

#: predicate -> (relation, reverse the direction?) ; organisations point at what they do (from
#: the model: :data:`ogpgraph.model.PREDICATES`)
RELATIONS: dict[str, tuple[Relation, bool]] = {
    predicate: (found, found.reverse) for predicate, found in PREDICATES.items()
}

_CLAIMS_VALUE, _NOT_CLAIMED_VALUE = Relation.CLAIMS.value, Relation.NOT_CLAIMED.value


class Scope(Name):
    """What a view holds. ``FIRST_PLAN`` (the default, what every export draws): everything but
    the resources that only the later sources' graphs (``graph/later/``: the plans after the
    first, the 2018 NIS update, organisations named only there) type. ``EVERY_PLAN``: those too,
    for the analyses scoped by plan (``--plan``; :mod:`ogpgraph.analysis.plans`)."""

    FIRST_PLAN = "first-plan"
    EVERY_PLAN = "every-plan"

    def admits(self, graph: str) -> bool:
        """Whether what a named graph types belongs in a view of this scope (the first plan's
        leaves out the later sources' graphs)."""
        return self is Scope.EVERY_PLAN or not graph.startswith(ns.LATER_GRAPH_PREFIX)


GRAPH_SHORT = {
    ns.SEED_GRAPH: "report",
    ns.EXTERNAL_GRAPH: "external",
    ns.ONTOLOGY_GRAPH: "ontology",
}


#: a named graph's short name (:func:`graph_short`) as a sentence says it
GRAPH_WORDS = {
    "report": "the self-assessment report",
    "external": "other public sources",
    "ontology": "the ontology and its vocabularies",
}


def graph_words(short: str) -> str:
    """Where a fact comes from, in words: ``links/tinz`` → "the recommendation links by TINZ"."""
    from ogpgraph.model import asserter_words

    if short in GRAPH_WORDS:
        return GRAPH_WORDS[short]
    if short.startswith("links/"):
        return f"the recommendation links by {asserter_words(short[len('links/') :])}"
    return short


def graph_short(graph: str) -> str:
    """``report``, ``external``, ``links/tinz``… for a named graph IRI."""
    if graph in GRAPH_SHORT:
        return GRAPH_SHORT[graph]
    return graph[len(ns.GRAPH) :] if graph.startswith(ns.GRAPH) else graph


#: Where a view built here keeps its per-relation adjacency: an attribute of the graph object
#: itself, made the first time :func:`edges` or :func:`edges_with` asks (agencies and the HTML
#: pages never need it). A subgraph view or a copy is another object without it, so it is
#: scanned rather than answered from its parent's index; the index refers to edge attribute
#: dicts only, never back to the graph, so a dropped view is freed at once.
_BUILT_MARK = "_ogpgraph_view"
_INDEX_ATTR = "_ogpgraph_index"


def _index(g: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The per-relation adjacency ``(out, into)`` of a view built here, None for other graphs."""
    attrs = getattr(g, "__dict__", None)
    if attrs is None:
        return None
    index = attrs.get(_INDEX_ATTR)
    if index is not None or not attrs.get(_BUILT_MARK):
        return index
    out: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
    into: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
    for u, targets in g.adjacency():
        for v, keydict in targets.items():
            for data in keydict.values():
                relation = data["relation"]
                by_source = out.get(relation)
                if by_source is None:
                    by_source, by_target = out[relation], into[relation] = {}, {}
                else:
                    by_target = into[relation]
                found = by_source.get(u)
                if found is None:
                    by_source[u] = [(v, data)]
                else:
                    found.append((v, data))
                found = by_target.get(v)
                if found is None:
                    by_target[v] = [(u, data)]
                else:
                    found.append((u, data))
    index = attrs[_INDEX_ATTR] = (out, into)
    return index


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
    from ogpgraph.core.errors import OgpgraphError

    known = sorted({m for _n, m in g.nodes(data="member") if m})
    if member.lower() not in known:
        raise OgpgraphError(
            f"unknown member {member!r}",
            hint="Known members (country codes): " + (", ".join(known) or "none"),
        )
    return member.lower()


def _pages(start: Any, end: Any) -> str:
    if start is None:
        return ""
    if end is None or end == start:
        return f"p. {start}"
    return f"pp. {start}–{end}"


def projection_queries() -> list[Trusted]:
    """The SPARQL queries the view is built from, in the order :func:`_build` runs them (the
    benchmarks time them alone against the whole projection)."""
    import pyoxigraph as ox

    from ogpgraph.core.queries import internal_query

    return [
        internal_query("projection-sources"),
        internal_query(
            "projection-nodes",
            {
                "class": [ox.NamedNode(c) for c in KINDS],
                "scheme": [ox.NamedNode(s) for s in SCHEMES],
            },
        ),
        internal_query("projection-edges", {"p": [ox.NamedNode(p) for p in RELATIONS]}),
        internal_query("projection-claims"),
        internal_query("projection-links"),
    ]


def build_view(kg: KnowledgeGraph, scope: Scope = Scope.FIRST_PLAN) -> nx.MultiDiGraph:
    """Project the dataset into a NetworkX ``MultiDiGraph`` (a new one on each call: the memoised
    one is :attr:`ogpgraph.analysis.state.Analysis.view`), holding what ``scope`` says
    (:class:`Scope`).

    Node keys are IRIs. Edge attributes: ``relation``, ``graph`` (named graph IRI), ``source``
    (short graph name), and for claims ``relevant``, ``in_table``, ``source_section``; for links
    ``asserted_by``, ``status``, ``rationale``, ``certainty`` (a notation of the certainty
    scheme, or empty) and ``note``. Claims with ``relevant`` False (blank table
    cells) are kept as edges with ``relation='not-claimed'`` so conflicts stay visible.

    With a persistent store the view is also cached on disk beside it (:func:`view_cache_key`).
    """
    import networkx as nx

    cache = _cache_path(kg, scope)
    if cache is not None and cache.is_file():
        import pickle

        try:
            with open(cache, "rb") as handle:
                view: nx.MultiDiGraph = pickle.load(handle)
                return view
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a damaged cache is rebuilt below
    g = _build(kg, nx, scope)
    if cache is not None:
        import pickle

        from ogpgraph.core.files import write_atomic

        write_atomic(cache, pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL))
    return g


#: the modules whose code decides what the view holds: this one, and what it reads the data with
VIEW_MODULES = (
    "ogpgraph.analysis.projection",
    "ogpgraph.core.namespaces",
    "ogpgraph.core.guard",
    "ogpgraph.core.engine",
    "ogpgraph.core.values",
    "ogpgraph.core.queries",
    "ogpgraph.dataset.store",
    "ogpgraph.dataset.resolve",
    "ogpgraph.model",
    "ogpgraph.model.positions",
    "ogpgraph.model.kinds",
    "ogpgraph.model.names",
    "ogpgraph.model.relations",
    "ogpgraph.model.statuses",
    "ogpgraph.model.organisations",
)

#: the queries the view is built from (their text decides what it holds, like the code above)
VIEW_QUERIES = (
    "projection-sources",
    "projection-nodes",
    "projection-edges",
    "projection-claims",
    "projection-links",
    "projection-organisation-kinds",
    "dataset-assessors",
)


def view_cache_inputs() -> dict[str, str]:
    """What a cached view depends on besides the data: the package version, the code of each of
    :data:`VIEW_MODULES`, the text of each of :data:`VIEW_QUERIES`, and the pyoxigraph and
    NetworkX versions."""
    import hashlib
    import importlib.util

    import networkx
    import pyoxigraph

    from ogpgraph import __version__

    inputs = {"ogpgraph": __version__, "pyoxigraph": pyoxigraph.__version__}
    inputs["networkx"] = networkx.__version__
    for module in VIEW_MODULES:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec is not None else None
        code = Path(origin).read_bytes() if origin else b""
        inputs[module] = hashlib.sha256(code).hexdigest()
    from ogpgraph.core.queries import get_internal

    for name in VIEW_QUERIES:
        inputs[name] = hashlib.sha256(get_internal(name).text.encode("utf-8")).hexdigest()
    return inputs


def view_cache_key(inputs: dict[str, str]) -> str:
    """A short digest of :func:`view_cache_inputs` (any change to one of them changes it)."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:12]


def _cache_path(kg: KnowledgeGraph, scope: Scope = Scope.FIRST_PLAN) -> Path | None:
    """With a persistent store (``--store DIR``) the view is cached beside it, keyed by the
    input files' fingerprint and :func:`view_cache_key`, so a repeated command skips building
    it. The store folder is a cache the user owns: only ogpgraph writes it."""
    if kg.cache_dir is None or not kg.cache_key:
        return None
    code = view_cache_key(view_cache_inputs())
    wide = "" if scope == Scope.FIRST_PLAN else f"-{scope}"
    return kg.cache_dir / f"view-{kg.cache_key[:16]}-{code}{wide}.pickle"


def _build(kg: KnowledgeGraph, nx: Any, scope: Scope = Scope.FIRST_PLAN) -> nx.MultiDiGraph:
    """The projection itself (see :func:`build_view`).

    Solutions are unpacked by position straight from pyoxigraph; what repeats from row to row
    (classes, graphs, source sections, node IRIs) is looked up in dicts keyed by pyoxigraph's
    own terms, which hash without making a Python string, so each repeated value becomes one
    shared string. Nodes and edges go straight into NetworkX's dicts (:func:`_filler`). Each
    choice was measured at a million triples (``benchmarks/analysis.py``)."""
    import pyoxigraph as ox

    sources_query, nodes_query, edges_query, claims_query, links_query = projection_queries()
    kind_of = {ox.NamedNode(cls): kind.value for cls, kind in KINDS.items()}
    scheme_kind = {ox.NamedNode(scheme): kind.value for scheme, kind in SCHEMES.items()}
    graphs = {ox.NamedNode(graph): (graph, graph_short(graph)) for graph in kg.graph_names()}
    # the graphs whose typing rows the first plan's view leaves out (see Scope)
    later = {term for term, (iri, _s) in graphs.items() if not scope.admits(iri)}
    titles: dict[Any, list[tuple[str, str]]] = {}
    for source, title, page_start, page_end in kg.query(sources_query):
        pages = _pages(page_start and page_start.value, page_end and page_end.value)
        text = title.value
        titles.setdefault(source, []).append((text, f"{text} ({pages})" if pages else text))
    # source term → its IRI and titles, made once for all the nodes and claims that cite it
    cited = _Sources(
        {
            source: _Cited(source.value, min(found)[0], sorted(text for _, text in found))
            for source, found in titles.items()
        }
    )
    no_source = _Cited("", "", [])
    nodes: dict[str, dict[str, Any]] = {}
    canon: dict[Any, str] = {}  # node term → its IRI, one string shared by all its edges
    for (
        node_term,
        cls,
        label,
        ident,
        order,
        description,
        source,
        graph,
        scheme,
    ) in kg.query(nodes_query):
        if scheme is None and graph in later:
            continue
        found = no_source if source is None else cited[source]
        node = node_term.value
        attrs = nodes.get(node)
        if attrs is None:
            if scheme is not None:
                kind = scheme_kind[scheme]
            else:
                kind = kind_of[cls]
            canon[node_term] = node
            attrs = nodes[node] = {
                "iri": node,
                "kind": kind,
                "label": label.value if label is not None else node,
                "id": ident.value if ident is not None else "",
                "member": member_of(node),
                "order": int(order.value) if order is not None else 0,
                "description": description.value if description is not None else "",
                "graphs": [graphs[graph][1]],
                "sources": list(found.texts),
                "source_iris": [found.iri] if found.iri else [],
            }
            continue
        if label is not None and attrs["label"] == node:
            attrs["label"] = label.value
        if description is not None and not attrs["description"]:
            attrs["description"] = description.value
        if ident is not None and not attrs["id"]:
            attrs["id"] = ident.value
        # a node on several rows (several sources or graphs): lists of a few items, kept unique
        short, iris, texts = attrs["graphs"], attrs["source_iris"], attrs["sources"]
        if graphs[graph][1] not in short:
            short.append(graphs[graph][1])
        if found.iri and found.iri not in iris:
            iris.append(found.iri)
            texts.extend(text for text in found.texts if text not in texts)
    for attrs in nodes.values():
        for name in ("graphs", "sources", "source_iris"):
            if len(attrs[name]) > 1:
                attrs[name].sort()
    _organisation_kinds(kg, nodes, canon)
    g = nx.MultiDiGraph()
    _filler(g, nodes)(_edges(kg, (edges_query, claims_query, links_query), canon, graphs, cited))
    setattr(g, _BUILT_MARK, True)  # pickled with the view, so a cached view is one too
    return g


def _organisation_kinds(
    kg: KnowledgeGraph, nodes: dict[str, dict[str, Any]], canon: dict[Any, str]
) -> None:
    """Give every organisation node its ``organisation_kinds``: the values of
    :class:`~ogpgraph.model.OrganisationKind` its ``ogp:organisationKind`` concepts stand for, in
    the scheme's order (empty where the report does not say). A concept outside the scheme is
    left out here (``ogpgraph validate`` reports unknown terms)."""
    from ogpgraph.core.queries import internal_query
    from ogpgraph.model.organisations import OrganisationKind, kind_of_concept

    order = {kind: index for index, kind in enumerate(OrganisationKind)}
    found: dict[str, set[OrganisationKind]] = {}
    for node_term, concept in kg.query(internal_query("projection-organisation-kinds")):
        node = canon.get(node_term)
        kind = kind_of_concept(concept.value)
        if node is not None and kind is not None:
            found.setdefault(node, set()).add(kind)
    organisation = Kind.ORGANISATION.value
    for node, attrs in nodes.items():
        if attrs["kind"] == organisation:
            kinds = sorted(found.get(node, ()), key=order.__getitem__)
            attrs["organisation_kinds"] = [kind.value for kind in kinds]


class _Cited(NamedTuple):
    """A source that facts cite: its IRI, the title claims show (the first, if it has several
    labels) and every title with its pages (``Title (pp. 3–5)``) for nodes."""

    iri: str
    title: str
    texts: list[str]


class _Sources(dict[Any, _Cited]):
    """Source term → :class:`_Cited`; a source cited without a title shows its IRI."""

    def __missing__(self, source: Any) -> _Cited:
        found = self[source] = _Cited(source.value, source.value, [])
        return found


def _edges(
    kg: KnowledgeGraph,
    queries: tuple[str, str, str],
    canon: dict[Any, str],
    graphs: dict[Any, tuple[str, str]],
    cited: _Sources,
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """The view's edges as ``(u, v, key, attrs)``: relations, claims and links between nodes
    (``canon``: node term → IRI; ``graphs``: graph term → (IRI, short name); ``cited``: source
    term → :class:`_Cited`).

    As in :func:`_build`, rows are matched through dicts keyed by terms and every edge refers to
    its nodes, graph and source section through one shared string each rather than a fresh copy
    per row: at a million triples the view takes a third less memory (84 MB rather than 133 MB),
    and allocating memory is much of its time."""
    quotes: dict[Any, str] = {}  # quote term → its text, one string for every repeat

    kinds: dict[tuple[Any, Any], tuple[bool, str, str, str, str]] = {}  # of (predicate, graph)
    for subject, predicate, obj, graph_term in kg.query(queries[0]):
        found = kinds.get((predicate, graph_term))
        if found is None:
            named, reverse = RELATIONS[predicate.value]
            relation = named.value  # the view keeps plain strings
            graph, source = graphs[graph_term]
            found = kinds[predicate, graph_term] = (
                reverse,
                relation,
                graph,
                source,
                f"{relation}|{source}",
            )
        reverse, relation, graph, source, key = found
        u, v = (
            (canon.get(obj), canon.get(subject))
            if reverse
            else (canon.get(subject), canon.get(obj))
        )
        if u is not None and v is not None:
            yield u, v, key, {"relation": relation, "graph": graph, "source": source}
    for (
        claim_term,
        claimant_term,
        concept_term,
        relevant,
        table,
        source,
        quote,
        graph_term,
    ) in kg.query(queries[1]):
        claimant, concept = canon.get(claimant_term), canon.get(concept_term)
        if claimant is None or concept is None:
            continue
        is_relevant = relevant.value in ("true", "1")
        source_iri = section = ""
        if source is not None:
            source_iri, section, _texts = cited[source]
        quote_text = (
            "" if quote is None else quotes.get(quote) or quotes.setdefault(quote, quote.value)
        )
        claim = claim_term.value
        graph, short = graphs[graph_term]
        yield (
            claimant,
            concept,
            claim,
            {
                "relation": _CLAIMS_VALUE if is_relevant else _NOT_CLAIMED_VALUE,
                "relevant": is_relevant,
                "in_table": table is not None,
                "claim": claim,
                "source_section": section,
                "source_iri": source_iri,
                "quote": quote_text,
                "graph": graph,
                "source": short,
            },
        )
    yield from _current_links(kg, kg.query(queries[2]), canon, graphs)


def _current_links(
    kg: KnowledgeGraph,
    rows: Iterable[Any],
    canon: dict[Any, str],
    graphs: dict[Any, tuple[str, str]],
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """The link edges of the view: for each assessor (:mod:`ogpgraph.model.positions`: the
    government, TINZ…) and each recommendation and item, the rows of its current position (the
    newest date, signed-off rows deciding), each with ``history``, how many of the assessor's
    rows about the same link it supersedes. Older rows stay in the RDF (``link-history``)."""
    from ogpgraph.dataset.resolve import assessors
    from ogpgraph.model.positions import Row, position

    who_is = assessors(kg)
    grouped: dict[tuple[str, str, str], list[Row[tuple[str, str, dict[str, Any]]]]] = {}
    for (
        link_term,
        rec_term,
        target_term,
        relation_term,
        status,
        rationale,
        at,
        graph_term,
        evidence,
        who,
        reviewer,
        signed,
        certainty,
        note,
    ) in rows:
        rec, target = canon.get(rec_term), canon.get(target_term)
        if target is None or rec is None:
            continue
        link = link_term.value
        graph, source = graphs[graph_term]
        # an assessor is an organisation's side; a link without one keeps its table's name
        assessor = who_is.get(who.value, "") if who is not None else ""
        attrs = {
            "relation": relation_term.value,
            "link": link,
            "asserted_by": assessor or source.rsplit("/", 1)[-1],
            "status": status.value if status is not None else "",
            "rationale": rationale.value if rationale is not None else "",
            "evidence": evidence.value if evidence is not None else "",
            "at": at.value if at is not None else "",
            "reviewer": reviewer.value if reviewer is not None else "",
            "certainty": certainty.value if certainty is not None else "",
            "note": note.value if note is not None else "",
            "graph": graph,
            "source": source,
        }
        grouped.setdefault((attrs["asserted_by"], rec, target), []).append(
            Row(
                attrs["relation"],
                attrs["at"],
                attrs["reviewer"],
                signed is not None and signed.value in ("true", "1"),
                item=(target, rec, attrs),
            )
        )
    for key in sorted(grouped):
        found = position(grouped[key])
        for row in found.rows:
            assert row.item is not None
            target, rec, attrs = row.item
            attrs["history"] = len(found.history) - len(found.rows)
            yield target, rec, attrs["link"], attrs


def _filler(
    g: nx.MultiDiGraph,
    nodes: dict[str, dict[str, Any]],
) -> Callable[[Iterable[tuple[str, str, str, dict[str, Any]]]], None]:
    """Put ``nodes`` into the empty graph ``g`` and return a function that adds ``(u, v, key,
    attrs)`` edges.

    ``add_nodes_from``/``add_edges_from`` copy every attribute dict and check every item, a third
    of the projection at a million triples; the dicts here are fresh and ours, so they are put in
    place the way ``MultiDiGraph.add_node``/``add_edge`` lay them out (one key dict per (u, v),
    shared by ``_succ`` and ``_pred``). If a future networkx lays its graph out differently, this
    falls back to the public methods; tests check that both give the same graph."""
    succ, pred, node_dict = (getattr(g, name, None) for name in ("_succ", "_pred", "_node"))
    fast = (
        all(type(d) is dict for d in (succ, pred, node_dict))
        and g.number_of_nodes() == 0
        and all(
            getattr(g, factory, None) is dict
            for factory in (
                "node_dict_factory",
                "node_attr_dict_factory",
                "adjlist_outer_dict_factory",
                "adjlist_inner_dict_factory",
                "edge_key_dict_factory",
                "edge_attr_dict_factory",
            )
        )
    )
    if not fast:
        g.add_nodes_from(nodes.items())
        return g.add_edges_from
    assert succ is not None and pred is not None and node_dict is not None
    for node, attrs in nodes.items():
        node_dict[node] = attrs
        succ[node] = {}
        pred[node] = {}

    def add_edges(edges: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
        for u, v, key, attrs in edges:
            keydict = succ[u].get(v)
            if keydict is None:
                succ[u][v] = pred[v][u] = {key: attrs}
            elif key in keydict:
                keydict[key].update(attrs)
            else:
                keydict[key] = attrs
        nx_cache = getattr(g, "__networkx_cache__", None)
        if nx_cache is not None and hasattr(nx_cache, "clear"):
            nx_cache.clear()

    return add_edges


def nodes_of_kind(g: nx.MultiDiGraph, *kinds: Kind | str) -> list[str]:
    """Node keys of the given kinds, sorted by label."""
    return sorted((n for n, k in g.nodes(data="kind") if k in kinds), key=lambda n: sort_key(g, n))


def sort_key(g: nx.MultiDiGraph, node: str) -> tuple[Any, ...]:
    """Natural order: by kind, then member (New Zealand first), then number, then label."""
    attrs = g.nodes[node]
    order = NODE_KINDS.index(attrs["kind"]) if attrs["kind"] in NODE_KINDS else 99
    ident = attrs.get("id") or ""
    number = re.search(r"(\d+)", ident)
    member = attrs.get("member", "")
    return (
        order,
        member != "nz",
        member,
        int(number.group(1)) if number else 0,
        _natural(ident),
        attrs["label"],
    )


def _natural(text: str) -> tuple[tuple[int, str], ...]:
    """``text`` with its runs of digits compared as numbers ("plan-3-commitment-2" before
    "plan-3-commitment-10"); every part a pair, so that any two keys compare."""
    return tuple(
        (1, part.rjust(12, "0")) if part.isdigit() else (0, part)
        for part in re.split(r"(\d+)", text)
        if part
    )


def edges(
    g: nx.MultiDiGraph,
    relation: Relation | str,
    source: str | None = None,
    target: str | None = None,
) -> list[tuple[str, str, dict[str, Any]]]:
    """Edges with a relation, optionally from ``source`` or to ``target``.

    Raises:
        ValueError: when ``relation`` is not a :class:`~ogpgraph.model.Relation` (a mistyped
            name would otherwise find nothing, silently).
    """
    if relation.__class__ is not Relation:
        relation = as_relation(relation)
    index = _index(g)
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


def edges_with(
    g: nx.MultiDiGraph, *relations: Relation | str
) -> list[tuple[str, str, dict[str, Any]]]:
    """Every edge with one of the relations (through the index when the graph has one).

    Raises:
        ValueError: when one of ``relations`` is not a :class:`~ogpgraph.model.Relation`.
    """
    relations = tuple(as_relation(r) for r in relations)
    index = _index(g)
    if index is not None:
        out = index[0]
        return [
            (u, v, d)
            for relation in relations
            for u, targets in out.get(relation, {}).items()
            for v, d in targets
        ]
    wanted = set(relations)
    return [(u, v, d) for u, v, d in g.edges(data=True) if d["relation"] in wanted]


def simple_view(g: nx.MultiDiGraph) -> nx.Graph:
    """An undirected simple graph of who works with what, for centrality.

    OGP values and grand challenges are left out: every commitment and case study touches them,
    so they would make everything look connected through them rather than through the agencies,
    initiatives and recommendations that really link parts of the plan.
    """
    import networkx as nx

    skip = {Kind.PRINCIPLE, Kind.CHALLENGE}
    simple = nx.Graph()
    simple.add_nodes_from((n, d) for n, d in g.nodes(data=True) if d["kind"] not in skip)
    simple.add_edges_from((u, v) for u, v in g.edges() if u in simple and v in simple)
    return simple
