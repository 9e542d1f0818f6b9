"""``ogpgraph serve`` (a read-only SPARQL endpoint) and ``ogpgraph publish`` (upload to a store)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from ogpgraph.cli.options import (
    insecure_option,
    root_option,
    store_option,
    warn_skipped_tables,
)
from ogpgraph.core.errors import OgpgraphError


class ByteSize(click.ParamType):
    """A size in bytes: ``262144``, ``256K``, ``64M``, ``1G`` (powers of 1024).

    >>> ByteSize().convert("256K", None, None), ByteSize().convert("64m", None, None)
    (262144, 67108864)
    """

    name = "SIZE"
    UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("IB").removesuffix("B")
        unit = text[-1:] if text[-1:] in ("K", "M", "G") else ""
        number = text[: len(text) - len(unit)]
        try:
            size = int(float(number) * self.UNITS[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size (bytes, or with K, M or G)", param, ctx)
        if size < 1024:
            self.fail(f"{value!r} is too small: at least 1K", param, ctx)
        return size


SECOND_LAYER_HELP = (
    "Second layer (Linux, x86-64 and AArch64): each query worker installs a seccomp filter "
    "before it takes a query, so the kernel refuses it any new socket (EPERM): even a query "
    "the guard wrongly let through cannot reach the network. Elsewhere it is off, and the "
    "server says so when it starts."
)


@click.command(epilog=SECOND_LAYER_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    "-p",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to listen on; 0 picks a free one (printed).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds a query may take, waiting for a worker included, before it is stopped and "
    "answered with 503.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="General query worker processes [default: the number of CPUs, between 2 and 4]; "
    "one more is kept for short queries.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME[:PORT]",
    help="Also answer requests whose Host is NAME (with any port, or only PORT), e.g. behind "
    "a reverse proxy [default: the bound address, localhost, 127.0.0.1 and [::1], with the "
    "port]. Other Host names get 421 (DNS rebinding). Repeatable.",
)
@click.option(
    "--allow-origin",
    "allow_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Accept POSTs from pages at ORIGIN (e.g. https://app.example) and send them CORS "
    "headers [default: none: only this server's own page may POST, and no CORS]. Repeatable.",
)
@click.option(
    "--max-query-bytes",
    type=ByteSize(),
    default="256K",
    show_default=True,
    help="Largest request: POST body or GET query string (413/414 beyond, the body unread).",
)
@click.option(
    "--max-result-bytes",
    type=ByteSize(),
    default="64M",
    show_default=True,
    help="Largest result; a larger one is stopped and answered with 422 (never cut).",
)
@click.option(
    "--read-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds a client has to send its request headers, and again its body; a slower "
    "connection is closed.",
)
@click.option(
    "--max-connections",
    type=click.IntRange(1, 100_000),
    default=512,
    show_default=True,
    help="Most open connections; past it new ones are closed at once.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the query page in a browser.")
@click.option("--access-log", is_flag=True, help="Log every request on standard error.")
@root_option
@store_option
def serve(
    host: str,
    port: int,
    timeout: float,
    workers: int | None,
    allow_hosts: tuple[str, ...],
    allow_origins: tuple[str, ...],
    max_query_bytes: int,
    max_result_bytes: int,
    read_timeout: float,
    max_connections: int,
    open_browser: bool,
    access_log: bool,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """Serve the dataset as a read-only SPARQL 1.1 endpoint, with a query page.

    The default graph is the union of every named graph; each source is also a named graph.
    Queries come by GET or POST (SPARQL 1.1 Protocol); results are negotiated (JSON, XML, CSV,
    TSV; Turtle, N-Triples, JSON-LD, RDF/XML). Updates and Graph Store writes are refused (403);
    SERVICE, LOAD and FROM <url or file> are refused (400); a query that runs past --timeout
    is stopped (503). Every query is parsed, checked and run in a worker process, never in the
    server. Requests naming another Host (421) or POSTed by a page of another site (403) are
    refused. Listens on 127.0.0.1 only unless --host says otherwise. Ctrl-C stops it. A links
    table with a bad row is left out, with a warning naming its file and row.

    Linked data: every IRI under https://w3id.org/ogpgraph/ dereferences at its path
    (/nz/commitment/3) as an HTML page, Turtle, JSON-LD or N-Triples (Accept, or a .ttl,
    .jsonld, .nt suffix); /ontology is the ontology. The stored queries are pages at /queries,
    their results downloads at /queries/NAME.csv?param=… (.tsv, .json, .xml). GET /sparql
    without a query gives the SPARQL 1.1 service description.

    \b
    Examples:
      ogpgraph serve                       # http://127.0.0.1:7878/ (query page), /sparql
      ogpgraph serve --port 0 --open       # a free port, and open the page
      ogpgraph serve --store .store        # keep the store: a restart does not reload
      ogpgraph serve --timeout 10 --max-result-bytes 16M
      ogpgraph serve --allow-origin https://app.example   # a web app may query it (CORS)
      curl -H 'Accept: text/turtle' http://127.0.0.1:7878/nz/commitment/3
      curl 'http://127.0.0.1:7878/queries/sources-of-fact.csv?fact=commitment-3'
      curl -H 'Accept: text/csv' --data-urlencode \\
           'query=SELECT * WHERE { ?c a ogp:Commitment }' http://127.0.0.1:7878/sparql
    """
    from ogpgraph.server.run import bind, default_workers, prepare_store
    from ogpgraph.server.run import serve as run_server

    for origin in allow_origins:
        if not re.match(r"^https?://[^/\s]+$", origin.rstrip("/")):
            raise click.BadParameter(
                f"{origin!r} is not an origin: give scheme://host[:port], e.g. https://app.example",
                param_hint="--allow-origin",
            )
    sock = bind(host, port)  # first: a taken port fails before the data is loaded
    where = f"the store in {store_dir}" if store_dir else "a temporary store"
    click.echo(f"loading the dataset into {where}…", err=True)
    try:
        store = prepare_store(root, store_dir, timeout=timeout, broken_tables="skip")
    except BaseException:
        sock.close()
        raise
    warn_skipped_tables(store.skipped_tables)
    store.config.max_query_bytes = max_query_bytes
    store.config.read_timeout = read_timeout
    try:
        count = workers or default_workers()

        def ready(url: str, second_layer: str) -> None:
            cfg = store.config
            click.echo(f"SPARQL endpoint: {url}/sparql")
            click.echo(f"query page:      {url}/")
            click.echo(
                f"{cfg.triples:,} triples in {len(cfg.graphs)} named graphs; queries stop after "
                f"{timeout:g} s; {count} workers and one for short queries. Ctrl-C stops the "
                "server.",
                err=True,
            )
            click.echo(f"second layer: {second_layer}", err=True)
            if store.skipped_tables:
                click.secho(
                    f"warning: {len(store.skipped_tables)} broken table(s) not loaded (see "
                    "above): answers leave their links out",
                    fg="yellow",
                    err=True,
                )
            if host not in ("127.0.0.1", "localhost", "::1"):
                click.secho(
                    f"warning: listening on {host}: other machines can reach this endpoint "
                    "(they must name it by an address given with --allow-host)",
                    fg="yellow",
                    err=True,
                )
            sys.stdout.flush()
            if open_browser:
                import webbrowser

                webbrowser.open(f"{url}/")

        run_server(
            store,
            sock,
            workers=count,
            on_ready=ready,
            access_log=access_log,
            allow_hosts=allow_hosts,
            allow_origins=tuple(o.rstrip("/") for o in allow_origins),
            max_result_bytes=max_result_bytes,
            max_connections=max_connections,
        )
    except RuntimeError as error:
        raise OgpgraphError(f"the endpoint could not start: {error}") from None
    finally:
        sock.close()
        store.cleanup()
    click.echo("stopped", err=True)


@click.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's SPARQL query endpoint (used to verify the counts).",
)
@click.option(
    "--graph-store",
    metavar="URL",
    help="Its SPARQL Graph Store Protocol endpoint [default: guessed from --endpoint for "
    "Oxigraph, Fuseki, GraphDB and Virtuoso].",
)
@click.option(
    "--user",
    metavar="NAME",
    help="User name; the password comes from OGPGRAPH_PASSWORD or a prompt.",
)
@insecure_option
@root_option
@store_option
def publish(
    endpoint: str,
    graph_store: str | None,
    user: str | None,
    insecure: bool,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """Upload the dataset to a SPARQL store, one named graph per source, and verify it.

    Each named graph is sent with HTTP PUT (SPARQL 1.1 Graph Store Protocol), replacing what
    the store held in that graph; then a COUNT per graph checks that the store holds every
    triple. A store that cuts results at a row cap (Virtuoso's ResultSetMaxRows) is detected:
    a count equal to the cap is reported as untrusted. Exit 0 when every graph is verified,
    1 when a count differs or cannot be trusted, 2 for an error (unreachable, 401, 404, or a
    links table with a bad row: nothing is sent, so a store never holds a dump missing a table).

    \b
    Examples:
      ogpgraph publish --endpoint http://127.0.0.1:7878/query          # Oxigraph
      ogpgraph publish --endpoint http://localhost:3030/ogp/sparql     # Fuseki
      OGPGRAPH_PASSWORD=… ogpgraph publish --user dba \\
          --endpoint http://localhost:8890/sparql                       # Virtuoso
      ogpgraph publish --endpoint http://localhost:7200/repositories/ogp \\
          --graph-store http://localhost:7200/repositories/ogp/rdf-graphs/service
    """
    from ogpgraph.cli.options import load_graph, password_for
    from ogpgraph.core.sanitize import redact_url, reveal_controls
    from ogpgraph.remote.client import check_transport
    from ogpgraph.remote.publish import publish as run_publish

    # refused before the password prompt, the load and any connection (a guessed graph store
    # has the endpoint's scheme and host)
    for url in (endpoint, graph_store):
        if url is not None:
            check_transport(url, credentials=user is not None, insecure=insecure)
    password = password_for(user)
    kg = load_graph(root, store_dir)

    def progress(graph: str, triples: int) -> None:
        click.echo(f"uploaded {triples:>8,} triples  <{graph}>", err=True)

    report = run_publish(
        kg,
        endpoint,
        graph_store=graph_store,
        user=user,
        password=password,
        progress=progress,
        insecure=insecure,
    )
    click.echo(f"graph store: {redact_url(report.graph_store)}")
    width = max((len(g.graph) for g in report.graphs), default=5)
    click.echo(f"{'graph':<{width}}  {'sent':>9}  {'counted':>9}  status")
    for g in report.graphs:
        counted = "" if g.counted is None else f"{g.counted:,}"
        click.echo(reveal_controls(f"{g.graph:<{width}}  {g.sent:>9,}  {counted:>9}  {g.status}"))
    click.echo(f"{len(report.graphs)} graphs, {report.triples:,} triples uploaded")
    for note in report.notes:
        click.secho(f"note: {note}", fg="yellow", err=True)
    if not report.ok:
        bad = [g.graph for g in report.graphs if not g.ok]
        click.secho(
            f"error: {len(bad)} graph(s) not verified: the store does not hold what was sent",
            fg="red",
            err=True,
        )
        sys.exit(1)
