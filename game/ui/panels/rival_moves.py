"""The rival's moves of the last resolved week on the map: an arc from its capital to every capital it called,
visited or reached in a group call, coloured by kind, and its escalation as a marked event at its capital.

It reads the week's TurnRecord only, so it shows nothing before a week resolves: in two-sided (hot seat) play
the rival's orders for this week stay hidden until both sides have played.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine import Kind

from .. import theme as T
from ..widgets import Ui

# One colour per kind of contact, all in Moscow's warm range so they read as the rival's, apart from the
# player's gold (queued orders) and the alignment scale's blues.
KIND_COLOURS = {
    Kind.CALL: (236, 120, 48),
    Kind.VISIT: (238, 72, 72),
    Kind.DEPUTY_CALL: (244, 178, 120),
    Kind.MULTILATERAL: (196, 128, 224),
}
KIND_WORDS = {
    Kind.CALL: "call",
    Kind.VISIT: "visit",
    Kind.DEPUTY_CALL: "deputy's call",
    Kind.MULTILATERAL: "group call",
}
ESCALATION_COLOUR = (255, 84, 84)


@dataclass(frozen=True)
class RivalWeek:
    """What the rival did in the last resolved week, as the map draws it."""

    week: int
    actor: str  # the rival's name
    contacts: tuple[tuple[int, Kind], ...]  # (country, kind), one per contact (a group call reaches each member)
    escalations: tuple[str, ...]  # headlines of the escalations it raised and that happened


def rival_week(session) -> RivalWeek | None:
    """The rival's moves of the last resolved week, or None before the first week resolves."""
    if not session.weeks:
        return None
    record = session.weeks[-1].record
    rival = session.rival
    contacts = tuple((c.country, Kind(c.kind)) for c in record.contacts if c.actor == rival)
    rules = session.rules
    escalations = tuple(
        session.scenario.event(e.event).headline
        for e in record.events
        if 0 <= e.event < len(rules.events) and rules.events[e.event].raised_by == rival
    )
    return RivalWeek(record.turn, rules.labels.actors[rival], contacts, escalations)


def _arc(a: tuple[float, float], b: tuple[float, float], bend: float = 0.18, steps: int = 18) -> list[tuple[int, int]]:
    """Points of a gentle curve from ``a`` to ``b`` (a quadratic Bezier bowed to the left of the line)."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    cx, cy = (ax + bx) / 2 - dy * bend, (ay + by) / 2 + dx * bend
    out = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        out.append((round(u * u * ax + 2 * u * t * cx + t * t * bx), round(u * u * ay + 2 * u * t * cy + t * t * by)))
    return out


def draw_rival_moves(ui: Ui, rect: pygame.Rect, mv, session) -> int:
    """Draw the last week's rival moves on the map image placed at ``rect``; returns how many arcs it drew."""
    moves = rival_week(session)
    if moves is None or (not moves.contacts and not moves.escalations):
        return 0
    home = mv.actor_point(session.rules.actors[session.rival])
    if home is None:
        return 0
    origin = (home[0] + rect.x, home[1] + rect.y)
    surface = ui.surface
    clip = surface.get_clip()
    surface.set_clip(rect)
    drawn = 0
    seen: dict[tuple[int, Kind], int] = {}
    for country, kind in moves.contacts:
        point = mv.screen_point(country)
        if point is None:
            continue
        # A second contact with the same capital bows further out, so both stay visible.
        repeat = seen.get((country, kind), 0)
        seen[(country, kind)] = repeat + 1
        target = (point[0] + rect.x, point[1] + rect.y)
        width = max(1, ui.px(3 if kind == Kind.VISIT else 1 if kind == Kind.MULTILATERAL else 2))
        colour = KIND_COLOURS.get(kind, T.MOSCOW)
        pygame.draw.lines(surface, colour, False, _arc(origin, target, 0.14 + 0.08 * repeat), width)
        pygame.draw.circle(surface, colour, target, ui.px(4))
        pygame.draw.circle(surface, (20, 20, 20), target, ui.px(4), 1)
        drawn += 1
    pygame.draw.circle(surface, T.MOSCOW, (round(origin[0]), round(origin[1])), ui.px(6))
    pygame.draw.circle(surface, (255, 255, 255), (round(origin[0]), round(origin[1])), ui.px(6), max(1, ui.px(1)))
    if moves.escalations:
        _escalation_mark(ui, (round(origin[0]), round(origin[1])))
    surface.set_clip(clip)
    _legend(ui, rect, moves)
    return drawn


def _escalation_mark(ui: Ui, at: tuple[int, int]) -> None:
    """A red warning diamond over the capital: the week's escalation."""
    r = ui.px(11)
    x, y = at[0], at[1] - ui.px(16)
    diamond = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    pygame.draw.polygon(ui.surface, ESCALATION_COLOUR, diamond)
    pygame.draw.polygon(ui.surface, (255, 255, 255), diamond, max(1, ui.px(1)))
    ui.text((x, y + ui.px(1)), "!", "semibold", 14, (255, 255, 255), "center")


def _legend(ui: Ui, rect: pygame.Rect, moves: RivalWeek) -> None:
    """Top left of the map: what the arcs mean, for the kinds this week has, and the escalation in words."""
    kinds = [k for k in KIND_COLOURS if any(kind == k for _, kind in moves.contacts)]
    rows = [(f"{KIND_WORDS[k]}{'s' if sum(kind == k for _, kind in moves.contacts) > 1 else ''}", k) for k in kinds]
    title = f"{moves.actor}'s moves, week {moves.week + 1}"
    width = max([ui.width_of(title, "semibold", 12)] + [ui.width_of(w, "regular", 12) + ui.px(34) for w, _ in rows])
    wrapped = [w for line in moves.escalations for w in ui.wrap(line, "semibold", 12, ui.px(230))]
    width = max([width] + [ui.width_of(w, "semibold", 12) + ui.px(22) for w in wrapped])
    line_h = ui.line_height("regular", 12) + ui.px(2)
    height = ui.px(10) + line_h * (1 + len(rows) + len(wrapped))
    box = pygame.Rect(rect.x + ui.px(12), rect.y + ui.px(52), width + ui.px(20), height)  # under the zoom buttons
    ui.rect(box, (14, 18, 25), ui.px(6))
    x, y = box.x + ui.px(10), box.y + ui.px(5)
    ui.text((x, y), title, "semibold", 12, T.MOSCOW)
    y += line_h
    for words, kind in rows:
        mid = y + line_h // 2
        width_px = max(1, ui.px(3 if kind == Kind.VISIT else 1 if kind == Kind.MULTILATERAL else 2))
        pygame.draw.line(ui.surface, KIND_COLOURS[kind], (x, mid), (x + ui.px(24), mid), width_px)
        ui.text((x + ui.px(32), y), words, "regular", 12, T.TEXT)
        y += line_h
    for i, words in enumerate(wrapped):
        if i == 0:
            cx, cy, r = x + ui.px(6), y + line_h // 2, ui.px(6)
            pygame.draw.polygon(ui.surface, ESCALATION_COLOUR, [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)])
        ui.text((x + ui.px(18), y), words, "semibold", 12, ESCALATION_COLOUR)
        y += line_h


__all__ = ["KIND_COLOURS", "RivalWeek", "draw_rival_moves", "rival_week"]
