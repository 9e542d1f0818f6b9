"""The plan × OGP value view (``ogpgraph coverage --by plan``): for each action plan and value,
which of the plan's commitments are claimed relevant to it and which the IRM found relevant, each
cell saying whose verdict it is.

- **claimed**: the commitment's relevance claims (:func:`ogpgraph.analysis.verdicts.claimed_values`;
  for the first plan, the government's Action Plan table in the 2016 self-assessment); a
  commitment no claim speaks of is *not known*, never "not claimed".
- **the IRM**: "Relevant to OGP Values" on a copy of the commitment's OGP page, as printed
  (:mod:`ogpgraph.model.verdicts`): the value listed, "Yes" (relevant, the values not named),
  not relevant or not among those listed, or no verdict (no page, or pending). A commitment with
  two copies that say different things is counted under each.

Cells give the count and the commitments' numbers in their plan ("2 (3, 4)"; "all 12").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.plans import ALL, PlanChoice, item_plans, plans_in_scope
from ogpgraph.analysis.projection import check_member, nodes_of_kind, sort_key
from ogpgraph.core.output import Table
from ogpgraph.model import Kind
from ogpgraph.model.verdicts import IrmRelevance, Side

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

#: the columns of the view, after plan, period, value and the number of commitments
CELLS = (
    "claimed",
    "not claimed",
    "claims not known",
    "IRM: relevant",
    "IRM: relevant, values not named",
    "IRM: not relevant or not listed",
    "IRM: no verdict",
)
COLUMNS = ("plan", "period", "value", "commitments", *CELLS, "sources")
TITLE = (
    "OGP values by plan: claimed (relevance claims; for the first plan, the government's "
    'Action Plan table in the 2016 self-assessment) and the IRM\'s "Relevant to OGP Values" '
    "(OGP commitment pages, as printed). Cells: how many commitments, and their numbers in the "
    'plan; not known is not "no".'
)


def plan_values(
    source: KnowledgeGraph | Analysis, member: str | None = None, plan: PlanChoice = ALL
) -> Table:
    """One row per plan (``plan``: a number, or every plan for ``"all"`` or None) and OGP value.

    Raises:
        OgpgraphError: for an unknown member or plan.
    """
    from ogpgraph.analysis.plans import check_plan
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.analysis.verdicts import claimed_values, verdicts

    plan = check_plan(source, plan)
    analysis = Analysis.of(source).every_plan()
    g = analysis.view
    member = check_member(g, member)
    belongs = item_plans(analysis)
    said = verdicts(analysis)
    values = sorted(
        nodes_of_kind(g, Kind.PRINCIPLE), key=lambda n: (g.nodes[n]["order"], g.nodes[n]["label"])
    )
    table = Table(list(COLUMNS), title=TITLE)
    for p in plans_in_scope(analysis, ALL if plan is None else plan, member):
        commitments = [
            c for c in nodes_of_kind(g, Kind.COMMITMENT) if c in belongs and belongs[c] == p
        ]
        commitments.sort(key=lambda c: sort_key(g, c))
        claims = {c: claimed_values(analysis, c) for c in commitments}
        reviews = {
            c: [v for v in said.get(c, []) if v.side == Side.IRM and v.reading is not None]
            for c in commitments
        }
        for value in values:
            cells: dict[str, list[str]] = {name: [] for name in CELLS}
            sources: set[str] = set()
            for c in commitments:
                found = claims[c]
                if not found.known:
                    cells["claims not known"].append(c)
                elif value in found.values:
                    cells["claimed"].append(c)
                    sources.update(found.source_iris.get(value, []))
                else:
                    cells["not claimed"].append(c)
                    sources.update(found.source_iris.get(value, []))
                readings = reviews[c]
                if not readings or all(v.reading == IrmRelevance.PENDING for v in readings):
                    cells["IRM: no verdict"].append(c)
                for v in readings:
                    column = _irm_column(v.reading, value in v.values)
                    if column and c not in cells[column]:
                        cells[column].append(c)
                        sources.update(v.sources)
            table.rows.append(
                [
                    p.number,
                    p.period,
                    g.nodes[value]["label"],
                    len(commitments),
                    *(_cell(g, cells[name], len(commitments)) for name in CELLS),
                    "; ".join(sorted(_short_source(s) for s in sources)),
                ]
            )
    return table


def _irm_column(reading: IrmRelevance | None, listed: bool) -> str | None:
    if reading == IrmRelevance.LISTED:
        return "IRM: relevant" if listed else "IRM: not relevant or not listed"
    if reading == IrmRelevance.YES:
        return "IRM: relevant, values not named"
    if reading == IrmRelevance.NOT_RELEVANT:
        return "IRM: not relevant or not listed"
    return None


def _cell(g: Any, commitments: Iterable[str], total: int) -> str:
    """ "0", "all 12", or "2 (3, 4)": the commitments' numbers in their plan (from their short
    identifiers: ``plan-2-commitment-6`` is 6)."""
    found = list(commitments)
    if not found:
        return "0"
    if len(found) == total and total > 1:
        return f"all {total}"
    numbers = []
    for c in found:
        digits = re.findall(r"\d+", g.nodes[c].get("id") or "")
        numbers.append(digits[-1] if digits else g.nodes[c]["label"])
    return f"{len(found)} ({', '.join(numbers)})"


def _short_source(iri: str) -> str:
    from ogpgraph.core import namespaces as ns

    return iri[len(ns.SOURCE) :] if iri.startswith(ns.SOURCE) else iri


#: the stored query that links each 2013 NIS recommendation to the commitments of every plan
RECOMMENDATIONS_QUERY = "nis-recommendations-over-time"
#: the "how linked" of a recommendation no commitment (of the plan asked for) is linked to
NO_LINK = "no commitment linked"
RECOMMENDATION_COLUMNS = (
    "recommendation",
    "plan",
    "item",
    "title",
    "how linked",
    "government",
    "IRM",
    "later call",
)


def recommendations_by_plan(source: KnowledgeGraph | Analysis, plan: PlanChoice = ALL) -> Table:
    """For each 2013 NIS recommendation, the commitments of every plan (or of plan ``plan``)
    linked to it, how, and what the government and the IRM said of them: the rows of the stored
    query ``nis-recommendations-over-time``. A recommendation no commitment (of that plan) is
    linked to keeps one row, :data:`NO_LINK`.

    Raises:
        OgpgraphError: for an unknown plan.
    """
    from ogpgraph.analysis.plans import check_plan
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.core.queries import get_stored

    plan = check_plan(source, plan)
    kg = Analysis.of(source).kg
    rows = kg.select(get_stored(RECOMMENDATIONS_QUERY).text)
    table = Table(
        list(RECOMMENDATION_COLUMNS),
        title="The 2013 NIS recommendations and the commitments of "
        + ("every plan" if plan in (None, ALL) else f"plan {plan}")
        + " linked to them (ogpgraph query --name nis-recommendations-over-time)",
    )
    seen: list[str] = []
    for row in rows:
        rec = str(row["recId"])
        if rec not in seen:
            seen.append(rec)
        if plan not in (None, ALL) and (row["plan"] is None or int(row["plan"]) != plan):
            continue
        table.rows.append(
            [
                rec,
                row["plan"] if row["plan"] is not None else "",
                row["itemId"] or "",
                row["itemLabel"] or "",
                row["how"] or "",
                row["government"] or "",
                row["irm"] or "",
                row["laterCall"] or "",
            ]
        )
    listed = {r[0] for r in table.rows}
    for rec in seen:
        if rec not in listed:
            table.rows.append([rec, "", "", "", NO_LINK, "", "", ""])
    table.rows.sort(key=lambda r: seen.index(r[0]))
    return table
