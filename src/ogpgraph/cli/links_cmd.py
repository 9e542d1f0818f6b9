"""``ogpgraph links``: start and check the tables TINZ and government edit (recommendation
links, status assessments)."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import emit, output_options, root_option


@click.group()
def links() -> None:
    """The tables TINZ and government edit: recommendation links under graph/links/, status
    assessments under graph/assessments/ and the pillars a recommendation touches under
    graph/pillars/ (CSV; any number of files per organisation).

    Rows are dated: an organisation's newest row about a link or a status is its position, the
    older ones its history. Several reviewers' rows of one date are one position when they
    agree; when they differ, mark the organisation's position with signed_off = yes.

    \b
    Examples:
      ogpgraph links new tinz
      ogpgraph links new tinz --statuses
      ogpgraph links check
      ogpgraph links check graph/links/tinz.csv
    """


@links.command("new")
@click.argument("name")
@click.option(
    "--statuses",
    is_flag=True,
    help="Start a status assessment table (graph/assessments/NAME.csv) instead of a links table.",
)
@root_option
def new(name: str, statuses: bool, root: Path | None) -> None:
    """Start a table: write graph/links/NAME.csv (or, with --statuses,
    graph/assessments/NAME.csv) with the header row and one example row, commented out (a row
    whose first cell starts with # is skipped by links check and by loading). Refuses to
    overwrite an existing file (exit 2).

    \b
    Examples:
      ogpgraph links new tinz
      ogpgraph links new tinz-2016 --statuses
      ogpgraph links check graph/assessments/tinz-2016.csv
    """
    from ogpgraph.dataset.links_template import new_project_table

    path = new_project_table(root, name, statuses=statuses)
    what = "status assessment" if statuses else "link"
    click.echo(f"wrote {path}: fill in one row per {what}, then run: ogpgraph links check {path}")


@links.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@output_options("report", extra=("text", "json"))
@root_option
def check(files: tuple[Path, ...], fmt: str, output: Path | None, root: Path | None) -> None:
    """Validate every row of the tables given (default: all of graph/links/*.csv,
    graph/assessments/*.csv and graph/pillars/*.csv) with the checks build runs: unknown identifiers (with the closest
    known ones), unknown relation or status, missing rationale or date, evidence sources,
    duplicate rows, and two positions of one organisation on one date (across every table).
    Exit 1 on any problem.

    A table outside graph/ is known by its header (a target column: links; a pillar column:
    pillars; a status column without either: status assessments). Files in the table folders
    that are not .csv or .tsv (an Excel workbook, Excel's Unicode text as .txt) are named with
    what to do: they are not read.

    \b
    Links columns: recommendation, target, relation, status, rationale, evidence_source,
    asserted_by, asserted_on, reviewer, signed_off, certainty, note.
    Status assessment columns: recommendation, status, rationale, evidence_source,
    asserted_by, asserted_on, reviewer, signed_off.
    Pillar columns: recommendation, pillar, rationale, evidence_source, asserted_by,
    asserted_on, reviewer, signed_off.
    evidence_source: a case study's identifier, a source IRI, a URL or a citation.
    asserted_on: YYYY-MM-DD, YYYY-MM or YYYY (31/12/2016 is read day/month/year).

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
