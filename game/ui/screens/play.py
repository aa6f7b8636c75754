"""The main screen: a layout of panels (``game/ui/panels``) around the world map — the top bar and the crisis
tracks, the map, the news feed, and the side panel: the country list, a country's dossier with the order
builder, or the staff's advice, over the week's orders.

Each panel draws into the rectangle the layout gives it and handles the input of what it drew: a hotspot's
action goes to the panel that registered it, a key to each panel in turn.  What is being drafted, and why
anything is refused, is the order-drafting model's (``game.drafting.Draft``).
"""

from __future__ import annotations

import pygame

from game.drafting import Draft
from game.engine import Order

from .. import paths
from .. import theme as T
from ..flow import Flow, Open
from ..panels.base import Panel, PanelHost
from ..panels.builder import OrderBuilder
from ..panels.countries import CountryList
from ..panels.deputies import DeputiesPanel
from ..panels.dossier import Dossier
from ..panels.feed import Feed
from ..panels.map_panel import MapPanel
from ..panels.orders import OrdersPanel
from ..panels.staff import StaffAdvice
from ..panels.topbar import TopBar
from ..screen import Screen
from ..tutorial import note
from ..widgets import Ui


class PlayScreen(PanelHost, Screen):
    name = "map"

    def __init__(self, app):
        super().__init__(app)
        self.draft = Draft(app.session)  # the order the side whose turn it is puts together
        self.tab = "countries"  # the side panel shows: countries | dossier | deputies | staff
        self.hover: int = -1  # the country under the pointer on the map
        self.rects: dict[str, pygame.Rect] = {}
        self.order_list = self._country_order()
        self.topbar = TopBar(self)
        self.map = MapPanel(self)
        self.feed = Feed(self)
        self.countries = CountryList(self)
        self.dossier = Dossier(self)
        self.builder = OrderBuilder(self)
        self.orders = OrdersPanel(self)
        self.staff = StaffAdvice(self)  # "Ask your staff": the side panel's third view (tab "staff")
        self.deputies = DeputiesPanel(self)  # the deputies at a glance (tab "deputies", U)
        self.owners = {}  # hotspot id -> the panel that registered it, this frame

    # ---------------------------------------------------------------------------------------- reading

    @property
    def session(self):
        return self.app.session

    @property
    def rules(self):
        return self.app.session.rules

    @property
    def me(self) -> int:
        """The side giving orders on this screen: the player's, or in a two-sided game whoever's turn it is."""
        return self.draft.actor

    @property
    def other(self) -> int:
        session = self.app.session
        return session.rival if self.me == session.player else session.player

    # The draft's choices under the names the autoplay driver, the staff and the tests read.
    @property
    def selected(self) -> int | None:
        return self.draft.country

    @property
    def kind(self):
        return self.draft.kind

    @property
    def topic(self) -> int | None:
        return self.draft.topic

    @property
    def deputy(self) -> int | None:
        return self.draft.deputy

    @property
    def group(self) -> int | None:
        return self.draft.group

    def my_deputies(self) -> list[int]:
        return self.draft.my_deputies()

    def kind_rows(self, ui: Ui, width: int):
        return self.builder.kind_rows(ui, width)

    def current_order(self) -> tuple[Order | None, str]:
        """The order drafted so far, or None and what is still missing."""
        missing = self.draft.missing()
        return self.draft.order(), missing.words if missing is not None else ""

    def _country_order(self) -> list[int]:
        rules = self.rules
        return sorted(range(rules.n_countries), key=lambda c: (int(rules.region_of[c]), c))

    def layout(self) -> dict[str, pygame.Rect]:
        w, h = self.app.size
        s = self.app.scale
        top = round(60 * s)
        panel_w = max(380, min(round(420 * s), w * 40 // 100))
        feed_h = round(158 * s)
        # The crisis tracks get a strip of their own under the top bar, so that any number of them (0-4) fits
        # beside the week's budget at every window size.
        strip = round(40 * s) if len(self.rules.tracks) else 0
        rects = {
            "top": pygame.Rect(0, 0, w, top),
            "tracks": pygame.Rect(0, top, w - panel_w, strip),
            "map": pygame.Rect(0, top + strip, w - panel_w, h - top - strip - feed_h),
            "feed": pygame.Rect(0, h - feed_h, w - panel_w, feed_h),
            "panel": pygame.Rect(w - panel_w, top, panel_w, h - top),
        }
        self.rects = rects
        return rects

    # ---------------------------------------------------------------------------------------- changing

    def select(self, c: int | None, focus_map: bool = True) -> None:
        """Open the dossier of country ``c`` (None: none) and draft for it."""
        self.draft.select(c)
        if c is not None:
            note(self.app, "select_country", self.rules.countries[c])
            self.tab = "dossier"
            self.app.scrolls.pop("map.panel", None)
            if focus_map and self.app.mapview is not None:
                self.app.mapview.focus(c)

    def show_list(self) -> None:
        self.tab = "countries"
        note(self.app, "open_country_list")

    # ---------------------------------------------------------------------------------------- input

    def panels(self) -> tuple[Panel, ...]:
        """The panels in the order a key is offered to them (the staff's advice first: 1…9 and Enter add its
        suggestions while it is open)."""
        return (self.staff, self.orders, self.builder, self.countries, self.map, self.topbar)

    def on_action(self, id: str, payload) -> Flow:
        if id == "tab:countries":
            self.show_list()
            return None
        if id == "tab:dossier":
            self.tab = "dossier"
            return None
        if id == "tab:deputies":
            self.tab = "deputies"
            return None
        return self.panel_action(id, payload)

    def on_key(self, event) -> Flow:
        key, ctrl = event.key, event.mod & pygame.KMOD_CTRL
        if self.countries.finding and self.tab == "countries" and self.countries.on_find_key(event):
            return True  # typing into the country list's find line: no shortcut letters
        if self.staff.on_key(event):
            return True
        if key == pygame.K_ESCAPE:
            if self.staff.shown:  # the innermost open thing closes first
                self.staff.close()
                return True
            return Open("pause")
        if ctrl and key == pygame.K_s:
            return self.app.save_slot(paths.QUICKSAVE) or True
        if ctrl and key == pygame.K_o:
            return Open("saves", mode="load")
        if key == pygame.K_l:
            self.show_list()
            return True
        if key == pygame.K_o and self.selected is not None:
            self.tab = "dossier"
            return True
        if key == pygame.K_u and not ctrl:
            self.tab = "countries" if self.tab == "deputies" else "deputies"
            return True
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):  # ↑ ↓ move through the countries here
            self.app.scroll_by_key("map.panel", key)
            return True
        for panel in self.panels()[1:]:
            answer = panel.on_key(event)
            if answer:
                return answer
        return None

    def on_event(self, event) -> Flow:
        return self.map.on_event(event)

    def state(self) -> dict:
        order, missing = self.current_order()
        mv = self.app.mapview
        return {
            "selected": self.rules.countries[self.selected] if self.selected is not None else None,
            "tab": self.tab,
            "kind": self.kind.name,
            "topic": self.topic,
            "building": self.session.describe(order) if order else missing,
            "europe": mv.is_europe() if mv else None,
            **self.staff.state(),
        }

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, ui: Ui) -> None:
        self.owners = {}
        rects = self.layout()
        self.drawn_by(self.map, ui, self.map.draw, ui, rects["map"])
        self.drawn_by(self.topbar, ui, self.topbar.draw, ui, rects["top"])
        if rects["tracks"].height:
            self.drawn_by(self.topbar, ui, self.topbar.draw_tracks, ui, rects["tracks"])
        self.drawn_by(self.feed, ui, self.feed.draw, ui, rects["feed"])
        self._draw_side(ui, rects["panel"])

    def _draw_side(self, ui: Ui, rect: pygame.Rect) -> None:
        """The side panel: its two tabs, the list, a dossier or the staff's advice, and the week's orders."""
        ui.rect(rect, T.PANEL)
        ui.line((rect.x, rect.y), (rect.x, rect.bottom), T.LINE)
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        tab_h = ui.px(34)
        tw = (width - ui.px(16)) // 3
        ui.button(
            "tab:countries",
            pygame.Rect(x, rect.y + pad, tw, tab_h),
            "Countries",
            hint="L",
            selected=self.tab == "countries",
            size=14,
        )
        name = self.rules.labels.countries[self.selected] if self.selected is not None else "Dossier"
        ui.button(
            "tab:dossier",
            pygame.Rect(x + tw + ui.px(8), rect.y + pad, tw, tab_h),
            name,
            selected=self.tab == "dossier",
            enabled=self.selected is not None,
            reason="select a country first",
            size=14,
        )
        ui.button(
            "tab:deputies",
            pygame.Rect(x + 2 * (tw + ui.px(8)), rect.y + pad, tw, tab_h),
            "Deputies",
            hint="U",
            selected=self.tab == "deputies",
            size=14,
            reason="your deputies: specialties, who is free, standing instructions",
        )
        orders_h = self.orders.height(ui)
        orders = pygame.Rect(rect.x, rect.bottom - orders_h, rect.width, orders_h)
        top = rect.y + pad + tab_h + ui.px(10)
        content = pygame.Rect(rect.x, top, rect.width, orders.y - top)
        if self.tab == "staff":
            self.drawn_by(self.staff, ui, self.staff.draw, ui, content)
        elif self.tab == "deputies":
            self.drawn_by(self.deputies, ui, self.deputies.draw, ui, content)
        elif self.tab == "dossier" and self.selected is not None:
            add_h = ui.px(74)
            body = pygame.Rect(content.x, content.y, content.width, content.height - add_h)
            self.drawn_by(self.dossier, ui, self.dossier.draw, ui, body)
            add = pygame.Rect(content.x, content.bottom - add_h, content.width, add_h)
            self.drawn_by(self.builder, ui, self.builder.draw, ui, add)
        else:
            self.drawn_by(self.countries, ui, self.countries.draw, ui, content)
        self.drawn_by(self.orders, ui, self.orders.draw, ui, orders)

    # per frame ----------------------------------------------------------------------------------------

    def after_frame(self) -> None:
        self.staff.after_frame()
        if self.builder.redraw:
            self.builder.redraw = False
            self.app.dirty = True

    def toast_region(self) -> pygame.Rect | None:
        """Over the map, between its zoom buttons and its legend: never over the news feed or the side panel."""
        area = self.rects.get("map")
        if area is None:
            return None
        s = self.app.scale
        top, bottom = round(54 * s), round(56 * s)
        return pygame.Rect(area.x + round(8 * s), area.y + top, area.width - round(16 * s), area.height - top - bottom)

    def overlay(self, surface: pygame.Surface, mouse) -> list[pygame.Rect]:
        return self.map.overlay(surface, mouse)
