"""Line accounting of the source text: every line of graph/nz-sar-2016/source-report.txt is
quoted or described in the graph, or skipped on purpose with a reason (validate --coverage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogpgraph.analysis.accounting import (
    SKIP_REASONS,
    account_for_sources,
    account_for_text,
    graph_texts,
    normalise,
    pieces,
    read_skip_list,
)
from ogpgraph.core.errors import DataError

REPORT = "graph/nz-sar-2016/source-report.txt"
SKIPS = "graph/nz-sar-2016/skipped-lines.tsv"


@pytest.fixture(scope="module")
def account(kg):
    (only,) = account_for_sources(kg)
    return only


def test_every_line_of_the_report_is_accounted_for(account):
    assert account.unexplained == []
    assert account.lines == sum(
        1 for line in account.path.read_text("utf-8").splitlines() if line.strip()
    )
    assert account.lines == (
        account.quoted + account.markup + account.mixed + sum(account.skipped.values())
    )
    # most lines are quoted: the skip list is for scaffolding, not for content
    assert account.quoted > 0.7 * account.lines


def test_no_skip_entry_is_stale(account):
    assert [(e.line, e.text) for e in account.unused] == []


def test_every_skip_entry_has_a_known_reason(root):
    entries = read_skip_list(root / SKIPS)
    assert entries
    assert {e.reason for e in entries} <= set(SKIP_REASONS)
    assert {e.reason for e in entries} >= {"heading", "table-scaffolding", "contact-details"}


def test_the_kia_tutahi_next_steps_row_is_the_last_line_and_quoted(kg, root):
    report = root / REPORT
    text = report.read_text("utf-8")
    assert not text.endswith("\n")
    last = len(text.splitlines())
    assert text.splitlines()[-1].startswith("Next Steps\tThe Department of Internal Affairs")
    texts = graph_texts(kg)
    row = "The Department of Internal Affairs will continue to engage with the OGP Stakeholder"
    without = [t for t in texts if not t.startswith(row)]
    skips = read_skip_list(root / SKIPS)
    assert account_for_text(report, texts, skips).unexplained == []
    # without the row, the last line is unexplained (section 3 prints the same words, line 596)
    assert last in [n for n, _ in account_for_text(report, without, skips).unexplained]


def test_contact_details_are_skipped_not_recorded(kg, account):
    assert account.skipped_pieces["contact-details"] >= 6
    assert not [t for t in graph_texts(kg) if "ross.boyd@" in t or "495 6650" in t]


def test_pieces_and_normalisation():
    assert pieces("Main Objective\t<b>Result six:</b> Increase\t\t\t") == [
        "Main Objective",
        "Result six: Increase",
    ]
    assert pieces("| 1. <a href='#'>Results</a> | Pages 31 - 40 |") == [
        "1. Results",
        "Pages 31 - 40",
    ]
    assert pieces("---") == []
    assert normalise("State sector<sup>1</sup> reform , the ‘open’ – data") == (
        "State sector reform, the 'open' - data"
    )
    assert normalise("### *Background*") == "Background"


def _project(make_project, skips: str | None) -> Path:
    files = {
        "src/data.trig": (
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            "GRAPH <https://w3id.org/ogpgraph/graph/test> {\n"
            '<https://w3id.org/ogpgraph/x/a> rdfs:label "A sentence long enough to be quoted."@en .\n'
            "}\n"
        ),
        "src/source-report.txt": (
            "# Heading\n\nA sentence long enough to be quoted. And one nobody quotes at all.\n"
            "Row name\tA sentence long enough to be quoted.\n"
        ),
    }
    if skips is not None:
        files["src/skipped-lines.tsv"] = skips
    return make_project(files, with_shapes=False)


def test_an_unquoted_line_is_reported_by_number(make_project, cli):
    proj = _project(make_project, None)
    out = cli("validate", "--coverage", root=proj)
    assert out.exit_code == 1
    assert "graph/src/source-report.txt: line 1: error:" in out.output
    assert "line 3: error:" in out.output and "And one nobody quotes at all." in out.output
    assert "line 4: error:" in out.output and "'Row name'" in out.output
    assert "3 unexplained" in out.output


def test_the_skip_list_accounts_for_the_rest(make_project, cli):
    skips = (
        "reason\ttext\n"
        "heading\tHeading\n"
        "table-scaffolding\tRow name\n"
        "framing\tAnd one nobody quotes at all.\n"
        "heading\tNever used\n"
    )
    proj = _project(make_project, skips)
    out = cli("validate", "--coverage", "--format", "json", root=proj)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    (source,) = data["sources"]
    assert source["unexplained"] == []
    assert source["lines"] == 3
    assert source["skipped"] == {"heading": 1}
    assert source["mixed"] == 2
    assert source["skipped_pieces"] == {"framing": 1, "heading": 1, "table-scaffolding": 1}
    # the stale entry is a warning at its line of the skip list
    (stale,) = data["findings"]
    assert stale["severity"] == "warning" and stale["line"] == 5
    assert stale["file"] == "graph/src/skipped-lines.tsv"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reason\ttext\nspelling\tHeading\n", "line 2: unknown reason 'spelling'"),
        ("reason\ttext\nheading\n", "line 2: expected 2 columns, found 1"),
        ("reason\ttext\nheading\tre:(\n", "line 2: bad pattern"),
        ("why\twhat\n", "line 1: the header must be"),
    ],
)
def test_a_bad_skip_list_names_its_file_and_line(tmp_path, text, message):
    path = tmp_path / "skipped-lines.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        read_skip_list(path)
    assert str(path) in str(err.value)


def test_a_bad_skip_list_on_the_cli_is_a_clear_error(make_project, cli):
    proj = _project(make_project, "reason\ttext\nspelling\tHeading\n")
    from click.testing import CliRunner

    from ogpgraph.cli.main import cli as group

    out = CliRunner().invoke(group, ["validate", "--coverage", "--root", str(proj)])
    assert out.exit_code != 0
    assert "Traceback" not in out.output
    assert "unknown reason 'spelling'" in out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)
