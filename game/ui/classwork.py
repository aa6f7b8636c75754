"""The Teacher screen's work, without a window: where a class's results go, grading the handed-in folder, and
writing the handout's parts into a folder.  The screen runs these in a ``Job`` (``jobs.py``) so that the
window keeps drawing; a test calls them directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from game.classroom.briefing import PAPERS, render_part
from game.classroom.classfolder import ClassFolder, make_class_folder
from game.classroom.report import write_html
from game.scenario import Scenario
from game.sim.settings import Settings

RESULTS_NAME = "results"
Progress = Callable[[str, int, int], None]

# The handout's parts the Teacher screen offers: (part of ``render_part``, its button, what it holds).  The
# whole handout in one file ("all") is left to the command line: on paper, the parts are handed out apart.
HANDOUT_PARTS = (
    ("sheet", "Sheet", "the student sheet: two pages per student (name line, role, objectives, calendar, glossary)"),
    ("dossiers", "Dossiers", "the dossier pack: every country's dossier with the sources its position rests on"),
    ("memo", "Memo", "the decision memo: a weekly memo with room to write"),
    ("reflection", "Reflection", "the reflection prompts, for after the debrief"),
)
PART_NAMES = tuple(part for part, _, _ in HANDOUT_PARTS)


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


def handout_stem(scenario: Scenario, code: str | None, seed: int) -> str:
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
    parts: tuple[str, ...] = PART_NAMES,
    paper: str = "a4",
    progress: Progress | None = None,
) -> list[Path]:
    """Write the chosen parts of the handout for this game into ``folder`` (one page each, for ``paper``);
    returns the files written.  Raises OSError when the folder refuses a file (the screen says which and why)
    and ValueError for a part or a paper there is not."""
    unknown = [part for part in parts if part not in PART_NAMES]
    if unknown or paper not in PAPERS:
        raise ValueError(f"no handout part {unknown[0]!r}" if unknown else f"no paper size {paper!r}")
    written = []
    stem = handout_stem(scenario, code, seed)
    for done, part in enumerate(parts):
        if progress is not None:
            progress(f"the {part}", done, len(parts))
        # The seed, so that the positions are those of the week the students take over, with this game's dice.
        page = render_part(part, scenario, settings, code, seed, paper)
        written.append(write_html(page, folder / f"{stem}-{part}.html"))
    if progress is not None:
        progress("written", len(parts), len(parts))
    return written
