"""Hostile text from a shared scenario and from students' names, into every HTML page and CSV the game writes
(issue 15).  The pages are parsed, not searched: no element or attribute the hostile text tried to make may exist,
and the text must arrive as text."""

from __future__ import annotations

import csv
import html.parser
import io

import pytest
import yaml

from game.classroom.briefing import render_briefing
from game.classroom.classview import class_csv, load_class, render_class
from game.classroom.play import play_session
from game.classroom.replay import write_replay
from game.classroom.report import render_report
from game.scenario.loader import check
from tests.conftest import ROOT

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
FORMULA = '=HYPERLINK("http://x.invalid","click")'


class Elements(html.parser.HTMLParser):
    """Every start tag with its attributes, and all the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data) -> None:
        self.text.append(data)


def parsed(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def assert_inert(page: str, *hostile: str) -> None:
    doc = parsed(page)
    assert not [t for t, _ in doc.tags if t in ("script", "img", "iframe", "object", "embed")]
    assert not [(t, a) for t, attrs in doc.tags for a in attrs if a.lower().startswith("on")]
    assert not [(t, attrs) for t, attrs in doc.tags if any("javascript:" in (v or "") for v in attrs.values())]
    text = "".join(doc.text)
    for words in hostile:
        assert words in text, words  # shown as the text it is


@pytest.fixture(scope="module")
def hostile_scenario(tmp_path_factory):
    data = yaml.safe_load((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    data["title"] = f"Crisis {SCRIPT}"
    data["actors"][data["player"]]["name"] = SCRIPT
    data["actors"][data["rival"]]["name"] = IMG
    first = next(iter(data["countries"]))
    data["countries"][first]["name"] = f"Land {IMG}"
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario, problems = check(path, seeds=ROOT / "seeds")
    assert scenario is not None, [str(p) for p in problems]
    return scenario


@pytest.fixture(scope="module")
def hostile_games(hostile_scenario, tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    files = []
    for i, name in enumerate((SCRIPT, IMG, FORMULA, "+1+1", "@SUM(A1)", "Chloé")):
        # One seed for all: the class view grades one game code (another code's game is left out).
        session = play_session(hostile_scenario, 10, policy="random")
        session.names[session.player] = name
        files.append(write_replay(session, folder / f"student{i}.json"))
    return files


def test_the_report_shows_hostile_names_as_text(hostile_scenario):
    session = play_session(hostile_scenario, 1, policy="historical")
    session.names[session.player] = IMG
    assert_inert(render_report(session), SCRIPT, "Land " + IMG)


def test_the_briefing_handout_shows_hostile_scenario_text_as_text(hostile_scenario):
    assert_inert(render_briefing(hostile_scenario), "Crisis " + SCRIPT, "Land " + IMG)


def test_the_class_view_shows_hostile_names_as_text(hostile_scenario, hostile_games):
    view = load_class(hostile_games, hostile_scenario)
    assert len(view.entries) == len(hostile_games)
    assert_inert(render_class(view), SCRIPT, IMG, FORMULA, "Chloé")


def test_the_gradebook_neutralises_every_formula_and_keeps_the_names(hostile_scenario, hostile_games):
    rows = list(csv.DictReader(io.StringIO(class_csv(load_class(hostile_games, hostile_scenario)))))
    names = {r["name"] for r in rows}
    assert {SCRIPT, IMG, "'" + FORMULA, "'+1+1", "'@SUM(A1)", "Chloé"} == names
    for row in rows:
        for value in row.values():
            if value and value[0] in "=+-@\t\r":
                float(value)  # only numbers may start like a formula
