"""``ogpgraph coverage``, ``gaps``, ``agencies`` and ``report``: the questions officials and TINZ ask."""

from __future__ import annotations

from pathlib import Path

import click

from ogpgraph.cli.options import (
    emit,
    load_graph,
    member_option,
    output_options,
    plan_option,
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
@click.option(
    "--by",
    type=click.Choice(["item", "plan", "recommendation"]),
    default="item",
    show_default=True,
    help="item: the matrix of items × values and challenges; plan: each plan × OGP value, the "
    "claims beside the IRM's verdicts; recommendation: each 2013 NIS recommendation with the "
    "commitments of every plan linked to it (both: every plan unless --plan).",
)
@plan_option
@output_options("rows", help="Output format (json lists every cell with its sources).")
@member_option
@root_option
@store_option
def coverage(
    level: str,
    layer: str,
    by: str,
    plan: int | str | None,
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

    ? marks an item no source lists the relevance of (the later plans' commitments): not
    known, which is not "no".

    \b
    --by plan: for each action plan and OGP value, how many of its commitments (and which, by
    number) are claimed relevant (for the first plan, by the government's Action Plan table in
    the 2016 self-assessment), not claimed, or not known; and what the IRM's "Relevant to OGP
    Values" on their OGP pages says: the value listed, "Yes" (values not named), not relevant
    or not listed, or no verdict.

    --by recommendation: each 2013 NIS recommendation, the commitments of any plan linked to it
    (how, and by whom), and what the government and the IRM said of them (the stored query
    nis-recommendations-over-time).

    \b
    Examples:
      ogpgraph coverage
      ogpgraph coverage --level result --layer claimed
      ogpgraph coverage --level all --format json -o coverage.json
      ogpgraph coverage --format markdown
      ogpgraph coverage --level all --member nz
      ogpgraph coverage --plan 2
      ogpgraph coverage --plan all --layer claimed
      ogpgraph coverage --by plan
      ogpgraph coverage --by plan --plan 1 --format csv
      ogpgraph coverage --by recommendation --format markdown
    """
    from ogpgraph.analysis.coverage import coverage as compute
    from ogpgraph.analysis.coverage import coverage_table

    kg = load_graph(root, store_dir, lenient=True)
    if by == "plan":
        from ogpgraph.analysis.plan_values import plan_values

        print_tables(plan_values(kg, member, plan), fmt, output)
        return
    if by == "recommendation":
        from ogpgraph.analysis.plan_values import recommendations_by_plan

        print_tables(recommendations_by_plan(kg, plan), fmt, output)
        return
    cov = compute(kg, level, member, plan)
    if fmt == "json":
        records = cov.as_records()
        shown: dict[str, object] = {"level": level, "layer": layer, "cells": records}
        if plan is not None:
            shown = {"level": level, "layer": layer, "plan": plan, "cells": records}
        emit(json_text(shown), output)
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
@plan_option
@output_options("rows")
@member_option
@root_option
@store_option
def gaps(
    kinds: tuple[str, ...],
    fail_on: tuple[str, ...],
    plan: int | str | None,
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

    With --plan N, the gaps about plan N's commitments, focus areas and results (and the findings
    whose related items are), found on the graph of every plan with the later sources (the
    IRM's verdicts); --plan all lists every finding of that graph. Without --plan, the first plan
    as the 2016 report describes it (what the exports show).

    Exit 0, or 1 with --fail-on KIND when such findings exist (for CI use by data maintainers).

    \b
    Examples:
      ogpgraph gaps
      ogpgraph gaps --kind conflict --kind claim-without-evidence
      ogpgraph gaps --format json -o gaps.json
      ogpgraph gaps --fail-on conflict
      ogpgraph gaps --member nz --kind no-case-study
      ogpgraph gaps --plan 1 --kind verdicts-differ
      ogpgraph gaps --plan all --format csv
    """
    from ogpgraph.analysis.gaps import GAP_FIELDS, find_gaps, gaps_table
    from ogpgraph.core.findings import render_findings

    found = find_gaps(load_graph(root, store_dir, lenient=True), tuple(kinds) or None, member, plan)
    if fmt in ("json", "csv", "tsv"):  # machine-readable: every field, subjects as IRIs
        emit(render_findings(found, fmt, GAP_FIELDS), output)
    else:
        print_tables(gaps_table(found), fmt, output)
    failing = [g for g in found if "any" in fail_on or g.kind in fail_on]
    if failing:
        click.echo(f"{len(failing)} finding(s) of a --fail-on kind", err=True)
        raise SystemExit(1)


@click.command()
@plan_option
@output_options("rows")
@root_option
@store_option
def agencies(
    plan: int | str | None,
    fmt: str,
    output: Path | None,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """Organisations by the number of commitments, results and initiatives they lead and
    contribute to, and by betweenness in the view (who bridges otherwise separate parts).

    With --plan N|all: who led (supported, contributed to) what, when — one row per
    organisation, role and commitment or focus area of the plan(s), with the plan's period and
    the name the organisation had when the plan started (the State Services Commission is one
    organisation under both its names); a commitment whose lead no source names shows "not
    known".

    \b
    Examples:
      ogpgraph agencies
      ogpgraph agencies --format csv -o agencies.csv
      ogpgraph agencies --plan all
      ogpgraph agencies --plan 2 --format markdown
    """
    kg = load_graph(root, store_dir, lenient=True)
    if plan is not None:
        from ogpgraph.analysis.agencies import agencies_over_time

        print_tables(agencies_over_time(kg, plan), fmt, output)
        return
    from ogpgraph.analysis.agencies import agencies as compute

    print_tables(compute(kg), fmt, output)


@click.group()
def report() -> None:
    """Reports to publish.

    \b
    Examples:
      ogpgraph report recommendations
      ogpgraph report recommendations --format html -o recommendations.html
      ogpgraph report recommendations --for tinz --format csv -o tinz.csv
    """


@report.command("recommendations")
@output_options(
    "report",
    extra=("md", "html", "csv", "json"),
    help="md: Markdown; html: one self-contained page; csv: one row per recommendation and "
    "linked item, columns per assessor; json: the same rows, each assessor's nested.",
)
@click.option(
    "--for",
    "for_assessor",
    metavar="ASSESSOR",
    help="Title the report for one assessor (government, tinz…) and put its columns first "
    "[default: a neutral title, the government first, then TINZ].",
)
@root_option
@store_option
def recommendations(
    fmt: str,
    for_assessor: str | None,
    output: Path | None,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """The NIS recommendations, with the government's and TINZ's assessments side by side.

    For each recommendation (parts under their heading): its texts and sources; each
    assessor's current status (its newest dated row; older rows are counted as history); each
    linked commitment, result or initiative with each assessor's relation, the status given with
    it, rationale, date, reviewer and evidence as that assessor cited it; every row marked
    agree, disagree or one-sided; and its gaps. Assessors are columns: the government and TINZ
    always, then any other that assessed a recommendation or linked one.

    A links or assessments table that cannot be read is left out with a warning, the report
    says at its top that it is incomplete (Markdown, HTML, JSON), and the command exits 1 after
    writing it: run `ogpgraph links check`.

    \b
    Examples:
      ogpgraph report recommendations
      ogpgraph report recommendations -o recommendations.md
      ogpgraph report recommendations --format html -o recommendations.html
      ogpgraph report recommendations --format csv -o recommendations.csv
      ogpgraph report recommendations --format json
      ogpgraph report recommendations --for tinz --format html -o tinz.html
    """
    from ogpgraph.analysis.sidebyside import side_by_side
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis(load_graph(root, store_dir, lenient=True))
    if fmt == "html":
        from ogpgraph.pages.report import report_page

        emit(report_page(analysis, for_assessor), output)
    else:
        from ogpgraph.analysis.reports import (
            recommendations_csv,
            recommendations_json,
            recommendations_report,
        )

        render = {
            "md": recommendations_report,
            "csv": recommendations_csv,
            "json": recommendations_json,
        }
        emit(render[fmt](analysis, for_assessor), output)
    left_out = side_by_side(analysis, for_assessor).left_out
    if left_out:
        click.echo(
            f"error: the report is incomplete: {len(left_out)} table(s) could not be read and "
            "are left out (see the warnings above); run `ogpgraph links check`",
            err=True,
        )
        raise SystemExit(1)
