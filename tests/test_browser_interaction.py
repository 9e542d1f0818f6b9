"""Interaction on the graph pages that cannot leave a wrong picture, in a real browser (Debian's
headless Chromium through playwright, offline, every non-file request blocked; the fixtures of
:mod:`tests.test_browser_views`).

Each node's own look after click-and-reset and after filtering equals its look at load; search
finds acronyms (the graph's ``skos:altLabel``s), names typed without their macrons and whole
words, lists every match and frames the whole neighbourhood; filtering re-fits and recounts;
tooltips close when the pointer leaves; every page, ``export html`` ones included, has the
navigation bar; the node list works from the keyboard; a graph page prints on one A4 landscape
page with its legend; text meets WCAG AA contrast.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

# the fixtures of test_browser_views, imported so that pytest finds them here (used by name as
# test arguments, which ruff reads as redefinitions)
# ruff: noqa: F811
from .test_browser_views import (  # noqa: F401
    CHROMIUM,
    Opened,
    browser,
    exports,
    opened,
    pytestmark,
)

STOP = {"of", "and", "the", "for", "to", "in", "on", "a", "an"}
GRAPH_PAGES = ("coverage.html", "recommendations.html", "agencies.html", "graph.html")

#: each node's resolved look, as vis-network draws it
LOOKS = (
    "Object.fromEntries(network.body.data.nodes.getIds().map(id => {"
    " const o = network.body.nodes[id].options;"
    " return [id, [o.color.background, o.color.border, o.color.highlight.background,"
    " o.color.hover.background, o.font.color, o.font.strokeColor,"
    " typeof o.opacity === 'number' ? o.opacity : 1, !!o.hidden]]; }))"
)


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def _click_node(page: Opened, node_id: str) -> None:
    page.hover_node(node_id)
    page.page.mouse.down()
    page.page.mouse.up()


def _click_background(page: Opened) -> None:
    page.js("network.moveTo({position: {x: 1e6, y: 1e6}, animation: false})")
    box = page.page.locator("#network").bounding_box()
    page.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _search(page: Opened, text: str) -> None:
    page.page.fill("#search", text)
    page.page.press("#search", "Enter")


def _in_view(page: Opened, ids: list[str]) -> list[str]:
    """The ids whose centre is outside the drawing's box on screen."""
    return page.js(
        "(ids) => { const r = document.getElementById('network').getBoundingClientRect();"
        " return ids.filter(id => { const p = network.canvasToDOM(network.getPosition(id));"
        " return p.x < 0 || p.y < 0 || p.x > r.width || p.y > r.height; }); }",
        ids,
    )


def _other_names(kg: Any) -> dict[str, list[str]]:
    from ogpgraph.pages.artifacts import other_names

    return other_names(kg)


# ---------------------------------------------------------------- own look restored
@pytest.mark.parametrize("name", ["recommendations.html", "coverage.html"])
def test_click_and_reset_restore_every_nodes_own_look(opened, exports, name):
    page = opened(exports / name).stable()
    at_load = page.js(LOOKS)
    groups = page.js("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.group]))")
    kind = "recommendation" if name == "recommendations.html" else "commitment"
    target = sorted(n for n, g in groups.items() if g == kind)[0]
    _click_node(page, target)
    assert page.until("(id) => network.getSelectedNodes()[0] === id", target)
    dimmed = page.js(LOOKS)
    near = set(page.js("(id) => network.getConnectedNodes(id)", target)) | {target}
    for node, look in dimmed.items():
        # the fill never changes (the bug: every recommendation turned to the group's purple)
        assert look[:4] == at_load[node][:4], node
        if node in near:
            assert look == at_load[node], node
        else:  # dimmed by opacity, and the label fades too
            assert look[6] < at_load[node][6]
            assert look[4].startswith("rgba(") and float(look[4].split(",")[-1][:-1]) < 0.5
    _click_background(page)
    assert page.until("network.getSelectedNodes().length === 0")
    assert page.js(LOOKS) == at_load
    # a filter and back (the same update path) restores it too
    page.page.uncheck("#legend-kinds input[data-kind]")
    page.page.check("#legend-kinds input[data-kind]")
    assert page.js(LOOKS) == at_load
    page.assert_clean()


def test_recommendation_status_is_written_and_in_the_legend(opened, exports, kg):
    from ogpgraph.model import Status
    from ogpgraph.pages.selections import named_view

    view = named_view(kg, "recommendations").graph
    statuses = {n: a["status"] for n, a in view.nodes(data=True) if a.get("status")}
    assert statuses
    page = opened(exports / "recommendations.html").stable()
    labels = page.js("Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.label]))")
    for node, status in statuses.items():
        assert labels[node].endswith(f"\n({Status(status).label})"), node
    legend = page.js(
        "Array.from(document.querySelectorAll('#legend-statuses li')).map(li => li.textContent.trim())"
    )
    assert legend == [s.label for s in Status]
    page.assert_clean()


def test_edges_between_the_same_nodes_are_drawn_apart_and_links_say_how(opened, exports, kg):
    from ogpgraph.model import Relation
    from ogpgraph.pages.selections import named_view
    from ogpgraph.pages.style import LINK_LOOKS

    view = named_view(kg, "recommendations").graph
    partly = sum(
        1 for _u, _v, d in view.edges(data=True) if d["relation"] == Relation.PARTLY_ADDRESSES
    )
    assert partly > 0
    page = opened(exports / "recommendations.html").stable()
    edges = page.js(
        "network.body.data.edges.get().map(e => { const s = network.body.edges[e.id].options.smooth;"
        " return [e.from, e.to, e.label || null, s.enabled ? s.type + ':' + s.roundness : 'straight']; })"
    )
    pairs: dict[frozenset[str], list[tuple[str, str, str]]] = {}
    for u, v, _label, smooth in edges:
        pairs.setdefault(frozenset((u, v)), []).append((u, v, smooth))
    shared = [p for p in pairs.values() if len(p) > 1]
    assert shared, "the TINZ link and the 'responds to' edge join the same two nodes"
    for group in shared:
        # seen from one end, no two edges of a pair take the same curve
        u0 = group[0][0]
        sides = set()
        for u, _v, smooth in group:
            kind, _, roundness = smooth.partition(":")
            if u != u0:
                kind = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}.get(kind, kind)
            sides.add((kind, roundness))
        assert len(sides) == len(group)
    labels = [label for _u, _v, label, _s in edges if label]
    assert labels.count(LINK_LOOKS[Relation.PARTLY_ADDRESSES].mark) == partly
    assert set(labels) <= {look.mark for look in LINK_LOOKS.values() if look.mark}
    assert Relation.ADDRESSES.words not in labels  # the plain line says "addresses"
    page.assert_clean()


# ---------------------------------------------------------------- search
def test_search_finds_acronyms_from_the_graphs_other_names(opened, exports, kg):
    names = _other_names(kg)
    page = opened(exports / "agencies.html").stable()
    drawn = set(page.js("network.body.data.nodes.getIds()"))
    tried = []
    for acronym in ("SSC", "LINZ", "TINZ"):
        owners = [n for n, alts in names.items() if acronym in alts and n in drawn]
        if not owners:
            continue
        assert len(owners) == 1, (acronym, owners)
        tried.append(acronym)
        _search(page, acronym.lower())
        assert page.until("(id) => network.getSelectedNodes()[0] === id", owners[0]), acronym
        # whole words (or a name's initials) only: a name that merely contains the letters
        # ("Civics and Media Project" for DIA) is not listed
        listed = page.js(
            "Array.from(document.querySelectorAll('#matches button')).map(b => b.dataset.node)"
        )
        for other in listed:
            label = page.js("(id) => network.body.data.nodes.get(id).title.split('\\n')[0]", other)
            words = re.split(r"[^a-z0-9]+", _fold(" ".join([label, *names.get(other, [])])))
            initials = "".join(
                w[0] for w in re.split(r"[^a-z0-9]+", _fold(label)) if w and w not in STOP
            )
            assert acronym.lower() in words or initials == acronym.lower(), (acronym, label)
    assert {"SSC", "LINZ"} <= set(tried)
    # an acronym the report never writes is no other name, but still finds its organisation by
    # the initials of its name (Department of Internal Affairs)
    assert not [n for n, alts in names.items() if "DIA" in alts]
    dia = [
        n
        for n in drawn
        if page.js("(id) => network.body.data.nodes.get(id).title.split('\\n')[0]", n)
        == "Department of Internal Affairs"
    ]
    assert len(dia) == 1
    _search(page, "dia")
    assert page.until("(id) => network.getSelectedNodes()[0] === id", dia[0])
    page.assert_clean()


def test_search_ignores_macrons_and_frames_the_neighbourhood(opened, exports, kg):
    from ogpgraph.pages.selections import named_view

    view = named_view(kg, "agencies").graph
    target = next(
        n
        for n, a in view.nodes(data=True)
        if _fold(a["label"]) != a["label"].lower() and a["kind"] == "organisation"
    )
    typed = _fold(view.nodes[target]["label"])  # e.g. "ngapuhi iwi social services"
    page = opened(exports / "agencies.html").stable()
    scale = page.js("network.getScale()")
    _search(page, typed.upper())
    assert page.until("(id) => network.getSelectedNodes()[0] === id", target)
    page.page.wait_for_timeout(400)  # the 300 ms framing animation
    near = page.js("(id) => network.getConnectedNodes(id)", target)
    assert near, "an organisation with neighbours"
    assert _in_view(page, [target, *near]) == []
    assert page.js("network.getScale()") != scale
    assert page.page.is_visible("#details")
    page.assert_clean()


def test_search_lists_every_match_of_a_partial_name(opened, exports, kg):
    from ogpgraph.pages.selections import named_view

    view = named_view(kg, "agencies").graph
    word = "ngapuhi"  # written Ngāpuhi in the graph
    expected = {
        n
        for n, a in view.nodes(data=True)
        if word in re.split(r"[^a-z0-9]+", _fold(a["label"]))
        or any(word in re.split(r"[^a-z0-9]+", _fold(x)) for x in _other_names(kg).get(n, []))
    }
    assert len(expected) >= 3
    page = opened(exports / "agencies.html").stable()
    _search(page, "Ngapuhi")
    listed = page.js(
        "Array.from(document.querySelectorAll('#matches button')).map(b => b.dataset.node)"
    )
    assert set(listed) == expected
    assert page.page.is_visible("#matches")
    assert "matches" in page.page.inner_text("#search-status")
    assert page.js("network.getSelectedNodes()") == []  # nothing chosen for the reader
    # picking one selects it
    page.page.click(f'#matches button[data-node="{listed[1]}"]')
    assert page.until("(id) => network.getSelectedNodes()[0] === id", listed[1])
    # and something that is nowhere says so
    _search(page, "zzqx")
    assert "Nothing matches" in page.page.inner_text("#search-status")
    page.assert_clean()


# ---------------------------------------------------------------- filter, tooltip, keyboard
def test_filter_refits_and_recounts(opened, exports):
    page = opened(exports / "coverage.html").stable()
    counts = page.page.inner_text("#counts")
    view = page.js("[network.getScale(), network.getViewPosition()]")
    total = page.js("network.body.data.nodes.length")
    page.page.uncheck('#legend-kinds input[data-kind="case-study"]')
    shown = page.js("network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert 0 < len(shown) < total
    assert page.js("[network.getScale(), network.getViewPosition()]") != view
    assert _in_view(page, shown) == []
    text = page.page.inner_text("#counts")
    assert text != counts
    assert text.startswith(f"{len(shown)} of {total} nodes")
    assert "hidden: Case study" in text
    assert page.js(
        "Array.from(document.querySelectorAll('#node-list li[data-kind=\"case-study\"]'))"
        ".every(li => li.hidden)"
    )
    page.page.check('#legend-kinds input[data-kind="case-study"]')
    assert page.page.inner_text("#counts") == counts
    page.assert_clean()


def test_tooltip_closes_when_the_pointer_leaves(opened, exports, kg):
    from ogpgraph.dataset.resolve import resolve_id

    page = opened(exports / "coverage.html").stable()
    page.hover_node(resolve_id(kg, "commitment-3"))
    assert page.page.is_visible("div.vis-tooltip")
    page.page.mouse.move(5, 5, steps=3)  # over the page header, off the drawing
    page.page.wait_for_timeout(500)  # longer than the tooltip delay
    assert not page.page.is_visible("div.vis-tooltip")
    page.assert_clean()


def test_keyboard_tab_to_the_node_list_and_enter_selects(opened, exports):
    page = opened(exports / "recommendations.html").stable()
    page.page.focus("#legend-kinds li:last-child input")
    page.page.keyboard.press("Tab")
    first = page.js(
        "document.activeElement.closest('#node-list') && document.activeElement.dataset.node"
    )
    assert first
    page.page.keyboard.press("Tab")
    second = page.js("document.activeElement.dataset.node")
    assert second and second != first
    page.page.keyboard.press("Enter")
    assert page.until("(id) => network.getSelectedNodes()[0] === id", second)
    assert page.page.is_visible("#details")
    # the list holds every drawn node, once
    listed = page.js(
        "Array.from(document.querySelectorAll('#node-list button')).map(b => b.dataset.node)"
    )
    ids = page.js(
        "network.body.data.nodes.get({filter: n => n.group !== 'aggregate'}).map(n => n.id)"
    )
    assert sorted(listed) == sorted(ids)
    page.assert_clean()


# ---------------------------------------------------------------- every page finds its way home
def test_export_html_pages_have_the_navigation_bar(opened, cli, root, tmp_path):
    from ogpgraph.pages.html import NAV

    around = tmp_path / "around.html"
    result = cli("export", "html", "--around", "commitment-3", "-o", str(around), root=root)
    assert result.exit_code == 0, result.output
    query = tmp_path / "q.rq"
    query.write_text(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>\n"
        "CONSTRUCT { ?o ogp:leadAgency ?a } WHERE { ?o ogp:leadAgency ?a }",
        encoding="utf-8",
    )
    queried = tmp_path / "query.html"
    result = cli("export", "html", "--query", str(query), "-o", str(queried), root=root)
    assert result.exit_code == 0, result.output
    for path in (around, queried):
        page = opened(path).stable()
        links = page.js(
            "Array.from(document.querySelectorAll('header nav a')).map(a => [a.getAttribute('href'), a.textContent])"
        )
        assert links == [list(x) for x in NAV]
        assert page.js("document.documentElement.lang") == "en"
        page.assert_clean()


# ---------------------------------------------------------------- print
@pytest.mark.parametrize("name", GRAPH_PAGES)
def test_graph_page_prints_on_one_landscape_page_with_its_legend(opened, exports, name):
    page = opened(exports / name).stable()
    pdf = page.page.pdf(prefer_css_page_size=True, print_background=True)
    pages = re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)
    assert len(pages) == 1, f"{name} prints on {len(pages)} pages"
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box and float(box.group(1)) > float(box.group(2))  # landscape
    assert abs(float(box.group(1)) - 841.89) < 2  # A4
    page.page.emulate_media(media="print")
    assert page.page.is_visible("#legend-kinds") and page.page.is_visible("#network canvas")
    assert not page.page.is_visible("#search-form") and not page.page.is_visible("#node-list")
    page.assert_clean()


# ---------------------------------------------------------------- contrast
CONTRAST = """() => {
  function rgb(s) { const m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }
  function lum(c) { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
  function background(el) {
    for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c[3] > 0.5) { return c; } }
    return [255, 255, 255, 1];
  }
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) { continue; }
    const r = el.getBoundingClientRect(); if (!r.width || !r.height || el.closest('[hidden], .vis-tooltip')) { continue; }
    const l1 = lum(rgb(getComputedStyle(el).color)), l2 = lum(background(el));
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) { bad.push(el.tagName + ' ' + el.textContent.trim().slice(0, 40) + ' ' + ratio.toFixed(2)); }
  }
  return bad;
}"""


@pytest.mark.parametrize("name", GRAPH_PAGES)
def test_text_meets_wcag_aa_contrast(opened, exports, name):
    page = opened(exports / name).stable()
    assert page.js("document.documentElement.lang") == "en"
    assert page.js(CONTRAST) == []
    page.assert_clean()


# ---------------------------------------------------------------- fixed positions
def test_works_with_given_positions_and_no_physics(opened, tmp_path):
    """Positions computed in Python and physics off: the page is stable at once, keeps the
    positions, and selection, reset and filtering behave as with a layout it computes."""
    import json

    import networkx as nx

    from ogpgraph.pages.html import graph_page
    from ogpgraph.pages.visdata import to_vis

    g = nx.MultiDiGraph()
    for i in range(12):
        kind = ("commitment", "organisation", "recommendation")[i % 3]
        extra = {"status": "met"} if kind == "recommendation" else {}
        g.add_node(f"n{i}", kind=kind, label=f"Node {i}", sources=[], **extra)
    for i in range(1, 12):
        g.add_edge(f"n{i}", f"n{i // 2}", relation="part-of")
    g.add_edge("n2", "n1", relation="responds-to")  # a second edge between n1 and n2
    vis = to_vis(g)
    html = graph_page(vis, title="Fixed", intro="Given positions.")
    block = re.search(r'(<script type="application/json" id="graph-data">)(.*?)(</script>)', html)
    data = json.loads(block.group(2))
    positions = {n["id"]: (100 * (i % 4), 80 * (i // 4)) for i, n in enumerate(data["nodes"])}
    for node in data["nodes"]:
        node["x"], node["y"] = positions[node["id"]]
    data["options"]["physics"] = {"enabled": False}
    text = json.dumps(data).replace("<", "\\u003c")
    path = tmp_path / "fixed.html"
    path.write_text(html[: block.start(2)] + text + html[block.end(2) :], encoding="utf-8")
    page = opened(path).stable()
    got = page.js("network.getPositions()")
    assert {k: (round(v["x"]), round(v["y"])) for k, v in got.items()} == positions
    at_load = page.js(LOOKS)
    page.js("ogpFocus('n1', false)")
    assert page.js("network.getSelectedNodes()") == ["n1"]
    assert page.js(LOOKS) != at_load
    page.page.click("#clear")
    assert page.js(LOOKS) == at_load
    page.page.uncheck('#legend-kinds input[data-kind="organisation"]')
    assert "hidden: Organisation" in page.page.inner_text("#counts")
    after = page.js("network.getPositions()")  # the hidden ones are left out
    assert after and all(got[k] == v for k, v in after.items())  # filtering moves nothing
    page.assert_clean()
