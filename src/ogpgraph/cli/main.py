"""The ``ogpgraph`` command: a click group whose subcommands are imported only when used.

Each subsystem owns its command in its own module; this file only groups them. Errors the user
can fix (:class:`ogpgraph.core.errors.OgpgraphError`) print as ``error: …`` with a non-zero exit code
and no traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from ogpgraph.core.errors import OgpgraphError

#: command name -> "module:attribute" (modules are imported on first use)
COMMANDS: dict[str, str] = {
    "build": "ogpgraph.cli.build_cmd:build",
    "validate": "ogpgraph.cli.validate_cmd:validate",
    "query": "ogpgraph.cli.query_cmd:query",
    "stats": "ogpgraph.cli.stats_cmd:stats",
    "coverage": "ogpgraph.cli.analysis_cmd:coverage",
    "gaps": "ogpgraph.cli.analysis_cmd:gaps",
    "agencies": "ogpgraph.cli.analysis_cmd:agencies",
    "report": "ogpgraph.cli.analysis_cmd:report",
    "links": "ogpgraph.cli.links_cmd:links",
    "export": "ogpgraph.cli.export_cmd:export",
    "serve": "ogpgraph.cli.serve_cmd:serve",
    "publish": "ogpgraph.cli.serve_cmd:publish",
    "import": "ogpgraph.cli.import_cmd:import_",
    "diff": "ogpgraph.cli.diff_cmd:diff",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help without importing every command module: read it from a static table.
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OgpgraphError as error:
            from ogpgraph.core.sanitize import redact_urls, reveal_controls

            # a last line of defence: no password in a URL, no terminal control from the data
            click.secho(f"error: {reveal_controls(redact_urls(error.message))}", fg="red", err=True)
            if error.hint:
                click.echo(reveal_controls(redact_urls(error.hint)), err=True)
            ctx.exit(error.exit_code)


SHORT_HELP: dict[str, str] = {
    "build": "Load, validate and write every export to exports/.",
    "validate": "Check the graph against the SHACL shapes and integrity rules.",
    "query": "Run SPARQL: inline, from a file, stdin, or a stored query.",
    "stats": "Triples per named graph, resources per class, the sources.",
    "coverage": "Commitment x principle/challenge matrix: claimed, evidenced, difference.",
    "gaps": "Every gap: claims without evidence, unmet recommendations, conflicts.",
    "agencies": "Organisations by what they lead and contribute to, and betweenness.",
    "report": "Markdown reports (e.g. one section per NIS recommendation).",
    "links": "Check TINZ's and government's recommendation link tables.",
    "export": "Draw any part of the graph as a self-contained HTML page.",
    "serve": "Serve the dataset as a read-only SPARQL 1.1 endpoint on 127.0.0.1.",
    "publish": "Upload the dataset to a SPARQL Graph Store (Fuseki, Oxigraph, …).",
    "import": "Import external data (the OGP commitments sheet).",
    "diff": "What changed between two versions of the dataset.",
}


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ogpgraph", prog_name="ogpgraph")
def cli() -> None:
    """ogpgraph: a knowledge graph of New Zealand's Open Government Partnership
    commitments and national integrity system.

    \b
    Examples:
      ogpgraph build                      # validate and write exports/
      ogpgraph query --list               # the stored queries
      ogpgraph query --name commitments   # run one
      ogpgraph query 'SELECT * WHERE { ?s a ogp:Commitment }'
      ogpgraph validate --format json
    """


#: the cyclic collector's thresholds for a command's process (see :func:`main`); a notebook that
#: builds large views may set the same with ``gc.set_threshold(*GC_THRESHOLDS)``
GC_THRESHOLDS = (100_000, 50, 50)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    import gc

    # A command allocates hundreds of thousands of long-lived, acyclic objects (the view, its
    # index, the findings); with the default thresholds the cyclic collector walks them again
    # and again. Rarer passes still collect the few cycles there are. This is the only place the
    # collector is tuned (the library leaves it alone): `ogpgraph gaps` at a million triples,
    # 5.7 s against 7.1 s with the default thresholds (benchmarks/analysis.py, medians of 3).
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        cli.main(args=argv, prog_name="ogpgraph")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
