"""``index.html``: the dashboard an official opens first.

What the graph is and where it comes from (licence and attribution), the coverage matrix as a
heat map (each cell carries ``data-level``, ``data-item``, ``data-concept`` and ``data-state``,
the same values as ``ogpgraph coverage --format json``), the gaps grouped by kind, the NIS
recommendations with their status, and links to each graph view. Static HTML and CSS, no script
at all (its Content-Security-Policy forbids scripts), printable.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.coverage import LEGEND, SYMBOLS, coverage
from ogpgraph.analysis.projection import edges, nodes_of_kind
from ogpgraph.analysis.state import Analysis
from ogpgraph.core.values import short_iri
from ogpgraph.model import Kind, Relation, Status
from ogpgraph.pages.html import ATTRIBUTION, asset, csp, esc, fill, nav_html
from ogpgraph.pages.selections import latest_status, recommendation_statuses
from ogpgraph.pages.style import STATUS_COLORS, kind_style

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.findings import Finding
    from ogpgraph.dataset.store import KnowledgeGraph

STATE_TEXT = {
    "both": "claimed and evidenced",
    "claimed": "claimed, not evidenced",
    "evidenced": "evidenced, not claimed",
    "none": "neither",
}


def _text(value: Any) -> str:
    """A value for display: IRIs shortened to prefix:name (no bare URLs in the page)."""
    text = "" if value is None else str(value)
    return short_iri(text) if text.startswith(("http://", "https://")) else text


def gap_titles() -> dict[str, str]:
    """Each gap kind's heading, from the registry (:data:`ogpgraph.analysis.gaps.GAPS`)."""
    from ogpgraph.analysis.gaps import GAPS

    return GAPS.titles()


def heat_map(source: KnowledgeGraph | Analysis, level: str) -> str:
    """The coverage matrix at ``level`` as an HTML table."""
    cov = coverage(source, level)
    head = "".join(
        f'<th scope="col" data-concept="{esc(cov.labels[c])}">'
        f"<span>{esc(cov.labels[c])}</span></th>"
        for c in cov.columns
    )
    rows = []
    for row in cov.rows:
        item = cov.ids.get(row) or row
        cells = []
        counts: Counter[str] = Counter()
        for column in cov.columns:
            state = cov.cell(row, column)
            counts[state] += 1
            why = [STATE_TEXT[state]]
            if (row, column) in cov.claimed:
                why.append("claimed in: " + "; ".join(sorted(set(cov.claimed[(row, column)]))))
            if (row, column) in cov.evidenced:
                why.append("evidenced by: " + "; ".join(sorted(cov.evidenced[(row, column)])))
            cells.append(
                f'<td class="cell {state}" data-level="{esc(level)}" data-item="{esc(item)}" '
                f'data-item-iri="{esc(row)}" data-concept="{esc(cov.labels[column])}" '
                f'data-concept-iri="{esc(column)}" data-state="{state}" '
                f'title="{esc(" — ".join(why))}">{SYMBOLS[state]}'
                f'<span class="sr"> {esc(STATE_TEXT[state])}</span></td>'
            )
        kind = cov.kinds[row]
        rows.append(
            f'<tr class="{esc(kind)}"><th scope="row"><span class="item-id">'
            f"{esc(item)}</span> {esc(cov.labels[row])}</th>{''.join(cells)}"
            f'<td class="total">{counts["both"]}</td><td class="total">'
            f"{counts['claimed']}</td></tr>"
        )
    captions: dict[str, str] = {
        Kind.COMMITMENT: f"{Kind.COMMITMENT.plural} and {Kind.FOCUS_AREA.plural.lower()}",
        Kind.RESULT: Kind.RESULT.plural,
    }
    caption = captions.get(level, level)
    return (
        f'<table class="heatmap" data-level="{esc(level)}"><caption>{esc(caption)} × OGP '
        f'values and grand challenges</caption><thead><tr><th scope="col">Item</th>{head}'
        '<th scope="col" class="total" title="claimed and evidenced">✓</th>'
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
        "or challenge.</p>"
    )


def gaps_html(g: Any, gaps: list[Finding]) -> str:
    """The gaps grouped by kind, under each registered kind's title."""
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
        parts.append(
            f'<section class="gap-kind" id="gaps-{esc(kind)}" data-kind="{esc(kind)}">'
            f'<h3>{esc(titles[kind])} <span class="count">'
            f"({len(found)})</span></h3><ul>"
        )
        for gap in found:
            related = ", ".join(_text(g.nodes[r]["label"] if r in g else r) for r in gap.related)
            sources = "; ".join(_text(s) for s in gap.sources)
            parts.append(
                f'<li data-subject="{esc(gap.subject)}"><strong>{esc(gap.subject_label)}</strong>'
                f" — {esc(gap.message)}"
                + (
                    f' <span class="related">({esc(related)})</span>'
                    if related and kind not in ("claim-without-evidence",)
                    else ""
                )
                + (f' <span class="sources">Source: {esc(sources)}</span>' if sources else "")
                + "</li>"
            )
        parts.append("</ul></section>")
    return "".join(parts)


def recommendations_html(source: KnowledgeGraph | Analysis, g: Any) -> str:
    recs = nodes_of_kind(g, Kind.RECOMMENDATION)
    if not recs:
        return "<p>The graph holds no NIS recommendation yet.</p>"
    statuses = recommendation_statuses(source)
    rows = []
    for rec in recs:
        node = g.nodes[rec]
        has_parts = any(
            g.nodes[u]["kind"] == Kind.RECOMMENDATION
            for u, _v, _d in edges(g, Relation.PART_OF, target=rec)
        )
        status, note = latest_status(statuses.get(rec, []), has_parts)
        label, _color = STATUS_COLORS.get(status, STATUS_COLORS[Status.UNKNOWN])
        history = "; ".join(
            ", ".join(str(x) for x in (r["assessor"], r["date"]) if x)
            + f": {r['label'] or r['status']}"
            for r in statuses.get(rec, [])
        )
        links = sorted(
            (d["asserted_by"], d["relation"], g.nodes[u]["label"], d.get("status", ""))
            for u, _v, d in g.in_edges(rec, data=True)
            if "asserted_by" in d
        )
        link_text = "".join(
            f'<li data-asserted-by="{esc(a)}">{esc(a)}: {esc(rel)} — {esc(item)}'
            + (f" (status {esc(st)})" if st else "")
            + "</li>"
            for a, rel, item, st in links
        )
        pillars = ", ".join(
            sorted({g.nodes[v]["label"] for _u, v, _d in edges(g, Relation.TOUCHES, source=rec)})
        )
        parent = [
            v
            for _u, v, _d in edges(g, Relation.PART_OF, source=rec)
            if g.nodes[v]["kind"] == Kind.RECOMMENDATION
        ]
        rows.append(
            f'<tr data-recommendation="{esc(node.get("id") or rec)}" data-status="{esc(status)}"'
            + (' class="part"' if parent else "")
            + ">"
            f'<th scope="row"><span class="item-id">{esc(node.get("id", ""))}</span> '
            f"{esc(node['label'])}</th>"
            f'<td><span class="status {esc(status)}">{esc(label)}</span>'
            + (f'<div class="hint">{esc(history or note)}</div>')
            + "</td>"
            f"<td>{esc(pillars) or '—'}</td>"
            f"<td>{'<ul>' + link_text + '</ul>' if links else 'none'}</td></tr>"
        )
    return (
        '<table class="recs"><thead><tr><th scope="col">Recommendation</th>'
        '<th scope="col">Status (latest; every assessment below)</th>'
        '<th scope="col">Pillars touched</th><th scope="col">Linked action (who says so)</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def dashboard(source: KnowledgeGraph | Analysis, views: list[dict[str, Any]]) -> str:
    """The page. ``views``: dicts with ``href``, ``title``, ``intro``, ``nodes``, ``edges``."""
    from ogpgraph.analysis.gaps import find_gaps

    analysis = Analysis.of(source)
    kg = analysis.kg
    g = analysis.view
    kinds = Counter(k for _n, k in g.nodes(data="kind"))
    summary = ", ".join(
        f"{count:,} × {esc(kind_style(kind).label)}"
        for kind, count in sorted(kinds.items(), key=lambda x: (-x[1], x[0]))
    )
    view_list = "".join(
        f'<li><a href="{esc(v["href"])}">{esc(v["title"])}</a> — {esc(v["intro"])} '
        f'<span class="count">({v["nodes"]:,} nodes, {v["edges"]:,} edges)</span></li>'
        for v in views
    )
    nav = [("index.html", "Dashboard")] + [(v["href"], v["short"]) for v in views]
    css = asset("dashboard.css")
    return fill(
        asset("dashboard.html"),
        csp=csp([], [css]),
        css=css,
        nav=nav_html(nav, "index.html"),
        triples=f"{len(kg):,}",
        graphs=f"{len(kg.graph_names()):,}",
        summary=summary,
        attribution=esc(ATTRIBUTION),
        views=view_list,
        legend=legend(),
        heat_commitment=heat_map(analysis, Kind.COMMITMENT.value),
        heat_result=heat_map(analysis, Kind.RESULT.value),
        gaps=gaps_html(g, find_gaps(analysis)),
        recommendations=recommendations_html(analysis, g),
    )
