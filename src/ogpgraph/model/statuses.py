"""Recommendation statuses: the ``skos:notation`` of the recommendation-status scheme
(vocabularies.ttl), in its order, with the words legends and tables show.

An assessment (``ogp:StatusAssessment``: the report's, or a table row's) has one;
``unknown`` is also what a recommendation no source assesses shows.
"""

from __future__ import annotations

from ogpgraph.model.names import Name


class Status(Name):
    """A recommendation status; ``Status.MET == "met"``, ``Status.MET.label == "Met"``."""

    label: str

    def __new__(cls, value: str, label: str) -> Status:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

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
    found = _BY_VALUE.get(value)
    return found.label if found is not None else value


_BY_VALUE: dict[str, Status] = {member.value: member for member in Status}
