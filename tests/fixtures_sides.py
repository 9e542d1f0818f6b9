"""A fixture project where the government and TINZ both assess a recommendation (TINZ twice:
the newer row is its position, the older its history) and TINZ leaves another unassessed."""

from __future__ import annotations

from .fixtures_gaps import PREFIXES, _base

#: TINZ's newest rationale: long enough to be shortened on the dashboard
TINZ_WORDS = (
    "Work has begun: the agency published a draft strategy for consultation and named a lead "
    "official, but no Cabinet decision has been made and the consultation closed without a "
    "report, so the recommendation is not yet met."
)
ASSESSMENT_HEADER = (
    "recommendation,status,rationale,evidence_source,asserted_by,asserted_on,reviewer,signed_off\n"
)
LINK_HEADER = (
    "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
)


def sides_project(make_project):
    """``nis-rec-1``: the government says met (January 2016); TINZ said not started (June 2015),
    then significant progress (1 March 2016, by a named reviewer). ``nis-rec-2``: the government
    says met; TINZ has not assessed it. Both are linked to ``commitment-1`` and ``nis-rec-1`` to
    an initiative by both sides (different relations)."""
    lines = [line for line in _base([], [], []) if not line.startswith("t:st1 ")]
    lines.append(
        't:rec2 a ogp:Recommendation , skos:Concept ; skos:prefLabel "Recommendation two"@en ;'
        ' rdfs:label "Recommendation two"@en ; dcterms:identifier "nis-rec-2" ;'
        " ogp:recommendationNumber 2 ; ogp:recommendedBy t:nis ; dcterms:source t:report ."
    )
    trig = (
        PREFIXES + "GRAPH <https://w3id.org/ogpgraph/graph/test> {\n" + "\n".join(lines) + "\n}\n"
    )
    government = ASSESSMENT_HEADER + (
        "nis-rec-1,met,It is met: the Act passed,,org-a,2016-01,,\n"
        "nis-rec-2,met,Done when the plan was launched,,org-a,2016-01,,\n"
    )
    tinz = ASSESSMENT_HEADER + (
        "nis-rec-1,not-started,Nothing had started,,org-t,2015-06,,\n"
        f'nis-rec-1,progressing,"{TINZ_WORDS}",,org-t,2016-03-01,Jane Reviewer,\n'
    )
    gov_links = LINK_HEADER + (
        "nis-rec-1,initiative-one,addresses,,The initiative does it,,org-a,2016-01\n"
        "nis-rec-1,commitment-1,partly-addresses,,In part,,org-a,2016-01\n"
        "nis-rec-2,commitment-1,addresses,,It does,,org-a,2016-01\n"
    )
    tinz_links = LINK_HEADER + (
        "nis-rec-1,initiative-one,partly-addresses,,Only in part,,org-t,2016-02-01\n"
    )
    return make_project(
        {
            "test/data.trig": trig,
            "assessments/government.csv": government,
            "assessments/tinz.csv": tinz,
            "links/government.csv": gov_links,
            "links/tinz.csv": tinz_links,
        },
        name="sides",
    )
