"""Gaps: every kind of shortfall the graph can show, as findings with their sources.

Each kind is a rule registered in :data:`GAPS` (:mod:`ogpgraph.analysis.rules`) by one decorated
function below: its id (``gaps --kind``), title, description and the function that finds it.
``ogpgraph gaps --help`` lists them; so does :func:`kinds_help`. To add a kind, add a function::

    @GAPS.rule("my-kind", title="…", description="…")
    def _my_kind(analysis: Analysis, member: str | None) -> Iterable[Finding]: ...

and a test (tests/test_coverage_gaps.py plants each kind in a fixture and checks a clean one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.coverage import coverage
from ogpgraph.analysis.plans import ALL, PlanChoice
from ogpgraph.analysis.projection import (
    check_member,
    edges,
    edges_with,
    nodes_of_kind,
    sort_key,
)
from ogpgraph.analysis.rules import Registry, Rule
from ogpgraph.core.findings import Finding, Severity
from ogpgraph.core.queries import internal_query
from ogpgraph.model import (
    ADDRESSING_LINKS,
    LINK_RELATIONS,
    Kind,
    Progress,
    Relation,
    Status,
    as_relation,
    asserter_words,
    status_words,
)

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.core.output import Table
    from ogpgraph.dataset.store import KnowledgeGraph

#: every gap kind, in the order findings are listed
GAPS = Registry("gap")

#: a gap's JSON keys and ``--format csv`` columns (``details`` adds e.g. ``status``)
GAP_FIELDS = ("kind", "subject", "subject_label", "reason", "sources", "related", "details")
#: the columns ``ogpgraph gaps`` prints as a table
TABLE_FIELDS = ("kind", "subject", "reason", "sources")


def _gap(
    kind: str,
    subject: str,
    label: str,
    reason: str,
    sources: Iterable[str] = (),
    related: Iterable[str] = (),
    **details: Any,
) -> Finding:
    return Finding(
        GAPS[kind].severity,
        kind,
        subject,
        reason,
        tuple(sources),
        subject_label=label,
        related=tuple(related),
        details=details,
    )


def kinds() -> tuple[str, ...]:
    """The registered gap kinds, in listing order."""
    return GAPS.ids()


def kinds_help() -> str:
    """``kind: description`` per kind (for ``--help``)."""
    return GAPS.help_text()


def find_gaps(
    source: KnowledgeGraph | Analysis,
    kinds: Iterable[str] | None = None,
    member: str | None = None,
    plan: PlanChoice = None,
) -> list[Finding]:
    """Every gap of the requested kinds (default all), in a stable order.

    With ``member`` (a country code such as ``nz``), only that member's gaps: its items, its
    recommendations and links, and the values and challenges none of *its* items claims.
    With ``plan`` (:mod:`ogpgraph.analysis.plans`), the rules run on the view of every plan, with
    the later sources' verdicts: a number keeps the findings about that plan's items (or, for a
    subject of no plan, about one of its related items), ``"all"`` keeps every finding; None is
    the first plan's view, as the exports show it.
    Given an :class:`~ogpgraph.analysis.state.Analysis`, each rule's findings are memoised there.

    Raises:
        OgpgraphError: for an unknown member or plan.
    """
    from ogpgraph.analysis.plans import check_plan, scoped
    from ogpgraph.analysis.state import Analysis

    plan = check_plan(source, plan)
    analysis = scoped(Analysis.of(source), plan)
    g = analysis.view
    member = check_member(g, member)
    wanted = set(kinds) if kinds else set(GAPS.ids())
    unknown = sorted(wanted - set(GAPS.ids()))
    if unknown:
        raise ValueError(f"unknown gap kind(s) {unknown}; known: {', '.join(GAPS.ids())}")
    found: list[Finding] = []
    for rule in GAPS:
        if rule.id not in wanted:
            continue
        findings: list[Finding] = analysis.derived(
            ("gap", rule.id, member), partial(_run_rule, rule, analysis, member)
        )
        if member and not rule.per_member:
            findings = [
                f for f in findings if f.subject in g and g.nodes[f.subject].get("member") == member
            ]
        found.extend(findings)
    if plan is not None and plan != ALL:
        found = [f for f in found if _about_plan(analysis, f, plan)]
    order = {k: i for i, k in enumerate(GAPS.ids())}
    keys: dict[str, tuple[Any, ...]] = {}

    def subject_key(subject: str) -> tuple[Any, ...]:
        if subject not in keys:
            keys[subject] = sort_key(g, subject) if subject in g else ()
        return keys[subject]

    found.sort(
        key=lambda x: (order[x.kind], subject_key(x.subject), x.subject, x.related, x.message)
    )
    return found


def _run_rule(rule: Rule, analysis: Analysis, member: str | None) -> list[Finding]:
    return list(rule.find(analysis, member))


def _about_plan(analysis: Analysis, finding: Finding, plan: PlanChoice) -> bool:
    """Whether a finding is about an item of ``plan``: its subject, or (for a subject of no
    plan: a recommendation, a value) one of its related items."""
    from ogpgraph.analysis.plans import in_plan, item_plans

    if finding.subject in item_plans(analysis):
        return in_plan(analysis, finding.subject, plan)
    return any(in_plan(analysis, r, plan) for r in finding.related if r in item_plans(analysis))


# --------------------------------------------------------------------------- the rules
@GAPS.rule(
    "claim-without-evidence",
    title="Claims without evidence",
    description="a plan item or result claims a value or challenge that no case study of it "
    "demonstrates.",
)
def _claim_without_evidence(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    cov = coverage(analysis, "all", member)
    label = analysis.label
    for row in cov.rows:
        for column in cov.columns:
            if cov.cell(row, column) == "claimed":
                yield _gap(
                    "claim-without-evidence",
                    row,
                    label(row),
                    f"claims {label(column)} but no case study of it demonstrates it",
                    sorted(set(cov.claimed_iris[(row, column)])),
                    (column,),
                )


@GAPS.rule(
    "unaddressed-concept",
    title="Values and challenges no commitment addresses",
    description="an OGP value or grand challenge that no commitment claims (the two grand "
    "challenges New Zealand did not select among them).",
    per_member=True,
)
def _unaddressed_concept(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    cov = coverage(analysis, "all", member)
    g = analysis.view
    items = [r for r in cov.rows if cov.kinds[r] in (Kind.COMMITMENT, Kind.FOCUS_AREA, Kind.RESULT)]
    for column in cov.columns:
        if not any((r, column) in cov.claimed for r in items):
            evidenced = any((r, column) in cov.evidenced for r in items)
            yield _gap(
                "unaddressed-concept",
                column,
                analysis.label(column),
                f"no commitment, focus area or result claims this {cov.kinds[column]}"
                + (" (a case study demonstrates it)" if evidenced else ""),
                g.nodes[column]["source_iris"],
            )


@GAPS.rule(
    "no-case-study",
    title="Commitments and results with no case study",
    description="a commitment, focus area or result that no case study illustrates.",
)
def _no_case_study(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    from ogpgraph.analysis.coverage import scope

    g = analysis.view
    for item in nodes_of_kind(g, Kind.COMMITMENT, Kind.FOCUS_AREA, Kind.RESULT):
        if not any(edges(g, Relation.ILLUSTRATES, target=part) for part in scope(g, item)):
            yield _gap(
                "no-case-study",
                item,
                analysis.label(item),
                "no case study illustrates it or any of its parts",
                g.nodes[item]["source_iris"],
            )


@GAPS.rule(
    "recommendation-without-response",
    title="NIS recommendations with no linked response",
    description="an NIS recommendation with no commitment, result or initiative asserted (by "
    "anyone) to address it, at least partly (a link without a grade does not count).",
    recommendation=True,
)
def _recommendation_without_response(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    g = analysis.view
    for rec in nodes_of_kind(g, Kind.RECOMMENDATION):
        parts = [u for u, _v, _d in edges(g, Relation.PART_OF, target=rec)]
        if not any(
            edges(g, relation, target=x) for x in (rec, *parts) for relation in ADDRESSING_LINKS
        ):
            yield _gap(
                "recommendation-without-response",
                rec,
                analysis.label(rec),
                "no commitment, result or initiative is linked as addressing it",
                g.nodes[rec]["source_iris"],
            )


@GAPS.rule(
    "recommendation-not-met",
    title="NIS recommendations not (yet) met",
    description="a recommendation that an assessor's current position does not call *met*, or "
    "that no source assesses at all; every assessor's position is given side by side.",
    recommendation=True,
)
def _recommendation_not_met(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    from ogpgraph.analysis.positions import sides

    g = analysis.view
    for rec in nodes_of_kind(g, Kind.RECOMMENDATION):
        found = sides(analysis, rec)
        assessed = [side for side in found if side.assessed]
        if not assessed:
            if any(True for _ in edges(g, Relation.PART_OF, target=rec)):
                continue  # its parts are assessed one by one
            yield _gap(
                "recommendation-not-met",
                rec,
                analysis.label(rec),
                "no source in the graph assesses its status",
                g.nodes[rec]["source_iris"],
                status=Status.UNKNOWN.value,
            )
            continue
        if all(side.statuses == (Status.MET.value,) for side in assessed):
            continue
        yield _sides_gap("recommendation-not-met", analysis, rec, found)


def _sides_gap(kind: str, analysis: Analysis, rec: str, found: list[Any]) -> Finding:
    """A finding about a recommendation that gives every assessor's current position: the
    words (:func:`_sides_text`), the sources the positions cite, and each one's status."""
    assessed = [side for side in found if side.assessed]
    return _gap(
        kind,
        rec,
        analysis.label(rec),
        _sides_text(found),
        sorted({src for side in assessed for a in side.current for src in a.sources}),
        status={side.assessor: " or ".join(side.statuses) for side in assessed},
    )


def _sides_text(found: list[Any]) -> str:
    """Each assessor's current position in words: "government: Met (2016-01) — "…"; TINZ: not
    assessed"."""
    parts = []
    for side in found:
        text = f"{side.who}: {side.words}"
        words = next((a.words for a in side.current if a.words), "")
        if words:
            text += f" — {words!r}" if len(words) <= 160 else f" — {words[:157]!r}…"
        parts.append(text)
    return "; ".join(parts)


@GAPS.rule(
    "status-disagreement",
    title="Assessors disagree on a recommendation's status",
    description="the government's and TINZ's (or any two assessors') current positions on a "
    "recommendation's status differ.",
    recommendation=True,
)
def _status_disagreement(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    from ogpgraph.analysis.positions import agreement, sides
    from ogpgraph.model.positions import Agreement

    g = analysis.view
    for rec in nodes_of_kind(g, Kind.RECOMMENDATION):
        found = sides(analysis, rec)
        if agreement(found) == Agreement.DISAGREE:
            yield _sides_gap("status-disagreement", analysis, rec, found)


@GAPS.rule(
    "untouched-pillar",
    title="Integrity pillars no recommendation touches",
    description="an integrity pillar that no recommendation in the graph touches.",
    per_member=True,
)
def _untouched_pillar(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    g = analysis.view
    label = analysis.label
    # only the pillars an integrity assessment (of this member) actually assessed
    for pillar in nodes_of_kind(g, Kind.PILLAR):
        assessments = [
            u
            for u, _v, _d in edges(g, Relation.ASSESSES, target=pillar)
            if not member or g.nodes[u].get("member") == member
        ]
        if assessments and not edges(g, Relation.TOUCHES, target=pillar):
            yield _gap(
                "untouched-pillar",
                pillar,
                label(pillar),
                "assessed by "
                + ", ".join(label(a) for a in assessments)
                + ", but no recommendation in the graph is linked to this pillar",
                sorted({s for a in assessments for s in g.nodes[a].get("source_iris", [])}),
            )


@GAPS.rule(
    "conflict",
    title="Conflicts between sources",
    description="statements that contradict each other (a claim and an explicit blank for the "
    "same item and concept; different figures for the same measure of the same thing; an "
    "inconsistency recorded as an ogp:Conflict with its sides).",
    # a recorded conflict about a recommendation (recommendation 1's two headings and statuses)
    # is listed under that recommendation in the recommendations report
    recommendation=True,
)
def _conflict(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    yield from (f for f in _claim_comparisons(analysis) if f.kind == "conflict")
    yield from _recorded_conflicts(analysis.kg)
    for row in analysis.kg.select(internal_query("gaps-figure-conflicts")):
        q1 = f"{row['q1']} " if row["q1"] else ""
        q2 = f"{row['q2']} " if row["q2"] else ""
        yield _gap(
            "conflict",
            row["about"],
            row["aboutLabel"] or row["about"],
            f"{row['measure']}: {q1}{row['v1']} according to one source, {q2}{row['v2']} "
            "according to another",
            sorted({row["s1"], row["s2"]}),
            (row["f1"], row["f2"]),
        )


def _recorded_conflicts(kg: KnowledgeGraph) -> Iterable[Finding]:
    """One finding per ``ogp:Conflict``: what is at stake, then each side's words, place and
    source, in the sides' order."""
    conflicts: dict[str, dict[str, Any]] = {}
    for row in kg.select(internal_query("gaps-recorded-conflicts")):
        c = conflicts.setdefault(
            row["conflict"],
            {
                "about": row["about"],
                "label": row["aboutLabel"],
                "aspect": row["aspect"],
                "sides": {},
            },
        )
        side = c["sides"].setdefault(
            row["side"],
            {"order": row["order"], "quote": row["quote"], "locator": row["locator"], "src": set()},
        )
        if row["source"]:
            side["src"].add(row["source"])
    for iri, c in conflicts.items():
        sides = sorted(c["sides"].items(), key=lambda kv: (kv[1]["order"] or 0, kv[0]))
        said = " against ".join(
            f'"{s["quote"] or iri}"' + (f" ({s['locator']})" if s["locator"] else "")
            for _side, s in sides
        )
        yield _gap(
            "conflict",
            c["about"],
            c["label"] or c["about"],
            f"{c['aspect'] or 'recorded conflict'}: {said}",
            sorted({src for _side, s in sides for src in s["src"]}),
            (iri, *(side for side, _s in sides)),
        )


@GAPS.rule(
    "claims-differ",
    title="Sources that list relevance differently",
    description="sources that list an item's relevance differently without contradicting each "
    "other (one claims a concept the other's list omits).",
)
def _claims_differ(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    return [f for f in _claim_comparisons(analysis) if f.kind == "claims-differ"]


@GAPS.rule(
    "link-disagreement",
    title="Government and TINZ disagree on a link",
    description="government and TINZ link the same recommendation and item with a different "
    "relation or status.",
    recommendation=True,
)
def _link_disagreement(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    return [f for f in _link_comparisons(analysis) if f.kind == "link-disagreement"]


@GAPS.rule(
    "link-one-sided",
    title="Links only one side asserts",
    description="a link only government, or only TINZ, asserts (not when the other links the "
    "same item to the whole recommendation or to one of its parts).",
    recommendation=True,
)
def _link_one_sided(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    return [f for f in _link_comparisons(analysis) if f.kind == "link-one-sided"]


@GAPS.rule(
    "words-not-supported",
    title="The report's words about progress that the figures do not support",
    description='a progress statement ("on track", "not on track", "has improved") that the '
    "progress or change computed from the figures of a target it speaks of contradicts; a claim "
    "about all results of a programme is contradicted by any result's figures.",
)
def _words_not_supported(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    from ogpgraph.analysis.progress import disagreements

    for d in disagreements(analysis):
        t = d.target
        scope = f"a claim about every result of {analysis.label(d.about)}; " if d.general else ""
        yield _gap(
            "words-not-supported",
            t.result,
            analysis.label(t.result),
            f'{scope}the report says "{d.quote}" ({d.claim}), but the figures of '
            f"{t.target_label} say {d.computed}: {d.arithmetic}",
            d.sources,
            (d.statement, t.target, *t.figures),
            claimed=d.claim,
            computed=d.computed,
            statement=d.statement,
            target=t.target,
        )


@GAPS.rule(
    "words-not-checkable",
    title="The report's words about progress that no figure can check",
    description='a progress statement about a result or target ("on track", "has improved") '
    "whose claim the figures cannot check: the progress or change of every target it speaks of "
    "cannot be told (no figure, figures without a date, no baseline), with the reason.",
    severity=Severity.INFO,
)
def _words_not_checkable(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    from ogpgraph.analysis.progress import unchecked

    for u in unchecked(analysis):
        result = u.targets[0].result
        why = "; ".join(f"{t.target_label}: {t.reason}" for t in u.targets)
        yield _gap(
            "words-not-checkable",
            result,
            analysis.label(result),
            f'the report says "{u.quote}" ({u.claim}), which the figures cannot check '
            f"(cannot be told): {why}",
            u.sources,
            (u.statement, *(t.target for t in u.targets)),
            claimed=u.claim,
            computed=Progress.CANNOT_TELL.label.lower(),
            statement=u.statement,
        )


@GAPS.rule(
    "target-missed",
    title="Targets missed by their deadline",
    description="a target whose first figure at or after its deadline falls short of it.",
)
def _target_missed(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    from ogpgraph.analysis.progress import progress

    for t in progress(analysis):
        if t.status == Progress.MISSED:
            yield _gap(
                "target-missed",
                t.result,
                analysis.label(t.result),
                f"{t.target_label}: {t.reason}",
                t.sources,
                (t.target, *t.figures),
                target=t.target,
            )


@GAPS.rule(
    "verdicts-differ",
    title="The government's and the IRM's verdicts differ",
    description="the government and the IRM judge the same commitment differently: a different "
    "completion level at the same moment (the self-assessment at mid-term against the IRM's "
    "progress report, at the end of term against its end-of-term report), or relevance to the "
    "OGP values: a value claimed that the IRM's 'Relevant to OGP Values' list leaves out, one "
    "it lists that is not claimed, any claimed where it prints Not Relevant. Each finding cites "
    "both sides' sources; a verdict the IRM has not given (pending, or no page) is not compared. "
    "The IRM's verdicts are later sources: use --plan (the first plan's default view leaves "
    "them out).",
)
def _verdicts_differ(analysis: Analysis, member: str | None) -> Iterable[Finding]:
    from ogpgraph.analysis.verdicts import differences

    for d in differences(analysis):
        yield _gap(
            "verdicts-differ",
            d.item,
            analysis.label(d.item),
            d.message,
            d.sources,
            d.related,
            **d.details,
        )


# --------------------------------------------------------------------------- shared passes
def _claim_comparisons(analysis: Analysis) -> list[Finding]:
    """Contradictions (true vs explicit false) and differences between sources' claim lists
    (one pass for ``conflict`` and ``claims-differ``, memoised on the analysis)."""
    return analysis.derived("claim-comparisons", lambda: _compare_claims(analysis.view))


def _compare_claims(g: Any) -> list[Finding]:
    out: list[Finding] = []
    by_item: dict[str, dict[str, dict[str, bool]]] = defaultdict(lambda: defaultdict(dict))
    iri_of: dict[str, str] = {}
    for u, v, d in edges_with(g, Relation.CLAIMS, Relation.NOT_CLAIMED):
        by_item[u][d["source_section"]][v] = d["relevant"]
        iri_of[d["source_section"]] = d["source_iri"] or d["source_section"]
    for item in sorted(by_item):
        per_source = by_item[item]
        concepts = sorted({c for claims in per_source.values() for c in claims})
        for concept in concepts:
            yes = sorted(s for s, claims in per_source.items() if claims.get(concept) is True)
            no = sorted(s for s, claims in per_source.items() if claims.get(concept) is False)
            silent = sorted(s for s, claims in per_source.items() if concept not in claims)
            label = g.nodes[item]["label"]
            concept_label = g.nodes[concept]["label"]
            if yes and no:
                out.append(
                    _gap(
                        "conflict",
                        item,
                        label,
                        f"{concept_label}: claimed in {', '.join(yes)}; left blank in "
                        f"{', '.join(no)}",
                        sorted({iri_of[x] for x in yes + no}),
                        (concept,),
                    )
                )
            elif yes and silent:
                out.append(
                    _gap(
                        "claims-differ",
                        item,
                        label,
                        f"{concept_label}: claimed in {', '.join(yes)}; not mentioned in "
                        f"{', '.join(silent)}",
                        sorted({iri_of[x] for x in yes + silent}),
                        (concept,),
                    )
                )
    return out


def _link_comparisons(analysis: Analysis) -> list[Finding]:
    """Government's and TINZ's links compared for each (recommendation, item) pair (one pass for
    ``link-disagreement`` and ``link-one-sided``, memoised on the analysis)."""
    return analysis.derived("link-comparisons", lambda: _compare_links(analysis.view))


def _compare_links(g: Any) -> list[Finding]:
    from ogpgraph.analysis.positions import link_agreement, other_level_links

    out: list[Finding] = []
    pairs: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for u, v, d in edges_with(g, *LINK_RELATIONS):
        if "asserted_by" in d:
            pairs[(v, u)][d["asserted_by"]] = d
    for (rec, item), by in sorted(pairs.items()):
        rec_label = g.nodes[rec]["label"]
        item_label = g.nodes[item]["label"]
        if len(by) >= 2:
            relations = {a: d["relation"] for a, d in by.items()}
            statuses = {a: d["status"] for a, d in by.items()}
            if link_agreement({a: [d] for a, d in by.items()}) == "disagree":
                said = "; ".join(
                    f"{asserter_words(a)}: {as_relation(relations[a]).words}"
                    + (f", status {status_words(statuses[a])}" if statuses[a] else "")
                    for a in sorted(by)
                )
                out.append(
                    _gap(
                        "link-disagreement",
                        rec,
                        rec_label,
                        f"linked to {item_label} differently — {said}",
                        sorted(_link_source(d) for d in by.values()),
                        (item,),
                    )
                )
        elif len(by) == 1:
            ((asserter, d),) = by.items()
            if set(other_level_links(g, rec, item)) - {asserter}:
                continue  # another side links it to the whole or a part: not one-sided
            out.append(
                _gap(
                    "link-one-sided",
                    rec,
                    rec_label,
                    f"only {asserter_words(asserter)} links it to {item_label} "
                    f"({as_relation(d['relation']).words})",
                    (_link_source(d),),
                    (item,),
                    asserted_by=asserter,
                )
            )
    return out


def _link_source(edge: dict[str, Any]) -> str:
    """The source a link row cites: its links table (``source/links/<file stem>``)."""
    from ogpgraph.core import namespaces as ns

    graph = edge["graph"]
    if graph.startswith(ns.LINKS_GRAPH_PREFIX):
        return ns.SOURCE + "links/" + graph[len(ns.LINKS_GRAPH_PREFIX) :]
    return graph


def gaps_table(gaps: list[Finding]) -> Table:
    """Findings as rows for printing (subjects by label, sources shortened)."""
    from ogpgraph.core.findings import findings_table
    from ogpgraph.core.values import short_iri

    return findings_table(
        gaps,
        TABLE_FIELDS,
        title="Gaps",
        cells={
            "subject": lambda f: f.subject_label,
            "sources": lambda f: "; ".join(short_iri(s) for s in f.sources),
        },
    )
