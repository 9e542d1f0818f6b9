"""The static resource site ``build`` writes under ``exports/resource/``: a page (and Turtle) per
resource of every kind asked for, deterministic, linked from the dashboard, with relative links
that all land on files of the build; and in Chromium from disk (``file://``)."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from ogpgraph.core import namespaces as ns

CHROMIUM = Path("/usr/bin/chromium")
NZ = ns.BASE + "nz/"


@pytest.fixture(scope="module")
def outputs(kg) -> dict[str, bytes]:
    """Every file of a build of the bundled graph, in memory."""
    from ogpgraph.build import generate

    return generate(kg, version="0.0.0")


def test_a_page_and_turtle_for_every_kind_asked_for(outputs):
    for path in (
        "nz/commitment/3",
        "nz/focus-area/open-by-default",
        "nz/bps-result/1",
        "nz/case-study/nis-engagement",
        "nz/nis-2013/recommendation/5",
        "nz/org/state-services-commission",
        "vocab/value/transparency",
        "vocab/challenge/improving-public-services",
        "ontology",
    ):
        assert f"resource/{path}.html" in outputs, path
        assert f"resource/{path}.ttl" in outputs, path
    page = outputs["resource/nz/commitment/3.html"].decode()
    assert "<h1>Commitment 3: National Integrity System assessment report</h1>" in page


def test_the_turtle_beside_a_page_is_its_description(outputs, kg):
    from ogpgraph.dataset.describe import describe

    turtle = outputs["resource/nz/commitment/3.ttl"]
    parsed = {q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    assert parsed == set(describe(kg.store, NZ + "commitment/3").triples())


def test_the_site_is_deterministic(kg, outputs):
    """The same pages from a second load of the graph: blank nodes get other labels in another
    store, and no page may show one (a shape's link to the first plan once did)."""
    from ogpgraph.dataset.store import KnowledgeGraph
    from ogpgraph.pages.site import site_files

    again = site_files(KnowledgeGraph.load(kg.project.root).store)
    assert {f"resource/{k}": v for k, v in again.items()} == {
        k: v for k, v in outputs.items() if k.startswith("resource/")
    }


def test_the_dashboard_links_to_the_resources(outputs):
    assert 'href="resource/index.html"' in outputs["index.html"].decode()
    index = outputs["resource/index.html"].decode()
    assert 'href="nz/commitment/3.html"' in index


def _links(page: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page)]


def test_every_link_of_every_page_lands_on_a_file_of_the_build(outputs):
    pages = [name for name in outputs if name.startswith("resource/") and name.endswith(".html")]
    assert len(pages) > 200
    for name in pages:
        for href in _links(outputs[name].decode()):
            assert not href.startswith(("/", "http:", "https:", "file:")), (name, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href))
            assert target.partition("#")[0] in outputs, (name, href)


def test_links_to_resources_without_a_page_are_not_made(outputs):
    page = outputs["resource/nz/commitment/3.html"].decode()
    # claims about the commitment have no page: named, with their IRI, but not linked
    assert 'title="https://w3id.org/ogpgraph/nz/claim/annex-1-nis/commitment-3/' in page
    assert "nz/claim/" not in "".join(_links(page))


@pytest.mark.skipif(
    not CHROMIUM.exists() or not os.access(CHROMIUM, os.X_OK),
    reason="Debian's chromium is not installed at /usr/bin/chromium",
)
def test_a_page_opened_from_disk_shows_its_label_and_its_links_resolve(outputs, tmp_path):
    from playwright.sync_api import sync_playwright

    for name, data in outputs.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    start = (tmp_path / "resource/nz/commitment/3.html").as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"], headless=True
        )
        try:
            tab = browser.new_page()
            problems: list[str] = []
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.goto(start)
            assert (
                tab.inner_text("h1") == "Commitment 3: National Integrity System assessment report"
            )
            hrefs = tab.eval_on_selector_all(
                "a[href]",
                "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)",
            )
            assert hrefs
            for href in hrefs:
                assert href.startswith("file://"), href
                local = Path(href.partition("#")[0].removeprefix("file://"))
                assert local.is_file(), href
            # follow one link as a reader would: the lead agency's page
            tab.click('td a[title$="/nz/org/state-services-commission"] >> nth=0')
            tab.wait_for_load_state()
            assert tab.url.endswith("/resource/nz/org/state-services-commission.html")
            assert tab.inner_text("h1") == "State Services Commission"
            assert not problems, problems
        finally:
            browser.close()


def test_every_drawn_neighbour_has_a_label_of_its_own(outputs):
    """In every neighbourhood drawing, neighbours with different names get different labels
    (Commitment 3's seven Action Plan table claims were seven "Action Plan table: Commitment…")."""
    import re

    checked = 0
    for name, data in outputs.items():
        if not name.endswith(".html") or not name.startswith("resource/"):
            continue
        svg = data.decode("utf-8").partition('<svg class="drawing"')[2].partition("</svg>")[0]
        pairs = re.findall(
            r"<title>(.*?) \([^()]*\)</title><circle[^>]*/><text[^>]*>(.*?)</text>", svg
        )
        labels: dict[str, set[str]] = {}
        for full, label in pairs:
            labels.setdefault(label, set()).add(full)
        assert [label for label, fulls in labels.items() if len(fulls) > 1] == [], name
        checked += len(pairs)
    assert checked > 1000
