"""Whose verdict an assessment of a commitment is, and when: the government's self-assessments
beside the IRM's reviews (:class:`Side`, :class:`Moment`, :data:`ASSESSMENT_KINDS`), and how the
IRM's "Relevant to OGP Values" field reads (:class:`IrmRelevance`, :func:`read_relevance`).

The two sides are compared only at the same moment (the mid-term self-assessment with the IRM's
progress report, the end-of-term ones with each other); an assessment of a kind not listed here
(a civil society assessment) is neither side's.
"""

from __future__ import annotations

from collections.abc import Iterable

from ogpgraph.core import namespaces as ns
from ogpgraph.model.names import Labelled


class Side(Labelled):
    """Who gives a verdict on a commitment."""

    GOVERNMENT = "government", "the government"
    IRM = "irm", "the IRM"


class Moment(Labelled):
    """When in a plan's term a verdict is given."""

    MID_TERM = "mid-term", "at mid-term"
    END_OF_TERM = "end-of-term", "at the end of term"


_KIND = ns.VOCAB + "assessment-kind/"

#: assessment kind (a concept of vocab/assessment-kind) -> whose verdict it is, and when
ASSESSMENT_KINDS: dict[str, tuple[Side, Moment]] = {
    _KIND + "mid-term-self-assessment": (Side.GOVERNMENT, Moment.MID_TERM),
    _KIND + "end-of-term-self-assessment": (Side.GOVERNMENT, Moment.END_OF_TERM),
    _KIND + "irm-progress-report": (Side.IRM, Moment.MID_TERM),
    _KIND + "irm-end-of-term-report": (Side.IRM, Moment.END_OF_TERM),
}

#: the class of the IRM's reviews: every one is the IRM's, whatever its kind (or none)
IRM_REVIEW = ns.OGP + "CommitmentReview"
#: the assessment kinds of the IRM's reports
IRM_KINDS: tuple[str, ...] = tuple(
    k for k, (side, _m) in ASSESSMENT_KINDS.items() if side is Side.IRM
)


def is_irm(classes: Iterable[str], kinds: Iterable[str]) -> bool:
    """Whether an assessment with these classes and assessment kinds is the IRM's: a review
    (:data:`IRM_REVIEW`), or an assessment of one of :data:`IRM_KINDS`."""
    return IRM_REVIEW in set(classes) or bool(set(IRM_KINDS) & set(kinds))


class IrmRelevance(Labelled):
    """How the IRM's "Relevant to OGP Values" field reads (kept as printed in the data)."""

    LISTED = "listed", "relevant to the values it lists"
    YES = "yes", "relevant (the values not named)"
    NOT_RELEVANT = "not-relevant", "not relevant"
    PENDING = "pending", "pending IRM review (no verdict)"


#: words that make the field no verdict yet ("Not Relevant / Pending IRM Review" is pending)
_PENDING = "pending"
_YES = {"yes"}
_NOT_RELEVANT = {"not relevant", "no"}


def read_relevance(printed: str) -> tuple[IrmRelevance, tuple[str, ...]]:
    """The reading of the field as printed, and for a list the names it lists (as printed).

    >>> read_relevance("Civic Participation , Public Accountability")
    (<IrmRelevance.LISTED: 'listed'>, ('Civic Participation', 'Public Accountability'))
    >>> read_relevance("Not Relevant / Pending IRM Review")[0].label
    'pending IRM review (no verdict)'
    """
    text = " ".join(printed.split())
    folded = text.casefold()
    if not folded or _PENDING in folded:
        return IrmRelevance.PENDING, ()
    if folded in _YES:
        return IrmRelevance.YES, ()
    if folded in _NOT_RELEVANT:
        return IrmRelevance.NOT_RELEVANT, ()
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    return IrmRelevance.LISTED, names
