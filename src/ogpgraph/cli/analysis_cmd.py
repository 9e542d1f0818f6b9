"""``ogpgraph coverage``, ``gaps``, ``agencies`` and ``report``: the questions officials and TINZ ask."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import (
    emit,
    load_graph,
    member_option,
    output_option,
    output_options,
    print_tables,
    root_option,
    store_option,
)
from ogpgraph.core.output import json_text
from ogpgraph.model import Kind


class GapKind(click.Choice):
    """A registered gap kind (:data:`ogpgraph.analysis.gaps.GAPS`), read when the option is
    parsed, so that a kind registered after this module was imported is a choice too."""

    name = "kind"

    def __init__(self, *extra: str) -> None:
        super().__init__((), case_sensitive=True)
        self.extra = extra

    @property
    def choices(self) -> tuple[str, ...]:
        from ogpgraph.analysis.gaps import GAPS

        return (*GAPS.ids(), *self.extra)

    @choices.setter
    def choices(self, _value: object) -> None:  # click's __init__ assigns it
        pass

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if value in self.choices:
            return value
        self.fail(f"unknown kind {value!r}; use one of: {', '.join(self.choices)}", param, ctx)


class RegistryHelpCommand(click.Command):
    """A command whose help text lists the registered gap kinds (``{kinds}`` in its docstring)
    as they are when the help is shown."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        import inspect

        from ogpgraph.analysis.gaps import kinds_help

        written = self.help
        self.help = inspect.cleandoc(written or "").replace("{kinds}", kinds_help())
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = written


@click.command()
@click.option(
    "--level",
    type=click.Choice([Kind.COMMITMENT.value, Kind.RESULT.value, "all"]),
    default=Kind.COMMITMENT.value,
    show_default=True,
    help="Rows: commitments and focus areas, results, or both.",
)
@click.option(
    "--layer",
    type=click.Choice(["claimed", "evidenced", "both"]),
    default="both",
    show_default=True,
    help="claimed: the Action Plan table (Annex 1 for results); evidenced: a case "
    "study demonstrates it; both: the difference.",
)
@output_options("rows", help="Output format (json lists every cell with its sources).")
@member_option
@root_option
@store_option
def coverage(
    level: str,
    layer: str,
    fmt: str,
    member: str | None,
    output: Path | None,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """The commitment × OGP value and grand-challenge matrix: what is claimed, what case studies
    evidence, and the difference.

    \b
    Cells (--layer both): ✓ claimed and evidenced, ✗ claimed but not evidenced,
    + evidenced but not claimed, · neither. With --layer claimed or evidenced: ✓ or ·.

    \b
    Examples:
      ogpgraph coverage
      ogpgraph coverage --level result --layer claimed
      ogpgraph coverage --level all --format json -o coverage.json
      ogpgraph coverage --format markdown
      ogpgraph coverage --level all --member nz
    """
    from ogpgraph.analysis.coverage import coverage as compute
    from ogpgraph.analysis.coverage import coverage_table

    cov = compute(load_graph(root, store_dir, lenient=True), level, member)
    if fmt == "json":
        records = cov.as_records()
        emit(json_text({"level": level, "layer": layer, "cells": records}), output)
        return
    print_tables(coverage_table(cov, layer), fmt, output)


@click.command(cls=RegistryHelpCommand)
@click.option(
    "--kind",
    "kinds",
    type=GapKind(),
    multiple=True,
    metavar="KIND",
    help="Only these kinds (repeatable). See the list below.",
)
@click.option(
    "--fail-on",
    "fail_on",
    type=GapKind("any"),
    multiple=True,
    metavar="KIND",
    help="Exit 1 when findings of KIND exist (repeatable; 'any' for every kind).",
)
@output_options("rows")
@member_option
@root_option
@store_option
def gaps(
    kinds: tuple[str, ...],
    fail_on: tuple[str, ...],
    fmt: str,
    member: str | None,
    output: Path | None,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """Every gap, as typed findings with their subject, the reason and the sources.

    \b
    Kinds:
    {kinds}

    Exit 0, or 1 with --fail-on KIND when such findings exist (for CI use by data maintainers).

    \b
    Examples:
      ogpgraph gaps
      ogpgraph gaps --kind conflict --kind claim-without-evidence
      ogpgraph gaps --format json -o gaps.json
      ogpgraph gaps --fail-on conflict
      ogpgraph gaps --member nz --kind no-case-study
    """
    from ogpgraph.analysis.gaps import GAP_FIELDS, find_gaps, gaps_table
    from ogpgraph.core.findings import render_findings

    found = find_gaps(load_graph(root, store_dir, lenient=True), tuple(kinds) or None, member)
    if fmt == "json":
        emit(render_findings(found, "json", GAP_FIELDS), output)
    else:
        print_tables(gaps_table(found), fmt, output)
    failing = [g for g in found if "any" in fail_on or g.kind in fail_on]
    if failing:
        click.echo(f"{len(failing)} finding(s) of a --fail-on kind", err=True)
        raise SystemExit(1)


@click.command()
@output_options("rows")
@root_option
@store_option
def agencies(fmt: str, output: Path | None, root: Path | None, store_dir: Path | None) -> None:
    """Organisations by the number of commitments, results and initiatives they lead and
    contribute to, and by betweenness in the view (who bridges otherwise separate parts).

    \b
    Examples:
      ogpgraph agencies
      ogpgraph agencies --format csv -o agencies.csv
    """
    from ogpgraph.analysis.agencies import agencies as compute

    print_tables(compute(load_graph(root, store_dir, lenient=True)), fmt, output)


@click.group()
def report() -> None:
    """Markdown reports.

    \b
    Examples:
      ogpgraph report recommendations
      ogpgraph report recommendations -o recommendations.md
    """


@report.command("recommendations")
@output_option
@root_option
@store_option
def recommendations(output: Path | None, root: Path | None, store_dir: Path | None) -> None:
    """One section per NIS recommendation: its text and source, its status according to each
    source, the commitments and evidence linked to it, and its gaps.

    \b
    Examples:
      ogpgraph report recommendations
      ogpgraph report recommendations -o recommendations.md
    """
    from ogpgraph.analysis.reports import recommendations_report

    emit(recommendations_report(load_graph(root, store_dir, lenient=True)), output)
