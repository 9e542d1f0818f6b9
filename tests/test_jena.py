"""The same rows in Apache Jena (issue 14): every stored query, run by Jena ARQ — the query
engine inside Fuseki — over the TriG and N-Quads dumps loaded as Jena loads them (named graphs,
an empty default graph), gives ogpgraph's rows. Rows compare as in tests/test_stores.py.

Jena comes from Debian (``libapache-jena-java``, with a JDK for ``javac``), which .ci/run
installs; without it these tests are skipped, except in CI (CI=true), where that is a failure.
A Fuseki *server* is not packaged by Debian, PyPI or npm, so ``publish`` to Fuseki is not tested
here: this tests the engine a Fuseki server would answer with.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from ogpgraph.dumps.rdf import dump
from ogpgraph.remote.client import values_block

from .test_stores import PARAMS, QUERIES, json_key, normalised, pyoxigraph_rows

JAVA_DIR = Path(os.environ.get("OGPGRAPH_TEST_JENA_JARS", "/usr/share/java"))
RUNNER = Path(__file__).parent / "jena" / "RunQueries.java"
#: SLF4J bindings that clash with each other on one class path: Jena gets the silent one
LOGGING = re.compile(r"slf4j|log4j|maven3")


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI: {reason}: .ci/run should install libapache-jena-java and a JDK")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def jena(tmp_path_factory) -> list[str]:
    """The command that runs RunQueries: compiled against Debian's Jena jars."""
    if not (JAVA_DIR / "jena-arq.jar").exists():
        _missing(f"Jena is not installed here (no {JAVA_DIR / 'jena-arq.jar'})")
    if not shutil.which("java") or not shutil.which("javac"):
        _missing("no java and javac on PATH")
    work = tmp_path_factory.mktemp("jena")
    # Debian's jena-core moves Jena's own copy of Xerces into the package `xerces` but leaves
    # its message files under org/apache/jena/ext/xerces, and Jena then fails to start
    # ("SchemaDVFactory … internal error"): the files go where the moved classes look for them
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        prefix = "org/apache/jena/ext/xerces/"
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = work / "resources" / "xerces" / name[len(prefix) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = sorted(
        str(p)
        for p in JAVA_DIR.glob("*.jar")
        if not re.search(r"-\d[\d.]*\.jar$", p.name) and not LOGGING.search(p.name)
    )
    jars += [
        str(JAVA_DIR / n) for n in ("slf4j-api.jar", "slf4j-nop.jar") if (JAVA_DIR / n).exists()
    ]
    classpath = os.pathsep.join([str(work / "resources"), str(work / "classes"), *jars])
    compiled = subprocess.run(
        ["javac", "-cp", classpath, "-d", str(work / "classes"), str(RUNNER)],
        capture_output=True,
        text=True,
    )
    assert compiled.returncode == 0, compiled.stderr
    return ["java", "-cp", classpath, "RunQueries"]


def jena_rows(jena: list[str], data: Path, folder: Path) -> dict[str, set[tuple]]:
    """Every stored query's rows in Jena, its parameters sent as a trailing VALUES block (as
    ``query --endpoint`` sends them to a server)."""
    folder.mkdir()
    files = []
    for name, query in sorted(QUERIES.items()):
        text = query.text
        if query.params:
            text += "\n" + values_block({k: PARAMS[k] for k in query.params})
        path = folder / f"{name}.rq"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    run = subprocess.run([*jena, str(data), str(folder), *files], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    rows = {}
    for name, query in QUERIES.items():
        doc = json.loads((folder / f"{name}.rq.json").read_text(encoding="utf-8"))
        names = doc["head"]["vars"]
        rows[name] = normalised(
            query, names, ([json_key(b.get(n)) for n in names] for b in doc["results"]["bindings"])
        )
    return rows


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_jena_gives_every_stored_query_the_same_rows(jena, kg, tmp_path, fmt):
    assert all(q.text.lstrip().upper().count("SELECT") for q in QUERIES.values())
    data = tmp_path / f"ogpgraph.{'nq' if fmt == 'nquads' else fmt}"
    data.write_bytes(dump(kg, fmt))
    rows = jena_rows(jena, data, tmp_path / "queries")
    differ = []
    for name, query in sorted(QUERIES.items()):
        expected = pyoxigraph_rows(kg.store, query, use_default_graph_as_union=True)
        assert expected, name  # something to compare
        if rows[name] != expected:
            differ.append(name)
    assert differ == []
