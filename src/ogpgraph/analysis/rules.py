"""Registered rules: each gap kind and integrity check declared once, with what the commands show.

A :class:`Rule` is an id, a title (a heading in the dashboard), a plain-English description (the
``--help`` text and the docs), a severity, and the function that finds it. Rules are collected
in a :class:`Registry`; :mod:`ogpgraph.analysis.gaps` declares ``GAPS`` and its rules,
:mod:`ogpgraph.analysis.validate` ``CHECKS`` and the integrity checks. Everything that lists gap
kinds (``gaps --kind`` and its help, the dashboard's headings, the report's sections, the order
of findings) reads the registry, so a new kind is one decorated function::

    @GAPS.rule("no-owner", title="Commitments no agency leads",
               description="a commitment that no organisation is linked as leading")
    def _no_owner(analysis: Analysis, member: str | None) -> Iterable[Finding]:
        ...

Integrity checks that are one SPARQL query and a message use :meth:`Registry.sparql` (one
generic runner, :func:`run_sparql_check`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ogpgraph.core.findings import Finding, Severity

if TYPE_CHECKING:  # pragma: no cover
    pass


@dataclass(frozen=True)
class Rule:
    """One registered rule.

    Attributes:
        id: the kind its findings carry (``gaps --kind ID``), or for an integrity check the
            shape IRI its findings name.
        title: a heading for a list of its findings (the dashboard).
        description: what it finds, in a sentence a reader of ``--help`` understands.
        find: the function that finds it; gap rules take ``(analysis, member)``, integrity
            checks ``(kg)``; both return findings.
        severity: of its findings.
        per_member: the rule narrows its findings to ``--member`` itself (otherwise the caller
            keeps those whose subject belongs to the member).
        recommendation: its findings are about NIS recommendations (listed in the report).
    """

    id: str
    title: str
    description: str
    find: Callable[..., Iterable[Finding]]
    severity: Severity = Severity.WARNING
    per_member: bool = False
    recommendation: bool = False


class Registry:
    """Rules of one family in declaration order (the order findings are listed in)."""

    def __init__(self, family: str) -> None:
        self.family = family
        self._rules: dict[str, Rule] = {}

    def register(self, rule: Rule) -> Rule:
        if rule.id in self._rules:
            raise ValueError(f"{self.family} rule {rule.id!r} is already registered")
        self._rules[rule.id] = rule
        return rule

    def unregister(self, rule_id: str) -> None:
        """Remove a rule (a test's throwaway rule)."""
        del self._rules[rule_id]

    def rule(
        self,
        rule_id: str,
        *,
        title: str,
        description: str,
        severity: Severity = Severity.WARNING,
        per_member: bool = False,
        recommendation: bool = False,
    ) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
        """Decorator: register the function as the rule ``rule_id``."""

        def register(find: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
            self.register(
                Rule(rule_id, title, description, find, severity, per_member, recommendation)
            )
            return find

        return register

    def sparql(
        self,
        rule_id: str,
        *,
        title: str,
        description: str,
        query: str,
        message: Callable[[dict[str, Any]], str],
        subject: str = "s",
        path: Callable[[dict[str, Any]], str | None] | None = None,
        value: str | None = None,
        value_is_literal: bool = False,
        severity: Severity = Severity.ERROR,
        bindings: Mapping[str, Any] | None = None,
    ) -> Rule:
        """Register an integrity check that is one SELECT: the internal query named ``query``
        (``ogpgraph/queries/internal/<query>.rq``, run with ``bindings``) gives a finding per row,
        about the row's ``subject`` variable, with ``message(row)``, ``path(row)`` and the row's
        ``value``."""

        def find(kg: Any) -> list[Finding]:
            return run_sparql_check(
                kg,
                rule_id,
                query,
                message,
                subject,
                path,
                value,
                value_is_literal,
                severity,
                bindings,
            )

        return self.register(Rule(rule_id, title, description, find, severity))

    def __iter__(self) -> Iterator[Rule]:
        return iter(list(self._rules.values()))

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def ids(self) -> tuple[str, ...]:
        return tuple(self._rules)

    def titles(self) -> dict[str, str]:
        return {r.id: r.title for r in self._rules.values()}

    def help_text(self, width: int = 78) -> str:
        """``id: description`` per rule, for ``--help`` (click keeps ``\\b`` blocks as written)."""
        import textwrap

        lines = []
        for r in self._rules.values():
            lines += textwrap.wrap(
                f"{r.id}: {r.description}", width, initial_indent="  ", subsequent_indent="    "
            )
        return "\n".join(lines)


def run_sparql_check(
    kg: Any,
    rule_id: str,
    query: str,
    message: Callable[[dict[str, Any]], str],
    subject: str = "s",
    path: Callable[[dict[str, Any]], str | None] | None = None,
    value: str | None = None,
    value_is_literal: bool = False,
    severity: Severity = Severity.ERROR,
    bindings: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """The generic runner of a one-query check: one finding per result row of the internal
    query named ``query``."""
    from ogpgraph.core.queries import internal_query

    return [
        Finding(
            severity,
            rule_id,
            row[subject],
            message(row),
            path=path(row) if path else None,
            value=None if value is None or row[value] is None else str(row[value]),
            value_is_literal=value_is_literal,
        )
        for row in kg.select(internal_query(query), **dict(bindings or {}))
    ]
