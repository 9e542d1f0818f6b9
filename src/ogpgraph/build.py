"""``ogpgraph build``: load, validate, and write every export, atomically and deterministically.

Each export is an :class:`Artifact`: a file name under ``exports/`` and a function that makes its
bytes from the loaded dataset. ``build`` writes them all or nothing (temporary files, then
renames once every one is written); ``check`` compares them with what is on disk, so CI can
tell when the committed ``exports/`` is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OgpgraphError

if TYPE_CHECKING:  # pragma: no cover
    from .store import KnowledgeGraph
    from .validate import ValidationReport


class ValidationFailed(OgpgraphError):
    """The graph does not conform: nothing is written."""

    exit_code = 1

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(
            f"the graph does not conform ({len(report.errors)} error(s)); exports were not written",
            hint="Run `ogpgraph validate` for the full report.",
        )
        self.report = report


@dataclass
class BuildContext:
    """What artifacts are made from: the dataset, and what earlier artifacts produced."""

    kg: KnowledgeGraph
    version: str
    outputs: dict[str, bytes] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Artifact:
    """One file of ``exports/``."""

    name: str
    make: Callable[[BuildContext], bytes]
    description: str


def _dump(fmt: str) -> Callable[[BuildContext], bytes]:
    def make(ctx: BuildContext) -> bytes:
        from .export import dump

        return dump(ctx.kg, fmt)

    return make


def _void(ctx: BuildContext) -> bytes:
    from .export import DUMPS, describe

    sizes = {name: len(ctx.outputs[name]) for name in DUMPS if name in ctx.outputs}
    return describe(ctx.kg, sizes, ctx.version)


def artifacts() -> list[Artifact]:
    """Every export, in the order they are made (later ones may use earlier outputs)."""
    from .export import DUMPS

    found = [
        Artifact(name, _dump(fmt), f"the dataset as {fmt}") for name, (fmt, _m, _g) in DUMPS.items()
    ]
    found.append(Artifact("void.ttl", _void, "DCAT/VoID description of the dataset and its dumps"))
    found.extend(_extra_artifacts())
    return found


def _extra_artifacts() -> list[Artifact]:
    """Artifacts of other subsystems (reports, HTML views), when those modules exist."""
    import importlib

    extra: list[Artifact] = []
    for module_name in ("ogpgraph.reports", "ogpgraph.views.pages"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue
            raise
        extra.extend(module.artifacts())
    return extra


def generate(
    kg: KnowledgeGraph,
    *,
    version: str | None = None,
    progress: Callable[[Artifact], None] | None = None,
) -> dict[str, bytes]:
    """Make every artifact in memory; nothing is written."""
    if version is None:
        from . import __version__ as version
    ctx = BuildContext(kg, version)
    for artifact in artifacts():
        ctx.outputs[artifact.name] = artifact.make(ctx)
        if progress is not None:
            progress(artifact)
    return ctx.outputs


def write(outputs: dict[str, bytes], exports_dir: Path) -> list[Path]:
    """Write the outputs all or nothing (:func:`ogpgraph.files.replace_all`): every changed file
    is written beside its target first, and the targets are replaced only when all are written,
    so a failure (a full disk, a read-only folder) leaves exports/ as it was. Files whose bytes
    are unchanged are not touched. The folder is created if missing (its parent must exist).

    Raises:
        WriteError: naming the file that could not be written and why.
    """
    from .files import ensure_folder, replace_all

    ensure_folder(exports_dir)
    changed = {}
    for name, data in outputs.items():
        path = exports_dir / name
        if path.is_file() and path.read_bytes() == data:
            continue
        changed[path] = data
    replace_all(changed)
    return list(changed)


@dataclass(frozen=True)
class Difference:
    name: str
    status: str  # "missing" or "differs"


def check(outputs: dict[str, bytes], exports_dir: Path) -> list[Difference]:
    """Compare the outputs with the files on disk."""
    differences = []
    for name, data in outputs.items():
        path = exports_dir / name
        if not path.is_file():
            differences.append(Difference(name, "missing"))
        elif path.read_bytes() != data:
            differences.append(Difference(name, "differs"))
    return differences


def validate_or_fail(kg: KnowledgeGraph) -> ValidationReport:
    """Validate; raise :class:`ValidationFailed` when there are errors."""
    from .validate import validate

    report = validate(kg)
    if not report.conforms:
        raise ValidationFailed(report)
    return report
