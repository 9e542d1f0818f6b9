"""The side-by-side recommendations report (``recommendations-report.html``) reads on a 1366×768
screen in Debian's headless Chromium: nothing wider than the window, no text under 12 px, offline
and within its Content-Security-Policy; the marks are words beside each row's item.

Uses the fixtures of :mod:`tests.test_browser_views` (every non-file request blocked and
recorded; skipped with the reason when Chromium or playwright is missing).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser_views import CHROMIUM, Opened, browser, exports, opened  # noqa: F401
from .test_report_side_by_side import side_project

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)

PAGE = "recommendations-report.html"
#: every element that holds text of its own, with its computed font size and its box
TEXT = """() => Array.from(document.querySelectorAll('body *')).filter(e =>
    Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())
    && e.getClientRects().length).map(e => {
      const r = e.getBoundingClientRect();
      return {tag: e.tagName, text: e.textContent.trim().slice(0, 40),
              px: parseFloat(getComputedStyle(e).fontSize), right: r.right};
    })"""


@pytest.fixture
def tinz_page(make_project, cli, tmp_path) -> Path:
    project = side_project(make_project)
    path = tmp_path / "tinz.html"
    result = cli(
        "report", "recommendations", "-F", "html", "--for", "tinz", "-o", str(path), root=project
    )
    assert result.exit_code == 0, result.output
    return path


def _at_1366(page: Opened) -> Opened:
    page.page.set_viewport_size({"width": 1366, "height": 768})
    page.page.wait_for_load_state("load")
    return page


def _assert_legible(page: Opened) -> None:
    width = page.js("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] == 1366, width  # no horizontal scrolling
    tables = page.js(
        "Array.from(document.querySelectorAll('table.side-by-side'))"
        ".map(t => t.getBoundingClientRect().right)"
    )
    assert tables and max(tables) <= 1366
    texts = page.js(TEXT)
    assert texts
    small = [t for t in texts if t["px"] < 12]
    assert small == [], small[:5]
    assert max(t["right"] for t in texts) <= 1366


def test_the_built_report_reads_at_1366_by_768(opened, exports, tmp_path):  # noqa: F811
    page = _at_1366(opened(exports / PAGE))
    _assert_legible(page)
    assert page.js("document.scripts.length") == 0
    assert page.js("document.querySelectorAll('section.rec').length") >= 7
    assert page.js("document.title").endswith("— ogpgraph")
    shot = tmp_path / "report.png"
    page.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.assert_clean()


def test_the_report_for_tinz_reads_and_marks_every_row_in_words(opened, tinz_page):  # noqa: F811
    page = _at_1366(opened(tinz_page))
    _assert_legible(page)
    heads = page.js(
        "Array.from(document.querySelectorAll('table.side-by-side thead th'))"
        ".map(th => th.innerText)"
    )
    assert heads[1:] == ["TINZ", "Government"]
    marks = page.js(
        "Array.from(document.querySelectorAll('tr[data-row]'))"
        ".map(tr => [tr.dataset.mark, tr.querySelector('th .mark').innerText])"
    )
    assert marks == [
        ["disagree", "disagree"],
        ["agree", "agree"],
        ["one-sided", "one-sided"],
        ["disagree", "disagree"],
    ]
    page.assert_clean()
