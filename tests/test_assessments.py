"""TINZ's own dated assessments beside the government's (issue 13, items 1, 2 (gaps), 3 and 5):
status assessment tables, dated link rows and history, reviewers and sign-off, one position per
assessor — the same rule in ``links check``, in loading and in every view of the status."""

from __future__ import annotations

import json

import pytest

from ogpgraph.analysis.gaps import find_gaps
from ogpgraph.analysis.positions import agreement, sides
from ogpgraph.analysis.state import Analysis
from ogpgraph.analysis.validate import validate
from ogpgraph.dataset.links_check import check_tables
from ogpgraph.dataset.store import KnowledgeGraph
from ogpgraph.model.positions import GOVERNMENT, Row, disagreeing, position

from .fixtures_gaps import clean_project

REC = "https://w3id.org/ogpgraph/t/rec1"
INIT = "https://w3id.org/ogpgraph/t/init"
STATUS_HEADER = (
    "recommendation,status,rationale,evidence_source,asserted_by,asserted_on,reviewer,signed_off\n"
)
LINK_HEADER = (
    "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on,"
    "reviewer,signed_off\n"
)


@pytest.fixture
def project(make_project):
    """The clean gap fixture: the government (org-a) and TINZ (org-t, alias org-tinz) link
    nis-rec-1 to initiative-one, both saying met; an unattributed source says met too."""
    return clean_project(make_project)


def _write(proj, rel: str, text: str):
    path = proj / "graph" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _sides(proj) -> dict[str, object]:
    analysis = Analysis.of(KnowledgeGraph.load(proj))
    return {side.assessor: side for side in sides(analysis, REC)}


# ------------------------------------------------------------------------- the rule itself
def test_the_newest_date_is_the_position_and_older_rows_are_history():
    rows = [Row("progressing", "2014-06"), Row("not-started", "2016-03-15"), Row("met", "2016")]
    found = position(rows)
    assert found.value == "not-started"
    assert found.date == "2016-03-15"
    assert [r.value for r in found.superseded] == ["progressing", "met"]


def test_a_signed_off_row_decides_between_reviewers_of_one_date():
    rows = [
        Row("met", "2016-03-15", "Alice", signed_off=True),
        Row("progressing", "2016-03-15", "Bob"),
    ]
    assert position(rows).value == "met"
    assert disagreeing(rows) == []
    unsigned = [Row("met", "2016-03-15", "Alice"), Row("progressing", "2016-03-15", "Bob")]
    assert position(unsigned).value is None  # shown as both, never one chosen silently
    assert position(unsigned).values == ("met", "progressing")
    assert len(disagreeing(unsigned)) == 1


def test_reviewers_who_agree_need_no_sign_off():
    rows = [Row("met", "2016-03-15", "Alice"), Row("met", "2016-03-15", "Bob")]
    assert position(rows).value == "met"
    assert disagreeing(rows) == []


# ------------------------------------------------------------------ status assessment tables
def test_a_tinz_status_table_reaches_the_positions_and_the_gaps(project):
    _write(
        project,
        "assessments/tinz.csv",
        STATUS_HEADER
        + "nis-rec-1,progressing,Some work started.,,org-tinz,2014-06,,\n"
        + "nis-rec-1,not-started,Nothing has changed since 2014.,,org-tinz,2016-03-15,Alice,\n",
    )
    assert check_tables(project).ok
    found = _sides(project)
    assert set(found) >= {GOVERNMENT, "tinz"}
    tinz = found["tinz"]
    assert tinz.status == "not-started" and tinz.date == "2016-03-15"
    # earlier: 2014's row, and the status given with TINZ's 2016-02-01 link in the fixture
    assert [(a.status, a.date) for a in tinz.earlier] == [
        ("progressing", "2014-06"),
        ("met", "2016-02-01"),
    ]
    assert tinz.current[0].reviewer == "Alice"
    assert tinz.current[0].words == "Nothing has changed since 2014."
    assert found[GOVERNMENT].status == "met"
    analysis = Analysis.of(KnowledgeGraph.load(project))
    gaps = {g.kind: g for g in find_gaps(analysis) if g.subject == REC}
    assert "status-disagreement" in gaps
    assert "TINZ: Not started (2016-03-15)" in gaps["status-disagreement"].message
    assert "government: Met" in gaps["status-disagreement"].message
    assert gaps["recommendation-not-met"].details["status"]["tinz"] == "not-started"
    assert (
        "https://w3id.org/ogpgraph/source/assessments/tinz" in gaps["status-disagreement"].sources
    )


def test_a_recommendation_tinz_did_not_assess_says_so(project):
    analysis = Analysis.of(KnowledgeGraph.load(project))
    # the clean fixture: TINZ gives a status only with its link; drop it and TINZ has none
    tinz = project / "graph" / "links" / "tinz.csv"
    tinz.write_text(tinz.read_text(encoding="utf-8").replace(",met,Agreed", ",,Agreed"))
    analysis = Analysis.of(KnowledgeGraph.load(project))
    found = {side.assessor: side for side in sides(analysis, REC)}
    assert not found["tinz"].assessed
    assert found["tinz"].words == "not assessed"
    assert agreement(list(found.values())) == "agree"  # the two that assess agree


def test_an_assessment_table_refuses_link_columns_and_bad_values_by_row(project):
    path = _write(
        project,
        "assessments/tinz.csv",
        "recommendation,target,status,rationale,asserted_by,asserted_on,signed_off\n"
        "nis-rec-1,initiative-one,maybe,Why,org-tinz,2016-13,perhaps\n",
    )
    problems = {(p.location.row, p.location.column) for p in check_tables(project, [path]).problems}
    assert (1, "target") in problems  # a links column in a status table
    header_only = _write(project, "assessments/tinz.csv", STATUS_HEADER.replace("target,", ""))
    assert check_tables(project, [header_only]).ok
    path = _write(
        project,
        "assessments/tinz.csv",
        STATUS_HEADER + "nis-rec-1,maybe,Why,,org-tinz,2016-13,,perhaps\n",
    )
    problems = {(p.location.row, p.location.column) for p in check_tables(project, [path]).problems}
    assert problems == {(2, "status"), (2, "asserted_on"), (2, "signed_off")}


# ---------------------------------------------------------------------------------- history
def test_a_2014_and_a_2016_judgement_of_one_link_are_history_not_duplicates(project, cli):
    tinz = project / "graph" / "links" / "tinz.csv"
    tinz.write_text(
        LINK_HEADER
        + "nis-rec-1,initiative-one,partly-addresses,,First look,,org-t,2014\n"
        + "nis-rec-1,initiative-one,addresses,,Looked again,,org-t,2016-02-01\n",
        encoding="utf-8",
    )
    check = cli("links", "check", root=project)
    assert check.exit_code == 0, check.output
    kg = KnowledgeGraph.load(project)
    analysis = Analysis.of(kg)
    edges = [
        d
        for u, v, d in analysis.view.edges(data=True)
        if d.get("asserted_by") == "tinz" and v == REC
    ]
    assert [(d["relation"], d["at"], d["history"]) for d in edges] == [
        ("addresses", "2016-02-01", 1)
    ]
    history = cli("query", "--name", "link-history", "--format", "json", root=project)
    bindings = json.loads(history.output)["results"]["bindings"]
    tinz_rows = [r for r in bindings if r["organisation"]["value"] == "Watchdog"]
    assert [(r["date"]["value"], r["current"]["value"]) for r in tinz_rows] == [
        ("2014", "false"),
        ("2016-02-01", "true"),
    ]


def test_an_older_row_in_another_file_is_the_same_assessor_not_a_third_party(project):
    _write(
        project,
        "links/tinz (1).csv",
        LINK_HEADER + "nis-rec-1,initiative-one,partly-addresses,,Old copy,,org-t,2014\n",
    )
    assert check_tables(project).ok
    analysis = Analysis.of(KnowledgeGraph.load(project))
    asserters = {
        d["asserted_by"] for _u, v, d in analysis.view.edges(data=True) if "asserted_by" in d
    }
    assert asserters == {GOVERNMENT, "tinz"}
    kinds = {g.kind for g in find_gaps(analysis) if g.subject == REC}
    assert "link-disagreement" not in kinds  # the 2014 row is superseded by the 2016 one


# -------------------------------------------------------------------------------- reviewers
def _errors(proj) -> set[tuple[str, str, str]]:
    """The validation errors of a project (the gap fixture has some of its own: it is made for
    gaps, not for validation; no table may add to them)."""
    return {(f.subject, f.kind, f.message) for f in validate(KnowledgeGraph.load(proj)).errors}


def test_two_reviewers_who_agree_on_one_link_load_and_validate(project, cli):
    baseline = _errors(project)
    tinz = project / "graph" / "links" / "tinz.csv"
    tinz.write_text(
        LINK_HEADER
        + "nis-rec-1,initiative-one,addresses,met,Agreed,,org-t,2016-02-01,Alice,\n"
        + "nis-rec-1,initiative-one,addresses,met,Agreed too,,org-t,2016-02-01,Bob,\n",
        encoding="utf-8",
    )
    assert cli("links", "check", root=project).exit_code == 0
    assert _errors(project) == baseline
    assert [a.reviewer for a in _sides(project)["tinz"].current] == ["Alice", "Bob"]


def test_reviewers_who_differ_without_sign_off_are_refused_by_check_and_build_alike(project, cli):
    tinz = project / "graph" / "links" / "tinz.csv"
    tinz.write_text(
        LINK_HEADER
        + "nis-rec-1,initiative-one,addresses,met,Agreed,,org-t,2016-02-01,Alice,\n"
        + "nis-rec-1,initiative-one,partly-addresses,progressing,Partly,,org-t,2016-02-01,Bob,\n",
        encoding="utf-8",
    )
    check = cli("links", "check", "--format", "json", root=project)
    assert check.exit_code == 1
    problems = json.loads(check.output)
    assert {(p["row"], p["column"]) for p in problems} == {
        (2, "status"),
        (3, "status"),
        (2, "relation"),
        (3, "relation"),
    }
    assert all("signed_off = yes" in p["message"] for p in problems)
    build = cli("build", "--exports", str(project / "out"), root=project)
    assert build.exit_code != 0
    assert "Traceback" not in build.output
    assert "two positions" in build.output and "signed_off = yes" in build.output
    assert not (project / "out").exists()
    # Alice signs off: her row is TINZ's position, Bob's row stays as history
    tinz.write_text(
        tinz.read_text(encoding="utf-8").replace("Alice,\n", "Alice,yes\n"), encoding="utf-8"
    )
    assert cli("links", "check", root=project).exit_code == 0
    found = _sides(project)
    assert found["tinz"].status == "met"
    assert [a.reviewer for a in found["tinz"].current] == ["Alice"]
    # Bob's view of the same date is not adopted (not history: it is not earlier)
    assert [a.reviewer for a in found["tinz"].not_adopted] == ["Bob"]
    assert found["tinz"].earlier == []
    from ogpgraph.analysis.sidebyside import side_by_side

    status_row = next(
        r
        for e in side_by_side(KnowledgeGraph.load(project)).entries
        for r in e.rows
        if r.recommendation == REC and r.row == "status"
    )
    tinz_says = {s.assessor: s for s in status_row.sides}["tinz"]
    assert tinz_says.history == 0
    assert [v.split(":")[0] for v in tinz_says.not_adopted] == ["Bob"]


def test_two_positions_across_two_files_are_found_by_check_as_by_build(project, cli):
    _write(
        project,
        "assessments/tinz.csv",
        STATUS_HEADER + "nis-rec-1,not-started,No,,org-tinz,2016-02-01,,\n",
    )
    # tinz.csv (links) says met on 2016-02-01 for the same recommendation
    check = cli("links", "check", root=project)
    assert check.exit_code == 1
    assert "assessments/tinz.csv: row 2" in check.output
    assert "links/tinz.csv: row 2" in check.output
    with pytest.raises(Exception) as raised:
        KnowledgeGraph.load(project)
    assert "two positions" in str(raised.value)


def test_links_new_statuses_writes_an_assessment_table_that_checks_once_filled(project, cli):
    result = cli("links", "new", "tinz-2016", "--statuses", root=project)
    assert result.exit_code == 0, result.output
    path = project / "graph" / "assessments" / "tinz-2016.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == STATUS_HEADER.strip()
    assert lines[1].startswith("# nis-rec-3,")
    assert cli("links", "check", str(path), root=project).exit_code == 0


# ------------------------------------------------------------------ evidence and pillars (9)
PILLAR_HEADER = "recommendation,pillar,rationale,evidence_source,asserted_by,asserted_on\n"


def test_a_case_study_is_accepted_as_evidence_and_cited(project):
    from ogpgraph.core import namespaces as ns

    tinz = project / "graph" / "links" / "tinz.csv"
    tinz.write_text(
        LINK_HEADER + "nis-rec-1,initiative-one,addresses,,Shown by it,case-study-one,org-t,2016\n",
        encoding="utf-8",
    )
    assert check_tables(project).ok
    kg = KnowledgeGraph.load(project)
    rows = kg.select(f"SELECT ?l ?c WHERE {{ ?l <{ns.OGP}citesCaseStudy> ?c }}")
    assert [r["c"] for r in rows] == ["https://w3id.org/ogpgraph/t/cs1"]
    tinz.write_text(
        LINK_HEADER + "nis-rec-1,initiative-one,addresses,,Shown,commitment-1,org-t,2016\n",
        encoding="utf-8",
    )
    (problem,) = check_tables(project).problems
    assert (problem.location.row, problem.location.column) == (2, "evidence_source")
    assert "not of a case study" in problem.message


def test_a_pillars_table_adds_the_pillars_a_recommendation_touches(project, cli):
    baseline = _errors(project)
    path = _write(
        project,
        "pillars/tinz.csv",
        PILLAR_HEADER
        + "nis-rec-1,media,Our 2013 report treats it under the media pillar.,,org-tinz,2013-12\n"
        + "nis-rec-1,pillar-business,And business.,case-study-one,org-tinz,2013-12\n",
    )
    assert cli("links", "check", root=project).exit_code == 0
    analysis = Analysis.of(KnowledgeGraph.load(project))
    touched = {
        v.rsplit("/", 1)[-1]
        for u, v, d in analysis.view.edges(data=True)
        if u == REC and d["relation"] == "touches"
    }
    # the fixture touches every pillar already; the table's two come from its own graph
    graphs = {
        d["graph"]
        for u, v, d in analysis.view.edges(data=True)
        if u == REC and d["relation"] == "touches" and v.endswith(("/media", "/business"))
    }
    assert {"media", "business"} <= touched
    assert "https://w3id.org/ogpgraph/graph/pillars/tinz" in graphs
    assert _errors(project) == baseline
    path.write_text(PILLAR_HEADER + "nis-rec-1,press,Why,,org-tinz,2013\n", encoding="utf-8")
    check = cli("links", "check", root=project)
    assert check.exit_code == 1
    assert "row 2, column 'pillar': unknown pillar 'press' (use: " in check.output


def test_read_only_commands_leave_out_tables_whose_rows_clash_and_say_so(project, cli):
    _write(
        project,
        "assessments/tinz.csv",
        STATUS_HEADER + "nis-rec-1,not-started,No,,org-tinz,2016-02-01,,\n",
    )
    kg = KnowledgeGraph.load(project, broken_tables="skip")
    skipped = sorted(t.path.name for t in kg.skipped_tables)
    assert skipped == ["tinz.csv", "tinz.csv"]  # the links table and the status table
    assert all("two positions" in t.message for t in kg.skipped_tables)
    gaps = cli("gaps", "--format", "json", root=project)
    assert gaps.exit_code == 0
    assert "two positions" in gaps.output  # the warning (stderr is mixed in here)


def test_only_grades_can_disagree_about_a_link():
    from ogpgraph.analysis.positions import link_agreement

    def row(relation: str, status: str = "") -> dict[str, str]:
        return {"relation": relation, "status": status}

    assert link_agreement({"government": [row("addresses")], "tinz": [row("linked")]}) == "agree"
    assert (
        link_agreement({"government": [row("addresses")], "tinz": [row("partly-addresses")]})
        == "disagree"
    )
    assert link_agreement({"government": [row("linked")], "tinz": [row("linked")]}) == "agree"
    assert (
        link_agreement({"government": [row("addresses", "met")], "tinz": [row("addresses", "")]})
        == "agree"
    )
    assert link_agreement({"tinz": [row("linked")]}) == "one-sided"


def test_the_history_queries_mark_only_the_position_current(project, cli):
    """On one date, a reviewer's differing row that is not signed off is not the position: the
    history queries say current only of the signed-off row (and of agreeing rows, and not of
    older ones), as the views do."""
    _write(
        project,
        "assessments/tinz.csv",
        STATUS_HEADER
        + "nis-rec-1,progressing,Some work.,,org-tinz,2014-06,,\n"
        + "nis-rec-1,not-started,Nothing since 2014.,,org-tinz,2016-03-15,Policy,yes\n"
        + "nis-rec-1,met,The Board thinks so.,,org-tinz,2016-03-15,Board,\n",
    )
    (project / "graph" / "links" / "tinz.csv").write_text(
        LINK_HEADER
        + "nis-rec-1,initiative-one,addresses,,A,,org-t,2016-02-01,Alice,yes\n"
        + "nis-rec-1,initiative-one,partly-addresses,,B,,org-t,2016-02-01,Bob,\n",
        encoding="utf-8",
    )
    assert cli("links", "check", root=project).exit_code == 0
    assert [a.reviewer for a in _sides(project)["tinz"].current] == ["Policy"]
    rows = json.loads(
        cli(
            "query", "--name", "recommendation-status-history", "--format", "json", root=project
        ).stdout
    )["results"]["bindings"]
    current = {
        (r["status"]["value"], r.get("reviewer", {}).get("value", "")): r["current"]["value"]
        for r in rows
        if r["organisation"]["value"] == "Watchdog" and r["date"]["value"] != "2016-02-01"
    }
    assert current == {
        ("progressing", ""): "false",
        ("not-started", "Policy"): "true",
        ("met", "Board"): "false",
    }
    links = json.loads(
        cli("query", "--name", "link-history", "--format", "json", root=project).stdout
    )["results"]["bindings"]
    by_reviewer = {r["reviewer"]["value"]: r["current"]["value"] for r in links if "reviewer" in r}
    assert by_reviewer == {"Alice": "true", "Bob": "false"}


def test_a_spreadsheets_new_zealand_dates_are_read_as_the_same_rows(project, cli):
    """Excel set to New Zealand dates saves 2016-03-15 as 15/03/2016: the row is the same row
    (the same date, the same IRI); a month/day/year date is refused with the order named."""
    iso = STATUS_HEADER + "nis-rec-1,not-started,Nothing.,,org-tinz,2016-03-15,Alice,\n"
    _write(project, "assessments/tinz.csv", iso)
    before = {a.iri for a in _sides(project)["tinz"].current}
    _write(project, "assessments/tinz.csv", iso.replace("2016-03-15", "15/03/2016"))
    assert cli("links", "check", root=project).exit_code == 0
    tinz = _sides(project)["tinz"]
    assert tinz.date == "2016-03-15" and {a.iri for a in tinz.current} == before
    _write(project, "assessments/tinz.csv", iso.replace("2016-03-15", "03/15/2016"))
    refused = cli("links", "check", root=project)
    assert refused.exit_code == 1
    assert "'03/15/2016' is not a date" in refused.output and "New Zealand order" in refused.output
    assert "row 2" in refused.output


def test_tables_as_spreadsheets_save_them_are_read_or_named(project, cli, tmp_path):
    """A status table checked outside graph/ is known by its header; a tab-separated .tsv in a
    table folder is read; a workbook or Excel's Unicode text .txt there is named, not passed
    over; a workbook given by name is refused as one."""
    outside = tmp_path / "downloads" / "tinz-statuses.csv"
    outside.parent.mkdir()
    outside.write_text(
        STATUS_HEADER.replace(",", ";") + "nis-rec-1;not-started;Nothing.;;org-tinz;2016-03-15;;\n",
        encoding="utf-8",
    )
    assert cli("links", "check", str(outside), root=project).exit_code == 0
    tsv = (
        STATUS_HEADER.replace(",", "\t")
        + "nis-rec-1\tnot-started\tNothing.\t\torg-tinz\t2016-03-15\t\t\n"
    )
    _write(project, "assessments/tinz.tsv", tsv)
    assert _sides(project)["tinz"].status == "not-started"
    _write(project, "assessments/board.txt", tsv)
    (project / "graph" / "assessments" / "board.xlsx").write_bytes(b"PK\x03\x04 a workbook")
    result = cli("links", "check", root=project)
    assert result.exit_code == 0, result.output
    assert "board.txt is not read as a table: Excel's Unicode text" in result.output
    assert (
        "board.xlsx is not read as a table: an Excel workbook: save it as CSV UTF-8"
        in result.output
    )
    refused = cli(
        "links", "check", str(project / "graph" / "assessments" / "board.xlsx"), root=project
    )
    assert refused.exit_code != 0 and "Excel workbook" in refused.output
    assert "Traceback" not in refused.output


def test_two_signed_off_rows_that_differ_are_named_as_such(project, cli):
    _write(
        project,
        "assessments/tinz.csv",
        STATUS_HEADER
        + "nis-rec-1,not-started,Nothing.,,org-tinz,2016-03-15,Policy,yes\n"
        + "nis-rec-1,met,Done.,,org-tinz,2016-03-15,Board,yes\n",
    )
    result = cli("links", "check", root=project)
    assert result.exit_code == 1
    assert "signed_off = yes is on 2 of these rows: leave it on only the one" in result.output
    (project / "graph" / "links" / "tinz.csv").write_text(
        LINK_HEADER
        + "nis-rec-1,initiative-one,addresses,,A,,org-t,2016-02-01,Alice,\n"
        + "nis-rec-1,initiative-one,partly-addresses,,B,,org-t,2016-02-01,Bob,\n",
        encoding="utf-8",
    )
    result = cli("links", "check", root=project)
    assert "relation of the link of nis-rec-1 to initiative-one" in result.output
    built = cli("build", root=project)
    assert built.exit_code != 0 and "Traceback" not in built.output
    assert built.output.lower().count("error:") == 1, built.output
