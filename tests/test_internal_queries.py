"""Internal queries (``queries/internal/*.rq``), the ``#+ values:`` list mechanism, the prefixes
every ``.rq`` file declares, and a scan of ``src/`` for SPARQL written or formatted in Python."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import OgpgraphError
from ogpgraph.core.guard import Trusted, check
from ogpgraph.core.queries import (
    get_internal,
    get_stored,
    internal_queries,
    internal_query,
    parse_stored,
    stored_queries,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "ogpgraph"
INTERNAL = internal_queries()
STORED = stored_queries()
#: the subsystems an internal query's name may start with (``<subsystem>-<name>``)
SUBSYSTEMS = {
    "core",
    "dataset",
    "analysis",
    "accounting",
    "projection",
    "gaps",
    "progress",
    "reports",
    "stats",
    "validate",
    "dumps",
    "remote",
    "sheet",
    "pages",
    "diff",
    "server",
}


def _sample_values(query) -> dict[str, list[ox.NamedNode]]:
    return {v: [ox.NamedNode(ns.OGP + "Commitment")] for v in query.values}


# -- the internal queries themselves -----------------------------------------------------------
def test_internal_queries_are_not_stored_queries():
    assert len(INTERNAL) >= 30
    assert not set(INTERNAL) & set(STORED)
    assert all(not q.internal for q in STORED.values())
    assert all(q.internal for q in INTERNAL.values())
    for name in INTERNAL:
        assert re.fullmatch(r"[a-z]+-[a-z0-9-]+", name), name
        assert name.split("-")[0] in SUBSYSTEMS, name


@pytest.mark.parametrize("name", sorted(INTERNAL))
def test_internal_query_has_a_summary_and_runs_as_it_is(name):
    q = INTERNAL[name]
    assert q.summary
    assert isinstance(q.text, Trusted)
    # valid SPARQL on its own: no predeclared prefixes (each file declares its own)
    ox.Store().query(q.text)
    # and the guard reads it the same way once its lists are filled
    filled = q.with_values(_sample_values(q)) if q.values else q.text
    assert check(str(filled)).form in ("SELECT", "CONSTRUCT", "ASK")


def test_internal_query_is_trusted_cached_and_read_alone():
    get_internal.cache_clear()
    text = internal_query("stats-classes")
    assert isinstance(text, Trusted)
    assert text == INTERNAL["stats-classes"].text
    assert get_internal("stats-classes") is get_internal("stats-classes")
    assert get_internal.cache_info().currsize == 1  # only the file asked for was read


def test_unknown_internal_query_is_an_error():
    with pytest.raises(OgpgraphError, match="no internal query named 'nope'"):
        internal_query("nope")
    with pytest.raises(OgpgraphError):
        internal_query("../commitments")


def test_help_reads_no_query_file():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from ogpgraph.cli.main import cli\n"
        "for argv in (['--help'], ['query', '--help']):\n"
        "    assert CliRunner().invoke(cli, argv).exit_code == 0\n"
        "print('ogpgraph.core.queries' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=SRC.parent
    )
    assert out.stdout.strip() == "False"  # the query module is not even imported


def test_projection_queries_fill_the_classes_and_predicates():
    from ogpgraph.analysis.projection import KINDS, RELATIONS, projection_queries

    texts = projection_queries()
    assert all(isinstance(t, Trusted) for t in texts)
    nodes, edges = texts[1], texts[2]
    assert all(f"<{c}>" in nodes for c in KINDS)
    assert all(f"<{p}>" in edges for p in RELATIONS)


# -- the list mechanism ------------------------------------------------------------------------
TEMPLATE = Trusted(
    "#+ summary: test\n#+ values: x  some terms\nSELECT ?s ?x WHERE { VALUES ?x {} ?s ?p ?x }\n"
)


def _store() -> ox.Store:
    store = ox.Store()
    store.add(
        ox.Quad(ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p"), ox.Literal("a"))
    )
    return store


def test_values_are_filled_from_pyoxigraph_terms():
    q = parse_stored("t", TEMPLATE)
    assert q.values == {"x": "some terms"}
    text = q.with_values({"x": [ox.Literal("a"), ox.NamedNode("http://e.org/o")]})
    assert isinstance(text, Trusted)
    assert [r["s"].value for r in _store().query(text)] == ["http://e.org/s"]


def test_values_refuse_raw_strings_and_other_types():
    q = parse_stored("t", TEMPLATE)
    for bad in ("http://e.org/o", "<http://e.org/o> } ; DROP ALL #", ox.BlankNode(), 3):
        with pytest.raises(TypeError, match="NamedNode or Literal"):
            q.with_values({"x": [bad]})


def test_values_must_be_given_exactly():
    q = parse_stored("t", TEMPLATE)
    with pytest.raises(OgpgraphError, match="missing: x"):
        q.with_values({})
    with pytest.raises(OgpgraphError, match="not declared: y"):
        q.with_values({"x": [], "y": []})
    with pytest.raises(OgpgraphError):
        internal_query("projection-nodes")  # its classes are required


def test_an_iri_that_would_break_out_cannot_be_made():
    for bad in ("http://e.org/a> } ; DROP ALL #", "http://e.org/a b", "http://e.org/{x}"):
        with pytest.raises(ValueError):
            ox.NamedNode(bad)
    with pytest.raises(ValueError):
        ox.Literal("a", language="en } DROP ALL #")  # language tags are checked too


def test_a_hostile_literal_stays_one_value():
    hostile = '" } ; DROP ALL # \\" \n } SERVICE <http://evil.example/> { ?a ?b ?c }'
    text = parse_stored("t", TEMPLATE).with_values({"x": [ox.Literal(hostile)]})
    # the guard parses it as outside text and accepts it: no update, no SERVICE, one VALUES
    canonical = check(str(text)).text
    assert canonical.count("VALUES") == 1
    # and it finds exactly the statement whose object is the hostile text, unchanged
    store = ox.Store()
    s, p = ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p")
    store.add(ox.Quad(s, p, ox.Literal(hostile)))
    store.add(ox.Quad(s, p, ox.Literal("other")))
    assert [r["x"].value for r in store.query(text)] == [hostile]


def test_values_of_untrusted_text_stay_untrusted():
    q = parse_stored("t", str(TEMPLATE))
    text = q.with_values({"x": [ox.Literal("a")]})
    assert not isinstance(text, Trusted)  # so the guard checks it like any outside text


def test_a_values_line_needs_exactly_one_empty_block():
    with pytest.raises(OgpgraphError, match="exactly one empty VALUES block"):
        parse_stored("t", "#+ summary: s\n#+ values: x\nSELECT * WHERE { ?s ?p ?x }")
    with pytest.raises(OgpgraphError, match=r"found 2"):
        parse_stored(
            "t", "#+ summary: s\n#+ values: x\nSELECT * WHERE { VALUES ?x {} VALUES ?x { } }"
        )
    with pytest.raises(OgpgraphError, match="not a variable name"):
        parse_stored("t", "#+ summary: s\n#+ values: x}\nSELECT * WHERE { }")


# -- the command line --------------------------------------------------------------------------
def test_list_shows_stored_queries_only(cli, root):
    result = cli("query", "--list", "--format", "csv", root=root)
    assert result.exit_code == 0
    assert "projection-nodes" not in result.output
    assert "commitments" in result.output


def test_list_all_marks_internal_queries(cli, root):
    result = cli("query", "--list", "--all", "--format", "csv", root=root)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "name,summary,parameters,kind"
    kinds = {line.split(",", 1)[0]: line.rsplit(",", 1)[1] for line in lines[1:]}
    assert kinds["commitments"] == "stored"
    assert all(kinds[name] == "internal" for name in INTERNAL)


def test_all_needs_list(cli, root):
    result = cli("query", "--all", "--name", "commitments", root=root)
    assert result.exit_code == 2
    assert "--all goes with --list" in result.output


def test_name_runs_an_internal_query(cli, root):
    result = cli("query", "--name", "stats-classes", "--format", "csv", root=root)
    assert result.exit_code == 0
    assert result.output.startswith("class,resources")
    assert ns.OGP + "Commitment" in result.output


def test_name_refuses_an_internal_query_that_needs_lists(cli, root):
    result = cli("query", "--name", "projection-nodes", root=root)
    assert result.exit_code != 0
    assert "takes lists of terms (?class, ?scheme)" in result.output
    assert "Traceback" not in result.output


def test_get_stored_finds_both_kinds():
    assert get_stored("commitments").internal is False
    assert get_stored("stats-classes").internal is True
    with pytest.raises(OgpgraphError):
        get_stored("stats-classes", internal=False)


def test_load_query_benchmark_sees_stored_queries_only():
    text = (SRC.parents[1] / "benchmarks" / "load_query.py").read_text(encoding="utf-8")
    assert "stored_queries()" in text and "internal_queries" not in text
    assert set(stored_queries()) == {p.stem for p in (SRC / "queries").glob("*.rq")}


def test_probe_limit_is_the_publishers():
    from ogpgraph.remote.publish import PROBE_ROWS

    assert re.search(rf"LIMIT {PROBE_ROWS}\s*$", INTERNAL["remote-probe"].text)


# -- prefixes: one map ---------------------------------------------------------------------------
_PREFIX = re.compile(r"^\s*PREFIX\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


def _rq_files() -> list[Path]:
    folder = Path(str(resources.files("ogpgraph") / "queries"))
    return sorted(folder.rglob("*.rq"))


def test_every_rq_prefix_is_the_projects():
    files = _rq_files()
    assert len(files) == len(STORED) + len(INTERNAL)
    wrong = []
    for path in files:
        for prefix, iri in _PREFIX.findall(path.read_text(encoding="utf-8")):
            if ns.PREFIXES.get(prefix) != iri:
                wrong.append(f"{path.name}: PREFIX {prefix}: <{iri}>")
    assert wrong == [], "prefixes that differ from namespaces.PREFIXES:\n" + "\n".join(wrong)


# -- no SPARQL in Python -----------------------------------------------------------------------
#: SPARQL as it is written: a query form with its variables or braces, a PREFIX declaration,
#: a group pattern
_SPARQL = re.compile(
    r"(?i)\b(?:SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?[?$*(]|CONSTRUCT\s*(?:WHERE\s*)?\{"
    r"|ASK\s*(?:WHERE\s*)?\{|DESCRIBE\s+[?<$]|PREFIX\s+[\w-]*:\s*<|WHERE\s*\{|VALUES\s*[?$(]"
    r"|GRAPH\s*[?$<][^\s{]*\s*\{|FILTER\s*\(|OPTIONAL\s*\{)"
)
#: where Python may hold SPARQL fragments, and why: (file under src/ogpgraph, class or function)
_ALLOWED = {
    ("core/guard.py", "_Writer"): "writes the canonical text of a parsed, checked query",
    ("remote/client.py", "values_block"): "a --param VALUES block of pyoxigraph-written terms",
}
#: calls whose result is query text
_QUERY_CALLS = {"internal_query", "get_internal", "get_stored", "with_values"}


def _is_query(node: ast.AST, names: set[str]) -> bool:
    if isinstance(node, ast.Call):
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return called in _QUERY_CALLS
    if isinstance(node, ast.Attribute) and node.attr in ("text", "body"):
        return _is_query(node.value, names)
    return isinstance(node, ast.Name) and node.id in names


def sparql_in_python(source: str, filename: str = "") -> list[str]:
    """Where ``source`` holds SPARQL text, or formats query text (``%``, ``.format``,
    ``.replace``, f-strings, ``+``); docstrings excepted."""
    tree = ast.parse(source)
    found: list[str] = []
    docstrings: set[int] = set()
    owners: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
            if not isinstance(node, ast.Module):
                for inner in ast.walk(node):
                    owners.setdefault(id(inner), node.name)  # outermost first: ast.walk is BFS
    names = {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and _is_query(node.value, set())
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    for node in ast.walk(tree):
        if (filename, owners.get(id(node), "")) in _ALLOWED:
            continue
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings and _SPARQL.search(node.value):
                found.append(f"{where}: SPARQL text {node.value[:60]!r}")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
            if _is_query(node.left, names) or _is_query(node.right, names):
                found.append(f"{where}: query text built with {type(node.op).__name__}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("format", "replace") and _is_query(node.func.value, names):
                found.append(f"{where}: query text built with .{node.func.attr}")
        elif isinstance(node, ast.JoinedStr):
            if any(
                isinstance(v, ast.FormattedValue) and _is_query(v.value, names) for v in node.values
            ):
                found.append(f"{where}: query text in an f-string")
    return found


def test_the_scan_finds_sparql_and_formatting():
    bad = (
        '_Q = """\nSELECT ?s WHERE { ?s ?p ?o }\n"""\n'
        '_P = "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>"\n'
        'a = internal_query("x") % "y"\n'
        'b = internal_query("x").replace("%C%", "y")\n'
        't = get_stored("x").text\n'
        "c = f'{t} LIMIT 3'\n"
        'd = "{}".format(1) + internal_query("x")\n'
        'def f():\n    """SELECT ?s WHERE { ?s ?p ?o } in a docstring is fine."""\n'
        '    return "a SELECT with ?source column, in help text"\n'
    )
    found = sparql_in_python(bad)
    assert [f.split(": ", 1)[1][:20] for f in found] == [
        "SPARQL text '\\nSELEC",
        "SPARQL text 'PREFIX ",
        "query text built wit",
        "query text built wit",
        "query text in an f-s",
        "query text built wit",
    ]


def test_no_sparql_is_written_or_formatted_in_python():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        found += sparql_in_python(path.read_text(encoding="utf-8"), rel)
    assert found == [], "move SPARQL to a .rq file (queries/internal/):\n" + "\n".join(found)
