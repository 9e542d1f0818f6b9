"""Tiny fixture graphs for coverage and gaps: one made to contain every gap kind, one without."""

from __future__ import annotations

PREFIXES = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix value: <https://w3id.org/ogpgraph/vocab/value/> .
@prefix challenge: <https://w3id.org/ogpgraph/vocab/challenge/> .
@prefix status: <https://w3id.org/ogpgraph/vocab/recommendation-status/> .
@prefix completion: <https://w3id.org/ogpgraph/vocab/completion/> .
@prefix pillar: <https://w3id.org/ogpgraph/vocab/pillar/> .
@prefix t: <https://w3id.org/ogpgraph/t/> .
@prefix direction: <https://w3id.org/ogpgraph/vocab/direction/> .
@prefix progress: <https://w3id.org/ogpgraph/vocab/progress/> .
@prefix change: <https://w3id.org/ogpgraph/vocab/change/> .
@prefix akind: <https://w3id.org/ogpgraph/vocab/assessment-kind/> .
"""

CONCEPTS = [
    "value:transparency",
    "value:accountability",
    "value:participation",
    "value:technology",
    "challenge:improving-public-services",
    "challenge:increasing-public-integrity",
    "challenge:managing-public-resources",
    "challenge:safer-communities",
    "challenge:corporate-accountability",
]
PILLARS = [
    "legislature",
    "executive",
    "judiciary",
    "public-sector",
    "law-enforcement",
    "electoral-management",
    "ombudsman",
    "audit-institution",
    "political-parties",
    "media",
    "civil-society",
    "business",
    "anti-corruption-agencies",
]


def _base(table_concepts: list[str], evidence: list[str], pillars: list[str]) -> list[str]:
    lines = [
        't:report a ogp:Source ; rdfs:label "Test report"@en .',
        't:table a ogp:RelevanceTable , ogp:ReportSection ; dcterms:title "Table"@en ; dcterms:isPartOf t:report .',
        't:annex a ogp:ReportSection ; dcterms:title "Annex"@en ; dcterms:isPartOf t:report .',
        't:org-a a ogp:GovernmentAgency ; rdfs:label "Agency A"@en ; dcterms:identifier "org-a" ; dcterms:source t:report .',
        't:org-t a ogp:CivilSocietyOrganisation ; rdfs:label "Watchdog"@en ; dcterms:identifier "org-t" ; ogp:identifierAlias "org-tinz" ; dcterms:source t:report .',
        't:c1 a ogp:Commitment ; rdfs:label "Commitment one"@en ; dcterms:identifier "commitment-1" ;'
        " ogp:commitmentNumber 1 ; ogp:leadAgency t:org-a ; dcterms:source t:table .",
        't:cs1 a ogp:CaseStudy ; rdfs:label "Case one"@en ; dcterms:identifier "case-study-one" ;'
        ' ogp:illustrates t:c1 ; ogp:tagLine "tags"@en ; dcterms:source t:report'
        + "".join(f" ; ogp:demonstrates {c}" for c in evidence)
        + " .",
        't:nis a ogp:IntegrityAssessment ; rdfs:label "NIS"@en ; dcterms:source t:report'
        + "".join(f" ; ogp:assessedPillar pillar:{p}" for p in PILLARS)
        + " .",
        't:rec1 a ogp:Recommendation , skos:Concept ; skos:prefLabel "Recommendation one"@en ; rdfs:label "Recommendation one"@en ;'
        ' dcterms:identifier "nis-rec-1" ; ogp:recommendationNumber 1 ; ogp:recommendedBy t:nis ; dcterms:source t:report'
        + "".join(f" ; ogp:touchesPillar pillar:{p}" for p in pillars)
        + " .",
        't:st1 a ogp:StatusAssessment ; rdfs:label "status of rec 1"@en ; ogp:assessedEntity t:rec1 ;'
        ' ogp:status status:met ; ogp:date "2016-01-01"^^xsd:date ; dcterms:source t:report .',
        't:init a ogp:Initiative ; rdfs:label "An initiative"@en ; dcterms:identifier "initiative-one" ; dcterms:source t:report .',
    ]
    for i, concept in enumerate(CONCEPTS, start=1):
        relevant = "true" if concept in table_concepts else "false"
        lines.append(
            f't:claim-c1-{i} a ogp:RelevanceClaim ; rdfs:label "cell"@en ; ogp:claimant t:c1 ;'
            f" ogp:concept {concept} ; ogp:isRelevant {relevant} ; ogp:inTable t:table ; dcterms:source t:table ."
        )
    return lines


def _measured(
    result: str, number: int, due: str, values: list[tuple[str, str]], illustrated: bool
) -> list[str]:
    """A result of commitment one with one target (95 percent, higher is better, due ``due``)
    and a dated figure of its measure for each ``(date, value)``."""
    lines = [
        f't:{result} a ogp:Result ; rdfs:label "Result {number}"@en ; dcterms:identifier "result-{number}" ;'
        f" ogp:resultNumber {number} ; ogp:partOfProgramme t:c1 ; ogp:hasTarget t:{result}-target ;"
        " dcterms:source t:annex .",
        f't:{result}-measure a ogp:Measure ; rdfs:label "Share immunised"@en ; ogp:unit "percent" ;'
        " ogp:direction direction:higher-is-better ; dcterms:source t:annex .",
        f't:{result}-target a ogp:Target ; rdfs:label "Result {number} target: 95%"@en ;'
        f' ogp:measures t:{result}-measure ; ogp:targetValue "95"^^xsd:decimal ; ogp:unit "percent" ;'
        f' ogp:dueDate "{due}"^^xsd:gYearMonth ; dcterms:source t:annex .',
    ]
    for when, value in values:
        lines.append(
            f't:{result}-figure-{when} a ogp:Figure ; rdfs:label "Share immunised, {when}"@en ;'
            f' ogp:measures t:{result}-measure ; ogp:measure "share immunised"@en ;'
            f' ogp:value "{value}"^^xsd:decimal ; ogp:unit "percent" ; ogp:asOf "{when}"^^xsd:gYearMonth ;'
            f" ogp:about t:{result} ; dcterms:source t:annex ."
        )
    if illustrated:
        lines.append(
            f't:cs-{result} a ogp:CaseStudy ; rdfs:label "Case"@en ; dcterms:identifier'
            f' "case-study-{result}" ; ogp:illustrates t:{result} ; ogp:tagLine "tags"@en ;'
            " dcterms:source t:report ."
        )
    return lines


def _statement(name: str, about: str, claim: str, quote: str, source: str) -> str:
    prop = (
        "ogp:claimedProgress progress:"
        if "track" in claim or claim in ("met", "missed")
        else "ogp:claimedChange change:"
    )
    return (
        f't:{name} a ogp:ProgressStatement ; rdfs:label "{quote}"@en ; ogp:quote "{quote}"@en ;'
        f" ogp:about {about} ; {prop}{claim} ; dcterms:source {source} ."
    )


def _verdict(
    name: str, cls: str, kind: str | None, level: str | None, relevance: str | None
) -> str:
    """An assessment of commitment one: a self-assessment or an IRM review (``cls``), of
    ``kind`` (a notation of vocab/assessment-kind, or none), with a completion level and the
    IRM's "Relevant to OGP Values" as printed."""
    parts = [f't:{name} a ogp:{cls} ; rdfs:label "{name}"@en ; ogp:assessedEntity t:c1']
    if kind:
        parts.append(f"ogp:assessmentKind akind:{kind}")
    if level:
        parts.append(f"ogp:completionLevel completion:{level}")
    if relevance:
        parts.append(f'ogp:relevanceToValues "{relevance}"')
    parts.append(f"dcterms:source t:{name}-page")
    return (
        f't:{name}-page a ogp:Source ; rdfs:label "Page of {name}"@en ; ogp:address "x" .\n'
        + " ; ".join(parts)
        + " ."
    )


def clean_project(make_project):
    """No gap of any kind: every concept claimed and evidenced, the recommendation met and
    linked the same way by both asserters, every pillar touched."""
    trig = (
        PREFIXES
        + "GRAPH <https://w3id.org/ogpgraph/graph/test> {\n"
        + "\n".join(
            _base(CONCEPTS, CONCEPTS, PILLARS)
            # met before its deadline (93 then 96 against 95, due December 2017); the words agree
            + _measured("r1", 1, "2017-12", [("2014-03", "93"), ("2015-03", "96")], True)
            + [
                _statement("say-1", "t:r1-target", "on-track", "On track.", "t:annex"),
                _statement(
                    "say-2", "t:c1", "improved", "Improved against all results.", "t:report"
                ),
                # the government and the IRM agree at mid-term; the end of term is compared
                # with no IRM verdict of the same moment; the IRM finds it relevant ("Yes"), and
                # an older copy's pending field is no verdict
                _verdict(
                    "gov-mid", "ProgressAssessment", "mid-term-self-assessment", "substantial", None
                ),
                _verdict(
                    "irm-mid", "ProgressAssessment", "irm-progress-report", "substantial", None
                ),
                _verdict(
                    "gov-end", "ProgressAssessment", "end-of-term-self-assessment", "complete", None
                ),
                _verdict("irm-page", "CommitmentReview", "irm-end-of-term-report", None, "Yes"),
                _verdict(
                    "irm-old", "CommitmentReview", None, None, "Not Relevant / Pending IRM Review"
                ),
            ]
        )
        + "\n}\n"
    )
    header = (
        "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
    )
    gov = header + "nis-rec-1,initiative-one,addresses,met,It does,,org-a,2016-01\n"
    tinz = header + "nis-rec-1,initiative-one,addresses,met,Agreed,,org-t,2016-02-01\n"
    return make_project(
        {"test/data.trig": trig, "links/government.csv": gov, "links/tinz.csv": tinz}, name="clean"
    )


def gappy_project(make_project):
    """Every gap kind at least once."""
    lines = _base(
        ["value:transparency", "value:accountability"], ["value:transparency"], PILLARS[:-1]
    )
    lines += [
        # a second commitment: claims without evidence, no case study, and a conflict
        't:c2 a ogp:Commitment ; rdfs:label "Commitment two"@en ; dcterms:identifier "commitment-2" ;'
        " ogp:commitmentNumber 2 ; ogp:leadAgency t:org-a ; dcterms:source t:table .",
        't:c2-t a ogp:RelevanceClaim ; rdfs:label "cell"@en ; ogp:claimant t:c2 ; ogp:concept value:participation ;'
        " ogp:isRelevant false ; ogp:inTable t:table ; dcterms:source t:table .",
        't:c2-a a ogp:RelevanceClaim ; rdfs:label "annex"@en ; ogp:claimant t:c2 ; ogp:concept value:participation ;'
        " ogp:isRelevant true ; dcterms:source t:annex .",
        # the annex also claims a concept the table does not list for c2 (a difference, not a conflict)
        't:c2-b a ogp:RelevanceClaim ; rdfs:label "annex"@en ; ogp:claimant t:c2 ; ogp:concept value:accountability ;'
        " ogp:isRelevant true ; dcterms:source t:annex .",
        # a recommendation nobody responds to and nobody assesses
        't:rec2 a ogp:Recommendation , skos:Concept ; skos:prefLabel "Recommendation two"@en ; rdfs:label "Recommendation two"@en ;'
        ' dcterms:identifier "nis-rec-2" ; ogp:recommendationNumber 2 ; ogp:recommendedBy t:nis ; dcterms:source t:report .',
        # two figures for the same measure of the same thing
        't:f1 a ogp:Figure ; rdfs:label "count A"@en ; ogp:about t:nis ; ogp:measure "sub-recommendations"@en ; ogp:value 58 ; dcterms:source t:report .',
        't:f2 a ogp:Figure ; rdfs:label "count B"@en ; ogp:about t:nis ; ogp:measure "sub-recommendations"@en ; ogp:value 60 ; ogp:qualifier "over" ; dcterms:source t:annex .',
        # an inconsistency recorded as a conflict with two sides, each with its words and source
        't:x1 a ogp:Conflict ; rdfs:label "two dates"@en ; ogp:about t:c2 ; ogp:aspect "the date"@en ;'
        " ogp:hasSide t:x1-1 , t:x1-2 ; dcterms:source t:table , t:annex .",
        't:x1-1 a ogp:ConflictSide ; rdfs:label "one"@en ; ogp:listOrder 1 ; ogp:quote "by 2017"@en ;'
        ' ogp:locator "row A"@en ; dcterms:source t:table .',
        't:x1-2 a ogp:ConflictSide ; rdfs:label "two"@en ; ogp:listOrder 2 ; ogp:quote "by June 2018"@en ;'
        " dcterms:source t:annex .",
    ]
    # a target missed by its deadline (93.5 at December 2014 against 95 due then; 92.9 since),
    # said to be on track, and a general claim of improvement its figures contradict
    lines += _measured("r2", 2, "2014-12", [("2014-12", "93.5"), ("2015-03", "92.9")], True)
    lines += [
        _statement("say-3", "t:r2-target", "on-track", "Goal achievement is on track.", "t:annex"),
        _statement("say-4", "t:c1", "improved", "Improved against all results.", "t:report"),
        # the government's mid-term self-assessment and the IRM's progress report differ on
        # completion; the IRM's page lists a value the table leaves blank, and leaves out the
        # two it claims
        _verdict("gov-mid", "ProgressAssessment", "mid-term-self-assessment", "substantial", None),
        _verdict("irm-mid", "ProgressAssessment", "irm-progress-report", "limited", None),
        _verdict("irm-page", "CommitmentReview", None, None, "Civic Participation"),
    ]
    # words no figure can check: the only figure of the target's measure has no date
    lines += _measured("r3", 3, "2017-12", [], True)
    lines += [
        't:r3-figure-undated a ogp:Figure ; rdfs:label "Share immunised, undated"@en ;'
        ' ogp:measures t:r3-measure ; ogp:measure "share immunised"@en ;'
        ' ogp:value "90"^^xsd:decimal ; ogp:unit "percent" ; ogp:periodText "since 2012"@en ;'
        " ogp:about t:r3 ; dcterms:source t:annex .",
        _statement("say-5", "t:r3", "improved", "Indicator data has improved.", "t:annex"),
    ]
    trig = (
        PREFIXES + "GRAPH <https://w3id.org/ogpgraph/graph/test> {\n" + "\n".join(lines) + "\n}\n"
    )
    header = (
        "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
    )
    gov = header + (
        # one status per assessor and date (rows of one date that disagree are refused)
        "nis-rec-1,initiative-one,addresses,,It does,,org-a,2016-01\n"
        "nis-rec-1,commitment-1,partly-addresses,progressing,Partly,,org-a,2016-01\n"
    )
    tinz = (
        header + "nis-rec-1,initiative-one,partly-addresses,progressing,Not yet,,org-t,2016-02-01\n"
    )
    return make_project(
        {"test/data.trig": trig, "links/government.csv": gov, "links/tinz.csv": tinz}, name="gappy"
    )


def parallel_links_files() -> dict[str, str]:
    """A graph where three tables link the same initiative to the same recommendation, each
    with another relation: government says it addresses it, TINZ that it does not, a third
    table (another asserter) that it partly does (``make_project``'s files)."""
    # each table asserted by its own organisation, named as the table is (org-<table>)
    orgs = [
        f't:org-{name} a ogp:CivilSocietyOrganisation ; rdfs:label "{name}"@en ;'
        f' dcterms:identifier "org-{name}" ; dcterms:source t:report .'
        for name in ("tinz", "watchdog")
    ]
    # the links are the point here, not statuses: the one status is the government's
    base = [
        line.replace(
            "t:st1 a ogp:StatusAssessment ;",
            "t:st1 a ogp:StatusAssessment ; <http://www.w3.org/ns/prov#wasAttributedTo> t:org-a ;",
        )
        for line in _base(CONCEPTS, CONCEPTS, PILLARS)
    ]
    trig = (
        PREFIXES
        + "GRAPH <https://w3id.org/ogpgraph/graph/test> {\n"
        + "\n".join(base + orgs)
        + "\n}\n"
    )
    header = (
        "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
    )
    return {
        "test/data.trig": trig,
        "links/government.csv": header
        + "nis-rec-1,initiative-one,addresses,,It does,,org-a,2016-01\n",
        "links/tinz.csv": header
        + "nis-rec-1,initiative-one,does-not-address,,It does not,,org-tinz,2016-02-01\n",
        "links/watchdog.csv": header
        + "nis-rec-1,initiative-one,partly-addresses,,Partly,,org-watchdog,2016-03\n",
    }
