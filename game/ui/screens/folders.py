"""The folder picker: choose a folder to put a file in (the hand-in goes to a USB stick or a shared drive).

Drawn in the game's own toolkit, not a native dialog (there is none that works the same on every system,
and a dialog of the system would leave the window frozen behind it).  On the left, the places
(``game/ui/places.py``: the last folder used, the drives and shares, home, Desktop, Documents); on the right, the
folder open now, its path, and the folders inside it.

Mouse: a place or a folder opens it, Up goes to the parent, the path field takes a typed path.  Keyboard:
↑ ↓ choose a folder in the list, Enter or → opens it, Backspace or ← goes up, Tab moves to the path field
(Enter there goes to the typed path), Ctrl+Enter picks the folder open now, Esc cancels.  A folder that cannot
be read (a drive taken out, no permission) says why in the window and leaves you where you were.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from .. import theme as T
from ..flow import Back, Flow
from ..places import Place, places, subfolders, typed_folder
from ..widgets import TextEntry, Ui
from .common import Dialog


class FolderPickerScreen(Dialog):
    """``action(folder)`` runs when a folder is picked and answers with what comes next; ``start`` is the
    folder it opens at (the last used, else home)."""

    name = "folders"
    width = 980

    def __init__(self, app, title: str, pick: str, action, start: str = "", note: str = ""):
        super().__init__(app)
        self.title, self.pick_label, self.action, self.note = title, pick, action, note
        self.places: list[Place] = places(app.settings.get("handin_folder", ""))
        self.folder = Path.home()
        self.entries: list[Path] = []
        self.problem = ""
        self.selected = -1  # the highlighted folder of the list (-1: none)
        self.focus = "list"  # list | path
        self.path = TextEntry("", max_length=1000)
        opened = start and self.go(Path(start))
        if not opened:
            self.go(Path.home())
        self.problem = "" if opened or not start else f"The last folder used, {start}, is not there now."

    # ---------------------------------------------------------------------------------------- moving

    def go(self, folder: Path) -> bool:
        """Open ``folder``; a folder that cannot be read is said, and the picker stays where it was."""
        found, problem = subfolders(folder)
        if problem:
            self.problem = problem[:1].upper() + problem[1:]
            return False
        self.folder, self.entries, self.problem, self.selected = folder, found, "", -1
        self.path.set(str(folder))
        self.app.scrolls.pop("folders.list", None)
        return True

    def up(self) -> None:
        parent = self.folder.parent
        if parent != self.folder:
            child = self.folder
            if self.go(parent) and child in self.entries:
                self.selected = self.entries.index(child)  # back where you came from, ready to go in again

    def go_typed(self) -> None:
        folder, problem = typed_folder(self.path.text, self.folder)
        if folder is None:
            self.problem = problem[:1].upper() + problem[1:]
            return
        if self.go(folder):
            self.focus = "list"

    def choose(self) -> Flow:
        return Back(), self.action(self.folder)

    # ----------------------------------------------------------------------------------------- input

    def on_action(self, id: str, payload) -> Flow:
        if id == "folders:pick":
            return self.choose()
        if id == "folders:cancel":
            return Back()
        if id == "folders:up":
            self.up()
        elif id == "folders:path":
            self.focus = "path"
            pygame.key.start_text_input()
        elif id == "folders:go":
            self.go_typed()
        elif id.startswith("folders:place:"):
            self.go(self.places[payload].path)
        elif id.startswith("folders:dir:"):
            self.go(self.entries[payload])
        return None

    def on_key(self, event) -> Flow:
        key, mod = event.key, event.mod
        enter = key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        if enter and mod & (pygame.KMOD_CTRL | pygame.KMOD_META):
            return self.choose()
        if key == pygame.K_ESCAPE:
            if self.focus == "path":
                self.focus = "list"
                self.path.set(str(self.folder))
                return True
            return Back()
        if key == pygame.K_TAB:
            self.focus = "list" if self.focus == "path" else "path"
            return True
        if self.focus == "path":
            if enter:
                self.go_typed()
                return True
            return True if self.path.handle_key(event) else key != pygame.K_F1
        if key in (pygame.K_DOWN, pygame.K_UP) and self.entries:
            step = 1 if key == pygame.K_DOWN else -1
            self.selected = max(0, min(len(self.entries) - 1, self.selected + step))
            self._keep_in_view()
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT):
            if 0 <= self.selected < len(self.entries):
                self.go(self.entries[self.selected])
            return True
        if key in (pygame.K_BACKSPACE, pygame.K_LEFT):
            self.up()
            return True
        return None

    def _keep_in_view(self) -> None:
        area = self.app.scrolls.get("folders.list")
        if area is None:
            return
        row = round(34 * self.app.scale)
        top = self.selected * row
        if top < area.offset:
            area.offset = top
        elif top + row > area.offset + area.rect.height:
            area.offset = top + row - area.rect.height

    def state(self) -> dict:
        return {
            "folder": str(self.folder),
            "folders": [p.name for p in self.entries],
            "places": [p.label for p in self.places],
            "selected": self.selected,
            "problem": self.problem,
            "focus": self.focus,
        }

    # ------------------------------------------------------------------------------------------ draw

    def draw(self, ui: Ui) -> None:
        w, h = self.app.size
        rect = self.box(ui, min(h - ui.px(60), ui.px(620)))
        pad = ui.px(24)
        x, y = rect.x + pad, rect.y + pad
        inner = rect.width - 2 * pad
        ui.rect(pygame.Rect(rect.x, rect.y + ui.px(10), ui.px(4), rect.height - ui.px(20)), T.ACCENT)
        ui.text((x, y), self.title, "bold", 22, T.TEXT, max_width=inner)
        y += ui.px(36)
        if self.note:
            y = ui.paragraph(x, y, inner, self.note, size=13, color=T.TEXT_DIM, max_lines=2) + ui.px(8)
        bottom = rect.bottom - pad - ui.px(56)
        side_w = ui.px(230)
        self._places(ui, pygame.Rect(x, y, side_w, bottom - y))
        right = pygame.Rect(x + side_w + ui.px(16), y, inner - side_w - ui.px(16), bottom - y)
        self._folder(ui, right)
        by, bh = rect.bottom - pad - ui.px(44), ui.px(44)
        pick_w = max(ui.px(220), ui.width_of(self.pick_label, "semibold", 15) + ui.px(110))
        ui.button(
            "folders:pick",
            pygame.Rect(rect.right - pad - pick_w, by, pick_w, bh),
            self.pick_label,
            kind="primary",
            hint="Ctrl+Enter",
            size=15,
            reason=f"into {self.folder}",
        )
        ui.button("folders:cancel", pygame.Rect(x, by, ui.px(120), bh), "Cancel", kind="ghost", hint="Esc")
        where = ui.fit(f"Into: {self.folder}", "regular", 12, rect.right - pad - pick_w - x - ui.px(150))
        ui.text((x + ui.px(134), by + bh // 2), where, "regular", 12, T.TEXT_DIM, "midleft")

    def _places(self, ui: Ui, rect: pygame.Rect) -> None:
        ui.rect(rect, T.PANEL_2, ui.px(8))
        x, y = rect.x + ui.px(10), rect.y + ui.px(10)
        width = rect.width - ui.px(20)
        y = ui.heading(x, y, "Places", width)
        drives = [p for p in self.places if p.kind == "drive"]
        if not drives:
            y = ui.paragraph(
                x,
                y,
                width,
                "No USB stick or shared drive found: plug one in, or type its path.",
                size=11,
                color=T.TEXT_FAINT,
            ) + ui.px(6)
        icons = {"last": "↺", "drive": "▣", "home": "⌂", "desktop": "▭", "documents": "▤"}
        ui.begin_scroll("folders.places", pygame.Rect(rect.x, y, rect.width, rect.bottom - y - ui.px(6)))
        for i, place in enumerate(self.places):
            here = place.path == self.folder
            row = pygame.Rect(x, y, width, ui.px(32))
            # The icon in the symbol font, the name in the text font (a whole label in DejaVu looks foreign).
            ui.button(
                f"folders:place:{i}",
                row,
                f"        {place.label}",
                payload=i,
                selected=here,
                kind="ghost" if not here else "secondary",
                reason=str(place.path),
                size=13,
                align="left",
            )
            colour = T.ACCENT if here else T.TEXT_DIM
            ui.text((row.x + ui.px(10), row.centery), icons.get(place.kind, "·"), "sym", 13, colour, "midleft")
            y += ui.px(36)
        ui.end_scroll(y)

    def _folder(self, ui: Ui, rect: pygame.Rect) -> None:
        x, y, width = rect.x, rect.y, rect.width
        up_w, go_w = ui.px(70), ui.px(60)
        field = pygame.Rect(x + up_w + ui.px(8), y, width - up_w - go_w - ui.px(16), ui.px(36))
        ui.button(
            "folders:up",
            pygame.Rect(x, y, up_w, field.height),
            "↑ Up",
            enabled=self.folder.parent != self.folder,
            reason="the folder this one is in (Backspace)",
            size=13,
        )
        self.path.draw(
            ui,
            "folders:path",
            field,
            self.focus == "path",
            "type a folder's path",
            size=14,
            style="regular",
            tooltip="Type a path and press Enter (Tab)",
        )
        ui.button(
            "folders:go",
            pygame.Rect(field.right + ui.px(8), y, go_w, field.height),
            "Go",
            reason="open the typed path (Enter in the field)",
            size=13,
        )
        y = field.bottom + ui.px(8)
        if self.problem:
            ui.rect(pygame.Rect(x, y, width, ui.px(30)), (70, 34, 32), ui.px(6))
            where = (x + ui.px(10), y + ui.px(15))
            ui.text(where, "⚠ " + self.problem, "sym", 12, T.TEXT, "midleft", max_width=width - ui.px(20))
            y += ui.px(36)
        box = pygame.Rect(x, y, width, rect.bottom - y)
        ui.rect(box, (16, 21, 29), ui.px(8))
        ui.rect(box, T.ACCENT if self.focus == "list" else T.LINE, ui.px(8), width=1)
        ui.begin_scroll("folders.list", box.inflate(-4, -4))
        ry = box.y + ui.px(4)
        if not self.entries:
            ui.text(
                (box.x + ui.px(14), ry + ui.px(12)),
                "No folders in here: pick this one, or go up.",
                "regular",
                13,
                T.TEXT_FAINT,
            )
            ry += ui.px(34)
        row_h = ui.px(34)
        for i, folder in enumerate(self.entries):
            row = pygame.Rect(box.x + ui.px(6), ry, box.width - ui.px(16), row_h - ui.px(4))
            ui.button(
                f"folders:dir:{i}",
                row,
                f"        {folder.name}",
                payload=i,
                selected=i == self.selected,
                kind="ghost",
                reason="open this folder (Enter)",
                size=14,
                align="left",
            )
            ui.text((row.x + ui.px(12), row.centery), "▸", "sym", 13, T.TEXT_FAINT, "midleft")
            ry += row_h
        ui.end_scroll(ry + ui.px(4))
