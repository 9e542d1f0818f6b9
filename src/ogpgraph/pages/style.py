"""How the views look: a colour and shape per node kind, a style per kind of edge, a colour per
recommendation status, and the words some edges carry. Colours follow the Okabe–Ito palette
(safe for colour-blind readers) where it has enough colours; shapes tell kinds apart in print too,
and a recommendation's status is also written under it (its words are the model's). The kinds,
relations and statuses and their words are those of :mod:`ogpgraph.model`; this module adds how
they look.

A recommendation link is drawn in its asserter's colour (:data:`ASSERTER_LOOKS`) with its
relation's line, end marker and words (:data:`LINK_LOOKS`, keyed by the model's link relations;
one the model adds without a look here gets :data:`DEFAULT_LINK_LOOK`). The legend, the page's
intro (:func:`link_key_words`) and every link's style (:func:`edge_style`) are made from these two
tables. The asserter is the one fact a link tells by colour alone on the drawing; its tooltip
says it in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ogpgraph.model import (
    LINK_RELATIONS,
    Family,
    Kind,
    Relation,
    Status,
    as_relation,
    asserter_words,
)


@dataclass(frozen=True)
class NodeStyle:
    """A node kind: legend label, vis-network shape, colour."""

    label: str
    shape: str
    color: str


#: node kind -> (vis-network shape, colour); every kind of the model has one (tested)
_KIND_LOOKS: dict[Kind, tuple[str, str]] = {
    Kind.COMMITMENT: ("square", "#0072B2"),
    Kind.FOCUS_AREA: ("square", "#56B4E9"),
    Kind.RESULT: ("diamond", "#009E73"),
    Kind.RESULT_AREA: ("diamond", "#8FD3B6"),
    Kind.CASE_STUDY: ("triangle", "#E69F00"),
    Kind.PRINCIPLE: ("hexagon", "#CC79A7"),
    Kind.CHALLENGE: ("star", "#D55E00"),
    Kind.RECOMMENDATION: ("dot", "#6A3D9A"),
    Kind.PILLAR: ("triangleDown", "#B15928"),
    Kind.INITIATIVE: ("diamond", "#999933"),
    Kind.ORGANISATION: ("dot", "#7C96B0"),
    Kind.DOCUMENT: ("square", "#555555"),
    Kind.EVENT: ("dot", "#E7298A"),
    Kind.ACTION_PLAN: ("star", "#332288"),
}

#: node kind (in legend order), then ``other`` and ``aggregate`` -> style
NODE_STYLES: dict[str, NodeStyle] = {
    **{kind: NodeStyle(kind.singular, *_KIND_LOOKS[kind]) for kind in Kind},
    "other": NodeStyle("Other resource", "dot", "#AAAAAA"),
    "aggregate": NodeStyle("Nodes not drawn (grouped)", "dot", "#DDDDDD"),
}

#: recommendation status colours, by status: Okabe–Ito bluish green, sky blue, yellow and
#: vermillion, and a light grey; every pair stays apart for deuteranopes, protanopes and
#: tritanopes (CIELAB distance > 15 after simulation), and the status is written as well
_STATUS_COLOURS: dict[Status, str] = {
    Status.MET: "#009E73",
    Status.PROGRESSING: "#56B4E9",
    Status.NOT_FULLY_ADDRESSED: "#F0E442",
    Status.NOT_STARTED: "#D55E00",
    Status.UNKNOWN: "#E0E0E0",
}
#: borders of status fills are darker than other borders: at least 3:1 against white (WCAG 1.4.11)
_STATUS_BORDER = 0.55

#: recommendation status notation -> (legend label, colour), in the scheme's order
STATUS_COLORS: dict[str, tuple[str, str]] = {
    status: (status.label, _STATUS_COLOURS[status]) for status in Status
}


@dataclass(frozen=True)
class EdgeStyle:
    """An edge style: legend label, colour, width, dash pattern (empty: solid), the marker at the
    edge's end (a vis-network arrow type: ``arrow``, ``bar``, ``vee``…), and the words drawn on
    the edge (``mark``, in ``mark_color``; None: the edge carries no words)."""

    label: str
    color: str
    width: float = 1.0
    dashes: tuple[int, ...] = ()
    arrow: str = "arrow"
    mark: str | None = None
    mark_color: str = "#222222"

    def vis(self) -> dict[str, Any]:
        """The vis-network edge options of this style (``font`` only for an edge with words)."""
        options: dict[str, Any] = {
            "color": {"color": self.color, "highlight": self.color, "hover": self.color},
            "width": self.width,
            "dashes": list(self.dashes) if self.dashes else False,
            "arrows": {"to": {"enabled": True, "type": self.arrow, "scaleFactor": _ARROW_SCALE}},
        }
        if self.mark is not None:
            options["font"] = {"color": self.mark_color}
        return options


#: the size of the markers at edges' ends (vis-network's ``scaleFactor``; the page's default)
_ARROW_SCALE = 0.5


EDGE_STYLES: dict[str, EdgeStyle] = {
    # coverage layers (commitment, focus area or result -> value or challenge)
    "layer-both": EdgeStyle("claimed and evidenced by a case study", "#0072B2", 3.0),
    "layer-claimed": EdgeStyle("claimed only (no case study evidence)", "#D55E00", 2.0, (8, 5)),
    "layer-evidenced": EdgeStyle("evidenced only (not claimed)", "#009E73", 2.0, (2, 4)),
    # relations of the view (a style named after the relation it draws)
    Relation.CLAIMS: EdgeStyle("claims relevance to", "#D55E00", 1.5, (8, 5)),
    Relation.NOT_CLAIMED: EdgeStyle(Relation.NOT_CLAIMED.words, "#CCCCCC", 1.0, (2, 6)),
    Relation.DEMONSTRATES: EdgeStyle("case study demonstrates", "#8FD3B6", 1.0),
    Relation.ILLUSTRATES: EdgeStyle("case study illustrates", "#E69F00", 1.5),
    Relation.LEADS: EdgeStyle(Relation.LEADS.words, "#333333", 3.0),
    Relation.CONTRIBUTES: EdgeStyle(
        "contributes to, champions or supports", "#7C96B0", 1.5, (6, 4)
    ),
    Relation.TOUCHES: EdgeStyle("recommendation touches pillar", "#B15928", 1.5),
    Relation.RESPONDS_TO: EdgeStyle(Relation.RESPONDS_TO.words, "#6A3D9A", 1.5, (6, 4)),
    "structure": EdgeStyle("part of, in area, focuses on, unit of, about", "#A0A0A0", 1.0),
    "other": EdgeStyle("other relation", "#B0B0B0", 1.0, (4, 4)),
    "aggregate": EdgeStyle("edges to grouped nodes", "#C8C8C8", 1.0, (1, 4)),
}

#: relation of the view -> edge style (for pages that style edges by relation); a relation with
#: a style of its own uses it, the others share one (links are styled by asserter and relation
#: instead: :func:`link_style`)
RELATION_STYLES: dict[str, str] = {
    relation: relation.value
    if relation in EDGE_STYLES
    else {
        Relation.CHAMPIONS: Relation.CONTRIBUTES.value,
        Relation.SUPPORTS: Relation.CONTRIBUTES.value,
        Relation.PART_OF: "structure",
        Relation.IN_AREA: "structure",
        Relation.FOCUSES_ON: "structure",
        Relation.UNIT_OF: "structure",
        Relation.ABOUT: "structure",
        Relation.RECOMMENDED_BY: "structure",
    }.get(relation, "other")
    for relation in Relation
    if relation.family is not Family.LINK
}


# ---------------------------------------------------------------- recommendation links
# A link's colour says who asserts it; its line, end marker and words say what it asserts. The
# legend, the page's intro and every link's look are made from the two tables below.


@dataclass(frozen=True)
class AsserterLook:
    """Who asserts a link: the links tables whose links are drawn this way (their names, as in
    ``graph/links/<name>.csv``; none: any other table), the colour and the colour's name."""

    tables: tuple[str, ...]
    color: str
    color_name: str

    @property
    def who(self) -> str:
        """The asserter in words (the model's :data:`~ogpgraph.model.ASSERTERS`): "TINZ",
        "government (the report)"; "another source" for any other table."""
        if not self.tables:
            return "another source"
        first, *others = (asserter_words(table) for table in self.tables)
        return first + (f" ({', '.join(others)})" if others else "")

    @property
    def label(self) -> str:
        """The legend's words."""
        return f"asserted by {self.who}"


#: asserter style -> look, in legend order; the last one (no tables) draws every other table
ASSERTER_LOOKS: dict[str, AsserterLook] = {
    "asserted-government": AsserterLook(("government", "report"), "#0072B2", "blue"),
    "asserted-tinz": AsserterLook(("tinz",), "#CC79A7", "pink"),
    "asserted-other": AsserterLook((), "#777777", "grey"),
}
_OTHER_ASSERTER = "asserted-other"


@dataclass(frozen=True)
class LinkLook:
    """How a link of one relation is drawn, whoever asserts it: width, dash pattern, end marker,
    the words drawn on it (None: none; the legend and the tooltip say it), how the line is
    described in the page's intro, and ``fade``: how far its colour is mixed with white (a link
    that grades nothing is drawn lighter than one that does)."""

    width: float
    dashes: tuple[int, ...]
    arrow: str
    mark: str | None
    drawn: str
    mark_color: str = "#222222"
    fade: float = 0.0


#: link relation -> look; every relation of the model's LINK_RELATIONS not listed here is drawn
#: with :data:`DEFAULT_LINK_LOOK` (tested); a link that does not address its recommendation is
#: dotted, ends in a bar instead of an arrow and says so in red-brown words
LINK_LOOKS: dict[Relation, LinkLook] = {
    Relation.ADDRESSES: LinkLook(2.5, (), "arrow", None, "solid"),
    Relation.PARTLY_ADDRESSES: LinkLook(
        2.5, (10, 6), "arrow", Relation.PARTLY_ADDRESSES.words, "dashed"
    ),
    Relation.DOES_NOT_ADDRESS: LinkLook(
        2.5,
        (2, 5),
        "bar",
        "\u2715 " + Relation.DOES_NOT_ADDRESS.words,
        "dotted with a bar",
        mark_color="#9E2A16",
    ),
    # linked without a grade: light, an open arrow, and words saying it grades nothing
    Relation.LINKED: LinkLook(
        1.5, (), "vee", "linked (not graded)", "thin and light with an open arrow", fade=0.45
    ),
}
#: the look of a link relation without one of its own (one that grades nothing, e.g. "is linked
#: to"): a thin, lighter line with an open arrow and no words
DEFAULT_LINK_LOOK = LinkLook(1.2, (), "vee", None, "thin and light", fade=0.45)
#: the colour of the legend's relation swatches (the relation's line, whoever asserts it)
_NEUTRAL = "#444444"
_LINK = "link"


def link_look(relation: str) -> LinkLook:
    """The look of a link of ``relation`` (:data:`DEFAULT_LINK_LOOK` for one without its own)."""
    for known, look in LINK_LOOKS.items():
        if relation == known:
            return look
    return DEFAULT_LINK_LOOK


def link_style(relation: str, asserted_by: str) -> str:
    """The style name of a link: ``link|<asserter style>|<relation>`` (:func:`edge_style`)."""
    return f"{_LINK}|{asserter_style(asserted_by)}|{relation}"


def is_link_style(name: str) -> bool:
    """Whether a style name is a link's (:func:`link_style`)."""
    return name.startswith(_LINK + "|")


@cache
def edge_style(name: str) -> EdgeStyle:
    """The style named ``name``: one of :data:`EDGE_STYLES`, or a link's, made from its
    asserter's colour and its relation's look; an unknown name draws as ``other``."""
    if not is_link_style(name):
        return EDGE_STYLES.get(name, EDGE_STYLES["other"])
    _link, asserter, relation = name.split("|", 2)
    who = ASSERTER_LOOKS.get(asserter, ASSERTER_LOOKS[_OTHER_ASSERTER])
    look = link_look(relation)
    return EdgeStyle(
        f"{relation_words(relation)}, {who.label}",
        _faded(who.color, look.fade),
        look.width,
        look.dashes,
        look.arrow,
        look.mark,
        look.mark_color,
    )


def style_order(name: str) -> tuple[int, int, int, str]:
    """Where a style comes in a legend or a page's list of styles: those of :data:`EDGE_STYLES`
    in its order, then links by asserter and relation (the model's order)."""
    if not is_link_style(name):
        names = list(EDGE_STYLES)
        return (0, names.index(name) if name in names else len(names), 0, name)
    _link, asserter, relation = name.split("|", 2)
    asserters = list(ASSERTER_LOOKS)
    relations = [r.value for r in LINK_RELATIONS]
    return (
        1,
        asserters.index(asserter) if asserter in asserters else len(asserters),
        relations.index(relation) if relation in relations else len(relations),
        name,
    )


def relation_legend() -> list[tuple[Relation, EdgeStyle]]:
    """Every link relation of the model with the line it is drawn with (in a neutral colour:
    the asserter gives the colour) and the words drawn on it if any, else its own, for the
    legend."""
    return [
        (
            relation,
            EdgeStyle(
                look.mark or relation.words,
                _faded(_NEUTRAL, look.fade),
                look.width,
                look.dashes,
                look.arrow,
                look.mark,
                look.mark_color,
            ),
        )
        for relation in LINK_RELATIONS
        for look in (link_look(relation),)
    ]


def asserter_legend() -> list[tuple[str, EdgeStyle]]:
    """Every asserter style with a solid line in its colour, for the legend."""
    return [
        (name, EdgeStyle(look.label, look.color, LINK_LOOKS[Relation.ADDRESSES].width))
        for name, look in ASSERTER_LOOKS.items()
    ]


def link_key_words() -> str:
    """How links are drawn, in two sentences for a page's intro ("Link colours: blue, government
    (the report); …. Link lines: solid, addresses; …")."""
    who = "; ".join(f"{look.color_name}, {look.who}" for look in ASSERTER_LOOKS.values())
    how = "; ".join(f"{link_look(r).drawn}, {r.words}" for r in LINK_RELATIONS)
    return f"Link colours: {who}. Link lines: {how}."


def relation_words(name: str) -> str:
    """A relation as a sentence says it (``partly addresses``); a name the model does not know
    (a query's own predicate) as it is."""
    try:
        return as_relation(name).words
    except ValueError:
        return name


def _faded(color: str, fade: float) -> str:
    """``color`` mixed with white by ``fade`` (0: as it is)."""
    if not fade:
        return color
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(c + (255 - c) * fade) for c in (r, g, b)))


def status_words() -> dict[str, str]:
    """Recommendation status notation -> the words written with it on the pages."""
    return {status: label for status, (label, _colour) in STATUS_COLORS.items()}


def relation_style(relation: str, asserted_by: str | None = None) -> str:
    """The style of an edge of the view: links by asserter and relation, everything else by
    relation."""
    if asserted_by is not None:
        return link_style(relation, asserted_by)
    return RELATION_STYLES.get(relation, "other")


def asserter_style(asserted_by: str) -> str:
    """The style of the links of a links table (by its name: ``government``, ``tinz``…)."""
    for name, look in ASSERTER_LOOKS.items():
        if asserted_by in look.tables:
            return name
    return _OTHER_ASSERTER


def kind_style(kind: str) -> NodeStyle:
    return NODE_STYLES.get(kind, NODE_STYLES["other"])


def vis_groups() -> dict[str, dict[str, Any]]:
    """vis-network ``groups`` option: one group per node kind."""
    groups: dict[str, dict[str, Any]] = {}
    for kind, st in NODE_STYLES.items():
        groups[kind] = {
            "shape": st.shape,
            "color": {
                "background": st.color,
                "border": _darker(st.color),
                "highlight": {"background": st.color, "border": "#000000"},
                "hover": {"background": st.color, "border": "#000000"},
            },
        }
    groups["aggregate"]["shapeProperties"] = {"borderDashes": [4, 3]}
    return groups


def status_color(status: str) -> dict[str, Any]:
    """A vis-network node colour for a recommendation status."""
    color = STATUS_COLORS.get(status, STATUS_COLORS[Status.UNKNOWN])[1]
    return {
        "background": color,
        "border": _darker(color, _STATUS_BORDER),
        "highlight": {"background": color, "border": "#000000"},
        "hover": {"background": color, "border": "#000000"},
    }


def _darker(color: str, factor: float = 0.7) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(int(c * factor) for c in (r, g, b)))


def shape_svg(shape: str, color: str, size: int = 14, border: str | None = None) -> str:
    """A small inline SVG of a vis-network shape, for the legend (no external reference)."""
    s = size
    h = s / 2
    border = border or _darker(color)
    common = f'fill="{color}" stroke="{border}" stroke-width="1.5"'
    if shape in ("square", "box"):
        body = f'<rect x="2" y="2" width="{s - 4}" height="{s - 4}" {common}/>'
    elif shape == "diamond":
        body = f'<polygon points="{h},1 {s - 1},{h} {h},{s - 1} 1,{h}" {common}/>'
    elif shape == "triangle":
        body = f'<polygon points="{h},1 {s - 1},{s - 2} 1,{s - 2}" {common}/>'
    elif shape == "triangleDown":
        body = f'<polygon points="1,2 {s - 1},2 {h},{s - 1}" {common}/>'
    elif shape == "hexagon":
        q = s / 4
        body = (
            f'<polygon points="{q},1 {s - q},1 {s - 1},{h} {s - q},{s - 1} {q},{s - 1} 1,{h}" '
            f"{common}/>"
        )
    elif shape == "star":
        body = (
            f'<polygon points="{h},1 {h + 1.8:.1f},{h - 1.5:.1f} {s - 1},{h - 1.5:.1f} '
            f"{h + 2.6:.1f},{h + 1.6:.1f} {h + 3.8:.1f},{s - 1} {h},{h + 3.2:.1f} "
            f"{h - 3.8:.1f},{s - 1} {h - 2.6:.1f},{h + 1.6:.1f} 1,{h - 1.5:.1f} "
            f'{h - 1.8:.1f},{h - 1.5:.1f}" {common}/>'
        )
    else:
        dash = ' stroke-dasharray="3 2"' if color == NODE_STYLES["aggregate"].color else ""
        body = f'<circle cx="{h}" cy="{h}" r="{h - 1.5}" {common}{dash}/>'
    return (
        f'<svg class="swatch" width="{s}" height="{s}" viewBox="0 0 {s} {s}" '
        f'aria-hidden="true">{body}</svg>'
    )


def status_svg(status: str, size: int = 14) -> str:
    """The legend swatch of a recommendation status (its fill and its darker border)."""
    colour = status_color(status)
    return shape_svg("dot", colour["background"], size, border=colour["border"])


def line_svg(style: EdgeStyle, width: int = 36, end: bool = False) -> str:
    """A short inline SVG line in an edge style, for the legend; ``end``: with the style's marker
    at its right end (an arrowhead, an open arrowhead or a bar)."""
    dash = f' stroke-dasharray="{" ".join(str(d) for d in style.dashes)}"' if style.dashes else ""
    stop = width - 1
    marker = ""
    if end:
        tip = width - 1
        if style.arrow == "bar":
            marker = (
                f'<line x1="{tip - 1}" y1="0.5" x2="{tip - 1}" y2="9.5" stroke="{style.color}" '
                f'stroke-width="2.5"/>'
            )
            stop = tip - 1
        elif style.arrow == "vee":
            marker = (
                f'<polyline points="{tip - 6},1.5 {tip},5 {tip - 6},8.5" fill="none" '
                f'stroke="{style.color}" stroke-width="1.5"/>'
            )
        else:
            marker = f'<polygon points="{tip - 8},1 {tip},5 {tip - 8},9" fill="{style.color}"/>'
            stop = tip - 6
    return (
        f'<svg class="swatch" width="{width}" height="10" viewBox="0 0 {width} 10" '
        f'aria-hidden="true"><line x1="1" y1="5" x2="{stop}" y2="5" '
        f'stroke="{style.color}" stroke-width="{style.width}"{dash}/>{marker}</svg>'
    )
