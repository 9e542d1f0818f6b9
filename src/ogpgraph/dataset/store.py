"""Load the ontology and the instance data into one RDF dataset, a named graph per source.

The dataset lives in a pyoxigraph ``Store`` (Oxigraph: fast loading, fast SPARQL). rdflib is used
where it serves (pySHACL, some serialisation) through :meth:`KnowledgeGraph.to_rdflib`.

A table that does not compile (a bad row in ``graph/links/*.csv``) stops a load, or, with
``broken_tables="skip"``, is left out and listed in :attr:`KnowledgeGraph.skipped_tables`
(:class:`SkippedTable`: its file, first problem and how many more).

>>> from ogpgraph.dataset.store import KnowledgeGraph
>>> kg = KnowledgeGraph.from_text('<https://e.org/a> <https://e.org/p> "x" .', graph="https://e.org/g")
>>> len(kg)
1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import DataError
from ogpgraph.core.formats import project_formats, rdf_format, suffix_table
from ogpgraph.core.project import Project, find_project

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

    from ogpgraph.core.findings import Finding

#: File endings the loader reads, and their RDF format names (the registry's project formats).
FORMATS: dict[str, str] = {suffix: f.name for suffix, f in suffix_table(project_formats()).items()}


@dataclass(frozen=True)
class SourceFile:
    """One input file and the named graph it goes to (``None``: the graphs it declares)."""

    path: Path
    format: str
    graph: str | None = None


#: what a load does with a table (``graph/links/*.csv``, or any table kind the store compiles)
#: that does not compile: ``fail`` raises its :class:`DataError` (the default: ``build``,
#: ``validate``); ``skip`` loads everything else and lists the table, with its problems, in
#: :attr:`KnowledgeGraph.skipped_tables` (read-only commands)
BrokenTables = Literal["fail", "skip"]
BROKEN_TABLES: tuple[str, ...] = get_args(BrokenTables)

#: the command that lists every problem of a table, by the table's :attr:`SourceFile.format`
TABLE_CHECKS: dict[str, str] = {"csv": "ogpgraph links check"}


@dataclass(frozen=True)
class SkippedTable:
    """A table left out of a lenient load (``broken_tables="skip"``): its file, its first
    problem (row, column, message) and how many more there are, and the command that lists
    them all (``check``, run with the file)."""

    path: Path
    message: str
    row: int | None = None
    column: str | None = None
    more: int = 0
    check: str = ""
    problems: tuple[Finding, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_error(cls, sf: SourceFile, error: DataError) -> SkippedTable:
        """The skipped table ``sf`` and why: the error's first problem when it lists them
        (:attr:`DataError.problems`), else its message without the file name."""
        check = TABLE_CHECKS.get(sf.format, "")
        if error.problems:
            first = error.problems[0]
            return cls(
                sf.path,
                first.message,
                first.location.row,
                first.location.column,
                len(error.problems) - 1,
                check,
                error.problems,
            )
        message = error.message
        if error.path is not None:
            prefix = re.match(re.escape(str(error.path)) + r"(?::\d+)*: ", message)
            if prefix:
                message = message[prefix.end() :]
                if error.line is not None:
                    message = f"line {error.line}: {message}"
        return cls(sf.path, message, check=check)

    def __str__(self) -> str:
        """``row 3, column 'relation': unknown relation 'x' (and 2 more problems)``."""
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row is not None else "",
                f"column {self.column!r}" if self.column else "",
            )
            if part
        )
        more = ""
        if self.more:
            more = f" (and {self.more} more problem{'s' if self.more > 1 else ''})"
        return (f"{where}: " if where else "") + self.message + more


def _graph_for(project: Project, path: Path) -> str | None:
    """Named graph of a triples file under graph/: ``graph/<folder path>`` (TriG declares its own)."""
    rel = path.parent.relative_to(project.graph_dir)
    name = "/".join(rel.parts) or path.stem
    return ns.GRAPH + name


def discover(project: Project) -> list[SourceFile]:
    """List the files that make up the dataset, in a stable order.

    ontology/*.ttl go to the ontology graph; graph/**/*.trig|nq declare their graphs;
    graph/**/*.ttl|nt go to the graph named after their folder; graph/links/*.csv and
    graph/assessments/*.csv are compiled by :mod:`ogpgraph.dataset.links`.

    Raises:
        DataError: when graph/ holds no data file at all.
    """
    from ogpgraph.dataset.links import TABLE_SUFFIXES, table_key, table_kind

    files: list[SourceFile] = []
    for path in sorted(project.ontology_dir.glob("*.ttl")):
        files.append(SourceFile(path, "turtle", ns.ONTOLOGY_GRAPH))
    data: list[SourceFile] = []
    for path in sorted(project.graph_dir.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        fmt = FORMATS.get(path.suffix)
        if fmt in ("trig", "nquads"):
            data.append(SourceFile(path, fmt, None))
        elif fmt is not None:
            data.append(SourceFile(path, fmt, _graph_for(project, path)))
        elif path.suffix in TABLE_SUFFIXES and path.parent in project.table_dirs:
            data.append(SourceFile(path, "csv", table_kind(path).graph_prefix + table_key(path)))
    if not data:
        raise DataError(
            "the graph folder holds no data (.trig, .ttl, .nt, .nq or links/*.csv)",
            path=project.graph_dir,
        )
    # links tables refer to identifiers defined in the RDF files: compile them last
    data.sort(key=lambda sf: sf.format == "csv")
    return files + data


def fingerprint(files: Iterable[SourceFile]) -> str:
    """A digest of the input files' paths, sizes and modification times (as make does): it
    changes whenever a file is edited, added, removed or renamed, without reading the data."""
    import hashlib

    digest = hashlib.sha256()
    for sf in files:
        stat = sf.path.stat()
        digest.update(
            f"{sf.path.resolve()}\0{sf.graph}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


def too_long_term(path: Path, error: MemoryError) -> DataError:
    """Oxigraph's parsers read one term (an IRI or a literal) into a buffer of at most 16 MiB and
    raise MemoryError past it: name the file and the first line longer than that."""
    found = re.search(r"maximal size of (\d+)", str(error))
    limit = int(found.group(1)) if found else 16 * 1024 * 1024
    message = (
        f"a term (a literal or an IRI) longer than {limit:,} bytes, the most the RDF "
        "parser reads at once"
    )
    hint = "Keep long texts outside the graph and link to them."
    line, length = 1, 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            pieces = block.split(b"\n")
            for index, piece in enumerate(pieces):
                length += len(piece)
                if length > limit:
                    return DataError(message, path=path, line=line, hint=hint)
                if index < len(pieces) - 1:
                    line, length = line + 1, 0
    return DataError(message, path=path, hint=hint)


def _syntax_error(path: Path, error: SyntaxError) -> DataError:
    message = str(error.msg if getattr(error, "msg", None) else error)
    # pyoxigraph: "Parser error at line 3 column 9: Unexpected end (line 3)"
    if ": " in message and message.startswith("Parser error at"):
        message = message.split(": ", 1)[1]
    return DataError(
        f"RDF syntax error: {message}", path=path, line=error.lineno, column=error.offset
    )


#: files that mark a folder as an ogpgraph store (``--store DIR``): the marker, written when the
#: store is created, and the input files' fingerprint, written when a load completes (stores
#: made before the marker existed have only the fingerprint)
STORE_MARKER = "ogpgraph-store"
STORE_FINGERPRINT = "ogpgraph-fingerprint"
#: the indexes a KnowledgeGraph keeps (see :meth:`KnowledgeGraph.index`)
_INDEX_NAMES = ("identifiers", "types", "subject_files", "assessors")
STORE_MARKER_TEXT = (
    "This folder is an ogpgraph store (--store): ogpgraph may delete and rebuild data/ and\n"
    "view-*.pickle here whenever ontology/ or graph/ change. It is safe to delete.\n"
)


def check_store_folder(store_dir: Path) -> None:
    """Refuse a ``--store`` folder that ogpgraph did not make: rebuilding a store deletes its
    data/ folder, and a user's folder must never lose a file. An absent or empty folder, or one
    carrying the store marker, is fine.

    Raises:
        OgpgraphError: the folder holds something else (nothing is touched).
    """
    from ogpgraph.core.errors import OgpgraphError

    if not store_dir.exists():
        return
    if not store_dir.is_dir():
        raise OgpgraphError(f"--store {store_dir}: it is a file, not a folder")
    if (store_dir / STORE_MARKER).is_file() or (store_dir / STORE_FINGERPRINT).is_file():
        if (store_dir / "data").is_symlink():
            raise OgpgraphError(
                f"--store {store_dir}: data is a symbolic link, not the store's own folder; "
                "nothing was changed"
            )
        return
    entries = sorted(entry.name for entry in store_dir.iterdir())
    if entries:
        shown = ", ".join(entries[:3]) + (
            f" and {len(entries) - 3} more" if len(entries) > 3 else ""
        )
        raise OgpgraphError(
            f"--store {store_dir} is not an ogpgraph store: it holds {shown}; nothing was changed",
            hint="Give --store an empty or new folder (ogpgraph rebuilds a store's data/ folder "
            "whenever the graph changes, so it will not use a folder holding other files).",
        )


@dataclass
class KnowledgeGraph:
    """The whole dataset in an Oxigraph store, with the files it came from.

    Change tracking: ``generation`` counts the changes made through this object's mutating
    methods (:meth:`load_file`, :meth:`add`, :meth:`remove`, :meth:`update`). Whatever is derived
    from the data (here the dataset's own indexes; in :class:`ogpgraph.analysis.state.Analysis`
    the projection, coverage and gaps) is valid for one generation and recomputed after a change.
    Change the data through these methods, not through ``store`` directly: a direct write is not
    seen (``len(store)`` would see most of them, but costs 0.1 s at a million quads, too much to
    ask before every answer).
    """

    store: pyoxigraph.Store
    files: list[SourceFile] = field(default_factory=list)
    project: Project | None = None
    #: with ``--store DIR``: where derived data (the NetworkX view) may be cached, and the
    #: fingerprint of the input files it must match (cleared when the data is changed in place)
    cache_dir: Path | None = None
    cache_key: str = ""
    #: bumped by every mutating method: derived data of an older generation is stale
    generation: int = field(default=0, compare=False)
    #: the tables a lenient load (``broken_tables="skip"``) left out, in load order, each with
    #: its problems; empty after a strict load (which raises instead) or a complete one
    skipped_tables: list[SkippedTable] = field(default_factory=list, compare=False)
    #: the dataset's own indexes, each made on first use and dropped on every change:
    #: ``identifiers`` (short identifier -> IRI, :func:`ogpgraph.dataset.resolve.identifiers`),
    #: ``types`` (IRI -> its rdf:types, for the links tables), ``subject_files`` (IRI -> the input
    #: files that describe it, :meth:`files_defining`)
    _indexes: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ change
    def index(self, name: str, make: Callable[[], Any]) -> Any:
        """The dataset index ``name`` (one of those listed above), made by ``make`` on first use
        and kept until the data changes."""
        if name not in _INDEX_NAMES:
            raise ValueError(f"unknown index {name!r}; declared: {', '.join(_INDEX_NAMES)}")
        found = self._indexes.get(name)
        if found is None:
            found = self._indexes[name] = make()
        return found

    def _changed(self, *, in_place: bool = True) -> None:
        """Record a change: a new generation, the indexes dropped. ``in_place``: a change after
        loading, so the data no longer matches the input files' fingerprint (no on-disk cache of
        derived data applies, and a persistent store is rebuilt next time)."""
        self.generation += 1
        self._indexes.clear()
        if in_place and self.cache_key:
            self.cache_key = ""
            if self.cache_dir is not None:
                (self.cache_dir / STORE_FINGERPRINT).unlink(missing_ok=True)

    def add(self, quads: Iterable[pyoxigraph.Quad]) -> None:
        """Add quads (each in a named graph)."""
        self.store.extend(quads)
        self._changed()

    def remove(self, quads: Iterable[pyoxigraph.Quad]) -> None:
        """Remove quads."""
        for quad in list(quads):
            self.store.remove(quad)
        self._changed()

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (INSERT DATA, DELETE WHERE…) on the store."""
        self.store.update(sparql)
        self._changed()

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls,
        root: str | Path | Project | None = None,
        *,
        store_dir: str | Path | None = None,
        progress: Callable[[SourceFile], None] | None = None,
        broken_tables: BrokenTables = "fail",
    ) -> KnowledgeGraph:
        """Load ontology/ and graph/ of a project.

        Args:
            root: project root (default: found by :func:`ogpgraph.core.project.find_project`).
            store_dir: keep a persistent on-disk store there; it is reused while the input files
                are unchanged, and rebuilt when they change. A store a table was skipped from
                is not marked current: the next load rebuilds it (and fails if it is strict).
            progress: called with each file as it is loaded.
            broken_tables: ``fail`` (default): a table that does not compile raises its
                :class:`DataError`; ``skip``: it is left out and listed, with its problems, in
                :attr:`skipped_tables` (RDF files are always strict).

        Raises:
            DataError: a syntax error (file, line, column), no data, or (``fail``) a broken
                table.
        """
        import pyoxigraph as ox

        if broken_tables not in BROKEN_TABLES:
            raise ValueError(
                f"broken_tables={broken_tables!r}: use one of {', '.join(BROKEN_TABLES)}"
            )
        project = root if isinstance(root, Project) else find_project(root)
        files = discover(project)
        if store_dir is not None:
            return cls._load_persistent(project, files, Path(store_dir), progress, broken_tables)
        kg = cls(ox.Store(), [], project)
        kg._load_all(files, progress=progress, broken_tables=broken_tables)
        kg._check_default_graph()
        return kg

    @classmethod
    def load_files(cls, project: Project, files: list[SourceFile]) -> KnowledgeGraph:
        """Load an explicit list of files (e.g. everything but the links tables)."""
        import pyoxigraph as ox

        kg = cls(ox.Store(), [], project)
        kg._load_all(files)
        return kg

    @classmethod
    def _load_persistent(
        cls,
        project: Project,
        files: list[SourceFile],
        store_dir: Path,
        progress: Callable[[SourceFile], None] | None,
        broken_tables: BrokenTables = "fail",
    ) -> KnowledgeGraph:
        import shutil

        import pyoxigraph as ox

        from ogpgraph.core.files import ensure_folder, write_atomic

        stamp = store_dir / STORE_FINGERPRINT
        digest = fingerprint(files)
        check_store_folder(store_dir)
        if stamp.is_file() and stamp.read_text().strip() == digest:
            return cls(ox.Store(str(store_dir / "data")), files, project, store_dir, digest)
        ensure_folder(store_dir)
        write_atomic(store_dir / STORE_MARKER, STORE_MARKER_TEXT)
        stamp.unlink(missing_ok=True)
        if (store_dir / "data").exists():
            shutil.rmtree(store_dir / "data")
        for stale in store_dir.glob("view-*.pickle"):
            stale.unlink()
        kg = cls(ox.Store(str(store_dir / "data")), [], project, store_dir, digest)
        kg._load_all(files, bulk=True, progress=progress, broken_tables=broken_tables)
        kg._check_default_graph()
        kg.store.optimize()
        kg.store.flush()
        if kg.skipped_tables:
            # not the input files' data: never reused as if it were (a strict load must
            # rebuild it and fail), and no derived data is cached for it
            kg.cache_key = ""
        else:
            write_atomic(stamp, digest + "\n")
        return kg

    @classmethod
    def from_text(cls, data: str, *, graph: str, format: str = "turtle") -> KnowledgeGraph:
        """A small in-memory graph from text (for tests and examples)."""
        import pyoxigraph as ox

        store = ox.Store()
        if format in ("trig", "nquads"):
            store.load(data, format=rdf_format(format))
        else:
            store.load(data, format=rdf_format(format), to_graph=ox.NamedNode(graph))
        return cls(store)

    def _load_all(
        self,
        files: list[SourceFile],
        *,
        bulk: bool = False,
        progress: Callable[[SourceFile], None] | None = None,
        broken_tables: BrokenTables = "fail",
    ) -> None:
        """Load ``files`` in order, the link tables (CSV) after every RDF file: the tables are
        compiled against the same identifiers and types (made once, not again after each
        table), then added together (``broken_tables``: see :meth:`load`)."""
        tables = []
        for sf in files:
            if sf.format == "csv":
                tables.append(sf)
                continue
            self.load_file(sf, bulk=bulk)
            if progress is not None:
                progress(sf)
        self._add_tables(tables, progress=progress, broken_tables=broken_tables)

    def _add_tables(
        self,
        tables: list[SourceFile],
        *,
        progress: Callable[[SourceFile], None] | None = None,
        broken_tables: BrokenTables = "fail",
    ) -> None:
        """Compile link tables (CSV) against the data loaded so far and add them: every table
        is compiled before any is added, so all of them see the same identifiers and types
        (the indexes are made once), and a table that fails adds nothing. A table that does
        not compile raises its :class:`DataError` (``fail``) or is recorded in
        :attr:`skipped_tables` and left out (``skip``); the others are added either way."""
        compiled = []
        for sf in tables:
            try:
                compiled.append((sf, self._compile_table(sf)))
            except DataError as error:
                if broken_tables != "skip":
                    raise
                self.skipped_tables.append(SkippedTable.from_error(sf, error))
        compiled = self._without_clashes(compiled, broken_tables)
        for sf, quads in compiled:
            self.store.extend(quads)
            if progress is not None:
                progress(sf)
        if compiled:
            self._changed(in_place=False)

    def _without_clashes(
        self, compiled: list[tuple[SourceFile, list[pyoxigraph.Quad]]], broken_tables: str
    ) -> list[tuple[SourceFile, list[pyoxigraph.Quad]]]:
        """The compiled tables, checked together: rows of several tables that give one
        assessor two positions on one date (each table alone was checked as it compiled) raise
        a :class:`DataError` naming every row (``fail``), or leave out every table they are in
        (``skip``, recorded in :attr:`skipped_tables`)."""
        from ogpgraph.dataset.links import check_positions

        if len(compiled) < 2:
            return compiled
        clashes = check_positions([sf.path for sf, _quads in compiled], self)
        if not clashes:
            return compiled
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        hint = "Run `ogpgraph links check` for every problem."
        if broken_tables != "skip":
            raise DataError(clashes[0].where_and_what + more, hint=hint, problems=clashes)
        kept = []
        for sf, quads in compiled:
            mine = [
                c for c in clashes if c.location is not None and c.location.file == str(sf.path)
            ]
            if not mine:
                kept.append((sf, quads))
                continue
            error = DataError(str(mine[0]), hint=hint, problems=mine)
            self.skipped_tables.append(SkippedTable.from_error(sf, error))
        return kept

    def _compile_table(self, sf: SourceFile) -> list[pyoxigraph.Quad]:
        """The quads of one table, compiled against the data loaded so far.

        Raises:
            DataError: the table is broken (naming its first problem).
        """
        from ogpgraph.dataset.links import compile_links

        return list(compile_links(sf.path, graph=sf.graph or "", kg=self))

    def load_file(self, sf: SourceFile, *, bulk: bool = False) -> None:
        """Add one file to the store (transactional: a failing file adds nothing)."""
        import pyoxigraph as ox

        if sf.format == "csv":
            self._add_tables([sf])
            return
        to_graph = ox.NamedNode(sf.graph) if sf.graph else None
        kwargs: dict[str, Any] = {"path": str(sf.path), "format": rdf_format(sf.format)}
        if to_graph is not None:
            kwargs["to_graph"] = to_graph
        try:
            if bulk:
                self.store.bulk_load(**kwargs)
            else:
                self.store.load(**kwargs)
        except SyntaxError as error:
            raise _syntax_error(sf.path, error) from None
        except MemoryError as error:
            raise too_long_term(sf.path, error) from None
        except (OSError, ValueError) as error:
            raise DataError(f"cannot read RDF: {error}", path=sf.path) from None
        self.files.append(sf)
        self._changed(in_place=False)

    def _check_default_graph(self) -> None:
        """Every triple belongs to a named graph: a TriG file with triples outside GRAPH {} is an error."""
        import pyoxigraph as ox

        stray = next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
        if stray is None:
            return
        for sf in self.files:
            if sf.graph is None:
                for quad in ox.parse(path=str(sf.path), format=rdf_format(sf.format)):
                    if isinstance(quad.graph_name, ox.DefaultGraph):
                        raise DataError(
                            f"triple outside a GRAPH block: {quad.subject} {quad.predicate} …",
                            path=sf.path,
                            hint="Every fact belongs to a named graph that names its source.",
                        )
        raise DataError(f"triple outside any named graph: {stray}")

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self.store)

    def graph_names(self) -> list[str]:
        """The named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs())

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Any:
        """Run SPARQL with the union of all named graphs as the default graph.

        ``bindings`` maps variable names to terms (pyoxigraph terms, or strings: an IRI-looking
        string becomes a NamedNode, anything else a plain literal); they are substituted, never
        formatted into the text. Raises :class:`~ogpgraph.core.errors.QueryError` on a syntax error,
        with the position, and :class:`~ogpgraph.core.errors.UnsafeQueryError` for SERVICE, LOAD or
        FROM a graph that is not in the dataset.
        """
        from ogpgraph.core.engine import run_query

        return run_query(self, sparql, bindings=bindings, prefixes=prefixes)

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, Any]]:
        """Rows of a SELECT as dicts of variable name to Python value (str, int, float, bool…)."""
        from ogpgraph.core.values import python_value

        result = self.query(sparql, bindings=bindings or None)
        names = [v.value for v in result.variables]
        # iterating a solution yields its terms in variable order: faster than lookups by name
        return [dict(zip(names, map(python_value, row))) for row in result]

    def quads(self, graph: str | None = None) -> Iterator[pyoxigraph.Quad]:
        """All quads, or those of one named graph."""
        import pyoxigraph as ox

        target = ox.NamedNode(graph) if graph else None
        return iter(self.store.quads_for_pattern(None, None, None, target))

    def to_rdflib(self, *, union: bool = True) -> rdflib.Graph | rdflib.Dataset:
        """A copy in rdflib: the union graph (for pySHACL), or a Dataset with the named graphs."""
        import logging

        import pyoxigraph as ox
        import rdflib

        # rdflib logs a traceback for every ill-formed literal (e.g. "2014-13-40"^^xsd:date);
        # the shapes report those as data errors, so keep its log quiet while parsing.
        term_log = logging.getLogger("rdflib.term")
        level = term_log.level
        term_log.setLevel(logging.CRITICAL)
        try:
            if union:
                triples = {q.triple for q in self.store}
                graph = rdflib.Graph()
                graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
                return graph
            dataset = rdflib.Dataset()
            dataset.parse(
                data=ox.serialize(self.store, format=ox.RdfFormat.N_QUADS), format="nquads"
            )
            return dataset
        finally:
            term_log.setLevel(level)

    def files_defining(self, iri: str) -> list[Path]:
        """The input files in which ``iri`` is a subject (to point a user at the line to fix).

        The first call parses each input file once and remembers every subject's files, so that
        a report with many findings does not re-read the data for each one.
        """
        return self.index("subject_files", self._index_subject_files).get(iri, [])

    def _index_subject_files(self) -> dict[str, list[Path]]:
        import pyoxigraph as ox

        index: dict[str, list[Path]] = {}
        for sf in self.files:
            if sf.format == "csv":
                continue
            try:
                subjects = {
                    q.subject.value
                    for q in ox.parse(path=str(sf.path), format=rdf_format(sf.format))
                    if isinstance(q.subject, ox.NamedNode)
                }
            except (SyntaxError, OSError):
                continue
            for subject in subjects:
                index.setdefault(subject, []).append(sf.path)
        return index
