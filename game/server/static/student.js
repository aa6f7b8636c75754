// The student's page: join, then play one side of a game ruled by the server.
// Every text from the server is put in with textContent (never innerHTML): names and words other people
// typed stay text. The server decides everything; this page only shows what it is told and asks.
"use strict";

const view = {
  state: null,
  country: null, // the code of the country in the dossier
  stops: [], // a trip's further capitals (codes), for the dossier's country
  kind: null, // the "by" of the dossier's tab: Call, Visit, a deputy, a group
  dossier: null,
  socket: null,
  retry: 1000,
  editing: null, // the pending order being changed: {index, words, order}, or null
  notes: [], // what "repeat last week" left out and why: [{words, reason}], for the week in notesWeek
  notesWeek: null,
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function api(method, path, body) {
  const options = { method, credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    options.headers["content-type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  // A 429 (too many requests from this address: a class behind one school proxy, say) was refused before it
  // changed anything, so it is asked again after the wait the server names, a few times, before saying so.
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(path, options);
    } catch (err) {
      return { ok: false, status: 0, data: { error: "the class server cannot be reached" } };
    }
    if (response.status !== 429 || attempt >= 4) break;
    const wait = Math.min(Number(response.headers.get("retry-after")) || 1, 5);
    await new Promise((done) => setTimeout(done, wait * 1000));
  }
  let data = null;
  try {
    data = await response.json();
  } catch (err) {
    data = { error: `the server answered ${response.status}` };
  }
  return { ok: response.ok, status: response.status, data };
}

function say(text) {
  document.getElementById("message").textContent = text || "";
  document.getElementById("message").classList.remove("good");
}

function tell(text) {
  // What a change did (not an error): the same line, not in the error's colour.
  say(text);
  document.getElementById("message").classList.add("good");
}

// ------------------------------------------------------------------------------------------- joining

function showJoin() {
  document.getElementById("join-view").hidden = false;
  document.getElementById("game-view").hidden = true;
  document.getElementById("join-code").focus();
}

// A class of teams (or two-sided): once the code is typed, the free seats are offered; left at "the next
// free seat", the server picks the next one (each side's Secretary first, then deputies in turn).
async function loadSeats() {
  const code = document.getElementById("join-code").value.trim();
  const select = document.getElementById("join-seat");
  const label = document.getElementById("join-seat-label");
  if (code.length < 6) {
    select.hidden = label.hidden = true;
    return;
  }
  const answer = await api("GET", `/api/seats?code=${encodeURIComponent(code)}`);
  if (!answer.ok || answer.data.team < 2 || !answer.data.seats.length) {
    select.hidden = label.hidden = true;
    select.replaceChildren();
    return;
  }
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "", text: "The next free seat" }));
  for (const seat of answer.data.seats) {
    const others = seat.with.length ? ` (with ${seat.with.join(", ")})` : "";
    const value = JSON.stringify({ game: seat.game, side: seat.side, role: seat.role });
    select.append(el("option", { value, text: `Game ${seat.game} · ${seat.side_label} · ${seat.label}${others}` }));
  }
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : "";
  select.hidden = label.hidden = false;
}

async function join(event) {
  event.preventDefault();
  const code = document.getElementById("join-code").value;
  const name = document.getElementById("join-name").value;
  const choice = document.getElementById("join-seat").value;
  const body = { code, name };
  if (choice) body.seat = JSON.parse(choice);
  const answer = await api("POST", "/api/join", body);
  if (!answer.ok) {
    document.getElementById("join-error").textContent = answer.data.error;
    if (answer.status === 409) await loadSeats(); // the seat was taken meanwhile: offer what is free now
    return;
  }
  await refresh();
  connect();
}

// ------------------------------------------------------------------------------------------- the game

async function refresh() {
  const answer = await api("GET", "/api/state");
  if (answer.status === 401) {
    showJoin();
    return;
  }
  if (!answer.ok) {
    say(answer.data.error);
    return;
  }
  document.getElementById("join-view").hidden = true;
  document.getElementById("game-view").hidden = false;
  const weekChanged = view.state && view.state.week !== answer.data.week;
  view.state = answer.data;
  render();
  if (view.country && (weekChanged || !view.dossier)) await openDossier(view.country, false);
  else if (view.dossier) renderDossier();
}

function render() {
  const s = view.state;
  document.getElementById("title").textContent = s.scenario.title;
  document.getElementById("side").textContent =
    s.role && s.role.team ? `${s.seat.label} · ${s.role.label} · ${s.seat.name}` : `${s.seat.label} · ${s.seat.name}`;
  document.getElementById("week").textContent = s.over
    ? "The crisis is over"
    : `Week ${s.week + 1} of ${s.weeks} · ${s.week_label}`;
  const score = s.score.score === null ? s.score.tier : `${s.score.tier} · ${s.score.score.toFixed(1)}`;
  document.getElementById("score").textContent = `Washington: ${score}`;
  document.getElementById("status").textContent = statusWords(s);
  const ready = document.getElementById("ready");
  ready.textContent = s.ready ? "Ready ✓ (take back)" : "Ready: end my week";
  ready.setAttribute("aria-pressed", String(s.ready));
  ready.disabled = s.over || s.class.status !== "open";
  renderMapColours();
  renderCountries();
  renderTeam();
  renderPending();
  renderPlan();
  renderEscalations();
  renderReport();
  renderEnded();
  // staff.js, news.js and debrief.js follow the state from here.
  document.dispatchEvent(new CustomEvent("ftz:state", { detail: s }));
}

// A side played by a team: every seat with its role and whether it is ready (the sheet below is the team's).
function myTeam(s) {
  const side = s.sides.find((x) => x.side === s.seat.side);
  return side && side.team ? side.team : [];
}

function renderTeam() {
  const s = view.state;
  const team = myTeam(s);
  const box = document.getElementById("team-box");
  box.hidden = !(s.role && s.role.team) || team.length < 2;
  const list = document.getElementById("team");
  list.replaceChildren();
  if (box.hidden) return;
  for (const member of team) {
    const mine = member.role === s.role.id;
    const who = member.name === null ? "free" : member.name + (mine ? " (you)" : "");
    const item = el(
      "li",
      { class: member.ready ? "ready" : "" },
      el("span", { class: "role", text: member.label }),
      el("span", { class: "who", text: who }),
      el("span", { class: "flag", text: member.name === null || s.over ? "" : member.ready ? "✓ ready" : "giving orders" }),
    );
    list.append(item);
  }
}

function renderEnded() {
  // The end of the class: said in the page, not only in the top bar, with where the game stood.
  const s = view.state;
  const box = document.getElementById("ended");
  box.hidden = s.class.status !== "ended";
  if (box.hidden) return;
  document.getElementById("ready").hidden = true; // there is no week to end now
  const score = s.score.score === null ? s.score.tier : `${s.score.tier} (${s.score.score.toFixed(1)})`;
  document.getElementById("ended-text").textContent = s.over
    ? `Your crisis came to its end: ${score}.`
    : `Your game stopped in week ${s.week + 1} of ${s.weeks}, with the crisis at ${score}.`;
}

function statusWords(s) {
  if (s.class.status === "paused") return "The teacher has paused the class";
  if (s.class.status === "ended") return "The class has ended";
  const mates = myTeam(s).filter((m) => m.name !== null && !m.ready && m.role !== (s.role && s.role.id));
  if (s.ready && mates.length) return `Waiting for ${mates.map((m) => m.name).join(", ")}`;
  const waiting = s.sides.filter((side) => side.human && !side.ready).map((side) => side.label);
  if (s.ready && waiting.length) return `Waiting for ${waiting.join(", ")}`;
  return "";
}

function renderCountries() {
  const list = document.getElementById("countries");
  list.replaceChildren();
  if (view.state.can_talk) {
    // Talks with the other side are not about one capital: they open in the dossier like a country.
    const talk = el("button", {
      type: "button",
      class: "country talks",
      "data-code": "talks",
      text: `Talk to ${view.state.rival}`,
      onclick: () => openDossier("talks", true),
    });
    if (view.country === "talks") talk.setAttribute("aria-current", "true");
    list.append(el("li", {}, talk));
  }
  let region = null;
  for (const c of view.state.countries) {
    if (c.region !== region) {
      region = c.region;
      list.append(el("li", { class: "region", text: region }));
    }
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = c.colour; // through the CSSOM: the page's CSP allows no inline style attribute
    const button = el(
      "button",
      { type: "button", class: "country", "data-code": c.code, onclick: () => openDossier(c.code, true) },
      swatch,
      el("span", { class: "name", text: c.name }),
      el("span", { class: "value", text: c.shown }),
    );
    if (c.code === view.country) button.setAttribute("aria-current", "true");
    list.append(el("li", {}, button));
  }
}

function renderPending() {
  const s = view.state;
  const r = s.remaining;
  document.getElementById("remaining").textContent = r
    ? `Left this week: calls ${r.calls} · trips ${r.visits} · deputies free ${r.deputies}`
    : "";
  const list = document.getElementById("pending");
  list.replaceChildren();
  if (!s.pending.length) list.append(el("li", { class: "empty", text: "No orders yet: pick a country." }));
  const team = s.role && s.role.team;
  for (const p of s.pending) {
    // In a team every seat sees the whole sheet and who gives each order; only its giver takes it back.
    const words = el("span", { text: p.words });
    if (team && p.who) words.prepend(el("span", { class: "giver", text: `${p.who}: ` }));
    if (team && p.mine === false) {
      list.append(el("li", { class: "theirs" }, words));
      continue;
    }
    const undo = el("button", {
      type: "button",
      class: "undo",
      text: "Take back",
      "aria-label": `Take back: ${p.words}`,
      onclick: () => takeBack(p.index),
    });
    undo.disabled = s.ready || s.class.status !== "open";
    list.append(el("li", {}, words, undo));
    planControls(list.lastChild, p);
  }
}

function renderEscalations() {
  const s = view.state;
  document.getElementById("escalations-box").hidden = !s.escalations.length;
  const list = document.getElementById("escalations");
  list.replaceChildren();
  for (const e of s.escalations) {
    const button = el("button", {
      type: "button",
      class: "escalate",
      "aria-pressed": String(e.raised),
      text: e.raised ? `Raised: ${e.headline} (take back)` : `Raise: ${e.headline}`,
      onclick: () => escalate(e.id, !e.raised),
    });
    button.disabled = Boolean(e.reason) || s.ready || s.class.status !== "open";
    const item = el("li", {}, button);
    if (e.happened) item.append(el("span", { class: "meta", text: " (it has happened: raising it again does nothing)" }));
    if (e.reason) item.append(el("span", { class: "reason", text: e.reason }));
    list.append(item);
  }
}

function renderReport() {
  const report = view.state.report;
  const section = document.getElementById("report");
  section.hidden = !report;
  if (!report) return;
  document.getElementById("report-title").textContent = `Week ${report.week + 1}: what moved and why`;
  const body = document.getElementById("report-body");
  body.replaceChildren();
  for (const news of report.news) body.append(el("p", { class: "news", text: `News: ${news}` }));
  for (const inject of report.injects || []) {
    const box = el("div", { class: "inject-news" }, el("p", { class: "news", text: `From your teacher: ${inject.headline}` }));
    if (inject.body) box.append(el("p", { text: inject.body }));
    if (inject.source) box.append(el("p", { class: "meta", text: inject.source }));
    body.append(box);
  }
  const moves = el("ul", { class: "moves" });
  for (const m of report.moves) {
    const change = m.change === null ? "" : ` ${m.change > 0 ? "+" : ""}${m.change.toFixed(1)}`;
    moves.append(
      el("li", {}, el("strong", { text: `${m.name}${change} → ${m.shown}` }), el("span", { text: `: ${m.causes.join("; ")}` })),
    );
  }
  body.append(moves);
  for (const side of view.state.sides) {
    const orders = report.orders[side.side] || [];
    body.append(el("h3", { text: `${side.label}'s orders` }));
    const list = el("ul", { class: "orders" });
    for (const o of orders) list.append(el("li", { text: o.words }));
    if (!orders.length) list.append(el("li", { text: "none" }));
    body.append(list);
  }
}

// ------------------------------------------------------------------------------------------- the map

async function loadMap() {
  const response = await fetch("/map.svg", { credentials: "same-origin" });
  if (!response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), "image/svg+xml");
  const svg = document.importNode(doc.documentElement, true);
  for (const path of svg.querySelectorAll("path.country")) {
    path.addEventListener("click", () => openDossier(path.getAttribute("data-code"), true));
  }
  document.getElementById("map").replaceChildren(svg);
  renderMapColours();
}

function renderMapColours() {
  if (!view.state) return;
  const colours = new Map(view.state.countries.map((c) => [c.code, c.colour]));
  for (const path of document.querySelectorAll("#map path.country")) {
    const code = path.getAttribute("data-code");
    path.style.fill = colours.get(code) || "";
    path.classList.toggle("selected", code === view.country);
  }
}

// ------------------------------------------------------------------------------------------- dossier

async function openDossier(code, focus) {
  if (code !== view.country) view.stops = [];
  const query = [];
  if (view.stops.length) query.push(`stops=${view.stops.map(encodeURIComponent).join(",")}`);
  if (view.editing) query.push(`editing=${view.editing.index}`);
  const stops = query.length ? `?${query.join("&")}` : "";
  const answer = await api("GET", `/api/dossier/${encodeURIComponent(code)}${stops}`);
  if (!answer.ok && view.editing) {
    stopEditing(answer.data.error); // the order went (taken back, the week moved on)
    return;
  }
  if (!answer.ok) {
    say(answer.data.error);
    return;
  }
  view.country = code;
  view.dossier = answer.data;
  const kinds = [...new Set(answer.data.offers.map((o) => o.by))];
  const edited = view.editing && answer.data.offers.find((o) => sameOrder(o.order, view.editing.order));
  if (edited && view.editing.fresh) view.kind = edited.by; // changing an order opens on its own tab
  if (view.editing) view.editing.fresh = false;
  if (!kinds.includes(view.kind)) view.kind = kinds[0] || null;
  renderDossier();
  renderMapColours();
  renderCountries();
  if (focus) document.getElementById("dossier-title").focus();
}

function renderDossier() {
  const d = view.dossier;
  const title = document.getElementById("dossier-title");
  title.textContent = d.name;
  title.tabIndex = -1;
  const groups = d.groups.length ? ` · ${d.groups.join(", ")}` : "";
  document.getElementById("dossier-meta").textContent = `${d.meta}${groups}`;
  const tabs = document.getElementById("kinds");
  tabs.replaceChildren();
  const kinds = [...new Set(d.offers.map((o) => o.by))];
  for (const kind of kinds) {
    const any = d.offers.some((o) => o.by === kind && o.legal);
    const tab = el("button", {
      type: "button",
      role: "tab",
      class: any ? "kind" : "kind refused",
      text: kind,
      "aria-selected": String(kind === view.kind),
      onclick: () => {
        view.kind = kind;
        renderDossier();
      },
    });
    tabs.append(tab);
  }
  renderStops(d);
  const list = document.getElementById("offers");
  list.replaceChildren();
  if (!d.offers.length) list.append(el("li", { class: "empty", text: "No orders to give here now." }));
  const s = view.state;
  const shown = d.offers.filter((o) => o.by === view.kind);
  // A reason shared by several topics (a group this side cannot convene, a deputy who is busy) is said once,
  // above them; a topic refused for another reason keeps its own line.
  const counts = new Map();
  for (const o of shown) if (!o.legal) counts.set(o.reason, (counts.get(o.reason) || 0) + 1);
  let common = null;
  for (const [reason, count] of counts) if (count > 1 && (!common || count > counts.get(common))) common = reason;
  const kindReason = document.getElementById("kind-reason");
  kindReason.hidden = !common;
  kindReason.textContent = common || "";
  renderEditing();
  for (const offer of shown) {
    const verb = view.editing ? "Change to" : "Add";
    const button = el("button", {
      type: "button",
      class: "offer",
      text: offer.topic,
      "aria-label": offer.legal ? `${verb}: ${offer.words}` : `${offer.words}: ${offer.reason}`,
      onclick: () => (view.editing ? changeOrder(offer.order) : addOrder(offer.order)),
    });
    button.disabled = !offer.legal || s.ready || s.class.status !== "open";
    const item = el("li", { class: offer.legal ? "legal" : "refused" }, button);
    if (offer.standing && !view.editing) standingControl(item, offer);
    if (!offer.legal && offer.reason !== common) item.append(el("span", { class: "reason", text: offer.reason }));
    list.append(item);
  }
}

function renderStops(d) {
  // A trip: the first capital is the dossier's country; each ticked capital of its region is a further stop.
  const box = document.getElementById("stops");
  box.replaceChildren();
  box.hidden = view.kind !== "Visit" || !d.stops.length || d.max_stops < 2;
  if (box.hidden) return;
  box.append(el("legend", { text: `Go on to (a trip has at most ${d.max_stops} capitals)` }));
  for (const stop of d.stops) {
    const id = `stop-${stop.code}`;
    const input = el("input", { type: "checkbox", id, value: stop.code });
    input.checked = stop.selected;
    input.addEventListener("change", () => {
      view.stops = input.checked ? [...view.stops, stop.code] : view.stops.filter((c) => c !== stop.code);
      openDossier(view.country, false);
    });
    box.append(el("label", { for: id, class: "stop" }, input, el("span", { text: stop.name })));
  }
}

// ------------------------------------------------------------------------------------------- orders

async function addOrder(order) {
  const answer = await api("POST", "/api/orders", { order, week: view.state.week });
  if (answer.ok && order.kind === "visit") view.stops = []; // the next trip starts afresh
  await afterChange(answer);
}

async function takeBack(index) {
  const answer = await api("DELETE", `/api/orders/${index}?week=${view.state.week}`);
  await afterChange(answer);
}

async function escalate(id, raised) {
  const answer = await api("POST", "/api/escalations", { escalation: id, raised, week: view.state.week });
  await afterChange(answer);
}

async function toggleReady() {
  const answer = await api("POST", "/api/ready", { ready: !view.state.ready, week: view.state.week });
  await afterChange(answer);
}

async function afterChange(answer) {
  if (view.editing && answer.ok && view.state.week !== answer.data.week) view.editing = null;
  if (!answer.ok) {
    say(answer.data.error);
    await refresh();
    return;
  }
  say("");
  const weekChanged = view.state.week !== answer.data.week;
  view.state = answer.data;
  render();
  if (view.country) await openDossier(view.country, false);
  if (weekChanged) document.getElementById("report-title").focus();
}

// ------------------------------------------------------------------------------------------- the week's plan
// Standing instructions, "repeat last week" and changing a queued order: the server's drafting model decides
// what may be done, and a refusal comes back in the engine's words.

function planControls(item, p) {
  // A pending order's own controls after "Take back": change it in place, move it up or down the plan.
  const s = view.state;
  const info = (s.plan && s.plan.orders[p.index]) || {};
  const closed = s.ready || s.class.status !== "open";
  const words = item.firstChild;
  if (info.standing) words.append(el("span", { class: "tag", text: " standing" }));
  const editing = view.editing && view.editing.index === p.index;
  if (editing) item.classList.add("editing");
  const change = el("button", {
    type: "button",
    class: "change",
    text: editing ? "Changing…" : "Change",
    "aria-pressed": String(Boolean(editing)),
    "aria-label": `Change: ${p.words}`,
    onclick: () => (editing ? stopEditing("") : startEditing(p, info.dossier)),
  });
  const up = el("button", { type: "button", class: "move", text: "↑", "aria-label": `Move up: ${p.words}` });
  const down = el("button", { type: "button", class: "move", text: "↓", "aria-label": `Move down: ${p.words}` });
  up.addEventListener("click", () => moveOrder(p.index, p.index - 1));
  down.addEventListener("click", () => moveOrder(p.index, p.index + 1));
  for (const b of [change, up, down]) b.disabled = closed;
  up.disabled = closed || p.index === 0;
  down.disabled = closed || p.index === s.pending.length - 1;
  const undo = item.lastChild;
  item.replaceChildren(words, el("span", { class: "order-controls" }, change, up, down, undo));
}

function renderPlan() {
  const s = view.state;
  const plan = s.plan;
  const closed = s.ready || s.class.status !== "open";
  const repeat = document.getElementById("repeat");
  repeat.disabled = closed || Boolean(plan.repeat_reason);
  repeat.title = plan.repeat_reason || "Queue last week's orders again where the rules still allow them";
  document.getElementById("repeat-reason").textContent = plan.repeat_reason && !s.over ? plan.repeat_reason : "";
  if (view.notesWeek !== s.week) view.notes = [];
  const notes = document.getElementById("plan-notes");
  notes.replaceChildren();
  for (const n of [...view.notes, ...plan.skipped]) {
    notes.append(el("li", {}, el("span", { text: `${n.words}: ` }), el("span", { class: "reason", text: n.reason })));
  }
  const box = document.getElementById("standing-box");
  const list = document.getElementById("standing");
  list.replaceChildren();
  for (const st of plan.standing) {
    const end = el("button", {
      type: "button",
      class: "undo",
      text: "End",
      "aria-label": `End the standing instruction: ${st.words}`,
      onclick: () => endStanding(st.deputy),
    });
    end.disabled = closed;
    list.append(el("li", {}, el("span", { text: st.words }), end));
  }
  if (!plan.standing.length) {
    list.append(el("li", { class: "empty", text: "None. On a deputy's tab in a dossier, “Every week” makes one." }));
  }
  box.hidden = s.over;
  // The order being changed went (taken back, moved, the week resolved): stop changing it.
  const still = view.editing && s.pending.find((p) => p.index === view.editing.index);
  if (view.editing && (!still || !sameOrder(still.order, view.editing.order) || view.editing.week !== s.week)) {
    view.editing = null;
    renderPending();
  }
}

function renderEditing() {
  const banner = document.getElementById("editing");
  banner.hidden = !view.editing;
  if (!view.editing) return;
  document.getElementById("editing-words").textContent =
    `Changing order ${view.editing.index + 1} (${view.editing.words}): choose what it becomes.`;
}

function standingControl(item, offer) {
  // A deputy's call on this capital and topic, every week: the deputy's standing instruction.
  const s = view.state;
  const label = offer.standing.on ? "Stop every week" : "Every week";
  const button = el("button", {
    type: "button",
    class: "every-week",
    text: label,
    "aria-pressed": String(offer.standing.on),
    "aria-label": offer.standing.problem
      ? `${label}: ${offer.standing.problem}`
      : `${label}: ${offer.words}${offer.standing.on ? "" : ", every week"}`,
    onclick: () => makeStanding(offer.order),
  });
  button.disabled = Boolean(offer.standing.problem) || s.ready || s.class.status !== "open";
  const row = el("span", { class: "offer-row" }, item.firstChild, button);
  item.prepend(row);
}

function sameOrder(a, b) {
  const fields = ["kind", "topic", "group", "deputy"];
  return fields.every((f) => (a[f] ?? null) === (b[f] ?? null)) && a.targets.join() === b.targets.join();
}

async function startEditing(p, dossier) {
  view.editing = { index: p.index, words: p.words, order: p.order, week: view.state.week, fresh: true };
  const code = dossier || "talks";
  view.country = code; // set first, so that opening the dossier keeps the trip's stops set here
  view.stops = p.order.kind === "visit" ? p.order.targets.slice(1) : [];
  renderPending();
  await openDossier(code, true);
}

function stopEditing(text) {
  view.editing = null;
  view.stops = [];
  say(text);
  renderPending();
  if (view.country) openDossier(view.country, false);
}

async function changeOrder(order) {
  const index = view.editing.index;
  const answer = await api("PUT", `/api/orders/${index}`, { order, week: view.state.week });
  if (answer.ok) {
    view.editing = null;
    view.stops = [];
  }
  await afterChange(answer);
  if (answer.ok) document.querySelectorAll("#pending .change")[index]?.focus();
}

async function moveOrder(index, to) {
  if (view.editing) view.editing = null;
  const answer = await api("POST", `/api/orders/${index}/move`, { to, week: view.state.week });
  await afterChange(answer);
  if (!answer.ok) return;
  const moved = document.querySelectorAll("#pending li")[to];
  const arrow = to > index ? "↓" : "↑";
  const button = moved && [...moved.querySelectorAll(".move")].find((b) => !b.disabled && b.textContent === arrow);
  (button || moved?.querySelector(".change"))?.focus();
}

async function repeatLastWeek() {
  view.editing = null;
  const answer = await api("POST", "/api/repeat", { week: view.state.week });
  await afterChange(answer);
  if (!answer.ok) return;
  const r = answer.data.repeated;
  view.notes = r.skipped.map((n) => ({ words: `Not repeated, ${n.words}`, reason: n.reason }));
  view.notesWeek = answer.data.week;
  renderPlan();
  const left = r.skipped.length ? `; ${r.skipped.length} not allowed now (listed under the plan)` : "";
  tell(`Repeated ${r.added.length} of last week's orders${left}`);
}

async function makeStanding(order) {
  const body = { deputy: order.deputy, country: order.targets[0], topic: order.topic, week: view.state.week };
  const answer = await api("POST", "/api/standing", body);
  await afterChange(answer);
  if (answer.ok) tell(answer.data.said);
}

async function endStanding(deputy) {
  const answer = await api("DELETE", `/api/standing/${encodeURIComponent(deputy)}?week=${view.state.week}`);
  await afterChange(answer);
}

// ------------------------------------------------------------------------------------------- live

const refreshSoon = coalesced(() => refresh());

function connect() {
  if (view.socket) return;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(`${scheme}//${location.host}/ws`);
  view.socket = socket;
  socket.addEventListener("open", () => {
    view.retry = 1000;
  });
  socket.addEventListener("message", (event) => {
    let notice = null;
    try {
      notice = JSON.parse(event.data).notice;
    } catch (err) {
      return;
    }
    if (notice === "class" || notice === "week") refreshSoon();
  });
  socket.addEventListener("close", () => {
    view.socket = null;
    // The server restarted or the network dropped: try again, more slowly each time.
    setTimeout(connect, view.retry);
    view.retry = Math.min(view.retry * 2, 30000);
  });
}

document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("join-form").addEventListener("submit", join);
  document.getElementById("join-code").addEventListener("input", loadSeats);
  document.getElementById("ready").addEventListener("click", toggleReady);
  document.getElementById("repeat").addEventListener("click", repeatLastWeek);
  document.getElementById("editing-cancel").addEventListener("click", () => stopEditing(""));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && view.editing) stopEditing("");
  });
  document.getElementById("report-title").tabIndex = -1;
  await loadMap();
  await refresh();
  if (view.state) connect();
});
