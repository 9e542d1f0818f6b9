"""The records of the timeline (:mod:`ogpgraph.analysis.timeline`): what is said of each action
plan, commitment and NIS assessment, each value with its sources (:class:`Said`), the fields a
commitment is known or "not known" by (:data:`FIELDS`), and the coverage of a plan
(:class:`PlanCoverage`). Plain data, read from the graph by :mod:`ogpgraph.analysis.timeline`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ogpgraph.core import namespaces as ns
from ogpgraph.model.names import NOT_KNOWN  # noqa: F401  (named here for the views)
from ogpgraph.model.positions import date_key
from ogpgraph.model.verdicts import IRM_KINDS  # noqa: F401  (named here for the views)

_OGP = ns.OGP


@dataclass(frozen=True)
class Field:
    """A field of a commitment the views show (known or "not known") and the dashboard counts:
    ``key``, its words, the predicates whose values fill it (on the commitment for the lead, on
    the IRM's assessments for the verdicts) and the completeness query's column."""

    key: str
    words: str
    predicates: tuple[str, ...]
    column: str
    irm: bool = True


#: the fields of a commitment, in the order the views show them
FIELDS: tuple[Field, ...] = (
    Field("lead", "Lead", (_OGP + "leadAgency",), "withLead", irm=False),
    Field("completion", "Completion", (_OGP + "completionLevel",), "withCompletion"),
    Field("relevance", "Relevant to OGP values", (_OGP + "relevanceToValues",), "withRelevance"),
    Field(
        "ambition",
        "Ambition or potential impact",
        (_OGP + "ambitionRating", _OGP + "potentialImpactRating"),
        "withAmbition",
    ),
    Field("starred", "Starred", (_OGP + "starred",), "withStarred"),
    Field("early-results", "Early results", (_OGP + "earlyResults",), "withEarlyResults"),
)
IRM_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.irm)


@dataclass(frozen=True)
class Said:
    """One value as sources give it: its words and the IRIs of the sources that give it."""

    value: str
    sources: tuple[str, ...] = ()
    #: a second line of words (who said it, in which kind of report), when there is one
    by: str = ""


@dataclass
class CommitmentEntry:
    """A commitment of a plan and everything the sources say of it."""

    iri: str
    id: str
    number: int | None
    label: str
    plan: str
    sources: tuple[str, ...] = ()
    ogp_ids: list[Said] = field(default_factory=list)
    #: the other names sources give it (an IRM report's, an OGP page's)
    other_names: list[Said] = field(default_factory=list)
    leads: list[Said] = field(default_factory=list)
    #: the dated names of its lead and supporting organisations ("State Services Commission,
    #: until 2020"), where a source gives them
    names_over_time: list[Said] = field(default_factory=list)
    supporting: list[Said] = field(default_factory=list)
    #: the government's self-assessed completion, one per assessment
    self_assessed: list[Said] = field(default_factory=list)
    #: field key (:data:`IRM_FIELDS`) -> the IRM's values, one per review that gives one
    irm: dict[str, list[Said]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    def known(self, key: str) -> list[Said]:
        """The values of a field of :data:`FIELDS` (empty: not known)."""
        return self.leads if key == "lead" else self.irm.get(key, [])


@dataclass
class Plan:
    """An action plan: its number, label, period and what the sources say of it."""

    iri: str
    number: int
    label: str
    #: the period in the sources' words ("2016-2018"), each with its sources
    period: list[Said] = field(default_factory=list)
    #: first and last known dates (``2016-07``), as precise as the source; None: not known
    start: Said | None = None
    end: Said | None = None
    #: whether ``start`` is when implementation began (else it is the plan's date: its launch)
    implemented: bool = False
    #: what the sources say of the plan in their words (``dcterms:description``)
    descriptions: list[Said] = field(default_factory=list)
    notes: list[Said] = field(default_factory=list)
    #: numbers the sources give about the plan ("IRM progress report 2016-18: substantial: 4 of 7")
    figures: list[Said] = field(default_factory=list)
    commitments: list[CommitmentEntry] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sources: tuple[str, ...] = ()


@dataclass
class RecommendationEntry:
    """A recommendation of an NIS assessment."""

    iri: str
    id: str
    number: int | None
    label: str
    parent: str | None = None
    quote: list[Said] = field(default_factory=list)
    #: the assessment whose outstanding recommendations this one asks to implement
    implements: list[Said] = field(default_factory=list)
    sources: tuple[str, ...] = ()
    #: how many items outside any plan (initiatives, events, documents) are linked to it
    other_links: int = 0


@dataclass
class IntegrityEntry:
    """An NIS assessment: its date and recommendations."""

    iri: str
    id: str
    label: str
    date: Said | None = None
    date_words: list[Said] = field(default_factory=list)
    revision_of: list[Said] = field(default_factory=list)
    recommendations: list[RecommendationEntry] = field(default_factory=list)
    #: what sources say of it in numbers ("key recommendations: 6", where a copy shows four)
    figures: list[Said] = field(default_factory=list)
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A recommendation linked to a commitment or a plan (``item``), or a commitment that
    responds to a whole assessment (``recommendation`` is then the assessment): the relation
    (a :class:`~ogpgraph.model.Relation` value), who asserts it (``asserted_by``: a links
    table's assessor; empty for a statement of a source), its date, rationale and sources."""

    recommendation: str
    item: str
    relation: str
    asserted_by: str = ""
    at: str = ""
    rationale: str = ""
    status: str = ""
    sources: tuple[str, ...] = ()

    def words(self) -> tuple[str, str, str]:
        """How the link reads: its relation's words, who asserts it ("a source" for a source's
        statement), and ``", <date>"`` (or nothing)."""
        from ogpgraph.analysis.overview import plain_date
        from ogpgraph.model import as_relation, asserter_words

        try:
            how = as_relation(self.relation).words
        except ValueError:
            how = self.relation
        who = asserter_words(self.asserted_by) if self.asserted_by else "a source"
        return how, who, f", {plain_date(self.at)}" if self.at else ""


@dataclass
class Timeline:
    """The plans in number order, the NIS assessments by date, and what names and sources the
    views need: ``names`` (IRI -> label), ``sources`` (IRI -> :class:`SourceEntry`)."""

    plans: list[Plan]
    assessments: list[IntegrityEntry]
    names: dict[str, str]
    sources: dict[str, SourceEntry]

    @property
    def links(self) -> list[Link]:
        return [link for plan in self.plans for link in plan.links] + [
            link for plan in self.plans for c in plan.commitments for link in c.links
        ]


@dataclass(frozen=True)
class SourceEntry:
    """A cited source as a reader cites it, with its address where the graph gives one."""

    iri: str
    citation: str
    addresses: tuple[str, ...] = ()
    note: str = ""


def year_fraction(date: str) -> float:
    """A date of any precision as a year with a fraction (``2016-07`` → 2016.5).

    >>> year_fraction("2016"), year_fraction("2016-07"), round(year_fraction("2013-12-09"), 3)
    (2016.0, 2016.5, 2013.939)
    """
    year, month, day = date_key(date)
    return year + (max(month, 1) - 1) / 12 + (max(day, 1) - 1) / 365 if month else float(year)


@dataclass(frozen=True)
class PlanCoverage:
    """How completely the graph covers one plan: its commitments, and for each field of
    :data:`FIELDS` how many of them have it known."""

    plan: str
    number: int
    label: str
    period: str
    commitments: int
    known: dict[str, int]

    def unknown(self, key: str) -> int:
        return self.commitments - self.known.get(key, 0)
