"""The timeline's drawing (``timeline.html``, :mod:`ogpgraph.pages.timeline`): a swim-lane SVG
with years on the x axis, one lane for the NIS assessments and one per action plan, positions
computed here so that the same data gives the same bytes.

Each plan is a bar over its period (an end no source gives is drawn open, dashed, to the next
plan's start, and says so) holding a numbered box per commitment, which links to the
commitment's card; each NIS assessment a marker at its date with its name beside it (a second row
where names would meet); the links between recommendations and the plans' commitments and plans
are drawn in the recommendations page's looks (:mod:`ogpgraph.pages.style`: the asserter's
colour, the relation's line), and a later assessment's call to implement an earlier one as an arc.
Text is 11 to 13 px at 1:1 on a 1366-pixel screen; every label's width is estimated generously
(:data:`CHAR`) so that none meets another (``tests/test_browser_timeline.py`` measures it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ogpgraph.analysis.overview import plain_date
from ogpgraph.analysis.timeline import (
    NOT_KNOWN,
    CommitmentEntry,
    IntegrityEntry,
    Link,
    Plan,
    Timeline,
    year_fraction,
)
from ogpgraph.model import Relation
from ogpgraph.pages.html import esc
from ogpgraph.pages.style import EDGE_STYLES, EdgeStyle, edge_style, link_style

#: the sources of a fact in words, for a tooltip
Tips = Callable[[tuple[str, ...]], str]

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


def link_look(link: Link) -> EdgeStyle:
    """How a link is drawn: a recommendation link in its asserter's colour and its relation's
    line (as on the recommendations page), a response to a whole assessment as the graph
    pages draw "responds to"."""
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
    how, who, when = link.words()
    return f"{rec} — {item}: {how}, asserted by {who}{when}"


def drawing(found: Timeline, tips: Tips) -> str:
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
            f"{n} recommendation{'' if n == 1 else 's'} recorded"
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
        tip = f"{assessment.label} — {plain_date(assessment.date.value)}. Sources: " + tips(
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
        tip = f"{rec.label}: {said.value}. Sources: {tips(said.sources)}"
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
            + f". Sources: {tips(plan.start.sources if plan.start else plan.sources)}"
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
            tip = f"{c.label}. Lead: {lead}. Sources: {tips(c.sources)}"
            number = str(c.number) if c.number is not None else "?"
            parts.append(
                f'<a href="#{esc(anchor_of(c))}" class="box" data-commitment="{esc(c.id)}">'
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
        (sx, sy), (ex, ey) = anchors[nis], anchors[link.item]
        k = by_end.get(link.item, 0)
        by_end[link.item] = k + 1
        # several links to one item end side by side: down a plan's edge, along a box's top
        if link.item in plans:
            ey += k * 7
        else:
            ex += k * 6
        look = link_look(link)
        tip = link_words(link, found) + (f". Sources: {tips(link.sources)}" if link.sources else "")
        mid = (sy + ey) / 2
        lines.append(
            f'<path class="link" data-relation="{esc(link.relation)}" '
            f'data-asserted-by="{esc(link.asserted_by)}" d="M{_f(sx)},{_f(sy)} C{_f(sx)},{_f(mid)} '
            f'{_f(ex)},{_f(mid)} {_f(ex)},{_f(ey)}" fill="none" stroke="{look.color}" '
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


def anchor_of(c: CommitmentEntry) -> str:
    """The id of a commitment's card on the page (its identifier)."""
    return c.id or c.iri
