"""The Teacher screen's work, without a window: where a class's results go, grading the handed-in folder, and
writing the handout's parts into a folder.  The screen runs these in a ``Job`` (``jobs.py``) so that the
window keeps drawing; a test calls them directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from game.classroom.briefing import render_briefing
from game.classroom.classfolder import ClassFolder, make_class_folder
from game.classroom.report import write_html
from game.scenario import Scenario
from game.sim.settings import Settings

RESULTS_NAME = "results"
Progress = Callable[[str, int, int], None]

# The handout's parts: (file name ending, what the teacher reads about it).
HANDOUT_PARTS = (("handout", "the student handout: role, objectives, calendar and every country's dossier"),)


def results_folder(handed_in: Path) -> Path:
    """Where the class's results go by default: a ``results`` folder inside the folder handed in to.  That folder
    is one the students could write to, so the teacher can too; the grading never reads its own results back
    (``make_class_folder`` skips them) and never writes into a student's file."""
    return handed_in / RESULTS_NAME


def results_elsewhere(chosen: Path, handed_in: Path) -> Path:
    """Where the results go when the teacher picks another folder for them (a read-only share, or a folder the
    students must not see): a folder named after the hand-in folder inside the one chosen."""
    name = handed_in.name or "class"
    return chosen / f"{name} results"


def grade_class(handed_in: Path, out: Path, progress: Progress | None = None) -> ClassFolder:
    """The class view, the gradebook and every student's report of the games in ``handed_in``, into ``out``."""
    return make_class_folder([handed_in], out, progress=progress)


def _file_stem(scenario: Scenario, code: str | None, seed: int) -> str:
    """A file name that says which game the handout is for, so that two classes' handouts never replace each
    other (the code's dashes kept, nothing a file system refuses)."""
    tag = code if code else f"seed{seed}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{scenario.id}-{tag}")


def write_handout(
    folder: Path,
    scenario: Scenario,
    settings: Settings,
    code: str | None,
    seed: int,
    progress: Progress | None = None,
) -> list[Path]:
    """Write every part of the handout for this game into ``folder``; returns the files written.  Raises OSError
    when the folder refuses a file (the screen says which and why)."""
    written = []
    stem = _file_stem(scenario, code, seed)
    for done, (part, _) in enumerate(HANDOUT_PARTS):
        if progress is not None:
            progress(f"writing the {part}", done, len(HANDOUT_PARTS))
        page = render_briefing(scenario, settings, code)
        written.append(write_html(page, folder / f"{stem}-{part}.html"))
    if progress is not None:
        progress("written", len(HANDOUT_PARTS), len(HANDOUT_PARTS))
    return written
