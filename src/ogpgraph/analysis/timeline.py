"""The action plans, their commitments and the NIS assessments over time, as data: what the
timeline page (:mod:`ogpgraph.pages.timeline`) draws and what the dashboard says of the plans.

- :func:`timeline` — a :class:`Timeline`: every action plan (number, period, the figures sources
  give about it) with its commitments (:class:`CommitmentEntry`: OGP identifier, title, lead,
  supporting organisations, the government's self-assessed completion and the IRM's verdicts),
  every NIS assessment with its recommendations, and the links between recommendations and the
  commitments and plans of any plan (relation and asserter, as the projection holds them);
- :func:`plan_coverage` — per plan, its commitments and how many have each field of
  :data:`FIELDS` known.

The records (:class:`Said`, :class:`Plan`, … and :data:`FIELDS`) are
:mod:`ogpgraph.analysis.timeline_records`'s, named here too. Every value is a :class:`Said`: the words, and the sources that give it (the sources its resource
cites in the named graph that holds the statement). A field no source fills is empty, and the
views say "not known" (:data:`NOT_KNOWN`). Nothing is hard-coded about the plans: a fact added to
``graph/`` appears here without a change of code.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.projection import edges, edges_with
from ogpgraph.analysis.state import Analysis
from ogpgraph.analysis.timeline_records import (
    FIELDS,
    IRM_FIELDS,
    IRM_KINDS,
    NOT_KNOWN,
    CommitmentEntry,
    Field,
    IntegrityEntry,
    Link,
    Plan,
    PlanCoverage,
    RecommendationEntry,
    Said,
    SourceEntry,
    Timeline,
    year_fraction,
)
from ogpgraph.core import namespaces as ns
from ogpgraph.core.queries import internal_query
from ogpgraph.model import LINK_RELATIONS, Kind, Relation
from ogpgraph.model.positions import GOVERNMENT, date_key
from ogpgraph.model.verdicts import is_irm

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

__all__ = [
    "FIELDS",
    "IRM_FIELDS",
    "IRM_KINDS",
    "NOT_KNOWN",
    "CommitmentEntry",
    "Field",
    "IntegrityEntry",
    "Link",
    "Plan",
    "PlanCoverage",
    "RecommendationEntry",
    "Said",
    "SourceEntry",
    "Timeline",
    "plan_coverage",
    "timeline",
    "year_fraction",
]

_OGP = ns.OGP
_RDFS_LABEL = ns.RDFS + "label"
_SOURCE = ns.DCTERMS + "source"
_TYPE = ns.RDF + "type"


# ----------------------------------------------------------------------------- facts
class _Facts:
    """subject -> predicate -> value -> the sources that give it (in the graph holding it)."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.by: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(set))
        )
        for row in rows:
            cell = self.by[row["s"]][row["p"]][_text(row["o"])]
            if row["source"] is not None:
                cell.add(str(row["source"]))

    def said(self, s: str, *predicates: str) -> list[Said]:
        out = []
        for p in predicates:
            for value, sources in sorted(self.by.get(s, {}).get(p, {}).items()):
                out.append(Said(value, tuple(sorted(sources))))
        return out

    def values(self, s: str, p: str) -> list[str]:
        return sorted(self.by.get(s, {}).get(p, {}))

    def first(self, s: str, p: str) -> str | None:
        found = self.values(s, p)
        return found[0] if found else None

    def sources(self, s: str) -> tuple[str, ...]:
        return tuple(self.values(s, _SOURCE))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _number(value: str | None) -> int | None:
    return int(value) if value is not None and re.fullmatch(r"-?\d+", value) else None


def _precise(values: list[Said]) -> Said | None:
    """The most precise date of several (``2013-12-09`` over ``2013``), the earliest of equals."""
    dated = [v for v in values if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v.value)]
    if not dated:
        return None
    return min(dated, key=lambda v: (-len(v.value), date_key(v.value)))


# ----------------------------------------------------------------------------- building
def timeline(source: KnowledgeGraph | Analysis) -> Timeline:
    """The plans, their commitments, the NIS assessments and the links (memoised on the
    analysis)."""
    analysis = Analysis.of(source)
    return analysis.derived("timeline", lambda: _build(analysis))


def _irm_kinds() -> list[Any]:
    import pyoxigraph as ox

    return [ox.NamedNode(kind) for kind in IRM_KINDS]


def _build(analysis: Analysis) -> Timeline:
    import pyoxigraph as ox

    from ogpgraph.analysis.overview import citations
    from ogpgraph.dataset.resolve import assessors

    kg = analysis.kg
    roles: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for row in kg.select(internal_query("analysis-timeline-subjects")):
        roles[row["role"]].append((row["s"], row["parent"]))
    subjects = sorted({s for found in roles.values() for s, _p in found})
    facts = _Facts(
        kg.select(
            internal_query("analysis-timeline-facts", {"s": [ox.NamedNode(s) for s in subjects]})
        )
        if subjects
        else []
    )
    # the names of everything the facts point at (organisations, concepts, assessments)
    pointed = sorted(
        {
            value
            for by_p in facts.by.values()
            for p, values in by_p.items()
            if p not in (_SOURCE, _TYPE)
            for value in values
            if value.startswith(("http://", "https://"))
        }
        | set(subjects)
    )
    names: dict[str, str] = {}
    if pointed:
        for row in kg.select(
            internal_query("analysis-timeline-names", {"s": [ox.NamedNode(s) for s in pointed]})
        ):
            names.setdefault(row["s"], str(row["label"]))
    who_is = assessors(kg)

    plans = {
        s: Plan(
            s,
            _number(facts.first(s, _OGP + "actionPlanNumber")) or 0,
            names.get(s, s),
            period=facts.said(s, _OGP + "dateText"),
            start=_precise(facts.said(s, _OGP + "implementedFrom"))
            or _precise(facts.said(s, _OGP + "date", ns.DCTERMS + "issued")),
            end=_precise(facts.said(s, _OGP + "implementedUntil")),
            implemented=bool(facts.values(s, _OGP + "implementedFrom")),
            descriptions=facts.said(s, ns.DCTERMS + "description"),
            notes=facts.said(s, ns.SKOS + "note"),
            sources=facts.sources(s),
        )
        for s, _parent in roles["plan"]
    }
    for s, parent in roles["figure"]:
        if parent in plans:
            plans[parent].figures += [
                Said(names.get(s, s), said.sources) for said in facts.said(s, _OGP + "value")
            ]
    commitments: dict[str, CommitmentEntry] = {}
    for s, parent in roles["commitment"]:
        if parent not in plans or s in commitments:
            continue
        entry = CommitmentEntry(
            s,
            facts.first(s, ns.DCTERMS + "identifier") or "",
            _number(facts.first(s, _OGP + "commitmentNumber")),
            names.get(s, s),
            parent,
            sources=facts.sources(s),
            ogp_ids=facts.said(s, _OGP + "ogpIdentifier"),
            other_names=[
                said
                for said in facts.said(s, ns.SKOS + "altLabel")
                if said.value.casefold() not in names.get(s, "").casefold()
            ],
            leads=_named(facts.said(s, *FIELDS[0].predicates), names),
            supporting=_named(facts.said(s, _OGP + "supportingOrganisation"), names),
            names_over_time=_names_over_time(
                facts,
                [
                    *facts.values(s, FIELDS[0].predicates[0]),
                    *facts.values(s, _OGP + "supportingOrganisation"),
                ],
            ),
        )
        commitments[s] = entry
        plans[parent].commitments.append(entry)
    for s, parent in roles["assessment"]:
        if parent not in commitments:
            continue
        entry = commitments[parent]
        kinds = facts.values(s, _OGP + "assessmentKind")
        irm = is_irm(facts.values(s, _TYPE), kinds)
        kind_words = "; ".join(names.get(k, k) for k in kinds)
        if irm:
            for f in IRM_FIELDS:
                for p in f.predicates:
                    for said in facts.said(s, p):
                        value = _words(said.value, names)
                        if len(f.predicates) > 1:
                            value = f"{_predicate_words(p)}: {value}"
                        entry.irm.setdefault(f.key, []).append(
                            Said(value, said.sources, kind_words)
                        )
        else:
            who = [who_is.get(o, "") for o in facts.values(s, ns.PROV + "wasAttributedTo")]
            if GOVERNMENT in who or not who:
                for said in facts.said(s, _OGP + "completionLevel"):
                    entry.self_assessed.append(
                        Said(_words(said.value, names), said.sources, kind_words)
                    )
    for plan in plans.values():
        plan.commitments.sort(key=lambda c: (c.number is None, c.number or 0, c.id))

    assessments = {
        s: IntegrityEntry(
            s,
            facts.first(s, ns.DCTERMS + "identifier") or "",
            names.get(s, s),
            date=_precise(facts.said(s, _OGP + "date", ns.DCTERMS + "issued")),
            date_words=facts.said(s, _OGP + "dateText"),
            revision_of=_named(facts.said(s, ns.PROV + "wasRevisionOf"), names),
            sources=facts.sources(s),
        )
        for s, _parent in roles["nis"]
    }
    for s, parent in roles["nis-figure"]:
        if parent in assessments:
            assessments[parent].figures += [
                Said(names.get(s, s), said.sources) for said in facts.said(s, _OGP + "value")
            ]
    for s, parent in roles["recommendation"]:
        if parent not in assessments:
            continue
        broader = [b for b in facts.values(s, ns.SKOS + "broader")]
        assessments[parent].recommendations.append(
            RecommendationEntry(
                s,
                facts.first(s, ns.DCTERMS + "identifier") or "",
                _number(facts.first(s, _OGP + "recommendationNumber")),
                names.get(s, s),
                parent=broader[0] if broader else None,
                quote=facts.said(s, _OGP + "quote"),
                implements=_named(facts.said(s, _OGP + "recommendsImplementing"), names),
                sources=facts.sources(s),
            )
        )
    for nis in assessments.values():
        nis.recommendations.sort(
            key=lambda r: (r.number is None, r.number or 0, r.parent is not None, r.id)
        )

    others: dict[str, int] = {}
    _add_links(analysis, plans, commitments, facts, others)
    for nis in assessments.values():
        for rec in nis.recommendations:
            rec.other_links = others.get(rec.iri, 0)
    cited = sorted(
        {
            src
            for plan in plans.values()
            for src in (
                *plan.sources,
                *(s for said in _plan_said(plan) for s in said.sources),
                *(s for c in plan.commitments for s in _commitment_sources(c)),
                *(s for link in plan.links for s in link.sources),
            )
        }
        | {
            src
            for nis in assessments.values()
            for src in (
                *nis.sources,
                *(s for said in (*nis.date_words, *nis.revision_of) for s in said.sources),
                *(s for r in nis.recommendations for s in r.sources),
            )
        }
        | ({s for said in [nis.date for nis in assessments.values()] if said for s in said.sources})
    )
    return Timeline(
        sorted(plans.values(), key=lambda p: (p.number, p.iri)),
        sorted(
            assessments.values(),
            key=lambda a: (date_key(a.date.value) if a.date else (9999, 0, 0), a.iri),
        ),
        names,
        _source_entries(kg, cited, citations(analysis)),
    )


def _names_over_time(facts: _Facts, organisations: list[str]) -> list[Said]:
    """Each dated name of the organisations, oldest first: ``State Services Commission (until
    2020)``, with the sources that give the name and its dates."""
    out = []
    for org in sorted(set(organisations)):
        found = []
        for name in facts.values(org, _OGP + "hasName"):
            label = facts.said(name, _RDFS_LABEL)
            if not label:
                continue
            since = facts.said(name, _OGP + "nameFrom")
            until = facts.said(name, _OGP + "nameUntil")
            when = ", ".join(
                [f"from {s.value}" for s in since] + [f"until {u.value}" for u in until]
            )
            sources = sorted({x for said in (*label, *since, *until) for x in said.sources})
            key = date_key(since[0].value) if since else (0, 0, 0)
            found.append(
                (key, Said(label[0].value + (f" ({when})" if when else ""), tuple(sources)))
            )
        out += [said for _key, said in sorted(found, key=lambda x: (x[0], x[1].value))]
    return out


def _plan_said(plan: Plan) -> list[Said]:
    return [
        *plan.period,
        *plan.descriptions,
        *plan.notes,
        *plan.figures,
        *(x for x in (plan.start, plan.end) if x),
    ]


def _commitment_sources(c: CommitmentEntry) -> list[str]:
    said = [*c.ogp_ids, *c.other_names, *c.leads, *c.names_over_time, *c.supporting]
    said += c.self_assessed
    said += [s for values in c.irm.values() for s in values]
    return [
        *c.sources,
        *(s for x in said for s in x.sources),
        *(s for link in c.links for s in link.sources),
    ]


def _named(values: list[Said], names: dict[str, str]) -> list[Said]:
    """IRIs as their names (the same name from two sources once, with both sources)."""
    merged: dict[str, set[str]] = {}
    for said in values:
        merged.setdefault(names.get(said.value, said.value), set()).update(said.sources)
    return [Said(name, tuple(sorted(sources))) for name, sources in sorted(merged.items())]


def _words(value: str, names: dict[str, str]) -> str:
    """A value in words: a concept by its label, a boolean as Yes or No, text as printed."""
    if value in names:
        return names[value]
    return {"true": "Yes", "false": "No"}.get(value, value)


def _predicate_words(predicate: str) -> str:
    return {
        _OGP + "ambitionRating": "Ambition",
        _OGP + "potentialImpactRating": "Potential impact",
    }.get(predicate, predicate.rsplit("#", 1)[-1])


def _add_links(
    analysis: Analysis,
    plans: dict[str, Plan],
    commitments: dict[str, CommitmentEntry],
    facts: _Facts,
    others: dict[str, int],
) -> None:
    """The links of the projection from a recommendation to a commitment (or one of its focus
    areas) or to a plan, and the commitments that respond to a whole assessment."""
    g = analysis.view

    def owner(item: str) -> str | None:
        if item in commitments or item in plans:
            return item
        if item in g and g.nodes[item].get("kind") == Kind.FOCUS_AREA:
            for _u, v, _d in edges(g, Relation.PART_OF, source=item):
                if v in commitments:
                    return v
        return None

    found: list[tuple[str, Link]] = []
    for u, v, d in edges_with(g, *LINK_RELATIONS):
        target = owner(u)
        if target is None:
            others[v] = others.get(v, 0) + 1
            continue
        sources = tuple(x for x in (d.get("evidence") or "",) if x)
        found.append(
            (
                target,
                Link(
                    v,
                    target,
                    str(d["relation"]),
                    str(d.get("asserted_by") or ""),
                    str(d.get("at") or ""),
                    str(d.get("rationale") or ""),
                    str(d.get("status") or ""),
                    sources,
                ),
            )
        )
    for c in commitments:
        for said in facts.said(c, _OGP + "respondsTo"):
            found.append((c, Link(said.value, c, Relation.RESPONDS_TO.value, sources=said.sources)))
    for target, link in sorted(
        set(found), key=lambda x: (x[0], x[1].recommendation, x[1].relation, x[1].asserted_by)
    ):
        if target in commitments:
            commitments[target].links.append(link)
        else:
            plans[target].links.append(link)


def _source_entries(
    kg: KnowledgeGraph, cited: list[str], cites: dict[str, str]
) -> dict[str, SourceEntry]:
    import pyoxigraph as ox

    addresses: dict[str, set[str]] = defaultdict(set)
    notes: dict[str, str] = {}
    named: dict[str, str] = {}
    if cited:
        for row in kg.select(
            internal_query(
                "analysis-timeline-sources", {"source": [ox.NamedNode(s) for s in cited]}
            )
        ):
            if row["address"]:
                addresses[row["source"]].add(str(row["address"]))
            if row["note"] and row["source"] not in notes:
                notes[row["source"]] = str(row["note"])
            if row["named"] and row["source"] not in named:
                # a bare address: the source recorded with it, and the address itself
                named[row["source"]] = str(row["named"])
                addresses[row["source"]].add(row["source"])
    return {
        s: SourceEntry(
            s, cites.get(s) or named.get(s) or s, tuple(sorted(addresses[s])), notes.get(s, "")
        )
        for s in cited
    }


# ----------------------------------------------------------------------------- coverage
def plan_coverage(source: KnowledgeGraph | Analysis) -> list[PlanCoverage]:
    """Per plan (in number order), the commitments and the known count of every field
    (the internal query ``analysis-timeline-completeness``)."""
    analysis = Analysis.of(source)

    def compute() -> list[PlanCoverage]:
        found = timeline(analysis)
        plans = {p.iri: p for p in found.plans}
        out = []
        for row in analysis.kg.select(
            internal_query("analysis-timeline-completeness", {"irm_kind": _irm_kinds()})
        ):
            plan = plans.get(row["plan"])
            out.append(
                PlanCoverage(
                    row["plan"],
                    int(row["number"]),
                    plan.label if plan else row["plan"],
                    "; ".join(s.value for s in plan.period) if plan else "",
                    int(row["commitments"]),
                    {f.key: int(row[f.column]) for f in FIELDS},
                )
            )
        return out

    return analysis.derived("timeline.coverage", compute)
