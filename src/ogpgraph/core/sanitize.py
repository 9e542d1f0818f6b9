"""Text from the data (or from a user's command line) made safe for the place it is printed.

One function for each fact, used by every renderer:

* :func:`reveal_controls`: invisible control characters that can reorder or hide text (the
  bidirectional overrides and isolates, U+202A–U+202E and U+2066–U+2069, the marks U+200E,
  U+200F and U+061C, and C0/C1 controls such as ESC that a terminal obeys) are shown as
  ``<U+202E>``: a reader sees that they are there, and they act on nothing.
* :func:`csv_cell`: a spreadsheet cell that cannot be read as a formula (the OWASP rule).
* :func:`markdown_text`: text that a Markdown renderer shows as text (no link, image or HTML).
* :func:`redact_url` and :func:`redact_urls`: user names, passwords and secret-looking query
  parameters of URLs replaced by ``***`` before a URL is printed.

>>> reveal_controls("abc\\u202edef")
'abc<U+202E>def'
>>> csv_cell('=HYPERLINK("http://x")'), csv_cell("-5"), csv_cell("-2+3")
('\\'=HYPERLINK("http://x")', '-5', "'-2+3")
>>> markdown_text("[x](javascript:alert(1))")
'\\\\[x\\\\](javascript:alert(1))'
>>> redact_url("http://dba:secret@example.org:8890/sparql?token=abc&x=1")
'http://***@example.org:8890/sparql?token=***&x=1'
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# ---------------------------------------------------------------------------- control characters
#: Bidirectional controls (embeddings, overrides, isolates and marks).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# C0 controls except tab, line feed and carriage return (which renderers handle themselves),
# DEL and the C1 controls: ESC starts terminal sequences that can recolour, hide or link text.
_CONTROLS = re.compile("[" + BIDI_CONTROLS + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def reveal_controls(text: str) -> str:
    """Show bidirectional and terminal control characters as ``<U+XXXX>`` (see the module)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def escape_controls_json(text: str) -> str:
    """Serialised JSON with the same characters written as ``\\uXXXX`` escapes: the same data
    (a JSON reader gets the characters back), but nothing for a terminal or editor to obey."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def escape_controls_xml(text: str) -> str:
    """Serialised XML with the same characters as ``&#xXXXX;`` references (the same data); the
    C0 controls, which XML 1.0 cannot carry at all, as the visible text ``<U+XXXX>``."""
    if not _CONTROLS.search(text):
        return text

    def one(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"&lt;U+{code:04X}&gt;" if code < 0x20 else f"&#x{code:X};"

    return _CONTROLS.sub(one, text)


# ---------------------------------------------------------------------------- CSV and TSV
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula: it starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return, and is not a plain number such as ``-5``."""
    return text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text)


def csv_cell(text: str) -> str:
    """A CSV/TSV cell that a spreadsheet shows as text: formula-like cells get a leading ``'``
    (the OWASP rule); plain numbers stay numbers; control characters are revealed."""
    text = reveal_controls(text)
    return "'" + text if is_formula_like(text) else text


# ---------------------------------------------------------------------------- Markdown
# The characters that start something inside a line of CommonMark or GitHub's Markdown:
# emphasis (* _), code spans (`), links and images ([ ]), autolinks, raw HTML (< >), entities
# (&), table cells (|), strikethrough (~) and the backslash itself. Parentheses need no escape:
# with [ and ] escaped no link or image can form.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# GitHub turns bare URLs, www. names and e-mail addresses into links: break each pattern.
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<![A-Za-z0-9])(www)(\.)|(@)", re.I)


def markdown_text(value: object, *, code: bool = False) -> str:
    """Text for one line of Markdown (a table cell, a heading, a list item) that a renderer
    shows as text: no link, image, HTML, code or table cell can start in it.

    Every character with a Markdown meaning is backslash-escaped and bare URLs cannot become
    links; with ``code=True`` the text is a code span instead (shown literally, in a fence longer
    than any run of backticks inside). Line breaks become spaces, control characters are
    revealed.
    """
    text = "" if value is None else str(value)
    text = reveal_controls(" ".join(text.split()))
    if code and text:
        if "|" in text:  # a table cell would end at a pipe even inside a code span
            return markdown_text(text)
        fence = "`" * (max((len(r) for r in re.findall("`+", text)), default=0) + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        return f"{fence}{pad}{text}{pad}{fence}"
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_AUTOLINK.sub(
        lambda m: "".join("\\" + g if g in (":", ".", "@") else g for g in m.groups() if g), text
    )


# ---------------------------------------------------------------------------- URLs
_SECRET_PARAM = re.compile(r"pass|pwd|secret|token|key|auth|sig|session|credential", re.I)
_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s<>\"']+")


def redact_url(url: str) -> str:
    """The URL with its user-info (``user:password@``) and the values of query parameters that
    look secret (token, key, password, …) replaced by ``***``; anything else unchanged."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//[^/@\s]*@", "//***@", url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rpartition("@")[2]
    query = parts.query
    if query and _SECRET_PARAM.search(query):
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(
            [(k, "***" if _SECRET_PARAM.search(k) else v) for k, v in pairs], safe="*"
        )
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_urls(text: str) -> str:
    """Every URL inside a message passed through :func:`redact_url`."""
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group()), text)
