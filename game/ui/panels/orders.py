"""The week's orders under the side panel: each queued order (a standing instruction's call marked ↻) with its
buttons to move it up or down and its × to take it back, a click on it to change it in the builder, "Repeat
last week", what a standing instruction or the repeat had to leave out and why, and the button that ends the
week (in a two-sided game: hands over to the other player)."""

from __future__ import annotations

import pygame

from game.classroom.promise_words import OpenPromise, breaking_costs, obligation, open_promises, owed_line
from game.drafting import standing_words
from game.engine import IllegalOrder
from game.engine.orders import escalation_refusal

from .. import theme as T
from ..cues import week_cues
from ..flow import Flow, Open, Switch
from ..tutorial import note
from ..widgets import Ui
from .base import Panel

ROWS_SHOWN = 5  # queued orders shown at once (the rest scroll)
ROWS_SHOWN_DRAFTING = 3  # while a dossier is open, so its topics stay in view


class OrdersPanel(Panel):
    def __init__(self, screen):
        super().__init__(screen)
        self.not_repeated: list = []  # last week's orders "Repeat" left out (game.plan.Skipped)
        self.not_repeated_week = -1  # the week they were left out of (another week forgets them)

    def undo(self, index: int = -1) -> None:
        session = self.session
        if not session.pending.orders:
            self.app.toast("No orders to take back", "info")
            return
        if index < 0 and self.draft.editing is not None:
            index = self.draft.editing  # Delete / Backspace while changing an order takes that one back
        self.draft.stop_editing()
        order = session.undo(index)
        note(self.app, "undo_order")
        self.app.toast(f"Taken back: {session.describe(order)}", "info", 2.5)

    def repeat(self) -> None:
        """Queue last week's orders again where the rules still allow them; the rest are listed with why."""
        session = self.session
        if not session.weeks or session.weeks[-1].prelude:
            self.app.toast("No week of yours to repeat yet", "info")
            return
        self.draft.stop_editing()
        added, self.not_repeated = session.repeat_last_week()
        self.not_repeated_week = session.turn
        left = f"; {len(self.not_repeated)} not allowed now (listed)" if self.not_repeated else ""
        self.app.toast(f"Repeated {len(added)} of last week's orders{left}", "good" if added else "info", 3)

    def escalations(self) -> list[tuple[int, str, bool, str | None]]:
        """The escalations the side giving orders may raise (a person playing Moscow in a two-player game; the
        computer raises its own): (event, headline, raised this week, why it may not be raised)."""
        session = self.session
        if session.active not in session.humans:
            return []
        actor = session.active
        sheet = session.pending_for(actor)
        out = []
        for event in session.scenario.escalations(actor):
            raised = event in sheet.raises
            why = None if raised else escalation_refusal(session.rules, session.state, actor, event, sheet.raises)
            out.append((event, session.scenario.event(event).headline, raised, why))
        return out

    def escalate(self, event: int) -> None:
        """Raise an escalation this week, or take back one raised this week."""
        session = self.session
        if event in session.pending_for(session.active).raises:
            session.take_back_escalation(event)
            self.app.toast("Escalation taken back", "info")
            return
        try:
            session.raise_escalation(event)
        except IllegalOrder as exc:
            self.app.toast(str(exc), "bad")
            return
        self.app.toast(f"{session.scenario.event(event).headline}: it happens when the week resolves", "info")

    def edit(self, index: int) -> None:
        """Change a queued order: the builder takes it (again: leave it as it is)."""
        draft = self.draft
        if draft.editing == index or not 0 <= index < len(self.session.pending.orders):
            draft.stop_editing()
            return
        draft.edit(index)
        # The builder lives in a dossier: talks with the rival name no country, so any dossier will do.
        self.screen.select(draft.country if draft.country is not None else self.screen.order_list[0])
        self.screen.builder.show_topics = True
        self.app.toast(f"Changing order {index + 1}: choose, then Enter (P: the next order)", "info", 3)

    def edit_next(self) -> None:
        n = len(self.session.pending.orders)
        if not n:
            self.app.toast("No orders to change", "info")
            return
        at = self.draft.editing
        if at is not None and at + 1 >= n:
            self.draft.stop_editing()
            return
        self.edit(0 if at is None else at + 1)

    def move(self, index: int, step: int) -> None:
        session, draft = self.session, self.draft
        to = index + step
        if not 0 <= index < len(session.pending.orders) or not 0 <= to < len(session.pending.orders):
            return
        session.move(index, to)
        if draft.editing == index:
            draft.editing = to
        elif draft.editing == to:
            draft.editing = index

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
        self.draft.stop_editing()
        note(self.app, "end_turn")  # while the week is still the one the tutorial's step is about
        record = session.end_turn()
        if record is not None:
            self.app.sounds.play(*week_cues(session))
        self.app.autosave()
        if session.two_sided:
            # Hand over to the other side, or (both done, the week resolved) call both players to the report.
            return Switch("handover", stage="report" if record is not None else "turn")
        return Open("report")

    def on_action(self, id: str, payload) -> Flow:
        if id.startswith("undo:"):
            self.undo(payload)
        elif id.startswith("order:"):
            self.edit(payload)
        elif id.startswith("up:") or id.startswith("down:"):
            self.move(payload, -1 if id.startswith("up:") else 1)
        elif id == "repeat":
            self.repeat()
        elif id.startswith("escalate:"):
            self.escalate(payload)
        elif id == "clear":
            if self.session.pending.orders:
                note(self.app, "undo_order")
            self.draft.stop_editing()
            self.session.clear()
        elif id == "end_turn":
            return self.end_turn()
        return None

    def on_key(self, event) -> Flow:
        key, ctrl = event.key, event.mod & pygame.KMOD_CTRL
        if key == pygame.K_SPACE:
            return self.end_turn() or True
        if ctrl and key == pygame.K_z or key in (pygame.K_BACKSPACE, pygame.K_DELETE):
            self.undo(-1)
            return True
        if ctrl:
            return None
        editing = self.draft.editing
        if key == pygame.K_r:
            self.repeat()
        elif key == pygame.K_p:
            self.edit_next()
        elif key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET) and editing is not None:
            self.move(editing, -1 if key == pygame.K_LEFTBRACKET else 1)
        else:
            return None
        return True

    def notes(self) -> list[str]:
        """What this week's plan had to leave out, and why: a standing instruction's passed-over capitals, the
        orders "Repeat last week" could not queue."""
        session = self.session
        if self.not_repeated_week != session.turn:
            self.not_repeated = []
        lines = [f"Standing, {session.describe(s.order)}: {s.refusal.words}" for s in session.standing_skipped]
        lines += [f"Not repeated, {session.describe(s.order)}: {s.refusal.words}" for s in self.not_repeated]
        return lines

    def owed(self) -> list[OpenPromise]:
        """The promises this side owes, soonest due first, each marked when this week's plan keeps it."""
        session = self.session
        return open_promises(session.rules, session.state, self.screen.me, session.pending)

    def height(self, ui: Ui) -> int:
        """How tall the box is: up to five orders show at once (three while a dossier is open, so that its
        topics stay in view), the rest scroll."""
        n = len(self.session.pending.orders) + len(self.notes()) + len(self.escalations()) + len(self.owed())
        shown = ROWS_SHOWN_DRAFTING if self.screen.tab == "dossier" else ROWS_SHOWN
        return ui.px(34) + max(ui.px(26), min(n, shown) * ui.px(26)) + ui.px(10) + ui.px(48) + ui.px(14)

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        session, rules = self.session, self.rules
        me, other = self.screen.me, self.screen.other
        end_h = ui.px(48)
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
        if session.weeks and not session.weeks[-1].prelude:
            repeat_w = ui.width_of("Repeat last week", "semibold", 12) + ui.width_of("R", "regular", 10) + ui.px(30)
            ui.button(
                "repeat",
                pygame.Rect(rect.right - pad - ui.px(76) - repeat_w, y - ui.px(3), repeat_w, ui.px(22)),
                "Repeat last week",
                kind="ghost",
                hint="R",
                size=12,
                reason="queue last week's orders again, where the rules still allow them",
            )
        y += ui.px(24)
        box = pygame.Rect(x, y, width, rect.bottom - end_h - pad - ui.px(8) - y)
        ui.begin_scroll("map.orders", box)
        if not n and not self.owed():
            ui.paragraph(
                x, y + ui.px(3), width, "None yet — open a country, pick a topic, Add.", size=13, color=T.TEXT_FAINT
            )
        y = self._draw_rows(ui, x, y, width)
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

    def _draw_rows(self, ui: Ui, x: int, y: int, width: int) -> int:
        """Each queued order: its number (↻ a standing call), its words (a click changes it), ↑ ↓ and ×; then
        what the plan had to leave out."""
        session, row = self.session, ui.px(26)
        n = len(session.pending.orders)
        buttons_w = ui.px(3 * 28 + 4)
        for i, order in enumerate(session.pending.orders):
            r = pygame.Rect(x, y, width, row - ui.px(2))
            if self.draft.editing == i:
                ui.rect(r, (60, 74, 96), ui.px(4))
            standing = session.is_standing(order)
            mark = "↻" if standing else f"{i + 1}."
            ui.text((r.x + ui.px(2), r.centery), mark, "sym" if standing else "semibold", 13, T.ACCENT, "midleft")
            text = session.describe(order)
            text_w = width - ui.px(26) - buttons_w
            ui.text((r.x + ui.px(22), r.centery), text, "regular", 13, T.TEXT, "midleft", max_width=text_w)
            how = "click to change it (P), [ ] to move it"
            if standing:
                instruction = session.standing.get(order.deputy)
                said = standing_words(session, instruction) if instruction else ""
                tip = f"{text}\nStanding instruction: {said}\n{how}; × takes it back for this week only"
            else:
                tip = f"{text}\n{how}"
            ui.hotspot(f"order:{i}", pygame.Rect(r.x, r.y, width - buttons_w, r.height), payload=i, tooltip=tip)
            bx = r.right - buttons_w + ui.px(4)
            for label, id, enabled, reason in (
                ("↑", f"up:{i}", i > 0, "move it up"),
                ("↓", f"down:{i}", i + 1 < n, "move it down"),
                ("×", f"undo:{i}", True, "take this order back (Ctrl+Z: the last one)"),
            ):
                box = pygame.Rect(bx, r.y + 1, ui.px(26), r.height - 2)
                ui.button(id, box, "", payload=i, enabled=enabled, reason=reason)
                ui.text(
                    box.center, label, "sym", 13 if label != "×" else 15, T.TEXT if enabled else T.TEXT_FAINT, "center"
                )
                bx += ui.px(28)
            y += row
        for event, headline, raised, why in self.escalations():
            r = pygame.Rect(x, y, width, row - ui.px(2))
            words = f"◆ {headline}: raised, happens this week" if raised else f"◆ Raise: {headline}"
            ui.button(
                f"escalate:{event}",
                r,
                "",
                payload=event,
                enabled=why is None or raised,
                reason=(
                    "click to take it back"
                    if raised
                    else why or "an escalation changes what is at stake: it presses some capitals and alarms others"
                ),
            )
            colour = T.MOSCOW if raised else (T.TEXT if why is None else T.TEXT_FAINT)
            ui.text((r.x + ui.px(6), r.centery), words, "sym", 13, colour, "midleft", max_width=width - ui.px(12))
            y += row
        for owed in self.owed():
            r = pygame.Rect(x, y, width, row - ui.px(2))
            line = owed_line(session.rules, owed, session.turn)
            due_now = owed.due <= session.turn
            colour = T.GOOD if owed.kept_by_plan else (T.BAD if due_now else T.ACCENT)
            ui.text((r.x + ui.px(2), r.centery), "⚑", "sym", 13, colour, "midleft")
            ui.text((r.x + ui.px(22), r.centery), line, "regular", 12, colour, "midleft", max_width=width - ui.px(22))
            spec = session.rules.promises[owed.promise]
            terms = obligation(session.rules, owed.promise, owed.country, owed.due)
            tip = (
                f"You promised {owed.to} {owed.name}.\n{terms}"
                f"\nBroken: {breaking_costs(session.rules, owed.promise)}."
                + (f"\nKept: +{spec.kept_shift:g} there." if spec.kept_shift else "")
            )
            ui.hotspot(f"owed:{session.rules.countries[owed.country]}:{spec.code}", r, tooltip=tip)
            y += row
        for line in self.notes():
            r = pygame.Rect(x, y, width, row - ui.px(2))
            ui.text((r.x + ui.px(22), r.centery), line, "regular", 12, (250, 160, 150), "midleft", max_width=width)
            if ui.width_of(line, "regular", 12) > width - ui.px(22):
                ui.hotspot(f"left_out:{y}", r, tooltip=line)
            y += row
        return y
