"""Validation: each invalid fixture fails with the shape it was made to break; the minimal valid
fixture and the bundled graph conform; the CLI reports focus node, shape, message and file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogpgraph.analysis.validate import validate
from ogpgraph.dataset.store import KnowledgeGraph

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.trig"))
SHAPES = "https://w3id.org/ogpgraph/shapes#"


def _project(make_project, fixture: Path) -> Path:
    return make_project(
        {f"test/{fixture.name}": fixture.read_text(encoding="utf-8")}, name=fixture.stem
    )


@pytest.mark.parametrize("fixture", INVALID, ids=[f.stem for f in INVALID])
def test_invalid_fixture_fails_with_the_expected_shape(make_project, fixture):
    expected = SHAPES + fixture.stem.split("--")[0]
    report = validate(KnowledgeGraph.load(_project(make_project, fixture)))
    assert not report.conforms
    shapes = {f.kind.split(" ")[0] for f in report.errors}
    assert expected in shapes, (expected, shapes)


def test_minimal_valid_fixture_conforms(make_project):
    report = validate(KnowledgeGraph.load(_project(make_project, DATA / "valid" / "minimal.trig")))
    assert report.conforms, [(f.subject, f.kind, f.message) for f in report.errors]


def test_at_least_ten_invalid_fixtures():
    assert len(INVALID) >= 10


def test_validate_cli_names_focus_shape_message_and_file(cli, make_project):
    fixture = DATA / "invalid" / "CommitmentShape--no-lead-agency.trig"
    proj = _project(make_project, fixture)
    result = cli("validate", root=proj)
    assert result.exit_code == 1
    assert "shape:   sh-ogp:CommitmentShape" in result.output
    assert "message:" in result.output
    assert "file:" in result.output and fixture.name in result.output
    assert "does NOT conform" in result.output


def test_validate_cli_json_and_ttl(cli, make_project):
    proj = _project(make_project, DATA / "invalid" / "FigureShape--value-not-number.trig")
    data = json.loads(cli("validate", "--format", "json", root=proj).output)
    assert data["conforms"] is False and data["errors"] >= 1
    ttl = cli("validate", "--format", "ttl", root=proj)
    assert ttl.exit_code == 1
    import rdflib

    g = rdflib.Graph().parse(data=ttl.output, format="turtle")
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert (None, SH.conforms, rdflib.Literal(False)) in g
    assert any(g.subjects(rdflib.RDF.type, SH.ValidationResult))


def test_bundled_graph_validates_with_exit_0(cli, root):
    result = cli("validate", root=root)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_dangling_iri_and_unknown_term_are_integrity_errors(cli, make_project):
    trig = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/t/s> a ogp:Source ; rdfs:label "s"@en .
  <https://w3id.org/ogpgraph/t/x> a ogp:Initiative ; rdfs:label "x"@en ; dcterms:source <https://w3id.org/ogpgraph/t/s> ;
      ogp:leadAgncy <https://w3id.org/ogpgraph/t/nobody> .
}
"""
    proj = make_project({"t/a.trig": trig})
    data = json.loads(cli("validate", "--format", "json", root=proj).output)
    shapes = {f["shape"] for f in data["findings"]}
    assert SHAPES + "IntegrityDanglingIRI" in shapes
    assert SHAPES + "IntegrityUnknownTerm" in shapes


def test_ill_formed_literal_is_a_finding_not_a_traceback(cli, make_project, capfd):
    fixture = (DATA / "valid" / "minimal.trig").read_text(encoding="utf-8")
    trig = fixture.replace('"2015-08-31"^^xsd:date', '"2015-13-40"^^xsd:date', 1)
    assert trig != fixture, "the fixture has a date to break"
    proj = make_project({"test/bad-date.trig": trig})
    result = cli("validate", root=proj)
    captured = capfd.readouterr()
    assert result.exit_code == 1
    assert "Traceback" not in result.output + captured.err + captured.out


def test_commitment_advisories_are_for_the_first_plan_only(make_project):
    """The responsible-post (milestone, relevance-claim) advisories ask for what the 2016
    report gives of its own plan: a first-plan commitment without them is advised, the same
    commitment in a later plan (whose sources give none) is not."""
    base = (DATA / "valid" / "minimal.trig").read_text(encoding="utf-8")
    bare = base.replace("    ogp:responsiblePost <nz/post/ssc-senior-advisor> ;\n", "")
    assert bare != base

    def advisories(text: str, name: str) -> set[str]:
        report = validate(KnowledgeGraph.load(make_project({"test/m.trig": text}, name=name)))
        assert report.conforms
        return {
            f.kind.split(" ")[0].removeprefix(SHAPES)
            for f in report.findings
            if f.subject.endswith("/nz/commitment/3")
        }

    assert advisories(base, "whole") == set()
    assert advisories(bare, "first") == {
        "CommitmentResponsiblePostAdvice",
    }
    later = bare.replace(
        "ogp:inActionPlan <nz/action-plan/1>", "ogp:inActionPlan <nz/action-plan/2>"
    )
    assert later != bare
    end = later.rindex("}")  # inside the fixture's GRAPH block
    later = (
        later[:end]
        + '<nz/action-plan/2> a ogp:ActionPlan ; rdfs:label "Second plan"@en ;\n'
        + '    dcterms:identifier "action-plan-2" ; ogp:member <member/nz> ;\n'
        + '    ogp:actionPlanNumber 2 ; ogp:date "2016-10"^^xsd:gYearMonth ;\n'
        + "    dcterms:source <source/test-report/s3> .\n"
        + later[end:]
    )
    assert advisories(later, "later") == set()
