"""One broken table (a bad row in graph/links/*.csv): read-only commands load the rest of the
graph with one warning naming the file and row; build, validate and publish stay strict."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import DataError
from ogpgraph.dataset.store import KnowledgeGraph, SkippedTable

from .fixtures_gaps import clean_project
from .serve_fixtures import ServeProcess

HEADER = "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
#: tinz.csv: a good row (row 2), then a bad one (row 3: a misspelt relation, an unknown asserter)
BROKEN = (
    HEADER
    + "nis-rec-1,initiative-one,addresses,met,tinz-row-two,,org-t,2016-02-01\n"
    + "nis-rec-1,commitment-1,adresses,met,tinz-row-three,,org-x,2016-02-01\n"
)
LINKS = "SELECT ?r WHERE { ?l a ogp:RecommendationLink ; ogp:rationale ?r } ORDER BY ?r"


@pytest.fixture
def broken(make_project) -> Path:
    """The clean fixture project with a bad row in its second table, tinz.csv."""
    proj = clean_project(make_project)
    (proj / "graph" / "links" / "tinz.csv").write_text(BROKEN, encoding="utf-8")
    return proj


@pytest.fixture
def without_table(broken, tmp_path) -> Path:
    """The same project without tinz.csv: what a lenient load should give."""
    copy = tmp_path / "without"
    shutil.copytree(broken, copy)
    (copy / "graph" / "links" / "tinz.csv").unlink()
    return copy


def assert_warned(stderr: str) -> None:
    """One warning: the file, the first problem's row, column and message, how many more, and
    the command that lists them all."""
    warnings = [line for line in stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, stderr
    line = warnings[0]
    assert "tinz.csv was not loaded" in line
    assert "row 3, column 'relation': unknown relation 'adresses'" in line
    assert "(and 1 more problem)" in line
    assert "run `ogpgraph links check " in line and "tinz.csv` for every problem" in line
    assert "Traceback" not in stderr


# ------------------------------------------------------------------ the load option
def test_strict_load_raises_and_lenient_load_lists_the_table(broken):
    with pytest.raises(DataError) as raised:
        KnowledgeGraph.load(broken)
    assert "row 3, column 'relation'" in raised.value.message
    assert len(raised.value.problems) == 2

    kg = KnowledgeGraph.load(broken, broken_tables="skip")
    [skipped] = kg.skipped_tables
    assert skipped.path == broken / "graph" / "links" / "tinz.csv"
    assert (skipped.row, skipped.column, skipped.more) == (3, "relation", 1)
    assert skipped.check == "ogpgraph links check"
    assert [p.location.column for p in skipped.problems] == ["relation", "asserted_by"]
    assert str(skipped).startswith("row 3, column 'relation': unknown relation 'adresses'")
    graphs = kg.graph_names()
    assert ns.LINKS_GRAPH_PREFIX + "government" in graphs
    assert ns.LINKS_GRAPH_PREFIX + "tinz" not in graphs  # not even its good row
    assert [r["r"] for r in kg.select(LINKS)] == ["It does"]


def test_a_complete_load_skips_nothing(make_project):
    kg = KnowledgeGraph.load(clean_project(make_project), broken_tables="skip")
    assert kg.skipped_tables == []
    assert [r["r"] for r in kg.select(LINKS)] == ["Agreed", "It does"]


def test_an_unknown_mode_is_refused(broken):
    with pytest.raises(ValueError, match="broken_tables='ignore'"):
        KnowledgeGraph.load(broken, broken_tables="ignore")  # type: ignore[arg-type]


def test_a_table_that_cannot_be_read_is_skipped_with_its_line(broken):
    """An error without a list of problems (not UTF-8): its message, without the file name."""
    table = broken / "graph" / "links" / "tinz.csv"
    table.write_bytes(HEADER.encode() + b"nis-rec-1,initiative-one,addresses,met,caf\xe9,,o,2016\n")
    [skipped] = KnowledgeGraph.load(broken, broken_tables="skip").skipped_tables
    assert skipped == SkippedTable(
        table, skipped.message, check="ogpgraph links check"
    )  # no row, column or count: the message says where
    assert skipped.message.startswith("line 2: not UTF-8 text: byte 0xe9")
    assert str(table) not in skipped.message


def test_a_store_a_table_was_skipped_from_is_not_reused_by_a_strict_load(broken, tmp_path):
    store = tmp_path / "store"
    lenient = KnowledgeGraph.load(broken, store_dir=store, broken_tables="skip")
    assert len(lenient.skipped_tables) == 1 and lenient.cache_key == ""
    del lenient
    with pytest.raises(DataError, match="tinz.csv"):
        KnowledgeGraph.load(broken, store_dir=store)
    (broken / "graph" / "links" / "tinz.csv").write_text(
        BROKEN.replace("adresses", "addresses").replace("org-x", "org-t"), encoding="utf-8"
    )
    fixed = KnowledgeGraph.load(broken, store_dir=store)  # rebuilt, then current
    assert [r["r"] for r in fixed.select(LINKS)] == ["It does", "tinz-row-three", "tinz-row-two"]
    assert fixed.cache_key


# ------------------------------------------------------------------ read-only commands
READ_ONLY = {
    "query": (("query", "--format", "csv", LINKS), "It does"),
    "coverage": (("coverage", "--format", "csv"), "commitment"),
    "gaps": (("gaps", "--format", "csv"), "kind"),
    "agencies": (("agencies", "--format", "csv"), "Agency A"),
    "stats": (("stats", "--format", "csv"), "graph/links/government"),
    "export": (("export", "html", "--view", "recommendations"), "It does"),
}


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_read_only_commands_load_the_rest_with_a_warning(cli, broken, without_table, name):
    args, good = READ_ONLY[name]
    result = cli(*args, root=broken)
    assert result.exit_code == 0, result.output
    assert_warned(result.stderr)
    # the answer is the one the project gives without the broken table: the good table's
    # links are in it, the broken table's are not
    assert good in result.stdout
    assert "tinz-row" not in result.stdout
    reference = cli(*args, root=without_table)
    assert reference.exit_code == 0 and reference.stderr == ""
    assert result.stdout == reference.stdout


def test_lenient_commands_with_a_store_warn_every_time(cli, broken, tmp_path):
    store = tmp_path / "store"
    for _ in range(2):  # the second run does not reuse a store missing a table
        result = cli("query", "--store", str(store), "--format", "csv", LINKS, root=broken)
        assert result.exit_code == 0
        assert_warned(result.stderr)
    result = cli("validate", "--store", str(store), root=broken)
    assert result.exit_code == 2 and "tinz.csv" in result.stderr


def test_serve_warns_at_start_up_and_answers_from_the_rest(broken):
    server = ServeProcess("--root", str(broken))
    try:
        with httpx.Client(trust_env=False, timeout=30) as client:
            answer = client.get(server.url, params={"query": LINKS}, headers={"Accept": "text/csv"})
        assert answer.status_code == 200
        assert answer.text.splitlines() == ["r", "It does"]
    finally:
        server.stop()
    stderr = "".join(server.stderr)
    lines = [line for line in stderr.splitlines() if "tinz.csv was not loaded" in line]
    assert len(lines) == 1, stderr
    assert_warned("\n".join(lines))
    assert "1 broken table(s) not loaded" in stderr


# ------------------------------------------------------------------ strict commands
@pytest.mark.parametrize("args", [("build",), ("build", "--check"), ("validate",)])
def test_build_and_validate_stay_strict(cli, broken, args):
    result = cli(*args, root=broken)
    assert result.exit_code == 2
    assert "error:" in result.stderr
    assert "tinz.csv: row 3, column 'relation'" in result.stderr
    assert "Run `ogpgraph links check" in result.stderr
    assert "warning:" not in result.stderr and "Traceback" not in result.stderr
    assert not (broken / "exports").exists()  # nothing written


def test_publish_stays_strict_and_sends_nothing(cli, broken, loopback_spy):
    result = cli("publish", "--endpoint", loopback_spy.url + "sparql", root=broken)
    assert result.exit_code == 2
    assert "tinz.csv: row 3, column 'relation'" in result.stderr
    assert loopback_spy.connections == 0


def test_a_report_says_it_is_incomplete_and_exits_1(cli, broken, without_table):
    """A report is a document sent on: with a table left out it says so at its top in every
    format that can (Markdown, HTML, JSON), exits 1 after writing it, and is otherwise the
    report of the project without the table."""
    import json

    for fmt in ("md", "html", "json", "csv"):
        result = cli("report", "recommendations", "--format", fmt, root=broken)
        assert result.exit_code == 1, result.output
        assert_warned(result.stderr)
        assert "the report is incomplete: 1 table(s)" in result.stderr
        assert "Traceback" not in result.output
        reference = cli("report", "recommendations", "--format", fmt, root=without_table)
        assert reference.exit_code == 0 and "It does" in reference.stdout
        assert "tinz-row" not in result.stdout and "It does" in result.stdout
        if fmt == "csv":
            assert result.stdout == reference.stdout
            continue
        assert "Incomplete: 1 table(s) could not be read" in result.stdout
        assert "tinz.csv" in result.stdout
        if fmt == "json":
            assert (
                json.loads(result.stdout)["left_out"]
                and not json.loads(reference.stdout)["left_out"]
            )
