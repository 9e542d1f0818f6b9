"""The ASGI application: the SPARQL 1.1 Protocol, a read-only Graph Store, and the query page.

Routes:
    ``/sparql`` (and ``/query``)  queries by GET or POST (``format=`` or Accept); updates are
                                  refused (403); GET without a query: the SPARQL 1.1 Service
                                  Description (:mod:`.service`).
    ``/update``                   always 403: the endpoint is read-only.
    ``/store``                    Graph Store Protocol: GET/HEAD read a graph; PUT, POST, DELETE
                                  and PATCH are refused (403).
    ``/``                         the query page (YASGUI, vendored: nothing from another host).
    ``/queries``, ``/queries/NAME`` the stored queries as pages, ``/queries/NAME.csv?param=…``
                                  (``.tsv``, ``.json``, ``.xml``) their results (:mod:`.stored`).
    ``/static/…``                 the page's scripts and styles.
    ``/favicon.ico``              204: no icon.
    ``/<path>``                   linked data: the IRI ``BASE + path`` (``/nz/commitment/3``)
                                  dereferenced with content negotiation (HTML, Turtle, JSON-LD,
                                  N-Triples; or a ``.html``/``.ttl``/``.jsonld``/``.nt`` suffix);
                                  ``/ontology`` gives the ontology, ``/graph/NAME`` a named graph.
                                  404 when nothing is known about the IRI.
A known path with a method it does not take is 405; any other path is 404.

The event loop does no query work: it reads the request within the limits (size, read time),
and sends the raw text with the Accept header and the dataset parameters to a
:class:`~.workers.WorkerPool`, where the guard (:func:`ogpgraph.core.guard.check`: SERVICE, LOAD,
updates and FROM outside the dataset give 400), negotiation, evaluation and serialisation run.

Before any of that, :class:`RequestPolicy` refuses what a web page could send on a user's behalf:
a ``Host`` that is not this server (DNS rebinding: 421), and a POST from another origin
(``Origin``, or without one a foreign ``Referer`` or ``Sec-Fetch-Site``: 403). No CORS header is
sent unless origins were allowed (``--allow-origin``), and then only to those.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Match, Mount, Route
from starlette.staticfiles import StaticFiles

from ogpgraph.core import namespaces as ns
from ogpgraph.core.queries import internal_query
from ogpgraph.server.protocol import (
    RESOURCE_TYPES,
    ProtocolError,
    negotiate,
    negotiate_among,
    offered,
    read_request,
    size_text,
)
from ogpgraph.server.workers import DescribeJob, Job, Outcome, WorkerPool

log = logging.getLogger("ogpgraph.server")

WRITE_METHODS = ["PUT", "POST", "DELETE", "PATCH"]
RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"
#: Default largest query: request body (POST) or query string (GET), in bytes as sent.
MAX_QUERY_BYTES = 256 << 10
#: Default largest result body.
MAX_RESULT_BYTES = 64 << 20
#: Default seconds a client has to send its request headers, and again its body.
READ_TIMEOUT = 10.0

#: The page may load scripts, styles and data from this server only.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass
class EndpointConfig:
    """What the app needs to know about the dataset it serves, and its limits."""

    graphs: list[str]
    triples: int
    timeout: float = 30.0
    title: str = "ogpgraph SPARQL endpoint"
    graph_sizes: dict[str, int] = field(default_factory=dict)
    #: short identifier -> IRI, for stored-query parameters (``fact=commitment-3``)
    identifiers: dict[str, str] = field(default_factory=dict)
    max_query_bytes: int = MAX_QUERY_BYTES
    read_timeout: float = READ_TIMEOUT


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(
        message.rstrip("\n") + "\n",
        status_code=status,
        headers={"X-Content-Type-Options": "nosniff", **(headers or {})},
    )


READ_ONLY = (
    "this endpoint is read-only: SPARQL Update and Graph Store writes are refused; "
    "edit the files under graph/ and restart `ogpgraph serve` instead"
)


# ---------------------------------------------------------------------------- request policy
def _split_host(value: str) -> tuple[str, int | None]:
    """``host[:port]`` (IPv6 in brackets) as (lower-case host, port or None).

    >>> _split_host("LocalHost:7878"), _split_host("[::1]:80"), _split_host("example.org")
    (('localhost', 7878), ('[::1]', 80), ('example.org', None))
    """
    value = value.strip().lower()
    host, sep, port = value.rpartition(":")
    if not sep or "]" in port or not port.isdigit():
        return value, None
    return host, int(port)


@dataclass(frozen=True)
class HostRules:
    """Which ``Host`` headers are this server: name and port.

    The defaults are the bound address and the loopback names, each with the bound port (or
    none at all when the port is 80). ``extra`` names (``--allow-host``) are taken with any port,
    or only with the one they give.

    >>> rules = HostRules.for_server("127.0.0.1", 7878, ["ogp.example"])
    >>> [rules.allows(h) for h in ("localhost:7878", "127.0.0.1:9999", "evil.example:7878")]
    [True, False, False]
    >>> rules.allows("ogp.example"), rules.allows("ogp.example:443")
    (True, True)
    """

    exact: frozenset[tuple[str, int | None]]
    any_port: frozenset[str]

    @classmethod
    def for_server(cls, bound: str, port: int, extra: Iterable[str] = ()) -> HostRules:
        names = {"localhost", "127.0.0.1", "[::1]"}
        names.add(f"[{bound.lower()}]" if ":" in bound else bound.lower())
        exact: set[tuple[str, int | None]] = {(name, port) for name in names}
        if port == 80:
            exact |= {(name, None) for name in names}
        any_port = set()
        for item in extra:
            host, given = _split_host(item)
            if given is None:
                any_port.add(host)
            else:
                exact.add((host, given))
        return cls(frozenset(exact), frozenset(any_port))

    def allows(self, value: str) -> bool:
        host, port = _split_host(value)
        return host in self.any_port or (host, port) in self.exact


def _origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL or an Origin header, lower-case ('null' stays)."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip().lower()
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


@dataclass(frozen=True)
class AccessPolicy:
    """Who may send what: allowed hosts, and origins allowed besides the server's own."""

    hosts: HostRules
    origins: frozenset[str] = frozenset()


CORS_METHODS = "GET, POST"
CORS_HEADERS = "Accept, Content-Type"


class RequestPolicy:
    """ASGI middleware: Host check on every request, Origin check on writes, CORS only if asked.

    Refusals are answered here, before routing: nothing is read and no query runs.
    """

    def __init__(self, app: Any, policy: AccessPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host")
        if host is not None and not self.policy.hosts.allows(host):
            response = _error(
                421,
                f"this server does not answer for the host {host!r}: requests must name it by "
                "its own address (a page on another site, or a DNS-rebound name, cannot use "
                "it); allow a name with `ogpgraph serve --allow-host NAME`",
            )
            await response(scope, receive, send)
            return
        own = f"http://{host.lower()}" if host else None
        origin = headers.get("origin")
        allowed = origin is not None and (
            _origin(origin) == own or _origin(origin) in self.policy.origins
        )
        method = scope["method"]
        if method not in ("GET", "HEAD", "OPTIONS"):
            refusal = self._foreign(headers, origin, allowed, own)
            if refusal:
                response = _error(
                    403,
                    f"cross-site request refused: {refusal}; POST from a page on this server, "
                    "without browser headers (curl, scripts), or allow the page's origin with "
                    "`ogpgraph serve --allow-origin ORIGIN`",
                )
                await response(scope, receive, send)
                return
        cors = origin if origin is not None and _origin(origin) in self.policy.origins else None
        if cors is not None and method == "OPTIONS" and "access-control-request-method" in headers:
            if scope["path"] in ("/sparql", "/query"):
                response = Response(
                    status_code=204,
                    headers={
                        "Access-Control-Allow-Origin": cors,
                        "Access-Control-Allow-Methods": CORS_METHODS,
                        "Access-Control-Allow-Headers": CORS_HEADERS,
                        "Access-Control-Max-Age": "600",
                        "Vary": "Origin",
                    },
                )
                await response(scope, receive, send)
                return
        if cors is None:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [
                    *message.get("headers", []),
                    (b"access-control-allow-origin", cors.encode("latin-1")),
                    (b"vary", b"Origin"),
                ]
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _foreign(
        self, headers: dict[str, str], origin: str | None, allowed: bool, own: str | None
    ) -> str | None:
        """Why a write request comes from another site, or None."""
        if origin is not None:
            return None if allowed else f"Origin {origin!r} is not this server"
        site = headers.get("sec-fetch-site", "").lower()
        if site in ("cross-site", "same-site"):
            return f"Sec-Fetch-Site: {site}"
        referer = headers.get("referer")
        if referer:
            source = _origin(referer)
            if source != own and source not in self.policy.origins:
                return f"Referer from {source!r}, not this server"
        return None


# ---------------------------------------------------------------------------- the app
def create_app(pool: WorkerPool, config: EndpointConfig, policy: AccessPolicy | None = None) -> Any:
    """The ASGI application over a running worker pool (wrapped in the request policy)."""
    graphs = set(config.graphs)
    limit = config.max_query_bytes

    async def evaluate(request: Request, job: Job | DescribeJob) -> Outcome | None:
        """The pool's outcome, or None when the client left first (its query is stopped)."""
        work = asyncio.ensure_future(pool.run(job, config.timeout))
        gone = asyncio.ensure_future(_disconnected(request))
        done, _ = await asyncio.wait({work, gone}, return_when=asyncio.FIRST_COMPLETED)
        if work in done:
            gone.cancel()
            return work.result()
        work.cancel()
        await asyncio.gather(work, return_exceptions=True)
        _log_gone(request, "before its answer; its query was stopped")
        return None

    def answer(outcome: Outcome | None, method: str) -> Response:
        if outcome is None:
            return Response(status_code=204)  # nobody is there to read it
        if not outcome.ok:
            headers = {"Retry-After": "5"} if "busy" in outcome.message else None
            return _error(outcome.status, outcome.message, headers)
        body = b"" if method == "HEAD" else outcome.body
        return Response(
            body,
            headers={
                "Content-Type": outcome.content_type,
                "X-Content-Type-Options": "nosniff",
                "Vary": "Accept",
            },
        )

    def check_graphs(names: tuple[str, ...], parameter: str) -> None:
        """Protocol dataset parameters must name graphs of this dataset (nothing is fetched)."""
        for name in names:
            if name not in graphs:
                raise ProtocolError(
                    400,
                    f"{parameter} <{name}> is not a named graph of this dataset (nothing is "
                    f"fetched); the graphs are: {', '.join(sorted(graphs))}",
                )

    async def read_body(request: Request) -> bytes | Response:
        """The body within the size limit and the read timeout, or the refusal."""
        declared = request.headers.get("content-length")
        too_big = _error(
            413,
            f"the request body is over the server's limit of {size_text(limit)} "
            "(ogpgraph serve --max-query-bytes); it was not read",
        )
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return too_big  # before reading a byte (a client waiting on 100-continue sends none)
        chunks: list[bytes] = []
        size = 0
        try:
            with anyio.fail_after(config.read_timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > limit:
                        return too_big
                    chunks.append(chunk)
        except TimeoutError:
            return _error(
                408,
                f"the request body did not arrive within {config.read_timeout:g} s",
                {"Connection": "close"},
            )
        return b"".join(chunks)

    async def sparql(request: Request) -> Response:
        body = b""
        if request.method == "GET" and len(request.scope["query_string"]) > limit:
            return _error(
                414,
                f"the query string is over the server's limit of {size_text(limit)} "
                "(ogpgraph serve --max-query-bytes)",
            )
        if request.method == "POST":
            read = await read_body(request)
            if isinstance(read, Response):
                return read
            body = read
        try:
            req = read_request(
                request.method, request.url.query, request.headers.get("content-type"), body
            )
            if req.update is not None:
                return _error(403, READ_ONLY)
            if req.query is None:
                if "text/html" in request.headers.get("accept", ""):
                    return RedirectResponse("/", status_code=303)
                if request.method == "GET":
                    return service(request)
                raise ProtocolError(400, "missing query: send ?query=… (GET) or a POST body")
            # rdflib's Dataset(SPARQLStore(…)) names "the default graph" urn:x-rdflib:default:
            # that is ours, the union of all graphs.
            defaults = tuple(g for g in req.default_graphs if g != RDFLIB_DEFAULT_GRAPH)
            check_graphs(defaults, "default-graph-uri")
            check_graphs(req.named_graphs, "named-graph-uri")
        except ProtocolError as error:
            return _error(error.status, error.message)
        job = Job(
            req.query,
            accept=request.headers.get("accept"),
            fmt=req.format,
            default_graphs=defaults,
            named_graphs=req.named_graphs,
        )
        return answer(await evaluate(request, job), request.method)

    def service(request: Request) -> Response:
        """The SPARQL 1.1 Service Description (Turtle unless Accept asks another graph format)."""
        from ogpgraph.server.protocol import CONTENT_TYPES
        from ogpgraph.server.service import service_description

        fmt = negotiate("graph", request.headers.get("accept")) or "ttl"
        endpoint = str(request.url.replace(query="", fragment=""))
        body = b"" if request.method == "HEAD" else service_description(endpoint, config, fmt)
        return Response(
            body,
            headers={
                "Content-Type": CONTENT_TYPES[fmt],
                "X-Content-Type-Options": "nosniff",
                "Vary": "Accept",
            },
        )

    # ------------------------------------------------------------ stored queries as pages
    from ogpgraph.core.queries import stored_queries

    queries = stored_queries()

    def html(text: str, status: int = 200) -> Response:
        return Response(
            text,
            status_code=status,
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"},
        )

    async def query_list(request: Request) -> Response:
        from ogpgraph.server.stored import render_list

        return html(render_list(queries.values()))

    async def stored_query(request: Request) -> Response:
        from ogpgraph.core.errors import OgpgraphError
        from ogpgraph.dataset.resolve import term_for
        from ogpgraph.server.stored import DOWNLOADS, render_query, results_table

        name = request.path_params["name"]
        stem, dot, ext = name.rpartition(".")
        download = DOWNLOADS.get(ext) if dot else None
        if download is not None:
            name = stem
        q = queries.get(name)
        if q is None:
            return _error(
                404, f"no stored query named {name!r}; the stored queries are: {', '.join(queries)}"
            )
        params = request.query_params
        unknown = sorted(set(params) - set(q.params))
        values = {k: v for k, v in params.items() if k in q.params and v.strip()}

        def refuse(message: str) -> Response:
            if download is not None:
                return _error(400, message)
            return html(render_query(q, values, status="", error=message), 400)

        if download is None and not request.url.query and q.required:
            return html(render_query(q, values, status="Fill in its parameters and run it."))
        if unknown:
            return refuse(
                f"unknown parameter {', '.join(unknown)}: the stored query {q.name!r} takes "
                + (", ".join(q.params) or "no parameters")
            )
        missing = q.missing(values)
        if missing:
            return refuse(q.missing_message(missing) + ": fill it in and run the query again")
        try:
            terms = {
                k: term_for(v, lambda: config.identifiers, ns.PREFIXES) for k, v in values.items()
            }
        except OgpgraphError as error:
            return refuse(f"{error.message}{'. ' + error.hint if error.hint else ''}")
        except ValueError as error:  # pyoxigraph refused the term: say which value
            return refuse(f"not a valid IRI or value: {error}")
        # plain text: the worker's guard parses the stored query as any other; the values are
        # terms the engine substitutes, never text
        job = Job(str(q.text), fmt=download or "json", bindings=tuple(sorted(terms.items())))
        outcome = await evaluate(request, job)
        if download is not None:
            response = answer(outcome, request.method)
            if outcome is not None and outcome.ok:
                response.headers["Content-Disposition"] = f'attachment; filename="{q.name}.{ext}"'
            return response
        if outcome is None:
            return Response(status_code=204)
        if not outcome.ok:
            return html(render_query(q, values, status="", error=outcome.message), outcome.status)
        return html(render_query(q, values, status="", table=results_table(outcome.body)))

    # ------------------------------------------------------------ linked data
    from ogpgraph.dataset.describe import ONTOLOGY
    from ogpgraph.pages.resource import RDF_SUFFIXES, resource_path

    suffixes = {".html": "html", **RDF_SUFFIXES}
    #: the first path segments of the project's namespaces (nz, vocab, source, graph, ontology)
    spaces = {
        path.split("/")[0].split("#")[0]
        for path in filter(None, (resource_path(v) for v in ns.PREFIXES.values()))
    }

    async def favicon(request: Request) -> Response:
        return Response(status_code=204, headers={"X-Content-Type-Options": "nosniff"})

    async def linked(request: Request) -> Response:
        path = request.url.path.lstrip("/")
        if request.method not in ("GET", "HEAD"):
            # the other routes' paths with a method they do not take (this route matches all)
            for route in routes[:-1]:
                methods = getattr(route, "methods", None)
                if methods and route.matches(request.scope)[0] is not Match.NONE:
                    return _error(
                        405,
                        f"{request.method} is not accepted at {request.url.path}",
                        {"Allow": ", ".join(sorted(methods))},
                    )
            if path.split("/")[0] in spaces:
                return _error(405, READ_ONLY, {"Allow": "GET, HEAD"})
            return await not_found(request, Exception())
        fmt = None
        for suffix, name in suffixes.items():
            if path.endswith(suffix):
                path, fmt = path[: -len(suffix)], name
                break
        if not path:
            return await not_found(request, Exception())
        iri = ns.BASE + path
        if fmt is None:
            fmt = negotiate_among(RESOURCE_TYPES, request.headers.get("accept"))
            if fmt is None:
                return _error(
                    406, f"cannot give a resource as that type; available: {offered('resource')}"
                )
        whole = "ontology" if iri == ONTOLOGY else "graph" if iri in graphs else ""
        return answer(await evaluate(request, DescribeJob(iri, fmt, whole)), request.method)

    async def update(request: Request) -> Response:
        return _error(403, READ_ONLY)

    async def store(request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return _error(403, READ_ONLY)
        params = request.query_params
        target = params.get("graph")
        if target is None and "default" not in params:
            return _error(
                400, "name a graph: /store?graph=IRI, or /store?default for the union of all graphs"
            )
        if target is not None and target not in graphs:
            return _error(404, f"no named graph <{target}> in this dataset")
        fmt = negotiate("graph", request.headers.get("accept"))
        if fmt is None:
            return _error(406, f"cannot give a graph as that type; available: {offered('graph')}")
        if target is None:
            # plain text again: the worker parses every query for its form
            job = Job(str(internal_query("server-union-graph")), fmt=fmt)
        else:
            job = Job(
                str(internal_query("server-named-graph")),
                fmt=fmt,
                bindings=(("g", target),),
            )
        return answer(await evaluate(request, job), request.method)

    async def page(request: Request) -> Response:
        from ogpgraph.server.page import render_page

        return Response(
            render_page(config),
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"},
        )

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(
            404,
            f"nothing at {request.url.path}: the endpoint is /sparql, the page /, the stored "
            "queries /queries, and resources are at their IRI's path (/nz/commitment/3)",
        )

    async def wrong_method(request: Request, exc: Exception) -> Response:
        allow = getattr(exc, "headers", None) or {}
        return _error(405, f"{request.method} is not accepted at {request.url.path}", allow)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        return _error(status, str(getattr(exc, "detail", "")) or "error")

    static_dir = resources.files("ogpgraph") / "server" / "static"
    routes: list[Any] = [
        Route("/", page, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", *WRITE_METHODS]),
        Route("/store", store, methods=["GET", *WRITE_METHODS]),
        Mount("/static", app=StaticFiles(directory=str(static_dir)), name="static"),
        Route("/favicon.ico", favicon, methods=["GET"]),
        Route("/queries", query_list, methods=["GET"]),
        Route("/queries/{name}", stored_query, methods=["GET"]),
        Route("/{path:path}", linked, methods=["GET", "OPTIONS", *WRITE_METHODS]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={404: not_found, 405: wrong_method, HTTPException: http_error},
    )
    if policy is None:
        policy = AccessPolicy(HostRules.for_server("127.0.0.1", 0))
    return Quiet(RequestPolicy(app, policy))


async def _disconnected(request: Request) -> None:
    """Return once the client has gone (the body was read already)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


def _log_gone(request: Request, what: str) -> None:
    client = request.client
    who = f"{client.host}:{client.port}" if client else "a client"
    log.warning("client %s went away %s (%s %s)", who, what, request.method, request.url.path)


class Quiet:
    """ASGI middleware: a client that leaves mid-request is one log line, never a traceback;
    an unexpected error is one line and a 500, with the traceback at debug level only."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        started = False

        async def tracked(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except ClientDisconnect:
            _log_gone(Request(scope), "while sending its request")
        except (ConnectionError, anyio.BrokenResourceError, anyio.ClosedResourceError):
            _log_gone(Request(scope), "while its answer was sent")
        except Exception as error:
            log.error("error answering %s %s: %r", scope.get("method"), scope.get("path"), error)
            log.debug("details", exc_info=True)
            if not started and scope["type"] == "http":
                await _error(500, "internal error: see the server's log")(scope, receive, send)
