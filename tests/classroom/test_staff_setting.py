"""The teacher's say on "Ask your staff" (issue 16): on, limited or off, in the settings, the game code, the
session's count and the words shown on the debrief and in the report."""

from __future__ import annotations

import pytest

from game.classroom.codes import CodeError, GameSetup, make_code, parse_code
from game.classroom.words import staff_use
from game.session import Session, StaffRefused
from game.sim.settings import MAX_STAFF, Settings, SettingsError

# Codes made by the game before the staff setting existed (generated with the previous codes.py, issue 16):
# each must read the same setup, with the staff on, and make the same code again.
OLD_CODES = [
    ("FTZ-081-0Y8-015", "flood_the_zone", 4217, {"rival": "answering"}),
    ("FTZ-081-0Y8-007", "flood_the_zone", 4217, {"rival": "historical"}),
    (
        "FTZ-0EH-NG5-ZYW",
        "flood_the_zone",
        858816,
        {"rival": "wedge:3", "noise": "none", "turns": 15, "fog": True, "two_sided": True},
    ),
    (
        "FTZ-1A8-NPW-4EN",
        "tutorial",
        297691,
        {"rival": "energy_pressure:4", "noise": "calm", "turns": 1, "fog": True, "two_sided": True},
    ),
    ("FTZ-10E-0DC-GAH", "the_rational_way", 57397, {"rival": "wedge:1", "turns": 1, "two_sided": True}),
    ("FTZ-1C4-6XQ-DGB", "tutorial", 541558, {"rival": "greedy", "noise": "none", "turns": 6}),
    ("FTZ-14P-0VY-HMV", "the_rational_way", 614511, {"rival": "random", "turns": 6, "fog": True}),
    ("FTZ-1BR-6Z0-R0S", "tutorial", 492412, {"rival": "charm_tour:1", "noise": "wild"}),
    (
        "FTZ-0AM-35F-NPN",
        "flood_the_zone",
        344469,
        {"rival": "idle", "noise": "calm", "turns": 6, "fog": True, "two_sided": True},
    ),
    ("FTZ-01Y-Y7Z-KV1-MBK-NTZ", None, 257823, {"rival": "idle", "turns": 15, "two_sided": True}),
    ("FTZ-16F-ZEF-3RA", "the_rational_way", 851897, {"rival": "greedy", "turns": 15}),
    ("FTZ-1FM-EZD-G2Z", "tutorial", 1001341, {"rival": "wedge:3", "two_sided": True}),
    ("FTZ-0BW-FFR-0DQ", "flood_the_zone", 509887, {"rival": "answering", "turns": 1, "fog": True}),
    ("FTZ-0E9-1QG-C24", "flood_the_zone", 823518, {"rival": "historical", "noise": "none", "two_sided": True}),
]


@pytest.mark.parametrize(("code", "scenario", "seed", "settings"), OLD_CODES, ids=[c[0] for c in OLD_CODES])
def test_every_older_code_reads_as_before_with_the_staff_on(code, scenario, seed, settings):
    setup = parse_code(code)
    assert (setup.scenario, setup.seed, setup.settings) == (scenario, seed, Settings(**settings))
    assert setup.settings.staff is None
    assert make_code(setup) == code  # and a game with the staff on still gets the very same code


@pytest.mark.parametrize("staff", [0, 1, 3, 10, MAX_STAFF])
@pytest.mark.parametrize("scenario", ["flood_the_zone", None])
def test_the_staff_setting_round_trips_through_a_code(staff, scenario):
    settings = Settings.preset("hard", turns=6, fog=True, staff=staff)
    setup = GameSetup(scenario, 77, settings, None if scenario else "GT5STX")
    code = make_code(setup)
    assert parse_code(code) == setup
    on = make_code(GameSetup(scenario, 77, settings.replace(staff=None), setup.fingerprint))
    assert code.replace("-", "")[: len(on.replace("-", "")) - 1] == on.replace("-", "")[:-1]  # one character more
    assert len(code.replace("-", "")) == len(on.replace("-", "")) + 1
    assert parse_code(code.lower().replace("-", " ")) == setup


def test_a_mistyped_staff_character_is_caught():
    code = make_code(GameSetup("flood_the_zone", 4217, Settings(staff=3)))
    body = code.replace("-", "")
    i = len(body) - 2  # the staff character itself
    wrong = body[:i] + ("7" if body[i] != "7" else "8") + body[i + 1 :]
    with pytest.raises(CodeError, match="mistyped"):
        parse_code(wrong)


@pytest.mark.parametrize("bad", [-1, MAX_STAFF + 1, True, 2.5, "3"])
def test_a_staff_setting_out_of_range_is_refused(bad):
    with pytest.raises(SettingsError, match="staff"):
        Settings(staff=bad)


def test_the_staff_setting_is_saved_only_when_it_is_not_on():
    assert "staff" not in Settings().to_dict()  # saves and replays of a game with the staff on: as before
    assert Settings.from_dict(Settings(staff=3).to_dict()) == Settings(staff=3)
    assert Settings.from_dict(Settings(staff=0).to_dict()).staff == 0
    assert Settings(staff=0).describe() == "normal · staff off"
    assert Settings(staff=3).describe() == "normal · staff: 3 a week"


def test_a_limited_staff_counts_each_week_and_survives_a_save(ftz):
    session = Session(ftz, 5, settings=Settings(staff=2))
    orders = session.legal_orders()[:3]
    assert session.staff_left() == 2 and session.staff_refusal() == ""
    session.add(orders[0], from_staff=True)
    session.add(orders[1], from_staff=True)
    assert session.staff_left() == 0
    with pytest.raises(StaffRefused, match="allows 2 staff suggestions a week: none left"):
        session.add(orders[2], from_staff=True)
    session.add(orders[2])  # the player may still give it themselves
    loaded = Session.from_dict(session.to_dict())
    assert loaded.staff_left() == 0 and loaded.staff_used == {loaded.player: 2}
    loaded.end_turn()
    assert loaded.staff_left() == 2 and loaded.staff_used == {loaded.player: 2}  # a new week, the same total


def test_a_silent_staff_refuses_every_suggestion(ftz):
    session = Session(ftz, 5, settings=Settings(staff=0))
    assert session.staff_left() == 0 and "turned the staff's advice off" in session.staff_refusal()
    with pytest.raises(StaffRefused):
        session.add(session.legal_orders()[0], from_staff=True)
    assert session.staff_used == {} and session.pending.orders == ()


def test_the_staff_use_in_words(finished, short_two_sided):
    import copy

    game = copy.copy(finished)
    game.staff_used = {game.player: 14}
    assert staff_use(game) == "took 14 orders from the staff"
    game.staff_used = {}
    assert staff_use(game) == "took no order from the staff"
    game.settings = game.settings.replace(staff=3)
    game.staff_used = {game.player: 1}
    assert staff_use(game) == "took 1 order from the staff (the teacher allowed 3 a week)"
    game.settings = game.settings.replace(staff=0)
    assert staff_use(game) == "the teacher turned the staff's advice off"
    two = copy.copy(short_two_sided)
    two.staff_used = {two.player: 3}
    assert staff_use(two) == "Washington took 3 orders from the staff; Moscow took no order from the staff"
