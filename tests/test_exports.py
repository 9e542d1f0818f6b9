"""The dumps: deterministic bytes, reload to an isomorphic dataset in every format, and a
DCAT/VoID description with the licence, the attribution to the Crown and the version."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ogpgraph.build import generate, write
from ogpgraph.dumps.rdf import DUMPS, canonical_quads


@pytest.fixture(scope="module")
def outputs(kg):
    return generate(kg)


def _canonical(quads, as_triples=False):
    if as_triples:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in quads]
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset}


def test_two_builds_give_identical_bytes(kg, outputs, tmp_path):
    again = generate(kg)
    assert outputs.keys() == again.keys()
    for name in outputs:
        assert outputs[name] == again[name], name
    write(outputs, tmp_path / "a")
    write(again, tmp_path / "b")
    written = [p for p in (tmp_path / "a").rglob("*") if p.is_file()]
    assert len(written) == len(outputs)
    for path in written:
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


@pytest.mark.parametrize("name", [n for n, (_f, _m, graphs) in DUMPS.items() if graphs])
def test_quad_dumps_round_trip_to_an_isomorphic_dataset(kg, outputs, name):
    fmt = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}[
        name.rsplit(".", 1)[1]
    ]
    reloaded = list(ox.parse(outputs[name], format=fmt))
    assert len(reloaded) == len(kg)
    assert _canonical(reloaded) == _canonical(canonical_quads(kg))


@pytest.mark.parametrize("name", [n for n, (_f, _m, graphs) in DUMPS.items() if not graphs])
def test_union_dumps_round_trip(kg, outputs, name):
    fmt = ox.RdfFormat.TURTLE if name.endswith(".ttl") else ox.RdfFormat.N_TRIPLES
    reloaded = list(ox.parse(outputs[name], format=fmt))
    union = {q.triple for q in canonical_quads(kg)}
    assert _canonical(reloaded, as_triples=True) == _canonical(list(union), as_triples=True)


def test_rdflib_reads_the_trig_dump(outputs):
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(data=outputs["ogpgraph.trig"], format="trig")
    names = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/ogpgraph/graph/nz-sar-2016" in names
    assert "https://w3id.org/ogpgraph/graph/external" in names


def test_dataset_description(outputs):
    g = {str(t) for t in ox.parse(outputs["void.ttl"], format=ox.RdfFormat.TURTLE)}
    text = outputs["void.ttl"].decode()
    assert "<https://creativecommons.org/licenses/by/4.0/>" in text
    assert "Crown" in text
    assert "dcat:version" in text
    assert "void:triples" in text
    assert any("dcat:Distribution" in t or "Distribution" in t for t in g)


def test_build_writes_nothing_when_the_graph_is_invalid(cli, make_project, tmp_path):
    fixture = Path(__file__).parent / "data" / "invalid" / "CommitmentShape--no-source.trig"
    proj = make_project({"t/x.trig": fixture.read_text()})
    out = tmp_path / "out"
    result = cli("build", "--exports", str(out), root=proj)
    assert result.exit_code == 1
    assert "does not conform" in result.output
    assert not out.exists()


def test_build_check_on_the_committed_exports(cli, root):
    result = cli("build", "--check", root=root)
    assert result.exit_code == 0, result.output


def test_pages_of_resources_that_have_gone_are_reported_and_removed(cli, root, tmp_path):
    """A resource page the build no longer makes (its resource left the data) is stale:
    ``--check`` names it, ``build`` removes it and the folders it leaves empty; a reader's own
    file beside the exports is neither."""
    out = tmp_path / "out"
    assert cli("build", "--exports", str(out), root=root).exit_code == 0
    gone = out / "resource" / "nz" / "commitment" / "99.html"
    gone.write_text("<p>a commitment that has left the data</p>")
    orphan = out / "resource" / "nz" / "gone-kind" / "1.html"
    orphan.parent.mkdir()
    orphan.write_text("<p>a kind that has left the data</p>")
    mine = out / "my-notes.txt"
    mine.write_text("mine")

    checked = cli("build", "--check", "--exports", str(out), root=root)
    assert checked.exit_code == 1
    assert "resource/nz/commitment/99.html (no longer generated)" in checked.output
    assert "resource/nz/gone-kind/1.html (no longer generated)" in checked.output
    assert "my-notes.txt" not in checked.output

    rebuilt = cli("build", "--exports", str(out), root=root)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "removed 2 no longer generated" in rebuilt.output
    assert not gone.exists() and not orphan.parent.exists()
    assert (out / "resource" / "nz" / "commitment" / "3.html").is_file()
    assert mine.read_text() == "mine"
    assert cli("build", "--check", "--exports", str(out), root=root).exit_code == 0
