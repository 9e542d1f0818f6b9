"""Option bundles shared by every command, so each takes the same flags the same way."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def root_option(func: F) -> F:
    """``--root DIR``: the project holding ontology/ and graph/ (default: found from here)."""
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="OGPGRAPH_ROOT",
        help="Project folder holding ontology/ and graph/ [default: found from the current "
        "folder; env OGPGRAPH_ROOT].",
    )(func)


def store_option(func: F) -> F:
    """``--store DIR``: a persistent on-disk store reused while graph/ is unchanged."""
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="OGPGRAPH_STORE",
        help="Keep a persistent Oxigraph store in DIR (a new or empty folder, or a store "
        "ogpgraph made): later commands skip the load while ontology/ and graph/ are unchanged "
        "[env OGPGRAPH_STORE].",
    )(func)


def format_choices(kind: str, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The ``--format`` choices of a ``kind`` of command, from the one set of row formats
    (:data:`ogpgraph.core.output.ROW_FORMATS`) and the format registry.

    * ``rows``: table, csv, tsv, json, markdown;
    * ``query``: those, the SPARQL result formats and the graph-result syntaxes
      (:data:`ogpgraph.core.results.QUERY_FORMATS`);
    * ``report``: only ``extra`` (a command's own report formats, e.g. text, json, html).

    ``extra`` adds a command's own formats after them.
    """
    from ogpgraph.core.output import ROW_FORMATS

    if kind == "rows":
        base: tuple[str, ...] = ROW_FORMATS
    elif kind == "query":
        from ogpgraph.core.results import QUERY_FORMATS

        base = QUERY_FORMATS
    elif kind == "report":
        base = ()
    else:
        raise ValueError(f"unknown kind of output {kind!r}")
    return tuple(dict.fromkeys([*base, *extra]))


def output_options(
    kind: str = "rows",
    *,
    extra: Sequence[str] = (),
    default: str | None = None,
    help: str = "Output format.",
    output: bool = True,
) -> Callable[[F], F]:
    """``-F/--format`` (choices from :func:`format_choices`) and ``-o/--output FILE``, the same
    on every command that prints: the command gets ``fmt`` and ``output`` and prints with
    :func:`emit`.

    ``default`` is the first choice unless given (``None`` for ``query``, whose default depends on
    the result); ``output=False`` leaves out ``-o`` (a command that writes files of its own).
    """
    choices = format_choices(kind, extra)
    chosen = default if default is not None or kind == "query" else choices[0]

    def decorate(func: F) -> F:
        if output:  # declared first, so that --help lists it after --format
            func = output_option(func)
        return click.option(
            "--format",
            "-F",
            "fmt",
            type=click.Choice(choices),
            default=chosen,
            show_default=chosen is not None,
            help=help,
        )(func)

    return decorate


def member_option(func: F) -> F:
    """``--member CC``: only one OGP member, by country code."""
    return click.option(
        "--member",
        metavar="CC",
        help="Only one OGP member, by country code (e.g. nz); default: all members.",
    )(func)


class PlanParam(click.ParamType):
    """A plan number or ``all``; whether the data has such a plan is checked once the graph is
    loaded (:func:`ogpgraph.analysis.plans.check_plan` names the plans it has)."""

    name = "plan"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int) or value is None:
            return value
        text = str(value).strip().lower()
        if text == "all":
            return "all"
        if text.isdigit() and int(text) > 0:
            return int(text)
        self.fail(f"{value!r} is not a plan number or 'all'", param, ctx)


def plan_option(func: F) -> F:
    """``--plan N|all``: one action plan, by number, or every plan (the numbers come from the
    data); without it, the first plan as the 2016 report describes it (what the exports show)."""
    return click.option(
        "--plan",
        type=PlanParam(),
        metavar="N|all",
        help="One action plan by its number (as the data numbers them: 1 is the 2014-16 plan), "
        "or all of them, with the later sources (the later plans, the IRM's verdicts) "
        "[default: the first plan, as the 2016 report describes it].",
    )(func)


def output_option(func: F) -> F:
    """``-o FILE``: write to FILE (atomically; see :func:`emit`) instead of standard output."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write to FILE (atomically; its folder must exist) instead of standard output.",
    )(func)


def insecure_option(func: F) -> F:
    """``--insecure``: allow credentials over plain http:// to another machine."""
    return click.option(
        "--insecure",
        is_flag=True,
        help="Allow sending credentials over plain http:// to a host other than this machine "
        "(refused by default: anyone on the network path could read them).",
    )(func)


def password_for(user: str | None) -> str | None:
    """The password for ``user``: from OGPGRAPH_PASSWORD, else a prompt (never an option)."""
    import os

    from ogpgraph.core.errors import OgpgraphError

    if user is None:
        return None
    password = os.environ.get("OGPGRAPH_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise OgpgraphError(
            f"no password for {user!r}",
            hint="Set OGPGRAPH_PASSWORD (the password is never a command-line option).",
        )
    return click.prompt(f"password for {user}", hide_input=True, err=True)


def emit(text: str | bytes, output: Path | None) -> None:
    """Print to stdout, or write ``output`` atomically (a temporary file beside it, renamed
    over it: never half-written; its folder must exist).

    Refused, with a clear error and nothing written: a folder, and anything that is not a plain
    file — a symbolic link (the rename would replace the link, not what it points to), a device
    or a pipe (``-o /dev/stdout``: leave out ``-o`` to print).
    """
    if output is not None:
        from ogpgraph.core.files import write_atomic

        check_output_path(output)
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
        return
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    else:
        click.echo(text, nl=False)


def print_tables(tables: Any, fmt: str, output: Path | None) -> None:
    """Print one :class:`~ogpgraph.core.output.Table` or a mapping of name -> Table in ``fmt``:
    a rich table on a terminal for ``table`` without ``-o``, else :func:`emit` of the rendered
    text (:func:`ogpgraph.core.output.render`, :func:`~ogpgraph.core.output.render_tables`)."""
    from ogpgraph.core.output import Table, print_rich_table, render, render_tables

    single = isinstance(tables, Table)
    if fmt == "table" and output is None and sys.stdout.isatty():
        for table in [tables] if single else tables.values():
            print_rich_table(table)
        return
    emit(render(tables, fmt) if single else render_tables(tables, fmt), output)


def check_output_path(output: Path) -> None:
    """Refuse an ``-o`` path that an atomic write must not replace (see :func:`emit`).

    Raises:
        WriteError: a symbolic link, device, pipe or socket at ``output``.
    """
    import stat

    from ogpgraph.core.errors import WriteError

    try:
        mode = output.lstat().st_mode
    except OSError:
        return  # missing (or unreadable): the write says why it fails, if it does
    if stat.S_ISLNK(mode):
        raise WriteError(
            f"refusing to write {output}: it is a symbolic link (writing would replace the "
            "link itself)",
            path=output,
            hint="Give the path of the file it points to.",
        )
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise WriteError(
            f"refusing to write {output}: it is not a plain file (a device, pipe or socket)",
            path=output,
            hint="Leave out -o to print to standard output, and redirect that.",
        )


def load_graph(
    root: Path | None,
    store_dir: Path | None = None,
    quiet: bool = False,
    *,
    lenient: bool = False,
) -> Any:
    """Load the dataset, with a progress line on a terminal.

    ``lenient`` (the read-only commands): a broken table is left out with a warning on
    standard error (:func:`warn_skipped_tables`) instead of stopping the command; ``build``,
    ``validate`` and ``publish`` load strictly (a broken table is an error).
    """
    from ogpgraph.dataset.store import BrokenTables, KnowledgeGraph

    broken: BrokenTables = "skip" if lenient else "fail"
    if quiet or not sys.stderr.isatty():
        kg = KnowledgeGraph.load(root, store_dir=store_dir, broken_tables=broken)
    else:
        from rich.console import Console

        console = Console(stderr=True)
        with console.status("loading the graph…") as status:

            def progress(sf: Any) -> None:
                status.update(f"loading {sf.path.name}…")

            kg = KnowledgeGraph.load(
                root, store_dir=store_dir, progress=progress, broken_tables=broken
            )
    warn_skipped_tables(kg.skipped_tables)
    return kg


def skipped_table_warning(table: Any) -> str:
    """The warning for one table a lenient load left out
    (:class:`~ogpgraph.dataset.store.SkippedTable`): its file, its first problem (row, column,
    message), how many more, and the command that lists them all."""
    from ogpgraph.core.files import shown
    from ogpgraph.core.sanitize import reveal_controls

    path = shown(table.path)
    check = f"; run `{table.check} {path}` for every problem" if table.check else ""
    return reveal_controls(
        f"warning: {path} was not loaded (the rest of the graph was): {table}{check}"
    )


def warn_skipped_tables(tables: Sequence[Any]) -> None:
    """One warning line on standard error per table a lenient load left out."""
    for table in tables:
        click.secho(skipped_table_warning(table), fg="yellow", err=True)
