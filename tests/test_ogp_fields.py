"""The OGP's commitment fields, declared once (ogpgraph.sheet.fields): the hand-read commitment
pages of graph/later/ hold exactly what their quotes print, on the properties the mapping
declares; the sheet importer writes the same properties for the same fields; and a sheet whose
rows use the OGP's column names reconciles with the graph (the report's four commitments and the
later plans' matched, not duplicated; differences kept side by side, each with its source)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.dataset.store import KnowledgeGraph
from ogpgraph.sheet import fields
from ogpgraph.sheet.fields import FIELDS, Form, Target
from ogpgraph.sheet.importer import import_sheet
from ogpgraph.sheet.names import name_key
from ogpgraph.sheet.read import COLUMNS

DATA = Path(__file__).parent / "data" / "ogp-sheet"
B = ns.BASE
OGP_PAGES = "opengovpartnership.org/members/new-zealand/commitments/"
#: the sheet's columns that identify or describe a commitment rather than carry a page field
IDENTITY_COLUMNS = {
    "id",
    "member",
    "region",
    "year",
    "plan",
    "number",
    "title",
    "short_title",
    "text",
    "url",
}

PAGE_REVIEWS = """
PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?r ?c ?quote WHERE {
  GRAPH ?g { ?r a ogp:CommitmentReview ; ogp:assessedEntity ?c ; ogp:quote ?quote ;
                dcterms:source ?src }
  GRAPH ?g2 { ?src ogp:address ?address }
  FILTER(CONTAINS(STR(?address), "opengovpartnership.org/members/new-zealand/commitments/"))
} ORDER BY ?g
"""


def _str(term) -> str:
    return str(getattr(term, "value", term))


def _objects(kg: KnowledgeGraph, subject: str, prop: str, graph: str | None = None) -> set:
    g = ox.NamedNode(graph) if graph else None
    return {
        q.object
        for q in kg.store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(prop), None, g)
    }


def _org_names(kg: KnowledgeGraph, org: ox.NamedNode) -> set[str]:
    names = set()
    for p in (ns.RDFS + "label", ns.SKOS + "altLabel"):
        names |= {name_key(_str(o)) for o in _objects(kg, org.value, p)}
    return names


@pytest.fixture(scope="module")
def page_reviews(kg) -> list[dict]:
    rows = kg.select(PAGE_REVIEWS)
    assert len({r["g"] for r in rows}) >= 14  # the OGP pages read so far, one graph per copy
    return rows


# --------------------------------------------------------------------------- the mapping itself
def test_every_sheet_column_is_a_page_field_or_declared_otherwise():
    mapped = {c for f in FIELDS for c in f.columns}
    assert set(COLUMNS) == mapped | set(fields.SHEET_ONLY_COLUMNS) | IDENTITY_COLUMNS
    assert not mapped & set(fields.SHEET_ONLY_COLUMNS)
    for key in mapped:
        assert fields.prop(key) == fields.for_column(key).prop


def test_labels_name_one_field_each():
    labels = [lab.casefold() for f in FIELDS for lab in f.labels]
    assert len(labels) == len(set(labels))
    assert fields.field("ambition").prop == ns.OGP + "ambitionRating"
    with pytest.raises(KeyError):
        fields.field("Colour")


@pytest.mark.parametrize(
    "label, printed, expected",
    [
        ("Starred", "No", False),
        ("Starred", "Yes", True),
        ("Starred", "Pending IRM Review", None),
        ("Completion", "Pending IRM Review", None),
        ("Completion", "(empty)", None),
        ("Completion", "Substantial", "Substantial"),
        ("Early Results", "Pending IRM Review", "Pending IRM Review"),
        ("Potential Impact", "(empty)", None),
        ("IRM Report", "New Zealand End-of-Term Report 2014-2016", None),
    ],
)
def test_a_printed_value_becomes_the_models_value(label, printed, expected):
    assert fields.model_value(fields.field(label), printed) == expected


def test_organisation_and_term_cells_are_read_as_the_sheet_reads_them():
    lead = fields.field("Lead Institution")
    assert fields.page_values(
        lead,
        "Stats NZ (working with Department of Internal Affairs (Government Chief Digital Officer))",
    ) == ["Stats NZ"]
    assert fields.page_values(lead, "Ministry of Justice and the State Services Commission") == [
        "Ministry of Justice",
        "the State Services Commission",
    ]
    assert fields.page_values(lead, "NA") == []
    assert fields.page_values(
        lead, "Government Chief Digital Officer – Department of Internal Affairs"
    ) == ["Department of Internal Affairs"]
    areas = fields.field("Policy Areas")
    assert fields.page_values(areas, "Open Data, Public Participation") == [
        "Open Data",
        "Public Participation",
    ]


def test_a_quote_of_page_fields_reads_back_into_fields():
    quote = (
        "Lead Institution: State Services Commission. Support Institution(s): Transparency "
        "International NZ (TINZ). Policy Areas: Anti-Corruption Institutions. IRM Report: New "
        "Zealand End-of-Term Report 2014-2016, New Zealand IRM Progress Report 2014-2015. "
        "Starred: No. Ambition (see definition): Low. Completion: (empty)."
    )
    assert fields.read_quote(quote) == {
        "Lead Institution": "State Services Commission",
        "Support Institution(s)": "Transparency International NZ (TINZ)",
        "Policy Areas": "Anti-Corruption Institutions",
        "IRM Report": "New Zealand End-of-Term Report 2014-2016, New Zealand IRM Progress "
        "Report 2014-2015",
        "Starred": "No",
        "Ambition (see definition)": "Low",
        "Completion": "(empty)",
    }


# --------------------------------------------------------------------------- graph/later agrees
def test_each_pages_review_holds_what_its_quote_prints(kg, page_reviews):
    """Every field a page's quote prints is on the review as the mapping says, and nothing
    else: a field printed empty or not yet given is absent."""
    checked = 0
    for row in page_reviews:
        printed = fields.read_quote(_str(row["quote"]))
        assert printed, row["r"]
        for f in FIELDS:
            if f.target is not Target.REVIEW or f.prop is None:
                continue
            held = {_str(o) for o in _objects(kg, row["r"], f.prop, row["g"])}
            value = fields.model_value(f, printed[f.page]) if f.page in printed else None
            if f.form is Form.FLAG and value is not None:
                value = "true" if value else "false"
            if f.form is Form.COMPLETION and held:
                held = {_str(o) for c in held for o in _objects(kg, c, ns.SKOS + "prefLabel")}
            assert held == ({value} if value is not None else set()), (row["r"], f.page)
            checked += 1
    assert checked >= 14 * 6


def test_each_pages_commitment_fields_are_on_the_commitment(kg, page_reviews):
    """Lead and support institutions name organisations the commitment has in that role (in any
    graph: the report may already say so); the policy areas are its subjects in the page's
    graph."""
    for row in page_reviews:
        printed = fields.read_quote(_str(row["quote"]))
        for f in FIELDS:
            if f.target is not Target.COMMITMENT or f.page not in printed:
                continue
            names = fields.page_values(f, printed[f.page])
            if f.form is Form.TERMS:
                held = {_str(o) for o in _objects(kg, row["c"], f.prop, row["g"])}
                assert held == set(names), (row["g"], f.page)
                continue
            orgs = _objects(kg, row["c"], f.prop)
            for name in names:
                assert any(name_key(name) in _org_names(kg, org) for org in orgs), (
                    row["g"],
                    f.page,
                    name,
                )


def test_the_sheet_importer_writes_the_page_fields_on_the_same_properties(
    make_project, page_reviews, kg
):
    """The properties the importer writes for a row's page-field columns are those the
    hand-read pages use for the same fields."""
    project = make_project(
        {"test/base.trig": (DATA / "base.trig").read_text(encoding="utf-8")}, name="fields"
    )
    import_sheet(DATA / "clean.csv", project)
    imported = KnowledgeGraph.load(project)
    graph = ns.GRAPH + "imports/ogp-sheet-clean"
    nz3 = B + "nz/commitment/3"
    review = B + "nz/assessment/ogp-sheet-clean/commitment-3"
    written = {
        "lead": _objects(imported, nz3, fields.prop("lead"), graph),
        "support": _objects(imported, nz3, fields.prop("support"), graph),
        "theme": _objects(imported, nz3, fields.prop("theme"), graph),
        "impact": _objects(imported, review, fields.prop("impact"), graph),
        "opened": _objects(imported, review, fields.prop("opened"), graph),
        "completion": _objects(imported, review, fields.prop("completion"), graph),
    }
    assert {k: len(v) for k, v in written.items()} == {
        "lead": 1,
        "support": 1,
        "theme": 1,
        "impact": 1,
        "opened": 1,
        "completion": 1,
    }
    assert {_str(o) for o in written["impact"]} == {"Minor"}
    assert {_str(o) for o in written["opened"]} == {"Major"}
    # the same properties carry those fields in graph/later/
    used = {
        str(q.predicate)[1:-1]
        for row in page_reviews
        for q in kg.store.quads_for_pattern(
            ox.NamedNode(row["r"]), None, None, ox.NamedNode(row["g"])
        )
    }
    for key in ("impact", "opened", "completion"):
        assert fields.prop(key) in used or fields.for_column(key).form is Form.COMPLETION
    assert {fields.prop("impact"), fields.prop("opened")} <= used


# --------------------------------------------------------------------------- reconciliation
@pytest.fixture(scope="module")
def reconciled(root, tmp_path_factory):
    """A copy of the real graph with tests/data/ogp-sheet/fixture-nz-later.csv imported.

    The sheet is a FIXTURE, not data: no stored copy of the OGP's commitments sheet for New
    Zealand was found, so its rows use the OGP's column names with values made up to differ
    from the graph where the test needs a difference (e.g. NZ0004's Did It Open Government).
    """
    proj = tmp_path_factory.mktemp("reconcile") / "real"
    shutil.copytree(root / "ontology", proj / "ontology")
    shutil.copytree(root / "graph", proj / "graph", ignore=shutil.ignore_patterns("imports"))
    before = KnowledgeGraph.load(proj)
    result = import_sheet(DATA / "fixture-nz-later.csv", proj)
    return before, KnowledgeGraph.load(proj), result


GRAPH_OF_SHEET = ns.GRAPH + "imports/ogp-sheet-fixture-nz-later"


def test_the_sheets_commitments_are_matched_not_duplicated(reconciled):
    before, after, result = reconciled
    assert result.issues == [] and result.written
    assert result.counts["commitments created"] == 0
    assert result.counts["commitments matched"] == 8
    count = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ogp:Commitment }"
    assert after.select(count)[0]["n"] == before.select(count)[0]["n"]
    by_id = {
        _str(r["oid"]): _str(r["c"]).removeprefix(B)
        for r in after.select(
            "SELECT ?oid ?c WHERE { ?c ogp:ogpIdentifier ?oid FILTER(STRSTARTS(?oid, 'NZ')) }"
        )
    }
    assert {k: by_id[k] for k in ("NZ0001", "NZ0002", "NZ0003", "NZ0004")} == {
        "NZ0001": "nz/commitment/1",
        "NZ0002": "nz/commitment/2",
        "NZ0003": "nz/commitment/3",
        "NZ0004": "nz/commitment/4",
    }
    # later plans: by the identifiers the OGP's pages give (graph/later/)
    assert by_id["NZ0006"] == "nz/commitment/plan-2-2"
    assert by_id["NZ0012"] == "nz/commitment/plan-3-1"
    assert by_id["NZ0019"] == "nz/commitment/plan-3-8"
    # one label each; the sheet's titles are alternative labels
    for c in ("nz/commitment/4", "nz/commitment/plan-3-8"):
        assert len(_objects(after, B + c, ns.RDFS + "label")) == 1
    assert "Algorithms" in {
        _str(o) for o in _objects(after, B + "nz/commitment/plan-3-8", ns.SKOS + "altLabel")
    }


def test_the_sheets_organisations_are_the_graphs(reconciled):
    _before, after, result = reconciled
    # Statistics New Zealand, TINZ ("Transparency International NZ (TINZ)"), DIA, SSC, LINZ,
    # the Ministry of Health and the Office of the Clerk: all matched, none created
    assert result.counts["organisations created"] == 0
    clerk = _objects(after, B + "nz/commitment/plan-3-1", ns.OGP + "leadAgency", GRAPH_OF_SHEET)
    assert clerk == {ox.NamedNode(B + "nz/org/office-of-the-clerk")}
    leads = _objects(after, B + "nz/commitment/plan-3-8", ns.OGP + "leadAgency", GRAPH_OF_SHEET)
    assert leads == {ox.NamedNode(B + "nz/org/statistics-new-zealand")}
    support = _objects(
        after, B + "nz/commitment/3", ns.OGP + "supportingOrganisation", GRAPH_OF_SHEET
    )
    assert support == {ox.NamedNode(B + "nz/org/transparency-international-new-zealand")}


def test_differences_are_kept_side_by_side_each_with_its_source(reconciled):
    _before, after, _result = reconciled
    rows = after.select(
        """SELECT ?c ?g ?early WHERE { GRAPH ?g { ?r ogp:assessedEntity ?c ; ogp:earlyResults ?early } }
        ORDER BY ?g""",
        c=ox.NamedNode(B + "nz/commitment/4"),
    )
    assert {(_str(r["g"]).removeprefix(ns.GRAPH), _str(r["early"])) for r in rows} == {
        ("later/ogp-nz0004", "Marginal"),
        ("imports/ogp-sheet-fixture-nz-later", "Did Not Change"),
    }
    # completion of NZ0003: the government's self-assessments and the sheet's IRM verdict
    levels = after.select(
        """SELECT ?c ?g ?level ?src WHERE { GRAPH ?g { ?a ogp:assessedEntity ?c ;
               ogp:completionLevel ?l ; dcterms:source ?src } GRAPH ?g2 { ?l skos:prefLabel ?level } }""",
        c=ox.NamedNode(B + "nz/commitment/3"),
    )
    by_graph = {_str(r["g"]).removeprefix(ns.GRAPH): _str(r["level"]) for r in levels}
    assert by_graph["imports/ogp-sheet-fixture-nz-later"] == "Complete"
    assert by_graph["later/self-assessment-end-of-term-2014-16"] == "Substantial"
    assert all(r["src"] for r in levels)
    # plan 2 commitment 2's leads: ogp.org.nz's two, the sheet's one, each in its own graph
    leads = after.select(
        "SELECT ?c ?g ?o WHERE { GRAPH ?g { ?c ogp:leadAgency ?o } }",
        c=ox.NamedNode(B + "nz/commitment/plan-2-2"),
    )
    assert {
        (_str(r["g"]).removeprefix(ns.GRAPH), _str(r["o"]).removeprefix(B + "nz/org/"))
        for r in leads
    } == {
        ("later/ogp-nz-improving-official-information", "state-services-commission"),
        ("later/ogp-nz-improving-official-information", "ministry-of-justice"),
        ("imports/ogp-sheet-fixture-nz-later", "state-services-commission"),
    }


def test_the_reconciled_graph_has_no_new_validation_error(reconciled):
    from ogpgraph.analysis.validate import validate

    before, after, _result = reconciled
    errors_before = {(f.subject, f.path, f.message) for f in validate(before).errors}
    new = {(f.subject, f.path, f.message) for f in validate(after).errors} - errors_before
    assert not new, new
