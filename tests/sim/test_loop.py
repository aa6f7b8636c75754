"""The one game loop (``game.sim.loop``): for the same spec and seed, ``play``, the interactive Session, the
classroom's finished games, ``simulate`` and the batch engine all play the same game, and every teacher
setting means the same thing on each of them."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from game.ai import make_policy
from game.classroom.play import play_session, result_summary
from game.cli.main import main
from game.engine.outcome import standing
from game.session import Session
from game.sim.batch import aggregate_runs, play_batch
from game.sim.loop import HUMAN, PRELUDE_POLICY, GameSpec, play, resolve_week
from game.sim.play import play_each
from game.sim.settings import Settings

# Each setting alone and together: the luck, the rival, a shorter game (its prelude), two-sided play.
SETTINGS = [
    Settings(),
    Settings(noise="none"),
    Settings.preset("hard", turns=6),
    Settings(rival="charm_tour:2", noise="wild", turns=4, fog=True),
    Settings(two_sided=True, turns=5, noise="calm"),
]


def _ids(settings: Settings) -> str:
    return settings.describe().replace(" · ", "+").replace(" ", "_")


def _spec(scenario, settings: Settings, seed: int = 6, policy: str = "random", rival: str | None = None):
    return GameSpec(scenario, seed, settings, policy, rival)


def _by_hand(spec: GameSpec) -> Session:
    """The spec's game through the Session's interactive API: the bots' orders added one by one and submitted
    (in a two-sided game, both sides through the hot seat), as the desktop game's players give theirs."""
    two_sided = spec.settings.two_sided
    session = Session(spec.scenario, spec.seed, None if two_sided else spec.rival_policy, settings=spec.settings)
    bots = {session.player: make_policy(spec.policy)}
    if two_sided:
        bots[session.rival] = make_policy(spec.rival)
    while not session.is_over:
        actor = session.active
        sheet = bots[actor](session.scenario, session.state, actor, session.dice)
        for order in sheet.orders:
            session.add(order)
        for event in sheet.raises:
            session.raise_escalation(event)
        session.submit()
    return session


@pytest.mark.parametrize("settings", SETTINGS, ids=_ids)
def test_play_the_session_and_the_classroom_play_the_same_game(ftz, settings):
    spec = _spec(ftz, settings)
    game = play(spec)
    by_hand = _by_hand(spec)
    finished = play_session(ftz, spec.seed, settings, spec.policy)
    for session in (by_hand, finished):
        np.testing.assert_array_equal(session.history(), game.alignment_history)
        assert [w.sheets for w in session.weeks] == list(game.sheets)
        assert [w.prelude for w in session.weeks] == [t < spec.first_turn for t in range(ftz.rules.n_turns)]
        assert session.rules.noise_sigma == game.scenario.rules.noise_sigma
    assert standing(by_hand.rules, by_hand.state) == standing(game.scenario.rules, game.final)


@pytest.mark.parametrize("settings", SETTINGS, ids=_ids)
def test_simulate_plays_the_specs_game(ftz, settings, capsys):
    flags = ["--noise", settings.noise, "--rival", settings.rival]
    flags += ["--turns", str(settings.turns)] if settings.turns else []
    flags += ["--fog"] if settings.fog else []
    flags += ["--two-sided"] if settings.two_sided else []
    assert main(["simulate", "flood_the_zone", "--policy", "random", "--seed", "6", *flags, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = result_summary(play_session(ftz, 6, settings, "random"), "random")
    assert printed == json.loads(json.dumps(expected))
    assert printed["settings"] == settings.to_dict()
    tier, score = standing(ftz.rules, play(_spec(ftz, settings)).final)
    assert (printed["outcome"], printed["score"]) == (tier, round(score, 2))


@pytest.mark.parametrize("settings", SETTINGS, ids=_ids)
def test_the_batch_engine_plays_the_specs_games(ftz, settings):
    """The batch path reads the same spec: configured rules, the prelude, the rival (bit for bit)."""
    spec = _spec(ftz, settings, rival="wedge:2" if settings.two_sided else None)
    seeds = [3, 4, 5, 6, 7]
    batch, each = play_batch(spec, seeds, chunk=2), play_each(spec, seeds)
    for field in ("alignment", "track", "levels", "scores"):
        np.testing.assert_array_equal(getattr(batch, field), getattr(each, field))
    alone = play_session(ftz, 5, settings, "random", spec.rival_policy).state
    np.testing.assert_array_equal(batch.alignment[2], alone.alignment[0])


def test_simulate_runs_with_settings_is_every_game_played_alone(ftz, capsys):
    settings = Settings(rival="energy_pressure:3", noise="calm", turns=7, two_sided=True)
    flags = ["--rival", "energy_pressure:3", "--noise", "calm", "--turns", "7", "--two-sided"]
    assert main(["simulate", "flood_the_zone", "--seed", "20", "--runs", "12", *flags, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    games = [play_session(ftz, seed, settings, "historical") for seed in range(20, 32)]
    mean = np.mean([standing(g.rules, g.state)[1] for g in games])
    assert printed["score_mean"] == round(float(mean), 2) and printed["settings"] == settings.to_dict()
    assert printed["rival_policy"] == "energy_pressure:3"
    spec = GameSpec(ftz, 0, settings, "historical")
    assert printed == json.loads(json.dumps({**aggregate_runs(spec, range(20, 32)), "settings": settings.to_dict()}))


def test_the_prelude_is_both_historical_playbooks_then_each_sides_own_policy(ftz):
    spec = _spec(ftz, Settings.preset("expert", turns=3), policy="greedy")
    assert spec.first_turn == ftz.rules.n_turns - 3
    for actor in (ftz.player, ftz.rival):
        assert spec.policy_for(actor, spec.first_turn - 1) == PRELUDE_POLICY
    assert spec.policy_for(ftz.player, spec.first_turn) == "greedy"
    assert spec.policy_for(ftz.rival, spec.first_turn) == "wedge:4"
    history = play(GameSpec(ftz, spec.seed, Settings(), "historical", "historical"), record=False)
    game = play(spec, record=False)
    assert game.sheets[: spec.first_turn] == history.sheets[: spec.first_turn]
    assert game.sheets[spec.first_turn] != history.sheets[spec.first_turn]


def test_without_settings_the_rules_are_played_as_given(ftz):
    """The balance lab perturbs rules and plays them: only teacher settings configure them from the file."""
    calm = dataclasses.replace(ftz, rules=dataclasses.replace(ftz.rules, noise_sigma=0.0))
    assert GameSpec(calm, 1).rules.noise_sigma == 0.0
    assert GameSpec(calm, 1, Settings()).rules.noise_sigma == ftz.rules.noise_sigma > 0
    assert GameSpec(calm, 1, Settings(noise="none")).rules.noise_sigma == 0.0


def test_a_persons_side_needs_their_sheet(ftz):
    spec = GameSpec(ftz, 1, Settings(), HUMAN)
    with pytest.raises(ValueError, match="their orders must be given"):
        resolve_week(spec, play(GameSpec(ftz, 1), record=False).states[0])


def test_copies_for_other_seeds_share_the_configured_rules(ftz):
    spec = GameSpec(ftz, 1, Settings(noise="wild"))
    other = spec.with_seed(2)
    assert other.seed == 2 and other.configured is spec.configured
    assert spec.replace(settings=Settings(noise="calm")).rules.noise_sigma < spec.rules.noise_sigma


def test_simulate_plays_a_scenario_files_own_settings(tmp_path, capsys):
    """A scenario file's ``settings:`` are its games' defaults in ``simulate`` too, not only in the window."""
    from game.scenario import load_scenario

    path = tmp_path / "class_variant.yaml"
    path.write_text(
        "format: 2\nextends: flood_the_zone\nid: class_variant\ntitle: Flood the Zone for class 4B\n"
        "settings:\n  difficulty: hard\n  turns: 6\n",
        encoding="utf-8",
    )
    assert main(["simulate", str(path), "--seed", "2", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["settings"] == Settings.preset("hard", turns=6).to_dict() and printed["rival_policy"] == "wedge:3"
    game = play(GameSpec(load_scenario(path), 2, Settings.preset("hard", turns=6)))
    assert printed["score"] == round(standing(game.scenario.rules, game.final)[1], 2)


@pytest.mark.parametrize("settings", SETTINGS[2:], ids=_ids)
def test_the_yardstick_is_the_historical_playbook_in_the_same_game(ftz, settings):
    from game.classroom.play import history_session
    from game.sim.loop import yardstick

    session = play_session(ftz, 9, settings, "random")
    spec = yardstick(session.spec)
    assert spec.policy == "historical" and spec.first_turn == session.first_turn
    assert spec.rival == ("historical" if settings.two_sided else session.rival_policy)
    history = history_session(session)
    np.testing.assert_array_equal(history.history(), play(spec).alignment_history)
    prelude = slice(0, spec.first_turn)
    assert [w.sheets for w in history.weeks[prelude]] == [w.sheets for w in session.weeks[prelude]]
