"""``timeline.html``: New Zealand's action plans and NIS assessments across the years.

At the top, a swim-lane drawing in inline SVG (positions computed here, so the same data gives
the same bytes): years on the x axis, one lane for the NIS assessments and one per action plan,
each plan a bar over its period (an end no source gives is drawn open, dashed, and says so) with a
numbered box per commitment, and the links between NIS recommendations and the commitments and
plans of any plan drawn in the recommendations page's looks (:mod:`ogpgraph.pages.style`: the
asserter's colour, the relation's line). Below it, one lane per plan with a card per commitment:
OGP identifier, title, lead, the government's self-assessed completion and the IRM's verdicts,
every field either with its value and a numbered reference to its sources or marked "not
known"; then the NIS assessments with their recommendations and what is linked to each; then
the sources, each with its address. Every reference carries the source's name and address as a
tooltip. Static HTML and SVG, no script (its Content-Security-Policy forbids scripts and
requests).

The data is :func:`ogpgraph.analysis.timeline.timeline`; this module only lays it out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ogpgraph.analysis.overview import plain_date
from ogpgraph.analysis.timeline import (
    FIELDS,
    IRM_FIELDS,
    NOT_KNOWN,
    CommitmentEntry,
    IntegrityEntry,
    Link,
    Plan,
    Said,
    Timeline,
    timeline,
    year_fraction,
)
from ogpgraph.core import namespaces as ns
from ogpgraph.model import Relation, as_relation, asserter_words
from ogpgraph.pages.html import ATTRIBUTION, asset, csp, esc, fill, nav_html
from ogpgraph.pages.resource import resource_path
from ogpgraph.pages.style import EDGE_STYLES, EdgeStyle, edge_style, line_svg, link_style

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

PAGE = "timeline.html"
#: the drawing's width and its left column (lane names), in CSS pixels at 1:1
WIDTH = 1320
LEFT = 178
RIGHT = 16
AXIS = 30
#: a commitment's box in a plan's bar
BOX = 22
BOX_MIN = 19
BOX_H = 18
#: the width of a character of the drawing's 12 px text, generously (no label may overlap)
CHAR = 7.0
FONT = 12
#: how long an open-ended bar (no end date in the sources) is drawn, in years, when no later
#: plan starts after it
OPEN_YEARS = 1.0
#: the look of a commitment's response to a whole assessment, and of a later assessment's call
#: to implement an earlier one
RESPONDS_LOOK = EDGE_STYLES[Relation.RESPONDS_TO]
IMPLEMENTS_LOOK = EdgeStyle("asks that the earlier recommendations be implemented", "#555555", 1.5)
PLAN_FILL = "#DCE9F5"
OPEN_DASH = ' stroke-dasharray="5 3"'
PLAN_STROKE = "#0072B2"
NIS_FILL = "#6A3D9A"


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

    def tips(self, sources: tuple[str, ...] | list[str]) -> str:
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


# ----------------------------------------------------------------------------- the drawing
@dataclass
class _Geometry:
    first: int
    last: int

    @property
    def per_year(self) -> float:
        return (WIDTH - LEFT - RIGHT) / (self.last - self.first)

    def x(self, year: float) -> float:
        return LEFT + (year - self.first) * self.per_year


def _span(plans: list[Plan]) -> dict[str, tuple[float, float, bool]]:
    """plan -> (start, end, whether the end is known), in years; a plan with no start is left
    out of the drawing."""
    spans = {}
    starts = sorted(year_fraction(p.start.value) for p in plans if p.start)
    for plan in plans:
        if plan.start is None:
            continue
        start = year_fraction(plan.start.value)
        if plan.end is not None:
            # an end to the month covers that month
            end = year_fraction(plan.end.value) + (1 / 12 if len(plan.end.value) == 7 else 0)
            spans[plan.iri] = (start, max(end, start + 1 / 12), True)
        else:
            later = [s for s in starts if s > start]
            spans[plan.iri] = (start, later[0] if later else start + OPEN_YEARS, False)
    return spans


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, cls: str = "", anchor: str = "start") -> str:
    attrs = f' class="{cls}"' if cls else ""
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    return f'<text x="{_f(x)}" y="{_f(y)}"{attrs}>{esc(text)}</text>'


def _width(text: str, px: float = FONT) -> float:
    return len(text) * CHAR * px / FONT


def _dash(style: EdgeStyle) -> str:
    return f' stroke-dasharray="{" ".join(str(d) for d in style.dashes)}"' if style.dashes else ""


def _link_look(link: Link) -> EdgeStyle:
    if link.relation == Relation.RESPONDS_TO:
        return RESPONDS_LOOK
    return edge_style(link_style(link.relation, link.asserted_by))


def link_words(link: Link, found: Timeline) -> str:
    """A link in words: ``Recommendation 2 — addresses, asserted by government (the report),
    January 2016``."""
    rec = found.names.get(link.recommendation, link.recommendation)
    item = found.names.get(link.item, link.item)
    if link.relation == Relation.RESPONDS_TO:
        return f"{item} responds to {rec}"
    try:
        how = as_relation(link.relation).words
    except ValueError:
        how = link.relation
    who = asserter_words(link.asserted_by) if link.asserted_by else "a source"
    when = f", {plain_date(link.at)}" if link.at else ""
    return f"{rec} — {item}: {how}, asserted by {who}{when}"


def drawing(found: Timeline, refs: References) -> str:
    """The swim-lane SVG."""
    spans = _span(found.plans)
    dates = [y for s in spans.values() for y in s[:2]]
    dates += [year_fraction(a.date.value) for a in found.assessments if a.date]
    if not dates:
        return '<p class="none">No plan or assessment of the graph has a date.</p>'
    geo = _Geometry(math.floor(min(dates)), math.floor(max(dates)) + 1)
    parts: list[str] = []
    lines: list[str] = []
    anchors: dict[str, tuple[float, float]] = {}  # item -> where a link ends (x, y)
    y = AXIS + 8
    # the NIS lane: a marker per assessment, its name beside it (a second row when names meet)
    nis_top = y
    rows_end: list[float] = []
    placed: list[tuple[IntegrityEntry, float, float]] = []
    for assessment in found.assessments:
        if assessment.date is None:
            continue
        x = geo.x(year_fraction(assessment.date.value))
        n = sum(1 for r in assessment.recommendations if r.parent is None)
        words = (
            f"{_short(assessment)} ({plain_date(assessment.date.value)}): "
            f"{n} recommendation{'' if n == 1 else 's'}"
        )
        width = _width(words)
        left = x + 10 if x + 10 + width <= WIDTH - 2 else x - 10 - width
        row = next((i for i, end in enumerate(rows_end) if left > end + 12), len(rows_end))
        if row == len(rows_end):
            rows_end.append(0)
        rows_end[row] = left + width
        ty = nis_top + 16 + row * 17
        placed.append((assessment, x, ty))
        anchors[assessment.iri] = (x, nis_top + 12)
        tip = f"{assessment.label} — {plain_date(assessment.date.value)}. Sources: " + refs.tips(
            assessment.date.sources or assessment.sources
        )
        parts.append(
            f'<g class="nis" data-assessment="{esc(assessment.id)}"><title>{esc(tip)}</title>'
            f'<polygon points="{_f(x)},{_f(ty - 11)} {_f(x + 7)},{_f(ty - 4)} {_f(x)},{_f(ty + 3)} '
            f'{_f(x - 7)},{_f(ty - 4)}" fill="{NIS_FILL}"/>'
            + _text(left, ty, words, "label", "start")
            + "</g>"
        )
        anchors[assessment.iri] = (x, ty + 3)
    implements = [
        (assessment, rec, said)
        for assessment in found.assessments
        for rec in assessment.recommendations
        for said in rec.implements
    ]
    nis_height = 16 + max(len(rows_end), 1) * 17 + (26 if implements else 6)
    # a later assessment asking for an earlier one to be implemented: an arc under the markers
    for assessment, rec, said in implements:
        earlier = next((a for a in found.assessments if a.label == said.value), None)
        if earlier is None or earlier.iri not in anchors or assessment.iri not in anchors:
            continue
        (x1, y1), (x2, y2) = anchors[assessment.iri], anchors[earlier.iri]
        low = nis_top + nis_height - 8
        tip = f"{rec.label}: {said.value}. Sources: {refs.tips(said.sources)}"
        lines.append(
            f'<path class="implements" d="M{_f(x1)},{_f(y1)} C{_f(x1)},{_f(low)} {_f(x2)},'
            f'{_f(low)} {_f(x2)},{_f(y2)}" fill="none" stroke="{IMPLEMENTS_LOOK.color}" '
            f'stroke-width="{IMPLEMENTS_LOOK.width}" marker-end="url(#arrow)">'
            f"<title>{esc(tip)}</title></path>"
        )
        words = f"“{_rec_short(rec.label)}”"
        parts.append(_text((x1 + x2) / 2, low - 2, words, "label small", "middle"))
    lanes = [(nis_top, nis_height, "NIS assessments", "by TINZ")]
    y = nis_top + nis_height
    # a lane per plan: the bar over its period, a numbered box per commitment, words under it
    for plan in found.plans:
        period = "; ".join(s.value for s in plan.period)
        span = spans.get(plan.iri)
        n = len(plan.commitments)
        if span is None:
            lanes.append((y, 40, f"Action plan {plan.number}", period or "period not known"))
            parts.append(_text(LEFT + 4, y + 24, "no start date in the sources", "label muted"))
            y += 40
            continue
        start, end, closed = span
        x0, x1 = geo.x(start), geo.x(end)
        box = max(BOX_MIN, min(BOX, (x1 - x0 - 6) / n)) if n else BOX
        per_row = max(1, int((x1 - x0 - 6) // box))
        rows = max(1, math.ceil(n / per_row)) if n else 1
        bar_h = rows * (BOX_H + 3) + 5
        top = y + 8
        tip = (
            f"{plan.label}: "
            + (period or "")
            + f". Sources: {refs.tips(plan.start.sources if plan.start else plan.sources)}"
        )
        parts.append(
            f'<g class="plan" data-plan="{plan.number}"><title>{esc(tip)}</title>'
            f'<rect x="{_f(x0)}" y="{_f(top)}" width="{_f(x1 - x0)}" height="{_f(bar_h)}" rx="3" '
            f'fill="{PLAN_FILL if closed else "#FFFFFF"}" stroke="{PLAN_STROKE}" '
            f'stroke-width="1.5"{"" if closed else OPEN_DASH}/></g>'
        )
        # a link to the plan itself ends at the bar's right edge, clear of the boxes
        anchors[plan.iri] = (x1, top + bar_h / 2)
        for i, c in enumerate(plan.commitments):
            bx = x0 + 4 + (i % per_row) * box
            by = top + 4 + (i // per_row) * (BOX_H + 3)
            anchors[c.iri] = (bx + (box - 3) / 2, by)
            lead = "; ".join(s.value for s in c.leads) or NOT_KNOWN
            tip = f"{c.label}. Lead: {lead}. Sources: {refs.tips(c.sources)}"
            number = str(c.number) if c.number is not None else "?"
            parts.append(
                f'<a href="#{esc(_anchor(c))}" class="box" data-commitment="{esc(c.id)}">'
                f"<title>{esc(tip)}</title>"
                f'<rect x="{_f(bx)}" y="{_f(by)}" width="{_f(box - 3)}" height="{BOX_H}" rx="2" '
                f'fill="{PLAN_STROKE}"/>'
                + _text(bx + (box - 3) / 2, by + 13, number, "box-number", "middle")
                + "</a>"
            )
        when = _period_words(plan)
        words = f"{when} · {n} commitment{'' if n == 1 else 's'}"
        if not closed:
            words += " · end not given by the sources"
        ty = top + bar_h + 15
        anchor = "start" if x0 + _width(words) <= WIDTH - 2 else "end"
        parts.append(_text(x0 if anchor == "start" else x1, ty, words, "label", anchor))
        height = bar_h + 30
        lanes.append((y, height, f"Action plan {plan.number}", period))
        y += height
    total = y + 6
    # the links: from the assessment's marker to the plan's bar or the commitment's box
    plans = {plan.iri for plan in found.plans}
    by_end: dict[str, int] = {}
    for link in sorted(found.links, key=lambda k: (k.item, k.relation, k.asserted_by)):
        nis = _assessment_of(found, link.recommendation)
        if nis is None or nis not in anchors or link.item not in anchors:
            continue
        (sx, sy), (tx, ty) = anchors[nis], anchors[link.item]
        k = by_end.get(link.item, 0)
        by_end[link.item] = k + 1
        # several links to one item end side by side: down a plan's edge, along a box's top
        if link.item in plans:
            ty += k * 7
        else:
            tx += k * 6
        look = _link_look(link)
        tip = link_words(link, found) + (
            f". Sources: {refs.tips(link.sources)}" if link.sources else ""
        )
        mid = (sy + ty) / 2
        lines.append(
            f'<path class="link" data-relation="{esc(link.relation)}" '
            f'data-asserted-by="{esc(link.asserted_by)}" d="M{_f(sx)},{_f(sy)} C{_f(sx)},{_f(mid)} '
            f'{_f(tx)},{_f(mid)} {_f(tx)},{_f(ty)}" fill="none" stroke="{look.color}" '
            f'stroke-width="{look.width}"{_dash(look)}><title>{esc(tip)}</title></path>'
        )
    # the lanes' backgrounds and names, the years
    back = []
    for i, (top, height, name, sub) in enumerate(lanes):
        back.append(
            f'<rect x="0" y="{_f(top)}" width="{WIDTH}" height="{_f(height)}" '
            f'class="{"lane odd" if i % 2 else "lane"}"/>'
            + _text(8, top + 18, name, "lane-name")
            + "".join(
                _text(8, top + 34 + 15 * k, line, "label muted")
                for k, line in enumerate(_wrap(sub, LEFT - 14, 2 if height >= 56 else 1))
            )
        )
    axis = []
    for year in range(geo.first, geo.last + 1):
        x = geo.x(year)
        axis.append(
            f'<line x1="{_f(x)}" y1="{AXIS - 4}" x2="{_f(x)}" y2="{_f(total)}" class="tick"/>'
        )
        if year < geo.last:
            axis.append(_text(x + geo.per_year / 2, AXIS - 10, str(year), "year", "middle"))
    return (
        f'<svg class="timeline" width="{WIDTH}" height="{_f(total)}" '
        f'viewBox="0 0 {WIDTH} {_f(total)}" role="img" aria-labelledby="drawing-title">'
        '<title id="drawing-title">The action plans and the NIS assessments by year</title>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{IMPLEMENTS_LOOK.color}"/></marker></defs>'
        + "".join(back)
        + "".join(axis)
        + "".join(parts)
        + "".join(lines)
        + "</svg>"
    )


def _wrap(text: str, width: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` pixels (the last one cut with "…").

    >>> _wrap("launched in October 2014 (published 2014)", 164, 2)
    ['launched in October', '2014 (published 2014)']
    >>> _wrap("a very long period in words that goes on", 70, 2)
    ['a very', 'long peri…']
    """
    limit = int(width // CHAR)
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= limit:
            line += " " + words.pop(0)
        out.append(line)
    if words or (out and len(out[-1]) > limit):
        last = (out[-1] + " " + " ".join(words)).strip()
        out[-1] = last[: limit - 1].rstrip() + "…"
    return out


def _short(assessment: IntegrityEntry) -> str:
    """An assessment's shortest name (its id's year when it has one)."""
    return "NIS " + assessment.id.rsplit("-", 1)[-1] if assessment.id else assessment.label


def _rec_short(label: str) -> str:
    return label.split(": ", 1)[-1]


def _assessment_of(found: Timeline, iri: str) -> str | None:
    for assessment in found.assessments:
        if iri == assessment.iri or any(r.iri == iri for r in assessment.recommendations):
            return assessment.iri
    return None


def _period_words(plan: Plan) -> str:
    if plan.start and plan.end:
        return f"{plain_date(plan.start.value)} – {plain_date(plan.end.value)}"
    if plan.start:
        return f"from {plain_date(plan.start.value)}"
    return "period not known"


def _anchor(c: CommitmentEntry) -> str:
    return c.id or c.iri


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
    look = _link_look(link)
    if link.relation == Relation.RESPONDS_TO:
        words = (
            f"responds to {found.names.get(link.recommendation, link.recommendation)} as a whole"
            if side == "item"
            else f"{found.names.get(link.item, link.item)} responds to it as a whole"
        )
    else:
        other = link.recommendation if side == "item" else link.item
        try:
            how = as_relation(link.relation).words
        except ValueError:
            how = link.relation
        who = asserter_words(link.asserted_by) if link.asserted_by else "a source"
        when = f", {plain_date(link.at)}" if link.at else ""
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
        f'{"true" if c.irm.get(f.key) else "false"}">{_values(c.irm.get(f.key, []), refs)}</dd>'
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
        f'<article class="commitment" id="{esc(_anchor(c))}" data-commitment="{esc(c.id)}">'
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
        look = _link_look(link)
        seen.setdefault(look.label, look)
    for label in sorted(seen):
        items.append(f"<li>{line_svg(seen[label], 30, end=True)} {esc(label)}</li>")
    if any(r.implements for a in found.assessments for r in a.recommendations):
        items.append(
            f"<li>{line_svg(IMPLEMENTS_LOOK, 30, end=True)} a later assessment {esc(IMPLEMENTS_LOOK.label)}</li>"
        )
    return f'<ul class="legend">{"".join(items)}</ul>'


def timeline_page(source: KnowledgeGraph | Analysis, *, resources: str = "resource/") -> str:
    """The page (see the module docstring); ``resources``: where the resource pages are,
    relative to it."""
    found = timeline(source)
    refs = References(found)
    svg = drawing(found, refs)
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
        plans=plans,
        nis=nis,
        sources=refs.html(),
        attribution=esc(ATTRIBUTION),
    )
