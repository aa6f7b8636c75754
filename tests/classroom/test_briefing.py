"""The briefing handout: role card, objectives, calendar and every dossier with its sources, for every bundled
scenario; fog and two-sided settings; seed 003 never quoted."""

from __future__ import annotations

import pytest

from game.classroom.briefing import render_briefing
from game.classroom.html import esc
from game.scenario import bundled_scenarios, load_scenario
from game.sim.settings import Settings, fog_band


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_every_bundled_scenario_has_a_complete_handout(path):
    scenario = load_scenario(path)
    doc = scenario.doc
    html = render_briefing(scenario)
    assert doc.title in html and "Your role" in html and "Calendar" in html and "Country dossiers" in html
    assert html.count('<td class="plan"></td>') == doc.calendar.weeks
    for objective in doc.objectives:
        assert esc(objective) in html
    for country in doc.countries.values():
        assert esc(country.name) in html
    for seed in doc.seeds:
        assert f"seeds/{seed}" in html
    if "003_3b553e56c7af81cf.txt" in doc.seeds:
        for country in doc.countries.values():
            for source in country.sources:
                assert f"“{esc(source.passage)}" not in html  # never quoted (a note of ours may share a phrase)
            for source in country.sources[:3]:
                assert esc(source.note) in html
        assert "(in our words)" in html and "“" not in html
    else:
        assert "“" in html  # real quotations


def test_fog_hides_the_numbers_and_two_sided_adds_the_rivals_card(ftz):
    html = render_briefing(ftz, Settings(fog=True, two_sided=True, turns=5), "FTZ-081-0Y8-015")
    germany = ftz.doc.countries["DEU"]
    assert fog_band(germany.alignment).label in html
    assert "The other player's role: Moscow" in html and "Your means each week (Moscow)" in html
    assert "FTZ-081-0Y8-015" in html and "You take over in week 9" in html
    clear = render_briefing(ftz)
    assert "<b>+22</b>" in clear and "<b>+22</b>" not in html
