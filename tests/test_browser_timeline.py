"""The timeline page (``timeline.html``) in Debian's headless Chromium at 1366×768: the drawing
fits the window at its first view (no horizontal scroll), every label of it is at least 11 px and
none overlaps another, every other text at least 11 px, nothing is requested from the network,
and a commitment's box leads to its card.

Uses the fixtures of :mod:`tests.test_browser_views` (every non-file request blocked and
recorded; skipped with the reason when Chromium or playwright is missing).
"""

from __future__ import annotations

import pytest

from .test_browser_views import (  # noqa: F401
    CHROMIUM,
    MIN_PX,
    Opened,
    browser,
    exports,
    opened,
    overlapping,
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)

#: every text of the drawing, with its font size and its box on screen
SVG_LABELS = """() => Array.from(document.querySelectorAll('svg.timeline text')).map(t => {
  const r = t.getBoundingClientRect();
  return {label: t.textContent, px: parseFloat(getComputedStyle(t).fontSize)
          * (t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width),
          box: [r.left, r.top, r.right, r.bottom]};
})"""
#: every element with text of its own, its computed font size and its right edge
TEXT = """() => Array.from(document.querySelectorAll('body *')).filter(e =>
    !(e instanceof SVGElement) &&
    Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())
    && e.getClientRects().length).map(e => {
      const r = e.getBoundingClientRect();
      return {tag: e.tagName, text: e.textContent.trim().slice(0, 40),
              px: parseFloat(getComputedStyle(e).fontSize), right: r.right};
    })"""


@pytest.fixture
def timeline(opened, exports) -> Opened:  # noqa: F811
    page = opened(exports / "timeline.html")
    page.page.set_viewport_size({"width": 1366, "height": 768})
    page.page.wait_for_load_state("load")
    return page


def test_the_drawing_is_legible_at_its_first_view(timeline):
    width = timeline.js("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] == 1366, width  # no horizontal scrolling
    box = timeline.page.locator("svg.timeline").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1366
    assert box["y"] + box["height"] <= 768, box  # the whole drawing on the first screen
    labels = timeline.js(SVG_LABELS)
    assert len(labels) > 40  # years, lanes, commitments' numbers, assessments
    small = [x for x in labels if x["px"] < MIN_PX]
    assert small == [], small[:5]
    assert overlapping(labels) == []
    assert max(x["box"][2] for x in labels) <= 1366
    # the four plans and both assessments are drawn, a box per commitment
    assert timeline.js("document.querySelectorAll('svg.timeline g.plan').length") == 4
    assert timeline.js("document.querySelectorAll('svg.timeline g.nis').length") == 2
    assert timeline.js("document.querySelectorAll('svg.timeline a.box').length") == 31
    timeline.assert_clean()


def test_every_text_of_the_page_is_legible_and_nothing_is_requested(timeline):
    timeline.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    texts = timeline.js(TEXT)
    assert texts
    small = [t for t in texts if t["px"] < MIN_PX]
    assert small == [], small[:5]
    assert max(t["right"] for t in texts) <= 1366
    assert timeline.js("document.scripts.length") == 0
    assert timeline.js("document.querySelectorAll('article.commitment').length") == 31
    assert timeline.js("document.querySelectorAll('.unknown').length") > 0
    timeline.assert_clean()


def test_a_commitments_box_leads_to_its_card(timeline):
    timeline.page.click('svg.timeline a.box[data-commitment="plan-2-commitment-6"]')
    timeline.page.wait_for_timeout(100)
    card = timeline.page.locator('article[data-commitment="plan-2-commitment-6"]').bounding_box()
    assert card is not None and -1 <= card["y"] < 768  # scrolled to it (to a sub-pixel)
    assert "Parliamentary Counsel Office" in timeline.page.inner_text(
        'article[data-commitment="plan-2-commitment-6"]'
    )
    timeline.assert_clean()
