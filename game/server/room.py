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
from game.session import SAVE_FORMAT, SAVE_VERSION, SaveError, Session, order_from_dict, scenario_digest, sheet_to_list
from game.sim.settings import Settings

from .store import ClassRow, SeatRow, Store

# Six characters a student types from the board, without look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B).
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
MAX_NAME = 40
MAX_ORDERS = 40  # far above any week's budget; bounds what one sheet may hold
MAX_SEATS = 120  # four classes' worth: every seat holds a game in memory, so a flood of joins is bounded
STATUSES = ("open", "paused", "ended")


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
        for row in store.seats(class_id):
            self._remember(row)

    @classmethod
    def create(cls, store: Store, scenario: Scenario, seed: int, settings: Settings, name: str) -> ClassRoom:
        settings.check(scenario)
        row = store.create_class(
            name=name,
            code=new_class_code(),
            teacher_key=secrets.token_urlsafe(24),
            scenario=scenario.id,
            scenario_path=str(scenario.path) if scenario.path else None,
            scenario_digest=scenario_digest(scenario),
            seed=seed,
            settings=settings.to_dict(),
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
            **recipe.get("plan", {}),  # standing instructions and their calls among the pending orders
        }
        session = Session.from_dict(data, f"class '{self.row.name}', game {game_id}", self.scenario)
        for seat in self.store.seats(self.row.id):
            if seat.game_id == game_id:
                session.names[rules.actors.index(seat.side)] = seat.name
        return session

    def _recipe(self, session: Session) -> dict:
        rules = session.rules
        weeks = session.to_dict()["weeks"]
        pending = {
            rules.actors[a]: (sheet_to_list(session.scenario, session.pending_for(a)), a in session.submitted)
            for a in session.humans
        }
        saved = session.to_dict()
        plan = {k: saved[k] for k in ("standing", "pending_standing") if saved[k]}
        return {"weeks": weeks, "pending": pending, "plan": plan}

    def _commit(self, game_id: int) -> None:
        """Write a changed game; if the write fails, the game in memory goes back to what is stored, so the
        answer (an error) and the database agree."""
        try:
            self.store.save_game(game_id, self._recipe(self.sessions[game_id]))
        except sqlite3.Error as exc:
            self.sessions[game_id] = self._replay(game_id)
            raise ApiError(503, f"the class database could not be written ({exc}); nothing changed") from None

    # ------------------------------------------------------------------------------------------ seats

    def _remember(self, row: SeatRow) -> Seat:
        actor = self.scenario.rules.actors.index(row.side)
        seat = Seat(row.id, row.game_id, actor, row.side, row.name)
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

    def join(self, code: str, name: str) -> tuple[Seat, str]:
        """A new seat for a student: (seat, token).  One-sided classes give each student a game of their own
        on the scenario's player side; two-sided classes fill each game's rival side before opening another."""
        with self.lock:
            if not hmac.compare_digest(code.strip().upper().encode("utf-8"), self.row.code.encode("utf-8")):
                raise ApiError(403, "that is not this class's code", "code")
            if self.row.status == "ended":
                raise ApiError(403, "the class has ended", "code")
            name = clean_name(name)
            if len(self.seats) >= MAX_SEATS:
                raise ApiError(403, f"the class is full ({MAX_SEATS} students)", "code")
            rules = self.scenario.rules
            game_id, actor = None, self.scenario.player
            if self.settings.two_sided:
                taken = {(s.game_id, s.actor) for s in self.seats.values()}
                for gid in self.sessions:
                    if (gid, self.scenario.rival) not in taken:
                        game_id, actor = gid, self.scenario.rival
                        break
            token = secrets.token_urlsafe(24)
            session = None
            if game_id is None:
                session = Session(self.scenario, self.row.seed, settings=self.settings)
                session.class_name = self.row.name
                recipe = self._recipe(session)
            else:
                recipe = {}
            try:
                row = self.store.add_seat(
                    self.row.id, game_id, self.row.seed, rules.actors[actor], name, token_hash(token), recipe
                )
            except sqlite3.Error as exc:
                raise ApiError(503, f"the class database could not be written ({exc}); try again") from None
            if session is not None:
                self.sessions[row.game_id] = session
            self.sessions[row.game_id].names[actor] = name
            return self._remember(row), token

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

    def add_order(self, seat: Seat, order: dict, week: int | None = None) -> None:
        """Add an order (the save format's fields; its side is the seat's) to the seat's sheet."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            if len(session.pending_for(seat.actor).orders) >= MAX_ORDERS:
                raise ApiError(400, f"a sheet holds at most {MAX_ORDERS} orders", "order")
            try:
                parsed = order_from_dict(session.rules, {**order, "actor": seat.side})
            except (KeyError, ValueError, TypeError) as exc:
                raise ApiError(400, f"the order names nothing of this crisis: {exc}", "order") from None
            try:
                session.add_for(seat.actor, parsed)
            except IllegalOrder as exc:
                raise ApiError(409 if seat.actor in session.submitted else 400, str(exc), "order") from None
            self._commit(seat.game_id)

    def take_back(self, seat: Seat, index: int, week: int | None = None) -> None:
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
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
            try:
                session.set_ready(seat.actor, ready)
            except IllegalOrder as exc:
                raise ApiError(409, str(exc), "ready") from None
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

    def replace_order(self, seat: Seat, index: int, order: dict, week: int | None = None) -> None:
        """Change the seat's pending order ``index`` in place (the engine judges it against the rest of the
        plan); a standing call so changed is this week's own."""
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
            parsed = self._order(session, seat, order)
            if not 0 <= index < len(session.pending_for(seat.actor).orders):
                raise ApiError(404, "no such order in the plan", "index")
            try:
                session.replace_for(seat.actor, index, parsed)
            except IllegalOrder as exc:
                raise self._refused(session, seat, exc, "order") from None
            self._commit(seat.game_id)

    def move_order(self, seat: Seat, index: int, to: int, week: int | None = None) -> None:
        with self.lock:
            session = self._playing(seat)
            self._check_week(session, week)
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
            try:
                added, skipped = session.repeat_last_week_for(seat.actor)
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
                self._commit(game_id)
                moved.append(game_id)
            if self.row.deadline is not None:
                self.store.set_deadline(self.row.id, None)
                self.row = self.store.class_row(self.row.id)
            return moved

    def deadline_passed(self, now: float) -> bool:
        return self.row.deadline is not None and now >= self.row.deadline and self.row.status == "open"
