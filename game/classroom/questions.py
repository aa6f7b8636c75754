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
    "isolation_complication": _ISOLATION,
    "the_rational_way": _RATIONAL,
}


def all_curated() -> list[Question]:
    return [q for qs in CURATED.values() for q in qs]


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
