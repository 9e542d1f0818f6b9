"""One finding type for every check, printed one way in every format the commands offer; the
Turtle validation report writes each sh:value as what it is (an IRI or a literal)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib

from ogpgraph.core.findings import FORMATS, Finding, Location, Severity, render_findings

DATA = Path(__file__).parent / "data"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

FINDINGS = [
    Finding(
        Severity.ERROR,
        "links",
        "tinz.csv",
        "unknown relation 'adresses'",
        location=Location(file="tinz.csv", row=3, column="relation"),
    ),
    Finding(
        Severity.WARNING,
        "conflict",
        "https://w3id.org/ogpgraph/nz/commitment/1",
        "=cmd|' /C calc'!A0 claimed in one source",
        ("https://w3id.org/ogpgraph/source/a", "https://w3id.org/ogpgraph/source/b"),
        subject_label="Commitment one",
        related=("https://w3id.org/ogpgraph/vocab/value/transparency",),
        details={"status": "unknown"},
    ),
]


def test_json_keeps_each_commands_field_names():
    gaps = json.loads(
        render_findings(FINDINGS[1:], "json", ("kind", "subject", "reason", "sources", "details"))
    )
    assert gaps == [
        {
            "kind": "conflict",
            "subject": "https://w3id.org/ogpgraph/nz/commitment/1",
            "reason": FINDINGS[1].message,
            "sources": list(FINDINGS[1].sources),
            "status": "unknown",
        }
    ]
    links = json.loads(render_findings(FINDINGS[:1], "json", ("path=file", "row", "column")))
    assert links == [{"path": "tinz.csv", "row": 3, "column": "relation"}]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_every_finding(fmt):
    text = render_findings(FINDINGS, fmt, ("severity", "kind", "message", "sources"))
    for finding in FINDINGS:
        assert finding.kind in text or fmt == "text"
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["severity", "kind", "message", "sources"]
        assert rows[2][2].startswith("'=")  # a formula is neutralised, as everywhere
    if fmt == "text":
        assert text.splitlines()[0] == (
            "tinz.csv: row 3, column 'relation': error: unknown relation 'adresses'"
        )


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        render_findings(FINDINGS, "yaml", ("kind",))


def test_a_location_reads_as_where_to_look():
    assert str(Location(row=5, column="Completion", column_letter="T")) == (
        "row 5, column 'Completion' (T)"
    )
    assert str(Location(file="a.ttl", line=3)) == "a.ttl: line 3"
    assert str(Location()) == ""


DUPLICATE_IDS = """
@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/t/report> a ogp:Source ; rdfs:label "Report"@en .
  <https://w3id.org/ogpgraph/t/a> a ogp:Initiative ; rdfs:label "A"@en ;
    dcterms:identifier "same-id" ; dcterms:source <https://w3id.org/ogpgraph/t/report> .
  <https://w3id.org/ogpgraph/t/b> a ogp:Initiative ; rdfs:label "B"@en ;
    dcterms:identifier "same-id" ; dcterms:source <https://w3id.org/ogpgraph/t/report> .
  <https://w3id.org/ogpgraph/t/c> a ogp:Initiative ; rdfs:label "C"@en ;
    ogp:relatedTo <https://w3id.org/ogpgraph/t/nowhere> ;
    dcterms:source <https://w3id.org/ogpgraph/t/report> .
}
"""


def test_turtle_report_writes_literal_values_as_literals(make_project, cli):
    project = make_project({"test/dup.trig": DUPLICATE_IDS})
    result = cli("validate", "--format", "ttl", root=project)
    assert result.exit_code == 1
    report = rdflib.Graph().parse(data=result.output, format="turtle")
    values = {}
    for node in report.subjects(SH.sourceShape, None):
        shape = str(report.value(node, SH.sourceShape))
        if shape.endswith(("IntegrityIdentifier", "IntegrityDanglingIRI")):
            values[shape.rsplit("#", 1)[-1], str(report.value(node, SH.focusNode))] = report.value(
                node, SH.value
            )
    ident = values["IntegrityIdentifier", "https://w3id.org/ogpgraph/t/a"]
    assert ident == rdflib.Literal("same-id")  # was written as the IRI <same-id>
    dangling = values["IntegrityDanglingIRI", "https://w3id.org/ogpgraph/t/c"]
    assert dangling == rdflib.URIRef("https://w3id.org/ogpgraph/t/nowhere")
