/* policykg network page.
 *
 * All document text reaches the DOM through textContent, element properties or
 * an Element handed to vis-network as a tooltip: nothing from the graph is ever
 * parsed as HTML. The data comes from the JSON block #policykg-data.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("policykg-data").textContent);
  var SVG_NS = "http://www.w3.org/2000/svg";
  var TIP_SOURCES = 2;
  var TIP_CLIP = 320;

  // ------------------------------------------------------------------ DOM helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clip(text, limit) {
    text = String(text);
    return text.length <= limit ? text : text.slice(0, limit - 1) + "…";
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function polygon(points) {
    var shape = document.createElementNS(SVG_NS, "polygon");
    shape.setAttribute("points", points.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join(" "));
    return shape;
  }

  function regular(count, radius, inner, rotation) {
    var points = [];
    var steps = inner ? count * 2 : count;
    for (var i = 0; i < steps; i++) {
      var r = inner && i % 2 ? inner : radius;
      var angle = rotation + (Math.PI * 2 * i) / steps;
      points.push([8 + r * Math.cos(angle), 8 + r * Math.sin(angle)]);
    }
    return points;
  }

  /** A small SVG of a vis-network node shape, for legends and tooltips. */
  function swatch(shapeName, color, size) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", String(size || 16));
    svg.setAttribute("height", String(size || 16));
    svg.setAttribute("class", "pk-swatch");
    svg.setAttribute("aria-hidden", "true");
    var shape;
    if (shapeName === "dot") {
      shape = document.createElementNS(SVG_NS, "circle");
      shape.setAttribute("cx", "8"); shape.setAttribute("cy", "8"); shape.setAttribute("r", "6.5");
    } else if (shapeName === "square") {
      shape = document.createElementNS(SVG_NS, "rect");
      shape.setAttribute("x", "2"); shape.setAttribute("y", "2"); shape.setAttribute("width", "12"); shape.setAttribute("height", "12");
    } else if (shapeName === "diamond") {
      shape = polygon([[8, 0.5], [15.5, 8], [8, 15.5], [0.5, 8]]);
    } else if (shapeName === "triangle") {
      shape = polygon([[8, 1], [15, 14], [1, 14]]);
    } else if (shapeName === "triangleDown") {
      shape = polygon([[1, 2], [15, 2], [8, 15]]);
    } else if (shapeName === "star") {
      shape = polygon(regular(5, 7.5, 3.2, -Math.PI / 2));
    } else {
      shape = polygon(regular(6, 7, 0, 0));
    }
    shape.setAttribute("fill", color);
    shape.setAttribute("stroke", "#33404d");
    shape.setAttribute("stroke-width", "0.8");
    svg.appendChild(shape);
    return svg;
  }

  // ------------------------------------------------------------------ data

  var typeStyle = {};
  data.types.forEach(function (t) { typeStyle[t.type] = t; });
  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var outgoing = {}, incoming = {};
  data.nodes.forEach(function (n) { outgoing[n.id] = []; incoming[n.id] = []; });
  data.edges.forEach(function (e) { outgoing[e.from].push(e); incoming[e.to].push(e); });

  function styleOf(type) {
    return typeStyle[type] || { color: "#888888", shape: "dot" };
  }

  function shade(hex, factor) {
    var value = parseInt(hex.slice(1), 16);
    var channels = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map(function (c) {
      return Math.max(0, Math.min(255, Math.round(factor < 0 ? c * (1 + factor) : c + (255 - c) * factor)));
    });
    return "#" + channels.map(function (c) { return (c < 16 ? "0" : "") + c.toString(16); }).join("");
  }

  // ------------------------------------------------------------------ tooltips

  function sourcesList(sources, more, limit, clipAt) {
    var list = el("ul", "pk-tip-sources");
    sources.slice(0, limit).forEach(function (source) {
      var item = el("li");
      item.appendChild(el("span", "pk-tip-where", source[0]));
      item.appendChild(el("span", "pk-tip-quote", "“" + (clipAt ? clip(source[1], clipAt) : source[1]) + "”"));
      list.appendChild(item);
    });
    var hidden = Math.max(0, sources.length - limit) + more;
    if (hidden) list.appendChild(el("li", "pk-note", "and " + hidden + " more source passage" + (hidden === 1 ? "" : "s") + (limit < sources.length ? " (click for more)" : "")));
    return list;
  }

  function nodeDetails(n, full) {
    var root = el("div", "pk-tip");
    var style = styleOf(n.type);
    var head = el("div", "pk-tip-type");
    head.appendChild(swatch(style.shape, style.color, 12));
    head.appendChild(el("span", null, n.type));
    root.appendChild(head);
    root.appendChild(el("div", "pk-tip-name", full ? n.name : clip(n.name, 400)));
    if (n.props.length) {
      var props = el("dl", "pk-tip-props");
      n.props.forEach(function (row) {
        props.appendChild(el("dt", null, row[0]));
        props.appendChild(el("dd", null, full ? row[1] : clip(row[1], TIP_CLIP)));
      });
      root.appendChild(props);
    }
    if (n.sources.length) {
      root.appendChild(el("div", "pk-tip-where", "Source" + (n.sources.length + n.more === 1 ? "" : "s") + ":"));
      root.appendChild(sourcesList(n.sources, n.more, full ? n.sources.length : TIP_SOURCES, full ? 0 : TIP_CLIP));
    }
    root.appendChild(el("div", "pk-tip-where", n.degree + " connection" + (n.degree === 1 ? "" : "s") + " shown"));
    if (full) root.appendChild(el("div", "pk-tip-iri", n.iri));
    return root;
  }

  function edgeDetails(e, full) {
    var root = el("div", "pk-tip pk-tip-edge");
    root.appendChild(el("div", "pk-tip-type", "Relationship: " + e.relation));
    var from = nodeById[e.from], to = nodeById[e.to];
    root.appendChild(el("div", "pk-tip-name", clip(from.name, 160) + " — " + e.label + " → " + clip(to.name, 160)));
    if (e.sources.length) {
      root.appendChild(el("div", "pk-tip-where", "Source" + (e.sources.length + e.more === 1 ? "" : "s") + ":"));
      root.appendChild(sourcesList(e.sources, e.more, full ? e.sources.length : TIP_SOURCES, full ? 0 : TIP_CLIP));
    }
    return root;
  }

  // Each node and edge gets an empty holder element as its vis-network title; it is
  // filled when first needed (hover, or shown as a tooltip), so big graphs load fast.
  var nodeTips = {}, edgeTips = {};
  function tipHolder(store, kind, id) {
    var holder = el("div", "pk-tip-holder");
    holder.setAttribute("data-kind", kind);
    holder.setAttribute("data-id", String(id));
    store[id] = holder;
    return holder;
  }
  function fillHolder(holder) {
    if (holder.firstChild) return false;
    var id = Number(holder.getAttribute("data-id"));
    holder.appendChild(holder.getAttribute("data-kind") === "node" ? nodeDetails(nodeById[id], false) : edgeDetails(edgeById[id], false));
    return true;
  }
  function fillTip(store, id) {
    if (store[id]) fillHolder(store[id]);
    return store[id];
  }

  // ------------------------------------------------------------------ network

  var PROMINENT = { Recommendation: 1, Organisation: 1, Inquiry: 1, Legislation: 1, Theme: 1, Programme: 1, Post: 1, Person: 1, Publication: 1 };
  /** Names of bodies, bills and recommendations stay readable when zoomed out; commitments appear on zooming in. */
  function labelSize(n) {
    return (PROMINENT[n.type] ? 16 : 8) + Math.min(10, Math.round(2 * Math.sqrt(n.degree)));
  }

  var hiddenNode = {}, hiddenEdge = {};
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var style = styleOf(n.type);
    var item = {
      id: n.id,
      label: n.label,
      font: { size: labelSize(n) },
      shape: style.shape,
      value: n.degree,
      title: tipHolder(nodeTips, "node", n.id),
      color: {
        background: style.color,
        border: shade(style.color, -0.35),
        highlight: { background: shade(style.color, 0.25), border: "#10263f" },
        hover: { background: shade(style.color, 0.2), border: "#10263f" },
      },
    };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    hiddenNode[n.id] = false;
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    hiddenEdge[e.id] = false;
    return { id: e.id, from: e.from, to: e.to, title: tipHolder(edgeTips, "edge", e.id) };
  }));

  var large = data.large;
  var options = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: false },
    nodes: {
      borderWidth: 1,
      font: { size: 13, face: "DejaVu Sans, Helvetica, Arial, sans-serif", color: "#1d2733", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 8, max: 36, label: { enabled: false, drawThreshold: 6.5, maxVisible: 20 } },
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      color: { color: "#a9b4c0", highlight: "#1f3a5f", hover: "#1f3a5f", opacity: 0.9 },
      width: 0.8,
      hoverWidth: 1.2,
      selectionWidth: 1.6,
      smooth: large ? false : { enabled: true, type: "continuous", roundness: 0.3 },
      font: { size: 11, align: "middle", color: "#1f3a5f", strokeWidth: 3, strokeColor: "#ffffff" },
    },
    physics: data.physics ? {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -42, centralGravity: 0.012, springLength: 80, springConstant: 0.07, damping: 0.5, avoidOverlap: 0.4 },
      maxVelocity: 60,
      minVelocity: 0.8,
      stabilization: { enabled: true, iterations: 250, updateInterval: 50, fit: true },
    } : { enabled: false },
    interaction: {
      hover: true,
      tooltipDelay: 120,
      hideEdgesOnDrag: large,
      hideEdgesOnZoom: large,
      keyboard: false,
      multiselect: false,
    },
  };

  var container = document.getElementById("pk-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var api = {
    network: network, nodes: nodes, edges: edges, data: data, stable: false, errors: [],
  };
  window.policykg = api;

  function markStable() {
    if (api.stable) return;
    api.stable = true;
    api.stableAt = performance.now();
    document.body.setAttribute("data-stable", "1");
    document.getElementById("pk-loading").hidden = true;
  }

  if (data.physics && data.nodes.length) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      markStable();
    });
  } else {
    network.fit();
    network.once("afterDrawing", markStable);
    if (!data.nodes.length) markStable();
  }

  network.on("hoverNode", function (event) { fillTip(nodeTips, event.node); });

  // vis-network may pick a different item for its tooltip than for hovering (when
  // items overlap): fill any empty holder it shows, then place the tooltip as it would
  // have (above the pointer, kept inside the canvas).
  var pointer = { x: 0, y: 0 };
  container.addEventListener("pointermove", function (event) {
    var box = container.getBoundingClientRect();
    pointer = { x: event.clientX - box.left, y: event.clientY - box.top };
  });
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (added) {
        if (!(added instanceof Element) || !added.classList.contains("pk-tip-holder") || !fillHolder(added)) return;
        var frame = added.parentNode;
        var padding = 5;
        var top = pointer.y - frame.clientHeight;
        var left = pointer.x;
        if (top + frame.clientHeight + padding > container.clientHeight) top = container.clientHeight - frame.clientHeight - padding;
        if (left + frame.clientWidth + padding > container.clientWidth) left = container.clientWidth - frame.clientWidth - padding;
        frame.style.top = Math.max(padding, top) + "px";
        frame.style.left = Math.max(padding, left) + "px";
      });
    });
  }).observe(container, { childList: true, subtree: true });
  // The relationship is written on an edge while the pointer is over it.
  var labelledEdge = null;
  function unlabelEdge() {
    if (labelledEdge !== null) edges.update({ id: labelledEdge, label: "" });
    labelledEdge = null;
  }
  network.on("hoverEdge", function (event) {
    var e = edgeById[event.edge];
    fillTip(edgeTips, event.edge);
    unlabelEdge();
    labelledEdge = e.id;
    edges.update({ id: e.id, label: e.label });
  });
  network.on("blurEdge", unlabelEdge);
  container.addEventListener("mouseleave", unlabelEdge);

  // ------------------------------------------------------------------ details panel

  var details = document.getElementById("pk-details");

  function showNode(id) {
    var n = nodeById[id];
    clear(details);
    details.appendChild(nodeDetails(n, true));
    var links = outgoing[id].map(function (e) { return [e.label, e.to]; })
      .concat(incoming[id].map(function (e) { return ["← " + e.label, e.from]; }));
    if (links.length) {
      details.appendChild(el("h2", null, "Connections (" + links.length + ")"));
      var list = el("ul", "pk-results");
      links.slice(0, 80).forEach(function (link) {
        var item = el("li");
        var button = el("button", null, link[0] + ": " + clip(nodeById[link[1]].name, 90));
        button.type = "button";
        button.addEventListener("click", function () { go(link[1]); });
        item.appendChild(button);
        list.appendChild(item);
      });
      if (links.length > 80) list.appendChild(el("li", "pk-note", "and " + (links.length - 80) + " more"));
      details.appendChild(list);
    }
  }

  function showEdge(id) {
    clear(details);
    details.appendChild(edgeDetails(edgeById[id], true));
  }

  network.on("click", function (event) {
    if (event.nodes.length) showNode(event.nodes[0]);
    else if (event.edges.length) showEdge(event.edges[0]);
  });

  // ------------------------------------------------------------------ filters

  var typeOn = {}, statusOn = {}, focusSet = null, focusId = null;
  data.types.forEach(function (t) { typeOn[t.type] = true; });
  data.statuses.forEach(function (s) { statusOn[s.status] = true; });

  function nodeVisible(n) {
    if (!typeOn[n.type]) return false;
    if (n.statuses.length && !n.statuses.some(function (s) { return statusOn[s]; })) return false;
    return !(focusSet && !focusSet.has(n.id));
  }

  function applyFilters() {
    var nodeChanges = [], edgeChanges = [];
    data.nodes.forEach(function (n) {
      var hide = !nodeVisible(n);
      if (hide !== hiddenNode[n.id]) { hiddenNode[n.id] = hide; nodeChanges.push({ id: n.id, hidden: hide }); }
    });
    data.edges.forEach(function (e) {
      var hide = hiddenNode[e.from] || hiddenNode[e.to];
      if (hide !== hiddenEdge[e.id]) { hiddenEdge[e.id] = hide; edgeChanges.push({ id: e.id, hidden: hide }); }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    summary();
  }

  function visibleNodeIds() {
    return data.nodes.filter(function (n) { return !hiddenNode[n.id]; }).map(function (n) { return n.id; });
  }

  function summary() {
    var shownNodes = visibleNodeIds().length;
    var shownEdges = data.edges.filter(function (e) { return !hiddenEdge[e.id]; }).length;
    var text = shownNodes + " of " + data.nodes.length + " nodes and " + shownEdges + " of " + data.edges.length + " edges shown";
    if (focusId !== null) text += " · focus: " + clip(nodeById[focusId].name, 80);
    if (data.total.nodes !== data.nodes.length) text += " · the whole graph has " + data.total.nodes + " nodes";
    document.getElementById("pk-summary").textContent = text;
  }

  var legend = document.getElementById("pk-legend");
  var typeBoxes = {};
  data.types.forEach(function (t) {
    var item = el("li");
    var label = el("label");
    label.title = t.description;
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { typeOn[t.type] = box.checked; applyFilters(); });
    typeBoxes[t.type] = box;
    label.appendChild(box);
    label.appendChild(swatch(t.shape, t.color, 16));
    label.appendChild(el("span", null, t.type));
    label.appendChild(el("span", "pk-count", t.count));
    item.appendChild(label);
    legend.appendChild(item);
  });
  if (data.hiddenTypes.length) {
    document.getElementById("pk-hidden-note").textContent =
      "Not drawn: " + data.hiddenTypes.join(", ") + " (provenance; each tooltip quotes its source paragraph).";
  }

  var statusList = document.getElementById("pk-statuses");
  var statusBoxes = {};
  data.statuses.forEach(function (s) {
    var item = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-status", s.status);
    box.addEventListener("change", function () { statusOn[s.status] = box.checked; applyFilters(); });
    statusBoxes[s.status] = box;
    var mark = el("span", "pk-status-swatch");
    mark.style.background = s.color;
    label.appendChild(box);
    label.appendChild(mark);
    label.appendChild(el("span", null, s.status));
    label.appendChild(el("span", "pk-count", s.count));
    item.appendChild(label);
    statusList.appendChild(item);
  });
  if (!data.statuses.length) document.getElementById("pk-status-panel").hidden = true;

  function setTypeVisible(type, on) {
    typeOn[type] = !!on;
    if (typeBoxes[type]) typeBoxes[type].checked = !!on;
    applyFilters();
  }

  function setStatusVisible(status, on) {
    statusOn[status] = !!on;
    if (statusBoxes[status]) statusBoxes[status].checked = !!on;
    applyFilters();
  }

  // ------------------------------------------------------------------ focus

  /** Same rule as policykg.viz.network.neighbourhood. */
  function neighbourhood(id, depth) {
    var seen = new Set([id]);
    var frontier = [id];
    for (var step = 0; step < depth; step++) {
      var next = [];
      frontier.forEach(function (current) {
        outgoing[current].forEach(function (e) { if (!seen.has(e.to)) { seen.add(e.to); next.push(e.to); } });
        incoming[current].forEach(function (e) { if (!seen.has(e.from)) { seen.add(e.from); next.push(e.from); } });
      });
      frontier = next;
    }
    if (nodeById[id].type === "Recommendation" && depth >= 1) {
      outgoing[id].map(function (e) { return e.to; }).concat(incoming[id].map(function (e) { return e.from; })).forEach(function (other) {
        var type = nodeById[other].type;
        if (type === "Commitment" || type === "Response") {
          outgoing[other].forEach(function (e) { seen.add(e.to); });
        }
      });
    }
    return seen;
  }

  var focusSelect = document.getElementById("pk-focus");
  var depthSelect = document.getElementById("pk-depth");
  var groups = {};
  data.focusable.forEach(function (f) {
    if (!groups[f.type]) {
      groups[f.type] = el("optgroup");
      groups[f.type].label = f.type + "s";
      focusSelect.appendChild(groups[f.type]);
    }
    var option = el("option", null, clip(f.name, 90));
    option.value = String(f.id);
    groups[f.type].appendChild(option);
  });

  function fitVisible(ids) {
    if (!ids.length) return;
    network.fit({ nodes: ids.map(String).map(Number), animation: false });
  }

  function setFocus(id, depth) {
    if (depth !== undefined && depth !== null) {
      if (!Array.prototype.some.call(depthSelect.options, function (o) { return o.value === String(depth); })) {
        depthSelect.appendChild(el("option", null, depth));
      }
      depthSelect.value = String(depth);
    }
    var steps = parseInt(depthSelect.value, 10) || 1;
    if (id === null || id === undefined || id === "" || nodeById[id] === undefined) {
      focusId = null;
      focusSet = null;
      focusSelect.value = "";
      applyFilters();
      network.unselectAll();
      network.fit({ animation: false });
      return;
    }
    id = Number(id);
    focusId = id;
    focusSet = neighbourhood(id, steps);
    if (Array.prototype.some.call(focusSelect.options, function (o) { return o.value === String(id); })) focusSelect.value = String(id);
    applyFilters();
    network.selectNodes([id]);
    fitVisible(visibleNodeIds());
    showNode(id);
  }

  focusSelect.addEventListener("change", function () { setFocus(focusSelect.value === "" ? null : Number(focusSelect.value)); });
  depthSelect.addEventListener("change", function () { if (focusId !== null) setFocus(focusId); });

  // ------------------------------------------------------------------ search

  var searchIndex = data.nodes.map(function (n) {
    return { id: n.id, name: n.name.toLowerCase(), aliases: n.aliases.map(function (a) { return a.toLowerCase(); }), degree: n.degree };
  });
  var names = document.getElementById("pk-names");
  var listed = new Set();
  data.nodes.forEach(function (n) {
    if (n.type === "Commitment" || n.type === "Statistic" || n.type === "Paragraph") return;
    [n.name].concat(n.aliases).forEach(function (name) {
      if (listed.has(name) || name.length > 120) return;
      listed.add(name);
      var option = el("option");
      option.value = name;
      names.appendChild(option);
    });
  });

  function search(query) {
    var q = String(query).trim().replace(/\s+/g, " ").toLowerCase();
    if (!q) return [];
    var scored = [];
    searchIndex.forEach(function (entry) {
      var rank = null;
      if (entry.name === q) rank = 0;
      else if (entry.aliases.indexOf(q) >= 0) rank = 1;
      else if (entry.name.indexOf(q) === 0) rank = 2;
      else if (entry.aliases.some(function (a) { return a.indexOf(q) === 0; })) rank = 3;
      else if (entry.name.indexOf(q) > 0) rank = 4;
      else if (entry.aliases.some(function (a) { return a.indexOf(q) > 0; })) rank = 5;
      if (rank !== null) scored.push([rank, -entry.degree, entry.name, entry.id]);
    });
    scored.sort(function (a, b) {
      for (var i = 0; i < 3; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; }
      return a[3] - b[3];
    });
    return scored.map(function (s) { return s[3]; });
  }

  var searchStatus = document.getElementById("pk-search-status");
  var searchResults = document.getElementById("pk-search-results");

  /** Show a node: make it visible if a filter hides it, select it and zoom to it. */
  function go(id) {
    var n = nodeById[id];
    var revealed = [];
    if (!typeOn[n.type]) { setTypeVisible(n.type, true); revealed.push("its type"); }
    if (n.statuses.length && !n.statuses.some(function (s) { return statusOn[s]; })) {
      n.statuses.forEach(function (s) { setStatusVisible(s, true); });
      revealed.push("its status");
    }
    if (focusSet && !focusSet.has(id)) { setFocus(null); revealed.push("the whole graph"); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(1.1, Math.min(network.getScale(), 2)), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
    searchStatus.textContent = "Showing " + clip(n.name, 120) + " (" + n.type + ")" + (revealed.length ? "; turned on " + revealed.join(", ") : "") + ".";
    api.selected = id;
    return id;
  }

  document.getElementById("pk-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("pk-search").value;
    var found = search(query);
    clear(searchResults);
    if (!found.length) {
      searchStatus.textContent = query.trim() ? "No node matches “" + clip(query.trim(), 80) + "”." : "";
      return;
    }
    go(found[0]);
    if (found.length > 1) {
      searchStatus.textContent += " " + found.length + " matches:";
      found.slice(0, 12).forEach(function (id) {
        var item = el("li");
        var button = el("button", null, clip(nodeById[id].name, 80) + " (" + nodeById[id].type + ")");
        button.type = "button";
        button.addEventListener("click", function () { go(id); });
        item.appendChild(button);
        searchResults.appendChild(item);
      });
    }
  });

  // ------------------------------------------------------------------ buttons, start

  document.getElementById("pk-fit").addEventListener("click", function () { fitVisible(visibleNodeIds()); });
  document.getElementById("pk-reset").addEventListener("click", function () {
    Object.keys(typeOn).forEach(function (t) { typeOn[t] = true; typeBoxes[t].checked = true; });
    Object.keys(statusOn).forEach(function (s) { statusOn[s] = true; statusBoxes[s].checked = true; });
    setFocus(null);
  });

  api.search = search;
  api.go = go;
  api.setFocus = setFocus;
  api.neighbourhood = function (id, depth) { return Array.from(neighbourhood(id, depth)).sort(function (a, b) { return a - b; }); };
  api.setTypeVisible = setTypeVisible;
  api.setStatusVisible = setStatusVisible;
  api.visibleNodeIds = visibleNodeIds;
  api.showNode = showNode;
  api.nodeTooltip = function (id) { return fillTip(nodeTips, id); };
  api.edgeTooltip = function (id) { return fillTip(edgeTips, id); };

  if (data.focus !== null && data.focus !== undefined) setFocus(data.focus, data.depth);
  else summary();
})();
