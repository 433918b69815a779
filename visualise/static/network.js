// The script of a network page, inlined by templates/network.html, which calls
// actiongraphNetwork(id, data) with the id of its elements and the data (JSON).
//
// It draws the data visualise.page.network_block gives it with vis-network, physics
// off, and knows four ways to show it:
//
// * overview: the group boxes of visualise.overview.groups (a large network);
// * start: the view's first column only (a large coverage view: the findings);
// * all: every node at the positions computed in Python;
// * some: a group opened, a node searched for or clicked with its neighbours, what the
//   filters leave, or a large --focus or governance picture: those nodes re-stacked in
//   columns, layer after layer in their order, as tall as gives the largest labels (each
//   layer in columns of its own while labels stay 12 px high, else packed one after the
//   other), and fitted.
//
// Filters (kind, priority, status) and the search box work in every way; a click on a group
// opens it, a click on a node in start shows its neighbours. window.actiongraph[id]
// exposes the network and labels(), each drawn label's text, font height on screen and box
// in page coordinates (what the browser tests measure); window.actiongraph.ready is set
// once the first picture is drawn.
function actiongraphNetwork(id, data) {
  const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  const groupNodes = new vis.DataSet(data.groups ? data.groups.nodes : []);
  const groupEdges = new vis.DataSet(data.groups ? data.groups.edges : []);
  const root = document.getElementById(id + "-filters");
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const around = new Map(data.nodes.map(n => [n.id, []]));
  data.edges.forEach(e => { around.get(e.from).push(e.to); around.get(e.to).push(e.from); });
  let shown = new Set(), mode = data.first, base = null, what = "";
  const nodeView = new vis.DataView(nodes, {filter: n => shown.has(n.id)});
  const edgeView = new vis.DataView(edges, {filter: e => shown.has(e.from) && shown.has(e.to)});
  const container = document.getElementById(id);
  function filtered(ids) {
    const kinds = new Set([...root.querySelectorAll("input[data-kind]")]
      .filter(b => b.checked).map(b => b.dataset.kind));
    const pri = root.querySelector("[data-filter=priority]").value;
    const st = root.querySelector("[data-filter=status]").value;
    const fits = n => kinds.has(n.kind) && (!pri || n.priority === pri) && (!st || n.status === st);
    const free = n => kinds.has(n.kind) && (!pri || !n.priority) && (!st || !n.status);
    const keep = new Set(ids.filter(i => fits(byId.get(i))));
    if (pri || st) {
      const more = [];
      data.edges.forEach(e => {
        if (keep.has(e.from) && free(byId.get(e.to))) more.push(e.to);
        if (keep.has(e.to) && free(byId.get(e.from))) more.push(e.from);
      });
      more.filter(m => ids.includes(m)).forEach(m => keep.add(m));
    }
    return keep;
  }
  function flow(list, tall, apart) {
    const moves = [];
    let x = 0, y = 0, bottom = 0, last = null;
    list.forEach(n => {
      const next = last !== null && n.layer !== last;
      if (next && apart && y > 0) { x += 260; y = 0; }
      const gap = next && y > 0 ? 24 : 0;
      if (y > 0 && y + gap + n.h > tall) { x += 240; y = 0; } else { y += gap; }
      moves.push({id: n.id, x: x, y: y + n.h / 2});
      y += n.h; bottom = Math.max(bottom, y); last = n.layer;
    });
    const scale = Math.min(container.clientWidth / 1.1 / (x + 200),
                           container.clientHeight / 1.1 / Math.max(bottom, 1), 1);
    return {moves: moves, scale: scale};
  }
  function compact(keep) {
    const list = data.nodes.filter(n => keep.has(n.id))
      .sort((a, b) => a.layer - b.layer || a.x - b.x || a.y - b.y);
    const total = list.reduce((s, n) => s + n.h + 24, 0);
    const least = Math.max(...list.map(n => n.h), 1);
    let apart = null, mixed = null;
    for (let k = 1; k <= 60; k++) {  // columns about total / k high: keep the largest scale
      const tall = Math.max(total / k, least);
      const a = flow(list, tall, true), m = flow(list, tall, false);
      if (!apart || a.scale > apart.scale + 1e-9) apart = a;
      if (!mixed || m.scale > mixed.scale + 1e-9) mixed = m;
    }
    // kinds in columns of their own while labels stay 12 px high; else pack them tighter
    const best = apart.scale >= 12 / 14 || apart.scale >= mixed.scale ? apart : mixed;
    nodes.update(best.moves);
  }
  function restore() {
    nodes.update(data.nodes.map(n => ({id: n.id, x: n.x, y: n.y})));
  }
  const count = document.getElementById(id + "-count");
  const back = document.getElementById(id + "-overview");
  function show() {
    if (mode === "overview") {
      network.setData({nodes: groupNodes, edges: groupEdges});
      count.textContent = "overview: " + data.groups.nodes.length + " groups of " +
        data.nodes.length + " nodes; click a group to open it, or search";
    } else {
      const ids = mode === "all" ? data.nodes.map(n => n.id) : base;
      shown = filtered(ids);
      if (mode === "all" && shown.size === data.nodes.length) restore(); else compact(shown);
      nodeView.refresh(); edgeView.refresh();
      network.setData({nodes: nodeView, edges: edgeView});
      count.textContent = (what ? what + ": " : "") + "showing " + shown.size + " of " +
        data.nodes.length + " nodes" + (mode === "start" && !what ?
        " (the first column; click a node to see what links to it)" : "");
    }
    if (back) back.disabled = mode === data.first && !what;
    network.fit({animation: false});
  }
  function open(ids, words) {
    mode = "some"; base = ids; what = words; show();
  }
  function near(nid) {
    return [nid, ...new Set(around.get(nid))];
  }
  root.addEventListener("change", e => {
    if (e.target.type === "search") return;
    if (mode === "overview") { mode = "all"; what = ""; }
    show();
  });
  const find = root.querySelector("input[type=search]");
  find.addEventListener("change", () => {
    const q = find.value.trim().toLowerCase();
    if (!q) return;
    const hit = data.nodes.find(n => n.ref.toLowerCase() === q || n.id.toLowerCase() === q) ||
      data.nodes.find(n => (n.ref + " " + n.title).toLowerCase().includes(q));
    const said = document.getElementById(id + "-found");
    if (!hit) { said.textContent = "no node matches " + JSON.stringify(find.value); return; }
    said.textContent = "";
    open(near(hit.id), hit.ref + " and its neighbours");
    network.selectNodes([hit.id]);
  });
  if (back) back.addEventListener("click", () => {
    mode = data.first; what = ""; base = data.start; find.value = ""; show();
  });
  const everything = document.getElementById(id + "-all");
  everything.addEventListener("click", () => { mode = "all"; what = ""; show(); });
  const big = data.big, vertical = data.direction === "UD";
  const options = {
    physics: false,
    layout: {improvedLayout: false, randomSeed: 7},
    interaction: {hover: true, tooltipDelay: 100, hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    nodes: {font: {size: 14, face: "system-ui, Arial, sans-serif"},
            widthConstraint: {maximum: 180}, margin: 8},
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, width: 1,
            color: {color: "#8a8a8a", highlight: "#1565c0", hover: "#1565c0"},
            smooth: big ? false : {type: "cubicBezier", roundness: 0.35,
                                   forceDirection: vertical ? "vertical" : "horizontal"}}
  };
  const network = new vis.Network(container, {nodes: [], edges: []}, options);
  network.on("click", p => {
    if (!p.nodes.length) return;
    const nid = p.nodes[0];
    if (mode === "overview") {
      const ids = data.nodes.filter(n => data.groups.member[n.id] === nid).map(n => n.id);
      open(ids, groupNodes.get(nid).label.split("\n")[0]);
    } else if (mode === "start") {
      open(near(nid), byId.get(nid).ref + " and its neighbours");
      network.selectNodes([nid]);
    }
  });
  function labels() {
    const box = container.getBoundingClientRect(), scale = network.getScale();
    return network.body.nodeIndices.map(nid => {
      const node = network.body.nodes[nid], b = node.shape.boundingBox;
      const a = network.canvasToDOM({x: b.left, y: b.top});
      const z = network.canvasToDOM({x: b.right, y: b.bottom});
      return {id: nid, text: node.options.label || "", px: node.options.font.size * scale,
              left: box.left + a.x + window.scrollX, top: box.top + a.y + window.scrollY,
              right: box.left + z.x + window.scrollX, bottom: box.top + z.y + window.scrollY};
    });
  }
  const state = {nodes: nodes, edges: edges, network: network, ready: false, labels: labels,
                 mode: () => mode};
  window.actiongraph = window.actiongraph || {};
  window.actiongraph[id] = state;
  network.once("afterDrawing", () => {
    state.ready = true; state.drawnMs = performance.now(); window.actiongraph.ready = true;
  });
  base = data.start;
  show();
}
