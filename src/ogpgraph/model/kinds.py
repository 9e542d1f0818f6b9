"""The kinds of node of the view, in legend order, and the OWL classes and SKOS schemes they
come from (:data:`CLASSES`, :data:`SCHEMES`).

A kind has its display words: ``singular`` (the legend's words) and ``plural`` (headings).
What the ontology holds that is not a kind of node is in :data:`IGNORED`, with why.
"""

from __future__ import annotations

from ogpgraph.core import namespaces as ns
from ogpgraph.model.names import Name


class Kind(Name):
    """A kind of node of the NetworkX view (its ``kind`` attribute), in the order legends list
    them. ``Kind.RESULT == "result"``; ``Kind.RESULT.singular`` is what a legend shows."""

    singular: str
    plural: str

    def __new__(cls, value: str, singular: str, plural: str) -> Kind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.singular = singular
        member.plural = plural
        return member

    # value, singular, plural
    COMMITMENT = "commitment", "Commitment", "Commitments"
    FOCUS_AREA = "focus-area", "Focus area", "Focus areas"
    RESULT = "result", "Better Public Services result", "Better Public Services results"
    RESULT_AREA = "result-area", "Result area", "Result areas"
    CASE_STUDY = "case-study", "Case study", "Case studies"
    PRINCIPLE = "principle", "OGP value", "OGP values"
    CHALLENGE = "challenge", "Grand challenge", "Grand challenges"
    RECOMMENDATION = "recommendation", "NIS recommendation", "NIS recommendations"
    PILLAR = "pillar", "NIS pillar", "NIS pillars"
    INITIATIVE = "initiative", "Initiative", "Initiatives"
    ORGANISATION = "organisation", "Organisation", "Organisations"
    DOCUMENT = "document", "Document", "Documents"
    EVENT = "event", "Event", "Events"
    ACTION_PLAN = "action-plan", "Action plan", "Action plans"

    @property
    def classes(self) -> tuple[str, ...]:
        """The OWL classes whose instances are nodes of this kind."""
        return tuple(cls for cls, kind in CLASSES.items() if kind is self)

    @property
    def order(self) -> int:
        """The position in legends (0 for the first kind)."""
        return _ORDER[self]


_ORDER = {kind: index for index, kind in enumerate(Kind)}

#: class IRI -> the kind of its instances, in the order the projection asks for them. An
#: instance of a class not listed here is not a node of the view.
CLASSES: dict[str, Kind] = {
    ns.OGP + "Commitment": Kind.COMMITMENT,
    ns.OGP + "FocusArea": Kind.FOCUS_AREA,
    ns.OGP + "Result": Kind.RESULT,
    ns.OGP + "ResultArea": Kind.RESULT_AREA,
    ns.OGP + "CaseStudy": Kind.CASE_STUDY,
    ns.OGP + "GovernmentAgency": Kind.ORGANISATION,
    ns.OGP + "CivilSocietyOrganisation": Kind.ORGANISATION,
    ns.OGP + "BusinessOrganisation": Kind.ORGANISATION,
    ns.OGP + "ResearchOrganisation": Kind.ORGANISATION,
    ns.OGP + "InternationalOrganisation": Kind.ORGANISATION,
    ns.OGP + "Group": Kind.ORGANISATION,
    ns.ORG + "Organization": Kind.ORGANISATION,
    # the ontology's superclass of ogp:GovernmentAgency; the shapes accept it as an organisation
    ns.ORG + "FormalOrganization": Kind.ORGANISATION,
    ns.OGP + "Recommendation": Kind.RECOMMENDATION,
    ns.OGP + "RecommendationPart": Kind.RECOMMENDATION,
    ns.OGP + "Pillar": Kind.PILLAR,
    ns.OGP + "Initiative": Kind.INITIATIVE,
    ns.OGP + "IntegrityAssessment": Kind.DOCUMENT,
    ns.OGP + "Document": Kind.DOCUMENT,
    ns.OGP + "Event": Kind.EVENT,
    ns.OGP + "Consultation": Kind.EVENT,
    ns.OGP + "ActionPlan": Kind.ACTION_PLAN,
}

#: SKOS concept scheme IRI -> the kind of its concepts (OGP values and grand challenges are
#: skos:Concepts of vocabularies.ttl, not instances of an ogp: class)
SCHEMES: dict[str, Kind] = {
    ns.VOCAB + "value": Kind.PRINCIPLE,
    ns.VOCAB + "challenge": Kind.CHALLENGE,
}


def kind_of_class(iri: str) -> Kind | None:
    """The kind of an instance of class ``iri``, None for a class that makes no node."""
    return CLASSES.get(iri)


_NOT_DRAWN = "not a node of the view: "
_LITERAL = "a literal attribute shown with its node, not a kind or a relation"

#: Ontology terms (classes and properties of ontology/ogpgraph.ttl) that the model leaves out on
#: purpose, each with why. tests/test_model.py fails on a term neither mapped nor listed here.
IGNORED: dict[str, str] = {
    # classes
    ns.OGP + "PlanItem": "abstract superclass of ogp:Commitment and ogp:FocusArea, never typed",
    ns.OGP + "Member": _NOT_DRAWN + "one per OGP member; the diff lists members by class",
    ns.OGP + "Milestone": _NOT_DRAWN + "a milestone belongs to its commitment",
    ns.OGP + "Target": _NOT_DRAWN + "a target belongs to its result",
    ns.OGP + "Post": _NOT_DRAWN + "a responsible post belongs to its commitment",
    ns.OGP + "Figure": _NOT_DRAWN + "a quoted number belongs to what it measures",
    ns.OGP + "Source": _NOT_DRAWN + "sources are listed in a node's sources attribute",
    ns.OGP + "ReportSection": _NOT_DRAWN + "sections are listed in a node's sources attribute",
    ns.OGP + "RelevanceTable": _NOT_DRAWN + "a claim's in_table attribute says it is in one",
    ns.OGP + "TableColumn": _NOT_DRAWN + "the layout of a relevance table",
    ns.OGP + "TableRow": _NOT_DRAWN + "the layout of a relevance table",
    ns.OGP + "Assessment": _NOT_DRAWN + "assessments are read by coverage and the pages' status",
    ns.OGP + "ProgressAssessment": _NOT_DRAWN + "read by the progress queries, not the view",
    ns.OGP + "StatusAssessment": _NOT_DRAWN + "read for a recommendation's status (pages)",
    ns.OGP + "CommitmentReview": _NOT_DRAWN + "the IRM's verdicts, read by the plan queries",
    ns.OGP + "OrganisationName": _NOT_DRAWN + "a dated name belongs to its organisation",
    ns.OGP + "PillarScore": _NOT_DRAWN + "scores of an integrity assessment; none in the data",
    ns.OGP + "Channel": _NOT_DRAWN + "a consultation's channel, kept in the RDF only",
    ns.OGP + "Statement": _NOT_DRAWN + "list items of the report, kept in the RDF only",
    ns.OGP + "FeedbackTheme": _NOT_DRAWN + "a kind of ogp:Statement",
    ns.OGP + "Lesson": _NOT_DRAWN + "a kind of ogp:Statement",
    ns.OGP + "NextStep": _NOT_DRAWN + "a kind of ogp:Statement",
    ns.OGP + "Principle": _NOT_DRAWN + "a kind of ogp:Statement (not an OGP value)",
    ns.OGP + "Finding": _NOT_DRAWN + "a kind of ogp:Statement",
    ns.OGP + "Conflict": _NOT_DRAWN + "a recorded inconsistency; read by the conflict gap rule",
    ns.OGP + "ConflictSide": _NOT_DRAWN + "one statement of a recorded conflict",
    # object properties that make no edge of the view
    ns.OGP + "member": "links a plan or report to its OGP member, which is not drawn",
    ns.OGP + "hasMilestone": "links to a milestone, which is not drawn",
    ns.OGP + "hasTarget": "links to a target, which is not drawn",
    ns.OGP + "hasFigure": "links to a figure, which is not drawn",
    ns.OGP + "responsiblePost": "links to a post, which is not drawn",
    ns.OGP + "certainty": "qualifies a statement; not drawn",
    ns.OGP + "assessedEntity": "an assessment's subject; assessments are not drawn",
    ns.OGP + "assessmentKind": "an assessment's kind; assessments are not drawn",
    ns.OGP + "hasName": "links to a dated name, which is not drawn",
    ns.OGP + "recommendsImplementing": "a later assessment's recommendation names the earlier "
    "assessment; read by the nis-recommendations-over-time query, not drawn",
    ns.OGP + "completionLevel": "an assessment's level; read by the progress queries",
    ns.OGP + "status": "a status assessment's status; read for the pages' status colours",
    ns.OGP + "hasColumn": "relevance-table layout",
    ns.OGP + "hasRow": "relevance-table layout",
    ns.OGP + "rowSubject": "relevance-table layout",
    ns.OGP + "columnConcept": "relevance-table layout",
    ns.OGP + "channel": "links to a channel, which is not drawn",
    ns.OGP + "statementOf": "links a statement, which is not drawn",
    ns.OGP + "raisedBy": "who raised a statement, which is not drawn",
    ns.OGP + "pillar": "a pillar score's pillar; scores are not drawn",
    ns.OGP + "dimension": "a pillar score's dimension; scores are not drawn",
    ns.OGP + "scoredIn": "a pillar score's assessment; scores are not drawn",
    ns.OGP + "produced": "not drawn yet: no view or report asks what was produced",
    ns.OGP + "selectedChallenge": "not drawn yet: the external graph's plan-level challenges",
    ns.OGP + "hasSide": "links a recorded conflict to its sides; conflicts are not drawn",
    # datatype properties
    ns.OGP + "address": "a web source's address as recorded; sources are not drawn",
    ns.OGP + "sectionNumber": "a report section's number; sections are not drawn",
    ns.OGP + "countryCode": "an OGP member's code; the view takes members from the IRI policy",
    ns.OGP + "actionPlanNumber": _LITERAL,
    ns.OGP + "commitmentNumber": _LITERAL,
    ns.OGP + "ogpIdentifier": _LITERAL,
    ns.OGP + "identifierAlias": "a second short identifier, read by dataset/resolve.py; not drawn",
    ns.OGP + "recommendationNumber": _LITERAL,
    ns.OGP + "resultNumber": _LITERAL,
    ns.OGP + "objective": _LITERAL,
    ns.OGP + "ambition": _LITERAL,
    ns.OGP + "endDateText": _LITERAL,
    ns.OGP + "nextStepsText": _LITERAL,
    ns.OGP + "dueDate": _LITERAL,
    ns.OGP + "dueDateText": _LITERAL,
    ns.OGP + "recurrence": _LITERAL,
    ns.OGP + "titleAsPublished": _LITERAL,
    ns.OGP + "targetValue": _LITERAL,
    ns.OGP + "unit": _LITERAL,
    ns.OGP + "date": _LITERAL,
    ns.OGP + "starred": _LITERAL,
    ns.OGP + "earlyResults": _LITERAL,
    ns.OGP + "verifiable": _LITERAL,
    ns.OGP + "relevanceToValues": _LITERAL,
    ns.OGP + "ambitionRating": _LITERAL,
    ns.OGP + "potentialImpactRating": _LITERAL,
    ns.OGP + "implementedFrom": _LITERAL,
    ns.OGP + "implementedUntil": _LITERAL,
    ns.OGP + "nameFrom": _LITERAL,
    ns.OGP + "nameUntil": _LITERAL,
    ns.OGP + "leadAgencyKnown": _LITERAL,
    ns.OGP + "dateText": _LITERAL,
    ns.OGP + "measure": _LITERAL,
    ns.OGP + "value": _LITERAL,
    ns.OGP + "qualifier": _LITERAL,
    ns.OGP + "asOf": _LITERAL,
    ns.OGP + "aspect": "what a recorded conflict is about; read by the conflict gap rule",
    ns.OGP + "locator": "where a conflict's side is printed; read by the conflict gap rule",
    ns.OGP + "periodText": _LITERAL,
    ns.OGP + "tagLine": _LITERAL,
    ns.OGP + "summary": _LITERAL,
    ns.OGP + "assessedStatus": "deprecated: a status given with a link is a status assessment "
    "(ogpgraph.analysis.positions)",
    ns.OGP + "citesCaseStudy": "the case study a table row cites as its evidence: read by the "
    "reports with the row, not an edge of the view",
    ns.OGP + "reviewer": "who under the asserting organisation made a table row: read by "
    "ogpgraph.analysis.positions and the view's link edges, not an edge",
    ns.OGP + "signedOff": "which reviewer's row is the organisation's position: read by "
    "ogpgraph.analysis.positions and the view's link edges, not an edge",
    ns.OGP + "evidence": _LITERAL,
    ns.OGP + "periodEnd": _LITERAL,
    ns.OGP + "indicator": _LITERAL,
    ns.OGP + "lawOrPractice": _LITERAL,
    ns.OGP + "score": _LITERAL,
    # measurement (issue 15): read by ogpgraph.analysis.progress, not drawn
    ns.OGP + "Measure": _NOT_DRAWN + "a measure belongs to its targets and figures",
    ns.OGP + "ProgressStatement": _NOT_DRAWN + "read by ogpgraph.analysis.progress and its gaps",
    ns.OGP + "measures": "ties a figure or target to its measure; read by the progress analysis",
    ns.OGP + "direction": "a measure's direction; read by the progress analysis",
    ns.OGP + "claimedProgress": "a progress statement's claim; read by the progress analysis",
    ns.OGP + "claimedChange": "a progress statement's claim; read by the progress analysis",
    ns.OGP + "baselineValue": _LITERAL,
    ns.OGP + "baselineDate": _LITERAL,
    ns.OGP + "requiredFor": "a required rate's target (issue 15, Result 10); read by the "
    "progress analysis",
}

#: Properties the view reads into node attributes rather than edges (property -> attribute):
#: literals, and an organisation's kinds (concepts of :data:`ogpgraph.model.organisations.SCHEME`,
#: kept as their notations)
ATTRIBUTES: dict[str, str] = {
    ns.OGP + "organisationKind": "organisation_kinds",
    ns.OGP + "listOrder": "order",
    ns.OGP + "pageStart": "sources",
    ns.OGP + "pageEnd": "sources",
}
