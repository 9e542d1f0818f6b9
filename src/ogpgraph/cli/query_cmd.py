"""``ogpgraph query``: SPARQL inline, from a file, from stdin, or a stored query by name."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ogpgraph.cli.options import (
    emit,
    insecure_option,
    load_graph,
    output_options,
    password_for,
    root_option,
    store_option,
)

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph


def _read_query(text: str | None, file: Path | None, name: str | None) -> str:
    given = [x for x in (text, file, name) if x is not None]
    if len(given) > 1:
        raise click.UsageError("give one query: inline, -f FILE, or --name NAME")
    if name is not None:
        from ogpgraph.core.queries import get_stored

        stored = get_stored(name)
        if stored.values:
            from ogpgraph.core.errors import OgpgraphError

            lists = ", ".join("?" + v for v in stored.values)
            raise OgpgraphError(
                f"the internal query {name!r} takes lists of terms ({lists}) that the package "
                "fills in; it cannot run on its own",
                hint=f"Its text is ogpgraph/queries/internal/{name}.rq: copy it, fill the VALUES "
                f"block of {lists} and run it with -f FILE.",
            )
        return stored.text
    if file is not None:
        from ogpgraph.core.files import read_text

        return read_text(file)
    if text is not None and text != "-":
        return text
    if text == "-" or not sys.stdin.isatty():
        data = sys.stdin.read()
        if data.strip():
            return data
    raise click.UsageError("no query: give one inline, with -f FILE, --name NAME, or on stdin")


def _require_params(name: str, params: tuple[str, ...]) -> None:
    """A usage error (exit 2) when the stored query ``name`` lacks a required parameter."""
    from ogpgraph.core.queries import get_stored

    stored = get_stored(name)
    missing = stored.missing(_split_params(params))
    if missing:
        example = " ".join(f"--param {m}=VALUE" for m in missing)
        raise click.UsageError(
            f"{stored.missing_message(missing)}: give {example}; it would otherwise run over "
            "every resource"
        )


def _split_params(params: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` pairs (a leading ? or $ on the name is dropped)."""
    pairs: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: use NAME=VALUE", param_hint="--param")
        pairs[key.lstrip("?$")] = value
    return pairs


def _parse_params(kg: object, params: tuple[str, ...]) -> dict[str, object]:
    from ogpgraph.dataset.resolve import resolve_bindings

    return resolve_bindings(kg, _split_params(params))


def _choose_format(kind: str, fmt: str | None) -> str:
    """The output format for a result kind, or a usage error for one that does not fit."""
    from ogpgraph.core.results import GRAPH_FORMATS, SELECT_FORMATS

    if kind == "graph":
        fmt = fmt or GRAPH_FORMATS[0]
        if fmt not in (*GRAPH_FORMATS, "table"):
            raise click.UsageError(
                f"CONSTRUCT/DESCRIBE give a graph: use --format {_either(GRAPH_FORMATS)} "
                f"(not {fmt})"
            )
        return fmt
    fmt = fmt or "table"
    if fmt not in SELECT_FORMATS:
        raise click.UsageError(
            f"a {kind.upper()} result is a table: use --format {_either(SELECT_FORMATS)}"
        )
    return fmt


def _either(names: tuple[str, ...]) -> str:
    """``a, b or c``."""
    return ", ".join(names[:-1]) + " or " + names[-1]


def _rich_table_wanted(kind: str, fmt: str, output: Path | None) -> bool:
    return fmt == "table" and output is None and sys.stdout.isatty() and kind == "select"


@click.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the query from FILE (.rq).",
)
@click.option(
    "-n",
    "--name",
    help="Run the stored query NAME (see --list), or an internal one (--list --all).",
)
@click.option("--list", "list_", is_flag=True, help="List the stored queries with their summaries.")
@click.option(
    "--all",
    "all_",
    is_flag=True,
    help="With --list: the package's internal queries too (kind 'internal').",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a variable: an IRI, prefix:name, a short identifier (commitment-3) or a literal.",
)
@output_options(
    "query",
    help="Output format [default: table for SELECT/ASK, ttl for CONSTRUCT/DESCRIBE]. "
    "json, csv, tsv and xml are the SPARQL 1.1 result formats.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Send the query to this remote SPARQL endpoint instead of the local dataset.",
)
@click.option(
    "--user",
    metavar="NAME",
    help="With --endpoint: user name; the password comes from OGPGRAPH_PASSWORD or a prompt.",
)
@insecure_option
@root_option
@store_option
def query(
    sparql: str | None,
    file: Path | None,
    name: str | None,
    list_: bool,
    all_: bool,
    params: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    endpoint: str | None,
    user: str | None,
    insecure: bool,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """Run a SPARQL query over the whole dataset (the union of its named graphs).

    Common prefixes (ogp:, skos:, dcterms:, prov:, org:, value:, challenge:, …) are predeclared
    for ad-hoc queries. SERVICE, LOAD, updates and FROM an outside graph are refused: nothing
    reaches the network.

    \b
    Examples:
      ogpgraph query --list
      ogpgraph query --list --all
      ogpgraph query --name commitments
      ogpgraph query --name sources-of-fact --param fact=commitment-3
      ogpgraph query 'SELECT ?c ?label WHERE { ?c a ogp:Commitment ; rdfs:label ?label }'
      ogpgraph query -f my.rq --format csv -o out.csv
      echo 'ASK { ?s a ogp:CaseStudy }' | ogpgraph query
      ogpgraph query --endpoint http://127.0.0.1:7878/sparql --name commitments
      OGPGRAPH_PASSWORD=… ogpgraph query --endpoint https://store.example/sparql --user me -n commitments
    """
    if all_ and not list_:
        raise click.UsageError("--all goes with --list")
    if list_:
        from ogpgraph.core.output import Table, render
        from ogpgraph.core.queries import internal_queries, stored_queries

        queries = list(stored_queries().values())
        if all_:
            queries += internal_queries().values()
        table = Table(
            ["name", "summary", "parameters", *(["kind"] if all_ else [])],
            wrap=frozenset({"summary"}),
        )
        for q in queries:
            marks = ["internal" if q.internal else "stored"] if all_ else []
            names = [p + (" (required)" if p in q.required else "") for p in q.params]
            table.rows.append([q.name, q.summary, ", ".join([*names, *q.values]), *marks])
        emit(render(table, fmt if fmt in ("csv", "tsv", "json", "markdown") else "table"), output)
        return
    if user is not None and endpoint is None:
        raise click.UsageError("--user goes with --endpoint (a remote endpoint)")
    text = _read_query(sparql, file, name)
    if name is not None:
        _require_params(name, params)
    if endpoint is not None:
        from ogpgraph.remote.client import check_transport

        # refused before the password prompt and any connection
        check_transport(endpoint, credentials=user is not None, insecure=insecure)
        _query_endpoint(endpoint, text, params, fmt, output, user, insecure)
        return
    kg = load_graph(root, store_dir, lenient=True)
    from ogpgraph.core.results import result_kind, serialize_result

    result = kg.query(text, bindings=_parse_params(kg, params) or None)
    _warn_of_unknown_vocabulary(kg, text)
    kind = result_kind(result)
    fmt = _choose_format(kind, fmt)
    if _rich_table_wanted(kind, fmt, output):
        from ogpgraph.core.output import print_rich_table
        from ogpgraph.core.results import result_table

        print_rich_table(result_table(result))
        return
    emit(serialize_result(result, fmt), output)


def _warn_of_unknown_vocabulary(kg: KnowledgeGraph, text: str) -> None:
    """A warning for each ``ogp:`` term the query names that the ontology does not declare
    (from the guard's parse of the query, the one the engine ran: no second parse)."""
    from ogpgraph.core.guard import Trusted, check
    from ogpgraph.core.namespaces import PREFIXES
    from ogpgraph.core.values import short_iri
    from ogpgraph.dataset.resolve import unknown_vocabulary

    if isinstance(text, Trusted):
        return
    iris = check(text, allowed_graphs=kg.graph_names(), prefixes=PREFIXES).iris
    for iri, close in unknown_vocabulary(kg, iris):
        guess = f"; did you mean {short_iri(close)}?" if close else ""
        click.echo(f"warning: {short_iri(iri)} is not a term of the ontology{guess}", err=True)


def _query_endpoint(
    endpoint: str,
    text: str,
    params: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    user: str | None = None,
    insecure: bool = False,
) -> None:
    """``--endpoint``: the same query, formats and checks, against a remote SPARQL endpoint."""
    from ogpgraph.remote.client import CappedResultError, run_query, serialize

    result = run_query(
        endpoint,
        text,
        params=_split_params(params),
        user=user,
        password=password_for(user),
        insecure=insecure,
    )
    if result.warning is not None:
        click.echo(f"warning: {result.warning}", err=True)
    fmt = _choose_format(result.kind, fmt)
    if _rich_table_wanted(result.kind, fmt, output):
        from ogpgraph.core.output import print_rich_table
        from ogpgraph.core.results import result_table

        print_rich_table(result_table(result.result))
    else:
        emit(serialize(result, fmt), output)
    if result.capped_at is not None:
        raise CappedResultError(
            f"the endpoint cut this result at {result.capped_at:,} rows (its X-SPARQL-MaxRows "
            "limit, e.g. Virtuoso's ResultSetMaxRows): it is incomplete",
            hint="Add LIMIT/OFFSET to page through it, or raise the server's limit.",
        )
