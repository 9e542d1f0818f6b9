"""Each assessor's current position on each recommendation's status, with its history: the one
place the dashboard, the graph pages, ``gaps`` and the reports read "latest status" from.

A status assessment (``ogp:StatusAssessment``: the report's, an external page's, or a row of a
table under ``graph/assessments/`` or ``graph/links/``) belongs to an assessor (the government
for any government agency, TINZ…: :mod:`ogpgraph.model.positions`); an assessor's assessments of
one recommendation are its timeline, and the newest (signed-off rows deciding) its position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ogpgraph.core.queries import internal_query
from ogpgraph.model import Status, asserter_words, status_words
from ogpgraph.model.positions import Agreement, Position, Row, position, side_order

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis


@dataclass(frozen=True)
class Assessment:
    """One status assessment: what it says (``status``, ``words``: its summary or rationale),
    when, by whom (``assessor``: the side; ``organisation``: the organisation's name;
    ``reviewer``), about what (``about``: items it names), and where from (``sources``: IRIs it
    cites; ``source_title``, ``page_start``, ``page_end``; ``evidence``: the evidence as the assessor gave it)."""

    iri: str
    recommendation: str
    status: str
    date: str
    assessor: str
    organisation: str
    reviewer: str
    signed_off: bool
    words: str
    evidence: str
    about: tuple[str, ...]
    sources: tuple[str, ...]
    source_title: str
    page_start: str
    page_end: str
    graph: str

    @property
    def status_label(self) -> str:
        return status_words(self.status)

    def as_dict(self) -> dict[str, Any]:
        """The assessment as JSON-ready values."""
        return {
            "status": self.status,
            "status_label": self.status_label,
            "date": self.date,
            "assessor": self.assessor,
            "organisation": self.organisation,
            "reviewer": self.reviewer,
            "words": self.words,
            "evidence": self.evidence,
            "sources": list(self.sources),
            "source_title": self.source_title,
            "page_start": self.page_start,
            "page_end": self.page_end,
        }


def assessments(analysis: Analysis) -> list[Assessment]:
    """Every status assessment in the graph, by recommendation and date (memoised)."""
    return analysis.derived("status-assessments", lambda: _assessments(analysis))


def _assessments(analysis: Analysis) -> list[Assessment]:
    from ogpgraph.dataset.resolve import assessors

    who_is = assessors(analysis.kg)
    merged: dict[str, dict[str, Any]] = {}
    for row in analysis.kg.select(internal_query("analysis-positions")):
        found = merged.setdefault(row["a"], {"row": row, "about": set(), "sources": set()})
        if row["about"]:
            found["about"].add(row["about"])
        if row["source"]:
            found["sources"].add(row["source"])
            found["row"] = found["row"] if found["row"]["sourceTitle"] else row
        if row["evidenceSource"]:
            found["sources"].add(row["evidenceSource"])
    out = []
    for iri, found in merged.items():
        row = found["row"]
        who = row["who"] or ""
        out.append(
            Assessment(
                iri=iri,
                recommendation=row["rec"],
                status=str(row["status"]),
                date=str(row["date"] or ""),
                assessor=who_is.get(who, "") or (row["whoLabel"] or "unattributed"),
                organisation=str(row["whoLabel"] or ""),
                reviewer=str(row["reviewer"] or ""),
                signed_off=bool(row["signed"]),
                words=str(row["rationale"] or row["summary"] or ""),
                evidence=str(row["evidence"] or row["evidenceSource"] or ""),
                about=tuple(sorted(found["about"])),
                sources=tuple(sorted(found["sources"])),
                source_title=str(row["sourceTitle"] or ""),
                page_start=str(row["pageStart"] or ""),
                page_end=str(row["pageEnd"] or ""),
                graph=row["graph"],
            )
        )
    out.sort(key=lambda a: (a.recommendation, a.date, a.assessor, a.reviewer, a.iri))
    return out


def status_positions(analysis: Analysis) -> dict[str, dict[str, Position[Assessment]]]:
    """Recommendation IRI → assessor → its current position (and history) on the status
    (memoised). A recommendation no one assesses is absent."""
    return analysis.derived("status-positions", lambda: _positions(assessments(analysis)))


def _positions(found: list[Assessment]) -> dict[str, dict[str, Position[Assessment]]]:
    rows: dict[str, dict[str, list[Row[Assessment]]]] = {}
    for a in found:
        rows.setdefault(a.recommendation, {}).setdefault(a.assessor, []).append(
            Row(a.status, a.date, a.reviewer, a.signed_off, item=a)
        )
    return {
        rec: {who: position(r) for who, r in sorted(by.items())} for rec, by in sorted(rows.items())
    }


#: what an assessor with no position on a recommendation's status says
NOT_ASSESSED = "not assessed"


@dataclass(frozen=True)
class Side:
    """One assessor's current position on a recommendation, as the views show it: ``status``
    (a :class:`Status` value; ``None`` when its newest rows disagree — ``statuses`` then holds
    each — and :attr:`assessed` False when it has no assessment), the date and the assessments
    that make it."""

    assessor: str
    position: Position[Assessment] | None

    @property
    def assessed(self) -> bool:
        return self.position is not None

    @property
    def status(self) -> str | None:
        return self.position.value if self.position is not None else None

    @property
    def statuses(self) -> tuple[str, ...]:
        return self.position.values if self.position is not None else ()

    @property
    def date(self) -> str:
        return self.position.date if self.position is not None else ""

    @property
    def current(self) -> list[Assessment]:
        if self.position is None:
            return []
        return [row.item for row in self.position.rows if row.item is not None]

    @property
    def earlier(self) -> list[Assessment]:
        """Its assessments of earlier dates (its history)."""
        if self.position is None:
            return []
        return [row.item for row in self.position.earlier if row.item is not None]

    @property
    def not_adopted(self) -> list[Assessment]:
        """Its assessments of the newest date that are not its position (a reviewer's view
        when another row of that date is signed off)."""
        if self.position is None:
            return []
        return [row.item for row in self.position.not_adopted if row.item is not None]

    @property
    def status_words(self) -> str:
        """The status in words: "Met", "Met or Not started" (its newest rows disagree), or
        :data:`NOT_ASSESSED`."""
        if self.position is None:
            return NOT_ASSESSED
        return " or ".join(status_words(s) for s in self.statuses)

    @property
    def words(self) -> str:
        """The position in words: "Met (2016-01)", "not assessed", "Met or Not started"…"""
        shown = self.status_words
        return f"{shown} ({self.date})" if self.position is not None and self.date else shown

    @property
    def who(self) -> str:
        return asserter_words(self.assessor)


def sides(analysis: Analysis, recommendation: str) -> list[Side]:
    """Each assessor's position on one recommendation, the government and TINZ always (one with
    no assessment says so), then any other assessor that has one."""
    by = status_positions(analysis).get(recommendation, {})
    return [Side(who, by.get(who)) for who in side_order(by)]


def agreement(found: list[Side]) -> Agreement:
    """:class:`~ogpgraph.model.positions.Agreement`: ``agree`` (every assessor with a position
    gives one status, and there are two or more), ``disagree``, ``one-sided`` (one assessor
    only) or ``unassessed``."""
    statuses = [s.statuses for s in found if s.assessed]
    if not statuses:
        return Agreement.UNASSESSED
    if len(statuses) == 1:
        return Agreement.ONE_SIDED
    if len({tuple(s) for s in statuses}) == 1 and len(statuses[0]) == 1:
        return Agreement.AGREE
    return Agreement.DISAGREE


def summary_status(found: list[Side]) -> str:
    """One status for a recommendation where one colour must stand for it (a node's fill): the
    government's position, else the first assessor's that has one, else ``unknown``. The views
    show every side beside it."""
    for side in found:
        if side.status is not None:
            return side.status
    return Status.UNKNOWN.value


def link_agreement(by: dict[str, list[dict[str, Any]]]) -> Agreement:
    """How the assessors' current rows about one link (a recommendation and one item) compare:
    assessor → its current rows (the view's link-edge attributes). ``agree`` when every
    assessor gives one relation, the same, and the statuses given with the links (where two or
    more give one) are the same; ``disagree`` otherwise; ``one-sided`` with one assessor only;
    ``unassessed`` with none. A status one side gives and the other leaves out is no
    disagreement about the link: the status row compares it; nor is a link one side makes
    without a grade (``linked``): only grades can contradict each other."""
    from ogpgraph.model import GRADED_LINKS

    said = {who: rows for who, rows in by.items() if rows}
    if not said:
        return Agreement.UNASSESSED
    if len(said) == 1:
        return Agreement.ONE_SIDED
    graded = {r.value for r in GRADED_LINKS}
    relations = {
        tuple(sorted({d["relation"] for d in rows if d["relation"] in graded}))
        for rows in said.values()
    } - {()} or {("",)}
    statuses = {
        tuple(sorted({d["status"] for d in rows if d.get("status")})) for rows in said.values()
    } - {()}
    if len(relations) == 1 and len(next(iter(relations))) == 1 and len(statuses) <= 1:
        return Agreement.AGREE if all(len(s) == 1 for s in statuses) else Agreement.DISAGREE
    return Agreement.DISAGREE


def other_level_links(g: Any, rec: str, item: str) -> dict[str, list[str]]:
    """Assessor → the recommendations of another level (the whole ``rec`` is a part of, or
    ``rec``'s own parts) it links ``item`` to: TINZ links a bill to Recommendation 1, the
    government the same bill to its UNCAC part — both link it, at different levels."""
    from ogpgraph.analysis.projection import edges
    from ogpgraph.model import Kind, Relation

    def recommendation(node: str) -> bool:
        return g.nodes[node].get("kind") == Kind.RECOMMENDATION.value

    related = {w for _u, w, _d in edges(g, Relation.PART_OF, source=rec) if recommendation(w)}
    related |= {u for u, _v, _d in edges(g, Relation.PART_OF, target=rec) if recommendation(u)}
    found: dict[str, list[str]] = {}
    for other in sorted(related):
        for u, _v, d in g.in_edges(other, data=True):
            if u == item and "asserted_by" in d and other not in found.get(d["asserted_by"], []):
                found.setdefault(d["asserted_by"], []).append(other)
    return found
