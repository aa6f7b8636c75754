"""The player's files: where they live and how they are written.

**Where.** The data folder is ``platformdirs.user_data_dir("flood-the-zone")`` unless ``FLOOD_THE_ZONE_HOME``
names another (the tests point it at a temporary folder).  It holds ``saves/`` and ``settings.json`` (the
window's), ``scenarios/`` (the player's own, which game codes may name), ``replays/`` and ``reports/`` (the
classroom's).  The layout lives here, below every floor, because the classroom, the window and the command line
all read and write it.

**How.** Atomic writes for saves, settings, replays, reports and CSVs: a temporary file in the same folder,
flushed, then renamed over the target, so a crash or a full disk never leaves half a file where a good one was.

Standard library only (platformdirs is imported when the folder is first asked for).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

HOME_ENV = "FLOOD_THE_ZONE_HOME"
APP_NAME = "flood-the-zone"


def data_dir() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def user_scenarios_dir() -> Path:
    return data_dir() / "scenarios"


def replays_dir() -> Path:
    """Where the game writes its replays."""
    return data_dir() / "replays"


def reports_dir() -> Path:
    """Where a report goes when no path is given."""
    return data_dir() / "reports"


def ensure_dirs() -> str | None:
    """Create the data folders and clear what killed writes left behind; returns a one-line problem instead of
    raising (a read-only home still plays)."""
    try:
        saves_dir().mkdir(parents=True, exist_ok=True)
        user_scenarios_dir().mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot create the game's data folder {data_dir()}: {exc.strerror or exc}"
    for folder in (data_dir(), saves_dir(), replays_dir(), reports_dir()):
        remove_leftovers(folder)
    return None


LEFTOVER_AGE = 600.0  # seconds: a younger temporary file may belong to a write still under way in another window


def remove_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Delete the temporary files of ``atomic_write`` that a killed process left in ``folder`` (only its own
    ``.NAME.XXXX.tmp`` regular files, and only old ones); returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        try:
            info = entry.lstat()
            if not (entry.is_file() and not entry.is_symlink()) or now - info.st_mtime < LEFTOVER_AGE:
                continue
            entry.unlink()
            removed.append(entry)
        except OSError:
            continue
    return removed


def _default_mode() -> int:
    # mkstemp makes files private (0600); a replay or a report is meant to be handed in and shared, so it gets
    # the mode an ordinary new file would have under the user's umask.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all.  A link is written through (its target is replaced, the
    link stays); a device or a pipe (``--out /dev/stdout``) is written to, never replaced."""
    path = Path(path)
    if path.exists() and not path.is_file():  # following links: a folder, a device or a pipe
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder", str(path))
        with open(path, "wb") as handle:  # a character device or a pipe: a stream, not a file to swap
            handle.write(data)
        return path
    if path.is_symlink():
        path = path.resolve()  # a link to a file (or to none yet): replace the file, keep the link
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _default_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: a crash right after it must not bring the old file back (POSIX; a
    folder cannot be opened so on Windows, where the rename is already durable enough)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
