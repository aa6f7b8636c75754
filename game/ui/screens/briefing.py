"""Briefing: the situation, the player's role, the objectives, the calendar and the sources."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pygame

from game.classroom.sources import cite_seed
from game.classroom.words import open_rungs
from game.dates import day_text
from game.scenario import Problem, check
from game.sim.settings import FOG_BANDS

from .. import theme as T
from ..flow import STAY, Flow, Open, Say, Switch
from ..screen import Screen
from ..widgets import Ui
from .common import backdrop, band_legend, card, game_code


def cited_sources(doc) -> Counter:
    """How many passages the scenario cites from each seed file."""
    counts: Counter = Counter()

    def add(sources) -> None:
        for s in sources:
            counts[s.seed] += 1

    for actor in doc.actors.values():
        add(actor.sources)
    for c in doc.countries.values():
        add(c.sources)
    for e in doc.events:
        add(e.sources)
    for t in doc.topics.values():
        add(t.sources)
    for g in doc.groups.values():
        add(g.sources)
    for d in doc.deputies.values():
        add(d.sources)
    return counts


class BriefingScreen(Screen):
    """The briefing.  F5 reloads the scenario file from disk (for an author at work): with errors, they are
    listed in the window and the last version that loaded stays; fixed, the briefing shows the new version."""

    name = "briefing"

    def __init__(self, app, problems: list[Problem] | None = None):
        super().__init__(app)
        self.problems: list[Problem] = list(problems or [])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def on_action(self, id: str, payload) -> Flow:
        if id == "begin":
            return self.begin()
        if id == "back":
            return Switch("title")
        if id == "reload":
            return self.reload()
        if id == "hide_problems":
            self.problems = []
        return None

    def begin(self) -> Flow:
        if self.errors:
            self.app.toast("The file has errors: fix them and press F5, or hide them to play the last version", "bad")
            return STAY
        return Switch("game")  # two players: the hand-over to the first side

    def reload(self) -> Flow:
        """Read the scenario file again and check it; a good file starts the briefing anew, same seed."""
        app = self.app
        session = app.session
        path = session.scenario.path
        if path is None:
            app.toast("This scenario was not loaded from a file: there is nothing to reload", "bad")
            return STAY
        scenario, problems = check(path)
        app.scrolls.pop("briefing.problems", None)
        if scenario is None:
            self.problems = list(problems) or [
                Problem(str(path), 1, 1, "error", "E001", "the file could not be loaded")
            ]
            app.toast(f"{Path(path).name}: {len(self.errors)} errors; the last version that loaded stays", "bad")
            return STAY
        started = app.new_game(scenario, session.seed, session.settings)
        if not isinstance(started, Switch):
            return started  # the new version cannot take the game's settings (fewer weeks): the message says so
        return (
            started.with_args(problems=list(problems)),  # warnings only
            Say(f"Reloaded {Path(path).name}: {scenario.title}", "good"),
        )

    def on_key(self, event) -> Flow:
        if event.key == pygame.K_F5:
            return self.reload()
        if self.problems and event.key in self.app.SCROLL_KEYS:
            self.app.scroll_by_key("briefing.problems", event.key)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.begin()
        if event.key == pygame.K_ESCAPE:
            if self.problems:
                self.problems = []
                return True
            return Open("pause")
        return False

    def state(self) -> dict:
        return {
            "title": self.app.session.scenario.title,
            "problems": [str(p) for p in self.problems],
        }

    def draw(self, ui: Ui) -> None:
        app = self.app
        session = app.session
        doc = session.scenario.doc
        w, h = app.size
        backdrop(app, ui)
        margin = ui.px(44)
        x, y = margin, ui.px(30)
        ui.text((x, y), "BRIEFING  ·  TOP SECRET // NOFORN (NOT REALLY)", "semibold", 13, T.ACCENT)
        y += ui.px(22)
        ui.text((x, y), doc.title, "bold", 40, T.TEXT, max_width=w - 2 * margin)
        y += ui.px(50)
        if doc.subtitle:
            ui.text((x, y), doc.subtitle, "regular", 18, T.TEXT_DIM, max_width=w - 2 * margin)
            y += ui.px(34)
        bottom = h - ui.px(96)
        gap = ui.px(24)
        col_w = (w - 2 * margin - gap) * 56 // 100
        left = pygame.Rect(x, y, col_w, bottom - y)
        right = pygame.Rect(left.right + gap, y, w - margin - left.right - gap, bottom - y)
        if self.problems:
            self._problems(ui, pygame.Rect(x, y, w - 2 * margin, bottom - y), session)
        else:
            self._left(ui, left, doc)
            self._right(ui, right, doc, session)
        by = h - ui.px(76)
        ui.button(
            "begin",
            pygame.Rect(w - margin - ui.px(260), by, ui.px(260), ui.px(50)),
            "Take office",
            kind="primary",
            hint="Enter",
            size=18,
            enabled=not self.errors,
            reason="the file has errors: fix them and press F5, or hide them to play the last version that loaded"
            if self.errors
            else "",
        )
        ui.button("back", pygame.Rect(margin, by, ui.px(170), ui.px(50)), "Back to title", kind="ghost")
        self._game_line(ui, pygame.Rect(margin + ui.px(190), by, w - 2 * margin - ui.px(470), ui.px(50)))

    def _game_line(self, ui: Ui, rect: pygame.Rect) -> None:
        """The game code, big enough to read from the teacher's desk, and the settings it stands for."""
        session = self.app.session
        code, problem = game_code(self.app)
        x = rect.x
        if code:
            r = ui.text((x, rect.y + ui.px(13)), "GAME CODE", "semibold", 11, T.TEXT_FAINT, "midleft")
            ui.text((r.right + ui.px(10), rect.y + ui.px(13)), code, "bold", 19, T.ACCENT, "midleft")
        else:
            ui.text(
                (x, rect.y + ui.px(13)),
                f"No game code ({problem})",
                "regular",
                12,
                T.TEXT_FAINT,
                "midleft",
                max_width=rect.width,
            )
        rival = session.rules.labels.actors[session.rival]
        parts = [session.settings.describe(), f"seed {session.seed}"]
        if session.two_sided:
            parts.append(f"a second player plays {rival}")
        elif session.settings.difficulty == "custom":
            parts.append(f"{rival} plays '{session.rival_policy}'")
        if session.first_turn:
            parts.append(f"you take over in week {session.first_turn + 1} (history played the weeks before)")
        ui.text(
            (x, rect.y + ui.px(37)),
            "  ·  ".join(parts),
            "regular",
            12,
            T.TEXT_DIM,
            "midleft",
            max_width=rect.width,
        )

    def _problems(self, ui: Ui, rect: pygame.Rect, session) -> None:
        """What the validator found in the file, one line each as ``file:line:col: severity CODE message``."""
        errors = self.errors
        warnings = len(self.problems) - len(errors)
        border = T.BAD if errors else T.ACCENT
        card(ui, rect, (30, 24, 28) if errors else (22, 28, 38), border)
        pad = ui.px(22)
        x, width = rect.x + pad, rect.width - 2 * pad
        y = rect.y + pad
        name = Path(session.scenario.path).name if session.scenario.path else session.scenario.id
        if errors:
            title = f"⚠  {name}: {len(errors)} error{'s' if len(errors) != 1 else ''}"
            title += f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
            note = (
                "Fix them in your editor and press F5 to load the file again. The game keeps the last version "
                f"that loaded ({session.scenario.title}); Hide (Esc) goes back to it."
            )
        else:
            title = f"{name} loaded, with {warnings} warning{'s' if warnings != 1 else ''}"
            note = "Warnings point at likely mistakes; the scenario plays. F5 loads the file again after a change."
        bw = ui.px(130)
        ui.text((x, y), title, "symbold", 20, T.TEXT, max_width=width - 2 * bw - ui.px(20))
        ui.button(
            "reload",
            pygame.Rect(rect.right - pad - 2 * bw - ui.px(8), y - ui.px(4), bw, ui.px(34)),
            "Reload",
            hint="F5",
            size=13,
            reason="read the file again and check it",
        )
        ui.button(
            "hide_problems",
            pygame.Rect(rect.right - pad - bw, y - ui.px(4), bw, ui.px(34)),
            "Hide",
            hint="Esc",
            size=13,
            reason="back to the briefing",
        )
        y += ui.px(36)
        y = ui.paragraph(x, y, width, note, size=13, color=T.TEXT_DIM) + ui.px(10)
        ui.line((x, y), (x + width, y), T.LINE)
        y += ui.px(8)
        area = pygame.Rect(rect.x + 2, y, rect.width - 4, rect.bottom - y - ui.px(10))
        ui.begin_scroll("briefing.problems", area)
        for p in self.problems:
            colour = (250, 170, 160) if p.severity == "error" else (240, 210, 140)
            y = ui.paragraph(x, y, width, str(p), size=13, color=colour) + ui.px(6)
        ui.end_scroll(y + ui.px(6))

    def _left(self, ui: Ui, rect: pygame.Rect, doc) -> None:
        card(ui, rect, (22, 28, 38))
        pad = ui.px(22)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.begin_scroll("briefing.left", rect.inflate(-2, -2))
        y = rect.y + pad
        y = ui.heading(x, y, "The situation", width)
        y = ui.paragraph(x, y, width, doc.summary, size=16) + ui.px(14)
        y = ui.heading(x, y, "Your role", width)
        y = ui.paragraph(x, y, width, doc.role, size=16, color=T.TEXT) + ui.px(14)
        y = ui.heading(x, y, "Objectives", width)
        for i, objective in enumerate(doc.objectives, 1):
            ui.text((x, y), f"{i}", "bold", 16, T.ACCENT)
            y = ui.paragraph(x + ui.px(22), y, width - ui.px(22), objective, size=15) + ui.px(6)
        y += ui.px(8)
        y = ui.heading(x, y, "How a week works", width)
        steps = (
            "Pick a country on the map or in the list to open its dossier.",
            "Choose an action — a call, a visit, a deputy's call or a group call — and a topic it cares about.",
            "Queue as many orders as your calls, trip and deputies allow; undo freely.",
            "End the week (Space): your orders, Moscow's, drift and the news all resolve at once.",
        )
        for step in steps:
            ui.text((x, y), "›", "bold", 15, T.ACCENT)
            y = ui.paragraph(x + ui.px(18), y, width - ui.px(18), step, size=14, color=T.TEXT_DIM) + ui.px(4)
        ui.end_scroll(y + pad)

    def _what_counts(self, ui: Ui, x: int, y: int, width: int, session) -> int:
        """The rungs of the commitment ladder in the scenario's words (a rung closed to every country is left
        out), then the crisis tracks with their goals and what reaching them is worth."""
        sc = session.scenario
        doc = sc.doc
        y = ui.heading(x, y, "What counts at the end", width)
        rungs = open_rungs(sc)
        if doc.commitments.description:
            y = ui.paragraph(x, y, width, doc.commitments.description, size=13, color=T.TEXT_DIM) + ui.px(6)
        name_w = min(width // 3, max((ui.width_of(name, "semibold", 14) for _, name, _ in rungs), default=0))
        col = name_w + ui.px(14)
        for rung, name, meaning in rungs:
            text = meaning
            spec = doc.commitments.rung(rung)
            if spec.options is not None:  # a vote: its options from best to worst
                words = ", ".join(o.label for o in reversed(spec.options))
                text = f"{meaning} ({words})" if meaning else words
            if spec.bloc is not None:
                group = doc.groups[spec.bloc.group].name
                sep = " " if text.rstrip().endswith((".", ")")) else ". " if text else ""
                text += f"{sep}Decided by the {group} together ({spec.bloc.rule.replace('_', ' ')})."
            lines = ui.wrap(name, "semibold", 14, name_w)
            top = y
            for line in lines:
                ui.text((x, y), line, "semibold", 14, T.TEXT)
                y += ui.line_height("semibold", 14)
            y = max(y, ui.paragraph(x + col, top, width - col, text, size=13, color=T.TEXT_DIM)) + ui.px(4)
        tracks = list(doc.tracks.values())
        if tracks:
            y += ui.px(6)
            rival = doc.actors[doc.rival].name
            y = ui.paragraph(
                x,
                y,
                width,
                f"And the crisis tracks (0-100), moved by talks with {rival}:",
                "semibold",
                13,
                T.TEXT,
            ) + ui.px(4)
            for track in tracks:
                ui.text((x, y), "›", "bold", 14, T.ACCENT)
                if track.goal is not None:
                    head = (
                        f"{track.name}: reach {track.goal:.0f} (now {track.start:.0f}) for +{track.points:.0f} points"
                    )
                    body = track.outcome or track.description
                else:
                    head = f"{track.name} (now {track.start:.0f}): scores nothing"
                    body = track.description
                y = ui.paragraph(x + ui.px(16), y, width - ui.px(16), head, "semibold", 13, T.TEXT)
                if body:
                    y = ui.paragraph(x + ui.px(16), y, width - ui.px(16), body, size=12, color=T.TEXT_DIM)
                y += ui.px(6)
        return y

    def _right(self, ui: Ui, rect: pygame.Rect, doc, session) -> None:
        card(ui, rect, (22, 28, 38))
        pad = ui.px(22)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.begin_scroll("briefing.right", rect.inflate(-2, -2))
        y = rect.y + pad
        cal = doc.calendar
        y = ui.heading(x, y, "Calendar", width)
        ui.text((x, y), day_text(cal.start), "bold", 17, T.TEXT)
        ui.text((x + width, y), day_text(cal.resolves), "bold", 17, T.BAD, "topright")
        y += ui.px(28)
        # a strip of week boxes, the resolution date at the end
        n = cal.weeks
        box_w = (width - ui.px(4) * (n - 1)) / max(1, n)
        month = None
        first = session.first_turn  # a shorter game: the weeks before are history's, drawn hollow
        for i in range(n):
            bx = x + round(i * (box_w + ui.px(4)))
            box = pygame.Rect(bx, y, max(2, round(box_w)), ui.px(18))
            if i < first:
                ui.rect(box, T.LINE, ui.px(3), width=1)
            else:
                ui.rect(box, T.PANEL_3, ui.px(3))
            day = cal.start + dt.timedelta(days=7 * i)
            if day.month != month:
                month = day.month
                ui.text((bx, y + ui.px(22)), f"{day:%b}", "regular", 11, T.TEXT_FAINT)
        y += ui.px(42)
        resolves = cal.resolves_label or "the crisis resolves"
        played = f"{n} weekly turns"
        if first:
            played = f"{n} weeks; you play the last {n - first} (the hollow ones go as history did)"
        y = ui.paragraph(
            x,
            y,
            width,
            f"{played}. On {day_text(cal.resolves)}: {resolves}. Each country's alignment then decides what it "
            "commits to.",
            size=14,
            color=T.TEXT_DIM,
        ) + ui.px(14)
        y = self._what_counts(ui, x, y, width, session) + ui.px(10)
        y = ui.heading(x, y, "Alignment", width)
        scale = pygame.Rect(x, y + ui.px(4), width, ui.px(10))
        if session.settings.fog:
            band_legend(ui, scale)
        else:
            ui.alignment_scale(scale)
        y += ui.px(20)
        ui.text((x, y), "−100  with Moscow", "regular", 12, T.MOSCOW)
        ui.text((x + width, y), "with Washington  +100", "regular", 12, T.WASHINGTON, "topright")
        y += ui.px(24)
        if session.settings.fog:
            bands = ", ".join(b.label for b in FOG_BANDS)
            y = ui.paragraph(
                x,
                y,
                width,
                f"Fog is on: you see each country's band, not its number ({bands}), and only whether a week moved "
                "it into another band. The debrief shows the exact numbers.",
                size=13,
                color=T.ACCENT,
            )
        y += ui.px(6)
        y = ui.heading(x, y, "Sources", width)
        y = ui.paragraph(
            x,
            y,
            width,
            "Every position, event and number cites a passage from these news articles; "
            "a country's dossier quotes its own.",
            size=13,
            color=T.TEXT_DIM,
        ) + ui.px(6)
        counts = cited_sources(doc)
        for seed in doc.seeds:
            n_cites = counts.get(seed, 0)
            ui.text((x + width, y), f"{n_cites} passages", "regular", 12, T.TEXT_FAINT, "topright")
            # Wrapped, not cut: the outlet and the date come last and are what a reader looks the article up by.
            y = ui.paragraph(x, y, width - ui.px(90), cite_seed(seed), "semibold", 13, T.TEXT) + ui.px(6)
        y += ui.px(4)
        y = ui.paragraph(
            x,
            y,
            width,
            "Map: Natural Earth (public domain) via world-atlas.  Numbers marked INVENTED "
            "in the scenario file are game weights, not facts.",
            size=12,
            color=T.TEXT_FAINT,
        )
        ui.end_scroll(y + pad)
