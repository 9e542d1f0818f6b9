"""The notebook API (issue 14, item 8): ``ogpgraph.load()``, rows and DataFrames, stored queries,
coverage, gaps, the NetworkX view, an rdflib Dataset over the same store, pyvis offline, and the
example notebook executed end to end."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import ogpgraph
from ogpgraph.core.errors import OgpgraphError
from ogpgraph.notebook import Graph, Rows

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def og() -> Graph:
    return ogpgraph.load(ROOT)


def test_load_gives_a_graph_with_its_size(og):
    assert isinstance(og, Graph)
    assert re.fullmatch(r"<ogpgraph.Graph: [\d,]+ triples in \d+ named graphs>", repr(og))


def test_query_predeclares_prefixes_binds_values_and_keeps_column_order(og):
    rows = og.query(
        "SELECT ?label ?id WHERE { ?c dcterms:identifier ?id ; rdfs:label ?label . "
        'FILTER(LANG(?label) = "en") }',
        id="commitment-3",
    )
    assert isinstance(rows, Rows)
    assert rows.columns == ["label", "id"]
    assert [r["id"] for r in rows] == ["commitment-3"]
    frame = rows.to_dataframe()
    assert list(frame.columns) == ["label", "id"]
    assert frame.iloc[0]["label"].startswith("Commitment 3")
    assert "<table>" in rows._repr_html_() and "Commitment 3" in rows._repr_html_()


def test_a_query_text_is_never_formatted_with_a_binding(og):
    hostile = '"} . ?s ?p ?o . FILTER("'
    assert og.query("SELECT ?c ?id WHERE { ?c dcterms:identifier ?id }", id=hostile) == []


def test_stored_queries_coverage_gaps_and_the_view_agree_with_the_cli(og, cli):
    import json

    stored = og.stored("commitments")
    assert sorted({r["id"] for r in stored}) == [
        "commitment-1",
        "commitment-2",
        "commitment-3",
        "commitment-4",
        "focus-area-open-by-default",
        "focus-area-result-10",
    ]
    cli_gaps = json.loads(cli("gaps", "--format", "json", root=ROOT).output)
    assert [(g["kind"], g["subject"]) for g in og.gaps()] == [
        (g["kind"], g["subject"]) for g in cli_gaps
    ]
    assert {g["kind"] for g in og.gaps("conflict")} == {"conflict"}
    cov = og.coverage("commitment")
    assert cov.rows[0].endswith("/commitment/1")
    assert og.view.number_of_nodes() > 100


def test_stored_parameters_are_read_as_the_cli_reads_them(og, cli):
    """A short identifier, a folder prefix and the full IRI give the CLI's rows; a required
    parameter left out, an unknown one, or an identifier not in the graph is an error."""
    import json

    from ogpgraph.core.errors import OgpgraphError, QueryError

    out = cli(
        "query",
        "--name",
        "sources-of-fact",
        "--param",
        "fact=commitment-3",
        "--format",
        "json",
        root=ROOT,
    ).output
    expected = len(json.loads(out)["results"]["bindings"])
    assert expected > 10
    for value in ("commitment-3", "nz-commitment:3", "https://w3id.org/ogpgraph/nz/commitment/3"):
        assert len(og.stored("sources-of-fact", fact=value)) == expected, value
    with pytest.raises(QueryError, match="needs fact"):
        og.stored("sources-of-fact")
    with pytest.raises(QueryError, match="takes fact, not thing"):
        og.stored("sources-of-fact", fact="commitment-3", thing="x")
    with pytest.raises(OgpgraphError, match="unknown identifier 'commitment-33'") as error:
        og.stored("sources-of-fact", fact="commitment-33")
    assert "Did you mean: commitment-3" in str(error.value.hint)


def test_the_rdflib_dataset_sees_every_triple_in_its_default_graph(og):
    ds = og.rdflib()
    assert len(ds.query("SELECT * WHERE { ?s ?p ?o }")) == len(og.kg)
    graphs = {str(r[0]) for r in ds.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert set(og.kg.graph_names()) == graphs


def test_to_pyvis_keeps_the_pages_looks_and_works_offline(og, tmp_path):
    from pyvis.network import Network

    net = og.to_pyvis(around="commitment-3", depth=1)
    assert isinstance(net, Network)
    ids = {n["id"] for n in net.nodes}
    assert "https://w3id.org/ogpgraph/nz/commitment/3" in ids
    commitment = next(n for n in net.nodes if n["id"].endswith("/commitment/3"))
    assert commitment["color"] == "#0072B2" and commitment["shape"] == "square"
    assert net.edges and all(e.get("title") for e in net.edges)
    html = net.generate_html(notebook=True)
    # nothing loaded from elsewhere: no src= or href= to another host, the script inlined
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "vis.Network" in html or "new vis.Network" in html
    out = tmp_path / "net.html"
    net.write_html(str(out), notebook=True)
    assert out.read_text(encoding="utf-8") == html


def test_to_pyvis_names_an_unknown_view_or_node(og):
    with pytest.raises(OgpgraphError, match="unknown view"):
        og.to_pyvis("nothing")
    with pytest.raises(OgpgraphError, match="commitment-33"):
        og.to_pyvis(around="commitment-33")


def test_the_example_notebook_runs(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    copy = tmp_path / "researcher.ipynb"
    shutil.copy(ROOT / "examples" / "researcher.ipynb", copy)
    monkeypatch.setenv("OGPGRAPH_ROOT", str(ROOT))
    nb = nbformat.read(copy, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert (tmp_path / "commitment-3.html").is_file()
    texts = "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "<ogpgraph.Graph:" in texts


def test_numeric_columns_are_numeric_in_the_dataframe(og):
    """Decimal figures are float64, whole numbers Int64 (blanks <NA>), text stays text."""
    frame = og.stored("result-progress").to_dataframe()
    assert str(frame["targetValue"].dtype) == "float64"  # 98, 95 … and 1.4
    assert str(frame["number"].dtype) == "Int64"
    assert frame["latest"].isna().any() and str(frame["latest"].dtype) == "float64"
    assert frame["targetValue"].max() == 13_000_000_000
    assert frame["target"].dtype == object or str(frame["target"].dtype).startswith("str")
