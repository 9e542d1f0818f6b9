"""The format registry (core.formats) is the one source of every format table, and the output
options (-F/--format, -o/--output) are the same on every command that prints."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pyoxigraph as ox
import pytest

from ogpgraph.core import formats
from ogpgraph.core.output import ROW_FORMATS

from .fixtures_gaps import clean_project

RDF = formats.rdf_formats()
RESULTS = formats.results_formats()


# ------------------------------------------------------------------------------ the registry
def test_every_name_media_type_and_suffix_is_declared_once():
    names = [n for f in formats.FORMATS for n in set(f.names)]
    assert len(names) == len(set(names))
    media = [m for f in formats.FORMATS for m in f.media_types]
    assert len(media) == len(set(media))
    for kind in ("rdf", "results"):
        suffixes = [s for f in formats.FORMATS if f.kind == kind for s in f.suffixes]
        assert len(suffixes) == len(set(suffixes))


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.name)
def test_each_format_names_a_real_pyoxigraph_format_with_its_media_type(fmt):
    native = fmt.pyoxigraph_format()
    assert native.media_type.split(";")[0] == fmt.media_type
    table = ox.RdfFormat if fmt.kind == "rdf" else ox.QueryResultsFormat
    assert table.from_media_type(fmt.media_type) == native
    assert formats.get(fmt.short) is fmt and formats.get(fmt.name) is fmt


def test_holds_graphs_is_what_pyoxigraph_says():
    for fmt in RDF:
        assert fmt.holds_graphs == fmt.pyoxigraph_format().supports_datasets, fmt.name


def test_an_unknown_format_is_a_key_error():
    with pytest.raises(KeyError):
        formats.get("yaml")
    with pytest.raises(KeyError):
        formats.get("json", "rdf")  # json is a results format; JSON-LD is jsonld


# ------------------------------------------------------------------------------ its consumers
def test_the_store_loads_exactly_the_project_formats():
    from ogpgraph.dataset.store import FORMATS

    expected = {s: f.name for f in RDF if f.project for s in f.suffixes}
    assert FORMATS == expected
    assert set(FORMATS) == {".ttl", ".trig", ".nt", ".nq"}


def test_the_dumps_and_the_diff_reader_come_from_the_registry():
    from ogpgraph.diff.load import DUMP_FORMATS
    from ogpgraph.dumps.rdf import DUMPS

    dumps = formats.dump_formats()
    assert {name for name, _m, _g in DUMPS.values()} == {f.name for f in dumps}
    for file_name, (name, media, graphs) in DUMPS.items():
        fmt = formats.get(name)
        assert file_name == "ogpgraph" + fmt.suffixes[0]
        assert (media, graphs) == (fmt.media_type, fmt.holds_graphs)
    assert {f.name for f in DUMP_FORMATS.values()} == {f.name for f in dumps}


@pytest.mark.parametrize("kind", ["select", "ask", "graph"])
def test_the_endpoint_negotiates_exactly_the_registry_media_types(kind):
    from ogpgraph.server.protocol import CONTENT_TYPES, RESULT_TYPES, negotiate

    offered = formats.graph_result_formats() if kind == "graph" else RESULTS
    expected = {m for f in offered for m in f.media_types}
    assert {m for m, _f in RESULT_TYPES[kind]} == expected
    for fmt in offered:
        for media in fmt.media_types:
            assert negotiate(kind, media) == fmt.short
        assert CONTENT_TYPES[fmt.short].split(";")[0] == fmt.media_type
    for other in formats.FORMATS:
        if other not in offered:
            for media in other.media_types:
                assert negotiate(kind, media) is None, media
    assert negotiate(kind, "text/html") is None


def test_the_remote_client_asks_for_and_reads_registry_formats_only():
    from ogpgraph.remote.client import ACCEPT

    for kind in ("select", "ask", "graph"):
        wanted = formats.graph_result_formats() if kind == "graph" else RESULTS
        asked = [part.split(";")[0] for part in ACCEPT[kind].split(", ")]
        assert asked and all(formats.by_media_type(m, wanted) is not None for m in asked)
    # the client's preference: N-Triples first for graphs, SPARQL JSON first for tables
    assert ACCEPT["graph"].startswith("application/n-triples, text/turtle;q=0.9")
    assert ACCEPT["select"].startswith("application/sparql-results+json, ")


def _choices(command: click.Command, name: str = "fmt") -> tuple[str, ...] | None:
    for param in command.params:
        if param.name == name:
            assert isinstance(param.type, click.Choice)
            return tuple(param.type.choices)
    return None


def test_query_format_choices_are_the_row_results_and_graph_formats():
    from ogpgraph.cli.query_cmd import query

    choices = _choices(query)
    assert choices is not None
    assert set(choices) == (
        set(ROW_FORMATS) | {f.short for f in RESULTS} | {f.short for f in RDF if f.graph_result}
    )


def _commands() -> dict[str, click.Command]:
    from ogpgraph.cli.main import cli

    ctx = click.Context(cli)
    found = {}
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        subs = command.commands.values() if isinstance(command, click.Group) else [command]
        for sub in subs:
            found[f"{name} {sub.name}" if sub is not command else name] = sub
    return found


def test_every_printing_command_has_the_same_format_and_output_options():
    with_format = {n: c for n, c in _commands().items() if _choices(c) is not None}
    assert {"query", "stats", "coverage", "gaps", "agencies", "diff", "validate"} <= set(
        with_format
    )
    for name, command in with_format.items():
        options = {p.name: p for p in command.params}
        assert sorted(options["fmt"].opts) == ["--format", "-F"], name
        if not name.startswith("import"):  # import writes its own files (--output-dir)
            assert sorted(options["output"].opts) == ["--output", "-o"], name
    for name in ("stats", "coverage", "gaps", "agencies"):
        assert _choices(with_format[name]) == ROW_FORMATS


# ------------------------------------------------------------------------------ results
def _tiny_kg():
    from ogpgraph.dataset.store import KnowledgeGraph

    return KnowledgeGraph.from_text(
        '<https://example.org/a> <https://example.org/p> "=1+1" , "x\\u0007y" .',
        graph="https://example.org/g",
    )


@pytest.mark.parametrize("fmt", [f.short for f in RESULTS])
def test_select_results_read_back_in_their_registry_format(fmt):
    from ogpgraph.core.results import serialize_result

    kg = _tiny_kg()
    text = serialize_result(kg.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"), fmt)
    if fmt == "csv":  # plain values (Oxigraph reads no CSV results): made safe for spreadsheets
        import csv
        import io

        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["o"] and sorted(r[0] for r in rows[1:]) == ["'=1+1", "x<U+0007>y"]
        return
    parsed = ox.parse_query_results(text.encode(), format=formats.get(fmt).pyoxigraph_format())
    values = sorted(row["o"].value for row in parsed)
    if fmt == "xml":  # XML 1.0 cannot hold U+0007 even escaped: it is shown
        assert values == ["=1+1", "x<U+0007>y"]
    else:  # JSON and TSV escape it: the data is unchanged
        assert values == ["=1+1", "x\x07y"]


@pytest.mark.parametrize("fmt", [f.short for f in formats.graph_result_formats()])
def test_graph_results_read_back_in_their_registry_format(fmt):
    from ogpgraph.core.results import serialize_result

    kg = _tiny_kg()
    text = serialize_result(kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), fmt)
    triples = set(ox.parse(text.encode(), format=formats.get(fmt).pyoxigraph_format()))
    assert len(triples) == 2


def test_query_writes_rdfxml_now_that_the_registry_offers_it(cli, make_project):
    proj = clean_project(make_project)
    query = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3"
    result = cli("query", query, "--format", "rdfxml", root=proj)
    assert result.exit_code == 0, result.output
    assert len(list(ox.parse(result.output.encode(), format=ox.RdfFormat.RDF_XML))) == 3
    wrong = cli("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-F", "rdfxml", root=proj)
    assert wrong.exit_code == 2 and "is a table" in wrong.output


# ------------------------------------------------------------------------------ -o FILE
def test_output_file_is_written_and_replaced_whole(cli, make_project, tmp_path):
    proj = clean_project(make_project)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "stats.csv"
    target.write_text("old\n")
    result = cli("stats", "--format", "csv", "-o", str(target), root=proj)
    assert result.exit_code == 0, result.output
    printed = cli("stats", "--format", "csv", root=proj).output
    assert target.read_text() == printed
    assert [p.name for p in target.parent.iterdir()] == ["stats.csv"]  # no temporary file left


def test_output_refuses_a_symbolic_link_and_leaves_both_files(cli, make_project, tmp_path):
    proj = clean_project(make_project)
    real = tmp_path / "real.csv"
    real.write_text("keep\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = cli("agencies", "--format", "csv", "-o", str(link), root=proj)
    assert result.exit_code == 2
    assert "symbolic link" in result.output and "Traceback" not in result.output
    assert link.is_symlink() and real.read_text() == "keep\n"


def test_output_refuses_a_pipe(cli, make_project, tmp_path):
    proj = clean_project(make_project)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = cli("links", "check", "--format", "json", "-o", str(fifo), root=proj)
    assert result.exit_code == 2
    assert "not a plain file" in result.output
    assert Path(fifo).exists()


def test_output_into_a_missing_folder_is_a_clear_error(cli, make_project, tmp_path):
    proj = clean_project(make_project)
    target = tmp_path / "missing" / "out.json"
    result = cli("query", "--name", "organisations", "-F", "json", "-o", str(target), root=proj)
    assert result.exit_code == 2
    assert f"the folder {tmp_path / 'missing'} does not exist" in result.output
    assert "Traceback" not in result.output


# ------------------------------------------------------------------------------ links check
def test_links_check_is_one_library_call(make_project):
    from ogpgraph.core.errors import OgpgraphError
    from ogpgraph.dataset.links_check import check_tables

    proj = clean_project(make_project)
    report = check_tables(proj)
    assert report.ok and [p.name for p in report.files] == ["government.csv", "tinz.csv"]
    assert report.text().endswith("2 file(s) checked: no problems\n")
    bad = proj / "graph" / "links" / "tinz.csv"
    bad.write_text(
        bad.read_text().splitlines()[0] + "\nnis-rec-1,nope,addresses,met,r,,org-t,2016\n"
    )
    report = check_tables(proj, [bad])
    assert not report.ok
    (problem,) = report.as_dicts()
    assert (problem["row"], problem["column"]) == (2, "target")
    with pytest.raises(OgpgraphError, match="does not exist"):
        check_tables(proj, [proj / "nothing.csv"])


def test_links_check_json_is_the_one_json_writer(cli, make_project):
    import json

    proj = clean_project(make_project)
    bad = proj / "graph" / "links" / "tinz.csv"
    bad.write_text(
        bad.read_text().splitlines()[0] + "\nnis-rec-1,nope,addresses,met,r,,org-t,2016\n"
    )
    result = cli("links", "check", "--format", "json", root=proj)
    assert result.exit_code == 1
    assert json.loads(result.output)[0]["column"] == "target"
    assert result.output.startswith("[\n  {\n")  # json_text: indent 2, final newline
