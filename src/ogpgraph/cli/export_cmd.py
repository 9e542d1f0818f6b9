"""``ogpgraph export html``: draw any part of the graph as a self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import emit, load_graph, output_option, root_option, store_option

VIEW_NAMES = ("coverage", "recommendations", "agencies", "graph")


@click.group()
def export() -> None:
    """Export parts of the graph for use elsewhere.

    \b
    Examples:
      ogpgraph export html --view coverage -o coverage.html
      ogpgraph export html --around commitment-3 --depth 2 -o commitment-3.html
      ogpgraph export html --query links.rq -o links.html
    """


@export.command("html")
@click.option(
    "--view",
    "view",
    type=click.Choice(VIEW_NAMES),
    help="A named view: the same page `ogpgraph build` writes.",
)
@click.option(
    "--around",
    "around",
    metavar="IRI-or-ID",
    help="The neighbourhood of one node: a short identifier (commitment-3) or an IRI.",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="With --around: how many steps out, in either direction.",
)
@click.option(
    "--query",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE.rq",
    help="A SPARQL CONSTRUCT (its triples), or a SELECT with ?source, ?target and "
    "?relation columns (or ?s ?o ?p).",
)
@click.option("--title", help="The page title [default: the view's].")
@click.option(
    "--max-nodes",
    type=click.IntRange(min=10),
    default=None,
    metavar="N",
    help="Draw at most N nodes; beyond that, the least connected are grouped per kind "
    "with a notice [default: 2000].",
)
@output_option
@root_option
@store_option
def html(
    view: str | None,
    around: str | None,
    depth: int,
    query_file: Path | None,
    title: str | None,
    max_nodes: int | None,
    output: Path | None,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """Draw a view, the neighbourhood of a node, or a query's result as one HTML page that works
    offline: vis-network inline, nothing loaded from the network, search, filter by kind,
    tooltips with each node's source, click to highlight neighbours. Written atomically to
    FILE (-o), or to standard output.

    Exactly one of --view, --around or --query.

    \b
    Examples:
      ogpgraph export html --view recommendations -o recs.html
      ogpgraph export html --around commitment-3 --depth 2 -o commitment-3.html
      ogpgraph export html --around https://w3id.org/ogpgraph/nz/bps-result/5 -o result-5.html
      ogpgraph export html --query my-construct.rq --title "My query" -o mine.html
    """

    chosen = [
        name
        for name, value in (("--view", view), ("--around", around), ("--query", query_file))
        if value
    ]
    if len(chosen) != 1:
        raise click.UsageError(
            "give exactly one of --view, --around or --query"
            + (f" (got {', '.join(chosen)})" if chosen else "")
        )
    from ogpgraph.pages.artifacts import render
    from ogpgraph.pages.visdata import MAX_NODES

    kg = load_graph(root, store_dir, lenient=True)
    if view:
        from ogpgraph.pages.selections import named_view

        selection = named_view(kg, view)
    elif around:
        from ogpgraph.dataset.resolve import resolve_id
        from ogpgraph.pages.selections import around as around_node

        selection = around_node(kg, resolve_id(kg, around), depth)
    else:
        from ogpgraph.pages.query import from_query

        assert query_file is not None
        from ogpgraph.core.files import read_text

        text = read_text(query_file)
        selection = from_query(kg, text, name=query_file.stem)
    if title:
        selection.title = title
    page = render(selection, max_nodes=max_nodes or MAX_NODES, source=kg)
    emit(page.encode("utf-8"), output)
