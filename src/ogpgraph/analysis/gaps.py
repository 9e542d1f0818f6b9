"""Gaps: every kind of shortfall the graph can show, as typed findings with their sources.

Kinds (``--kind``):

- ``claim-without-evidence``: a plan item or result claims a value or challenge that no case
  study of it demonstrates;
- ``unaddressed-concept``: an OGP value or grand challenge that no commitment claims (the two
  grand challenges New Zealand did not select among them);
- ``no-case-study``: a commitment, focus area or result that no case study illustrates;
- ``recommendation-without-response``: an NIS recommendation with no commitment, result or
  initiative asserted (by anyone) to address it;
- ``recommendation-not-met``: a recommendation whose latest status is not *met*, or that no
  source assesses at all;
- ``untouched-pillar``: an integrity pillar that no recommendation in the graph touches;
- ``conflict``: statements that contradict each other (a claim and an explicit blank for the same
  item and concept; different figures for the same measure of the same thing);
- ``claims-differ``: sources that list an item's relevance differently without contradicting
  each other (one claims a concept the other's list omits);
- ``link-disagreement``: government and TINZ link the same recommendation and item with a
  different relation or status;
- ``link-one-sided``: a link only government, or only TINZ, asserts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.coverage import coverage
from ogpgraph.analysis.projection import (
    build_view,
    check_member,
    edges,
    edges_with,
    nodes_of_kind,
    sort_key,
)
from ogpgraph.core.output import Table
from ogpgraph.core.queries import internal_query
from ogpgraph.model import Relation, Status

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

KINDS = (
    "claim-without-evidence",
    "unaddressed-concept",
    "no-case-study",
    "recommendation-without-response",
    "recommendation-not-met",
    "untouched-pillar",
    "conflict",
    "claims-differ",
    "link-disagreement",
    "link-one-sided",
)


@dataclass(frozen=True)
class Gap:
    """One finding: its kind, the subject, why, and the sources that show it."""

    kind: str
    subject: str
    subject_label: str
    reason: str
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "subject_label": self.subject_label,
            "reason": self.reason,
            "sources": list(self.sources),
            "related": list(self.related),
            **self.detail,
        }


def find_gaps(
    kg: KnowledgeGraph, kinds: tuple[str, ...] | None = None, member: str | None = None
) -> list[Gap]:
    """Every gap of the requested kinds (default all), in a stable order.

    With ``member`` (a country code such as ``nz``), only that member's gaps: its items, its
    recommendations and links, and the values and challenges none of *its* items claims.
    """
    wanted = set(kinds or KINDS)
    g = build_view(kg)
    found: list[Gap] = []
    member = check_member(g, member)

    def label(node: str) -> str:
        return g.nodes[node]["label"] if node in g else node

    if wanted & {"claim-without-evidence", "unaddressed-concept"}:
        cov = coverage(kg, "all", member)
        if "claim-without-evidence" in wanted:
            for row in cov.rows:
                for column in cov.columns:
                    if cov.cell(row, column) == "claimed":
                        found.append(
                            Gap(
                                "claim-without-evidence",
                                row,
                                label(row),
                                f"claims {label(column)} but no case study of it demonstrates it",
                                tuple(sorted(set(cov.claimed_iris[(row, column)]))),
                                (column,),
                            )
                        )
        if "unaddressed-concept" in wanted:
            items = [r for r in cov.rows if cov.kinds[r] in ("commitment", "focus-area", "result")]
            for column in cov.columns:
                if not any((r, column) in cov.claimed for r in items):
                    evidenced = any((r, column) in cov.evidenced for r in items)
                    found.append(
                        Gap(
                            "unaddressed-concept",
                            column,
                            label(column),
                            f"no commitment, focus area or result claims this {cov.kinds[column]}"
                            + (" (a case study demonstrates it)" if evidenced else ""),
                            tuple(g.nodes[column]["source_iris"]),
                        )
                    )
    if "no-case-study" in wanted:
        from ogpgraph.analysis.coverage import scope

        for item in nodes_of_kind(g, "commitment", "focus-area", "result"):
            if not any(edges(g, Relation.ILLUSTRATES, target=part) for part in scope(g, item)):
                found.append(
                    Gap(
                        "no-case-study",
                        item,
                        label(item),
                        "no case study illustrates it or any of its parts",
                        tuple(g.nodes[item]["source_iris"]),
                    )
                )
    recommendations = nodes_of_kind(g, "recommendation")
    if "recommendation-without-response" in wanted:
        for rec in recommendations:
            parts = [u for u, _v, _d in edges(g, Relation.PART_OF, target=rec)]
            if not any(
                edges(g, relation, target=x)
                for x in (rec, *parts)
                for relation in (Relation.ADDRESSES, Relation.PARTLY_ADDRESSES)
            ):
                found.append(
                    Gap(
                        "recommendation-without-response",
                        rec,
                        label(rec),
                        "no commitment, result or initiative is linked as addressing it",
                        tuple(g.nodes[rec]["source_iris"]),
                    )
                )
    if "recommendation-not-met" in wanted:
        latest: dict[str, dict[str, Any]] = {}
        for row in kg.select(internal_query("gaps-status-assessments")):
            latest[row["rec"]] = row  # ordered by date: the last one wins
        for rec in recommendations:
            parts = [u for u, _v, _d in edges(g, Relation.PART_OF, target=rec)]
            if rec in latest:
                row = latest[rec]
                if row["status"] != Status.MET:
                    found.append(
                        Gap(
                            "recommendation-not-met",
                            rec,
                            label(rec),
                            f"latest status: {row['statusLabel']}"
                            + (f" ({row['summary']})" if row["summary"] else ""),
                            (row["source"],) if row["source"] else (),
                            detail={"status": row["status"]},
                        )
                    )
            elif not parts:
                found.append(
                    Gap(
                        "recommendation-not-met",
                        rec,
                        label(rec),
                        "no source in the graph assesses its status",
                        tuple(g.nodes[rec]["source_iris"]),
                        detail={"status": Status.UNKNOWN.value},
                    )
                )
    if "untouched-pillar" in wanted:
        # only the pillars an integrity assessment (of this member) actually assessed
        for pillar in nodes_of_kind(g, "pillar"):
            assessments = [
                u
                for u, _v, _d in edges(g, Relation.ASSESSES, target=pillar)
                if not member or g.nodes[u].get("member") == member
            ]
            if assessments and not edges(g, Relation.TOUCHES, target=pillar):
                found.append(
                    Gap(
                        "untouched-pillar",
                        pillar,
                        label(pillar),
                        "assessed by "
                        + ", ".join(label(a) for a in assessments)
                        + ", but no recommendation in the graph is linked to this pillar",
                        tuple(
                            sorted(
                                {s for a in assessments for s in g.nodes[a].get("source_iris", [])}
                            )
                        ),
                    )
                )
    if wanted & {"conflict", "claims-differ"}:
        found.extend(_claim_conflicts(g, wanted))
    if "conflict" in wanted:
        for row in kg.select(internal_query("gaps-figure-conflicts")):
            q1 = f"{row['q1']} " if row["q1"] else ""
            q2 = f"{row['q2']} " if row["q2"] else ""
            found.append(
                Gap(
                    "conflict",
                    row["about"],
                    row["aboutLabel"] or row["about"],
                    f"{row['measure']}: {q1}{row['v1']} according to one source, {q2}{row['v2']} "
                    "according to another",
                    tuple(sorted({row["s1"], row["s2"]})),
                    (row["f1"], row["f2"]),
                )
            )
    if wanted & {"link-disagreement", "link-one-sided"}:
        found.extend(_link_gaps(g, wanted))
    if member:
        shared = ("unaddressed-concept", "untouched-pillar")  # computed for this member above
        found = [
            gap
            for gap in found
            if gap.kind in shared
            or (gap.subject in g and g.nodes[gap.subject].get("member", "") == member)
        ]
    order = {k: i for i, k in enumerate(KINDS)}
    keys: dict[str, tuple[Any, ...]] = {}

    def subject_key(subject: str) -> tuple[Any, ...]:
        if subject not in keys:
            keys[subject] = sort_key(g, subject) if subject in g else ()
        return keys[subject]

    found.sort(
        key=lambda x: (order[x.kind], subject_key(x.subject), x.subject, x.related, x.reason)
    )
    return found


def _claim_conflicts(g: Any, wanted: set[str]) -> list[Gap]:
    """Contradictions (true vs explicit false) and differences between sources' claim lists."""
    out: list[Gap] = []
    by_item: dict[str, dict[str, dict[str, bool]]] = defaultdict(lambda: defaultdict(dict))
    iri_of: dict[str, str] = {}
    for u, v, d in edges_with(g, Relation.CLAIMS, Relation.NOT_CLAIMED):
        by_item[u][d["source_section"]][v] = d["relevant"]
        iri_of[d["source_section"]] = d["source_iri"] or d["source_section"]
    for item in sorted(by_item):
        per_source = by_item[item]
        concepts = sorted({c for claims in per_source.values() for c in claims})
        for concept in concepts:
            yes = sorted(s for s, claims in per_source.items() if claims.get(concept) is True)
            no = sorted(s for s, claims in per_source.items() if claims.get(concept) is False)
            silent = sorted(s for s, claims in per_source.items() if concept not in claims)
            label = g.nodes[item]["label"]
            concept_label = g.nodes[concept]["label"]
            if yes and no and "conflict" in wanted:
                out.append(
                    Gap(
                        "conflict",
                        item,
                        label,
                        f"{concept_label}: claimed in {', '.join(yes)}; left blank in "
                        f"{', '.join(no)}",
                        tuple(sorted({iri_of[x] for x in yes + no})),
                        (concept,),
                    )
                )
            elif yes and silent and "claims-differ" in wanted:
                out.append(
                    Gap(
                        "claims-differ",
                        item,
                        label,
                        f"{concept_label}: claimed in {', '.join(yes)}; not mentioned in "
                        f"{', '.join(silent)}",
                        tuple(sorted({iri_of[x] for x in yes + silent})),
                        (concept,),
                    )
                )
    return out


def _link_gaps(g: Any, wanted: set[str]) -> list[Gap]:
    """Compare government's and TINZ's links for each (recommendation, item) pair."""
    out: list[Gap] = []
    pairs: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for u, v, d in edges_with(
        g, Relation.ADDRESSES, Relation.PARTLY_ADDRESSES, Relation.DOES_NOT_ADDRESS
    ):
        if "asserted_by" in d:
            pairs[(v, u)][d["asserted_by"]] = d
    for (rec, item), by in sorted(pairs.items()):
        rec_label = g.nodes[rec]["label"]
        item_label = g.nodes[item]["label"]
        if len(by) >= 2 and "link-disagreement" in wanted:
            relations = {a: d["relation"] for a, d in by.items()}
            statuses = {a: d["status"] for a, d in by.items()}
            if len(set(relations.values())) > 1 or len(set(statuses.values())) > 1:
                said = "; ".join(
                    f"{a}: {relations[a]}" + (f", status {statuses[a]}" if statuses[a] else "")
                    for a in sorted(by)
                )
                out.append(
                    Gap(
                        "link-disagreement",
                        rec,
                        rec_label,
                        f"linked to {item_label} differently — {said}",
                        tuple(sorted(_link_source(d) for d in by.values())),
                        (item,),
                    )
                )
        elif len(by) == 1 and "link-one-sided" in wanted:
            ((asserter, d),) = by.items()
            out.append(
                Gap(
                    "link-one-sided",
                    rec,
                    rec_label,
                    f"only {asserter} links it to {item_label} ({d['relation']})",
                    (_link_source(d),),
                    (item,),
                    detail={"asserted_by": asserter},
                )
            )
    return out


def _link_source(edge: dict[str, Any]) -> str:
    """The source a link row cites: its links table (``source/links/<file stem>``)."""
    from ogpgraph.core import namespaces as ns

    graph = edge["graph"]
    if graph.startswith(ns.LINKS_GRAPH_PREFIX):
        return ns.SOURCE + "links/" + graph[len(ns.LINKS_GRAPH_PREFIX) :]
    return graph


def gaps_table(gaps: list[Gap]) -> Table:
    """Findings as rows for printing."""
    from ogpgraph.core.values import short_iri

    table = Table(["kind", "subject", "reason", "sources"], title="Gaps")
    for gap in gaps:
        table.rows.append(
            [gap.kind, gap.subject_label, gap.reason, "; ".join(short_iri(s) for s in gap.sources)]
        )
    return table
