"""The guided tutorial over the game's screens: a compact card (step n of N, title, text, Next / Skip tutorial)
that points at the control its step asks for and goes on by itself when the player does it.

The screens say what the player did through :func:`note`, with the ids their controls already use
(``country:DEU``, ``kind:call``, ``topic:energy_supply``).  The app draws the card over the top screen after it
has drawn, so where a control is comes from the hotspots the screen has just registered: the card knows no
layout, and the same code works at every window size.  Its buttons are hotspots like any other (``tutorial:*``),
so the mouse, the keys (N next, X skip) and ``--autoplay`` all end in :meth:`Tutorial.on_action`.

So that a card never waits for something the game has left behind (docs/scenario-format.md, "Tutorial steps"):
doing what a later step asks passes the steps without a task before it; a week that has steps passes the steps
left over from earlier weeks; leaving a report passes its steps; the debrief jumps to its own steps.
"""

from __future__ import annotations

import math
import re

import pygame

from game.engine import standing
from game.scenario.tutorial import TutorialStep

from . import theme as T
from .widgets import Ui

NEXT_KEY = pygame.K_n
SKIP_KEY = pygame.K_x
CARD_BG = (36, 45, 60)
FIXED_TARGETS = {
    "zoom_europe": "zoom:europe",
    "zoom_world": "zoom:world",
    "open_country_list": "tab:countries",
    "add_order": "add",
    "end_turn": "end_turn",
    "next_week": "continue",
    "open_help": "help",
}


def note(app, action: str, value: str | None = None) -> None:
    """The player did ``action`` (on ``value``): a step waiting for it goes on."""
    tutorial = getattr(app, "tutorial", None)
    if tutorial is not None and tutorial.notify(action, value):
        app.dirty = True


class Tutorial:
    def __init__(self, app, steps: tuple[TutorialStep, ...]):
        self.app = app
        self.steps = steps
        self.current = 0
        self.closed = False
        self.card: pygame.Rect | None = None  # where the card was last drawn (None: not shown)
        self._scrolled_for: int | None = None
        self._viewed_for: int | None = None  # the step whose countries the map was last moved to show

    @property
    def finished(self) -> bool:
        return self.closed or self.current >= len(self.steps)

    # ------------------------------------------------------------------------------------------ progress

    def _week(self, screen) -> int | None:
        """The week (1-based) a screen belongs to: the map's is the week being played, a report's the week it
        reports on."""
        session = self.app.session
        if session is None:
            return None
        if screen.name == "map":
            return session.turn + 1
        if screen.name == "report":
            return screen.week.record.turn + 1
        return None

    def _waiting(self, step: TutorialStep, screen) -> bool:
        week = self._week(screen)
        return step.week is not None and week is not None and week < step.week

    def sync(self, screen) -> None:
        """Pass the steps the game has left behind on this screen."""
        if self.finished:
            return
        if screen.name == "debrief":
            if self.steps[self.current].screen != "debrief":
                later = [s.index for s in self.steps[self.current :] if s.screen == "debrief"]
                self.current = later[0] if later else len(self.steps)
            return
        week = self._week(screen)
        if week is None:
            return
        if screen.name == "map":
            # The player has left the report its steps were about; without a world map there is nothing to zoom.
            unmapped = ("zoom_europe", "zoom_world") if self.app.mapview is None else ()
            while not self.finished and (
                self.steps[self.current].screen == "report" or self.steps[self.current].action in unmapped
            ):
                self.current += 1
        begun = [s.week for s in self.steps if s.week is not None and s.week <= week and s.screen != "debrief"]
        if begun:
            first = next(s.index for s in self.steps if s.week == max(begun))
            self.current = max(self.current, first)

    def shown(self, screen) -> TutorialStep | None:
        """The step whose card shows on this screen now, if any."""
        if self.finished:
            return None
        step = self.steps[self.current]
        if step.screen != screen.name or self._waiting(step, screen):
            return None
        return step

    def notify(self, action: str, value: str | None = None) -> bool:
        """Go on if the step at hand waits for this, done on its screen (the steps without a task before it are
        only read)."""
        if self.finished:
            return False
        screen = self.app.top
        for step in self.steps[self.current :]:
            if self._waiting(step, screen):
                return False
            if step.action is None:
                continue
            if step.screen == screen.name and step.matches(action, value):
                self._go_to(step.index + 1)
                return True
            return False
        return False

    def _go_to(self, index: int) -> None:
        self.current = index
        if self.current >= len(self.steps):
            self.app.toast("Tutorial complete. F1 has the rules and every shortcut.", "good", 5)

    def next(self) -> None:
        step = self.shown(self.app.top)
        if step is not None and step.action is None:
            self._go_to(step.index + 1)

    def skip(self) -> None:
        self.closed = True
        self.app.toast("Tutorial closed. F1 has the rules and every shortcut.", "info", 5)

    # --------------------------------------------------------------------------------------------- input

    def on_action(self, id: str) -> None:
        if id == "tutorial:next":
            self.next()
        elif id == "tutorial:skip":
            self.skip()

    def on_key(self, event, screen) -> bool:
        step = self.shown(screen)
        if step is None or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
        if event.key == SKIP_KEY:
            self.skip()
            return True
        if event.key == NEXT_KEY and step.action is None:
            self.next()
            return True
        return False

    def state(self, screen) -> dict:
        step = self.shown(screen)
        return {
            "step": self.current + 1 if not self.finished else None,
            "of": len(self.steps),
            "card": step.title if step is not None else None,
        }

    # ---------------------------------------------------------------------------------------------- draw

    def draw(self, ui: Ui, screen) -> bool:
        """The card over ``screen`` (already drawn, its hotspots in ``ui``); True if the screen must be drawn
        again (its control was scrolled into view)."""
        self.card = None
        self.sync(screen)
        step = self.shown(screen)
        if step is None:
            return False
        again = self._show_named(step, screen)
        spots = self._targets(step, screen, ui)
        if spots and self._scrolled_for != step.index:
            self._scrolled_for = step.index
            hidden = [s for s in spots if s.scroll and (not s.visible or s.rect.height < ui.px(16))]
            if hidden:
                self.app.scroll_into_view(hidden[0])
                again = True
        rects = [s.rect for s in spots if s.visible]
        point = self._map_point(step, screen)
        avoid = [r.inflate(ui.px(16), ui.px(16)) for r in rects]
        if point is not None:
            avoid.append(pygame.Rect(point[0] - ui.px(30), point[1] - ui.px(30), ui.px(60), ui.px(60)))
        avoid += self._named_rects(step, screen)  # the countries the card asks for stay in sight
        controls = [h.rect for h in ui.hotspots if h.visible]
        region = self._region(ui, screen)
        beside = [r.centery for r in rects if screen.name == "map" and r.left >= region.right]
        card = self._place(ui, screen, self._layout(ui, step, screen), avoid, controls, beside[0] if beside else None)
        for rect in rects:
            self._highlight(ui, rect)
        if point is not None:
            pygame.draw.circle(ui.surface, T.ACCENT, point, ui.px(14), max(2, ui.px(3)))
        target = rects[0] if rects else (pygame.Rect(point[0] - 2, point[1] - 2, 4, 4) if point else None)
        if target is not None:
            region = self._region(ui, screen)
            if screen.name == "map" and target.left >= region.right:
                # A control in the side panel: point across the panel's edge at its height, rather than draw a
                # line over the other controls on the way; its frame shows which one.
                target = pygame.Rect(region.right - ui.px(2), target.centery - 1, ui.px(2), 2)
            self._arrow(ui, card, target)
        self._draw_card(ui, step, screen, card)
        self.card = card
        return again

    def _targets(self, step: TutorialStep, screen, ui: Ui) -> list:
        """The hotspots of the control the step asks for, on this screen."""
        by_id = {h.id: h for h in ui.hotspots}
        action, value = step.action, step.value
        if action is None:
            return []
        if action == "select_country":
            ids = [f"country:{value}"]
        elif action == "choose_kind":
            ids = [f"kind:{value}"]
        elif action == "choose_topic":
            ids = [f"topic:{value}"]
        elif action == "undo_order":
            undo = [h.id for h in ui.hotspots if h.id.startswith("undo:")]
            ids = undo[-1:]
        elif action == "attach_promise":
            ids = [h.id for h in ui.hotspots if h.id.startswith("promise:")][:1]
        elif action == "open_report":
            weeks = [h.id for h in ui.hotspots if h.id.startswith("week:")]
            ids = weeks[:1] if screen.name == "debrief" else ["end_turn"]
        else:
            ids = [FIXED_TARGETS.get(action, "")]
        return [by_id[i] for i in ids if i in by_id]

    def _map_point(self, step: TutorialStep, screen) -> tuple[int, int] | None:
        """Where the country a step asks for is on the map, when it shows."""
        mv = self.app.mapview
        if step.action != "select_country" or screen.name != "map" or mv is None:
            return None
        rules = self.app.session.rules
        if step.value not in rules.countries:
            return None
        area = screen.rects.get("map")
        p = mv.screen_point(rules.countries.index(step.value))
        if area is None or p is None:
            return None
        point = (p[0] + area.x, p[1] + area.y)
        return point if area.inflate(-20, -20).collidepoint(point) else None

    def _named(self, step: TutorialStep) -> list[int]:
        """The scenario's countries a step asks for: its country, or the ones its text names ("Open Kuwait")."""
        rules = self.app.session.rules
        if step.action == "select_country" and step.value in rules.countries:
            return [rules.countries.index(step.value)]
        return [c for c, name in enumerate(rules.labels.countries) if re.search(rf"\b{re.escape(name)}\b", step.text)]

    def _show_named(self, step: TutorialStep, screen) -> bool:
        """Once per step, move the map to a country the card asks for that the view does not show (a card asking
        for Kuwait over the Europe view); True when it moved (the screen is drawn again)."""
        mv = self.app.mapview
        area = getattr(screen, "rects", {}).get("map")
        if screen.name != "map" or mv is None or area is None or self._viewed_for == step.index:
            return False
        self._viewed_for = step.index
        inside = pygame.Rect((0, 0), area.size).inflate(-40, -40)
        for c in self._named(step):
            p = mv.screen_point(c)
            if p is None or not inside.collidepoint(p):
                mv.focus(c, force=True)
                return True
        return False

    def _named_rects(self, step: TutorialStep, screen) -> list[pygame.Rect]:
        """Where the countries a card asks for are on the map (window coordinates): the card keeps off them."""
        mv = self.app.mapview
        area = getattr(screen, "rects", {}).get("map")
        if screen.name != "map" or mv is None or area is None:
            return []
        boxes = [mv.country_rect(c) for c in self._named(step)]
        return [
            b.move(area.topleft) for b in boxes if b is not None and b.width * b.height < area.width * area.height // 3
        ]

    # layout ------------------------------------------------------------------------------------------------

    def _width(self, ui: Ui, screen) -> int:
        region = self._region(ui, screen)
        return max(ui.px(280), min(ui.px(400), region.width - 2 * ui.px(12)))

    def _region(self, ui: Ui, screen) -> pygame.Rect:
        """Where a card may go: over the map on the map screen (never over the panel of controls)."""
        if screen.name == "map" and "map" in getattr(screen, "rects", {}):
            return screen.rects["map"]
        w, h = self.app.size
        return pygame.Rect(0, 0, w, h)

    def _tiers(self, step: TutorialStep, screen) -> list[tuple[str, str, bool]]:
        """For a debrief card without a task: the result tiers, best first, with the score each needs and the
        one reached marked."""
        if screen.name != "debrief" or step.action is not None:
            return []
        rules = self.app.session.rules
        tier, _ = standing(rules, self.app.session.state)
        rows = []
        for i, (name, low) in enumerate(rules.tiers):
            above = rules.tiers[i - 1][1] if i else None
            needs = f"score ≥ {low:g}" if low > 0 or above is None else f"score < {above:g}"
            rows.append((name, needs, name == tier))
        return rows

    def _layout(self, ui: Ui, step: TutorialStep, screen):
        """The card's height for a width, and the pieces that decide it."""
        width = self._width(ui, screen)
        pad = ui.px(14)
        inner = width - 2 * pad
        h = pad + ui.line_height("semibold", 11) + ui.px(4)
        h += ui.paragraph_height(inner, step.title, "bold", 17, spacing=1.05) + ui.px(4)
        h += ui.paragraph_height(inner, step.text, "regular", 14) + ui.px(8)
        h += len(self._tiers(step, screen)) * ui.px(22) + (ui.px(6) if self._tiers(step, screen) else 0)
        if step.action is not None:
            h += ui.line_height("regular", 12) + ui.px(8)
        h += ui.px(30) + pad
        return width, h

    def _place(
        self,
        ui: Ui,
        screen,
        size: tuple[int, int],
        avoid: list[pygame.Rect],
        controls: list[pygame.Rect],
        beside: int | None = None,
    ) -> pygame.Rect:
        """The screen's place for a card that covers least of ``avoid`` (the controls it points at), then least of
        the crisis's countries on the map, or elsewhere of the screen's other controls; the first on a tie.  For
        a control in the side panel (at height ``beside``), a place level with it is worth hiding a little map."""
        w, h = size
        region = self._region(ui, screen)
        m = ui.px(12)
        win_w, win_h = self.app.size
        if screen.name == "map":
            below_zoom = region.y + ui.px(54)
            above_legend = region.bottom - ui.px(56) - h
            spots = [
                (region.right - m - w, region.bottom - m - h),
                (region.right - m - w, region.y + m),
                (region.x + m, above_legend),
                (region.x + m, below_zoom),
            ]
        else:
            # Above the bottom row of buttons, at the right then the left; then under the page's heading.
            bottom = win_h - ui.px(84) - h
            spots = [
                (win_w - ui.px(36) - w, bottom),
                (ui.px(36), bottom),
                (win_w - ui.px(36) - w, ui.px(130)),
                (ui.px(36), ui.px(130)),
            ]
        mv = self.app.mapview if screen.name == "map" else None
        best, best_cost = None, (math.inf, math.inf)
        for x, y in spots:
            card = pygame.Rect(x, y, w, h)
            card.clamp_ip(pygame.Rect(0, 0, win_w, win_h))
            cover = sum(card.clip(r).width * card.clip(r).height for r in avoid)
            # Over the map, the card had better not hide the crisis's own countries either; elsewhere, other controls.
            if mv is not None:
                hidden = mv.country_pixels(card.move(-region.x, -region.y))
            else:
                hidden = sum(1 for r in controls if card.colliderect(r))
            if beside is not None:
                hidden += 25 * max(0, card.top - beside, beside - card.bottom)
            if (cover, hidden) < best_cost:
                best, best_cost = card, (cover, hidden)
        return best

    # drawing -----------------------------------------------------------------------------------------------

    def _highlight(self, ui: Ui, rect: pygame.Rect) -> None:
        box = rect.inflate(ui.px(8), ui.px(8))
        pygame.draw.rect(ui.surface, T.ACCENT, box, max(2, ui.px(3)), border_radius=ui.px(8))

    def _arrow(self, ui: Ui, card: pygame.Rect, target: pygame.Rect) -> None:
        """A line from the card's edge to the target's, with a head at the target."""
        tx = min(max(card.centerx, target.left), target.right)
        ty = min(max(card.centery, target.top), target.bottom)
        sx = min(max(tx, card.left), card.right)
        sy = min(max(ty, card.top), card.bottom)
        if card.collidepoint(tx, ty):
            return
        dx, dy = tx - sx, ty - sy
        length = math.hypot(dx, dy)
        gap = ui.px(7)  # stop short of the highlight
        if length < ui.px(24):
            return
        ux, uy = dx / length, dy / length
        end = (tx - ux * gap, ty - uy * gap)
        width = max(2, ui.px(3))
        pygame.draw.line(ui.surface, T.ACCENT, (sx, sy), end, width)
        head = ui.px(12)
        left = (end[0] - ux * head - uy * head * 0.6, end[1] - uy * head + ux * head * 0.6)
        right = (end[0] - ux * head + uy * head * 0.6, end[1] - uy * head - ux * head * 0.6)
        pygame.draw.polygon(ui.surface, T.ACCENT, [end, left, right])

    def _draw_card(self, ui: Ui, step: TutorialStep, screen, card: pygame.Rect) -> None:
        pad = ui.px(14)
        x, inner = card.x + pad, card.width - 2 * pad
        shadow = card.move(ui.px(3), ui.px(3))
        pygame.draw.rect(ui.surface, (8, 10, 14), shadow, border_radius=ui.px(10))
        pygame.draw.rect(ui.surface, CARD_BG, card, border_radius=ui.px(10))
        pygame.draw.rect(ui.surface, T.ACCENT, card, max(1, ui.px(2)), border_radius=ui.px(10))
        # Registered first, so the buttons on it win; it keeps clicks and hovers from reaching what lies below.
        ui.hotspot("tutorial:card", card, quiet=True)
        y = card.y + pad
        ui.text((x, y), f"TUTORIAL  ·  STEP {step.index + 1} OF {len(self.steps)}", "semibold", 11, T.ACCENT)
        y += ui.line_height("semibold", 11) + ui.px(4)
        y = ui.paragraph(x, y, inner, step.title, "bold", 17, T.TEXT, spacing=1.05) + ui.px(4)
        y = ui.paragraph(x, y, inner, step.text, "regular", 14, T.TEXT) + ui.px(8)
        tiers = self._tiers(step, screen)
        for name, needs, reached in tiers:
            colour = T.ACCENT if reached else T.TEXT_DIM
            ui.text((x, y), "▶" if reached else "·", "sym", 13, colour)
            ui.text(
                (x + ui.px(18), y), name, "semibold" if reached else "regular", 13, colour, max_width=inner - ui.px(110)
            )
            ui.text((x + inner, y), needs + ("  (you)" if reached else ""), "sym", 13, colour, "topright")
            y += ui.px(22)
        if tiers:
            y += ui.px(6)
        if step.action is not None:
            ui.text((x, y), "Do it to go on.", "regular", 12, T.TEXT_DIM)
            y += ui.line_height("regular", 12) + ui.px(8)
        bh = ui.px(30)
        by = card.bottom - pad - bh
        last = step.index == len(self.steps) - 1
        if not last:
            ui.button(
                "tutorial:skip",
                pygame.Rect(x, by, ui.px(150), bh),
                "Skip tutorial",
                kind="ghost",
                hint="X",
                size=12,
                reason="close the tutorial for the rest of this game",
            )
        if step.action is None:
            # "Next" shows the next card here; "OK" when it belongs to another screen or a later week.
            label = "Finish" if last else "Next" if self._shown_next(step, screen) else "OK"
            ui.button(
                "tutorial:next",
                pygame.Rect(card.right - pad - ui.px(110), by, ui.px(110), bh),
                label,
                kind="primary",
                hint="N",
                size=13,
            )

    def _shown_next(self, step: TutorialStep, screen) -> bool:
        after = self.steps[step.index + 1] if step.index + 1 < len(self.steps) else None
        return after is not None and after.screen == screen.name and not self._waiting(after, screen)
