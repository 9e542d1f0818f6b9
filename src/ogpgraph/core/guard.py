"""The query guard: decide from a real parse whether a query stays inside the local dataset.

Oxigraph (like rdflib) follows ``SERVICE`` to the network and has no switch to stop it, so every
query that comes from outside the package is checked before it is evaluated. The check must not
disagree with the engine about what the text says (a comment that ends at a carriage return, a
``<`` used as less-than, a ``\\u`` escape in an IRI: each fooled the old keyword scanner). So:

1. the text is parsed by a complete SPARQL 1.1 parser (rdflib's grammar) into a parse tree;
2. the tree is walked: ``SERVICE``, SPARQL Update (``LOAD``, ``INSERT`` …) and ``FROM``/``FROM
   NAMED`` a graph outside the dataset are refused; so is any construct the walker does not know
   (it fails closed);
3. the tree is written out again as **canonical text**: every IRI in full between ``<>``, every
   literal quoted and escaped the one way, no comments, no prefixes, no ``BASE``, every
   expression bracketed — a form with one reading only;
4. the engine evaluates the canonical text, never the original: what runs is what was checked,
   whatever the original text meant to another parser.

Trusted text (the package's own queries) skips the guard: mark it with :class:`Trusted`.

>>> check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
ogpgraph.core.errors.UnsafeQueryError: SERVICE is refused at line 1, column 18: queries run on the local dataset only and never reach the network
>>> check("SELECT ?c WHERE { ?c a ogp:Commitment } LIMIT 2").text
'SELECT ?c WHERE { ?c <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ogpgraph/ontology#Commitment> . } LIMIT 2'
"""

from __future__ import annotations

import functools
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import QueryError, UnsafeQueryError

#: The longest query text checked (characters); longer ones are refused before parsing.
MAX_QUERY_CHARS = 256 * 1024
#: How deeply groups, expressions and paths may nest (the engine's own parser overflows its
#: stack on a few thousand levels; real queries use a handful).
MAX_DEPTH = 100
#: Python frames the parser may use (it recurses a few dozen frames a nesting level), and the
#: stack of the thread it runs in.
_PARSE_RECURSION = 8000
_PARSE_STACK = 256 << 20


class Trusted(str):
    """SPARQL text that ships with the package (stored and internal queries): not re-checked.

    Only the package's own constant text is marked; any string built from it is a plain ``str``
    again and goes through the guard.
    """

    __slots__ = ()


class CheckedQuery(NamedTuple):
    """A query the guard accepted.

    Attributes:
        text: the canonical text to evaluate — exactly what was checked; run this, not the
            original.
        form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; empty for :class:`Trusted`
            text, which is not parsed (the package's own code knows its queries' forms).
        iris: every IRI the query names as a term, in full (empty for :class:`Trusted` text);
            for hints such as a misspelt class, never for a decision about safety.
    """

    text: str
    form: str
    iris: frozenset[str] = frozenset()


GraphPolicy = Iterable[str] | Callable[[str], bool]


def check(
    query: str,
    *,
    allowed_graphs: GraphPolicy = (),
    prefixes: Mapping[str, str] | None = None,
) -> CheckedQuery:
    """Parse ``query`` and refuse SERVICE, LOAD, updates and FROM outside ``allowed_graphs``.

    Args:
        query: SPARQL text from outside the package.
        allowed_graphs: the graph IRIs a ``FROM``/``FROM NAMED`` may name, or a predicate.
        prefixes: predeclared prefixes (default: the project's, :data:`ogpgraph.core.namespaces.PREFIXES`).

    Raises:
        UnsafeQueryError: a refused feature, with its position.
        QueryError: a syntax error (line, column), an unknown prefix, or a query over the size or
            nesting limits.
    """
    if isinstance(query, Trusted):
        return CheckedQuery(str(query), "")
    allowed = allowed_graphs if callable(allowed_graphs) else frozenset(allowed_graphs)
    return _check(query, allowed, tuple(sorted((prefixes or ns.PREFIXES).items())))


@functools.lru_cache(maxsize=256)
def _check(query: str, allowed: Any, prefixes: tuple[tuple[str, str], ...]) -> CheckedQuery:
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(query):,} characters long; the most that is checked and run is "
            f"{MAX_QUERY_CHARS:,}",
            hint="Move long VALUES lists into the data, or split the query.",
        )
    # A comment ends at a carriage return as at a line feed (SPARQL's EOL); rdflib's comment rule
    # stops at line feeds only, so a lone CR becomes a LF before parsing (raw CRs cannot stand in
    # a short string, and CRLF pairs are left alone).
    tree = _parse(re.sub(r"\r(?!\n)", "\n", query), dict(prefixes))
    writer = _Writer(query, dict(prefixes), allowed)
    text = writer.query(tree)
    return CheckedQuery(text, writer.form, frozenset(writer.iris))


_parse_lock = threading.Lock()


def _parse(query: str, prefixes: Mapping[str, str]) -> Any:
    """rdflib's parse tree of a query; updates are refused, syntax errors located.

    The parser runs in a thread of its own, on a large stack: pyparsing recurses a few dozen
    frames a nesting level, and the exceptions it raises and keeps in reference cycles then hold
    that thread's frames only, never the caller's (whose locals may hold an open store).
    """
    outcome: dict[str, Any] = {}
    with _parse_lock:
        size, limit = threading.stack_size(), sys.getrecursionlimit()
        threading.stack_size(_PARSE_STACK)
        sys.setrecursionlimit(max(limit, _PARSE_RECURSION))  # the interpreter's, while it parses
        try:
            worker = threading.Thread(
                target=_parse_here, args=(query, outcome), name="ogpgraph-guard"
            )
            worker.start()
            worker.join()
        finally:
            threading.stack_size(size)
            sys.setrecursionlimit(limit)
    if outcome.get("too_deep"):
        raise _too_deep(query)
    if "tree" in outcome:
        return outcome["tree"]
    update = outcome.get("update")
    if update is not None:
        raise _update_refused(query, update)
    raise _syntax_error(query, prefixes, outcome["error"])


def _parse_here(query: str, outcome: dict[str, Any]) -> None:
    """The parse itself (in the guard's thread): fills ``outcome`` with ``tree``, or ``error``
    and ``update`` (the tree of an update, which is refused), or ``too_deep``."""
    import rdflib
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    normalize = rdflib.NORMALIZE_LITERALS
    # keep literals as written ("01", 1e3): the canonical text must mean what the query says
    rdflib.NORMALIZE_LITERALS = False
    try:
        try:
            outcome["tree"] = parseQuery(query)
            return
        except RecursionError:
            outcome["too_deep"] = True
            return
        except (ParseException, ValueError, TypeError) as error:  # ValueError: a bad \\u escape
            outcome["error"] = error
        try:
            outcome["update"] = parseUpdate(query)
        except (ParseException, RecursionError, ValueError, TypeError):
            pass
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


_UPDATE_WORDS = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT",
    "DeleteData": "DELETE",
    "DeleteWhere": "DELETE",
    "Modify": "DELETE",
}


def _update_refused(query: str, update: Any) -> UnsafeQueryError:
    requests = list(_g(update, "request") or [])
    name = _name(requests[0]) or "" if requests else ""
    word = _UPDATE_WORDS.get(name, "")
    if name == "Modify" and _g(requests[0], "delete") is None:
        word = "INSERT"
    where = _where(query, word) if word else ""
    if word == "LOAD":
        return UnsafeQueryError(f"LOAD is refused{where}: the dataset is read-only")
    return UnsafeQueryError(
        f"SPARQL Update{f' ({word})' if word else ''} is refused{where}: the dataset is read-only"
    )


def _syntax_error(query: str, prefixes: Mapping[str, str], error: Exception) -> QueryError:
    """The engine's own message and position where it finds the error inside the text; at the
    end of the text otherwise (an unfinished query, or syntax beyond SPARQL 1.1)."""
    engine = engine_syntax_error(query, prefixes)
    if engine is not None:
        return engine

    end = len(query.rstrip())
    line, col = line_col(query, end)
    return QueryError(
        f"SPARQL syntax error at line {line}, column {col} (the end of the query): the query is "
        f"unfinished, or is not SPARQL 1.1 ({getattr(error, 'msg', error)})",
        hint=_query_form_hint(query)
        or "The query guard reads SPARQL 1.1 (rdflib's grammar); extensions beyond it (SPARQL "
        "1.2 triple terms, engine-specific syntax) are refused.",
    )


def engine_syntax_error(query: str, prefixes: Mapping[str, str] | None = None) -> QueryError | None:
    """Oxigraph's syntax error for ``query`` when it lies inside the text, else None.

    Safe on any text: the engine parses the whole text before evaluating anything, and the text
    given to it ends with a newline and a NUL character, which no SPARQL query can end with
    (outside a string, IRI or comment it is not a token; the newline has ended any comment, short
    string or IRI; a long string left open stays unterminated). So the engine always stops at a
    syntax error and never evaluates. An error found past the user's text means the text is
    valid for the engine, or unfinished: None.
    """
    import pyoxigraph as ox

    probe = query + "\n\x00"
    try:
        ox.Store().query(probe, prefixes=dict(prefixes if prefixes is not None else ns.PREFIXES))
    except SyntaxError as error:
        match = re.match(r"error at (\d+):(\d+)", str(error))
        if match and int(match.group(1)) > query.count("\n") + 1:
            return None
        return syntax_error(query, error)
    # unreachable by construction; refuse rather than trust
    raise UnsafeQueryError("the query could not be checked safely")


def _where(query: str, word: str) -> str:
    """`` at line L, column C`` of the first ``word`` outside strings and IRIs, for messages.

    Display only: the decision was made on the parse tree; this finds a position to show.
    """

    for match in re.finditer(rf"(?i)(?<![\w:?$]){re.escape(word)}(?![\w:])", query):
        before = query[: match.start()]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            line, col = line_col(query, match.start())
            return f" at line {line}, column {col}"
    return ""


def _too_deep(query: str) -> QueryError:
    return QueryError(
        f"the query nests groups, brackets or lists more than {MAX_DEPTH} levels deep{_deepest(query)}",
        hint="Flatten the query: real queries nest a handful of levels.",
    )


def _deepest(query: str) -> str:
    """Where the bracket depth first passes MAX_DEPTH (for the message only)."""

    depth = 0
    for i, ch in enumerate(query):
        if ch in "{([":
            depth += 1
            if depth > MAX_DEPTH:
                line, col = line_col(query, i)
                return f" (near line {line}, column {col})"
        elif ch in "})]":
            depth -= 1
    return ""


# ------------------------------------------------------------------------------ canonical text
_IRI_SAFE = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_PN_LOCAL_ESC = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")
_BUILTIN_WORDS = {"NOTEXISTS": "NOT EXISTS"}
_AGGREGATES = {
    "Aggregate_Count": "COUNT",
    "Aggregate_Sum": "SUM",
    "Aggregate_Min": "MIN",
    "Aggregate_Max": "MAX",
    "Aggregate_Avg": "AVG",
    "Aggregate_Sample": "SAMPLE",
    "Aggregate_GroupConcat": "GROUP_CONCAT",
}
_QUERIES = {
    "SelectQuery": "SELECT",
    "ConstructQuery": "CONSTRUCT",
    "AskQuery": "ASK",
    "DescribeQuery": "DESCRIBE",
}


def iri(value: str) -> str:
    """An IRI as canonical SPARQL: ``<…>``, characters IRIs cannot hold as ``\\u`` escapes
    (which the engine then refuses as an invalid IRI)."""
    if _IRI_SAFE.fullmatch(value):
        return f"<{value}>"
    return (
        "<"
        + "".join(
            c
            if _IRI_SAFE.fullmatch(c)
            else f"\\u{ord(c):04X}"
            if ord(c) <= 0xFFFF
            else f"\\U{ord(c):08X}"
            for c in value
        )
        + ">"
    )


def string(value: str) -> str:
    """A string as canonical SPARQL: double quotes, backslash escapes for the few that need it."""
    return '"' + "".join(_STRING_ESCAPES.get(c, c) for c in value) + '"'


class _Writer:
    """Walks rdflib's parse tree, refusing what is not allowed, writing the canonical text."""

    def __init__(self, source: str, prefixes: dict[str, str], allowed: Any) -> None:
        self.source = source
        self.prefixes = prefixes
        self.allowed = allowed
        self.base: str | None = None
        self.bnodes: dict[str, str] = {}
        self.form = "SELECT"
        self.iris: set[str] = set()

    # -- structure
    def query(self, tree: Any) -> str:
        prologue, body = tree[0], tree[1]
        for decl in prologue or []:
            if decl.name == "Base":
                self.base = self._resolve(str(decl["iri"]))
            elif decl.name == "PrefixDecl":
                self.prefixes[_g(decl, "prefix") or ""] = self._resolve(str(decl["iri"]))
            else:
                self._unknown(decl)
        self.form = _QUERIES.get(body.name, "")
        if not self.form:
            self._unknown(body)
        return self._query_body(body)

    def _query_body(self, q: Any) -> str:
        out = [self.form]
        if q.name == "SelectQuery":
            out.append(self._projection(q))
        elif q.name == "ConstructQuery":
            template = _g(q, "template")
            where = _g(q, "where")
            if where is not None and where.name == "FakeGroupGraphPatten":  # CONSTRUCT WHERE {…}
                out += self._datasets(q)
                out.append("WHERE {")
                for part in _g(where, "part") or []:
                    out.append(self._triples(_g(part, "triples") or [], 0))
                out.append("}")
                out.append(self._modifiers(q, 0))
                return _join(out)
            out.append("{ " + self._triples(template or [], 0) + " }")
        elif q.name == "DescribeQuery":
            targets = _g(q, "var")
            out.append(" ".join(self._term(v) for v in targets) if targets else "*")
        out += self._datasets(q)
        if _g(q, "where") is not None:
            out.append("WHERE " + self._group(q["where"], 0))
        out.append(self._modifiers(q, 0))
        return _join(out)

    def _projection(self, q: Any) -> str:
        words = [q["modifier"]] if _g(q, "modifier") else []
        projection = _g(q, "projection")
        if not projection:
            return " ".join(words + ["*"])
        for item in projection:
            if _g(item, "evar") is not None:
                words.append(f"({self._expr(item['expr'], 1)} AS {self._var(item['evar'])})")
            else:
                words.append(self._var(item["var"]))
        return " ".join(words)

    def _datasets(self, q: Any) -> list[str]:
        out = []
        for clause in _g(q, "datasetClause") or []:
            named = _g(clause, "named")
            target = self._iri_value(named if named is not None else clause["default"])
            allowed = self.allowed(target) if callable(self.allowed) else target in self.allowed
            if not allowed:
                raise UnsafeQueryError(
                    f"FROM <{target}> is refused{_where(self.source, 'FROM')}: only the dataset's "
                    "own named graphs can be used (nothing is fetched); list them with "
                    "`ogpgraph stats`"
                )
            out.append(("FROM NAMED " if named is not None else "FROM ") + iri(target))
        return out

    def _modifiers(self, q: Any, depth: int) -> str:
        out = []
        group = _g(q, "groupby")
        if group is not None:
            out.append(
                "GROUP BY " + " ".join(self._group_condition(c, depth) for c in group["condition"])
            )
        having = _g(q, "having")
        if having is not None:
            out.append(
                "HAVING " + " ".join(f"({self._expr(c, depth + 1)})" for c in having["condition"])
            )
        order = _g(q, "orderby")
        if order is not None:
            conditions = []
            for c in order["condition"]:
                expr = f"({self._expr(c['expr'], depth + 1)})"
                conditions.append(f"{c['order']}{expr}" if _g(c, "order") else expr)
            out.append("ORDER BY " + " ".join(conditions))
        limits = _g(q, "limitoffset")
        if limits is not None:
            if _g(limits, "limit") is not None:
                out.append(f"LIMIT {int(limits['limit'])}")
            if _g(limits, "offset") is not None:
                out.append(f"OFFSET {int(limits['offset'])}")
        values = _g(q, "valuesClause")
        if values is not None:
            out.append(self._values(values))
        return _join(out)

    def _group_condition(self, c: Any, depth: int) -> str:
        if _name(c) == "GroupAs":
            expr = self._expr(c["expr"], depth + 1)
            return f"({expr} AS {self._var(c['var'])})" if _g(c, "var") is not None else f"({expr})"
        if _is_var(c):
            return self._var(c)
        return f"({self._expr(c, depth + 1)})"

    def _group(self, g: Any, depth: int) -> str:
        """``{ … }`` of a GroupGraphPatternSub or a SubSelect."""
        if depth > MAX_DEPTH:
            raise _too_deep(self.source)
        name = _name(g)
        if name == "SubSelect":
            self_form, self.form = self.form, "SELECT"
            inner = [
                "SELECT",
                self._projection(g),
                "WHERE " + self._group(g["where"], depth + 1),
                self._modifiers(g, depth + 1),
            ]
            self.form = self_form
            return "{ " + _join(inner) + " }"
        if name != "GroupGraphPatternSub":
            self._unknown(g)
        parts = []
        for part in _g(g, "part") or []:
            parts.append(self._part(part, depth + 1))
        return "{ " + " ".join(p for p in parts if p) + " }" if parts else "{ }"

    def _part(self, p: Any, depth: int) -> str:
        name = p.name
        if name == "TriplesBlock":
            return self._triples(_g(p, "triples") or [], depth)
        if name == "ServiceGraphPattern":
            raise UnsafeQueryError(
                f"SERVICE is refused{_where(self.source, 'SERVICE')}: queries run on the local "
                "dataset only and never reach the network"
            )
        if name == "OptionalGraphPattern":
            return "OPTIONAL " + self._group(p["graph"], depth)
        if name == "MinusGraphPattern":
            return "MINUS " + self._group(p["graph"], depth)
        if name == "GroupOrUnionGraphPattern":
            return " UNION ".join(self._group(g, depth) for g in p["graph"])
        if name == "GraphGraphPattern":
            return f"GRAPH {self._term(p['term'])} " + self._group(p["graph"], depth)
        if name == "Filter":
            return f"FILTER({self._expr(p['expr'], depth)})"
        if name == "Bind":
            return f"BIND({self._expr(p['expr'], depth)} AS {self._var(p['var'])})"
        if name == "InlineData":
            return self._values(p)
        self._unknown(p)
        return ""

    def _values(self, v: Any) -> str:
        variables = [x for x in (_g(v, "var") or []) if _is_var(x)]
        rows = []
        for value in _g(v, "value") or []:
            if _is_list(value):
                cells = list(value)
            elif _is_nil(value) and len(variables) != 1:
                cells = []
            else:  # VALUES ?x { a b }: one value a row
                cells = [value]
            rows.append(
                "(" + " ".join("UNDEF" if c == "UNDEF" else self._term(c) for c in cells) + ")"
            )
        names = " ".join(self._var(x) for x in variables)
        return f"VALUES ({names}) {{ {' '.join(rows)} }}"

    def _triples(self, blocks: Any, depth: int) -> str:
        out = []
        for block in blocks:
            terms = list(block)
            if len(terms) % 3:
                raise QueryError("the query guard could not read a triple pattern of this query")
            for i in range(0, len(terms), 3):
                s, p, o = terms[i : i + 3]
                out.append(f"{self._term(s)} {self._path(p, depth)} {self._term(o)} .")
        return " ".join(out)

    # -- paths
    def _path(self, p: Any, depth: int) -> str:
        if depth > MAX_DEPTH:
            raise _too_deep(self.source)
        name = _name(p)
        if name is None:
            return self._term(p)
        if name in ("PathAlternative", "PathSequence"):
            parts = [self._path(x, depth + 1) for x in p["part"]]
            between = " | " if name == "PathAlternative" else " / "
            return parts[0] if len(parts) == 1 else "(" + between.join(parts) + ")"
        if name == "PathElt":
            inner = self._path(p["part"], depth + 1)
            mod = _g(p, "mod")
            if mod is None:
                return inner
            if mod not in ("?", "*", "+"):
                self._unknown(p)
            return f"({inner}){mod}"
        if name == "PathEltOrInverse":
            return f"^({self._path(p['part'], depth + 1)})"
        if name == "PathNegatedPropertySet":
            parts = [self._path(x, depth + 1) for x in (_g(p, "part") or [])]
            return "!(" + " | ".join(parts) + ")"
        if name == "InversePath":
            return f"^{self._path(p['part'], depth + 1)}"
        if name == "pname":
            return self._term(p)
        self._unknown(p)
        return ""

    # -- expressions
    def _expr(self, e: Any, depth: int) -> str:
        if depth > MAX_DEPTH:
            raise _too_deep(self.source)
        name = _name(e)
        if name is None:
            if _is_list(e):
                return "(" + ", ".join(self._expr(x, depth + 1) for x in e) + ")"
            return self._term(e)
        if name in ("ConditionalOrExpression", "ConditionalAndExpression"):
            op = " || " if name == "ConditionalOrExpression" else " && "
            first = self._expr(e["expr"], depth + 1)
            others = _g(e, "other")
            if not others:
                return first
            return "(" + op.join([first, *(self._expr(x, depth + 1) for x in others)]) + ")"
        if name == "RelationalExpression":
            first = self._expr(e["expr"], depth + 1)
            op = _g(e, "op")
            if op is None:
                return first
            op = " ".join(str(op).upper().split())
            if op not in ("=", "!=", "<", ">", "<=", ">=", "IN", "NOT IN"):
                self._unknown(e)
            other = e["other"]
            if op in ("IN", "NOT IN"):
                items = [] if _is_nil(other) else list(other)
                right = "(" + ", ".join(self._expr(x, depth + 1) for x in items) + ")"
            else:
                right = self._expr(other, depth + 1)
            return f"({first} {op} {right})"
        if name in ("AdditiveExpression", "MultiplicativeExpression"):
            out = self._expr(e["expr"], depth + 1)
            ops, others = list(_g(e, "op") or []), list(_g(e, "other") or [])
            if len(ops) != len(others):
                self._unknown(e)
            for op, other in zip(ops, others):
                if op not in ("+", "-", "*", "/"):
                    self._unknown(e)
                out = f"({out} {op} {self._expr(other, depth + 1)})"
            return out
        if name in ("UnaryNot", "UnaryPlus", "UnaryMinus"):
            sign = {"UnaryNot": "!", "UnaryPlus": "+", "UnaryMinus": "-"}[name]
            return f"{sign}({self._expr(e['expr'], depth + 1)})"
        if name == "Function":
            args = _g(e, "expr")
            items = [] if args is None or _is_nil(args) else list(args)
            distinct = "DISTINCT " if _g(e, "distinct") else ""
            return (
                f"{self._term(e['iri'])}({distinct}"
                + ", ".join(self._expr(x, depth + 1) for x in items)
                + ")"
            )
        if name in _AGGREGATES:
            distinct = "DISTINCT " if _g(e, "distinct") else ""
            inner = "*" if _g(e, "vars") == "*" else self._expr(e["vars"], depth + 1)
            separator = _g(e, "separator")
            tail = f"; SEPARATOR={string(str(separator))}" if separator is not None else ""
            return f"{_AGGREGATES[name]}({distinct}{inner}{tail})"
        if name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            word = "EXISTS" if name == "Builtin_EXISTS" else "NOT EXISTS"
            return f"{word} " + self._group(e["graph"], depth + 1)
        if name.startswith("Builtin_"):
            word = name[len("Builtin_") :]
            if not re.fullmatch(r"[A-Za-z_0-9]+", word):
                self._unknown(e)
            args = []
            for key, value in e.items():
                if key in (
                    "arg",
                    "arg1",
                    "arg2",
                    "arg3",
                    "text",
                    "pattern",
                    "flags",
                    "start",
                    "length",
                    "replacement",
                ):
                    if word in ("CONCAT", "COALESCE") and key == "arg":
                        items = [] if _is_nil(value) else list(value)
                        args += [self._expr(x, depth + 1) for x in items]
                    else:
                        args.append(self._expr(value, depth + 1))
                else:
                    self._unknown(e)
            return f"{_BUILTIN_WORDS.get(word, word)}(" + ", ".join(args) + ")"
        if name in ("literal", "pname"):
            return self._term(e)
        self._unknown(e)
        return ""

    # -- terms
    def _term(self, t: Any) -> str:
        from rdflib import BNode, Literal, URIRef, Variable

        name = _name(t)
        if name == "pname":
            full = self._pname(t)
            self.iris.add(full)
            return iri(full)
        if name == "literal":
            text = string(str(t["string"]))
            if _g(t, "lang") is not None:
                lang = str(t["lang"]).lstrip("@")
                if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", lang):
                    self._unknown(t)
                return f"{text}@{lang}"
            if _g(t, "datatype") is not None:
                return f"{text}^^{iri(self._iri_value(t['datatype']))}"
            return text
        if name is not None:
            self._unknown(t)
        if isinstance(t, Variable):
            return self._var(t)
        if isinstance(t, BNode):
            label = self.bnodes.setdefault(str(t), f"_:b{len(self.bnodes)}")
            return label
        if isinstance(t, URIRef):
            full = self._resolve(str(t))
            self.iris.add(full)
            return iri(full)
        if isinstance(t, Literal):
            text = string(str(t))
            if t.language:
                return f"{text}@{t.language}"
            if t.datatype is not None:
                return f"{text}^^{iri(str(t.datatype))}"
            return text
        self._unknown(t)
        return ""

    def _var(self, v: Any) -> str:
        from rdflib import Variable

        if not isinstance(v, Variable) or not re.fullmatch(
            r"[\w\u00b7\u0300-\u036f\u203f-\u2040]+", str(v)
        ):
            self._unknown(v)
        return "?" + str(v)

    def _iri_value(self, t: Any) -> str:
        from rdflib import URIRef

        if _name(t) == "pname":
            return self._pname(t)
        if isinstance(t, URIRef):
            return self._resolve(str(t))
        self._unknown(t)
        return ""

    def _pname(self, t: Any) -> str:
        prefix = _g(t, "prefix") or ""
        if prefix not in self.prefixes:
            where = ""
            match = re.search(rf"(?<![\w\-.:]){re.escape(prefix)}:", self.source)
            if match:
                line, col = line_col(self.source, match.start())
                where = f" at line {line}, column {col}"
            raise QueryError(
                f"SPARQL syntax error{where}: unknown prefix {prefix + ':'!r}",
                hint="Declare it with PREFIX, or use one of the predeclared prefixes: "
                + ", ".join(sorted(ns.PREFIXES)),
            )
        local = _PN_LOCAL_ESC.sub(r"\1", str(_g(t, "localname") or ""))
        return self.prefixes[prefix] + local

    def _resolve(self, value: str) -> str:
        if self.base is None or re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", value):
            return value
        from urllib.parse import urljoin

        return urljoin(self.base, value)

    def _unknown(self, node: Any) -> None:
        what = _name(node) or type(node).__name__
        raise QueryError(
            f"the query guard does not know the construct {what!r} and refuses the query",
            hint="The guard reads SPARQL 1.1; write the query in standard SPARQL 1.1.",
        )


def _g(node: Any, key: str) -> Any:
    """A parameter of a parse-tree node, None when absent (rdflib's own ``get`` returns the key)."""
    return dict.get(node, key)


def _name(node: Any) -> str | None:
    """The grammar rule of a parse-tree node, None for terms and lists."""
    from rdflib.plugins.sparql.parserutils import CompValue

    return node.name if isinstance(node, CompValue) else None


def _join(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


def _is_var(x: Any) -> bool:
    from rdflib import Variable

    return isinstance(x, Variable)


def _is_list(x: Any) -> bool:
    from pyparsing import ParseResults

    return isinstance(x, (list, tuple, ParseResults))


def _is_nil(x: Any) -> bool:
    from rdflib import RDF

    return bool(x == RDF.nil)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def syntax_error(query: str, error: SyntaxError) -> QueryError:
    """A readable SPARQL syntax error with the position and a caret under it."""
    message = str(error)
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not match:
        return QueryError(f"SPARQL syntax error: {message}")
    # Oxigraph reports the position just after the offending character: step back one.
    line, col, why = int(match.group(1)), max(int(match.group(2)) - 1, 1), match.group(3)
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    caret = " " * max(col - 1, 0) + "^"
    return QueryError(
        f"SPARQL syntax error at line {line}, column {col}: {why}\n  {text}\n  {caret}",
        hint=_query_form_hint(query),
    )


#: the declarations a query may start with, and the words of its form
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


def _query_form_hint(query: str) -> str | None:
    """When the first word after the prologue is not a query form (``SELEC``), say what a query
    starts with, and the form it is closest to."""
    import difflib

    start = _PROLOGUE.match(query)
    word = re.match(r"[A-Za-z]+", query[start.end() if start else 0 :])
    if word is None or word.group(0).upper() in _FORMS:
        return None
    close = difflib.get_close_matches(word.group(0).upper(), _FORMS, n=1, cutoff=0.6)
    guess = f" Did you mean {close[0]}?" if close else ""
    return (
        f"A query starts with {', '.join(_FORMS[:-1])} or {_FORMS[-1]} (after any PREFIX and "
        f"BASE lines), not {word.group(0)!r}.{guess}"
    )
