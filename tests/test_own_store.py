"""docs/own-store.md ("Use it in your own store") is true: its rdflib and pyoxigraph code runs as
written, in a folder laid out as the repository is (exports/ogpgraph.trig as `ogpgraph build`
writes it, the stored queries under src/ogpgraph/queries/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ogpgraph.dumps.rdf import dump

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "own-store.md"


def python_blocks() -> dict[str, str]:
    """The ```python blocks of the document, by the heading they sit under."""
    found: dict[str, str] = {}
    heading = ""
    for match in re.finditer(r"^## ([^\n]+)$|^```python\n(.*?)^```", DOC.read_text(), re.M | re.S):
        if match.group(1):
            heading = match.group(1).strip()
        else:
            found[heading] = match.group(2)
    return found


@pytest.fixture(scope="module")
def checkout(kg, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("own-store")
    (folder / "exports").mkdir()
    (folder / "exports" / "ogpgraph.trig").write_bytes(dump(kg, "trig"))
    shutil.copytree(ROOT / "src" / "ogpgraph" / "queries", folder / "src" / "ogpgraph" / "queries")
    return folder


def test_the_document_has_the_rdflib_and_pyoxigraph_code():
    assert set(python_blocks()) == {"rdflib", "pyoxigraph"}
    for heading in ("An Oxigraph server", "Virtuoso", "Fuseki", "GraphDB"):
        assert f"## {heading}\n" in DOC.read_text()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("heading", ["rdflib", "pyoxigraph"])
def test_the_code_runs_as_written(heading, checkout, monkeypatch, capsys):
    monkeypatch.chdir(checkout)
    exec(compile(python_blocks()[heading], f"{DOC}:{heading}", "exec"), {})
    printed = capsys.readouterr().out
    count = int(printed.split()[0])
    assert count > 0, printed  # rows from a store whose default graph is not the union
