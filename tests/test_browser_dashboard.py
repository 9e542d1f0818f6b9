"""The dashboard (``index.html``) in Debian's headless Chromium: it answers on the first screen,
in plain words, with its evidence visible, and prints its two matrices on the first A4 page.

Uses the fixtures of :mod:`tests.test_browser_views` (every non-file request blocked and
recorded; skipped with the reason when Chromium or playwright is missing).
"""

from __future__ import annotations

import re

import pytest

from .test_browser_views import CHROMIUM, Opened, browser, exports, opened  # noqa: F401

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)

#: internal codes that must never be visible text
CODES = ("partly-addresses", "not-fully-addressed", "does-not-address", "named graph", "IRI")
#: A4 at 96 CSS px per inch, less the page's 1 cm margins: 190 mm × 277 mm
A4_CONTENT = (round(190 / 25.4 * 96), round(277 / 25.4 * 96))


@pytest.fixture
def dashboard(opened, exports) -> Opened:  # noqa: F811
    page = opened(exports / "index.html")
    page.page.set_viewport_size({"width": 1366, "height": 768})
    page.page.wait_for_load_state("load")
    return page


def test_at_a_glance_rows_and_lead_agencies_are_the_graphs(dashboard, kg):
    rows = dashboard.js(
        "Array.from(document.querySelectorAll('table.glance tbody tr')).map(tr => "
        "[tr.dataset.item, Array.from(tr.querySelectorAll('.agency')).map(a => a.textContent)])"
    )
    expected: dict[str, set[str]] = {}
    for row in kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?id ?name WHERE { VALUES ?c { ogp:Commitment ogp:FocusArea } "
        "GRAPH ?g { ?item a ?c } ?item dcterms:identifier ?id . "
        # the dashboard leaves out the later plans' commitments (typed only in graph/later/)
        "FILTER(!STRSTARTS(STR(?g), 'https://w3id.org/ogpgraph/graph/later/')) "
        "OPTIONAL { ?item ogp:leadAgency/rdfs:label ?name } }"
    ):
        expected.setdefault(row["id"], set())
        if row["name"]:
            expected[row["id"]].add(row["name"])
    assert {item: set(names) for item, names in rows} == expected
    assert all(len(names) == len(set(names)) for _item, names in rows)
    led_by_dia = [item for item, names in rows if "Department of Internal Affairs" in names]
    assert len(led_by_dia) == 3
    dashboard.assert_clean()


def test_at_a_glance_is_above_the_fold(dashboard):
    box = dashboard.page.locator("table.glance").bounding_box()
    assert box is not None and box["y"] >= 0
    assert box["y"] + box["height"] <= 768, box
    assert box["x"] + box["width"] <= 1366  # no horizontal scrolling either
    # the milestones, the statuses and the lead agencies are on that first screen
    first = dashboard.page.inner_text("table.glance")
    assert "Department of Internal Affairs" in first
    assert "Consult and report back to Ministers in February 2015" in first
    assert "Significant progress" in first


def test_no_internal_codes_in_visible_text(dashboard):
    dashboard.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = dashboard.page.inner_text("body")
    for code in CODES:
        assert code not in text, code
    assert not re.search(r"https?://", text)
    assert not re.search(r"\bsrc:", text)


def test_concept_headers_neither_collide_nor_break_mid_word(dashboard):
    found = dashboard.js(
        """() => Array.from(document.querySelectorAll('thead th.concept span.v')).map(s => {
          const th = s.closest('th').getBoundingClientRect(), r = s.getBoundingClientRect();
          const words = [];
          const node = s.firstChild; const text = node.textContent;
          let at = 0;
          for (const word of text.split(' ')) {
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + word.length);
            words.push(range.getClientRects().length);
            at += word.length + 1;
          }
          return {inside: r.left >= th.left - 0.5 && r.right <= th.right + 0.5
                    && r.top >= th.top - 0.5 && r.bottom <= th.bottom + 0.5,
                  box: [r.left, r.top, r.right, r.bottom], words};
        })"""
    )
    assert len(found) == 18  # nine concepts, in both matrices
    for header in found:
        assert header["inside"], header
        assert all(n == 1 for n in header["words"]), header  # each word on one line
    boxes = [h["box"] for h in found]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = (
                min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
            )
            assert not overlap, (a, b)


def test_every_evidenced_cell_has_a_footnote_naming_its_case_studies(dashboard, kg):
    from ogpgraph.analysis.coverage import coverage

    cells = dashboard.js(
        """() => Array.from(document.querySelectorAll('td.cell')).map(td => {
          const a = td.querySelector('a.fn');
          const li = a && document.getElementById(a.getAttribute('href').slice(1));
          return [td.dataset.level, td.dataset.itemIri, td.dataset.conceptIri, td.dataset.state,
                  li ? li.dataset.caseStudies.split('|') : null,
                  li ? li.innerText : null];
        })"""
    )
    assert cells
    checked = 0
    for level in ("commitment", "result"):
        cov = coverage(kg, level)
        for lvl, item, concept, state, studies, text in cells:
            if lvl != level:
                continue
            expected = sorted(cov.evidenced.get((item, concept), []))
            if state in ("both", "evidenced"):
                assert studies == expected
                assert all(name in text for name in expected)
                checked += 1
            else:
                assert studies is None
    assert checked > 10
    # the list is on the page (not in a tooltip), so it prints and takes the keyboard
    assert dashboard.page.is_visible("#evidence ol.evidence")
    dashboard.page.focus("td.cell a.fn")  # reachable by keyboard: Enter follows it
    dashboard.page.keyboard.press("Enter")
    assert dashboard.js("location.hash").startswith("#evidence-")
    links = dashboard.js("document.querySelectorAll('td.cell a.fn[href^=\"#evidence-\"]').length")
    assert links == checked


def test_gaps_are_condensed_with_the_detail_folded(dashboard, kg):
    from ogpgraph.analysis.gaps import find_gaps

    found = find_gaps(kg)
    rows = dashboard.js(
        "Array.from(document.querySelectorAll('table.gaps tbody tr')).map(tr => "
        "[tr.dataset.kind, tr.dataset.subject, +tr.querySelector('td.num').textContent,"
        " tr.querySelector('details').open])"
    )
    assert len(rows) == len({(f.kind, f.subject) for f in found}) < len(found)
    assert sum(n for _k, _s, n, _open in rows) == len(found)
    assert not any(is_open for *_x, is_open in rows)
    dashboard.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = dashboard.page.inner_text("#gaps")
    assert "Annex 1, part 1: Better Public Services Results, pp. 31–40" in text
    assert "nz-sar-2016/annex-1-bps" not in text  # identifiers only in attributes


def test_data_as_at_line(dashboard):
    line = dashboard.page.inner_text("p.as-at")
    # the newest dated source: the OGPNZ update of 24 January 2023 (the report is of January 2016)
    assert "Data as at 24 January 2023 (the newest dated source)" in line
    assert re.search(r"Dataset version \d+\.\d+\.\d+", line)


def test_prints_both_matrices_on_the_first_a4_page(dashboard, tmp_path):
    pdf = dashboard.page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    # the whole dashboard: 7 pages since the recommendations table gives each assessor's
    # position with its rationale; what must be on page 1 is measured below
    assert 1 <= pages <= 8, pages
    (tmp_path / "index.pdf").write_bytes(pdf)
    # page 1, measured: the print layout at A4's content width
    dashboard.page.emulate_media(media="print")
    dashboard.page.set_viewport_size({"width": A4_CONTENT[0], "height": A4_CONTENT[1]})
    bottoms = dashboard.js(
        "['table.glance', '#coverage table.heatmap'].map(s => "
        "document.querySelector(s).getBoundingClientRect().bottom)"
    )
    assert all(bottom <= A4_CONTENT[1] for bottom in bottoms), bottoms
    assert dashboard.js("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert dashboard.js("Array.from(document.querySelectorAll('details')).every(d => !d.open)")
    width = dashboard.js("document.documentElement.scrollWidth")
    assert width <= A4_CONTENT[0] + 1


def test_progress_lines_are_drawn_and_legible(dashboard):
    found = dashboard.js(
        """() => {
          const table = document.querySelector('#progress table.progress-table');
          const svgs = Array.from(table.querySelectorAll('svg.progress-line'));
          const sizes = Array.from(table.querySelectorAll('td, th, li, span, a, summary'))
            .filter(e => e.innerText && e.innerText.trim())
            .map(e => parseFloat(getComputedStyle(e).fontSize));
          return {svgs: svgs.map(s => { const r = s.getBoundingClientRect();
                                         return [r.width, r.height, s.querySelectorAll('circle').length]; }),
                  smallest: Math.min(...sizes),
                  right: table.getBoundingClientRect().right,
                  nine: table.querySelector('tr[data-target$="result-9-business-costs"]').innerText};
        }"""
    )
    assert len(found["svgs"]) == 6
    assert all(w > 100 and h > 30 and dots >= 1 for w, h, dots in found["svgs"])
    assert found["smallest"] >= 11, found["smallest"]
    assert found["right"] <= 1366
    assert "Cannot be told" in found["nine"] and "has no date" in found["nine"]
