"""The Teacher screen (title screen: Teacher, or T): a lesson's two ends on one page.

*Prepare a class* (left): the crisis, the class options (the title screen's setup panel: difficulty, weeks,
who plays the rival, fog, seed, the staff's advice), the game code in type large enough to copy onto a board,
and the handout written into a folder picked with the folder picker.  The options are the ones the title
screen starts a game with (``app.game_settings``, ``app.seed``): what the teacher sets here, a game started on
this machine plays.

*After class* (right): pick the folder the students handed in to; every game in it is graded into a
``results`` folder inside it (``classwork.results_folder``): the class view, the gradebook and one report per
student.  The grading runs in a worker thread (``jobs.Job``) with a progress bar, so the window keeps drawing;
then the summary, the top of the ranking and every file left out with its reason, and a button that opens the
class view in the web browser.  A folder that cannot be graded or written is a message that stays until
acknowledged, never a crash.

A hand-in folder that is read-only (or shared with the students) can send its results elsewhere: R picks a
folder of the teacher's, and the results go to "<hand-in folder's name> results" inside it.

Keyboard: Tab / ↑ ↓ move between the crisis and the options, ← → change the focused one; H writes the handout,
G picks the handed-in folder, R another place for its results, B opens the class view in the browser, Esc goes
back to the title.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.classroom.briefing import PAPERS
from game.classroom.classfolder import ClassFolder

from .. import paths
from .. import theme as T
from ..catalog import ScenarioEntry, build_catalog
from ..classwork import (
    HANDOUT_PARTS,
    PART_NAMES,
    grade_class,
    handout_stem,
    results_elsewhere,
    results_folder,
    write_handout,
)
from ..flow import Back, Flow, Open
from ..jobs import Job
from ..panels.base import PanelHost
from ..panels.setup_panel import SetupPanel
from ..reports import open_in_browser
from ..screen import Screen
from ..widgets import Ui, copy_text
from .common import ChosenSetup, backdrop, card

SETUP_ROWS = ("difficulty", "turns", "rival", "fog", "seed", "staff")
FOCUS_ORDER = ("scenario", *SETUP_ROWS)
TOP_LINES = 5  # the ranking's top lines shown on the screen (the class view has them all)


class ClassOptions(SetupPanel):
    """The title screen's setup panel under the Teacher screen's own heading; the code has its own box here."""

    HEADING = "Class options"
    WITH_CODE = False


class TeacherScreen(ChosenSetup, PanelHost, Screen):
    name = "teacher"

    def __init__(self, app, start: str = ""):
        super().__init__(app)
        entries, highlight = build_catalog(app.entry_path)
        self.entries: list[ScenarioEntry] = [e for e in entries if e.playable]
        self.highlight = 0
        for i, e in enumerate(self.entries):
            if start and str(e.path) == start:
                self.highlight = i
        self.focus = "scenario"
        self.seed_fresh = False
        self._codes: dict[tuple, tuple[str | None, str]] = {}
        self.owners = {}
        self.setup = ClassOptions(self)
        # prepare
        self.handout_job: Job | None = None
        self.handout_done = ""  # where the last handout went, in words
        self.handout_folder: Path | None = None
        self.handout_stem = ""  # the files' common beginning: the crisis and the game code
        self.parts: list[str] = list(PART_NAMES)  # the parts to write, in the handout's order
        self.paper = app.settings.get("handout_paper", "a4") if app.settings.get("handout_paper") in PAPERS else "a4"
        # after class
        self.handed_in: Path | None = None
        self.results: Path | None = None
        self.grading: Job | None = None
        self.graded: ClassFolder | None = None

    # ---------------------------------------------------------------- what the setup panel asks its screen

    @property
    def entry(self) -> ScenarioEntry | None:
        return self.entries[self.highlight] if self.entries else None

    def set_focus(self, focus: str) -> None:
        if focus != self.focus and focus == "seed":
            self.seed_fresh = True
        self.focus = focus

    def move_focus(self, step: int) -> None:
        i = FOCUS_ORDER.index(self.focus) if self.focus in FOCUS_ORDER else 0
        self.set_focus(FOCUS_ORDER[(i + step) % len(FOCUS_ORDER)])

    # ------------------------------------------------------------------------------------- prepare

    def choose_scenario(self, step: int) -> None:
        if self.entries:
            self.highlight = (self.highlight + step) % len(self.entries)
            self.handout_done = ""

    def toggle_part(self, part: str) -> None:
        """Add a part to the handout or leave it out; the last one stays (a handout of nothing is no handout)."""
        if part not in self.parts:
            self.parts = [p for p in PART_NAMES if p in self.parts or p == part]
        elif len(self.parts) > 1:
            self.parts.remove(part)
        else:
            self.app.toast("A handout has at least one part", "bad")
        self.handout_done = ""

    def set_paper(self, paper: str) -> None:
        self.paper = paper
        self.app.settings["handout_paper"] = paper
        self.handout_done = ""

    def ask_handout(self) -> Flow:
        e = self.entry
        if e is None:
            return self.app.message("No crisis to prepare", "No playable scenario was found.", "info")
        if self.handout_job is not None and not self.handout_job.finished:
            return None
        return Open(
            "folders",
            title="Write the handout: choose the folder",
            pick="Write the handout here",
            action=self.handout_to,
            start=self.app.settings.get("teacher_handout_folder", ""),
            note="A folder you print from or share with the class. The files are named after the crisis and the "
            "game code; a handout of the same game already there is replaced.",
        )

    def handout_to(self, folder: Path) -> Flow:
        e = self.entry
        settings, (code, _) = self.settings_for(e), self.game_code(e)
        seed = self.app.seed
        self.handout_done = ""
        parts, paper = tuple(self.parts), self.paper
        self.handout_stem = handout_stem(e.scenario, code, seed)
        self.handout_job = Job(
            lambda progress: write_handout(folder, e.scenario, settings, code, seed, parts, paper, progress)
        )
        self.handout_folder = folder
        self.app.settings["teacher_handout_folder"] = str(folder)
        return None

    def _handout_finished(self) -> None:
        job, self.handout_job = self.handout_job, None
        if job.error:
            self.app.alert(
                "The handout was not written",
                f"{self.handout_folder} did not take it: {job.error}. Pick another folder (H), one you may write "
                "to, with some free space.",
            )
            return
        stem = self.handout_stem
        names = ", ".join(p.name.removeprefix(f"{stem}-").removesuffix(".html") for p in job.result)
        # Said in the card, where it stays (no toast over it).
        self.handout_done = f"Wrote {names} ({stem}-….html) in {self.handout_folder}"
        paths.store_settings(self.app.settings)

    # ----------------------------------------------------------------------------------- after class

    def ask_folder(self) -> Flow:
        if self.grading is not None and not self.grading.finished:
            return None
        return Open(
            "folders",
            title="After class: choose the folder of handed-in games",
            pick="Grade this folder",
            action=self.grade,
            start=self.app.settings.get("teacher_folder", "") or self.app.settings.get("handin_folder", ""),
            note="The folder your students handed their games in to (a USB stick, a shared drive). Every game in "
            "it is graded; the results go to a folder named 'results' inside it (R afterwards: elsewhere).",
        )

    def grade(self, folder: Path, out: Path | None = None) -> Flow:
        """Grade the games handed in to ``folder`` in a worker thread (into ``out``, by default its ``results``
        folder); the screen shows its progress."""
        out = out or results_folder(folder)
        self.handed_in, self.results, self.graded = folder, out, None
        self.grading = Job(lambda progress: grade_class(folder, out, progress), "looking for games")
        self.app.settings["teacher_folder"] = str(folder)
        if out != results_folder(folder):
            self.app.settings["teacher_results_folder"] = str(out.parent)
        self.app.dirty = True
        return None

    def ask_results_folder(self) -> Flow:
        """Pick another place for the results of the folder last graded, and grade it into there."""
        if self.handed_in is None or (self.grading is not None and not self.grading.finished):
            return None
        handed_in = self.handed_in
        return Open(
            "folders",
            title="Where should the results go?",
            pick="Put the results here",
            action=lambda chosen: self.grade(handed_in, results_elsewhere(chosen, handed_in)),
            start=self.app.settings.get("teacher_results_folder", ""),
            note=f"A folder of yours (students may see what lies in a shared hand-in folder). The results go into "
            f"a folder named '{results_elsewhere(Path('.'), handed_in).name}' inside it.",
        )

    def _grading_finished(self) -> None:
        job, self.grading = self.grading, None
        app = self.app
        if job.error:
            hint = (
                "This is a fault of the game: please report it with the folder's files."
                if job.unexpected
                else "The games handed in are untouched. Choose another place for the results (R): a folder of "
                "your own, not read-only and not full."
            )
            app.alert("The class could not be graded", f"{job.error}. {hint}")
            return
        result: ClassFolder = job.result
        self.graded = result
        paths.store_settings(app.settings)
        if not result.ok:
            lines = result.problem_lines[:6]
            more = f"\n… and {len(result.problem_lines) - 6} more" if len(result.problem_lines) > 6 else ""
            listed = ("\n" + "\n".join(lines) + more) if lines else ""
            app.alert(
                "No game was graded",
                f"In {self.handed_in}: {result.error or result.summary}. Pick the folder the students handed in to "
                f"(their games are .json files).{listed}",
            )
            return
        # The summary and the list are on the screen, where they stay: no toast over them.

    def open_class_view(self) -> Flow:
        page = self.graded.page if self.graded is not None else None
        if page is None:
            return None
        problem = open_in_browser(page)
        if problem:
            return self.app.message("The class view could not be opened", problem, "info")
        self.app.toast(f"Opened {page.name} in the web browser", "good")
        return None

    # ----------------------------------------------------------------------------------------- frames

    def wants_frames(self) -> bool:
        return self.grading is not None or self.handout_job is not None

    def after_frame(self) -> None:
        """Poll the workers: redraw while one runs (its progress), take its result when it ends."""
        if self.grading is not None:
            self.app.dirty = True
            if self.grading.finished:
                self._grading_finished()
        if self.handout_job is not None:
            self.app.dirty = True
            if self.handout_job.finished:
                self._handout_finished()

    # ----------------------------------------------------------------------------------------- input

    def on_action(self, id: str, payload) -> Flow:
        if id == "teacher:back":
            return Back()
        if id == "teacher:prev":
            self.set_focus("scenario")
            self.choose_scenario(-1)
        elif id == "teacher:next":
            self.set_focus("scenario")
            self.choose_scenario(1)
        elif id == "teacher:handout":
            return self.ask_handout()
        elif id.startswith("teacher:part:"):
            self.toggle_part(payload)
        elif id.startswith("teacher:paper:"):
            self.set_paper(payload)
        elif id == "teacher:grade":
            return self.ask_folder()
        elif id == "teacher:open":
            return self.open_class_view()
        elif id == "teacher:elsewhere":
            return self.ask_results_folder()
        elif id == "teacher:copy":
            code = self.game_code(self.entry)[0] if self.entry is not None else None
            if code and copy_text(code):
                self.app.toast(f"Copied {code}", "good", 2.5)
            elif code:
                self.app.toast("This system offers no clipboard here: write the code down", "bad")
        else:
            return self.panel_action(id, payload)
        return None

    def on_key(self, event) -> Flow:
        key = event.key
        shift = event.mod & pygame.KMOD_SHIFT
        if key == pygame.K_TAB:
            self.move_focus(-1 if shift else 1)
            return True
        if self.focus == "scenario":
            if key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.choose_scenario(-1 if key == pygame.K_LEFT else 1)
                return True
            if key in (pygame.K_UP, pygame.K_DOWN):
                self.move_focus(-1 if key == pygame.K_UP else 1)
                return True
        elif self.focus in SETUP_ROWS and self.entry is not None:
            if key == pygame.K_ESCAPE:  # out of the options first, then (a second Esc) back to the title
                self.set_focus("scenario")
                return True
            answer = self.setup.on_key(event)
            if answer:
                return answer
        if key == pygame.K_ESCAPE:
            return Back()
        if key == pygame.K_h:
            return self.ask_handout() or True
        typed = getattr(event, "unicode", "") or ""
        numbers = "123456789"[: len(PART_NAMES)]
        if self.focus != "seed" and len(typed) == 1 and typed in numbers:  # the seed takes digits of its own
            self.toggle_part(PART_NAMES[numbers.index(typed)])
            return True
        if key == pygame.K_g:
            return self.ask_folder() or True
        if key == pygame.K_b:
            return self.open_class_view() or True
        if key == pygame.K_r:
            return self.ask_results_folder() or True
        return None

    def state(self) -> dict:
        e = self.entry
        code = self.game_code(e)[0] if e is not None else None
        grading = self.grading
        graded = self.graded
        return {
            "focus": self.focus,
            "scenario": e.scenario.id if e is not None else None,
            "settings": self.settings_for(e).to_dict() if e is not None else None,
            "game_code": code,
            "handout": self.handout_done,
            "handout_parts": list(self.parts),
            "paper": self.paper,
            "grading": grading.status if grading is not None else None,
            "graded": None
            if graded is None
            else {"summary": graded.summary, "left_out": [lo.message for lo in graded.left_out]},
        }

    # ------------------------------------------------------------------------------------------ draw

    def draw(self, ui: Ui) -> None:
        self.owners = {}
        w, h = self.app.size
        backdrop(self.app, ui)
        margin = ui.px(36)
        y = ui.px(22)
        r = ui.text((margin, y), "TEACHER", "bold", 30, T.TEXT)
        ui.text(
            (r.right + ui.px(18), r.centery + ui.px(2)),
            "Prepare a class, then grade what it handed in",
            "regular",
            16,
            T.TEXT_DIM,
            "midleft",
            max_width=w - r.right - 2 * margin,
        )
        top = r.bottom + ui.px(14)
        bottom = h - ui.px(74)
        gap = ui.px(20)
        left_w = (w - 2 * margin - gap) * 54 // 100
        left = pygame.Rect(margin, top, left_w, bottom - top)
        right = pygame.Rect(left.right + gap, top, w - margin - left.right - gap, bottom - top)
        self._draw_prepare(ui, left)
        self._draw_after(ui, right)
        by = bottom + ui.px(16)
        ui.button("teacher:back", pygame.Rect(margin, by, ui.px(190), ui.px(42)), "Back to the title", hint="Esc")
        ui.text(
            (margin + ui.px(206), by + ui.px(21)),
            "Tab, ↑ ↓ choose an option, ← → change it  ·  1-4 handout parts  ·  H write the handout  ·  G grade a "
            "folder  ·  R results elsewhere  ·  B class view",
            "regular",
            12,
            T.TEXT_FAINT,
            "midleft",
            max_width=w - margin - ui.px(206) - margin,
        )

    # ------------------------------------------------------------------------------------- prepare

    def _draw_prepare(self, ui: Ui, rect: pygame.Rect) -> None:
        card(ui, rect, (22, 28, 38))
        pad = ui.px(20)
        x, y, width = rect.x + pad, rect.y + ui.px(14), rect.width - 2 * pad
        ui.text((x, y), "1 · Prepare a class", "bold", 20, T.ACCENT, max_width=width)
        y += ui.px(34)
        e = self.entry
        if e is None:
            ui.paragraph(x, y, width, "No playable scenario was found: see the title screen.", size=14, color=T.BAD)
            return
        # the crisis: ‹ title ›
        row = ui.px(32)
        focused = self.focus == "scenario"
        if focused:
            ui.rect(pygame.Rect(x - ui.px(5), y - ui.px(4), width + ui.px(10), row + ui.px(8)), T.ACCENT, ui.px(7), 1)
        label = ui.text((x, y + row // 2), "Crisis", "semibold", 13, T.ACCENT if focused else T.TEXT_DIM, "midleft")
        ui.hotspot("teacher:scenario", pygame.Rect(x, y, label.width, row), tooltip="← → choose the crisis")
        cx = x + ui.px(92)
        ui.button("teacher:prev", pygame.Rect(cx, y, row, row), "‹", reason="the previous crisis (←)", size=16)
        ui.button("teacher:next", pygame.Rect(x + width - row, y, row, row), "›", reason="the next crisis (→)", size=16)
        count = f"  ({self.highlight + 1} of {len(self.entries)})"
        ui.text(
            ((cx + row + x + width - row) // 2, y + row // 2),
            ui.fit(e.title, "bold", 16, x + width - cx - 2 * row - ui.px(90)) + count,
            "bold",
            16,
            T.TEXT,
            "center",
            max_width=x + width - cx - 2 * row - ui.px(12),
        )
        y += row + ui.px(6)
        setup_h = self.setup.height(ui)
        self.drawn_by(self.setup, ui, self.setup.draw, ui, pygame.Rect(x, y, width, setup_h - ui.px(22)), e)
        y += setup_h - ui.px(14)
        y = self._draw_code(ui, x, y, width, e)
        self._draw_handout(ui, x, y + ui.px(10), width)

    def _draw_code(self, ui: Ui, x: int, y: int, width: int, e: ScenarioEntry) -> int:
        code, problem = self.game_code(e)
        box = pygame.Rect(x, y, width, ui.px(104))
        ui.rect(box, (14, 19, 27), ui.px(8))
        ui.rect(box, T.LINE, ui.px(8), width=1)
        copy_w = ui.px(74)
        ui.text(
            (x + ui.px(14), y + ui.px(8)),
            "GAME CODE · for the board: students type it under “Have a game code?”",
            "semibold",
            12,
            T.TEXT_DIM,
            max_width=width - copy_w - ui.px(40),
        )
        if code:
            r = ui.text((x + ui.px(14), y + ui.px(24)), code, "bold", 40, T.ACCENT, max_width=width - ui.px(28))
            ui.hotspot("teacher:code", r, tooltip="Every student who types this code plays this game, same dice")
            ui.button(
                "teacher:copy",
                pygame.Rect(box.right - copy_w - ui.px(10), y + ui.px(8), copy_w, ui.px(26)),
                "Copy",
                size=12,
                reason="copy the code to the clipboard",
            )
            # What the code means, under it: the options and the seed it holds.
            ui.text(
                (x + ui.px(14), y + ui.px(80)),
                f"{self.settings_for(e).describe()} · seed {self.app.seed}",
                "regular",
                12,
                T.TEXT_DIM,
                max_width=width - ui.px(28),
            )
        else:
            ui.paragraph(
                x + ui.px(14), y + ui.px(30), width - ui.px(28), f"No game code: {problem}", size=13, color=T.TEXT_DIM
            )
        return box.bottom

    def _draw_handout(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The handout's parts and paper, its button and what it writes (or wrote, or is writing); returns the y
        below."""
        y = ui.heading(x, y, "Handout · for this game and these options", width)
        row, small = ui.px(30), ui.px(6)
        paper_w = ui.px(60)
        papers_x = x + width - 2 * paper_w - small
        part_w = (papers_x - x - ui.px(14) - (len(HANDOUT_PARTS) - 1) * small) // len(HANDOUT_PARTS)
        for i, (part, label, holds) in enumerate(HANDOUT_PARTS):
            chosen = part in self.parts
            ui.button(
                f"teacher:part:{part}",
                pygame.Rect(x + i * (part_w + small), y, part_w, row),
                label,
                payload=part,
                selected=chosen,
                size=12,
                reason=f"{holds} ({i + 1}: {'leave it out' if chosen else 'add it'})",
            )
        for i, paper in enumerate(PAPERS):
            ui.button(
                f"teacher:paper:{paper}",
                pygame.Rect(papers_x + i * (paper_w + small), y, paper_w, row),
                paper.upper() if paper == "a4" else paper.capitalize(),
                payload=paper,
                selected=self.paper == paper,
                size=12,
                reason=f"print on {'A4' if paper == 'a4' else 'US Letter'} paper",
            )
        y += row + ui.px(10)
        job = self.handout_job
        bw = ui.px(210)
        ui.button(
            "teacher:handout",
            pygame.Rect(x, y, bw, ui.px(38)),
            "Write the handout…",
            hint="H",
            size=14,
            enabled=job is None,
            reason="writing it now" if job is not None else "choose a folder; the parts chosen are written there",
        )
        tx, tw = x + bw + ui.px(14), width - bw - ui.px(14)
        below = y + ui.px(38)
        if job is not None:
            what, done, total = job.status
            ui.text((tx, y + ui.px(4)), f"Writing {what}…", "regular", 13, T.TEXT_DIM, max_width=tw)
            ui.bar(pygame.Rect(tx, y + ui.px(24), tw, ui.px(8)), job.fraction, 0, 1, T.ACCENT)
        elif self.handout_done:
            below = max(below, ui.paragraph(tx, y, tw, self.handout_done, size=12, color=T.GOOD, max_lines=3))
        else:
            said = "One page per part, to print from any browser; named after the crisis and the game code."
            below = max(below, ui.paragraph(tx, y, tw, said, size=12, color=T.TEXT_FAINT, max_lines=3))
        return below

    # --------------------------------------------------------------------------------------- after class

    def _draw_after(self, ui: Ui, rect: pygame.Rect) -> None:
        card(ui, rect, (22, 28, 38))
        pad = ui.px(20)
        x, y, width = rect.x + pad, rect.y + ui.px(14), rect.width - 2 * pad
        ui.text((x, y), "2 · After class", "bold", 20, T.ACCENT, max_width=width)
        y += ui.px(34)
        y = ui.paragraph(
            x,
            y,
            width,
            "Students hand in their game from the debrief (Hand in). Pick the folder they handed in to: every "
            "game is graded into the class view, the gradebook (CSV) and one report per student.",
            size=13,
            color=T.TEXT_DIM,
        ) + ui.px(10)
        running = self.grading is not None
        ui.button(
            "teacher:grade",
            pygame.Rect(x, y, min(width, ui.px(300)), ui.px(40)),
            "Grade a folder of games…" if self.graded is None else "Grade a folder again…",
            kind="primary",
            hint="G",
            size=15,
            enabled=not running,
            reason="grading now" if running else "choose the folder the students handed in to",
        )
        y += ui.px(50)
        if self.handed_in is not None:
            ew = ui.px(170)
            ui.button(
                "teacher:elsewhere",
                pygame.Rect(x + width - ew, y - ui.px(46), ew, ui.px(32)),
                "Results elsewhere…",
                hint="R",
                size=12,
                enabled=not running,
                reason="grade this folder again into a folder of your own (students may see a shared folder)",
            )
            text_w = width
            ui.text((x, y), f"Games from: {self.handed_in}", "regular", 12, T.TEXT_DIM, max_width=text_w)
            ui.text((x, y + ui.px(18)), f"Results to:  {self.results}", "regular", 12, T.TEXT_DIM, max_width=text_w)
            y += ui.px(44)
        if running:
            self._draw_progress(ui, x, y, width)
        elif self.graded is not None and self.graded.ok:
            self._draw_results(ui, pygame.Rect(x, y, width, rect.bottom - pad - y))
        elif self.graded is not None:
            ui.paragraph(x, y, width, self.graded.summary, size=13, color=T.BAD, max_lines=4)

    def _draw_progress(self, ui: Ui, x: int, y: int, width: int) -> None:
        what, done, total = self.grading.status
        counted = f"{done} of {total}" if total else ""
        ui.text((x, y), f"Grading: {what}", "semibold", 14, T.TEXT, max_width=width - ui.px(90))
        ui.text((x + width, y), counted, "semibold", 14, T.TEXT_DIM, "topright")
        ui.bar(pygame.Rect(x, y + ui.px(26), width, ui.px(14)), self.grading.fraction, 0, 1, T.ACCENT)
        ui.paragraph(
            x,
            y + ui.px(50),
            width,
            "Each game is replayed from its orders, so no score can be typed in; the window stays usable meanwhile.",
            size=12,
            color=T.TEXT_FAINT,
            max_lines=2,
        )

    def _draw_results(self, ui: Ui, rect: pygame.Rect) -> None:
        result = self.graded
        x, y, width = rect.x, rect.y, rect.width
        y = ui.paragraph(x, y, width, result.summary, size=13, color=T.GOOD, max_lines=3) + ui.px(6)
        bw = ui.px(230)
        ui.button(
            "teacher:open",
            pygame.Rect(x, y, bw, ui.px(34)),
            "Open the class view",
            hint="B",
            size=14,
            enabled=result.page is not None,
            reason=f"{result.page} in the web browser" if result.page else "no class view was written",
        )
        y += ui.px(44)
        view = result.view
        ranked = view.ranked if view is not None else []
        y = ui.heading(x, y, f"Top of the class ({len(ranked)} ranked)", width)
        for e in ranked[:TOP_LINES]:
            who = e.player_name + (f" & {e.rival_name}" if e.two_sided else "")
            ui.text((x, y), f"{e.rank}.", "semibold", 13, T.TEXT_DIM)
            ui.text((x + ui.px(30), y), who, "semibold", 13, T.TEXT, max_width=width - ui.px(250))
            ui.text(
                (x + width, y),
                f"{e.score:.1f} · {e.outcome}",
                "regular",
                13,
                T.TEXT_DIM,
                "topright",
                max_width=ui.px(210),
            )
            y += ui.px(20)
        if len(ranked) > TOP_LINES:
            ui.text((x, y), f"… {len(ranked) - TOP_LINES} more in the class view", "regular", 12, T.TEXT_FAINT)
            y += ui.px(20)
        # The file's name and its reason (the full path is the folder shown above, and in the gradebook).
        lines = [*result.notes, *(f"{lo.path.name}: {lo.reason}" for lo in result.left_out), *result.problems]
        y += ui.px(8)
        y = ui.heading(x, y, f"Left out ({len(result.left_out)})" if lines else "Nothing left out", width)
        if not lines:
            return
        area = ui.begin_scroll("teacher.leftout", pygame.Rect(x, y, width, rect.bottom - y))
        ly = area.rect.y
        for line in lines:
            ly = ui.paragraph(x, ly, width - ui.px(10), line, size=12, color=(250, 170, 160)) + ui.px(4)
        ui.end_scroll(ly)
