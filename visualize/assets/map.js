/* haizhi-kg map page: draws the network from the JSON block #kg-data with
 * vis-network (physics off: positions are computed before the page is
 * written), and adds search, label/type filters, tooltips and a details panel.
 * Every text from the data reaches the page through textContent only. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta, info = data.info, ui = data.ui, legend = data.legend;
  var state = window.kgMap = { ready: false, firstDrawMs: null, meta: meta, info: info, errors: [] };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function norm(s) {
    return String(s || "").normalize("NFKC").toLowerCase().trim();
  }

  // ---- the network ------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenLabels = new Set(), hiddenTypes = new Set();
  function nodeShown(id) {
    var d = info.n[id];
    return !!d && !hiddenLabels.has(d.k);
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeShown(n.id); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      var d = info.e[e.id];
      return !!d && !hiddenTypes.has(d.t) && nodeShown(e.from) && nodeShown(e.to);
    }
  });
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  network.once("afterDrawing", function () {
    state.firstDrawMs = performance.now();
    state.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.fit({ animation: false, maxZoomLevel: 1.2 });

  function drawn() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }

  // ---- tooltip and details ------------------------------------------------
  // the page keeps tooltip data compact (texts numbered in tables): expand one item
  function detail(kind, id) {
    var d = info[kind][id];
    if (!d) return null;
    var h = d.h;
    if (kind === "e") {
      var e = edges.get(id);
      h = (info.n[e.from] ? info.n[e.from].h : e.from) + " → " + (info.n[e.to] ? info.n[e.to].h : e.to);
    }
    return {
      h: h, sub: info.sub[d.b],
      rows: (d.r || []).map(function (r) { return [info.keys[r[0]], r[1]]; }),
      src: d.s === undefined ? "" : info.src[d.s], ev: d.ev || ""
    };
  }
  function infoBox(d) {
    var box = el("div", "kg-info");
    box.appendChild(el("div", "kg-info-h", d.h));
    box.appendChild(el("div", "kg-info-sub", d.sub));
    if (d.rows && d.rows.length) {
      var table = el("table");
      d.rows.forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("th", null, r[0]));
        tr.appendChild(el("td", null, r[1]));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    if (d.src || d.ev) {
      var prov = el("div", "kg-prov");
      if (d.src) {
        var s = el("div");
        s.appendChild(el("span", "kg-info-sub", ui.source + ": "));
        s.appendChild(el("span", "kg-src", d.src));
        prov.appendChild(s);
      }
      if (d.ev) {
        prov.appendChild(el("div", "kg-info-sub", ui.evidence + ":"));
        prov.appendChild(el("blockquote", "kg-ev", d.ev));
      }
      box.appendChild(prov);
    }
    return box;
  }
  var tip = document.getElementById("kg-tip");
  var details = document.getElementById("kg-details");
  var detailsBody = document.getElementById("kg-details-body");
  function showTip(kind, id, domPos) {
    var d = detail(kind, id);
    if (!d) return;
    tip.replaceChildren(infoBox(d));
    tip.hidden = false;
    var box = container.getBoundingClientRect();
    var px = box.left + domPos.x, py = box.top + domPos.y;
    var w = window.innerWidth, h = window.innerHeight;
    var x = Math.min(px + 14, Math.max(0, w - tip.offsetWidth - 4));
    var y = py + 14;
    if (y + tip.offsetHeight > h) y = Math.max(0, py - tip.offsetHeight - 10);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
    state.tip = { kind: kind, id: id };
  }
  function hideTip() {
    tip.hidden = true;
    state.tip = null;
  }
  function showDetails(kind, id) {
    var d = detail(kind, id);
    if (!d) return;
    detailsBody.replaceChildren(infoBox(d));
    details.hidden = false;
    state.details = { kind: kind, id: id };
  }
  function hideDetails() {
    details.hidden = true;
    state.details = null;
  }
  function pointerOf(params, fallbackId) {
    if (params && params.pointer && params.pointer.DOM) return params.pointer.DOM;
    var p = network.getPositions([fallbackId])[fallbackId];
    return network.canvasToDOM(p);
  }
  network.on("hoverNode", function (p) { showTip("n", p.node, pointerOf(p, p.node)); });
  network.on("blurNode", hideTip);
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    showTip("e", p.edge, p.pointer && p.pointer.DOM ? p.pointer.DOM : pointerOf(null, e.from));
  });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) showDetails("n", p.nodes[0]);
    else if (p.edges && p.edges.length) showDetails("e", p.edges[0]);
    else hideDetails();
  });
  document.getElementById("kg-close").addEventListener("click", hideDetails);

  // ---- panel: title, status, notes -----------------------------------------
  document.getElementById("kg-title").textContent = meta.title;
  var status = document.getElementById("kg-status");
  function updateStatus() {
    var c = drawn();
    status.textContent = c.nodes + " / " + meta.counts.nodes + " " + ui.nodes + " · " +
      c.edges + " / " + meta.counts.edges + " " + ui.edges;
  }
  var notes = document.getElementById("kg-notes");
  (meta.notes || []).forEach(function (t) { notes.appendChild(el("li", null, t)); });
  notes.hidden = !(meta.notes && meta.notes.length);

  // ---- filters (the legend) -------------------------------------------------
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    updateStatus();
  }
  function setLabelVisible(label, visible) {
    if (visible) hiddenLabels.delete(label); else hiddenLabels.add(label);
    var box = document.querySelector('input[data-kind="label"][data-index="' + labelIndex[label] + '"]');
    if (box) box.checked = visible;
    refresh();
  }
  function setTypeVisible(type, visible) {
    if (visible) hiddenTypes.delete(type); else hiddenTypes.add(type);
    var box = document.querySelector('input[data-kind="type"][data-index="' + typeIndex[type] + '"]');
    if (box) box.checked = visible;
    refresh();
  }
  var labelIndex = {}, typeIndex = {};
  // a small drawing of a vis-network shape, for the legend (SVG: no font can lack it)
  var SVG = "http://www.w3.org/2000/svg";
  var SHAPES = {
    dot: ["circle", { cx: 8, cy: 8, r: 6 }],
    circle: ["circle", { cx: 8, cy: 8, r: 6 }],
    ellipse: ["ellipse", { cx: 8, cy: 8, rx: 7.5, ry: 4.5 }],
    square: ["rect", { x: 2.5, y: 2.5, width: 11, height: 11 }],
    box: ["rect", { x: 0.5, y: 4, width: 15, height: 8, rx: 2 }],
    diamond: ["polygon", { points: "8,1 15,8 8,15 1,8" }],
    triangle: ["polygon", { points: "8,1.5 15,14 1,14" }],
    triangleDown: ["polygon", { points: "1,2 15,2 8,14.5" }],
    hexagon: ["polygon", { points: "8,1 14.1,4.5 14.1,11.5 8,15 1.9,11.5 1.9,4.5" }],
    star: ["polygon", { points: "8,0.5 10.2,5.6 15.6,5.9 11.4,9.3 12.8,14.6 8,11.6 3.2,14.6 4.6,9.3 0.4,5.9 5.8,5.6" }]
  };
  function shapeIcon(shape, color, fallback) {
    var spec = SHAPES[shape];
    if (!spec) {
      var g = el("span", "kg-glyph", fallback);
      g.style.color = color;
      return g;
    }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "kg-glyph");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    var shapeEl = document.createElementNS(SVG, spec[0]);
    Object.keys(spec[1]).forEach(function (k) { shapeEl.setAttribute(k, String(spec[1][k])); });
    shapeEl.style.fill = color;
    shapeEl.style.stroke = "rgba(0,0,0,0.35)";
    svg.appendChild(shapeEl);
    return svg;
  }
  function legendRow(kind, i, row, glyphColor, glyph) {
    var li = el("li");
    var lab = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-kind", kind);
    box.setAttribute("data-index", String(i));
    box.addEventListener("change", function () {
      if (kind === "label") setLabelVisible(row.name, box.checked); else setTypeVisible(row.name, box.checked);
    });
    lab.appendChild(box);
    if (glyph) lab.appendChild(shapeIcon(row.shape, glyphColor, glyph));
    lab.appendChild(el("span", null, row.text));
    li.appendChild(lab);
    li.appendChild(el("span", "kg-count", row.count));
    return li;
  }
  var labelList = document.getElementById("kg-labels");
  legend.labels.forEach(function (row, i) {
    labelIndex[row.name] = i;
    labelList.appendChild(legendRow("label", i, row, row.color, row.glyph));
  });
  var typeList = document.getElementById("kg-types");
  legend.types.forEach(function (row, i) {
    typeIndex[row.name] = i;
    typeList.appendChild(legendRow("type", i, row, null, null));
  });
  document.getElementById("kg-types-h").hidden = legend.types.length === 0;
  var marks = document.getElementById("kg-marks");
  legend.marks.forEach(function (m) {
    var li = el("li");
    var s = el("span", "kg-mark");
    s.classList.add("kg-mark-" + m.style);
    li.appendChild(s);
    li.appendChild(el("span", null, m.text));
    marks.appendChild(li);
  });
  document.getElementById("kg-marks-h").hidden = legend.marks.length === 0;

  // ---- search -------------------------------------------------------------------
  var ids = Object.keys(info.n);
  function search(query, limit) {
    var q = norm(query);
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < ids.length; i++) {
      var d = info.n[ids[i]];
      var pos = d.q.indexOf(q);
      if (pos < 0) continue;
      var name = norm(d.h);
      var rank = name === q ? 0 : (pos === 0 || name.indexOf(q) === 0) ? 1 : 2;
      hits.push([rank, d.h.length, ids[i]]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    return hits.slice(0, limit || 30).map(function (h) { return h[2]; });
  }
  function focusNode(id) {
    var d = info.n[id];
    if (!d) return false;
    if (hiddenLabels.has(d.k)) setLabelVisible(d.k, true);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showDetails("n", id);
    return true;
  }
  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var composing = false;
  function renderResults() {
    var found = search(input.value, 30);
    results.replaceChildren();
    if (!norm(input.value)) return found;
    if (!found.length) {
      results.appendChild(el("li", "kg-none", ui.noMatch));
      return found;
    }
    found.forEach(function (id) {
      var li = el("li");
      var b = el("button", null, info.n[id].h + " · " + info.sub[info.n[id].b]);
      b.type = "button";
      b.setAttribute("data-index", String(ids.indexOf(id)));
      b.addEventListener("click", function () { focusNode(id); });
      li.appendChild(b);
      results.appendChild(li);
    });
    return found;
  }
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; renderResults(); });
  input.addEventListener("input", function () { if (!composing) renderResults(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.isComposing) {
      var found = search(input.value, 1);
      if (found.length) focusNode(found[0]);
    }
  });

  updateStatus();
  state.network = network;
  state.nodes = nodes;
  state.edges = edges;
  state.drawn = drawn;
  state.search = search;
  state.focusNode = focusNode;
  state.setLabelVisible = setLabelVisible;
  state.setTypeVisible = setTypeVisible;
  state.showTip = showTip;
  state.showDetails = showDetails;
  state.detail = detail;
})();
