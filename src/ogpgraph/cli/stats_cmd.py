"""``ogpgraph stats``: triples per named graph, resources per class, the sources."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ogpgraph.cli.options import emit, load_graph, output_options, root_option, store_option


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
    from ogpgraph.core.output import print_rich_table, render

    tables = compute(load_graph(root, store_dir))
    if only:
        tables = {only: tables[only]}
    if fmt == "json":
        from ogpgraph.core.output import json_text

        emit(json_text({k: t.as_dicts() for k, t in tables.items()}), output)
        return
    if fmt == "table" and output is None and sys.stdout.isatty():
        for table in tables.values():
            print_rich_table(table)
        return
    emit("\n".join(render(t, fmt) for t in tables.values()), output)
