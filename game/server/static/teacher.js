// The teacher's page: who has joined, who is ready, each game's week and standing; pause, timer, end.
// The key comes from the address's #fragment (never sent in a URL) and goes in the X-Teacher-Key header.
// Student names are other people's text: they go in with textContent only.
"use strict";

const teacher = { key: new URLSearchParams(location.hash.slice(1)).get("key") || "", view: null, socket: null };

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function call(method, path, body) {
  const options = { method, headers: { "x-teacher-key": teacher.key } };
  if (body !== undefined) {
    options.headers["content-type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  try {
    let response = await fetch(path, options);
    // Refused before it changed anything (the teacher's laptop shares its address's budget): asked again.
    for (let attempt = 0; response.status === 429 && attempt < 4; attempt++) {
      const wait = Math.min(Number(response.headers.get("retry-after")) || 1, 5);
      await new Promise((done) => setTimeout(done, wait * 1000));
      response = await fetch(path, options);
    }
    const data = await response.json();
    return { ok: response.ok, data };
  } catch (err) {
    return { ok: false, data: { error: "the class server cannot be reached" } };
  }
}

function say(text) {
  document.getElementById("message").textContent = text || "";
}

async function refresh() {
  const answer = await call("GET", "/api/teacher/class");
  if (!answer.ok) {
    say(answer.data.error);
    return;
  }
  teacher.view = answer.data;
  render();
}

const refreshSoon = coalesced(() => refresh(), 500);

function sideText(side) {
  if (!side.human) return "bot";
  if (!side.player) return "(waiting for a student)";
  return `${side.player}${side.ready ? " ✓ ready" : ""}`;
}

// A side played by a team: one line per role - who plays it and whether they are ready (or that it is free).
function sideCell(side, over) {
  if (!(teacher.view.team > 1) || !side.human || !side.team || !side.team.length) return cell(sideText(side));
  const td = document.createElement("td");
  const list = document.createElement("ul");
  list.className = "side-team";
  for (const member of side.team) {
    const item = document.createElement("li");
    if (member.name === null) {
      item.className = "free";
      item.textContent = `${member.label}: free`;
    } else {
      const name = document.createElement("strong");
      name.textContent = member.name;
      const flag = document.createElement("span");
      flag.className = member.ready ? "flag ready" : "flag";
      flag.textContent = over ? "" : member.ready ? " ✓ ready" : " not ready";
      item.append(name, ` · ${member.label}`, flag);
    }
    list.append(item);
  }
  td.append(list);
  return td;
}

function render() {
  const v = teacher.view;
  document.getElementById("class-name").textContent = `${v.class.name} · ${v.title || v.scenario}`;
  const words = { open: "Playing", paused: "Paused", ended: "Ended" };
  const teams = v.team > 1 ? ` · teams of up to ${v.team}` : "";
  document.getElementById("class-status").textContent = `${words[v.class.status]} · ${v.seats.length} students${teams}`;
  document.getElementById("class-code").textContent = v.class.code;
  document.getElementById("student-address").textContent = v.student_url;
  const pause = document.getElementById("pause");
  pause.textContent = v.class.status === "paused" ? "Resume" : "Pause";
  for (const id of ["pause", "resolve", "timer", "end"]) document.getElementById(id).disabled = v.class.status === "ended";
  const deadline = v.class.deadline ? new Date(v.class.deadline * 1000).toLocaleTimeString() : null;
  document.getElementById("deadline").textContent = deadline ? `The week ends at ${deadline}` : "No timer";
  const s = v.settings;
  document.getElementById("settings").textContent =
    `Rival ${s.two_sided ? "a student" : s.rival} · luck ${s.noise}${s.fog ? " · fog" : ""}` +
    `${s.turns ? ` · last ${s.turns} weeks` : ""}`;
  const body = document.getElementById("games");
  body.replaceChildren();
  for (const g of v.games) {
    const row = document.createElement("tr");
    row.append(
      cell(String(g.game)),
      sideCell(g.sides[0], g.over),
      sideCell(g.sides[1], g.over),
      cell(g.over ? "over" : `${g.week + 1} of ${g.weeks}`),
      cell(`${g.tier} · ${g.score.toFixed(1)}`),
    );
    body.append(row);
  }
  if (!v.games.length) {
    const row = document.createElement("tr");
    const td = cell("Nobody has joined yet.");
    td.colSpan = 5;
    row.append(td);
    body.append(row);
  }
  renderInjects(v);
  document.dispatchEvent(new CustomEvent("teacher-view", { detail: v })); // teacher-results.js listens
}

function injectStatus(item, gameCount) {
  if (!item.released) return "Not released";
  const parts = [`Released at ${new Date(item.released_at * 1000).toLocaleTimeString()}`];
  if (item.landed) parts.push(`landed in ${item.landed} of ${gameCount} games`);
  if (item.waiting) parts.push(`lands in ${item.waiting} when the week ends`);
  return parts.join(" · ");
}

function renderInjects(v) {
  const list = document.getElementById("injects");
  list.replaceChildren();
  document.getElementById("injects-panel").hidden = !v.injects.length;
  for (const item of v.injects) {
    const li = document.createElement("li");
    li.className = item.released ? "inject released" : "inject";
    const text = document.createElement("div");
    const head = document.createElement("strong");
    head.textContent = item.headline;
    text.append(head);
    for (const [words, className] of [[item.body, ""], [item.note, "meta note"], [item.source, "meta source"]]) {
      if (!words) continue;
      const p = document.createElement("p");
      p.textContent = words;
      if (className) p.className = className;
      text.append(p);
    }
    const status = document.createElement("p");
    status.className = "meta status-line";
    status.textContent = injectStatus(item, v.games.length);
    text.append(status);
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = item.released ? "Released" : "Release";
    button.disabled = item.released || v.class.status === "ended";
    button.setAttribute("aria-label", `Release: ${item.headline}`);
    button.addEventListener("click", () =>
      act("/api/teacher/injects", { inject: item.id }, `Release “${item.headline}” to every game? It lands when each game's week ends.`),
    );
    li.append(text, button);
    list.append(li);
  }
}

async function act(path, body, confirmText) {
  if (confirmText && !window.confirm(confirmText)) return;
  const answer = await call("POST", path, body);
  if (!answer.ok) {
    say(answer.data.error);
    return;
  }
  say("");
  teacher.view = answer.data;
  render();
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(`${scheme}//${location.host}/ws`);
  teacher.socket = socket;
  socket.addEventListener("open", () => socket.send(JSON.stringify({ key: teacher.key })));
  socket.addEventListener("message", () => refreshSoon());
  socket.addEventListener("close", () => setTimeout(connect, 3000));
}

document.addEventListener("DOMContentLoaded", async () => {
  document.getElementById("pause").addEventListener("click", () =>
    act("/api/teacher/status", { status: teacher.view.class.status === "paused" ? "open" : "paused" }),
  );
  document.getElementById("resolve").addEventListener("click", () =>
    act("/api/teacher/resolve", {}, "End this week in every game now, with the orders given so far?"),
  );
  document.getElementById("timer").addEventListener("click", () => {
    const minutes = Number(document.getElementById("timer-minutes").value);
    if (!Number.isFinite(minutes) || minutes < 0 || minutes > 240) {
      say("The timer is 0 to 240 minutes (0 clears it).");
      return;
    }
    act("/api/teacher/timer", { seconds: Math.round(minutes * 60) });
  });
  document.getElementById("end").addEventListener("click", () =>
    act("/api/teacher/status", { status: "ended" }, "End the class? Students can no longer give orders."),
  );
  if (!teacher.key) {
    say("Open the teacher's address that the host command printed (it ends with #key=...).");
    return;
  }
  await refresh();
  connect();
});
