"""HTML views without a browser: self-contained, escaped, deterministic, built and checked by
``ogpgraph build``, drawn by ``ogpgraph export html``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

GRAPH_PAGES = ("coverage.html", "recommendations.html", "agencies.html", "graph.html")
#: every page of the build: the dashboard, the graph pages, the side-by-side report, the timeline,
#: the vocabulary
HTML_PAGES = (
    "index.html",
    *GRAPH_PAGES,
    "recommendations-report.html",
    "timeline.html",
    "ontology.html",
)
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"

#: an external reference: an absolute or protocol-relative URL in src/href/… or CSS url()/@import
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|formaction|poster|srcset|data|xlink:href)\s*=\s*["']?\s*"""
    r"""(?:https?:)?//)|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


def graph_data(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.DOTALL
    )
    assert match, "no graph data block"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def outputs(kg):
    from ogpgraph.build import generate

    return {name: data for name, data in generate(kg).items() if name.endswith(".html")}


def hostile_project(make_project, **kwargs) -> Path:
    return make_project(
        {
            "hostile.trig": (HOSTILE / "hostile.trig").read_text(encoding="utf-8"),
            "links/tinz.csv": (HOSTILE / "links" / "tinz.csv").read_text(encoding="utf-8"),
        },
        name="hostile",
        **kwargs,
    )


def test_build_registers_every_page():
    from ogpgraph.build import artifacts

    names = [a.name for a in artifacts()]
    for page in HTML_PAGES:
        assert page in names


@pytest.mark.parametrize("name", HTML_PAGES)
def test_no_external_reference(outputs, name):
    page = outputs[name].decode("utf-8")
    assert not EXTERNAL.findall(page)
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page)
    assert "bootstrap" not in page.lower()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


@pytest.mark.parametrize("name", GRAPH_PAGES)
def test_graph_page_is_self_contained(outputs, name):
    page = outputs[name].decode("utf-8")
    assert "vis-network" in page and "@version 9.1.2" in page  # inlined, licence header kept
    data = graph_data(page)
    ids = {n["id"] for n in data["nodes"]}
    assert len(ids) == len(data["nodes"])
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert data["options"]["layout"]["randomSeed"] == 42
    # positions computed in Python: physics off, every node placed
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    for node in data["nodes"]:
        assert node["group"] and node["title"].count("\n") >= 1  # label, type, …
    assert 'id="search"' in page and 'id="legend-kinds"' in page and "<h1" in page


def test_two_builds_give_identical_bytes(outputs, root):
    from ogpgraph.build import generate
    from ogpgraph.dataset.store import KnowledgeGraph

    again = generate(KnowledgeGraph.load(root))
    for name, data in outputs.items():
        assert again[name] == data, f"{name} differs between two builds"


def test_builds_in_two_processes_give_identical_bytes(make_project, tmp_path):
    """Across processes too (different hash seeds: no set or dict order leaks into a page)."""
    import os
    import subprocess
    import sys

    project = hostile_project(make_project)
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ogpgraph.cli.main",
                "build",
                "-q",
                "--root",
                str(project),
                "--exports",
                str(out),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        pages.append({name: (out / name).read_bytes() for name in HTML_PAGES})
    assert pages[0] == pages[1]


def test_index_heat_map_matches_coverage(kg, outputs):
    from ogpgraph.analysis.coverage import coverage

    page = outputs["index.html"].decode("utf-8")
    cells = re.findall(
        r'<td class="cell \w+" data-level="(\w+)" data-item="([^"]*)" '
        r'data-item-iri="[^"]*" data-concept="([^"]*)" data-concept-iri="[^"]*" '
        r'data-state="(\w+)"',
        page,
    )
    import html

    found = {(lvl, html.unescape(i), html.unescape(c), s) for lvl, i, c, s in cells}
    expected = {
        (level, r["item"], r["concept"], r["state"])
        for level in ("commitment", "result")
        for r in coverage(kg, level).as_records()
    }
    assert found == expected


def test_index_has_the_required_parts(outputs):
    page = outputs["index.html"].decode("utf-8")
    assert "CC BY 4.0" in page and "attribution to the Crown" in page
    for href in GRAPH_PAGES:
        assert f'href="{href}"' in page
    assert 'id="gaps"' in page and 'id="recommendations"' in page
    assert "@media print" in page
    assert "<script" not in page  # the dashboard is static: its CSP allows no script at all
    assert "script-src 'none'" in page


def test_check_catches_a_stale_file(cli, make_project, tmp_path):
    """Built from a small conforming fixture project, so the test does not depend on the
    bundled data being complete and valid at the moment."""
    project = hostile_project(make_project)
    out = tmp_path / "exports"
    result = cli("build", "--exports", str(out), "-q", root=project)
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.glob("*.html")} == set(HTML_PAGES)
    assert cli("build", "--check", "--exports", str(out), "-q", root=project).exit_code == 0
    page = out / "coverage.html"
    page.write_bytes(page.read_bytes().replace(b"</h1>", b" (edited)</h1>", 1))
    result = cli("build", "--check", "--exports", str(out), "-q", root=project)
    assert result.exit_code == 1
    assert "coverage.html (differs)" in result.output
    (out / "graph.html").unlink()
    result = cli("build", "--check", "--exports", str(out), "-q", root=project)
    assert result.exit_code == 1 and "graph.html (missing)" in result.output


# ---------------------------------------------------------------- escaping
def test_json_for_script_cannot_close_the_tag():
    from ogpgraph.pages.html import json_for_script

    text = json_for_script({"label": "</script><script>alert(1)</script> & \u2028\u2029 <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text)["label"].startswith("</script>")


def test_fill_is_single_pass():
    from ogpgraph.pages.html import fill

    assert fill("{{a}}|{{b}}", a="{{b}}", b="x") == "{{b}}|x"
    with pytest.raises(KeyError):
        fill("{{a}}")


def test_hostile_labels_are_escaped_everywhere(make_project):
    from ogpgraph.build import generate
    from ogpgraph.dataset.store import KnowledgeGraph

    kg = KnowledgeGraph.load(hostile_project(make_project))
    outputs = generate(kg)
    for name in HTML_PAGES:
        page = outputs[name].decode("utf-8")
        for raw in (
            "<script>window",
            "<img src=x",
            "<iframe",
            "<svg onload",
            "<style>body",
            '<a href="javascript',
            "<b>markup",
        ):
            assert raw not in page, f"{raw!r} unescaped in {name}"
        assert not EXTERNAL.findall(page)
    index = outputs["index.html"].decode("utf-8")
    assert "&lt;script&gt;window.__pwned=&#x27;commitment&#x27;&lt;/script&gt;Commitment 1" in index
    data = graph_data(outputs["graph.html"].decode("utf-8"))
    labels = {n["title"].split("\n")[0] for n in data["nodes"]}
    assert "<script>window.__pwned='commitment'</script>Commitment 1" in labels
    # the placeholder in a description is data, not template
    assert any("{{title}}" in n["title"] for n in data["nodes"])


# ---------------------------------------------------------------- vis data
def _big_graph(n: int, seed: int = 1):
    import random

    import networkx as nx

    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    kinds = ("commitment", "result", "organisation", "case-study")
    for i in range(n):
        g.add_node(
            f"n{i}",
            kind=kinds[i % 4],
            label=f"Node {i}",
            id=f"node-{i}",
            description="",
            sources=[f"Section {i % 7}"],
            graphs=["test"],
        )
    for i in range(1, n):
        g.add_edge(f"n{i}", f"n{rng.randrange(i)}", relation="part-of", source="test")
    return g


def test_to_vis_is_deterministic_whatever_the_insertion_order():
    import networkx as nx

    from ogpgraph.pages.html import json_for_script
    from ogpgraph.pages.visdata import to_vis

    g = _big_graph(300)
    reversed_graph = nx.MultiDiGraph()
    reversed_graph.add_nodes_from(reversed(list(g.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    a, b = to_vis(g), to_vis(reversed_graph)
    assert json_for_script(a.nodes) == json_for_script(b.nodes)
    assert json_for_script(a.edges) == json_for_script(b.edges)


def test_large_views_are_capped_with_a_notice():
    from ogpgraph.pages.visdata import to_vis

    g = _big_graph(3000)
    vis = to_vis(g, max_nodes=500)
    assert len(vis.nodes) <= 500
    assert vis.total_nodes == 3000 and "3,000 nodes" in vis.notice
    ids = {n["id"] for n in vis.nodes}
    assert {f"aggregate:{k}" for k in ("commitment", "result", "organisation", "case-study")} <= ids
    assert all(e["from"] in ids and e["to"] in ids for e in vis.edges)
    small = to_vis(_big_graph(400), max_nodes=500)
    assert "more than a browser can lay out" not in small.notice  # not capped
    assert len(small.nodes) == 400


def test_parallel_edges_are_merged_with_every_source():
    import networkx as nx

    from ogpgraph.pages.visdata import to_vis

    g = nx.MultiDiGraph()
    for n in ("a", "b"):
        g.add_node(n, kind="commitment", label=n.upper(), sources=[])
    g.add_edge("a", "b", key=1, relation="claims", source_section="Section 1")
    g.add_edge("a", "b", key=2, relation="claims", source_section="Annex 1")
    (edge,) = to_vis(g).edges
    assert "Section 1" in edge["title"] and "Annex 1" in edge["title"]


def test_node_tooltip_has_label_type_description_source():
    from ogpgraph.pages.visdata import node_tooltip

    text = node_tooltip(
        {
            "kind": "commitment",
            "label": "Commitment 3",
            "id": "commitment-3",
            "description": "x" * 1000,
            "sources": ["Annex 1 (pp. 23–40)"],
        }
    )
    lines = text.split("\n")
    assert lines[0] == "Commitment 3"
    assert lines[1] == "Type: Commitment (commitment-3)"
    assert len(lines[2]) <= 280 and lines[2].endswith("…")
    assert lines[3] == "Source: Annex 1 (pp. 23–40)"


# ---------------------------------------------------------------- selections
def test_coverage_view_styles_edges_by_layer(kg):
    from ogpgraph.analysis.coverage import coverage
    from ogpgraph.pages.selections import coverage_view

    sel = coverage_view(kg)
    cov = coverage(kg, "all")
    layer_edges = [
        d for _u, _v, d in sel.graph.edges(data=True) if d.get("style", "").startswith("layer-")
    ]
    cells = [(r, c) for r in cov.rows for c in cov.columns if cov.cell(r, c) != "none"]
    assert len(layer_edges) == len(cells)
    kinds = {k for _n, k in sel.graph.nodes(data="kind")}
    assert kinds <= {"commitment", "focus-area", "result", "case-study", "principle", "challenge"}


def test_recommendations_view_colours_by_status(kg):
    from ogpgraph.pages.selections import recommendations_view

    sel = recommendations_view(kg)
    for _n, attrs in sel.graph.nodes(data=True):
        if attrs["kind"] == "recommendation":
            assert attrs["status"] in (
                "met",
                "progressing",
                "not-fully-addressed",
                "not-started",
                "unknown",
            )


def test_around_is_the_neighbourhood(kg):
    from ogpgraph.analysis.projection import build_view
    from ogpgraph.dataset.resolve import resolve_id
    from ogpgraph.pages.selections import around

    g = build_view(kg)
    node = resolve_id(kg, "commitment-3")
    sel = around(kg, node, 1)
    expected = {node} | set(g.successors(node)) | set(g.predecessors(node))
    assert set(sel.graph.nodes) == expected
    assert sel.focus == node
    assert set(around(kg, node, 0).graph.nodes) == {node}


# ---------------------------------------------------------------- CLI
def test_export_html_view_matches_build_data(cli, root, tmp_path, outputs):
    out = tmp_path / "cov.html"
    result = cli("export", "html", "--view", "coverage", "-o", str(out), root=root)
    assert result.exit_code == 0, result.output
    mine = graph_data(out.read_text(encoding="utf-8"))
    built = graph_data(outputs["coverage.html"].decode("utf-8"))
    assert mine == built
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_html_around(cli, root, tmp_path):
    out = tmp_path / "c3.html"
    result = cli(
        "export", "html", "--around", "commitment-3", "--depth", "2", "-o", str(out), root=root
    )
    assert result.exit_code == 0, result.output
    data = graph_data(out.read_text(encoding="utf-8"))
    assert data["focus"] == "https://w3id.org/ogpgraph/nz/commitment/3"
    assert any(n["id"] == data["focus"] for n in data["nodes"])


def test_export_html_construct_and_select(cli, root, tmp_path):
    construct = tmp_path / "c.rq"
    construct.write_text(
        "CONSTRUCT { ?c ogp:leadAgency ?a . ?a rdfs:label ?l } WHERE { "
        "?c a ogp:Commitment ; ogp:leadAgency ?a . ?a rdfs:label ?l }"
    )
    select = tmp_path / "s.rq"
    select.write_text(
        "SELECT ?source ?target ?relation WHERE { ?source ogp:leadAgency ?target "
        "BIND(ogp:leadAgency AS ?relation) }"
    )
    for query in (construct, select):
        out = tmp_path / (query.stem + ".html")
        result = cli("export", "html", "--query", str(query), "-o", str(out), root=root)
        assert result.exit_code == 0, result.output
        data = graph_data(out.read_text(encoding="utf-8"))
        assert data["edges"] and {e["s"] for e in data["edges"]} == {"leads"}


@pytest.mark.parametrize(
    "args,message",
    [
        ((), "exactly one of"),
        (("--view", "coverage", "--around", "commitment-3"), "exactly one of"),
        (("--around", "commitmnt-3"), "Did you mean"),
    ],
)
def test_export_html_usage_errors(cli, root, args, message):
    result = cli("export", "html", *args, root=root)
    assert result.exit_code == 2
    assert message in result.output


def test_export_html_select_without_node_column(cli, root, tmp_path):
    query = tmp_path / "bad.rq"
    query.write_text("SELECT ?x WHERE { ?x a ogp:Commitment }")
    result = cli("export", "html", "--query", str(query), root=root)
    assert result.exit_code == 2
    assert "?source" in result.output


def test_graph_pages_carry_other_names_status_words_and_link_labels(outputs, kg):
    from ogpgraph.model import Relation, Status
    from ogpgraph.pages.artifacts import other_names
    from ogpgraph.pages.html import NAV
    from ogpgraph.pages.style import LINK_LOOKS

    names = other_names(kg)
    # the report's own acronym (it never writes "DIA", so that is no other name)
    ssc = [n for n, alts in names.items() if "SSC" in alts]
    assert len(ssc) == 1
    assert not [n for n, alts in names.items() if "DIA" in alts]
    agencies = graph_data(outputs["agencies.html"].decode("utf-8"))
    assert "SSC" in agencies["alt"][ssc[0]]
    drawn = {n["id"] for n in agencies["nodes"]}
    assert set(agencies["alt"]) <= drawn  # only the names of drawn nodes
    recs = graph_data(outputs["recommendations.html"].decode("utf-8"))
    assert recs["statuses"] == {s.value: s.label for s in Status}
    assert all(n["status"] in recs["statuses"] for n in recs["nodes"] if "status" in n)
    # the bundled links partly address, or are linked without a grade (TINZ's 2014 page and the
    # report's ungraded links); "addresses" is the unlabelled line
    assert {e["label"] for e in recs["edges"] if "label" in e} == {
        LINK_LOOKS[Relation.PARTLY_ADDRESSES].mark,
        LINK_LOOKS[Relation.LINKED].mark,
    }
    for name, page in outputs.items():
        if "/" in name:
            continue  # resource pages link up the folders (tests/test_resource_site.py)
        text = page.decode("utf-8")
        for href, words in NAV:
            assert f'href="{href}"' in text and words in text, (name, href)


def test_status_colours_stay_apart_for_colour_blind_readers():
    """Every pair of status fills differs after simulated deuteranopia, protanopia and
    tritanopia (Machado et al. 2009, full severity; CIELAB distance), and every border has 3:1
    contrast against white (WCAG 1.4.11)."""
    import itertools
    import math

    from ogpgraph.pages.style import STATUS_COLORS, status_color

    machado = {
        "deuteranopia": ((0.367, 0.861, -0.228), (0.280, 0.673, 0.047), (-0.012, 0.043, 0.969)),
        "protanopia": ((0.152, 1.053, -0.205), (0.115, 0.786, 0.099), (-0.004, -0.048, 1.052)),
        "tritanopia": ((1.256, -0.077, -0.179), (-0.078, 0.931, 0.148), (0.005, 0.691, 0.304)),
    }

    def linear(hex_colour: str) -> list[float]:
        out = []
        for i in (1, 3, 5):
            c = int(hex_colour[i : i + 2], 16) / 255
            out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return out

    def lab(rgb: list[float]) -> tuple[float, float, float]:
        r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

        def f(t: float) -> float:
            return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

        return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))

    def luminance(hex_colour: str) -> float:
        r, g, b = linear(hex_colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    fills = [colour for _label, colour in STATUS_COLORS.values()]
    for name, m in machado.items():
        seen = [
            lab([sum(m[i][j] * c[j] for j in range(3)) for i in range(3)])
            for c in map(linear, fills)
        ]
        for (a, la), (b, lb) in itertools.combinations(zip(fills, seen), 2):
            assert math.dist(la, lb) > 15, (name, a, b)
    for status in STATUS_COLORS:
        border = status_color(status)["border"]
        assert (1.05) / (luminance(border) + 0.05) >= 3, (status, border)


def test_agency_tooltips_count_plan_items_apart_from_other_work(kg):
    """DIA leads three commitments and focus areas and Result 10; initiatives and documents are
    counted apart (the issue: the tooltip said it "leads 8")."""
    from ogpgraph.pages.selections import named_view

    selection = named_view(kg, "agencies")
    dia = next(
        n
        for n, d in selection.graph.nodes(data=True)
        if d["label"] == "Department of Internal Affairs"
    )
    note = selection.graph.nodes[dia]["value_note"]
    assert note.startswith("Leads 4 commitment(s), focus area(s) or result(s) and 4 other item(s);")
