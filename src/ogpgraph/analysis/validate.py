"""Validate the dataset: SHACL shapes (pySHACL) plus integrity checks the shapes cannot express.

The result is data — a :class:`ValidationReport` of :class:`~ogpgraph.core.findings.Finding`
objects (``kind`` is the shape, ``subject`` the focus node) and the SHACL results graph — so the
caller chooses text or RDF. Integrity findings are added to the results graph as
``sh:ValidationResult`` too, with a ``sh:sourceShape`` of ``sh-ogp:Integrity…``.

Integrity checks are registered rules (:data:`CHECKS`, :mod:`ogpgraph.analysis.rules`): a check
that is one SELECT is declared with :meth:`~ogpgraph.analysis.rules.Registry.sparql` (query,
subject variable, message); any other with the ``@CHECKS.rule`` decorator.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogpgraph.analysis.rules import Registry
from ogpgraph.core import namespaces as ns
from ogpgraph.core.findings import Finding, Location, Severity
from ogpgraph.core.queries import internal_query

__all__ = [
    "CHECKS",
    "VALIDATE_FIELDS",
    "Finding",
    "Severity",
    "ValidationReport",
    "integrity_findings",
    "shacl_findings",
    "validate",
]

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from ogpgraph.dataset.store import KnowledgeGraph


#: a validation finding's JSON keys (``ogpgraph validate --format json``)
VALIDATE_FIELDS = ("severity", "focus", "shape", "path", "value", "message", "files")

#: every integrity check, in the order they run (each names its ``sh-ogp:Integrity…`` shape)
CHECKS = Registry("integrity")


@dataclass
class ValidationReport:
    """All findings, and the SHACL results graph (rdflib) for ``--format ttl``."""

    findings: list[Finding] = field(default_factory=list)
    results_graph: rdflib.Graph | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def conforms(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------- integrity checks
CHECKS.sparql(
    ns.SHAPES + "IntegrityDanglingIRI",
    title="Dangling IRIs",
    description="an object in the project's namespace that nothing in the dataset describes.",
    query="validate-dangling",
    bindings={"base": ns.BASE},
    message=lambda row: f"refers to <{row['o']}>, which nothing in the dataset describes",
    path=lambda row: row["p"],
    value="o",
)
CHECKS.sparql(
    ns.SHAPES + "IntegrityUnknownTerm",
    title="Unknown ontology terms",
    description="an ogp: property or class the ontology does not define (a typo).",
    query="validate-unknown-terms",
    message=lambda row: (
        f"uses the {row['use']} <{row['term']}>, which the ontology does not define"
    ),
    value="term",
)
CHECKS.sparql(
    ns.SHAPES + "IntegrityLabel",
    title="Resources without a label",
    description="a resource with no rdfs:label, skos:prefLabel, foaf:name or dcterms:title.",
    query="validate-no-label",
    bindings={"base": ns.BASE},
    message=lambda row: "has no label (rdfs:label, skos:prefLabel, foaf:name or dcterms:title)",
)
CHECKS.sparql(
    ns.SHAPES + "IntegrityProvenance",
    title="Resources without a source",
    description="a typed resource without dcterms:source (every fact must say where it comes "
    "from).",
    query="validate-no-source",
    message=lambda row: "has no dcterms:source: every fact must say where it comes from",
    path=lambda row: ns.DCTERMS + "source",
)


@CHECKS.rule(
    ns.SHAPES + "IntegrityIdentifier",
    title="Duplicate identifiers",
    description="a short identifier (dcterms:identifier) used by more than one resource.",
    severity=Severity.ERROR,
)
def _duplicate_identifiers(kg: KnowledgeGraph) -> list[Finding]:
    findings = []
    for row in kg.select(internal_query("validate-duplicate-ids"), base=ns.BASE):
        subjects = row["subjects"].split()
        for subject in subjects:
            findings.append(
                Finding(
                    Severity.ERROR,
                    ns.SHAPES + "IntegrityIdentifier",
                    subject,
                    f"short identifier {row['id']!r} is also used by "
                    + ", ".join(f"<{s}>" for s in subjects if s != subject),
                    path=ns.DCTERMS + "identifier",
                    value=str(row["id"]),
                    value_is_literal=True,
                )
            )
    return findings


def integrity_findings(kg: KnowledgeGraph) -> list[Finding]:
    """Checks on the whole dataset that SHACL shapes cannot express well: every registered
    integrity check (:data:`CHECKS`) in turn.

    - dangling IRIs: an object in the project's namespace that nothing describes;
    - unknown ontology terms: an ``ogp:`` property or class the ontology does not define (a typo);
    - resources without a label, and typed resources without ``dcterms:source`` (provenance);
    - short identifiers used by more than one resource.
    """
    return [finding for check in CHECKS for finding in check.find(kg)]


# --------------------------------------------------------------------------- SHACL
def shacl_findings(kg: KnowledgeGraph, shapes_path: Path) -> tuple[list[Finding], rdflib.Graph]:
    """Run pySHACL with the shapes file over the union of all graphs (ontology included)."""
    import rdflib
    from pyshacl import validate as shacl_validate

    data = kg.to_rdflib(union=True)
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    _conforms, results, _text = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        advanced=True,
    )
    SH = rdflib.Namespace(ns.SH)
    severities = {
        SH.Violation: Severity.ERROR,
        SH.Warning: Severity.WARNING,
        SH.Info: Severity.INFO,
    }
    findings = []
    # Only the top-level results: advanced pySHACL nests sh:detail results under them.
    top = [
        r
        for report in results.subjects(rdflib.RDF.type, SH.ValidationReport)
        for r in results.objects(report, SH.result)
    ]
    for result in top:
        focus = results.value(result, SH.focusNode)
        # A failing sh:node/sh:or says little; its sh:detail results name the property and value.
        details = list(results.objects(result, SH.detail)) or [result]
        for detail in details:

            def one(pred: Any, node: Any = detail, top: Any = result) -> str | None:
                value = results.value(node, pred) or results.value(top, pred)
                return None if value is None else str(value)

            shape = results.value(result, SH.sourceShape)
            shape_name = (
                str(shape) if isinstance(shape, rdflib.URIRef) else _shape_name(shapes, shape)
            )
            value = results.value(detail, SH.value) or results.value(result, SH.value)
            findings.append(
                Finding(
                    severities.get(results.value(result, SH.resultSeverity), Severity.ERROR),
                    shape_name,
                    str(focus) if focus is not None else "",
                    one(SH.resultMessage) or "does not conform",
                    path=one(SH.resultPath),
                    value=None if value is None else str(value),
                    value_is_literal=isinstance(value, rdflib.Literal),
                )
            )
    return findings, results


def _shape_name(shapes: rdflib.Graph, node: Any) -> str:
    """A property shape is usually a blank node: name it by its parent node shape and path."""
    import rdflib

    SH = rdflib.Namespace(ns.SH)
    parent = shapes.value(None, SH.property, node)
    path = shapes.value(node, SH.path)
    if isinstance(parent, rdflib.URIRef):
        return f"{parent}" + (f" ({path})" if path is not None else "")
    return str(node)


def validate(kg: KnowledgeGraph, shapes_path: str | Path | None = None) -> ValidationReport:
    """SHACL validation plus integrity checks, with the source file of each focus node.

    Args:
        kg: the loaded dataset.
        shapes_path: the SHACL shapes (default: ``ontology/shapes.ttl`` of the project).
    """
    import rdflib

    from ogpgraph.core.blanks import check_graph

    # the exports' blank-node canonicalisation must finish: what build would refuse, validate
    # refuses too (file and line)
    check_graph(kg)
    if shapes_path is None:
        if kg.project is None:
            raise ValueError("no shapes file given and the graph has no project")
        shapes_path = kg.project.ontology_dir / "shapes.ttl"
    shapes_path = Path(shapes_path)
    findings: list[Finding] = []
    results_graph = rdflib.Graph()
    if shapes_path.is_file():
        shacl, results_graph = shacl_findings(kg, shapes_path)
        findings.extend(shacl)
    findings.extend(integrity_findings(kg))
    _add_to_results_graph(results_graph, findings)
    cache: dict[str, Location] = {}
    located = []
    for finding in findings:
        if finding.subject not in cache:
            files = tuple(str(p) for p in kg.files_defining(finding.subject))
            cache[finding.subject] = Location(file=files[0] if files else None, files=files)
        located.append(replace(finding, location=cache[finding.subject]))
    located.sort(
        key=lambda f: (f.severity != Severity.ERROR, f.subject, f.kind, f.path or "", f.message)
    )
    return ValidationReport(located, results_graph)


def _add_to_results_graph(results: rdflib.Graph, findings: list[Finding]) -> None:
    """Add the integrity findings to the SHACL report graph, and fix sh:conforms."""
    import hashlib

    import rdflib

    SH = rdflib.Namespace(ns.SH)
    report = next(iter(results.subjects(rdflib.RDF.type, SH.ValidationReport)), None)
    if report is None:
        report = rdflib.URIRef(ns.BASE + "validation-report")
        results.add((report, rdflib.RDF.type, SH.ValidationReport))
    for finding in findings:
        if finding.kind not in CHECKS:
            continue
        key = hashlib.sha1(
            f"{finding.subject}|{finding.kind}|{finding.value}|{finding.path}".encode()
        ).hexdigest()[:16]
        node = rdflib.URIRef(ns.BASE + "validation-result/" + key)
        results.add((report, SH.result, node))
        results.add((node, rdflib.RDF.type, SH.ValidationResult))
        results.add((node, SH.focusNode, rdflib.URIRef(finding.subject)))
        results.add((node, SH.sourceShape, rdflib.URIRef(finding.kind)))
        results.add((node, SH.resultMessage, rdflib.Literal(finding.message)))
        results.add((node, SH.resultSeverity, SH.Violation))
        if finding.path:
            results.add((node, SH.resultPath, rdflib.URIRef(finding.path)))
        if finding.value:
            # sh:value is the offending value as it is in the data: an IRI or a literal
            value = (
                rdflib.Literal(finding.value)
                if finding.value_is_literal
                else rdflib.URIRef(finding.value)
            )
            results.add((node, SH.value, value))
    conforms = not any(f.severity is Severity.ERROR for f in findings)
    results.set((report, SH.conforms, rdflib.Literal(conforms)))
