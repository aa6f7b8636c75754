"""The country list of the side panel: every country by region, its alignment (under fog: its band), its trend
and whether an order is queued for it; a row opens the dossier."""

from __future__ import annotations

import pygame

from game.classroom.words import alignment_word, band_step, fogged, shown_alignments, trend

from .. import theme as T
from ..flow import Flow
from ..widgets import Ui
from .base import Panel, order_countries
from .stakes import at_risk, gap_text, gaps_of, risk_text


class CountryList(Panel):
    def on_action(self, id: str, payload) -> Flow:
        if id.startswith("country:"):
            self.screen.select(payload)
        return None

    def on_key(self, event) -> Flow:
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.screen.selected is None:
            self.step(1)
        elif key == pygame.K_TAB or key in (pygame.K_DOWN, pygame.K_UP):
            back = (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT) or key == pygame.K_UP
            self.step(-1 if back else 1)
        else:
            return None
        return True

    def step(self, step: int) -> None:
        """Open the next (or previous) country of the list."""
        order, selected = self.screen.order_list, self.screen.selected
        if selected is None or selected not in order:
            c = order[0] if step > 0 else order[-1]
        else:
            c = order[(order.index(selected) + step) % len(order)]
        self.screen.select(c)

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        rules = self.rules
        a = session.alignment()
        fog = fogged(session)
        swatch = shown_alignments(a, fog)
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.begin_scroll("map.panel", rect)
        y = rect.y
        targets = {c for o in session.pending.orders for c in order_countries(self.rules, o)}
        gaps = gaps_of(session, self.screen.me)
        region = None
        row_h = ui.px(28)
        for c in self.screen.order_list:
            if rules.region_of[c] != region:
                region = rules.region_of[c]
                y += ui.px(4)
                y = ui.heading(x, y, rules.labels.regions[region], width, size=11)
            r = pygame.Rect(x, y, width, row_h - ui.px(2))
            if c == self.screen.selected:
                ui.rect(r, (52, 64, 84), ui.px(5))
            ui.rect(
                pygame.Rect(r.x + ui.px(6), r.centery - ui.px(7), ui.px(14), ui.px(14)),
                T.alignment_color(swatch[c]),
                ui.px(3),
            )
            if c in targets:
                ui.text((r.x + ui.px(26), r.centery), "●", "sym", 11, T.ACCENT, "midleft")
            name = ui.text(
                (r.x + ui.px(40), r.centery),
                rules.labels.countries[c],
                "regular",
                14,
                T.TEXT,
                "midleft",
                max_width=width - ui.px(190),
            )
            gap = gaps[c]
            mark = gap_text(gap, fog)  # how far its next commitment line is (issue 14)
            room = r.right - ui.px(156) - name.right - ui.px(6)
            if mark and room > ui.px(30):
                ui.text((name.right + ui.px(6), r.centery), mark, "semibold", 11, T.ACCENT, "midleft", max_width=room)
            elif at_risk(gap) and not fog and room > ui.px(30):
                text = risk_text(gap)
                ui.text((name.right + ui.px(6), r.centery), text, "semibold", 11, T.BAD, "midleft", max_width=room)
            if fog:  # the band in words, and an arrow only when the country crossed into another band
                ui.text(
                    (r.right - ui.px(18), r.centery),
                    alignment_word(a[c]),
                    "regular",
                    12,
                    T.TEXT_DIM,
                    "midright",
                    max_width=ui.px(146),
                )
                step = band_step(*session.history()[-2:, c]) if session.weeks else 0
                if step:
                    ui.text(
                        (r.right - ui.px(4), r.centery),
                        "▲" if step > 0 else "▼",
                        "sym",
                        11,
                        T.delta_color(step),
                        "midright",
                    )
            else:
                bar = pygame.Rect(r.right - ui.px(150), r.centery - ui.px(3), ui.px(64), ui.px(6))
                ui.bar(bar, a[c], -100, 100, T.alignment_color(a[c]), centered=True)
                ui.text((r.right - ui.px(46), r.centery), f"{a[c]:+.0f}", "semibold", 14, T.TEXT, "midright")
            d = trend(session, c)
            if abs(d) >= 0.5 and not fog:
                arrow = "▲" if d > 0 else "▼"
                ui.text(
                    (r.right - ui.px(4), r.centery), f"{arrow}{abs(d):.0f}", "sym", 11, T.delta_color(d), "midright"
                )
            ui.hotspot(
                f"country:{rules.countries[c]}",
                r,
                payload=c,
                tooltip=f"{rules.labels.countries[c]}: {alignment_word(a[c])}",
            )
            y += row_h
        ui.end_scroll(y + ui.px(8))
