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
@click.option(
    "--coverage",
    is_flag=True,
    help="Instead: account for every line of each graph/*/source-report.txt — quoted or "
    "described in the graph, or listed in skipped-lines.tsv with a reason; exit 1 when a line "
    "is unexplained.",
)
@root_option
@store_option
def validate(
    fmt: str,
    shapes: Path | None,
    warnings: bool,
    coverage: bool,
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
      ogpgraph validate --coverage
    """
    if coverage:
        _coverage(fmt, warnings, output, root, store_dir)
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


def _coverage(
    fmt: str, warnings: bool, output: Path | None, root: Path | None, store_dir: Path | None
) -> None:
    """``validate --coverage``: the line accounting of the source texts."""
    from ogpgraph.analysis.accounting import account_for_sources
    from ogpgraph.core.findings import Severity

    if fmt == "ttl":
        raise click.UsageError("--coverage writes text or json, not ttl")
    kg = load_graph(root, store_dir)
    accounts = account_for_sources(kg)
    base = kg.project.root
    findings = [
        f for a in accounts for f in a.findings(base) if warnings or f.severity is Severity.ERROR
    ]
    if fmt == "json":
        from ogpgraph.core.output import json_text

        emit(
            json_text(
                {
                    "sources": [
                        {
                            "file": str(a.path.relative_to(base)),
                            "lines": a.lines,
                            "markup": a.markup,
                            "quoted": a.quoted,
                            "mixed": a.mixed,
                            "skipped": dict(sorted(a.skipped.items())),
                            "skipped_pieces": dict(sorted(a.skipped_pieces.items())),
                            "unexplained": [
                                {"line": n, "pieces": missing} for n, missing in a.unexplained
                            ],
                        }
                        for a in accounts
                    ],
                    "findings": [f.as_dict(VALIDATE_FIELDS_COVERAGE) for f in findings],
                }
            ),
            output,
        )
    else:
        from ogpgraph.core.sanitize import reveal_controls

        lines = [str(f) for f in findings] + [a.summary() for a in accounts]
        if not accounts:
            lines.append("no source text (graph/*/source-report.txt) to account for")
        emit(reveal_controls("\n".join(lines)) + "\n", output)
    raise SystemExit(1 if any(a.unexplained for a in accounts) else 0)


#: the JSON keys of a line-accounting finding
VALIDATE_FIELDS_COVERAGE = ("severity", "kind", "message", "file", "line")


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
