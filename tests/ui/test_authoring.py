"""For scenario authors in the game: F5 on the briefing reloads the file and lists its problems in the window;
the picker lists a scenario with errors (its own or inherited through ``extends``) with its first error."""

from __future__ import annotations

import pygame

from game.scenario.template import render
from game.ui import paths
from game.ui.catalog import build_catalog

from .conftest import click, drawn, frames, key, take_office


def start_file(make_app, path):
    app = make_app(scenario=str(path))
    frames(app)
    assert app.top.name == "title" and app.top.entry.path == path
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    return app


def test_f5_lists_the_errors_of_the_file_and_reloads_it_when_fixed(make_app, tmp_path):
    path = tmp_path / "my_crisis.yaml"
    text = render("my_crisis")
    path.write_text(text, encoding="utf-8")
    app = start_file(make_app, path)
    session = app.session
    title = session.scenario.title
    # break it: a misspelt field and a date that does not exist
    broken = text.replace("\ntitle:", "\ntitel:", 1).replace("start: 2022-01-03", "start: 2022-02-30", 1)
    path.write_text(broken, encoding="utf-8")
    key(app, pygame.K_F5)
    briefing = app.top
    assert briefing.name == "briefing" and app.session is session  # the game keeps running, nothing lost
    problems = briefing.state()["problems"]
    assert problems and all(p.startswith(f"{path}:") for p in problems)
    assert any(": error E102 unknown field 'titel'" in p for p in problems)
    assert any(": error E101 missing field 'title'" in p for p in problems)
    line = broken[: broken.index("titel:")].count("\n") + 1
    assert any(p.startswith(f"{path}:{line}:1: error E102") for p in problems)
    frames(app)
    assert drawn(app.window) > 12
    begin = app.hotspot("begin")
    assert not begin.enabled and "F5" in begin.tooltip  # the broken file cannot be played
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    # the list scrolls when it is long
    path.write_text(broken + "".join(f"\nextra_{i}: {i}" for i in range(40)), encoding="utf-8")
    click(app, "reload")
    assert len(app.top.state()["problems"]) > 40
    frames(app)
    area = app.scrolls["briefing.problems"]
    assert area.max_offset > 0
    key(app, pygame.K_PAGEDOWN)
    assert area.offset > 0
    # fixed, with a new title: F5 clears the errors and shows the new briefing
    path.write_text(text.replace("title: Tutorial", "title: My Own Crisis").replace(title, "My Own Crisis"))
    key(app, pygame.K_F5)
    assert app.top.name == "briefing"
    state = app.top.state()
    assert state["problems"] == [] and state["title"] == "My Own Crisis"
    assert app.session.scenario.title == "My Own Crisis" and app.session.seed == session.seed
    frames(app)
    assert app.hotspot("begin").enabled
    take_office(app)
    assert app.top.name == "map"


def test_f5_shows_warnings_and_plays(make_app, tmp_path):
    path = tmp_path / "warned.yaml"
    text = render("warned")
    path.write_text(text, encoding="utf-8")
    app = start_file(make_app, path)
    path.write_text(text.replace("date: 2022-01-21", "date: 2022-06-21", 1), encoding="utf-8")
    key(app, pygame.K_F5)
    problems = app.top.state()["problems"]
    assert problems and all(": warning " in p for p in problems)
    assert any("W305" in p for p in problems)
    frames(app)
    assert app.hotspot("begin").enabled  # warnings do not stop the game
    key(app, pygame.K_ESCAPE)  # Esc hides the list
    assert app.top.state()["problems"] == [] and app.top.name == "briefing"


def test_the_picker_lists_broken_variants_and_the_users_folder(make_app, home):
    paths.ensure_dirs()
    folder = home / "scenarios"
    # a good variant of a bundled scenario, in the player's folder
    (folder / "a_good_variant.yaml").write_text(
        "format: 2\nextends: flood_the_zone\nid: good_variant\ntitle: A good variant\n"
        "countries:\n  DEU:\n    alignment: 40\ncalibration:\n  checks: []\n",
        encoding="utf-8",
    )
    # a variant with an error of its own
    (folder / "b_bad_variant.yaml").write_text(
        "format: 2\nextends: flood_the_zone\nid: bad_variant\ntitle: A bad variant\n"
        "countries:\n  DEU:\n    alignment: 400\n",
        encoding="utf-8",
    )
    # a variant of a broken scenario of the player's: the error is in the parent file
    parent = render("parent").replace("alignment: 70\n", "alignment: 700\n", 1)
    (folder / "c_parent.yaml").write_text(parent, encoding="utf-8")
    (folder / "d_child.yaml").write_text("format: 2\nextends: c_parent\nid: child\n", encoding="utf-8")
    # a variant of a scenario that does not exist
    (folder / "e_orphan.yaml").write_text("format: 2\nextends: flood_the_zonee\nid: orphan\n", encoding="utf-8")
    entries, _ = build_catalog()
    mine = {e.path.name: e for e in entries if e.origin == "yours"}
    assert mine["a_good_variant.yaml"].playable and mine["a_good_variant.yaml"].title == "A good variant"
    bad = mine["b_bad_variant.yaml"]
    assert not bad.playable and "b_bad_variant.yaml:7:" in bad.first_error and "400" in bad.first_error
    child = mine["d_child.yaml"]
    line = parent[: parent.index("alignment: 700")].count("\n") + 1
    assert not child.playable and f"c_parent.yaml:{line}:" in child.first_error and "700" in child.first_error
    assert "inherited by d_child.yaml" in child.first_error
    assert "c_parent.yaml" in mine["c_parent.yaml"].first_error and not mine["c_parent.yaml"].playable
    orphan = mine["e_orphan.yaml"]
    assert not orphan.playable and "did you mean 'flood_the_zone'" in orphan.first_error
    # in the window: each is listed (none hidden), the broken ones in red with their first error
    app = make_app()
    frames(app)
    title = app.top
    listed = {s["title"]: s for s in title.state()["scenarios"]}
    for name in ("A good variant", "b_bad_variant.yaml", "c_parent.yaml", "d_child.yaml", "e_orphan.yaml"):
        assert name in listed
    assert listed["A good variant"]["playable"] and listed["A good variant"]["origin"] == "yours"
    assert listed["d_child.yaml"]["error"] == child.first_error
    title.highlight = next(i for i, e in enumerate(title.entries) if e.path.name == "d_child.yaml")
    app.dirty = True
    frames(app)
    assert not app.hotspot("start").enabled and "c_parent.yaml" in app.hotspot("start").tooltip
    title.highlight = next(i for i, e in enumerate(title.entries) if e.path.name == "a_good_variant.yaml")
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing" and app.session.scenario.id == "good_variant"
