"""The query page in headless Chromium, with every request to another host blocked and recorded:
it loads, offers the stored queries, and runs one against this endpoint."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import serve_fixtures

served = serve_fixtures.served  # the fixture (assigned, so that pytest finds it here)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SHOT = Path(os.environ.get("OGPGRAPH_PAGE_SCREENSHOT", "/tmp/ogpgraph-query-page.png"))

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not os.access(CHROMIUM, os.X_OK),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)


@pytest.fixture
def page(served):
    from playwright.sync_api import sync_playwright

    ours = urlsplit(served.base).netloc
    outside: list[str] = []
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context()

        def guard(route) -> None:
            url = route.request.url
            if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == ours:
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        context.route("**/*", guard)
        tab = context.new_page()
        tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        tab.on(
            "console",
            lambda msg: (
                problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
            ),
        )
        tab.outside = outside  # type: ignore[attr-defined]
        tab.problems = problems  # type: ignore[attr-defined]
        try:
            yield tab
        finally:
            browser.close()


def test_the_page_runs_a_stored_query_with_nothing_from_outside(served, page):
    page.goto(served.base + "/")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=30_000)
    page.click('#stored-queries button[data-query="commitments"]')
    page.wait_for_function(
        "() => window.ogpgraphYasgui.getTab().getYasqe().getValue().includes('ogp:Commitment')",
        timeout=10_000,
    )
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr table.dataTable td", timeout=30_000)
    page.screenshot(path=str(SHOT))
    text = page.inner_text(".tabPanel.active .yasr")
    assert "Commitment 1" in text
    assert "State Services Commission" in text
    assert page.outside == [], page.outside  # type: ignore[attr-defined]
    assert not [p for p in page.problems if "Content Security Policy" in p], page.problems  # type: ignore[attr-defined]


def test_typing_asks_no_outside_service(served, page):
    """Typing a class or a property would make stock YASQE ask lov.linkeddata.es; not here."""
    page.goto(served.base + "/")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=30_000)
    page.click(".tabPanel.active .yasqe .CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT * WHERE { ?s a foaf:Pe")
    page.keyboard.press("Control+Space")
    page.keyboard.type("rson ; foaf:na")
    page.keyboard.press("Control+Space")
    page.wait_for_timeout(1500)
    assert page.outside == [], page.outside  # type: ignore[attr-defined]


def test_the_welcome_query_runs(served, page):
    page.goto(served.base + "/")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=30_000)
    page.evaluate("() => { window.ogpgraphYasgui.addTab(true, {name: 'graphs'}); }")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_selector(".tabPanel.active .yasr table.dataTable td", timeout=30_000)
    assert "https://w3id.org/ogpgraph/graph/ontology" in page.inner_text(".tabPanel.active .yasr")
    assert page.outside == [], page.outside  # type: ignore[attr-defined]


def test_the_editor_knows_the_predeclared_prefixes(served, page):
    """A query using ogp:, skos:, dcterms: … (predeclared by the endpoint) gets no error marker;
    an undeclared prefix still does."""
    page.goto(served.base + "/")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=30_000)
    markers = page.evaluate(
        """() => {
            const yasqe = window.ogpgraphYasgui.getTab().getYasqe();
            const count = (text) => {
                yasqe.setValue(text);
                yasqe.checkSyntax();
                return document.querySelectorAll('.tabPanel.active .parseErrorIcon').length;
            };
            return [
                count('SELECT ?c WHERE { ?c a ogp:Commitment ; skos:prefLabel ?l ; ' +
                      'dcterms:source src:nz-sar-2016 }'),
                count('SELECT ?c WHERE { ?c a nope:Commitment }'),
            ];
        }"""
    )
    assert markers == [0, 1]


@pytest.mark.parametrize(
    "name", ["result-progress", "commitments", "nis-recommendations-over-time"]
)
def test_a_stored_query_page_reads_at_1366(served, page, name):
    """/queries/NAME at 1366×768: every header on one line, no cell narrower than its longest
    word (a column squeezed to a letter a line; a line may end after a hyphen or a slash), text at least 12 px; a wide result scrolls
    sideways inside its own box, never the page."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{served.base}/queries/{name}")
    found = page.evaluate(
        """() => {
        const lines = el => Math.round(el.getBoundingClientRect().height /
                                       parseFloat(getComputedStyle(el).lineHeight));
        const heads = [...document.querySelectorAll('th')];
        const cells = [...document.querySelectorAll('td')];
        const words = cells.flatMap(td => {
          const range = document.createRange();
          const out = [];
          const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
          for (let node = walk.nextNode(); node; node = walk.nextNode()) {
            let at = 0;
            for (const word of node.data.split(/(\\s+|[-/])/)) {
              if (word.trim().length > 1) {
                range.setStart(node, at); range.setEnd(node, at + word.length);
                const boxes = range.getClientRects();
                if (boxes.length > 1) out.push(word);  // a word broken over lines
              }
              at += word.length;
            }
          }
          return out;
        });
        return {
          heads: heads.map(th => [th.textContent, lines(th)]),
          broken: words,
          smallest: Math.min(...[...heads, ...cells].map(e => parseFloat(getComputedStyle(e).fontSize))),
          pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
    }"""
    )
    assert found["heads"], "the page has a result table"
    assert [h for h, n in found["heads"] if n > 1] == []
    assert found["smallest"] >= 12
    assert found["pageScroll"] <= 0
    # only an IRI longer than the widest column may break
    assert [w for w in found["broken"] if not w.strip('<>"').startswith("http")] == []
    assert page.problems == [] and page.outside == []
