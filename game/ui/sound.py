"""What the window plays: the cues of a week and the quiet theme, through one small object the app owns.

A screen or panel plays a cue in one line, ``self.app.sounds.play("news")`` (several in one call play one
after another).  The sounds are synthesised by the game (``synth.py``); the cues are made when the mixer opens
(a few milliseconds), the theme, which takes about half a second, on a thread of its own, so the window never
waits for it: it fades in once it is ready.

No audio device (a classroom machine without a sound card, CI, ``SDL_AUDIODRIVER=dummy`` aside) is no error:
the mixer's failure is one calm line on stderr, and every method here does nothing.  The volume (0-100) and
the mute are the player's preferences (``paths.load_settings``); the settings dialog and Ctrl+M change them.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading

import pygame

from . import synth

THEME_CHANNEL = 0  # reserved: the cues never take it over
CUE_LEVEL = 0.8  # the cues and the theme under the player's volume: the theme stays in the background
THEME_LEVEL = 0.35
THEME_FADE_MS = 4000


def gain(volume: int) -> float:
    """The player's 0-100 as an amplitude: squared, so that the lower half of the scale is not nearly as loud
    as the top (loudness is heard on a logarithmic scale)."""
    return (max(0, min(100, volume)) / 100) ** 2


@contextlib.contextmanager
def _quiet_stderr():
    """Keep the C audio libraries' own complaints (ALSA prints a dozen lines when there is no sound card) off
    the terminal while the mixer opens; the game says why in one line of its own."""
    try:
        saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        yield
        return
    try:
        sys.stderr.flush()
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


class Sounds:
    """The game's cues and theme, or silence when there is no audio device."""

    def __init__(self, volume: int, muted: bool, *, theme: bool = True):
        self.volume = max(0, min(100, int(volume)))
        self.muted = bool(muted)
        self.problem: str | None = None  # why the game is silent, for the settings dialog
        self.opened = False  # did this object open the mixer (and so closes it)
        self._format: tuple[int, int] | None = None  # the mixer's rate and channels
        self._cues: dict[tuple[str, ...], pygame.mixer.Sound] = {}
        self._theme: pygame.mixer.Sound | None = None
        self._lock = threading.Lock()
        self._closed = False
        self.theme_thread: threading.Thread | None = None
        self._open()
        if self.available:
            for name in synth.CUES:
                self._sound((name,))
            if theme:
                self.theme_thread = threading.Thread(target=self._make_theme, name="theme", daemon=True)
                self.theme_thread.start()

    @property
    def available(self) -> bool:
        """Is there a mixer to play on?"""
        return self._format is not None

    @property
    def rate(self) -> int:
        """Samples a second the mixer plays (the rate the sounds are made at)."""
        return self._format[0] if self._format is not None else synth.RATE

    def _open(self) -> None:
        try:
            if not pygame.mixer.get_init():
                with _quiet_stderr():
                    # The rate and the channels may be the device's own; the samples stay 16-bit, as made.
                    changes = pygame.AUDIO_ALLOW_FREQUENCY_CHANGE | pygame.AUDIO_ALLOW_CHANNELS_CHANGE
                    pygame.mixer.init(frequency=synth.RATE, size=-16, channels=2, buffer=1024, allowedchanges=changes)
                self.opened = True
            rate, _, channels = pygame.mixer.get_init()
        except pygame.error as exc:
            self.problem = f"no audio device ({str(exc).strip() or 'the mixer did not open'})"
            print(f"flood-the-zone: {self.problem}: the game plays without sound", file=sys.stderr)
            return
        self._format = (rate, channels)
        pygame.mixer.set_reserved(THEME_CHANNEL + 1)

    def _frames(self, signal) -> pygame.mixer.Sound:
        channels = self._format[1] if self._format is not None else 2
        return pygame.sndarray.make_sound(synth.to_int16(signal, channels))

    def _sound(self, names: tuple[str, ...]) -> pygame.mixer.Sound:
        sound = self._cues.get(names)
        if sound is None:
            sound = self._frames(synth.sequence(names, self.rate))
            if len(self._cues) > 32:  # a handful of weeks' combinations at most: drop the oldest
                self._cues.pop(next(iter(self._cues)))
            self._cues[names] = sound
        return sound

    def _make_theme(self) -> None:
        rate = self.rate
        try:
            sound = self._frames(synth.theme(rate))
            with self._lock:
                if self._closed:
                    return
                self._theme = sound
                self._start_theme()
        except pygame.error:  # the mixer closed under the thread (the window shut at once)
            return

    def _start_theme(self) -> None:
        """Loop the theme on its channel (called with the lock held), unless muted."""
        if self._theme is None or self.muted or self._closed:
            return
        self._theme.set_volume(gain(self.volume) * THEME_LEVEL)
        channel = pygame.mixer.Channel(THEME_CHANNEL)
        channel.set_volume(1.0)
        if not channel.get_busy():
            channel.play(self._theme, loops=-1, fade_ms=THEME_FADE_MS)
        else:
            channel.unpause()

    # ------------------------------------------------------------------------------------------- playing

    def play(self, *names: str) -> None:
        """Play the cues ``names`` (of ``synth.CUES``) one after another; nothing when muted or silent."""
        if not names or self.muted or not self.available or self._closed:
            return
        unknown = [n for n in names if n not in synth.CUE_SECONDS]
        if unknown:
            raise ValueError(f"no sound cue {unknown[0]!r} (the cues: {', '.join(synth.CUES)})")
        sound = self._sound(tuple(names))
        sound.set_volume(gain(self.volume) * CUE_LEVEL)
        sound.play()

    # ---------------------------------------------------------------------------------------- the settings

    def set_volume(self, volume: int) -> None:
        self.volume = max(0, min(100, int(volume)))
        if not self.available:
            return
        with self._lock:
            if self._theme is not None and not self.muted:
                self._theme.set_volume(gain(self.volume) * THEME_LEVEL)

    def set_muted(self, muted: bool) -> None:
        """Mute: every channel to volume 0, the cues stopped and the theme paused where it is; unmute: the
        channels back, the theme going on from there."""
        self.muted = bool(muted)
        if not self.available or self._closed:
            return
        with self._lock:
            for i in range(pygame.mixer.get_num_channels()):
                channel = pygame.mixer.Channel(i)
                if self.muted:
                    channel.set_volume(0.0)
                    if i == THEME_CHANNEL:
                        channel.pause()
                    else:
                        channel.stop()
                else:
                    channel.set_volume(1.0)
            if self._theme is not None:
                self._theme.set_volume(0.0 if self.muted else gain(self.volume) * THEME_LEVEL)
            if not self.muted:
                self._start_theme()

    def toggle_mute(self) -> bool:
        """Mute or unmute; returns whether it is now muted."""
        self.set_muted(not self.muted)
        return self.muted

    def close(self) -> None:
        """Stop everything; close the mixer if this object opened it."""
        with self._lock:
            self._closed = True
            self._theme = None
        self._cues.clear()
        if self.opened and pygame.mixer.get_init():
            pygame.mixer.quit()
        self._format = None
