"""The domain model (:mod:`ogpgraph.model`) against the ontology, and everything that derives from it.

The ontology is loaded with rdflib: every class and object or datatype property of
``ontology/ogpgraph.ttl`` is either mapped by the model or listed in ``IGNORED`` with a reason,
and every term the model maps exists (in the ontology, or in the external vocabulary whose
prefix the ontology declares and whose term it or the data uses).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS

from ogpgraph.core import namespaces as ns
from ogpgraph.model import (
    ADDRESSING_LINKS,
    ATTRIBUTES,
    CLAIM_RELATIONS,
    CLASSES,
    GRADED_LINKS,
    IGNORED,
    INVOLVEMENT,
    LINK_RELATIONS,
    PREDICATES,
    RESPONDING_LINKS,
    SCHEMES,
    Certainty,
    Family,
    Kind,
    Relation,
    Status,
    as_relation,
)

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "ogpgraph.ttl"
VOCABULARIES = ROOT / "ontology" / "vocabularies.ttl"


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def vocabularies() -> rdflib.Graph:
    return rdflib.Graph().parse(VOCABULARIES)


def _declared(ontology: rdflib.Graph, *types: rdflib.URIRef) -> set[str]:
    return {str(s) for t in types for s in ontology.subjects(RDF.type, t)}


def _mapped_classes() -> set[str]:
    statements = {family.statement for family in Family if family.statement}
    return set(CLASSES) | statements


def _mapped_properties() -> set[str]:
    return {p for relation in Relation for p in relation.predicates} | set(ATTRIBUTES)


def test_every_class_of_the_ontology_is_mapped_or_ignored(ontology: rdflib.Graph) -> None:
    classes = _declared(ontology, OWL.Class)
    assert classes, "the ontology declares no class: is the path right?"
    left = sorted(c for c in classes if c not in _mapped_classes() and c not in IGNORED)
    assert left == [], f"classes neither mapped by ogpgraph.model nor in IGNORED: {left}"


def test_every_property_of_the_ontology_is_mapped_or_ignored(ontology: rdflib.Graph) -> None:
    properties = _declared(ontology, OWL.ObjectProperty, OWL.DatatypeProperty)
    left = sorted(p for p in properties if p not in _mapped_properties() and p not in IGNORED)
    assert left == [], f"properties neither mapped by ogpgraph.model nor in IGNORED: {left}"


def test_ignored_terms_exist_have_a_reason_and_are_not_mapped(ontology: rdflib.Graph) -> None:
    declared = _declared(ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    assert sorted(t for t in IGNORED if t not in declared) == []
    assert sorted(t for t in IGNORED if t in _mapped_classes() | _mapped_properties()) == []
    for term, reason in IGNORED.items():
        assert reason.strip() and "\n" not in reason, term


def _external_terms_in_use() -> str:
    """The text of the ontology files and the data, where an external term must be used."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "ontology").glob("*.ttl"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "graph").rglob("*.trig"))]
    return "\n".join(texts)


def _exists(term: str, ontology: rdflib.Graph, types: set[rdflib.URIRef], used: str) -> bool:
    if term.startswith(ns.OGP):
        return bool(set(ontology.objects(rdflib.URIRef(term), RDF.type)) & types)
    prefixes = {str(iri): prefix for prefix, iri in ontology.namespaces()}
    for namespace, prefix in prefixes.items():
        if prefix and term.startswith(namespace) and namespace != ns.OGP:
            local = term[len(namespace) :]
            return bool(re.search(rf"\b{re.escape(prefix)}:{re.escape(local)}\b", used))
    return False


def test_every_class_the_model_maps_exists(ontology: rdflib.Graph) -> None:
    used = _external_terms_in_use()
    missing = [c for c in _mapped_classes() if not _exists(c, ontology, {OWL.Class}, used)]
    assert missing == []


def test_every_property_the_model_maps_exists(ontology: rdflib.Graph) -> None:
    used = _external_terms_in_use()
    types = {OWL.ObjectProperty, OWL.DatatypeProperty}
    missing = [p for p in _mapped_properties() if not _exists(p, ontology, types, used)]
    assert missing == []


def test_the_existence_check_can_fail(ontology: rdflib.Graph) -> None:
    used = _external_terms_in_use()
    assert not _exists(ns.OGP + "Commitmnet", ontology, {OWL.Class}, used)
    assert not _exists(ns.ORG + "OrganizationalUnit", ontology, {OWL.Class}, used)
    assert _exists(ns.ORG + "FormalOrganization", ontology, {OWL.Class}, used)


def test_schemes_are_concept_schemes(vocabularies: rdflib.Graph) -> None:
    for scheme in SCHEMES:
        assert (rdflib.URIRef(scheme), RDF.type, SKOS.ConceptScheme) in vocabularies, scheme


def _notations(vocabularies: rdflib.Graph, scheme: str) -> list[tuple[int, str, str]]:
    rows = []
    for concept in vocabularies.subjects(SKOS.inScheme, rdflib.URIRef(scheme)):
        order = vocabularies.value(concept, rdflib.URIRef(ns.OGP + "listOrder"))
        rows.append(
            (
                int(order) if order is not None else 0,
                str(vocabularies.value(concept, SKOS.notation)),
                str(vocabularies.value(concept, SKOS.prefLabel)),
            )
        )
    return sorted(rows)


def test_statuses_are_the_recommendation_status_scheme_in_order(
    vocabularies: rdflib.Graph,
) -> None:
    rows = _notations(vocabularies, ns.VOCAB + "recommendation-status")
    assert [notation for _order, notation, _label in rows] == list(Status.values())
    for _order, notation, label in rows:
        assert Status(notation).label.startswith(label)


def test_link_relations_are_the_link_relation_scheme(vocabularies: rdflib.Graph) -> None:
    rows = _notations(vocabularies, ns.VOCAB + "link-relation")
    assert {notation for _o, notation, _label in rows} == {r.value for r in LINK_RELATIONS}
    # a relation's words are its concept's prefLabel or, where a sentence says it otherwise
    # ("is linked to (not graded)" for "linked (not graded)"), an altLabel
    for relation in LINK_RELATIONS:
        concept = rdflib.URIRef(ns.VOCAB + "link-relation/" + relation.value)
        labels = {
            str(o)
            for p in (SKOS.prefLabel, SKOS.altLabel)
            for o in vocabularies.objects(concept, p)
        }
        assert relation.words in labels, relation


def test_certainties_are_the_certainty_scheme(vocabularies: rdflib.Graph) -> None:
    rows = _notations(vocabularies, ns.VOCAB + "certainty")
    assert {notation: label for _o, notation, label in rows} == {
        c.value: c.label for c in Certainty
    }


def test_every_kind_has_classes_or_a_scheme() -> None:
    for kind in Kind:
        assert kind.classes or kind in SCHEMES.values(), kind
        assert kind.singular and kind.plural and kind.order == list(Kind).index(kind)


def test_relations_are_well_formed() -> None:
    for relation in Relation:
        assert relation.predicates, relation
        assert relation.sources and relation.targets, relation
        assert relation.sources <= set(Kind) and relation.targets <= set(Kind)
    assert [r.family for r in CLAIM_RELATIONS] == [Family.CLAIM] * 2
    assert [r.value for r in LINK_RELATIONS] == [
        "addresses",
        "partly-addresses",
        "does-not-address",
        "linked",
    ]
    # three grades and one ungraded relation; a response is anything but "does not address"
    assert [r.value for r in GRADED_LINKS] == [r.value for r in LINK_RELATIONS[:3]]
    assert Relation.LINKED in RESPONDING_LINKS and Relation.DOES_NOT_ADDRESS not in RESPONDING_LINKS
    assert ADDRESSING_LINKS == (Relation.ADDRESSES, Relation.PARTLY_ADDRESSES)
    assert all(r.reverse for r in INVOLVEMENT)  # organisations point at what they do
    assert set(PREDICATES.values()) == {r for r in Relation if r.family is Family.EDGE}


def test_names_are_their_values_everywhere() -> None:
    assert Kind.RESULT == "result" and hash(Kind.RESULT) == hash("result")
    assert f"{Kind.FOCUS_AREA}" == str(Kind.FOCUS_AREA) == "focus-area"
    assert f"{Relation.PART_OF:>8}" == " part-of"
    assert json.dumps({Relation.LEADS: Status.MET}) == '{"leads": "met"}'
    assert {"not-claimed": 1}[Relation.NOT_CLAIMED] == 1


def test_as_relation_refuses_an_unknown_name() -> None:
    assert as_relation("part-of") is Relation.PART_OF
    assert as_relation(Relation.LEADS) is Relation.LEADS
    with pytest.raises(ValueError, match=r"unknown relation 'part_of'.*part-of"):
        as_relation("part_of")


# --- what derives from the model ---------------------------------------------------------------


def test_the_projection_takes_its_classes_and_predicates_from_the_model() -> None:
    from ogpgraph.analysis.projection import KINDS, NODE_KINDS, RELATIONS, projection_queries

    assert KINDS == CLASSES
    assert NODE_KINDS == tuple(Kind)
    assert RELATIONS == {p: (r, r.reverse) for p, r in PREDICATES.items()}
    _sources, nodes, edges, _claims, _links = projection_queries()
    assert all(f"<{c}>" in nodes for c in CLASSES)
    assert all(f"<{s}>" in nodes for s in SCHEMES)
    assert all(f"<{p}>" in edges for p in PREDICATES)
    assert "%" not in nodes and "%" not in edges


def test_the_view_holds_the_models_names_as_plain_strings(kg) -> None:
    from ogpgraph.analysis.projection import build_view

    g = build_view(kg)
    kinds = {d["kind"] for _n, d in g.nodes(data=True)}
    assert kinds <= set(Kind.values()) and {type(k) for k in kinds} == {str}
    relations = {d["relation"] for _u, _v, d in g.edges(data=True)}
    assert relations <= set(Relation.values()) and {type(r) for r in relations} == {str}
    wrong = sorted(
        (d["relation"], g.nodes[u]["kind"], g.nodes[v]["kind"])
        for u, v, d in g.edges(data=True)
        if g.nodes[u]["kind"] not in Relation(d["relation"]).sources
        or g.nodes[v]["kind"] not in Relation(d["relation"]).targets
    )
    assert wrong == [], "edges joining kinds their relation does not declare"


def test_edges_refuses_a_name_that_is_not_a_relation(kg) -> None:
    from ogpgraph.analysis.projection import build_view, edges, edges_with

    g = build_view(kg)
    led = edges(g, Relation.LEADS)
    assert led and edges(g, "leads") == led  # a relation's own string is accepted
    with pytest.raises(ValueError, match="unknown relation 'lead'"):
        edges(g, "lead")
    with pytest.raises(ValueError, match="unknown relation 'claim'"):
        edges_with(g, Relation.CLAIMS, "claim")
    some_org = led[0][0]
    with pytest.raises(ValueError):
        edges(g, "part of", source=some_org)
    # a copy has no index, and is scanned: the check holds there too
    with pytest.raises(ValueError):
        edges(g.copy(), "touch", target=some_org)


def test_pages_style_every_kind_and_status_with_the_models_words() -> None:
    from ogpgraph.pages.style import NODE_STYLES, RELATION_STYLES, STATUS_COLORS

    assert list(NODE_STYLES)[: len(Kind)] == list(Kind)
    assert all(NODE_STYLES[k].label == k.singular for k in Kind)
    assert list(STATUS_COLORS) == list(Status)
    assert all(STATUS_COLORS[s][0] == s.label for s in Status)
    assert set(RELATION_STYLES) == {r for r in Relation if r.family is not Family.LINK}


def test_other_modules_take_their_lists_from_the_model() -> None:
    from ogpgraph.analysis.overview import PLAN_KINDS
    from ogpgraph.dataset.links import RELATIONS, STATUSES, TARGET_KINDS
    from ogpgraph.diff.compare import ENTITY_KINDS
    from ogpgraph.sheet.match import ORG_CLASSES

    assert RELATIONS == tuple(r.value for r in LINK_RELATIONS)
    assert STATUSES == Status.values()
    assert {CLASSES[c] for c in TARGET_KINDS} == Relation.ADDRESSES.sources
    assert set(ORG_CLASSES) == {c for c, k in CLASSES.items() if k is Kind.ORGANISATION}
    assert ns.ORG + "FormalOrganization" in ORG_CLASSES
    assert all(CLASSES[c] == k for c, k in ENTITY_KINDS.items() if c in CLASSES)
    assert set(ENTITY_KINDS.values()) - set(Kind.values()) == {"member"}
    # agencies and the dashboard count the plan's own items (a subset of what can be led)
    assert PLAN_KINDS <= Relation.LEADS.targets
