"""Discussion questions: every quoted passage is really in its seed; a paraphrased seed is never quoted."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom.play import history_session, play_session
from game.classroom.questions import CURATED, PARAPHRASED_SEEDS, all_curated, questions_for, shown_source
from game.scenario import bundled_scenarios, load_scenario
from game.scenario.checks import normalise_text
from game.sim.settings import Settings
from tests.conftest import ROOT


@pytest.mark.parametrize("question", all_curated(), ids=lambda q: q.id)
def test_every_quoted_passage_is_in_its_seed(question):
    assert question.passages
    for passage in question.passages:
        text = normalise_text((ROOT / "seeds" / passage.seed).read_text(encoding="utf-8"))
        if passage.quoted:
            assert passage.seed not in PARAPHRASED_SEEDS, "never quote a machine-paraphrased seed"
            assert normalise_text(passage.text) in text, passage.text
        else:
            assert normalise_text(passage.text) not in text  # our own words, not the seed's


def test_seed_003_is_the_paraphrased_one():
    readme = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    for seed in PARAPHRASED_SEEDS:
        assert seed in readme and "machine-paraphrased" in readme


def test_the_curated_scenarios_are_bundled_and_the_seed_debates_are_asked():
    assert set(CURATED) <= {Path(p).stem for p in bundled_scenarios()}
    prompts = {q.id: q for q in all_curated()}
    assert "do not engage" in prompts["do_not_engage"].prompt
    assert "go everywhere" in prompts["go_everywhere"].prompt


def test_a_paraphrased_source_is_shown_by_its_note(trw):
    source = trw.doc.countries["DEU"].sources[0]
    shown = shown_source(source)
    assert not shown.quoted and shown.text == source.note and source.passage not in shown.text


def test_a_variant_asks_its_parents_questions_and_one_from_its_own_game(tmp_path):
    path = tmp_path / "my_variant.yaml"
    path.write_text("format: 2\nextends: the_rational_way\nid: my_variant\ntitle: Mine\n", encoding="utf-8")
    game = play_session(load_scenario(path), 3, Settings(), "random")
    asked = questions_for(game, history_session(game))
    assert [q.prompt for q in asked[:4]] == [q.prompt for q in CURATED["the_rational_way"]]
    assert len(asked) == 5 and "than with the historical playbook" in asked[-1].prompt
    assert all(not p.quoted for p in asked[-1].passages)  # seed 003 again: stated, not quoted


def test_a_scenario_of_your_own_gets_questions_from_its_game(tmp_path):
    from game.scenario.template import write_new_scenario

    game = play_session(load_scenario(write_new_scenario("my_crisis", tmp_path)), 3, Settings(), "random")
    asked = questions_for(game, history_session(game))
    assert len(asked) == 3
    for q in asked:
        assert "than with the historical playbook" in q.prompt and q.fact.startswith("In your game")
