"""Game codes: a short code a teacher writes on the board so that every student plays the same game.

A code holds the scenario, the seed and the teacher settings::

    FTZ-081-0Y8-015            Flood the Zone, seed 4217, normal difficulty (9 characters after FTZ)
    FTZ-081-0Y8-007            the same game against the pure historical playbook (normal before issue 14)
    FTZ-17M-4G5-HP1            The Rational Way, seed 1000000, hard, last 6 weeks, fog, two players
    FTZ-000-0K8-00F-GT5-STX    a scenario file of your own (6 more characters: its fingerprint), seed 77

* Characters are Crockford base32 (``0-9`` and the letters without I, L, O and U).  Reading is forgiving:
  upper or lower case, dashes and spaces anywhere, ``FTZ`` optional, I and L read as 1 and O as 0.
* The last character is a check character (the Damm algorithm over GF(32)): any single mistyped character
  and any swap of two neighbours is caught, so a typo gives "the check character does not match" instead
  of a different game.
* Bundled scenarios have a short number (:data:`SCENARIO_NUMBERS`, fixed forever: only append).  A scenario
  of your own is named by 30 bits of its content digest and found among the scenario files in the game's
  data folder (``scenarios/``) or the files given to :func:`resolve_setup`; every student needs the same
  file.  A code never says *which version* of a bundled scenario: students on one installation all have
  the same one, and a replay carries the full digest and refuses another version.

Bits (most significant first): version (2), scenario number (5; 0 = a scenario of your own), seed (20),
rival (4, the low bits of an index into ``settings.RIVALS``), noise (2), turns (4; 0 = every week), fog (1),
two-sided (1), then for a scenario of your own its fingerprint (30), then the rival index's fifth bit (1).  That
last bit filled what was the padding of the last character, which older codes left 0: they read the same.  No
padding is left (40 bits: 8 characters; 70 for a scenario of your own: 14), so the teacher's staff setting
(issue 16) comes as one more character, written only when the staff is not simply on: 0 would be "on" and is
never written, 1-30 is the number of suggestions a side may take a week, 31 is "off".  Every code made before,
and every code of a game with the staff on, is the same code it was (9 or 15 characters); a limited or silent
staff makes it 10 or 16 (``FTZ-081-0Y8-0Z1-P`` and the like).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from game.files import user_scenario_files, user_scenarios_dir
from game.scenario import Scenario, ScenarioError, bundled_scenarios, load_scenario
from game.sim.settings import MAX_STAFF, NOISE, RIVALS, Settings, SettingsError

PREFIX = "FTZ"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_READ_AS = {"I": "1", "L": "1", "O": "0"}
CODE_VERSION = 0
MAX_SEED = 2**20 - 1  # 1,048,575: the desktop game draws its seeds from 1..1,000,000
MAX_CODE_TURNS = 15

# Bundled scenarios by number.  Fixed: a code written today must mean the same game in every later version.
SCENARIO_NUMBERS: dict[int, str] = {
    1: "flood_the_zone",
    2: "flood_the_zone_ns2_halt",
    3: "isolation_complication",
    4: "the_rational_way",
    5: "tutorial",
    6: "general_assembly",
}
_NUMBER_OF = {name: n for n, name in SCENARIO_NUMBERS.items()}
_NOISES = tuple(NOISE)
_FINGERPRINT_BITS = 30
_BASE_BITS = 2 + 5 + 20 + 4 + 2 + 4 + 1 + 1 + 1  # 40: eight characters
_STAFF_BITS = 5  # the optional character of the staff setting
_STAFF_OFF = 31  # its value for "the staff is off" (1..MAX_STAFF: a weekly limit)
assert MAX_STAFF < _STAFF_OFF


class CodeError(ValueError):
    """A game code that cannot be read or used; the message is one line a student can act on."""


@dataclass(frozen=True)
class GameSetup:
    """What a code stands for: a scenario (a bundled id, or the fingerprint of a scenario file), a seed and
    the settings.  ``make_code(setup)`` and ``parse_code(code)`` are inverses."""

    scenario: str | None  # the bundled scenario's id; None for a scenario of your own
    seed: int
    settings: Settings = field(default_factory=Settings)
    fingerprint: str | None = None  # 6 characters of the scenario's digest, for a scenario of your own

    def describe(self) -> str:
        what = self.scenario or f"your scenario {self.fingerprint}"
        return f"{what}, seed {self.seed}, {self.settings.describe()}"


# ------------------------------------------------------------------------------------------ check character

_GF_POLY = 0b100101  # x^5 + x^2 + 1, primitive over GF(2)


def _gf_mul(a: int, b: int) -> int:
    result = 0
    while b:
        if b & 1:
            result ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _GF_POLY
    return result


def _check_value(values: list[int]) -> int:
    """Damm's algorithm over the quasigroup x*y = 2x + y of GF(32): totally anti-symmetric (2 != 0, 1), so it
    detects every single substitution and every adjacent transposition.  Returns the interim digit; a code
    is valid when the interim over data + check is 0, i.e. the check value is ``2 * interim``."""
    interim = 0
    for v in values:
        interim = _gf_mul(2, interim) ^ v
    return interim


def _with_check(values: list[int]) -> list[int]:
    return values + [_gf_mul(2, _check_value(values))]


# ------------------------------------------------------------------------------------------------- bits


class _Bits:
    def __init__(self) -> None:
        self.value = 0
        self.n = 0

    def put(self, value: int, bits: int) -> None:
        assert 0 <= value < (1 << bits), (value, bits)
        self.value = (self.value << bits) | value
        self.n += bits

    def symbols(self) -> list[int]:
        pad = (-self.n) % 5
        value = self.value << pad
        count = (self.n + pad) // 5
        return [(value >> (5 * (count - 1 - i))) & 31 for i in range(count)]


class _Reader:
    def __init__(self, symbols: list[int]) -> None:
        self.value = 0
        for s in symbols:
            self.value = (self.value << 5) | s
        self.left = 5 * len(symbols)

    def take(self, bits: int) -> int:
        self.left -= bits
        return (self.value >> self.left) & ((1 << bits) - 1)


def _fingerprint_bits(digest: str) -> int:
    return int(digest[:8], 16) >> 2  # the digest's first 30 bits


def _fingerprint_text(bits: int) -> str:
    return "".join(ALPHABET[(bits >> (5 * (5 - i))) & 31] for i in range(6))


def fingerprint(scenario: Scenario) -> str:
    """Six characters naming a scenario's content (its digest) in a code and in messages."""
    from game.session import scenario_digest

    return _fingerprint_text(_fingerprint_bits(scenario_digest(scenario)))


# -------------------------------------------------------------------------------------------- make/parse


def is_bundled(scenario: Scenario) -> bool:
    """Is this the bundled file of a numbered scenario (not a file of your own with the same id)?"""
    if scenario.id not in _NUMBER_OF or scenario.path is None:
        return False
    try:
        here = Path(scenario.path).resolve()
        return any(here == p.resolve() for p in bundled_scenarios())
    except OSError:
        return False


def setup_for(scenario: Scenario, seed: int, settings: Settings) -> GameSetup:
    """The setup of a game of ``scenario`` (bundled by number, or your own by fingerprint)."""
    if is_bundled(scenario):
        return GameSetup(scenario.id, int(seed), settings)
    return GameSetup(None, int(seed), settings, fingerprint(scenario))


def make_code(setup: GameSetup) -> str:
    """The code of a setup, e.g. ``FTZ-081-0Y8-015``.  Raises CodeError for what a code cannot hold."""
    settings = setup.settings
    if not 0 <= setup.seed <= MAX_SEED:
        raise CodeError(f"a game code holds seeds from 0 to {MAX_SEED:,}, not {setup.seed:,}")
    if settings.turns is not None and settings.turns > MAX_CODE_TURNS:
        raise CodeError(f"a game code holds up to {MAX_CODE_TURNS} turns, not {settings.turns}")
    bits = _Bits()
    bits.put(CODE_VERSION, 2)
    if setup.scenario is not None:
        if setup.scenario not in _NUMBER_OF:
            raise CodeError(
                f"scenario '{setup.scenario}' has no number for game codes; codes name the bundled scenarios "
                f"({', '.join(SCENARIO_NUMBERS.values())}) or a scenario file by its fingerprint"
            )
        bits.put(_NUMBER_OF[setup.scenario], 5)
    else:
        if not setup.fingerprint or len(setup.fingerprint) != 6:
            raise CodeError("a scenario of your own needs its fingerprint (6 characters) in a game code")
        bits.put(0, 5)
    bits.put(setup.seed, 20)
    rival = RIVALS.index(settings.rival)
    bits.put(rival & 0b1111, 4)
    bits.put(_NOISES.index(settings.noise), 2)
    bits.put(settings.turns or 0, 4)
    bits.put(int(settings.fog), 1)
    bits.put(int(settings.two_sided), 1)
    if setup.scenario is None:
        bits.put(_decode_fingerprint(setup.fingerprint), _FINGERPRINT_BITS)
    bits.put(rival >> 4, 1)
    if settings.staff is not None:
        bits.put(_STAFF_OFF if settings.staff == 0 else settings.staff, _STAFF_BITS)
    symbols = _with_check(bits.symbols())
    text = "".join(ALPHABET[s] for s in symbols)
    return "-".join([PREFIX] + [text[i : i + 3] for i in range(0, len(text), 3)])


def _decode_fingerprint(text: str) -> int:
    value = 0
    for ch in text.upper():
        if ch not in ALPHABET:
            raise CodeError(f"'{text}' is not a scenario fingerprint")
        value = (value << 5) | ALPHABET.index(ch)
    return value


_EXAMPLE = "FTZ-081-0Y8-015"


def normalise_code(text: str) -> str:
    """The code's characters without the prefix, dashes and spaces, upper case, I/L/O read as 1/1/0."""
    cleaned = re.sub(r"[\s\-_.]+", "", str(text)).upper()
    if cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX) :]
    return "".join(_READ_AS.get(ch, ch) for ch in cleaned)


def parse_code(text: str) -> GameSetup:
    """The setup a code stands for.  Raises CodeError with one line: not a code, a mistyped character, an
    unknown scenario number, a code from a newer version of the game."""
    shown = str(text).strip()[:40] or "''"
    body = normalise_code(text)
    n_base = -(-_BASE_BITS // 5) + 1
    n_own = -(-(_BASE_BITS + _FINGERPRINT_BITS) // 5) + 1
    bad = [ch for ch in body if ch not in ALPHABET]
    if bad:
        raise CodeError(f"'{shown}' is not a game code: '{bad[0]}' is not one of its characters (e.g. {_EXAMPLE})")
    if len(body) not in (n_base, n_base + 1, n_own, n_own + 1):
        raise CodeError(
            f"'{shown}' is not a game code: it has {len(body)} characters after {PREFIX}, a code has {n_base} "
            f"(or {n_own} for a scenario of your own), e.g. {_EXAMPLE}"
        )
    symbols = [ALPHABET.index(ch) for ch in body]
    if _check_value(symbols) != 0:
        raise CodeError(f"game code '{shown}': a character is mistyped (the check character does not match)")
    reader = _Reader(symbols[:-1])
    version = reader.take(2)
    if version != CODE_VERSION:
        raise CodeError(f"game code '{shown}' was made by a newer version of the game")
    number = reader.take(5)
    seed = reader.take(20)
    rival = reader.take(4)
    noise = reader.take(2)
    turns = reader.take(4)
    fog = bool(reader.take(1))
    two_sided = bool(reader.take(1))
    own = len(body) in (n_own, n_own + 1)
    has_staff = len(body) in (n_base + 1, n_own + 1)
    if own != (number == 0):
        raise CodeError(f"'{shown}' is not a game code: its length does not match its scenario")
    fingerprint_bits = reader.take(_FINGERPRINT_BITS) if own else 0
    rival |= reader.take(1) << 4
    if rival >= len(RIVALS):
        raise CodeError(f"game code '{shown}' names a rival this version of the game does not have")
    staff = None
    if has_staff:
        value = reader.take(_STAFF_BITS)
        if value == 0 or MAX_STAFF < value < _STAFF_OFF:  # never written: a mistake the check did not catch
            raise CodeError(f"game code '{shown}' has a staff setting this version of the game does not have")
        staff = 0 if value == _STAFF_OFF else value
    try:
        settings = Settings(
            rival=RIVALS[rival], noise=_NOISES[noise], turns=turns or None, fog=fog, two_sided=two_sided, staff=staff
        )
    except SettingsError as exc:  # pragma: no cover - every field's range is filled by the table
        raise CodeError(f"game code '{shown}': {exc}") from None
    if own:
        return GameSetup(None, seed, settings, _fingerprint_text(fingerprint_bits))
    if number not in SCENARIO_NUMBERS:
        known = ", ".join(f"{n} {name}" for n, name in SCENARIO_NUMBERS.items())
        raise CodeError(
            f"game code '{shown}' is for scenario number {number}, which this version of the game does not have "
            f"(it knows {known})"
        )
    return GameSetup(SCENARIO_NUMBERS[number], seed, settings)


# ----------------------------------------------------------------------------------------- resolving


def resolve_setup(setup: GameSetup, candidates: list[str | os.PathLike] = ()) -> Scenario:
    """Load the scenario a setup names.  For a scenario of your own, ``candidates`` (paths) are tried first,
    then every scenario file in the game's data folder.  Raises CodeError (one line)."""
    if setup.scenario is not None:
        try:
            scenario = load_scenario(setup.scenario)
        except ScenarioError as exc:
            first = exc.problems[0] if exc.problems else None
            detail = first.message if first else str(exc)
            raise CodeError(f"the code's scenario '{setup.scenario}' cannot be loaded: {detail}") from None
    else:
        scenario = None
        tried = 0
        for path in [*candidates, *user_scenario_files()]:
            tried += 1
            try:
                found = load_scenario(path)
            except ScenarioError:
                continue
            if fingerprint(found) == setup.fingerprint:
                scenario = found
                break
        if scenario is None:
            raise CodeError(
                f"the code is for a scenario file of your own (fingerprint {setup.fingerprint}) that is not here: "
                f"put the same file in {user_scenarios_dir()} (looked at {tried} files)"
            )
    try:
        setup.settings.check(scenario)
    except SettingsError as exc:
        raise CodeError(str(exc)) from None
    return scenario


def code_for(session) -> str:
    """The game code of a Session (raises CodeError when its seed, rival or turns cannot be coded)."""
    if session.rival_policy != session.settings.rival:
        raise CodeError(f"the rival '{session.rival_policy}' cannot be put in a game code")
    return make_code(setup_for(session.base_scenario, session.seed, session.settings))


def new_seed() -> int:
    """A random seed that fits in a game code (for the title screen's "new code")."""
    import secrets

    return 1 + secrets.randbelow(1_000_000)
