"""The government's and the IRM's verdicts on each plan item, side by side: completion levels (the
self-assessments and the IRM's reviews, by moment) and relevance to the OGP values (the claims of
the view beside the IRM's "Relevant to OGP Values" as printed on a commitment page).

Whose verdict an assessment is comes from :mod:`ogpgraph.model.verdicts`; the assessments are read
with the internal query ``analysis-verdicts``, the values' names (to read a list the IRM prints)
with ``analysis-verdicts-value-names``. Nothing here guesses: a field the IRM prints as pending is
no verdict, a name that is not an OGP value's leaves its review unread, and an item no claim
speaks of has relevance claims that are not known. :func:`differences` compares the two sides
(the gap kind ``verdicts-differ``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.projection import Scope, nodes_of_kind, sort_key
from ogpgraph.model import Kind
from ogpgraph.model.verdicts import (
    ASSESSMENT_KINDS,
    IRM_REVIEW,
    IrmRelevance,
    Moment,
    Side,
    read_relevance,
)

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph


@dataclass
class Verdict:
    """One assessment of one item: whose (``side``), when (``moment``, None where its kind does
    not say), the completion level (concept IRI and words, or empty), the IRM's relevance field
    as printed and as read (``relevance``, ``reading``, ``values``: the value concepts a list
    names), and its sources (IRIs and titles)."""

    assessment: str
    item: str
    side: Side
    moment: Moment | None
    kind_label: str = ""
    level: str = ""
    level_label: str = ""
    relevance: str = ""
    reading: IrmRelevance | None = None
    values: frozenset[str] = frozenset()
    sources: list[str] = field(default_factory=list)
    source_labels: list[str] = field(default_factory=list)
    #: how sure the reading is, where the data says ("This dataset's reading": a level read from
    #: a report's totals, not printed for this item)
    certainty: str = ""

    @property
    def described(self) -> str:
        """Whose verdict, of which kind, from where: "the IRM (IRM end-of-term report; OGP:
        National Integrity System Assessment (NZ0003), older copy)"."""
        said = "; ".join(
            x for x in (self.kind_label, *self.source_labels, self.certainty.lower()) if x
        )
        return f"{self.side.label} ({said})" if said else self.side.label


def verdicts(source: KnowledgeGraph | Analysis) -> dict[str, list[Verdict]]:
    """Item IRI → its verdicts of either side, in assessment order (memoised on the analysis).

    Like the view, the first plan's analysis leaves out the assessments that only the later
    sources' graphs type (the IRM's reviews, the end-of-term self-assessment:
    :class:`~ogpgraph.analysis.projection.Scope`); the analysis of every plan has them all."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis.derived("verdicts", lambda: _read(analysis.kg, analysis.scope))


def value_names(kg: KnowledgeGraph) -> dict[str, str]:
    """An OGP value's every name, case-folded → the value's concept IRI."""
    from ogpgraph.core.queries import internal_query

    return {
        " ".join(str(row["name"]).split()).casefold(): str(row["concept"])
        for row in kg.select(internal_query("analysis-verdicts-value-names"))
    }


def _read(kg: KnowledgeGraph, scope: Scope) -> dict[str, list[Verdict]]:
    from ogpgraph.core.queries import internal_query

    names = value_names(kg)
    found: dict[str, Verdict] = {}
    for row in kg.select(internal_query("analysis-verdicts")):
        if not scope.admits(str(row["graph"])):
            continue
        kind = ASSESSMENT_KINDS.get(row["kind"] or "")
        if row["class"] == IRM_REVIEW:
            side, moment = Side.IRM, kind[1] if kind and kind[0] == Side.IRM else None
        elif kind is not None:
            side, moment = kind
        else:
            continue  # neither side's (a civil society assessment, or no kind)
        verdict = found.get(row["assessment"])
        if verdict is None:
            verdict = found[row["assessment"]] = Verdict(
                row["assessment"],
                row["item"],
                side,
                moment,
                kind_label=row["kindLabel"] or "",
                level=row["level"] or "",
                level_label=row["levelLabel"] or "",
                relevance=row["relevance"] or "",
                certainty=str(row["certaintyLabel"] or ""),
            )
            if verdict.relevance:
                reading, listed = read_relevance(verdict.relevance)
                concepts = [names.get(" ".join(n.split()).casefold()) for n in listed]
                if all(concepts):  # a name that is not a value's: the list is left unread
                    verdict.reading = reading
                    verdict.values = frozenset(c for c in concepts if c)
        if row["source"] and row["source"] not in verdict.sources:
            verdict.sources.append(row["source"])
            verdict.source_labels.append(row["sourceLabel"] or row["source"])
    out: dict[str, list[Verdict]] = {}
    for verdict in found.values():
        out.setdefault(verdict.item, []).append(verdict)
    return out


@dataclass(frozen=True)
class Claimed:
    """An item's relevance claims on the OGP values: ``known`` False when no claim speaks of the
    item (not known, never "not claimed"); ``values`` claimed relevant, ``blank`` explicitly not
    (a blank cell of a relevance table), each value with the titles of the sources claiming it."""

    known: bool
    values: dict[str, list[str]]
    blank: dict[str, list[str]]
    source_iris: dict[str, list[str]]


def claimed_values(analysis: Analysis, item: str) -> Claimed:
    """The item's primary claims (:func:`ogpgraph.analysis.coverage.claims_of`) on the OGP values
    (grand challenges are not values)."""
    from ogpgraph.analysis.coverage import claims_of

    g = analysis.view
    claims = claims_of(g, item) if item in g else []
    values: dict[str, list[str]] = {}
    blank: dict[str, list[str]] = {}
    iris: dict[str, list[str]] = {}
    for claim in claims:
        concept = claim["concept"]
        if g.nodes[concept]["kind"] != Kind.PRINCIPLE:
            continue
        target = values if claim["relevant"] else blank
        found = target.setdefault(concept, [])
        if claim["source_section"] not in found:
            found.append(claim["source_section"])
        iri = claim["source_iri"] or claim["source_section"]
        if iri not in iris.setdefault(concept, []):
            iris[concept].append(iri)
    return Claimed(bool(claims), values, blank, iris)


@dataclass(frozen=True)
class Difference:
    """Where the two sides' verdicts on an item differ (``aspect``: completion or relevance):
    the words, both sides' sources, the assessments and values concerned, and ``details`` (the
    moment, what each side says)."""

    item: str
    aspect: str
    message: str
    sources: tuple[str, ...]
    related: tuple[str, ...]
    details: dict[str, Any]


def differences(analysis: Analysis) -> list[Difference]:
    """Every difference between the government's and the IRM's verdicts on the commitments and
    focus areas of the analysis's view (the gap kind ``verdicts-differ``), in item order."""
    g = analysis.view
    found = verdicts(analysis)
    out: list[Difference] = []
    for item in nodes_of_kind(g, Kind.COMMITMENT, Kind.FOCUS_AREA):
        said = found.get(item, [])
        if any(v.side == Side.IRM for v in said):
            out.extend(_completion_differs(item, said))
            out.extend(_relevance_differs(analysis, item, said))
    return out


def _completion_differs(item: str, said: list[Verdict]) -> Iterator[Difference]:
    """One difference per moment at which the two sides give the item different levels."""
    for moment in Moment:
        sides = {
            side: [v for v in said if v.side == side and v.moment == moment and v.level]
            for side in Side
        }
        government, irm = sides[Side.GOVERNMENT], sides[Side.IRM]
        if not government or not irm or {v.level for v in government} == {v.level for v in irm}:
            continue
        both = (*government, *irm)
        words = "; ".join(f"{v.described} says {v.level_label or v.level}" for v in both)
        yield Difference(
            item,
            "completion",
            f"completion {moment.label}: {words}",
            tuple(sorted({s for v in both for s in v.sources})),
            tuple(v.assessment for v in both),
            {
                "aspect": "completion",
                "moment": moment.value,
                "government": sorted({v.level_label or v.level for v in government}),
                "irm": sorted({v.level_label or v.level for v in irm}),
            },
        )


def _relevance_differs(analysis: Analysis, item: str, said: list[Verdict]) -> Iterator[Difference]:
    """One difference per IRM review whose reading of relevance differs from the item's claims
    (claims not known: nothing to compare)."""
    claimed = claimed_values(analysis, item)
    if not claimed.known:
        return
    g = analysis.view

    def names(values: Iterable[str]) -> str:
        return ", ".join(analysis.label(v) for v in sorted(values, key=lambda v: sort_key(g, v)))

    for v in said:
        if v.side != Side.IRM or v.reading is None:
            continue
        parts: list[str] = []
        concerned: set[str] = set()
        if v.reading == IrmRelevance.LISTED:
            left_out = set(claimed.values) - v.values
            not_claimed = v.values - set(claimed.values)
            if left_out:
                parts.append(f"{names(left_out)} claimed but not among the values it lists")
            if not_claimed:
                parts.append(f"{names(not_claimed)} listed but not claimed")
            concerned = left_out | not_claimed
        elif v.reading == IrmRelevance.NOT_RELEVANT and claimed.values:
            parts.append(f"{names(claimed.values)} claimed, but not relevant for the IRM")
            concerned = set(claimed.values)
        elif v.reading == IrmRelevance.YES and not claimed.values:
            parts.append("no value claimed, but relevant for the IRM")
            concerned = set(claimed.blank)
        if not parts:
            continue
        cited = sorted({t for c in concerned for t in claimed.values.get(c, [])})
        cited += sorted({t for c in concerned for t in claimed.blank.get(c, [])} - set(cited))
        yield Difference(
            item,
            "relevance",
            f"relevance to the OGP values: {'; '.join(parts)} — claimed in "
            f'{"; ".join(cited) or "no source"}; {v.described} prints "{v.relevance}"',
            tuple(
                sorted(
                    {s for c in concerned for s in claimed.source_iris.get(c, [])} | set(v.sources)
                )
            ),
            (v.assessment, *sorted(concerned)),
            {
                "aspect": "relevance",
                "government": sorted(analysis.label(c) for c in claimed.values),
                "irm": v.relevance,
            },
        )
