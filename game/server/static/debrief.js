// The end of a student's game: the debrief the desktop shows when the crisis resolves (score, tier, against the
// historical playbook on the same dice, who won, the end positions and commitments, what moved and why), and a
// link to the printable after-action report. All of it comes from the server's classroom code; every text is put
// in with textContent.
"use strict";

const debrief = { shown: false, loading: false };

async function loadDebrief() {
  if (debrief.loading || debrief.shown) return;
  debrief.loading = true;
  const answer = await api("GET", "/api/debrief");
  debrief.loading = false;
  if (!answer.ok) {
    say(answer.data.error);
    return;
  }
  debrief.shown = true;
  renderDebrief(answer.data);
  document.getElementById("debrief-title").focus();
}

function cellText(value) {
  return `${value > 0 ? "+" : ""}${value.toFixed(0)}`;
}

function renderDebrief(d) {
  const section = document.getElementById("debrief");
  section.hidden = false;
  section.replaceChildren();
  section.append(el("p", { class: "kicker", text: d.resolves }));
  if (d.players) section.append(el("p", { class: "meta", text: `Played by ${d.players}` }));
  const result = el(
    "div",
    { class: "result" },
    el("h2", { id: "debrief-title", tabindex: "-1", text: d.tier }),
    el("span", { class: "score", text: `score ${d.score.toFixed(1)} / 100` }),
  );
  section.append(result);
  if (d.description) section.append(el("p", { class: "description", text: d.description }));
  const both = d.history.both ? " (both sides' playbooks)" : "";
  const box = el(
    "div",
    { class: "yardstick" },
    el("p", { class: "label", text: `History did${both}` }),
    el("p", { class: "big", text: `${d.history.tier} · ${d.history.score.toFixed(1)}` }),
  );
  for (const v of d.verdicts) box.append(el("p", { class: v.won ? "verdict won" : "verdict", text: v.line }));
  section.append(box);
  section.append(el("p", { class: "meta", text: d.game_line.join("  ·  ") }));
  section.append(
    el("p", {}, el("a", { href: "/report", target: "_blank", rel: "noopener", text: "Open the after-action report (printable)" })),
  );

  // The end positions: every country's start, end and the historical playbook's end, and each commitment.
  section.append(el("h3", { text: "Where the countries ended" }));
  const wrap = el("div", { class: "table-wrap" });
  const table = el("table", { class: "positions" });
  const head = el("tr", {}, el("th", { text: "Country" }), el("th", { class: "num", text: "Start" }));
  head.append(el("th", { class: "num", text: "End" }), el("th", { class: "num", text: "History" }));
  for (const rung of d.rungs) head.append(el("th", { class: "c", title: rung.meaning || "", text: rung.name }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const c of d.countries) {
    const row = el("tr", {}, el("td", { text: c.name }), el("td", { class: "num", text: cellText(c.start) }));
    row.append(el("td", { class: "num end", text: cellText(c.end) }), el("td", { class: "num", text: cellText(c.history) }));
    for (const cell of c.commitments) {
      const text = cell.differs ? `${cell.text} / ${cell.history}` : cell.text;
      row.append(el("td", { class: cell.differs ? "c differs" : "c", text }));
    }
    body.append(row);
  }
  table.append(body);
  wrap.append(table);
  section.append(wrap);
  section.append(el("p", { class: "meta", text: "A shaded cell differs from the historical playbook's (after the slash); — the commitment is not open to that country." }));
  for (const line of d.blocs) section.append(el("p", { text: line }));
  if (d.tracks.length) {
    section.append(el("h3", { text: "Crisis tracks" }));
    const tracks = el("ul", { class: "tracks" });
    for (const t of d.tracks) {
      const goal = t.goal === null ? "" : ` · goal ${t.goal}: ${t.reached ? "reached" : "not reached"}`;
      tracks.append(el("li", { text: `${t.name}: ${t.start} → ${t.end} (history ${t.history})${goal}` }));
    }
    section.append(tracks);
  }

  // What moved and why, over the weeks played: each cause's share and the biggest single causes.
  section.append(el("h3", { text: "What moved and why" }));
  const movers = el("ul", { class: "movers" });
  for (const m of d.movers) {
    const item = el("li", {}, el("strong", { text: `${m.name} ${m.change} (${cellText(m.start)} → ${cellText(m.end)})` }));
    if (m.by.length) item.append(el("span", { text: `: ${m.by.join(", ")}` }));
    const causes = el("ul", { class: "causes" });
    for (const text of m.biggest) causes.append(el("li", { text }));
    item.append(causes);
    movers.append(item);
  }
  if (!d.movers.length) movers.append(el("li", { class: "meta", text: "Nothing moved in the weeks you played." }));
  section.append(movers);
}

document.addEventListener("ftz:state", (event) => {
  const s = event.detail;
  if (s.over) loadDebrief();
  else if (debrief.shown) {
    debrief.shown = false; // a new game for this seat: the old debrief goes
    document.getElementById("debrief").hidden = true;
  }
});
