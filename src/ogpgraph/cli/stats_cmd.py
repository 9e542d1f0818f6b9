"""``ogpgraph stats``: triples per named graph, resources per class, the sources."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import load_graph, output_options, print_tables, root_option, store_option


@click.command()
@output_options("rows")
@click.option(
    "--only",
    type=click.Choice(["graphs", "classes", "sources"]),
    help="Show one of the three tables.",
)
@root_option
@store_option
def stats(
    fmt: str, only: str | None, output: Path | None, root: Path | None, store_dir: Path | None
) -> None:
    """Triples per named graph, resources per class, and the sources the facts cite.

    \b
    Examples:
      ogpgraph stats
      ogpgraph stats --only classes --format csv
      ogpgraph stats --format json
    """
    from ogpgraph.analysis.stats import stats as compute

    tables = compute(load_graph(root, store_dir, lenient=True))
    print_tables({only: tables[only]} if only else tables, fmt, output)
