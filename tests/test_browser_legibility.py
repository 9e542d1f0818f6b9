"""The graph pages are legible at their initial fit on a 1366×768 screen, measured in Chromium.

Through ``window.network`` (vis-network): the zoom after the page's initial fit, and for every
label vis-network draws at that zoom (a label is drawn when its font size on screen is at least
its ``drawThreshold`` minus one) its size on screen and its box (``labelModule.size``, measured by
the canvas with ``measureText``, mapped to the screen with ``canvasToDOM``). The smallest label is
at least 11 px tall, no two drawn labels overlap, every drawn label lies on the canvas, and two
loads of a page put every node in the same place. Same browser, fixtures and offline rules as
``test_browser_views.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_browser_views import (  # noqa: F401  (fixtures)
    CHROMIUM,
    LABELS,
    MIN_PX,
    Opened,
    Window,
    browser,
    exports,
    overlapping,
)

GRAPH_PAGES = ("coverage.html", "recommendations.html", "agencies.html", "graph.html")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium; "
    ".ci/run does it): the browser tests of the HTML views need it",
)


def measure(chromium: Any, path: Path, width: int = 1366, height: int = 768) -> dict[str, Any]:
    page = Opened(Window(chromium, width, height), path).stable()
    try:
        found = page.js(LABELS)
        found["positions"] = page.js("network.getPositions()")
        page.assert_clean()
        return found
    finally:
        page.close()


@pytest.fixture(scope="module")
def measured(browser, exports) -> dict[str, dict[str, Any]]:  # noqa: F811
    return {name: measure(browser, exports / name) for name in GRAPH_PAGES}


@pytest.mark.parametrize("name", GRAPH_PAGES)
def test_labels_at_the_initial_fit_are_11px_or_more(measured, name):
    found = measured[name]
    assert found["width"] > 600 and found["height"] > 300, "the canvas has its page layout"
    assert found["labels"], "some labels are drawn at the initial fit"
    smallest = min(label["px"] for label in found["labels"])
    assert smallest >= MIN_PX, f"{name}: smallest label {smallest:.1f} px"


@pytest.mark.parametrize("name", GRAPH_PAGES)
def test_no_two_labels_overlap_at_the_initial_fit(measured, name):
    assert overlapping(measured[name]["labels"]) == []


@pytest.mark.parametrize("name", GRAPH_PAGES)
def test_every_drawn_label_is_on_the_canvas(measured, name):
    found = measured[name]
    for label in found["labels"]:
        x0, y0, x1, y1 = label["box"]
        assert x0 >= -1 and y0 >= -1, label["label"]
        assert x1 <= found["width"] + 1 and y1 <= found["height"] + 1, label["label"]


def test_small_pages_draw_every_label(measured):
    import re

    for name in ("coverage.html", "recommendations.html"):
        found = measured[name]
        assert len(found["labels"]) == len(found["positions"]), name
    assert all(
        not re.search(r"\w…", label["label"]) for label in measured["coverage.html"]["labels"]
    ), "no label cut inside a word"


@pytest.mark.parametrize("name", GRAPH_PAGES)
def test_the_same_positions_on_two_loads(browser, measured, exports, name):  # noqa: F811
    again = measure(browser, exports / name)
    assert again["positions"] == measured[name]["positions"]
    assert again["scale"] == pytest.approx(measured[name]["scale"])


def test_more_labels_at_1920x1080(browser, exports, measured):  # noqa: F811
    """A larger screen fits at a larger zoom: labels grow, and still do not overlap."""
    big = measure(browser, exports / "agencies.html", 1920, 1080)
    assert big["scale"] > measured["agencies.html"]["scale"]
    assert min(label["px"] for label in big["labels"]) >= MIN_PX
    assert overlapping(big["labels"]) == []
