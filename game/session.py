"""The stateful wrapper the desktop game and the command line share.

A Session holds one game: the current state, the player's pending orders for the week (undo any of them;
nothing resolves until ``end_turn``), the history of resolved weeks, and save/load.

A save is the game's recipe, not its state: the scenario (id and digest), the seed, the settings and every
order sheet.  Loading replays the sheets through the engine, which is deterministic, so a save is small,
versioned, readable JSON that can never hold a state the rules could not produce.  A save is also a replay
(``game.classroom.replay`` opens one and steps through it week by week).

Teacher settings (``game.sim.settings.Settings``) change the game a Session plays: the rival's policy
and the luck (a configured copy of the scenario's rules), the weeks the players play (a shorter game starts
later: the weeks before are played at once by both sides' historical playbooks, and are marked ``prelude``),
and two-sided play.  What they mean is decided once, in ``game.sim.loop``: the session is a ``GameSpec`` whose
people's sides give their pending sheets, and every week resolves through ``loop.resolve_week``, the step
headless games (``simulate``, the classroom) take too.  In two-sided play both sides are people on one
machine: each has its own pending sheet, built with the same legal-orders function as the AI's, and the week
resolves when both have submitted (:meth:`Session.submit`).  Save format 2 adds the settings, the rival's
pending orders and the players' names; format 1 saves still load (as default settings).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game import __version__
from game.engine import (
    KIND_LABELS,
    IllegalOrder,
    Kind,
    Order,
    Refusal,
    Sheet,
    State,
    TurnRecord,
    TurnResult,
    initial_state,
    legal_orders,
    refusal,
    remaining,
    why_illegal,
)
from game.engine.injects import inject_refusal
from game.engine.orders import escalation_refusal
from game.files import JsonFileError, OneLineError, atomic_write, read_json
from game.plan import (
    Skipped,
    Standing,
    moved,
    read_standing,
    repeat_orders,
    replace_refusal,
    replaced,
    sheet_refusal,
    standing_call,
    standing_problem,
    standing_to_dict,
)
from game.savefile import save_file_problem
from game.scenario import Scenario, ScenarioError, load_scenario
from game.sim.loop import HUMAN, GameResult, GameSpec, resolve_week
from game.sim.settings import RIVALS, Settings, SettingsError

SAVE_FORMAT = "flood-the-zone-save"
SAVE_VERSION = 2
MAX_SAVE_BYTES = 5_000_000
MAX_SEED = 2**63 - 1


class SaveError(OneLineError):
    """A save that cannot be read or replayed; the message is one line naming the file and the reason."""


class StaffRefused(ValueError):
    """The teacher turned "Ask your staff" off, or this week's suggestions are used up; the message says which."""


NAME_LIMIT = 40  # a player's name, in characters (what the name prompt takes and a save keeps)
CLASS_LIMIT = 20  # a class: "9B", "Period 3", "History 2 (Tue)"

# What a name must not carry: control characters (C0, DEL, C1), the line and paragraph separators, the
# directional marks, embeddings, overrides and isolates that reorder what follows them (U+202E would show
# "Chloé" as "éolhC" and flip a file name's extension), and the byte-order mark.  Joiners (U+200C/D) stay:
# Persian and Indic names need them.
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_name(text, limit: int = NAME_LIMIT) -> str:
    """A player's name (or class) as the game keeps it: any script, composed (NFC, so "Chloé" typed with a
    combining accent is the same name), without control or direction characters, lone surrogates or runs of
    spaces, trimmed and at most ``limit`` characters.  Names are typed by students and read back from files
    anyone can edit: everything that shows one (window, HTML, file names, CSV) starts from this."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch for ch in _UNSEEN.sub(" ", text) if unicodedata.category(ch) != "Cs")
    text = " ".join(text.split())[:limit].rstrip()
    return text if any(ch.isalnum() for ch in text) else ""  # "." or a lone joiner names nobody


@dataclass(frozen=True)
class Week:
    """One resolved week: the state before it, every side's sheet, and what happened."""

    state_before: State
    sheets: tuple[Sheet, ...]
    record: TurnRecord
    prelude: bool = False  # played by the historical playbooks before the players took over (a shorter game)
    injects: tuple[int, ...] = ()  # the teacher's injects released this week (event indices), in release order


def scenario_digest(scenario: Scenario) -> str:
    """A digest of the scenario's content, so a save notices when its scenario file has changed."""
    # Kept on the scenario: its document is frozen, and the class server digests on every change it writes
    # (dumping the whole document took 5-8 ms of each order's 20).
    known = vars(scenario).get("_content_digest")
    if known is not None:
        return known
    # A scenario without teacher settings digests as it did before the format had them, so old saves still load.
    exclude = {"settings"} if getattr(scenario.doc, "settings", None) is None else set()
    if not getattr(scenario.doc, "injects", None):
        exclude.add("injects")  # likewise a scenario without injects, from before the format had them
    text = scenario.doc.model_dump_json(exclude=exclude or None)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    object.__setattr__(scenario, "_content_digest", digest)  # the Scenario dataclass is frozen
    return digest


class Session:
    """One game.  ``settings`` (default: the plain defaults) may shorten it, change the luck and the rival, or
    make it two-sided; ``rival_policy``, when given, is the AI rival (it overrides the settings' rival).
    ``play_prelude=False`` leaves the weeks before the players take over unplayed (for loading a save, which
    holds them)."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        rival_policy: str | None = None,
        settings: Settings | None = None,
        play_prelude: bool = True,
    ):
        settings = settings or Settings()
        if rival_policy is not None and rival_policy != settings.rival and rival_policy in RIVALS:
            settings = settings.replace(rival=rival_policy)
        # A bot outside RIVALS (the advisor, say) may still play the rival; such a game has no game code.
        self.base_scenario = scenario
        self.settings = settings
        self.seed = int(seed)
        self.rival_policy = rival_policy or settings.rival
        # The people's sides are HUMAN in the spec: their sheets are the pending ones, given to each week.
        self.spec = GameSpec(scenario, self.seed, settings, HUMAN, HUMAN if settings.two_sided else self.rival_policy)
        self.scenario = self.spec.configured
        self.rules = self.scenario.rules
        self.dice = self.spec.dice
        self.state = initial_state(self.rules)
        self.humans: tuple[int, ...] = (scenario.player, scenario.rival) if settings.two_sided else (scenario.player,)
        self.names: dict[int, str] = {}  # a player's name by side, for replays and the class view
        self.class_name: str = ""  # the class the players belong to ("9B", "Period 3"), for the teacher
        # Orders each side took from "Ask your staff" (added as suggested), shown to the teacher in the gradebook;
        # and this week's, which the teacher's limit (settings.staff) counts.
        self.staff_used: dict[int, int] = {}
        self.staff_week: dict[int, int] = {}
        self._pending: dict[int, Sheet] = {a: Sheet(a) for a in self.humans}
        self.submitted: set[int] = set()
        self.released: list[int] = []  # the teacher's injects released this week: they land when it resolves
        self.weeks: list[Week] = []
        self.standing: dict[int, Standing] = {}  # deputy -> its standing instruction (game.plan)
        self._standing_marks: dict[int, set[Order]] = {a: set() for a in self.humans}  # this week's, by side
        self.standing_skipped: list[Skipped] = []  # capitals an instruction passed over this week, and why
        self.first_turn = self.spec.first_turn
        if play_prelude:
            self._play_prelude()

    def _play_prelude(self) -> None:
        """The weeks before the players take over, played as history went (the spec's prelude)."""
        while self.state.turn < self.first_turn:
            self._record(*resolve_week(self.spec, self.state))

    def adopt(self, game: GameResult) -> None:
        """Take over the weeks of a game played headless from this session's spec (with bots on the people's
        sides, ``game.classroom.play``): the session then holds that game as if it had been played here."""
        if self.weeks or game.states[0].turn != self.state.turn:
            raise ValueError("only a new session adopts a game played from its start")
        for state, sheets, record in zip(game.states, game.sheets, game.records):
            self._append(state, sheets, record)
        self.state = game.final

    # ---------------------------------------------------------------------------------- two-sided play

    @property
    def two_sided(self) -> bool:
        return len(self.humans) > 1

    @property
    def active(self) -> int:
        """The side whose orders are being entered now: the first human side that has not submitted."""
        for actor in self.humans:
            if actor not in self.submitted:
                return actor
        return self.humans[0]

    @property
    def waiting_for(self) -> tuple[int, ...]:
        """Human sides that have not yet submitted this week's orders."""
        return tuple(a for a in self.humans if a not in self.submitted)

    @property
    def pending(self) -> Sheet:
        """The active side's pending orders (the player's, in a one-sided game)."""
        return self._pending[self.active]

    @pending.setter
    def pending(self, sheet: Sheet) -> None:
        if sheet.actor != self.active:
            raise IllegalOrder(f"it is {self.rules.labels.actors[self.active]}'s turn to give orders")
        self._pending[sheet.actor] = sheet

    def pending_for(self, actor: int) -> Sheet:
        """A human side's pending orders (the UI shows only the active side's: hot-seat orders are secret)."""
        return self._pending[actor]

    def submit(self) -> TurnRecord | None:
        """The active side is done.  If another human side still has to give its orders, hand over to it and
        return None (the UI shows the hand-over screen); otherwise resolve the week and return its record."""
        if self.is_over:
            raise IllegalOrder("the crisis is over")
        self.submitted.add(self.active)
        if self.waiting_for:
            return None
        return self._resolve_week()

    # ------------------------------------------------------------------------ sides at once (class server)
    # In the class server both sides give their orders at the same time from their own browsers, so the
    # commands name the side instead of taking the active one (the hot seat's turn order does not apply).

    def _check_side(self, actor: int) -> None:
        if actor not in self.humans:
            raise IllegalOrder(f"{self.rules.labels.actors[actor]} is played by the bot in this game")
        if self.is_over:
            raise IllegalOrder("the crisis is over")
        if actor in self.submitted:
            raise IllegalOrder("your orders are in: take back 'ready' to change them")

    def add_for(self, actor: int, order: Order, from_staff: bool = False) -> None:
        """Add an order to side ``actor``'s sheet, refused with the engine's reason.  ``from_staff``: counted and
        limited as :meth:`add` counts it (the gradebook reads the same ``staff_used``)."""
        self._check_side(actor)
        if order.actor != actor:
            raise IllegalOrder("an order for the other side")
        if from_staff:
            refused = self.staff_refusal(actor)
            if refused:
                raise StaffRefused(refused)
        self._add_for(actor, order)
        if from_staff:
            self.staff_used[actor] = self.staff_used.get(actor, 0) + 1
            self.staff_week[actor] = self.staff_week.get(actor, 0) + 1

    def take_back_for(self, actor: int, index: int) -> Order:
        """Take back side ``actor``'s pending order ``index``."""
        self._check_side(actor)
        sheet = self._pending[actor]
        if not 0 <= index < len(sheet.orders):
            raise IndexError("no such order in the plan")
        order = sheet.orders[index]
        self._pending[actor] = sheet.without(index)
        self._standing_marks[actor].discard(order)
        return order

    def set_ready(self, actor: int, ready: bool) -> TurnRecord | None:
        """Side ``actor`` is ready (or not yet); the week resolves, and its record is returned, when every
        human side is ready."""
        if not ready:
            if self.is_over:
                raise IllegalOrder("the crisis is over")
            self.submitted.discard(actor)
            return None
        self._check_side(actor)
        self.submitted.add(actor)
        return None if self.waiting_for else self._resolve_week()

    def raise_for(self, actor: int, event: int, raised: bool = True) -> None:
        """Side ``actor`` raises one of its escalations this week (refused, in words, if it may not), or takes
        it back (it has not happened yet: the week resolves it)."""
        self._check_side(actor)
        sheet = self._pending[actor]
        if not raised:
            self._pending[actor] = Sheet(sheet.actor, sheet.orders, tuple(e for e in sheet.raises if e != event))
            return
        reason = escalation_refusal(self.rules, self.state, actor, event, sheet.raises)
        if reason:
            raise IllegalOrder(reason)
        self._pending[actor] = sheet.with_raise(event)

    def release(self, event: int) -> None:
        """The teacher releases inject ``event`` (its engine index, ``Scenario.inject_index``): it lands at the
        end of this week's resolution.  Refused (IllegalOrder, in words) when it is no inject, already released
        in this game, or the crisis is over."""
        reason = inject_refusal(self.rules, self.state, event, self.released)
        if reason:
            raise IllegalOrder(reason)
        self.released.append(int(event))

    # The week's plan by side (game.plan): each takes the side, and the room answering a seat checks first what
    # that seat may do (a role's orders, say: ``keep`` filters what "repeat last week" may queue for it).

    def replace_for(self, actor: int, index: int, order: Order) -> None:
        """Change side ``actor``'s pending order ``index`` in place, refused with the engine's reason (as
        :meth:`replace`)."""
        self._check_side(actor)
        if order.actor != actor:
            raise IllegalOrder("an order for the other side")
        self._replace(actor, index, order)

    def move_for(self, actor: int, index: int, to: int) -> None:
        """Move side ``actor``'s pending order ``index`` to position ``to``."""
        self._check_side(actor)
        n = len(self._pending[actor].orders)
        if not (0 <= index < n and 0 <= to < n):
            raise IndexError("no such order in the plan")
        self._pending[actor] = moved(self._pending[actor], index, to)

    def repeat_last_week_for(self, actor: int, keep=None) -> tuple[list[Order], list[Skipped]]:
        """Queue side ``actor``'s orders of last week that the rules still allow (as :meth:`repeat_last_week`);
        ``keep(order)``, when given, says which of them this caller may give at all."""
        self._check_side(actor)
        return self._repeat(actor, keep)

    def set_standing_for(self, actor: int, standing: Standing) -> None:
        """Give one of side ``actor``'s deputies a standing instruction (as :meth:`set_standing`)."""
        self._check_side(actor)
        self._set_standing(actor, standing)

    def clear_standing_for(self, actor: int, deputy: int) -> None:
        """End the standing instruction of side ``actor``'s ``deputy`` (as :meth:`clear_standing`)."""
        self._check_side(actor)
        if not 0 <= deputy < len(self.rules.deputies) or self.rules.deputy_actor[deputy] != actor:
            raise IllegalOrder("only your own deputies take standing instructions")
        self.clear_standing(deputy)

    def standing_of(self, actor: int) -> list[Standing]:
        """Side ``actor``'s standing instructions, by deputy."""
        return [s for d, s in sorted(self.standing.items()) if self.rules.deputy_actor[d] == actor]

    def standing_skipped_for(self, actor: int) -> list[Skipped]:
        """The capitals side ``actor``'s instructions passed over this week, and why."""
        return [s for s in self.standing_skipped if s.order.actor == actor]

    def resolve_now(self) -> TurnRecord:
        """Resolve the week with whatever each side has queued, ready or not (the teacher's timer ran out)."""
        if self.is_over:
            raise IllegalOrder("the crisis is over")
        return self._resolve_week()

    # ------------------------------------------------------------------------------------------ queries

    @property
    def player(self) -> int:
        return self.scenario.player

    @property
    def rival(self) -> int:
        return self.scenario.rival

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def is_over(self) -> bool:
        return self.state.turn >= self.rules.n_turns

    def alignment(self) -> np.ndarray:
        return self.state.alignment[0]

    def history(self) -> np.ndarray:
        """(weeks played + 1, C) alignment at the start of each week so far, and now."""
        return np.stack([w.state_before.alignment[0] for w in self.weeks] + [self.state.alignment[0]])

    def remaining(self) -> dict[str, int]:
        return remaining(self.rules, self.state, self.pending)

    def legal_orders(self) -> list[Order]:
        return legal_orders(self.rules, self.state, self.pending)

    def why_illegal(self, order: Order) -> str | None:
        return why_illegal(self.rules, self.state, self.pending, order)

    def refusal(self, order: Order) -> Refusal | None:
        """Why the active side may not add ``order`` now (a code, what it is about, the words), or None."""
        return refusal(self.rules, self.state, self.pending, order)

    def last_record(self) -> TurnRecord | None:
        return self.weeks[-1].record if self.weeks else None

    # ----------------------------------------------------------------------------------------- commands

    def add(self, order: Order, from_staff: bool = False) -> None:
        """Add an order to the active side's sheet (refused, with the engine's reason, if illegal).
        ``from_staff``: taken from "Ask your staff", counted for the teacher, and refused (StaffRefused) when the
        teacher turned the staff off or this week's suggestions are used up."""
        if from_staff:
            refused = self.staff_refusal()
            if refused:
                raise StaffRefused(refused)
        self._add_for(self.active, order)
        if from_staff:
            self.staff_used[self.active] = self.staff_used.get(self.active, 0) + 1
            self.staff_week[self.active] = self.staff_week.get(self.active, 0) + 1

    def staff_left(self, actor: int | None = None) -> int | None:
        """How many more staff suggestions the side may take this week: None without a limit, 0 when off."""
        limit = self.settings.staff
        if limit is None:
            return None
        used = self.staff_week.get(self.active if actor is None else actor, 0)
        return max(0, limit - used)

    def staff_refusal(self, actor: int | None = None) -> str:
        """Why the side may not take a staff suggestion now ("" when it may)."""
        limit = self.settings.staff
        if limit == 0:
            return "your teacher turned the staff's advice off for this game"
        if self.staff_left(actor) == 0:
            return f"your teacher allows {limit} staff suggestion{'s' if limit != 1 else ''} a week: none left"
        return ""

    def _add_for(self, actor: int, order: Order) -> None:
        sheet = self._pending[actor]
        reason = why_illegal(self.rules, self.state, sheet, order)
        if reason:
            raise IllegalOrder(reason)
        self._pending[actor] = sheet.with_order(order)

    def raise_escalation(self, event: int) -> None:
        """Raise one of the active side's escalations this week (refused, in words, if it may not)."""
        sheet = self._pending[self.active]
        reason = escalation_refusal(self.rules, self.state, self.active, event, sheet.raises)
        if reason:
            raise IllegalOrder(reason)
        self._pending[self.active] = sheet.with_raise(event)

    def take_back_escalation(self, event: int) -> None:
        """Drop an escalation the active side raised this week (it has not happened yet: the week resolves it)."""
        sheet = self._pending[self.active]
        self._pending[self.active] = Sheet(sheet.actor, sheet.orders, tuple(e for e in sheet.raises if e != event))

    def undo(self, index: int = -1) -> Order:
        """Take back one pending order (the last by default); a standing instruction's call is taken back for
        this week only."""
        if not self.pending.orders:
            raise IndexError("no pending orders to undo")
        index = index % len(self.pending.orders)
        order = self.pending.orders[index]
        self.pending = self.pending.without(index)
        self._standing_marks[self.active].discard(order)
        return order

    def clear(self) -> None:
        self.pending = Sheet(self.active)
        self._standing_marks[self.active] = set()

    # ------------------------------------------------------------------------------- the week's plan

    def is_standing(self, order: Order) -> bool:
        """Whether a pending order is this week's call of a standing instruction (unchanged)."""
        return order in self._standing_marks.get(order.actor, ())

    def replace(self, index: int, order: Order) -> None:
        """Change pending order ``index`` in place (its topic, target, deputy...); refused with the engine's
        reason.  A standing call changed so is this week's own: the instruction stays as it was."""
        self._replace(self.active, index, order)

    def _replace(self, actor: int, index: int, order: Order) -> None:
        sheet = self._pending[actor]
        refused = replace_refusal(self.rules, self.state, sheet, index, order)
        new = replaced(sheet, index, order) if refused is None else sheet
        refused = refused or sheet_refusal(self.rules, self.state, new)
        if refused is not None:
            raise IllegalOrder(refused.words)
        self._standing_marks[actor].discard(sheet.orders[index])
        self._pending[actor] = new

    def move(self, index: int, to: int) -> None:
        """Move pending order ``index`` to position ``to`` (the plan's order is the order it is shown in)."""
        n = len(self.pending.orders)
        if not (0 <= index < n and 0 <= to < n):
            raise IndexError("no such order in the plan")
        self.pending = moved(self.pending, index, to)

    def repeat_last_week(self) -> tuple[list[Order], list[Skipped]]:
        """Queue the active side's orders of last week that the rules still allow; the others come back with
        the engine's reason.  Orders already queued are not queued twice, and a deputy with a standing
        instruction follows it rather than last week's call."""
        return self._repeat(self.active)

    def _repeat(self, actor: int, keep=None) -> tuple[list[Order], list[Skipped]]:
        sheets = self.weeks[-1].sheets if self.weeks else ()
        last = next((s.orders for s in sheets if s.actor == actor), ())
        last = tuple(o for o in last if o.kind != Kind.DEPUTY_CALL or o.deputy not in self.standing)
        if keep is not None:
            last = tuple(o for o in last if keep(o))
        sheet, added, skipped = repeat_orders(self.rules, self.state, self._pending[actor], last)
        self._pending[actor] = sheet
        return added, skipped

    def set_standing(self, standing: Standing) -> None:
        """Give a deputy of the active side a standing instruction (it replaces their last one); it yields
        this week's call at once if the deputy has not called yet.  Raises IllegalOrder with the reason when
        the instruction cannot be given."""
        self._set_standing(self.active, standing)

    def _set_standing(self, actor: int, standing: Standing) -> None:
        problem = standing_problem(self.rules, actor, standing)
        if problem:
            raise IllegalOrder(problem)
        self.clear_standing(standing.deputy)
        self.standing[standing.deputy] = standing
        self._fill_standing(actor, [standing])

    def clear_standing(self, deputy: int) -> None:
        """End a deputy's instruction; this week's call it queued is taken back (an edited one stays)."""
        if self.standing.pop(deputy, None) is None:
            return
        actor = int(self.rules.deputy_actor[deputy])
        marks = self._standing_marks.get(actor, set())
        for order in [o for o in marks if o.deputy == deputy]:
            marks.discard(order)
            sheet = self._pending[actor]
            self._pending[actor] = sheet.without(sheet.orders.index(order))
        self.standing_skipped = [s for s in self.standing_skipped if s.order.deputy != deputy]

    def _fill_standing(self, actor: int, instructions=None) -> None:
        """Queue this week's calls of ``actor``'s standing instructions (marked as standing); a deputy who
        has called already this week is left alone."""
        if self.is_over or actor in self.submitted:
            return
        if instructions is None:
            instructions = [s for d, s in sorted(self.standing.items()) if self.rules.deputy_actor[d] == actor]
        for standing in instructions:
            sheet = self._pending[actor]
            if any(o.deputy == standing.deputy for o in sheet.orders):
                continue
            order, skipped = standing_call(self.rules, self.state, sheet, standing)
            self.standing_skipped = [s for s in self.standing_skipped if s.order.deputy != standing.deputy]
            self.standing_skipped += skipped
            if order is not None:
                self._pending[actor] = sheet.with_order(order)
                self._standing_marks[actor].add(order)

    def end_turn(self) -> TurnRecord | None:
        """Resolve the week with the pending orders and the rival's choice.  In a two-sided game this is
        :meth:`submit`: it returns None while the other side still has to give its orders."""
        return self.submit()

    def _resolve_week(self) -> TurnRecord:
        given = {a: self._pending[a] for a in self.humans}
        return self._record(*resolve_week(self.spec, self.state, given, injects=tuple(self.released)))

    def _resolve(self, player_sheet: Sheet, rival_sheet: Sheet) -> TurnRecord:
        """Resolve the week with both sides' sheets given (a save or a replay being read); the injects released
        before it (:meth:`release`) land at its end."""
        given = {self.player: player_sheet, self.rival: rival_sheet}
        return self._record(*resolve_week(self.spec, self.state, given, injects=tuple(self.released)))

    def _record(self, sheets: tuple[Sheet, ...], result: TurnResult) -> TurnRecord:
        self._append(self.state, sheets, result.records[0], tuple(self.released))
        self.released = []
        self.state = result.state
        self._pending = {a: Sheet(a) for a in self.humans}
        self._standing_marks = {a: set() for a in self.humans}
        self.submitted = set()
        self.staff_week = {}
        self.standing_skipped = []
        for actor in self.humans:
            self._fill_standing(actor)
        return result.records[0]

    def _append(
        self, state_before: State, sheets: tuple[Sheet, ...], record: TurnRecord, injects: tuple[int, ...] = ()
    ) -> None:
        self.weeks.append(Week(state_before, sheets, record, state_before.turn < self.first_turn, injects))

    # ------------------------------------------------------------------------------------------ wording

    def describe(self, order: Order) -> str:
        """An order in words, e.g. "Call Germany on Energy supply"."""
        labels = self.rules.labels
        topic = labels.topics[order.topic]
        if order.kind == Kind.ENGAGE:
            other = labels.actors[self.rival if order.actor == self.player else self.player]
            who = labels.deputies[order.deputy] if order.deputy >= 0 else "You"
            return f"{who} {'talk' if who == 'You' else 'talks'} to {other} about {topic}"
        if order.kind == Kind.MULTILATERAL:
            return f"Convene {labels.groups[order.group]} on {topic}"
        places = ", ".join(labels.countries[c] for c in order.targets)
        promising = f", promising {labels.promises[order.promise]}" if 0 <= order.promise < len(labels.promises) else ""
        if order.kind == Kind.VISIT:
            return f"Visit {places} on {topic}{promising}"
        if order.kind == Kind.DEPUTY_CALL:
            return f"{labels.deputies[order.deputy]} calls {places} on {topic}"
        return f"Call {places} on {topic}{promising}"

    # --------------------------------------------------------------------------------------- save/load

    def to_dict(self) -> dict:
        data = self._to_dict()
        # The teacher's injects, each with the week it landed at the end of (this week's: released, not landed
        # yet); only when there are any, so a game without them saves as it always did.
        released = [(i, e) for i, w in enumerate(self.weeks) for e in w.injects]
        released += [(self.turn, e) for e in self.released]
        if released:
            data["injects"] = [{"week": i, "inject": self.scenario.event(e).id} for i, e in released]
        return data

    def _to_dict(self) -> dict:
        return {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "game_version": __version__,
            "scenario": self.scenario.id,
            "scenario_path": str(self.scenario.path) if self.scenario.path else None,
            "scenario_digest": scenario_digest(self.scenario),
            "seed": self.seed,
            "rival_policy": self.rival_policy,
            "settings": self.settings.to_dict(),
            "players": {self.rules.actors[a]: name for a, name in sorted(self.names.items())},
            "class": self.class_name,
            "staff_used": {self.rules.actors[a]: n for a, n in sorted(self.staff_used.items())},
            # This week's, so that saving and loading does not give a limited staff back its suggestions.
            "staff_week": {self.rules.actors[a]: n for a, n in sorted(self.staff_week.items()) if n},
            "weeks": [[sheet_to_list(self.scenario, s) for s in w.sheets] for w in self.weeks],
            # For the lists of saves, which read a save without replaying it: "week 14" of a 13-week crisis is over.
            "crisis_weeks": self.rules.n_turns,
            # "pending" is the player's side (as in format 1); the rival's is there only in a two-sided game.
            "pending": sheet_to_list(self.scenario, self._pending[self.player]),
            "pending_rival": sheet_to_list(self.scenario, self._pending[self.rival]) if self.two_sided else [],
            "submitted": [self.rules.actors[a] for a in self.humans if a in self.submitted],
            "standing": [standing_to_dict(self.rules, s) for _, s in sorted(self.standing.items())],
            # Which pending orders are standing calls (by side and position), so a loaded game marks them.
            "pending_standing": {
                self.rules.actors[a]: [i for i, o in enumerate(self._pending[a].orders) if o in marks]
                for a, marks in sorted(self._standing_marks.items())
                if marks
            },
        }

    def save(self, path: str | os.PathLike) -> Path:
        """Write the save atomically, so a crash mid-write never costs the player the save they had."""
        return atomic_write(path, json.dumps(self.to_dict(), indent=1, ensure_ascii=False).encode("utf-8"))

    @classmethod
    def from_dict(cls, data: dict, source: str = "save", scenario: Scenario | None = None) -> Session:
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise SaveError(f"{source}: not a Flood the Zone save")
        version = data.get("version")
        if not isinstance(version, int):
            raise SaveError(f"{source}: the save has no format version")
        if version > SAVE_VERSION:
            raise SaveError(
                f"{source}: made by a newer version of the game (save format {version}; this game reads "
                f"up to {SAVE_VERSION})"
            )
        for field in ("scenario", "seed", "weeks"):
            if field not in data:
                raise SaveError(f"{source}: missing field '{field}'")
        seed = data.get("seed")
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise SaveError(f"{source}: the seed must be a whole number from 0 to {MAX_SEED}")
        if not isinstance(data.get("scenario"), str) or not 0 < len(data["scenario"]) <= 100:
            raise SaveError(f"{source}: the scenario must be named by its id")
        problem = save_file_problem(data)
        if problem:
            raise SaveError(f"{source}: malformed save ({problem})")
        try:
            scenario_id = str(data["scenario"])
            rival = str(data.get("rival_policy", "historical"))
            weeks = list(data["weeks"])
            pending = list(data.get("pending", []))
            pending_rival = list(data.get("pending_rival") or [])
            submitted = [str(a) for a in data.get("submitted") or []]
            players = dict(data.get("players") or {})
            class_name = str(data.get("class") or "")
            staff_used = dict(data.get("staff_used") or {})
            staff_week = dict(data.get("staff_week") or {})
            injects = [(int(r["week"]), str(r["inject"])) for r in data.get("injects") or []]
        except (KeyError, TypeError, ValueError) as exc:
            raise SaveError(f"{source}: missing or malformed field {exc}") from None
        if not _known_policy(rival):
            shown = rival if len(rival) <= 40 else rival[:40] + "…"
            raise SaveError(f"{source}: the rival's policy '{shown}' is not one this game knows")
        try:
            # A save from before settings were saved played the historical playbook.
            settings = Settings.from_dict(data["settings"]) if "settings" in data else Settings(rival="historical")
        except SettingsError as exc:
            raise SaveError(f"{source}: {exc}") from None
        if scenario is None:
            scenario = _scenario_for(data, source)
        if scenario.id != scenario_id:
            raise SaveError(f"{source}: the save is for scenario '{scenario_id}', not '{scenario.id}'")
        if data.get("scenario_digest") not in (None, scenario_digest(scenario)):
            raise SaveError(
                f"{source}: scenario '{scenario_id}' has changed since this game was saved; it cannot be replayed"
            )
        try:
            session = cls(scenario, seed, rival, settings=settings, play_prelude=False)
        except ValueError as exc:  # SettingsError too (more turns than the scenario has weeks)
            raise SaveError(f"{source}: {exc}") from None
        rules = session.rules
        for code, name in players.items():
            if code not in rules.actors:
                raise SaveError(f"{source}: a player's name for unknown side '{code}'")
            name = clean_name(name)
            if name:
                session.names[rules.actors.index(code)] = name
        session.class_name = clean_name(class_name, CLASS_LIMIT)
        for code, count in staff_used.items():
            if code not in rules.actors:
                raise SaveError(f"{source}: staff advice counted for unknown side '{code}'")
            session.staff_used[rules.actors.index(code)] = count
        released: dict[int, list[int]] = {}
        for week, inject_id in injects:
            if week > len(weeks):
                raise SaveError(f"{source}: inject '{inject_id[:60]}' released in week {week + 1}, after the game")
            try:
                released.setdefault(week, []).append(session.scenario.inject_index(inject_id))
            except ValueError as exc:
                raise SaveError(f"{source}: {exc}") from None
        try:
            for week in weeks:
                if session.is_over:
                    raise SaveError(f"{source}: more weeks than the crisis has")
                for event in released.get(session.turn, ()):
                    session.release(event)
                by_actor = {}
                for sheet in week:
                    orders, raises = sheet_from_list(session.scenario, sheet)
                    actor = orders[0].actor if orders else raises[0][0] if raises else None
                    by_actor.setdefault(actor, []).append((orders, tuple(e for _, e in raises)))
                player_orders, player_raises = _sheet_of(by_actor, session.player)
                rival_orders, rival_raises = _sheet_of(by_actor, session.rival)
                session._resolve(
                    Sheet(session.player, player_orders, player_raises),
                    Sheet(session.rival, rival_orders, rival_raises),
                )
            for event in released.get(session.turn, ()):
                session.release(event)  # released this week, to land when it resolves
            if session.is_over and (pending or pending_rival or submitted):
                raise SaveError(f"{source}: orders pending after the end of the crisis")
            for actor, entries in ((session.player, pending), (session.rival, pending_rival)):
                if entries and actor == session.rival and not session.two_sided:
                    raise SaveError(f"{source}: the rival's pending orders in a one-sided game")
                orders, raises = sheet_from_list(session.scenario, entries)
                for o in orders:
                    session._add_for(actor, o)
                for by, event in raises:
                    if by != actor:
                        raise SaveError(f"{source}: a pending escalation of the other side")
                    reason = escalation_refusal(rules, session.state, actor, event, session._pending[actor].raises)
                    if reason:
                        raise IllegalOrder(reason)
                    session._pending[actor] = session._pending[actor].with_raise(event)
            for code in submitted:
                actor = rules.actors.index(code)
                if actor not in session.humans:
                    raise SaveError(f"{source}: '{code}' is not played by a person in this game")
                session.submitted.add(actor)
            if not session.waiting_for and session.humans and session.submitted:
                raise SaveError(f"{source}: every side submitted but the week was not resolved")
            pending_of = {a: session.pending_for(a) for a in session.humans}
            try:
                session.standing, marks = read_standing(session.rules, pending_of, data)
            except ValueError as exc:
                raise SaveError(f"{source}: {exc}") from None
            session._standing_marks.update(marks)
            for code, count in staff_week.items():
                if code not in rules.actors:
                    raise SaveError(f"{source}: staff advice counted for unknown side '{code}'")
                session.staff_week[rules.actors.index(code)] = count
        except SaveError:
            raise
        except (IllegalOrder, KeyError, TypeError, ValueError, IndexError) as exc:
            raise SaveError(f"{source}: week {len(session.weeks) + 1} cannot be replayed ({exc})") from None
        return session

    @classmethod
    def load(cls, path: str | os.PathLike, scenario: Scenario | None = None) -> Session:
        path = Path(path)
        try:
            data = read_json(path, MAX_SAVE_BYTES, "save")
        except JsonFileError as exc:
            reason = "no such save" if str(exc) == "no such file" else str(exc)
            raise SaveError(f"{path}: {reason}") from None
        return cls.from_dict(data, str(path), scenario)


def _known_policy(name: str) -> bool:
    from game.ai.named import policy_named

    if name == "advisor":
        return True
    try:
        policy_named(name)
    except ValueError:
        return False
    return True


def _sheet_of(by_actor: dict, actor: int) -> tuple[tuple[Order, ...], tuple[int, ...]]:
    sheets = by_actor.get(actor, [])
    return sheets[0] if sheets else ((), ())


def sheet_to_list(scenario: Scenario, sheet: Sheet) -> list[dict]:
    """A week's sheet as saved: its orders, then an entry per escalation it raised (kind ``escalate``)."""
    rules = scenario.rules
    return [order_to_dict(rules, o) for o in sheet.orders] + [
        {"actor": rules.actors[sheet.actor], "kind": "escalate", "escalation": scenario.event(e).id}
        for e in sheet.raises
    ]


def sheet_from_list(scenario: Scenario, entries) -> tuple[tuple[Order, ...], tuple[tuple[int, int], ...]]:
    """The orders and the (actor, escalation) pairs of a saved sheet; KeyError/ValueError/TypeError for an
    entry that names nothing of this scenario."""
    rules = scenario.rules
    orders, raises = [], []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("kind") == "escalate":
            ids = [e.id for e in scenario.doc.escalations]
            if entry.get("escalation") not in ids or entry.get("actor") not in rules.actors:
                raise ValueError(f"unknown escalation '{entry.get('escalation')}'")
            index = len(scenario.doc.events) + ids.index(entry["escalation"])
            raises.append((rules.actors.index(entry["actor"]), index))
        else:
            orders.append(order_from_dict(rules, entry))
    return tuple(orders), tuple(raises)


def _scenario_for(data: dict, source: str) -> Scenario:
    candidates = [data.get("scenario_path"), data.get("scenario")]
    last: ScenarioError | None = None
    for name in candidates:
        # A path inside a file from someone else is only a hint: a name that cannot be a path is passed over.
        if not isinstance(name, str) or not 0 < len(name) <= 255 or "\x00" in name:
            continue
        try:
            scenario = load_scenario(name)
        except ScenarioError as exc:
            last = exc
            continue
        except (OSError, ValueError):
            continue
        if scenario.id == data.get("scenario"):
            return scenario
    reason = f" ({last})" if last else ""
    raise SaveError(f"{source}: scenario '{data.get('scenario')}' is not available{reason}")


_KIND_NAMES = {
    Kind.CALL: "call",
    Kind.VISIT: "visit",
    Kind.DEPUTY_CALL: "deputy_call",
    Kind.MULTILATERAL: "multilateral",
    Kind.ENGAGE: "engage",
}
_KIND_BY_NAME = {v: k for k, v in _KIND_NAMES.items()}
assert set(_KIND_NAMES) == set(KIND_LABELS)


def order_to_dict(rules, order: Order) -> dict:
    out = {
        "actor": rules.actors[order.actor],
        "kind": _KIND_NAMES[order.kind],
        "topic": rules.topics[order.topic],
        "targets": [rules.countries[c] for c in order.targets],
        "group": rules.groups[order.group] if order.group >= 0 else None,
        "deputy": rules.deputies[order.deputy] if order.deputy >= 0 else None,
    }
    if order.promise >= 0:  # only then, so that a save without promises reads as it always did
        out["promise"] = rules.promises[order.promise].code
    return out


def order_from_dict(rules, data: dict) -> Order:
    """Raises KeyError/ValueError/TypeError for anything that does not name this scenario's things."""
    if not isinstance(data, dict):
        raise TypeError("an order must be a mapping")

    def index(names, value, what):
        try:
            return names.index(value)
        except ValueError:
            raise ValueError(f"unknown {what} '{value}'") from None

    kind = _KIND_BY_NAME.get(data.get("kind"))
    if kind is None:
        raise ValueError(f"unknown kind of order '{data.get('kind')}'")
    group, deputy, promise = data.get("group"), data.get("deputy"), data.get("promise")
    return Order(
        actor=index(rules.actors, data.get("actor"), "actor"),
        kind=kind,
        topic=index(rules.topics, data.get("topic"), "topic"),
        targets=tuple(index(rules.countries, c, "country") for c in data.get("targets") or []),
        group=index(rules.groups, group, "group") if group is not None else -1,
        deputy=index(rules.deputies, deputy, "deputy") if deputy is not None else -1,
        promise=index([p.code for p in rules.promises], promise, "promise") if promise is not None else -1,
    )
