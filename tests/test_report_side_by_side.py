"""The side-by-side recommendations report (``ogpgraph report recommendations --format
md|html|csv|json [--for ASSESSOR]``, ``exports/recommendations-report.html`` and
``exports/recommendations.csv``), on a small project where the government and TINZ agree on one
link, disagree on another, and one link is the government's alone; TINZ assessed the status twice
(the newer row is its position, the older its history) and changed its mind on one link.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .fixtures_gaps import CONCEPTS, PILLARS, PREFIXES, _base

LINKS_HEADER = (
    "recommendation,target,relation,status,rationale,evidence_source,asserted_by,asserted_on\n"
)
STATUS_HEADER = "recommendation,status,rationale,evidence_source,asserted_by,asserted_on\n"
FORMULA = '=HYPERLINK("http://x","click")'


def side_project(make_project, **kwargs) -> Path:
    """The project (``with_shapes=False`` for ``build``: the fixture is not a whole action
    plan, and the report is not what the shapes check)."""
    lines = [line for line in _base(CONCEPTS, CONCEPTS, PILLARS) if not line.startswith("t:st1 ")]
    lines.append(
        't:c2 a ogp:Commitment ; rdfs:label "Commitment two"@en ; dcterms:identifier "commitment-2" ;'
        " ogp:commitmentNumber 2 ; ogp:leadAgency t:org-a ; dcterms:source t:table ."
    )
    trig = (
        PREFIXES + "GRAPH <https://w3id.org/ogpgraph/graph/test> {\n" + "\n".join(lines) + "\n}\n"
    )
    government = LINKS_HEADER + (
        "nis-rec-1,commitment-1,addresses,,Government: commitment one addresses it,"
        "https://gov.example/evidence,org-a,2016-01\n"
        "nis-rec-1,initiative-one,addresses,,Government: the initiative addresses it,,org-a,2016-01\n"
        "nis-rec-1,commitment-2,partly-addresses,,Government alone links commitment two,"
        "Government's own citation,org-a,2016-01\n"
    )
    tinz = LINKS_HEADER + (
        "nis-rec-1,commitment-1,partly-addresses,,TINZ in 2015: only partly,,org-t,2015-05\n"
        f'nis-rec-1,commitment-1,addresses,,"{FORMULA.replace(chr(34), chr(34) * 2)}",'
        "https://tinz.example/agree,org-t,2016-03\n"
        "nis-rec-1,initiative-one,does-not-address,,TINZ: the initiative does not address it,"
        "https://tinz.example/disagree,org-t,2016-03\n"
    )
    statuses = {
        "assessments/government.csv": STATUS_HEADER
        + "nis-rec-1,met,Government: met,,org-a,2016-01\n",
        "assessments/tinz.csv": STATUS_HEADER
        + "nis-rec-1,not-started,TINZ in 2015: not started,,org-t,2015-06\n"
        "nis-rec-1,progressing,TINZ in 2016: progressing,https://tinz.example/2016,org-t,2016-06\n",
    }
    return make_project(
        {"test/data.trig": trig, "links/government.csv": government, "links/tinz.csv": tinz}
        | statuses,
        name="sides",
        **kwargs,
    )


@pytest.fixture
def project(make_project) -> Path:
    return side_project(make_project)


@pytest.fixture
def report(project):
    from ogpgraph.analysis.sidebyside import side_by_side
    from ogpgraph.dataset.store import KnowledgeGraph

    return side_by_side(KnowledgeGraph.load(project))


def _by_item(report) -> dict[str, object]:
    return {row.item_id or "status": row for row in report.rows()}


# ---------------------------------------------------------------- the rows
def test_rows_are_marked_agree_disagree_one_sided(report):
    rows = _by_item(report)
    assert [r.recommendation_id for r in report.rows()] == ["nis-rec-1"] * 4
    assert [r.row for r in report.rows()] == ["status", "link", "link", "link"]
    assert {k: r.mark for k, r in rows.items()} == {
        "status": "disagree",
        "commitment-1": "agree",
        "commitment-2": "one-sided",
        "initiative-one": "disagree",
    }
    assert report.assessors == ("government", "tinz")
    assert report.title == (
        "NIS recommendations: the government's and TINZ's assessments side by side"
    )


def test_the_newest_row_is_the_position_and_the_older_its_history(report):
    rows = _by_item(report)
    government, tinz = rows["status"].sides
    assert tinz.status == ("progressing",) and tinz.date == "2016-06"
    assert tinz.words == ("TINZ in 2016: progressing",) and tinz.history == 1
    assert government.status == ("met",) and government.history == 0
    linked = rows["commitment-1"].sides[1]
    assert linked.relation == ("addresses",) and linked.date == "2016-03" and linked.history == 1
    # the one-sided link: TINZ's side says nothing
    gov, nothing = rows["commitment-2"].sides
    assert gov.said and gov.relation == ("partly-addresses",)
    assert not nothing.said and nothing.relation == () and nothing.history == 0


def test_evidence_only_as_each_side_cited_it(report):
    rows = _by_item(report)
    assert rows["commitment-1"].sides[0].evidence == ("https://gov.example/evidence",)
    assert rows["commitment-1"].sides[1].evidence == ("https://tinz.example/agree",)
    assert rows["initiative-one"].sides[0].evidence == ()  # the government cited none
    assert rows["commitment-2"].sides[0].evidence == ("Government's own citation",)
    everything = json.dumps([r.as_dict() for r in report.rows()])
    assert "Case one" not in everything  # the case study illustrating commitment one


def test_for_an_assessor_titles_it_and_puts_its_columns_first(project, cli):
    result = cli("report", "recommendations", "--format", "json", "--for", "TINZ", root=project)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"] == (
        "TINZ's assessment of the government's response to the NIS recommendations"
    )
    assert data["for"] == "tinz"
    assert [a["assessor"] for a in data["assessors"]] == ["tinz", "government"]
    assert all([s["assessor"] for s in r["sides"]] == ["tinz", "government"] for r in data["rows"])
    neutral = json.loads(cli("report", "recommendations", "-F", "json", root=project).stdout)
    assert [a["assessor"] for a in neutral["assessors"]] == ["government", "tinz"]
    assert neutral["for"] is None


def test_unknown_assessor_is_a_clear_error(project, cli):
    result = cli("report", "recommendations", "--for", "nobody", root=project)
    assert result.exit_code == 2
    assert "no assessor 'nobody' in the graph; the assessors are: government, tinz" in result.output
    assert "Traceback" not in result.output


def test_a_project_without_tinz_still_has_its_column(make_project, cli):
    from .fixtures_gaps import clean_project

    project = clean_project(make_project)
    (project / "graph" / "links" / "tinz.csv").unlink()
    data = json.loads(cli("report", "recommendations", "-F", "json", root=project).stdout)
    # the government and TINZ first, always; then the fixture's unattributed assessment
    assert [a["assessor"] for a in data["assessors"]] == ["government", "tinz", "unattributed"]
    link = next(r for r in data["rows"] if r["row"] == "link")
    assert link["mark"] == "one-sided" and link["sides"][1]["said"] is False


# ---------------------------------------------------------------- each format
def test_markdown_groups_and_marks_the_rows(project, cli):
    result = cli("report", "recommendations", root=project)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith(
        "# NIS recommendations: the government's and TINZ's assessments side by side\n"
    )
    assert text.count("## Recommendation one") == 1  # one section: the rows are grouped
    assert "**Status, according to each assessor** — disagree" in text
    assert "| status | Met | Significant progress |" in text
    assert "| earlier rows (superseded) |  | 1 |" in text
    assert "*Commitment one* (commitment) — agree" in text
    assert "*An initiative* (initiative) — disagree" in text
    assert "*Commitment two* (commitment) — one-sided" in text
    assert "| relation | partly addresses | no link |" in text
    assert "| relation | addresses | does not address |" in text
    assert "Case one" not in text
    # the part order: status, then the items in natural order
    order = [text.index(s) for s in ("**Status,", "*Commitment one*", "*Commitment two*")]
    assert order == sorted(order)
    tinz = cli("report", "recommendations", "--for", "tinz", root=project).stdout
    assert tinz.startswith(
        "# TINZ's assessment of the government's response to the NIS recommendations\n"
    )
    assert "|  | TINZ | Government |" in tinz


def test_csv_one_row_per_recommendation_and_item_neutralised(project, cli):
    result = cli("report", "recommendations", "--format", "csv", root=project)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["row"], r["item_id"], r["mark"]) for r in rows] == [
        ("status", "", "disagree"),
        ("link", "commitment-1", "agree"),
        ("link", "commitment-2", "one-sided"),
        ("link", "initiative-one", "disagree"),
    ]
    status, agree, one_sided, _disagree = rows
    assert status["government_status"] == "Met" and status["tinz_status"] == "Significant progress"
    assert status["tinz_date"] == "2016-06" and status["tinz_history"] == "1"
    assert status["government_history"] == ""  # shown only where nonzero
    assert one_sided["tinz_relation"] == "no link" and one_sided["tinz_words"] == ""
    # a rationale that looks like a formula stays text
    assert agree["tinz_words"] == "'" + FORMULA
    assert not any(
        cell.startswith(("=", "+", "@")) for row in rows for cell in row.values() if cell
    )
    columns = result.stdout.splitlines()[0].split(",")
    assert columns.index("government_relation") < columns.index("tinz_relation")
    tinz = cli("report", "recommendations", "-F", "csv", "--for", "tinz", root=project).stdout
    columns = tinz.splitlines()[0].split(",")
    assert columns.index("tinz_relation") < columns.index("government_relation")


def test_json_holds_the_same_rows(project, cli, report):
    data = json.loads(cli("report", "recommendations", "-F", "json", root=project).stdout)
    assert data["rows"] == [row.as_dict() for row in report.rows()]
    marks = {r["item_id"] or "status": r["mark"] for r in data["rows"]}
    assert marks == {
        "status": "disagree",
        "commitment-1": "agree",
        "commitment-2": "one-sided",
        "initiative-one": "disagree",
    }
    tinz_link = next(r for r in data["rows"] if r["item_id"] == "commitment-1")["sides"][1]
    assert tinz_link["words"] == [FORMULA]  # the data as given: JSON is not a spreadsheet


class _Rows(HTMLParser):
    """The report table's rows: (data-row, data-item, data-mark, [side cells' text])."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.heads: list[str] = []
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-row" in attrs:
            self.rows.append({**attrs, "cells": []})
        elif tag == "td" and self.rows:
            self._cell = []
        elif tag == "th" and attrs.get("data-assessor"):
            self.heads.append(attrs["data-assessor"])

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1]["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data + " ")


def test_html_page_groups_marks_and_is_self_contained(project, cli):
    result = cli("report", "recommendations", "--format", "html", root=project)
    assert result.exit_code == 0, result.output
    page = result.stdout
    parsed = _Rows()
    parsed.feed(page)
    assert [(r["data-row"], r.get("data-item"), r["data-mark"]) for r in parsed.rows] == [
        ("status", None, "disagree"),
        ("link", "commitment-1", "agree"),
        ("link", "commitment-2", "one-sided"),
        ("link", "initiative-one", "disagree"),
    ]
    assert parsed.heads == ["government", "tinz"]
    status, _agree, one_sided, _disagree = parsed.rows
    assert "Met" in status["cells"][0] and "Significant progress" in status["cells"][1]
    assert "June 2016" in status["cells"][1] and "1 earlier row superseded" in status["cells"][1]
    assert one_sided["cells"][1] == "no link"
    assert "Case one" not in page
    assert page.count('<section class="rec') == 1
    assert "<script" not in page and "script-src 'none'" in page
    assert "<title>NIS recommendations: the government&#x27;s and TINZ&#x27;s" in page
    tinz = cli("report", "recommendations", "-F", "html", "--for", "tinz", root=project).stdout
    parsed = _Rows()
    parsed.feed(tinz)
    assert parsed.heads == ["tinz", "government"]
    assert "<h1>TINZ&#x27;s assessment of the government&#x27;s response" in tinz


def test_hostile_text_stays_text_in_every_format(make_project, cli):
    from .test_views import hostile_project

    project = hostile_project(make_project)
    html = cli("report", "recommendations", "-F", "html", root=project).stdout
    for raw in ("<script>window", "<img src=x", "<iframe", "<svg onload", "<style>body"):
        assert raw not in html
    md = cli("report", "recommendations", root=project).stdout
    assert not re.search(r"(?<!\\)<(script|img)", md)  # escaped: shown as text
    rows = list(
        csv.reader(io.StringIO(cli("report", "recommendations", "-F", "csv", root=project).stdout))
    )
    assert not any(re.match(r"[=+@]", cell) for row in rows for cell in row)


# ---------------------------------------------------------------- exports
def test_build_exports_the_html_and_the_csv(make_project, cli, tmp_path):
    project = side_project(make_project, with_shapes=False)
    out = tmp_path / "exports"
    result = cli("build", "--exports", str(out), "-q", root=project)
    assert result.exit_code == 0, result.output
    for name, fmt in (
        ("recommendations-report.html", "html"),
        ("recommendations.csv", "csv"),
        ("recommendations.md", "md"),
    ):
        printed = cli("report", "recommendations", "-F", fmt, root=project).stdout
        assert (out / name).read_text(encoding="utf-8") == printed, name
    assert 'href="recommendations-report.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert 'href="recommendations-report.html"' in (out / "graph.html").read_text(encoding="utf-8")
    again = tmp_path / "again"
    cli("build", "--exports", str(again), "-q", root=project)
    for name in ("recommendations-report.html", "recommendations.csv"):
        assert (again / name).read_bytes() == (out / name).read_bytes()  # deterministic


def test_a_link_to_the_whole_and_one_to_a_part_are_not_one_sided(kg):
    """TINZ links the Organised Crime and Anti-corruption Legislation Bill to Recommendation 1,
    the government links it to that recommendation's UNCAC part: both link it, at different
    levels. Neither row is one-sided, each says where the other side links it, and the gaps list
    no one-sided link for it; a link no side makes at any level is still one-sided."""
    from ogpgraph.analysis.gaps import find_gaps
    from ogpgraph.analysis.sidebyside import side_by_side

    bill = "nz/initiative/organised-crime-and-anti-corruption-legislation-bill"
    report = side_by_side(kg)
    rows = {
        (entry.id, row.item_id): row
        for entry in report.entries
        for row in entry.rows
        if row.item.endswith(bill)
    }
    assert {rec for rec, _item in rows} == {"nis-rec-1", "nis-rec-1-uncac"}
    whole = next(r for (rec, _), r in rows.items() if rec == "nis-rec-1")
    part = next(r for (rec, _), r in rows.items() if rec == "nis-rec-1-uncac")
    assert whole.mark == part.mark == "other-level"
    assert whole.mark_words == "linked at another level"
    government = {s.assessor: s for s in whole.sides}["government"]
    assert not government.said
    assert government.nothing(whole.row) == (
        "no link here; links it to its part “Recommendation 1: Ratify the UN Convention "
        "against Corruption (UNCAC)”"
    )
    tinz = {s.assessor: s for s in part.sides}["tinz"]
    assert tinz.nothing(part.row).startswith(
        "no link here; links it to the whole recommendation “Recommendation 1:"
    )
    one_sided = find_gaps(kg, ["link-one-sided"])
    assert not [g for g in one_sided if any(r.endswith(bill) for r in g.related)]
    assert [g for g in one_sided if "State Sector Integrity System Road Map" in g.message]


def test_the_pages_summary_counts_every_mark(kg):
    """Every row's mark is counted in the page's summary, links at another level too."""
    from ogpgraph.analysis.sidebyside import side_by_side
    from ogpgraph.pages.report import report_page

    marks = [r.mark for r in side_by_side(kg).rows() if r.row == "link"]
    page = report_page(kg)
    summary = page.partition('<ul class="summary">')[2].partition("</ul>")[0]
    assert f"{marks.count('other-level')} linked at another level" in summary
    assert marks.count("other-level") == 2
    numbers = [int(n) for n in re.findall(r"(\d+) [a-z]", summary.split("</li>")[1])]
    assert sum(numbers) == len(marks)
