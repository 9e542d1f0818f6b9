"""Organisation kinds and te reo Māori labels (issue 15, item 6).

The organisation-kind scheme is the model's :class:`~ogpgraph.model.OrganisationKind`; every
concept is used, defined and sourced in the report's words; the iwi or Māori query finds the case
study the report says involves iwi organisations (checked by hand against
``graph/nz-sar-2016/source-report.txt``); each te reo Māori pair the report prints is two labels,
``@mi`` and ``@en``, as printed; the shapes accept ``@mi`` labels; the view carries the kinds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from ogpgraph.core import namespaces as ns
from ogpgraph.model import OrganisationKind, organisation_kind_words
from ogpgraph.model.organisations import SCHEME, kind_of_concept

ROOT = Path(__file__).resolve().parents[1]
REPORT = (ROOT / "graph" / "nz-sar-2016" / "source-report.txt").read_text(encoding="utf-8")
OGP = rdflib.Namespace(ns.OGP)
DCTERMS = rdflib.Namespace(ns.DCTERMS)
KIND = OGP.organisationKind
TERMS = rdflib.URIRef(ns.VOCAB + "maori-term")
NZ = ns.BASE + "nz/"


@pytest.fixture(scope="module")
def data(kg) -> rdflib.Graph:
    """The bundled dataset as one rdflib graph (the union of its named graphs)."""
    return kg.to_rdflib(union=True)


def _concepts(g: rdflib.Graph, scheme: str) -> list[rdflib.URIRef]:
    found = list(g.subjects(SKOS.inScheme, rdflib.URIRef(scheme)))
    return sorted(found, key=lambda c: int(g.value(c, OGP.listOrder)))


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


# -- the scheme and the model ------------------------------------------------------------------
def test_the_scheme_is_the_models_organisation_kinds_in_order(data):
    concepts = _concepts(data, SCHEME)
    assert [str(data.value(c, SKOS.notation)) for c in concepts] == list(OrganisationKind.values())
    for concept, kind in zip(concepts, OrganisationKind):
        assert str(concept) == kind.iri and kind_of_concept(str(concept)) is kind
        assert str(data.value(concept, SKOS.prefLabel)) == kind.label
        # named on the command line by its short identifier (--param kind=kind-business)
        assert str(data.value(concept, DCTERMS.identifier)) == f"kind-{kind.value}"
        broader = data.value(concept, SKOS.broader)
        assert (str(broader) if broader else "") == (
            OrganisationKind(kind.broader).iri if kind.broader else ""
        )
        # a top concept unless it is narrower than another
        top = (concept, SKOS.topConceptOf, rdflib.URIRef(SCHEME)) in data
        assert top is (not kind.broader), kind
    assert kind_of_concept(ns.VOCAB + "value/transparency") is None
    assert organisation_kind_words("no-such-kind") == "no-such-kind"


def test_every_kind_is_used_defined_and_sourced_in_the_reports_words(data):
    for kind in OrganisationKind:
        concept = rdflib.URIRef(kind.iri)
        assert list(data.subjects(KIND, concept)), f"no organisation is of kind {kind}"
        assert data.value(concept, SKOS.definition), kind
        sections = list(data.objects(concept, DCTERMS.source))
        assert sections, kind
        for section in sections:
            assert (section, RDF.type, OGP.ReportSection) in data, (kind, section)
        # the report itself uses the words: the label or one of the other labels
        labels = [data.value(concept, SKOS.prefLabel), *data.objects(concept, SKOS.altLabel)]
        assert any(_fold(str(label)) in _fold(REPORT) for label in labels), kind


def test_kinds_are_given_only_to_organisations_and_the_government_class_stays(data):
    organisations = set(data.subjects(RDF.type, None))
    for org, concept in data.subject_objects(KIND):
        assert org in organisations and kind_of_concept(str(concept)) is not None, org
        assert str(org).startswith(NZ + "org/"), org
    government = set(data.subjects(RDF.type, OGP.GovernmentAgency))
    groups = set(data.subjects(RDF.type, OGP.Group))
    agencies = set(data.subjects(KIND, rdflib.URIRef(OrganisationKind.GOVERNMENT_AGENCY.iri)))
    # a Government agency of the report is typed ogp:GovernmentAgency (the assessor rule reads
    # it), or is a group of them ("Justice sector agencies", "an advisory group of Government
    # agencies")
    assert agencies <= government | groups
    assert sorted(str(a) for a in agencies & groups) == [
        NZ + "org/digital-service-council",
        NZ + "org/justice-sector",
    ]
    assert rdflib.URIRef(NZ + "org/state-services-commission") in agencies


def test_organisations_the_report_says_two_kinds_of_have_both(data):
    tinz = rdflib.URIRef(NZ + "org/transparency-international-new-zealand")
    assert {kind_of_concept(str(c)) for c in data.objects(tinz, KIND)} == {
        OrganisationKind.CIVIL_SOCIETY,
        OrganisationKind.INTERNATIONAL,
    }


# -- the query: case studies that involve iwi or Māori organisations ---------------------------
def _run(kg, **params):
    from ogpgraph.core.queries import get_stored
    from ogpgraph.dataset.resolve import resolve_bindings

    query = get_stored("case-studies-by-organisation-kind")
    return kg.select(query.text, **resolve_bindings(kg, params))


def test_the_iwi_or_maori_query_finds_bringing_ngapuhi_children_home(kg):
    rows = _run(kg, kind="kind-iwi-or-maori-organisation")
    # the report: "Ngāpuhi Iwi Social Services is New Zealand's largest iwi (tribe)-led social
    # services provider. It is a subsidiary of Te-Rūnanga-ā-Iwi o Ngāpuhi, a representative
    # organisation for the Ngāpuhi iwi" (section 3, case study Bringing Ngāpuhi children home);
    # no other case study names an iwi or Māori organisation
    assert {r["caseStudy"] for r in rows} == {NZ + "case-study/ngapuhi-children-home"}
    assert {r["organisation"] for r in rows} == {
        NZ + "org/ngapuhi-iwi-social-services",
        NZ + "org/te-runanga-a-iwi-o-ngapuhi",
    }


def test_the_query_counts_a_kind_under_the_broader_one(kg):
    rows = _run(kg)
    lawa = NZ + "case-study/lawa"
    niwa = NZ + "org/national-institute-of-water-and-atmospheric-research"
    kinds_of_niwa = {
        r["kind"] for r in rows if r["caseStudy"] == lawa and r["organisation"] == niwa
    }
    assert kinds_of_niwa == {
        OrganisationKind.CROWN_RESEARCH_INSTITUTE.iri,
        OrganisationKind.GOVERNMENT_AGENCY.iri,
    }
    # every kind has a case study to show
    assert {r["kind"] for r in rows} == {kind.iri for kind in OrganisationKind}


# -- te reo Māori labels -----------------------------------------------------------------------
def _pairs(g: rdflib.Graph) -> list[tuple[rdflib.URIRef, str, str]]:
    """Every resource with a te reo Māori prefLabel, with its @mi and @en prefLabels."""
    found = []
    for subject in sorted(set(g.subjects(SKOS.prefLabel, None))):
        labels = list(g.objects(subject, SKOS.prefLabel))
        mi = [str(x) for x in labels if x.language == "mi"]
        if mi:
            en = [str(x) for x in labels if x.language == "en"]
            assert len(mi) == 1 and len(en) == 1, (subject, labels)  # one per language
            found.append((subject, mi[0], en[0]))
    return found


def test_each_pair_the_report_prints_has_both_labels_as_printed(data):
    pairs = _pairs(data)
    subjects = {str(s) for s, _mi, _en in pairs}
    assert NZ + "document/kia-tutahi-accord" in subjects
    assert {str(c) for c in data.subjects(SKOS.inScheme, TERMS)} <= subjects
    for subject, mi, en in pairs:
        # printed as "te reo (English)": "Kia Tūtahi (Standing Together)", "iwi (tribe)"
        assert f"{mi} ({en})" in REPORT, (subject, mi, en)


def test_the_accord_keeps_its_printed_title_as_its_label(data, kg):
    from ogpgraph.analysis.projection import build_view

    accord = rdflib.URIRef(NZ + "document/kia-tutahi-accord")
    title = "Kia Tūtahi (Standing Together) Relationship Accord"
    assert [str(x) for x in data.objects(accord, RDFS.label)] == [title]
    # the view's label is the rdfs:label, never a te reo or short prefLabel
    assert build_view(kg).nodes[str(accord)]["label"] == title


def test_a_term_glossed_two_ways_keeps_both(data):
    whanau = rdflib.URIRef(ns.VOCAB + "maori-term/whanau")
    alt = {(str(x), x.language) for x in data.objects(whanau, SKOS.altLabel)}
    assert alt == {("whanau", "mi"), ("family", "en")}
    assert "whanau (family)" in REPORT and "whānau (extended family)" in REPORT
    assert data.value(whanau, SKOS.note)


MI_ORG = """@base <https://w3id.org/ogpgraph/> .
@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
<source/test> a ogp:Source ; rdfs:label "Test source"@en .
<vocab/organisation-kind> a skos:ConceptScheme ; skos:prefLabel "Organisation kinds"@en .
<vocab/organisation-kind/iwi-or-maori-organisation> a skos:Concept ;
    skos:inScheme <vocab/organisation-kind> ;
    skos:prefLabel "Iwi or Māori organisation"@en ;
    dcterms:source <source/test> .
<nz/org/test-runanga> a ogp:CivilSocietyOrganisation ;
    rdfs:label LABELS ;
    skos:prefLabel PREFLABELS ;
    dcterms:identifier "org-test-runanga" ;
    ogp:organisationKind <vocab/organisation-kind/iwi-or-maori-organisation> ;
    dcterms:source <source/test> .
}
"""


@pytest.mark.parametrize(
    ("labels", "preflabels", "conforms"),
    [
        ('"Te Rūnanga"@mi , "The Council"@en', '"Te Rūnanga"@mi , "The Council"@en', True),
        ('"Te Rūnanga"@mi , "Te Rūnanga o Test"@mi', '"Te Rūnanga"@mi', False),
        ('"The Council"@en', '"Te Rūnanga"@mi , "Te Rūnanga o Test"@mi', False),
    ],
    ids=["one-per-language", "two-mi-labels", "two-mi-preflabels"],
)
def test_shapes_accept_mi_labels_one_per_language(make_project, labels, preflabels, conforms):
    from ogpgraph.analysis.validate import validate
    from ogpgraph.dataset.store import KnowledgeGraph

    text = MI_ORG.replace("PREFLABELS", preflabels).replace("LABELS", labels)
    report = validate(KnowledgeGraph.load(make_project({"test/mi.trig": text})))
    assert report.conforms is conforms, [(f.subject, f.kind, f.message) for f in report.errors]


# -- the view ----------------------------------------------------------------------------------
def test_the_view_carries_each_organisations_kinds(kg, data):
    from ogpgraph.analysis.projection import build_view
    from ogpgraph.model import Kind

    g = build_view(kg)
    organisations = {n: d for n, d in g.nodes(data=True) if d["kind"] == Kind.ORGANISATION}
    assert all(isinstance(d["organisation_kinds"], list) for d in organisations.values())
    assert not any(
        "organisation_kinds" in d
        for d in dict(g.nodes(data=True)).values()
        if d["kind"] != Kind.ORGANISATION
    )
    assert organisations[NZ + "org/te-runanga-a-iwi-o-ngapuhi"]["organisation_kinds"] == [
        "iwi-or-maori-organisation"
    ]
    # in the scheme's order
    assert organisations[NZ + "org/transparency-international-new-zealand"][
        "organisation_kinds"
    ] == [
        "civil-society-organisation",
        "international-organisation",
    ]
    # where the report does not say, none
    assert organisations[NZ + "org/ombudsman"]["organisation_kinds"] == []
    given = {n for n, d in organisations.items() if d["organisation_kinds"]}
    assert given == {str(o) for o in data.subjects(KIND, None)}


def test_kind_words_name_every_kind():
    assert organisation_kind_words("iwi-or-maori-organisation") == "Iwi or Māori organisation"
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", k) for k in OrganisationKind.values())


# -- organisations whose kind no source states ---------------------------------------------------
#: the report's organisations it names without saying what kind they are (no kind is guessed)
NO_KIND_IN_THE_REPORT = {
    "australian-research-council",
    "business-new-zealand",
    "cabinet",
    "hamilton-childrens-team",
    "ict-strategic-leadership-group",
    "information-group",
    "libraries",
    "mcguinness-institute",
    "members-of-the-public",
    "new-zealand-government",
    "new-zealand-on-air",
    "ombudsman",
    "open-government-information-and-data-secretariat",
    "privacy-commissioner",
    "royal-society-of-new-zealand",
    "service-innovation-group",
    "social-sector-taskforce",
    "stakeholder-advisory-group",
    "state-services-chief-executives",
    "strategic-investment-group",
    "technology-group",
    "tenancy-tribunal",
    "tindall-foundation",
    "weymouth-health-providers-network",
}
#: named only by later sources (graph/later/), which do not say either
NO_KIND_LATER = {
    "ministry-of-justice",
    "ministry-of-youth-development",
    "office-of-the-clerk",
    "parliamentary-counsel-office",
    "parliamentary-service",
    "serious-fraud-office",
    "statistics-new-zealand",
    "the-treasury",
}  # named only by later sources (OGP pages, progress reports), which give no kind


def test_organisations_without_a_kind_are_listed_and_said_so(kg):
    from ogpgraph.core.queries import get_stored
    from ogpgraph.model import KIND_NOT_STATED

    rows = kg.select(get_stored("organisations").text)
    unsaid = {
        str(r["organisation"]).rsplit("/", 1)[-1]
        for r in rows
        if r["organisationKinds"] == KIND_NOT_STATED
    }
    assert unsaid == NO_KIND_IN_THE_REPORT | NO_KIND_LATER
    assert len(NO_KIND_IN_THE_REPORT) == 24
    # never empty: an organisation has its kinds or the words
    assert all(r["organisationKinds"] for r in rows)
    # the stored query writes the model's words
    assert KIND_NOT_STATED in get_stored("organisations").text


def test_the_views_say_a_kind_is_not_stated(kg):
    from ogpgraph.analysis.projection import build_view
    from ogpgraph.pages.visdata import node_tooltip

    g = build_view(kg)
    ombudsman = g.nodes[NZ + "org/ombudsman"]
    assert "Kind of organisation: not stated in its sources" in node_tooltip(ombudsman)
    ngapuhi = g.nodes[NZ + "org/te-runanga-a-iwi-o-ngapuhi"]
    assert "Kind of organisation: Iwi or Māori organisation" in node_tooltip(ngapuhi)
    assert "not stated" not in node_tooltip(ngapuhi)
