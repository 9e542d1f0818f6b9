/* ogpgraph graph page: search, filter by kind, neighbourhood highlight, details panel.
   Data is read with JSON.parse and only ever written to the page with textContent. */
(function () {
  "use strict";
  window.ogpStartAt = performance.now();
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var styles = data.edgeStyles;
  var body = document.body;

  function edgeColor(style, opacity) {
    var c = styles[style].color;
    return { color: c.color, highlight: c.highlight, hover: c.hover, opacity: opacity };
  }
  data.edges.forEach(function (e) {
    var st = styles[e.s];
    e.color = edgeColor(e.s, 1);
    e.width = st.width;
    e.dashes = st.dashes;
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;

  /* ---- stabilise, then stop the physics ---- */
  var progress = document.getElementById("progress");
  var loading = document.getElementById("loading");
  function stable() {
    if (body.getAttribute("data-state") === "stable") { return; }
    network.setOptions({ physics: { enabled: false } });
    body.setAttribute("data-state", "stable");
    window.ogpStableAt = performance.now();
    network.redraw();  /* measures the labels, so that the fit keeps them in view */
    network.fit({ animation: false });  /* the whole drawing in view first */
    if (data.focus) { focusNode(data.focus, false, false); }
  }
  network.on("stabilizationProgress", function (p) {
    var pct = Math.round((100 * p.iterations) / p.total);
    progress.textContent = pct + "%";
    loading.setAttribute("aria-valuenow", String(pct));
  });
  network.once("stabilizationIterationsDone", stable);
  network.once("stabilized", stable);
  if (data.nodes.length === 0) { stable(); }
  body.setAttribute("data-state", body.getAttribute("data-state") === "stable" ? "stable" : "stabilising");

  /* ---- names for search and the details panel ---- */
  var info = {};
  var byKind = {};
  var names = document.getElementById("names");
  var fragment = document.createDocumentFragment();
  data.nodes.forEach(function (n) {
    var lines = String(n.title || "").split("\n");
    info[n.id] = { name: lines[0] || n.label, lines: lines, search: (lines[0] + "\n" + (lines[1] || "")).toLowerCase() };
    (byKind[n.group] = byKind[n.group] || []).push(n.id);
    if (n.group !== "aggregate") {
      var option = document.createElement("option");
      option.value = info[n.id].name;
      fragment.appendChild(option);
    }
  });
  names.appendChild(fragment);

  /* ---- highlight a neighbourhood ---- */
  var dimmed = false;
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    var near = {};
    network.getConnectedEdges(id).forEach(function (e) { near[e] = true; });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: keep[n.id] ? 1 : 0.15 }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: edgeColor(e.s, near[e.id] ? 1 : 0.08) }; }));
    dimmed = true;
    showDetails(id, Object.keys(keep));
  }
  function reset() {
    if (!dimmed) { return; }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: 1 }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: edgeColor(e.s, 1) }; }));
    dimmed = false;
    document.getElementById("details").hidden = true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); }
    else if (!params.edges.length) { reset(); }
  });

  /* ---- details of the selected node (text only) ---- */
  function para(text, cls) {
    var p = document.createElement("p");
    p.textContent = text;
    if (cls) { p.className = cls; }
    return p;
  }
  function showDetails(id, neighbours) {
    var panel = document.getElementById("details");
    var box = document.getElementById("details-body");
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var node = nodes.get(id);
    var lines = info[id] ? info[id].lines : [String(id)];
    box.appendChild(para(lines[0], "label"));
    lines.slice(1).forEach(function (line) { box.appendChild(para(line)); });
    if (node && node.desc) { box.appendChild(para(node.desc)); }
    if (String(id).indexOf("aggregate:") !== 0) { box.appendChild(para("IRI: " + id)); }
    var others = neighbours.filter(function (m) { return m !== id; });
    if (others.length) {
      box.appendChild(para("Connected to " + others.length + ":"));
      others.slice(0, 40).forEach(function (m) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = info[m] ? info[m].name : String(m);
        b.addEventListener("click", function () { focusNode(m, true); });
        box.appendChild(b);
        box.appendChild(document.createElement("br"));
      });
    }
    panel.hidden = false;
  }

  /* ---- search ---- */
  var status = document.getElementById("search-status");
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var exact = null, prefix = null, part = null;
    for (var i = 0; i < data.nodes.length; i++) {
      var id = data.nodes[i].id;
      var it = info[id];
      var name = it.name.toLowerCase();
      if (name === q || String(id).toLowerCase() === q) { exact = id; break; }
      if (prefix === null && name.indexOf(q) === 0) { prefix = id; }
      if (part === null && it.search.indexOf(q) !== -1) { part = id; }
    }
    return exact !== null ? exact : prefix !== null ? prefix : part;
  }
  function focusNode(id, animate, zoom) {
    var node = nodes.get(id);
    if (node && node.hidden) {
      var box = document.querySelector('#legend-kinds input[data-kind="' + node.group + '"]');
      if (box) { box.checked = true; setKind(node.group, true); }
    }
    network.selectNodes([id]);
    if (zoom !== false) {
      network.focus(id, { scale: 1.3, animation: animate ? { duration: 300 } : false });
    }
    highlight(id);
    status.textContent = "Found: " + (info[id] ? info[id].name : id);
  }
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search").value;
    var id = find(query);
    if (id === null) { status.textContent = "No node matches \u201c" + query + "\u201d."; return; }
    focusNode(id, true);
  });
  window.ogpFocus = focusNode;

  /* ---- filter by kind ---- */
  function setKind(kind, visible) {
    nodes.update((byKind[kind] || []).map(function (id) { return { id: id, hidden: !visible }; }));
  }
  Array.prototype.forEach.call(document.querySelectorAll("#legend-kinds input[data-kind]"), function (box) {
    box.addEventListener("change", function () { setKind(box.getAttribute("data-kind"), box.checked); });
  });
})();
