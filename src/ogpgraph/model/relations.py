"""The relations of the view's edges, each with where it comes from and what it joins.

Three families (:class:`Family`): an **edge** comes from a triple whose predicate is one of the
relation's ``predicates`` (``reverse``: drawn from object to subject, so that organisations point
at what they do); a **claim** from an ``ogp:RelevanceClaim`` (claimant -> concept; ``claims``
when the source claims relevance, ``not-claimed`` for a blank table cell); a **link** from an
``ogp:RecommendationLink`` (target -> recommendation), named by the ``skos:notation`` of its
``ogp:linkRelation`` concept: three grades (``addresses``, ``partly-addresses``,
``does-not-address``) and ``linked``, for a source that links the two without grading. ``sources`` and ``targets`` are the kinds an edge of the relation
may join, in the view's direction.

:func:`as_relation` turns a string into a member and fails on an unknown one, so that a mistyped
relation is an error rather than an empty list.
"""

from __future__ import annotations

from enum import Enum

from ogpgraph.core import namespaces as ns
from ogpgraph.model.kinds import Kind
from ogpgraph.model.names import Name

_OGP, _SKOS, _ORG = ns.OGP, ns.SKOS, ns.ORG


class Family(Enum):
    """Where the edges of a relation come from."""

    EDGE = "edge"  #: a triple with one of the relation's predicates
    CLAIM = "claim"  #: an ogp:RelevanceClaim
    LINK = "link"  #: an ogp:RecommendationLink

    @property
    def statement(self) -> str | None:
        """The class of the statements an edge of this family stands for (None for a triple)."""
        return _STATEMENTS.get(self)


_STATEMENTS = {Family.CLAIM: _OGP + "RelevanceClaim", Family.LINK: _OGP + "RecommendationLink"}


#: kinds an organisation leads, contributes to, champions or supports ("items" of the agencies
#: table); also what a recommendation link may start from
_WORK = frozenset(
    {
        Kind.COMMITMENT,
        Kind.FOCUS_AREA,
        Kind.RESULT,
        Kind.INITIATIVE,
        Kind.CASE_STUDY,
        Kind.RECOMMENDATION,
        Kind.DOCUMENT,
        Kind.EVENT,
        Kind.ACTION_PLAN,
    }
)
_ANY = frozenset(Kind)
_ORGS = frozenset({Kind.ORGANISATION})
_CLAIMANTS = frozenset({Kind.COMMITMENT, Kind.FOCUS_AREA, Kind.RESULT})
_CONCEPTS = frozenset({Kind.PRINCIPLE, Kind.CHALLENGE})
_LINKED = frozenset(
    {
        Kind.COMMITMENT,
        Kind.FOCUS_AREA,
        Kind.RESULT,
        Kind.INITIATIVE,
        Kind.ACTION_PLAN,
        Kind.DOCUMENT,
        Kind.EVENT,
    }
)
#: what a claim edge is read from: the properties of its ogp:RelevanceClaim
_CLAIM_TERMS: tuple[str, ...] = tuple(
    _OGP + local for local in ("claimant", "concept", "isRelevant", "inTable", "quote")
)
#: what a link edge is read from: the properties of its ogp:RecommendationLink
_LINK_TERMS: tuple[str, ...] = tuple(
    _OGP + local
    for local in (
        "recommendation",
        "linkedTo",
        "linkRelation",
        "rationale",
        "evidenceSource",
    )
)


class Relation(Name):
    """A relation of the view (an edge's ``relation`` attribute); ``Relation.LEADS == "leads"``.

    ``words``: how a sentence says it; ``predicates``: the properties it is read from (for a
    claim or a link, those of the statement the edge stands for); ``reverse``: drawn from the
    triple's object to its subject; ``sources``/``targets``: the kinds it joins; ``family``.
    """

    words: str
    predicates: tuple[str, ...]
    reverse: bool
    sources: frozenset[Kind]
    targets: frozenset[Kind]
    family: Family

    def __new__(
        cls,
        value: str,
        words: str,
        predicates: tuple[str, ...],
        reverse: bool,
        sources: frozenset[Kind],
        targets: frozenset[Kind],
        family: Family = Family.EDGE,
    ) -> Relation:
        member = str.__new__(cls, value)
        member._value_ = value
        member.words = words
        member.predicates = predicates
        member.reverse = reverse
        member.sources = sources
        member.targets = targets
        member.family = family
        return member

    # organisations point at what they do (the triple says item -> organisation)
    LEADS = "leads", "leads", (_OGP + "leadAgency",), True, _ORGS, _WORK
    CONTRIBUTES = (
        "contributes",
        "contributes to",
        (_OGP + "contributingAgency", _OGP + "participant"),
        True,
        _ORGS,
        _WORK,
    )
    CHAMPIONS = "champions", "champions", (_OGP + "champion",), True, _ORGS, _WORK
    SUPPORTS = "supports", "supports", (_OGP + "supportingOrganisation",), True, _ORGS, _WORK
    # evidence
    ILLUSTRATES = (
        "illustrates",
        "illustrates",
        (_OGP + "illustrates",),
        False,
        frozenset({Kind.CASE_STUDY}),
        _CLAIMANTS,
    )
    DEMONSTRATES = (
        "demonstrates",
        "demonstrates",
        (_OGP + "demonstrates",),
        False,
        frozenset({Kind.CASE_STUDY}),
        _CONCEPTS,
    )
    # structure
    PART_OF = (
        "part-of",
        "part of",
        (_OGP + "focusOf", _OGP + "partOfProgramme", _OGP + "inActionPlan", _SKOS + "broader"),
        False,
        _ANY,
        _ANY,
    )
    FOCUSES_ON = (
        "focuses-on",
        "focuses on",
        (_OGP + "focusesOn",),
        False,
        frozenset({Kind.FOCUS_AREA}),
        frozenset({Kind.RESULT, Kind.INITIATIVE}),
    )
    IN_AREA = (
        "in-area",
        "in area",
        (_OGP + "resultArea",),
        False,
        frozenset({Kind.RESULT}),
        frozenset({Kind.RESULT_AREA}),
    )
    RESPONDS_TO = (
        "responds-to",
        "responds to",
        (_OGP + "respondsTo",),
        False,
        _WORK,
        frozenset({Kind.RECOMMENDATION, Kind.DOCUMENT}),
    )
    TOUCHES = (
        "touches",
        "touches",
        (_OGP + "touchesPillar",),
        False,
        frozenset({Kind.RECOMMENDATION}),
        frozenset({Kind.PILLAR}),
    )
    RECOMMENDED_BY = (
        "recommended-by",
        "recommended by",
        (_OGP + "recommendedBy",),
        False,
        frozenset({Kind.RECOMMENDATION}),
        frozenset({Kind.DOCUMENT}),
    )
    RELATED_TO = "related-to", "related to", (_OGP + "relatedTo",), False, _ANY, _ANY
    ABOUT = "about", "about", (_OGP + "about",), False, _ANY, _ANY
    ASSESSES = (
        "assesses",
        "assesses",
        (_OGP + "assessedPillar",),
        False,
        frozenset({Kind.DOCUMENT}),
        frozenset({Kind.PILLAR}),
    )
    UNIT_OF = "unit-of", "unit of", (_ORG + "subOrganizationOf",), False, _ORGS, _ORGS
    # relevance claims (claimant -> concept)
    CLAIMS = "claims", "claims", _CLAIM_TERMS, False, _CLAIMANTS, _CONCEPTS, Family.CLAIM
    NOT_CLAIMED = (
        "not-claimed",
        "left blank in a relevance table",
        _CLAIM_TERMS,
        False,
        _CLAIMANTS,
        _CONCEPTS,
        Family.CLAIM,
    )
    # recommendation links (target -> recommendation), words as in vocabularies.ttl
    ADDRESSES = (
        "addresses",
        "addresses",
        _LINK_TERMS,
        False,
        _LINKED,
        frozenset({Kind.RECOMMENDATION}),
        Family.LINK,
    )
    PARTLY_ADDRESSES = (
        "partly-addresses",
        "partly addresses",
        _LINK_TERMS,
        False,
        _LINKED,
        frozenset({Kind.RECOMMENDATION}),
        Family.LINK,
    )
    DOES_NOT_ADDRESS = (
        "does-not-address",
        "does not address",
        _LINK_TERMS,
        False,
        _LINKED,
        frozenset({Kind.RECOMMENDATION}),
        Family.LINK,
    )
    LINKED = (
        "linked",
        "is linked to (not graded)",
        _LINK_TERMS,
        False,
        _LINKED,
        frozenset({Kind.RECOMMENDATION}),
        Family.LINK,
    )


#: predicate -> the relation its triples become (edges only), in declaration order
PREDICATES: dict[str, Relation] = {
    predicate: member
    for member in Relation
    if member.family is Family.EDGE
    for predicate in member.predicates
}
#: the relations of a relevance claim: relevant, and left blank
CLAIM_RELATIONS: tuple[Relation, ...] = tuple(r for r in Relation if r.family is Family.CLAIM)
#: the relations of a recommendation link, in the links table's order
LINK_RELATIONS: tuple[Relation, ...] = tuple(r for r in Relation if r.family is Family.LINK)
#: the link relations that grade how far the item addresses the recommendation (all but
#: ``linked``, which records that the source links them without judging)
GRADED_LINKS: tuple[Relation, ...] = tuple(r for r in LINK_RELATIONS if r is not Relation.LINKED)
#: the link relations that say the item responds to the recommendation, graded or not (all but
#: ``does-not-address``)
RESPONDING_LINKS: tuple[Relation, ...] = tuple(
    r for r in LINK_RELATIONS if r is not Relation.DOES_NOT_ADDRESS
)
#: the link relations that say the item addresses the recommendation, at least partly (the graded
#: responding ones: ``addresses`` and ``partly-addresses``)
ADDRESSING_LINKS: tuple[Relation, ...] = tuple(r for r in RESPONDING_LINKS if r in GRADED_LINKS)
#: how an organisation takes part in something (the relations from an organisation to its work)
INVOLVEMENT: tuple[Relation, ...] = (
    Relation.LEADS,
    Relation.CONTRIBUTES,
    Relation.CHAMPIONS,
    Relation.SUPPORTS,
)


#: who asserts a recommendation link (the name of its links table, ``graph/links/<name>.csv``, or
#: ``report`` for a link the report itself makes) -> the words a page or message says
ASSERTERS: dict[str, str] = {"government": "government", "report": "the report", "tinz": "TINZ"}


def asserter_words(name: str) -> str:
    """How text names the asserter of a link (:data:`ASSERTERS`; another table by its file name,
    whose percent-encoding in IRIs is undone).

    >>> asserter_words("tinz"), asserter_words("tinz%20%281%29")
    ('TINZ', 'tinz (1)')
    """
    from urllib.parse import unquote

    return ASSERTERS.get(name, unquote(name))


def as_relation(value: str) -> Relation:
    """The relation named ``value`` (a member, or its string).

    Raises:
        ValueError: naming the known relations, when ``value`` is none of them.
    """
    if isinstance(value, Relation):
        return value
    found = _BY_VALUE.get(value)
    if found is None:
        raise ValueError(
            f"unknown relation {value!r}; the relations are: {', '.join(Relation.values())}"
        )
    return found


_BY_VALUE: dict[str, Relation] = {member.value: member for member in Relation}
