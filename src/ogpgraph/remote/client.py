"""Talk to a remote SPARQL endpoint or Graph Store: queries for ``ogpgraph query --endpoint``,
and the HTTP client that ``ogpgraph publish`` uploads with.

Answers are parsed into pyoxigraph's result objects, so they print in exactly the formats of a
local query. Two things a remote store does that a local one does not are made visible:

* a row cap: Virtuoso silently cuts a result to its ``ResultSetMaxRows`` (10,000 by default) and
  says so only in an ``X-SPARQL-MaxRows`` header; a result whose size reaches a known cap is
  marked :attr:`RemoteResult.capped_at` and must not be trusted;
* authentication: HTTP Basic or Digest (Virtuoso's ``/sparql-graph-crud-auth`` wants Digest),
  answered when the server asks for it. The password is never a command-line option, never
  printed (every URL in a message goes through :func:`ogpgraph.core.sanitize.redact_url`), and never
  sent over plain ``http://`` to another machine unless asked (:func:`check_transport`).

>>> values_block({"c": "https://w3id.org/ogpgraph/nz/commitment/3"})
'VALUES (?c) { (<https://w3id.org/ogpgraph/nz/commitment/3>) }'
"""

from __future__ import annotations

import base64
import ipaddress
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx  # this module is imported only by publish and query --endpoint

from ogpgraph.core import formats
from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.sanitize import redact_url, redact_urls

#: Accept headers sent for each kind of query (a standard format first, others as fallback),
#: from the registry (:func:`ogpgraph.core.formats.accept_header`).
ACCEPT = {kind: formats.accept_header(kind) for kind in ("select", "ask", "graph")}
_KINDS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


class RemoteError(OgpgraphError):
    """A remote endpoint that cannot be reached, refuses us, or answers with an error."""


class CappedResultError(OgpgraphError):
    """A result cut at the server's row cap: printed, but the command exits 1."""

    exit_code = 1


class InsecureTransportError(OgpgraphError):
    """Credentials that would travel in clear text to another machine."""


# ------------------------------------------------------------------------------ authentication
def is_loopback(host: str | None) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1 (an IPv4-mapped loopback address too); no DNS."""
    if not host:
        return False
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def check_transport(url: str, *, credentials: bool, insecure: bool = False) -> None:
    """Refuse to send credentials (``--user``, or ``user:password@`` in the URL) over plain
    ``http://`` to a host that is not this machine, unless ``insecure``. Looks at the URL only:
    nothing is resolved or connected before the refusal.

    Raises:
        InsecureTransportError: exit 2, saying why and how to go on.
    """
    if insecure:
        return
    try:
        parts = httpx.URL(url)
    except httpx.InvalidURL as error:
        raise OgpgraphError(f"not a valid URL: {redact_url(url)}: {error}") from None
    credentials = credentials or bool(parts.userinfo)
    if not credentials or parts.scheme != "http" or is_loopback(parts.host):
        return
    raise InsecureTransportError(
        f"refusing to send credentials to {redact_url(url)} over plain http://: anyone on the "
        "network path could read a Basic password or attack a Digest answer",
        hint="Use an https:// address, or give --insecure if the network is trusted "
        "(credentials to 127.0.0.1 and localhost are always allowed).",
    )


class ChallengeAuth(httpx.Auth):
    """HTTP Basic or Digest, whichever the server's 401 challenge asks for (then kept)."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self.user = user
        self._token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self._digest = httpx.DigestAuth(user, password)
        self.scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.scheme == "basic":
            request.headers["Authorization"] = f"Basic {self._token}"
            yield request
            return
        if self.scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenges = [c.lower() for c in response.headers.get_list("www-authenticate")]
        if any(c.startswith("digest") for c in challenges):
            self.scheme = "digest"
            flow = self._digest.auth_flow(request)
            next(flow)  # the unauthenticated request we already sent
            try:
                retry = flow.send(response)  # the same request with its Digest answer
            except StopIteration:
                return
            yield retry
        elif any(c.startswith("basic") for c in challenges) or not challenges:
            self.scheme = "basic"
            request.headers["Authorization"] = f"Basic {self._token}"
            yield request


# ------------------------------------------------------------------------------ the client
class Client:
    """An HTTP client for one remote store, turning failures into clear :class:`RemoteError` s."""

    def __init__(
        self,
        *,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 120.0,
        insecure: bool = False,
    ) -> None:
        self.auth = ChallengeAuth(user, password or "") if user else None
        self.insecure = insecure
        self.http = httpx.Client(
            auth=self.auth,
            timeout=httpx.Timeout(timeout, connect=10.0),
            follow_redirects=True,
            headers={"User-Agent": "ogpgraph"},
            trust_env=False,
        )
        #: the row cap a server announced (Virtuoso's X-SPARQL-MaxRows), once seen
        self.max_rows: int | None = None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, url: str, *, what: str, **kwargs: Any) -> httpx.Response:
        """Send a request; raise :class:`RemoteError` for a network failure or an error status.

        Credentials over plain http to another machine are refused first
        (:func:`check_transport`); URLs in messages are redacted.
        """
        check_transport(url, credentials=self.auth is not None, insecure=self.insecure)
        shown = redact_url(url)
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.ConnectError as error:
            reason = _reason(error)
            raise RemoteError(
                f"cannot connect to {shown}: {reason}",
                hint="Is the server running, and is the address right?",
            ) from None
        except httpx.TimeoutException:
            raise RemoteError(f"{shown} did not answer in time ({what})") from None
        except httpx.HTTPError as error:
            raise RemoteError(f"{what} failed: {shown}: {redact_urls(str(error))}") from None
        cap = response.headers.get("x-sparql-maxrows")
        if cap and cap.strip().isdigit():
            self.max_rows = int(cap)
        if response.status_code >= 400:
            raise _status_error(response, url, what, self.auth)
        return response

    def query(self, endpoint: str, text: str, *, form: str) -> RemoteResult:
        """Send a query (POST, form-encoded, as every SPARQL 1.1 server accepts) and parse it.

        ``form`` is the query's form (SELECT, ASK, CONSTRUCT, DESCRIBE), as the guard found it.
        """
        kind = _KINDS.get(form)
        if kind is None:
            raise RemoteError(f"{form} is not a query: `ogpgraph query` sends queries only")
        response = self.request(
            "POST",
            endpoint,
            what="the query",
            data={"query": text},
            headers={"Accept": ACCEPT[kind]},
        )
        return parse_response(kind, response, self.max_rows)

    def select(self, endpoint: str, text: str) -> list[dict[str, Any]]:
        """Rows of a remote SELECT as dicts of Python values (as :meth:`KnowledgeGraph.select`)."""
        from ogpgraph.core.values import python_value

        result = self.query(endpoint, text, form="SELECT")
        if result.kind != "select":
            raise RemoteError("expected a SELECT result")
        names = [v.value for v in result.result.variables]
        return [{n: python_value(row[n]) for n in names} for row in result.rows]


def _reason(error: Exception) -> str:
    text = str(error)
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host"
    return redact_urls(text) or type(error).__name__


def _status_error(
    response: httpx.Response, url: str, what: str, auth: ChallengeAuth | None
) -> RemoteError:
    status = response.status_code
    url = redact_url(url)
    body = redact_urls(response.text.strip())
    if "html" in response.headers.get("content-type", ""):
        body = ""
    detail = f": {body[:500]}" if body else ""
    if status == 401:
        if auth is None:
            hint: str | None = (
                "Give --user NAME and the password in OGPGRAPH_PASSWORD (or at the prompt)."
            )
        else:
            hint = f"Check the password for {auth.user!r} (OGPGRAPH_PASSWORD) and its rights."
        return RemoteError(
            f"{url} refused the credentials (401 Unauthorized) for {what}", hint=hint
        )
    if status == 403:
        hint = (
            "The store may want credentials: give --user NAME (password in OGPGRAPH_PASSWORD)."
            if auth is None
            else None
        )
        return RemoteError(f"{url} forbids {what} (403 Forbidden){detail}", hint=hint)
    if status == 404:
        return RemoteError(
            f"nothing at {url} (404 Not Found) for {what}",
            hint="Check the address (for publish: --endpoint is the query endpoint, "
            "--graph-store the Graph Store Protocol endpoint).",
        )
    return RemoteError(f"{what} failed: {url} answered {status} {response.reason_phrase}{detail}")


# ------------------------------------------------------------------------------ results
@dataclass
class RemoteResult:
    """A parsed remote result: ``result`` is pyoxigraph's QuerySolutions or QueryBoolean, or for
    a graph, ``triples``; ``capped_at`` is set when the result reached the server's row cap."""

    kind: str
    result: Any = None
    rows: list[Any] = field(default_factory=list)
    triples: list[Any] = field(default_factory=list)
    capped_at: int | None = None
    #: a warning about the remote dataset (:func:`default_graph_warning`), for stderr
    warning: str | None = None

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)


class _Solutions:
    """A SELECT answer kept as the bytes the server sent, parsed afresh on each use: what
    :func:`ogpgraph.core.results.serialize_result` and :func:`~ogpgraph.core.results.result_table` need."""

    def __init__(self, data: bytes, results_format: Any) -> None:
        self._data = data
        self._format = results_format
        self.variables = list(self._parse().variables)

    def _parse(self) -> Any:
        import pyoxigraph as ox

        return ox.parse_query_results(self._data, format=self._format)

    def __iter__(self) -> Any:
        return iter(self._parse())

    def serialize(self, format: Any) -> bytes:
        return self._parse().serialize(format=format)


def _clean_bnodes(data: bytes) -> bytes:
    """Blank node labels that RDF allows: Virtuoso sends ``nodeID://b10001`` in JSON results."""
    import json
    import re

    if b'"bnode"' not in data:
        return data
    doc = json.loads(data)
    for row in doc.get("results", {}).get("bindings", []):
        for cell in row.values():
            if cell.get("type") == "bnode":
                cell["value"] = re.sub(r"[^A-Za-z0-9_]", "_", cell["value"]) or "b"
    return json.dumps(doc).encode("utf-8")


def parse_response(kind: str, response: httpx.Response, max_rows: int | None) -> RemoteResult:
    """Parse a query response by its Content-Type.

    Raises:
        RemoteError: an unreadable or unexpected answer.
    """
    import pyoxigraph as ox

    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    data = response.content
    try:
        if kind == "graph":
            if media in ("text/plain", ""):
                media = formats.get("ntriples").media_type
            syntax = formats.by_media_type(media, formats.rdf_formats())
            if syntax is None:
                raise RemoteError(f"the endpoint answered a graph query with {media!r}")
            triples = [q.triple for q in ox.parse(data, format=syntax.pyoxigraph_format())]
            return RemoteResult("graph", triples=triples)
        answer = formats.by_media_type(media, formats.results_formats())
        if answer is None:
            raise RemoteError(f"the endpoint answered a {kind.upper()} query with {media!r}")
        results_format = answer.pyoxigraph_format()
        if results_format == ox.QueryResultsFormat.JSON:
            data = _clean_bnodes(data)
        parsed = ox.parse_query_results(data, format=results_format)
        if isinstance(parsed, ox.QueryBoolean):
            return RemoteResult("ask", result=parsed)
        rows = list(parsed)
    except (SyntaxError, ValueError) as error:
        raise RemoteError(f"cannot read the endpoint's answer ({media}): {error}") from None
    result = RemoteResult("select", result=_Solutions(data, results_format), rows=rows)
    if max_rows is not None and len(rows) >= max_rows:
        result.capped_at = max_rows
    return result


def serialize(result: RemoteResult, fmt: str) -> str:
    """Print a remote result in the formats of ``ogpgraph query``, with the same serialisers
    (:mod:`ogpgraph.core.results`)."""
    from ogpgraph.core.results import serialize_result, serialize_triples

    if result.kind == "graph":
        return serialize_triples(result.triples, fmt).decode("utf-8")
    return serialize_result(result.result, fmt)


#: What ``query --endpoint`` says when a server's default graph is empty but its named graphs
#: are not (:func:`default_graph_warning`).
EMPTY_DEFAULT_GRAPH = (
    "the endpoint's default graph is empty, but its named graphs hold data: your own queries "
    "find nothing outside a GRAPH pattern there. The stored queries read the named graphs and are "
    "not affected. To make the default graph the union of the named graphs: start Oxigraph with "
    "`oxigraph serve --union-default-graph`, or set `tdb2:unionDefaultGraph true` in a Fuseki "
    "dataset's configuration (docs/own-store.md)."
)


def default_graph_warning(client: Client, endpoint: str) -> str | None:
    """:data:`EMPTY_DEFAULT_GRAPH` when the endpoint's default graph is empty and its named
    graphs are not (one ASK each, the second only when the first finds nothing); None otherwise,
    and when the server cannot answer them (the check must never stand in a query's way)."""
    from ogpgraph.core.queries import internal_query

    try:
        if bool(client.query(endpoint, internal_query("remote-default-graph"), form="ASK").result):
            return None
        named = client.query(endpoint, internal_query("remote-named-graphs"), form="ASK")
    except OgpgraphError:
        return None
    return EMPTY_DEFAULT_GRAPH if bool(named.result) else None


def values_block(bindings: Mapping[str, Any]) -> str:
    """A trailing ``VALUES`` block binding variables to terms (how bindings travel to a remote
    endpoint: terms are serialised by pyoxigraph, never formatted from text)."""
    import pyoxigraph as ox

    from ogpgraph.core.values import to_term

    names = list(bindings)
    terms = []
    for name in names:
        term = to_term(bindings[name])
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise OgpgraphError(f"cannot send a blank node as the value of ?{name}")
        terms.append(str(term))
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }}"


class RemoteGraph:
    """Just enough of :class:`~ogpgraph.dataset.store.KnowledgeGraph` (``select``) for
    :func:`ogpgraph.dataset.resolve.resolve_term` to look up short identifiers on a remote endpoint."""

    def __init__(self, client: Client, endpoint: str) -> None:
        self.client = client
        self.endpoint = endpoint
        #: indexes of the remote data (as :meth:`KnowledgeGraph.index`), fetched once per run
        self._indexes: dict[str, Any] = {}

    def select(self, sparql: str, **_bindings: Any) -> list[dict[str, Any]]:
        return self.client.select(self.endpoint, sparql)

    def index(self, name: str, make: Callable[[], Any]) -> Any:
        """The index ``name`` (e.g. ``identifiers``), made by ``make`` on first use."""
        if name not in self._indexes:
            self._indexes[name] = make()
        return self._indexes[name]


def run_query(
    endpoint: str,
    text: str,
    *,
    params: Mapping[str, str] | None = None,
    user: str | None = None,
    password: str | None = None,
    insecure: bool = False,
) -> RemoteResult:
    """Run ``text`` on a remote endpoint, with ``--param`` values bound by a VALUES block.

    Local rules still hold: SERVICE, LOAD and updates are refused before anything is sent.

    Raises:
        UnsafeQueryError, RemoteError.
    """
    from ogpgraph.core.guard import check
    from ogpgraph.dataset.resolve import resolve_bindings

    # parsed even when the package's own (Trusted) text: the remote needs its form, and gets the
    # canonical text with every IRI in full; refused before anything is sent
    text = str(text)
    checked = check(text, allowed_graphs=_remote_graph)
    with Client(user=user, password=password, insecure=insecure) as client:
        if params:
            graph = RemoteGraph(client, endpoint)
            bound = resolve_bindings(graph, params)
            text = text.rstrip() + "\n" + values_block(bound) + "\n"
            # Checked as a local query is, and sent as the guard's canonical text: every IRI in full,
            # so the project's predeclared prefixes need no declaring for the remote server.
            checked = check(text, allowed_graphs=_remote_graph)
        result = client.query(endpoint, checked.text, form=checked.form)
        result.warning = default_graph_warning(client, endpoint)
        return result


def _remote_graph(iri: str) -> bool:
    """FROM <iri> of a remote query are the remote dataset's business, but never files."""
    return iri.lower().startswith(("http://", "https://", "urn:"))
