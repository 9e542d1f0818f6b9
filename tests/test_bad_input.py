"""Bad input: a clear message naming the file and line (or query position), a non-zero exit,
no traceback."""

from __future__ import annotations

import pytest

GOOD = """@prefix ogp: <https://w3id.org/ogpgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
GRAPH <https://w3id.org/ogpgraph/graph/test> {
  <https://w3id.org/ogpgraph/nz/x> a ogp:Commitment ; rdfs:label "x"@en .
}
"""


def test_turtle_syntax_error_names_file_and_line(cli, make_project):
    bad = '@prefix ex: <http://e.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n'
    proj = make_project({"x/bad.ttl": bad, "x/good.trig": GOOD})
    result = cli("stats", root=proj)
    assert result.exit_code == 2
    assert "bad.ttl:3" in result.output
    assert "syntax error" in result.output.lower()
    assert "Traceback" not in result.output


def test_trig_syntax_error_names_file_line_and_column(cli, make_project):
    proj = make_project({"x/bad.trig": GOOD.replace('"x"@en .', '"x"@en ;;; }')})
    result = cli("validate", root=proj)
    assert result.exit_code == 2
    assert "bad.trig:5" in result.output or "bad.trig:4" in result.output


def test_triples_outside_a_graph_block_are_refused(cli, make_project):
    proj = make_project(
        {
            "x/a.trig": GOOD
            + "<https://w3id.org/ogpgraph/nz/y> a <https://w3id.org/ogpgraph/ontology#Commitment> .\n"
        }
    )
    result = cli("stats", root=proj)
    assert result.exit_code == 2
    assert "outside a GRAPH block" in result.output
    assert "a.trig" in result.output


def test_sparql_syntax_error_shows_position(cli, make_project):
    proj = make_project({"x/a.trig": GOOD})
    result = cli("query", "SELECT ?s WHERE {\n  ?s ?p \n}", root=proj)
    assert result.exit_code == 2
    assert "line 3, column 1" in result.output
    assert "^" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "query",
    ["SELEC ?x WHERE { ?x ?p ?o }", "PREFIX a: <http://x/>\n# c\nselct ?x { ?x ?p ?o }"],
)
def test_a_misspelt_query_form_is_named(cli, make_project, query):
    proj = make_project({"x/a.trig": GOOD})
    result = cli("query", query, root=proj)
    assert result.exit_code == 2
    assert "A query starts with SELECT, CONSTRUCT, ASK or DESCRIBE" in result.output
    assert "Did you mean SELECT?" in result.output
    assert "Traceback" not in result.output


def test_an_ontology_term_it_does_not_declare_is_warned_of(cli, root):
    """ogp:Comitment matches nothing, silently: the query runs, and says so on stderr."""
    result = cli("query", "SELECT ?x WHERE { ?x a ogp:Comitment ; ogp:leadAgency ?a }", root=root)
    assert result.exit_code == 0
    assert "(0 rows)" in result.stdout
    assert (
        "warning: ogp:Comitment is not a term of the ontology; did you mean ogp:Commitment?"
        in result.stderr
    )
    assert "leadAgency" not in result.stderr  # a term it declares
    right = cli("query", "SELECT ?x WHERE { ?x a ogp:Commitment }", root=root)
    assert right.exit_code == 0 and right.stderr == ""


def test_unknown_stored_query_lists_known_ones(cli, make_project):
    proj = make_project({"x/a.trig": GOOD})
    result = cli("query", "--name", "comitments", root=proj)
    assert result.exit_code == 2
    assert "no stored query named 'comitments'" in result.output
    assert "Did you mean: commitments" in result.output
    assert "action-plan-table" in result.output


def test_empty_graph_folder_says_so(cli, make_project):
    proj = make_project({})
    result = cli("stats", root=proj)
    assert result.exit_code == 2
    assert "holds no data" in result.output


def test_missing_graph_folder_says_so(cli, tmp_path):
    (tmp_path / "ontology").mkdir()
    result = cli("stats", root=tmp_path)
    assert result.exit_code == 2
    assert "no graph folder" in result.output


def test_missing_query_file(cli, make_project, tmp_path):
    proj = make_project({"x/a.trig": GOOD})
    result = cli("query", "-f", str(tmp_path / "nope.rq"), root=proj)
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_bad_param_syntax(cli, make_project):
    proj = make_project({"x/a.trig": GOOD})
    result = cli("query", "--name", "sources-of-fact", "--param", "novalue", root=proj)
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.output


def test_construct_with_table_only_format_is_a_usage_error(cli, make_project):
    proj = make_project({"x/a.trig": GOOD})
    result = cli("query", "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv", root=proj)
    assert result.exit_code == 2
    assert "use --format ttl" in result.output


def test_unknown_prefix_is_named(cli, make_project):
    proj = make_project({"x/a.trig": GOOD})
    result = cli("query", "SELECT * WHERE {\n  ?s nope:x ?o }", root=proj)
    assert result.exit_code == 2
    assert "line 2, column 6: unknown prefix 'nope:'" in result.output


def test_mistyped_identifier_param_suggests_and_quoting_passes_text(cli, root):
    result = cli("query", "--name", "sources-of-fact", "--param", "fact=comitment-3", root=root)
    assert result.exit_code == 2
    assert "Did you mean: commitment-3" in result.output
    quoted = cli(
        "query",
        "--name",
        "sources-of-fact",
        "--param",
        'fact="comitment-3"',
        "-F",
        "csv",
        root=root,
    )
    assert quoted.exit_code == 0


LINKS_HEADER = (
    "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
)


def test_links_cell_over_the_limit_is_named_by_row_and_column(cli, make_project):
    from ogpgraph.dataset.links import MAX_CELL

    from .fixtures_gaps import clean_project

    proj = clean_project(make_project)
    table = proj / "graph" / "links" / "tinz.csv"
    ok_row = "nis-rec-1,initiative-one,addresses,met,{},,org-t,2016\n"
    table.write_text(LINKS_HEADER + ok_row.format("r" * MAX_CELL), encoding="utf-8")
    assert cli("links", "check", root=proj).exit_code == 0  # the maximum itself is fine
    table.write_text(
        LINKS_HEADER + ok_row.format("r") + ok_row.format("x" * 200_000), encoding="utf-8"
    )
    for args in (("links", "check"), ("build", "--check")):
        result = cli(*args, root=proj)
        assert result.exit_code == 2, result.output
        assert (
            f"tinz.csv: row 3, column 'rationale': the cell holds 200,000 characters; "
            f"the most a cell may hold is {MAX_CELL:,}"
        ) in result.output
        assert "Traceback" not in result.output


def test_non_utf8_links_table_names_the_line(cli, make_project):
    from .fixtures_gaps import clean_project

    proj = clean_project(make_project)
    table = proj / "graph" / "links" / "tinz.csv"
    table.write_bytes(
        LINKS_HEADER.encode() + b"nis-rec-1,initiative-one,addresses,met,caf\xe9,,org-t,2016\n"
    )
    result = cli("links", "check", root=proj)
    assert result.exit_code == 2
    assert "tinz.csv:2: not UTF-8 text: byte 0xe9 at byte 43 of the line" in result.output
    assert "Save the file as UTF-8." in result.output


def test_non_utf8_query_file_names_line_and_byte(cli, make_project, tmp_path):
    proj = make_project({"x/a.trig": GOOD})
    query = tmp_path / "q.rq"
    query.write_bytes(b'SELECT * WHERE {\n  ?s ?p "caf\xe9" }\n')
    for args in (("query", "-f", str(query)), ("export", "html", "--query", str(query))):
        result = cli(*args, root=proj)
        assert result.exit_code == 2
        assert f"{query}:2: not UTF-8 text: byte 0xe9 at byte 13 of the line" in result.output
        assert "Save the file as UTF-8." in result.output
        assert "Traceback" not in result.output


def test_a_50_mb_literal_on_one_line_is_named_by_file_and_line(cli, make_project, tmp_path):
    literal = "x" * 50_000_000
    proj = make_project(
        {"x/a.trig": GOOD, "x/big.ttl": f'@prefix ex: <http://e.org/> .\nex:a ex:b "{literal}" .\n'}
    )
    for args in (("validate",), ("stats", "--store", str(tmp_path / "store"))):
        result = cli(*args, root=proj)
        assert result.exit_code == 2, result.output
        assert (
            "big.ttl:2: a term (a literal or an IRI) longer than 16,777,216 bytes" in result.output
        )
        assert "Traceback" not in result.output


def test_diff_of_a_revision_holding_a_symlink(cli, make_project):
    import os
    import subprocess

    proj = make_project({"x/a.trig": GOOD})
    os.symlink("/etc/passwd", proj / "graph" / "x" / "passwd.ttl")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=t@t", "-c", "user.name=t", *args],
            cwd=proj,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "v1")
    result = cli("diff", "HEAD", str(proj), root=proj)
    assert result.exit_code == 2
    assert (
        "revision HEAD holds a symbolic link or special file in graph/ or ontology/ "
        "(graph/x/passwd.ttl -> /etc/passwd)"
    ) in result.output
    assert "Traceback" not in result.output


def _minimal() -> str:
    from .conftest import DATA

    return (DATA / "valid" / "minimal.trig").read_text(encoding="utf-8")


def _nested_list(depth: int) -> str:
    return (
        "@prefix ex: <http://example.org/> .\n# a list nested in itself\n"
        f"ex:a ex:p {'(' * depth}{')' * depth} .\n"
    )


def test_nine_blank_nodes_all_linked_are_refused_before_canonicalisation(cli, make_project):
    clique = "@prefix ex: <http://example.org/> .\n" + "".join(
        f"_:b{i} ex:p _:b{j} .\n" for i in range(9) for j in range(9) if i != j
    )
    assert clique.count(" .\n") == 73  # 72 triples and the prefix
    proj = make_project({"x/minimal.trig": _minimal(), "x/clique.ttl": clique})
    for command in ("validate", "build"):
        result = cli(command, root=proj)  # refused at load: no 3-minute stall
        assert result.exit_code == 2, result.output
        assert (
            "clique.ttl:2: 9 blank nodes that look alike are linked to one another" in result.output
        )
        assert "more than the budget of 10,000,000" in result.output
    assert not (proj / "exports").exists()


def test_a_list_nested_100000_deep_is_refused_with_its_line(cli, make_project):
    proj = make_project({"x/minimal.trig": _minimal(), "x/deep.ttl": _nested_list(100_000)})
    result = cli("build", root=proj)  # segfaulted in RDFC-1.0 before the budget
    assert result.exit_code == 2, result.output
    assert "deep.ttl:3: 99,997 blank nodes that look alike are linked" in result.output
    assert not (proj / "exports").exists()
    (proj / "graph" / "x" / "deep.ttl").write_text(_nested_list(20_000), encoding="utf-8")
    result = cli("validate", root=proj)  # passed before, then build crashed
    assert result.exit_code == 2, result.output
    assert "deep.ttl:3: 19,997 blank nodes" in result.output


def test_a_list_nested_50_deep_and_a_clique_of_5_still_build(cli, make_project):
    clique = "".join(
        f"_:c{i} <http://example.org/q> _:c{j} .\n" for i in range(5) for j in range(5) if i != j
    )
    proj = make_project({"x/minimal.trig": _minimal(), "x/deep.ttl": _nested_list(50) + clique})
    built = cli("build", "-q", root=proj)
    assert built.exit_code == 0, built.output
    nt = (proj / "exports" / "ogpgraph.nt").read_text(encoding="utf-8")
    assert nt.count("<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>") >= 50
    assert cli("build", "--check", root=proj).exit_code == 0  # still byte-identical
