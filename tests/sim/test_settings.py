"""Teacher settings: presets, validation, rules changes, scenario defaults and fog bands."""

from __future__ import annotations

import typing

import pytest

from game.scenario import check
from game.scenario.models import TeacherSettings
from game.sim.settings import (
    DIFFICULTIES,
    NOISE,
    RIVALS,
    Settings,
    SettingsError,
    configure,
    fog_band,
    scenario_defaults,
)


def test_presets_map_difficulty_to_a_rival_persona_and_the_noise():
    assert Settings.preset("normal") == Settings()
    hard = Settings.preset("hard", turns=6, fog=True)
    assert (hard.rival, hard.noise, hard.turns, hard.fog) == ("wedge:3", "normal", 6, True)
    assert hard.difficulty == "hard"
    assert Settings(rival="wedge:3", noise="calm").difficulty == "custom"
    for rival, noise in DIFFICULTIES.values():
        assert rival in RIVALS and noise in NOISE
    assert Settings.preset("hard", turns=6, fog=True, two_sided=True).describe() == (
        "hard · last 6 weeks · fog · two players"
    )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"rival": "wedge:9"}, "unknown rival 'wedge:9'"),
        ({"noise": "loud"}, "unknown noise 'loud'"),
        ({"turns": 0}, "turns must be a whole number from 1 to 60"),
        ({"turns": True}, "turns must be a whole number"),
    ],
)
def test_bad_settings_are_one_line_errors(kwargs, message):
    with pytest.raises(SettingsError, match=message) as info:
        Settings(**kwargs)
    assert "\n" not in str(info.value)
    with pytest.raises(SettingsError, match="unknown difficulty 'insane'"):
        Settings.preset("insane")


def test_settings_from_a_save_are_checked():
    assert Settings.from_dict(Settings.preset("expert", turns=4).to_dict()) == Settings.preset("expert", turns=4)
    for data, message in (
        ([], "must be a mapping"),
        ({"colour": "red"}, "unknown setting 'colour'"),
        ({"fog": "yes"}, "fog must be true or false"),
        ({"rival": "nobody"}, "unknown rival"),
    ):
        with pytest.raises(SettingsError, match=message):
            Settings.from_dict(data)


def test_configure_scales_the_noise_and_is_idempotent(ftz):
    base = ftz.doc.dynamics.noise_sigma
    assert configure(ftz, Settings()) is ftz
    calm = configure(ftz, Settings(noise="calm"))
    assert calm.rules.noise_sigma == pytest.approx(base * 0.5)
    assert configure(calm, Settings(noise="calm")).rules.noise_sigma == calm.rules.noise_sigma
    assert configure(ftz, Settings(noise="none")).rules.noise_sigma == 0.0
    assert ftz.rules.noise_sigma == base  # the loaded scenario is untouched


def test_more_turns_than_the_crisis_has_is_refused(ftz):
    with pytest.raises(SettingsError, match="20 turns is more than the crisis's 13 weeks"):
        configure(ftz, Settings(turns=20))
    assert Settings(turns=13).first_turn(13) == 0
    assert Settings(turns=4).first_turn(13) == 9


def test_fog_bands_use_the_games_own_cut_offs():
    from game.classroom.words import alignment_word

    for value in [-100, -61, -60, -59.9, -25.1, -25, -24.9, 0, 24.9, 25, 59.9, 60, 100]:
        band = fog_band(value)
        assert band.label == alignment_word(value), value
        assert band.lo <= value <= band.hi


def test_the_scenario_format_offers_the_same_difficulties_and_noises():
    fields = TeacherSettings.model_fields
    assert set(typing.get_args(fields["difficulty"].annotation)) == set(DIFFICULTIES)
    noise = [a for a in typing.get_args(fields["noise"].annotation) if a is not type(None)][0]
    assert set(typing.get_args(noise)) == set(NOISE)


def test_a_scenario_file_can_set_the_defaults(tmp_path):
    path = tmp_path / "class_variant.yaml"
    path.write_text(
        "format: 2\nextends: flood_the_zone\nid: class_variant\ntitle: Flood the Zone for class 4B\n"
        "settings:\n  difficulty: hard\n  turns: 6\n  fog: true\n",
        encoding="utf-8",
    )
    scenario, problems = check(path)
    assert scenario is not None, [str(p) for p in problems]
    assert scenario_defaults(scenario) == Settings(rival="wedge:3", noise="normal", turns=6, fog=True)


def test_a_bad_settings_section_is_reported_with_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "format: 2\nextends: flood_the_zone\nid: bad\ntitle: Bad\nsettings:\n  difficulty: impossible\n",
        encoding="utf-8",
    )
    scenario, problems = check(path)
    assert scenario is None
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any(":6:" in e and "difficulty" in e for e in errors), errors


def test_more_turns_than_the_calendar_has_weeks_is_an_error_at_its_line(tmp_path):
    path = tmp_path / "too_long.yaml"
    path.write_text(
        "format: 2\nextends: flood_the_zone\nid: too_long\ntitle: Too long\nsettings:\n  difficulty: hard\n"
        "  turns: 20\n",
        encoding="utf-8",
    )
    scenario, problems = check(path)
    assert scenario is None
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.line, p.column, p.code) for p in errors] == [(7, 10, "E202")]
    assert "20" in errors[0].message and "13 weeks" in errors[0].message
    # As many turns as the crisis has weeks is fine (the whole crisis).
    path.write_text(path.read_text(encoding="utf-8").replace("turns: 20", "turns: 13"), encoding="utf-8")
    scenario, problems = check(path)
    assert scenario is not None and problems == []


def test_validate_names_the_line_of_too_many_turns(tmp_path):
    from tests.conftest import run_game

    path = tmp_path / "too_long.yaml"
    path.write_text(
        "format: 2\nextends: flood_the_zone\nid: too_long\ntitle: Too long\nsettings:\n  turns: 14\n",
        encoding="utf-8",
    )
    done = run_game("validate", str(path))
    assert done.returncode == 1
    assert f"{path}:6:10: error E202 settings.turns is 14, more than the crisis's 13 weeks" in done.stdout
