"""Formula-like cells of a links table (``=…``, ``@…``, ``+…``, ``-…``): stored in the RDF exactly as
typed, and neutralised in every CSV and TSV the product writes (the OWASP rule of
:func:`ogpgraph.core.sanitize.csv_cell`: a leading ``'``; plain numbers such as ``-2`` stay
numbers), through the command line, the endpoint and the build."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.core.sanitize import is_formula_like, markdown_text
from ogpgraph.dataset.store import KnowledgeGraph

from .conftest import ROOT
from .fixtures_gaps import CONCEPTS, PILLARS, PREFIXES, _base
from .serve_fixtures import ServeProcess

HEADER = "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
#: what a spreadsheet would run (each must come out with a leading ')
FORMULAS = ('=HYPERLINK("http://x","y")', "@SUM(1)", "=1+2", "-2+3", "+1 more")
#: plain numbers: a spreadsheet reads a number, nothing runs (they stay as written)
NUMBERS = ("+1", "-2")
#: (table, target, rationale, evidence_source), each value as typed in the table
ROWS = [
    ("government", "initiative-one", FORMULAS[0], FORMULAS[1]),
    ("government", "commitment-1", NUMBERS[0], NUMBERS[1]),
    ("tinz", "initiative-one", FORMULAS[1], FORMULAS[2]),
    ("tinz", "commitment-2", FORMULAS[3], FORMULAS[4]),  # only TINZ links commitment-2
]
ASSERTERS = {"government": "org-a", "tinz": "org-t"}
COMMITMENT_2 = (
    't:c2 a ogp:Commitment ; rdfs:label "Commitment two"@en ; dcterms:identifier "commitment-2" ;'
    " ogp:commitmentNumber 2 ; ogp:leadAgency t:org-a ; dcterms:source t:table ."
)
SELECT = (
    "SELECT ?rationale ?evidence WHERE { ?l ogp:rationale ?rationale ; "
    "ogp:evidenceSource ?evidence } ORDER BY ?rationale"
)


def _cell(value: str) -> str:
    """A value in a CSV row: quoted, quotes doubled."""
    return '"' + value.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A small real project (the gap fixtures' data and a second commitment, without the SHACL
    shapes: the tiny graph is not a full dataset) whose two links tables hold formula-like
    rationales and evidence."""
    proj = tmp_path_factory.mktemp("formulas")
    shutil.copytree(ROOT / "ontology", proj / "ontology")
    (proj / "ontology" / "shapes.ttl").unlink()
    data = proj / "graph" / "test"
    data.mkdir(parents=True)
    (data / "data.trig").write_text(
        PREFIXES
        + "GRAPH <https://w3id.org/ogpgraph/graph/test> {\n"
        + "\n".join([*_base(CONCEPTS, CONCEPTS, PILLARS), COMMITMENT_2])
        + "\n}\n",
        encoding="utf-8",
    )
    (proj / "graph" / "links").mkdir()
    for table, asserter in ASSERTERS.items():
        rows = [
            f"nis-rec-1,{target},addresses,met,{_cell(rationale)},{_cell(evidence)},{asserter},2016"
            for name, target, rationale, evidence in ROWS
            if name == table
        ]
        (proj / "graph" / "links" / f"{table}.csv").write_text(
            HEADER + "\n".join(rows) + "\n", encoding="utf-8"
        )
    return proj


def test_the_values_are_stored_exactly_as_typed(project):
    kg = KnowledgeGraph.load(project)
    for table, target, rationale, evidence in ROWS:
        # the row's link (its IRI carries the row's date: dated rows are history)
        prefix = f"{ns.BASE}nz/link/{table}/nis-rec-1--{target}/"
        graph = ox.NamedNode(ns.LINKS_GRAPH_PREFIX + table)
        (link,) = {
            q.subject
            for q in kg.store.quads_for_pattern(None, None, None, graph)
            if isinstance(q.subject, ox.NamedNode)
            and q.subject.value.startswith(prefix)
            and not q.subject.value.endswith("/status")
        }
        rationales = [
            q.object
            for q in kg.store.quads_for_pattern(link, ox.NamedNode(ns.OGP + "rationale"), None)
        ]
        evidences = [
            q.object
            for q in kg.store.quads_for_pattern(
                link, ox.NamedNode(ns.OGP + "evidenceSource"), None, graph
            )
        ]
        # text, not a number or an expression: the literal holds the characters typed
        assert rationales == [ox.Literal(rationale, language="en")]
        assert evidences == [ox.Literal(evidence)]  # xsd:string


def _csv_cells(text: str, delimiter: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def _check_csv(text: str, *, expect: tuple[str, ...] = (), delimiter: str = ",") -> None:
    """No cell of ``text`` could run in a spreadsheet; every cell holding one of the values is
    that value neutralised (formulas) or as written (numbers); ``expect``: values that must be
    there."""
    cells = _csv_cells(text, delimiter)
    assert cells, text
    for cell in cells:
        assert not is_formula_like(cell), (cell, text)
        for value in FORMULAS:
            if value in cell:
                assert cell == "'" + value, (cell, text)
    for value in expect:
        wanted = "'" + value if value in FORMULAS else value
        assert wanted in cells, (value, text)


def _check_sparql_tsv(text: str, *, expect: tuple[str, ...]) -> None:
    """SPARQL TSV writes terms in Turtle syntax: a literal starting like a formula has its first
    character as a ``\\u`` escape (the same value for a SPARQL client, inert in a spreadsheet)."""
    cells = [cell for line in text.splitlines() for cell in line.split("\t")]
    for cell in cells:
        body = cell[1 : cell.rfind('"')] if cell.startswith('"') else cell
        assert not is_formula_like(cell) and not is_formula_like(body), cell
    for value in expect:
        escaped = f"\\u{ord(value[0]):04X}" + value[1:].replace('"', '\\"')
        assert any(escaped in cell for cell in cells), (value, text)


def test_every_csv_of_the_command_line_neutralises_them(cli, project):
    run = {}
    for args in (
        ("query", "--format", "csv", SELECT),
        ("query", "--format", "tsv", SELECT),
        ("query", "--name", "links-tinz-not-government", "--format", "csv"),
        *(
            (cmd, "--format", fmt)
            for cmd in ("gaps", "coverage", "agencies", "stats")
            for fmt in ("csv", "tsv")
        ),
    ):
        result = cli(*args, root=project)
        assert result.exit_code == 0, (args, result.output)
        run[args] = result.stdout
    everything = FORMULAS + NUMBERS
    _check_csv(run[("query", "--format", "csv", SELECT)], expect=everything)
    _check_sparql_tsv(run[("query", "--format", "tsv", SELECT)], expect=FORMULAS)
    tinz_only = run[("query", "--name", "links-tinz-not-government", "--format", "csv")]
    _check_csv(tinz_only, expect=(FORMULAS[3],))
    for args, text in run.items():
        if args[0] != "query":
            _check_csv(text, delimiter="\t" if args[-1] == "tsv" else ",")


def test_the_report_shows_them_as_text(cli, project):
    result = cli("report", "recommendations", root=project)
    assert result.exit_code == 0, result.output
    for value in FORMULAS + NUMBERS:
        assert markdown_text(value) in result.stdout


def test_the_build_keeps_them_as_text_and_neutralises_its_csv(cli, project, tmp_path):
    out = tmp_path / "exports"
    result = cli("build", "--exports", str(out), root=project)
    assert result.exit_code == 0, result.output
    # the one CSV the build writes: the side-by-side report, with the rationales as cited
    assert [p.name for p in out.rglob("*.csv")] == ["recommendations.csv"]
    assert not list(out.rglob("*.tsv"))
    # a report cell may join several rows' words ("+1; =HYPERLINK(…)"): it is neutralised as
    # a whole, and none could run
    cells = _csv_cells((out / "recommendations.csv").read_text(encoding="utf-8"))
    assert not [cell for cell in cells if is_formula_like(cell)]
    for _t, _g, rationale, _e in ROWS:
        assert any(rationale in cell for cell in cells), rationale
    dump = KnowledgeGraph.from_text(
        (out / "ogpgraph.nq").read_text(encoding="utf-8"), graph="", format="nquads"
    )
    stored = {
        (q.object.value, q.object.language)
        for q in dump.quads()
        if q.predicate.value in (ns.OGP + "rationale", ns.OGP + "evidenceSource")
    }
    assert stored == {(r, "en") for _t, _g, r, _e in ROWS} | {(e, None) for *_x, e in ROWS}


def test_the_endpoints_csv_and_tsv_neutralise_them(project):
    server = ServeProcess("--root", str(project))
    try:
        with httpx.Client(trust_env=False, timeout=30) as client:
            answers = {
                accept: client.get(server.url, params={"query": SELECT}, headers={"Accept": accept})
                for accept in ("text/csv", "text/tab-separated-values")
            }
    finally:
        server.stop()
    assert all(a.status_code == 200 for a in answers.values())
    _check_csv(answers["text/csv"].text, expect=FORMULAS + NUMBERS)
    _check_sparql_tsv(answers["text/tab-separated-values"].text, expect=FORMULAS)
