"""``ogpgraph build``: load, validate, write exports/ (or ``--check`` that it is up to date)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ogpgraph.cli.options import load_graph, root_option


@click.command()
@click.option(
    "--exports",
    "exports_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write [default: exports/ of the project].",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if the files in exports/ differ from what the code "
    "generates now (for CI).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress, only errors and the summary.")
@root_option
def build(exports_dir: Path | None, check: bool, quiet: bool, root: Path | None) -> None:
    """Load ontology/ and graph/, validate, and write every export to exports/:
    the dataset as TriG, N-Quads and JSON-LD (all named graphs) and as Turtle and N-Triples
    (their union), its DCAT/VoID description, and the reports and views of the later steps.

    Files are written atomically and only when their bytes change; the same input always gives
    the same bytes. Nothing is written when validation finds errors (exit 1).

    \b
    Examples:
      ogpgraph build
      ogpgraph build --check          # exit 1 if exports/ is stale
      ogpgraph build --exports /tmp/out
    """
    from ogpgraph.build import check as compare
    from ogpgraph.build import generate, leftovers, validate_or_fail, write
    from ogpgraph.core.files import shown

    kg = load_graph(root, quiet=quiet)
    target = exports_dir or kg.project.exports_dir
    show = not quiet and sys.stderr.isatty()
    if show:
        from rich.console import Console
        from rich.progress import Progress

        console = Console(stderr=True)
        with console.status("validating…"):
            validate_or_fail(kg)
        from ogpgraph.build import artifacts

        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("generating exports", total=len(artifacts()))
            outputs = generate(
                kg,
                progress=lambda a: progress.update(
                    task, advance=1, description=f"generated {a.name}"
                ),
            )
    else:
        validate_or_fail(kg)
        outputs = generate(kg)
    if check:
        differences = compare(outputs, target)
        if differences:
            for d in differences:
                click.echo(f"stale: {shown(target / d.name)} ({d.status})", err=True)
            click.echo(
                "exports/ is not what `ogpgraph build` generates now: run it and commit.", err=True
            )
            raise SystemExit(1)
        click.echo(f"exports are up to date ({len(outputs)} files in {shown(target)})")
        return
    gone = leftovers(outputs, target)
    written = write(outputs, target)
    click.echo(
        f"validated {len(kg):,} triples in {len(kg.graph_names())} named graphs; "
        f"wrote {len(written)} of {len(outputs)} files to {shown(target)}"
        + (" (the others were unchanged)" if len(written) < len(outputs) else "")
        + (f"; removed {len(gone)} no longer generated" if gone else "")
    )
