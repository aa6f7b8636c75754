"""The game's records in words: what moved and why, in the player's terms, and the commitment ladder's words.
Shared by the window (the turn report, the map's feed, the debrief) and the printed reports, so that they never
disagree; it lives on the classroom floor, the lowest that uses it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine import Cause, CauseKind, Kind, Order, RungKind, Sheet, State, commitments, commitments_of
from game.session import Session, Week
from game.sim.settings import FOG_BANDS, fog_band, fog_delta


def signed(x: float, digits: int = 1) -> str:
    """``+4.2`` / ``−2.3`` with a real minus sign; a value that rounds to zero shows as ``±0.0``."""
    text = f"{abs(x):.{digits}f}"
    if float(text) == 0.0:
        return "±" + text
    return ("+" if x > 0 else "−") + text


def whose(session: Session, actor: int) -> str:
    # Two players read the same report: "your" would mean nobody, so each side is named.
    if actor == session.player and not session.two_sided:
        return "your"
    return possessive(session.rules.labels.actors[actor])


def possessive(name: str) -> str:
    """ "Moscow's", "Jake Sullivan's", but "Russian diplomats'" for a plural name."""
    return f"{name}'" if name.endswith("s") and not name.endswith("ss") else f"{name}'s"


def order_noun(session: Session, order: Order) -> str:
    """ "call", "visit", "Sherman's call", "NATO allies call"."""
    labels = session.rules.labels
    if order.kind == Kind.ENGAGE:
        other = labels.actors[session.rival if order.actor == session.player else session.player]
        if order.deputy >= 0:
            return f"deputy {possessive(labels.deputies[order.deputy])} talks with {other}"
        return f"talks with {other}"
    if order.kind == Kind.DEPUTY_CALL:
        return f"deputy {possessive(labels.deputies[order.deputy])} call"
    if order.kind == Kind.MULTILATERAL:
        return f"{labels.groups[order.group]} call"
    if order.kind == Kind.VISIT:
        return "visit" if len(order.targets) == 1 else f"{len(order.targets)}-capital trip"
    return "call"


def _sheet(sheets: tuple[Sheet, ...], actor: int) -> Sheet | None:
    for sheet in sheets:
        if sheet.actor == actor:
            return sheet
    return None


def cause_text(session: Session, week: Week, cause: Cause) -> str:
    """One cause of a move, e.g. "your call on Energy supply +5.1"."""
    rules = session.rules
    amount = signed(cause.delta)
    if cause.kind == CauseKind.CONTACT:
        sheet = _sheet(week.sheets, cause.actor)
        if sheet is not None and 0 <= cause.order < len(sheet.orders):
            order = sheet.orders[cause.order]
            topic = rules.labels.topics[order.topic]
            return f"{whose(session, cause.actor)} {order_noun(session, order)} on {topic} {amount}"
        return f"{whose(session, cause.actor)} contact {amount}"
    if cause.kind == CauseKind.ENGAGE:
        return f"{engage_text(session, week, cause)} {amount}"
    if cause.kind == CauseKind.ECHO:
        return f"{echo_text(session, week, cause)} {amount}"
    if cause.kind == CauseKind.DRIFT:
        return f"drift toward its usual position {amount}"
    if cause.kind == CauseKind.SPILL:
        return f"pull of its group peers {amount}"
    if cause.kind == CauseKind.EVENT:
        headline = session.scenario.event(cause.event).headline if cause.event >= 0 else "an event"
        raised_by = session.rules.events[cause.event].raised_by if cause.event >= 0 else -1
        if raised_by >= 0:
            return f"{session.rules.labels.actors[raised_by]}'s escalation: {headline} {amount}"
        return f"news: {headline} {amount}"
    if cause.kind == CauseKind.LIMIT:
        return f"capped at the end of the scale {amount}"
    if cause.kind == CauseKind.PROMISE and 0 <= cause.promise < len(session.rules.promises):
        spec = session.rules.promises[cause.promise]
        what = "kept" if (cause.delta > 0) == (session.rules.actor_sign[spec.actor] > 0) else "broken"
        return f"{whose(session, spec.actor)} promise of {session.rules.labels.promises[cause.promise]} {what} {amount}"
    return f"{cause.kind.value} {amount}"


def engage_text(session: Session, week: Week, cause: Cause) -> str:
    """ "your talks with Moscow on Grain and food security": a side's contact with the other side itself."""
    rules = session.rules
    sheet = _sheet(week.sheets, cause.actor)
    if sheet is not None and 0 <= cause.order < len(sheet.orders):
        order = sheet.orders[cause.order]
        return f"{whose(session, cause.actor)} {order_noun(session, order)} on {rules.labels.topics[order.topic]}"
    other = rules.labels.actors[session.rival if cause.actor == session.player else session.player]
    return f"{whose(session, cause.actor)} talks with {other}"


def echo_text(session: Session, week: Week, cause: Cause) -> str:
    """ "heard from your call on Sanctions coordination in Germany": an argument pressed in another capital."""
    rules = session.rules
    origin = rules.labels.countries[cause.country] if 0 <= cause.country < rules.n_countries else "another capital"
    sheet = _sheet(week.sheets, cause.actor)
    if sheet is not None and 0 <= cause.order < len(sheet.orders):
        order = sheet.orders[cause.order]
        noun = order_noun(session, order)
        return f"heard from {whose(session, cause.actor)} {noun} on {rules.labels.topics[order.topic]} in {origin}"
    return f"heard from {whose(session, cause.actor)} contact in {origin}"


@dataclass(frozen=True)
class MoveLine:
    country: int
    name: str
    delta: float
    before: float
    after: float
    causes: tuple[tuple[str, float, str], ...]  # (text, delta, kind: "you", "rival", "event", "drift", ...)

    @property
    def headline(self) -> str:
        return f"{self.name} {signed(self.delta)}"

    @property
    def text(self) -> str:
        return f"{self.headline}: " + ", ".join(text for text, _, _ in self.causes)


def cause_tag(session: Session, cause: Cause) -> str:
    if cause.kind in (CauseKind.CONTACT, CauseKind.ENGAGE, CauseKind.ECHO):
        return "you" if cause.actor == session.player else "rival"
    if cause.kind == CauseKind.PROMISE and 0 <= cause.promise < len(session.rules.promises):
        return "you" if session.rules.promises[cause.promise].actor == session.player else "rival"
    return cause.kind.value


def move_lines(session: Session, week: Week, minimum: float = 0.05) -> list[MoveLine]:
    """Every country that moved this week, biggest change first, each with its causes biggest first."""
    lines = []
    for move in week.record.moves:
        if abs(move.delta) < minimum and not any(abs(c.delta) >= minimum for c in move.causes):
            continue
        causes = sorted((c for c in move.causes if abs(c.delta) >= 0.05), key=lambda c: -abs(c.delta))
        lines.append(
            MoveLine(
                move.country,
                session.rules.labels.countries[move.country],
                move.delta,
                move.before,
                move.after,
                tuple((cause_text(session, week, c), c.delta, cause_tag(session, c)) for c in causes),
            )
        )
    lines.sort(key=lambda m: (-abs(m.delta), m.name))
    return lines


def contact_lines(session: Session, week: Week, actor: int) -> list[tuple[str, float]]:
    """Each order of ``actor`` this week, in words, with the total alignment it moved (all its contacts; for
    talks with the other side, the capitals' reactions, and the tracks it moved in the words; where its argument
    was heard, those capitals in the words and in the total)."""
    sheet = _sheet(week.sheets, actor)
    if sheet is None:
        return []
    totals = [0.0] * len(sheet.orders)
    heard: list[list[str]] = [[] for _ in sheet.orders]  # where each order's argument was heard (no numbers in fog)
    fog = fogged(session)
    for contact in week.record.contacts:
        if contact.actor == actor and 0 <= contact.order < len(totals):
            totals[contact.order] += contact.delta
    for move in week.record.moves:
        for cause in move.causes:
            if cause.kind not in (CauseKind.ENGAGE, CauseKind.ECHO) or cause.actor != actor:
                continue
            if 0 <= cause.order < len(totals):
                totals[cause.order] += cause.delta
                if cause.kind == CauseKind.ECHO and abs(cause.delta) >= 0.05:
                    name = session.rules.labels.countries[move.country]
                    heard[cause.order].append(name if fog else f"{name} {signed(cause.delta)}")
    lines = []
    for i, order in enumerate(sheet.orders):
        text = session.describe(order)
        if heard[i]:
            text += " (heard in " + ", ".join(heard[i]) + ")"
        if order.kind == Kind.ENGAGE:
            moved = [
                f"{session.rules.labels.tracks[tm.track]} {signed(c.delta)}"
                for tm in week.record.tracks
                for c in tm.causes
                if c.kind == CauseKind.ENGAGE and c.actor == actor and c.order == i and abs(c.delta) >= 0.05
            ]
            if moved:
                text += " (" + ", ".join(moved) + ")"
        lines.append((text, totals[i]))
    return lines


@dataclass(frozen=True)
class TrackLine:
    track: int
    name: str
    before: float
    after: float
    goal: float | None
    causes: tuple[tuple[str, float, str], ...]

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def text(self) -> str:
        head = f"{self.name} {signed(self.delta)} ({self.before:.0f} → {self.after:.0f})"
        return head + (": " + ", ".join(t for t, _, _ in self.causes) if self.causes else "")


def track_lines(session: Session, week: Week) -> list[TrackLine]:
    """How each crisis track moved this week, with its causes: talks with the other side, fading without
    contact, the news."""
    rules = session.rules
    lines = []
    for tm in week.record.tracks:
        causes = []
        for c in sorted(tm.causes, key=lambda c: -abs(c.delta)):
            if abs(c.delta) < 0.05:
                continue
            if c.kind == CauseKind.ENGAGE:
                text = engage_text(session, week, c)
            elif c.kind == CauseKind.DRIFT:
                text = "fades without contact" if c.delta < 0 else "drift"
            elif c.kind == CauseKind.EVENT:
                text = "news"
            elif c.kind == CauseKind.LIMIT:
                text = "capped at the end of the scale"
            else:
                text = c.kind.value
            causes.append((f"{text} {signed(c.delta)}", c.delta, cause_tag(session, c)))
        goal = float(rules.track_threshold[tm.track]) if rules.track_threshold is not None else float("nan")
        lines.append(
            TrackLine(
                tm.track,
                rules.labels.tracks[tm.track],
                tm.before,
                tm.after,
                None if goal != goal else goal,
                tuple(causes),
            )
        )
    return lines


def rung_open(rules, rung: str, country: int | None = None) -> bool:
    """Is the rung open to the country (to any country when ``country`` is None): can alignment take it past
    the rung's first option?"""
    ladder = rules.ladder
    is_open = ladder.is_open()[:, ladder.rung_index(rung)]
    return bool(is_open.any() if country is None else is_open[country])


def open_rungs(scenario) -> list[tuple[str, str, str]]:
    """(id, name, meaning) of every rung open to at least one country, in the scenario's own words."""
    rules = scenario.rules
    return [(rung.id, rung.name, rung.meaning) for rung in scenario.doc.commitments.rungs if rung_open(rules, rung.id)]


def is_vote(rules, rung: str) -> bool:
    ladder = rules.ladder
    return ladder.kinds[ladder.rung_index(rung)] == RungKind.VOTE


def option_word(rules, rung: str, level: int) -> str:
    """What a country on that option of the rung does, in the scenario's words ("votes yes", "sanctions")."""
    return rules.labels.options[rules.ladder.rung_index(rung)][int(level)]


def top_option(rules, rung: str) -> int:
    """The rung's best option: a vote's last, a pledge made."""
    return len(rules.ladder.options[rules.ladder.rung_index(rung)]) - 1


def made(rules, rung: str, stored) -> bool:
    """Did a country make the rung's best commitment, as a result file stores it (a vote's option id, or
    whether a pledge was made)?"""
    ladder = rules.ladder
    r = ladder.rung_index(rung)
    if ladder.kinds[r] == RungKind.VOTE:
        return stored == ladder.options[r][-1]
    return bool(stored)


def made_heading(rules, rung: str) -> str:
    """A short column heading for the count of countries that made the rung's best commitment."""
    ladder = rules.ladder
    r = ladder.rung_index(rung)
    name = rules.labels.rungs[r]
    return f"{name}: {ladder.options[r][-1]}" if ladder.kinds[r] == RungKind.VOTE else name


@dataclass(frozen=True)
class LadderStep:
    """One line of the commitment ladder as a player reads it: a pledge, or one option of a vote."""

    rung: str
    index: int  # the rung's index
    option: int  # the option this line reaches
    label: str  # "Sanctions", or "UN vote: votes yes"
    meaning: str


def ladder_steps(scenario) -> list[LadderStep]:
    """Every line of the ladder some country can reach by its alignment, in the scenario's words and order
    (a rung closed to every country, and an option only an event gives, left out)."""
    rules = scenario.rules
    ladder = rules.ladder
    steps = []
    for rung in scenario.doc.commitments.rungs:
        r = ladder.rung_index(rung.id)
        vote = ladder.kinds[r] == RungKind.VOTE
        for o in range(1, len(ladder.options[r])):
            if np.isnan(ladder.thresholds[:, r, o]).all():
                continue
            label = f"{rung.name}: {rules.labels.options[r][o]}" if vote else rung.name
            steps.append(LadderStep(rung.id, r, o, label, rung.meaning))
    return steps


def commitment_status(line: float, value: float, reached: bool, fog: bool) -> tuple[str, str]:
    """Beside a ladder step ("UN vote: abstains", "Sanctions"): whether the country would make it if the crisis
    ended now, and how far its line is, in words that cannot be read as one of a vote's options; and the tone
    ("good", "close", "far") the dossier colours it in.  Under fog: whether, not by how much."""
    if reached:
        return ("✓ now", "good") if fog else (f"✓ now (line at {signed(line, 0)})", "good")
    if fog:
        return "not yet", "far"
    need = line - value
    text = f"needs {signed(need, 0)} (line at {signed(line, 0)})"
    return (f"close: {text}", "close") if need <= 10 else (text, "far")


def relevant(scenario, rung: str, country: int) -> bool:
    """Should a table show the rung for the country at all?  A rung limited to some countries (`open_to`) is
    left out for the others; a rung closed to one country (Ukraine's sanctions) is shown as closed."""
    spec = scenario.doc.commitments.rung(rung)
    return spec.open_to is None or rung_open(scenario.rules, rung, country)


@dataclass(frozen=True)
class BlocVerdict:
    """What one bloc decided in game 0, in the scenario's words."""

    rung: str  # the rung's name
    group: str
    rule: str  # "all together, by unanimity", ...
    verdict: str  # "adopted", "not adopted", or a vote's option
    holdouts: str  # the members below the level the others reached, by name
    blocked: bool  # the holdouts kept the bloc below it
    good: bool  # the bloc went past its first option


_RULE_WORDS = {0: "all together, by unanimity", 1: "together, by a qualified majority", 2: "following its leader"}


def bloc_verdicts(scenario, decided) -> list[BlocVerdict]:
    """Each bloc's decision for game 0 of ``decided`` (a Commitments)."""
    rules = scenario.rules
    out = []
    for decision in decided.blocs:
        r = decision.bloc.rung
        level, proposal = int(decision.level[0]), int(decision.proposal[0])
        holdouts = ", ".join(rules.labels.countries[c] for c in np.flatnonzero(decision.holdouts[0]))
        if rules.ladder.kinds[r] == RungKind.PLEDGE:
            verdict = "adopted" if level else "not adopted"
        else:
            verdict = rules.labels.options[r][level]
        out.append(
            BlocVerdict(
                rules.labels.rungs[r],
                scenario.doc.groups[scenario.doc.commitments.rungs[r].bloc.group].name,
                _RULE_WORDS[int(decision.bloc.rule)],
                verdict,
                holdouts,
                bool(holdouts) and level < proposal,
                level > 0,
            )
        )
    return out


def bloc_lines(scenario, decided) -> list[str]:
    """What each bloc decided, in a sentence: who held out and whether it blocked the bloc or was carried."""
    out = []
    for v in bloc_verdicts(scenario, decided):
        text = f"{v.rung}, decided by the {v.group} {v.rule}: {v.verdict}"
        if v.blocked:
            text += f" - blocked by {v.holdouts}, though most members were ready"
        elif v.holdouts:
            text += f" - {v.holdouts} carried along"
        out.append(text + ".")
    return out


def bloc_brief(scenario, decided) -> list[tuple[str, bool]]:
    """Each bloc's decision in a few words for a corner of a screen, and whether it went Washington's way:
    ("Sanctions (European Union members): blocked by Italy", False)."""
    out = []
    for v in bloc_verdicts(scenario, decided):
        if v.blocked:
            out.append((f"{v.rung} ({v.group}): blocked by {v.holdouts}", False))
        else:
            out.append((f"{v.rung} ({v.group}): {v.verdict}", v.good))
    return out


def chart_line(scenario) -> tuple[str, str, np.ndarray]:
    """The line charts of every country's alignment draw: (rung id, name, each country's line (C,)) of the
    pledge open to the most countries (a vote's best option when there is no pledge)."""
    rules = scenario.rules
    ladder = rules.ladder
    opened = ladder.is_open().sum(axis=0)
    pledges = [r for r in range(ladder.n_rungs) if ladder.kinds[r] == RungKind.PLEDGE and opened[r]]
    r = max(pledges, key=lambda r: (opened[r], -r)) if pledges else 0
    line = ladder.thresholds[:, r, len(ladder.options[r]) - 1]
    return ladder.rungs[r], rules.labels.rungs[r], np.asarray(line, dtype=float)


def commitment_levels(scenario, end) -> dict[str, np.ndarray]:
    """Per rung id, each country's option (C,) at ``end``: a State (its events' decisions and lines count), or
    an alignment (C,) read against the rules' lines."""
    rules = scenario.rules
    if isinstance(end, State):
        levels = commitments_of(rules, end.game(0)).level[0]
    else:
        levels = commitments(rules, np.atleast_2d(end)).level[0]
    return {rung: levels[:, r] for r, rung in enumerate(rules.ladder.rungs)}


def trend(session: Session, country: int) -> float:
    """The last week's change of a country's alignment (0 before the first week)."""
    history = session.history()
    if len(history) < 2:
        return 0.0
    return float(history[-1, country] - history[-2, country])


def alignment_word(value: float) -> str:
    """An alignment in words ("leans to Washington"): the fog's bands, so that the game, the fog and the
    classroom handouts use one set of words and cut-offs (game.sim.settings.fog_band)."""
    return fog_band(value).label


# ---------------------------------------------------------------------------------------------------- fog
# With the teacher setting ``fog`` the player sees each country's band, not its number, until the crisis is
# over: the debrief (and a week's report opened from it) may show the exact figures again.


def fogged(session: Session) -> bool:
    """Does the player see bands instead of numbers right now?"""
    return bool(session.settings.fog) and not session.is_over


def shown_alignments(values, fog: bool) -> np.ndarray:
    """What the map and the swatches colour: the alignments, or under fog the middle of each one's band."""
    values = np.asarray(values, dtype=float)
    if not fog:
        return values
    return np.array([fog_band(v).middle for v in values], dtype=float)


def alignment_text(value: float, fog: bool) -> str:
    """``+34`` in the clear, the band's words under fog."""
    return fog_band(value).label if fog else f"{value:+.0f}"


def band_step(before: float, after: float) -> int:
    """+1 / -1 when a country crossed into the next band toward Washington / Moscow (0: the same band): the
    only movement a player sees under fog."""
    a, b = FOG_BANDS.index(fog_band(before)), FOG_BANDS.index(fog_band(after))
    return (b > a) - (b < a)


def band_change(session: Session, country: int) -> str:
    """Last week's change of a country as a fogged player sees it: "now leans to Washington" or "no visible
    change" ("" before the first week)."""
    history = session.history()
    if len(history) < 2:
        return ""
    return fog_delta(float(history[-2, country]), float(history[-1, country]))


def without_amount(text: str, delta: float) -> str:
    """A cause or order in words without its number ("your call on Energy supply +5.1" → "your call on Energy
    supply"), for the fogged turn report."""
    suffix = " " + signed(delta)
    return text[: -len(suffix)] if text.endswith(suffix) else text


def staff_use(session: Session, limit_too: bool = True) -> str:
    """How much the players leaned on "Ask your staff", for the debrief and the report: "took 14 orders from
    the staff", "Washington took 3 orders from the staff; Moscow took no order from the staff", "the teacher
    turned the staff's advice off".  ``limit_too``: say the teacher's weekly limit (a line that already shows
    the settings leaves it out)."""
    limit = session.settings.staff
    if limit == 0:
        return "the teacher turned the staff's advice off"
    allowed = f" (the teacher allowed {limit} a week)" if limit is not None and limit_too else ""

    def took(n: int) -> str:
        return f"took {n} order{'s' if n != 1 else ''} from the staff" if n else "took no order from the staff"

    if not session.two_sided:
        return took(session.staff_used.get(session.player, 0)) + allowed
    labels = session.rules.labels.actors
    parts = [f"{labels[a]} {took(session.staff_used.get(a, 0))}" for a in session.humans]
    return "; ".join(parts) + allowed


def players_words(session: Session) -> str:
    """Who played, in words: "Chloé Martin (9B)", "Washington: Ann, Moscow: Ben (9B)", "" when nobody said."""
    labels = session.rules.labels.actors
    named = [a for a in session.humans if session.names.get(a)]
    if not named:
        return ""
    if session.two_sided:
        text = ", ".join(f"{labels[a]}: {session.names[a]}" for a in named)
    else:
        text = session.names[named[0]]
    return text + (f" ({session.class_name})" if session.class_name else "")
