"""The staff's advice ("Ask your staff"): the advisor's suggestions for the side giving orders, in the side panel.

Asking runs :func:`game.ai.advise` for ``session.active`` (rollouts of the rest of the crisis through the
batch engine: 0.1-0.3 s).  The suggestions come in the order of the figure shown first beside each, *kept up*:
how far the top bar's expected end moves if the order is given every week (the same rollouts, seeds and model of
the rival as the top bar, so adding the first suggestion moves the top bar by its figure).

So that the window is never frozen without a word, a request first draws "Your staff is thinking…"; the work
runs once that frame is on the display (:meth:`StaffAdvice.after_frame`, called by the app after it presents a
frame) and the answer is drawn on the next one.

The answer is a pure function of the scenario, the state, the side, its pending orders and the game's seed
(the advisor runs without a time budget), so asking twice gives the same advice.  When the side's orders
change (a suggestion added, an order taken back) while the advice is open, the staff answers again for the plan
as it is now; closed, it answers again when it is next opened.
A suggestion is added through ``session.add``, the path of the dossier's own Add button, so legality is the
engine's; a suggestion the rules no longer allow shows the engine's reason on its disabled button.

The teacher decides how much the staff may do (``Settings.staff``): off, the staff is not asked at all (A and
the top bar's button say the teacher turned it off); limited, the staff answers but only so many suggestions a
week can be added from here, and the panel says how many are left; on, no limit.  The session counts and
refuses (``session.staff_refusal``), so a limit holds whatever screen adds the order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from game.ai.advisor import Advice, advise
from game.classroom.advice import ROLLOUTS, advice_arguments, how_they_judge, worth
from game.classroom.advice import rival_words as side_rival_words
from game.classroom.words import fogged
from game.engine import IllegalOrder, Order
from game.session import StaffRefused

from .. import theme as T
from ..widgets import Ui
from .base import Panel

SCROLL = "map.panel"  # the side panel's scroll area, so PgUp / PgDn and the wheel work here too
__all__ = ["ROLLOUTS", "StaffAdvice", "rival_words", "worth"]


@dataclass(frozen=True)
class Question:
    """What the staff was asked about: the week, the side and its orders at the time."""

    turn: int
    actor: int
    orders: tuple[Order, ...]


class StaffAdvice(Panel):
    """The staff's advice on one map screen, a panel of the side panel (its tab "staff"): its state (idle,
    thinking or answered, and for which question), its drawing, and its input (A, 1…9, Enter, its buttons)."""

    def __init__(self, screen):
        super().__init__(screen)
        self.status = "idle"  # idle | thinking | ready
        self.question: Question | None = None
        self.suggestions: list[Advice] = []
        self.seconds = 0.0  # how long the last answer took (the test-state file reports it)
        self.back_to = "countries"  # the panel tab to return to when the advice is closed
        self._thinking_shown = False

    @property
    def shown(self) -> bool:
        return self.screen.tab == "staff"

    # ------------------------------------------------------------------------------------------- state

    def now(self) -> Question:
        s = self.session
        return Question(s.turn, s.active, tuple(s.pending.orders))

    def current(self) -> bool:
        """The advice is about this week and this side (otherwise it is forgotten: hot-seat orders are
        secret, and last week's advice is no help)."""
        q, s = self.question, self.session
        return q is not None and q.turn == s.turn and q.actor == s.active

    def changed(self) -> bool:
        """The side's orders changed since the staff answered (its own suggestions added, an order taken back):
        the advice is for another plan, and the staff answers again."""
        return self.current() and self.status == "ready" and self.question.orders != tuple(self.session.pending.orders)

    def _forget_if_old(self) -> None:
        if self.question is not None and not self.current():
            self.status, self.question, self.suggestions = "idle", None, []

    # ---------------------------------------------------------------------------------------- commands

    @property
    def off(self) -> bool:
        """The teacher turned the staff's advice off for this game."""
        return self.session.settings.staff == 0

    def ask(self) -> None:
        """Open the advice; ask (again) unless the answer on show is still good for these orders.  With the
        staff off, only say so."""
        if self.off:
            self.app.toast("Your teacher turned the staff's advice off for this game: the orders are yours", "bad")
            return
        self._forget_if_old()
        if not self.shown:
            self.back_to = self.screen.tab
            self.screen.tab = "staff"
            self.app.scrolls.pop(SCROLL, None)
        if (self.status == "ready" and not self.changed()) or self.status == "thinking":
            return
        self._ask_now()

    def _ask_now(self) -> None:
        self.status = "thinking"
        self.question = self.now()
        self.suggestions = []
        self._thinking_shown = False
        self.app.dirty = True

    def toggle(self) -> None:
        """The shortcut: open the advice, or close it when a good answer is already on show."""
        self._forget_if_old()
        if self.shown and self.status == "ready" and not self.changed():
            self.close()
        else:
            self.ask()

    def close(self) -> None:
        self.screen.tab = self.back_to if self.back_to != "staff" else "countries"
        if self.screen.tab == "dossier" and self.screen.selected is None:
            self.screen.tab = "countries"
        self.app.scrolls.pop(SCROLL, None)

    def after_frame(self) -> None:
        """Answer a question once its "thinking" frame has been shown."""
        if self.status != "thinking" or not self._thinking_shown:
            return
        if not self.current() or self.question.orders != tuple(self.session.pending.orders):
            self.question = self.now()  # the orders changed in the meantime: answer for what is there now
        s = self.session
        started = time.perf_counter()
        self.suggestions = advise(**advice_arguments(s, self.question.actor, s.pending))
        self.seconds = time.perf_counter() - started
        self.status = "ready"
        self.app.dirty = True

    def add(self, index: int) -> None:
        """Add suggestion ``index`` through the session, as the dossier's Add does."""
        if self.status != "ready" or not self.current() or not 0 <= index < len(self.suggestions):
            return
        if self.changed():  # a key pressed before the new answer: it would add advice for another plan
            self.app.toast("Your staff is looking at your new orders", "info", 2.5)
            return
        order = self.suggestions[index].order
        session = self.session
        if order in session.pending.orders:
            self.app.toast(f"Already queued: {session.describe(order)}", "info", 2.5)
            return
        try:
            session.add(order, from_staff=True)
        except StaffRefused as exc:
            self.app.toast(f"Not from the staff: {exc}. You may still give it yourself.", "bad", 4)
            return
        except IllegalOrder as exc:
            self.app.toast(f"Not allowed: {exc}", "bad")
            return
        left = session.staff_left()
        more = "" if left is None else f" · {left} staff suggestion{'s' if left != 1 else ''} left this week"
        self.app.toast(f"Queued: {session.describe(order)}{more}", "good", 2.5)

    def add_next(self) -> None:
        refused = self.session.staff_refusal()
        if refused:
            self.app.toast(f"Not from the staff: {refused}", "bad", 4)
            return
        for i, a in enumerate(self.suggestions):
            if a.order not in self.session.pending.orders and self.session.why_illegal(a.order) is None:
                self.add(i)
                return
        self.app.toast("Every suggestion that still fits is queued", "info", 2.5)

    # ------------------------------------------------------------------------------------------ input

    def on_action(self, id: str, payload) -> None:
        if id == "advice:ask":
            self.ask()
        elif id == "advice:close":
            self.close()
        elif id.startswith("advice:add:"):
            self.add(payload)

    def on_key(self, event) -> bool:
        """A: ask your staff (again: close).  With the advice open, 1…9 add that suggestion, Enter the next."""
        ctrl = event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META | pygame.KMOD_ALT)
        if ctrl:
            return False
        if event.key == pygame.K_a:
            self.toggle()
            return True
        if (
            self.shown
            and self.status == "thinking"
            and (pygame.K_1 <= event.key <= pygame.K_9 or event.key in (pygame.K_RETURN, pygame.K_KP_ENTER))
        ):
            return True  # meant for the advice on its way, not for the dossier's topics behind it
        if not self.shown or self.status != "ready" or not self.current():
            return False
        if pygame.K_1 <= event.key <= pygame.K_9:
            self.add(event.key - pygame.K_1)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.add_next()
            return True
        return False

    def state(self) -> dict:
        s = self.session
        return {
            "staff": "off" if self.off else self.status if self.current() else "idle",
            "staff_left": s.staff_left(),
            "staff_advice": [s.describe(a.order) for a in self.suggestions] if self.current() else [],
        }

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        self._forget_if_old()
        if self.changed():
            self._ask_now()  # the plan changed under the advice: answer for the plan as it is now
        session = self.session
        rules = session.rules
        actor = session.active
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad - ui.px(4)
        ui.begin_scroll(SCROLL, rect)
        y = rect.y
        ui.text((x, y), "Your staff advises", "bold", 20, T.TEXT, max_width=width - ui.px(40))
        ui.button(
            "advice:close",
            pygame.Rect(x + width - ui.px(28), y, ui.px(28), ui.px(28)),
            "×",
            kind="ghost",
            reason="close the advice (A)",
            size=16,
        )
        y += ui.px(32)
        n = len(session.pending.orders)
        queued = f" · after your {n} order{'s' if n != 1 else ''}" if n else ""
        week = min(session.turn + 1, rules.n_turns)
        y = ui.paragraph(x, y, width, f"{rules.labels.actors[actor]} · week {week}{queued}", size=12, color=T.TEXT_DIM)
        y += ui.px(6)
        limit, left = session.settings.staff, session.staff_left()
        if left is not None and limit:
            colour = T.BAD if left == 0 else T.ACCENT
            text = f"Your teacher allows {limit} staff suggestion{'s' if limit != 1 else ''} a week: " + (
                f"{left} left this week." if left else "none left this week; the advice is still yours to read."
            )
            y = ui.paragraph(x, y, width, text, "semibold", 12, colour)
        y += ui.px(4)
        if self.status == "idle" or not self.current():
            y = self._draw_idle(ui, x, y, width)
        elif self.status == "thinking":
            ui.text((x, y), "Your staff is thinking…", "semibold", 16, T.ACCENT)
            y += ui.px(28)
            y = ui.paragraph(
                x,
                y,
                width,
                f"They play the rest of the crisis out with and without each promising order, {rival_words(session)}.",
                size=12,
                color=T.TEXT_DIM,
            )
            self._thinking_shown = True
        else:
            y = self._draw_answer(ui, x, y, width)
        ui.end_scroll(y + pad)

    def _draw_idle(self, ui: Ui, x: int, y: int, width: int) -> int:
        y = ui.paragraph(
            x,
            y,
            width,
            "Your staff can suggest the next orders worth giving this week, each with its reason. "
            "They take a moment: they play the rest of the crisis out for each option.",
            size=13,
            color=T.TEXT_DIM,
        ) + ui.px(10)
        ui.button("advice:ask", pygame.Rect(x, y, width, ui.px(38)), "Ask your staff", kind="primary", hint="A")
        return y + ui.px(46)

    def _draw_answer(self, ui: Ui, x: int, y: int, width: int) -> int:
        session = self.session
        if not self.suggestions:
            if not session.legal_orders():
                text = "Nothing is left to give this week: end the week (Space)."
            else:
                text = (
                    "Your staff sees no order left this week that would help: what is still possible would not "
                    "change the outcome. You may end the week (Space)."
                )
            return ui.paragraph(x, y, width, text, size=13, color=T.TEXT_DIM) + ui.px(8)
        fog = fogged(session)
        queued = session.pending.orders
        add_w = ui.px(72)
        for i, a in enumerate(self.suggestions):
            text = session.describe(a.order)
            reason = a.reason[:1].upper() + a.reason[1:]
            inner = width - ui.px(20)
            head_w = inner - ui.px(22) - add_w - ui.px(8)
            head_h = max(ui.px(30), ui.paragraph_height(head_w, text, "semibold", 14))
            body_h = ui.paragraph_height(inner - ui.px(22), reason, "regular", 12)
            added = a.order in queued
            why = session.why_illegal(a.order) if not added else None
            no_more = session.staff_refusal() if not added and not why else ""
            refused = bool(why)
            foot_h = ui.line_height("regular", 11) + ui.px(4) if refused or not fog else 0
            card = pygame.Rect(x, y, width, ui.px(10) + head_h + ui.px(4) + body_h + foot_h + ui.px(10))
            ui.rect(card, T.PANEL_2, ui.px(6))
            if added:
                ui.rect(card, T.GOOD, ui.px(6), width=1)
            cx, cy = x + ui.px(10), y + ui.px(10)
            ui.text((cx, cy + ui.px(2)), f"{i + 1}.", "semibold", 14, T.ACCENT)
            ui.paragraph(cx + ui.px(22), cy + ui.px(2), head_w, text, "semibold", 14, T.TEXT)
            if added:
                enabled, label, tip = False, "Added", "in this week's orders (× in the list takes it back)"
            elif why:
                enabled, label, tip = False, "Add", why
            elif no_more:
                enabled, label, tip = False, "Add", f"{no_more}; you may still give it yourself"
            else:
                enabled, label, tip = True, "Add", f"add: {text} ({i + 1})"
            ui.button(
                f"advice:add:{i}",
                pygame.Rect(x + width - ui.px(10) - add_w, cy, add_w, ui.px(28)),
                label,
                kind="primary" if enabled else "secondary",
                enabled=enabled,
                reason=tip,
                payload=i,
                hint=str(i + 1) if enabled and i < 9 else "",
                size=13,
            )
            by = cy + head_h + ui.px(4)
            by = ui.paragraph(cx + ui.px(22), by, inner - ui.px(22), reason, size=12, color=T.TEXT_DIM)
            if refused:
                ui.text(
                    (cx + ui.px(22), by + ui.px(2)),
                    f"Not now: {why}",
                    "regular",
                    11,
                    T.BAD,
                    max_width=inner - ui.px(22),
                )
            elif not fog:
                ui.text(
                    (cx + ui.px(22), by + ui.px(2)),
                    worth(session, a),
                    "regular",
                    11,
                    T.TEXT_FAINT,
                    max_width=inner,
                )
            y = card.bottom + ui.px(8)
        y += ui.px(4)
        how = how_they_judge(session, session.active) + " Enter adds the next suggestion."
        return ui.paragraph(x, y, width, how, size=11, color=T.TEXT_FAINT) + ui.px(4)


def rival_words(session) -> str:
    """How the staff models the other side of the side giving orders, for the footnote."""
    return side_rival_words(session, session.active)
