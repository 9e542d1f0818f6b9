"""Link tables as a TINZ analyst's spreadsheet saves them: file names with spaces, parentheses or
non-ASCII; ``;`` or tab separators; cp1252 and UTF-16; trailing empty cells; unclosed quotes.
Each is read, or reported by file, row and column — never a traceback."""

from __future__ import annotations

import pytest

from ogpgraph.dataset.links import check_links
from ogpgraph.dataset.store import KnowledgeGraph

from .fixtures_gaps import clean_project

HEADER = "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
ROW = "nis-rec-1,initiative-one,addresses,met,r,,org-t,2016-01-01\n"


def _project(make_project):
    """The clean fixture project without SHACL shapes (its tiny graph is not a full dataset),
    so that ``build`` and ``validate`` pass unless a links table breaks them."""
    proj = clean_project(make_project)
    (proj / "ontology" / "shapes.ttl").unlink()
    return proj


@pytest.fixture
def kg_and_dir(make_project, tmp_path):
    proj = clean_project(make_project)
    return KnowledgeGraph.load(proj), tmp_path


@pytest.mark.parametrize("name", ["tinz (1).csv", "tīnz.csv", "a b%20.csv"])
def test_any_file_name_loads_and_every_command_runs(cli, make_project, name):
    proj = _project(make_project)
    (proj / "graph" / "links" / name).write_text(
        HEADER + "nis-rec-1,commitment-1,partly-addresses,progressing,copy,,org-t,2016\n",
        encoding="utf-8",
    )
    assert cli("links", "check", root=proj).exit_code == 0
    for args in (("gaps",), ("query", "--name", "identifiers"), ("validate",)):
        result = cli(*args, root=proj)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Traceback" not in result.output and "Invalid IRI" not in result.output
    result = cli("build", "--exports", str(proj / "out"), root=proj)
    assert result.exit_code == 0, result.output
    kg = KnowledgeGraph.load(proj)
    graphs = {
        r["g"]
        for r in kg.select(
            "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?l a ogp:RecommendationLink } }"
        )
    }
    assert len(graphs) == 3  # government, tinz and the copy: each its own graph


def test_two_names_that_differ_only_in_unsafe_characters_stay_apart():
    from ogpgraph.dataset.links import table_key

    keys = {table_key(n) for n in ("a b.csv", "a%20b.csv", "a_b.csv", "tīnz.csv", "tinz.csv")}
    assert len(keys) == 5
    assert table_key("graph/links/government.csv") == "government"


def _variants() -> dict[str, bytes]:
    """The same valid table as Excel (and its users) save it."""
    text = HEADER + ROW
    return {
        "semicolons.csv": text.replace(",", ";").encode(),
        "tabs.csv": text.replace(",", "\t").encode(),
        "utf16.csv": text.replace(",", "\t").encode("utf-16"),  # "Unicode text": BOM + tabs
        "bom.csv": b"\xef\xbb\xbf" + text.encode(),
        "trailing.csv": (HEADER.rstrip("\n") + ",,\n" + ROW.rstrip("\n") + ",,,\n").encode(),
        "crlf.csv": text.replace("\n", "\r\n").encode(),
        "quoted; comma.csv": (
            HEADER.replace(",", ";")
            + 'nis-rec-1;initiative-one;addresses;met;"a; b, c";;org-t;2016\n'
        ).encode(),
    }


@pytest.mark.parametrize("name", sorted(_variants()))
def test_excel_variants_are_read(kg_and_dir, name):
    kg, tmp = kg_and_dir
    path = tmp / name
    path.write_bytes(_variants()[name])
    assert check_links(path, kg) == []


def test_what_links_check_accepts_build_and_validate_load(cli, make_project):
    proj = _project(make_project)
    for name, data in _variants().items():
        # each its own asserter, so the rows are not duplicates across files
        (proj / "graph" / "links" / name).write_bytes(data)
    check = cli("links", "check", root=proj)
    assert check.exit_code == 0, check.output
    assert "9 file(s) checked: no problems" in check.output
    validate = cli("validate", root=proj)
    assert validate.exit_code == 0, validate.output
    build = cli("build", "--exports", str(proj / "out"), root=proj)
    assert build.exit_code == 0, build.output
    kg = KnowledgeGraph.load(proj)
    rows = kg.select(
        "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> "
        "SELECT ?r WHERE { GRAPH ?g { ?l a ogp:RecommendationLink ; ogp:rationale ?r } }"
    )
    assert sorted(str(r["r"]) for r in rows).count("r") == 6
    assert "a; b, c" in {str(r["r"]) for r in rows}


@pytest.mark.parametrize(
    "data, words",
    [
        (
            (HEADER + "nis-rec-1,initiative-one,addresses,met,Māori café,,org-t,2016\n").encode(
                "cp1252", errors="replace"
            ),
            [
                "t.csv:2: not UTF-8 text",
                "byte 0xe9 at byte 49 of the line",
                "looks like Windows-1252",
            ],
        ),
        (
            (HEADER + ROW).encode("utf-16-le"),  # no BOM
            ["t.csv:1: not UTF-8 text", "looks like UTF-16 without a byte-order mark"],
        ),
    ],
)
def test_other_encodings_are_named_with_where_and_how_to_save(cli, make_project, data, words):
    proj = _project(make_project)
    path = proj / "graph" / "links" / "t.csv"
    path.write_bytes(data)
    for args in (("links", "check"), ("build", "--exports", str(proj / "out"))):
        result = cli(*args, root=proj)
        assert result.exit_code == 2, (args, result.output)
        for word in [*words, "Save the file as UTF-8", "CSV UTF-8 (Comma delimited)"]:
            assert word in result.output, (args, result.output)
        assert "Traceback" not in result.output
    # a read-only command loads the rest, with a warning naming the table's line and byte and
    # the command that says how to save it
    result = cli("gaps", root=proj)
    assert result.exit_code == 0, result.output
    where = words[0].replace("t.csv:", "t.csv was not loaded (the rest of the graph was): line ")
    for word in [where, *words[1:], "run `ogpgraph links check"]:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize(
    "body, where",
    [
        (
            'nis-rec-1,initiative-one,addresses,met,"unclosed,,org-t,2016\n' + ROW,
            "row 2, column 'rationale': a quote opens here and is never closed (line 2)",
        ),
        (
            ROW + 'nis-rec-1,commitment-1,addresses,met,"two\nlines",,org-t,2016\n'
            'nis-rec-1,initiative-two,addresses,met,r,"https://x,org-t,2016\n' + ROW,
            "row 4, column 'evidence_source': a quote opens here and is never closed (line 5)",
        ),
    ],
)
def test_an_unclosed_quote_is_reported_where_it_opens(cli, make_project, body, where):
    proj = _project(make_project)
    path = proj / "graph" / "links" / "t.csv"
    path.write_text(HEADER + body)
    for args in (("links", "check"), ("validate",)):
        result = cli(*args, root=proj)
        assert result.exit_code == 2, result.output
        assert f"t.csv: {where}" in result.output, result.output
        assert "Traceback" not in result.output


def test_a_quote_inside_an_unquoted_cell_is_text(kg_and_dir):
    kg, tmp = kg_and_dir
    path = tmp / "links.csv"
    path.write_text(HEADER + 'nis-rec-1,initiative-one,addresses,met,a 5" screen,,org-t,2016\n')
    assert check_links(path, kg) == []


def test_trailing_cells_with_values_are_still_extra(kg_and_dir):
    kg, tmp = kg_and_dir
    path = tmp / "links.csv"
    path.write_text(HEADER + ROW.rstrip("\n") + ",,x\n")
    (problem,) = check_links(path, kg)
    assert problem.location.row == 2 and "more cells than header columns" in problem.message


def test_an_unclosed_quote_after_a_multiline_cell_in_the_same_row(kg_and_dir):
    from ogpgraph.core.errors import DataError

    kg, tmp = kg_and_dir
    path = tmp / "links.csv"
    path.write_text(
        HEADER + ROW + 'nis-rec-1,commitment-1,addresses,met,"two\nlines","https://x,org-t,2016\n'
    )
    with pytest.raises(DataError, match="row 3, column 'evidence_source'.*line 4"):
        check_links(path, kg)
