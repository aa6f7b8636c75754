"""Briefing: the situation, the player's role, the objectives, the calendar and the sources."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pygame

from .. import theme as T
from ..app import Screen
from ..widgets import Ui
from .common import backdrop, card


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
    name = "briefing"

    def on_action(self, id: str, payload) -> None:
        if id == "begin":
            self.begin()
        elif id == "back":
            from .title import TitleScreen

            self.app.replace(TitleScreen(self.app))

    def begin(self) -> None:
        from .play import PlayScreen

        self.app.replace(PlayScreen(self.app))

    def on_key(self, event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.begin()
            return True
        if event.key == pygame.K_ESCAPE:
            from .dialogs import PauseScreen

            self.app.push(PauseScreen(self.app))
            return True
        return False

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
        )
        ui.button("back", pygame.Rect(margin, by, ui.px(170), ui.px(50)), "Back to title", kind="ghost")
        ui.text(
            (margin + ui.px(190), by + ui.px(25)),
            f"Seed {session.seed}  ·  rival plays '{session.rival_policy}'",
            "regular",
            13,
            T.TEXT_FAINT,
            "midleft",
        )

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

    def _right(self, ui: Ui, rect: pygame.Rect, doc, session) -> None:
        card(ui, rect, (22, 28, 38))
        pad = ui.px(22)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.begin_scroll("briefing.right", rect.inflate(-2, -2))
        y = rect.y + pad
        cal = doc.calendar
        y = ui.heading(x, y, "Calendar", width)
        ui.text((x, y), f"{cal.start:%-d %B %Y}", "bold", 17, T.TEXT)
        ui.text((x + width, y), f"{cal.resolves:%-d %B %Y}", "bold", 17, T.BAD, "topright")
        y += ui.px(28)
        # a strip of week boxes, the resolution date at the end
        n = cal.weeks
        box_w = (width - ui.px(4) * (n - 1)) / max(1, n)
        month = None
        for i in range(n):
            bx = x + round(i * (box_w + ui.px(4)))
            ui.rect(pygame.Rect(bx, y, max(2, round(box_w)), ui.px(18)), T.PANEL_3, ui.px(3))
            day = cal.start + dt.timedelta(days=7 * i)
            if day.month != month:
                month = day.month
                ui.text((bx, y + ui.px(22)), f"{day:%b}", "regular", 11, T.TEXT_FAINT)
        y += ui.px(42)
        resolves = cal.resolves_label or "the crisis resolves"
        y = ui.paragraph(
            x,
            y,
            width,
            f"{n} weekly turns. On {cal.resolves:%-d %B %Y}: {resolves}. Each country's "
            "alignment then decides what it commits to.",
            size=14,
            color=T.TEXT_DIM,
        ) + ui.px(14)
        y = ui.heading(x, y, "What counts at the end", width)
        ladder = (
            ("UN vote", "how it votes on condemning the invasion (yes, abstain, no)"),
            ("Sanctions", "whether it joins coordinated sanctions"),
            ("Arms", "whether it sends weapons"),
            ("Energy", "for producers: whether they help replace Russian energy"),
        )
        for name, what in ladder:
            ui.text((x, y), name, "semibold", 14, T.TEXT)
            y = ui.paragraph(x + ui.px(86), y, width - ui.px(86), what, size=13, color=T.TEXT_DIM) + ui.px(4)
        y += ui.px(10)
        y = ui.heading(x, y, "Alignment", width)
        ui.alignment_scale(pygame.Rect(x, y + ui.px(4), width, ui.px(10)))
        y += ui.px(20)
        ui.text((x, y), "−100  with Moscow", "regular", 12, T.MOSCOW)
        ui.text((x + width, y), "with Washington  +100", "regular", 12, T.WASHINGTON, "topright")
        y += ui.px(30)
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
            ui.text((x, y), f"seeds/{seed}", "semibold", 13, T.TEXT, max_width=width - ui.px(90))
            ui.text((x + width, y), f"{n_cites} passages", "regular", 12, T.TEXT_FAINT, "topright")
            y += ui.px(22)
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
