"""Cells of the OGP commitments sheet: stray white space, names for matching, IRI slugs, and
the organisations named in one cell (see :func:`split_institutions`)."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable


def clean(text: str) -> str:
    """Stray white space removed: trimmed, runs of spaces and line breaks made one space."""
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """Long text: trimmed, line endings made ``\\n``, line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """An organisation or member name for matching: accents and case folded, '&' read as
    'and', a leading 'the' and all punctuation dropped."""
    if name.isascii():
        text = name.casefold()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("’", "'").replace("'", "")
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return text[4:] if text.startswith("the ") else text


def slug(name: str, limit: int = 60) -> str:
    """A lower-case, hyphenated IRI segment; a short hash when no ASCII letter is left."""
    key = name_key(name).replace(" ", "-")
    if len(key) > limit:
        key = key[:limit].rsplit("-", 1)[0] or key[:limit]
    if not key:
        key = "x" + hashlib.sha256(name.encode()).hexdigest()[:10]
    return key


#: words that open an institution's name ("Ministry of …") or end it ("… Commission")
_HEADS = frozenset(
    """
ministry ministries department dept office agency commission council authority institute bureau
secretariat directorate presidency parliament university court tribunal police treasury
ombudsman auditor auditor-general government municipality senate congress
""".split()
)
_TAILS = frozenset(
    """
ministry department office agency agencies commission commissioner council authority institute
institution foundation university bureau secretariat network society coalition association
centre center court courts parliament government municipality treasury police tribunal board
directorate unit organisation organization alliance trust committee presidency senate assembly
library archives inspectorate ombudsman registry corporation company forum group partnership
fund chamber academy observatory federation union movement initiative lab laboratory platform
bank administration
""".split()
)


def _institution_like(name: str, known: Callable[[str], bool]) -> bool:
    """Whether a fragment names an institution by itself: it opens with a word such as
    Ministry or Office, ends with one such as Commission or Council, is an acronym, or is a
    known organisation."""
    words = re.findall(r"[\w'’-]+", name.casefold())
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return False
    first = re.sub(r"['’]s$", "", words[0])
    return (
        first in _HEADS
        or words[-1] in _TAILS
        or known(name)
        or bool(re.fullmatch(r"[A-Z][A-Z0-9&.\-]+", name.strip()))
    )


def split_institutions(cell: str, known: Callable[[str], bool] = lambda _n: False) -> list[str]:
    """The organisations named in one cell, in order, without repeats.

    Splits on ``;``, ``/``, ``|``, bullets and line breaks always; on commas unless the comma is
    part of a name ("Ministry of Business, Innovation and Employment": the part after the comma
    names no institution and continues an "of …" list, or the whole is a known organisation);
    on " and " / " & " only between two parts that each name an institution (a name opening
    with Ministry, Office…, ending with Commission, Council…, an acronym, a known organisation),
    so "Department of the Prime Minister and Cabinet" stays whole.

    >>> split_institutions("Ministry of Health; Office of the Ombudsman and Ministry of Justice")
    ['Ministry of Health', 'Office of the Ombudsman', 'Ministry of Justice']
    >>> split_institutions("Ministry of Business, Innovation and Employment, Treasury")
    ['Ministry of Business, Innovation and Employment', 'Treasury']
    >>> split_institutions("Attorney-General's Department and Department of Finance and Trade")
    ["Attorney-General's Department", 'Department of Finance and Trade']
    """
    found: list[str] = []
    whole = clean(cell).strip(" .,;")
    if not whole:
        return []
    if known(whole):
        return [whole]
    for chunk in re.split(r"[;\n\r|•/]+", cell):
        chunk = clean(chunk).strip(" .,-–")
        if not chunk:
            continue
        if known(chunk):
            found.append(chunk)
            continue
        merged: list[str] = []
        for frag in (f.strip(" .") for f in chunk.split(",")):
            if not frag:
                continue
            if merged and (
                known(f"{merged[-1]}, {frag}")
                or frag[0].islower()
                or (
                    re.search(r"\b(of|for)\b", merged[-1], re.I)
                    and re.search(r"\s(and|&)\s", frag)
                    and not _institution_like(frag, known)
                )
            ):
                merged[-1] = f"{merged[-1]}, {frag}"
            else:
                merged.append(frag)
        for frag in merged:
            found.extend(_split_and(frag, known))
    seen: set[str] = set()
    out = []
    for name in found:
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _split_and(frag: str, known: Callable[[str], bool]) -> list[str]:
    if known(frag):
        return [frag]
    parts = re.split(r"(\s+(?:and|&)\s+)", frag)
    groups = [parts[0]]
    for joiner, piece in zip(parts[1::2], parts[2::2], strict=True):
        if (
            _institution_like(piece, known)
            and _institution_like(groups[-1], known)
            and not known(groups[-1] + joiner + piece)
        ):
            groups.append(piece)
        else:
            groups[-1] += joiner + piece
    return [g.strip() for g in groups if g.strip()]
