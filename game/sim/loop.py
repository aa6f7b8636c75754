"""The game loop: how every game is played, by bots or by people, one game or a batch.

A game is a :class:`GameSpec`: the scenario, the seed, the teacher settings and who plays each side.  Everything
that turns settings into play is decided here, once:

* the rules are the scenario's configured by the settings (``settings.configure``: the luck);
* a shorter game's first weeks (before ``first_turn``) are played by both sides' historical playbooks, the
  prelude; from ``first_turn`` on, each side is played by its policy (:meth:`GameSpec.policy_for`);
* two-sided play changes who gives the rival's orders (a second person, through the session), never the rules:
  played headless, the rival's side is the spec's rival bot, and the week is the same week.

:func:`resolve_week` is one week: the sheets (a person's where given, else the side's bot's for that week) and
the engine call.  :func:`play` is the loop over weeks for one game; ``game.session.Session`` resolves its weeks
through :func:`resolve_week`, ``game.classroom.play`` plays through :func:`play`, and the batch engine
(``game.sim.batch.play_batch``) reads the same :meth:`GameSpec.policy_for` and configured rules for thousands of
games at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from game.ai import Policy, make_policy
from game.engine import Dice, Rules, Sheet, State, TurnRecord, TurnResult, initial_state, release_injects, resolve_turn
from game.scenario import Scenario

from .settings import Settings, configure

RIVAL_POLICY = "historical"  # the rival when neither the settings nor the spec name one
PRELUDE_POLICY = "historical"  # both sides' policy in the weeks before the players take over
HUMAN = "human"  # a side whose orders a person gives (the session's pending sheet)


@dataclass(frozen=True)
class GameSpec:
    """One game, before it is played.

    ``settings`` None plays the scenario's rules exactly as given (the balance lab perturbs them, the tests
    build worlds by hand); teacher settings, even the defaults, configure the rules from the scenario file.
    ``rival_policy`` None is the settings' rival (the historical playbook without settings).  A side played
    by a person is ``HUMAN``: its sheet must be given to :func:`resolve_week`.
    """

    scenario: Scenario
    seed: int
    settings: Settings | None = None
    policy: str = "historical"
    rival_policy: str | None = None

    @cached_property
    def configured(self) -> Scenario:
        """The scenario with the settings' rules (the scenario itself without settings)."""
        return self.scenario if self.settings is None else configure(self.scenario, self.settings)

    @property
    def rules(self) -> Rules:
        return self.configured.rules

    @property
    def rival(self) -> str:
        """The rival's policy after the prelude."""
        if self.rival_policy is not None:
            return self.rival_policy
        return self.settings.rival if self.settings is not None else RIVAL_POLICY

    @property
    def first_turn(self) -> int:
        """The first week the spec's policies play (0-based); the weeks before are the prelude."""
        return 0 if self.settings is None else self.settings.first_turn(self.rules.n_turns)

    @property
    def sides(self) -> tuple[int, ...]:
        """The sides that give orders, in the engine's order (by actor id)."""
        return tuple(sorted((self.scenario.player, self.scenario.rival)))

    def policy_for(self, actor: int, turn: int) -> str:
        """The policy that plays ``actor`` in week ``turn``: the prelude's, else the side's own."""
        if turn < self.first_turn:
            return PRELUDE_POLICY
        return self.policy if actor == self.scenario.player else self.rival

    def bot(self, actor: int, turn: int) -> Policy:
        name = self.policy_for(actor, turn)
        if name == HUMAN:
            raise ValueError(f"a person plays {self.rules.labels.actors[actor]}: their orders must be given")
        if name not in self._bots:
            self._bots[name] = make_policy(name)
        return self._bots[name]

    @cached_property
    def _bots(self) -> dict[str, Policy]:
        return {}

    @cached_property
    def dice(self) -> Dice:
        return Dice.single(self.seed)

    def replace(self, **changes) -> GameSpec:
        """A changed copy; a copy that keeps the scenario and settings keeps their configured rules, so that
        games of many seeds share one Rules object (and the caches keyed by it)."""
        spec = dataclasses.replace(self, **changes)
        if spec.scenario is self.scenario and spec.settings == self.settings:
            spec.__dict__["configured"] = self.configured
        return spec

    def with_seed(self, seed: int) -> GameSpec:
        return self.replace(seed=int(seed))


@dataclass(frozen=True)
class GameResult:
    scenario: Scenario
    seed: int
    policy: str
    rival_policy: str
    states: tuple[State, ...]  # start of each week, then the final state
    sheets: tuple[tuple[Sheet, ...], ...]  # per week, one sheet per actor
    records: tuple[TurnRecord, ...]

    @property
    def final(self) -> State:
        return self.states[-1]

    @property
    def alignment_history(self) -> np.ndarray:
        """(weeks + 1, C) alignment at the start of each week and at the end."""
        return np.stack([s.alignment[0] for s in self.states])


def yardstick(spec: GameSpec) -> GameSpec:
    """The game a result is measured against: the historical playbook on the player's side, with the same
    seed, rules and prelude, against the same rival (in a two-sided game, the rival's historical playbook)."""
    two_sided = spec.settings is not None and spec.settings.two_sided
    settings = spec.settings
    if two_sided:
        settings = settings.replace(two_sided=False, rival=PRELUDE_POLICY)
    rival = PRELUDE_POLICY if two_sided else spec.rival
    return spec.replace(settings=settings, policy="historical", rival_policy=rival)


def resolve_week(
    spec: GameSpec,
    state: State,
    given: Mapping[int, Sheet] | None = None,
    record: bool = True,
    injects: Sequence[int] = (),
) -> tuple[tuple[Sheet, ...], TurnResult]:
    """One week of the spec's game from ``state``: every side's sheet (``given``'s where there is one, else
    the bot that plays the side this week) resolved at once by the engine, then the teacher's ``injects``
    released this week (event indices, ``game.engine.injects``).  Returns the sheets and the result."""
    scenario = spec.configured
    given = given or {}
    sheets = tuple(
        given[a] if a in given else spec.bot(a, state.turn)(scenario, state, a, spec.dice) for a in spec.sides
    )
    result = resolve_turn(state, sheets, scenario.rules, spec.dice, record=record)
    return sheets, release_injects(scenario.rules, result, injects) if injects else result


def play(spec: GameSpec, record: bool = True, injects: Mapping[int, Sequence[int]] | None = None) -> GameResult:
    """The spec's game from the first week to the resolution, every side played by its bot; ``injects``: the
    teacher's injects released in each week (week -> event indices), as a class's game had them."""
    rules = spec.rules
    state = initial_state(rules)
    states, sheets, records = [state], [], []
    while state.turn < rules.n_turns:
        released = injects.get(state.turn, ()) if injects else ()
        week, result = resolve_week(spec, state, record=record, injects=released)
        state = result.state
        states.append(state)
        sheets.append(week)
        records.extend(result.records)
    return GameResult(spec.configured, spec.seed, spec.policy, spec.rival, tuple(states), tuple(sheets), tuple(records))
