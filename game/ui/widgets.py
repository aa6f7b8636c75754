"""A small immediate-mode toolkit: screens draw text, buttons, bars and scroll areas into the static layer,
and every clickable thing registers a hotspot.  A click (real or scripted) finds the hotspot and hands its
id to the screen's handler, so the mouse, the keyboard and ``--autoplay`` all end in the same methods."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import pygame

from . import theme as T


@dataclass
class Hotspot:
    id: str
    rect: pygame.Rect  # on screen, clipped to its scroll area
    payload: Any = None
    enabled: bool = True
    tooltip: str = ""
    visible: bool = True
    scroll: str = ""  # the scroll area it lives in ("" for none)
    virtual_y: int = 0  # its top in the scroll area's content, for scrolling it into view
    quiet: bool = False  # an area that only keeps clicks from what lies below it: no hover outline


@dataclass
class ScrollArea:
    name: str
    rect: pygame.Rect
    offset: int = 0
    content: int = 0

    @property
    def max_offset(self) -> int:
        return max(0, self.content - self.rect.height)


@dataclass
class _ScrollFrame:
    area: ScrollArea
    previous_clip: pygame.Rect | None
    previous_dy: int


class TextCache:
    def __init__(self, fonts: T.Fonts, size: int = 3000):
        self.fonts = fonts
        self.size = size
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        # Wrapped lines by (text, style, pixel size, width): re-wrapping measured every word at every redraw,
        # most of a redraw of a text-heavy panel (benchmarks/bench_widgets.py).
        self.wraps: OrderedDict[tuple, tuple[str, ...]] = OrderedDict()

    def render(self, text: str, style: str, size: int, color: T.Color) -> pygame.Surface:
        key = (text, style, size, color)
        surf = self._cache.get(key)
        if surf is not None:
            self._cache.move_to_end(key)
            return surf
        font = self.fonts.for_text(style, size, text)
        surf = font.render(text, True, color)
        self._cache[key] = surf
        if len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return surf


@dataclass
class Ui:
    """Drawing context for one static-layer render."""

    surface: pygame.Surface
    fonts: T.Fonts
    texts: TextCache
    scale: float
    scrolls: dict[str, ScrollArea]
    hotspots: list[Hotspot] = field(default_factory=list)
    dy: int = 0  # vertical offset inside a scroll area
    _frames: list[_ScrollFrame] = field(default_factory=list)

    # ---------------------------------------------------------------------------------------- sizes

    def px(self, value: float) -> int:
        return round(value * self.scale)

    def font(self, style: str, size: float) -> pygame.font.Font:
        return self.fonts.get(style, self.px(size))

    def line_height(self, style: str, size: float) -> int:
        return self.font(style, size).get_linesize()

    def width_of(self, text: str, style: str = "regular", size: float = 14) -> int:
        return self.fonts.for_text(style, self.px(size), text).size(text)[0]

    # ----------------------------------------------------------------------------------------- text

    def fit(self, text: str, style: str, size: float, width: int) -> str:
        """``text`` cut with an ellipsis so that it fits ``width`` pixels."""
        font = self.fonts.for_text(style, self.px(size), text)
        if width <= 0:
            return ""
        if font.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid].rstrip() + "…")[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def text(
        self,
        pos: tuple[int, int],
        text: str,
        style: str = "regular",
        size: float = 14,
        color: T.Color = T.TEXT,
        anchor: str = "topleft",
        max_width: int | None = None,
    ) -> pygame.Rect:
        if max_width is not None:
            text = self.fit(text, style, size, max_width)
        surf = self.texts.render(text, style, self.px(size), color)
        rect = surf.get_rect(**{anchor: (pos[0], pos[1] + self.dy)})
        self.surface.blit(surf, rect)
        return rect.move(0, -self.dy)

    def wrap(self, text: str, style: str, size: float, width: int) -> list[str]:
        key = (text, style, self.px(size), width)
        known = self.texts.wraps.get(key)
        if known is not None:
            self.texts.wraps.move_to_end(key)
            return list(known)
        lines = self._wrap(text, style, size, width)
        self.texts.wraps[key] = tuple(lines)
        if len(self.texts.wraps) > self.texts.size:
            self.texts.wraps.popitem(last=False)
        return lines

    def _wrap(self, text: str, style: str, size: float, width: int) -> list[str]:
        font = self.font(style, size)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            words = paragraph.split(" ")
            line = ""
            for word in words:
                candidate = f"{line} {word}" if line else word
                if font.size(candidate)[0] <= width or not line:
                    line = candidate
                else:
                    lines.append(line)
                    line = word
                while font.size(line)[0] > width and len(line) > 1:  # a single word wider than the box
                    cut = len(line)
                    while cut > 1 and font.size(line[:cut])[0] > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    def paragraph(
        self,
        x: int,
        y: int,
        width: int,
        text: str,
        style: str = "regular",
        size: float = 14,
        color: T.Color = T.TEXT,
        spacing: float = 1.15,
        max_lines: int | None = None,
    ) -> int:
        """Wrapped text; returns the y below it."""
        lines = self.wrap(text, style, size, width)
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self.fit(lines[-1] + " …", style, size, width)
        step = round(self.line_height(style, size) * spacing)
        for line in lines:
            self.text((x, y), line, style, size, color)
            y += step
        return y

    def paragraph_height(self, width: int, text: str, style: str = "regular", size: float = 14, spacing=1.15) -> int:
        return len(self.wrap(text, style, size, width)) * round(self.line_height(style, size) * spacing)

    def runs(self, x: int, y: int, width: int, runs: list[tuple[str, T.Color]], style="regular", size=13.0) -> int:
        """Coloured text runs that wrap at word boundaries (for cause lists); returns the y below.  A run too
        long for the rest of a line continues on the next, so no amount at its end is ever cut off."""
        font = self.font(style, size)
        step = round(font.get_linesize() * 1.1)
        cx = x
        for text, color in runs:
            segment = ""
            seg_x = cx
            for token in re.findall(r"\S+\s*|\s+", text):
                word_w = font.size((segment + token).rstrip())[0]
                if seg_x + word_w > x + width and (segment.strip() or seg_x > x):
                    if segment.strip():
                        self.text((seg_x, y), segment.rstrip(), style, size, color)
                    y += step
                    seg_x = x
                    segment = token.lstrip()
                    if font.size(segment.rstrip())[0] > width:  # one word wider than the box
                        segment = self.fit(segment.rstrip(), style, size, width) + " "
                else:
                    segment += token
            if segment:
                self.text((seg_x, y), segment, style, size, color)
                cx = seg_x + font.size(segment)[0]
            else:
                cx = seg_x
        return y + step

    # ---------------------------------------------------------------------------------------- shapes

    def rect(self, rect: pygame.Rect, color: T.Color, radius: int = 0, width: int = 0) -> None:
        pygame.draw.rect(self.surface, color, pygame.Rect(rect).move(0, self.dy), width, border_radius=radius)

    def line(self, a: tuple[int, int], b: tuple[int, int], color: T.Color, width: int = 1) -> None:
        pygame.draw.line(self.surface, color, (a[0], a[1] + self.dy), (b[0], b[1] + self.dy), width)

    def bar(
        self,
        rect: pygame.Rect,
        value: float,
        lo: float,
        hi: float,
        color: T.Color,
        track: T.Color = T.PANEL_3,
        centered: bool = False,
    ) -> None:
        """A horizontal bar; ``centered`` draws it from the middle of the range (for -100..100)."""
        rect = pygame.Rect(rect)
        self.rect(rect, track, radius=rect.height // 2)
        t = (max(lo, min(hi, value)) - lo) / (hi - lo) if hi > lo else 0
        if centered:
            mid = rect.x + rect.width // 2
            end = rect.x + round(rect.width * t)
            fill = pygame.Rect(min(mid, end), rect.y, max(2, abs(end - mid)), rect.height)
            self.rect(fill, color, radius=rect.height // 2)
            self.line((mid, rect.y - 2), (mid, rect.bottom + 1), T.TEXT_FAINT)
        else:
            fill = pygame.Rect(rect.x, rect.y, max(0, round(rect.width * t)), rect.height)
            if fill.width:
                self.rect(fill, color, radius=rect.height // 2)

    def alignment_scale(self, rect: pygame.Rect, value: float | None = None, marks=()) -> None:
        """The -100..100 colour ramp with an optional marker at ``value`` and threshold ticks."""
        rect = pygame.Rect(rect)
        steps = max(2, rect.width // 3)
        for i in range(steps):
            x0 = rect.x + rect.width * i // steps
            x1 = rect.x + rect.width * (i + 1) // steps
            v = -100 + 200 * (i + 0.5) / steps
            self.rect(pygame.Rect(x0, rect.y, x1 - x0 + 1, rect.height), T.alignment_color(v))
        for m in marks:
            mx = rect.x + round(rect.width * (m + 100) / 200)
            self.line((mx, rect.y - 3), (mx, rect.bottom + 2), T.TEXT_DIM)
        if value is not None:
            vx = rect.x + round(rect.width * (max(-100, min(100, value)) + 100) / 200)
            h = rect.height
            pts = [
                (vx, rect.y + self.dy - 2),
                (vx - h // 2 - 3, rect.y + self.dy - h - 4),
                (vx + h // 2 + 3, rect.y + self.dy - h - 4),
            ]
            pygame.draw.polygon(self.surface, T.TEXT, pts)
            self.line((vx, rect.y - 1), (vx, rect.bottom), T.BG, 2)

    # -------------------------------------------------------------------------------------- hotspots

    def hotspot(self, id: str, rect: pygame.Rect, payload=None, enabled=True, tooltip="", quiet=False) -> Hotspot:
        virtual = pygame.Rect(rect)
        screen_rect = virtual.move(0, self.dy)
        visible = True
        scroll = ""
        if self._frames:
            area = self._frames[-1].area
            scroll = area.name
            clipped = screen_rect.clip(area.rect)
            visible = clipped.width > 0 and clipped.height > 0
            screen_rect = clipped if visible else screen_rect
        spot = Hotspot(id, screen_rect, payload, enabled, tooltip, visible, scroll, virtual.y, quiet)
        # Later registrations win hit tests, so replace an earlier spot with the same id.
        self.hotspots = [h for h in self.hotspots if h.id != id]
        self.hotspots.append(spot)
        return spot

    def button(
        self,
        id: str,
        rect: pygame.Rect,
        label: str,
        *,
        enabled: bool = True,
        reason: str = "",
        kind: str = "secondary",
        selected: bool = False,
        payload=None,
        hint: str = "",
        size: float = 14,
        align: str = "center",
    ) -> Hotspot:
        rect = pygame.Rect(rect)
        radius = self.px(6)
        if kind == "primary":
            bg, fg, border = (T.ACCENT, (25, 25, 25), None) if enabled else (T.PANEL_3, T.TEXT_FAINT, None)
        elif kind == "danger":
            bg, fg, border = ((120, 45, 45), T.TEXT, None) if enabled else (T.PANEL_3, T.TEXT_FAINT, None)
        elif kind == "ghost":
            bg, fg, border = (None, T.TEXT if enabled else T.TEXT_FAINT, None)
        else:
            bg = T.PANEL_3 if enabled else T.PANEL_2
            fg = T.TEXT if enabled else T.TEXT_FAINT
            border = T.LINE
        if selected:
            bg, fg, border = (60, 74, 96), T.ACCENT, T.ACCENT
        if bg is not None:
            self.rect(rect, bg, radius)
        if border is not None:
            self.rect(rect, border, radius, width=max(1, self.px(1)))
        style = "semibold"
        hint_w = 0
        if hint:
            hint_w = self.width_of(hint, "regular", size - 2) + self.px(10)
        inner = rect.width - self.px(16) - hint_w
        if align == "left":
            self.text((rect.x + self.px(10), rect.centery), label, style, size, fg, "midleft", max_width=inner)
        else:
            self.text((rect.centerx - hint_w // 2, rect.centery), label, style, size, fg, "center", max_width=inner)
        if hint:
            hint_color = (70, 60, 30) if kind == "primary" and enabled and not selected else T.TEXT_FAINT
            self.text((rect.right - self.px(8), rect.centery), hint, "regular", size - 2, hint_color, "midright")
        return self.hotspot(id, rect, payload, enabled, reason)

    # ---------------------------------------------------------------------------------------- scroll

    def begin_scroll(self, name: str, rect: pygame.Rect) -> ScrollArea:
        area = self.scrolls.get(name)
        if area is None:
            area = self.scrolls[name] = ScrollArea(name, pygame.Rect(rect))
        area.rect = pygame.Rect(rect)
        self._frames.append(_ScrollFrame(area, self.surface.get_clip(), self.dy))
        self.surface.set_clip(area.rect)
        self.dy = self.dy - area.offset
        return area

    def end_scroll(self, content_bottom: int) -> None:
        frame = self._frames.pop()
        area = frame.area
        area.content = content_bottom - area.rect.y
        area.offset = max(0, min(area.offset, area.max_offset))
        self.surface.set_clip(frame.previous_clip)
        self.dy = frame.previous_dy
        if area.max_offset > 0:  # a thin scroll bar
            track = pygame.Rect(area.rect.right - self.px(4), area.rect.y + 2, self.px(3), area.rect.height - 4)
            pygame.draw.rect(self.surface, T.PANEL_2, track, border_radius=2)
            h = max(self.px(20), track.height * area.rect.height // max(1, area.content))
            y = track.y + (track.height - h) * area.offset // max(1, area.max_offset)
            pygame.draw.rect(self.surface, T.TEXT_FAINT, (track.x, y, track.width, h), border_radius=2)

    def panel(self, rect: pygame.Rect, color: T.Color = T.PANEL, radius: int = 0) -> None:
        self.rect(rect, color, radius)

    def heading(self, x: int, y: int, text: str, width: int | None = None, size: float = 12) -> int:
        """A small-caps section heading with a rule; returns the y below."""
        r = self.text((x, y), text.upper(), "semibold", size, T.TEXT_FAINT)
        if width:
            self.line((r.right + self.px(8), r.centery), (x + width, r.centery), T.LINE)
        return r.bottom + self.px(6)


def draw_tooltip(
    surface: pygame.Surface,
    texts: TextCache,
    scale: float,
    pos,
    lines: list[tuple[str, str, T.Color]],
    avoid: tuple[pygame.Rect, ...] = (),
) -> pygame.Rect | None:
    """A floating box near ``pos`` that stays inside the window and off ``avoid`` (the tutorial's card) where it
    can; ``lines`` are (text, style, colour)."""
    size = round(13 * scale)
    pad = round(8 * scale)
    limit = round(440 * scale)  # a long line (a description, a source) wraps instead of crossing the window
    rendered = []
    for t, style, color in lines:
        if not t:
            continue
        font = texts.fonts.get(style, size)
        line = ""
        for word in t.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and font.size(candidate)[0] > limit:
                rendered.append(texts.render(line, style, size, color))
                line = word
            else:
                line = candidate
        rendered.append(texts.render(line, style, size, color))
    if not rendered:
        return None
    w = max(s.get_width() for s in rendered) + 2 * pad
    h = sum(s.get_height() for s in rendered) + 2 * pad
    sw, sh = surface.get_size()
    right, left = pos[0] + round(16 * scale), pos[0] - w - round(10 * scale)
    below, above = pos[1] + round(18 * scale), pos[1] - h - round(10 * scale)
    places = []
    for x, y in ((right, below), (left, below), (right, above), (left, above)):
        x = left if x + w > sw - 4 and x == right else x
        y = above if y + h > sh - 4 and y == below else y
        places.append(pygame.Rect(max(4, x), max(4, y), w, h))
    for r in avoid:  # no room beside the pointer: below, left or right of what must stay clear
        for x, y in ((pos[0] - w // 2, r.bottom + 6), (r.left - w - 6, pos[1]), (r.right + 6, pos[1])):
            box = pygame.Rect(min(max(4, x), sw - w - 4), min(max(4, y), sh - h - 4), w, h)
            places.append(box)
    box = next((b for b in places if not any(b.colliderect(r) for r in avoid)), places[0])
    x, y = box.topleft
    shadow = box.move(3, 3)
    pygame.draw.rect(surface, (8, 10, 14), shadow, border_radius=6)
    pygame.draw.rect(surface, (38, 47, 62), box, border_radius=6)
    pygame.draw.rect(surface, T.LINE, box, 1, border_radius=6)
    cy = y + pad
    for s in rendered:
        surface.blit(s, (x + pad, cy))
        cy += s.get_height()
    return box.inflate(4, 4).move(2, 2)


# -------------------------------------------------------------------------------------------- text entry


def clipboard_text() -> str | None:
    """The system clipboard's text, or None where there is no clipboard (a dummy video driver, some Linux
    sessions without a clipboard manager)."""
    try:
        import pygame.scrap as scrap

        text = scrap.get_text()
    except (pygame.error, AttributeError, NotImplementedError, SystemError):
        return None
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return text or None


def copy_text(text: str) -> bool:
    """Put ``text`` on the system clipboard; False where there is none."""
    try:
        import pygame.scrap as scrap

        scrap.put_text(text)
    except (pygame.error, AttributeError, NotImplementedError, SystemError):
        return False
    return True


class TextEntry:
    """A one-line text field for this toolkit: a caret, ← → Home End, Backspace and Delete, Ctrl+V to paste.

    The screen owns the focus: it passes its key events to :meth:`handle_key` while the field has it, and draws
    the field with :meth:`draw` (which registers the hotspot that focuses it).  Characters come from the key
    events' ``unicode`` (filled from the system's text input, so keyboard layouts work); ``allowed`` filters
    them (a seed takes digits only)."""

    def __init__(self, text: str = "", max_length: int = 40, allowed=None):
        self.max_length = max_length
        self.allowed = allowed or (lambda ch: ch.isprintable())
        self.text = ""
        self.cursor = 0
        self.set(text)

    def set(self, text: str) -> None:
        self.text = "".join(ch for ch in str(text) if self.allowed(ch))[: self.max_length]
        self.cursor = len(self.text)

    def insert(self, text: str) -> bool:
        """Insert at the caret what the filter lets through (a paste may bring a newline: it is dropped);
        returns whether anything was inserted."""
        chars = "".join(ch for ch in text if ch not in "\r\n\t" and self.allowed(ch))
        room = self.max_length - len(self.text)
        chars = chars[: max(0, room)]
        if not chars:
            return False
        self.text = self.text[: self.cursor] + chars + self.text[self.cursor :]
        self.cursor += len(chars)
        return True

    def paste(self) -> bool:
        text = clipboard_text()
        return text is not None and self.insert(text.strip())

    def handle_key(self, event) -> bool:
        """Edit the text for a key press; returns whether the key was an editing key (the text may be
        unchanged, e.g. Backspace at the start)."""
        key = event.key
        command = event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META)
        if key == pygame.K_BACKSPACE:
            if self.cursor > 0:
                cut = 0 if command else self.cursor - 1  # Ctrl+Backspace: everything before the caret
                self.text = self.text[:cut] + self.text[self.cursor :]
                self.cursor = cut
        elif key == pygame.K_DELETE:
            self.text = self.text[: self.cursor] + self.text[self.cursor + 1 :]
        elif key == pygame.K_LEFT:
            self.cursor = 0 if command else max(0, self.cursor - 1)
        elif key == pygame.K_RIGHT:
            self.cursor = len(self.text) if command else min(len(self.text), self.cursor + 1)
        elif key == pygame.K_HOME:
            self.cursor = 0
        elif key == pygame.K_END:
            self.cursor = len(self.text)
        elif command and key == pygame.K_v:
            self.paste()
        elif command and key == pygame.K_a:
            self.cursor = len(self.text)
        elif command:
            return False  # Ctrl+Q and friends stay the app's
        else:
            text = getattr(event, "unicode", "") or ""
            return self.insert(text) if text.isprintable() and text else False
        return True

    def draw(
        self,
        ui: Ui,
        id: str,
        rect: pygame.Rect,
        focused: bool,
        placeholder: str = "",
        size: float = 16,
        style: str = "semibold",
        tooltip: str = "",
    ) -> Hotspot:
        """The field: its box, the text (scrolled so that the caret stays in sight), the caret when focused,
        and the placeholder in faint text when empty."""
        rect = pygame.Rect(rect)
        radius = ui.px(6)
        ui.rect(rect, (16, 21, 29), radius)
        ui.rect(rect, T.ACCENT if focused else T.LINE, radius, width=max(1, ui.px(2 if focused else 1)))
        pad = ui.px(10)
        inner = rect.inflate(-2 * pad, 0)
        font = ui.fonts.for_text(style, ui.px(size), self.text)
        if not self.text:
            if placeholder:
                ui.text(
                    (inner.x, rect.centery),
                    placeholder,
                    "regular",
                    size - 1,
                    T.TEXT_FAINT,
                    "midleft",
                    max_width=inner.width,
                )
            caret_x = inner.x
        else:
            before = font.size(self.text[: self.cursor])[0]
            shift = max(0, before - inner.width + ui.px(2))
            clip = ui.surface.get_clip()
            ui.surface.set_clip(inner.move(0, ui.dy).clip(clip))
            ui.text((inner.x - shift, rect.centery), self.text, style, size, T.TEXT, "midleft")
            ui.surface.set_clip(clip)
            caret_x = inner.x + before - shift
        if focused:
            h = font.get_height()
            ui.line((caret_x, rect.centery - h // 2), (caret_x, rect.centery + h // 2), T.ACCENT, max(1, ui.px(2)))
        return ui.hotspot(id, rect, tooltip=tooltip)
