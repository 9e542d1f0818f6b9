"""``timeline.html``: New Zealand's action plans and NIS assessments across the years.

At the top, the swim-lane drawing of :mod:`ogpgraph.pages.swimlanes` (years on the x axis, a
lane for the NIS assessments and one per action plan, the links between them). Below it, one
lane per plan with a card per commitment: OGP identifier, title, lead, the government's self-assessed completion and the IRM's verdicts,
every field either with its value and a numbered reference to its sources or marked "not
known"; then the NIS assessments with their recommendations and what is linked to each; then
the sources, each with its address. Every reference carries the source's name and address as a
tooltip. Static HTML and SVG, no script (its Content-Security-Policy forbids scripts and
requests).

The data is :func:`ogpgraph.analysis.timeline.timeline`; this module only lays it out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ogpgraph.analysis.overview import plain_date
from ogpgraph.analysis.timeline import (
    FIELDS,
    IRM_FIELDS,
    NOT_KNOWN,
    CommitmentEntry,
    Link,
    Plan,
    Said,
    Timeline,
    timeline,
)
from ogpgraph.core import namespaces as ns
from ogpgraph.model import Relation
from ogpgraph.pages.html import ATTRIBUTION, asset, csp, esc, fill, nav_html
from ogpgraph.pages.resource import resource_path
from ogpgraph.pages.style import EdgeStyle, line_svg
from ogpgraph.pages.swimlanes import (
    IMPLEMENTS_LOOK,
    NIS_FILL,
    PLAN_FILL,
    PLAN_STROKE,
    anchor_of,
    drawing,
    link_look,
)

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

PAGE = "timeline.html"


class References:
    """Numbered references to the sources, in order of first use (``[3]``), each a link to the
    source's entry below with its name and address as a tooltip."""

    def __init__(self, found: Timeline) -> None:
        self.found = found
        self.numbers: dict[str, int] = {}

    def tip(self, source: str) -> str:
        entry = self.found.sources.get(source)
        if entry is None:
            return source
        return " — ".join(x for x in (entry.citation, *entry.addresses) if x)

    def refs(self, sources: tuple[str, ...] | list[str]) -> str:
        if not sources:
            return ""
        marks = []
        for source in sorted(set(sources)):
            self.numbers.setdefault(source, len(self.numbers) + 1)
        for source in sorted(set(sources), key=lambda s: self.numbers[s]):
            n = self.numbers[source]
            marks.append(
                f'<a class="ref" href="#source-{n}" title="{esc(self.tip(source))}" '
                f'data-source="{esc(source)}">{n}</a>'
            )
        return f' <span class="refs">[{", ".join(marks)}]</span>'

    def tips(self, sources: tuple[str, ...]) -> str:
        """The sources in words, for an SVG ``<title>``."""
        return "; ".join(self.tip(s) for s in sorted(set(sources)))

    def html(self) -> str:
        items = []
        for source, n in self.numbers.items():
            entry = self.found.sources.get(source)
            citation = entry.citation if entry else source
            addresses = entry.addresses if entry else ()
            if (
                not addresses
                and source.startswith(("http://", "https://"))
                and not source.startswith(ns.BASE)
            ):
                addresses = (source,)
                citation = "A page cited by a links table"
            parts = [f'<span class="citation">{esc(citation)}</span>']
            parts += [f"<code>{esc(a)}</code>" for a in addresses]
            if entry and entry.note:
                parts.append(f'<span class="note">{esc(entry.note)}</span>')
            items.append(
                f'<li id="source-{n}" value="{n}" data-source="{esc(source)}">'
                + " ".join(parts)
                + "</li>"
            )
        return f'<ol class="sources">{"".join(items)}</ol>'


# ----------------------------------------------------------------------------- the lanes below
def _values(values: list[Said], refs: References, *, by: bool = False) -> str:
    """Values with their references (one value given by several sources once, with each
    source), or "not known"."""
    if not values:
        return f'<span class="unknown">{esc(NOT_KNOWN)}</span>'
    merged: dict[tuple[str, str], set[str]] = {}
    for v in values:
        merged.setdefault((v.value, v.by if by else ""), set()).update(v.sources)
    values = [Said(value, tuple(sorted(s)), who) for (value, who), s in merged.items()]
    return "; ".join(
        f'<span class="value">{esc(v.value)}</span>'
        + (f' <span class="by">({esc(v.by)})</span>' if by and v.by else "")
        + refs.refs(v.sources)
        for v in values
    )


def _link_line(link: Link, found: Timeline, refs: References, *, side: str) -> str:
    """One link, as the recommendations page draws it (its line), in words."""
    look = link_look(link)
    if link.relation == Relation.RESPONDS_TO:
        words = (
            f"responds to {found.names.get(link.recommendation, link.recommendation)} as a whole"
            if side == "item"
            else f"{found.names.get(link.item, link.item)} responds to it as a whole"
        )
    else:
        other = link.recommendation if side == "item" else link.item
        how, who, when = link.words()
        words = (
            f"{found.names.get(other, other)}: {how} (asserted by {who}{when})"
            if side == "item"
            else f"{found.names.get(other, other)}: {how} (asserted by {who}{when})"
        )
    title = f' title="{esc(link.rationale)}"' if link.rationale else ""
    return (
        f'<li class="link" data-relation="{esc(link.relation)}" '
        f'data-asserted-by="{esc(link.asserted_by)}"{title}>{line_svg(look, 30, end=True)} '
        f"{esc(words)}{refs.refs(link.sources)}</li>"
    )


def _card(c: CommitmentEntry, found: Timeline, refs: References, resources: str) -> str:
    heading = esc(c.label)
    path = resource_path(c.iri)
    if path:
        heading = f'<a href="{esc(resources)}{esc(path)}.html">{heading}</a>'
    ids = (
        '<p class="ids">OGP '
        + "; ".join(f"{esc(s.value)}{refs.refs(s.sources)}" for s in c.ogp_ids)
        + "</p>"
        if c.ogp_ids
        else ""
    )
    rows = []
    rows.append(
        f'<dt>{esc(FIELDS[0].words)}</dt><dd data-field="lead" data-known="'
        f'{"true" if c.leads else "false"}">{_values(c.leads, refs)}</dd>'
    )
    if c.supporting:
        rows.append(f"<dt>Supported by</dt><dd>{_values(c.supporting, refs)}</dd>")
    if c.names_over_time:
        rows.append(
            f'<dt>Names over time</dt><dd data-field="names">{_values(c.names_over_time, refs)}</dd>'
        )
    rows.append(
        '<dt>Self-assessed completion</dt><dd data-field="self-assessed" data-known="'
        f'{"true" if c.self_assessed else "false"}">{_values(c.self_assessed, refs, by=True)}</dd>'
    )
    irm = "".join(
        f'<dt>{esc(f.words)}</dt><dd data-field="{esc(f.key)}" data-known="'
        f'{"true" if c.irm.get(f.key) else "false"}">{_values(c.irm.get(f.key, []), refs, by=f.key == "completion")}</dd>'
        for f in IRM_FIELDS
    )
    links = "".join(_link_line(link, found, refs, side="item") for link in c.links)
    names = ""
    if c.other_names:
        n = len(c.other_names)
        names = (
            f'<details class="names"><summary>{n} other name{"" if n == 1 else "s"} in the '
            f"sources</summary><ul>{''.join(f'<li>{_values([s], refs)}</li>' for s in c.other_names)}"
            "</ul></details>"
        )
    return (
        f'<article class="commitment" id="{esc(anchor_of(c))}" data-commitment="{esc(c.id)}">'
        f'<h3><span class="num">{esc(c.number if c.number is not None else "?")}</span> '
        f"{heading}{refs.refs(c.sources)}</h3>{ids}"
        f'<dl class="fields">{"".join(rows)}</dl>'
        f'<p class="irm-head">The IRM\'s verdicts</p><dl class="fields irm">{irm}</dl>'
        + (f'<ul class="links">{links}</ul>' if links else "")
        + names
        + "</article>"
    )


def _unknown() -> str:
    return f'<span class="unknown">{esc(NOT_KNOWN)}</span>'


def _plan_section(plan: Plan, found: Timeline, refs: References, resources: str) -> str:
    facts = []
    if plan.period:
        facts.append(f"<li>Period: {_values(plan.period, refs)}</li>")
    if plan.start or plan.end:
        start = (
            _values([Said(plain_date(plan.start.value), plan.start.sources)], refs)
            if plan.start
            else _unknown()
        )
        end = (
            _values([Said(plain_date(plan.end.value), plan.end.sources)], refs)
            if plan.end
            else _unknown()
        )
        if plan.implemented:
            facts.append(f"<li>Implemented from {start} until {end}</li>")
        else:
            facts.append(f"<li>Dated {start}; implemented until {end}</li>")
    words = "".join(
        f'<blockquote class="words">{_values([d], refs)}</blockquote>' for d in plan.descriptions
    )
    figures = "".join(f"<li>{_values([figure], refs)}</li>" for figure in plan.figures)
    notes = ""
    if plan.notes:
        n = len(plan.notes)
        notes = (
            f'<details class="notes"><summary>{n} note{"" if n == 1 else "s"} of the dataset on '
            f"this plan</summary><ul>"
            + "".join(f"<li>{_values([note], refs)}</li>" for note in plan.notes)
            + "</ul></details>"
        )
    links = "".join(_link_line(link, found, refs, side="item") for link in plan.links)
    cards = "".join(_card(c, found, refs, resources) for c in plan.commitments)
    path = resource_path(plan.iri)
    title = esc(plan.label)
    if path:
        title = f'<a href="{esc(resources)}{esc(path)}.html">{title}</a>'
    return (
        f'<section class="plan-lane" id="plan-{plan.number}" data-plan="{plan.number}">'
        f"<h2>Action plan {plan.number}: {title}</h2>"
        f'<ul class="plan-facts">{"".join(facts)}</ul>{words}'
        + (f'<ul class="figures">{figures}</ul>' if figures else "")
        + notes
        + (f'<ul class="links">{links}</ul>' if links else "")
        + (
            f'<div class="cards">{cards}</div>'
            if cards
            else '<p class="none">No commitment is recorded.</p>'
        )
        + "</section>"
    )


def _nis_section(found: Timeline, refs: References, resources: str) -> str:
    if not found.assessments:
        return '<p class="none">The graph holds no NIS assessment.</p>'
    by_rec: dict[str, list[Link]] = {}
    for link in found.links:
        by_rec.setdefault(link.recommendation, []).append(link)
    parts = []
    for nis in found.assessments:
        date = (
            _values([Said(plain_date(nis.date.value), nis.date.sources)], refs)
            if nis.date
            else f'<span class="unknown">{NOT_KNOWN}</span>'
        )
        facts = [f"<li>Date: {date}</li>"]
        facts += [f"<li>{_values([w], refs)}</li>" for w in nis.date_words]
        facts += [f"<li>A revision of {_values([r], refs)}</li>" for r in nis.revision_of]
        facts += [f"<li>{_values([figure], refs)}</li>" for figure in nis.figures]
        whole = "".join(
            _link_line(link, found, refs, side="recommendation")
            for link in sorted(by_rec.get(nis.iri, []), key=lambda k: k.item)
        )
        recs = []
        for rec in nis.recommendations:
            label = esc(rec.label)
            path = resource_path(rec.iri)
            if path:
                label = f'<a href="{esc(resources)}{esc(path)}.html">{label}</a>'
            linked = "".join(
                _link_line(link, found, refs, side="recommendation")
                for link in sorted(by_rec.get(rec.iri, []), key=lambda k: (k.item, k.asserted_by))
            )
            implements = "".join(
                f"<li>Asks that the outstanding recommendations of {_values([s], refs)} be "
                "implemented</li>"
                for s in rec.implements
            )
            others = ""
            if rec.other_links:
                k = rec.other_links
                others = (
                    f'<li class="others">{k} link{"" if k == 1 else "s"} to action outside the '
                    'plans (initiatives, events, documents): see <a href="recommendations.html">'
                    "the integrity recommendations</a></li>"
                )
            recs.append(
                f'<li class="rec{" part" if rec.parent else ""}" data-recommendation="{esc(rec.id)}">'
                f"{label}{refs.refs(rec.sources)}"
                + (
                    f'<ul class="links">{implements}{linked}{others}</ul>'
                    if linked or implements or others
                    else '<span class="none"> — nothing linked</span>'
                )
                + "</li>"
            )
        parts.append(
            f'<section class="nis-lane" data-assessment="{esc(nis.id)}"><h3>{esc(nis.label)}'
            f"{refs.refs(nis.sources)}</h3>"
            f'<ul class="plan-facts">{"".join(facts)}</ul>'
            + (f'<ul class="links">{whole}</ul>' if whole else "")
            + f'<ul class="recs">{"".join(recs)}</ul></section>'
        )
    return "".join(parts)


def _legend(found: Timeline) -> str:
    items = [
        '<li><svg class="swatch" width="30" height="14" aria-hidden="true"><rect x="1" y="1" '
        f'width="28" height="12" rx="2" fill="{PLAN_FILL}" stroke="{PLAN_STROKE}"/></svg> '
        "a plan's period</li>",
        '<li><svg class="swatch" width="30" height="14" aria-hidden="true"><rect x="1" y="1" '
        f'width="28" height="12" rx="2" fill="#FFFFFF" stroke="{PLAN_STROKE}" '
        'stroke-dasharray="5 3"/></svg> a plan whose end no source gives (drawn to the next '
        "plan's start)</li>",
        '<li><svg class="swatch" width="18" height="14" aria-hidden="true"><rect x="1" y="1" '
        f'width="16" height="12" rx="2" fill="{PLAN_STROKE}"/></svg> a commitment, by its '
        "number (hover for its title and lead; click for its card)</li>",
        '<li><svg class="swatch" width="16" height="14" aria-hidden="true"><polygon '
        f'points="8,0 15,7 8,14 1,7" fill="{NIS_FILL}"/></svg> an NIS assessment</li>',
    ]
    seen: dict[str, EdgeStyle] = {}
    for link in found.links:
        look = link_look(link)
        seen.setdefault(look.label, look)
    for label in sorted(seen):
        items.append(f"<li>{line_svg(seen[label], 30, end=True)} {esc(label)}</li>")
    if any(r.implements for a in found.assessments for r in a.recommendations):
        items.append(
            f"<li>{line_svg(IMPLEMENTS_LOOK, 30, end=True)} a later assessment {esc(IMPLEMENTS_LOOK.label)}</li>"
        )
    return f'<ul class="legend">{"".join(items)}</ul>'


def _table(classes: str, head: str, body: str) -> str:
    """A table of the page: its header cells and its rows (HTML, escaped by the caller)."""
    return f'<table class="{classes}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _values_by_plan(source: KnowledgeGraph | Analysis) -> str:
    """The plan × OGP value view (:func:`ogpgraph.analysis.plan_values.plan_values`, as
    ``ogpgraph coverage --by plan``) as a table: whose verdict each cell is, and not known apart
    from no."""
    from ogpgraph.analysis.plan_values import plan_values

    table = plan_values(source)
    shown = [c for c in table.columns if c not in ("period", "sources")]
    index = [table.columns.index(c) for c in shown]
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in shown)
    rows = []
    for row in table.rows:
        cells = [row[i] for i in index]
        rows.append(
            f'<tr data-plan="{esc(str(cells[0]))}">'
            + "".join(
                f'<td class="{"none" if str(v) in ("0", "") else "some"}">{esc(str(v))}</td>'
                for v in cells
            )
            + "</tr>"
        )
    return _table("values-by-plan", head, "".join(rows))


def _leads_by_plan(source: KnowledgeGraph | Analysis) -> str:
    """Who led what, plan by plan (``ogpgraph agencies --plan all``, its leads): one row per
    organisation (under the name in use when the plan began, where its sources date its names),
    one column per plan, the numbers of the commitments it leads; "not known" where no source
    names a lead."""
    from ogpgraph.analysis.agencies import agencies_over_time

    table = agencies_over_time(source, "all")
    col = {name: i for i, name in enumerate(table.columns)}
    plans = sorted({int(r[col["plan"]]) for r in table.rows})
    led: dict[str, dict[int, list[str]]] = {}
    for r in table.rows:
        if r[col["role"]] != "leads":
            continue
        ident = str(r[col["item"]])
        number = re.search(r"commitment-(\d+)$", ident)
        what = number.group(1) if number else ident.replace("focus-area-", "focus area: ")
        led.setdefault(str(r[col["organisation"]]), {}).setdefault(int(r[col["plan"]]), []).append(
            what
        )
    unknown = led.pop(NOT_KNOWN, None)
    rows = sorted(led.items(), key=lambda kv: (-sum(len(v) for v in kv[1].values()), kv[0]))
    if unknown:
        rows.append((NOT_KNOWN, unknown))
    head = "".join(f'<th scope="col">Plan {p}</th>' for p in plans)
    body = "".join(
        f'<tr><th scope="row">{esc(org)}</th>'
        + "".join(f"<td>{esc(', '.join(by.get(p, [])))}</td>" for p in plans)
        + "</tr>"
        for org, by in rows
    )
    return _table("values-by-plan leads", '<th scope="col">Organisation</th>' + head, body)


def timeline_page(source: KnowledgeGraph | Analysis, *, resources: str = "resource/") -> str:
    """The page (see the module docstring); ``resources``: where the resource pages are,
    relative to it."""
    found = timeline(source)
    refs = References(found)
    svg = drawing(found, refs.tips)
    plans = "".join(_plan_section(p, found, refs, resources) for p in found.plans)
    nis = _nis_section(found, refs, resources)
    n = sum(len(p.commitments) for p in found.plans)
    intro = (
        f"{len(found.plans)} action plans with {n} commitments, and "
        f"{len(found.assessments)} National Integrity System assessments, as the graph holds "
        "them. Each fact has a numbered reference to its sources (hover for the source and its "
        "address; the list is at the end); what no source says is marked “not known”."
    )
    css = asset("dashboard.css") + asset("timeline.css")
    return fill(
        asset("timeline.html"),
        csp=csp([], [css]),
        css=css,
        nav=nav_html(None, PAGE),
        intro=esc(intro),
        drawing=svg,
        legend=_legend(found),
        values=_values_by_plan(source),
        leads=_leads_by_plan(source),
        plans=plans,
        nis=nis,
        sources=refs.html(),
        attribution=esc(ATTRIBUTION),
    )
