"""The whole General Assembly in the window: 191 countries on the map and in a list the player can filter."""

from __future__ import annotations

import os

import pygame

from .conftest import click, frames, key
from .test_screens import start_game


def type_text(app, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=ord(ch), mod=0, unicode=ch, scancode=0))
        frames(app)


def test_the_list_of_191_countries_is_found_by_typing_a_name_without_its_accents(make_app):
    app = make_app(size=(1366, 768), scenario="general_assembly")
    play = start_game(app)
    rules = app.session.rules
    assert len(rules.countries) == 191
    assert play.countries.shown() == list(play.order_list)  # not finding: every country
    key(app, pygame.K_SLASH)
    assert play.countries.finding and play.tab == "countries"
    type_text(app, "cote")  # "l" or "u" typed here are letters, not the list's or the deputies' shortcuts
    assert [rules.countries[c] for c in play.countries.shown()] == ["CIV"]
    frames(app)
    assert app.hotspot("country:CIV") is not None and app.hotspot("country:FRA") is None
    if os.environ.get("FTZ_SHOTS"):
        pygame.image.save(app.window, os.path.join(os.environ["FTZ_SHOTS"], "ga-find-1366.png"))
    key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_BACKSPACE)
    type_text(app, "ul")  # "cul" matches nothing; the list says so and keeps the find line
    assert play.countries.shown() == []
    key(app, pygame.K_ESCAPE)  # Esc stops finding before it opens the pause menu
    assert not play.countries.finding and app.top.name == "map"
    click(app, "countries:find")
    type_text(app, "sao")
    key(app, pygame.K_RETURN)  # Enter opens the first match's dossier
    assert rules.countries[play.selected] == "STP" and not play.countries.finding


def test_a_small_scenario_shows_no_find_line_until_asked(make_app):
    app = make_app()
    start_game(app)
    frames(app)
    assert app.hotspot("countries:find") is None
