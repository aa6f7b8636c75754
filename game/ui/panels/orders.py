"""The week's orders under the side panel: each queued order with its × to take it back, and the button that
ends the week (in a two-sided game: hands over to the other player)."""

from __future__ import annotations

import pygame

from .. import theme as T
from ..flow import Flow, Open, Switch
from ..tutorial import note
from ..widgets import Ui
from .base import Panel


class OrdersPanel(Panel):
    def undo(self, index: int = -1) -> None:
        session = self.session
        if not session.pending.orders:
            self.app.toast("No orders to take back", "info")
            return
        order = session.undo(index)
        note(self.app, "undo_order")
        self.app.toast(f"Taken back: {session.describe(order)}", "info", 2.5)

    def end_turn(self) -> Flow:
        """End the week (hand over, in a two-sided game); with the player's setting on, ask first."""
        session = self.session
        if session.is_over:
            return None
        if self.app.settings.get("confirm_end_turn", True):
            week = session.turn + 1
            last = week >= self.rules.n_turns
            left = session.remaining()
            unused = [
                f"{n} {what if n != 1 else what[:-1]}"
                for what, n in (("calls", left["calls"]), ("trips", left["visits"]), ("deputies", left["deputies"]))
                if n > 0
            ]
            n = len(session.pending.orders)
            body = f"{n} order{'s' if n != 1 else ''} this week" + (
                f"; left unused: {', '.join(unused)}." if unused else "; nothing is left unused."
            )
            handing = session.two_sided and any(a != self.screen.me for a in session.waiting_for)
            other = self.rules.labels.actors[self.screen.other]
            body += " The orders resolve together with the rival's, and cannot be taken back."
            yes = f"Hand over to {other}" if handing else "End the crisis" if last else f"End week {week}"
            return Open(
                "confirm",
                title=f"{yes}?",
                body=body,
                yes=yes,
                no="Keep planning",
                action=self.end_turn_now,
                extra=("confirm_off", "Don't ask again", self._stop_asking),
            )
        return self.end_turn_now()

    def _stop_asking(self) -> Flow:
        self.app.settings["confirm_end_turn"] = False  # kept with the other settings when the window closes
        self.app.toast("Ending a week no longer asks first (Settings turns it back on)", "info", 4)
        return self.end_turn_now()

    def end_turn_now(self) -> Flow:
        session = self.session
        if session.is_over:
            return None
        note(self.app, "end_turn")  # while the week is still the one the tutorial's step is about
        record = session.end_turn()
        self.app.autosave()
        if session.two_sided:
            # Hand over to the other side, or (both done, the week resolved) call both players to the report.
            return Switch("handover", stage="report" if record is not None else "turn")
        return Open("report")

    def on_action(self, id: str, payload) -> Flow:
        if id.startswith("undo:"):
            self.undo(payload)
        elif id == "clear":
            if self.session.pending.orders:
                note(self.app, "undo_order")
            self.session.clear()
        elif id == "end_turn":
            return self.end_turn()
        return None

    def on_key(self, event) -> Flow:
        key, ctrl = event.key, event.mod & pygame.KMOD_CTRL
        if key == pygame.K_SPACE:
            return self.end_turn() or True
        if ctrl and key == pygame.K_z or key == pygame.K_BACKSPACE:
            self.undo(-1)
            return True
        return None

    def height(self, ui: Ui) -> int:
        """How tall the box is: up to five orders show at once, the rest scroll."""
        n = len(self.session.pending.orders)
        return ui.px(34) + max(ui.px(26), min(n, 5) * ui.px(26)) + ui.px(10) + ui.px(48) + ui.px(14)

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        session, rules = self.session, self.rules
        me, other = self.screen.me, self.screen.other
        row, end_h = ui.px(26), ui.px(48)
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.rect(rect, (20, 26, 35))
        ui.line((rect.x, rect.y), (rect.right, rect.y), T.LINE)
        y = rect.y + ui.px(10)
        n = len(session.pending.orders)
        title = f"{rules.labels.actors[me]}'s orders".upper() if session.two_sided else "THIS WEEK'S ORDERS"
        ui.text((x, y), title + (f" ({n})" if n else ""), "semibold", 12, T.TEXT_FAINT)
        if n:
            ui.button(
                "clear",
                pygame.Rect(rect.right - pad - ui.px(72), y - ui.px(3), ui.px(72), ui.px(22)),
                "Clear all",
                kind="ghost",
                size=12,
            )
        y += ui.px(24)
        box = pygame.Rect(x, y, width, rect.bottom - end_h - pad - ui.px(8) - y)
        ui.begin_scroll("map.orders", box)
        if not n:
            ui.paragraph(
                x, y + ui.px(3), width, "None yet — open a country, pick a topic, Add.", size=13, color=T.TEXT_FAINT
            )
        for i, order in enumerate(session.pending.orders):
            r = pygame.Rect(x, y, width, row - ui.px(2))
            ui.text((r.x, r.centery), f"{i + 1}.", "semibold", 13, T.ACCENT, "midleft")
            text = session.describe(order)
            ui.text((r.x + ui.px(22), r.centery), text, "regular", 13, T.TEXT, "midleft", max_width=width - ui.px(60))
            if ui.width_of(text, "regular", 13) > width - ui.px(60):
                ui.hotspot(f"order:{i}", pygame.Rect(r.x, r.y, width - ui.px(34), r.height), tooltip=text)
            ui.button(
                f"undo:{i}",
                pygame.Rect(r.right - ui.px(28), r.y + 1, ui.px(26), r.height - 2),
                "×",
                payload=i,
                reason="take this order back (Ctrl+Z: the last one)",
                size=15,
            )
            y += row
        ui.end_scroll(y)
        week = session.turn + 1
        last = week >= rules.n_turns
        label = "End the crisis" if last else f"End week {week}"
        left = session.remaining()
        unused = f"{left['calls']} calls unused" if left["calls"] > 0 else ""
        handing = session.two_sided and any(a != me for a in session.waiting_for)
        if handing:  # the other player still has to give this week's orders
            label = f"Done: hand over to {rules.labels.actors[other]}"
        ui.button(
            "end_turn",
            pygame.Rect(x, rect.bottom - end_h - pad, width, end_h),
            label,
            kind="primary",
            hint="Space",
            size=17,
            reason=(
                ("Your orders are hidden, and the other player gives theirs" if handing else "Resolve the week")
                + (": " + unused if unused else "")
            ),
        )
