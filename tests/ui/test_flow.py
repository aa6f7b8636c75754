"""Screens hand over: a handler returns what comes next (game/ui/flow.py) and the app applies it; no screen
imports another, and the files of game/ui import each other without a circle (imports inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pygame
import pytest

from game.ui.flow import STAY, Back, Open, Quit, Say, Switch, handled, steps

from .conftest import frames, key, take_office

UI = Path(__file__).resolve().parents[2] / "game" / "ui"


# ------------------------------------------------------------------------------------------ the values


def test_flow_values_compare_by_route_and_arguments():
    assert Open("saves", mode="load") == Open("saves", mode="load")
    assert Open("saves", mode="load") != Open("saves", mode="save")
    assert Open("help") != Switch("help")
    assert Back() == Back() and Say("hi") == Say("hi", "info", 3.5)
    assert Open("report", week_index=2).args["week_index"] == 2
    assert Switch("briefing").with_args(problems=[]) == Switch("briefing", problems=[])
    with pytest.raises(AttributeError):
        Open("help").route = "title"


def test_steps_flatten_in_order_and_refuse_what_is_not_a_flow_value():
    flow = (Switch("map"), (Open("report"), Say("done")), None)
    assert steps(flow) == [Switch("map"), Open("report"), Say("done")]
    assert steps(None) == [] and steps(STAY) == [STAY]
    assert handled(True) and handled(STAY) and handled(Back()) and not handled(None) and not handled(False)
    with pytest.raises(TypeError):
        steps("help")


# ------------------------------------------------------------------------------------- the app applies


def test_a_handler_returns_open_and_back_and_the_app_applies_them(make_app):
    app = make_app()
    frames(app)
    title = app.top
    answer = title.on_action("help", None)
    assert answer == Open("help") and app.top is title  # asking changes nothing by itself
    app.go(answer)
    assert [s.name for s in app.stack] == ["title", "help"]
    assert app.top.on_action("close", None) == Back()
    app.go(app.top.on_action("close", None))
    assert app.top is title
    assert title.on_action("load", None) == Open("saves", mode="load")
    app.go(title.on_action("load", None))
    assert app.top.name == "saves" and app.top.mode == "load"
    key(app, pygame.K_ESCAPE)  # the dialog's Esc is a Back too
    assert app.top is title


def test_switch_replaces_the_stack_and_a_toast_after_it_stays(make_app):
    app = make_app()
    frames(app)
    app.go(Open("help"))
    app.toast("about the title screen")
    app.go((Switch("title"), Say("about the new title", "good")))
    assert [s.name for s in app.stack] == ["title"]
    assert [t.text for t in app.toasts] == ["about the new title"]


def test_new_game_and_the_pause_menu_hand_over_through_flow_values(make_app):
    app = make_app()
    frames(app)
    start = app.top.start_highlighted()
    assert start == Switch("briefing") and app.session is not None
    app.go(start)
    assert app.top.name == "briefing"
    assert app.top.on_action("begin", None) == Switch("game")
    key(app, pygame.K_RETURN)
    assert app.top.name == "players"  # who plays: before the first week of every game
    key(app, pygame.K_RETURN)
    assert app.top.name == "map"
    assert app.top.on_action("menu", None) == Open("pause")
    key(app, pygame.K_ESCAPE)
    pause = app.top
    assert pause.name == "pause" and pause.on_action("resume", None) == Back()
    assert pause.on_action("quit", None) == Quit(0) and app.running  # only applying it quits
    assert pause.on_action("save", None) == Open("saves", mode="save")
    key(app, pygame.K_RETURN)
    assert app.top.name == "map"


def test_a_bad_save_answers_with_its_message(make_app, home):
    app = make_app()
    frames(app)
    from game.ui import paths

    paths.save_path("slot1").write_text("not a save")
    answer = app.load_slot("slot1")
    assert isinstance(answer, Open) and answer.route == "message"
    app.go(answer)
    assert app.top.name == "message" and app.top.title == "This save cannot be loaded"


# ------------------------------------------------------------------------------------------ the imports


def _imports(path: Path) -> set[str]:
    """The game.ui modules a file imports, at the top or inside a function."""
    package = ["game", *path.relative_to(UI.parent).with_suffix("").parts][:-1]  # the folder it is in
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            # ``from . import paths`` imports the file paths.py; ``from .flow import Back`` the file flow.py
            subs = [f"{module}.{a.name}" for a in node.names if _file(f"{module}.{a.name}") is not None]
            names = subs if len(subs) == len(node.names) else [module, *subs]
        else:
            continue
        for name in names:
            if name.startswith("game.ui") and _file(name) is not None:
                found.add(name)
    return found


def _file(module: str) -> Path | None:
    parts = module.split(".")[2:]
    path = UI.joinpath(*parts)
    if path.with_suffix(".py").is_file():
        return path.with_suffix(".py")
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return None


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in UI.rglob("*.py"):
        parts = path.relative_to(UI.parent.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if path.name == "__init__.py" else parts)
        graph[name] = {m for m in _imports(path) if m != name}
    return graph


def test_no_import_circle_between_the_files_of_game_ui():
    graph = _graph()
    assert "game.ui.routes" in graph["game.ui.app"]  # the walk sees the imports it must see
    circles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    circles.append(" -> ".join([*trail, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert circles == []


def test_no_screen_imports_another_and_only_the_app_knows_the_routes():
    graph = _graph()
    screens = {m for m in graph if m.startswith("game.ui.screens.") and m != "game.ui.screens.common"}
    for screen in screens:
        assert not graph[screen] & screens, f"{screen} imports {graph[screen] & screens}"
    assert {m for m, deps in graph.items() if "game.ui.routes" in deps} == {"game.ui.app"}
    assert "game.ui.app" not in set().union(*(graph[m] for m in graph if m != "game.ui"))


def test_loading_a_save_switches_to_the_game_and_then_says_so(make_app):
    app = make_app()
    frames(app)
    app.go(app.top.start_highlighted())
    take_office(app)
    assert app.top.name == "map" and app.save_slot("slot1") is None
    answer = app.load_slot("slot1")
    assert answer[0] == Switch("game") and isinstance(answer[1], Say)
    app.go(answer)
    assert app.top.name == "map" and [t.text for t in app.toasts][-1] == answer[1].text
