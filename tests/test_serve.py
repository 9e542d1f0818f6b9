"""`ogpgraph serve` against real clients: SPARQLWrapper and rdflib's SPARQLStore get the same
answers as `ogpgraph query`; negotiation, errors, refusals and the read-only rule."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, POST, TSV, XML, SPARQLWrapper

from ogpgraph.core.queries import stored_queries

from . import serve_fixtures
from .serve_fixtures import ServeProcess, children

served = serve_fixtures.served  # the fixture (assigned, so that pytest finds it here)

QUERIES = stored_queries()
PLAIN = sorted(name for name, q in QUERIES.items() if not q.params)
OGP = "https://w3id.org/ogpgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"

FORMATS = {JSON: "json", XML: "xml", CSV: "csv", TSV: "tsv"}


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory) -> Path:
    """An on-disk store for `ogpgraph query --store`, as the server keeps one: the two engines
    then see the data in the same order (GROUP_CONCAT and unordered rows depend on it)."""
    return tmp_path_factory.mktemp("cli-store")


@pytest.fixture
def local(cli, root, cli_store):
    """`ogpgraph query …` on the same data, its standard output."""

    def run(*args: str) -> str:
        result = cli("query", *args, "--store", str(cli_store), root=root)
        assert result.exit_code == 0, result.output
        return result.stdout_bytes.decode("utf-8")

    return run


def wrapper(url: str, query: str, fmt: str, method: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


def client() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=30)


# ------------------------------------------------------------------ same answers as the CLI
@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_gets_what_ogpgraph_query_prints(served, local, fmt, method):
    for name in ("commitments", "organisations"):
        response = wrapper(served.url, QUERIES[name].text, fmt, method).query()
        body = response.response.read().decode("utf-8")
        assert body == local("--name", name, "--format", FORMATS[fmt]), name


@pytest.mark.parametrize("name", PLAIN)
def test_every_stored_query_gives_the_same_json(served, local, name):
    converted = wrapper(served.url, QUERIES[name].text, JSON, POST).query().convert()
    assert converted == json.loads(local("--name", name, "--format", "json"))


def test_sparqlwrapper_ask(served):
    for method in (GET, POST):
        sparql = wrapper(served.url, f"ASK {{ ?c a <{OGP}Commitment> }}", JSON, method)
        assert sparql.query().convert()["boolean"] is True


def test_typed_literals_survive_json(served, local):
    query = (
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
        "SELECT ?i ?d ?f ?date ?b ?tagged ?plain WHERE { VALUES (?i ?d ?f ?date ?b ?tagged ?plain) "
        '{ (42 3.50 1.5e3 "2016-10-31"^^xsd:date true "kia ora"@mi "plain") } }'
    )
    cells = wrapper(served.url, query, JSON, GET).query().convert()["results"]["bindings"][0]
    assert cells["i"] == {"type": "literal", "value": "42", "datatype": XSD + "integer"}
    assert cells["d"]["datatype"] == XSD + "decimal"
    assert cells["f"]["datatype"] == XSD + "double"
    assert cells["date"] == {"type": "literal", "value": "2016-10-31", "datatype": XSD + "date"}
    assert cells["b"] == {"type": "literal", "value": "true", "datatype": XSD + "boolean"}
    assert cells["tagged"] == {"type": "literal", "value": "kia ora", "xml:lang": "mi"}
    assert cells["plain"] == {"type": "literal", "value": "plain"}
    # …and as rdflib reads them: Python values back
    graph = rdflib.Graph(store=SPARQLStore(query_endpoint=served.url))
    row = next(iter(graph.query(query)))
    assert row.i.toPython() == 42 and row.b.toPython() is True
    assert str(row.date.datatype) == XSD + "date" and row.tagged.language == "mi"


def test_typed_literals_of_the_data_survive_json(served, local):
    query = (
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isLiteral(?o) && DATATYPE(?o) != "
        "<http://www.w3.org/2001/XMLSchema#string> && LANG(?o) = '') } ORDER BY ?s ?p ?o LIMIT 50"
    )
    remote = wrapper(served.url, query, JSON, POST).query().convert()
    assert remote["results"]["bindings"], "the bundled graph has typed literals"
    assert remote == json.loads(local(query, "--format", "json"))


# ------------------------------------------------------------------ rdflib's SPARQLStore
def _rows(result) -> list[tuple]:
    return [tuple(row) for row in result]


def _json_rows(text: str) -> list[tuple]:
    doc = json.loads(text)
    names = doc["head"]["vars"]
    out = []
    for binding in doc["results"]["bindings"]:
        row = []
        for name in names:
            cell = binding.get(name)
            if cell is None:
                row.append(None)
            elif cell["type"] == "uri":
                row.append(rdflib.URIRef(cell["value"]))
            elif cell["type"] == "bnode":
                row.append(rdflib.BNode(cell["value"]))
            else:
                row.append(
                    rdflib.Literal(
                        cell["value"],
                        lang=cell.get("xml:lang"),
                        datatype=rdflib.URIRef(cell["datatype"]) if "datatype" in cell else None,
                    )
                )
        out.append(tuple(row))
    return out


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated")
@pytest.mark.parametrize("holder", ["graph", "dataset"])
def test_sparqlstore_select_ask_construct(served, local, holder):
    store = SPARQLStore(query_endpoint=served.url)
    graph = rdflib.Graph(store=store) if holder == "graph" else rdflib.Dataset(store=store)
    for name in ("commitments", "organisations"):
        remote = _rows(graph.query(QUERIES[name].text))
        assert remote == _json_rows(local("--name", name, "--format", "json")), name
    ask = graph.query(f"ASK {{ ?c a <{OGP}Commitment> }}")
    assert ask.askAnswer is True
    assert local(f"ASK {{ ?c a <{OGP}Commitment> }}", "--format", "csv").strip() == "true"
    construct = f"CONSTRUCT {{ ?c ?p ?o }} WHERE {{ ?c a <{OGP}Commitment> ; ?p ?o }}"
    remote_graph = graph.query(construct).graph
    expected = rdflib.Graph().parse(data=local(construct, "--format", "nt"), format="nt")
    assert len(remote_graph) == len(expected) > 0
    assert isomorphic(remote_graph, expected)


def test_default_graph_is_the_union_and_named_graphs_are_there(served, kg):
    sparql = wrapper(
        served.url,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        JSON,
        GET,
    )
    counts = {
        b["g"]["value"]: int(b["n"]["value"])
        for b in sparql.query().convert()["results"]["bindings"]
    }
    assert set(counts) == set(kg.graph_names())
    total = wrapper(served.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON, GET)
    assert int(total.query().convert()["results"]["bindings"][0]["n"]["value"]) == len(kg)


def test_protocol_dataset_parameters(served, kg):
    graph = sorted(kg.graph_names())[0]
    with client() as http:
        response = http.get(
            served.url,
            params={
                "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                "default-graph-uri": graph,
            },
            headers={"Accept": "text/csv"},
        )
        assert response.status_code == 200
        assert int(response.text.split()[1]) == len(list(kg.quads(graph)))
        response = http.get(
            served.url,
            params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "http://127.0.0.1:9/x"},
        )
        assert response.status_code == 400
        assert "not a named graph of this dataset" in response.text


# ------------------------------------------------------------------ negotiation and errors
@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", None, "application/sparql-results+json"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "*/*", "application/sparql-results+json"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/csv", "text/csv"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/*", "text/csv"),
        (
            "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
            "text/csv;q=0.5, application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("ASK { ?s ?p ?o }", "text/tab-separated-values", "text/tab-separated-values"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", None, "text/turtle"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "application/n-triples", "application/n-triples"),
        (
            "DESCRIBE <https://w3id.org/ogpgraph/nz/commitment/1>",
            "application/ld+json",
            "application/ld+json",
        ),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "application/rdf+xml", "application/rdf+xml"),
    ],
)
def test_content_negotiation(served, query, accept, expected):
    headers = {"Accept": accept} if accept else {}
    with client() as http:
        response = http.get(served.url, params={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/turtle"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png"),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+json;q=0"),
        ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+json"),
    ],
)
def test_406_for_a_type_it_cannot_give(served, query, accept):
    with client() as http:
        response = http.get(served.url, params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert "available:" in response.text


def test_400_with_the_parsers_message_and_position(served):
    with client() as http:
        response = http.post(served.url, data={"query": "SELECT ?s WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    assert "SPARQL syntax error at line 3, column 1" in response.text
    assert "^" in response.text


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        # (a GET without a query is answered with the service description)
        (
            {
                "method": "POST",
                "content": b"",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            400,
        ),
        ({"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ({"method": "POST", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
    ],
)
def test_malformed_requests(served, kwargs, status):
    method = kwargs.pop("method")
    with client() as http:
        response = http.request(method, served.url, **kwargs)
    assert response.status_code == status


def test_post_sparql_query_body(served):
    with client() as http:
        response = http.post(
            served.url,
            content=f"ASK {{ ?c a <{OGP}Commitment> }}".encode(),
            headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json",
            },
        )
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def test_browser_at_the_endpoint_is_sent_to_the_page(served):
    with client() as http:
        response = http.get(served.url, headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


# ------------------------------------------------------------------ read-only
def _count(url: str) -> int:
    sparql = wrapper(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", JSON, GET)
    return int(sparql.query().convert()["results"]["bindings"][0]["n"]["value"])


UPDATE = (
    "INSERT DATA { GRAPH <https://w3id.org/ogpgraph/graph/x> "
    "{ <http://e.org/a> <http://e.org/b> 1 } }"
)


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        (
            "POST",
            "/sparql",
            {"content": UPDATE.encode(), "headers": {"Content-Type": "application/sparql-update"}},
            403,
        ),
        ("POST", "/sparql", {"data": {"update": UPDATE}}, 403),
        # an update sent as a query: the guard refuses it in the worker (400)
        ("POST", "/sparql", {"data": {"query": UPDATE}}, 400),
        ("GET", "/sparql", {"params": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 400),
        ("POST", "/update", {"data": {"update": UPDATE}}, 403),
        (
            "PUT",
            "/store?graph=https://w3id.org/ogpgraph/graph/x",
            {
                "content": b"<http://e.org/a> <http://e.org/b> <http://e.org/c> .",
                "headers": {"Content-Type": "application/n-triples"},
            },
            403,
        ),
        (
            "POST",
            "/store?default",
            {
                "content": b"<http://e.org/a> <http://e.org/b> <http://e.org/c> .",
                "headers": {"Content-Type": "application/n-triples"},
            },
            403,
        ),
        ("DELETE", "/store?graph=https://w3id.org/ogpgraph/graph/ontology", {}, 403),
        # a method the path does not take: 405; a path that does not exist: 404
        ("PUT", "/sparql", {"content": b"x"}, 405),
        ("DELETE", "/anything", {}, 404),
    ],
)
def test_updates_and_graph_store_writes_are_refused(served, method, path, kwargs, status):
    before = _count(served.url)
    with client() as http:
        response = http.request(method, served.base + path, **kwargs)
    assert response.status_code == status, response.text
    if status == 403:
        assert "read-only" in response.text
    elif status == 400:
        assert "refused" in response.text
    assert _count(served.url) == before


def test_sparqlwrapper_update_is_refused(served):
    from urllib.error import HTTPError

    sparql = SPARQLWrapper(served.url)
    sparql.setMethod(POST)
    sparql.setQuery(UPDATE)
    with pytest.raises(HTTPError) as caught:
        sparql.query()
    assert caught.value.code == 403


def test_graph_store_read(served, kg):
    graph = "https://w3id.org/ogpgraph/graph/ontology"
    with client() as http:
        response = http.get(
            served.base + "/store",
            params={"graph": graph},
            headers={"Accept": "application/n-triples"},
        )
        assert response.status_code == 200
        assert len(rdflib.Graph().parse(data=response.text, format="nt")) == len(
            list(kg.quads(graph))
        )
        assert (
            http.get(served.base + "/store", params={"graph": "https://e.org/none"}).status_code
            == 404
        )


# ------------------------------------------------------------------ nothing reaches the network
@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o . SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} LIMIT 1",
        "LOAD <{url}data.ttl>",
        "SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_outbound_queries_are_refused_before_evaluation(served, loopback_spy, template, method):
    query = template.format(url=loopback_spy.url)
    with client() as http:
        if method == "GET":
            response = http.get(served.url, params={"query": query})
        else:
            response = http.post(served.url, data={"query": query})
    assert response.status_code == 400, response.text
    assert "refused" in response.text
    assert loopback_spy.connections == 0


def test_sparqlwrapper_service_is_refused(served, loopback_spy):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    query = f"SELECT * WHERE {{ SERVICE <{loopback_spy.url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryBadFormed, match="SERVICE is refused"):  # SPARQLWrapper's 400
        wrapper(served.url, query, JSON, GET).query()
    assert loopback_spy.connections == 0


# ------------------------------------------------------------------ the page and the process
def test_query_page_is_served_with_a_strict_policy(served):
    with client() as http:
        page = http.get(served.base + "/")
        assert page.status_code == 200
        policy = page.headers["content-security-policy"]
        assert "connect-src 'self'" in policy and "script-src 'self'" in policy
        for name in QUERIES:
            assert f'data-query="{name}"' in page.text
        assert "https://cdn" not in page.text and "prefix.cc" not in page.text
        for asset in ("/static/yasgui.min.js", "/static/yasgui.min.css", "/static/page.js"):
            assert http.get(served.base + asset).status_code == 200


def test_binds_loopback_by_default(served):
    assert served.url.startswith("http://127.0.0.1:")


def test_ctrl_c_stops_the_server_and_its_workers(root, tmp_path):
    server = ServeProcess("--root", str(root), "--workers", "2")
    workers = children(server.proc.pid)
    assert len(workers) >= 2
    assert server.stop() == 0
    assert "stopped" in "".join(server.stderr)
    assert "Traceback" not in "".join(server.stderr)

    def alive(pid: int) -> bool:
        try:
            return "zombie" not in Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return False

    # the workers are killed before the server exits; multiprocessing's resource tracker
    # follows a moment later, when it sees its pipe close
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)]


def test_store_is_kept_and_reused_across_restarts(root, tmp_path):
    store = tmp_path / "store"
    first = ServeProcess("--root", str(root), "--store", str(store))
    assert first.stop() == 0
    stamp = store / "ogpgraph-fingerprint"
    assert stamp.is_file() and (store / "data").is_dir()
    built = (stamp.stat().st_mtime_ns, (store / "data").stat().st_ino)
    second = ServeProcess("--root", str(root), "--store", str(store))
    try:
        assert _count(second.url) > 0
    finally:
        assert second.stop() == 0
    assert (stamp.stat().st_mtime_ns, (store / "data").stat().st_ino) == built


def test_a_taken_port_is_a_clear_error(cli, root):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        result = cli("serve", "--port", str(port), root=root)
    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1" in result.output
