"""``ogpgraph import ogp-sheet``: a messy sheet reported by row and column, New Zealand's rows
merged with the commitments already in the graph, idempotence, failed imports that leave the
graph as it was, a valid result, and coverage and gaps across several members."""

from __future__ import annotations

import doctest
import json
import shutil
from pathlib import Path

import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.dataset.store import KnowledgeGraph
from ogpgraph.sheet.importer import (
    SheetFileError,
    import_sheet,
    read_sheet,
    split_institutions,
)

DATA = Path(__file__).parent / "data" / "ogp-sheet"
B = ns.BASE
IMPORT = ns.GRAPH + "imports/ogp-sheet-messy"


@pytest.fixture
def project(make_project):
    """A small New Zealand graph (tests/data/ogp-sheet/base.trig) with the real ontology."""
    return make_project(
        {"test/base.trig": (DATA / "base.trig").read_text(encoding="utf-8")}, name="nzproj"
    )


@pytest.fixture
def messy(project):
    return import_sheet(DATA / "messy.csv", project)


def import_quads(proj: Path, name: str = "ogp-sheet-messy") -> set[tuple[str, str, str]]:
    kg = KnowledgeGraph.load(proj)
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in kg.quads(ns.GRAPH + "imports/" + name)
    }


def values(kg: KnowledgeGraph, query: str) -> list[dict]:
    return kg.select(query)


# --------------------------------------------------------------------------- messy sheet
@pytest.mark.parametrize(
    "row, column, severity, words",
    [
        (1, "Notes", "info", "unknown column: ignored"),
        (5, "Completion (Progress Report)", "warning", "unknown completion level 'Mostly done'"),
        (6, "Lead Institution", "error", "a new commitment needs a lead institution"),
        (
            7,
            "Commitment Unique Identifier",
            "error",
            "duplicate identifier AU0001: already on row 5",
        ),
        (
            8,
            "Commitment Unique Identifier",
            "error",
            "blank: a row needs the commitment's OGP identifier",
        ),
        (9, "Commitment Unique Identifier", "error", "'AU-XX' is not an OGP identifier"),
        (10, "Year Of Submission", "warning", "'2016-2018' is not a year"),
        (10, "URL", "warning", "'not a url' is not a web address"),
        (10, "OGP Value Access To Information", "warning", "unknown value 'maybe'"),
        (10, "Potential Impact", "warning", "unknown value 'Huge'"),
        (12, "Action Plan Number", "error", "'two' is not a whole number from 1"),
        (14, "", "warning", "more cells than header columns"),
    ],
)
def test_each_messy_case_is_reported_by_row_and_column(messy, row, column, severity, words):
    assert any(
        p.location.row == row
        and (p.location.column or "") == column
        and p.severity == severity
        and words in p.message
        for p in messy.problems
    ), "\n".join(str(p) for p in messy.problems)


def test_problems_are_exactly_those(messy):
    """No other problem: blanks, stray spaces, the BOM, the column order, several institutions
    in a cell and a line break inside a quoted cell are handled, not reported."""
    assert len(messy.problems) == 12
    assert messy.problems[0].location.column_letter == "V"  # the extra column 'Notes'
    assert str(messy.problems[1]).startswith("row 5, column 'Completion (Progress Report)' (T)")


def test_skipped_rows_are_listed_never_dropped(messy):
    assert messy.skipped_rows == [6, 7, 8, 9, 12]
    assert messy.counts["rows"] == 12  # the blank line 13 is not a row
    assert messy.counts["imported"] + len(messy.skipped_rows) == messy.counts["rows"]
    assert {p.location.row for p in messy.problems if p.severity == "error"} == set(
        messy.skipped_rows
    )


def test_handled_messiness_gives_clean_data(project, messy):
    quads = import_quads(project)
    lbl = "<http://www.w3.org/2000/01/rdf-schema#label>"
    labels = {s: o for s, p, o in quads if p == lbl}
    # stray spaces gone, header matched case- and space-insensitively ('country / locality')
    assert labels[f"<{B}member/au>"] == '"Australia"@en'
    # 'and' between two institutions splits; 'and Cabinet' inside a name does not
    leads = {
        o for s, p, o in quads if s == f"<{B}au/commitment/1>" and p == f"<{ns.OGP}leadAgency>"
    }
    assert leads == {
        f"<{B}au/org/attorney-generals-department>",
        f"<{B}au/org/department-of-the-prime-minister-and-cabinet>",
    }
    supports = {
        o
        for s, p, o in quads
        if s == f"<{B}au/commitment/1>" and p == f"<{ns.OGP}supportingOrganisation>"
    }
    assert supports == {
        f"<{B}au/org/office-of-the-australian-information-commissioner>",
        f"<{B}au/org/transparency-international-australia>",
        f"<{B}au/org/open-knowledge-australia>",
    }
    # the line break inside a quoted cell is kept, and did not start a new row
    assert (
        f"<{B}nz/commitment/1>",
        f"<{ns.DCTERMS}description>",
        '"Report on progress towards\\nBetter Public Services Results."@en',
    ) in quads
    # explicit 'Not Relevant' / 'No' are false claims; blank cells are no claim at all
    claims = {
        s.rsplit("/", 1)[-1][:-1]: o
        for s, p, o in quads
        if "/au/claim/ogp-sheet-messy/commitment-3/" in s and p == f"<{ns.OGP}isRelevant>"
    }
    false, true = (
        '"false"^^<http://www.w3.org/2001/XMLSchema#boolean>',
        '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>',
    )
    assert claims == {"transparency": false, "participation": false, "accountability": true}
    # themes split on commas; the year of submission on the plan
    assert {
        o for s, p, o in quads if s == f"<{B}au/commitment/1>" and p == f"<{ns.DCTERMS}subject>"
    } == {'"Open Data"@en', '"Public Participation"@en'}
    assert (
        f"<{B}au/action-plan/1>",
        f"<{ns.DCTERMS}dateSubmitted>",
        '"2016"^^<http://www.w3.org/2001/XMLSchema#gYear>',
    ) in quads
    # a cell with a problem is left out, the rest of the row is imported
    assert not any(s == f"<{B}uy/commitment/1>" and p == f"<{ns.RDFS}seeAlso>" for s, p, o in quads)
    assert f"<{B}uy/claim/ogp-sheet-messy/commitment-1/participation>" in {s for s, _p, _o in quads}
    assert not any("uy/claim/ogp-sheet-messy/commitment-1/transparency" in s for s, _p, _o in quads)
    # no progress assessment without a known completion level: AU0001's unknown completion
    # leaves an IRM review of its page fields (Potential Impact), AU0003's blank one too; the
    # cells land on the properties of the OGP page fields (sheet/fields.py), all kept as quotes
    review = f"<{B}au/assessment/ogp-sheet-messy/commitment-3>"
    assert (review, f"<{ns.RDF}type>", f"<{ns.OGP}CommitmentReview>") in quads
    assert not any(s == review and o == f"<{ns.OGP}ProgressAssessment>" for s, _p, o in quads)
    assert {(p, o) for s, p, o in quads if s == review and p.startswith(f"<{ns.OGP}")} >= {
        (f"<{ns.OGP}potentialImpactRating>", '"Transformative"'),
        (f"<{ns.OGP}earlyResults>", '"Marginal"'),
    }
    assert {o for s, p, o in quads if s == review and p == f"<{ns.OGP}quote>"} == {
        '"Specificity: High"@en',
        '"Potential Impact: Transformative"@en',
        '"Did It Open Government (Overall): Marginal"@en',
    }
    assert not any(s == f"<{B}au/commitment/3>" and p == f"<{ns.SKOS}note>" for s, p, _o in quads)
    first = f"<{B}au/assessment/ogp-sheet-messy/commitment-1>"
    assert (first, f"<{ns.OGP}potentialImpactRating>", '"Moderate"') in quads
    assert not any(s == first and p == f"<{ns.OGP}completionLevel>" for s, p, _o in quads)


def test_bom_is_tolerated_and_rows_numbered_as_in_a_spreadsheet():
    sheet = read_sheet(DATA / "messy.csv")
    assert (DATA / "messy.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert sheet.header[0] == "Commitment Unique Identifier"
    assert [n for n, _v in sheet.rows][:3] == [2, 3, 4]
    assert sheet.rows[-1][0] == 14


@pytest.mark.parametrize(
    "text, column",
    [
        (
            "Commitment Unique Identifier,Country/Locality,Short Title,Lead Institution,Commitment Number\n"
            "NZ0001,New Zealand,T,SSC,1\n",
            "Action Plan Number",
        ),
        (
            "Commitment Unique Identifier,Country/Locality,Action Plan Number,Commitment Number,Lead Institution\n"
            "NZ0001,New Zealand,1,1,SSC\n",
            "Short Title",
        ),
        (
            "Country/Locality,Action Plan Number,Commitment Number,Short Title,Lead Institution\n",
            "Commitment Unique Identifier",
        ),
    ],
)
def test_missing_required_columns_are_fatal_usage_errors(project, tmp_path, cli, text, column):
    sheet = tmp_path / "bad.csv"
    sheet.write_text(text, encoding="utf-8")
    with pytest.raises(SheetFileError) as info:
        read_sheet(sheet)
    assert any(p.location.row == 1 and p.location.column == column for p in info.value.problems)
    result = cli("import", "ogp-sheet", str(sheet), root=project)
    assert result.exit_code == 2
    assert f"row 1, column '{column}'" in result.output
    assert "Traceback" not in result.output
    assert not (project / "graph" / "imports").exists()


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "the file is empty"),
        (b"Commitment Unique Identifier,Country/Locality\n\xff\xfe,x\n", "not UTF-8"),
    ],
)
def test_unreadable_files_exit_2(project, tmp_path, cli, content, words):
    sheet = tmp_path / "bad.csv"
    sheet.write_bytes(content)
    result = cli("import", "ogp-sheet", str(sheet), root=project)
    assert result.exit_code == 2 and words in result.output


def test_missing_file_exits_2(project, cli, tmp_path):
    result = cli("import", "ogp-sheet", str(tmp_path / "nope.csv"), root=project)
    assert result.exit_code == 2 and "no such file" in result.output


# --------------------------------------------------------------------------- New Zealand's rows
def test_nz_rows_attach_to_the_existing_commitments(project, messy):
    kg = KnowledgeGraph.load(project)
    rows = kg.select(
        "SELECT ?c ?oid WHERE { ?c a ogp:Commitment ; ogp:ogpIdentifier ?oid "
        "FILTER(STRSTARTS(?oid, 'NZ')) } ORDER BY ?oid"
    )
    assert [(r["c"], r["oid"]) for r in rows] == [
        (B + "nz/commitment/1", "NZ0001"),  # matched by plan 1 + number 1: identifier added
        (B + "nz/commitment/3", "NZ0003"),  # matched by its OGP identifier
        (B + "nz/commitment/5", "NZ0005"),  # new: the second plan
    ]
    # no second resource, label or identifier for the matched commitments
    for number in (1, 3):
        c = f"{B}nz/commitment/{number}"
        assert len(kg.select(f"SELECT ?l WHERE {{ <{c}> rdfs:label ?l }}")) == 1
        assert len(kg.select(f"SELECT ?i WHERE {{ <{c}> dcterms:identifier ?i }}")) == 1
        assert not list(
            kg.store.quads_for_pattern(
                __import__("pyoxigraph").NamedNode(c),
                __import__("pyoxigraph").NamedNode(ns.RDF + "type"),
                None,
                __import__("pyoxigraph").NamedNode(IMPORT),
            )
        )
    # the sheet's statements attach to nz/commitment/3, beside the mid-term self-assessment
    assessments = kg.select(f"""SELECT ?kind ?level WHERE {{
        ?a ogp:assessedEntity <{B}nz/commitment/3> ; ogp:assessmentKind ?kind ; ogp:completionLevel ?level }}
        ORDER BY ?kind""")
    assert [(r["kind"].rsplit("/", 1)[-1], r["level"].rsplit("/", 1)[-1]) for r in assessments] == [
        ("irm-progress-report", "complete"),
        ("mid-term-self-assessment", "substantial"),
    ]
    irm = kg.select(
        f"SELECT ?who WHERE {{ ?a ogp:assessedEntity <{B}nz/commitment/3> ; "
        "ogp:assessmentKind <https://w3id.org/ogpgraph/vocab/assessment-kind/irm-progress-report> ; "
        "prov:wasAttributedTo ?who }"
    )
    assert [r["who"] for r in irm] == [B + "nz/org/ogp-independent-review-mechanism"]
    # institutions matched to the existing organisations by label, not created again
    support = kg.select(
        f"SELECT ?o WHERE {{ <{B}nz/commitment/3> ogp:supportingOrganisation ?o }} ORDER BY ?o"
    )
    assert [r["o"] for r in support] == [
        B + "nz/org/ministry-of-business-innovation-and-employment",
        B + "nz/org/transparency-international-new-zealand",
    ]
    # the sheet's titles are alternative labels of the existing commitment
    alt = {
        r["l"] for r in kg.select(f"SELECT ?l WHERE {{ <{B}nz/commitment/3> skos:altLabel ?l }}")
    }
    assert alt == {"NIS assessment report", "Response to the National Integrity System assessment"}
    # a new plan of New Zealand, with the home member's unprefixed identifiers
    ids = {
        r["i"]
        for r in kg.select(f"SELECT ?i WHERE {{ <{B}nz/commitment/5> dcterms:identifier ?i }}")
    }
    assert ids == {"commitment-5"}
    assert messy.counts["commitments matched"] == 2 and messy.counts["members matched"] == 1


def test_nz_rows_merge_with_the_bundled_graph(root, tmp_path, cli):
    """On a copy of the real graph: NZ0001-NZ0004 are the bundled commitments, NZ0003 attaches to
    nz/commitment/3, NZ0005 to the second plan's first commitment, and the import adds no
    validation error."""
    from ogpgraph.analysis.validate import Severity, validate

    proj = tmp_path / "real"
    shutil.copytree(root / "ontology", proj / "ontology")
    shutil.copytree(root / "graph", proj / "graph", ignore=shutil.ignore_patterns("imports"))
    before = KnowledgeGraph.load(proj)
    errors_before = {(f.subject, f.kind, f.path, f.message) for f in validate(before).errors}
    commitments_before = len(before.select("SELECT ?c WHERE { ?c a ogp:Commitment }"))
    result = import_sheet(DATA / "clean.csv", proj)
    assert result.issues == [] and result.written
    after = KnowledgeGraph.load(proj)
    nz = after.select(
        f"SELECT ?c WHERE {{ ?c a ogp:Commitment FILTER(STRSTARTS(STR(?c), '{B}nz/commitment/')) }}"
    )
    first_plan = sorted(r["c"] for r in nz if "/plan-" not in r["c"])
    assert first_plan == [f"{B}nz/commitment/{n}" for n in (1, 2, 3, 4)]
    # NZ0005 (plan 2, commitment 1) is the second plan's Open Budget of graph/later/ogp-nz0005
    assert len(after.select("SELECT ?c WHERE { ?c a ogp:Commitment }")) == commitments_before + 3
    oid = after.select("SELECT DISTINCT ?c WHERE { ?c ogp:ogpIdentifier 'NZ0003' }")
    assert [r["c"] for r in oid] == [B + "nz/commitment/3"]
    oid = after.select("SELECT DISTINCT ?c WHERE { ?c ogp:ogpIdentifier 'NZ0005' }")
    assert [r["c"] for r in oid] == [B + "nz/commitment/plan-2-1"]
    assert result.counts["commitments matched"] == 5
    assert result.counts["organisations created"] <= 6  # SSC, DIA, TINZ were matched
    new_errors = {
        (f.subject, f.kind, f.path, f.message) for f in validate(after).errors
    } - errors_before
    assert not new_errors, new_errors
    assert all(
        f.severity is not Severity.ERROR or (f.subject, f.kind, f.path, f.message) in errors_before
        for f in validate(after).findings
    )


# --------------------------------------------------------------------------- validity, idempotence
def test_the_imported_graph_validates(project, messy):
    from ogpgraph.analysis.validate import validate

    report = validate(KnowledgeGraph.load(project))
    assert report.conforms, [str(f) for f in report.errors]


def test_importing_twice_gives_the_same_bytes(project, cli):
    first = cli("import", "ogp-sheet", str(DATA / "messy.csv"), root=project)
    assert first.exit_code == 0, first.output
    out = project / "graph" / "imports" / "ogp-sheet-messy.nq"
    data = out.read_bytes()
    mtime = out.stat().st_mtime_ns
    second = cli("import", "ogp-sheet", str(DATA / "messy.csv"), root=project)
    assert second.exit_code == 0
    assert out.read_bytes() == data
    assert out.stat().st_mtime_ns == mtime, "an unchanged import is not rewritten"
    assert "unchanged" in second.stdout
    assert b"dateTime" not in data and data == b"".join(sorted(data.splitlines(keepends=True)))
    assert sorted(p.name for p in out.parent.iterdir()) == ["ogp-sheet-messy.nq"]


def test_strict_refuses_and_leaves_the_previous_import_untouched(project, tmp_path, cli):
    sheet = tmp_path / "messy.csv"
    shutil.copy(DATA / "clean.csv", sheet)
    assert cli("import", "ogp-sheet", str(sheet), "--strict", root=project).exit_code == 0
    out = project / "graph" / "imports" / "ogp-sheet-messy.nq"
    before = out.read_bytes()
    quads_before = len(KnowledgeGraph.load(project))
    shutil.copy(DATA / "messy.csv", sheet)  # the same file name, now with problems
    result = cli("import", "ogp-sheet", str(sheet), "--strict", root=project)
    assert result.exit_code == 1
    assert "--strict" in result.output and "nothing written" in result.output
    assert "row 6, column 'Lead Institution'" in result.output
    assert out.read_bytes() == before
    assert len(KnowledgeGraph.load(project)) == quads_before
    assert sorted(p.name for p in out.parent.iterdir()) == ["ogp-sheet-messy.nq"]


def test_a_failure_half_way_loses_nothing(project, tmp_path, monkeypatch):
    from ogpgraph.sheet import rdf as ogpsheet_rdf

    sheet = tmp_path / "messy.csv"
    shutil.copy(DATA / "clean.csv", sheet)
    import_sheet(sheet, project)
    out = project / "graph" / "imports" / "ogp-sheet-messy.nq"
    before = out.read_bytes()
    original = ogpsheet_rdf.SheetGraph.add_row

    def failing(self, row, values):
        if row == 5:
            raise RuntimeError("disk on fire")
        return original(self, row, values)

    monkeypatch.setattr(ogpsheet_rdf.SheetGraph, "add_row", failing)
    shutil.copy(DATA / "messy.csv", sheet)
    with pytest.raises(RuntimeError):
        import_sheet(sheet, project)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["ogp-sheet-messy.nq"]
    KnowledgeGraph.load(project)  # still loads


def test_exit_codes_and_summary(project, cli):
    result = cli("import", "ogp-sheet", str(DATA / "messy.csv"), "--format", "json", root=project)
    assert result.exit_code == 0  # warnings and skipped rows are fine without --strict
    data = json.loads(result.stdout)
    assert data["counts"]["rows"] == 12 and data["skipped_rows"] == [6, 7, 8, 9, 12]
    assert data["graph"] == IMPORT and data["written"]
    assert {
        "members created": 2,
        "action plans created": 3,
        "commitments created": 5,
        "commitments matched": 2,
    }.items() <= data["counts"].items()
    assert "rows skipped: 6-9, 12" in result.stderr
    table = cli("import", "ogp-sheet", str(DATA / "messy.csv"), root=project)
    for words in (
        "rows read",
        "rows imported",
        "rows skipped",
        "problems",
        "commitments created",
        "members matched",
        "action plans created",
        "organisations matched",
    ):
        assert words in table.stdout


def test_output_dir(project, tmp_path, cli):
    result = cli(
        "import",
        "ogp-sheet",
        str(DATA / "clean.csv"),
        "--output-dir",
        str(tmp_path / "elsewhere"),
        root=project,
    )
    assert result.exit_code == 0
    assert (tmp_path / "elsewhere" / "ogp-sheet-clean.nq").is_file()
    assert not (project / "graph" / "imports").exists()


# --------------------------------------------------------------------------- across members
def test_coverage_and_gaps_across_several_members(project, cli):
    assert import_sheet(DATA / "clean.csv", project).written
    coverage = cli("coverage", "--level", "all", "--format", "json", root=project)
    assert coverage.exit_code == 0, coverage.output
    items = {c["item"] for c in json.loads(coverage.stdout)["cells"]}
    members = {i.split("-")[0] if i.count("-") > 1 else "nz" for i in items}
    assert {"nz", "au", "cl"} <= members
    claimed = {
        (c["item"], c["concept"]) for c in json.loads(coverage.stdout)["cells"] if c["claimed"]
    }
    assert ("au-commitment-2", "Technology and Innovation") in claimed
    assert ("cl-commitment-1", "Transparency") in claimed
    table = cli("coverage", "--level", "all", root=project)
    assert (
        table.exit_code == 0
        and "au-commitment-1" in table.stdout
        and "commitment-3" in table.stdout
    )
    gaps = cli("gaps", "--format", "json", root=project)
    assert gaps.exit_code == 0, gaps.output
    subjects = {g["subject"] for g in json.loads(gaps.stdout)}
    assert {B + "au/commitment/1", B + "cl/commitment/1", B + "nz/commitment/3"} <= subjects
    assert cli("gaps", root=project).exit_code == 0
    assert cli("agencies", root=project).exit_code == 0


def test_stored_queries_still_run_with_several_assessments(project):
    from ogpgraph.core.queries import stored_queries

    import_sheet(DATA / "clean.csv", project)
    kg = KnowledgeGraph.load(project)
    for name, stored in stored_queries().items():
        assert isinstance(list(kg.query(stored.text)), list), name


def test_latest_and_compared_assessments(project):
    """The stored queries latest-assessment and assessments-compared, across two assessors."""
    from ogpgraph.core.queries import get_stored

    LATEST = get_stored("latest-assessment").text
    COMPARED = get_stored("assessments-compared").text
    import_sheet(DATA / "clean.csv", project)
    kg = KnowledgeGraph.load(project)
    latest = {r["item"]: (r["kind"], r["level"]) for r in kg.select(LATEST)}
    assert latest[B + "nz/commitment/3"] == ("IRM progress report", "Complete")
    assert len(latest) == 8  # one per assessed commitment
    compared = kg.select(COMPARED)
    assert [(r["kind"], r["level"], r["agrees"]) for r in compared] == [
        ("IRM progress report", "Complete", False),
        ("Mid-term self-assessment", "Substantial", False),
    ]


# --------------------------------------------------------------------------- institutions
@pytest.mark.parametrize(
    "cell, expected",
    [
        ("State Services Commission", ["State Services Commission"]),
        (
            "  Ministry of Health ;Ministry of Education ",
            ["Ministry of Health", "Ministry of Education"],
        ),
        (
            "Ministry of Justice, Ministry of Health and Ministry of Education",
            ["Ministry of Justice", "Ministry of Health", "Ministry of Education"],
        ),
        (
            "Ministry of Economy and Finance and Ministry of Education and Culture",
            ["Ministry of Economy and Finance", "Ministry of Education and Culture"],
        ),
        (
            "Department for Environment, Food and Rural Affairs",
            ["Department for Environment, Food and Rural Affairs"],
        ),
        ("Ministry of Health and Social Services", ["Ministry of Health and Social Services"]),
        ("SSC / TINZ", ["SSC", "TINZ"]),
        ("SSC and TINZ", ["SSC", "TINZ"]),
        ("Ministry of Finance\nCivil society", ["Ministry of Finance", "Civil society"]),
        ("Treasury; treasury", ["Treasury"]),
        ("", []),
    ],
)
def test_split_institutions(cell, expected):
    assert split_institutions(cell) == expected


def test_known_names_are_never_split():
    known = {
        "department of the prime minister and cabinet",
        "ministry of business, innovation and employment",
    }
    assert split_institutions(
        "Department of the Prime Minister and Cabinet and Treasury", lambda n: n.casefold() in known
    ) == ["Department of the Prime Minister and Cabinet", "Treasury"]


def test_docstring_examples():
    import ogpgraph.sheet.importer

    failures, _tests = doctest.testmod(ogpgraph.sheet.importer)
    assert failures == 0
