"""`ogpgraph serve` refuses what a web page could send on a user's behalf: a foreign Host (DNS
rebinding), a POST from another origin (Origin, Referer, Sec-Fetch-Site); no CORS unless asked;
404 for unknown paths, 405 for a wrong method; the second layer is reported at start."""

from __future__ import annotations

import httpx
import pytest

from ogpgraph.server import sandbox

from . import serve_fixtures
from .serve_fixtures import ServeProcess

served = serve_fixtures.served  # the fixture (assigned, so that pytest finds it here)

ASK = "ASK { ?s ?p ?o }"
#: Not SPARQL: if it ever reached a worker, the answer would be the guard's 400, not 403/421.
NOT_SPARQL = "this is not a query {{{"


def client() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=30)


@pytest.fixture(scope="module")
def open_server(root):
    """A server with --allow-origin and --allow-host."""
    server = ServeProcess(
        "--root",
        str(root),
        "--allow-origin",
        "https://app.example",
        "--allow-host",
        "ogp.example",
    )
    yield server
    server.stop()


def port_of(server) -> int:
    return int(server.base.rsplit(":", 1)[1])


# ------------------------------------------------------------------ cross-site POSTs
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page.html"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another port of localhost is the same *site*
    ],
)
def test_a_cross_site_form_post_is_refused_before_any_query(served, headers):
    with client() as http:
        for query in (ASK, NOT_SPARQL):
            response = http.post(served.url, data={"query": query}, headers=headers)
            assert response.status_code == 403, response.text
            assert "cross-site request refused" in response.text
            assert "access-control-allow-origin" not in response.headers


def test_an_origin_on_another_port_is_foreign(served):
    port = port_of(served)
    with client() as http:
        response = http.post(
            served.url, data={"query": ASK}, headers={"Origin": f"http://127.0.0.1:{port + 1}"}
        )
    assert response.status_code == 403


def test_same_origin_and_plain_clients_still_post(served):
    port = port_of(served)
    with client() as http:
        for headers in (
            {"Origin": f"http://127.0.0.1:{port}"},  # the query page itself
            {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"},
            {"Referer": f"http://127.0.0.1:{port}/"},
            {},  # curl, SPARQLWrapper, rdflib
        ):
            response = http.post(
                served.url,
                data={"query": ASK},
                headers={**headers, "Accept": "application/sparql-results+json"},
            )
            assert response.status_code == 200, (headers, response.text)
            assert response.json()["boolean"] is True
            assert "access-control-allow-origin" not in response.headers


def test_localhost_names_the_server_too(served):
    port = port_of(served)
    with client() as http:
        response = http.post(
            f"http://localhost:{port}/sparql",
            data={"query": ASK},
            headers={"Origin": f"http://localhost:{port}"},
        )
    assert response.status_code == 200, response.text


# ------------------------------------------------------------------ DNS rebinding: Host
@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example"])
def test_a_foreign_host_is_refused(served, host):
    host = host.format(port=port_of(served))
    with client() as http:
        for response in (
            http.get(served.url, params={"query": ASK}, headers={"Host": host}),
            http.post(served.url, data={"query": NOT_SPARQL}, headers={"Host": host}),
            http.get(served.base + "/", headers={"Host": host}),
        ):
            assert response.status_code == 421, response.text
            assert "does not answer for the host" in response.text


def test_the_loopback_host_on_another_port_is_refused(served):
    with client() as http:
        response = http.get(
            served.url,
            params={"query": ASK},
            headers={"Host": f"127.0.0.1:{port_of(served) + 1}"},
        )
    assert response.status_code == 421


def test_an_allowed_host_is_answered(open_server):
    with client() as http:
        for host in ("ogp.example", "ogp.example:8443"):
            response = http.get(open_server.url, params={"query": ASK}, headers={"Host": host})
            assert response.status_code == 200, response.text
        response = http.get(open_server.url, params={"query": ASK}, headers={"Host": "x.example"})
        assert response.status_code == 421


# ------------------------------------------------------------------ CORS
def test_no_cors_unless_asked(served):
    with client() as http:
        response = http.get(
            served.url, params={"query": ASK}, headers={"Origin": "http://evil.example"}
        )
        assert response.status_code == 200  # a GET runs; the page cannot read it
        assert not [h for h in response.headers if h.startswith("access-control-")]
        preflight = http.request(
            "OPTIONS",
            served.url,
            headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 405
        assert not [h for h in preflight.headers if h.startswith("access-control-")]


def test_cors_for_an_allowed_origin_only(open_server):
    with client() as http:
        preflight = http.request(
            "OPTIONS",
            open_server.url,
            headers={
                "Origin": "https://app.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.status_code == 204
        assert preflight.headers["access-control-allow-origin"] == "https://app.example"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        allowed = http.post(
            open_server.url,
            data={"query": ASK},
            headers={"Origin": "https://app.example", "Accept": "application/sparql-results+json"},
        )
        assert allowed.status_code == 200, allowed.text
        assert allowed.headers["access-control-allow-origin"] == "https://app.example"
        assert "Origin" in allowed.headers["vary"]
        foreign = http.post(
            open_server.url, data={"query": ASK}, headers={"Origin": "https://evil.example"}
        )
        assert foreign.status_code == 403
        assert "access-control-allow-origin" not in foreign.headers


# ------------------------------------------------------------------ paths and methods
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/favicon.ico", 204),
        ("GET", "/nothing/here", 404),
        ("POST", "/nothing", 404),
        ("DELETE", "/anything", 404),
        ("GET", "/static/none.js", 404),
        ("DELETE", "/sparql", 405),
        ("PUT", "/query", 405),
        ("POST", "/", 405),
    ],
)
def test_404_for_unknown_paths_405_for_a_wrong_method(served, method, path, status):
    with client() as http:
        response = http.request(method, served.base + path)
    assert response.status_code == status, response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    if status == 405:
        assert "allow" in response.headers


# ------------------------------------------------------------------ the second layer at start
def test_serve_reports_the_second_layer(served):
    err = "".join(served.stderr)
    if sandbox.unavailable() is None:
        assert "second layer: on" in err
    else:
        assert "second layer: off" in err and "WARNING: second layer off" in err


def test_help_says_what_the_second_layer_is(cli):
    result = cli("serve", "--help")
    text = " ".join(result.output.split())
    assert "seccomp" in text and "cannot reach the network" in text
    for option in ("--allow-host", "--allow-origin", "--max-query-bytes", "--read-timeout"):
        assert option in text


def test_a_bad_origin_option_is_a_usage_error(cli, root):
    result = cli("serve", "--allow-origin", "app.example", "--port", "0", root=root)
    assert result.exit_code == 2
    assert "not an origin" in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------- the new routes
def test_text_marked_trusted_is_still_checked_in_a_worker(loopback_spy):
    """Whatever a route sends (a stored query's text is Trusted in the package), the worker's
    guard parses it: SERVICE is refused, nothing reaches the network."""
    import pyoxigraph as ox

    from ogpgraph.core.guard import Trusted
    from ogpgraph.server.workers import Job, WorkerSettings, answer

    text = Trusted(f"SELECT * WHERE {{ SERVICE <{loopback_spy.url}> {{ ?s ?p ?o }} }}")
    outcome = answer(ox.Store(), Job(text, fmt="json"), WorkerSettings(sandbox=False))
    assert outcome.status == 400 and "SERVICE is refused" in outcome.message
    assert loopback_spy.connections == 0


def test_a_stored_query_parameter_is_bound_never_spliced():
    """A parameter value shaped like SPARQL stays one literal: the stored query's result is
    what it is for that literal (nothing), not the union the text would make."""
    import pyoxigraph as ox

    from ogpgraph.core.queries import get_stored
    from ogpgraph.server.workers import Job, WorkerSettings, answer

    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("https://e.org/a"),
            ox.NamedNode("http://purl.org/dc/terms/source"),
            ox.NamedNode("https://e.org/s"),
            ox.NamedNode("https://e.org/g"),
        )
    )
    query = str(get_stored("sources-of-fact").text)
    evil = ox.Literal('" } UNION { GRAPH ?graph { ?fact ?p ?source } } #')
    bound = answer(
        store, Job(query, fmt="csv", bindings=(("fact", evil),)), WorkerSettings(sandbox=False)
    )
    iri = answer(
        store,
        Job(query, fmt="csv", bindings=(("fact", "https://e.org/a"),)),
        WorkerSettings(sandbox=False),
    )
    assert bound.ok and bound.body.decode().strip().count("\n") == 0  # the header only
    assert iri.ok and "https://e.org/s" in iri.body.decode()


def test_dereferencing_reads_triple_patterns_only(loopback_spy):
    """A resource path is never query text: an IRI that looks like SPARQL is just unknown."""
    import pyoxigraph as ox

    from ogpgraph.server.workers import DescribeJob, WorkerSettings, answer

    iri = f"https://w3id.org/ogpgraph/x> }} SERVICE <{loopback_spy.url}> {{ ?s ?p ?o"
    outcome = answer(ox.Store(), DescribeJob(iri, "ttl"), WorkerSettings(sandbox=False))
    assert outcome.status == 404
    assert loopback_spy.connections == 0
