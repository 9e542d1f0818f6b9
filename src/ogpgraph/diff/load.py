"""The two sides of ``ogpgraph diff``: a dump file, a project folder, or a git revision of the
project — read with ``git archive`` into a temporary folder, never touching the working tree."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ogpgraph.core.errors import DataError
from ogpgraph.core.formats import dump_formats, suffix_table

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.dataset.store import KnowledgeGraph

#: File endings of the dumps ``diff`` reads: the registry's dump formats.
DUMP_FORMATS = suffix_table(dump_formats())


@dataclass
class Version:
    """One side of a diff: what was asked for, and the loaded dataset."""

    spec: str
    description: str
    kg: KnowledgeGraph


def load_version(spec: str, root: str | Path | None = None) -> Version:
    """Load a dump file, a project folder or a git revision of the project (see module doc).

    Raises:
        DataError: an unreadable or unknown dump, or a name that is neither a file, a folder
            nor a git revision.
    """

    path = Path(spec)
    if path.is_file():
        return Version(spec, f"dump {path.name}", load_dump(path))
    if path.is_dir():
        return Version(spec, f"project {path}", load_project(path))
    return load_revision(spec, root)


def load_project(root: Path) -> KnowledgeGraph:
    """A project's dataset; only its ontology when graph/ holds no data yet (an early revision)."""
    from ogpgraph.core.project import find_project
    from ogpgraph.dataset.store import KnowledgeGraph, discover
    from ogpgraph.sheet.match import discover_or_empty

    project = find_project(root)
    kg = KnowledgeGraph.load_files(project, discover_or_empty(project, discover))
    kg._check_default_graph()
    return kg


def load_dump(path: Path) -> KnowledgeGraph:
    """A dump file in a fresh store (triples of .ttl/.nt/.jsonld without graphs: default graph)."""
    import pyoxigraph as ox

    from ogpgraph.dataset.store import KnowledgeGraph

    syntax = DUMP_FORMATS.get(path.suffix.lower())
    if syntax is None:
        raise DataError(
            f"unknown dump format {path.suffix!r} (use {', '.join(sorted(DUMP_FORMATS))})",
            path=path,
        )
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=syntax.pyoxigraph_format())
    except SyntaxError as error:
        raise DataError(f"RDF syntax error: {error}", path=path) from None
    except MemoryError as error:
        from ogpgraph.dataset.store import too_long_term

        raise too_long_term(path, error) from None
    except (OSError, ValueError) as error:
        raise DataError(f"cannot read RDF: {error}", path=path) from None
    return KnowledgeGraph(store)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def load_revision(spec: str, root: str | Path | None = None) -> Version:
    """``graph/`` and ``ontology/`` at a git revision, via ``git archive`` into a temp folder."""
    import io
    import tarfile

    from ogpgraph.core.project import find_project

    project = find_project(root)
    resolved = _git(project.root, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if resolved.returncode != 0:
        raise DataError(
            f"{spec!r} is neither a file, a folder nor a git revision of {project.root}",
            hint="Give a dump (e.g. exports/ogpgraph.nq), a project folder, or a "
            "revision such as HEAD~1, a tag or a commit.",
        )
    sha = resolved.stdout.decode().strip()
    prefix = _git(project.root, "rev-parse", "--show-prefix").stdout.decode().strip()
    tree = f"{sha}:{prefix}" if prefix else sha
    archive = _git(project.root, "archive", "--format=tar", tree, "--", "graph", "ontology")
    if archive.returncode != 0:
        message = archive.stderr.decode(errors="replace").strip().splitlines()
        raise DataError(
            f"revision {spec} has no graph/ and ontology/ ("
            f"{message[-1] if message else 'git archive failed'})"
        )
    with tempfile.TemporaryDirectory(prefix="ogpgraph-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            links = [m for m in tar.getmembers() if not (m.isfile() or m.isdir())]
            if links:
                shown = links[0].name + (f" -> {links[0].linkname}" if links[0].linkname else "")
                raise DataError(
                    f"revision {spec} holds a symbolic link or special file in graph/ or "
                    f"ontology/ ({shown}{f' and {len(links) - 1} more' if len(links) > 1 else ''}"
                    "): a revision is read from its regular files only",
                    hint="Replace the link with the file it points to, in a new commit.",
                )
            try:
                tar.extractall(tmp, filter="data")
            except TypeError:  # pragma: no cover - Python without extraction filters
                tar.extractall(tmp)  # noqa: S202
        for folder in ("graph", "ontology"):
            Path(tmp, folder).mkdir(exist_ok=True)
        kg = load_project(Path(tmp))
        kg.project = None  # the folder is gone after this block
    return Version(spec, f"revision {spec} ({sha[:10]})", kg)
