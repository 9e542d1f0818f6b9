"""Organisation kinds: the ``skos:notation`` of the organisation-kind scheme
(``vocab/organisation-kind`` in vocabularies.ttl), in its order, with their words.

An organisation has ``ogp:organisationKind`` (a sub-property of W3C ORG's ``org:classification``)
where the report says what kind of organisation it is; it may have two (TINZ) or none. The view
keeps them as the node attribute ``organisation_kinds`` (a sorted list of these values), from
which the pages filter organisations by kind. A kind may be narrower than another
(``broader``): a Crown Research Institute is a Government agency.
"""

from __future__ import annotations

from ogpgraph.core import namespaces as ns
from ogpgraph.model.names import Labelled

#: the concept scheme of organisation kinds
SCHEME = ns.VOCAB + "organisation-kind"

#: what the views and the ``organisations`` query say of an organisation whose sources do not
#: say what kind it is (no kind is guessed); the stored query writes the same words
KIND_NOT_STATED = "kind not stated in its sources"


class OrganisationKind(Labelled):
    """A kind of organisation; ``OrganisationKind.BUSINESS == "business"``, with its ``label``
    (the concept's ``skos:prefLabel``) and the kind it is narrower than (``broader``), if any."""

    broader: str

    def __new__(cls, value: str, label: str, broader: str = "") -> OrganisationKind:
        # Labelled's own __new__ is the enum machinery's by now: set what it sets, and broader
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.broader = broader
        return member

    GOVERNMENT_AGENCY = "government-agency", "Government agency"
    CROWN_RESEARCH_INSTITUTE = (
        "crown-research-institute",
        "Crown Research Institute",
        "government-agency",
    )
    LOCAL_GOVERNMENT = "local-government", "Local government"
    IWI_OR_MAORI = "iwi-or-maori-organisation", "Iwi or Māori organisation"
    CIVIL_SOCIETY = "civil-society-organisation", "Community or civil society organisation"
    UNIVERSITY = "university", "University"
    SCIENCE_INSTITUTE = "science-institute", "Independent science institute"
    BUSINESS = "business", "Business"
    INTERNATIONAL = "international-organisation", "International organisation"

    @property
    def iri(self) -> str:
        """The concept's IRI (``…/vocab/organisation-kind/business``)."""
        return f"{SCHEME}/{self.value}"


def organisation_kind_words(value: str) -> str:
    """The words of an organisation kind (an unknown value as it is).

    >>> organisation_kind_words("iwi-or-maori-organisation")
    'Iwi or Māori organisation'
    """
    return OrganisationKind.words(value)


def kind_of_concept(iri: str) -> OrganisationKind | None:
    """The organisation kind whose concept is ``iri``, None for another IRI.

    >>> kind_of_concept("https://w3id.org/ogpgraph/vocab/organisation-kind/university")
    <OrganisationKind.UNIVERSITY: 'university'>
    """
    prefix = SCHEME + "/"
    if not iri.startswith(prefix):
        return None
    found = OrganisationKind._value2member_map_.get(iri[len(prefix) :])
    return found if isinstance(found, OrganisationKind) else None
