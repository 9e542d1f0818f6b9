"""Outputs that cannot be turned against their reader (issue 10, item 6).

A fixture graph (tests/data/injection) carries labels that a spreadsheet would run as formulas,
Markdown that would make links, images and HTML, and a right-to-left override (U+202E); a links
CSV row carries a formula too. Every CSV/TSV cell comes out neutralised (plain numbers stay
numbers), Markdown renders as text with a real renderer (markdown-it-py), the override is shown
as ``<U+202E>`` (or a ``\\u202e`` escape in JSON), and every HTML output has a
Content-Security-Policy allowing only its own inline code.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from ogpgraph.core.sanitize import csv_cell, markdown_text, redact_url, reveal_controls

INJECTION = Path(__file__).resolve().parent / "data" / "injection"
ROOT = Path(__file__).resolve().parents[1]
RLO = "\u202e"
FORMULAS = ['=HYPERLINK("http://x")', "@SUM(1)", "-2+3", "+cmd"]
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    proj = tmp_path_factory.mktemp("injection")
    shutil.copytree(ROOT / "ontology", proj / "ontology")
    (proj / "graph" / "links").mkdir(parents=True)
    shutil.copy(INJECTION / "injection.trig", proj / "graph" / "injection.trig")
    shutil.copy(INJECTION / "links" / "tinz.csv", proj / "graph" / "links" / "tinz.csv")
    return proj


@pytest.fixture(scope="module")
def injected(project):
    from ogpgraph.dataset.store import KnowledgeGraph

    return KnowledgeGraph.load(project)


def cells(text: str, delimiter: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text), delimiter=delimiter) for c in row]


def assert_no_formula(values: list[str]) -> None:
    """No cell a spreadsheet would evaluate: none starts with = + - @ tab CR, unless a number."""
    for value in values:
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert NUMBER.fullmatch(value), f"formula-like cell {value!r}"


def markdown_html(text: str) -> str:
    md = pytest.importorskip("markdown_it", reason="markdown-it-py (test extra) is not installed")
    return md.MarkdownIt("commonmark").enable("table").render(text)


def assert_inert_html(rendered: str) -> None:
    for tag in ("<a", "<img", "<script", "<b>", "<iframe"):
        assert tag not in rendered, f"{tag} in rendered Markdown:\n{rendered}"


# ---------------------------------------------------------------- the rules themselves
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(1)", "'@SUM(1)"),
        ("-2+3", "'-2+3"),
        ("+cmd", "'+cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("+3.2", "+3.2"),
        ("1e5", "1e5"),
        ("plain - text = fine", "plain - text = fine"),
        ("", ""),
    ],
)
def test_csv_cell_rule(value, expected):
    assert csv_cell(value) == expected


def test_reveal_controls_shows_every_bidi_control():
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\x1b":
        shown = reveal_controls(f"a{ch}b")
        assert shown == f"a<U+{ord(ch):04X}>b"
    assert reveal_controls("tab\tnew\nline, Māori ✓") == "tab\tnew\nline, Māori ✓"


def test_markdown_text_renders_as_text():
    payloads = [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![](http://remote/img.png)",
        "a | b",
        "`code`",
        "<http://x>",
        "&#60;b&#62;",
        "www.remote.example",
        "http://remote.example/x",
        "*em* _em_ ~~s~~",
    ]
    for payload in payloads:
        rendered = markdown_html(f"| h |\n|---|\n| {markdown_text(payload)} |\n")
        assert_inert_html(rendered)
        assert rendered.count("<td>") == 1, rendered  # the pipe did not make a second cell
        assert "<code>" not in rendered and "<em>" not in rendered and "<s>" not in rendered
    # and the text is what the reader sees
    rendered = markdown_html(markdown_text("[x](javascript:alert(1)) <script> a|b `c`"))
    assert "[x](javascript:alert(1)) &lt;script&gt; a|b `c`" in rendered


def test_markdown_code_span_cannot_be_closed_from_inside():
    rendered = markdown_html("x " + markdown_text("a `` <img src=x> b", code=True))
    assert "<code>a `` &lt;img src=x&gt; b</code>" in rendered


# ---------------------------------------------------------------- CSV and TSV
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_gaps_csv_neutralises_graph_labels(cli, project, fmt):
    result = cli("gaps", "--format", fmt, root=project)
    assert result.exit_code == 0, result.output
    values = cells(result.stdout, "," if fmt == "csv" else "\t")
    for formula in FORMULAS:
        assert "'" + formula in values
    assert "-5" in values  # a number stays a number
    assert_no_formula(values)
    assert RLO not in result.stdout and "abc<U+202E>def" in values


@pytest.mark.parametrize("command", ["coverage", "agencies"])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_other_tables_are_neutralised(cli, project, command, fmt):
    result = cli(command, "--format", fmt, root=project)
    assert result.exit_code == 0, result.output
    values = cells(result.stdout, "," if fmt == "csv" else "\t")
    assert_no_formula(values)


RATIONALE = "SELECT ?o WHERE { ?s ogp:rationale ?o }"
LABELS = "SELECT ?label WHERE { ?c a ogp:Commitment ; rdfs:label ?label } ORDER BY ?label"


def test_query_csv_neutralises_a_links_csv_row_and_graph_data(cli, project):
    result = cli("query", "--format", "csv", RATIONALE, root=project)
    assert result.exit_code == 0, result.output
    values = cells(result.stdout, ",")
    assert values[1] == ('\'=HYPERLINK("http://x","click") [y](javascript:alert(2)) <img src=x>')
    labels = cli("query", "--format", "csv", LABELS, root=project)
    values = cells(labels.stdout, ",")
    assert {"'" + f for f in FORMULAS} <= set(values) and "-5" in values
    assert_no_formula(values)
    assert "abc<U+202E>def" in values


def test_query_tsv_escapes_losslessly(cli, project):
    import pyoxigraph as ox

    result = cli("query", "--format", "tsv", LABELS, root=project)
    assert result.exit_code == 0, result.output
    fields = [f for line in result.stdout.splitlines() for f in line.split("\t")]
    # a spreadsheet strips the quotes of "…": what follows must not be a formula either
    assert_no_formula([f.strip('"').split('"@')[0] for f in fields])
    assert RLO not in result.stdout
    # the same values for a SPARQL client
    parsed = ox.parse_query_results(result.stdout.encode(), format=ox.QueryResultsFormat.TSV)
    got = sorted(row["label"].value for row in parsed)
    assert set(FORMULAS) <= set(got) and "-5" in got and "abc\u202edef" in got


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_query_json_and_xml_keep_the_data_with_escapes(cli, project, fmt):
    import pyoxigraph as ox

    result = cli("query", "--format", fmt, LABELS, root=project)
    assert result.exit_code == 0, result.output
    assert RLO not in result.stdout
    kind = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.XML
    parsed = ox.parse_query_results(result.stdout.encode(), format=kind)
    assert "abc\u202edef" in {row["label"].value for row in parsed}


def test_ogp_sheet_import_is_neutralised(cli, make_project, tmp_path):
    base = (INJECTION.parent / "ogp-sheet" / "base.trig").read_text(encoding="utf-8")
    proj = make_project({"test/base.trig": base}, name="sheet")
    sheet = tmp_path / "sheet.csv"
    text = (INJECTION.parent / "ogp-sheet" / "clean.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    title = rows[0].index("Short Title")
    chile = next(i for i, row in enumerate(rows) if row and row[0] == "CL0001")
    rows[chile][title] = '=HYPERLINK("http://x")'
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    imported = cli("import", "ogp-sheet", str(sheet), root=proj)
    assert imported.exit_code == 0, imported.output
    result = cli("query", "--format", "csv", LABELS, root=proj)
    assert result.exit_code == 0, result.output
    values = cells(result.stdout, ",")
    assert '\'=HYPERLINK("http://x")' in values
    assert_no_formula(values)


def test_endpoint_csv_is_neutralised(project):
    """The endpoint's text/csv and TSV answers follow the same rule (one serialiser)."""
    import httpx

    from .serve_fixtures import ServeProcess

    server = ServeProcess("--root", str(project))
    try:
        with httpx.Client(trust_env=False, timeout=30) as http:
            answer = http.post(
                server.url,
                data={"query": "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#>\n" + RATIONALE},
                headers={"Accept": "text/csv"},
            )
            labels = http.post(
                server.url,
                data={
                    "query": "PREFIX ogp: <https://w3id.org/ogpgraph/ontology#> PREFIX rdfs: "
                    "<http://www.w3.org/2000/01/rdf-schema#>\n" + LABELS
                },
                headers={"Accept": "text/csv"},
            )
    finally:
        server.stop()
    assert answer.status_code == 200, answer.text
    assert cells(answer.text, ",")[1].startswith("'=HYPERLINK(")
    values = cells(labels.text, ",")
    assert "'@SUM(1)" in values and "-5" in values
    assert_no_formula(values)


# ---------------------------------------------------------------- Markdown
def test_gaps_markdown_renders_inert(cli, project):
    result = cli("gaps", "--format", "markdown", root=project)
    assert result.exit_code == 0, result.output
    rendered = markdown_html(result.stdout)
    assert_inert_html(rendered)
    assert "[x](javascript:alert(1)) ![](http://remote/img.png) &lt;script&gt;" in rendered
    assert RLO not in result.stdout and "abc&lt;U+202E&gt;def" in rendered
    # every row has the table's four cells: no pipe or backtick in a label broke one
    body = rendered.split("<tbody>")[1]
    assert all(row.count("<td>") == 4 for row in body.split("<tr>")[1:])


def test_query_markdown_renders_inert(cli, project):
    result = cli("query", "--format", "markdown", LABELS, root=project)
    assert result.exit_code == 0, result.output
    rendered = markdown_html(result.stdout)
    assert_inert_html(rendered)
    assert "`code`" in rendered and "a|b" in rendered


def test_recommendations_report_and_its_export_render_inert(cli, project, injected):
    from ogpgraph.build import generate

    result = cli("report", "recommendations", root=project)
    assert result.exit_code == 0, result.output
    exported = generate(injected)["recommendations.md"].decode("utf-8")
    assert exported == result.stdout
    rendered = markdown_html(exported)
    assert_inert_html(rendered)
    assert "[rec](javascript:alert(1)) ![](http://remote/rec.png) &lt;b&gt;" in rendered
    assert (
        "=HYPERLINK(&quot;http://x&quot;,&quot;click&quot;) [y](javascript:alert(2)) "
        "&lt;img src=x&gt;"
    ) in rendered
    assert RLO not in exported and "&lt;U+202E&gt;one" in rendered


# ---------------------------------------------------------------- bidirectional overrides
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown"])
def test_no_raw_override_in_any_row_format(cli, project, fmt):
    result = cli("gaps", "--format", fmt, root=project)
    assert result.exit_code == 0, result.output
    assert RLO not in result.output
    if fmt == "json":
        labels = {g["subject_label"] for g in json.loads(result.stdout)}
        assert "abc\u202edef" in labels  # the data itself is kept, as an escape
    else:
        assert "abc<U+202E>def" in result.stdout or "abc\\<U+202E\\>def" in result.stdout


def test_no_raw_override_in_html_pages(injected):
    from ogpgraph.build import generate

    pages = {n: d.decode("utf-8") for n, d in generate(injected).items() if n.endswith(".html")}
    assert pages
    for name, page in pages.items():
        assert RLO not in page, name
    assert "abc&lt;U+202E&gt;def" in pages["index.html"]
    assert "abc\\u003cU+202E\\u003edef" in pages["graph.html"]  # the page's data


def test_messages_reveal_controls(cli, tmp_path):
    """An error message naming something from outside (here a file name) cannot drive the
    terminal or reorder the line."""
    missing = tmp_path / f"x{RLO}y\x1b[2J.rq"
    result = cli("query", "-f", str(missing))
    assert result.exit_code == 2
    assert RLO not in result.output and "\x1b[2J" not in result.output
    assert "x<U+202E>y<U+001B>[2J.rq" in result.output


# ---------------------------------------------------------------- Content-Security-Policy
def policy_of(page: str) -> dict[str, list[str]]:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert match, "no Content-Security-Policy meta element"
    directives = {}
    for part in match.group(1).split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def assert_strict_policy(page: str) -> None:
    policy = policy_of(page)
    assert policy["default-src"] == ["'none'"]
    assert policy["connect-src"] == ["'none'"]
    assert policy["img-src"] == ["data:"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'none'"]
    everything = " ".join(v for values in policy.values() for v in values)
    assert "unsafe" not in everything and "http" not in everything and "*" not in everything
    scripts = re.findall(
        r"<script(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", page, re.S
    )
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert sorted(policy["script-src"]) == sorted({sha(s) for s in scripts} or {"'none'"})
    assert sorted(policy["style-src"]) == sorted({sha(s) for s in styles} or {"'none'"})
    assert " style=" not in page  # no inline style attribute (the policy would block it)


def test_every_built_page_has_a_strict_policy(injected):
    from ogpgraph.build import generate
    from ogpgraph.pages.html import NAV

    built = {n: d.decode("utf-8") for n, d in generate(injected).items() if n.endswith(".html")}
    # every page of the navigation bar, and the resource pages (hostile labels among them)
    assert {href for href, _text in NAV} <= set(built)
    assert "resource/index.html" in built
    for page in built.values():
        assert_strict_policy(page)


def test_export_html_pages_have_a_strict_policy(cli, project, tmp_path):
    around = tmp_path / "around.html"
    result = cli("export", "html", "--around", "commitment-1", "-o", str(around), root=project)
    assert result.exit_code == 0, result.output
    assert_strict_policy(around.read_text(encoding="utf-8"))
    queried = tmp_path / "query.html"
    rq = tmp_path / "lead.rq"
    rq.write_text("CONSTRUCT { ?c ogp:leadAgency ?o } WHERE { ?c ogp:leadAgency ?o }")
    result = cli("export", "html", "--query", str(rq), "-o", str(queried), root=project)
    assert result.exit_code == 0, result.output
    assert_strict_policy(queried.read_text(encoding="utf-8"))


def test_diff_html_has_a_strict_policy(project, tmp_path):
    from ogpgraph.diff.compare import diff, render_html

    new = tmp_path / "new"
    shutil.copytree(project, new)
    data = new / "graph" / "injection.trig"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            '"+cmd"@en', '"<script>alert(1)</script> \\u202E"@en'
        ),
        encoding="utf-8",
    )
    page = render_html(diff(str(project), str(new)))
    assert_strict_policy(page)
    assert "<script" not in page and RLO not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;U+202E&gt;" in page


# ---------------------------------------------------------------- URLs
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://user:secret@example.org/sparql", "http://***@example.org/sparql"),
        ("https://token@example.org:8443/x?a=1", "https://***@example.org:8443/x?a=1"),
        ("http://example.org/q?api_key=s3&x=1", "http://example.org/q?api_key=***&x=1"),
        ("http://[::1]:7878/query", "http://[::1]:7878/query"),
        ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/query"),
    ],
)
def test_redact_url(url, expected):
    assert redact_url(url) == expected


def test_terminal_table_shows_markup_as_text(capsys):
    """The rich table on a terminal: console markup in a label is shown, not obeyed."""
    from ogpgraph.core.output import Table, print_rich_table

    print_rich_table(Table(["label"], [["[link=http://x]click[/link] [bold]b[/bold] a\u202eb"]]))
    out = capsys.readouterr().out
    assert "[link=http://x]click[/link]" in out and "[bold]b[/bold]" in out
    assert RLO not in out and "a<U+202E>b" in out
