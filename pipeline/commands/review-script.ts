// The review page's script, plain ES2020 for the browser, sent inline. It never builds HTML from data (text goes in
// with textContent), and it shows "saved" only when the server has answered that the line is on disk.
export const reviewScript = String.raw`
"use strict";
var S = { title: "", save: "", cats: [], items: [], reviewed: {}, view: [], pos: 0, toggles: [], busy: false, token: 0 };
var KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "⇧1", "⇧2", "⇧3", "⇧4", "⇧5", "⇧6"];
var FILTERS = ["category", "stratum", "region", "year", "status"];
function $(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function keyToCategory(e) {
  var m = /^Digit([0-9])$/.exec(e.code || "");
  if (!m) return -1;
  var d = Number(m[1]);
  if (!e.shiftKey) return d === 0 ? 9 : d - 1;
  return d >= 1 && d <= 6 ? 9 + d : -1;
}
function item() { return S.view.length ? S.items[S.view[S.pos]] : null; }
function isDone(it) { return Object.prototype.hasOwnProperty.call(S.reviewed, it.id); }
function status(text, kind) { var s = $("status"); s.textContent = text; s.className = kind || ""; }
function options(select, values) {
  values.forEach(function (v) { var o = el("option", "", v.label); o.value = v.value; select.appendChild(o); });
}
function distinct(f) {
  var seen = {}, out = [];
  S.items.forEach(function (it) { var v = f(it); if (v !== null && v !== undefined && !seen[v]) { seen[v] = 1; out.push(String(v)); } });
  return out.sort();
}
function buildFilters() {
  var cats = S.cats.map(function (c) { return { value: c.id, label: c.name + " " + c.id }; });
  cats.push({ value: "-", label: "(no label)" });
  options($("f-category"), cats);
  var strata = distinct(function (it) { return it.stratum; });
  if (strata.length === 0) $("f-stratum-box").hidden = true;
  options($("f-stratum"), strata.map(function (v) { return { value: v, label: v }; }));
  options($("f-region"), distinct(function (it) { return it.region; }).map(function (v) { return { value: v, label: v }; }));
  options($("f-year"), distinct(function (it) { return it.year; }).map(function (v) { return { value: v, label: v }; }));
  FILTERS.forEach(function (f) { $("f-" + f).addEventListener("change", function () { applyFilters(); }); });
}
function matches(it) {
  var f = {};
  FILTERS.forEach(function (k) { f[k] = $("f-" + k).value; });
  if (f.category) {
    var labels = it.labels.concat(S.reviewed[it.id] || []);
    if (f.category === "-" ? labels.length > 0 : labels.indexOf(f.category) < 0) return false;
  }
  if (f.stratum && it.stratum !== f.stratum) return false;
  if (f.region && it.region !== f.region) return false;
  if (f.year && String(it.year) !== f.year) return false;
  if (f.status === "todo" && isDone(it)) return false;
  if (f.status === "done" && !isDone(it)) return false;
  return true;
}
function firstTodo(from) {
  for (var i = 0; i < S.view.length; i++) {
    var p = (from + i) % S.view.length;
    if (!isDone(S.items[S.view[p]])) return p;
  }
  return -1;
}
function applyFilters() {
  S.view = [];
  S.items.forEach(function (it, i) { if (matches(it)) S.view.push(i); });
  var p = firstTodo(0);
  show(p < 0 ? 0 : p);
}
function progress() {
  var done = S.items.filter(isDone).length;
  var viewDone = S.view.filter(function (i) { return isDone(S.items[i]); }).length;
  $("progress").max = Math.max(1, S.items.length);
  $("progress").value = done;
  $("progress-text").textContent = done + " of " + S.items.length + " reviewed" +
    (S.view.length !== S.items.length ? " · this view: " + viewDone + " of " + S.view.length : "");
}
function renderToggles() {
  var it = item(), box = $("toggles");
  box.textContent = "";
  S.cats.forEach(function (c, i) {
    var b = el("button", "toggle");
    b.type = "button";
    b.id = "t-" + c.id;
    b.setAttribute("aria-pressed", S.toggles.indexOf(c.id) >= 0 ? "true" : "false");
    b.setAttribute("aria-keyshortcuts", i < 10 ? KEYS[i] : "Shift+" + KEYS[i].slice(1));
    b.appendChild(el("kbd", "", KEYS[i]));
    var name = el("span", "name", c.name);
    name.lang = "zh";
    if (it && it.labels.indexOf(c.id) >= 0) name.appendChild(el("span", "pred", "rules"));
    b.appendChild(name);
    b.appendChild(el("span", "id", c.id));
    b.appendChild(el("span", "scope", c.scope));
    b.addEventListener("click", function () { toggle(i); });
    box.appendChild(b);
  });
}
function renderText(box, text, ms) {
  var chars = Array.from(text), cover = chars.map(function () { return []; });
  ms.forEach(function (m) { for (var i = m.start; i < m.end && i < chars.length; i++) cover[i].push(m.rule); });
  box.textContent = "";
  var i = 0;
  while (i < chars.length) {
    var key = cover[i].join(" "), j = i;
    while (j < chars.length && cover[j].join(" ") === key) j++;
    var part = chars.slice(i, j).join("");
    if (key) { var mk = el("mark", "", part); mk.title = key; box.appendChild(mk); } else box.appendChild(document.createTextNode(part));
    i = j;
  }
}
function renderContext(box, list) {
  box.textContent = "";
  list.forEach(function (c) { var p = el("p", "context", c.text); p.lang = "zh"; p.title = c.id; box.appendChild(p); });
}
function renderWhere(it) {
  var w = $("where");
  w.textContent = "";
  w.appendChild(el("span", "", "clause " + (S.pos + 1) + " of " + S.view.length));
  w.appendChild(el("span", "", it.id));
  w.appendChild(el("span", "", [it.region, it.year].filter(function (x) { return x !== null; }).join(" ")));
  if (it.stratum !== null) w.appendChild(el("span", "", "stratum " + it.stratum));
  var d = S.reviewed[it.id];
  w.appendChild(el("span", "badge" + (d ? " done" : ""), d ? "reviewed: " + (d.join(", ") || "no label") : "not reviewed"));
}
function show(pos) {
  S.pos = pos;
  var it = item();
  progress();
  if (!it) {
    ["where", "before", "clause", "after", "evidence", "toggles"].forEach(function (id) { $(id).textContent = ""; });
    $("where").textContent = "No clause matches these filters.";
    return;
  }
  S.toggles = (S.reviewed[it.id] || it.labels).slice();
  renderWhere(it);
  renderToggles();
  $("explain").href = "/explain?id=" + encodeURIComponent(it.id);
  var token = ++S.token;
  fetch("/api/clause?id=" + encodeURIComponent(it.id)).then(function (r) { return r.json(); }).then(function (c) {
    if (token !== S.token) return;
    renderContext($("before"), c.before || []);
    renderContext($("after"), c.after || []);
    renderText($("clause"), c.text, c.matches || []);
    var ev = $("evidence");
    ev.textContent = "";
    (c.matches || []).forEach(function (m) {
      var li = el("li", "");
      li.appendChild(el("code", "", m.rule));
      li.appendChild(document.createTextNode(" → " + m.category + " 「" + (m.terms || []).join("」「") + "」 [" + m.start + ", " + m.end + ")"));
      ev.appendChild(li);
    });
    if (!(c.matches || []).length) ev.appendChild(el("li", "", "no rule fired"));
  }).catch(function (e) { status("the server did not answer (" + e.message + "): is it still running?", "error"); });
}
function toggle(i) {
  var id = S.cats[i].id, at = S.toggles.indexOf(id);
  if (at >= 0) S.toggles.splice(at, 1); else S.toggles.push(id);
  var b = $("t-" + id);
  b.setAttribute("aria-pressed", at >= 0 ? "false" : "true");
  status("not saved yet: Enter saves", "");
}
function move(delta) {
  if (!S.view.length) return;
  show(Math.min(S.view.length - 1, Math.max(0, S.pos + delta)));
  status("", "");
}
function accept() {
  var it = item();
  if (!it || S.busy) return;
  var labels = S.toggles.slice().sort();
  S.busy = true;
  status("saving…", "");
  fetch("/api/decision", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: it.id, labels: labels }) })
    .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
    .then(function (res) {
      S.busy = false;
      if (!res.ok || !res.body.saved) { status("NOT saved: " + (res.body.error || "the server refused"), "error"); return; }
      S.reviewed[it.id] = res.body.labels;
      var next = firstTodo(S.pos);
      show(next < 0 ? S.pos : next);
      status("saved " + it.id + ": " + (res.body.labels.join(", ") || "no label") + (next < 0 ? " · every clause in this view is reviewed" : ""), "saved");
    })
    .catch(function (e) { S.busy = false; status("NOT saved: the server did not answer (" + e.message + ")", "error"); });
}
document.addEventListener("keydown", function (e) {
  var t = e.target;
  if (t && (t.tagName === "SELECT" || t.tagName === "INPUT" || t.tagName === "TEXTAREA")) {
    if (e.key === "Escape") t.blur();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  var c = keyToCategory(e);
  if (c >= 0) { e.preventDefault(); toggle(c); return; }
  if (e.key === "Enter") { e.preventDefault(); accept(); }
  else if (e.key === "j") move(1);
  else if (e.key === "k") move(-1);
  else if (e.key === "n") { var p = firstTodo(S.pos + 1); if (p >= 0) show(p); }
  else if (e.key === "r") { var it = item(); if (it) { S.toggles = it.labels.slice(); renderToggles(); status("reset to the rules' labels: Enter saves", ""); } }
  else if (e.key === "e") { if (item()) window.open($("explain").href, "_blank"); }
});
$("accept").addEventListener("click", accept);
$("prev").addEventListener("click", function () { move(-1); });
$("next").addEventListener("click", function () { move(1); });
// Another tab may have saved decisions meanwhile: coming back to this one picks them up (the server has them all).
window.addEventListener("focus", function () {
  fetch("/api/state").then(function (r) { return r.json(); }).then(function (s) {
    S.reviewed = s.reviewed;
    var it = item();
    if (it) renderWhere(it);
    progress();
  }).catch(function () {});
});
fetch("/api/state").then(function (r) { return r.json(); }).then(function (s) {
  S.title = s.title; S.save = s.save; S.cats = s.categories; S.items = s.items; S.reviewed = s.reviewed;
  $("title").textContent = s.title + " → " + s.save;
  buildFilters();
  applyFilters();
});
`
