"""Structured refusals and the pygame-free order-drafting model (game/drafting.py), without a window."""

from __future__ import annotations

import dataclasses

import pytest

from game.drafting import Draft
from game.engine import Kind, Order, RefusalCode, Sheet, refusal, why_illegal
from game.engine.orders import candidate_orders
from game.session import Session


@pytest.fixture
def session(ftz):
    return Session(ftz, seed=3)


def idx(names, code):
    return list(names).index(code)


def test_every_refusal_has_the_words_why_illegal_gives(ftz, session):
    rules, state = session.rules, session.state
    sheet = Sheet(session.player)
    seen = set()
    for order in candidate_orders(rules, session.player):  # filling the week as it goes
        found = refusal(rules, state, sheet, order)
        assert why_illegal(rules, state, sheet, order) == (found.words if found else None)
        if found:
            seen.add(found.code)
            assert str(found) == found.words
        else:
            sheet = sheet.with_order(order)
    assert {RefusalCode.NO_CALLS, RefusalCode.DEPUTY_USED, RefusalCode.NO_TRAVEL_CALLS} <= seen


def test_a_refusal_says_what_it_is_about(ftz, session):
    rules, state, me = session.rules, session.state, session.player
    no_offer = [t for t in range(rules.n_topics) if rules.leverage[me, t] <= 0]
    if no_offer:
        found = refusal(rules, state, Sheet(me), Order(me, Kind.CALL, no_offer[0], (0,)))
        assert (found.code, found.about, found.index) == (RefusalCode.NO_LEVERAGE, "topic", no_offer[0])
    deputy = next(d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == me)
    topic = Draft(session).usable_topic()
    call = Order(me, Kind.DEPUTY_CALL, topic, (0,), deputy=deputy)
    found = refusal(rules, state, Sheet(me, (call,)), call)
    assert (found.code, found.about, found.index) == (RefusalCode.DEPUTY_USED, "deputy", deputy)
    found = refusal(rules, state, Sheet(me), Order(me, Kind.VISIT, topic, (0, 0)))
    assert found.code == RefusalCode.TRIP_REPEAT
    found = refusal(rules, state, Sheet(me), Order(me, Kind.CALL, topic, (0,), group=0))
    assert found.code == RefusalCode.WRONG_SHAPE


def test_a_finished_crisis_refuses_everything(ftz, session):
    rules = session.rules
    over = dataclasses.replace(session.state, turn=rules.n_turns)
    order = Order(session.player, Kind.CALL, 0, (0,))
    assert refusal(rules, over, Sheet(session.player), order).code == RefusalCode.CRISIS_OVER


def test_a_draft_says_what_is_missing_in_order(session):
    draft = Draft(session)
    assert draft.refusal().code == RefusalCode.INCOMPLETE
    assert draft.refusal().words == "choose a country"
    draft.select(idx(session.rules.countries, "DEU"))
    assert draft.refusal().words == "choose a topic"
    draft.set_kind(Kind.DEPUTY_CALL)
    assert draft.deputy is not None  # the first free deputy is picked
    draft.set_topic(draft.usable_topic())
    assert draft.refusal() is None
    assert draft.order().kind == Kind.DEPUTY_CALL


def test_adding_moves_a_deputy_call_on_to_the_next_free_deputy(session):
    draft = Draft(session)
    draft.select(idx(session.rules.countries, "DEU"))
    draft.set_topic(draft.usable_topic())
    draft.set_kind(Kind.DEPUTY_CALL)
    first = draft.deputy
    assert draft.add() is None
    assert session.pending.orders[-1].deputy == first
    assert draft.deputy != first
    used = next(c for c in draft.deputies() if c.value == first)
    assert not used.offered and used.refusal.code == RefusalCode.DEPUTY_USED


def test_a_busy_budget_is_the_orders_refusal_not_the_topics(session):
    rules = session.rules
    draft = Draft(session)
    draft.select(idx(rules.countries, "POL"))
    draft.set_topic(draft.usable_topic())
    while session.remaining()["calls"] >= 1:
        assert draft.add() is None
    assert draft.refusal().code == RefusalCode.NO_CALLS
    offered = [c for c in draft.topics() if c.offered]
    assert len(offered) == sum(1 for t in range(rules.n_topics) if rules.leverage[session.player, t] > 0)
    kinds = {Kind(c.value): c for c in draft.kinds()}
    assert kinds[Kind.CALL].refusal.code == RefusalCode.NO_CALLS
    assert kinds[Kind.DEPUTY_CALL].offered


def test_a_convened_group_is_refused_with_its_own_reason(session):
    rules = session.rules
    draft = Draft(session)
    me = session.player
    country = next(c for c in range(rules.n_countries) if any(rules.group_conveners[me, g] for g in draft.groups_of(c)))
    draft.select(country)
    draft.set_kind(Kind.MULTILATERAL)
    conveneable = [c for c in draft.groups() if c.offered]
    assert conveneable and draft.group == conveneable[0].value
    draft.set_topic(draft.usable_topic())
    assert draft.add() is None
    again = next(c for c in draft.groups() if c.value == conveneable[0].value)
    assert again.refusal.code == RefusalCode.GROUP_USED and again.refusal.is_about("group", again.value)


def test_names_alike_do_not_confuse_the_choices(ftz):
    """A deputy named after a topic used to disable every chip whose reason contained the topic's name."""
    rules = ftz.rules
    me = ftz.player
    deputy = next(d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == me)
    topic_name = rules.labels.topics[0]
    deputies = list(rules.labels.deputies)
    deputies[deputy] = f"{topic_name} Envoy"
    labels = dataclasses.replace(rules.labels, deputies=tuple(deputies))
    scenario = dataclasses.replace(ftz, rules=dataclasses.replace(rules, labels=labels))
    session = Session(scenario, seed=3)
    draft = Draft(session)
    draft.select(0)
    draft.set_kind(Kind.DEPUTY_CALL)
    draft.set_deputy(deputy)
    draft.set_topic(draft.usable_topic())
    assert draft.add() is None  # the deputy has now called: a refusal that names the topic's words
    topics = {c.value: c for c in draft.topics()}
    assert topics[0].offered == (rules.leverage[me, 0] > 0)


def test_trips_take_the_regions_next_capital_and_start_over(session):
    rules = session.rules
    draft = Draft(session)
    draft.select(idx(rules.countries, "POL"))
    options = [c.value for c in draft.stop_options()]
    assert options and all(rules.region_of[c] == rules.region_of[draft.country] for c in options)
    for _ in range(rules.visit_max_stops - 1):
        draft.next_stop()
    assert draft.kind == Kind.VISIT and len(draft.stops) == min(rules.visit_max_stops - 1, len(options))
    draft.next_stop()
    assert draft.stops == []
    draft.toggle_stop(options[0])
    draft.set_topic(draft.usable_topic())
    assert draft.order().targets == (draft.country, options[0])
    draft.select(idx(rules.countries, "DEU"))
    assert draft.stops == []


def test_talks_with_the_rival_offer_you_and_each_deputy(ftz):
    from game.scenario import load_scenario

    scenario = load_scenario("isolation_complication")
    session = Session(scenario, seed=1)
    if not scenario.rules.can_engage[session.player]:
        pytest.skip("the player keeps no channel in this crisis")
    draft = Draft(session)
    draft.select(0)
    draft.set_kind(Kind.ENGAGE)
    engagers = draft.engagers()
    assert engagers[0].value == -1 and engagers[0].selected
    offered = [c for c in draft.topics() if c.offered]
    assert offered  # the topics the rival will discuss
    for choice in draft.topics():
        if not choice.offered:
            assert choice.refusal.code in (RefusalCode.ENGAGE_TOPIC, RefusalCode.UNKNOWN_TOPIC)
    draft.set_topic(offered[0].value)
    assert draft.add() is None
    kinds = {Kind(c.value): c for c in draft.kinds()}
    assert kinds[Kind.ENGAGE].refusal.code == RefusalCode.ENGAGE_USED


def test_another_country_starts_without_the_last_ones_topic(session):
    """Issue 14: the topic chosen for one capital was carried to the next (Ukraine, on a topic it dislikes)."""
    rules = session.rules
    draft = Draft(session)
    draft.select(idx(rules.countries, "DEU"))
    draft.set_topic(idx(rules.topics, "energy_supply"))
    draft.select(idx(rules.countries, "DEU"))  # the same country again keeps it
    assert draft.topic == idx(rules.topics, "energy_supply")
    draft.select(idx(rules.countries, "UKR"))
    assert draft.topic is None and draft.missing().words == "choose a topic"


def test_with_every_deputy_busy_the_draft_says_so_instead_of_asking_for_one(session):
    """Issue 14: "choose a deputy" was asked when no deputy was free."""
    rules = session.rules
    draft = Draft(session)
    draft.select(idx(rules.countries, "DEU"))
    draft.set_topic(draft.usable_topic())
    draft.set_kind(Kind.DEPUTY_CALL)
    while draft.deputy is not None:
        assert draft.add() is None
    assert draft.kind_refusal(Kind.DEPUTY_CALL).code == RefusalCode.DEPUTY_BUSY
    assert draft.kind_refusal(Kind.CALL) is None
    missing = draft.refusal()
    assert missing.code == RefusalCode.DEPUTY_BUSY and "free" in missing.words
    assert "choose a deputy" not in missing.words


def test_a_draft_for_a_named_side_asks_and_changes_that_sides_plan_only(ftz):
    """The class server drafts for a seat's side while the other side's orders are being given too: a draft
    with ``side`` offers that side's deputies, adds to its sheet, changes its queued orders and makes its
    standing instructions; the active side's plan (the desktop's) is untouched."""
    from game.sim.settings import Settings

    session = Session(ftz, seed=3, settings=Settings(two_sided=True))
    rules, moscow = session.rules, session.rival
    assert session.active == session.player
    draft = Draft(session, side=moscow)
    assert draft.actor == moscow
    assert {c.value for c in draft.deputies()} == {
        d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == moscow
    }
    draft.select(idx(rules.countries, "HUN"))
    draft.set_topic(next(c.value for c in draft.topics() if c.offered))
    assert draft.add() is None
    assert len(session.pending_for(moscow).orders) == 1 and session.pending_for(session.player).orders == ()
    draft.edit(0)
    draft.set_topic(next(c.value for c in draft.topics() if c.offered and c.value != draft.topic))
    assert draft.add() is None and session.pending_for(moscow).orders[0].topic == draft.topic
    ryabkov = idx(rules.deputies, "ryabkov")
    draft.set_deputy(ryabkov)
    standing, words = draft.make_standing()
    assert standing is not None and standing.deputy == ryabkov, words
    assert any(o.deputy == ryabkov for o in session.pending_for(moscow).orders)
    assert session.pending_for(session.player).orders == ()
    # Washington's deputy is not Moscow's to instruct.
    draft.set_deputy(idx(rules.deputies, "nuland"))
    assert draft.make_standing() == (None, "only your own deputies take standing instructions")
