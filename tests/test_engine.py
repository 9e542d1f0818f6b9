"""The query path (core.engine): trusted text runs as it is, anything else through the guard."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from ogpgraph.core.errors import QueryError, UnsafeQueryError
from ogpgraph.core.guard import Trusted
from ogpgraph.core.values import python_value, to_term
from ogpgraph.dataset.store import KnowledgeGraph

DATA = """
@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
<https://example.org/c1> a ogp:Commitment ; <https://example.org/n> 3 .
"""


@pytest.fixture
def kg():
    return KnowledgeGraph.from_text(DATA, graph="https://example.org/g")


def test_trusted_text_runs_with_the_predeclared_prefixes(kg):
    rows = kg.select(Trusted("SELECT ?c WHERE { ?c a ogp:Commitment }"))
    assert rows == [{"c": "https://example.org/c1"}]


def test_trusted_text_declaring_its_prefixes_means_what_it_declares(kg):
    own = Trusted("PREFIX ogp: <https://example.org/> SELECT ?n WHERE { ?c ogp:n ?n }")
    for _ in range(2):  # the first run learns that it needs no predeclared prefixes
        assert kg.select(own) == [{"n": 3}]
        assert kg.select(Trusted("SELECT ?n WHERE { ?c ogp:n ?n }")) == []  # the project's ogp:


def test_text_from_outside_goes_through_the_guard(kg):
    with pytest.raises(UnsafeQueryError, match="SERVICE"):
        kg.query("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }")
    with pytest.raises(UnsafeQueryError):
        kg.query("SELECT * FROM <https://example.org/elsewhere> WHERE { ?s ?p ?o }")
    # a graph of the dataset may be named
    assert kg.select("SELECT ?s FROM <https://example.org/g> WHERE { ?s a ogp:Commitment }")


def test_a_string_built_from_trusted_text_is_checked_again(kg):
    built = Trusted("SELECT * WHERE { ?s ?p ?o }") + " SERVICE"
    assert not isinstance(built, Trusted)
    with pytest.raises(QueryError):
        kg.query(built)


def test_prefixes_may_be_any_mapping_and_replace_the_project_ones(kg):
    ex = MappingProxyType({"ex": "https://example.org/"})
    assert len(list(kg.query("SELECT ?c WHERE { ?c ex:n 3 }", prefixes=ex))) == 1
    with pytest.raises(QueryError, match="ogp"):
        kg.query("SELECT ?c WHERE { ?c a ogp:Commitment }", prefixes=ex)


def test_bindings_are_terms_and_none_leaves_a_variable_free(kg):
    query = "SELECT ?c ?n WHERE { ?c <https://example.org/n> ?n }"
    assert kg.select(query, c="https://example.org/c1") == [{"c": "https://example.org/c1", "n": 3}]
    assert kg.select(query, n=4) == []
    assert len(list(kg.query(query, bindings={"c": None}))) == 1
    assert python_value(to_term(True)) is True
    assert to_term("not an iri").value == "not an iri"
    assert type(to_term("https://example.org/x")).__name__ == "NamedNode"


def test_no_module_imports_a_private_name_of_core():
    """core's modules are used through their public names only (no ``from core.x import _y``)."""
    import ast
    from pathlib import Path

    import ogpgraph

    offenders = []
    for path in Path(ogpgraph.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ogpgraph.core"):
                offenders += [f"{path.name}: {a.name}" for a in node.names if a.name[0] == "_"]
    assert offenders == []
