"""One set of output formats for every command that prints rows: table, csv, tsv, json, markdown.

SPARQL results use the W3C result formats (JSON, CSV, TSV, XML) through Oxigraph's serialisers;
graph results (CONSTRUCT, DESCRIBE) are Turtle, N-Triples or JSON-LD.

Every format is safe for its reader (:mod:`ogpgraph.core.sanitize`): CSV and TSV cells cannot be read
as spreadsheet formulas, Markdown shows the data as text, terminal tables show control and
bidirectional-override characters as ``<U+XXXX>``, JSON writes them as ``\\uXXXX`` escapes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ogpgraph.core.sanitize import csv_cell, escape_controls_json, markdown_text, reveal_controls

ROW_FORMATS = ("table", "csv", "tsv", "json", "markdown")


@dataclass
class Table:
    """Rows to print: column names and rows of plain Python values."""

    columns: list[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    title: str | None = None
    #: columns whose long cells a text table wraps onto more lines rather than cuts (prose a
    #: reader needs whole, such as a query's summary)
    wrap: frozenset[str] = frozenset()

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def capitalised(text: str) -> str:
    """``text`` with its first letter a capital (the rest as it is), for a heading or a
    sentence's start: ``capitalised("the government's")`` is ``"The government's"``.

    >>> capitalised("government"), capitalised("")
    ('Government', '')
    """
    return text[:1].upper() + text[1:]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):  # structured details: JSON, which a reader can parse back
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(value)


def _csv_value(value: Any) -> str:
    """A cell for CSV/TSV: numbers as written, text neutralised (:func:`~.sanitize.csv_cell`)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    return csv_cell(_cell(value))


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def json_text(data: Any, *, indent: int = 2, sort_keys: bool = False) -> str:
    """JSON for a file or a terminal: UTF-8 text, control and bidirectional characters as
    ``\\uXXXX`` escapes (the same data), a final newline."""
    text = json.dumps(
        data, indent=indent, ensure_ascii=False, sort_keys=sort_keys, default=_json_default
    )
    return escape_controls_json(text) + "\n"


def render(table: Table, fmt: str) -> str:
    """Render rows as text in one of :data:`ROW_FORMATS` (``table`` is plain aligned text)."""
    if fmt == "json":
        return json_text(table.as_dicts())
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow([csv_cell(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_value(v) for v in row])
        return buffer.getvalue()
    if fmt == "markdown":
        lines = []
        if table.title:
            lines += [f"### {markdown_text(table.title)}", ""]
        lines.append("| " + " | ".join(markdown_text(c) for c in table.columns) + " |")
        lines.append("|" + "|".join("---" for _ in table.columns) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(markdown_text(_cell(v)) for v in row) + " |")
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return plain_table(table)
    raise ValueError(f"unknown format {fmt!r}")


def render_tables(tables: Mapping[str, Table], fmt: str) -> str:
    """Several tables in one of :data:`ROW_FORMATS`: JSON as one object of name -> rows, the
    others each rendered and separated by a blank line."""
    if fmt == "json":
        return json_text({name: table.as_dicts() for name, table in tables.items()})
    return "\n".join(render(table, fmt) for table in tables.values())


def _line(value: Any) -> str:
    """A cell on one line of a terminal: line breaks and tabs as spaces, controls revealed."""
    return reveal_controls(" ".join(_cell(value).replace("\t", " ").splitlines()))


def plain_table(table: Table, max_width: int = 60) -> str:
    """An aligned text table (no colour): long cells of prose cut with an ellipsis, except in
    the table's :attr:`~Table.wrap` columns, where they continue on the next lines. A cell with
    no space (an IRI, a prefixed name, an identifier) is never cut: it is printed whole, so that
    it can be pasted back into a query."""
    import textwrap

    wrapped = [i for i, c in enumerate(table.columns) if c in table.wrap]
    lines_of: list[list[list[str]]] = []  # row -> cell -> its lines
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            text = _line(value)
            if i in wrapped and len(text) > max_width:
                cells.append(textwrap.wrap(text, max_width, break_on_hyphens=False) or [""])
            else:
                whole = len(text) <= max_width or " " not in text
                cells.append([text if whole else text[: max_width - 1] + "…"])
        lines_of.append(cells)
    widths = [len(c) for c in table.columns]
    for cells in lines_of:
        for i, cell in enumerate(cells):
            widths[i] = max(widths[i], *(len(part) for part in cell))

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(widths[i]) for i, v in enumerate(values)).rstrip()

    out = []
    if table.title:
        out.append(_line(table.title))
    out.append(line([_line(c) for c in table.columns]))
    out.append("  ".join("-" * w for w in widths))
    for cells in lines_of:
        for k in range(max((len(cell) for cell in cells), default=1)):
            out.append(line([cell[k] if k < len(cell) else "" for cell in cells]))
    count = len(table.rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def print_rich_table(table: Table) -> None:
    """Print a table on a terminal with rich (imported only here)."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    # Text objects, never markup strings: "[link=…]" in a label is shown, not obeyed
    title = Text(_line(table.title)) if table.title else None
    rich_table = RichTable(title=title, show_lines=False, header_style="bold")
    for column in table.columns:
        rich_table.add_column(Text(_line(column)), overflow="fold")
    for row in table.rows:
        rich_table.add_row(*[Text(reveal_controls(_cell(v))) for v in row])
    console = Console()
    console.print(rich_table)
    console.print(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})", style="dim")
