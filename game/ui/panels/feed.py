"""The feed under the map: the crisis's dated news, and what the other side did last week."""

from __future__ import annotations

import pygame

from game.classroom.words import contact_lines, fogged, signed
from game.dates import day_text

from .. import theme as T
from ..widgets import Ui
from .base import Panel


class Feed(Panel):
    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        sc = session.scenario
        ui.rect(rect, (14, 18, 25))
        ui.line((rect.x, rect.y), (rect.right, rect.y), T.LINE)
        pad = ui.px(14)
        news_w = rect.width * 58 // 100
        news = pygame.Rect(rect.x + pad, rect.y + pad, news_w - 2 * pad, rect.height - 2 * pad)
        rival = pygame.Rect(
            news.right + 2 * pad, rect.y + pad, rect.right - news.right - 3 * pad, rect.height - 2 * pad
        )
        ui.line((news.right + pad, rect.y + pad), (news.right + pad, rect.bottom - pad), T.LINE)
        y = ui.heading(news.x, news.y, "News", news.width)
        ui.begin_scroll("map.news", pygame.Rect(news.x, y, news.width, news.bottom - y))
        items = []
        for week in reversed(session.weeks):
            for ev in week.record.events:
                items.append((week.record.turn, ev.event))
        if not items:
            y = ui.paragraph(
                news.x,
                y,
                news.width,
                "Nothing has happened yet. Dated events of the crisis appear "
                "here as the weeks go by, each with its source.",
                size=13,
                color=T.TEXT_DIM,
            )
        for turn, index in items:
            ev = sc.event(index)
            when = day_text(ev.date, "%b") if ev.date else f"wk {turn + 1}"
            ui.text((news.x, y), when, "semibold", 12, T.ACCENT)
            r = ui.text((news.x + ui.px(56), y), ev.headline, "regular", 13, T.TEXT, max_width=news.width - ui.px(60))
            src = ev.sources[0] if ev.sources else None
            tip = (ev.body + "\n" if ev.body else "") + (f"Source: seeds/{src.seed}" if src else "")
            if ev.invented:
                tip += "\nA what-if event of the game, not in the sources."
            ui.hotspot(f"news:{turn}:{index}", pygame.Rect(news.x, y, news.width, r.height), tooltip=tip.strip())
            y += ui.px(21)
        ui.end_scroll(y)
        actor = session.rules.labels.actors[self.screen.other]
        y = ui.heading(rival.x, rival.y, f"{actor}'s moves last week", rival.width)
        ui.begin_scroll("map.rival", pygame.Rect(rival.x, y, rival.width, rival.bottom - y))
        if not session.weeks:
            y = ui.paragraph(
                rival.x,
                y,
                rival.width,
                f"{actor} has not moved yet. What it did shows here after each week, with what it achieved.",
                size=13,
                color=T.TEXT_DIM,
            )
        else:
            for text, total in contact_lines(session, session.weeks[-1], self.screen.other):
                ui.text((rival.x, y), text, "regular", 13, T.TEXT, max_width=rival.width - ui.px(56))
                if not fogged(session):
                    ui.text(
                        (rival.right - ui.px(6), y), signed(total), "semibold", 13, T.delta_color(total), "topright"
                    )
                y += ui.px(21)
        ui.end_scroll(y)
