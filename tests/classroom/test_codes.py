"""Game codes: round trips, typo-resistance, one-line errors, and scenarios of your own by fingerprint."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.classroom import codes
from game.classroom.codes import (
    ALPHABET,
    MAX_SEED,
    SCENARIO_NUMBERS,
    CodeError,
    GameSetup,
    fingerprint,
    make_code,
    normalise_code,
    parse_code,
    resolve_setup,
    setup_for,
)
from game.scenario import bundled_scenarios, load_scenario
from game.sim.settings import NOISE, RIVALS, Settings

EXAMPLE = "FTZ-081-0Y8-015"  # flood_the_zone, seed 4217, normal


def test_the_documented_example_means_what_the_docs_say():
    assert parse_code(EXAMPLE) == GameSetup("flood_the_zone", 4217, Settings())
    assert make_code(GameSetup("flood_the_zone", 4217, Settings())) == EXAMPLE


@settings(max_examples=300, deadline=None)
@given(
    number=st.sampled_from(sorted(SCENARIO_NUMBERS)),
    seed=st.integers(0, MAX_SEED),
    rival=st.sampled_from(RIVALS),
    noise=st.sampled_from(list(NOISE)),
    turns=st.one_of(st.none(), st.integers(1, 15)),
    fog=st.booleans(),
    two_sided=st.booleans(),
    own=st.booleans(),
    print_=st.text(alphabet=ALPHABET, min_size=6, max_size=6),
)
def test_every_setup_survives_a_round_trip(number, seed, rival, noise, turns, fog, two_sided, own, print_):
    settings_ = Settings(rival=rival, noise=noise, turns=turns, fog=fog, two_sided=two_sided)
    setup = GameSetup(None, seed, settings_, print_) if own else GameSetup(SCENARIO_NUMBERS[number], seed, settings_)
    code = make_code(setup)
    assert parse_code(code) == setup
    assert len(normalise_code(code)) == (15 if own else 9)


def test_reading_is_forgiving_about_case_dashes_spaces_and_look_alike_letters():
    body = normalise_code(EXAMPLE)
    for text in (EXAMPLE.lower(), body, " ".join(body), "ftz 081 0y8 007", "FTZ-O81-OY8-OO7", "ftz_081.0y8-007"):
        assert parse_code(text).seed == 4217, text
    assert normalise_code("fTz-iL0") == "110"


def test_every_single_typo_and_every_swap_of_neighbours_is_caught():
    for code in (EXAMPLE, make_code(GameSetup(None, 77, Settings.preset("hard", turns=6), "7RD2WX"))):
        body = normalise_code(code)
        for i, original in enumerate(body):
            for ch in ALPHABET:
                if ch != original:
                    with pytest.raises(CodeError, match="mistyped"):
                        parse_code(body[:i] + ch + body[i + 1 :])
        for i in range(len(body) - 1):
            if body[i] != body[i + 1]:
                with pytest.raises(CodeError, match="mistyped"):
                    parse_code(body[:i] + body[i + 1] + body[i] + body[i + 2 :])


def _forged(number: int, version: int = 0) -> str:
    """A code with a valid check character for a scenario number (or version) this game does not know."""
    bits = codes._Bits()
    for value, n in ((version, 2), (number, 5), (5, 20), (0, 4), (0, 2), (0, 4), (0, 1), (0, 1)):
        bits.put(value, n)
    return "FTZ-" + "".join(ALPHABET[s] for s in codes._with_check(bits.symbols()))


@pytest.mark.parametrize(
    "text, message",
    [
        ("hello", "'hello' is not a game code: it has 5 characters after FTZ, a code has 9"),
        ("FTZ-UUU-UUU-UUU", "'U' is not one of its characters"),
        ("", "is not a game code"),
        ("FTZ-081-0Y8-008", "a character is mistyped (the check character does not match)"),
        (_forged(9), "is for scenario number 9, which this version of the game does not have"),
        (_forged(1, version=2), "was made by a newer version of the game"),
    ],
)
def test_bad_codes_are_one_line_errors(text, message):
    with pytest.raises(CodeError) as info:
        parse_code(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_what_a_code_cannot_hold_is_refused_with_the_reason():
    with pytest.raises(CodeError, match="seeds from 0 to 1,048,575"):
        make_code(GameSetup("flood_the_zone", MAX_SEED + 1, Settings()))
    with pytest.raises(CodeError, match="up to 15 turns"):
        make_code(GameSetup("flood_the_zone", 1, Settings(turns=20)))
    with pytest.raises(CodeError, match="has no number for game codes"):
        make_code(GameSetup("my_crisis", 1, Settings()))


def test_the_bundled_scenarios_all_have_numbers():
    assert {p.stem for p in bundled_scenarios()} <= set(SCENARIO_NUMBERS.values())


def test_a_bundled_scenario_is_coded_by_number_and_loads(ftz):
    setup = setup_for(ftz, 12, Settings(turns=5))
    assert setup.scenario == "flood_the_zone" and setup.fingerprint is None
    assert resolve_setup(parse_code(make_code(setup))).id == "flood_the_zone"


def test_a_scenario_of_your_own_is_found_by_its_fingerprint(tmp_path, home):
    mine = tmp_path / "elsewhere" / "flood_the_zone.yaml"
    mine.parent.mkdir()
    shutil.copy(load_scenario("flood_the_zone").path, mine)
    own = load_scenario(mine)
    setup = setup_for(own, 99, Settings())
    assert setup.scenario is None and setup.fingerprint == fingerprint(own)  # same id, but not the bundled file
    code = make_code(setup)
    with pytest.raises(CodeError, match=r"a scenario file of your own \(fingerprint .{6}\) that is not here"):
        resolve_setup(parse_code(code))
    assert resolve_setup(parse_code(code), [mine]).path == mine
    (home / "scenarios").mkdir(parents=True)
    shutil.copy(mine, home / "scenarios" / "copied.yaml")
    assert resolve_setup(parse_code(code)).id == "flood_the_zone"


def test_a_code_whose_turns_do_not_fit_the_scenario_is_refused(ftz):
    code = make_code(GameSetup("flood_the_zone", 1, Settings(turns=14)))
    with pytest.raises(CodeError, match="14 turns is more than the crisis's 13 weeks"):
        resolve_setup(parse_code(code))


def test_the_codes_in_the_teachers_guide_are_real():
    import re

    from tests.conftest import ROOT

    text = (ROOT / "docs" / "teachers-guide.md").read_text(encoding="utf-8")
    found = set(re.findall(r"FTZ(?:-[0-9A-Z]{3}){3,5}", text))
    assert len(found) >= 3
    for code in found:
        assert make_code(parse_code(code)) == code


def test_a_code_made_before_normal_answered_still_means_the_historical_rival():
    """Issue 14 made Normal the answering rival; the rival's index got a fifth bit in what was the last
    character's padding, so every older code reads as it did: FTZ-081-0Y8-007 was "normal" then."""
    assert parse_code("FTZ-081-0Y8-007") == GameSetup("flood_the_zone", 4217, Settings(rival="historical"))
    assert RIVALS.index("answering") >= 16 and parse_code(EXAMPLE).settings.rival == "answering"
