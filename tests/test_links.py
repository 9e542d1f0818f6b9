"""TINZ's and government's link tables: every malformed case reported by row and column,
never a traceback; valid tables compiled into their own named graph with PROV."""

from __future__ import annotations

import pytest

from ogpgraph.dataset.links import check_links
from ogpgraph.dataset.store import KnowledgeGraph

from .fixtures_gaps import clean_project

HEADER = "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"


@pytest.fixture
def kg_and_dir(make_project, tmp_path):
    proj = clean_project(make_project)
    return KnowledgeGraph.load(proj), tmp_path


@pytest.mark.parametrize(
    "body, row, column, words",
    [
        (
            "nis-rec-9,initiative-one,addresses,met,r,,org-t,2016-01-01\n",
            2,
            "recommendation",
            "unknown recommendation 'nis-rec-9'; did you mean nis-rec-1",
        ),
        (
            "nis-rec-1,initiativ-one,addresses,met,r,,org-t,2016-01-01\n",
            2,
            "target",
            "did you mean initiative-one",
        ),
        (
            "nis-rec-1,initiative-one,adresses,met,r,,org-t,2016-01-01\n",
            2,
            "relation",
            "unknown relation 'adresses'",
        ),
        (
            "nis-rec-1,initiative-one,addresses,done,r,,org-t,2016-01-01\n",
            2,
            "status",
            "unknown status 'done'",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,,,org-t,2016-01-01\n",
            2,
            "rationale",
            "required value is missing",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,r,,org-t,\n",
            2,
            "asserted_on",
            "required value is missing",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,r,,org-t,1 Feb 2016\n",
            2,
            "asserted_on",
            "is not a date",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,r,,org-t,2014-13-40\n",
            2,
            "asserted_on",
            "is not a date",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,r,,org-t,2016-02-30\n",
            2,
            "asserted_on",
            "is not a date",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,r,,org-x,2016-01-01\n",
            2,
            "asserted_by",
            "unknown organisation 'org-x'",
        ),
        ("nis-rec-1,org-a,addresses,met,r,,org-t,2016-01-01\n", 2, "target", "is not a commitment"),
        (
            "commitment-1,initiative-one,addresses,met,r,,org-t,2016-01-01\n",
            2,
            "recommendation",
            "is not an NIS recommendation",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,r,,org-t,2016\nnis-rec-1,initiative-one,addresses,met,r2,,org-t,2016\n",
            3,
            "",
            "duplicate of row 2",
        ),
        (
            "nis-rec-1,initiative-one,addresses,met,a, b,,org-t,2016\n",
            2,
            "",
            "more cells than header columns",
        ),
    ],
)
def test_each_malformed_case_is_reported_by_row_and_column(kg_and_dir, body, row, column, words):
    kg, tmp = kg_and_dir
    path = tmp / "links.csv"
    path.write_text(HEADER + body)
    problems = check_links(path, kg)
    assert any(
        p.location.row == row and (p.location.column or "") == column and words in p.message
        for p in problems
    ), problems


def test_missing_header_column_is_reported(kg_and_dir):
    kg, tmp = kg_and_dir
    path = tmp / "links.csv"
    path.write_text("recommendation,target,relation\nnis-rec-1,initiative-one,addresses\n")
    problems = check_links(path, kg)
    assert {p.location.column for p in problems if p.location.row == 1} >= {
        "rationale",
        "asserted_by",
        "asserted_on",
    }


def test_bom_and_spaces_are_tolerated(kg_and_dir):
    kg, tmp = kg_and_dir
    path = tmp / "links.csv"
    path.write_bytes(
        (
            "\ufeff"
            + HEADER.replace(",", " , ")
            + " nis-rec-1 , initiative-one , addresses , met , r ,, org-t , 2016-01-01 \n"
        ).encode()
    )
    assert check_links(path, kg) == []


def test_empty_file(kg_and_dir):
    kg, tmp = kg_and_dir
    path = tmp / "links.csv"
    path.write_text("")
    (problem,) = check_links(path, kg)
    assert problem.location.row == 1 and "empty" in problem.message


def test_links_check_cli_exit_codes(cli, make_project):
    proj = clean_project(make_project)
    ok = cli("links", "check", root=proj)
    assert ok.exit_code == 0, ok.output
    assert "no problems" in ok.output
    bad = proj / "graph" / "links" / "tinz.csv"
    bad.write_text(HEADER + "nis-rec-1,initiative-one,adresses,met,,,org-t,2016\n")
    result = cli("links", "check", str(bad), root=proj)
    assert result.exit_code == 1
    assert "row 2, column 'relation'" in result.output
    assert "row 2, column 'rationale'" in result.output
    assert "Traceback" not in result.output


def test_a_broken_links_table_stops_the_build_with_row_and_column(cli, make_project):
    proj = clean_project(make_project)
    (proj / "graph" / "links" / "tinz.csv").write_text(
        HEADER + "nis-rec-1,nope,addresses,met,r,,org-t,2016\n"
    )
    result = cli("build", "--exports", str(proj / "out"), root=proj)
    assert result.exit_code == 2
    assert "tinz.csv: row 2, column 'target'" in result.output
    assert not (proj / "out").exists()


def test_compiled_links_carry_prov_in_their_own_graph(make_project):
    kg = KnowledgeGraph.load(clean_project(make_project))
    rows = kg.select("""
        PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?g ?who ?when WHERE { GRAPH ?g { ?l a ogp:RecommendationLink ;
            prov:wasAttributedTo ?who ; dcterms:date ?when } } ORDER BY ?g""")
    assert [r["g"].rsplit("/", 1)[-1] for r in rows] == ["government", "tinz"]
    assert rows[1]["who"].endswith("/org-t")
    assert str(rows[1]["when"]) == "2016-02-01"


def test_sparql_can_ask_for_links_only_one_side_makes(make_project):
    from ogpgraph.core.queries import get_stored

    proj = clean_project(make_project)
    (proj / "graph" / "links" / "tinz.csv").write_text(
        HEADER + "nis-rec-1,commitment-1,partly-addresses,progressing,TINZ only,,org-t,2016\n"
    )
    kg = KnowledgeGraph.load(proj)
    tinz_only = kg.select(get_stored("links-tinz-not-government").text)
    assert [r["target"].rsplit("/", 1)[-1] for r in tinz_only] == ["c1"]
    gov_only = kg.select(get_stored("links-government-not-tinz").text)
    assert [r["target"].rsplit("/", 1)[-1] for r in gov_only] == ["init"]
