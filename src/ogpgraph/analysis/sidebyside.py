"""The side-by-side report of the NIS recommendations: the rows every format of ``ogpgraph report
recommendations`` (Markdown, HTML, CSV, JSON) and the build's exports are made from.

It owns what the report says and in what order: for each recommendation (parts under their
heading, in the recommendations' natural order), its texts, its gaps, a **status row** (each
assessor's current status, date, words and evidence; marked by
:func:`~ogpgraph.analysis.positions.agreement`) and one **link row** per linked item (each
assessor's current relation, the status given with the link, rationale, date, reviewer and
evidence; marked by :func:`~ogpgraph.analysis.positions.link_agreement`). A position is the
newest dated row (:mod:`ogpgraph.model.positions`); the older rows are counted as its history.
Evidence is only what each assessor cited, never something the graph adds (case studies).
Assessors are columns: the government and TINZ always (one with nothing says so), then any other;
``for_assessor`` puts one first and titles the report for it.

The renderers only lay these rows out: Markdown here (:mod:`ogpgraph.analysis.reports`), HTML in
:mod:`ogpgraph.pages.report`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.positions import NOT_ASSESSED
from ogpgraph.analysis.projection import edges, nodes_of_kind, sort_key
from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.output import Table, capitalised
from ogpgraph.core.queries import internal_query
from ogpgraph.model import (
    Kind,
    Relation,
    as_relation,
    asserter_words,
    certainty_words,
    status_words,
)
from ogpgraph.model.positions import GOVERNMENT, Agreement, side_order

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.core.findings import Finding
    from ogpgraph.dataset.store import KnowledgeGraph

#: the kinds of row: a recommendation's status, and one per linked item
STATUS_ROW, LINK_ROW = "status", "link"
#: what a side with nothing says, in a link row and in a status row
NO_LINK = "no link"
#: how each mark reads
MARK_WORDS = {
    "agree": "agree",
    "disagree": "disagree",
    "one-sided": "one-sided",
    "other-level": "linked at another level",
    "unassessed": NOT_ASSESSED,
}
#: the fields of one side in the flat (CSV) rows, after ``<assessor>_``
SIDE_FIELDS = (
    "relation",
    "status",
    "date",
    "words",
    "evidence",
    "evidence_cited",
    "organisation",
    "reviewer",
    "history",
    "not_adopted",
)
#: the fields of a row before the sides' fields
ROW_FIELDS = (
    "recommendation_id",
    "recommendation",
    "part_of",
    "row",
    "item_id",
    "item",
    "item_kind",
    "mark",
)


class UnknownAssessor(OgpgraphError):
    """``--for`` names no assessor of the graph."""


@dataclass(frozen=True)
class SideSays:
    """What one assessor says in one row (empty tuples and ``said`` False when nothing).

    ``relation``: the link's relation(s) (link rows); ``status``: the status(es) (the status
    row: its assessment; a link row: the status given with the link); ``words``: what it says
    (the assessment's words, the link's rationale); ``evidence``: how a reader cites each piece
    of evidence it gave, ``evidence_cited``: each as it was given (a URL, a section IRI, a
    citation); ``history``: how many of its rows the current ones supersede."""

    assessor: str
    said: bool
    relation: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    date: str = ""
    words: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    evidence_cited: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()
    reviewer: tuple[str, ...] = ()
    history: int = 0
    #: a link's certainty (``dataset-reading``: the grade is this dataset's reading, the source
    #: gives none) and its note
    certainty: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    #: nothing said here, but a link of the same item to the whole recommendation or to one of
    #: its parts (their identifiers): :meth:`nothing` says so
    elsewhere: tuple[str, ...] = ()
    #: rows of the same date that are not the position (a reviewer's view when another row is
    #: signed off), in words: "Board: Met — 'The Board thinks so.'"
    not_adopted: tuple[str, ...] = ()

    def nothing(self, row: str) -> str:
        """What the side says when it says nothing in a ``row`` of that kind: "no link" (or
        where it links the item instead), "not assessed"."""
        if row != LINK_ROW:
            return NOT_ASSESSED
        if self.elsewhere:
            return f"{NO_LINK} here; links it to {', '.join(self.elsewhere)}"
        return NO_LINK

    @property
    def who(self) -> str:
        """The assessor in words (``government``, ``TINZ``)."""
        return asserter_words(self.assessor)

    @property
    def relation_words(self) -> str:
        """The relation in words, marked when its grade is this dataset's reading."""
        words = " or ".join(as_relation(r).words for r in self.relation)
        marks = "; ".join(certainty_words(c).lower() for c in self.certainty)
        return f"{words} ({marks})" if marks else words

    @property
    def status_words(self) -> str:
        return " or ".join(status_words(s) for s in self.status)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: every field, values as given (lists), ``said`` and the words too."""
        return {
            "assessor": self.assessor,
            "who": self.who,
            "said": self.said,
            "relation": list(self.relation),
            "relation_words": self.relation_words,
            "certainty": list(self.certainty),
            "notes": list(self.notes),
            "status": list(self.status),
            "status_words": self.status_words,
            "date": self.date,
            "words": list(self.words),
            "evidence": list(self.evidence),
            "evidence_cited": list(self.evidence_cited),
            "organisation": list(self.organisation),
            "reviewer": list(self.reviewer),
            "history": self.history,
            "not_adopted": list(self.not_adopted),
        }


@dataclass(frozen=True)
class ReportRow:
    """One row: a recommendation's status (``row`` = :data:`STATUS_ROW`, no item) or one item
    linked to it (:data:`LINK_ROW`), marked ``agree``, ``disagree``, ``one-sided`` or
    ``unassessed``, with one :class:`SideSays` per assessor, in the report's column order."""

    recommendation: str
    recommendation_id: str
    recommendation_label: str
    part_of: str
    row: str
    item: str
    item_id: str
    item_label: str
    item_kind: str
    mark: str
    sides: tuple[SideSays, ...]

    @property
    def mark_words(self) -> str:
        return MARK_WORDS.get(self.mark, self.mark)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the row's fields and each side's (:meth:`SideSays.as_dict`)."""
        return {
            "recommendation_id": self.recommendation_id,
            "recommendation": self.recommendation_label,
            "recommendation_iri": self.recommendation,
            "part_of": self.part_of,
            "row": self.row,
            "item_id": self.item_id,
            "item": self.item_label,
            "item_iri": self.item,
            "item_kind": self.item_kind,
            "mark": self.mark,
            "sides": [side.as_dict() for side in self.sides],
        }

    def flat(self) -> list[Any]:
        """The row's cells for :meth:`SideBySide.table` (lists joined with ``; `` there)."""
        cells: list[Any] = [
            self.recommendation_id,
            self.recommendation_label,
            self.part_of,
            self.row,
            self.item_id,
            self.item_label,
            self.item_kind,
            self.mark,
        ]
        for side in self.sides:
            if not side.said:  # the side says so: "no link", "not assessed"
                nothing = side.nothing(self.row)
                relation, status = (nothing, "") if self.row == LINK_ROW else ("", nothing)
                cells += [relation, status, *([""] * (len(SIDE_FIELDS) - 2))]
                continue
            cells += [
                side.relation_words,
                side.status_words,
                side.date,
                list(side.words),
                list(side.evidence),
                list(side.evidence_cited),
                list(side.organisation),
                list(side.reviewer),
                side.history or "",
                list(side.not_adopted),
            ]
        return cells


@dataclass(frozen=True)
class Text:
    """What a source says a recommendation is: ``kind`` (heading, definition, note), the text,
    and where it says so (``where``: title, pages, address)."""

    kind: str
    text: str
    where: str


@dataclass(frozen=True)
class RecommendationEntry:
    """One recommendation or part (``depth`` 0 or 1, ``parent`` its recommendation's IRI): its
    texts, its gaps, its rows (the status row first, then one per linked item) and its parts'
    IRIs (their entries follow it)."""

    iri: str
    id: str
    label: str
    depth: int
    parent: str
    texts: tuple[Text, ...]
    gaps: tuple[Finding, ...]
    rows: tuple[ReportRow, ...]
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class SideBySide:
    """The whole report: its title, the assessors as columns (``for_assessor`` first when
    given), and one entry per recommendation and part, in the report's order."""

    title: str
    intro: str
    sources: str
    for_assessor: str | None
    assessors: tuple[str, ...]
    entries: tuple[RecommendationEntry, ...]
    #: the tables a lenient load left out (file: first problem), which the report cannot show:
    #: every format says so at its top (and ``report`` exits 1)
    left_out: tuple[str, ...] = ()

    @property
    def incomplete(self) -> str:
        """The notice for :attr:`left_out` ("" when nothing was left out)."""
        if not self.left_out:
            return ""
        return (
            f"Incomplete: {len(self.left_out)} table(s) could not be read and are not in this "
            "report (their assessments and links are missing): "
            + "; ".join(self.left_out)
            + ". Run `ogpgraph links check` and fix them."
        )

    def rows(self) -> list[ReportRow]:
        return [row for entry in self.entries for row in entry.rows]

    def columns(self) -> list[str]:
        """The flat columns: :data:`ROW_FIELDS`, then :data:`SIDE_FIELDS` per assessor."""
        return [*ROW_FIELDS, *(f"{a}_{f}" for a in self.assessors for f in SIDE_FIELDS)]

    def table(self) -> Table:
        """One row per recommendation × item (and each status row), flat columns per side: the
        CSV (:func:`ogpgraph.core.output.render` neutralises formula-like cells)."""
        return Table(self.columns(), [row.flat() for row in self.rows()], title=self.title)

    def as_dict(self) -> dict[str, Any]:
        """The JSON: title, assessors (words too), and the rows (:meth:`ReportRow.as_dict`)."""
        return {
            "title": self.title,
            "intro": self.intro,
            "sources": self.sources,
            "for": self.for_assessor,
            "assessors": [{"assessor": a, "who": asserter_words(a)} for a in self.assessors],
            "incomplete": self.incomplete,
            "left_out": list(self.left_out),
            "rows": [row.as_dict() for row in self.rows()],
        }


# ---------------------------------------------------------------------------- assessors
def possessive(assessor: str, *, start: bool = False) -> str:
    """``the government's``, ``TINZ's`` (``The government's`` at the start of a sentence).

    >>> possessive("tinz"), possessive("government", start=True)
    ("TINZ's", "The government's")
    """
    who = asserter_words(assessor)
    text = f"the {who}'s" if assessor == GOVERNMENT else f"{who}'s"
    return capitalised(text) if start else text


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def title_for(assessors: list[str], for_assessor: str | None) -> str:
    """The report's title: neutral, naming every assessor, or for one of them.

    >>> title_for(["government", "tinz"], None)
    "NIS recommendations: the government's and TINZ's assessments side by side"
    >>> title_for(["tinz", "government"], "tinz")
    "TINZ's assessment of the government's response to the NIS recommendations"
    """
    if for_assessor is None:
        return (
            "NIS recommendations: "
            + _listed([possessive(a) for a in assessors])
            + " assessments side by side"
        )
    if for_assessor == GOVERNMENT:
        return "The government's assessment of its response to the NIS recommendations"
    return (
        f"{possessive(for_assessor, start=True)} assessment of the government's response to the "
        "NIS recommendations"
    )


def assessors_in(source: KnowledgeGraph | Analysis) -> list[str]:
    """The assessors of the graph, in column order: the government and TINZ always, then every
    other that assesses a status or asserts a link."""
    from ogpgraph.analysis.positions import status_positions
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    found = {who for by in status_positions(analysis).values() for who in by}
    found |= {
        d["asserted_by"] for _u, _v, d in analysis.view.edges(data=True) if "asserted_by" in d
    }
    return side_order(found)


def choose_assessor(source: KnowledgeGraph | Analysis, name: str) -> str:
    """The assessor ``--for NAME`` means (any case; ``org-`` optional).

    Raises:
        UnknownAssessor: listing the assessors of the graph.
    """
    known = assessors_in(source)
    wanted = name.strip().lower().removeprefix("org-")
    for assessor in known:
        if assessor.lower() == wanted or asserter_words(assessor).lower() == wanted:
            return assessor
    raise UnknownAssessor(
        f"no assessor {name!r} in the graph; the assessors are: {', '.join(known)}",
        hint="Give one of them to --for, or leave --for out for the neutral report.",
    )


# ---------------------------------------------------------------------------- the rows
#: a kind by its value (the view's ``kind`` attribute)
_KINDS: dict[str, Kind] = {kind.value: kind for kind in Kind}


def _unique(values: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(v) for v in values if v))


def where_words(title: Any, start: Any, end: Any, address: Any = None) -> str:
    """Where a text is: ``title, pp. 18–20, address`` (what is known of it)."""
    parts = [str(title)] if title else []
    if start:
        parts.append(f"p. {start}" if not end or end == start else f"pp. {start}–{end}")
    if address:
        parts.append(str(address))
    return ", ".join(parts)


def _status_side(side: Any, cite: dict[str, str]) -> SideSays:
    if not side.assessed:
        return SideSays(side.assessor, False)
    current = side.current
    return SideSays(
        side.assessor,
        True,
        status=side.statuses,
        date=side.date,
        words=_unique(a.words for a in current),
        evidence=_unique(cite.get(a.evidence, a.evidence) for a in current),
        evidence_cited=_unique(a.evidence for a in current),
        organisation=_unique(a.organisation for a in current),
        reviewer=_unique(a.reviewer for a in current),
        history=len(side.earlier),
        not_adopted=tuple(
            f"{a.reviewer or 'a reviewer'}: {status_words(a.status)}"
            + (f" — {a.words!r}" if a.words else "")
            for a in side.not_adopted
        ),
    )


def _link_side(
    assessor: str, found: list[dict[str, Any]], cite: dict[str, str], elsewhere: list[str]
) -> SideSays:
    if not found:
        return SideSays(assessor, False, elsewhere=tuple(elsewhere))
    return SideSays(
        assessor,
        True,
        relation=tuple(sorted({d["relation"] for d in found})),
        status=tuple(sorted({d["status"] for d in found if d.get("status")})),
        date=found[0]["at"],
        words=_unique(d["rationale"] for d in found),
        evidence=_unique(cite.get(d["evidence"], d["evidence"]) for d in found),
        evidence_cited=_unique(d["evidence"] for d in found),
        reviewer=_unique(d["reviewer"] for d in found),
        history=max(d.get("history", 0) for d in found),
        certainty=_unique(d.get("certainty", "") for d in found),
        notes=_unique(d.get("note", "") for d in found),
    )


def side_by_side(source: KnowledgeGraph | Analysis, for_assessor: str | None = None) -> SideBySide:
    """The report (memoised per ``for_assessor``). ``for_assessor``: an assessor's name, any
    case (:func:`choose_assessor`); ``None`` for the neutral report.

    Raises:
        UnknownAssessor: ``for_assessor`` names no assessor of the graph.
    """
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    chosen = choose_assessor(analysis, for_assessor) if for_assessor is not None else None
    return analysis.derived(("side-by-side", chosen), lambda: _report(analysis, chosen))


def _report(analysis: Analysis, chosen: str | None) -> SideBySide:
    from ogpgraph.analysis.gaps import GAPS, find_gaps
    from ogpgraph.analysis.overview import citations
    from ogpgraph.analysis.positions import agreement, link_agreement, other_level_links, sides
    from ogpgraph.core.files import shown

    g = analysis.view
    known = assessors_in(analysis)
    order = [chosen, *(a for a in known if a != chosen)] if chosen else known
    cite = citations(analysis)
    texts: dict[str, list[Text]] = defaultdict(list)
    for row in analysis.kg.select(internal_query("reports-texts")):
        where = where_words(row["sourceTitle"], row["pageStart"], row["pageEnd"], row["address"])
        texts[row["rec"]].append(Text(str(row["kind"]), str(row["text"]), where))
    gaps_by: dict[str, list[Finding]] = defaultdict(list)
    for gap in find_gaps(analysis, [r.id for r in GAPS if r.recommendation]):
        gaps_by[gap.subject].append(gap)
    recs = nodes_of_kind(g, Kind.RECOMMENDATION)
    parts_of = {
        r: [u for u, _v, _d in edges(g, Relation.PART_OF, target=r) if u in recs] for r in recs
    }
    parts_of = {r: sorted(parts, key=lambda n: sort_key(g, n)) for r, parts in parts_of.items()}
    tops = [r for r in recs if not any(r in parts for parts in parts_of.values())]

    entries: list[RecommendationEntry] = []

    def entry(rec: str, depth: int, parent: str) -> None:
        node = g.nodes[rec]
        ident = node.get("id", "")
        parent_id = g.nodes[parent].get("id", "") if parent else ""

        def row(kind: str, item: str, mark: str, cells: list[SideSays]) -> ReportRow:
            attrs = g.nodes[item] if item else {}
            return ReportRow(
                recommendation=rec,
                recommendation_id=ident,
                recommendation_label=node["label"],
                part_of=parent_id,
                row=kind,
                item=item,
                item_id=attrs.get("id", ""),
                item_label=attrs.get("label", ""),
                item_kind=_KINDS[attrs["kind"]].singular if attrs.get("kind") in _KINDS else "",
                mark=mark,
                sides=tuple(cells),
            )

        found = sides(analysis, rec)
        by_side = {side.assessor: side for side in found}
        status_cells = [
            _status_side(by_side[a], cite) if a in by_side else SideSays(a, False) for a in order
        ]
        rows = [row(STATUS_ROW, "", agreement(found), status_cells)]
        links: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for item, _v, d in g.in_edges(rec, data=True):
            if "asserted_by" in d:
                links[item][d["asserted_by"]].append(d)
        own_parts = set(parts_of.get(rec, []))

        def where(other: str) -> str:
            """Where a side links the item instead: one of this recommendation's parts, or the
            whole recommendation this one is part of."""
            level = "its part" if other in own_parts else "the whole recommendation"
            return f"{level} “{g.nodes[other].get('label', other)}”"

        for item in sorted(links, key=lambda n: sort_key(g, n)):
            by = links[item]
            for rows_of in by.values():
                rows_of.sort(key=lambda d: (d["reviewer"], d["link"]))
            elsewhere = other_level_links(g, rec, item)
            cells = [
                _link_side(a, by.get(a, []), cite, [where(r) for r in elsewhere.get(a, [])])
                for a in order
            ]
            mark = link_agreement(dict(by))
            if mark == Agreement.ONE_SIDED and set(elsewhere) - set(by):
                mark = Agreement.OTHER_LEVEL
            rows.append(row(LINK_ROW, item, mark, cells))
        entries.append(
            RecommendationEntry(
                iri=rec,
                id=ident,
                label=node["label"],
                depth=depth,
                parent=parent,
                texts=tuple(texts.get(rec, ())),
                gaps=tuple(gaps_by.get(rec, ())),
                rows=tuple(rows),
                parts=tuple(parts_of.get(rec, [])),
            )
        )
        for part in parts_of.get(rec, []):
            entry(part, depth + 1, rec)

    for rec in tops:
        entry(rec, 0, "")
    return SideBySide(
        title=title_for(order, chosen),
        intro=INTRO,
        sources=SOURCES,
        for_assessor=chosen,
        assessors=tuple(order),
        entries=tuple(entries),
        left_out=tuple(f"{shown(t.path)}: {t}" for t in analysis.kg.skipped_tables),
    )


#: what the report is, said once for every format
INTRO = (
    "For each recommendation of the 2013 National Integrity System (NIS) assessment, and each "
    "commitment, result or initiative linked to it, each assessor's current position: its "
    "newest dated statement (older statements are counted as its history). Each row is marked "
    "agree, disagree or one-sided; agreements are listed too. Evidence is shown only as each "
    "assessor cited it."
)
#: where the report's data comes from
SOURCES = (
    "Sources: New Zealand's OGP Mid-term Self-assessment Report (State Services Commission, "
    "January 2016; © Crown Copyright, CC BY 4.0, attribution to the Crown), the public sources "
    "listed in the external graph, and the tables under graph/links/ and graph/assessments/."
)
