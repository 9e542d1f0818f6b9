"""Node positions computed in Python (:mod:`ogpgraph.pages.layout`): deterministic, in the layers
each page asks for, labels wrapped at word boundaries and unique, no two label boxes overlapping,
and a fit that keeps every label readable on a 1366×768 screen (or an overview when it cannot)."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

VIEWS = ("coverage", "recommendations", "agencies", "graph")


@pytest.fixture(scope="module")
def drawn(kg):
    from ogpgraph.pages.artifacts import draw
    from ogpgraph.pages.selections import named_view

    return {name: (named_view(kg, name), draw(named_view(kg, name))) for name in VIEWS}


def _words(text: str) -> list[str]:
    """The words of a label, without the ellipsis and the colon of a short title."""
    return [w.rstrip(":") for w in text.split() if w != "…"]


def _rects(vis) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each drawn label's box (canvas units, as the layout estimates it) at the fit."""
    from ogpgraph.pages import layout as L

    placed = vis.layout
    found = []
    for node in vis.nodes:
        n = node["id"]
        font = placed.hubs.get(n, L.FONT)
        if placed.overview and n not in placed.hubs:
            continue  # drawn only once zoomed in (checked separately)
        found.append((n, L._label_rect(placed, n, node["label"], font)))
    return found


def _overlaps(rects) -> list[tuple[str, str]]:
    found = []
    for i, (a, r) in enumerate(rects):
        for b, s in rects[i + 1 :]:
            if r[0] < s[2] and s[0] < r[2] and r[1] < s[3] and s[1] < r[3]:
                found.append((a, b))
    return found


# ---------------------------------------------------------------- labels
def test_wrap_breaks_only_at_spaces():
    from ogpgraph.pages.layout import LINE_WIDTH, text_width, wrap

    text = "Result 6: Increase the number of 24 to 35 year-olds with advanced trade qualifications"
    lines = wrap(text)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(text_width(line) <= LINE_WIDTH for line in lines)
    assert wrap("Supercalifragilisticexpialidocious" * 3) == [
        "Supercalifragilisticexpialidocious" * 3
    ]


def test_long_labels_become_a_short_title_or_end_after_a_whole_word():
    from ogpgraph.pages.layout import MAX_LINES, label_forms

    text = (
        "Result 5: Increase the proportion of 18-years old with National Certificate of "
        "Educational Achievement (NCEA) Level 2 or equivalent qualification"
    )
    forms = label_forms(text)
    assert forms[0] == "Result 5"
    assert forms[1].endswith(" …") and forms[1].count("\n") == MAX_LINES - 1
    for form in forms:
        full = _words(text)
        shown = _words(form)
        assert shown == full[: len(shown)], "words kept whole and in order"
    # no head: cut after a whole word
    event = (
        "Department of Internal Affairs research on the views of people living in New Zealand "
        "as online users of government services (late 2013)"
    )
    (only,) = label_forms(event)[:1]
    assert only.endswith(" …") and _words(only) == event.split()[: len(_words(only))]


def test_visible_labels_are_unique(drawn):
    for name, (_selection, vis) in drawn.items():
        labels = [n["label"] for n in vis.nodes]
        assert len(set(labels)) == len(labels), name


def test_no_label_is_cut_inside_a_word(drawn):
    for _name, (_selection, vis) in drawn.items():
        for node in vis.nodes:
            full = _words(node["title"].split("\n")[0])
            lines = [x for x in node["label"].split("\n") if not re.fullmatch(r"\(.*\)", x)]
            shown = _words(" ".join(lines))
            for word in shown:
                assert word in full, (node["label"], full)


# ---------------------------------------------------------------- positions
def test_positions_are_the_same_every_time(kg, drawn):
    from ogpgraph.pages.artifacts import draw
    from ogpgraph.pages.selections import named_view

    for name in VIEWS:
        again = draw(named_view(kg, name))
        first = drawn[name][1]
        assert json.dumps(again.nodes, sort_keys=True) == json.dumps(first.nodes, sort_keys=True)
        assert all(isinstance(n["x"], float) and "fixed" not in n for n in first.nodes)


def test_coverage_is_layered_results_items_concepts_case_studies(drawn):
    _selection, vis = drawn["coverage"]
    group_x: dict[str, list[float]] = {}
    for node in vis.nodes:
        group_x.setdefault(node["group"], []).append(node["x"])
    order = [
        ["result"],
        ["commitment", "focus-area"],
        ["principle", "challenge"],
        ["case-study"],
    ]
    for left, right in zip(order, order[1:], strict=False):
        assert max(x for g in left for x in group_x[g]) < min(x for g in right for x in group_x[g])


def test_recommendations_hierarchy_and_the_twelve_assessed_pillars(drawn):
    selection, vis = drawn["recommendations"]
    x = {n["id"]: n["x"] for n in vis.nodes}
    kind = {n["id"]: n["group"] for n in vis.nodes}
    pillars = [n for n in vis.nodes if n["group"] == "pillar"]
    assert len(pillars) == 12
    assert "Anti-corruption Agencies" not in {n["title"].split("\n")[0] for n in pillars}
    assert "Not drawn: Anti-corruption Agencies" in selection.intro
    recs = [n for n in x if kind[n] == "recommendation"]
    # recommendation -> linked action -> commitment, left to right
    for u, v, d in selection.graph.edges(data=True):
        if d.get("relation") == "responds-to" and v in recs and kind[u] != "commitment":
            assert x[u] > max(x[r] for r in recs)
    commitments = [n for n in x if kind[n] == "commitment"]
    assert commitments and min(x[c] for c in commitments) > max(x[r] for r in recs)
    assert max(x[p["id"]] for p in pillars) < min(x[r] for r in recs)


def test_agencies_organisations_beside_what_they_lead(drawn):
    _selection, vis = drawn["agencies"]
    x = {n["id"]: n["x"] for n in vis.nodes}
    plan = [n["id"] for n in vis.nodes if n["group"] in ("commitment", "focus-area", "result")]
    orgs = [n["id"] for n in vis.nodes if n["group"] == "organisation"]
    others = [n["id"] for n in vis.nodes if n["group"] in ("initiative", "document", "event")]
    assert max(x[n] for n in plan) < min(x[o] for o in orgs)
    assert max(x[o] for o in orgs) < min(x[n] for n in others)


@pytest.mark.parametrize("name", VIEWS)
def test_no_two_labels_drawn_at_the_fit_overlap(drawn, name):
    _selection, vis = drawn[name]
    assert _overlaps(_rects(vis)) == []


@pytest.mark.parametrize("name", VIEWS)
def test_labels_read_at_the_fit(drawn, name):
    from ogpgraph.pages import layout as L

    _selection, vis = drawn[name]
    assert vis.layout.min_px >= L.MIN_PX
    if vis.layout.overview:
        assert vis.layout.hubs, "an overview labels its most connected nodes"
        # every other label is drawn only from the zoom at which it is MIN_PX tall or more
        for node in vis.nodes:
            if node["id"] not in vis.layout.hubs:
                threshold = node["scaling"]["label"]["drawThreshold"]
                assert threshold - 1 >= L.MIN_PX


def test_small_pages_draw_every_label(drawn):
    assert not drawn["coverage"][1].layout.overview
    assert not drawn["recommendations"][1].layout.overview


def test_barycentre_order_untangles_two_layers():
    from ogpgraph.pages.layout import order_layers

    left = ["a", "b", "c", "d"]
    right = ["w", "x", "y", "z"]
    pairs = [("a", "z"), ("b", "y"), ("c", "x"), ("d", "w")]
    neighbours: dict[str, list[str]] = {}
    for u, v in pairs:
        neighbours.setdefault(u, []).append(v)
        neighbours.setdefault(v, []).append(u)
    layers = [left[:], right[:]]
    order_layers(layers, neighbours)
    pos = {n: i for layer in layers for i, n in enumerate(layer)}
    crossings = sum(
        1
        for i, (a, b) in enumerate(pairs)
        for c, d in pairs[i + 1 :]
        if (pos[a] - pos[c]) * (pos[b] - pos[d]) < 0
    )
    assert crossings == 0


def test_a_tall_layer_is_folded_into_columns():
    from ogpgraph.pages.layout import layered

    nodes = [{"id": f"n{i}", "label": f"Node {i}"} for i in range(60)]
    placed = layered(nodes, [], [[n["id"] for n in nodes]])
    columns = {x for x, _y in placed.positions.values()}
    assert len(columns) > 1
    flat = layered(nodes, [], [[n["id"] for n in nodes]], canvas=(200.0, 100000.0))
    assert len({x for x, _y in flat.positions.values()}) == 1  # a narrow, tall canvas: one column


def test_a_large_graph_opens_on_an_overview_quickly_enough_to_matter():
    from ogpgraph.pages import layout as L
    from ogpgraph.pages.visdata import to_vis

    g = nx.MultiDiGraph()
    for i in range(3000):
        g.add_node(f"n{i}", kind=("commitment", "organisation", "result")[i % 3], label=f"Node {i}")
        if i:
            g.add_edge(f"n{i}", f"n{(i * 7) % i}", relation="part-of")
    vis = to_vis(g, max_nodes=10**9)
    assert vis.layout.overview and vis.layout.hubs
    assert vis.layout.min_px >= L.MIN_PX
    assert _overlaps(_rects(vis)) == []
    positions = {(n["x"], n["y"]) for n in vis.nodes}
    assert len(positions) == len(vis.nodes)  # no two nodes on the same spot


def test_the_unassessed_pillar_is_marked_on_the_whole_graph(drawn):
    _selection, vis = drawn["graph"]
    pillars = {n["title"].split("\n")[0]: n for n in vis.nodes if n["group"] == "pillar"}
    assert len(pillars) == 13
    marked = [name for name, n in pillars.items() if "(not assessed)" in n["label"]]
    assert marked == ["Anti-corruption Agencies"]
    assert pillars["Anti-corruption Agencies"]["title"].split("\n")[1] == "Not assessed."
