"""The action plan at a glance: what the dashboard answers first, as data.

- :func:`at_a_glance` — one :class:`GlanceRow` per commitment and focus area (the rows of the
  coverage matrix at the commitment level, in its order): who leads it, its milestones, its case
  studies, and the NIS recommendations it responds to with their latest status;
- :func:`agency_rows` — each organisation with the commitments, focus areas and results it leads
  and contributes to, its other work (initiatives, documents, events…) counted apart;
- :func:`gap_groups` — gap findings condensed to one group per subject and kind;
- :func:`citations` — a cited source or report section as a reader cites it
  ("Section 3: Better Public Services Results Programme, pp. 5–7");
- :func:`data_as_at` — the newest date of a cited source (issued, or the copy's date);
- :func:`plain_date` — an ``xsd:date``/``gYearMonth``/``gYear`` value in words.

Everything comes from the graph (the projection, and three internal queries for what the view
does not hold: milestones, recommendation numbers, source sections); the pages only render it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.coverage import item_rows, scope
from ogpgraph.analysis.positions import Side, sides, status_positions, summary_status
from ogpgraph.analysis.projection import edges, nodes_of_kind, sort_key
from ogpgraph.analysis.state import Analysis
from ogpgraph.core.queries import internal_query
from ogpgraph.model import RESPONDING_LINKS, Kind, Relation, Status

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.findings import Finding
    from ogpgraph.dataset.store import KnowledgeGraph

#: what an agency's plan work is: the kinds of the Action Plan's own items (and the results of
#: Commitment 1); everything else it leads or contributes to is counted apart
PLAN_KINDS: frozenset[Kind] = frozenset({Kind.COMMITMENT, Kind.FOCUS_AREA, Kind.RESULT})


@dataclass(frozen=True)
class RecommendationStatus:
    """A recommendation an item responds to, and its status: ``status`` (a
    :class:`~ogpgraph.model.Status` value, the one colour stands for:
    :func:`~ogpgraph.analysis.positions.summary_status`) with its display ``words``, and
    ``sides``, each assessor's current position (the government's and TINZ's always)."""

    iri: str
    label: str
    number: int | None
    part: bool
    status: str
    words: str
    sides: tuple[Side, ...] = ()


@dataclass
class GlanceRow:
    """One commitment or focus area of the at-a-glance table."""

    iri: str
    id: str
    label: str
    kind: str
    leads: list[tuple[str, str]] = field(default_factory=list)  # (IRI, name)
    milestones: list[str] = field(default_factory=list)
    case_studies: list[str] = field(default_factory=list)  # labels
    recommendations: list[RecommendationStatus] = field(default_factory=list)


@dataclass
class AgencyRow:
    """An organisation and its work: plan items (commitments, focus areas, results) it leads and
    contributes to, and how many other things (initiatives, documents…) it leads or takes part in."""

    iri: str
    label: str
    leads: list[str] = field(default_factory=list)  # IRIs of plan items
    contributes: list[str] = field(default_factory=list)
    other_leads: int = 0
    other_contributes: int = 0

    @property
    def plan_total(self) -> int:
        return len(self.leads) + len(self.contributes)


@dataclass
class GapGroup:
    """The gaps of one kind about one subject."""

    kind: str
    subject: str
    subject_label: str
    findings: list[Finding]


# ----------------------------------------------------------------------------- at a glance
def at_a_glance(source: KnowledgeGraph | Analysis) -> list[GlanceRow]:
    """One row per commitment and focus area, in the coverage matrix's order (memoised on the
    analysis)."""
    analysis = Analysis.of(source)
    return analysis.derived("overview.at-a-glance", lambda: _glance(analysis))


def _glance(analysis: Analysis) -> list[GlanceRow]:
    g = analysis.view
    milestones = _milestones(analysis)
    latest = latest_statuses(analysis)
    numbers = recommendation_numbers(analysis)
    rows = []
    for item in item_rows(g, Kind.COMMITMENT.value):
        attrs = g.nodes[item]
        leads = sorted(
            {(u, g.nodes[u]["label"]) for u, _v, _d in edges(g, Relation.LEADS, target=item)},
            key=lambda x: x[1],
        )
        studies = sorted(
            {
                g.nodes[u]["label"]
                for part in scope(g, item)
                for u, _v, _d in edges(g, Relation.ILLUSTRATES, target=part)
            }
        )
        recs = [
            RecommendationStatus(
                rec,
                g.nodes[rec]["label"],
                numbers.get(rec),
                _is_part(g, rec),
                latest.get(rec, Status.UNKNOWN).value,
                latest.get(rec, Status.UNKNOWN).label,
                tuple(sides(analysis, rec)),
            )
            for rec in responds_to(g, item)
        ]
        rows.append(
            GlanceRow(
                item,
                attrs.get("id", ""),
                attrs["label"],
                attrs["kind"],
                leads,
                milestones.get(item, []),
                studies,
                recs,
            )
        )
    return rows


def _is_part(g: Any, rec: str) -> bool:
    return any(
        g.nodes[v]["kind"] == Kind.RECOMMENDATION for _u, v, _d in edges(g, Relation.PART_OF, rec)
    )


def responds_to(g: Any, item: str) -> list[str]:
    """The NIS recommendations ``item`` responds to: those it responds to directly or is linked
    to as responding (graded or not), and every recommendation of a report it responds to as a whole
    (a recommendation in parts counts by its parts). In the recommendations' natural order."""
    found: set[str] = set()
    for _u, target, _d in edges(g, Relation.RESPONDS_TO, source=item):
        kind = g.nodes[target]["kind"]
        if kind == Kind.RECOMMENDATION:
            found.add(target)
        elif kind == Kind.DOCUMENT:
            found.update(u for u, _v, _d in edges(g, Relation.RECOMMENDED_BY, target=target))
    for relation in RESPONDING_LINKS:
        found.update(v for _u, v, _d in edges(g, relation, source=item))
    with_parts = {
        v for rec in found for _u, v, _d in edges(g, Relation.PART_OF, source=rec) if v in found
    }
    return sorted(found - with_parts, key=lambda n: sort_key(g, n))


def latest_statuses(source: KnowledgeGraph | Analysis) -> dict[str, Status]:
    """Each assessed recommendation's status where one value must stand for it (a node's colour:
    :func:`~ogpgraph.analysis.positions.summary_status`, the government's current position
    first); a recommendation no source assesses is absent (its status is
    :attr:`Status.UNKNOWN`). Every assessor's position: :func:`~ogpgraph.analysis.positions.sides`."""
    analysis = Analysis.of(source)
    known = {member.value: member for member in Status}
    return {rec: known[summary_status(sides(analysis, rec))] for rec in status_positions(analysis)}


def recommendation_numbers(source: KnowledgeGraph | Analysis) -> dict[str, int]:
    """The number the report gives each recommendation (its parts share it)."""
    analysis = Analysis.of(source)

    def compute() -> dict[str, int]:
        rows = analysis.kg.select(internal_query("analysis-overview-recommendations"))
        return {row["rec"]: int(row["number"]) for row in rows}

    return analysis.derived("overview.recommendation-numbers", compute)


def _milestones(analysis: Analysis) -> dict[str, list[str]]:
    """item -> the shortest label of each of its milestones (trailing full stop dropped)."""
    labels: dict[tuple[str, str], list[str]] = {}
    for row in analysis.kg.select(internal_query("analysis-overview-milestones")):
        labels.setdefault((row["item"], row["milestone"]), []).append(
            str(row["label"]).strip().rstrip(".")
        )
    found: dict[str, list[str]] = {}
    for (item, _milestone), texts in sorted(labels.items()):
        found.setdefault(item, []).append(min(texts, key=lambda t: (len(t), t)))
    return found


# ----------------------------------------------------------------------------- agencies
def agency_rows(source: KnowledgeGraph | Analysis) -> list[AgencyRow]:
    """Every organisation that leads or takes part in anything, most plan items first."""
    from ogpgraph.model import INVOLVEMENT

    g = Analysis.of(source).view
    rows = []
    for org in nodes_of_kind(g, Kind.ORGANISATION):
        led: set[str] = set()
        helped: set[str] = set()
        for _u, v, d in g.out_edges(org, data=True):
            if d["relation"] == Relation.LEADS:
                led.add(v)
            elif d["relation"] in INVOLVEMENT:
                helped.add(v)
        helped -= led
        if not led and not helped:
            continue
        plan = {n for n in led | helped if g.nodes[n]["kind"] in PLAN_KINDS}
        rows.append(
            AgencyRow(
                org,
                g.nodes[org]["label"],
                sorted(led & plan, key=lambda n: sort_key(g, n)),
                sorted(helped & plan, key=lambda n: sort_key(g, n)),
                len(led - plan),
                len(helped - plan),
            )
        )
    rows.sort(
        key=lambda r: (
            -len(r.leads),
            -r.plan_total,
            -(r.other_leads + r.other_contributes),
            r.label,
        )
    )
    return rows


# ----------------------------------------------------------------------------- gaps
def gap_groups(findings: Iterable[Finding]) -> list[GapGroup]:
    """One group per (kind, subject), in the order the findings come (kind, then subject)."""
    groups: dict[tuple[str, str], GapGroup] = {}
    for finding in findings:
        key = (finding.kind, finding.subject)
        if key not in groups:
            groups[key] = GapGroup(finding.kind, finding.subject, finding.subject_label, [])
        groups[key].findings.append(finding)
    return list(groups.values())


# ----------------------------------------------------------------------------- sources
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def plain_date(value: Any) -> str:
    """``2016-01`` → ``January 2016``, ``2013-12-09`` → ``9 December 2013``, ``2016`` → ``2016``
    (anything else as it is).

    >>> plain_date("2013-12-09"), plain_date("2016-01"), plain_date("2016")
    ('9 December 2013', 'January 2016', '2016')
    """
    text = "" if value is None else str(value)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        return text
    year, month, day = match.groups()
    if month is None:
        return year
    words = f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {words}" if day else words


def _sources(analysis: Analysis) -> list[dict[str, Any]]:
    return analysis.derived(
        "overview.sources", lambda: analysis.kg.select(internal_query("analysis-overview-sources"))
    )


def citations(source: KnowledgeGraph | Analysis) -> dict[str, str]:
    """Cited source or section IRI → how a reader cites it: its label, with a leading section
    number said as ``Section N:``, and its pages (``Section 3: Better Public Services Results
    Programme, pp. 5–7``; ``Annex 1, part 1: Better Public Services Results, pp. 31–40``)."""
    analysis = Analysis.of(source)

    def compute() -> dict[str, str]:
        found: dict[str, str] = {}
        for row in _sources(analysis):
            if row["source"] in found or row["label"] is None:
                continue
            label = str(row["label"])
            numbered = re.match(r"(\d+) (.+)", label)
            if numbered:
                label = f"Section {numbered.group(1)}: {numbered.group(2)}"
            start, end = row["pageStart"], row["pageEnd"]
            if start is not None:
                pages = f"p. {start}" if end is None or end == start else f"pp. {start}–{end}"
                label = f"{label}, {pages}"
            found[row["source"]] = label
        return found

    return analysis.derived("overview.citations", compute)


def data_as_at(source: KnowledgeGraph | Analysis) -> str | None:
    """The newest date of a cited source (``dcterms:issued`` of it or of the document it is part
    of, or ``dcterms:date``, the date of the copy read), as the data has it (``2016-01``,
    ``2023-01-24``); None when no cited source is dated."""
    dates = [str(row["issued"]) for row in _sources(Analysis.of(source)) if row["issued"]]
    return max(dates) if dates else None
