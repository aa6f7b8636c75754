"""The world map: the countries in their alignment's colours, the queued orders' targets, the selected country,
the trip being drafted (its route); zoom buttons and keys, dragging to pan, a click to open a dossier (while a
trip is drafted, a click on another capital of its region adds or removes that stop), the hover card."""

from __future__ import annotations

import pygame

from game.classroom.words import alignment_word, band_change, fogged, shown_alignments, signed, trend
from game.engine import Kind

from .. import theme as T
from ..flow import Flow
from ..mapview import ORDER_DOT_RADIUS
from ..screens.common import band_legend, zoom_action, zoom_buttons
from ..tutorial import note
from ..widgets import Ui, draw_tooltip
from .base import Panel, order_countries
from .rival_moves import draw_rival_moves
from .stakes import draw_gap_marks, gap_text, gaps_of, risk_text


class MapPanel(Panel):
    @staticmethod
    def dot_radius(scale: float) -> int:
        """The radius of the dot marking a capital an order of the week reaches."""
        return round(ORDER_DOT_RADIUS * scale)

    def __init__(self, screen):
        super().__init__(screen)
        self.drag_from: tuple[int, int] | None = None
        self.drag_delta = (0, 0)
        self.dragging = False
        self.rival_arcs = 0  # arcs of the rival's last week drawn in the last frame

    def on_action(self, id: str, payload) -> Flow:
        if zoom_action(self.app.mapview, id) and id in ("zoom:world", "zoom:europe"):
            note(self.app, id.replace(":", "_"))
        return None

    def on_key(self, event) -> Flow:
        key, mv = event.key, self.app.mapview
        if not mv:
            return None
        if key == pygame.K_w:
            mv.show_world()
            note(self.app, "zoom_world")
        elif key == pygame.K_e:
            mv.show_europe()
            note(self.app, "zoom_europe")
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            mv.zoom(1.5)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            mv.zoom(1 / 1.5)
        elif key == pygame.K_LEFT:
            mv.pan(self.screen.rects["map"].width / 4, 0)
        elif key == pygame.K_RIGHT:
            mv.pan(-self.screen.rects["map"].width / 4, 0)
        else:
            return None
        return True

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        app = self.app
        mv = app.mapview
        if mv is None:
            ui.rect(rect, T.OCEAN)
            ui.paragraph(
                rect.x + ui.px(30),
                rect.y + ui.px(30),
                rect.width - ui.px(60),
                "The world map could not be loaded (see the message at the bottom). Every country is in "
                "the list on the right; the game plays the same.",
                size=16,
                color=T.TEXT_DIM,
            )
            return
        mv.resize(rect.size)
        shown = shown_alignments(self.session.alignment(), fogged(self.session))
        surf = mv.render(shown, app.fonts, ui.scale, labels=app.settings["map_labels"])
        ui.surface.blit(surf, rect.topleft)
        targets = {c for o in self.session.pending.orders for c in order_countries(self.rules, o)}
        clip = ui.surface.get_clip()
        ui.surface.set_clip(rect)
        for c in targets:
            p = mv.screen_point(c)
            if p is not None:
                r = self.dot_radius(ui.scale)
                pygame.draw.circle(ui.surface, T.ACCENT, (p[0] + rect.x, p[1] + rect.y), r)
                pygame.draw.circle(ui.surface, (20, 20, 20), (p[0] + rect.x, p[1] + rect.y), r, 1)
        if self.screen.selected is not None:
            mv.outline(ui.surface, self.screen.selected, rect.topleft, (255, 255, 255), max(2, ui.px(2)))
        self._draw_route(ui, rect)
        draw_gap_marks(ui, self.session, self.screen.me, mv, rect)  # distance to the next line (issue 14)
        ui.surface.set_clip(clip)
        # What the rival did last week (resolved weeks only: a hot seat's hidden orders stay hidden).
        self.rival_arcs = draw_rival_moves(ui, rect, mv, self.session)
        # zoom controls
        zoom_buttons(ui, rect, mv)
        # legend
        lw = min(ui.px(300), rect.width - ui.px(40))
        legend = pygame.Rect(rect.x + ui.px(12), rect.bottom - ui.px(46), lw + ui.px(24), ui.px(36))
        ui.rect(legend, (14, 18, 25), ui.px(6))
        scale_rect = pygame.Rect(legend.x + ui.px(12), legend.y + ui.px(7), lw, ui.px(8))
        if fogged(self.session):
            band_legend(ui, scale_rect)
        else:
            ui.alignment_scale(scale_rect)
        ui.text((scale_rect.x, scale_rect.bottom + ui.px(3)), "◀ Moscow", "sym", 11, T.MOSCOW)
        ui.text((scale_rect.centerx, scale_rect.bottom + ui.px(3)), "neutral", "regular", 11, T.TEXT_DIM, "midtop")
        ui.text((scale_rect.right, scale_rect.bottom + ui.px(3)), "Washington ▶", "sym", 11, T.WASHINGTON, "topright")
        hint = "Click a country · wheel to zoom · drag to pan"
        hint_w = ui.width_of(hint, "regular", 12)
        if hint_w + legend.width + ui.px(60) < rect.width:
            box = pygame.Rect(0, 0, hint_w + ui.px(16), ui.line_height("regular", 12) + ui.px(6))
            box.bottomright = (rect.right - ui.px(8), rect.bottom - ui.px(8))
            ui.rect(box, (14, 18, 25), ui.px(5))
            ui.text(box.center, hint, "regular", 12, T.TEXT_DIM, "center")

    def on_event(self, event) -> bool:
        mv = self.app.mapview
        map_rect = self.screen.rects.get("map")
        if mv is None or map_rect is None:
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3) and map_rect.collidepoint(event.pos):
            self.drag_from = event.pos
            self.dragging = False
            return True
        if event.type == pygame.MOUSEMOTION:
            if self.drag_from is not None:
                dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
                if self.dragging or abs(dx) + abs(dy) > 5:
                    self.dragging = True
                    self.drag_delta = (dx, dy)
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button in (1, 3) and self.drag_from is not None:
            start, self.drag_from = self.drag_from, None
            if self.dragging:
                self.dragging = False
                mv.pan(*self.drag_delta)
                self.drag_delta = (0, 0)
                self.app.dirty = True
            elif event.button == 1:
                local = (event.pos[0] - map_rect.x, event.pos[1] - map_rect.y)
                c = mv.pick(local, radius=round(7 * self.app.scale))
                if c >= 0 and self.draft.click_capital(c):
                    self.screen.tab = "dossier"
                    self._say_trip(c)
                else:
                    self.screen.select(c if c >= 0 else None, focus_map=False)
                    if c < 0:
                        self.screen.tab = "countries"
                self.app.dirty = True
            del start
            return True
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if map_rect.collidepoint(pos):
                mv.zoom(1.25 if event.y > 0 else 1 / 1.25, (pos[0] - map_rect.x, pos[1] - map_rect.y))
                self.app.dirty = True
                return True
        return False

    def _say_trip(self, country: int) -> None:
        draft, labels = self.draft, self.rules.labels
        names = " → ".join(labels.countries[c] for c in [draft.country, *draft.stops])
        verb = "added" if country in draft.stops else "taken out"
        self.app.toast(f"{labels.countries[country]} {verb}: {names}", "info", 2.5)

    def _draw_route(self, ui: Ui, rect: pygame.Rect) -> None:
        """The trip being drafted: its capitals joined in the order they are visited, each numbered."""
        draft, mv = self.draft, self.app.mapview
        if draft.kind != Kind.VISIT or draft.country is None:
            return
        points = []
        for c in [draft.country, *draft.stops]:
            p = mv.screen_point(c)
            if p is not None:
                points.append((p[0] + rect.x, p[1] + rect.y))
        if len(points) > 1:
            pygame.draw.lines(ui.surface, (20, 20, 20), False, points, max(4, ui.px(5)))
            pygame.draw.lines(ui.surface, T.ACCENT, False, points, max(2, ui.px(3)))
        for i, p in enumerate(points):
            pygame.draw.circle(ui.surface, T.ACCENT, p, ui.px(9))
            pygame.draw.circle(ui.surface, (20, 20, 20), p, ui.px(9), 1)
            ui.text(p, str(i + 1), "bold", 11, (25, 25, 25), "center")

    def overlay(self, surface: pygame.Surface, mouse) -> list[pygame.Rect]:
        mv = self.app.mapview
        rect = self.screen.rects.get("map")
        if mv is None or rect is None or mv.surface is None:
            return []
        if self.dragging:
            surface.fill(T.OCEAN, rect)
            clip = surface.get_clip()
            surface.set_clip(rect)
            surface.blit(mv.surface, (rect.x + self.drag_delta[0], rect.y + self.drag_delta[1]))
            surface.set_clip(clip)
            return [rect]
        if not rect.collidepoint(mouse) or self.app.hotspot_at(mouse) is not None:
            self.screen.hover = -1
            return []
        local = (mouse[0] - rect.x, mouse[1] - rect.y)
        c = mv.pick(local, radius=round(7 * self.app.scale))
        self.screen.hover = c
        drawn = []
        if c >= 0:
            clip = surface.get_clip()
            surface.set_clip(rect)
            box = mv.outline(surface, c, rect.topleft, T.ACCENT, 2)
            surface.set_clip(clip)
            if box is not None:
                drawn.append(box.clip(rect))
            session = self.session
            a = float(session.alignment()[c])
            d = trend(session, c)
            fog = fogged(session)
            shown = alignment_word(a) if fog else f"{a:+.0f}  {alignment_word(a)}"
            lines = [
                (self.rules.labels.countries[c], "semibold", T.TEXT),
                (shown, "regular", T.alignment_color(a) if a < -10 or a > 10 else T.TEXT),
            ]
            if session.weeks and fog:
                lines.append((f"{band_change(session, c)} last week", "regular", T.TEXT_DIM))
            elif session.weeks:
                lines.append((f"{'▲' if d >= 0 else '▼'} {signed(d)} last week", "sym", T.delta_color(d)))
            gap = gaps_of(session, self.screen.me)[c]
            mark = gap_text(gap, fog) or ("" if fog else risk_text(gap))
            if mark:  # the tag the map may have had no room for
                lines.append((mark, "semibold", T.ACCENT if gap_text(gap, fog) else T.BAD))
            n = sum(c in order_countries(self.rules, o) for o in session.pending.orders)
            if n:
                lines.append((f"{n} order{'s' if n > 1 else ''} queued", "regular", T.ACCENT))
            trip = self.draft
            if (
                trip.kind == Kind.VISIT
                and trip.country is not None
                and c != trip.country
                and (self.rules.region_of[c] == self.rules.region_of[trip.country])
            ):
                verb = "take it out of" if c in trip.stops else "add it to"
                lines.append((f"click to {verb} the trip", "regular", T.ACCENT))
            else:
                lines.append(("click for the dossier", "regular", T.TEXT_FAINT))
            box = draw_tooltip(surface, self.app.texts, self.app.scale, mouse, lines, self.app.keep_clear())
        else:
            name = mv.name_at(local)
            box = None
            if name:
                lines = [(name, "semibold", T.TEXT_DIM), ("not part of this crisis", "regular", T.TEXT_FAINT)]
                box = draw_tooltip(surface, self.app.texts, self.app.scale, mouse, lines, self.app.keep_clear())
        if box is not None:
            drawn.append(box)
        return drawn
