"""Starting in a minute (issue 13, item 7): ``ogpgraph links new NAME`` writes a table with the
header and one commented example row; comment rows are skipped; organisations have short
identifier aliases (``org-tinz``, ``org-ssc``, ``org-linz``) that resolve and are suggested."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from ogpgraph.core.errors import OgpgraphError
from ogpgraph.dataset.links import COLUMNS, check_links, compile_links, read_rows
from ogpgraph.dataset.links_template import new_table, template_text
from ogpgraph.dataset.resolve import identifiers, resolve_id, resolve_term, suggest
from ogpgraph.dataset.store import KnowledgeGraph

from .conftest import ROOT

HEADER = ",".join(COLUMNS) + "\n"
ALIASES = {
    "org-tinz": "org-transparency-international-new-zealand",
    "org-ssc": "org-state-services-commission",
    "org-linz": "org-land-information-new-zealand",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled project without graph/links/tinz.csv."""
    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "ontology", proj / "ontology")
    shutil.copytree(ROOT / "graph", proj / "graph")
    (proj / "graph" / "links" / "tinz.csv").unlink()
    return proj


# --- aliases -----------------------------------------------------------------------------


@pytest.mark.parametrize("alias, canonical", sorted(ALIASES.items()))
def test_an_alias_resolves_to_the_same_organisation(kg, alias, canonical):
    assert resolve_id(kg, alias) == resolve_id(kg, canonical)
    assert str(resolve_term(kg, alias, {}).value) == resolve_id(kg, canonical)


def test_an_acronym_the_report_does_not_use_gets_no_alias(kg):
    # the report never writes "DIA": no source, no alias
    assert "org-dia" not in identifiers(kg)
    with pytest.raises(OgpgraphError):
        resolve_id(kg, "org-dia")


def test_a_mistyped_alias_suggests_the_alias(kg):
    assert "org-tinz" in suggest(kg, "org-tinzz")
    with pytest.raises(OgpgraphError) as caught:
        resolve_id(kg, "org-tinzz")
    assert "org-tinz" in (caught.value.hint or "")
    with pytest.raises(OgpgraphError) as caught:
        resolve_term(kg, "org-tinzz", {})
    assert "org-tinz" in (caught.value.hint or "")


def test_a_links_row_may_name_its_asserter_by_alias(kg, tmp_path):
    path = tmp_path / "tinz.csv"
    path.write_text(
        HEADER + "nis-rec-3,commitment-3,partly-addresses,,Because.,,org-tinz,2016-03-15\n",
        encoding="utf-8",
    )
    assert check_links(path, kg) == []
    quads = compile_links(path, graph="https://w3id.org/ogpgraph/graph/links/tinz", kg=kg)
    attributed = {
        str(q.object.value) for q in quads if q.predicate.value.endswith("wasAttributedTo")
    }
    assert attributed == {resolve_id(kg, "org-transparency-international-new-zealand")}


def test_an_alias_that_repeats_another_identifier_is_an_integrity_error(cli, make_project):
    trig = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/t/s> a ogp:Source ; rdfs:label "s"@en .
  <https://w3id.org/ogpgraph/t/a> a ogp:CivilSocietyOrganisation ; rdfs:label "A"@en ;
      dcterms:identifier "org-a" ; ogp:identifierAlias "org-b" ;
      dcterms:source <https://w3id.org/ogpgraph/t/s> .
  <https://w3id.org/ogpgraph/t/b> a ogp:CivilSocietyOrganisation ; rdfs:label "B"@en ;
      dcterms:identifier "org-b" ; dcterms:source <https://w3id.org/ogpgraph/t/s> .
}
"""
    proj = make_project({"t/a.trig": trig})
    data = json.loads(cli("validate", "--format", "json", root=proj).output)
    duplicates = [f for f in data["findings"] if f["shape"].endswith("IntegrityIdentifier")]
    assert {f["focus"] for f in duplicates} == {
        "https://w3id.org/ogpgraph/t/a",
        "https://w3id.org/ogpgraph/t/b",
    }
    # and the identifier wins over the alias when resolving
    kg = KnowledgeGraph.load(proj)
    assert resolve_id(kg, "org-b") == "https://w3id.org/ogpgraph/t/b"


def test_the_bundled_graph_with_aliases_validates(cli, root):
    assert cli("validate", root=root).exit_code == 0


# --- comment rows ------------------------------------------------------------------------


def test_comment_rows_are_skipped_by_reading_checking_and_compiling(kg, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        HEADER
        + "# a note, not a link,,,,,,\n"
        + "  #nis-rec-99,nothing,whatever,bad,,,org-nobody,yesterday\n"
        + "nis-rec-3,commitment-3,partly-addresses,,Because.,,org-tinz,2016\n",
        encoding="utf-8",
    )
    _header, rows = read_rows(path)
    assert [number for number, _rec in rows] == [4]
    assert check_links(path, kg) == []
    quads = compile_links(path, graph="https://w3id.org/ogpgraph/graph/links/t", kg=kg)
    links = {q.subject.value for q in quads if q.object.value.endswith("RecommendationLink")}
    # a row's IRI carries its date: dated rows are history, not duplicates
    assert links == {"https://w3id.org/ogpgraph/nz/link/t/nis-rec-3--commitment-3/2016"}


def test_a_hash_inside_a_later_cell_is_not_a_comment(kg, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "nis-rec-3,#commitment-3,addresses,,r,,org-tinz,2016\n")
    problems = check_links(path, kg)
    assert [(p.location.row, p.location.column) for p in problems] == [(2, "target")]


# --- links new ---------------------------------------------------------------------------


def test_links_new_writes_the_header_and_one_commented_example(cli, project):
    result = cli("links", "new", "tinz", root=project)
    assert result.exit_code == 0, result.output
    path = project / "graph" / "links" / "tinz.csv"
    assert str(path) in result.output
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 2 and rows[1][0].startswith("#")
    assert rows[1][COLUMNS.index("asserted_by")] == "org-tinz"
    assert read_rows(path)[1] == []  # the example is not a link
    check = cli("links", "check", str(path), root=project)
    assert check.exit_code == 0 and "no problems" in check.output


def test_the_example_row_is_valid_once_uncommented(kg, tmp_path):
    path = tmp_path / "tinz.csv"
    text = template_text("org-tinz")
    header, example = text.splitlines()
    path.write_text(header + "\n" + example.removeprefix("# ") + "\n", encoding="utf-8")
    assert len(read_rows(path)[1]) == 1
    assert check_links(path, kg) == []


def test_links_new_refuses_to_overwrite(cli, project):
    path = project / "graph" / "links" / "government.csv"
    before = path.read_bytes()
    result = cli("links", "new", "government.csv", root=project)
    assert result.exit_code == 2
    assert "already exists" in result.output and "Traceback" not in result.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["tinz (1)", "../tinz", "", "tīnz"])
def test_links_new_refuses_a_name_that_is_not_a_plain_file_name(cli, project, name):
    result = cli("links", "new", name, root=project)
    assert result.exit_code == 2
    assert "not a table name" in result.output
    assert sorted(p.name for p in (project / "graph" / "links").iterdir()) == ["government.csv"]


def test_new_table_without_a_graph_leaves_the_asserter_to_fill_in(tmp_path):
    path = new_table(tmp_path / "links", "someone")
    assert path == tmp_path / "links" / "someone.csv"
    assert ",org-…," in path.read_text(encoding="utf-8")


def test_links_new_help_has_an_example(cli):
    result = cli("links", "new", "--help")
    assert result.exit_code == 0
    assert "ogpgraph links new tinz" in result.output


def test_the_identifiers_query_lists_the_aliases(cli, root):
    result = cli("query", "--name", "identifiers", "--format", "json", root=root)
    assert result.exit_code == 0
    bindings = json.loads(result.output)["results"]["bindings"]
    rows = {row["id"]["value"]: row["iri"]["value"] for row in bindings}
    for alias, canonical in ALIASES.items():
        assert rows[alias] == rows[canonical]


def test_an_alias_of_the_wrong_form_is_a_shape_violation(cli, make_project):
    trig = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/t/s> a ogp:Source ; rdfs:label "s"@en .
  <https://w3id.org/ogpgraph/t/a> a ogp:CivilSocietyOrganisation ; rdfs:label "A"@en ;
      dcterms:identifier "org-a" ; ogp:identifierAlias "TINZ" ;
      dcterms:source <https://w3id.org/ogpgraph/t/s> .
}
"""
    proj = make_project({"t/a.trig": trig})
    result = cli("validate", "--format", "json", root=proj)
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert [f["path"] for f in findings if f["focus"].endswith("/t/a")] == [
        "https://w3id.org/ogpgraph/ontology#identifierAlias"
    ]
