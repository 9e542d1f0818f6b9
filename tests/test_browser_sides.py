"""Each assessor's position side by side, as a reader sees it in Chromium at 1366×768: the
dashboard's recommendations table and at-a-glance cell read well (no text under the legibility
threshold, nothing overflows its cell or the page), and on the recommendations graph page the
badge for TINZ's position is drawn beside every recommendation, legible, clear of every label, in
TINZ's status colour (read back from the canvas) or white when TINZ has not assessed it.

On the bundled data and on :func:`tests.fixtures_sides.sides_project` (TINZ assesses one
recommendation, not the other). Same browser, fixtures and offline rules as
``test_browser_views.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from .fixtures_sides import sides_project
from .test_browser_legibility import LABELS, MIN_PX, Window, overlapping
from .test_browser_views import CHROMIUM, Opened, browser, exports, write_pages  # noqa: F401

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
ROOT = Path(__file__).resolve().parents[1]
T = "https://w3id.org/ogpgraph/t/"
MARK = "\u0000marker"


@pytest.fixture(scope="module")
def sides_exports(tmp_path_factory) -> Path:
    from ogpgraph.dataset.store import KnowledgeGraph

    base = tmp_path_factory.mktemp("sides")

    def make(files: dict[str, str], *, name: str = "proj") -> Path:
        project = base / name
        (project / "graph").mkdir(parents=True)
        shutil.copytree(ROOT / "ontology", project / "ontology")
        for rel, text in files.items():
            path = project / "graph" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return project

    project = sides_project(make)
    return write_pages(KnowledgeGraph.load(project), project / "exports")


@pytest.fixture(params=["fixture", "bundled"])
def pages(request) -> Path:
    return request.getfixturevalue("sides_exports" if request.param == "fixture" else "exports")


#: every element in the given parts of the page that holds text of its own: its font size, and
#: whether its content overflows its box (a table cell) or the page
TEXTS = """(selectors) => {
  const found = [];
  for (const root of document.querySelectorAll(selectors)) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.getClientRects().length) { continue; }
      found.push({tag: el.tagName, cls: el.className, text: el.textContent.trim().slice(0, 40),
                  px: parseFloat(getComputedStyle(el).fontSize)});
    }
  }
  const cells = Array.from(document.querySelectorAll(selectors.split(',').map(s => s + ' td').join(',')))
    .filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent.trim().slice(0, 60));
  return {texts: found, overflowing: cells, width: document.documentElement.scrollWidth};
}"""


def test_the_recommendations_table_reads_well(browser, pages):  # noqa: F811
    page = Opened(Window(browser, 1366, 768), pages / "index.html")
    try:
        page.page.wait_for_load_state("load")
        # every rationale and history opened: the longest the table gets
        page.js("document.querySelectorAll('#recommendations details').forEach(d => d.open = true)")
        found = page.js(TEXTS, "#recommendations table.recs, table.glance td.recs")
        assert found["texts"]
        small = [t for t in found["texts"] if t["px"] < MIN_PX]
        assert not small, small
        assert found["overflowing"] == []
        assert found["width"] <= 1366
        # both sides' columns are on the page, within its width; "not assessed" is drawn dashed
        boxes = page.js(
            "Array.from(document.querySelectorAll('table.recs td.side')).map(td => {"
            " const r = td.getBoundingClientRect();"
            " return [td.dataset.assessor, r.width, r.right]; })"
        )
        assert {who for who, _w, _r in boxes} >= {"government", "tinz"}
        assert all(width > 100 and right <= 1366 for _who, width, right in boxes), boxes
        dashed = page.js(
            "Array.from(document.querySelectorAll('table.recs td.not-assessed .status.na'))"
            ".map(s => getComputedStyle(s).borderTopStyle)"
        )
        assert dashed and set(dashed) == {"dashed"}
        page.assert_clean()
    finally:
        page.close()


def _pixel(page: Opened, x: float, y: float) -> list[int]:
    return page.js(
        "([x, y]) => { const c = document.querySelector('#network canvas');"
        " const r = network.canvas.pixelRatio || 1;"
        " return Array.from(c.getContext('2d').getImageData(Math.round(x * r), Math.round(y * r),"
        " 1, 1).data); }",
        [x, y],
    )


def _rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def test_the_tinz_badge_is_drawn_beside_every_recommendation(browser, pages):  # noqa: F811
    page = Opened(Window(browser, 1366, 768), pages / "recommendations.html").stable()
    try:
        page.page.wait_for_timeout(200)  # the first frame after the fit
        nodes = page.js(
            "Object.fromEntries(network.body.data.nodes.get()"
            ".filter(n => n.markers).map(n => [n.id, n.markers]))"
        )
        drawn: list[dict[str, Any]] = page.js("window.ogpMarkers()")
        assert nodes and sorted(m["id"] for m in drawn) == sorted(nodes)
        canvas = page.js(
            "(() => { const c = document.querySelector('#network canvas');"
            " return [c.clientWidth, c.clientHeight]; })()"
        )
        labels = page.js(LABELS)["labels"]
        for marker in drawn:
            x0, y0, x1, y1 = marker["box"]
            assert marker["who"] == "TINZ" and marker["font"] >= MIN_PX
            assert y1 - y0 >= 15 and x1 - x0 >= 30, marker  # big enough to see at the fit
            assert 0 <= x0 and x1 <= canvas[0] and 0 <= y0 and y1 <= canvas[1], marker
            pairs = overlapping([*labels, {"label": MARK, "box": marker["box"]}])
            assert not [pair for pair in pairs if MARK in pair], (marker, pairs)
            # the colour on the canvas is the marker's: TINZ's status colour, or white
            # (in the padding left of the text: inside the 1.5 px border, before the 4 px pad ends)
            colour = _pixel(page, x0 + 2.5, (y0 + y1) / 2)
            expected = _rgb(marker["fill"])
            assert all(abs(a - b) <= 16 for a, b in zip(colour[:3], expected)), (marker, colour)
            assert marker["dashed"] == (marker["status"] == "")
        by_node = {m["id"]: m for m in drawn}
        if T + "rec1" in by_node:  # the fixture: TINZ assessed one, not the other
            assert by_node[T + "rec1"]["status"] == "progressing"
            assert by_node[T + "rec2"]["status"] == "" and by_node[T + "rec2"]["dashed"]
        page.assert_clean()
    finally:
        page.close()
