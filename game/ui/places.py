"""Where a student may put a file: the places the folder picker offers, and the folders inside a folder.

The places are the last folder used (remembered in the window's settings), the removable drives and mounted
shares (``/media/USER/*``, ``/run/media/USER/*``, ``/mnt/*`` on Linux, ``/Volumes/*`` on macOS, the drive
letters on Windows), the home folder, the Desktop and Documents - each only when it is there.  Nothing here
imports pygame, and nothing raises for a folder that cannot be read: the picker shows the reason in a line.
"""

from __future__ import annotations

import getpass
import os
import string
import sys
from dataclasses import dataclass
from pathlib import Path

MAX_LISTED = 1000  # folders shown of one folder (a network share's root may hold thousands)


@dataclass(frozen=True)
class Place:
    label: str
    path: Path
    kind: str  # last | drive | home | desktop | documents


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a container, a service account)
        return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def mount_bases(user: str | None = None) -> list[Path]:
    """The folders whose subfolders are drives and shares on this system (Linux and macOS)."""
    user = _user() if user is None else user
    bases = [Path("/Volumes"), Path("/mnt")]
    if user:
        bases[:0] = [Path("/media") / user, Path("/run/media") / user]
    return bases


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def drives(bases: list[Path] | None = None, windows: bool | None = None) -> list[Place]:
    """The removable drives and mounted shares there are now."""
    windows = sys.platform == "win32" if windows is None else windows
    found: list[Place] = []
    if windows:
        for letter in string.ascii_uppercase:
            root = Path(f"{letter}:\\")
            if _is_dir(root):
                found.append(Place(f"{letter}: drive", root, "drive"))
        return found
    for base in mount_bases() if bases is None else bases:
        try:
            entries = sorted(base.iterdir(), key=lambda p: p.name.casefold())
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:  # macOS lists the system disk among the volumes, as a link to "/"
                if entry.is_symlink() and entry.resolve() == Path("/"):
                    continue
            except OSError:
                continue
            if _is_dir(entry):
                found.append(Place(entry.name, entry, "drive"))
    return found


def places(last: str = "", home: Path | None = None, bases: list[Path] | None = None, windows=None) -> list[Place]:
    """Every place to offer, in order: the last folder used, the drives, home, Desktop, Documents."""
    home = Path.home() if home is None else home
    found: list[Place] = []
    if last and _is_dir(Path(last)):
        found.append(Place(f"Last used: {Path(last).name or last}", Path(last), "last"))
    found += drives(bases, windows)
    for label, path, kind in (
        ("Home", home, "home"),
        ("Desktop", home / "Desktop", "desktop"),
        ("Documents", home / "Documents", "documents"),
    ):
        if _is_dir(path):
            found.append(Place(label, path, kind))
    return found


def subfolders(folder: Path) -> tuple[list[Path], str]:
    """The folders inside ``folder`` (hidden ones left out), by name regardless of case, and "" - or no
    folders and the reason, in words, that it cannot be read."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return [], f"{folder} does not exist (a drive taken out?)"
    except NotADirectoryError:
        return [], f"{folder} is a file, not a folder"
    except PermissionError:
        return [], f"you may not open {folder}"
    except OSError as exc:
        return [], f"{folder} cannot be read: {exc.strerror or exc}"
    found = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.startswith("$"):  # hidden, and Windows' system folders
            continue
        try:
            if entry.is_dir():
                found.append(Path(entry.path))
        except OSError:
            continue
    found.sort(key=lambda p: p.name.casefold())
    return found[:MAX_LISTED], ""


def typed_folder(text: str, here: Path) -> tuple[Path | None, str]:
    """The folder a typed path names (``~`` is home; a relative path starts at ``here``; ``E:`` is the E
    drive's root), or None and why not."""
    text = text.strip().strip('"')
    if not text:
        return None, "type a folder's path"
    if not text.isprintable():
        return None, "a path has no control characters"
    if len(text) == 2 and text[1] == ":" and text[0].isalpha():
        text += "\\"
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = here / path
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError as exc:
        return None, f"{path} cannot be reached: {exc.strerror or exc}"
    if not exists:
        return None, f"there is no folder {path}"
    if not is_dir:
        return None, f"{path} is a file, not a folder"
    return path, ""
