"""Which part of the NetworkX view a page draws.

Each function returns a :class:`Selection`: a ``MultiDiGraph`` whose nodes carry the view's
attributes (plus ``status`` or ``value`` where a page colours or sizes by them) and whose edges
carry ``relation`` and, where a page styles them its own way, ``style`` and ``tip``, and the
``layers`` it is drawn in (columns, left to right: :mod:`.layout`). Every one is linear in the
nodes and edges it looks at; none mutates the cached view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.projection import nodes_of_kind, sort_key
from ogpgraph.analysis.state import Analysis
from ogpgraph.core.errors import OgpgraphError
from ogpgraph.model import CLAIM_RELATIONS, INVOLVEMENT, Kind, Relation, Status
from ogpgraph.pages.style import link_key_words

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from ogpgraph.dataset.store import KnowledgeGraph


@dataclass
class Selection:
    """A part of the graph to draw, with the words that go with it."""

    name: str
    title: str
    intro: str
    graph: nx.MultiDiGraph
    focus: str | None = None
    note: str = ""
    #: node keys in columns, left to right (None: one column per group of kinds)
    layers: list[list[str]] | None = None
    #: on an overview (too many labels to show at once), the layers whose labels come first
    labels_first: int = 0
    #: node -> a few words shown after its label and in its tooltip
    marks: dict[str, str] | None = None


def recommendation_status(analysis: Analysis, rec: str, has_parts: bool = False) -> tuple[str, str]:
    """(status, note) of a recommendation as a node or badge shows it: the status colour stands
    for (:func:`~ogpgraph.analysis.positions.summary_status`) and every assessor's current
    position in words ("government: Met (2016-01); TINZ: not assessed"), or ``("unknown", why)``."""
    from ogpgraph.analysis.positions import sides, summary_status

    found = sides(analysis, rec)
    if not any(side.assessed for side in found):
        if has_parts:
            return Status.UNKNOWN.value, "not assessed as a whole: see its parts"
        return Status.UNKNOWN.value, "no source in the graph assesses it"
    return summary_status(found), "; ".join(f"{side.who}: {side.words}" for side in found)


def _copy_nodes(g: nx.MultiDiGraph, nodes: Any) -> nx.MultiDiGraph:
    import networkx as nx

    h = nx.MultiDiGraph()
    for n in nodes:
        h.add_node(n, **g.nodes[n])
    return h


def _induced_edges(g: nx.MultiDiGraph, h: nx.MultiDiGraph, skip: tuple[str, ...] = ()) -> None:
    """Add to ``h`` every edge of ``g`` between nodes of ``h`` (O(sum of their degrees))."""
    for u in list(h.nodes):
        for _u, v, key, d in g.out_edges(u, keys=True, data=True):
            if v in h and d.get("relation") not in skip:
                h.add_edge(u, v, key=key, **d)


def coverage_view(source: KnowledgeGraph | Analysis) -> Selection:
    """Commitments, focus areas, results, case studies, values and challenges; item → concept
    edges styled by layer (claimed only, evidenced only, both)."""
    from ogpgraph.analysis.coverage import coverage

    analysis = Analysis.of(source)
    g = analysis.view
    cov = coverage(analysis, "all")
    kinds = (
        Kind.COMMITMENT,
        Kind.FOCUS_AREA,
        Kind.RESULT,
        Kind.CASE_STUDY,
        Kind.PRINCIPLE,
        Kind.CHALLENGE,
    )
    h = _copy_nodes(g, nodes_of_kind(g, *kinds))
    relation = {
        "both": "claimed and evidenced",
        "claimed": "claimed, not evidenced",
        "evidenced": "evidenced, not claimed",
    }
    for row in cov.rows:
        for column in cov.columns:
            state = cov.cell(row, column)
            if state == "none":
                continue
            tips = []
            if (row, column) in cov.claimed:
                tips.append("Claimed in: " + "; ".join(sorted(set(cov.claimed[(row, column)]))))
            if (row, column) in cov.evidenced:
                tips.append(
                    "Evidenced by case studies: " + "; ".join(sorted(cov.evidenced[(row, column)]))
                )
            h.add_edge(
                row,
                column,
                key=f"layer|{state}",
                relation=relation[state],
                style=f"layer-{state}",
                tip="\n".join(tips),
            )
    _induced_edges(g, h, skip=CLAIM_RELATIONS)
    layers = [
        nodes_of_kind(h, Kind.RESULT),
        nodes_of_kind(h, Kind.COMMITMENT, Kind.FOCUS_AREA),
        nodes_of_kind(h, Kind.PRINCIPLE, Kind.CHALLENGE),
        nodes_of_kind(h, Kind.CASE_STUDY),
    ]
    return Selection(
        "coverage",
        "Coverage: commitments and results against the OGP values and grand challenges",
        "Each commitment, focus area and result is joined to the OGP values and grand challenges "
        "it claims (the Action Plan table; Annex 1 for results) and to those its case studies "
        "evidence. Solid blue: claimed and evidenced; dashed orange: claimed only; dotted green: "
        "evidenced only. Case studies are joined to what they illustrate and demonstrate.",
        h,
        layers=layers,
    )


def recommendations_view(source: KnowledgeGraph | Analysis) -> Selection:
    """NIS recommendations ↔ pillars ↔ linked commitments and initiatives, by status and asserter.
    Each recommendation carries ``status`` (the one its fill stands for: the government's first),
    ``status_note`` and ``sides``, every assessor's current position
    (:func:`~ogpgraph.analysis.positions.sides`)."""
    from ogpgraph.analysis.positions import sides

    analysis = Analysis.of(source)
    g = analysis.view
    recs = set(nodes_of_kind(g, Kind.RECOMMENDATION))
    pillars = nodes_of_kind(g, Kind.PILLAR)
    assessed = [p for p in pillars if _assessed_or_touched(g, p)]
    keep = set(recs) | set(assessed)
    for u, v, d in g.edges(data=True):
        if v in recs and d.get("asserted_by") is not None:
            keep.add(u)
        elif u in recs and d.get("relation") == Relation.RECOMMENDED_BY:
            keep.add(v)
    for u, v, d in g.edges(data=True):
        if d.get("relation") == Relation.RESPONDS_TO and v in keep:
            keep.add(u)
    h = _copy_nodes(g, sorted(keep))
    with_parts = {
        v
        for u, v, d in g.edges(data=True)
        if d.get("relation") == Relation.PART_OF and u in recs and v in recs
    }
    for rec in recs:
        status, note = recommendation_status(analysis, rec, rec in with_parts)
        h.nodes[rec]["status"] = status
        h.nodes[rec]["status_note"] = note
        h.nodes[rec]["sides"] = tuple(sides(analysis, rec))
    _induced_edges(g, h, skip=(*CLAIM_RELATIONS, Relation.DEMONSTRATES))
    left_out = [g.nodes[p]["label"] for p in pillars if p not in keep]
    return Selection(
        "recommendations",
        "NIS recommendations, integrity pillars and the action linked to them",
        "The recommendations of the 2013 National Integrity System assessment, filled by the "
        "government's latest assessed status (a badge beside each: TINZ's), with the pillars "
        "the assessment assessed and the commitments, results and initiatives linked to them by "
        "government and by Transparency International New Zealand (TINZ). "
        + link_key_words()
        + (
            f" Not drawn: {', '.join(left_out)}, a pillar of the NIS method that no assessment "
            "in the graph assessed."
            if left_out and assessed
            else ""
        ),
        h,
        layers=_recommendation_layers(h, recs),
    )


def _assessed_or_touched(g: nx.MultiDiGraph, pillar: str) -> bool:
    """Whether an assessment of the graph assessed ``pillar`` or a recommendation touches it."""
    return any(
        d.get("relation") in (Relation.ASSESSES, Relation.TOUCHES)
        for _u, _v, d in g.in_edges(pillar, data=True)
    )


def _recommendation_layers(h: nx.MultiDiGraph, recs: set[str]) -> list[list[str]]:
    """Pillars | the assessments that assess them and make the recommendations |
    recommendations | the action linked to them | the commitments and plans that action is
    part of (or that are linked directly)."""
    plan = set(nodes_of_kind(h, Kind.COMMITMENT, Kind.FOCUS_AREA, Kind.RESULT, Kind.ACTION_PLAN))
    sources = set()
    for u, v, d in h.edges(data=True):
        if d.get("relation") == Relation.RECOMMENDED_BY and u in recs:
            sources.add(v)
        elif d.get("relation") == Relation.ASSESSES:
            sources.add(u)
    sources -= plan | recs
    pillars = nodes_of_kind(h, Kind.PILLAR)
    placed = plan | recs | sources | set(pillars)
    ordered = sorted(h.nodes, key=lambda n: (sort_key(h, n), n))
    actions = [n for n in ordered if n not in placed]
    return [
        pillars,
        [n for n in ordered if n in sources],
        [n for n in ordered if n in recs],
        actions,
        [n for n in ordered if n in plan],
    ]


def agencies_view(source: KnowledgeGraph | Analysis) -> Selection:
    """Organisations and what they lead or contribute to, sized by involvement."""
    g = Analysis.of(source).view
    orgs = nodes_of_kind(g, Kind.ORGANISATION)
    led: dict[str, set[str]] = defaultdict(set)
    helped: dict[str, set[str]] = defaultdict(set)
    involved_in: dict[str, set[str]] = defaultdict(set)
    for org in orgs:
        for _u, v, d in g.out_edges(org, data=True):
            if d["relation"] == Relation.LEADS:
                led[org].add(v)
            elif d["relation"] in INVOLVEMENT:
                helped[org].add(v)
            else:
                continue
            involved_in[v].add(org)
    active = [o for o in orgs if led[o] or helped[o]]
    keep = set(active) | set(involved_in)
    for org in active:  # the organisations they are units of, up the chain
        frontier = [org]
        while frontier:
            node = frontier.pop()
            for _u, parent, d in g.out_edges(node, data=True):
                if d["relation"] == Relation.UNIT_OF and parent not in keep:
                    keep.add(parent)
                    frontier.append(parent)
    h = _copy_nodes(g, sorted(keep))
    for n in h.nodes:
        if n in involved_in and h.nodes[n]["kind"] != Kind.ORGANISATION:
            h.nodes[n]["value"] = len(involved_in[n])
            h.nodes[n]["value_note"] = f"Organisations involved: {len(involved_in[n])}"
        else:
            total = len(led[n] | helped[n])
            h.nodes[n]["value"] = total
            h.nodes[n]["value_note"] = _involvement_note(g, led[n], helped[n] - led[n])
    for u in list(h.nodes):
        for _u, v, key, d in g.out_edges(u, keys=True, data=True):
            if v in h and d["relation"] in (*INVOLVEMENT, Relation.UNIT_OF):
                h.add_edge(u, v, key=key, **d)
    left_out = len(orgs) - len([o for o in orgs if o in keep])
    # plan items | organisations involved in them | other organisations | everything else
    plan = nodes_of_kind(h, Kind.COMMITMENT, Kind.FOCUS_AREA, Kind.RESULT)
    in_plan = {o for item in plan for o in involved_in.get(item, ())}
    drawn_orgs = nodes_of_kind(h, Kind.ORGANISATION)
    rest = set(h.nodes) - set(plan) - set(drawn_orgs)
    layers = [
        plan,
        [o for o in drawn_orgs if o in in_plan],
        [o for o in drawn_orgs if o not in in_plan],
        sorted(rest, key=lambda n: (sort_key(h, n), n)),
    ]
    return Selection(
        "agencies",
        "Organisations and what they lead or contribute to",
        "The first action plan (2014–16), as the 2016 report describes it: government agencies, "
        "civil-society and other organisations, sized by how many commitments, results, "
        "initiatives and case studies they lead or contribute to. Thick dark edges: leads; "
        "dashed: contributes, champions or supports; grey: unit of. Who led the later plans: "
        "the timeline.",
        h,
        note=(
            f"{left_out} organisation(s) with no recorded lead or contributing role are not "
            "drawn; see graph.html."
            if left_out
            else ""
        ),
        layers=layers,
        labels_first=2,
    )


def whole_view(source: KnowledgeGraph | Analysis) -> Selection:
    """Every node and edge of the view (drawn as is: no copy); a pillar no assessment of the
    graph assessed is marked "not assessed" (when some pillar is assessed)."""
    g = Analysis.of(source).view
    pillars = nodes_of_kind(g, Kind.PILLAR)
    assessed = {p for p in pillars if _assessed_or_touched(g, p)}
    marks = {p: "not assessed" for p in pillars if p not in assessed} if assessed else None
    return Selection(
        "graph",
        "The whole graph",
        "Everything the 2016 report says about the first action plan (2014–16), and every "
        "relation between them, coloured by kind; the later plans are on the timeline. Relevance "
        "claims are dashed orange; the Action Plan table's empty cells (not claimed) are faint "
        "grey.",
        g,
        marks=marks,
    )


VIEWS = {
    "coverage": coverage_view,
    "recommendations": recommendations_view,
    "agencies": agencies_view,
    "graph": whole_view,
}


def named_view(source: KnowledgeGraph | Analysis, name: str) -> Selection:
    """One of :data:`VIEWS` by name."""
    if name not in VIEWS:
        raise OgpgraphError(f"unknown view {name!r}", hint="Views: " + ", ".join(VIEWS))
    return VIEWS[name](Analysis.of(source))


def around(source: KnowledgeGraph | Analysis, node: str, depth: int = 1) -> Selection:
    """The nodes within ``depth`` steps of ``node`` (either direction) and the edges among them."""
    from itertools import chain

    g = Analysis.of(source).view
    if node not in g:
        raise OgpgraphError(
            f"{node} is not a node of the view",
            hint="The view holds commitments, focus areas, results, case studies, organisations, "
            "values, challenges, recommendations, pillars, initiatives and documents.",
        )
    if depth < 0:
        raise OgpgraphError("--depth must be 0 or more")
    seen = {node}
    frontier = [node]
    for _step in range(depth):
        following = []
        for n in frontier:
            for m in chain(g.successors(n), g.predecessors(n)):
                if m not in seen:
                    seen.add(m)
                    following.append(m)
        frontier = following
    h = _copy_nodes(g, sorted(seen))
    _induced_edges(g, h)
    label = g.nodes[node]["label"]
    return Selection(
        "around",
        f"Around {label}",
        f"Everything within {depth} step(s) of {label}, in either direction.",
        h,
        focus=node,
    )


def _involvement_note(g: Any, led: set[str], helped: set[str]) -> str:
    """What an organisation leads and contributes to, plan items (commitments, focus areas,
    results) counted apart from other work (initiatives, documents, case studies, events)."""
    from ogpgraph.analysis.overview import PLAN_KINDS

    def count(items: set[str]) -> str:
        plan = sum(1 for n in items if g.nodes[n]["kind"] in PLAN_KINDS)
        other = len(items) - plan
        text = f"{plan} commitment(s), focus area(s) or result(s)"
        return text + (f" and {other} other item(s)" if other else "")

    return f"Leads {count(led)}; contributes to {count(helped)}"
