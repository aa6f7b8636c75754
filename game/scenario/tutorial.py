"""A scenario's guided tutorial: what each step can wait for, the checks of a `tutorial:` section, and its
compiled form for the window.

The words for each condition live here once: the validator's messages, the format reference and the window's
card all read them.  The window matches a step against what the player does by the same ids its controls use
(``country:DEU``, ``kind:call``, ``topic:energy_supply``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import get_args

from . import models as m

__all__ = ["ACTIONS", "PICKS", "SCREENS", "TutorialStep", "check_tutorial", "compile_tutorial", "default_screen"]

SCREENS = ("map", "report", "debrief")


@dataclass(frozen=True)
class Condition:
    screens: tuple[str, ...]  # where it can be done; the first is the default screen of a step that waits for it
    words: str  # what the player does, for the reference and the validator


ACTIONS: dict[str, Condition] = {
    "zoom_europe": Condition(("map",), "shows Europe on the map (the Europe button, or E)"),
    "zoom_world": Condition(("map",), "shows the whole world on the map (the World button, or W)"),
    "open_country_list": Condition(("map",), "opens the country list (the Countries tab, or L)"),
    "add_order": Condition(("map",), "queues an order from a dossier (Add, or Enter)"),
    "attach_promise": Condition(
        ("map",), "attaches a promise to the call or visit being drafted (a promise's chip in a dossier, or K)"
    ),
    "undo_order": Condition(("map",), "takes an order back (its ×, Ctrl+Z or Backspace, or Clear all)"),
    "end_turn": Condition(("map",), "ends the week (End week, or Space)"),
    "next_week": Condition(("report",), "leaves a week's report for the next week (On to week N, or Enter)"),
    "open_report": Condition(
        ("debrief", "map"), "opens a week's report (a week's button on the debrief; on the map, ending the week)"
    ),
    "open_help": Condition(("map", "report", "debrief"), "opens the help (the Help button, or F1)"),
}
PICKS: dict[str, Condition] = {
    "select_country": Condition(("map",), "opens that country's dossier (a click on the map or in the list, or Tab)"),
    "choose_kind": Condition(("map",), "picks that action in a dossier (Call C, Visit V, Deputy D, Group G, Talk M)"),
    "choose_topic": Condition(("map",), "picks that topic in a dossier (a click, or its number key)"),
}
assert set(ACTIONS) == set(get_args(m.TutorialAction)), "models.TutorialAction and tutorial.ACTIONS must agree"
assert set(PICKS) == set(m.TutorialPick.model_fields), "models.TutorialPick and tutorial.PICKS must agree"


@dataclass(frozen=True)
class TutorialStep:
    """A step as the window uses it."""

    index: int
    title: str
    text: str
    action: str | None  # a key of ACTIONS or PICKS, or None: the card has a Next button
    value: str | None  # for a pick: the country code, the action (call, visit, ...) or the topic id
    screen: str  # "map", "report" or "debrief"
    week: int | None  # 1-based; None: the step belongs to the week of the steps before it

    def matches(self, action: str, value: str | None = None) -> bool:
        return self.action == action and (self.value is None or self.value == value)


def _condition(step: m.TutorialStep) -> tuple[str | None, str | None]:
    """(action, value) of a step; a pick naming nothing or several things gives its first field (the checks
    refuse such a step before it is compiled)."""
    do = step.do
    if do is None:
        return None, None
    if isinstance(do, str):
        return do, None
    for name in PICKS:
        value = getattr(do, name)
        if value is not None:
            return name, value
    return None, None


def default_screen(step: m.TutorialStep) -> str:
    action, _ = _condition(step)
    if step.screen is not None:
        return step.screen
    if action is None:
        return "map"
    return (ACTIONS.get(action) or PICKS[action]).screens[0]


Report = Callable[[tuple, str, str, str], None]


def check_tutorial(doc: m.Scenario, report: Report, ref: Callable[[tuple, str, Sequence[str], str], bool]) -> None:
    """Every problem of the `tutorial:` section, at the value it concerns.  ``ref`` reports an unknown name with
    a did-you-mean, as for the rest of the file."""
    player = doc.actors.get(doc.player)
    last_week: int | None = None
    debrief_seen = False
    for i, step in enumerate(doc.tutorial):
        base = ("tutorial", i)
        do = step.do
        if debrief_seen and default_screen(step) != "debrief":
            # The debrief comes after every week: a card for the map or a report after it would never show.
            report(base, "error", "E203", "the debrief's steps come last: this step after one would never be shown")
        debrief_seen = debrief_seen or default_screen(step) == "debrief"
        if isinstance(do, m.TutorialPick):
            given = [name for name in PICKS if getattr(do, name) is not None]
            if len(given) != 1:
                named = "nothing" if not given else " and ".join(given)
                example = "{select_country: DEU}, {choose_kind: call} or {choose_topic: energy_supply}"
                report(
                    base + ("do",),
                    "error",
                    "E203",
                    f"`do:` picks exactly one thing, e.g. {example}; this one names {named}",
                )
            else:
                _check_pick(doc, report, ref, base + ("do", given[0]), given[0], getattr(do, given[0]), player)
        action, _ = _condition(step)
        if step.screen is not None and action is not None:
            allowed = (ACTIONS.get(action) or PICKS[action]).screens
            if step.screen not in allowed:
                where = " or the ".join(allowed)
                report(
                    base + ("screen",), "error", "E203", f"'{action}' is done on the {where}, not on the {step.screen}"
                )
        if step.week is not None:
            if step.week > doc.calendar.weeks:
                report(
                    base + ("week",),
                    "error",
                    "E202",
                    f"week {step.week} is after the crisis (it has {doc.calendar.weeks} weeks)",
                )
            elif default_screen(step) == "debrief":
                report(
                    base + ("week",),
                    "error",
                    "E203",
                    "a debrief step has no week: the debrief comes after the last one",
                )
            elif last_week is not None and step.week < last_week:
                report(
                    base + ("week",),
                    "error",
                    "E203",
                    f"steps are shown in order: this step of week {step.week} comes after a step of week {last_week}",
                )
            else:
                last_week = step.week


def _check_pick(doc, report, ref, path, name, value, player) -> None:
    if name == "select_country":
        ref(path, value, list(doc.countries), "country")
    elif name == "choose_topic":
        if ref(path, value, list(doc.topics), "topic") and doc.topics[value].leverage.get(doc.player, 0.0) <= 0:
            report(
                path,
                "error",
                "E203",
                f"{doc.player} has no leverage on topic '{value}': its button is disabled, "
                "so the step could never be done",
            )
    elif name == "choose_kind" and player is not None:
        missing = {
            "visit": player.visits == 0 and f"{doc.player} has no visits (`visits: 0`)",
            "deputy_call": not any(d.actor == doc.player for d in doc.deputies.values())
            and f"{doc.player} has no deputies",
            "multilateral": not any(doc.player in g.conveners for g in doc.groups.values())
            and f"{doc.player} convenes no group",
            "engage": not player.engage and f"{doc.player} has `engage: false`",
        }.get(value)
        if missing:
            report(
                path, "error", "E203", f"{missing}: the '{value}' button is not there, so the step could never be done"
            )


def compile_tutorial(doc: m.Scenario) -> tuple[TutorialStep, ...]:
    """The steps for the window.  Assumes :func:`check_tutorial` found no errors."""
    steps = []
    for i, step in enumerate(doc.tutorial):
        action, value = _condition(step)
        steps.append(TutorialStep(i, step.title, step.text, action, value, default_screen(step), step.week))
    return tuple(steps)
