"""The w3id redirect rules (``w3id/ogpgraph/.htaccess``), applied as Apache's mod_rewrite would
to every IRI of the bundled graph: each resource with a page lands on its page (HTML) or its
Turtle (RDF), every other IRI on a file the build writes, and nothing falls through."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ogpgraph.core import namespaces as ns

HTACCESS = Path(__file__).resolve().parents[1] / "w3id" / "ogpgraph" / ".htaccess"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
TURTLE = "text/turtle"


@dataclass
class Rule:
    pattern: re.Pattern[str]
    target: str
    flags: str
    conditions: list[tuple[str, re.Pattern[str]]]


def rules() -> tuple[dict[str, str], list[Rule]]:
    """The environment the rules set, and the redirecting rules in order."""
    env: dict[str, str] = {}
    found: list[Rule] = []
    pending: list[tuple[str, re.Pattern[str]]] = []
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if words[0] == "RewriteCond":
            pending.append((words[1], re.compile(words[2])))
        elif words[0] == "RewriteRule":
            pattern, target, flags = words[1], words[2], words[3] if len(words) > 3 else ""
            if target == "-":
                assert not pending
                for name, value in re.findall(r"E=(\w+):([^,\]]+)", flags):
                    env[name] = value
                continue
            found.append(Rule(re.compile(pattern), target, flags, pending))
            pending = []
    assert not pending, "a RewriteCond with no rule after it"
    return env, found


def redirect(path: str, accept: str) -> str | None:
    """Where ``https://w3id.org/ogpgraph/<path>`` redirects a client sending ``accept``."""
    env, found = rules()
    headers = {"%{HTTP_ACCEPT}": accept}
    for rule in found:
        match = rule.pattern.search(path)
        if match is None:
            continue
        if not all(cond.search(headers[var]) for var, cond in rule.conditions):
            continue
        assert "R=303" in rule.flags and "L" in rule.flags.strip("[]").split(",")
        target = re.sub(r"%\{ENV:(\w+)\}", lambda m: env[m.group(1)], rule.target)
        groups = [match.group(0), *match.groups()]
        return re.sub(r"\$(\d)", lambda m, g=groups: g[int(m.group(1))] or "", target)
    return None


@pytest.fixture(scope="module")
def site(kg) -> tuple[set[str], set[str], str]:
    """(IRIs with a page, every file the build writes, the site's base URL)."""
    from ogpgraph.build import artifacts
    from ogpgraph.core.artifacts import ArtifactFolder
    from ogpgraph.pages.site import page_kinds, site_files

    files = {f"resource/{name}" for name in site_files(kg.store)}
    files |= {a.name for a in artifacts() if not isinstance(a, ArtifactFolder)}
    env, _rules = rules()
    return set(page_kinds(kg.store)), files, env["OGPGRAPH_SITE"]


def test_the_rules_parse():
    env, found = rules()
    assert env["OGPGRAPH_SITE"].startswith("https://") and not env["OGPGRAPH_SITE"].endswith("/")
    assert len(found) >= 8


def test_every_page_iri_lands_on_its_page_and_its_turtle(site):
    pages, files, base = site
    assert len(pages) > 200
    for iri in sorted(pages):
        path = iri.removeprefix(ns.BASE)
        assert redirect(path, HTML) == f"{base}/resource/{path}.html", iri
        assert redirect(path, TURTLE) == f"{base}/resource/{path}.ttl", iri
        assert redirect(path + ".ttl", HTML) == f"{base}/resource/{path}.ttl", iri
        assert f"resource/{path}.html" in files and f"resource/{path}.ttl" in files


def test_every_other_iri_of_the_graph_lands_on_a_file_of_the_build(kg, site):
    pages, files, base = site
    subjects = {
        q.subject.value
        for q in kg.quads()
        if hasattr(q.subject, "value") and q.subject.value.startswith(ns.BASE)
    }
    others = {iri.partition("#")[0] for iri in subjects - pages}
    assert len(others) > 100
    for iri in sorted(others):
        path = iri.removeprefix(ns.BASE)
        for accept in (HTML, TURTLE):
            target = redirect(path, accept)
            assert target is not None and target.startswith(base + "/"), (iri, accept)
            assert target.removeprefix(base + "/") in files, (iri, accept, target)
            # no page of its own: never sent to a page that does not exist
            assert "/resource/nz/" not in target and "/resource/vocab/" not in target


def test_the_ontology_and_the_dataset():
    _env, _rules = rules()
    base = _env["OGPGRAPH_SITE"]
    assert redirect("ontology", TURTLE) == f"{base}/resource/ontology.ttl"
    assert redirect("ontology", HTML) == f"{base}/resource/ontology.html"
    assert redirect("dataset", TURTLE) == f"{base}/void.ttl"
    assert redirect("", HTML) == f"{base}/index.html"
