"""``ogpgraph links``: check the recommendation link tables TINZ and government edit."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import root_option


@click.group()
def links() -> None:
    """The recommendation link tables under graph/links/ (one CSV per asserter).

    \b
    Examples:
      ogpgraph links check
      ogpgraph links check graph/links/tinz.csv
    """


@links.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "-F",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@root_option
def check(files: tuple[Path, ...], fmt: str, root: Path | None) -> None:
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
    from ogpgraph.core.project import find_project
    from ogpgraph.dataset.links import check_links
    from ogpgraph.dataset.store import KnowledgeGraph, discover

    project = find_project(root)
    # Load the RDF only: the tables are what is being checked.
    kg = KnowledgeGraph.load_files(project, [sf for sf in discover(project) if sf.format != "csv"])
    targets = list(files) or sorted(project.links_dir.glob("*.csv"))
    if not targets:
        raise click.UsageError(f"no links files given and none in {project.links_dir}")
    problems = []
    for path in targets:
        if not path.is_file():
            raise click.BadParameter(f"{path} does not exist", param_hint="FILES")
        problems.extend(check_links(path, kg))
    if fmt == "json":
        from ogpgraph.core.findings import render_findings
        from ogpgraph.dataset.links import LINK_FIELDS

        click.echo(render_findings(problems, "json", LINK_FIELDS), nl=False)
    else:
        from ogpgraph.core.sanitize import reveal_controls

        for problem in problems:  # every problem in a links table is an error: no severity shown
            click.echo(reveal_controls(f"{problem.location}: {problem.message}"))
        click.echo(
            f"{len(targets)} file(s) checked: "
            + (f"{len(problems)} problem(s)" if problems else "no problems")
        )
    raise SystemExit(1 if problems else 0)
