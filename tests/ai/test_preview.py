"""The stakes a player sees before acting (issue 14): the preview of an order is the engine's own expectation, its
range holds the share of outcomes it says, its reasons count the orders already planned, the lines it names are
worth what the score says; the expected end result is deterministic and rises with a helpful order."""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.ai.outlook import OutlookCache, expected_end, rollout_model
from game.ai.preview import (
    RANGE,
    line_gaps,
    luck_mean,
    preview_order,
    score_scale,
    spill_of,
)
from game.engine import Dice, Kind, Order, Sheet, contacts_from_sheets, initial_state, resolve_contacts
from game.engine.outcome import score_of

RUNS = 4000


def engine_shifts(rules, state, plan: Sheet, order: Order) -> dict[int, np.ndarray]:
    """The delta of each contact of ``order`` (after ``plan``) in RUNS seeded games of one week, read from the
    turn records: the contact's own part of the move, apart from drift, spill-over and events."""
    sheet = Sheet(plan.actor, plan.orders + (order,))
    table = contacts_from_sheets(rules, [[sheet]] * RUNS)
    result = resolve_contacts(state.tiled(RUNS), table, rules, Dice(np.arange(RUNS) + 1000), record=True)
    index = len(plan.orders)
    out: dict[int, list[float]] = {}
    for record in result.records:
        for contact in record.contacts:
            if contact.order == index and contact.actor == plan.actor:
                out.setdefault(contact.country, []).append(contact.delta)
    return {c: np.array(v) for c, v in out.items()}


def _order(rules, kind, topic, *codes, deputy=-1, group=-1):
    targets = tuple(rules.country_index(c) for c in codes)
    return Order(0, kind, rules.topic_index(topic), targets, group=group, deputy=deputy)


def cases(rules):
    energy, security = "energy_supply", "security_guarantees"
    sherman = rules.deputies.index("sherman") if "sherman" in rules.deputies else 0
    return [
        ("call", Sheet(0), _order(rules, Kind.CALL, energy, "ITA")),
        # Croatia's volatility puts a quarter of its luck below the cut at zero: the truncated mean matters.
        ("volatile", Sheet(0), _order(rules, Kind.CALL, security, "HRV")),
        ("trip", Sheet(0), _order(rules, Kind.VISIT, security, "POL", "ROU", "BGR")),
        ("group", Sheet(0), Order(0, Kind.MULTILATERAL, rules.topic_index(security), group=0)),
        (
            "after a plan",
            Sheet(0, (_order(rules, Kind.CALL, energy, "DEU"), _order(rules, Kind.CALL, security, "DEU"))),
            _order(rules, Kind.DEPUTY_CALL, energy, "DEU", deputy=sherman),
        ),
    ]


@pytest.mark.parametrize("case", range(5), ids=["call", "volatile", "trip", "group", "after-a-plan"])
def test_the_expected_shift_and_range_are_the_engines(ftz, case):
    rules = ftz.rules
    state = initial_state(rules)
    _, plan, order = cases(rules)[case]
    preview = preview_order(rules, state, 0, order, plan)
    outcomes = engine_shifts(rules, state, plan, order)
    assert preview.countries and {p.country for p in preview.countries} == set(outcomes)
    lo_q, hi_q = RANGE
    for p in preview.countries:
        deltas = outcomes[p.country]
        error = deltas.std() / math.sqrt(RUNS)
        # the mean of 4000 seeded weeks is within four standard errors (and 3%) of the preview
        assert abs(deltas.mean() - p.shift) < max(4 * error, 1e-9), (p, deltas.mean(), error)
        assert abs(deltas.mean() - p.shift) <= 0.03 * abs(p.shift) + 1e-9
        inside = ((deltas >= p.low - 1e-12) & (deltas <= p.high + 1e-12)).mean()
        stated = hi_q - lo_q
        # a stated share of 80%: within four binomial standard errors (a cut at zero adds its point mass)
        at_cut = (deltas == 0).mean() if p.low == 0 else 0.0
        assert stated - 0.03 <= inside <= stated + at_cut + 0.03, (inside, p)
        # the product of the reasons is the engine's effect at luck 1
        r = p.reasons
        product = rules.actor_sign[0] * r.power * r.leverage * r.mobility * r.strength * r.interest * r.room * r.fatigue
        assert product == pytest.approx(p.at_luck_one, rel=1e-9)
        assert p.shift == pytest.approx(p.at_luck_one * luck_mean(r.luck.sigma), rel=1e-12)


def test_the_luck_mean_is_the_truncated_normals():
    z = np.random.default_rng(0).standard_normal(2_000_000)
    for sigma in (0.0, 0.3, 0.45, 1.125, 2.0):
        assert luck_mean(sigma) == pytest.approx(np.maximum(0.0, 1.0 + sigma * z).mean(), abs=3e-3)


def test_the_fatigue_reason_counts_the_orders_already_planned(ftz):
    rules = ftz.rules
    state = initial_state(rules)
    deu = rules.country_index("DEU")
    call = _order(rules, Kind.CALL, "energy_supply", "DEU")
    alone = preview_order(rules, state, 0, call).of(deu)
    plan = Sheet(0, (_order(rules, Kind.CALL, "security_guarantees", "DEU"),))
    after = preview_order(rules, state, 0, call, plan).of(deu)
    assert alone.reasons.planned == 0.0 and alone.reasons.fatigue == 1.0
    assert after.reasons.planned == pytest.approx(1.0)
    assert after.reasons.fatigue == pytest.approx(1.0 / (1.0 + rules.fatigue_k * 1.0))
    assert after.shift == pytest.approx(alone.shift * after.reasons.fatigue)
    # a trip to another capital is no fatigue for Germany
    other = Sheet(0, (_order(rules, Kind.CALL, "security_guarantees", "FRA"),))
    assert preview_order(rules, state, 0, call, other).of(deu).reasons.planned == 0.0


def test_the_rivals_pressure_is_a_reason(ftz):
    rules = ftz.rules
    state = initial_state(rules)
    deu = rules.country_index("DEU")
    recent = state.recent.copy()
    recent[0, 1, deu] = 2.5
    last = state.last_contact.copy()
    last[0, 1, deu] = state.turn - 1
    worked = state.evolve(recent=recent, last_contact=last)
    r = preview_order(rules, worked, 0, _order(rules, Kind.CALL, "energy_supply", "DEU")).of(deu).reasons
    assert r.rival_recent == 2.5 and r.rival_weeks == 1
    fresh = preview_order(rules, state, 0, _order(rules, Kind.CALL, "energy_supply", "DEU")).of(deu).reasons
    assert fresh.rival_recent == 0.0 and fresh.rival_weeks == -1


def test_the_lines_on_the_way_are_worth_what_the_score_says(ftz):
    rules = ftz.rules
    state = initial_state(rules)
    ita, deu = rules.country_index("ITA"), rules.country_index("DEU")
    x = state.alignment.copy()
    x[0, ita] = 33.0  # two points under Italy's arms line (35), which no bloc decides
    state = state.evolve(alignment=x)
    p = preview_order(rules, state, 0, _order(rules, Kind.CALL, "energy_supply", "ITA")).of(ita)
    arms = next(line for line in p.lines if line.label == "Arms")
    assert arms.crossed and arms.missing == 0.0 and arms.line == 35.0
    r = rules.ladder.rung_index("arms")
    assert arms.worth == pytest.approx(
        (rules.ladder.points[r, 1] - rules.ladder.points[r, 0]) * rules.score_weight[ita] * score_scale(rules)
    )

    def score_with(c, value):
        y = state.alignment.copy()
        y[0, c] = value
        return float(score_of(rules, state.evolve(alignment=y))[0])

    now = score_with(ita, 33.0)
    assert arms.score_change == pytest.approx(score_with(ita, 35.0) - score_with(ita, math.nextafter(35.0, 0)))
    assert arms.score_change == pytest.approx(arms.worth) and arms.score_change > 0
    crossed = sum(line.score_change for line in p.lines if line.crossed)
    assert p.score_change == pytest.approx(score_with(ita, 33.0 + p.shift) - now)
    assert crossed == pytest.approx(p.score_change)
    # Germany's sanctions line is the EU's, decided together by unanimity: crossing it alone is worth nothing now
    y = state.alignment.copy()
    y[0, deu] = 34.0
    near = state.evolve(alignment=y)
    q = preview_order(rules, near, 0, _order(rules, Kind.CALL, "energy_supply", "DEU")).of(deu)
    sanctions = next(line for line in q.lines if line.label == "Sanctions")
    assert sanctions.crossed and sanctions.worth > 0 and sanctions.score_change == pytest.approx(0.0)
    # the list ends with the first line beyond the range, and says what is still missing
    last = q.lines[-1]
    assert not last.may_cross and last.missing == pytest.approx(last.line - 34.0 - q.shift)


def test_every_country_knows_its_distance_to_the_next_line(ftz):
    rules = ftz.rules
    state = initial_state(rules)
    gaps = {g.country: g for g in line_gaps(rules, state, 0)}
    ita = gaps[rules.country_index("ITA")]
    assert ita.ahead.label == "Sanctions" and ita.need == pytest.approx(30.0 - 28.0)
    assert ita.behind.label.startswith("UN vote") and ita.margin == pytest.approx(28.0)
    deu = gaps[rules.country_index("DEU")]
    assert deu.ahead.label == "Sanctions" and deu.need == pytest.approx(13.0)
    assert deu.behind.label.startswith("UN vote") and deu.margin == pytest.approx(22.0)
    ukr = gaps[rules.country_index("UKR")]
    assert ukr.ahead is None and math.isinf(ukr.need)
    # Moscow's view: the next line is the one it could push the country below
    moscow = {g.country: g for g in line_gaps(rules, state, 1)}[rules.country_index("DEU")]
    assert moscow.ahead.label.startswith("UN vote") and moscow.need == pytest.approx(22.0)
    assert moscow.behind.label == "Sanctions" and moscow.margin == pytest.approx(13.0)


def test_the_spill_over_is_first_order_in_the_ties(ftz):
    rules = ftz.rules
    shifts = np.zeros(rules.n_countries)
    pol = rules.country_index("POL")
    shifts[pol] = 10.0
    spill = spill_of(rules, shifts)
    assert spill and all(s.country != pol for s in spill)
    for s in spill:
        assert s.shift == pytest.approx(rules.spill_rate * rules.spill_matrix[s.country, pol] * 10.0)
    assert [abs(s.shift) for s in spill] == sorted((abs(s.shift) for s in spill), reverse=True)


# ----------------------------------------------------------------------------------- the expected end


def test_the_expected_end_is_deterministic_and_rises_with_a_helpful_order(ftz):
    rules = ftz.rules
    state = initial_state(rules)
    empty = Sheet(0)
    base = expected_end(ftz, state, 0, empty, "historical", seed=3)
    assert base == expected_end(ftz, state, 0, empty, "historical", seed=3)
    assert base.low <= base.mean <= base.high and base.rollouts == 64 and base.continuation == "repeat"
    helpful = Sheet(0, (_order(rules, Kind.CALL, "energy_supply", "ITA"),))
    more = expected_end(ftz, state, 0, helpful, "historical", seed=3)
    assert more.mean > base.mean + 1.0  # Italy's sanctions line is two points away, and the EU's with it
    # on other rollout seeds too: the rise is the order's, not one draw's
    for seed in (11, 12):
        assert (
            expected_end(ftz, state, 0, helpful, "historical", seed).mean
            > expected_end(ftz, state, 0, empty, "historical", seed).mean
        )
    # an argument a country dislikes (Ukraine and dialogue with Moscow) moves it away, and never helps
    harmful = Sheet(0, (_order(rules, Kind.CALL, "dialogue", "UKR"),))
    assert preview_order(rules, state, 0, harmful.orders[0]).shift < 0
    assert expected_end(ftz, state, 0, harmful, "historical", seed=3).mean <= base.mean


def test_the_outlook_cache_answers_the_same_question_once(ftz):
    state = initial_state(ftz.rules)
    cache = OutlookCache()
    first = cache.get(ftz, state, 0, Sheet(0), "historical", 3)
    assert cache.get(ftz, state, 0, Sheet(0), "historical", 3) is first
    other = cache.get(ftz, state, 0, Sheet(0, (_order(ftz.rules, Kind.CALL, "energy_supply", "ITA"),)), "historical", 3)
    assert other is not first and other.mean != first.mean


def test_the_rivals_model_in_the_rollouts():
    assert rollout_model("wedge:4") == "wedge:3"
    assert rollout_model("wedge:3") == "wedge:3" and rollout_model("historical") == "historical"
    assert rollout_model("human") == "historical" and rollout_model("greedy") == "historical"


def _promised_cases(rules):
    """A promised call, a promised trip (the promise made at every stop), and a call where the side broke a
    promise two weeks ago and its word is still doubted."""
    allies = next(p.index for p in rules.promises if p.code == "allied_consultation")
    call = Order(0, Kind.CALL, rules.topic_index("security_guarantees"), (rules.country_index("POL"),), promise=allies)
    trip = Order(
        0,
        Kind.VISIT,
        rules.topic_index("security_guarantees"),
        tuple(rules.country_index(c) for c in ("EST", "LVA", "LTU")),
        promise=allies,
    )
    doubted = initial_state(rules)
    mistrust = doubted.mistrust.copy()
    until = doubted.mistrust_until.copy()
    mistrust[0, 0, rules.country_index("DEU")] = 0.4
    until[0, 0, rules.country_index("DEU")] = 3
    doubted = doubted.evolve(turn=2, mistrust=mistrust, mistrust_until=until)
    plain = _order(rules, Kind.CALL, "energy_supply", "DEU")
    return [("promised call", initial_state(rules), call), ("promised trip", initial_state(rules), trip),
            ("doubted", doubted, plain)]  # fmt: skip


@pytest.mark.parametrize("case", range(3), ids=["promised-call", "promised-trip", "doubted"])
def test_a_promise_and_a_broken_ones_mistrust_are_in_the_engines_expectation(ftz, case):
    rules = ftz.rules
    _, state, order = _promised_cases(rules)[case]
    preview = preview_order(rules, state, 0, order, Sheet(0))
    outcomes = engine_shifts(rules, state, Sheet(0), order)
    for p in preview.countries:
        deltas = outcomes[p.country]
        error = deltas.std() / math.sqrt(RUNS)
        assert abs(deltas.mean() - p.shift) < max(4 * error, 1e-9), (p, deltas.mean(), error)
    if order.promise >= 0:
        spec = rules.promises[order.promise]
        bare = preview_order(rules, state, 0, Order(0, order.kind, order.topic, order.targets), Sheet(0))
        # what the promise buys is the difference to the same order without it, and the preview says when it is due
        assert preview.promise.extra == pytest.approx(preview.shift - bare.shift, rel=1e-9)
        assert preview.promise.extra > 0
        assert preview.promise.due == spec.within
        assert all(p.reasons.believed == spec.boost for p in preview.countries)
    else:
        assert preview.promise is None
        assert preview.countries[0].reasons.mistrust == 0.4
