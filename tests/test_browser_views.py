"""The HTML views in a real browser: Debian's headless Chromium driven by playwright.

Every page is opened from disk (``file://``) with every other request blocked and recorded (none
may be attempted); graph pages must reach a stable layout with the expected number of nodes and
edges and no console error; search, tooltips, the kind filter and the neighbourhood highlight
work; the dashboard's heat map matches ``ogpgraph coverage --format json``; and a graph whose
labels carry script and HTML changes nothing on any page.

Skipped, with the reason, when /usr/bin/chromium or the playwright package is missing (CI
installs both: .ci/run). Never ``playwright install``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
PAGES = ("index.html", "coverage.html", "recommendations.html", "agencies.html", "graph.html")
VIEWS = {
    "coverage.html": "coverage",
    "recommendations.html": "recommendations",
    "agencies.html": "agencies",
    "graph.html": "graph",
}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium; "
    ".ci/run does it): the browser tests of the HTML views need it",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package (test extra) is not installed"
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from disk, recording every request, console error and dialog."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.context = browser.new_context(
            viewport={"width": 1400, "height": 900}, service_workers="block"
        )
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        # every Content-Security-Policy violation, as the page's own event reports it (the
        # init script is injected by the browser, outside the page's policy)
        self.context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation', e =>"
            " window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"
        )
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def stable(self) -> Opened:
        # a selector, not wait_for_function: the pages' CSP forbids eval, which polling uses
        self.page.wait_for_selector("body[data-state=stable]", state="attached", timeout=60_000)
        return self

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def until(self, expression: str, arg: Any = None, timeout: float = 10.0) -> Any:
        """Poll a JS expression until it is truthy (wait_for_function would need eval, which
        the pages' CSP forbids); the last value, for the assertion."""
        import time

        deadline = time.monotonic() + timeout
        value = self.js(expression, arg)
        while not value and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)
            value = self.js(expression, arg)
        return value

    def csp_violations(self) -> list[str]:
        return self.js("window.__csp")

    def assert_clean(self) -> None:
        assert self.csp_violations() == [], "Content-Security-Policy violations"
        assert not [e for e in self.errors if "Content Security Policy" in e]
        assert self.blocked == [], f"non-file requests attempted: {self.blocked}"
        assert [u for u in self.requests if not u.startswith(("file:", "data:"))] == []
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == []

    def close(self) -> None:
        self.context.close()

    def hover_node(self, node_id: str) -> str:
        """Zoom onto a node, move the mouse over it, and return the tooltip's text."""
        self.js(
            "(id) => network.moveTo({position: network.getPosition(id), scale: 2, "
            "animation: false})",
            node_id,
        )
        point = self.js(
            "(id) => { const d = network.canvasToDOM(network.getPosition(id));"
            " const r = document.getElementById('network').getBoundingClientRect();"
            " return {x: r.left + d.x, y: r.top + d.y}; }",
            node_id,
        )
        self.page.mouse.move(point["x"] - 30, point["y"] - 30)
        self.page.mouse.move(point["x"], point["y"], steps=4)
        tooltip = self.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        # plain text: the only elements vis-network's innerText creates are line breaks
        assert self.js(
            "Array.from(document.querySelector('div.vis-tooltip').children)"
            ".every(c => c.tagName === 'BR')"
        )
        return tooltip.inner_text()


# ---------------------------------------------------------------- legibility helpers
#: the smallest label on screen at a page's initial fit (px)
MIN_PX = 11.0

#: every label drawn at the current zoom (nodes' and edges'): its font size on screen and its
#: box on screen
LABELS = """() => {
  const scale = network.getScale();
  const canvas = document.querySelector('#network canvas');
  const found = [];
  for (const id of network.body.nodeIndices) {
    const node = network.body.nodes[id];
    if (node.options.hidden || !node.options.label) { continue; }
    const font = node.options.font.size;
    const scaling = node.options.scaling.label || {};
    const threshold = scaling.drawThreshold === undefined ? 5 : scaling.drawThreshold;
    if (font * scale < threshold - 1) { continue; }  /* vis-network: not drawn */
    const most = scaling.maxVisible === undefined ? Infinity : scaling.maxVisible;
    const px = Math.min(font * scale, most);
    const size = node.labelModule.size;
    const a = network.canvasToDOM({x: size.left, y: size.top});
    const b = network.canvasToDOM({x: size.left + size.width, y: size.top + size.height});
    found.push({id: id, label: node.options.label, px: px, box: [a.x, a.y, b.x, b.y]});
  }
  for (const id of network.body.edgeIndices) {  /* edge labels ("partly addresses") */
    const edge = network.body.edges[id];
    if (edge.options.hidden || !edge.options.label || !edge.labelModule) { continue; }
    const escaling = edge.options.scaling.label || {};
    const ethreshold = escaling.drawThreshold === undefined ? 5 : escaling.drawThreshold;
    if (edge.options.font.size * scale < ethreshold - 1) { continue; }  /* not drawn */
    const size = edge.labelModule.size;
    if (!size || !size.width) { continue; }
    const a = network.canvasToDOM({x: size.left, y: size.top});
    const b = network.canvasToDOM({x: size.left + size.width, y: size.top + size.height});
    found.push({id: id, label: edge.options.label, px: edge.options.font.size * scale,
                box: [a.x, a.y, b.x, b.y], edge: true});
  }
  return {scale: scale, width: canvas.clientWidth, height: canvas.clientHeight, labels: found};
}"""


class Window:
    """The browser, opening contexts with a window of the given size (``Opened`` asks for
    1400×900)."""

    def __init__(self, chromium: Any, width: int, height: int) -> None:
        self.browser = chromium
        self.viewport = {"width": width, "height": height}

    def new_context(self, **options: Any) -> Any:
        return self.browser.new_context(**{**options, "viewport": self.viewport})


def overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(labels):
        ax0, ay0, ax1, ay1 = a["box"]
        for b in labels[i + 1 :]:
            bx0, by0, bx1, by1 = b["box"]
            if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
                pairs.append((a["label"], b["label"]))
    return pairs


def write_pages(kg: Any, folder: Path) -> Path:
    from ogpgraph.build import generate

    folder.mkdir(parents=True, exist_ok=True)
    for name, data in generate(kg).items():
        if name.endswith(".html"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def exports(kg, tmp_path_factory) -> Path:
    return write_pages(kg, tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def hostile_exports(tmp_path_factory) -> Path:
    import shutil

    from ogpgraph.dataset.store import KnowledgeGraph

    root = Path(__file__).resolve().parents[1]
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(root / "ontology", project / "ontology")
    (project / "graph" / "links").mkdir(parents=True)
    shutil.copy(HOSTILE / "hostile.trig", project / "graph" / "hostile.trig")
    shutil.copy(HOSTILE / "links" / "tinz.csv", project / "graph" / "links" / "tinz.csv")
    return write_pages(KnowledgeGraph.load(project), project / "exports")


@pytest.fixture
def opened(browser) -> Iterator[Any]:
    pages: list[Opened] = []

    def open_(path: Path) -> Opened:
        page = Opened(browser, path)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


# ---------------------------------------------------------------- every export
@pytest.mark.parametrize("name", PAGES)
def test_opens_offline_and_renders_everything(opened, exports, kg, name):
    from ogpgraph.pages.artifacts import draw
    from ogpgraph.pages.selections import named_view

    page = opened(exports / name)
    if name == "index.html":
        page.page.wait_for_load_state("load")
        assert page.js("document.querySelectorAll('table.heatmap td.cell').length") > 0
        assert page.js("document.scripts.length") == 0
        page.assert_clean()
        return
    page.stable()
    expected = draw(named_view(kg, VIEWS[name]))
    counts = page.js("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [len(expected.nodes), len(expected.edges)]
    assert counts[0] > 0
    # every node and edge of the data is in vis-network's model (and so drawn)
    assert (
        page.js("Object.keys(network.body.nodes).filter(k => !k.startsWith('edgeId:')).length")
        >= counts[0]
    )
    assert page.js("network.physics.physicsEnabled") is False  # stabilised, then stopped
    assert page.js("document.title").endswith("— ogpgraph")
    assert page.page.is_visible("#legend-kinds") and page.page.is_visible("#search")
    page.assert_clean()


def test_search_focuses_a_node(opened, exports, kg):
    from ogpgraph.analysis.projection import build_view
    from ogpgraph.dataset.resolve import resolve_id

    iri = resolve_id(kg, "commitment-3")
    label = build_view(kg).nodes[iri]["label"]
    page = opened(exports / "coverage.html").stable()
    page.page.fill("#search", "commitment 3")
    page.page.press("#search", "Enter")
    assert page.until("(id) => network.getSelectedNodes()[0] === id", iri)
    # the framing animation (300 ms) ends with the node and all its neighbours in view
    page.page.wait_for_timeout(400)
    outside = page.js(
        "(id) => { const r = document.getElementById('network').getBoundingClientRect();"
        " return [id].concat(network.getConnectedNodes(id)).filter(m => {"
        " const p = network.canvasToDOM(network.getPosition(m));"
        " return p.x < 0 || p.y < 0 || p.x > r.width || p.y > r.height; }); }",
        iri,
    )
    assert outside == []
    assert page.js("network.getSelectedNodes()") == [iri]
    assert page.page.is_visible("#details")
    assert page.page.inner_text("#details-body").startswith(label)
    assert label in page.page.inner_text("#search-status")
    # by identifier too, on another page
    page2 = opened(exports / "graph.html").stable()
    page2.page.fill("#search", "commitment-3")
    page2.page.click("#search-form button")
    assert page2.until("(id) => network.getSelectedNodes()[0] === id", iri)
    assert page2.js("network.getSelectedNodes()") == [iri]
    page.assert_clean()
    page2.assert_clean()


def test_tooltip_shows_the_source_section(opened, exports, kg):
    from ogpgraph.analysis.projection import build_view
    from ogpgraph.dataset.resolve import resolve_id

    iri = resolve_id(kg, "commitment-3")
    attrs = build_view(kg).nodes[iri]
    assert attrs["sources"], "commitment 3 has a source section"
    page = opened(exports / "coverage.html").stable()
    text = page.hover_node(iri)
    lines = text.splitlines()
    assert lines[0] == attrs["label"]
    assert lines[1].startswith("Type: Commitment")
    assert "Source: " + attrs["sources"][0][:60] in text
    page.assert_clean()


def test_click_highlights_the_neighbourhood(opened, exports, kg):
    from ogpgraph.dataset.resolve import resolve_id

    iri = resolve_id(kg, "commitment-3")
    page = opened(exports / "graph.html").stable()
    page.hover_node(iri)  # positions the mouse on the node
    page.page.mouse.down()
    page.page.mouse.up()
    assert page.until("network.body.data.nodes.get().some(n => n.opacity < 1)")
    near = set(page.js("(id) => network.getConnectedNodes(id)", iri)) | {iri}
    opacity = page.js("network.body.data.nodes.get().map(n => [n.id, n.opacity])")
    assert {n for n, o in opacity if o == 1} == near
    assert all(o < 1 for n, o in opacity if n not in near)
    assert page.page.is_visible("#details")
    # clicking the background clears it
    page.js("network.moveTo({position: {x: 100000, y: 100000}, animation: false})")
    page.page.mouse.click(900, 500)
    assert page.until("network.body.data.nodes.get().every(n => n.opacity === 1)")
    page.assert_clean()


def test_filter_by_kind(opened, exports):
    page = opened(exports / "graph.html").stable()
    count = "(k) => network.body.data.nodes.get({filter: n => n.group === k && !n.hidden}).length"
    before = page.js(count, "organisation")
    assert before > 0
    page.page.uncheck('#legend-kinds input[data-kind="organisation"]')
    assert page.js(count, "organisation") == 0
    assert page.js(count, "commitment") > 0
    page.page.check('#legend-kinds input[data-kind="organisation"]')
    assert page.js(count, "organisation") == before
    page.assert_clean()


def test_heat_map_matches_coverage_json(opened, exports, cli, root):
    page = opened(exports / "index.html")
    page.page.wait_for_load_state("load")
    cells = page.js(
        "Array.from(document.querySelectorAll('table.heatmap td.cell')).map(td => "
        "[td.dataset.level, td.dataset.item, td.dataset.concept, td.dataset.state, "
        "td.textContent.trim()[0]])"
    )
    symbols = {"both": "✓", "claimed": "✗", "evidenced": "+", "none": "·"}
    assert all(symbols[state] == symbol for _l, _i, _c, state, symbol in cells)
    for level in ("commitment", "result"):
        result = cli("coverage", "--level", level, "--format", "json", root=root)
        assert result.exit_code == 0, result.output
        expected = [
            [level, c["item"], c["concept"], c["state"]] for c in json.loads(result.output)["cells"]
        ]
        assert [c[:4] for c in cells if c[0] == level] == expected
    page.assert_clean()


def test_export_around_focuses_its_node(opened, cli, root, kg, tmp_path):
    from ogpgraph.dataset.resolve import resolve_id

    out = tmp_path / "around.html"
    result = cli(
        "export", "html", "--around", "commitment-3", "--depth", "1", "-o", str(out), root=root
    )
    assert result.exit_code == 0, result.output
    iri = resolve_id(kg, "commitment-3")
    page = opened(out).stable()
    assert page.until("(id) => network.getSelectedNodes()[0] === id", iri)
    assert page.js("network.getSelectedNodes()") == [iri]
    assert page.page.is_visible("#details")
    page.assert_clean()


def test_large_view_is_capped_with_a_visible_notice(opened, tmp_path):
    import networkx as nx

    from ogpgraph.pages.html import graph_page
    from ogpgraph.pages.visdata import to_vis

    g = nx.MultiDiGraph()
    for i in range(600):
        g.add_node(
            f"n{i}",
            kind=("commitment", "organisation")[i % 2],
            label=f"Node {i}",
            sources=[f"Section {i}"],
        )
        if i:
            g.add_edge(f"n{i}", f"n{(i * 7) % i}", relation="part-of")
    vis = to_vis(g, max_nodes=200)
    path = tmp_path / "big.html"
    path.write_text(graph_page(vis, title="Big", intro="A capped view."), encoding="utf-8")
    page = opened(path).stable()
    assert page.page.is_visible("#notice")
    assert "600 nodes" in page.page.inner_text("#notice")
    assert page.js("network.body.data.nodes.length") == len(vis.nodes) <= 200
    page.assert_clean()


# ---------------------------------------------------------------- hostile labels
@pytest.mark.parametrize("name", PAGES)
def test_hostile_labels_change_nothing(opened, hostile_exports, name):
    page = opened(hostile_exports / name)
    if name == "index.html":
        page.page.wait_for_load_state("load")
    else:
        page.stable()
    page.page.wait_for_timeout(300)
    assert page.js("typeof window.__pwned") == "undefined"
    assert (
        page.js(
            'document.querySelectorAll(\'img, iframe, object, embed, a[href^="javascript"],'
            " [onerror], [onload], body style').length"
        )
        == 0
    )
    assert page.js("document.scripts.length") == (0 if name == "index.html" else 3)
    assert page.page.is_visible("h1")  # the <style>body{display:none}</style> label did nothing
    text = page.page.inner_text("body")
    if name == "index.html":
        assert "<script>window.__pwned='commitment'</script>Commitment 1" in text
        assert "<img src=x onerror=\"window.__pwned='rec'\"> Recommendation one" in text
    page.assert_clean()


def test_hostile_labels_show_as_text_in_search_details_and_tooltips(opened, hostile_exports):
    label = "<script>window.__pwned='commitment'</script>Commitment 1"
    page = opened(hostile_exports / "graph.html").stable()
    page.page.fill("#search", "commitment-1")
    page.page.press("#search", "Enter")
    assert page.until("!document.getElementById('details').hidden")
    details = page.page.inner_text("#details-body")
    assert details.startswith(label)
    assert "{{title}}" in details  # the template placeholder in the description is just text
    text = page.hover_node("https://w3id.org/ogpgraph/nz/commitment/1")
    assert text.splitlines()[0] == label
    assert "Source: Section <img src=x onerror=" in text
    assert page.js("typeof window.__pwned") == "undefined"
    page.assert_clean()


# ---------------------------------------------------------------- links between the same nodes
#: every edge of the page: its ends, style, words and look as vis-network resolved them, and its
#: middle and quarter points on the screen (``edgeType.getPoint``: the curve vis-network draws)
EDGES = """() => network.body.data.edges.get().map(e => {
  const edge = network.body.edges[e.id];
  const on = t => network.canvasToDOM(edge.edgeType.getPoint(t));
  return {id: e.id, from: e.from, to: e.to, s: e.s, label: e.label || null,
          dashes: edge.options.dashes, color: edge.options.color.color,
          arrow: edge.options.arrows.to.enabled ? edge.options.arrows.to.type : null,
          font: edge.options.font.color, width: edge.options.width,
          points: [on(0.25), on(0.5), on(0.75)]};
})"""


@pytest.fixture(scope="module")
def link_exports(tmp_path_factory) -> Path:
    """The pages of a graph where government, TINZ and a third table link the same initiative
    to the same recommendation, with three different relations."""
    import shutil

    from ogpgraph.dataset.store import KnowledgeGraph

    from .fixtures_gaps import parallel_links_files

    root = Path(__file__).resolve().parents[1]
    project = tmp_path_factory.mktemp("links")
    shutil.copytree(root / "ontology", project / "ontology")
    for rel, text in parallel_links_files().items():
        path = project / "graph" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return write_pages(KnowledgeGraph.load(project), project / "exports")


def test_links_between_the_same_nodes_are_apart_distinct_and_legible(browser, link_exports):
    from ogpgraph.model import LINK_RELATIONS, Relation
    from ogpgraph.pages.style import ASSERTER_LOOKS

    page = Opened(Window(browser, 1366, 768), link_exports / "recommendations.html").stable()
    try:
        edges = page.js(EDGES)
        links = [e for e in edges if e["s"].startswith("link|")]
        assert len(links) == 3
        assert len({frozenset((e["from"], e["to"])) for e in links}) == 1, "one pair of nodes"
        by_relation = {e["s"].rsplit("|", 1)[1]: e for e in links}
        assert set(by_relation) == {
            Relation.ADDRESSES,
            Relation.PARTLY_ADDRESSES,
            Relation.DOES_NOT_ADDRESS,
        }

        # (a) drawn apart: the middles at least 15 px from each other on the screen, and the
        # curves apart at their quarter points too (they meet only at the nodes)
        for i, a in enumerate(links):
            for b in links[i + 1 :]:
                gaps = [
                    ((p["x"] - q["x"]) ** 2 + (p["y"] - q["y"]) ** 2) ** 0.5
                    for p, q in zip(a["points"], b["points"], strict=True)
                ]
                assert gaps[1] >= 15, (a["s"], b["s"], gaps)
                assert min(gaps) >= 5, (a["s"], b["s"], gaps)

        # (b) "does not address" looks like neither of the others: its dashes, its end (a bar,
        # not an arrow), its words in their own colour
        negative = by_relation[Relation.DOES_NOT_ADDRESS]
        others = [e for e in links if e is not negative]
        assert negative["arrow"] == "bar"
        assert all(e["arrow"] == "arrow" for e in others)
        assert all(e["dashes"] != negative["dashes"] for e in others)
        assert negative["dashes"] and by_relation[Relation.ADDRESSES]["dashes"] is False
        assert negative["label"] == "\u2715 " + Relation.DOES_NOT_ADDRESS.words
        assert negative["font"] != by_relation[Relation.PARTLY_ADDRESSES]["font"]
        # and who asserts each is told by its colour: three asserters, three colours
        assert len({e["color"] for e in links}) == 3

        # (c) legible: every label drawn at the fit (the edges' words among them) 11 px or more,
        # none over another, all on the canvas
        found = page.js(LABELS)
        drawn = {label["label"] for label in found["labels"] if label.get("edge")}
        assert drawn == {negative["label"], Relation.PARTLY_ADDRESSES.words}
        assert min(label["px"] for label in found["labels"]) >= MIN_PX
        assert overlapping(found["labels"]) == []
        for label in found["labels"]:
            x0, y0, x1, y1 = label["box"]
            assert x0 >= -1 and y0 >= -1, label["label"]
            assert x1 <= found["width"] + 1 and y1 <= found["height"] + 1, label["label"]

        # the legend shows every link relation and every asserter, and the tooltip of the
        # negative link says who, what, the status, when and why
        assert page.js(
            "Array.from(document.querySelectorAll('#legend-links li[data-link-relation]'))"
            ".map(li => li.dataset.linkRelation)"
        ) == [r.value for r in LINK_RELATIONS]
        assert page.js(
            "Array.from(document.querySelectorAll('#legend-links li[data-asserter-style]'))"
            ".map(li => li.dataset.asserterStyle)"
        ) == list(ASSERTER_LOOKS)
        assert page.page.is_visible("#legend-links")
        tip = page.js("(id) => network.body.data.edges.get(id).title", negative["id"])
        assert "Asserted by TINZ (1 February 2016): does not address" in tip
        assert "Rationale: It does not" in tip
        page.assert_clean()
    finally:
        page.close()


# ---------------------------------------------------------------- Content-Security-Policy
def test_a_csp_violation_would_be_seen(opened, tmp_path):
    """The check above can fail: a page whose policy forbids its own inline style reports it."""
    page_file = tmp_path / "bad.html"
    page_file.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'\"><style>body{color:red}</style></head><body>x</body>"
        "</html>",
        encoding="utf-8",
    )
    page = opened(page_file)
    page.page.wait_for_load_state("load")
    assert page.until("window.__csp.length > 0")
    assert page.csp_violations()[0].startswith("style-src")


def test_diff_page_works_under_its_policy(opened, make_project, tmp_path):
    import shutil

    from ogpgraph.diff.compare import diff, render_html

    from .fixtures_gaps import clean_project

    old = clean_project(make_project)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    data = new / "graph" / "test" / "data.trig"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            '"Commitment one"@en', '"<script>window.__pwned=1</script>\\u202E one"@en'
        ),
        encoding="utf-8",
    )
    path = tmp_path / "diff.html"
    path.write_text(render_html(diff(str(old), str(new))), encoding="utf-8")
    page = opened(path)
    page.page.wait_for_load_state("load")
    # the inline style applied (its hash is in the policy): table headers are shaded
    assert (
        page.js("getComputedStyle(document.querySelector('th')).backgroundColor")
        == "rgb(243, 243, 243)"
    )
    assert page.js("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned=1</script><U+202E> one" in page.page.inner_text("body")
    page.assert_clean()
