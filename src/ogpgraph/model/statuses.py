"""Recommendation statuses: the ``skos:notation`` of the recommendation-status scheme
(vocabularies.ttl), in its order, with the words legends and tables show.

An assessment (``ogp:StatusAssessment``: the report's, or a table row's) has one;
``unknown`` is also what a recommendation no source assesses shows.
"""

from __future__ import annotations

from ogpgraph.model.names import Labelled


class Status(Labelled):
    """A recommendation status; ``Status.MET == "met"``, ``Status.MET.label == "Met"``."""

    MET = "met", "Met"
    PROGRESSING = "progressing", "Significant progress"
    NOT_FULLY_ADDRESSED = "not-fully-addressed", "Not fully addressed"
    NOT_STARTED = "not-started", "Not started"
    UNKNOWN = "unknown", "Unknown / not assessed"


def status_words(value: str) -> str:
    """The display words of a status value (an unknown value as it is).

    >>> status_words("not-fully-addressed")
    'Not fully addressed'
    """
    return Status.words(value)
