"""What each person may see, as JSON-ready dicts: a seat's view of its game, a country's dossier with every
order on it (legal, or refused with the engine's words), and the teacher's view of the class.

A seat sees its own pending orders only; the other side's orders of a week show in the week's report once it
has resolved, as in the desktop game.  Under the teacher's fog a seat gets bands, not numbers (the words and
cut-offs of ``game.classroom.words``, which the desktop game uses too).
"""

from __future__ import annotations

from game.classroom.palette import alignment_color, hex_color
from game.classroom.sources import cite_public, cite_seed
from game.classroom.words import alignment_text, contact_lines, fogged, move_lines, shown_alignments, without_amount
from game.drafting import Draft, standing_words
from game.engine import Kind, Order, refusal, remaining, standing
from game.engine.orders import escalation_refusal, rival_of
from game.plan import SPECIALTY, Standing, standing_problem
from game.session import Session, order_to_dict
from game.sim.settings import fog_band

from .room import SECRETARY, ApiError, ClassRoom, Seat, order_role, role_label, side_roles
from .staff import staff_summary

KIND_WORDS = {Kind.CALL: "Call", Kind.VISIT: "Visit", Kind.DEPUTY_CALL: "Deputy's call", Kind.MULTILATERAL: "Group"}
REPORT_LINES = 12  # the countries that moved most; the desktop's report scrolls, a phone screen does not


def _sides(room: ClassRoom, session: Session, game_id: int) -> list[dict]:
    rules = session.rules
    seated = {s.actor: s.name for s in room.seats.values() if s.game_id == game_id and s.role == SECRETARY}
    return [
        {
            "side": rules.actors[a],
            "label": rules.labels.actors[a],
            "human": a in session.humans,
            "player": seated.get(a),
            "ready": a in session.submitted,
            "team": _team(room, game_id, a) if a in session.humans else [],
        }
        for a in (session.player, session.rival)
    ]


def _team(room: ClassRoom, game_id: int, actor: int) -> list[dict]:
    """A side's seats, one per role of the class's teams (a free role has no name), each with its readiness.
    Names and readiness only: a side's orders are its own until the week resolves."""
    held = {s.role: s for s in room.seats.values() if s.game_id == game_id and s.actor == actor}
    roles = side_roles(room.scenario, actor, room.team)
    roles += [r for r in held if r not in roles]  # a seat of a role the class no longer offers still plays
    return [
        {
            "role": role,
            "label": role_label(room.scenario, actor, role),
            "name": held[role].name if role in held else None,
            "ready": role in held and held[role].id in room.ready_seats,
        }
        for role in roles
    ]


def _score(session: Session) -> dict:
    tier, score = standing(session.rules, session.state)
    # The score is Washington's share of what could be won; under fog only its tier is shown, as in the window.
    return {"tier": tier, "score": None if fogged(session) else round(score, 1)}


def seat_view(room: ClassRoom, seat: Seat) -> dict:
    session = room.sessions[seat.game_id]
    rules, fog = session.rules, fogged(session)
    labels = rules.labels
    alignment = session.alignment()
    coloured = shown_alignments(alignment, fog)  # under fog the map colours each band's middle, as the window does
    sheet = session.pending_for(seat.actor) if seat.actor in session.humans else None
    countries = [
        {
            "code": rules.countries[c],
            "name": labels.countries[c],
            "region": labels.regions[int(rules.region_of[c])],
            "alignment": None if fog else round(float(alignment[c]), 1),
            "shown": alignment_text(float(alignment[c]), fog),
            "band": fog_band(float(alignment[c])).label,
            "colour": hex_color(alignment_color(float(coloured[c]))),
        }
        for c in range(rules.n_countries)
    ]
    return {
        "class": {"name": room.row.name, "status": room.row.status, "deadline": room.row.deadline},
        "seat": {"name": seat.name, "side": seat.side, "label": labels.actors[seat.actor]},
        # The seat's role in its side's team (a team of one is the Secretary, who gives every order).
        "role": {"id": seat.role, "label": role_label(session.scenario, seat.actor, seat.role), "team": room.team > 1},
        "scenario": {"id": session.scenario.id, "title": session.scenario.doc.title},
        "week": session.turn,
        "weeks": rules.n_turns,
        "week_label": session.scenario.week_label(session.turn),
        "over": session.is_over,
        "fog": fog,
        "score": _score(session),
        "sides": _sides(room, session, seat.game_id),
        "countries": countries,
        "pending": [_pending(room, seat, i, o) for i, o in enumerate(sheet.orders if sheet else ())],
        "remaining": remaining(rules, session.state, sheet) if sheet and not session.is_over else None,
        "ready": seat.id in room.ready_seats or seat.actor in session.submitted,
        "escalations": _escalations(session, seat.actor, sheet, room.escalation_refusal(seat)),
        "can_talk": bool(rules.can_engage[seat.actor]),
        "rival": labels.actors[rival_of(rules, seat.actor)],
        "report": _report(session),
        "staff": staff_summary(session, seat.actor),  # the teacher's "Ask your staff": on, limited or off
        "plan": _plan(session, seat.actor, sheet),
    }


def _plan(session: Session, actor: int, sheet) -> dict:
    """The week's plan beyond single orders: which pending orders are standing calls and where each is changed
    (the dossier the drafting model opens for it), the side's standing instructions, the capitals they passed
    over this week (the engine's words), and whether last week can be repeated."""
    rules = session.rules
    orders = []
    for i, order in enumerate(sheet.orders if sheet else ()):
        draft = Draft(session, side=actor)
        draft.edit(i)
        country = "talks" if order.kind == Kind.ENGAGE or draft.country is None else rules.countries[draft.country]
        orders.append({"index": i, "standing": session.is_standing(order), "dossier": country})
    if sheet is None or session.is_over:
        repeat = "the crisis is over" if session.is_over else "played by the bot"
    elif not session.weeks or session.weeks[-1].prelude:
        repeat = "no week of yours to repeat yet"
    else:
        repeat = None
    return {
        "orders": orders,
        "standing": [
            {
                "deputy": rules.deputies[s.deputy],
                "name": rules.labels.deputies[s.deputy],
                "words": standing_words(session, s),
            }
            for s in (session.standing_of(actor) if sheet is not None else [])
        ],
        "skipped": [
            {"words": f"Standing, {session.describe(s.order)}", "reason": s.refusal.words}
            for s in session.standing_skipped_for(actor)
        ],
        "repeat_reason": repeat,
    }


def _pending(room: ClassRoom, seat: Seat, index: int, order: Order) -> dict:
    """One order of the side's sheet: the whole team sees it, with who gives it; only its giver changes it."""
    session = room.sessions[seat.game_id]
    role = order_role(room.scenario, order)
    giver = room.giver(seat, role)
    return {
        "index": index,
        "order": order_to_dict(session.rules, order),
        "words": session.describe(order),
        "by": role_label(room.scenario, seat.actor, role),
        "who": giver.name if giver else None,
        "mine": room.role_refusal(seat, role) is None,
    }


def _escalations(session: Session, actor: int, sheet, not_yours: str | None = None) -> list[dict]:
    """The side's escalations: raised this week (only its own side sees that before the week resolves), or
    whether it may be raised, with the engine's words when not (or, in a team, whose they are to raise)."""
    out = []
    for event in session.scenario.escalations(actor):
        spec = session.scenario.event(event)
        raised = sheet is not None and event in sheet.raises
        reason = None
        if sheet is None or session.is_over:
            reason = "the crisis is over" if session.is_over else "played by the bot"
        elif not_yours:
            reason = not_yours
        elif not raised:
            reason = escalation_refusal(session.rules, session.state, actor, event, sheet.raises)
        out.append(
            {
                "id": spec.id,
                "headline": spec.headline,
                "raised": raised,
                "happened": bool(session.state.fired[0, event]),
                "reason": reason,
            }
        )
    return out


def _report(session: Session) -> dict | None:
    """The last week's turn report: what moved and why, and each side's orders."""
    if not session.weeks or session.weeks[-1].prelude:
        return None
    week = session.weeks[-1]
    fog, rules = fogged(session), session.rules
    moves = []
    for line in move_lines(session, week)[:REPORT_LINES]:
        causes = [without_amount(text, delta) if fog else text for text, delta, _ in line.causes]
        moves.append(
            {
                "country": rules.countries[line.country],
                "name": line.name,
                "change": None if fog else round(line.delta, 1),
                "shown": alignment_text(line.after, fog),
                "causes": causes,
            }
        )
    orders = {
        rules.actors[a]: [
            {"words": t, "change": None if fog else round(d, 1)} for t, d in contact_lines(session, week, a)
        ]
        for a in (session.player, session.rival)
    }
    scenario = session.scenario
    # The teacher's injects are listed apart ("injects"), with their source: an inject is a what-if.
    events = [e.event for e in week.record.events if e.event >= 0 and not scenario.is_inject(e.event)]
    news = [scenario.event(e).headline for e in events]
    return {
        "week": week.state_before.turn,
        "moves": moves,
        "orders": orders,
        "news": news,
        "injects": _landed(session, week.injects),
    }


def _landed(session: Session, injects: tuple[int, ...]) -> list[dict]:
    """The teacher's injects that landed this week: the news, and what it rests on (an inject is a what-if)."""
    out = []
    for event in injects:
        inject = session.scenario.event(event)
        out.append({"id": inject.id, "headline": inject.headline, "body": inject.body, "source": _cited(inject)})
    return out


def _cited(item) -> str:
    """An inject's first source as a reader looks it up: the article's title, outlet and date."""
    if item.sources:
        return f"“{item.sources[0].passage}” — {cite_seed(item.sources[0].seed)}"
    return cite_public(item.public_sources[0]) if item.public_sources else ""


def _injects(room: ClassRoom) -> list[dict]:
    """The scenario's injects for the teacher: each with its news, its note, its source, and whether (and
    where) it was released: landed in how many games, waiting for the week's end in how many."""
    released = room.store.released(room.row.id)
    out = []
    for inject in room.scenario.doc.injects:
        event = room.scenario.inject_index(inject.id)
        landed = sum(bool(s.state.fired[0, event]) for s in room.sessions.values())
        waiting = sum(event in s.released for s in room.sessions.values())
        out.append(
            {
                "id": inject.id,
                "headline": inject.headline,
                "body": inject.body,
                "note": inject.note,
                "source": _cited(inject),
                "released": inject.id in released,
                "released_at": released.get(inject.id),
                "landed": landed,
                "waiting": waiting,
            }
        )
    return out


def _offers(
    session: Session, actor: int, shapes: list[tuple[str, Order]], room=None, seat=None, editing: int | None = None
) -> list[dict]:
    """Each order of ``shapes`` (who gives it, the order), legal or refused with the engine's ``refusal`` words
    (the one legality function: ``legal_orders`` is exactly the orders it accepts, and a test pins the dossier
    to it); none when the side gives no orders now (a bot's side, the crisis over).  In a team an order of
    another seat's role is refused with whose it is.  While pending order ``editing`` is being changed, each is
    judged against the plan without it (as the drafting model does), so that its own call or deputy is not
    counted twice."""
    if actor not in session.humans or session.is_over:
        return []
    rules, sheet = session.rules, session.pending_for(actor)
    if editing is not None:
        sheet = sheet.without(editing)
    offers = []
    for who, order in shapes:
        # Asked order by order: listing every legal order enumerates every trip of every region, 45 ms of a
        # dossier's 47 under a class's load.
        refused = refusal(rules, session.state, sheet, order)
        not_yours = room.role_refusal(seat, order_role(room.scenario, order)) if room is not None else None
        reason = not_yours or (refused.words if refused is not None else None)
        offers.append(
            {
                "by": who,
                "topic": rules.labels.topics[order.topic],
                "order": {k: v for k, v in order_to_dict(rules, order).items() if k != "actor"},
                "words": session.describe(order),
                "legal": reason is None,
                "reason": reason,
            }
        )
    return offers


def dossier(room: ClassRoom, seat: Seat, country: int, stops: tuple[int, ...] = (), editing: int | None = None) -> dict:
    """One country for the seat's side: every order on it - a call, a visit (a trip on to ``stops``, other
    capitals of its region), each deputy's call, each group it belongs to - on every topic, each legal or
    refused with the engine's words."""
    session = room.sessions[seat.game_id]
    rules, actor = session.rules, seat.actor
    region = rules.region_of[country]
    others = [c for c in range(rules.n_countries) if rules.region_of[c] == region and c != country]
    deputies = [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == actor]
    groups = [g for g in range(len(rules.groups)) if rules.group_members[g, country]]
    shapes: list[tuple[str, Order]] = []
    for t in range(rules.n_topics):
        shapes.append((KIND_WORDS[Kind.CALL], Order(actor, Kind.CALL, t, (country,))))
        shapes.append((KIND_WORDS[Kind.VISIT], Order(actor, Kind.VISIT, t, (country, *stops))))
        for d in deputies:
            shapes.append((rules.labels.deputies[d], Order(actor, Kind.DEPUTY_CALL, t, (country,), deputy=d)))
        for g in groups:
            shapes.append((rules.labels.groups[g], Order(actor, Kind.MULTILATERAL, t, group=g)))
    fog = fogged(session)
    value = float(session.alignment()[country])
    offers = _offers(session, actor, shapes, room, seat, _editing(session, actor, editing))
    for offer, (_, order) in zip(offers, shapes):
        if order.kind == Kind.DEPUTY_CALL:
            offer["standing"] = _standing_offer(session, actor, order)
    return {
        "code": rules.countries[country],
        "name": rules.labels.countries[country],
        "meta": f"{rules.labels.regions[int(rules.region_of[country])]} · {alignment_text(value, fog)} "
        f"({fog_band(value).label})",
        "groups": [rules.labels.groups[g] for g in range(len(rules.groups)) if rules.group_members[g, country]],
        "offers": offers,
        # A trip goes on to other capitals of the region; the engine judges the whole trip (its stops' count,
        # the week's trip budget), so a stop is offered here and the trip's refusal says what is wrong.
        "stops": [
            {"code": rules.countries[c], "name": rules.labels.countries[c], "selected": c in stops} for c in others
        ],
        "max_stops": int(rules.visit_max_stops),
    }


def _editing(session: Session, actor: int, editing: int | None) -> int | None:
    """The pending order being changed, checked: 404 when the plan has no such order (taken back, the week
    moved on)."""
    if editing is None or actor not in session.humans:
        return None
    if not 0 <= editing < len(session.pending_for(actor).orders):
        raise ApiError(404, "that order is no longer in the plan", "editing")
    return editing


def _standing_offer(session: Session, actor: int, order: Order) -> dict:
    """Whether a deputy's call can be made that deputy's standing instruction (whatever this week allows: the
    instruction's own refusal in words when not), and whether the deputy already calls the capital on that
    topic every week (asking again takes it out)."""
    rules, deputy, country = session.rules, order.deputy, order.targets[0]
    topic = SPECIALTY if order.topic == rules.deputy_specialty[deputy] else order.topic
    current = session.standing.get(deputy)
    on = current is not None and current.topic == topic and country in current.capitals
    return {"on": on, "problem": standing_problem(rules, actor, Standing(deputy, (country,), topic))}


def talks(room: ClassRoom, seat: Seat, editing: int | None = None) -> dict:
    """Talks with the other side (a scenario that gives the side a channel): you or a deputy, on each topic,
    legal or refused with the engine's words; what each track stands at."""
    session = room.sessions[seat.game_id]
    rules, actor = session.rules, seat.actor
    other = rules.labels.actors[rival_of(rules, actor)]
    shapes: list[tuple[str, Order]] = []
    if rules.can_engage[actor]:
        engagers = [-1] + [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == actor]
        for who in engagers:
            name = "You" if who < 0 else rules.labels.deputies[who]
            shapes += [(name, Order(actor, Kind.ENGAGE, t, deputy=who)) for t in range(rules.n_topics)]
    track = session.state.track[0] if session.state.track.size else ()
    tracks = [f"{name} {float(value):.0f}" for name, value in zip(rules.labels.tracks, track)]
    return {
        "code": "talks",
        "name": f"Talks with {other}",
        "meta": ("Tracks: " + ", ".join(tracks)) if tracks else "",
        "groups": [],
        "offers": _offers(session, actor, shapes, room, seat, _editing(session, actor, editing)),
        "stops": [],
        "max_stops": 0,
    }


def teacher_view(room: ClassRoom) -> dict:
    games = []
    for game_id, session in room.sessions.items():
        tier, score = standing(session.rules, session.state)
        games.append(
            {
                "game": game_id,
                "week": session.turn,
                "weeks": session.rules.n_turns,
                "over": session.is_over,
                "tier": tier,
                "score": round(score, 1),
                "sides": _sides(room, session, game_id),
            }
        )
    seats = [
        {
            "name": s.name,
            "side": s.side,
            "game": s.game_id,
            "ready": s.id in room.ready_seats or s.actor in room.sessions[s.game_id].submitted,
            "role": s.role,
            "role_label": role_label(room.scenario, s.actor, s.role),
        }
        for s in room.seats.values()
    ]
    row = room.row
    return {
        "class": {"name": row.name, "code": row.code, "status": row.status, "deadline": row.deadline},
        "scenario": room.scenario.id,
        "title": room.scenario.doc.title,
        "settings": room.settings.to_dict(),
        "team": room.team,
        "seats": seats,
        "games": games,
        "injects": _injects(room),
    }
