"""Session commands that name the side (the class server's two browsers give orders at the same time)."""

import pytest

from game.engine import IllegalOrder, legal_orders
from game.session import Session
from game.sim.settings import Settings


def _legal(session, actor):
    return legal_orders(session.rules, session.state, session.pending_for(actor))[0]


def test_both_sides_give_orders_at_once_and_the_week_waits_for_both(ftz):
    session = Session(ftz, 3, settings=Settings(two_sided=True))
    moscow_order = _legal(session, session.rival)
    session.add_for(session.rival, moscow_order)  # Moscow first, while Washington is "active" in hot-seat terms
    session.add_for(session.player, _legal(session, session.player))
    assert session.set_ready(session.player, True) is None and session.turn == 0
    with pytest.raises(IllegalOrder, match="take back 'ready'"):
        session.add_for(session.player, _legal(session, session.player))
    session.set_ready(session.player, False)
    assert session.submitted == set()
    session.set_ready(session.player, True)
    record = session.set_ready(session.rival, True)
    assert record is not None and session.turn == 1
    assert [len(s.orders) for s in session.weeks[-1].sheets] == [1, 1]


def test_a_bot_side_and_the_other_sides_orders_are_refused(ftz):
    session = Session(ftz, 3, settings=Settings(rival="historical"))
    with pytest.raises(IllegalOrder, match="played by the bot"):
        session.add_for(session.rival, _legal(session, session.player))
    moscow = Session(ftz, 3, settings=Settings(two_sided=True))
    with pytest.raises(IllegalOrder, match="other side"):
        moscow.add_for(moscow.player, _legal(moscow, moscow.rival))


def test_take_back_and_resolve_now(ftz):
    session = Session(ftz, 3, settings=Settings(two_sided=True))
    order = _legal(session, session.rival)
    session.add_for(session.rival, order)
    with pytest.raises(IndexError):
        session.take_back_for(session.rival, 5)
    assert session.take_back_for(session.rival, 0) == order
    session.add_for(session.rival, order)
    session.resolve_now()  # nobody was ready: the timer gives what was queued
    assert session.turn == 1 and session.weeks[-1].sheets[1].orders == (order,)
