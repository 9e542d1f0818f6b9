"""The stored queries as pages: ``/queries`` (the list) and ``/queries/NAME`` (a form for its
parameters, its result as a table, and download links ``NAME.csv?…``, ``.json``, ``.tsv``,
``.xml``), in the manner of datasette's canned queries.

The pages hold no script. Parameter values are never written into the query text: the app
turns each into a term (:func:`ogpgraph.dataset.resolve.term_for`) that the engine substitutes
after the guard has parsed the stored text (:class:`~ogpgraph.server.workers.Job` ``bindings``).

>>> from ogpgraph.core.queries import parse_stored
>>> q = parse_stored("q", "#+ summary: S\\n#+ param: fact  a resource (required)\\nSELECT ?fact {}")
>>> 'name="fact" value="" required' in render_query(q, {}, status="")
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ogpgraph.pages.html import esc
from ogpgraph.pages.resource import resource_path

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.queries import StoredQuery

#: download suffix -> the result format it gives
DOWNLOADS: dict[str, str] = {"csv": "csv", "tsv": "tsv", "json": "json", "xml": "xml"}
#: rows a page shows at most (the downloads hold them all)
MAX_ROWS = 1000

_STYLE = (
    "body{font:15px/1.4 system-ui,Arial,sans-serif;margin:0 1rem;color:#1d1d1d;max-width:80rem}"
    "table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #d0d0d0;"
    "padding:.2rem .4rem;text-align:left;vertical-align:top;overflow-wrap:break-word}"
    # a header on one line and a cell never narrower than its longest word (overflow-wrap:
    # anywhere let the table squeeze columns to a letter a line); wide results scroll sideways
    "th{background:#f6f6f3;white-space:nowrap}td{max-width:36rem}"
    "th.prose{min-width:16rem}th.text{min-width:10rem}.rows{overflow-x:auto}.error{background:#fde8e8;border:1px solid #c33;padding:.4rem}"
    "label{display:block;margin:.4rem 0 .1rem;font-weight:600}input{font:inherit;width:30rem;"
    "max-width:100%}pre{background:#f6f6f3;padding:.5rem;overflow:auto}a{color:#0b5cad}"
)


def _page(title: str, body: str, up: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} – ogpgraph</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<nav><a href="{up}">Query page</a> · <a href="{up}queries">Stored queries</a></nav>\n'
        f"{body}\n</body>\n</html>\n"
    )


def render_list(queries: Iterable[StoredQuery]) -> str:
    """The ``/queries`` page: every stored query with its summary and parameters."""
    rows = "".join(
        f'<tr><td><a href="queries/{esc(q.name)}">{esc(q.name)}</a></td><td>{esc(q.summary)}</td>'
        f"<td>{esc(', '.join(n + (' (required)' if n in q.required else '') for n in q.params))}"
        "</td></tr>"
        for q in queries
    )
    body = (
        "<h1>Stored queries</h1><p>Each runs over the whole dataset; fill in its parameters on "
        "its page, or download its result as CSV, TSV, JSON or XML.</p>"
        f"<table><thead><tr><th>Name</th><th>Summary</th><th>Parameters</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    return _page("Stored queries", body, "./")


def download_links(q: StoredQuery, values: Mapping[str, str]) -> str:
    """Links to the result in every download format, with the same parameters."""
    query = ("?" + urlencode(sorted(values.items()))) if values else ""
    return " · ".join(
        f'<a href="{esc(q.name)}.{ext}{esc(query)}">{ext.upper()}</a>' for ext in DOWNLOADS
    )


def _cell(cell: Mapping[str, Any] | None) -> str:
    if not cell:
        return ""
    value = str(cell.get("value", ""))
    if cell.get("type") == "uri":
        path = resource_path(value)
        if path is not None:
            return f'<a href="../{esc(path)}" title="{esc(value)}">{esc(value)}</a>'
        return f"<code>{esc(value)}</code>"
    return esc(value)


def _width(longest: int) -> str:
    """The class of a column whose longest value has ``longest`` characters: ``prose`` (at
    least 16rem wide), ``text`` (10rem) or none (as wide as its longest word)."""
    return "prose" if longest > 160 else "text" if longest > 50 else ""


def results_table(body: bytes) -> str:
    """A SPARQL JSON result (SELECT or ASK) as an HTML table (at most :data:`MAX_ROWS` rows)."""
    data = json.loads(body)
    if "boolean" in data:
        return f"<p>Answer: <strong>{'yes' if data['boolean'] else 'no'}</strong></p>"
    names = data["head"]["vars"]
    rows = data["results"]["bindings"]
    # a column of prose (some value longer than a line of a narrow column) gets room to read
    longest = {
        n: max((len(row[n]["value"]) for row in rows[:MAX_ROWS] if n in row), default=0)
        for n in names
    }
    head = "".join(
        f'<th class="{_width(longest[n])}">{esc(n)}</th>'
        if _width(longest[n])
        else f"<th>{esc(n)}</th>"
        for n in names
    )
    cells = "".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(n))}</td>" for n in names) + "</tr>"
        for row in rows[:MAX_ROWS]
    )
    more = (
        f"<p>The first {MAX_ROWS:,} of {len(rows):,} rows; the downloads hold them all.</p>"
        if len(rows) > MAX_ROWS
        else f"<p>{len(rows):,} row{'s' if len(rows) != 1 else ''}.</p>"
    )
    return (
        f'{more}<div class="rows"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{cells}</tbody></table></div>"
    )


def render_query(
    q: StoredQuery,
    values: Mapping[str, str],
    *,
    status: str,
    error: str = "",
    table: str = "",
) -> str:
    """The ``/queries/NAME`` page: the form, a message, the result table and the downloads."""
    fields = "".join(
        f'<label for="p-{esc(name)}">{esc(name)}</label>'
        f'<input id="p-{esc(name)}" name="{esc(name)}" value="{esc(values.get(name, ""))}"'
        + (" required" if name in q.required else "")
        + f' placeholder="commitment-3, prefix:name, &lt;IRI&gt; or text">'
        f"<div>{esc(description)}</div>"
        for name, description in q.params.items()
    )
    form = (
        f'<form method="get" action="{esc(q.name)}">{fields}<p><button type="submit">Run</button>'
        "</p></form>"
        if q.params
        else ""
    )
    body = (
        f"<h1>{esc(q.name)}</h1><p>{esc(q.summary)}</p>"
        + (f"<p>{esc(q.description)}</p>" if q.description else "")
        + form
        + (f'<p class="error" role="alert">{esc(error)}</p>' if error else "")
        + (f"<p>{esc(status)}</p>" if status else "")
        + (f"<p>Download: {download_links(q, values)}</p>" if table else "")
        + table
        + f"<details><summary>The query</summary><pre>{esc(q.body)}</pre></details>"
    )
    return _page(q.name, body, "../")
