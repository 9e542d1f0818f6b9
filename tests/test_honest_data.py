"""Honest data (issue 13, item 8): the bundled links say only what their sources say.

TINZ's rows say what its 2014 implementation-status page says and grade nothing it does not; the
government's rows cover every target the report's section 3 paragraphs name, and a grade the
report does not give is marked as this dataset's reading (``certainty`` and a ``note``); the
ungraded relation (``linked``) and the certainty column are accepted by ``links check``, unknown
values refused by row and column.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.dataset.links import CERTAINTIES, check_links, compile_links
from ogpgraph.dataset.resolve import resolve_id
from ogpgraph.model import GRADED_LINKS, Certainty, Relation

from .conftest import ROOT

LINKS = ROOT / "graph" / "links"
REPORT = ROOT / "graph" / "nz-sar-2016" / "source-report.txt"
#: the address of the stored copy of TINZ's 2014 page (graph/external/external.trig)
TINZ_PAGE = (
    "http://www.transparency.org.nz/2014/"
    "Integrity-Plus-2013-New-Zealand-National-Integrity-System-Assessment-Implementation-Status.htm"
)
#: the rows below give these columns, in this order (any order is allowed in a table)
HEADER = (
    "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on,"
    "certainty,note\n"
)
GRADES = {r.value for r in GRADED_LINKS}


def _rows(name: str) -> list[dict[str, str]]:
    with (LINKS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _links(recommendation: str, asserter: str = "government") -> set[str]:
    """The targets (identifiers) the ``asserter``'s table links to ``recommendation``."""
    return {r["target"] for r in _rows(asserter) if r["recommendation"] == recommendation}


def _one(kg, sparql: str) -> list[dict[str, str]]:
    return list(kg.select(sparql))


# --- TINZ ---------------------------------------------------------------------------------


def test_the_tinz_rows_grade_nothing_and_cite_the_page():
    rows = _rows("tinz")
    assert rows
    for row in rows:
        # the 2014 page links work to recommendations without grading it or giving a status
        assert row["relation"] == Relation.LINKED, row["recommendation"]
        assert row["status"] == "" and row["certainty"] == ""
        assert row["evidence_source"] == TINZ_PAGE  # the full address, no "…"
        assert "…" not in row["evidence_source"]
        assert row["rationale"].startswith("TINZ's 2014 implementation-status page")
    road_map = [r for r in rows if r["recommendation"] == "nis-rec-3"]
    assert [r["target"] for r in road_map] == ["initiative-state-sector-integrity-system-road-map"]


def test_the_page_the_tinz_rows_cite_is_the_source_of_recommendation_3(kg):
    (row,) = _one(
        kg,
        "SELECT ?address WHERE { <https://w3id.org/ogpgraph/source/tinz-implementation-status-2014>"
        " ogp:address ?address }",
    )
    assert row["address"] == TINZ_PAGE


# --- government ---------------------------------------------------------------------------


def test_every_government_grade_the_report_does_not_give_is_this_datasets_reading():
    rows = _rows("government")
    # the report grades only recommendation 1's UNCAC part (met "with New Zealand ratifying
    # UNCAC") and recommendation 2 (met "with the launch of its first Action Plan")
    given = {("nis-rec-1-uncac", "event-uncac-ratification"), ("nis-rec-2", "action-plan-1")}
    for row in rows:
        key = (row["recommendation"], row["target"])
        if key in given:
            assert row["relation"] == Relation.ADDRESSES and not row["certainty"], key
        elif row["relation"] in GRADES:
            assert row["certainty"] == Certainty.DATASET_READING, key
            assert "gives no grade" in row["note"] and '"' in row["note"], key  # quotes the words
        else:
            assert row["relation"] == Relation.LINKED and not row["certainty"], key
            assert row["note"].startswith("Not graded"), key


def test_the_readings_quote_the_report():
    """Every quoted phrase of a reading's note is words of the report."""
    import re

    text = " ".join(REPORT.read_text(encoding="utf-8").split())
    readings = [r for r in _rows("government") if r["certainty"] == Certainty.DATASET_READING]
    assert len(readings) == 6
    for row in readings:
        quoted = re.findall(r'"([^"]+)"', row["note"])
        words = [q for q in quoted if q != "Partly addresses"]
        assert words, row["target"]
        for phrase in words:
            assert phrase in text, (row["target"], phrase)


def test_recommendation_4_links_procurement_policy_advice_and_training(kg):
    targets = _links("nis-rec-4")
    assert targets == {
        "initiative-government-procurement",
        "initiative-evidence-based-policy-advice",
        "initiative-anti-corruption-training",
    }
    # the two new initiatives are the report's, and respond to recommendation 4
    rows = _one(
        kg,
        """SELECT ?id ?label WHERE {
             ?i dcterms:identifier ?id ; rdfs:label ?label ; ogp:respondsTo ?rec ;
                dcterms:source <https://w3id.org/ogpgraph/source/nz-sar-2016/s3-nis> .
             ?rec dcterms:identifier "nis-rec-4" .
             FILTER (?id IN ("initiative-government-procurement",
                             "initiative-evidence-based-policy-advice")) }""",
    )
    report = " ".join(REPORT.read_text(encoding="utf-8").split()).lower()
    assert len(rows) == 2
    for row in rows:
        assert row["label"].lower() in report  # labelled with the report's words


def test_recommendation_1_is_met_by_the_ratification_and_the_bill_is_not_graded():
    rows = {r["target"]: r for r in _rows("government") if r["recommendation"] == "nis-rec-1-uncac"}
    assert rows["event-uncac-ratification"]["relation"] == Relation.ADDRESSES
    bill = rows["initiative-organised-crime-and-anti-corruption-legislation-bill"]
    assert bill["relation"] == Relation.LINKED


def test_recommendation_5s_link_and_status_assessment_name_the_same_resource(kg):
    (target,) = _links("nis-rec-5")
    about = {
        row["about"]
        for row in _one(
            kg,
            """SELECT ?about WHERE {
                 ?a a ogp:StatusAssessment ; ogp:assessedEntity ?rec ; ogp:about ?about .
                 ?rec dcterms:identifier "nis-rec-5" }""",
        )
    }
    assert about == {resolve_id(kg, target)}


def test_every_assessed_status_is_about_what_the_government_links(kg):
    """A status assessment's ``ogp:about`` and the government's links name the same work."""
    rows = _one(
        kg,
        """SELECT ?rec ?about WHERE {
             ?a a ogp:StatusAssessment ; ogp:assessedEntity ?r ; ogp:about ?x .
             ?r dcterms:identifier ?rec . ?x dcterms:identifier ?about }""",
    )
    by_rec: dict[str, set[str]] = {}
    for row in rows:
        by_rec.setdefault(row["rec"], set()).add(row["about"])
    for rec, about in by_rec.items():
        assert about == _links(rec), rec


def test_commitment_3_responds_to_the_nis_report(kg):
    rows = _one(
        kg,
        """SELECT ?report WHERE { ?c dcterms:identifier "commitment-3" ; ogp:respondsTo ?report .
             ?report a ogp:IntegrityAssessment }""",
    )
    assert [r["report"] for r in rows] == [ns.BASE + "nz/nis-2013"]
    # it responds to the report as a whole: no links row grades it against one recommendation
    assert not [r for r in _rows("government") if r["target"] == "commitment-3"]


def test_the_report_never_writes_dia_so_the_graph_does_not(kg):
    import re

    assert not re.search(r"\bDIA\b", REPORT.read_text(encoding="utf-8"))
    assert not _one(kg, 'SELECT ?o WHERE { ?o skos:altLabel "DIA"@en }')


# --- the links table accepts the relation and the certainty, and refuses others -------------


@pytest.fixture
def tmp_table(tmp_path: Path):
    def write(*rows: str) -> Path:
        path = tmp_path / "mine.csv"
        path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
        return path

    return write


def test_links_check_accepts_linked_and_a_reading_with_a_note(kg, tmp_table):
    path = tmp_table(
        "nis-rec-3,commitment-3,linked,,The page links them.,,org-tinz,2014,,",
        "nis-rec-4,commitment-3,partly-addresses,progressing,Because.,,org-tinz,2014,"
        'dataset-reading,"Reads ""underway"" as partly."',
    )
    assert check_links(path, kg) == []
    quads = compile_links(path, graph=ns.LINKS_GRAPH_PREFIX + "mine", kg=kg)
    said = {(q.predicate.value, q.object.value) for q in quads}
    assert (ns.OGP + "linkRelation", ns.VOCAB + "link-relation/linked") in said
    assert (ns.OGP + "certainty", ns.VOCAB + "certainty/dataset-reading") in said
    notes = [q.object for q in quads if q.predicate.value == ns.SKOS + "note"]
    assert [(n.value, n.language) for n in notes] == [('Reads "underway" as partly.', "en")]


def test_links_check_refuses_an_unknown_relation_or_certainty_by_row_and_column(kg, tmp_table):
    path = tmp_table(
        "nis-rec-3,commitment-3,linkd,,Because.,,org-tinz,2014,,",
        "nis-rec-4,commitment-3,addresses,,Because.,,org-tinz,2014,our-reading,Why.",
        "nis-rec-5,commitment-3,addresses,,Because.,,org-tinz,2014,dataset-reading,",
    )
    found = {(p.location.row, p.location.column): p.message for p in check_links(path, kg)}
    assert set(found) == {(2, "relation"), (3, "certainty"), (4, "note")}
    assert "linked" in found[(2, "relation")]
    for value in CERTAINTIES:  # the message lists the model's values
        assert value in found[(3, "certainty")]
    assert "needs a note" in found[(4, "note")]


def test_links_check_cli_refuses_an_unknown_certainty(cli, tmp_path):
    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "ontology", proj / "ontology")
    shutil.copytree(ROOT / "graph", proj / "graph")
    table = proj / "graph" / "links" / "tinz.csv"
    table.write_text(
        HEADER + "nis-rec-3,commitment-3,addresses,,Because.,,org-tinz,2014,sure,Why.\n",
        encoding="utf-8",
    )
    result = cli("links", "check", str(table), root=proj)
    assert result.exit_code == 1
    assert "row 2, column 'certainty'" in result.output
    assert "Traceback" not in result.output


# --- what readers see -------------------------------------------------------------------


def test_the_report_and_the_tooltips_say_which_grades_are_this_datasets_reading(kg):
    from ogpgraph.analysis.reports import recommendations_report
    from ogpgraph.analysis.state import Analysis
    from ogpgraph.pages.visdata import edge_tooltip

    text = recommendations_report(kg)
    # the side-by-side report: an item's heading, then its table (relation, date, …, note)
    blocks = {block.split("\n", 1)[0]: block for block in text.split("\n\n*")}
    procurement = next(b for h, b in blocks.items() if h.startswith("Government procurement*"))
    assert "| relation | partly addresses (this dataset's reading) |" in procurement
    assert "| note | The report gives no grade for this link." in procurement
    ratification = next(b for h, b in blocks.items() if "ratification of UNCAC*" in h)
    assert "dataset's reading" not in ratification

    g = Analysis.of(kg).view
    target = resolve_id(kg, "initiative-government-procurement")
    ((_u, _v, d),) = [
        e for e in g.out_edges(target, data=True) if e[2]["relation"] == Relation.PARTLY_ADDRESSES
    ]
    assert d["certainty"] == Certainty.DATASET_READING and d["note"]
    tip = edge_tooltip("Government procurement", "Recommendation 4", d)
    assert "(this dataset's reading)" in tip and "\nNote: The report gives no grade" in tip
