// "Ask your staff" on the student's page, when the teacher allows it (the state's staff.mode: on, limited, off).
// The staff's suggestions come from the server (the desktop's advisor, asked the same way); each can be added
// with its button or its number key, and the server counts it as the desktop does. Every text is put in with
// textContent. Uses student.js's el, api, afterChange and view (classic scripts share one global scope).
"use strict";

const staff = {
  open: false, // the panel shows the advice (or the staff at work)
  busy: false, // a question is on its way
  again: false, // the orders changed while the staff worked: ask once more when the answer comes
  answer: null, // the server's last answer
  plan: null, // the week and orders the answer is for (as the page saw them)
  error: "",
};

function staffPlan(s) {
  return JSON.stringify([s.week, s.pending.map((p) => p.order), s.escalations.map((e) => e.raised), s.ready]);
}

function staffAllowed(s) {
  return s && s.staff && s.staff.mode !== "off" && !s.over && s.seat && s.class.status !== "ended";
}

async function askStaff() {
  const s = view.state;
  if (!staffAllowed(s)) return;
  staff.open = true;
  if (staff.busy) {
    staff.again = true;
    return;
  }
  staff.busy = true;
  staff.error = "";
  renderStaff();
  const plan = staffPlan(s);
  const answer = await api("GET", "/api/staff");
  staff.busy = false;
  if (answer.ok) {
    staff.answer = answer.data;
    staff.plan = plan;
  } else {
    staff.answer = null;
    staff.error = answer.data.error;
  }
  if (staff.again) {
    staff.again = false;
    if (view.state && staffPlan(view.state) !== plan) {
      askStaff();
      return;
    }
  }
  renderStaff();
}

function closeStaff() {
  staff.open = false;
  renderStaff();
  const ask = document.getElementById("staff-ask");
  if (ask) ask.focus();
}

async function addSuggestion(index) {
  const a = staff.answer;
  if (!a || staff.busy) return;
  const item = a.suggestions[index];
  if (!item || !item.can_add) return;
  const answer = await api("POST", "/api/staff/orders", { suggestion: index, question: a.question, week: a.week });
  await afterChange(answer); // re-renders the state; the plan changed, so the staff answers again (below)
  if (answer.ok) {
    const left = answer.data.staff.left;
    const more = left === null ? "" : ` · ${left} staff suggestion${left === 1 ? "" : "s"} left this week`;
    say(`Queued from your staff: ${item.words}${more}`);
  }
}

function onStaffState(event) {
  const s = event.detail;
  const section = document.getElementById("staff");
  if (!staffAllowed(s)) {
    // The teacher turned the staff off (or the game is over): no control at all.
    section.hidden = true;
    section.replaceChildren();
    staff.open = false;
    staff.answer = null;
    return;
  }
  if (staff.answer && staff.answer.week !== s.week) {
    staff.answer = null; // last week's advice is no help
    staff.open = false;
  }
  if (staff.open && staff.answer && staffPlan(s) !== staff.plan) {
    askStaff(); // the orders changed under the advice: the staff answers for the plan as it is now
    return;
  }
  renderStaff();
}

function renderStaff() {
  const s = view.state;
  const section = document.getElementById("staff");
  if (!staffAllowed(s)) return;
  section.hidden = false;
  section.replaceChildren();
  const head = el("div", { class: "staff-head" }, el("h2", { id: "staff-title", tabindex: "-1", text: "Your staff advises" }));
  if (staff.open) {
    head.append(
      el("button", { type: "button", class: "ghost", text: "Close", "aria-label": "Close the advice", onclick: closeStaff }),
    );
  }
  section.append(head);
  if (s.staff.limit_words) {
    section.append(el("p", { class: s.staff.left === 0 ? "staff-limit spent" : "staff-limit", text: s.staff.limit_words }));
  }
  if (!staff.open || (!staff.answer && !staff.busy)) {
    section.append(
      el("p", {
        class: "meta",
        text:
          "Your staff can suggest the next orders worth giving this week, each with its reason. They take a " +
          "moment: they play the rest of the crisis out for each option.",
      }),
    );
    const ask = el("button", {
      type: "button",
      id: "staff-ask",
      class: "primary",
      text: "Ask your staff (A)",
      "aria-keyshortcuts": "A",
      onclick: askStaff,
    });
    ask.disabled = s.class.status !== "open";
    section.append(ask);
    if (staff.error) section.append(el("p", { class: "reason", role: "alert", text: staff.error }));
    return;
  }
  if (staff.busy) {
    section.append(el("p", { class: "thinking", role: "status", text: "Your staff is thinking…" }));
    return;
  }
  const a = staff.answer;
  section.append(el("p", { class: "meta", text: `${a.side} · week ${a.week + 1}${a.after ? " · " + a.after : ""}` }));
  if (!a.suggestions.length) section.append(el("p", { class: "meta", text: a.nothing }));
  const list = el("ol", { class: "suggestions" });
  for (const item of a.suggestions) {
    let label = "Add";
    let tip = `Add: ${item.words}`;
    if (item.added) {
      label = "Added";
      tip = "In this week's orders (Take back in the list removes it)";
    } else if (item.refused) tip = item.refused;
    else if (a.refused) tip = `${a.refused}; you may still give it yourself`;
    else if (s.ready) tip = "Your orders are in: take back Ready to change them";
    const key = item.index < 9 ? String(item.index + 1) : "";
    const add = el("button", {
      type: "button",
      class: item.can_add ? "primary add" : "add",
      text: key && item.can_add ? `${label} (${key})` : label,
      title: tip,
      "aria-label": `${label}: ${item.words}`,
      onclick: () => addSuggestion(item.index),
    });
    if (key) add.setAttribute("aria-keyshortcuts", key);
    add.disabled = !item.can_add;
    const card = el(
      "li",
      { class: item.added ? "suggestion added" : "suggestion" },
      el("div", { class: "suggestion-head" }, el("strong", { text: item.words }), add),
      el("p", { class: "why", text: item.reason }),
    );
    if (item.refused) card.append(el("p", { class: "reason", text: `Not now: ${item.refused}` }));
    else if (item.worth) card.append(el("p", { class: "worth", text: item.worth }));
    list.append(card);
  }
  section.append(list);
  if (a.refused && a.suggestions.length) section.append(el("p", { class: "reason", text: `Not from the staff: ${a.refused}.` }));
  section.append(el("p", { class: "how", text: `${a.how} Keys: A asks (again: closes), 1–9 add that suggestion.` }));
}

function onStaffKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
  const s = view.state;
  if (!staffAllowed(s) || document.getElementById("game-view").hidden) return;
  if (event.key === "a" || event.key === "A") {
    event.preventDefault();
    if (staff.open && staff.answer && !staff.busy) closeStaff();
    else askStaff().then(() => document.getElementById("staff-title")?.focus());
    return;
  }
  if (staff.open && staff.answer && !staff.busy && /^[1-9]$/.test(event.key)) {
    event.preventDefault();
    addSuggestion(Number(event.key) - 1);
  }
}

document.addEventListener("ftz:state", onStaffState);
document.addEventListener("keydown", onStaffKey);
