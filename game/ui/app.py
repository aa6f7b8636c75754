"""The window, the main loop and the stack of screens.

Each frame: events go to the top screen (a click is matched to a hotspot first, so buttons work the same for
the mouse, the keyboard shortcuts and the scripted ``--autoplay`` driver); then the static layer is redrawn
only if something changed, and the per-frame layer (hover, tooltips, toasts) is drawn over it.

A screen's handlers answer with what comes next (``flow.py``: open, switch, back, a toast, quit); the app alone
changes the stack (:meth:`App.go`), making the screens from their route names (``routes.py``).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pygame

from game.assets import AssetError
from game.scenario import Scenario
from game.session import SaveError, Session
from game.sim.settings import Settings as GameSettings
from game.sim.settings import SettingsError, scenario_defaults
from game.worldmap import load_world_map

from . import paths
from . import theme as T
from .autoplay import AutoplayError, autoplay_driver
from .flow import Back, Flow, Open, Quit, Say, Stay, Switch, handled, steps
from .mapview import MapView
from .recording import played, recorder_for
from .routes import make_screen
from .screen import Screen
from .sound import Sounds
from .toasts import Toast, draw_toasts
from .tutorial import Tutorial, note
from .widgets import Hotspot, ScrollArea, TextCache, Ui, draw_tooltip

TEST_STATE_ENV = "FLOOD_THE_ZONE_TEST_STATE"
MIN_SIZE = (960, 600)


class App:
    def __init__(
        self,
        *,
        scenario: str | os.PathLike | None = None,
        seed: int | None = None,
        size: tuple[int, int] | None = None,
        autoplay: str | None = None,
        turns: int | None = None,
        screenshots: str | os.PathLike | None = None,
        direct: bool = False,
        flags: int = pygame.RESIZABLE,
        game_settings: GameSettings | None = None,
        replay: str | os.PathLike | None = None,
    ):
        self.settings, settings_problem = paths.load_settings_and_problem()
        self.problems: list[str] = []
        for problem in (settings_problem, paths.ensure_dirs(), paths.set_aside_unreadable_autosave()):
            if problem:
                self.problems.append(problem)
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(350, 40)
        want = size or tuple(self.settings["window"])
        self.flags = flags
        self.window = pygame.display.set_mode(want, flags)
        pygame.display.set_caption("Flood the Zone")
        self.fonts = T.Fonts()
        self.problems += self.fonts.problems
        self.texts = TextCache(self.fonts)
        # The cues and the theme; with no audio device, silence and one line on stderr (game/ui/sound.py).
        self.sounds = Sounds(self.settings["volume"], self.settings["muted"])
        self.clock = pygame.time.Clock()
        self.scrolls: dict[str, ScrollArea] = {}
        self.hotspots: list[Hotspot] = []
        self.stack: list[Screen] = []
        self.layer: pygame.Surface | None = None
        self.dirty = True
        self.running = True
        self.exit_code = 0
        self.toasts: list[Toast] = []
        self.alerts: list[tuple[str, str]] = []  # failed writes, each shown until acknowledged
        self.frames = 0
        self.pressed: Hotspot | None = None
        self.hover: Hotspot | None = None
        self.hover_since = 0.0
        # The screen each held key went down on: its repeats go to that screen only, so that a key held (or
        # repeated while a slow screen was being built) never runs on through the screens it opens.
        self.held: dict[int, Screen] = {}
        self.saved_drafts: tuple | None = None  # (session, week, drafted orders) as last saved to a slot
        self.session: Session | None = None
        self.entry_path = Path(scenario) if scenario is not None and _is_path(scenario) else None
        self.entry_name = str(scenario) if scenario is not None and self.entry_path is None else None
        self.seed = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
        self.seed_given = seed is not None
        # The title screen's teacher settings, chosen per scenario file (a game code's settings start there).
        self.game_settings: dict[str, GameSettings] = {}
        self.start_settings = game_settings
        self.recorder = None  # the replay the game in progress writes (game/ui/recording.py)
        self.replay_problem: str | None = None
        self.replay_path = Path(replay) if replay is not None else None  # python -m game replay FILE
        self.world = None
        self.mapview: MapView | None = None
        try:
            self.world = load_world_map()
        except AssetError as exc:
            self.problems.append(f"{exc}; the map is replaced by the country list")
            print(f"flood-the-zone: {exc}", file=sys.stderr)
        self.test_state_path = os.environ.get(TEST_STATE_ENV) or None
        self._last_state = ""
        self.screenshot_dir = Path(screenshots) if screenshots else None
        self.shots: list[str] = []
        self.driver: Iterator | None = None
        # A scripted run (--autoplay) is a demonstration, not the player's game: it never writes the autosave.
        self.demo = autoplay is not None
        self.frame_times: list[float] = []
        self._full_next = True
        self._overlay_rects: list[pygame.Rect] = []
        self._toast_rects: list[pygame.Rect] = []
        self._last_mouse: tuple[int, int] | None = None
        self._last_hover: Hotspot | None = None
        self._last_tooltip = False
        self.fake_mouse: tuple[int, int] | None = None  # the scripted driver's pointer, for hover screenshots
        self.first_frame_at: float | None = None
        self.tutorial = None  # the scenario's guided tutorial while one runs (game/ui/tutorial.py)
        self.go(Switch("title"))
        if autoplay:
            self.driver = autoplay_driver(self, autoplay, turns)
        elif direct and scenario is not None:
            self.go(self.stack[-1].start_highlighted())
        elif self.replay_path is not None:
            self.go(Open("replay_file", path=self.replay_path))  # over the title screen; a bad file is a message there

    # ------------------------------------------------------------------------------------------ sizes

    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    @property
    def scale(self) -> float:
        w, h = self.size
        return max(0.85, min(w / 1280, h / 720, 1.6))

    # ---------------------------------------------------------------------------------------- screens

    @property
    def top(self) -> Screen:
        return self.stack[-1]

    def push(self, screen: Screen) -> None:
        if screen.name in ("help", "report") and self.stack:  # told while the screen it was opened from is on top
            note(self, "open_help" if screen.name == "help" else "open_report")
        if not screen.modal:
            self.toasts.clear()  # a toast is about the screen it was raised on
        for name in [n for n in self.scrolls if n.startswith(f"{screen.name}.")]:
            del self.scrolls[name]  # a screen opens at its top, not where the last one of its kind was left
        self.stack.append(screen)
        screen.on_enter()
        self.pressed = None
        self.dirty = True

    def pop(self) -> Screen:
        screen = self.stack.pop()
        self.pressed = None
        self.dirty = True
        if self.stack:
            self.stack[-1].on_enter()
        return screen

    def replace(self, screen: Screen) -> None:
        """Replace the whole stack (a new game, back to the title)."""
        self.stack.clear()
        self.push(screen)

    def go(self, flow: Flow) -> None:
        """Carry out what a handler returned: open, switch, go back, toast or quit, in order."""
        for step in steps(flow):
            if isinstance(step, Open):
                self.push(make_screen(self, step.route, step.args))
            elif isinstance(step, Switch):
                self.replace(make_screen(self, step.route, step.args))
            elif isinstance(step, Back):
                self.pop()
            elif isinstance(step, Say):
                self.toast(step.text, step.kind, step.seconds)
            elif isinstance(step, Quit):
                self.quit(step.code)
            elif not isinstance(step, Stay):
                raise TypeError(f"unknown flow step {step!r}")

    def find(self, name: str) -> Screen | None:
        for screen in reversed(self.stack):
            if screen.name == name:
                return screen
        return None

    def toast(self, text: str, kind: str = "info", seconds: float = 3.5) -> None:
        self.toasts = [t for t in self.toasts if t.text != text][-2:]
        self.toasts.append(Toast(text, time.monotonic() + seconds, kind))

    # ------------------------------------------------------------------------------------ game control

    def ensure_map(self, scenario: Scenario) -> None:
        if self.world is None:
            self.mapview = None
            return
        rules = scenario.rules
        if self.mapview is None or self.mapview.codes != rules.countries:
            self.mapview = MapView(self.world, rules.countries, rules.labels.countries)

    def new_game(self, scenario: Scenario, seed: int | None = None, settings: GameSettings | None = None) -> Flow:
        """Start a game of ``scenario`` with the teacher settings (default: the scenario file's own); what comes
        next is its briefing.  Settings the scenario cannot take leave everything as it was, and what comes next
        is the message saying why."""
        seed = self.seed if seed is None else seed
        try:
            session = Session(scenario, seed, settings=settings or scenario_defaults(scenario))
        except SettingsError as exc:
            return self.message("This game cannot start", str(exc))
        self.session = session
        self.recorder = recorder_for(session)
        self.replay_problem = None
        self.ensure_map(scenario)
        self.start_tutorial(self.session)
        # No autosave yet: the autosave may hold another game in progress, replaced only when this game's first
        # week ends (the title screen asks before it comes to that).
        return Switch("briefing")

    def resume(self, session: Session) -> Switch:
        """Go on with ``session``; what comes next is its debrief if it is over, else the game's screen."""
        self.session = session
        self.recorder = recorder_for(session, continued=True)
        self.replay_problem = None
        self.ensure_map(session.scenario)
        self.start_tutorial(session)
        # A two-sided game goes on at the hand-over to whoever's turn it is, never on one side's orders.
        return Switch("debrief" if session.is_over else "game")

    def start_tutorial(self, session: Session) -> None:
        """A scenario with a `tutorial:` section plays with its cards (a loaded game picks them up at its week);
        not in a two-sided game, whose players take turns at one screen."""
        steps = session.scenario.tutorial
        self.tutorial = Tutorial(self, steps) if steps and not session.two_sided else None

    def load_slot(self, slot: str) -> Flow:
        """Load a save: what comes next is the game, or for a bad save (everything left as it was) the message
        saying why."""
        path = paths.save_path(slot)
        try:
            session = Session.load(path)
        except SaveError as exc:
            return self.message("This save cannot be loaded", str(exc))
        where = "the crisis is over" if session.is_over else f"week {session.turn + 1}"
        loaded = f"Loaded {paths.slot_info(slot).label.lower()}: {where}"
        return self.resume(session), Say(loaded, "good")

    def save_slot(self, slot: str, quiet: bool = False) -> Open | None:
        """Save the game: None when saved, else the message saying why it was not."""
        if self.session is None:
            return None
        try:
            self.session.save(paths.save_path(slot))
        except OSError as exc:
            return self.message("The game could not be saved", f"{paths.save_path(slot)}: {exc.strerror or exc}")
        self.saved_drafts = (self.session, self.session.turn, self._drafts())
        if not quiet:
            self.toast(f"Saved to {paths.slot_info(slot).label.lower()}", "good")
        return None

    def autosave(self) -> None:
        if self.session is None:
            return
        # Nothing done yet in a new game (its briefing, say): the autosave keeps the game it holds.
        session = self.session
        drafted = session.submitted or any(session.pending_for(a).orders for a in session.humans)
        untouched = not played(session) and not drafted
        if not self.demo and not untouched:
            try:
                self.session.save(paths.save_path(paths.AUTOSAVE))
            except OSError as exc:
                self.alert(
                    "This week was not saved",
                    f"The autosave {paths.save_path(paths.AUTOSAVE)} could not be written: {exc.strerror or exc}. "
                    "Free some space or fix the folder, then save by hand (Esc, Save) before you stop playing: "
                    "until then, quitting loses the weeks since the last save.",
                )
        self.write_replay()

    def write_replay(self) -> None:
        """Bring the game's replay file up to date (from the first week a person played); a disk that refuses
        it is said once, and the game goes on."""
        recorder, session = self.recorder, self.session
        if recorder is None or recorder.session is not session or not played(session):
            return
        problem = recorder.write()
        if problem and problem != self.replay_problem:
            self.alert(
                "The replay was not written",
                f"{problem}. The game goes on and is still autosaved; the replay is written again at the end of "
                "every week, so it catches up once the disk takes it.",
            )
        self.replay_problem = problem

    def alert(self, title: str, body: str) -> None:
        """A failure the player must see: a message box that stays until acknowledged (a toast fades, and the
        next screen would clear it), opened at the next frame over whatever is showing."""
        self.alerts.append((title, body))

    def message(self, title: str, body: str, kind: str = "error") -> Open:
        """The message box saying ``body``, for a handler to return."""
        return Open("message", title=title, body=body, kind=kind)

    def set_sound(self, volume: int | None = None, muted: bool | None = None) -> None:
        """Change the volume (0-100) or the mute, in the mixer and in the settings kept for the next run."""
        if volume is not None:
            self.settings["volume"] = max(0, min(100, int(volume)))
            self.sounds.set_volume(self.settings["volume"])
        if muted is not None:
            self.settings["muted"] = bool(muted)
            self.sounds.set_muted(self.settings["muted"])
        self.dirty = True

    def request_quit(self) -> Flow:
        """Quit, or first ask when something would be lost: orders drafted this week (the autosave is written
        at the end of each week, so they are not in it)."""
        session = self.session
        lost = self.unsaved_orders()
        if self.demo or not lost or self.find("confirm") is not None:
            return Quit(0)
        week = session.turn + 1
        return Open(
            "confirm",
            title="Quit the game?",
            body=f"The {lost} order{'s' if lost != 1 else ''} drafted for week {week} will be lost: the autosave "
            f"holds the game as it was at the start of week {week}. Save first (Menu, Save game…) to keep them.",
            yes="Quit without saving",
            action=lambda: Quit(0),
        )

    def unsaved_orders(self) -> int:
        """How many of this week's drafted orders no save holds (the autosave is written at each week's end)."""
        session = self.session
        if session is None or session.is_over:
            return 0
        drafted = sum(len(session.pending_for(a).orders) for a in session.humans)
        return 0 if self.saved_drafts == (session, session.turn, self._drafts()) else drafted

    def _drafts(self) -> tuple:
        return tuple(tuple(self.session.pending_for(a).orders) for a in self.session.humans)

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    # -------------------------------------------------------------------------------------- input

    def hotspot_at(self, pos) -> Hotspot | None:
        for spot in reversed(self.hotspots):
            if spot.visible and spot.rect.collidepoint(pos):
                return spot
        return None

    def hotspot(self, id: str) -> Hotspot | None:
        for spot in self.hotspots:
            if spot.id == id:
                return spot
        return None

    def activate_id(self, id: str) -> None:
        spot = self.hotspot(id)
        if spot is not None:
            self.activate(spot)

    def activate(self, spot: Hotspot) -> None:
        """What a click on a hotspot does (the autoplay driver ends here too)."""
        if not spot.enabled:
            if spot.tooltip:
                self.toast(spot.tooltip, "bad")
            return
        self.dirty = True
        if spot.id.startswith("tutorial:") and self.tutorial is not None:
            self.tutorial.on_action(spot.id)
            return
        self.go(self.top.on_action(spot.id, spot.payload))

    def event_to_top(self, event: pygame.event.Event) -> bool:
        answer = self.top.on_event(event)
        self.go(answer)
        return handled(answer)

    def scroll_at(self, pos) -> ScrollArea | None:
        for area in self.scrolls.values():
            if area.rect.collidepoint(pos) and area.max_offset > 0 and area.name.startswith(self.top.name):
                return area
        return None

    SCROLL_KEYS = (pygame.K_DOWN, pygame.K_UP, pygame.K_PAGEDOWN, pygame.K_PAGEUP)

    def scroll_by_key(self, name: str, key: int) -> None:
        """Scroll the area ``name`` for ↓ ↑ (a few lines) or Page Down / Page Up (three quarters of its height)."""
        area = self.scrolls.get(name)
        if area is None:
            return
        big = key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP)
        step = area.rect.height * 3 // 4 if big else round(40 * self.scale)
        sign = 1 if key in (pygame.K_PAGEDOWN, pygame.K_DOWN) else -1
        area.offset = max(0, min(area.max_offset, area.offset + sign * step))
        self.dirty = True

    def scroll_into_view(self, spot: Hotspot) -> None:
        area = self.scrolls.get(spot.scroll)
        if area is None:
            return
        area.offset = max(0, min(spot.virtual_y - area.rect.y - area.rect.height // 3, area.max_offset))
        self.dirty = True

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.go(self.request_quit())
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._resized()
        elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSGAINED, pygame.WINDOWRESTORED):
            self._full_next = True  # the window system may have lost what partial updates rely on
        elif event.type == pygame.KEYDOWN:
            down_on = self.held.setdefault(event.key, self.top)
            if down_on is self.top:
                self.handle_key(event)
        elif event.type == pygame.KEYUP:
            self.held.pop(event.key, None)
        elif event.type == pygame.WINDOWFOCUSLOST:
            self.held.clear()  # the keys' releases go to another window
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            spot = self.hotspot_at(event.pos)
            if spot is not None:
                self.pressed = spot
            else:
                self.event_to_top(event)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            spot, self.pressed = self.pressed, None
            if spot is not None:
                if spot.rect.collidepoint(event.pos):
                    self.activate(spot)
            else:
                self.event_to_top(event)
        elif event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            area = self.scroll_at(pos)
            if area is not None:
                area.offset = max(0, min(area.max_offset, area.offset - round(event.y * 48 * self.scale)))
                self.dirty = True
            else:
                self.event_to_top(event)
        elif event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            self.event_to_top(event)

    def handle_key(self, event: pygame.event.Event) -> None:
        ctrl = event.mod & pygame.KMOD_CTRL
        if ctrl and event.key == pygame.K_q:
            self.dirty = True
            self.go(self.request_quit())
            return
        if ctrl and event.key == pygame.K_m:
            self.set_sound(muted=not self.settings["muted"])
            muted, silent = self.settings["muted"], not self.sounds.available
            self.toast("Sound off · Ctrl+M turns it on" if muted else "Sound on" + (" (no audio device)" * silent))
            return
        if self.tutorial is not None and self.tutorial.on_key(event, self.top):
            self.dirty = True
            return
        answer = self.top.on_key(event)
        if handled(answer):
            self.dirty = True
            self.go(answer)
            return
        if event.key == pygame.K_F1:
            self.go(Back() if self.top.name == "help" else Open("help"))
        elif event.key == pygame.K_ESCAPE and self.top.modal:
            self.go(Back())

    def _resized(self) -> None:
        w, h = self.window.get_size()
        if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
            self.window = pygame.display.set_mode((max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])), self.flags)
        self.settings["window"] = list(self.window.get_size())
        self.dirty = True

    # ------------------------------------------------------------------------------------------- draw

    def new_ui(self, surface: pygame.Surface) -> Ui:
        return Ui(surface, self.fonts, self.texts, self.scale, self.scrolls)

    def render_layer(self) -> None:
        size = self.size
        if self.layer is None or self.layer.get_size() != size:
            self.layer = pygame.Surface(size)
        self.layer.fill(T.BG)
        ui = self.new_ui(self.layer)
        base = len(self.stack) - 1
        while base > 0 and self.stack[base].modal:
            base -= 1
        for i in range(base, len(self.stack)):
            screen = self.stack[i]
            if screen.modal:
                dim = pygame.Surface(size, pygame.SRCALPHA)
                dim.fill((8, 10, 16, 170))
                self.layer.blit(dim, (0, 0))
            ui.hotspots = []
            screen.draw(ui)
        again = self.tutorial is not None and self.tutorial.draw(ui, self.top)
        self.hotspots = ui.hotspots
        if self.problems:
            self._draw_problems(ui)
        self.dirty = again  # the tutorial scrolled its control into view: draw that

    def _draw_problems(self, ui: Ui) -> None:
        text = "⚠ " + self.problems[0] + (f"  (+{len(self.problems) - 1} more)" if len(self.problems) > 1 else "")
        w = self.size[0]
        h = ui.px(26)
        y = self.size[1] - h
        ui.rect(pygame.Rect(0, y, w, h), (90, 40, 36))
        ui.text((ui.px(10), y + h // 2), text, "sym", 12, T.TEXT, "midleft", max_width=w - ui.px(20))

    def draw_frame(self) -> None:
        """Draw what changed.  The static layer is redrawn only when marked dirty; otherwise only the regions
        of the per-frame layer (hover, tooltips, toasts) are restored, redrawn and sent to the display, and
        a frame where nothing moved sends nothing at all."""
        full = self.dirty or self.layer is None or self.layer.get_size() != self.size or self._full_next
        if full:
            self.render_layer()
            self._full_next = False
        mouse = self.fake_mouse or pygame.mouse.get_pos()
        focused = self.fake_mouse is not None or pygame.mouse.get_focused()
        hover = self.hotspot_at(mouse) if focused else None
        now = time.monotonic()
        if hover is not self.hover:
            self.hover = hover
            self.hover_since = now
        tooltip = hover is not None and bool(hover.tooltip) and now - self.hover_since > 0.25
        idle = (
            not full
            and mouse == self._last_mouse
            and hover is self._last_hover
            and tooltip == self._last_tooltip
            and not self.toasts
            and not self._toast_rects
            and not self.top.wants_frames()
        )
        if idle:
            return
        self._last_mouse, self._last_hover, self._last_tooltip = mouse, hover, tooltip
        surface = self.window
        if full:
            surface.blit(self.layer, (0, 0))
        else:
            for rect in self._overlay_rects:
                surface.blit(self.layer, rect, rect)
        rects: list[pygame.Rect] = []
        if hover is not None and not hover.quiet:
            colour = T.ACCENT if hover.enabled else T.TEXT_FAINT
            width = max(1, round(self.scale))
            pygame.draw.rect(surface, colour, hover.rect, width, border_radius=round(6 * self.scale))
            rects.append(hover.rect.inflate(2, 2))
        rects += self.top.overlay(surface, mouse) or []
        if tooltip:
            colour = T.TEXT if hover.enabled else (250, 170, 160)
            lines = [(line, "regular", colour) for line in hover.tooltip.split("\n")]
            box = draw_tooltip(surface, self.texts, self.scale, mouse, lines, self.keep_clear())
            if box is not None:
                rects.append(box)
        self._toast_rects = self._draw_toasts(surface)
        rects += self._toast_rects
        screen = surface.get_rect()
        rects = [r.clip(screen) for r in rects]
        if full:
            pygame.display.flip()
        else:
            pygame.display.update(self._overlay_rects + rects)
        self._overlay_rects = rects

    def keep_clear(self) -> tuple[pygame.Rect, ...]:
        """What a tooltip must not cover: the tutorial's card, while one shows."""
        card = self.tutorial.card if self.tutorial is not None else None
        return (card,) if card is not None else ()

    def _draw_toasts(self, surface: pygame.Surface) -> list[pygame.Rect]:
        now = time.monotonic()
        self.toasts = [t for t in self.toasts if t.until > now]
        region = None
        for screen in reversed(self.stack):  # a dialog's toasts go where the screen under it puts them
            region = screen.toast_region()
            if region is not None or not screen.modal:
                break
        region = region or pygame.Rect(0, 0, self.size[0], self.size[1] - round(70 * self.scale))
        card = self.tutorial.card if self.tutorial is not None else None
        return draw_toasts(surface, self.texts, self.scale, self.toasts, region, card)

    # ------------------------------------------------------------------------------------ test hooks

    def screenshot(self, name: str) -> Path | None:
        """Save the window as ``DIR/NN-name.png`` (scripted mode)."""
        if self.screenshot_dir is None:
            return None
        self.screenshot_dir.mkdir(parents=True, exist_ok=True)
        path = self.screenshot_dir / f"{len(self.shots) + 1:02d}-{name}.png"
        pygame.image.save(self.window, str(path))
        self.shots.append(path.name)
        return path

    def write_test_state(self) -> None:
        """With FLOOD_THE_ZONE_TEST_STATE set, a small JSON of what is on screen (for the end-to-end test)."""
        if not self.test_state_path:
            return
        session = self.session
        data = {
            "frames_drawn": self.frames > 0,
            "screen": self.top.name,
            "stack": [s.name for s in self.stack],
            "size": list(self.size),
            "turn": session.turn if session else None,
            "over": session.is_over if session else None,
            "pending": [session.describe(o) for o in session.pending.orders] if session else [],
            "buttons": {h.id: list(h.rect) for h in self.hotspots if h.visible and h.enabled},
            "tutorial": self.tutorial.state(self.top) if self.tutorial is not None else None,
            **self.top.state(),
        }
        text = json.dumps(data, sort_keys=True)
        if text == self._last_state:
            return
        self._last_state = text
        try:
            paths.write_json_atomic(Path(self.test_state_path), data)
        except OSError:
            self.test_state_path = None

    # ------------------------------------------------------------------------------------------ loop

    def step(self) -> None:
        """One frame: input, the scripted driver, drawing."""
        for event in pygame.event.get():
            self.handle(event)
            if not self.running:
                return
        if self.alerts and self.top.name != "message":
            self.go(self.message(*self.alerts.pop(0)))
        self.draw_frame()
        self.frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
        self.top.after_frame()
        self.write_test_state()
        if self.driver is not None:
            try:
                next(self.driver)
            except StopIteration:
                self.driver = None
                self.quit(0)
            except AutoplayError as exc:
                self.driver = None
                print(f"flood-the-zone: {exc}", file=sys.stderr)
                self.quit(1)

    def run(self) -> int:
        try:
            while self.running:
                self.step()
                self.clock.tick(60)
        finally:
            paths.store_settings(self.settings)
            self.sounds.close()
            pygame.display.quit()
        return self.exit_code


def _is_path(value) -> bool:
    text = os.fspath(value)
    return text.lower().endswith((".yaml", ".yml")) or os.sep in text or "/" in text
