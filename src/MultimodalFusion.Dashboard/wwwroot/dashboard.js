// MultimodalFusion dashboard page: one EventSource on /api/events keeps `state` current; every DOM update goes
// through textContent / attributes (never innerHTML with data), so camera ids and alert fields cannot inject markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const W = 400, H = 140, MID = H / 2, AMP = 58;
const state = { cameras: new Map(), alerts: [], historySeconds: 300 };
const tiles = new Map();
let source = null;
let epoch = 0; // bumped by every snapshot: frame URLs must differ across server restarts (the page caches images by URL)

function camera(id) {
  let c = state.cameras.get(id);
  if (!c) { c = { camera: id, status: null, frame: null, emotion: null, history: [] }; state.cameras.set(id, c); }
  return c;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function signed(x) { return (x >= 0 ? "+" : "") + x.toFixed(2); }
function utc(iso) { return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + "Z" : "–"; }
function clock(iso) { return iso ? new Date(iso).toISOString().slice(11, 19) + "Z" : "–"; }
function clipUrl(path) { return "/clips/" + path.split("/").map(encodeURIComponent).join("/"); }

function tile(id) {
  let t = tiles.get(id);
  if (t) return t;
  const root = el("section", "tile");
  root.dataset.camera = id;
  const head = el("header");
  const profile = el("span", "profile", "camera");
  const status = el("span", "status", "no status yet");
  head.append(el("h2", null, id), profile, status);
  const body = el("div", "body");
  const img = el("img", "frame");
  img.alt = "latest frame of " + id;
  const side = el("div", "side");
  body.append(img, side);
  root.append(head, body);
  document.getElementById("cameras").append(root);
  t = { root, profile, status, img, side, emotion: null, alerts: null, loading: false, wanted: 0, shown: 0 };
  img.addEventListener("load", () => frameDone(id));
  img.addEventListener("error", () => frameDone(id));
  tiles.set(id, t);
  document.getElementById("empty").hidden = true;
  return t;
}

function emotionPanel(t, id) {
  if (t.emotion) return t.emotion;
  const box = el("div", "va");
  const plot = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": "valence and arousal of " + id });
  for (const y of [MID - AMP, MID + AMP]) plot.append(svg("line", { x1: 0, x2: W, y1: y, y2: y, class: "grid" }));
  plot.append(svg("line", { x1: 0, x2: W, y1: MID, y2: MID, class: "zero" }));
  const label = svg("text", { x: 4, y: 12 }); label.textContent = "+1";
  const oldest = svg("text", { x: 4, y: H - 4 });
  const now = svg("text", { x: W - 26, y: H - 4 }); now.textContent = "now";
  const v = svg("path", { class: "valence", d: "" }), a = svg("path", { class: "arousal", d: "" });
  plot.append(label, oldest, now, v, a);
  const values = el("div", "values");
  const vText = el("span", "v", "valence –"), aText = el("span", "a", "arousal –"), top = el("span", "top-expr", "");
  vText.dataset.testid = "valence"; aText.dataset.testid = "arousal"; top.dataset.testid = "top-expression";
  values.append(vText, aText, top);
  const bars = el("div", "bars");
  box.append(plot, values, bars);
  t.side.prepend(box);
  t.emotion = { v, a, oldest, vText, aText, top, bars, rows: [] };
  return t.emotion;
}

function alertPanel(t) {
  if (t.alerts) return t.alerts;
  const table = el("table", "alerts");
  const head = el("tr");
  for (const h of ["Id", "State", "Time (UTC)", "Peak", "Clip"]) head.append(el("th", null, h));
  table.append(el("thead"), el("tbody"));
  table.tHead.append(head);
  t.side.append(el("h2", null, "Alerts"), table);
  t.alerts = table.tBodies[0];
  return t.alerts;
}

function renderCamera(id) {
  const c = camera(id), t = tile(id);
  const s = c.status;
  const profile = s ? s.profile : "unknown";
  t.profile.textContent = profile === "unknown" ? "camera" : profile;
  if (s) {
    t.status.textContent = `${s.state} · ${s.framesPerSecond.toFixed(1)} fps · ${s.droppedFrames} dropped` + (s.message ? " · " + s.message : "");
    t.status.classList.toggle("bad", s.state !== "running");
    t.status.title = s.source || "";
  }
  if (profile === "emotion" || c.emotion) renderEmotion(c, emotionPanel(t, id));
  if (profile === "violence" || state.alerts.some(a => a.camera === id)) renderTileAlerts(id, alertPanel(t));
  if (c.frame) showFrame(id, c.frame.sequence);
}

function renderEmotion(c, p) {
  const h = c.history, span = state.historySeconds * 1e6;
  p.oldest.textContent = "-" + Math.round(state.historySeconds / 60 * 10) / 10 + " min";
  if (h.length > 0) {
    const end = h[h.length - 1].timestampMicros;
    const x = t => ((t - (end - span)) / span * W).toFixed(1);
    const y = v => (MID - Math.max(-1, Math.min(1, v)) * AMP).toFixed(1);
    p.v.setAttribute("d", h.map((q, i) => (i ? "L" : "M") + x(q.timestampMicros) + " " + y(q.valence)).join(" "));
    p.a.setAttribute("d", h.map((q, i) => (i ? "L" : "M") + x(q.timestampMicros) + " " + y(q.arousal)).join(" "));
  }
  const e = c.emotion;
  if (!e) return;
  p.vText.textContent = "valence " + signed(e.valence);
  p.aText.textContent = "arousal " + signed(e.arousal);
  const probs = e.expressions || [], labels = e.expressionLabels || [];
  while (p.rows.length < probs.length) {
    const name = el("span"), bar = el("div", "bar"), fill = el("span"), pct = el("span", "pct");
    bar.append(fill);
    p.bars.append(name, bar, pct);
    p.rows.push({ name, bar, fill, pct });
  }
  const best = probs.indexOf(Math.max(...probs)); // ties: the first, as the app's arg-max
  p.top.textContent = best < 0 ? "" : (labels[best] || "#" + best) + " " + (probs[best] * 100).toFixed(0) + "%";
  probs.forEach((q, i) => {
    const r = p.rows[i];
    r.name.textContent = labels[i] || "#" + i;
    r.fill.style.width = (Math.max(0, Math.min(1, q)) * 100).toFixed(1) + "%";
    r.pct.textContent = (q * 100).toFixed(0) + "%";
    r.bar.classList.toggle("best", i === best);
  });
}

function alertRow(a, columns) {
  const tr = el("tr");
  tr.dataset.alertId = a.id;
  tr.dataset.state = a.state;
  const cells = {
    id: () => el("td", "id", a.id), camera: () => el("td", null, a.camera), kind: () => el("td", null, a.kind),
    state: () => el("td", "state", a.state), start: () => el("td", null, utc(a.start)),
    time: () => el("td", null, clock(a.start) + (a.end ? " – " + clock(a.end) : "")), end: () => el("td", null, utc(a.end)),
    peak: () => el("td", "peak", a.peakScore.toFixed(2)),
    clip: () => link(a.clip, "clip"), snapshot: () => link(a.snapshot, "snapshot"),
  };
  for (const c of columns) tr.append(cells[c]());
  return tr;
}

function link(path, text) {
  const td = el("td");
  if (path) { const a = el("a", null, text); a.href = clipUrl(path); a.target = "_blank"; a.rel = "noopener"; td.append(a); }
  else td.textContent = "–";
  return td;
}

function renderTileAlerts(id, body) {
  const rows = state.alerts.filter(a => a.camera === id).slice(0, 5).map(a => alertRow(a, ["id", "state", "time", "peak", "clip"]));
  if (rows.length === 0) {
    const none = el("td", "none", "No alerts.");
    none.colSpan = 5;
    rows.push(el("tr"));
    rows[0].append(none);
  }
  body.replaceChildren(...rows);
}

function renderAlerts() {
  const body = document.querySelector("#alerts tbody");
  body.replaceChildren(...state.alerts.map(a => alertRow(a, ["id", "camera", "kind", "state", "start", "end", "peak", "clip", "snapshot"])));
  document.getElementById("no-alerts").hidden = state.alerts.length > 0;
}

function showFrame(id, sequence) {
  const t = tile(id);
  t.wanted = Math.max(t.wanted, sequence);
  if (t.loading || t.wanted === t.shown) return;
  t.loading = true;
  t.shown = t.wanted;
  t.img.src = `/api/frames/${encodeURIComponent(id)}.jpg?c=${epoch}&s=${t.shown}`;
}

function frameDone(id) {
  const t = tiles.get(id);
  t.loading = false;
  if (t.wanted > t.shown) showFrame(id, t.wanted);
}

function applySnapshot(s) {
  state.historySeconds = s.historySeconds;
  epoch++;
  state.cameras.clear();
  for (const c of s.cameras) state.cameras.set(c.camera, { camera: c.camera, status: c.status, frame: c.frame, emotion: c.emotion, history: c.history });
  state.alerts = s.alerts;
  // A snapshot replaces everything: a restarted server counts frames from 1 again and may have other cameras.
  for (const [id, t] of tiles) {
    if (!state.cameras.has(id)) { t.root.remove(); tiles.delete(id); continue; }
    t.wanted = 0;
    t.shown = -1;
  }
  document.getElementById("empty").hidden = state.cameras.size > 0;
  for (const id of state.cameras.keys()) renderCamera(id);
  renderAlerts();
}

function onEmotion(e) {
  const c = camera(e.camera);
  c.emotion = e;
  c.history.push({ timestampMicros: e.timestampMicros, valence: e.valence, arousal: e.arousal });
  const oldest = e.timestampMicros - state.historySeconds * 1e6;
  while (c.history.length && c.history[0].timestampMicros < oldest) c.history.shift();
  renderCamera(e.camera);
}

function onAlert(a) {
  state.alerts = state.alerts.filter(x => x.id !== a.id);
  const at = state.alerts.findIndex(x => x.start < a.start);
  state.alerts.splice(at < 0 ? state.alerts.length : at, 0, a);
  renderAlerts();
  renderCamera(a.camera);
}

function setConnection(s, text) {
  const e = document.getElementById("connection");
  e.dataset.state = s;
  e.textContent = text;
}

function connect() {
  if (source) source.close();
  source = new EventSource("/api/events");
  const on = (name, f) => source.addEventListener(name, m => f(JSON.parse(m.data)));
  on("snapshot", s => { applySnapshot(s); setConnection("live", "live"); });
  on("emotion", onEmotion);
  on("alert", onAlert);
  on("status", s => { camera(s.camera).status = s; renderCamera(s.camera); });
  on("frame", f => { camera(f.camera).frame = f; tile(f.camera); showFrame(f.camera, f.sequence); });
  source.onerror = () => {
    setConnection("lost", "reconnecting…");
    // EventSource retries by itself unless the server refused it (closed state): then start over.
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
  };
}

// /api/state.js (loaded just before) holds the state at page load; the event stream's own snapshot replaces it.
if (window.mmfInitialState) applySnapshot(window.mmfInitialState);
connect();
