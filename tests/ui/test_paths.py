"""The per-user data folder: saves, the player's scenarios, settings."""

import json

from game.ui import paths
from game.ui.catalog import build_catalog


def test_home_override_and_folders(home):
    assert paths.data_dir() == home
    assert paths.ensure_dirs() is None
    assert (home / "saves").is_dir() and (home / "scenarios").is_dir()


def test_settings_round_trip_and_bad_values_are_ignored(home):
    paths.ensure_dirs()
    settings = paths.load_settings()
    settings["map_labels"] = False
    assert paths.store_settings(settings) is None
    assert paths.load_settings()["map_labels"] is False
    (home / "settings.json").write_text(json.dumps({"map_labels": "yes", "rival_policy": "evil", "window": [1, 2]}))
    assert paths.load_settings() == paths.DEFAULT_SETTINGS


def test_slot_info_reports_a_corrupt_save(home):
    paths.ensure_dirs()
    paths.save_path("slot1").write_text("{not json")
    info = paths.slot_info("slot1")
    assert info.exists and info.problem
    assert not paths.slot_info("slot2").exists


def test_catalog_lists_user_scenarios_with_their_first_error(home):
    paths.ensure_dirs()
    broken = home / "scenarios" / "broken.yaml"
    broken.write_text("format: 2\nid: broken\ntitle: Broken\n")
    entries, highlight = build_catalog()
    assert entries[0].origin == "bundled" and entries[0].playable
    mine = next(e for e in entries if e.origin == "yours")
    assert not mine.playable
    assert "broken.yaml:" in mine.first_error and "error E101" in mine.first_error


def test_a_command_line_file_is_listed_first_and_highlighted(home, tmp_path):
    paths.ensure_dirs()
    extra = tmp_path / "mine.yml"
    extra.write_text("not: [valid")
    entries, highlight = build_catalog(extra)
    assert highlight == 0 and entries[0].origin == "command line" and not entries[0].playable


def test_a_bundled_name_means_the_bundled_scenario_even_when_a_file_of_ones_own_has_it_too(make_app, home, ftz):
    """`play flood_the_zone` opens what `simulate flood_the_zone` plays: the bundled file, not a copy of one's
    own with the same name and id (which a classmate may have handed over)."""
    paths.ensure_dirs()
    (home / "scenarios" / "flood_the_zone.yaml").write_text(ftz.path.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(scenario="flood_the_zone")
    title = app.top
    assert [e.origin for e in title.entries if e.path.stem == "flood_the_zone"] == ["bundled", "yours"]
    chosen = title.entries[title.highlight]
    assert chosen.origin == "bundled" and chosen.path == ftz.path


def test_an_unreadable_settings_file_is_set_aside_and_said_and_the_game_starts(make_app, home):
    """A corrupt settings.json must not stop the game from starting, and must not be overwritten by the
    defaults the game writes when it closes: it is renamed beside itself, and the window says so."""
    paths.ensure_dirs()
    (home / "settings.json").write_text('{"window": [1e999', encoding="utf-8")
    settings, problem = paths.load_settings_and_problem()
    assert settings == paths.DEFAULT_SETTINGS
    aside = list(home.glob("settings.unreadable-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == '{"window": [1e999'
    assert problem.startswith("settings.json could not be read (") and aside[0].name in problem
    assert not (home / "settings.json").exists()
    (home / "settings.json").write_text("[1, 2]", encoding="utf-8")
    app = make_app()
    assert any("settings.json could not be read (not a table of settings)" in p for p in app.problems)


def test_an_autosave_that_is_not_json_is_set_aside_at_start(make_app, home):
    paths.ensure_dirs()
    paths.save_path(paths.AUTOSAVE).write_text('{"format": "flood-the-zone-save", "weeks": [', encoding="utf-8")
    app = make_app()
    assert not paths.save_path(paths.AUTOSAVE).exists()
    assert len(list((home / "saves").glob("autosave.unreadable-*.json"))) == 1
    assert any(p.startswith("autosave.json could not be read (") for p in app.problems), app.problems
    assert not paths.slot_info(paths.AUTOSAVE).exists


def test_a_failed_autosave_stays_on_screen_until_acknowledged(make_app, home, monkeypatch):
    """Disk full at the end of a week: a message box the player must close, not a toast the next screen clears."""
    import pygame

    app = make_app()
    app.go(app.new_game(app.top.entries[app.top.highlight].scenario))
    session = app.session

    def refuse(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session, "save", refuse)
    session.end_turn()  # a week played: the autosave is due
    app.autosave()
    for _ in range(3):
        app.step()
    assert app.top.name == "message" and app.top.title == "This week was not saved"
    assert "No space left on device" in app.top.body
    app.go(app.top.on_key(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN)))
    app.step()
    assert app.top.name != "message" and not app.alerts
