"""Every stored query parses, has a summary, and returns rows on the bundled graph."""

from __future__ import annotations

import pytest

from ogpgraph.core.queries import parse_stored, stored_queries

QUERIES = stored_queries()
NEEDS_PARAMS = {name for name, q in QUERIES.items() if q.params}
# Queries that need more than the bundled graph holds, and where they are tested with rows:
NEEDS_MORE_DATA = {
    "assessments-compared": "several assessments of one item: tests/test_import_sheet.py",
}


def test_at_least_ten_stored_queries():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_stored_query_has_metadata_and_parses(name):
    q = QUERIES[name]
    assert q.summary
    import pyoxigraph

    # Oxigraph parses it (no default prefixes: each file declares its own)
    pyoxigraph.Store().query(q.text)


@pytest.mark.parametrize("name", sorted(set(QUERIES) - NEEDS_PARAMS - set(NEEDS_MORE_DATA)))
def test_stored_query_returns_rows_on_the_bundled_graph(kg, name):
    result = kg.query(QUERIES[name].text)
    rows = list(result)
    assert rows, f"stored query {name} returned no rows"


def test_parameterised_query_binds_by_substitution(kg):
    rows = kg.select(
        QUERIES["sources-of-fact"].text, fact="https://w3id.org/ogpgraph/nz/commitment/3"
    )
    assert rows
    assert all(r["fact"] == "https://w3id.org/ogpgraph/nz/commitment/3" for r in rows)


def test_metadata_parsing():
    q = parse_stored(
        "x",
        "#+ summary: S\n#+ description: D1\n#+ description: D2\n#+ param: a  the A\nSELECT * {}",
    )
    assert (q.summary, q.description, q.params) == ("S", "D1 D2", {"a": "the A"})


def test_list_shows_every_query(cli, root):
    result = cli("query", "--list", "--format", "csv", root=root)
    assert result.exit_code == 0
    for name in QUERIES:
        assert name in result.output


def test_short_iri_matches_the_longest_namespace_with_a_displayable_local_name():
    from ogpgraph.core import namespaces as ns
    from ogpgraph.core.values import short_iri

    assert short_iri(ns.OGP + "Commitment") == "ogp:Commitment"
    assert short_iri(ns.BASE + "nz/commitment/3") == "nz-commitment:3"
    assert short_iri(ns.BASE + "nz/claim/x/y") == "<https://w3id.org/ogpgraph/nz/claim/x/y>"
    assert short_iri(ns.VOCAB + "value/transparency") == "value:transparency"
    assert short_iri("https://example.org/a") == "<https://example.org/a>"
    assert short_iri(ns.OGP + "a b") == f"<{ns.OGP}a b>"  # not a SPARQL local name
    # the folder-keyed fast path gives what trying every namespace gives
    assert all(base.endswith(("/", "#")) for base in ns.PREFIXES.values())
    iris = [
        base + local
        for base in ns.PREFIXES.values()
        for local in ("x", "a/b", "a b", "", "x#y", "é", "value/x")
    ]
    iris += ["urn:x", "", ns.BASE, ns.BASE + "xx/claim/1", "https://w3id.org/ogpgraph/vocab/"]
    for iri in iris:
        assert short_iri(iri) == short_iri(iri, ns.PREFIXES), iri


def test_a_required_parameter_is_required_on_the_command_line(root):
    """``query --name sources-of-fact`` without ``--param fact=…`` would list every source of
    everything: it is a usage error (exit 2) that names the parameter."""
    import subprocess
    import sys

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ogpgraph.cli.main",
            "query",
            "--name",
            "sources-of-fact",
            "--root",
            str(root),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "the stored query 'sources-of-fact' needs fact" in run.stderr
    assert "--param fact=VALUE" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def test_required_parameters_come_from_the_metadata():
    from ogpgraph.core.queries import get_stored, parse_stored

    assert get_stored("sources-of-fact").required == ("fact",)
    assert get_stored("commitments").required == ()
    q = parse_stored("q", "#+ summary: s\n#+ param: a  optional\n#+ param: b  one (Required)\n")
    assert q.required == ("b",)
    assert q.missing({"a": "1"}) == ["b"] and q.missing({"$b": "1"}) == []
