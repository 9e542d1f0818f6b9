/* ogpgraph graph page: search, filter by kind (and organisations by their kind), neighbourhood highlight, details panel, a
   keyboard-usable list of every node. Data is read with JSON.parse and only ever written to the
   page with textContent.

   One rule keeps the picture right: every change of look is recomputed from the state (the
   selected node, the hidden kinds) and each node's own look, read once at load; nothing is
   changed in place and "undone" later. Works with given positions (no physics) and with a
   layout vis-network computes (physics, stopped once stable). */
(function () {
  "use strict";
  window.ogpStartAt = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var styles = data.edgeStyles;
  var statusWords = data.statuses || {};
  var otherNames = data.alt || {};
  var body = document.body;
  var DIM_NODE = 0.15, DIM_EDGE = 0.08, DIM_TEXT = 0.2;

  /* ---- edges: their style (colour, width, dashes, end marker, the colour of their words);
     edges between the same two nodes carry their own curve in the data (smooth) ---- */
  function edgeColor(style, opacity) {
    var c = styles[style].color;
    return { color: c.color, highlight: c.highlight, hover: c.hover, opacity: opacity };
  }
  var EDGE_FONT = { size: 14, align: "middle", color: "#222222", strokeWidth: 4, strokeColor: "#ffffff" };
  function edgeFont(style) {
    var font = styles[style].font;
    return { color: font && font.color ? font.color : EDGE_FONT.color, strokeColor: EDGE_FONT.strokeColor };
  }
  /* an edge's words ("partly addresses") are drawn once they reach 13 px on screen: at an
     overview's fit they would sit small over the node labels; the line's tooltip says them too */
  var EDGE_LABEL_SCALING = { label: { enabled: false, drawThreshold: 14 } };
  data.edges.forEach(function (e) {
    var st = styles[e.s];
    e.color = edgeColor(e.s, 1);
    e.width = st.width;
    e.dashes = st.dashes;
    if (st.arrows) { e.arrows = st.arrows; }
    if (e.label) {
      e.font = Object.assign({}, EDGE_FONT, edgeFont(e.s));
      e.scaling = EDGE_LABEL_SCALING;
    }
  });

  /* ---- nodes: a recommendation's status is written under its label (every side's) ---- */
  function statusText(n) { return n.statusLine || (n.status && statusWords[n.status]) || ""; }
  data.nodes.forEach(function (n) {
    if (statusText(n)) { n.label = n.label + "\n(" + statusText(n) + ")"; }
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;

  /* ---- each node's own look, as vis-network resolved it (group, own colour, font) ---- */
  var own = {};
  data.nodes.forEach(function (n) {
    var o = network.body.nodes[n.id].options;
    own[n.id] = {
      color: JSON.parse(JSON.stringify(o.color)),
      font: { color: o.font.color, strokeColor: o.font.strokeColor },
      opacity: typeof o.opacity === "number" ? o.opacity : 1
    };
  });
  window.ogpOwnLook = function (id) { return own[id]; };

  function fade(color, alpha) {
    var c = String(color || "#000000").trim(), m;
    if ((m = /^#([0-9a-f]{3})$/i.exec(c))) {
      c = "#" + m[1].split("").map(function (x) { return x + x; }).join("");
    }
    if ((m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c))) {
      return "rgba(" + parseInt(m[1], 16) + "," + parseInt(m[2], 16) + "," + parseInt(m[3], 16) + "," + alpha + ")";
    }
    if ((m = /^rgba?\(([^,]+),([^,]+),([^,)]+)/i.exec(c))) {
      return "rgba(" + m[1].trim() + "," + m[2].trim() + "," + m[3].trim() + "," + alpha + ")";
    }
    return "rgba(0,0,0," + alpha + ")";
  }

  /* ---- the state, and the one function that draws it ---- */
  var selected = null;       /* the selected node id, or null */
  var hiddenKind = {};       /* kind -> true when unticked */
  var hiddenOrgKind = {};    /* organisation kind -> true when unticked ("": kind not given) */
  var near = {}, keep = {};  /* edges and nodes of the selected node's neighbourhood */

  function nodeLook(n) {
    var o = own[n.id];
    var dim = selected !== null && !keep[n.id];
    return {
      id: n.id,
      color: o.color,  /* always given: vis-network would otherwise put the group colour back */
      opacity: dim ? DIM_NODE * o.opacity : o.opacity,
      font: dim ? { color: fade(o.font.color, DIM_TEXT), strokeColor: fade(o.font.strokeColor, DIM_TEXT) }
                : { color: o.font.color, strokeColor: o.font.strokeColor },
      hidden: nodeHidden(n.id)
    };
  }
  var groupOf = Object.create(null);
  var orgKindsOf = Object.create(null);  /* organisation -> its kinds ([""] when not given) */
  data.nodes.forEach(function (n) {
    groupOf[n.id] = n.group;
    if (n.orgKinds) { orgKindsOf[n.id] = n.orgKinds.length ? n.orgKinds : [""]; }
  });
  /* hidden: its kind unticked, or an organisation all of whose kinds are unticked */
  function orgKindHidden(id) {
    var kinds = orgKindsOf[id];
    return !!kinds && kinds.every(function (k) { return hiddenOrgKind[k] === true; });
  }
  function nodeHidden(id) {
    return !(id in groupOf) || hiddenKind[groupOf[id]] === true || orgKindHidden(id);
  }
  function edgeLook(e) {
    var dim = selected !== null && !near[e.id];
    var look = {
      id: e.id,
      color: edgeColor(e.s, dim ? DIM_EDGE : 1),
      hidden: nodeHidden(e.from) || nodeHidden(e.to)
    };
    if (e.label) {
      var font = edgeFont(e.s);
      look.font = dim ? { color: fade(font.color, DIM_TEXT), strokeColor: fade(font.strokeColor, DIM_TEXT) } : font;
    }
    return look;
  }
  function redraw() {
    nodes.update(data.nodes.map(nodeLook));
    edges.update(data.edges.map(edgeLook));
  }

  /* ---- side markers: beside a recommendation, a badge for each assessor but the government
     (whose position the fill shows): "TINZ" on TINZ's status colour, or white and dashed when
     TINZ has not assessed it. Drawn on the canvas after the network, the same size on screen at
     any zoom (12 px text), to the left of the node (the side its links' arrowheads avoid);
     dimmed with its node. window.ogpMarkers() gives the last drawn boxes, on screen. */
  var MARK = { font: 12, pad: 4, height: 17, gap: 3 };
  var drawnMarkers = [];
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    drawnMarkers = [];
    data.nodes.forEach(function (n) {
      if (!n.markers || !n.markers.length || nodeHidden(n.id)) { return; }
      var body = network.body.nodes[n.id];
      if (!body) { return; }
      var right = body.x - (body.options.size || 0) - MARK.gap / scale;
      var dim = selected !== null && !keep[n.id];
      n.markers.forEach(function (m) {
        ctx.save();
        ctx.globalAlpha = dim ? DIM_NODE : 1;
        ctx.font = "600 " + (MARK.font / scale) + "px system-ui, sans-serif";
        var w = ctx.measureText(m.who).width + 2 * MARK.pad / scale;
        var h = MARK.height / scale;
        var x = right - w, y = body.y - h / 2;
        ctx.beginPath();
        if (ctx.roundRect) { ctx.roundRect(x, y, w, h, 3 / scale); } else { ctx.rect(x, y, w, h); }
        ctx.fillStyle = m.fill;
        ctx.fill();
        ctx.lineWidth = 1.5 / scale;
        ctx.setLineDash(m.dashes.map(function (d) { return d / scale; }));
        ctx.strokeStyle = m.border;
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = m.ink;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(m.who, x + w / 2, body.y + 0.5 / scale);
        ctx.restore();
        var a = network.canvasToDOM({ x: x, y: y }), b = network.canvasToDOM({ x: x + w, y: y + h });
        drawnMarkers.push({ id: n.id, who: m.who, assessor: m.assessor, status: m.status, fill: m.fill,
                            border: m.border, dashed: m.dashes.length > 0, font: MARK.font,
                            box: [a.x, a.y, b.x, b.y], dim: dim });
        right = x - MARK.gap / scale;
      });
    });
  });
  window.ogpMarkers = function () { return drawnMarkers; };

  /* ---- stabilise (when vis-network lays out), then stop the physics ---- */
  var moved = false;  /* the reader has dragged, zoomed or clicked: keep their view */
  var progress = document.getElementById("progress");
  var loading = document.getElementById("loading");
  function stable() {
    if (body.getAttribute("data-state") === "stable") { return; }
    network.setOptions({ physics: { enabled: false } });
    body.setAttribute("data-state", "stable");
    window.ogpStableAt = performance.now();
    /* the whole drawing in view first. vis-network measures a label only when it draws its
       node, and draws only the nodes in view: fit, draw (now every label is measured), and fit
       again with the labels, so that none starts cut at an edge */
    fitAll();
    if (data.focus) { select(data.focus, { frame: false }); }
    /* and once the page has its final layout and fonts (a fit made while the page is still
       being laid out used the sizes of that moment) */
    window.requestAnimationFrame(refitUntouched);
    window.addEventListener("load", refitUntouched);
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(refitUntouched); }
  }
  function fitAll() {
    network.fit({ animation: false });
    network.redraw();
    network.fit({ animation: false });
    /* vis-network fits the nodes; a label wider than its node may still reach past an edge:
       zoom out, about the middle of everything drawn, until every label is inside */
    network.redraw();
    var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    network.body.nodeIndices.forEach(function (id) {
      var node = network.body.nodes[id];
      if (node.options.hidden) { return; }
      var boxes = [node.shape.boundingBox];
      var size = node.labelModule && node.labelModule.size;
      if (size && size.width) {
        boxes.push({ left: size.left, top: size.top, right: size.left + size.width, bottom: size.top + size.height });
      }
      boxes.forEach(function (b) {
        left = Math.min(left, b.left); top = Math.min(top, b.top);
        right = Math.max(right, b.right); bottom = Math.max(bottom, b.bottom);
      });
    });
    var frame = network.canvas.frame.canvas;
    if (!isFinite(left) || right <= left || bottom <= top || !frame.clientWidth) { return; }
    var scale = 0.97 * Math.min(frame.clientWidth / (right - left), frame.clientHeight / (bottom - top));
    if (scale < network.getScale()) {
      network.moveTo({ position: { x: (left + right) / 2, y: (top + bottom) / 2 }, scale: scale, animation: false });
    }
  }
  function refitUntouched() {
    if (!moved && !data.focus && body.getAttribute("data-state") === "stable") { fitAll(); }
  }
  network.on("stabilizationProgress", function (p) {
    var pct = Math.round((100 * p.iterations) / p.total);
    progress.textContent = pct + "%";
    loading.setAttribute("aria-valuenow", String(pct));
  });
  network.once("stabilizationIterationsDone", stable);
  network.once("stabilized", stable);
  /* the canvas may change size after the first fit (a scrollbar appears as the page settles,
     the window is resized): until the reader moves, zooms or picks something, fit again, so
     that no label starts cut at an edge */
  network.on("dragStart", function () { moved = true; });
  network.on("zoom", function () { moved = true; });
  network.on("click", function () { moved = true; });
  network.on("resize", refitUntouched);

  /* ---- names: what search compares (case, accents and macrons ignored) ---- */
  var STOP = { of: 1, and: 1, the: 1, for: 1, to: 1, in: 1, on: 1, a: 1, an: 1, "&": 1 };
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) { return fold(text).split(/[^a-z0-9]+/).filter(Boolean); }
  function initials(text) {
    var ws = String(text || "").split(/[^A-Za-z0-9\u00C0-\u024F]+/).filter(function (w) { return w && !STOP[w.toLowerCase()]; });
    return ws.length > 1 ? fold(ws.map(function (w) { return w[0]; }).join("")) : "";
  }
  var info = {};
  var byKind = {};
  data.nodes.forEach(function (n) {
    var lines = String(n.title || "").split("\n");
    var name = lines[0] || n.label;
    var ident = (/\(([^()]*)\)$/.exec(lines[1] || "") || [])[1] || "";
    var alts = otherNames[n.id] || [];
    var keys = [name, ident].concat(alts).filter(Boolean);
    var bag = {};
    keys.forEach(function (k) { words(k).forEach(function (w) { bag[w] = true; }); });
    keys.push(String(n.id));  /* the whole IRI matches, not its parts ("org", "nz") */
    info[n.id] = {
      name: name,
      lines: lines,
      alts: alts,
      whole: keys.map(function (k) { return words(k).join(" "); }),
      initials: initials(name),
      words: Object.keys(bag)
    };
    (byKind[n.group] = byKind[n.group] || []).push(n.id);
  });

  /* ---- select a node: highlight its neighbourhood, frame it, say what it is ---- */
  function neighbourhood(id) {
    keep = {}; near = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    network.getConnectedEdges(id).forEach(function (e) { near[e] = true; });
  }
  function select(id, how) {
    how = how || {};
    var node = nodes.get(id);
    if (!node) { return; }
    if (hiddenKind[node.group]) {
      var box = document.querySelector('#legend-kinds input[data-kind="' + node.group + '"]');
      if (box) { box.checked = true; }
      hiddenKind[node.group] = false;
      updateCounts();
    }
    if (orgKindHidden(id)) {
      orgKindsOf[id].forEach(function (k) {
        var orgBox = document.querySelector('#legend-org-kinds input[data-org-kind="' + k + '"]');
        if (orgBox) { orgBox.checked = true; }
        hiddenOrgKind[k] = false;
      });
      updateCounts();
    }
    selected = id;
    neighbourhood(id);
    redraw();
    network.selectNodes([id]);
    if (how.frame !== false) {
      var shown = Object.keys(keep).filter(function (m) { return !nodeHidden(m); });
      network.fit({ nodes: shown, animation: how.animate ? { duration: 300 } : false, maxZoomLevel: 1.5 });
    }
    showDetails(id);
    status.textContent = "Selected: " + info[id].name;
  }
  function clearSelection() {
    if (selected === null) { return; }
    selected = null;
    keep = {}; near = {};
    redraw();
    network.unselectAll();
    document.getElementById("details").hidden = true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0], { frame: false }); }
    else if (!params.edges.length) { clearSelection(); }
  });
  document.getElementById("clear").addEventListener("click", clearSelection);

  /* ---- tooltips close when the pointer leaves the drawing ---- */
  function hideTooltip() {
    var ih = network.interactionHandler;
    if (ih) {
      if (ih.popupTimer !== undefined) { clearTimeout(ih.popupTimer); ih.popupTimer = undefined; }
      ih.popupObj = undefined;
      if (ih.popup) { ih.popup.hide(); }
    }
    Array.prototype.forEach.call(document.querySelectorAll("div.vis-tooltip"), function (t) { t.style.visibility = "hidden"; });
  }
  container.addEventListener("mouseleave", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  /* ---- details of the selected node (text only) ---- */
  function para(text, cls) {
    var p = document.createElement("p");
    p.textContent = text;
    if (cls) { p.className = cls; }
    return p;
  }
  function nodeButton(m, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("data-node", m);
    b.addEventListener("click", function () { select(m, { animate: true }); });
    return b;
  }
  function showDetails(id) {
    var panel = document.getElementById("details");
    var box = document.getElementById("details-body");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var node = nodes.get(id);
    var it = info[id];
    box.appendChild(para(it.lines[0], "label"));
    it.lines.slice(1).forEach(function (line) { box.appendChild(para(line)); });
    if (it.alts.length) { box.appendChild(para("Also called: " + it.alts.join("; "))); }
    if (node && node.desc) { box.appendChild(para(node.desc)); }
    if (String(id).indexOf("aggregate:") !== 0) { box.appendChild(para("Web address: " + id, "iri")); }
    var others = Object.keys(keep).filter(function (m) { return m !== String(id); });
    if (others.length) {
      box.appendChild(para("Connected to " + others.length + ":"));
      var ul = document.createElement("ul");
      others.slice(0, 60).forEach(function (m) {
        var li = document.createElement("li");
        li.appendChild(nodeButton(m, info[m] ? info[m].name : String(m)));
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (others.length > 60) { box.appendChild(para("… and " + (others.length - 60) + " more.")); }
    }
    panel.hidden = false;
  }

  /* ---- search: whole words, acronyms, other names; case and macrons ignored ---- */
  var status = document.getElementById("search-status");
  var matches = document.getElementById("matches");
  function find(query) {
    var q = words(query);
    if (!q.length) { return []; }
    var phrase = q.join(" ");
    var tiers = [[], [], [], []];
    data.nodes.forEach(function (n) {
      if (n.group === "aggregate") { return; }
      var it = info[n.id];
      if (it.whole.indexOf(phrase) !== -1) { tiers[0].push(n.id); return; }          /* a whole name, identifier or acronym */
      if (q.length === 1 && it.initials === phrase && phrase.length > 1) { tiers[1].push(n.id); return; }  /* initials of the name */
      if (q.every(function (w) { return it.words.indexOf(w) !== -1; })) { tiers[2].push(n.id); return; }  /* every word, whole */
      if (q.every(function (w) { return it.words.some(function (x) { return x.indexOf(w) === 0; }); })) { tiers[3].push(n.id); }  /* word starts */
    });
    /* word starts only when nothing matches whole words: "dia" must not find "diagram" when DIA exists */
    var found = tiers[0].concat(tiers[1], tiers[2]);
    return found.length ? found : tiers[3];
  }
  function listMatches(found, chosen) {
    while (matches.firstChild) { matches.removeChild(matches.firstChild); }
    found.forEach(function (id) {
      var li = document.createElement("li");
      var b = nodeButton(id, info[id].name);
      if (id === chosen) { b.setAttribute("aria-current", "true"); }
      li.appendChild(b);
      matches.appendChild(li);
    });
    matches.hidden = found.length < 2;
  }
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search").value;
    var found = find(query);
    if (!found.length) {
      listMatches([], null);
      status.textContent = "Nothing matches \u201c" + query.trim() + "\u201d.";
      return;
    }
    var q = words(query).join(" ");
    var exact = found.filter(function (id) { return info[id].whole.indexOf(q) !== -1; });
    var chosen = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : null;
    listMatches(found, chosen);
    if (chosen !== null) {
      select(chosen, { animate: true });
      if (found.length > 1) { status.textContent = "Selected: " + info[chosen].name + ". " + (found.length - 1) + " other match" + (found.length > 2 ? "es" : "") + " below."; }
    } else {
      clearSelection();  /* the drawing shows no earlier choice while the reader picks */
      status.textContent = found.length + " matches: pick one below.";
    }
  });
  window.ogpFocus = function (id, animate, frame) { select(id, { animate: animate, frame: frame }); };
  window.ogpFind = find;

  /* ---- filter by kind: hide, re-fit, recount ---- */
  var counts = document.getElementById("counts");
  var countsAtLoad = counts.textContent;
  function updateCounts() {
    var hiddenNames = [];
    Array.prototype.forEach.call(document.querySelectorAll("#legend-kinds input[data-kind], #legend-org-kinds input[data-org-kind]"), function (box) {
      if (!box.checked) { hiddenNames.push(box.getAttribute("data-label")); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("#node-list li[data-kind]"), function (li) {
      li.hidden = nodeHidden(li.getAttribute("data-id"));
    });
    if (!hiddenNames.length) { counts.textContent = countsAtLoad; return; }
    var n = data.nodes.filter(function (x) { return !nodeHidden(x.id); }).length;
    var e = data.edges.filter(function (x) { return !nodeHidden(x.from) && !nodeHidden(x.to); }).length;
    counts.textContent = n.toLocaleString("en") + " of " + data.nodes.length.toLocaleString("en") + " nodes and " +
      e.toLocaleString("en") + " of " + data.edges.length.toLocaleString("en") + " edges drawn; hidden: " + hiddenNames.join(", ") + ".";
  }
  function refit() {
    var shown = data.nodes.filter(function (x) { return !nodeHidden(x.id); }).map(function (x) { return x.id; });
    if (shown.length) { network.fit({ nodes: shown, animation: false }); }
  }
  function filtered() {
    if (selected !== null && nodeHidden(selected)) { clearSelection(); }
    redraw();
    updateCounts();
    refit();
  }
  Array.prototype.forEach.call(document.querySelectorAll("#legend-kinds input[data-kind]"), function (box) {
    box.addEventListener("change", function () {
      hiddenKind[box.getAttribute("data-kind")] = !box.checked;
      filtered();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("#legend-org-kinds input[data-org-kind]"), function (box) {
    box.addEventListener("change", function () {
      hiddenOrgKind[box.getAttribute("data-org-kind")] = !box.checked;
      filtered();
    });
  });

  /* ---- every node as a list (keyboard: Tab to a name, Enter selects it) ---- */
  var list = document.getElementById("node-list");
  var fragment = document.createDocumentFragment();
  data.nodes.forEach(function (n) {
    if (n.group === "aggregate") { return; }
    var li = document.createElement("li");
    li.setAttribute("data-kind", n.group);
    li.setAttribute("data-id", n.id);
    var text = info[n.id].name + (statusText(n) ? " (" + statusText(n) + ")" : "");
    li.appendChild(nodeButton(n.id, text));
    fragment.appendChild(li);
  });
  list.appendChild(fragment);

  /* ---- given positions (physics off): nothing to wait for ---- */
  var physics = data.options && data.options.physics;
  var laysOut = physics !== false && !(physics && physics.enabled === false);
  if (data.nodes.length === 0 || !laysOut) { stable(); }
  else if (body.getAttribute("data-state") !== "stable") { body.setAttribute("data-state", "stabilising"); }
})();
