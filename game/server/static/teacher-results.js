// The end of the class on the teacher's page: once the class has ended, its results - the class view, the
// gradebook, each game's report and replay, and a zip of everything - made by the code of
// `python -m game report --class`. Asking for them with the key (in the X-Teacher-Key header) also gives this
// browser the results cookie, so the pages open as pages and the files download by plain links: the key is
// never in an address. Names are other people's text: textContent only.
"use strict";

const results = { loaded: false, loading: false };

function resultsLink(base, path) {
  return base + path.split("/").map(encodeURIComponent).join("/");
}

function playersText(players) {
  if (players.length === 1) return players[0].name || "(nobody)";
  return players.map((p) => `${p.name || "(nobody joined)"} (${p.side})`).join(" vs ");
}

function resultText(g, weeks) {
  if (!g.graded) {
    const why = g.left_out || "could not be graded";
    return `Left out: ${why}`;
  }
  const score = `${g.score.toFixed(1)} · ${g.outcome}`;
  const won = g.winner ? ` · ${g.winner} won` : "";
  if (!g.finished) return `Unfinished: ${g.weeks_played} of ${weeks} weeks played · stood at ${score}`;
  return `#${g.rank} · ${score}${won}`;
}

function resultsLinkCell(href, text, label, download) {
  const td = document.createElement("td");
  if (!href) {
    td.textContent = "—";
    return td;
  }
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  a.setAttribute("aria-label", label);
  if (download) a.setAttribute("download", "");
  else {
    a.target = "_blank";
    a.rel = "noopener";
  }
  td.append(a);
  return td;
}

function renderResults(r) {
  document.getElementById("results-summary").textContent = r.summary;
  const base = r.base;
  const links = document.getElementById("results-links");
  links.hidden = !r.class_view;
  if (r.class_view) {
    document.getElementById("results-class").href = resultsLink(base, r.class_view);
    document.getElementById("results-csv").href = resultsLink(base, r.gradebook);
  }
  const zip = document.getElementById("results-zip");
  zip.href = resultsLink(base, r.zip);
  zip.setAttribute("download", r.zip_name);
  const notes = document.getElementById("results-notes");
  notes.replaceChildren();
  const kept = document.getElementById("results-kept");
  kept.textContent = r.kept ? `A copy of the zip is kept on this computer: ${r.kept}` : r.kept_problem || "";
  for (const note of r.notes) {
    const li = document.createElement("li");
    li.textContent = note;
    notes.append(li);
  }
  const body = document.getElementById("results-games");
  body.replaceChildren();
  for (const g of r.games) {
    const who = playersText(g.players);
    const row = document.createElement("tr");
    if (!g.graded || !g.finished) row.className = g.graded ? "unfinished" : "left-out";
    row.append(
      cell(String(g.game)),
      cell(who),
      cell(resultText(g, r.weeks)),
      resultsLinkCell(g.report && resultsLink(base, g.report), "Open report", `Open the report of ${who}`, false),
      resultsLinkCell(resultsLink(base, g.replay), "Download replay", `Download the replay of ${who}`, true),
    );
    body.append(row);
  }
  document.getElementById("results-table").hidden = !r.games.length;
}

async function loadResults() {
  if (results.loaded || results.loading) return;
  results.loading = true;
  const summary = document.getElementById("results-summary");
  summary.textContent = "Making the class view, the gradebook and every student's report…";
  const answer = await call("GET", "/api/teacher/results");
  results.loading = false;
  if (!answer.ok) {
    summary.textContent = `The results could not be made: ${answer.data.error}`;
    return;
  }
  results.loaded = true;
  renderResults(answer.data);
}

document.addEventListener("teacher-view", (event) => {
  const ended = event.detail.class.status === "ended";
  document.getElementById("results").hidden = !ended;
  document.querySelector(".teacher-columns").classList.toggle("class-ended", ended);
  if (ended) loadResults();
});
