"""The query guard decides on a real parse and the engine runs exactly what was checked.

The differential fuzz test generates thousands of queries that mix comments ending in ``\\r`` or
``\\n``, strings of every quoting style holding quotes, braces and ``\\u`` escapes, ``<`` used as
an operator, IRIs with escapes, prefixed names and nesting around ``SERVICE`` calls to a loopback
listener. Run unguarded, many of them reach the listener (the control: the generator really does
hide SERVICE calls); through the guard, none does, and every accepted query's canonical text is a
fixed point of the guard.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from ogpgraph.core import namespaces as ns
from ogpgraph.core.errors import QueryError, UnsafeQueryError
from ogpgraph.core.guard import MAX_DEPTH, Trusted, check, engine_syntax_error
from ogpgraph.core.queries import stored_queries

from .conftest import LoopbackSpy

BYPASSES = [
    # a carriage return ends a comment for the engine
    "SELECT * WHERE {{ # x\r SERVICE <{url}x> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ # x\rSERVICE <{url}x> {{ ?s ?p ?o }}\n}}",
    # '<' as less-than, not the start of an IRI
    "SELECT * WHERE {{ BIND(1<'>' AS ?z) SERVICE <{url}x> {{ ?s ?p ?o }} BIND('' AS ?w) }}",
    # a \\u escape inside an IRI
    "SELECT * WHERE {{ BIND(<http://x/\\u0041'> AS ?z) SERVICE <{url}x> {{ ?s ?p ?o }} BIND('' AS ?w) }}",
]
FROM_BYPASS = "SELECT * # x\rFROM <file:///etc/passwd>\nWHERE { ?s ?p ?o }"


def _store() -> ox.Store:
    store = ox.Store()
    g = ox.NamedNode("https://w3id.org/ogpgraph/graph/test")
    for i in range(3):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://ex/s{i}"), ox.NamedNode("http://ex/p"), ox.Literal(str(i)), g
            )
        )
    return store


def _run(store: ox.Store, text: str, prefixes: dict[str, str] | None = None) -> None:
    """Evaluate fully (the engine is lazy: iterate the results)."""
    result = store.query(text, use_default_graph_as_union=True, prefixes=prefixes)
    if isinstance(result, ox.QueryBoolean):
        bool(result)
    else:
        for _ in result:
            pass


# ------------------------------------------------------------------------------ generator
def _string(rng: random.Random) -> str:
    quote = rng.choice(["'", '"', "'''", '"""'])
    alphabet = [
        "a",
        " ",
        "'",
        '"',
        "\\'",
        '\\"',
        "\\\\",
        "\\u0027",
        "\\u0022",
        "\\u003E",
        ">",
        "<",
        "#",
        "{",
        "}",
        "SERVICE",
        "\\n",
        "\\r",
    ]
    if len(quote) == 3:
        alphabet += ["\n", "\r"]
    body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))
    return quote + body + quote


def _iri(rng: random.Random) -> str:
    return (
        "<http://x/"
        + "".join(
            rng.choice(["a", "\\u0041", "'", '"', "\\u0027", "%20", "#"])
            for _ in range(rng.randint(0, 3))
        )
        + ">"
    )


def _service(rng: random.Random, url: str) -> str:
    word = rng.choice(["SERVICE", "service", "SeRvIcE", "SERVICE SILENT"])
    target = rng.choice([f"<{url}x>", "svc:q"])
    return f"{word} {target} {{ ?s ?p ?o }}"


def _piece(rng: random.Random, url: str, depth: int = 0) -> str:
    kind = rng.randrange(12)
    if kind == 0:
        return _service(rng, url)
    if kind == 1:
        return (
            "# "
            + rng.choice(["x", "SERVICE", "'", '"', "<", "{"])
            + rng.choice(["\n", "\r", "\r\n", " "])
        )
    if kind == 2:
        return f"BIND({_string(rng)} AS ?v{rng.randrange(5)})"
    if kind == 3:
        return f"BIND(1{rng.choice(['<', '>', '<=', '!='])}{_string(rng)} AS ?w{rng.randrange(5)})"
    if kind == 4:
        return f"BIND({_iri(rng)} AS ?i{rng.randrange(5)})"
    if kind == 5:
        return (
            "FILTER(?o "
            + rng.choice(["<", ">"])
            + " "
            + rng.choice(["'>'", '"<"', "2", "<x:y>"])
            + ")"
        )
    if kind == 6:
        return "?s ?p ?o ."
    if kind == 7 and depth < 3:
        inner = " ".join(_piece(rng, url, depth + 1) for _ in range(rng.randint(0, 3)))
        return rng.choice(["", "OPTIONAL ", "MINUS "]) + "{ " + inner + " }"
    if kind == 8:
        return rng.choice(["\r", "\n", "\t", " ", "\r\n"])
    if kind == 9:
        return "?s svc:" + rng.choice(["p", "q\\.r", "x"]) + " ?o ."
    if kind == 10:
        return _string(rng)  # stray strings: a syntax error, or they swallow what follows
    return rng.choice(["<", ">", "'", '"', "{", "}", "(", ")", "\\"])


def generated_queries(url: str, count: int, seed: int = 20261130) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        body = " ".join(_piece(rng, url) for _ in range(rng.randint(1, 6)))
        head = f"PREFIX svc: <{url}>\n" if rng.random() < 0.5 else ""
        out.append(f"{head}SELECT * WHERE {{ {body} }}")
    return out


# ------------------------------------------------------------------------------ tests
def test_differential_fuzz_nothing_the_guard_accepts_reaches_the_network():
    spy = LoopbackSpy()
    try:
        store = _store()
        queries = generated_queries(spy.url, 2000)
        prefixes = {"svc": spy.url}

        # the control: run unguarded, the generator's queries do reach the listener
        reached = 0
        for text in queries[:400]:
            before = spy.connections
            try:
                _run(store, text, prefixes)
            except (SyntaxError, OSError, ValueError, RuntimeError):
                pass
            reached += spy.connections > before
        assert reached >= 25, f"the generator hides too few reachable SERVICE calls ({reached}/400)"

        spy.connections = 0
        accepted = refused = 0
        for text in queries:
            try:
                checked = check(text, prefixes=prefixes)
            except UnsafeQueryError:
                refused += 1
                continue
            except QueryError:
                continue
            accepted += 1
            # the canonical text is a fixed point, and what the guard accepted runs cleanly
            assert check(checked.text, prefixes=prefixes).text == checked.text, text
            try:
                _run(store, checked.text)
            except (SyntaxError, OSError, ValueError, RuntimeError):
                pass
            assert spy.connections == 0, f"reached the network: {text!r} -> {checked.text!r}"
        assert accepted >= 200 and refused >= 150, (accepted, refused)

        # the engine's syntax probe (used for error messages) never evaluates either
        for text in queries[:600]:
            engine_syntax_error(text, prefixes)
        assert spy.connections == 0
    finally:
        spy.close()


@pytest.mark.parametrize("template", BYPASSES)
def test_the_reported_bypasses_are_refused(template, loopback_spy):
    query = template.format(url=loopback_spy.url)
    with pytest.raises(UnsafeQueryError, match="SERVICE is refused"):
        check(query)
    assert loopback_spy.connections == 0


def test_the_comment_trick_does_not_carry_from_past_the_check():
    with pytest.raises(UnsafeQueryError, match="FROM <file:///etc/passwd> is refused"):
        check(FROM_BYPASS)


@pytest.mark.parametrize("template", BYPASSES)
@pytest.mark.parametrize("how", ["inline", "stdin", "file", "export-html"])
def test_bypasses_are_refused_on_every_way_in(cli, root, tmp_path, loopback_spy, template, how):
    query = template.format(url=loopback_spy.url)
    if how == "inline":
        result = cli("query", query, root=root)
    elif how == "stdin":
        result = cli("query", root=root, input=query)
    else:
        path = tmp_path / "q.rq"
        path.write_bytes(query.encode("utf-8"))
        if how == "file":
            result = cli("query", "-f", str(path), root=root)
        else:
            result = cli(
                "export", "html", "--query", str(path), "-o", str(tmp_path / "x.html"), root=root
            )
    assert result.exit_code == 2, result.output
    assert "SERVICE is refused" in result.output
    assert loopback_spy.connections == 0
    assert not (tmp_path / "x.html").exists()


def test_every_stored_query_gives_the_same_rows_as_its_canonical_text(kg):
    import re

    for name, stored in stored_queries().items():
        checked = check(str(stored.text))  # as a plain str: checked, not trusted
        original = kg.store.query(
            stored.text, use_default_graph_as_union=True, prefixes=dict(ns.PREFIXES)
        )
        canonical = kg.store.query(checked.text, use_default_graph_as_union=True)
        assert [list(map(str, r)) for r in original] == [list(map(str, r)) for r in canonical], name
        assert not re.search(r"(?i)\bSERVICE\b", checked.text), name


def test_canonical_text_keeps_literals_as_written():
    text = check('SELECT * WHERE { ?s ?p 01, 1e3, 1.50, "a\\"b"@en, "x"^^xsd:string }').text
    for literal in ('"01"^^', '"1e3"^^', '"1.50"^^', '"a\\"b"@en'):
        assert literal in text


def test_updates_and_load_are_refused_with_their_word():
    with pytest.raises(UnsafeQueryError, match="LOAD is refused at line 1, column 1"):
        check("LOAD <http://127.0.0.1:1/x>")
    with pytest.raises(UnsafeQueryError, match=r"SPARQL Update \(INSERT\) is refused"):
        check("INSERT DATA { <a:b> <a:c> <a:d> }")
    with pytest.raises(UnsafeQueryError, match=r"SPARQL Update \(DELETE\) is refused"):
        check("DELETE WHERE { ?s ?p ?o }")


def test_deep_nesting_is_refused_before_the_engine_sees_it():
    deep = "SELECT * WHERE " + "{" * 3000 + "}" * 3000
    with pytest.raises(QueryError, match=f"more than {MAX_DEPTH} levels deep"):
        check(deep)
    fine = "SELECT * WHERE " + "{" * 30 + " ?s ?p ?o " + "}" * 30
    assert check(fine).form == "SELECT"


def test_deeply_nested_query_on_the_command_line_is_a_clear_error(cli, root):
    result = cli("query", "SELECT * WHERE " + "{" * 3000 + "}" * 3000, root=root)
    assert result.exit_code == 2
    assert "levels deep" in result.output and "Traceback" not in result.output


def test_oversized_query_is_refused_before_parsing():
    with pytest.raises(QueryError, match="characters long"):
        check("SELECT * WHERE { ?s ?p ?o } #" + "x" * (300 * 1024))


def test_trusted_text_is_not_reparsed_but_a_string_built_from_it_is():
    trusted = Trusted("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
    assert check(trusted).text == trusted
    with pytest.raises(UnsafeQueryError):
        check(trusted + " ")


def test_from_a_graph_of_the_dataset_is_kept_in_the_canonical_text():
    g = "https://w3id.org/ogpgraph/graph/test"
    text = check(f"SELECT * FROM <{g}> WHERE {{ ?s ?p ?o }}", allowed_graphs=[g]).text
    assert f"FROM <{g}>" in text
