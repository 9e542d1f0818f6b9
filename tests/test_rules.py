"""Registered rules: a gap kind or an integrity check is one declaration, and everything that
lists them (``gaps --kind`` and its help, ``find_gaps``, the dashboard, ``validate``) follows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pytest

from ogpgraph.analysis.gaps import GAPS, find_gaps
from ogpgraph.analysis.state import Analysis
from ogpgraph.analysis.validate import CHECKS, integrity_findings
from ogpgraph.core import namespaces as ns
from ogpgraph.core.findings import Finding, Severity
from ogpgraph.dataset.store import KnowledgeGraph

from .fixtures_gaps import clean_project

THROWAWAY = "throwaway-commitments"


@pytest.fixture
def throwaway_rule() -> Iterator[str]:
    """A gap kind registered for one test: every commitment, as a finding."""

    @GAPS.rule(
        THROWAWAY,
        title="Every commitment (a test rule)",
        description="each commitment in the graph, found by a rule a test registered.",
    )
    def _every_commitment(analysis: Analysis, member: str | None) -> Iterable[Finding]:
        g = analysis.view
        for node, kind in g.nodes(data="kind"):
            if kind == "commitment":
                yield Finding(
                    Severity.INFO,
                    THROWAWAY,
                    node,
                    "a commitment",
                    subject_label=analysis.label(node),
                )

    try:
        yield THROWAWAY
    finally:
        GAPS.unregister(THROWAWAY)
    assert THROWAWAY not in GAPS


def test_the_built_in_gap_kinds_in_their_listing_order() -> None:
    assert GAPS.ids() == (
        "claim-without-evidence",
        "unaddressed-concept",
        "no-case-study",
        "recommendation-without-response",
        "recommendation-not-met",
        "status-disagreement",
        "untouched-pillar",
        "conflict",
        "claims-differ",
        "link-disagreement",
        "link-one-sided",
        "words-not-supported",
        "words-not-checkable",
        "target-missed",
        "verdicts-differ",
    )
    for rule in GAPS:
        assert rule.title and rule.description.endswith("."), rule.id


def test_a_registered_rule_is_found_listed_and_offered(throwaway_rule, make_project, cli):
    from ogpgraph.pages.dashboard import gap_titles, gaps_html

    project = clean_project(make_project)
    kg = KnowledgeGraph.load(project)
    found = find_gaps(kg, (throwaway_rule,))
    assert [f.subject_label for f in found] == ["Commitment one"]
    assert throwaway_rule in {f.kind for f in find_gaps(kg)}
    # the dashboard's headings and sections
    assert gap_titles()[throwaway_rule] == "Every commitment (a test rule)"
    html = gaps_html(Analysis(kg).view, found)
    assert f'id="gaps-{throwaway_rule}"' in html and "Every commitment (a test rule)" in html
    # gaps --kind accepts it, --help lists it with its description
    result = cli("gaps", "--kind", throwaway_rule, "--format", "json", root=project)
    assert result.exit_code == 0, result.output
    assert [r["kind"] for r in json.loads(result.output)] == [throwaway_rule]
    assert cli("gaps", "--fail-on", throwaway_rule, root=project).exit_code == 1
    help_text = cli("gaps", "--help").output
    assert f"{throwaway_rule}: each commitment in the graph" in help_text


def test_an_unregistered_rule_is_gone(make_project, cli):
    project = clean_project(make_project)
    result = cli("gaps", "--kind", THROWAWAY, root=project)
    assert result.exit_code == 2 and "unknown kind" in result.output
    assert THROWAWAY not in cli("gaps", "--help").output


def test_a_rule_id_is_registered_once() -> None:
    with pytest.raises(ValueError, match="already registered"):
        GAPS.rule("conflict", title="again", description="again.")(lambda a, m: [])


def test_integrity_checks_are_registered_with_their_shapes() -> None:
    assert CHECKS.ids() == tuple(
        ns.SHAPES + name
        for name in (
            "IntegrityDanglingIRI",
            "IntegrityUnknownTerm",
            "IntegrityLabel",
            "IntegrityProvenance",
            "IntegrityIdentifier",
        )
    )


def test_a_registered_sparql_check_runs_in_validation() -> None:
    kg = KnowledgeGraph.from_text(
        "<https://w3id.org/ogpgraph/t/a> a <https://example.org/Thing> .",
        graph="https://w3id.org/ogpgraph/graph/test",
    )
    shape = ns.SHAPES + "IntegrityTestLabel"
    CHECKS.sparql(
        shape,
        title="Unlabelled resources (a test check)",
        description="every resource without a label (the internal query validate-no-label).",
        query="validate-no-label",
        bindings={"base": ns.BASE},
        message=lambda row: f"{row['s']} is not labelled (a test check)",
        value="s",
        severity=Severity.WARNING,
    )
    try:
        mine = [f for f in integrity_findings(kg) if f.kind == shape]
    finally:
        CHECKS.unregister(shape)
    assert mine == [
        Finding(
            Severity.WARNING,
            shape,
            "https://w3id.org/ogpgraph/t/a",
            "https://w3id.org/ogpgraph/t/a is not labelled (a test check)",
            value="https://w3id.org/ogpgraph/t/a",
        )
    ]
