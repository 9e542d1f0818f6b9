"""Each assessor's current position side by side on the pages: the dashboard's recommendations
table and at-a-glance cell, and a recommendation node's data (fill, TINZ's badge, written line,
tooltip, legend), on a fixture project where TINZ assessed one recommendation twice and left
another unassessed (:mod:`tests.fixtures_sides`)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .fixtures_sides import TINZ_WORDS, sides_project

T = "https://w3id.org/ogpgraph/t/"


@pytest.fixture
def kg(make_project):
    from ogpgraph.dataset.store import KnowledgeGraph

    return KnowledgeGraph.load(sides_project(make_project))


class _Elements(HTMLParser):
    """Every element of a page with its attributes and the text inside it (nested text too)."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.found.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i]["tag"] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        for element in self.open:
            element["text"] += data


def elements(html: str, tag: str, **attrs: str) -> list[dict]:
    parser = _Elements()
    parser.feed(html)
    return [
        e
        for e in parser.found
        if e["tag"] == tag
        and all(e["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items())
    ]


def text(element: dict) -> str:
    return " ".join(element["text"].split())


@pytest.fixture
def dashboard(kg) -> str:
    from ogpgraph.pages.dashboard import dashboard as page

    return page(kg, [])


def _row(html: str, rec: str) -> str:
    match = re.search(rf'<tr data-recommendation="{rec}".*?</tr>', html, re.S)
    assert match, rec
    return match.group(0)


def test_dashboard_shows_each_side_with_date_rationale_and_reviewer(dashboard):
    row = _row(dashboard, "nis-rec-1")
    (gov,) = elements(row, "td", data_assessor="government")
    (tinz,) = elements(row, "td", data_assessor="tinz")
    assert gov["attrs"]["data-status"] == "met"
    assert "Met January 2016" in text(gov)
    assert "Agency A" in text(gov) and "It is met: the Act passed" in text(gov)
    # TINZ: the newer row is its position, with its date, reviewer and rationale
    assert tinz["attrs"]["data-status"] == "progressing"
    assert tinz["attrs"]["data-date"] == "2016-03-01"
    assert text(tinz).startswith("Significant progress 1 March 2016")
    assert "reviewer: Jane Reviewer" in text(tinz)
    # the rationale is shortened, the whole of it folded underneath
    (words,) = elements(row, "details", **{"class": "words"})
    (short,) = elements(text_html(row, "details"), "span", **{"class": "short"})
    assert text(short).endswith("…") and len(text(short)) < len(TINZ_WORDS)
    assert TINZ_WORDS in text(words)
    # the older row is history, counted and folded
    (history,) = elements(row, "details", **{"class": "history"})
    assert history["attrs"]["data-earlier"] == "1"
    assert "1 earlier assessment" in text(history)
    assert "June 2015: Not started" in text(history) and "Nothing had started" in text(history)
    assert 'data-agreement="disagree"' in row
    assert "Government and TINZ differ" in row


def text_html(html: str, tag: str) -> str:
    """The HTML of the first ``tag`` element of ``html`` (for a nested search)."""
    match = re.search(rf"<{tag}\b.*?</{tag}>", html, re.S)
    assert match, tag
    return match.group(0)


def test_a_recommendation_tinz_did_not_assess_says_so(dashboard):
    row = _row(dashboard, "nis-rec-2")
    (tinz,) = elements(row, "td", data_assessor="tinz")
    assert "not-assessed" in tinz["attrs"]["class"]
    assert tinz["attrs"]["data-status"] == ""
    assert text(tinz) == "TINZ: not assessed"
    assert 'data-agreement="one-sided"' in row
    assert "Only the government has assessed it" in row
    # the columns are the government's and TINZ's, in that order
    heads = [e["attrs"]["data-assessor"] for e in elements(dashboard, "th", **{"class": "side"})]
    assert heads == ["government", "tinz"]


def test_links_are_grouped_by_item_with_each_sides_link(dashboard):
    row = _row(dashboard, "nis-rec-1")
    (item,) = elements(row, "li", data_item="initiative-one")
    lines = [
        (e["attrs"]["data-assessor"], e["attrs"]["data-relation"], text(e))
        for e in elements(text_html_of(row, "initiative-one"), "li")
        if "data-assessor" in e["attrs"]
    ]
    assert [who for who, _rel, _t in lines] == ["government", "tinz"]
    assert lines[0][2].startswith("Government: addresses (January 2016)")
    assert "The initiative does it" in lines[0][2]
    assert lines[1][2].startswith("TINZ: partly addresses (1 February 2016)")
    assert "Only in part" in lines[1][2]
    assert text(item).startswith("An initiative")


def text_html_of(row: str, item: str) -> str:
    match = re.search(rf'<li data-item="{item}">.*?</ul></li>', row, re.S)
    assert match, item
    return match.group(0)


def test_at_a_glance_shows_both_sides_statuses(dashboard):
    (cell,) = elements(dashboard, "td", **{"class": "recs"})
    match = re.search(r'<td class="recs">.*?</td>', dashboard, re.S)
    assert match
    lines = [text(li) for li in elements(match.group(0), "li")]
    assert lines == ["Gov Met TINZ Significant progress 1", "Gov Met TINZ – 2"]
    badges = [
        (e["attrs"]["data-assessor"], e["attrs"]["class"], e["attrs"]["title"])
        for e in elements(dashboard, "span")
        if "data-assessor" in e["attrs"]
    ]
    assert ("tinz", "status na", "TINZ: not assessed") in badges
    assert ("tinz", "status progressing", "TINZ: Significant progress (1 March 2016)") in badges
    assert text(cell).endswith("TINZ – 2")


def test_status_badges_take_the_graph_pages_colours(dashboard):
    from ogpgraph.pages.style import STATUS_COLORS, ink_on

    for status, (_label, colour) in STATUS_COLORS.items():
        assert f".status.{status} {{ background: {colour}; color: {ink_on(colour)}; }}" in dashboard


def test_node_data_carries_both_sides(kg):
    from ogpgraph.pages.selections import recommendations_view
    from ogpgraph.pages.style import NOT_ASSESSED_LOOK, STATUS_COLORS
    from ogpgraph.pages.visdata import to_vis

    view = recommendations_view(kg)
    vis = to_vis(view.graph, layers=view.layers)
    nodes = {n["id"]: n for n in vis.nodes}
    one, two = nodes[T + "rec1"], nodes[T + "rec2"]
    # the fill is the government's; TINZ's is a marker of its own, coloured by its status
    assert one["status"] == "met"
    assert one["color"]["background"] == STATUS_COLORS["met"][1]
    assert one["sides"] == {"government": "met", "tinz": "progressing"}
    (marker,) = one["markers"]
    assert marker["who"] == "TINZ" and marker["status"] == "progressing"
    assert marker["fill"] == STATUS_COLORS["progressing"][1] and marker["dashes"] == []
    assert one["statusLine"] == "Met; TINZ: Significant progress"
    # every side's position in the tooltip, with date, organisation or reviewer, rationale
    lines = one["title"].split("\n")
    assert "Government: Met (January 2016) — Agency A: It is met: the Act passed" in lines
    (tinz_line,) = [line for line in lines if line.startswith("TINZ:")]
    assert tinz_line.startswith(
        "TINZ: Significant progress (1 March 2016) — Watchdog, Jane Reviewer"
    )
    assert tinz_line.endswith("(1 earlier assessment)")
    # not assessed by TINZ: a marker of its own look, not a status colour
    assert two["sides"] == {"government": "met", "tinz": ""}
    (none,) = two["markers"]
    assert none["status"] == "" and none["words"] == "not assessed"
    assert (none["fill"], none["border"], none["dashes"]) == (
        NOT_ASSESSED_LOOK["fill"],
        NOT_ASSESSED_LOOK["border"],
        NOT_ASSESSED_LOOK["dashes"],
    )
    assert none["fill"] not in {colour for _label, colour in STATUS_COLORS.values()}
    assert "TINZ: not assessed" in two["title"].split("\n")
    assert two["statusLine"] == "Met"
    assert vis.marker_sides == [("tinz", "TINZ")]


def _page(view) -> str:
    from ogpgraph.pages.artifacts import draw
    from ogpgraph.pages.html import graph_page

    return graph_page(draw(view), title=view.title, intro=view.intro)


def test_the_legend_explains_the_badge(kg):
    from ogpgraph.pages.selections import recommendations_view

    page = _page(recommendations_view(kg))
    (legend,) = elements(page, "div", id="legend-sides")
    assert "hidden" not in legend["attrs"]
    items = [
        (e["attrs"]["data-marker-state"], text(e))
        for e in elements(page, "li")
        if "data-marker" in e["attrs"]
    ]
    assert items == [
        (
            "assessed",
            "TINZ TINZ's current position, in the status colours above (written under the "
            "label too)",
        ),
        ("not-assessed", "TINZ TINZ has not assessed it"),
    ]


def test_a_page_without_recommendations_has_no_badge_legend(make_project):
    from ogpgraph.dataset.store import KnowledgeGraph
    from ogpgraph.pages.selections import named_view

    from .fixtures_gaps import clean_project

    page = _page(named_view(KnowledgeGraph.load(clean_project(make_project)), "agencies"))
    (legend,) = elements(page, "div", id="legend-sides")
    assert "hidden" in legend["attrs"]
