"""Filtering organisations by their kind on the graph pages, in a real browser (the fixtures of
:mod:`tests.test_browser_views`; skipped, with the reason, where Chromium or playwright is
missing).

The agencies page and the whole graph list the kinds of organisation the report gives (and the
organisations whose kind it does not give), each with its count; unticking a kind hides exactly
the organisations all of whose kinds are unticked, recounts, and ticking it back restores the
page; selecting a hidden organisation shows it again.
"""

from __future__ import annotations

import pytest

# the fixtures of test_browser_views, imported so that pytest finds them here (used by name as
# test arguments, which ruff reads as redefinitions)
# ruff: noqa: F811
from .test_browser_views import (  # noqa: F401
    CHROMIUM,
    Opened,
    browser,
    exports,
    opened,
    pytestmark,
)

NZ = "https://w3id.org/ogpgraph/nz/org/"
SHOWN = "() => network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
KINDS = "() => Object.fromEntries(network.body.data.nodes.get().filter(n => n.orgKinds).map(n => [n.id, n.orgKinds]))"


def _box(kind: str) -> str:
    return f'#legend-org-kinds input[data-org-kind="{kind}"]'


@pytest.mark.parametrize("name", ["agencies.html", "graph.html"])
def test_the_legend_lists_each_kind_with_its_count(opened, exports, name):
    page = opened(exports / name).stable()
    assert page.page.is_visible("#legend-org-kinds")
    kinds = page.js(KINDS)
    boxes = page.js(
        "Array.from(document.querySelectorAll('#legend-org-kinds input[data-org-kind]'))"
        ".map(b => [b.getAttribute('data-org-kind'), b.parentElement.textContent.trim()])"
    )
    expected: dict[str, int] = {}
    for found in kinds.values():
        for kind in found or [""]:
            expected[kind] = expected.get(kind, 0) + 1
    assert [kind for kind, _text in boxes] == [k for k, _t in boxes if k in expected]
    assert {kind for kind, _text in boxes} == set(expected)
    for kind, text in boxes:
        assert text.endswith(f"({expected[kind]:,})"), (kind, text)
    assert "Iwi or Māori organisation" in dict(boxes)["iwi-or-maori-organisation"]
    page.assert_clean()


def test_unticking_a_kind_hides_exactly_its_organisations(opened, exports):
    page = opened(exports / "graph.html").stable()
    at_load = page.js(SHOWN)
    counts = page.page.inner_text("#counts")
    kinds = page.js(KINDS)
    page.page.uncheck(_box("civil-society-organisation"))
    hidden = set(at_load) - set(page.js(SHOWN))
    assert hidden == {o for o, k in kinds.items() if k == ["civil-society-organisation"]}
    # TINZ is also an international organisation: it stays while that kind is ticked
    assert NZ + "transparency-international-new-zealand" not in hidden
    page.page.uncheck(_box("international-organisation"))
    assert NZ + "transparency-international-new-zealand" not in page.js(SHOWN)
    text = page.page.inner_text("#counts")
    assert "hidden: Community or civil society organisation, International organisation" in text
    assert page.js(
        "(id) => document.querySelector('#node-list li[data-id=\"' + id + '\"]').hidden",
        NZ + "hui-e",
    )
    # selecting a hidden organisation shows it, and ticks its kinds again
    page.js("(id) => ogpFocus(id, false, false)", NZ + "transparency-international-new-zealand")
    assert NZ + "transparency-international-new-zealand" in page.js(SHOWN)
    assert page.page.is_checked(_box("civil-society-organisation"))
    assert page.page.is_checked(_box("international-organisation"))
    assert page.page.inner_text("#counts") == counts
    assert page.js(SHOWN) == at_load
    page.assert_clean()


def test_organisations_of_no_given_kind_can_be_hidden(opened, exports):
    page = opened(exports / "agencies.html").stable()
    at_load = page.js(SHOWN)
    kinds = page.js(KINDS)
    unsaid = {o for o, k in kinds.items() if not k}
    assert unsaid  # the report does not say what kind the Ombudsman, Cabinet… are
    page.page.uncheck(_box(""))
    assert set(at_load) - set(page.js(SHOWN)) == unsaid
    page.page.check(_box(""))
    assert page.js(SHOWN) == at_load
    page.assert_clean()
