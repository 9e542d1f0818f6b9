"""``ogpgraph import``: bring external data into the graph (the OGP commitments sheet)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ogpgraph.cli.options import output_options, root_option


@click.group("import")
def import_() -> None:
    """Import external data into graph/imports/, each source in its own named graph.

    \b
    Examples:
      ogpgraph import ogp-sheet commitments.csv
      ogpgraph import ogp-sheet commitments.csv --strict
    """


@import_.command("ogp-sheet")
@click.argument("sheet", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--strict",
    is_flag=True,
    help="Any problem (a skipped row or an ignored cell) is fatal: write nothing, exit 1.",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the import there [default: graph/imports of the project].",
)
@output_options(
    "report",
    extra=("table", "json"),
    help="Summary format (json includes every problem).",
    output=False,
)
@root_option
def ogp_sheet(
    sheet: Path, strict: bool, output_dir: Path | None, fmt: str, root: Path | None
) -> None:
    """Import the OGP's public commitments sheet (CSV): members, action plans, commitments,
    institutions, themes, the four OGP values as relevance claims and the IRM's assessments.

    Writes one file, graph/imports/ogp-sheet-<stem>.nq, in the named graph
    https://w3id.org/ogpgraph/graph/imports/ogp-sheet-<stem>. Commitments already in the graph
    (New Zealand's) are matched by OGP identifier, or by member, plan and number, and not
    duplicated. Columns may come in any order; header names ignore case and spaces.

    Each problem is reported by row (the header is row 1) and column. Rows that cannot be
    imported are listed and skipped; cells with unknown values are left out. Importing the same
    file twice changes nothing. Exit 0 on success (warnings allowed), 1 when --strict refuses
    the import, 2 when the file cannot be read or lacks a required column.

    \b
    Examples:
      ogpgraph import ogp-sheet commitments.csv
      ogpgraph import ogp-sheet commitments.csv --strict --format json
    """
    from ogpgraph.core.sanitize import reveal_controls
    from ogpgraph.sheet.importer import SheetFileError, import_sheet

    try:
        result = _run(import_sheet, sheet, root, strict, output_dir)
    except SheetFileError as error:
        for problem in error.problems:
            click.echo(reveal_controls(f"{sheet}: {problem}"), err=True)
        raise
    for problem in result.problems:
        click.echo(reveal_controls(f"{sheet}: {problem}"), err=True)
    if result.skipped_rows:
        click.echo(f"{sheet}: rows skipped: {_ranges(result.skipped_rows)}", err=True)
    if fmt == "json":
        from ogpgraph.core.output import json_text

        click.echo(json_text(result.as_dict()), nl=False)
    else:
        from ogpgraph.core.output import Table, render

        click.echo(
            render(
                Table(
                    ["", "count"],
                    [list(r) for r in result.summary()],
                    title=f"Import of {sheet.name}",
                ),
                "table",
            ),
            nl=False,
        )
    if result.refused:
        click.secho(
            f"error: --strict: {len(result.issues)} problem(s); nothing written, "
            f"{result.output} is unchanged",
            fg="red",
            err=True,
        )
        raise SystemExit(1)


def _run(
    import_sheet: Any, sheet: Path, root: Path | None, strict: bool, output_dir: Path | None
) -> Any:
    """Run the import, with a progress bar on a terminal."""
    if not sys.stderr.isatty():
        return import_sheet(sheet, root, strict=strict, output_dir=output_dir)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("loading the graph…", total=None)

        def progress(done: int, total: int) -> None:
            if done == 1 or done % 200 == 0 or done == total:
                bar.update(task, description=f"importing {sheet.name}", completed=done, total=total)

        return import_sheet(sheet, root, strict=strict, output_dir=output_dir, progress=progress)


def _ranges(numbers: list[int]) -> str:
    """'2, 5-7, 9' for [2, 5, 6, 7, 9]."""
    out: list[str] = []
    start = prev = None
    for n in numbers:
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    if start is not None:
        out.append(str(start) if start == prev else f"{start}-{prev}")
    return ", ".join(out)
