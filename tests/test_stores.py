"""The same rows in every store (issue 14): each stored query answers the same on ogpgraph's own
store, on rdflib ``Dataset()`` and pyoxigraph ``Store()`` with their default settings (a default
graph that is *not* the union of the named graphs) loaded from each export, and on an Oxigraph
server after ``ogpgraph publish``, through ``query --endpoint``. Virtuoso: tests/test_publish_virtuoso.py.

Rows compare as sets of tuples of terms (kind, lexical value, datatype, language): engines order
ties differently, and repeat a row differently when a fact sits in two graphs. The parts of a
``GROUP_CONCAT`` (in an order SPARQL leaves to the engine) compare sorted.

The Turtle and N-Triples dumps carry no graph names: loaded into one named graph, they answer
every query that does not ask which graph a fact is in (one whose every GRAPH is ``?gN``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.core.queries import StoredQuery, stored_queries
from ogpgraph.dumps.rdf import dump

from . import serve_fixtures

oxigraph_server = serve_fixtures.oxigraph_server

# rdflib warns of its own deprecated names (default_context) on every GRAPH it evaluates
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

QUERIES = stored_queries()
#: a value for each parameter a stored query takes
PARAMS = {
    "fact": ns.BASE + "nz/commitment/3",
    "kind": ns.VOCAB + "organisation-kind/iwi-or-maori-organisation",
}
#: the same resources, as a user gives them on the command line
PARAM_IDS = {"fact": "commitment-3", "kind": "kind-iwi-or-maori-organisation"}
XSD_STRING = ns.XSD + "string"
XSD_BOOLEAN = ns.XSD + "boolean"
RDF_LANG_STRING = ns.RDF + "langString"
#: where the union of the named graphs goes when a dump has no graph names
ONE_GRAPH = "urn:x-ogpgraph:test:union"


def graph_agnostic(query: StoredQuery) -> bool:
    """Whether a query never asks which graph a fact is in: each GRAPH reads ``?g<N>``."""
    return all(re.fullmatch(r"\?g\d+", g) for g in re.findall(r"GRAPH\s+(\S+)", query.body))


def concatenated(query: StoredQuery) -> dict[str, str]:
    """The columns a query fills with GROUP_CONCAT, and their separators."""
    found = re.findall(
        r'GROUP_CONCAT\(DISTINCT [^;]+; separator="([^"]*)"\) AS \?(\w+)', query.body
    )
    joined = {column: separator for separator, column in found}
    # (?a AS ?b), (COALESCE(?a, "…") AS ?b)
    for source, alias in re.findall(r"\((?:COALESCE\()?\?(\w+)[^()]*\)? AS \?(\w+)\)", query.body):
        if source in joined:
            joined[alias] = joined[source]
    return joined


def term_key(kind: str, value: str, datatype: str | None = None, lang: str | None = None):
    if kind != "literal":
        return (kind, value if kind == "iri" else "")  # blank node labels are the store's
    if lang:
        return ("literal", value, RDF_LANG_STRING, lang.lower())
    if datatype == XSD_BOOLEAN:  # "1" and "true" are the same value (Virtuoso writes "1")
        value = {"1": "true", "0": "false"}.get(value, value)
    return ("literal", value, datatype or XSD_STRING, None)


def normalised(query: StoredQuery, names: list[str], rows: Iterable[list[Any]]) -> set[tuple]:
    """Rows (lists of term keys or None, in ``names`` order) as a set, concatenations sorted."""
    joined = concatenated(query)
    out = set()
    for row in rows:
        cells = []
        for name, key in zip(names, row):
            if key is not None and name in joined and key[0] == "literal":
                parts = sorted(key[1].split(joined[name])) if key[1] else []
                key = (*key[:1], joined[name].join(parts), *key[2:])
            cells.append(key)
        out.add(tuple(cells))
    return out


def oxigraph_key(term: Any):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term_key("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return term_key("bnode", term.value)
    return term_key("literal", term.value, term.datatype.value, term.language)


def rdflib_key(term: Any):
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return term_key("iri", str(term))
    if isinstance(term, rdflib.BNode):
        return term_key("bnode", str(term))
    datatype = str(term.datatype) if term.datatype is not None else None
    return term_key("literal", str(term), datatype, term.language)


def json_key(cell: dict[str, str] | None):
    if cell is None:
        return None
    kind = {"uri": "iri", "bnode": "bnode"}.get(cell["type"], "literal")
    return term_key(kind, cell["value"], cell.get("datatype"), cell.get("xml:lang"))


def pyoxigraph_rows(store: Any, query: StoredQuery, **options: Any) -> set[tuple]:
    import pyoxigraph as ox

    subs = {ox.Variable(k): ox.NamedNode(PARAMS[k]) for k in query.params}
    result = store.query(query.text, substitutions=subs or None, **options)
    names = [v.value for v in result.variables]
    return normalised(query, names, ([oxigraph_key(t) for t in row] for row in result))


def rdflib_rows(dataset: Any, query: StoredQuery) -> set[tuple]:
    import rdflib

    bindings = {k: rdflib.URIRef(PARAMS[k]) for k in query.params}
    result = dataset.query(query.text, initBindings=bindings or None)
    names = [str(v) for v in result.vars]
    return normalised(query, names, ([rdflib_key(t) for t in row] for row in result))


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def exports(kg) -> dict[str, bytes]:
    """Every dump of the bundled graph, as ``ogpgraph build`` writes them."""
    return {fmt: dump(kg, fmt) for fmt in ("trig", "nquads", "jsonld", "turtle", "ntriples")}


@pytest.fixture(scope="module")
def expected(kg) -> dict[str, set[tuple]]:
    """Every stored query's rows on ogpgraph's own store (its default graph: the union)."""
    return {
        name: pyoxigraph_rows(kg.store, q, use_default_graph_as_union=True)
        for name, q in QUERIES.items()
    }


def load_pyoxigraph(data: bytes, fmt: str) -> Any:
    import pyoxigraph as ox

    from ogpgraph.core.formats import rdf_format

    store = ox.Store()  # default settings: the default graph is its own, empty graph
    if fmt in ("turtle", "ntriples"):
        store.load(data, format=rdf_format(fmt), to_graph=ox.NamedNode(ONE_GRAPH))
    else:
        store.load(data, format=rdf_format(fmt))
    return store


# ------------------------------------------------------------------ local stores
def test_every_stored_query_has_rows_to_compare(expected):
    empty = sorted(name for name, rows in expected.items() if not rows)
    # every stored query has rows on the bundled graph (assessments-compared since the later
    # plans gave the first plan's commitments the IRM's assessments beside the government's)
    assert empty == []


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_pyoxigraph_store_from_a_dump_with_graphs_gives_the_same_rows(exports, expected, fmt):
    store = load_pyoxigraph(exports[fmt], fmt)
    assert len(store) > 9000
    for name, query in QUERIES.items():
        assert pyoxigraph_rows(store, query) == expected[name], name


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_pyoxigraph_store_from_a_dump_without_graphs_gives_the_same_rows(exports, expected, fmt):
    store = load_pyoxigraph(exports[fmt], fmt)
    agnostic = [name for name, q in QUERIES.items() if graph_agnostic(q)]
    assert len(agnostic) >= 15
    for name in agnostic:
        assert pyoxigraph_rows(store, QUERIES[name]) == expected[name], name


def test_the_queries_that_name_graphs_are_the_ones_a_reader_would_expect():
    naming = sorted(name for name, q in QUERIES.items() if not graph_agnostic(q))
    assert naming == [
        "external-facts",
        "figures",
        "link-history",
        "links-government-not-tinz",
        "links-tinz-not-government",
        "recommendation-status-by-source",
        "recommendation-status-history",
        "sources-of-fact",
    ]


@pytest.fixture(scope="module")
def rdflib_dataset(exports) -> Any:
    import rdflib

    dataset = rdflib.Dataset()  # default settings: default_union=False
    dataset.parse(data=exports["trig"].decode("utf-8"), format="trig")
    return dataset


def test_rdflib_reads_every_dump_with_graphs_as_the_same_quads(exports, rdflib_dataset):
    import rdflib

    def quads(dataset: Any) -> set[tuple]:
        return {
            (rdflib_key(s), rdflib_key(p), rdflib_key(o), str(g))
            for s, p, o, g in dataset.quads((None, None, None, None))
            if not isinstance(s, rdflib.BNode) and not isinstance(o, rdflib.BNode)
        }

    reference = quads(rdflib_dataset)
    assert len(reference) > 8000
    for fmt, syntax in (("nquads", "nquads"), ("jsonld", "json-ld")):
        other = rdflib.Dataset()
        other.parse(data=exports[fmt].decode("utf-8"), format=syntax)
        assert quads(other) == reference, fmt


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_rdflib_dataset_gives_the_same_rows(rdflib_dataset, expected, name):
    assert rdflib_rows(rdflib_dataset, QUERIES[name]) == expected[name]


# ------------------------------------------------------------------ a server after publish
def remote_rows(cli, endpoint: str, query: StoredQuery) -> tuple[set[tuple], str]:
    args = ["query", "--endpoint", endpoint, "--name", query.name, "--format", "json"]
    for key in query.params:
        args += ["--param", f"{key}={PARAM_IDS[key]}"]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    names = doc["head"]["vars"]
    rows = ([json_key(b.get(n)) for n in names] for b in doc["results"]["bindings"])
    return normalised(query, names, rows), result.stderr


def test_oxigraph_server_after_publish_gives_the_same_rows(cli, root, expected, oxigraph_server):
    """``oxigraph serve`` as it starts by default: its default graph is not the union."""
    endpoint = oxigraph_server.base + "/query"
    published = cli("publish", "--endpoint", endpoint, root=root)
    assert published.exit_code == 0, published.output
    for name, query in QUERIES.items():
        rows, stderr = remote_rows(cli, endpoint, query)
        assert rows == expected[name], name
        # the default graph is empty, the named graphs are not: said, with the fix
        assert "default graph is empty" in stderr and "--union-default-graph" in stderr


def test_no_warning_where_the_default_graph_is_the_union(cli, make_project, tmp_path):
    proj = make_project(
        {
            "t/a.trig": "GRAPH <https://w3id.org/ogpgraph/graph/t> { <https://e.org/a> "
            "<https://e.org/p> 1 . }\n"
        }
    )
    server = serve_fixtures.OxigraphServer(tmp_path / "union", "--union-default-graph")
    try:
        endpoint = server.base + "/query"
        assert cli("publish", "--endpoint", endpoint, root=proj).exit_code == 0
        result = cli("query", "--endpoint", endpoint, "SELECT ?s WHERE { ?s ?p ?o }")
        assert result.exit_code == 0, result.output
        assert "https://e.org/a" in result.stdout
        assert "warning" not in result.stderr
    finally:
        server.stop()
