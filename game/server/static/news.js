// The news feed on the student's page, as the desktop's feed under the map: promises kept and broken, then every
// event of the weeks played, newest first, each with its date ("this game" for a move a side raised, "what-if"
// for an event not in the sources), its story and its sources by title, outlet and date; and what the other
// side did last week. Fetched again after each week resolves. Every text is put in with textContent.
"use strict";

const news = { week: null, over: null, loading: false };

async function loadNews(s) {
  if (news.loading) return; // the answer on its way is checked against the state it finds (below)
  news.loading = true;
  const answer = await api("GET", "/api/news");
  news.loading = false;
  if (!answer.ok) return; // the feed waits for the next week; the page's own message says what is wrong
  news.week = answer.data.week;
  news.over = s.over;
  renderNews(answer.data);
  const now = view.state;
  if (now && (now.week !== news.week || now.over !== news.over)) loadNews(now);
}

function renderNews(feed) {
  const section = document.getElementById("news");
  section.hidden = false;
  section.replaceChildren(el("h2", { id: "news-title", text: "News" }));
  if (!feed.items.length) {
    section.append(
      el("p", {
        class: "meta",
        text: "Nothing has happened yet. Dated events of the crisis appear here as the weeks go by, each with its source.",
      }),
    );
  }
  const list = el("ul", { class: "feed" });
  for (const item of feed.items) {
    const when = el("span", { class: `when ${item.kind}`, text: item.when });
    const line = el("li", { class: `item ${item.kind} ${item.tone}`.trim() }, when);
    if (item.body || item.sources.length || item.note) {
      // The story and its source open under the headline (a phone has no hover).
      const details = el("details", {}, el("summary", { text: item.headline }));
      if (item.body) details.append(el("p", { text: item.body }));
      if (item.note) details.append(el("p", { class: "note", text: item.note }));
      for (const source of item.sources) details.append(el("p", { class: "source", text: `Source: ${source}` }));
      line.append(details);
    } else {
      line.append(el("span", { class: "headline", text: item.headline }));
    }
    list.append(line);
  }
  section.append(list);
  section.append(el("h3", { text: feed.moves_week ? `${feed.other}'s moves in week ${feed.moves_week}` : `${feed.other}'s moves` }));
  const moves = el("ul", { class: "moves" });
  if (!feed.moves_week) moves.append(el("li", { class: "meta", text: `${feed.other} has not moved yet.` }));
  else if (!feed.moves.length) moves.append(el("li", { class: "meta", text: "none" }));
  for (const m of feed.moves) {
    const item = el("li", {}, el("span", { text: m.words }));
    if (m.change !== null) item.append(el("strong", { class: "change", text: ` ${m.change}` }));
    moves.append(item);
  }
  section.append(moves);
}

document.addEventListener("ftz:state", (event) => {
  const s = event.detail;
  if (s.week !== news.week || s.over !== news.over) loadNews(s);
});
