"""The government's and the IRM's verdicts on each plan item, side by side: completion levels (the
self-assessments and the IRM's reviews, by moment) and relevance to the OGP values (the claims of
the view beside the IRM's "Relevant to OGP Values" as printed on a commitment page).

Whose verdict an assessment is comes from :mod:`ogpgraph.model.verdicts`; the assessments are read
with the internal query ``analysis-verdicts``, the values' names (to read a list the IRM prints)
with ``analysis-verdicts-value-names``. Nothing here guesses: a field the IRM prints as pending is
no verdict, a name that is not an OGP value's leaves its review unread, and an item no claim
speaks of has relevance claims that are not known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ogpgraph.analysis.projection import Scope
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

    @property
    def described(self) -> str:
        """Whose verdict, of which kind, from where: "the IRM (IRM end-of-term report; OGP:
        National Integrity System Assessment (NZ0003), older copy)"."""
        said = "; ".join(x for x in (self.kind_label, *self.source_labels) if x)
        return f"{self.side.label} ({said})" if said else self.side.label


def verdicts(source: KnowledgeGraph | Analysis) -> dict[str, list[Verdict]]:
    """Item IRI → its verdicts of either side, in assessment order (memoised on the analysis).

    Like the view, the first plan's analysis leaves out the assessments that only the later
    sources' graphs type (the IRM's reviews, the end-of-term self-assessment:
    :class:`~ogpgraph.analysis.projection.Scope`); the analysis of every plan has them all."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis.derived(
        "verdicts", lambda: _read(analysis.kg, analysis.scope == Scope.EVERY_PLAN)
    )


def value_names(kg: KnowledgeGraph) -> dict[str, str]:
    """An OGP value's every name, case-folded → the value's concept IRI."""
    from ogpgraph.core.queries import internal_query

    return {
        " ".join(str(row["name"]).split()).casefold(): str(row["concept"])
        for row in kg.select(internal_query("analysis-verdicts-value-names"))
    }


def _read(kg: KnowledgeGraph, later: bool) -> dict[str, list[Verdict]]:
    from ogpgraph.core import namespaces as ns
    from ogpgraph.core.queries import internal_query

    names = value_names(kg)
    found: dict[str, Verdict] = {}
    for row in kg.select(internal_query("analysis-verdicts")):
        if not later and str(row["graph"]).startswith(ns.LATER_GRAPH_PREFIX):
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
