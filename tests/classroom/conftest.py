"""Fixtures for the classroom tests: a private data folder, finished games and their replays."""

from __future__ import annotations

import pytest

from game.classroom.play import play_session
from game.classroom.replay import write_replay
from game.sim.settings import Settings


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Every test gets its own game data folder (replays, reports, user scenarios)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("FLOOD_THE_ZONE_HOME", str(folder))
    return folder


@pytest.fixture(scope="session")
def trw():
    from game.scenario import load_scenario

    return load_scenario("the_rational_way")


@pytest.fixture(scope="session")
def finished(ftz):
    """A finished one-sided game of Flood the Zone (the random bot as the student), with a name."""
    session = play_session(ftz, 4217, Settings(), "random")
    session.names[session.player] = "Ana"
    return session


@pytest.fixture(scope="session")
def short_two_sided(trw):
    """A shorter, two-sided game of The Rational Way: history until week 8, then two bots through the hot seat."""
    session = play_session(trw, 321, Settings.preset("hard", turns=6, two_sided=True), "historical", "wedge:2")
    session.names = {session.player: "Ana", session.rival: "Ben"}
    return session


@pytest.fixture
def replay_file(tmp_path, finished):
    return write_replay(finished, tmp_path / "ana.json")


class FakeCharts:
    """A chart renderer that records its calls (the real one is tested on its own)."""

    SVG = '<svg class="chart" viewBox="0 0 10 10"><title>fake</title></svg>'

    def __init__(self):
        self.calls = []

    def score_chart(self, *args, **kwargs):
        self.calls.append(("score", args))
        return self.SVG

    def alignment_grid(self, *args, **kwargs):
        self.calls.append(("grid", args))
        return self.SVG

    def histogram(self, *args, **kwargs):
        self.calls.append(("histogram", args))
        return self.SVG


@pytest.fixture
def charts():
    return FakeCharts()
