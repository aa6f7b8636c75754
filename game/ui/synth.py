"""The game's sounds, made by the game: short cues and a quiet looping theme, synthesised with numpy.

No sound files ship with the game (nothing to license, nothing to go missing): every cue is a few sine or FM
voices under an envelope, built at start-up.  Everything here is pure numpy and returns float arrays in
[-1, 1] of shape (samples,) for a cue or (samples, 2) for the stereo theme; ``game/ui/sound.py`` turns them
into the mixer's format.  Nothing here imports pygame.

The theme loops without a seam because it is built on a circle: every voice's frequency is a whole number of
cycles over the loop, every envelope is periodic, and a note's tail that runs past the end is added back at
the start, so the sample after the last is the first.
"""

from __future__ import annotations

from functools import cache

import numpy as np

RATE = 44100  # samples a second when the mixer does not say otherwise

# How long each cue lasts, in seconds (the tests check the arrays against these).
CUE_SECONDS = {
    "week_end": 0.9,  # the week is over: a soft two-bell close
    "line_gained": 0.75,  # a country crossed a commitment line toward our side: a rising major arpeggio
    "line_lost": 0.9,  # ... away from our side: a falling minor pair, slightly sour
    "news": 0.5,  # a dated event arrived: three quick wire-service blips
    "rival": 1.0,  # Moscow moved: a low FM growl under a tritone
}
CUES = tuple(CUE_SECONDS)

# The theme: four slow chords of eight seconds, a pad with a sparse bell arpeggio over it.
THEME_SECONDS = 32.0
CHORD_SECONDS = 8.0
CROSSFADE_SECONDS = 3.0
EDGE_SECONDS = 0.012  # every cue rises from and falls back to silence over this, so it never clicks

# A minor (add9) - F major 7 - C major - G (sus4 to 3): open voicings, MIDI note numbers.
THEME_CHORDS = (
    (45, 52, 57, 59, 60),
    (41, 48, 53, 57, 64),
    (36, 43, 52, 55, 60),
    (43, 50, 55, 59, 62),
)
# Where in a chord the arpeggio's bells fall (seconds from the chord's start) and which chord tone each plays
# (an index into the chord, an octave up).
ARPEGGIO = ((0.5, 2), (1.75, 3), (3.0, 4), (4.5, 3), (5.5, 2), (6.75, 4))


def midi_hz(note: float) -> float:
    return 440.0 * 2.0 ** ((note - 69) / 12)


def _times(seconds: float, rate: int) -> np.ndarray:
    return np.arange(round(seconds * rate)) / rate


def _edges(signal: np.ndarray, rate: int) -> np.ndarray:
    """Fade the first and last few milliseconds in and out, so the cue starts and ends at exactly zero."""
    n = min(max(2, round(EDGE_SECONDS * rate)), signal.shape[0] // 2)
    ramp = np.sin(np.linspace(0.0, np.pi / 2, n)) ** 2
    out = signal.copy()
    out[:n] *= ramp
    out[-n:] *= ramp[::-1]
    return out


def _normalise(signal: np.ndarray, peak: float) -> np.ndarray:
    top = float(np.max(np.abs(signal)))
    return signal * (peak / top) if top > 0 else signal


def bell(t: np.ndarray, hz: float, decay: float, ratio: float = 2.0, index: float = 1.6) -> np.ndarray:
    """A soft FM bell: a carrier with a modulator at ``ratio`` times its frequency whose depth dies away
    faster than the note, so the attack is bright and the tail a pure tone."""
    envelope = np.exp(-t / decay)
    depth = index * np.exp(-t / (decay * 0.35))
    attack = 1.0 - np.exp(-t / 0.004)  # a few milliseconds of rise: no click at the onset
    return attack * envelope * np.sin(2 * np.pi * hz * t + depth * np.sin(2 * np.pi * hz * ratio * t))


def _place(out: np.ndarray, start: float, note: np.ndarray, rate: int) -> None:
    at = round(start * rate)
    end = min(out.shape[0], at + note.shape[0])
    out[at:end] += note[: end - at]


def _week_end(rate: int) -> np.ndarray:
    t = _times(CUE_SECONDS["week_end"], rate)
    out = np.zeros_like(t)
    _place(out, 0.0, 0.55 * bell(t, midi_hz(67), 0.35), rate)  # G4
    _place(out, 0.16, 0.7 * bell(t, midi_hz(72), 0.45), rate)  # C5: the close
    _place(out, 0.16, 0.25 * bell(t, midi_hz(60), 0.5, ratio=1.0, index=0.4), rate)  # C4 under it
    return out


def _line_gained(rate: int) -> np.ndarray:
    t = _times(CUE_SECONDS["line_gained"], rate)
    out = np.zeros_like(t)
    for i, note in enumerate((72, 76, 79, 84)):  # C E G C: up, and major
        _place(out, i * 0.075, (0.5 + 0.1 * i) * bell(t, midi_hz(note), 0.22, ratio=3.0, index=0.9), rate)
    return out


def _line_lost(rate: int) -> np.ndarray:
    t = _times(CUE_SECONDS["line_lost"], rate)
    out = np.zeros_like(t)
    _place(out, 0.0, 0.6 * bell(t, midi_hz(69), 0.3, ratio=1.41, index=1.2), rate)  # A4
    # F4 a little flat of itself, with a second voice beating against it: down, minor and uneasy
    _place(out, 0.2, 0.5 * bell(t, midi_hz(64.8), 0.38, ratio=1.41, index=1.2), rate)
    _place(out, 0.2, 0.35 * bell(t, midi_hz(65.2), 0.38, ratio=1.0, index=0.3), rate)
    return out


def _news(rate: int) -> np.ndarray:
    t = _times(CUE_SECONDS["news"], rate)
    out = np.zeros_like(t)
    blip = np.exp(-t / 0.035) * (1.0 - np.exp(-t / 0.002))
    for i, hz in enumerate((1320.0, 1320.0, 1760.0)):
        tone = blip * (np.sin(2 * np.pi * hz * t) + 0.3 * np.sin(2 * np.pi * 2 * hz * t))
        _place(out, i * 0.11, 0.5 * tone, rate)
    return out


def _rival(rate: int) -> np.ndarray:
    t = _times(CUE_SECONDS["rival"], rate)
    swell = np.sin(np.pi * np.clip(t / CUE_SECONDS["rival"], 0, 1)) ** 1.5  # rises and sinks back
    low = np.sin(2 * np.pi * midi_hz(38) * t + 1.4 * swell * np.sin(2 * np.pi * midi_hz(38) * 1.5 * t))  # D2
    tritone = np.sin(2 * np.pi * midi_hz(44) * t)  # G#2: the unresolved interval
    return swell * (0.7 * low + 0.35 * tritone)


_BUILDERS = {
    "week_end": _week_end,
    "line_gained": _line_gained,
    "line_lost": _line_lost,
    "news": _news,
    "rival": _rival,
}


@cache
def cue(name: str, rate: int = RATE) -> np.ndarray:
    """The cue ``name`` (one of :data:`CUES`) at ``rate``: mono float64, peak 0.9, silent at both ends.
    Cached: the app makes them once, and every window the tests open reuses them."""
    signal = _edges(_BUILDERS[name](rate), rate)
    out = _normalise(signal, 0.9)
    out.flags.writeable = False
    return out


def sequence(names: tuple[str, ...], rate: int = RATE, gap: float = 0.08) -> np.ndarray:
    """Cues one after another with a short gap, as one array (what a week's end plays)."""
    pause = np.zeros(round(gap * rate))
    parts = []
    for i, name in enumerate(names):
        if i:
            parts.append(pause)
        parts.append(cue(name, rate))
    return np.concatenate(parts) if parts else np.zeros(0)


# ------------------------------------------------------------------------------------------------ the theme


def _on_circle(hz: float, seconds: float) -> float:
    """The frequency nearest ``hz`` that makes a whole number of cycles in ``seconds`` (at most 1/64 Hz off
    for the theme: not to be heard), so a voice ends where it began."""
    return max(1, round(hz * seconds)) / seconds


def _chord_envelope(length: float, fade: float, rate: int) -> np.ndarray:
    """A chord's loudness from its start: a sin² rise over ``fade`` seconds, then 1, then from ``length`` on
    a cos² fall that is the next chord's rise, so that neighbours add up to 1 through the crossfade."""
    x = np.arange(round((length + fade) * rate)) / rate
    rise = np.sin(np.pi / 2 * np.clip(x / fade, 0, 1)) ** 2
    fall = np.cos(np.pi / 2 * np.clip((x - length) / fade, 0, 1)) ** 2
    return rise * fall


def _add_circular(out: np.ndarray, at: int, note: np.ndarray) -> None:
    """Add ``note`` into ``out`` from sample ``at`` on, wrapping what runs past the end round to the start."""
    n = out.shape[0]
    at %= n
    first = min(note.shape[0], n - at)
    out[at : at + first] += note[:first]
    rest = note[first:]
    while rest.shape[0]:
        take = min(rest.shape[0], n)
        out[:take] += rest[:take]
        rest = rest[take:]


@cache
def theme(rate: int = RATE) -> np.ndarray:
    """The looping theme at ``rate``: (samples, 2) float64, peak 0.6, exactly :data:`THEME_SECONDS` long,
    whose first sample follows its last without a step.  Cached like the cues."""
    n = round(THEME_SECONDS * rate)
    loop = n / rate
    left = np.zeros(n)
    right = np.zeros(n)
    fade = CROSSFADE_SECONDS
    envelope = _chord_envelope(CHORD_SECONDS, fade, rate)
    tail = np.arange(round(2.5 * rate)) / rate
    for k, chord in enumerate(THEME_CHORDS):
        # Each chord starts half a crossfade early, so it is fully in by its bar line; the first one's rise
        # is at the end of the loop, under the last chord's fall.
        at = round((k * CHORD_SECONDS - fade / 2) * rate)
        t = (at + np.arange(envelope.shape[0])) / rate  # the loop's own time: each voice's phase continues
        pad_left = np.zeros_like(t)
        pad_right = np.zeros_like(t)
        for i, note in enumerate(chord):
            hz = midi_hz(note)
            root = i == 0  # the root carries the pad, with a touch of its octave; the upper voices colour it
            gain = 0.22 if root else 0.15
            # Two voices a few cents apart, one each side: a slow beating that makes the pad breathe.
            for pad, cents in ((pad_left, -4.0), (pad_right, 4.0)):
                f = _on_circle(hz * 2 ** (cents / 1200), loop)
                pad += gain * np.sin(2 * np.pi * f * t)
                if root:
                    pad += gain * 0.15 * np.sin(2 * np.pi * _on_circle(2 * f, loop) * t)
        _add_circular(left, at, pad_left * envelope)
        _add_circular(right, at, pad_right * envelope)
        # The bells: sparse chord tones an octave up, their tails running on into the next chord.
        for when, tone in ARPEGGIO:
            note = _edges(bell(tail, midi_hz(chord[tone] + 12), 0.7, ratio=2.0, index=0.6), rate) * 0.09
            start = round((k * CHORD_SECONDS + when) * rate)
            pan = 0.35 + 0.3 * (tone % 2)  # alternate a little left and right
            _add_circular(left, start, note * (1 - pan) * 2)
            _add_circular(right, start, note * pan * 2)
    out = _normalise(np.stack([left, right], axis=1), 0.6)
    out.flags.writeable = False
    return out


def to_int16(signal: np.ndarray, channels: int) -> np.ndarray:
    """Float samples in [-1, 1] as the mixer's int16 frames: (samples, channels), clipped so that nothing
    wraps round; a mono cue is copied to every channel, a stereo theme mixed down for a mono mixer."""
    signal = np.asarray(signal, dtype=np.float64)
    if signal.ndim == 1:
        signal = signal[:, None]
    if signal.shape[1] != channels:
        signal = np.repeat(signal.mean(axis=1, keepdims=True), channels, axis=1)
    return np.ascontiguousarray(np.clip(np.round(signal * 32767), -32768, 32767).astype(np.int16))
