"""The routing table: which screen each route name of a flow value (``game/ui/flow.py``) stands for.

The one module that imports every screen; only the app imports it.  A route is a screen class, or a function
of the app that picks the screen (the game in progress goes on at the map or, in a two-sided game, at the
hand-over; a replay file opens in the viewer or, when it cannot be read, as a message).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from game.classroom.replay import ReplayError, open_replay

from .screen import Screen
from .screens.briefing import BriefingScreen
from .screens.confirm import ConfirmScreen
from .screens.debrief import DebriefScreen
from .screens.dialogs import HelpScreen, MessageScreen, PauseScreen, SavesScreen, SettingsScreen
from .screens.folders import FolderPickerScreen
from .screens.handover import HandoverScreen
from .screens.play import PlayScreen
from .screens.players import PlayersScreen, needs_players
from .screens.replays import ReplayListScreen
from .screens.replayview import ReplayScreen
from .screens.report import ReportScreen
from .screens.teacher import TeacherScreen
from .screens.title import TitleScreen


def game_screen(app) -> Screen:
    """The screen a game in progress goes on at: the map, or in a two-sided game the hand-over to the side
    whose turn it is (so a loaded game never opens on one side's orders in front of the other); first, in a
    game that does not know who plays yet (a new one, or a save made before names were asked), the name
    prompt."""
    session = app.session
    if needs_players(session):
        return PlayersScreen(app)
    if session is not None and session.two_sided and not session.is_over:
        return HandoverScreen(app, "turn")
    return PlayScreen(app)


def replay_file(app, path: Path) -> Screen:
    """A replay in the viewer; a bad file is a message in the window with the reason (one line)."""
    try:
        replay = open_replay(path)
    except ReplayError as exc:
        return MessageScreen(app, "This replay cannot be opened", str(exc))
    app.ensure_map(replay.scenario)
    return ReplayScreen(app, replay)


ROUTES: dict[str, Callable[..., Screen]] = {
    "title": TitleScreen,
    "briefing": BriefingScreen,
    "game": game_screen,
    "map": PlayScreen,
    "handover": HandoverScreen,
    "players": PlayersScreen,
    "folders": FolderPickerScreen,
    "report": ReportScreen,
    "debrief": DebriefScreen,
    "pause": PauseScreen,
    "saves": SavesScreen,
    "settings": SettingsScreen,
    "help": HelpScreen,
    "message": MessageScreen,
    "confirm": ConfirmScreen,
    "replays": ReplayListScreen,
    "teacher": TeacherScreen,
    "replay_file": replay_file,
}


def make_screen(app, route: str, args: Mapping) -> Screen:
    try:
        make = ROUTES[route]
    except KeyError:
        raise ValueError(f"no screen for the route {route!r}") from None
    return make(app, **args)
