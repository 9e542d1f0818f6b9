"""A NetworkX graph to vis-network node and edge lists, in time linear in nodes + edges.

The pages are drawn by vis-network, the library pyvis wraps, from the NetworkX view. We build
the node and edge dictionaries vis-network's ``DataSet`` takes — the same ones pyvis's
``Network`` collects (``id``, ``label``, ``title``, ``group``/``shape``, ``color``, ``value``;
``from``, ``to``, ``arrows``, ``dashes``, ``width``) — directly, instead of through pyvis, because:

- ``Network.from_nx`` is O(nodes × edges) (it scans every edge for every node: 2 s at 10,000
  nodes, against ~70 ms filling the lists directly);
- ``Network.add_node`` and ``add_edge`` test membership in a *list* of node ids (O(n) per call,
  so O(n²) in all), and ``add_edge`` on an undirected network scans every edge added so far;
- its HTML template loads Bootstrap from a CDN even in ``in_line`` mode, and its ``heading`` is
  not escaped (see :mod:`.html` for our template).

Here: one pass over the nodes, one over the edges, one sort of each (so the output, and the
file, is the same for the same graph). Parallel edges with the same relation and style are
merged into one drawn edge whose tooltip lists every source; edges that still share their two
nodes (a link asserted by government and one by TINZ, say) are bent apart, each its own way
(:func:`.layout.parallel_curves`: a ``smooth`` option in the data, the same for the same graph).
An edge is drawn in its style (:func:`.style.edge_style`: a link by its asserter and relation)
and carries the style's words, if any, as its label. Tooltips are plain text (the
vendored vis-network sets them with ``innerText``; no data is ever rendered as HTML).

Views too large to read (more than ``max_nodes``) are capped: the most connected nodes are
drawn, the rest grouped into one node per kind, with a notice saying so.

Every node is drawn where :mod:`.layout` places it (``x``, ``y``; the page turns vis-network's
physics off when every node has a position): the same picture on every load. Its visible label is wrapped at word boundaries and unique on the page;
the full label is the first line of the tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.projection import NODE_KINDS, graph_words, sort_key
from ogpgraph.pages import layout as layouts
from ogpgraph.pages.sides import markers, shown_status, status_line, tooltip_lines
from ogpgraph.pages.style import (
    NODE_STYLES,
    edge_style,
    kind_style,
    relation_style,
    relation_words,
    status_color,
    status_words,
    style_order,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    import networkx as nx

#: above this many nodes a view is capped (the rest grouped per kind, with a notice)
MAX_NODES = 2000
DESCRIPTION_CHARS = 280


@dataclass
class VisGraph:
    """What a page draws: vis-network nodes and edges, and what the legend and notice say."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    node_kinds: list[str]
    #: the names of the edge styles drawn (:func:`.style.edge_style`), in the legend's order
    edge_styles: list[str]
    statuses: list[str] = field(default_factory=list)
    #: the assessors whose positions are drawn as badges beside recommendations (TINZ…), each
    #: as (assessor, the badge's text)
    marker_sides: list[tuple[str, str]] = field(default_factory=list)
    total_nodes: int = 0
    total_edges: int = 0
    notice: str = ""
    focus: str | None = None
    #: how the nodes were placed (:class:`.layout.Layout`); None for an empty graph
    layout: layouts.Layout | None = None
    #: the organisation kinds of the drawn organisations, in the model's order, with how many
    #: of them are of each ("" for those whose kind the report does not say)
    organisation_kinds: list[tuple[str, int]] = field(default_factory=list)


def short(text: Any, limit: int) -> str:
    """Whitespace collapsed, cut at ``limit`` characters with an ellipsis."""
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def node_tooltip(attrs: dict[str, Any]) -> str:
    """Plain text: label, type (and identifier), a short description, the source section(s)."""
    kind = attrs.get("kind", "other")
    lines = [short(attrs.get("label", ""), 200)]
    ident = attrs.get("id") or ""
    lines.append(f"Type: {kind_style(kind).label}" + (f" ({ident})" if ident else ""))
    if attrs.get("organisation_kinds"):
        from ogpgraph.model import organisation_kind_words

        words = ", ".join(organisation_kind_words(k) for k in attrs["organisation_kinds"])
        lines.append(f"Kind of organisation: {words}")
    elif attrs.get("organisation_kinds") == []:
        from ogpgraph.model import KIND_NOT_STATED

        lines.append(f"Kind of organisation: {KIND_NOT_STATED.removeprefix('kind ')}")
    found = attrs.get("sides")
    if found and any(side.assessed for side in found):
        lines.extend(tooltip_lines(found))
    elif attrs.get("status"):
        lines.append(
            f"Status: {status_words().get(attrs['status'], attrs['status'])}"
            + (f" — {short(attrs['status_note'], 120)}" if attrs.get("status_note") else "")
        )
        if found:
            lines.extend(tooltip_lines(found))
    if attrs.get("value_note"):
        lines.append(str(attrs["value_note"]))
    if attrs.get("description"):
        lines.append(short(attrs["description"], DESCRIPTION_CHARS))
    sources = list(attrs.get("sources") or [])
    if sources:
        shown = "; ".join(short(s, 120) for s in sources[:3])
        more = f" (+{len(sources) - 3} more)" if len(sources) > 3 else ""
        lines.append(f"Source: {shown}{more}")
    elif attrs.get("graphs"):
        lines.append("Source: " + ", ".join(graph_words(g) for g in attrs["graphs"]))
    return "\n".join(lines)


def edge_tooltip(u_label: str, v_label: str, d: dict[str, Any]) -> str:
    """Plain text: the two ends, the relation in words, and where it comes from."""
    from ogpgraph.model import asserter_words, certainty_words

    words = relation_words(str(d.get("relation", "")))
    head = f"{short(u_label, 80)} — {words} → {short(v_label, 80)}"
    if d.get("tip"):
        return f"{head}\n{d['tip']}"
    if d.get("asserted_by") is not None:
        from ogpgraph.analysis.overview import plain_date

        detail = f"Asserted by {asserter_words(d['asserted_by'])}"
        if d.get("at"):
            detail += f" ({plain_date(d['at'])})"
        detail += f": {words}"
        if d.get("status"):
            detail += f"; status: {status_words().get(d['status'], d['status'])}"
        if d.get("certainty"):
            detail += f" ({certainty_words(d['certainty']).lower()})"
        if d.get("rationale"):
            detail += f"\nRationale: {short(d['rationale'], 200)}"
        if d.get("note"):
            detail += f"\nNote: {short(d['note'], 200)}"
        return f"{head}\n{detail}"
    if d.get("source_section"):
        return f"{head}\nSource: {short(d['source_section'], 160)}"
    if d.get("source"):
        return f"{head}\nSource: {graph_words(str(d['source']))}"
    return head


def _node(n: str, attrs: dict[str, Any]) -> dict[str, Any]:
    kind = attrs.get("kind", "other")
    node: dict[str, Any] = {
        "id": n,
        "label": " ".join(str(attrs.get("label") or n).split()),
        "group": kind if kind in NODE_STYLES else "other",
        "title": node_tooltip(attrs),
    }
    description = " ".join(str(attrs.get("description") or "").split())
    if len(description) > DESCRIPTION_CHARS:
        node["desc"] = description
    if attrs.get("status"):
        node["color"] = status_color(attrs["status"])
        node["status"] = attrs["status"]
        found = attrs.get("sides")
        # the page writes the line under the label, and draws a badge beside the node for each
        # side but the government's (TINZ…); ``sides``: every assessor's status ("": none)
        node["statusLine"] = status_line(found) if found else status_words()[attrs["status"]]
        if found:
            node["sides"] = {side.assessor: shown_status(side) or "" for side in found}
            node["markers"] = markers(found)
    if attrs.get("value") is not None:
        node["value"] = attrs["value"]
    if isinstance(attrs.get("organisation_kinds"), list):
        # the page filters organisations by these (an empty list: the report does not say)
        node["orgKinds"] = list(attrs["organisation_kinds"])
    return node


def to_vis(
    g: nx.MultiDiGraph,
    *,
    max_nodes: int = MAX_NODES,
    focus: str | None = None,
    layers: Sequence[Sequence[str]] | None = None,
    labels_first: int = 0,
    marks: dict[str, str] | None = None,
) -> VisGraph:
    """Convert a graph whose nodes carry the view's attributes (``kind``, ``label``, ``id``,
    ``description``, ``sources``; optional ``status``, ``value``) and whose edges carry
    ``relation`` (optional ``style``, ``tip``, ``asserted_by``, ``source_section``).

    Nodes are placed in ``layers`` (lists of node keys, left to right; by default one layer per
    group of kinds, :func:`.layout.layers_by_kind`); when the page opens on an overview, the
    labels of the first ``labels_first`` layers are shown first. ``marks``: node -> a few words
    shown after its label and in its tooltip (e.g. "not assessed")."""
    total_nodes, total_edges = g.number_of_nodes(), g.number_of_edges()
    order = sorted(g.nodes, key=lambda n: (sort_key(g, n), n))
    rank = {n: i for i, n in enumerate(order)}
    notice = ""
    group_of: dict[str, str] = {}
    if total_nodes > max_nodes:
        order, group_of, notice = _cap(g, order, rank, max_nodes, focus)
    nodes = [_node(n, g.nodes[n]) for n in order]
    for node in nodes:
        mark = (marks or {}).get(node["id"])
        if mark:
            node["label"] = f"{node['label']} ({mark})"
            first, _sep, rest = node["title"].partition("\n")
            node["title"] = f"{first}\n{mark[0].upper()}{mark[1:]}.\n{rest}".rstrip("\n")
    if focus is not None and focus in g:
        for node in nodes:
            if node["id"] == focus:
                node["borderWidth"] = 5
                node["size"] = 32
                break
    aggregates: dict[str, int] = {}
    for kind in group_of.values():
        aggregates[kind] = aggregates.get(kind, 0) + 1

    merged: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    hidden_edges = 0
    for u, v, d in g.edges(data=True):
        gu, gv = group_of.get(u), group_of.get(v)
        if gu is not None or gv is not None:
            if gu is not None and gv is not None:
                hidden_edges += 1
                continue
            u2 = f"aggregate:{gu}" if gu else u
            v2 = f"aggregate:{gv}" if gv else v
            key = (u2, v2, "aggregate", "")
            entry = merged.get(key)
            if entry is None:
                merged[key] = {"from": u2, "to": v2, "s": "aggregate", "n": 1}
            else:
                entry["n"] += 1
            continue
        style = d.get("style") or relation_style(d.get("relation", ""), d.get("asserted_by"))
        key = (u, v, style, d.get("relation", ""))
        tip = edge_tooltip(g.nodes[u].get("label", u), g.nodes[v].get("label", v), d)
        entry = merged.get(key)
        if entry is None:
            merged[key] = {"from": u, "to": v, "s": style, "tips": [tip]}
        elif tip not in entry["tips"]:
            entry["tips"].append(tip)

    for kind in sorted(aggregates, key=_kind_order):
        count = aggregates[kind]
        label = f"{count:,} more: {kind_style(kind).label.lower()}"
        nodes.append(
            {
                "id": f"aggregate:{kind}",
                "label": label,
                "group": "aggregate",
                "value": count,
                "title": f"{label}\nNot drawn, to keep the page responsive. "
                "Draw a part in full with: ogpgraph export html --around ID --depth 1",
            }
        )
        rank[f"aggregate:{kind}"] = total_nodes + _kind_order(kind)

    edges: list[dict[str, Any]] = []
    for key in sorted(merged, key=lambda k: (rank[k[0]], rank[k[1]], k[2], k[3])):
        entry = merged[key]
        edge = {"id": f"e{len(edges)}", "from": entry["from"], "to": entry["to"], "s": entry["s"]}
        if "n" in entry:
            edge["title"] = f"{entry['n']:,} edge(s) to nodes that are grouped, not drawn"
        else:
            edge["title"] = "\n".join(sorted(entry["tips"]))
            mark = edge_style(entry["s"]).mark
            if mark:
                edge["label"] = mark
        edges.append(edge)
    if hidden_edges:
        notice += f" {hidden_edges:,} edges between grouped nodes are not drawn."

    placed = _place(g, nodes, edges, layers, labels_first)
    if placed is not None:
        curves = layouts.parallel_curves(edges, placed.positions)
        for edge in edges:
            if edge["id"] in curves:
                edge["smooth"] = curves[edge["id"]]
    if placed is not None and placed.overview:
        notice += (
            f" Named at first: the {len(placed.hubs):,} most connected of {len(nodes):,} nodes; "
            "zoom in, or find a node by name, to read the others."
        )

    kinds_present = {node["group"] for node in nodes}
    statuses = sorted({g.nodes[n]["status"] for n in order if g.nodes[n].get("status")})
    marker_sides = sorted(
        {(m["assessor"], m["who"]) for node in nodes for m in node.get("markers", ())}
    )
    styles_present = {edge["s"] for edge in edges}
    return VisGraph(
        organisation_kinds=_organisation_kinds(nodes),
        nodes=nodes,
        edges=edges,
        node_kinds=sorted(kinds_present, key=_kind_order),
        edge_styles=sorted(styles_present, key=style_order),
        statuses=statuses,
        marker_sides=marker_sides,
        total_nodes=total_nodes,
        total_edges=total_edges,
        notice=notice.strip(),
        focus=focus if focus is not None and focus in g else None,
        layout=placed,
    )


def _place(
    g: nx.MultiDiGraph,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    layers: Sequence[Sequence[str]] | None,
    labels_first: int = 0,
) -> layouts.Layout | None:
    """Visible labels (wrapped, unique) and fixed positions for ``nodes``, in place."""
    if not nodes:
        return None
    full = {node["id"]: node["label"] for node in nodes}
    for node in nodes:
        node["kind_words"] = kind_style(node["group"]).label.lower()
    if layers is None:
        layers = layouts.layers_by_kind(
            [
                (node["id"], g.nodes[node["id"]].get("kind", "other"))
                for node in nodes
                if node["id"] in g
            ]
        )
    # the whole labels if they all read at the fit, else shorter ones, else an overview; the
    # page writes a recommendation's status under its label: room is kept for that line
    words = status_words()

    def as_drawn(labels: dict[str, str]) -> list[dict[str, Any]]:
        drawn = []
        for node in nodes:
            node["label"] = labels[node["id"]]
            status = node.get("statusLine") or words.get(node.get("status") or "")
            drawn.append(dict(node, label=f"{node['label']}\n({status})") if status else node)
        return drawn

    placed = None
    levels = range(layouts.LEVELS) if len(nodes) <= layouts.SHORTEN_UP_TO else ()
    for level in levels:
        drawn = as_drawn(layouts.visible_labels(nodes, full, level))
        placed = layouts.layered(drawn, edges, layers, overview=False)
        if layouts.fits(placed):
            break
    else:
        drawn = as_drawn(layouts.visible_labels(nodes, full, 1))
        placed = layouts.layered(drawn, edges, layers, overview=True, first=labels_first)
    for node in nodes:
        del node["kind_words"]
    for node in nodes:
        x, y = placed.positions[node["id"]]
        node["x"], node["y"] = x, y
        b = placed.boxes[node["id"]]
        node["size"] = round(b.radius, 1)
        node.pop("value", None)  # sized here, not by vis-network's scaling
        font = placed.hubs.get(node["id"])
        if font is not None:
            node["font"] = {"size": font}
            node["scaling"] = {"label": {"maxVisible": layouts.HUB_PX}}
            widest = b.line_width * font / layouts.FONT
        else:
            widest = b.line_width
            if placed.overview:
                node["scaling"] = {"label": {"drawThreshold": layouts.MIN_PX + 2}}
        node["widthConstraint"] = {"maximum": round(widest * 1.25 + 20)}
    return placed


def _organisation_kinds(nodes: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Each organisation kind of the drawn nodes with its count, in the model's order, then
    ``""`` with the count of organisations whose kind the report does not say; empty when no
    drawn organisation has a kind (nothing to filter by)."""
    from ogpgraph.model import OrganisationKind

    counts: dict[str, int] = {}
    for node in nodes:
        kinds = node.get("orgKinds")
        if kinds is None:
            continue
        for kind in kinds or [""]:
            counts[kind] = counts.get(kind, 0) + 1
    if not set(counts) - {""}:
        return []
    order = [*OrganisationKind.values(), ""]
    return [(kind, counts[kind]) for kind in order if kind in counts]


def _kind_order(kind: str) -> int:
    if kind in NODE_KINDS:
        return NODE_KINDS.index(kind)
    return len(NODE_KINDS) + (1 if kind == "aggregate" else 0)


def _cap(
    g: nx.MultiDiGraph, order: list[str], rank: dict[str, int], max_nodes: int, focus: str | None
) -> tuple[list[str], dict[str, str], str]:
    """Keep the most connected nodes (and the focus); group the others by kind."""
    kinds = {g.nodes[n].get("kind", "other") for n in order}
    budget = max(1, max_nodes - len(kinds))
    ranked = sorted(order, key=lambda n: (n != focus, -g.degree(n), rank[n]))
    keep = set(ranked[:budget])
    kept = [n for n in order if n in keep]
    group_of = {n: g.nodes[n].get("kind", "other") for n in order if n not in keep}
    notice = (
        f"This view has {len(order):,} nodes and {g.number_of_edges():,} edges, more than "
        f"a browser can lay out readably. It draws the {len(kept):,} most connected nodes "
        f"and groups the other {len(group_of):,} into one grey node per kind. To see any "
        "part in full: ogpgraph export html --around ID --depth 1."
    )
    return kept, group_of, notice
