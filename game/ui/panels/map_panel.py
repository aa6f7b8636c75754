"""The world map: the countries in their alignment's colours, the queued orders' targets, the selected country;
zoom buttons and keys, dragging to pan, a click to open a dossier, the hover card."""

from __future__ import annotations

import pygame

from game.classroom.words import alignment_word, band_change, fogged, shown_alignments, signed, trend

from .. import theme as T
from ..flow import Flow
from ..screens.common import band_legend, zoom_action, zoom_buttons
from ..tutorial import note
from ..widgets import Ui, draw_tooltip
from .base import Panel, order_countries
from .rival_moves import draw_rival_moves


class MapPanel(Panel):
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
                pygame.draw.circle(ui.surface, T.ACCENT, (p[0] + rect.x, p[1] + rect.y), ui.px(5))
                pygame.draw.circle(ui.surface, (20, 20, 20), (p[0] + rect.x, p[1] + rect.y), ui.px(5), 1)
        if self.screen.selected is not None:
            mv.outline(ui.surface, self.screen.selected, rect.topleft, (255, 255, 255), max(2, ui.px(2)))
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
            n = sum(c in order_countries(self.rules, o) for o in session.pending.orders)
            if n:
                lines.append((f"{n} order{'s' if n > 1 else ''} queued", "regular", T.ACCENT))
            lines.append(("click for the dossier", "regular", T.TEXT_FAINT))
            box = draw_tooltip(surface, self.app.texts, self.app.scale, mouse, lines)
        else:
            name = mv.name_at(local)
            box = None
            if name:
                lines = [(name, "semibold", T.TEXT_DIM), ("not part of this crisis", "regular", T.TEXT_FAINT)]
                box = draw_tooltip(surface, self.app.texts, self.app.scale, mouse, lines)
        if box is not None:
            drawn.append(box)
        return drawn
