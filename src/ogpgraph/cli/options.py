"""Option bundles shared by every command, so each takes the same flags the same way."""

from __future__ import annotations

import sys
from collections.abc import Callable
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


def format_option(choices: tuple[str, ...], default: str = "table") -> Callable[[F], F]:
    """``--format`` with the given choices (``-t/--table``-style shortcuts are not needed)."""
    return click.option(
        "--format",
        "-F",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def member_option(func: F) -> F:
    """``--member CC``: only one OGP member, by country code."""
    return click.option(
        "--member",
        metavar="CC",
        help="Only one OGP member, by country code (e.g. nz); default: all members.",
    )(func)


def output_option(func: F) -> F:
    """``-o FILE``: write to FILE (atomically) instead of standard output."""
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
    """Print to stdout, or write atomically to ``output``."""
    if output is not None:
        from ogpgraph.core.files import write_atomic

        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
        return
    if isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    else:
        click.echo(text, nl=False)


def load_graph(root: Path | None, store_dir: Path | None = None, quiet: bool = False) -> Any:
    """Load the dataset, with a progress line on a terminal."""
    from ogpgraph.dataset.store import KnowledgeGraph

    if quiet or not sys.stderr.isatty():
        return KnowledgeGraph.load(root, store_dir=store_dir)
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("loading the graph…") as status:

        def progress(sf: Any) -> None:
            status.update(f"loading {sf.path.name}…")

        return KnowledgeGraph.load(root, store_dir=store_dir, progress=progress)
