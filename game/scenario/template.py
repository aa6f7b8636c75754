# ruff: noqa: E501 - the template quotes whole seed passages, one to a line, as scenario files do
"""The starting scenario ``python -m game new-scenario NAME`` writes: small, valid, playable and commented.

It is a real scenario (four countries of the winter 2021-22 crisis, citing the game's own seed articles), so
that an author can validate, simulate and calibrate it at once, then change it piece by piece.  The tests
check that it validates with no problem at all and plays to the end.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.assets import AssetError, scenarios_dir

__all__ = ["TEMPLATE", "NewScenarioError", "render", "scenario_id", "schema_reference", "write_new_scenario"]


class NewScenarioError(Exception):
    """The starting scenario was not written; ``usage`` tells a wrong NAME (exit 2) from a file problem (1)."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def scenario_id(name: str) -> str | None:
    """The scenario id for a file name (``My Crisis`` -> ``my_crisis``); None if it cannot make one."""
    ident = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return ident if re.fullmatch(r"[a-z][a-z0-9_]*", ident) else None


def schema_reference(out_dir: Path) -> str:
    """What the first line points editors at: a schema next to the file if there is one, else the game's."""
    if (out_dir / "scenario.schema.json").is_file():
        return "scenario.schema.json"
    try:
        schema = scenarios_dir() / "scenario.schema.json"
    except AssetError:
        return "scenario.schema.json"
    return schema.resolve().as_uri() if schema.is_file() else "scenario.schema.json"


def write_new_scenario(name: str, folder: str | os.PathLike = ".") -> Path:
    """Write ``NAME.yaml`` into ``folder`` (made if missing); never overwrites.  Raises NewScenarioError."""
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    if not stem or "/" in stem or "\\" in stem or os.sep in stem:
        raise NewScenarioError(
            f"NAME is a file name without a folder, like my_crisis, not '{name}' (the folder goes in --out DIR)",
            usage=True,
        )
    if scenario_id(stem) is None:
        raise NewScenarioError(f"NAME must start with a letter, like my_crisis, not '{name}'", usage=True)
    out = Path(folder)
    path = out / f"{stem}.yaml"
    if path.exists():
        raise NewScenarioError(f"{path} already exists and was left as it is; choose another NAME or --out DIR")
    try:
        out.mkdir(parents=True, exist_ok=True)
        text = render(stem, schema_reference(out))
        with open(path, "x", encoding="utf-8") as handle:  # "x": never replace a file made in the meantime
            handle.write(text)
    except FileExistsError:
        raise NewScenarioError(
            f"{path} already exists and was left as it is; choose another NAME or --out DIR"
        ) from None
    except OSError as exc:
        raise NewScenarioError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def render(name: str, schema: str = "scenario.schema.json") -> str:
    ident = scenario_id(name)
    if ident is None:
        raise ValueError(f"cannot make a scenario id from {name!r}: it must start with a letter")
    title = " ".join(word.capitalize() for word in re.split(r"[_\s-]+", name.strip()) if word)
    return TEMPLATE.replace("@SCHEMA@", schema).replace("@ID@", ident).replace("@TITLE@", title)


TEMPLATE = """\
# yaml-language-server: $schema=@SCHEMA@
#
# @TITLE@ - a new scenario for Flood the Zone, written by `python -m game new-scenario`.
#
# It already works: try
#     python -m game validate @ID@.yaml       (lists every problem with its line; this file has none)
#     python -m game simulate @ID@.yaml       (plays one game with the historical playbook)
#     python -m game calibrate @ID@.yaml      (checks the playbook reproduces the documented positions)
# Then change it piece by piece and validate after each change. Every field is described in
# docs/scenario-format.md; docs/writing-a-scenario.md walks through writing a scenario step by step.
#
# Two rules of the game's scenarios:
# - Every position, event and contact cites a SOURCE: a seed article (a text file) and a short passage copied
#   from it. The validator looks for seed files in a folder `seeds/` next to this file, then among the game's
#   own seeds (this starter cites those). To use your own article, save it as seeds/my_article.txt next to
#   this file and list it under `seeds:` below.
# - Numbers the sources do not give (weights, thresholds, budgets) are ours: a comment says INVENTED.
#
# YAML tips: quote text that could read as yes/no ("NO" is Norway; bare NO means false); indent with spaces;
# a key written twice is an error.
format: 2
id: @ID@
title: @TITLE@
subtitle: A starting scenario - change everything
summary: >-
  Russia has massed troops on Ukraine's border. Washington rallies allies and partners before Moscow moves;
  Moscow courts the same capitals. When the crisis resolves, each country's position decides what it commits
  to.
role: >-
  You are the US Secretary of State. Each week you have a few calls and one trip. Spend them on the topics
  each capital cares about, before the Kremlin gets there.
objectives:
  - Keep the United Kingdom and Germany in the coalition.
  - Line up energy help from Kuwait in case Russia cuts Europe's gas.
calendar:
  start: 2022-01-03              # a Monday: the first weekly turn starts here
  weeks: 8                       # one turn a week
  resolves: 2022-02-24           # the day commitments are settled
  resolves_label: Russia launches its full-scale invasion of Ukraine
seeds:                           # the seed articles this scenario cites (files in seeds/)
  - 000_966678d371abad6d.txt

player: USA                      # the side the player plays
rival: RUS                       # the side the game plays

actors:
  USA:
    name: Washington
    principal: Secretary of State Antony Blinken
    sign: 1                      # +1 pulls countries toward Washington (alignment +100)
    power: 11                    # INVENTED: alignment points one call moves at full interest, half room
    calls: 5                     # INVENTED: calls a week
    visits: 1                    # INVENTED: trips a week
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "There have been dozens, at this point possibly hundreds, of engagements on both bilateral and multilateral levels."
  RUS:
    name: Moscow
    principal: President Putin
    sign: -1                     # -1 pulls countries toward Moscow (alignment -100)
    power: 11                    # INVENTED
    calls: 3                     # INVENTED
    visits: 1                    # INVENTED
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "Russia, too, is making the rounds."

deputies:                        # officials who place extra calls for a side
  sherman:
    name: Wendy Sherman
    actor: USA
    title: Deputy Secretary of State
    specialty: security          # calls on this topic get a bonus
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "Among the busiest has been Deputy Secretary of State Wendy Sherman"

# What a contact can be about. `leverage`: what each side can offer on the topic (INVENTED, 0..3; a side
# without leverage cannot raise the topic). Each country says how much it cares in its `interests`.
topics:
  security:
    name: Security and deterrence
    description: NATO's collective defence and the forces on the eastern flank.
    leverage: {USA: 1.2, RUS: 0.5}
  energy_supply:
    name: Energy supply
    description: Gas and oil for Europe if Russia cuts the flow - or Russian gas itself.
    leverage: {USA: 0.9, RUS: 1.3}
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "Chatting with the UAE and Kuwait — both major energy producers — signals to Russia that Washington has a plan for what happens if Moscow cuts off Europe’s gas."
  dialogue:
    name: Dialogue
    description: Talks and a diplomatic way out.
    leverage: {USA: 0.6, RUS: 1.0}
default_interest: 0.3            # INVENTED: interest in a topic a country does not list

# Ties set a country's structural position, where it drifts back to when neglected:
# anchor = anchor_offset + sum of (tie strength 0..1 x the kind's weight). Weights INVENTED.
tie_kinds:
  us_alliance:
    name: Alliance with the United States
    weight: 50
  russia_energy:
    name: Dependence on Russian energy
    weight: -30

regions:                         # a trip visits capitals of one region
  europe: {name: Europe}
  middle_east: {name: Middle East}
  asia: {name: Asia and the Pacific}

groups:                          # a group call reaches every member; members pull each other along
  G7:
    name: G7 partners
    members: [GBR, DEU, JPN]
    conveners: [USA]             # who may call the group
    spill: 0.6                   # INVENTED

# The countries to win over, by ISO 3166-1 alpha-3 code. Alignment runs from -100 (with Moscow) to +100
# (with Washington). Start alignments, ties, interests and weights are INVENTED numbers that express the
# position the sources document.
countries:
  GBR:
    name: United Kingdom
    region: europe
    alignment: 70
    position: Publicly aligned with Washington; sends weapons to Ukraine.
    documented: firmly with Washington    # what `calibrate` must reproduce (see calibration: below)
    ties: {us_alliance: 1.0}
    interests: {security: 1.3, dialogue: 0.2}
    weight: 3                    # INVENTED: how much its commitments count in the score
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "the United Kingdom has been public about its alignment with the U.S. position"
        supports: [alignment]
  DEU:
    name: Germany
    region: europe
    alignment: 22
    position: An ally weighing its economic ties to Russia; squeamish about coming down hard on the Kremlin.
    ties: {us_alliance: 0.8, russia_energy: 0.8}
    anchor_offset: 36            # INVENTED: moves its structural position
    interests: {energy_supply: 1.6, security: 0.8, dialogue: 1.0}
    weight: 3
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "Germany, which has long pushed for the Nord Stream 2 project, appears squeamish at times about coming down too hard on the Kremlin."
        supports: [alignment, ties]
  KWT:
    name: Kuwait
    region: middle_east
    alignment: 10
    position: A major energy producer Washington asks to help if Russia cuts Europe's gas.
    ties: {us_alliance: 0.4}
    interests: {energy_supply: 1.3, security: 0.5}
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "Chatting with the UAE and Kuwait — both major energy producers — signals to Russia that Washington has a plan for what happens if Moscow cuts off Europe’s gas."
        supports: [interests, energy_help]
  JPN:
    name: Japan
    region: asia
    alignment: 40
    position: A treaty ally committed to deterring Russia, noncommittal on sanctions.
    ties: {us_alliance: 1.0, russia_energy: 0.2}
    interests: {security: 1.2, energy_supply: 0.7}
    weight: 2
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "Japan’s relationship with Russia — with which it has some lingeringterritorial disputes — has been cooling off in recent years"
        supports: [alignment]

dynamics:                        # the numbers of the rules, all INVENTED and tunable
  kind_strength: {call: 1.0, visit: 2.2, deputy_call: 0.5, multilateral: 0.4}   # strength of each kind of contact
  visit_travel_calls: 2          # a trip costs two calls' worth of the week in travel
  visit_max_stops: 3             # capitals one trip may chain
  visit_stop_decay: 0.8          # each further stop of a trip counts this much of the one before
  deputy_specialty_bonus: 1.6    # a deputy calling on their specialty
  room_exponent: 1.0             # how sharply contacts lose effect near the end of the scale
  noise_sigma: 0.45              # luck of a contact
  fatigue_k: 0.55                # repeated contacts with one capital lose effect
  fatigue_decay: 0.5             # share of recent contacts still remembered the next week
  drift_rate: 0.12               # share of the gap to the structural position closed each week
  drift_in_touch: 0.35           # share of that drift that runs even when a country is kept in touch
  neglect_weeks: 3               # weeks without contact before drift runs at full rate
  spill_rate: 0.06               # share of the gap to group peers closed each week

# On the day the crisis resolves, each country's alignment climbs a ladder: abstain or vote yes at the UN,
# join sanctions, send arms, and (energy producers only) help replace Russian energy.
commitments:
  description: Each country's alignment on 24 February decides what it commits to.
  rungs:                         # the ladder, cheapest first; lines (threshold) and points INVENTED
    - id: un_vote
      name: UN vote
      meaning: how it votes on a General Assembly resolution condemning the invasion
      options:                   # a vote: options worst first; the first needs no line
        - {id: 'no', label: votes against}
        - {id: abstain, label: abstains, threshold: -40, points: 0.3}
        - {id: 'yes', label: votes yes, threshold: 0, points: 1}
    - id: sanctions              # a pledge: made at its line, or not
      name: Sanctions
      meaning: whether it joins coordinated sanctions
      threshold: 35
      points: 2
      made: sanctions
      not_made: no sanctions
      # bloc: {group: EU, rule: unanimity}   # a group whose members decide it together
    - id: arms
      name: Arms
      meaning: whether it sends weapons
      threshold: 55
      points: 1.5
      made: sends arms
      not_made: no arms
    - id: energy_help
      name: Energy help
      meaning: whether it helps replace Russian energy
      threshold: 10
      points: 2
      made: helps
      not_made: no help
      open_to: [KWT]             # only the producers (a country's own `thresholds:` opens a rung too)
  tiers:                         # INVENTED: outcomes by score (0..100); one must start at 0
    - name: United front
      min_score: 60
      description: Allies and producers stand together.
    - name: Divided West
      min_score: 0
      description: Too few follow Washington's lead.

events:
  - id: biden_kishida_meeting
    date: 2022-01-21             # the seed says "last week": the date is our choice
    headline: Biden and Kishida commit to deter Russian aggression
    effects:                     # effects and conditions: docs/scenario-format.md#effects
      - shift: {countries: [JPN], by: 6}          # INVENTED size
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "committed to work closely together to deter Russian aggression against Ukraine."

# What each side really did, replayed by the historical policy (`simulate --policy historical`).
playbooks:
  USA:
    documented:                  # dated contacts the sources report
      - date: 2022-01-10
        kind: deputy_call        # call, visit, deputy_call or multilateral (a group call)
        deputy: sherman
        to: DEU
        topic: security
        who: Deputy Secretary Sherman
        sources:
          - seed: 000_966678d371abad6d.txt
            passage: "who took a lead role in a series of talks involving Russia, the U.S. and European and NATO countries the week of Jan. 10"
    outreach:                    # fills the rest of each week, in rotation
      - to: KWT
        topic: energy_supply
      - to: DEU
        topic: energy_supply
      - to: JPN
        topic: security
  RUS:
    outreach:
      - to: DEU
        topic: energy_supply
        sources:
          - seed: 000_966678d371abad6d.txt
            passage: "Even America’s traditional allies, like Germany, are weighing their economic ties to Russia"

# Documented positions the historical playbook must reproduce: python -m game calibrate @ID@.yaml
calibration:
  runs: 100
  checks:
    - id: uk_firmly_with_washington
      claim: firmly with Washington
      country: GBR
      min: 40                    # INVENTED band on the mean final alignment over the runs
      commitments: {sanctions: {min: 0.9}}
      sources:
        - seed: 000_966678d371abad6d.txt
          passage: "the United Kingdom has been public about its alignment with the U.S. position"
"""
