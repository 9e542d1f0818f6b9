"""HTML for the views: escaping, JSON inside ``<script>``, the page template, the inline scripts.

Everything that comes from the data goes through :func:`esc` (text and attributes) or
:func:`json_for_script` (the graph data, in a ``<script type="application/json">`` block that
the page parses with ``JSON.parse``: ``<``, ``>``, ``&``, U+2028 and U+2029 are escaped, so a
``</script>`` in a label cannot end the block). Each page carries a Content-Security-Policy that
allows only its own inline scripts and styles, by hash, and no network request of any kind: even
a mistake in escaping could neither run an injected script nor load anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ogpgraph.core.output import capitalised
from ogpgraph.core.sanitize import reveal_controls
from ogpgraph.model import Status, asserter_words
from ogpgraph.pages.style import (
    STATUS_COLORS,
    asserter_legend,
    edge_style,
    is_link_style,
    kind_style,
    line_svg,
    marker_svg,
    relation_legend,
    shape_svg,
    side_look,
    status_svg,
    status_words,
    vis_groups,
)
from ogpgraph.pages.visdata import VisGraph

HERE = Path(__file__).resolve().parent
ATTRIBUTION = (
    "Source: New Zealand's Open Government Partnership Mid-term Self-assessment Report (State "
    "Services Commission, January 2016) and the public sources named in the graph. © Crown "
    "copyright, licensed under the Creative Commons Attribution 4.0 International licence "
    "(CC BY 4.0); attribution to the Crown (New Zealand Government). Recommendation links by "
    "government and by Transparency International New Zealand, as recorded in the graph."
)
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
#: the pages of a build, in the order of the navigation bar that every page carries (the
#: dashboard, the graph pages, and pages drawn by ``export html``: links are relative, so they
#: work where the page sits beside the build's pages)
NAV: list[tuple[str, str]] = [
    ("index.html", "Dashboard"),
    ("coverage.html", "Values and challenges"),
    ("recommendations.html", "Integrity recommendations"),
    ("recommendations-report.html", "Assessments side by side"),
    ("timeline.html", "Timeline"),
    ("agencies.html", "Agencies"),
    ("graph.html", "Whole graph"),
    ("ontology.html", "Vocabulary"),
    ("resource/index.html", "Resources"),
]


#: the side-by-side recommendations report's page (:mod:`ogpgraph.pages.report`)
REPORT_PAGE = "recommendations-report.html"


def esc(value: Any) -> str:
    """HTML-escape text for element content and quoted attribute values (bidirectional and
    other control characters shown as ``<U+XXXX>``)."""
    return html.escape(reveal_controls("" if value is None else str(value)), quote=True)


def _revealed(data: Any) -> Any:
    """``data`` with every string (keys too) passed through :func:`reveal_controls`."""
    if isinstance(data, str):
        return reveal_controls(data)
    if isinstance(data, dict):
        return {_revealed(k): _revealed(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_revealed(v) for v in data]
    return data


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (and deterministic: keys sorted); the
    page shows its strings as text, so control characters are revealed here."""
    text = json.dumps(_revealed(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


@cache
def asset(name: str) -> str:
    """A file of ``assets/`` or ``vendor/`` as text."""
    folder = "vendor" if name.startswith("vis-network") else "assets"
    return (HERE / folder / name).read_text(encoding="utf-8")


def fill(template: str, **values: str) -> str:
    """Replace each ``{{name}}`` once, in one pass (inserted text is never scanned again).

    Values must already be HTML (escaped with :func:`esc` where they come from data).
    """
    missing = set(_PLACEHOLDER.findall(template)) - set(values)
    if missing:
        raise KeyError(f"no value for {sorted(missing)}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp(scripts: list[str], styles: list[str]) -> str:
    """A policy that allows these inline scripts and styles and nothing else (no requests): the
    hashes are computed from the exact text of each inline element, so the same page always
    gets the same policy. Every HTML output uses it (the views, the dashboard, ``diff``)."""
    script_src = " ".join(csp_hash(s) for s in scripts) or "'none'"
    style_src = " ".join(csp_hash(s) for s in styles) or "'none'"
    policy = (
        f"default-src 'none'; script-src {script_src}; style-src {style_src}; "
        "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    assert '"' not in policy and "<" not in policy and "&" not in policy  # safe in an attribute
    return policy


def nav_html(nav: Sequence[tuple[str, str]] | None = None, current: str | None = None) -> str:
    """The navigation bar: ``nav`` (href, text) pairs, by default :data:`NAV`; ``current`` is
    marked as the page being read."""
    nav = NAV if nav is None else nav
    if not nav:
        return ""
    items = []
    for href, text in nav:
        if href == current:
            items.append(f'<li><a href="{esc(href)}" aria-current="page">{esc(text)}</a></li>')
        else:
            items.append(f'<li><a href="{esc(href)}">{esc(text)}</a></li>')
    return '<nav aria-label="Views"><ul>' + "".join(items) + "</ul></nav>"


def vis_options(n_nodes: int, n_edges: int, seed: int = 42) -> dict[str, Any]:
    """vis-network options: seeded layout, physics that stabilises and then stops (the page turns
    it off), lighter settings for larger views."""
    if n_nodes <= 300:
        iterations = 600
    elif n_nodes <= 1000:
        iterations = 300
    else:
        iterations = 120
    large = n_nodes > 800 or n_edges > 2000
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": n_nodes <= 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -110,
                "centralGravity": 0.008,
                "springLength": 140,
                "springConstant": 0.05,
                "damping": 0.5,
                "avoidOverlap": 0.5,
            },
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 50,
                "fit": True,
            },
            "minVelocity": 1.0,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "size": 16,
            "borderWidth": 1.5,
            "font": {
                "size": 14,
                "face": "system-ui, sans-serif",
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "widthConstraint": {"maximum": 170},
            "scaling": {"min": 10, "max": 42, "label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.5},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "groups": vis_groups(),
    }


def _legend(vis: VisGraph) -> tuple[str, str, str, str]:
    """The legend's node kinds, statuses, edge styles and (on a page that draws a link) every
    link relation and every asserter, as list items."""
    counts: dict[str, int] = {}
    for node in vis.nodes:
        counts[node["group"]] = counts.get(node["group"], 0) + 1
    kinds = []
    for kind in vis.node_kinds:
        st = kind_style(kind)
        kinds.append(
            f'<li><label><input type="checkbox" data-kind="{esc(kind)}" '
            f'data-label="{esc(st.label)}" checked> '
            f"{shape_svg(st.shape, st.color)} {esc(st.label)} "
            f'<span class="count">({counts.get(kind, 0):,})</span></label></li>'
        )
    statuses = []
    for status in STATUS_COLORS if vis.statuses else ():
        label, _color = STATUS_COLORS[status]
        statuses.append(f'<li data-status="{esc(status)}">{status_svg(status)} {esc(label)}</li>')
    edges = []
    for name in vis.edge_styles:
        if not is_link_style(name):
            edge = edge_style(name)
            edges.append(
                f'<li data-edge-style="{esc(name)}">{line_svg(edge)} {esc(edge.label)}</li>'
            )
    links = []
    if any(is_link_style(name) for name in vis.edge_styles):
        for relation, edge in relation_legend():
            links.append(
                f'<li data-link-relation="{esc(relation.value)}">'
                f"{line_svg(edge, end=True)} {esc(edge.label)}</li>"
            )
        for name, edge in asserter_legend():
            links.append(
                f'<li data-asserter-style="{esc(name)}">{line_svg(edge)} {esc(edge.label)}</li>'
            )
    return "".join(kinds), "".join(statuses), "".join(edges), "".join(links)


def _organisation_kinds_legend(vis: VisGraph) -> str:
    """A checkbox per organisation kind drawn (and one for organisations of no stated kind),
    each with its count: unticking hides the organisations of that kind."""
    from ogpgraph.model import KIND_NOT_STATED, organisation_kind_words

    items = []
    for kind, count in vis.organisation_kinds:
        words = organisation_kind_words(kind) if kind else capitalised(KIND_NOT_STATED)
        items.append(
            f'<li><label><input type="checkbox" data-org-kind="{esc(kind)}" '
            f'data-label="{esc(words)}" checked> {esc(words)} '
            f'<span class="count">({count:,})</span></label></li>'
        )
    return "".join(items)


def _sides_legend(vis: VisGraph) -> str:
    """What the badge beside a recommendation says, for each assessor drawn as one (TINZ…)."""
    items = []
    for assessor, who in vis.marker_sides:
        name = asserter_words(assessor)
        example = side_look(Status.MET.value)
        items.append(
            f'<li data-marker="{esc(assessor)}" data-marker-state="assessed">'
            f"{marker_svg(example, esc(who))} {esc(name)}'s current position, in the status "
            "colours above (written under the label too)</li>"
            f'<li data-marker="{esc(assessor)}" data-marker-state="not-assessed">'
            f"{marker_svg(side_look(None), esc(who))} {esc(name)} has not assessed it</li>"
        )
    return "".join(items)


def graph_page(
    vis: VisGraph,
    *,
    title: str,
    intro: str,
    note: str = "",
    nav: Sequence[tuple[str, str]] | None = None,
    current: str | None = None,
    seed: int = 42,
    names: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """A complete, self-contained HTML page drawing ``vis``, with the navigation bar (``nav``,
    by default :data:`NAV`). ``names``: other names of nodes (``skos:altLabel``s, acronyms
    among them) that search finds them by; only those of drawn nodes go into the page."""
    names = names or {}
    options = vis_options(len(vis.nodes), len(vis.edges), seed)
    if vis.nodes and all("x" in n and "y" in n for n in vis.nodes):
        options["physics"] = {"enabled": False}  # positions computed in Python (.layout)
    data = {
        "nodes": vis.nodes,
        "edges": vis.edges,
        "edgeStyles": {name: edge_style(name).vis() for name in vis.edge_styles},
        "options": options,
        "focus": vis.focus,
        "alt": {n["id"]: list(names[n["id"]]) for n in vis.nodes if names.get(n["id"])},
        "statuses": status_words() if vis.statuses else {},
    }
    css = asset("graph.css")
    vis_js = asset("vis-network.min.js")
    app_js = asset("graph.js")
    kinds, statuses, edges, links = _legend(vis)
    marker_legend = _sides_legend(vis)
    org_kinds = _organisation_kinds_legend(vis)
    notice = " ".join(x for x in (vis.notice, note) if x)
    counts = f"{len(vis.nodes):,} nodes and {len(vis.edges):,} edges drawn" + (
        f" (of {vis.total_nodes:,} nodes and {vis.total_edges:,} edges)" if vis.notice else ""
    )
    return fill(
        asset("graph.html"),
        csp=csp([vis_js, app_js], [css]),
        title=esc(title),
        intro=esc(intro),
        nav=nav_html(nav, current),
        notice=esc(notice),
        notice_hidden="" if notice else " hidden",
        kinds=kinds,
        org_kinds=org_kinds,
        org_kinds_hidden="" if org_kinds else " hidden",
        statuses=statuses,
        statuses_hidden="" if statuses else " hidden",
        sides=marker_legend,
        sides_hidden="" if marker_legend else " hidden",
        edges=edges,
        edges_hidden="" if edges else " hidden",
        edges_title="Other edges" if links else "Edges",
        links=links,
        links_hidden="" if links else " hidden",
        counts=esc(counts),
        attribution=esc(ATTRIBUTION),
        data=json_for_script(data),
        css=css,
        vis=vis_js,
        app=app_js,
    )
