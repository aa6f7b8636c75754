"""The order builder in the dossier: the kind of action, who acts (deputy, group, who talks to the rival), the
trip's stops, the topic, and the Add button with the engine's refusal.

What is offered and why anything is refused come from the order-drafting model (``game.drafting.Draft``): a
chip or topic is refused only by a refusal about that very thing; the Add button shows the whole order's.
"""

from __future__ import annotations

import pygame

from game.classroom.words import fogged, signed
from game.drafting import Choice
from game.engine import Kind, RefusalCode

from .. import theme as T
from ..flow import Flow
from ..tutorial import note
from ..widgets import Ui
from .base import Panel
from .deputies import draw_deputy_rows, draw_standing_button, keep_topics_in_view, make_standing
from .stakes import drafted_with_topic, draw_preview, headline, preview_of, short_shift

KIND_HINTS = {Kind.CALL: "C", Kind.VISIT: "V", Kind.DEPUTY_CALL: "D", Kind.MULTILATERAL: "G", Kind.ENGAGE: "M"}
KIND_KEYS = {
    pygame.K_c: Kind.CALL,
    pygame.K_v: Kind.VISIT,
    pygame.K_d: Kind.DEPUTY_CALL,
    pygame.K_g: Kind.MULTILATERAL,
    pygame.K_m: Kind.ENGAGE,
}


def deputy_title(session, d: int) -> str:
    code = session.rules.deputies[d]
    dep = session.scenario.doc.deputies.get(code)
    return dep.title if dep else ""


class OrderBuilder(Panel):
    """Draws inside the dossier's scroll (``draw_at``) and the Add button pinned under it (``draw``)."""

    # ------------------------------------------------------------------------------------------ words

    def kind_buttons(self) -> list[tuple[Kind, str, str]]:
        draft = self.draft
        return [(kind, draft.kind_label(kind), KIND_HINTS[kind]) for kind in draft.offered_kinds()]

    def kind_tip(self, kind: Kind) -> str:
        rules = self.rules
        rival = rules.labels.actors[self.draft.rival]
        return {
            Kind.CALL: "Call: one of this week's calls, from you (C)",
            Kind.VISIT: f"Visit: your trip; it costs {rules.visit_travel_calls} calls of travel and may chain up "
            f"to {rules.visit_max_stops} capitals of one region (V)",
            Kind.DEPUTY_CALL: "Deputy: one of your deputies calls; weaker, but it costs none of your calls (D)",
            Kind.MULTILATERAL: "Group: one call reaches every member of a group, a little each (G)",
            Kind.ENGAGE: f"Talk to {rival} itself, you or a deputy: it moves the crisis tracks, and the capitals "
            "watching react (M)",
        }[kind]

    def kind_rows(self, ui: Ui, width: int) -> list[list[tuple[Kind, str, str]]]:
        """The action buttons in rows: as many to a row as fit with their whole label; talks with the rival,
        when the scenario allows them, always on a row of their own."""
        gap = ui.px(6)
        buttons = self.kind_buttons()
        plain = [b for b in buttons if b[0] != Kind.ENGAGE]
        need = max(
            ui.width_of(label, "semibold", 13) + ui.width_of(key, "regular", 11) + ui.px(34) for _, label, key in plain
        )
        per_row = len(plain)
        while per_row > 1 and (width - (per_row - 1) * gap) // per_row < need:
            per_row -= 1
        rows = [plain[i : i + per_row] for i in range(0, len(plain), per_row)]
        rows += [[b] for b in buttons if b[0] == Kind.ENGAGE]
        return rows

    # ---------------------------------------------------------------------------------------- actions

    def set_kind(self, kind: Kind) -> None:
        refused = self.draft.kind_refusal(kind)
        if refused is not None:
            self.app.toast(f"Not now: {refused.words}", "bad")
            return
        note(self.app, "choose_kind", kind.name.lower())
        self.draft.set_kind(kind)
        self.show_topics = True

    def set_topic(self, topic: int) -> None:
        self.draft.set_topic(topic)
        note(self.app, "choose_topic", self.rules.topics[topic])

    def add(self) -> None:
        draft, session = self.draft, self.session
        order, editing = draft.order(), draft.editing
        refused = draft.add()
        if refused is not None:
            lead = "Not yet" if refused.code == RefusalCode.INCOMPLETE else "Not allowed"
            self.app.toast(f"{lead}: {refused.words}", "bad")
            return
        if editing is not None:
            self.app.toast(f"Changed order {editing + 1}: {session.describe(order)}", "good", 2.5)
            return
        note(self.app, "add_order")
        self.app.toast(f"Queued: {session.describe(order)}", "good", 2.5)

    def on_action(self, id: str, payload) -> Flow:
        draft = self.draft
        if id.startswith("kind:"):
            self.set_kind(Kind(payload))
        elif id.startswith("topic:"):
            self.set_topic(payload)
        elif id.startswith("deputy:"):
            draft.set_deputy(payload)
            note(self.app, "choose_kind", "deputy_call")
        elif id.startswith("group:"):
            draft.set_group(payload)
        elif id.startswith("engager:"):
            draft.set_engager(payload)
        elif id.startswith("stop:"):
            draft.toggle_stop(payload)
        elif id.startswith("promise:"):
            draft.set_promise(payload)
            if draft.promise is not None:
                note(self.app, "attach_promise")
        elif id == "add":
            self.add()
        elif id == "standing:make":
            make_standing(self)
        return None

    def on_key(self, event) -> Flow:
        key, ctrl = event.key, event.mod & pygame.KMOD_CTRL
        draft = self.draft
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and draft.country is not None:
            self.add()
        elif key in KIND_KEYS and not ctrl and (KIND_KEYS[key] != Kind.ENGAGE or draft.can_engage()):
            self.set_kind(KIND_KEYS[key])
        elif pygame.K_1 <= key <= pygame.K_9 and not ctrl:
            if key - pygame.K_1 < self.rules.n_topics:
                self.set_topic(key - pygame.K_1)
        elif key == pygame.K_s and not ctrl and draft.country is not None:
            draft.next_stop()
        elif key == pygame.K_i and not ctrl:
            make_standing(self)
        elif key == pygame.K_k and not ctrl and draft.country is not None:
            self.cycle_promise()
        else:
            return None
        return True

    # ------------------------------------------------------------------------------------------- draw

    show_topics = False  # scroll the dossier so the topics are in view (after a kind is chosen)
    redraw = False  # the dossier scrolled while it was drawn: draw the next frame

    def draw_at(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The builder inside the dossier, from ``y`` down; returns the y below it."""
        act = y
        bottom = self._draw_builder(ui, x, y, width)
        keep_topics_in_view(self, ui, act)
        return bottom

    def _draw_builder(self, ui: Ui, x: int, y: int, width: int) -> int:
        y = ui.heading(x, y, "Act", width)
        y = self._draw_kinds(ui, x, y, width) + ui.px(10)
        kind = self.draft.kind
        if kind == Kind.ENGAGE:
            y = self._draw_engage(ui, x, y, width)
        elif kind == Kind.VISIT:
            y = self._draw_trip(ui, x, y, width)
        elif kind == Kind.DEPUTY_CALL:
            y = self._draw_deputies(ui, x, y, width)
        elif kind == Kind.MULTILATERAL:
            y = self._draw_groups(ui, x, y, width)
        else:
            y = ui.paragraph(
                x, y, width, "A call from you: one of this week's calls.", size=12, color=T.TEXT_DIM
            ) + ui.px(4)
        y = self._draw_topics(ui, x, y + ui.px(6), width)
        y = self._draw_promises(ui, x, y, width)
        return draw_preview(self, ui, x, y, width)

    def _draw_promises(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The promises that may go with this call or visit, as chips (K cycles them); none: nothing drawn."""
        choices = self.draft.promises()
        if not choices:
            return y
        ui.text((x, y + ui.px(6)), "PROMISE (K) · A BIGGER SHIFT NOW, A CONTACT OWED", "semibold", 11, T.TEXT_FAINT)
        y += ui.px(24)
        rules = self.rules
        chips = []
        for choice in choices:
            spec = rules.promises[choice.value]
            tip = (
                f"Promise {choice.label}: the capital believes you (×{1 + spec.boost:.2f} now); keep it within "
                f"{spec.within} weeks or lose {spec.broken_shift:g} there. Click again to take it back."
            )
            chips.append((f"promise:{spec.code}", choice.label, choice, tip))
        return self._chips(ui, x, y, width, chips)

    def cycle_promise(self) -> None:
        """K: attach the next promise offered for this order, then none."""
        draft = self.draft
        if not draft.promises():
            self.app.toast("No promise goes with this order (a call or a visit, to a capital that wants one)", "bad")
            return
        attached = draft.cycle_promise()
        if attached is None:
            self.app.toast("No promise attached", "note", 2.0)
        else:
            note(self.app, "attach_promise")
            self.app.toast(f"Promising {attached.label}", "good", 2.0)

    def _draw_kinds(self, ui: Ui, x: int, y: int, width: int) -> int:
        gap = ui.px(6)
        h = ui.px(32)
        for row in self.kind_rows(ui, width):
            bw = (width - (len(row) - 1) * gap) // len(row)
            for i, (kind, label, key) in enumerate(row):
                refused = self.draft.kind_refusal(kind)
                ui.button(
                    f"kind:{kind.name.lower()}",
                    pygame.Rect(x + i * (bw + gap), y, bw, h),
                    label,
                    payload=int(kind),
                    selected=self.draft.kind == kind,
                    hint=key,
                    size=13,
                    enabled=refused is None,
                    reason=self.kind_tip(kind) if refused is None else f"Not now: {refused.words}",
                )
            y += h + gap
        return y - gap

    def _draw_engage(self, ui: Ui, x: int, y: int, width: int) -> int:
        rules = self.rules
        rival = rules.labels.actors[self.draft.rival]
        tracks = ", ".join(rules.labels.tracks) if rules.labels.tracks else "the crisis"
        y = ui.paragraph(
            x,
            y,
            width,
            f"Talk to {rival} directly: it moves {tracks}, and the capitals watching react. Who talks?",
            size=12,
            color=T.TEXT_DIM,
        ) + ui.px(4)
        reactions = rules.engage_reaction[self.draft.actor]
        watched = sorted((float(v), rules.labels.countries[i]) for i, v in enumerate(reactions) if v != 0)
        if watched:
            text = "They react (a deputy's talks count less): " + ", ".join(
                f"{name} {signed(v)}" for v, name in watched
            )
            y = ui.paragraph(x, y, width, text, size=11, color=T.TEXT_FAINT, max_lines=3) + ui.px(4)
        chips = []
        for c in self.draft.engagers():
            if c.value < 0:
                chips.append(("engager:you", "You", c, "you place the contact yourself"))
            else:
                chips.append((f"engager:{rules.deputies[c.value]}", c.label.split()[-1], c, c.label))
        return self._chips(ui, x, y, width, chips)

    def _draw_trip(self, ui: Ui, x: int, y: int, width: int) -> int:
        rules = self.rules
        region = int(rules.region_of[self.draft.country])
        y = ui.paragraph(
            x,
            y,
            width,
            f"A trip costs your trip and {rules.visit_travel_calls} calls of travel. "
            f"Add up to {rules.visit_max_stops - 1} more capitals of "
            f"{rules.labels.regions[region]} (S):",
            size=12,
            color=T.TEXT_DIM,
        ) + ui.px(4)
        chips = [(f"stop:{rules.countries[c.value]}", c.label, c, "") for c in self.draft.stop_options()]
        return self._chips(ui, x, y, width, chips)

    def _draw_deputies(self, ui: Ui, x: int, y: int, width: int) -> int:
        y = ui.paragraph(
            x,
            y,
            width,
            "Weaker than yours, costs none of your calls; once a week each:",
            size=12,
            color=T.TEXT_DIM,
        ) + ui.px(4)
        y = draw_deputy_rows(self, ui, x, y, width)
        return draw_standing_button(self, ui, x, y, width)

    def _draw_groups(self, ui: Ui, x: int, y: int, width: int) -> int:
        rules = self.rules
        groups = self.draft.groups()
        if not groups:
            return ui.paragraph(
                x,
                y,
                width,
                f"{rules.labels.countries[self.draft.country]} is in no group. Use a call or a visit.",
                size=13,
                color=T.BAD,
            ) + ui.px(6)
        chips = []
        for c in groups:
            members = int(rules.group_members[c.value].sum())
            tip = f"one call to all {members} members; a smaller effect on each"
            chips.append((f"group:{rules.groups[c.value]}", c.label, c, tip))
        y = ui.paragraph(
            x, y, width, "Convene a group this country belongs to (G cycles):", size=12, color=T.TEXT_DIM
        ) + ui.px(4)
        return self._chips(ui, x, y, width, chips)

    def _chips(self, ui: Ui, x: int, y: int, width: int, chips: list[tuple[str, str, Choice, str]]) -> int:
        """A row of choices that wraps; a refused one is disabled, its refusal the tooltip."""
        h = ui.px(26)
        cx = x
        for id, label, choice, tip in chips:
            w = ui.width_of(label, "semibold", 12) + ui.px(22)
            if cx + w > x + width and cx > x:
                cx = x
                y += h + ui.px(6)
            ui.button(
                id,
                pygame.Rect(cx, y, w, h),
                label,
                payload=choice.value,
                selected=choice.selected,
                enabled=choice.offered,
                reason=choice.refusal.words if choice.refusal is not None else tip,
                size=12,
            )
            cx += w + ui.px(6)
        return y + h + ui.px(8)

    def _draw_topics(self, ui: Ui, x: int, y: int, width: int) -> int:
        """Every topic with the country's interest in it (for talks with the rival: how it moves the tracks)."""
        session, rules, draft = self.session, self.rules, self.draft
        engage = draft.kind == Kind.ENGAGE
        ui.text((x, y), "TOPIC", "semibold", 11, T.TEXT_FAINT)
        ui.text(
            (x + width, y),
            "MOVES THE TRACKS" if engage else "INTEREST · SHIFT",
            "semibold",
            11,
            T.TEXT_FAINT,
            "topright",
        )
        y += ui.px(18)
        self.topics_y = y
        interest = session.state.interest[0, draft.country]
        row_h = ui.px(28)
        for choice in draft.topics():
            t = choice.value
            refused = choice.refusal.words if choice.refusal is not None else ""
            r = pygame.Rect(x, y, width, row_h - ui.px(3))
            if choice.selected:
                ui.rect(r, (60, 74, 96), ui.px(5))
                ui.rect(r, T.ACCENT, ui.px(5), width=1)
            colour = T.TEXT if not refused else T.TEXT_FAINT
            number_colour = T.ACCENT if not refused else T.TEXT_FAINT
            ui.text((r.x + ui.px(6), r.centery), f"{t + 1}", "semibold", 12, number_colour, "midleft")
            label = choice.label
            if (
                draft.kind == Kind.DEPUTY_CALL
                and draft.deputy is not None
                and rules.deputy_specialty[draft.deputy] == t
            ):
                label += "  ★"
            font = "sym" if "★" in label else "regular"
            ui.text((r.x + ui.px(22), r.centery), label, font, 13, colour, "midleft", max_width=width - ui.px(176))
            desc = session.scenario.doc.topics[rules.topics[t]].description
            if engage:
                gains = [
                    (rules.labels.tracks[k], float(rules.engage_gain[t, k]))
                    for k in range(len(rules.tracks))
                    if rules.engage_gain[t, k] != 0
                ]
                moves = "  ".join(f"{signed(g, 0)} {name.split()[0]}" for name, g in gains)
                ui.text((r.right - ui.px(4), r.centery), moves, "regular", 12, T.TEXT_DIM, "midright")
                tip = refused or desc + "".join(f"\n{name} {signed(g, 0)} a contact" for name, g in gains)
            else:
                v = float(interest[t])
                bar = pygame.Rect(r.right - ui.px(146), r.centery - ui.px(4), ui.px(48), ui.px(8))
                ui.bar(bar, v, 0, 2, T.GOOD if v > 0 else T.BAD)
                if v < 0:
                    ui.bar(bar, -v, 0, 2, T.BAD)
                colour = T.TEXT_DIM if v >= 0 else T.BAD
                ui.text((r.right - ui.px(70), r.centery), f"{v:.1f}", "regular", 12, colour, "midright")
                # the expected shift of this topic on this capital, so the choice is informed before Add
                probe = drafted_with_topic(draft, t) if not refused else None
                expected = preview_of(session, draft.actor, probe).of(draft.country) if probe else None
                if expected is not None:
                    shown = short_shift(expected, fogged(session))
                    ui.text(
                        (r.right - ui.px(4), r.centery),
                        shown,
                        "semibold",
                        12,
                        T.delta_color(expected.shift),
                        "midright",
                    )
                lev = float(rules.leverage[draft.actor, t])
                tip = refused or f"{desc}\nIts interest {v:.1f} · what you can offer {lev:.1f}" + (
                    "\nNegative interest: raising it pushes the country away" if v < 0 else ""
                )
            ui.hotspot(f"topic:{rules.topics[t]}", r, payload=t, enabled=not refused, tooltip=tip)
            y += row_h
        return y

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        """The Add button, pinned under the dossier so it never scrolls away, with the refusal of the order."""
        draft = self.draft
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.line((rect.x, rect.y), (rect.right, rect.y), T.LINE)
        order = draft.order()
        refused = draft.refusal()
        reason = refused.words if refused is not None else ""
        label = "Add this order" if order is not None and not reason else "Add order"
        if draft.editing is not None:
            label = f"Change order {draft.editing + 1}"
        ui.button(
            "add",
            pygame.Rect(x, rect.y + ui.px(8), width, ui.px(38)),
            label,
            kind="primary",
            enabled=not reason,
            reason=reason,
            hint="Enter",
            size=14,
        )
        if reason:
            incomplete = refused.code == RefusalCode.INCOMPLETE
            text = ("To add an order, " if incomplete else "Cannot add: ") + reason
            colour = T.TEXT_DIM if incomplete else (250, 160, 150)
        else:
            text, colour = self.session.describe(order), T.TEXT
        line = headline(self) if not reason else None
        if line is not None:  # the preview's headline stays in sight however the dossier is scrolled
            w = ui.text((x + width, rect.y + ui.px(52)), line[0], "semibold", 12, line[1], "topright").width
            width -= w + ui.px(10)
        ui.text((x, rect.y + ui.px(52)), text, "regular", 12, colour, max_width=width)
