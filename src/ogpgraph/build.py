"""``ogpgraph build``: load, validate, and write every export, atomically and deterministically.

Each export is an :class:`Artifact`: a file name under ``exports/`` and a function that makes its
bytes from the loaded dataset. ``build`` writes them all or nothing (temporary files, then
renames once every one is written); ``check`` compares them with what is on disk, so CI can
tell when the committed ``exports/`` is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ogpgraph.core.artifacts import Artifact, ArtifactFolder, BuildContext
from ogpgraph.core.errors import OgpgraphError

if TYPE_CHECKING:  # pragma: no cover
    from ogpgraph.analysis.validate import ValidationReport
    from ogpgraph.dataset.store import KnowledgeGraph


class ValidationFailed(OgpgraphError):
    """The graph does not conform: nothing is written."""

    exit_code = 1

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(
            f"the graph does not conform ({len(report.errors)} error(s)); exports were not written",
            hint="Run `ogpgraph validate` for the full report.",
        )
        self.report = report


def _dump(fmt: str) -> Callable[[BuildContext], bytes]:
    def make(ctx: BuildContext) -> bytes:
        from ogpgraph.dumps.rdf import dump

        return dump(ctx.kg, fmt)

    return make


def _void(ctx: BuildContext) -> bytes:
    from ogpgraph.dumps.rdf import describe, distributions

    sizes = {name: len(ctx.outputs[name]) for name, *_ in distributions() if name in ctx.outputs}
    return describe(ctx.kg, sizes, ctx.version)


def _context(ctx: BuildContext) -> bytes:
    from ogpgraph.dumps.jsonld import context_document

    return context_document(ctx.kg)


def _compact(ctx: BuildContext) -> bytes:
    from ogpgraph.dumps.jsonld import compact

    return compact(ctx.kg)


def artifacts() -> list[Artifact | ArtifactFolder]:
    """Every export, in the order they are made (later ones may use earlier outputs)."""
    from ogpgraph.dumps.rdf import DUMPS

    found: list[Artifact | ArtifactFolder] = [
        Artifact(name, _dump(fmt), f"the dataset as {fmt}") for name, (fmt, _m, _g) in DUMPS.items()
    ]
    from ogpgraph.dumps.jsonld import COMPACT_FILE, CONTEXT_FILE

    found.append(Artifact(CONTEXT_FILE, _context, "the compact JSON-LD context"))
    found.append(
        Artifact(COMPACT_FILE, _compact, "the dataset as JSON-LD compacted with that context")
    )
    found.append(Artifact("void.ttl", _void, "DCAT/VoID description of the dataset and its dumps"))
    found.extend(_extra_artifacts())
    return found


def _extra_artifacts() -> list[Artifact | ArtifactFolder]:
    """Artifacts of the other subsystems: the reports and the HTML pages."""
    from ogpgraph.analysis.reports import artifacts as report_artifacts
    from ogpgraph.pages.artifacts import artifacts as page_artifacts

    return [*report_artifacts(), *page_artifacts()]


def generate(
    kg: KnowledgeGraph,
    *,
    version: str | None = None,
    progress: Callable[[Artifact | ArtifactFolder], None] | None = None,
) -> dict[str, bytes]:
    """Make every artifact in memory (a folder's files as ``folder/path``); nothing is written."""
    if version is None:
        from ogpgraph import __version__

        version = str(__version__)
    ctx = BuildContext(kg, version)
    for artifact in artifacts():
        if isinstance(artifact, ArtifactFolder):
            for path, data in sorted(artifact.make(ctx).items()):
                ctx.outputs[f"{artifact.name}/{path}"] = data
        else:
            ctx.outputs[artifact.name] = artifact.make(ctx)
        if progress is not None:
            progress(artifact)
    return ctx.outputs


def leftovers(outputs: dict[str, bytes], exports_dir: Path) -> list[str]:
    """Files in a folder the build owns (an :class:`ArtifactFolder`, such as ``resource/``) that
    it no longer generates: pages of resources that have gone. Files outside those folders are
    never counted (``exports/`` may hold a reader's own files)."""
    found = []
    for artifact in artifacts():
        if not isinstance(artifact, ArtifactFolder):
            continue
        folder = exports_dir / artifact.name
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                name = path.relative_to(exports_dir).as_posix()
                if path.is_file() and name not in outputs:
                    found.append(name)
    return found


def write(outputs: dict[str, bytes], exports_dir: Path) -> list[Path]:
    """Write the outputs all or nothing (:func:`ogpgraph.core.files.replace_all`): every changed file
    is written beside its target first, and the targets are replaced only when all are written,
    so a failure (a full disk, a read-only folder) leaves exports/ as it was. Files whose bytes
    are unchanged are not touched. The folder is created if missing (its parent must exist).

    Raises:
        WriteError: naming the file that could not be written and why.
    """
    from ogpgraph.core.files import ensure_folder, replace_all

    ensure_folder(exports_dir)
    changed = {}
    for name, data in outputs.items():
        path = exports_dir / name
        for folder in reversed(path.relative_to(exports_dir).parents[:-1]):
            ensure_folder(exports_dir / folder)
        if path.is_file() and path.read_bytes() == data:
            continue
        changed[path] = data
    replace_all(changed)
    _remove_leftovers(outputs, exports_dir)
    return list(changed)


def _remove_leftovers(outputs: dict[str, bytes], exports_dir: Path) -> None:
    """Remove the :func:`leftovers` once the new files are in place, and the folders they leave
    empty (never an artifact folder itself)."""
    from ogpgraph.core.files import write_error

    owned = {exports_dir / a.name for a in artifacts() if isinstance(a, ArtifactFolder)}
    for name in leftovers(outputs, exports_dir):
        path = exports_dir / name
        try:
            path.unlink()
            folder = path.parent
            while folder not in owned and folder != exports_dir and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        except OSError as error:
            raise write_error(error, path, "remove") from None


@dataclass(frozen=True)
class Difference:
    name: str
    status: str  # "missing", "differs" or "no longer generated"


def check(outputs: dict[str, bytes], exports_dir: Path) -> list[Difference]:
    """Compare the outputs with the files on disk, and name the :func:`leftovers`."""
    differences = []
    for name, data in outputs.items():
        path = exports_dir / name
        if not path.is_file():
            differences.append(Difference(name, "missing"))
        elif path.read_bytes() != data:
            differences.append(Difference(name, "differs"))
    differences += [Difference(n, "no longer generated") for n in leftovers(outputs, exports_dir)]
    return differences


def validate_or_fail(kg: KnowledgeGraph) -> ValidationReport:
    """Validate; raise :class:`ValidationFailed` when there are errors."""
    from ogpgraph.analysis.validate import validate

    report = validate(kg)
    if not report.conforms:
        raise ValidationFailed(report)
    return report
