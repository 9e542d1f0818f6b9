"""The SPARQL 1.1 Service Description of the endpoint (``GET /sparql`` without a query).

What it states: an ``sd:Service`` at the endpoint URL, answering SPARQL 1.1 Query (no Update),
with the result formats the endpoint negotiates, the ``sd:UnionDefaultGraph`` feature (the
default graph is the union of the named graphs), and the default dataset: the default graph
and every named graph with its size (``void:triples``).

>>> from ogpgraph.server.app import EndpointConfig
>>> config = EndpointConfig(graphs=["https://e.org/g"], triples=3, graph_sizes={"https://e.org/g": 3})
>>> text = service_description("http://127.0.0.1:1/sparql", config, "ttl").decode()
>>> "sd:endpoint <http://127.0.0.1:1/sparql>" in text
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.server.app import EndpointConfig

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
#: format name -> its W3C format IRI (http://www.w3.org/ns/formats/)
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "ttl": "Turtle",
    "nt": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}


def service_triples(endpoint: str, config: EndpointConfig) -> list[Any]:
    """The description's triples (blank nodes for the dataset and its graphs)."""
    import pyoxigraph as ox

    from ogpgraph.server.protocol import FORMAT_NAMES

    def iri(value: str) -> Any:
        return ox.NamedNode(value)

    rdf_type = iri(ns.RDF + "type")
    service = iri(endpoint)
    triples = [
        ox.Triple(service, rdf_type, iri(SD + "Service")),
        ox.Triple(service, iri(SD + "endpoint"), service),
        ox.Triple(service, iri(SD + "supportedLanguage"), iri(SD + "SPARQL11Query")),
        ox.Triple(service, iri(SD + "feature"), iri(SD + "UnionDefaultGraph")),
        ox.Triple(service, iri(ns.DCTERMS + "title"), ox.Literal(config.title)),
    ]
    names = sorted({f for fmts in FORMAT_NAMES.values() for f in fmts if f in FORMAT_IRIS})
    for name in names:
        triples.append(
            ox.Triple(service, iri(SD + "resultFormat"), iri(FORMATS + FORMAT_IRIS[name]))
        )
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    integer = iri(ns.XSD + "integer")
    triples += [
        ox.Triple(service, iri(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, iri(SD + "Dataset")),
        ox.Triple(dataset, iri(SD + "defaultGraph"), default),
        ox.Triple(default, rdf_type, iri(SD + "Graph")),
        ox.Triple(
            default, iri(ns.VOID + "triples"), ox.Literal(str(config.triples), datatype=integer)
        ),
    ]
    for index, graph in enumerate(sorted(config.graphs)):
        named, inner = ox.BlankNode(f"named{index}"), ox.BlankNode(f"graph{index}")
        triples += [
            ox.Triple(dataset, iri(SD + "namedGraph"), named),
            ox.Triple(named, rdf_type, iri(SD + "NamedGraph")),
            ox.Triple(named, iri(SD + "name"), iri(graph)),
            ox.Triple(named, iri(SD + "graph"), inner),
            ox.Triple(inner, rdf_type, iri(SD + "Graph")),
        ]
        if graph in config.graph_sizes:
            size = ox.Literal(str(config.graph_sizes[graph]), datatype=integer)
            triples.append(ox.Triple(inner, iri(ns.VOID + "triples"), size))
    return triples


def service_description(endpoint: str, config: EndpointConfig, fmt: str = "ttl") -> bytes:
    """The description in a graph format (``ttl``, ``nt``, ``jsonld``, ``rdfxml``), with the
    ``sd:`` prefix in Turtle."""
    import pyoxigraph as ox

    from ogpgraph.core import formats

    syntax = formats.get(fmt, "rdf")
    prefixes = {"sd": SD, "void": ns.VOID, "dcterms": ns.DCTERMS} if syntax.prefixes else None
    return (
        ox.serialize(
            service_triples(endpoint, config), format=syntax.pyoxigraph_format(), prefixes=prefixes
        )
        or b""
    )
