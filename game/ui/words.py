"""The game's records in words: what moved and why, in the player's terms.  No pygame; shared by the turn
report, the map's feed and the tests."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import Cause, CauseKind, Kind, Order, Sheet
from game.session import Session, Week


def signed(x: float, digits: int = 1) -> str:
    """``+4.2`` / ``−2.3`` with a real minus sign; a value that rounds to zero shows as ``±0.0``."""
    text = f"{abs(x):.{digits}f}"
    if float(text) == 0.0:
        return "±" + text
    return ("+" if x > 0 else "−") + text


def whose(session: Session, actor: int) -> str:
    if actor == session.player:
        return "your"
    return f"{session.rules.labels.actors[actor]}'s"


def order_noun(session: Session, order: Order) -> str:
    """ "call", "visit", "Sherman's call", "NATO allies call"."""
    labels = session.rules.labels
    if order.kind == Kind.ENGAGE:
        other = labels.actors[session.rival if order.actor == session.player else session.player]
        if order.deputy >= 0:
            return f"deputy {labels.deputies[order.deputy]}'s talks with {other}"
        return f"talks with {other}"
    if order.kind == Kind.DEPUTY_CALL:
        return f"deputy {labels.deputies[order.deputy]}'s call"
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
    if cause.kind == CauseKind.DRIFT:
        return f"drift toward its usual position {amount}"
    if cause.kind == CauseKind.SPILL:
        return f"pull of its group peers {amount}"
    if cause.kind == CauseKind.EVENT:
        headline = session.scenario.event(cause.event).headline if cause.event >= 0 else "an event"
        return f"news: {headline} {amount}"
    if cause.kind == CauseKind.LIMIT:
        return f"capped at the end of the scale {amount}"
    return f"{cause.kind.value} {amount}"


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
    if cause.kind == CauseKind.CONTACT:
        return "you" if cause.actor == session.player else "rival"
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
    """Each order of ``actor`` this week, in words, with the total it moved (all its contacts)."""
    sheet = _sheet(week.sheets, actor)
    if sheet is None:
        return []
    totals = [0.0] * len(sheet.orders)
    for contact in week.record.contacts:
        if contact.actor == actor and 0 <= contact.order < len(totals):
            totals[contact.order] += contact.delta
    return [(session.describe(o), totals[i]) for i, o in enumerate(sheet.orders)]


def trend(session: Session, country: int) -> float:
    """The last week's change of a country's alignment (0 before the first week)."""
    history = session.history()
    if len(history) < 2:
        return 0.0
    return float(history[-1, country] - history[-2, country])


def alignment_word(value: float) -> str:
    if value >= 60:
        return "firmly with Washington"
    if value >= 25:
        return "leans to Washington"
    if value > -25:
        return "on the fence"
    if value > -60:
        return "leans to Moscow"
    return "firmly with Moscow"
