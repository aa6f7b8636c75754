"""The stakes a player sees before acting (issue 14): the preview of the order being drafted, each topic's
expected shift, every capital's distance to its next commitment line, and the expected end result.

The numbers are the ai floor's (``game.ai.preview``, ``game.ai.outlook``); this module words and draws them for
the builder, the topic list, the country list, the map and the top bar.  Under fog (the players see bands, not
alignments) nothing here shows a number that would give an alignment away: a shift is a whole-point range, the
room left is a word, a distance to a line is a rough bucket, the expected end is a tier.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pygame

from game.ai.outlook import OutlookCache
from game.ai.preview import REACH, CountryPreview, LineCross, LineGap, OrderPreview, line_gaps, preview_order
from game.classroom.advice import rival_policy
from game.classroom.promise_words import breaking_costs, obligation
from game.classroom.words import fogged, possessive, signed
from game.engine import Kind, Order, Sheet
from game.engine.orders import rival_of
from game.engine.outcome import tier_index

from .. import theme as T
from ..widgets import Ui

_OUTLOOKS = OutlookCache()
_PREVIEWS: dict[tuple, tuple[object, OrderPreview]] = {}
_GAPS: list = [None, None, None]  # state, side, gaps


# ---------------------------------------------------------------------------------------------- reading


def preview_of(session, side: int, order: Order) -> OrderPreview:
    """The preview of ``order`` after the side's pending orders (remembered per state, plan and order)."""
    plan = session.pending_for(side)
    key = (id(session.rules), side, tuple(plan.orders), order)
    hit = _PREVIEWS.get(key)
    if hit is not None and hit[0] is session.state:
        return hit[1]
    answer = preview_order(session.rules, session.state, side, order, plan)
    if len(_PREVIEWS) > 256:
        _PREVIEWS.clear()
    _PREVIEWS[key] = (session.state, answer)
    return answer


def drafted_with_topic(draft, topic: int) -> Order | None:
    """The order the draft would be with ``topic`` (None while a deputy, a group or the country is missing)."""
    if draft.country is None or draft.kind == Kind.ENGAGE:
        return None
    other = copy.copy(draft)
    other.stops = list(draft.stops)
    other.topic = topic
    if other.promise is not None and topic not in draft.rules.promises[other.promise].topics:
        other.promise = None  # the promise does not go with this topic: the topic's shift is without it
    return other.order()


def gaps_of(session, side: int) -> list[LineGap]:
    state = session.state
    if _GAPS[0] is not state or _GAPS[1] != side:
        _GAPS[:] = [state, side, line_gaps(session.rules, state, side)]
    return _GAPS[2]


def outlook_of(session, side: int, plan: Sheet | None = None):
    plan = session.pending_for(side) if plan is None else plan
    return _OUTLOOKS.get(session.scenario, session.state, side, plan, rival_policy(session, side), session.seed)


# ------------------------------------------------------------------------------------------------ words


def shift_text(p: CountryPreview, fog: bool) -> str:
    """``+4.2 (2.1 to 6.0)``; under fog only the range in whole points (``+2 to +6``)."""
    if fog:
        lo, hi = round(p.low), round(p.high)
        return signed(lo, 0) if lo == hi else f"{signed(lo, 0)} to {signed(hi, 0)}"
    return (
        f"{signed(p.shift)} ({p.low:.1f} to {p.high:.1f})"
        if p.low >= 0
        else f"{signed(p.shift)} ({signed(p.low)} to {signed(p.high)})"
    )


def short_shift(p: CountryPreview | None, fog: bool) -> str:
    """The topic list's column: ``+4.2``, under fog ``+2…+6``."""
    if p is None:
        return ""
    if fog:
        lo, hi = round(p.low), round(p.high)
        return signed(lo, 0) if lo == hi else f"{signed(lo, 0)}…{signed(hi, 0)}"
    return signed(p.shift)


def _room_word(room: float) -> str:
    return "plenty of room" if room >= 0.6 else "some room" if room >= 0.3 else "little room left"


def reason_items(session, side: int, p: CountryPreview, fog: bool) -> list[str]:
    """The factors of one contact's effect, each a few words: what the player can weigh."""
    rules = session.rules
    r = p.reasons
    us = rules.labels.actors[side]
    them = rules.labels.actors[rival_of(rules, side)]
    items = [f"interest {r.interest:.1f}" + (" (dislikes it)" if r.interest < 0 else "")]
    items.append(f"{us} offers {r.leverage:.1f}")
    messenger = {
        Kind.CALL: "your call",
        Kind.VISIT: "a visit" if r.stop == 0 else f"stop {r.stop + 1} of a trip (×{r.stop_decay:.2f})",
        Kind.DEPUTY_CALL: "a deputy's call" + (", own field ★" if r.specialty else ""),
        Kind.MULTILATERAL: "a group call",
        Kind.ENGAGE: "",
    }[r.kind]
    items.append(f"{messenger} ×{r.strength:.2f}")
    if r.mobility != 1.0:
        items.append(f"moves {'easily' if r.mobility > 1 else 'slowly'} ×{r.mobility:.1f}")
    tired = []
    if r.recent >= 0.05:
        tired.append(f"{r.recent:.1f} recent")
    if r.planned > 0:
        tired.append(
            f"{r.planned:.0f} planned this week" if r.planned == int(r.planned) else f"{r.planned:.1f} planned"
        )
    items.append(f"fatigue ×{r.fatigue:.2f}" + (f" ({', '.join(tired)})" if tired else " (fresh)"))
    items.append(_room_word(r.room) if fog else f"room ×{r.room:.2f}")
    if r.rival_weeks == 1:
        items.append(f"{them} called last week")
    elif r.rival_weeks > 1:
        items.append(f"{them} last called {r.rival_weeks} weeks ago")
    if r.rival_recent >= 1.0:
        items.append(f"{them} has been working on it ({r.rival_recent:.1f})")
    if r.believed > 0:
        items.append(f"your promise is believed ×{1 + r.believed:.2f}")
    if r.mistrust > 0:
        items.append(f"a broken promise: your word counts ×{1 - r.mistrust:.2f} until week {r.mistrust_until + 1}")
    if r.luck.low == 0.0:
        items.append("very unpredictable: it may do nothing")
    return items


def promise_items(session, preview: OrderPreview, fog: bool) -> list[tuple[str, T.Color]]:
    """What the order's promise buys now and owes later, in words: the extra shift, then the obligation."""
    stakes = preview.promise
    if stakes is None:
        return []
    rules = session.rules
    name = rules.labels.promises[stakes.promise]
    extra = f"{signed(stakes.extra)} of the shift above" if not fog else "a bigger shift"
    out = [(f"Promising {name}: they believe you, {extra}", T.GOOD)]
    for p in preview.countries:
        due = obligation(rules, stakes.promise, p.country, stakes.due)
        out.append((f"{rules.labels.countries[p.country]}: {due}", T.ACCENT))
    kept = f"Kept: +{stakes.kept:g} there. " if stakes.kept else ""
    out.append((f"{kept}Broken: {breaking_costs(rules, stakes.promise)}.", T.TEXT_DIM))
    return out


def _bloc_of(rules, line: LineCross) -> str | None:
    for bloc in rules.ladder.blocs:
        if bloc.rung == line.rung and line.country in bloc.members:
            group = [
                g for g in range(len(rules.groups)) if set(bloc.members) <= set(rules.group_members[g].nonzero()[0])
            ]
            return rules.labels.groups[group[0]] if group else "its bloc"
    return None


def line_items(session, side: int, p: CountryPreview, fog: bool) -> list[tuple[str, T.Color]]:
    """The commitment lines on the shift's way, in words with their points: crossed, may cross, still short."""
    rules = session.rules
    out = []
    up = p.shift >= 0  # toward Washington the lines are crossed; toward Moscow a country drops below them
    for line in p.lines:
        bloc = _bloc_of(rules, line)
        gain = line.score_change if not fog else (line.worth if up else -line.worth)
        points = f"{signed(gain)} points"
        if bloc and not fog and abs(line.score_change) < 0.05 and line.worth > 0:
            points = f"worth {line.worth:.1f}, but only once all of {bloc} get there: +0.0 now"
        verb = "crosses" if up else "drops below"
        helps = gain * rules.actor_sign[side]
        good = T.GOOD if helps > 0.05 else T.BAD if helps < -0.05 else T.ACCENT
        if line.crossed:
            out.append((f"{verb.capitalize()} the {line.label} line: {points}", good))
        elif line.may_cross:
            maybe = "cross" if up else "drop below"
            out.append((f"With luck, may {maybe} the {line.label} line: {points}", T.ACCENT))
        else:
            missing = "" if fog else f", {line.missing:.1f} short after this"
            out.append((f"Next: the {line.label} line{missing} ({line.worth:.1f} points)", T.TEXT_DIM))
    return out


def gap_text(gap: LineGap, fog: bool) -> str:
    """A country's distance to its next line: ``+3 to Sanctions``; under fog ``near Sanctions`` (within 5) or
    ``Sanctions within reach`` (within REACH); nothing for a line further away."""
    if gap.ahead is None or gap.need > REACH:
        return ""
    name = gap.ahead.label
    if gap.against:  # the rival's view: the line is one to pull the country off, and the points go down
        if fog:
            return f"nearly off {name}" if gap.need <= 5 else f"could lose {name}"
        return f"−{gap.need:.1f} pulls it off {name}" if gap.need < 1 else f"−{gap.need:.0f} pulls it off {name}"
    if fog:
        return f"near {name}" if gap.need <= 5 else f"{name} within reach"
    return f"+{gap.need:.1f} to {name}" if gap.need < 1 else f"+{gap.need:.0f} to {name}"


def at_risk(gap: LineGap) -> bool:
    """Standing on a line by less than 3 points: a week of neglect may lose it."""
    return gap.behind is not None and gap.margin < 3.0


def risk_text(gap: LineGap) -> str:
    """``holds Arms by 1`` for a country at risk of falling below its line ("" otherwise; never under fog)."""
    if not at_risk(gap):
        return ""
    if gap.against:  # the rival keeps the country below this line
        return f"kept off {gap.behind.label} by {gap.margin:.0f}"
    return f"holds {gap.behind.label} by {gap.margin:.0f}"


@dataclass(frozen=True)
class OutlookWords:
    heading: str
    value: str
    change: str  # what the plan adds over giving nothing more ("" without a plan)
    tooltip: str


def outlook_words(session, side: int) -> OutlookWords | None:
    """The top bar's expected end result in words, or None when the crisis is over."""
    if session.is_over:
        return None
    rules = session.rules
    plan = session.pending_for(side)
    now = outlook_of(session, side, plan)
    fog = fogged(session)
    tiers = [name for name, _ in rules.tiers]

    def tier(score: float) -> str:
        return tiers[int(tier_index(rules, [score])[0])]

    change = ""
    if plan.orders:
        bare = outlook_of(session, side, Sheet(side))
        if not fog:
            change = f"plan {signed(now.mean - bare.mean)}"
    value = f"likely {tier(now.mean)}" if fog else f"{now.mean:.0f} ({now.low:.0f}–{now.high:.0f})"
    rival = rules.labels.actors[rival_of(rules, side)]
    model = now.rival_model
    spread = (
        f"{tier(now.low)} to {tier(now.high)}"
        if fog
        else f"between {now.low:.1f} and {now.high:.1f} (mean {now.mean:.1f})"
    )
    tip = (
        f"Expected end result: this week's orders, then the same orders every week they are allowed, to the end of "
        f"the crisis, against {possessive(rival)} play (modelled as '{model}'); {now.rollouts} seeded rollouts. "
        f"8 in 10 of them end {spread}.\n"
        "'If it ended today' counts only the lines already crossed; this looks ahead. Add or remove an order and "
        "it changes."
    )
    return OutlookWords("EXPECTED END", value, change, tip)


# ------------------------------------------------------------------------------------------------ drawing


def draw_outlook(ui: Ui, session, side: int, right: int, y: int, max_width: int) -> None:
    """The expected end line under "if it ended today" in the top bar, right-aligned at ``right``."""
    words = outlook_words(session, side)
    if words is None or max_width < ui.px(60):
        return
    text = f"expected end {words.value}" + (f" · {words.change}" if words.change else "")
    r = ui.text((right, y), text, "semibold", 11, T.ACCENT, "midright", max_width=max_width)
    ui.hotspot("outlook", r.inflate(ui.px(6), ui.px(4)), tooltip=words.tooltip)


def draw_preview(builder, ui: Ui, x: int, y: int, width: int) -> int:
    """The drafted order's preview under the topic list; returns the y below it."""
    draft, session = builder.draft, builder.session
    order = draft.order()
    if order is None or order.kind == Kind.ENGAGE:
        return y
    fog = fogged(session)
    preview = preview_of(session, draft.actor, order)
    rules = session.rules
    y = ui.heading(x, y + ui.px(6), "If you give this order", width)
    for p in preview.countries:
        name = rules.labels.countries[p.country]
        colour = T.delta_color(p.shift)
        top = y
        ui.text((x, y), name, "semibold", 13, T.TEXT, max_width=width // 2)
        ui.text((x + width, y), shift_text(p, fog), "semibold", 13, colour, "topright")
        y += ui.px(19)
        reasons = reason_items(session, draft.actor, p, fog)
        tip = f"{name}: expected {shift_text(p, fog)}\n" + "\n".join(reasons)
        ui.hotspot(f"preview:{rules.countries[p.country]}", pygame.Rect(x, top, width, y - top), tooltip=tip)
        y = ui.paragraph(
            x + ui.px(8),
            y,
            width - ui.px(8),
            " · ".join(reasons),
            size=11,
            color=T.TEXT_DIM,
            max_lines=3,
        )
        for text, c in line_items(session, draft.actor, p, fog):
            y = ui.paragraph(x + ui.px(8), y, width - ui.px(8), text, size=12, color=c, max_lines=2)
        y += ui.px(4)
    for text, c in promise_items(session, preview, fog):
        y = ui.paragraph(x, y, width, text, size=12, color=c, max_lines=3)
    if preview.promise is not None:
        y += ui.px(4)
    if preview.spill:
        if fog:
            spill = "Spill-over also nudges " + ", ".join(rules.labels.countries[s.country] for s in preview.spill)
        else:
            spill = "Spill-over: " + ", ".join(
                f"{rules.labels.countries[s.country]} {signed(s.shift)}" for s in preview.spill
            )
        y = ui.paragraph(x, y, width, spill, size=11, color=T.TEXT_DIM, max_lines=2)
    lo, hi = 10, 90
    y = ui.paragraph(
        x,
        y + ui.px(2),
        width,
        f"Expected shift, and in brackets the {lo}th to {hi}th percentile of luck: 8 outcomes in 10 fall inside."
        if not fog
        else "Under fog: the range of 8 outcomes in 10, in whole points.",
        size=10,
        color=T.TEXT_FAINT,
    )
    return y + ui.px(6)


def headline(builder) -> tuple[str, T.Color] | None:
    """The preview in one line for the pinned Add area: the capital's shift, or the total of several."""
    draft, session = builder.draft, builder.session
    order = draft.order()
    if order is None or order.kind == Kind.ENGAGE:
        return None
    preview = preview_of(session, draft.actor, order)
    if not preview.countries:
        return None
    fog = fogged(session)
    if len(preview.countries) == 1:
        p = preview.countries[0]
        return shift_text(p, fog), T.delta_color(p.shift)
    total = preview.shift
    text = (
        f"{len(preview.countries)} capitals, {signed(total)} in all"
        if not fog
        else f"{len(preview.countries)} capitals"
    )
    return text, T.delta_color(total)


def draw_gap_marks(ui: Ui, session, side: int, mv, rect: pygame.Rect) -> None:
    """On the map, under the name of every capital within reach of its next line, a gold tag ``+3 to
    Sanctions``; a capital standing on a line by less than 3 points gets a red tag (``holds Arms by 1``).  A
    tag that would cover another goes above the name instead, or is left to the country list."""
    fog = fogged(session)
    placed: list[pygame.Rect] = []
    size = 10
    h = ui.line_height("semibold", size) + ui.px(2)
    points = {c: mv.screen_point(c) for c in range(session.rules.n_countries)}
    for gap in sorted(gaps_of(session, side), key=lambda g: g.need):
        p = points[gap.country]
        if p is None:
            continue
        text, colour = gap_text(gap, fog), T.ACCENT
        if not text and not fog:
            text, colour = risk_text(gap), T.BAD
        if not text:
            continue
        w = ui.width_of(text, "semibold", size) + ui.px(10)
        x, y = p[0] + rect.x, p[1] + rect.y
        # never over another tag, nor over another capital's point (where its name is drawn)
        others = [(q[0] + rect.x, q[1] + rect.y) for c, q in points.items() if q is not None and c != gap.country]
        for top in (y + ui.px(8), y - ui.px(8) - h):
            box = pygame.Rect(x - w // 2, top, w, h)
            if (
                rect.contains(box)
                and not any(box.colliderect(b) for b in placed)
                and not any(box.inflate(ui.px(16), ui.px(8)).collidepoint(q) for q in others)
            ):
                break
        else:
            continue
        placed.append(box.inflate(ui.px(4), ui.px(2)))
        ui.rect(box, (14, 18, 25), ui.px(4))
        ui.rect(box, colour, ui.px(4), width=1)
        ui.text(box.center, text, "semibold", size, colour, "center")
