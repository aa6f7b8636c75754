"""The title screen's new-game form without a window: options, steps at the ends, refusals, the typed seed."""

from __future__ import annotations

from game.classroom.codes import MAX_CODE_TURNS, MAX_SEED
from game.scenario import load_scenario
from game.sim.settings import DIFFICULTIES, Settings
from game.ui.setup_form import FIELDS, SetupForm


def form(**changes) -> SetupForm:
    return SetupForm(load_scenario("flood_the_zone"), Settings().replace(**changes), 7)


def test_every_field_has_a_value_and_its_options_mark_it():
    f = form()
    assert [o.value for o in f.options("difficulty")] == list(DIFFICULTIES)
    assert [o.value for o in f.options("difficulty") if o.selected] == [f.value("difficulty")]
    assert [o.value for o in f.options("rival") if o.selected] == ["ai"]
    assert [o.value for o in f.options("fog") if o.selected] == ["off"]
    assert {field: f.value(field) is not None or field == "turns" for field in FIELDS} == dict.fromkeys(FIELDS, True)


def test_weeks_step_between_the_ends_and_the_buttons_at_an_end_say_why_not():
    f = form()
    weeks = f.weeks
    assert f.value("turns") is None and f.shown("turns") == f"all {weeks}"
    fewer, more = f.options("turns")
    assert fewer.offered and not more.offered and more.refusal
    assert f.step("turns", -1) == "" and f.value("turns") == min(weeks - 1, MAX_CODE_TURNS)
    for _ in range(weeks + 2):
        f.step("turns", -1)
    assert f.value("turns") == 1 and f.shown("turns") == f"last 1 of {weeks}"
    assert not f.options("turns")[0].offered
    assert f.choose("turns", weeks + 5)  # refused, with its reason
    assert f.value("turns") == 1


def test_difficulty_rival_and_fog_change_the_settings():
    f = form()
    assert f.step("difficulty", 1) == "" and f.value("difficulty") == "hard"
    assert f.settings.rival == DIFFICULTIES["hard"][0]
    f.step("rival", 1)
    f.step("fog", -1)  # a two-way field flips either way
    assert f.settings.two_sided and f.settings.fog
    assert f.choose("difficulty", "impossible") and f.value("difficulty") == "hard"


def test_the_typed_seed_starts_afresh_and_refuses_what_a_code_cannot_hold():
    f = form()
    f.seed_fresh = True
    assert f.type_digit("4") == "" and f.seed == 4 and not f.seed_fresh
    assert f.type_digit("2") == "" and f.seed == 42
    f.seed = MAX_SEED
    assert "seeds up to" in f.type_digit("9") and f.seed == MAX_SEED
    f.erase_digit()
    assert f.seed == MAX_SEED // 10
    f.seed = 0
    assert f.step("seed", -1) == "" and f.seed == 0
