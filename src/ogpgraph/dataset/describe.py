"""What a resource IRI dereferences to: its bounded description, read from a pyoxigraph store.

One rule, used by ``serve`` (each request, in a query worker) and by ``build`` (the static
resource pages under ``exports/resource/``), so both give the same facts:

* every quad with the resource as **subject** (all named graphs);
* every quad with the resource as **object** (incoming links);
* for each neighbour IRI (an object of the first, a subject of the second): its label
  (``rdfs:label``, ``skos:prefLabel``, ``dcterms:title``) and ``rdf:type``;
* for each incoming subject: its ``dcterms:source`` quads;
* for each source named so far (``dcterms:source`` of the resource or of a subject linking to
  it): its title, label, section number, pages, ``dcterms:isPartOf`` and address.

That is a symmetric concise bounded description with the labels a reader needs; the lookups
are triple-pattern reads (no SPARQL text is built), so no value can change what is read.
:func:`ontology_triples` is what the ontology IRI dereferences to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ogpgraph.core import namespaces as ns

#: the ontology's own IRI (``owl:Ontology``); its terms are ``ns.OGP`` + name
ONTOLOGY = ns.BASE + "ontology"
#: the properties whose value names a resource for a reader, best first
LABELS = (ns.RDFS + "label", ns.SKOS + "prefLabel", ns.DCTERMS + "title")
#: the properties whose value describes a resource in prose, best first
DESCRIPTIONS = (ns.DCTERMS + "description", ns.SKOS + "definition", ns.RDFS + "comment")
SOURCE = ns.DCTERMS + "source"
TYPE = ns.RDF + "type"
#: what is read of each source: enough to cite it (title, section, pages, where)
SOURCE_DETAILS = (
    *LABELS,
    ns.OGP + "sectionNumber",
    ns.OGP + "pageStart",
    ns.OGP + "pageEnd",
    ns.DCTERMS + "isPartOf",
    ns.OGP + "address",
)


@dataclass
class Description:
    """The bounded description of one IRI (see the module docstring), as quads.

    Attributes:
        iri: the resource.
        out: quads with it as subject.
        incoming: quads with it as object.
        context: labels and types of neighbours, and the details of the sources cited.
    """

    iri: str
    out: list[Any] = field(default_factory=list)
    incoming: list[Any] = field(default_factory=list)
    context: list[Any] = field(default_factory=list)
    #: (subject, predicate) -> sorted objects, made on the first :meth:`values` call
    _values: dict[tuple[str, str], list[Any]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def triples(self) -> list[Any]:
        """Every triple of the description once (the union of its graphs), in a stable order."""
        seen = {q.triple for q in (*self.out, *self.incoming, *self.context)}
        return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def values(self, subject: str, predicate: str) -> list[Any]:
        """The distinct objects of ``subject predicate ?o`` in the description, sorted."""
        if self._values is None:
            found: dict[tuple[str, str], set[Any]] = {}
            for q in (*self.out, *self.context):
                key = (str(getattr(q.subject, "value", q.subject)), q.predicate.value)
                found.setdefault(key, set()).add(q.object)
            self._values = {key: sorted(terms, key=str) for key, terms in found.items()}
        return list(self._values.get((subject, predicate), ()))

    def label(self, iri: str) -> str | None:
        """The best label of ``iri`` known to the description (English first), or None."""
        for predicate in LABELS:
            terms = self.values(iri, predicate)
            if terms:
                english = [t for t in terms if getattr(t, "language", None) == "en"]
                return str((english or terms)[0].value)
        return None


def _objects_of(store: Any, node: Any, predicates: Iterable[str]) -> list[Any]:
    import pyoxigraph as ox

    found: list[Any] = []
    for predicate in predicates:
        found.extend(store.quads_for_pattern(node, ox.NamedNode(predicate), None, None))
    return found


def describe(store: Any, iri: str) -> Description | None:
    """The bounded description of ``iri`` in ``store`` (a ``pyoxigraph.Store``), or None when
    no quad names it as subject or object."""
    import pyoxigraph as ox

    node = ox.NamedNode(iri)
    out = sorted(store.quads_for_pattern(node, None, None, None), key=_quad_key)
    # links from blank nodes are left out: a fragment of an anonymous structure (a shape's
    # property shape) says nothing without the rest, and its label differs from load to load
    incoming = sorted(
        (
            q
            for q in store.quads_for_pattern(None, None, node, None)
            if not isinstance(q.subject, ox.BlankNode)
        ),
        key=_quad_key,
    )
    if not out and not incoming:
        return None
    neighbours = {q.object for q in out if isinstance(q.object, ox.NamedNode)}
    subjects = {q.subject for q in incoming if isinstance(q.subject, ox.NamedNode)}
    neighbours = (neighbours | subjects) - {node}
    context: list[Any] = []
    for other in sorted(neighbours, key=str):
        context.extend(_objects_of(store, other, (*LABELS, TYPE)))
    sources = {q.object for q in out if q.predicate.value == SOURCE}
    for subject in sorted(subjects - {node}, key=str):
        cited = _objects_of(store, subject, (SOURCE,))
        context.extend(cited)
        sources.update(q.object for q in cited)
    for source in sorted(sources, key=str):
        if isinstance(source, ox.NamedNode):
            context.extend(_objects_of(store, source, SOURCE_DETAILS))
    return Description(iri, out, incoming, sorted(set(context), key=_quad_key))


def ontology_triples(store: Any) -> list[Any]:
    """The ontology: every triple of the ontology graph about the ontology IRI or one of its
    terms (``ogp:…``), in a stable order (vocabularies and sources of that graph are left out)."""
    import pyoxigraph as ox

    graph = ox.NamedNode(ns.ONTOLOGY_GRAPH)
    found = {
        q.triple
        for q in store.quads_for_pattern(None, None, None, graph)
        if isinstance(q.subject, ox.NamedNode)
        and (q.subject.value == ONTOLOGY or q.subject.value.startswith(ns.OGP))
    }
    return sorted(found, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def graph_triples(store: Any, graph: str) -> list[Any]:
    """Every triple of one named graph, in a stable order."""
    import pyoxigraph as ox

    found = {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
    return sorted(found, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _quad_key(quad: Any) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))
