"""The handout: the two-page student sheet, the dossier pack, the decision memo and the reflection prompts, for
every bundled scenario - positions of the takeover week (the Session's own), sources cited by title, outlet and
date (never a file name), no model internals, seed 003 never quoted, hostile scenario text shown as text."""

from __future__ import annotations

import re

import numpy as np
import pytest

from game.classroom import assessment
from game.classroom.briefing import PAPERS, PARTS, render_briefing, render_part
from game.classroom.html import esc
from game.classroom.sources import UNKNOWN_SEED, cite_seed, parse_seed_catalogue, seed_catalogue
from game.classroom.takeover import takeover
from game.classroom.words import open_rungs
from game.cli.classroom import BRIEFING_PAPERS, BRIEFING_PARTS
from game.engine import initial_state
from game.scenario import bundled_scenarios, load_scenario
from game.session import Session
from game.sim.settings import Settings, fog_band

SEED_FILES = ("000_966678d371abad6d", "001_b4313ba81e14d5a4", "002_23ad83442aea2065", "003_3b553e56c7af81cf")
SEED_FILES += ("004_955fe242cd342df8",)
SCENARIOS = bundled_scenarios()


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def every(request):
    """Each bundled scenario with every part rendered (a shorter game: the students play the last 6 weeks)."""
    scenario = load_scenario(request.param)
    turns = min(6, scenario.rules.n_turns)
    settings = Settings(turns=turns)
    return scenario, settings, {part: render_part(part, scenario, settings) for part in PARTS}


def _prose(html: str) -> str:
    """The page's own words: quotations (the articles' words) and tags taken out."""
    html = re.sub(r"<blockquote.*?</blockquote>", " ", html, flags=re.S)
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


# ----------------------------------------------------------------------------------------- the catalogue


def test_the_seed_catalogue_gives_every_seed_a_title_outlet_and_date():
    catalogue = seed_catalogue()
    assert sorted(catalogue) == sorted(f"{s}.txt" for s in SEED_FILES)
    politico = catalogue["000_966678d371abad6d.txt"]
    assert politico.title.startswith("Biden's diplomats are flooding the zone") and "POLITICO" in politico.outlet
    assert politico.date == "late January 2022"
    assert catalogue["002_23ad83442aea2065.txt"].outlet == "Responsible Statecraft"
    assert catalogue["004_955fe242cd342df8.txt"].date == "27 January 2022"
    # The paraphrased seed's headline is lost: a bracketed description of ours, never in quotation marks.
    vox = cite_seed("003_3b553e56c7af81cf.txt")
    assert vox.startswith("[") and "Vox" in vox and "“" not in vox


def test_the_catalogue_parse_is_robust():
    text = """
# Seeds
| file | outlet | date | subject |
|---|---|---|---|
| `a.txt` | Wrong table | 2020 | no title column: ignored |

Some prose | with a bar.

| Date | extra | File | Outlet | Title |
|:--|--|---|---|--:|
| 5 May 2022 | x | `b.txt` | The Outlet | A title \\| with a bar |
| 6 May 2022 | x | c.txt | Other | |
| short row |
| 7 May 2022 | x | b.txt | Duplicate | Second title |
|  | x | `d.txt` |  | Only a title |
"""
    found = parse_seed_catalogue(text)
    assert sorted(found) == ["b.txt", "d.txt"]  # a.txt: other table; c.txt: no title; the short row skipped
    assert found["b.txt"].title == "A title | with a bar" and found["b.txt"].outlet == "The Outlet"
    assert found["b.txt"].date == "5 May 2022"  # the first row of a file wins
    assert found["d.txt"].text() == "“Only a title”"
    assert parse_seed_catalogue("") == {} and parse_seed_catalogue("| file | title |\n|--|--|\n| x | y |") == {}
    assert cite_seed("zzz.txt", found) == UNKNOWN_SEED  # an author's own article: never its file name


# ---------------------------------------------------------------------------------------- the takeover


def test_the_handout_shows_the_positions_of_the_takeover_week(ftz):
    settings = Settings(turns=6)
    point = takeover(ftz, settings, seed=4217)
    session = Session(ftz, 4217, settings=settings)
    assert session.turn == point.week == ftz.rules.n_turns - 6 == 7
    np.testing.assert_array_equal(point.alignment, session.state.alignment[0])
    np.testing.assert_array_equal(point.interest, session.state.interest[0])
    assert point.label == "week 8 (17 January 2022)" and point.exact
    sheet = render_part("sheet", ftz, settings, seed=4217)
    dossiers = render_part("dossiers", ftz, settings, seed=4217)
    assert "as of week 8 (17 January 2022)" in sheet and "as of week 8 (17 January 2022)" in dossiers
    assert "your game starts exactly here" in dossiers
    moved = 0
    for code, country in ftz.doc.countries.items():
        now = float(point.alignment[ftz.rules.countries.index(code)])
        shown = f"{fog_band(now).label} ({round(now):+d})".replace("-", "−").replace("+0)", "0)")
        assert shown in dossiers, country.name
        moved += round(now) != round(country.alignment)
    assert moved >= 10  # seven weeks of history moved most countries: the week-1 positions would be wrong
    # Without a seed the page says which run it shows and that the luck may differ.
    assert "luck of your own game may shift them" in render_part("dossiers", ftz, settings)


def test_the_dossiers_list_historys_weeks_with_their_sources(ftz):
    point = takeover(ftz, Settings(turns=6), seed=4217)
    dossiers = render_part("dossiers", ftz, Settings(turns=6), seed=4217)
    assert point.events and "In history's weeks" in dossiers
    for index in point.events:
        event = ftz.event(index)
        assert esc(event.headline) in dossiers
        for public in event.public_sources[:1]:
            assert esc(public.url) in dossiers and esc(public.publisher) in dossiers  # beyond the articles
    assert "In history's weeks" not in render_part("dossiers", ftz, Settings())


def test_a_full_game_starts_at_week_one(ftz):
    point = takeover(ftz, Settings())
    assert point.week == 0 and point.news == ()
    np.testing.assert_array_equal(point.alignment, initial_state(ftz.rules).alignment[0])
    assert "the start of the crisis" in render_part("dossiers", ftz, Settings())


# ------------------------------------------------------------------------------------- every scenario


def test_no_output_names_a_seed_file(every):
    _, _, pages = every
    for part, html in pages.items():
        assert "seeds/" not in html, part
        for stem in SEED_FILES:
            assert stem not in html, (part, stem)


def test_the_sheet_is_two_pages_of_the_right_pieces(every):
    scenario, settings, pages = every
    doc = scenario.doc
    sheet = pages["sheet"]
    assert sheet.count('<section class="sheet') == 2 and sheet.count('class="sheet pagebreak') == 1
    assert 'class="nameline"' in sheet and "Name <i></i>" in sheet and "Class <i></i>" in sheet
    for objective in doc.objectives:
        assert esc(objective) in sheet
    for heading in ("The situation", "Your role", "Objectives", "How the score works", "Calendar", "Glossary"):
        assert f">{heading}" in sheet, heading
    first = scenario.rules.n_turns - settings.turns
    assert sheet.count('<td class="plan"></td>') == doc.calendar.weeks - first
    assert ("played as history went" in sheet) == (first > 0)  # the tutorial's 4 weeks are all played
    for tier in doc.commitments.tiers:
        assert esc(tier.name) in sheet
    light = sum(1 for c in doc.countries.values() if c.added)
    for country in doc.countries.values():
        # where they stand: every country by band (the light entries of a crisis with many counted, not named)
        assert esc(country.name) in sheet or (country.added and light > 30), country.name
    assert "<dt>Standing</dt>" in sheet and "<dt>Why it moved</dt>" in sheet


def test_the_dossier_pack_is_compact_and_shows_no_model_internals(every):
    scenario, _, pages = every
    dossiers = pages["dossiers"]
    assert dossiers.count('<div class="dossier">') == len(scenario.doc.countries)
    quotes = re.findall(r"<blockquote[^>]*>(.*?)<cite>", dossiers, flags=re.S)
    assert quotes and len(quotes) == len(set(quotes))  # no passage printed twice
    prose = _prose(dossiers)
    assert not re.search(r"\d\.\d", prose), re.search(r".{40}\d\.\d.{20}", prose)  # no weights or raw floats
    for word in ("weight", "k=", "interest_start", "threshold", "alignment"):
        assert word not in prose.lower(), word
    for source in (s for c in scenario.doc.countries.values() for s in c.sources):
        if source.seed.startswith("003"):
            assert f"“{esc(source.passage)}" not in dossiers  # never quoted (a note of ours may share a phrase)
    for block in re.findall(r"<blockquote[^>]*>.*?</blockquote>", dossiers, flags=re.S):
        if "Vox" in block:
            assert 'class="para"' in block and "in our words" in block and "“" not in block


def test_the_memo_has_a_page_for_every_played_week(every):
    scenario, settings, pages = every
    memo = pages["memo"]
    played = settings.turns
    assert memo.count('<section class="memo') == played and memo.count('class="memo pagebreak"') == played - 1
    for heading in ("My goal this week", "My orders and why", "What I expect", "What happened", "Next week"):
        assert memo.count(heading) == played
    last_week = scenario.doc.calendar.weeks
    assert f"week {last_week} · " in memo and f"your week {played} of {played}" in memo
    assert "Game code <i></i>" in memo  # no code: a line to write it on
    assert memo.count('<div class="line"></div>') == played * 11


def test_the_reflection_is_tied_to_the_scenario(every):
    scenario, settings, pages = every
    doc = scenario.doc
    reflection = pages["reflection"]
    prompts = assessment.reflection_prompts(scenario, settings)
    assert len(prompts) == 6 and reflection.count('<div class="q">') == 6
    for _, name, _ in open_rungs(scenario):
        assert esc(name).lower() in reflection.lower()
    assert esc(doc.actors[doc.rival].name) in reflection
    if doc.real_outcomes is not None:
        assert "What really happened" in reflection and esc(doc.real_outcomes.description) in reflection
        facts = assessment.real_facts(scenario)
        assert len(facts) >= 2 and facts[0] is doc.real_outcomes.totals[0]
        for fact in facts:
            assert esc(fact.sources[0].url) in reflection and esc(fact.sources[0].publisher) in reflection
    else:
        assert "positions the articles document" in reflection


def test_the_old_handout_is_the_sheet_and_the_dossiers(ftz):
    html = render_briefing(ftz)
    assert html.count('<div class="dossier">') == len(ftz.doc.countries) and 'class="nameline"' in html
    assert "“" in html  # real quotations from the articles


def test_fog_hides_the_numbers_and_two_sided_adds_the_rivals_sheet(ftz):
    settings = Settings(fog=True, two_sided=True, turns=5)
    html = render_briefing(ftz, settings, "FTZ-081-0Y8-015", seed=4217)
    point = takeover(ftz, settings, 4217)
    germany = float(point.alignment[ftz.rules.countries.index("DEU")])
    assert fog_band(germany).label in html and not re.search(r"\((?:[+−]\d+|0)\)", html)
    assert html.count('class="nameline"') == 2 and "Your role: Moscow" in html and "Your role: Washington" in html
    assert "FTZ-081-0Y8-015" in html and "as of week 9" in html
    clear = render_part("dossiers", ftz, Settings())
    assert "on the fence (+22)" in clear  # Germany at the start


def test_a_game_code_is_printed_on_every_part(ftz):
    for part in PARTS:
        html = render_part(part, ftz, Settings(turns=6), code="FTZ-08A-2SG-1HB", seed=41318)
        assert "FTZ-08A-2SG-1HB" in html, part


def test_paper_sizes_and_parts_agree_with_the_command_line(ftz):
    assert PARTS == BRIEFING_PARTS and PAPERS == BRIEFING_PAPERS
    assert "@page { size: letter; }" in render_part("sheet", ftz, paper="letter")
    assert "size: letter" not in render_part("sheet", ftz)
    with pytest.raises(ValueError, match="unknown part"):
        render_part("poster", ftz)


HOSTILE = '<script>alert("x")</script>'


def test_hostile_scenario_text_is_escaped_in_every_part(hostile_handout_scenario):
    for part in PARTS:
        html = render_part(part, hostile_handout_scenario, Settings(two_sided=True))
        assert "<script>" not in html and "<img" not in html, part
        assert esc(HOSTILE) in html, part


@pytest.fixture(scope="module")
def hostile_handout_scenario(tmp_path_factory):
    import yaml

    from game.scenario.loader import check
    from tests.conftest import ROOT

    data = yaml.safe_load((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    data["title"] = HOSTILE
    data["summary"] = f"A summary {HOSTILE}"
    data["objectives"] = [f"Win {HOSTILE}"]
    data["actors"][data["rival"]]["name"] = '<img src=x onerror="alert(1)">'
    first = next(iter(data["countries"]))
    data["countries"][first]["position"] = f"Stands {HOSTILE}"
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario, problems = check(path, seeds=ROOT / "seeds")
    assert scenario is not None, [str(p) for p in problems]
    return scenario


def test_the_report_ends_with_the_reflection_and_the_real_outcome(finished):
    from game.classroom.report import render_report

    html = render_report(finished)
    reflection = html[html.index(">Reflection</h2>") :]
    assert "What really happened" in reflection and esc(finished.scenario.doc.real_outcomes.description) in reflection
    for prompt, _, _ in assessment.reflection_prompts(finished.scenario, finished.settings):
        assert esc(prompt) in reflection


def test_the_briefing_command_writes_each_part(capsys, tmp_path, monkeypatch):
    from tests.conftest import run_main

    monkeypatch.chdir(tmp_path)
    rc, out, _ = run_main(capsys, "briefing", "flood_the_zone", "--turns", "6")
    assert rc == 0 and "flood_the_zone-briefing.html" in out  # the old invocation: sheet and dossiers together
    whole = (tmp_path / "flood_the_zone-briefing.html").read_text(encoding="utf-8")
    assert 'class="nameline"' in whole and '<div class="dossier">' in whole
    for part in ("sheet", "dossiers", "memo", "reflection"):
        rc, out, _ = run_main(capsys, "briefing", "flood_the_zone", "--part", part, "--paper", "letter")
        page = tmp_path / f"flood_the_zone-{part}.html"
        assert rc == 0 and page.name in out and "size: letter" in page.read_text(encoding="utf-8")
    rc, _, err = run_main(capsys, "briefing", "--code", "FTZ-081-0Y8-015", "--seed", "3")
    assert rc == 2 and "contradicts the code's seed 4217" in err and len(err.strip().splitlines()) == 1
    rc, _, err = run_main(capsys, "briefing", "flood_the_zone", "--part", "poster")
    assert rc == 2 and "invalid choice" in err
