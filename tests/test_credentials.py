"""Credentials (issue 10, item 7): a password in a URL is never printed, and credentials never
travel over plain http:// to another machine unless --insecure is given. All traffic stays on
127.0.0.1; the refusals are checked to happen before any name lookup or connection."""

from __future__ import annotations

import socket

import pytest

from ogpgraph.remote.client import InsecureTransportError, check_transport, is_loopback

from . import serve_fixtures

mini_store = serve_fixtures.mini_store  # the fixture (assigned, so that pytest finds it here)

SMALL = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/nz/x> a ogp:Commitment ; rdfs:label "x"@en .
}
"""


def closed_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def no_network(monkeypatch):
    """Fail loudly on any name lookup or connection attempt (a tripwire, not a stand-in: the
    code under test is expected never to get that far)."""
    attempts: list[object] = []

    def lookup(*args, **kwargs):
        attempts.append(("getaddrinfo", args))
        raise AssertionError(f"name lookup attempted: {args}")

    real_connect = socket.socket.connect

    def connect(self, address):
        attempts.append(("connect", address))
        raise AssertionError(f"connection attempted: {address}")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield attempts
    monkeypatch.setattr(socket.socket, "connect", real_connect)


# ---------------------------------------------------------------- never echoed
def test_unreachable_endpoint_error_hides_the_password(cli):
    url = f"http://user:secret@127.0.0.1:{closed_port()}/sparql"
    result = cli("query", "--endpoint", url, "ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "secret" not in result.output
    assert "cannot connect to http://***@127.0.0.1:" in result.output
    assert "Traceback" not in result.output


def test_unreachable_publish_hides_the_password(cli, make_project):
    proj = make_project({"t/a.trig": SMALL})
    url = f"http://user:secret@127.0.0.1:{closed_port()}/query"
    result = cli("publish", "--endpoint", url, root=proj)
    assert result.exit_code == 2
    assert "secret" not in result.output
    assert "http://***@127.0.0.1:" in result.output


def test_publish_output_hides_the_password_in_the_url(cli, make_project, mini_store):
    """Credentials in the URL work (loopback, Basic) and the printed graph store is redacted."""
    proj = make_project({"t/a.trig": SMALL})
    server = mini_store(user="ann", password="s3cret")
    url = server.base.replace("http://", "http://ann:s3cret@") + "/query"
    result = cli("publish", "--endpoint", url, root=proj)
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output
    assert "graph store: http://***@127.0.0.1:" in result.output
    assert any(auth and auth.startswith("Basic ") for _m, _p, auth in server.requests)


def test_a_server_error_body_is_redacted_too(cli, mini_store):
    """What a server says back may quote the URL: redacted as well."""
    server = mini_store(status=500)
    url = server.base.replace("http://", "http://ann:s3cret@") + "/query"
    result = cli("query", "--endpoint", url, "ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "s3cret" not in result.output


# ---------------------------------------------------------------- no clear text to other hosts
def test_user_over_http_to_another_host_is_refused_before_any_connection(
    cli, root, monkeypatch, no_network
):
    monkeypatch.setenv("OGPGRAPH_PASSWORD", "secret")
    result = cli(
        "publish", "--endpoint", "http://example.invalid/sparql", "--user", "dba", root=root
    )
    assert result.exit_code == 2
    assert "refusing to send credentials to http://example.invalid/sparql over plain http://" in (
        result.output
    )
    assert "--insecure" in result.output and "https://" in result.output
    assert "secret" not in result.output and "Traceback" not in result.output
    assert no_network == []


def test_explicit_graph_store_over_http_is_checked_too(cli, root, monkeypatch, no_network):
    monkeypatch.setenv("OGPGRAPH_PASSWORD", "secret")
    result = cli(
        "publish",
        "--endpoint",
        "https://store.invalid/sparql",
        "--graph-store",
        "http://store.invalid/data",
        "--user",
        "dba",
        root=root,
    )
    assert result.exit_code == 2
    assert "http://store.invalid/data over plain http://" in result.output
    assert no_network == []


@pytest.mark.parametrize(
    "args",
    [
        ("--endpoint", "http://u:secret@example.invalid/sparql"),
        ("--endpoint", "http://example.invalid/sparql", "--user", "dba"),
    ],
)
def test_query_refuses_credentials_over_http(cli, monkeypatch, no_network, args):
    monkeypatch.setenv("OGPGRAPH_PASSWORD", "secret")
    result = cli("query", *args, "ASK { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "over plain http://" in result.output and "--insecure" in result.output
    assert "secret" not in result.output
    assert no_network == []


def test_loopback_over_http_is_allowed(cli, loopback_spy):
    """127.0.0.1 with credentials over http: sent (the spy answers nothing a query can read)."""
    url = loopback_spy.url.replace("http://", "http://u:secret@") + "sparql"
    result = cli("query", "--endpoint", url, "ASK { ?s ?p ?o }")
    assert loopback_spy.connections >= 1
    assert "over plain http" not in result.output
    assert "secret" not in result.output


def test_no_credentials_no_refusal():
    """Plain http without credentials to any host is the user's business: not refused here."""
    check_transport("http://example.invalid/sparql", credentials=False)


def test_check_transport_rules():
    for url in (
        "http://u:p@example.org/",
        "http://192.168.1.5:8890/sparql",
        "http://[2001:db8::1]/x",
        "http://localhost.example.org/",
    ):
        with pytest.raises(InsecureTransportError):
            check_transport(url, credentials=True)
        check_transport(url, credentials=True, insecure=True)  # --insecure: allowed
    for url in (
        "https://example.org/",
        "http://127.0.0.1:7878/",
        "http://127.8.9.1/",
        "http://localhost:3030/ds/sparql",
        "http://[::1]:7878/",
        "http://[::ffff:127.0.0.1]/",
    ):
        check_transport(url, credentials=True)
    assert not is_loopback("example.org") and not is_loopback(None)


def test_insecure_is_an_option_of_both_commands(cli):
    for command in ("query", "publish"):
        result = cli(command, "--help")
        assert "--insecure" in result.output
