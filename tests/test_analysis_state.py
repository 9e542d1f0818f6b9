"""Explicit analysis state: an Analysis owns the view and what is derived from it, and follows
changes made to the graph through its public methods; the on-disk view cache is keyed on
everything the view depends on."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ogpgraph.analysis import projection
from ogpgraph.analysis.coverage import coverage
from ogpgraph.analysis.gaps import find_gaps
from ogpgraph.analysis.state import Analysis
from ogpgraph.dataset.resolve import identifiers
from ogpgraph.dataset.store import KnowledgeGraph

from .fixtures_gaps import clean_project

T = "https://w3id.org/ogpgraph/t/"
GRAPH = "https://w3id.org/ogpgraph/graph/test"
NEW_COMMITMENT = f"""
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
INSERT DATA {{ GRAPH <{GRAPH}> {{
  <{T}c9> a ogp:Commitment ; rdfs:label "Commitment nine"@en ; dcterms:identifier "commitment-9" ;
    ogp:commitmentNumber 9 ; ogp:leadAgency <{T}org-a> ; dcterms:source <{T}table> .
}} }}
"""


def test_a_change_through_the_graph_shows_in_the_same_analysis(make_project):
    kg = KnowledgeGraph.load(clean_project(make_project))
    analysis = Analysis(kg)
    assert find_gaps(analysis, ("no-case-study",)) == []
    view_before = analysis.view
    rows_before = coverage(analysis, "commitment").rows
    assert "commitment-9" not in identifiers(kg)
    generation = kg.generation

    kg.update(NEW_COMMITMENT)

    assert kg.generation == generation + 1
    (gap,) = find_gaps(analysis, ("no-case-study",))
    assert gap.subject == T + "c9" and gap.subject_label == "Commitment nine"
    assert analysis.view is not view_before and T + "c9" in analysis.view
    assert T + "c9" in coverage(analysis, "commitment").rows
    assert T + "c9" not in rows_before
    assert identifiers(kg)["commitment-9"] == T + "c9"  # the graph's own index follows too


def test_add_and_remove_quads_are_changes(make_project):
    kg = KnowledgeGraph.load(clean_project(make_project))
    analysis = Analysis(kg)
    label = ox.Quad(
        ox.NamedNode(T + "c1"),
        ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal("Commitment one"),
        ox.NamedNode(GRAPH),
    )
    assert analysis.label(T + "c1") == "Commitment one"
    old = next(kg.store.quads_for_pattern(ox.NamedNode(T + "c1"), label.predicate, None, None))
    kg.remove([old])
    kg.add(
        [ox.Quad(old.subject, old.predicate, ox.Literal("Renamed", language="en"), old.graph_name)]
    )
    assert analysis.label(T + "c1") == "Renamed"


def test_memoised_within_a_generation(make_project):
    analysis = Analysis(KnowledgeGraph.load(clean_project(make_project)))
    assert analysis.view is analysis.view
    assert coverage(analysis, "all") is coverage(analysis, "all")
    assert find_gaps(analysis) == find_gaps(analysis)
    # a bare graph gets a fresh analysis each time: nothing is kept on it
    kg = analysis.kg
    assert coverage(kg, "all") is not coverage(kg, "all")
    assert not any(name.startswith("_view") or name == "_coverage" for name in vars(kg))


def test_a_graph_declares_its_indexes(make_project):
    kg = KnowledgeGraph.load(clean_project(make_project))
    with pytest.raises(ValueError, match="unknown index"):
        kg.index("something-else", dict)
    before = set(vars(kg))
    identifiers(kg)
    kg.files_defining(T + "c1")
    assert set(vars(kg)) == before  # filled in, not attached


@pytest.mark.parametrize(
    "changed",
    ["ogpgraph", "pyoxigraph", "networkx", *projection.VIEW_MODULES, *projection.VIEW_QUERIES],
)
def test_view_cache_key_changes_with_each_input(changed):
    inputs = projection.view_cache_inputs()
    assert set(inputs) == {
        "ogpgraph",
        "pyoxigraph",
        "networkx",
        *projection.VIEW_MODULES,
        *projection.VIEW_QUERIES,
    }
    key = projection.view_cache_key(inputs)
    assert projection.view_cache_key(dict(inputs)) == key
    assert projection.view_cache_key({**inputs, changed: inputs[changed] + "x"}) != key


def test_view_modules_cover_what_the_projection_imports():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(projection.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ogpgraph")
    }
    # modules the view's content depends on; core.files only writes the cache, core.errors only
    # names an unknown member
    assert imported - {"ogpgraph.core.files", "ogpgraph.core.errors", "ogpgraph"} <= set(
        projection.VIEW_MODULES
    ) | {"ogpgraph.core"}


def test_a_change_in_place_drops_the_on_disk_cache(make_project, tmp_path):
    project = clean_project(make_project)
    store = tmp_path / "store"
    kg = KnowledgeGraph.load(project, store_dir=store)
    assert find_gaps(kg, ("no-case-study",)) == []
    assert list(store.glob("view-*.pickle"))
    kg.update(NEW_COMMITMENT)
    assert not kg.cache_key  # the data no longer matches the input files
    assert [g.subject for g in find_gaps(kg, ("no-case-study",))] == [T + "c9"]
    del kg
    again = KnowledgeGraph.load(project, store_dir=store)  # rebuilt from the files
    assert find_gaps(again, ("no-case-study",)) == []
