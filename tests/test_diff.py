"""``ogpgraph diff``: two fixture versions differ by exactly the changes made, from dump files,
project folders or git revisions (the working tree untouched), as a table, json or HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.dataset.store import KnowledgeGraph
from ogpgraph.diff.compare import diff
from ogpgraph.dumps.rdf import dump
from ogpgraph.sheet.importer import import_sheet

from .fixtures_gaps import clean_project

DATA = Path(__file__).parent / "data" / "ogp-sheet"
B = ns.BASE
IMPORT = ns.GRAPH + "imports/ogp-sheet-messy"
C = ns.VOCAB + "completion/"

#: what messy-v2.csv changes against messy.csv: NZ0003's completion Complete -> Limited, the
#: Uruguay row removed (its member, plan and commitment go with it), AU0005 added, AU0003's
#: short title changed.
EXPECTED = {
    ("removed", "member", B + "member/uy", "", "Uruguay", ""),
    ("removed", "action-plan", B + "uy/action-plan/3", "", "Uruguay: OGP action plan 3", ""),
    ("removed", "commitment", B + "uy/commitment/1", "", "Open data policy", ""),
    ("added", "commitment", B + "au/commitment/5", "", "", "Open contracting"),
    (
        "removed",
        "assessment",
        B + "uy/assessment/ogp-sheet-messy/commitment-1",
        "completion level",
        "completion:limited",
        "",
    ),
    (
        "added",
        "assessment",
        B + "au/assessment/ogp-sheet-messy/commitment-5",
        "completion level",
        "",
        "completion:complete",
    ),
    (
        "changed",
        "assessment",
        B + "nz/assessment/ogp-sheet-messy/commitment-3",
        "completion level",
        "completion:complete",
        "completion:limited",
    ),
    (
        "changed",
        "label",
        B + "au/commitment/3",
        "rdfs:label@en",
        "Whistleblowers",
        "Whistleblower protection",
    ),
}


def as_set(report) -> set[tuple[str, ...]]:
    return {(c.change, c.kind, c.subject, c.field, c.old, c.new) for c in report.changes}


@pytest.fixture
def versions(make_project, tmp_path):
    """The fixture project with messy.csv imported (old) and then messy-v2.csv (new)."""
    proj = make_project(
        {"test/base.trig": (DATA / "base.trig").read_text(encoding="utf-8")}, name="nzproj"
    )
    import_sheet(DATA / "messy.csv", proj)
    old_copy = tmp_path / "old"
    shutil.copytree(proj, old_copy)
    v2 = tmp_path / "v2" / "messy.csv"
    v2.parent.mkdir()
    shutil.copy(DATA / "messy-v2.csv", v2)
    assert import_sheet(v2, proj).written
    return old_copy, proj


def test_two_versions_differ_by_exactly_the_changes_made(versions, tmp_path):
    old, new = versions
    for fmt, name in (("nquads", "ogpgraph.nq"), ("trig", "ogpgraph.trig")):
        (tmp_path / f"old-{name}").write_bytes(dump(KnowledgeGraph.load(old), fmt))
        (tmp_path / f"new-{name}").write_bytes(dump(KnowledgeGraph.load(new), fmt))
        report = diff(str(tmp_path / f"old-{name}"), str(tmp_path / f"new-{name}"))
        assert as_set(report) == EXPECTED, fmt
        assert [g.graph for g in report.graphs] == [IMPORT]
        (delta,) = report.graphs
        assert delta.old - delta.removed + delta.added == delta.new
    assert as_set(diff(str(old), str(new))) == EXPECTED  # project folders


def test_unchanged_versions_have_no_changes(versions):
    """Blank nodes (the SHACL shapes) get new labels at every load: not a change."""
    _old, new = versions
    report = diff(str(new), str(new))
    assert report.changes == [] and report.graphs == []


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def test_git_revisions_leave_the_working_tree_alone(versions, cli):
    old, new = versions
    repo = old
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "v1")
    shutil.copy(
        new / "graph" / "imports" / "ogp-sheet-messy.nq",
        repo / "graph" / "imports" / "ogp-sheet-messy.nq",
    )
    _git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "v2")
    # uncommitted work in the tree: must neither be read nor touched
    (repo / "graph" / "test" / "base.trig").write_text("this is not RDF", encoding="utf-8")
    (repo / "graph" / "scratch.ttl").write_text("nor this", encoding="utf-8")
    status = _git(repo, "status", "--porcelain")
    result = cli("diff", "HEAD~1", "HEAD", "--format", "json", root=repo)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    got = {
        (c["change"], c["kind"], c["subject"], c["field"], c["old"], c["new"])
        for c in data["changes"]
    }
    assert got == EXPECTED
    assert data["old"] == "HEAD~1" and data["graphs"][0]["graph"] == IMPORT
    assert _git(repo, "status", "--porcelain") == status
    assert (repo / "graph" / "test" / "base.trig").read_text(encoding="utf-8") == "this is not RDF"
    assert (repo / "graph" / "scratch.ttl").is_file()
    # a revision against the working tree's folder is read from disk (and fails on bad RDF)
    assert cli("diff", "HEAD", str(repo), root=repo).exit_code == 2


def test_links_statuses_responses_and_labels(make_project, tmp_path):
    """Recommendation links added, removed and changed; a status assessment's status; a new
    ogp:respondsTo; a changed label — and the triple counts of each graph that changed."""
    old = clean_project(make_project)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    data = new / "graph" / "test" / "data.trig"
    text = data.read_text(encoding="utf-8")
    text = text.replace("ogp:status status:met", "ogp:status status:progressing")
    text = text.replace('rdfs:label "Commitment one"@en', 'rdfs:label "Commitment 1"@en')
    text = text.replace(
        "t:init a ogp:Initiative ;", "t:init a ogp:Initiative ; ogp:respondsTo t:rec1 ;"
    )
    data.write_text(text, encoding="utf-8")
    tinz = new / "graph" / "links" / "tinz.csv"
    tinz.write_text(
        tinz.read_text(encoding="utf-8").replace(
            "addresses,met,Agreed", "partly-addresses,progressing,Not yet"
        )
        # a second link of the same date: its status agrees (one position per date)
        + "nis-rec-1,commitment-1,addresses,progressing,Also this,,org-t,2016-02-01\n",
        encoding="utf-8",
    )
    gov = new / "graph" / "links" / "government.csv"
    gov.write_text(gov.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    report = diff(str(old), str(new))
    kinds = {(c.change, c.kind, c.field, c.old, c.new) for c in report.changes}
    assert ("changed", "status-assessment", "status", "status:met", "status:progressing") in kinds
    assert (
        "changed",
        "recommendation-link",
        "relation",
        "relation:addresses",
        "relation:partly-addresses",
    ) in kinds
    assert ("changed", "recommendation-link", "status", "status:met", "status:progressing") in kinds
    assert (
        "added",
        "recommendation-link",
        "link",
        "",
        "relation:addresses, status status:progressing",
    ) in kinds
    assert (
        "removed",
        "recommendation-link",
        "link",
        "relation:addresses, status status:met",
        "",
    ) in kinds
    assert ("added", "responds-to", "responds to", "", "t/rec1") in kinds
    assert ("changed", "label", "rdfs:label@en", "Commitment one", "Commitment 1") in kinds
    assert len(report.changes) == 7, report.changes
    graphs = {g.graph: g for g in report.graphs}
    assert set(graphs) == {
        ns.GRAPH + "test",
        ns.LINKS_GRAPH_PREFIX + "tinz",
        ns.LINKS_GRAPH_PREFIX + "government",
    }
    assert graphs[ns.GRAPH + "test"].added == 3 and graphs[ns.GRAPH + "test"].removed == 2


def test_formats(versions, cli, tmp_path):
    old, new = versions
    table = cli("diff", str(old), str(new))
    assert table.exit_code == 0
    assert "Triples per named graph" in table.stdout and "au/commitment/5" in table.stdout
    data = json.loads(cli("diff", str(old), str(new), "-F", "json").stdout)
    assert data["summary"]["commitment added"] == 1
    out = tmp_path / "diff.html"
    assert cli("diff", str(old), str(new), "-F", "html", "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Open contracting" in page
    assert not re.search(r"\b(src|href)\s*=|@import|url\(|<script|<link", page, re.I)


def test_html_escapes_labels(make_project, tmp_path):
    from ogpgraph.diff.compare import render_html

    old = clean_project(make_project)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    data = new / "graph" / "test" / "data.trig"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            '"Commitment one"@en', '"<script>alert(1)</script> & co"@en'
        ),
        encoding="utf-8",
    )
    page = render_html(diff(str(old), str(new)))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_triples_only_dumps(versions, tmp_path):
    old, new = versions
    for side, proj in (("old", old), ("new", new)):
        (tmp_path / f"{side}.ttl").write_bytes(dump(KnowledgeGraph.load(proj), "turtle"))
        (tmp_path / f"{side}.jsonld").write_bytes(dump(KnowledgeGraph.load(proj), "jsonld"))
    report = diff(str(tmp_path / "old.ttl"), str(tmp_path / "new.ttl"))
    assert as_set(report) == EXPECTED
    assert [g.graph for g in report.graphs] == ["(default graph)"]
    assert as_set(diff(str(tmp_path / "old.jsonld"), str(tmp_path / "new.jsonld"))) == EXPECTED


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("x.csv", "a,b\n", "unknown dump format '.csv'"),
        ("x.ttl", "this is not turtle", "RDF syntax error"),
    ],
)
def test_bad_dumps_exit_2(tmp_path, cli, versions, name, content, words):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    result = cli("diff", str(bad), str(versions[1]))
    assert result.exit_code == 2 and words in result.output and "Traceback" not in result.output


def test_unknown_revision_exits_2(versions, cli):
    result = cli("diff", "no-such-revision", str(versions[1]), root=versions[1])
    assert result.exit_code == 2
    assert "neither a file, a folder nor a git revision" in result.output


def test_identical_versions_say_so(cli, tmp_path):
    dump = tmp_path / "a.nq"
    dump.write_text(
        '<https://w3id.org/ogpgraph/nz/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" <https://w3id.org/ogpgraph/graph/t> .\n'
    )
    result = cli("diff", str(dump), str(dump))
    assert result.exit_code == 0
    assert "No changes" in result.output
