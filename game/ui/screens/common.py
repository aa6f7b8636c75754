"""Pieces several screens share: the backdrop map, the title bar of a page, the dimmed card, the dialog box,
the fog legend, the two sides' colours and verdicts (a screen never imports another screen)."""

from __future__ import annotations

import pygame

from game.classroom.codes import CodeError, code_for, make_code, setup_for
from game.engine import standing
from game.sim.settings import FOG_BANDS, Settings, fog_band, scenario_defaults

from .. import theme as T
from ..flow import Back, Flow
from ..mapview import MapView
from ..screen import Screen
from ..widgets import Ui


def backdrop(app, ui: Ui, alignment=None) -> None:
    """The world map, dimmed, behind the title and briefing pages."""
    w, h = app.size
    if app.world is None:
        ui.rect(pygame.Rect(0, 0, w, h), T.BG)
        return
    key = (w, h)
    cached = getattr(app, "_backdrop", None)
    if cached is None or cached[0] != key:
        view = MapView(app.world, (), ())
        view.resize((w, h))
        view.show_world()
        surf = view.render([], app.fonts, ui.scale, labels=False).copy()
        dim = pygame.Surface((w, h), pygame.SRCALPHA)
        dim.fill((12, 16, 24, 205))
        surf.blit(dim, (0, 0))
        app._backdrop = (key, surf)
        cached = app._backdrop
    ui.surface.blit(cached[1], (0, 0))


def card(ui: Ui, rect: pygame.Rect, color=T.PANEL, border=T.LINE) -> None:
    ui.rect(rect, color, ui.px(10))
    ui.rect(rect, border, ui.px(10), width=1)


def page_header(ui: Ui, rect: pygame.Rect, kicker: str, title: str, subtitle: str = "") -> int:
    """Kicker line, big title and subtitle at the top of ``rect``; returns the y below."""
    x, y = rect.x, rect.y
    r = ui.text((x, y), kicker.upper(), "semibold", 13, T.ACCENT)
    y = r.bottom + ui.px(4)
    r = ui.text((x, y), title, "bold", 34, T.TEXT, max_width=rect.width)
    y = r.bottom + ui.px(2)
    if subtitle:
        r = ui.text((x, y), subtitle, "regular", 17, T.TEXT_DIM, max_width=rect.width)
        y = r.bottom
    return y + ui.px(14)


def zoom_buttons(ui: Ui, rect: pygame.Rect, mv, wheel: bool = True) -> None:
    """The map's World / Europe / + / − buttons in the top left of the map's ``rect``; their ids
    (``zoom:*``) go to :func:`zoom_action`.  ``wheel``: the screen also zooms with the mouse wheel."""
    bx, by = rect.x + ui.px(12), rect.y + ui.px(12)
    bh = ui.px(30)
    ui.button("zoom:world", pygame.Rect(bx, by, ui.px(84), bh), "World", hint="W", size=13, selected=not mv.is_europe())
    ui.button(
        "zoom:europe",
        pygame.Rect(bx + ui.px(90), by, ui.px(90), bh),
        "Europe",
        hint="E",
        size=13,
        selected=mv.is_europe(),
    )
    also = ", wheel" if wheel else ""
    ui.button("zoom:in", pygame.Rect(bx + ui.px(186), by, bh, bh), "+", size=15, reason=f"zoom in (+{also})")
    ui.button(
        "zoom:out",
        pygame.Rect(bx + ui.px(186) + bh + ui.px(4), by, bh, bh),
        "−",
        size=15,
        reason=f"zoom out (−{also})",
    )


def zoom_action(mv, id: str) -> bool:
    """Carry out a ``zoom:*`` button's action on the map view; False for any other id."""
    if mv is None or not id.startswith("zoom:"):
        return False
    what = id.split(":", 1)[1]
    if what == "world":
        mv.show_world()
    elif what == "europe":
        mv.show_europe()
    elif what == "in":
        mv.zoom(1.5)
    elif what == "out":
        mv.zoom(1 / 1.5)
    else:
        return False
    return True


def game_code(app) -> tuple[str | None, str]:
    """The game code of the game in progress, for the briefing, the pause menu and the debrief (a teacher reads
    it off any student's screen): (code, "") or (None, why it has none).  Cached: the code of a scenario of
    your own fingerprints its whole content."""
    session = app.session
    cached = getattr(app, "_game_code", None)
    if cached is not None and cached[0] is session:
        return cached[1]
    try:
        found = (code_for(session), "")
    except CodeError as exc:
        found = (None, str(exc))
    app._game_code = (session, found)
    return found


CAUSE_COLOURS = {
    "you": (130, 185, 245),
    "rival": (245, 165, 95),
    "event": (230, 210, 140),
    "drift": T.TEXT_DIM,
    "spill": T.TEXT_DIM,
    "limit": T.TEXT_FAINT,
}


class ChosenSetup:
    """The teacher settings chosen for each scenario of a list, and the game code they make with the app's seed:
    shared by the title screen and the Teacher screen, so that a class prepared on one starts on the other."""

    app: object
    _codes: dict[tuple, tuple[str | None, str]]

    @staticmethod
    def key(e) -> str:
        return str(e.path)

    def settings_for(self, e) -> Settings:
        """The teacher settings chosen for this scenario; at first the scenario file's own (its ``settings:``)."""
        chosen = self.app.game_settings.get(self.key(e))
        return chosen if chosen is not None else scenario_defaults(e.scenario)

    def game_code(self, e) -> tuple[str | None, str]:
        """(the code of the game the Start button starts, None and why there is none)."""
        settings = self.settings_for(e)
        key = (self.key(e), id(e.scenario), self.app.seed, settings)
        if key not in self._codes:
            try:
                self._codes[key] = (make_code(setup_for(e.scenario, self.app.seed, settings)), "")
            except CodeError as exc:
                self._codes[key] = (None, str(exc))
        return self._codes[key]


class Dialog(Screen):
    """A box over the dimmed screen below; Esc closes it."""

    modal = True
    width = 460

    def box(self, ui: Ui, height: int, width: int | None = None) -> pygame.Rect:
        w, h = self.app.size
        bw = min(ui.px(width or self.width), w - ui.px(40))
        bh = min(height, h - ui.px(40))
        rect = pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
        card(ui, rect, T.PANEL, T.LINE)
        return rect

    def on_key(self, event) -> Flow:
        if event.key == pygame.K_ESCAPE:
            return Back()
        return None


def outcome_now(rules, state) -> tuple[str, float]:
    """Tier and score if the crisis ended in ``state`` (alignment and tracks)."""
    return standing(rules, state)


def band_legend(ui: Ui, rect: pygame.Rect) -> None:
    """The map's legend under fog: the five bands as five blocks of the colours the map uses."""
    for band in FOG_BANDS:
        x0 = rect.x + round(rect.width * (band.lo + 100) / 200)
        x1 = rect.x + round(rect.width * (band.hi + 100) / 200)
        ui.rect(pygame.Rect(x0, rect.y, max(1, x1 - x0 - 1), rect.height), T.alignment_color(band.middle))


def band_bracket(ui: Ui, rect: pygame.Rect, value: float) -> None:
    """Under fog, the dossier's scale brackets the band the country is in instead of pointing at its number."""
    band = fog_band(value)
    x0 = rect.x + round(rect.width * (band.lo + 100) / 200)
    x1 = rect.x + round(rect.width * (band.hi + 100) / 200)
    ui.rect(pygame.Rect(x0, rect.y - ui.px(4), max(2, x1 - x0), rect.height + ui.px(8)), T.TEXT, ui.px(3), width=2)


def side_colour(session, actor: int) -> T.Color:
    """Washington's blue for the player's side, Moscow's orange for the rival's (the map's two ends)."""
    return T.WASHINGTON if actor == session.player else T.MOSCOW


def side_verdicts(session, score: float, history_score: float) -> list[tuple[int, str, bool | None]]:
    """Who won, for each side of a two-sided game: (side, one line, won: True/False, None for a draw).  The
    yardstick is both sides' historical playbooks on the same dice: above it Washington's side wins, below it
    Moscow's."""
    labels = session.rules.labels.actors
    player, rival = session.player, session.rival

    def who(actor: int) -> str:
        name = session.names.get(actor)
        return f"{labels[actor]} ({name})" if name else labels[actor]

    diff = score - history_score
    if abs(diff) < 0.05:
        line = "a draw: the score matched the historical playbook"
        return [(player, f"{who(player)}: {line}", None), (rival, f"{who(rival)}: {line}", None)]
    up = diff > 0
    held = f"{labels[player]} beat history" if up else f"held {labels[player]} {abs(diff):.1f} points below history"
    return [
        (
            player,
            f"{who(player)} {'wins' if up else 'loses'}: {abs(diff):.1f} points {'above' if up else 'below'} history",
            up,
        ),
        (
            rival,
            f"{who(rival)} {'loses' if up else 'wins'}: {held}",
            not up,
        ),
    ]
