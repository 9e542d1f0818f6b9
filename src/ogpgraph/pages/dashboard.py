"""``index.html``: the dashboard an official opens first.

It answers first: the Action Plan at a glance (one row per commitment and focus area: lead
agency, milestone, the OGP values and grand challenges it claims and evidences, its case
studies, the NIS recommendations it responds to with their status), then the coverage of the
Better Public Services results, each evidenced cell with a footnote naming its case studies
(printed below the tables), each result's progress towards its targets (a small inline-SVG line
of its figures against the target, the progress computed from them and the report's words,
:mod:`ogpgraph.pages.progress`), the NIS recommendations, the agencies and what they lead, the gaps
condensed to one row per item and kind (the detail folded), the graph views, and the data's
statistics in plain words. Every cell of both matrices carries ``data-level``, ``data-item``,
``data-concept`` and ``data-state``, the same values as ``ogpgraph coverage --format json``;
identifiers stay in attributes, never in the text. Static HTML and CSS, no script at all (its
Content-Security-Policy forbids scripts); printing puts both matrices on the first A4 page.

What it shows is computed in :mod:`ogpgraph.analysis.overview` and
:mod:`ogpgraph.analysis.coverage`; this module only renders.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.coverage import LEGEND, SYMBOLS, Coverage, coverage
from ogpgraph.analysis.overview import (
    GlanceRow,
    RecommendationStatus,
    agency_rows,
    at_a_glance,
    citations,
    data_as_at,
    gap_groups,
    plain_date,
)
from ogpgraph.analysis.positions import Assessment, Side, agreement, sides, summary_status
from ogpgraph.analysis.projection import edges, graph_words, nodes_of_kind
from ogpgraph.analysis.state import Analysis
from ogpgraph.model import Kind, Relation, Status, as_relation, status_words
from ogpgraph.model.positions import GOVERNMENT, side_order
from ogpgraph.pages.html import ATTRIBUTION, REPORT_PAGE, asset, csp, esc, fill, nav_html
from ogpgraph.pages.progress import progress_html
from ogpgraph.pages.sides import (
    NOT_ASSESSED,
    agreement_words,
    heading,
    position_words,
    short_name,
    shown_status,
    side_summary,
)
from ogpgraph.pages.style import status_css

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.findings import Finding
    from ogpgraph.dataset.store import KnowledgeGraph

STATE_TEXT = {
    "both": "claimed and evidenced",
    "claimed": "claimed, not evidenced",
    "evidenced": "evidenced, not claimed",
    "none": "neither",
}
_KINDS: dict[str, Kind] = {kind.value: kind for kind in Kind}
#: the status groups of the at-a-glance table, in the order the report gives them
_STATUS_ORDER = tuple(Status)
#: the mark beside "Government and TINZ agree" (or differ); none for one side or none
AGREEMENT_MARKS = {"agree": "✓", "disagree": "≠", "one-sided": "", "unassessed": ""}


def gap_titles() -> dict[str, str]:
    """Each gap kind's heading, from the registry (:data:`ogpgraph.analysis.gaps.GAPS`)."""
    from ogpgraph.analysis.gaps import GAPS

    return GAPS.titles()


class Footnotes:
    """Numbered notes naming the case studies that evidence a cell: one number per distinct set
    of case studies, in order of first use, listed below the tables."""

    def __init__(self, studies: dict[str, str]) -> None:
        self.studies = studies  # case-study label -> its citation
        self.numbers: dict[tuple[str, ...], int] = {}

    def mark(self, case_studies: list[str]) -> str:
        key = tuple(sorted(set(case_studies)))
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        n = self.numbers[key]
        names = "; ".join(key)
        return (
            f'<a class="fn" href="#evidence-{n}" aria-label="evidence: {esc(names)}">'
            f"<sup>{n}</sup></a>"
        )

    def html(self) -> str:
        if not self.numbers:
            return ""
        items = []
        for key, n in self.numbers.items():
            studies = "; ".join(
                f'<span class="case-study">{esc(s)}</span>'
                + (
                    f' <span class="cite">({esc(self.studies[s])})</span>'
                    if self.studies.get(s)
                    else ""
                )
                for s in key
            )
            items.append(
                f'<li id="evidence-{n}" value="{n}" data-case-studies="{esc("|".join(key))}">{studies}</li>'
            )
        return (
            '<section id="evidence" aria-labelledby="evidence-h"><h3 id="evidence-h">'
            "Evidence: the case studies behind each numbered cell</h3>"
            f'<ol class="evidence">{"".join(items)}</ol></section>'
        )


def _case_study_citations(g: Any, cites: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in nodes_of_kind(g, Kind.CASE_STUDY):
        attrs = g.nodes[node]
        texts = [cites[s] for s in attrs.get("source_iris", []) if s in cites]
        if texts:
            found[attrs["label"]] = "; ".join(texts)
    return found


def _concept_head(cov: Coverage) -> tuple[str, str]:
    """The two header rows' cells over the concept columns: the group (OGP values, grand
    challenges) and each concept, its full name set vertically so that none collides."""
    groups: list[tuple[str, int]] = []
    for column in cov.columns:
        plural = _KINDS[cov.kinds[column]].plural
        if groups and groups[-1][0] == plural:
            groups[-1] = (plural, groups[-1][1] + 1)
        else:
            groups.append((plural, 1))
    first = "".join(
        f'<th scope="colgroup" colspan="{n}" class="group">{esc(name)}</th>' for name, n in groups
    )
    second = "".join(
        f'<th scope="col" class="concept" data-concept="{esc(cov.labels[c])}">'
        f'<span class="v">{esc(cov.labels[c])}</span></th>'
        for c in cov.columns
    )
    return first, second


def _cells(cov: Coverage, row: str, level: str, notes: Footnotes) -> tuple[str, Counter[str]]:
    cells = []
    counts: Counter[str] = Counter()
    item = cov.ids.get(row) or row
    for column in cov.columns:
        state = cov.cell(row, column)
        counts[state] += 1
        why = [STATE_TEXT[state]]
        if (row, column) in cov.claimed:
            why.append("claimed in: " + "; ".join(sorted(set(cov.claimed[(row, column)]))))
        evidence = sorted(cov.evidenced.get((row, column), []))
        if evidence:
            why.append("evidenced by: " + "; ".join(evidence))
        mark = notes.mark(evidence) if evidence else ""
        cells.append(
            f'<td class="cell {state}" data-level="{esc(level)}" data-item="{esc(item)}" '
            f'data-item-iri="{esc(row)}" data-concept="{esc(cov.labels[column])}" '
            f'data-concept-iri="{esc(column)}" data-state="{state}" '
            f'title="{esc(" — ".join(why))}">{SYMBOLS[state]}{mark}'
            f'<span class="sr"> {esc(STATE_TEXT[state])}</span></td>'
        )
    return "".join(cells), counts


def _recommendations_cell(recs: list[RecommendationStatus]) -> str:
    """The recommendations, grouped by each side's status: one line per pair of positions, a
    small badge per side (``Gov Met``, ``TINZ –`` when TINZ has not assessed it), then the
    recommendations' numbers: ``[Gov Met] [TINZ –] 1 (in part), 2``."""
    if not recs:
        return '<span class="none">none</span>'
    groups: dict[tuple[tuple[str, tuple[str, ...]], ...], list[RecommendationStatus]] = {}
    shown: dict[tuple[tuple[str, tuple[str, ...]], ...], tuple[Side, ...]] = {}
    for rec in recs:
        key = tuple((side.assessor, side.statuses) for side in rec.sides)
        groups.setdefault(key, []).append(rec)
        shown.setdefault(key, rec.sides)
    rank = {status.value: i for i, status in enumerate(_STATUS_ORDER)}

    def order(key: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Any, ...]:
        return tuple(
            (rank.get(statuses[0], len(rank)) if statuses else len(rank) + 1, statuses)
            for _who, statuses in key
        )

    parts = []
    for key in sorted(groups, key=order):
        badges = " ".join(_side_badge(side) for side in shown[key])
        numbers = ", ".join(
            f'<abbr title="{esc(r.label)}" data-recommendation="{esc(r.iri)}">'
            f"{esc(r.number if r.number is not None else r.label)}"
            + (" (in part)" if r.part else "")
            + "</abbr>"
            for r in groups[key]
        )
        parts.append(f"<li>{badges} {numbers}</li>")
    return f'<ul class="rec-status">{"".join(parts)}</ul>'


def _side_badge(side: Side) -> str:
    """A small badge for one side's position: ``Gov Met``, ``TINZ –`` (not assessed)."""
    status = shown_status(side)
    words = position_words(side) if side.assessed else "–"
    return (
        f'<span class="status {esc(status or "na")}" data-assessor="{esc(side.assessor)}" '
        f'title="{esc(side_summary(side))}"><span class="who">{esc(short_name(side.assessor))}'
        f"</span> {esc(words)}</span>"
    )


def glance_table(analysis: Analysis, notes: Footnotes) -> str:
    """The Action Plan at a glance (its cells are the coverage matrix at the commitment level)."""
    level = Kind.COMMITMENT.value
    cov = coverage(analysis, level)
    rows = {r.iri: r for r in at_a_glance(analysis)}
    first, second = _concept_head(cov)
    body = []
    for item in cov.rows:
        row: GlanceRow = rows[item]
        cells, _counts = _cells(cov, item, level, notes)
        leads = (
            ", ".join(
                f'<span class="agency" data-iri="{esc(iri)}">{esc(name)}</span>'
                for iri, name in row.leads
            )
            or '<span class="none">none named</span>'
        )
        milestones = "; ".join(esc(m) for m in row.milestones) or '<span class="none">none</span>'
        studies = len(row.case_studies)
        body.append(
            f'<tr class="{esc(row.kind)}" data-item="{esc(row.id)}">'
            f'<th scope="row">{esc(row.label)}</th>'
            f'<td class="lead">{leads}</td><td class="milestone">{milestones}</td>{cells}'
            f'<td class="num" title="{esc("; ".join(row.case_studies))}">{studies}</td>'
            f'<td class="recs">{_recommendations_cell(row.recommendations)}</td></tr>'
        )
    head = (
        '<thead><tr><th scope="col" rowspan="2" class="item">Commitment or focus area</th>'
        '<th scope="col" rowspan="2">Lead agency</th><th scope="col" rowspan="2">Milestone</th>'
        f'{first}<th scope="col" rowspan="2" class="num"><span class="v">Case studies</span></th>'
        '<th scope="col" rowspan="2" class="recs">NIS recommendations it responds to, '
        "by each side's latest status (Gov: the government; –: not assessed)</th></tr>"
        f"<tr>{second}</tr></thead>"
    )
    return (
        f'<table class="heatmap glance" data-level="{esc(level)}">'
        f"{head}<tbody>{''.join(body)}</tbody></table>"
    )


def heat_map(source: KnowledgeGraph | Analysis, level: str, notes: Footnotes | None = None) -> str:
    """The coverage matrix at ``level`` as an HTML table (evidenced cells with footnote marks)."""
    analysis = Analysis.of(source)
    cov = coverage(analysis, level)
    notes = notes if notes is not None else Footnotes({})
    first, second = _concept_head(cov)
    rows = []
    for row in cov.rows:
        cells, counts = _cells(cov, row, level, notes)
        rows.append(
            f'<tr class="{esc(cov.kinds[row])}" data-item="{esc(cov.ids.get(row) or row)}">'
            f'<th scope="row">{esc(cov.labels[row])}</th>{cells}'
            f'<td class="total">{counts["both"]}</td><td class="total">'
            f"{counts['claimed']}</td></tr>"
        )
    captions: dict[str, str] = {
        Kind.COMMITMENT: f"{Kind.COMMITMENT.plural} and {Kind.FOCUS_AREA.plural.lower()}",
        Kind.RESULT: Kind.RESULT.plural,
    }
    caption = captions.get(level, level)
    return (
        f'<table class="heatmap" data-level="{esc(level)}"><caption>{esc(caption)}: the OGP '
        "values and grand challenges each claims, and whether a case study evidences it"
        '</caption><thead><tr><th scope="col" rowspan="2" class="item">'
        f"{esc(_KINDS[level].singular if level in _KINDS else level)}</th>{first}"
        '<th scope="colgroup" colspan="2" class="group">Count</th></tr>'
        f'<tr>{second}<th scope="col" class="total" title="claimed and evidenced">✓</th>'
        '<th scope="col" class="total" title="claimed, not evidenced">✗</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def legend() -> str:
    items = "".join(
        f'<li><span class="cell {s}">{SYMBOLS[s]}</span> {esc(STATE_TEXT[s])}</li>'
        for s in ("both", "claimed", "evidenced", "none")
    )
    return (
        f'<ul class="legend" aria-label="Legend">{items}</ul>'
        f'<p class="hint">{esc(LEGEND)}. Claimed: the Action Plan table of section 1 (Annex 1 '
        "for results). Evidenced: a case study illustrating the item demonstrates the value "
        "or challenge; the small number on a cell points to the case studies listed below the "
        "tables. Case studies: those illustrating the item, its focus areas or its results.</p>"
    )


def _cite(sources: Any, cites: dict[str, str]) -> str:
    """Sources as citations people read; the identifiers stay in a ``data-sources`` attribute."""
    sources = list(sources)
    if not sources:
        return ""
    texts = sorted({cites.get(s, "") for s in sources} - {""})
    if not texts:
        return ""
    return (
        f' <span class="sources" data-sources="{esc(" ".join(sources))}">'
        f"Source: {esc('; '.join(texts))}</span>"
    )


def gaps_html(g: Any, gaps: list[Finding], cites: dict[str, str] | None = None) -> str:
    """The gaps by kind, one row per item and kind with its count; each finding (message and
    source) folded in a ``<details>``."""
    cites = cites or {}
    titles = gap_titles()
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for gap in gaps:
        by_kind[gap.kind].append(gap)
    parts = ['<ul class="gap-summary">']
    for kind in titles:
        if by_kind.get(kind):
            parts.append(
                f'<li><a href="#gaps-{esc(kind)}">{esc(titles[kind])}</a>'
                f": {len(by_kind[kind])}</li>"
            )
    parts.append("</ul>")
    if not gaps:
        parts.append("<p>No gaps found.</p>")
    for kind in titles:
        found = by_kind.get(kind)
        if not found:
            continue
        rows = []
        for group in gap_groups(found):
            related = sorted(
                {g.nodes[r]["label"] for f in group.findings for r in f.related if r in g}
            )
            details = "".join(
                f"<li>{esc(f.message)}{_cite(f.sources, cites)}</li>" for f in group.findings
            )
            n = len(group.findings)
            rows.append(
                f'<tr data-subject="{esc(group.subject)}" data-kind="{esc(kind)}">'
                f'<th scope="row">{esc(group.subject_label)}</th>'
                f'<td class="num">{n}</td><td>'
                + (f'<span class="related">{esc(", ".join(related))}</span>' if related else "")
                + f"<details><summary>{'Finding and source' if n == 1 else f'{n} findings and sources'}"
                f"</summary><ul>{details}</ul></details></td></tr>"
            )
        parts.append(
            f'<section class="gap-kind" id="gaps-{esc(kind)}" data-kind="{esc(kind)}">'
            f'<h3>{esc(titles[kind])} <span class="count">({len(found)})</span></h3>'
            '<table class="gaps"><thead><tr><th scope="col">Item</th><th scope="col">Count</th>'
            f'<th scope="col">Concerning</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            "</table></section>"
        )
    return "".join(parts)


#: a rationale or summary longer than this is shortened, the full text folded under it
WORDS_CHARS = 150


def _words_html(text: str, limit: int = WORDS_CHARS) -> str:
    """A rationale or summary: whole when short, else its beginning with the full text folded
    in a ``<details>`` (opening it shows the whole text in place of the beginning)."""
    words = " ".join(str(text or "").split())
    if not words:
        return ""
    if len(words) <= limit:
        return f'<p class="words">{esc(words)}</p>'
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return (
        f'<details class="words"><summary><span class="short">{esc(cut)}</span> '
        '<span class="more">(more)</span><span class="less">(less)</span></summary>'
        f"<p>{esc(words)}</p></details>"
    )


def _assessment_html(a: Assessment, cites: dict[str, str], organisation: bool) -> str:
    by = [a.organisation] if organisation and a.organisation else []
    if a.reviewer:
        by.append(f"reviewer: {a.reviewer}")
    return (
        f'<div class="assessment" data-reviewer="{esc(a.reviewer)}">'
        + (f'<p class="by">{esc("; ".join(by))}</p>' if by else "")
        + _words_html(a.words)
        + _cite(a.sources, cites)
        + "</div>"
    )


def _side_cell(side: Side, cites: dict[str, str]) -> str:
    """One assessor's current position: the badge, the date, who (the organisation, for the
    government; the reviewer), the rationale, and its earlier assessments folded."""
    shown = shown_status(side)
    attrs = (
        f'class="side{"" if side.assessed else " not-assessed"}" '
        f'data-assessor="{esc(side.assessor)}" data-status="{esc(shown or "")}" '
        f'data-date="{esc(side.date)}"'
    )
    if not side.assessed:
        return (
            f'<td {attrs}><span class="status na">{esc(heading(side.assessor))}: '
            f"{esc(NOT_ASSESSED)}</span></td>"
        )
    government = side.assessor == GOVERNMENT
    parts = [
        f'<span class="status {esc(shown)}">{esc(position_words(side))}</span>'
        + (f' <span class="date">{esc(plain_date(side.date))}</span>' if side.date else "")
    ]
    parts += [_assessment_html(a, cites, government) for a in side.current]
    earlier = side.earlier
    if earlier:
        n = len(earlier)
        items = "".join(
            f'<li data-date="{esc(a.date)}">'
            + ", ".join(x for x in (plain_date(a.date), a.organisation if government else "") if x)
            + f': <span class="status {esc(a.status)}">{esc(a.status_label)}</span>'
            + (f" ({esc('reviewer: ' + a.reviewer)})" if a.reviewer else "")
            + _words_html(a.words)
            + "</li>"
            for a in reversed(earlier)
        )
        parts.append(
            f'<details class="history" data-earlier="{n}"><summary>{n} earlier '
            f"assessment{'' if n == 1 else 's'}</summary><ul>{items}</ul></details>"
        )
    for a in side.not_adopted:  # a reviewer's view of the same date, not signed off
        parts.append(
            '<p class="not-adopted">Not adopted (same date, not signed off): '
            + esc(", ".join(x for x in (a.reviewer, a.organisation if government else "") if x))
            + f': <span class="status {esc(a.status)}">{esc(a.status_label)}</span>'
            + _words_html(a.words)
            + "</p>"
        )
    return f"<td {attrs}>{''.join(parts)}</td>"


def _links_html(g: Any, rec: str, order: list[str]) -> str:
    """The items linked to a recommendation, one per line, each with every side's link beside
    it: its relation, date and rationale (and how many earlier rows it supersedes)."""
    by_item: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for u, _v, d in g.in_edges(rec, data=True):
        if "asserted_by" in d:
            by_item[u][d["asserted_by"]].append(d)
    if not by_item:
        return '<span class="none">none</span>'
    rank = {who: i for i, who in enumerate(order)}
    items = []
    for item in sorted(by_item, key=lambda n: (g.nodes[n]["label"], n)):
        lines = []
        for who in sorted(by_item[item], key=lambda w: (rank.get(w, len(rank)), w)):
            for d in sorted(by_item[item][who], key=lambda d: (d.get("at", ""), d["relation"])):
                when = plain_date(d.get("at") or "")
                history = d.get("history") or 0
                lines.append(
                    f'<li data-assessor="{esc(who)}" data-relation="{esc(d["relation"])}">'
                    f'<span class="who">{esc(heading(who))}</span>: '
                    f"{esc(as_relation(d['relation']).words)}"
                    + (f" ({esc(when)})" if when else "")
                    + (f" (status: {esc(status_words(d['status']))})" if d.get("status") else "")
                    + (
                        f' <span class="count">(replaces {history} earlier '
                        f"row{'' if history == 1 else 's'})</span>"
                        if history
                        else ""
                    )
                    + _words_html(d.get("rationale") or "", 110)
                    + "</li>"
                )
        items.append(
            f'<li data-item="{esc(g.nodes[item].get("id") or item)}">'
            f'<span class="item">{esc(g.nodes[item]["label"])}</span>'
            f'<ul class="link-sides">{"".join(lines)}</ul></li>'
        )
    return f'<ul class="links">{"".join(items)}</ul>'


def recommendations_html(
    source: KnowledgeGraph | Analysis, g: Any, cites: dict[str, str] | None = None
) -> str:
    """The NIS recommendations, each assessor's current position side by side (one column per
    assessor: the government and TINZ always, any other that has assessed one), whether they
    agree, the pillars touched, and the items linked, each with every side's link."""
    recs = nodes_of_kind(g, Kind.RECOMMENDATION)
    if not recs:
        return "<p>The graph holds no NIS recommendation yet.</p>"
    analysis = Analysis.of(source)
    cites = cites or {}
    found = {rec: sides(analysis, rec) for rec in recs}
    order = side_order(side.assessor for rec in recs for side in found[rec] if side.assessed)
    # a column for the pillars only when the graph says which pillars a recommendation touches
    with_pillars = any(edges(g, Relation.TOUCHES, source=rec) for rec in recs)
    rows = []
    for rec in recs:
        node = g.nodes[rec]
        has_parts = any(
            g.nodes[u]["kind"] == Kind.RECOMMENDATION
            for u, _v, _d in edges(g, Relation.PART_OF, target=rec)
        )
        by = {side.assessor: side for side in found[rec]}
        row_sides = [by.get(who) or Side(who, None) for who in order]
        state = agreement(row_sides)
        pillars = ", ".join(
            sorted({g.nodes[v]["label"] for _u, v, _d in edges(g, Relation.TOUCHES, source=rec)})
        )
        parent = [
            v
            for _u, v, _d in edges(g, Relation.PART_OF, source=rec)
            if g.nodes[v]["kind"] == Kind.RECOMMENDATION
        ]
        mark = AGREEMENT_MARKS[state]
        rows.append(
            f'<tr data-recommendation="{esc(node.get("id") or rec)}" '
            f'data-status="{esc(summary_status(row_sides))}" data-agreement="{esc(state)}"'
            + (' class="part"' if parent else "")
            + ">"
            f'<th scope="row">{esc(node["label"])}<p class="agreement {esc(state)}">'
            + (f'<span aria-hidden="true">{mark}</span> ' if mark else "")
            + f"{esc(agreement_words(row_sides, has_parts))}</p></th>"
            + "".join(_side_cell(side, cites) for side in row_sides)
            + (f"<td>{esc(pillars) or '—'}</td>" if with_pillars else "")
            + f'<td class="linked">{_links_html(g, rec, order)}</td></tr>'
        )
    side_heads = "".join(
        f'<th scope="col" class="side" data-assessor="{esc(who)}">{esc(heading(who))}</th>'
        for who in order
    )
    return (
        '<p class="hint">Each assessor\'s current position (its newest assessment; earlier ones '
        "folded below it), side by side; a recommendation an assessor has not assessed says so."
        '</p><div class="scroll"><table class="recs"><thead><tr>'
        '<th scope="col" class="rec">Recommendation</th>'
        + side_heads
        + ('<th scope="col">Pillars touched</th>' if with_pillars else "")
        + '<th scope="col">Linked action: each side\'s link</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def agencies_html(analysis: Analysis) -> str:
    """Each organisation with the commitments, focus areas and results it leads and contributes
    to, its other work (initiatives, documents, events…) counted apart; the organisations that
    take part only in other work are listed folded, below."""
    g = analysis.view

    def items(nodes: list[str]) -> str:
        if not nodes:
            return '<span class="none">—</span>'
        return "<ul>" + "".join(f"<li>{esc(g.nodes[n]['label'])}</li>" for n in nodes) + "</ul>"

    plan_rows, other_rows = [], []
    for row in agency_rows(analysis):
        attrs = (
            f'data-organisation="{esc(row.iri)}" data-leads="{len(row.leads)}" '
            f'data-contributes="{len(row.contributes)}"'
        )
        others = (
            f'<td class="num">{row.other_leads}</td><td class="num">{row.other_contributes}</td>'
        )
        if row.plan_total:
            plan_rows.append(
                f'<tr {attrs}><th scope="row">{esc(row.label)}</th>'
                f'<td class="num">{len(row.leads)}</td><td>{items(row.leads)}</td>'
                f'<td class="num">{len(row.contributes)}</td><td>{items(row.contributes)}</td>'
                f"{others}</tr>"
            )
        else:
            other_rows.append(f'<tr {attrs}><th scope="row">{esc(row.label)}</th>{others}</tr>')
    plan = f"{Kind.COMMITMENT.plural}, {Kind.FOCUS_AREA.plural}, results".lower()
    other_head = (
        '<th scope="colgroup" colspan="2" class="group">Other work: initiatives, documents, '
        "events, case studies</th>"
    )
    table = (
        '<table class="agencies"><thead><tr><th scope="col" rowspan="2">Organisation</th>'
        f'<th scope="colgroup" colspan="2" class="group">Leads ({esc(plan)})</th>'
        f'<th scope="colgroup" colspan="2" class="group">Contributes to ({esc(plan)})</th>'
        f'{other_head}</tr><tr><th scope="col" class="num">Count</th>'
        '<th scope="col">Which</th><th scope="col" class="num">Count</th>'
        '<th scope="col">Which</th><th scope="col" class="num">Leads</th>'
        '<th scope="col" class="num">Takes part in</th></tr></thead>'
        f"<tbody>{''.join(plan_rows)}</tbody></table>"
    )
    if other_rows:
        n = len(other_rows)
        table += (
            f'<details class="other-agencies"><summary>{n} other organisation'
            f"{'' if n == 1 else 's'} lead or take part only in initiatives, documents, events "
            'or case studies</summary><table class="agencies other"><thead><tr>'
            '<th scope="col" rowspan="2">Organisation</th>'
            f'{other_head}</tr><tr><th scope="col" class="num">Leads</th>'
            '<th scope="col" class="num">Takes part in</th></tr></thead>'
            f"<tbody>{''.join(other_rows)}</tbody></table></details>"
        )
    return table


def plans_html(analysis: Analysis) -> str:
    """Each action plan with its commitments, and per field (the lead, the IRM's verdicts:
    :data:`ogpgraph.analysis.timeline.FIELDS`) how many are known and how many not known."""
    from ogpgraph.analysis.timeline import FIELDS, NOT_KNOWN, plan_coverage

    own = [f for f in FIELDS if not f.irm]
    irm = [f for f in FIELDS if f.irm]
    rows = []
    for plan in plan_coverage(analysis):
        cells = "".join(
            f'<td class="num" data-field="{esc(f.key)}" data-known="{plan.known[f.key]}" '
            f'data-unknown="{plan.unknown(f.key)}">{plan.known[f.key]} known'
            + (
                f'<br><span class="none">{plan.unknown(f.key)} {esc(NOT_KNOWN)}</span>'
                if plan.unknown(f.key)
                else ""
            )
            + "</td>"
            for f in (*own, *irm)
        )
        period = esc(plan.period) if plan.period else f'<span class="none">{esc(NOT_KNOWN)}</span>'
        rows.append(
            f'<tr data-plan="{plan.number}" data-commitments="{plan.commitments}">'
            f'<th scope="row">{plan.number}. {esc(plan.label)}</th><td>{period}</td>'
            f'<td class="num">{plan.commitments}</td>{cells}</tr>'
        )
    if not rows:
        return "<p>The graph holds no action plan.</p>"
    own_heads = "".join(f'<th scope="col" rowspan="2" class="num">{esc(f.words)}</th>' for f in own)
    heads = "".join(f'<th scope="col" class="num">{esc(f.words)}</th>' for f in irm)
    return (
        '<table class="plans"><thead><tr><th scope="col" rowspan="2">Action plan</th>'
        '<th scope="col" rowspan="2">Period</th>'
        f'<th scope="col" rowspan="2" class="num">Commitments</th>{own_heads}'
        f'<th scope="colgroup" colspan="{len(irm)}" class="group">The IRM\'s verdicts</th></tr>'
        f"<tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _count(n: int, kind: Kind) -> str:
    words = kind.singular if n == 1 else kind.plural
    first, _, rest = words.partition(" ")
    if first[1:].islower() and (not rest or rest[:1].islower()):
        words = words[0].lower() + words[1:]  # "focus areas", but "Better Public Services results"
    return f"{n:,} {words}"


def _graph_order(short: str) -> tuple[int, str]:
    order = {"report": 0, "external": 1, "ontology": 3}
    return (order.get(short, 2), short)


def statistics(analysis: Analysis) -> str:
    """The data in numbers, in plain words."""
    from ogpgraph.analysis.projection import graph_short

    g = analysis.view
    kinds = Counter(k for _n, k in g.nodes(data="kind"))
    listed = []
    for kind in Kind:
        if not kinds.get(kind.value):
            continue
        text = _count(kinds[kind.value], kind)
        if kind is Kind.PILLAR:
            assessed = {v for _u, v, _d in edges(g, Relation.ASSESSES)}
            if assessed and len(assessed) < kinds[kind.value]:
                text += f" ({len(assessed)} of them assessed)"
        listed.append(text)
    words = ", ".join(listed[:-1]) + (f" and {listed[-1]}" if len(listed) > 1 else "".join(listed))
    from ogpgraph.analysis.plans import FIRST_PLAN
    from ogpgraph.analysis.projection import Scope
    from ogpgraph.analysis.timeline import plan_coverage

    kg = analysis.kg
    later_graphs = [n for n in kg.graph_names() if not Scope.FIRST_PLAN.admits(n)]
    shorts = sorted(
        (graph_short(n) for n in kg.graph_names() if n not in later_graphs), key=_graph_order
    )
    sources = [graph_words(short) for short in shorts]
    if later_graphs:
        sources.append(
            f"{len(later_graphs)} stored copies of later public sources (OGP commitment pages, "
            "IRM reports, TINZ and government pages), each in a graph of its own"
        )
    plans = plan_coverage(analysis)
    later = [p for p in plans if p.number != FIRST_PLAN]
    over_time = (
        f" Beside it the graph holds {len(later)} later action plans with "
        f"{sum(p.commitments for p in later)} commitments, from later sources: the timeline page "
        "shows them all."
        if later
        else ""
    )
    return (
        f"<p>The first action plan, as the 2016 report describes it, holds {esc(words)}, joined by "
        f"{g.number_of_edges():,} relations.{esc(over_time)} The graph holds {len(kg):,} "
        f"statements, kept apart by where they come from: {esc('; '.join(sources))}. Every fact "
        "records the section of the report or the public source it comes from.</p>"
    )


def as_at_line(analysis: Analysis, version: str | None, released: str | None) -> str:
    """``Data as at …`` from the data and the version alone (never the clock)."""
    parts = []
    newest = data_as_at(analysis)
    if newest:
        parts.append(f"Data as at {esc(plain_date(newest))} (the newest dated source).")
    if version:
        parts.append(
            f"Dataset version {esc(version)}"
            + (f", released {esc(plain_date(released))}." if released else ".")
        )
    return " ".join(parts)


def dashboard(
    source: KnowledgeGraph | Analysis,
    views: list[dict[str, Any]],
    *,
    version: str | None = None,
    released: str | None = None,
) -> str:
    """The page, with the navigation bar of every page (:data:`~ogpgraph.pages.html.NAV`).
    ``views``: dicts with ``href``, ``title``, ``intro``, ``nodes``, ``edges``;
    ``version``: the dataset's version, ``released``: its release date (``YYYY-MM-DD``)."""
    from ogpgraph.analysis.gaps import find_gaps

    analysis = Analysis.of(source)
    g = analysis.view
    cites = citations(analysis)
    notes = Footnotes(_case_study_citations(g, cites))
    glance = glance_table(analysis, notes)
    heat_result = heat_map(analysis, Kind.RESULT.value, notes)
    view_list = "".join(
        f'<li><a href="{esc(v["href"])}">{esc(v["title"])}</a> — {esc(v["intro"])} '
        f'<span class="count">({v["nodes"]:,} nodes, {v["edges"]:,} edges)</span></li>'
        for v in views
    )
    css = asset("dashboard.css") + status_css()
    return fill(
        asset("dashboard.html"),
        csp=csp([], [css]),
        css=css,
        nav=nav_html(None, "index.html"),
        report_href=esc(REPORT_PAGE),
        timeline_href="timeline.html",
        plans=plans_html(analysis),
        as_at=as_at_line(analysis, version, released),
        attribution=esc(ATTRIBUTION),
        views=view_list,
        legend=legend(),
        glance=glance,
        heat_result=heat_result,
        evidence=notes.html(),
        progress=progress_html(analysis),
        gaps=gaps_html(g, find_gaps(analysis), cites),
        recommendations=recommendations_html(analysis, g, cites),
        agencies=agencies_html(analysis),
        statistics=statistics(analysis),
    )
