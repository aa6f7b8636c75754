"""The list of replay files: the data folder's ``replays/`` and a file named on the command line (``python -m
game replay FILE``), newest first, each read without re-playing the game; Enter opens one in the viewer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.classroom.replay import ReplayError, recomputed_result
from game.files import JsonFileError, read_json, replays_dir
from game.session import MAX_SAVE_BYTES

from .. import theme as T
from ..flow import Back, Flow, Open
from ..widgets import Ui
from .common import Dialog

MAX_LISTED = 200  # the newest replays; an older one opens with python -m game replay FILE


@dataclass(frozen=True)
class ReplayEntry:
    """One replay file as the list shows it, read without re-playing the game."""

    path: Path
    origin: str  # "command line" or "replays"
    scenario: str = ""
    weeks: int = 0
    players: str = ""
    result: str = ""
    modified: str = ""
    problem: str = ""
    checked: bool = False  # the result is the game played again from its orders, not what the file says

    @property
    def title(self) -> str:
        return self.path.name

    @property
    def detail(self) -> str:
        if self.problem:
            return self.problem
        parts = [self.scenario or "?", f"{self.weeks} week{'s' if self.weeks != 1 else ''} played"]
        if self.players:
            parts.append(self.players)
        if self.result:
            parts.append(self.result if self.checked else f"{self.result} (as the file says; checking…)")
        if self.modified:
            parts.append(self.modified)
        return " · ".join(parts)


def read_entry(path: Path, origin: str) -> ReplayEntry:
    try:
        stat = path.stat()
    except OSError:
        return ReplayEntry(path, origin, problem="no such file")
    modified = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%d %b %Y %H:%M")
    if stat.st_size > MAX_SAVE_BYTES:
        return ReplayEntry(path, origin, modified=modified, problem="too large to be a replay")
    try:
        data = read_json(path, MAX_SAVE_BYTES, "replay")
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
        weeks = data.get("weeks")
        players = data.get("players") or {}
        result = data.get("result") or {}
        score = result.get("score") if isinstance(result, dict) else None
        return ReplayEntry(
            path,
            origin,
            scenario=str(data.get("scenario", "?")),
            weeks=len(weeks) if isinstance(weeks, list) else 0,
            players=" / ".join(str(n) for n in players.values()) if isinstance(players, dict) else "",
            result=(
                f"{result.get('outcome', '')} {float(score):.1f}".strip()
                if isinstance(score, (int, float))
                else "unfinished"
            ),
            modified=modified,
        )
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        return ReplayEntry(path, origin, modified=modified, problem="unreadable or cut short: open it to see why")


def checked_entry(entry: ReplayEntry, scenarios: dict) -> ReplayEntry:
    """The entry with its result recomputed by playing the replay again; a file whose stored result differs
    says so, and one that cannot be played again says why."""
    if entry.problem or entry.checked:
        return dataclasses.replace(entry, checked=True)
    try:
        data = read_json(entry.path, MAX_SAVE_BYTES, "replay")
        result = recomputed_result(data, entry.path, scenarios)
    except (JsonFileError, ReplayError) as exc:
        reason = str(exc).removeprefix(f"{entry.path}: ")
        return dataclasses.replace(entry, checked=True, problem=f"cannot be played again: {reason}")
    stored = entry.result
    problem = ""
    if stored and not stored.startswith("unfinished") and stored != result:
        problem = f"the file says {stored}, but its orders give {result}"
    return dataclasses.replace(entry, result=result, checked=True, problem=problem)


def replay_entries(extra: Path | None = None) -> list[ReplayEntry]:
    """The command line's replay first, then the replays folder's files, newest first."""
    entries = [read_entry(extra, "command line")] if extra is not None else []
    try:
        files = [p for p in replays_dir().glob("*.json") if p.is_file()]
    except OSError:
        files = []
    files.sort(key=lambda p: (-_mtime(p), p.name))
    for path in files[:MAX_LISTED]:
        if extra is None or path.resolve() != extra.resolve():
            entries.append(read_entry(path, "replays"))
    return entries


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class ReplayListScreen(Dialog):
    """Open a replay: the files of the replays folder (and the command line's), newest first."""

    name = "replays"
    width = 760

    def __init__(self, app):
        super().__init__(app)
        self.entries = replay_entries(getattr(app, "replay_path", None))
        self.highlight = 0
        self.scenarios: dict = {}

    def on_enter(self) -> None:
        self.entries = replay_entries(getattr(self.app, "replay_path", None))
        self.highlight = min(self.highlight, max(0, len(self.entries) - 1))

    def wants_frames(self) -> bool:
        return any(not e.checked for e in self.entries)

    def after_frame(self) -> None:
        """Play one replay again per frame (the highlighted one first), so the list opens at once and its
        results become the games' real ones a moment later."""
        order = [self.highlight, *range(len(self.entries))]
        for i in order:
            if 0 <= i < len(self.entries) and not self.entries[i].checked:
                self.entries[i] = checked_entry(self.entries[i], self.scenarios)
                self.app.dirty = True
                return

    def open(self, index: int) -> Flow:
        if 0 <= index < len(self.entries):
            self.highlight = index
            return Open("replay_file", path=self.entries[index].path)
        return None

    def on_action(self, id: str, payload) -> Flow:
        if id == "close":
            return Back()
        if id.startswith("replay:"):
            return self.open(payload)
        if id == "rescan":
            self.on_enter()
            self.app.toast(f"{len(self.entries)} replays found", "info")
        return None

    def on_key(self, event) -> Flow:
        key = event.key
        n = len(self.entries)
        if key in (pygame.K_DOWN, pygame.K_UP) and n:
            self.highlight = (self.highlight + (1 if key == pygame.K_DOWN else -1)) % n
            spot = self.app.hotspot(f"replay:{self.highlight}")
            if spot is not None:
                self.app.scroll_into_view(spot)
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.open(self.highlight) or True
        if key == pygame.K_r:
            return self.on_action("rescan", None) or True
        return super().on_key(event)

    def state(self) -> dict:
        return {"replays": [e.title for e in self.entries], "highlight": self.highlight}

    def draw(self, ui: Ui) -> None:
        w, h = self.app.size
        row_h = ui.px(58)
        rect = self.box(ui, ui.px(190) + max(1, len(self.entries)) * row_h)
        pad = ui.px(24)
        x, width = rect.x + pad, rect.width - 2 * pad
        y = rect.y + pad
        ui.text((x, y), "Open a replay", "bold", 24, T.TEXT)
        y += ui.px(36)
        ui.text(
            (x, y),
            f"Replays live in {replays_dir()}  ·  python -m game replay FILE opens any other",
            "regular",
            12,
            T.TEXT_FAINT,
            max_width=width,
        )
        y += ui.px(26)
        bottom = rect.bottom - pad - ui.px(52)
        ui.begin_scroll("replays.list", pygame.Rect(rect.x + 2, y, rect.width - 4, bottom - y))
        if not self.entries:
            y = ui.paragraph(
                x,
                y + ui.px(6),
                width,
                "No replays yet. Every game writes one into the folder above as it goes; a replay handed in by a "
                "student can be copied there too.",
                size=14,
                color=T.TEXT_DIM,
            )
        for i, e in enumerate(self.entries):
            r = pygame.Rect(x, y, width - ui.px(6), row_h - ui.px(8))
            ui.button(f"replay:{i}", r, "", payload=i, selected=i == self.highlight, reason=str(e.path))
            tag = "from the command line" if e.origin == "command line" else ""
            tag_w = ui.width_of(tag, "semibold", 11) + ui.px(20) if tag else 0
            ui.text((r.x + ui.px(14), r.y + ui.px(7)), e.title, "semibold", 15, T.TEXT, max_width=r.width - tag_w - 28)
            if tag:
                ui.text((r.right - ui.px(12), r.y + ui.px(9)), tag, "semibold", 11, T.TEXT_FAINT, "topright")
            colour = (250, 160, 150) if e.problem else T.TEXT_DIM
            ui.text((r.x + ui.px(14), r.y + ui.px(29)), e.detail, "regular", 12, colour, max_width=r.width - 28)
            y += row_h
        ui.end_scroll(y)
        by = rect.bottom - pad - ui.px(40)
        ui.button("close", pygame.Rect(rect.right - pad - ui.px(120), by, ui.px(120), ui.px(40)), "Close", hint="Esc")
        ui.button(
            "rescan",
            pygame.Rect(rect.right - pad - ui.px(250), by, ui.px(122), ui.px(40)),
            "Look again",
            hint="R",
            size=13,
            reason="read the replays folder again",
        )
        ui.text(
            (x, by + ui.px(20)),
            "↑ ↓ choose · Enter opens",
            "regular",
            12,
            T.TEXT_FAINT,
            "midleft",
            max_width=width - ui.px(270),
        )
