"""``ogpgraph validate``: SHACL shapes plus integrity checks; exit 1 when the graph has errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ogpgraph.cli.options import emit, load_graph, output_options, root_option, store_option

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.core.findings import Finding


@click.command()
@output_options(
    "report",
    extra=("text", "json", "ttl"),
    help="text: readable report; json: one object per finding; ttl: the SHACL validation "
    "report as RDF (integrity findings included).",
)
@click.option(
    "--shapes",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="SHACL shapes file [default: ontology/shapes.ttl].",
)
@click.option(
    "--warnings/--no-warnings",
    default=True,
    show_default=True,
    help="Show warnings as well as errors.",
)
@root_option
@store_option
def validate(
    fmt: str,
    shapes: Path | None,
    warnings: bool,
    output: Path | None,
    root: Path | None,
    store_dir: Path | None,
) -> None:
    """Validate the graph: SHACL shapes (pySHACL) and integrity checks — dangling IRIs, unknown
    ontology terms, resources without a label or without a source, duplicate identifiers.

    Exits 0 when the graph conforms (warnings allowed), 1 when it has errors.

    \b
    Examples:
      ogpgraph validate
      ogpgraph validate --format json -o report.json
      ogpgraph validate --format ttl > shacl-report.ttl
    """
    from ogpgraph.analysis.validate import VALIDATE_FIELDS
    from ogpgraph.analysis.validate import validate as run_validation
    from ogpgraph.core.findings import Severity

    kg = load_graph(root, store_dir)
    report = run_validation(kg, shapes)
    findings = [f for f in report.findings if warnings or f.severity is Severity.ERROR]
    if fmt == "ttl":
        data = report.results_graph.serialize(format="turtle")  # type: ignore[union-attr]
        emit(data, output)
    elif fmt == "json":
        from ogpgraph.core.output import json_text

        emit(
            json_text(
                {
                    "conforms": report.conforms,
                    "errors": len(report.errors),
                    "findings": [f.as_dict(VALIDATE_FIELDS) for f in findings],
                }
            ),
            output,
        )
    else:
        emit(format_text(findings, report.conforms), output)
    raise SystemExit(0 if report.conforms else 1)


def format_text(findings: list[Finding], conforms: bool) -> str:
    """A readable report: one block per finding."""
    from ogpgraph.core.sanitize import reveal_controls
    from ogpgraph.core.values import short_iri

    lines: list[str] = []
    for f in findings:
        lines.append(f"{f.severity.value.upper()}: {short_iri(f.subject)}")
        lines.append(f"  shape:   {short_iri(f.kind)}")
        if f.path:
            lines.append(f"  path:    {short_iri(f.path)}")
        if f.value:
            lines.append(f"  value:   {f.value}")
        lines.append(f"  message: {f.message}")
        if f.location.files:
            lines.append("  file:    " + ", ".join(f.location.files))
        lines.append("")
    errors = sum(1 for f in findings if f.severity.value == "error")
    others = len(findings) - errors
    verdict = "conforms" if conforms else "does NOT conform"
    lines.append(f"The graph {verdict}: {errors} error(s), {others} warning(s)/info.")
    return reveal_controls("\n".join(lines)) + "\n"
