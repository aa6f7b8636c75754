"""What the scenario models do not say about themselves, for the generated format reference (reference.py):
a meaning for fields without a description, an example value for every field (each checked against its
field by the tests), and an introduction to each section.  Kept apart from the generator because it is
prose an author edits, not code."""

from __future__ import annotations

import datetime as dt
from typing import Any

_SEED_000 = "000_966678d371abad6d.txt"
_SEED_004 = "004_955fe242cd342df8.txt"
_SOURCE = {
    "seed": _SEED_000,
    "passage": "Germany, which has long pushed for the Nord Stream 2 project, appears squeamish at times about "
    "coming down too hard on the Kremlin.",
}

# A meaning for the fields whose model gives no description: (model, field) first, then the field name alone.
MEANINGS: dict[tuple[str, str] | str, str] = {
    "name": "the name shown in the game",
    "description": "a sentence or two shown in the game",
    "sources": "the seed passages these values rest on",
    ("Scenario", "id"): "the scenario's id: lower case, used on the command line and in saves",
    ("Scenario", "title"): "the title shown in the scenario list",
    ("Scenario", "subtitle"): "a line under the title",
    ("Scenario", "summary"): "the briefing: what the crisis is about",
    ("Scenario", "calendar"): "when the crisis runs",
    ("Scenario", "player"): "the actor code of the player's side",
    ("Scenario", "rival"): "the actor code of the other side, played by the game",
    ("Scenario", "objectives"): "the player's objectives, one per item, shown in the briefing",
    ("Scenario", "actors"): "the two sides, by actor code (e.g. USA, RUS)",
    ("Scenario", "deputies"): "officials who place deputy calls for a side, by id",
    ("Scenario", "topics"): "what a contact can be about, by id",
    ("Scenario", "tie_kinds"): "the kinds of tie that set a country's structural position, by id",
    ("Scenario", "tracks"): "quantities of the whole crisis (0..100), by id; most scenarios have none",
    ("Scenario", "regions"): "regions, by id; a trip visits capitals of one region",
    ("Scenario", "groups"): "groups of countries, by id: a group call reaches all members, and members pull "
    "each other along",
    ("Scenario", "countries"): "the countries to win over, by ISO 3166-1 alpha-3 code",
    ("Scenario", "dynamics"): "the numbers of the rules (all invented and tunable)",
    ("Scenario", "commitments"): "how the end of the crisis is scored",
    ("Scenario", "events"): "dated and triggered events",
    ("Scenario", "playbooks"): "what each side really did, by actor code (for the historical policy)",
    ("Scenario", "calibration"): "documented positions the historical playbook must reproduce",
    ("Deputy", "actor"): "the side the deputy works for",
    ("Country", "region"): "the region's id (from `regions:`)",
    ("Group", "members"): "the member countries' codes",
    ("Calibration", "first_seed"): "seed of the first game; the others follow",
    ("Calibration", "checks"): "the documented positions to reproduce",
    ("Outreach", "to"): "the country worked",
    ("Deputy", "specialty"): "the topic id this deputy is strongest on (a bonus when calling on it)",
    ("Deputy", "title"): "the deputy's office, e.g. Deputy Secretary of State",
    ("Region", "name"): "the region's name",
    ("KindStrength", "call"): "strength of a call (1 is the unit: the others are relative to it)",
    ("KindStrength", "visit"): "strength of one stop of a trip",
    ("KindStrength", "deputy_call"): "strength of a call placed by a deputy",
    ("KindStrength", "multilateral"): "strength of a group call, for each member",
    ("Dynamics", "kind_strength"): "how strong each kind of contact is",
    ("Dynamics", "visit_max_stops"): "capitals one trip may chain",
    ("Dynamics", "deputy_specialty_bonus"): "multiplier for a deputy calling on their specialty topic",
    ("Track", "start"): "level at the start",
    ("RungOption", "id"): "the option's id, e.g. yes (quote yes and no in YAML: 'yes')",
    ("Rung", "id"): "the rung's id: reports, `simulate --json`, calibration checks and events name it",
    ("Tier", "name"): "the outcome's name, e.g. United West",
    ("Tier", "min_score"): "lowest score (0..100) that reaches this outcome",
    ("Tier", "description"): "what the outcome means, shown in the debrief",
    ("CommitmentRules", "description"): "how the crisis resolves, shown in the briefing",
    ("CommitmentRules", "tiers"): "the outcomes by score; one must have min_score 0",
    ("Event", "id"): "the event's id, unique in the scenario (conditions and `extends` refer to it)",
    ("RealOutcomes", "outcomes"): "what each country did, one entry per country and rung",
    ("RealOutcomes", "totals"): "a vote's real tally among the scenario's countries, checked against the runs",
    ("Event", "headline"): "the news headline shown when it happens",
    ("Event", "body"): "a sentence or two under the headline",
    ("Event", "effects"): "what happens, in order: a list of effects (see Effects)",
    ("Escalation", "body"): "a sentence or two under the headline",
    ("Inject", "id"): "the inject's id, unique among the events, escalations and injects (saves and the teacher's "
    "page name it)",
    ("Inject", "effects"): "what it does, in order: a list of effects (see Effects), at most 12",
    ("Inject", "public_sources"): "public records beyond the seed articles, for a fact the seeds do not report",
    ("Promise", "public_sources"): "public records beyond the seed articles, for a pledge the seeds do not report",
    ("Escalation", "public_sources"): "public records beyond the seed articles, for a move the seeds do not report",
    ("PlaybookEntry", "date"): "the day of the contact; it is replayed in that week",
    ("PlaybookEntry", "kind"): "call, visit (a trip), deputy_call, multilateral (a group call) or engage "
    "(a contact with the other side)",
    ("PlaybookEntry", "topic"): "the topic raised",
    ("PlaybookEntry", "deputy"): "the deputy who placed it (deputy_call, engage)",
    ("Outreach", "topic"): "the topic raised",
    ("Playbook", "documented"): "dated contacts the sources report",
    ("ShareBand", "min"): "lowest share of runs (0..1)",
    ("ShareBand", "max"): "highest share of runs (0..1)",
    ("CalibrationCheck", "id"): "the check's id",
    ("CalibrationCheck", "country"): "the country whose position is checked",
    ("RealOutcome", "country"): "the country",
    ("RealOutcome", "rung"): "the rung of the commitment ladder (its id)",
    ("RealOutcome", "sources"): "the public records it rests on",
    ("RealTotal", "rung"): "the vote's rung id",
    ("RealTotal", "sources"): "the public records of the tally",
    ("RealTotal", "what"): "the tally in words",
    ("Source", "seed"): "the seed article's file name, listed in the scenario's `seeds:`",
}

_ALIGN_EXAMPLES = {"alignment_below": {"country": "UKR", "value": 55}}

# An example value for every field; a field typed by another model may instead say "see" that model.
EXAMPLES: dict[str, dict[str, Any]] = {
    "Scenario": {
        "format": 2,
        "extends": "flood_the_zone",
        "id": "flood_the_zone",
        "title": "Flood the Zone",
        "subtitle": "Winter 2021-22, before the invasion",
        "summary": "Russia has massed some 100,000 troops on Ukraine's border. Washington answers with a "
        '"go everywhere" diplomatic offensive.',
        "role": "You are the US Secretary of State.",
        "objectives": ["Hold the allies together", "Line up energy help from the producers"],
        "seeds": [_SEED_000, _SEED_004],
        "player": "USA",
        "rival": "RUS",
        "default_interest": 0.3,
    },
    "Source": {**_SOURCE, "note": "why the start alignment is low for an ally", "supports": ["alignment", "ties"]},
    "Calendar": {
        "start": dt.date(2021, 11, 29),
        "weeks": 13,
        "resolves": dt.date(2022, 2, 24),
        "resolves_label": "Russia launches its full-scale invasion of Ukraine",
    },
    "Actor": {
        "name": "Washington",
        "engage": False,
        "principal": "Secretary of State Antony Blinken",
        "sign": 1,
        "power": 11,
        "calls": 6,
        "visits": 1,
        "sources": [
            {
                "seed": _SEED_000,
                "passage": "There have been dozens, at this point possibly hundreds, of engagements on both "
                "bilateral and multilateral levels.",
            }
        ],
    },
    "Deputy": {
        "name": "Wendy Sherman",
        "actor": "USA",
        "title": "Deputy Secretary of State",
        "specialty": "security_guarantees",
        "sources": [
            {
                "seed": _SEED_000,
                "passage": "Among the busiest has been Deputy Secretary of State Wendy Sherman",
            }
        ],
    },
    "Topic": {
        "name": "Energy supply",
        "description": "Gas and oil for Europe if Russia cuts the flow - or Russian gas itself.",
        "leverage": {"USA": 0.9, "RUS": 1.3},
        "tracks": {"channel": 5},
        "sources": [
            {
                "seed": _SEED_000,
                "passage": "Chatting with the UAE and Kuwait — both major energy producers — signals to Russia "
                "that Washington has a plan",
            }
        ],
    },
    "Track": {
        "name": "A channel to Moscow",
        "description": "Whether the two sides still talk.",
        "start": 20,
        "decay": 0.1,
        "goal": 50,
        "points": 5,
        "outcome": "a working channel to Moscow at the end of the crisis",
        "sources": [_SOURCE],
    },
    "TieKind": {"name": "Dependence on Russian energy", "weight": -30, "description": "gas, oil and coal"},
    "Region": {"name": "Western Europe"},
    "Group": {
        "name": "Bucharest Nine",
        "members": ["POL", "ROU", "BGR", "CZE", "SVK", "HUN", "EST", "LVA", "LTU"],
        "conveners": ["USA"],
        "spill": 1.0,
        "description": "The eastern flank NATO allies.",
        "sources": [{"seed": _SEED_004, "passage": "Bucharest Nine"}],
        "public_sources": [{"publisher": "NATO", "url": "https://www.nato.int/cps/en/natohq/topics_52044.htm"}],
    },
    "Country": {
        "name": "Germany",
        "region": "western_europe",
        "alignment": 22,
        "position": "An ally that long pushed Nord Stream 2 and weighs its economic ties to Russia.",
        "ties": {"us_alliance": 0.8, "russia_energy": 0.8},
        "anchor_offset": 36,
        "interests": {"energy_supply": 1.6, "sanctions": 0.4, "dialogue": 1.0},
        "mobility": 1.0,
        "volatility": 1.0,
        "weight": 3,
        "thresholds": {"arms": 70, "un_vote": {"yes": 5}},
        "added": False,
        "engage_reaction": -2,
        "documented": "hesitant early, in the coalition at the end",
        "sources": [{**_SOURCE, "supports": ["alignment", "ties"]}],
        "public_sources": [{"publisher": "United Nations", "url": "https://press.un.org/en/2022/ga12407.doc.htm"}],
    },
    "KindStrength": {"call": 1.0, "visit": 2.2, "deputy_call": 0.5, "multilateral": 0.4},
    "Dynamics": {
        "kind_strength": {"call": 1.0, "visit": 2.2, "deputy_call": 0.5, "multilateral": 0.4},
        "visit_travel_calls": 2,
        "visit_max_stops": 3,
        "visit_stop_decay": 0.8,
        "deputy_specialty_bonus": 1.6,
        "room_exponent": 1.0,
        "noise_sigma": 0.45,
        "fatigue_k": 0.55,
        "fatigue_decay": 0.5,
        "drift_rate": 0.12,
        "drift_in_touch": 0.35,
        "neglect_weeks": 3,
        "spill_rate": 0.06,
        "group_fatigue_k": 2.0,
        "promise_limit": 3,
    },
    "PromiseKeeping": {"within": 3, "topic": "energy_supply", "at": ["GULF"]},
    "PromiseBroken": {"shift": 5, "mistrust": 0.4, "weeks": 3},
    "Promise": {
        "id": "gas_for_europe",
        "by": "USA",
        "name": "gas deliveries if Moscow cuts supply",
        "description": "the capitals that burn Russian gas are told Washington is lining up other suppliers",
        "topics": ["energy_supply"],
        "to": ["DEU", "ITA"],
        "boost": 0.5,
        "keep": {"within": 3, "topic": "energy_supply", "at": ["GULF"]},
        "kept": 1.0,
        "broken": {"shift": 5, "mistrust": 0.4, "weeks": 3},
        "sources": [
            {
                "seed": _SEED_004,
                "passage": "US finalizing plans to divert gas to Europe if Russia cuts off supply",
                "supports": ["promises"],
            }
        ],
        "public_sources": [],
    },
    "Echo": {
        "topic": "sanctions",
        "pressed_in": ["DEU"],
        "heard_in": {"ITA": -0.25, "HUN": -0.3},
        "description": "the talk of cutting Russia off faded amid other Europeans' concerns",
        "sources": [
            {
                "seed": "000_966678d371abad6d.txt",
                "passage": "appears to have faded amid reported concerns from some European countries",
                "supports": ["echoes"],
            }
        ],
    },
    "Tier": {"name": "United West", "min_score": 53, "description": "The allies hold firm."},
    "RungOption": {"id": "abstain", "label": "abstains", "threshold": -40, "points": 0.3},
    "BlocSpec": {"group": "EU", "rule": "unanimity", "quota": 0.55, "leader": None},
    "Rung": {
        "id": "sanctions",
        "name": "Sanctions",
        "meaning": "whether it joins coordinated sanctions",
        "options": None,
        "threshold": 35,
        "points": 2,
        "made": "sanctions",
        "not_made": "no sanctions",
        "open_to": None,
        "bloc": {"group": "EU", "rule": "unanimity"},
        "sources": [],
    },
    "CommitmentRules": {
        "description": "On 24 February 2022 each country's alignment decides what it commits to.",
        "rungs": [
            {
                "id": "un_vote",
                "name": "UN vote",
                "options": [
                    {"id": "no", "label": "votes against"},
                    {"id": "abstain", "label": "abstains", "threshold": -40, "points": 0.3},
                    {"id": "yes", "label": "votes yes", "threshold": 0, "points": 1},
                ],
            },
            {"id": "sanctions", "name": "Sanctions", "threshold": 35, "points": 2},
        ],
        "tiers": [
            {"name": "United West", "min_score": 53},
            {"name": "Isolated Washington", "min_score": 0},
        ],
    },
    "Event": {
        "id": "kyiv_loses_faith",
        "date": dt.date(2022, 1, 19),
        "headline": "Kyiv questions Washington's resolve",
        "body": "The eastern flank allies wonder how firm the U.S. will be.",
        "when": [_ALIGN_EXAMPLES],
        "effects": [{"shift": {"countries": ["B9"], "by": -4}}],
        "sources": [{"seed": _SEED_004, "passage": "minor incursion"}],
        "invented": True,
    },
    "Escalation": {
        "id": "gas_squeeze",
        "by": "RUS",
        "headline": "Moscow squeezes gas to Europe",
        "body": "Gazprom cuts flows; the capitals that burn Russian gas count the cost.",
        "earliest": dt.date(2021, 12, 6),
        "history": None,
        "when": [],
        "effects": [
            {"shift": {"countries": ["DEU", "ITA", "HUN"], "by": -4}},
            {"move_line": {"countries": ["DEU"], "rung": "sanctions", "by": 2}},
            {"shift": {"countries": ["POL", "EST"], "by": 5}},
        ],
        "sources": [{"seed": "000_966678d371abad6d.txt", "passage": "if Moscow cuts off Europe"}],
        "invented": True,
    },
    "Inject": {
        "id": "zagreb_mixed_signals",
        "headline": "What if: mixed signals from Zagreb grew louder",
        "body": "In January 2022 POLITICO noted mixed messaging from Croatia. Suppose it grew louder this week.",
        "note": "Tests whether students notice a wavering ally.",
        "effects": [
            {"shift": {"countries": ["HRV"], "by": -6}},
            {"move_line": {"countries": ["HRV"], "rung": "sanctions", "by": 4}},
        ],
        "sources": [{"seed": "000_966678d371abad6d.txt", "passage": "as in the case of Croatia"}],
    },
    "PlaybookEntry": {
        "date": dt.date(2022, 1, 18),
        "kind": "deputy_call",
        "to": "IND",
        "topic": "china",
        "deputy": "sherman",
        "who": "Deputy Secretary Sherman",
        "sources": [{"seed": _SEED_000, "passage": "Sherman"}],
    },
    "Outreach": {"to": "DEU", "topic": "energy_supply", "sources": [_SOURCE]},
    "Playbook": {
        "documented": [
            {"date": dt.date(2022, 1, 5), "kind": "call", "to": "BRA", "topic": "sovereignty", "who": "Blinken"}
        ],
        "outreach": [{"to": "DEU", "topic": "energy_supply"}, {"to": "KWT", "topic": "energy_supply"}],
    },
    "ShareBand": {"min": 0.6, "max": 1.0},
    "CalibrationCheck": {
        "id": "germany_hesitant_early",
        "claim": "hesitant in January (Nord Stream 2, energy ties)",
        "country": "DEU",
        "week": 8,
        "min": -10,
        "max": 33,
        "above": "HUN",
        "below": "FRA",
        "commitments": {"sanctions": {"min": 0.6}},
        "sources": [_SOURCE],
    },
    "Calibration": {
        "runs": 200,
        "first_seed": 1,
        "checks": [{"id": "uk_firmly_with_washington", "claim": "firmly with Washington", "country": "GBR", "min": 60}],
    },
    "TeacherSettings": {"difficulty": "hard", "noise": "calm", "turns": 6, "fog": True, "two_sided": False},
    "TutorialStep": {
        "title": "Open Germany's dossier",
        "text": "Click Germany on the map or in the list on the right. Its dossier shows where it stands and what "
        "it cares about.",
        "do": {"select_country": "DEU"},
        "screen": "map",
        "week": 1,
    },
    # Each field alone is an example: a pick names exactly one thing (so no YAML block is shown for the model).
    "TutorialPick": {"select_country": "DEU", "choose_kind": "call", "choose_topic": "energy_supply"},
}

_VOTE_SOURCE = {
    "publisher": "The London Economic",
    "url": "https://www.thelondoneconomic.com/news/countries-vote-motion-condemning-russias-invasion-ukraine-314563/",
    "date": dt.date(2022, 3, 3),
}
EXAMPLES.update(
    {
        "PublicSource": {
            "title": "Australia joins US, Europe in imposing sanctions on Russia",
            "publisher": "The Canberra Times",
            "url": "https://www.canberratimes.com.au/story/7631999/australia-joins-us-europe-in-imposing-sanctions-on-russia/",
            "date": dt.date(2022, 2, 23),
            "id": "7631999",
        },
        "RealOutcome": {
            "country": "IND",
            "rung": "un_vote",
            "option": "abstain",
            "made": None,
            "what": "abstained on resolution ES-11/1",
            "date": dt.date(2022, 3, 2),
            "confidence": "high",
            "sources": [_VOTE_SOURCE],
        },
        "RealTotal": {
            "rung": "un_vote",
            "counts": {"yes": 26, "abstain": 2, "no": 0},
            "tolerance": 1.0,
            "what": "among these 28 countries, only India and China abstained",
            "sources": [_VOTE_SOURCE],
        },
        "RealOutcomes": {
            "as_of": dt.date(2022, 4, 30),
            "description": "the UN vote of 2 March 2022, sanctions by the end of March, arms by April",
            "votes_share": 0.95,
            "others_share": 0.9,
            "outcomes": [],
            "totals": [],
        },
    }
)

# Models whose example is a list of valid cells but not one valid value as a whole: no YAML block.
NO_BLOCK = {"Scenario", "TutorialPick"}

# A more telling example for the table than the one in its model's example (which must make sense as a whole).
CELL_EXAMPLES: dict[tuple[str, str], Any] = {
    ("Country", "thresholds"): {"sanctions": None, "un_vote": {"yes": 10}, "arms": 70},
    ("Rung", "options"): [{"id": "no", "label": "votes against"}, {"id": "yes", "label": "votes yes", "threshold": 0}],
    ("Rung", "open_to"): ["GULF", "BRA"],
}

# What a section is about, for models without a docstring.
INTROS: dict[str, str] = {
    "Scenario": "The top level of the file.",
    "Calendar": "When the crisis runs: weekly turns from `start`, resolving on `resolves`.",
    "Actor": "One of the two sides (`actors:`, keyed by a three-letter code such as USA or RUS).",
    "Deputy": "An official who places deputy calls for a side (`deputies:`, keyed by an id).",
    "Topic": "What a contact is about (`topics:`, keyed by an id). A side can raise a topic only if it has "
    "leverage on it; a country answers a topic as strongly as its interest in it.",
    "TieKind": "A kind of tie (`tie_kinds:`, keyed by an id): a country's ties set its structural position.",
    "Region": "A region (`regions:`, keyed by an id). A trip chains capitals of one region.",
    "Group": "A group of countries (`groups:`, keyed by an id such as B9 or NATO).",
    "Country": "A country to win over (`countries:`, keyed by its ISO 3166-1 alpha-3 code, e.g. DEU).",
    "KindStrength": "How strong each kind of contact is, relative to a call.",
    "Dynamics": "The numbers of the rules. None of them comes from the sources: label them INVENTED.",
    "Tier": "An outcome of the crisis, reached from a minimum score.",
    "CommitmentRules": "How the crisis resolves: the ladder of commitments, its points and the outcomes.",
    "Event": "Something that happens: on a date, or as soon as its conditions hold. It happens at most once a "
    "game. Its conditions and effects are listed under [Conditions](#conditions) and [Effects](#effects).",
    "Playbook": "What one side really did (`playbooks:`, keyed by actor code), replayed by the historical policy.",
    "ShareBand": "A band on the share of runs (0..1) in which a country makes a commitment.",
    "RealOutcomes": "What really happened after the crisis's end (`real_outcomes:`), beyond the articles: each "
    "fact with a public source. `python -m game calibrate SCENARIO` prints it against the historical playbook.",
    "RealOutcome": "What one country really did on one rung: a vote's `option`, or whether a pledge was `made`.",
    "RealTotal": "A vote's real tally among the scenario's countries, checked against the runs' mean count.",
    "PublicSource": "A public record beyond the seed articles, with its address.",
    "Calibration": "The documented positions the historical playbook must reproduce "
    "(`python -m game calibrate SCENARIO`).",
    "TutorialStep": "One card of a guided tutorial (`tutorial:`, a list in the order the cards are shown). What "
    "`do` can wait for, and how the cards keep pace with the game, is under [Tutorial steps](#tutorial-steps).",
}
