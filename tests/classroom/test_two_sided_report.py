"""A two-sided (hot-seat) game's report speaks to both players (issue 16): it says who won by the scenario's own
tiers, and Moscow's player gets questions of its own, quoting the articles, in the same factual voice."""

from __future__ import annotations

import pytest

from game.classroom.play import history_session, play_session
from game.classroom.questions import RIVAL_CURATED, RIVAL_NOTE, rival_questions_for
from game.classroom.report import render_report, who_won
from game.sim.settings import Settings
from tests.classroom.test_hostile_text import IMG, assert_inert, parsed


def _text(page: str) -> str:
    return " ".join("".join(parsed(page).text).split())


def test_the_report_says_washington_won_and_asks_moscow_its_own_questions(short_two_sided, charts):
    winner, tier, needed = who_won(short_two_sided)
    assert winner == short_two_sided.player and needed == 80.0
    text = _text(render_report(short_two_sided, charts=charts))
    assert "Who won. Washington (Ana) won. The crisis ended at" in text and f"'{tier}'" in text
    assert "For Moscow (Ben) the same result reads the other way: Moscow needed to hold the score below 80" in text
    assert "For Washington's player (Ana)" in text and "For Moscow's player (Ben)" in text
    assert RIVAL_NOTE in text
    moscow = text.split("For Moscow's player (Ben)")[1]
    for q in RIVAL_CURATED["the_rational_way"]:
        assert q.prompt in moscow
    assert "(in our words)" in moscow  # seed 003 is stated, never quoted


def test_the_report_says_when_moscow_won(trw, charts):
    game = play_session(trw, 321, Settings(two_sided=True), "idle", "wedge:3")
    game.names = {game.player: "Ana", game.rival: IMG}
    assert who_won(game)[0] == game.rival
    page = render_report(game, charts=charts)
    assert_inert(page, IMG)
    text = _text(page)
    assert f"Who won. Moscow ({IMG}) won." in text and "Washington needed 80 for one of its better outcomes" in text
    assert "For Moscow the lower the score, the better: its best outcome is 'Divided West' (below 58)" in text


def test_a_one_sided_report_asks_no_moscow_questions(finished, charts):
    text = _text(render_report(finished, charts=charts))
    assert "Who won" not in text and "For Moscow's player" not in text and RIVAL_NOTE not in text
    assert rival_questions_for(finished, history_session(finished)) == []


@pytest.mark.parametrize("scenario_id", ["flood_the_zone", "isolation_complication", "the_rational_way"])
def test_moscow_questions_come_with_facts_of_its_own_game(scenario_id, charts):
    from game.scenario import load_scenario

    game = play_session(load_scenario(scenario_id), 5, Settings(turns=3, two_sided=True), "random", "random")
    asked = rival_questions_for(game, history_session(game))
    assert len(asked) == len(RIVAL_CURATED[scenario_id]) + 1
    facts = [q.fact for q in asked if q.fact]
    assert facts and all("your side" in f.lower() or "ended at" in f for f in facts)
    assert "further toward Moscow" in asked[-1].prompt or "further from Moscow" in asked[-1].prompt
    for q in asked:  # never cheering: the questions ask about reasoning and means as reported
        for word in ("glorious", "heroic", "liberat", "victory for russia", "special military operation"):
            assert word not in q.prompt.lower()
