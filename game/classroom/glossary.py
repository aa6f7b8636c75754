"""The short glossary of the student sheet: the game's own terms, then the crisis's terms the scenario uses.

A crisis term is printed only when the scenario's own text (its summary, role, objectives, topics, groups,
commitments and dossiers) names it, so each handout explains what its students will read and nothing else.
Definitions are plain, documented facts; none claims more than the public record."""

from __future__ import annotations

import re

# (term, definition): always printed, in this order.  {rival} and {player} are the scenario's sides.
GAME_TERMS: tuple[tuple[str, str], ...] = (
    (
        "Standing",
        "where a country leans (the game's alignment, −100 with {rival} to +100 with {player}); contacts, news "
        "and the other side move it week by week",
    ),
    ("Commitment", "what a country does at the end because of where it stands: a vote, sanctions, arms, energy"),
    ("Call", "one contact with one capital about one topic; your calls each week are limited"),
    ("Trip", "a visit in person to one or more capitals of a region: stronger than a call, but it costs travel time"),
    ("Deputy", "an official who makes one call a week for you, best on their own topic"),
    ("Convene", "one call that reaches every member of a group at once, a little weaker for each"),
    ("Topic", "what a contact is about; a country listens to some topics and not to others"),
    ("Ties", "what binds a country to a side (an alliance, gas, trade, arms); ties pull it back over time"),
    ("History's weeks", "weeks played before you take over, as the real crisis went"),
    ("Why it moved", "the game's record of every change of standing and its causes, shown in the report"),
)

# (term, pattern that finds it in the scenario's text, definition)
CRISIS_TERMS: tuple[tuple[str, str, str], ...] = (
    (
        "NATO",
        r"\bNATO\b",
        "the North Atlantic Treaty Organization, the Western military alliance; Ukraine is not a member",
    ),
    ("EU", r"\bEU\b|European Union", "the European Union; its sanctions need the agreement of every member state"),
    ("G7", r"\bG7\b", "the group of seven large economies: the US, Canada, the UK, France, Germany, Italy and Japan"),
    ("G20", r"\bG20\b", "the group of twenty large economies, Russia, China and India among them"),
    (
        "OSCE",
        r"\bOSCE\b",
        "the Organization for Security and Co-operation in Europe, where Russia and the West both sit",
    ),
    (
        "Bucharest Nine",
        r"Bucharest Nine|\bB9\b",
        "the NATO members on the alliance's eastern flank, from Estonia to Bulgaria",
    ),
    ("The Quad", r"\bQuad\b", "the United States, Japan, India and Australia, a partnership in the Indo-Pacific"),
    ("ASEAN", r"\bASEAN\b", "the Association of Southeast Asian Nations"),
    (
        "UN General Assembly",
        r"General Assembly|\bUN vote\b|at the UN\b",
        "where every member of the United Nations votes; its resolutions are not binding but show who stands where",
    ),
    ("Sanctions", r"sanction", "penalties on a country's banks, trade or leaders, meant to raise the cost of its acts"),
    (
        "Nord Stream 2",
        r"Nord Stream",
        "a gas pipeline from Russia to Germany under the Baltic Sea, completed in 2021 and never put into service",
    ),
    (
        "Donbas",
        r"Donbas|Donetsk|Luhansk",
        "Ukraine's eastern Donetsk and Luhansk regions, where Russian-backed forces have fought since 2014",
    ),
    ("Minsk agreements", r"\bMinsk\b", "the 2014-2015 ceasefire deals for eastern Ukraine, never fully carried out"),
    (
        "Crimea",
        r"\bCrimea",
        "the Ukrainian peninsula Russia annexed in 2014, an annexation most states do not recognise",
    ),
    (
        "Grain corridor",
        r"grain",
        "talks, brokered by Turkey and the UN, to let Ukraine ship grain across the Black Sea",
    ),
    ("New START", r"New START", "the last treaty limiting US and Russian strategic nuclear weapons"),
    (
        "Inflation Reduction Act",
        r"Inflation Reduction|subsid",
        "a 2022 US law with subsidies for clean energy that European allies said would draw industry from Europe",
    ),
    ("OPEC+", r"OPEC", "the oil producers' group that sets output together with Russia"),
)


def scenario_text(doc) -> str:
    """Every text of the scenario a student will meet on paper or in the window."""
    parts = [doc.title, doc.subtitle or "", doc.summary, doc.role, *doc.objectives]
    parts += [t.name + " " + t.description for t in doc.topics.values()]
    parts += [g.name for g in doc.groups.values()]
    parts += [r.name + " " + r.meaning for r in doc.commitments.rungs]
    parts += [c.position for c in doc.countries.values()]
    return "\n".join(parts)


def glossary(doc) -> list[tuple[str, str]]:
    """(term, definition) for the scenario: the game's terms, then the crisis terms its text uses."""
    player, rival = doc.actors[doc.player].name, doc.actors[doc.rival].name
    entries = [(term, text.format(player=player, rival=rival)) for term, text in GAME_TERMS]
    text = scenario_text(doc)
    entries += [(term, meaning) for term, pattern, meaning in CRISIS_TERMS if re.search(pattern, text)]
    return entries
