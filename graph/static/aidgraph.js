/* aidgraph interactive view (inlined into the generated HTML).
 *
 * Safety rule: every string that comes from the data (labels, sentences, titles,
 * URLs) is put into the DOM with textContent / setAttribute on safe attributes
 * only, never parsed as markup; links are made only for http(s) URLs. vis-network's own
 * `title` tooltips (which accept HTML) are not used.
 *
 * window.aidgraphReady becomes true (and window.aidgraphDrawnMs is set) once the
 * network has drawn with physics finished, i.e. when the page is idle.
 */
(function () {
  "use strict";

  var CFG = window.AIDGRAPH_CONFIG;
  var T = CFG.ui;
  var container = document.getElementById("mynetwork");
  var panel = document.getElementById("ag-panel-body");
  var tooltip = document.getElementById("ag-tooltip");
  var statsEl = document.getElementById("ag-stats");
  var t0 = performance.now();

  window.aidgraphReady = false;
  window.aidgraphDrawnMs = null;

  var nodes = new vis.DataSet(window.AIDGRAPH_NODES);
  var edges = new vis.DataSet(window.AIDGRAPH_EDGES);
  var options = window.AIDGRAPH_OPTIONS;
  var physicsOn = !!(options.physics && options.physics.enabled) && nodes.length > 0;
  if (!physicsOn) { options.physics = { enabled: false }; }

  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // ---------------------------------------------------------------- helpers
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === "text") { e.textContent = String(v); }
        else if (k === "className") { e.className = v; }
        else if (k === "onclick") { e.addEventListener("click", v); }
        else { e.setAttribute(k, String(v)); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }
  function safeUrl(u) {
    if (typeof u !== "string") { return null; }
    try {
      var p = new URL(u.trim());
      return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null;
    } catch (err) { return null; }
  }
  function externalLink(href, text) {
    var a = el("a", { href: href, target: "_blank", rel: "noopener noreferrer nofollow",
                      referrerpolicy: "no-referrer", text: text });
    return a;
  }
  function typeText(n) {
    var cls = CFG.classNames[n.group] || "";
    var typ = n.typeLabel || "";
    if (!typ || norm(typ) === norm(cls) || norm(cls).indexOf(norm(typ)) >= 0) { return cls; }
    return cls ? cls + " · " + typ : typ;
  }
  function nodeLabel(id) { var n = nodes.get(id); return n ? n.label : String(id); }
  function plural(k) { return k + " " + (k === 1 ? T.article : T.articlesPl); }
  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function shapeSwatch(shape, color) {
    var s = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    var common = { fill: color, stroke: "#333", "stroke-width": 1 };
    var p;
    if (shape === "dot") { p = svg("circle", Object.assign({ cx: 8, cy: 8, r: 6 }, common)); }
    else if (shape === "square") { p = svg("rect", Object.assign({ x: 2, y: 2, width: 12, height: 12 }, common)); }
    else if (shape === "diamond") { p = svg("polygon", Object.assign({ points: "8,1 15,8 8,15 1,8" }, common)); }
    else if (shape === "triangle") { p = svg("polygon", Object.assign({ points: "8,1 15,14 1,14" }, common)); }
    else if (shape === "triangleDown") { p = svg("polygon", Object.assign({ points: "1,2 15,2 8,15" }, common)); }
    else { p = svg("circle", Object.assign({ cx: 8, cy: 8, r: 6 }, common)); }
    s.appendChild(p);
    return s;
  }
  function lineSwatch(color, dashed, width) {
    var s = svg("svg", { width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" });
    var l = svg("line", { x1: 1, y1: 5, x2: 27, y2: 5, stroke: color, "stroke-width": width || 2 });
    if (dashed) { l.setAttribute("stroke-dasharray", "5,4"); }
    s.appendChild(l);
    return s;
  }

  // ---------------------------------------------------------------- tooltip
  function showTooltip(content, pointer) {
    clear(tooltip);
    content.forEach(function (c) { tooltip.appendChild(c); });
    tooltip.hidden = false;
    var x = (pointer && pointer.DOM ? pointer.DOM.x : 0) + 14;
    var y = (pointer && pointer.DOM ? pointer.DOM.y : 0) + 14;
    var w = container.clientWidth, h = container.clientHeight;
    var tw = tooltip.offsetWidth, th = tooltip.offsetHeight;
    if (x + tw > w) { x = Math.max(0, x - tw - 28); }
    if (y + th > h) { y = Math.max(0, y - th - 28); }
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }
  function hideTooltip() {
    tooltip.hidden = true;
    tooltip.removeAttribute("data-edge");
    tooltip.removeAttribute("data-node");
    clear(tooltip);
  }
  function truncate(s, n) { s = String(s || ""); return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function edgeSummary(e) {
    var bits = [e.relLabel, CFG.statusNames[e.statusKey] || e.statusKey, T.support + " " + plural(e.support)];
    return bits.join(" · ");
  }
  function edgeTooltip(id, pointer) {
    var e = edges.get(id);
    if (!e) { return; }
    var parts = [
      el("div", { className: "ag-tt-head", text: nodeLabel(e.from) + " → " + nodeLabel(e.to) }),
      el("div", { text: edgeSummary(e) })
    ];
    if (e.claims && e.claims.length) {
      var c = e.claims[0];
      parts.push(el("div", { className: "ag-tt-sent", text: "“" + truncate(c.sentence, 220) + "”" }));
      var src = [c.article_title || T.untitled, c.article_date].filter(Boolean).join(", ");
      parts.push(el("div", { className: "ag-meta", text: src }));
    }
    showTooltip(parts, pointer);
    tooltip.setAttribute("data-edge", id);
  }
  function nodeTooltip(id, pointer) {
    var n = nodes.get(id);
    if (!n) { return; }
    showTooltip([
      el("div", { className: "ag-tt-head", text: n.label }),
      el("div", { text: typeText(n) + " · " + T.articles + ": " + n.articles })
    ], pointer);
    tooltip.setAttribute("data-node", id);
  }
  var dragging = false;
  network.on("dragStart", function () { dragging = true; hideTooltip(); });
  network.on("dragEnd", function () { dragging = false; });
  network.on("zoom", hideTooltip);
  if (options.interaction && options.interaction.hover) {
    // small graphs: vis' hover events (with hover highlighting)
    network.on("hoverEdge", function (p) { edgeTooltip(p.edge, p.pointer); });
    network.on("blurEdge", hideTooltip);
    network.on("hoverNode", function (p) { nodeTooltip(p.node, p.pointer); });
    network.on("blurNode", hideTooltip);
  } else {
    // big graphs: vis hover would redraw the whole canvas whenever the hovered item
    // changes; hit-test ourselves (throttled) and only move the tooltip
    var lastMove = null, hoverTimer = null;
    var hoverAt = function () {
      hoverTimer = null;
      if (dragging || !lastMove) { return; }
      var r = container.getBoundingClientRect();
      var p = { x: lastMove.clientX - r.left, y: lastMove.clientY - r.top };
      var nid = network.getNodeAt(p);
      if (nid !== undefined) { nodeTooltip(nid, { DOM: p }); return; }
      var eid = network.getEdgeAt(p);
      if (eid !== undefined) { edgeTooltip(eid, { DOM: p }); return; }
      hideTooltip();
    };
    container.addEventListener("mousemove", function (ev) {
      lastMove = ev;
      if (hoverTimer === null) { hoverTimer = setTimeout(hoverAt, 100); }
    });
    container.addEventListener("mouseleave", function () { lastMove = null; hideTooltip(); });
  }

  // ---------------------------------------------------------------- panels
  function showHint() {
    clear(panel);
    panel.appendChild(el("p", { className: "ag-hint", text: T.panelHint }));
    panel.setAttribute("data-kind", "none");
  }

  function relItem(e, outgoing) {
    var other = outgoing ? e.to : e.from;
    var li = el("li", null, [
      el("span", { className: "ag-swatch", style: "background:" + e.color }),
      el("button", { type: "button", className: "ag-link", "data-edge": e.id,
                     text: outgoing ? e.relLabel + " → " + nodeLabel(other)
                                    : nodeLabel(other) + " → " + e.relLabel,
                     onclick: function () { selectEdge(e.id); } }),
      " ",
      el("span", { className: "ag-meta",
                   text: "(" + [CFG.statusNames[e.statusKey], plural(e.support)].join(", ") + ")" })
    ]);
    if (isHiddenEdge(e.id)) { li.style.opacity = "0.5"; }
    return li;
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return false; }
    clear(panel);
    panel.setAttribute("data-kind", "node");
    panel.setAttribute("data-id", n.id);
    panel.appendChild(el("h2", { text: n.label }));
    var dl = el("dl");
    function row(k, v) { if (v !== null && v !== undefined && v !== "") { dl.appendChild(el("dt", { text: k })); dl.appendChild(el("dd", null, [v])); } }
    row(T.type, typeText(n));
    var names = [];
    var seen = {};
    seen[n.label] = true;
    Object.keys(n.labels || {}).sort().forEach(function (lg) {
      var v = n.labels[lg];
      if (v && !seen[v]) { seen[v] = true; names.push(v + " (" + lg + ")"); }
    });
    if (n.canonical && !seen[n.canonical]) { seen[n.canonical] = true; names.push(n.canonical); }
    (n.aliases || []).forEach(function (a) { if (!seen[a]) { seen[a] = true; names.push(a); } });
    if (names.length) { row(T.aliases, el("span", { className: "ag-aliases", text: names.join("; ") })); }
    if (n.wikidata && /^Q[1-9][0-9]*$/.test(n.wikidata)) {
      row(T.wikidata, externalLink(CFG.wikidataBase + n.wikidata, n.wikidata));
    }
    row(T.articles, String(n.articles));
    row(T.id, el("span", { className: "ag-mono", text: n.id }));
    panel.appendChild(dl);

    var connected = network.getConnectedEdges(n.id).map(function (eid) { return edges.get(eid); })
      .filter(Boolean);
    function byLabel(a, b) {
      return (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) ||
             (a.relLabel < b.relLabel ? -1 : a.relLabel > b.relLabel ? 1 : 0) ||
             (a.id < b.id ? -1 : 1);
    }
    var out = connected.filter(function (e) { return e.from === n.id; }).sort(byLabel);
    var inc = connected.filter(function (e) { return e.to === n.id && e.from !== n.id; }).sort(byLabel);
    [[T.outgoing, out, true], [T.incoming, inc, false]].forEach(function (sec) {
      panel.appendChild(el("h3", { text: sec[0] + " (" + sec[1].length + ")" }));
      if (!sec[1].length) { panel.appendChild(el("p", { className: "ag-meta", text: T.none })); return; }
      var ul = el("ul", { className: "ag-rel" });
      sec[1].forEach(function (e) { ul.appendChild(relItem(e, sec[2])); });
      panel.appendChild(ul);
    });
    return true;
  }

  var MAX_CLAIMS = 100;
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return false; }
    clear(panel);
    panel.setAttribute("data-kind", "edge");
    panel.setAttribute("data-id", e.id);
    panel.appendChild(el("h2", null, [
      el("button", { type: "button", className: "ag-link", text: nodeLabel(e.from),
                     onclick: function () { selectNode(e.from); } }),
      " → ",
      el("button", { type: "button", className: "ag-link", text: nodeLabel(e.to),
                     onclick: function () { selectNode(e.to); } })
    ]));
    var dl = el("dl");
    function row(k, v, cls) { if (v !== null && v !== undefined && v !== "") { dl.appendChild(el("dt", { text: k })); dl.appendChild(el("dd", { className: cls }, [v])); } }
    row(T.relation, e.relLabel, "ag-relation");
    row(T.group, el("span", null, [el("span", { className: "ag-swatch", style: "background:" + e.color }),
                                   CFG.groupNames[e.group] || e.group]));
    row(T.status, CFG.statusNames[e.statusKey] || e.statusKey, "ag-status");
    row(T.support, plural(e.support), "ag-support");
    panel.appendChild(dl);
    var claims = e.claims || [];
    panel.appendChild(el("h3", { text: T.evidence + " (" + claims.length + ")" }));
    claims.slice(0, MAX_CLAIMS).forEach(function (c) {
      var box = el("div", { className: "ag-claim" });
      box.appendChild(el("blockquote", { className: "ag-sentence", text: c.sentence || "" }));
      var meta = el("dl");
      function mrow(k, v, cls) { if (v !== null && v !== undefined && v !== "") { meta.appendChild(el("dt", { text: k })); meta.appendChild(el("dd", { className: cls }, [v])); } }
      var title = c.article_title || T.untitled;
      var href = safeUrl(c.article_url);
      mrow(T.source, href ? externalLink(href, title) : el("span", { text: title }), "ag-article");
      mrow(T.date, c.article_date, "ag-article-date");
      mrow(T.status, c.status ? (CFG.statusNames[c.status] || c.status) : null, "ag-claim-status");
      mrow(T.quantity, c.quantity, "ag-quantity");
      mrow(T.amount, c.amount, "ag-amount");
      mrow(T.eventDate, c.date, "ag-date");
      mrow(T.rule, c.rule ? el("span", { className: "ag-mono", text: c.rule }) : null, "ag-rule");
      box.appendChild(meta);
      panel.appendChild(box);
    });
    if (claims.length > MAX_CLAIMS) {
      panel.appendChild(el("p", { className: "ag-meta", text: (claims.length - MAX_CLAIMS) + " " + T.more }));
    }
    return true;
  }

  function selectNode(id) {
    var n = nodes.get(id);
    if (!n || isHiddenNode(id)) { return false; }
    network.selectNodes([id], false);
    return showNode(id);
  }
  function selectEdge(id) {
    var e = edges.get(id);
    if (!e || isHiddenEdge(id)) { return false; }
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    return showEdge(id);
  }

  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes && p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges && p.edges.length) { showEdge(p.edges[0]); }
    else { showHint(); }
  });

  // ---------------------------------------------------------------- search
  var index = nodes.get().map(function (n) {
    var names = [n.label, n.canonical].concat(Object.keys(n.labels || {}).map(function (k) { return n.labels[k]; }))
      .concat(n.aliases || []).filter(function (s) { return typeof s === "string" && s.trim(); })
      .map(norm);
    return { id: n.id, names: names, articles: n.articles || 0, label: n.label };
  });
  function search(q) {
    var qn = norm(q || "");
    if (!qn) { return []; }
    var hits = [];
    index.forEach(function (it) {
      var best = 9;
      it.names.forEach(function (s) {
        var r = s === qn ? 0 : s.indexOf(qn) === 0 ? 1 : s.indexOf(" " + qn) >= 0 ? 2 : s.indexOf(qn) >= 0 ? 3 : 9;
        if (r < best) { best = r; }
      });
      if (best < 9) { hits.push([best, -it.articles, it.label, it.id]); }
    });
    hits.sort(function (a, b) {
      for (var i = 0; i < 4; i++) { if (a[i] < b[i]) { return -1; } if (a[i] > b[i]) { return 1; } }
      return 0;
    });
    return hits.map(function (h) { return h[3]; });
  }
  function focusNode(id) {
    var n = nodes.get(id);
    var msg = document.getElementById("ag-search-msg");
    if (!n) { msg.textContent = T.noMatch; return false; }
    if (isHiddenNode(id)) { msg.textContent = "“" + n.label + "” " + T.hiddenByFilter; return false; }
    msg.textContent = "";
    network.selectNodes([id], false);
    var scale = Math.max(network.getScale(), 1.0);
    network.focus(id, { scale: scale, locked: false,
                        animation: window.aidgraphReady ? { duration: 350, easingFunction: "easeInOutQuad" } : false });
    showNode(id);
    return true;
  }
  var searchInput = document.getElementById("ag-search");
  var searchGo = document.getElementById("ag-search-go");
  var resultsEl = document.getElementById("ag-search-results");
  searchInput.setAttribute("placeholder", T.searchPlaceholder);
  searchInput.setAttribute("aria-label", T.search);
  searchGo.textContent = T.search;
  function closeResults() { resultsEl.hidden = true; clear(resultsEl); }
  function renderResults() {
    var q = searchInput.value;
    clear(resultsEl);
    var ids = search(q).slice(0, 12);
    if (!ids.length) { resultsEl.hidden = true; return ids; }
    ids.forEach(function (id) {
      var n = nodes.get(id);
      resultsEl.appendChild(el("li", null, [el("button", {
        type: "button", "data-id": id,
        onclick: function () { closeResults(); searchInput.value = n.label; focusNode(id); }
      }, [n.label, el("span", { className: "ag-sub", text: typeText(n) })])]));
    });
    resultsEl.hidden = false;
    return ids;
  }
  function runSearch() {
    var ids = search(searchInput.value);
    closeResults();
    var msg = document.getElementById("ag-search-msg");
    if (!ids.length) { msg.textContent = searchInput.value.trim() ? T.noMatch : ""; return null; }
    focusNode(ids[0]);
    return ids[0];
  }
  searchInput.addEventListener("input", function () { document.getElementById("ag-search-msg").textContent = ""; renderResults(); });
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); runSearch(); }
    else if (ev.key === "Escape") { closeResults(); }
  });
  searchGo.addEventListener("click", runSearch);
  document.addEventListener("click", function (ev) {
    if (!document.getElementById("ag-search-box").contains(ev.target)) { closeResults(); }
  });

  // ---------------------------------------------------------------- legend + filters
  var side = document.getElementById("ag-side");
  side.appendChild(el("h2", { text: T.legend }));
  function checkbox(kind, key, label, swatch, count) {
    var input = el("input", { type: "checkbox", "data-filter": kind, value: key });
    input.checked = true;
    input.addEventListener("change", applyFilters);
    return el("label", { "data-filter-row": kind + ":" + key }, [input, swatch, el("span", { text: label }),
      el("span", { className: "ag-count", text: String(count) })]);
  }
  if (CFG.classes.length) {
    side.appendChild(el("h3", { text: T.entities }));
    CFG.classes.forEach(function (c) { side.appendChild(checkbox("class", c.key, c.label, shapeSwatch(c.shape, c.color), c.count)); });
  }
  if (CFG.groups.length) {
    side.appendChild(el("h3", { text: T.relations }));
    CFG.groups.forEach(function (g) { side.appendChild(checkbox("group", g.key, g.label, lineSwatch(g.color, false, 3), g.count)); });
  }
  if (CFG.statuses.length) {
    side.appendChild(el("h3", { text: T.status }));
    CFG.statuses.forEach(function (s) {
      var sw = lineSwatch("#555", s.key === "pledged", s.key === "delivered" ? 3 : 1.5);
      side.appendChild(checkbox("status", s.key, s.label, sw, s.count));
    });
  }
  var isoInput = el("input", { type: "checkbox", id: "ag-hide-isolated" });
  isoInput.addEventListener("change", applyFilters);
  side.appendChild(el("label", { style: "margin-top:8px" }, [isoInput, el("span", { text: T.hideIsolated })]));
  side.appendChild(el("button", { type: "button", id: "ag-reset", text: T.reset, onclick: function () {
    side.querySelectorAll("input[data-filter]").forEach(function (i) { i.checked = true; });
    isoInput.checked = false;
    applyFilters();
  } }));

  var nodeHidden = {}, edgeHidden = {};
  function isHiddenNode(id) { return nodeHidden[id] === true; }
  function isHiddenEdge(id) { return edgeHidden[id] === true; }

  // Toggle visibility directly on vis' body objects, then let vis recompute its visible
  // indices once. Going through DataSet.update costs a disconnect/connect per edge
  // (array splices on hub nodes): ~1 s for 6,000 edges of a 5,000-node graph instead of
  // ~0.1 s. Falls back to DataSet updates if the internals are not there.
  function setHidden(store, dataset, updates) {
    if (!updates.length) { return false; }
    var body = network.body && network.body[store];
    var fast = !!(body && network.body.emitter) && updates.every(function (u) {
      return body[u.id] && typeof body[u.id].setOptions === "function";
    });
    if (fast) {
      updates.forEach(function (u) { body[u.id].setOptions({ hidden: u.hidden }); });
      return true;
    }
    dataset.update(updates);
    return false;
  }

  function applyFilters() {
    var off = { "class": {}, group: {}, status: {} };
    side.querySelectorAll("input[data-filter]").forEach(function (i) {
      if (!i.checked) { off[i.getAttribute("data-filter")][i.value] = true; }
    });
    var nh = {}, eh = {}, hasEdge = {};
    nodes.forEach(function (n) { nh[n.id] = !!off["class"][n.group]; });
    edges.forEach(function (e) {
      var h = !!(off.group[e.group] || off.status[e.statusKey] || nh[e.from] || nh[e.to]);
      eh[e.id] = h;
      if (!h) { hasEdge[e.from] = true; hasEdge[e.to] = true; }
    });
    if (isoInput.checked) { Object.keys(nh).forEach(function (id) { if (!hasEdge[id]) { nh[id] = true; } }); }
    var nu = [], eu = [];
    Object.keys(nh).forEach(function (id) { if (!!nodeHidden[id] !== nh[id]) { nu.push({ id: id, hidden: nh[id] }); } });
    Object.keys(eh).forEach(function (id) { if (!!edgeHidden[id] !== eh[id]) { eu.push({ id: id, hidden: eh[id] }); } });
    nodeHidden = nh; edgeHidden = eh;
    var direct = setHidden("nodes", nodes, nu);
    direct = setHidden("edges", edges, eu) || direct;
    if (direct) {
      // only visibility changed: recompute vis' visible index lists and redraw (the
      // full "_dataChanged" pass also rechecks clusters and value ranges: ~20x slower)
      if (typeof network._updateVisibleIndices === "function") {
        network._updateVisibleIndices();
        network.body.emitter.emit("_requestRedraw");
      } else {
        network.body.emitter.emit("_dataChanged");
      }
    }
    // drop a selection that became invisible
    var sel = network.getSelection();
    if (sel.nodes.some(function (id) { return nh[id]; }) || sel.edges.some(function (id) { return eh[id]; })) {
      network.unselectAll();
      showHint();
    }
    hideTooltip();
    updateStats();
  }
  function updateStats() {
    var vn = 0, ve = 0;
    Object.keys(nodeHidden).forEach(function (id) { if (!nodeHidden[id]) { vn++; } });
    Object.keys(edgeHidden).forEach(function (id) { if (!edgeHidden[id]) { ve++; } });
    if (!Object.keys(nodeHidden).length) { vn = nodes.length; ve = edges.length; }
    statsEl.textContent = vn + " / " + nodes.length + " " + T.nodes + ", " + ve + " / " + edges.length + " " +
                          T.edges + " " + T.visible;
    statsEl.setAttribute("data-visible-nodes", vn);
    statsEl.setAttribute("data-visible-edges", ve);
  }

  // ---------------------------------------------------------------- readiness
  var stabilized = !physicsOn;
  var readyScheduled = false;
  function markReady() {
    window.aidgraphDrawnMs = performance.now();
    window.aidgraphBuildMs = performance.now() - t0;
    window.aidgraphReady = true;
    document.documentElement.setAttribute("data-aidgraph-ready", "true");
    if (CFG.focus && nodes.get(CFG.focus)) {
      network.selectNodes([CFG.focus], false);
      showNode(CFG.focus);
    }
  }
  function scheduleReady() {
    if (readyScheduled || !stabilized) { return; }
    readyScheduled = true;
    // two frames: the drawn frame has been presented and nothing else is queued
    requestAnimationFrame(function () { requestAnimationFrame(markReady); });
  }
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    stabilized = true;
    network.redraw();
  });
  network.on("afterDrawing", scheduleReady);
  if (!physicsOn) {
    network.fit({ animation: false });
    network.redraw();
    if (!nodes.length) { scheduleReady(); }
  }

  showHint();
  updateStats();

  window.aidgraph = {
    network: network, nodes: nodes, edges: edges, config: CFG,
    search: search, focusNode: focusNode, runSearch: runSearch,
    showNode: showNode, showEdge: showEdge, selectNode: selectNode, selectEdge: selectEdge,
    applyFilters: applyFilters,
    isHiddenNode: isHiddenNode, isHiddenEdge: isHiddenEdge,
    hiddenNodes: function () { return Object.keys(nodeHidden).filter(isHiddenNode).sort(); },
    hiddenEdges: function () { return Object.keys(edgeHidden).filter(isHiddenEdge).sort(); },
    isReady: function () { return window.aidgraphReady === true; }
  };
})();
