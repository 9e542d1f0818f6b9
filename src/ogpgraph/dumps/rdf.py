"""RDF dumps of the dataset and its DCAT/VoID description, byte-for-byte deterministic.

Quads are sorted (graph, subject, predicate, object) before serialisation, so the same input
always gives the same bytes; no blank nodes are created; JSON-LD is expanded (no remote
``@context`` to fetch) and pretty-printed with sorted keys (the compacted JSON-LD and its
context are :mod:`ogpgraph.dumps.jsonld`). The VoID description's counts are all computed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogpgraph.core import namespaces as ns
from ogpgraph.core.formats import dump_formats, serialize_rdf
from ogpgraph.core.formats import get as get_format
from ogpgraph.core.queries import internal_query

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

#: dump file name -> (format, media type, whether it keeps the named graphs): the registry's dump
#: formats (:func:`ogpgraph.core.formats.dump_formats`), those keeping named graphs first
DUMPS: dict[str, tuple[str, str, bool]] = {
    "ogpgraph" + f.suffixes[0]: (f.name, f.media_type, f.holds_graphs)
    for f in sorted(dump_formats(), key=lambda f: not f.holds_graphs)
}


#: who made and publishes the dataset: (IRI, name); the name is pyproject.toml's author and
#: CITATION.cff's (a test compares them)
CREATOR: tuple[str, str] = (ns.BASE + "agent/ogpgraph-developers", "ogpgraph developers")
#: where the exports are published: ``dcat:downloadURL`` is this plus the file name
DOWNLOAD_BASE = ns.BASE + "exports/"
#: the compact JSON-LD context and the dump compacted with it (:mod:`ogpgraph.dumps.jsonld`)
CONTEXT_FILE = "context.jsonld"
COMPACT_FILE = "ogpgraph.compact.jsonld"


def distributions() -> list[tuple[str, str, str]]:
    """(file name, media type, description) of each export the VoID description lists: the
    dumps, then the compacted JSON-LD and its context."""
    found = [
        (
            name,
            media,
            "all named graphs" if graphs else "the union of all named graphs (no graph names)",
        )
        for name, (_fmt, media, graphs) in DUMPS.items()
    ]
    found.append(
        (
            COMPACT_FILE,
            "application/ld+json",
            "all named graphs, as JSON-LD compacted with the inline context of context.jsonld",
        )
    )
    found.append((CONTEXT_FILE, "application/ld+json", "the JSON-LD context of the dataset"))
    return found


def _sort_key(quad: Any) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def canonical_quads(kg: KnowledgeGraph) -> list[Any]:
    """Every quad, with blank nodes relabelled by RDFC-1.0 (the SHACL shapes' property shapes
    are blank nodes, whose labels are random per load), so that dumps are byte-identical.

    Raises:
        DataError: the blank nodes would take RDFC-1.0 more than :data:`ogpgraph.core.blanks.BUDGET`.
    """
    import pyoxigraph as ox

    from ogpgraph.core.blanks import check_graph

    quads = list(kg.quads())
    if any(
        isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads
    ):
        check_graph(kg)  # a work budget: RDFC-1.0 can take exponential time or overflow the stack
        dataset = ox.Dataset(quads)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        quads = list(dataset)
    return quads


def sorted_quads(kg: KnowledgeGraph) -> list[Any]:
    """Every quad of the dataset in a stable order."""
    return sorted(canonical_quads(kg), key=_sort_key)


def sorted_triples(kg: KnowledgeGraph) -> list[Any]:
    """The union of all graphs as distinct triples, in a stable order."""
    seen = {q.triple for q in canonical_quads(kg)}
    return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def dump(kg: KnowledgeGraph, fmt: str) -> bytes:
    """Serialise the dataset in a dump format of the registry: ``trig``, ``nquads``, ``jsonld``
    (named graphs kept) or ``turtle``, ``ntriples`` (the union of all graphs)."""
    import pyoxigraph as ox

    try:
        syntax = get_format(fmt, "rdf")
    except KeyError:
        raise ValueError(f"unknown dump format {fmt!r}") from None
    if syntax.name == "jsonld":
        raw = ox.serialize(sorted_quads(kg), format=ox.RdfFormat.JSON_LD) or b""
        data = json.loads(raw)
        return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode()
    statements = sorted_quads(kg) if syntax.holds_graphs else sorted_triples(kg)
    return serialize_rdf(statements, syntax, ns.PREFIXES if syntax.prefixes else None)


def release_date(root: Path | None, version: str) -> str | None:
    """The date of ``version`` in CHANGELOG.md (``## [0.1.0] - 2026-11-26``), if recorded."""
    if root is None or not (root / "CHANGELOG.md").is_file():
        return None
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(version)}\]\s*-\s*(\d{{4}}-\d{{2}}-\d{{2}})", text, re.M)
    return match.group(1) if match else None


def describe(
    kg: KnowledgeGraph, sizes: dict[str, int], version: str, *, endpoint: str | None = None
) -> bytes:
    """The DCAT/VoID description of the dataset and its dumps, as Turtle.

    Every count is computed from ``kg`` (triples and distinct subjects, per graph and in all;
    distinct properties, objects and classes; entities per class, in every graph, the
    ontology's concepts and schemes too). The dataset has a versioned IRI
    (``…/dataset/VERSION``), a publisher and a creator (:data:`CREATOR`), and each export a
    ``dcat:downloadURL`` under :data:`DOWNLOAD_BASE`.

    Args:
        kg: the dataset.
        sizes: byte size of each export, by file name (those not given get no ``dcat:byteSize``).
        version: the package version (from pyproject.toml, the only version source).
        endpoint: the address of a SPARQL endpoint serving this dataset, if one does
            (``void:sparqlEndpoint``); the static exports have none, since nothing serves them.
    """
    import pyoxigraph as ox

    N = ox.NamedNode

    def lit(value: Any, datatype: str | None = None, lang: str | None = None) -> Any:
        if lang:
            return ox.Literal(str(value), language=lang)
        if datatype:
            return ox.Literal(str(value), datatype=N(datatype))
        return ox.Literal(str(value))

    D = N(ns.DATASET)
    triples: list[Any] = []

    def add(s: Any, p: str, o: Any) -> None:
        triples.append(ox.Triple(s, N(p), o))

    add(D, ns.RDF + "type", N(ns.VOID + "Dataset"))
    add(D, ns.RDF + "type", N(ns.DCAT + "Dataset"))
    add(
        D,
        ns.DCTERMS + "title",
        lit(
            "ogpgraph: New Zealand's Open Government Partnership commitments and National Integrity System",
            lang="en",
        ),
    )
    add(
        D,
        ns.DCTERMS + "description",
        lit(
            "A knowledge graph of New Zealand's first OGP National Action Plan as described by its 2016 "
            "mid-term self-assessment: commitments, milestones, Better Public Services results, "
            "agencies, case studies, the OGP values and grand challenges each claims and evidences, "
            "and the response to Transparency International New Zealand's 2013 National Integrity "
            "System assessment. Every fact cites the report section (or external source) it comes "
            "from, in a named graph per source.",
            lang="en",
        ),
    )
    add(D, ns.DCTERMS + "license", N("https://creativecommons.org/licenses/by/4.0/"))
    add(
        D,
        ns.DCTERMS + "rights",
        lit(
            "Contains material from New Zealand's Open Government Partnership Mid-term "
            "Self-assessment Report (State Services Commission, January 2016), © Crown Copyright, "
            "licensed under CC BY 4.0. Attribution: the Crown (New Zealand Government).",
            lang="en",
        ),
    )
    add(D, ns.DCTERMS + "source", N(ns.SEED_REPORT))
    add(D, ns.DCAT + "version", lit(version))
    add(D, ns.OWL + "versionInfo", lit(version))
    release = N(f"{ns.DATASET}/{version}")
    add(D, ns.DCAT + "hasVersion", release)
    add(release, ns.DCAT + "isVersionOf", D)
    add(release, ns.DCAT + "version", lit(version))
    add(D, ns.DCTERMS + "conformsTo", N(f"{ns.BASE}ontology/{version}"))
    agent = N(CREATOR[0])
    add(D, ns.DCTERMS + "creator", agent)
    add(D, ns.DCTERMS + "publisher", agent)
    add(agent, ns.RDF + "type", N(ns.FOAF + "Organization"))
    add(agent, ns.FOAF + "name", lit(CREATOR[1]))
    if endpoint:
        add(D, ns.VOID + "sparqlEndpoint", N(endpoint))
    issued = release_date(kg.project.root if kg.project else None, version)
    if issued:
        add(D, ns.DCTERMS + "issued", lit(issued, ns.XSD + "date"))
        add(D, ns.DCTERMS + "modified", lit(issued, ns.XSD + "date"))
    add(D, ns.DCAT + "keyword", lit("Open Government Partnership", lang="en"))
    add(D, ns.DCAT + "keyword", lit("National Integrity System", lang="en"))
    add(D, ns.DCAT + "keyword", lit("New Zealand", lang="en"))
    add(D, ns.VOID + "uriSpace", lit(ns.BASE))
    for vocab in (ns.OGP, ns.SKOS, ns.ORG, ns.PROV, ns.DCTERMS, ns.FOAF, ns.DCAT):
        add(D, ns.VOID + "vocabulary", N(vocab))
    add(D, ns.VOID + "triples", lit(len(kg), ns.XSD + "integer"))
    (totals,) = kg.select(internal_query("dumps-dataset-counts"))
    for key, prop in (
        ("subjects", "distinctSubjects"),
        ("properties", "properties"),
        ("objects", "distinctObjects"),
    ):
        add(D, ns.VOID + prop, lit(totals[key], ns.XSD + "integer"))
    for row in kg.select(internal_query("dumps-graph-counts")):
        graph = row["graph"]
        name = graph[len(ns.GRAPH) :] if graph.startswith(ns.GRAPH) else graph
        sub = N(ns.DATASET + "/graph/" + name)
        add(D, ns.VOID + "subset", sub)
        add(sub, ns.RDF + "type", N(ns.VOID + "Dataset"))
        add(sub, ns.DCTERMS + "title", lit(f"named graph <{graph}>", lang="en"))
        add(sub, ns.VOID + "triples", lit(row["triples"], ns.XSD + "integer"))
        add(sub, ns.VOID + "distinctSubjects", lit(row["subjects"], ns.XSD + "integer"))
        add(sub, ns.VOID + "inDataset", D)
    classes = kg.select(internal_query("dumps-class-counts"))
    add(D, ns.VOID + "classes", lit(len(classes), ns.XSD + "integer"))
    for row in classes:
        local = re.sub(r"[^A-Za-z0-9]+", "-", ns_short(row["class"])).strip("-")
        part = N(ns.DATASET + "/class/" + local)
        add(D, ns.VOID + "classPartition", part)
        add(part, ns.VOID + "class", N(row["class"]))
        add(part, ns.VOID + "entities", lit(row["n"], ns.XSD + "integer"))
    for name, media, words in distributions():
        dist = N(ns.DATASET + "/distribution/" + name)
        add(D, ns.DCAT + "distribution", dist)
        add(dist, ns.RDF + "type", N(ns.DCAT + "Distribution"))
        add(dist, ns.DCTERMS + "title", lit(name))
        add(dist, ns.DCAT + "mediaType", N("https://www.iana.org/assignments/media-types/" + media))
        add(dist, ns.DCTERMS + "description", lit(words, lang="en"))
        add(dist, ns.DCTERMS + "license", N("https://creativecommons.org/licenses/by/4.0/"))
        add(dist, ns.DCAT + "downloadURL", N(DOWNLOAD_BASE + name))
        add(dist, ns.DCAT + "accessURL", N(DOWNLOAD_BASE + name))
        if name in sizes:
            add(dist, ns.DCAT + "byteSize", lit(sizes[name], ns.XSD + "integer"))
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return serialize_rdf(triples, get_format("turtle"), ns.PREFIXES)


def ns_short(iri: str) -> str:
    """``ogp:Commitment`` → ``ogp-Commitment`` style key for partition IRIs."""
    from ogpgraph.core.values import short_iri

    return short_iri(iri)
