"""Teacher settings: how hard the rival plays, how much luck there is, how many weeks the players play, fog and
two-sided (hot seat) play.

A game is ``(scenario, seed, Settings)``.  The settings travel in the game code, in saves and replays, and a
scenario file can give defaults (its ``settings:`` section).  They change the game in three ways only:

* ``rival`` picks the AI rival's policy (the historical playbook, the answering rival of Normal, or a persona at a
  level, ``game.ai.personas``);
  ``noise`` scales the scenario's ``noise_sigma`` (the luck of every contact).  Both are plain rules changes:
  :func:`configure` returns the scenario with its Rules replaced (``dataclasses.replace``), so the engine,
  the bots and the batch path need nothing new.
* ``turns`` shortens the crisis from the front: the players take over for the *last* ``turns`` weeks, and the
  weeks before are played out as history went (both sides' historical playbooks, with the game's seed).  The
  crisis still resolves on its real date with every late event (the invasion, the UN vote), which is what a
  shorter lesson needs; cutting the calendar at the end instead would drop the resolution itself.
* ``fog`` and ``two_sided`` change who plays and what they see; the engine never reads them.  Fog is applied by
  the UI with :func:`fog_band` (a word and a range instead of the number).
* ``staff`` decides how much "Ask your staff" may do for the players: on (None, the default), limited (``n``
  suggestions a side may take each week) or off (0).  Only the session and the window read it; the AI rival
  never asks the staff.

It lives on the floor of the game loop (``game.sim.loop`` reads it), so that the simulator, the session and the
classroom take the same settings without importing each other.  This module reads no files and imports no UI.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario import Scenario

# The rival's policies, in a fixed order: a game code stores the index, so never reorder, only append.
RIVALS: tuple[str, ...] = (
    "historical",
    "charm_tour:1",
    "charm_tour:2",
    "charm_tour:3",
    "charm_tour:4",
    "energy_pressure:1",
    "energy_pressure:2",
    "energy_pressure:3",
    "energy_pressure:4",
    "wedge:1",
    "wedge:2",
    "wedge:3",
    "wedge:4",
    "random",
    "greedy",
    "idle",
    "answering",
)

# The luck of contacts: a factor on the scenario's noise_sigma.  Fixed order (the code stores the index).
NOISE: dict[str, float] = {"normal": 1.0, "calm": 0.5, "wild": 1.6, "none": 0.0}
NOISE_WORDS = {
    "normal": "the scenario's luck",
    "calm": "half the luck: results follow the orders more closely",
    "wild": "more luck: a call can do much more or nothing",
    "none": "no luck at all: the same orders always do the same",
}

# Difficulty presets: (rival, noise).  The personas' strengths are measured in docs/balance.md: against the
# historical player, novice charm tour is the weakest rival and the wedge at levels 3-4 the strongest; level 2
# of any persona is about as strong as the historical playbook.  Normal is the answering rival (game.ai.answering):
# the historical playbook bent toward the board, with an escalation it may raise; the pure playbook stays a
# custom rival ("historical"), the one calibration and "play history" use.
DIFFICULTIES: dict[str, tuple[str, str]] = {
    "easy": ("charm_tour:1", "calm"),
    "normal": ("answering", "normal"),
    "hard": ("wedge:3", "normal"),
    "expert": ("wedge:4", "normal"),
}
DIFFICULTY_WORDS = {
    "easy": "Moscow plays a half-hearted charm tour, and luck matters less",
    "normal": "Moscow plays its real campaign but answers your pressure and your weak spots, and may escalate",
    "hard": "Moscow drives a wedge between the allies, choosing each call for its effect, and escalates when it pays",
    "expert": "Moscow drives a wedge and looks ahead, testing its plans to the crisis's end; it may escalate twice",
}

MAX_TURNS = 60  # the format's longest calendar
MAX_STAFF = 30  # the largest weekly limit of staff suggestions (a game code holds 1..30; more is "on")


class SettingsError(ValueError):
    """Settings that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Settings:
    """What a teacher chooses for a game.  Immutable; ``replace`` returns a changed copy."""

    rival: str = "answering"  # the AI rival's policy, Normal's by default (ignored when two_sided: a person plays it)
    noise: str = "normal"  # a key of NOISE
    turns: int | None = None  # the players play the last ``turns`` weeks; None: every week
    fog: bool = False  # the players see bands, not exact alignments
    two_sided: bool = False  # a second person plays the rival on the same machine (hot seat)
    staff: int | None = None  # staff suggestions a side may take a week: None no limit, 0 the staff is off

    def __post_init__(self) -> None:
        if self.rival not in RIVALS:
            raise SettingsError(f"unknown rival '{self.rival}' (choose from {', '.join(RIVALS)})")
        if self.noise not in NOISE:
            raise SettingsError(f"unknown noise '{self.noise}' (choose from {', '.join(NOISE)})")
        if self.turns is not None and (
            isinstance(self.turns, bool) or not isinstance(self.turns, int) or not 1 <= self.turns <= MAX_TURNS
        ):
            raise SettingsError(f"turns must be a whole number from 1 to {MAX_TURNS}, got {self.turns!r}")
        if self.staff is not None and (
            isinstance(self.staff, bool) or not isinstance(self.staff, int) or not 0 <= self.staff <= MAX_STAFF
        ):
            raise SettingsError(
                f"staff must be a whole number of suggestions a week from 0 (off) to {MAX_STAFF}, or none for no "
                f"limit, got {self.staff!r}"
            )

    # ------------------------------------------------------------------------------------------ presets

    @classmethod
    def preset(cls, difficulty: str, **changes) -> Settings:
        """The settings of a difficulty (``easy``, ``normal``, ``hard``, ``expert``), with ``changes``."""
        if difficulty not in DIFFICULTIES:
            raise SettingsError(f"unknown difficulty '{difficulty}' (choose from {', '.join(DIFFICULTIES)})")
        rival, noise = DIFFICULTIES[difficulty]
        return cls(**{"rival": rival, "noise": noise, **changes})

    @property
    def difficulty(self) -> str:
        """The preset these settings match, or ``custom``."""
        for name, pair in DIFFICULTIES.items():
            if pair == (self.rival, self.noise):
                return name
        return "custom"

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)

    def describe(self) -> str:
        """One line for a title bar or a report: "hard · last 6 weeks · fog · two players"."""
        level = self.difficulty
        parts = [level if level != "custom" else f"rival {self.rival}, luck {self.noise}"]
        if self.turns is not None:
            parts.append(f"last {self.turns} weeks")
        if self.fog:
            parts.append("fog")
        if self.two_sided:
            parts.append("two players")
        if self.staff is not None:
            parts.append(staff_words(self.staff))
        return " · ".join(parts)

    # -------------------------------------------------------------------------------------- scenario

    def first_turn(self, n_turns: int) -> int:
        """The first week the players play (0-based); the weeks before it are played as history went."""
        if self.turns is None or self.turns >= n_turns:
            return 0
        return n_turns - self.turns

    def check(self, scenario: Scenario) -> None:
        """Raise SettingsError if these settings cannot be used with ``scenario``."""
        weeks = scenario.rules.n_turns
        if self.turns is not None and self.turns > weeks:
            raise SettingsError(
                f"{scenario.id}: {self.turns} turns is more than the crisis's {weeks} weeks (choose 1 to {weeks})"
            )

    # ----------------------------------------------------------------------------------------- JSON

    def to_dict(self) -> dict:
        data = {
            "rival": self.rival,
            "noise": self.noise,
            "turns": self.turns,
            "fog": self.fog,
            "two_sided": self.two_sided,
        }
        # Written only when the teacher limited the staff: a game with the staff on saves exactly as before, so
        # the saves and replays of earlier versions and of this one compare equal (recording.find_replay).
        if self.staff is not None:
            data["staff"] = self.staff
        return data

    @classmethod
    def from_dict(cls, data) -> Settings:
        """Settings from a save or replay; raises SettingsError (one line) for anything malformed."""
        if not isinstance(data, dict):
            raise SettingsError("settings must be a mapping")
        unknown = sorted(set(data) - {"rival", "noise", "turns", "fog", "two_sided", "staff"})
        if unknown:
            raise SettingsError(f"unknown setting '{unknown[0]}'")
        for flag in ("fog", "two_sided"):
            if flag in data and not isinstance(data[flag], bool):
                raise SettingsError(f"setting {flag} must be true or false")
        return cls(
            rival=str(data.get("rival", "historical")),
            noise=str(data.get("noise", "normal")),
            turns=data.get("turns"),
            fog=data.get("fog", False),
            two_sided=data.get("two_sided", False),
            staff=data.get("staff"),
        )


def staff_words(staff: int | None) -> str:
    """The staff setting in a few words: "staff on", "staff: 3 a week", "staff off"."""
    if staff is None:
        return "staff on"
    if staff == 0:
        return "staff off"
    return f"staff: {staff} a week"


def scenario_defaults(scenario: Scenario) -> Settings:
    """The settings a scenario file asks for (its ``settings:`` section), or the plain defaults."""
    doc_settings = getattr(scenario.doc, "settings", None)
    if doc_settings is None:
        return Settings()
    rival, noise = DIFFICULTIES[doc_settings.difficulty]
    return Settings(
        rival=rival,
        noise=doc_settings.noise or noise,
        turns=doc_settings.turns,
        fog=doc_settings.fog,
        two_sided=doc_settings.two_sided,
    )


def configure(scenario: Scenario, settings: Settings) -> Scenario:
    """The scenario with its rules changed by the settings (today: the noise).

    Idempotent: the noise is computed from the scenario document, not from the rules it is given, so a
    configured scenario configured again is unchanged.
    """
    settings.check(scenario)
    base = float(scenario.doc.dynamics.noise_sigma)
    sigma = base * NOISE[settings.noise]
    if scenario.rules.noise_sigma == sigma:
        return scenario
    rules = dataclasses.replace(scenario.rules, noise_sigma=sigma)
    return dataclasses.replace(scenario, rules=rules)


# ---------------------------------------------------------------------------------------------- fog


@dataclass(frozen=True)
class FogBand:
    """What a player sees of an alignment under fog: a word and the range it stands for."""

    label: str
    lo: float
    hi: float

    @property
    def middle(self) -> float:
        """Where to draw the band's marker on a scale (its centre)."""
        return (self.lo + self.hi) / 2.0


# The same cut-offs as the game's words for alignment (game/ui/words.py, alignment_word).
FOG_BANDS: tuple[FogBand, ...] = (
    FogBand("firmly with Moscow", -100.0, -60.0),
    FogBand("leans to Moscow", -60.0, -25.0),
    FogBand("on the fence", -25.0, 25.0),
    FogBand("leans to Washington", 25.0, 60.0),
    FogBand("firmly with Washington", 60.0, 100.0),
)


def fog_band(value: float) -> FogBand:
    """The band an alignment falls in, with exactly the cut-offs of the game's words: a value on a cut-off
    belongs to the band further from the middle (+25 leans to Washington, -25 leans to Moscow)."""
    value = float(value)
    if value >= 60:
        return FOG_BANDS[4]
    if value >= 25:
        return FOG_BANDS[3]
    if value > -25:
        return FOG_BANDS[2]
    if value > -60:
        return FOG_BANDS[1]
    return FOG_BANDS[0]


def fog_delta(before: float, after: float) -> str:
    """A week's change as a fogged player sees it: only whether the country crossed into another band."""
    a, b = fog_band(before), fog_band(after)
    if a == b:
        return "no visible change"
    return f"now {b.label}"
