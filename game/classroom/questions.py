"""Discussion questions for the debrief, each tied to passages of the seed articles and to what happened in
the class's own game.

Quoted passages are copied exactly from the seeds (the tests check every one against the file).  Seed 003 is
machine-paraphrased: its facts are *stated in our own words* (``quoted=False``) and never quoted, because its
garbled wording ("Nationwide Safety Company") is not what anyone said.  The same rule applies to every source
a report or handout shows: :func:`shown_source` gives a paraphrased seed's note, never its passage.

A scenario without curated questions (a scenario of your own) gets questions built from the game itself: the
countries where the game went furthest from the historical playbook, with the sources their positions rest on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.engine import Kind
from game.session import Session

# Seeds whose wording is machine-paraphrased: state their facts, never quote them (seeds/README.md).
PARAPHRASED_SEEDS = frozenset({"003_3b553e56c7af81cf.txt"})


@dataclass(frozen=True)
class Passage:
    seed: str
    text: str
    quoted: bool = True  # False: the seed's fact in our own words (a paraphrased seed)


Fact = Callable[[Session, Session], str | None]


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    passages: tuple[Passage, ...]
    fact: Fact | None = None  # a line about this game, to start the discussion from the class's own play


@dataclass(frozen=True)
class AskedQuestion:
    """A question as a report prints it."""

    prompt: str
    passages: tuple[Passage, ...]
    fact: str | None


def shown_source(source) -> Passage:
    """How a scenario's Source is shown on paper: the exact passage, or for a paraphrased seed its note (our own
    words) - or, if it has none, only that the seed backs it."""
    if source.seed in PARAPHRASED_SEEDS:
        text = source.note or "a fact of this seed (machine-paraphrased; not quoted)"
        return Passage(source.seed, text, quoted=False)
    return Passage(source.seed, source.passage, quoted=True)


# ------------------------------------------------------------------------------------------------ facts


def _played_weeks(session: Session):
    return [w for w in session.weeks if not w.prelude]


def contacted(session: Session, actor: int) -> set[int]:
    """Countries the side reached in the weeks the players played."""
    return {c.country for w in _played_weeks(session) for c in w.record.contacts if c.actor == actor}


def orders_of(session: Session, actor: int):
    for w in _played_weeks(session):
        for sheet in w.sheets:
            if sheet.actor == actor:
                yield from sheet.orders


def _end(session: Session, code: str) -> float | None:
    rules = session.rules
    return float(session.state.alignment[0, rules.countries.index(code)]) if code in rules.countries else None


def _signed(x: float) -> str:
    return f"{x:+.0f}".replace("-", "−")


def _compare(code: str, name: str) -> Fact:
    def fact(game: Session, history: Session) -> str | None:
        mine, theirs = _end(game, code), _end(history, code)
        if mine is None or theirs is None:
            return None
        return f"In your game {name} ended at {_signed(mine)}; with the historical playbook, at {_signed(theirs)}."

    return fact


def _breadth(game: Session, history: Session) -> str:
    n = game.rules.n_countries
    mine, theirs = len(contacted(game, game.player)), len(contacted(history, history.player))
    return f"You reached {mine} of the {n} capitals; the historical playbook reached {theirs}."


def _talks(game: Session, history: Session) -> str:
    mine = sum(1 for o in orders_of(game, game.player) if o.kind == Kind.ENGAGE)
    theirs = sum(1 for o in orders_of(history, history.player) if o.kind == Kind.ENGAGE)
    rules = game.rules
    parts = [f"You talked to {rules.labels.actors[game.rival]} {mine} times; the historical playbook, {theirs}."]
    for k, name in enumerate(rules.labels.tracks):
        parts.append(f"{name} ended at {game.state.track[0, k]:.0f} (history: {history.state.track[0, k]:.0f}).")
    return " ".join(parts)


def _producers(game: Session, history: Session) -> str | None:
    rules = game.rules
    ladder = rules.ladder
    if "energy_help" not in ladder.rungs:  # this question is Flood the Zone's, about its energy rung
        return None
    producers = [int(c) for c in np.flatnonzero(ladder.is_open()[:, ladder.rung_index("energy_help")])]
    if not producers:
        return None
    share = sum(1 for o in orders_of(game, game.player) if set(o.targets) & set(producers))
    total = sum(1 for _ in orders_of(game, game.player)) or 1
    names = ", ".join(rules.labels.countries[c] for c in producers)
    return f"{share} of your {total} orders went to the energy producers ({names})."


# ---------------------------------------------------------------------------------------------- curated

_S000 = "000_966678d371abad6d.txt"
_S001 = "001_b4313ba81e14d5a4.txt"
_S002 = "002_23ad83442aea2065.txt"
_S003 = "003_3b553e56c7af81cf.txt"
_S004 = "004_955fe242cd342df8.txt"

_FLOOD = (
    Question(
        "go_everywhere",
        'The State Department called its outreach a "go everywhere" strategy. Did you go everywhere, or did you '
        "concentrate on a few capitals? What did breadth buy, and what did it cost in calls that could have gone "
        "to the countries on the edge of a commitment?",
        (
            Passage(
                _S000,
                "It’s a ‘go everywhere’ strategy because a renewed Russian invasion of Ukraine would have "
                "implications everywhere",
            ),
            Passage(
                _S000,
                "Blinken and other Biden administration officials have even raised Ukraine with countries like "
                "India, Japan and South Korea.",
            ),
        ),
        _breadth,
    ),
    Question(
        "germany_energy",
        "Germany is an ally that depends on Russian gas. Which argument moved it in your game, and which pulled it "
        "back? Would sanctions have been possible without an answer on energy?",
        (
            Passage(
                _S000,
                "Germany, which has long pushed for the Nord Stream 2 project, appears squeamish at times about "
                "coming down too hard on the Kremlin.",
            ),
            Passage(_S004, "US finalizing plans to divert gas to Europe if Russia cuts off supply"),
        ),
        _compare("DEU", "Germany"),
    ),
    Question(
        "hedgers",
        "India and Brazil have their own ties to Moscow. Was it worth spending calls on countries that move "
        "slowly? What is a realistic goal for them - a yes vote, or only an abstention?",
        (
            Passage(
                _S000,
                "Some of the countries that have been on the list of America’s outreach, such as Brazil and India, "
                "have their own economic and military relations with Russia to consider",
            ),
        ),
        _compare("IND", "India"),
    ),
    Question(
        "gulf_energy",
        "Why talk to Kuwait, Saudi Arabia and the UAE about a war in Europe? Did your energy outreach give the "
        "Europeans the confidence to stand firm?",
        (
            Passage(
                _S000,
                "Chatting with the UAE and Kuwait — both major energy producers — signals to Russia that "
                "Washington has a plan for what happens if Moscow cuts off Europe’s gas.",
            ),
        ),
        _producers,
    ),
    Question(
        "minor_incursion",
        "A single remark can cost a week of diplomacy. How did your coalition weather the news of the week of "
        "17 January? Which allies needed reassuring afterwards?",
        (Passage(_S004, "Biden insists U.S. won’t accept a ‘minor incursion’ by Russia into Ukraine"),),
        None,
    ),
)

_NS2 = (
    Question(
        "what_if_ns2",
        "This game asked a what-if: Berlin halts Nord Stream 2 in December rather than in late January. Did the "
        "early halt change the coalition you could build? What does that suggest about how much one ally's "
        "energy ties held the others back?",
        (Passage(_S004, "Nord Stream 2 gas pipeline will not open if Russia invades Ukraine, says US"),),
        _compare("DEU", "Germany"),
    ),
)

_ISOLATION = (
    Question(
        "do_not_engage",
        'Veteran diplomats questioned Blinken\'s "do not engage" strategy. Did you talk to Moscow? What did the '
        "talks give you, and what did they cost with the allies who watch for any sign of breaking ranks?",
        (
            Passage(
                _S002,
                "we see no signs whatsoever that Russia at this moment in time is prepared to engage in "
                "meaningful diplomacy.",
            ),
            Passage(
                _S002,
                "The first step is opening channels of communication where you can measure what your adversary is "
                "looking for",
            ),
            Passage(_S002, "You can’t know unless you try."),
        ),
        _talks,
    ),
    Question(
        "isolation_counterproductive",
        "A retired ambassador warned that asking Lavrov for a call would undercut the effort to isolate Russia. "
        "Did your talks with Moscow make other capitals more willing to deal with it too?",
        (
            Passage(_S001, "counterproductive to our broader effort to isolate Russia"),
            Passage(_S001, "Other countries will look at this and say, ‘Why don’t we deal more broadly with Lavrov"),
        ),
        None,
    ),
    Question(
        "india_oil",
        "India bought far more Russian oil in 2022 than in 2021 while staying in the Quad. Is isolating Russia "
        "realistic when partners depend on its energy? Where did India end in your game?",
        (
            Passage(
                _S001,
                "India has used nearly 60 million barrels of Russian oil so far in 2022, compared to just 12 "
                "million barrels in all of 2021",
            ),
        ),
        _compare("IND", "India"),
    ),
    Question(
        "negotiating_table",
        "The host of the G20 asked the great powers to settle their differences at the negotiating table. How do "
        "countries outside the two camps see a strategy of isolation?",
        (
            Passage(
                _S002,
                "settle our differences at the negotiating table, not at the battlefield",
            ),
        ),
        None,
    ),
)

_RATIONAL = (
    Question(
        "open_to_talks",
        "President Biden said he would talk to Putin if Putin were looking for a way to end the war; the White "
        "House then said that was not likely soon. Did you keep a line to Moscow open in your game? Did it help "
        "you avoid a miscalculation, and what did it cost with Kyiv and the eastern allies?",
        (
            Passage(
                _S003,
                "During Macron's state visit, Biden said he was ready to speak with Putin if Putin were looking for "
                "a way to end the war; the next day the National Security Council's spokesman, John Kirby, said "
                "such talks were not likely soon.",
                quoted=False,
            ),
            Passage(
                _S003,
                "A former US ambassador to Ukraine argued that contacts with Moscow are useful to signal a wish to "
                "de-escalate and to avoid miscalculation, even when they are not negotiations.",
                quoted=False,
            ),
        ),
        _talks,
    ),
    Question(
        "ukraine_decides",
        "Macron said France would never press Ukraine into a compromise it could not accept. Who should decide "
        "when and on what terms to negotiate - and how did that constrain your talks with Moscow?",
        (
            Passage(
                _S003,
                "Macron said France would never urge the Ukrainians to accept a compromise unacceptable to them, "
                "and that Ukrainians must decide when and on what terms to negotiate over their territory.",
                quoted=False,
            ),
        ),
        _compare("UKR", "Ukraine"),
    ),
    Question(
        "ira_dispute",
        "The United States and France were quarrelling over the clean-energy subsidies of the Inflation Reduction "
        "Act. Can a dispute on one policy stay apart from the alliance? Did you spend effort on France?",
        (
            Passage(
                _S003,
                "A researcher at the Center for a New American Security said the subsidies dispute was a real "
                "challenge, but that a quarrel over one policy need not compromise the whole relationship.",
                quoted=False,
            ),
        ),
        _compare("FRA", "France"),
    ),
    Question(
        "exploit_divisions",
        "An expert on Russia said Moscow exploits every disagreement in the West. Which division did your rival "
        "work on in your game, and did you close it in time?",
        (
            Passage(
                _S003,
                "A Russia specialist at the US Institute of Peace said that Russian politicians and media exploit "
                "every real or perceived division in the transatlantic partnership.",
                quoted=False,
            ),
        ),
        None,
    ),
)

CURATED: dict[str, tuple[Question, ...]] = {
    "flood_the_zone": _FLOOD,
    "flood_the_zone_ns2_halt": _NS2 + _FLOOD,
    "general_assembly": _FLOOD,  # the same crisis and capitals, with every other UN member beside them
    "isolation_complication": _ISOLATION,
    "the_rational_way": _RATIONAL,
}


def all_curated() -> list[Question]:
    """Every curated question, the rival's player's included (each once)."""
    every = [q for qs in (*CURATED.values(), *RIVAL_CURATED.values()) for q in qs]
    return list({id(q): q for q in every}.values())


# ---------------------------------------------------------------------------------------------- asking


def _generated(game: Session, history: Session, n: int = 3) -> list[AskedQuestion]:
    """Questions from the game itself: the countries furthest from the historical playbook's result."""
    rules = game.rules
    gap = game.state.alignment[0] - history.state.alignment[0]
    out = []
    for c in np.argsort(-np.abs(gap), kind="stable")[:n]:
        c = int(c)
        name = rules.labels.countries[c]
        country = game.scenario.country(c)
        passages = tuple(shown_source(s) for s in country.sources[:2])
        better = "further toward you" if gap[c] * rules.actor_sign[game.player] > 0 else "further from you"
        out.append(
            AskedQuestion(
                f"{name} ended {better} than with the historical playbook. What did you (and your rival) do "
                f"differently there, and was it worth the calls? Its position: {country.position}",
                passages,
                _compare(rules.countries[c], name)(game, history),
            )
        )
    return out


def questions_for(game: Session, history: Session) -> list[AskedQuestion]:
    """The discussion questions of a game: the scenario's curated ones (or its parent's, for a variant that
    extends one) with this game's facts, then one or two from the game itself."""
    doc = game.scenario.doc
    curated = CURATED.get(doc.id) or CURATED.get(doc.extends or "", ())
    asked = [AskedQuestion(q.prompt, q.passages, q.fact(game, history) if q.fact else None) for q in curated]
    return asked + _generated(game, history, 1 if curated else 3)


# ------------------------------------------------------------------------------------- the rival's player
#
# In a two-sided game a second student plays Moscow, in a war that is still going on.  These questions ask how
# Moscow's government reasoned and what means it used, as the articles report them, and what the game's side
# of it cost; they never ask the student to admire or justify the invasion.  A fact line speaks to the rival's
# player: "your side" is Moscow's.

RIVAL_NOTE = (
    "You played Moscow's side. These questions ask how Moscow's government reasoned and what means it used, as "
    "the articles report them - not whether its war was right. Playing a side is a way to understand a decision, "
    "not to endorse it."
)


def _rival_breadth(game: Session, history: Session) -> str:
    n = game.rules.n_countries
    mine, theirs = len(contacted(game, game.rival)), len(contacted(history, history.rival))
    return f"Your side reached {mine} of the {n} capitals; Moscow's side in the historical playbook reached {theirs}."


def _rival_compare(code: str, name: str) -> Fact:
    def fact(game: Session, history: Session) -> str | None:
        mine, theirs = _end(game, code), _end(history, code)
        if mine is None or theirs is None:
            return None
        return (
            f"{name} ended at {_signed(mine)} in your game and at {_signed(theirs)} with the historical playbook "
            "(−100 is fully with Moscow, +100 with Washington)."
        )

    fact.country = code  # the generated questions leave out a country a curated one already asks about
    return fact


def _rival_talks(game: Session, history: Session) -> str:
    rules = game.rules
    mine = sum(1 for o in orders_of(game, game.rival) if o.kind == Kind.ENGAGE)
    theirs = sum(1 for o in orders_of(game, game.player) if o.kind == Kind.ENGAGE)
    parts = [
        f"Your side contacted {rules.labels.actors[game.player]} {mine} times; "
        f"{rules.labels.actors[game.player]} contacted your side {theirs} times."
    ]
    for k, name in enumerate(rules.labels.tracks):
        parts.append(f"{name} ended at {game.state.track[0, k]:.0f} (history: {history.state.track[0, k]:.0f}).")
    return " ".join(parts)


def _rival_pressure(game: Session, history: Session) -> str | None:
    """The escalations Moscow's player raised, by headline (a scenario without escalations: the orders)."""
    raised = [
        game.scenario.event(e).headline
        for w in _played_weeks(game)
        for sheet in w.sheets
        if sheet.actor == game.rival
        for e in sheet.raises
    ]
    if raised:
        return f"Your side raised {len(raised)} escalations: {'; '.join(raised)}."
    orders = sum(1 for _ in orders_of(game, game.rival))
    return f"Your side raised no escalation and gave {orders} orders."


def _rival_result(game: Session, history: Session) -> str:
    from game.engine.outcome import standing

    tier, s = standing(game.rules, game.state)
    h_tier, hs = standing(history.rules, history.state)
    return f"The crisis ended at {s:.1f} ({tier}); with the historical playbook, at {hs:.1f} ({h_tier})."


_FLOOD_RIVAL = (
    Question(
        "moscow_rounds",
        "The article reports that Moscow was also making the rounds, and that its officials said Washington, not "
        "Moscow, was raising the threat of war - while Russian troops were massing on Ukraine's border. Which "
        "capitals did your side work on, and with which argument? How does the claim of who threatens whom "
        "compare with what the article reports about the troops?",
        (
            Passage(_S000, "Russia, too, is making the rounds."),
            Passage(
                _S000,
                "Russian Foreign Minister Sergey Lavrov and Kremlin spokesperson Dmitry Peskov have been "
                "proclaiming that it’s the Biden administration — not Moscow — that is ratcheting up the threat "
                "of war.",
            ),
            Passage(_S000, "Putin began amassing troops along Russia’s border with Ukraine last fall."),
        ),
        _rival_breadth,
    ),
    Question(
        "moscow_demands",
        "The sources report what Moscow demanded: that NATO rule out admitting Ukraine and stop expanding. One "
        "analyst read the demands as an opening bid. What did Moscow's government say it wanted from the crisis, "
        "and what do the sources say Washington and its allies answered? What does a game about winning votes "
        "leave out of that dispute?",
        (
            Passage(
                _S004,
                "Russia has massed troops near Ukraine’s border while demanding that the U.S.-led NATO alliance "
                "rule out admitting the former Soviet state or expanding further into what Moscow sees as its "
                "backyard.",
            ),
            Passage(_S004, "Moscow’s demands are probably an opening bid, not an ultimatum."),
        ),
        _rival_result,
    ),
    Question(
        "moscow_energy",
        "Moscow's strongest ties to Europe ran through energy and trade, and Germany hesitated over Nord Stream 2. "
        "Did your side use those ties, and what did Washington do to weaken them? What did pressure on gas cost "
        "Moscow with the capitals that saw it as coercion?",
        (
            Passage(
                _S000,
                "Germany, which has long pushed for the Nord Stream 2 project, appears squeamish at times about "
                "coming down too hard on the Kremlin.",
            ),
            Passage(_S004, "US finalizing plans to divert gas to Europe if Russia cuts off supply"),
        ),
        _rival_pressure,
    ),
    Question(
        "moscow_hedgers",
        "India and Brazil have their own economic and military relations with Russia. Did your side try to keep "
        "them out of a vote or sanctions? What, according to the article, did these governments have to weigh "
        "on both sides?",
        (
            Passage(
                _S000,
                "Some of the countries that have been on the list of America’s outreach, such as Brazil and India, "
                "have their own economic and military relations with Russia to consider",
            ),
        ),
        _rival_compare("IND", "India"),
    ),
)

_ISOLATION_RIVAL = (
    Question(
        "moscow_not_isolated",
        "Moscow answered the claim that it was isolated by sending its foreign minister around the world and "
        "posting photos of the visits. Which capitals did your side reach? Why might governments that receive "
        "Washington's aid still welcome Russia's foreign minister, according to the article?",
        (
            Passage(
                _S001,
                "The Russian Foreign Ministry has denied the claims of Russia’s isolation by tweeting photos of "
                "Lavrov in various world capitals.",
            ),
            Passage(
                _S001,
                "Many depend on Russia for energy and other exports, although they also depend on Ukraine for grain.",
            ),
        ),
        _rival_breadth,
    ),
    Question(
        "moscow_call",
        "When Washington asked for a call, the article says the Kremlin presumably welcomed it and was likely to "
        "delay it. How did your side use the question of talks? What can delaying a call gain, and what can it "
        "risk?",
        (
            Passage(
                _S001,
                "The Kremlin presumably enjoyed the news that the US is now seeking involvement and is likely to "
                "delay the process of arranging a call to maximize benefit.",
            ),
            Passage(_S001, "“I will listen to what he has to say,” Lavrov said."),
        ),
        _rival_talks,
    ),
    Question(
        "moscow_shortages",
        "Western officials blamed the invasion for food and energy shortages, and talks on Ukraine's grain "
        "exports through the blockaded ports were under way. How did countries that depend on grain and on "
        "energy weigh Moscow's case against its war? Where did India end in your game?",
        (
            Passage(
                _S001,
                "US and European officials point out that Russia has been heavily criticized for the invasion of "
                "Ukraine and the resulting food and energy shortages.",
            ),
            Passage(
                _S001,
                "India has used nearly 60 million barrels of Russian oil so far in 2022, compared to just 12 "
                "million barrels in all of 2021",
            ),
        ),
        _rival_compare("IND", "India"),
    ),
)

_RATIONAL_RIVAL = (
    Question(
        "moscow_conditions",
        "Experts told the outlet that Moscow's conditions for talks had not changed since March except to become "
        "more demanding, although it had been losing ground on the battlefield since August. What was your side "
        "trying to hold on to, and what, if anything, did the game let it trade?",
        (
            Passage(
                _S003,
                "A former US ambassador to Ukraine said Russia's position had not moved at all except to become more "
                "demanding, even though Russia had been losing on the battlefield since August.",
                quoted=False,
            ),
        ),
        _rival_result,
    ),
    Question(
        "moscow_infrastructure",
        "The article reports that after its battlefield losses Russia increasingly struck Ukraine's civilian "
        "infrastructure, killing civilians and leaving cities without light and heat in winter. What do the "
        "sources say these attacks did to Europe's willingness to help Ukraine through the winter, and how did "
        "the capitals in your game move?",
        (
            Passage(
                _S003,
                "Facing battlefield losses, Russia increasingly targeted civilian infrastructure, killing "
                "civilians and leaving much of the population of places like Kyiv, Odesa and Kherson without "
                "light, heat or water.",
                quoted=False,
            ),
            Passage(
                _S003,
                "In a call with Putin, Chancellor Scholz condemned Russia's airstrikes on civilian infrastructure "
                "and urged him to withdraw his troops.",
                quoted=False,
            ),
        ),
        _rival_compare("DEU", "Germany"),
    ),
    Question(
        "moscow_divisions",
        "An expert on Russia said Russian politicians and media try to exploit every division, real or perceived, "
        "in the transatlantic partnership. Which division did your side work on in the game, and did Washington "
        "close it in time?",
        (
            Passage(
                _S003,
                "A Russia specialist at the US Institute of Peace said that Russian politicians and media exploit "
                "every real or perceived division in the transatlantic partnership.",
                quoted=False,
            ),
        ),
        _rival_compare("FRA", "France"),
    ),
    Question(
        "moscow_channel",
        "A former US ambassador said contacts with Moscow, even when they are not negotiations, help avoid "
        "misunderstanding and miscalculation. What did a working line to Washington mean for your side in the "
        "game, and why might Moscow want one open or closed?",
        (
            Passage(
                _S003,
                "A former US ambassador to Ukraine argued that contacts with Moscow are useful to signal a wish to "
                "de-escalate and to avoid miscalculation, even when they are not negotiations.",
                quoted=False,
            ),
        ),
        _rival_talks,
    ),
)

RIVAL_CURATED: dict[str, tuple[Question, ...]] = {
    "flood_the_zone": _FLOOD_RIVAL,
    "flood_the_zone_ns2_halt": _FLOOD_RIVAL,
    "general_assembly": _FLOOD_RIVAL,
    "isolation_complication": _ISOLATION_RIVAL,
    "the_rational_way": _RATIONAL_RIVAL,
}


def _rival_generated(game: Session, history: Session, n: int, asked: set[str] = frozenset()) -> list[AskedQuestion]:
    """Questions for the rival's player from the game itself: the countries furthest from the historical
    playbook's result (but those in ``asked``), asked from the rival's side."""
    rules = game.rules
    gap = game.state.alignment[0] - history.state.alignment[0]
    rival = rules.labels.actors[game.rival]
    out = []
    order = [int(c) for c in np.argsort(-np.abs(gap), kind="stable") if rules.countries[int(c)] not in asked]
    for c in order[:n]:
        name = rules.labels.countries[c]
        country = game.scenario.country(c)
        toward = "further toward" if gap[c] * rules.actor_sign[game.rival] > 0 else "further from"
        out.append(
            AskedQuestion(
                f"{name} ended {toward} {rival} than with the historical playbook. What did your side and "
                f"{rules.labels.actors[game.player]} do differently there, and what did {name}'s own interests, "
                f"as the sources give them, weigh? Its position: {country.position}",
                tuple(shown_source(s) for s in country.sources[:2]),
                _rival_compare(rules.countries[c], name)(game, history),
            )
        )
    return out


def rival_questions_for(game: Session, history: Session) -> list[AskedQuestion]:
    """The questions for the rival's player of a two-sided game: the scenario's curated ones (or its parent's),
    then one from the game itself (three for a scenario without curated ones).  Empty for a one-sided game."""
    if not game.two_sided:
        return []
    doc = game.scenario.doc
    curated = RIVAL_CURATED.get(doc.id) or RIVAL_CURATED.get(doc.extends or "", ())
    asked = [AskedQuestion(q.prompt, q.passages, q.fact(game, history) if q.fact else None) for q in curated]
    countries = {getattr(q.fact, "country", None) for q in curated} - {None}
    return asked + _rival_generated(game, history, 1 if curated else 3, countries)
