"""The documented vocabulary: every class and property of ontology/ogpgraph.ttl has a label, a
definition and a comment, a domain and a range unless it is listed below with the reason it has
none; the ontology's version is the package's; each property has one datatype across the data."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ogpgraph.core import namespaces as ns

ROOT = Path(__file__).resolve().parents[1]
OGP = rdflib.Namespace(ns.OGP)
XSD = rdflib.Namespace(ns.XSD)  # open (rdflib's XSD warns when pytest inspects it)

#: properties used on several unrelated classes: a domain would make every subject one class
DOMAIN_FREE = {
    "about": "figures, statements, case studies and status assessments",
    "ambition": "commitments, focus areas and results (plan items and results share no class)",
    "certainty": "any statement of a source: statements, figures, targets",
    "champion": "accords, programmes and other documents",
    "citesCaseStudy": "recommendation links, status assessments and pillar rows",
    "contributingAgency": "plan items, results, initiatives and recommendation responses",
    "date": "events, documents, initiatives, assessments, groups, action plans",
    "dateText": "the same subjects as ogp:date",
    "dueDate": "milestones and targets",
    "dueDateText": "milestones and targets",
    "evidenceSource": "recommendation links and status assessments (rows of two kinds of table)",
    "hasFigure": "anything a figure can be quoted about",
    "hasTarget": "results, commitments and focus areas",
    "identifierAlias": "any resource with a short identifier",
    "leadAgency": "plan items, results, initiatives, events, documents",
    "listOrder": "list items, table rows and columns, concepts, report sections",
    "measures": "figures and targets",
    "member": "action plans and reports",
    "objective": "commitments, focus areas and results",
    "partOfProgramme": "results, result areas, initiatives, documents, groups",
    "participant": "events, case studies, initiatives, documents, groups",
    "periodEnd": "reports and assessments",
    "produced": "organisations, initiatives and events",
    "quote": "statements, claims, figures, documents: any fact resting on a source's words",
    "raisedBy": "statements of every kind",
    "rationale": "recommendation links and status assessments",
    "recurrence": "milestones and events",
    "relatedTo": "initiatives, documents, events, consultations",
    "respondsTo": "commitments, initiatives, documents, events",
    "responsiblePost": "plan items, results, initiatives, events",
    "reviewer": "recommendation links and status assessments",
    "signedOff": "recommendation links and status assessments",
    "unit": "figures, targets and measures",
}
#: properties whose values are of several unrelated classes or datatypes
RANGE_FREE = {
    "about": "initiatives, organisations, documents, recommendations, plan items, ...",
    "asOf": "xsd:date, xsd:gYearMonth or xsd:gYear: as precise as the source",
    "baselineDate": "xsd:date, xsd:gYearMonth or xsd:gYear: as precise as the source",
    "assessedEntity": "plan items, results and recommendations",
    "claimant": "plan items and results",
    "date": "xsd:date, xsd:gYearMonth or xsd:gYear: as precise as the source",
    "dueDate": "xsd:date, xsd:gYearMonth or xsd:gYear: as precise as the source",
    "focusesOn": "results and initiatives",
    "illustrates": "plan items and results",
    "linkedTo": "plan items, results, initiatives, action plans, documents, events",
    "partOfProgramme": "commitments and initiatives",
    "participant": "organisations (org:Organization) and people (foaf:Person)",
    "produced": "documents, groups and outcomes",
    "raisedBy": "organisations, groups and people",
    "relatedTo": "anything the report says an initiative, document or event serves",
    "respondsTo": "reports, recommendations and their parts",
    "statementOf": "consultations, accords, programmes, reports, plan items",
}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "ogpgraph.ttl")


def package_version() -> str:
    """The version in pyproject.toml (the one version source; tomllib is Python 3.11+)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version = "([^"]+)"$', text, re.M)
    assert match
    return match.group(1)


def _terms(g: rdflib.Graph, *kinds: rdflib.URIRef) -> list[rdflib.URIRef]:
    found = {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(ns.OGP)}
    return sorted(found)  # type: ignore[arg-type]


def _local(term: rdflib.URIRef) -> str:
    return str(term)[len(ns.OGP) :]


def _english(g: rdflib.Graph, term: rdflib.URIRef, prop: rdflib.URIRef) -> list[str]:
    return [str(o) for o in g.objects(term, prop) if getattr(o, "language", None) == "en"]


def test_the_ontology_has_about_130_terms(ontology):
    terms = _terms(ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    assert len(terms) >= 130


def test_every_term_has_a_label_a_definition_and_a_comment(ontology):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    problems = []
    for term in _terms(ontology, *kinds):
        labels = _english(ontology, term, RDFS.label)
        definitions = _english(ontology, term, SKOS.definition)
        comments = _english(ontology, term, RDFS.comment)
        if len(labels) != 1 or len(definitions) != 1 or len(comments) != 1:
            problems.append((_local(term), len(labels), len(definitions), len(comments)))
        elif comments[0] == definitions[0] or len(comments[0]) < 30:
            problems.append((_local(term), "the comment repeats the definition or says little"))
    assert problems == []


def test_every_property_has_a_domain_and_a_range_or_a_reason(ontology):
    missing_domain, missing_range = [], []
    for prop in _terms(ontology, OWL.ObjectProperty, OWL.DatatypeProperty):
        name = _local(prop)
        if ontology.value(prop, RDFS.domain) is None and name not in DOMAIN_FREE:
            missing_domain.append(name)
        if ontology.value(prop, RDFS.range) is None and name not in RANGE_FREE:
            missing_range.append(name)
    assert missing_domain == [] and missing_range == []


def test_the_reasons_are_not_stale(ontology):
    """A listed property exists and really has no domain (or range): the lists cannot hide one."""
    for names, axis in ((DOMAIN_FREE, RDFS.domain), (RANGE_FREE, RDFS.range)):
        for name, why in names.items():
            assert (OGP[name], RDF.type, None) in ontology, name
            assert ontology.value(OGP[name], axis) is None, (name, axis)
            assert why


def test_the_checks_can_fail():
    g = rdflib.Graph()
    g.add((OGP.thing, RDF.type, OWL.ObjectProperty))
    g.add((OGP.thing, RDFS.label, rdflib.Literal("thing", lang="en")))
    assert _terms(g, OWL.ObjectProperty) == [OGP.thing]
    assert g.value(OGP.thing, RDFS.domain) is None and "thing" not in DOMAIN_FREE
    assert _english(g, OGP.thing, RDFS.comment) == []


def test_the_ontology_version_is_the_package_version(ontology):
    version = package_version()
    onto = rdflib.URIRef(ns.BASE + "ontology")
    assert str(ontology.value(onto, OWL.versionInfo)) == version
    version_iri = ontology.value(onto, OWL.versionIRI)
    assert str(version_iri) == f"{ns.BASE}ontology/{version}"
    assert str(ontology.value(version_iri, OWL.versionInfo)) == version


# ---------------------------------------------------------------- typed numbers
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long}


def _datatypes_by_property(kg) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in kg.select(
        "SELECT DISTINCT ?p (DATATYPE(?o) AS ?dt) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(isLiteral(?o) && LANG(?o) = '') }"
    ):
        if not str(row["p"]).startswith(ns.SH):  # the shapes' constraints are not data
            found[str(row["p"])].add(str(row["dt"]))
    return found


def test_each_numeric_property_has_one_datatype_across_the_data(kg):
    by_property = _datatypes_by_property(kg)
    numeric = {
        p: dts for p, dts in by_property.items() if {rdflib.URIRef(d) for d in dts} & NUMERIC
    }
    assert ns.OGP + "value" in numeric and ns.OGP + "listOrder" in numeric
    assert {p: dts for p, dts in numeric.items() if len(dts) != 1} == {}


def test_ogp_datatype_properties_hold_their_declared_range(kg, ontology):
    """Every literal of an ogp datatype property with an xsd range has exactly that datatype
    (integers as xsd:integer; ogp:value and ogp:targetValue as xsd:decimal, whole or not)."""
    by_property = _datatypes_by_property(kg)
    checked = 0
    for prop in _terms(ontology, OWL.DatatypeProperty):
        declared = ontology.value(prop, RDFS.range)
        if (
            declared is None
            or not str(declared).startswith(str(XSD))
            or str(prop) not in by_property
        ):
            continue
        checked += 1
        assert by_property[str(prop)] == {str(declared)}, _local(prop)
    assert checked >= 10


def test_a_decimal_pattern_finds_a_whole_target(kg):
    """``ogp:targetValue 98.0`` finds the 98 % immunisation target; ``FILTER(?v = 98)`` too."""
    prefix = "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>\n"
    assert kg.select(prefix + "SELECT ?t WHERE { ?t ogp:targetValue 98.0 }")
    assert kg.select(prefix + "SELECT ?t WHERE { ?t ogp:targetValue ?v FILTER(?v = 98) }")
    assert not kg.select(prefix + "SELECT ?t WHERE { ?t ogp:targetValue 98 }")
