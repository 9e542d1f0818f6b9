"""Paste-back IRIs (issue 14): a table prints ``prefix:local`` only when it is SPARQL as it stands,
else the full ``<IRI>``; Turtle and TriG carry no backslash-escaped prefixed name."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ogpgraph.core import namespaces as ns
from ogpgraph.core.formats import get, serialize_rdf
from ogpgraph.core.values import is_local_name, short_iri

NAMESPACES = sorted(set(ns.PREFIXES.values()))
#: characters an IRI's path may hold, with those a local name may not (/ # ~ ? & …) among them
LOCAL_CHARS = st.sampled_from(list("abcXYZ019-_.:/#~%?&=é·‿") + ["%20", "%2F", "ā"])


def denotes(printed: str) -> str:
    """The IRI a printed name denotes when pasted into a query (predeclared prefixes)."""
    query = f"SELECT ?x WHERE {{ BIND({printed} AS ?x) }}"
    row = next(iter(ox.Store().query(query, prefixes=dict(ns.PREFIXES))))
    return row["x"].value


def valid_iri(text: str) -> bool:
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(NAMESPACES), st.lists(LOCAL_CHARS, max_size=8).map("".join))
def test_every_printed_name_pastes_back_as_the_same_iri(namespace, local):
    iri = namespace + local
    assume(valid_iri(iri))
    printed = short_iri(iri)
    assert denotes(printed) == iri, printed
    if printed.startswith("<"):  # the full IRI only where no prefix gives a local name
        assert not any(
            iri.startswith(base) and is_local_name(iri[len(base) :])
            for base in ns.PREFIXES.values()
        )


def test_every_iri_of_the_bundled_graph_pastes_back(kg):
    iris = {t.value for q in kg.quads() for t in q if isinstance(t, ox.NamedNode)}
    assert len(iris) > 1000
    for iri in iris:
        assert denotes(short_iri(iri)) == iri


def test_the_issues_examples():
    commitment = ns.BASE + "nz/commitment/3"
    assert short_iri(commitment) == "nz-commitment:3"
    # a valid subject: the query from the issue, with the name a table now prints
    ox.Store().query(f"SELECT * WHERE {{ {short_iri(commitment)} ?p ?o }}", prefixes=ns.PREFIXES)
    with pytest.raises(SyntaxError):  # what tables printed before
        ox.Store().query("SELECT * WHERE { nz:commitment/3 ?p ?o }", prefixes=ns.PREFIXES)
    claim = ns.BASE + "nz/claim/s3-bps/commitment-1/accountability"
    assert short_iri(claim) == f"<{claim}>"
    assert not is_local_name("a.") and not is_local_name("a.b") and is_local_name("3")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMESPACES),
            st.lists(LOCAL_CHARS, min_size=1, max_size=6).map("".join),
            st.text(alphabet=st.sampled_from(list('ab\\/"\n:')), max_size=6),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_turtle_and_trig_have_no_escaped_names_and_read_back_the_same(rows):
    quads = []
    for namespace, local, text in rows:
        iri = namespace + local
        assume(valid_iri(iri))
        graph = ox.NamedNode(ns.GRAPH + "links/" + local.replace("/", "-").replace("#", "-"))
        assume(valid_iri(graph.value))
        quads.append(
            ox.Quad(ox.NamedNode(iri), ox.NamedNode(ns.OGP + "p"), ox.Literal(text), graph)
        )
        quads.append(
            ox.Quad(ox.NamedNode(iri), ox.NamedNode(ns.OGP + "q"), ox.NamedNode(iri), graph)
        )
    for name, statements in (("trig", quads), ("turtle", [q.triple for q in quads])):
        data = serialize_rdf(statements, get(name), ns.PREFIXES)
        outside_literals = [
            token
            for line in data.decode().splitlines()
            for token in line.split()
            if not token.startswith('"') and ":" in token and not token.startswith("<")
        ]
        assert not any("\\" in t for t in outside_literals if not t.endswith('"')), data
        back = {
            q if name == "trig" else q.triple
            for q in ox.parse(data, format=get(name).pyoxigraph_format())
        }
        assert back == set(statements)


def test_describe_prints_no_escaped_slash(cli, root):
    result = cli("query", "DESCRIBE nz-initiative:anti-corruption-training", root=root)
    assert result.exit_code == 0, result.output
    assert "\\/" not in result.stdout
    assert "nz-initiative:anti-corruption-training" in result.stdout


def test_a_table_prints_long_names_whole_and_they_paste_back(cli, root):
    """The researcher's query: long IRIs and prefixed names are printed whole in a table (piped
    or to a file), and the printed name runs as a query; prose is still cut."""
    query = "SELECT DISTINCT ?item ?source WHERE { GRAPH ?g { ?l ogp:linkedTo ?item ; dcterms:source ?source } } ORDER BY ?item"
    result = cli("query", query, root=root)
    assert result.exit_code == 0, result.output
    names = [word for line in result.stdout.splitlines() for word in line.split()]
    long_names = [w for w in names if len(w) > 60 and (w.startswith("<") or ":" in w)]
    assert long_names, "the query has names longer than a cut cell"
    assert not any(w.endswith("…") for w in names)
    for name in long_names:
        assert name.startswith("<") == name.endswith(">"), name
        pasted = cli(
            "query", f"ASK {{ GRAPH ?g {{ ?s ?p {name} }} }}", "--format", "json", root=root
        )
        assert pasted.exit_code == 0 and json.loads(pasted.stdout)["boolean"] is True, (
            name,
            pasted.output,
        )
    titled = cli("query", "--name", "commitments", root=root).stdout
    assert "…" in titled  # prose (a long title) is still cut
