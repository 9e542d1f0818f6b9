"""``ogpgraph diff``: what changed between two versions of the dataset."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import emit, output_options, root_option


@click.command()
@click.argument("old")
@click.argument("new")
@output_options(
    "report",
    extra=("table", "json", "html"),
    help="table: aligned text; json: every change and graph count; html: a "
    "self-contained page (nothing fetched, every value escaped).",
)
@root_option
def diff(old: str, new: str, fmt: str, output: Path | None, root: Path | None) -> None:
    """What changed from OLD to NEW: added and removed members, action plans, commitments,
    focus areas, results, recommendations and case studies; changed completion levels and
    statuses (assessments); new, removed or changed recommendation links; changed labels; and
    the triples added and removed in each named graph.

    OLD and NEW are each a dump file (.trig, .nq, .ttl, .nt, .jsonld — e.g.
    exports/ogpgraph.nq), a project folder, or a git revision of the project (its graph/ and
    ontology/ are read with git archive; the working tree is not touched).

    \b
    Examples:
      ogpgraph diff HEAD~1 HEAD
      ogpgraph diff v0.1.0 . --format html -o changes.html
      ogpgraph diff old/ogpgraph.nq exports/ogpgraph.nq --format json
    """
    from ogpgraph.diff.compare import diff as compute
    from ogpgraph.diff.compare import render

    emit(render(compute(old, new, root), fmt), output)
