"""The title screen's new-game form, without a window: its fields, the options of each, the value chosen, the
next or previous value, and why a value is refused.

The screen draws what this says and passes the player's clicks and keys to it; the form changes the teacher
settings (``Settings``) of the scenario and the seed, which the screen keeps.  The seed is typed digit by
digit: the first digit typed after the seed field gains the focus starts a new number.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.classroom.codes import MAX_CODE_TURNS, MAX_SEED
from game.sim.settings import DIFFICULTIES, DIFFICULTY_WORDS, MAX_STAFF, Settings

FIELDS = ("difficulty", "turns", "rival", "fog", "seed", "staff")
# The staff's advice from none to no limit: ← → walk along it.  Off, then 1..10 suggestions a week, then on.
STAFF_LIMITS = (0, *range(1, 11), None)
STAFF_DEFAULT_LIMIT = 3  # "Limited" picked from On or Off: a few suggestions a week, enough to learn from


@dataclass(frozen=True)
class Option:
    """One value a field may take, as the form shows it."""

    value: object
    label: str
    selected: bool
    refusal: str = ""  # why it cannot be chosen now; "" when it can
    tip: str = ""

    @property
    def offered(self) -> bool:
        return not self.refusal


class SetupForm:
    """The form over one scenario's settings and the seed.  ``scenario``: a loaded scenario (its weeks)."""

    def __init__(self, scenario, settings: Settings, seed: int, seed_fresh: bool = False):
        self.scenario = scenario
        self.settings = settings
        self.seed = seed
        self.seed_fresh = seed_fresh  # the next digit typed replaces the seed

    # ------------------------------------------------------------------------------------------- reading

    @property
    def weeks(self) -> int:
        return self.scenario.rules.n_turns

    def turn_choices(self) -> list[int | None]:
        """The weeks a game can have: the last 1 .. N of the crisis (as many as a game code holds), or all."""
        return [*range(1, min(self.weeks - 1, MAX_CODE_TURNS) + 1), None]

    def value(self, field: str):
        s = self.settings
        return {
            "difficulty": s.difficulty,
            "turns": s.turns,
            "rival": "person" if s.two_sided else "ai",
            "fog": "on" if s.fog else "off",
            "seed": self.seed,
            "staff": "on" if s.staff is None else "off" if s.staff == 0 else "limited",
        }[field]

    def shown(self, field: str) -> str:
        """The value in words, as the field shows it."""
        if field == "turns":
            turns = self.settings.turns
            return f"all {self.weeks}" if turns is None else f"last {turns} of {self.weeks}"
        if field == "staff":
            staff = self.settings.staff
            return "no limit" if staff is None else "off" if staff == 0 else f"{staff} a week"
        return str(self.value(field))

    def options(self, field: str) -> list[Option]:
        """The choices of a field (for weeks and the seed: one less and one more)."""
        s = self.settings
        if field == "difficulty":
            return [
                Option(name, name.capitalize(), s.difficulty == name, tip=DIFFICULTY_WORDS[name])
                for name in DIFFICULTIES
            ]
        if field == "turns":
            first = self.turn_choices()[0]
            fewer = "" if s.turns != first else f"a game has at least {first} week"
            more = "" if s.turns is not None else "the game already has every week"
            return [Option(-1, "−", False, fewer, "fewer weeks"), Option(1, "+", False, more, "more weeks")]
        if field == "rival":
            return [Option("ai", "Computer", not s.two_sided), Option("person", "2nd player", s.two_sided)]
        if field == "fog":
            return [Option("off", "Off", not s.fog), Option("on", "On", s.fog)]
        if field == "seed":
            return [Option(-1, "−", False, tip="previous seed"), Option(1, "+", False, tip="next seed")]
        if field == "staff":
            mode = self.value("staff")
            return [
                Option("on", "On", mode == "on", tip="Ask your staff (A) suggests orders without limit"),
                Option(
                    "limited",
                    "Limited",
                    mode == "limited",
                    tip="each side may take only so many of the staff's suggestions a week (− + set how many)",
                ),
                Option("off", "Off", mode == "off", tip="no staff: the players give every order themselves"),
            ]
        raise KeyError(field)

    def refusal(self, field: str, value) -> str:
        """Why ``value`` cannot be given to ``field``; "" when it can."""
        if field == "seed" and int(value) < 0:
            return "a seed is 0 or more"
        if field == "turns" and value not in self.turn_choices() and value != self.settings.turns:
            return f"a game plays the last 1 to {self.turn_choices()[-2]} weeks, or all {self.weeks}"
        if field == "difficulty" and value not in DIFFICULTIES:
            return f"unknown difficulty '{value}'"
        if field == "staff" and value not in ("on", "limited", "off"):
            return f"the staff is on, limited or off, not '{value}'"
        if field == "staff_limit" and not (isinstance(value, int) and 1 <= value <= MAX_STAFF):
            return f"a limit is 1 to {MAX_STAFF} suggestions a week"
        return ""

    # ------------------------------------------------------------------------------------------ changing

    def choose(self, field: str, value) -> str:
        """Give ``field`` the value ``value``; returns why not instead when it is refused."""
        why = self.refusal(field, value)
        if why:
            return why
        if field == "difficulty":
            rival, noise = DIFFICULTIES[value]
            self.settings = self.settings.replace(rival=rival, noise=noise)
        elif field == "turns":
            self.settings = self.settings.replace(turns=value)
        elif field == "rival":
            self.settings = self.settings.replace(two_sided=value == "person")
        elif field == "fog":
            self.settings = self.settings.replace(fog=value == "on")
        elif field == "seed":
            self.seed = int(value)
        elif field == "staff":
            if value != self.value("staff"):
                staff = {"on": None, "off": 0, "limited": STAFF_DEFAULT_LIMIT}[value]
                self.settings = self.settings.replace(staff=staff)
        elif field == "staff_limit":
            self.settings = self.settings.replace(staff=value)
        return ""

    def staff_step(self, step: int) -> str:
        """One suggestion a week fewer (−1) or more (+1); from On, − starts at the most a limit offers."""
        staff = self.settings.staff
        if staff is None:
            return self.choose("staff_limit", STAFF_LIMITS[-2]) if step < 0 else "the staff already has no limit"
        if staff + step < 1:
            return "one suggestion a week is the least: choose Off for none"
        return self.choose("staff_limit", min(MAX_STAFF, staff + step))

    def step(self, field: str, step: int) -> str:
        """The next (``step`` 1) or previous (-1) value of ``field``, stopping at the ends; a two-way field
        (rival, fog) flips.  Returns why not when the value it reaches is refused."""
        s = self.settings
        if field == "difficulty":
            names = list(DIFFICULTIES)
            i = names.index(s.difficulty) if s.difficulty in names else names.index("normal") - step
            return self.choose(field, names[max(0, min(len(names) - 1, i + step))])
        if field == "turns":
            choices = self.turn_choices()
            if s.turns in choices:
                i = choices.index(s.turns)
            else:  # a scenario's own default that no button reaches (more weeks than a code holds)
                i = len(choices) - 1 if step < 0 else len(choices) - 2
                step = 0
            return self.choose(field, choices[max(0, min(len(choices) - 1, i + step))])
        if field == "rival":
            return self.choose(field, "ai" if s.two_sided else "person")
        if field == "fog":
            return self.choose(field, "off" if s.fog else "on")
        if field == "seed":
            self.seed_fresh = False
            return self.choose(field, max(0, self.seed + step))
        if field == "staff":
            here = s.staff if s.staff is None or s.staff in STAFF_LIMITS else STAFF_LIMITS[-2]
            i = STAFF_LIMITS.index(here)
            staff = STAFF_LIMITS[max(0, min(len(STAFF_LIMITS) - 1, i + step))]
            self.settings = self.settings.replace(staff=staff)
            return ""
        raise KeyError(field)

    def type_digit(self, digit: str) -> str:
        """A digit typed into the seed; returns why not when the seed would grow past what a code holds."""
        seed = int(digit) if self.seed_fresh else self.seed * 10 + int(digit)
        why = f"A game code holds seeds up to {MAX_SEED:,}" if seed > MAX_SEED else self.choose("seed", seed)
        if not why:
            self.seed_fresh = False
        return why

    def erase_digit(self) -> None:
        self.seed_fresh = False
        self.seed //= 10
