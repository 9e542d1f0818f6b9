"""How the views look: a colour and shape per node kind, a style per kind of edge, a colour per
recommendation status, and which edges carry their relation as a visible label. Colours follow the
Okabe–Ito palette (safe for colour-blind readers) where it has enough colours; shapes tell kinds
apart in print too, and a recommendation's status is also written under it (its words are the
model's), so no fact is told by colour alone. The kinds, relations and statuses and their words
are those of :mod:`ogpgraph.model`; this module adds how they look.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ogpgraph.model import Family, Kind, Relation, Status


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
    """An edge style: legend label, colour, width, dash pattern (empty: solid)."""

    label: str
    color: str
    width: float = 1.0
    dashes: tuple[int, ...] = ()

    def vis(self) -> dict[str, Any]:
        """The vis-network edge options of this style."""
        return {
            "color": {"color": self.color, "highlight": self.color, "hover": self.color},
            "width": self.width,
            "dashes": list(self.dashes) if self.dashes else False,
        }


EDGE_STYLES: dict[str, EdgeStyle] = {
    # coverage layers (commitment, focus area or result -> value or challenge)
    "layer-both": EdgeStyle("claimed and evidenced by a case study", "#0072B2", 3.0),
    "layer-claimed": EdgeStyle("claimed only (no case study evidence)", "#D55E00", 2.0, (8, 5)),
    "layer-evidenced": EdgeStyle("evidenced only (not claimed)", "#009E73", 2.0, (2, 4)),
    # recommendation links, by who asserts them
    "asserted-government": EdgeStyle("link asserted by government (the report)", "#0072B2", 2.5),
    "asserted-tinz": EdgeStyle("link asserted by TINZ", "#CC79A7", 2.5, (10, 6)),
    "asserted-other": EdgeStyle("link asserted by another source", "#777777", 2.0, (3, 3)),
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
#: a style of its own uses it, the others share one (links are styled by asserter instead)
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


#: relations whose edges carry their words as a visible label: a line alone would read as
#: "addresses", so a link that only partly addresses a recommendation, or does not, says so
LABELLED_RELATIONS: tuple[Relation, ...] = (Relation.PARTLY_ADDRESSES, Relation.DOES_NOT_ADDRESS)


def status_words() -> dict[str, str]:
    """Recommendation status notation -> the words written with it on the pages."""
    return {status: label for status, (label, _colour) in STATUS_COLORS.items()}


def edge_label(relation: str) -> str | None:
    """The visible label of an edge of this relation, or None (most edges are unlabelled: the
    legend and the tooltip say what they are)."""
    for labelled in LABELLED_RELATIONS:
        if relation == labelled:
            return labelled.words
    return None


def relation_style(relation: str, asserted_by: str | None = None) -> str:
    """The style of an edge of the view: links by asserter, everything else by relation."""
    if asserted_by is not None:
        return asserter_style(asserted_by)
    return RELATION_STYLES.get(relation, "other")


def asserter_style(asserted_by: str) -> str:
    if asserted_by in ("government", "report"):
        return "asserted-government"
    if asserted_by == "tinz":
        return "asserted-tinz"
    return "asserted-other"


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


#: the look of a side marker (the badge a recommendation node carries for TINZ…) when that
#: assessor has not assessed the recommendation: white, a dashed dark border (not a status colour)
NOT_ASSESSED_LOOK: dict[str, Any] = {
    "fill": "#FFFFFF",
    "border": "#555555",
    "ink": "#333333",
    "dashes": [3, 2],
}


def side_look(status: str | None) -> dict[str, Any]:
    """How a side marker looks for an assessor's status (``None``: not assessed): fill (the
    status colour of :data:`STATUS_COLORS`), border (darker), ink (black or white, whichever
    reads better on the fill) and dashes (none; dashed only when not assessed)."""
    if status is None:
        return dict(NOT_ASSESSED_LOOK)
    color = STATUS_COLORS.get(status, STATUS_COLORS[Status.UNKNOWN])[1]
    return {
        "fill": color,
        "border": _darker(color, _STATUS_BORDER),
        "ink": ink_on(color),
        "dashes": [],
    }


def _luminance(color: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_on(color: str) -> str:
    """Black or white text, whichever contrasts more with ``color``.

    >>> ink_on("#F0E442"), ink_on("#332288")
    ('#000000', '#FFFFFF')
    """
    return max(("#000000", "#FFFFFF"), key=lambda ink: contrast(ink, color))


def status_css() -> str:
    """CSS rules ``.status.<status>`` giving a status badge its colour from :data:`STATUS_COLORS`
    (the same as the nodes of the graph pages), with the text colour that reads best on it."""
    return "".join(
        f".status.{status.value} {{ background: {color}; color: {ink_on(color)}; }}\n"
        for status, (_label, color) in STATUS_COLORS.items()
    )


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


def line_svg(style: EdgeStyle, width: int = 36) -> str:
    """A short inline SVG line in an edge style, for the legend."""
    dash = f' stroke-dasharray="{" ".join(str(d) for d in style.dashes)}"' if style.dashes else ""
    return (
        f'<svg class="swatch" width="{width}" height="10" viewBox="0 0 {width} 10" '
        f'aria-hidden="true"><line x1="1" y1="5" x2="{width - 1}" y2="5" '
        f'stroke="{style.color}" stroke-width="{style.width}"{dash}/></svg>'
    )


def marker_svg(look: dict[str, Any], text: str) -> str:
    """The legend swatch of a side marker: the badge graph.js draws beside a recommendation
    (``look``: :func:`side_look`), with its text (11 px)."""
    width = 10 + 7 * len(text)
    dash = (
        f' stroke-dasharray="{" ".join(str(d) for d in look["dashes"])}"' if look["dashes"] else ""
    )
    return (
        f'<svg class="swatch" width="{width}" height="17" viewBox="0 0 {width} 17" '
        f'aria-hidden="true"><rect x="0.75" y="0.75" width="{width - 1.5}" height="15.5" rx="3" '
        f'fill="{look["fill"]}" stroke="{look["border"]}" stroke-width="1.5"{dash}/>'
        f'<text x="{width / 2}" y="12.5" text-anchor="middle" font-size="11" font-weight="600" '
        f'font-family="system-ui, sans-serif" fill="{look["ink"]}">{text}</text></svg>'
    )
