"""``ogpgraph serve`` (a read-only SPARQL endpoint) and ``ogpgraph publish`` (upload to a store)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import OgpgraphError
from .options import insecure_option, root_option, store_option


@click.command()
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
    help="Seconds a query may run before it is stopped and answered with 503.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Query worker processes [default: the number of CPUs, between 2 and 4].",
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
    is stopped (503). Listens on 127.0.0.1 only unless --host says otherwise. Ctrl-C stops it.

    \b
    Examples:
      ogpgraph serve                       # http://127.0.0.1:7878/ (query page), /sparql
      ogpgraph serve --port 0 --open       # a free port, and open the page
      ogpgraph serve --store .store        # keep the store: a restart does not reload
      ogpgraph serve --timeout 10
      curl -H 'Accept: text/csv' --data-urlencode \\
           'query=SELECT * WHERE { ?c a ogp:Commitment }' http://127.0.0.1:7878/sparql
    """
    from ..server.run import bind, default_workers, prepare_store
    from ..server.run import serve as run_server

    sock = bind(host, port)  # first: a taken port fails before the data is loaded
    where = f"the store in {store_dir}" if store_dir else "a temporary store"
    click.echo(f"loading the dataset into {where}…", err=True)
    try:
        store = prepare_store(root, store_dir, timeout=timeout)
    except BaseException:
        sock.close()
        raise
    try:
        count = workers or default_workers()

        def ready(url: str) -> None:
            cfg = store.config
            click.echo(f"SPARQL endpoint: {url}/sparql")
            click.echo(f"query page:      {url}/")
            click.echo(
                f"{cfg.triples:,} triples in {len(cfg.graphs)} named graphs; queries stop after "
                f"{timeout:g} s; {count} workers. Ctrl-C stops the server.",
                err=True,
            )
            if host not in ("127.0.0.1", "localhost", "::1"):
                click.secho(
                    f"warning: listening on {host}: other machines can reach this endpoint",
                    fg="yellow",
                    err=True,
                )
            sys.stdout.flush()
            if open_browser:
                import webbrowser

                webbrowser.open(f"{url}/")

        run_server(store, sock, workers=count, on_ready=ready, access_log=access_log)
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
    1 when a count differs or cannot be trusted, 2 for an error (unreachable, 401, 404).

    \b
    Examples:
      ogpgraph publish --endpoint http://127.0.0.1:7878/query          # Oxigraph
      ogpgraph publish --endpoint http://localhost:3030/ogp/sparql     # Fuseki
      OGPGRAPH_PASSWORD=… ogpgraph publish --user dba \\
          --endpoint http://localhost:8890/sparql                       # Virtuoso
      ogpgraph publish --endpoint http://localhost:7200/repositories/ogp \\
          --graph-store http://localhost:7200/repositories/ogp/rdf-graphs/service
    """
    from ..publish import publish as run_publish
    from ..remote import check_transport
    from ..sanitize import redact_url, reveal_controls
    from .options import load_graph, password_for

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
