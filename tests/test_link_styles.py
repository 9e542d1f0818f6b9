"""How recommendation links are drawn, without a browser: one look per link relation of the
model (a new relation gets the default look), one colour per asserter, the legend and the intro
made from the same declaration, tooltips that say who, what, the status, when and why, and edges
between the same two nodes bent apart (deterministically) by :func:`.layout.parallel_curves`.
The browser side is in ``test_browser_views.py``."""

from __future__ import annotations

import math
import re

import networkx as nx
import pytest

from ogpgraph.model import LINK_RELATIONS, Relation
from ogpgraph.pages import layout, style

REC, ITEM = "https://w3id.org/ogpgraph/t/rec", "https://w3id.org/ogpgraph/t/item"


def _links_graph(*links: tuple[str, str, str]) -> nx.MultiDiGraph:
    """An initiative linked to a recommendation by each (asserter, relation, date)."""
    g = nx.MultiDiGraph()
    g.add_node(REC, kind="recommendation", label="Recommendation one", sources=[])
    g.add_node(ITEM, kind="initiative", label="An initiative", sources=[])
    for asserter, relation, at in links:
        g.add_edge(
            ITEM,
            REC,
            key=f"{asserter}|{relation}",
            relation=relation,
            asserted_by=asserter,
            status="",
            rationale=f"{asserter} says so",
            at=at,
        )
    return g


# ---------------------------------------------------------------- one declaration
def test_every_link_relation_is_drawn_its_own_way():
    looks = [style.link_look(r) for r in LINK_RELATIONS]
    drawn = [(look.dashes, look.arrow, look.width, look.fade) for look in looks]
    assert len(set(drawn)) == len(drawn), "two link relations look alike"
    assert [r for r, _edge in style.relation_legend()] == list(LINK_RELATIONS)
    # a relation without a look of its own (one the model adds later) gets the default one,
    # which looks like none of the declared ones
    assert style.link_look("is-linked-to-something-new") is style.DEFAULT_LINK_LOOK
    default = style.DEFAULT_LINK_LOOK
    for look in style.LINK_LOOKS.values():
        assert (look.dashes, look.arrow, look.width) != (
            default.dashes,
            default.arrow,
            default.width,
        )
    assert set(style.LINK_LOOKS) <= set(LINK_RELATIONS)


def test_does_not_address_is_drawn_as_a_negative():
    negative = style.edge_style(style.link_style(Relation.DOES_NOT_ADDRESS, "tinz"))
    assert negative.arrow == "bar" and negative.dashes
    assert negative.mark == "\u2715 " + Relation.DOES_NOT_ADDRESS.words
    assert negative.vis()["arrows"]["to"]["type"] == "bar"
    assert negative.vis()["font"]["color"] == negative.mark_color != "#222222"
    for relation in (Relation.ADDRESSES, Relation.PARTLY_ADDRESSES):
        other = style.edge_style(style.link_style(relation, "tinz"))
        assert other.arrow == "arrow" and other.dashes != negative.dashes
    assert style.link_look(Relation.PARTLY_ADDRESSES).mark == Relation.PARTLY_ADDRESSES.words
    assert style.link_look(Relation.ADDRESSES).mark is None


@pytest.mark.parametrize("relation", LINK_RELATIONS)
def test_a_link_takes_its_colour_from_its_asserter_and_its_line_from_its_relation(relation):
    look = style.link_look(relation)
    colours = set()
    for table, name in (("government", "asserted-government"), ("tinz", "asserted-tinz")):
        edge = style.edge_style(style.link_style(relation, table))
        assert (edge.dashes, edge.arrow, edge.width) == (look.dashes, look.arrow, look.width)
        if not look.fade:
            assert edge.color == style.ASSERTER_LOOKS[name].color
        colours.add(edge.color)
        assert relation.words in edge.label and style.ASSERTER_LOOKS[name].who in edge.label
    assert len(colours) == 2
    assert style.asserter_style("a-third-table") == "asserted-other"


def test_a_new_relation_is_drawn_with_the_default_look_and_named_in_words():
    from ogpgraph.pages.html import graph_page
    from ogpgraph.pages.visdata import to_vis

    vis = to_vis(_links_graph(("tinz", "is-linked-to", "2016")))
    (edge,) = vis.edges
    assert "label" not in edge  # the default look carries no words
    drawn = style.edge_style(edge["s"])
    assert drawn.width == style.DEFAULT_LINK_LOOK.width
    assert drawn.color != style.ASSERTER_LOOKS["asserted-tinz"].color  # lighter
    page = graph_page(vis, title="t", intro="i")
    assert json_data(page)["edgeStyles"][edge["s"]]["width"] == style.DEFAULT_LINK_LOOK.width


def test_the_legend_shows_every_relation_and_asserter_when_links_are_drawn():
    from ogpgraph.pages.html import graph_page
    from ogpgraph.pages.visdata import to_vis

    page = graph_page(to_vis(_links_graph(("tinz", "addresses", "2016"))), title="t", intro="i")
    assert re.findall(r'data-link-relation="([^"]+)"', page) == [r.value for r in LINK_RELATIONS]
    assert re.findall(r'data-asserter-style="([^"]+)"', page) == list(style.ASSERTER_LOOKS)
    assert '<div id="legend-links">' in page and "<h2>Other edges</h2>" in page
    # the negative relation's swatch ends in a bar, and its words are those drawn on the line
    item = re.search(r'<li data-link-relation="does-not-address">(.*?)</li>', page).group(1)
    assert "stroke-dasharray" in item and item.count("<line") == 2
    assert item.endswith("\u2715 does not address")
    # no link, no link legend
    g = nx.MultiDiGraph()
    g.add_node("a", kind="commitment", label="A", sources=[])
    g.add_node("b", kind="commitment", label="B", sources=[])
    g.add_edge("a", "b", relation="part-of")
    plain = graph_page(to_vis(g), title="t", intro="i")
    assert '<div id="legend-links" hidden>' in plain and "<h2>Edges</h2>" in plain
    assert "data-link-relation" not in plain


def test_the_recommendations_intro_says_how_links_are_drawn(kg):
    from ogpgraph.pages.selections import named_view

    intro = named_view(kg, "recommendations").intro
    assert style.link_key_words() in intro
    for relation in LINK_RELATIONS:
        assert f"{style.link_look(relation).drawn}, {relation.words}" in intro
    for look in style.ASSERTER_LOOKS.values():
        assert f"{look.color_name}, {look.who}" in intro


def test_a_link_tooltip_says_who_what_status_when_and_why():
    from ogpgraph.pages.visdata import edge_tooltip

    tip = edge_tooltip(
        "An initiative",
        "Recommendation one",
        {
            "relation": "does-not-address",
            "asserted_by": "tinz",
            "status": "not-started",
            "rationale": "It does not",
            "at": "2016-02-01",
        },
    )
    head, detail, why = tip.splitlines()
    assert head == "An initiative — does not address → Recommendation one"
    assert detail == "Asserted by TINZ (1 February 2016): does not address; status: Not started"
    assert why == "Rationale: It does not"


# ---------------------------------------------------------------- edges between the same nodes
def _middle(a: tuple[float, float], b: tuple[float, float], smooth: dict) -> tuple[float, float]:
    """The middle of the curve vis-network draws (its ``_getViaCoordinates`` for curvedCW and
    curvedCCW, then the quadratic Bézier at 0.5)."""
    r = smooth["roundness"]
    dx, dy = b[0] - a[0], a[1] - b[1]
    length = math.hypot(dx, dy)
    turn = (0.5 * r + 0.5) if smooth["type"] == "curvedCW" else (-0.5 * r + 0.5)
    angle = (math.atan2(dy, dx) + turn * math.pi) % (2 * math.pi)
    via = (
        a[0] + (0.5 * r + 0.5) * length * math.sin(angle),
        a[1] + (0.5 * r + 0.5) * length * math.cos(angle),
    )
    return (
        0.25 * a[0] + 0.5 * via[0] + 0.25 * b[0],
        0.25 * a[1] + 0.5 * via[1] + 0.25 * b[1],
    )


@pytest.mark.parametrize("end", [(300.0, 0.0), (-300.0, 40.0), (10.0, 260.0), (200.0, -200.0)])
def test_parallel_edges_bend_apart_with_their_words_clear(end):
    positions = {"a": (0.0, 0.0), "b": end, "c": (500.0, 500.0)}
    edges = [
        {"id": "e0", "from": "a", "to": "b"},
        {"id": "e1", "from": "b", "to": "a", "label": "\u2715 does not address"},
        {"id": "e2", "from": "a", "to": "b", "label": "partly addresses"},
        {"id": "e3", "from": "b", "to": "a"},
        {"id": "e4", "from": "a", "to": "c"},  # alone: drawn as the page draws any edge
    ]
    curves = layout.parallel_curves(edges, positions)
    assert set(curves) == {"e0", "e1", "e2", "e3"}
    middles = {
        e["id"]: _middle(positions[e["from"]], positions[e["to"]], curves[e["id"]])
        for e in edges
        if e["id"] in curves
    }
    ids = sorted(middles)
    for i, p in enumerate(ids):
        for q in ids[i + 1 :]:
            assert math.dist(middles[p], middles[q]) >= layout.PARALLEL_GAP - 0.5, (p, q)
    # the first words on the straight line, the next above it, the edges without words below
    (ax, ay), (bx, by) = positions["a"], positions["b"]

    def above(point: tuple[float, float]) -> float:  # distance from the chord, up the screen
        length = math.hypot(bx - ax, by - ay)
        nx, ny = (by - ay) / length, -(bx - ax) / length
        if ny > 0 or (ny == 0 and nx < 0):
            nx, ny = -nx, -ny
        return (point[0] - ax) * nx + (point[1] - ay) * ny

    assert curves["e1"]["roundness"] == 0 and above(middles["e1"]) == pytest.approx(0, abs=1e-6)
    assert above(middles["e2"]) >= layout.PARALLEL_GAP - 0.5
    assert max(above(middles["e0"]), above(middles["e3"])) <= -layout.PARALLEL_GAP + 0.5
    assert layout.parallel_curves(edges, positions) == curves  # the same every time


def test_roundness_is_the_inverse_of_the_bend():
    for share in (0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.45):
        r = layout.roundness_for(share)
        assert (1 + r) * math.sin(r * math.pi / 2) / 4 == pytest.approx(share, abs=2e-3)
    assert layout.roundness_for(0.9) == 1.0


def test_pages_carry_the_curves_and_are_the_same_whatever_the_insertion_order():
    from ogpgraph.pages.html import json_for_script
    from ogpgraph.pages.visdata import to_vis

    links = [
        ("government", "addresses", "2016-01"),
        ("tinz", "does-not-address", "2016-02-01"),
        ("watchdog", "partly-addresses", "2016-03"),
    ]
    a = to_vis(_links_graph(*links))
    b = to_vis(_links_graph(*reversed(links)))
    assert json_for_script(a.edges) == json_for_script(b.edges)
    smooth = [(e["smooth"]["type"], e["smooth"]["roundness"]) for e in a.edges]
    assert len(set(smooth)) == 3
    assert {e.get("label") for e in a.edges} == {
        None,
        Relation.PARTLY_ADDRESSES.words,
        "\u2715 " + Relation.DOES_NOT_ADDRESS.words,
    }


def json_data(page: str) -> dict:
    from .test_views import graph_data

    return graph_data(page)
