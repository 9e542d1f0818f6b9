"""The OGP's own fields for a commitment, declared once: what its commitment pages print
("Lead Institution", "Early Results", …), which column of its commitments sheet carries the same
fact, and where the fact lands in the model.

Owns :data:`FIELDS` (one :class:`OgpField` per field of a commitment page), the words that are
not values ("NA", "(empty)", "Pending IRM Review" where a yes/no or a completion level is
expected) and the reading of a printed value (:func:`model_value`, :func:`page_values`).

Two writers agree with it: :mod:`ogpgraph.sheet.rdf` takes the property of every sheet column that
matches a page field from here (Lead Institution, Supporting Institution(s), Theme, Potential
Impact, Did It Open Government, Completion), and the hand-read pages in ``graph/later/`` keep
each value as the field's property of the commitment or of the IRM's review (an
``ogp:CommitmentReview``, or the ``ogp:ProgressAssessment`` where the sheet gives a completion
level). ``tests/test_ogp_fields.py`` reads every field quoted by a review of ``graph/later/``
back through :func:`page_values` and checks the graph holds exactly that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ogpgraph.core import namespaces as ns
from ogpgraph.sheet.names import clean, split_institutions


class Target(Enum):
    """What a field is about: the commitment itself, or the IRM's review of it."""

    COMMITMENT = "commitment"
    REVIEW = "review"


class Form(Enum):
    """How a printed value becomes the model's value."""

    ORGANISATIONS = "organisations"  # names split into organisations (ogp:leadAgency …)
    TERMS = "terms"  # a comma-separated list, one literal each (dcterms:subject)
    TEXT = "text"  # kept as printed, one plain literal
    FLAG = "flag"  # Yes / No as xsd:boolean
    COMPLETION = "completion"  # a concept of vocab/completion, by its label
    QUOTE = "quote"  # kept only in the review's ogp:quote


@dataclass(frozen=True)
class OgpField:
    """One field of an OGP commitment page.

    ``page`` is the label the page prints (and ``aliases`` other labels of other copies),
    ``columns`` the keys of :data:`ogpgraph.sheet.read.COLUMNS` holding the same fact in the
    sheet, ``prop`` the property's IRI (``None`` for a field kept only as a quote).
    """

    page: str
    target: Target
    form: Form
    prop: str | None
    columns: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.page, *self.aliases)


OGP, DCT = ns.OGP, ns.DCTERMS
#: every field of a commitment page, in the page's order
FIELDS: tuple[OgpField, ...] = (
    OgpField(
        "Lead Institution", Target.COMMITMENT, Form.ORGANISATIONS, OGP + "leadAgency", ("lead",)
    ),
    OgpField(
        "Support Institution(s)",
        Target.COMMITMENT,
        Form.ORGANISATIONS,
        OGP + "supportingOrganisation",
        ("support",),
    ),
    OgpField("Policy Areas", Target.COMMITMENT, Form.TERMS, DCT + "subject", ("theme",)),
    OgpField("IRM Report", Target.REVIEW, Form.QUOTE, None),
    OgpField("Starred", Target.REVIEW, Form.FLAG, OGP + "starred"),
    OgpField("Early Results", Target.REVIEW, Form.TEXT, OGP + "earlyResults", ("opened",)),
    OgpField("Verifiable", Target.REVIEW, Form.TEXT, OGP + "verifiable"),
    OgpField("Relevant to OGP Values", Target.REVIEW, Form.TEXT, OGP + "relevanceToValues"),
    OgpField(
        "Ambition (see definition)",
        Target.REVIEW,
        Form.TEXT,
        OGP + "ambitionRating",
        aliases=("Ambition",),
    ),
    OgpField(
        "Potential Impact", Target.REVIEW, Form.TEXT, OGP + "potentialImpactRating", ("impact",)
    ),
    OgpField(
        "Completion", Target.REVIEW, Form.COMPLETION, OGP + "completionLevel", ("completion",)
    ),
)
#: the sheet's columns that carry no page field: the relevance columns become
#: ``ogp:RelevanceClaim`` s per value (the page prints one verdict for all values, kept as
#: ``ogp:relevanceToValues``); Specificity is kept only as a quote
SHEET_ONLY_COLUMNS = (
    "value_information",
    "value_participation",
    "value_accountability",
    "value_technology",
    "specificity",
)
#: printed where a field has no value
EMPTY = frozenset({"", "(empty)", "na", "n/a", "none given"})
#: printed where a yes/no or a completion level is expected but none is given yet
NOT_YET = frozenset({"pending irm review", "no irm data", "no data"})


def field(label: str) -> OgpField:
    """The field a page label names (its printed label or an alias, case ignored).

    Raises:
        KeyError: no field has that label.
    """
    key = clean(label).casefold()
    for f in FIELDS:
        if key in (lab.casefold() for lab in f.labels):
            return f
    raise KeyError(label)


def for_column(key: str) -> OgpField | None:
    """The page field a sheet column carries (``None`` for a column with no page field)."""
    return next((f for f in FIELDS if key in f.columns), None)


def prop(key: str) -> str:
    """The property of a sheet column's page field (e.g. ``lead`` -> ``ogp:leadAgency``).

    Raises:
        KeyError: the column carries no page field with a property.
    """
    f = for_column(key)
    if f is None or f.prop is None:
        raise KeyError(key)
    return f.prop


def is_empty(printed: str) -> bool:
    """Whether a printed value means "nothing" (blank, "(empty)", "NA")."""
    return clean(printed).casefold() in EMPTY


def model_value(f: OgpField, printed: str) -> str | bool | None:
    """What the model holds for one printed value of a single-valued field: the text as
    printed, ``True``/``False`` for Starred, the completion label; ``None`` where the value
    is empty or, for a yes/no or a completion level, not given yet."""
    text = clean(printed)
    if is_empty(text) or f.form is Form.QUOTE:
        return None
    if f.form is Form.FLAG:
        return {"yes": True, "no": False}.get(text.casefold())
    if f.form is Form.COMPLETION:
        return None if text.casefold() in NOT_YET else text
    return text


#: a bracketed tail of an organisation's name: "Stats NZ (working with …)", "Department of
#: Internal Affairs (Archives New Zealand)", "Transparency International NZ (TINZ)"
_BRACKETED = re.compile(r"\s*\(.*\)\s*$")
#: a unit named before its organisation: "Government Chief Digital Officer – Department of
#: Internal Affairs" (an en or em dash between spaces)
_UNIT_OF = re.compile(r"^.*\s[–—]\s(?=\S)")


def page_values(
    f: OgpField, printed: str, known: Callable[[str], bool] = lambda _n: False
) -> list[str]:
    """The values of a many-valued field as the model holds them: the organisations named
    (split as the sheet importer splits a cell, a bracketed tail and a unit named before a dash
    dropped; ``known`` tells a known organisation's name) or
    the policy areas; ``[]`` where the value is empty."""
    text = clean(printed)
    if is_empty(text):
        return []
    if f.form is Form.ORGANISATIONS:
        names = (_UNIT_OF.sub("", _BRACKETED.sub("", n)) for n in split_institutions(text, known))
        return [n for n in names if n]
    if f.form is Form.TERMS:
        return [t for t in (clean(t) for t in re.split(r"\s*[;,|\n]\s*", text)) if t]
    value = model_value(f, text)
    return [] if value is None else [str(value)]


def read_quote(quote: str) -> dict[str, str]:
    """A quote of the fields read from a page ("Lead Institution: The Treasury. Early Results:
    Marginal. …") as page label -> printed value (labels as :data:`FIELDS` declares them)."""
    labels = sorted((lab for f in FIELDS for lab in f.labels), key=len, reverse=True)
    pattern = re.compile(r"(?:^|(?<=\.\s))(" + "|".join(map(re.escape, labels)) + r"):\s")
    marks = list(pattern.finditer(quote))
    out: dict[str, str] = {}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(quote)
        value = quote[mark.end() : end].strip()
        out[field(mark.group(1)).page] = value[:-1] if value.endswith(".") else value
    return out
