"""Slow work off the window's thread: grading a class, writing a handout.

A ``Job`` runs one function in a worker thread and keeps what the window needs to show while it runs (what is
being done, how far along) and what came of it (a result, or the failure in one line).  The window polls it
once a frame and never waits for it, so it keeps drawing and answering while 24 games are replayed.  Nothing
here imports pygame: the worker never touches the window, and a test can run a job without one.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from game.files import OneLineError


class Job:
    """``work(progress)`` in a thread; ``progress(what, done, total)`` is the callback it passes on."""

    def __init__(self, work: Callable[[Callable[[str, int, int], None]], Any], what: str = "starting"):
        self._lock = threading.Lock()
        self._what, self._done, self._total = what, 0, 0
        self.result: Any = None
        self.error: str = ""  # why it failed, one line ("" while running or after success)
        self.unexpected = False  # the failure was a fault of the game, not of what the teacher gave
        self._finished = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work,), name="flood-the-zone job", daemon=True)
        self._thread.start()

    def _run(self, work) -> None:
        try:
            self.result = work(self.progress)
        except (OneLineError, OSError) as exc:  # what the teacher gave cannot be used: said in words
            self.error = _one_line(exc)
        except Exception as exc:  # noqa: BLE001 - a fault of ours must end as a message, never a dead window
            self.error = f"{type(exc).__name__}: {_one_line(exc)}"
            self.unexpected = True
            traceback.print_exc()
        finally:
            self._finished.set()

    def progress(self, what: str, done: int, total: int) -> None:
        with self._lock:
            self._what, self._done, self._total = what, done, total

    @property
    def status(self) -> tuple[str, int, int]:
        """(what is being done, how many of how many) as last heard."""
        with self._lock:
            return self._what, self._done, self._total

    @property
    def fraction(self) -> float:
        """How far along, 0 to 1 (0 while the total is not known yet)."""
        _, done, total = self.status
        return min(1.0, done / total) if total > 0 else 0.0

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the job ends (tests and the command line; never the window's frame)."""
        return self._finished.wait(seconds)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror}"
    return " ".join(str(exc).split()) or type(exc).__name__
