"""The action plans, and which plan each item of the view belongs to: what ``--plan`` scopes by.

A plan is an ``ogp:ActionPlan`` with an ``ogp:actionPlanNumber`` (the numbers come from the data,
never from a list here); an item belongs to the plan its ``part-of`` edges lead to (a commitment
or focus area through ``ogp:inActionPlan``, a result through its commitment). Plan numbers are
per member: ``--plan 2`` is every member's second plan, ``--member`` narrows it.

A plan choice (:data:`PlanChoice`) is a number, :data:`ALL` (every plan), or ``None``: the first
plan's view exactly as the commands printed it before they could be scoped (their default is the
first plan, and the tests hold the two identical). A choice other than ``None`` is answered on the
view of every plan (:meth:`ogpgraph.analysis.state.Analysis.every_plan`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ogpgraph.analysis.projection import edges, member_of
from ogpgraph.model import NOT_KNOWN, Kind, Relation

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ogpgraph.analysis.state import Analysis
    from ogpgraph.dataset.store import KnowledgeGraph

#: every plan (``--plan all``)
ALL = "all"
#: the number of the plan the 2016 self-assessment describes: what the commands show by default
FIRST_PLAN = 1

#: a plan number, :data:`ALL`, or None (the first plan's view as it always was)
PlanChoice = int | str | None


@dataclass(frozen=True)
class Plan:
    """An action plan as its sources describe it (periods as printed; dates ``YYYY-MM``)."""

    iri: str
    number: int
    member: str
    label: str
    periods: tuple[str, ...] = ()
    implemented_from: str = ""
    implemented_until: str = ""
    #: the plan's own date (the first plan's launch, ``2014-10``), where a source gives one
    date: str = ""

    @property
    def start_year(self) -> int | None:
        """The year the plan started (implemented from, else its date), None if not known."""
        for text in (self.implemented_from, self.date):
            if text[:4].isdigit():
                return int(text[:4])
        return None

    @property
    def period(self) -> str:
        """The period as the sources name it, with the implementation dates where given
        ("2016-2018 (2016-07 to 2018-06)"); "not known" where no source gives one."""
        text = "; ".join(self.periods)
        dates = " to ".join(d for d in (self.implemented_from, self.implemented_until) if d)
        if dates:
            text = f"{text} ({dates})" if text else dates
        return text or NOT_KNOWN


def action_plans(source: KnowledgeGraph | Analysis) -> list[Plan]:
    """Every numbered action plan, by member and number (memoised on the analysis)."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis.derived("action-plans", lambda: _read_plans(analysis.kg))


def _read_plans(kg: KnowledgeGraph) -> list[Plan]:
    from ogpgraph.core.queries import internal_query

    found: dict[str, dict[str, object]] = {}
    for row in kg.select(internal_query("analysis-plans")):
        plan = found.setdefault(
            row["plan"],
            {"number": int(row["number"]), "label": row["label"] or "", "periods": []},
        )
        periods = plan["periods"]
        assert isinstance(periods, list)
        if row["period"] and row["period"] not in periods:
            periods.append(str(row["period"]))
        for key, name in (
            ("from", "implemented_from"),
            ("until", "implemented_until"),
            ("date", "date"),
        ):
            if row[key] and not plan.get(name):
                plan[name] = str(row[key])
    plans = [
        Plan(
            iri,
            int(str(p["number"])),
            member_of(iri),
            str(p["label"]),
            tuple(p["periods"]),  # type: ignore[arg-type]
            str(p.get("implemented_from", "")),
            str(p.get("implemented_until", "")),
            str(p.get("date", "")),
        )
        for iri, p in found.items()
    ]
    return sorted(plans, key=lambda p: (p.member != "nz", p.member, p.number, p.iri))


def plan_numbers(source: KnowledgeGraph | Analysis) -> list[int]:
    """The plan numbers the data has, in order."""
    return sorted({plan.number for plan in action_plans(source)})


def check_plan(source: KnowledgeGraph | Analysis, plan: PlanChoice) -> PlanChoice:
    """``plan`` as a number or :data:`ALL` (None stays None), or an error naming the plans.

    Raises:
        OgpgraphError: for a number no plan in the data has, or a word other than ``all``.
    """
    if plan is None:
        return None
    from ogpgraph.core.errors import OgpgraphError

    known = plan_numbers(source)
    hint = "Plans in the data: " + (", ".join(map(str, known)) or "none") + ", or all."
    if isinstance(plan, str):
        if plan.strip().lower() == ALL:
            return ALL
        if not plan.strip().isdigit():
            raise OgpgraphError(f"unknown plan {plan!r}", hint=hint)
        plan = int(plan.strip())
    if plan not in known:
        raise OgpgraphError(f"no action plan number {plan} in the data", hint=hint)
    return plan


def scoped(source: KnowledgeGraph | Analysis, plan: PlanChoice) -> Analysis:
    """The analysis that answers for ``plan``: the given one for None (the first plan's view),
    else the one over every plan."""
    from ogpgraph.analysis.state import Analysis

    analysis = Analysis.of(source)
    return analysis if plan is None else analysis.every_plan()


def plan_of(g: nx.MultiDiGraph, node: str) -> str | None:
    """The IRI of the action plan ``node`` belongs to (following its ``part-of`` edges up), or
    None (organisations, values, recommendations… belong to none).

    A node part of several plans' items (none in the data) belongs to the first found in
    order of the plans' IRIs."""
    if node not in g:
        return None
    if g.nodes[node]["kind"] == Kind.ACTION_PLAN:
        return node
    seen = {node}
    frontier = [node]
    found: list[str] = []
    while frontier:
        following = []
        for current in frontier:
            for _u, parent, _d in edges(g, Relation.PART_OF, source=current):
                if parent in seen:
                    continue
                seen.add(parent)
                if g.nodes[parent]["kind"] == Kind.ACTION_PLAN:
                    found.append(parent)
                else:
                    following.append(parent)
        if found:
            return sorted(found)[0]
        frontier = following
    return None


def item_plans(analysis: Analysis) -> dict[str, Plan]:
    """Node of the analysis's view → the :class:`Plan` it belongs to (nodes of no numbered plan
    are left out); memoised on the analysis."""

    def compute() -> dict[str, Plan]:
        by_iri = {plan.iri: plan for plan in action_plans(analysis)}
        g = analysis.view
        out: dict[str, Plan] = {}
        for node in g:
            iri = plan_of(g, node)
            if iri is not None and iri in by_iri:
                out[node] = by_iri[iri]
        return out

    return analysis.derived("item-plans", compute)


def in_plan(analysis: Analysis, node: str, plan: PlanChoice) -> bool:
    """Whether ``node`` belongs to ``plan`` (None and :data:`ALL`: to any plan, or to none)."""
    if plan is None or plan == ALL:
        return True
    found = item_plans(analysis).get(node)
    return found is not None and found.number == plan


def plan_key(analysis: Analysis, node: str) -> tuple[bool, str, int]:
    """Sorts nodes by the plan they belong to (New Zealand's first, then by number; nodes of no
    plan last): used stably, it keeps each plan's items in their own order."""
    found = item_plans(analysis).get(node)
    if found is None:
        return (True, "~", 0)
    return (found.member != "nz", found.member, found.number)


def plans_in_scope(
    source: KnowledgeGraph | Analysis, plan: PlanChoice, member: str | None = None
) -> list[Plan]:
    """The plans ``plan`` (and ``member``) select: one number's (every member's), every plan
    (:data:`ALL`), or the first plan (None)."""
    wanted = FIRST_PLAN if plan is None else plan
    return [
        p
        for p in action_plans(source)
        if (wanted == ALL or p.number == wanted) and (not member or p.member == member)
    ]
