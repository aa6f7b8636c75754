"""The window's own files: the save slots (what the load and save lists show) and the window's preferences.

Where the data folder is, and its other folders, is ``game.files`` (the classroom writes replays and reports
there too); the names are repeated here because the screens read them as ``paths.data_dir()``.  Nothing here
imports pygame.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from game.files import JsonFileError, atomic_write, data_dir, ensure_dirs, read_json, saves_dir, user_scenarios_dir
from game.session import CLASS_LIMIT, MAX_SAVE_BYTES, NAME_LIMIT, clean_name

MAX_SETTINGS_BYTES = 64_000

__all__ = [
    "AUTOSAVE",
    "DEFAULT_SETTINGS",
    "QUICKSAVE",
    "SLOTS",
    "SlotInfo",
    "all_slots",
    "data_dir",
    "ensure_dirs",
    "load_settings",
    "save_path",
    "saves_dir",
    "slot_info",
    "store_settings",
    "user_scenarios_dir",
    "write_json_atomic",
]

SLOTS = ("slot1", "slot2", "slot3", "slot4", "slot5")
AUTOSAVE = "autosave"
QUICKSAVE = "quicksave"


def save_path(slot: str) -> Path:
    return saves_dir() / f"{slot}.json"


@dataclass(frozen=True)
class SlotInfo:
    """What the load and save lists show about one save file, read without replaying it."""

    slot: str
    path: Path
    exists: bool
    scenario: str = ""
    week: int = 0
    seed: int = 0
    saved: str = ""
    problem: str = ""
    crisis_weeks: int | None = None  # how many weeks the saved game has (None in saves made before it was kept)

    @property
    def over(self) -> bool:
        return self.crisis_weeks is not None and self.week >= self.crisis_weeks

    @property
    def in_progress(self) -> bool:
        """A readable save of a game that is not over (a new game must not replace it unasked)."""
        return self.exists and not self.problem and not self.over

    @property
    def where(self) -> str:
        """Where the saved game stands, never past the crisis's end: "week 5", or "crisis over"."""
        return "crisis over" if self.over else f"week {self.week + 1}"

    @property
    def label(self) -> str:
        if self.slot == AUTOSAVE:
            return "Autosave"
        if self.slot == QUICKSAVE:
            return "Quick save"
        return f"Slot {self.slot.removeprefix('slot')}"


def slot_info(slot: str) -> SlotInfo:
    path = save_path(slot)
    try:
        stat = path.stat()
    except OSError:
        return SlotInfo(slot, path, False)
    saved = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%d %b %Y %H:%M")
    try:
        data = read_json(path, MAX_SAVE_BYTES, "save")
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
        weeks = data.get("weeks", [])
        return SlotInfo(
            slot,
            path,
            True,
            scenario=str(data.get("scenario", "?")),
            week=len(weeks) if isinstance(weeks, list) else 0,
            seed=int(data.get("seed", 0)),
            saved=saved,
            crisis_weeks=_whole(data.get("crisis_weeks")),
        )
    except (OSError, ValueError, TypeError, UnicodeDecodeError):
        return SlotInfo(slot, path, True, saved=saved, problem="unreadable or corrupt")


def _whole(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def all_slots() -> list[SlotInfo]:
    return [slot_info(s) for s in (AUTOSAVE, QUICKSAVE, *SLOTS)]


# -------------------------------------------------------------------------------------------- settings

# Who plays the rival, and how hard, is a teacher setting of each game (the title screen's panel, a game code),
# no longer a preference: a "rival_policy" left in an older settings.json is ignored.
DEFAULT_SETTINGS = {
    "map_labels": True,
    "confirm_end_turn": True,
    "window": [1280, 720],
    "volume": 70,  # the sound's loudness, 0-100 (game/ui/sound.py)
    "muted": False,
    # The last player's name and class (the name prompt offers them for the next game), and the folder the last
    # game was handed in to (the folder picker opens there).
    "player_name": "",
    "class_name": "",
    "handin_folder": "",
}
TEXT_LIMITS = {"player_name": NAME_LIMIT, "class_name": CLASS_LIMIT, "handin_folder": 4096}


def set_aside(path: Path, reason: str) -> str:
    """Rename a file the game cannot read to ``NAME.unreadable-YYYYmmdd-HHMMSS.json`` beside it (kept, not
    deleted: it may be someone's only copy), and say so in one line."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    number = 1
    while aside.exists() or aside.is_symlink():  # never rename over an earlier one
        number += 1
        aside = path.with_name(f"{path.stem}.unreadable-{stamp}-{number}{path.suffix}")
    try:
        path.rename(aside)
    except OSError as exc:
        why = exc.strerror or exc
        return f"{path.name} cannot be read ({reason}) nor set aside ({why}); the game goes on without it"
    return f"{path.name} could not be read ({reason}); it was set aside as {aside.name} and the game goes on without it"


def load_settings() -> dict:
    return load_settings_and_problem()[0]


def load_settings_and_problem() -> tuple[dict, str | None]:
    """The window's preferences, and a line to show when the file was unreadable (it is set aside, so that the
    defaults written at the end do not overwrite it).  A readable file with odd values keeps the defaults for
    those values only."""
    settings = dict(DEFAULT_SETTINGS)
    path = data_dir() / "settings.json"
    try:
        data = read_json(path, MAX_SETTINGS_BYTES, "settings file")
    except JsonFileError as exc:
        if str(exc) == "no such file":
            return settings, None
        return settings, set_aside(path, str(exc)) if path.is_file() else f"{path.name}: {exc}"
    if not isinstance(data, dict):
        return settings, set_aside(path, "not a table of settings")
    if isinstance(data, dict):
        for key, default in DEFAULT_SETTINGS.items():
            value = data.get(key)
            flag = isinstance(default, bool) and isinstance(value, bool)
            window = (
                key == "window"
                and isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, int) and 640 <= v <= 8000 for v in value)
            )
            # A hand-edited volume may say 55.0; 55.5, 101 or true is no volume, and the default stands.
            volume = (
                key == "volume"
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
                and 0 <= value <= 100
                and value == int(value)
            )
            if flag or window:
                settings[key] = value
            elif volume:
                settings[key] = int(value)
            elif key in TEXT_LIMITS and isinstance(value, str):
                # A hand-edited file is someone else's words: a name is cleaned as typed names are; a folder
                # keeps its characters (it must be found again) but no control character.
                limit = TEXT_LIMITS[key]
                if key == "handin_folder":
                    settings[key] = value if len(value) <= limit and value.isprintable() else ""
                else:
                    settings[key] = clean_name(value, limit)
    return settings, None


def set_aside_unreadable_autosave() -> str | None:
    """An autosave that is not even JSON (cut short, corrupt, too deep) is set aside at start, so the title
    screen offers no "Continue" that cannot work and the next autosave does not destroy the evidence."""
    path = save_path(AUTOSAVE)
    try:
        data = read_json(path, MAX_SAVE_BYTES, "save")
    except JsonFileError as exc:
        if str(exc) == "no such file" or not path.is_file():
            return None
        return set_aside(path, str(exc))
    return None if isinstance(data, dict) else set_aside(path, "not a saved game")


def write_json_atomic(path: Path, data: dict) -> None:
    atomic_write(path, json.dumps(data, indent=1).encode("utf-8"))


def store_settings(settings: dict) -> str | None:
    try:
        write_json_atomic(data_dir() / "settings.json", settings)
    except OSError as exc:
        return f"cannot save settings: {exc.strerror or exc}"
    return None
