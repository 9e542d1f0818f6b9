"""The coverage matrix: plan items × OGP values and grand challenges, claimed versus evidenced.

- **claimed**: for commitments and focus areas, the Action Plan table of section 1 (every tick;
  blanks are explicit "not claimed" cells); for results, Annex 1's Relevance rows (for Result 10,
  those of the focus area on it). Items with no table fall back to every claim made of them.
- **evidenced**: a case study that illustrates the item — or one of its results, focus areas or
  the result a focus area is on — demonstrates the value or challenge (its tag line).
- **difference**: ✓ claimed and evidenced, ✗ claimed only, + evidenced only, · neither; in a
  matrix scoped by plan, ? for an item no source lists the relevance of (the later plans'
  commitments: not known, never "no"; the default matrix, what the exports show, keeps ·).
- **by plan**: :func:`coverage_by_plan`, each plan × OGP value, the claims beside the IRM's
  "Relevant to OGP Values" (:mod:`ogpgraph.analysis.verdicts`).

``plan`` (:mod:`ogpgraph.analysis.plans`) scopes the rows to one action plan or to every plan.

Computed on the NetworkX view (:mod:`ogpgraph.analysis.projection`); the stored query ``coverage-matrix``
computes the same in SPARQL, and the tests check that both agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.plans import PlanChoice
from ogpgraph.analysis.projection import check_member, edges, nodes_of_kind, sort_key
from ogpgraph.core.output import Table
from ogpgraph.model import CLAIM_RELATIONS, Kind, Relation

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

#: the rows the matrix can have: commitments (with their focus areas), results, or both
LEVELS = (Kind.COMMITMENT.value, Kind.RESULT.value, "all")
LAYERS = ("claimed", "evidenced", "both")
SYMBOLS = {"both": "✓", "claimed": "✗", "evidenced": "+", "none": "·", "unknown": "?"}
LEGEND = "✓ claimed and evidenced; ✗ claimed, not evidenced; + evidenced, not claimed; · neither"
#: added to the legend when some row's claims are not known
UNKNOWN_LEGEND = "; ? not known (no source lists its relevance), not evidenced"


@dataclass
class Coverage:
    """The matrix as data: rows (item IRIs), columns (concept IRIs), and the cell sets."""

    rows: list[str]
    columns: list[str]
    labels: dict[str, str]
    ids: dict[str, str]
    kinds: dict[str, str]
    claimed: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # -> claim sources
    claimed_iris: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # -> source IRIs
    evidenced: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # -> case studies
    #: in a matrix scoped by plan, the rows no source lists the relevance of (no claim, relevant
    #: or not): their claims are not known, which is not "not claimed"
    unknown: set[str] = field(default_factory=set)

    def cell(self, row: str, column: str) -> str:
        """``both``, ``claimed``, ``evidenced``, ``none``, or ``unknown`` (claims not known,
        not evidenced)."""
        c = (row, column) in self.claimed
        e = (row, column) in self.evidenced
        if not e and row in self.unknown:
            return "unknown"
        return "both" if c and e else "claimed" if c else "evidenced" if e else "none"

    def symbol(self, row: str, column: str, layer: str = "both") -> str:
        state = self.cell(row, column)
        if layer == "claimed":
            return "?" if row in self.unknown else "✓" if state in ("both", "claimed") else "·"
        if layer == "evidenced":
            return "✓" if state in ("both", "evidenced") else "·"
        return SYMBOLS[state]

    def as_records(self) -> list[dict[str, Any]]:
        """One record per cell: item, concept, claimed, evidenced, state, sources, case studies."""
        out = []
        for row in self.rows:
            for column in self.columns:
                out.append(
                    {
                        "item": self.ids.get(row) or row,
                        "item_iri": row,
                        "item_label": self.labels[row],
                        "item_kind": self.kinds[row],
                        "concept": self.labels[column],
                        "concept_iri": column,
                        "concept_kind": self.kinds[column],
                        "claimed": None if row in self.unknown else (row, column) in self.claimed,
                        "evidenced": (row, column) in self.evidenced,
                        "state": self.cell(row, column),
                        "claim_sources": sorted(self.claimed.get((row, column), [])),
                        "case_studies": sorted(self.evidenced.get((row, column), [])),
                    }
                )
        return out


def concept_columns(g: nx.MultiDiGraph) -> list[str]:
    """The four OGP values then the five grand challenges, in the OGP's order."""

    def key(kind: Kind) -> list[str]:
        return sorted(
            nodes_of_kind(g, kind), key=lambda n: (g.nodes[n]["order"], g.nodes[n]["label"])
        )

    return key(Kind.PRINCIPLE) + key(Kind.CHALLENGE)


def item_rows(g: nx.MultiDiGraph, level: str) -> list[str]:
    """Commitments each followed by its focus areas; or the results; or both."""
    rows: list[str] = []
    if level in (Kind.COMMITMENT, "all"):
        for commitment in nodes_of_kind(g, Kind.COMMITMENT):
            rows.append(commitment)
            rows.extend(
                sorted(
                    (
                        u
                        for u, _v, _d in edges(g, Relation.PART_OF, target=commitment)
                        if g.nodes[u]["kind"] == Kind.FOCUS_AREA
                    ),
                    key=lambda n: sort_key(g, n),
                )
            )
        rows.extend(n for n in nodes_of_kind(g, Kind.FOCUS_AREA) if n not in rows)
    if level in (Kind.RESULT, "all"):
        rows.extend(nodes_of_kind(g, Kind.RESULT))
    return rows


def scope(g: nx.MultiDiGraph, item: str) -> set[str]:
    """The item and the parts a case study may illustrate on its behalf."""
    found = {item}
    frontier = [item]
    while frontier:
        node = frontier.pop()
        parts = [
            u
            for u, _v, _d in edges(g, Relation.PART_OF, target=node)
            if g.nodes[u]["kind"] in (Kind.FOCUS_AREA, Kind.RESULT)
        ]
        parts += [v for _u, v, _d in edges(g, Relation.FOCUSES_ON, source=node)]
        for part in parts:
            if part not in found:
                found.add(part)
                frontier.append(part)
    if g.nodes[item]["kind"] == Kind.RESULT:  # a focus area on this result counts for it
        found.update(u for u, _v, _d in edges(g, Relation.FOCUSES_ON, target=item))
    return found


def claims_of(g: nx.MultiDiGraph, item: str) -> list[dict[str, Any]]:
    """The primary claims of an item (see the module docstring), relevant or not."""
    own = [
        {**d, "concept": v}
        for _u, v, d in g.out_edges(item, data=True)
        if d["relation"] in CLAIM_RELATIONS
    ]
    if g.nodes[item]["kind"] in (Kind.COMMITMENT, Kind.FOCUS_AREA):
        table = [d for d in own if d["in_table"]]
        return table or own
    if g.nodes[item]["kind"] == Kind.RESULT:
        focus = [
            {**d, "concept": v}
            for f, _r, _d in edges(g, Relation.FOCUSES_ON, target=item)
            for _u, v, d in g.out_edges(f, data=True)
            if d["relation"] in CLAIM_RELATIONS and not d["in_table"]
        ]
        return own + focus
    return own


def coverage(
    source: KnowledgeGraph | Analysis,
    level: str = Kind.COMMITMENT.value,
    member: str | None = None,
    plan: PlanChoice = None,
) -> Coverage:
    """Compute the matrix at ``level`` (commitment, result or all), for one OGP member (its
    country code, e.g. ``nz``) or for all of them (``None``), and for one action plan (its
    number), every plan (``"all"``) or the first plan's view (``None``, what the exports show:
    :mod:`ogpgraph.analysis.plans`). Memoised on an :class:`~ogpgraph.analysis.state.Analysis`
    when given one.

    Raises:
        OgpgraphError: for an unknown member or plan.
    """
    from ogpgraph.analysis.plans import check_plan, scoped
    from ogpgraph.analysis.state import Analysis

    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    plan = check_plan(source, plan)
    analysis = scoped(Analysis.of(source), plan)
    key = ("coverage", level, member) if plan is None else ("coverage", level, member, plan)
    return analysis.derived(key, lambda: compute_coverage(analysis, level, member, plan))


def compute_coverage(
    analysis: Analysis, level: str, member: str | None, plan: PlanChoice = None
) -> Coverage:
    """The matrix itself (use :func:`coverage`, which memoises it on the analysis)."""
    from ogpgraph.analysis.plans import in_plan, plan_key

    g = analysis.view
    rows = item_rows(g, level)
    member = check_member(g, member)
    if member:
        rows = [r for r in rows if g.nodes[r].get("member") == member]
    if plan is not None:
        rows = sorted(
            (r for r in rows if in_plan(analysis, r, plan)), key=lambda r: plan_key(analysis, r)
        )
    columns = concept_columns(g)
    nodes = rows + columns
    cov = Coverage(
        rows,
        columns,
        labels={n: g.nodes[n]["label"] for n in nodes},
        ids={n: g.nodes[n].get("id", "") for n in nodes},
        kinds={n: g.nodes[n]["kind"] for n in nodes},
    )
    column_set = set(columns)
    for row in rows:
        claims = claims_of(g, row)
        if not claims and plan is not None:  # the first plan's default matrix stays as it was
            cov.unknown.add(row)
        for claim in claims:
            if claim["relevant"] and claim["concept"] in column_set:
                cov.claimed.setdefault((row, claim["concept"]), []).append(claim["source_section"])
                cov.claimed_iris.setdefault((row, claim["concept"]), []).append(
                    claim["source_iri"] or claim["source_section"]
                )
        for part in scope(g, row):
            for case_study, _p, _d in edges(g, Relation.ILLUSTRATES, target=part):
                for _cs, concept, _d2 in edges(g, Relation.DEMONSTRATES, source=case_study):
                    if concept in column_set:
                        found = cov.evidenced.setdefault((row, concept), [])
                        label = g.nodes[case_study]["label"]
                        if label not in found:
                            found.append(label)
    return cov


def coverage_table(cov: Coverage, layer: str = "both") -> Table:
    """The matrix as rows for printing, with per-row and per-column totals of ✓ (and, for the
    ``both`` layer, of ✗: claims without evidence)."""
    short = [_short(cov.labels[c]) for c in cov.columns]
    extra = ["✓", "✗"] if layer == "both" else ["✓"]
    title = f"Coverage ({layer}): {LEGEND}" if layer == "both" else f"Coverage ({layer})"
    if cov.unknown:
        title += UNKNOWN_LEGEND if layer == "both" else ": ? not known (no source lists it)"
    table = Table(["item", *short, *extra], title=title)
    ticks = [0] * len(cov.columns)
    crosses = [0] * len(cov.columns)
    for row in cov.rows:
        cells = [cov.symbol(row, column, layer) for column in cov.columns]
        for i, symbol in enumerate(cells):
            ticks[i] += symbol == "✓"
            crosses[i] += symbol == "✗"
        counts = [cells.count("✓"), cells.count("✗")] if layer == "both" else [cells.count("✓")]
        table.rows.append([cov.ids.get(row) or cov.labels[row], *cells, *counts])
    footer = [sum(ticks), sum(crosses)] if layer == "both" else [sum(ticks)]
    table.rows.append(["total ✓", *ticks, *footer])
    if layer == "both":
        table.rows.append(["total ✗", *crosses, "", ""])
    return table


_ABBREVIATIONS = {
    "Transparency": "Transparency",
    "Accountability": "Accountability",
    "Participation": "Participation",
    "Technology and Innovation": "Tech & Innovation",
    "Improving Public Services": "Public services",
    "Increasing Public Integrity": "Public integrity",
    "More Effectively Managing Public Resources": "Public resources",
    "Creating Safer Communities": "Safer communities",
    "Increasing Corporate Accountability": "Corporate acc.",
}


def _short(label: str) -> str:
    return _ABBREVIATIONS.get(label, label)
