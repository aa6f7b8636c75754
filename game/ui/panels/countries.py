"""The country list of the side panel: every country by region, its alignment (under fog: its band), its trend
and whether an order is queued for it; a row opens the dossier.  With many countries (the whole General
Assembly: 191), "/" or a click on the find line filters the list by name or code as the player types."""

from __future__ import annotations

import unicodedata

import pygame

from game.classroom.words import alignment_word, band_step, fogged, shown_alignments, trend

from .. import theme as T
from ..flow import Flow
from ..widgets import Ui
from .base import Panel, order_countries
from .stakes import at_risk, gap_text, gaps_of, risk_text


def folded(text: str) -> str:
    """Lower case without accents, so that "cote" finds Côte d'Ivoire and "sao" São Tomé."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


class CountryList(Panel):
    # What the player has typed to find a country; None: not finding (every country is listed).
    query: str | None = None

    @property
    def finding(self) -> bool:
        return self.query is not None

    def shown(self) -> list[int]:
        """The countries the list shows, in its order: all of them, or those whose name or code holds the query."""
        order = self.screen.order_list
        if not self.query:
            return list(order)
        q = folded(self.query.strip())
        labels, codes = self.rules.labels.countries, self.rules.countries
        return [c for c in order if q in folded(labels[c]) or q in codes[c].casefold()]

    def start_finding(self) -> None:
        self.query = ""
        self.screen.show_list()
        self.app.scrolls.pop("map.panel", None)

    def on_action(self, id: str, payload) -> Flow:
        if id == "countries:find":
            self.start_finding()
        elif id == "countries:clear":
            self.query = None
        elif id.startswith("country:"):
            self.screen.select(payload)
        return None

    def on_find_key(self, event) -> Flow:
        """Keys while finding: letters type, Backspace erases, Esc stops, Enter opens the first match."""
        key = event.key
        if key == pygame.K_ESCAPE:
            self.query = None
        elif key == pygame.K_BACKSPACE:
            self.query = self.query[:-1]
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            found = self.shown()
            if found:
                self.screen.select(found[0])
            self.query = None
        elif key in (pygame.K_DOWN, pygame.K_UP, pygame.K_TAB):
            return None  # stepping through the matches: on_key below
        else:
            text = getattr(event, "unicode", "") or ""
            if not text.isprintable() or not text or len(self.query) >= 30:
                return None
            self.query += text
            self.app.scrolls.pop("map.panel", None)
        return True

    def on_key(self, event) -> Flow:
        key = event.key
        if key == pygame.K_SLASH and not self.finding:
            self.start_finding()
            return True
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
        order, selected = self.shown() or self.screen.order_list, self.screen.selected
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
        shown = self.shown()
        if len(self.screen.order_list) > 40 or self.finding:
            y = self._draw_find(ui, pygame.Rect(x, y + ui.px(4), width, row_h), len(shown))
        for c in shown:
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

    def _draw_find(self, ui: Ui, r: pygame.Rect, matches: int) -> int:
        """The find line: what is typed and how many countries match, or how to start finding."""
        total = len(self.screen.order_list)
        ui.rect(r, (30, 38, 50), ui.px(5))
        if self.finding:
            ui.rect(r, T.ACCENT, ui.px(5), width=max(1, ui.px(1)))
            typed = ui.text((r.x + ui.px(10), r.centery), f"Find: {self.query}|", "semibold", 13, T.TEXT, "midleft")
            tail = f"{matches} of {total} · Enter opens · Esc"
            ui.text(
                (r.right - ui.px(10), r.centery),
                tail,
                "regular",
                11,
                T.TEXT_DIM,
                "midright",
                max_width=max(ui.px(20), r.right - typed.right - ui.px(20)),
            )
            ui.hotspot(
                "countries:clear",
                pygame.Rect(r.right - ui.px(40), r.y, ui.px(40), r.height),
                tooltip="Stop finding (Esc)",
            )
        else:
            ui.text(
                (r.x + ui.px(10), r.centery), f"Find a country of {total} ...", "regular", 13, T.TEXT_DIM, "midleft"
            )
            ui.text((r.right - ui.px(10), r.centery), "/", "semibold", 12, T.TEXT_DIM, "midright")
            ui.hotspot("countries:find", r, tooltip="Type to filter the list by name or code (/)")
        return r.bottom + ui.px(4)
