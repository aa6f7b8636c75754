"""The turn report's wording of causes (no pygame)."""

from game.classroom.words import alignment_word, move_lines, signed
from game.engine import Kind, Order
from game.scenario import load_scenario
from game.session import Session


def test_signed_uses_a_real_minus_and_no_negative_zero():
    assert signed(4.24) == "+4.2"
    assert signed(-2.3) == "−2.3"
    assert signed(-0.01) == "±0.0"


def test_alignment_words_cover_the_scale():
    words = {alignment_word(v) for v in (-100, -40, 0, 40, 100)}
    assert len(words) == 5


def test_move_lines_name_every_cause_and_add_up():
    session = Session(load_scenario("flood_the_zone"), 1)
    germany = session.rules.countries.index("DEU")
    energy = session.rules.topics.index("energy_supply")
    session.add(Order(session.player, Kind.CALL, energy, (germany,)))
    session.end_turn()
    lines = move_lines(session, session.weeks[-1])
    line = next(m for m in lines if m.country == germany)
    assert line.text.startswith("Germany ")
    assert "your call on Energy supply +" in line.text
    assert "Moscow's call on Energy supply −" in line.text
    move = next(m for m in session.weeks[-1].record.moves if m.country == germany)
    assert abs(sum(d for _, d, _ in line.causes) - move.delta) < 0.2  # tiny causes (<0.05) are left out
    assert [abs(m.delta) for m in lines] == sorted((abs(m.delta) for m in lines), reverse=True)


def test_a_commitment_line_says_whether_it_is_reached_in_plain_words():
    """Issue 14: "UN vote: abstains ✓ yes (from -40)" read as nonsense beside a vote's own options."""
    from game.classroom.words import commitment_status, ladder_steps

    steps = ladder_steps(load_scenario("flood_the_zone"))
    vote = next(s for s in steps if s.label == "UN vote: abstains")
    text, tone = commitment_status(line=-40.0, value=-12.0, reached=True, fog=False)
    assert f"{vote.label} {text}" == "UN vote: abstains ✓ now (line at −40)" and tone == "good"
    text, tone = commitment_status(line=35.0, value=28.0, reached=False, fog=False)
    assert text == "close: needs +7 (line at +35)" and tone == "close"
    assert commitment_status(line=35.0, value=0.0, reached=False, fog=False) == ("needs +35 (line at +35)", "far")
    assert commitment_status(line=35.0, value=50.0, reached=True, fog=True) == ("✓ now", "good")
    assert commitment_status(line=35.0, value=0.0, reached=False, fog=True) == ("not yet", "far")


def test_an_argument_heard_in_another_capital_is_named_as_a_cause_of_its_move():
    """Flood the Zone's echo: pressing sanctions in Berlin is heard in Rome and Budapest, the other way.  Italy's
    line names the call to Germany as a cause, in your colour; your order's line says where it was heard."""
    from game.classroom.words import contact_lines
    from game.engine import CauseKind

    session = Session(load_scenario("flood_the_zone"), 1)
    rules = session.rules
    germany, italy = rules.countries.index("DEU"), rules.countries.index("ITA")
    session.add(Order(session.player, Kind.CALL, rules.topics.index("sanctions"), (germany,)))
    session.end_turn()
    week = session.weeks[-1]
    move = next(m for m in week.record.moves if m.country == italy)
    (echo,) = [c for c in move.causes if c.kind == CauseKind.ECHO]
    assert (echo.actor, echo.order, echo.country) == (session.player, 0, germany)
    assert echo.delta < 0
    line = next(m for m in move_lines(session, week) if m.country == italy)
    text = f"heard from your call on Sanctions coordination in Germany {signed(echo.delta)}"
    assert text in line.text
    assert [tag for t, _, tag in line.causes if t.startswith("heard from")] == ["you"]
    (order_line,) = contact_lines(session, week, session.player)
    assert f"(heard in Italy {signed(echo.delta)}" in order_line[0]
    assert "Hungary −" in order_line[0]
