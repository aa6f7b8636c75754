"""The feed under the map: the crisis's dated news, and what the other side did last week."""

from __future__ import annotations

import pygame

from game.classroom.promise_words import promise_news
from game.classroom.sources import cite_seed
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
        promised: list[tuple[int, str, str]] = []  # (turn, words, tone): promises kept and broken, newest first
        for week in reversed(session.weeks):
            for ev in week.record.events:
                items.append((week.record.turn, ev.event))
            for text, tone in promise_news(session, week):
                if tone != "note":
                    promised.append((week.record.turn, text, tone))
        for turn, text, tone in promised:
            colour = T.GOOD if tone == "good" else T.BAD
            ui.text((news.x, y), f"week {turn + 1}", "semibold", 11, colour)
            r = ui.text((news.x + ui.px(62), y), text, "regular", 13, T.TEXT, max_width=news.width - ui.px(66))
            ui.hotspot(f"promise_news:{turn}:{y}", pygame.Rect(news.x, y, news.width, r.height), tooltip=text)
            y += ui.px(21)
        if not items and not promised:
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
            # Only what really happened carries a date: a move raised in this game (an escalation) or a what-if
            # event is labelled as such in the list itself, not only in its tooltip, so that no one takes it home
            # as history.
            raised_by = getattr(ev, "by", None)
            if ev.date:
                when, colour, shade = day_text(ev.date, "%b"), T.ACCENT, T.TEXT
            elif raised_by is not None:
                when, colour, shade = "this game", T.MOSCOW, T.TEXT_DIM
            else:
                when, colour, shade = "what-if", T.TEXT_FAINT, T.TEXT_DIM
            ui.text((news.x, y), when, "semibold", 11 if not ev.date else 12, colour)
            r = ui.text((news.x + ui.px(62), y), ev.headline, "regular", 13, shade, max_width=news.width - ui.px(66))
            src = ev.sources[0] if ev.sources else None
            tip = (ev.body + "\n" if ev.body else "") + (f"Source: {cite_seed(src.seed)}" if src else "")
            if raised_by is not None:
                rules = session.rules
                who = rules.labels.actors[rules.actors.index(raised_by)] if raised_by in rules.actors else raised_by
                tip += f"\nRaised by {who} in this game, week {turn + 1}: a move of the game, not a dated event."
            elif ev.invented or not ev.date:
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
