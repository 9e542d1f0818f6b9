"""Where each node of a graph page is drawn, computed in Python: fixed coordinates, the same
picture on every load and byte-identical builds (no physics in the browser).

A page is drawn in **layers**: columns from left to right, each a list of nodes chosen by the
page's selection (:mod:`.selections`: e.g. results | commitments | values and challenges | case
studies). Within a layer, nodes are ordered by the barycentre of their neighbours in the other
layers (a few sweeps each way, ties kept in the natural order) to reduce crossings. A layer too
tall for the screen is folded into several sub-columns; how many rows a column holds is chosen to
make the initial fit (vis-network's ``fit``: the drawing scaled into the canvas, with a 10% margin)
as large as possible on the canvas of a 1366×768 window.

Spacing comes from the size of each node's label, estimated from the advance widths of DejaVu Sans
(the face Chromium uses for ``system-ui, sans-serif`` on Debian) with a safety margin, so that no
two labels overlap at any zoom. Labels are wrapped at word boundaries (vis-network honours
``"\\n"``) into at most :data:`MAX_LINES` lines; a longer one becomes a short title (``Result 6``
for ``Result 6: Increase the number of …``) or is cut after a whole word with "…"; the full label
stays in the tooltip and the details panel. No two nodes share a visible label.

When every label cannot be shown at :data:`MIN_PX` on screen at the initial fit (the whole
graph), the page opens on an overview: the most connected nodes whose labels fit without
overlapping get a larger font, so that they read at about :data:`HUB_PX` px at the fit, and every
other label is drawn only from the zoom at which it is at least :data:`MIN_PX` px tall.

Linear in nodes + edges apart from the sorts (10,000 nodes in well under a second).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ogpgraph.model import Kind

#: font size of labels in canvas units (vis-network's ``nodes.font.size`` in the page options)
FONT = 14
#: node radius in canvas units when a node has no ``value`` (set as each node's ``size``)
NODE_SIZE = 9
#: radii of nodes with a ``value``, scaled linearly between the page's smallest and largest
VALUE_MIN, VALUE_MAX = 6, 24
#: the widest line of a wrapped label, canvas units at :data:`FONT`
LINE_WIDTH = 200.0
MAX_LINES = 3
#: the canvas of a 1366×768 window (graph.css: the side panel and header take the rest), with
#: room to spare for a wider panel or a taller header
CANVAS = (1050.0, 580.0)
#: the smallest label height on screen at the initial fit the layout aims for (px) …
MIN_PX = 11.0
#: … with a margin for the estimate of text widths and the canvas size
TARGET_PX = 11.5
#: on an overview, the screen size (px) of the labels of the most connected nodes at the fit
HUB_PX = 12.0
#: vis-network's fit: the drawing's bounding box times 1.1
FIT_MARGIN = 1.1
GAP_X = 20.0  # between sub-columns of a layer
LAYER_GAP = 56.0  # between layers
GAP_Y = 8.0  # between the boxes of a column

# Advance widths of DejaVu Sans (units per em: 2048) for the printable ASCII characters; others
# count as a wide letter. Used with a margin: overestimating only adds space.
_ASCII = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~"
)
_WIDTHS = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716,
    1087, 2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767,
    1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690,
    799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186,
    569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075,
    1303, 690, 1303, 1716,
)  # fmt: skip
_EM = dict(zip(_ASCII, (w / 2048 for w in _WIDTHS), strict=True))
_WIDE = 1612 / 2048
_SAFETY = 1.06


#: the default layers of a page (the whole graph, ``--around``, ``--query``): groups of kinds,
#: left to right; a kind in none of them (and the grouped nodes of a capped view) comes last
KIND_LAYERS: tuple[tuple[Kind, ...], ...] = (
    (Kind.RESULT_AREA, Kind.RESULT),
    (Kind.ACTION_PLAN, Kind.COMMITMENT, Kind.FOCUS_AREA),
    (Kind.PRINCIPLE, Kind.CHALLENGE),
    (Kind.CASE_STUDY,),
    (Kind.RECOMMENDATION, Kind.PILLAR),
    (Kind.INITIATIVE, Kind.EVENT, Kind.DOCUMENT),
    (Kind.ORGANISATION,),
)


def layers_by_kind(
    nodes: Iterable[tuple[str, str]], groups: Sequence[Sequence[str]] = KIND_LAYERS
) -> list[list[str]]:
    """``(node, kind)`` pairs into layers, one per group of kinds (empty ones dropped), each in
    the order given."""
    where = {kind: i for i, group in enumerate(groups) for kind in group}
    found: list[list[str]] = [[] for _ in groups]
    for node, kind in nodes:
        if kind in where:
            found[where[kind]].append(node)
    return [layer for layer in found if layer]


def text_width(text: str, font: float = FONT) -> float:
    """Estimated width of one line of ``text`` in canvas units at ``font`` (an overestimate)."""
    return font * _SAFETY * sum(_EM.get(c, _WIDE) for c in text)


def line_height(font: float = FONT) -> float:
    """Height of one line of a label (vis-network: the font size) with a margin."""
    return font * 1.05


def label_top(radius: float, font: float = FONT) -> float:
    """How far below the node's centre vis-network starts its label (a shape with the label
    below: half a line and 4 units below the shape)."""
    return radius + 0.5 * font + 4


def wrap(text: str, width: float = LINE_WIDTH, font: float = FONT) -> list[str]:
    """``text`` in lines no wider than ``width`` (canvas units), broken at spaces only (a single
    word wider than ``width`` keeps a line of its own)."""
    lines: list[str] = []
    current = ""
    used = 0.0  # the width of ``current``, kept as words are added (linear in the text)
    space = text_width(" ", font)
    for word in text.split():
        extra = text_width(word, font)
        if current and used + space + extra > width:
            lines.append(current)
            current, used = word, extra
        elif current:
            current, used = f"{current} {word}", used + space + extra
        else:
            current, used = word, extra
    if current:
        lines.append(current)
    return lines


#: above this many nodes a page opens on an overview at once (no shorter labels are tried)
SHORTEN_UP_TO = 400
#: how hard labels are shortened, from whole to short (see :func:`label_forms`)
LEVELS = 3


def label_forms(text: str, level: int = 0) -> list[str]:
    """The visible forms of a label, best first, never cut inside a word.

    Level 0: the whole label wrapped (when it takes at most :data:`MAX_LINES` lines), else its
    short title (the part before ": ", e.g. ``Result 6``), else its first lines cut after a
    whole word with "…". Level 1: the short title first. Level 2: the short title first, and at
    most two lines.

    >>> label_forms("Result 8: Reduce reoffending")
    ['Result 8: Reduce\\nreoffending']
    >>> label_forms("Result 8: Reduce reoffending", 1)
    ['Result 8', 'Result 8: Reduce\\nreoffending']
    >>> label_forms("Result 6: Increase the number of 24 to 35 year-olds with advanced trade "
    ...             "qualifications, diplomas and degrees (at Level 4 or above)")[0]
    'Result 6'
    """
    most = MAX_LINES if level < 2 else 2
    lines = wrap(text)
    forms: list[str] = []
    head, sep, _rest = text.partition(": ")
    title = "\n".join(wrap(head)) if sep and len(wrap(head)) <= 2 else ""
    if title and level > 0:
        forms.append(title)
    for limit in (most, MAX_LINES, len(lines)):
        if len(lines) <= limit:
            forms.append("\n".join(lines))
            break
        if title and level == 0 and title not in forms:
            forms.append(title)
        forms.append(_cut(lines, limit))
    return list(dict.fromkeys(forms))  # the longer forms are there to tell two nodes apart


def _cut(lines: list[str], limit: int) -> str:
    """The first ``limit`` lines, the last ending after a whole word with "…"."""
    kept = lines[:limit]
    words = kept[-1].split()
    while words and text_width(" ".join(words) + " …") > LINE_WIDTH:
        words.pop()
    kept[-1] = " ".join(words) + " …" if words else "…"
    return "\n".join(kept)


def visible_labels(
    nodes: Sequence[dict[str, Any]], full: dict[str, str], level: int = 0
) -> dict[str, str]:
    """A visible label per node id, unique among ``nodes``: the first form of
    :func:`label_forms` that no other node shows; then the kind's words, then the identifier,
    are added where two would still be the same."""
    forms = {n["id"]: label_forms(full[n["id"]], level) for n in nodes}
    choice = {n: 0 for n in forms}

    def current(n: str) -> str:
        return forms[n][choice[n]]

    for _round in range(6):
        seen: dict[str, list[str]] = {}
        for n in forms:
            seen.setdefault(current(n), []).append(n)
        clash = [ns for ns in seen.values() if len(ns) > 1]
        if not clash:
            break
        moved = False
        for group in clash:
            for n in group[1:]:  # the first (in page order) keeps its form
                if choice[n] + 1 < len(forms[n]):
                    choice[n] += 1
                    moved = True
        if not moved:
            break
    labels = {n: current(n) for n in forms}
    kinds = {n["id"]: n.get("kind_words", "") for n in nodes}
    for extra in (lambda n: kinds[n], lambda n: n.rsplit("/", 1)[-1]):
        seen = {}
        for n, text in labels.items():
            seen.setdefault(text, []).append(n)
        for group in seen.values():
            if len(group) > 1:
                for n in group:
                    if extra(n):
                        labels[n] = labels[n] + "\n(" + extra(n) + ")"
    return labels


@dataclass
class Box:
    """The space a node takes in canvas units: its shape and its label (below it)."""

    width: float
    height: float
    radius: float
    lines: int
    line_width: float


def node_radius(node: dict[str, Any], values: tuple[float, float] | None) -> float:
    """The radius to draw ``node`` with: its ``size`` if it has one, else its ``value`` scaled
    linearly between :data:`VALUE_MIN` and :data:`VALUE_MAX` over the page's values, else
    :data:`NODE_SIZE`."""
    if "size" in node:
        return float(node["size"])
    if node.get("value") is not None and values is not None:
        low, high = values
        ratio = 0.5 if high == low else (float(node["value"]) - low) / (high - low)
        return VALUE_MIN + ratio * (VALUE_MAX - VALUE_MIN)
    return float(NODE_SIZE)


def box(label: str, radius: float, font: float = FONT) -> Box:
    """The box of a node whose label is drawn below its shape."""
    lines = label.split("\n") if label else []
    widest = max((text_width(line, font) for line in lines), default=0.0)
    height = radius + label_top(radius, font) + len(lines) * line_height(font)
    return Box(max(widest, 2 * radius), height, radius, len(lines), widest)


@dataclass
class Layout:
    """Positions (the node's centre) and what the page needs to draw them."""

    positions: dict[str, tuple[float, float]]
    boxes: dict[str, Box]
    column_height: float  # the height a layer folds at
    bounds: tuple[float, float, float, float]  # left, top, right, bottom of every box
    scale: float  # the fit's estimated zoom on :data:`CANVAS`
    hubs: dict[str, float] = field(default_factory=dict)  # node -> font (overview)
    overview: bool = False

    @property
    def min_px(self) -> float:
        """Smallest estimated label height on screen at the fit (px) of the labels drawn then."""
        if self.overview:
            return min((f * self.scale for f in self.hubs.values()), default=0.0)
        return FONT * self.scale


def order_layers(
    layers: list[list[str]], neighbours: dict[str, list[str]], sweeps: int = 4
) -> None:
    """Barycentre ordering, in place: each node moves to the mean relative position of its
    neighbours in other layers; sweeps go left to right and back. Stable and deterministic."""
    where: dict[str, tuple[int, float]] = {}

    def index() -> None:
        for li, layer in enumerate(layers):
            size = max(1, len(layer) - 1)
            for i, n in enumerate(layer):
                where[n] = (li, i / size)

    index()
    order = list(range(len(layers)))
    for sweep in range(sweeps):
        for li in order if sweep % 2 == 0 else reversed(order):
            layer = layers[li]
            keyed = []
            for i, n in enumerate(layer):
                around = [where[m][1] for m in neighbours.get(n, ()) if where[m][0] != li]
                bary = sum(around) / len(around) if around else where[n][1]
                keyed.append((bary, i, n))
            keyed.sort()
            layers[li] = [n for _b, _i, n in keyed]
            size = max(1, len(layer) - 1)
            for i, n in enumerate(layers[li]):
                where[n] = (li, i / size)


def _geometry(
    layers: list[list[str]], boxes: dict[str, Box], limit: float
) -> tuple[dict[str, tuple[float, float]], tuple[float, float, float, float]]:
    """Columns of at most ``limit`` height (a layer folds into as many as it needs), each
    centred vertically; the positions and the bounds of every box."""
    columns: list[tuple[float, list[str], float]] = []  # (gap before, nodes, height)
    for layer in layers:
        first = True
        current: list[str] = []
        height = 0.0
        for n in layer:
            extra = boxes[n].height + (GAP_Y if current else 0.0)
            if current and height + extra > limit:
                columns.append((LAYER_GAP if first else GAP_X, current, height))
                first = False
                current, height = [], 0.0
                extra = boxes[n].height
            current.append(n)
            height += extra
        if current:
            columns.append((LAYER_GAP if first else GAP_X, current, height))
    positions: dict[str, tuple[float, float]] = {}
    tallest = max((h for _g, _c, h in columns), default=0.0)
    x = 0.0
    for i, (gap, col, height) in enumerate(columns):
        width = max(boxes[n].width for n in col)
        x += gap if i else 0.0
        centre = x + width / 2
        y = (tallest - height) / 2
        for n in col:
            b = boxes[n]
            positions[n] = (centre, y + b.radius)
            y += b.height + GAP_Y
        x += width
    return positions, (0.0, 0.0, x, tallest)


def fit_scale(bounds: tuple[float, float, float, float], canvas: tuple[float, float]) -> float:
    """vis-network's ``fit`` zoom for a drawing whose boxes span ``bounds`` (at most 1)."""
    width = max(1.0, bounds[2] - bounds[0]) * FIT_MARGIN
    height = max(1.0, bounds[3] - bounds[1]) * FIT_MARGIN
    return min(1.0, canvas[0] / width, canvas[1] / height)


def layered(
    nodes: Sequence[dict[str, Any]],
    edges: Iterable[dict[str, Any]],
    layers: Sequence[Sequence[str]],
    *,
    canvas: tuple[float, float] = CANVAS,
    sweeps: int = 4,
    overview: bool | None = None,
    first: int = 0,
) -> Layout:
    """Place vis-network ``nodes`` (dicts with ``id`` and ``label``; ``value``/``size`` set the
    radius) in ``layers`` (lists of node ids, left to right; a node in none of them goes into a
    last layer), ordered by barycentre over ``edges`` (``from``, ``to``), folded into the number
    of rows that gives the largest fit on ``canvas``. ``overview``: choose the labels shown at
    the fit (:func:`_overview`): always, never, or (None) when not every label reaches
    :data:`TARGET_PX`; on an overview, the labels of the ``first`` layers are chosen first."""
    ids = [n["id"] for n in nodes]
    known = set(ids)
    placed: set[str] = set()
    columns: list[list[str]] = []
    for layer in layers:
        column = [n for n in layer if n in known and n not in placed]
        placed.update(column)
        if column:
            columns.append(column)
    rest = [n for n in ids if n not in placed]
    if rest:
        columns.append(rest)
    neighbours: dict[str, list[str]] = {}
    for e in edges:
        u, v = e["from"], e["to"]
        if u != v and u in known and v in known:
            neighbours.setdefault(u, []).append(v)
            neighbours.setdefault(v, []).append(u)
    order_layers(columns, neighbours, sweeps)

    valued = [float(n["value"]) for n in nodes if n.get("value") is not None]
    values = (min(valued), max(valued)) if valued else None
    radius = {n["id"]: node_radius(n, values) for n in nodes}
    boxes = {n["id"]: box(n.get("label", ""), radius[n["id"]]) for n in nodes}
    result = _fold(columns, boxes, canvas, len(ids))
    if overview or (overview is None and not fits(result)):
        preferred = {n for layer in layers[:first] for n in layer}
        if preferred:
            # room for the preferred labels at the overview's font: the font follows the fit,
            # the fit the room; a few rounds settle it (the overview drops what still collides)
            for _round in range(4):
                font = HUB_PX / result.scale
                for node in nodes:
                    if node["id"] in preferred:
                        boxes[node["id"]] = box(node.get("label", ""), radius[node["id"]], font)
                result = _fold(columns, boxes, canvas, len(ids))
        _overview(result, nodes, neighbours, preferred)
    return result


def _fold(
    columns: list[list[str]], boxes: dict[str, Box], canvas: tuple[float, float], count: int
) -> Layout:
    """The column height that gives the largest fit, from one column per layer down to one box
    per column; the drawing centred on the origin (where vis-network's view starts)."""
    lowest = max((b.height for b in boxes.values()), default=1.0)
    highest = max((sum(boxes[n].height + GAP_Y for n in c) for c in columns), default=lowest)
    steps = 40 if count <= 2000 else 10
    ratio = (lowest / highest) ** (1 / steps) if highest > lowest else 1.0
    best: tuple[float, float] | None = None
    for step in range(steps + 1):
        limit = highest * ratio**step
        _pos, bounds = _geometry(columns, boxes, limit)
        scale = fit_scale(bounds, canvas)
        if best is None or scale > best[0] + 1e-9:
            best = (scale, limit)
    scale, limit = best if best is not None else (1.0, highest)
    positions, bounds = _geometry(columns, boxes, limit)
    cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    positions = {n: (round(x - cx, 1), round(y - cy, 1)) for n, (x, y) in positions.items()}
    bounds = (bounds[0] - cx, bounds[1] - cy, bounds[2] - cx, bounds[3] - cy)
    return Layout(positions, dict(boxes), round(limit, 1), bounds, scale)


def fits(layout: Layout) -> bool:
    """Whether every label reads at :data:`TARGET_PX` or more at the fit."""
    return FONT * layout.scale >= TARGET_PX


def _label_rect(
    layout: Layout, n: str, label: str, font: float
) -> tuple[float, float, float, float]:
    x, y = layout.positions[n]
    b = layout.boxes[n]
    lines = label.split("\n")
    width = max(text_width(line, font) for line in lines)
    top = y + label_top(b.radius, font)
    return (x - width / 2, top, x + width / 2, top + len(lines) * line_height(font))


def _overview(
    layout: Layout,
    nodes: Sequence[dict[str, Any]],
    neighbours: dict[str, list[str]],
    preferred: Collection[str] = (),
) -> None:
    """Choose the labels shown at the fit: the ``preferred`` nodes, then the most connected,
    each with a font that reads at :data:`HUB_PX` px, kept when its label stays inside the
    drawing and clear of the labels already kept."""
    layout.overview = True
    font = HUB_PX / layout.scale
    left, top, right, bottom = layout.bounds
    degree = {n["id"]: len(neighbours.get(n["id"], ())) for n in nodes}
    rank = {n["id"]: i for i, n in enumerate(nodes)}
    ranked = sorted(
        (n for n in nodes if n.get("label")),
        key=lambda n: (n["id"] not in preferred, -degree[n["id"]], rank[n["id"]]),
    )
    kept: list[tuple[float, float, float, float]] = []
    pad = 0.3 * font
    for node in ranked[: max(200, len(nodes) // 20)]:
        n = node["id"]
        r = _label_rect(layout, n, node["label"], font)
        if r[0] < left or r[2] > right or r[3] > bottom or r[1] < top:
            continue
        if any(
            r[0] < k[2] + pad and k[0] < r[2] + pad and r[1] < k[3] + pad and k[1] < r[3] + pad
            for k in kept
        ):
            continue
        kept.append(r)
        layout.hubs[n] = round(font, 1)


# ---------------------------------------------------------------- edges between the same nodes
#: the least distance between the middles of two edges that join the same two nodes (canvas
#: units: about 20 px at a fit's usual zoom)
PARALLEL_GAP = 24.0
#: room kept around the words drawn on an edge (canvas units; vis-network strokes them 4 wide)
MARK_PAD = 6.0


def parallel_curves(
    edges: Sequence[dict[str, Any]],
    positions: dict[str, tuple[float, float]],
    font: float = FONT,
) -> dict[str, dict[str, Any]]:
    """Edge id -> vis-network ``smooth`` option, for every edge that shares its two nodes with
    another (either way round): each such edge bends its own way, by a different amount, so that
    no two are drawn over each other and the words on them (``label``) do not overlap.

    The middles of a group's edges are spread along the perpendicular through the middle of the
    line joining the two nodes, :data:`PARALLEL_GAP` apart or more, as much more as their words
    need. The first edge with words is drawn straight: its words sit in the middle of the line,
    clear of the two nodes' labels (drawn below the nodes) and of those of the nodes above and
    below them in a column; further edges with words go above it (up the screen), edges without
    words below. Without words, the edges are centred on the line. Edges keep the order given
    (the page's sorted order) within each side: the result depends on nothing else.

    The bend of a ``curvedCW``/``curvedCCW`` edge is its ``roundness`` ``r``: vis-network draws
    a quadratic Bézier curve whose control point is the chord's start plus ``(1 + r) / 2`` times
    the chord turned by ``r·π/2``, so the middle of the curve lies ``(1 + r)·sin(r·π/2) / 4``
    chord lengths off the chord (:func:`roundness_for`)."""
    import math

    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in edges:
        a, b = str(e["from"]), str(e["to"])
        if a != b and e["from"] in positions and e["to"] in positions:
            groups.setdefault((a, b) if a < b else (b, a), []).append(e)
    curves: dict[str, dict[str, Any]] = {}
    for (a, b), group in groups.items():
        if len(group) < 2:
            continue
        (ax, ay), (bx, by) = _at(positions, a, group), _at(positions, b, group)
        length = math.hypot(bx - ax, by - ay)
        if length == 0:
            continue
        # the unit normal of the chord a -> b that points up the screen (y grows downwards;
        # for an upright chord, to the right)
        nx, ny = (by - ay) / length, -(bx - ax) / length
        if ny > 0 or (ny == 0 and nx < 0):
            nx, ny = -nx, -ny
        plain = [e for e in group if not e.get("label")]
        worded = [e for e in group if e.get("label")]
        ordered = plain + worded
        boxes = [_mark_box(e.get("label"), font) for e in ordered]
        offsets = [0.0]
        for below, above in zip(boxes, boxes[1:], strict=False):
            offsets.append(offsets[-1] + _gap(below, above, nx, ny))
        # the first edge with words straight (its words in the gap between the two nodes'
        # labels), or the plain edges centred on the straight line
        shift = -offsets[len(plain)] if worded else -(offsets[0] + offsets[-1]) / 2
        for e, offset in zip(ordered, offsets, strict=True):
            d = offset + shift
            # curvedCW bends to the left of the edge's own direction as the screen shows it: up
            # for an edge drawn left to right
            forward = str(e["from"]) == a
            left_is_up = (bx - ax if forward else ax - bx) > 0 or (
                bx == ax and (by - ay if forward else ay - by) > 0
            )
            clockwise = (d >= 0) == left_is_up
            curves[e["id"]] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": roundness_for(abs(d) / length),
            }
    return curves


def roundness_for(share: float) -> float:
    """The ``roundness`` of a ``curvedCW`` edge whose middle lies ``share`` chord lengths off
    the chord (at most a half: roundness 1), to three decimals.

    >>> roundness_for(0.0), roundness_for(0.5), roundness_for(0.1)
    (0.0, 1.0, 0.214)
    """
    import math

    def off(r: float) -> float:
        return (1 + r) * math.sin(r * math.pi / 2) / 4

    if share >= off(1.0):
        return 1.0
    low, high = 0.0, 1.0
    for _ in range(24):  # off() rises over [0, 1]: bisection (to 6e-8), the same everywhere
        mid = (low + high) / 2
        low, high = (mid, high) if off(mid) < share else (low, mid)
    return round(high, 3)


def _at(
    positions: dict[str, tuple[float, float]], key: str, group: list[dict[str, Any]]
) -> tuple[float, float]:
    """The position of the node whose id, as a string, is ``key``."""
    for e in group:
        for end in (e["from"], e["to"]):
            if str(end) == key:
                return positions[end]
    raise KeyError(key)


def _mark_box(label: Any, font: float) -> tuple[float, float] | None:
    """Width and height of the words drawn on an edge (None: no words)."""
    if not label:
        return None
    lines = str(label).split("\n")
    return (
        max(text_width(line, font) for line in lines) + MARK_PAD,
        len(lines) * line_height(font) + MARK_PAD,
    )


def _gap(
    left: tuple[float, float] | None, right: tuple[float, float] | None, nx: float, ny: float
) -> float:
    """How far apart along the normal ``(nx, ny)`` the middles of two neighbouring edges go:
    two boxes of words clear of each other (apart across or along the screen), one clear of the
    other edge's line, or just :data:`PARALLEL_GAP`."""
    if left and right:
        across = (left[0] + right[0]) / 2 / abs(nx) if nx else float("inf")
        along = (left[1] + right[1]) / 2 / abs(ny) if ny else float("inf")
        need = min(across, along)
    elif left or right:
        need = _extent(left or right, nx, ny)
    else:
        need = 0.0
    return max(PARALLEL_GAP, need)


def _extent(box: tuple[float, float] | None, nx: float, ny: float) -> float:
    """Half the extent of a box of words along the unit vector ``(nx, ny)``."""
    if box is None:
        return 0.0
    return box[0] / 2 * abs(nx) + box[1] / 2 * abs(ny)
