"""One class being played: its games as live :class:`game.session.Session` objects, its seats, and every
change a student or the teacher asks for, written to the store before it is answered.

No HTTP here (``game.server.app`` turns requests into these calls and :class:`ApiError` into answers), so
the tests and a future load benchmark can drive a class directly.  Every public method takes the room's lock:
one change at a time, applied to the session and written to the database in the same order.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
import unicodedata
from dataclasses import dataclass

from game.drafting import Draft
from game.engine import IllegalOrder, Kind, Order
from game.plan import Skipped
from game.scenario import Scenario
from game.session import (
    SAVE_FORMAT,
    SAVE_VERSION,
    SaveError,
    Session,
    StaffRefused,
    order_from_dict,
    scenario_digest,
    sheet_to_list,
)
from game.sim.settings import Settings

from .store import ClassRow, SeatRow, Store

# Six characters a student types from the board, without look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B).
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
MAX_NAME = 40
MAX_ORDERS = 40  # far above any week's budget; bounds what one sheet may hold
MAX_SEATS = 120  # four classes' worth: every seat holds a game in memory, so a flood of joins is bounded
STATUSES = ("open", "paused", "ended")
SECRETARY = "secretary"  # the role of a side's principal: calls, the trip, groups, talks, escalations


class ApiError(Exception):
    """A request refused: ``status`` (HTTP), one line of ``message``, and the field it is about."""

    def __init__(self, status: int, message: str, where: str = ""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.where = where


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_class_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def clean_name(name: str) -> str:
    """A student's name as stored: trimmed, inner runs of spaces made one; refused (ApiError) when empty, too
    long or holding control or format characters (which could hide or reorder what the teacher reads)."""
    name = " ".join(name.split())
    if not name:
        raise ApiError(400, "type your name", "name")
    if len(name) > MAX_NAME:
        raise ApiError(400, f"a name has at most {MAX_NAME} characters", "name")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in name):
        raise ApiError(400, "the name holds a control character", "name")
    return name


@dataclass(frozen=True)
class Seat:
    id: int
    game_id: int
    actor: int
    side: str  # the actor's code, USA or RUS
    name: str
    role: str = SECRETARY  # SECRETARY or the scenario's id of one deputy of the side


# --------------------------------------------------------------------------------------------- teams


def side_roles(scenario: Scenario, actor: int, team: int) -> list[str]:
    """The roles of a side's seats in a class of teams of ``team``: the Secretary, then the side's first
    ``team - 1`` deputies in the scenario's order (a side with fewer deputies has a smaller team)."""
    rules = scenario.rules
    deputies = [rules.deputies[d] for d in range(len(rules.deputies)) if rules.deputy_actor[d] == actor]
    return [SECRETARY, *deputies[: max(team, 1) - 1]]


def max_team(scenario: Scenario) -> int:
    """The largest team a side of this crisis can field: its Secretary and every deputy of the side."""
    rules = scenario.rules
    return 1 + max((sum(1 for a in rules.deputy_actor if a == actor) for actor in range(len(rules.actors))), default=0)


def order_role(scenario: Scenario, order: Order) -> str:
    """Whose order it is: a deputy's call (or a deputy's talk with the rival) is that deputy's; every other
    order - a call, a trip, a group, the principal's talk - is the Secretary's."""
    return scenario.rules.deputies[order.deputy] if order.deputy >= 0 else SECRETARY


def role_label(scenario: Scenario, actor: int, role: str) -> str:
    """A role in words: the side's principal as the scenario names them, or the deputy's name."""
    if role == SECRETARY:
        return scenario.doc.actors[scenario.rules.actors[actor]].principal
    rules = scenario.rules
    return rules.labels.deputies[rules.deputies.index(role)]


class ClassRoom:
    """A class: the row of the ``classes`` table, its games rebuilt from the store, and its seats."""

    def __init__(self, store: Store, class_id: int, scenario: Scenario):
        self.store = store
        self.scenario = scenario
        self.lock = threading.RLock()
        self.row: ClassRow = store.class_row(class_id)
        if self.row.scenario_digest != scenario_digest(scenario):
            raise SaveError(
                f"class '{self.row.name}': scenario '{scenario.id}' has changed since the class started; "
                "its games cannot be replayed (start a new class with another --name)"
            )
        self.settings = Settings.from_dict(self.row.settings)
        self.sessions: dict[int, Session] = {}
        for game_id, _seed in store.games(class_id):
            self.sessions[game_id] = self._replay(game_id)
        self.seats: dict[int, Seat] = {}
        self._seat_by_hash: dict[str, Seat] = {}
        self.team = max(int(self.row.team), 1)
        self.ready_seats: set[int] = set()  # seats done with the week; a side is ready when all its seats are
        for row in store.seats(class_id):
            self._remember(row)
            # A side stored ready has every seat ready (a database from before teams kept only the side's).
            if row.ready or self.scenario.rules.actors.index(row.side) in self.sessions[row.game_id].submitted:
                self.ready_seats.add(row.id)

    @classmethod
    def create(
        cls, store: Store, scenario: Scenario, seed: int, settings: Settings, name: str, team: int = 1
    ) -> ClassRoom:
        settings.check(scenario)
        if not 1 <= team <= max_team(scenario):
            raise ValueError(
                f"a team is 1 to {max_team(scenario)} students in this crisis (the Secretary and the side's deputies)"
            )
        row = store.create_class(
            name=name,
            code=new_class_code(),
            teacher_key=secrets.token_urlsafe(24),
            scenario=scenario.id,
            scenario_path=str(scenario.path) if scenario.path else None,
            scenario_digest=scenario_digest(scenario),
            seed=seed,
            settings=settings.to_dict(),
            team=team,
        )
        return cls(store, row.id, scenario)

    # -------------------------------------------------------------------------------------- replaying

    def _replay(self, game_id: int) -> Session:
        """A game rebuilt from its rows through the save format's own loader."""
        recipe = self.store.game_recipe(game_id)
        rules = self.scenario.rules
        player, rival = rules.actors[self.scenario.player], rules.actors[self.scenario.rival]
        pending = recipe["pending"]
        data = {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "scenario": self.scenario.id,
            "scenario_digest": self.row.scenario_digest,
            "seed": self.row.seed,
            "rival_policy": self.settings.rival,
            "settings": self.settings.to_dict(),
            "weeks": recipe["weeks"],
            "pending": pending.get(player, ([], False))[0],
            "pending_rival": pending.get(rival, ([], False))[0] if self.settings.two_sided else [],
            "submitted": [side for side, (_, ready) in pending.items() if ready],
            "class": self.row.name,
            "injects": recipe.get("injects", []),
            "staff_used": {side: used for side, (used, _) in recipe.get("staff", {}).items() if used},
            "staff_week": {side: week for side, (_, week) in recipe.get("staff", {}).items() if week},
            **recipe.get("plan", {}),  # standing instructions and their calls among the pending orders
        }
        session = Session.from_dict(data, f"class '{self.row.name}', game {game_id}", self.scenario)
        for seat in self.store.seats(self.row.id):
            if seat.game_id == game_id and seat.role == SECRETARY:
                session.names[rules.actors.index(seat.side)] = seat.name
        return session

    def _recipe(self, session: Session, game_id: int | None) -> dict:
        """What the store keeps of game ``game_id`` (None: a game not stored yet, so no seat is in it)."""
        rules = session.rules
        saved = session.to_dict()
        weeks = saved["weeks"]
        pending = {
            rules.actors[a]: (sheet_to_list(session.scenario, session.pending_for(a)), a in session.submitted)
            for a in session.humans
        }
        staff = {
            rules.actors[a]: (session.staff_used.get(a, 0), session.staff_week.get(a, 0))
            for a in session.humans
            if session.staff_used.get(a, 0)
        }
        seats_ready = {s.id: s.id in self.ready_seats for s in self.seats.values() if s.game_id == game_id}
        return {
            "weeks": weeks,
            "pending": pending,
            "injects": saved.get("injects", []),
            "staff": staff,
            "seats_ready": seats_ready,
            "plan": {k: saved[k] for k in ("standing", "pending_standing") if saved[k]},
        }

    def _commit(self, game_id: int) -> None:
        """Write a changed game; if the write fails, the game in memory goes back to what is stored, so the
        answer (an error) and the database agree."""
        try:
            self.store.save_game(game_id, self._recipe(self.sessions[game_id], game_id))
        except sqlite3.Error as exc:
            self.sessions[game_id] = self._replay(game_id)
            stored = {row.id for row in self.store.seats(self.row.id) if row.game_id == game_id and row.ready}
            self.ready_seats = {s for s in self.ready_seats if self.seats[s].game_id != game_id} | stored
            raise ApiError(503, f"the class database could not be written ({exc}); nothing changed") from None

    # ------------------------------------------------------------------------------------------ seats

    def _remember(self, row: SeatRow) -> Seat:
        actor = self.scenario.rules.actors.index(row.side)
        if row.role not in side_roles(self.scenario, actor, max_team(self.scenario)):
            # Only an edited database holds one: the scenario's digest is checked, so its deputies are the same.
            raise SaveError(f"class '{self.row.name}': seat {row.id} plays '{row.role[:40]}', no role of {row.side}")
        seat = Seat(row.id, row.game_id, actor, row.side, row.name, row.role)
        self.seats[seat.id] = seat
        self._seat_by_hash[row.token_hash] = seat
        return seat

    def seat_for(self, token: str | None) -> Seat:
        """The seat of a student token; 401 for none or an unknown one."""
        if not token or len(token) > 100:
            raise ApiError(401, "join the class first (no seat token)", "token")
        seat = self._seat_by_hash.get(token_hash(token))
        if seat is None:
            raise ApiError(401, "unknown seat token: join the class again", "token")
        return seat

    def check_teacher(self, key: str | None) -> None:
        if not key or not hmac.compare_digest(key.encode("utf-8"), self.row.teacher_key.encode("utf-8")):
            raise ApiError(401, "the teacher's key is missing or wrong", "key")

    def _check_code(self, code: str) -> None:
        if not hmac.compare_digest(code.strip().upper().encode("utf-8"), self.row.code.encode("utf-8")):
            raise ApiError(403, "that is not this class's code", "code")
        if self.row.status == "ended":
            raise ApiError(403, "the class has ended", "code")

    def free_seats(self, code: str) -> list[dict]:
        """The roles a student may still choose when joining (a class of teams, or two-sided): each game still
        playing, its side and role, and who already plays that side - what the join page offers."""
        with self.lock:
            self._check_code(code)
            rules = self.scenario.rules
            out = []
            for game_id, actor, role in self._open_seats():
                out.append(
                    {
                        "game": game_id,
                        "side": rules.actors[actor],
                        "side_label": rules.labels.actors[actor],
                        "role": role,
                        "label": role_label(self.scenario, actor, role),
                        "with": [s.name for s in self._team(game_id, actor)],
                    }
                )
            return out

    def join(self, code: str, name: str, choice: tuple[int, str, str] | None = None) -> tuple[Seat, str]:
        """A new seat for a student: (seat, token).  One-sided classes give each student a game of their own
        on the scenario's player side; two-sided classes fill each game's rival side before opening another;
        in a class of teams each game's roles are filled in turn (:meth:`_open_seats`).  ``choice`` (game,
        side code, role) is a free seat the student picked on the join page; refused when it is not free."""
        with self.lock:
            self._check_code(code)
            name = clean_name(name)
            if len(self.seats) >= MAX_SEATS:
                raise ApiError(403, f"the class is full ({MAX_SEATS} students)", "code")
            rules = self.scenario.rules
            if choice is None:
                game_id, actor, role = self._free_seat()
            else:
                game_id, actor, role = self._chosen_seat(*choice)
            token = secrets.token_urlsafe(24)
            session = None
            if game_id is None:
                session = Session(self.scenario, self.row.seed, settings=self.settings)
                session.class_name = self.row.name
                # A game that starts after the teacher released an inject gets it too, at its first week's end:
                # the news went to the whole class.
                for inject in self.store.released(self.row.id):
                    session.release(self.scenario.inject_index(inject))
                recipe = self._recipe(session, None)
            elif actor in self.sessions[game_id].submitted:
                # A side that was ready has a new seat that is not: the side waits for it again.
                recipe = self._recipe(self.sessions[game_id], game_id)
                orders, _ = recipe["pending"][rules.actors[actor]]
                recipe["pending"][rules.actors[actor]] = (orders, False)
                recipe["seats_ready"] = {s: False for s in recipe["seats_ready"] if self.seats[s].actor == actor}
            else:
                recipe = {}
            try:
                row = self.store.add_seat(
                    self.row.id, game_id, self.row.seed, rules.actors[actor], name, token_hash(token), recipe, role
                )
            except sqlite3.Error as exc:
                raise ApiError(503, f"the class database could not be written ({exc}); try again") from None
            if session is not None:
                self.sessions[row.game_id] = session
            elif recipe:
                self.sessions[row.game_id].set_ready(actor, False)
                self.ready_seats -= {s.id for s in self._team(row.game_id, actor)}
            if role == SECRETARY:
                self.sessions[row.game_id].names[actor] = name
            return self._remember(row), token

    def _free_seat(self) -> tuple[int | None, int, str]:
        """(game, side, role) of the next student: the first free role of the oldest game still playing - each
        side's Secretary first, then the sides' deputies in turn (Washington's first, then Moscow's first...) -
        or a new game (None) on the player's side as its Secretary.  One student per side (a team of one):
        one-sided, a game each; two-sided, Washington of a new game then Moscow of it."""
        return next(self._open_seats(), (None, self.scenario.player, SECRETARY))

    def _chosen_seat(self, game_id: int, side: str, role: str) -> tuple[int, int, str]:
        rules = self.scenario.rules
        actor = rules.actors.index(side) if side in rules.actors else -1
        if (game_id, actor, role) not in set(self._open_seats()):
            raise ApiError(
                409, "that seat is not free (someone took it, or there is no such seat): choose again", "seat"
            )
        return game_id, actor, role

    def _open_seats(self):
        """Every free (game, side, role) of the games still playing, in the order students fill them."""
        sides = [self.scenario.player] + ([self.scenario.rival] if self.settings.two_sided else [])
        roles = {a: side_roles(self.scenario, a, self.team) for a in sides}
        order = [
            (a, roles[a][k]) for k in range(max(len(r) for r in roles.values())) for a in sides if k < len(roles[a])
        ]
        for gid, session in self.sessions.items():
            if session.is_over:
                continue
            taken = {(s.actor, s.role) for s in self.seats.values() if s.game_id == gid}
            for actor, role in order:
                if (actor, role) not in taken:
                    yield gid, actor, role

    def _team(self, game_id: int, actor: int) -> list[Seat]:
        """The seats playing side ``actor`` of a game."""
        return [s for s in self.seats.values() if s.game_id == game_id and s.actor == actor]

    def giver(self, seat: Seat, role: str) -> Seat | None:
        """The seat of ``seat``'s team that gives ``role``'s orders: the seat holding the role, else the
        Secretary's seat (who gives the calls of every deputy nobody holds)."""
        team = self._team(seat.game_id, seat.actor)
        holder = next((s for s in team if s.role == role), None)
        return holder or next((s for s in team if s.role == SECRETARY), None)

    def role_refusal(self, seat: Seat, role: str) -> str | None:
        """Why ``seat`` may not give (or take back) an order of ``role``, in words; None when it may."""
        giver = self.giver(seat, role)
        if giver is None or giver.id == seat.id:
            return None
        mine = role_label(self.scenario, seat.actor, seat.role)
        if role == SECRETARY:
            principal = role_label(self.scenario, seat.actor, SECRETARY)
            return (
                f"calls, trips, groups, talks and escalations are {principal}'s, whom {giver.name} plays; "
                f"you play {mine}: give {mine}'s call"
            )
        return f"{role_label(self.scenario, seat.actor, role)}'s call is {giver.name}'s to give; you play {mine}"

    def escalation_refusal(self, seat: Seat) -> str | None:
        """Why ``seat`` may not raise its side's escalations (they are the Secretary's), shortly; None if it may."""
        if self.role_refusal(seat, SECRETARY) is None:
            return None
        giver = self.giver(seat, SECRETARY)
        return f"{giver.name} raises escalations, playing {role_label(self.scenario, seat.actor, SECRETARY)}"

    def _check_role(self, seat: Seat, role: str) -> None:
        reason = self.role_refusal(seat, role)
        if reason is not None:
            raise ApiError(403, reason, "role")

    def _check_seat_not_ready(self, seat: Seat, session: Session) -> None:
        if seat.id in self.ready_seats and seat.actor not in session.submitted:
            raise ApiError(409, "you are ready: take back 'ready' to change your orders", "ready")

    # ---------------------------------------------------------------------------------------- orders

    def _playing(self, seat: Seat) -> Session:
        if self.row.status == "paused":
            raise ApiError(403, "the teacher has paused the class", "status")
        if self.row.status == "ended":
            raise ApiError(403, "the class has ended", "status")
        session = self.sessions[seat.game_id]
        if session.is_over:
            raise ApiError(409, "the crisis is over", "week")
        return session

    def add_order(self, seat: Seat, order: dict, week: int | None = None, from_staff: bool = False) -> None:
        """Add an order (the save format's fields; its side is the seat's) to the seat's sheet.  ``from_staff``:
        one of the staff's suggestions, counted (and limited) as the desktop game counts it."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            if len(session.pending_for(seat.actor).orders) >= MAX_ORDERS:
                raise ApiError(400, f"a sheet holds at most {MAX_ORDERS} orders", "order")
            try:
                parsed = order_from_dict(session.rules, {**order, "actor": seat.side})
            except (KeyError, ValueError, TypeError) as exc:
                raise ApiError(400, f"the order names nothing of this crisis: {exc}", "order") from None
            if seat.actor in session.humans and seat.actor not in session.submitted and not session.is_over:
                self._check_role(seat, order_role(self.scenario, parsed))
                self._check_seat_not_ready(seat, session)
            try:
                session.add_for(seat.actor, parsed, from_staff=from_staff)
            except StaffRefused as exc:
                raise ApiError(403, str(exc), "staff") from None
            except IllegalOrder as exc:
                raise ApiError(409 if seat.actor in session.submitted else 400, str(exc), "order") from None
            self._commit(seat.game_id)

    def take_back(self, seat: Seat, index: int, week: int | None = None) -> None:
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            orders = session.pending_for(seat.actor).orders if seat.actor in session.humans else ()
            if 0 <= index < len(orders) and seat.actor not in session.submitted:
                self._check_role(seat, order_role(self.scenario, orders[index]))
                self._check_seat_not_ready(seat, session)
            try:
                session.take_back_for(seat.actor, index)
            except IllegalOrder as exc:
                raise ApiError(409, str(exc), "index") from None
            except IndexError as exc:
                raise ApiError(404, str(exc), "index") from None
            self._commit(seat.game_id)

    def set_ready(self, seat: Seat, ready: bool, week: int | None = None) -> bool:
        """The seat's side is ready (or not); True when that resolved the week."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            if ready and self.settings.two_sided and len(self._seated_sides(seat.game_id)) < len(session.humans):
                raise ApiError(409, "your rival has not joined yet: the week waits for both sides", "ready")
            before = session.turn
            was_ready = seat.id in self.ready_seats
            team = self._team(seat.game_id, seat.actor)
            try:
                if ready:
                    # The seat is done; its side is ready (and the week may resolve) when every seat of it is.
                    self.ready_seats.add(seat.id)
                    if all(s.id in self.ready_seats for s in team) or seat.actor in session.submitted:
                        session.set_ready(seat.actor, True)
                else:
                    self.ready_seats.discard(seat.id)
                    if seat.actor in session.submitted or len(team) == 1:
                        session.set_ready(seat.actor, False)
            except IllegalOrder as exc:
                if not was_ready:
                    self.ready_seats.discard(seat.id)
                raise ApiError(409, str(exc), "ready") from None
            if session.turn != before:
                self.ready_seats -= {s.id for s in self.seats.values() if s.game_id == seat.game_id}
            self._commit(seat.game_id)
            return session.turn != before

    def set_escalation(self, seat: Seat, escalation: str, raised: bool, week: int | None = None) -> None:
        """Raise (or take back) one of the seat's side's escalations, named by its id in the scenario."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            ids = [e.id for e in self.scenario.doc.escalations]
            if escalation not in ids:
                raise ApiError(400, f"no escalation '{escalation[:60]}' in this crisis", "escalation")
            event = len(self.scenario.doc.events) + ids.index(escalation)
            if seat.actor in session.humans and seat.actor not in session.submitted:
                reason = self.escalation_refusal(seat)
                if reason is not None:
                    raise ApiError(403, reason, "role")
                self._check_seat_not_ready(seat, session)
            try:
                session.raise_for(seat.actor, event, raised)
            except IllegalOrder as exc:
                raise ApiError(409 if seat.actor in session.submitted else 400, str(exc), "escalation") from None
            self._commit(seat.game_id)

    # ------------------------------------------------------------------------------ the week's plan
    # Each takes the seat, not only its side: a seat's role (a deputy's seat of a team) can then narrow what
    # it may change here before the session is asked.

    def _order(self, session: Session, seat: Seat, order: dict) -> Order:
        try:
            return order_from_dict(session.rules, {**order, "actor": seat.side})
        except (KeyError, ValueError, TypeError) as exc:
            raise ApiError(400, f"the order names nothing of this crisis: {exc}", "order") from None

    def _refused(self, session: Session, seat: Seat, exc: Exception, where: str) -> ApiError:
        return ApiError(409 if seat.actor in session.submitted else 400, str(exc), where)

    def _check_plan_change(self, seat: Seat, session: Session, *roles: str) -> None:
        """In a team a seat changes only its own role's part of the plan, and not once it is ready (as
        :meth:`add_order`); a side that is in is refused by the session itself."""
        if seat.actor in session.humans and seat.actor not in session.submitted and not session.is_over:
            for role in roles:
                self._check_role(seat, role)
            self._check_seat_not_ready(seat, session)

    def replace_order(self, seat: Seat, index: int, order: dict, week: int | None = None) -> None:
        """Change the seat's pending order ``index`` in place (the engine judges it against the rest of the
        plan); a standing call so changed is this week's own."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            parsed = self._order(session, seat, order)
            pending = session.pending_for(seat.actor).orders
            if not 0 <= index < len(pending):
                raise ApiError(404, "no such order in the plan", "index")
            self._check_plan_change(
                seat, session, order_role(self.scenario, pending[index]), order_role(self.scenario, parsed)
            )
            try:
                session.replace_for(seat.actor, index, parsed)
            except IllegalOrder as exc:
                raise self._refused(session, seat, exc, "order") from None
            self._commit(seat.game_id)

    def move_order(self, seat: Seat, index: int, to: int, week: int | None = None) -> None:
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            pending = session.pending_for(seat.actor).orders
            if 0 <= index < len(pending):
                self._check_plan_change(seat, session, order_role(self.scenario, pending[index]))
            try:
                session.move_for(seat.actor, index, to)
            except IllegalOrder as exc:
                raise ApiError(409, str(exc), "index") from None
            except IndexError as exc:
                raise ApiError(404, str(exc), "index") from None
            self._commit(seat.game_id)

    def repeat_last_week(self, seat: Seat, week: int | None = None) -> tuple[list[Order], list[Skipped]]:
        """Queue the seat's side's orders of last week that the rules still allow: (queued, passed over with
        the engine's refusal)."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            if not session.weeks or session.weeks[-1].prelude:
                raise ApiError(409, "no week of yours to repeat yet", "repeat")
            room_left = MAX_ORDERS - len(session.pending_for(seat.actor).orders)
            self._check_plan_change(seat, session)

            def mine(order: Order) -> bool:  # in a team each seat repeats its own role's orders
                return self.role_refusal(seat, order_role(self.scenario, order)) is None

            try:
                added, skipped = session.repeat_last_week_for(seat.actor, keep=mine)
            except IllegalOrder as exc:
                raise ApiError(409, str(exc), "repeat") from None
            if len(added) > room_left:  # cannot happen within a week's budget; the bound holds all the same
                self.sessions[seat.game_id] = self._replay(seat.game_id)
                raise ApiError(400, f"a sheet holds at most {MAX_ORDERS} orders", "repeat")
            self._commit(seat.game_id)
            return added, skipped

    def make_standing(self, seat: Seat, deputy: str, country: str, topic: str, week: int | None = None) -> str:
        """The seat's deputy calls ``country`` on ``topic`` every week: a new standing instruction, or, when the
        deputy has one on that topic, the country added to its capitals (again: taken out), as the desktop's
        drafting model does it.  Returns what happened in words."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            rules = session.rules
            d = self._deputy(seat, deputy)
            self._check_plan_change(seat, session, rules.deputies[d])
            if country not in rules.countries:
                raise ApiError(400, "no such country in this crisis", "country")
            if topic not in rules.topics:
                raise ApiError(400, "no such topic in this crisis", "topic")
            draft = Draft(session, side=seat.actor, kind=Kind.DEPUTY_CALL, deputy=d)
            draft.country = rules.countries.index(country)
            draft.topic = rules.topics.index(topic)
            had = d in session.standing
            try:
                standing, words = draft.make_standing()
            except IllegalOrder as exc:
                raise self._refused(session, seat, exc, "standing") from None
            if standing is None and not (had and d not in session.standing):
                raise ApiError(409 if seat.actor in session.submitted else 400, words, "standing")
            self._commit(seat.game_id)
            return words

    def clear_standing(self, seat: Seat, deputy: str, week: int | None = None) -> None:
        """End the standing instruction of one of the seat's deputies (this week's call it queued goes too)."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            d = self._deputy(seat, deputy)
            self._check_plan_change(seat, session, session.rules.deputies[d])
            if d not in session.standing:
                raise ApiError(404, f"{session.rules.labels.deputies[d]} has no standing instruction", "deputy")
            try:
                session.clear_standing_for(seat.actor, d)
            except IllegalOrder as exc:
                raise self._refused(session, seat, exc, "deputy") from None
            self._commit(seat.game_id)

    def _deputy(self, seat: Seat, code: str) -> int:
        rules = self.scenario.rules
        if code not in rules.deputies:
            raise ApiError(400, "no such deputy in this crisis", "deputy")
        d = rules.deputies.index(code)
        if rules.deputy_actor[d] != seat.actor:
            raise ApiError(403, "only your own deputies take standing instructions", "deputy")
        return d

    def _check_week(self, session: Session, week: int | None) -> None:
        """A request made for a week that has since resolved (an old page, a late click) changes nothing."""
        if week is not None and week != session.turn:
            raise ApiError(409, f"that was for week {week + 1}; it is now week {session.turn + 1}", "week")

    def _seated_sides(self, game_id: int) -> set[int]:
        return {s.actor for s in self.seats.values() if s.game_id == game_id}

    # --------------------------------------------------------------------------------------- teacher

    def set_status(self, status: str) -> None:
        with self.lock:
            if status not in STATUSES:
                raise ApiError(400, f"status must be one of {', '.join(STATUSES)}", "status")
            if self.row.status == "ended":
                raise ApiError(403, "the class has ended", "status")
            self.store.set_status(self.row.id, status)
            self.row = self.store.class_row(self.row.id)

    def set_timer(self, seconds: int, now: float | None = None) -> float | None:
        """End the week of every game in ``seconds`` (0 clears the timer).  Each game's week is the one it is
        in now: a game whose players all get ready before the time is up goes on, and the timer does not cut
        its next week short."""
        with self.lock:
            if seconds == 0:
                deadline, weeks = None, {}
            else:
                deadline = (time.time() if now is None else now) + seconds
                weeks = {g: s.turn for g, s in self.sessions.items() if not s.is_over}
            self.store.set_deadline(self.row.id, deadline, weeks)
            self.row = self.store.class_row(self.row.id)
            return deadline

    def resolve_all(self, timer: bool = False) -> list[int]:
        """Resolve the week of every game still playing, with the orders given so far (the teacher said so;
        with ``timer``, only the games still in the week the timer was set for).  A two-sided game still
        waiting for its second player is left alone.  Returns the games that moved on."""
        with self.lock:
            if self.row.status == "ended":
                raise ApiError(403, "the class has ended", "status")
            moved = []
            for game_id, session in self.sessions.items():
                if session.is_over or len(self._seated_sides(game_id)) < len(session.humans):
                    continue
                if timer and self.row.timer_weeks.get(game_id) != session.turn:
                    continue
                session.resolve_now()
                self.ready_seats -= {s.id for s in self.seats.values() if s.game_id == game_id}
                self._commit(game_id)
                moved.append(game_id)
            if self.row.deadline is not None:
                self.store.set_deadline(self.row.id, None)
                self.row = self.store.class_row(self.row.id)
            return moved

    def release_inject(self, inject: str, now: float | None = None) -> list[int]:
        """The teacher releases the scenario's inject ``inject`` (its id) to the whole class: it lands at the end
        of the next week each game resolves (a game already over does not get it), once.  Returns the games
        it goes to.  Refused when the class has ended, the inject is unknown, or it was released already."""
        with self.lock:
            if self.row.status == "ended":
                raise ApiError(403, "the class has ended", "status")
            try:
                event = self.scenario.inject_index(inject)
            except ValueError as exc:
                raise ApiError(404, str(exc), "inject") from None
            if inject in self.store.released(self.row.id):
                raise ApiError(409, f"'{inject}' has been released already", "inject")
            games = [g for g, s in self.sessions.items() if not s.is_over]
            for game_id in games:
                self.sessions[game_id].release(event)
            try:
                recipes = {g: self._recipe(self.sessions[g], g) for g in games}
                self.store.release_inject(self.row.id, inject, time.time() if now is None else now, recipes)
            except sqlite3.Error as exc:
                for game_id in games:
                    self.sessions[game_id] = self._replay(game_id)
                raise ApiError(503, f"the class database could not be written ({exc}); nothing changed") from None
            return games

    def deadline_passed(self, now: float) -> bool:
        return self.row.deadline is not None and now >= self.row.deadline and self.row.status == "open"
