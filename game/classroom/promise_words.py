"""Promises in words: what a promise obliges the side to do and by when, the promises a side owes, and what the
week did with them (made, kept, broken).  Shared by the window (the dossier's preview, the orders box, the turn
report, the news, the debrief) and the printed report, so that they never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Kind, PromiseSpec, Rules, Sheet, State
from game.session import Session, Week


def _spec(rules: Rules, promise: int) -> PromiseSpec:
    return rules.promises[promise]


def _or_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def keep_text(rules: Rules, promise: int, country: int) -> str:
    """What keeps the promise: "call Poland on Security guarantees again", "talk Energy supply with Kuwait, Saudi
    Arabia or UAE"."""
    spec = _spec(rules, promise)
    topic = rules.labels.topics[spec.keep_topic]
    if spec.keep_in:
        return f"talk {topic} with {_or_list([rules.labels.countries[c] for c in spec.keep_in])}"
    return f"call {rules.labels.countries[country]} on {topic} again"


def week_word(due: int) -> str:
    return f"week {due + 1}"


def obligation(rules: Rules, promise: int, country: int, due: int) -> str:
    """ "due by week 3: call Poland on Security guarantees again, or −4" (a promise made, or owed)."""
    spec = _spec(rules, promise)
    return f"due by {week_word(due)}: {keep_text(rules, promise, country)}, or −{spec.broken_shift:g}"


def breaking_costs(rules: Rules, promise: int) -> str:
    """ "−4 there, and your calls there land at 65% for 3 weeks"."""
    spec = _spec(rules, promise)
    text = f"−{spec.broken_shift:g} there"
    if spec.mistrust > 0 and spec.mistrust_weeks > 0:
        weeks = "week" if spec.mistrust_weeks == 1 else f"{spec.mistrust_weeks} weeks"
        text += f", and your contacts there land at {100 * (1 - spec.mistrust):.0f}% for {weeks}"
    return text


@dataclass(frozen=True)
class OpenPromise:
    promise: int
    country: int
    due: int  # the week (0-based) it falls due
    name: str  # what was promised
    to: str  # the capital it was made to
    kept_by_plan: bool  # the side's pending sheet keeps it this week

    def due_in(self, turn: int) -> int:
        """Weeks left after this one to keep it (0: this week is the last)."""
        return self.due - turn


def keeps(rules: Rules, sheet: Sheet, promise: int, country: int) -> bool:
    """Does an order of ``sheet`` keep the promise (a call, visit or deputy's call on its topic, where it names)?"""
    spec = _spec(rules, promise)
    where = spec.keep_in or (country,)
    for order in sheet.orders:
        if order.kind in (Kind.MULTILATERAL, Kind.ENGAGE) or order.topic != spec.keep_topic:
            continue
        if any(c in where for c in order.targets):
            return True
    return False


def open_promises(rules: Rules, state: State, actor: int, sheet: Sheet | None = None) -> list[OpenPromise]:
    """The promises ``actor`` owes, soonest due first; ``kept_by_plan`` says whether ``sheet`` keeps each."""
    due = state.promise_due
    if due.shape[1] != len(rules.promises):
        return []
    out = []
    for spec in rules.promises:
        if spec.actor != actor:
            continue
        for c in range(rules.n_countries):
            week = int(due[0, spec.index, c])
            if week >= 0:
                kept = sheet is not None and keeps(rules, sheet, spec.index, c)
                out.append(
                    OpenPromise(spec.index, c, week, rules.labels.promises[spec.index], rules.labels.countries[c], kept)
                )
    out.sort(key=lambda p: (p.due, p.to, p.promise))
    return out


def owed_line(rules: Rules, owed: OpenPromise, turn: int) -> str:
    """One promise owed, for the orders box, what to do first (the promise's name is in its tooltip): "Owed to
    Poland: a call on Security guarantees this week, or −4" ("... (your plan keeps it)")."""
    when = "this week" if owed.due <= turn else f"by {week_word(owed.due)}"
    spec = _spec(rules, owed.promise)
    what = (
        keep_text(rules, owed.promise, owed.country)
        if spec.keep_in
        else f"a call on {rules.labels.topics[spec.keep_topic]}"
    )
    text = f"Owed to {owed.to}: {what} {when}"
    if owed.kept_by_plan:
        return text + " (your plan keeps it)"
    return text + f", or −{_spec(rules, owed.promise).broken_shift:g}"


def _whose(session: Session, actor: int) -> str:
    if actor == session.player and not session.two_sided:
        return "You"
    return session.rules.labels.actors[actor]


def promise_news(session: Session, week: Week) -> list[tuple[str, str]]:
    """What the week did with promises, in words, each with its tone ("good", "bad", "note"): broken first,
    then kept, then made."""
    rules = session.rules
    out: list[tuple[str, str]] = []
    order = {"broken": 0, "kept": 1, "made": 2}
    for outcome in sorted(week.record.promises, key=lambda o: (order[o.status], o.country, o.promise)):
        spec = _spec(rules, outcome.promise)
        who = _whose(session, spec.actor)
        name, where = rules.labels.promises[outcome.promise], rules.labels.countries[outcome.country]
        mine = spec.actor == session.player
        if outcome.status == "broken":
            text = f"{who} broke the promise to {where} ({name}): {breaking_costs(rules, outcome.promise)}"
            out.append((text, "bad" if mine else "good"))
        elif outcome.status == "kept":
            text = f"{who} kept the promise to {where} ({name}): +{spec.kept_shift:g} there"
            out.append((text, "good" if mine else "bad"))
        else:
            text = f"{who} promised {where} {name}, {obligation(rules, outcome.promise, outcome.country, outcome.due)}"
            out.append((text, "note"))
    return out


def promise_tally(session: Session, actor: int) -> tuple[int, int, int]:
    """(made, kept, broken) of ``actor``'s promises over the weeks played (the debrief's line)."""
    made = kept = broken = 0
    for week in session.weeks:
        for outcome in week.record.promises:
            if _spec(session.rules, outcome.promise).actor != actor:
                continue
            made += outcome.status == "made"
            kept += outcome.status == "kept"
            broken += outcome.status == "broken"
    return made, kept, broken


def tally_text(session: Session, actor: int) -> str:
    """ "Promises: 4 made, 3 kept, 1 broken (to Poland in week 5)", or "" when the side made none."""
    made, kept, broken = promise_tally(session, actor)
    if not made:
        return ""
    text = f"Promises: {made} made, {kept} kept, {broken} broken"
    where = [
        f"{session.rules.labels.countries[o.country]} in {week_word(w.record.turn)}"
        for w in session.weeks
        for o in w.record.promises
        if o.status == "broken" and _spec(session.rules, o.promise).actor == actor
    ]
    if where:
        text += " (" + "; ".join(where[:4]) + ("; …" if len(where) > 4 else "") + ")"
    still = len(open_promises(session.rules, session.state, actor))
    if still:
        text += f"; {still} still open"
    return text
