"""The domain model: the names the views and reports reason with, declared once.

It owns the kinds of node of the NetworkX view (:class:`Kind`, in legend order, with their
display words and the OWL classes and SKOS schemes they come from), the relations of the view's
edges (:class:`Relation`: the predicates each comes from, its direction, the kinds it joins; the
relevance-claim relations and the recommendation-link relations), and the recommendation
statuses (:class:`Status`, with their display words and order), a target's progress, a
measure's change and direction (:class:`Progress`, :class:`Change`, :class:`Direction`), the
certainties (:class:`Certainty`) and the kinds of organisation (:class:`OrganisationKind`).
Everything else derives from these: the projection's class and predicate lists, the diff's
entity kinds, the sheet's
organisation classes, the pages' styles and legends, the links table's allowed values. Terms of
the ontology that the model leaves out on purpose are listed in :data:`IGNORED`, each with why;
``tests/test_model.py`` checks the model against ``ontology/ogpgraph.ttl``.

The names are ``str`` enums: a member equals, hashes and prints as its value, so the view's
attributes stay the plain strings they always were.

May import: :mod:`ogpgraph.core`.
"""

from __future__ import annotations

from ogpgraph.model.certainty import Certainty, certainty_words
from ogpgraph.model.kinds import ATTRIBUTES, CLASSES, IGNORED, SCHEMES, Kind, kind_of_class
from ogpgraph.model.names import NOT_KNOWN
from ogpgraph.model.organisations import KIND_NOT_STATED, OrganisationKind, organisation_kind_words
from ogpgraph.model.progress import BAD_PROGRESS, GOOD_PROGRESS, Change, Direction, Progress
from ogpgraph.model.relations import (
    ADDRESSING_LINKS,
    ASSERTERS,
    CLAIM_RELATIONS,
    GRADED_LINKS,
    INVOLVEMENT,
    LINK_RELATIONS,
    PREDICATES,
    RESPONDING_LINKS,
    Family,
    Relation,
    as_relation,
    asserter_words,
)
from ogpgraph.model.statuses import Status, status_words

__all__ = [
    "KIND_NOT_STATED",
    "NOT_KNOWN",
    "ADDRESSING_LINKS",
    "ASSERTERS",
    "BAD_PROGRESS",
    "ATTRIBUTES",
    "CLAIM_RELATIONS",
    "CLASSES",
    "GOOD_PROGRESS",
    "GRADED_LINKS",
    "IGNORED",
    "INVOLVEMENT",
    "LINK_RELATIONS",
    "PREDICATES",
    "RESPONDING_LINKS",
    "SCHEMES",
    "Certainty",
    "Change",
    "Direction",
    "Family",
    "Kind",
    "Progress",
    "OrganisationKind",
    "Relation",
    "Status",
    "kind_of_class",
    "as_relation",
    "asserter_words",
    "certainty_words",
    "organisation_kind_words",
    "status_words",
]
