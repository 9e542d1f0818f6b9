"""The layout shows the architecture: one subpackage per subsystem, imports only go down.

The import graph is computed from the source (every ``import`` statement, including those inside
functions, and every ``"ogpgraph.…"`` module named in a string, which is how the CLI loads its
commands lazily). Imports under ``if TYPE_CHECKING:`` never run and are left out. A module may
import its own subpackage and the subsystems in lower layers, never a sibling or a higher one.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: subsystem -> layer; a subsystem imports only lower layers (and itself)
LAYERS = {
    "ogpgraph": 0,  # the package root: ``__version__``, and ``load()`` (see ENTRY_POINTS)
    "core": 0,
    "model": 1,
    "dataset": 2,
    "analysis": 3,
    "dumps": 3,
    "remote": 3,
    "sheet": 3,
    "pages": 4,
    "diff": 5,
    "server": 5,
    "build": 6,
    "notebook": 6,
    "cli": 7,
}

_NAMED = re.compile(r"^ogpgraph(?:\.[a-z_]+)+")


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.joinpath("ogpgraph").rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path) -> set[str]:
    """The ogpgraph modules ``module`` imports at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found: set[str] = set()

    def add(name: str) -> None:
        # the longest prefix that is a module of ours
        parts = name.split(".")
        while parts and ".".join(parts) not in MODULES:
            parts.pop()
        if parts and ".".join(parts) != module:
            found.add(".".join(parts))

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                add(f"{target}.{alias.name}")
            add(target)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = _NAMED.match(node.value)
            if match:
                add(match.group(0))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


#: the only upward imports: the package root's ``ogpgraph.load()`` hands over to the notebook API
#: on first call (inside the function), so that ``import ogpgraph; ogpgraph.load()`` works while
#: importing the root stays free for every layer (``__version__``)
ENTRY_POINTS = {("ogpgraph", "ogpgraph.notebook")}


#: every module's imports, but the entry points' (not a dependency of the root: a hand-over)
GRAPH = {
    module: _imports(module, path) - {dep for mod, dep in ENTRY_POINTS if mod == module}
    for module, path in MODULES.items()
}


def _subsystem(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "ogpgraph"


def test_every_module_belongs_to_a_layer() -> None:
    unknown = sorted({_subsystem(m) for m in MODULES} - set(LAYERS))
    assert unknown == [], f"subsystems without a layer in LAYERS: {unknown}"


def test_every_subpackage_says_what_it_owns_and_may_import() -> None:
    missing = [
        m
        for m, path in MODULES.items()
        if path.name == "__init__.py"
        and m.count(".") == 1
        and _subsystem(m) != "cli"
        and "May import" not in (ast.get_docstring(ast.parse(path.read_text())) or "")
    ]
    assert missing == []


def test_imports_only_go_down() -> None:
    upward = []
    for module, deps in sorted(GRAPH.items()):
        mine = _subsystem(module)
        for dep in sorted(deps):
            theirs = _subsystem(dep)
            if dep == "ogpgraph" or theirs == mine:
                continue
            if LAYERS[theirs] >= LAYERS[mine]:
                upward.append(f"{module} -> {dep}")
    assert upward == [], "imports sideways or upwards:\n" + "\n".join(upward)


def test_no_import_cycles() -> None:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(GRAPH)
    g.add_edges_from((m, d) for m, deps in GRAPH.items() for d in deps)
    cycles = sorted(sorted(c) for c in nx.simple_cycles(g))
    assert cycles == [], f"import cycles: {cycles}"


@pytest.mark.parametrize("text", ["from . import x", "import ogpgraph.core.errors"])
def test_the_scanner_sees_imports(text: str, tmp_path: Path) -> None:
    path = tmp_path / "probe.py"
    path.write_text(f"def f():\n    {text}\n")
    found = _imports("ogpgraph.core.probe", path)
    assert found  # both name a module of ours: the package core, or core.errors


#: declared dependencies that no module imports yet, each with the reason (pyproject.toml says so)
NOT_IMPORTED: dict[str, str] = {}


def test_every_declared_dependency_is_used() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    pyproject = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower()
        for d in pyproject["project"]["dependencies"]
    }
    imported: set[str] = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0].lower() for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0].lower())
    unused = declared - imported - set(NOT_IMPORTED)
    assert unused == set(), f"declared in pyproject.toml but never imported: {sorted(unused)}"
    assert set(NOT_IMPORTED) <= declared
    assert not set(NOT_IMPORTED) & imported, "now imported: remove it from NOT_IMPORTED"
