"""The compact JSON-LD context (``exports/context.jsonld``) and the compacted JSON-LD dump that
uses it (``exports/ogpgraph.compact.jsonld``), both deterministic.

The context is made from the project's prefixes (:data:`ogpgraph.core.namespaces.PREFIXES`) and
the ontology's properties: each ``ogp:`` property is a term named by its local name (object
properties coerce their values to IRIs), unless the name is also a prefix (``value``,
``pillar``, ``status``), in which case the prefixed name is used. The compacted dump carries
the same context *inline*, so no processor ever has to fetch a remote context: the file is
readable offline, and so is every consumer of it.

Literals keep their lexical form and datatype (``{"@value": "98", "@type": "xsd:decimal"}``);
``xsd:string`` literals are plain JSON strings; language-tagged text is
``{"@value": ..., "@language": ...}``. Nodes are grouped per named graph, in sorted order.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.queries import internal_query
from ogpgraph.dumps.rdf import COMPACT_FILE, CONTEXT_FILE, sorted_quads

__all__ = ["COMPACT_FILE", "CONTEXT_FILE", "compact", "context", "context_document"]

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

_KEYWORDS_AND_PREFIXES = set(ns.PREFIXES) | {"type", "id", "graph", "context"}


def context(kg: KnowledgeGraph) -> dict[str, Any]:
    """The ``@context`` object: prefixes, then one term per ``ogp:`` property of the ontology."""
    terms: dict[str, Any] = dict(sorted(ns.PREFIXES.items()))
    for row in kg.select(internal_query("dumps-ontology-properties")):
        iri = str(row["property"])
        local = iri[len(ns.OGP) :]
        if local in _KEYWORDS_AND_PREFIXES or not local.isidentifier():
            continue
        definition: dict[str, str] = {"@id": "ogp:" + local}
        if str(row["kind"]) == ns.OWL + "ObjectProperty":
            definition["@type"] = "@id"
        terms[local] = definition
    return terms


def context_document(kg: KnowledgeGraph) -> bytes:
    """``exports/context.jsonld``: ``{"@context": {...}}``, pretty-printed, keys in order."""
    return _encode({"@context": context(kg)})


class _Compactor:
    """Compacts IRIs and literals with one context (longest namespace wins)."""

    def __init__(self, ctx: dict[str, Any]) -> None:
        self.prefixes = sorted(
            ((v, k) for k, v in ctx.items() if isinstance(v, str)), key=lambda p: -len(p[0])
        )
        self.terms = {v["@id"]: (k, v.get("@type")) for k, v in ctx.items() if isinstance(v, dict)}

    def iri(self, value: str) -> str:
        for namespace, prefix in self.prefixes:
            if value.startswith(namespace) and len(value) > len(namespace):
                local = value[len(namespace) :]
                if not local.startswith("//"):
                    return f"{prefix}:{local}"
        return value

    def key(self, predicate: str) -> tuple[str, str | None]:
        compact = self.iri(predicate)
        return self.terms.get(compact, (compact, None))

    def term(self, term: Any, coercion: str | None) -> Any:
        import pyoxigraph as ox

        if isinstance(term, ox.NamedNode):
            return self.iri(term.value) if coercion == "@id" else {"@id": self.iri(term.value)}
        if isinstance(term, ox.BlankNode):
            label = "_:" + term.value
            return label if coercion == "@id" else {"@id": label}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == ns.XSD + "string" and coercion is None:
            return term.value
        return {"@value": term.value, "@type": self.iri(term.datatype.value)}


def compact(kg: KnowledgeGraph) -> bytes:
    """The dataset as compacted JSON-LD with the inline context of :func:`context`: named graphs
    kept (``{"@id": graph, "@graph": [nodes]}``), blank nodes relabelled as in every dump."""
    import pyoxigraph as ox

    ctx = context(kg)
    c = _Compactor(ctx)
    graphs: dict[str, dict[str, dict[str, Any]]] = {}
    for quad in sorted_quads(kg):
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else c.iri(quad.graph_name.value)
        subject = c.term(quad.subject, "@id")
        node = graphs.setdefault(graph, {}).setdefault(subject, {"@id": subject})
        if quad.predicate.value == ns.RDF + "type" and isinstance(quad.object, ox.NamedNode):
            node.setdefault("@type", []).append(c.iri(quad.object.value))
            continue
        key, coercion = c.key(quad.predicate.value)
        node.setdefault(key, []).append(c.term(quad.object, coercion))
    default = [_single(n) for n in graphs.pop("", {}).values()]
    named = [
        {"@id": g, "@graph": [_single(n) for n in nodes.values()]} for g, nodes in graphs.items()
    ]
    return _encode({"@context": ctx, "@graph": default + named})


def _single(node: dict[str, Any]) -> dict[str, Any]:
    """One value as itself, several as a list."""
    return {k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in node.items()}


def _encode(data: Any) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
