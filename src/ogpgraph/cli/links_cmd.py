"""``ogpgraph links``: check the recommendation link tables TINZ and government edit."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import emit, output_options, root_option


@click.group()
def links() -> None:
    """The recommendation link tables under graph/links/ (one CSV per asserter).

    \b
    Examples:
      ogpgraph links new tinz
      ogpgraph links check
      ogpgraph links check graph/links/tinz.csv
    """


@links.command("new")
@click.argument("name")
@root_option
def new(name: str, root: Path | None) -> None:
    """Start a links table: write graph/links/NAME.csv with the header row and one example
    row, commented out (a row whose first cell starts with # is skipped by links check and by
    loading). Refuses to overwrite an existing file (exit 2).

    \b
    Examples:
      ogpgraph links new tinz
      ogpgraph links check graph/links/tinz-2016.csv
    """
    from ogpgraph.dataset.links_template import new_project_table

    path = new_project_table(root, name)
    click.echo(f"wrote {path}: fill in one row per link, then run: ogpgraph links check {path}")


@links.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@output_options("report", extra=("text", "json"))
@root_option
def check(files: tuple[Path, ...], fmt: str, output: Path | None, root: Path | None) -> None:
    """Validate every row of links CSV files (default: all of graph/links/*.csv): unknown
    identifiers (with the closest known ones), unknown relation or status, missing rationale
    or date, duplicate rows. Exit 1 on any problem.

    \b
    Columns: recommendation, target, relation, status, rationale, evidence_source,
    asserted_by, asserted_on.

    \b
    Examples:
      ogpgraph links check
      ogpgraph links check my-links.csv --format json
    """
    from ogpgraph.core.output import json_text
    from ogpgraph.dataset.links_check import check_tables

    report = check_tables(root, files)
    emit(json_text(report.as_dicts()) if fmt == "json" else report.text(), output)
    raise SystemExit(0 if report.ok else 1)
