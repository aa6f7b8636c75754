"""Dialogs over the game: pause menu, save/load slots, settings, help, and messages (a bad save, ...)."""

from __future__ import annotations

import pygame

from game.classroom.sources import cite_seed
from game.classroom.words import players_words

from .. import paths
from .. import theme as T
from ..flow import Back, Flow, Open, Switch
from ..widgets import Ui
from .common import Dialog, game_code

SHORTCUTS = (
    (
        "Anywhere",
        (
            ("F1", "help (press again to close)"),
            ("Esc", "closes what is open (a dialog, the staff's advice), else the pause menu"),
            ("Ctrl+Q", "quit the game (asks first if this week's orders would be lost)"),
            ("Ctrl+M", "sound off / on (the volume: Settings)"),
        ),
    ),
    (
        "Title screen",
        (
            ("Enter", "start the highlighted scenario with the settings shown (in the code box: the code's game)"),
            ("↑ ↓", "move through the scenarios, or between the settings"),
            ("Tab / Shift+Tab", "scenarios → new game's settings → game-code box"),
            ("← →", "change the focused setting (seed: type digits, N a new one)"),
            ("F, 0 … 9", "start typing a game code; Ctrl+V pastes one"),
            ("C", "continue the last autosave"),
            ("L", "load a saved game"),
            ("P", "open a replay (↑ ↓ choose, Enter opens)"),
            ("R", "look again for scenario files"),
        ),
    ),
    (
        "Briefing",
        (
            ("Enter / Space", "take office: start the first week"),
            ("F5", "reload the scenario file and list its mistakes (for authors)"),
        ),
    ),
    (
        "Map",
        (
            ("Space", "end the week (asks first unless turned off in Settings)"),
            ("Tab / ↓, Shift+Tab / ↑", "next / previous country (opens its dossier)"),
            ("C V D G", "action: call, visit, deputy call, group call (D, G again: next deputy, group)"),
            ("M", "talk to the rival itself, where the crisis allows it"),
            ("1 … 9", "topic"),
            ("S, click the map", "add the next capital of the region to a trip; a click on one adds or removes it"),
            ("Enter", "add the order you built (while changing one: put it back changed)"),
            ("I", "make the drafted deputy's call their standing instruction (another country: add it)"),
            ("K", "attach a promise to the call or visit being drafted (again: the next one, then none)"),
            ("U", "your deputies: specialties, who is free, standing instructions"),
            ("R", "repeat last week's orders that are still allowed"),
            ("P, click an order", "change a queued order; [ / ] move it up / down"),
            ("A", "ask your staff: suggested orders with their reasons (again: close)"),
            ("1 … 9, Enter", "with the staff's advice open: add that suggestion, the next one"),
            ("Del / Backspace", "take back the order being changed, else the last one (also Ctrl+Z)"),
            ("W / E", "world / Europe view"),
            ("+ / −, wheel", "zoom; drag or ← → to pan"),
            ("L / O", "country list / dossier"),
            ("PgUp / PgDn", "scroll the side panel"),
            ("Ctrl+S", "quick save"),
            ("Ctrl+O", "load a saved game"),
        ),
    ),
    (
        "Turn report",
        (
            ("Enter / Space", "continue"),
            ("↑ ↓ PgUp PgDn", "scroll"),
        ),
    ),
    (
        "Debrief",
        (
            ("Enter", "back to the title screen"),
            ("R", "write the after-action report (HTML) into the reports folder"),
            ("O", "open the report in the web browser"),
        ),
    ),
    (
        "Two players: hand-over",
        (
            ("letters", "type your name (optional)"),
            ("Enter", "ready: show your side's map"),
        ),
    ),
    (
        "Replay viewer",
        (
            ("← →", "the week before / after"),
            ("Home / End", "the first / last week"),
            ("↑ ↓ PgUp PgDn", "scroll the week's orders and moves"),
            ("W / E", "world / Europe view"),
            ("Esc", "close"),
        ),
    ),
    (
        "Tutorial cards",
        (
            ("N", "next card (a card that asks for nothing); do what a card asks to go on"),
            ("X", "skip the tutorial for the rest of the game"),
        ),
    ),
)
LEFT_COLUMN = (0, 1, 2, 5, 6, 7)  # the Help's shortcut sections in its left column (the map's is long)

RULES = (
    (
        "The goal",
        "By the day the crisis resolves, bring as many countries as you can toward Washington. Each "
        "country's final alignment (−100 with Moscow … +100 with Washington) decides what it commits to: how it votes "
        "at the UN, whether it joins sanctions, sends arms, and — for energy producers — helps replace Russian energy. "
        "The commitments, weighted by each country's importance, make your score out of 100 and your result tier.",
    ),
    (
        "A week",
        "Give orders, then end the week. Nothing happens until then: your orders and Moscow's resolve "
        "together, then drift, the pull of group peers and the dated news of the crisis. The turn report shows every "
        "change split into its causes.",
    ),
    (
        "Orders",
        "A call costs one of the week's calls. A visit is stronger but costs your trip and travel time "
        "(calls); one trip may chain several capitals of one region, each stop a little weaker. A deputy's call is "
        "weaker but free; each deputy calls once a week and is strongest on a specialty (★). A group call reaches "
        "every member of a group at once, weakly. A topic works as well as the country cares about it (its interest) "
        "and as what you can offer on it; a topic a country dislikes pushes it away.",
    ),
    (
        "A week's plan",
        "Most weeks repeat the last with a change or two. A deputy can take a standing instruction (draft their "
        "call, press I; I with another country adds it): they call its capitals in turn, one a week, until you "
        "change it, and each week's call is queued for you (↻). R repeats last week's orders that are still "
        "allowed; a click on a queued order (or P) changes it, [ ] move it. U lists your deputies.",
    ),
    (
        "Promises",
        "Some capitals want a promise with your call or visit (a consultation before any deal, gas deliveries): "
        "press K in the dossier or click the promise. They believe you, so the call moves them more now, but you owe "
        "them: keep it by the week it falls due (usually by calling them again on its topic) for a small gain, or "
        "break it and lose alignment there, and your calls land weaker there for a few weeks. The orders box lists "
        "what you owe; a few promises may be open at once.",
    ),
    (
        "Diminishing returns and drift",
        "Calling the same capital again and again gives less each time. A country "
        "you neglect drifts back toward its usual position, set by its ties (alliances, energy, trade, arms); "
        "events can change those ties.",
    ),
    (
        "Luck",
        "Every contact has some luck, stronger with countries that send mixed messages. The seed fixes all "
        "of it: the same seed and orders always give the same game.",
    ),
)


class PauseScreen(Dialog):
    name = "pause"
    ITEMS = (
        ("resume", "Resume", "Esc"),
        ("save", "Save game…", "S"),
        ("load", "Load game…", "L"),
        ("settings", "Settings…", ""),
        ("help", "Help", "F1"),
        ("title", "Quit to title", ""),
        ("quit", "Quit game", "^Q"),
    )

    def on_action(self, id: str, payload) -> Flow:
        if id == "resume":
            return Back()
        if id in ("save", "load"):
            return Open("saves", mode=id)
        if id in ("settings", "help"):
            return Open(id)
        if id == "title":
            self.app.autosave()
            return Switch("title")
        if id == "quit":
            return self.app.request_quit()
        return None

    def on_key(self, event) -> Flow:
        keys = {pygame.K_s: "save", pygame.K_l: "load", pygame.K_RETURN: "resume"}
        if event.key in keys:
            return self.on_action(keys[event.key], None)
        return super().on_key(event)

    def draw(self, ui: Ui) -> None:
        n = len(self.ITEMS)
        session = self.app.session
        rect = self.box(ui, ui.px(110) + n * ui.px(50) + (ui.px(46) if session is not None else 0))
        pad = ui.px(24)
        y = rect.y + pad
        ui.text((rect.centerx, y), "Paused", "bold", 26, T.TEXT, "midtop")
        y += ui.px(36)
        if session is not None:
            sub = (
                f"{session.scenario.title} · week {min(session.turn + 1, session.rules.n_turns)} · seed {session.seed}"
            )
            players = players_words(session)
            if players:  # whose game is paused: on a classroom's machines, the next student checks it is theirs
                sub = f"{players} · {sub}"
            ui.text((rect.centerx, y), sub, "regular", 13, T.TEXT_DIM, "midtop", max_width=rect.width - 2 * pad)
            y = self._code_lines(ui, rect, y + ui.px(24), pad)
        y += ui.px(30)
        for id, label, hint in self.ITEMS:
            enabled = id not in ("save",) or (session is not None and not session.is_over)
            ui.button(
                id,
                pygame.Rect(rect.x + pad, y, rect.width - 2 * pad, ui.px(42)),
                label,
                hint=hint,
                kind="primary" if id == "resume" else "secondary",
                enabled=enabled,
                reason="" if enabled else "the crisis is over: nothing left to save",
                size=15,
            )
            y += ui.px(50)

    def _code_lines(self, ui: Ui, rect: pygame.Rect, y: int, pad: int) -> int:
        """The game code and settings (a teacher reads them off the screen), and where the replay is written."""
        app = self.app
        code, _ = game_code(app)
        settings = app.session.settings.describe()
        line = f"Game code {code}  ·  {settings}" if code else f"No game code  ·  {settings}"
        ui.text(
            (rect.centerx, y),
            line,
            "semibold",
            14,
            T.ACCENT if code else T.TEXT_DIM,
            "midtop",
            max_width=rect.width - 2 * pad,
        )
        y += ui.px(22)
        recorder = app.recorder
        if app.replay_problem:
            note, colour = app.replay_problem, T.BAD
        elif recorder is not None and recorder.path.exists():
            note, colour = f"Replay: {recorder.path.name}", T.TEXT_FAINT
        else:
            note, colour = "The replay is written after the first week", T.TEXT_FAINT
        ui.text((rect.centerx, y), note, "regular", 11, colour, "midtop", max_width=rect.width - 2 * pad)
        return y


class SavesScreen(Dialog):
    name = "saves"
    width = 620

    def __init__(self, app, mode: str):
        super().__init__(app)
        self.mode = mode
        self.slots = paths.all_slots()

    def on_enter(self) -> None:
        self.slots = paths.all_slots()

    def on_action(self, id: str, payload) -> Flow:
        app = self.app
        if id == "close":
            return Back()
        if id.startswith("slot:"):
            if self.mode != "save":
                return app.load_slot(payload)
            failed = app.save_slot(payload)
            if failed is not None:
                return failed
            self.slots = paths.all_slots()
            return Back()
        return None

    # One key per slot, the same in the save and the load list: a slot's number is its key.
    KEYS = {paths.AUTOSAVE: "A", paths.QUICKSAVE: "Q", **{slot: slot.removeprefix("slot") for slot in paths.SLOTS}}

    def key_of(self, slot: str) -> str:
        return self.KEYS[slot]

    def on_key(self, event) -> Flow:
        name = pygame.key.name(event.key).upper()
        for s in self.slots:
            if self.KEYS[s.slot] == name and not event.mod & pygame.KMOD_CTRL:
                enabled, reason = self._usable(s)
                if enabled:
                    return self.on_action(f"slot:{s.slot}", s.slot) or True
                self.app.toast(reason, "bad")
                return True
        return super().on_key(event)

    def _usable(self, s: paths.SlotInfo) -> tuple[bool, str]:
        """Whether the slot's row can be chosen in this list, and why not."""
        if self.mode == "save":
            if s.slot == paths.AUTOSAVE:
                return False, "the game writes the autosave itself at the end of each week"
            return True, ""
        return s.exists, "" if s.exists else "nothing saved here"

    def state(self) -> dict:
        return {"mode": self.mode, "slots": [(s.slot, s.exists, s.problem) for s in self.slots]}

    def draw(self, ui: Ui) -> None:
        slots = self.slots
        rect = self.box(ui, ui.px(200) + len(slots) * ui.px(60))
        pad = ui.px(24)
        y = rect.y + pad
        title = "Save the game" if self.mode == "save" else "Load a game"
        ui.text((rect.x + pad, y), title, "bold", 24, T.TEXT)
        y += ui.px(36)
        ui.text(
            (rect.x + pad, y),
            f"Saves live in {paths.saves_dir()}",
            "regular",
            12,
            T.TEXT_FAINT,
            max_width=rect.width - 2 * pad,
        )
        y += ui.px(26)
        for s in slots:
            r = pygame.Rect(rect.x + pad, y, rect.width - 2 * pad, ui.px(52))
            if s.exists and not s.problem:
                detail = f"{s.scenario} · {s.where} · seed {s.seed} · {s.saved}"
            elif s.problem:
                detail = f"{s.problem} · {s.saved}"
            else:
                detail = "empty"
            enabled, reason = self._usable(s)
            if self.mode == "save" and s.exists and enabled:
                detail += " · saving here replaces it"
            ui.button(f"slot:{s.slot}", r, "", payload=s.slot, enabled=enabled, reason=reason, hint=self.KEYS[s.slot])
            ui.text((r.x + ui.px(14), r.y + ui.px(8)), s.label, "semibold", 15, T.TEXT if enabled else T.TEXT_FAINT)
            colour = (250, 160, 150) if s.problem else T.TEXT_DIM
            ui.text((r.x + ui.px(14), r.y + ui.px(30)), detail, "regular", 12, colour, max_width=r.width - ui.px(50))
            y += ui.px(60)
        ui.button(
            "close",
            pygame.Rect(rect.right - pad - ui.px(120), rect.bottom - pad - ui.px(40), ui.px(120), ui.px(40)),
            "Close",
            hint="Esc",
        )


class SettingsScreen(Dialog):
    name = "settings"
    width = 560

    def on_action(self, id: str, payload) -> Flow:
        s = self.app.settings
        if id == "labels":
            s["map_labels"] = not s["map_labels"]
        elif id == "mute":
            self.app.set_sound(muted=not s["muted"])
        elif id.startswith("volume:"):
            self.app.set_sound(volume=payload)
            self.app.sounds.play("news")  # the new level, heard at once
        elif id == "confirm_end_turn":
            s["confirm_end_turn"] = not s["confirm_end_turn"]
        elif id.startswith("size:"):
            self.app.window = pygame.display.set_mode(payload, self.app.flags)
            self.app._resized()
        elif id == "close":
            problem = paths.store_settings(s)
            if problem:
                self.app.toast(problem, "bad")
            return Back()
        return None

    def draw(self, ui: Ui) -> None:
        s = self.app.settings
        rect = self.box(ui, ui.px(450 + self.SOUND_HEIGHT))
        pad = ui.px(24)
        x, width = rect.x + pad, rect.width - 2 * pad
        y = rect.y + pad
        ui.text((x, y), "Settings", "bold", 24, T.TEXT)
        y += ui.px(44)
        ui.text((x, y + ui.px(8)), "Country names on the map", "regular", 15, T.TEXT)
        ui.button(
            "labels",
            pygame.Rect(x + width - ui.px(90), y, ui.px(90), ui.px(34)),
            "On" if s["map_labels"] else "Off",
            selected=s["map_labels"],
        )
        y += ui.px(50)
        ui.text((x, y + ui.px(8)), "Ask before a week ends", "regular", 15, T.TEXT)
        ui.button(
            "confirm_end_turn",
            pygame.Rect(x + width - ui.px(90), y, ui.px(90), ui.px(34)),
            "On" if s["confirm_end_turn"] else "Off",
            selected=s["confirm_end_turn"],
            reason="End week (Space) first shows what is left unused and asks",
        )
        y = self._sound(ui, x, y + ui.px(50), width)
        # Who plays the rival, and how hard, belongs to each game (its code): the title screen sets it.
        ui.text((x, y), "Difficulty, weeks, fog, a second player", "regular", 15, T.TEXT)
        y += ui.px(24)
        y = ui.paragraph(
            x,
            y,
            width,
            "are chosen for each new game on the title screen (New game · teacher settings), or come with a game code.",
            size=13,
            color=T.TEXT_DIM,
        ) + ui.px(14)
        bw = (width - 3 * ui.px(6)) // 4
        ui.text((x, y), "Window size", "regular", 15, T.TEXT)
        y += ui.px(28)
        for i, size in enumerate(((1280, 720), (1600, 900), (1920, 1080))):
            ui.button(
                f"size:{size[0]}",
                pygame.Rect(x + i * (bw + ui.px(6)), y, bw, ui.px(34)),
                f"{size[0]}×{size[1]}",
                payload=size,
                selected=tuple(self.app.size) == size,
                size=13,
            )
        y += ui.px(54)
        ui.text((x, y), f"Settings are kept in {paths.data_dir()}", "regular", 12, T.TEXT_FAINT, max_width=width)
        ui.button(
            "close",
            pygame.Rect(rect.right - pad - ui.px(120), rect.bottom - pad - ui.px(40), ui.px(120), ui.px(40)),
            "Done",
            kind="primary",
            hint="Esc",
        )

    SOUND_HEIGHT = 112  # what the sound rows add to the box, before scaling

    def _sound(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The mute toggle and the volume: a − and + and ten steps to click; says so when nothing can be heard."""
        s, sounds = self.app.settings, self.app.sounds
        ui.text((x, y + ui.px(8)), "Sound", "regular", 15, T.TEXT)
        ui.text((x + ui.px(70), y + ui.px(10)), "Ctrl+M mutes anywhere · ← → volume", "regular", 12, T.TEXT_FAINT)
        ui.button(
            "mute",
            pygame.Rect(x + width - ui.px(90), y, ui.px(90), ui.px(34)),
            "Off" if s["muted"] else "On",
            selected=not s["muted"],
        )
        y += ui.px(46)
        volume = s["volume"]
        ui.text((x, y + ui.px(8)), "Volume", "regular", 15, T.TEXT)
        step_w, gap = ui.px(22), ui.px(4)
        minus = pygame.Rect(x + width - ui.px(90) - 10 * (step_w + gap) - ui.px(52), y, ui.px(44), ui.px(34))
        ui.button("volume:down", minus, "−", payload=max(0, volume - 10), size=16)
        sx = minus.right + ui.px(8)
        for i in range(1, 11):
            r = pygame.Rect(sx + (i - 1) * (step_w + gap), y + ui.px(4), step_w, ui.px(26))
            lit = volume >= i * 10
            colour = (T.TEXT_FAINT if s["muted"] else T.ACCENT) if lit else T.PANEL_3
            ui.rect(r, colour, radius=ui.px(3))
            ui.hotspot(f"volume:{i * 10}", r, payload=i * 10, tooltip=f"volume {i * 10}")
        plus = pygame.Rect(sx + 10 * (step_w + gap) + ui.px(4), y, ui.px(44), ui.px(34))
        ui.button("volume:up", plus, "+", payload=min(100, volume + 10), size=16)
        ui.text((x + width, y + ui.px(8)), str(volume), "semibold", 15, T.TEXT, "topright")
        y += ui.px(44)
        if not sounds.available:
            note = "No audio device here: the game plays silently (the settings are kept)."
        else:
            note = "The cues and the theme are made by the game itself: no sound files."
        return ui.paragraph(x, y, width, note, size=12, color=T.TEXT_FAINT) + ui.px(14)

    def on_key(self, event) -> bool:
        if event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            return self.on_action("close", None) or True
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.app.activate_id("volume:down" if event.key == pygame.K_LEFT else "volume:up")
            return True
        return False


class HelpScreen(Dialog):
    name = "help"
    width = 900

    def __init__(self, app):
        super().__init__(app)
        self.tab = "rules"

    def on_action(self, id: str, payload) -> Flow:
        if id.startswith("tab:"):
            self.tab = payload
            self.app.scrolls.pop("help.body", None)
        elif id == "close":
            return Back()
        return None

    def on_key(self, event) -> Flow:
        tabs = ("rules", "keys", "sources")
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB):
            step = -1 if event.key == pygame.K_LEFT else 1
            self.tab = tabs[(tabs.index(self.tab) + step) % len(tabs)]
            self.app.scrolls.pop("help.body", None)
            return True
        if event.key in self.app.SCROLL_KEYS:
            self.app.scroll_by_key("help.body", event.key)
            return True
        return super().on_key(event)

    def state(self) -> dict:
        return {"help_tab": self.tab}

    def draw(self, ui: Ui) -> None:
        w, h = self.app.size
        rect = self.box(ui, h - ui.px(60))
        pad = ui.px(26)
        x, width = rect.x + pad, rect.width - 2 * pad
        y = rect.y + pad
        ui.text((x, y), "Help", "bold", 26, T.TEXT)
        tx = x + ui.px(110)
        for id, label in (("rules", "How to play"), ("keys", "Shortcuts"), ("sources", "Sources & credits")):
            r = pygame.Rect(tx, y, ui.px(160), ui.px(34))
            ui.button(f"tab:{id}", r, label, payload=id, selected=self.tab == id, size=14)
            tx += ui.px(168)
        ui.button("close", pygame.Rect(rect.right - pad - ui.px(100), y, ui.px(100), ui.px(34)), "Close", hint="F1")
        y += ui.px(52)
        ui.begin_scroll("help.body", pygame.Rect(rect.x + 2, y, rect.width - 4, rect.bottom - y - ui.px(16)))
        if self.tab == "rules":
            for title, text in RULES:
                y = ui.heading(x, y, title, width)
                y = ui.paragraph(x, y, width, text, size=15) + ui.px(14)
        elif self.tab == "keys":
            col = width // 2 - ui.px(10)
            cols = [(x, y), (x + col + ui.px(20), y)]
            for i, (section, keys) in enumerate(SHORTCUTS):
                cx, cy = cols[0] if i in LEFT_COLUMN else cols[1]
                cy = ui.heading(cx, cy, section, col)
                for key, what in keys:
                    ui.text((cx, cy), key, "sym", 13, T.ACCENT, max_width=ui.px(150))
                    cy = ui.paragraph(cx + ui.px(160), cy, col - ui.px(160), what, size=13) + ui.px(3)
                cy += ui.px(12)
                if i in LEFT_COLUMN:
                    cols[0] = (cx, cy)
                else:
                    cols[1] = (cx, cy)
            y = max(cols[0][1], cols[1][1])
        else:
            y = self._sources(ui, x, y, width)
        ui.end_scroll(y + pad)

    def _sources(self, ui: Ui, x: int, y: int, width: int) -> int:
        session = self.app.session
        y = ui.heading(x, y, "Where the scenario comes from", width)
        if session is not None:
            doc = session.scenario.doc
            y = ui.paragraph(
                x,
                y,
                width,
                f"{doc.title} rests on these news articles (their text is in the game's seeds/ "
                "folder); every country position, event and documented contact cites a passage, shown "
                "in the dossiers and the news.",
                size=14,
            ) + ui.px(6)
            for seed in doc.seeds:
                y = ui.paragraph(x + ui.px(12), y, width - ui.px(12), cite_seed(seed), "semibold", 13, T.TEXT)
                y += ui.px(6)
        else:
            y = ui.paragraph(
                x, y, width, "Each scenario names the news articles it rests on; start one to see them here.", size=14
            )
        y += ui.px(12)
        credits = (
            (
                "Map",
                "Natural Earth 1:50m country outlines (public domain), packaged by the npm package world-atlas "
                "(ISC licence, © Michael Bostock); see assets/map/README.md.",
            ),
            ("Fonts", "Inter (SIL Open Font License) and DejaVu Sans (free licence); see assets/fonts/."),
            ("Sound", "Synthesised by the game itself at start-up (game/ui/synth.py): no sound files, no licence."),
            (
                "Numbers",
                "Weights and thresholds marked INVENTED in a scenario file are game choices, tuned so that "
                "the historical playbook reproduces the documented positions.",
            ),
            (
                "Your data",
                f"Saves, your own scenarios and settings live in {paths.data_dir()} (set "
                "FLOOD_THE_ZONE_HOME to use another folder).",
            ),
        )
        for title, text in credits:
            y = ui.heading(x, y, title, width)
            y = ui.paragraph(x, y, width, text, size=14) + ui.px(12)
        return y


class MessageScreen(Dialog):
    name = "message"
    width = 640

    def __init__(self, app, title: str, body: str, kind: str = "error"):
        super().__init__(app)
        self.title, self.body, self.kind = title, body, kind

    def on_action(self, id: str, payload) -> Flow:
        return Back() if id == "ok" else None

    def on_key(self, event) -> Flow:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE):
            return Back()
        return None

    def state(self) -> dict:
        return {"message_title": self.title, "message": self.body}

    def draw(self, ui: Ui) -> None:
        pad = ui.px(26)
        width = ui.px(self.width) - 2 * pad
        body_h = ui.paragraph_height(width, self.body, "regular", 14)
        rect = self.box(ui, ui.px(170) + body_h)
        x, y = rect.x + pad, rect.y + pad
        colour = T.BAD if self.kind == "error" else T.ACCENT
        ui.rect(pygame.Rect(rect.x, rect.y + ui.px(10), ui.px(4), rect.height - ui.px(20)), colour)
        ui.text((x, y), ("⚠  " if self.kind == "error" else "") + self.title, "symbold", 20, T.TEXT)
        y += ui.px(40)
        y = ui.paragraph(x, y, rect.width - 2 * pad, self.body, size=14, color=T.TEXT_DIM)
        y += ui.px(8)
        ui.paragraph(
            x, y, rect.width - 2 * pad, "Nothing else was changed; the game goes on.", size=12, color=T.TEXT_FAINT
        )
        ui.button(
            "ok",
            pygame.Rect(rect.right - pad - ui.px(120), rect.bottom - pad - ui.px(40), ui.px(120), ui.px(40)),
            "OK",
            kind="primary",
            hint="Enter",
        )
