"""`links check` runs the checks `build` and `validate` run: every table it accepts compiles and
validates; what the shapes would reject by IRI, it reports by file, row and column."""

from __future__ import annotations

import random

import pytest

from ogpgraph.analysis.validate import validate
from ogpgraph.dataset.links import COLUMNS
from ogpgraph.dataset.links_check import check_tables
from ogpgraph.dataset.store import KnowledgeGraph
from ogpgraph.model import LINK_RELATIONS

from .fixtures_gaps import PREFIXES, clean_project

HEADER = ",".join(COLUMNS) + "\n"
SRC = "https://w3id.org/ogpgraph/source/test/"
#: sources under the project's source namespace (what an evidence IRI may name), and one
#: resource there that is not a source
EXTRA = (
    PREFIXES
    + "@prefix src: <"
    + SRC
    + "> .\nGRAPH <https://w3id.org/ogpgraph/graph/extra> {\n"
    + 'src:report a ogp:Source ; rdfs:label "Extra report"@en .\n'
    + 'src:s1 a ogp:ReportSection ; dcterms:title "Section 1"@en ; dcterms:isPartOf src:report .\n'
    + 'src:thing a ogp:Initiative ; rdfs:label "Not a source"@en ; dcterms:identifier "initiative-two" ;'
    + " dcterms:source src:report .\n"
    + "}\n"
)


@pytest.fixture
def project(make_project):
    proj = clean_project(make_project)
    (proj / "graph" / "test" / "extra.trig").write_text(EXTRA, encoding="utf-8")
    return proj


def _check(proj, body: str) -> list[tuple[int, str | None, str]]:
    path = proj / "graph" / "links" / "tinz.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    report = check_tables(proj, [path])
    return [(p.location.row, p.location.column, p.message) for p in report.problems]


def _errors(proj) -> set[tuple[str, str, str]]:
    """The validation errors of the project (the tables compiled as build compiles them)."""
    report = validate(KnowledgeGraph.load(proj))
    return {(f.subject, f.kind, f.message) for f in report.errors}


@pytest.fixture
def baseline(project) -> set[tuple[str, str, str]]:
    """What validate says with an empty TINZ table: the fixture's own findings (it is made for
    gaps, not for validation), which no links table may add to."""
    assert _check(project, "") == []
    return _errors(project)


def test_a_valid_table_adds_no_validation_error(project, baseline):
    assert (
        _check(project, "nis-rec-1,initiative-one,addresses,met,Agreed,,org-t,2016-02-01\n") == []
    )
    assert _errors(project) == baseline


@pytest.mark.parametrize(
    "evidence, words",
    [
        (SRC + "missing", "names no source in the graph"),
        (SRC + "thing", "is not a source or report section"),
        (SRC + "a section", "is not a valid IRI"),
    ],
)
def test_evidence_must_name_a_source(project, evidence, words):
    problems = _check(
        project, f"nis-rec-1,initiative-one,addresses,met,Agreed,{evidence},org-t,2016-02-01\n"
    )
    assert [(row, column) for row, column, _ in problems] == [(2, "evidence_source")]
    assert words in problems[0][2]


@pytest.mark.parametrize("evidence", [SRC + "report", SRC + "s1", "https://example.org/page"])
def test_evidence_that_names_a_source_or_is_text_passes(project, baseline, evidence):
    body = f"nis-rec-1,initiative-one,addresses,met,Agreed,{evidence},org-t,2016-02-01\n"
    assert _check(project, body) == []
    assert _errors(project) == baseline


def test_asserter_must_be_an_organisation(project):
    problems = _check(
        project, "nis-rec-1,initiative-one,addresses,met,Agreed,,commitment-1,2016-02-01\n"
    )
    assert [(row, column) for row, column, _ in problems] == [(2, "asserted_by")]
    assert "'commitment-1' is not an organisation" in problems[0][2]


def test_two_asserters_of_one_link_in_one_file_report_both_rows(project):
    problems = _check(
        project,
        "nis-rec-1,initiative-one,addresses,met,Agreed,,org-t,2016-02-01\n"
        "nis-rec-1,initiative-one,addresses,met,Agreed too,,org-a,2016-02-01\n",
    )
    assert sorted((row, column) for row, column, _ in problems) == [
        (2, "asserted_by"),
        (3, "asserted_by"),
    ]
    assert all("one asserter per row" in message for _, _, message in problems)


def test_same_link_twice_by_one_asserter_on_one_date_is_a_duplicate(project):
    problems = _check(
        project,
        "nis-rec-1,initiative-one,addresses,met,Agreed,,org-t,2016-02-01\n"
        "nis-rec-1,initiative-one,partly-addresses,,Later,,org-t,2016-02-01\n",
    )
    assert [(row, message) for row, _, message in problems] == [
        (
            3,
            "duplicate of row 2 (same asserter, recommendation, target, date and reviewer)",
        )
    ]


def test_same_link_by_one_asserter_on_two_dates_is_history_not_a_duplicate(project):
    assert (
        _check(
            project,
            "nis-rec-1,initiative-one,addresses,met,Agreed,,org-t,2016-02-01\n"
            "nis-rec-1,initiative-one,partly-addresses,,Later,,org-t,2016-03-01\n",
        )
        == []
    )


# cells to combine: for each column, valid values and invalid ones
VALID = {
    "recommendation": ["nis-rec-1"],
    "target": ["initiative-one", "commitment-1", "initiative-two"],
    "relation": [r.value for r in LINK_RELATIONS],  # every relation of the model
    "status": ["", "met", "not-started", "unknown"],
    "rationale": ["Why", "Because, quoted"],
    "evidence_source": ["", "https://example.org/x", SRC + "report", SRC + "s1"],
    "asserted_by": ["org-t", "org-a"],
    "asserted_on": ["2016-02-01", "2016-02", "2016"],
    "reviewer": ["", "", "Alice", "Bob"],
    "signed_off": ["", "", "yes", "no"],
    # a certainty needs a note: a reading without one is refused by check and by validate
    "certainty": ["", "", "dataset-reading", "uncertain"],
    "note": ["", "Reads underway as partly", "Reads underway as partly"],
}
INVALID = {
    "recommendation": ["nis-rec-9", "commitment-1", ""],
    "target": ["nis-rec-1", "nope", "org-t", ""],
    "relation": ["adresses", ""],
    "status": ["done"],
    "rationale": [""],
    "evidence_source": [SRC + "missing", SRC + "thing", SRC + "a b"],
    "asserted_by": ["commitment-1", "org-x", "nis-rec-1", ""],
    "asserted_on": ["2016-02-30", "soon", ""],
    "signed_off": ["perhaps"],
    "certainty": ["sure"],
}
#: the columns of a status assessment table (the same cells, without the links-only ones)
STATUS_COLUMNS = [c for c in VALID if c not in ("target", "relation", "certainty", "note")]


def _table(rng: random.Random) -> str:
    """One to three rows, most of them valid, some with one invalid cell, some repeated."""
    rows = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        cells = {column: rng.choice(values) for column, values in VALID.items()}
        if rng.random() < 0.3:
            column = rng.choice(sorted(INVALID))
            cells[column] = rng.choice(INVALID[column])
        rows.append(",".join(f'"{cells[c]}"' for c in VALID))
    if rng.random() < 0.15:
        rows.append(rng.choice(rows))  # an exact duplicate
    return "\n".join(rows) + "\n"


def _status_table(rng: random.Random) -> str:
    """A status assessment table of zero to two rows (most valid), to load beside the links."""
    rows = []
    for _ in range(rng.choice([0, 1, 2])):
        cells = {column: rng.choice(VALID[column]) for column in STATUS_COLUMNS}
        if rng.random() < 0.2:
            cells["status"] = rng.choice(["", "done"])
        if not cells["status"]:
            cells["status"] = "met"
        rows.append(",".join(f'"{cells[c]}"' for c in STATUS_COLUMNS))
    return ",".join(STATUS_COLUMNS) + "\n" + "\n".join(rows) + ("\n" if rows else "")


def test_every_table_links_check_accepts_builds_and_validates(project, baseline):
    """Random links tables, with reviewers and sign-offs, beside a random status assessment
    table: whatever `links check` accepts (each table alone, then all together: one position
    per assessor and date) loads as build loads it, and validate adds nothing."""
    rng = random.Random(13)
    accepted = rejected = 0
    statuses = project / "graph" / "assessments" / "tinz.csv"
    statuses.parent.mkdir(exist_ok=True)
    for _ in range(60):
        body = _table(rng)
        statuses.write_text(_status_table(rng), encoding="utf-8")
        if _check(project, body) or not check_tables(project).ok:
            rejected += 1
            with pytest.raises(Exception, match="row"):
                KnowledgeGraph.load(project)  # and loading refuses it too, naming a row
            continue
        accepted += 1
        # KnowledgeGraph.load compiles every table, as build does; validate adds nothing
        assert _errors(project) == baseline, body
    statuses.unlink()
    assert accepted >= 10 and rejected >= 10


def test_cli_reports_file_row_and_column_without_traceback(project, cli):
    path = project / "graph" / "links" / "tinz.csv"
    path.write_text(
        HEADER + f"nis-rec-1,initiative-one,addresses,met,Why,{SRC}a b,commitment-1,2016\n",
        encoding="utf-8",
    )
    result = cli("links", "check", root=project)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert f"{path}: row 2, column 'evidence_source': " in result.output
    assert f"{path}: row 2, column 'asserted_by': 'commitment-1' is not an organisation" in (
        result.output
    )
    build = cli("validate", root=project)
    assert build.exit_code != 0 and "Traceback" not in build.output
    assert "tinz.csv" in build.output and "row 2" in build.output


def test_source_classes_are_the_ontologys_sources():
    """The classes an evidence IRI may have are ogp:Source and its subclasses, as the shapes'
    sh:class ogp:Source counts them (rdfs:subClassOf in ontology/ogpgraph.ttl)."""
    from pathlib import Path

    import rdflib

    from ogpgraph.dataset.links import SOURCE_CLASSES

    onto = rdflib.Graph().parse(Path(__file__).parents[1] / "ontology" / "ogpgraph.ttl")
    root = rdflib.URIRef("https://w3id.org/ogpgraph/ontology#Source")
    closure = set(onto.transitive_subjects(rdflib.RDFS.subClassOf, root))
    assert {str(c) for c in closure} == set(SOURCE_CLASSES)


def test_target_of_another_kind_is_reported(project):
    problems = _check(project, "nis-rec-1,org-a,addresses,met,Why,,org-t,2016\n")
    assert [(row, column) for row, column, _ in problems] == [(2, "target")]
    assert "action plan, document or event" in problems[0][2]
