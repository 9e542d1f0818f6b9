"""The recommendations report in Markdown, CSV and JSON (the side-by-side rows of
:mod:`ogpgraph.analysis.sidebyside`; the HTML is :mod:`ogpgraph.pages.report`): one section per
NIS recommendation (its texts, each assessor's status and links side by side, its gaps).

:func:`artifacts` registers the report (Markdown and CSV; and the coverage and gaps data) with
``ogpgraph build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ogpgraph.analysis.overview import plain_date
from ogpgraph.analysis.sidebyside import LINK_ROW, ReportRow, side_by_side
from ogpgraph.core.output import capitalised, json_text, render
from ogpgraph.core.sanitize import markdown_text as _md
from ogpgraph.model import Kind

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.core.artifacts import Artifact, BuildContext
    from ogpgraph.dataset.store import KnowledgeGraph


def _fields(row: ReportRow) -> list[tuple[str, list[str]]]:
    """The lines of one row's side-by-side table: (what, one cell per side); a line no side
    fills is left out (the relation or status line never is)."""
    said = list(row.sides)

    def cells(values: list[str]) -> list[str]:
        return [v if side.said else "" for v, side in zip(values, said)]

    lines: list[tuple[str, list[str]]] = []
    if row.row == LINK_ROW:
        lines.append(
            ("relation", [s.relation_words if s.said else s.nothing(row.row) for s in said])
        )
        lines.append(("status given with the link", cells([s.status_words for s in said])))
    else:
        lines.append(("status", [s.status_words if s.said else s.nothing(row.row) for s in said]))
    lines += [
        ("date", cells([plain_date(s.date) for s in said])),
        (
            "rationale" if row.row == LINK_ROW else "what it says",
            cells(["; ".join(s.words) for s in said]),
        ),
        ("evidence cited", cells(["; ".join(s.evidence) for s in said])),
        ("note", cells(["; ".join(s.notes) for s in said])),
        ("organisation", cells(["; ".join(s.organisation) for s in said])),
        ("reviewer", cells(["; ".join(s.reviewer) for s in said])),
        (
            "earlier rows (superseded)",
            cells([str(s.history) if s.history else "" for s in said]),
        ),
        (
            "not adopted (same date, not signed off)",
            cells(["; ".join(s.not_adopted) for s in said]),
        ),
    ]
    keep = {"relation", "status"}
    return [(what, values) for what, values in lines if what in keep or any(values)]


def _side_table(row: ReportRow) -> list[str]:
    heads = ["", *(capitalised(side.who) for side in row.sides)]
    out = [
        "| " + " | ".join(_md(h) for h in heads) + " |",
        "|" + "|".join("---" for _ in heads) + "|",
    ]
    for what, values in _fields(row):
        out.append("| " + " | ".join(_md(x) for x in (what, *values)) + " |")
    return out


def recommendations_report(
    source: KnowledgeGraph | Analysis, for_assessor: str | None = None
) -> str:
    """The Markdown report: the side-by-side rows (:func:`ogpgraph.analysis.sidebyside.side_by_side`)
    grouped by recommendation, parts under their heading: for each, its texts, each assessor's
    status side by side, each linked item with each assessor's link side by side (marked agree,
    disagree or one-sided), and its gaps (the rules registered as being about recommendations,
    ``recommendation=True`` in :data:`ogpgraph.analysis.gaps.GAPS`)."""
    report = side_by_side(source, for_assessor)
    lines = [f"# {_md(report.title)}", ""]
    if report.incomplete:
        lines += [f"> **{_md(report.incomplete)}**", ""]
    lines += [_md(report.intro), "", _md(report.sources), ""]
    for entry in report.entries:
        lines += [
            "#" * (entry.depth + 2) + f" {_md(entry.label)}",
            "",
            f"Identifier: {_md(entry.id, code=True)} — {_md(entry.iri, code=True)}",
            "",
            "**What the sources say it is**",
            "",
        ]
        for text in entry.texts:
            where = f" — *{_md(text.where)}*" if text.where else ""
            lines.append(f"- {text.kind}: {_md(text.text)}{where}")
        if not entry.texts:
            lines.append("- No source in the graph gives its text.")
        status, *links = entry.rows
        lines += ["", f"**Status, according to each assessor** — {status.mark_words}", ""]
        if entry.parts and status.mark == "unassessed":
            lines += ["Its parts are assessed one by one, below.", ""]
        lines += _side_table(status)
        lines += ["", "**Linked commitments, results and initiatives**", ""]
        for row in links:
            lines += [
                f"*{_md(row.item_label)}* ({_md(row.item_kind.lower())}) — {row.mark_words}",
                "",
            ]
            lines += _side_table(row)
            lines.append("")
        if not links:
            lines += ["No link in the graph.", ""]
        lines += ["**Gaps**", ""]
        for gap in entry.gaps:
            lines.append(f"- {gap.kind}: {_md(gap.message)}")
        if not entry.gaps:
            lines.append("- None found.")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def recommendations_csv(source: KnowledgeGraph | Analysis, for_assessor: str | None = None) -> str:
    """The CSV: one row per recommendation × item (and each status row), flat columns per
    side, formula-like cells neutralised."""
    return render(side_by_side(source, for_assessor).table(), "csv")


def recommendations_json(source: KnowledgeGraph | Analysis, for_assessor: str | None = None) -> str:
    """The JSON: the title, the assessors and the same rows, each side nested."""
    return json_text(side_by_side(source, for_assessor).as_dict(), indent=1)


def _report(ctx: BuildContext) -> bytes:
    from ogpgraph.analysis.state import analysis_of

    return recommendations_report(analysis_of(ctx)).encode("utf-8")


def _report_csv(ctx: BuildContext) -> bytes:
    from ogpgraph.analysis.state import analysis_of

    return recommendations_csv(analysis_of(ctx)).encode("utf-8")


def _coverage_json(ctx: BuildContext) -> bytes:
    from ogpgraph.analysis.coverage import coverage
    from ogpgraph.analysis.state import analysis_of
    from ogpgraph.core.output import json_text

    analysis = analysis_of(ctx)
    data = {
        level: coverage(analysis, level).as_records()
        for level in (Kind.COMMITMENT.value, Kind.RESULT.value)
    }
    return json_text(data, indent=1, sort_keys=True).encode()


def _gaps_json(ctx: BuildContext) -> bytes:
    from ogpgraph.analysis.gaps import GAP_FIELDS, find_gaps
    from ogpgraph.analysis.state import analysis_of
    from ogpgraph.core.output import json_text

    data = [gap.as_dict(GAP_FIELDS) for gap in find_gaps(analysis_of(ctx))]
    return json_text(data, indent=1, sort_keys=True).encode()


def artifacts() -> list[Artifact]:
    """The reports ``ogpgraph build`` writes."""
    from ogpgraph.core.artifacts import Artifact

    return [
        Artifact(
            "recommendations.md",
            _report,
            "one section per NIS recommendation, each assessor's status and links side by side",
        ),
        Artifact(
            "recommendations.csv",
            _report_csv,
            "the side-by-side report: one row per recommendation and linked item, columns per side",
        ),
        Artifact("coverage.json", _coverage_json, "the coverage matrix, every cell"),
        Artifact("gaps.json", _gaps_json, "every gap finding"),
    ]
