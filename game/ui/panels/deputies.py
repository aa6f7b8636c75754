"""Deputies at a glance: one row a deputy with their specialty, whether they are free this week, and their
standing instruction — in the builder, where a deputy's call is drafted (a row picks the deputy), and as the
side panel's "Deputies" tab (U), where each instruction can be ended.

A standing instruction (``game.plan.Standing``) is made from a drafted deputy's call (I, or the builder's
button): its deputy, country and topic; I again with another country adds that capital to the rotation.
"""

from __future__ import annotations

import pygame

from game.drafting import standing_words

from .. import theme as T
from ..widgets import Ui
from .base import Panel

SCROLL = "map.panel"


def deputy_status(session, draft, deputy: int, refusal) -> tuple[str, tuple[int, int, int]]:
    """This week, in a word or two: free, tied up, or calling somewhere already."""
    called = next((o for o in session.pending.orders if o.deputy == deputy), None)
    if called is not None and called.targets:
        return f"calls {session.rules.labels.countries[called.targets[0]]}", T.TEXT_DIM
    if called is not None:
        return "talks to the rival", T.TEXT_DIM
    if refusal is not None:
        return "tied up", T.BAD
    return "free", T.GOOD


def specialty_of(rules, deputy: int) -> str:
    spec = int(rules.deputy_specialty[deputy])
    return rules.labels.topics[spec] if spec >= 0 else "no specialty"


def draw_deputy_rows(panel: Panel, ui: Ui, x: int, y: int, width: int) -> int:
    """The builder's deputies: each row picks that deputy (refused: disabled, the refusal its tooltip), with
    their specialty (★), this week's state and ↻ when a standing instruction is theirs.  Returns the y below."""
    session, rules, draft = panel.session, panel.rules, panel.draft
    row = ui.px(26)
    name_w = min(ui.px(112), width // 3)
    for choice in draft.deputies():
        d = choice.value
        r = pygame.Rect(x, y, width, row - ui.px(3))
        standing = session.standing.get(d)
        tip = f"{choice.label}: strongest on {specialty_of(rules, d)}"
        if standing is not None:
            tip += f"\nStanding: {standing_words(session, standing)}"
        ui.button(
            f"deputy:{rules.deputies[d]}",
            pygame.Rect(r.x, r.y, name_w, r.height),
            choice.label.split()[-1],
            payload=d,
            selected=choice.selected,
            enabled=choice.offered,
            reason=choice.refusal.words if choice.refusal is not None else tip,
            size=12,
        )
        status, colour = deputy_status(session, draft, d, choice.refusal)
        status = ("↻ " if standing is not None else "") + status
        status_w = ui.width_of(status, "sym", 12)
        ui.text((r.right, r.centery), status, "sym", 12, colour, "midright")
        ui.text(
            (r.x + name_w + ui.px(8), r.centery),
            "★ " + specialty_of(rules, d),
            "sym",
            12,
            T.TEXT_DIM,
            "midleft",
            max_width=width - name_w - status_w - ui.px(16),
        )
        y += row
    return y + ui.px(4)


def draw_standing_button(panel: Panel, ui: Ui, x: int, y: int, width: int) -> int:
    """ "Make it standing (I)" under the deputies, for the drafted deputy's call."""
    draft, session = panel.draft, panel.session
    d = draft.deputy
    if d is None or draft.country is None:
        return y
    name = session.rules.labels.deputies[d].split()[-1]
    country = session.rules.labels.countries[draft.country]
    standing = session.standing.get(d)
    if standing is not None and draft.country in standing.capitals:
        label = f"Take {country} out of {name}'s standing calls"
    elif standing is not None:
        label = f"Add {country} to {name}'s standing calls"
    else:
        label = f"Make it {name}'s standing instruction"
    tip = (
        "A standing instruction: the deputy calls its capitals in turn, one a week, every week until you change "
        "it; each week's call is queued for you (marked ↻). I again with another country adds it to the rotation."
    )
    ui.button("standing:make", pygame.Rect(x, y, width, ui.px(28)), label, hint="I", size=12, reason=tip)
    return y + ui.px(36)


def keep_topics_in_view(builder, ui: Ui, act_y: int) -> None:
    """After a kind of action is chosen (or an order is taken to be changed), scroll the dossier so that the
    first topics are in view: from the builder's "Act" heading down when they would be below the fold (a long
    plan under the dossier leaves it little room).  ``act_y`` and the topics' y are the scroll's own."""
    if not builder.show_topics:
        return
    builder.show_topics = False
    area = ui.scrolls.get(SCROLL)
    topics_y = getattr(builder, "topics_y", None)
    if area is None or topics_y is None:
        return
    wanted = topics_y + 3 * ui.px(28)  # the first three topics
    if wanted > area.rect.bottom + area.offset:
        area.offset = max(area.offset, min(act_y - area.rect.y, wanted - area.rect.bottom))
        builder.redraw = True  # this frame is drawn at the old offset: the screen draws the next one


def make_standing(panel: Panel) -> None:
    standing, words = panel.draft.make_standing()
    if standing is None and not words.endswith("now"):
        panel.app.toast(f"Not yet: {words}", "bad")
    else:
        panel.app.toast(words, "good", 3)


class DeputiesPanel(Panel):
    """The side panel's "Deputies" tab: every deputy of the side giving orders, their specialty, this week's
    state and standing instruction (with a button to end it)."""

    def on_action(self, id: str, payload) -> None:
        if id.startswith("standing:clear:"):
            name = self.rules.labels.deputies[payload]
            self.session.clear_standing(payload)
            self.app.toast(f"{name} has no standing instruction now", "info", 2.5)

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        session, rules, draft = self.session, self.rules, self.draft
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad - ui.px(4)
        ui.begin_scroll(SCROLL, rect)
        y = ui.heading(x, rect.y, "Your deputies", width)
        y = ui.paragraph(
            x,
            y,
            width,
            "Each deputy calls once a week, strongest on their specialty (★). To give one a standing instruction, "
            "draft their call in a dossier (D) and press I; I with another country adds it to the rotation.",
            size=12,
            color=T.TEXT_DIM,
        ) + ui.px(8)
        refusals = {c.value: c.refusal for c in draft.deputies()}
        for d in draft.my_deputies():
            card_top = y
            title = session.scenario.doc.deputies.get(rules.deputies[d])
            ui.text((x + ui.px(10), y + ui.px(8)), rules.labels.deputies[d], "semibold", 14, T.TEXT)
            status, colour = deputy_status(session, draft, d, refusals.get(d))
            ui.text((x + width - ui.px(10), y + ui.px(8)), status, "regular", 12, colour, "topright")
            y += ui.px(28)
            line = f"★ {specialty_of(rules, d)}" + (f" · {title.title}" if title and title.title else "")
            ui.text((x + ui.px(10), y), line, "sym", 12, T.TEXT_DIM, max_width=width - ui.px(20))
            y += ui.px(20)
            standing = session.standing.get(d)
            if standing is not None:
                words = "↻ " + standing_words(session, standing)
                top = y
                y = ui.paragraph(x + ui.px(10), y, width - ui.px(110), words, "sym", 12, T.ACCENT)
                y = max(y, top + ui.px(26))
                ui.button(
                    f"standing:clear:{rules.deputies[d]}",
                    pygame.Rect(x + width - ui.px(96), top - ui.px(2), ui.px(86), ui.px(24)),
                    "End it",
                    payload=d,
                    size=12,
                    reason="end this standing instruction (this week's call it queued is taken back)",
                )
            else:
                ui.text((x + ui.px(10), y), "no standing instruction", "regular", 12, T.TEXT_FAINT)
                y += ui.px(18)
            y += ui.px(8)
            ui.rect(pygame.Rect(x, card_top, width, y - card_top), T.LINE, ui.px(6), width=1)
            y += ui.px(8)
        ui.end_scroll(y + pad)
