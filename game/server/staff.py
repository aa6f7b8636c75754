""" "Ask your staff" for the class server: the desktop's advisor (``game.ai.advise``, asked exactly as the
desktop's staff panel asks it: ``game.classroom.advice``) for a seat's side and its orders as they stand.

The advisor plays the rest of the crisis out many times (a fraction of a second on a laptop, longer under a
class's load), so it never runs on the event loop or under the room's lock: the question (the state, the
side's sheet) is read under the lock, the rollouts run in a worker thread, at most ``THREADS`` at once for the
whole class so that a class asking together leaves threads for everyone's orders and pages, and one at a time
per seat (a seat's second ask waits for its first and reads its answer).  Each seat's last answer is kept,
keyed by the week and the orders it was asked about, so asking again costs nothing until the orders change.

A suggestion is added by its number in that answer, with the answer's ``question`` mark: a suggestion is added
only for the plan it was given for, and the session counts it (``Session.add_for(..., from_staff=True)``,
``staff_used`` and this week's ``staff_week``) as the desktop counts it, so the gradebook and the reports read
the same numbers.  With the teacher's staff off, both are refused and the page shows no control.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass

import anyio

from game.ai.advisor import Advice, advise
from game.classroom.advice import advice_arguments, how_they_judge, staff_limit_words, worth
from game.classroom.words import fogged
from game.engine import Order, legal_orders, why_illegal
from game.session import Session, order_to_dict

from .room import ApiError, ClassRoom, Seat

THREADS = 2  # advisors running at once for the whole class (the machine's cores, not the students')
OFF = "your teacher turned the staff's advice off for this game"


def staff_mode(session: Session) -> dict:
    """The teacher's setting and the side's use of it, for the seat's state: ``mode`` on / limited / off."""
    limit = session.settings.staff
    return {"mode": "on" if limit is None else "off" if limit == 0 else "limited", "limit": limit}


def staff_summary(session: Session, actor: int) -> dict:
    """What the page shows beside the control: the mode, how many a week, how many are left, how many taken."""
    return {
        **staff_mode(session),
        "left": session.staff_left(actor),
        "used": session.staff_used.get(actor, 0),
        "limit_words": staff_limit_words(session, actor),
    }


@dataclass(frozen=True)
class Answer:
    key: tuple  # (week, side, the orders, the escalations raised) it was asked about
    suggestions: tuple[Advice, ...]


def question_mark(key: tuple) -> str:
    """A short mark of the question an answer is for, which the page sends back with the suggestion it adds."""
    return hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:16]


class StaffDesk:
    """The class's staff: each seat's last answer, each seat's turn, and the class's few advisor threads."""

    def __init__(self, room: ClassRoom, threads: int = THREADS, advisor=advise):
        self.room = room
        self.threads = threads
        self.advisor = advisor  # the tests count the advisor's runs through this
        self.answers: dict[int, Answer] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._limiter: anyio.CapacityLimiter | None = None

    # ----------------------------------------------------------------------------------- under the lock

    def _question(self, seat: Seat) -> tuple[tuple, dict | None]:
        """The key of the seat's question now and, unless its answer is kept, the advisor's arguments."""
        with self.room.lock:
            session = self._session(seat)
            sheet = session.pending_for(seat.actor)
            key = (session.turn, seat.actor, tuple(sheet.orders), tuple(sheet.raises))
            kept = self.answers.get(seat.id)
            if kept is not None and kept.key == key:
                return key, None
            return key, advice_arguments(session, seat.actor, sheet)

    def _session(self, seat: Seat) -> Session:
        room = self.room
        session = room.sessions[seat.game_id]
        if session.settings.staff == 0:
            raise ApiError(403, OFF, "staff")
        if room.row.status == "paused":
            raise ApiError(403, "the teacher has paused the class", "status")
        if room.row.status == "ended":
            raise ApiError(403, "the class has ended", "status")
        if session.is_over:
            raise ApiError(409, "the crisis is over", "week")
        if seat.actor not in session.humans:
            raise ApiError(403, "your side is played by the bot", "staff")
        return session

    def view(self, seat: Seat) -> dict:
        """The seat's answer for its orders as they are now (``stale`` when they changed since it was given),
        each suggestion with its words, reason, expected effect and whether it may be added."""
        with self.room.lock:
            session = self._session(seat)
            answer = self.answers.get(seat.id)
            sheet = session.pending_for(seat.actor)
            key = (session.turn, seat.actor, tuple(sheet.orders), tuple(sheet.raises))
            if answer is None or answer.key[:2] != key[:2]:
                raise ApiError(409, "ask your staff first", "staff")
            rules, fog = session.rules, fogged(session)
            refused_all = session.staff_refusal(seat.actor)
            ready = seat.actor in session.submitted
            items = []
            for i, advice in enumerate(answer.suggestions):
                order: Order = advice.order
                added = order in sheet.orders
                why = None if added else why_illegal(rules, session.state, sheet, order)
                items.append(
                    {
                        "index": i,
                        "words": session.describe(order),
                        "order": {k: v for k, v in order_to_dict(rules, order).items() if k != "actor"},
                        "reason": advice.reason[:1].upper() + advice.reason[1:],
                        "worth": None if fog else worth(session, advice),
                        "added": added,
                        "refused": why,
                        "can_add": not added and not why and not refused_all and not ready,
                    }
                )
            n = len(sheet.orders)
            return {
                "week": session.turn,
                "question": question_mark(answer.key),
                "stale": answer.key != key,
                "side": rules.labels.actors[seat.actor],
                "after": f"after your {n} order{'s' if n != 1 else ''}" if n else "",
                "suggestions": items,
                "nothing": ""
                if items
                else (
                    "Nothing is left to give this week: end the week."
                    if not legal_orders(rules, session.state, sheet)
                    else "Your staff sees no order left this week that would help: what is still possible would "
                    "not change the outcome. You may end the week."
                ),
                "how": how_they_judge(session, seat.actor),
                "refused": refused_all,
                **staff_summary(session, seat.actor),
            }

    def take(self, seat: Seat, index: int, question: str, week: int | None) -> None:
        """Add suggestion ``index`` of the answer marked ``question`` to the seat's orders, counted as the staff's."""
        room = self.room
        with room.lock:
            session = self._session(seat)
            answer = self.answers.get(seat.id)
            sheet = session.pending_for(seat.actor)
            key = (session.turn, seat.actor, tuple(sheet.orders), tuple(sheet.raises))
            if answer is None or question_mark(answer.key) != question or answer.key != key:
                raise ApiError(409, "your orders changed since your staff answered: ask them again", "question")
            if not 0 <= index < len(answer.suggestions):
                raise ApiError(404, "no such suggestion", "suggestion")
            order = answer.suggestions[index].order
            if order in sheet.orders:
                raise ApiError(409, f"already queued: {session.describe(order)}", "suggestion")
            data = {k: v for k, v in order_to_dict(session.rules, order).items() if k != "actor"}
            room.add_order(seat, data, week, from_staff=True)

    # ---------------------------------------------------------------------------------- the event loop

    async def ask(self, seat: Seat) -> dict:
        """The seat's answer for its orders now: kept, or worked out in a worker thread."""
        lock = self._locks.setdefault(seat.id, asyncio.Lock())
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.threads)
        async with lock:
            for _ in range(3):  # the orders may change while the staff works: answer for the new ones
                key, arguments = await anyio.to_thread.run_sync(self._question, seat)
                if arguments is None:
                    break
                suggestions = await anyio.to_thread.run_sync(
                    lambda a=arguments: tuple(self.advisor(**a)), limiter=self._limiter
                )
                self.answers[seat.id] = Answer(key, suggestions)
            return await anyio.to_thread.run_sync(self.view, seat)
