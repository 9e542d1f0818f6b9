"""The ASGI application: the SPARQL 1.1 Protocol, a read-only Graph Store, and the query page.

Routes:
    ``/sparql`` (and ``/query``)  queries by GET or POST; updates are refused (403).
    ``/update``                   always 403: the endpoint is read-only.
    ``/store``                    Graph Store Protocol: GET/HEAD read a graph; PUT, POST, DELETE
                                  and PATCH are refused (403).
    ``/``                         the query page (YASGUI, vendored: nothing from another host).
    ``/static/…``                 the page's scripts and styles.

Every query is checked before evaluation (:func:`ogpgraph.guard.check`: SERVICE, LOAD and
FROM anything outside the dataset give 400), then evaluated by a :class:`~.workers.WorkerPool`
under the server's time limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import QueryError, UnsafeQueryError
from ..guard import check
from .protocol import CONTENT_TYPES, ProtocolError, negotiate, offered, read_request
from .workers import Job, Outcome, WorkerPool

WRITE_METHODS = ["PUT", "POST", "DELETE", "PATCH"]
RDFLIB_DEFAULT_GRAPH = "urn:x-rdflib:default"
#: The largest query request body read (a query with a big VALUES block fits).
MAX_BODY = 16 << 20
_QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}

#: The page may load scripts, styles and data from this server only.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass
class EndpointConfig:
    """What the app needs to know about the dataset it serves."""

    graphs: list[str]
    triples: int
    timeout: float = 30.0
    title: str = "ogpgraph SPARQL endpoint"
    graph_sizes: dict[str, int] = field(default_factory=dict)


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


def create_app(pool: WorkerPool, config: EndpointConfig) -> Starlette:
    """The Starlette application over a running worker pool."""
    graphs = set(config.graphs)
    limiter = anyio.CapacityLimiter(max(pool.size * 8, 16))

    async def evaluate(job: Job) -> Outcome:
        return await anyio.to_thread.run_sync(pool.run, job, config.timeout, limiter=limiter)

    def answer(outcome: Outcome, fmt: str, method: str) -> Response:
        if not outcome.ok:
            headers = {"Retry-After": "5"} if outcome.status == 503 else None
            return _error(outcome.status, outcome.message, headers)
        body = b"" if method == "HEAD" else outcome.body
        return Response(
            body,
            media_type=CONTENT_TYPES[fmt],
            headers={"X-Content-Type-Options": "nosniff", "Vary": "Accept"},
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

    async def sparql(request: Request) -> Response:
        body = b""
        if request.method == "POST":
            chunks: list[bytes] = []
            size = 0
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    return _error(413, f"the request body is over {MAX_BODY >> 20} MiB")
                chunks.append(chunk)
            body = b"".join(chunks)
        try:
            req = read_request(
                request.method, request.url.query, request.headers.get("content-type"), body
            )
            if req.update is not None:
                return _error(403, READ_ONLY)
            if req.query is None:
                if "text/html" in request.headers.get("accept", ""):
                    return RedirectResponse("/", status_code=303)
                raise ProtocolError(400, "missing query: send ?query=… (GET) or a POST body")
            try:
                checked = check(req.query, allowed_graphs=graphs)
            except UnsafeQueryError as error:
                if error.message.startswith("SPARQL Update"):
                    return _error(403, READ_ONLY)
                raise ProtocolError(400, error.message) from None
            except QueryError as error:
                raise ProtocolError(400, str(error)) from None
            form = checked.form
            # rdflib's Dataset(SPARQLStore(…)) names "the default graph" urn:x-rdflib:default:
            # that is ours, the union of all graphs.
            defaults = tuple(g for g in req.default_graphs if g != RDFLIB_DEFAULT_GRAPH)
            check_graphs(defaults, "default-graph-uri")
            check_graphs(req.named_graphs, "named-graph-uri")
            kind = _QUERY_FORMS[form]
            fmt = negotiate(kind, request.headers.get("accept"))
            if fmt is None:
                raise ProtocolError(
                    406,
                    f"cannot give a {form} result as {request.headers.get('accept')!r}; "
                    f"available: {offered(kind)}",
                )
        except ProtocolError as error:
            return _error(error.status, error.message)
        job = Job(checked.text, fmt, defaults, req.named_graphs)
        return answer(await evaluate(job), fmt, request.method)

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
            job = Job("CONSTRUCT WHERE { ?s ?p ?o }", fmt)
        else:
            job = Job(
                "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                fmt,
                bindings=(("g", target),),
            )
        return answer(await evaluate(job), fmt, request.method)

    async def refuse(request: Request) -> Response:
        return _error(403, READ_ONLY)

    async def page(request: Request) -> Response:
        from .page import render_page

        return Response(
            render_page(config),
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"},
        )

    static_dir = resources.files("ogpgraph") / "server" / "static"
    routes: list[Any] = [
        Route("/", page, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", *WRITE_METHODS]),
        Route("/store", store, methods=["GET", *WRITE_METHODS]),
        Mount("/static", app=StaticFiles(directory=str(static_dir)), name="static"),
        Route("/{path:path}", refuse, methods=["PUT", "DELETE", "PATCH"]),
    ]
    return Starlette(routes=routes)
