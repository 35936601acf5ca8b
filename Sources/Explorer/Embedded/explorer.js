// gradviz explorer: pan, zoom, search, select, follow and step through backward over the
// SVG that Graphviz laid out. The page's state lives in `state`; SVG ids link the page and the
// graph: `n12` is the record of the value at trace position 12, `n12op` its operation,
// `n12in0` the edge from its first input, `n12out` the edge from its operation to it,
// `layer0_neuron3` a summary node. Nothing here makes a network request.
"use strict";

// MARK: - Data

performance.mark("gradviz-start");
const data = JSON.parse(document.getElementById("gradviz-data").textContent);
performance.mark("gradviz-data");
const count = data.label.length;
const root = count - 1;

/** A number as the data writes it: Python's text, with nan, inf and -inf spelt out. */
function parseNumber(text) {
  if (text === "nan") return NaN;
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}

const locals = Float64Array.from(data.local, parseNumber);
const inputs = Int32Array.from(data.inputs);
const inputEnds = Int32Array.from(data.inputEnds);
const inputStart = (k) => (k === 0 ? 0 : inputEnds[k - 1]);

/** Consumers of each value, as compressed rows: the values whose operation uses it. */
const consumers = (() => {
  const starts = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) {
    let previous = -1;
    for (let p = inputStart(k); p < inputEnds[k]; p++) {
      if (inputs[p] !== previous) starts[inputs[p] + 1]++;
      previous = inputs[p];
    }
  }
  for (let k = 0; k < count; k++) starts[k + 1] += starts[k];
  const fill = starts.slice(0, count);
  const list = new Int32Array(starts[count]);
  for (let k = 0; k < count; k++) {
    const seen = new Set();
    for (let p = inputStart(k); p < inputEnds[k]; p++) {
      const i = inputs[p];
      if (seen.has(i)) continue;
      seen.add(i);
      list[fill[i]++] = k;
    }
  }
  return { starts, list };
})();

function consumersOf(k) {
  return consumers.list.subarray(consumers.starts[k], consumers.starts[k + 1]);
}

const lowerLabels = data.label.map((label) => label.toLowerCase());

// MARK: - Number text

/**
 * A number as Python's repr writes it (what `gradviz grads` prints): the shortest digits that
 * read back to the same double; scientific below 1e-4 and from 1e16, with a two-digit exponent.
 */
function pyRepr(x) {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = x.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return mantissa + "e" + sign + String(Math.abs(exponent)).padStart(2, "0");
  }
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  let text;
  if (exponent >= 0) {
    text =
      digits.length <= exponent + 1
        ? digits + "0".repeat(exponent + 1 - digits.length) + ".0"
        : digits.slice(0, exponent + 1) + "." + digits.slice(exponent + 1);
  } else {
    text = "0." + "0".repeat(-exponent - 1) + digits;
  }
  return (negative ? "-" : "") + text;
}

/** `x` with four decimals, rounded as C's printf rounds: exact ties go to the even digit. */
function fixed4(x) {
  // An exact tie at the fifth decimal needs x * 20000 to be an odd integer, so x = odd / 32.
  const scaled = x * 32;
  if (Number.isInteger(scaled) && scaled % 2 !== 0 && Math.abs(x) < 2 ** 40) {
    const y = x * 10000; // exact: an odd multiple of 312.5
    const low = Math.floor(y);
    const even = low % 2 === 0 ? low : low + 1;
    return (even / 10000).toFixed(4);
  }
  return x.toFixed(4);
}

/** `x` with four significant decimals in C's `%.4e`: `1.0000e-07`. */
function exponential4(x) {
  const [mantissa, exponent] = x.toExponential(4).split("e");
  const e = Number(exponent);
  return mantissa + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0");
}

/** A record's number field, as gradviz draws it (`%.4f`, `%.4e` for tiny and huge numbers). */
function field(x) {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return "0.0000";
  if (Math.abs(x) >= 1e9) return exponential4(x);
  const text = fixed4(x);
  return text === "0.0000" || text === "-0.0000" ? exponential4(x) : text;
}

/** How inspections name a value: its label, or its node name (`n12`). */
function nameOf(k) {
  return data.label[k] !== "" ? data.label[k] : "n" + k;
}

/** How `gradviz why` names a value: quoted when it has spaces. */
function whyName(k) {
  const name = nameOf(k);
  return /\s/.test(name) ? "'" + name + "'" : name;
}

/** How step captions name a value: a plain label, a quoted one, or its node name. */
function captionName(k) {
  const label = data.label[k];
  if (label === "") return "n" + k;
  return /^[\p{L}\p{N}_]+$/u.test(label) ? label : "'" + label + "'";
}

// MARK: - State

const state = {
  /** The index of the view shown, in `data.views`. */
  view: -1,
  svg: null,
  /** The visible part of the graph, in SVG user units, and the whole graph's box. */
  box: { x: 0, y: 0, w: 1, h: 1 },
  bounds: { x: 0, y: 0, w: 1, h: 1 },
  /** Whether the view follows the window's size (true until the user pans or zooms). */
  fitted: true,
  /** Elements of the view: record, operation node, grad text, by trace position. */
  nodes: new Map(),
  ops: new Map(),
  gradTexts: new Map(),
  summaries: new Map(),
  /** Copies of leaves drawn beside their uses (`n12c1`): [value, record, grad text]. */
  copies: [],
  /** Edges of the view with the values at their ends: [element, tail, head]. */
  edges: [],
  selected: -1,
  marked: [],
  matches: [],
  matchIndex: -1,
  matchMarks: [],
  /** Backward stepping: whether on, the steps shown in this view, and how many are applied. */
  stepping: false,
  steps: [],
  position: 0,
  stepMarks: [],
};

/** The first view that draws each value as its own record, or -1. */
const viewOf = new Int32Array(count).fill(-1);
data.views.forEach((view, index) => {
  for (const k of view.shown) if (viewOf[k] < 0) viewOf[k] = index;
});
const viewByName = new Map(data.views.map((view, index) => [view.name, index]));

/** Every backward step in engine order: the root, then each operation from the last made. */
const allSteps = (() => {
  const steps = [root];
  for (let k = root - 1; k >= 0; k--) if (data.op[k] !== "") steps.push(k);
  return steps;
})();

const $ = (id) => document.getElementById(id);
/** The most nodes a view may have for the overview to draw it. */
const overviewLimit = 1500;
const graph = $("graph");
const viewElement = $("view");

// MARK: - Views

/** Shows view `index`: its SVG, fitted to the window. */
function openView(index) {
  if (index === state.view) return;
  state.view = index;
  clearSelectionMarks();
  state.matchMarks = [];
  const text = document.getElementById("view-" + index).textContent;
  graph.innerHTML = text;
  performance.mark("gradviz-svg");
  const svg = graph.querySelector("svg");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  state.svg = svg;
  const box = svg.viewBox.baseVal;
  state.bounds = { x: box.x, y: box.y, w: box.width, h: box.height };
  indexView(svg);
  performance.mark("gradviz-index");
  // The overview draws the graph a second time; above a few thousand shapes that doubles the
  // browser's layout work, so big views show only where the window is.
  const graphGroup = svg.querySelector("g.graph");
  const small = state.nodes.size + state.ops.size + state.summaries.size <= overviewLimit;
  if (graphGroup && small) {
    graphGroup.id = "graph0";
    $("overview-graph").setAttribute("href", "#graph0");
  } else {
    $("overview-graph").removeAttribute("href");
  }
  const overview = $("overview");
  overview.setAttribute("viewBox", `${box.x} ${box.y} ${box.width} ${box.height}`);

  $("legend-toggle").hidden = !svg.querySelector(".node.legend");
  renderCrumbs();
  const shown = new Uint8Array(count);
  for (const k of data.views[index].shown) shown[k] = 1;
  state.steps = allSteps.filter((k) => k === root || shown[k]);
  state.position = Math.min(state.position, state.steps.length);
  updateStepControls();
  writeGrads();
  performance.mark("gradviz-grads");
  fit();
  performance.mark("gradviz-fit");
  highlightMatches();
  if (state.selected >= 0) markSelection(state.selected);
}

/** Finds the view's nodes, grad fields and edges by their ids. */
function indexView(svg) {
  state.nodes.clear();
  state.ops.clear();
  state.gradTexts.clear();
  state.summaries.clear();
  state.copies = [];
  state.edges = [];
  const gradField = (node) => {
    const texts = node.querySelectorAll("text");
    for (let t = texts.length - 1; t >= 0; t--) {
      if (texts[t].textContent.startsWith("grad ")) return texts[t];
    }
    return undefined;
  };
  for (const node of svg.querySelectorAll("g.node")) {
    const id = node.id;
    let match;
    if ((match = /^n(\d+)$/.exec(id))) {
      const k = Number(match[1]);
      state.nodes.set(k, node);
      const text = gradField(node);
      if (text) state.gradTexts.set(k, text);
    } else if ((match = /^n(\d+)c\d+$/.exec(id))) {
      state.copies.push([Number(match[1]), node, gradField(node)]);
    } else if ((match = /^n(\d+)op$/.exec(id))) {
      state.ops.set(Number(match[1]), node);
    } else if (node.classList.contains("summary")) {
      state.summaries.set(id, node);
    }
  }
  for (const edge of svg.querySelectorAll("g.edge")) {
    let match;
    if ((match = /^n(\d+)in(\d+)$/.exec(edge.id))) {
      const head = Number(match[1]);
      const tail = inputs[inputStart(head) + Number(match[2])];
      state.edges.push([edge, tail, head, "input"]);
    } else if ((match = /^n(\d+)out$/.exec(edge.id))) {
      const head = Number(match[1]);
      state.edges.push([edge, head, head, "output"]);
    }
  }
}

function renderCrumbs() {
  const crumbs = $("crumbs");
  crumbs.replaceChildren();
  const top = document.createElement("span");
  const view = data.views[state.view];
  if (state.view === 0) {
    top.textContent = data.collapse ? `collapsed by ${data.collapse}` : "";
  } else {
    const link = document.createElement("a");
    link.textContent = "whole graph";
    link.addEventListener("click", () => openView(0));
    top.append(link);
  }
  crumbs.append(top);
  if (state.view > 0) {
    const here = document.createElement("span");
    here.textContent = view.title;
    crumbs.append(here);
  }
}

// MARK: - Pan and zoom

function applyBox() {
  const b = state.box;
  state.svg.setAttribute("viewBox", `${b.x} ${b.y} ${b.w} ${b.h}`);
  const rect = $("overview-rect");
  rect.setAttribute("x", b.x);
  rect.setAttribute("y", b.y);
  rect.setAttribute("width", b.w);
  rect.setAttribute("height", b.h);
  const whole = b.w >= state.bounds.w && b.h >= state.bounds.h;
  $("overview").classList.toggle("hidden", whole);
}

/** SVG user units per screen pixel, with the box letterboxed into the window. */
function unitsPerPixel() {
  const r = viewElement.getBoundingClientRect();
  return Math.max(state.box.w / Math.max(r.width, 1), state.box.h / Math.max(r.height, 1));
}

/** The box with the window's aspect ratio around the given centre and scale. */
function boxAround(cx, cy, units) {
  const r = viewElement.getBoundingClientRect();
  const w = Math.max(r.width, 1) * units;
  const h = Math.max(r.height, 1) * units;
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

function fit() {
  const b = state.bounds;
  const r = viewElement.getBoundingClientRect();
  const units = Math.max(b.w / Math.max(r.width, 1), b.h / Math.max(r.height, 1)) * 1.02;
  state.box = boxAround(b.x + b.w / 2, b.y + b.h / 2, units);
  state.fitted = true;
  applyBox();
}

/** The SVG point under a point of the window. */
function toGraph(clientX, clientY) {
  const r = viewElement.getBoundingClientRect();
  const units = unitsPerPixel();
  const cx = state.box.x + state.box.w / 2;
  const cy = state.box.y + state.box.h / 2;
  return {
    x: cx + (clientX - (r.left + r.width / 2)) * units,
    y: cy + (clientY - (r.top + r.height / 2)) * units,
  };
}

function zoomAt(clientX, clientY, factor) {
  const p = toGraph(clientX, clientY);
  const b = state.box;
  state.box = {
    x: p.x - (p.x - b.x) * factor,
    y: p.y - (p.y - b.y) * factor,
    w: b.w * factor,
    h: b.h * factor,
  };
  state.fitted = false;
  applyBox();
}

function zoomCentre(factor) {
  const r = viewElement.getBoundingClientRect();
  zoomAt(r.left + r.width / 2, r.top + r.height / 2, factor);
}

function panBy(dx, dy) {
  const units = unitsPerPixel();
  state.box = { ...state.box, x: state.box.x - dx * units, y: state.box.y - dy * units };
  state.fitted = false;
  applyBox();
}

/** Centres the view on an element, zooming in if its text would be too small to read. */
function centreOn(element) {
  const r = element.getBoundingClientRect();
  const p = toGraph(r.left + r.width / 2, r.top + r.height / 2);
  const units = Math.min(unitsPerPixel(), 1.5);
  state.box = boxAround(p.x, p.y, units);
  state.fitted = false;
  applyBox();
}

const pointers = new Map();
let dragStart = null;
let moved = false;

viewElement.addEventListener("pointerdown", (event) => {
  if (event.target.closest("#overview")) return;
  pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  // Capture keeps a drag going outside the view; a pointer the browser does not track (a
  // synthetic event) cannot be captured, and the drag works without it.
  if (event.isTrusted) viewElement.setPointerCapture(event.pointerId);
  dragStart = { x: event.clientX, y: event.clientY };
  moved = false;
});

viewElement.addEventListener("pointermove", (event) => {
  const previous = pointers.get(event.pointerId);
  if (!previous) return;
  if (pointers.size === 2) {
    const [a, b] = [...pointers.values()];
    const before = Math.hypot(a.x - b.x, a.y - b.y);
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const [c, d] = [...pointers.values()];
    const after = Math.hypot(c.x - d.x, c.y - d.y);
    if (before > 0 && after > 0) zoomAt((c.x + d.x) / 2, (c.y + d.y) / 2, before / after);
    moved = true;
    return;
  }
  pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  if (dragStart && Math.hypot(event.clientX - dragStart.x, event.clientY - dragStart.y) > 4) {
    moved = true;
    viewElement.classList.add("dragging");
  }
  if (moved) panBy(event.clientX - previous.x, event.clientY - previous.y);
});

function endPointer(event) {
  pointers.delete(event.pointerId);
  if (pointers.size === 0) viewElement.classList.remove("dragging");
}
viewElement.addEventListener("pointerup", endPointer);
viewElement.addEventListener("pointercancel", endPointer);

viewElement.addEventListener(
  "wheel",
  (event) => {
    event.preventDefault();
    const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    zoomAt(event.clientX, event.clientY, Math.exp(delta * 0.0015));
  },
  { passive: false },
);

$("overview").addEventListener("pointerdown", (event) => {
  const overview = $("overview");
  const point = overview.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  const p = point.matrixTransform(overview.getScreenCTM().inverse());
  state.box = { ...state.box, x: p.x - state.box.w / 2, y: p.y - state.box.h / 2 };
  state.fitted = false;
  applyBox();
});

new ResizeObserver(() => {
  if (!state.svg) return;
  if (state.fitted) {
    fit();
  } else {
    const b = state.box;
    state.box = boxAround(b.x + b.w / 2, b.y + b.h / 2, unitsPerPixel());
    applyBox();
  }
}).observe(viewElement);

// MARK: - Clicks

graph.addEventListener("click", (event) => {
  if (moved) return;
  const node = event.target.closest("g.node");
  if (!node) return;
  let match;
  if ((match = /^n(\d+)(op|c\d+)?$/.exec(node.id))) {
    select(Number(match[1]));
  } else if (node.classList.contains("summary")) {
    const index = viewByName.get(node.id);
    if (index !== undefined) openView(index);
    else showSummary(node.id);
  }
});

// MARK: - Selection

/** Selects value `k`: marks it, its upstream and its downstream, and fills the panel. */
function select(k, { centre = false } = {}) {
  state.selected = k;
  if (viewOf[k] >= 0 && !state.nodes.has(k)) openView(viewOf[k]);
  markSelection(k);
  showPanel(k);
  if (centre) {
    const element = state.nodes.get(k) ?? summaryElementOf(k);
    if (element) centreOn(element);
  }
}

function summaryElementOf(k) {
  const s = data.summaryOf[k];
  return s >= 0 ? state.summaries.get(data.summaryNames[s]) : undefined;
}

function clearSelectionMarks() {
  for (const [element, names] of state.marked) element.classList.remove(...names);
  state.marked = [];
}

function mark(element, ...names) {
  element.classList.add(...names);
  state.marked.push([element, names]);
}

/** The values `k` depends on (upstream) and those that depend on it (downstream). */
function reach(k) {
  const up = new Uint8Array(count);
  const down = new Uint8Array(count);
  up[k] = 1;
  for (let j = k; j >= 0; j--) {
    if (!up[j]) continue;
    for (let p = inputStart(j); p < inputEnds[j]; p++) up[inputs[p]] = 1;
  }
  down[k] = 1;
  for (let j = k + 1; j < count; j++) {
    for (let p = inputStart(j); p < inputEnds[j]; p++) {
      if (down[inputs[p]]) {
        down[j] = 1;
        break;
      }
    }
  }
  up[k] = 0;
  down[k] = 0;
  return { up, down };
}

function markSelection(k) {
  clearSelectionMarks();
  const { up, down } = reach(k);
  for (const [j, element] of [...state.nodes, ...state.copies]) {
    if (j === k) mark(element, "selected");
    else if (up[j]) mark(element, "up");
    else if (down[j]) mark(element, "down");
  }
  for (const [j, element] of state.ops) {
    if (up[j] || j === k) mark(element, "up");
    else if (down[j]) mark(element, "down");
  }
  for (const [element, tail, head, kind] of state.edges) {
    if (kind === "output") {
      if (up[head] || head === k) mark(element, "up");
      else if (down[head]) mark(element, "down");
    } else if ((up[head] || head === k) && up[tail]) {
      mark(element, "up");
    } else if (down[head] && (down[tail] || tail === k)) {
      mark(element, "down");
    }
  }
  const summary = summaryElementOf(k);
  if (summary) mark(summary, "selected");
}

function clearSelection() {
  state.selected = -1;
  clearSelectionMarks();
  $("panel").replaceChildren(hint());
}

function hint() {
  const p = document.createElement("p");
  p.className = "hint";
  p.textContent =
    "Click a node, or search. Drag to pan, wheel or pinch to zoom; + − 0 keys. " +
    "← → step through backward; Esc clears.";
  return p;
}

// MARK: - Panel

/** Builds an element: `el("td", { className: "num" }, "2.0")`. */
function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  Object.assign(element, properties);
  element.append(...children);
  return element;
}

function valueLink(k) {
  const link = el("a", { className: "value-link", textContent: nameOf(k) });
  link.dataset.k = String(k);
  link.title = "n" + k;
  link.addEventListener("click", () => select(k, { centre: true }));
  return link;
}

function kindText(k) {
  switch (data.kind[k]) {
    case "p":
      return "parameter";
    case "c":
      return "constant";
    case "l":
      return "leaf";
    default:
      return "op " + data.op[k];
  }
}

function gradText(k) {
  return data.grad[k] === null ? "not computed" : data.grad[k];
}

function showPanel(k) {
  const panel = $("panel");
  const parts = [];
  parts.push(el("h2", { className: "label", textContent: nameOf(k) }));
  const meta = ["n" + k, kindText(k)];
  if (data.group[k] >= 0) meta.push(data.groups[data.group[k]]);
  if (k === root) meta.push("the root");
  parts.push(el("div", { className: "meta", textContent: meta.join(" · ") }));
  parts.push(
    el(
      "dl",
      {},
      el("dt", { textContent: "data" }),
      el("dd", { className: "data", textContent: data.data[k] }),
      el("dt", { textContent: "grad" }),
      el("dd", { className: "grad", textContent: gradText(k) }),
    ),
  );
  if (state.stepping) {
    const partial = backwardState(state.position);
    parts.push(
      el(
        "p",
        { className: "note step-grad" },
        `at this backward step: grad ${partial.known[k] ? pyRepr(partial.grads[k]) : "—"}`,
      ),
    );
  }
  parts.push(...inputsSection(k), ...consumersSection(k), ...pathsSection(k), ...checkSection(k));
  panel.replaceChildren(...parts);
}

function inputsSection(k) {
  const start = inputStart(k);
  const end = inputEnds[k];
  if (start === end) return [];
  const table = el(
    "table",
    { className: "inputs" },
    el(
      "tr",
      {},
      el("th", { textContent: "input" }),
      el("th", { textContent: "local ∂/∂input" }),
      el("th", { textContent: "passes back (local × grad)" }),
    ),
  );
  const grad = data.grad[k] === null ? NaN : parseNumber(data.grad[k]);
  for (let p = start; p < end; p++) {
    const back = data.grad[k] === null ? "—" : pyRepr(locals[p] * grad);
    table.append(
      el(
        "tr",
        {},
        el("td", {}, valueLink(inputs[p])),
        el("td", { className: "num", textContent: data.local[p] }),
        el("td", { className: "num", textContent: back }),
      ),
    );
  }
  return [el("h3", { textContent: "inputs" }), table];
}

function consumersSection(k) {
  const users = consumersOf(k);
  if (users.length === 0) return [];
  const table = el(
    "table",
    { className: "consumers" },
    el(
      "tr",
      {},
      el("th", { textContent: "used by" }),
      el("th", { textContent: "op" }),
      el("th", { textContent: "local ∂it/∂this" }),
    ),
  );
  const limit = 50;
  for (const j of users.subarray(0, limit)) {
    const slopes = [];
    for (let p = inputStart(j); p < inputEnds[j]; p++) {
      if (inputs[p] === k) slopes.push(data.local[p]);
    }
    table.append(
      el(
        "tr",
        {},
        el("td", {}, valueLink(j)),
        el("td", { textContent: data.op[j] }),
        el("td", { className: "num", textContent: slopes.join(", ") }),
      ),
    );
  }
  const parts = [el("h3", { textContent: `used by (${users.length})` }), table];
  if (users.length > limit) {
    parts.push(el("p", { className: "note", textContent: `and ${users.length - limit} more` }));
  }
  return parts;
}

// MARK: - Paths to the root

/**
 * The paths from `source` to the root, as `gradviz why` lists them: depth first, consumers in
 * trace order, each product multiplied from the root's end; with their count and the
 * derivative by reverse accumulation.
 */
function gradientPaths(source, limit) {
  const onPath = new Uint8Array(count);
  onPath[source] = 1;
  const edgesFrom = new Map([[source, []]]);
  const incoming = [];
  for (let k = source + 1; k < count; k++) {
    let reached = false;
    for (let p = inputStart(k); p < inputEnds[k]; p++) {
      if (onPath[inputs[p]]) reached = true;
    }
    if (!reached) continue;
    onPath[k] = 1;
    edgesFrom.set(k, []);
    for (let p = inputStart(k); p < inputEnds[k]; p++) {
      const i = inputs[p];
      if (!onPath[i] || i === k) continue;
      const edge = { from: i, to: k, slot: p - inputStart(k), local: locals[p], text: data.local[p] };
      edgesFrom.get(i).push(edge);
      incoming.push(edge);
    }
  }
  // Reverse accumulation in backward's order.
  const adjoint = new Float64Array(count);
  adjoint[root] = 1;
  for (let e = incoming.length - 1; e >= 0; e--) {
    // Edges are grouped by consumer in ascending order; walk consumers from the last made.
    let first = e;
    while (first > 0 && incoming[first - 1].to === incoming[e].to) first--;
    const upstream = adjoint[incoming[e].to];
    for (let f = first; f <= e; f++) adjoint[incoming[f].from] += incoming[f].local * upstream;
    e = first;
  }
  // The number of paths, saturating at Infinity.
  const counts = new Float64Array(count);
  counts[source] = 1;
  for (let k = source; k < count; k++) {
    if (!onPath[k] || counts[k] === 0) continue;
    for (const edge of edgesFrom.get(k)) counts[edge.to] += counts[k];
  }
  const found = [];
  if (source === root) {
    found.push({ steps: [], product: 1 });
  } else if (onPath[root]) {
    const stack = [{ node: source, next: 0 }];
    const steps = [];
    while (stack.length > 0 && found.length < limit) {
      const top = stack[stack.length - 1];
      const edges = edgesFrom.get(top.node);
      if (top.next >= edges.length) {
        stack.pop();
        if (steps.length > 0) steps.pop();
        continue;
      }
      const edge = edges[top.next++];
      steps.push(edge);
      if (edge.to === root) {
        let product = 1;
        for (let s = steps.length - 1; s >= 0; s--) product = steps[s].local * product;
        found.push({ steps: steps.slice(), product });
        steps.pop();
      } else {
        stack.push({ node: edge.to, next: 0 });
      }
    }
  }
  return {
    paths: found,
    count: onPath[root] ? counts[root] : 0,
    derivative: onPath[root] ? adjoint[source] : 0,
  };
}

function pathsSection(k) {
  const limit = 3;
  const why = gradientPaths(k, limit);
  const parts = [el("h3", { textContent: "paths to the root" })];
  if (k === root) {
    parts.push(el("p", { className: "note", textContent: "the root: d/d itself = 1" }));
    return parts;
  }
  if (why.count === 0) {
    parts.push(el("p", { className: "note", textContent: "the root does not depend on it" }));
    return parts;
  }
  const countText = Number.isFinite(why.count) ? String(why.count) : "very many";
  parts.push(
    el("p", {
      className: "note",
      textContent: `${countText} path${why.count === 1 ? "" : "s"}` +
        (why.paths.length < why.count ? `, the first ${why.paths.length}:` : ":"),
    }),
  );
  for (const path of why.paths) {
    const line = el("div", { className: "path" });
    line.append(whyName(k));
    for (const step of path.steps) {
      const twice = countInputs(step.to, step.from) > 1 ? `, operand ${step.slot + 1}` : "";
      line.append(` -[${data.op[step.to]} ${step.text}${twice}]-> `, valueLink(step.to));
    }
    const factors = path.steps.map((step) => step.text);
    const product =
      factors.length > 1 && factors.length <= 8
        ? factors.join(" × ") + " = " + pyRepr(path.product)
        : pyRepr(path.product);
    line.append(el("div", { className: "product", textContent: "product " + product }));
    parts.push(line);
  }
  const terms = why.paths.map((path) => pyRepr(path.product));
  if (why.paths.length < why.count) terms.push("...");
  const total = data.grad[k] !== null ? data.grad[k] : pyRepr(why.derivative);
  const lhs = data.grad[k] !== null ? `${whyName(k)}.grad` : `d${whyName(root)}/d${whyName(k)}`;
  parts.push(
    el("p", {
      className: "equation",
      textContent: `${lhs} = ` + (terms.length > 1 ? terms.join(" + ") + " = " : "") + total,
    }),
  );
  return parts;
}

function countInputs(k, i) {
  let n = 0;
  for (let p = inputStart(k); p < inputEnds[k]; p++) if (inputs[p] === i) n++;
  return n;
}

// MARK: - Numeric check

function checkSection(k) {
  const parts = [el("h3", { textContent: "numeric check" })];
  if (!data.check) {
    parts.push(el("p", { className: "note", textContent: data.checkNote }));
    return parts;
  }
  const header = (...names) => el("tr", {}, ...names.map((name) => el("th", { textContent: name })));
  const result = (status) =>
    el("td", { className: status === "fail" ? "fail" : "", textContent: status === "fail" ? "FAIL" : status });
  const leaf = data.check.leaves[k];
  const node = data.check.nodes[k];
  if (leaf) {
    const [grad, numeric, absolute, relative, status] = leaf;
    const row = (name, text, className = "") => [
      el("dt", { textContent: name }),
      el("dd", { className, textContent: text }),
    ];
    parts.push(
      el("p", {
        className: "note",
        textContent: `grad beside the central difference of ${whyName(root)}, h = ${data.check.h}`,
      }),
      el(
        "dl",
        { className: "check" },
        ...row("grad", grad),
        ...row("numeric", numeric),
        ...row("abs error", absolute),
        ...row("rel error", relative),
        ...row("result", status === "fail" ? "FAIL" : status, status === "fail" ? "fail" : ""),
      ),
    );
  } else if (node) {
    const table = el("table", { className: "check" }, header("input", "local", "numeric", "abs error", "rel error", "result"));
    for (const [input, local, numeric, absolute, relative, status] of node) {
      table.append(
        el(
          "tr",
          {},
          el("td", {}, valueLink(input)),
          ...[local, numeric, absolute, relative].map((text) => el("td", { className: "num", textContent: text })),
          result(status),
        ),
      );
    }
    parts.push(
      el("p", { className: "note", textContent: "each local derivative beside central differences of this operation alone" }),
      table,
    );
  } else {
    parts.push(el("p", { className: "note", textContent: "a number literal: nothing to check" }));
  }
  return parts;
}

function showSummary(name) {
  const members = [];
  const s = data.summaryNames.indexOf(name);
  for (let k = 0; k < count; k++) if (data.summaryOf[k] === s) members.push(k);
  const parts = [
    el("h2", { className: "label", textContent: name }),
    el("p", {
      className: "note",
      textContent:
        `${members.length} values; too many to lay out here (more than the page's node limit, ` +
        `${data.maxNodes}). Search finds them; render them with --focus NAME.`,
    }),
  ];
  const list = el("div", { className: "members" });
  for (const k of members.slice(0, 40)) list.append(valueLink(k), " ");
  parts.push(list);
  $("panel").replaceChildren(...parts);
}

// MARK: - Search

/** Values whose label contains `query`, whose op is `query`, or whose node name it is. */
function findMatches(query) {
  const q = query.trim().toLowerCase();
  if (q === "") return [];
  const found = [];
  const byName = /^n(\d+)$/.exec(q);
  for (let k = 0; k < count; k++) {
    if (lowerLabels[k].includes(q) || data.op[k].toLowerCase() === q) found.push(k);
  }
  if (byName && Number(byName[1]) < count && !found.includes(Number(byName[1]))) {
    found.unshift(Number(byName[1]));
  }
  return found;
}

function search(query) {
  const start = performance.now();
  state.matches = findMatches(query);
  state.matchIndex = -1;
  highlightMatches();
  const ms = performance.now() - start;
  $("matches").textContent =
    query.trim() === "" ? "" : state.matches.length === 0 ? "no match" : `${state.matches.length} found`;
  return { count: state.matches.length, ms };
}

function highlightMatches() {
  for (const element of state.matchMarks) element.classList.remove("match");
  state.matchMarks = [];
  const limit = 5000;
  for (const k of state.matches) {
    if (state.matchMarks.length >= limit) break;
    const element = state.nodes.get(k) ?? summaryElementOf(k);
    if (element && !element.classList.contains("match")) {
      element.classList.add("match");
      state.matchMarks.push(element);
    }
  }
}

function nextMatch(direction) {
  if (state.matches.length === 0) return;
  const n = state.matches.length;
  state.matchIndex = (((state.matchIndex + direction) % n) + n) % n;
  const k = state.matches[state.matchIndex];
  select(k, { centre: true });
  $("matches").textContent = `${state.matchIndex + 1} of ${n}`;
}

const searchBox = $("search");
searchBox.addEventListener("input", () => search(searchBox.value));
searchBox.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    nextMatch(event.shiftKey ? -1 : 1);
  } else if (event.key === "Escape") {
    searchBox.value = "";
    search("");
    searchBox.blur();
  }
});

// MARK: - Backward, step by step

/** Gradients after the first `position` steps of this view (and every hidden step between). */
function backwardState(position) {
  const grads = new Float64Array(count);
  const known = new Uint8Array(count);
  if (position === 0) return { grads, known, current: -1 };
  const last = state.steps[position - 1];
  for (const k of allSteps) {
    if (k === root) {
      grads[k] = 1;
      known[k] = 1;
    }
    const g = grads[k];
    for (let p = inputStart(k); p < inputEnds[k]; p++) {
      grads[inputs[p]] += locals[p] * g;
      known[inputs[p]] = 1;
    }
    if (k === last) break;
  }
  return { grads, known, current: last };
}

/** Writes the grads of the current state into the records' grad fields. */
function writeGrads() {
  for (const [element, names] of state.stepMarks) element.classList.remove(...names);
  state.stepMarks = [];
  const stepMark = (element, ...names) => {
    element.classList.add(...names);
    state.stepMarks.push([element, names]);
  };
  const copyTexts = state.copies
    .filter(([, , text]) => text)
    .map(([k, node, text]) => [k, text, node]);
  if (!state.stepping) {
    for (const [k, text, node] of [...state.gradTexts].concat(copyTexts)) {
      const grad = data.grad[k];
      text.textContent = "grad " + (grad === null ? "—" : field(parseNumber(grad)));
      if (grad === null) stepMark(node ?? state.nodes.get(k), "pending");
    }
    $("caption").textContent = "";
    return;
  }
  const now = backwardState(state.position);
  for (const [k, text, node] of [...state.gradTexts].concat(copyTexts)) {
    text.textContent = "grad " + (now.known[k] ? field(now.grads[k]) : "—");
    if (!now.known[k]) stepMark(node ?? state.nodes.get(k), "pending");
  }
  const k = now.current;
  if (k >= 0) {
    const node = state.nodes.get(k);
    if (node) stepMark(node, "current");
    for (let p = inputStart(k); p < inputEnds[k]; p++) {
      const changed = state.nodes.get(inputs[p]);
      if (changed) stepMark(changed, "changed");
    }
    for (const [element, , head, kind] of state.edges) {
      if (head === k && kind === "input") stepMark(element, "current");
    }
  }
  $("caption").textContent = k < 0 ? "before backward: no grad computed yet" : caption(k, now);
}

/** What the step of value `k` did: `n.grad += 0.5000 (local 1.0000 × o.grad 0.5000)`. */
function caption(k, now) {
  const name = captionName(k);
  const g = now.grads[k];
  if (data.op[k] === "") return `${name}.grad = 1 (the root)`;
  const names = [];
  for (let p = inputStart(k); p < inputEnds[k]; p++) names.push(captionName(inputs[p]));
  const formula =
    names.length === 2 ? `${names[0]} ${data.op[k]} ${names[1]}` : `${data.op[k]}(${names.join(", ")})`;
  let text = `${name} = ${formula}`;
  if (k === root) text = `${name}.grad = 1, then ` + text;
  const updates = [];
  for (let p = inputStart(k); p < inputEnds[k]; p++) {
    updates.push(
      `${captionName(inputs[p])}.grad += ${field(locals[p] * g)} ` +
        `(local ${field(locals[p])} × ${name}.grad ${field(g)})`,
    );
  }
  return text + ": " + updates.join(", ");
}

function updateStepControls() {
  const slider = $("step");
  slider.max = String(state.steps.length);
  slider.value = String(state.position);
  for (const id of ["step", "step-back", "step-next"]) $(id).disabled = !state.stepping;
  $("step-toggle").setAttribute("aria-pressed", String(state.stepping));
  $("step-count").textContent = state.stepping
    ? `step ${state.position} of ${state.steps.length}`
    : "";
}

function setStepping(on) {
  state.stepping = on;
  if (on) state.position = 0;
  updateStepControls();
  writeGrads();
  if (state.selected >= 0) showPanel(state.selected);
}

function goToStep(position) {
  if (!state.stepping) setStepping(true);
  state.position = Math.max(0, Math.min(state.steps.length, position));
  updateStepControls();
  writeGrads();
  if (state.selected >= 0) showPanel(state.selected);
}

$("step-toggle").addEventListener("click", () => setStepping(!state.stepping));
$("step-back").addEventListener("click", () => goToStep(state.position - 1));
$("step-next").addEventListener("click", () => goToStep(state.position + 1));
$("step").addEventListener("input", (event) => goToStep(Number(event.target.value)));

// MARK: - Keys and buttons

$("zoom-in").addEventListener("click", () => zoomCentre(1 / 1.25));
$("zoom-out").addEventListener("click", () => zoomCentre(1.25));
$("fit").addEventListener("click", fit);
$("legend-toggle").addEventListener("click", () => {
  const hidden = graph.classList.toggle("no-legend");
  $("legend-toggle").setAttribute("aria-pressed", String(!hidden));
});

document.addEventListener("keydown", (event) => {
  if (event.target === searchBox || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target instanceof HTMLInputElement && event.target.type === "range") return;
  switch (event.key) {
    case "/":
      searchBox.focus();
      break;
    case "+":
    case "=":
      zoomCentre(1 / 1.25);
      break;
    case "-":
      zoomCentre(1.25);
      break;
    case "0":
    case "f":
      fit();
      break;
    case "l":
      $("legend-toggle").click();
      break;
    case "b":
      setStepping(!state.stepping);
      break;
    case "ArrowRight":
      goToStep(state.position + 1);
      break;
    case "ArrowLeft":
      goToStep(state.position - 1);
      break;
    case "Home":
      goToStep(0);
      break;
    case "End":
      goToStep(state.steps.length);
      break;
    case "Escape":
      if (state.stepping) setStepping(false);
      clearSelection();
      break;
    default:
      return;
  }
  event.preventDefault();
});

// MARK: - Start

openView(0);
if (data.stepping) setStepping(true);
/** For tests and benchmarks: the page's state and actions. */
window.gradviz = { state, data, search, select, openView, goToStep, field, pyRepr, gradientPaths };
window.gradvizReady = performance.now();
document.documentElement.dataset.ready = "true";
