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
import json
import os
import re
import stat
import tempfile
import time
import unicodedata
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


def user_scenario_files() -> list[Path]:
    """The scenario files of one's own (``*.yaml``, ``*.yml`` in the data folder's ``scenarios/``), by name."""
    try:
        return sorted(
            p for p in user_scenarios_dir().iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()
        )
    except OSError:
        return []


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


def _write_temporary(folder: Path, prefix: str, data: bytes) -> str:
    """``data`` in a new hidden file in ``folder``, on the disk and with an ordinary file's mode: the first half
    of every whole-or-nothing write (the caller gives it its name, or removes it)."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _default_mode())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


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
    tmp = _write_temporary(path.parent, f".{path.name}.", data)
    try:
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


# ------------------------------------------------------------------------------------- files handed over

# What no file name may hold on Windows, macOS or Linux (FAT and exFAT on USB sticks, SMB shares): the path
# separators, the characters Windows reserves, and every control character.
_UNSAFE_IN_NAMES = re.compile(
    '[\\\\/:*?"<>|\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]'
)
# Names Windows gives to devices, whatever the extension after them ("CON.json" opens the console).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {f"{d}{n}" for d in ("COM", "LPT") for n in "123456789"}
MAX_NAME_BYTES = 200  # below the 255 bytes of most file systems, with room for " (99).json"


def safe_file_name(stem: str, suffix: str = "") -> str:
    """``stem + suffix`` as a file name every system takes: the characters Windows forbids and controls made
    into dashes or dropped, no leading or trailing dots or spaces (Windows drops trailing ones, a leading dot
    hides the file), no device name (CON, COM1...), at most MAX_NAME_BYTES of UTF-8 (cut between characters).
    Letters of any script stay ("Chloé", "李雷"): every file system the game meets stores Unicode names."""
    text = unicodedata.normalize("NFC", str(stem))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    text = _UNSAFE_IN_NAMES.sub(lambda m: " " if m.group() in "\t\n\r" else "-", text)
    text = " ".join(text.split()).strip(" .")
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    while len(text.encode("utf-8")) > room:
        text = text[:-1]
    text = text.rstrip(" .") or "game"
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = f"_{text}"
    return text + suffix


def write_new_file(folder: str | os.PathLike, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` into ``folder`` as ``stem + suffix`` - or, when that name is taken, ``stem (2)``,
    ``stem (3)``... - whole or not at all (a temporary file, flushed, then given its name), never replacing a
    file that is there.  Where the file system can link (ext4, NTFS, APFS, most shares), taking the name is
    one atomic step that fails when another file holds it, even one written at the same moment by another
    student; where it cannot (FAT and exFAT on USB sticks), the name is taken if it is free just before."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(20, "no such folder", str(folder))
    tmp = _write_temporary(folder, ".handin.", data)
    try:
        for number in range(1, 1000):
            name = safe_file_name(stem if number == 1 else f"{stem} ({number})", suffix)
            target = folder / name
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:  # no links on this file system: check, then rename (which would replace)
                if target.exists() or target.is_symlink():
                    continue
                os.replace(tmp, target)
            _sync_folder(folder)
            return target
        raise FileExistsError(17, "a thousand files of that name are there already", str(folder / stem))
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# ------------------------------------------------------------------------------------------- reading JSON

MAX_JSON_DEPTH = 64  # no file of the game nests deeper than a dozen levels
MAX_INT_DIGITS = 30


# C0 controls (newline and tab included: a message is one line), DEL, C1 controls and the bidirectional
# overrides that can reorder a line.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str, keep: str = "") -> str:
    """``text`` with every control character (but those in ``keep``) shown as an escape: words from a file of
    someone else's put into a message can neither break it into lines nor drive a terminal."""
    if keep:
        return "".join(ch if ch in keep else _CONTROL.sub(_escape, ch) for ch in text)
    return _CONTROL.sub(_escape, text)


class OneLineError(Exception):
    """An error whose message is one line, whatever a file put into it."""

    def __init__(self, message: str = ""):
        super().__init__(one_line(str(message)))


class JsonFileError(OneLineError, ValueError):
    """A JSON file that cannot be taken as it is: the words say why, in a few (the caller adds which file)."""


def _depth_ok(data) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonFileError(f"a number out of range ({text[:20]})")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonFileError(f"a number out of range ({text[:20]}...)")
    return int(text)


def _no_constant(name: str):
    raise JsonFileError(f"{name} is not a number a game file may hold")


def read_json(path: str | os.PathLike, max_bytes: int, what: str = "file"):
    """The JSON of a file someone may have handed over: a regular file only (a pipe or a device would hang or
    never end), at most ``max_bytes``, UTF-8, nested at most ``MAX_JSON_DEPTH`` deep, with finite numbers.
    Raises JsonFileError with the reason (no such file, not a regular file, too large, cut short, corrupt...)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise JsonFileError("no such file") from None
    except OSError as exc:
        raise JsonFileError(f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise JsonFileError("a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise JsonFileError("not a regular file")
        if info.st_size > max_bytes:
            raise JsonFileError(f"too large to be a {what}")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise JsonFileError(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise JsonFileError(f"too large to be a {what}")
    try:
        text = b"".join(chunks).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JsonFileError("cannot be read (not UTF-8 text)") from None
    try:
        data = json.loads(text, parse_float=_finite, parse_int=_bounded_int, parse_constant=_no_constant)
    except RecursionError:
        raise JsonFileError("nested too deeply") from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            raise JsonFileError(f"the file is cut short (truncated at line {exc.lineno})") from None
        raise JsonFileError(f"corrupt {what} (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not _depth_ok(data):
        raise JsonFileError("nested too deeply")
    return data
