"""The whole check (read, merge extends, validate, cross-reference, compile) never raises on a broken scenario, and
whatever it accepts can be played.

Mutations are the mistakes authors make to a real file: a line deleted, two lines swapped, a line duplicated
(a duplicate key), a number, a country code, a topic or an event id changed, a value made into YAML that reads
as something else, a line indented or cut short.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import check
from game.scenario.problems import CODES
from game.sim import play_game
from tests.conftest import ROOT

FTZ_TEXT = (ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8")
VARIANT_TEXT = (ROOT / "scenarios" / "flood_the_zone_ns2_halt.yaml").read_text(encoding="utf-8")

CODES_IN_FILE = sorted(set(re.findall(r"\b[A-Z]{3}\b", FTZ_TEXT)) - {"INVENTED"})
TOPICS = ["security_guarantees", "sanctions", "energy_supply", "china", "dialogue", "business", "world_order"]
EVENT_IDS = re.findall(r"- id: (\w+)", FTZ_TEXT)
ODD = ["NO", "yes", "null", "~", "[]", "{}", "-1", "1e400", "2022-02-30", "'x'", "&a", "*b", ": :", "!!python/none"]
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
WORD = re.compile(r"\b[a-z][a-z0-9_]{2,}\b")


def mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1), label="line")
    how = data.draw(
        st.sampled_from(
            ["delete", "swap", "duplicate", "number", "code", "topic", "event", "odd", "indent", "cut", "word"]
        ),
        label="mutation",
    )
    line = lines[i]
    if how == "delete":
        del lines[i]
    elif how == "swap":
        j = data.draw(st.integers(0, len(lines) - 1), label="other line")
        lines[i], lines[j] = lines[j], lines[i]
    elif how == "duplicate":
        lines.insert(i, line)
    elif how == "number":
        new = data.draw(st.sampled_from(["0", "-5", "1000", "0.5", "-100", "101", "3.7", "60", "-0", "1e9"]))
        lines[i] = NUMBER.sub(new, line, count=1)
    elif how == "code":
        new = data.draw(st.sampled_from([*CODES_IN_FILE, "XYZ", "deu", "DE", "DEUU"]))
        lines[i] = re.sub(r"\b[A-Z]{3}\b", new, line, count=1)
    elif how == "topic":
        old, new = data.draw(st.sampled_from(TOPICS)), data.draw(st.sampled_from([*TOPICS, "energy", "Sanctions"]))
        lines[i] = line.replace(old, new, 1) if old in line else line + f"{old}: {new}\n"
    elif how == "event":
        old, new = data.draw(st.sampled_from(EVENT_IDS)), data.draw(st.sampled_from([*EVENT_IDS, "no_such_event"]))
        return text.replace(f"id: {old}\n", f"id: {new}\n", 1)
    elif how == "odd":
        value = data.draw(st.sampled_from(ODD))
        lines[i] = re.sub(r":\s.*$", f": {value}", line, count=1) if ":" in line else f"{line.rstrip()} {value}\n"
    elif how == "indent":
        lines[i] = data.draw(st.sampled_from(["  ", "    ", " ", "\t"])) + line
    elif how == "cut":
        lines = lines[:i]
    else:
        lines[i] = WORD.sub(data.draw(st.sampled_from(["x", "alignment", "true", "region", "remove"])), line, count=1)
    return "".join(lines)


def check_and_play(path: Path, files: set[str]) -> None:
    scenario, problems = check(path)
    for p in problems:
        assert p.file in files, p
        assert p.line >= 1 and p.column >= 1, p
        assert p.severity in ("error", "warning"), p
        assert p.code in CODES, p
        assert p.message and "\n" not in p.message, p
    assert len(set(problems)) == len(problems)
    assert (scenario is None) == any(p.severity == "error" for p in problems), problems
    if scenario is not None:
        game = play_game(scenario, "random", seed=1)
        assert game.final.turn == scenario.rules.n_turns


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.data())
def test_mutated_flood_the_zone_gives_problems_not_exceptions_and_plays_if_accepted(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "fuzz-ftz.yaml"
    path.write_text(mutate(FTZ_TEXT, data), encoding="utf-8")
    check_and_play(path, {str(path)})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_variant_gives_problems_not_exceptions_and_plays_if_accepted(tmp_path_factory, data):
    """A variant's problems may point into the bundled file it extends, never anywhere else."""
    path = tmp_path_factory.getbasetemp() / "fuzz-variant.yaml"
    path.write_text(mutate(VARIANT_TEXT, data), encoding="utf-8")
    check_and_play(path, {str(path), str(ROOT / "scenarios" / "flood_the_zone.yaml")})
