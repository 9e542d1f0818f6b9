"""The dashboard's progress section (issue 15, item 7): one group of rows per Better Public
Services result, a small inline-SVG line of each target's dated figures against the level that
reaches it, the progress computed from the figures (with the reason where it cannot be told),
and the report's words marked where the figures do not support them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from ogpgraph.analysis.progress import progress
from ogpgraph.core import namespaces as ns
from ogpgraph.dataset.store import KnowledgeGraph
from ogpgraph.pages.progress import progress_html, progress_svg
from tests.fixtures_gaps import clean_project

T = ns.BASE + "nz/target/"


class _Rows(HTMLParser):
    """Each progress row's text and SVGs, by its data-target."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, object]] = {}
        self.current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("data-target"):
            self.current = str(found["data-target"])
            self.rows[self.current] = {"text": "", "svg": 0, "progress": found["data-progress"]}
        elif tag == "svg" and self.current:
            self.rows[self.current]["svg"] = int(self.rows[self.current]["svg"]) + 1  # type: ignore[call-overload]
        elif tag == "tr":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current:
            self.rows[self.current]["text"] = str(self.rows[self.current]["text"]) + data


@pytest.fixture(scope="module")
def rows(kg) -> dict[str, dict[str, object]]:
    parser = _Rows()
    parser.feed(progress_html(kg))
    return {k.removeprefix(T): v for k, v in parser.rows.items()}


def test_a_row_per_target_in_result_order(kg, rows):
    assert set(rows) == {t.target.removeprefix(T) for t in progress(kg)}
    html = progress_html(kg)
    order = [int(n) for n in re.findall(r'scope="rowgroup">Result (\d+):', html)]
    assert order == list(range(1, 11))


def test_a_line_of_the_figures_where_there_are_dated_figures(rows):
    drawn = {name for name, row in rows.items() if row["svg"]}
    assert drawn == {
        "result-2-ece-participation",
        "result-3-immunisation",
        "result-4-physical-abuse",
        "result-5-ncea-level-2",
        "result-6-level-4-qualifications",
        "result-10-digital-uptake-growth-required",
    }


def test_result_9s_undated_figure_says_cannot_be_told_and_why(rows):
    row = rows["result-9-business-costs"]
    assert row["progress"] == "cannot-tell" and not row["svg"]
    assert (
        "Cannot be told: its one figure (16 percent, since the baseline survey in 2012) has no date"
        in str(row["text"])
    )


def test_result_10s_words_are_marked_unsupported_by_the_required_rate(kg, rows):
    rate = rows["result-10-digital-uptake-growth-required"]
    assert rate["progress"] == "off-track"
    assert "between 2 and 4 percent (2015-08)" in str(rate["text"])
    html = progress_html(kg)
    marked = re.findall(
        r"“([^”]+)” <span class=\"claim\">\(on track\)</span> <a class=\"unsupported\"", html
    )
    assert "This programme is achieving its BPS targets." in marked
    assert any(m.startswith("transactions are trending towards achieving") for m in marked)
    # Result 5's words are supported: not marked
    assert not any("on track to achieving the target" in m for m in marked)


def test_the_line_is_deterministic_and_has_no_text(kg):
    (r3,) = [t for t in progress(kg) if t.target == T + "result-3-immunisation"]
    svg = progress_svg(r3)
    assert svg == progress_svg(r3)
    assert "<text" not in svg and 'aria-label="Figures: 93.5 percent (2014-12), 92.9 percent' in svg
    # the dashed level of the target (95) is above both figures (higher is better, not reached)
    goal = float(re.search(r'class="goal" x1="[\d.]+" y1="([\d.]+)"', svg).group(1))
    dots = [float(y) for y in re.findall(r'class="figure" cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert len(dots) == 2 and all(goal < y for y in dots)


def test_the_dashboard_carries_the_section(make_project):
    from ogpgraph.pages.dashboard import dashboard

    kg = KnowledgeGraph.load(clean_project(make_project))
    page = dashboard(kg, [])
    assert '<section id="progress"' in page and 'class="progress-line"' in page
    assert 'data-progress="met"' in page
