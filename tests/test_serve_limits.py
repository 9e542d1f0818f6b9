"""`ogpgraph serve` under hostile load, with honest answers: an oversized body is refused unread
while a cheap query is answered; slow or silent connections are closed; a result over the limit
is an error, never a cut; clients that leave are one log line each, never a traceback.

Outcomes are asserted, not durations: the only bounds are generous multiples of the configured
read timeout, for "the server closed the connection by itself"."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from .serve_fixtures import ServeProcess

READ_TIMEOUT = 1.0
MAX_QUERY = 64 << 10
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def limited(root):
    server = ServeProcess(
        "--root",
        str(root),
        "--read-timeout",
        str(READ_TIMEOUT),
        "--max-query-bytes",
        "64K",
        "--max-result-bytes",
        "100K",
        "--timeout",
        "20",
    )
    yield server
    server.stop()


def client() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=30)


def address(server) -> tuple[str, int]:
    host, port = server.base.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def ask(server) -> int:
    with client() as http:
        response = http.post(
            server.url, data={"query": ASK}, headers={"Accept": "application/sparql-results+json"}
        )
    assert response.status_code != 200 or response.json()["boolean"] is True
    return response.status_code


def read_until_closed(sock: socket.socket, bound: float) -> bytes:
    """Everything the server sends until it closes (EOF or reset), within ``bound`` seconds."""
    sock.settimeout(bound)
    data = b""
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return data + b"<reset>"
        except TimeoutError:
            break
        if not chunk:
            return data + b"<eof>"
        data += chunk
    return data + b"<still open>"


# ------------------------------------------------------------------ request size
def test_a_10_mib_body_is_refused_while_a_cheap_query_is_answered(limited):
    host, port = address(limited)
    size = 10 << 20
    sock = socket.create_connection((host, port))
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/sparql-query\r\n"
        f"Content-Length: {size}\r\n\r\n"
    ).encode()
    sent = {"bytes": 0, "error": None}

    def send_body() -> None:
        chunk = b"SELECT * WHERE { ?s ?p ?o } # " + b"x" * 65000
        try:
            sock.sendall(head)
            while sent["bytes"] < size:
                piece = chunk[: size - sent["bytes"]]
                sock.sendall(piece)
                sent["bytes"] += len(piece)
        except OSError as error:  # the server may close once it has had enough
            sent["error"] = error

    sender = threading.Thread(target=send_body)
    sender.start()
    status = ask(limited)  # at the same time
    reply = read_until_closed(sock, 30)
    sender.join(30)
    sock.close()
    assert status == 200
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert b"over the server's limit of 64 KiB" in reply
    assert ask(limited) == 200


def test_a_chunked_body_over_the_limit_is_refused(limited):
    def body():
        yield b"SELECT * WHERE { ?s ?p ?o } #"
        for _ in range(40):
            yield b"x" * 4096

    with client() as http:
        response = http.post(
            limited.url, content=body(), headers={"Content-Type": "application/sparql-query"}
        )
    assert response.status_code == 413
    assert ask(limited) == 200


def test_a_get_query_over_the_limit_is_414(limited):
    import http.client
    from urllib.parse import quote

    conn = http.client.HTTPConnection(*address(limited), timeout=30)  # httpx caps URLs at 64K
    try:
        conn.request("GET", "/sparql?query=" + quote("ASK { ?s ?p ?o } # " + "x" * MAX_QUERY))
        response = conn.getresponse()
        text = response.read().decode()
    finally:
        conn.close()
    assert response.status == 414
    assert "--max-query-bytes" in text


def test_a_query_under_the_limit_is_answered(limited):
    query = "ASK { ?s ?p ?o } # " + "x" * (MAX_QUERY - 200)
    with client() as http:
        response = http.post(
            limited.url,
            content=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
        )
    assert response.status_code == 200, response.text


# ------------------------------------------------------------------ slow clients
@pytest.mark.parametrize(
    "send",
    [
        b"",  # connects and says nothing
        b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n",  # half a header
    ],
)
def test_a_slowloris_connection_is_closed(limited, send):
    sock = socket.create_connection(address(limited))
    sock.sendall(send)
    assert read_until_closed(sock, 10 * READ_TIMEOUT).endswith((b"<eof>", b"<reset>"))
    sock.close()


def test_a_trickled_header_is_closed(limited):
    """One byte every tenth of the timeout: each byte would reset a per-read timer."""
    sock = socket.create_connection(address(limited))
    sock.settimeout(0.5)
    header = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 400
    closed = False
    for byte in header:
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            closed = True
            break
        time.sleep(READ_TIMEOUT / 10)
        try:
            if sock.recv(1) == b"":
                closed = True
                break
        except TimeoutError:
            pass
        except ConnectionResetError:
            closed = True
            break
    sock.close()
    assert closed, "the trickling client was never closed"


def test_a_trickled_body_is_408(limited):
    host, port = address(limited)
    sock = socket.create_connection((host, port))
    sock.sendall(
        f"POST /sparql HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nASK".encode()
    )
    reply = read_until_closed(sock, 10 * READ_TIMEOUT)
    sock.close()
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert reply.endswith((b"<eof>", b"<reset>"))


def test_a_kept_alive_connection_still_works(limited):
    with client() as http:
        for _ in range(3):
            response = http.post(limited.url, data={"query": ASK})
            assert response.status_code == 200


# ------------------------------------------------------------------ result size
@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "text/csv"),
        ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle"),
    ],
)
def test_a_result_over_the_limit_is_an_error_never_a_cut(limited, query, accept):
    with client() as http:
        response = http.post(limited.url, data={"query": query}, headers={"Accept": accept})
        assert response.status_code == 422
        assert "over the server's limit of 100 KiB" in response.text
        assert "--max-result-bytes" in response.text
        small = http.post(
            limited.url, data={"query": query + " LIMIT 20"}, headers={"Accept": accept}
        )
        assert small.status_code == 200


def test_a_graph_store_read_over_the_limit_is_an_error(limited):
    with client() as http:
        response = http.get(limited.base + "/store?default", headers={"Accept": "text/turtle"})
    assert response.status_code == 422


# ------------------------------------------------------------------ clients that leave
def test_clients_that_leave_are_one_line_each_never_a_traceback(limited):
    host, port = address(limited)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    body = f"query={heavy}".encode()
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: {host}:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    before = len(limited.stderr)
    n = 300
    for i in range(n):
        sock = socket.create_connection((host, port))
        # half of them leave mid-body, half once the request is in
        sock.sendall(request if i % 2 else request[: len(request) - 10])
        sock.close()
    # the server is still answering, with its workers back
    deadline = time.monotonic() + 60
    while ask(limited) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert ask(limited) == 200
    time.sleep(0.5)
    lines = limited.stderr[before:]
    text = "".join(lines)
    assert "Traceback" not in text
    assert "Exception in ASGI application" not in text
    gone = [line for line in lines if "went away" in line]
    assert 0 < len(gone) <= n
    assert len(lines) == len(gone), text[:2000]
