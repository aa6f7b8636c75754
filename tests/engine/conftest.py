"""Fixtures for the engine's rule cases: the tiny hand-made world and the real Flood the Zone scenario."""

from __future__ import annotations

import pytest

from game.scenario import load_scenario

from .worlds import tiny_rules


@pytest.fixture
def rules():
    return tiny_rules()


@pytest.fixture(scope="session")
def flood():
    return load_scenario("flood_the_zone")
