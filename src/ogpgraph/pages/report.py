"""The side-by-side recommendations report as one self-contained HTML page (``ogpgraph report
recommendations --format html``, and ``recommendations-report.html`` of the build).

It only lays out the rows of :mod:`ogpgraph.analysis.sidebyside`: one section per recommendation
(parts after their heading), its texts, a table whose columns are the assessors (the one the report
is for first) and whose rows are the status and each linked item, each marked agree, disagree or
one-sided in words, not colour alone; then its gaps. Static HTML and CSS (the dashboard's, and
``assets/report.css``), no script: its Content-Security-Policy forbids scripts and requests.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ogpgraph.analysis.gaps import GAPS
from ogpgraph.analysis.overview import plain_date
from ogpgraph.analysis.sidebyside import (
    LINK_ROW,
    ReportRow,
    SideBySide,
    SideSays,
    side_by_side,
)
from ogpgraph.core.output import capitalised
from ogpgraph.model import status_words
from ogpgraph.model.positions import Agreement
from ogpgraph.pages.html import ATTRIBUTION, REPORT_PAGE, asset, csp, esc, fill, nav_html

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.sidebyside import RecommendationEntry
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph


def _mark(row: ReportRow) -> str:
    return f'<span class="mark {esc(row.mark)}">{esc(row.mark_words)}</span>'


def _side(row: ReportRow, side: SideSays) -> str:
    attrs = f'data-assessor="{esc(side.assessor)}" data-said="{"true" if side.said else "false"}"'
    if not side.said:
        nothing = side.nothing(row.row)
        return f'<td {attrs} class="nothing"><span class="none">{esc(nothing)}</span></td>'
    first = []
    if row.row == LINK_ROW:
        first.append(f'<strong class="relation">{esc(capitalised(side.relation_words))}</strong>')
    else:
        first += [f'<span class="status {esc(s)}">{esc(w)}</span>' for s, w in _statuses(side)]
    if side.date:
        first.append(f'<span class="date">{esc(plain_date(side.date))}</span>')
    parts = [f'<p class="said">{" ".join(first)}</p>']
    if row.row == LINK_ROW and side.status:
        badges = " ".join(
            f'<span class="status {esc(s)}">{esc(w)}</span>' for s, w in _statuses(side)
        )
        parts.append(f'<p class="given">Status given with the link: {badges}</p>')
    parts += [f'<p class="words">{esc(words)}</p>' for words in side.words]
    if side.evidence:
        parts.append(
            '<p class="evidence"><span class="what">Evidence cited:</span> '
            + "; ".join(esc(e) for e in side.evidence)
            + "</p>"
        )
    meta = [*side.organisation]
    if side.reviewer:
        meta.append("reviewer: " + ", ".join(side.reviewer))
    if side.history:
        n = side.history
        meta.append(f"{n} earlier {'row' if n == 1 else 'rows'} superseded")
    for view in side.not_adopted:
        meta.append(f"not adopted (same date, not signed off): {view}")
    if meta:
        parts.append(f'<p class="meta">{esc(" · ".join(meta))}</p>')
    return f"<td {attrs}>{''.join(parts)}</td>"


def _statuses(side: SideSays) -> list[tuple[str, str]]:
    return [(s, status_words(s)) for s in side.status]


def _row(row: ReportRow) -> str:
    if row.row == LINK_ROW:
        head = (
            f'{esc(row.item_label)} <span class="kind">{esc(row.item_kind.lower())}</span>'
            f"<br>{_mark(row)}"
        )
        attrs = f'data-row="link" data-item="{esc(row.item_id)}" data-mark="{esc(row.mark)}"'
    else:
        head = f"Status of the recommendation<br>{_mark(row)}"
        attrs = f'data-row="status" data-mark="{esc(row.mark)}" class="status-row"'
    cells = "".join(_side(row, side) for side in row.sides)
    return f'<tr {attrs}><th scope="row">{head}</th>{cells}</tr>'


def _entry(report: SideBySide, entry: RecommendationEntry) -> str:
    level = "h2" if entry.depth == 0 else "h3"
    texts = "".join(
        f'<li><span class="what">{esc(capitalised(t.kind))}:</span> {esc(t.text)}'
        + (f' <span class="source">— {esc(t.where)}</span>' if t.where else "")
        + "</li>"
        for t in entry.texts
        if t.kind != "heading"  # the heading is the section's title
    )
    heads = "".join(
        f'<th scope="col" data-assessor="{esc(a)}"'
        + (' class="for"' if a == report.for_assessor else "")
        + f">{esc(capitalised(side.who))}</th>"
        for a, side in zip(report.assessors, entry.rows[0].sides)
    )
    cols = '<col class="what">' + '<col class="side">' * len(report.assessors)
    status, *links = entry.rows
    note = ""
    if entry.parts and status.mark == "unassessed":
        note = '<p class="hint">Its parts are assessed one by one, below.</p>'
    titles = GAPS.titles()
    gaps = "".join(
        f'<li><span class="what">{esc(titles.get(gap.kind, gap.kind))}:</span> '
        f"{esc(gap.message)}</li>"
        for gap in entry.gaps
    )
    return (
        f'<section class="rec depth-{entry.depth}" id="{esc(entry.id or entry.iri)}" '
        f'data-recommendation="{esc(entry.id)}">'
        f"<{level}>{esc(entry.label)}</{level}>"
        + (f'<ul class="texts">{texts}</ul>' if texts else "")
        + note
        + f'<table class="side-by-side"><colgroup>{cols}</colgroup>'
        f'<thead><tr><th scope="col">Status, and each linked item</th>{heads}</tr></thead>'
        f"<tbody>{_row(status)}{''.join(_row(r) for r in links)}</tbody></table>"
        + ("" if links else '<p class="hint">No commitment, result or initiative is linked.</p>')
        + (
            f'<div class="gaps"><span class="what">Gaps:</span><ul>{gaps}</ul></div>'
            if gaps
            else ""
        )
        + "</section>"
    )


def _summary(report: SideBySide) -> str:
    counts = {
        kind: Counter(r.mark for r in report.rows() if r.row == kind) for kind in ("status", "link")
    }
    order = tuple(Agreement)  # every mark, in the model's order

    def said(kind: str, words: str) -> str:
        found = counts[kind]
        listed = [f"{found[m]} {_MARKS[m]}" for m in order if found.get(m)]
        return f"<li>{esc(words)}: {esc(', '.join(listed) or 'none')}</li>"

    return (
        '<ul class="summary">'
        + said("status", "Recommendations' status")
        + said("link", "Links to commitments, results and initiatives")
        + "</ul>"
    )


_MARKS = {
    "agree": "agreed",
    "disagree": "disagreed",
    "one-sided": "one-sided",
    "other-level": "linked at another level",
    "unassessed": "not assessed by anyone",
}


def report_page(source: KnowledgeGraph | Analysis, for_assessor: str | None = None) -> str:
    """The page (see the module docstring). ``for_assessor``: as
    :func:`~ogpgraph.analysis.sidebyside.side_by_side`.

    Raises:
        UnknownAssessor: ``for_assessor`` names no assessor of the graph.
    """
    report = side_by_side(source, for_assessor)
    css = asset("dashboard.css") + asset("report.css")
    return fill(
        asset("report.html"),
        csp=csp([], [css]),
        css=css,
        nav=nav_html(None, REPORT_PAGE),
        title=esc(report.title),
        intro=esc(report.intro),
        sources=esc(report.sources),
        summary=(
            f'<p class="incomplete" role="alert"><strong>{esc(report.incomplete)}</strong></p>'
            if report.incomplete
            else ""
        )
        + _summary(report),
        entries="".join(_entry(report, entry) for entry in report.entries),
        attribution=esc(ATTRIBUTION),
    )
